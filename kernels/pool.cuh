// 2-D pooling on CUDA (max, average, adaptive average), forward and backward. Geometry in
// kernels/nn_geometry.h; window, tie and NaN rules as the CPU backend (PyTorch's).
#pragma once

#include <cuda_runtime.h>

#include "kernels/nn_geometry.h"

namespace gradlab::kernels {

// x: (planes, h, w); out, indices: (planes, oh, ow); indices as floats (row * w + column).
cudaError_t launchMaxPool2d(const Pool2dGeom& g, const float* x, float* out, float* indices, cudaStream_t stream);
// dx: (planes, h, w), overwritten.
cudaError_t launchMaxPool2dBackward(const Pool2dGeom& g, const float* dout, const float* indices, float* dx,
                                    cudaStream_t stream);
// avg_pool2d or adaptive_avg_pool2d (g.adaptive): windows as avgPoolWindow. dx overwritten.
cudaError_t launchAvgPool2d(const Pool2dGeom& g, const float* x, float* out, cudaStream_t stream);
cudaError_t launchAvgPool2dBackward(const Pool2dGeom& g, const float* dout, float* dx, cudaStream_t stream);

}  // namespace gradlab::kernels
