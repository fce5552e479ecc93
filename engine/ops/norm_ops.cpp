// layer_norm (torch.nn.functional.layer_norm): a fused kernel per row for the forward and the
// backward; the forward saves each row's mean and 1/std for the backward.
#include "engine/ops/op_utils.h"
#include "engine/ops/transformer_ops.h"

namespace gradlab {

Tensor layerNorm(const Tensor& x, const Shape& normalizedShape, const Tensor& weight, const Tensor& bias, float eps) {
    detail::commonDevice("layer_norm", {&x});
    const int64_t k = int64_t(normalizedShape.size());
    GL_CHECK(k > 0, "layer_norm: normalized_shape must have at least one dimension");
    GL_CHECK(x.dim() >= k, "layer_norm: input of shape ", shapeStr(x.shape()), " has fewer dimensions than normalized_shape ",
             shapeStr(normalizedShape));
    for (int64_t i = 0; i < k; ++i)
        GL_CHECK(x.size(x.dim() - k + i) == normalizedShape[std::size_t(i)], "layer_norm: expected an input of shape (*, ",
                 shapeStr(normalizedShape).substr(1), ", got ", shapeStr(x.shape()));
    for (const Tensor* t : {&weight, &bias}) {
        if (!t->defined()) continue;
        GL_CHECK(t->shape() == normalizedShape, "layer_norm: ", t == &weight ? "weight" : "bias", " has shape ",
                 shapeStr(t->shape()), ", expected ", shapeStr(normalizedShape));
        GL_CHECK(t->device() == x.device(), "layer_norm: ", t == &weight ? "weight" : "bias", " is on ",
                 deviceName(t->device()), ", the input on ", deviceName(x.device()));
    }
    GL_CHECK(eps >= 0.0f, "layer_norm: eps must be non-negative, got ", eps);
    const int64_t n = numelOf(normalizedShape);
    GL_CHECK(n > 0, "layer_norm: normalized_shape ", shapeStr(normalizedShape), " has no elements");
    const int64_t rows = x.numel() / n;

    const Tensor xc = detail::raw(x);
    const Tensor w = weight.defined() ? detail::raw(weight) : Tensor();
    const Tensor b = bias.defined() ? detail::raw(bias) : Tensor();
    Tensor y = empty(x.shape(), x.device());
    Tensor mean = empty({rows}, x.device()), rstd = empty({rows}, x.device());
    GL_DISPATCH(x.device(), layerNorm, xc, w, b, eps, y, mean, rstd);
    return record(OpId::layer_norm, y, {&x, &weight, &bias},
                  [xc, w, mean, rstd](const Tensor& dy, GradSlots& g) {
                      const Tensor dyc = detail::contig(dy);
                      Tensor dx, dw, db;
                      if (g.needs(0)) dx = empty(xc.shape(), dy.device());
                      if (g.needs(1)) dw = empty(w.shape(), dy.device());
                      if (g.needs(2)) db = empty(g.input(2).shape(), dy.device());
                      GL_DISPATCH(dy.device(), layerNormBackward, xc, mean, rstd, w, dyc, dx.defined() ? &dx : nullptr,
                                  dw.defined() ? &dw : nullptr, db.defined() ? &db : nullptr);
                      g.set(0, std::move(dx));
                      g.set(1, std::move(dw));
                      g.set(2, std::move(db));
                  });
}

}  // namespace gradlab
