// The primitive kernels each device backend provides (gradlab::cpu and gradlab::cuda have the same
// list, written once in backend_decls.inc). Ops in engine/ops check arguments, allocate outputs
// and call these through GL_DISPATCH (below); backends never allocate user-visible tensors themselves.
#pragma once

#include "engine/tensor/tensor.h"
#include "kernels/elementwise_math.h"
#include "kernels/nn_geometry.h"
#include "kernels/optimizer_math.h"

namespace gradlab {

enum class ReduceOp : int { Sum, Max, Min };

#define GL_BACKEND_FN(ret, name, params) ret name params;
namespace cpu {
#include "engine/ops/backend_decls.inc"
}
namespace cuda {
#include "engine/ops/backend_decls.inc"
}
#undef GL_BACKEND_FN

}  // namespace gradlab

// Calls backend function `fn` of the device `dev`: GL_DISPATCH(x.device(), unary, op, x, y, p0, p1).
#define GL_DISPATCH(dev, fn, ...) \
    ((dev) == ::gradlab::Device::CUDA ? ::gradlab::cuda::fn(__VA_ARGS__) : ::gradlab::cpu::fn(__VA_ARGS__))
