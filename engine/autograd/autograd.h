// Reverse-mode autograd over a dynamic graph. Every differentiable op returns its result through
// record(), which (when grad mode is on and an input requires grad) attaches a Node holding the
// op's backward closure. backward() walks the nodes in reverse topological order.
#pragma once

#include <functional>
#include <initializer_list>
#include <span>
#include <utility>
#include <vector>

#include "engine/ops/op_table.h"
#include "engine/tensor/tensor.h"

namespace gradlab {

// Gradients a backward closure hands back, one slot per input of the op.
class GradSlots {
public:
    GradSlots(std::span<Tensor> slots, std::span<const bool> needed) : m_slots(slots), m_needed(needed) {}
    bool needs(std::size_t i) const { return m_needed[i]; }
    // The gradient for input i (ignored when input i does not need one). Broadcast inputs get the
    // gradient of the broadcast shape and reduce it themselves (see reduceToShape in ops.h).
    void set(std::size_t i, Tensor g) {
        if (m_needed[i]) m_slots[i] = std::move(g);
    }
    std::size_t size() const { return m_slots.size(); }

private:
    std::span<Tensor> m_slots;
    std::span<const bool> m_needed;
};

// dout: gradient of the loss with respect to the op's output (same shape as the output).
using BackwardFn = std::function<void(const Tensor& dout, GradSlots& din)>;

struct Node {
    OpId op;
    std::vector<std::shared_ptr<TensorImpl>> inputs;  // null where an input needs no gradient
    SmallVec<bool, 4> needed;
    BackwardFn backward;
    bool released = false;  // the closure was freed by a backward pass without retainGraph
    // Scratch space of a backward pass.
    Tensor pending;
    int dependencies = 0;
};

// Grad mode is per thread: the GUI thread and the training thread never disturb each other.
bool gradEnabled();
void setGradEnabled(bool on);

class NoGradGuard {
public:
    NoGradGuard() : m_prev(gradEnabled()) { setGradEnabled(false); }
    ~NoGradGuard() { setGradEnabled(m_prev); }
    NoGradGuard(const NoGradGuard&) = delete;
    NoGradGuard& operator=(const NoGradGuard&) = delete;

private:
    bool m_prev;
};

// True when an op on these inputs must be recorded.
bool needsGraph(std::initializer_list<const Tensor*> inputs);
bool needsGraph(std::span<const Tensor> inputs);

// Attaches the backward closure to `out` when any input requires grad; returns `out`.
// The closure may capture inputs freely, but must capture the output only through
// out.detach() (the output owns the node, so capturing it would be a reference cycle).
template <class F>
Tensor record(OpId op, Tensor out, std::initializer_list<const Tensor*> inputs, F&& backward);
Tensor recordN(OpId op, Tensor out, std::span<const Tensor> inputs, BackwardFn backward);

void runBackward(const Tensor& root, const Tensor& gradient, bool retainGraph);

namespace detail {
Tensor attach(OpId op, Tensor out, std::span<const Tensor* const> inputs, BackwardFn fn);
}

template <class F>
Tensor record(OpId op, Tensor out, std::initializer_list<const Tensor*> inputs, F&& backward) {
    if (!needsGraph(inputs)) return out;
    return detail::attach(op, std::move(out), std::span<const Tensor* const>(inputs.begin(), inputs.size()),
                          BackwardFn(std::forward<F>(backward)));
}

}  // namespace gradlab
