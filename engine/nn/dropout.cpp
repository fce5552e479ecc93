// Dropout module over gradlab::dropout.
#include "engine/nn/dropout.h"

#include "engine/core/error.h"
#include "engine/ops/ops.h"

namespace gradlab {

Dropout::Dropout(double p, Generator& gen) : m_p(0.0), m_gen(&gen) { setP(p); }

void Dropout::setP(double p) {
    GL_CHECK(p >= 0.0 && p <= 1.0, "Dropout: probability has to be between 0 and 1, but got ", p);
    m_p = p;
}

Tensor Dropout::forward(const Tensor& x) { return dropout(x, float(m_p), isTraining(), *m_gen); }

}  // namespace gradlab
