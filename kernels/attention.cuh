// The row-wise parts of scaled dot-product attention on CUDA; the two products of each direction
// run on our SGEMM (gemm.cuh), called by the engine.
#pragma once

#include <cuda_runtime.h>
#include <stdint.h>

#include "kernels/common.cuh"

namespace gradlab::kernels {

// The additive mask of attention, read through strides: row (n, i), column j is at
// mask + batch.offset(0, n) + i * rs + j * cs. ptr null: no mask.
struct MaskView {
    const float* ptr;
    BatchND<1> batch;
    int64_t rs, cs;
};

// scores: contiguous (count, Tq, Tk), holding q k^T; replaced in place by
// probs = softmax(scale scores + mask) with keys j > i masked when causal.
cudaError_t launchAttentionSoftmax(float* scores, int64_t count, int64_t Tq, int64_t Tk, float scale,
                                   const MaskView& mask, bool causal, cudaStream_t stream);
// g: contiguous (rows, Tk) holding d loss / d weights; p: probs; drop: null or the dropout mask.
// g becomes d loss / d (q k^T) = scale p (g drop - rowsum(g drop p)).
cudaError_t launchAttentionSoftmaxBackward(float* g, const float* p, const float* drop, int64_t rows, int64_t Tk,
                                           float scale, cudaStream_t stream);

}  // namespace gradlab::kernels
