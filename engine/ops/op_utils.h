// Helpers shared by the op implementations (not part of the public API).
#pragma once

#include "engine/autograd/autograd.h"
#include "engine/core/error.h"
#include "engine/ops/backend.h"
#include "engine/ops/ops.h"

namespace gradlab::detail {

// A non-differentiable view of t broadcast to `shape` (stride 0 on stretched dimensions).
Tensor broadcastView(const Tensor& t, const Shape& shape);
// Throws unless every tensor is defined and on the same device; returns that device.
Device commonDevice(const char* op, std::initializer_list<const Tensor*> ts);
// x without graph and contiguous (a copy only when x is not contiguous).
Tensor raw(const Tensor& x);
// Normalised, sorted, de-duplicated dims (empty span = all dims).
Shape reduceDims(std::span<const int64_t> dims, int64_t rank, const char* op);
// Checks that every value of idx is an integer in [0, n) (or equals `allowed`, e.g. ignore_index).
void checkIndices(const Tensor& idx, int64_t n, const char* op, int64_t allowed = INT64_MIN);

}  // namespace gradlab::detail
