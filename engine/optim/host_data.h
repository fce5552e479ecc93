// Internal to engine/optim: raw float access to a tensor for the fused update loops, and the loop.
// CPU contiguous tensors are used in place; strided views are staged through a contiguous host
// copy that commit() writes back. Contiguous CUDA parameters never come here: their update is one
// fused kernel (onCuda below, engine/cuda/cuda_backend.h).
#pragma once

#include <omp.h>

#include <cstdint>

#include "engine/core/error.h"
#include "engine/tensor/tensor.h"

namespace gradlab::detail {

// True when parameter p is updated on the GPU: it lives on CUDA and is contiguous (a parameter
// made by a module or moved by to() always is; a strided CUDA view takes the host round trip).
inline bool onCuda(const Tensor& p) { return p.device() == Device::CUDA && p.isContiguous(); }

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

// body(i) for i in [0, n); elementwise, so splitting across threads never changes a result.
template <class Body>
void forEachElement(int64_t n, Body&& body) {
    constexpr int64_t kGrain = 1 << 16;
    if (n < 2 * kGrain || omp_in_parallel()) {
        for (int64_t i = 0; i < n; ++i) body(i);
        return;
    }
#pragma omp parallel for schedule(static)
    for (int64_t i = 0; i < n; ++i) body(i);
}

}  // namespace gradlab::detail
