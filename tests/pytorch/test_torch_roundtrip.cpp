// The PyTorch round trip (tools/pytorch/gradlab_to_torch.py): checkpoints that gradlab-cli saves
// load into the torch modules of gradlab_models.py with strict=True, and torch computes our
// results from our weights: the test accuracy of LeNet-5 (both variants) and the ViT within 0.1 %,
// the attention weights and predictions of the attention lesson's example sequence, the loss of
// every activation network. Old attention checkpoints (layers_<i>) still load; bad files give one
// clear line. The lessons run once (initTestCase) and the tool loads all their checkpoints in one
// Python process (run_tool.py: one torch import); the slots check the results. Skipped when
// Debian's /usr/bin/python3 has no torch (apt-get install python3-torch).
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <nlohmann/json.hpp>

#include "common/check.h"
#include "common/cli_runner.h"
#include "engine/io/safetensors.h"

using namespace gradlab;
using namespace gradlab::test;

namespace {

const QString kPython = "/usr/bin/python3";

QString toolDir() { return QDir::cleanPath(QString(GRADLAB_TEST_DATA) + "/../../tools/pytorch"); }
QString toolPath() { return toolDir() + "/gradlab_to_torch.py"; }
QString dataDir() { return QString(GRADLAB_BINARY_DIR) + "/data"; }

// The same checkpoint with `change` applied to its tensors and metadata, written to `out`.
template <class F>
void rewrite(const QString& in, const QString& out, F change) {
    SafetensorsFile f = loadSafetensors(in.toStdString());
    change(f);
    saveSafetensors(out.toStdString(), f.tensors, f.metadata);
}

double number(const nlohmann::json& j, const char* key) { return j.at(key).get<double>(); }

}  // namespace

class TestTorchRoundtrip : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::map<QString, nlohmann::json> m_summary;  // summary.json of each lesson run, by run name
    std::map<QString, nlohmann::json> m_tool;     // the tool's answer ({"exit", "result" or "error"}) by call name
    QString m_tokens, m_prediction;               // the attention example: input and our prediction

    QString file(const QString& run, const QString& name) const { return m_dir.filePath(run + "/" + name); }
    QString checkpoint(const QString& run) const { return file(run, "ck.safetensors"); }

    // gradlab-cli run <lesson> <args> --save <run>/ck.safetensors --out <run>/
    bool runLesson(const QString& run, const QString& lesson, const QStringList& args) {
        ProcessResult r = runCli(QStringList{"run", lesson} + args + QStringList{"--save", checkpoint(run), "--out", m_dir.filePath(run)});
        if (r.exitCode != 0) qWarning("gradlab-cli run %s failed: %s", qPrintable(lesson), qPrintable(r.err));
        QFile f(file(run, "summary.json"));
        if (r.exitCode != 0 || !f.open(QIODevice::ReadOnly)) return false;
        m_summary[run] = nlohmann::json::parse(f.readAll().toStdString());
        return true;
    }

    // The tool's result of call `name`; fails the test (with the tool's error) when it did not succeed.
    const nlohmann::json* result(const QString& name) {
        const nlohmann::json& t = m_tool.at(name);
        if (t.at("exit") != 0) {
            QTest::qFail(qPrintable(name + ": " + QString::fromStdString(t.at("error").get<std::string>())), __FILE__, __LINE__);
            return nullptr;
        }
        return &t.at("result");
    }

private slots:
    void initTestCase() {
        if (!debianTorchAvailable()) QSKIP("Debian's /usr/bin/python3 has no torch or numpy (apt-get install python3-torch)");
        QVERIFY2(QFile::exists(toolPath()), qPrintable(toolPath()));
        QVERIFY(m_dir.isValid());
        const QStringList cnn = {"--set", "validation=0", "--set", "epochs=1", "--steps", "300"};
        QVERIFY(runLesson("relu_maxpool", "cnn", cnn + QStringList{"--set", "variant=relu_maxpool"}));
        QVERIFY(runLesson("tanh_avgpool", "cnn", cnn + QStringList{"--set", "variant=tanh_avgpool"}));
        // One epoch: the ViT's test accuracy is measured at its end. Patch 14 keeps torch's side
        // cheap (Debian's torch computes with the reference BLAS).
        QVERIFY(runLesson("vit", "vit", {"--set", "epochs=1", "--set", "patch=14", "--set", "layers=1", "--set", "heads=2"}));
        QVERIFY(runLesson("attention", "attention", {"--set", "layers=2", "--set", "heads=2"}));
        QVERIFY(runLesson("activations", "activations", {"--steps", "30", "--set", "depth=6", "--set", "width=24",
                                                         "--set", "softplus.beta=2", "--set", "gelu.approximate=tanh"}));
        QVERIFY(runLesson("optimizers", "optimizers", {"--steps", "20"}));
        QVERIFY(runLesson("shapes", "cnn", {"--set", "dataset=shapes", "--set", "validation=0", "--steps", "2"}));

        Csv ex = readCsv(file("attention", "example.csv"));
        const int in = ex.column("input"), pred = ex.column("prediction");
        QVERIFY(in >= 0 && pred >= 0);
        for (const QStringList& row : ex.rows) m_tokens += row[in], m_prediction += row[pred];
        QCOMPARE(m_tokens.size(), 8);
        // The attention checkpoint as written before the encoder layers were named like PyTorch's.
        rewrite(checkpoint("attention"), file("attention", "old.safetensors"), [](SafetensorsFile& f) {
            int renamed = 0;
            for (auto& [name, t] : f.tensors)
                if (name.rfind("model.layers.", 0) == 0) name = "model.layers_" + name.substr(13), ++renamed;
            QCOMPARE(renamed, 2 * 12);  // 12 tensors per encoder layer
        });
        // A LeNet-5 checkpoint with one tensor of the wrong shape.
        rewrite(checkpoint("shapes"), file("shapes", "shape.safetensors"), [](SafetensorsFile& f) {
            for (auto& [name, t] : f.tensors)
                if (name == "model.f6.weight") t = t.narrow(0, 0, 80).contiguous();
        });

        const std::vector<std::pair<QString, QStringList>> calls = {
            {"relu_maxpool", {checkpoint("relu_maxpool"), "--eval", "--onnx", file("relu_maxpool", "lenet.onnx")}},
            {"tanh_avgpool", {checkpoint("tanh_avgpool"), "--eval"}},
            {"vit", {checkpoint("vit"), "--eval", "--onnx", file("vit", "vit.onnx")}},
            {"attention", {checkpoint("attention"), "--eval", "--tokens", m_tokens}},
            {"attention_old", {file("attention", "old.safetensors"), "--tokens", m_tokens}},
            {"activations", {checkpoint("activations"), "--eval"}},
            {"shape", {file("shapes", "shape.safetensors")}},
        };
        nlohmann::json argv = nlohmann::json::array();
        for (const auto& [name, args] : calls) {
            nlohmann::json a = nlohmann::json::array();
            for (const QString& s : args + QStringList{"--data-dir", dataDir()}) a.push_back(s.toStdString());
            argv.push_back(a);
        }
        ProcessResult r = runProgram(kPython, {QString(GRADLAB_TEST_DATA) + "/../pytorch/run_tool.py", toolDir(), QString::fromStdString(argv.dump())});
        if (r.exitCode == 77) QSKIP("/usr/bin/python3 cannot import torch");
        QVERIFY2(r.exitCode == 0 && !r.crashed, qPrintable(r.err));
        const nlohmann::json answers = nlohmann::json::parse(r.out.trimmed().toStdString());
        QCOMPARE(answers.size(), calls.size());
        for (std::size_t i = 0; i < calls.size(); ++i) m_tool[calls[i].first] = answers[i];
    }

    // LeNet-5 after 300 steps of Fashion-MNIST: torch's test accuracy from our weights, on the
    // test images it reads and preprocesses itself, equals ours within 0.1 %.
    void cnnTestAccuracy_data() {
        QTest::addColumn<QString>("variant");
        QTest::newRow("relu_maxpool") << "relu_maxpool";
        QTest::newRow("tanh_avgpool") << "tanh_avgpool";
    }
    void cnnTestAccuracy() {
        QFETCH(QString, variant);
        const nlohmann::json& s = m_summary.at(variant);
        if (s.at("dataset") == "shapes") QSKIP("no real data set (dataset-fashion-mnist) is installed");
        const nlohmann::json* t = result(variant);
        QVERIFY(t);
        QCOMPARE(t->at("nets").at("cnn").at("class").get<std::string>(), std::string("LeNet5"));
        const nlohmann::json& e = t->at("eval");
        const double ours = number(s, "test_accuracy"), torch = number(e, "accuracy");
        qInfo("cnn %s: test accuracy ours %.4f, torch %.4f; loss ours %.5f, torch %.5f (%lld images of %s)",
              qPrintable(variant), ours, torch, number(s, "test_loss"), number(e, "loss"),
              (long long)e.at("images").get<int64_t>(), e.at("dataset").get<std::string>().c_str());
        QCOMPARE(e.at("dataset"), s.at("dataset"));
        QCOMPARE(e.at("images").get<int64_t>(), s.at("test_images").get<int64_t>());
        QVERIFY2(std::fabs(ours - torch) <= 0.001, qPrintable(QString("ours %1, torch %2").arg(ours).arg(torch)));
        QVERIFY(ours > 0.6);  // it learned something: the comparison is not between two chance levels
        QVERIFY(std::fabs(number(s, "test_loss") - number(e, "loss")) <= 1e-3);
        if (variant == "relu_maxpool") QVERIFY(QFileInfo(file(variant, "lenet.onnx")).size() > 4 * 61706);  // the weights are in it
    }

    // The tiny ViT after one epoch.
    void vitTestAccuracy() {
        const nlohmann::json& s = m_summary.at("vit");
        if (s.at("dataset") == "shapes") QSKIP("no real data set (dataset-fashion-mnist) is installed");
        const nlohmann::json* t = result("vit");
        QVERIFY(t);
        QCOMPARE(t->at("nets").at("vit").at("class").get<std::string>(), std::string("TinyViT"));
        const nlohmann::json& e = t->at("eval");
        const double ours = number(s, "test_accuracy"), torch = number(e, "accuracy");
        qInfo("vit: test accuracy ours %.4f, torch %.4f; loss ours %.5f, torch %.5f (%lld images of %s)", ours, torch,
              number(s, "test_loss"), number(e, "loss"), (long long)e.at("images").get<int64_t>(),
              e.at("dataset").get<std::string>().c_str());
        QCOMPARE(e.at("dataset"), s.at("dataset"));
        QVERIFY2(std::fabs(ours - torch) <= 0.001, qPrintable(QString("ours %1, torch %2").arg(ours).arg(torch)));
        QVERIFY(ours > 0.5);
        QVERIFY(QFileInfo(file("vit", "vit.onnx")).size() > 4 * 60000);
    }

    // Two encoder layers learn to reverse; torch gives the example sequence's attention maps and
    // prediction as our CSV files show them, and reverses fresh random sequences as well as we do.
    // The same checkpoint with the old block names (layers_<i>) gives the same.
    void attentionMatchesOurOutputs() {
        for (const QString call : {"attention", "attention_old"}) {
            const nlohmann::json* t = result(call);
            QVERIFY(t);
            QString torchPrediction;
            for (const auto& d : t->at("tokens").at("prediction")) torchPrediction += QString::number(d.get<int>());
            QCOMPARE(torchPrediction, m_prediction);
            double worst = 0;
            for (int l = 0; l < 2; ++l)
                for (int h = 0; h < 2; ++h) {
                    Csv w = readCsv(file("attention", QString("attention_l%1_h%2.csv").arg(l).arg(h)));
                    QCOMPARE(int(w.rows.size()), 8);
                    const auto& tw = t->at("tokens").at("attention").at(l).at(h);
                    for (int q = 0; q < 8; ++q)
                        for (int k = 0; k < 8; ++k)
                            worst = std::max(worst, std::fabs(w.rows[q][k + 1].toDouble() - tw.at(q).at(k).get<double>()));
                }
            QVERIFY2(worst <= 1e-5, qPrintable(QString("%1: attention weights differ by %2").arg(call).arg(worst)));
            if (call != "attention") continue;
            const double ours = number(m_summary.at("attention"), "token_accuracy"),
                         torch = number(t->at("eval"), "token_accuracy");
            qInfo("attention: weights within %.2g of torch's; token accuracy ours %.4f (256 sequences), "
                  "torch %.4f (2000 random sequences)", worst, ours, torch);
            QVERIFY(ours >= 0.99 && torch >= 0.99);  // reverse is learned, and torch agrees on new sequences
        }
    }

    // Every activation network's loss and accuracy on the lesson's spirals (kept in the
    // checkpoint) equal ours at the saved step. A network still at chance (loss ln 2: both logits
    // nearly equal, e.g. a deep sigmoid one) has its argmax decided by rounding: only its loss counts.
    void activationsMatchOurLosses() {
        const nlohmann::json& s = m_summary.at("activations");
        const nlohmann::json* t = result("activations");
        QVERIFY(t);
        QCOMPARE(int(t->at("eval").size()), 8);
        double worst = 0;
        for (const auto& [act, r] : t->at("eval").items()) {
            const double ours = s.at("final").at("loss." + act).get<double>(), torch = number(r, "loss");
            worst = std::max(worst, std::fabs(ours - torch) / std::max(1.0, std::fabs(ours)));
            if (std::fabs(ours - std::log(2.0)) > 1e-3)
                QCOMPARE(number(r, "accuracy"), s.at("final").at("accuracy." + act).get<double>());
        }
        qInfo("activations: 8 losses within %.2g (relative) of torch's", worst);
        QVERIFY2(worst <= 1e-5, qPrintable(QString("a loss differs by %1").arg(worst)));
    }

    // Optimizers, through the script's command line: no network, the racers' positions as the
    // trajectory's last step.
    void optimizersPrintTheRacers() {
        ProcessResult r = runProgram(kPython, {toolPath(), "load", checkpoint("optimizers"), "--json"});
        QVERIFY2(r.exitCode == 0 && !r.crashed, qPrintable(r.err));
        const nlohmann::json t = nlohmann::json::parse(r.out.trimmed().toStdString());
        Csv tr = readCsv(file("optimizers", "trajectory.csv"));
        int seen = 0;
        for (const QStringList& row : tr.rows) {
            if (row[1] != "20") continue;
            const auto& p = t.at("racers").at(row[0].toStdString());
            QCOMPARE(float(number(p, "x")), row[2].toFloat());
            QCOMPARE(float(number(p, "y")), row[3].toFloat());
            ++seen;
        }
        QVERIFY(seen >= 2);
        QCOMPARE(seen, int(t.at("racers").size()));
    }

    // Bad input: one line on stderr naming the problem, exit status 1 (2 for bad usage).
    void badInputIsOneClearLine() {
        const nlohmann::json& shape = m_tool.at("shape");
        QCOMPARE(shape.at("exit").get<int>(), 1);
        QVERIFY2(shape.at("error").get<std::string>().find("tensor model.f6.weight has shape (80, 120), LeNet5 expects (84, 120)") !=
                     std::string::npos,
                 shape.at("error").get<std::string>().c_str());

        const QString ck = checkpoint("shapes"), lesson = file("shapes", "lesson.safetensors");
        rewrite(ck, lesson, [](SafetensorsFile& f) { f.metadata["lesson"] = "rnn"; });
        const QString text = file("shapes", "notes.txt");
        QVERIFY(writeFile(text, "not a checkpoint at all\n"));
        struct Case {
            QStringList args;
            int exitCode;
            QString says;
        };
        const std::vector<Case> cases = {
            {{lesson}, 1, "lesson 'rnn', which this script does not know"},
            {{QString(GRADLAB_TEST_DATA) + "/reference.safetensors"}, 1, "not a Gradient Lab checkpoint"},
            {{text}, 1, "is not a safetensors file"},
            {{file("shapes", "missing.safetensors")}, 1, "cannot read"},
            {{ck, "--eval"}, 1, "synthetic shapes set"},
            {{ck, "--tokens", "123"}, 1, "--tokens is for attention checkpoints"},
            {{ck, "--samples", "0"}, 2, "--samples must be at least 1"},
        };
        for (const Case& c : cases) {
            ProcessResult r = runProgram(kPython, QStringList{toolPath(), "load"} + c.args);
            QVERIFY2(r.exitCode == c.exitCode && !r.crashed, qPrintable(c.args.join(' ') + ": " + r.err));
            QVERIFY2(r.err.contains(c.says), qPrintable(r.err));
            QVERIFY2(!r.err.contains("Traceback"), qPrintable(r.err));
            if (c.exitCode == 1) QCOMPARE(r.err.trimmed().count('\n'), 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestTorchRoundtrip)
#include "test_torch_roundtrip.moc"
