// Convolution helpers (see conv.cuh): one thread per element written; col2im gathers (no atomics).
#include "kernels/block_reduce.cuh"
#include "kernels/conv.cuh"
#include "kernels/launch.cuh"

namespace gradlab::kernels {
namespace {

__global__ void im2colKernel(Conv2dGeom g, const float* x, float* col, int64_t total) {
    const int64_t L = g.oh * g.ow;
    GL_GRID_LOOP(t, total) {
        const int64_t ox = t % g.ow, oy = (t / g.ow) % g.oh;
        const int64_t r = (t / L) % (g.c * g.kh * g.kw), n = t / (L * g.c * g.kh * g.kw);
        const int64_t j = r % g.kw, i = (r / g.kw) % g.kh, c = r / (g.kw * g.kh);
        const int64_t iy = oy * g.sh - g.ph + i * g.dh, ix = ox * g.sw - g.pw + j * g.dw;
        col[t] = (iy >= 0 && iy < g.h && ix >= 0 && ix < g.w) ? x[((n * g.c + c) * g.h + iy) * g.w + ix] : 0.0f;
    }
}

__global__ void col2imKernel(Conv2dGeom g, const float* col, float* dx, int64_t total) {
    const int64_t L = g.oh * g.ow, rows = g.c * g.kh * g.kw;
    GL_GRID_LOOP(t, total) {
        const int64_t ix = t % g.w, iy = (t / g.w) % g.h, c = (t / (g.w * g.h)) % g.c, n = t / (g.w * g.h * g.c);
        const float* cn = col + n * rows * L;
        float s = 0.0f;
        for (int64_t i = 0; i < g.kh; ++i) {
            const int64_t ty = iy + g.ph - i * g.dh;  // = oy * sh when tap i of output row oy reads iy
            if (ty < 0 || ty % g.sh != 0 || ty / g.sh >= g.oh) continue;
            for (int64_t j = 0; j < g.kw; ++j) {
                const int64_t tx = ix + g.pw - j * g.dw;
                if (tx < 0 || tx % g.sw != 0 || tx / g.sw >= g.ow) continue;
                s += cn[((c * g.kh + i) * g.kw + j) * L + (ty / g.sh) * g.ow + tx / g.sw];
            }
        }
        dx[t] = s;
    }
}

__global__ void addBiasKernel(float* out, const float* bias, int64_t o, int64_t s, int64_t total) {
    GL_GRID_LOOP(t, total) out[t] += bias[(t / s) % o];
}

// One block per output channel.
__global__ void biasGradKernel(const float* dout, int64_t n, int64_t o, int64_t s, float* dbias) {
    __shared__ double scratch[kRowThreads];
    const int64_t ch = blockIdx.x, count = n * s;
    double acc = 0.0;
    for (int64_t t = threadIdx.x; t < count; t += blockDim.x) acc += double(dout[((t / s) * o + ch) * s + t % s]);
    acc = blockSum(acc, scratch);
    if (threadIdx.x == 0) dbias[ch] = float(acc);
}

}  // namespace

cudaError_t launchIm2col(const Conv2dGeom& g, const float* x, int64_t nb, float* col, cudaStream_t stream) {
    const int64_t total = nb * g.c * g.kh * g.kw * g.oh * g.ow;
    return launchPerElement(im2colKernel, total, stream, g, x, col, total);
}

cudaError_t launchCol2im(const Conv2dGeom& g, const float* col, int64_t nb, float* dx, cudaStream_t stream) {
    const int64_t total = nb * g.c * g.h * g.w;
    return launchPerElement(col2imKernel, total, stream, g, col, dx, total);
}

cudaError_t launchAddBias(float* out, const float* bias, int64_t n, int64_t o, int64_t s, cudaStream_t stream) {
    const int64_t total = n * o * s;
    return launchPerElement(addBiasKernel, total, stream, out, bias, o, s, total);
}

cudaError_t launchBiasGrad(const float* dout, int64_t n, int64_t o, int64_t s, float* dbias, cudaStream_t stream) {
    return launchPerRow(biasGradKernel, o, stream, dout, n, o, s, dbias);
}

}  // namespace gradlab::kernels
