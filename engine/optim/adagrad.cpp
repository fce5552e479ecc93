// Adagrad with learning-rate decay, weight decay and maximize (torch.optim.Adagrad, 1.13).
#include <array>

#include "engine/core/error.h"
#include "engine/ops/backend.h"
#include "engine/optim/fused_update.h"
#include "engine/optim/optimizers.h"
#include "kernels/optimizer_math.h"

namespace gradlab {
namespace {
constexpr std::array<std::string_view, 1> kBuffers = {"sum"};
}

Adagrad::Adagrad(std::vector<Tensor> params, const std::map<std::string, double>& options)
    : Optimizer(std::move(params), {{"lr", 1e-2, OptionKind::NonNegative},
                                    {"lr_decay", 0.0, OptionKind::NonNegative},
                                    {"weight_decay", 0.0, OptionKind::NonNegative},
                                    {"initial_accumulator_value", 0.0, OptionKind::NonNegative},
                                    {"eps", 1e-10, OptionKind::NonNegative},
                                    {"maximize", 0.0, OptionKind::Flag}}) {
    applyOptions(options);
    // Like torch, the state exists from the start: sum = initial_accumulator_value.
    for (std::size_t i = 0; i < m_params.size(); ++i)
        buffer(i, "sum", float(opt("initial_accumulator_value")));
}

std::span<const std::string_view> Adagrad::bufferNames() const { return kBuffers; }

void Adagrad::checkLoadedState(std::size_t index, const ParamState& s) const {
    GL_CHECK(s.buffers.count("sum"), "Adagrad.loadState: the state tensor '", index, ".sum' is missing");
}

void Adagrad::update(std::size_t index, const Tensor& grad) {
    const int64_t step = ++m_state[index].step;
    const double lr = opt("lr"), clr = lr / (1.0 + double(step - 1) * opt("lr_decay"));
    optim_math::AdagradCoeffs c{};
    c.negClr = float(-clr);
    c.eps = float(opt("eps"));
    c.weightDecay = float(opt("weight_decay"));
    c.hasWeightDecay = opt("weight_decay") != 0.0;
    c.maximize = flag("maximize");

    const Tensor sum = buffer(index, "sum", float(opt("initial_accumulator_value")));
    detail::fusedUpdate<1>(m_params[index], grad, {sum}, [&](Device d, float* p, const float* g, auto s, int64_t n) {
        GL_DISPATCH(d, adagradStep, p, g, s[0], n, c);
    });
}

}  // namespace gradlab
