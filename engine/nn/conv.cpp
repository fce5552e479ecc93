// Conv2d layer: checks, PyTorch's reset_parameters() and a forward through conv2d.
#include "engine/nn/conv.h"

#include <cmath>

#include "engine/core/error.h"
#include "engine/init/init.h"

namespace gradlab {
namespace {

Tensor checkedWeight(int64_t in, int64_t out, Size2 k, const Conv2dOptions& o) {
    GL_CHECK(in > 0 && out > 0, "Conv2d: channel counts must be positive, got in_channels ", in, ", out_channels ", out);
    GL_CHECK(o.groups > 0, "Conv2d: groups must be a positive integer, got ", o.groups);
    GL_CHECK(in % o.groups == 0, "Conv2d: in_channels (", in, ") must be divisible by groups (", o.groups, ")");
    GL_CHECK(out % o.groups == 0, "Conv2d: out_channels (", out, ") must be divisible by groups (", o.groups, ")");
    GL_CHECK(k.h > 0 && k.w > 0, "Conv2d: kernel size must be positive, got (", k.h, ", ", k.w, ")");
    GL_CHECK(o.stride.h > 0 && o.stride.w > 0, "Conv2d: stride must be positive, got (", o.stride.h, ", ", o.stride.w,
             ")");
    GL_CHECK(o.padding.h >= 0 && o.padding.w >= 0, "Conv2d: padding must be non-negative, got (", o.padding.h, ", ",
             o.padding.w, ")");
    GL_CHECK(o.dilation.h > 0 && o.dilation.w > 0, "Conv2d: dilation must be positive, got (", o.dilation.h, ", ",
             o.dilation.w, ")");
    return empty({out, in / o.groups, k.h, k.w});
}

}  // namespace

Conv2d::Conv2d(int64_t inChannels, int64_t outChannels, Size2 kernel, Size2 stride, Size2 padding, Size2 dilation,
               int64_t groups, bool bias, Generator& gen)
    : Conv2d(inChannels, outChannels, kernel, gen, Conv2dOptions{stride, padding, dilation, groups, bias}) {}

Conv2d::Conv2d(int64_t inChannels, int64_t outChannels, Size2 kernel, Generator& gen, const Conv2dOptions& options)
    : m_in(inChannels),
      m_out(outChannels),
      m_kernel(kernel),
      m_options(options),
      m_weight(registerParameter("weight", checkedWeight(inChannels, outChannels, kernel, options))) {
    init::kaimingUniform_(m_weight, gen, std::sqrt(5.0));
    if (options.bias) {
        Tensor& b = registerParameter("bias", empty({outChannels}));
        const double fanIn = double(inChannels / options.groups * kernel.h * kernel.w);
        const double bound = 1.0 / std::sqrt(fanIn);
        init::uniform_(b, gen, -bound, bound);
        m_bias = b;
    }
}

Tensor Conv2d::forward(const Tensor& x) {
    GL_CHECK(x.defined() && (x.dim() == 3 || x.dim() == 4) && x.size(-3) == m_in, "Conv2d: expected input of shape (N, ",
             m_in, ", H, W) or (", m_in, ", H, W), got ", x.defined() ? shapeStr(x.shape()) : std::string("undefined"));
    return conv2d(x, m_weight, m_bias, m_options.stride, m_options.padding, m_options.dilation, m_options.groups);
}

}  // namespace gradlab
