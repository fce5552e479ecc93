// Attention row kernels (see attention.cuh): one block per row of scores.
#include <math.h>

#include "kernels/attention.cuh"
#include "kernels/block_reduce.cuh"
#include "kernels/launch.cuh"

namespace gradlab::kernels {
namespace {

__global__ void attentionSoftmaxKernel(float* scores, int64_t Tq, int64_t Tk, float scale, MaskView mask,
                                       bool causal) {
    __shared__ float scratch[kRowThreads];
    const int64_t row = blockIdx.x, n = row / Tq, i = row % Tq;
    float* s = scores + row * Tk;
    const float* m = mask.ptr ? mask.ptr + mask.batch.offset(0, n) + i * mask.rs : nullptr;
    const int64_t limit = causal ? (i + 1 < Tk ? i + 1 : Tk) : Tk;
    // z_j = scale s_j + mask_j, -inf past the causal limit; the max only steadies exp.
    float mx = -INFINITY;
    for (int64_t j = threadIdx.x; j < Tk; j += blockDim.x) {
        float z = j < limit ? __fadd_rn(__fmul_rn(s[j], scale), m ? m[j * mask.cs] : 0.0f) : -INFINITY;
        s[j] = z;
        mx = fmaxf(mx, z);
    }
    mx = blockMaxNan(mx, scratch);
    if (isinf(mx) && mx < 0) mx = 0.0f;  // all masked: the row becomes NaN (0 / 0), as torch
    float sum = 0.0f;
    for (int64_t j = threadIdx.x; j < Tk; j += blockDim.x) {
        const float e = expf(s[j] - mx);
        s[j] = e;
        sum += e;
    }
    const float inv = 1.0f / blockSum(sum, scratch);
    for (int64_t j = threadIdx.x; j < Tk; j += blockDim.x) s[j] *= inv;
}

__global__ void attentionSoftmaxBackwardKernel(float* g, const float* p, const float* drop, int64_t Tk, float scale) {
    __shared__ float scratch[kRowThreads];
    const int64_t base = int64_t(blockIdx.x) * Tk;
    float s = 0.0f;
    for (int64_t j = threadIdx.x; j < Tk; j += blockDim.x) {
        const float gj = drop ? g[base + j] * drop[base + j] : g[base + j];
        g[base + j] = gj;
        s += gj * p[base + j];
    }
    s = blockSum(s, scratch);
    for (int64_t j = threadIdx.x; j < Tk; j += blockDim.x) g[base + j] = scale * (p[base + j] * (g[base + j] - s));
}

}  // namespace

cudaError_t launchAttentionSoftmax(float* scores, int64_t count, int64_t Tq, int64_t Tk, float scale,
                                   const MaskView& mask, bool causal, cudaStream_t stream) {
    if (Tk <= 0) return cudaSuccess;
    return launchPerRow(attentionSoftmaxKernel, count * Tq, stream, scores, Tq, Tk, scale, mask, causal);
}

cudaError_t launchAttentionSoftmaxBackward(float* g, const float* p, const float* drop, int64_t rows, int64_t Tk,
                                           float scale, cudaStream_t stream) {
    if (Tk <= 0) return cudaSuccess;
    return launchPerRow(attentionSoftmaxBackwardKernel, rows, stream, g, p, drop, Tk, scale);
}

}  // namespace gradlab::kernels
