// Fused optimizer kernels (see optim.cuh). Like every kernel file it is compiled with --fmad=false (see
// kernels/CMakeLists.txt): the formulas say where torch fuses (fmaf) and where it rounds a product
// on its own, and nvcc must not contract the others.
#include "kernels/launch.cuh"
#include "kernels/optim.cuh"

namespace gradlab::kernels {
namespace {

__global__ void sgdKernel(float* p, const float* g, float* buf, int64_t n, bool initBuf, optim_math::SgdCoeffs c) {
    GL_GRID_LOOP(i, n) {
        float unused = 0.0f;
        p[i] = optim_math::sgdUpdate(p[i], g[i], buf ? buf[i] : unused, initBuf, c);
    }
}

__global__ void rmspropKernel(float* p, const float* g, float* sq, float* ga, float* buf, int64_t n,
                              optim_math::RmspropCoeffs c) {
    GL_GRID_LOOP(i, n) {
        float u1 = 0.0f, u2 = 0.0f;
        p[i] = optim_math::rmspropUpdate(p[i], g[i], sq[i], ga ? ga[i] : u1, buf ? buf[i] : u2, c);
    }
}

__global__ void adagradKernel(float* p, const float* g, float* sum, int64_t n, optim_math::AdagradCoeffs c) {
    GL_GRID_LOOP(i, n) p[i] = optim_math::adagradUpdate(p[i], g[i], sum[i], c);
}

__global__ void adamKernel(float* p, const float* g, float* m, float* v, float* vmax, int64_t n,
                           optim_math::AdamCoeffs c) {
    GL_GRID_LOOP(i, n) {
        float unused = 0.0f;
        p[i] = optim_math::adamUpdate(p[i], g[i], m[i], v[i], vmax ? vmax[i] : unused, c);
    }
}

__global__ void nadamKernel(float* p, const float* g, float* m, float* v, int64_t n, optim_math::NadamCoeffs c) {
    GL_GRID_LOOP(i, n) p[i] = optim_math::nadamUpdate(p[i], g[i], m[i], v[i], c);
}

}  // namespace

cudaError_t launchSgd(float* p, const float* g, float* buf, int64_t n, bool initBuf, const optim_math::SgdCoeffs& c,
                      cudaStream_t stream) {
    return launchPerElement(sgdKernel, n, stream, p, g, buf, n, initBuf, c);
}

cudaError_t launchRmsprop(float* p, const float* g, float* sq, float* ga, float* buf, int64_t n,
                          const optim_math::RmspropCoeffs& c, cudaStream_t stream) {
    return launchPerElement(rmspropKernel, n, stream, p, g, sq, ga, buf, n, c);
}

cudaError_t launchAdagrad(float* p, const float* g, float* sum, int64_t n, const optim_math::AdagradCoeffs& c,
                          cudaStream_t stream) {
    return launchPerElement(adagradKernel, n, stream, p, g, sum, n, c);
}

cudaError_t launchAdam(float* p, const float* g, float* m, float* v, float* vmax, int64_t n,
                       const optim_math::AdamCoeffs& c, cudaStream_t stream) {
    return launchPerElement(adamKernel, n, stream, p, g, m, v, vmax, n, c);
}

cudaError_t launchNadam(float* p, const float* g, float* m, float* v, int64_t n, const optim_math::NadamCoeffs& c,
                        cudaStream_t stream) {
    return launchPerElement(nadamKernel, n, stream, p, g, m, v, n, c);
}

}  // namespace gradlab::kernels
