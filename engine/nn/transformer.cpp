// TransformerEncoderLayer: torch 1.13's forward (_sa_block, _ff_block) in pre- and post-norm form.
#include "engine/nn/transformer.h"

#include "engine/core/error.h"
#include "engine/ops/ops.h"

namespace gradlab {

TransformerEncoderLayer::TransformerEncoderLayer(int64_t dModel, int64_t nhead, Generator& gen,
                                                 const TransformerEncoderLayerOptions& o)
    : m_normFirst(o.normFirst), m_activation(o.activation) {
    GL_CHECK(o.activation == "relu" || o.activation == "gelu", "TransformerEncoderLayer: activation should be relu or gelu, not ",
             o.activation);
    GL_CHECK(o.dimFeedforward > 0, "TransformerEncoderLayer: dim_feedforward must be positive, got ", o.dimFeedforward);
    m_selfAttn = registerModule("self_attn", std::make_shared<MultiheadAttention>(dModel, nhead, gen, o.dropout, true, o.batchFirst));
    m_linear1 = registerModule("linear1", std::make_shared<Linear>(dModel, o.dimFeedforward, true, gen));
    m_dropout = registerModule("dropout", std::make_shared<Dropout>(o.dropout, gen));
    m_linear2 = registerModule("linear2", std::make_shared<Linear>(o.dimFeedforward, dModel, true, gen));
    m_norm1 = registerModule("norm1", std::make_shared<LayerNorm>(dModel, o.layerNormEps));
    m_norm2 = registerModule("norm2", std::make_shared<LayerNorm>(dModel, o.layerNormEps));
    m_dropout1 = registerModule("dropout1", std::make_shared<Dropout>(o.dropout, gen));
    m_dropout2 = registerModule("dropout2", std::make_shared<Dropout>(o.dropout, gen));
}

void TransformerEncoderLayer::setDropout(double p) {
    GL_CHECK(p >= 0.0 && p <= 1.0, "TransformerEncoderLayer: dropout probability has to be between 0 and 1, but got ", p);
    m_selfAttn->setDropout(p);
    m_dropout->setP(p);
    m_dropout1->setP(p);
    m_dropout2->setP(p);
}

Tensor TransformerEncoderLayer::selfAttentionBlock(const Tensor& x, const MultiheadAttentionArgs& args) {
    return (*m_dropout1)(m_selfAttn->forward(x, x, x, args).output);
}

Tensor TransformerEncoderLayer::feedForwardBlock(const Tensor& x) {
    Tensor h = (*m_linear1)(x);
    h = m_activation == "gelu" ? gelu(h) : relu(h);
    return (*m_dropout2)((*m_linear2)((*m_dropout)(h)));
}

Tensor TransformerEncoderLayer::forward(const Tensor& src) { return forward(src, Tensor(), Tensor()); }

Tensor TransformerEncoderLayer::forward(const Tensor& src, const Tensor& srcMask, const Tensor& srcKeyPaddingMask,
                                        MaskKind srcMaskKind, MaskKind keyPaddingMaskKind) {
    MultiheadAttentionArgs args;
    args.attnMask = srcMask;
    args.attnMaskKind = srcMaskKind;
    args.keyPaddingMask = srcKeyPaddingMask;
    args.keyPaddingMaskKind = keyPaddingMaskKind;
    args.needWeights = false;
    Tensor x = src;
    if (m_normFirst) {
        x = add(x, selfAttentionBlock((*m_norm1)(x), args));
        x = add(x, feedForwardBlock((*m_norm2)(x)));
    } else {
        x = (*m_norm1)(add(x, selfAttentionBlock(x, args)));
        x = (*m_norm2)(add(x, feedForwardBlock(x)));
    }
    return x;
}

}  // namespace gradlab
