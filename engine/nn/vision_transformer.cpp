// VisionTransformer: TinyViT's forward, module for module.
#include "engine/nn/vision_transformer.h"

#include "engine/core/error.h"
#include "engine/init/init.h"
#include "engine/nn/patch_embedding.h"
#include "engine/ops/ops.h"

namespace gradlab {

VisionTransformer::VisionTransformer(Generator& gen, const VisionTransformerOptions& o) : m_opt(o) {
    GL_CHECK(o.patchSize > 0 && o.imageSize >= o.patchSize, "VisionTransformer: the image (", o.imageSize,
             ") must hold at least one patch of ", o.patchSize);
    GL_CHECK(o.inChannels > 0 && o.depth >= 0 && o.numClasses > 0, "VisionTransformer: channels and classes must be positive");
    const int64_t side = o.imageSize / o.patchSize;
    m_numPatches = side * side;
    m_cls = registerParameter("cls", zeros({1, 1, o.dim}));
    Tensor pos = empty({1, 1 + m_numPatches, o.dim});
    init::normal_(pos, gen, 0.0, 0.02);
    m_pos = registerParameter("pos", pos);
    m_embed = registerModule("embed", std::make_shared<Linear>(o.inChannels * o.patchSize * o.patchSize, o.dim, true, gen));
    m_enc = registerModule("enc", std::make_shared<Sequential>());
    TransformerEncoderLayerOptions lo;
    lo.dimFeedforward = o.mlpDim;
    lo.dropout = o.dropout;
    lo.activation = "gelu";
    lo.normFirst = true;
    for (int64_t i = 0; i < o.depth; ++i) m_enc->add(std::make_shared<TransformerEncoderLayer>(o.dim, o.heads, gen, lo));
    m_norm = registerModule("norm", std::make_shared<LayerNorm>(o.dim));
    m_head = registerModule("head", std::make_shared<Linear>(o.dim, o.numClasses, true, gen));
}

TransformerEncoderLayer& VisionTransformer::layer(int64_t i) const {
    GL_CHECK(i >= 0 && i < m_opt.depth, "VisionTransformer: no layer ", i, " (depth ", m_opt.depth, ")");
    return static_cast<TransformerEncoderLayer&>((*m_enc)[i]);
}

void VisionTransformer::setKeepAttentionWeights(bool on) {
    for (int64_t i = 0; i < m_opt.depth; ++i) layer(i).setKeepAttentionWeights(on);
}

Tensor VisionTransformer::forward(const Tensor& x) {
    const int64_t S = m_opt.imageSize, C = m_opt.inChannels;
    GL_CHECK(x.defined() && x.dim() == 4 && x.size(1) == C && x.size(2) == S && x.size(3) == S,
             "VisionTransformer: expected images of shape (N, ", C, ", ", S, ", ", S, "), got ",
             x.defined() ? shapeStr(x.shape()) : std::string("undefined"));
    const int64_t B = x.size(0);
    Tensor t = (*m_embed)(extractPatches(x, m_opt.patchSize));  // (B, numPatches, dim)
    const Tensor parts[] = {m_cls.expand({B, 1, m_opt.dim}), t};
    t = add(concat(parts, 1), m_pos);
    for (int64_t i = 0; i < m_opt.depth; ++i) t = layer(i)(t);
    return (*m_head)((*m_norm)(t.select(1, 0)));
}

}  // namespace gradlab
