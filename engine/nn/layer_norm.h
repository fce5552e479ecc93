// LayerNorm (torch.nn.LayerNorm): normalises over the last dims of each row, then scales and shifts
// by learned per-element weight (init 1) and bias (init 0).
#pragma once

#include "engine/nn/module.h"

namespace gradlab {

class LayerNorm : public Module {
public:
    // weight, bias: normalizedShape (registered only with elementwiseAffine).
    explicit LayerNorm(Shape normalizedShape, double eps = 1e-5, bool elementwiseAffine = true);
    explicit LayerNorm(int64_t normalizedDim, double eps = 1e-5, bool elementwiseAffine = true)
        : LayerNorm(Shape{normalizedDim}, eps, elementwiseAffine) {}

    // x: (..., *normalizedShape) -> same shape; (x - mean) / sqrt(var + eps) * weight + bias
    Tensor forward(const Tensor& x) override;
    std::string_view typeName() const override { return "LayerNorm"; }

    const Shape& normalizedShape() const { return m_shape; }
    double eps() const { return m_eps; }
    const Tensor& weight() const { return m_weight; }  // undefined without elementwiseAffine
    const Tensor& bias() const { return m_bias; }

private:
    Shape m_shape;
    double m_eps;
    Tensor m_weight, m_bias;
};

}  // namespace gradlab
