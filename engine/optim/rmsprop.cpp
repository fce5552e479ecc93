// RMSprop with weight decay, momentum, centering and maximize (torch.optim.RMSprop, 1.13).
#include <array>

#include "engine/core/error.h"
#include "engine/ops/backend.h"
#include "engine/optim/fused_update.h"
#include "engine/optim/optimizers.h"
#include "kernels/optimizer_math.h"

namespace gradlab {
namespace {
constexpr std::array<std::string_view, 3> kBuffers = {"square_avg", "momentum_buffer", "grad_avg"};
}

RMSprop::RMSprop(std::vector<Tensor> params, const std::map<std::string, double>& options)
    : Optimizer(std::move(params), {{"lr", 1e-2, OptionKind::NonNegative},
                                    {"alpha", 0.99, OptionKind::NonNegative},
                                    {"eps", 1e-8, OptionKind::NonNegative},
                                    {"weight_decay", 0.0, OptionKind::NonNegative},
                                    {"momentum", 0.0, OptionKind::NonNegative},
                                    {"centered", 0.0, OptionKind::Flag},
                                    {"maximize", 0.0, OptionKind::Flag}}) {
    applyOptions(options);
}

std::span<const std::string_view> RMSprop::bufferNames() const { return kBuffers; }

void RMSprop::checkLoadedState(std::size_t index, const ParamState& s) const {
    GL_CHECK(s.step == 0 || s.buffers.count("square_avg"), "RMSprop.loadState: parameter ", index, " has taken ",
             s.step, " steps but its square_avg is missing");
}

void RMSprop::update(std::size_t index, const Tensor& grad) {
    const double lr = opt("lr"), alpha = opt("alpha");
    optim_math::RmspropCoeffs c{};
    c.negLr = float(-lr);
    c.alpha = float(alpha);
    c.oneMinusAlpha = float(1.0 - alpha);
    c.eps = float(opt("eps"));
    c.weightDecay = float(opt("weight_decay"));
    c.momentum = float(opt("momentum"));
    c.hasWeightDecay = opt("weight_decay") != 0.0;
    c.hasMomentum = opt("momentum") > 0.0;
    c.centered = flag("centered");
    c.maximize = flag("maximize");

    m_state[index].step += 1;
    const std::array<Tensor, 3> state = {buffer(index, "square_avg"),
                                         c.centered ? buffer(index, "grad_avg") : Tensor(),
                                         c.hasMomentum ? buffer(index, "momentum_buffer") : Tensor()};
    detail::fusedUpdate(m_params[index], grad, state, [&](Device d, float* p, const float* g, auto s, int64_t n) {
        GL_DISPATCH(d, rmspropStep, p, g, s[0], s[1], s[2], n, c);
    });
}

}  // namespace gradlab
