// The concrete optimizers. Options (torch's names and defaults; 1.13 semantics):
//   SGD      lr (required), momentum 0, dampening 0, weight_decay 0, nesterov 0, maximize 0
//   RMSprop  lr 1e-2, alpha 0.99, eps 1e-8, weight_decay 0, momentum 0, centered 0, maximize 0
//   Adagrad  lr 1e-2, lr_decay 0, weight_decay 0, initial_accumulator_value 0, eps 1e-10, maximize 0
//   Adam     lr 1e-3, beta1 0.9, beta2 0.999, eps 1e-8, weight_decay 0, amsgrad 0, maximize 0
//   AdamW    as Adam but weight_decay 1e-2, applied as p *= 1 - lr * weight_decay
//   NAdam    lr 2e-3, beta1 0.9, beta2 0.999, eps 1e-8, weight_decay 0, momentum_decay 4e-3
// Update rules: see kernels/optimizer_math.h. Buffers that an option switched on later needs
// (momentum_buffer, grad_avg, max_exp_avg_sq) start at zero when first used (torch would fail).
#pragma once

#include "engine/optim/optimizer.h"

namespace gradlab {

// buf = momentum buf + (1 - dampening) g (buf = g on the first step); p -= lr (nesterov ? g + momentum buf : buf)
class SGD : public Optimizer {
public:
    SGD(std::vector<Tensor> params, const std::map<std::string, double>& options);
    std::string_view typeName() const override { return "SGD"; }

protected:
    void checkOptions(const std::map<std::string_view, double>& o) const override;
    std::span<const std::string_view> bufferNames() const override;
    bool savesStep() const override { return false; }
    void checkLoadedState(std::size_t, const ParamState&) const override {}
    void update(std::size_t index, const Tensor& grad) override;
};

// v = alpha v + (1 - alpha) g^2; p -= lr g / (sqrt(v - mean(g)^2 if centered) + eps), with momentum on top
class RMSprop : public Optimizer {
public:
    RMSprop(std::vector<Tensor> params, const std::map<std::string, double>& options);
    std::string_view typeName() const override { return "RMSprop"; }

protected:
    std::span<const std::string_view> bufferNames() const override;
    void checkLoadedState(std::size_t index, const ParamState& s) const override;
    void update(std::size_t index, const Tensor& grad) override;
};

// sum += g^2; p -= lr / (1 + (step - 1) lr_decay) g / (sqrt(sum) + eps). The sum starts at
// initial_accumulator_value when the optimizer is built (later changes of that option do nothing).
class Adagrad : public Optimizer {
public:
    Adagrad(std::vector<Tensor> params, const std::map<std::string, double>& options);
    std::string_view typeName() const override { return "Adagrad"; }

protected:
    std::span<const std::string_view> bufferNames() const override;
    void checkLoadedState(std::size_t index, const ParamState& s) const override;
    void update(std::size_t index, const Tensor& grad) override;
};

// m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= lr / (1 - b1^t) m / (sqrt(v) / sqrt(1 - b2^t) + eps)
class Adam : public Optimizer {
public:
    Adam(std::vector<Tensor> params, const std::map<std::string, double>& options);
    std::string_view typeName() const override { return "Adam"; }

protected:
    // AdamW's base: the option table with AdamW's defaults; the caller applies the user's options.
    Adam(std::vector<Tensor> params, bool decoupled);
    std::span<const std::string_view> bufferNames() const override;
    void checkLoadedState(std::size_t index, const ParamState& s) const override;
    void update(std::size_t index, const Tensor& grad) override;

private:
    bool m_decoupled;
};

// Adam with decoupled weight decay: p *= 1 - lr * weight_decay before the Adam update.
class AdamW : public Adam {
public:
    AdamW(std::vector<Tensor> params, const std::map<std::string, double>& options);
    std::string_view typeName() const override { return "AdamW"; }
};

// Adam with Nesterov momentum and the momentum schedule mu_t = b1 (1 - 0.5 * 0.96^(t momentum_decay)).
class NAdam : public Optimizer {
public:
    NAdam(std::vector<Tensor> params, const std::map<std::string, double>& options);
    std::string_view typeName() const override { return "NAdam"; }

protected:
    std::span<const std::string_view> bufferNames() const override;
    bool savesMuProduct() const override { return true; }
    void checkLoadedState(std::size_t index, const ParamState& s) const override;
    void update(std::size_t index, const Tensor& grad) override;
};

}  // namespace gradlab
