// The CUDA layer of a CPU-only build: no device, and every CUDA kernel reports that clearly.
#include "engine/core/error.h"
#include "engine/cuda/cuda_backend.h"
#include "engine/ops/backend.h"

namespace gradlab::cuda {
namespace {
// Every refusal gives the status line as its reason, as a CUDA build without a usable GPU does.
[[noreturn]] void unavailable() { GL_FAIL(statusLine()); }
}  // namespace

bool compiledIn() { return false; }
bool available() { return false; }
std::string statusLine() { return "CUDA: not available (this build of Gradient Lab was made without the CUDA toolkit)"; }
void* allocate(std::size_t) { unavailable(); }
void release(void*, std::size_t) {}
void setPoison(bool) {}
void synchronize() {}
void sgdStep(float*, const float*, float*, int64_t, bool, const optim_math::SgdCoeffs&) { unavailable(); }
void rmspropStep(float*, const float*, float*, float*, float*, int64_t, const optim_math::RmspropCoeffs&) {
    unavailable();
}
void adagradStep(float*, const float*, float*, int64_t, const optim_math::AdagradCoeffs&) { unavailable(); }
void adamStep(float*, const float*, float*, float*, float*, int64_t, const optim_math::AdamCoeffs&) { unavailable(); }
void nadamStep(float*, const float*, float*, float*, int64_t, const optim_math::NadamCoeffs&) { unavailable(); }

void fill(Tensor&, float) { unavailable(); }
void copy(const Tensor&, Tensor&) { unavailable(); }
void unary(UnaryOp, const Tensor&, Tensor&, float, float) { unavailable(); }
void unaryBackward(UnaryOp, const Tensor&, const Tensor&, const Tensor&, Tensor&, float, float) { unavailable(); }
void binary(BinaryOp, const Tensor&, const Tensor&, Tensor&) { unavailable(); }
void where(const Tensor&, const Tensor&, const Tensor&, Tensor&) { unavailable(); }
void reduce(ReduceOp, const Tensor&, int64_t, int64_t, int64_t, Tensor&, Tensor*) { unavailable(); }
void gemm(const Tensor&, const Tensor&, Tensor&, bool) { unavailable(); }
void softmax(const Tensor&, Tensor&, bool) { unavailable(); }
void softmaxBackward(const Tensor&, const Tensor&, Tensor&, bool) { unavailable(); }
void indexSelect(const Tensor&, int64_t, int64_t, int64_t, const Tensor&, Tensor&) { unavailable(); }
void indexAdd(Tensor&, int64_t, int64_t, int64_t, const Tensor&, const Tensor&) { unavailable(); }
void gather(const Tensor&, int64_t, int64_t, int64_t, const Tensor&, Tensor&) { unavailable(); }
void scatterAdd(Tensor&, int64_t, int64_t, int64_t, const Tensor&, const Tensor&) { unavailable(); }
void layerNorm(const Tensor&, const Tensor&, const Tensor&, float, Tensor&, Tensor&, Tensor&) { unavailable(); }
void layerNormBackward(const Tensor&, const Tensor&, const Tensor&, const Tensor&, const Tensor&, Tensor*, Tensor*,
                       Tensor*) {
    unavailable();
}
void attention(const Tensor&, const Tensor&, const Tensor&, const Tensor&, bool, float, const Tensor&, Tensor&, Tensor&,
               Tensor&) {
    unavailable();
}
void attentionBackward(const Tensor&, const Tensor&, const Tensor&, const Tensor&, const Tensor&, const Tensor&, float,
                       const Tensor&, const Tensor&, Tensor*, Tensor*, Tensor*) {
    unavailable();
}
void toHost(const float*, float*, int64_t) { unavailable(); }
void fromHost(const float*, float*, int64_t) { unavailable(); }

void conv2d(const Conv2dGeom&, const Tensor&, const Tensor&, const Tensor&, Tensor&) { unavailable(); }
void conv2dBackward(const Conv2dGeom&, const Tensor&, const Tensor&, const Tensor&, Tensor&, Tensor&, Tensor&) {
    unavailable();
}
void maxPool2d(const Pool2dGeom&, const Tensor&, Tensor&, Tensor&) { unavailable(); }
void maxPool2dBackward(const Pool2dGeom&, const Tensor&, const Tensor&, Tensor&) { unavailable(); }
void avgPool2d(const Pool2dGeom&, const Tensor&, Tensor&) { unavailable(); }
void avgPool2dBackward(const Pool2dGeom&, const Tensor&, Tensor&) { unavailable(); }
void adaptiveAvgPool2d(const Pool2dGeom&, const Tensor&, Tensor&) { unavailable(); }
void adaptiveAvgPool2dBackward(const Pool2dGeom&, const Tensor&, Tensor&) { unavailable(); }
void batchNormStats(const Tensor&, int64_t, int64_t, int64_t, double, double, Tensor&, Tensor&, Tensor&, Tensor&) {
    unavailable();
}
void batchNormApply(const Tensor&, int64_t, int64_t, int64_t, const Tensor&, const Tensor&, const Tensor&,
                    const Tensor&, Tensor&) {
    unavailable();
}
void batchNormBackward(const Tensor&, const Tensor&, int64_t, int64_t, int64_t, const Tensor&, const Tensor&,
                       const Tensor&, bool, Tensor&, Tensor&, Tensor&) {
    unavailable();
}

}  // namespace gradlab::cuda
