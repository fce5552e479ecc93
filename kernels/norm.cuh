// Layer norm and batch norm on CUDA, forward and backward. Statistics are summed in double in a
// fixed order (one block per row or channel), as the CPU backend does.
#pragma once

#include <cuda_runtime.h>
#include <stdint.h>

namespace gradlab::kernels {

// x, y: (rows, n); w, b: (n) or null; mean, rstd: (rows). y = (x - mean) rstd w + b.
cudaError_t launchLayerNorm(const float* x, const float* w, const float* b, float eps, int64_t rows, int64_t n,
                            float* y, float* mean, float* rstd, cudaStream_t stream);
// Any of dx (rows, n), dw, db (n) may be null (not wanted).
cudaError_t launchLayerNormBackward(const float* x, const float* mean, const float* rstd, const float* w,
                                    const float* dy, int64_t rows, int64_t n, float* dx, float* dw, float* db,
                                    cudaStream_t stream);
// x: (N, C, S). mean, invstd: (C); runningMean / runningVar (C) or null, updated with momentum.
cudaError_t launchBatchNormStats(const float* x, int64_t n, int64_t c, int64_t s, double eps, double momentum,
                                 float* mean, float* invstd, float* runningMean, float* runningVar,
                                 cudaStream_t stream);
// y = (x - mean) invstd w + b per channel (w, b may be null: 1 and 0).
cudaError_t launchBatchNormApply(const float* x, int64_t n, int64_t c, int64_t s, const float* mean,
                                 const float* invstd, const float* w, const float* b, float* y, cudaStream_t stream);
// dx, dw, db may be null. training: mean and invstd are functions of x.
cudaError_t launchBatchNormBackward(const float* x, const float* dy, int64_t n, int64_t c, int64_t s,
                                    const float* mean, const float* invstd, const float* w, bool training, float* dx,
                                    float* dw, float* db, cudaStream_t stream);

}  // namespace gradlab::kernels
