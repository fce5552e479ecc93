// GPT: the blocks, the cached forward for generation and the samplers.
#include "engine/nn/gpt.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include "engine/autograd/autograd.h"
#include "engine/core/error.h"
#include "engine/init/init.h"
#include "engine/nn/sequential.h"
#include "engine/ops/ops.h"
#include "engine/ops/transformer_ops.h"

namespace gradlab {

CausalSelfAttention::CausalSelfAttention(int64_t width, int64_t heads, Generator& gen) : m_width(width), m_heads(heads) {
    GL_CHECK(heads > 0 && width % heads == 0, "GPT: the width (", width, ") must be a multiple of the heads (", heads, ")");
    m_qkv = registerModule("qkv", std::make_shared<Linear>(width, 3 * width, true, gen));
    m_proj = registerModule("proj", std::make_shared<Linear>(width, width, true, gen));
}

namespace {
// (B, T, 3E) -> q, k, v as (B, H, T, d) views.
std::array<Tensor, 3> splitHeads(const Tensor& qkv, int64_t heads) {
    const Shape& s = qkv.shape();
    const int64_t B = s[0], T = s[1], d = s[2] / 3 / heads;
    const Tensor h = permute(view(qkv, {B, T, 3, heads, d}), {2, 0, 3, 1, 4});  // (3, B, H, T, d)
    return {select(h, 0, 0), select(h, 0, 1), select(h, 0, 2)};
}
// (B, H, T, d) -> (B, T, E)
Tensor mergeHeads(const Tensor& o) {
    const Shape& s = o.shape();
    return reshape(transpose(o, 1, 2), {s[0], s[2], s[1] * s[3]});
}
}  // namespace

Tensor CausalSelfAttention::forward(const Tensor& x) {
    auto [q, k, v] = splitHeads((*m_qkv)(x), m_heads);
    AttentionOptions o;
    o.isCausal = true;
    AttentionResult r = scaledDotProductAttention(q, k, v, o);
    if (m_keep) m_weights = r.weights.detach();
    return (*m_proj)(mergeHeads(r.output));
}

Tensor CausalSelfAttention::forwardCached(const Tensor& x, KVCache& cache, std::size_t layer) {
    const int64_t n = x.shape()[1], past = cache.length;
    GL_CHECK(n == 1 || past == 0, "GPT: a cached forward takes one new position, or any number into an empty cache");
    auto [q, k, v] = splitHeads((*m_qkv)(x), m_heads);
    narrow(cache.keys[layer], 2, past, n).copy_(k);
    narrow(cache.values[layer], 2, past, n).copy_(v);
    AttentionOptions o;
    o.isCausal = n > 1;  // one new query sees every key so far
    AttentionResult r = scaledDotProductAttention(q, narrow(cache.keys[layer], 2, 0, past + n),
                                                  narrow(cache.values[layer], 2, 0, past + n), o);
    if (m_keep) m_weights = r.weights.detach();
    return (*m_proj)(mergeHeads(r.output));
}

GPTMlp::GPTMlp(int64_t width, Generator& gen) {
    m_fc = registerModule("fc", std::make_shared<Linear>(width, 4 * width, true, gen));
    m_proj = registerModule("proj", std::make_shared<Linear>(4 * width, width, true, gen));
}

Tensor GPTMlp::forward(const Tensor& x) { return (*m_proj)(gelu((*m_fc)(x))); }

GPTBlock::GPTBlock(int64_t width, int64_t heads, Generator& gen) {
    m_ln1 = registerModule("ln1", std::make_shared<LayerNorm>(width));
    m_attn = registerModule("attn", std::make_shared<CausalSelfAttention>(width, heads, gen));
    m_ln2 = registerModule("ln2", std::make_shared<LayerNorm>(width));
    m_mlp = registerModule("mlp", std::make_shared<GPTMlp>(width, gen));
}

Tensor GPTBlock::forward(const Tensor& x) {
    Tensor h = add(x, m_attn->forward((*m_ln1)(x)));
    return add(h, (*m_mlp)((*m_ln2)(h)));
}

Tensor GPTBlock::forwardCached(const Tensor& x, KVCache& cache, std::size_t layer) {
    Tensor h = add(x, m_attn->forwardCached((*m_ln1)(x), cache, layer));
    return add(h, (*m_mlp)((*m_ln2)(h)));
}

GPT::GPT(const GPTOptions& o, Generator& gen) : m_opt(o) {
    GL_CHECK(o.vocab > 0 && o.context > 0 && o.layers > 0 && o.width > 0, "GPT: sizes must be positive");
    m_wte = registerModule("wte", std::make_shared<Embedding>(o.vocab, o.width, gen));
    m_wpe = registerModule("wpe", std::make_shared<Embedding>(o.context, o.width, gen));
    auto blocks = registerModule("blocks", std::make_shared<Sequential>());  // children "0", "1", ...
    for (int64_t i = 0; i < o.layers; ++i) {
        m_blocks.push_back(std::make_shared<GPTBlock>(o.width, o.heads, gen));
        blocks->add(m_blocks.back());
    }
    m_lnF = registerModule("ln_f", std::make_shared<LayerNorm>(o.width));
    if (!o.tiedHead) m_head = registerModule("head", std::make_shared<Linear>(o.width, o.vocab, false, gen));

    // GPT-2's initialisation, drawn in parameter order.
    NoGradGuard ng;
    const double residualStd = 0.02 / std::sqrt(2.0 * double(o.layers));
    for (auto& [name, p] : namedParameters()) {
        Tensor t = p;
        const bool residual = name.ends_with("attn.proj.weight") || name.ends_with("mlp.proj.weight");
        if (p.dim() >= 2)
            init::normal_(t, gen, 0.0, residual ? residualStd : 0.02);
        else if (name.ends_with("bias") && name.find("ln") == std::string::npos)
            init::zeros_(t);
    }
}

Tensor GPT::embed(const Tensor& idx, int64_t firstPosition) {
    const int64_t T = idx.shape()[1];
    GL_CHECK(firstPosition + T <= m_opt.context, "GPT: ", firstPosition + T, " positions do not fit the context of ",
             m_opt.context);
    const Tensor pos = narrow(m_wpe->weight(), 0, firstPosition, T);  // (T, E), broadcast over the batch
    return add(m_wte->forward(idx), pos);
}

Tensor GPT::logitsOf(const Tensor& h) {
    const Tensor x = (*m_lnF)(h);
    return m_head ? (*m_head)(x) : matmul(x, transpose(m_wte->weight(), 0, 1));
}

Tensor GPT::forward(const Tensor& idx) {
    GL_CHECK(idx.dim() == 2, "GPT: expects token ids (B, T), got ", idx.dim(), " dims");
    Tensor h = embed(idx, 0);
    for (auto& b : m_blocks) h = b->forward(h);
    return logitsOf(h);
}

KVCache GPT::makeCache(int64_t batch) const {
    KVCache c;
    const int64_t d = m_opt.width / m_opt.heads;
    for (int64_t i = 0; i < m_opt.layers; ++i) {
        c.keys.push_back(zeros({batch, m_opt.heads, m_opt.context, d}, m_wte->weight().device()));
        c.values.push_back(zeros({batch, m_opt.heads, m_opt.context, d}, m_wte->weight().device()));
    }
    return c;
}

Tensor GPT::forwardCached(const Tensor& idx, KVCache& cache) {
    NoGradGuard ng;
    GL_CHECK(idx.dim() == 2, "GPT: expects token ids (B, n)");
    Tensor h = embed(idx, cache.length);
    for (std::size_t i = 0; i < m_blocks.size(); ++i) h = m_blocks[i]->forwardCached(h, cache, i);
    cache.length += idx.shape()[1];
    return logitsOf(h);
}

void GPT::setKeepAttentionWeights(bool on) {
    for (auto& b : m_blocks) b->attn().setKeepWeights(on);
}

int64_t GPT::parameterCount() const {
    int64_t n = 0;
    for (const Tensor& p : parameters()) n += p.numel();
    return n;
}

std::vector<double> samplingDistribution(const std::vector<float>& logits, const SamplingOptions& o) {
    const std::size_t V = logits.size();
    GL_CHECK(V > 0, "sampling: no logits");
    std::vector<double> p(V, 0.0);
    if (!(o.temperature > 0)) {
        p[std::size_t(std::max_element(logits.begin(), logits.end()) - logits.begin())] = 1.0;
        return p;
    }
    const double top = *std::max_element(logits.begin(), logits.end());
    double total = 0;
    for (std::size_t i = 0; i < V; ++i) total += p[i] = std::exp((double(logits[i]) - top) / o.temperature);
    for (double& x : p) x /= total;
    // Most likely first; ties by index, so the order does not depend on the sort.
    std::vector<std::size_t> order(V);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] > p[b]; });
    std::size_t keep = V;
    if (o.topK > 0) keep = std::min(keep, std::size_t(o.topK));
    if (o.topP < 1.0) {
        double mass = 0;
        std::size_t n = 0;
        while (n < keep && mass < o.topP) mass += p[order[n++]];
        keep = std::max<std::size_t>(n, 1);
    }
    double kept = 0;
    for (std::size_t r = 0; r < V; ++r) {
        if (r < keep) kept += p[order[r]];
        else p[order[r]] = 0.0;
    }
    for (double& x : p) x /= kept;
    return p;
}

namespace {
// One token from a sampling distribution: its most likely token for temperature 0 (no random
// number drawn), else one draw of gen.
int64_t drawFrom(const std::vector<double>& p, const SamplingOptions& o, Generator& gen) {
    if (!(o.temperature > 0)) return int64_t(std::max_element(p.begin(), p.end()) - p.begin());
    const double u = gen.uniformDouble();
    double c = 0;
    int64_t last = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (p[i] <= 0) continue;
        last = int64_t(i);
        c += p[i];
        if (u < c) return last;
    }
    return last;  // rounding: the last token with mass
}
}  // namespace

int64_t sampleToken(const std::vector<float>& logits, const SamplingOptions& o, Generator& gen) {
    return drawFrom(samplingDistribution(logits, o), o, gen);
}

namespace {
Tensor tokensTensor(const std::vector<int64_t>& t, std::size_t from, Device device) {
    const std::vector<float> f(t.begin() + std::ptrdiff_t(from), t.end());
    return fromData(f, {1, int64_t(f.size())}, device);
}
// The logits of the last position of (1, n, V).
std::vector<float> lastRow(const Tensor& logits) {
    const int64_t n = logits.shape()[1];
    return select(select(logits, 0, 0), 0, n - 1).toVector();
}
}  // namespace

std::vector<int64_t> generate(GPT& model, const std::vector<int64_t>& prompt, int64_t count, const SamplingOptions& options,
                              Generator& gen, bool useCache, const TokenCallback& onToken) {
    GL_CHECK(!prompt.empty(), "generate: the prompt needs at least one token");
    const bool wasTraining = model.isTraining();
    model.eval();
    NoGradGuard ng;
    const int64_t C = model.options().context;
    const Device device = model.tokenEmbedding().device();
    std::vector<int64_t> seq = prompt;
    KVCache cache;
    std::vector<float> next;
    auto refill = [&](std::size_t keep) {  // the cache from the last `keep` tokens
        cache = model.makeCache(1);
        next = lastRow(model.forwardCached(tokensTensor(seq, seq.size() - keep, device), cache));
    };
    if (useCache) refill(std::min<std::size_t>(seq.size(), std::size_t(C)));
    std::vector<int64_t> out;
    for (int64_t i = 0; i < count; ++i) {
        if (!useCache) {
            const std::size_t window = std::min<std::size_t>(seq.size(), std::size_t(C));
            next = lastRow(model.forward(tokensTensor(seq, seq.size() - window, device)));
        }
        const std::vector<double> p = samplingDistribution(next, options);  // once, for the draw and the callback
        const int64_t token = drawFrom(p, options, gen);
        if (onToken) onToken(token, p);
        seq.push_back(token);
        out.push_back(token);
        if (useCache && i + 1 < count) {
            if (cache.length == C)
                refill(std::size_t(C / 2));
            else
                next = lastRow(model.forwardCached(tokensTensor(seq, seq.size() - 1, device), cache));
        }
    }
    model.train(wasTraining);
    return out;
}

}  // namespace gradlab
