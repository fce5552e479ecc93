// CUDA against CPU: every case of the op-test table (op_cases.h; forward value and every input
// gradient, odd sizes, strided views, broadcasting) run on both devices from the same random inputs,
// with every new device block poisoned with NaN so that an element a kernel forgets to write fails
// the comparison; a test fails when an op has no case.
// Then whole runs: every optimizer 50 steps (optimizer_parity.h), every lesson 50 steps,
// module/optimizer moves between devices, checkpoints across devices (lessons' too), and the errors
// (device mixing, OOM).
// Without a usable CUDA device only the check that every op has a case runs; the rest skips.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <memory>
#include <string>

#include "engine/core/error.h"
#include "engine/cuda/cuda_backend.h"
#include "engine/data/image_io.h"
#include "engine/io/checkpoint.h"
#include "engine/nn/activation.h"
#include "engine/nn/linear.h"
#include "engine/nn/sequential.h"
#include "engine/ops/ops.h"
#include "engine/optim/optimizer.h"
#include "lessons/lesson.h"
#include "lessons/recorder.h"
#include "op_cases.h"
#include "optimizer_parity.h"

using namespace gradlab;
using namespace gradlab::test;

namespace {

constexpr double kRtol = 1e-5;  // FP32 everywhere (our SGEMM uses no TF32)

// The device under test: CUDA. GRADLAB_PARITY_SELFCHECK=1 runs the whole table CPU against CPU,
// which checks the table and the harness themselves on a machine without a GPU.
bool selfCheck() { return qEnvironmentVariableIntValue("GRADLAB_PARITY_SELFCHECK") == 1; }
Device target() { return selfCheck() ? Device::CPU : Device::CUDA; }

// max |a - b| / max |ref|, and whether b has a NaN where ref has none (an unwritten output).
struct Diff {
    double rel = 0;
    bool strayNan = false;
};
Diff compare(const Tensor& ref, const Tensor& got) {
    const std::vector<float> a = ref.toVector(), b = got.toVector();
    Diff d;
    double maxRef = 0, maxErr = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::isnan(a[i]) != std::isnan(b[i])) d.strayNan = true;
        if (std::isnan(a[i]) || std::isnan(b[i])) continue;
        if (std::isinf(a[i]) || std::isinf(b[i])) {
            if (a[i] != b[i]) d.strayNan = true;
            continue;
        }
        maxRef = std::max(maxRef, double(std::fabs(a[i])));
        maxErr = std::max(maxErr, double(std::fabs(a[i] - b[i])));
    }
    d.rel = maxErr == 0 ? 0 : maxErr / std::max(maxRef, 1e-30);
    return d;
}

#define GL_PARITY(ref, got, rtol, what)                                                                      \
    do {                                                                                                     \
        QCOMPARE((got).device(), target());                                                                  \
        QVERIFY((got).shape() == (ref).shape());                                                             \
        const Diff d_ = compare((ref), (got).to(Device::CPU));                                               \
        QVERIFY2(!d_.strayNan, qPrintable(QString("%1: NaN/inf where the CPU has none").arg(what)));        \
        QVERIFY2(d_.rel < (rtol), qPrintable(QString("%1: relative error %2").arg(what).arg(d_.rel)));       \
    } while (0)

// The cases of the op-test table that parity runs (op_cases.h).
std::vector<const OpCase*> parityCases() {
    std::vector<const OpCase*> cases;
    for (const OpCase& c : opCases())
        if (c.use & kParity) cases.push_back(&c);
    return cases;
}

// Runs a case on `device` from inputs drawn with `seed` (the same numbers on every device); returns
// the output and, given an upstream gradient (on the CPU), the gradients of the inputs that take one
// (undefined otherwise).
struct Result {
    Tensor out;
    std::vector<Tensor> grads;
};
Result runCase(const OpCase& c, uint64_t seed, const Tensor& upstreamCpu, Device device) {
    Generator gen(seed);
    std::vector<Tensor> xs;
    for (const In& in : c.inputs) xs.push_back(makeInput(in, gen, device));
    Result r;
    r.out = c.fn(xs);
    if (r.out.requiresGrad() && upstreamCpu.defined()) sum(r.out * upstreamCpu.to(device)).backward();
    for (const Tensor& x : xs) r.grads.push_back(x.requiresGrad() ? x.grad() : Tensor());
    return r;
}

// cnn and vit read Fashion-MNIST where Debian's dataset-fashion-mnist installs it. A GPU machine
// may lack it: the lessons then train on their synthetic fallback set (the same on both devices,
// which is all parity needs), and the log says so.
void noteData(const QString& lesson) {
    if ((lesson == "cnn" || lesson == "vit") && !std::filesystem::exists("/usr/share/datasets/fashion-mnist"))
        qInfo("Fashion-MNIST is not installed here: %s runs on its synthetic fallback data", qPrintable(lesson));
}

// A run of lesson `id` with `sets` ("key=value") over its defaults.
std::unique_ptr<Run> makeLesson(const QString& id, const QStringList& sets, Device device) {
    const LessonSpec* l = findLesson(id.toStdString());
    GL_CHECK(l, "no lesson ", id.toStdString());
    Params p = l->defaults();
    for (const QString& s : sets) {
        auto [k, v] = l->parse(s.toStdString());
        p.assign(k, v);
    }
    return l->make(p, 3, device);
}

// Whether a run recorded a loss (the init lesson draws networks and trains none).
bool recordsALoss(const Recorder& rec) {
    const std::vector<std::string>& names = rec.scalarNames();
    return std::any_of(names.begin(), names.end(), [](const std::string& n) { return n.find("loss") != std::string::npos; });
}

// Every scalar with "loss" in its name, point by point: the first difference beyond `rtol`
// (relative), or "" when there is none. `compared` counts the points.
QString lossMismatch(const Recorder& ref, const Recorder& got, double rtol, int& compared) {
    compared = 0;
    for (const std::string& name : ref.scalarNames()) {
        if (name.find("loss") == std::string::npos) continue;
        const Recorder::ScalarTrace* a = ref.scalar(name);
        const Recorder::ScalarTrace* b = got.scalar(name);
        if (!b) return QString("%1: not recorded on the device").arg(name.c_str());
        if (a->values.size() != b->values.size() || a->steps != b->steps)
            return QString("%1: recorded at other steps on the device").arg(name.c_str());
        for (std::size_t i = 0; i < a->values.size(); ++i, ++compared)
            if (!(std::fabs(a->values[i] - b->values[i]) <= rtol * std::fabs(a->values[i])))
                return QString("%1 at step %2: cpu %3, device %4")
                    .arg(name.c_str())
                    .arg(a->steps[i])
                    .arg(a->values[i], 0, 'g', 9)
                    .arg(b->values[i], 0, 'g', 9);
    }
    return {};
}

// The newest image of every name: all of them on the CPU (Image::values must be) and close to the
// CPU run's, within `tol` of the image's largest magnitude (training drifts a little).
QString imageMismatch(const Recorder& ref, const Recorder& got, double tol) {
    if (ref.images().size() != got.images().size()) return "not the same images";
    for (const auto& [name, img] : ref.images()) {
        auto it = got.images().find(name);
        if (it == got.images().end()) return QString("%1: not drawn on the device").arg(name.c_str());
        if (it->second.values.device() != Device::CPU) return QString("%1: not on the CPU").arg(name.c_str());
        if (it->second.values.shape() != img.values.shape()) return QString("%1: other shape").arg(name.c_str());
        const std::vector<float> a = img.values.toVector(), b = it->second.values.toVector();
        double scale = 1.0;
        for (float x : a)
            if (std::isfinite(x)) scale = std::max(scale, double(std::fabs(x)));
        for (std::size_t i = 0; i < a.size(); ++i)
            if (a[i] != b[i] && !(std::fabs(double(a[i]) - b[i]) <= tol * scale))  // equal: also a masked -inf
                return QString("%1[%2]: cpu %3, device %4").arg(name.c_str()).arg(i).arg(a[i]).arg(b[i]);
    }
    return {};
}

// A student's picture for the cnn and vit lessons: a dark bar on white paper.
std::string studentPng(const QTemporaryDir& dir) {
    const std::string path = dir.filePath("mine.png").toStdString();
    std::vector<float> px(40 * 40, 1.0f);
    for (int y = 6; y < 34; ++y)
        for (int x = 16; x < 24; ++x) px[std::size_t(y * 40 + x)] = 0.0f;
    writeGrayPng(path, px, 40, 40);
    return path;
}

}  // namespace

// The rows of a lesson test: `own` (settings that reach paths worth checking), then every other
// lesson of the registry with its smoke settings, less the run length they set (the tests step on
// past it). With no `own`: the rows of lessons50Steps.
using LessonRow = std::pair<QString, QStringList>;
void lessonRows(const std::vector<LessonRow>& own = {
                    // Evaluation (a held-out set and the test set) comes from summary() after the steps.
                    {"cnn", {"dataset=fashion-mnist", "batch_size=32", "validation=1000"}},
                    // Two layers, evaluated (with every head's attention map) every 10 steps.
                    {"attention", {"layers=2", "length=6", "demo.causal=1"}},
                    {"vit", {"dataset=fashion-mnist", "layers=1", "heads=2"}}}) {
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<QStringList>("sets");
    for (const auto& [id, sets] : own) QTest::newRow(qPrintable(id)) << id << sets;
    for (const LessonSpec& l : allLessons()) {
        const QString id = QString::fromStdString(l.id);
        if (std::any_of(own.begin(), own.end(), [&](const LessonRow& r) { return r.first == id; })) continue;
        QStringList sets;
        for (const std::string& s : l.smoke.sets)
            if (s.rfind("steps=", 0) != 0 && s.rfind("epochs=", 0) != 0) sets << QString::fromStdString(s);
        QTest::newRow(qPrintable(id)) << id << sets;
    }
}

class TestCudaParity : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (selfCheck() || !cudaAvailable()) return;
        // Every output block starts as NaN. GRADLAB_PARITY_NO_POISON=1 leaves new blocks as they
        // come, for compute-sanitizer's initcheck (which would see the poison as initialisation).
        cuda::setPoison(qEnvironmentVariableIntValue("GRADLAB_PARITY_NO_POISON") != 1);
    }

    // Without a device (and without the self-check) only the table's coverage check runs.
    void init() {
        if (selfCheck() || cudaAvailable() || QTest::currentTestFunction() == QLatin1String("everyOpHasAParityCase"))
            return;
        QSKIP(qPrintable(QString("no CUDA device: %1").arg(cudaStatus().c_str())));
    }

    // Every op has a case that runs here (the table is op_cases.cpp); checked with or without a device.
    void everyOpHasAParityCase() {
        std::set<OpId> covered;
        for (const OpCase* c : parityCases()) covered.insert(c->op);
        const std::string missing = missingOps(covered);
        QVERIFY2(missing.empty(), ("ops without a parity case in op_cases.cpp: " + missing).c_str());
    }

    void ops_data() {
        QTest::addColumn<int>("index");
        if (!selfCheck() && !cudaAvailable()) QSKIP("no CUDA device");
        const std::vector<const OpCase*> all = parityCases();
        for (std::size_t i = 0; i < all.size(); ++i) QTest::newRow(all[i]->name.c_str()) << int(i);
    }

    void ops() {
        QFETCH(int, index);
        const OpCase& c = *parityCases()[std::size_t(index)];
        const uint64_t seed = 1000 + uint64_t(index);
        const Result probe = runCase(c, seed, Tensor(), Device::CPU);
        Generator gen(seed + 1);
        const Tensor upstream = probe.out.requiresGrad() ? randn(probe.out.shape(), gen) : Tensor();
        const Result ref = runCase(c, seed, upstream, Device::CPU);
        const Result got = runCase(c, seed, upstream, target());
        cuda::synchronize();
        GL_PARITY(ref.out, got.out, kRtol, "forward");
        for (std::size_t i = 0; i < ref.grads.size(); ++i) {
            QCOMPARE(got.grads[i].defined(), ref.grads[i].defined());
            if (ref.grads[i].defined()) GL_PARITY(ref.grads[i], got.grads[i], kRtol, QString("d input %1").arg(i));
        }
    }

    // Every optimizer and option family: 50 steps of the same MLP on each device, same seed
    // (optimizer_parity.h: the runs and how close each must stay).
    void optimizers50Steps_data() {
        QTest::addColumn<int>("index");
        for (std::size_t i = 0; i < optimizerRuns().size(); ++i) QTest::newRow(optimizerRuns()[i].row) << int(i);
    }

    void optimizers50Steps() {
        QFETCH(int, index);
        const OptimizerRun& run = optimizerRuns()[std::size_t(index)];
        const std::map<std::string, double> opts = optionsOf(run);
        std::vector<double> losses[2];
        for (int d = 0; d < 2; ++d) {
            const Device dev = d == 0 ? Device::CPU : target();
            Generator gen(42);
            auto model = parityMlp(gen);
            Tensor x = randn({64, 5}, gen), y = randn({64, 1}, gen);
            model->to(dev);
            x = x.to(dev), y = y.to(dev);
            auto opt = makeOptimizer(run.name, model->parameters(), opts);
            for (int step = 0; step < 50; ++step) {
                opt->zeroGrad();
                Tensor loss = mseLoss((*model)(x), y);
                loss.backward();
                opt->step();
                losses[d].push_back(loss.item());
            }
            if (dev == target())
                for (const Tensor& p : model->parameters()) QCOMPARE(p.device(), target());
        }
        QVERIFY(losses[0].back() != losses[0].front());  // it trained
        for (std::size_t i = 0; i < losses[0].size(); ++i)
            QVERIFY2(std::fabs(losses[0][i] - losses[1][i]) <= run.rtol * std::fabs(losses[0][i]),
                     qPrintable(QString("step %1: cpu %2, cuda %3").arg(i).arg(losses[0][i]).arg(losses[1][i])));
    }

    // The optimizers lesson, 50 steps on each device: every racer's loss agrees.
    void optimizersLesson50Steps() {
        const LessonSpec* l = findLesson("optimizers");
        QVERIFY(l);
        std::map<std::string, double> last[2];
        for (int d = 0; d < 2; ++d) {
            auto run = l->make(l->defaults(), 3, d == 0 ? Device::CPU : target());
            Recorder rec;
            run->start(rec);
            for (int i = 0; i < 50; ++i) run->step(rec);
            last[d] = rec.lastScalars();
        }
        int compared = 0;
        for (const auto& [key, v] : last[0]) {
            if (key.rfind("loss.", 0) != 0) continue;
            QVERIFY2(last[1].count(key), key.c_str());
            QVERIFY2(std::fabs(v - last[1][key]) <= 1e-4 * std::fabs(v) + 1e-12,
                     qPrintable(QString("%1: cpu %2, cuda %3").arg(key.c_str()).arg(v).arg(last[1][key])));
            ++compared;
        }
        QVERIFY(compared >= 8);
    }

    // Every lesson, 50 steps on each device from the same seed, with settings small enough to be
    // quick: every loss it records agrees step by step (the 1e-4; our SGEMM uses no TF32).
    // cnn and vit show a student's picture, the attention run its worked example with a causal
    // mask, so those paths run on the device too; every other lesson of the registry runs with its
    // smoke settings, so a lesson added later is checked on the device without a row of its own.
    void lessons50Steps_data() { lessonRows(); }

    void lessons50Steps() {
        QFETCH(QString, lesson);
        QFETCH(QStringList, sets);
        noteData(lesson);
        QTemporaryDir dir;
        const bool picture = findLesson(lesson.toStdString())->find("image") != nullptr;
        if (picture) sets << QString::fromStdString("image=" + studentPng(dir));
        Recorder rec[2];
        nlohmann::json summary[2];
        for (int d = 0; d < 2; ++d) {
            auto run = makeLesson(lesson, sets, d == 0 ? Device::CPU : target());
            run->start(rec[d]);
            for (int i = 0; i < 50; ++i) run->step(rec[d]);
            summary[d] = run->summary();
            QCOMPARE(run->stepCount(), int64_t(50));
        }
        cuda::synchronize();
        if (!recordsALoss(rec[0])) QSKIP(qPrintable(lesson + " records no loss: it trains no network"));
        QVERIFY2(rec[1].notes() == rec[0].notes(), "other notes on the device");  // none about the device
        bool trained = false;  // a loss fell: the comparison is not of a run that stood still
        for (const std::string& name : rec[0].scalarNames()) {
            const Recorder::ScalarTrace* loss = rec[0].scalar(name);
            trained = trained || (name.find("loss") != std::string::npos && loss->values.size() >= 5 &&
                                  loss->values.back() < loss->values.front());
        }
        QVERIFY(trained);
        int compared = 0;
        const QString bad = lossMismatch(rec[0], rec[1], 1e-4, compared);
        QVERIFY2(bad.isEmpty(), qPrintable(bad));
        QVERIFY(compared >= 10);  // generalization records its losses every 10 steps
        for (const auto& [key, v] : summary[0].items()) {  // cnn: val_loss and test_loss of the network now
            if (key.find("loss") == std::string::npos || !v.is_number()) continue;
            QVERIFY2(summary[1].contains(key) && summary[1][key].is_number(), key.c_str());
            const double a = v.get<double>(), b = summary[1][key].get<double>();
            QVERIFY2(std::fabs(a - b) <= 1e-4 * std::fabs(a),
                     qPrintable(QString("%1: cpu %2, device %3").arg(key.c_str()).arg(a).arg(b)));
        }
        auto last = [&](int d, const char* key) { return rec[d].lastScalars().at(key); };
        if (lesson == "attention") {  // the worked example: fixed vectors, no training
            for (const char* key : {"demo_max_weight", "demo_score_std"})
                QVERIFY2(std::fabs(last(1, key) - last(0, key)) <= kRtol * std::fabs(last(0, key)), key);
        }
        if (picture) QCOMPARE(last(1, "image_label"), -1.0);  // the student's picture, not a test image
        const QString drawn = imageMismatch(rec[0], rec[1], 1e-3);
        QVERIFY2(drawn.isEmpty(), qPrintable(drawn));
    }

    // A lesson's checkpoint saved on one device (its tensors on the CPU) and loaded on the other
    // goes on exactly as the run that stayed: CPU -> device and device -> CPU.
    void lessonCheckpointsAcrossDevices_data() {
        lessonRows({{"cnn", {"dataset=fashion-mnist", "batch_size=16", "validation=0"}},
                    {"attention", {"layers=1"}},
                    {"vit", {"dataset=fashion-mnist", "layers=1", "heads=2"}}});
    }

    void lessonCheckpointsAcrossDevices() {
        QFETCH(QString, lesson);
        QFETCH(QStringList, sets);
        noteData(lesson);
        for (const auto& [from, to] : {std::pair{Device::CPU, target()}, std::pair{target(), Device::CPU}}) {
            auto saved = makeLesson(lesson, sets, from);
            auto stays = makeLesson(lesson, sets, from);
            Recorder r;
            saved->start(r), stays->start(r);
            for (int i = 0; i < 10; ++i) saved->step(r), stays->step(r);
            if (!recordsALoss(r)) QSKIP(qPrintable(lesson + " records no loss: it trains no network"));
            Checkpoint ck;
            ck.lesson = lesson.toStdString();
            saved->save(ck);
            QVERIFY(!ck.tensors.empty());
            for (const auto& [name, t] : ck.tensors) QVERIFY2(t.device() == Device::CPU, name.c_str());
            auto moved = makeLesson(lesson, sets, to);
            moved->load(ck);
            QCOMPARE(moved->stepCount(), int64_t(10));
            Recorder a, b;
            for (int i = 0; i < 20; ++i) stays->step(a), moved->step(b);
            cuda::synchronize();
            int compared = 0;
            const QString bad = lossMismatch(a, b, 1e-4, compared);
            QVERIFY2(bad.isEmpty(), qPrintable(QString("%1 -> %2: %3")
                                                   .arg(QLatin1String(deviceName(from)), QLatin1String(deviceName(to)), bad)));
            QVERIFY(compared >= 2);  // generalization records its losses every 10 steps
        }
    }

    // Training 5 steps on the CPU, moving model and optimizer to CUDA and on: the same as staying.
    void moduleAndOptimizerMove() {
        std::vector<double> losses[2];
        for (int d = 0; d < 2; ++d) {
            Generator gen(5);
            auto model = parityMlp(gen);
            Tensor x = randn({33, 5}, gen), y = randn({33, 1}, gen);
            auto opt = makeOptimizer("adam", model->parameters(), {{"lr", 0.01}});
            for (int step = 0; step < 10; ++step) {
                if (d == 1 && step == 5) {
                    model->to(target());
                    opt->to(target());
                    x = x.to(target()), y = y.to(target());
                    QCOMPARE(model->device(), target());
                    for (const auto& [n, t] : opt->stateTensors()) QCOMPARE(t.device(), target());
                }
                opt->zeroGrad();
                Tensor loss = mseLoss((*model)(x), y);
                loss.backward();
                opt->step();
                losses[d].push_back(loss.item());
            }
        }
        for (std::size_t i = 0; i < losses[0].size(); ++i)
            QVERIFY2(std::fabs(losses[0][i] - losses[1][i]) <= 1e-5 * std::fabs(losses[0][i]), qPrintable(QString::number(i)));
    }

    // State saved from CUDA loads into a CPU module bit for bit, and back.
    void checkpointsAcrossDevices() {
        Generator g1(9), g2(10);
        auto a = parityMlp(g1), b = parityMlp(g2);
        a->to(target());
        b->loadStateDict(a->stateDict());
        for (const auto& [name, t] : b->stateDict()) {
            QCOMPARE(t.device(), Device::CPU);
            QVERIFY(t.toVector() == a->stateDict().at(name).toVector());
        }
        auto c = parityMlp(g2);
        c->to(target());
        c->loadStateDict(b->stateDict());
        for (const auto& [name, t] : c->stateDict()) QVERIFY(t.toVector() == b->stateDict().at(name).toVector());
    }

    void errors() {
        if (selfCheck()) QSKIP("needs a CUDA device");
        Tensor cpu = ones({3}), gpu = ones({3}, target());
        try {
            (void)add(cpu, gpu);
            QFAIL("mixing devices did not throw");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("different devices"), e.what());
        }
        try {
            (void)empty({int64_t(1) << 40}, target());  // 4 TiB
            QFAIL("a 4 TiB allocation did not throw");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("out of memory") && QString(e.what()).contains("4398046511104"), e.what());
        }
        // The device still works after both.
        QCOMPARE(sum(gpu * 2.0f).item(), 6.0f);
    }
};

QTEST_GUILESS_MAIN(TestCudaParity)
#include "test_cuda_parity.moc"
