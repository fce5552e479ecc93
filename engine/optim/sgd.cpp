// SGD with momentum, dampening, Nesterov, weight decay and maximize (torch.optim.SGD, 1.13).
#include <array>

#include "engine/core/error.h"
#include "engine/ops/backend.h"
#include "engine/optim/fused_update.h"
#include "engine/optim/optimizers.h"
#include "kernels/optimizer_math.h"

namespace gradlab {
namespace {
constexpr std::array<std::string_view, 1> kBuffers = {"momentum_buffer"};
}

SGD::SGD(std::vector<Tensor> params, const std::map<std::string, double>& options)
    : Optimizer(std::move(params), {{"lr", 0.0, OptionKind::NonNegative},
                                    {"momentum", 0.0, OptionKind::NonNegative},
                                    {"dampening", 0.0, OptionKind::Real},
                                    {"weight_decay", 0.0, OptionKind::NonNegative},
                                    {"nesterov", 0.0, OptionKind::Flag},
                                    {"maximize", 0.0, OptionKind::Flag}}) {
    GL_CHECK(options.count("lr"), "SGD: the learning rate \"lr\" is required (torch.optim.SGD has no default)");
    applyOptions(options);
}

void SGD::checkOptions(const std::map<std::string_view, double>& o) const {
    GL_CHECK(o.at("nesterov") == 0.0 || (o.at("momentum") > 0.0 && o.at("dampening") == 0.0),
             "SGD: Nesterov momentum requires a momentum and zero dampening");
}

std::span<const std::string_view> SGD::bufferNames() const { return kBuffers; }

void SGD::update(std::size_t index, const Tensor& grad) {
    optim_math::SgdCoeffs c{};
    c.negLr = float(-opt("lr"));
    c.momentum = float(opt("momentum"));
    c.oneMinusDampening = float(1.0 - opt("dampening"));
    c.weightDecay = float(opt("weight_decay"));
    c.hasWeightDecay = opt("weight_decay") != 0.0;
    c.hasMomentum = opt("momentum") != 0.0;
    c.nesterov = flag("nesterov");
    c.maximize = flag("maximize");

    bool initBuf = false;
    Tensor buf = c.hasMomentum ? buffer(index, "momentum_buffer", 0.0f, &initBuf) : Tensor();
    detail::fusedUpdate<1>(m_params[index], grad, {buf}, [&](Device d, float* p, const float* g, auto s, int64_t n) {
        GL_DISPATCH(d, sgdStep, p, g, s[0], n, initBuf, c);
    });
}

}  // namespace gradlab
