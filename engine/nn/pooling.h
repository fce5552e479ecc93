// Pooling layers (torch.nn.MaxPool2d, AvgPool2d, AdaptiveAvgPool2d): no parameters, the options of
// the functional ops in engine/ops/nn_ops.h.
#pragma once

#include <optional>

#include "engine/nn/module.h"
#include "engine/ops/nn_ops.h"

namespace gradlab {

// x: (N, C, H, W) or (C, H, W) -> (N, C, Ho, Wo): the largest value of each window.
class MaxPool2d : public Module {
public:
    explicit MaxPool2d(Size2 kernel, std::optional<Size2> stride = std::nullopt, Size2 padding = 0, Size2 dilation = 1,
                       bool ceilMode = false);
    Tensor forward(const Tensor& x) override;
    std::string_view typeName() const override { return "MaxPool2d"; }

    Size2 kernelSize() const { return m_kernel; }
    Size2 stride() const { return m_stride; }  // the kernel size unless given

private:
    Size2 m_kernel, m_stride, m_padding, m_dilation;
    bool m_ceil;
};

// x: (N, C, H, W) or (C, H, W) -> (N, C, Ho, Wo): the mean of each window.
class AvgPool2d : public Module {
public:
    explicit AvgPool2d(Size2 kernel, std::optional<Size2> stride = std::nullopt, Size2 padding = 0,
                       bool ceilMode = false, bool countIncludePad = true);
    Tensor forward(const Tensor& x) override;
    std::string_view typeName() const override { return "AvgPool2d"; }

    Size2 kernelSize() const { return m_kernel; }
    Size2 stride() const { return m_stride; }

private:
    Size2 m_kernel, m_stride, m_padding;
    bool m_ceil, m_countIncludePad;
};

// x: (N, C, H, W) or (C, H, W) -> (N, C, outputSize.h, outputSize.w).
class AdaptiveAvgPool2d : public Module {
public:
    explicit AdaptiveAvgPool2d(Size2 outputSize);
    Tensor forward(const Tensor& x) override { return adaptiveAvgPool2d(x, m_size); }
    std::string_view typeName() const override { return "AdaptiveAvgPool2d"; }
    Size2 outputSize() const { return m_size; }

private:
    Size2 m_size;
};

}  // namespace gradlab
