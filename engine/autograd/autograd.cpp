// The backward pass: topological order of the graph below the root, then each node's closure in
// reverse order, summing gradients that reach a tensor along several paths.
#include "engine/autograd/autograd.h"

#include "engine/core/error.h"
#include "engine/ops/op_utils.h"

namespace gradlab {
namespace {

thread_local bool t_gradEnabled = true;

// a += b in place (a: exclusive, contiguous; b: same shape).
void addInto(Tensor& a, const Tensor& b) { GL_DISPATCH(a.device(), binary, BinaryOp::Add, a, b, a); }

// a[region] += g in place (a: exclusive, contiguous; g: region.shape).
void addIntoRegion(Tensor& a, const GradRegion& region, const Tensor& g) {
    Tensor part = makeView(a, region.shape, region.strides, region.offset);
    if (part.isContiguous()) {
        GL_DISPATCH(a.device(), binary, BinaryOp::Add, part, g, part);
        return;
    }
    Tensor sum = empty(region.shape, a.device());
    GL_DISPATCH(a.device(), binary, BinaryOp::Add, part, g, sum);
    GL_DISPATCH(a.device(), copy, sum, part);
}

// The whole gradient of a region gradient: zeros of `shape` with g in the region.
Tensor spread(const Tensor& g, const GradRegion& region, const Shape& shape) {
    Tensor full = zeros(shape, g.device());
    Tensor part = makeView(full, region.shape, region.strides, region.offset);
    GL_DISPATCH(g.device(), copy, g, part);
    return full;
}

// Adds g to leaf.grad. The first gradient is taken over as .grad when nothing else can see its
// memory (a fresh result), otherwise copied: .grad must never alias a tensor someone still holds.
// Later gradients are added in place unless the user holds .grad (then a new tensor, as PyTorch).
void accumulateLeaf(TensorImpl& leaf, Tensor&& g) {
    if (!leaf.grad) {
        leaf.grad = detail::exclusive(g) ? g.implPtr() : g.clone().implPtr();
        return;
    }
    Tensor acc(std::move(leaf.grad));
    if (detail::exclusive(acc) && acc.device() == g.device()) {
        addInto(acc, g);
        leaf.grad = acc.implPtr();
    } else {
        leaf.grad = add(acc, g).implPtr();
    }
}

// d loss / d loss for a scalar loss: one shared read-only tensor per thread (never exclusive, so
// nothing writes into it or keeps it as a .grad).
const Tensor& scalarOne() {
    thread_local const Tensor one = ones({});
    return one;
}

// Vectors a backward pass needs, kept per thread so that a training step allocates none of them.
struct BackwardScratch {
    std::vector<Node*> stack, seen, ready;
    std::vector<Tensor> slots;
    std::vector<std::optional<GradRegion>> regions;
    bool busy = false;  // a backward inside a backward (a closure calling backward) gets its own
};
thread_local BackwardScratch t_scratch;

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

// ---------------------------------------------------------------- Node
void Node::setInputs(std::span<const Tensor* const> inputs) {
    m_count = inputs.size();
    if (m_count > kInline) m_spill.resize(m_count);
    for (std::size_t i = 0; i < m_count; ++i) {
        const Tensor* t = inputs[i];
        if (t->defined() && t->requiresGrad()) slot(i) = t->implPtr();
    }
}

void Node::clearInputs() {
    for (auto& p : m_inline) p.reset();
    m_spill.clear();
    m_count = 0;
}

// Moves the nodes that only `root` keeps alive onto a work list and frees them one by one, each
// after its own inputs were taken away: the destructors never nest more than one level.
void releaseGraph(Node& root) {
    // A work stack that lives on this frame for the usual graphs (a chain needs one slot).
    constexpr std::size_t kLocal = 16;
    std::array<std::shared_ptr<Node>, kLocal> local;
    std::vector<std::shared_ptr<Node>> more;
    std::size_t depth = 0;
    auto push = [&](std::shared_ptr<Node>&& n) {
        if (depth < kLocal) local[depth] = std::move(n);
        else more.push_back(std::move(n));
        ++depth;
    };
    auto pop = [&]() {
        --depth;
        if (depth < kLocal) return std::move(local[depth]);
        std::shared_ptr<Node> n = std::move(more.back());
        more.pop_back();
        return n;
    };
    auto takeInputs = [&](Node& n) {
        for (std::size_t i = 0; i < n.m_count; ++i) {
            std::shared_ptr<TensorImpl>& in = n.slot(i);
            // The last owner of a non-leaf: its node would die inside this destructor; defer it.
            if (in && in.use_count() == 1 && in->gradFn) push(std::move(in->gradFn));
        }
        n.clearInputs();
    };
    takeInputs(root);
    while (depth > 0) {
        std::shared_ptr<Node> n = pop();
        if (n.use_count() == 1) takeInputs(*n);
    }
}

Node::~Node() {
    if (m_count > 0) releaseGraph(*this);
}

namespace detail {

Tensor attach(std::shared_ptr<Node> node, Tensor out, std::span<const Tensor* const> inputs) {
    node->setInputs(inputs);
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
    return detail::attach(detail::makePooled<FnNode<BackwardFn>>(op, std::move(backward)), std::move(out), ptrs);
}

// ---------------------------------------------------------------- backward pass
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
        seed = root.dim() == 0 && root.device() == Device::CPU ? scalarOne() : onesLike(root);
    }

    NoGradGuard noGrad;  // closures compute plain values
    TensorImpl* rootImpl = root.impl();
    if (!rootImpl->gradFn) {  // a leaf: d root / d root
        accumulateLeaf(*rootImpl, std::move(seed));
        return;
    }

    BackwardScratch local;
    BackwardScratch& sc = t_scratch.busy ? local : t_scratch;
    sc.busy = true;
    struct Done {
        BackwardScratch& sc;
        ~Done() {
            for (Node* n : sc.seen) {
                n->pending = Tensor();
                n->dependencies = 0;
            }
            sc.stack.clear();
            sc.seen.clear();
            sc.ready.clear();
            sc.slots.clear();
            sc.regions.clear();
            sc.busy = false;
        }
    } done{sc};

    // Count, for every node below the root, how many edges lead into it.
    Node* top = rootImpl->gradFn.get();
    top->dependencies = 0;
    sc.stack.push_back(top);
    sc.seen.push_back(top);
    while (!sc.stack.empty()) {
        Node* n = sc.stack.back();
        sc.stack.pop_back();
        for (std::size_t i = 0; i < n->numInputs(); ++i) {
            TensorImpl* in = n->input(i).get();
            if (!in || !in->gradFn) continue;
            Node* m = in->gradFn.get();
            if (m->dependencies++ == 0) {  // first visit (counts are 0 between passes)
                sc.seen.push_back(m);
                sc.stack.push_back(m);
            }
        }
    }

    if (rootImpl->retainsGrad) accumulateLeaf(*rootImpl, Tensor(seed));
    top->pending = std::move(seed);
    sc.ready.push_back(top);
    while (!sc.ready.empty()) {
        Node* n = sc.ready.back();
        sc.ready.pop_back();
        GL_CHECK(!n->released,
                 "backward(): trying to go through the graph a second time (its saved values were "
                 "freed by the first backward); call the first backward with retainGraph = true");
        Tensor dout = std::move(n->pending);
        n->pending = Tensor();
        const std::size_t nin = n->numInputs();
        sc.slots.assign(nin, Tensor());
        sc.regions.assign(nin, std::nullopt);
        GradSlots gs(sc.slots, sc.regions, *n);
        n->apply(dout, gs);
        dout = Tensor();
        if (!retainGraph) {
            n->releaseSaved();
            n->released = true;
        }
        for (std::size_t i = 0; i < nin; ++i) {
            TensorImpl* in = n->input(i).get();
            if (!in) continue;
            Tensor g = std::move(sc.slots[i]);
            const std::optional<GradRegion>& region = sc.regions[i];
            if (g.defined()) {
                const Shape& want = region ? region->shape : in->shape;
                GL_CHECK(g.shape() == want, "internal error: backward of ", opName(n->op),
                         " produced a gradient of shape ", shapeStr(g.shape()), " for input ", i, " of shape ",
                         shapeStr(want));
            }
            if (in->gradFn) {
                Node* m = in->gradFn.get();
                if (g.defined() && region) {
                    if (in->retainsGrad) accumulateLeaf(*in, spread(g, *region, in->shape));
                    if (!m->pending.defined()) m->pending = zeros(in->shape, g.device());
                    else if (!detail::exclusive(m->pending)) m->pending = m->pending.clone();
                    addIntoRegion(m->pending, *region, g);
                } else if (g.defined()) {
                    if (in->retainsGrad) accumulateLeaf(*in, Tensor(g));
                    if (!m->pending.defined()) m->pending = std::move(g);
                    else if (detail::exclusive(m->pending)) addInto(m->pending, g);
                    else m->pending = add(m->pending, g);
                }
                if (--m->dependencies == 0) sc.ready.push_back(m);
            } else if (g.defined()) {
                accumulateLeaf(*in, region ? spread(g, *region, in->shape) : std::move(g));
            }
        }
    }
}

}  // namespace gradlab
