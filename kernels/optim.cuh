// Fused optimizer updates on CUDA: one launch per parameter tensor per step, each thread applying
// the per-element formula of kernels/optimizer_math.h (the CPU path's, bit for bit in intent).
// All pointers: n contiguous floats on the device; state pointers not used by the options may be null.
#pragma once

#include <cuda_runtime.h>
#include <stdint.h>

#include "kernels/optimizer_math.h"

namespace gradlab::kernels {

cudaError_t launchSgd(float* p, const float* g, float* buf, int64_t n, bool initBuf, const optim_math::SgdCoeffs& c,
                      cudaStream_t stream);
cudaError_t launchRmsprop(float* p, const float* g, float* sq, float* ga, float* buf, int64_t n,
                          const optim_math::RmspropCoeffs& c, cudaStream_t stream);
cudaError_t launchAdagrad(float* p, const float* g, float* sum, int64_t n, const optim_math::AdagradCoeffs& c,
                          cudaStream_t stream);
cudaError_t launchAdam(float* p, const float* g, float* m, float* v, float* vmax, int64_t n,
                       const optim_math::AdamCoeffs& c, cudaStream_t stream);
cudaError_t launchNadam(float* p, const float* g, float* m, float* v, int64_t n, const optim_math::NadamCoeffs& c,
                        cudaStream_t stream);

}  // namespace gradlab::kernels
