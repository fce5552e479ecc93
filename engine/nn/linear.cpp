// Linear layer: PyTorch's reset_parameters() and a forward through matmul.
#include "engine/nn/linear.h"

#include <cmath>

#include "engine/core/error.h"
#include "engine/init/init.h"
#include "engine/ops/ops.h"

namespace gradlab {

namespace {
Tensor checkedWeight(int64_t in, int64_t out) {
    GL_CHECK(in >= 0 && out >= 0, "Linear: feature counts must be non-negative, got in_features ", in,
             ", out_features ", out);
    return empty({out, in});
}
}  // namespace

Linear::Linear(int64_t inFeatures, int64_t outFeatures, bool bias, Generator& gen)
    : m_in(inFeatures), m_out(outFeatures), m_weight(registerParameter("weight", checkedWeight(inFeatures, outFeatures))) {
    init::kaimingUniform_(m_weight, gen, std::sqrt(5.0));
    if (bias) {
        Tensor& b = registerParameter("bias", empty({outFeatures}));
        double bound = inFeatures > 0 ? 1.0 / std::sqrt(double(inFeatures)) : 0.0;
        init::uniform_(b, gen, -bound, bound);
        m_bias = b;
    }
}

Tensor Linear::forward(const Tensor& x) {
    GL_CHECK(x.defined() && x.dim() >= 1 && x.size(-1) == m_in, "Linear: expected input of shape (..., ", m_in,
             "), got ", x.defined() ? shapeStr(x.shape()) : std::string("undefined"));
    Tensor y = matmul(x, m_weight.t());
    return m_bias.defined() ? add(y, m_bias) : y;
}

}  // namespace gradlab
