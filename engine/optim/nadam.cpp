// NAdam (torch.optim.NAdam, 1.13): Adam with Nesterov momentum and a momentum schedule.
#include <array>
#include <cmath>

#include "engine/core/error.h"
#include "engine/ops/backend.h"
#include "engine/optim/fused_update.h"
#include "engine/optim/optimizers.h"
#include "kernels/optimizer_math.h"

namespace gradlab {
namespace {
constexpr std::array<std::string_view, 2> kBuffers = {"exp_avg", "exp_avg_sq"};
}

NAdam::NAdam(std::vector<Tensor> params, const std::map<std::string, double>& options)
    : Optimizer(std::move(params), {{"lr", 2e-3, OptionKind::NonNegative},
                                    {"beta1", 0.9, OptionKind::Beta},
                                    {"beta2", 0.999, OptionKind::Beta},
                                    {"eps", 1e-8, OptionKind::NonNegative},
                                    {"weight_decay", 0.0, OptionKind::NonNegative},
                                    {"momentum_decay", 4e-3, OptionKind::NonNegative}}) {
    applyOptions(options);
}

std::span<const std::string_view> NAdam::bufferNames() const { return kBuffers; }

void NAdam::checkLoadedState(std::size_t index, const ParamState& s) const {
    GL_CHECK(s.step == 0 || (s.buffers.count("exp_avg") && s.buffers.count("exp_avg_sq")),
             "NAdam.loadState: parameter ", index, " has taken ", s.step, " steps but exp_avg or exp_avg_sq is missing");
}

void NAdam::update(std::size_t index, const Tensor& grad) {
    ParamState& st = m_state[index];
    const int64_t step = ++st.step;
    const double lr = opt("lr"), beta1 = opt("beta1"), beta2 = opt("beta2"), md = opt("momentum_decay");
    const double t = double(step);
    const double mu = beta1 * (1.0 - 0.5 * std::pow(0.96, t * md));
    const double muNext = beta1 * (1.0 - 0.5 * std::pow(0.96, (t + 1.0) * md));
    // torch keeps mu_product in a float32 tensor: these products are rounded to float.
    st.muProduct = st.muProduct * float(mu);
    const float muProductNext = (st.muProduct * float(mu)) * float(muNext);

    optim_math::NadamCoeffs c{};
    c.moments = detail::momentCoeffs(beta1, beta2, opt("eps"), opt("weight_decay"));
    c.hasWeightDecay = opt("weight_decay") != 0.0;
    c.bc2 = float(1.0 - std::pow(beta2, t));
    c.gradCoef = float(-lr * (1.0 - mu) / (1.0 - double(st.muProduct)));
    c.avgCoef = float(-lr * muNext / (1.0 - double(muProductNext)));

    const std::array<Tensor, 2> state = {buffer(index, "exp_avg"), buffer(index, "exp_avg_sq")};
    detail::fusedUpdate(m_params[index], grad, state, [&](Device d, float* p, const float* g, auto s, int64_t n) {
        GL_DISPATCH(d, nadamStep, p, g, s[0], s[1], n, c);
    });
}

}  // namespace gradlab
