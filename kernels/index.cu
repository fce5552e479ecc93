// Gather-style kernels (see index.cuh): one thread per element of the (outer, k, inner) side.
#include "kernels/index.cuh"
#include "kernels/launch.cuh"

namespace gradlab::kernels {
namespace {

// One thread per element t of the (outer, k, inner) side. Its row along n is index[j] for
// index_select (index: (k)) or index[t] for gather (index: (outer, k, inner)). The forward reads
// out[t] = src[row]; the backward (kAdd) adds dst[row] += src[t].
template <bool kIndexPerElement, bool kAdd>
__global__ void indexKernel(const float* src, float* dst, int64_t n, int64_t inner, const float* index, int64_t k,
                            int64_t total) {
    GL_GRID_LOOP(t, total) {
        const int64_t i = t % inner, j = (t / inner) % k, o = t / (inner * k);
        const int64_t at = (o * n + int64_t(index[kIndexPerElement ? t : j])) * inner + i;
        if constexpr (kAdd) atomicAdd(dst + at, src[t]);
        else dst[t] = src[at];
    }
}

template <bool kIndexPerElement, bool kAdd>
cudaError_t launchIndex(const float* src, float* dst, int64_t outer, int64_t n, int64_t inner, const float* index,
                        int64_t k, cudaStream_t stream) {
    const int64_t total = outer * k * inner;
    return launchPerElement(indexKernel<kIndexPerElement, kAdd>, total, stream, src, dst, n, inner, index, k, total);
}

}  // namespace

cudaError_t launchIndexSelect(const float* x, int64_t outer, int64_t n, int64_t inner, const float* index, int64_t k,
                              float* out, cudaStream_t stream) {
    return launchIndex<false, false>(x, out, outer, n, inner, index, k, stream);
}

cudaError_t launchIndexAdd(float* dx, int64_t outer, int64_t n, int64_t inner, const float* index, int64_t k,
                           const float* dy, cudaStream_t stream) {
    return launchIndex<false, true>(dy, dx, outer, n, inner, index, k, stream);
}

cudaError_t launchGather(const float* x, int64_t outer, int64_t n, int64_t inner, const float* index, int64_t k,
                         float* out, cudaStream_t stream) {
    return launchIndex<true, false>(x, out, outer, n, inner, index, k, stream);
}

cudaError_t launchScatterAdd(float* dx, int64_t outer, int64_t n, int64_t inner, const float* index, int64_t k,
                             const float* dy, cudaStream_t stream) {
    return launchIndex<true, true>(dy, dx, outer, n, inner, index, k, stream);
}

}  // namespace gradlab::kernels
