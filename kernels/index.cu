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

}  // namespace

cudaError_t launchIndex(IndexOp op, float* big, int64_t outer, int64_t n, int64_t inner, const float* index,
                        int64_t k, float* small, cudaStream_t stream) {
    const int64_t total = outer * k * inner;
    switch (op) {
        case IndexOp::IndexSelect:
            return launchPerElement(indexKernel<false, false>, total, stream, big, small, n, inner, index, k, total);
        case IndexOp::IndexAdd:
            return launchPerElement(indexKernel<false, true>, total, stream, small, big, n, inner, index, k, total);
        case IndexOp::Gather:
            return launchPerElement(indexKernel<true, false>, total, stream, big, small, n, inner, index, k, total);
        case IndexOp::ScatterAdd:
            return launchPerElement(indexKernel<true, true>, total, stream, small, big, n, inner, index, k, total);
    }
    return cudaErrorInvalidValue;
}

}  // namespace gradlab::kernels
