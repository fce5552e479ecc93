// Pooling kernels (see pool.cuh): one thread per output element. Backward passes add each
// output's gradient into its window with atomicAdd on a zeroed dx (windows may overlap).
#include <math.h>

#include "kernels/launch.cuh"
#include "kernels/pool.cuh"

namespace gradlab::kernels {
namespace {

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

__global__ void avgPoolKernel(Pool2dGeom g, const float* x, float* out, int64_t total) {
    GL_GRID_LOOP(t, total) {
        const int64_t xo = t % g.ow, yo = (t / g.ow) % g.oh, p = t / (g.ow * g.oh);
        const float* xc = x + p * g.h * g.w;
        const PoolWindow w = avgPoolWindow(g, yo, xo);
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

__global__ void avgPoolBackwardKernel(Pool2dGeom g, const float* dout, float* dx, int64_t total) {
    GL_GRID_LOOP(t, total) {
        const int64_t xo = t % g.ow, yo = (t / g.ow) % g.oh, p = t / (g.ow * g.oh);
        float* d = dx + p * g.h * g.w;
        const PoolWindow w = avgPoolWindow(g, yo, xo);
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

cudaError_t launchAvgPool2d(const Pool2dGeom& g, const float* x, float* out, cudaStream_t stream) {
    const int64_t total = g.planes * g.oh * g.ow;
    return launchPerElement(avgPoolKernel, total, stream, g, x, out, total);
}

cudaError_t launchAvgPool2dBackward(const Pool2dGeom& g, const float* dout, float* dx, cudaStream_t stream) {
    const int64_t total = g.planes * g.oh * g.ow;
    cudaMemsetAsync(dx, 0, size_t(g.planes * g.h * g.w) * sizeof(float), stream);
    if (total <= 0) return cudaGetLastError();
    return launchPerElement(avgPoolBackwardKernel, total, stream, g, dout, dx, total);
}

}  // namespace gradlab::kernels
