// Batch normalisation layers (torch.nn.BatchNorm1d, BatchNorm2d): learnable weight/bias and running
// statistics, with the parameter and buffer names of torch's state_dict.
#pragma once

#include <optional>

#include "engine/nn/module.h"

namespace gradlab {

// The shared layer (torch's _BatchNorm). Parameters weight (ones) and bias (zeros) when affine;
// buffers running_mean (zeros), running_var (ones) and num_batches_tracked (0, a float scalar here,
// int64 in torch) when trackRunningStats.
// Training: batch statistics, running stats updated with `momentum` (nullopt: the cumulative
// average, momentum = 1 / num_batches_tracked). Eval: the running stats (batch stats without them).
class BatchNorm : public Module {
public:
    Tensor forward(const Tensor& x) override;

    int64_t numFeatures() const { return m_features; }
    double eps() const { return m_eps; }
    std::optional<double> momentum() const { return m_momentum; }
    void setMomentum(std::optional<double> momentum);
    bool affine() const { return m_weight.defined(); }
    bool tracksRunningStats() const { return m_runningMean.defined(); }
    const Tensor& weight() const { return m_weight; }              // (C), undefined unless affine
    const Tensor& bias() const { return m_bias; }                  // (C), undefined unless affine
    const Tensor& runningMean() const { return m_runningMean; }    // (C), undefined unless tracked
    const Tensor& runningVar() const { return m_runningVar; }      // (C)
    const Tensor& numBatchesTracked() const { return m_numBatches; }  // shape ()
    // Running stats back to 0 / 1 and the batch count to 0 (torch's reset_running_stats).
    void resetRunningStats();

protected:
    BatchNorm(int64_t numFeatures, double eps, std::optional<double> momentum, bool affine, bool trackRunningStats);
    // Throws unless x has the layer's rank and numFeatures channels in dim 1.
    virtual void checkInput(const Tensor& x) const = 0;

private:
    int64_t m_features;
    double m_eps;
    std::optional<double> m_momentum;
    Tensor m_weight, m_bias, m_runningMean, m_runningVar, m_numBatches;
};

// BatchNorm1d (Spatial 1): x (N, C) or (N, C, L); BatchNorm2d (Spatial 2): x (N, C, H, W).
template <int Spatial>
class BatchNormNd : public BatchNorm {
public:
    explicit BatchNormNd(int64_t numFeatures, double eps = 1e-5, std::optional<double> momentum = 0.1,
                         bool affine = true, bool trackRunningStats = true)
        : BatchNorm(numFeatures, eps, momentum, affine, trackRunningStats) {}
    std::string_view typeName() const override { return Spatial == 1 ? "BatchNorm1d" : "BatchNorm2d"; }

protected:
    void checkInput(const Tensor& x) const override;
};
using BatchNorm1d = BatchNormNd<1>;
using BatchNorm2d = BatchNormNd<2>;

}  // namespace gradlab
