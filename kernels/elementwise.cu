// Elementwise CUDA kernels (see elementwise.cuh). Grid-stride loops: one thread per element.
// The op is a kernel argument, the same for every thread, so its switch never diverges.
#include "kernels/elementwise.cuh"
#include "kernels/launch.cuh"

namespace gradlab::kernels {
namespace {

__global__ void fillKernel(float* dst, StridedND<1> L, int64_t n, float value) {
    GL_GRID_LOOP(i, n) {
        int64_t off[1];
        L.offsets(i, off);
        dst[off[0]] = value;
    }
}

__global__ void copyKernel(float* dst, const float* src, StridedND<2> L, int64_t n) {
    GL_GRID_LOOP(i, n) {
        int64_t off[2];
        L.offsets(i, off);
        dst[off[0]] = src[off[1]];
    }
}

__global__ void unaryKernel(UnaryOp op, const float* x, float* y, int64_t n, float p0, float p1) {
    GL_GRID_LOOP(i, n) y[i] = math::unary(op, x[i], p0, p1);
}

__global__ void unaryBackwardKernel(UnaryOp op, const float* x, const float* y, const float* dy, float* dx, int64_t n,
                                    float p0, float p1) {
    GL_GRID_LOOP(i, n) {
        const float g = dy[i];
        dx[i] = math::unaryGrad(op, x ? x[i] : 0.0f, y ? y[i] : 0.0f, g, p0, p1);
    }
}

__global__ void binaryKernel(BinaryOp op, float* out, const float* a, const float* b, StridedND<3> L, int64_t n) {
    GL_GRID_LOOP(i, n) {
        int64_t off[3];
        L.offsets(i, off);
        out[off[0]] = math::binary(op, a[off[1]], b[off[2]]);
    }
}

__global__ void whereKernel(float* out, const float* cond, const float* a, const float* b, StridedND<4> L, int64_t n) {
    GL_GRID_LOOP(i, n) {
        int64_t off[4];
        L.offsets(i, off);
        out[off[0]] = cond[off[1]] != 0.0f ? a[off[2]] : b[off[3]];
    }
}

}  // namespace

cudaError_t launchFill(float* dst, const StridedND<1>& L, int64_t n, float value, cudaStream_t stream) {
    return launchPerElement(fillKernel, n, stream, dst, L, n, value);
}

cudaError_t launchCopy(float* dst, const float* src, const StridedND<2>& L, int64_t n, cudaStream_t stream) {
    return launchPerElement(copyKernel, n, stream, dst, src, L, n);
}

cudaError_t launchUnary(UnaryOp op, const float* x, float* y, int64_t n, float p0, float p1, cudaStream_t stream) {
    return launchPerElement(unaryKernel, n, stream, op, x, y, n, p0, p1);
}

cudaError_t launchUnaryBackward(UnaryOp op, const float* x, const float* y, const float* dy, float* dx, int64_t n,
                                float p0, float p1, cudaStream_t stream) {
    return launchPerElement(unaryBackwardKernel, n, stream, op, x, y, dy, dx, n, p0, p1);
}

cudaError_t launchBinary(BinaryOp op, float* out, const float* a, const float* b, const StridedND<3>& L, int64_t n,
                         cudaStream_t stream) {
    return launchPerElement(binaryKernel, n, stream, op, out, a, b, L, n);
}

cudaError_t launchWhere(float* out, const float* cond, const float* a, const float* b, const StridedND<4>& L,
                        int64_t n, cudaStream_t stream) {
    return launchPerElement(whereKernel, n, stream, out, cond, a, b, L, n);
}

}  // namespace gradlab::kernels
