// Recurrent networks: a vanilla RNN, an LSTM and a GRU race on the same synthetic sequence task
// and the same batches (like the optimizers race), while the lesson shows why the gates matter:
// the norm of the gradient dL/dh_t through time for every cell (as a heat map over training and
// for the latest step), each gate's activation over an example sequence, and what each cell would
// answer at every step of that sequence.
//
// Tasks (synthetic, seeded; tests/bench/pytorch/rnn_tasks.py is the PyTorch reference of the very
// same definitions):
//  - first: K = 8 symbols, one-hot, T of them; predict the first one at the end (chance 12.5 %).
//  - adding: per step (u_t ~ U[0,1], marker m_t); two markers, one in each half; predict the sum
//    of the two marked u (accuracy: |error| < 0.04, Hochreiter & Schmidhuber's criterion).
//  - sine: y_t = sin(2 pi t / P1 + a) + 0.5 sin(2 pi t / P2 + b) + 0.05 noise; predict y_{t+1} at
//    every step (accuracy: |error| < 0.1).
// Every cell reads out its last hidden state through its own linear head (sine: every h_t).
#include <algorithm>
#include <cctype>
#include <cmath>
#include <numbers>

#include "engine/autograd/autograd.h"
#include "engine/core/error.h"
#include "engine/io/checkpoint.h"
#include "engine/nn/linear.h"
#include "engine/nn/rnn.h"
#include "engine/ops/ops.h"
#include "engine/optim/clip_grad.h"
#include "engine/optim/optimizer.h"
#include "lessons/common/cpu_copy.h"
#include "lessons/common/divergence.h"
#include "lessons/common/training_checkpoint.h"
#include "lessons/lesson.h"

namespace gradlab {
namespace {

constexpr int64_t kSymbols = 8;
constexpr int64_t kBatch = 64;
constexpr int64_t kTestSize = 1024;  // fresh test sequences (their own generator)
constexpr int64_t kEvalEvery = 25;   // steps between test evaluations, time gradients and pictures
constexpr int64_t kShownUnits = 16;  // hidden units drawn in the gate and state heat maps
constexpr int64_t kGradRows = 120;   // training steps kept in the time-gradient heat maps
constexpr double kAddingTolerance = 0.04, kSineTolerance = 0.1;

const std::vector<std::string>& allCells() {
    static const std::vector<std::string> c = {"rnn", "lstm", "gru"};
    return c;
}

struct Task {
    std::string kind;  // first, adding, sine
    int64_t length = 0;
    int64_t inputSize() const { return kind == "first" ? kSymbols : kind == "adding" ? 2 : 1; }
    int64_t outputSize() const { return kind == "first" ? kSymbols : 1; }
    bool everyStep() const { return kind == "sine"; }  // a target at every step, not only the last
};

// A batch: inputs (B, T, in), targets (B) class ids (first), (B, 1) sums (adding) or (B, T, 1)
// next values (sine), row-major.
struct Batch {
    int64_t size = 0;
    std::vector<float> x, y;
};

Batch makeBatch(const Task& task, Generator& gen, int64_t count) {
    const int64_t T = task.length, in = task.inputSize();
    Batch b;
    b.size = count;
    b.x.assign(std::size_t(count * T * in), 0.0f);
    if (task.kind == "first") {
        b.y.resize(std::size_t(count));
        for (int64_t i = 0; i < count; ++i)
            for (int64_t t = 0; t < T; ++t) {
                const uint64_t s = gen.below(kSymbols);
                b.x[std::size_t((i * T + t) * in) + s] = 1.0f;
                if (t == 0) b.y[std::size_t(i)] = float(s);
            }
    } else if (task.kind == "adding") {
        b.y.resize(std::size_t(count));
        for (int64_t i = 0; i < count; ++i) {
            for (int64_t t = 0; t < T; ++t) b.x[std::size_t((i * T + t) * in)] = gen.uniform();
            const int64_t half = T / 2;
            const int64_t a = int64_t(gen.below(uint64_t(half))), c = half + int64_t(gen.below(uint64_t(T - half)));
            b.x[std::size_t((i * T + a) * in) + 1] = 1.0f;
            b.x[std::size_t((i * T + c) * in) + 1] = 1.0f;
            b.y[std::size_t(i)] = b.x[std::size_t((i * T + a) * in)] + b.x[std::size_t((i * T + c) * in)];
        }
    } else {  // sine
        b.y.resize(std::size_t(count * T));
        constexpr double twoPi = 2 * std::numbers::pi;
        for (int64_t i = 0; i < count; ++i) {
            const double p1 = 15 + 15 * gen.uniformDouble(), p2 = 5 + 7 * gen.uniformDouble();
            const double a = twoPi * gen.uniformDouble(), c = twoPi * gen.uniformDouble();
            for (int64_t t = 0; t <= T; ++t) {
                const float v = float(std::sin(twoPi * double(t) / p1 + a) + 0.5 * std::sin(twoPi * double(t) / p2 + c) +
                                      0.05 * gen.normal());
                if (t < T) b.x[std::size_t(i * T + t)] = v;
                if (t > 0) b.y[std::size_t(i * T + t - 1)] = v;
            }
        }
    }
    return b;
}

// One racer: a recurrent layer and its linear read-out, named like a torch module with attributes
// `cell` and `head` (so `cell.*` loads into torch.nn.RNN/LSTM/GRU as it is).
class CellNet final : public Module {
public:
    CellNet(const std::string& kind, const Task& task, int64_t hidden, const Params& p, Generator& gen) {
        RecurrentOptions o;
        o.batchFirst = true;
        if (kind == "rnn")
            m_cell = registerModule("cell", std::make_shared<RNN>(task.inputSize(), hidden, gen, o, p.text("rnn.activation")));
        else if (kind == "lstm")
            m_cell = registerModule("cell", std::make_shared<LSTM>(task.inputSize(), hidden, gen, o));
        else
            m_cell = registerModule("cell", std::make_shared<GRU>(task.inputSize(), hidden, gen, o));
        m_head = registerModule("head", std::make_shared<Linear>(hidden, task.outputSize(), true, gen));
        NoGradGuard ng;
        if (kind == "rnn" && p.number("rnn.init_scale") != 1.0) {  // a larger recurrent weight: gradients may explode
            Tensor w = m_cell->weightHh(0);  // a handle of the parameter
            w.copy_(mul(w, float(p.number("rnn.init_scale"))));
        }
        if (kind == "lstm" && p.flag("lstm.forget_bias")) {  // forget gate open at the start: f = sigmoid(1 + ...)
            m_cell->biasIh(0).narrow(0, hidden, hidden).fill_(1.0f);
            m_cell->biasHh(0).narrow(0, hidden, hidden).fill_(0.0f);
        }
    }
    Tensor forward(const Tensor& x) override { return (*m_head)(m_cell->forward(x)); }
    std::string_view typeName() const override { return "CellNet"; }
    RecurrentBase& cell() { return *m_cell; }
    Linear& head() { return *m_head; }

private:
    std::shared_ptr<RecurrentBase> m_cell;
    std::shared_ptr<Linear> m_head;
};

// The racers in one module (children named by cell), trained by one optimizer: Adam and SGD work
// per parameter, so this is three optimizers in one; clipping is per racer.
class Race final : public Module {
public:
    Race(const std::vector<std::string>& cells, const Task& task, int64_t hidden, const Params& p, Generator& gen) {
        for (const std::string& c : cells) m_nets.push_back(registerModule(c, std::make_shared<CellNet>(c, task, hidden, p, gen)));
    }
    Tensor forward(const Tensor&) override { GL_FAIL("Race: call each racer"); }
    std::string_view typeName() const override { return "Race"; }
    CellNet& net(std::size_t i) { return *m_nets[i]; }

private:
    std::vector<std::shared_ptr<CellNet>> m_nets;
};

class RnnRun final : public Run {
public:
    RnnRun(const Params& params, uint64_t seed, Device device)
        : m_params(params), m_device(device), m_gen(seed), m_task{params.text("task"), params.integer("length")},
          m_cells(params.set("cells")) {
        GL_CHECK(!m_cells.empty(), "rnn: choose at least one cell");
        // Every racer is initialised on the CPU from the one generator (the same numbers on every
        // device), then moved.
        m_race = std::make_unique<Race>(m_cells, m_task, params.integer("hidden"), params, m_gen);
        m_race->to(device);
        m_opt = makeOptimizer(params.text("optimizer"), m_race->parameters(), {{"lr", params.number("lr")}});
        Generator testGen(seed ^ 0x5DEECE66Dull);  // the test sequences: the same for every run of a seed
        m_test = makeBatch(m_task, testGen, kTestSize);
        m_gradRows.resize(m_cells.size());
        std::vector<std::string> names = m_cells;  // as the student reads them: RNN, LSTM, GRU
        for (std::string& n : names)
            for (char& c : n) c = char(std::toupper(static_cast<unsigned char>(c)));
        m_watch = lessons::DivergenceWatch(std::move(names));
    }

    void start(Sink& sink) override {
        Frame f{.step = m_step};
        evaluate(f);
        sink.push(std::move(f));
    }

    // A loaded run shows its evaluation again, but it is no new measurement: its summary and the
    // time-gradient history stay as saved (a run continued from a checkpoint saves what the
    // unbroken run saves).
    void resync(Sink& sink) override {
        nlohmann::json kept = m_summary;
        m_measuring = false;
        start(sink);
        m_measuring = true;
        m_summary = std::move(kept);
    }

    void step(Sink& sink) override {
        const Batch b = makeBatch(m_task, m_gen, kBatch);
        Frame f;
        const double clip = m_params.number("clip");
        m_opt->zeroGrad();
        std::vector<double> losses;
        for (std::size_t i = 0; i < m_cells.size(); ++i) {
            if (m_watch.stopped(i)) {  // diverged: out of the race
                losses.push_back(std::nan(""));
                continue;
            }
            CellNet& net = m_race->net(i);
            net.train();
            Tensor loss = lossOf(net, b, nullptr);
            loss.backward();  // each racer's loss reaches only its own parameters
            losses.push_back(double(loss.item()));
            // The gradient's norm before clipping (what clipping cuts down).
            const std::vector<Tensor> ps = net.parameters();
            const double norm = clipGradNorm_(ps, clip > 0 ? clip : std::numeric_limits<double>::infinity());
            f.scalar("grad_norm." + m_cells[i], norm);
        }
        m_opt->step();
        ++m_step;
        f.step = m_step;
        m_watch.setClipping(clip);
        for (std::size_t i = 0; i < m_cells.size(); ++i) {
            if (m_watch.stopped(i)) continue;
            f.scalar("loss." + m_cells[i], losses[i]);
            m_watch.check(i, losses[i], m_step, m_params.number("lr"), f);
        }
        if (m_step % kEvalEvery == 0 || finished()) evaluate(f);
        sink.push(std::move(f));
    }

    int64_t stepCount() const override { return m_step; }
    bool finished() const override { return !m_watch.anyRunning() || m_step >= m_params.integer("steps"); }
    int64_t plannedSteps() const override { return m_params.integer("steps"); }

    void set(const std::string& key, const ParamValue& value, Sink& sink) override {
        m_params.assign(key, value);
        if (key == "lr") m_opt->setOption("lr", value.number);
        if (key == "example") {  // the pictures of the new example at once
            Frame f{.step = m_step};
            pictures(f);
            sink.push(std::move(f));
        }
    }

    void save(Checkpoint& ck) const override {
        lessons::saveModelAndOptimizer(ck, *m_race, *m_opt);
        lessons::saveProgress(ck, m_step, m_gen, m_summary);
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& cell : m_gradRows) rows.push_back(cell);
        ck.meta["time_gradient_rows"] = rows;
    }

    void load(const Checkpoint& ck) override {
        // Check and parse everything first; only then change the run.
        const lessons::SavedTraining saved = lessons::readModelAndOptimizer(ck, *m_race);
        const lessons::SavedProgress progress = lessons::readProgress(ck, "rnn");
        std::vector<std::vector<GradRow>> rows(m_cells.size());
        if (ck.meta.contains("time_gradient_rows")) {
            const nlohmann::json& j = ck.meta.at("time_gradient_rows");
            GL_CHECK(j.is_array() && j.size() == m_cells.size(), "rnn: the checkpoint's time gradients do not match its cells");
            for (std::size_t i = 0; i < rows.size(); ++i) {
                rows[i] = j[i].get<std::vector<GradRow>>();
                for (const GradRow& r : rows[i])
                    GL_CHECK(int64_t(r.norms.size()) == m_task.length, "rnn: a time-gradient row of the wrong length");
            }
        }
        lessons::applyTraining(saved, ck, *m_race, *m_opt);
        m_gen.setState(progress.rng);
        m_step = progress.step;
        m_summary = progress.summary;
        m_gradRows = std::move(rows);
        m_opt->setOption("lr", m_params.number("lr"));
    }

    nlohmann::json summary() const override { return m_summary; }

    // One time-gradient measurement: the training step and ||dL/dh_t|| for every t.
    struct GradRow {
        int64_t step = 0;
        std::vector<double> norms;
        NLOHMANN_DEFINE_TYPE_INTRUSIVE(GradRow, step, norms)
    };

private:
    // The racer's loss on `b` (mean over the batch, and over the steps for sine); its read-out
    // goes into `prediction` and, with `trace`, forward keeps what it asks for in `result`.
    Tensor lossOf(CellNet& net, const Batch& b, RecurrentResult* result, Tensor* prediction = nullptr,
                  const RecurrentTrace& trace = {}) {
        const int64_t T = m_task.length;
        Tensor x = fromData(b.x, {b.size, T, m_task.inputSize()}, m_device);
        RecurrentResult r = net.cell().forward(x, Tensor(), Tensor(), trace);
        Tensor out = m_task.everyStep() ? net.head()(r.output) : net.head()(r.output.select(1, T - 1));
        Tensor loss = m_task.kind == "first"   ? crossEntropy(out, fromData(b.y, {b.size}, m_device))
                      : m_task.everyStep()     ? mseLoss(out, fromData(b.y, {b.size, T, 1}, m_device))
                                               : mseLoss(out, fromData(b.y, {b.size, 1}, m_device));
        if (prediction) *prediction = out;
        if (result) *result = std::move(r);
        return loss;
    }

    // Test results, the gradient through time, and the pictures of the example.
    void evaluate(Frame& f) {
        for (std::size_t i = 0; i < m_cells.size(); ++i) {
            if (m_watch.stopped(i)) continue;  // its weights are NaN: nothing to measure
            const std::string& c = m_cells[i];
            CellNet& net = m_race->net(i);
            net.eval();
            double acc = 0, loss = 0;
            {
                NoGradGuard ng;
                Tensor prediction;
                loss = double(lossOf(net, m_test, nullptr, &prediction).item());
                acc = accuracy(prediction, m_test);
            }
            f.scalar("accuracy." + c, acc);
            f.scalar("test_loss." + c, loss);
            m_summary["accuracy." + c] = acc;
            m_summary["loss." + c] = loss;
        }
        Series now{"time_gradient_now", {"cell"}, {"t", "grad_norm"}, {}, {}, Series::Mode::Replace};  // every cell's, one table
        for (std::size_t i = 0; i < m_cells.size(); ++i) {
            if (!m_watch.stopped(i)) timeGradients(f, now, i);
            else if (!m_gradRows[i].empty()) addNow(now, i, m_gradRows[i].back());  // its last before it diverged (now NaN)
        }
        f.series.push_back(std::move(now));
        m_summary["eval_step"] = m_step;
        pictures(f);
    }

    // The share of right answers in the read-out `prediction` of `b`.
    double accuracy(const Tensor& prediction, const Batch& b) const {
        int64_t right = 0, total = 0;
        if (m_task.kind == "first") {
            const std::vector<float> pred = argmax(prediction, 1).toVector();
            for (int64_t i = 0; i < b.size; ++i) right += pred[std::size_t(i)] == b.y[std::size_t(i)];
            total = b.size;
        } else {
            const std::vector<float> pred = prediction.toVector();
            const double tol = m_task.everyStep() ? kSineTolerance : kAddingTolerance;
            for (std::size_t k = 0; k < pred.size(); ++k) right += std::fabs(double(pred[k]) - double(b.y[k])) < tol;
            total = int64_t(pred.size());
        }
        return double(right) / double(total);
    }

    // Cell i's ||dL/dh_t|| for every t as rows of the "now" table.
    void addNow(Series& now, std::size_t i, const GradRow& row) const {
        for (std::size_t t = 0; t < row.norms.size(); ++t) now.addRow({m_cells[i]}, {double(t), row.norms[t]});
    }

    // ||dL/dh_t|| (L: the mean loss over the first training-size slice of the test sequences)
    // for every t: how much the loss still depends on what the cell held t steps into the sequence.
    void timeGradients(Frame& f, Series& now, std::size_t i) {
        const std::string& c = m_cells[i];
        CellNet& net = m_race->net(i);
        Batch probe;
        probe.size = kBatch;
        const int64_t T = m_task.length, in = m_task.inputSize();
        probe.x.assign(m_test.x.begin(), m_test.x.begin() + kBatch * T * in);
        const int64_t ys = m_task.everyStep() ? T : 1;
        probe.y.assign(m_test.y.begin(), m_test.y.begin() + kBatch * ys);
        RecurrentTrace trace;
        trace.retainGrad = true;
        RecurrentResult r;
        Tensor loss = lossOf(net, probe, &r, nullptr, trace);
        loss.backward();
        GradRow row{m_step, {}};
        for (const Tensor& h : r.hidden[0]) {
            const Tensor g = h.grad();
            double n = 0;
            if (g.defined())
                for (float v : g.toVector()) n += double(v) * double(v);
            row.norms.push_back(std::sqrt(n));
        }
        for (Tensor p : net.parameters()) p.zeroGrad();  // a measurement, not a step
        if (m_step == 0) m_summary["time_grad_ratio." + c] = row.norms.back() / std::max(row.norms.front(), 1e-30);

        addNow(now, i, row);

        // The heat map: log10 ||dL/dh_t||, a row per measurement (newest at the bottom); the kept
        // rows are thinned to every other one when there are too many.
        std::vector<GradRow>& rows = m_gradRows[i];
        if (m_measuring) {
            Series all{"time_gradients", {"cell"}, {"step", "t", "grad_norm"}, {}, {}, Series::Mode::Append};
            for (int64_t t = 0; t < T; ++t) all.addRow({c}, {double(m_step), double(t), row.norms[std::size_t(t)]});
            f.series.push_back(std::move(all));
            rows.push_back(row);
        }
        if (int64_t(rows.size()) > kGradRows) {
            std::vector<GradRow> kept;
            for (std::size_t k = 0; k < rows.size(); ++k)
                if (k % 2 == 0 || k + 1 == rows.size()) kept.push_back(rows[k]);
            rows = std::move(kept);
        }
        if (rows.empty()) return;  // a checkpoint that kept no history, shown again
        std::vector<float> values;
        Image img;
        img.name = "time_gradients/" + c;
        for (const GradRow& gr : rows) {
            for (double v : gr.norms) values.push_back(float(std::log10(std::max(v, 1e-30))));
            img.rowLabels.push_back(std::to_string(gr.step));
        }
        for (int64_t t = 0; t < T; ++t) img.colLabels.push_back(std::to_string(t + 1));
        img.values = fromData(values, {int64_t(rows.size()), T});
        f.images.push_back(std::move(img));
    }

    // The example test sequence: each cell's hidden state, its gates and the cell state (LSTM)
    // over time, and what each cell would answer at every step.
    void pictures(Frame& f) {
        const int64_t T = m_task.length, in = m_task.inputSize(), e = m_params.integer("example");
        Batch one;
        one.size = 1;
        one.x.assign(m_test.x.begin() + e * T * in, m_test.x.begin() + (e + 1) * T * in);
        const int64_t ys = m_task.everyStep() ? T : 1;
        one.y.assign(m_test.y.begin() + e * ys, m_test.y.begin() + (e + 1) * ys);
        NoGradGuard ng;
        Series example{"example", {"trace"}, {"t", "value"}, {}, {}, Series::Mode::Replace};
        Series gates{"gates", {"cell", "gate"}, {"t", "unit", "value"}, {}, {}, Series::Mode::Replace};
        for (int64_t t = 0; t < T; ++t) {
            double input = 0;  // first: the symbol; adding: u_t where marked, else 0; sine: y_t
            if (m_task.kind == "first")
                for (int64_t k = 0; k < kSymbols; ++k) input = one.x[std::size_t(t * in + k)] > 0 ? double(k) : input;
            else if (m_task.kind == "adding")
                input = one.x[std::size_t(t * in + 1)] > 0 ? double(one.x[std::size_t(t * in)]) : 0.0;
            else
                input = one.x[std::size_t(t)];
            example.addRow({"input"}, {double(t), input});
            if (m_task.kind != "first")
                example.addRow({"target"}, {double(t), double(one.y[std::size_t(m_task.everyStep() ? t : 0)])});
        }
        for (std::size_t i = 0; i < m_cells.size(); ++i) {
            const std::string& c = m_cells[i];
            CellNet& net = m_race->net(i);
            RecurrentTrace trace;
            trace.hidden = true;
            trace.gates = c != "rnn";
            RecurrentResult r = net.cell().forward(fromData(one.x, {1, T, in}, m_device), Tensor(), Tensor(), trace);
            // The read-out at every step: first, the probability of the right symbol; else the value.
            Tensor out = net.head()(r.output);  // (1, T, out)
            if (m_task.kind == "first") out = softmax(out, 2);
            const std::vector<float> o = out.toVector();
            for (int64_t t = 0; t < T; ++t)
                example.addRow({c}, {double(t), m_task.kind == "first" ? double(o[std::size_t(t * kSymbols + int64_t(one.y[0]))])
                                                                       : double(o[std::size_t(t)])});
            const int64_t H = net.cell().hiddenSize(), U = std::min(H, kShownUnits);
            // (units x T) pictures of a per-step quantity: unit u of `at(t)`.
            auto picture = [&](const std::string& name, auto&& at) {
                std::vector<float> v(std::size_t(U * T));
                for (int64_t t = 0; t < T; ++t) {
                    const std::vector<float> row = at(t);
                    for (int64_t u = 0; u < U; ++u) v[std::size_t(u * T + t)] = row[std::size_t(u)];
                }
                Image img;
                img.name = name;
                img.values = fromData(v, {U, T});
                for (int64_t t = 0; t < T; ++t) img.colLabels.push_back(std::to_string(t + 1));
                f.images.push_back(std::move(img));
                return v;
            };
            picture("hidden/" + c, [&](int64_t t) { return r.hidden[0][std::size_t(t)].toVector(); });
            if (c == "rnn") continue;
            // The gates (LSTM i, f, g, o; GRU r, z, n), each H wide, per step.
            std::vector<std::vector<float>> g;
            for (const Tensor& gt : r.gates[0]) g.push_back(gt.toVector());
            const std::vector<std::pair<std::string, int64_t>> shown =
                c == "lstm" ? std::vector<std::pair<std::string, int64_t>>{{"input", 0}, {"forget", 1}, {"output", 3}}
                            : std::vector<std::pair<std::string, int64_t>>{{"reset", 0}, {"update", 1}};
            for (const auto& [gate, gateSlot] : shown) {
                const int64_t slot = gateSlot;  // a copy: clang before 16 cannot capture a structured binding
                const std::vector<float> v = picture("gates/" + c + "/" + gate, [&](int64_t t) {
                    return std::vector<float>(g[std::size_t(t)].begin() + slot * H, g[std::size_t(t)].begin() + (slot + 1) * H);
                });
                for (int64_t t = 0; t < T; ++t)
                    for (int64_t u = 0; u < U; ++u) gates.addRow({c, gate}, {double(t), double(u), double(v[std::size_t(u * T + t)])});
            }
            if (c == "lstm") {  // c_t = f c_{t-1} + i g, from the gates
                std::vector<float> cell(std::size_t(H), 0.0f);
                picture("cell_state/lstm", [&](int64_t t) {
                    const std::vector<float>& q = g[std::size_t(t)];
                    for (int64_t u = 0; u < H; ++u)
                        cell[std::size_t(u)] = q[std::size_t(H + u)] * cell[std::size_t(u)] + q[std::size_t(u)] * q[std::size_t(2 * H + u)];
                    return cell;
                });
            }
        }
        f.series.push_back(std::move(example));
        f.series.push_back(std::move(gates));
    }

    Params m_params;
    Device m_device;
    Generator m_gen;
    Task m_task;
    std::vector<std::string> m_cells;
    std::unique_ptr<Race> m_race;
    std::unique_ptr<Optimizer> m_opt;
    Batch m_test;
    std::vector<std::vector<GradRow>> m_gradRows;  // per cell
    int64_t m_step = 0;
    lessons::DivergenceWatch m_watch;
    bool m_measuring = true;  // false while a loaded run shows its state again (resync)
    nlohmann::json m_summary = nlohmann::json::object();
};

}  // namespace

LessonSpec rnnLesson() {
    LessonSpec s{.id = "rnn",
                 .title = QT_TRANSLATE_NOOP("lessons", "Recurrent networks"),
                 .summary = QT_TRANSLATE_NOOP("lessons", "RNN, LSTM and GRU race on sequences: when do the gates beat vanishing gradients?"),
                 .headline = "accuracy.gru", .headlineTitle = QT_TRANSLATE_NOOP("rnn", "GRU's accuracy"),
                 .defaultSteps = 3000};
    s.params = grouped({
        {QT_TRANSLATE_NOOP("rnn", "Task"), {
            ParamSpec::choice("task", QT_TRANSLATE_NOOP("rnn", "task"), {"first", "adding", "sine"}, "adding")
                .about(QT_TRANSLATE_NOOP("rnn", "first: name the first of T symbols at the end; adding: add the two marked numbers of T; sine: predict the next value of a wave."))
                .shownAs({{"first", QT_TRANSLATE_NOOP("rnn", "first symbol")}, {"adding", QT_TRANSLATE_NOOP("rnn", "adding problem")},
                          {"sine", QT_TRANSLATE_NOOP("rnn", "noisy wave")}})
                .onReset(),
            ParamSpec::integer("length", QT_TRANSLATE_NOOP("rnn", "sequence length T"), 5, 200, 50)
                .about(QT_TRANSLATE_NOOP("rnn", "Steps per sequence: how far back the cells must remember."))
                .onReset(),
            ParamSpec::integer("example", QT_TRANSLATE_NOOP("rnn", "example sequence"), 0, kTestSize - 1, 0)
                .about(QT_TRANSLATE_NOOP("rnn", "Which test sequence the pictures show.")),
        }},
        {QT_TRANSLATE_NOOP("rnn", "Networks"), {
            ParamSpec::subset("cells", QT_TRANSLATE_NOOP("rnn", "cells"), allCells(), "rnn,lstm,gru")
                .about(QT_TRANSLATE_NOOP("rnn", "The recurrent cells that race on the same batches."))
                .shownAs({{"rnn", "RNN"}, {"lstm", "LSTM"}, {"gru", "GRU"}})
                .onReset(),
            ParamSpec::integer("hidden", QT_TRANSLATE_NOOP("rnn", "hidden size"), 4, 256, 64)
                .about(QT_TRANSLATE_NOOP("rnn", "Units of each cell's state."))
                .onReset(),
            ParamSpec::flag("lstm.forget_bias", QT_TRANSLATE_NOOP("rnn", "LSTM forget bias 1"), true)
                .about(QT_TRANSLATE_NOOP("rnn", "Start the LSTM's forget gate open (bias 1, as Jozefowicz et al. advise); off: PyTorch's random bias, the gate half closed."))
                .onReset(),
            ParamSpec::choice("rnn.activation", QT_TRANSLATE_NOOP("rnn", "RNN activation"), {"tanh", "relu"}, "tanh")
                .about(QT_TRANSLATE_NOOP("rnn", "The vanilla RNN's nonlinearity."))
                .shownAs({{"relu", "ReLU"}})
                .onReset(),
            ParamSpec::number("rnn.init_scale", QT_TRANSLATE_NOOP("rnn", "RNN recurrent weight scale"), 0.1, 10, 1)
                .about(QT_TRANSLATE_NOOP("rnn", "Multiplies the RNN's recurrent weights after PyTorch's initialisation: large values (with relu) make gradients explode."))
                .log()
                .onReset(),
        }},
        {QT_TRANSLATE_NOOP("rnn", "Training"), {
            ParamSpec::choice("optimizer", QT_TRANSLATE_NOOP("rnn", "optimizer"), {"adam", "sgd"}, "adam")
                .about(QT_TRANSLATE_NOOP("rnn", "Adam, or plain SGD."))
                .shownAs({{"adam", "Adam"}, {"sgd", "SGD"}})
                .onReset(),
            ParamSpec::number("lr", QT_TRANSLATE_NOOP("rnn", "learning rate"), 1e-4, 1, 3e-3)
                .about(QT_TRANSLATE_NOOP("rnn", "Step size of every cell's optimizer."))
                .log(),
            ParamSpec::number("clip", QT_TRANSLATE_NOOP("rnn", "gradient clipping"), 0, 10, 1)
                .about(QT_TRANSLATE_NOOP("rnn", "Largest gradient norm per cell and step (clip_grad_norm_); 0 turns clipping off.")),
            ParamSpec::integer("steps", QT_TRANSLATE_NOOP("rnn", "training steps"), 10, 20000, 3000)
                .about(QT_TRANSLATE_NOOP("rnn", "Batches of 64 sequences to train on; the run stops after them.")),
        }},
    });
    const char* kStep = QT_TRANSLATE_NOOP("rnn", "step");
    const char* kT = QT_TRANSLATE_NOOP("rnn", "t (position in the sequence)");
    s.outputs = {
        OutputSpec::scalar("loss.*", QT_TRANSLATE_NOOP("rnn", "Training loss per cell")).axes(kStep, ""),
        OutputSpec::scalar("accuracy.*", QT_TRANSLATE_NOOP("rnn", "Test accuracy per cell")).axes(kStep, ""),
        OutputSpec::scalar("test_loss.*", QT_TRANSLATE_NOOP("rnn", "Test loss per cell")).axes(kStep, ""),
        OutputSpec::scalar("grad_norm.*", QT_TRANSLATE_NOOP("rnn", "Gradient norm before clipping")).axes(kStep, ""),
        OutputSpec::series("time_gradients", QT_TRANSLATE_NOOP("rnn", "Gradient through time, every measurement")),
        OutputSpec::series("time_gradient_now", QT_TRANSLATE_NOOP("rnn", "Gradient through time now"))
            .axes(kT, QT_TRANSLATE_NOOP("rnn", "‖∂L/∂h_t‖")),
        OutputSpec::heatMap("time_gradients/*", QT_TRANSLATE_NOOP("rnn", "log₁₀ ‖∂L/∂h_t‖ over training"), ColorMap::Sequential)
            .axes(kT, kStep),
        OutputSpec::series("example", QT_TRANSLATE_NOOP("rnn", "The example: input and each cell's answer at every step"))
            .axes(kT, ""),
        OutputSpec::heatMap("hidden/*", QT_TRANSLATE_NOOP("rnn", "Hidden state h_t (16 units)"), ColorMap::Diverging)
            .axes(kT, QT_TRANSLATE_NOOP("rnn", "unit")),
        OutputSpec::heatMap("gates/*/*", QT_TRANSLATE_NOOP("rnn", "Gate activation (16 units)"), ColorMap::Sequential)
            .axes(kT, QT_TRANSLATE_NOOP("rnn", "unit")),
        OutputSpec::heatMap("cell_state/*", QT_TRANSLATE_NOOP("rnn", "LSTM cell state c_t (16 units)"), ColorMap::Diverging)
            .axes(kT, QT_TRANSLATE_NOOP("rnn", "unit")),
        OutputSpec::series("gates", QT_TRANSLATE_NOOP("rnn", "Gate activations of the example")),
    };
    s.smoke = {{"steps=25", "length=8", "hidden=8"}, 25};
    s.make = [](const Params& p, uint64_t seed, Device d) -> std::unique_ptr<Run> {
        return std::make_unique<RnnRun>(p, seed, d);
    };
    return s;
}

}  // namespace gradlab
