// CPU gather-style kernels: index_select / index_add along one axis of an (outer, n, inner) view,
// and gather / scatter_add. Indices arrive as floats holding integers already range-checked by
// the op (engine/ops/index_ops.cpp).
#include <cstring>

#include "engine/cpu/parallel.h"
#include "engine/ops/backend.h"

namespace gradlab::cpu {

void indexSelect(const Tensor& x, int64_t outer, int64_t n, int64_t inner, const Tensor& index, Tensor& out) {
    const int64_t k = index.numel();
    const float* xp = x.data();
    const float* ip = index.data();
    float* op = out.data();
    parallelChunks(outer, outer * k * inner, [&](int64_t ob, int64_t oe) {
        for (int64_t o = ob; o < oe; ++o)
            for (int64_t j = 0; j < k; ++j)
                std::memcpy(op + (o * k + j) * inner, xp + (o * n + int64_t(ip[j])) * inner, std::size_t(inner) * 4);
    });
}

void indexAdd(Tensor& dx, int64_t outer, int64_t n, int64_t inner, const Tensor& index, const Tensor& dy) {
    const int64_t k = index.numel();
    float* dp = dx.data();
    const float* ip = index.data();
    const float* gp = dy.data();
    // Threads split `outer`: two threads never add into the same row.
    parallelChunks(outer, outer * k * inner, [&](int64_t ob, int64_t oe) {
        for (int64_t o = ob; o < oe; ++o)
            for (int64_t j = 0; j < k; ++j) {
                float* d = dp + (o * n + int64_t(ip[j])) * inner;
                const float* g = gp + (o * k + j) * inner;
#pragma omp simd
                for (int64_t i = 0; i < inner; ++i) d[i] += g[i];
            }
    });
}

void gather(const Tensor& x, int64_t outer, int64_t n, int64_t inner, const Tensor& index, Tensor& out) {
    const int64_t k = index.numel() / std::max<int64_t>(outer * inner, 1);
    const float* xp = x.data();
    const float* ip = index.data();
    float* op = out.data();
    for (int64_t o = 0; o < outer; ++o)
        for (int64_t j = 0; j < k; ++j)
            for (int64_t i = 0; i < inner; ++i) {
                int64_t at = (o * k + j) * inner + i;
                op[at] = xp[(o * n + int64_t(ip[at])) * inner + i];
            }
}

void scatterAdd(Tensor& dx, int64_t outer, int64_t n, int64_t inner, const Tensor& index, const Tensor& dy) {
    const int64_t k = index.numel() / std::max<int64_t>(outer * inner, 1);
    float* dp = dx.data();
    const float* ip = index.data();
    const float* gp = dy.data();
    for (int64_t o = 0; o < outer; ++o)
        for (int64_t j = 0; j < k; ++j)
            for (int64_t i = 0; i < inner; ++i) {
                int64_t at = (o * k + j) * inner + i;
                dp[(o * n + int64_t(ip[at])) * inner + i] += gp[at];
            }
}

}  // namespace gradlab::cpu
