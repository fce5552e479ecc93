// RMSprop with weight decay, momentum, centering and maximize (torch.optim.RMSprop, 1.13).
#include <array>
#include <optional>

#include "engine/core/error.h"
#include "engine/cuda/cuda_backend.h"
#include "engine/optim/host_data.h"
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
    if (detail::onCuda(m_params[index])) {
        float* sq = buffer(index, "square_avg").data();
        float* ga = c.centered ? buffer(index, "grad_avg").data() : nullptr;
        float* buf = c.hasMomentum ? buffer(index, "momentum_buffer").data() : nullptr;
        cuda::rmspropStep(m_params[index].data(), grad.data(), sq, ga, buf, grad.numel(), c);
        return;
    }
    detail::HostData p(m_params[index]);
    detail::HostData sq(buffer(index, "square_avg"));
    std::optional<detail::HostData> ga, buf;
    if (c.centered) ga.emplace(buffer(index, "grad_avg"));
    if (c.hasMomentum) buf.emplace(buffer(index, "momentum_buffer"));
    float* pp = p.data();
    float* sp = sq.data();
    float* gap = ga ? ga->data() : nullptr;
    float* bp = buf ? buf->data() : nullptr;
    const float* gp = grad.data();
    detail::forEachElement(grad.numel(), [&](int64_t i) {
        float u1 = 0.0f, u2 = 0.0f;
        pp[i] = optim_math::rmspropUpdate(pp[i], gp[i], sp[i], gap ? gap[i] : u1, bp ? bp[i] : u2, c);
    });
    p.commit();
    sq.commit();
    if (ga) ga->commit();
    if (buf) buf->commit();
}

}  // namespace gradlab
