// The gpt lesson's checkpoints load into the PyTorch twin of our GPT: gradlab-cli trains a small
// GPT for a few steps on the built-in text (tied and untied head) and saves a checkpoint;
// tests/bench/pytorch/gpt_reference.py builds torch's model from its parameters and vocabulary,
// loads the model tensors with load_state_dict(strict=True) and gives our logits on the same
// tokens within 1e-4. Skipped when Debian's /usr/bin/python3 has no torch.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "common/cli_runner.h"
#include "engine/autograd/autograd.h"
#include "engine/io/checkpoint.h"
#include "engine/io/safetensors.h"
#include "engine/nn/gpt.h"

using namespace gradlab;
using namespace gradlab::test;

namespace {
const QString kPython = "/usr/bin/python3";
QString reference() { return QString(GRADLAB_TEST_DATA) + "/../bench/pytorch/gpt_reference.py"; }
}  // namespace

class TestTorchGpt : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase() {
        if (!debianTorchAvailable()) QSKIP("Debian's /usr/bin/python3 has no torch or numpy (apt-get install python3-torch)");
        QVERIFY(m_dir.isValid());
    }

    void checkpointsGiveTorchOurLogits_data() {
        QTest::addColumn<int>("tied");
        QTest::newRow("tied head") << 1;
        QTest::newRow("own head") << 0;
    }
    void checkpointsGiveTorchOurLogits() {
        QFETCH(int, tied);
        const QString ck = m_dir.filePath(QString("gpt%1.safetensors").arg(tied));
        ProcessResult run = runProgram(cliPath(), {"run", "gpt", "--steps", "30", "--save", ck, "--set", "text=builtin",
                                                   "--set", "layers=2", "--set", "width=64", "--set", "heads=4", "--set",
                                                   "context=32", "--set", "batch=8", "--set", "sample.every=1000", "--set", "steps=30", "--set",
                                                   QString("tied=%1").arg(tied)});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));

        // Our logits on two windows of token ids, from the checkpoint's model.
        const Checkpoint c = loadCheckpoint(ck.toStdString(), "gpt");
        const nlohmann::json& p = c.meta.at("params");
        GPTOptions o;
        o.vocab = int64_t(c.meta.at("vocab").size());
        o.layers = p.at("layers").get<int64_t>();
        o.width = std::stoll(p.at("width").get<std::string>());
        o.heads = std::stoll(p.at("heads").get<std::string>());
        o.context = p.at("context").get<int64_t>();
        o.tiedHead = p.at("tied").get<double>() != 0;
        QCOMPARE(o.width, int64_t(64));
        Generator gen(1);
        GPT model(o, gen);
        std::map<std::string, Tensor> state;
        for (const auto& [name, t] : c.tensors)
            if (name.starts_with("model.")) state[name.substr(6)] = t;
        model.loadStateDict(state, true);
        model.eval();
        std::vector<float> ids;
        for (int64_t i = 0; i < 2 * o.context; ++i) ids.push_back(float(gen.below(uint64_t(o.vocab))));
        const Tensor idx = fromData(ids, {2, o.context});
        Tensor ours;
        {
            NoGradGuard ng;
            ours = model.forward(idx);
        }
        const std::string in = m_dir.filePath(QString("idx%1.safetensors").arg(tied)).toStdString();
        const std::string out = m_dir.filePath(QString("logits%1.safetensors").arg(tied)).toStdString();
        saveSafetensors(in, {{"idx", idx}});
        ProcessResult py = runProgram(kPython, {reference(), "logits", "--checkpoint", ck, "--input", QString::fromStdString(in),
                                                "--output", QString::fromStdString(out)});
        QVERIFY2(py.exitCode == 0, qPrintable(py.err));
        const SafetensorsFile theirs = loadSafetensors(out);
        QCOMPARE(theirs.tensors.size(), std::size_t(1));
        const Tensor& t = theirs.tensors[0].second;
        QCOMPARE(t.shape(), ours.shape());
        const std::vector<float> a = ours.toVector(), b = t.toVector();
        double worst = 0;
        for (std::size_t i = 0; i < a.size(); ++i) worst = std::max(worst, double(std::fabs(a[i] - b[i])));
        QVERIFY2(worst < 1e-4, qPrintable(QString("largest difference %1").arg(worst)));
        // And the logits are not trivially equal: 30 steps moved them away from uniform.
        double spread = 0;
        for (std::size_t i = 0; i < a.size(); ++i) spread = std::max(spread, double(std::fabs(a[i] - a[0])));
        QVERIFY(spread > 0.5);
    }
};

QTEST_GUILESS_MAIN(TestTorchGpt)
#include "test_torch_gpt.moc"
