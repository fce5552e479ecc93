// CPU pooling kernels (max, average, adaptive average) and their backward, plane by plane with the
// planes (N * C) split across threads. Window rules and tie/NaN handling follow PyTorch's CPU kernels.
#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/cpu/parallel.h"
#include "engine/ops/backend.h"

namespace gradlab::cpu {
namespace {

// Planes in chunks over threads; `perOutput` is the work of one output element.
template <class Body>
void forPlanes(const Pool2dGeom& g, int64_t perOutput, Body&& body) {
    parallelChunks(g.planes, g.planes * g.oh * g.ow * perOutput, [&](int64_t b, int64_t e) {
        for (int64_t p = b; p < e; ++p) body(p);
    });
}

// The clipped window of output (y, x) in avg_pool2d and its divisor.
struct AvgWindow {
    int64_t y0, y1, x0, x1;
    float divisor;
};
inline AvgWindow avgWindow(const Pool2dGeom& g, int64_t y, int64_t x) {
    int64_t y0 = y * g.sh - g.ph, x0 = x * g.sw - g.pw;
    int64_t y1 = std::min(y0 + g.kh, g.h + g.ph), x1 = std::min(x0 + g.kw, g.w + g.pw);
    const int64_t padded = (y1 - y0) * (x1 - x0);
    y0 = std::max<int64_t>(y0, 0), x0 = std::max<int64_t>(x0, 0);
    y1 = std::min(y1, g.h), x1 = std::min(x1, g.w);
    const int64_t real = std::max<int64_t>(y1 - y0, 0) * std::max<int64_t>(x1 - x0, 0);
    return {y0, y1, x0, x1, float(g.countIncludePad ? padded : real)};
}

inline int64_t startIndex(int64_t a, int64_t out, int64_t in) { return (a * in) / out; }
inline int64_t endIndex(int64_t a, int64_t out, int64_t in) { return ((a + 1) * in + out - 1) / out; }

}  // namespace

void maxPool2d(const Pool2dGeom& g, const Tensor& x, Tensor& out, Tensor& indices) {
    const float* xp = x.data();
    float* op = out.data();
    float* ip = indices.data();
    const int64_t plane = g.h * g.w, oplane = g.oh * g.ow;
    const bool simple = g.kh == 2 && g.kw == 2 && g.sh == 2 && g.sw == 2 && g.ph == 0 && g.pw == 0 && g.dh == 1 &&
                        g.dw == 1 && 2 * g.oh <= g.h && 2 * g.ow <= g.w;
    forPlanes(g, g.kh * g.kw, [&](int64_t p) {
        const float* xc = xp + p * plane;
        float* o = op + p * oplane;
        float* ix = ip + p * oplane;
        if (simple) {
            // The common 2x2 / stride 2 window, fully inside the image. Starting from the first
            // element is what the general loop does from -inf: it wins unless something is larger.
            for (int64_t y = 0; y < g.oh; ++y) {
                const float* r0 = xc + 2 * y * g.w;
                const float* r1 = r0 + g.w;
                for (int64_t x = 0; x < g.ow; ++x) {
                    const int64_t base = 2 * y * g.w + 2 * x;
                    float best = r0[2 * x];
                    int64_t at = base;
                    const float c1 = r0[2 * x + 1], c2 = r1[2 * x], c3 = r1[2 * x + 1];
                    if (c1 > best || std::isnan(c1)) best = c1, at = base + 1;
                    if (c2 > best || std::isnan(c2)) best = c2, at = base + g.w;
                    if (c3 > best || std::isnan(c3)) best = c3, at = base + g.w + 1;
                    o[y * g.ow + x] = best;
                    ix[y * g.ow + x] = float(at);
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
    const float* dyp = dout.data();
    const float* ip = indices.data();
    float* dxp = dx.data();
    const int64_t plane = g.h * g.w, oplane = g.oh * g.ow;
    forPlanes(g, 2, [&](int64_t p) {
        float* d = dxp + p * plane;
        std::fill(d, d + plane, 0.0f);
        const float* dy = dyp + p * oplane;
        const float* ix = ip + p * oplane;
        for (int64_t q = 0; q < oplane; ++q) d[int64_t(ix[q])] += dy[q];
    });
}

void avgPool2d(const Pool2dGeom& g, const Tensor& x, Tensor& out) {
    const float* xp = x.data();
    float* op = out.data();
    const int64_t plane = g.h * g.w, oplane = g.oh * g.ow;
    forPlanes(g, g.kh * g.kw, [&](int64_t p) {
        const float* xc = xp + p * plane;
        float* o = op + p * oplane;
        for (int64_t y = 0; y < g.oh; ++y)
            for (int64_t x = 0; x < g.ow; ++x) {
                const AvgWindow w = avgWindow(g, y, x);
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
    const float* dyp = dout.data();
    float* dxp = dx.data();
    const int64_t plane = g.h * g.w, oplane = g.oh * g.ow;
    forPlanes(g, g.kh * g.kw, [&](int64_t p) {
        float* d = dxp + p * plane;
        std::fill(d, d + plane, 0.0f);
        const float* dy = dyp + p * oplane;
        for (int64_t y = 0; y < g.oh; ++y)
            for (int64_t x = 0; x < g.ow; ++x) {
                const AvgWindow w = avgWindow(g, y, x);
                const float share = dy[y * g.ow + x] / w.divisor;
                for (int64_t iy = w.y0; iy < w.y1; ++iy)
                    for (int64_t jx = w.x0; jx < w.x1; ++jx) d[iy * g.w + jx] += share;
            }
    });
}

void adaptiveAvgPool2d(const Pool2dGeom& g, const Tensor& x, Tensor& out) {
    const float* xp = x.data();
    float* op = out.data();
    const int64_t plane = g.h * g.w, oplane = g.oh * g.ow;
    const int64_t win = ((g.h + g.oh - 1) / g.oh + 1) * ((g.w + g.ow - 1) / g.ow + 1);
    forPlanes(g, win, [&](int64_t p) {
        const float* xc = xp + p * plane;
        float* o = op + p * oplane;
        for (int64_t y = 0; y < g.oh; ++y) {
            const int64_t y0 = startIndex(y, g.oh, g.h), y1 = endIndex(y, g.oh, g.h);
            for (int64_t x = 0; x < g.ow; ++x) {
                const int64_t x0 = startIndex(x, g.ow, g.w), x1 = endIndex(x, g.ow, g.w);
                float s = 0.0f;
                for (int64_t iy = y0; iy < y1; ++iy)
                    for (int64_t jx = x0; jx < x1; ++jx) s += xc[iy * g.w + jx];
                o[y * g.ow + x] = s / float((y1 - y0) * (x1 - x0));
            }
        }
    });
}

void adaptiveAvgPool2dBackward(const Pool2dGeom& g, const Tensor& dout, Tensor& dx) {
    const float* dyp = dout.data();
    float* dxp = dx.data();
    const int64_t plane = g.h * g.w, oplane = g.oh * g.ow;
    const int64_t win = ((g.h + g.oh - 1) / g.oh + 1) * ((g.w + g.ow - 1) / g.ow + 1);
    forPlanes(g, win, [&](int64_t p) {
        float* d = dxp + p * plane;
        std::fill(d, d + plane, 0.0f);
        const float* dy = dyp + p * oplane;
        for (int64_t y = 0; y < g.oh; ++y) {
            const int64_t y0 = startIndex(y, g.oh, g.h), y1 = endIndex(y, g.oh, g.h);
            for (int64_t x = 0; x < g.ow; ++x) {
                const int64_t x0 = startIndex(x, g.ow, g.w), x1 = endIndex(x, g.ow, g.w);
                const float share = dy[y * g.ow + x] / float((y1 - y0) * (x1 - x0));
                for (int64_t iy = y0; iy < y1; ++iy)
                    for (int64_t jx = x0; jx < x1; ++jx) d[iy * g.w + jx] += share;
            }
        }
    });
}

}  // namespace gradlab::cpu
