// MultiheadAttention (torch.nn.MultiheadAttention, PyTorch 1.13): parameters in_proj_weight
// (3E, E), in_proj_bias (3E) and out_proj (Linear E -> E), heads split as torch does (head h uses
// features h*E/H .. (h+1)*E/H of each projection), the same masks and the same returned weights.
// Not supported: kdim/vdim != embed_dim, add_bias_kv, add_zero_attn.
#pragma once

#include <memory>

#include "engine/core/rng.h"
#include "engine/nn/linear.h"
#include "engine/nn/module.h"
#include "engine/ops/transformer_ops.h"

namespace gradlab {

struct MultiheadAttentionArgs {
    // (B, Tk) (or (Tk) for unbatched input): which keys each batch element ignores. Block is torch's
    // bool mask (1 = ignore), Additive torch's float mask (added to the scores); Keep (1 = attend)
    // is accepted too.
    Tensor keyPaddingMask;
    MaskKind keyPaddingMaskKind = MaskKind::Block;
    // (Tq, Tk) or (B * numHeads, Tq, Tk): which keys each query may see; kinds as above. Given both
    // masks are added (each as 0 / -inf when not Additive).
    Tensor attnMask;
    MaskKind attnMaskKind = MaskKind::Block;
    bool needWeights = true;         // return the attention weights
    bool averageAttnWeights = true;  // averaged over heads (B, Tq, Tk), else per head (B, H, Tq, Tk)
};

class MultiheadAttention : public Module {
public:
    // in_proj_weight ~ xavier_uniform, in_proj_bias = 0, out_proj.weight as Linear, out_proj.bias = 0.
    // dropout: on the attention weights, in training mode (gen draws the masks; it must outlive us).
    MultiheadAttention(int64_t embedDim, int64_t numHeads, Generator& gen, double dropout = 0.0, bool bias = true,
                       bool batchFirst = true);

    // query: (B, Tq, E) (batchFirst) or (Tq, B, E), or unbatched (Tq, E); key, value: same with Tk.
    // output: like query. weights (when args.needWeights): (B, Tq, Tk) averaged over heads or
    // (B, H, Tq, Tk) per head, without the batch dim for unbatched input; undefined otherwise.
    AttentionResult forward(const Tensor& query, const Tensor& key, const Tensor& value,
                            const MultiheadAttentionArgs& args = {});
    // Self-attention without masks: forward(x, x, x).output (forward hooks see x and that output).
    Tensor forward(const Tensor& x) override;
    std::string_view typeName() const override { return "MultiheadAttention"; }

    // For lessons that draw attention: while on, every forward keeps its per-head weights
    // (B, H, Tq, Tk) (unbatched: (H, Tq, Tk)), detached, in lastWeights(), whatever needWeights
    // says (the weights are computed anyway, so this costs nothing but the memory).
    void setKeepWeights(bool on);
    bool keepsWeights() const { return m_keep; }
    const Tensor& lastWeights() const { return m_lastWeights; }

    int64_t embedDim() const { return m_embed; }
    int64_t numHeads() const { return m_heads; }
    int64_t headDim() const { return m_embed / m_heads; }
    bool batchFirst() const { return m_batchFirst; }
    double dropout() const { return m_dropout; }
    void setDropout(double p);  // must be in [0, 1]
    const Tensor& inProjWeight() const { return m_inW; }
    const Tensor& inProjBias() const { return m_inB; }  // undefined without bias
    Linear& outProj() const { return *m_out; }

private:
    int64_t m_embed, m_heads;
    double m_dropout;
    bool m_batchFirst;
    Generator* m_gen;
    Tensor m_inW, m_inB;
    std::shared_ptr<Linear> m_out;
    bool m_keep = false;
    Tensor m_lastWeights;
};

}  // namespace gradlab
