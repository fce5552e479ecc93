// Adam (with amsgrad, weight decay, maximize) and AdamW (torch.optim.Adam / AdamW, 1.13).
#include <array>
#include <cmath>
#include <optional>

#include "engine/core/error.h"
#include "engine/cuda/cuda_backend.h"
#include "engine/optim/host_data.h"
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
    c.beta1 = float(beta1);
    c.oneMinusBeta1 = float(1.0 - beta1);
    c.beta2 = float(beta2);
    c.oneMinusBeta2 = float(1.0 - beta2);
    c.eps = float(opt("eps"));
    c.weightDecay = float(wd);
    c.decay = float(1.0 - lr * wd);
    c.bc2Sqrt = float(std::sqrt(bc2));
    c.negStepSize = float(-(lr / bc1));
    c.decoupled = m_decoupled;
    c.hasWeightDecay = wd != 0.0;
    c.amsgrad = flag("amsgrad");
    c.maximize = flag("maximize");

    if (detail::onCuda(m_params[index])) {
        float* m = buffer(index, "exp_avg").data();
        float* v = buffer(index, "exp_avg_sq").data();
        float* vmax = c.amsgrad ? buffer(index, "max_exp_avg_sq").data() : nullptr;
        cuda::adamStep(m_params[index].data(), grad.data(), m, v, vmax, grad.numel(), c);
        return;
    }
    detail::HostData p(m_params[index]);
    detail::HostData m(buffer(index, "exp_avg"));
    detail::HostData v(buffer(index, "exp_avg_sq"));
    std::optional<detail::HostData> vmax;
    if (c.amsgrad) vmax.emplace(buffer(index, "max_exp_avg_sq"));
    float* pp = p.data();
    float* mp = m.data();
    float* vp = v.data();
    float* xp = vmax ? vmax->data() : nullptr;
    const float* gp = grad.data();
    detail::forEachElement(grad.numel(), [&](int64_t i) {
        float unused = 0.0f;
        pp[i] = optim_math::adamUpdate(pp[i], gp[i], mp[i], vp[i], xp ? xp[i] : unused, c);
    });
    p.commit();
    m.commit();
    v.commit();
    if (vmax) vmax->commit();
}

}  // namespace gradlab
