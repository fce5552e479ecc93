// Shared helpers of the CUDA kernels: launch geometry, the strided-layout descriptor that lets one
// elementwise kernel walk any views (broadcast dims have stride 0), and a batch indexer for
// batched GEMMs over several leading dims. Plain numbers only; no engine headers.
#pragma once

#include <cuda_runtime.h>
#include <stdint.h>

namespace gradlab::kernels {

constexpr int kMaxDims = 16;   // ranks above this are refused by the caller (as on the CPU)
constexpr int kThreads = 256;  // threads per block of the simple one-thread-per-element kernels

// Blocks for n elements at kThreads each, capped so that grid-stride loops cover the rest.
inline unsigned blocksFor(int64_t n) {
    int64_t b = (n + kThreads - 1) / kThreads;
    if (b > 65535 * 8) b = 65535 * 8;
    return unsigned(b < 1 ? 1 : b);
}

// K operands of one shape (ndim sizes) with their own strides, passed to kernels by value.
// Element i in row-major order lives at base_k + sum_d coord_d(i) * stride[k][d].
template <int K>
struct StridedND {
    int ndim;
    int64_t size[kMaxDims];
    int64_t stride[K][kMaxDims];

    // Offsets of the linear index i in each operand.
    __device__ __forceinline__ void offsets(int64_t i, int64_t (&off)[K]) const {
        for (int k = 0; k < K; ++k) off[k] = 0;
        for (int d = ndim - 1; d >= 0; --d) {
            const int64_t s = size[d];
            const int64_t c = i % s;
            i /= s;
            for (int k = 0; k < K; ++k) off[k] += c * stride[k][d];
        }
    }
};

// Up to 4 batch dims with per-operand strides: batch b -> element offset of operand k.
constexpr int kMaxBatchDims = 4;
template <int K>
struct BatchND {
    int ndim;  // 0: a single batch at offset 0
    int64_t size[kMaxBatchDims];
    int64_t stride[K][kMaxBatchDims];

    __host__ __device__ __forceinline__ int64_t offset(int k, int64_t b) const {
        int64_t off = 0;
        for (int d = ndim - 1; d >= 0; --d) {
            off += (b % size[d]) * stride[k][d];
            b /= size[d];
        }
        return off;
    }
};

}  // namespace gradlab::kernels
