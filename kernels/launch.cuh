// Launch helpers of the .cu files (nvcc only: host C++ that includes the launchers' headers never
// sees the <<<>>> syntax): the grid-stride loop and the two launch shapes every kernel uses.
#pragma once

#include <cuda_runtime.h>
#include <stdint.h>

#include "kernels/common.cuh"

namespace gradlab::kernels {

constexpr int kRowThreads = 256;  // threads per block of the kernels that give one row to one block

// The loop of a one-thread-per-element kernel: t runs over [0, total) with a grid stride.
#define GL_GRID_LOOP(t, total) \
    for (int64_t t = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; t < (total); t += int64_t(gridDim.x) * blockDim.x)

// Launches a one-thread-per-element kernel over n elements (blocksFor(n) blocks of kThreads; no
// launch when n <= 0) and returns the launch's error.
template <class... Params, class... Args>
cudaError_t launchPerElement(void (*kernel)(Params...), int64_t n, cudaStream_t stream, Args... args) {
    if (n <= 0) return cudaSuccess;
    kernel<<<blocksFor(n), kThreads, 0, stream>>>(args...);
    return cudaGetLastError();
}

// Launches a kernel that gives one row to one block: `rows` blocks of kRowThreads (no launch when
// rows <= 0); returns the launch's error.
template <class... Params, class... Args>
cudaError_t launchPerRow(void (*kernel)(Params...), int64_t rows, cudaStream_t stream, Args... args) {
    if (rows <= 0) return cudaSuccess;
    kernel<<<unsigned(rows), kRowThreads, 0, stream>>>(args...);
    return cudaGetLastError();
}

}  // namespace gradlab::kernels
