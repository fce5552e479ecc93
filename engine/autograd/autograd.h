// Reverse-mode autograd over a dynamic graph. Every differentiable op returns its result through
// record(), which (when grad mode is on and an input requires grad) attaches a Node holding the
// op's backward closure. backward() walks the nodes in reverse topological order.
#pragma once

#include <array>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "engine/ops/op_table.h"
#include "engine/tensor/pool.h"
#include "engine/tensor/tensor.h"

namespace gradlab {

struct Node;

// A view (shape, strides, offset) of a contiguous tensor of an input's shape: the part of the
// input that a select or slice read.
struct GradRegion {
    Shape shape;
    Strides strides;
    int64_t offset = 0;
};

// Gradients a backward closure hands back, one slot per input of the op.
class GradSlots {
public:
    GradSlots(std::span<Tensor> slots, std::span<std::optional<GradRegion>> regions, const Node& node)
        : m_slots(slots), m_regions(regions), m_node(node) {}
    bool needs(std::size_t i) const;
    // The gradient for input i (ignored when input i does not need one). Broadcast inputs get the
    // gradient of the broadcast shape and reduce it themselves (see reduceToShape in ops.h).
    void set(std::size_t i, Tensor g) {
        if (needs(i)) m_slots[i] = std::move(g);
    }
    // A gradient for input i that is zero outside `region`, where it is g (of region.shape). The
    // backward pass adds g into the input's gradient buffer in place, so that a loop over
    // x.select(0, t) costs the slices, not t zero-filled copies of x.
    void setRegion(std::size_t i, Tensor g, GradRegion region) {
        if (!needs(i)) return;
        m_slots[i] = std::move(g);
        m_regions[i] = std::move(region);
    }
    std::size_t size() const { return m_slots.size(); }
    // Input i of the op (held by the node while it lives; undefined where i needs no gradient).
    Tensor input(std::size_t i) const;

private:
    std::span<Tensor> m_slots;
    std::span<std::optional<GradRegion>> m_regions;
    const Node& m_node;
};

// dout: gradient of the loss with respect to the op's output (same shape as the output).
using BackwardFn = std::function<void(const Tensor& dout, GradSlots& din)>;

// One recorded op: the inputs it needs gradients for and its backward closure (in the subclass,
// so that node and closure are one allocation). Destroying a node releases the graph below it
// iteratively, so a chain of any length is freed without deep recursion.
struct Node {
    explicit Node(OpId op) : op(op) {}
    virtual ~Node();
    Node(const Node&) = delete;
    Node& operator=(const Node&) = delete;

    OpId op;
    bool released = false;  // the closure was freed by a backward pass without retainGraph
    // Scratch space of a backward pass.
    int dependencies = 0;
    Tensor pending;

    std::size_t numInputs() const { return m_count; }
    // Input i's tensor, null where input i needs no gradient.
    const std::shared_ptr<TensorImpl>& input(std::size_t i) const { return m_count <= kInline ? m_inline[i] : m_spill[i]; }
    bool needs(std::size_t i) const { return input(i) != nullptr; }
    void setInputs(std::span<const Tensor* const> inputs);

    virtual void apply(const Tensor& dout, GradSlots& din) = 0;
    virtual void releaseSaved() = 0;  // frees the closure and the values it saved

private:
    static constexpr std::size_t kInline = 3;
    std::shared_ptr<TensorImpl>& slot(std::size_t i) { return m_count <= kInline ? m_inline[i] : m_spill[i]; }
    void clearInputs();
    friend void releaseGraph(Node& root);

    std::array<std::shared_ptr<TensorImpl>, kInline> m_inline;
    std::vector<std::shared_ptr<TensorImpl>> m_spill;  // ops with more than kInline inputs (concat)
    std::size_t m_count = 0;
};

template <class F>
struct FnNode final : Node {
    template <class G>
    FnNode(OpId op, G&& fn) : Node(op), m_fn(std::in_place, std::forward<G>(fn)) {}
    void apply(const Tensor& dout, GradSlots& din) override { (*m_fn)(dout, din); }
    void releaseSaved() override { m_fn.reset(); }

private:
    std::optional<F> m_fn;
};

inline bool GradSlots::needs(std::size_t i) const { return m_node.needs(i); }
inline Tensor GradSlots::input(std::size_t i) const { return Tensor(m_node.input(i)); }

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
// The closure may capture values freely, but tensors only detached (x.detach()): the output owns
// the node, so capturing the output itself would be a reference cycle, and a captured input with
// its graph would keep that graph alive outside the node's input list.
template <class F>
Tensor record(OpId op, Tensor out, std::initializer_list<const Tensor*> inputs, F&& backward);
Tensor recordN(OpId op, Tensor out, std::span<const Tensor> inputs, BackwardFn backward);

void runBackward(const Tensor& root, const Tensor& gradient, bool retainGraph);

namespace detail {
Tensor attach(std::shared_ptr<Node> node, Tensor out, std::span<const Tensor* const> inputs);
}

template <class F>
Tensor record(OpId op, Tensor out, std::initializer_list<const Tensor*> inputs, F&& backward) {
    if (!needsGraph(inputs)) return out;
    return detail::attach(detail::makePooled<FnNode<std::decay_t<F>>>(op, std::forward<F>(backward)), std::move(out),
                          std::span<const Tensor* const>(inputs.begin(), inputs.size()));
}

}  // namespace gradlab
