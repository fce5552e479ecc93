// MultiheadAttention: three input projections (slices of in_proj_weight), heads as strided views,
// the fused scaled dot-product attention, the output projection. Masks follow PyTorch 1.13's
// F.multi_head_attention_forward: each becomes additive (-inf where blocked) and they are summed.
#include "engine/nn/attention.h"

#include <cmath>

#include "engine/core/error.h"
#include "engine/init/init.h"
#include "engine/ops/ops.h"

namespace gradlab {
namespace {

// x (..., in) -> x w^T + b with w (out, in) and b (out) (b may be undefined).
Tensor project(const Tensor& x, const Tensor& w, const Tensor& b) {
    Tensor y = matmul(x, w.t());
    return b.defined() ? add(y, b) : y;
}

std::string shapeOrNone(const Tensor& t) { return t.defined() ? shapeStr(t.shape()) : std::string("undefined"); }

}  // namespace

MultiheadAttention::MultiheadAttention(int64_t embedDim, int64_t numHeads, Generator& gen, double dropout, bool bias,
                                       bool batchFirst)
    : m_embed(embedDim), m_heads(numHeads), m_dropout(0.0), m_batchFirst(batchFirst), m_gen(&gen) {
    GL_CHECK(embedDim > 0 && numHeads > 0, "MultiheadAttention: embed_dim and num_heads must be positive, got ", embedDim,
             " and ", numHeads);
    GL_CHECK(embedDim % numHeads == 0, "MultiheadAttention: embed_dim (", embedDim, ") must be divisible by num_heads (",
             numHeads, ")");
    setDropout(dropout);
    m_inW = registerParameter("in_proj_weight", empty({3 * embedDim, embedDim}));
    init::xavierUniform_(m_inW, gen);
    if (bias) m_inB = registerParameter("in_proj_bias", zeros({3 * embedDim}));
    m_out = registerModule("out_proj", std::make_shared<Linear>(embedDim, embedDim, bias, gen));
    if (bias) {
        Tensor ob = m_out->bias();
        ob.zero_();
    }
}

void MultiheadAttention::setDropout(double p) {
    GL_CHECK(p >= 0.0 && p <= 1.0, "MultiheadAttention: dropout probability has to be between 0 and 1, but got ", p);
    m_dropout = p;
}

void MultiheadAttention::setKeepWeights(bool on) {
    m_keep = on;
    if (!on) m_lastWeights = Tensor();
}

Tensor MultiheadAttention::forward(const Tensor& x) {
    MultiheadAttentionArgs args;
    args.needWeights = false;
    return forward(x, x, x, args).output;
}

AttentionResult MultiheadAttention::forward(const Tensor& query, const Tensor& key, const Tensor& value,
                                            const MultiheadAttentionArgs& args) {
    const int64_t E = m_embed, H = m_heads, hd = E / H;
    GL_CHECK(query.defined() && key.defined() && value.defined(), "MultiheadAttention: query, key and value must be defined");
    GL_CHECK(query.dim() == 3 || query.dim() == 2, "MultiheadAttention: query should be unbatched 2-D or batched 3-D, got ",
             shapeStr(query.shape()));
    const bool batched = query.dim() == 3;
    GL_CHECK(key.dim() == query.dim() && value.dim() == query.dim(), "MultiheadAttention: for a ", query.dim(),
             "-D query, key and value must be ", query.dim(), "-D too, got ", shapeStr(key.shape()), " and ",
             shapeStr(value.shape()));
    GL_CHECK(query.size(-1) == E, "MultiheadAttention: expected embedding dimension ", E, ", got query ",
             shapeStr(query.shape()));
    GL_CHECK(key.shape() == value.shape(), "MultiheadAttention: key shape ", shapeStr(key.shape()),
             " does not match value shape ", shapeStr(value.shape()));
    GL_CHECK(key.size(-1) == E, "MultiheadAttention: expected embedding dimension ", E, ", got key ", shapeStr(key.shape()));
    // Everything as (B, T, E) views.
    auto asBatchFirst = [&](const Tensor& t) {
        if (!batched) return t.unsqueeze(0);
        return m_batchFirst ? t : t.transpose(0, 1);
    };
    const Tensor q = asBatchFirst(query), k = asBatchFirst(key), v = asBatchFirst(value);
    const int64_t B = q.size(0), Tq = q.size(1), Tk = k.size(1);
    GL_CHECK(k.size(0) == B, "MultiheadAttention: query has batch size ", B, ", key ", k.size(0));

    // Masks, as one additive mask broadcastable to (B, H, Tq, Tk).
    Tensor mask;
    if (args.attnMask.defined()) {
        const Tensor& m = args.attnMask;
        if (m.dim() == 2) {
            GL_CHECK(m.size(0) == Tq && m.size(1) == Tk, "MultiheadAttention: the 2-D attn_mask has shape ",
                     shapeStr(m.shape()), ", but should be (", Tq, ", ", Tk, ")");
            mask = additiveMask(m, args.attnMaskKind).detach();
        } else {
            GL_CHECK(m.dim() == 3 && m.size(0) == B * H && m.size(1) == Tq && m.size(2) == Tk,
                     "MultiheadAttention: the 3-D attn_mask has shape ", shapeStr(m.shape()), ", but should be (", B * H,
                     ", ", Tq, ", ", Tk, ")");
            mask = additiveMask(m, args.attnMaskKind).detach().reshape({B, H, Tq, Tk});
        }
    }
    if (args.keyPaddingMask.defined()) {
        const Tensor& m = args.keyPaddingMask;
        const Shape want = batched ? Shape{B, Tk} : Shape{Tk};
        GL_CHECK(m.shape() == want, "MultiheadAttention: expecting key_padding_mask of shape ", shapeStr(want), ", got ",
                 shapeOrNone(m));
        Tensor kpm = additiveMask(m, args.keyPaddingMaskKind).detach().reshape({B, 1, 1, Tk});
        mask = mask.defined() ? add(mask, kpm) : kpm;
    }

    // Projections; head h of each is features [h*hd, (h+1)*hd): (B, T, E) -> (B, H, T, hd) views.
    auto headsOf = [&](const Tensor& x, int64_t part, int64_t T) {
        const Tensor w = m_inW.narrow(0, part * E, E);
        const Tensor b = m_inB.defined() ? m_inB.narrow(0, part * E, E) : Tensor();
        return project(x, w, b).view({B, T, H, hd}).transpose(1, 2);
    };
    AttentionOptions opts;
    opts.attnMask = mask;
    opts.maskKind = MaskKind::Additive;
    opts.dropoutP = isTraining() ? float(m_dropout) : 0.0f;
    opts.generator = m_gen;
    AttentionResult att = scaledDotProductAttention(headsOf(q, 0, Tq), headsOf(k, 1, Tk), headsOf(v, 2, Tk), opts);

    // (B, H, Tq, hd) laid out as (B, Tq, H, hd): back to (B, Tq, E) without a copy.
    Tensor out = (*m_out)(att.output.transpose(1, 2).reshape({B, Tq, E}));
    if (!batched) out = out.squeeze(0);
    else if (!m_batchFirst) out = out.transpose(0, 1);
    if (m_keep) m_lastWeights = batched ? att.weights.detach() : att.weights.detach().squeeze(0);

    AttentionResult r;
    r.output = out;
    if (args.needWeights) {
        Tensor w = att.weights;
        if (args.averageAttnWeights) w = div(sum(w, 1), float(H));  // torch: sum(dim=1) / num_heads
        r.weights = batched ? w : w.squeeze(0);
    }
    return r;
}

}  // namespace gradlab
