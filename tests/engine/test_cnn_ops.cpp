// Convolution, pooling and batch norm modules against PyTorch 1.13 (tests/data/gen_cnn_golden.py):
// the layers' state_dict names and defaults, batch-norm running statistics over training steps and
// eval, a whole LeNet-5 forward + backward, determinism and the error messages. (The file's op cases
// are compared in test_ops_golden.)
#include <QtTest>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "common/check.h"
#include "common/golden.h"
#include "lessons/cnn/lenet5.h"
#include "engine/autograd/autograd.h"
#include "engine/core/error.h"
#include "engine/core/threads.h"
#include "engine/io/safetensors.h"
#include "engine/nn/activation.h"
#include "engine/nn/batch_norm.h"
#include "engine/nn/conv.h"
#include "engine/nn/linear.h"
#include "engine/nn/pooling.h"
#include "engine/nn/sequential.h"
#include "engine/ops/nn_ops.h"
#include "engine/ops/ops.h"
#include "engine/optim/optimizer.h"

using namespace gradlab;
using namespace gradlab::test;
using nlohmann::json;

namespace {

const json& goldenFile() {
    static const json j = test::loadJson("cnn_golden.json");
    return j;
}

// |got - expected| <= rtol |expected| + max(atolRel max|expected| + 1e-7, atol).
bool closeTo(const Tensor& got, const json& spec, double rtol, double atolRel, std::string* why, double atol = 0.0) {
    std::vector<double> e = expectedOf(spec);
    double scale = 0.0;
    for (double v : e)
        if (std::isfinite(v)) scale = std::max(scale, std::fabs(v));
    return test::allClose(got.toVector(), e, rtol, std::max(atolRel * scale + 1e-7, atol), why);
}

std::vector<std::string> keysOf(const Module& m) {
    std::vector<std::string> k;
    for (const auto& [name, t] : m.stateDict()) k.push_back(name);
    return k;
}
std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}
std::vector<std::string> names(const Module::NamedTensors& t) {
    std::vector<std::string> out;
    for (const auto& [n, x] : t) out.push_back(n);
    return out;
}

// The error message of f(), or "" when it does not throw.
template <class F>
std::string errorOf(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

// A small CNN with the layout of SmallCnn in gen_cnn_golden.py (state_dict names only).
class SmallCnn : public Module {
public:
    explicit SmallCnn(Generator& gen) {
        auto features = std::make_shared<Sequential>();
        features->add(std::make_shared<Conv2d>(1, 4, 3, gen));
        features->add(std::make_shared<BatchNorm2d>(4));
        features->add(std::make_shared<ReLU>());
        features->add(std::make_shared<MaxPool2d>(2));
        features->add(std::make_shared<Conv2d>(4, 8, 3, gen, Conv2dOptions{.bias = false}));
        features->add(std::make_shared<AdaptiveAvgPool2d>(1));
        registerModule("features", features);
        registerModule("norm", std::make_shared<BatchNorm1d>(8, 1e-5, 0.1, false));
        registerModule("head", std::make_shared<Linear>(8, 10, true, gen));
    }
    Tensor forward(const Tensor& x) override { return x; }
    std::string_view typeName() const override { return "SmallCnn"; }
};

}  // namespace

class TestCnnOps : public QObject {
    Q_OBJECT
private slots:
    // The same call gives the same bits, again and with another kernel thread count (the CPU conv
    // sums its weight gradient in a fixed block order, whichever thread ran a block).
    void deterministic() {
        Generator gen(3);
        const int threads = kernelThreads();
        for (Shape xs : {Shape{8, 3, 20, 20}, Shape{16, 6, 14, 14}, Shape{40, 16, 5, 5}}) {
            Tensor x = randn(xs, gen).setRequiresGrad();
            Tensor w = randn({16, xs[1], 5, 5}, gen).setRequiresGrad();
            Tensor b = randn({16}, gen).setRequiresGrad();
            std::vector<std::vector<float>> first;
            for (int rep = 0; rep < 3; ++rep) {
                setKernelThreads(rep == 2 ? 2 : 1);
                x.zeroGrad(), w.zeroGrad(), b.zeroGrad();
                Tensor y = maxPool2d(relu(conv2d(x, w, b, 1, 1)), 2);
                sum(mul(y, y)).backward();
                std::vector<std::vector<float>> now{y.toVector(), x.grad().toVector(), w.grad().toVector(),
                                                    b.grad().toVector()};
                if (rep == 0) first = now;
                else QVERIFY2(now == first, rep == 1 ? "repeated call" : "2 threads");
            }
        }
        setKernelThreads(threads);
    }

    // Two Adam steps of LeNet-5 (batch 64) leave the same bits with 1 and with 2 kernel threads.
    void lenet5StepsSameBitsForAnyThreadCount() {
        const int threads = kernelThreads();
        std::vector<std::vector<float>> first;
        for (int t : {1, 2}) {
            setKernelThreads(t);
            for (bool relu : {false, true}) {
                Generator gen(7);
                LeNet5 net(relu, relu, gen);
                Tensor x = randn({64, 1, 32, 32}, gen);
                std::vector<float> labels(64);
                for (float& l : labels) l = float(gen.below(10));
                Tensor y = fromData(labels, {64});
                auto opt = makeOptimizer("adam", net.parameters(), {{"lr", 1e-3}});
                for (int step = 0; step < 2; ++step) {
                    opt->zeroGrad();
                    crossEntropy(net(x), y).backward();
                    opt->step();
                }
                std::vector<std::vector<float>> now;
                for (const Tensor& p : net.parameters()) now.push_back(p.toVector());
                if (t == 1) first.insert(first.end(), now.begin(), now.end());
                else
                    for (std::size_t i = 0; i < now.size(); ++i)
                        QVERIFY2(now[i] == first[(relu ? now.size() : 0) + i], qPrintable(QString("parameter %1").arg(i)));
            }
        }
        setKernelThreads(threads);
    }

    void moduleStateDictNames() {
        const json& k = goldenFile().at("state_dict_keys");
        auto want = [&](const char* n) { return k.at(n).get<std::vector<std::string>>(); };
        Generator gen(1);
        Conv2d conv(3, 4, 3, gen);
        QCOMPARE(keysOf(conv), sorted(want("conv2d")));
        QCOMPARE(names(conv.namedParameters()), want("conv2d"));
        Conv2d convNb(3, 4, 3, gen, {.bias = false});
        QCOMPARE(names(convNb.namedParameters()), want("conv2d_nobias"));
        QVERIFY(!convNb.bias().defined());

        BatchNorm2d bn(3);
        Module::NamedTensors all = bn.namedParameters();
        for (auto& b : bn.namedBuffers()) all.push_back(b);
        QCOMPARE(names(all), want("batchnorm2d"));
        BatchNorm1d bnNa(3, 1e-5, 0.1, false);
        QCOMPARE(names(bnNa.namedBuffers()), want("batchnorm1d_no_affine"));
        QVERIFY(bnNa.namedParameters().empty());
        BatchNorm2d bnNs(3, 1e-5, 0.1, true, false);
        QCOMPARE(names(bnNs.namedParameters()), want("batchnorm2d_no_stats"));
        QVERIFY(bnNs.namedBuffers().empty());

        SmallCnn cnn(gen);
        QCOMPARE(keysOf(cnn), sorted(want("small_cnn")));
        QCOMPARE(MaxPool2d(2).typeName(), std::string_view("MaxPool2d"));
        QCOMPARE(bn.typeName(), std::string_view("BatchNorm2d"));
    }

    void moduleDefaults() {
        // Conv2d: weight and bias in U(-1/sqrt(fan_in), 1/sqrt(fan_in)), fan_in = in / groups * kH * kW.
        Generator gen(5);
        Conv2d conv(8, 32, Size2(3, 4), gen, {.groups = 2});
        QCOMPARE(conv.weight().shape(), (Shape{32, 4, 3, 4}));
        const double bound = 1.0 / std::sqrt(4.0 * 12.0);
        std::vector<float> w = conv.weight().toVector();
        double sq = 0.0;
        for (float v : w) {
            QVERIFY(std::fabs(v) <= bound);
            sq += double(v) * v;
        }
        const double stdExpected = bound / std::sqrt(3.0), stdGot = std::sqrt(sq / double(w.size()));
        QVERIFY2(std::fabs(stdGot / stdExpected - 1.0) < 0.08, qPrintable(QString::number(stdGot)));
        for (float v : conv.bias().toVector()) QVERIFY(std::fabs(v) <= bound);

        BatchNorm2d bn(3);
        QCOMPARE(bn.weight().toVector(), std::vector<float>(3, 1.0f));
        QCOMPARE(bn.bias().toVector(), std::vector<float>(3, 0.0f));
        QCOMPARE(bn.runningMean().toVector(), std::vector<float>(3, 0.0f));
        QCOMPARE(bn.runningVar().toVector(), std::vector<float>(3, 1.0f));
        QCOMPARE(bn.numBatchesTracked().item(), 0.0f);
        QCOMPARE(bn.numBatchesTracked().dim(), int64_t(0));
        QCOMPARE(bn.eps(), 1e-5);
        QCOMPARE(*bn.momentum(), 0.1);
        MaxPool2d mp(3);
        QCOMPARE(mp.stride(), Size2(3));
        AvgPool2d ap(Size2(2, 3), Size2(1, 1));
        QCOMPARE(ap.stride(), Size2(1));
    }

    // BatchNorm2d over 3 training steps then eval, and BatchNorm1d with momentum None.
    void batchNormSteps() {
        const json& all = goldenFile().at("batchnorm_steps");
        for (const char* name : {"bn2d", "bn1d_cumulative"}) {
            const json& rec = all.at(name);
            std::shared_ptr<BatchNorm> bn;
            if (std::string(name) == "bn2d")
                bn = std::make_shared<BatchNorm2d>(3);
            else
                bn = std::make_shared<BatchNorm1d>(4, 1e-5, std::nullopt);
            bn->loadStateDict({{"weight", tensorOf(rec.at("weight"))}, {"bias", tensorOf(rec.at("bias"))}}, false);
            int step = 0;
            for (const json& s : rec.at("steps")) {
                const QString where = QString("%1 step %2: ").arg(name).arg(step++);
                bn->train(s.at("training").get<bool>());
                bn->zeroGrad();
                Tensor y = (*bn)(tensorOf(s.at("x")));
                std::string why;
                QVERIFY2(closeTo(y, s.at("y"), 1e-5, 2e-6, &why), qPrintable(where + "y " + why.c_str()));
                if (s.contains("dweight")) {
                    sum(mul(y, tensorOf(s.at("upstream")))).backward();
                    QVERIFY2(closeTo(bn->weight().grad(), s.at("dweight"), 1e-5, 2e-6, &why),
                             qPrintable(where + "dweight " + why.c_str()));
                    QVERIFY2(closeTo(bn->bias().grad(), s.at("dbias"), 1e-5, 2e-6, &why),
                             qPrintable(where + "dbias " + why.c_str()));
                }
                QVERIFY2(closeTo(bn->runningMean(), s.at("running_mean"), 1e-5, 2e-6, &why),
                         qPrintable(where + "running_mean " + why.c_str()));
                QVERIFY2(closeTo(bn->runningVar(), s.at("running_var"), 1e-5, 2e-6, &why),
                         qPrintable(where + "running_var " + why.c_str()));
                QCOMPARE(bn->numBatchesTracked().item(), s.at("num_batches_tracked").get<float>());
            }
        }
    }

    // LeNet-5 (both variants) with torch's weights: loss and every parameter gradient to 1e-4.
    void lenet5MatchesTorch() {
        SafetensorsFile f = loadSafetensors(std::string(GRADLAB_TEST_DATA) + "/lenet5_golden.safetensors");
        for (const char* variant : {"tanh_avg", "relu_max"}) {
            Generator gen(0);
            const bool relu = std::string(variant) == "relu_max";
            LeNet5 net(relu, relu, gen);
            std::map<std::string, Tensor> state;
            for (const auto& [name, t] : f.tensors)
                if (name.rfind("param.", 0) == 0) state[name.substr(6)] = t;
            net.loadStateDict(state);
            Tensor loss = crossEntropy(net(f.tensor("x")), f.tensor("y"));
            const float want = f.tensor(std::string(variant) + ".loss").item();
            QVERIFY2(std::fabs(loss.item() - want) <= 1e-4 * std::fabs(want),
                     qPrintable(QString("%1 loss %2 vs %3").arg(variant).arg(loss.item()).arg(want)));
            loss.backward();
            for (const auto& [name, p] : net.namedParameters()) {
                const Tensor& g = f.tensor(std::string(variant) + ".grad." + name);
                std::vector<float> gv = g.toVector();
                std::vector<double> expected(gv.begin(), gv.end());
                double scale = 0.0;
                for (double v : expected) scale = std::max(scale, std::fabs(v));
                std::string why;
                QVERIFY2(p.grad().defined(), name.c_str());
                QVERIFY2(test::allClose(p.grad(), expected, 1e-4, 1e-5 * scale, &why),
                         qPrintable(QString("%1 %2: %3").arg(variant, name.c_str(), why.c_str())));
            }
        }
    }

    void errorsNameTheDims() {
        Tensor x = zeros({2, 3, 8, 8}), w = zeros({4, 3, 3, 3});
        QVERIFY(errorOf([&] { conv2d(x, zeros({4, 2, 3, 3})); }).find("has 3 channels") != std::string::npos);
        QVERIFY(errorOf([&] { conv2d(x, zeros({4, 3, 3})); }).find("weight must be 4-D") != std::string::npos);
        QVERIFY(errorOf([&] { conv2d(zeros({3, 8}), w); }).find("(N, C, H, W)") != std::string::npos);
        QVERIFY(errorOf([&] { conv2d(x, w, zeros({5})); }).find("bias must have shape (4)") != std::string::npos);
        QVERIFY(errorOf([&] { conv2d(x, zeros({4, 1, 3, 3}), Tensor(), 1, 0, 1, 2); }).find("divisible by groups") !=
                std::string::npos);
        QVERIFY(errorOf([&] { conv2d(x, zeros({4, 3, 9, 3})); }).find("smaller than the (dilated) kernel") !=
                std::string::npos);
        QVERIFY(errorOf([&] { conv2d(x, w, Tensor(), 0); }).find("stride must be positive") != std::string::npos);
        QVERIFY(errorOf([&] { maxPool2d(x, 3, 1, 2); }).find("half the kernel size") != std::string::npos);
        QVERIFY(errorOf([&] { maxPool2d(zeros({1, 1, 2, 2}), 3); }).find("too small") != std::string::npos);
        QVERIFY(errorOf([&] { avgPool2d(zeros({2, 8}), 2); }).find("(N, C, H, W)") != std::string::npos);
        QVERIFY(errorOf([&] { adaptiveAvgPool2d(x, 0); }).find("output size must be positive") != std::string::npos);
        QVERIFY(errorOf([&] { batchNorm(x, zeros({2}), ones({2}), Tensor(), Tensor(), true); })
                    .find("running_mean should have shape (3)") != std::string::npos);
        QVERIFY(errorOf([&] { batchNorm(zeros({1, 3}), Tensor(), Tensor(), Tensor(), Tensor(), true); })
                    .find("more than 1 value per channel") != std::string::npos);
        QVERIFY(errorOf([&] { batchNorm(x, Tensor(), Tensor()); }).find("evaluation mode") != std::string::npos);
        Generator gen(1);
        QVERIFY(errorOf([&] { Conv2d(3, 4, 3, gen, {.groups = 2}); }).find("divisible by groups") != std::string::npos);
        Conv2d conv(3, 4, 3, gen);
        QVERIFY(errorOf([&] { conv(zeros({2, 5, 8, 8})); }).find("expected input of shape (N, 3, H, W)") !=
                std::string::npos);
        BatchNorm2d bn(3);
        QVERIFY(errorOf([&] { bn(zeros({2, 3})); }).find("expected 4D input") != std::string::npos);
        BatchNorm1d bn1(3);
        QVERIFY(errorOf([&] { bn1(zeros({2, 4})); }).find("expected 3 features") != std::string::npos);
        // Nothing ran: the BatchNorm2d call above failed before counting a batch.
        QCOMPARE(bn.numBatchesTracked().item(), 0.0f);
    }
};

QTEST_GUILESS_MAIN(TestCnnOps)
#include "test_cnn_ops.moc"
