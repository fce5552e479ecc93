// Block-wide reductions for kernels that give one row to one block (blockDim.x a power of two,
// at most 1024). The tree order is fixed, so results are reproducible.
#pragma once

#include <cuda_runtime.h>

namespace gradlab::kernels {

// Sum of v over the block; every thread gets the result. `scratch`: blockDim.x values in shared memory.
template <class T>
__device__ __forceinline__ T blockSum(T v, T* scratch) {
    scratch[threadIdx.x] = v;
    __syncthreads();
    for (unsigned s = blockDim.x / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) scratch[threadIdx.x] += scratch[threadIdx.x + s];
        __syncthreads();
    }
    const T r = scratch[0];
    __syncthreads();  // scratch may be reused right away
    return r;
}

// Largest value with NaN winning (torch's max): every thread gets the result.
__device__ __forceinline__ float blockMaxNan(float v, float* scratch) {
    scratch[threadIdx.x] = v;
    __syncthreads();
    for (unsigned s = blockDim.x / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) {
            const float a = scratch[threadIdx.x], b = scratch[threadIdx.x + s];
            scratch[threadIdx.x] = (a != a || a > b) ? a : (b != b ? b : (b > a ? b : a));
        }
        __syncthreads();
    }
    const float r = scratch[0];
    __syncthreads();
    return r;
}

}  // namespace gradlab::kernels
