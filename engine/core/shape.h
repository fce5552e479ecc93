// Shapes and strides: the index arithmetic shared by every tensor operation
// (numel, contiguous strides, dimension wrapping, PyTorch's broadcasting rule).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

#include "engine/core/small_vec.h"

namespace gradlab {

using Shape = SmallVec<int64_t, 6>;
using Strides = SmallVec<int64_t, 6>;

int64_t numelOf(const Shape& shape);
Strides contiguousStrides(const Shape& shape);
// Wraps a possibly negative dimension into [0, rank); throws with `what` on a bad index.
int64_t wrapDim(int64_t dim, int64_t rank, const char* what);
// The broadcast shape of a and b by PyTorch's rule (align right, 1 stretches); throws if they clash.
Shape broadcastShapes(const Shape& a, const Shape& b, const char* what);
std::string shapeStr(const Shape& s);  // "(2, 3)"
std::ostream& operator<<(std::ostream& os, const Shape& s);

}  // namespace gradlab
