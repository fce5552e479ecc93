// nn modules: Linear forward/backward and activation modules against PyTorch 1.13
// (tests/data/gen_nn.py), parameter naming like torch's state_dict, checked state-dict loading,
// train/eval, Dropout (semantics against torch.nn.Dropout, tests/data/gen_dropout.py), forward hooks
// and Linear's default initialisation.
#include <QtTest>

#include <cmath>

#include "common/check.h"
#include "engine/core/error.h"
#include "engine/nn/activation.h"
#include "engine/nn/dropout.h"
#include "engine/nn/linear.h"
#include "engine/nn/sequential.h"
#include "engine/ops/ops.h"
#include "engine/optim/optimizer.h"

using namespace gradlab;
using nlohmann::json;

namespace {

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
std::vector<std::string> names(const Module::NamedTensors& t) {
    std::vector<std::string> out;
    for (const auto& [n, x] : t) out.push_back(n);
    return out;
}

// A module with a buffer, to check buffers in names and state dicts.
class Scaler : public Module {
public:
    Scaler() : m_scale(registerBuffer("scale", full({2}, 3.0f))) {}
    Tensor forward(const Tensor& x) override { return mul(x, m_scale); }
    std::string_view typeName() const override { return "Scaler"; }

private:
    Tensor& m_scale;
};

}  // namespace

class TestNn : public QObject {
    Q_OBJECT
private slots:
    void linearMatchesTorch() {
        json d = test::loadJson("nn_golden.json")["linear"];
        Generator gen(1);
        Linear lin(4, 3, true, gen);
        lin.loadStateDict({{"weight", fromData(floats(d["weight"]), {3, 4})}, {"bias", fromData(floats(d["bias"]), {3})}});
        Tensor x = fromData(floats(d["x"]), {2, 5, 4}).setRequiresGrad();
        Tensor r = fromData(floats(d["r"]), {2, 5, 3});
        Tensor y = lin(x);
        QCOMPARE(y.shape(), (Shape{2, 5, 3}));
        GL_COMPARE_CLOSE(y, doubles(d["y"]), 1e-5, 1e-6);
        sum(mul(y, r)).backward();
        GL_COMPARE_CLOSE(lin.weight().grad(), doubles(d["dweight"]), 1e-5, 1e-6);
        GL_COMPARE_CLOSE(lin.bias().grad(), doubles(d["dbias"]), 1e-5, 1e-6);
        GL_COMPARE_CLOSE(x.grad(), doubles(d["dx"]), 1e-5, 1e-6);

        json n = test::loadJson("nn_golden.json")["linear_nobias"];
        Linear nb(6, 2, false, gen);
        QCOMPARE(names(nb.namedParameters()), (std::vector<std::string>{"weight"}));
        QVERIFY(!nb.bias().defined());
        nb.loadStateDict({{"weight", fromData(floats(n["weight"]), {2, 6})}});
        GL_COMPARE_CLOSE(nb(fromData(floats(n["x"]), {6})), doubles(n["y"]), 1e-5, 1e-6);
        QVERIFY_THROWS_EXCEPTION(Error, nb(zeros({3, 5})));  // wrong in_features
    }

    void linearDefaultInit() {
        // kaiming_uniform(a = sqrt(5)) and the bias rule give U(-1/sqrt(in), 1/sqrt(in)) for both.
        Generator gen(11);
        Linear lin(100, 300, true, gen);
        const float bound = float(1.0 / std::sqrt(100.0));
        for (const Tensor& t : {lin.weight(), lin.bias()}) {
            std::vector<float> v = t.toVector();
            float mx = 0;
            for (float x : v) mx = std::max(mx, std::fabs(x));
            QVERIFY(mx <= bound);
            QVERIFY(mx > 0.98f * bound);  // and the range is used
        }
        double s = 0;
        for (float x : lin.weight().toVector()) s += double(x) * x;
        const double std = std::sqrt(s / 30000.0), want = bound / std::sqrt(3.0);  // std of U(-b, b)
        QVERIFY(std::fabs(std - want) < 0.02 * want);
        QVERIFY(lin.weight().requiresGrad() && lin.bias().requiresGrad());
        QCOMPARE(lin.numParameters(), int64_t(300 * 100 + 300));
    }

    void activationsMatchTorch() {
        json d = test::loadJson("nn_golden.json");
        Tensor x = fromData(floats(d["x_act"]), {int64_t(d["x_act"].size())});
        for (const auto& a : d["activations"]) {
            double param = a["param"].is_null() ? std::nan("") : a["param"].get<double>();
            auto m = makeActivation(a["name"].get<std::string>(), param);
            QCOMPARE(m->typeName(), std::string_view(a["type"].get_ref<const std::string&>()));
            GL_COMPARE_CLOSE((*m)(x), doubles(a["y"]), 1e-5, 1e-6);
        }
        QCOMPARE(int(activationNames().size()), 9);
        for (auto n : activationNames()) QVERIFY(makeActivation(n) != nullptr);
        try {
            makeActivation("swish");
            QFAIL("no error for an unknown activation");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("leaky_relu"));  // lists the known names
        }
        QVERIFY_THROWS_EXCEPTION(Error, makeActivation("softplus", 0.0));
        Flatten f;
        QCOMPARE(f(zeros({2, 3, 4, 5})).shape(), (Shape{2, 60}));
        Identity id;
        Tensor z = zeros({3});
        QVERIFY(id(z).sameAs(z));
    }

    void namesLikeTorch() {
        json keys = test::loadJson("nn_golden.json")["state_dict_keys"];
        Generator gen(0);
        Sequential seq{std::make_shared<Linear>(3, 4, true, gen), std::make_shared<ReLU>(),
                       std::make_shared<Linear>(4, 2, true, gen)};
        QCOMPARE(names(seq.namedParameters()), keys["sequential"].get<std::vector<std::string>>());
        QCOMPARE(seq.size(), std::size_t(3));
        QCOMPARE(seq[1].typeName(), std::string_view("ReLU"));
        QCOMPARE(seq[-1].typeName(), std::string_view("Linear"));
        QVERIFY_THROWS_EXCEPTION(Error, seq.at(3));

        auto encoder = std::make_shared<Sequential>();
        encoder->add(std::make_shared<Linear>(2, 2, true, gen)).add(std::make_shared<Tanh>());
        Sequential outer;
        outer.push_back("encoder", encoder);
        outer.push_back("head", std::make_shared<Linear>(2, 1, true, gen));
        QCOMPARE(names(outer.namedParameters()), keys["nested"].get<std::vector<std::string>>());
        QCOMPARE(outer.child("encoder.0")->typeName(), std::string_view("Linear"));
        QVERIFY_THROWS_EXCEPTION(Error, outer.child("decoder"));
        QVERIFY_THROWS_EXCEPTION(Error, outer.push_back("head", std::make_shared<ReLU>()));  // name taken
        QCOMPARE(int(outer.parameters().size()), 4);
        QCOMPARE(outer(zeros({5, 2})).shape(), (Shape{5, 1}));

        Sequential withBuffer;
        withBuffer.add(std::make_shared<Scaler>());
        QCOMPARE(names(withBuffer.namedBuffers()), (std::vector<std::string>{"0.scale"}));
        QVERIFY(withBuffer.namedParameters().empty());
        QCOMPARE(int(withBuffer.stateDict().count("0.scale")), 1);
    }

    void loadStateDictChecks() {
        Generator gen(4);
        Sequential net{std::make_shared<Linear>(3, 4, true, gen), std::make_shared<Tanh>(),
                       std::make_shared<Linear>(4, 2, true, gen)};
        auto params = net.parameters();
        auto opt = makeOptimizer("sgd", params, {{"lr", 0.1}});
        std::vector<std::vector<float>> before;
        for (const Tensor& p : params) before.push_back(p.toVector());
        auto unchanged = [&] {
            for (std::size_t i = 0; i < params.size(); ++i)
                if (params[i].toVector() != before[i]) return false;
            return true;
        };

        // Mismatched shape + missing + unexpected: one error listing them all, nothing copied
        // (including the entries that were fine).
        std::map<std::string, Tensor> bad{{"0.weight", full({4, 3}, 1.0f)}, {"0.bias", full({5}, 1.0f)},
                                          {"2.weight", full({2, 4}, 1.0f)}, {"extra", zeros({1})}};
        try {
            net.loadStateDict(bad);
            QFAIL("no error");
        } catch (const Error& e) {
            QString m(e.what());
            QVERIFY2(m.contains("0.bias") && m.contains("(4)") && m.contains("(5)"), qPrintable(m));
            QVERIFY2(m.contains("missing") && m.contains("2.bias"), qPrintable(m));
            QVERIFY2(m.contains("unexpected") && m.contains("extra"), qPrintable(m));
        }
        QVERIFY(unchanged());
        // Non-strict: missing and unexpected are fine, a shape mismatch is still an error.
        QVERIFY_THROWS_EXCEPTION(Error, net.loadStateDict(bad, false));
        QVERIFY(unchanged());
        net.loadStateDict({{"0.weight", full({4, 3}, 1.0f)}, {"extra", zeros({1})}}, false);
        QCOMPARE(params[0].toVector(), std::vector<float>(12, 1.0f));
        QCOMPARE(params[1].toVector(), before[1]);

        // A full round trip restores the values in place: the optimizer's handles stay live.
        auto saved = net.stateDict();
        for (auto& [k, v] : saved) v = v.clone();
        for (Tensor& p : params) p.fill_(0.5f);
        net.loadStateDict(saved);
        QCOMPARE(params[2].toVector(), before[2]);
        QVERIFY(opt->params()[2].sameAs(net.parameters()[2]));
        params[2].setGrad(onesLike(params[2]));
        opt->step();
        QCOMPARE(net.parameters()[2].toVector()[0], before[2][0] - 0.1f);
    }

    void trainEvalAndDropout() {
        Generator gen(8);
        auto drop = std::make_shared<Dropout>(0.25, gen);
        Sequential net{std::make_shared<Linear>(4, 4, true, gen), drop};
        QVERIFY(net.isTraining() && drop->isTraining());
        net.eval();
        QVERIFY(!net.isTraining() && !drop->isTraining());
        Tensor x = ones({200, 500});
        QVERIFY((*drop)(x).sameAs(x));  // identity in eval mode
        net.train();
        QVERIFY(drop->isTraining());
        std::vector<float> y = (*drop)(x).toVector();
        int64_t zeros_ = 0;
        for (float v : y) {
            if (v == 0.0f) ++zeros_;
            else QCOMPARE(v, 1.0f / 0.75f);  // survivors scaled by 1 / (1 - p)
        }
        const double frac = double(zeros_) / double(y.size()), sigma = std::sqrt(0.25 * 0.75 / double(y.size()));
        QVERIFY2(std::fabs(frac - 0.25) < 6 * sigma, qPrintable(QString("dropped fraction %1").arg(frac)));
        QVERIFY_THROWS_EXCEPTION(Error, Dropout(1.5, gen));
        QVERIFY_THROWS_EXCEPTION(Error, drop->setP(-0.1));
        QCOMPARE(drop->p(), 0.25);
    }

    // Against torch.nn.Dropout (tests/data/gen_dropout.py). Torch's masks come from its own
    // generator, so the semantics are compared, not the masks: eval mode is the identity; in train
    // mode every element is 0 or x / (1 - p) and the gradient of sum(y * r) is r / (1 - p) or 0
    // (checked on torch's output too, to confirm the convention); the kept fraction is 1 - p within
    // 4 binomial standard deviations; the output's mean is the input's within 5 standard deviations.
    void dropoutMatchesTorch() {
        json d = test::loadJson("dropout_golden.json");
        Generator gen(21);
        // Checks one train-mode result and counts the kept elements.
        auto checkTrain = [](double p, const std::vector<float>& x, const std::vector<float>& r, const std::vector<float>& y,
                             const std::vector<float>& dx, const char* who, int64_t& kept) {
            kept = 0;
            for (std::size_t i = 0; i < x.size(); ++i) {
                const double want = double(x[i]) / (1.0 - p), wantGrad = double(r[i]) / (1.0 - p);
                if (y[i] == 0.0f && x[i] != 0.0f) {
                    QVERIFY2(dx[i] == 0.0f, qPrintable(QString("%1 p=%2: gradient %3 where dropped").arg(who).arg(p).arg(dx[i])));
                    continue;
                }
                ++kept;
                QVERIFY2(std::fabs(y[i] - want) <= 1e-6 * std::fabs(want),
                         qPrintable(QString("%1 p=%2 element %3: %4, want %5").arg(who).arg(p).arg(i).arg(y[i]).arg(want)));
                QVERIFY2(std::fabs(dx[i] - wantGrad) <= 1e-6 * std::fabs(wantGrad),
                         qPrintable(QString("%1 p=%2 gradient %3: %4, want %5").arg(who).arg(p).arg(i).arg(dx[i]).arg(wantGrad)));
            }
            const double n = double(x.size()), frac = double(kept) / n, sigma = std::sqrt(p * (1 - p) / n);
            QVERIFY2(std::fabs(frac - (1 - p)) <= 4 * sigma,
                     qPrintable(QString("%1 p=%2: kept fraction %3").arg(who).arg(p).arg(frac)));
            // E[y] = E[x]; Var(mean(y) - mean(x)) = p / (1 - p) * sum(x^2) / n^2 for this x.
            double sx = 0, sy = 0, sxx = 0;
            for (std::size_t i = 0; i < x.size(); ++i) {
                sx += x[i];
                sy += y[i];
                sxx += double(x[i]) * x[i];
            }
            const double sdMean = std::sqrt(p / (1 - p) * sxx) / n;
            QVERIFY2(std::fabs(sy / n - sx / n) <= 5 * sdMean,
                     qPrintable(QString("%1 p=%2: mean %3 vs %4").arg(who).arg(p).arg(sy / n).arg(sx / n)));
        };
        for (const json& c : d["cases"]) {
            const double p = c["p"].get<double>();
            const std::vector<float> x = floats(c["x"]), r = floats(c["r"]);
            const int64_t n = int64_t(x.size());
            QCOMPARE(floats(c["y_eval"]), x);  // torch: identity in eval mode
            int64_t kept = 0;
            checkTrain(p, x, r, floats(c["y_train"]), floats(c["dx_train"]), "torch", kept);
            QCOMPARE(kept, int64_t(std::llround(c["kept_fraction"].get<double>() * double(n))));

            Dropout drop(p, gen);
            QVERIFY(drop.isTraining());  // modules start in train mode, like torch
            drop.eval();
            Tensor xe = fromData(x, {n});
            QCOMPARE(drop(xe).toVector(), x);  // ours: identity in eval mode, exactly
            drop.train();
            Tensor xt = fromData(x, {n}).setRequiresGrad();
            Tensor y = drop(xt);
            sum(mul(y, fromData(r, {n}))).backward();
            checkTrain(p, x, r, y.toVector(), xt.grad().toVector(), "ours", kept);
            // Over many elements: the input repeated 50 times (100,000), fresh masks.
            std::vector<float> big, rbig;
            for (int k = 0; k < 50; ++k) {
                big.insert(big.end(), x.begin(), x.end());
                rbig.insert(rbig.end(), r.begin(), r.end());
            }
            Tensor xb = fromData(big, {int64_t(big.size())}).setRequiresGrad();
            Tensor yb = drop(xb);
            sum(mul(yb, fromData(rbig, {int64_t(big.size())}))).backward();
            checkTrain(p, big, rbig, yb.toVector(), xb.grad().toVector(), "ours x50", kept);
        }
        // p = 0: the identity in both modes; p = 1 (allowed by torch): zeros and a zero gradient in
        // train mode, the identity in eval mode.
        for (const json& c : d["edge"]) {
            const double p = c["p"].get<double>();
            const std::vector<float> x = floats(c["x"]), r = floats(c["r"]);
            const int64_t n = int64_t(x.size());
            Dropout drop(p, gen);
            Tensor xt = fromData(x, {n}).setRequiresGrad();
            Tensor y = drop(xt);
            sum(mul(y, fromData(r, {n}))).backward();
            QCOMPARE(y.toVector(), floats(c["y_train"]));
            QCOMPARE(xt.grad().toVector(), floats(c["dx_train"]));
            if (p == 0.0) QVERIFY(y.sameAs(xt));
            drop.eval();
            QCOMPARE(drop(xt).toVector(), floats(c["y_eval"]));
            QCOMPARE(floats(c["y_eval"]), x);
        }
        // Probabilities outside [0, 1]: torch raises ValueError, ours throws.
        for (const json& p : d["torch_rejects"]) QVERIFY_THROWS_EXCEPTION(Error, Dropout(p.get<double>(), gen));
    }

    void forwardHooks() {
        Generator gen(2);
        auto l1 = std::make_shared<Linear>(3, 5, true, gen);
        auto act = std::make_shared<ReLU>();
        Sequential net{l1, act, std::make_shared<Linear>(5, 1, true, gen)};
        Tensor seenIn, seenOut;
        const Module* who = nullptr;
        int calls = 0;
        int id = act->addForwardHook([&](const Module& m, const Tensor& in, const Tensor& out) {
            who = &m;
            seenIn = in;
            seenOut = out;
            ++calls;
        });
        int netCalls = 0;
        int id2 = net.addForwardHook([&](const Module&, const Tensor&, const Tensor& out) {
            ++netCalls;
            QCOMPARE(out.shape(), (Shape{4, 1}));
        });
        Tensor x = randn({4, 3}, gen);
        net(x);
        QCOMPARE(calls, 1);
        QCOMPARE(netCalls, 1);
        QCOMPARE(who, static_cast<const Module*>(act.get()));
        // The hook saw the ReLU's real input (the first layer's output) and output.
        QCOMPARE(seenIn.toVector(), (*l1)(x).toVector());
        QCOMPARE(seenOut.toVector(), relu(seenIn).toVector());
        act->removeForwardHook(id);
        net(x);
        QCOMPARE(calls, 1);
        QCOMPARE(netCalls, 2);
        net.removeForwardHook(id2);
        net.removeForwardHook(12345);  // unknown ids are ignored
        net(x);
        QCOMPARE(netCalls, 2);
    }

    void zeroGradDropsGradients() {
        Generator gen(6);
        Linear lin(2, 2, true, gen);
        sum(lin(ones({1, 2}))).backward();
        QVERIFY(lin.weight().grad().defined());
        lin.zeroGrad();
        QVERIFY(!lin.weight().grad().defined() && !lin.bias().grad().defined());
    }

    // Module::to moves parameters in place: handles held elsewhere (an optimizer's) follow, values
    // and gradients are kept. Without a usable GPU, to(cuda) throws and changes nothing.
    void toMovesParametersInPlace() {
        Generator gen(8);
        Sequential net{std::make_shared<Linear>(3, 4, true, gen), std::make_shared<Tanh>(),
                       std::make_shared<Linear>(4, 2, true, gen)};
        const std::vector<Tensor> handles = net.parameters();
        sum(net(ones({2, 3}))).backward();
        std::vector<std::vector<float>> values, grads;
        for (const Tensor& p : handles) values.push_back(p.toVector()), grads.push_back(p.grad().toVector());
        net.to(Device::CPU);  // already there: nothing changes
        QCOMPARE(net.device(), Device::CPU);
        if (cudaAvailable()) {
            net.to(Device::CUDA);
            QCOMPARE(net.device(), Device::CUDA);
            for (const Tensor& p : handles) {
                QCOMPARE(p.device(), Device::CUDA);
                QCOMPARE(p.grad().device(), Device::CUDA);
            }
            net.to(Device::CPU);
        } else {
            try {
                net.to(Device::CUDA);
                QFAIL("to(cuda) without a usable GPU did not throw");
            } catch (const Error& e) {
                QVERIFY2(QString(e.what()).contains("to(cuda)"), e.what());
            }
        }
        for (std::size_t i = 0; i < handles.size(); ++i) {
            QCOMPARE(handles[i].device(), Device::CPU);
            QVERIFY(handles[i].toVector() == values[i]);
            QVERIFY(handles[i].grad().toVector() == grads[i]);
            QVERIFY(handles[i].requiresGrad() && handles[i].isLeaf());
        }
    }
};

QTEST_GUILESS_MAIN(TestNn)
#include "test_nn.moc"
