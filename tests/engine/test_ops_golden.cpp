// Every op against PyTorch 1.13: forward outputs and input gradients for the fixed inputs in
// tests/data/ops_golden.json (made by tests/data/gen_ops_golden.py), including NaN/inf inputs and
// tensors large enough for the vectorised and OpenMP paths of the CPU kernels.
#include <QtTest>

#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/check.h"
#include "engine/autograd/autograd.h"
#include "engine/core/error.h"
#include "engine/ops/ops.h"

using namespace gradlab;
using nlohmann::json;

namespace {

const json& goldenFile() {
    static const json j = test::loadJson("ops_golden.json");
    return j;
}

float decodeValue(const json& v) {
    if (v.is_number()) return v.get<float>();
    const std::string s = v.get<std::string>();
    if (s == "nan") return std::numeric_limits<float>::quiet_NaN();
    if (s == "inf") return std::numeric_limits<float>::infinity();
    if (s == "-inf") return -std::numeric_limits<float>::infinity();
    qFatal("bad value %s in ops_golden.json", s.c_str());
}

Shape shapeOf(const json& spec) {
    Shape s;
    for (const json& d : spec.at("shape")) s.push_back(d.get<int64_t>());
    return s;
}

// All values of a stored tensor in row-major order (see the encodings in gen_ops_golden.py).
std::vector<float> valuesOf(const json& spec) {
    const Shape shape = shapeOf(spec);
    const std::size_t n = std::size_t(numelOf(shape));
    std::vector<float> v(n);
    if (spec.contains("data")) {
        const json& d = spec.at("data");
        if (d.size() != n) qFatal("ops_golden.json: %zu values for %zu elements", d.size(), n);
        for (std::size_t i = 0; i < n; ++i) v[i] = decodeValue(d[i]);
    } else if (spec.contains("periodic")) {
        const json& p = spec.at("periodic");
        for (std::size_t i = 0; i < n; ++i) v[i] = decodeValue(p[i % p.size()]);
    } else if (spec.contains("rotated")) {
        const json& row = spec.at("rotated");
        const std::size_t cols = std::size_t(shape.back()), shift = spec.at("shift").get<std::size_t>();
        for (std::size_t i = 0; i < n; ++i) v[i] = decodeValue(row[(i % cols + shift * (i / cols)) % cols]);
    } else if (spec.contains("hash")) {
        const uint64_t seed = spec.at("hash")[0].get<uint64_t>();
        const double lo = spec.at("hash")[1].get<double>(), hi = spec.at("hash")[2].get<double>();
        for (std::size_t i = 0; i < n; ++i) {
            const uint64_t h = (uint64_t(i) * 2654435761ull + seed) & 0xFFFFFFFFull;
            v[i] = float(lo + (hi - lo) * (double(h) / 4294967296.0));
        }
    } else {
        qFatal("ops_golden.json: a tensor without values");
    }
    return v;
}

std::vector<double> expectedOf(const json& spec) {
    std::vector<float> f = valuesOf(spec);
    return std::vector<double>(f.begin(), f.end());
}

// An input leaf: the stored values, laid out as asked (a transposed layout makes a non-contiguous
// leaf with the same logical values), requiring grad unless "grad" is false.
Tensor leafOf(const json& spec) {
    Tensor t = fromData(valuesOf(spec), shapeOf(spec));
    if (spec.value("layout", std::string("contiguous")) == "transposed") {
        Tensor stored = t.transpose(-1, -2).contiguous();
        t = stored.transpose(-1, -2).detach();
    }
    if (spec.value("grad", true)) t.setRequiresGrad();
    return t;
}

std::vector<int64_t> intsOf(const json& a) { return a.get<std::vector<int64_t>>(); }
Shape shapeArg(const json& a) {
    Shape s;
    for (const json& d : a) s.push_back(d.get<int64_t>());
    return s;
}
Reduction reductionOf(const json& args) { return parseReduction(args.value("reduction", std::string("mean"))); }

struct Result {
    Tensor out;
    Tensor indices;  // max/min along a dim
};
using GoldenFn = std::function<Result(const std::vector<Tensor>&, const json&)>;

// The engine function each case names, with its arguments (mirrors FNS in gen_ops_golden.py).
const std::map<std::string, GoldenFn>& functions() {
    using V = const std::vector<Tensor>&;
    using A = const json&;
    static const std::map<std::string, GoldenFn> fns = {
        {"add", [](V x, A) { return Result{add(x[0], x[1])}; }},
        {"sub", [](V x, A) { return Result{sub(x[0], x[1])}; }},
        {"mul", [](V x, A) { return Result{mul(x[0], x[1])}; }},
        {"square_by_mul", [](V x, A) { return Result{mul(x[0], x[0])}; }},
        {"div", [](V x, A) { return Result{div(x[0], x[1])}; }},
        {"pow", [](V x, A) { return Result{pow(x[0], x[1])}; }},
        {"maximum", [](V x, A) { return Result{maximum(x[0], x[1])}; }},
        {"minimum", [](V x, A) { return Result{minimum(x[0], x[1])}; }},
        {"pow_scalar", [](V x, A a) { return Result{pow(x[0], a.at("exponent").get<float>())}; }},
        {"add_scalar", [](V x, A a) { return Result{x[0] + a.at("value").get<float>()}; }},
        {"sub_scalar", [](V x, A a) { return Result{x[0] - a.at("value").get<float>()}; }},
        {"mul_scalar", [](V x, A a) { return Result{x[0] * a.at("value").get<float>()}; }},
        {"div_scalar", [](V x, A a) { return Result{x[0] / a.at("value").get<float>()}; }},
        {"rsub_scalar", [](V x, A a) { return Result{a.at("value").get<float>() - x[0]}; }},
        {"rdiv_scalar", [](V x, A a) { return Result{a.at("value").get<float>() / x[0]}; }},
        {"neg", [](V x, A) { return Result{neg(x[0])}; }},
        {"exp", [](V x, A) { return Result{exp(x[0])}; }},
        {"log", [](V x, A) { return Result{log(x[0])}; }},
        {"sqrt", [](V x, A) { return Result{sqrt(x[0])}; }},
        {"abs", [](V x, A) { return Result{abs(x[0])}; }},
        {"clamp",
         [](V x, A a) {
             const float inf = std::numeric_limits<float>::infinity();
             return Result{clamp(x[0], a.contains("min") ? a.at("min").get<float>() : -inf,
                                 a.contains("max") ? a.at("max").get<float>() : inf)};
         }},
        {"where", [](V x, A) { return Result{where(x[0], x[1], x[2])}; }},
        {"sigmoid", [](V x, A) { return Result{sigmoid(x[0])}; }},
        {"tanh", [](V x, A) { return Result{tanh(x[0])}; }},
        {"relu", [](V x, A) { return Result{relu(x[0])}; }},
        {"leaky_relu", [](V x, A a) { return Result{leakyRelu(x[0], a.value("slope", 0.01f))}; }},
        {"elu", [](V x, A a) { return Result{elu(x[0], a.value("alpha", 1.0f))}; }},
        {"gelu",
         [](V x, A a) {
             return Result{gelu(x[0], a.value("approximate", std::string("none")) == "tanh" ? GeluApprox::Tanh
                                                                                           : GeluApprox::None)};
         }},
        {"softplus",
         [](V x, A a) { return Result{softplus(x[0], a.value("beta", 1.0f), a.value("threshold", 20.0f))}; }},
        {"silu", [](V x, A) { return Result{silu(x[0])}; }},
        {"softmax", [](V x, A a) { return Result{softmax(x[0], a.at("dim").get<int64_t>())}; }},
        {"log_softmax", [](V x, A a) { return Result{logSoftmax(x[0], a.at("dim").get<int64_t>())}; }},
        {"sum",
         [](V x, A a) {
             return Result{a.contains("dims") ? sum(x[0], intsOf(a.at("dims")), a.value("keepdim", false)) : sum(x[0])};
         }},
        {"mean",
         [](V x, A a) {
             return Result{a.contains("dims") ? mean(x[0], intsOf(a.at("dims")), a.value("keepdim", false))
                                              : mean(x[0])};
         }},
        {"max",
         [](V x, A a) {
             if (!a.contains("dim")) return Result{max(x[0])};
             auto [v, i] = max(x[0], a.at("dim").get<int64_t>(), a.value("keepdim", false));
             return Result{v, i};
         }},
        {"min",
         [](V x, A a) {
             if (!a.contains("dim")) return Result{min(x[0])};
             auto [v, i] = min(x[0], a.at("dim").get<int64_t>(), a.value("keepdim", false));
             return Result{v, i};
         }},
        {"var",
         [](V x, A a) {
             const bool unbiased = a.value("unbiased", true);
             return Result{a.contains("dims") ? var(x[0], intsOf(a.at("dims")), unbiased, a.value("keepdim", false))
                                              : var(x[0], unbiased)};
         }},
        {"matmul", [](V x, A) { return Result{matmul(x[0], x[1])}; }},
        {"reshape", [](V x, A a) { return Result{x[0].reshape(shapeArg(a.at("shape")))}; }},
        {"flatten", [](V x, A a) { return Result{x[0].flatten(a.value("start", 0), a.value("end", -1))}; }},
        {"transpose",
         [](V x, A a) { return Result{x[0].transpose(a.at("d0").get<int64_t>(), a.at("d1").get<int64_t>())}; }},
        {"permute", [](V x, A a) { return Result{x[0].permute(shapeArg(a.at("dims")))}; }},
        {"expand", [](V x, A a) { return Result{x[0].expand(shapeArg(a.at("shape")))}; }},
        {"slice",
         [](V x, A a) {
             return Result{x[0].slice(a.at("dim").get<int64_t>(), a.at("start").get<int64_t>(),
                                      a.at("end").get<int64_t>(), a.value("step", int64_t(1)))};
         }},
        {"select",
         [](V x, A a) { return Result{x[0].select(a.at("dim").get<int64_t>(), a.at("index").get<int64_t>())}; }},
        {"concat", [](V x, A a) { return Result{concat(x, a.at("dim").get<int64_t>())}; }},
        {"stack", [](V x, A a) { return Result{stack(x, a.at("dim").get<int64_t>())}; }},
        {"clone", [](V x, A) { return Result{x[0].clone()}; }},
        {"index_select", [](V x, A a) { return Result{indexSelect(x[0], a.at("dim").get<int64_t>(), x[1])}; }},
        {"gather", [](V x, A a) { return Result{gather(x[0], a.at("dim").get<int64_t>(), x[1])}; }},
        {"mse_loss", [](V x, A a) { return Result{mseLoss(x[0], x[1], reductionOf(a))}; }},
        {"l1_loss", [](V x, A a) { return Result{l1Loss(x[0], x[1], reductionOf(a))}; }},
        {"binary_cross_entropy", [](V x, A a) { return Result{binaryCrossEntropy(x[0], x[1], reductionOf(a))}; }},
        {"bce_with_logits",
         [](V x, A a) {
             return Result{binaryCrossEntropyWithLogits(x[0], x[1], reductionOf(a), x.size() > 2 ? x[2] : Tensor())};
         }},
        {"cross_entropy",
         [](V x, A a) {
             return Result{crossEntropy(x[0], x[1], reductionOf(a), a.value("label_smoothing", 0.0f),
                                        a.value("ignore_index", int64_t(-100)))};
         }},
        {"nll_loss",
         [](V x, A a) { return Result{nllLoss(x[0], x[1], reductionOf(a), a.value("ignore_index", int64_t(-100)))}; }},
    };
    return fns;
}

void collectOps(const Tensor& t, std::set<OpId>& ops) {
    if (!t.defined() || !t.gradFn()) return;
    std::vector<Node*> stack{t.gradFn().get()};
    std::set<Node*> seen;
    while (!stack.empty()) {
        Node* n = stack.back();
        stack.pop_back();
        if (!seen.insert(n).second) continue;
        ops.insert(n->op);
        for (std::size_t i = 0; i < n->numInputs(); ++i)
            if (n->input(i) && n->input(i)->gradFn) stack.push_back(n->input(i)->gradFn.get());
    }
}

}  // namespace

class TestOpsGolden : public QObject {
    Q_OBJECT
private slots:
    void golden_data() {
        QTest::addColumn<int>("caseIndex");
        const json& cases = goldenFile().at("cases");
        for (std::size_t i = 0; i < cases.size(); ++i)
            QTest::newRow(cases[i].at("name").get<std::string>().c_str()) << int(i);
    }

    void golden() {
        QFETCH(int, caseIndex);
        const json& c = goldenFile().at("cases").at(std::size_t(caseIndex));
        const std::string fn = c.at("fn").get<std::string>();
        QVERIFY2(functions().count(fn), qPrintable(QString::fromStdString("unknown function " + fn)));
        const double rtol = c.at("rtol").get<double>(), atol = c.at("atol").get<double>();

        std::vector<Tensor> inputs;
        for (const json& s : c.at("inputs")) inputs.push_back(leafOf(s));
        Result r = functions().at(fn)(inputs, c.at("args"));

        QCOMPARE(r.out.shape(), shapeOf(c.at("output")));
        GL_COMPARE_CLOSE(r.out, expectedOf(c.at("output")), rtol, atol);
        if (c.contains("indices")) {
            QVERIFY(r.indices.defined());
            QCOMPARE(r.indices.shape(), shapeOf(c.at("indices")));
            GL_COMPARE_CLOSE(r.indices, expectedOf(c.at("indices")), 0.0, 0.0);
        }

        const json& grads = c.at("grads");
        bool anyGrad = false;
        for (const json& g : grads) anyGrad = anyGrad || !g.is_null();
        QCOMPARE(r.out.requiresGrad(), anyGrad);
        if (!anyGrad) return;
        r.out.backward(fromData(valuesOf(c.at("upstream")), r.out.shape()));
        for (std::size_t k = 0; k < inputs.size(); ++k) {
            if (grads[k].is_null()) {
                QVERIFY(!inputs[k].grad().defined());
                continue;
            }
            QVERIFY2(inputs[k].grad().defined(), qPrintable(QString("input %1 got no gradient").arg(k)));
            QCOMPARE(inputs[k].grad().shape(), shapeOf(grads[k]));
            std::string why;
            const bool ok = test::allClose(inputs[k].grad(), expectedOf(grads[k]), rtol, atol, &why);
            QVERIFY2(ok, qPrintable(QString("gradient of input %1: %2").arg(k).arg(QString::fromStdString(why))));
        }
    }

    // Every op of the table is compared with PyTorch, except dropout (PyTorch's random stream is
    // not ours; test_gradcheck checks its mask), to_device (needs a second device) and the ops
    // that have their own golden test.
    void everyOpHasAGoldenCase() {
        std::set<OpId> covered{OpId::dropout, OpId::to_device};
        // Compared with PyTorch in test_cnn_ops (cnn_golden.json).
        covered.insert({OpId::conv2d, OpId::max_pool2d, OpId::avg_pool2d, OpId::adaptive_avg_pool2d, OpId::batch_norm});
        // Compared with PyTorch in test_transformer_ops (transformer_golden.json).
        covered.insert({OpId::layer_norm, OpId::embedding, OpId::scaled_dot_product_attention, OpId::attention_weights});
        for (const json& c : goldenFile().at("cases")) {
            const std::string fn = c.at("fn").get<std::string>();
            std::vector<Tensor> inputs;
            for (const json& s : c.at("inputs")) inputs.push_back(leafOf(s));
            collectOps(functions().at(fn)(inputs, c.at("args")).out, covered);
        }
        QStringList missing;
        for (std::size_t i = 0; i < kOpCount; ++i)
            if (!covered.count(OpId(i)))
                missing << QString::fromUtf8(kOpTable[i].name.data(), int(kOpTable[i].name.size()));
        QVERIFY2(missing.isEmpty(), qPrintable("ops not compared with PyTorch: " + missing.join(", ")));
    }
};

QTEST_GUILESS_MAIN(TestOpsGolden)
#include "test_ops_golden.moc"
