// Convolutional networks: four hand-made 3x3 filters and 2x2 pooling first, then LeNet-5 (the
// original tanh + average pooling, or ReLU + max pooling) learning Fashion-MNIST or MNIST, with its
// first-layer filters, the feature maps of both conv layers for one picture (a test image or the
// student's own), the predicted probabilities and, after every epoch, validation and test accuracy
// and the confusion matrix. One step = one training batch. Everything the lesson computes runs on the
// device it is given; the data is prepared on the CPU and what the frames show comes back to it
// (images with .to(Device::CPU); toVector() and item() copy to the host themselves).
#include <algorithm>
#include <cmath>
#include <optional>

#include "engine/autograd/autograd.h"
#include "engine/core/error.h"
#include "engine/data/dataset.h"
#include "engine/data/image_io.h"
#include "engine/data/loader.h"
#include "engine/io/checkpoint.h"
#include "engine/ops/ops.h"
#include "engine/optim/optimizer.h"
#include "lessons/cnn/handmade.h"
#include "lessons/cnn/lenet5.h"
#include "lessons/common/cpu_copy.h"
#include "lessons/common/data_notes.h"
#include "lessons/common/divergence.h"
#include "lessons/common/train_step.h"
#include "lessons/common/training_checkpoint.h"
#include "lessons/common/picture_classifier.h"
#include "lessons/lesson.h"

namespace gradlab {
namespace {

constexpr int64_t kVisualEvery = 20;   // steps between two updates of filters, feature maps, prediction
constexpr int64_t kEvalChunk = 1000;

const std::vector<std::string>& optimizerChoices() {
    static const std::vector<std::string> v = {"adam", "sgd", "momentum", "rmsprop", "adamw"};
    return v;
}

std::unique_ptr<Optimizer> buildOptimizer(const std::string& choice, std::vector<Tensor> params, double lr) {
    if (choice == "momentum") return makeOptimizer("sgd", std::move(params), {{"lr", lr}, {"momentum", 0.9}});
    return makeOptimizer(choice, std::move(params), {{"lr", lr}});
}

// An (H, W) float image from the bytes of one data set image, in [0, 1].
std::vector<float> unitPixels(std::span<const uint8_t> bytes) {
    std::vector<float> v(bytes.size());
    for (std::size_t i = 0; i < bytes.size(); ++i) v[i] = float(bytes[i]) / 255.0f;
    return v;
}

struct Evaluation {
    double loss = 0, accuracy = 0;
    std::vector<int64_t> confusion;  // (classes x classes): row = true class, column = predicted
};

class CnnRun final : public Run {
public:
    CnnRun(const Params& params, uint64_t seed, Device device) : CnnRun(params, seed, device, findDataset(params.text("dataset"))) {}
    CnnRun(const Params& params, uint64_t seed, Device device, FoundDataset found)
        : m_params(params), m_device(device), m_gen(seed), m_dataNotes(found) {
        ImageDataset& full = found.data.train;
        // Small sets (the synthetic one) give at most a sixth of their images to validation.
        const int64_t nVal = std::min(params.integer("validation"), full.size() / 6);
        if (nVal > 0) {
            TrainValidation tv = splitValidation(full, nVal);
            m_train = std::make_shared<const ImageDataset>(std::move(tv.train));
            m_val = std::make_shared<const ImageDataset>(std::move(tv.validation));
        } else {
            ImageDataset none = full;
            none.pixels.clear(), none.labels.clear(), none.split = "validation";
            m_val = std::make_shared<const ImageDataset>(std::move(none));
            m_train = std::make_shared<const ImageDataset>(std::move(full));
        }
        m_test = std::make_shared<const ImageDataset>(std::move(found.data.test));
        // LeNet-5 wants 32x32: pad 2 around the 28x28 images, after normalising with the training
        // set's mean and std (Fashion-MNIST 0.2860 / 0.3530).
        m_pre = Preprocess::normalized(*m_train, 2);
        LoaderOptions lo;
        lo.batchSize = params.integer("batch_size");
        lo.preprocess = m_pre;
        if (params.flag("augment")) {
            lo.augment.cropPadding = 2;
            lo.augment.hflip = m_train->name == "fashion-mnist";  // a mirrored shoe is a shoe; a mirrored 3 is not
        }
        // The loader draws its own stream (shuffling, augmentation) so that the model's
        // initialisation does not depend on the batch size.
        m_loader = std::make_unique<DataLoader>(m_train, lo, seed ^ 0x9e3779b97f4a7c15ull);
        const std::string& variant = params.text("variant");
        m_model = std::make_unique<LeNet5>(variant == "relu_maxpool", variant == "relu_maxpool", m_gen);
        // Initialised on the CPU (the same numbers on every device), then moved; the optimizer's
        // state is made beside the parameters at its first step.
        m_model->to(device);
        m_opt = buildOptimizer(params.text("optimizer"), m_model->parameters(), params.number("lr"));
        m_testIndex = std::min(params.integer("test_image"), m_test->size() - 1);
        loadStudentImage(params.text("image"));
    }

    void start(Sink& sink) override {
        Frame f{.step = m_step};
        m_dataNotes.push(f);
        f.notes.insert(f.notes.end(), m_imageNotes.begin(), m_imageNotes.end());
        m_imageNotes.clear();
        handmade(f);
        visuals(f);
        sink.push(std::move(f));
    }

    void resync(Sink& sink) override {
        start(sink);
        if (m_eval) {  // the last epoch's results again, so the charts are complete after a load
            Frame f{.step = m_step};
            evaluationFrame(f);
            sink.push(std::move(f));
        }
    }

    void step(Sink& sink) override {
        if (finished()) return;
        Batch b = m_loader->next();
        m_model->train();
        Tensor logits = m_model->forward(b.images.to(m_device));
        auto [f, diverged] =
            lessons::trainOn(crossEntropy(logits, b.labels.to(m_device)), *m_opt, m_step, m_watch, m_params.number("lr"));
        f.scalar("accuracy", accuracyOf(logits.detach(), b.labels));
        if (diverged) {
            sink.push(std::move(f));  // no evaluation of NaN weights: the run ends here
            return;
        }
        const bool epochEnd = m_loader->epochFinished();
        if (epochEnd) {
            ++m_epochsDone;
            f.markers.push_back({"epochs", m_step, std::to_string(m_epochsDone)});
            evaluate();
            evaluationFrame(f);
        }
        if (epochEnd || m_step % kVisualEvery == 0) visuals(f);
        sink.push(std::move(f));
    }

    int64_t stepCount() const override { return m_step; }
    bool finished() const override { return m_watch.stopped(0) || m_epochsDone >= m_params.integer("epochs"); }
    int64_t plannedSteps() const override { return m_params.integer("epochs") * m_loader->batchesPerEpoch(); }

    void set(const std::string& key, const ParamValue& value, Sink& sink) override {
        m_params.assign(key, value);
        if (key == "lr") {
            m_opt->setOption("lr", value.number);
            return;
        }
        if (key == "image" || key == "test_image") {
            if (key == "image") loadStudentImage(value.text);
            else m_testIndex = std::min(int64_t(value.number), m_test->size() - 1);
            Frame f{.step = m_step};
            f.notes.insert(f.notes.end(), m_imageNotes.begin(), m_imageNotes.end());
            m_imageNotes.clear();
            handmade(f);
            visuals(f);
            sink.push(std::move(f));
        }
        // epochs: finished() reads it.
    }

    void save(Checkpoint& ck) const override {
        lessons::saveModelAndOptimizer(ck, *m_model, *m_opt);
        lessons::saveProgress(ck, m_step, m_gen);
        ck.meta["epochs_done"] = m_epochsDone;
        ck.meta["loader"] = m_loader->state();
        lessons::saveInputDescription(ck, m_train->name, m_pre);
        if (m_eval) {
            ck.meta["evaluation"] = {{"val_loss", m_eval->val.loss},
                                     {"val_accuracy", m_eval->val.accuracy},
                                     {"test_loss", m_eval->test.loss},
                                     {"test_accuracy", m_eval->test.accuracy},
                                     {"confusion", m_eval->test.confusion},
                                     {"step", m_eval->step}};
        }
    }

    void load(const Checkpoint& ck) override {
        // Check and parse everything first; change the run only when all of it is good.
        const lessons::SavedTraining saved = lessons::readModelAndOptimizer(ck, *m_model);
        std::optional<EpochResults> eval;
        DataLoader loader = *m_loader;
        const lessons::SavedProgress progress = lessons::readProgress(ck, "cnn");
        const int64_t epochs = lessons::savedInteger(ck, "cnn", "epochs_done", 0, lessons::kMaxSavedStep);
        if (ck.meta.contains("evaluation"))
            eval = lessons::readSaved(ck, "cnn", "evaluation", [&](const nlohmann::json& e) {
                auto number = [&](const char* k) { return e.at(k).is_null() ? std::nan("") : e.at(k).get<double>(); };
                EpochResults r;
                r.val.loss = number("val_loss");
                r.val.accuracy = number("val_accuracy");
                r.test.loss = number("test_loss");
                r.test.accuracy = e.at("test_accuracy").get<double>();
                for (const nlohmann::json& n : e.at("confusion"))
                    r.test.confusion.push_back(lessons::wholeNumber(n, 0, lessons::kMaxSavedStep, "cnn: a count of the checkpoint's confusion matrix"));
                r.step = lessons::wholeNumber(e.at("step"), 0, lessons::kMaxSavedStep, "cnn: the checkpoint's evaluation step");
                const auto k = std::size_t(m_test->numClasses());
                GL_CHECK(r.test.confusion.size() == k * k, "cnn: the checkpoint's confusion matrix has ",
                         r.test.confusion.size(), " cells, expected ", k * k);
                return std::optional<EpochResults>(std::move(r));
            });
        loader.restore(ck.meta.at("loader"));
        lessons::applyTraining(saved, ck, *m_model, *m_opt);
        *m_loader = std::move(loader);
        m_gen.setState(progress.rng);
        m_step = progress.step;
        m_epochsDone = epochs;
        m_eval = std::move(eval);
        m_summaryEval.reset();
    }

    nlohmann::json summary() const override {
        nlohmann::json j = nlohmann::json::object();
        j["dataset"] = m_train->name;
        j["dataset_synthetic"] = m_dataNotes.synthetic();
        j["epochs_done"] = m_epochsDone;
        j["training_images"] = m_train->size();
        j["validation_images"] = m_val->size();
        j["test_images"] = m_test->size();
        // The network as it is now: after a completed epoch that is the epoch's evaluation; after a
        // run stopped mid-epoch (--steps) it is evaluated here, once.
        if (!m_eval || m_eval->step != m_step) {
            if (!m_summaryEval || m_summaryEval->step != m_step) m_summaryEval = const_cast<CnnRun*>(this)->evaluateAll();
        }
        const EpochResults& r = m_eval && m_eval->step == m_step ? *m_eval : *m_summaryEval;
        auto num = [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); };
        j["test_accuracy"] = num(r.test.accuracy);
        j["test_loss"] = num(r.test.loss);
        j["val_accuracy"] = num(r.val.accuracy);
        j["val_loss"] = num(r.val.loss);
        return j;
    }

private:
    struct EpochResults {
        Evaluation val, test;
        int64_t step = -1;
    };

    static double accuracyOf(const Tensor& logits, const Tensor& labels) {
        std::vector<float> p = argmax(logits, 1).toVector(), t = labels.toVector();
        int64_t correct = 0;
        for (std::size_t i = 0; i < p.size(); ++i) correct += p[i] == t[i];
        return p.empty() ? 0.0 : double(correct) / double(p.size());
    }

    Evaluation evaluateOn(const ImageDataset& ds) {
        NoGradGuard ng;
        m_model->eval();
        const int64_t k = ds.numClasses();
        Evaluation e;
        e.confusion.assign(std::size_t(k * k), 0);
        double lossSum = 0;
        int64_t correct = 0;
        for (int64_t begin = 0; begin < ds.size(); begin += kEvalChunk) {
            const int64_t n = std::min(kEvalChunk, ds.size() - begin);
            Batch b = makeBatch(ds, begin, n, m_pre);
            Tensor logits = m_model->forward(b.images.to(m_device));
            lossSum += double(crossEntropy(logits, b.labels.to(m_device), Reduction::Sum).item());
            std::vector<float> p = argmax(logits, 1).toVector(), t = b.labels.toVector();
            for (std::size_t i = 0; i < p.size(); ++i) {
                correct += p[i] == t[i];
                const int64_t pi = int64_t(p[i]), ti = int64_t(t[i]);
                if (pi >= 0 && pi < k && ti >= 0 && ti < k) ++e.confusion[std::size_t(ti * k + pi)];
            }
        }
        m_model->train();
        e.loss = ds.size() ? lossSum / double(ds.size()) : std::nan("");
        e.accuracy = ds.size() ? double(correct) / double(ds.size()) : std::nan("");
        return e;
    }

    EpochResults evaluateAll() {
        EpochResults r;
        r.val = evaluateOn(*m_val);
        r.test = evaluateOn(*m_test);
        r.step = m_step;
        return r;
    }

    void evaluate() { m_eval = evaluateAll(); }

    void evaluationFrame(Frame& f) const {
        const EpochResults& r = *m_eval;
        if (m_val->size() > 0) {
            f.scalars.push_back({"val_loss", r.val.loss, r.step});
            f.scalars.push_back({"val_accuracy", r.val.accuracy, r.step});
        }
        f.scalars.push_back({"test_accuracy", r.test.accuracy, r.step});
        f.scalars.push_back({"epoch", double(m_epochsDone), r.step});
        const int64_t k = m_test->numClasses();
        std::vector<float> cells(r.test.confusion.begin(), r.test.confusion.end());
        Image img{"confusion", fromData(cells, {k, k}), {}, {}, m_test->classNames, m_test->classNames};
        f.images.push_back(std::move(img));
        // The same counts as a table (confusion.csv): one row per true class, one column per prediction.
        Series s{"confusion", {"true_class"}, m_test->classNames, {}, {}, Series::Mode::Replace};
        for (int64_t t = 0; t < k; ++t) {
            s.text.push_back(m_test->classNames[std::size_t(t)]);
            for (int64_t p = 0; p < k; ++p) s.numbers.push_back(double(r.test.confusion[std::size_t(t * k + p)]));
        }
        f.series.push_back(std::move(s));
    }

    // The picture shown: the student's image when one is loaded, else test image m_testIndex.
    // (H, W) in [0, 1], and its true class (-1 when unknown).
    std::pair<std::vector<float>, int64_t> shownImage() const {
        if (!m_studentImage.empty()) return {m_studentImage, -1};
        return {unitPixels(m_test->image(m_testIndex)), m_test->labels[std::size_t(m_testIndex)]};
    }

    void loadStudentImage(const std::string& path) {
        m_studentImage.clear();
        if (path.empty()) return;
        try {
            // Clothes fill their 28x28 box; digits sit in a 20x20 box centred by their ink, as in MNIST.
            const FitOptions fit = m_test->name == "fashion-mnist" ? FitOptions::fashionMnist() : FitOptions::mnist();
            m_studentImage = loadImageLikeDataset(path, fit).pixels;
        } catch (const Error& e) {
            m_imageNotes = lessons::unusablePictureNotes(e);
        }
    }

    // The first tab: the four filters on the shown picture, and the pooling grid (computed on the
    // run's device like the network, drawn from the CPU).
    void handmade(Frame& f) const {
        auto [pixels, label] = shownImage();
        (void)label;
        Tensor img = fromData(pixels, {m_test->height, m_test->width});
        f.images.push_back({"handmade_input", img});
        f.images.push_back({"handmade_filters", cnn::handmadeFilters()});
        f.images.push_back({"handmade_outputs", cnn::applyHandmadeFilters(img.to(m_device)).to(Device::CPU)});
        Tensor grid = cnn::poolingGrid();
        f.images.push_back({"pooling_input", grid});
        f.images.push_back({"pooling_max", cnn::maxPool2x2(grid.to(m_device)).to(Device::CPU)});
        f.images.push_back({"pooling_avg", cnn::avgPool2x2(grid.to(m_device)).to(Device::CPU)});
    }

    // Filters, feature maps and prediction for the shown picture.
    void visuals(Frame& f) {
        NoGradGuard ng;
        auto [pixels, label] = shownImage();
        Tensor x = imageTensor(pixels, m_test->height, m_test->width, m_pre);  // (1, 1, 32, 32) on the CPU
        m_model->eval();
        LeNet5::Features feats;
        Tensor probs = softmax(m_model->forward(x.to(m_device), &feats), 1);
        m_model->train();
        // ReLU maps are >= 0 (viridis); tanh maps are signed (diverging).
        const auto fmMap = m_model->reluVariant() ? ColorMap::Sequential : ColorMap::Diverging;
        Tensor w = m_model->conv1().weight().detach();
        // A copy: training updates the weights in place, the frame outlives this step.
        f.images.push_back({"filters_conv1", lessons::cpuCopy(w.reshape({w.size(0), w.size(2), w.size(3)}))});
        f.images.push_back({"input", x.reshape({x.size(2), x.size(3)}).clone()});
        f.images.push_back({"feature_maps/conv1", feats.conv1.select(0, 0).contiguous().to(Device::CPU), fmMap});
        f.images.push_back({"feature_maps/conv2", feats.conv2.select(0, 0).contiguous().to(Device::CPU), fmMap});
        Series s{"probabilities", {"class"}, {"probability"}, {}, {}, Series::Mode::Replace};
        std::vector<float> p = probs.toVector();
        for (std::size_t c = 0; c < p.size(); ++c) {
            s.text.push_back(c < m_test->classNames.size() ? m_test->classNames[c] : std::to_string(c));
            s.numbers.push_back(p[c]);
        }
        f.series.push_back(std::move(s));
        f.scalar("image_label", double(label));
    }

    Params m_params;
    Device m_device;  // of the model, its optimizer and every computation; data and frames stay on the CPU
    Generator m_gen;  // the model's initialisation
    lessons::DataNotes m_dataNotes;
    std::shared_ptr<const ImageDataset> m_train, m_val, m_test;
    Preprocess m_pre;
    std::unique_ptr<DataLoader> m_loader;
    std::unique_ptr<LeNet5> m_model;
    std::unique_ptr<Optimizer> m_opt;
    int64_t m_step = 0, m_epochsDone = 0, m_testIndex = 0;
    lessons::DivergenceWatch m_watch;
    std::optional<EpochResults> m_eval;                 // after the last completed epoch
    mutable std::optional<EpochResults> m_summaryEval;  // summary() of a run stopped mid-epoch
    std::vector<float> m_studentImage;                  // empty: none
    std::vector<Note> m_imageNotes;                     // why the student's picture is unusable, for the next frame
};

}  // namespace

LessonSpec cnnLesson() {
    // Runs end after `epochs` epochs (finished()); the step count only caps them.
    LessonSpec s{.id = "cnn", .title = QT_TRANSLATE_NOOP("lessons", "Convolutional networks"),
                 .summary = QT_TRANSLATE_NOOP("lessons", "Filters, pooling and LeNet-5 learning to recognise clothes"),
                 .headline = "loss", .headlineTitle = QT_TRANSLATE_NOOP("cnn", "training loss"), .defaultSteps = 1'000'000};
    s.params = grouped({
        {QT_TRANSLATE_NOOP("cnn", "Data"), {
            lessons::pictureDatasetParam(),
            ParamSpec::integer("validation", QT_TRANSLATE_NOOP("cnn", "validation images"), 0, 20000, 5000)
                .about(QT_TRANSLATE_NOOP("cnn", "Training images held out to measure generalisation at each epoch end (at most a "
                                                "sixth of the set; 0: none)."))
                .onReset(),
            ParamSpec::flag("augment", QT_TRANSLATE_NOOP("cnn", "augmentation"), false)
                .about(QT_TRANSLATE_NOOP("cnn", "Random shifts by up to 2 pixels (and mirror images of clothes) while training."))
                .onReset(),
        }},
        {QT_TRANSLATE_NOOP("cnn", "Network and training"), {
            ParamSpec::choice("variant", QT_TRANSLATE_NOOP("cnn", "variant"), {"relu_maxpool", "tanh_avgpool"}, "relu_maxpool")
                .about(QT_TRANSLATE_NOOP("cnn", "relu_maxpool: the modern LeNet-5; tanh_avgpool: LeCun's 1998 original."))
                .shownAs({{"relu_maxpool", QT_TRANSLATE_NOOP("cnn", "ReLU, max pooling")}, {"tanh_avgpool", QT_TRANSLATE_NOOP("cnn", "1998: tanh, average pooling")}})
                .onReset(),
            ParamSpec::choice("optimizer", QT_TRANSLATE_NOOP("cnn", "optimizer"), optimizerChoices(), "adam")
                .about(QT_TRANSLATE_NOOP("cnn", "The update rule (momentum: SGD with momentum 0.9)."))
                .shownAs({{"adam", "Adam"}, {"sgd", "SGD"}, {"momentum", QT_TRANSLATE_NOOP("cnn", "SGD with momentum")}, {"rmsprop", "RMSprop"}, {"adamw", "AdamW"}})
                .onReset(),
            ParamSpec::number("lr", QT_TRANSLATE_NOOP("cnn", "learning rate"), 1e-5, 1.0, 1e-3)
                .about(QT_TRANSLATE_NOOP("cnn", "Step size of the optimizer."))
                .log(),
            ParamSpec::integer("batch_size", QT_TRANSLATE_NOOP("cnn", "batch size"), 1, 1024, 64)
                .about(QT_TRANSLATE_NOOP("cnn", "Images per training step."))
                .onReset(),
            lessons::pictureEpochsParam(100, 5),
        }},
        {QT_TRANSLATE_NOOP("cnn", "Picture"), {
            ParamSpec::integer("test_image", QT_TRANSLATE_NOOP("cnn", "test image"), 0, 9999, 0)
                .about(QT_TRANSLATE_NOOP("cnn", "Which test image the feature maps and the prediction show.")),
            ParamSpec::file("image", QT_TRANSLATE_NOOP("cnn", "your image"))
                .about(QT_TRANSLATE_NOOP("cnn", "A PNG or JPEG of your own, shown instead of the test image (grayscale, "
                                                "resized and centred like the data set).")),
        }},
    });
    s.outputs = lessons::pictureTrainingOutputs();
    const char* kStep = QT_TRANSLATE_NOOP("cnn", "step");
    s.outputs.insert(s.outputs.end(), {
        OutputSpec::scalar("accuracy", QT_TRANSLATE_NOOP("cnn", "Accuracy on the training batch")).axes(kStep, ""),
        OutputSpec::image("handmade_input", QT_TRANSLATE_NOOP("cnn", "The picture"), ColorMap::Gray),
        OutputSpec::image("handmade_filters", QT_TRANSLATE_NOOP("cnn", "Four 3 × 3 filters"), ColorMap::Diverging),
        OutputSpec::image("handmade_outputs", QT_TRANSLATE_NOOP("cnn", "The picture through each filter (convolution)"),
                          ColorMap::Diverging),
        OutputSpec::image("pooling_input", QT_TRANSLATE_NOOP("cnn", "A 6 × 6 grid"), ColorMap::Sequential),
        OutputSpec::image("pooling_max", QT_TRANSLATE_NOOP("cnn", "2 × 2 max pooling"), ColorMap::Sequential),
        OutputSpec::image("pooling_avg", QT_TRANSLATE_NOOP("cnn", "2 × 2 average pooling"), ColorMap::Sequential),
        OutputSpec::image("filters_conv1", QT_TRANSLATE_NOOP("cnn", "Conv 1 filters"), ColorMap::Diverging),
        OutputSpec::image("input", QT_TRANSLATE_NOOP("cnn", "The picture the network sees (32 × 32)"), ColorMap::Gray),
        // ReLU maps are >= 0 (sequential), tanh maps signed (diverging): chosen per frame.
        OutputSpec::image("feature_maps/*", QT_TRANSLATE_NOOP("cnn", "Feature maps"), std::nullopt),
        OutputSpec::heatMap("confusion", QT_TRANSLATE_NOOP("cnn", "Confusion (test)"), ColorMap::Sequential)
            .axes(QT_TRANSLATE_NOOP("cnn", "predicted"), QT_TRANSLATE_NOOP("cnn", "true class")),
        OutputSpec::series("confusion", QT_TRANSLATE_NOOP("cnn", "Confusion (test)")),
        OutputSpec::series("probabilities", QT_TRANSLATE_NOOP("cnn", "Input and prediction")),
    });
    s.smoke = {{"dataset=shapes", "epochs=1", "validation=200"}, 1000};
    s.make = [](const Params& p, uint64_t seed, Device d) -> std::unique_ptr<Run> {
        return std::make_unique<CnnRun>(p, seed, d);
    };
    return s;
}

}  // namespace gradlab
