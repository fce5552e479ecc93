// Our recurrent layers' state dicts load into torch: RNN (tanh, relu), LSTM and GRU, with and
// without biases, 1 and 2 layers, saved as safetensors, go into torch.nn.RNN / LSTM / GRU with
// load_state_dict(strict=True) (tests/pytorch/load_rnn_state.py), and torch's forward on the saved
// input gives our output and final states within 1e-5. Skipped when Debian's /usr/bin/python3 has
// no torch (apt-get install python3-torch).
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <nlohmann/json.hpp>

#include "common/cli_runner.h"
#include "engine/io/safetensors.h"
#include "engine/nn/rnn.h"

using namespace gradlab;
using namespace gradlab::test;

namespace {

const QString kPython = "/usr/bin/python3";

struct Model {
    std::string name, mode;
    RecurrentOptions options;
    bool initial;  // save h0 (and c0) and start from them
};

std::unique_ptr<RecurrentBase> make(const Model& m, Generator& gen) {
    if (m.mode == "lstm") return std::make_unique<LSTM>(5, 7, gen, m.options);
    if (m.mode == "gru") return std::make_unique<GRU>(5, 7, gen, m.options);
    return std::make_unique<RNN>(5, 7, gen, m.options, m.mode == "rnn_relu" ? "relu" : "tanh");
}

}  // namespace

class TestTorchRnn : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase() {
        if (!debianTorchAvailable()) QSKIP("Debian's /usr/bin/python3 has no torch or numpy (apt-get install python3-torch)");
        QVERIFY(m_dir.isValid());
    }

    void stateDictsLoadIntoTorch() {
        const std::vector<Model> models = {
            {"rnn tanh, 2 layers", "rnn_tanh", {2, true, false}, true},
            {"rnn relu, batch_first", "rnn_relu", {1, true, true}, false},
            {"lstm, 2 layers, batch_first", "lstm", {2, true, true}, true},
            {"lstm without biases", "lstm", {1, false, false}, false},
            {"gru, 2 layers", "gru", {2, true, false}, true},
            {"gru without biases", "gru", {1, false, true}, false},
        };
        Generator gen(14);
        nlohmann::json entries = nlohmann::json::array();
        for (std::size_t i = 0; i < models.size(); ++i) {
            const Model& m = models[i];
            auto layer = make(m, gen);
            const int64_t L = m.options.numLayers, B = 3;
            const Tensor x = randn(m.options.batchFirst ? Shape{B, 6, 5} : Shape{6, B, 5}, gen);
            NamedTensors io{{"x", x}};
            Tensor h0, c0;
            if (m.initial) {
                io.emplace_back("h0", h0 = randn({L, B, 7}, gen));
                if (m.mode == "lstm") io.emplace_back("c0", c0 = randn({L, B, 7}, gen));
            }
            RecurrentResult r = layer->forward(x, h0, c0);
            io.emplace_back("output", r.output);
            io.emplace_back("h_n", r.h);
            if (r.c.defined()) io.emplace_back("c_n", r.c);
            NamedTensors params;
            for (const auto& [name, t] : layer->stateDict()) params.emplace_back(name, t);
            const std::string stem = m_dir.filePath(QString::number(i)).toStdString();
            saveSafetensors(stem + ".params.safetensors", params);
            saveSafetensors(stem + ".io.safetensors", io);
            entries.push_back({{"name", m.name}, {"mode", m.mode}, {"input_size", 5}, {"hidden", 7}, {"layers", L},
                               {"bias", m.options.bias}, {"batch_first", m.options.batchFirst},
                               {"params", stem + ".params.safetensors"}, {"io", stem + ".io.safetensors"}});
        }
        ProcessResult r = runProgram(kPython, {QString(GRADLAB_TEST_DATA) + "/../pytorch/load_rnn_state.py",
                                               QString::fromStdString(entries.dump())});
        if (r.exitCode == 77) QSKIP("/usr/bin/python3 cannot import torch");
        QVERIFY2(r.exitCode == 0 && !r.crashed, qPrintable(r.err));
        const nlohmann::json result = nlohmann::json::parse(r.out.trimmed().toStdString());
        for (const Model& m : models) {
            const nlohmann::json& e = result.at(m.name);
            QVERIFY2(!e.contains("error"), qPrintable(QString::fromStdString(m.name + ": " + e.value("error", ""))));
            const double diff = e.at("max_diff").get<double>();
            QVERIFY2(diff <= 1e-5, qPrintable(QString("%1: torch differs by %2").arg(m.name.c_str()).arg(diff)));
        }
    }
};

QTEST_GUILESS_MAIN(TestTorchRnn)
#include "test_torch_rnn.moc"
