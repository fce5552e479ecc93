// SGD with momentum, dampening, Nesterov, weight decay and maximize (torch.optim.SGD, 1.13).
#include <array>
#include <optional>

#include "engine/core/error.h"
#include "engine/cuda/cuda_backend.h"
#include "engine/optim/host_data.h"
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
    if (detail::onCuda(m_params[index])) {
        float* buf = c.hasMomentum ? buffer(index, "momentum_buffer", 0.0f, &initBuf).data() : nullptr;
        cuda::sgdStep(m_params[index].data(), grad.data(), buf, grad.numel(), initBuf, c);
        return;
    }
    detail::HostData p(m_params[index]);
    float* buf = nullptr;
    std::optional<detail::HostData> b;
    if (c.hasMomentum) {
        b.emplace(buffer(index, "momentum_buffer", 0.0f, &initBuf));
        buf = b->data();
    }
    float* pp = p.data();
    const float* gp = grad.data();
    detail::forEachElement(grad.numel(), [&](int64_t i) {
        float unused = 0.0f;
        pp[i] = optim_math::sgdUpdate(pp[i], gp[i], buf ? buf[i] : unused, initBuf, c);
    });
    p.commit();
    if (b) b->commit();
}

}  // namespace gradlab
