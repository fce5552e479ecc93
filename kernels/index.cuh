// Gather-style CUDA kernels along one axis of an (outer, n, inner) view: index_select and its
// backward index_add, gather and its backward scatter_add. Indices are floats holding integers,
// range-checked by the op before the launch. The adds use atomicAdd (their order may vary).
#pragma once

#include <cuda_runtime.h>
#include <stdint.h>

namespace gradlab::kernels {

// x: (outer, n, inner); index: (k); out: (outer, k, inner).
cudaError_t launchIndexSelect(const float* x, int64_t outer, int64_t n, int64_t inner, const float* index, int64_t k,
                              float* out, cudaStream_t stream);
// dx: (outer, n, inner) += dy (outer, k, inner) at rows index (k).
cudaError_t launchIndexAdd(float* dx, int64_t outer, int64_t n, int64_t inner, const float* index, int64_t k,
                           const float* dy, cudaStream_t stream);
// x: (outer, n, inner); index, out: (outer, k, inner). out[o,j,i] = x[o, index[o,j,i], i].
cudaError_t launchGather(const float* x, int64_t outer, int64_t n, int64_t inner, const float* index, int64_t k,
                         float* out, cudaStream_t stream);
// dx[o, index[o,j,i], i] += dy[o,j,i].
cudaError_t launchScatterAdd(float* dx, int64_t outer, int64_t n, int64_t inner, const float* index, int64_t k,
                             const float* dy, cudaStream_t stream);

}  // namespace gradlab::kernels
