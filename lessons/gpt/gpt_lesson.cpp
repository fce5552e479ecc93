// A tiny GPT that learns to write: a character-level decoder-only transformer (engine/nn/gpt.h)
// trains from nothing on Debian's fortunes (or the student's own text) while the page shows its
// writing every few steps, the next-character probabilities for the student's prompt, the
// attention of every head over the latest sample and a map of the character embeddings.
//
// Data, batches, model, initialisation and training follow tests/bench/pytorch/gpt_reference.py
// (the PyTorch 1.13 reference): batch row r of step s starts at
// splitmix64(splitmix64(splitmix64(seed) ^ s) ^ r) % (n_train - context); validation reads 128
// fixed windows; AdamW (0.9, 0.99) with decoupled weight decay on the matrices only, warmup then
// cosine decay to lr / 10 over the run's steps, gradient clipping.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <numbers>

#include "engine/autograd/autograd.h"
#include "engine/core/error.h"
#include "engine/io/checkpoint.h"
#include "engine/nn/gpt.h"
#include "engine/ops/ops.h"
#include "engine/optim/clip_grad.h"
#include "engine/optim/optimizer.h"
#include "lessons/common/cpu_copy.h"
#include "lessons/common/divergence.h"
#include "lessons/common/training_checkpoint.h"
#include "lessons/gpt/corpus.h"
#include "lessons/lesson.h"

namespace gradlab {
namespace {

constexpr int64_t kValWindows = 128;
constexpr int64_t kValChunk = 32;       // windows per evaluation forward
constexpr int64_t kEvalEvery = 100;     // steps between validation losses
constexpr int64_t kShownChars = 40;     // characters the attention maps show
constexpr int64_t kShownNext = 12;      // bars of the next-character chart
constexpr int64_t kStreamEvery = 1;     // characters between streamed frames of the writing

// A character as a chart label: the invisible ones made visible.
std::string charLabel(char32_t c) {
    if (c == U' ') return "␣";
    if (c == U'\n') return "↵";
    if (c == U'\t') return "⇥";
    return gpt::shownText(gpt::encodeUtf8(c));  // a control character (a corpus has none, asPrinted): �
}

class GptRun final : public Run {
public:
    GptRun(const Params& params, uint64_t seed, Device device)
        : m_params(params), m_device(device), m_seed(seed), m_gen(seed), m_sampleGen(seed ^ 0x5A3D1E),
          m_corpus(gpt::loadCorpus(params.text("text"), params.text("file"), params.integer("context") + 2)) {
        GPTOptions o;
        o.vocab = int64_t(m_corpus.vocab.size());
        o.context = params.integer("context");
        o.layers = params.integer("layers");
        o.width = std::stoll(params.text("width"));
        o.heads = std::stoll(params.text("heads"));
        o.tiedHead = params.flag("tied");
        GL_CHECK(o.width % o.heads == 0, "gpt: the width must be a multiple of the heads");
        m_model = std::make_unique<GPT>(o, m_gen);  // initialised on the CPU (the same numbers everywhere), then moved
        m_model->to(device);
        // Decoupled weight decay (as torch's AdamW) on the matrices only: applied here, so one
        // optimizer with weight_decay 0 serves both groups.
        m_opt = makeOptimizer("adamw", m_model->parameters(),
                              {{"lr", params.number("lr")}, {"beta1", 0.9}, {"beta2", 0.99}, {"eps", 1e-8}, {"weight_decay", 0.0}});
        for (const Tensor& p : m_model->parameters())
            if (p.dim() >= 2) m_decayed.push_back(p);
        const int64_t C = o.context, n = int64_t(m_corpus.val.size());
        for (int64_t i = 0; i < kValWindows; ++i) m_valStarts.push_back(i * (n - C - 1) / (kValWindows - 1));
    }

    void start(Sink& sink) override {
        Frame f = opening();
        evaluate(f);
        sink.push(std::move(f));
        writeSample(sink, m_step == 0 || m_samples.empty());
    }

    // A loaded run shows its state again: the samples written so far, without new ones.
    void resync(Sink& sink) override {
        Frame f = opening();
        Series s{"samples", {"text"}, {"step"}, {}, {}, Series::Mode::Replace};
        for (const auto& [step, text] : m_samples) s.addRow({gpt::shownText(text)}, {double(step)});
        f.series.push_back(std::move(s));
        // The bars after the prompt: one forward, as the first character of a writing sees it.
        const std::vector<int64_t> prompt = promptTokens();
        std::vector<float> ids(prompt.begin(), prompt.end());
        std::vector<double> next;
        {
            NoGradGuard ng;
            m_model->eval();
            const Tensor logits = m_model->forward(fromData(ids, {1, int64_t(ids.size())}, m_device));
            next = samplingDistribution(select(select(logits, 0, 0), 0, int64_t(ids.size()) - 1).toVector(), sampling());
            m_model->train();
        }
        pictures(f, prompt, m_samples.empty() ? std::vector<int64_t>() : encode(m_samples.back().second), next);
        sink.push(std::move(f));
    }

    void step(Sink& sink) override {
        const auto t0 = std::chrono::steady_clock::now();
        const int64_t B = m_params.integer("batch"), C = m_model->options().context;
        const int64_t n = int64_t(m_corpus.train.size());
        std::vector<float> x(std::size_t(B * C)), y(std::size_t(B * C));
        const uint64_t base = gpt::splitmix64(gpt::splitmix64(m_seed) ^ uint64_t(m_step));
        for (int64_t r = 0; r < B; ++r) {
            const int64_t start = int64_t(gpt::splitmix64(base ^ uint64_t(r)) % uint64_t(n - C));
            for (int64_t t = 0; t < C; ++t) {
                x[std::size_t(r * C + t)] = float(m_corpus.train[std::size_t(start + t)]);
                y[std::size_t(r * C + t)] = float(m_corpus.train[std::size_t(start + t + 1)]);
            }
        }
        m_model->train();
        m_opt->zeroGrad();
        const int64_t V = m_model->options().vocab;
        Tensor logits = m_model->forward(fromData(x, {B, C}, m_device));
        Tensor loss = crossEntropy(reshape(logits, {B * C, V}), fromData(y, {B * C}, m_device));
        loss.backward();
        const double clip = m_params.number("clip");
        const double gradNorm = clipGradNorm_(m_model->parameters(), clip > 0 ? clip : std::numeric_limits<double>::infinity());
        const double lr = learningRate(m_step);
        m_opt->setOption("lr", lr);
        if (const double wd = m_params.number("weight_decay"); wd > 0) {
            NoGradGuard ng;
            for (Tensor& p : m_decayed) p.copy_(mul(p, float(1.0 - lr * wd)));
        }
        m_opt->step();
        const double l = double(loss.item());
        ++m_step;
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        m_trainSeconds += seconds;
        m_trainTokens += double(B * C);

        Frame f{.step = m_step};
        f.scalar("loss.train", l);
        f.scalar("bpc.train", l / std::numbers::ln2);
        f.scalar("lr", lr);
        f.scalar("grad_norm", gradNorm);
        m_summary["train_loss"] = l;
        m_watch.setClipping(clip);
        if (m_watch.check(0, l, m_step, lr, f)) {
            sink.push(std::move(f));  // no evaluation or sample of NaN weights: the run ends here
            return;
        }
        if (m_step % kEvalEvery == 0 || finished()) {
            // The speed since the last evaluation (a measurement: kept out of every step's frame,
            // which a replay reproduces bit for bit).
            if (m_trainSeconds > m_speedSeconds)
                f.scalar("tokens_per_second", (m_trainTokens - m_speedTokens) / (m_trainSeconds - m_speedSeconds));
            m_speedSeconds = m_trainSeconds, m_speedTokens = m_trainTokens;
            evaluate(f);
        }
        const bool sample = m_step % m_params.integer("sample.every") == 0;
        if (sample) f.markers.push_back({"samples", m_step, ""});  // labelled with the output's title
        sink.push(std::move(f));
        if (sample) writeSample(sink, true);
    }

    int64_t stepCount() const override { return m_step; }
    bool finished() const override { return m_watch.stopped(0) || m_step >= m_params.integer("steps"); }
    int64_t plannedSteps() const override { return m_params.integer("steps"); }

    void set(const std::string& key, const ParamValue& value, Sink& sink) override {
        m_params.assign(key, value);
        // A new prompt or way of sampling: write again at once (also while paused), not kept
        // among the samples of training.
        if (key == "prompt" || key == "temperature" || key == "top_k" || key == "top_p" || key == "sample.length")
            writeSample(sink, false);
    }

    void save(Checkpoint& ck) const override {
        lessons::saveModelAndOptimizer(ck, *m_model, *m_opt);
        lessons::saveProgress(ck, m_step, m_gen, m_summary);
        ck.meta["sample_rng"] = generatorStateToJson(m_sampleGen.state());
        std::vector<uint32_t> vocab(m_corpus.vocab.begin(), m_corpus.vocab.end());
        ck.meta["vocab"] = vocab;
        nlohmann::json samples = nlohmann::json::array();
        for (const auto& [step, text] : m_samples) samples.push_back({{"step", step}, {"text", text}});
        ck.meta["samples"] = samples;
        ck.meta["train_seconds"] = m_trainSeconds;
        ck.meta["train_tokens"] = m_trainTokens;
    }

    void load(const Checkpoint& ck) override {
        // Check and parse everything first; only then change the run.
        const nlohmann::json& v = ck.meta.contains("vocab") ? ck.meta.at("vocab") : nlohmann::json();
        GL_CHECK(v.is_array() && v.size() == m_corpus.vocab.size(),
                 "gpt: the checkpoint's vocabulary (", v.is_array() ? v.size() : 0, " characters) is not this text's (",
                 m_corpus.vocab.size(), "): was it trained on another text?");
        for (std::size_t i = 0; i < v.size(); ++i)
            GL_CHECK(v[i].is_number_unsigned() && char32_t(v[i].get<uint32_t>()) == m_corpus.vocab[i],
                     "gpt: the checkpoint's vocabulary differs from this text's at character ", i);
        const lessons::SavedTraining saved = lessons::readModelAndOptimizer(ck, *m_model);
        const lessons::SavedProgress progress = lessons::readProgress(ck, "gpt");
        const Generator::State sampleSt =
            ck.meta.contains("sample_rng") ? generatorStateFromJson(ck.meta.at("sample_rng")) : m_sampleGen.state();
        std::vector<std::pair<int64_t, std::string>> samples;
        if (ck.meta.contains("samples")) {
            const nlohmann::json& j = ck.meta.at("samples");
            GL_CHECK(j.is_array(), "gpt: the checkpoint's samples are not a list");
            for (const auto& e : j) {
                GL_CHECK(e.is_object() && e.contains("step") && e["step"].is_number_integer() && e.contains("text") &&
                             e["text"].is_string(),
                         "gpt: a sample in the checkpoint has no step or text");
                samples.emplace_back(e["step"].get<int64_t>(), e["text"].get<std::string>());
            }
        }
        auto amount = [&](const char* key) {  // optional (older checkpoints lack them); a time or a count
            const double v =
                !ck.meta.contains(key) ? 0.0 : lessons::readSaved(ck, "gpt", key, [](const nlohmann::json& j) { return j.get<double>(); });
            GL_CHECK(std::isfinite(v) && v >= 0, "gpt: the checkpoint's \"", key, "\" (", v, ") is not a finite amount of at least 0");
            return v;
        };
        const double trainSeconds = amount("train_seconds"), trainTokens = amount("train_tokens");
        lessons::applyTraining(saved, ck, *m_model, *m_opt);
        m_gen.setState(progress.rng);
        m_sampleGen.setState(sampleSt);
        m_step = progress.step;
        m_summary = progress.summary;
        m_samples = std::move(samples);
        m_trainSeconds = trainSeconds;
        m_trainTokens = trainTokens;
    }

    nlohmann::json summary() const override {
        nlohmann::json s = m_summary;
        s["parameters"] = m_model->parameterCount();
        s["vocabulary"] = m_corpus.vocab.size();
        s["train_characters"] = m_corpus.train.size();
        s["validation_characters"] = m_corpus.val.size();
        s["text"] = m_corpus.source;
        if (m_trainSeconds > 0) s["tokens_per_second"] = m_trainTokens / m_trainSeconds;
        return s;
    }

private:
    // What every first frame says: the text it trains on, the model's size.
    Frame opening() const {
        Frame f{.step = m_step};
        f.notes.push_back(m_corpus.report);
        if (!m_corpus.missingPackage.empty())  // the student should know, in the GUI too
            f.notes.emplace_back(QT_TRANSLATE_NOOP("gpt", "Debian's %1 package is not installed, so the GPT learns "
                                                          "the small built-in English text instead."),
                                 std::vector<std::string>{m_corpus.missingPackage}, Note::Level::Tell);
        f.scalar("parameters", double(m_model->parameterCount()));
        f.scalar("vocabulary", double(m_corpus.vocab.size()));
        return f;
    }

    // Warmup, then cosine decay to a tenth over the run's steps (step s: the update s + 1).
    double learningRate(int64_t s) const {
        const double lr = m_params.number("lr"), lo = lr / 10;
        const int64_t warmup = m_params.integer("warmup"), total = m_params.integer("steps");
        if (s < warmup) return lr * double(s + 1) / double(warmup);
        const double p = std::min(1.0, double(s - warmup) / double(std::max<int64_t>(1, total - warmup)));
        return lo + 0.5 * (1 + std::cos(std::numbers::pi * p)) * (lr - lo);
    }

    // The validation loss over the fixed windows (nats and bits per character).
    void evaluate(Frame& f) {
        const int64_t C = m_model->options().context, V = m_model->options().vocab;
        NoGradGuard ng;
        m_model->eval();
        double total = 0;
        for (int64_t w0 = 0; w0 < kValWindows; w0 += kValChunk) {
            const int64_t nb = std::min(kValChunk, kValWindows - w0);
            std::vector<float> x(std::size_t(nb * C)), y(std::size_t(nb * C));
            for (int64_t b = 0; b < nb; ++b)
                for (int64_t t = 0; t < C; ++t) {
                    const int64_t at = m_valStarts[std::size_t(w0 + b)] + t;
                    x[std::size_t(b * C + t)] = float(m_corpus.val[std::size_t(at)]);
                    y[std::size_t(b * C + t)] = float(m_corpus.val[std::size_t(at + 1)]);
                }
            const Tensor logits = m_model->forward(fromData(x, {nb, C}, m_device));
            total += double(crossEntropy(reshape(logits, {nb * C, V}), fromData(y, {nb * C}, m_device)).item()) * double(nb);
        }
        m_model->train();
        const double loss = total / double(kValWindows);
        f.scalar("loss.val", loss);
        f.scalar("bpc.val", loss / std::numbers::ln2);
        m_summary["val_loss"] = loss;
        m_summary["val_bits_per_char"] = loss / std::numbers::ln2;
        m_summary["val_step"] = m_step;
    }

    // The tokens of a text; characters outside the vocabulary are left out.
    std::vector<int64_t> encode(const std::string& text) const {
        std::vector<char32_t> cps;
        std::vector<int64_t> t;
        if (gpt::decodeUtf8(text, cps))
            for (char32_t c : cps)
                if (int64_t k = m_corpus.token(c); k >= 0) t.push_back(k);
        return t;
    }

    std::vector<int64_t> promptTokens() const {
        std::vector<int64_t> t = encode(m_params.text("prompt"));
        if (t.empty()) t.push_back(std::max<int64_t>(0, m_corpus.token(U'\n')));  // no usable prompt: start a new entry
        const int64_t C = m_model->options().context;
        if (int64_t(t.size()) > C) t.erase(t.begin(), t.end() - C);
        return t;
    }

    std::string decode(const std::vector<int64_t>& tokens) const {
        std::u32string s;
        for (int64_t t : tokens) s += m_corpus.vocab[std::size_t(t)];
        return gpt::encodeUtf8(s);
    }

    SamplingOptions sampling() const {
        SamplingOptions so;
        so.temperature = m_params.number("temperature");
        so.topK = m_params.integer("top_k");
        so.topP = m_params.number("top_p");
        return so;
    }

    // Writes sample.length characters after the prompt, streaming the writing as it grows; a
    // training sample (`keep`) joins the samples list. Then the pictures of that text.
    void writeSample(Sink& sink, bool keep) {
        const std::vector<int64_t> prompt = promptTokens();
        std::vector<int64_t> written;
        std::vector<double> next;  // what the first character was drawn from: the bars
        // The writing so far (done: all of it), one row.
        auto writing = [&](bool done) {
            Series w{"writing", {"text"}, {"step", "done"}, {}, {}, Series::Mode::Replace};
            w.addRow({gpt::shownText(decode(written))}, {double(m_step), done ? 1.0 : 0.0});
            return w;
        };
        const int64_t count = m_params.integer("sample.length");
        generate(*m_model, prompt, count, sampling(), m_sampleGen, true, [&](int64_t token, const std::vector<double>& p) {
            if (written.empty()) next = p;
            written.push_back(token);
            if (int64_t(written.size()) % kStreamEvery == 0 && int64_t(written.size()) < count) {
                Frame f{.step = m_step};
                f.series.push_back(writing(false));
                sink.push(std::move(f));
            }
        });
        const std::string text = decode(written);
        Frame f{.step = m_step};
        f.series.push_back(writing(true));
        if (keep) {
            m_samples.emplace_back(m_step, text);
            Series s{"samples", {"text"}, {"step"}, {}, {}, Series::Mode::Append};
            s.addRow({gpt::shownText(text)}, {double(m_step)});
            f.series.push_back(std::move(s));
        }
        pictures(f, prompt, written, next);
        sink.push(std::move(f));
    }

    // The next-character bars for the prompt (`next`: the sampling distribution after it), the
    // attention over the end of prompt + writing, the embedding map.
    void pictures(Frame& f, const std::vector<int64_t>& prompt, const std::vector<int64_t>& written,
                  const std::vector<double>& next) {
        NoGradGuard ng;
        m_model->eval();
        const int64_t C = m_model->options().context, V = m_model->options().vocab;
        {
            std::vector<int64_t> order(static_cast<std::size_t>(V));
            for (int64_t i = 0; i < V; ++i) order[std::size_t(i)] = i;
            std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) { return next[std::size_t(a)] > next[std::size_t(b)]; });
            Series bars{"next_char", {"class"}, {"probability"}, {}, {}, Series::Mode::Replace};
            for (int64_t k = 0; k < std::min(kShownNext, V); ++k)
                bars.addRow({charLabel(m_corpus.vocab[std::size_t(order[std::size_t(k)])])}, {next[std::size_t(order[std::size_t(k)])]});
            f.series.push_back(std::move(bars));
        }
        // Attention over the last characters of prompt + writing.
        std::vector<int64_t> seq = prompt;
        seq.insert(seq.end(), written.begin(), written.end());
        const int64_t shown = std::min<int64_t>({kShownChars, C, int64_t(seq.size())});
        std::vector<float> ids(seq.end() - shown, seq.end());
        m_model->setKeepAttentionWeights(true);
        m_model->forward(fromData(ids, {1, shown}, m_device));
        m_model->setKeepAttentionWeights(false);
        std::vector<std::string> labels;
        for (float t : ids) labels.push_back(charLabel(m_corpus.vocab[std::size_t(t)]));
        for (int64_t l = 0; l < m_model->options().layers; ++l) {
            const Tensor& w = m_model->attentionWeights(l);  // (1, H, T, T)
            for (int64_t h = 0; h < m_model->options().heads; ++h) {
                Image img;
                img.name = "attention/" + std::to_string(l + 1) + "/" + std::to_string(h + 1);
                img.values = lessons::cpuCopy(select(select(w, 0, 0), 0, h));
                img.rowLabels = labels;
                img.colLabels = labels;
                f.images.push_back(std::move(img));
            }
        }
        m_model->train();
        // The character embeddings on their first two principal components.
        const std::vector<float> e = m_model->tokenEmbedding().toVector();
        const int64_t E = m_model->options().width;
        std::vector<double> mean(std::size_t(E), 0.0);
        for (int64_t i = 0; i < V; ++i)
            for (int64_t j = 0; j < E; ++j) mean[std::size_t(j)] += e[std::size_t(i * E + j)] / double(V);
        std::vector<double> centred(std::size_t(V * E));
        for (int64_t i = 0; i < V; ++i)
            for (int64_t j = 0; j < E; ++j) centred[std::size_t(i * E + j)] = e[std::size_t(i * E + j)] - mean[std::size_t(j)];
        std::vector<std::vector<double>> comps;
        for (int c = 0; c < 2; ++c) {  // power iteration on X^T X, deflated by the components found
            std::vector<double> v(static_cast<std::size_t>(E));
            for (int64_t j = 0; j < E; ++j) v[std::size_t(j)] = 1.0 + 0.01 * double(j % 7) + double(c) * double(j % 3);
            for (int it = 0; it < 100; ++it) {
                std::vector<double> xv(std::size_t(V), 0.0), nv(std::size_t(E), 0.0);
                for (int64_t i = 0; i < V; ++i)
                    for (int64_t j = 0; j < E; ++j) xv[std::size_t(i)] += centred[std::size_t(i * E + j)] * v[std::size_t(j)];
                for (int64_t i = 0; i < V; ++i)
                    for (int64_t j = 0; j < E; ++j) nv[std::size_t(j)] += centred[std::size_t(i * E + j)] * xv[std::size_t(i)];
                for (const auto& u : comps) {
                    double d = 0;
                    for (int64_t j = 0; j < E; ++j) d += nv[std::size_t(j)] * u[std::size_t(j)];
                    for (int64_t j = 0; j < E; ++j) nv[std::size_t(j)] -= d * u[std::size_t(j)];
                }
                double norm = 0;
                for (double x : nv) norm += x * x;
                norm = std::sqrt(norm);
                if (!(norm > 0)) break;
                for (int64_t j = 0; j < E; ++j) v[std::size_t(j)] = nv[std::size_t(j)] / norm;
            }
            comps.push_back(v);
        }
        Series map{"embedding", {"char"}, {"x", "y"}, {}, {}, Series::Mode::Replace};
        for (int64_t i = 0; i < V; ++i) {
            double px = 0, py = 0;
            for (int64_t j = 0; j < E; ++j) {
                px += centred[std::size_t(i * E + j)] * comps[0][std::size_t(j)];
                py += centred[std::size_t(i * E + j)] * comps[1][std::size_t(j)];
            }
            map.addRow({charLabel(m_corpus.vocab[std::size_t(i)])}, {px, py});
        }
        f.series.push_back(std::move(map));
    }

    Params m_params;
    Device m_device;
    uint64_t m_seed;
    Generator m_gen;        // initialisation (the batches come from the hash of seed and step)
    Generator m_sampleGen;  // sampling: its own stream, so writing never changes training
    gpt::Corpus m_corpus;
    std::unique_ptr<GPT> m_model;
    std::unique_ptr<Optimizer> m_opt;
    std::vector<Tensor> m_decayed;
    std::vector<int64_t> m_valStarts;
    std::vector<std::pair<int64_t, std::string>> m_samples;  // (step, text) of every training sample
    int64_t m_step = 0;
    double m_trainSeconds = 0, m_trainTokens = 0;  // in training steps, for the speed
    double m_speedSeconds = 0, m_speedTokens = 0;  // at the last evaluation
    lessons::DivergenceWatch m_watch;
    nlohmann::json m_summary = nlohmann::json::object();
};

}  // namespace

LessonSpec gptLesson() {
    LessonSpec s{.id = "gpt",
                 .title = QT_TRANSLATE_NOOP("lessons", "A GPT that learns to write"),
                 .summary = QT_TRANSLATE_NOOP("lessons", "A tiny transformer learns to write character by character, from gibberish to words to sentences"),
                 .headline = "loss.val", .headlineTitle = QT_TRANSLATE_NOOP("gpt", "validation loss"),
                 .defaultSteps = 2000};
    s.params = grouped({
        {QT_TRANSLATE_NOOP("gpt", "Text"), {
            ParamSpec::choice("text", QT_TRANSLATE_NOOP("gpt", "text"), {"fortunes", "fortunes-de", "builtin", "file"}, "fortunes")
                .about(QT_TRANSLATE_NOOP("gpt", "What it learns from: Debian's fortunes (quotations and jokes, English or German), a small built-in text, or a UTF-8 text file of your own."))
                .shownAs({{"fortunes", QT_TRANSLATE_NOOP("gpt", "fortunes (English)")}, {"fortunes-de", QT_TRANSLATE_NOOP("gpt", "fortunes (German)")},
                          {"builtin", QT_TRANSLATE_NOOP("gpt", "built-in text")}, {"file", QT_TRANSLATE_NOOP("gpt", "a file of your own")}})
                .onReset(),
            ParamSpec::file("file", QT_TRANSLATE_NOOP("gpt", "your text file"), "text")
                .about(QT_TRANSLATE_NOOP("gpt", "A UTF-8 text file (at most 32 MB); entries split at lines holding % or at blank lines."))
                .onlyWhen("text", {"file"})
                .onReset(),
        }},
        {QT_TRANSLATE_NOOP("gpt", "Model"), {
            ParamSpec::integer("layers", QT_TRANSLATE_NOOP("gpt", "layers"), 1, 8, 4)
                .about(QT_TRANSLATE_NOOP("gpt", "Transformer blocks (attention + MLP) stacked."))
                .onReset(),
            ParamSpec::choice("width", QT_TRANSLATE_NOOP("gpt", "width"), {"32", "64", "128", "192", "256"}, "128")
                .about(QT_TRANSLATE_NOOP("gpt", "Length of every character's vector inside the model."))
                .onReset(),
            ParamSpec::choice("heads", QT_TRANSLATE_NOOP("gpt", "heads"), {"1", "2", "4", "8"}, "4")
                .about(QT_TRANSLATE_NOOP("gpt", "Attention heads per block (each looks with width/heads dimensions)."))
                .onReset(),
            ParamSpec::integer("context", QT_TRANSLATE_NOOP("gpt", "context"), 8, 256, 64)
                .about(QT_TRANSLATE_NOOP("gpt", "How many characters back the model can see."))
                .measuredIn(QT_TRANSLATE_NOOP("gpt", "characters"))
                .onReset(),
            ParamSpec::flag("tied", QT_TRANSLATE_NOOP("gpt", "tie output to embedding"), true)
                .about(QT_TRANSLATE_NOOP("gpt", "Score the next character with the embedding table itself instead of a separate output matrix."))
                .onReset(),
        }},
        {QT_TRANSLATE_NOOP("gpt", "Training"), {
            ParamSpec::integer("batch", QT_TRANSLATE_NOOP("gpt", "batch size"), 1, 128, 32)
                .about(QT_TRANSLATE_NOOP("gpt", "Text windows per step.")),
            ParamSpec::number("lr", QT_TRANSLATE_NOOP("gpt", "learning rate"), 1e-5, 0.1, 2e-3)
                .about(QT_TRANSLATE_NOOP("gpt", "AdamW's peak step size (after the warmup; it then decays to a tenth)."))
                .log(),
            ParamSpec::number("weight_decay", QT_TRANSLATE_NOOP("gpt", "weight decay"), 0, 1, 0.1)
                .about(QT_TRANSLATE_NOOP("gpt", "AdamW's pull of every weight matrix towards zero.")),
            ParamSpec::integer("warmup", QT_TRANSLATE_NOOP("gpt", "warmup steps"), 0, 2000, 100)
                .about(QT_TRANSLATE_NOOP("gpt", "Steps over which the learning rate rises from almost zero to its peak.")),
            ParamSpec::number("clip", QT_TRANSLATE_NOOP("gpt", "gradient clipping"), 0, 10, 1)
                .about(QT_TRANSLATE_NOOP("gpt", "Largest gradient norm per step; 0 turns clipping off.")),
            ParamSpec::integer("steps", QT_TRANSLATE_NOOP("gpt", "training steps"), 10, 100000, 2000)
                .about(QT_TRANSLATE_NOOP("gpt", "The run stops after them; the learning rate's cosine decay spans them.")),
        }},
        {QT_TRANSLATE_NOOP("gpt", "Writing"), {
            ParamSpec::text("prompt", QT_TRANSLATE_NOOP("gpt", "prompt"), "The ", 200)
                .about(QT_TRANSLATE_NOOP("gpt", "The text the model continues (characters it has never seen are left out).")),
            ParamSpec::number("temperature", QT_TRANSLATE_NOOP("gpt", "temperature"), 0, 2, 0.8)
                .about(QT_TRANSLATE_NOOP("gpt", "Divides the scores before the softmax: low is safe and repetitive, high is wild; 0 always takes the most likely character.")),
            ParamSpec::integer("top_k", QT_TRANSLATE_NOOP("gpt", "top-k"), 0, 200, 0)
                .about(QT_TRANSLATE_NOOP("gpt", "Draw only from the k most likely characters; 0 turns it off.")),
            ParamSpec::number("top_p", QT_TRANSLATE_NOOP("gpt", "top-p"), 0.05, 1, 1)
                .about(QT_TRANSLATE_NOOP("gpt", "Draw only from the most likely characters that together hold this much probability; 1 turns it off.")),
            ParamSpec::integer("sample.every", QT_TRANSLATE_NOOP("gpt", "write every"), 10, 5000, 100)
                .about(QT_TRANSLATE_NOOP("gpt", "Training steps between samples."))
                .measuredIn(QT_TRANSLATE_NOOP("gpt", "steps")),
            ParamSpec::integer("sample.length", QT_TRANSLATE_NOOP("gpt", "sample length"), 10, 1000, 200)
                .about(QT_TRANSLATE_NOOP("gpt", "Characters written per sample.")),
        }},
    });
    const char* kStep = QT_TRANSLATE_NOOP("gpt", "step");
    s.outputs = {
        OutputSpec::scalar("loss.*", QT_TRANSLATE_NOOP("gpt", "Loss (train, validation)")).axes(kStep, QT_TRANSLATE_NOOP("gpt", "nats per character")),
        OutputSpec::scalar("bpc.*", QT_TRANSLATE_NOOP("gpt", "Loss in bits per character")).axes(kStep, QT_TRANSLATE_NOOP("gpt", "bits per character")),
        OutputSpec::scalar("lr", QT_TRANSLATE_NOOP("gpt", "Learning rate")).axes(kStep, ""),
        OutputSpec::scalar("grad_norm", QT_TRANSLATE_NOOP("gpt", "Gradient norm before clipping")).axes(kStep, ""),
        OutputSpec::scalar("tokens_per_second", QT_TRANSLATE_NOOP("gpt", "Characters trained per second (between evaluations)")).axes(kStep, ""),
        OutputSpec::scalar("parameters", QT_TRANSLATE_NOOP("gpt", "Parameters")),
        OutputSpec::scalar("vocabulary", QT_TRANSLATE_NOOP("gpt", "Different characters")),
        OutputSpec::markers("samples", QT_TRANSLATE_NOOP("gpt", "sample")),
        OutputSpec::series("samples", QT_TRANSLATE_NOOP("gpt", "Samples written during training")),
        OutputSpec::series("writing", QT_TRANSLATE_NOOP("gpt", "The latest writing")),
        OutputSpec::series("next_char", QT_TRANSLATE_NOOP("gpt", "Next character after the prompt")),
        OutputSpec::series("embedding", QT_TRANSLATE_NOOP("gpt", "Character embeddings (PCA)"))
            .axes(QT_TRANSLATE_NOOP("gpt", "first component"), QT_TRANSLATE_NOOP("gpt", "second component")),
        OutputSpec::heatMap("attention/*/*", QT_TRANSLATE_NOOP("gpt", "Attention (layer, head)"), ColorMap::Sequential)
            .axes(QT_TRANSLATE_NOOP("gpt", "looked at"), QT_TRANSLATE_NOOP("gpt", "looking")),
    };
    s.smoke = {{"text=builtin", "layers=1", "width=32", "heads=2", "context=16", "batch=4", "sample.every=10", "sample.length=20", "steps=10"}, 10};
    s.make = [](const Params& p, uint64_t seed, Device d) -> std::unique_ptr<Run> {
        return std::make_unique<GptRun>(p, seed, d);
    };
    return s;
}

}  // namespace gradlab
