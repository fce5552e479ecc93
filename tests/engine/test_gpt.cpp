// The GPT model (engine/nn/gpt.h): parameter names and count, causality, the key/value cache
// against the full forward, generation with and without the cache, and the samplers: temperature
// 0 is greedy and deterministic, top-k 1 is greedy at any temperature, top-k / top-p keep the
// right tokens, temperature 1 without filtering is the softmax; training steps give the same bits
// with any number of kernel threads. Numbers against PyTorch:
// tests/pytorch/test_torch_gpt.cpp.
#include <QtTest>

#include <cmath>

#include "engine/autograd/autograd.h"
#include "engine/core/error.h"
#include "engine/core/threads.h"
#include "engine/nn/gpt.h"
#include "engine/ops/ops.h"
#include "engine/optim/optimizer.h"

using namespace gradlab;

namespace {

GPTOptions small(bool tied = true) {
    GPTOptions o;
    o.vocab = 11;
    o.context = 12;
    o.layers = 2;
    o.width = 16;
    o.heads = 4;
    o.tiedHead = tied;
    return o;
}

Tensor tokens(const std::vector<int64_t>& t) {
    std::vector<float> f(t.begin(), t.end());
    return fromData(f, {1, int64_t(f.size())});
}

double maxAbsDiff(const std::vector<float>& a, const std::vector<float>& b) {
    if (a.size() != b.size()) return INFINITY;
    double m = 0;
    for (std::size_t i = 0; i < a.size(); ++i) m = std::max(m, double(std::fabs(a[i] - b[i])));
    return m;
}

}  // namespace

class TestGpt : public QObject {
    Q_OBJECT
private slots:
    void namesAndCount() {
        Generator gen(1);
        GPT tied(small(true), gen), untied(small(false), gen);
        std::vector<std::string> names;
        for (auto& [n, p] : tied.namedParameters()) names.push_back(n);
        const std::vector<std::string> expected = {
            "wte.weight", "wpe.weight", "blocks.0.ln1.weight", "blocks.0.ln1.bias", "blocks.0.attn.qkv.weight",
            "blocks.0.attn.qkv.bias", "blocks.0.attn.proj.weight", "blocks.0.attn.proj.bias", "blocks.0.ln2.weight",
            "blocks.0.ln2.bias", "blocks.0.mlp.fc.weight", "blocks.0.mlp.fc.bias", "blocks.0.mlp.proj.weight",
            "blocks.0.mlp.proj.bias"};
        for (std::size_t i = 0; i < expected.size(); ++i) QCOMPARE(names[i], expected[i]);
        QCOMPARE(names.back(), std::string("ln_f.bias"));
        // E = 16, V = 11, C = 12, 2 blocks: wte 176 + wpe 192 + 2 * (ln1 32 + qkv 16*48+48 + proj 16*16+16
        // + ln2 32 + fc 16*64+64 + proj 64*16+16) + ln_f 32 = 368 + 2 * 3,280 + 32 = 6,960; untied adds
        // the head's 176.
        QCOMPARE(tied.parameterCount(), int64_t(6960));
        QCOMPARE(untied.parameterCount(), int64_t(6960 + 176));
        QCOMPARE(untied.namedParameters().back().first, std::string("head.weight"));
        // GPT-2's initialisation: biases zero, residual projections narrower.
        for (auto& [n, p] : tied.namedParameters()) {
            const std::vector<float> v = p.toVector();
            double ss = 0;
            for (float x : v) ss += double(x) * x;
            const double sd = std::sqrt(ss / double(v.size()));
            if (n.ends_with("qkv.bias") || n.ends_with("ln1.bias")) QCOMPARE(sd, 0.0);
            if (n == "wte.weight") QVERIFY2(sd > 0.015 && sd < 0.025, n.c_str());
            if (n == "blocks.0.mlp.proj.weight") QVERIFY2(sd > 0.007 && sd < 0.0125, n.c_str());  // 0.01
        }
    }

    // A later token never changes the logits of an earlier position.
    void causal() {
        Generator gen(2);
        GPT m(small(), gen);
        NoGradGuard ng;
        const std::vector<float> a = m.forward(tokens({1, 2, 3, 4, 5, 6})).toVector();
        const std::vector<float> b = m.forward(tokens({1, 2, 3, 9, 0, 7})).toVector();
        const std::size_t V = 11, keep = 3 * V;
        QVERIFY(maxAbsDiff({a.begin(), a.begin() + keep}, {b.begin(), b.begin() + keep}) == 0.0);
        QVERIFY(maxAbsDiff({a.begin() + keep, a.end()}, {b.begin() + keep, b.end()}) > 1e-4);
    }

    // Filling the cache position by position gives the full forward's logits at every position.
    void cacheMatchesFullForward() {
        for (bool tied : {true, false}) {
            Generator gen(3);
            GPT m(small(tied), gen);
            m.eval();
            const std::vector<int64_t> seq = {4, 1, 7, 7, 0, 10, 3, 2, 9, 5, 6, 8};  // the whole context
            NoGradGuard ng;
            const Tensor full = m.forward(tokens(seq));
            KVCache cache = m.makeCache(1);
            for (std::size_t t = 0; t < seq.size(); ++t) {
                const Tensor one = m.forwardCached(tokens({seq[t]}), cache);
                QVERIFY2(maxAbsDiff(one.toVector(), select(select(full, 0, 0), 0, int64_t(t)).toVector()) < 1e-5,
                         qPrintable(QString("position %1").arg(t)));
            }
            QCOMPARE(cache.length, int64_t(12));
            QVERIFY_THROWS_EXCEPTION(Error, m.forwardCached(tokens({1}), cache));  // the context is full
            // A prefill of several positions equals the full forward too.
            KVCache c2 = m.makeCache(1);
            const Tensor pre = m.forwardCached(tokens({4, 1, 7, 7, 0}), c2);
            QVERIFY(maxAbsDiff(pre.toVector(), narrow(full, 1, 0, 5).contiguous().toVector()) < 1e-5);
            QVERIFY_THROWS_EXCEPTION(Error, m.forwardCached(tokens({1, 2}), c2));  // two new positions after a prefix
        }
    }

    // Within the context, cached and uncached generation draw the very same tokens.
    void generateWithAndWithoutCache() {
        Generator gen(4);
        GPT m(small(), gen);
        SamplingOptions s;
        s.temperature = 1.3;
        Generator g1(9), g2(9);
        const auto a = generate(m, {1, 2, 3}, 9, s, g1, true);
        const auto b = generate(m, {1, 2, 3}, 9, s, g2, false);
        QCOMPARE(a, b);
        // Past the context both keep going (the cache restarts from the last half).
        Generator g3(9);
        std::size_t calls = 0;
        const auto c = generate(m, {1, 2, 3}, 40, s, g3, true, [&](int64_t t, const std::vector<double>& p) {
            ++calls;
            QVERIFY(t >= 0 && t < 11);
            QCOMPARE(p.size(), std::size_t(11));
        });
        QCOMPARE(c.size(), std::size_t(40));
        QCOMPARE(calls, std::size_t(40));
        QVERIFY(m.isTraining());  // restored
    }

    void greedyIsDeterministic() {
        Generator gen(5);
        GPT m(small(), gen);
        SamplingOptions greedy;
        greedy.temperature = 0;
        Generator g1(1), g2(777);
        const uint64_t before = g1.state().counter;
        const auto a = generate(m, {3}, 20, greedy, g1);
        QCOMPARE(generate(m, {3}, 20, greedy, g2), a);  // whatever the generator
        QCOMPARE(g1.state().counter, before);            // and none of its numbers drawn
        // Each token is the argmax of the uncached forward.
        std::vector<int64_t> seq = {3};
        NoGradGuard ng;
        for (int64_t t : std::vector<int64_t>(a.begin(), a.begin() + 8)) {
            const std::vector<float> row = select(select(m.forward(tokens(seq)), 0, 0), 0, int64_t(seq.size()) - 1).toVector();
            QCOMPARE(t, int64_t(std::max_element(row.begin(), row.end()) - row.begin()));
            seq.push_back(t);
        }
        // top-k 1 is greedy at any temperature.
        SamplingOptions k1;
        k1.temperature = 1.7;
        k1.topK = 1;
        Generator g3(42);
        QCOMPARE(generate(m, {3}, 20, k1, g3), a);
    }

    void samplingDistributions() {
        const std::vector<float> logits = {1.0f, 3.0f, 2.0f, 3.0f, -1.0f};
        SamplingOptions plain;
        std::vector<double> p = samplingDistribution(logits, plain);
        double z = 0;
        for (float l : logits) z += std::exp(double(l));
        for (std::size_t i = 0; i < logits.size(); ++i) QVERIFY(std::fabs(p[i] - std::exp(double(logits[i])) / z) < 1e-12);
        SamplingOptions hot;
        hot.temperature = 2;
        p = samplingDistribution(logits, hot);
        z = 0;
        for (float l : logits) z += std::exp(double(l) / 2);
        QVERIFY(std::fabs(p[0] - std::exp(0.5) / z) < 1e-12);
        SamplingOptions cold;
        cold.temperature = 0;
        QCOMPARE(samplingDistribution(logits, cold), (std::vector<double>{0, 1, 0, 0, 0}));  // first of the tie
        SamplingOptions k2;
        k2.topK = 2;  // the two 3.0s, equally likely
        QCOMPARE(samplingDistribution(logits, k2), (std::vector<double>{0, 0.5, 0, 0.5, 0}));
        // top-p: probabilities e^3, e^3, e^2, e, e^-1 over z = 0.41, 0.41, 0.15, 0.06, 0.01: p 0.5 keeps
        // the two 3.0s (0.82 >= 0.5), p 0.9 adds the 2.0 (0.97), p 0.1 keeps one.
        SamplingOptions p5;
        p5.topP = 0.5;
        QCOMPARE(samplingDistribution(logits, p5), (std::vector<double>{0, 0.5, 0, 0.5, 0}));
        SamplingOptions p9;
        p9.topP = 0.9;
        p = samplingDistribution(logits, p9);
        QVERIFY(p[0] == 0 && p[4] == 0 && p[2] > 0);
        QVERIFY(std::fabs(p[1] + p[2] + p[3] - 1) < 1e-12);
        SamplingOptions p1;
        p1.topP = 0.1;
        QCOMPARE(samplingDistribution(logits, p1), (std::vector<double>{0, 1, 0, 0, 0}));
        // Draws follow the distribution: 20,000 draws from top-k 2 split about evenly.
        Generator g(3);
        int ones = 0, threes = 0;
        for (int i = 0; i < 20000; ++i) {
            const int64_t t = sampleToken(logits, k2, g);
            QVERIFY(t == 1 || t == 3);
            (t == 1 ? ones : threes)++;
        }
        QVERIFY(std::abs(ones - threes) < 600);  // 4.2 standard deviations
    }

    // A few AdamW steps on one repeated sentence bring the loss far below ln V.
    void learnsARepeatedSequence() {
        Generator gen(6);
        GPT m(small(false), gen);
        auto opt = makeOptimizer("adamw", m.parameters(), {{"lr", 1e-2}});
        const std::vector<int64_t> seq = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1, 2, 3};
        const Tensor x = tokens({seq.begin(), seq.end() - 1}), y = reshape(tokens({seq.begin() + 1, seq.end()}), {12});
        double first = 0, last = 0;
        for (int i = 0; i < 60; ++i) {
            opt->zeroGrad();
            Tensor loss = crossEntropy(reshape(m.forward(x), {12, 11}), y);
            loss.backward();
            opt->step();
            (i == 0 ? first : last) = double(loss.item());
        }
        QVERIFY2(std::fabs(first - std::log(11.0)) < 0.1, qPrintable(QString::number(first)));
        QVERIFY2(last < 0.1, qPrintable(QString::number(last)));
    }

    // The lesson's model (4 blocks of width 128, 32 windows of 64 characters) leaves the same bits
    // after two AdamW steps with 1, 2 and 3 kernel threads: the GUI's worker, which leaves a core
    // to the interface, gradlab-cli and a sweep's runs compute the same numbers from one seed.
    void stepsSameBitsForAnyThreadCount() {
        const int threads = kernelThreads();
        std::vector<std::vector<float>> first;
        for (int t : {1, 2, 3}) {
            setKernelThreads(t);
            Generator gen(3);
            GPTOptions o;
            GPT m(o, gen);
            std::vector<float> ids(32 * 65);
            for (float& v : ids) v = float(gen.below(uint64_t(o.vocab)));
            const Tensor all = fromData(ids, {32, 65});
            const Tensor x = narrow(all, 1, 0, 64).contiguous(), y = reshape(narrow(all, 1, 1, 64).contiguous(), {32 * 64});
            auto opt = makeOptimizer("adamw", m.parameters(), {{"lr", 2e-3}, {"weight_decay", 0.1}});
            std::vector<std::vector<float>> now;
            for (int step = 0; step < 2; ++step) {
                opt->zeroGrad();
                crossEntropy(reshape(m.forward(x), {32 * 64, o.vocab}), y).backward();
                if (step == 0)
                    for (const Tensor& p : m.parameters()) now.push_back(p.grad().toVector());
                opt->step();
            }
            for (const Tensor& p : m.parameters()) now.push_back(p.toVector());
            if (t == 1) first = now;
            else
                for (std::size_t i = 0; i < now.size(); ++i) {
                    const std::size_t n = m.parameters().size();
                    QVERIFY2(now[i] == first[i], qPrintable(QString("%1 threads: %2 of %3 differs").arg(t)
                                                     .arg(i < n ? "the first gradient" : "the parameter after two steps")
                                                     .arg(QString::fromStdString(m.namedParameters()[i % n].first))));
                }
        }
        setKernelThreads(threads);
    }

    void argumentChecks() {
        Generator gen(7);
        GPTOptions bad = small();
        bad.heads = 3;  // 16 is not a multiple of 3
        QVERIFY_THROWS_EXCEPTION(Error, GPT(bad, gen));
        GPT m(small(), gen);
        QVERIFY_THROWS_EXCEPTION(Error, m.forward(tokens(std::vector<int64_t>(13, 1))));  // longer than the context
        QVERIFY_THROWS_EXCEPTION(Error, m.forward(tokens({11})));                         // not in the vocabulary
        SamplingOptions s;
        QVERIFY_THROWS_EXCEPTION(Error, generate(m, {}, 3, s, gen));
    }
};

QTEST_GUILESS_MAIN(TestGpt)
#include "test_gpt.moc"
