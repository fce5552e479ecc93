// Internal to engine/optim: what the optimizers' updates share. fusedUpdate() runs an update (a
// backend primitive: sgdStep, adamStep, ...; formulas in kernels/optimizer_math.h) where the
// parameter lives, and momentCoeffs() rounds Adam's and NAdam's moment scalars.
#pragma once

#include <array>
#include <optional>

#include "engine/tensor/tensor.h"
#include "kernels/optimizer_math.h"

namespace gradlab::detail {

// True when parameter p is updated on the GPU: it lives on CUDA and is contiguous (a parameter
// made by a module or moved by to() always is; a strided CUDA view takes the host round trip).
inline bool onCuda(const Tensor& p) { return p.device() == Device::CUDA && p.isContiguous(); }

// Raw float access to a tensor for an update on the host: CPU contiguous tensors are used in place;
// anything else is staged through a contiguous host copy that commit() writes back.
class HostData {
public:
    explicit HostData(const Tensor& t) : m_target(t) {
        if (t.device() == Device::CPU && t.isContiguous()) {
            m_host = t;
        } else {
            m_host = t.detach().to(Device::CPU).contiguous();
            if (m_host.storage() == t.storage()) m_host = m_host.clone();
            m_staged = true;
        }
    }
    float* data() const { return m_host.data(); }
    // Writes staged values back into the tensor (nothing to do when it was used in place).
    void commit() {
        if (m_staged) m_target.copy_(m_host);
    }

private:
    Tensor m_target, m_host;
    bool m_staged = false;
};

// Calls step(device, p, g, state, n) with raw pointers to the parameter, its gradient (contiguous,
// on the device the update runs on: see Optimizer::step) and its K state tensors (null where a
// state tensor is undefined: a buffer the options do not use). The update runs in place on CUDA
// for a parameter onCuda(), else on host memory, staged and written back where it must be.
template <std::size_t K, class Step>
void fusedUpdate(const Tensor& param, const Tensor& grad, const std::array<Tensor, K>& state, Step&& step) {
    std::array<float*, K> s{};
    if (onCuda(param)) {
        for (std::size_t k = 0; k < K; ++k) s[k] = state[k].defined() ? state[k].data() : nullptr;
        step(Device::CUDA, param.data(), grad.data(), s, grad.numel());
        return;
    }
    HostData p(param);
    std::array<std::optional<HostData>, K> staged;
    for (std::size_t k = 0; k < K; ++k)
        if (state[k].defined()) s[k] = staged[k].emplace(state[k]).data();
    step(Device::CPU, p.data(), grad.data(), s, grad.numel());
    p.commit();
    for (auto& h : staged)
        if (h) h->commit();
}

// Adam's and NAdam's moment coefficients, each computed in double as Python does and rounded to
// float once (as torch hands them to its kernels).
inline optim_math::MomentCoeffs momentCoeffs(double beta1, double beta2, double eps, double weightDecay) {
    optim_math::MomentCoeffs m{};
    m.beta1 = float(beta1);
    m.oneMinusBeta1 = float(1.0 - beta1);
    m.beta2 = float(beta2);
    m.oneMinusBeta2 = float(1.0 - beta2);
    m.eps = float(eps);
    m.weightDecay = float(weightDecay);
    return m;
}

}  // namespace gradlab::detail
