// Gradient clipping: the norms summed on the host in double (per parameter, then over the
// parameters' float norms, as torch stacks them), the scaling and clamping in place on the
// gradients' device.
#include "engine/optim/clip_grad.h"

#include <cmath>
#include <limits>
#include <vector>

#include "engine/ops/op_utils.h"

namespace gradlab {
namespace {

// g = op(g; p0, p1) in place, wherever g lives (a strided gradient goes through a contiguous copy).
void applyInPlace(const Tensor& g, UnaryOp op, float p0, float p1) {
    Tensor c = detail::raw(g);
    GL_DISPATCH(c.device(), unary, op, c, c, p0, p1);
    if (c.storage() != g.storage()) g.detach().copy_(c);
}

// The p-norm of values (p > 0 or infinity), rounded to float32 like torch.norm's result.
float pNorm(const std::vector<float>& values, double p) {
    if (std::isinf(p)) {
        float m = 0.0f;
        for (float v : values) {
            if (std::isnan(v)) return v;
            m = std::max(m, std::fabs(v));
        }
        return m;
    }
    double s = 0.0;
    for (float v : values) s += p == 2.0 ? double(v) * double(v) : std::pow(std::fabs(double(v)), p);
    return float(p == 2.0 ? std::sqrt(s) : std::pow(s, 1.0 / p));
}

}  // namespace

double clipGradNorm_(std::span<const Tensor> params, double maxNorm, double normType, bool errorIfNonfinite) {
    GL_CHECK(normType > 0.0, "clip_grad_norm_: norm_type must be positive (or infinity), got ", normType);
    std::vector<Tensor> grads;
    for (const Tensor& p : params)
        if (p.grad().defined()) grads.push_back(p.grad());
    if (grads.empty()) return 0.0;
    std::vector<float> norms;
    for (const Tensor& g : grads) norms.push_back(pNorm(g.toVector(), normType));
    const float total = pNorm(norms, normType);
    GL_CHECK(!errorIfNonfinite || std::isfinite(total), "clip_grad_norm_: the total norm of order ", normType,
             " of the gradients is ", total, "; with error_if_nonfinite the gradients are not clipped");
    // torch: max_norm / (total + 1e-6) is (1 / (total + 1e-6)) * max_norm on float32 tensors.
    // A NaN total makes every gradient NaN, as torch's multiplication by the clamped coef does.
    const float coef = (1.0f / (total + 1e-6f)) * float(maxNorm);
    if (!(coef >= 1.0f))
        for (const Tensor& g : grads) applyInPlace(g, UnaryOp::MulS, coef, 0.0f);
    return total;
}

void clipGradValue_(std::span<const Tensor> params, double clipValue) {
    GL_CHECK(clipValue >= 0.0, "clip_grad_value_: clip_value must be non-negative, got ", clipValue);
    for (const Tensor& p : params)
        if (p.grad().defined()) applyInPlace(p.grad(), UnaryOp::Clamp, -float(clipValue), float(clipValue));
}

}  // namespace gradlab
