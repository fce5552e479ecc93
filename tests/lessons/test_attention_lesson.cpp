// The attention lesson: the worked example against the formulas (computed here in double), every
// name its QML page reads, a checkpoint round trip (also with the old layer names), the CLI's
// files, and that the transformer learns to reverse 8 digits with its attention on the mirrored position.
#include <QtTest>

#include <cmath>
#include <set>

#include "common/cli_runner.h"
#include "engine/core/error.h"
#include "engine/io/checkpoint.h"
#include "lessons/lesson.h"
#include "lessons/recorder.h"

using namespace gradlab;

namespace {

std::unique_ptr<Run> make(std::initializer_list<std::string> sets = {}, uint64_t seed = 0) {
    const LessonSpec* l = findLesson("attention");
    Params p = l->defaults();
    for (const auto& s : sets) {
        auto [k, v] = l->parse(s);
        p.assign(k, v);
    }
    return l->make(p, seed, Device::CPU);
}

struct Matrix {
    int64_t rows = 0, cols = 0;
    std::vector<double> v;
    double operator()(int64_t r, int64_t c) const { return v[std::size_t(r * cols + c)]; }
};

Matrix matrix(const Recorder& rec, const std::string& name) {
    const Image& img = rec.images().at(name);
    Matrix m;
    m.rows = img.values.size(0);
    m.cols = img.values.size(1);
    for (float x : img.values.contiguous().toVector()) m.v.push_back(x);
    return m;
}

}  // namespace

class TestAttentionLesson : public QObject {
    Q_OBJECT
private slots:
    // scores = Q K^T; scaled = scores / sqrt(d_k) (or not); the causal mask blocks later keys;
    // weights = softmax of each row; output = weights V.
    void demoFollowsTheFormulas_data() {
        QTest::addColumn<int>("dk");
        QTest::addColumn<bool>("scale");
        QTest::addColumn<bool>("causal");
        QTest::newRow("dk4 scaled") << 4 << true << false;
        QTest::newRow("dk4 causal") << 4 << true << true;
        QTest::newRow("dk64 unscaled") << 64 << false << false;
        QTest::newRow("dk16 unscaled causal") << 16 << false << true;
    }
    void demoFollowsTheFormulas() {
        QFETCH(int, dk);
        QFETCH(bool, scale);
        QFETCH(bool, causal);
        auto run = make({"demo.dk=" + std::to_string(dk), std::string("demo.scale=") + (scale ? "1" : "0"),
                         std::string("demo.causal=") + (causal ? "1" : "0"), "demo.tokens=6"});
        Recorder rec(findLesson("attention"));
        run->start(rec);
        Matrix q = matrix(rec, "demo_queries"), k = matrix(rec, "demo_keys"), v = matrix(rec, "demo_values");
        Matrix scores = matrix(rec, "demo_scores"), scaled = matrix(rec, "demo_scaled");
        Matrix w = matrix(rec, "demo_weights"), out = matrix(rec, "demo_output");
        const int64_t n = 6;
        QCOMPARE(q.rows, n);
        QCOMPARE(q.cols, int64_t(dk));
        QCOMPARE(w.rows, n);
        QCOMPARE(w.cols, n);
        QCOMPARE(rec.images().at("demo_weights").rowLabels.size(), std::size_t(n));
        const double c = scale ? 1.0 / std::sqrt(double(dk)) : 1.0;
        double maxSum = 0;
        for (int64_t i = 0; i < n; ++i) {
            std::vector<double> s(static_cast<std::size_t>(n));
            double mx = -INFINITY;
            for (int64_t j = 0; j < n; ++j) {
                double dot = 0;
                for (int64_t d = 0; d < dk; ++d) dot += q(i, d) * k(j, d);
                QVERIFY(std::fabs(scores(i, j) - dot) < 1e-4 * (1 + std::fabs(dot)));
                s[std::size_t(j)] = dot * c;
                if (causal && j > i) {
                    QVERIFY(std::isinf(scaled(i, j)) && scaled(i, j) < 0);
                } else {
                    QVERIFY(std::fabs(scaled(i, j) - s[std::size_t(j)]) < 1e-4 * (1 + std::fabs(s[std::size_t(j)])));
                    mx = std::max(mx, s[std::size_t(j)]);
                }
            }
            double z = 0, rowSum = 0, rowMax = 0;
            for (int64_t j = 0; j < n; ++j) z += (causal && j > i) ? 0.0 : std::exp(s[std::size_t(j)] - mx);
            for (int64_t j = 0; j < n; ++j) {
                const double expect = (causal && j > i) ? 0.0 : std::exp(s[std::size_t(j)] - mx) / z;
                QVERIFY2(std::fabs(w(i, j) - expect) < 1e-5, qPrintable(QString("w(%1,%2)").arg(i).arg(j)));
                if (causal && j > i) QCOMPARE(w(i, j), 0.0);
                rowSum += w(i, j);
                rowMax = std::max(rowMax, w(i, j));
            }
            QVERIFY(std::fabs(rowSum - 1.0) < 1e-5);
            maxSum += rowMax;
            for (int64_t d = 0; d < v.cols; ++d) {
                double o = 0;
                for (int64_t j = 0; j < n; ++j) o += w(i, j) * v(j, d);
                QVERIFY(std::fabs(out(i, d) - o) < 1e-5);
            }
        }
        QVERIFY(std::fabs(rec.lastScalars().at("demo_max_weight") - maxSum / double(n)) < 1e-6);
    }

    // Without the scaling, a larger d_k makes the softmax peaked; with it, it stays soft.
    void scalingKeepsSoftmaxSoft() {
        auto peak = [](int dk, bool scale) {
            auto run = make({"demo.dk=" + std::to_string(dk), std::string("demo.scale=") + (scale ? "1" : "0")});
            Recorder rec(findLesson("attention"));
            run->start(rec);
            return rec.lastScalars().at("demo_max_weight");
        };
        QVERIFY(peak(256, false) > 0.9);
        QVERIFY(peak(256, true) < 0.8);
    }

    // A demo toggle redraws at once, without a training step.
    void demoRedrawsOnSet() {
        auto run = make();
        Recorder rec(findLesson("attention"));
        run->start(rec);
        const LessonSpec* l = findLesson("attention");
        Recorder after(findLesson("attention"));
        run->set("demo.causal", l->parse("demo.causal=1").second, after);
        QCOMPARE(run->stepCount(), int64_t(0));
        QVERIFY(after.images().count("demo_weights") == 1);
        QCOMPARE(matrix(after, "demo_weights")(0, 1), 0.0);
    }

    // Everything qml/lessons/attention/AttentionPage.qml reads.
    void emitsWhatThePageReads() {
        QVERIFY_THROWS_EXCEPTION(Error, make({"heads=3"}));  // 32 dims do not split into 3 heads: not a choice
        auto run = make({"layers=2", "heads=4"}, 1);
        Recorder rec(findLesson("attention"));
        run->start(rec);
        for (int i = 0; i < 20; ++i) run->step(rec);
        for (const char* img : {"demo_scores", "demo_scaled", "demo_weights", "demo_values", "demo_output", "positional_encoding"})
            QVERIFY2(rec.images().count(img) == 1, img);
        for (int l = 0; l < 2; ++l)
            for (int h = 0; h < 4; ++h) {
                const std::string n = "attention_l" + std::to_string(l) + "_h" + std::to_string(h);
                QVERIFY2(rec.images().count(n) == 1, n.c_str());
                const Image& img = rec.images().at(n);
                QCOMPARE(img.values.size(0), int64_t(8));
                QCOMPARE(img.values.size(1), int64_t(8));
                QCOMPARE(img.rowLabels.size(), std::size_t(8));
                QCOMPARE(img.colLabels, img.rowLabels);
            }
        QVERIFY(rec.images().count("attention_l2_h0") == 0);
        auto last = rec.lastScalars();
        for (const char* s : {"loss", "eval_token_accuracy", "eval_sequence_accuracy", "mirror_attention", "demo_max_weight",
                              "demo_score_std"})
            QVERIFY2(last.count(s) == 1, s);
        const Series* ex = rec.series("example");
        QVERIFY(ex != nullptr);
        QCOMPARE(ex->textColumns, (std::vector<std::string>{"input", "target", "prediction"}));
        QCOMPARE(ex->rows(), std::size_t(8));
        for (std::size_t i = 0; i < 8; ++i)  // reverse: target i = input 7 - i
            QCOMPARE(ex->text[i * 3 + 1], ex->text[(7 - i) * 3]);
        QCOMPARE(rec.images().at("attention_l0_h0").rowLabels[0], ex->text[0]);
        const LessonSpec* l = findLesson("attention");
        for (const char* p : {"layers", "heads", "demo.scale"}) QVERIFY(l->find(p) != nullptr);
    }

    // A frame's images are copies: training on must not change what was already sent (the GUI
    // reads them on another thread). The learned positions change with every step.
    void framesDoNotAliasTheModel() {
        auto run = make();
        Recorder first(findLesson("attention"));
        run->start(first);
        const std::vector<float> pe = first.images().at("positional_encoding").values.toVector();
        const std::vector<float> map = first.images().at("attention_l0_h0").values.toVector();
        Recorder later(findLesson("attention"));
        for (int i = 0; i < 10; ++i) run->step(later);
        QVERIFY(later.images().at("positional_encoding").values.toVector() != pe);  // they did train
        QCOMPARE(first.images().at("positional_encoding").values.toVector(), pe);
        QCOMPARE(first.images().at("attention_l0_h0").values.toVector(), map);
    }

    void tasksHaveTheirTargets() {
        for (const char* task : {"sort", "copy-shift"}) {
            auto run = make({std::string("task=") + task, "length=6"});
            Recorder rec(findLesson("attention"));
            run->start(rec);
            const Series* ex = rec.series("example");
            QCOMPARE(ex->rows(), std::size_t(6));
            std::vector<std::string> in, tg;
            for (std::size_t i = 0; i < 6; ++i) in.push_back(ex->text[i * 3]), tg.push_back(ex->text[i * 3 + 1]);
            if (std::string(task) == "sort") {
                std::sort(in.begin(), in.end());
                QCOMPARE(tg, in);
            } else {
                for (std::size_t i = 0; i < 6; ++i) QCOMPARE(tg[i], in[(i + 5) % 6]);
            }
            QVERIFY(rec.lastScalars().count("mirror_attention") == 0);  // only reverse has a mirror
        }
    }

    // 15 + 10 steps through a checkpoint equal 25 steps. The encoder layers are named as PyTorch's
    // nn.ModuleList names them (model.layers.<i>.*); checkpoints written before that
    // (model.layers_<i>.*) still load and continue identically.
    void checkpointContinuesIdentically_data() {
        QTest::addColumn<bool>("oldNames");
        QTest::newRow("as saved") << false;
        QTest::newRow("old layer names (layers_<i>)") << true;
    }
    void checkpointContinuesIdentically() {
        QFETCH(bool, oldNames);
        auto a = make({"layers=2"}, 3);
        Recorder ra(findLesson("attention"));
        a->start(ra);
        for (int i = 0; i < 15; ++i) a->step(ra);
        Checkpoint ck;
        ck.lesson = "attention";
        a->save(ck);
        int layerTensors = 0;
        for (auto& [name, t] : ck.tensors) {
            QVERIFY2(name.rfind("model.layers_", 0) != 0, name.c_str());
            if (name.rfind("model.layers.", 0) != 0) continue;
            ++layerTensors;
            if (oldNames) name = "model.layers_" + name.substr(13);
        }
        // torch.nn.TransformerEncoderLayer's state_dict: in_proj_weight, in_proj_bias,
        // out_proj.weight/bias, linear1/2.weight/bias, norm1/2.weight/bias: 12 tensors per layer.
        QCOMPARE(layerTensors, 2 * 12);
        QCOMPARE(ck.has("model.layers_1.self_attn.in_proj_weight"), oldNames);
        auto b = make({"layers=2"}, 3);
        b->load(ck);
        QCOMPARE(b->stepCount(), int64_t(15));
        Recorder r1(findLesson("attention")), r2(findLesson("attention"));
        for (int i = 0; i < 10; ++i) a->step(r1), b->step(r2);
        QCOMPARE(r2.scalar("loss")->values, r1.scalar("loss")->values);
        QCOMPARE(r2.lastScalars().at("eval_token_accuracy"), r1.lastScalars().at("eval_token_accuracy"));
        // A checkpoint of another shape is refused and changes nothing.
        auto c = make({"layers=1"}, 3);
        QVERIFY_THROWS_EXCEPTION(Error, c->load(ck));
        QCOMPARE(c->stepCount(), int64_t(0));
    }

    // The lesson's promise, with its defaults: reverse 8 digits, >= 99 % of the tokens right, and
    // the last layer's attention (mean over heads, queries and sequences) >= 0.75 on the mirrored key.
    void learnsToReverse() {
        const LessonSpec* l = findLesson("attention");
        Params p = l->defaults();
        QCOMPARE(p.text("task"), std::string("reverse"));
        QCOMPARE(p.integer("length"), int64_t(8));
        auto run = l->make(p, 0, Device::CPU);
        Recorder rec(findLesson("attention"));
        run->start(rec);
        QVERIFY(rec.lastScalars().at("eval_token_accuracy") < 0.3);  // it starts from chance
        while (!run->finished()) run->step(rec);
        QCOMPARE(run->stepCount(), p.integer("steps"));
        const nlohmann::json s = run->summary();
        qInfo("reverse after %lld steps: token accuracy %.4f, mirror attention %.4f", (long long)run->stepCount(),
              s.at("token_accuracy").get<double>(), s.at("mirror_attention").get<double>());
        QVERIFY(s.at("token_accuracy").get<double>() >= 0.99);
        QVERIFY(s.at("mirror_attention").get<double>() >= 0.75);
        QCOMPARE(s.at("eval_step").get<int64_t>(), run->stepCount());
    }

    void cliWritesAttentionCsv() {
        QTemporaryDir dir;
        auto r = test::runCli({"run", "attention", "--set", "steps=40", "--set", "heads=2", "--out", dir.path()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (int h = 0; h < 2; ++h) {
            test::Csv c = test::readCsv(dir.filePath(QString("attention_l0_h%1.csv").arg(h)));
            QCOMPARE(c.header.size(), 9);  // the corner cell and 8 keys
            QCOMPARE(int(c.rows.size()), 8);  // 8 queries
            for (const QStringList& row : c.rows) {
                QCOMPARE(row.size(), 9);
                double sum = 0;
                for (int j = 1; j < 9; ++j) sum += row[j].toDouble();
                QVERIFY(std::fabs(sum - 1.0) < 1e-4);  // each query's weights sum to 1
            }
        }
        QVERIFY(!QFile::exists(dir.filePath("attention_l0_h2.csv")));
        QFile f(dir.filePath("summary.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        auto j = nlohmann::json::parse(f.readAll().toStdString());
        QCOMPARE(j.at("steps").get<int64_t>(), int64_t(40));
        QVERIFY(j.at("token_accuracy").is_number());
        QVERIFY(j.at("mirror_attention").is_number());
        QVERIFY(QFile::exists(dir.filePath("metrics.csv")));
        QVERIFY(QFile::exists(dir.filePath("example.csv")));
    }
};

QTEST_GUILESS_MAIN(TestAttentionLesson)
#include "test_attention_lesson.moc"
