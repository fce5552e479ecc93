// Pooling ops (max_pool2d, avg_pool2d, adaptive_avg_pool2d): output sizes and checks as PyTorch's
// pooling_output_shape, the forward through the backend kernels and the backward closures.
#include "engine/ops/nn_ops.h"
#include "engine/ops/op_utils.h"

namespace gradlab {
namespace {

// floor(a / b) for b > 0 (a may be negative).
int64_t floorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

// torch's pooling_output_shape: with ceil_mode the last window must start inside the image or
// its left padding.
int64_t poolOutSize(int64_t in, int64_t k, int64_t pad, int64_t stride, int64_t dilation, bool ceilMode) {
    int64_t out = floorDiv(in + 2 * pad - dilation * (k - 1) - 1 + (ceilMode ? stride - 1 : 0), stride) + 1;
    if (ceilMode && (out - 1) * stride >= in + pad) --out;
    return out;
}

// Checks a pooling call and returns its geometry over the (N * C) planes of x (4-D here).
Pool2dGeom poolGeom(const char* op, const Tensor& x, Size2 kernel, std::optional<Size2> stride, Size2 padding,
                    Size2 dilation, bool ceilMode) {
    const Size2 s = stride.value_or(kernel);
    GL_CHECK(kernel.h > 0 && kernel.w > 0, op, ": kernel size must be positive, got (", kernel.h, ", ", kernel.w, ")");
    GL_CHECK(s.h > 0 && s.w > 0, op, ": stride must be positive, got (", s.h, ", ", s.w, ")");
    GL_CHECK(dilation.h > 0 && dilation.w > 0, op, ": dilation must be positive, got (", dilation.h, ", ", dilation.w,
             ")");
    GL_CHECK(padding.h >= 0 && padding.w >= 0 && padding.h <= kernel.h / 2 && padding.w <= kernel.w / 2, op,
             ": padding must be between 0 and half the kernel size, got padding (", padding.h, ", ", padding.w,
             ") for kernel (", kernel.h, ", ", kernel.w, ")");
    Pool2dGeom g{};
    g.planes = x.size(0) * x.size(1), g.h = x.size(2), g.w = x.size(3);
    g.kh = kernel.h, g.kw = kernel.w, g.sh = s.h, g.sw = s.w, g.ph = padding.h, g.pw = padding.w;
    g.dh = dilation.h, g.dw = dilation.w;
    g.oh = poolOutSize(g.h, g.kh, g.ph, g.sh, g.dh, ceilMode);
    g.ow = poolOutSize(g.w, g.kw, g.pw, g.sw, g.dw, ceilMode);
    GL_CHECK(g.oh >= 1 && g.ow >= 1, op, ": input of shape ", shapeStr(x.shape()), " is too small: the output would be ",
             g.oh, " x ", g.ow, " (kernel (", kernel.h, ", ", kernel.w, "), stride (", s.h, ", ", s.w, "), padding (",
             padding.h, ", ", padding.w, "), dilation (", dilation.h, ", ", dilation.w, "))");
    return g;
}

// avg_pool2d or adaptive_avg_pool2d (g.adaptive) of the 4-D x, and its backward.
Tensor avgPool(OpId id, const Tensor& x, const Pool2dGeom& g) {
    const Device dev = x.device();
    Tensor out = empty({x.size(0), x.size(1), g.oh, g.ow}, dev);
    GL_DISPATCH(dev, avgPool2d, g, detail::contig(x), out);
    return record(id, out, {&x}, [g, xShape = x.shape(), dev](const Tensor& dy, GradSlots& s) {
        Tensor dx = empty(xShape, dev);
        GL_DISPATCH(dev, avgPool2dBackward, g, detail::contig(dy), dx);
        s.set(0, std::move(dx));
    });
}

void checkPoolInput(const char* op, const Tensor& x) {
    detail::commonDevice(op, {&x});
    GL_CHECK(x.dim() == 3 || x.dim() == 4, op, ": expected a 3-D (C, H, W) or 4-D (N, C, H, W) input, got shape ",
             shapeStr(x.shape()));
    GL_CHECK(x.size(-1) > 0 && x.size(-2) > 0 && x.size(-3) > 0, op,
             ": expected non-zero sizes for the channel and spatial dims, got shape ", shapeStr(x.shape()));
}

}  // namespace

std::pair<Tensor, Tensor> maxPool2dWithIndices(const Tensor& x, Size2 kernel, std::optional<Size2> stride,
                                               Size2 padding, Size2 dilation, bool ceilMode) {
    checkPoolInput("max_pool2d", x);
    if (x.dim() == 3) {
        auto [y, i] = maxPool2dWithIndices(x.unsqueeze(0), kernel, stride, padding, dilation, ceilMode);
        return {y.squeeze(0), i.squeeze(0)};
    }
    const Pool2dGeom g = poolGeom("max_pool2d", x, kernel, stride, padding, dilation, ceilMode);
    const Device dev = x.device();
    Tensor xc = detail::contig(x);
    Tensor out = empty({x.size(0), x.size(1), g.oh, g.ow}, dev);
    Tensor idx = empty(out.shape(), dev);
    GL_DISPATCH(dev, maxPool2d, g, xc, out, idx);
    out = record(OpId::max_pool2d, out, {&x}, [g, idx, xShape = x.shape(), dev](const Tensor& dy, GradSlots& s) {
        Tensor dx = empty(xShape, dev);
        GL_DISPATCH(dev, maxPool2dBackward, g, detail::contig(dy), idx, dx);
        s.set(0, std::move(dx));
    });
    return {out, idx};
}

Tensor maxPool2d(const Tensor& x, Size2 kernel, std::optional<Size2> stride, Size2 padding, Size2 dilation,
                 bool ceilMode) {
    return maxPool2dWithIndices(x, kernel, stride, padding, dilation, ceilMode).first;
}

Tensor avgPool2d(const Tensor& x, Size2 kernel, std::optional<Size2> stride, Size2 padding, bool ceilMode,
                 bool countIncludePad) {
    checkPoolInput("avg_pool2d", x);
    if (x.dim() == 3)
        return avgPool2d(x.unsqueeze(0), kernel, stride, padding, ceilMode, countIncludePad).squeeze(0);
    Pool2dGeom g = poolGeom("avg_pool2d", x, kernel, stride, padding, 1, ceilMode);
    g.countIncludePad = countIncludePad;
    return avgPool(OpId::avg_pool2d, x, g);
}

Tensor adaptiveAvgPool2d(const Tensor& x, Size2 outputSize) {
    checkPoolInput("adaptive_avg_pool2d", x);
    if (x.dim() == 3) return adaptiveAvgPool2d(x.unsqueeze(0), outputSize).squeeze(0);
    GL_CHECK(outputSize.h > 0 && outputSize.w > 0, "adaptive_avg_pool2d: output size must be positive, got (",
             outputSize.h, ", ", outputSize.w, ")");
    Pool2dGeom g{};
    g.planes = x.size(0) * x.size(1), g.h = x.size(2), g.w = x.size(3);
    g.oh = outputSize.h, g.ow = outputSize.w;
    g.adaptive = true;
    return avgPool(OpId::adaptive_avg_pool2d, x, g);
}

}  // namespace gradlab
