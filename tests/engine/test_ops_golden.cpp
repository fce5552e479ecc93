// Every op against PyTorch 1.13: forward outputs and input gradients for the fixed inputs of the
// golden files (tests/data/ops_golden.json, cnn_golden.json and the op sections of
// transformer_golden.json, made by the gen_*.py scripts there), including NaN/inf inputs and tensors
// large enough for the vectorised and OpenMP paths of the CPU kernels. The engine call behind each
// file's function name is in the op-test table (op_cases.cpp); every op of the op table must be
// compared here or say why it cannot be.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "common/check.h"
#include "common/golden.h"
#include "engine/autograd/autograd.h"
#include "engine/ops/ops.h"
#include "op_cases.h"

using namespace gradlab;
using namespace gradlab::test;
using nlohmann::json;

namespace {

// Expected values and the tolerance they are compared with: |got - want| <= atol + rtol |want|.
struct Expected {
    Shape shape;
    std::vector<double> values;
    double rtol = 0.0, atol = 0.0;
};

// One comparison with PyTorch, whichever file it comes from.
struct GoldenCase {
    std::string name, fn;  // fn: a function of goldenCalls()
    json args;
    // Leaf specs (golden.h); null: an undefined tensor.
    std::vector<json> inputs;
    // The call's results, in order, and d loss / d result for each (none: not differentiated).
    std::vector<Expected> outputs;
    std::vector<std::optional<json>> upstream;
    // Per input: its gradient (none: it must get no gradient).
    std::vector<std::optional<Expected>> grads;
    // Inputs the call changes (batch norm's running statistics): their values after it.
    std::vector<std::pair<std::size_t, Expected>> after;
};

Expected expect(const json& spec, double rtol, double atol) { return {shapeOf(spec), expectedOf(spec), rtol, atol}; }

// A spec (golden.h) from the flat value lists of transformer_golden.json.
json spec(const json& values, const json& shape, bool grad = true) {
    return json{{"shape", shape}, {"data", values}, {"grad", grad}};
}

// ops_golden.json and cnn_golden.json: the same layout. cnn's atol_rel adds an absolute tolerance
// relative to the largest expected magnitude: max(atol_rel * max|want| + 1e-7, atol).
void loadCaseFile(const char* file, std::vector<GoldenCase>& out) {
    const json data = test::loadJson(file);
    for (const json& c : data.at("cases")) {
        GoldenCase g;
        g.name = std::string(file) + ": " + c.at("name").get<std::string>();
        g.fn = c.at("fn").get<std::string>();
        g.args = c.at("args");
        for (const json& s : c.at("inputs")) g.inputs.push_back(s);
        const double rtol = c.at("rtol").get<double>();
        auto tolerant = [&](const json& s, double atol) {
            Expected e = expect(s, rtol, atol);
            if (c.contains("atol_rel")) {
                double scale = 0.0;
                for (double v : e.values)
                    if (std::isfinite(v)) scale = std::max(scale, std::fabs(v));
                e.atol = std::max(c.at("atol_rel").get<double>() * scale + 1e-7, atol);
            }
            return e;
        };
        const double atol = c.at("atol").get<double>();
        g.outputs.push_back(tolerant(c.at("output"), atol));
        g.upstream.push_back(c.at("upstream"));
        if (c.contains("indices")) {
            g.outputs.push_back(expect(c.at("indices"), 0.0, 0.0));  // exact
            g.upstream.push_back(std::nullopt);
        }
        for (const json& d : c.at("grads"))
            g.grads.push_back(d.is_null() ? std::nullopt : std::optional<Expected>(tolerant(d, atol)));
        if (c.contains("running_after"))
            for (std::size_t k = 0; k < 2; ++k) g.after.push_back({k + 1, tolerant(c.at("running_after")[k], 0.0)});
        out.push_back(std::move(g));
    }
}

// transformer_golden.json's op sections, with the tolerances that file was written for: 1e-5
// relative, 1e-6 absolute (1e-5 for the gradients of q, k, v and layer_norm's x).
void loadTransformerFile(std::vector<GoldenCase>& out) {
    const json file = test::loadJson("transformer_golden.json");
    int i = 0;
    for (const json& c : file.at("layer_norm")) {
        GoldenCase g{"transformer_golden.json: layer_norm " + std::to_string(i++), "layer_norm", c};
        const json norm = c.at("normalized_shape");
        g.inputs.push_back(spec(c.at("x"), c.at("shape")));
        g.grads.push_back(expect(spec(c.at("dx"), c.at("shape")), 1e-5, 1e-5));
        if (c.at("affine").get<bool>()) {
            for (const char* p : {"weight", "bias"}) {
                g.inputs.push_back(spec(c.at(p), norm));
                g.grads.push_back(expect(spec(c.at(std::string("d") + p), norm), 1e-5, 1e-6));
            }
        }
        g.outputs.push_back(expect(spec(c.at("y"), c.at("shape")), 1e-5, 1e-6));
        g.upstream.push_back(spec(c.at("r"), c.at("shape")));
        out.push_back(std::move(g));
    }
    i = 0;
    for (const json& c : file.at("embedding")) {
        GoldenCase g{"transformer_golden.json: embedding " + std::to_string(i++), "embedding", c};
        const json is = c.at("indices_shape"), ws = json::array({7, 4});
        const json ys = json::array({is[0], is[1], 4});
        g.inputs = {spec(c.at("indices"), is, false), spec(c.at("weight"), ws)};
        g.grads = {std::nullopt, expect(spec(c.at("dweight"), ws), 1e-5, 1e-6)};
        g.outputs.push_back(expect(spec(c.at("y"), ys), 1e-7, 0.0));  // a copy: exact to the 9 printed digits
        g.upstream.push_back(spec(c.at("r"), ys));
        out.push_back(std::move(g));
    }
    for (const json& c : file.at("sdpa")) {
        GoldenCase g{"transformer_golden.json: sdpa " + c.at("name").get<std::string>(), "sdpa", c};
        for (const char* t : {"q", "k", "v"}) {
            const json shape = c.at(std::string(t) + "_shape");
            g.inputs.push_back(spec(c.at(t), shape));
            g.grads.push_back(expect(spec(c.at(std::string("d") + t), shape), 1e-5, 1e-5));
        }
        if (c.contains("mask")) {
            g.inputs.push_back(spec(c.at("mask"), c.at("mask_shape"), false));
            g.grads.push_back(std::nullopt);
        }
        g.outputs.push_back(expect(spec(c.at("out"), c.at("out_shape")), 1e-5, 1e-6));
        g.outputs.push_back(expect(spec(c.at("weights"), c.at("weights_shape")), 1e-5, 1e-6));
        g.upstream.push_back(spec(c.at("r"), c.at("out_shape")));
        g.upstream.push_back(spec(c.at("r2"), c.at("weights_shape")));
        out.push_back(std::move(g));
    }
}

const std::vector<GoldenCase>& goldenCases() {
    static const std::vector<GoldenCase> cases = [] {
        std::vector<GoldenCase> all;
        loadCaseFile("ops_golden.json", all);
        loadCaseFile("cnn_golden.json", all);
        loadTransformerFile(all);
        return all;
    }();
    return cases;
}

std::vector<Tensor> leaves(const GoldenCase& g) {
    std::vector<Tensor> inputs;
    for (const json& s : g.inputs) inputs.push_back(leafOf(s));
    return inputs;
}

}  // namespace

class TestOpsGolden : public QObject {
    Q_OBJECT
private slots:
    void golden_data() {
        QTest::addColumn<int>("caseIndex");
        for (std::size_t i = 0; i < goldenCases().size(); ++i) QTest::newRow(goldenCases()[i].name.c_str()) << int(i);
    }

    void golden() {
        QFETCH(int, caseIndex);
        const GoldenCase& g = goldenCases()[std::size_t(caseIndex)];
        QVERIFY2(goldenCalls().count(g.fn), ("no golden call for " + g.fn + " in op_cases.cpp").c_str());
        std::vector<Tensor> inputs = leaves(g);
        const std::vector<Tensor> outs = goldenCalls().at(g.fn)(inputs, g.args);
        QCOMPARE(outs.size(), g.outputs.size());
        std::string why;
        for (std::size_t i = 0; i < outs.size(); ++i) {
            QCOMPARE(outs[i].shape(), g.outputs[i].shape);
            QVERIFY2(test::allClose(outs[i], g.outputs[i].values, g.outputs[i].rtol, g.outputs[i].atol, &why),
                     qPrintable(QString("output %1: %2").arg(i).arg(QString::fromStdString(why))));
        }
        for (const auto& [k, e] : g.after)
            QVERIFY2(test::allClose(inputs[k], e.values, e.rtol, e.atol, &why),
                     qPrintable(QString("input %1 after the call: %2").arg(k).arg(QString::fromStdString(why))));

        bool anyGrad = false;
        for (const auto& d : g.grads) anyGrad = anyGrad || d.has_value();
        Tensor loss;
        for (std::size_t i = 0; i < outs.size(); ++i) {
            if (!g.upstream[i]) continue;
            QCOMPARE(outs[i].requiresGrad(), anyGrad);
            if (!anyGrad) continue;
            Tensor term = sum(mul(outs[i], tensorOf(*g.upstream[i])));
            loss = loss.defined() ? add(loss, term) : term;
        }
        if (!anyGrad) return;
        loss.backward();
        for (std::size_t k = 0; k < inputs.size(); ++k) {
            if (!g.grads[k]) {
                QVERIFY(!inputs[k].defined() || !inputs[k].grad().defined());
                continue;
            }
            const Expected& e = *g.grads[k];
            QVERIFY2(inputs[k].grad().defined(), qPrintable(QString("input %1 got no gradient").arg(k)));
            QCOMPARE(inputs[k].grad().shape(), e.shape);
            QVERIFY2(test::allClose(inputs[k].grad(), e.values, e.rtol, e.atol, &why),
                     qPrintable(QString("gradient of input %1: %2").arg(k).arg(QString::fromStdString(why))));
        }
    }

    // Every op of the table shows in the graph of some golden case, or says why it cannot.
    void everyOpHasAGoldenCase() {
        std::set<OpId> covered;
        for (const auto& [op, why] : opsWithoutGolden()) covered.insert(op);
        for (const GoldenCase& g : goldenCases()) {
            if (!goldenCalls().count(g.fn)) continue;  // golden() reports it
            std::vector<Tensor> inputs = leaves(g);
            for (const Tensor& out : goldenCalls().at(g.fn)(inputs, g.args)) covered.merge(opsIn(out));
        }
        const std::string missing = missingOps(covered);
        QVERIFY2(missing.empty(), ("ops not compared with PyTorch: " + missing).c_str());
    }
};

QTEST_GUILESS_MAIN(TestOpsGolden)
#include "test_ops_golden.moc"
