// The convolution helpers on CUDA: im2col / col2im for a chunk of images, the bias add and the
// bias gradient. The products themselves run on our SGEMM (gemm.cuh), called by the engine.
#pragma once

#include <cuda_runtime.h>

#include "kernels/nn_geometry.h"

namespace gradlab::kernels {

// x: (nb, C, H, W) -> col: (nb, C kh kw, oh ow); padding reads as 0.
cudaError_t launchIm2col(const Conv2dGeom& g, const float* x, int64_t nb, float* col, cudaStream_t stream);
// col: (nb, C kh kw, oh ow) -> dx: (nb, C, H, W), each input the sum of the taps that read it (overwritten).
cudaError_t launchCol2im(const Conv2dGeom& g, const float* col, int64_t nb, float* dx, cudaStream_t stream);
// out: (N, O, S) += bias[o].
cudaError_t launchAddBias(float* out, const float* bias, int64_t n, int64_t o, int64_t s, cudaStream_t stream);
// dbias[o] = sum over N and S of dout (N, O, S), in double.
cudaError_t launchBiasGrad(const float* dout, int64_t n, int64_t o, int64_t s, float* dbias, cudaStream_t stream);

}  // namespace gradlab::kernels
