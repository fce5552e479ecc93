// Geometry of 2-D convolution, pooling and batch normalisation: the sizes every backend's kernels
// need, computed and checked once by the ops (engine/ops/nn_ops.h). Plain numbers, no engine headers.
#pragma once

#include <stdint.h>

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
// covers rows y sh - ph + i dh for i < kh (likewise columns).
struct Pool2dGeom {
    int64_t planes, h, w;
    int64_t kh, kw, sh, sw, ph, pw, dh, dw;
    int64_t oh, ow;
    bool countIncludePad;  // avg_pool2d: divide by the window size including padding
};

}  // namespace gradlab
