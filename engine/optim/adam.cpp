// Adam (with amsgrad, weight decay, maximize) and AdamW (torch.optim.Adam / AdamW, 1.13).
#include <array>
#include <cmath>

#include "engine/core/error.h"
#include "engine/ops/backend.h"
#include "engine/optim/fused_update.h"
#include "engine/optim/optimizers.h"
#include "kernels/optimizer_math.h"

namespace gradlab {
namespace {
constexpr std::array<std::string_view, 3> kBuffers = {"exp_avg", "exp_avg_sq", "max_exp_avg_sq"};

}  // namespace

Adam::Adam(std::vector<Tensor> params, bool decoupled)
    : Optimizer(std::move(params), {{"lr", 1e-3, OptionKind::NonNegative},
                                    {"beta1", 0.9, OptionKind::Beta},
                                    {"beta2", 0.999, OptionKind::Beta},
                                    {"eps", 1e-8, OptionKind::NonNegative},
                                    {"weight_decay", decoupled ? 1e-2 : 0.0, OptionKind::NonNegative},
                                    {"amsgrad", 0.0, OptionKind::Flag},
                                    {"maximize", 0.0, OptionKind::Flag}}),
      m_decoupled(decoupled) {}

Adam::Adam(std::vector<Tensor> params, const std::map<std::string, double>& options) : Adam(std::move(params), false) {
    applyOptions(options);
}

AdamW::AdamW(std::vector<Tensor> params, const std::map<std::string, double>& options) : Adam(std::move(params), true) {
    applyOptions(options);
}

std::span<const std::string_view> Adam::bufferNames() const { return kBuffers; }

void Adam::checkLoadedState(std::size_t index, const ParamState& s) const {
    GL_CHECK(s.step == 0 || (s.buffers.count("exp_avg") && s.buffers.count("exp_avg_sq")), typeName(),
             ".loadState: parameter ", index, " has taken ", s.step, " steps but exp_avg or exp_avg_sq is missing");
}

void Adam::update(std::size_t index, const Tensor& grad) {
    // Scalars in double as Python computes them, rounded to float where torch hands them to a kernel.
    const int64_t step = ++m_state[index].step;
    const double lr = opt("lr"), beta1 = opt("beta1"), beta2 = opt("beta2"), wd = opt("weight_decay");
    const double bc1 = 1.0 - std::pow(beta1, double(step));
    const double bc2 = 1.0 - std::pow(beta2, double(step));
    optim_math::AdamCoeffs c{};
    c.moments = detail::momentCoeffs(beta1, beta2, opt("eps"), wd);
    c.decay = float(1.0 - lr * wd);
    c.bc2Sqrt = float(std::sqrt(bc2));
    c.negStepSize = float(-(lr / bc1));
    c.decoupled = m_decoupled;
    c.hasWeightDecay = wd != 0.0;
    c.amsgrad = flag("amsgrad");
    c.maximize = flag("maximize");

    const std::array<Tensor, 3> state = {buffer(index, "exp_avg"), buffer(index, "exp_avg_sq"),
                                         c.amsgrad ? buffer(index, "max_exp_avg_sq") : Tensor()};
    detail::fusedUpdate(m_params[index], grad, state, [&](Device d, float* p, const float* g, auto s, int64_t n) {
        GL_DISPATCH(d, adamStep, p, g, s[0], s[1], s[2], n, c);
    });
}

}  // namespace gradlab
