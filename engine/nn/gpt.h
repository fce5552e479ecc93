// GPT: a decoder-only transformer over tokens (GPT-2's layout, pre-norm), small enough to train on
// a laptop, with a key/value cache for generation and the usual samplers (temperature, top-k,
// top-p). Parameter names (tests/bench/pytorch/gpt_reference.py has the PyTorch twin):
//   wte (V, E), wpe (C, E), blocks.<i>.{ln1, attn.qkv, attn.proj, ln2, mlp.fc, mlp.proj}, ln_f,
//   head (V, E) only when the head is not tied to wte.
// forward: x = wte[idx] + wpe[0..T); per block x += attn(ln1(x)); x += mlp(ln2(x));
// logits = ln_f(x) head^T (head = wte when tied). Attention is causal, GELU exact, no dropout.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "engine/core/rng.h"
#include "engine/nn/embedding.h"
#include "engine/nn/layer_norm.h"
#include "engine/nn/linear.h"

namespace gradlab {

struct GPTOptions {
    int64_t vocab = 96;
    int64_t context = 64;  // C: the longest sequence (learned positions)
    int64_t layers = 4;
    int64_t width = 128;   // E, a multiple of heads
    int64_t heads = 4;
    bool tiedHead = true;  // logits through wte^T (no head parameter)
};

// The keys and values every layer has computed for the tokens so far, (B, H, C, d) per layer.
struct KVCache {
    std::vector<Tensor> keys, values;
    int64_t length = 0;  // positions filled
};

class CausalSelfAttention : public Module {
public:
    CausalSelfAttention(int64_t width, int64_t heads, Generator& gen);
    // x: (B, T, E) -> (B, T, E); query t sees keys 0..t.
    Tensor forward(const Tensor& x) override;
    // x: the (B, n, E) new positions after cache.length earlier ones (n = 1, or any n when the cache
    // is empty); writes their keys and values into layer `layer`'s slots of the cache.
    Tensor forwardCached(const Tensor& x, KVCache& cache, std::size_t layer);
    std::string_view typeName() const override { return "CausalSelfAttention"; }
    Linear& proj() { return *m_proj; }

    // While on, forward keeps the attention weights (B, H, T, T), detached.
    void setKeepWeights(bool on) { m_keep = on; }
    const Tensor& lastWeights() const { return m_weights; }

private:
    int64_t m_width, m_heads;
    std::shared_ptr<Linear> m_qkv, m_proj;
    bool m_keep = false;
    Tensor m_weights;
};

// The position-wise feed-forward part of a block: proj(gelu(fc(x))), 4E hidden units.
class GPTMlp : public Module {
public:
    GPTMlp(int64_t width, Generator& gen);
    Tensor forward(const Tensor& x) override;
    std::string_view typeName() const override { return "GPTMlp"; }
    Linear& proj() { return *m_proj; }

private:
    std::shared_ptr<Linear> m_fc, m_proj;
};

class GPTBlock : public Module {
public:
    GPTBlock(int64_t width, int64_t heads, Generator& gen);
    Tensor forward(const Tensor& x) override;
    Tensor forwardCached(const Tensor& x, KVCache& cache, std::size_t layer);
    std::string_view typeName() const override { return "GPTBlock"; }
    CausalSelfAttention& attn() { return *m_attn; }
    GPTMlp& mlp() { return *m_mlp; }

private:
    std::shared_ptr<LayerNorm> m_ln1, m_ln2;
    std::shared_ptr<CausalSelfAttention> m_attn;
    std::shared_ptr<GPTMlp> m_mlp;
};

class GPT : public Module {
public:
    // Linear weights and both embeddings ~ N(0, 0.02), the two residual projections of each block
    // ~ N(0, 0.02 / sqrt(2 layers)), biases 0, LayerNorms 1 and 0.
    GPT(const GPTOptions& options, Generator& gen);

    // idx: (B, T) token ids as floats, T <= context -> logits (B, T, vocab).
    Tensor forward(const Tensor& idx) override;
    std::string_view typeName() const override { return "GPT"; }

    // Appends the tokens idx (B, n) to the cache and returns their logits (B, n, vocab): n = 1
    // after earlier tokens, or any n <= context into an empty cache. No gradients.
    Tensor forwardCached(const Tensor& idx, KVCache& cache);
    KVCache makeCache(int64_t batch) const;

    const GPTOptions& options() const { return m_opt; }
    GPTBlock& block(int64_t i) { return *m_blocks[std::size_t(i)]; }
    const Tensor& tokenEmbedding() const { return m_wte->weight(); }
    // For pictures: every layer keeps its attention weights (B, H, T, T) of the last forward.
    void setKeepAttentionWeights(bool on);
    const Tensor& attentionWeights(int64_t layer) { return block(layer).attn().lastWeights(); }
    int64_t parameterCount() const;

private:
    Tensor logitsOf(const Tensor& h);
    Tensor embed(const Tensor& idx, int64_t firstPosition);

    GPTOptions m_opt;
    std::shared_ptr<Embedding> m_wte, m_wpe;
    std::vector<std::shared_ptr<GPTBlock>> m_blocks;
    std::shared_ptr<LayerNorm> m_lnF;
    std::shared_ptr<Linear> m_head;  // null when tied
};

// How the next token is drawn from a row of logits.
struct SamplingOptions {
    double temperature = 1.0;  // 0: always the most likely token (greedy)
    int64_t topK = 0;          // keep only the k most likely (0: all)
    double topP = 1.0;         // keep the smallest set of most likely tokens whose mass reaches p
};

// The probabilities sampling draws from (temperature, top-k, top-p applied, renormalised); with
// temperature 0 all the mass sits on the most likely token (the lowest index among ties).
std::vector<double> samplingDistribution(const std::vector<float>& logits, const SamplingOptions& options);
// One token from logits: greedy for temperature 0 (no random number drawn), else one draw of gen.
int64_t sampleToken(const std::vector<float>& logits, const SamplingOptions& options, Generator& gen);

// Continues `prompt` (at least one token) by `count` tokens, calling onToken(token, probabilities
// it was drawn from) for each. With the cache each new token costs one position; when the context
// is full the cache restarts from the last context/2 tokens. Without it every token runs the whole
// window of the last `context` tokens. Runs in eval mode, no gradients.
using TokenCallback = std::function<void(int64_t token, const std::vector<double>& probabilities)>;
std::vector<int64_t> generate(GPT& model, const std::vector<int64_t>& prompt, int64_t count, const SamplingOptions& options,
                              Generator& gen, bool useCache = true, const TokenCallback& onToken = {});

}  // namespace gradlab
