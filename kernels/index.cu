// Gather-style kernels (see index.cuh): one thread per element of the (outer, k, inner) side.
#include "kernels/index.cuh"
#include "kernels/launch.cuh"

namespace gradlab::kernels {
namespace {

__global__ void indexSelectKernel(const float* x, int64_t n, int64_t inner, const float* index, int64_t k, float* out,
                                  int64_t total) {
    GL_GRID_LOOP(t, total) {
        const int64_t i = t % inner, j = (t / inner) % k, o = t / (inner * k);
        out[t] = x[(o * n + int64_t(index[j])) * inner + i];
    }
}

__global__ void indexAddKernel(float* dx, int64_t n, int64_t inner, const float* index, int64_t k, const float* dy,
                               int64_t total) {
    GL_GRID_LOOP(t, total) {
        const int64_t i = t % inner, j = (t / inner) % k, o = t / (inner * k);
        atomicAdd(dx + (o * n + int64_t(index[j])) * inner + i, dy[t]);
    }
}

__global__ void gatherKernel(const float* x, int64_t n, int64_t inner, const float* index, int64_t k, float* out,
                             int64_t total) {
    GL_GRID_LOOP(t, total) {
        const int64_t i = t % inner, o = t / (inner * k);
        out[t] = x[(o * n + int64_t(index[t])) * inner + i];
    }
}

__global__ void scatterAddKernel(float* dx, int64_t n, int64_t inner, const float* index, int64_t k, const float* dy,
                                 int64_t total) {
    GL_GRID_LOOP(t, total) {
        const int64_t i = t % inner, o = t / (inner * k);
        atomicAdd(dx + (o * n + int64_t(index[t])) * inner + i, dy[t]);
    }
}

}  // namespace

cudaError_t launchIndexSelect(const float* x, int64_t outer, int64_t n, int64_t inner, const float* index, int64_t k,
                              float* out, cudaStream_t stream) {
    const int64_t total = outer * k * inner;
    return launchPerElement(indexSelectKernel, total, stream, x, n, inner, index, k, out, total);
}

cudaError_t launchIndexAdd(float* dx, int64_t outer, int64_t n, int64_t inner, const float* index, int64_t k,
                           const float* dy, cudaStream_t stream) {
    const int64_t total = outer * k * inner;
    return launchPerElement(indexAddKernel, total, stream, dx, n, inner, index, k, dy, total);
}

cudaError_t launchGather(const float* x, int64_t outer, int64_t n, int64_t inner, const float* index, int64_t k,
                         float* out, cudaStream_t stream) {
    const int64_t total = outer * k * inner;
    return launchPerElement(gatherKernel, total, stream, x, n, inner, index, k, out, total);
}

cudaError_t launchScatterAdd(float* dx, int64_t outer, int64_t n, int64_t inner, const float* index, int64_t k,
                             const float* dy, cudaStream_t stream) {
    const int64_t total = outer * k * inner;
    return launchPerElement(scatterAddKernel, total, stream, dx, n, inner, index, k, dy, total);
}

}  // namespace gradlab::kernels
