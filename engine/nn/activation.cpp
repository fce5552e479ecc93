// Activation modules' argument checks and the factory by name.
#include "engine/nn/activation.h"

#include <array>
#include <cmath>
#include <string>

#include "engine/core/error.h"

namespace gradlab {
namespace {
constexpr std::array<std::string_view, 9> kNames = {"sigmoid", "tanh",      "relu",     "leaky_relu", "elu",
                                                    "gelu",    "gelu_tanh", "softplus", "silu"};
}

LeakyReLU::LeakyReLU(double negativeSlope) : m_slope(negativeSlope) {
    GL_CHECK(std::isfinite(negativeSlope), "LeakyReLU: negative_slope must be finite, got ", negativeSlope);
}

ELU::ELU(double alpha) : m_alpha(alpha) {
    GL_CHECK(std::isfinite(alpha), "ELU: alpha must be finite, got ", alpha);
}

Softplus::Softplus(double beta, double threshold) : m_beta(beta), m_threshold(threshold) {
    GL_CHECK(std::isfinite(beta) && beta != 0.0, "Softplus: beta must be finite and non-zero, got ", beta);
    GL_CHECK(!std::isnan(threshold), "Softplus: threshold must be a number");
}

std::shared_ptr<Module> makeActivation(std::string_view name, double param) {
    const bool dflt = std::isnan(param);
    if (name == "sigmoid") return std::make_shared<Sigmoid>();
    if (name == "tanh") return std::make_shared<Tanh>();
    if (name == "relu") return std::make_shared<ReLU>();
    if (name == "leaky_relu") return std::make_shared<LeakyReLU>(dflt ? 0.01 : param);
    if (name == "elu") return std::make_shared<ELU>(dflt ? 1.0 : param);
    if (name == "gelu") return std::make_shared<GELU>(GeluApprox::None);
    if (name == "gelu_tanh") return std::make_shared<GELU>(GeluApprox::Tanh);
    if (name == "softplus") return std::make_shared<Softplus>(dflt ? 1.0 : param);
    if (name == "silu") return std::make_shared<SiLU>();
    std::string known;
    for (auto n : kNames) known += (known.empty() ? "" : ", ") + std::string(n);
    GL_FAIL("unknown activation '", name, "' (expected one of ", known, ")");
}

std::span<const std::string_view> activationNames() { return kNames; }

}  // namespace gradlab
