// forEachStrided: walks K operands of one shape with their own strides, merging dimensions that
// are laid out back to back, and hands the innermost run to a callback as (pointers, strides, n).
// Used by copy, broadcasting binary ops and where.
#pragma once

#include <array>
#include <cstdint>

#include "engine/core/shape.h"

namespace gradlab::cpu {

template <std::size_t K>
struct StridedLayout {
    int ndim = 0;
    int64_t size[16];
    int64_t stride[K][16];
};

// Drops size-1 dimensions and merges contiguous neighbours. Ranks above 16 are not supported by
// the CPU loops (PyTorch has the same order of limit); callers check this.
template <std::size_t K>
StridedLayout<K> coalesce(const Shape& shape, const std::array<const int64_t*, K>& strides) {
    StridedLayout<K> L;
    for (std::size_t d = 0; d < shape.size(); ++d) {
        if (shape[d] == 1) continue;
        if (L.ndim > 0) {
            bool merge = true;
            for (std::size_t k = 0; k < K; ++k)
                if (L.stride[k][L.ndim - 1] != strides[k][d] * shape[d]) merge = false;
            if (merge) {
                L.size[L.ndim - 1] *= shape[d];
                for (std::size_t k = 0; k < K; ++k) L.stride[k][L.ndim - 1] = strides[k][d];
                continue;
            }
        }
        L.size[L.ndim] = shape[d];
        for (std::size_t k = 0; k < K; ++k) L.stride[k][L.ndim] = strides[k][d];
        ++L.ndim;
    }
    if (L.ndim == 0) {  // a single element
        L.ndim = 1;
        L.size[0] = 1;
        for (std::size_t k = 0; k < K; ++k) L.stride[k][0] = 1;
    }
    return L;
}

// inner(ptrs, innerStrides, n) is called for every innermost run.
template <std::size_t K, class Inner>
void forEachStrided(const Shape& shape, const std::array<const int64_t*, K>& strides, std::array<float*, K> base,
                    Inner&& inner) {
    StridedLayout<K> L = coalesce<K>(shape, strides);
    for (int64_t s : shape)
        if (s == 0) return;
    const int last = L.ndim - 1;
    std::array<int64_t, K> innerStride;
    for (std::size_t k = 0; k < K; ++k) innerStride[k] = L.stride[k][last];
    int64_t counter[16] = {0};
    std::array<float*, K> p = base;
    for (;;) {
        inner(p, innerStride, L.size[last]);
        int d = last - 1;
        for (; d >= 0; --d) {
            for (std::size_t k = 0; k < K; ++k) p[k] += L.stride[k][d];
            if (++counter[d] < L.size[d]) break;
            for (std::size_t k = 0; k < K; ++k) p[k] -= L.stride[k][d] * L.size[d];
            counter[d] = 0;
        }
        if (d < 0) return;
    }
}

}  // namespace gradlab::cpu
