// VisionTransformer: the tiny ViT of tools/pytorch/gradlab_models.py (TinyViT) with its
// parameter names (cls, pos, embed, enc.<i>, norm, head), so a torch state_dict loads as is:
// image -> P x P patches -> Linear -> [CLS] + patch tokens + learned positions -> pre-norm encoder
// layers (GELU) -> LayerNorm -> Linear on the CLS token.
#pragma once

#include <memory>

#include "engine/core/rng.h"
#include "engine/nn/layer_norm.h"
#include "engine/nn/linear.h"
#include "engine/nn/sequential.h"
#include "engine/nn/transformer.h"

namespace gradlab {

struct VisionTransformerOptions {
    int64_t imageSize = 28, patchSize = 7, inChannels = 1;
    int64_t dim = 64, depth = 2, heads = 4, mlpDim = 256, numClasses = 10;
    double dropout = 0.0;
};

class VisionTransformer : public Module {
public:
    // cls: (1, 1, dim) zeros; pos: (1, 1 + numPatches, dim) ~ N(0, 0.02^2); embed: Linear(C*P*P -> dim);
    // enc: depth TransformerEncoderLayers (pre-norm, GELU, batch first); norm; head: Linear(dim -> classes).
    VisionTransformer(Generator& gen, const VisionTransformerOptions& options = {});

    // x: (N, C, imageSize, imageSize) -> logits (N, numClasses)
    Tensor forward(const Tensor& x) override;
    std::string_view typeName() const override { return "VisionTransformer"; }

    int64_t numPatches() const { return m_numPatches; }
    const VisionTransformerOptions& options() const { return m_opt; }
    TransformerEncoderLayer& layer(int64_t i) const;
    // For lessons: every layer keeps its last per-head attention weights (N, heads, 1 + numPatches,
    // 1 + numPatches) while on; token 0 is CLS, token 1 + r * (W / P) + c the patch at (r, c).
    void setKeepAttentionWeights(bool on);
    const Tensor& attentionWeights(int64_t layer) const { return this->layer(layer).attentionWeights(); }

private:
    VisionTransformerOptions m_opt;
    int64_t m_numPatches;
    Tensor m_cls, m_pos;
    std::shared_ptr<Linear> m_embed, m_head;
    std::shared_ptr<Sequential> m_enc;
    std::shared_ptr<LayerNorm> m_norm;
};

}  // namespace gradlab
