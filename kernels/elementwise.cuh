// Elementwise CUDA kernels: fill, copy, unary ops and their gradients, broadcasting binary ops and
// where. One generic kernel per family, driven by the shape and the operands' strides (StridedND);
// the scalar formulas are those of the CPU backend (kernels/elementwise_math.h).
#pragma once

#include <cuda_runtime.h>
#include <stdint.h>

#include "kernels/common.cuh"
#include "kernels/elementwise_math.h"

namespace gradlab::kernels {

// dst: n elements laid out by L (operand 0). dst[i] = value.
cudaError_t launchFill(float* dst, const StridedND<1>& L, int64_t n, float value, cudaStream_t stream);
// Operand 0 = dst, 1 = src (same shape, any strides; they must not overlap).
cudaError_t launchCopy(float* dst, const float* src, const StridedND<2>& L, int64_t n, cudaStream_t stream);
// x, y: n contiguous floats (y may be x). y = f(x; p0, p1).
cudaError_t launchUnary(UnaryOp op, const float* x, float* y, int64_t n, float p0, float p1, cudaStream_t stream);
// x, y, dy, dx: n contiguous floats; x or y may be null when the formula does not read it; dx may be dy.
cudaError_t launchUnaryBackward(UnaryOp op, const float* x, const float* y, const float* dy, float* dx, int64_t n,
                                float p0, float p1, cudaStream_t stream);
// Operand 0 = out, 1 = a, 2 = b (stride 0 on broadcast dims). out may be a or b (same layout).
cudaError_t launchBinary(BinaryOp op, float* out, const float* a, const float* b, const StridedND<3>& L, int64_t n,
                         cudaStream_t stream);
// Operand 0 = out, 1 = cond, 2 = a, 3 = b. out = cond != 0 ? a : b.
cudaError_t launchWhere(float* out, const float* cond, const float* a, const float* b, const StridedND<4>& L,
                        int64_t n, cudaStream_t stream);

}  // namespace gradlab::kernels
