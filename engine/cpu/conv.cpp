// CPU 2-D convolution: im2col + GEMM (Eigen) forward, GEMMs + col2im backward.
// Two plans: one GEMM over the whole mini-batch (columns of every image side by side) when each
// image's GEMM would be small, else one GEMM per image with the images split across threads.
#include <omp.h>

#include <Eigen/Core>
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "engine/core/error.h"
#include "engine/cpu/parallel.h"
#include "engine/ops/backend.h"

namespace gradlab::cpu {
namespace {

using RowMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ColMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;
using OStride = Eigen::OuterStride<>;
using MapR = Eigen::Map<RowMat, 0, OStride>;
using CMapR = Eigen::Map<const RowMat, 0, OStride>;
using MapC = Eigen::Map<ColMat, 0, OStride>;
using CMapC = Eigen::Map<const ColMat, 0, OStride>;

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

// Unfolds `channels` channels of one image x (channels, H, W) into col: row (c, i, j) holds, for each
// output position (y, x), the input value under kernel tap (i, j) (0 in the padding). Row r starts
// at col + r * ld.
void im2col(const Conv2dGeom& g, const float* x, int64_t channels, float* col, int64_t ld) {
    const int64_t H = g.h, W = g.w, OH = g.oh, OW = g.ow;
    for (int64_t c = 0; c < channels; ++c) {
        const float* xc = x + c * H * W;
        for (int64_t i = 0; i < g.kh; ++i) {
            for (int64_t j = 0; j < g.kw; ++j) {
                float* row = col + ((c * g.kh + i) * g.kw + j) * ld;
                const int64_t xoff = j * g.dw - g.pw;
                int64_t lo, hi;
                validRange(xoff, g.sw, W, OW, lo, hi);
                for (int64_t y = 0; y < OH; ++y) {
                    float* r = row + y * OW;
                    const int64_t iy = y * g.sh - g.ph + i * g.dh;
                    if (iy < 0 || iy >= H) {
                        std::fill(r, r + OW, 0.0f);
                        continue;
                    }
                    const float* xr = xc + iy * W + xoff;
                    std::fill(r, r + lo, 0.0f);
                    if (g.sw == 1) {
                        std::memcpy(r + lo, xr + lo, std::size_t(hi - lo) * sizeof(float));
                    } else {
                        for (int64_t q = lo; q < hi; ++q) r[q] = xr[q * g.sw];
                    }
                    std::fill(r + hi, r + OW, 0.0f);
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
            for (int64_t j = 0; j < g.kw; ++j) {
                const float* row = col + ((c * g.kh + i) * g.kw + j) * ld;
                const int64_t xoff = j * g.dw - g.pw;
                int64_t lo, hi;
                validRange(xoff, g.sw, W, OW, lo, hi);
                for (int64_t y = 0; y < OH; ++y) {
                    const int64_t iy = y * g.sh - g.ph + i * g.dh;
                    if (iy < 0 || iy >= H) continue;
                    const float* r = row + y * OW;
                    float* dr = dc + iy * W + xoff;
                    if (g.sw == 1) {
#pragma omp simd
                        for (int64_t q = lo; q < hi; ++q) dr[q] += r[q];
                    } else {
                        for (int64_t q = lo; q < hi; ++q) dr[q * g.sw] += r[q];
                    }
                }
            }
        }
    }
}

// Threads for `items` independent pieces of `work` flops in all.
int threadsFor(int64_t items, double work) {
    if (omp_in_parallel() || work < 4.0e5) return 1;
    return int(std::max<int64_t>(1, std::min<int64_t>({int64_t(omp_get_max_threads()), items, int64_t(work / 2.0e5)})));
}

// Calls body(thread, begin, end) for a static split of [0, n) over `threads` threads.
template <class Body>
void forChunks(int threads, int64_t n, Body&& body) {
    if (threads <= 1) {
        body(0, int64_t(0), n);
        return;
    }
#pragma omp parallel num_threads(threads)
    {
        const int t = omp_get_thread_num(), nt = omp_get_num_threads();
        const int64_t chunk = (n + nt - 1) / nt;
        const int64_t b = std::min(n, chunk * t), e = std::min(n, b + chunk);
        body(t, b, e);
    }
}

struct ConvPlan {
    bool identityCols = false;  // each image's column matrix is the image itself (no im2col)
    bool batched = false;       // one GEMM over the mini-batch rather than one per image
};

ConvPlan convPlan(const Conv2dGeom& g) {
    ConvPlan p;
    const int64_t P = g.oh * g.ow, K = (g.c / g.groups) * g.kh * g.kw;
    // The kernel covers the whole (unpadded) image: each image's column is the image itself.
    p.identityCols = P == 1 && g.ph == 0 && g.pw == 0 && g.kh == g.h && g.kw == g.w && g.groups == 1;
    // Per-image GEMMs of (O/groups) x K x P are efficient once P is large; small P (deep layers)
    // and few images go through one GEMM over the batch.
    p.batched = p.identityCols || P < 256 || g.n == 1;
    (void)K;
    if (const char* e = std::getenv("GRADLAB_CONV_PLAN")) {
        if (std::strcmp(e, "batched") == 0) p.batched = true;
        if (std::strcmp(e, "image") == 0) p.batched = p.identityCols;
    }
    return p;
}

}  // namespace

// ---------------------------------------------------------------- forward
void conv2d(const Conv2dGeom& g, const Tensor& x, const Tensor& weight, const Tensor& bias, Tensor& out) {
    const int64_t N = g.n, G = g.groups, Cg = g.c / G, Og = g.o / G, P = g.oh * g.ow, K = Cg * g.kh * g.kw;
    const int64_t imgIn = g.c * g.h * g.w, imgOut = g.o * P;
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
        // out (N x O) = x (N x K) W^T, the bias broadcast into out first.
        MapR Y(op, N, g.o, OStride(g.o));
        CMapR X(xp, N, K, OStride(K));
        CMapR Wm(wp, g.o, K, OStride(K));
        for (int64_t n = 0; n < N; ++n)
            for (int64_t o = 0; o < g.o; ++o) op[n * g.o + o] = bp ? bp[o] : 0.0f;
        Y.noalias() += X * Wm.transpose();
        return;
    }

    if (plan.batched) {
        // col (C kH kW x N P): the columns of image n at n P. Y (O x N P) = W_g col_g per group.
        const int64_t NP = N * P, Kall = g.c * g.kh * g.kw;
        float* col = scratch(0, std::size_t(Kall * NP));
        float* y = scratch(1, std::size_t(g.o * NP));
        forChunks(threadsFor(N, double(Kall * NP)), N, [&](int, int64_t b, int64_t e) {
            for (int64_t n = b; n < e; ++n) im2col(g, xp + n * imgIn, g.c, col + n * P, NP);
        });
        for (int64_t gi = 0; gi < G; ++gi) {
            MapR Y(y + gi * Og * NP, Og, NP, OStride(NP));
            CMapR Wm(wp + gi * Og * K, Og, K, OStride(K));
            CMapR Cm(col + gi * K * NP, K, NP, OStride(NP));
            Y.noalias() = Wm * Cm;
        }
        forChunks(threadsFor(N, double(g.o * NP)), N, [&](int, int64_t b, int64_t e) {
            for (int64_t n = b; n < e; ++n)
                for (int64_t o = 0; o < g.o; ++o) {
                    const float* src = y + o * NP + n * P;
                    float* dst = op + n * imgOut + o * P;
                    const float bo = bp ? bp[o] : 0.0f;
#pragma omp simd
                    for (int64_t q = 0; q < P; ++q) dst[q] = src[q] + bo;
                }
        });
        return;
    }

    // One GEMM per image and group: out[n]_g (Og x P) = bias + W_g col_g, images split over threads.
    forChunks(threadsFor(N, flops), N, [&](int, int64_t b, int64_t e) {
        if (b >= e) return;
        float* col = scratch(0, std::size_t(g.c * g.kh * g.kw * P));
        for (int64_t n = b; n < e; ++n) {
            im2col(g, xp + n * imgIn, g.c, col, P);
            float* on = op + n * imgOut;
            for (int64_t o = 0; o < g.o; ++o) std::fill(on + o * P, on + (o + 1) * P, bp ? bp[o] : 0.0f);
            for (int64_t gi = 0; gi < G; ++gi) {
                MapR Y(on + gi * Og * P, Og, P, OStride(P));
                CMapR Wm(wp + gi * Og * K, Og, K, OStride(K));
                CMapR Cm(col + gi * K * P, K, P, OStride(P));
                Y.noalias() += Wm * Cm;
            }
        }
    });
}

// ---------------------------------------------------------------- backward
void conv2dBackward(const Conv2dGeom& g, const Tensor& x, const Tensor& weight, const Tensor& dout, Tensor& dx,
                    Tensor& dweight, Tensor& dbias) {
    const int64_t N = g.n, G = g.groups, Cg = g.c / G, Og = g.o / G, P = g.oh * g.ow, K = Cg * g.kh * g.kw;
    const int64_t imgIn = g.c * g.h * g.w, imgOut = g.o * P, NP = N * P;
    // x is only given (and read) when dweight is wanted, the weight only when dx is.
    const float* xp = x.defined() ? x.data() : nullptr;
    const float* wp = weight.defined() ? weight.data() : nullptr;
    const float* dyp = dout.data();
    float* dxp = dx.defined() ? dx.data() : nullptr;
    float* dwp = dweight.defined() ? dweight.data() : nullptr;

    if (dbias.defined()) {
        // Sums in double over (N, P) for each channel, in a fixed order.
        float* dbp = dbias.data();
        for (int64_t o = 0; o < g.o; ++o) {
            double s = 0.0;
            for (int64_t n = 0; n < N; ++n) {
                const float* r = dyp + n * imgOut + o * P;
                double sn = 0.0;
#pragma omp simd reduction(+ : sn)
                for (int64_t q = 0; q < P; ++q) sn += double(r[q]);
                s += sn;
            }
            dbp[o] = float(s);
        }
    }
    if (!dxp && !dwp) return;
    if (dxp) std::fill(dxp, dxp + N * imgIn, 0.0f);
    if (dwp) std::fill(dwp, dwp + g.o * K, 0.0f);
    if (N == 0 || g.o == 0 || P == 0 || K == 0) return;
    const ConvPlan plan = convPlan(g);

    if (plan.identityCols) {
        // dW (O x K) = dY^T X, dX (N x K) = dY W.
        CMapR dY(dyp, N, g.o, OStride(g.o));
        if (dwp) {
            MapR dW(dwp, g.o, K, OStride(K));
            dW.noalias() = dY.transpose() * CMapR(xp, N, K, OStride(K));
        }
        if (dxp) {
            MapR dX(dxp, N, K, OStride(K));
            dX.noalias() = dY * CMapR(wp, g.o, K, OStride(K));
        }
        return;
    }

    if (plan.batched) {
        const int64_t Kall = g.c * g.kh * g.kw;
        float* dy = scratch(1, std::size_t(g.o * NP));
        float* col = scratch(0, std::size_t(Kall * NP));
        float* dcol = scratch(2, std::size_t(K * NP));
        // dY (O x N P) from dout (N, O, P); col as in the forward.
        forChunks(threadsFor(N, double(Kall * NP)), N, [&](int, int64_t b, int64_t e) {
            for (int64_t n = b; n < e; ++n) {
                for (int64_t o = 0; o < g.o; ++o)
                    std::memcpy(dy + o * NP + n * P, dyp + n * imgOut + o * P, std::size_t(P) * sizeof(float));
                if (dwp) im2col(g, xp + n * imgIn, g.c, col + n * P, NP);
            }
        });
        for (int64_t gi = 0; gi < G; ++gi) {
            CMapR dY(dy + gi * Og * NP, Og, NP, OStride(NP));
            if (dwp) {
                MapR dW(dwp + gi * Og * K, Og, K, OStride(K));
                dW.noalias() = dY * CMapR(col + gi * K * NP, K, NP, OStride(NP)).transpose();
            }
            if (dxp) {
                // dcol_g (K x N P) = W_g^T dY_g, folded back image by image.
                MapR dC(dcol, K, NP, OStride(NP));
                dC.noalias() = CMapR(wp + gi * Og * K, Og, K, OStride(K)).transpose() * dY;
                forChunks(threadsFor(N, double(K * NP)), N, [&](int, int64_t b, int64_t e) {
                    for (int64_t n = b; n < e; ++n) col2im(g, dcol + n * P, NP, Cg, dxp + n * imgIn + gi * Cg * g.h * g.w);
                });
            }
        }
        return;
    }

    // Per image: each thread accumulates its own dW, summed in thread order at the end.
    const double flops = 2.0 * double(N) * double(g.o) * double(K) * double(P) * (dxp ? 2.0 : 1.0);
    const int threads = threadsFor(N, flops);
    std::vector<float> partial(dwp && threads > 1 ? std::size_t((threads - 1) * g.o * K) : 0, 0.0f);
    forChunks(threads, N, [&](int t, int64_t b, int64_t e) {
        if (b >= e) return;
        float* col = scratch(0, std::size_t(g.c * g.kh * g.kw * P));
        float* dcol = scratch(2, std::size_t(K * P));
        float* dwT = dwp ? (t == 0 ? dwp : partial.data() + (t - 1) * g.o * K) : nullptr;
        for (int64_t n = b; n < e; ++n) {
            const float* dyn = dyp + n * imgOut;
            if (dwT) im2col(g, xp + n * imgIn, g.c, col, P);
            for (int64_t gi = 0; gi < G; ++gi) {
                CMapR dY(dyn + gi * Og * P, Og, P, OStride(P));
                if (dwT) {
                    MapR dW(dwT + gi * Og * K, Og, K, OStride(K));
                    dW.noalias() += dY * CMapR(col + gi * K * P, K, P, OStride(P)).transpose();
                }
                if (dxp) {
                    MapR dC(dcol, K, P, OStride(P));
                    dC.noalias() = CMapR(wp + gi * Og * K, Og, K, OStride(K)).transpose() * dY;
                    col2im(g, dcol, P, Cg, dxp + n * imgIn + gi * Cg * g.h * g.w);
                }
            }
        }
    });
    if (dwp)
        for (int t = 1; t < threads; ++t) {
            const float* src = partial.data() + (t - 1) * g.o * K;
            for (int64_t i = 0; i < g.o * K; ++i) dwp[i] += src[i];
        }
}

}  // namespace gradlab::cpu
