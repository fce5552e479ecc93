// The deep lesson: what it teaches holds at its defaults (32 blocks: the plain stack's gradient
// vanishes and it does not learn, the residual one does; 4 blocks: they are alike), its schedules
// are torch's (the lr it uses is the engine scheduler's, tested against PyTorch 1.13 in
// test_lr_scheduler; the curve it draws ahead is the lr it then uses; a live change acts as if set
// from the start), the LR range test leaves the run alone, and a checkpoint continues exactly.
#include <QtTest>

#include <cmath>
#include <filesystem>

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
    // lr climbs from 1e-6 exponentially, and the suggestion is a tenth of the smoothed minimum.
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
        double lowest = INFINITY, at = 0;
        for (std::size_t i = 0; i < s->rows(); ++i) {
            if (i > 0) QVERIFY(s->numbers[i * 3] > s->numbers[(i - 1) * 3]);
            if (s->numbers[i * 3 + 2] < lowest) lowest = s->numbers[i * 3 + 2], at = s->numbers[i * 3];
        }
        QCOMPARE(tested.summary().at("suggested_lr").get<double>(), at / 10);
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
