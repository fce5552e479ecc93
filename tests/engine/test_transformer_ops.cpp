// Transformer modules against PyTorch 1.13 (tests/data/gen_transformer_golden.py): MultiheadAttention
// and TransformerEncoderLayer (pre/post norm, relu/gelu) with weights copied from torch, forward
// values, attention weights and every gradient; state_dict names; positional encodings; patch
// embedding; the documented ways to read attention weights; attention on strided heads, masks and
// dropout; argument checks. (The file's layer_norm, embedding and sdpa cases are compared in
// test_ops_golden.)
#include <QtTest>

#include <cmath>
#include <limits>

#include "common/check.h"
#include "engine/core/error.h"
#include "engine/nn/attention.h"
#include "engine/nn/embedding.h"
#include "engine/nn/layer_norm.h"
#include "engine/nn/patch_embedding.h"
#include "engine/nn/positional_encoding.h"
#include "engine/nn/transformer.h"
#include "engine/nn/vision_transformer.h"
#include "engine/ops/ops.h"
#include "engine/ops/transformer_ops.h"

using namespace gradlab;
using nlohmann::json;

namespace {

// Ops: 1e-5 relative as everywhere; modules: 1e-4 relative (several GEMMs and a softmax deep).
constexpr double kOpRtol = 1e-5;
constexpr double kModRtol = 1e-4, kModAtol = 1e-5;

std::vector<float> floats(const json& a) {
    std::vector<float> v;
    for (const auto& x : a) v.push_back(float(x.get<double>()));
    return v;
}
std::vector<double> doubles(const json& a) {
    std::vector<double> v;
    for (const auto& x : a) v.push_back(x.get<double>());
    return v;
}
Shape shapeOf(const json& a) {
    Shape s;
    for (const auto& x : a) s.push_back(x.get<int64_t>());
    return s;
}
Tensor tensor(const json& values, const Shape& shape, bool grad = false) {
    Tensor t = fromData(floats(values), shape);
    if (grad) t.setRequiresGrad();
    return t;
}
std::vector<std::string> names(const Module::NamedTensors& t) {
    std::vector<std::string> out;
    for (const auto& [n, x] : t) out.push_back(n);
    return out;
}
// A tensor's values as the doubles GL_COMPARE_CLOSE expects (for comparisons between two of ours).
std::vector<double> dbl(const Tensor& t) {
    std::vector<float> f = t.toVector();
    return std::vector<double>(f.begin(), f.end());
}
std::vector<std::string> strings(const json& a) {
    std::vector<std::string> v;
    for (const auto& x : a) v.push_back(x.get<std::string>());
    return v;
}

// Copies torch's parameters (by name) into the module and checks the names are exactly torch's.
void loadParams(Module& m, const json& params) {
    std::map<std::string, Tensor> dict;
    for (const auto& [name, t] : m.namedParameters()) {
        QVERIFY2(params.contains(name), qPrintable(QString::fromStdString("torch has no parameter " + name)));
        dict[name] = fromData(floats(params[name]), t.shape());
    }
    QCOMPARE(dict.size(), params.size());
    m.loadStateDict(dict);
}

void compareGrads(const Module& m, const json& grads) {
    for (const auto& [name, t] : m.namedParameters()) {
        QVERIFY2(t.grad().defined(), qPrintable(QString::fromStdString(name + " got no gradient")));
        std::string why;
        QVERIFY2(test::allClose(t.grad(), doubles(grads[name]), kModRtol, kModAtol, &why),
                 qPrintable(QString::fromStdString(name + ": " + why)));
    }
}

}  // namespace

class TestTransformerOps : public QObject {
    Q_OBJECT
private slots:
    // ---------------------------------------------------------------- ops
    void layerNormOfATransposedInput() {
        Generator gen(3);
        Tensor base = randn({6, 4}, gen);
        Tensor xt = base.t();  // (4, 6), not contiguous
        Tensor a = layerNorm(xt, {6}), b = layerNorm(xt.contiguous(), {6});
        QCOMPARE(a.toVector(), b.toVector());
        // Each row has mean 0 and biased variance 1 / (1 + eps / var) ~ 1.
        for (int64_t r = 0; r < 4; ++r) {
            Tensor row = a.select(0, r);
            QVERIFY(std::fabs(mean(row).item()) < 1e-6);
            QVERIFY(std::fabs(var(row, false).item() - 1.0f) < 1e-3);
        }
    }

    void embeddingChecksIndices() {
        Tensor w = zeros({3, 2});
        QVERIFY_THROWS_EXCEPTION(Error, embedding(fromData({0.0f, 3.0f}), w));
        QVERIFY_THROWS_EXCEPTION(Error, embedding(fromData({0.5f}), w));
        QVERIFY_THROWS_EXCEPTION(Error, embedding(fromData({0.0f}), w, 3));
        QVERIFY_THROWS_EXCEPTION(Error, embedding(fromData({0.0f}), zeros({3})));
    }

    // Head views of one (B, T, H, d) buffer, as MultiheadAttention makes them: the same numbers as
    // contiguous copies, an output whose transpose back is contiguous, and the same gradients.
    void attentionOnStridedHeadViews() {
        Generator gen(5);
        const int64_t B = 2, T = 5, H = 3, d = 4;
        Tensor x = randn({B, T, 3 * H * d}, gen).setRequiresGrad();
        auto heads = [&](const Tensor& t, int64_t part) {
            return t.narrow(2, part * H * d, H * d).view({B, T, H, d}).transpose(1, 2);
        };
        AttentionOptions o;
        o.isCausal = true;
        AttentionResult a = scaledDotProductAttention(heads(x, 0), heads(x, 1), heads(x, 2), o);
        QVERIFY(a.output.transpose(1, 2).isContiguous());
        Tensor r = randn({B, H, T, d}, gen);
        sum(mul(a.output, r)).backward();
        Tensor gx = x.grad();

        Tensor x2 = x.detach().clone().setRequiresGrad();
        AttentionResult b = scaledDotProductAttention(heads(x2, 0).contiguous(), heads(x2, 1).contiguous(),
                                                      heads(x2, 2).contiguous(), o);
        QCOMPARE(a.output.toVector(), b.output.toVector());
        QCOMPARE(a.weights.toVector(), b.weights.toVector());
        sum(mul(b.output, r)).backward();
        GL_COMPARE_CLOSE(gx, dbl(x2.grad()), 1e-6, 1e-7);
    }

    void attentionMasksAndEdgeCases() {
        Generator gen(7);
        Tensor q = randn({2, 3, 4}, gen), k = randn({2, 3, 4}, gen), v = randn({2, 3, 4}, gen);
        // Causal = a Keep mask of the lower triangle = a Block mask of the upper = an additive one.
        AttentionOptions causal;
        causal.isCausal = true;
        Tensor tri = fromData({1, 0, 0, 1, 1, 0, 1, 1, 1}, {3, 3});
        AttentionOptions keepO, blockO, addO;
        keepO.attnMask = tri;
        blockO.attnMask = rsub(1.0f, tri);
        blockO.maskKind = MaskKind::Block;
        addO.attnMask = additiveMask(tri, MaskKind::Keep);
        addO.maskKind = MaskKind::Additive;
        const std::vector<float> ref = scaledDotProductAttention(q, k, v, causal).weights.toVector();
        for (const AttentionOptions* o : {&keepO, &blockO, &addO})
            QCOMPARE(scaledDotProductAttention(q, k, v, *o).weights.toVector(), ref);
        QCOMPARE(ref[1], 0.0f);  // query 0 never sees key 1
        QCOMPARE(ref[0], 1.0f);
        QCOMPARE(addO.attnMask.at({0, 1}), -std::numeric_limits<float>::infinity());

        // A fully masked row gives NaN, as in PyTorch.
        AttentionOptions none;
        none.attnMask = zeros({3, 3});
        QVERIFY(std::isnan(scaledDotProductAttention(q, k, v, none).output.at({0, 0, 0})));

        // Checks: a Keep mask with other values, mask + causal, shapes that do not fit.
        AttentionOptions bad;
        bad.attnMask = full({3, 3}, 0.5f);
        QVERIFY_THROWS_EXCEPTION(Error, scaledDotProductAttention(q, k, v, bad));
        AttentionOptions both = keepO;
        both.isCausal = true;
        QVERIFY_THROWS_EXCEPTION(Error, scaledDotProductAttention(q, k, v, both));
        AttentionOptions wrong;
        wrong.attnMask = ones({3, 4});
        QVERIFY_THROWS_EXCEPTION(Error, scaledDotProductAttention(q, k, v, wrong));
        QVERIFY_THROWS_EXCEPTION(Error, scaledDotProductAttention(q, randn({2, 3, 5}, gen), v));
        QVERIFY_THROWS_EXCEPTION(Error, scaledDotProductAttention(q, k, randn({2, 4, 4}, gen)));
        AttentionOptions drop;
        drop.dropoutP = 0.5f;  // no generator
        QVERIFY_THROWS_EXCEPTION(Error, scaledDotProductAttention(q, k, v, drop));
    }

    // Dropout on the weights: the returned weights are the dropped ones (as torch), the output is
    // weights @ v, and the same generator state gives the same result.
    void attentionDropout() {
        Generator gen(9);
        Tensor q = randn({2, 2, 6, 4}, gen), k = randn({2, 2, 6, 4}, gen), v = randn({2, 2, 6, 4}, gen);
        AttentionOptions plain;
        Tensor p = scaledDotProductAttention(q, k, v, plain).weights;
        Generator g1(42), g2(42);
        AttentionOptions o;
        o.dropoutP = 0.25f;
        o.generator = &g1;
        AttentionResult a = scaledDotProductAttention(q, k, v, o);
        o.generator = &g2;
        AttentionResult b = scaledDotProductAttention(q, k, v, o);
        QCOMPARE(a.weights.toVector(), b.weights.toVector());
        const std::vector<float> pv = p.toVector(), wv = a.weights.toVector();
        int64_t dropped = 0;
        for (std::size_t i = 0; i < pv.size(); ++i) {
            if (wv[i] == 0.0f) ++dropped;
            else QVERIFY(std::fabs(wv[i] - pv[i] / 0.75f) <= 1e-6f * std::fabs(wv[i]) + 1e-7f);
        }
        QVERIFY(dropped > 10 && dropped < 60);  // 144 draws at p = 0.25
        GL_COMPARE_CLOSE(a.output, dbl(matmul(a.weights, v)), 1e-5, 1e-6);
    }

    // ---------------------------------------------------------------- modules
    void multiheadAttentionMatchesTorch() {
        const json cases = test::loadJson("transformer_golden.json")["mha"];
        QVERIFY(!cases.empty());
        for (const json& c : cases) {
            const std::string name = c["name"];
            const int64_t E = c["E"], H = c["H"], B = c["B"], Tq = c["Tq"], Tk = c["Tk"];
            const bool bf = c["batch_first"];
            Generator gen(1);
            MultiheadAttention m(E, H, gen, 0.0, c["bias"].get<bool>(), bf);
            QCOMPARE(names(m.namedParameters()), strings(c["state_dict_keys"]));
            loadParams(m, c["params"]);
            auto shp = [&](int64_t T) { return bf ? Shape{B, T, E} : Shape{T, B, E}; };
            Tensor q = tensor(c["q"], shp(Tq), true);
            Tensor k = q, v = q;
            if (!c["self"].get<bool>()) {
                k = tensor(c["k"], shp(Tk), true);
                v = tensor(c["v"], shp(Tk), true);
            }
            MultiheadAttentionArgs args;
            args.averageAttnWeights = c["average"];
            if (c.contains("key_padding_mask")) {
                args.keyPaddingMask = tensor(c["key_padding_mask"], {B, Tk});
                args.keyPaddingMaskKind = c["key_padding_mask_kind"] == "bool" ? MaskKind::Block : MaskKind::Additive;
            }
            if (c.contains("attn_mask")) {
                args.attnMask = tensor(c["attn_mask"], shapeOf(c["attn_mask_shape"]));
                args.attnMaskKind = c["attn_mask_kind"] == "bool" ? MaskKind::Block : MaskKind::Additive;
            }
            AttentionResult r = m.forward(q, k, v, args);
            QCOMPARE(r.weights.shape(), shapeOf(c["weights_shape"]));
            std::string why;
            QVERIFY2(test::allClose(r.output, doubles(c["out"]), kModRtol, kModAtol, &why), (name + ": out " + why).c_str());
            QVERIFY2(test::allClose(r.weights, doubles(c["weights"]), kModRtol, kModAtol, &why),
                     (name + ": weights " + why).c_str());
            add(sum(mul(r.output, tensor(c["r"], r.output.shape()))), sum(mul(r.weights, tensor(c["r2"], r.weights.shape()))))
                .backward();
            QVERIFY2(test::allClose(q.grad(), doubles(c["dq"]), kModRtol, kModAtol, &why), (name + ": dq " + why).c_str());
            if (!c["self"].get<bool>()) {
                GL_COMPARE_CLOSE(k.grad(), doubles(c["dk"]), kModRtol, kModAtol);
                GL_COMPARE_CLOSE(v.grad(), doubles(c["dv"]), kModRtol, kModAtol);
            }
            compareGrads(m, c["grads"]);
        }
    }

    void encoderLayerMatchesTorch() {
        const json cases = test::loadJson("transformer_golden.json")["encoder_layer"];
        QVERIFY(!cases.empty());
        for (const json& c : cases) {
            const int64_t d = c["d"], B = c["B"], T = c["T"];
            Generator gen(2);
            TransformerEncoderLayerOptions o;
            o.dimFeedforward = c["dff"];
            o.dropout = 0.0;
            o.activation = c["activation"];
            o.normFirst = c["norm_first"];
            TransformerEncoderLayer layer(d, c["nhead"], gen, o);
            QCOMPARE(names(layer.namedParameters()), strings(c["state_dict_keys"]));
            loadParams(layer, c["params"]);
            Tensor x = tensor(c["x"], {B, T, d}, true);
            Tensor kpm = c.contains("key_padding_mask") ? tensor(c["key_padding_mask"], {B, T}) : Tensor();
            Tensor y = layer.forward(x, Tensor(), kpm);
            GL_COMPARE_CLOSE(y, doubles(c["y"]), kModRtol, kModAtol);
            sum(mul(y, tensor(c["r"], y.shape()))).backward();
            GL_COMPARE_CLOSE(x.grad(), doubles(c["dx"]), kModRtol, kModAtol);
            compareGrads(layer, c["grads"]);
        }
    }

    // The tiny ViT of the reference benchmarks end to end: torch's state_dict loads by name, and the
    // logits, the cross-entropy loss and every parameter gradient agree.
    void tinyVitMatchesTorch() {
        const json c = test::loadJson("transformer_golden.json")["tiny_vit"];
        Generator gen(3);
        VisionTransformerOptions o;
        o.dim = c["d"];
        o.depth = c["layers"];
        o.heads = c["heads"];
        o.mlpDim = c["dff"];
        o.patchSize = c["patch"];
        VisionTransformer vit(gen, o);
        QCOMPARE(names(vit.namedParameters()), strings(c["names"]));
        loadParams(vit, c["params"]);
        Tensor x = tensor(c["x"], {3, 1, 28, 28});
        Tensor logits = vit(x);
        GL_COMPARE_CLOSE(logits, doubles(c["logits"]), kModRtol, kModAtol);
        Tensor loss = crossEntropy(logits, tensor(c["labels"], {3}));
        QVERIFY(std::fabs(loss.item() - c["loss"].get<double>()) <= 1e-4 * std::fabs(c["loss"].get<double>()));
        loss.backward();
        compareGrads(vit, c["grads"]);
        vit.setKeepAttentionWeights(true);
        vit(x);
        QCOMPARE(vit.attentionWeights(1).shape(), (Shape{3, 4, 17, 17}));
    }

    void stateDictNamesAreTorchs() {
        json k = test::loadJson("transformer_golden.json")["state_dict_keys"];
        Generator gen(0);
        QCOMPARE(names(LayerNorm(4).namedParameters()), strings(k["LayerNorm"]));
        QCOMPARE(names(Embedding(3, 2, gen).namedParameters()), strings(k["Embedding"]));
        QCOMPARE(names(MultiheadAttention(4, 2, gen).namedParameters()), strings(k["MultiheadAttention"]));
        QCOMPARE(names(MultiheadAttention(4, 2, gen, 0.0, false).namedParameters()), strings(k["MultiheadAttention_nobias"]));
        TransformerEncoderLayerOptions o;
        o.dimFeedforward = 8;
        QCOMPARE(names(TransformerEncoderLayer(4, 2, gen, o).namedParameters()), strings(k["TransformerEncoderLayer"]));
        std::vector<std::string> children;
        TransformerEncoderLayer layer(4, 2, gen, o);
        for (const auto& [n, m] : layer.namedChildren()) children.push_back(n);
        QCOMPARE(children, (std::vector<std::string>{"self_attn", "linear1", "dropout", "linear2", "norm1", "norm2",
                                                     "dropout1", "dropout2"}));
    }

    // torch's initialisation: in_proj xavier_uniform, zero biases, LayerNorm ones/zeros, Embedding
    // N(0, 1) with a zero padding row.
    void defaultInitialisation() {
        Generator gen(11);
        const int64_t E = 64;
        MultiheadAttention m(E, 4, gen);
        const double bound = std::sqrt(6.0 / double(E + 3 * E));
        double maxAbs = 0.0;
        for (float w : m.inProjWeight().toVector()) maxAbs = std::max(maxAbs, double(std::fabs(w)));
        QVERIFY(maxAbs <= bound && maxAbs > 0.95 * bound);
        QCOMPARE(m.inProjBias().toVector(), std::vector<float>(3 * E, 0.0f));
        QCOMPARE(m.outProj().bias().toVector(), std::vector<float>(E, 0.0f));
        LayerNorm ln(Shape{2, 3});
        QCOMPARE(ln.weight().toVector(), std::vector<float>(6, 1.0f));
        QCOMPARE(ln.bias().toVector(), std::vector<float>(6, 0.0f));
        Embedding emb(100, 50, gen, -1);
        QCOMPARE(*emb.paddingIdx(), int64_t(99));
        QCOMPARE(emb.weight().select(0, 99).toVector(), std::vector<float>(50, 0.0f));
        const float s = std::sqrt(var(emb.weight().narrow(0, 0, 99)).item());
        QVERIFY(std::fabs(s - 1.0f) < 0.05f);
    }

    // The two documented ways for a lesson to read attention weights: the module keeps its last
    // per-head weights when asked, and MultiheadAttention::forward returns them.
    void readingAttentionWeights() {
        Generator gen(4);
        TransformerEncoderLayerOptions o;
        o.dimFeedforward = 32;
        o.dropout = 0.0;
        TransformerEncoderLayer layer(16, 4, gen, o);
        Tensor x = randn({3, 7, 16}, gen);
        layer.forward(x);
        QVERIFY(!layer.attentionWeights().defined());
        layer.setKeepAttentionWeights(true);
        Tensor y = layer.forward(x);
        const Tensor& w = layer.attentionWeights();
        QCOMPARE(w.shape(), (Shape{3, 4, 7, 7}));
        QVERIFY(!w.requiresGrad());
        // Rows are distributions, and they are the weights the layer's self-attention returns.
        Tensor rowSums = sum(w, -1);
        for (float s : rowSums.toVector()) QVERIFY(std::fabs(s - 1.0f) < 1e-5f);
        MultiheadAttentionArgs args;
        args.averageAttnWeights = false;
        AttentionResult r = layer.selfAttn().forward(x, x, x, args);
        QCOMPARE(r.weights.toVector(), w.toVector());
        args.averageAttnWeights = true;
        Tensor avg = layer.selfAttn().forward(x, x, x, args).weights;
        GL_COMPARE_CLOSE(avg, dbl(mean(w, 1)), 1e-6, 1e-7);
        layer.setKeepAttentionWeights(false);
        QVERIFY(!layer.attentionWeights().defined());
        (void)y;
    }

    // The attention weights returned by sdpa carry gradients (e.g. an entropy penalty on them).
    void gradientThroughTheWeightsOnly() {
        Generator gen(6);
        Tensor q = randn({2, 3, 4}, gen).setRequiresGrad(), k = randn({2, 5, 4}, gen).setRequiresGrad();
        Tensor v = randn({2, 5, 4}, gen).setRequiresGrad();
        AttentionResult r = scaledDotProductAttention(q, k, v);
        Tensor target = randn({2, 3, 5}, gen);
        sum(mul(r.weights, target)).backward();
        // The same gradient through the composite softmax(q k^T / 2).
        Tensor q2 = q.detach().clone().setRequiresGrad(), k2 = k.detach().clone().setRequiresGrad();
        Tensor w2 = softmax(div(matmul(q2, k2.transpose(1, 2)), 2.0f), -1);
        sum(mul(w2, target)).backward();
        GL_COMPARE_CLOSE(q.grad(), dbl(q2.grad()), 1e-5, 1e-6);
        GL_COMPARE_CLOSE(k.grad(), dbl(k2.grad()), 1e-5, 1e-6);
        QVERIFY(!v.grad().defined());
    }

    void positionalEncodings() {
        const json cases = test::loadJson("transformer_golden.json")["sinusoidal"];
        QVERIFY(!cases.empty());
        for (const json& c : cases) {
            const int64_t d = c["d"], L = c["max_len"];
            SinusoidalPositionalEncoding pe(d, L);
            GL_COMPARE_CLOSE(pe.pe(), doubles(c["pe"]), 1e-5, 2e-6);
            QVERIFY(pe.namedParameters().empty());
            QCOMPARE(names(pe.namedBuffers()), std::vector<std::string>{"pe"});
            Tensor x = ones({2, 3, d});
            Tensor y = pe(x);
            QCOMPARE(y.select(0, 1).toVector(), add(pe.pe().narrow(0, 0, 3), 1.0f).toVector());
            QVERIFY_THROWS_EXCEPTION(Error, pe(ones({2, L + 1, d})));
        }
        Generator gen(8);
        LearnedPositionalEmbedding lp(10, 4, gen);
        QCOMPARE(names(lp.namedParameters()), std::vector<std::string>{"weight"});
        Tensor x = zeros({2, 6, 4});
        Tensor y = lp(x);
        QCOMPARE(y.select(0, 0).toVector(), lp.weight().narrow(0, 0, 6).toVector());
        sum(y).backward();
        std::vector<float> g = lp.weight().grad().toVector();
        for (std::size_t i = 0; i < g.size(); ++i) QCOMPARE(g[i], i < 24 ? 2.0f : 0.0f);
    }

    void patchEmbeddingMatchesTorch() {
        const json cases = test::loadJson("transformer_golden.json")["patch_embedding"];
        QVERIFY(!cases.empty());
        for (const json& c : cases) {
            const int64_t C = c["C"], P = c["P"], dim = c["dim"];
            Generator gen(0);
            PatchEmbedding pe(P, C, dim, gen);
            QCOMPARE(names(pe.namedParameters()), (std::vector<std::string>{"proj.weight", "proj.bias"}));
            pe.loadStateDict({{"proj.weight", tensor(c["weight"], {dim, C * P * P})}, {"proj.bias", tensor(c["bias"], {dim})}});
            Tensor y = pe(tensor(c["x"], shapeOf(c["x_shape"])));
            GL_COMPARE_CLOSE(y, doubles(c["y"]), kOpRtol, 1e-5);
        }
        Generator gen(0);
        PatchEmbedding pe(7, 1, 8, gen);
        QCOMPARE(pe(zeros({3, 1, 28, 28})).shape(), (Shape{3, 16, 8}));
        QVERIFY_THROWS_EXCEPTION(Error, pe(zeros({3, 2, 28, 28})));
        QVERIFY_THROWS_EXCEPTION(Error, pe(zeros({3, 1, 6, 28})));
    }

    // The three mask kinds say the same thing three ways: a causal mask as Keep (lower triangle),
    // Block (upper triangle) and Additive (-inf above the diagonal) gives the same attention.
    void multiheadAttentionMaskKinds() {
        Generator gen(13);
        MultiheadAttention m(8, 2, gen);
        Tensor x = randn({2, 4, 8}, gen);
        std::vector<float> tri(16);
        for (int i = 0; i < 4; ++i)
            for (int j = 0; j < 4; ++j) tri[std::size_t(i * 4 + j)] = j <= i ? 1.0f : 0.0f;
        Tensor keep = fromData(tri, {4, 4});
        MultiheadAttentionArgs a, b, c;
        a.attnMask = keep;
        a.attnMaskKind = MaskKind::Keep;
        b.attnMask = rsub(1.0f, keep);
        b.attnMaskKind = MaskKind::Block;
        c.attnMask = additiveMask(keep, MaskKind::Keep);
        c.attnMaskKind = MaskKind::Additive;
        c.averageAttnWeights = a.averageAttnWeights = b.averageAttnWeights = false;
        AttentionResult ra = m.forward(x, x, x, a), rb = m.forward(x, x, x, b), rc = m.forward(x, x, x, c);
        QCOMPARE(ra.output.toVector(), rb.output.toVector());
        QCOMPARE(ra.output.toVector(), rc.output.toVector());
        QCOMPARE(ra.weights.toVector(), rc.weights.toVector());
        QCOMPARE(ra.weights.at({1, 1, 0, 1}), 0.0f);  // query 0 never sees key 1
    }

    void moduleChecks() {
        Generator gen(0);
        QVERIFY_THROWS_EXCEPTION(Error, MultiheadAttention(10, 3, gen));
        TransformerEncoderLayerOptions o;
        o.activation = "tanh";
        QVERIFY_THROWS_EXCEPTION(Error, TransformerEncoderLayer(8, 2, gen, o));
        MultiheadAttention m(8, 2, gen);
        Tensor x = zeros({2, 3, 8});
        QVERIFY_THROWS_EXCEPTION(Error, m.forward(zeros({2, 3, 6})));
        MultiheadAttentionArgs args;
        args.attnMask = zeros({3, 4});
        QVERIFY_THROWS_EXCEPTION(Error, m.forward(x, x, x, args));
        args = MultiheadAttentionArgs();
        args.keyPaddingMask = zeros({3, 3});
        QVERIFY_THROWS_EXCEPTION(Error, m.forward(x, x, x, args));
        QVERIFY_THROWS_EXCEPTION(Error, LayerNorm(Shape{}));
        QVERIFY_THROWS_EXCEPTION(Error, LayerNorm(4)(zeros({2, 5})));
    }

    // Unbatched (T, E) input gives the batched result without the batch dim; eval mode turns the
    // attention dropout off.
    void unbatchedAndEval() {
        Generator gen(12);
        MultiheadAttention m(8, 2, gen, 0.5);
        Tensor x = randn({4, 8}, gen);
        m.eval();
        AttentionResult a = m.forward(x, x, x);
        AttentionResult b = m.forward(x.unsqueeze(0), x.unsqueeze(0), x.unsqueeze(0));
        QCOMPARE(a.output.shape(), (Shape{4, 8}));
        QCOMPARE(a.weights.shape(), (Shape{4, 4}));
        QCOMPARE(a.output.toVector(), b.output.toVector());
        QCOMPARE(a.weights.toVector(), b.weights.toVector());
        m.train();
        AttentionResult c = m.forward(x, x, x);
        QVERIFY(c.weights.toVector() != a.weights.toVector());
    }
};

QTEST_GUILESS_MAIN(TestTransformerOps)
#include "test_transformer_ops.moc"
