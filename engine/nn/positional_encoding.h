// Position information for transformers: the fixed sinusoidal encoding of "Attention Is All You
// Need" (a buffer, not trained) and a learned positional embedding (a parameter), each added to
// the token embeddings x: (B, T, d) or (T, d), T <= maxLen.
#pragma once

#include "engine/core/rng.h"
#include "engine/nn/module.h"

namespace gradlab {

class SinusoidalPositionalEncoding : public Module {
public:
    // Buffer "pe": (maxLen, dModel), pe[pos, 2i] = sin(pos / 10000^(2i/d)), pe[pos, 2i+1] = cos(same),
    // computed in float32 as the PyTorch tutorial does: div = exp(2i * (-ln(10000) / d)), sin(pos * div).
    SinusoidalPositionalEncoding(int64_t dModel, int64_t maxLen = 5000);

    Tensor forward(const Tensor& x) override;  // x + pe[:T]
    std::string_view typeName() const override { return "SinusoidalPositionalEncoding"; }
    const Tensor& pe() const { return m_pe; }

private:
    int64_t m_d, m_maxLen;
    Tensor m_pe;
};

class LearnedPositionalEmbedding : public Module {
public:
    // Parameter "weight": (maxLen, dModel) ~ N(0, std^2) (0.02, as ViT and GPT-2).
    LearnedPositionalEmbedding(int64_t maxLen, int64_t dModel, Generator& gen, double std = 0.02);

    Tensor forward(const Tensor& x) override;  // x + weight[:T]
    std::string_view typeName() const override { return "LearnedPositionalEmbedding"; }
    const Tensor& weight() const { return m_weight; }

private:
    int64_t m_d, m_maxLen;
    Tensor m_weight;
};

}  // namespace gradlab
