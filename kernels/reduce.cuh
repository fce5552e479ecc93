// Reductions along one axis and row softmax on CUDA. Sums accumulate in double (as the CPU
// backend) and are combined in a fixed tree order: the same input gives the same bits every run.
#pragma once

#include <cuda_runtime.h>
#include <stdint.h>

namespace gradlab::kernels {

enum class ReduceKind : int { Sum = 0, Max = 1, Min = 2 };

// x: contiguous (outer, n, inner); out: (outer, inner); indices (may be null; Max/Min only): the
// position along n of the chosen element as a float (first on ties; the first NaN wins).
cudaError_t launchReduce(ReduceKind kind, const float* x, int64_t outer, int64_t n, int64_t inner, float* out,
                         float* indices, cudaStream_t stream);
// x, y: contiguous (rows, n). y = softmax(x) (or log_softmax) of each row; stable (max subtracted).
cudaError_t launchSoftmax(const float* x, float* y, int64_t rows, int64_t n, bool log, cudaStream_t stream);
// y: the forward's output; dy, dx: (rows, n). dx = y (dy - sum(dy y)) or dy - exp(y) sum(dy).
cudaError_t launchSoftmaxBackward(const float* y, const float* dy, float* dx, int64_t rows, int64_t n, bool log,
                                  cudaStream_t stream);
// out[i] = sum_b in[b * size + i] (+ out[i] when accumulate), b < batches; in double.
cudaError_t launchSumBatches(const float* in, int64_t batches, int64_t size, float* out, bool accumulate,
                             cudaStream_t stream);

}  // namespace gradlab::kernels
