// The backward pass: topological order of the graph below the root, then each node's closure in
// reverse order, summing gradients that reach a tensor along several paths.
#include "engine/autograd/autograd.h"

#include "engine/core/error.h"
#include "engine/ops/ops.h"

namespace gradlab {
namespace {

thread_local bool t_gradEnabled = true;

void accumulateLeaf(TensorImpl& leaf, Tensor g) {
    if (!leaf.grad) {
        // Never alias a gradient that another part of the graph may still hold.
        leaf.grad = g.isContiguous() && g.implPtr().use_count() == 1 ? g.implPtr() : g.clone().implPtr();
    } else {
        Tensor sum = add(Tensor(leaf.grad), g);
        leaf.grad = sum.implPtr();
    }
}

}  // namespace

bool gradEnabled() { return t_gradEnabled; }
void setGradEnabled(bool on) { t_gradEnabled = on; }

bool needsGraph(std::initializer_list<const Tensor*> inputs) {
    if (!t_gradEnabled) return false;
    for (const Tensor* t : inputs)
        if (t->defined() && t->requiresGrad()) return true;
    return false;
}

bool needsGraph(std::span<const Tensor> inputs) {
    if (!t_gradEnabled) return false;
    for (const Tensor& t : inputs)
        if (t.defined() && t.requiresGrad()) return true;
    return false;
}

namespace detail {

Tensor attach(OpId op, Tensor out, std::span<const Tensor* const> inputs, BackwardFn fn) {
    auto node = std::make_shared<Node>();
    node->op = op;
    node->inputs.reserve(inputs.size());
    node->needed.reserve(inputs.size());
    for (const Tensor* t : inputs) {
        bool need = t->defined() && t->requiresGrad();
        node->inputs.push_back(need ? t->implPtr() : nullptr);
        node->needed.push_back(need);
    }
    node->backward = std::move(fn);
    // `out` is freshly made by the op; when it is a view it still has its own TensorImpl.
    out.impl()->requiresGrad = true;
    out.impl()->gradFn = std::move(node);
    return out;
}

}  // namespace detail

Tensor recordN(OpId op, Tensor out, std::span<const Tensor> inputs, BackwardFn backward) {
    if (!needsGraph(inputs)) return out;
    std::vector<const Tensor*> ptrs;
    ptrs.reserve(inputs.size());
    for (const Tensor& t : inputs) ptrs.push_back(&t);
    return detail::attach(op, std::move(out), ptrs, std::move(backward));
}

void runBackward(const Tensor& root, const Tensor& gradient, bool retainGraph) {
    GL_CHECK(root.defined(), "backward() on an undefined tensor");
    GL_CHECK(root.requiresGrad(),
             "backward(): the tensor does not require grad and has no grad_fn (did you forget "
             "setRequiresGrad(), or compute it under NoGradGuard?)");
    Tensor seed;
    if (gradient.defined()) {
        GL_CHECK(gradient.shape() == root.shape(), "backward(): gradient of shape ", shapeStr(gradient.shape()),
                 " for a tensor of shape ", shapeStr(root.shape()));
        GL_CHECK(gradient.device() == root.device(), "backward(): gradient on ", deviceName(gradient.device()),
                 " for a tensor on ", deviceName(root.device()));
        seed = gradient.detach();
    } else {
        GL_CHECK(root.numel() == 1, "backward(): the tensor has ", root.numel(),
                 " elements; without an explicit gradient it must be a single value (a loss)");
        seed = onesLike(root);
    }

    NoGradGuard noGrad;  // closures compute plain values
    TensorImpl* rootImpl = root.impl();
    if (!rootImpl->gradFn) {  // a leaf: d root / d root
        accumulateLeaf(*rootImpl, seed);
        return;
    }

    // Count, for every node below the root, how many edges lead into it.
    std::vector<Node*> stack{rootImpl->gradFn.get()};
    std::vector<Node*> seen;
    rootImpl->gradFn->dependencies = 0;
    seen.push_back(rootImpl->gradFn.get());
    while (!stack.empty()) {
        Node* n = stack.back();
        stack.pop_back();
        for (auto& in : n->inputs) {
            if (!in || !in->gradFn) continue;
            Node* m = in->gradFn.get();
            if (m->dependencies++ == 0) {  // first visit (counts are 0 between passes)
                seen.push_back(m);
                stack.push_back(m);
            }
        }
    }

    rootImpl->gradFn->pending = seed;
    if (rootImpl->retainsGrad) accumulateLeaf(*rootImpl, seed);
    std::vector<Node*> ready{rootImpl->gradFn.get()};
    std::vector<Tensor> slots;
    try {
        while (!ready.empty()) {
            Node* n = ready.back();
            ready.pop_back();
            GL_CHECK(!n->released,
                     "backward(): trying to go through the graph a second time (its saved values were "
                     "freed by the first backward); call the first backward with retainGraph = true");
            Tensor dout = std::move(n->pending);
            n->pending = Tensor();
            slots.assign(n->inputs.size(), Tensor());
            GradSlots gs(slots, n->needed);
            n->backward(dout, gs);
            if (!retainGraph) {
                n->backward = nullptr;
                n->released = true;
            }
            for (std::size_t i = 0; i < n->inputs.size(); ++i) {
                TensorImpl* in = n->inputs[i].get();
                if (!in) continue;
                Tensor& g = slots[i];
                if (g.defined()) {
                    GL_CHECK(g.shape() == in->shape, "internal error: backward of ", opName(n->op),
                             " produced a gradient of shape ", shapeStr(g.shape()), " for input ", i,
                             " of shape ", shapeStr(in->shape));
                }
                if (in->gradFn) {
                    Node* m = in->gradFn.get();
                    if (g.defined()) {
                        if (in->retainsGrad) accumulateLeaf(*in, g);
                        m->pending = m->pending.defined() ? add(m->pending, g) : g;
                    }
                    if (--m->dependencies == 0) ready.push_back(m);
                } else if (g.defined()) {
                    accumulateLeaf(*in, g);
                }
            }
        }
    } catch (...) {
        for (Node* n : seen) {
            n->pending = Tensor();
            n->dependencies = 0;
        }
        throw;
    }
    for (Node* n : seen) n->dependencies = 0;
}

}  // namespace gradlab
