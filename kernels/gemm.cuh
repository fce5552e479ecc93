// Our own SGEMM: C = A B (+ C), batched, every operand read and written through its own strides
// (a transposed view costs nothing). Shared-memory tiles of 64 x 64 with a 16-deep K slice;
// each thread keeps a 4 x 4 block of C in registers. Full FP32 (no TF32).
#pragma once

#include <cuda_runtime.h>
#include <stdint.h>

#include "kernels/common.cuh"

namespace gradlab::kernels {

struct GemmArgs {
    const float* a;  // (M, K) at element (i, k): a[i * ars + k * acs]
    const float* b;  // (K, N): b[k * brs + j * bcs]
    float* c;        // (M, N): c[i * crs + j * ccs]
    int64_t M, N, K;
    int64_t ars, acs, brs, bcs, crs, ccs;
    BatchND<3> batch;    // batch -> offsets of a (0), b (1), c (2)
    int64_t batchCount;  // product of batch.size (1 when batch.ndim == 0)
    float beta;          // C = A B + beta C; beta 0 overwrites (C's old contents are never read)
};

cudaError_t launchGemm(const GemmArgs& args, cudaStream_t stream);

}  // namespace gradlab::kernels
