// CPU pooling kernels (max, average and adaptive average) and their backward, plane by plane with
// the planes (N * C) split across threads. Window rules (kernels/nn_geometry.h, shared with CUDA)
// and tie/NaN handling follow PyTorch's CPU kernels.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <cmath>
#include <limits>

#include "engine/cpu/parallel.h"
#include "engine/ops/backend.h"

namespace gradlab::cpu {
namespace {

// body(p, image, pooled) for every plane p, planes in chunks over threads: `image` points at the
// plane's h * w elements of the image side (x, or dx of a backward), `pooled` at its oh * ow
// elements of the pooled side (out, or dout). `perOutput` is the work of one output element.
template <class Image, class Pooled, class Body>
void forPlanes(const Pool2dGeom& g, int64_t perOutput, Image* image, Pooled* pooled, Body&& body) {
    parallelChunks(g.planes, g.planes * g.oh * g.ow * perOutput, [&](int64_t b, int64_t e) {
        for (int64_t p = b; p < e; ++p) body(p, image + p * g.h * g.w, pooled + p * g.oh * g.ow);
    });
}

// m ? a : b for a mask m of all ones or all zeros, on the bits: branch-free also in the scalar
// remainder of a vectorised loop (where branches on random data mispredict half the time).
inline float pick(uint32_t m, float a, float b) {
    uint32_t ua, ub;
    std::memcpy(&ua, &a, 4);
    std::memcpy(&ub, &b, 4);
    const uint32_t r = (ua & m) | (ub & ~m);
    float f;
    std::memcpy(&f, &r, 4);
    return f;
}
// All ones where v > best or v is NaN (torch's rule: the first largest value wins; NaN wins).
inline uint32_t beats(float v, float best) { return -uint32_t((v > best) | (v != v)); }

}  // namespace

void maxPool2d(const Pool2dGeom& g, const Tensor& x, Tensor& out, Tensor& indices) {
    // Float indices are exact below 2^24: larger planes take the general loop.
    const bool simple = g.kh == 2 && g.kw == 2 && g.sh == 2 && g.sw == 2 && g.ph == 0 && g.pw == 0 && g.dh == 1 &&
                        g.dw == 1 && 2 * g.oh <= g.h && 2 * g.ow <= g.w && g.h * g.w < (int64_t(1) << 24);
    forPlanes(g, g.kh * g.kw, x.data(), out.data(), [&](int64_t p, const float* xc, float* o) {
        float* ix = indices.data() + p * g.oh * g.ow;
        if (simple) {
            // The common 2x2 / stride 2 window inside the image, without branches so that the loop
            // vectorises. Starting from the first element is what the general loop does from
            // -inf: it wins unless something later is larger or NaN.
            const float w = float(g.w);
            const int ow = int(g.ow);
            for (int64_t y = 0; y < g.oh; ++y) {
                const float* __restrict r0 = xc + 2 * y * g.w;
                const float* __restrict r1 = r0 + g.w;
                float* __restrict oy = o + y * g.ow;
                float* __restrict iy = ix + y * g.ow;
                const float rowBase = float(2 * y * g.w);
                // int counter: GCC vectorises the int -> float conversion, not an int64 one.
                for (int x = 0; x < ow; ++x) {
                    const float a = r0[2 * x], b = r0[2 * x + 1], c = r1[2 * x], d = r1[2 * x + 1];
                    float best = a, at = float(2 * x);
                    uint32_t m = beats(b, best);
                    best = pick(m, b, best), at = pick(m, float(2 * x + 1), at);
                    m = beats(c, best);
                    best = pick(m, c, best), at = pick(m, float(2 * x) + w, at);
                    m = beats(d, best);
                    best = pick(m, d, best), at = pick(m, float(2 * x + 1) + w, at);
                    oy[x] = best;
                    iy[x] = rowBase + at;
                }
            }
            return;
        }
        for (int64_t y = 0; y < g.oh; ++y) {
            int64_t y0 = y * g.sh - g.ph;
            const int64_t y1 = std::min(y0 + (g.kh - 1) * g.dh + 1, g.h);
            while (y0 < 0) y0 += g.dh;
            for (int64_t x = 0; x < g.ow; ++x) {
                int64_t x0 = x * g.sw - g.pw;
                const int64_t x1 = std::min(x0 + (g.kw - 1) * g.dw + 1, g.w);
                while (x0 < 0) x0 += g.dw;
                int64_t at = y0 * g.w + x0;
                float best = -std::numeric_limits<float>::infinity();
                for (int64_t iy = y0; iy < y1; iy += g.dh)
                    for (int64_t jx = x0; jx < x1; jx += g.dw) {
                        const float v = xc[iy * g.w + jx];
                        if (v > best || std::isnan(v)) best = v, at = iy * g.w + jx;
                    }
                o[y * g.ow + x] = best;
                ix[y * g.ow + x] = float(at);
            }
        }
    });
}

void maxPool2dBackward(const Pool2dGeom& g, const Tensor& dout, const Tensor& indices, Tensor& dx) {
    const int64_t oplane = g.oh * g.ow;
    forPlanes(g, 2, dx.data(), dout.data(), [&](int64_t p, float* d, const float* dy) {
        std::fill(d, d + g.h * g.w, 0.0f);
        const float* ix = indices.data() + p * oplane;
        for (int64_t q = 0; q < oplane; ++q) d[int64_t(ix[q])] += dy[q];
    });
}

// avg_pool2d with a 2x2 window and stride 2 that never reaches the padding or past the image
// (LeNet's pooling): every divisor is 4.
bool simpleAvg2x2(const Pool2dGeom& g) {
    return !g.adaptive && g.kh == 2 && g.kw == 2 && g.sh == 2 && g.sw == 2 && g.ph == 0 && g.pw == 0 &&
           2 * g.oh <= g.h && 2 * g.ow <= g.w;
}

void avgPool2d(const Pool2dGeom& g, const Tensor& x, Tensor& out) {
    const bool simple = simpleAvg2x2(g);
    forPlanes(g, poolWindowArea(g), x.data(), out.data(), [&](int64_t, const float* xc, float* o) {
        if (simple) {
            // Summed in the general loop's order (row by row), then divided, for the same bits.
            const int ow = int(g.ow);  // an int counter vectorises the stride-2 loads
            for (int64_t y = 0; y < g.oh; ++y) {
                const float* __restrict r0 = xc + 2 * y * g.w;
                const float* __restrict r1 = r0 + g.w;
                float* __restrict oy = o + y * g.ow;
                for (int x = 0; x < ow; ++x)
                    oy[x] = (((r0[2 * x] + r0[2 * x + 1]) + r1[2 * x]) + r1[2 * x + 1]) / 4.0f;
            }
            return;
        }
        for (int64_t y = 0; y < g.oh; ++y)
            for (int64_t x = 0; x < g.ow; ++x) {
                const PoolWindow w = avgPoolWindow(g, y, x);
                if (w.y0 >= w.y1 || w.x0 >= w.x1) {
                    o[y * g.ow + x] = 0.0f;
                    continue;
                }
                float s = 0.0f;
                for (int64_t iy = w.y0; iy < w.y1; ++iy)
                    for (int64_t jx = w.x0; jx < w.x1; ++jx) s += xc[iy * g.w + jx];
                o[y * g.ow + x] = s / w.divisor;
            }
    });
}

void avgPool2dBackward(const Pool2dGeom& g, const Tensor& dout, Tensor& dx) {
    const int64_t plane = g.h * g.w;
    const bool simple = simpleAvg2x2(g);
    forPlanes(g, poolWindowArea(g), dx.data(), dout.data(), [&](int64_t, float* d, const float* dy) {
        if (simple) {
            // Every input element is in at most one window: write, no accumulation.
            const int ow = int(g.ow);
            for (int64_t y = 0; y < g.oh; ++y) {
                float* __restrict d0 = d + 2 * y * g.w;
                float* __restrict d1 = d0 + g.w;
                const float* __restrict dyy = dy + y * g.ow;
                for (int x = 0; x < ow; ++x) {
                    const float share = dyy[x] / 4.0f;
                    d0[2 * x] = share, d0[2 * x + 1] = share, d1[2 * x] = share, d1[2 * x + 1] = share;
                }
                for (int64_t x = 2 * g.ow; x < g.w; ++x) d0[x] = d1[x] = 0.0f;
            }
            std::fill(d + 2 * g.oh * g.w, d + plane, 0.0f);
            return;
        }
        std::fill(d, d + plane, 0.0f);
        for (int64_t y = 0; y < g.oh; ++y)
            for (int64_t x = 0; x < g.ow; ++x) {
                const PoolWindow w = avgPoolWindow(g, y, x);
                const float share = dy[y * g.ow + x] / w.divisor;
                for (int64_t iy = w.y0; iy < w.y1; ++iy)
                    for (int64_t jx = w.x0; jx < w.x1; ++jx) d[iy * g.w + jx] += share;
            }
    });
}

}  // namespace gradlab::cpu
