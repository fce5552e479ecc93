// LayerNorm module over gradlab::layerNorm.
#include "engine/nn/layer_norm.h"

#include <cmath>

#include "engine/core/error.h"
#include "engine/ops/transformer_ops.h"

namespace gradlab {

LayerNorm::LayerNorm(Shape normalizedShape, double eps, bool elementwiseAffine)
    : m_shape(std::move(normalizedShape)), m_eps(eps) {
    GL_CHECK(!m_shape.empty(), "LayerNorm: normalized_shape needs at least one dimension");
    for (int64_t s : m_shape) GL_CHECK(s > 0, "LayerNorm: normalized_shape ", shapeStr(m_shape), " must be positive");
    GL_CHECK(std::isfinite(eps) && eps >= 0.0, "LayerNorm: eps must be finite and non-negative, got ", eps);
    if (elementwiseAffine) {
        m_weight = registerParameter("weight", ones(m_shape));
        m_bias = registerParameter("bias", zeros(m_shape));
    }
}

Tensor LayerNorm::forward(const Tensor& x) { return layerNorm(x, m_shape, m_weight, m_bias, float(m_eps)); }

}  // namespace gradlab
