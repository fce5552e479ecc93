// Activation modules (torch.nn.Sigmoid, Tanh, ReLU, LeakyReLU, ELU, GELU, Softplus, SiLU), Identity
// and Flatten, plus a factory by name for lessons that let the student pick the nonlinearity.
#pragma once

#include <limits>
#include <memory>
#include <span>
#include <string_view>

#include "engine/nn/module.h"
#include "engine/ops/ops.h"

namespace gradlab {

// Every module here maps x (any shape) to the same shape, elementwise.
class Sigmoid : public Module {
public:
    Tensor forward(const Tensor& x) override { return sigmoid(x); }  // 1 / (1 + e^-x)
    std::string_view typeName() const override { return "Sigmoid"; }
};

class Tanh : public Module {
public:
    Tensor forward(const Tensor& x) override { return tanh(x); }
    std::string_view typeName() const override { return "Tanh"; }
};

class ReLU : public Module {
public:
    Tensor forward(const Tensor& x) override { return relu(x); }  // max(x, 0)
    std::string_view typeName() const override { return "ReLU"; }
};

class LeakyReLU : public Module {
public:
    explicit LeakyReLU(double negativeSlope = 0.01);
    Tensor forward(const Tensor& x) override { return leakyRelu(x, float(m_slope)); }  // x > 0 ? x : slope x
    std::string_view typeName() const override { return "LeakyReLU"; }
    double negativeSlope() const { return m_slope; }

private:
    double m_slope;
};

class ELU : public Module {
public:
    explicit ELU(double alpha = 1.0);
    Tensor forward(const Tensor& x) override { return elu(x, float(m_alpha)); }  // x > 0 ? x : alpha (e^x - 1)
    std::string_view typeName() const override { return "ELU"; }
    double alpha() const { return m_alpha; }

private:
    double m_alpha;
};

class GELU : public Module {
public:
    explicit GELU(GeluApprox approximate = GeluApprox::None) : m_approx(approximate) {}
    Tensor forward(const Tensor& x) override { return gelu(x, m_approx); }  // x Phi(x)
    std::string_view typeName() const override { return "GELU"; }
    GeluApprox approximate() const { return m_approx; }

private:
    GeluApprox m_approx;
};

class Softplus : public Module {
public:
    explicit Softplus(double beta = 1.0, double threshold = 20.0);
    // log(1 + e^(beta x)) / beta, and x itself where beta x > threshold
    Tensor forward(const Tensor& x) override { return softplus(x, float(m_beta), float(m_threshold)); }
    std::string_view typeName() const override { return "Softplus"; }
    double beta() const { return m_beta; }

private:
    double m_beta, m_threshold;
};

class SiLU : public Module {
public:
    Tensor forward(const Tensor& x) override { return silu(x); }  // x sigmoid(x)
    std::string_view typeName() const override { return "SiLU"; }
};

class Identity : public Module {
public:
    Tensor forward(const Tensor& x) override { return x; }
    std::string_view typeName() const override { return "Identity"; }
};

// x: (N, C, H, W) -> (N, C*H*W) with the defaults; dims startDim..endDim are merged into one.
class Flatten : public Module {
public:
    explicit Flatten(int64_t startDim = 1, int64_t endDim = -1) : m_start(startDim), m_end(endDim) {}
    Tensor forward(const Tensor& x) override { return flatten(x, m_start, m_end); }
    std::string_view typeName() const override { return "Flatten"; }

private:
    int64_t m_start, m_end;
};

// sigmoid, tanh, relu, leaky_relu (param: negative slope, default 0.01), elu (param: alpha,
// default 1), gelu, gelu_tanh, softplus (param: beta, default 1), silu. NaN means "the default".
// Throws on an unknown name, listing the known ones.
std::shared_ptr<Module> makeActivation(std::string_view name, double param = std::numeric_limits<double>::quiet_NaN());
std::span<const std::string_view> activationNames();

}  // namespace gradlab
