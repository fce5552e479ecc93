// Reductions and row softmax (see reduce.cuh).
#include <math.h>

#include "kernels/block_reduce.cuh"
#include "kernels/launch.cuh"
#include "kernels/reduce.cuh"

namespace gradlab::kernels {
namespace {

// (value, index) of the better candidate as the CPU's sequential scan decides: a NaN wins (the
// first NaN), otherwise the larger (Max) / smaller (Min) value, the lower index on ties.
__device__ __forceinline__ bool better(bool isMax, float v, int64_t iv, float w, int64_t iw) {
    const bool vn = v != v, wn = w != w;
    if (vn || wn) return vn && (!wn || iv < iw);
    if (v == w) return iv < iw;
    return isMax ? v > w : v < w;
}

// inner == 1: one block per row of n.
__global__ void reduceRowKernel(int kind, const float* x, int64_t n, float* out, float* indices) {
    __shared__ double sumScratch[kRowThreads];
    __shared__ float valScratch[kRowThreads];
    __shared__ int64_t idxScratch[kRowThreads];
    const float* row = x + int64_t(blockIdx.x) * n;
    if (kind == int(ReduceKind::Sum)) {
        double acc = 0.0;
        for (int64_t j = threadIdx.x; j < n; j += blockDim.x) acc += double(row[j]);
        acc = blockSum(acc, sumScratch);
        if (threadIdx.x == 0) out[blockIdx.x] = float(acc);
        return;
    }
    const bool isMax = kind == int(ReduceKind::Max);
    float best = 0.0f;
    int64_t at = -1;  // -1: nothing seen yet
    for (int64_t j = threadIdx.x; j < n; j += blockDim.x) {
        const float v = row[j];
        if (at < 0 || better(isMax, v, j, best, at)) best = v, at = j;
    }
    valScratch[threadIdx.x] = best;
    idxScratch[threadIdx.x] = at;
    __syncthreads();
    for (unsigned s = blockDim.x / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) {
            const float w = valScratch[threadIdx.x + s];
            const int64_t iw = idxScratch[threadIdx.x + s];
            const int64_t iv = idxScratch[threadIdx.x];
            if (iw >= 0 && (iv < 0 || better(isMax, w, iw, valScratch[threadIdx.x], iv))) {
                valScratch[threadIdx.x] = w;
                idxScratch[threadIdx.x] = iw;
            }
        }
        __syncthreads();
    }
    if (threadIdx.x == 0) {
        out[blockIdx.x] = valScratch[0];
        if (indices) indices[blockIdx.x] = float(idxScratch[0]);
    }
}

// inner > 1: one thread per (o, i), walking n with stride inner (neighbouring threads read
// neighbouring addresses). Max/Min scan in order exactly as the CPU does.
__global__ void reduceColumnKernel(int kind, const float* x, int64_t outer, int64_t n, int64_t inner, float* out,
                                   float* indices) {
    const int64_t total = outer * inner;
    GL_GRID_LOOP(t, total) {
        const int64_t o = t / inner, i = t % inner;
        const float* p = x + o * n * inner + i;
        if (kind == int(ReduceKind::Sum)) {
            double acc = 0.0;
            for (int64_t j = 0; j < n; ++j) acc += double(p[j * inner]);
            out[t] = float(acc);
            continue;
        }
        const bool isMax = kind == int(ReduceKind::Max);
        float best = p[0];
        int64_t at = 0;
        for (int64_t j = 1; j < n && best == best; ++j) {
            const float v = p[j * inner];
            if (v != v || (isMax ? v > best : v < best)) best = v, at = j;
        }
        out[t] = best;
        if (indices) indices[t] = float(at);
    }
}

__global__ void softmaxKernel(const float* x, float* y, int64_t n, bool log) {
    __shared__ float scratch[kRowThreads];
    const float* in = x + int64_t(blockIdx.x) * n;
    float* o = y + int64_t(blockIdx.x) * n;
    float m = -INFINITY;
    for (int64_t j = threadIdx.x; j < n; j += blockDim.x) m = (in[j] > m || in[j] != in[j]) ? in[j] : m;
    m = blockMaxNan(m, scratch);
    if (isinf(m) && m < 0) m = 0.0f;  // a row of -inf: NaN semantics of exp(-inf - -inf), as the CPU
    float s = 0.0f;
    for (int64_t j = threadIdx.x; j < n; j += blockDim.x) s += expf(in[j] - m);
    s = blockSum(s, scratch);
    if (log) {
        const float ls = logf(s);
        for (int64_t j = threadIdx.x; j < n; j += blockDim.x) o[j] = in[j] - m - ls;
    } else {
        const float inv = 1.0f / s;
        for (int64_t j = threadIdx.x; j < n; j += blockDim.x) o[j] = expf(in[j] - m) * inv;
    }
}

__global__ void softmaxBackwardKernel(const float* y, const float* dy, float* dx, int64_t n, bool log) {
    __shared__ float scratch[kRowThreads];
    const int64_t base = int64_t(blockIdx.x) * n;
    float s = 0.0f;
    for (int64_t j = threadIdx.x; j < n; j += blockDim.x) s += log ? dy[base + j] : dy[base + j] * y[base + j];
    s = blockSum(s, scratch);
    for (int64_t j = threadIdx.x; j < n; j += blockDim.x) {
        const float yj = y[base + j], gj = dy[base + j];
        dx[base + j] = log ? gj - expf(yj) * s : yj * (gj - s);
    }
}

__global__ void sumBatchesKernel(const float* in, int64_t batches, int64_t size, float* out, bool accumulate) {
    GL_GRID_LOOP(i, size) {
        double acc = accumulate ? double(out[i]) : 0.0;
        for (int64_t b = 0; b < batches; ++b) acc += double(in[b * size + i]);
        out[i] = float(acc);
    }
}

}  // namespace

// Rows go to grid.x, which holds up to 2^31 - 1 blocks.
cudaError_t launchReduce(ReduceKind kind, const float* x, int64_t outer, int64_t n, int64_t inner, float* out,
                         float* indices, cudaStream_t stream) {
    if (outer * inner <= 0) return cudaSuccess;
    if (n == 0) {  // only a sum reaches here with nothing to add (the ops refuse an empty max)
        cudaMemsetAsync(out, 0, size_t(outer * inner) * sizeof(float), stream);
        return cudaGetLastError();
    }
    if (inner == 1) return launchPerRow(reduceRowKernel, outer, stream, int(kind), x, n, out, indices);
    return launchPerElement(reduceColumnKernel, outer * inner, stream, int(kind), x, outer, n, inner, out, indices);
}

cudaError_t launchSoftmax(const float* x, float* y, int64_t rows, int64_t n, bool log, cudaStream_t stream) {
    if (n <= 0) return cudaSuccess;
    return launchPerRow(softmaxKernel, rows, stream, x, y, n, log);
}

cudaError_t launchSoftmaxBackward(const float* y, const float* dy, float* dx, int64_t rows, int64_t n, bool log,
                                  cudaStream_t stream) {
    if (n <= 0) return cudaSuccess;
    return launchPerRow(softmaxBackwardKernel, rows, stream, y, dy, dx, n, log);
}

cudaError_t launchSumBatches(const float* in, int64_t batches, int64_t size, float* out, bool accumulate,
                             cudaStream_t stream) {
    return launchPerElement(sumBatchesKernel, size, stream, in, batches, size, out, accumulate);
}

}  // namespace gradlab::kernels
