// Layer and batch norm kernels (see norm.cuh). Formulas mirror engine/cpu/norm.cpp and
// engine/cpu/batch_norm.cpp line by line (same double sums, same float expressions).
#include <math.h>

#include "kernels/block_reduce.cuh"
#include "kernels/launch.cuh"
#include "kernels/norm.cuh"

namespace gradlab::kernels {
namespace {

// One block per row: two passes in double for mean and variance, then the affine output.
__global__ void layerNormKernel(const float* x, const float* w, const float* b, float eps, int64_t n, float* y,
                                float* meanOut, float* rstdOut) {
    __shared__ double scratch[kRowThreads];
    const float* xr = x + int64_t(blockIdx.x) * n;
    float* yr = y + int64_t(blockIdx.x) * n;
    double s = 0.0;
    for (int64_t j = threadIdx.x; j < n; j += blockDim.x) s += double(xr[j]);
    const double meanD = blockSum(s, scratch) / double(n);
    double ss = 0.0;
    for (int64_t j = threadIdx.x; j < n; j += blockDim.x) {
        const double c = double(xr[j]) - meanD;
        ss += c * c;
    }
    ss = blockSum(ss, scratch);
    const float mean = float(meanD);
    const float rstd = 1.0f / sqrtf(float(ss / double(n)) + eps);
    const float shift = -rstd * mean;
    for (int64_t j = threadIdx.x; j < n; j += blockDim.x) {
        float v = __fadd_rn(__fmul_rn(xr[j], rstd), shift);  // unfused, as the CPU (-ffp-contract=off)
        if (w) v = __fmul_rn(v, w[j]);
        if (b) v = __fadd_rn(v, b[j]);
        yr[j] = v;
    }
    if (threadIdx.x == 0) {
        meanOut[blockIdx.x] = mean;
        rstdOut[blockIdx.x] = rstd;
    }
}

__global__ void layerNormBackwardRowKernel(const float* x, const float* meanIn, const float* rstdIn, const float* w,
                                           const float* dy, int64_t n, float* dx) {
    __shared__ double scratch[kRowThreads];
    const int64_t base = int64_t(blockIdx.x) * n;
    const float mu = meanIn[blockIdx.x], a = rstdIn[blockIdx.x];
    double ds = 0.0, db = 0.0;
    for (int64_t j = threadIdx.x; j < n; j += blockDim.x) {
        const double gw = double(dy[base + j]) * (w ? double(w[j]) : 1.0);
        ds += gw * double(x[base + j]);
        db += gw;
    }
    ds = blockSum(ds, scratch);
    db = blockSum(db, scratch);
    const double invN = 1.0 / double(n), aD = double(a);
    const float bb = float((db * double(mu) - ds) * aD * aD * aD * invN);
    const float cc = float(-double(bb) * double(mu) - db * aD * invN);
    for (int64_t j = threadIdx.x; j < n; j += blockDim.x) {
        const float g = w ? __fmul_rn(__fmul_rn(a, dy[base + j]), w[j]) : __fmul_rn(a, dy[base + j]);
        dx[base + j] = __fadd_rn(__fadd_rn(g, __fmul_rn(bb, x[base + j])), cc);
    }
}

// One thread per column j: dw[j] = sum_r dy (x - mean) rstd, db[j] = sum_r dy (in double).
__global__ void layerNormBackwardColumnKernel(const float* x, const float* meanIn, const float* rstdIn,
                                              const float* dy, int64_t rows, int64_t n, float* dw, float* db) {
    GL_GRID_LOOP(j, n) {
        double sw = 0.0, sb = 0.0;
        for (int64_t r = 0; r < rows; ++r) {
            const double g = double(dy[r * n + j]);
            sw += g * (double(x[r * n + j] - meanIn[r]) * double(rstdIn[r]));
            sb += g;
        }
        if (dw) dw[j] = float(sw);
        if (db) db[j] = float(sb);
    }
}

// One block per channel: sum, then the sum of squared deviations, over the channel's N * S values.
__global__ void batchNormStatsKernel(const float* x, int64_t n, int64_t c, int64_t s, double eps, double momentum,
                                     float* mean, float* invstd, float* rm, float* rv) {
    __shared__ double scratch[kRowThreads];
    const int64_t ch = blockIdx.x, count = n * s;
    double sum = 0.0;
    for (int64_t t = threadIdx.x; t < count; t += blockDim.x) sum += double(x[((t / s) * c + ch) * s + t % s]);
    const double m = blockSum(sum, scratch) / double(count);
    double vs = 0.0;
    for (int64_t t = threadIdx.x; t < count; t += blockDim.x) {
        const double d = double(x[((t / s) * c + ch) * s + t % s]) - m;
        vs += d * d;
    }
    const double varSum = blockSum(vs, scratch);
    if (threadIdx.x != 0) return;
    const double var = varSum / double(count);
    mean[ch] = float(m);
    invstd[ch] = var == 0.0 && eps == 0.0 ? 0.0f : float(1.0 / sqrt(var + eps));
    if (rm) rm[ch] = float(momentum * m + (1.0 - momentum) * double(rm[ch]));
    if (rv) rv[ch] = float(momentum * (varSum / double(count - 1)) + (1.0 - momentum) * double(rv[ch]));
}

__global__ void batchNormApplyKernel(const float* x, int64_t c, int64_t s, const float* mean, const float* invstd,
                                     const float* w, const float* b, float* y, int64_t total) {
    GL_GRID_LOOP(t, total) {
        const int64_t ch = (t / s) % c;
        const float alpha = __fmul_rn(invstd[ch], w ? w[ch] : 1.0f);
        const float beta = __fsub_rn(b ? b[ch] : 0.0f, __fmul_rn(mean[ch], alpha));
        y[t] = __fadd_rn(__fmul_rn(x[t], alpha), beta);
    }
}

__global__ void batchNormBackwardKernel(const float* x, const float* dy, int64_t n, int64_t c, int64_t s,
                                        const float* mean, const float* invstd, const float* w, bool training,
                                        float* dx, float* dw, float* db) {
    __shared__ double scratch[kRowThreads];
    const int64_t ch = blockIdx.x, count = n * s;
    const float m = mean[ch], is = invstd[ch], wc = w ? w[ch] : 1.0f;
    double sum = 0.0, dot = 0.0;
    for (int64_t t = threadIdx.x; t < count; t += blockDim.x) {
        const int64_t at = ((t / s) * c + ch) * s + t % s;
        sum += double(dy[at]);
        dot += double(x[at] - m) * double(dy[at]);
    }
    sum = blockSum(sum, scratch);
    dot = blockSum(dot, scratch);
    if (threadIdx.x == 0) {
        if (dw) dw[ch] = float(dot * double(is));
        if (db) db[ch] = float(sum);
    }
    if (!dx) return;
    const float k = float(dot) * is * is / float(count);
    const float gradMean = float(sum / double(count));
    for (int64_t t = threadIdx.x; t < count; t += blockDim.x) {
        const int64_t at = ((t / s) * c + ch) * s + t % s;
        dx[at] = training ? __fmul_rn(__fmul_rn(__fsub_rn(__fsub_rn(dy[at], gradMean), __fmul_rn(x[at] - m, k)), is), wc)
                          : __fmul_rn(__fmul_rn(dy[at], is), wc);
    }
}

}  // namespace

cudaError_t launchLayerNorm(const float* x, const float* w, const float* b, float eps, int64_t rows, int64_t n,
                            float* y, float* mean, float* rstd, cudaStream_t stream) {
    return launchPerRow(layerNormKernel, rows, stream, x, w, b, eps, n, y, mean, rstd);
}

cudaError_t launchLayerNormBackward(const float* x, const float* mean, const float* rstd, const float* w,
                                    const float* dy, int64_t rows, int64_t n, float* dx, float* dw, float* db,
                                    cudaStream_t stream) {
    if (n <= 0) return cudaSuccess;
    if (rows <= 0) {  // no rows: the parameter gradients are zero
        if (dw) cudaMemsetAsync(dw, 0, size_t(n) * sizeof(float), stream);
        if (db) cudaMemsetAsync(db, 0, size_t(n) * sizeof(float), stream);
        return cudaGetLastError();
    }
    cudaError_t e = cudaSuccess;
    if (dx) e = launchPerRow(layerNormBackwardRowKernel, rows, stream, x, mean, rstd, w, dy, n, dx);
    if (e == cudaSuccess && (dw || db))
        e = launchPerElement(layerNormBackwardColumnKernel, n, stream, x, mean, rstd, dy, rows, n, dw, db);
    return e;
}

cudaError_t launchBatchNormStats(const float* x, int64_t n, int64_t c, int64_t s, double eps, double momentum,
                                 float* mean, float* invstd, float* runningMean, float* runningVar,
                                 cudaStream_t stream) {
    return launchPerRow(batchNormStatsKernel, c, stream, x, n, c, s, eps, momentum, mean, invstd, runningMean,
                        runningVar);
}

cudaError_t launchBatchNormApply(const float* x, int64_t n, int64_t c, int64_t s, const float* mean,
                                 const float* invstd, const float* w, const float* b, float* y, cudaStream_t stream) {
    const int64_t total = n * c * s;
    return launchPerElement(batchNormApplyKernel, total, stream, x, c, s, mean, invstd, w, b, y, total);
}

cudaError_t launchBatchNormBackward(const float* x, const float* dy, int64_t n, int64_t c, int64_t s,
                                    const float* mean, const float* invstd, const float* w, bool training, float* dx,
                                    float* dw, float* db, cudaStream_t stream) {
    return launchPerRow(batchNormBackwardKernel, c, stream, x, dy, n, c, s, mean, invstd, w, training, dx, dw, db);
}

}  // namespace gradlab::kernels
