// The generalization lesson: what its text claims holds at its defaults (overfitting on 30 noisy
// moons and on 1,000 Fashion-MNIST pictures, weight decay closing the gap, early stopping marking
// the validation minimum), the same claims as the PyTorch 1.13 reference of the same setup
// (tests/bench/pytorch/generalization_reference.py, figures in tests/data/generalization_reference.json);
// and its mechanics: point edits, early stopping that halts and restores, augmentation, and a
// checkpoint that continues exactly.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>

#include "common/check.h"
#include "common/lesson_run.h"
#include "engine/core/error.h"
#include "engine/core/threads.h"
#include "engine/io/checkpoint.h"
#include "lessons/generalization/networks.h"
#include "lessons/lesson.h"
#include "lessons/recorder.h"
#include "lessons/run_driver.h"

using namespace gradlab;

namespace {

const LessonSpec& lesson() { return *findLesson("generalization"); }

Params withSets(std::initializer_list<std::string> sets) { return test::paramsWith(lesson(), sets); }

// The pictures' part kept small where a test looks at the points only.
Params pointsOnly(std::initializer_list<std::string> sets) {
    Params p = withSets(sets);
    p.assign("train_images", {100, ""});
    p.assign("epochs", {1, ""});
    return p;
}

struct Recorded : test::RecordedRun {
    Recorded(const Params& p, uint64_t seed, int64_t steps) : RecordedRun(lesson(), p, seed, steps) {}
};

double trainPoints(const Recorder& rec) {
    const Series* s = rec.series("points");
    double n = 0;
    for (std::size_t r = 0; s && r < s->rows(); ++r) n += s->text[r] == "train";
    return n;
}

}  // namespace

class TestGeneralizationLesson : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { setKernelThreads(1); }

    // The setting (moons, 30 points, noise 0.3, MLP 3 x 64, 3,000 steps) over seeds 0-4
    // (one seed's 30 points are too few to judge by): the network learns the training points by
    // heart, and weight decay 5e-2 at least halves the mean gap and raises validation accuracy.
    // PyTorch, 10 seeds: gap 0.166 -> 0.050 (5e-2), 0.075 (3e-2); here 0.176 -> 0.063, 0.090. At
    // 1e-2, and with dropout 0.3, the accuracy gap hardly moves in either; the text says so.
    void weightDecayHalvesTheGap() {
        double gapPlain = 0, gapDecayed = 0, valPlain = 0, valDecayed = 0;
        const int seeds = 5;
        for (int seed = 0; seed < seeds; ++seed) {
            Recorded plain(pointsOnly({}), uint64_t(seed), 3000);
            Recorded decayed(pointsOnly({"weight_decay=0.05"}), uint64_t(seed), 3000);
            const nlohmann::json a = plain.summary(), b = decayed.summary();
            qInfo("seed %d: no regulariser train %.3f val %.3f gap %.3f; weight decay 5e-2 train %.3f val %.3f gap %.3f", seed,
                  a.at("train_accuracy").get<double>(), a.at("val_accuracy").get<double>(), a.at("gap").get<double>(),
                  b.at("train_accuracy").get<double>(), b.at("val_accuracy").get<double>(), b.at("gap").get<double>());
            QVERIFY(a.at("train_accuracy").get<double>() >= 0.98);
            gapPlain += a.at("gap").get<double>() / seeds, gapDecayed += b.at("gap").get<double>() / seeds;
            valPlain += a.at("val_accuracy").get<double>() / seeds, valDecayed += b.at("val_accuracy").get<double>() / seeds;
            // Overconfident without: the validation loss ends far above its minimum, which came
            // early (where early stopping marks it); weight decay keeps it low.
            QVERIFY(a.at("val_loss").get<double>() > 2 * a.at("best_val_loss").get<double>());
            QVERIFY(a.at("best_step").get<int64_t>() < 1000);
            QVERIFY(!a.at("early_stop_step").is_null());
            QVERIFY(b.at("val_loss").get<double>() < a.at("val_loss").get<double>());
        }
        qInfo("mean gap %.3f -> %.3f, validation accuracy %.3f -> %.3f", gapPlain, gapDecayed, valPlain, valDecayed);
        QVERIFY(gapPlain >= 0.08);
        QVERIFY(gapDecayed <= gapPlain / 2);
        QVERIFY(valDecayed > valPlain);
    }

    // 1,000 pictures, 20 epochs, no regulariser: the validation loss is lowest well before the
    // end, early stopping's markers are set there, and training accuracy runs far ahead.
    void picturesOverfit() {
        Params p = withSets({"points=10"});
        Recorded r(p, 0, 0);
        const int64_t perEpoch = (1000 + 31) / 32;
        for (int64_t i = 0; i < 20 * perEpoch + 5; ++i) r.run->step(r.rec);
        const nlohmann::json s = r.summary();
        if (s.at("images_dataset") != "fashion-mnist") QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
        qInfo("pictures: best epoch %d, train %.3f val %.3f", int(s.at("images_best_epoch").get<int64_t>()),
              s.at("images_train_accuracy").get<double>(), s.at("images_val_accuracy").get<double>());
        QCOMPARE(s.at("images_epochs").get<int64_t>(), int64_t(20));
        QVERIFY(s.at("images_best_epoch").get<int64_t>() <= 10);
        QVERIFY(!s.at("images_early_stop_epoch").is_null());
        QVERIFY(s.at("images_train_accuracy").get<double>() - s.at("images_val_accuracy").get<double>() >= 0.1);
        QVERIFY(s.at("images_val_loss").get<double>() > s.at("images_best_val_loss").get<double>());
        bool best = false, stop = false;
        for (const Marker& m : r.rec.markers()) best = best || m.name == "images.best", stop = stop || m.name == "images.stop";
        QVERIFY(best && stop);
    }

    // Clicking adds a training point of a class and right-clicking removes the nearest; commands
    // that make no sense are refused with a message and change nothing.
    void pointEdits() {
        Recorded r(pointsOnly({}), 3, 5);
        QCOMPARE(trainPoints(r.rec), 30.0);
        r.run->set("point", {0, "add 0.5 0.25 1"}, r.rec);
        QCOMPARE(trainPoints(r.rec), 31.0);
        r.run->set("point", {0, "remove 0.52 0.26"}, r.rec);
        QCOMPARE(trainPoints(r.rec), 30.0);
        for (const char* bad : {"add 0.5", "add 0.5 0.5 2", "add nan 0 1", "add 1e9 0 1", "jump 0 0", "remove 1e9 1e9"})
            QVERIFY_THROWS_EXCEPTION(Error, r.run->set("point", {0, bad}, r.rec));
        QCOMPARE(trainPoints(r.rec), 30.0);
        // The edits are in the run's log: replaying them gives the same run.
        QCOMPARE(r.run->edits().size(), std::size_t(2));
        for (int i = 0; i < 20; ++i) r.run->step(r.rec);
        // An action is not a setting: --set refuses it, and it leaves no value behind.
        QCOMPARE(r.run->params().text("point"), std::string());
    }

    // With stop_early the points' network stops where the patience runs out and has its best
    // weights back: its validation loss is the best one again, and it trains no more.
    void earlyStoppingHaltsAndRestores() {
        Recorded r(pointsOnly({"stop_early=1", "patience=100"}), 0, 600);
        const nlohmann::json s = r.summary();
        QVERIFY(!s.at("early_stop_step").is_null());
        const double best = s.at("best_val_loss").get<double>();
        r.run->step(r.rec);
        for (int i = 0; i < 20; ++i) r.run->step(r.rec);
        const nlohmann::json later = r.summary();
        QCOMPARE(later.at("best_step"), s.at("best_step"));
        QVERIFY(std::fabs(later.at("val_loss").get<double>() - best) < 1e-6 * std::max(1.0, best));
        // Switched off, it trains on from the restored weights.
        r.run->set("stop_early", {0, ""}, r.rec);
        for (int i = 0; i < 30; ++i) r.run->step(r.rec);
        QVERIFY(std::fabs(r.summary().at("val_loss").get<double>() - best) > 1e-6);
    }

    // A run saved and loaded goes on exactly as the one that was not interrupted, edits and early
    // stopping included.
    void checkpointContinuesExactly() {
        const Params p = pointsOnly({"dropout=0.2", "augment=shift,flip", "batch=8", "patience=50"});
        Recorded whole(p, 5, 0);
        whole.run->step(whole.rec);
        whole.run->set("point", {0, "add 0.1 0.1 0"}, whole.rec);
        for (int i = 0; i < 79; ++i) whole.run->step(whole.rec);
        const std::filesystem::path file = std::filesystem::temp_directory_path() / "gradlab_generalization_ck.safetensors";
        whole.run->save(file);
        for (int i = 0; i < 60; ++i) whole.run->step(whole.rec);
        Recorder rec(&lesson());
        auto resumed = RunDriver::resume(file, Device::CPU, rec, {});
        for (int i = 0; i < 60; ++i) resumed->step(rec);
        QCOMPARE(resumed->stepCount(), whole.run->stepCount());
        const nlohmann::json a = whole.summary(), b = resumed->summary(rec);
        for (const char* k : {"train_loss", "val_loss", "images_val_loss", "images_train_loss"})
            QCOMPARE(b.at(k).get<double>(), a.at(k).get<double>());
        QCOMPARE(b.at("training_points"), a.at("training_points"));
        QCOMPARE(b.at("best_step"), a.at("best_step"));
        std::filesystem::remove(file);
    }

    // One network diverging stops it alone: with the points' network blown up (weights times
    // 1e30) its warning says the picture network goes on, which it does; once the picture
    // network's epochs are done the run is finished.
    void oneDivergedNetworkLeavesTheOther() {
        Recorded saved(pointsOnly({}), 3, 1);
        const std::filesystem::path file = std::filesystem::temp_directory_path() / "gradlab_generalization_div.safetensors";
        saved.run->save(file);
        Checkpoint ck = loadCheckpoint(file, "generalization");
        std::filesystem::remove(file);
        for (auto& [name, t] : ck.tensors) {
            if (name.rfind("plane.model.", 0) != 0 || name.find("weight") == std::string::npos) continue;
            std::vector<float> v = t.contiguous().toVector();
            for (float& x : v) x *= 1e30f;
            t = fromData(v, t.shape());
        }
        struct Warnings : Sink {
            std::vector<Note> notes;
            int64_t pictureSteps = 0;
            void push(Frame&& f) override {
                for (const Scalar& s : f.scalars) pictureSteps += s.name == "images.train_loss";
                for (Note& n : f.notes)
                    if (n.level == Note::Level::Warn) notes.push_back(std::move(n));
            }
        } sink;
        auto d = RunDriver::resume(ck, Device::CPU, sink, {});
        d->step(sink);
        QCOMPARE(sink.notes.size(), std::size_t(1));
        const std::string e = sink.notes[0].english();
        QVERIFY2(e.rfind("The points' network diverged at step 2", 0) == 0 && e.find("the others go on") != std::string::npos,
                 e.c_str());
        QVERIFY(!d->finished());
        int steps = 1;
        for (; steps < 100 && !d->finished(); ++steps) d->step(sink);  // 100 pictures, batch 64: 2 batches an epoch
        QVERIFY(d->finished());
        QVERIFY2(sink.pictureSteps > 0, "the picture network stopped too");
        QCOMPARE(sink.notes.size(), std::size_t(1));
    }

    // What the CLI writes: the boundary as a picture and as the grid's probabilities (rows
    // labelled with y, columns with x, every value in [0, 1]), the points, the metrics of both
    // networks, and the summary's accuracies and early-stopping step.
    void resultFiles() {
        Recorded r(pointsOnly({"patience=50"}), 2, 400);
        QTemporaryDir dir;
        r.run->writeOutputs(dir.path().toStdString(), r.rec, nlohmann::json::object());
        for (const char* f : {"boundary.png", "boundary.csv", "points.csv", "metrics.csv", "summary.json", "augmented.png"})
            QVERIFY2(QFile::exists(dir.filePath(f)), f);
        QFile csv(dir.filePath("boundary.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines = QString(csv.readAll()).trimmed().split('\n');
        QCOMPARE(lines.size(), 65);  // a header of x values and 64 rows
        QCOMPARE(lines[0].split(',').size(), 65);
        double lo = 1, hi = 0;
        for (int i = 1; i < lines.size(); ++i) {
            const QStringList cells = lines[i].split(',');
            QCOMPARE(cells.size(), 65);
            for (int c = 1; c < cells.size(); ++c) lo = std::min(lo, cells[c].toDouble()), hi = std::max(hi, cells[c].toDouble());
        }
        QVERIFY(lo >= 0 && hi <= 1 && lo < 0.1 && hi > 0.9);  // both classes are predicted somewhere
        QFile metrics(dir.filePath("metrics.csv"));
        QVERIFY(metrics.open(QIODevice::ReadOnly));
        const QString header = QString(metrics.readLine());
        for (const char* col : {"plane.train_loss", "plane.val_loss", "plane.train_accuracy", "plane.val_accuracy"})
            QVERIFY2(header.contains(col), col);
        const nlohmann::json s = r.summary();
        for (const char* k : {"train_accuracy", "val_accuracy", "gap", "early_stop_step", "best_step", "images_val_accuracy"})
            QVERIFY2(s.contains(k), k);
        QVERIFY(s.at("early_stop_step").is_number_integer());
    }

    // Augmentation: a mirror is a mirror, a shift moves the picture by whole pixels and fills the
    // border with the background, and nothing is changed without one.
    void augmentationMovesPixels() {
        using generalization::augment;
        using generalization::Augmentation;
        std::vector<float> px(28 * 28);
        for (int i = 0; i < 28 * 28; ++i) px[std::size_t(i)] = float((i * 37) % 101) / 100.0f;
        const Tensor original = fromData(px, {1, 1, 28, 28});
        Generator gen(1);
        Tensor same = original.clone();
        augment(same, Augmentation{}, -1.0f, gen);
        QCOMPARE(same.toVector(), px);
        int mirrored = 0;
        for (int trial = 0; trial < 20; ++trial) {
            Tensor x = original.clone();
            augment(x, Augmentation{.flip = true}, -1.0f, gen);
            const std::vector<float> v = x.toVector();
            bool isMirror = true, isSame = v == px;
            for (int y = 0; y < 28; ++y)
                for (int c = 0; c < 28; ++c) isMirror = isMirror && v[std::size_t(y * 28 + c)] == px[std::size_t(y * 28 + 27 - c)];
            QVERIFY(isMirror != isSame);
            mirrored += isMirror;
        }
        QVERIFY(mirrored > 3 && mirrored < 17);
        for (int trial = 0; trial < 10; ++trial) {
            Tensor x = original.clone();
            augment(x, Augmentation{.shift = true}, -1.0f, gen);
            const std::vector<float> v = x.toVector();
            bool found = false;
            for (int dy = -2; dy <= 2 && !found; ++dy)
                for (int dx = -2; dx <= 2 && !found; ++dx) {
                    bool ok = true;
                    for (int y = 0; y < 28 && ok; ++y)
                        for (int c = 0; c < 28 && ok; ++c) {
                            const int sy = y - dy, sx = c - dx;
                            const float want = sy < 0 || sy >= 28 || sx < 0 || sx >= 28 ? -1.0f : px[std::size_t(sy * 28 + sx)];
                            ok = v[std::size_t(y * 28 + c)] == want;
                        }
                    found = ok;
                }
            QVERIFY(found);
        }
        // A turn keeps the values within the picture's range and moves some of them.
        Tensor x = original.clone();
        augment(x, Augmentation{.rotate = true}, 0.0f, gen);
        const std::vector<float> v = x.toVector();
        QVERIFY(v != px);
        for (float f : v) QVERIFY(f >= 0.0f && f <= 1.0f);
    }
};

QTEST_GUILESS_MAIN(TestGeneralizationLesson)
#include "test_generalization_lesson.moc"
