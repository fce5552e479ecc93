// Attention: scaled dot-product attention worked out step by step on a handful of fixed tokens
// (scores, the 1/sqrt(d_k) scaling, the softmax, the weighted sum, a causal mask), then a small
// transformer encoder learning a toy sequence task (reverse, sort, copy-shift) while the attention
// of every layer and head is drawn on an example sequence. Both run on the device the lesson is
// given: token sequences are drawn on the CPU and moved, what the frames show comes back (images
// with .to(Device::CPU); toVector() and item() copy to the host themselves).
#include <algorithm>
#include <cmath>
#include <numeric>

#include "engine/autograd/autograd.h"
#include "engine/core/error.h"
#include "engine/io/checkpoint.h"
#include "engine/nn/embedding.h"
#include "engine/nn/linear.h"
#include "engine/nn/positional_encoding.h"
#include "engine/nn/sequential.h"
#include "engine/nn/transformer.h"
#include "engine/ops/ops.h"
#include "engine/ops/transformer_ops.h"
#include "engine/optim/optimizer.h"
#include "lessons/common/cpu_copy.h"
#include "lessons/common/divergence.h"
#include "lessons/common/train_step.h"
#include "lessons/common/training_checkpoint.h"
#include "lessons/lesson.h"

namespace gradlab {
namespace {

constexpr int64_t kVocab = 10;       // tokens are the digits 0-9
constexpr int64_t kDim = 32;         // model width
constexpr int64_t kFeedForward = 64;
constexpr int64_t kBatch = 64;
constexpr int64_t kEvalSize = 256;   // fixed evaluation sequences
constexpr int64_t kEvalEvery = 10;   // steps between evaluations (and attention maps): the reverse task
                                     // forms its anti-diagonal within ~80 steps, this shows it happen
constexpr int64_t kDemoMaxTokens = 8;
constexpr int64_t kDemoValueDim = 3;
constexpr uint64_t kDemoSeed = 20240607;

const std::vector<std::string>& demoWords() {
    static const std::vector<std::string> w = {"the", "cat", "sat", "on", "the", "warm", "mat", "today"};
    return w;
}

// The target sequence of `task` for the input sequence in[0..n).
void makeTarget(const std::string& task, const float* in, float* out, int64_t n) {
    if (task == "reverse") {
        for (int64_t i = 0; i < n; ++i) out[i] = in[n - 1 - i];
    } else if (task == "sort") {
        std::copy(in, in + n, out);
        std::sort(out, out + n);
    } else {  // copy-shift: every token moves one place to the right, the last one wraps around
        for (int64_t i = 0; i < n; ++i) out[i] = in[(i + n - 1) % n];
    }
}

std::string tokenLabel(float t) { return std::to_string(int(t)); }

// Token embedding + positions -> encoder layers (post-norm, ReLU) -> a linear read-out per position.
class SequenceTransformer final : public Module {
public:
    SequenceTransformer(int64_t length, int64_t layers, int64_t heads, bool learnedPositions, Generator& gen) {
        m_embed = registerModule("embed", std::make_shared<Embedding>(kVocab, kDim, gen));
        if (learnedPositions)
            m_learned = registerModule("pos", std::make_shared<LearnedPositionalEmbedding>(length, kDim, gen, 0.5));
        else
            m_sin = registerModule("pos", std::make_shared<SinusoidalPositionalEncoding>(kDim, length));
        TransformerEncoderLayerOptions o;
        o.dimFeedforward = kFeedForward;
        o.dropout = 0.0;
        // One container "layers" with children "0", "1": the names of PyTorch's nn.ModuleList
        // (model.layers.0.linear1.weight), so a checkpoint loads into torch as it is.
        m_stack = registerModule("layers", std::make_shared<Sequential>());
        for (int64_t i = 0; i < layers; ++i) {
            m_layers.push_back(std::make_shared<TransformerEncoderLayer>(kDim, heads, gen, o));
            m_stack->add(m_layers.back());
        }
        m_head = registerModule("head", std::make_shared<Linear>(kDim, kVocab, true, gen));
    }

    // tokens: (B, T) digits as floats -> logits (B, T, kVocab)
    Tensor forward(const Tensor& tokens) override {
        Tensor x = (*m_embed)(tokens);
        x = m_learned ? (*m_learned)(x) : (*m_sin)(x);
        return (*m_head)((*m_stack)(x));
    }
    std::string_view typeName() const override { return "SequenceTransformer"; }

    void keepWeights(bool on) {
        for (auto& l : m_layers) l->setKeepAttentionWeights(on);
    }
    int64_t layers() const { return int64_t(m_layers.size()); }
    const Tensor& weights(int64_t layer) const { return m_layers[std::size_t(layer)]->attentionWeights(); }
    // The position vectors added to the tokens, (T, kDim).
    Tensor positions(int64_t length) const {
        return (m_learned ? m_learned->weight() : m_sin->pe()).narrow(0, 0, length).detach();
    }

private:
    std::shared_ptr<Embedding> m_embed;
    std::shared_ptr<SinusoidalPositionalEncoding> m_sin;
    std::shared_ptr<LearnedPositionalEmbedding> m_learned;
    std::shared_ptr<Sequential> m_stack;                            // the encoder layers, run in order
    std::vector<std::shared_ptr<TransformerEncoderLayer>> m_layers;  // the same layers, typed
    std::shared_ptr<Linear> m_head;
};

// Checkpoints written before the encoder layers moved into the "layers" container named them
// "layers_<i>" (model.layers_0.linear1.weight). This copy of `ck` has today's names
// (model.layers.0.linear1.weight), so that those checkpoints still load. The optimizer's state is
// saved by parameter index and did not change.
Checkpoint withCurrentLayerNames(const Checkpoint& ck) {
    Checkpoint out = ck;  // tensors are shared handles: no data is copied
    const std::string old = "model.layers_";
    for (auto& [name, t] : out.tensors) {
        if (name.rfind(old, 0) != 0) continue;
        const std::size_t dot = name.find('.', old.size());
        const bool digits = dot != std::string::npos && dot > old.size() &&
                            std::all_of(name.begin() + std::ptrdiff_t(old.size()), name.begin() + std::ptrdiff_t(dot),
                                        [](char c) { return c >= '0' && c <= '9'; });
        if (digits) name = "model.layers." + name.substr(old.size());
    }
    return out;
}

class AttentionRun final : public Run {
public:
    AttentionRun(const Params& params, uint64_t seed, Device device)
        : m_params(params), m_device(device), m_gen(seed), m_task(params.text("task")), m_length(params.integer("length")) {
        m_net = std::make_unique<SequenceTransformer>(m_length, params.integer("layers"), std::stoll(params.text("heads")),
                                                      params.text("positions") == "learned", m_gen);
        // Initialised on the CPU (the same numbers on every device), then moved; the optimizer's
        // state is made beside the parameters at its first step.
        m_net->to(device);
        m_opt = makeOptimizer("adam", m_net->parameters(), {{"lr", params.number("lr")}});
        // The evaluation sequences come from their own stream: the same for every run of a seed.
        Generator evalGen(seed ^ 0x9E3779B97F4A7C15ull);
        makeBatch(evalGen, kEvalSize, m_evalIn, m_evalTarget);
    }

    void start(Sink& sink) override {
        Frame f{.step = m_step};
        demo(f);
        evaluate(f);
        sink.push(std::move(f));
    }

    // The picture of a loaded run: its evaluation is shown again but is no new result, so the
    // summary stays as saved (a run continued from a checkpoint saves what the unbroken run saves).
    void resync(Sink& sink) override {
        nlohmann::json kept = m_summary;
        start(sink);
        m_summary = std::move(kept);
    }

    void step(Sink& sink) override {
        std::vector<float> in, target;
        makeBatch(m_gen, kBatch, in, target);
        m_net->train();
        Tensor logits = (*m_net)(fromData(in, {kBatch, m_length}, m_device));
        Tensor loss =
            crossEntropy(logits.reshape({kBatch * m_length, kVocab}), fromData(target, {kBatch * m_length}, m_device));
        auto [f, diverged] = lessons::trainOn(loss, *m_opt, m_step, m_watch, m_params.number("lr"));
        // No evaluation of NaN weights: a diverged run ends on its note.
        if (!diverged && (m_step % kEvalEvery == 0 || finished())) evaluate(f);
        sink.push(std::move(f));
    }

    int64_t stepCount() const override { return m_step; }
    bool finished() const override { return m_watch.stopped(0) || m_step >= m_params.integer("steps"); }
    int64_t plannedSteps() const override { return m_params.integer("steps"); }

    void set(const std::string& key, const ParamValue& value, Sink& sink) override {
        m_params.assign(key, value);
        if (key == "lr") m_opt->setOption("lr", value.number);
        if (key.rfind("demo.", 0) == 0) {  // the worked example redraws at once
            Frame f{.step = m_step};
            demo(f);
            sink.push(std::move(f));
        }
    }

    void save(Checkpoint& ck) const override {
        lessons::saveModelAndOptimizer(ck, *m_net, *m_opt);
        lessons::saveProgress(ck, m_step, m_gen, m_summary);
    }

    void load(const Checkpoint& file) override {
        const Checkpoint ck = withCurrentLayerNames(file);
        // Check and parse everything first; only then change the run.
        const lessons::SavedTraining saved = lessons::readModelAndOptimizer(ck, *m_net);
        const lessons::SavedProgress progress = lessons::readProgress(ck, "attention");
        lessons::applyTraining(saved, ck, *m_net, *m_opt);
        m_gen.setState(progress.rng);
        m_step = progress.step;
        m_summary = progress.summary;
        m_opt->setOption("lr", m_params.number("lr"));
    }

    nlohmann::json summary() const override { return m_summary; }

private:
    // `count` random digit sequences and their targets, (count, T) each, row-major.
    void makeBatch(Generator& gen, int64_t count, std::vector<float>& in, std::vector<float>& target) const {
        in.resize(std::size_t(count * m_length));
        target.resize(in.size());
        for (float& t : in) t = float(gen.below(kVocab));
        for (int64_t b = 0; b < count; ++b) makeTarget(m_task, &in[std::size_t(b * m_length)], &target[std::size_t(b * m_length)], m_length);
    }

    // ---- the worked example ----
    void demo(Frame& f) const {
        const int64_t n = m_params.integer("demo.tokens"), dk = m_params.integer("demo.dk");
        const bool scale = m_params.flag("demo.scale"), causal = m_params.flag("demo.causal");
        // Fixed vectors for the tokens: the same for every run and device (they depend on d_k only:
        // drawn on the CPU, then moved).
        Generator g(kDemoSeed + uint64_t(dk));
        Tensor q = randn({kDemoMaxTokens, dk}, g).narrow(0, 0, n).to(m_device).contiguous();
        Tensor k = randn({kDemoMaxTokens, dk}, g).narrow(0, 0, n).to(m_device).contiguous();
        Tensor v = randn({kDemoMaxTokens, kDemoValueDim}, g).narrow(0, 0, n).to(m_device).contiguous();
        NoGradGuard ng;
        Tensor scores = matmul(q, k.t());
        Tensor scaled = scale ? mul(scores, float(1.0 / std::sqrt(double(dk)))) : scores.clone();
        if (causal) {
            std::vector<float> block(std::size_t(n * n), 0.0f);  // 1 above the diagonal: a later key
            for (int64_t i = 0; i < n; ++i)
                for (int64_t j = i + 1; j < n; ++j) block[std::size_t(i * n + j)] = 1.0f;
            scaled = add(scaled, additiveMask(fromData(block, {n, n}, m_device), MaskKind::Block));
        }
        AttentionOptions o;
        o.isCausal = causal;
        o.scale = scale ? float(1.0 / std::sqrt(double(dk))) : 1.0f;
        AttentionResult r = scaledDotProductAttention(q, k, v, o);

        std::vector<std::string> words(demoWords().begin(), demoWords().begin() + n);
        std::vector<std::string> dims, vdims;
        for (int64_t i = 0; i < dk; ++i) dims.push_back("d" + std::to_string(i + 1));
        for (int64_t i = 0; i < kDemoValueDim; ++i) vdims.push_back("v" + std::to_string(i + 1));
        auto image = [&](const char* name, Tensor t, const std::vector<std::string>& cols) {
            Image img;
            img.name = name;
            img.values = t.contiguous().to(Device::CPU);
            img.rowLabels = words;
            img.colLabels = cols;
            f.images.push_back(std::move(img));
        };
        image("demo_queries", q, dims);
        image("demo_keys", k, dims);
        image("demo_scores", scores, words);
        image("demo_scaled", scaled, words);
        image("demo_weights", r.weights, words);
        image("demo_values", v, vdims);
        image("demo_output", r.output, vdims);

        // How peaked the softmax is: the mean of each row's largest weight, and the spread of what
        // goes into the softmax (masked entries left out).
        std::vector<float> w = r.weights.toVector(), s = scaled.contiguous().toVector();
        double maxSum = 0, sum = 0, sq = 0;
        int64_t cnt = 0;
        for (int64_t i = 0; i < n; ++i) {
            maxSum += *std::max_element(w.begin() + i * n, w.begin() + (i + 1) * n);
            for (int64_t j = 0; j < n; ++j)
                if (std::isfinite(s[std::size_t(i * n + j)])) sum += s[std::size_t(i * n + j)], ++cnt;
        }
        const double mu = sum / double(cnt);
        for (float x : s)
            if (std::isfinite(x)) sq += (x - mu) * (x - mu);
        f.scalar("demo_max_weight", maxSum / double(n));
        f.scalar("demo_score_std", std::sqrt(sq / double(cnt)));
    }

    // ---- evaluation on the fixed sequences: accuracy, the example, every head's attention ----
    void evaluate(Frame& f) {
        NoGradGuard ng;
        m_net->eval();
        m_net->keepWeights(true);
        Tensor logits = (*m_net)(fromData(m_evalIn, {kEvalSize, m_length}, m_device));
        std::vector<Tensor> weights;  // per layer (kEvalSize, H, T, T); kept before the switch-off drops them
        for (int64_t l = 0; l < m_net->layers(); ++l) weights.push_back(m_net->weights(l));
        m_net->keepWeights(false);
        std::vector<float> pred = argmax(logits, 2).toVector();
        const int64_t T = m_length;
        int64_t tokensRight = 0, seqRight = 0;
        for (int64_t b = 0; b < kEvalSize; ++b) {
            int64_t right = 0;
            for (int64_t i = 0; i < T; ++i) right += pred[std::size_t(b * T + i)] == m_evalTarget[std::size_t(b * T + i)];
            tokensRight += right;
            seqRight += right == T;
        }
        const double tokenAcc = double(tokensRight) / double(kEvalSize * T);
        const double seqAcc = double(seqRight) / double(kEvalSize);
        f.scalar("eval_token_accuracy", tokenAcc);
        f.scalar("eval_sequence_accuracy", seqAcc);
        m_summary = {{"token_accuracy", tokenAcc}, {"sequence_accuracy", seqAcc}, {"eval_step", m_step}};

        std::vector<std::string> labels;
        for (int64_t i = 0; i < T; ++i) labels.push_back(tokenLabel(m_evalIn[std::size_t(i)]));
        for (int64_t l = 0; l < m_net->layers(); ++l) {
            const Tensor& w = weights[std::size_t(l)];
            const int64_t H = w.size(1);
            for (int64_t h = 0; h < H; ++h) {
                Image img;
                img.name = "attention_l" + std::to_string(l) + "_h" + std::to_string(h);
                img.values = lessons::cpuCopy(w.select(0, 0).select(0, h));  // not a view keeping all 256 sequences alive
                img.rowLabels = labels;
                img.colLabels = labels;
                f.images.push_back(std::move(img));
            }
            if (l + 1 == m_net->layers() && m_task == "reverse") {
                // Mean weight on the mirrored key, over sequences, heads and queries.
                std::vector<float> wv = w.contiguous().toVector();
                double mass = 0;
                for (int64_t b = 0; b < kEvalSize; ++b)
                    for (int64_t h = 0; h < H; ++h)
                        for (int64_t i = 0; i < T; ++i) mass += wv[std::size_t(((b * H + h) * T + i) * T + (T - 1 - i))];
                mass /= double(kEvalSize * H * T);
                f.scalar("mirror_attention", mass);
                m_summary["mirror_attention"] = mass;
            }
        }

        Series ex{"example", {"input", "target", "prediction"}, {"position"}, {}, {}, Series::Mode::Replace};
        for (int64_t i = 0; i < T; ++i)
            ex.addRow({labels[std::size_t(i)], tokenLabel(m_evalTarget[std::size_t(i)]), tokenLabel(pred[std::size_t(i)])},
                      {double(i)});
        f.series.push_back(std::move(ex));

        Image pe;
        pe.name = "positional_encoding";
        pe.values = lessons::cpuCopy(m_net->positions(T));  // the frame outlives this step, training changes the weights
        for (int64_t i = 0; i < T; ++i) pe.rowLabels.push_back(std::to_string(i));
        f.images.push_back(std::move(pe));
    }

    Params m_params;
    Device m_device;  // of the network, its optimizer, the demo and the evaluation
    Generator m_gen;
    std::string m_task;
    int64_t m_length;
    std::unique_ptr<SequenceTransformer> m_net;
    std::unique_ptr<Optimizer> m_opt;
    std::vector<float> m_evalIn, m_evalTarget;
    int64_t m_step = 0;
    lessons::DivergenceWatch m_watch;
    nlohmann::json m_summary = nlohmann::json::object();
};

}  // namespace

LessonSpec attentionLesson() {
    LessonSpec s{.id = "attention", .title = QT_TRANSLATE_NOOP("lessons", "Attention"),
                 .summary = QT_TRANSLATE_NOOP("lessons", "Scaled dot-product attention by hand, then a small transformer learning to reverse, sort and shift"),
                 .headline = "eval_token_accuracy", .headlineTitle = QT_TRANSLATE_NOOP("attention", "token accuracy"), .defaultSteps = 20000};  // the run stops itself after `steps`
    s.params = grouped({
        {QT_TRANSLATE_NOOP("attention", "Attention by hand"), {
            ParamSpec::integer("demo.tokens", QT_TRANSLATE_NOOP("attention", "tokens"), 2, kDemoMaxTokens, 5)
                .about(QT_TRANSLATE_NOOP("attention", "How many tokens the worked example has.")),
            ParamSpec::integer("demo.dk", QT_TRANSLATE_NOOP("attention", "d_k"), 1, 256, 4)
                .about(QT_TRANSLATE_NOOP("attention", "Length of the query and key vectors.")),
            ParamSpec::flag("demo.scale", QT_TRANSLATE_NOOP("attention", "scale by 1/√d_k"), true)
                .about(QT_TRANSLATE_NOOP("attention", "Divide the scores by √d_k before the softmax.")),
            ParamSpec::flag("demo.causal", QT_TRANSLATE_NOOP("attention", "causal mask"), false)
                .about(QT_TRANSLATE_NOOP("attention", "Each token may only look at itself and the tokens before it.")),
        }},
        {QT_TRANSLATE_NOOP("attention", "Task"), {
            ParamSpec::choice("task", QT_TRANSLATE_NOOP("attention", "task"), {"reverse", "sort", "copy-shift"}, "reverse")
                .about(QT_TRANSLATE_NOOP("attention", "reverse: output i is input n-1-i; sort: the digits in order; copy-shift: every digit one place to the right (the last wraps around)."))
                .shownAs({{"reverse", QT_TRANSLATE_NOOP("attention", "reverse")}, {"sort", QT_TRANSLATE_NOOP("attention", "sort")},
                          {"copy-shift", QT_TRANSLATE_NOOP("attention", "shift by one")}})
                .onReset(),
            ParamSpec::integer("length", QT_TRANSLATE_NOOP("attention", "sequence length"), 3, 16, 8)
                .about(QT_TRANSLATE_NOOP("attention", "Digits per sequence."))
                .onReset(),
            ParamSpec::integer("steps", QT_TRANSLATE_NOOP("attention", "training steps"), 20, 20000, 400)
                .about(QT_TRANSLATE_NOOP("attention", "Batches of 64 sequences to train on; the run stops after them.")),
        }},
        {QT_TRANSLATE_NOOP("attention", "Transformer"), {
            ParamSpec::integer("layers", QT_TRANSLATE_NOOP("attention", "layers"), 1, 2, 1)
                .about(QT_TRANSLATE_NOOP("attention", "Encoder layers."))
                .onReset(),
            // A choice: the 32 dimensions split evenly into 1, 2 or 4 heads only.
            ParamSpec::choice("heads", QT_TRANSLATE_NOOP("attention", "heads"), {"1", "2", "4"}, "2")
                .about(QT_TRANSLATE_NOOP("attention", "Attention heads per layer (each looks with 32/heads dimensions)."))
                .onReset(),
            ParamSpec::choice("positions", QT_TRANSLATE_NOOP("attention", "positions"), {"sinusoidal", "learned"}, "learned")
                .about(QT_TRANSLATE_NOOP("attention", "Sinusoidal (fixed) or learned position vectors."))
                .shownAs({{"sinusoidal", QT_TRANSLATE_NOOP("attention", "sinusoidal (fixed)")}, {"learned", QT_TRANSLATE_NOOP("attention", "learned")}})
                .onReset(),
            ParamSpec::number("lr", QT_TRANSLATE_NOOP("attention", "learning rate"), 1e-4, 0.1, 3e-3)
                .about(QT_TRANSLATE_NOOP("attention", "Adam's step size."))
                .log(),
        }},
    });
    const char* kStep = QT_TRANSLATE_NOOP("attention", "step");
    const char* kKey = QT_TRANSLATE_NOOP("attention", "key");
    const char* kQuery = QT_TRANSLATE_NOOP("attention", "query");
    s.outputs = {
        OutputSpec::heatMap("demo_queries", QT_TRANSLATE_NOOP("attention", "Queries q"), ColorMap::Diverging),
        OutputSpec::heatMap("demo_keys", QT_TRANSLATE_NOOP("attention", "Keys k"), ColorMap::Diverging),
        // A row per query word, a column per key word, as in the trained heads' maps.
        OutputSpec::heatMap("demo_scores", QT_TRANSLATE_NOOP("attention", "Scores q · k"), ColorMap::Diverging).axes(kKey, kQuery),
        OutputSpec::heatMap("demo_scaled", QT_TRANSLATE_NOOP("attention", "Scores into the softmax"), ColorMap::Diverging).axes(kKey, kQuery),
        OutputSpec::heatMap("demo_weights", QT_TRANSLATE_NOOP("attention", "Weights: softmax"), ColorMap::Sequential).axes(kKey, kQuery),
        OutputSpec::heatMap("demo_values", QT_TRANSLATE_NOOP("attention", "Values v"), ColorMap::Diverging),
        OutputSpec::heatMap("demo_output", QT_TRANSLATE_NOOP("attention", "Weights × v"), ColorMap::Diverging),
        OutputSpec::scalar("demo_max_weight", QT_TRANSLATE_NOOP("attention", "Mean largest weight")),
        OutputSpec::scalar("demo_score_std", QT_TRANSLATE_NOOP("attention", "Spread (std) of the scores")),
        OutputSpec::scalar("loss", QT_TRANSLATE_NOOP("attention", "Loss")).axes(kStep, ""),  // drawn with the accuracies
        OutputSpec::scalar("eval_token_accuracy", QT_TRANSLATE_NOOP("attention", "Tokens right")).axes(kStep, ""),
        OutputSpec::scalar("eval_sequence_accuracy", QT_TRANSLATE_NOOP("attention", "Sequences right")).axes(kStep, ""),
        OutputSpec::scalar("mirror_attention", QT_TRANSLATE_NOOP("attention", "Weight on the mirrored position (reverse)"))
            .axes(kStep, ""),
        OutputSpec::heatMap("attention_l*_h*", QT_TRANSLATE_NOOP("attention", "Attention of a layer's head"), ColorMap::Sequential)
            .axes(kKey, kQuery),
        OutputSpec::heatMap("positional_encoding", QT_TRANSLATE_NOOP("attention", "Position vectors"), ColorMap::Diverging)
            .axes(QT_TRANSLATE_NOOP("attention", "dimension"), QT_TRANSLATE_NOOP("attention", "position")),
        OutputSpec::series("example", QT_TRANSLATE_NOOP("attention", "An example: input, target and prediction")),
    };
    s.smoke = {{"steps=20"}, 20};
    s.make = [](const Params& p, uint64_t seed, Device d) -> std::unique_ptr<Run> {
        return std::make_unique<AttentionRun>(p, seed, d);
    };
    return s;
}

}  // namespace gradlab
