// Batch normalisation layers: torch's _BatchNorm.forward (batch counting, momentum choice, when the
// running stats are used and updated) over the batch_norm op.
#include "engine/nn/batch_norm.h"

#include "engine/core/error.h"
#include "engine/ops/nn_ops.h"

namespace gradlab {

BatchNorm::BatchNorm(int64_t numFeatures, double eps, std::optional<double> momentum, bool affine,
                     bool trackRunningStats)
    : m_features(numFeatures), m_eps(eps) {
    GL_CHECK(numFeatures > 0, "BatchNorm: num_features must be positive, got ", numFeatures);
    GL_CHECK(eps >= 0.0, "BatchNorm: eps must be non-negative, got ", eps);
    setMomentum(momentum);
    if (affine) {
        m_weight = registerParameter("weight", ones({numFeatures}));
        m_bias = registerParameter("bias", zeros({numFeatures}));
    }
    if (trackRunningStats) {
        m_runningMean = registerBuffer("running_mean", zeros({numFeatures}));
        m_runningVar = registerBuffer("running_var", ones({numFeatures}));
        m_numBatches = registerBuffer("num_batches_tracked", zeros({}));
    }
}

void BatchNorm::setMomentum(std::optional<double> momentum) {
    GL_CHECK(!momentum || (*momentum >= 0.0 && *momentum <= 1.0), "BatchNorm: momentum must be in [0, 1], got ",
             momentum.value_or(0.0));
    m_momentum = momentum;
}

void BatchNorm::resetRunningStats() {
    if (!tracksRunningStats()) return;
    m_runningMean.zero_();
    m_runningVar.fill_(1.0f);
    m_numBatches.zero_();
}

Tensor BatchNorm::forward(const Tensor& x) {
    GL_CHECK(x.defined(), typeName(), ": the input is undefined");
    checkInput(x);
    double factor = m_momentum.value_or(0.0);
    if (isTraining() && tracksRunningStats()) {
        const float batches = m_numBatches.item() + 1.0f;
        m_numBatches.fill_(batches);
        if (!m_momentum) factor = 1.0 / double(batches);
    }
    // Buffers are read in eval mode and updated in training (when tracked); without them the
    // batch statistics are used in both modes.
    const bool useBatchStats = isTraining() || !tracksRunningStats();
    return batchNorm(x, m_runningMean, m_runningVar, m_weight, m_bias, useBatchStats, factor, m_eps);
}

template <int Spatial>
void BatchNormNd<Spatial>::checkInput(const Tensor& x) const {
    const bool rankOk = Spatial == 1 ? x.dim() == 2 || x.dim() == 3 : x.dim() == 4;
    GL_CHECK(rankOk, typeName(), ": expected ", Spatial == 1 ? "2D or 3D" : "4D", " input (got ", x.dim(),
             "D input of shape ", shapeStr(x.shape()), ")");
    GL_CHECK(x.size(1) == numFeatures(), typeName(), ": expected ", numFeatures(),
             Spatial == 1 ? " features" : " channels", " in dim 1, got input of shape ", shapeStr(x.shape()));
}

template class BatchNormNd<1>;
template class BatchNormNd<2>;

}  // namespace gradlab
