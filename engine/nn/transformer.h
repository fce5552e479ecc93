// TransformerEncoderLayer (torch.nn.TransformerEncoderLayer, PyTorch 1.13): self-attention and a
// feed-forward block, each with a residual connection and a LayerNorm, post-norm (torch's default)
// or pre-norm (normFirst). Submodules and parameter names are torch's, so a state_dict copied from
// torch gives the same outputs.
#pragma once

#include <memory>
#include <string>

#include "engine/core/rng.h"
#include "engine/nn/attention.h"
#include "engine/nn/dropout.h"
#include "engine/nn/layer_norm.h"
#include "engine/nn/linear.h"

namespace gradlab {

struct TransformerEncoderLayerOptions {
    int64_t dimFeedforward = 2048;
    double dropout = 0.1;
    std::string activation = "relu";  // "relu" or "gelu" (exact erf form)
    double layerNormEps = 1e-5;
    bool batchFirst = true;  // torch's default is false; ours is (B, T, E)
    bool normFirst = false;
};

class TransformerEncoderLayer : public Module {
public:
    // Children, in torch's order: self_attn, linear1, dropout, linear2, norm1, norm2, dropout1,
    // dropout2. gen initialises the weights and draws the dropout masks (it must outlive the layer).
    TransformerEncoderLayer(int64_t dModel, int64_t nhead, Generator& gen, const TransformerEncoderLayerOptions& options = {});

    // src: (B, T, E) (batchFirst) or (T, B, E), or unbatched (T, E) -> same shape.
    // post-norm: x = norm1(x + sa(x)); x = norm2(x + ff(x))
    // pre-norm:  x = x + sa(norm1(x)); x = x + ff(norm2(x))
    // with sa = dropout1(self_attn(x, x, x)), ff = dropout2(linear2(dropout(act(linear1(x))))).
    Tensor forward(const Tensor& src) override;
    // srcMask: (T, T) or (B * nhead, T, T); srcKeyPaddingMask: (B, T); Block or Additive, as in
    // MultiheadAttentionArgs.
    Tensor forward(const Tensor& src, const Tensor& srcMask, const Tensor& srcKeyPaddingMask,
                   MaskKind srcMaskKind = MaskKind::Block, MaskKind keyPaddingMaskKind = MaskKind::Block);
    std::string_view typeName() const override { return "TransformerEncoderLayer"; }

    // For lessons that draw attention: while on, each forward keeps the self-attention's per-head
    // weights (B, nhead, T, T), detached, in attentionWeights() (see MultiheadAttention::setKeepWeights).
    void setKeepAttentionWeights(bool on) { m_selfAttn->setKeepWeights(on); }
    const Tensor& attentionWeights() const { return m_selfAttn->lastWeights(); }

    MultiheadAttention& selfAttn() const { return *m_selfAttn; }
    Linear& linear1() const { return *m_linear1; }
    Linear& linear2() const { return *m_linear2; }
    LayerNorm& norm1() const { return *m_norm1; }
    LayerNorm& norm2() const { return *m_norm2; }
    bool normFirst() const { return m_normFirst; }
    const std::string& activation() const { return m_activation; }
    // Sets p of all four dropouts (self_attn's and dropout, dropout1, dropout2), like the constructor.
    void setDropout(double p);

private:
    Tensor selfAttentionBlock(const Tensor& x, const MultiheadAttentionArgs& args);
    Tensor feedForwardBlock(const Tensor& x);

    std::shared_ptr<MultiheadAttention> m_selfAttn;
    std::shared_ptr<Linear> m_linear1, m_linear2;
    std::shared_ptr<Dropout> m_dropout, m_dropout1, m_dropout2;
    std::shared_ptr<LayerNorm> m_norm1, m_norm2;
    bool m_normFirst;
    std::string m_activation;
};

}  // namespace gradlab
