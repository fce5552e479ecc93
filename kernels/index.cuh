// Gather-style CUDA kernels along one axis of an (outer, n, inner) view: index_select and its
// backward index_add, gather and its backward scatter_add. Indices are floats holding integers,
// range-checked by the op before the launch. The adds use atomicAdd (their order may vary).
#pragma once

#include <cuda_runtime.h>
#include <stdint.h>

namespace gradlab::kernels {

// With `small` (outer, k, inner) and `big` (outer, n, inner), element t = (o, j, i) of small is
// paired with row r(t) of big, r(t) = index[j] (index: (k)) for the IndexSelect pair, index[t]
// (index: (outer, k, inner)) for the Gather pair.
enum class IndexOp {
    IndexSelect,  // small[t] = big[o, r(t), i]
    IndexAdd,     // big[o, r(t), i] += small[t]
    Gather,       // small[t] = big[o, r(t), i]
    ScatterAdd,   // big[o, r(t), i] += small[t]
};
cudaError_t launchIndex(IndexOp op, float* big, int64_t outer, int64_t n, int64_t inner, const float* index,
                        int64_t k, float* small, cudaStream_t stream);

}  // namespace gradlab::kernels
