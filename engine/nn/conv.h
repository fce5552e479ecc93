// Conv2d: 2-D convolution layer (torch.nn.Conv2d, zero padding) with PyTorch's default initialisation.
#pragma once

#include "engine/core/rng.h"
#include "engine/nn/module.h"
#include "engine/ops/nn_ops.h"

namespace gradlab {

struct Conv2dOptions {
    Size2 stride = 1, padding = 0, dilation = 1;
    int64_t groups = 1;
    bool bias = true;
};

class Conv2d : public Module {
public:
    // weight: (out, in / groups, kH, kW) ~ kaiming_uniform(a = sqrt(5)) = U(-1/sqrt(fan_in), 1/sqrt(fan_in)),
    // bias: (out) ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)), fan_in = in / groups * kH * kW.
    Conv2d(int64_t inChannels, int64_t outChannels, Size2 kernel, Size2 stride, Size2 padding, Size2 dilation,
           int64_t groups, bool bias, Generator& gen);
    // The same with options by name: Conv2d(1, 6, 5, gen, {.padding = 2}).
    Conv2d(int64_t inChannels, int64_t outChannels, Size2 kernel, Generator& gen, const Conv2dOptions& options = {});

    // x: (N, in, H, W) or (in, H, W) -> (N, out, Ho, Wo), see conv2d in engine/ops/nn_ops.h.
    Tensor forward(const Tensor& x) override;
    std::string_view typeName() const override { return "Conv2d"; }

    int64_t inChannels() const { return m_in; }
    int64_t outChannels() const { return m_out; }
    Size2 kernelSize() const { return m_kernel; }
    const Conv2dOptions& options() const { return m_options; }
    Tensor& weight() { return m_weight; }
    const Tensor& weight() const { return m_weight; }
    const Tensor& bias() const { return m_bias; }  // undefined without bias

private:
    int64_t m_in, m_out;
    Size2 m_kernel;
    Conv2dOptions m_options;
    Tensor& m_weight;
    Tensor m_bias;
};

}  // namespace gradlab
