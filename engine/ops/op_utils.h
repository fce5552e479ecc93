// Helpers shared by the op implementations (not part of the public API).
#pragma once

#include "engine/autograd/autograd.h"
#include "engine/core/error.h"
#include "engine/ops/backend.h"
#include "engine/ops/ops.h"

namespace gradlab::detail {

// t broadcast to `shape` (stride 0 on stretched dimensions), for a kernel: t itself when it has
// that shape already, else a view without graph.
Tensor broadcastView(const Tensor& t, const Shape& shape);
// Throws unless every tensor is defined and on the same device; returns that device.
Device commonDevice(const char* op, std::initializer_list<const Tensor*> ts);
// x without graph and contiguous (a copy only when x is not contiguous): for values a backward
// closure saves.
Tensor raw(const Tensor& x);
// x itself when contiguous, else a contiguous copy: for handing to a kernel right away (no
// TensorImpl is made for the common contiguous case; the handle may still carry x's graph).
Tensor contig(const Tensor& x);
// True when nothing but the caller's own handle `t` (held by reference, not copied) can see t's
// memory: no other handle, view or saved value. Its buffer may then be overwritten in place.
bool exclusive(const Tensor& t);
// Normalised, sorted, de-duplicated dims (empty span = all dims).
Shape reduceDims(std::span<const int64_t> dims, int64_t rank, const char* op);
// Checks that every value of idx is an integer in [0, n) (or equals `allowed`, e.g. ignore_index).
void checkIndices(const Tensor& idx, int64_t n, const char* op, int64_t allowed = INT64_MIN);

// softmax (log: log_softmax) of x (rank >= 1) along one dim, without graph, kept as the backward
// needs it: `rows` is the result with that dim moved last, contiguous.
struct SoftmaxRows {
    Tensor rows;
    int64_t dim;  // normalised
    bool last;    // dim is x's last dim: rows is the result itself
    bool log;
    Tensor result() const;  // the result in x's layout (a new handle on rows' memory or a copy)
};
SoftmaxRows softmaxRows(const Tensor& x, int64_t dim, bool log);
// d x for dy (the result's shape), the backward of softmaxRows.
Tensor softmaxGrad(const SoftmaxRows& s, const Tensor& dy);

}  // namespace gradlab::detail
