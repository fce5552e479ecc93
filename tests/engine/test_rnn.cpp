// Recurrent layers (engine/nn/rnn.h) against PyTorch 1.13 (tests/data/gen_rnn.py): RNN tanh and
// relu, LSTM and GRU with 1 and 2 layers, batch_first both ways, with and without initial states
// and biases, unbatched: outputs, final states and the gradient of every parameter, the input and
// the initial states, to 1e-5. Also dL/dh_t through time from the kept h_t, a batch-64 LSTM (the
// threaded paths), torch's parameter names and initialisation, the traced gates, argument checks.
#include <QtTest>

#include <cmath>
#include <memory>

#include "common/check.h"
#include "common/golden.h"
#include "engine/core/error.h"
#include "engine/nn/rnn.h"
#include "engine/ops/ops.h"

using namespace gradlab;
using nlohmann::json;

namespace {

std::vector<float> floats(const json& a) { return a.get<std::vector<float>>(); }
std::vector<double> doubles(const json& a) { return a.get<std::vector<double>>(); }
std::vector<double> valuesOf(const Tensor& t) {
    std::vector<float> v = t.toVector();
    return std::vector<double>(v.begin(), v.end());
}
Shape shapeOf(const json& a) {
    Shape s;
    for (const auto& d : a) s.push_back(d.get<int64_t>());
    return s;
}

std::unique_ptr<RecurrentBase> makeLayer(const std::string& mode, int64_t in, int64_t hidden, Generator& gen,
                                         const RecurrentOptions& o = {}) {
    if (mode == "lstm") return std::make_unique<LSTM>(in, hidden, gen, o);
    if (mode == "gru") return std::make_unique<GRU>(in, hidden, gen, o);
    return std::make_unique<RNN>(in, hidden, gen, o, mode == "rnn_relu" ? "relu" : "tanh");
}

// The layer of a golden case, with torch's parameters (strict: our names are torch's).
std::unique_ptr<RecurrentBase> layerOf(const json& c) {
    Generator gen(1);
    RecurrentOptions o;
    o.numLayers = c.value("layers", int64_t(1));
    o.bias = c.value("bias", true);
    o.batchFirst = c.value("batch_first", false);
    auto m = makeLayer(c["mode"], c["input_size"], c["hidden"], gen, o);
    std::map<std::string, Tensor> dict;
    for (const auto& [name, p] : c["params"].items()) dict[name] = fromData(floats(p["data"]), shapeOf(p["shape"]));
    m->loadStateDict(dict);
    return m;
}

constexpr double kTol = 1e-5;

}  // namespace

class TestRnn : public QObject {
    Q_OBJECT

    json m_data = test::loadJson("rnn_golden.json");

private slots:
    void matchesTorch_data() {
        QTest::addColumn<int>("index");
        for (std::size_t i = 0; i < m_data["cases"].size(); ++i)
            QTest::newRow(m_data["cases"][i]["name"].get<std::string>().c_str()) << int(i);
    }

    void matchesTorch() {
        QFETCH(int, index);
        const json& c = m_data["cases"][std::size_t(index)];
        auto m = layerOf(c);
        const bool lstm = c["mode"] == "lstm", initial = c.contains("h0");
        const int64_t L = c["layers"], H = c["hidden"], B = c["x_shape"][c["batch_first"].get<bool>() ? 0 : 1];
        const Shape stateShape = c["unbatched"].get<bool>() ? Shape{L, H} : Shape{L, B, H};
        Tensor x = fromData(floats(c["x"]), shapeOf(c["x_shape"])).setRequiresGrad();
        Tensor h0, c0;
        if (initial) h0 = fromData(floats(c["h0"]), stateShape).setRequiresGrad();
        if (initial && lstm) c0 = fromData(floats(c["c0"]), stateShape).setRequiresGrad();

        RecurrentResult r = m->forward(x, h0, c0);
        QCOMPARE(r.output.shape(), shapeOf(c["output_shape"]));
        QCOMPARE(r.h.shape(), stateShape);
        GL_COMPARE_CLOSE(r.output, doubles(c["output"]), kTol, kTol);
        GL_COMPARE_CLOSE(r.h, doubles(c["h_n"]), kTol, kTol);
        QCOMPARE(r.c.defined(), lstm);
        Tensor loss = sum(r.output * fromData(floats(c["r"]), r.output.shape())) +
                      sum(r.h * fromData(floats(c["rh"]), stateShape));
        if (lstm) {
            GL_COMPARE_CLOSE(r.c, doubles(c["c_n"]), kTol, kTol);
            loss = loss + sum(r.c * fromData(floats(c["rc"]), stateShape));
        }
        loss.backward();

        int compared = 0;
        for (const auto& [name, p] : m->namedParameters()) {
            const json& want = c["params"].at(name);
            QVERIFY2(p.grad().defined(), name.c_str());
            std::string why;
            QVERIFY2(test::allClose(p.grad(), doubles(want["grad"]), kTol, kTol, &why), (name + ": " + why).c_str());
            ++compared;
        }
        QCOMPARE(compared, int(c["params"].size()));
        GL_COMPARE_CLOSE(x.grad(), doubles(c["dx"]), kTol, kTol);
        if (initial) GL_COMPARE_CLOSE(h0.grad(), doubles(c["dh0"]), kTol, kTol);
        if (initial && lstm) GL_COMPARE_CLOSE(c0.grad(), doubles(c["dc0"]), kTol, kTol);
    }

    // The gradient through time that the lesson draws: with trace.retainGrad every h_t keeps
    // dL/dh_t, as torch's h_t.retain_grad() does, for loss = sum(h_T * r).
    void gradientThroughTime_data() {
        QTest::addColumn<int>("index");
        for (std::size_t i = 0; i < m_data["time_grads"].size(); ++i)
            QTest::newRow(m_data["time_grads"][i]["mode"].get<std::string>().c_str()) << int(i);
    }

    void gradientThroughTime() {
        QFETCH(int, index);
        const json& c = m_data["time_grads"][std::size_t(index)];
        auto m = layerOf(c);
        const Shape xs = shapeOf(c["x_shape"]);
        RecurrentTrace trace;
        trace.retainGrad = true;
        RecurrentResult r = m->forward(fromData(floats(c["x"]), xs), Tensor(), Tensor(), trace);
        QCOMPARE(int(r.hidden.size()), 1);
        QCOMPARE(int64_t(r.hidden[0].size()), xs[0]);
        sum(r.hidden[0].back() * fromData(floats(c["r"]), {xs[1], int64_t(c["hidden"])})).backward();
        for (std::size_t t = 0; t < r.hidden[0].size(); ++t) {
            std::string why;
            QVERIFY2(test::allClose(r.hidden[0][t].grad(), doubles(c["dh"][t]), kTol, kTol, &why),
                     ("t = " + std::to_string(t) + ": " + why).c_str());
        }
    }

    // Batch 64, hidden 128: rows split across threads, units in vector lanes.
    void largeLstm() {
        const json& d = m_data["large"];
        const json& s = d["sums"];
        Generator gen(1);
        LSTM m(16, 128, gen);
        std::map<std::string, Tensor> dict;
        for (const auto& [name, p] : m.namedParameters()) dict[name] = test::tensorOf(d["specs"][name]);
        m.loadStateDict(dict);
        RecurrentResult r = m.forward(test::tensorOf(d["specs"]["x"]), Tensor());
        sum(r.output * test::tensorOf(d["specs"]["r"])).backward();
        auto check = [&](const Tensor& t, const json& want, const std::string& what) {
            std::vector<float> v = t.toVector();
            double sum1 = 0.0, sum2 = 0.0;
            for (float e : v) sum1 += e, sum2 += double(e) * e;
            const double scale = std::sqrt(sum2 * double(v.size()));  // bounds |sum1|
            QVERIFY2(std::fabs(sum1 - want[0].get<double>()) <= 1e-5 * scale, qPrintable(QString::fromStdString(what)));
            QVERIFY2(std::fabs(sum2 - want[1].get<double>()) <= 1e-4 * want[1].get<double>(),
                     qPrintable(QString::fromStdString(what)));
        };
        check(r.output, s["output"], "output");
        check(r.c, s["c_n"], "c_n");
        for (const auto& [name, p] : m.namedParameters()) check(p.grad(), s["d" + name], name);
    }

    void namesAndInitLikeTorch() {
        Generator gen(3);
        RecurrentOptions o;
        o.numLayers = 2;
        GRU gru(5, 7, gen, o);
        std::vector<std::string> names;
        for (const auto& [n, p] : gru.namedParameters()) names.push_back(n);
        QCOMPARE(names, (std::vector<std::string>{"weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                                                  "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1"}));
        QCOMPARE(gru.weightIh(0).shape(), (Shape{21, 5}));
        QCOMPARE(gru.weightIh(1).shape(), (Shape{21, 7}));
        QCOMPARE(gru.weightHh(1).shape(), (Shape{21, 7}));
        QCOMPARE(gru.biasHh(0).shape(), (Shape{21}));
        QCOMPARE(gru.typeName(), std::string_view("GRU"));
        o.bias = false;
        LSTM lstm(3, 100, gen, o);
        QCOMPARE(lstm.numParameters(), int64_t(400 * 3 + 400 * 100 + 400 * 100 + 400 * 100));
        QVERIFY(!lstm.biasIh(0).defined());
        // U(-1/sqrt(H), 1/sqrt(H)) for every parameter: the range is filled and the mean is near 0.
        double lo = 1, hi = -1, total = 0;
        int64_t n = 0;
        for (const Tensor& p : lstm.parameters())
            for (float v : p.toVector()) lo = std::min(lo, double(v)), hi = std::max(hi, double(v)), total += v, ++n;
        QVERIFY(lo >= -0.1 && lo < -0.099 && hi <= 0.1 && hi > 0.099);
        QVERIFY(std::fabs(total / double(n)) < 1e-3);
        // The same seed gives the same parameters.
        Generator a(9), b(9);
        QCOMPARE(RNN(4, 6, a).weightHh(0).toVector(), RNN(4, 6, b).weightHh(0).toVector());
    }

    // The traced gates are the ones the cells used: c_t = f c_{t-1} + i g and h_t = o tanh(c_t) for
    // the LSTM, h_t = (1 - z) n + z h_{t-1} for the GRU; none for the RNN.
    void tracedGates() {
        Generator gen(5);
        RecurrentOptions o;
        o.numLayers = 2;
        o.batchFirst = true;
        RecurrentTrace trace;
        trace.gates = true;
        trace.hidden = true;
        const Tensor x = randn({2, 4, 3}, gen);
        LSTM lstm(3, 5, gen, o);
        RecurrentResult r = lstm.forward(x, Tensor(), Tensor(), trace);
        QCOMPARE(int(r.gates.size()), 2);
        QCOMPARE(int(r.gates[1].size()), 4);
        Tensor c = zeros({2, 5});
        for (std::size_t t = 0; t < 4; ++t) {
            const Tensor& g = r.gates[1][t];
            QCOMPARE(g.shape(), (Shape{2, 20}));
            QVERIFY(!g.requiresGrad());
            c = g.narrow(1, 5, 5) * c + g.narrow(1, 0, 5) * g.narrow(1, 10, 5);
            GL_COMPARE_CLOSE(r.hidden[1][t], valuesOf(g.narrow(1, 15, 5) * tanh(c)), 1e-6, 1e-6);
        }
        GL_COMPARE_CLOSE(r.output.select(1, 3), valuesOf(r.hidden[1][3]), 0, 0);

        GRU gru(3, 5, gen, o);
        r = gru.forward(x, Tensor(), Tensor(), trace);
        Tensor h = zeros({2, 5});
        for (std::size_t t = 0; t < 4; ++t) {
            const Tensor& g = r.gates[0][t];
            QCOMPARE(g.shape(), (Shape{2, 15}));
            const Tensor z = g.narrow(1, 5, 5);
            h = (1.0f - z) * g.narrow(1, 10, 5) + z * h;
            GL_COMPARE_CLOSE(r.hidden[0][t], valuesOf(h), 1e-6, 1e-6);
        }
        QVERIFY(RNN(3, 5, gen, o).forward(x, Tensor(), Tensor(), trace).gates.empty());
    }

    void argumentChecks() {
        Generator gen(2);
        LSTM lstm(3, 4, gen);
        GRU gru(3, 4, gen);
        QVERIFY_THROWS_EXCEPTION(Error, lstm(zeros({5, 2, 4})));                            // input size 4, not 3
        QVERIFY_THROWS_EXCEPTION(Error, lstm(zeros({0, 2, 3})));                            // no time steps
        QVERIFY_THROWS_EXCEPTION(Error, lstm(zeros({2, 3, 3, 3})));                         // rank 4
        QVERIFY_THROWS_EXCEPTION(Error, lstm.forward(zeros({5, 2, 3}), zeros({1, 2, 4})));  // h0 without c0
        QVERIFY_THROWS_EXCEPTION(Error, lstm.forward(zeros({5, 2, 3}), zeros({1, 3, 4}), zeros({1, 3, 4})));  // batch 3
        QVERIFY_THROWS_EXCEPTION(Error, gru.forward(zeros({5, 2, 3}), zeros({1, 2, 4}), zeros({1, 2, 4})));   // c0
        QVERIFY_THROWS_EXCEPTION(Error, gru.forward(zeros({5, 3}), zeros({1, 2, 4})));  // unbatched h0 is (L, H)
        QVERIFY_THROWS_EXCEPTION(Error, RNN(3, 4, gen, {}, "sigmoid"));
        QVERIFY_THROWS_EXCEPTION(Error, GRU(3, 0, gen));
        RecurrentOptions none;
        none.numLayers = 0;
        QVERIFY_THROWS_EXCEPTION(Error, LSTM(3, 4, gen, none));
        QCOMPARE(gru(zeros({5, 3})).shape(), (Shape{5, 4}));
        QCOMPARE(lstm.forward(zeros({5, 2, 3}), zeros({1, 2, 4}), zeros({1, 2, 4})).c.shape(), (Shape{1, 2, 4}));
    }
};

QTEST_GUILESS_MAIN(TestRnn)
#include "test_rnn.moc"
