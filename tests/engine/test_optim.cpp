// Optimizers against PyTorch 1.13: parameter trajectories bit for bit (tests/data/gen_optim.py),
// the Rosenbrock race with our autograd (tests/data/rosenbrock_paths.json), live option changes,
// option checks, state save/load, and gradient clipping (clip_grad_norm_, clip_grad_value_).
#include <QtTest>

#include <cstring>

#include "common/check.h"
#include "engine/core/error.h"
#include "engine/ops/ops.h"
#include "engine/optim/clip_grad.h"
#include "engine/optim/optimizers.h"

using namespace gradlab;
using nlohmann::json;

namespace {

std::vector<float> floats(const json& a) {
    std::vector<float> v;
    for (const auto& x : a) v.push_back(float(x.get<double>()));
    return v;
}

std::map<std::string, double> optionMap(const json& o) {
    std::map<std::string, double> m;
    for (const auto& [k, v] : o.items()) m[k] = v.get<double>();
    return m;
}

bool bitEqual(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Rosenbrock f = (1 - x)^2 + 100 (y - x^2)^2, written with the ops torch records for the Python
// expression (rsub, pow 2, sub, pow 2, mul by 100, add), so that autograd runs the same arithmetic.
Tensor rosenbrock(const Tensor& p) {
    Tensor x = p.select(0, 0), y = p.select(0, 1);
    return add(pow(rsub(1.0f, x), 2.0f), mul(pow(sub(y, pow(x, 2.0f)), 2.0f), 100.0f));
}

}  // namespace

class TestOptim : public QObject {
    Q_OBJECT
private slots:
    void goldenTrajectories() {
        json data = test::loadJson("optim_golden.json");
        int checked = 0;
        for (const auto& c : data["cases"]) {
            const std::string name = c["name"];
            std::vector<float> p0 = floats(c["p0"]);
            Tensor p = fromData(p0, {int64_t(p0.size())}).setRequiresGrad();
            auto opt = makeOptimizer(c["optimizer"].get<std::string>(), {p}, optionMap(c["options"]));
            const auto& grads = c["grads"];
            for (std::size_t k = 0; k < grads.size(); ++k) {
                if (c["changes"].contains(std::to_string(k)))
                    for (const auto& [opt_name, v] : c["changes"][std::to_string(k)].items())
                        opt->setOption(opt_name, v.get<double>());
                p.setGrad(fromData(floats(grads[k]), p.shape()));
                opt->step();
                std::vector<float> got = p.toVector(), want = floats(c["params"][k]);
                for (std::size_t i = 0; i < got.size(); ++i)
                    QVERIFY2(bitEqual(got[i], want[i]),
                             qPrintable(QString("%1 step %2 element %3: got %4, torch %5")
                                            .arg(QString::fromStdString(name))
                                            .arg(k)
                                            .arg(i)
                                            .arg(double(got[i]), 0, 'g', 9)
                                            .arg(double(want[i]), 0, 'g', 9)));
            }
            ++checked;
        }
        QCOMPARE(checked, int(data["cases"].size()));
        QVERIFY(checked >= 40);
    }

    // Large tensors take the multi-threaded loop, strided parameters the staged (copy back) path:
    // both must still give torch's numbers. Each golden 7-element run is tiled 40000 times.
    void largeAndStridedParameters() {
        json data = test::loadJson("optim_golden.json");
        for (const char* want : {"adam_amsgrad_wd_7", "rmsprop_centered_momentum_wd_7", "sgd_nesterov_wd_7"}) {
            const json* cp = nullptr;
            for (const auto& c : data["cases"])
                if (c["name"] == want) cp = &c;
            QVERIFY(cp != nullptr);
            const json& c = *cp;
            constexpr int64_t kTiles = 40000;
            auto tile = [&](const json& a) {
                std::vector<float> one = floats(a), all;
                for (int64_t t = 0; t < kTiles; ++t) all.insert(all.end(), one.begin(), one.end());
                return all;
            };
            Tensor big = fromData(tile(c["p0"]), {kTiles * 7}).setRequiresGrad();
            // A (7, 2) parameter seen through its transpose: a non-contiguous leaf of shape (2, 7)
            // whose rows hold two copies of the run.
            Tensor base = empty({7, 2});
            Tensor strided = base.t();
            {
                std::vector<float> two = floats(c["p0"]);
                two.insert(two.end(), two.begin(), two.begin() + 7);
                strided.copy_(fromData(two, {2, 7}));
            }
            strided.setRequiresGrad();
            QVERIFY(!strided.isContiguous());
            auto optBig = makeOptimizer(c["optimizer"].get<std::string>(), {big}, optionMap(c["options"]));
            auto optStr = makeOptimizer(c["optimizer"].get<std::string>(), {strided}, optionMap(c["options"]));
            for (std::size_t k = 0; k < c["grads"].size(); ++k) {
                big.setGrad(fromData(tile(c["grads"][k]), big.shape()));
                std::vector<float> g2 = floats(c["grads"][k]);
                g2.insert(g2.end(), g2.begin(), g2.begin() + 7);
                strided.setGrad(fromData(g2, {2, 7}));
                optBig->step();
                optStr->step();
            }
            std::vector<float> last = floats(c["params"][c["params"].size() - 1]);
            std::vector<float> got = big.toVector(), got2 = strided.toVector();
            for (std::size_t i = 0; i < got.size(); ++i) QVERIFY2(bitEqual(got[i], last[i % 7]), want);
            for (std::size_t i = 0; i < got2.size(); ++i) QVERIFY2(bitEqual(got2[i], last[i % 7]), want);
        }
    }

    void rosenbrockRace_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("optimizer");
        QTest::addColumn<double>("lr");
        QTest::addColumn<double>("momentum");
        QTest::newRow("sgd") << "sgd_lr1e-3" << "sgd" << 1e-3 << 0.0;
        QTest::newRow("momentum") << "sgd_momentum0.9_lr1e-3" << "sgd" << 1e-3 << 0.9;
        QTest::newRow("adam") << "adam_lr1e-2" << "adam" << 1e-2 << -1.0;
        QTest::newRow("rmsprop") << "rmsprop_lr1e-2" << "rmsprop" << 1e-2 << -1.0;
    }
    void rosenbrockRace() {
        QFETCH(QString, key);
        QFETCH(QString, optimizer);
        QFETCH(double, lr);
        QFETCH(double, momentum);
        static const json data = test::loadJson("rosenbrock_paths.json");
        const json& ref = data["float32"][key.toStdString()];
        const json& path = ref["path"];
        const json& loss = ref["loss"];
        QCOMPARE(int(path.size()), 1001);

        Tensor p = fromData({-1.0f, 1.0f}).setRequiresGrad();
        std::map<std::string, double> options{{"lr", lr}};
        if (momentum >= 0) options["momentum"] = momentum;
        auto opt = makeOptimizer(optimizer.toStdString(), {p}, options);
        double worstPath = 0, worstLoss = 0;
        int exact = 0;
        for (std::size_t k = 0; k < path.size(); ++k) {
            std::vector<float> got = p.toVector(), want = floats(path[k]);
            for (int i = 0; i < 2; ++i) worstPath = std::max(worstPath, std::fabs(double(got[i]) - double(want[i])));
            exact += bitEqual(got[0], want[0]) && bitEqual(got[1], want[1]);
            Tensor f = rosenbrock(p);
            float fw = float(loss[k].get<double>());
            worstLoss = std::max(worstLoss, std::fabs(double(f.item()) - double(fw)) / std::max(1.0, std::fabs(double(fw))));
            if (k + 1 == path.size()) break;
            opt->zeroGrad();
            f.backward();
            opt->step();
        }
        qInfo("%s: %d of 1001 points bit-exact, worst |dpath| %.3g, worst loss error %.3g", qPrintable(key), exact,
              worstPath, worstLoss);
        QVERIFY2(worstPath <= 1e-4, "path differs from torch by more than 1e-4");
        QVERIFY2(worstLoss <= 1e-5, "loss differs from torch by more than 1e-5 (relative)");
        QCOMPARE(exact, 1001);  // the same arithmetic as torch, so the same bits
    }

    void optionsAreChecked() {
        Tensor p = zeros({3}).setRequiresGrad();
        auto adam = makeOptimizer("adam", {p}, {{"lr", 0.01}});
        QCOMPARE(adam->typeName(), std::string_view("Adam"));
        QCOMPARE(adam->option("lr"), 0.01);
        QCOMPARE(adam->option("beta2"), 0.999);  // torch's default
        QCOMPARE(adam->optionNames(), (std::vector<std::string_view>{"lr", "beta1", "beta2", "eps", "weight_decay",
                                                                      "amsgrad", "maximize"}));
        // Invalid values and unknown names throw and change nothing.
        QVERIFY_THROWS_EXCEPTION(Error, adam->setOption("lr", -1.0));
        QVERIFY_THROWS_EXCEPTION(Error, adam->setOption("beta1", 1.0));
        QVERIFY_THROWS_EXCEPTION(Error, adam->setOption("beta2", -0.1));
        QVERIFY_THROWS_EXCEPTION(Error, adam->setOption("amsgrad", 0.5));
        QVERIFY_THROWS_EXCEPTION(Error, adam->setOption("momentum", 0.9));
        QVERIFY_THROWS_EXCEPTION(Error, adam->setOption("eps", std::nan("")));
        QCOMPARE(adam->option("lr"), 0.01);
        QCOMPARE(adam->option("beta1"), 0.9);
        adam->setOption("beta1", 0.5);
        QCOMPARE(adam->option("beta1"), 0.5);

        QCOMPARE(makeOptimizer("adamw", {p})->option("weight_decay"), 1e-2);
        QCOMPARE(makeOptimizer("adagrad", {p})->option("eps"), 1e-10);
        QCOMPARE(makeOptimizer("nadam", {p})->option("momentum_decay"), 4e-3);
        QCOMPARE(makeOptimizer("nadam", {p})->option("lr"), 2e-3);
        QCOMPARE(makeOptimizer("rmsprop", {p})->option("alpha"), 0.99);

        // SGD: lr is required; Nesterov needs momentum and zero dampening (at construction and later).
        QVERIFY_THROWS_EXCEPTION(Error, makeOptimizer("sgd", {p}, {}));
        QVERIFY_THROWS_EXCEPTION(Error, makeOptimizer("sgd", {p}, {{"lr", 0.1}, {"nesterov", 1}}));
        auto sgd = makeOptimizer("sgd", {p}, {{"lr", 0.1}, {"momentum", 0.9}, {"nesterov", 1}});
        QVERIFY_THROWS_EXCEPTION(Error, sgd->setOption("momentum", 0.0));
        QVERIFY_THROWS_EXCEPTION(Error, sgd->setOption("dampening", 0.1));
        QCOMPARE(sgd->option("momentum"), 0.9);
        QVERIFY_THROWS_EXCEPTION(Error, makeOptimizer("sgd", {p}, {{"lr", 0.1}, {"betas", 0.9}}));
        QVERIFY_THROWS_EXCEPTION(Error, makeOptimizer("lbfgs", {p}, {}));
        try {
            adam->setOption("momentum", 0.9);
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("beta1"));  // the message lists the valid names
        }
        for (std::string_view n : optimizerNames()) QVERIFY(makeOptimizer(n, {p}, {{"lr", 0.1}}) != nullptr);
    }

    void parametersWithoutGradAreSkipped() {
        Tensor a = fromData({1.0f, 2.0f}).setRequiresGrad();
        Tensor b = fromData({3.0f}).setRequiresGrad();
        auto opt = makeOptimizer("adam", {a, b}, {{"lr", 0.1}});
        a.setGrad(fromData({1.0f, -1.0f}));
        opt->step();
        QCOMPARE(b.item(), 3.0f);
        json s = opt->stateScalars();
        QCOMPARE(s["params"][0]["step"].get<int>(), 1);
        QCOMPARE(s["params"][1]["step"].get<int>(), 0);
        QCOMPARE(int(opt->stateTensors().size()), 2);  // 0.exp_avg, 0.exp_avg_sq
        opt->zeroGrad();
        QVERIFY(!a.grad().defined());
        QVERIFY_THROWS_EXCEPTION(Error, makeOptimizer("adam", {a, a}, {}));
    }

    void stateRoundTrip_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("options");
        QTest::newRow("sgd") << "sgd" << R"({"lr": 0.05, "momentum": 0.9, "nesterov": 1})";
        QTest::newRow("rmsprop") << "rmsprop" << R"({"centered": 1, "momentum": 0.5})";
        QTest::newRow("adagrad") << "adagrad" << R"({"lr_decay": 0.1, "initial_accumulator_value": 0.2})";
        QTest::newRow("adam") << "adam" << R"({"lr": 0.01, "amsgrad": 1})";
        QTest::newRow("adamw") << "adamw" << R"({"lr": 0.01})";
        QTest::newRow("nadam") << "nadam" << R"({"lr": 0.01})";
    }
    // Stopping after 7 steps, saving, restoring into a fresh optimizer and continuing gives the
    // same parameters, bit for bit, as running straight through.
    void stateRoundTrip() {
        QFETCH(QString, name);
        QFETCH(QString, options);
        auto opts = optionMap(json::parse(options.toStdString()));
        Generator gen(5);
        std::vector<Tensor> grads;
        for (int k = 0; k < 15; ++k) grads.push_back(randn({2, 3}, gen));
        Tensor init = randn({2, 3}, gen);

        Tensor p1 = init.clone().detach().setRequiresGrad();
        auto straight = makeOptimizer(name.toStdString(), {p1}, opts);
        for (auto& g : grads) {
            p1.setGrad(g);
            straight->step();
        }

        Tensor p2 = init.clone().detach().setRequiresGrad();
        auto first = makeOptimizer(name.toStdString(), {p2}, opts);
        for (int k = 0; k < 7; ++k) {
            p2.setGrad(grads[std::size_t(k)]);
            first->step();
        }
        // Save through text, as a checkpoint would.
        json scalars = json::parse(first->stateScalars().dump());
        Optimizer::NamedTensors tensors;
        for (auto& [n, t] : first->stateTensors()) tensors.emplace_back(n, t.clone());
        first.reset();
        auto second = makeOptimizer(name.toStdString(), {p2}, {{"lr", 123.0}});  // options come from the state
        second->loadState(tensors, scalars);
        QCOMPARE(second->option("lr"), opts.count("lr") ? opts["lr"] : straight->option("lr"));
        for (std::size_t k = 7; k < grads.size(); ++k) {
            p2.setGrad(grads[k]);
            second->step();
        }
        QCOMPARE(p2.toVector(), p1.toVector());
    }

    void badStateChangesNothing() {
        Tensor p = fromData({1.0f, 2.0f, 3.0f}).setRequiresGrad();
        auto opt = makeOptimizer("adam", {p}, {{"lr", 0.1}});
        p.setGrad(fromData({0.5f, -0.5f, 1.0f}));
        opt->step();
        const json before = opt->stateScalars();
        const std::vector<float> m0 = opt->stateTensors()[0].second.toVector();
        auto good = opt->stateTensors();
        auto expectFail = [&](const Optimizer::NamedTensors& t, const json& s) {
            QVERIFY_THROWS_EXCEPTION(Error, opt->loadState(t, s));
            QCOMPARE(opt->stateScalars(), before);
            QCOMPARE(opt->stateTensors()[0].second.toVector(), m0);
        };
        json wrongType = before;
        wrongType["type"] = "SGD";
        expectFail(good, wrongType);
        json badLr = before;
        badLr["options"]["lr"] = -1.0;
        expectFail(good, badLr);
        json tooMany = before;
        tooMany["params"].push_back(json{{"step", 1}});
        expectFail(good, tooMany);
        json changed = before;
        changed["options"]["lr"] = 0.5;  // valid scalars, but the tensors below are bad
        expectFail({{"0.exp_avg", zeros({4})}, {"0.exp_avg_sq", zeros({3})}}, changed);
        expectFail({{"0.exp_avg", zeros({3})}, {"0.bogus", zeros({3})}}, changed);
        expectFail({{"7.exp_avg", zeros({3})}}, changed);
        expectFail({{"0.exp_avg", zeros({3})}}, changed);  // step 1 but exp_avg_sq missing
        // A good state still loads.
        opt->loadState({{"0.exp_avg", zeros({3})}, {"0.exp_avg_sq", zeros({3})}}, changed);
        QCOMPARE(opt->option("lr"), 0.5);
        QCOMPARE(opt->stateTensors()[0].second.toVector(), std::vector<float>(3, 0.0f));
    }

    // torch.nn.utils' clipping on four parameters (one without a gradient): the total norm and the
    // gradients after, bit for bit; within 1e-6 for a norm other than 1, 2 and inf, whose powers
    // torch rounds in another order.
    void clipGradLikeTorch() {
        const json data = test::loadJson("optim_golden.json");
        int checked = 0;
        for (const auto& c : data["clip"]) {
            const std::string name = c["name"];
            std::vector<Tensor> params;
            for (std::size_t i = 0; i < c["shapes"].size(); ++i) {
                const json& s = c["shapes"][i];
                Tensor p = zeros(s.is_null() ? Shape{2} : Shape(s.get<std::vector<int64_t>>())).setRequiresGrad();
                if (!s.is_null()) p.setGrad(fromData(floats(c["before"][i]), p.shape()));
                params.push_back(p);
            }
            const json& a = c["args"];
            double tol = 0.0;
            auto close = [&](float got, float want) {
                return tol == 0.0 ? bitEqual(got, want) : std::fabs(got - want) <= tol * std::fabs(want);
            };
            if (a.contains("clip_value")) {
                clipGradValue_(params, a["clip_value"].get<double>());
            } else {
                const json& type = a.value("norm_type", json(2.0));
                const double norm = type.is_string() ? std::numeric_limits<double>::infinity() : type.get<double>();
                tol = norm == 1.0 || norm == 2.0 || std::isinf(norm) ? 0.0 : 1e-6;
                const double total = clipGradNorm_(params, a["max_norm"].get<double>(), norm);
                QVERIFY2(close(float(total), c["total"].get<float>()), name.c_str());
            }
            for (std::size_t i = 0; i < params.size(); ++i) {
                if (c["after"][i].is_null()) {
                    QVERIFY(!params[i].grad().defined());
                    continue;
                }
                const std::vector<float> got = params[i].grad().toVector(), want = floats(c["after"][i]);
                for (std::size_t k = 0; k < got.size(); ++k)
                    QVERIFY2(close(got[k], want[k]), qPrintable(QString("%1: parameter %2, element %3: %4 vs %5")
                                                                    .arg(name.c_str())
                                                                    .arg(i)
                                                                    .arg(k)
                                                                    .arg(got[k])
                                                                    .arg(want[k])));
            }
            ++checked;
        }
        QCOMPARE(checked, 8);
    }

    void clipGradEdgeCases() {
        // No gradients: total 0, nothing to do. A transposed (strided) gradient is scaled in place.
        Tensor p = zeros({2, 3}).setRequiresGrad();
        QCOMPARE(clipGradNorm_(std::vector<Tensor>{p}, 1.0), 0.0);
        p.setGrad(fromData({3, 0, 0, 4, 0, 0}, {3, 2}).t());
        QCOMPARE(clipGradNorm_(std::vector<Tensor>{p}, 1.0), 5.0);
        GL_COMPARE_CLOSE(p.grad(), (std::vector<double>{0.6, 0, 0, 0, 0.8, 0}), 1e-6, 0);
        // A non-finite total: an error that changes nothing, or (by default) NaN gradients as torch gives.
        Tensor q = zeros({2}).setRequiresGrad();
        q.setGrad(fromData({1.0f, std::numeric_limits<float>::quiet_NaN()}));
        QVERIFY_THROWS_EXCEPTION(Error, clipGradNorm_(std::vector<Tensor>{q}, 1.0, 2.0, true));
        QCOMPARE(q.grad().toVector()[0], 1.0f);
        QVERIFY(std::isnan(clipGradNorm_(std::vector<Tensor>{q}, 1.0)));
        QVERIFY(std::isnan(q.grad().toVector()[0]));
        QVERIFY_THROWS_EXCEPTION(Error, clipGradNorm_(std::vector<Tensor>{q}, 1.0, 0.0));
        QVERIFY_THROWS_EXCEPTION(Error, clipGradValue_(std::vector<Tensor>{q}, -1.0));
    }
};

QTEST_GUILESS_MAIN(TestOptim)
#include "test_optim.moc"
