// Linear: y = x W^T + b (torch.nn.Linear), with PyTorch's default initialisation.
#pragma once

#include "engine/core/rng.h"
#include "engine/nn/module.h"

namespace gradlab {

class Linear : public Module {
public:
    // weight: (outFeatures, inFeatures) ~ kaiming_uniform(a = sqrt(5)), i.e. U(-1/sqrt(in), 1/sqrt(in));
    // bias: (outFeatures) ~ U(-1/sqrt(in), 1/sqrt(in)).
    Linear(int64_t inFeatures, int64_t outFeatures, bool bias, Generator& gen);

    // x: (..., inFeatures) -> (..., outFeatures)
    Tensor forward(const Tensor& x) override;
    std::string_view typeName() const override { return "Linear"; }

    int64_t inFeatures() const { return m_in; }
    int64_t outFeatures() const { return m_out; }
    Tensor& weight() { return m_weight; }
    const Tensor& weight() const { return m_weight; }
    // Undefined when the layer was built without bias.
    const Tensor& bias() const { return m_bias; }

private:
    int64_t m_in, m_out;
    Tensor& m_weight;
    Tensor m_bias;
};

}  // namespace gradlab
