// conv2d (torch.nn.functional.conv2d): argument checks with the offending dims named, the forward
// through the backend's im2col + GEMM kernel, and the backward closure (dx, dweight, dbias).
#include "engine/ops/nn_ops.h"
#include "engine/ops/op_utils.h"

namespace gradlab {

Tensor conv2d(const Tensor& x, const Tensor& weight, const Tensor& bias, Size2 stride, Size2 padding, Size2 dilation,
              int64_t groups) {
    const Device dev = bias.defined() ? detail::commonDevice("conv2d", {&x, &weight, &bias})
                                      : detail::commonDevice("conv2d", {&x, &weight});
    GL_CHECK(weight.dim() == 4, "conv2d: weight must be 4-D (out_channels, in_channels / groups, kH, kW), got shape ",
             shapeStr(weight.shape()));
    GL_CHECK(x.dim() == 3 || x.dim() == 4, "conv2d: expected a 3-D (C, H, W) or 4-D (N, C, H, W) input, got shape ",
             shapeStr(x.shape()));
    if (x.dim() == 3) return conv2d(x.unsqueeze(0), weight, bias, stride, padding, dilation, groups).squeeze(0);
    GL_CHECK(groups >= 1, "conv2d: groups must be positive, got ", groups);
    GL_CHECK(stride.h > 0 && stride.w > 0, "conv2d: stride must be positive, got (", stride.h, ", ", stride.w, ")");
    GL_CHECK(padding.h >= 0 && padding.w >= 0, "conv2d: padding must be non-negative, got (", padding.h, ", ",
             padding.w, ")");
    GL_CHECK(dilation.h > 0 && dilation.w > 0, "conv2d: dilation must be positive, got (", dilation.h, ", ",
             dilation.w, ")");
    const int64_t N = x.size(0), C = x.size(1), H = x.size(2), W = x.size(3);
    const int64_t O = weight.size(0), kH = weight.size(2), kW = weight.size(3);
    GL_CHECK(O % groups == 0, "conv2d: out_channels (weight.size(0) = ", O, ") must be divisible by groups (", groups,
             ")");
    GL_CHECK(C % groups == 0, "conv2d: in_channels (input.size(1) = ", C, ") must be divisible by groups (", groups,
             ")");
    GL_CHECK(weight.size(1) * groups == C, "conv2d: input of shape ", shapeStr(x.shape()), " has ", C,
             " channels, but weight of shape ", shapeStr(weight.shape()), " with groups = ", groups, " expects ",
             weight.size(1) * groups, " (weight.size(1) * groups)");
    GL_CHECK(kH > 0 && kW > 0, "conv2d: kernel size (weight dims 2 and 3) must be positive, got weight of shape ",
             shapeStr(weight.shape()));
    if (bias.defined())
        GL_CHECK(bias.dim() == 1 && bias.size(0) == O, "conv2d: bias must have shape (", O,
                 ") = (out_channels), got ", shapeStr(bias.shape()));
    const int64_t effH = dilation.h * (kH - 1) + 1, effW = dilation.w * (kW - 1) + 1;
    const int64_t padH = H + 2 * padding.h, padW = W + 2 * padding.w;
    GL_CHECK(effH <= padH && effW <= padW, "conv2d: padded input size per channel (", padH, " x ", padW,
             ") is smaller than the (dilated) kernel size (", effH, " x ", effW, "); input shape ",
             shapeStr(x.shape()), ", weight shape ", shapeStr(weight.shape()));

    Conv2dGeom g{};
    g.n = N, g.c = C, g.h = H, g.w = W;
    g.o = O, g.kh = kH, g.kw = kW;
    g.sh = stride.h, g.sw = stride.w, g.ph = padding.h, g.pw = padding.w, g.dh = dilation.h, g.dw = dilation.w;
    g.groups = groups;
    g.oh = (padH - effH) / stride.h + 1;
    g.ow = (padW - effW) / stride.w + 1;

    Tensor xc = detail::contig(x), wc = detail::contig(weight), bc = bias.defined() ? detail::contig(bias) : Tensor();
    Tensor out = empty({N, O, g.oh, g.ow}, dev);
    GL_DISPATCH(dev, conv2d, g, xc, wc, bc, out);
    // dweight needs x and dx needs the weight: keep only what the gradients will read.
    Tensor xs = weight.requiresGrad() ? detail::raw(xc) : Tensor();
    Tensor ws = x.requiresGrad() ? detail::raw(wc) : Tensor();
    return record(OpId::conv2d, out, {&x, &weight, &bias},
                  [g, xs, ws, xShape = x.shape(), wShape = weight.shape(), dev](const Tensor& dy, GradSlots& s) {
                      Tensor dyc = detail::contig(dy);
                      Tensor dx = s.needs(0) ? empty(xShape, dev) : Tensor();
                      Tensor dw = s.needs(1) ? empty(wShape, dev) : Tensor();
                      Tensor db = s.needs(2) ? empty({g.o}, dev) : Tensor();
                      GL_DISPATCH(dev, conv2dBackward, g, xs, ws, dyc, dx, dw, db);
                      s.set(0, std::move(dx));
                      s.set(1, std::move(dw));
                      s.set(2, std::move(db));
                  });
}

}  // namespace gradlab
