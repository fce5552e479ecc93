// Going deep. Two stacks of the same depth and width train on the same batches: one plain
// (x = f(x) in every block), one with identity shortcuts (x = x + f(x)). The page shows their
// losses and accuracies, the gradient norm of every block's weights over training (where the
// plain stack's first blocks starve) and the spread of every block's output. The learning rate
// follows a schedule (constant, step, exponential, cosine, warm-up + cosine, one-cycle, reduce on
// plateau; torch.optim.lr_scheduler's semantics) drawn ahead for the whole run, and an LR range
// test (Smith, 2017) runs on a copy of the residual network and suggests a learning rate.
#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <cstdio>
#include <memory>

#include "engine/autograd/autograd.h"
#include "engine/core/error.h"
#include "engine/data/dataset.h"
#include "engine/data/loader.h"
#include "engine/io/checkpoint.h"
#include "engine/nn/activation.h"
#include "engine/nn/conv.h"
#include "engine/nn/linear.h"
#include "engine/nn/pooling.h"
#include "engine/ops/ops.h"
#include "engine/optim/lr_scheduler.h"
#include "engine/optim/optimizer.h"
#include "lessons/common/batch_order.h"
#include "lessons/common/cpu_copy.h"
#include "lessons/common/data_notes.h"
#include "lessons/common/divergence.h"
#include "lessons/common/evaluate.h"
#include "lessons/common/norms.h"
#include "lessons/common/training_checkpoint.h"
#include "lessons/lesson.h"

namespace gradlab {
namespace {

constexpr int64_t kBatch = 64;
constexpr int64_t kValidation = 2000;
constexpr int64_t kEvalEvery = 100;   // steps between validation passes
constexpr int64_t kShowEvery = 10;    // steps between gradient columns and activation spreads
constexpr int64_t kColumns = 100;     // gradient heat map: at most this many columns over the run
constexpr int64_t kRangeSteps = 200;  // LR range test
constexpr double kRangeFrom = 1e-6, kRangeTo = 1.0;
constexpr double kRangeBeta = 0.98;  // the loss's smoothing (fastai's lr_find)

// fastai's "valley" suggestion (lr_find's default since fastai 2.4): the longest run of the
// smoothed curve over which the loss keeps falling (a longest decreasing subsequence), and the lr
// halfway along it. The older rule, a tenth of the lr at the smoothed minimum, fails on the
// default residual stack, whose loss starts in the hundreds: the smoothing still carries the long
// fall from there when the raw loss has turned up, so the smoothed minimum lands near the end of
// the sweep (lr 0.35 to 1), and a tenth of it (0.035 to 0.1) diverges or trains far worse than
// 1e-3 (PyTorch, three seeds: loss 1.8-7.1 against 0.75-0.80 after 500 steps; ours at 0.0615,
// seed 0: diverged). The valley's middle is 6e-4 to 2.1e-3 there (thirty
// seeds), and trains about as well as 1e-3: mean loss 0.80 against 0.78 (tests/bench/deep_lr_range.sh;
// PyTorch, ten seeds: 0.77 against 0.75, tests/bench/pytorch/DEEP_REFERENCE.md).
struct Valley {
    std::size_t start = 0, end = 0;
    std::size_t middle() const { return start + (end - start) / 2; }
};
Valley valley(const std::vector<double>& loss) {
    const std::size_t n = loss.size();
    if (n < 2) return {};
    std::vector<std::size_t> run(n, 1);  // the longest decreasing subsequence ending at i
    std::size_t end = 0;
    for (std::size_t i = 1; i < n; ++i) {
        for (std::size_t j = 0; j < i; ++j)
            if (loss[i] < loss[j]) run[i] = std::max(run[i], run[j] + 1);
        if (run[i] > run[end]) end = i;
    }
    return {end + 1 - run[end], end};
}
constexpr int64_t kCnnChannels = 16;

// A deep stack: a stem, `blocks` blocks f_i (Linear or 3x3 conv, optional norm, ReLU), each
// either replacing its input (plain) or added to it (residual), and a head.
class Stack final : public Module {
public:
    Stack(bool residual, bool cnn, int64_t blocks, int64_t width, const std::string& norm, Generator& gen)
        : m_residual(residual), m_cnn(cnn) {
        if (cnn) {
            m_stem = registerModule("stem", std::make_shared<Conv2d>(1, kCnnChannels, 3, gen, Conv2dOptions{.padding = 1}));
            m_pool = std::make_shared<MaxPool2d>(2);
        } else {
            m_stem = registerModule("stem", std::make_shared<Linear>(28 * 28, width, true, gen));
        }
        for (int64_t i = 0; i < blocks; ++i) {
            const std::string name = "block" + std::to_string(i);
            std::shared_ptr<Module> layer;
            if (cnn) layer = std::make_shared<Conv2d>(kCnnChannels, kCnnChannels, 3, gen, Conv2dOptions{.padding = 1});
            else layer = std::make_shared<Linear>(width, width, true, gen);
            m_layers.push_back(registerModule(name, layer));
            std::shared_ptr<Module> n = cnn ? lessons::makeNorm2d(norm, kCnnChannels) : lessons::makeNorm1d(norm, width);
            m_norms.push_back(n ? registerModule(name + "_norm", n) : nullptr);
        }
        m_head = registerModule("head", std::make_shared<Linear>(cnn ? kCnnChannels : width, 10, true, gen));
    }

    Tensor forward(const Tensor& x) override { return run(x, nullptr); }
    std::string_view typeName() const override { return "DeepStack"; }

    // The forward pass; with `spread`, the std of every block's output.
    Tensor run(const Tensor& x, std::vector<double>* spread) {
        Tensor h = m_cnn ? (*m_pool)(relu((*m_stem)(x))) : relu((*m_stem)(flatten(x, 1)));
        for (std::size_t i = 0; i < m_layers.size(); ++i) {
            Tensor f = (*m_layers[i])(h);
            if (m_norms[i]) f = (*m_norms[i])(f);
            f = relu(f);
            h = m_residual ? h + f : f;
            if (spread) {
                std::vector<float> v = h.contiguous().toVector();
                double s = 0, ss = 0;
                for (float a : v) s += a, ss += double(a) * a;
                const double n = double(v.size()), mean = s / n;
                spread->push_back(std::sqrt(std::max(0.0, ss / n - mean * mean)));
            }
        }
        if (m_cnn) h = mean(h, std::vector<int64_t>{2, 3});
        return (*m_head)(h);
    }

    // ||dL/dW|| of every block's weight (after backward).
    std::vector<double> gradNorms() const {
        std::vector<double> out;
        for (const auto& l : m_layers) {
            const Tensor& g = l->namedParameters().front().second.grad();
            double s = 0;
            if (g.defined())
                for (float v : g.contiguous().toVector()) s += double(v) * v;
            out.push_back(std::sqrt(s));
        }
        return out;
    }

private:
    bool m_residual, m_cnn;
    std::shared_ptr<Module> m_stem, m_pool, m_head;
    std::vector<std::shared_ptr<Module>> m_layers, m_norms;
};

// The schedule's settings from the parameters, as makeScheduler takes them (the lr itself is the
// optimizer's). "constant": none.
std::pair<std::string, nlohmann::json> scheduleOf(const Params& p) {
    const std::string& s = p.text("schedule");
    const int64_t steps = p.integer("steps");
    if (s == "step") return {"step_lr", {{"step_size", p.integer("step.every")}, {"gamma", p.number("step.gamma")}}};
    if (s == "exponential") return {"exponential_lr", {{"gamma", p.number("exponential.gamma")}}};
    if (s == "cosine") return {"cosine_annealing_lr", {{"T_max", steps}}};
    if (s == "warmup_cosine") return {"warmup_cosine_lr", {{"warmup", std::min(p.integer("warmup"), steps - 1)}, {"total", steps}}};
    if (s == "one_cycle")
        return {"one_cycle_lr", {{"max_lr", p.number("one_cycle.max_lr")}, {"total_steps", steps + 1}, {"pct_start", p.number("one_cycle.pct")},
                                 {"cycle_momentum", false}}};
    if (s == "plateau") return {"reduce_lr_on_plateau", {{"factor", p.number("plateau.factor")}, {"patience", p.integer("plateau.patience")}}};
    return {"", nullptr};
}

// The learning rate as the schedule sets it: a scheduler on an optimizer of its own (one dummy
// parameter), replayed from step 0 whenever a setting changes, so that a live change acts as if
// the schedule had been set so from the start up to now (reduce-on-plateau replays the metrics it saw).
class Schedule {
public:
    // At the step after `metrics` (one per step taken so far).
    explicit Schedule(const Params& p, const std::vector<double>& metrics = {}) { rebuild(p, metrics); }

    void rebuild(const Params& p, const std::vector<double>& metrics) {
        m_param = zeros({1});
        m_opt = makeOptimizer("sgd", {m_param}, {{"lr", p.number("lr")}});
        auto [name, options] = scheduleOf(p);
        m_sched = name.empty() ? nullptr : makeScheduler(name, *m_opt, options);
        m_plateau = name == "reduce_lr_on_plateau";
        // One-cycle may take total_steps - 1 steps (torch raises after that).
        m_limit = name == "one_cycle_lr" ? options.at("total_steps").get<int64_t>() - 1 : INT64_MAX;
        m_steps = 0;
        for (double m : metrics) advance(m);
    }
    double lr() const { return m_opt->option("lr"); }
    // After a training step whose smoothed loss is `metric`.
    void advance(double metric) {
        if (m_sched && m_steps < m_limit) {
            if (m_plateau) m_sched->step(metric);
            else m_sched->step();
        }
        ++m_steps;
    }
    bool plateau() const { return m_plateau; }
    // The lr of every step from now to `until` (a plateau schedule: as it is now).
    std::vector<double> ahead(int64_t until) {
        std::vector<double> out;
        if (!m_sched || m_plateau) {
            out.assign(std::size_t(std::max<int64_t>(0, until - m_steps + 1)), lr());
            return out;
        }
        const nlohmann::json state = m_sched->state();
        const double saved = lr();
        for (int64_t t = m_steps; t <= until; ++t) {
            out.push_back(lr());
            if (t < until && t < m_limit) m_sched->step();
        }
        m_sched->loadState(state);
        m_opt->setOption("lr", saved);
        return out;
    }

private:
    Tensor m_param;
    std::unique_ptr<Optimizer> m_opt;
    std::unique_ptr<LRScheduler> m_sched;
    bool m_plateau = false;
    int64_t m_steps = 0, m_limit = INT64_MAX;
};

class DeepRun final : public Run {
public:
    DeepRun(const Params& params, uint64_t seed, Device device) : DeepRun(params, seed, device, findDataset(params.text("dataset"))) {}
    DeepRun(const Params& params, uint64_t seed, Device device, FoundDataset found)
        : m_params(params), m_device(device), m_gen(seed ^ 0x9e3779b97f4a7c15ull), m_schedule(params), m_dataNotes(found) {
        TrainValidation tv = splitValidation(found.data.train, std::min(kValidation, found.data.train.size() / 6));
        m_pre = Preprocess::normalized(found.data.train);
        m_train = std::make_shared<ImageDataset>(std::move(tv.train));
        m_val = std::make_shared<ImageDataset>(std::move(tv.validation));
        Generator init(seed);
        for (bool residual : {false, true}) {
            auto s = std::make_shared<Stack>(residual, params.text("model") == "cnn", params.integer("blocks"), params.integer("width"),
                                             params.text("norm"), init);
            s->to(device);
            m_opts.push_back(makeOptimizer("adam", s->parameters(), {{"lr", m_schedule.lr()}}));
            m_nets.push_back(std::move(s));
        }
        m_grads.assign(2, {});
    }

    void start(Sink& sink) override {
        Frame f{.step = m_step};
        m_dataNotes.push(f);
        if (m_step == 0 && m_params.flag("range_at_start")) rangeTest(f);
        schedule(f);
        spreads(f);
        sink.push(std::move(f));
    }

    void resync(Sink& sink) override {
        Frame f{.step = m_step};
        schedule(f);
        spreads(f);
        heatMaps(f);
        if (!m_range.empty()) rangeCurve(f);
        sink.push(std::move(f));
    }

    void step(Sink& sink) override {
        const std::vector<int64_t> idx = m_order.next(m_train->size(), kBatch, m_gen);
        Batch b = makeBatch(*m_train, idx, m_pre);
        const Tensor x = b.images.to(m_device), y = b.labels.to(m_device);
        const double lr = m_schedule.lr();
        Frame f{.step = m_step + 1};
        f.scalar("lr", lr);
        for (std::size_t k = 0; k < 2; ++k) {
            if (m_watch.stopped(k)) continue;  // diverged: out of the race
            m_nets[k]->train();
            m_opts[k]->setOption("lr", lr);
            Tensor loss = crossEntropy((*m_nets[k])(x), y);
            m_opts[k]->zeroGrad();
            loss.backward();
            m_opts[k]->step();
            const double l = loss.item();
            f.scalar(std::string("loss.") + kNames[k], l);
            m_watch.check(k, l, m_step + 1, lr, f);
            m_recentLoss[k].push_back(l);
            if (m_recentLoss[k].size() > 100) m_recentLoss[k].erase(m_recentLoss[k].begin());
            const std::vector<double> g = m_nets[k]->gradNorms();
            m_lastGrads[k] = g;
            auto& avg = m_gradAvg[k];
            if (avg.size() != g.size()) avg.assign(g.size(), 0.0);
            for (std::size_t i = 0; i < g.size(); ++i) avg[i] = 0.95 * avg[i] + 0.05 * g[i];
            if (std::isfinite(l)) m_ema[k] = m_step == 0 ? l : 0.98 * m_ema[k] + 0.02 * l;
        }
        ++m_step;
        m_metrics.push_back(m_ema[1]);
        m_schedule.advance(m_ema[1]);
        if (m_step % columnEvery() == 0) {
            for (std::size_t k = 0; k < 2; ++k) m_grads[k].push_back(m_lastGrads[k]);
            heatMaps(f);
        }
        if (m_step % kShowEvery == 0) {
            for (std::size_t k = 0; k < 2; ++k)
                if (!m_lastGrads[k].empty())
                    f.scalar(std::string("grad_ratio.") + kNames[k], m_lastGrads[k].back() / std::max(m_lastGrads[k].front(), 1e-30));
            spreads(f);
        }
        if (m_step % kEvalEvery == 0 || m_step == plannedSteps()) validate(f);
        if (m_schedule.plateau() && m_step % 50 == 0) schedule(f);
        sink.push(std::move(f));
    }

    int64_t stepCount() const override { return m_step; }
    int64_t plannedSteps() const override { return m_params.integer("steps"); }
    bool finished() const override { return !m_watch.anyRunning() || m_step >= plannedSteps(); }

    void set(const std::string& key, const ParamValue& value, Sink& sink) override {
        Frame f{.step = m_step};
        if (key == "lr_range") {
            rangeTest(f);
        } else {
            m_params.assign(key, value);
            m_schedule.rebuild(m_params, m_metrics);  // throws for settings the schedule refuses: nothing changed
            schedule(f);
        }
        sink.push(std::move(f));
    }

    void save(Checkpoint& ck) const override {
        for (std::size_t k = 0; k < 2; ++k) lessons::saveModelAndOptimizer(ck, *m_nets[k], *m_opts[k], std::string(kNames[k]) + ".");
        lessons::saveProgress(ck, m_step, m_gen, m_summary);
        ck.meta["order"] = m_order.toJson();
        ck.meta["metrics"] = m_metrics;
        ck.meta["ema"] = {m_ema[0], m_ema[1]};
        ck.meta["grads"] = {m_grads[0], m_grads[1]};
        lessons::saveInputDescription(ck, m_train->name, m_pre);
    }

    void load(const Checkpoint& ck) override {
        const lessons::SavedProgress progress = lessons::readProgress(ck, "deep");
        const int64_t step = progress.step;
        std::vector<lessons::SavedTraining> saved;
        for (std::size_t k = 0; k < 2; ++k) saved.push_back(lessons::readModelAndOptimizer(ck, *m_nets[k], std::string(kNames[k]) + "."));
        GL_CHECK(ck.meta.contains("order") && ck.meta.contains("metrics") && ck.meta.contains("ema") && ck.meta.contains("grads"),
                 "deep: the checkpoint's training state is incomplete");
        lessons::Order order = lessons::Order::fromJson(ck.meta.at("order"), m_train->size(), "deep");
        const nlohmann::json& mj = ck.meta.at("metrics");
        GL_CHECK(mj.is_array() && int64_t(mj.size()) == step, "deep: the checkpoint's metrics do not match its step");
        std::vector<double> metrics;
        for (const auto& v : mj) {
            GL_CHECK(v.is_number() || v.is_null(), "deep: the checkpoint's metrics are damaged");
            metrics.push_back(v.is_number() ? v.get<double>() : NAN);
        }
        const nlohmann::json& ej = ck.meta.at("ema");
        GL_CHECK(ej.is_array() && ej.size() == 2 && ej[0].is_number() && ej[1].is_number(), "deep: the checkpoint's ema is damaged");
        std::vector<std::vector<std::vector<double>>> grads(2);
        const nlohmann::json& gj = ck.meta.at("grads");
        GL_CHECK(gj.is_array() && gj.size() == 2, "deep: the checkpoint's gradient history is damaged");
        for (std::size_t k = 0; k < 2; ++k)
            for (const auto& col : gj[k]) {
                GL_CHECK(col.is_array() && int64_t(col.size()) == m_params.integer("blocks"), "deep: the checkpoint's gradient history is damaged");
                std::vector<double> c;
                for (const auto& v : col) {
                    GL_CHECK(v.is_number(), "deep: the checkpoint's gradient history is damaged");
                    c.push_back(v.get<double>());
                }
                grads[k].push_back(std::move(c));
            }
        Schedule schedule(m_params, metrics);
        for (std::size_t k = 0; k < 2; ++k) lessons::applyTraining(saved[k], ck, *m_nets[k], *m_opts[k], std::string(kNames[k]) + ".");
        m_step = step;
        m_gen.setState(progress.rng);
        m_order = std::move(order);
        m_metrics = std::move(metrics);
        m_ema[0] = ej[0].get<double>(), m_ema[1] = ej[1].get<double>();
        m_grads = std::move(grads);
        m_schedule = std::move(schedule);
        m_summary = progress.summary;
    }

    nlohmann::json summary() const override {
        nlohmann::json j = m_summary;
        for (std::size_t k = 0; k < 2; ++k) {
            double s = 0;
            for (double v : m_recentLoss[k]) s += v;
            if (!m_recentLoss[k].empty()) j[std::string("train_loss.") + kNames[k]] = s / double(m_recentLoss[k].size());
            if (!m_gradAvg[k].empty()) {
                j[std::string("grad_first.") + kNames[k]] = m_gradAvg[k].front();
                j[std::string("grad_last.") + kNames[k]] = m_gradAvg[k].back();
            }
        }
        j["dataset"] = m_train->name;
        return j;
    }

private:
    static constexpr const char* kNames[2] = {"plain", "residual"};

    int64_t columnEvery() const { return std::max<int64_t>(kShowEvery, (plannedSteps() + kColumns - 1) / kColumns); }

    // The lr curve of the whole run (what has been, and what the schedule will do).
    void schedule(Frame& f) {
        Series s{"lr_schedule", {}, {"step", "lr"}, {}, {}, Series::Mode::Replace};
        const std::vector<double> ahead = m_schedule.ahead(plannedSteps());
        for (std::size_t i = 0; i < ahead.size(); ++i) s.addRow({}, {double(m_step + int64_t(i)), ahead[i]});
        f.series.push_back(std::move(s));
        f.scalar("lr", m_schedule.lr());
    }

    // log10 of each block's gradient norm, blocks as rows (the first at the top), columns over time.
    void heatMaps(Frame& f) const {
        for (std::size_t k = 0; k < 2; ++k) {
            const auto& cols = m_grads[k];
            if (cols.empty()) continue;
            const int64_t rows = int64_t(cols.front().size()), n = int64_t(cols.size());
            std::vector<float> v(static_cast<std::size_t>(rows * n));
            for (int64_t c = 0; c < n; ++c)
                for (int64_t r = 0; r < rows; ++r) v[std::size_t(r * n + c)] = float(std::log10(std::max(cols[std::size_t(c)][std::size_t(r)], 1e-30)));
            Image img{std::string("grad_norm/") + kNames[k], fromData(v, {rows, n})};
            for (int64_t r = 0; r < rows; ++r) img.rowLabels.push_back(std::to_string(r + 1));
            for (int64_t c = 0; c < n; ++c) img.colLabels.push_back(std::to_string((c + 1) * columnEvery()));
            f.images.push_back(std::move(img));
        }
    }

    // The std of every block's output on the validation set's first 256 pictures.
    void spreads(Frame& f) {
        NoGradGuard ng;
        std::vector<int64_t> idx(static_cast<std::size_t>(std::min<int64_t>(256, m_val->size())));
        for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = int64_t(i);
        const Tensor x = makeBatch(*m_val, idx, m_pre).images.to(m_device);
        Series s{"activation_std", {"net"}, {"block", "std"}, {}, {}, Series::Mode::Replace};
        for (std::size_t k = 0; k < 2; ++k) {
            m_nets[k]->eval();
            std::vector<double> spread;
            m_nets[k]->run(x, &spread);
            for (std::size_t i = 0; i < spread.size(); ++i) s.addRow({kNames[k]}, {double(i + 1), spread[i]});
        }
        f.series.push_back(std::move(s));
    }

    void validate(Frame& f) {
        for (std::size_t k = 0; k < 2; ++k) {
            if (m_watch.stopped(k)) continue;  // a diverged network's weights are NaN: nothing to measure
            const lessons::Evaluation e = lessons::evaluate(*m_nets[k], *m_val, m_pre, m_device);
            f.scalar(std::string("val_accuracy.") + kNames[k], e.accuracy);
            m_summary[std::string("val_accuracy.") + kNames[k]] = e.accuracy;
            m_summary[std::string("val_loss.") + kNames[k]] = e.loss;
        }
    }

    // Smith's LR range test on a copy of the residual network: Adam with the lr growing
    // exponentially from 1e-6 to 1 over 200 steps on the coming batches (a copy of the batch
    // stream: the run itself is not disturbed); the loss smoothed (EMA 0.98, bias-corrected);
    // stopped once it is 4x its minimum. Suggestion: the middle of the valley (see valley()).
    void rangeTest(Frame& f) {
        Generator init(1);
        auto net = std::make_shared<Stack>(true, m_params.text("model") == "cnn", m_params.integer("blocks"), m_params.integer("width"),
                                           m_params.text("norm"), init);
        net->to(m_device);
        net->loadStateDict(m_nets[1]->stateDict());
        auto opt = makeOptimizer("adam", net->parameters(), {{"lr", kRangeFrom}});
        Generator gen = m_gen;
        lessons::Order order = m_order;
        m_range.clear();
        double avg = 0, best = INFINITY;
        for (int64_t t = 0; t < kRangeSteps; ++t) {
            const double lr = kRangeFrom * std::pow(kRangeTo / kRangeFrom, double(t) / double(kRangeSteps - 1));
            Batch b = makeBatch(*m_train, order.next(m_train->size(), kBatch, gen), m_pre);
            net->train();
            opt->setOption("lr", lr);
            Tensor loss = crossEntropy((*net)(b.images.to(m_device)), b.labels.to(m_device));
            opt->zeroGrad();
            loss.backward();
            opt->step();
            const double l = loss.item();
            if (!std::isfinite(l)) break;
            avg = kRangeBeta * avg + (1 - kRangeBeta) * l;
            const double smooth = avg / (1.0 - std::pow(kRangeBeta, double(t + 1)));
            m_range.push_back({lr, l, smooth});
            best = std::min(best, smooth);
            if (smooth > 4 * best) break;
        }
        if (m_range.empty()) {  // the very first loss was not a number
            m_summary.erase("suggested_lr");
            rangeCurve(f);
            f.notes.push_back("LR range test: the loss was not a number from the first step on; there is no suggestion.");
            return;
        }
        std::vector<double> smoothed;
        for (const auto& r : m_range) smoothed.push_back(r[2]);
        const Valley v = valley(smoothed);
        m_summary["suggested_lr"] = m_range[v.middle()][0];
        rangeCurve(f);
        const auto lr = [&](std::size_t i) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.2g", m_range[i][0]);
            return std::string(buf);
        };
        f.notes.push_back("LR range test: the smoothed loss fell from lr " + lr(v.start) + " to " + lr(v.end) + "; suggested lr " +
                          lr(v.middle()) + ", halfway along that valley.");
    }
    void rangeCurve(Frame& f) const {
        Series s{"lr_range", {}, {"lr", "loss", "smoothed"}, {}, {}, Series::Mode::Replace};
        for (const auto& r : m_range) s.addRow({}, {r[0], r[1], r[2]});
        f.series.push_back(std::move(s));
        f.scalar("suggested_lr", m_summary.value("suggested_lr", 0.0));
    }

    Params m_params;
    Device m_device;
    Generator m_gen;  // batches
    Schedule m_schedule;
    lessons::DataNotes m_dataNotes;
    Preprocess m_pre;
    std::shared_ptr<ImageDataset> m_train, m_val;
    std::vector<std::shared_ptr<Stack>> m_nets;  // plain, residual
    std::vector<std::unique_ptr<Optimizer>> m_opts;
    lessons::Order m_order;
    int64_t m_step = 0;
    std::vector<double> m_metrics;  // the residual net's smoothed loss after every step (the plateau's metric)
    double m_ema[2] = {0, 0};
    lessons::DivergenceWatch m_watch{
        {QT_TRANSLATE_NOOP("deep", "The plain network"), QT_TRANSLATE_NOOP("deep", "The residual network")}};
    std::vector<double> m_recentLoss[2], m_gradAvg[2], m_lastGrads[2];
    std::vector<std::vector<std::vector<double>>> m_grads;  // per net, per column, per block
    std::vector<std::array<double, 3>> m_range;             // lr, loss, smoothed
    nlohmann::json m_summary = nlohmann::json::object();
};

}  // namespace

LessonSpec deepLesson() {
    LessonSpec s{.id = "deep",
                 .title = QT_TRANSLATE_NOOP("lessons", "Going deep"),
                 .summary = QT_TRANSLATE_NOOP("lessons", "Plain against residual stacks, normalisation, learning-rate schedules and the LR range test"),
                 .headline = "loss.residual", .headlineTitle = QT_TRANSLATE_NOOP("deep", "residual net's loss"),
                 .defaultSteps = 1000};
    const std::vector<std::string> kSchedules = {"constant", "step", "exponential", "cosine", "warmup_cosine", "one_cycle", "plateau"};
    s.params = grouped({
        {QT_TRANSLATE_NOOP("deep", "Networks"), {
            ParamSpec::integer("blocks", QT_TRANSLATE_NOOP("deep", "blocks"), 2, 64, 32)
                .about(QT_TRANSLATE_NOOP("deep", "Depth of both stacks: blocks of a layer, optional norm and ReLU, with or without the shortcut."))
                .onReset(),
            ParamSpec::integer("width", QT_TRANSLATE_NOOP("deep", "width"), 16, 256, 64)
                .about(QT_TRANSLATE_NOOP("deep", "Units per block of the MLP (the CNN has 16 channels)."))
                .onReset(),
            ParamSpec::choice("model", QT_TRANSLATE_NOOP("deep", "blocks of"), {"mlp", "cnn"}, "mlp")
                .about(QT_TRANSLATE_NOOP("deep", "mlp: Linear layers; cnn: 3×3 convolutions on 14×14 maps (slow at depth)."))
                .shownAs({{"mlp", QT_TRANSLATE_NOOP("deep", "linear layers")}, {"cnn", QT_TRANSLATE_NOOP("deep", "3×3 convolutions")}})
                .onReset(),
            ParamSpec::choice("norm", QT_TRANSLATE_NOOP("deep", "normalisation"), {"none", "batch", "layer"}, "none")
                .about(QT_TRANSLATE_NOOP("deep", "BatchNorm or LayerNorm in every block, before the ReLU."))
                .shownAs({{"none", QT_TRANSLATE_NOOP("deep", "none")}, {"batch", "BatchNorm"}, {"layer", "LayerNorm"}})
                .onReset(),
            ParamSpec::choice("dataset", QT_TRANSLATE_NOOP("deep", "data set"), {"fashion-mnist", "shapes"}, "fashion-mnist")
                .about(QT_TRANSLATE_NOOP("deep", "Fashion-MNIST, or the synthetic shapes (no files needed)."))
                .shownAs({{"fashion-mnist", "Fashion-MNIST"}, {"shapes", QT_TRANSLATE_NOOP("deep", "synthetic shapes")}})
                .onReset(),
        }},
        {QT_TRANSLATE_NOOP("deep", "Learning rate"), {
            ParamSpec::number("lr", QT_TRANSLATE_NOOP("deep", "learning rate"), 1e-5, 1.0, 1e-3)
                .about(QT_TRANSLATE_NOOP("deep", "Adam's base learning rate, which the schedule then changes."))
                .log(),
            ParamSpec::integer("steps", QT_TRANSLATE_NOOP("deep", "training steps"), 100, 20000, 1000)
                .about(QT_TRANSLATE_NOOP("deep", "Length of the run: the schedules are drawn over it, and the run stops there.")),
            ParamSpec::choice("schedule", QT_TRANSLATE_NOOP("deep", "schedule"), kSchedules, "constant")
                .about(QT_TRANSLATE_NOOP("deep", "How the learning rate changes over the run (torch.optim.lr_scheduler)."))
                .shownAs({{"constant", QT_TRANSLATE_NOOP("deep", "constant")},
                          {"step", QT_TRANSLATE_NOOP("deep", "in steps")},
                          {"exponential", QT_TRANSLATE_NOOP("deep", "exponential decay")},
                          {"cosine", QT_TRANSLATE_NOOP("deep", "cosine")},
                          {"warmup_cosine", QT_TRANSLATE_NOOP("deep", "warm-up + cosine")},
                          {"one_cycle", QT_TRANSLATE_NOOP("deep", "one cycle")},
                          {"plateau", QT_TRANSLATE_NOOP("deep", "lower on a plateau")}}),
            ParamSpec::integer("step.every", QT_TRANSLATE_NOOP("deep", "step every"), 10, 5000, 300)
                .measuredIn(QT_TRANSLATE_NOOP("deep", "steps"))
                .onlyWhen("schedule", {"step"}),
            ParamSpec::number("step.gamma", QT_TRANSLATE_NOOP("deep", "factor"), 0.01, 1, 0.3)
                .about(QT_TRANSLATE_NOOP("deep", "The learning rate is multiplied by this at every step of the schedule."))
                .onlyWhen("schedule", {"step"}),
            ParamSpec::number("exponential.gamma", QT_TRANSLATE_NOOP("deep", "factor per step"), 0.9, 1, 0.997)
                .onlyWhen("schedule", {"exponential"}),
            ParamSpec::integer("warmup", QT_TRANSLATE_NOOP("deep", "warm-up"), 0, 5000, 100)
                .about(QT_TRANSLATE_NOOP("deep", "Steps over which the learning rate climbs from almost 0 to its base value."))
                .measuredIn(QT_TRANSLATE_NOOP("deep", "steps"))
                .onlyWhen("schedule", {"warmup_cosine"}),
            ParamSpec::number("one_cycle.max_lr", QT_TRANSLATE_NOOP("deep", "peak learning rate"), 1e-5, 1, 1e-2)
                .log()
                .onlyWhen("schedule", {"one_cycle"}),
            ParamSpec::number("one_cycle.pct", QT_TRANSLATE_NOOP("deep", "share of the run climbing"), 0.05, 0.9, 0.3)
                .onlyWhen("schedule", {"one_cycle"}),
            ParamSpec::number("plateau.factor", QT_TRANSLATE_NOOP("deep", "factor"), 0.01, 0.9, 0.5)
                .about(QT_TRANSLATE_NOOP("deep", "The learning rate is multiplied by this when the smoothed loss of the residual net stops falling."))
                .onlyWhen("schedule", {"plateau"}),
            ParamSpec::integer("plateau.patience", QT_TRANSLATE_NOOP("deep", "patience"), 1, 2000, 50)
                .measuredIn(QT_TRANSLATE_NOOP("deep", "steps"))
                .onlyWhen("schedule", {"plateau"}),
            ParamSpec::flag("range_at_start", QT_TRANSLATE_NOOP("deep", "LR range test first"), false)
                .about(QT_TRANSLATE_NOOP("deep", "Runs the LR range test once on the initial weights before training."))
                .onReset(),
            ParamSpec::action("lr_range", QT_TRANSLATE_NOOP("deep", "Run the LR range test"))
                .about(QT_TRANSLATE_NOOP("deep", "Trains a copy of the residual net 200 steps with the learning rate growing from 1e-6 to 1 and suggests one.")),
        }},
    });
    const char* kStep = QT_TRANSLATE_NOOP("deep", "step");
    s.outputs = {
        OutputSpec::scalar("loss.*", QT_TRANSLATE_NOOP("deep", "Training loss")).axes(kStep, QT_TRANSLATE_NOOP("deep", "cross-entropy")),
        OutputSpec::scalar("val_accuracy.*", QT_TRANSLATE_NOOP("deep", "Validation accuracy")).axes(kStep, QT_TRANSLATE_NOOP("deep", "accuracy")),
        OutputSpec::scalar("grad_ratio.*", QT_TRANSLATE_NOOP("deep", "Gradient norm of the last block / the first")).axes(kStep, ""),
        OutputSpec::scalar("lr", QT_TRANSLATE_NOOP("deep", "Learning rate")).axes(kStep, QT_TRANSLATE_NOOP("deep", "learning rate")),
        OutputSpec::scalar("suggested_lr", QT_TRANSLATE_NOOP("deep", "Suggested learning rate")),
        OutputSpec::image("grad_norm/*", QT_TRANSLATE_NOOP("deep", "Gradient norm of every block (log10)"), ColorMap::Sequential),
        OutputSpec::series("activation_std", QT_TRANSLATE_NOOP("deep", "Spread of every block's output")).axes(QT_TRANSLATE_NOOP("deep", "block"), QT_TRANSLATE_NOOP("deep", "std")),
        OutputSpec::series("lr_schedule", QT_TRANSLATE_NOOP("deep", "The learning rate over the run")).axes(kStep, QT_TRANSLATE_NOOP("deep", "learning rate")),
        OutputSpec::series("lr_range", QT_TRANSLATE_NOOP("deep", "LR range test")).axes(QT_TRANSLATE_NOOP("deep", "learning rate"), QT_TRANSLATE_NOOP("deep", "loss")),
    };
    s.smoke = {{"blocks=4", "steps=200", "dataset=shapes", "range_at_start=1"}, 200};
    s.make = [](const Params& p, uint64_t seed, Device d) -> std::unique_ptr<Run> {
        return std::make_unique<DeepRun>(p, seed, d);
    };
    return s;
}

}  // namespace gradlab
