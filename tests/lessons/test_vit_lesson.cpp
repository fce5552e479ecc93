// The vit lesson: every name its QML page reads, patches that really are the picture's pixels,
// attention rows and rollout that are distributions, a student's picture, a checkpoint round trip,
// the CLI's files, and one epoch of Fashion-MNIST reaching 80 % test accuracy.
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <numeric>

#include "common/cli_runner.h"
#include "engine/core/error.h"
#include "engine/data/image_io.h"
#include "engine/io/checkpoint.h"
#include "lessons/lesson.h"
#include "lessons/recorder.h"

using namespace gradlab;

namespace {

const char* kFashion = "/usr/share/datasets/fashion-mnist";

std::unique_ptr<Run> make(std::initializer_list<std::string> sets = {}, uint64_t seed = 0) {
    const LessonSpec* l = findLesson("vit");
    Params p = l->defaults();
    for (const auto& s : sets) {
        auto [k, v] = l->parse(s);
        p.assign(k, v);
    }
    return l->make(p, seed, Device::CPU);
}

std::vector<float> values(const Recorder& rec, const std::string& name) {
    return rec.images().at(name).values.contiguous().toVector();
}

double sum(const std::vector<float>& v) {
    double s = 0;
    for (float x : v) s += x;
    return s;
}

}  // namespace

class TestVitLesson : public QObject {
    Q_OBJECT
private slots:
    // Everything qml/lessons/vit/VitPage.qml and PredictionBars.qml read, for patch 4 (7 x 7 grid).
    void emitsWhatThePageReads() {
        auto run = make({"patch=4", "layers=2", "heads=2"});
        Recorder rec(findLesson("vit"));
        run->start(rec);
        for (int i = 0; i < 20; ++i) run->step(rec);
        const int g = 7, n = g * g;
        QCOMPARE(rec.images().at("vit_input").values.shape(), (Shape{28, 28}));
        QCOMPARE(rec.images().at("patches").values.shape(), (Shape{n, 4, 4}));
        QCOMPARE(rec.images().at("position_similarity").values.shape(), (Shape{n, g, g}));
        QCOMPARE(rec.images().at("cls_attention/rollout").values.shape(), (Shape{g, g}));
        QCOMPARE(rec.images().at("cls_token").values.shape(), (Shape{1, 64}));
        for (int l = 0; l < 2; ++l) {
            QCOMPARE(rec.images().at("cls_attention/layer" + std::to_string(l)).values.shape(), (Shape{2, g, g}));
            for (int h = 0; h < 2; ++h)
                QCOMPARE(rec.images().at("cls_attention/l" + std::to_string(l) + "_h" + std::to_string(h)).values.shape(),
                         (Shape{g, g}));
        }
        auto last = rec.lastScalars();
        for (const char* s : {"loss", "image_label"}) QVERIFY2(last.count(s) == 1, s);
        const Series* p = rec.series("probabilities");
        QVERIFY(p != nullptr);
        QCOMPARE(p->textColumns, std::vector<std::string>{"class"});
        QCOMPARE(p->numberColumns, std::vector<std::string>{"probability"});
        QCOMPARE(p->rows(), std::size_t(10));
        QVERIFY(std::fabs(std::accumulate(p->numbers.begin(), p->numbers.end(), 0.0) - 1.0) < 1e-5);
        // val_loss / val_accuracy every 100 steps, test_accuracy at the end of an epoch.
        for (int i = 0; i < 80; ++i) run->step(rec);
        last = rec.lastScalars();
        for (const char* s : {"val_loss", "val_accuracy"}) QVERIFY2(last.count(s) == 1, s);
        const LessonSpec* l = findLesson("vit");
        for (const char* k : {"patch", "layers", "heads", "epochs", "dataset", "image"}) QVERIFY2(l->find(k) != nullptr, k);
    }

    // The patches are the picture's pixels, tile by tile, in row-major order; the attention maps are
    // the CLS row of a softmax (the patch part sums to at most 1), the rollout a distribution.
    void patchesAndAttentionAreConsistent() {
        auto run = make({"patch=7", "sample=3"});
        Recorder rec(findLesson("vit"));
        run->start(rec);
        std::vector<float> img = values(rec, "vit_input"), patches = values(rec, "patches");
        for (int r = 0; r < 4; ++r)
            for (int c = 0; c < 4; ++c)
                for (int y = 0; y < 7; ++y)
                    for (int x = 0; x < 7; ++x)
                        QCOMPARE(patches[std::size_t(((r * 4 + c) * 7 + y) * 7 + x)], img[std::size_t((r * 7 + y) * 28 + c * 7 + x)]);
        for (int l = 0; l < 2; ++l)
            for (int h = 0; h < 4; ++h) {
                std::vector<float> a = values(rec, "cls_attention/l" + std::to_string(l) + "_h" + std::to_string(h));
                QVERIFY(sum(a) > 0.0 && sum(a) < 1.0 + 1e-5);
                for (float x : a) QVERIFY(x >= 0.0f);
            }
        QVERIFY(std::fabs(sum(values(rec, "cls_attention/rollout")) - 1.0) < 1e-5);
        // Each position vector is identical to itself.
        std::vector<float> sim = values(rec, "position_similarity");
        for (int i = 0; i < 16; ++i) QVERIFY(std::fabs(sim[std::size_t(i * 16 + i)] - 1.0f) < 1e-5f);
    }

    // A student's picture replaces the test image at once; a broken file is a note, not a crash.
    void studentPicture() {
        QTemporaryDir dir;
        const std::string png = dir.filePath("shirt.png").toStdString();
        std::vector<float> px(32 * 32, 1.0f);  // dark square on white paper
        for (int y = 6; y < 26; ++y)
            for (int x = 8; x < 24; ++x) px[std::size_t(y * 32 + x)] = 0.0f;
        writeGrayPng(png, px, 32, 32);
        auto run = make();
        Recorder rec(findLesson("vit"));
        run->start(rec);
        const LessonSpec* l = findLesson("vit");
        Recorder after(findLesson("vit"));
        run->set("image", l->parse("image=" + png).second, after);
        QCOMPARE(after.lastScalars().at("image_label"), -1.0);
        std::vector<float> in = values(after, "vit_input");
        QVERIFY(in[14 * 28 + 14] > 0.9f);  // inverted: the square is now light ink on black
        QVERIFY(in[0] < 0.1f);
        QVERIFY(after.series("probabilities") != nullptr);
        Recorder broken(findLesson("vit"));
        run->set("image", l->parse("image=" + dir.filePath("missing.png").toStdString()).second, broken);
        QCOMPARE(broken.notes().size(), std::size_t(2));  // that it cannot be used, then why
        QVERIFY(broken.notes()[0].starts_with("Your picture cannot be used"));
        QVERIFY(broken.notes()[1].find("missing.png") != std::string::npos);
        QVERIFY(broken.lastScalars().at("image_label") >= 0.0);  // back to the test picture
    }

    void checkpointContinuesIdentically() {
        auto a = make({"patch=14", "layers=1"}, 5);
        Recorder ra(findLesson("vit"));
        a->start(ra);
        for (int i = 0; i < 7; ++i) a->step(ra);
        Checkpoint ck;
        ck.lesson = "vit";
        a->save(ck);
        auto b = make({"patch=14", "layers=1"}, 5);
        b->load(ck);
        QCOMPARE(b->stepCount(), int64_t(7));
        Recorder r1(findLesson("vit")), r2(findLesson("vit"));
        for (int i = 0; i < 15; ++i) a->step(r1), b->step(r2);
        QCOMPARE(r2.scalar("loss")->values, r1.scalar("loss")->values);
        QCOMPARE(values(r2, "cls_attention/rollout"), values(r1, "cls_attention/rollout"));
        auto c = make({"patch=7", "layers=1"}, 5);
        QVERIFY_THROWS_EXCEPTION(Error, c->load(ck));
        QCOMPARE(c->stepCount(), int64_t(0));
    }

    void cliWritesPatchesAndAttention() {
        QTemporaryDir dir;
        auto r = test::runCli({"run", "vit", "--steps", "20", "--set", "patch=14", "--out", dir.path()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(QFile::exists(dir.filePath("patches.png")));
        QVERIFY(QFile::exists(dir.filePath("cls_attention.png")));  // rollout, every layer and head, stacked
        test::Csv c = test::readCsv(dir.filePath("cls_attention.csv"));
        QCOMPARE(c.header, (QStringList{"map", "patch_row", "patch_col", "weight"}));
        QCOMPARE(int(c.rows.size()), (1 + 2 * 4) * 4);  // rollout + 2 layers x 4 heads, 2 x 2 patches each
        double rollout = 0;
        for (const QStringList& row : c.rows)
            if (row[0] == "rollout") rollout += row[3].toDouble();
        QVERIFY(std::fabs(rollout - 1.0) < 1e-5);
        QFile f(dir.filePath("summary.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        auto j = nlohmann::json::parse(f.readAll().toStdString());
        QCOMPARE(j.at("steps").get<int64_t>(), int64_t(20));
    }

    // A data set that is not installed is replaced by another (real, else the synthetic shapes),
    // and the first frame says which and why: in detail for the CLI, plainly for the status line.
    void missingDataSetIsReported() {
        auto run = make({"dataset=mnist"});
        if (run->summary().at("dataset").get<std::string>() == "mnist") QSKIP("MNIST is installed: nothing falls back");
        Recorder rec(findLesson("vit"));
        run->start(rec);
        QVERIFY(!rec.notes().empty());
        QVERIFY2(rec.notes()[0].find("mnist not found") != std::string::npos, rec.notes()[0].c_str());
        QCOMPARE(rec.notes().size(), std::size_t(2));
        const bool synthetic = run->summary().at("synthetic_data").get<bool>();
        const std::string plain = synthetic ? "mnist was not found: the pictures are the synthetic shapes instead"
                                            : "mnist was not found: the pictures come from fashion-mnist instead";
        QVERIFY2(rec.notes()[1].rfind(plain, 0) == 0, rec.notes()[1].c_str());
    }

    // The lesson's promise: one epoch (the default) on Fashion-MNIST gives >= 80 % test accuracy.
    void oneEpochOfFashionMnist() {
        if (!std::filesystem::exists(kFashion)) QSKIP("Fashion-MNIST is not installed (Debian's dataset-fashion-mnist)");
        const LessonSpec* l = findLesson("vit");
        Params p = l->defaults();
        QCOMPARE(p.integer("epochs"), int64_t(1));
        auto run = l->make(p, 0, Device::CPU);
        Recorder rec(findLesson("vit"));
        run->start(rec);
        QElapsedTimer t;
        t.start();
        while (!run->finished()) run->step(rec);
        const double acc = run->summary().at("test_accuracy").get<double>();
        qInfo("vit: %lld steps in %.1f s, test accuracy %.4f", (long long)run->stepCount(), t.elapsed() / 1000.0, acc);
        QVERIFY(!run->summary().at("synthetic_data").get<bool>());
        QVERIFY(acc >= 0.80);
        QCOMPARE(rec.lastScalars().at("test_accuracy"), acc);
    }
};

QTEST_GUILESS_MAIN(TestVitLesson)
#include "test_vit_lesson.moc"
