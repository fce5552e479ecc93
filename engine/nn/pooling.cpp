// Pooling layers: option checks at construction (so a bad lesson setting fails early) and forwards.
#include "engine/nn/pooling.h"

#include "engine/core/error.h"

namespace gradlab {
namespace {

void checkWindow(const char* layer, Size2 kernel, Size2 stride, Size2 padding) {
    GL_CHECK(kernel.h > 0 && kernel.w > 0, layer, ": kernel size must be positive, got (", kernel.h, ", ", kernel.w, ")");
    GL_CHECK(stride.h > 0 && stride.w > 0, layer, ": stride must be positive, got (", stride.h, ", ", stride.w, ")");
    GL_CHECK(padding.h >= 0 && padding.w >= 0 && padding.h <= kernel.h / 2 && padding.w <= kernel.w / 2, layer,
             ": padding must be between 0 and half the kernel size, got padding (", padding.h, ", ", padding.w,
             ") for kernel (", kernel.h, ", ", kernel.w, ")");
}

}  // namespace

MaxPool2d::MaxPool2d(Size2 kernel, std::optional<Size2> stride, Size2 padding, Size2 dilation, bool ceilMode)
    : m_kernel(kernel), m_stride(stride.value_or(kernel)), m_padding(padding), m_dilation(dilation), m_ceil(ceilMode) {
    checkWindow("MaxPool2d", m_kernel, m_stride, m_padding);
    GL_CHECK(dilation.h > 0 && dilation.w > 0, "MaxPool2d: dilation must be positive, got (", dilation.h, ", ",
             dilation.w, ")");
}

Tensor MaxPool2d::forward(const Tensor& x) { return maxPool2d(x, m_kernel, m_stride, m_padding, m_dilation, m_ceil); }

AvgPool2d::AvgPool2d(Size2 kernel, std::optional<Size2> stride, Size2 padding, bool ceilMode, bool countIncludePad)
    : m_kernel(kernel), m_stride(stride.value_or(kernel)), m_padding(padding), m_ceil(ceilMode),
      m_countIncludePad(countIncludePad) {
    checkWindow("AvgPool2d", m_kernel, m_stride, m_padding);
}

Tensor AvgPool2d::forward(const Tensor& x) {
    return avgPool2d(x, m_kernel, m_stride, m_padding, m_ceil, m_countIncludePad);
}

AdaptiveAvgPool2d::AdaptiveAvgPool2d(Size2 outputSize) : m_size(outputSize) {
    GL_CHECK(outputSize.h > 0 && outputSize.w > 0, "AdaptiveAvgPool2d: output size must be positive, got (",
             outputSize.h, ", ", outputSize.w, ")");
}

}  // namespace gradlab
