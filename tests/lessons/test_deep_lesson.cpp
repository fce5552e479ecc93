// The deep lesson: what it teaches holds at its defaults (32 blocks: the plain stack's gradient
// vanishes and it does not learn, the residual one does; 4 blocks: they are alike), its schedules
// are torch's (the lr it uses is the engine scheduler's, tested against PyTorch 1.13 in
// test_lr_scheduler; the curve it draws ahead is the lr it then uses; a live change acts as if set
// from the start), the LR range test leaves the run alone, and a checkpoint continues exactly.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <numeric>

#include "common/check.h"
#include "common/lesson_run.h"
#include "engine/core/threads.h"
#include "engine/optim/lr_scheduler.h"
#include "lessons/lesson.h"
#include "lessons/recorder.h"
#include "lessons/run_driver.h"

using namespace gradlab;

namespace {

const LessonSpec& lesson() { return *findLesson("deep"); }

Params withSets(std::initializer_list<std::string> sets) { return test::paramsWith(lesson(), sets); }

struct Recorded : test::RecordedRun {
    Recorded(const Params& p, uint64_t seed, int64_t steps) : RecordedRun(lesson(), p, seed, steps) {}
    std::vector<double> lrs() const { return rec.scalar("lr")->values; }
};

}  // namespace

class TestDeepLesson : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { setKernelThreads(1); }

    // The setting: MLP, width 64, 32 blocks, Fashion-MNIST, 1,000 steps, Adam 1e-3.
    void depthStarvesThePlainStack() {
        Recorded r(withSets({}), 0, 1000);
        const nlohmann::json s = r.summary();
        if (s.at("dataset") != "fashion-mnist") QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
        const double plain = s.at("train_loss.plain").get<double>(), residual = s.at("train_loss.residual").get<double>();
        const double plainRatio = s.at("grad_last.plain").get<double>() / s.at("grad_first.plain").get<double>();
        const double resRatio = s.at("grad_last.residual").get<double>() / s.at("grad_first.residual").get<double>();
        qInfo("32 blocks: training loss plain %.3f residual %.3f; last / first block gradient plain %.3g residual %.3g", plain,
              residual, plainRatio, resRatio);
        QVERIFY(residual <= plain / 2);
        QVERIFY(plainRatio >= 10);
        QVERIFY(resRatio < 10 && resRatio > 0.1);
        QVERIFY(s.at("val_accuracy.residual").get<double>() > s.at("val_accuracy.plain").get<double>() + 0.3);
    }

    void shallowStacksAreAlike() {
        Recorded r(withSets({"blocks=4"}), 0, 1000);
        const nlohmann::json s = r.summary();
        if (s.at("dataset") != "fashion-mnist") QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
        const double plain = s.at("train_loss.plain").get<double>(), residual = s.at("train_loss.residual").get<double>();
        qInfo("4 blocks: training loss plain %.3f residual %.3f", plain, residual);
        QVERIFY(std::fabs(plain - residual) < 0.2 * std::max(plain, residual));
    }

    // Every schedule: the lr used at each step is the engine scheduler's (made with the options
    // the lesson names, stepped once per training step), and the curve drawn ahead at step 0 is
    // the lr then used.
    void schedulesAreTheEnginesAndTheCurveIsTheFuture() {
        struct Case {
            const char* schedule;
            std::vector<std::string> sets;
            const char* name;
            nlohmann::json options;
        };
        const std::vector<Case> cases = {
            {"step", {"step.every=10", "step.gamma=0.5"}, "step_lr", {{"step_size", 10}, {"gamma", 0.5}}},
            {"exponential", {"exponential.gamma=0.95"}, "exponential_lr", {{"gamma", 0.95}}},
            {"cosine", {}, "cosine_annealing_lr", {{"T_max", 100}}},
            {"warmup_cosine", {"warmup=10"}, "warmup_cosine_lr", {{"warmup", 10}, {"total", 100}}},
            {"one_cycle", {"one_cycle.max_lr=0.01", "one_cycle.pct=0.25"}, "one_cycle_lr",
             {{"max_lr", 0.01}, {"total_steps", 101}, {"pct_start", 0.25}, {"cycle_momentum", false}}},
        };
        for (const Case& c : cases) {
            Params p = withSets({"blocks=2", "width=16", "dataset=shapes", "steps=100", std::string("schedule=") + c.schedule});
            for (const auto& s : c.sets) p.assign(lesson().parse(s).first, lesson().parse(s).second);
            Recorded r(p, 1, 0);
            const Series* ahead = r.rec.series("lr_schedule");
            QVERIFY(ahead && ahead->rows() == 101);
            std::vector<double> drawn;
            for (std::size_t i = 0; i < ahead->rows(); ++i) drawn.push_back(ahead->numbers[i * 2 + 1]);
            for (int i = 0; i < 100; ++i) r.run->step(r.rec);
            const std::vector<double> used = r.lrs();  // the frame-0 value, then one per step
            Tensor w = zeros({1});
            auto opt = makeOptimizer("sgd", {w}, {{"lr", 1e-3}});
            auto sched = makeScheduler(c.name, *opt, c.options);
            QCOMPARE(used.size(), std::size_t(101));
            for (std::size_t t = 0; t < 100; ++t) {
                QVERIFY2(std::fabs(used[t + 1] - opt->option("lr")) <= 1e-12, qPrintable(QString("%1 step %2").arg(c.schedule).arg(t)));
                QVERIFY2(std::fabs(drawn[t] - used[t + 1]) <= 1e-12, qPrintable(QString("%1 drawn %2").arg(c.schedule).arg(t)));
                sched->step();
            }
        }
    }

    // A live change acts as if the schedule had been set so from the start: after it, the lr
    // equals that of a run that began with the new value.
    void liveChangesReplayTheSchedule() {
        const Params p = withSets({"blocks=2", "width=16", "dataset=shapes", "steps=200", "schedule=step", "step.every=10"});
        Recorded changed(p, 2, 30);
        changed.run->set("step.gamma", {0.5, ""}, changed.rec);
        for (int i = 0; i < 30; ++i) changed.run->step(changed.rec);
        Params q = p;
        q.assign("step.gamma", {0.5, ""});
        Recorded fresh(q, 2, 60);
        QCOMPARE(changed.lrs().back(), fresh.lrs().back());
        QVERIFY(changed.lrs().back() < 1e-3 * 0.5 * 0.5 * 0.5 * 0.5 * 0.5 + 1e-12);
    }

    // The LR range test trains a copy: the run's own losses are those of a run without it; its
    // lr climbs from 1e-6 exponentially, the smoothed column is the bias-corrected EMA (0.98) of
    // the losses, and the suggestion lies halfway along the longest decreasing subsequence of it.
    void rangeTestLeavesTheRunAlone() {
        const Params p = withSets({"blocks=4", "width=16", "dataset=shapes", "steps=100"});
        Recorded plain(p, 3, 40);
        Recorded tested(p, 3, 20);
        tested.run->set("lr_range", {0, "run"}, tested.rec);
        for (int i = 0; i < 20; ++i) tested.run->step(tested.rec);
        QCOMPARE(tested.rec.scalar("loss.residual")->values, plain.rec.scalar("loss.residual")->values);
        const Series* s = tested.rec.series("lr_range");
        QVERIFY(s && s->rows() > 20);
        QCOMPARE(s->numbers[0], 1e-6);
        // The smoothed column from the raw one; the longest strictly decreasing subsequence of it
        // by patience sorting (tails[k]: the largest last value of a decreasing run of length
        // k + 1), its first end and thus its start.
        std::vector<double> smoothed, tails;
        std::vector<std::size_t> lengths;
        double avg = 0;
        for (std::size_t i = 0; i < s->rows(); ++i) {
            if (i > 0) QVERIFY(s->numbers[i * 3] > s->numbers[(i - 1) * 3]);
            avg = 0.98 * avg + 0.02 * s->numbers[i * 3 + 1];
            QVERIFY(std::fabs(s->numbers[i * 3 + 2] - avg / (1 - std::pow(0.98, double(i + 1)))) <= 1e-9 * std::fabs(avg) + 1e-12);
            smoothed.push_back(s->numbers[i * 3 + 2]);
            const auto k = std::lower_bound(tails.begin(), tails.end(), smoothed.back(), std::greater<double>()) - tails.begin();
            if (std::size_t(k) == tails.size()) tails.push_back(smoothed.back());
            else tails[std::size_t(k)] = smoothed.back();
            lengths.push_back(std::size_t(k) + 1);
        }
        const std::size_t end = std::size_t(std::max_element(lengths.begin(), lengths.end()) - lengths.begin());
        const std::size_t start = end + 1 - lengths[end];
        QVERIFY(lengths[end] > 5);
        QCOMPARE(tested.summary().at("suggested_lr").get<double>(), s->numbers[(start + (end - start) / 2) * 3]);
    }

    // The claim: the LR range test's suggestion, made at step 0 on the default residual
    // stack (32 blocks, loss in the hundreds at the start), trains about as well over 500 steps as
    // the default lr 1e-3. One seed's 500-step loss swings by 0.3 nats with the lr (seed 2: 1.10
    // at 1e-3, 0.80 at 5e-4, 1.42 at 1.4e-3), and by 0.4 with a rate only 3% off (seed 2 on an
    // AMD EPYC: 1.10 at 1e-3, 1.50 at 9.7e-4), so the claim is about the seeds' means, and even
    // those depend on the processor's rounding. Measured (tests/bench/deep_lr_range.sh), mean
    // training loss with the suggestion against 1e-3:
    // - the machine of the first measurement, seeds 0-9: 0.825 against 0.834 (validation accuracy
    //   0.698 / 0.697);
    // - an AMD EPYC, seeds 0-9: 0.897 against 0.819 (0.662 / 0.700); seeds 10-29: 0.751 against
    //   0.753; all thirty 0.800 against 0.775 (0.705 / 0.720), suggestions 5.9e-4 to 2.1e-3;
    // - PyTorch 1.13, seeds 0-9: 0.774 against 0.752 (tests/data/deep_reference.json).
    // "About as well" is a one-sided paired t-test at the 1% level: the mean paired difference may
    // be worse by at most t(0.99, 9) = 2.821 of its standard errors. Two standard errors (about 4%)
    // failed on the AMD machine's first ten seeds at 2.0; a fixed tolerance of one point of
    // accuracy failed the ASan build (-O1 rounds otherwise: 0.685 against 0.696). What ten seeds
    // cannot do is tell a slightly worse rate from the default: the old rule (a tenth of the
    // smoothed minimum, 9e-4 to 5e-3) gave 0.94 at 3e-3 against 0.834 on the first machine, but on
    // the AMD machine 3e-3 is 0.113 worse with a standard error of 0.061 (t = 1.84), which neither
    // 2 nor 2.821 standard errors flags. The rule itself is pinned by rangeTestLeavesTheRunAlone
    // (the suggestion is the middle of the valley, found here independently); this test guards
    // the lesson's claim about it.
    void rangeSuggestionTrainsAsWellAsTheDefault() {
        double suggested = 0, baseline = 0, suggestedAcc = 0, baselineAcc = 0;
        std::vector<double> lossDiff, accDiff;  // suggested minus default, per seed
        const int seeds = 10;
        const double t99 = 2.821;  // Student's t quantile 0.99 with seeds - 1 = 9 degrees of freedom
        for (int seed = 0; seed < seeds; ++seed) {
            Recorded base(withSets({"range_at_start=1", "steps=500"}), seed, 500);  // trains at 1e-3
            const nlohmann::json b = base.summary();
            if (b.at("dataset") != "fashion-mnist") QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
            const double lr = b.at("suggested_lr").get<double>();
            Params p = withSets({"steps=500"});
            p.assign("lr", {lr, ""});
            Recorded tuned(p, seed, 500);
            const nlohmann::json t = tuned.summary();
            qInfo("seed %d: suggested lr %.3g: loss %.3f accuracy %.3f; lr 1e-3: loss %.3f accuracy %.3f", seed, lr,
                  t.at("train_loss.residual").get<double>(), t.at("val_accuracy.residual").get<double>(),
                  b.at("train_loss.residual").get<double>(), b.at("val_accuracy.residual").get<double>());
            QVERIFY(lr > 1e-4 && lr < 1e-2);
            lossDiff.push_back(t.at("train_loss.residual").get<double>() - b.at("train_loss.residual").get<double>());
            accDiff.push_back(t.at("val_accuracy.residual").get<double>() - b.at("val_accuracy.residual").get<double>());
            suggested += t.at("train_loss.residual").get<double>() / seeds;
            baseline += b.at("train_loss.residual").get<double>() / seeds;
            suggestedAcc += t.at("val_accuracy.residual").get<double>() / seeds;
            baselineAcc += b.at("val_accuracy.residual").get<double>() / seeds;
        }
        // The standard error of a mean of paired differences.
        auto standardError = [&](const std::vector<double>& d) {
            const double m = std::accumulate(d.begin(), d.end(), 0.0) / double(d.size());
            double ss = 0;
            for (double x : d) ss += (x - m) * (x - m);
            return std::sqrt(ss / double(d.size() - 1) / double(d.size()));
        };
        const double seLoss = standardError(lossDiff), seAcc = standardError(accDiff);
        qInfo("ten seeds: suggested loss %.3f accuracy %.3f; lr 1e-3 loss %.3f accuracy %.3f; standard errors of the "
              "differences %.3f, %.3f",
              suggested, suggestedAcc, baseline, baselineAcc, seLoss, seAcc);
        QVERIFY(suggested - baseline <= t99 * seLoss);
        QVERIFY(suggestedAcc - baselineAcc >= -t99 * seAcc);
    }

    void checkpointContinuesExactly() {
        const Params p = withSets({"blocks=3", "width=16", "dataset=shapes", "steps=100", "schedule=plateau", "plateau.patience=5"});
        Recorded whole(p, 4, 30);
        const std::filesystem::path file = std::filesystem::temp_directory_path() / "gradlab_deep_ck.safetensors";
        whole.run->save(file);
        for (int i = 0; i < 30; ++i) whole.run->step(whole.rec);
        Recorder rec(&lesson());
        auto resumed = RunDriver::resume(file, Device::CPU, rec, {});
        for (int i = 0; i < 30; ++i) resumed->step(rec);
        QCOMPARE(rec.scalar("loss.residual")->values.back(), whole.rec.scalar("loss.residual")->values.back());
        QCOMPARE(rec.scalar("lr")->values.back(), whole.rec.scalar("lr")->values.back());
        std::filesystem::remove(file);
    }
};

QTEST_GUILESS_MAIN(TestDeepLesson)
#include "test_deep_lesson.moc"
