// scaled_dot_product_attention: one fused kernel per batch slice forward and backward. The output
// and the attention weights are two graph nodes over the same saved values, so a loss may use
// either or both; the weights' node only runs when a gradient reaches the weights.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "engine/ops/op_utils.h"
#include "engine/ops/transformer_ops.h"

namespace gradlab {
namespace {

// An uninitialised tensor of `shape` (t's rank) whose dims are laid out in memory in the order of
// t's strides (larger strides outside), like torch's empty_like with preserve_format: for a q that
// is a head view (B, H, T, d) of a (B, T, H, d) buffer, the result's transpose back is contiguous.
// Falls back to contiguous when t has a broadcast (stride 0) dim.
Tensor emptyLaidOutLike(const Tensor& t, const Shape& shape) {
    const std::size_t r = shape.size();
    const auto& st = t.strides();
    bool ordered = true;
    for (std::size_t i = 0; i < r; ++i)
        if (st[i] == 0 && t.shape()[i] != 1) ordered = false;
    if (!ordered || t.isContiguous()) return empty(shape, t.device());
    std::vector<int64_t> order(r);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) { return st[std::size_t(a)] > st[std::size_t(b)]; });
    Shape stored, inverse(r);
    for (std::size_t i = 0; i < r; ++i) {
        stored.push_back(shape[std::size_t(order[i])]);
        inverse[std::size_t(order[i])] = int64_t(i);
    }
    Tensor buf = empty(stored, t.device());
    Strides bst = buf.strides(), out(r);
    for (std::size_t i = 0; i < r; ++i) out[i] = bst[std::size_t(inverse[i])];
    return makeView(buf, shape, out, 0);
}

Shape withLast2(Shape batch, int64_t a, int64_t b) {
    batch.push_back(a);
    batch.push_back(b);
    return batch;
}

struct Saved {
    Tensor q, k, v;          // broadcast to the full batch, detached
    Tensor probs, weights;   // contiguous (N..., Tq, Tk); weights is probs without dropout
    Tensor dropMask;         // undefined without dropout
    float scale = 1.0f;
    Shape qShape, kShape, vShape;
};

// Gradients of q, k, v (those `g` needs, at slots iq, ik, iv) from dout and/or dweights.
void attentionGrads(const Saved& s, const Tensor& dout, const Tensor& dweights, GradSlots& g, std::size_t iq,
                    std::size_t ik, std::size_t iv) {
    Tensor dq, dk, dv;
    if (g.needs(iq)) dq = emptyLaidOutLike(s.q, s.q.shape());
    if (g.needs(ik)) dk = emptyLaidOutLike(s.k, s.k.shape());
    if (iv < g.size() && g.needs(iv)) dv = emptyLaidOutLike(s.v, s.v.shape());
    const Device dev = s.q.device();
    GL_DISPATCH(dev, attentionBackward, s.q, s.k, s.v, s.probs, s.weights, s.dropMask, s.scale, dout, dweights,
                dq.defined() ? &dq : nullptr, dk.defined() ? &dk : nullptr, dv.defined() ? &dv : nullptr);
    if (dq.defined()) g.set(iq, reduceToShape(dq, s.qShape));
    if (dk.defined()) g.set(ik, reduceToShape(dk, s.kShape));
    if (dv.defined()) g.set(iv, reduceToShape(dv, s.vShape));
}

}  // namespace

Tensor additiveMask(const Tensor& mask, MaskKind kind) {
    GL_CHECK(mask.defined(), "attention mask: the mask is undefined");
    if (kind == MaskKind::Additive) return mask;
    std::vector<float> v = mask.toVector();
    const float inf = std::numeric_limits<float>::infinity();
    for (float& x : v) {
        GL_CHECK(x == 0.0f || x == 1.0f, "attention mask: a ", kind == MaskKind::Keep ? "Keep" : "Block",
                 " mask must hold only 0 and 1, found ", x, " (pass MaskKind::Additive for a mask added to the scores)");
        const bool attend = (x == 1.0f) == (kind == MaskKind::Keep);
        x = attend ? 0.0f : -inf;
    }
    return fromData(v, mask.shape(), mask.device());
}

AttentionResult scaledDotProductAttention(const Tensor& q, const Tensor& k, const Tensor& v,
                                          const AttentionOptions& options) {
    const char* op = "scaled_dot_product_attention";
    const Device dev = detail::commonDevice(op, {&q, &k, &v});
    GL_CHECK(q.dim() >= 2 && k.dim() >= 2 && v.dim() >= 2, op, ": query, key and value need at least 2 dimensions, got ",
             shapeStr(q.shape()), ", ", shapeStr(k.shape()), ", ", shapeStr(v.shape()));
    const int64_t Tq = q.size(-2), d = q.size(-1), Tk = k.size(-2), dv = v.size(-1);
    GL_CHECK(k.size(-1) == d, op, ": query (", shapeStr(q.shape()), ") and key (", shapeStr(k.shape()),
             ") must have the same last dimension");
    GL_CHECK(v.size(-2) == Tk, op, ": key (", shapeStr(k.shape()), ") and value (", shapeStr(v.shape()),
             ") must have the same number of positions (dimension -2)");
    const Shape qb(q.shape().begin(), q.shape().end() - 2), kb(k.shape().begin(), k.shape().end() - 2),
        vb(v.shape().begin(), v.shape().end() - 2);
    const Shape batch = broadcastShapes(broadcastShapes(qb, kb, op), vb, op);
    const float scale = options.scale ? *options.scale : 1.0f / std::sqrt(float(d));
    GL_CHECK(std::isfinite(scale), op, ": the scale must be finite, got ", scale, d == 0 ? " (query dimension 0)" : "");
    const float p = options.dropoutP;
    GL_CHECK(p >= 0.0f && p <= 1.0f, op, ": dropout probability must be in [0, 1], got ", p);
    GL_CHECK(p == 0.0f || options.generator, op, ": dropout_p > 0 needs a generator");
    const Shape scoreShape = withLast2(batch, Tq, Tk);

    Tensor mask;
    if (options.attnMask.defined()) {
        GL_CHECK(!options.isCausal, op, ": pass either an attention mask or is_causal, not both");
        GL_CHECK(options.attnMask.device() == dev, op, ": the mask is on ", deviceName(options.attnMask.device()),
                 ", the query on ", deviceName(dev));
        const Shape& ms = options.attnMask.shape();
        bool fits = ms.size() <= scoreShape.size();
        for (std::size_t i = 0; fits && i < ms.size(); ++i) {
            const int64_t want = scoreShape[scoreShape.size() - ms.size() + i];
            fits = ms[i] == want || ms[i] == 1;
        }
        GL_CHECK(fits, op, ": the mask of shape ", shapeStr(ms), " does not broadcast to the scores' shape ",
                 shapeStr(scoreShape));
        mask = detail::broadcastView(detail::raw(additiveMask(options.attnMask, options.maskKind)), scoreShape);
    }

    Saved s;
    s.q = detail::broadcastView(q, withLast2(batch, Tq, d)).detach();
    s.k = detail::broadcastView(k, withLast2(batch, Tk, d)).detach();
    s.v = detail::broadcastView(v, withLast2(batch, Tk, dv)).detach();
    s.scale = scale;
    s.qShape = q.shape();
    s.kShape = k.shape();
    s.vShape = v.shape();
    s.probs = empty(scoreShape, dev);
    if (p > 0.0f) {
        // The same draws, in the same order, as dropout() on a tensor of the weights' shape.
        std::vector<float> m(static_cast<std::size_t>(numelOf(scoreShape)));
        const float keep = 1.0f - p, kept = p == 1.0f ? 0.0f : 1.0f / keep;
        for (float& x : m) x = options.generator->uniform() < keep ? kept : 0.0f;
        s.dropMask = fromData(m, scoreShape, dev);
        s.weights = empty(scoreShape, dev);
    } else {
        s.weights = s.probs;
    }
    Tensor out = emptyLaidOutLike(s.q, withLast2(batch, Tq, dv));
    GL_DISPATCH(dev, attention, s.q, s.k, s.v, mask, options.isCausal, scale, s.dropMask, s.probs, s.weights, out);

    AttentionResult r;
    // The weights handed out are a handle of their own: the nodes keep `s.weights` without graph.
    Tensor weights = s.weights.detach();
    if (!needsGraph({&q, &k, &v})) {
        r.output = out;
        r.weights = weights;
        return r;
    }
    s.probs = s.probs.detach();
    s.weights = s.weights.detach();
    r.weights = record(OpId::attention_weights, weights, {&q, &k}, [s](const Tensor& dw, GradSlots& g) {
        attentionGrads(s, Tensor(), dw, g, 0, 1, 2);
    });
    r.output = record(OpId::scaled_dot_product_attention, out, {&q, &k, &v}, [s](const Tensor& dy, GradSlots& g) {
        attentionGrads(s, dy, Tensor(), g, 0, 1, 2);
    });
    return r;
}

}  // namespace gradlab
