// Pooling kernels (see pool.cuh): one thread per output element. Backward passes add each
// output's gradient into its window with atomicAdd on a zeroed dx (windows may overlap).
#include <math.h>

#include "kernels/launch.cuh"
#include "kernels/pool.cuh"

namespace gradlab::kernels {
namespace {

// The window of output (y, x): rows [y0, y1), columns [x0, x1), and its divisor.
struct Window {
    int64_t y0, y1, x0, x1;
    float divisor;
};

__device__ __forceinline__ Window avgWindow(const Pool2dGeom& g, int64_t y, int64_t x, bool adaptive) {
    Window w;
    if (adaptive) {
        w.y0 = (y * g.h) / g.oh, w.y1 = ((y + 1) * g.h + g.oh - 1) / g.oh;
        w.x0 = (x * g.w) / g.ow, w.x1 = ((x + 1) * g.w + g.ow - 1) / g.ow;
        w.divisor = float((w.y1 - w.y0) * (w.x1 - w.x0));
        return w;
    }
    int64_t y0 = y * g.sh - g.ph, x0 = x * g.sw - g.pw;
    int64_t y1 = min(y0 + g.kh, g.h + g.ph), x1 = min(x0 + g.kw, g.w + g.pw);
    const int64_t padded = (y1 - y0) * (x1 - x0);
    y0 = max(y0, int64_t(0)), x0 = max(x0, int64_t(0));
    y1 = min(y1, g.h), x1 = min(x1, g.w);
    const int64_t real = max(y1 - y0, int64_t(0)) * max(x1 - x0, int64_t(0));
    w.y0 = y0, w.y1 = y1, w.x0 = x0, w.x1 = x1;
    w.divisor = float(g.countIncludePad ? padded : real);
    return w;
}

__global__ void maxPoolKernel(Pool2dGeom g, const float* x, float* out, float* indices, int64_t total) {
    GL_GRID_LOOP(t, total) {
        const int64_t xo = t % g.ow, yo = (t / g.ow) % g.oh, p = t / (g.ow * g.oh);
        const float* xc = x + p * g.h * g.w;
        int64_t y0 = yo * g.sh - g.ph;
        const int64_t y1 = min(y0 + (g.kh - 1) * g.dh + 1, g.h);
        while (y0 < 0) y0 += g.dh;
        int64_t x0 = xo * g.sw - g.pw;
        const int64_t x1 = min(x0 + (g.kw - 1) * g.dw + 1, g.w);
        while (x0 < 0) x0 += g.dw;
        int64_t at = y0 * g.w + x0;
        float best = -INFINITY;
        for (int64_t iy = y0; iy < y1; iy += g.dh)
            for (int64_t jx = x0; jx < x1; jx += g.dw) {
                const float v = xc[iy * g.w + jx];
                if (v > best || isnan(v)) best = v, at = iy * g.w + jx;
            }
        out[t] = best;
        indices[t] = float(at);
    }
}

__global__ void maxPoolBackwardKernel(Pool2dGeom g, const float* dout, const float* indices, float* dx, int64_t total) {
    GL_GRID_LOOP(t, total) {
        const int64_t p = t / (g.ow * g.oh);
        atomicAdd(dx + p * g.h * g.w + int64_t(indices[t]), dout[t]);
    }
}

__global__ void avgPoolKernel(Pool2dGeom g, const float* x, float* out, bool adaptive, int64_t total) {
    GL_GRID_LOOP(t, total) {
        const int64_t xo = t % g.ow, yo = (t / g.ow) % g.oh, p = t / (g.ow * g.oh);
        const float* xc = x + p * g.h * g.w;
        const Window w = avgWindow(g, yo, xo, adaptive);
        if (w.y0 >= w.y1 || w.x0 >= w.x1) {
            out[t] = 0.0f;
            continue;
        }
        float s = 0.0f;
        for (int64_t iy = w.y0; iy < w.y1; ++iy)
            for (int64_t jx = w.x0; jx < w.x1; ++jx) s += xc[iy * g.w + jx];
        out[t] = s / w.divisor;
    }
}

__global__ void avgPoolBackwardKernel(Pool2dGeom g, const float* dout, float* dx, bool adaptive, int64_t total) {
    GL_GRID_LOOP(t, total) {
        const int64_t xo = t % g.ow, yo = (t / g.ow) % g.oh, p = t / (g.ow * g.oh);
        float* d = dx + p * g.h * g.w;
        const Window w = avgWindow(g, yo, xo, adaptive);
        const float share = dout[t] / w.divisor;
        for (int64_t iy = w.y0; iy < w.y1; ++iy)
            for (int64_t jx = w.x0; jx < w.x1; ++jx) atomicAdd(d + iy * g.w + jx, share);
    }
}

}  // namespace

cudaError_t launchMaxPool2d(const Pool2dGeom& g, const float* x, float* out, float* indices, cudaStream_t stream) {
    const int64_t total = g.planes * g.oh * g.ow;
    return launchPerElement(maxPoolKernel, total, stream, g, x, out, indices, total);
}

cudaError_t launchMaxPool2dBackward(const Pool2dGeom& g, const float* dout, const float* indices, float* dx,
                                    cudaStream_t stream) {
    const int64_t total = g.planes * g.oh * g.ow;
    cudaMemsetAsync(dx, 0, size_t(g.planes * g.h * g.w) * sizeof(float), stream);
    if (total <= 0) return cudaGetLastError();
    return launchPerElement(maxPoolBackwardKernel, total, stream, g, dout, indices, dx, total);
}

cudaError_t launchAvgPool2d(const Pool2dGeom& g, const float* x, float* out, bool adaptive, cudaStream_t stream) {
    const int64_t total = g.planes * g.oh * g.ow;
    return launchPerElement(avgPoolKernel, total, stream, g, x, out, adaptive, total);
}

cudaError_t launchAvgPool2dBackward(const Pool2dGeom& g, const float* dout, float* dx, bool adaptive,
                                    cudaStream_t stream) {
    const int64_t total = g.planes * g.oh * g.ow;
    cudaMemsetAsync(dx, 0, size_t(g.planes * g.h * g.w) * sizeof(float), stream);
    if (total <= 0) return cudaGetLastError();
    return launchPerElement(avgPoolBackwardKernel, total, stream, g, dout, dx, adaptive, total);
}

}  // namespace gradlab::kernels
