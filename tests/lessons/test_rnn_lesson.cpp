// The recurrent-networks lesson: its tasks are what the text says (checked on the example the
// lesson draws), the gradient through time and the gates it reports, and its figures against the
// PyTorch 1.13 reference of the same tasks (tests/bench/pytorch/rnn_tasks.py; the numbers are in
// tests/data/rnn_reference.json): the step-0 decay of dL/dh_t per cell at the lesson's defaults,
// and the test accuracies after training with them.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <map>

#include "common/check.h"
#include "engine/core/threads.h"
#include "lessons/lesson.h"
#include "lessons/recorder.h"

using namespace gradlab;

namespace {

Params withSets(std::initializer_list<std::string> sets) {
    const LessonSpec* l = findLesson("rnn");
    Params p = l->defaults();
    for (const auto& s : sets) {
        auto [k, v] = l->parse(s);
        p.assign(k, v);
    }
    return p;
}

// A run of `steps` steps recorded into a Recorder.
struct Recorded {
    Recorder rec{findLesson("rnn")};
    std::unique_ptr<Run> run;
    Recorded(const Params& p, uint64_t seed, int64_t steps) {
        run = findLesson("rnn")->make(p, seed, Device::CPU);
        run->start(rec);
        for (int64_t i = 0; i < steps; ++i) run->step(rec);
    }
    // The rows of the "example" series whose trace is `trace`, as (t, value).
    std::vector<std::pair<double, double>> example(const std::string& trace) const {
        const Series* s = rec.series("example");
        std::vector<std::pair<double, double>> out;
        for (std::size_t r = 0; s && r < s->rows(); ++r)
            if (s->text[r] == trace) out.emplace_back(s->numbers[r * 2], s->numbers[r * 2 + 1]);
        return out;
    }
};

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

class TestRnnLesson : public QObject {
    Q_OBJECT
private slots:
    // The lesson's kernels on one thread: the numbers do not depend on it, the test's time does
    // on a busy machine.
    void initTestCase() { setKernelThreads(1); }

    // adding: exactly two marked numbers, one in each half, and the target is their sum.
    void addingMarksTwoNumbersOnePerHalf() {
        for (int e : {0, 7, 300}) {
            Recorded r(withSets({"task=adding", "length=20", "example=" + std::to_string(e)}), 3, 0);
            const auto input = r.example("input"), target = r.example("target");
            QCOMPARE(input.size(), std::size_t(20));
            std::vector<std::pair<double, double>> marked;
            std::copy_if(input.begin(), input.end(), std::back_inserter(marked), [](auto& p) { return p.second != 0; });
            QCOMPARE(marked.size(), std::size_t(2));
            QVERIFY(marked[0].first < 10 && marked[1].first >= 10);
            QCOMPARE(float(target.front().second), float(marked[0].second + marked[1].second));
        }
    }

    // first: the inputs are symbols 0..7, and each cell's answer at step t is a probability.
    void firstShowsSymbolsAndProbabilities() {
        Recorded r(withSets({"task=first", "length=12"}), 1, 0);
        const auto input = r.example("input");
        QCOMPARE(input.size(), std::size_t(12));
        for (const auto& [t, v] : input) QVERIFY(v >= 0 && v <= 7 && v == std::floor(v));
        for (const char* c : {"rnn", "lstm", "gru"})
            for (const auto& [t, p] : r.example(c)) QVERIFY(p > 0 && p < 1);
    }

    // sine: the target at step t is the input at step t + 1 (the next value of the wave).
    void sineTargetIsTheNextValue() {
        Recorded r(withSets({"task=sine", "length=30"}), 2, 0);
        const auto input = r.example("input"), target = r.example("target");
        QCOMPARE(target.size(), std::size_t(30));
        for (std::size_t t = 0; t + 1 < input.size(); ++t) QCOMPARE(target[t].second, input[t + 1].second);
    }

    // The gates are sigmoids (0..1), one row per shown unit and one column per step; dL/dh_t is
    // reported for every t, and at the last step it is the largest (the read-out's own gradient).
    void gatesAndTimeGradients() {
        Recorded r(withSets({"length=15", "hidden=8"}), 0, 0);
        for (const char* name : {"gates/lstm/input", "gates/lstm/forget", "gates/lstm/output", "gates/gru/reset", "gates/gru/update"}) {
            const Image& img = r.rec.images().at(name);
            QCOMPARE(img.values.size(0), int64_t(8));
            QCOMPARE(img.values.size(1), int64_t(15));
            for (float v : img.values.toVector()) QVERIFY(v > 0 && v < 1);
        }
        const Series* tg = r.rec.series("time_gradients");
        QVERIFY(tg);
        QCOMPARE(tg->rows(), std::size_t(3 * 15));
        const nlohmann::json s = r.run->summary();
        for (const char* c : {"rnn", "lstm", "gru"}) QVERIFY(s.at(std::string("time_grad_ratio.") + c).get<double>() > 1);
    }

    // Step 0 at the lesson's defaults (adding, T = 50, the LSTM's forget bias 1): the RNN's and
    // the GRU's ||dL/dh_T|| / ||dL/dh_1|| is about 10^10, the LSTM's (its forget gate open) about
    // 10^4, as in PyTorch. The ratio depends on the random initialisation (across seeds the RNN's
    // spreads over a factor of 200), so the medians over the seeds 0..4 are compared, in orders of
    // magnitude; with the same weights our dL/dh_t equals torch's to 1e-5 (test_rnn).
    void stepZeroGradientDecayMatchesPyTorch() {
        const nlohmann::json ref = test::loadJson("rnn_reference.json").at("step0_time_grad_ratio");
        std::map<std::string, double> ours;
        for (const char* c : {"rnn", "lstm", "gru"}) {
            std::vector<double> mine, theirs;
            for (uint64_t seed = 0; seed < 5; ++seed) {
                Recorded r(findLesson("rnn")->defaults(), seed, 0);
                mine.push_back(std::log10(r.run->summary().at(std::string("time_grad_ratio.") + c).get<double>()));
                theirs.push_back(std::log10(ref.at(c).at(seed).get<double>()));
            }
            ours[c] = median(mine);
            QVERIFY2(std::fabs(ours[c] - median(theirs)) <= 1.0,
                     qPrintable(QString("%1: log10 ratio %2 (ours) vs %3 (PyTorch)").arg(c).arg(ours[c]).arg(median(theirs))));
        }
        QVERIFY2(ours["rnn"] > 8 && ours["gru"] > 8, "over 50 steps the RNN's and the GRU's gradient vanish at the start");
        QVERIFY2(ours["lstm"] < ours["rnn"] - 4, "the open forget gate carries the LSTM's gradient back");
    }

    // The text's exploding setting (tests/bench/pytorch/RNN_REFERENCE.md, section 5): relu, the
    // recurrent weights times 3, plain SGD at 0.01. At step 0 the gradient grows towards the start
    // of the sequence (PyTorch: ||dL/dh_49|| / ||dL/dh_0|| = 2.2e-4); without clipping the first
    // update sends the loss to NaN, with clipping at 1 the same start trains (PyTorch: 1.2e4 ->
    // 0.22 in 80 steps). Its first loss, in the millions, is the start's, not a divergence.
    void clippingTamesExplodingGradients() {
        auto exploding = [](const char* clip) {
            return withSets({"cells=rnn", "rnn.activation=relu", "rnn.init_scale=3", "optimizer=sgd", "lr=0.01", clip});
        };
        {
            Recorded r(exploding("clip=0"), 0, 0);
            const double ratio = r.run->summary().at("time_grad_ratio.rnn").get<double>();
            QVERIFY2(std::fabs(std::log10(ratio) - std::log10(2.23e-4)) <= 1.0, qPrintable(QString::number(ratio)));
        }
        {
            Recorded r(exploding("clip=0"), 0, 3);
            QVERIFY(r.run->finished());
            QCOMPARE(int(r.rec.notes().size()), 1);
            QVERIFY2(r.rec.notes()[0].find("diverged at step 2 (loss NaN)") != std::string::npos, r.rec.notes()[0].c_str());
            // The cause is the weights' scale, not the rate: the note points at the clipping first.
            QVERIFY2(r.rec.notes()[0].find("Gradient clipping is off") != std::string::npos, r.rec.notes()[0].c_str());
            // The gradient through time of its NaN weights is not drawn: "now" keeps the last
            // measurement, step 0's, which grows towards the start of the sequence.
            const Series* now = r.rec.series("time_gradient_now");
            QVERIFY(now && now->rows() == 50);
            for (std::size_t k = 0; k < now->rows(); ++k) QVERIFY(std::isfinite(now->numbers[k * 2 + 1]));
            QVERIFY(now->numbers[1] > 1000 * now->numbers[49 * 2 + 1]);
        }
        {
            Recorded r(exploding("clip=1"), 0, 80);
            QVERIFY2(r.rec.notes().empty(), r.rec.notes().empty() ? "" : r.rec.notes()[0].c_str());
            QVERIFY(!r.run->finished());
            QVERIFY2(r.rec.lastScalars().at("loss.rnn") < 1.0, qPrintable(QString::number(r.rec.lastScalars().at("loss.rnn"))));
        }
    }

    // A loss that is not a number at step 1 came from the starting weights, before any update
    // (relu and recurrent weights x10: the states overflow along the sequence): the note says so
    // instead of blaming the learning rate (it said "its learning rate 0.003 is likely too high",
    // which no lower rate could mend), with clipping on too. The LSTM and the GRU go on.
    void startingWeightsThatOverflowAreBlamedNotTheRate() {
        Recorded r(withSets({"rnn.activation=relu", "rnn.init_scale=10", "clip=1"}), 0, 1);
        QCOMPARE(int(r.rec.notes().size()), 1);
        const std::string& note = r.rec.notes()[0];
        QVERIFY2(note.find("RNN had the loss ∞ at step 1, before any update") == 0, note.c_str());
        QVERIFY2(note.find("learning rate 0.003") == std::string::npos, note.c_str());
        QVERIFY2(note.find("smaller weights") != std::string::npos && note.find("the others go on") != std::string::npos, note.c_str());
        QVERIFY(!r.run->finished());
    }

    // Three cells thrown out by SGD at lr 1 without clipping (seed 0: the RNN at step 4, the LSTM
    // and the GRU both at step 5). Only the RNN's note may say the others go on: the LSTM's was
    // written before the GRU stopped in the same step, and is said again as the run's end.
    void theLastPartsToStopDoNotSayTheOthersGoOn() {
        Recorded r(withSets({"optimizer=sgd", "lr=1", "clip=0"}), 0, 0);
        for (int i = 0; i < 20 && !r.run->finished(); ++i) r.run->step(r.rec);
        QVERIFY(r.run->finished());
        const std::vector<std::string>& notes = r.rec.notes();
        QCOMPARE(int(notes.size()), 3);
        QVERIFY2(notes[0].find("RNN diverged at step 4") == 0 && notes[0].find("the others go on") != std::string::npos,
                 notes[0].c_str());
        for (int k : {1, 2}) {
            QVERIFY2(notes[k].find("diverged at step 5") != std::string::npos, notes[k].c_str());
            QVERIFY2(notes[k].find("Training stopped") != std::string::npos, notes[k].c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestRnnLesson)
#include "test_rnn_lesson.moc"
