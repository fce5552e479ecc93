// CPU 2-D convolution: im2col + GEMM (Eigen) forward, GEMMs + col2im backward. The mini-batch is
// cut into chunks of images whose unfolded columns stay in the L2 cache (small outputs put several
// images side by side in one GEMM); chunks go to the threads dynamically, and gradient sums are
// added in a fixed order, so results do not depend on the thread count.
#include <omp.h>

#include <Eigen/Core>
#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include "engine/cpu/parallel.h"
#include "engine/ops/backend.h"

namespace gradlab::cpu {
namespace {

using RowMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using OStride = Eigen::OuterStride<>;
using MapR = Eigen::Map<RowMat, 0, OStride>;
using CMapR = Eigen::Map<const RowMat, 0, OStride>;

// Scratch memory of the calling thread, kept between calls so that a training step does not
// allocate: grown when a larger convolution comes along, never shrunk.
float* scratch(int slot, std::size_t n) {
    thread_local std::vector<float> buffers[3];
    std::vector<float>& b = buffers[slot];
    if (b.size() < n) b.resize(n);
    return b.data();
}

// Output columns [lo, hi) of one kernel offset that read real (unpadded) input: 0 <= x s + off < size.
inline void validRange(int64_t off, int64_t stride, int64_t size, int64_t outSize, int64_t& lo, int64_t& hi) {
    lo = off >= 0 ? 0 : (-off + stride - 1) / stride;
    hi = off >= size ? 0 : (size - 1 - off) / stride + 1;
    lo = std::min(lo, outSize);
    hi = std::clamp(hi, lo, outSize);
}

// Copies n floats (segments are short, one output row): whole 8-float blocks, the last one
// overlapping the previous (it rewrites the same values) instead of a scalar tail.
inline void copyRow(float* __restrict d, const float* __restrict s, int64_t n) {
    if (n < 8) {
        for (int64_t q = 0; q < n; ++q) d[q] = s[q];
        return;
    }
    int64_t q = 0;
    for (; q + 8 <= n; q += 8) std::memcpy(d + q, s + q, 8 * sizeof(float));
    if (q < n) std::memcpy(d + n - 8, s + n - 8, 8 * sizeof(float));
}

// d[q] += s[q] for q < n, in 8-float blocks and a scalar tail.
inline void addRow(float* __restrict d, const float* __restrict s, int64_t n) {
    int64_t q = 0;
    for (; q + 8 <= n; q += 8)
        for (int k = 0; k < 8; ++k) d[q + k] += s[q + k];
    for (; q < n; ++q) d[q] += s[q];
}

// Unfolds `channels` channels of one image x (channels, H, W) into col: row (c, i, j) holds, for each
// output position (y, x), the input value under kernel tap (i, j) (0 in the padding). Row r starts
// at col + r * ld.
void im2col(const Conv2dGeom& g, const float* x, int64_t channels, float* col, int64_t ld) {
    const int64_t H = g.h, W = g.w, OH = g.oh, OW = g.ow;
    for (int64_t c = 0; c < channels; ++c) {
        const float* xc = x + c * H * W;
        for (int64_t i = 0; i < g.kh; ++i) {
            // Output rows [ylo, yhi) read real input rows for kernel row i; the others are padding.
            int64_t ylo, yhi;
            validRange(i * g.dh - g.ph, g.sh, H, OH, ylo, yhi);
            for (int64_t j = 0; j < g.kw; ++j) {
                float* row = col + ((c * g.kh + i) * g.kw + j) * ld;
                const int64_t xoff = j * g.dw - g.pw;
                int64_t lo, hi;
                validRange(xoff, g.sw, W, OW, lo, hi);
                std::fill(row, row + ylo * OW, 0.0f);
                std::fill(row + yhi * OW, row + OH * OW, 0.0f);
                // Input offset of output (ylo, 0); in the padding when xoff < 0, so only offsets
                // of valid columns (q >= lo) are turned into pointers.
                int64_t off = (ylo * g.sh - g.ph + i * g.dh) * W + xoff;
                if (g.sw == 1 && lo == 0 && hi == OW) {
                    float* r = row + ylo * OW;
                    if (OW >= 8 && OW <= 16) {
                        // Two 8-float copies per output row, the second overlapping (LeNet's c3).
                        for (int64_t y = ylo; y < yhi; ++y, off += g.sh * W, r += OW) {
                            std::memcpy(r, xc + off, 8 * sizeof(float));
                            std::memcpy(r + OW - 8, xc + off + OW - 8, 8 * sizeof(float));
                        }
                    } else {
                        for (int64_t y = ylo; y < yhi; ++y, off += g.sh * W, r += OW) copyRow(r, xc + off, OW);
                    }
                    continue;
                }
                for (int64_t y = ylo; y < yhi; ++y, off += g.sh * W) {
                    float* r = row + y * OW;
                    for (int64_t q = 0; q < lo; ++q) r[q] = 0.0f;
                    if (g.sw == 1)
                        copyRow(r + lo, xc + off + lo, hi - lo);
                    else
                        for (int64_t q = lo; q < hi; ++q) r[q] = xc[off + q * g.sw];
                    for (int64_t q = hi; q < OW; ++q) r[q] = 0.0f;
                }
            }
        }
    }
}

// The adjoint of im2col: adds every column entry back onto the input position it was read from.
// dx (channels, H, W) must be zeroed (or hold a sum to add to).
void col2im(const Conv2dGeom& g, const float* col, int64_t ld, int64_t channels, float* dx) {
    const int64_t H = g.h, W = g.w, OH = g.oh, OW = g.ow;
    for (int64_t c = 0; c < channels; ++c) {
        float* dc = dx + c * H * W;
        for (int64_t i = 0; i < g.kh; ++i) {
            int64_t ylo, yhi;
            validRange(i * g.dh - g.ph, g.sh, H, OH, ylo, yhi);
            for (int64_t j = 0; j < g.kw; ++j) {
                const float* row = col + ((c * g.kh + i) * g.kw + j) * ld;
                const int64_t xoff = j * g.dw - g.pw;
                int64_t lo, hi;
                validRange(xoff, g.sw, W, OW, lo, hi);
                int64_t off = (ylo * g.sh - g.ph + i * g.dh) * W + xoff;
                for (int64_t y = ylo; y < yhi; ++y, off += g.sh * W) {
                    const float* r = row + y * OW;
                    if (g.sw == 1)
                        addRow(dc + off + lo, r + lo, hi - lo);
                    else
                        for (int64_t q = lo; q < hi; ++q) dc[off + q * g.sw] += r[q];
                }
            }
        }
    }
}

// How the mini-batch is cut into GEMMs: `images` images side by side per GEMM (their columns
// next to each other), each chunk's im2col buffer small enough to stay in the L2 cache.
struct ConvPlan {
    bool identityCols = false;  // each image's column matrix is the image itself: no im2col at all
    int64_t images = 1;         // images per chunk
    int64_t chunks = 1;
};

ConvPlan convPlan(const Conv2dGeom& g) {
    ConvPlan p;
    const int64_t P = g.oh * g.ow, Kall = g.c * g.kh * g.kw;
    p.identityCols = P == 1 && g.ph == 0 && g.pw == 0 && g.kh == g.h && g.kw == g.w && g.groups == 1;
    // At least ~384 GEMM columns (Eigen's kernels need some width to be efficient), at most
    // ~192 KiB of columns per chunk.
    const int64_t want = std::max<int64_t>(1, (384 + P - 1) / P);
    const int64_t fit = std::max<int64_t>(1, (48 * 1024) / std::max<int64_t>(1, Kall * P));
    p.images = std::clamp<int64_t>(std::min(want, fit), 1, std::max<int64_t>(g.n, 1));
    p.chunks = (g.n + p.images - 1) / p.images;
    return p;
}

// Rows (images) per block of the whole-image-kernel path.
constexpr int64_t kIdentityRows = 16;

// dweight = the blocks' partial sums added in block order (dweight must be zeroed), likewise dbias.
void sumBlocks(const float* dwPart, const std::vector<double>& dbPart, int64_t blocks, int64_t wSize,
               int64_t bSize, float* dwp, float* dbp) {
    if (dwp)
        for (int64_t b = 0; b < blocks; ++b) {
            const float* src = dwPart + b * wSize;
            for (int64_t i = 0; i < wSize; ++i) dwp[i] += src[i];
        }
    if (dbp)
        for (int64_t o = 0; o < bSize; ++o) {
            double s = 0.0;
            for (int64_t b = 0; b < blocks; ++b) s += dbPart[std::size_t(b * bSize + o)];
            dbp[o] = float(s);
        }
}

}  // namespace

// ---------------------------------------------------------------- forward
void conv2d(const Conv2dGeom& g, const Tensor& x, const Tensor& weight, const Tensor& bias, Tensor& out) {
    const int64_t N = g.n, G = g.groups, Cg = g.c / G, Og = g.o / G, P = g.oh * g.ow, K = Cg * g.kh * g.kw;
    const int64_t imgIn = g.c * g.h * g.w, imgOut = g.o * P, Kall = g.c * g.kh * g.kw;
    const float* xp = x.data();
    const float* wp = weight.data();
    const float* bp = bias.defined() ? bias.data() : nullptr;
    float* op = out.data();
    if (N == 0 || g.o == 0 || P == 0) return;
    if (K == 0) {
        for (int64_t n = 0; n < N; ++n)
            for (int64_t o = 0; o < g.o; ++o) std::fill(op + n * imgOut + o * P, op + n * imgOut + (o + 1) * P, bp ? bp[o] : 0.0f);
        return;
    }
    const ConvPlan plan = convPlan(g);
    const double flops = 2.0 * double(N) * double(g.o) * double(K) * double(P);

    if (plan.identityCols) {
        // out (N x O) = x (N x K) W^T, the bias broadcast into out first; in fixed blocks of rows.
        for (int64_t n = 0; n < N; ++n)
            for (int64_t o = 0; o < g.o; ++o) op[n * g.o + o] = bp ? bp[o] : 0.0f;
        const int64_t blocks = (N + kIdentityRows - 1) / kIdentityRows;
        forPieces(blocks, flops, [&](int64_t b) {
            const int64_t n0 = b * kIdentityRows, nb = std::min(kIdentityRows, N - n0);
            MapR Y(op + n0 * g.o, nb, g.o, OStride(g.o));
            Y.noalias() += CMapR(xp + n0 * K, nb, K, OStride(K)) * CMapR(wp, g.o, K, OStride(K)).transpose();
        });
        return;
    }

    // Per chunk of B images: col (C kH kW x B P) with image i's columns at i P; per group
    // Y_g (O/groups x B P) = W_g col_g, then bias + Y scattered to out (or, for one image, the GEMM
    // accumulates into out itself, prefilled with the bias). Chunks are split across threads.
    const int64_t B = plan.images;
    forPieces(plan.chunks, flops, [&](int64_t chunk) {
        float* col = scratch(0, std::size_t(Kall * B * P));
        float* y = B > 1 ? scratch(1, std::size_t(g.o * B * P)) : nullptr;
        {
            const int64_t n0 = chunk * B, nb = std::min(B, N - n0), L = nb * P;
            for (int64_t i = 0; i < nb; ++i) im2col(g, xp + (n0 + i) * imgIn, g.c, col + i * P, L);
            if (nb == 1) {
                float* on = op + n0 * imgOut;
                for (int64_t o = 0; o < g.o; ++o) std::fill(on + o * P, on + (o + 1) * P, bp ? bp[o] : 0.0f);
                for (int64_t gi = 0; gi < G; ++gi) {
                    MapR Y(on + gi * Og * P, Og, P, OStride(P));
                    Y.noalias() += CMapR(wp + gi * Og * K, Og, K, OStride(K)) * CMapR(col + gi * K * L, K, L, OStride(L));
                }
                return;
            }
            for (int64_t gi = 0; gi < G; ++gi) {
                MapR Y(y + gi * Og * L, Og, L, OStride(L));
                Y.noalias() = CMapR(wp + gi * Og * K, Og, K, OStride(K)) * CMapR(col + gi * K * L, K, L, OStride(L));
            }
            for (int64_t i = 0; i < nb; ++i)
                for (int64_t o = 0; o < g.o; ++o) {
                    const float* src = y + o * L + i * P;
                    float* dst = op + (n0 + i) * imgOut + o * P;
                    const float bo = bp ? bp[o] : 0.0f;
#pragma omp simd
                    for (int64_t q = 0; q < P; ++q) dst[q] = src[q] + bo;
                }
        }
    });
}

// ---------------------------------------------------------------- backward
void conv2dBackward(const Conv2dGeom& g, const Tensor& x, const Tensor& weight, const Tensor& dout, Tensor& dx,
                    Tensor& dweight, Tensor& dbias) {
    const int64_t N = g.n, G = g.groups, Cg = g.c / G, Og = g.o / G, P = g.oh * g.ow, K = Cg * g.kh * g.kw;
    const int64_t imgIn = g.c * g.h * g.w, imgOut = g.o * P, Kall = g.c * g.kh * g.kw;
    // x is only given (and read) when dweight is wanted, the weight only when dx is.
    const float* xp = x.defined() ? x.data() : nullptr;
    const float* wp = weight.defined() ? weight.data() : nullptr;
    const float* dyp = dout.data();
    float* dxp = dx.defined() ? dx.data() : nullptr;
    float* dwp = dweight.defined() ? dweight.data() : nullptr;

    float* dbp = dbias.defined() ? dbias.data() : nullptr;
    if (dwp) std::fill(dwp, dwp + g.o * K, 0.0f);
    if (dbp) std::fill(dbp, dbp + g.o, 0.0f);
    if (N == 0 || g.o == 0 || P == 0) {
        if (dxp) std::fill(dxp, dxp + N * imgIn, 0.0f);
        return;
    }
    const ConvPlan plan = convPlan(g);

    if (K == 0) {
        if (dbp)
            for (int64_t o = 0; o < g.o; ++o) {
                double s = 0.0;
                for (int64_t n = 0; n < N; ++n)
                    for (int64_t q = 0; q < P; ++q) s += double(dyp[n * imgOut + o * P + q]);
                dbp[o] = float(s);
            }
        if (dxp) std::fill(dxp, dxp + N * imgIn, 0.0f);
        return;
    }
    if (plan.identityCols) {
        // Per fixed block of rows (P = 1): dX_b = dY_b W, and partial sums dW_b = dY_b^T X_b and
        // dbias_b = column sums of dY_b (N x O), added in block order.
        const int64_t blocks = (N + kIdentityRows - 1) / kIdentityRows;
        // Every block's partial is written (not accumulated) by its GEMM: no zeroing needed.
        std::unique_ptr<float[]> dwPart(dwp ? new float[std::size_t(blocks * g.o * K)] : nullptr);
        std::vector<double> dbPart(dbp ? std::size_t(blocks * g.o) : 0, 0.0);
        const double flops = 2.0 * double(N) * double(g.o) * double(K) * ((dxp ? 1.0 : 0.0) + (dwp ? 1.0 : 0.0));
        forPieces(blocks, flops, [&](int64_t b) {
            const int64_t n0 = b * kIdentityRows, nb = std::min(kIdentityRows, N - n0);
            CMapR dY(dyp + n0 * g.o, nb, g.o, OStride(g.o));
            if (dbp)
                for (int64_t n = n0; n < n0 + nb; ++n)
                    for (int64_t o = 0; o < g.o; ++o) dbPart[std::size_t(b * g.o + o)] += double(dyp[n * g.o + o]);
            if (dwp) {
                MapR dW(dwPart.get() + b * g.o * K, g.o, K, OStride(K));
                dW.noalias() = dY.transpose() * CMapR(xp + n0 * K, nb, K, OStride(K));
            }
            if (dxp) {
                MapR dX(dxp + n0 * K, nb, K, OStride(K));
                dX.noalias() = dY * CMapR(wp, g.o, K, OStride(K));
            }
        });
        sumBlocks(dwPart.get(), dbPart, blocks, g.o * K, g.o, dwp, dbp);
        return;
    }

    // The chunks of images (as in the forward) are grouped into a fixed number of blocks; each
    // block sums its own dW and dbias (double) partials, chunk after chunk, and the blocks'
    // partials are added in block order. The result does not depend on the thread count or on
    // which thread ran which block. Per chunk: dY_c (O x B P) gathered from dout, col unfolded
    // again, dW_g += dY_g col_g^T, and dcol_g = W_g^T dY_g folded back by col2im.
    const int64_t B = plan.images;
    const int64_t blocks = std::min<int64_t>(plan.chunks, 16);
    const double flops = 2.0 * double(N) * double(g.o) * double(K) * double(P) * ((dxp ? 1.0 : 0.0) + (dwp ? 1.0 : 0.0));
    // The first chunk of a block writes its partial (=), the others add to it.
    std::unique_ptr<float[]> dwPart(dwp ? new float[std::size_t(blocks * g.o * K)] : nullptr);
    std::vector<double> dbPart(dbp ? std::size_t(blocks * g.o) : 0, 0.0);
    forPieces(blocks, flops, [&](int64_t block) {
        const int64_t cb = block * plan.chunks / blocks, ce = (block + 1) * plan.chunks / blocks;
        float* col = dwp ? scratch(0, std::size_t(Kall * B * P)) : nullptr;
        float* dyc = B > 1 ? scratch(1, std::size_t(g.o * B * P)) : nullptr;
        float* dcol = dxp ? scratch(2, std::size_t(K * B * P)) : nullptr;
        float* dwB = dwp ? dwPart.get() + block * g.o * K : nullptr;
        double* dbB = dbp ? dbPart.data() + block * g.o : nullptr;
        for (int64_t chunk = cb; chunk < ce; ++chunk) {
            const int64_t n0 = chunk * B, nb = std::min(B, N - n0), L = nb * P;
            if (dbB)
                for (int64_t i = 0; i < nb; ++i)
                    for (int64_t o = 0; o < g.o; ++o) {
                        const float* r = dyp + (n0 + i) * imgOut + o * P;
                        double acc = 0.0;
#pragma omp simd reduction(+ : acc)
                        for (int64_t q = 0; q < P; ++q) acc += double(r[q]);
                        dbB[o] += acc;
                    }
            if (!dxp && !dwB) continue;
            // dY of the chunk as (O x L): dout[n0] itself for one image.
            const float* dY = dyp + n0 * imgOut;
            if (nb > 1) {
                for (int64_t i = 0; i < nb; ++i)
                    for (int64_t o = 0; o < g.o; ++o) {
                        const float* src = dyp + (n0 + i) * imgOut + o * P;
                        float* dst = dyc + o * L + i * P;
#pragma omp simd
                        for (int64_t q = 0; q < P; ++q) dst[q] = src[q];
                    }
                dY = dyc;
            }
            if (dwB)
                for (int64_t i = 0; i < nb; ++i) im2col(g, xp + (n0 + i) * imgIn, g.c, col + i * P, L);
            if (dxp) std::fill(dxp + n0 * imgIn, dxp + (n0 + nb) * imgIn, 0.0f);
            for (int64_t gi = 0; gi < G; ++gi) {
                CMapR dYg(dY + gi * Og * L, Og, L, OStride(L));
                if (dwB) {
                    MapR dW(dwB + gi * Og * K, Og, K, OStride(K));
                    if (chunk == cb)
                        dW.noalias() = dYg * CMapR(col + gi * K * L, K, L, OStride(L)).transpose();
                    else
                        dW.noalias() += dYg * CMapR(col + gi * K * L, K, L, OStride(L)).transpose();
                }
                if (dxp) {
                    MapR dC(dcol, K, L, OStride(L));
                    dC.noalias() = CMapR(wp + gi * Og * K, Og, K, OStride(K)).transpose() * dYg;
                    for (int64_t i = 0; i < nb; ++i)
                        col2im(g, dcol + i * P, L, Cg, dxp + (n0 + i) * imgIn + gi * Cg * g.h * g.w);
                }
            }
        }
    });
    sumBlocks(dwPart.get(), dbPart, blocks, g.o * K, g.o, dwp, dbp);
}

}  // namespace gradlab::cpu
