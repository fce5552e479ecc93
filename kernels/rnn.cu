// Recurrent cell kernels (see rnn.cuh): each thread computes one element with the formulas of
// kernels/rnn_math.h, the functions the CPU backend's loops call.
#include "kernels/launch.cuh"
#include "kernels/rnn.cuh"
#include "kernels/rnn_math.h"

namespace gradlab::kernels {
namespace {

namespace rm = ::gradlab::rnn_math;

__global__ void rnnCellKernel(const float* gi, const float* gh, const float* bi, const float* bh, int64_t H, bool relu,
                              float* h, int64_t total) {
    GL_GRID_LOOP(t, total) rm::rnnCellAt(t / H, t % H, H, gi, gh, bi, bh, relu, h);
}

__global__ void rnnCellBackwardKernel(const float* h, const float* dh, int64_t H, bool relu, float* da, int64_t total) {
    GL_GRID_LOOP(t, total) rm::rnnCellBackwardAt(t / H, t % H, H, h, dh, relu, da);
}

__global__ void lstmCellKernel(const float* gi, const float* gh, const float* bi, const float* bh, const float* cPrev,
                               int64_t H, float* h, float* c, float* gates, int64_t total) {
    GL_GRID_LOOP(t, total) rm::lstmCellAt(t / H, t % H, H, gi, gh, bi, bh, cPrev, h, c, gates);
}

__global__ void lstmCellBackwardKernel(const float* gates, const float* cPrev, const float* c, const float* dh,
                                       const float* dc, int64_t H, float* da, float* dcPrev, int64_t total) {
    GL_GRID_LOOP(t, total) rm::lstmCellBackwardAt(t / H, t % H, H, gates, cPrev, c, dh, dc, da, dcPrev);
}

__global__ void gruCellKernel(const float* gi, const float* gh, const float* bi, const float* bh, const float* hPrev,
                              int64_t H, float* h, float* ws, int64_t total) {
    GL_GRID_LOOP(t, total) rm::gruCellAt(t / H, t % H, H, gi, gh, bi, bh, hPrev, h, ws);
}

__global__ void gruCellBackwardKernel(const float* ws, const float* hPrev, const float* dh, int64_t H, float* dgi,
                                      float* dgh, float* dhPrev, int64_t total) {
    GL_GRID_LOOP(t, total) rm::gruCellBackwardAt(t / H, t % H, H, ws, hPrev, dh, dgi, dgh, dhPrev);
}

__global__ void columnSumKernel(const float* x, int64_t rows, int64_t n, float* out) {
    GL_GRID_LOOP(k, n) out[k] = rm::columnSum(x, rows, n, k);
}

// The row sums of x (rows, n) into out, when out is wanted.
cudaError_t columnSums(const float* x, int64_t rows, int64_t n, float* out, cudaStream_t stream) {
    return out ? launchPerElement(columnSumKernel, n, stream, x, rows, n, out) : cudaSuccess;
}

}  // namespace

cudaError_t launchRnnCell(const float* gi, const float* gh, const float* bi, const float* bh, int64_t B, int64_t H,
                          bool relu, float* h, cudaStream_t stream) {
    return launchPerElement(rnnCellKernel, B * H, stream, gi, gh, bi, bh, H, relu, h, B * H);
}

cudaError_t launchRnnCellBackward(const float* h, const float* dh, int64_t B, int64_t H, bool relu, float* da,
                                  float* dbias, cudaStream_t stream) {
    const cudaError_t e = launchPerElement(rnnCellBackwardKernel, B * H, stream, h, dh, H, relu, da, B * H);
    return e != cudaSuccess ? e : columnSums(da, B, H, dbias, stream);
}

cudaError_t launchLstmCell(const float* gi, const float* gh, const float* bi, const float* bh, const float* cPrev,
                           int64_t B, int64_t H, float* out, float* gates, cudaStream_t stream) {
    return launchPerElement(lstmCellKernel, B * H, stream, gi, gh, bi, bh, cPrev, H, out, out + B * H, gates, B * H);
}

cudaError_t launchLstmCellBackward(const float* gates, const float* cPrev, const float* out, const float* dout,
                                   int64_t B, int64_t H, float* da, float* dcPrev, float* dbias, cudaStream_t stream) {
    const cudaError_t e = launchPerElement(lstmCellBackwardKernel, B * H, stream, gates, cPrev, out + B * H, dout,
                                           dout + B * H, H, da, dcPrev, B * H);
    return e != cudaSuccess ? e : columnSums(da, B, 4 * H, dbias, stream);
}

cudaError_t launchGruCell(const float* gi, const float* gh, const float* bi, const float* bh, const float* hPrev,
                          int64_t B, int64_t H, float* h, float* ws, cudaStream_t stream) {
    return launchPerElement(gruCellKernel, B * H, stream, gi, gh, bi, bh, hPrev, H, h, ws, B * H);
}

cudaError_t launchGruCellBackward(const float* ws, const float* hPrev, const float* dh, int64_t B, int64_t H,
                                  float* dgi, float* dgh, float* dhPrev, float* dbi, float* dbh, cudaStream_t stream) {
    cudaError_t e = launchPerElement(gruCellBackwardKernel, B * H, stream, ws, hPrev, dh, H, dgi, dgh, dhPrev, B * H);
    if (e == cudaSuccess) e = columnSums(dgi, B, 3 * H, dbi, stream);
    return e != cudaSuccess ? e : columnSums(dgh, B, 3 * H, dbh, stream);
}

}  // namespace gradlab::kernels
