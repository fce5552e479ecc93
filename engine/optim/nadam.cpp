// NAdam (torch.optim.NAdam, 1.13): Adam with Nesterov momentum and a momentum schedule.
#include <array>
#include <cmath>

#include "engine/core/error.h"
#include "engine/cuda/cuda_backend.h"
#include "engine/optim/host_data.h"
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
    c.beta1 = float(beta1);
    c.oneMinusBeta1 = float(1.0 - beta1);
    c.beta2 = float(beta2);
    c.oneMinusBeta2 = float(1.0 - beta2);
    c.eps = float(opt("eps"));
    c.weightDecay = float(opt("weight_decay"));
    c.hasWeightDecay = opt("weight_decay") != 0.0;
    c.bc2 = float(1.0 - std::pow(beta2, t));
    c.gradCoef = float(-lr * (1.0 - mu) / (1.0 - double(st.muProduct)));
    c.avgCoef = float(-lr * muNext / (1.0 - double(muProductNext)));

    if (detail::onCuda(m_params[index])) {
        float* m = buffer(index, "exp_avg").data();
        float* v = buffer(index, "exp_avg_sq").data();
        cuda::nadamStep(m_params[index].data(), grad.data(), m, v, grad.numel(), c);
        return;
    }
    detail::HostData p(m_params[index]);
    detail::HostData m(buffer(index, "exp_avg"));
    detail::HostData v(buffer(index, "exp_avg_sq"));
    float* pp = p.data();
    float* mp = m.data();
    float* vp = v.data();
    const float* gp = grad.data();
    detail::forEachElement(grad.numel(), [&](int64_t i) { pp[i] = optim_math::nadamUpdate(pp[i], gp[i], mp[i], vp[i], c); });
    p.commit();
    m.commit();
    v.commit();
}

}  // namespace gradlab
