// The CUDA backend's op kernels. Until a kernel family lands here, its ops report clearly that
// they run on the CPU only (the device selector offers CUDA only when every op is present).
#include "engine/core/error.h"
#include "engine/cuda/cuda_backend.h"
#include "engine/ops/backend.h"

namespace gradlab::cuda {
namespace {
[[noreturn]] void missing(const char* op) { GL_FAIL("the CUDA kernel of '", op, "' is not in this build yet; run on the CPU"); }
}  // namespace

void fill(Tensor&, float) { missing("fill"); }
void copy(const Tensor&, Tensor&) { missing("copy"); }
void unary(UnaryOp, const Tensor&, Tensor&, float, float) { missing("unary"); }
void unaryBackward(UnaryOp, const Tensor&, const Tensor&, const Tensor&, Tensor&, float, float) { missing("unaryBackward"); }
void binary(BinaryOp, const Tensor&, const Tensor&, Tensor&) { missing("binary"); }
void where(const Tensor&, const Tensor&, const Tensor&, Tensor&) { missing("where"); }
void reduce(ReduceOp, const Tensor&, int64_t, int64_t, int64_t, Tensor&, Tensor*) { missing("reduce"); }
void gemm(const Tensor&, const Tensor&, Tensor&, bool) { missing("gemm"); }
void softmax(const Tensor&, Tensor&, bool) { missing("softmax"); }
void softmaxBackward(const Tensor&, const Tensor&, Tensor&, bool) { missing("softmaxBackward"); }
void indexSelect(const Tensor&, int64_t, int64_t, int64_t, const Tensor&, Tensor&) { missing("indexSelect"); }
void indexAdd(Tensor&, int64_t, int64_t, int64_t, const Tensor&, const Tensor&) { missing("indexAdd"); }
void gather(const Tensor&, int64_t, int64_t, int64_t, const Tensor&, Tensor&) { missing("gather"); }
void scatterAdd(Tensor&, int64_t, int64_t, int64_t, const Tensor&, const Tensor&) { missing("scatterAdd"); }

}  // namespace gradlab::cuda
