// Geometry of 2-D convolution, pooling and batch normalisation: the sizes every backend's kernels
// need, computed and checked once by the ops (engine/ops/nn_ops.h), and the average-pooling window
// both backends use. Plain numbers, no engine headers.
#pragma once

#include <stdint.h>

#include "kernels/host_device.h"

namespace gradlab {

// x: (n, c, h, w), weight: (o, c / groups, kh, kw), out: (n, o, oh, ow) with
// oh = (h + 2 ph - dh (kh - 1) - 1) / sh + 1 (likewise ow).
struct Conv2dGeom {
    int64_t n, c, h, w;
    int64_t o, kh, kw;
    int64_t sh, sw, ph, pw, dh, dw;
    int64_t groups;
    int64_t oh, ow;
};

// x: (planes, h, w) with planes = N * C, out: (planes, oh, ow). Window (i, j) of output (y, x)
// covers rows y sh - ph + i dh for i < kh (likewise columns); adaptive_avg_pool2d's covers rows
// [floor(y h / oh), ceil((y + 1) h / oh)) (likewise columns) and uses no kernel, stride nor padding.
struct Pool2dGeom {
    int64_t planes, h, w;
    int64_t kh, kw, sh, sw, ph, pw, dh, dw;
    int64_t oh, ow;
    bool countIncludePad;  // avg_pool2d: divide by the window size including padding
    bool adaptive;         // adaptive_avg_pool2d
};

// The window of output (y, x) of avg_pool2d or adaptive_avg_pool2d: rows [y0, y1) and columns
// [x0, x1) of the image (empty when it covers only padding), and the divisor of its sum.
struct PoolWindow {
    int64_t y0, y1, x0, x1;
    float divisor;
};
GL_HD PoolWindow avgPoolWindow(const Pool2dGeom& g, int64_t y, int64_t x) {
    PoolWindow w;
    if (g.adaptive) {
        w.y0 = (y * g.h) / g.oh, w.y1 = ((y + 1) * g.h + g.oh - 1) / g.oh;
        w.x0 = (x * g.w) / g.ow, w.x1 = ((x + 1) * g.w + g.ow - 1) / g.ow;
        w.divisor = float((w.y1 - w.y0) * (w.x1 - w.x0));
        return w;
    }
    int64_t y0 = y * g.sh - g.ph, x0 = x * g.sw - g.pw;
    int64_t y1 = y0 + g.kh < g.h + g.ph ? y0 + g.kh : g.h + g.ph, x1 = x0 + g.kw < g.w + g.pw ? x0 + g.kw : g.w + g.pw;
    const int64_t padded = (y1 - y0) * (x1 - x0);
    w.y0 = y0 > 0 ? y0 : 0, w.x0 = x0 > 0 ? x0 : 0;
    w.y1 = y1 < g.h ? y1 : g.h, w.x1 = x1 < g.w ? x1 : g.w;
    const int64_t real = (w.y1 > w.y0 ? w.y1 - w.y0 : 0) * (w.x1 > w.x0 ? w.x1 - w.x0 : 0);
    w.divisor = float(g.countIncludePad ? padded : real);
    return w;
}

// The most input elements one output's window reads (a measure of the work per output).
GL_HD int64_t poolWindowArea(const Pool2dGeom& g) {
    if (g.adaptive) return ((g.h + g.oh - 1) / g.oh + 1) * ((g.w + g.ow - 1) / g.ow + 1);
    return g.kh * g.kw;
}

}  // namespace gradlab
