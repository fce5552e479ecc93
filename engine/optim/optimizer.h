// Optimizers with the update rules, option names and defaults of torch.optim (PyTorch 1.13):
// SGD, RMSprop, Adagrad, Adam, AdamW, NAdam. One parameter group; options can change between
// steps (GUI sliders); state can be saved and restored for checkpoints. The updates reproduce
// torch's float32 CPU results bit for bit (formulas in kernels/optimizer_math.h), in one fused
// pass per parameter. State buffers live on the parameter's device: CUDA parameters are updated
// by one fused kernel per parameter (kernels/optim.cu, the same optimizer_math.h functions).
// Moving the parameters (Module::to) moves the state with them at the next step, or at once with to().
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/tensor/tensor.h"

namespace gradlab {

class Optimizer {
public:
    using NamedTensors = std::vector<std::pair<std::string, Tensor>>;

    virtual ~Optimizer() = default;
    Optimizer(const Optimizer&) = delete;
    Optimizer& operator=(const Optimizer&) = delete;

    // The torch class name: "SGD", "RMSprop", "Adagrad", "Adam", "AdamW", "NAdam".
    virtual std::string_view typeName() const = 0;

    // One update of every parameter that has a gradient (parameters without one are skipped and
    // their state is untouched, as in torch).
    void step();
    // Drops every parameter's gradient (set_to_none semantics).
    void zeroGrad();
    // Moves every state buffer to `device` (as torch's optimizer.load_state_dict casts state to
    // the parameters' device). step() also moves any buffer that is not on its parameter's device.
    void to(Device device);
    const std::vector<Tensor>& params() const { return m_params; }

    // Hyperparameters by torch's names (lr, momentum, dampening, nesterov, weight_decay, alpha, eps,
    // centered, beta1, beta2, amsgrad, lr_decay, initial_accumulator_value, momentum_decay, maximize;
    // each optimizer has its own subset). Flags are 0 or 1. A change applies from the next step.
    // An unknown name or an invalid value throws and changes nothing.
    void setOption(std::string_view name, double value);
    double option(std::string_view name) const;
    bool hasOption(std::string_view name) const;
    std::vector<std::string_view> optionNames() const;

    // State for checkpoints. Tensors are named "<param index>.<torch state name>", e.g.
    // "0.exp_avg", "1.momentum_buffer" (they are the optimizer's own buffers, not copies).
    NamedTensors stateTensors() const;
    // {"type": "Adam", "options": {"lr": ...}, "params": [{"step": 3}, ...]} (one entry per
    // parameter: step counts, NAdam's mu_product).
    nlohmann::json stateScalars() const;
    // Restores what stateTensors/stateScalars saved. Everything (type, parameter count, names,
    // shapes, options) is checked before anything changes; on error the optimizer is untouched.
    void loadState(const NamedTensors& tensors, const nlohmann::json& scalars);

protected:
    enum class OptionKind {
        NonNegative,  // >= 0 (lr, eps, weight_decay, momentum, ...)
        Real,         // any finite value (dampening)
        Beta,         // in [0, 1)
        Flag,         // 0 or 1
    };
    struct OptionSpec {
        std::string_view name;
        double value;  // the default
        OptionKind kind;
    };
    // Per-parameter state: the step count, NAdam's mu_product and the named buffers.
    struct ParamState {
        int64_t step = 0;
        float muProduct = 1.0f;
        std::map<std::string, Tensor, std::less<>> buffers;
    };

    Optimizer(std::vector<Tensor> params, std::vector<OptionSpec> specs);
    // Applies options over the current values, all checked first (each subclass constructor calls
    // it with the user's options; setOption with one).
    void applyOptions(const std::map<std::string, double>& options);

    // Cross-option checks (e.g. nesterov needs momentum) on the proposed values.
    virtual void checkOptions(const std::map<std::string_view, double>& proposed) const { (void)proposed; }
    // The names of the state buffers this optimizer can have, in torch's order.
    virtual std::span<const std::string_view> bufferNames() const = 0;
    // Which state scalars this optimizer saves (subset of "step", "mu_product").
    virtual bool savesStep() const { return true; }
    virtual bool savesMuProduct() const { return false; }
    // Throws when a loaded per-parameter state is inconsistent (e.g. a step count without buffers).
    virtual void checkLoadedState(std::size_t index, const ParamState& s) const = 0;
    // Updates parameter `index` in place. grad: same shape, contiguous, on the parameter's device.
    virtual void update(std::size_t index, const Tensor& grad) = 0;

    double opt(std::string_view name) const { return option(name); }
    bool flag(std::string_view name) const { return option(name) != 0.0; }
    // The named buffer of parameter `index`, created (filled with `init`) when it does not exist.
    // `created` tells whether it was just made.
    Tensor& buffer(std::size_t index, std::string_view name, float init = 0.0f, bool* created = nullptr);

    std::vector<Tensor> m_params;
    std::vector<ParamState> m_state;

private:
    // Throws unless every proposed value fits its kind and checkOptions accepts the set.
    void validateOptions(const std::map<std::string_view, double>& proposed) const;
    std::vector<OptionSpec> m_options;
};

// name: sgd, rmsprop, adagrad, adam, adamw, nadam. options: torch's option names (see above);
// unknown names throw. SGD needs "lr" (torch has no default for it).
std::unique_ptr<Optimizer> makeOptimizer(std::string_view name, std::vector<Tensor> params,
                                         const std::map<std::string, double>& options = {});
std::span<const std::string_view> optimizerNames();

}  // namespace gradlab
