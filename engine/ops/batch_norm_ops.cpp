// batch_norm (torch.nn.functional.batch_norm): batch or running statistics, the in-place update of
// the running buffers, the affine normalisation and the fused backward for x, weight and bias.
#include "engine/autograd/autograd.h"
#include "engine/ops/nn_ops.h"
#include "engine/ops/op_utils.h"

namespace gradlab {
namespace {

void checkParam(const char* what, const Tensor& t, int64_t C) {
    if (!t.defined()) return;
    GL_CHECK(t.dim() == 1 && t.size(0) == C, "batch_norm: ", what, " should have shape (", C,
             ") (the input's channel count, dim 1), got ", shapeStr(t.shape()));
}

}  // namespace

Tensor batchNorm(const Tensor& x, const Tensor& runningMean, const Tensor& runningVar, const Tensor& weight,
                 const Tensor& bias, bool training, double momentum, double eps) {
    const Device dev = detail::commonDevice("batch_norm", {&x});
    for (const Tensor* t : {&runningMean, &runningVar, &weight, &bias})
        if (t->defined()) detail::commonDevice("batch_norm", {&x, t});
    GL_CHECK(x.dim() >= 2, "batch_norm: expected an input of shape (N, C) or (N, C, *), got ", shapeStr(x.shape()));
    const int64_t N = x.size(0), C = x.size(1), S = C == 0 || N == 0 ? 0 : x.numel() / (N * C);
    checkParam("running_mean", runningMean, C);
    checkParam("running_var", runningVar, C);
    checkParam("weight", weight, C);
    checkParam("bias", bias, C);
    GL_CHECK(runningMean.defined() == runningVar.defined(),
             "batch_norm: running_mean and running_var must both be given or both be undefined");
    GL_CHECK(training || runningMean.defined(),
             "batch_norm: running_mean and running_var must be defined in evaluation mode (training = false)");
    GL_CHECK(eps >= 0.0, "batch_norm: eps must be non-negative, got ", eps);
    if (training)
        GL_CHECK(N * S > 1, "batch_norm: expected more than 1 value per channel when training, got input of shape ",
                 shapeStr(x.shape()));

    Tensor xc = detail::raw(x);
    Tensor mean, invstd;
    if (training) {
        mean = empty({C}, dev);
        invstd = empty({C}, dev);
        // The kernel updates the running buffers in place; a non-contiguous buffer goes through a copy.
        Tensor rm = runningMean.defined() ? detail::raw(runningMean) : Tensor();
        Tensor rv = runningVar.defined() ? detail::raw(runningVar) : Tensor();
        GL_DISPATCH(dev, batchNormStats, xc, N, C, S, eps, momentum, mean, invstd, rm, rv);
        if (rm.defined() && !runningMean.isContiguous()) Tensor(runningMean).copy_(rm);
        if (rv.defined() && !runningVar.isContiguous()) Tensor(runningVar).copy_(rv);
    } else {
        NoGradGuard ng;
        mean = runningMean.detach().clone();  // a copy: the closure must not see later updates
        // In float, as torch's CPU kernel: 1 / sqrt(running_var + eps).
        invstd = rdiv(1.0f, sqrt(add(runningVar.detach(), float(eps))));
    }
    Tensor y = empty(x.shape(), dev);
    Tensor wc = weight.defined() ? detail::raw(weight) : Tensor();
    Tensor bc = bias.defined() ? detail::raw(bias) : Tensor();
    GL_DISPATCH(dev, batchNormApply, xc, N, C, S, mean, invstd, wc, bc, y);
    return record(OpId::batch_norm, y, {&x, &weight, &bias},
                  [xc, mean, invstd, wc, training, N, C, S, dev](const Tensor& dy, GradSlots& s) {
                      Tensor dx = s.needs(0) ? empty(xc.shape(), dev) : Tensor();
                      Tensor dw = s.needs(1) ? empty({C}, dev) : Tensor();
                      Tensor db = s.needs(2) ? empty({C}, dev) : Tensor();
                      GL_DISPATCH(dev, batchNormBackward, xc, detail::contig(dy), N, C, S, mean, invstd, wc,
                                  training, dx, dw, db);
                      s.set(0, std::move(dx));
                      s.set(1, std::move(dw));
                      s.set(2, std::move(db));
                  });
}

}  // namespace gradlab
