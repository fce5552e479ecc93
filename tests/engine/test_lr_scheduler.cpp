// LR schedulers against PyTorch 1.13 (tests/data/gen_lr_scheduler.py): lr and momentum sequences,
// live lr changes between steps, ReduceLROnPlateau on a metric sequence, argument checks, and
// state save/restore.
#include <QtTest>

#include <cmath>

#include "common/check.h"
#include "engine/core/error.h"
#include "engine/optim/lr_scheduler.h"

using namespace gradlab;
using nlohmann::json;

namespace {

std::unique_ptr<Optimizer> makeOpt(const std::string& kind, double lr, const Tensor& p) {
    if (kind == "sgd") return makeOptimizer("sgd", {p}, {{"lr", lr}, {"momentum", 0.9}});
    return makeOptimizer(kind, {p}, {{"lr", lr}});
}

double momentumOf(const Optimizer& o) { return o.hasOption("beta1") ? o.option("beta1") : o.option("momentum"); }

bool close(double got, double want, double rtol) {
    return std::fabs(got - want) <= rtol * std::fabs(want) + 1e-300;
}

}  // namespace

class TestLrScheduler : public QObject {
    Q_OBJECT
private slots:
    void golden_data() {
        QTest::addColumn<int>("index");
        json data = test::loadJson("lr_scheduler_golden.json");
        for (std::size_t i = 0; i < data["cases"].size(); ++i)
            QTest::newRow(data["cases"][i]["name"].get<std::string>().c_str()) << int(i);
    }
    void golden() {
        QFETCH(int, index);
        static const json data = test::loadJson("lr_scheduler_golden.json");
        const json& c = data["cases"][std::size_t(index)];
        Tensor p = zeros({2}).setRequiresGrad();
        auto opt = makeOpt(c["optimizer"], c["lr"].get<double>(), p);
        auto sched = makeScheduler(c["scheduler"].get<std::string>(), *opt, c["options"]);
        const bool plateau = c.contains("metrics");
        const auto& lrs = c["lrs"];
        const auto& moms = c["momenta"];
        int exact = 0, total = 0;
        for (std::size_t k = 0; k < lrs.size(); ++k) {
            if (k > 0) {
                std::string key = std::to_string(k - 1);
                if (c["lr_changes"].contains(key)) opt->setOption("lr", c["lr_changes"][key].get<double>());
                if (plateau) sched->step(c["metrics"][k - 1].get<double>());
                else sched->step();
            }
            // torch may set a negative lr on OneCycleLR's final, extrapolated step; we clamp at 0.
            const double want = std::max(lrs[k].get<double>(), 0.0), got = opt->option("lr");
            QVERIFY2(close(got, want, 1e-12), qPrintable(QString("step %1: lr %2, torch %3").arg(k).arg(got, 0, 'g', 17).arg(want, 0, 'g', 17)));
            QCOMPARE(sched->lastLr(), got);
            const double wantM = moms[k].get<double>(), gotM = momentumOf(*opt);
            QVERIFY2(close(gotM, wantM, 1e-12), qPrintable(QString("step %1: momentum %2, torch %3").arg(k).arg(gotM, 0, 'g', 17).arg(wantM, 0, 'g', 17)));
            exact += got == want && gotM == wantM;
            ++total;
        }
        QCOMPARE(exact, total);  // the same double arithmetic as Python, so the same bits
    }

    // Warm-up then cosine, against torch.optim.lr_scheduler.LambdaLR with the same lambda
    // (tests/data/gen_warmup_cosine.py): the lr before the first step and after each of 200.
    void warmupCosineGolden() {
        const json data = test::loadJson("warmup_cosine_golden.json");
        QVERIFY(!data.at("cases").empty());
        for (const json& c : data.at("cases")) {
            Tensor w = zeros({1});
            auto opt = makeOptimizer("sgd", {w}, {{"lr", c.at("base_lr").get<double>()}});
            WarmupCosineLR s(*opt, c.at("warmup").get<int64_t>(), c.at("total").get<int64_t>());
            const std::vector<double> lrs = c.at("lrs").get<std::vector<double>>();
            for (std::size_t t = 0; t < lrs.size(); ++t) {
                if (t > 0) s.step();
                QVERIFY2(std::fabs(opt->option("lr") - lrs[t]) <= 1e-7 * std::max(1.0, std::fabs(lrs[t])),
                         qPrintable(QString("warmup %1 total %2 step %3: %4 vs %5").arg(c.at("warmup").get<int64_t>())
                                        .arg(c.at("total").get<int64_t>()).arg(t).arg(opt->option("lr")).arg(lrs[t])));
            }
        }
    }

    void warmRestartsPeriods() {
        // T_0 = 5, T_mult = 2: restarts after 5, 15, 35 steps; the lr returns to the base there.
        Tensor p = zeros({1}).setRequiresGrad();
        auto opt = makeOptimizer("sgd", {p}, {{"lr", 0.1}});
        CosineAnnealingWarmRestarts s(*opt, 5, 2);
        std::vector<int64_t> restarts;
        for (int k = 1; k <= 40; ++k) {
            s.step();
            if (s.tCur() == 0) restarts.push_back(k);
        }
        QCOMPARE(restarts, (std::vector<int64_t>{5, 15, 35}));
        QCOMPARE(s.tI(), int64_t(40));
    }

    void oneCycleStopsAtTotalSteps() {
        Tensor p = zeros({1}).setRequiresGrad();
        auto opt = makeOptimizer("adam", {p}, {});
        OneCycleOptions o;
        o.maxLr = 0.01;
        o.totalSteps = 10;
        OneCycleLR s(*opt, o);
        // Epoch 0: the cosine from initial_lr to max_lr at pct 0, evaluated the way torch does.
        QCOMPARE(opt->option("lr"), 0.01 + (0.01 / 25.0 - 0.01) / 2.0 * (std::cos(0.0) + 1));
        QCOMPARE(opt->option("beta1"), 0.85 + (0.95 - 0.85) / 2.0 * (std::cos(0.0) + 1));
        for (int k = 0; k < 10; ++k) s.step();
        const double lr = opt->option("lr"), beta1 = opt->option("beta1");
        QVERIFY_THROWS_EXCEPTION(Error, s.step());
        QCOMPARE(opt->option("lr"), lr);  // nothing changed
        QCOMPARE(opt->option("beta1"), beta1);
        QCOMPARE(s.lastEpoch(), int64_t(10));
        // Adagrad has no momentum to cycle.
        auto ada = makeOptimizer("adagrad", {p}, {});
        QVERIFY_THROWS_EXCEPTION(Error, OneCycleLR(*ada, o));
        o.cycleMomentum = false;
        OneCycleLR ok(*ada, o);
        QVERIFY(std::isnan(ok.lastMomentum()));
    }

    void argumentsAreChecked() {
        Tensor p = zeros({1}).setRequiresGrad();
        auto opt = makeOptimizer("sgd", {p}, {{"lr", 0.1}});
        QVERIFY_THROWS_EXCEPTION(Error, makeScheduler("step_lr", *opt, json::object()));  // step_size required
        QVERIFY_THROWS_EXCEPTION(Error, makeScheduler("step_lr", *opt, {{"step_size", 0}}));
        QVERIFY_THROWS_EXCEPTION(Error, makeScheduler("step_lr", *opt, {{"step_size", 2.5}}));
        QVERIFY_THROWS_EXCEPTION(Error, makeScheduler("step_lr", *opt, {{"step_size", 2}, {"gama", 0.1}}));
        QVERIFY_THROWS_EXCEPTION(Error, makeScheduler("cosine_annealing_warm_restarts", *opt, {{"T_0", 0}}));
        QVERIFY_THROWS_EXCEPTION(Error, makeScheduler("cosine_annealing_warm_restarts", *opt, {{"T_0", 5}, {"T_mult", 0}}));
        QVERIFY_THROWS_EXCEPTION(Error, makeScheduler("reduce_lr_on_plateau", *opt, {{"factor", 1.0}}));
        QVERIFY_THROWS_EXCEPTION(Error, makeScheduler("reduce_lr_on_plateau", *opt, {{"mode", "up"}}));
        QVERIFY_THROWS_EXCEPTION(Error, makeScheduler("one_cycle_lr", *opt, {{"max_lr", 0.1}}));
        QVERIFY_THROWS_EXCEPTION(Error, makeScheduler("one_cycle_lr", *opt, {{"max_lr", 0.1}, {"total_steps", 10}, {"anneal_strategy", "exp"}}));
        QVERIFY_THROWS_EXCEPTION(Error, makeScheduler("polynomial_lr", *opt, json::object()));
        QCOMPARE(opt->option("lr"), 0.1);  // failed constructions left the optimizer alone
        auto plateau = makeScheduler("reduce_lr_on_plateau", *opt, json::object());
        QVERIFY_THROWS_EXCEPTION(Error, plateau->step());
        auto step = makeScheduler("step_lr", *opt, {{"step_size", 2}});
        QVERIFY_THROWS_EXCEPTION(Error, step->step(1.0));
        QVERIFY_THROWS_EXCEPTION(Error, makeScheduler("warmup_cosine_lr", *opt, {{"warmup", 10}, {"total", 10}}));
        QCOMPARE(int(schedulerNames().size()), 7);
    }

    void stateRoundTrip_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("options");
        QTest::newRow("step") << "step_lr" << R"({"step_size": 4, "gamma": 0.5})";
        QTest::newRow("exponential") << "exponential_lr" << R"({"gamma": 0.9})";
        QTest::newRow("cosine") << "cosine_annealing_lr" << R"({"T_max": 12, "eta_min": 0.001})";
        QTest::newRow("warm") << "cosine_annealing_warm_restarts" << R"({"T_0": 3, "T_mult": 2})";
        QTest::newRow("warmup cosine") << "warmup_cosine_lr" << R"({"warmup": 3, "total": 12})";
        QTest::newRow("one_cycle") << "one_cycle_lr" << R"({"max_lr": 0.5, "total_steps": 40, "three_phase": true})";
        QTest::newRow("plateau") << "reduce_lr_on_plateau" << R"({"patience": 1, "cooldown": 1})";
    }
    // Saving after 13 steps and restoring into fresh objects continues exactly like one long run.
    void stateRoundTrip() {
        QFETCH(QString, name);
        QFETCH(QString, options);
        const json o = json::parse(options.toStdString());
        auto metric = [](int k) { return 1.0 / (1.0 + k) + ((k % 3) ? 0.5 : 0.0); };
        Tensor p = zeros({1}).setRequiresGrad();

        auto optA = makeOptimizer("sgd", {p}, {{"lr", 0.1}, {"momentum", 0.9}});
        auto a = makeScheduler(name.toStdString(), *optA, o);
        std::vector<double> straight;
        for (int k = 0; k < 30; ++k) {
            name == "reduce_lr_on_plateau" ? a->step(metric(k)) : a->step();
            straight.push_back(optA->option("lr"));
        }

        auto optB = makeOptimizer("sgd", {p}, {{"lr", 0.1}, {"momentum", 0.9}});
        auto b = makeScheduler(name.toStdString(), *optB, o);
        std::vector<double> resumed;
        for (int k = 0; k < 13; ++k) {
            name == "reduce_lr_on_plateau" ? b->step(metric(k)) : b->step();
            resumed.push_back(optB->option("lr"));
        }
        const json saved = json::parse(b->state().dump());
        const json optSaved = json::parse(optB->stateScalars().dump());
        b.reset();
        optB.reset();
        auto optC = makeOptimizer("sgd", {p}, {{"lr", 0.7}});
        optC->loadState({}, optSaved);
        auto c = makeScheduler(name.toStdString(), *optC, o);  // construction steps once more ...
        c->loadState(saved);                                   // ... and the state puts it back
        optC->loadState({}, optSaved);
        for (int k = 13; k < 30; ++k) {
            name == "reduce_lr_on_plateau" ? c->step(metric(k)) : c->step();
            resumed.push_back(optC->option("lr"));
        }
        QCOMPARE(resumed, straight);
    }

    void badStateChangesNothing() {
        Tensor p = zeros({1}).setRequiresGrad();
        auto opt = makeOptimizer("sgd", {p}, {{"lr", 0.1}});
        StepLR s(*opt, 3, 0.5);
        for (int k = 0; k < 4; ++k) s.step();
        const json before = s.state();
        json bad = before;
        bad["step_size"] = 0;
        QVERIFY_THROWS_EXCEPTION(Error, s.loadState(bad));
        bad = before;
        bad["type"] = "ExponentialLR";
        QVERIFY_THROWS_EXCEPTION(Error, s.loadState(bad));
        bad = before;
        bad.erase("gamma");
        QVERIFY_THROWS_EXCEPTION(Error, s.loadState(bad));
        QCOMPARE(s.state(), before);
    }
};

QTEST_GUILESS_MAIN(TestLrScheduler)
#include "test_lr_scheduler.moc"
