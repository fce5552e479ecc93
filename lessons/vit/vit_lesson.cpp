// Vision Transformer: a picture cut into P x P patches read as a sequence of tokens (after a CLS
// token, with learned position vectors); a tiny ViT trains on Fashion-MNIST / MNIST (or the
// synthetic shapes when neither is installed) while the CLS token's attention over the patches is
// drawn per layer and head and rolled out over all layers. Students can load their own picture.
// The network trains and looks on the device the lesson is given; pictures are prepared on the CPU
// and moved, what the frames show comes back (images with .to(Device::CPU); toVector() and item()
// copy to the host themselves).
#include <algorithm>
#include <cmath>
#include <memory>

#include "engine/autograd/autograd.h"
#include "engine/core/error.h"
#include "engine/data/dataset.h"
#include "engine/data/image_io.h"
#include "engine/data/loader.h"
#include "engine/io/checkpoint.h"
#include "engine/nn/vision_transformer.h"
#include "engine/ops/ops.h"
#include "engine/optim/optimizer.h"
#include "lessons/common/cpu_copy.h"
#include "lessons/common/divergence.h"
#include "lessons/common/train_step.h"
#include "lessons/common/evaluate.h"
#include "lessons/common/data_notes.h"
#include "lessons/common/picture_classifier.h"
#include "lessons/common/training_checkpoint.h"
#include "lessons/lesson.h"

namespace gradlab {
namespace {

constexpr int64_t kSide = 28;
constexpr int64_t kDim = 64;
constexpr int64_t kMlp = 256;  // the reference TinyViT (bench_transformers)
constexpr int64_t kBatch = 64;
constexpr int64_t kValidation = 2000;  // training images held out for the validation curves
constexpr int64_t kShowEvery = 20;     // steps between attention maps / prediction
constexpr int64_t kValEvery = 100;     // steps between validation passes
constexpr int64_t kEvalChunk = 500;

int64_t choiceInt(const Params& p, const std::string& key) { return std::stoll(p.text(key)); }

class VitRun final : public Run {
public:
    VitRun(const Params& params, uint64_t seed, Device device) : VitRun(params, seed, device, findDataset(params.text("dataset"))) {}
    VitRun(const Params& params, uint64_t seed, Device device, FoundDataset found)
        : m_params(params), m_device(device), m_gen(seed), m_dataNotes(found) {
        TrainValidation tv = splitValidation(found.data.train, kValidation);
        m_pre = Preprocess::normalized(found.data.train);
        m_train = std::make_shared<ImageDataset>(std::move(tv.train));
        m_val = std::make_shared<ImageDataset>(std::move(tv.validation));
        m_test = std::make_shared<ImageDataset>(std::move(found.data.test));
        m_loader = std::make_unique<DataLoader>(m_train, LoaderOptions{kBatch, true, false, m_pre, {}}, seed);

        VisionTransformerOptions o;
        o.imageSize = kSide;
        o.patchSize = choiceInt(params, "patch");
        o.dim = kDim;
        o.depth = params.integer("layers");
        o.heads = choiceInt(params, "heads");
        o.mlpDim = kMlp;
        o.numClasses = m_train->numClasses();
        m_net = std::make_unique<VisionTransformer>(m_gen, o);
        // Initialised on the CPU (the same numbers on every device), then moved; the optimizer's
        // state is made beside the parameters at its first step.
        m_net->to(device);
        m_opt = makeOptimizer("adam", m_net->parameters(), {{"lr", params.number("lr")}});
        loadStudentImage(nullptr);
    }

    void start(Sink& sink) override {
        Frame f{.step = m_step};
        m_dataNotes.push(f);
        f.notes.insert(f.notes.end(), m_imageNotes.begin(), m_imageNotes.end());
        show(f);
        sink.push(std::move(f));
    }

    void step(Sink& sink) override {
        Batch b = m_loader->next();
        m_net->train();
        Tensor loss = crossEntropy((*m_net)(b.images.to(m_device)), b.labels.to(m_device));
        auto [f, diverged] = lessons::trainOn(loss, *m_opt, m_step, m_watch, m_params.number("lr"));
        if (diverged) {
            sink.push(std::move(f));  // no validation of NaN weights: the run ends here
            return;
        }
        const bool epochEnd = m_step % m_loader->batchesPerEpoch() == 0;
        if (m_step % kShowEvery == 0 || epochEnd || finished()) show(f);
        if (m_step % kValEvery == 0 || epochEnd || finished()) validate(f);
        if (epochEnd) f.markers.push_back({"epochs", m_step, std::to_string(m_step / m_loader->batchesPerEpoch())});
        if (epochEnd || finished()) {
            f.scalar("epoch", double(m_step / m_loader->batchesPerEpoch()));
            test(f);
        }
        sink.push(std::move(f));
    }

    int64_t stepCount() const override { return m_step; }
    bool finished() const override { return m_watch.stopped(0) || m_step >= plannedSteps(); }
    int64_t plannedSteps() const override { return m_params.integer("epochs") * m_loader->batchesPerEpoch(); }

    void set(const std::string& key, const ParamValue& value, Sink& sink) override {
        m_params.assign(key, value);
        if (key == "lr") m_opt->setOption("lr", value.number);
        Frame f{.step = m_step};
        if (key == "image") {
            loadStudentImage(&f);
            show(f);
        } else if (key == "sample") {
            show(f);
        }
        sink.push(std::move(f));
    }

    void save(Checkpoint& ck) const override {
        lessons::saveModelAndOptimizer(ck, *m_net, *m_opt);
        lessons::saveProgress(ck, m_step, m_gen, m_summary);
        ck.meta["loader"] = m_loader->state();
        lessons::saveInputDescription(ck, m_train->name, m_pre);
    }

    void load(const Checkpoint& ck) override {
        // Check and parse everything first; only then change the run.
        const lessons::SavedTraining saved = lessons::readModelAndOptimizer(ck, *m_net);
        const lessons::SavedProgress progress = lessons::readProgress(ck, "vit");
        GL_CHECK(ck.meta.contains("loader"), "vit: the checkpoint has no data loader state");
        DataLoader loader(m_train, m_loader->options(), 0);
        loader.restore(ck.meta.at("loader"));  // validates; the live loader is untouched so far
        lessons::applyTraining(saved, ck, *m_net, *m_opt);
        m_loader->restore(ck.meta.at("loader"));
        m_gen.setState(progress.rng);
        m_step = progress.step;
        m_summary = progress.summary;
        m_opt->setOption("lr", m_params.number("lr"));
    }

    nlohmann::json summary() const override {
        nlohmann::json j = m_summary;
        j["dataset"] = m_train->name;
        j["synthetic_data"] = m_dataNotes.synthetic();
        return j;
    }

private:
    int64_t patch() const { return m_net->options().patchSize; }
    int64_t grid() const { return kSide / patch(); }

    // Reads the `image` parameter (a PNG or JPEG); an unusable file is reported, not fatal.
    void loadStudentImage(Frame* f) {
        m_image.clear();
        m_imageNotes.clear();
        const std::string& path = m_params.text("image");
        if (path.empty()) return;
        try {
            PreparedImage p = loadImageLikeDataset(path, m_train->name == "mnist" ? FitOptions::mnist() : FitOptions::fashionMnist());
            m_image = std::move(p.pixels);
        } catch (const Error& e) {
            m_imageNotes = lessons::unusablePictureNotes(e);
            if (f) f->notes.insert(f->notes.end(), m_imageNotes.begin(), m_imageNotes.end());
        }
    }

    // The picture on display: the student's, else test image `sample`; pixels in [0, 1].
    std::vector<float> displayPixels(int64_t& label) const {
        if (!m_image.empty()) {
            label = -1;
            return m_image;
        }
        const int64_t i = std::min<int64_t>(m_params.integer("sample"), m_test->size() - 1);
        label = m_test->labels[std::size_t(i)];
        std::span<const uint8_t> px = m_test->image(i);
        std::vector<float> out(px.size());
        for (std::size_t k = 0; k < px.size(); ++k) out[k] = float(px[k]) / 255.0f;
        return out;
    }

    // The picture, its patches, the learned positions, the CLS attention and the prediction.
    void show(Frame& f) {
        int64_t label = -1;
        const std::vector<float> px = displayPixels(label);
        const int64_t P = patch(), g = grid(), N = g * g, L = m_net->options().depth, H = m_net->options().heads;
        f.images.push_back({"vit_input", fromData(px, {kSide, kSide})});
        std::vector<float> patches(static_cast<std::size_t>(N * P * P));
        for (int64_t r = 0; r < g; ++r)
            for (int64_t c = 0; c < g; ++c)
                for (int64_t y = 0; y < P; ++y)
                    for (int64_t x = 0; x < P; ++x)
                        patches[std::size_t(((r * g + c) * P + y) * P + x)] = px[std::size_t((r * P + y) * kSide + c * P + x)];
        f.images.push_back({"patches", fromData(patches, {N, P, P})});
        f.scalar("image_label", double(label));

        // The CLS token (a learned vector, zeros at the start) that goes before the patch tokens.
        f.images.push_back({"cls_token", lessons::cpuCopy(m_net->stateDict().at("cls").reshape({1, kDim}))});

        // Cosine similarity of each patch's position vector to every other's, one g x g tile per patch.
        {
            std::vector<float> pos = m_net->stateDict().at("pos").contiguous().toVector();  // (1, 1 + N, D)
            std::vector<double> norm(static_cast<std::size_t>(N));
            for (int64_t i = 0; i < N; ++i) {
                double s = 0;
                for (int64_t d = 0; d < kDim; ++d) s += double(pos[std::size_t((1 + i) * kDim + d)]) * pos[std::size_t((1 + i) * kDim + d)];
                norm[std::size_t(i)] = std::sqrt(s) + 1e-12;
            }
            std::vector<float> sim(static_cast<std::size_t>(N * N));
            for (int64_t i = 0; i < N; ++i)
                for (int64_t j = 0; j < N; ++j) {
                    double s = 0;
                    for (int64_t d = 0; d < kDim; ++d)
                        s += double(pos[std::size_t((1 + i) * kDim + d)]) * pos[std::size_t((1 + j) * kDim + d)];
                    sim[std::size_t(i * N + j)] = float(s / (norm[std::size_t(i)] * norm[std::size_t(j)]));
                }
            f.images.push_back({"position_similarity", fromData(sim, {N, g, g})});
        }

        NoGradGuard ng;
        m_net->eval();
        m_net->setKeepAttentionWeights(true);
        Tensor logits = (*m_net)(imageTensor(px, kSide, kSide, m_pre).to(m_device));
        std::vector<Tensor> weights;  // per layer (1, H, T, T); kept before the switch-off drops them
        for (int64_t l = 0; l < L; ++l) weights.push_back(m_net->attentionWeights(l));
        m_net->setKeepAttentionWeights(false);
        std::vector<float> prob = softmax(logits, 1).toVector();
        Series ps{"probabilities", {"class"}, {"probability"}, {}, {}, Series::Mode::Replace};
        for (std::size_t c = 0; c < prob.size(); ++c) ps.addRow({m_train->classNames[c]}, {double(prob[c])});
        f.series.push_back(std::move(ps));

        // The CLS token's row of every head (keys 1..N = patches), and the rollout over layers:
        // R = prod_l (0.5 * mean_h A_l + 0.5 * I), rows renormalised (Abnar & Zuidema, 2020).
        const int64_t T = N + 1;
        Series csv{"cls_attention", {"map"}, {"patch_row", "patch_col", "weight"}, {}, {}, Series::Mode::Replace};
        auto addCsv = [&](const std::string& map, const float* w) {
            for (int64_t i = 0; i < N; ++i) csv.addRow({map}, {double(i / g), double(i % g), double(w[i])});
        };
        std::vector<double> rollout(std::size_t(T * T), 0.0);
        for (int64_t i = 0; i < T; ++i) rollout[std::size_t(i * T + i)] = 1.0;
        for (int64_t l = 0; l < L; ++l) {
            std::vector<float> w = weights[std::size_t(l)].contiguous().toVector();  // (1, H, T, T)
            std::vector<float> layer(static_cast<std::size_t>(H * N));
            std::vector<double> a(std::size_t(T * T), 0.0);
            for (int64_t h = 0; h < H; ++h) {
                const float* wh = &w[std::size_t(h * T * T)];
                std::copy(wh + 1, wh + T, layer.begin() + h * N);
                // Built by appending: `"l" + std::to_string(l)` trips GCC 12's false -Wrestrict warning.
                std::string name = "l";
                name += std::to_string(l);
                name += "_h";
                name += std::to_string(h);
                f.images.push_back({"cls_attention/" + name, fromData(std::span<const float>(wh + 1, std::size_t(N)), {g, g})});
                addCsv(name, wh + 1);
                for (int64_t k = 0; k < T * T; ++k) a[std::size_t(k)] += 0.5 * wh[k] / double(H);
            }
            f.images.push_back({"cls_attention/layer" + std::to_string(l), fromData(layer, {H, g, g})});
            for (int64_t i = 0; i < T; ++i) a[std::size_t(i * T + i)] += 0.5;
            std::vector<double> next(std::size_t(T * T), 0.0);
            for (int64_t i = 0; i < T; ++i)
                for (int64_t k = 0; k < T; ++k) {
                    const double aik = a[std::size_t(i * T + k)];
                    for (int64_t j = 0; j < T; ++j) next[std::size_t(i * T + j)] += aik * rollout[std::size_t(k * T + j)];
                }
            rollout = std::move(next);
        }
        std::vector<float> cls(static_cast<std::size_t>(N));
        double total = 0;
        for (int64_t i = 0; i < N; ++i) total += rollout[std::size_t(1 + i)];
        for (int64_t i = 0; i < N; ++i) cls[std::size_t(i)] = float(rollout[std::size_t(1 + i)] / (total > 0 ? total : 1.0));
        f.images.push_back({"cls_attention/rollout", fromData(cls, {g, g})});
        addCsv("rollout", cls.data());
        f.series.push_back(std::move(csv));
    }

    // Mean loss and accuracy of the network on `ds`.
    std::pair<double, double> evaluate(const ImageDataset& ds) {
        const lessons::Evaluation e = lessons::evaluate(*m_net, ds, m_pre, m_device, kEvalChunk);
        return {e.loss, e.accuracy};
    }

    void validate(Frame& f) {
        auto [loss, acc] = evaluate(*m_val);
        f.scalar("val_loss", loss);
        f.scalar("val_accuracy", acc);
        m_summary["val_accuracy"] = acc;
    }

    void test(Frame& f) {
        auto [loss, acc] = evaluate(*m_test);
        f.scalar("test_accuracy", acc);
        m_summary["test_accuracy"] = acc;
        m_summary["test_loss"] = loss;
        m_summary["test_step"] = m_step;
    }

    Params m_params;
    Device m_device;  // of the network, its optimizer and every forward pass; data and frames stay on the CPU
    Generator m_gen;
    lessons::DataNotes m_dataNotes;
    Preprocess m_pre;
    std::shared_ptr<ImageDataset> m_train, m_val, m_test;
    std::unique_ptr<DataLoader> m_loader;
    std::unique_ptr<VisionTransformer> m_net;
    std::unique_ptr<Optimizer> m_opt;
    std::vector<float> m_image;  // the student's picture, (28, 28) in [0, 1]; empty = none
    std::vector<Note> m_imageNotes;  // why the student's picture is unusable (none: it is usable, or there is none)
    int64_t m_step = 0;
    lessons::DivergenceWatch m_watch;
    nlohmann::json m_summary = nlohmann::json::object();
};

}  // namespace

LessonSpec vitLesson() {
    LessonSpec s{.id = "vit", .title = QT_TRANSLATE_NOOP("lessons", "Vision Transformer"),
                 .summary = QT_TRANSLATE_NOOP("lessons", "Pictures as sequences of patches: a tiny ViT learns Fashion-MNIST, and you see where it looks"),
                 .headline = "val_accuracy", .headlineTitle = QT_TRANSLATE_NOOP("vit", "validation accuracy"), .defaultSteps = 20 * 938};  // enough for the most epochs of Fashion-MNIST; the run stops itself after `epochs`
    s.params = grouped({
        {QT_TRANSLATE_NOOP("vit", "Data"), {
            lessons::pictureDatasetParam(),
            lessons::pictureEpochsParam(20, 1),
        }},
        {QT_TRANSLATE_NOOP("vit", "Vision Transformer"), {
            ParamSpec::choice("patch", QT_TRANSLATE_NOOP("vit", "patch size"), {"4", "7", "14"}, "7")
                .about(QT_TRANSLATE_NOOP("vit", "Side of the square patches in pixels (28 / patch patches per row)."))
                .onReset(),
            ParamSpec::integer("layers", QT_TRANSLATE_NOOP("vit", "layers"), 1, 4, 2)
                .about(QT_TRANSLATE_NOOP("vit", "Transformer encoder layers."))
                .onReset(),
            ParamSpec::choice("heads", QT_TRANSLATE_NOOP("vit", "heads"), {"1", "2", "4"}, "4")
                .about(QT_TRANSLATE_NOOP("vit", "Attention heads per layer (64 dimensions shared among them)."))
                .onReset(),
            ParamSpec::number("lr", QT_TRANSLATE_NOOP("vit", "learning rate"), 1e-5, 0.01, 1e-3)
                .about(QT_TRANSLATE_NOOP("vit", "Adam's step size."))
                .log(),
        }},
        {QT_TRANSLATE_NOOP("vit", "Picture"), {
            ParamSpec::integer("sample", QT_TRANSLATE_NOOP("vit", "test picture"), 0, 9999, 0)
                .about(QT_TRANSLATE_NOOP("vit", "Which test image is shown and classified.")),
            ParamSpec::file("image", QT_TRANSLATE_NOOP("vit", "your picture"))
                .about(QT_TRANSLATE_NOOP("vit", "A PNG or JPEG of your own: its patches, where the CLS token looks, and the prediction.")),
        }},
    });
    s.outputs = lessons::pictureTrainingOutputs();
    s.outputs.insert(s.outputs.end(), {
        OutputSpec::image("vit_input", QT_TRANSLATE_NOOP("vit", "The picture"), ColorMap::Gray),
        OutputSpec::image("patches", QT_TRANSLATE_NOOP("vit", "The patches, as a sequence"), ColorMap::Gray),
        OutputSpec::image("cls_token", QT_TRANSLATE_NOOP("vit", "The CLS token"), ColorMap::Diverging),
        OutputSpec::image("position_similarity", QT_TRANSLATE_NOOP("vit", "How alike the patches' position vectors are"),
                          ColorMap::Diverging),
        OutputSpec::image("cls_attention/*", QT_TRANSLATE_NOOP("vit", "Where the CLS token looks"), ColorMap::Sequential),
        OutputSpec::series("cls_attention", QT_TRANSLATE_NOOP("vit", "Where the CLS token looks")),
        OutputSpec::series("probabilities", QT_TRANSLATE_NOOP("vit", "Prediction")),
    });
    s.smoke = {{"dataset=shapes", "epochs=1"}, 1000};
    s.make = [](const Params& p, uint64_t seed, Device d) -> std::unique_ptr<Run> {
        return std::make_unique<VitRun>(p, seed, d);
    };
    return s;
}

}  // namespace gradlab
