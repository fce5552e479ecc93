// Module: the base of every layer (torch.nn.Module): named parameters and buffers, child modules,
// train/eval mode, forward hooks and state dicts. Layers register what they own in their constructor.
#pragma once

#include <cstdint>
#include <functional>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/tensor/tensor.h"

namespace gradlab {

class Module {
public:
    // Called after forward with the module, its input and its output (e.g. to record activations).
    using ForwardHook = std::function<void(const Module& module, const Tensor& input, const Tensor& output)>;
    using NamedTensors = std::vector<std::pair<std::string, Tensor>>;
    using NamedModules = std::vector<std::pair<std::string, std::shared_ptr<Module>>>;

    Module() = default;
    virtual ~Module() = default;
    Module(const Module&) = delete;
    Module& operator=(const Module&) = delete;

    virtual Tensor forward(const Tensor& x) = 0;
    // forward(x), then every forward hook in the order they were added.
    Tensor operator()(const Tensor& x);
    // The class name as in PyTorch: "Linear", "ReLU", "Sequential".
    virtual std::string_view typeName() const = 0;

    // Parameters of this module and its children (recursively), in registration order, with dotted
    // names: "weight", "0.bias", "encoder.fc.weight".
    NamedTensors namedParameters() const;
    std::vector<Tensor> parameters() const;
    int64_t numParameters() const;  // total number of scalar parameters
    // Non-trainable state (running statistics and the like), named like parameters.
    NamedTensors namedBuffers() const;
    // Direct children in registration order.
    const NamedModules& namedChildren() const { return m_children; }
    // The child (or descendant, with a dotted path like "0.fc") of that name; throws if there is none.
    std::shared_ptr<Module> child(std::string_view path) const;

    // Training mode (dropout active, ...) for this module and all its descendants.
    void train(bool on = true);
    void eval() { train(false); }
    bool isTraining() const { return m_training; }

    // Drops the gradients of all parameters (PyTorch's zero_grad(set_to_none=True)).
    void zeroGrad();

    // Moves every parameter and buffer (recursively) to `device`, in place like torch's
    // module.to(): the tensor handles stay the same, so an optimizer made before the move keeps
    // working (its state follows at its next step, or with Optimizer::to). Gradients move too.
    // Tensors that shared storage (tied weights) are moved separately and no longer share it.
    void to(Device device);
    // The device of the first parameter (or buffer); CPU for a module that holds neither.
    Device device() const;

    // Returns an id for removeForwardHook. Hooks run in the order they were added.
    int addForwardHook(ForwardHook hook);
    void removeForwardHook(int id);  // unknown ids are ignored (the hook may be gone already)

    // Parameters and buffers by dotted name. The tensors share storage with the module (detached).
    std::map<std::string, Tensor> stateDict() const;
    // Copies values into the parameters and buffers (in place, so optimizers holding them stay
    // valid). Shapes must match; with `strict`, the names must match exactly. Everything is checked
    // before anything is copied: on error nothing changes and the Error lists every problem.
    void loadStateDict(const std::map<std::string, Tensor>& dict, bool strict = true);

protected:
    // Registers a parameter (marked as requiring grad). The returned reference stays valid for the
    // life of the module. Names must be unique in this module and must not contain '.'.
    Tensor& registerParameter(std::string name, Tensor t);
    Tensor& registerBuffer(std::string name, Tensor t);
    template <class M>
    std::shared_ptr<M> registerModule(std::string name, std::shared_ptr<M> m) {
        addChild(std::move(name), m);
        return m;
    }
    void addChild(std::string name, std::shared_ptr<Module> m);

private:
    void collect(const std::string& prefix, bool params, NamedTensors& out) const;
    void checkNewName(const std::string& name) const;

    std::deque<std::pair<std::string, Tensor>> m_params;   // deque: references stay valid on growth
    std::deque<std::pair<std::string, Tensor>> m_buffers;
    NamedModules m_children;
    std::vector<std::pair<int, ForwardHook>> m_hooks;
    int m_nextHookId = 1;
    bool m_training = true;
};

}  // namespace gradlab
