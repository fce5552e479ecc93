// The rnn lesson's gradient through time at step 0, against PyTorch 1.13 on the very same weights
// and batch: tests/bench/pytorch/rnn_tasks.py --dump-step0 writes its first batch of the lesson's
// default task (the adding problem, T = 50, hidden 64, the LSTM's forget bias 1), every cell's
// initial parameters and its ||dL/dh_t|| for every t; our RNN, LSTM and GRU with those parameters
// and the lesson's read-out and loss must give the same decay: ||dL/dh_T|| / ||dL/dh_1|| within
// 20 % (the bound; in practice ~1e-4), and every ||dL/dh_t|| within 1 %. (Across random
// initialisations the ratio spreads over orders of magnitude: test_rnn_lesson compares those in
// orders of magnitude.) Skipped when Debian's /usr/bin/python3 has no torch.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/cli_runner.h"
#include "engine/nn/linear.h"
#include "engine/nn/rnn.h"
#include "engine/ops/ops.h"

using namespace gradlab;
using namespace gradlab::test;

namespace {

Tensor tensorOf(const nlohmann::json& j) {
    Shape shape;
    for (const auto& d : j.at("shape")) shape.push_back(d.get<int64_t>());
    return fromData(j.at("data").get<std::vector<float>>(), shape);
}

}  // namespace

class TestTorchRnnTimeGradients : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    nlohmann::json m_dump;

private slots:
    void initTestCase() {
        if (!debianTorchAvailable()) QSKIP("Debian's /usr/bin/python3 has no torch or numpy (apt-get install python3-torch)");
        const QString script = QString(GRADLAB_TEST_DATA) + "/../bench/pytorch/rnn_tasks.py";
        const QString dump = m_dir.filePath("step0.json");
        ProcessResult r = runProgram("/usr/bin/python3", {script, "--task", "adding", "--T", "50", "--hidden", "64", "--forget-bias", "1",
                                                          "--steps", "0", "--seed", "3", "--dump-step0", dump, "--out", m_dir.filePath("out.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        std::ifstream in(dump.toStdString());
        m_dump = nlohmann::json::parse(in);
    }

    void sameWeightsSameDecay_data() {
        QTest::addColumn<QString>("cell");
        for (const char* c : {"rnn", "lstm", "gru"}) QTest::newRow(c) << QString(c);
    }
    void sameWeightsSameDecay() {
        QFETCH(QString, cell);
        const std::string c = cell.toStdString();
        const nlohmann::json& d = m_dump.at("cells").at(c);
        const nlohmann::json& p = d.at("params");
        Generator gen(0);  // overwritten below
        RecurrentOptions o;
        o.batchFirst = true;
        std::unique_ptr<RecurrentBase> net;
        if (c == "rnn") net = std::make_unique<RNN>(2, 64, gen, o);
        else if (c == "lstm") net = std::make_unique<LSTM>(2, 64, gen, o);
        else net = std::make_unique<GRU>(2, 64, gen, o);
        Linear head(64, 1, true, gen);
        for (const char* name : {"weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"}) {
            Tensor mine = std::string(name) == "weight_ih_l0" ? net->weightIh(0)
                          : std::string(name) == "weight_hh_l0" ? net->weightHh(0)
                          : std::string(name) == "bias_ih_l0"   ? net->biasIh(0)
                                                                : net->biasHh(0);
            mine.copy_(tensorOf(p.at(std::string("rnn.") + name)));
        }
        Tensor hw = head.namedParameters().at(0).second, hb = head.namedParameters().at(1).second;
        hw.copy_(tensorOf(p.at("head.weight")));
        hb.copy_(tensorOf(p.at("head.bias")));

        // The lesson's loss: MSE of the read-out of the last hidden state against the sums.
        std::vector<int64_t> shape = m_dump.at("x_shape").get<std::vector<int64_t>>();
        Tensor x = fromData(m_dump.at("x").get<std::vector<float>>(), {shape[0], shape[1], shape[2]});
        Tensor y = fromData(m_dump.at("y").get<std::vector<float>>(), {shape[0], 1});
        RecurrentTrace trace;
        trace.retainGrad = true;
        RecurrentResult r = net->forward(x, Tensor(), Tensor(), trace);
        Tensor loss = mseLoss(head(r.output.select(1, shape[1] - 1)), y);
        QVERIFY(std::fabs(double(loss.item()) - d.at("loss").get<double>()) < 1e-5 * std::max(1.0, d.at("loss").get<double>()));
        loss.backward();
        const std::vector<double> theirs = d.at("time_grad_norms").get<std::vector<double>>();
        QCOMPARE(r.hidden[0].size(), theirs.size());
        std::vector<double> ours;
        for (const Tensor& h : r.hidden[0]) {
            double n = 0;
            for (float v : h.grad().toVector()) n += double(v) * double(v);
            ours.push_back(std::sqrt(n));
        }
        for (std::size_t t = 0; t < ours.size(); ++t)
            QVERIFY2(std::fabs(ours[t] / theirs[t] - 1) < 0.01,
                     qPrintable(QString("t %1: %2 (ours) vs %3 (PyTorch)").arg(t).arg(ours[t]).arg(theirs[t])));
        const double ratio = ours.back() / ours.front(), ref = d.at("time_grad_ratio").get<double>();
        QVERIFY2(std::fabs(ratio / ref - 1) < 0.2, qPrintable(QString("ratio %1 (ours) vs %2 (PyTorch)").arg(ratio).arg(ref)));
    }
};

QTEST_GUILESS_MAIN(TestTorchRnnTimeGradients)
#include "test_torch_rnn_time_gradients.moc"
