// Overfitting and what cures it. Two experiments train side by side, one step each per lesson step:
// - the plane: an MLP learns two classes of points from a few noisy training points; the page
//   draws its class probability over the plane (the decision boundary), the training points and
//   a large validation set, and the student adds or removes training points by clicking;
// - the images: an MLP or a small CNN learns Fashion-MNIST from a small subset (1,000 pictures),
//   with augmentation and normalisation to choose, evaluated after every epoch.
// The regularisers (weight decay, L1, dropout, batch size) are shared and live; early stopping
// watches each validation loss, marks where the best weights were and where a patient run would
// stop, and with stop_early really stops there and brings the best weights back.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <sstream>
#include <tuple>

#include "engine/autograd/autograd.h"
#include "engine/core/error.h"
#include "engine/data/dataset.h"
#include "engine/data/loader.h"
#include "engine/io/checkpoint.h"
#include "engine/ops/ops.h"
#include "lessons/common/batch_order.h"
#include "lessons/common/cpu_copy.h"
#include "lessons/common/data_notes.h"
#include "lessons/common/divergence.h"
#include "lessons/common/evaluate.h"
#include "lessons/common/toy_data.h"
#include "lessons/common/training_checkpoint.h"
#include "lessons/generalization/networks.h"
#include "lessons/lesson.h"

namespace gradlab {
namespace {

using generalization::Augmentation;
using generalization::EarlyStop;
using generalization::Net;
using generalization::Regularisation;
using lessons::Order;
using lessons::permutation;

constexpr int64_t kValPoints = 1000;    // the plane's validation set
constexpr int64_t kMaxPoints = 2000;    // training points, edits included
constexpr int64_t kGrid = 64;           // the probability field, kGrid x kGrid cells
constexpr int64_t kPlaneEvalEvery = 10; // steps between the plane's evaluations (and pictures)
constexpr int64_t kValImages = 2000;    // pictures held out for validation
constexpr int64_t kEvalChunk = 500;
constexpr int64_t kPreview = 8;         // the augmentation preview: the picture and 7 variants
constexpr std::size_t kPlanePart = 0, kPicturesPart = 1;  // the run's two networks, as its DivergenceWatch counts them

Regularisation regularisation(const Params& p) {
    return {p.number("weight_decay"), p.number("l1"), p.number("dropout")};
}

// Reads the best weights saved under `prefix` for `net` (none when the run had not evaluated yet).
std::map<std::string, Tensor> readBest(const Checkpoint& ck, const std::string& prefix, const Net& net, bool expected) {
    std::map<std::string, Tensor> out;
    if (!expected) return out;
    for (const auto& [name, t] : net.body->stateDict()) {
        const Tensor& saved = ck.tensor(prefix + name, t.shape());
        for (float v : saved.toVector())
            GL_CHECK(std::isfinite(v), "generalization: the checkpoint's tensor ", prefix, name, " holds NaN or infinite values");
        out[name] = saved;
    }
    return out;
}

// The last evaluation's figures (loss, accuracy on training and validation data), kept in the
// checkpoint for the summary and the page after a load; NaN (none yet) as null.
struct Figures {
    double trainLoss = NAN, valLoss = NAN, trainAcc = NAN, valAcc = NAN;

    nlohmann::json toJson() const {
        nlohmann::json j = nlohmann::json::array();
        for (double v : {trainLoss, valLoss, trainAcc, valAcc}) j.push_back(std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr));
        return j;
    }
    static Figures fromJson(const nlohmann::json& j, const std::string& what) {
        GL_CHECK(j.is_array() && j.size() == 4, "generalization: the checkpoint's ", what, ".figures are damaged");
        double v[4];
        for (std::size_t i = 0; i < 4; ++i) {
            GL_CHECK(j[i].is_null() || j[i].is_number(), "generalization: the checkpoint's ", what, ".figures are damaged");
            v[i] = j[i].is_null() ? NAN : j[i].get<double>();
        }
        return {v[0], v[1], v[2], v[3]};
    }
};

std::string fmt(double v, int digits = 3) {
    std::ostringstream os;
    os.precision(digits);
    os << v;
    return os.str();
}

// Puts the best weights kept by `stop` back into `net` and says so: `early` when early stopping
// did it (after `patience` steps or epochs), `asked` when the student asked (Restore best
// weights). In both texts %1 is the step or epoch of the best weights, %2 their validation loss,
// %3 the patience. False, and nothing said, when there are no best weights yet.
bool restoreBestWeights(Net& net, const EarlyStop& stop, Frame& f, std::optional<int64_t> patience, const char* early,
                        const char* asked) {
    if (stop.bestWeights.empty()) return false;
    net.body->loadStateDict(stop.bestWeights);
    f.notes.emplace_back(patience ? early : asked,
                         std::vector<std::string>{std::to_string(stop.bestAt), fmt(stop.best), std::to_string(patience.value_or(0))},
                         Note::Level::Tell);
    return true;
}

// ---------------------------------------------------------------- the plane
class Plane {
public:
    Plane(const Params& p, uint64_t seed, Device device, Generator& init) : m_device(device), m_gen(seed ^ 0x5851f42d4c957f2dull) {
        Generator data(seed ^ 0x2545f4914f6cdd1dull);
        const std::string& kind = p.text("dataset");
        const double noise = p.number("noise");
        auto draw = [&](int64_t n) {
            if (kind == "moons") return lessons::twoMoons(n, data, noise);
            if (kind == "circles") return lessons::twoCircles(n, data, noise * 0.5);
            if (kind == "xor") return lessons::xorSquares(n, data, noise * 0.5);
            return lessons::twoSpirals(n, data, noise * 0.2);
        };
        lessons::ToyData train = draw(p.integer("points"));
        lessons::ToyData val = draw(kValPoints);
        m_x = train.x.contiguous().toVector(), m_y = train.y.contiguous().toVector();
        m_valX = val.x, m_valY = val.y;
        // The view: every point with a margin, square (one unit as long on both axes).
        std::vector<float> all = m_valX.toVector();
        all.insert(all.end(), m_x.begin(), m_x.end());
        double x0 = 1e9, x1 = -1e9, y0 = 1e9, y1 = -1e9;
        for (std::size_t i = 0; i + 1 < all.size(); i += 2) {
            x0 = std::min(x0, double(all[i])), x1 = std::max(x1, double(all[i]));
            y0 = std::min(y0, double(all[i + 1])), y1 = std::max(y1, double(all[i + 1]));
        }
        const double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, half = std::max(x1 - x0, y1 - y0) / 2 + 0.25;
        m_extent = {cx - half, cx + half, cy - half, cy + half};
        std::vector<float> grid(static_cast<std::size_t>(kGrid * kGrid * 2));
        for (int64_t r = 0; r < kGrid; ++r)
            for (int64_t c = 0; c < kGrid; ++c) {
                grid[std::size_t((r * kGrid + c) * 2)] = float(gridX(c));
                grid[std::size_t((r * kGrid + c) * 2 + 1)] = float(gridY(r));
            }
        m_grid = fromData(grid, {kGrid * kGrid, 2});
        m_net = generalization::planeMlp(p.integer("depth"), p.integer("width"), p.number("lr"), regularisation(p), init, m_gen);
        m_net.body->to(device);
    }

    int64_t size() const { return int64_t(m_y.size()); }
    bool halted() const { return m_stop.halted; }
    // One training step (unless early stopping has halted this network, or it diverged: `watch`'s
    // part kPlanePart), then an evaluation every kPlaneEvalEvery steps.
    void step(const Params& p, int64_t step, Frame& f, lessons::DivergenceWatch& watch) {
        if (m_stop.halted) {
            if (!p.flag("stop_early")) m_stop.halted = false;  // switched off: training goes on
            else return;
        }
        if (watch.stopped(kPlanePart)) return;
        const std::vector<int64_t> idx = m_order.next(size(), std::min(p.integer("batch"), size()), m_gen);
        std::vector<float> bx, by;
        for (int64_t i : idx) {
            bx.push_back(m_x[std::size_t(2 * i)]), bx.push_back(m_x[std::size_t(2 * i + 1)]);
            by.push_back(m_y[std::size_t(i)]);
        }
        const int64_t n = int64_t(idx.size());
        const double loss = m_net.trainStep(fromData(bx, {n, 2}).to(m_device), fromData(by, {n}).to(m_device), p.number("l1"));
        if (watch.check(kPlanePart, loss, step, p.number("lr"), f)) return;  // no evaluation of NaN weights
        if (step % kPlaneEvalEvery == 0) evaluate(p, step, f);
    }

    void evaluate(const Params& p, int64_t step, Frame& f) {
        measure();
        if (std::isfinite(m_valLoss) && m_stop.observe(m_valLoss, step, step, p.integer("patience"), m_net)) {
            f.markers.push_back({"plane.best", m_stop.bestStep, ""});
            f.markers.push_back({"plane.stop", m_stop.stopStep, ""});
            if (p.flag("stop_early")) halt(p, f);
        } else if (p.flag("stop_early") && m_stop.stopStep >= 0 && !m_stop.halted) {
            halt(p, f);  // stop_early switched on after the patience had run out
        }
        figures(f);
        boundary(f);
    }

    // Loss and accuracy on the training and the validation points, in eval mode.
    void measure() {
        NoGradGuard ng;
        m_net.body->eval();
        auto on = [&](const Tensor& x, const Tensor& y) {
            Tensor logits = (*m_net.body)(x.to(m_device));
            const double loss = crossEntropy(logits, y.to(m_device)).item();
            std::vector<float> pred = argmax(logits, 1).toVector(), yy = y.toVector();
            int64_t right = 0;
            for (std::size_t i = 0; i < yy.size(); ++i) right += pred[i] == yy[i];
            return std::pair{loss, double(right) / double(yy.size())};
        };
        const int64_t n = size();
        std::tie(m_trainLoss, m_trainAcc) = on(fromData(m_x, {n, 2}), fromData(m_y, {n}));
        std::tie(m_valLoss, m_valAcc) = on(m_valX, m_valY);
    }
    void figures(Frame& f) const {
        f.scalar("plane.train_loss", m_trainLoss), f.scalar("plane.val_loss", m_valLoss);
        f.scalar("plane.train_accuracy", m_trainAcc), f.scalar("plane.val_accuracy", m_valAcc);
    }

    // The probability of class 1 over the plane, as an image (row 0 at the top) whose CSV gives
    // the grid's coordinates.
    void boundary(Frame& f) {
        NoGradGuard ng;
        m_net.body->eval();
        std::vector<float> prob = softmax((*m_net.body)(m_grid.to(m_device)), 1).toVector();
        std::vector<float> field(static_cast<std::size_t>(kGrid * kGrid));
        for (int64_t i = 0; i < kGrid * kGrid; ++i) field[std::size_t(i)] = prob[std::size_t(2 * i + 1)];
        Image img{"boundary", fromData(field, {kGrid, kGrid})};
        img.extent = m_extent;
        img.range = {0.0, 1.0};  // 0.5, the boundary, in the colour map's middle
        for (int64_t r = 0; r < kGrid; ++r) img.rowLabels.push_back(fmt(gridY(r), 4));
        for (int64_t c = 0; c < kGrid; ++c) img.colLabels.push_back(fmt(gridX(c), 4));
        f.images.push_back(std::move(img));
    }

    void points(Frame& f) const {
        Series s{"points", {"set"}, {"x", "y", "label"}, {}, {}, Series::Mode::Replace};
        for (int64_t i = 0; i < size(); ++i)
            s.addRow({"train"}, {m_x[std::size_t(2 * i)], m_x[std::size_t(2 * i + 1)], m_y[std::size_t(i)]});
        std::vector<float> vx = m_valX.toVector(), vy = m_valY.toVector();
        for (std::size_t i = 0; i < vy.size(); ++i) s.addRow({"validation"}, {vx[2 * i], vx[2 * i + 1], vy[i]});
        f.series.push_back(std::move(s));
    }

    // "add X Y CLASS" or "remove X Y" (the training point nearest to (X, Y), within a tenth of the view).
    void edit(const std::string& command, Frame& f) {
        std::istringstream in(command);
        std::string verb;
        double x = NAN, y = NAN, cls = 0;
        in >> verb >> x >> y;
        GL_CHECK(!in.fail() && std::isfinite(x) && std::isfinite(y), "generalization: a point edit is \"add X Y CLASS\" or \"remove X Y\", got '",
                 command, "'");
        GL_CHECK(x >= m_extent[0] && x <= m_extent[1] && y >= m_extent[2] && y <= m_extent[3],
                 "generalization: (", fmt(x), ", ", fmt(y), ") is outside the picture");
        if (verb == "add") {
            in >> cls;
            GL_CHECK(!in.fail() && (cls == 0 || cls == 1), "generalization: the class of an added point is 0 or 1, in '", command, "'");
            GL_CHECK(size() < kMaxPoints, "generalization: there are ", kMaxPoints, " training points already");
            m_x.push_back(float(x)), m_x.push_back(float(y)), m_y.push_back(float(cls));
        } else {
            GL_CHECK(verb == "remove", "generalization: a point edit is \"add X Y CLASS\" or \"remove X Y\", got '", command, "'");
            GL_CHECK(size() > 2, "generalization: keep at least 2 training points");
            int64_t best = -1;
            double bestD = (m_extent[1] - m_extent[0]) / 10;
            for (int64_t i = 0; i < size(); ++i) {
                const double d = std::hypot(m_x[std::size_t(2 * i)] - x, m_x[std::size_t(2 * i + 1)] - y);
                if (d <= bestD) bestD = d, best = i;
            }
            GL_CHECK(best >= 0, "generalization: no training point near (", fmt(x), ", ", fmt(y), ")");
            m_x.erase(m_x.begin() + 2 * best, m_x.begin() + 2 * best + 2);
            m_y.erase(m_y.begin() + best);
        }
        m_order = {};  // a new order over the new set at the next step
        points(f);
    }

    void set(const std::string& key, const Params& p) {
        if (key == "lr") m_net.opt->setOption("lr", p.number("lr"));
        if (key == "weight_decay" || key == "dropout") m_net.setRegularisation(regularisation(p));
    }

    // Puts the best weights back (and measures them); false when there are none yet. Without
    // `patience` the student asked for it (Restore best weights), with it early stopping did.
    bool restoreBest(Frame& f, std::optional<int64_t> patience = std::nullopt) {
        if (!restoreBestWeights(m_net, m_stop, f, patience,
                                QT_TRANSLATE_NOOP("generalization",
                                                  "Early stopping: the validation loss of the points has not improved "
                                                  "for %3 steps, so the points' network has its weights of step %1 "
                                                  "again (validation loss %2)."),
                                QT_TRANSLATE_NOOP("generalization",
                                                  "Restored: the points' network has its weights of step %1 again "
                                                  "(validation loss %2).")))
            return false;
        measure();
        return true;
    }

    void save(Checkpoint& ck) const {
        lessons::saveModelAndOptimizer(ck, *m_net.body, *m_net.opt, "plane.");
        for (const auto& [name, t] : m_stop.bestWeights) ck.tensors.emplace_back("plane.best." + name, t);
        ck.tensors.emplace_back("plane.points.x", fromData(m_x, {size(), 2}));
        ck.tensors.emplace_back("plane.points.y", fromData(m_y, {size()}));
        ck.meta["plane"] = {{"rng", generatorStateToJson(m_gen.state())}, {"order", m_order.toJson()},
                            {"early_stop", m_stop.toJson()}, {"figures", figuresNow().toJson()}};
    }

    // Checks everything and returns what load() then applies.
    struct Loaded {
        lessons::SavedTraining training;
        std::vector<float> x, y;
        Order order;
        EarlyStop stop;
        Generator::State rng;
        Figures figures;
    };
    Loaded check(const Checkpoint& ck) const {
        Loaded l;
        GL_CHECK(ck.meta.contains("plane") && ck.meta.at("plane").is_object(), "generalization: the checkpoint has no \"plane\" state");
        const nlohmann::json& j = ck.meta.at("plane");
        l.training = lessons::readModelAndOptimizer(ck, *m_net.body, "plane.");
        const Tensor* px = nullptr;
        for (const auto& [name, t] : ck.tensors)
            if (name == "plane.points.x") px = &t;
        GL_CHECK(px && px->dim() == 2 && px->shape()[1] == 2 && px->shape()[0] >= 2 && px->shape()[0] <= kMaxPoints,
                 "generalization: the checkpoint's plane.points.x must be (N, 2) with 2 <= N <= ", kMaxPoints);
        const int64_t n = px->shape()[0];
        l.x = ck.tensor("plane.points.x", {n, 2}).contiguous().toVector();
        l.y = ck.tensor("plane.points.y", {n}).contiguous().toVector();
        for (float v : l.x) GL_CHECK(std::isfinite(v) && std::fabs(v) < 1e3, "generalization: a saved training point is not a finite position");
        for (float v : l.y) GL_CHECK(v == 0.0f || v == 1.0f, "generalization: a saved training point's class is not 0 or 1");
        GL_CHECK(j.contains("order") && j.contains("early_stop") && j.contains("rng") && j.contains("figures"),
                 "generalization: the checkpoint's plane state is incomplete");
        l.figures = Figures::fromJson(j.at("figures"), "plane");
        l.order = Order::fromJson(j.at("order"), n, "generalization: plane");
        l.stop.fromJson(j.at("early_stop"), "plane.early_stop");
        l.stop.bestWeights = readBest(ck, "plane.best.", m_net, l.stop.bestStep >= 0);
        l.rng = generatorStateFromJson(j.at("rng"));
        return l;
    }
    void load(Loaded l, const Checkpoint& ck, const Params& p) {
        lessons::applyTraining(l.training, ck, *m_net.body, *m_net.opt, "plane.");
        m_x = std::move(l.x), m_y = std::move(l.y);
        m_order = std::move(l.order);
        m_stop = std::move(l.stop);
        m_gen.setState(l.rng);
        setFigures(l.figures);
        m_net.opt->setOption("lr", p.number("lr"));
        m_net.setRegularisation(regularisation(p));
    }

    void summary(nlohmann::json& j) const {
        j["train_accuracy"] = m_trainAcc, j["val_accuracy"] = m_valAcc;
        j["gap"] = m_trainAcc - m_valAcc;
        j["train_loss"] = m_trainLoss, j["val_loss"] = m_valLoss;
        j["training_points"] = size();
        j["best_step"] = m_stop.bestStep;
        j["best_val_loss"] = m_stop.bestStep >= 0 ? nlohmann::json(m_stop.best) : nlohmann::json(nullptr);
        j["early_stop_step"] = m_stop.stopStep >= 0 ? nlohmann::json(m_stop.stopStep) : nlohmann::json(nullptr);
    }
    int64_t parameters() const { return m_net.body->numParameters(); }

private:
    double gridX(int64_t c) const { return m_extent[0] + (double(c) + 0.5) * (m_extent[1] - m_extent[0]) / double(kGrid); }
    double gridY(int64_t r) const { return m_extent[3] - (double(r) + 0.5) * (m_extent[3] - m_extent[2]) / double(kGrid); }

    void halt(const Params& p, Frame& f) {
        m_stop.halted = true;
        restoreBest(f, p.integer("patience"));
    }

    Device m_device;
    Generator m_gen;  // batches and dropout
    std::vector<float> m_x, m_y;  // training points (N, 2) and classes, edits included
    Tensor m_valX, m_valY, m_grid;
    std::vector<double> m_extent;
    Net m_net;
    Order m_order;
    EarlyStop m_stop;
    double m_trainLoss = NAN, m_valLoss = NAN, m_trainAcc = NAN, m_valAcc = NAN;
    Figures figuresNow() const { return {m_trainLoss, m_valLoss, m_trainAcc, m_valAcc}; }
    void setFigures(const Figures& g) { m_trainLoss = g.trainLoss, m_valLoss = g.valLoss, m_trainAcc = g.trainAcc, m_valAcc = g.valAcc; }
};

// ---------------------------------------------------------------- the images
class Pictures {
public:
    Pictures(const Params& p, uint64_t seed, Device device, Generator& init)
        : Pictures(p, seed, device, init, findDataset("fashion-mnist")) {}
    Pictures(const Params& p, uint64_t seed, Device device, Generator& init, const FoundDataset& found)
        : m_device(device), m_gen(seed ^ 0x9e3779b97f4a7c15ull), m_dataNotes(found) {
        const ImageDataset& full = found.data.train;
        // Validation pictures and a disjoint training subset, drawn by the seed.
        Generator pick(seed ^ 0xd1b54a32d192ed03ull);
        std::vector<int64_t> perm = permutation(full.size(), pick);
        const int64_t nVal = std::min(kValImages, full.size() / 3);
        const int64_t nTrain = std::min(p.integer("train_images"), full.size() - nVal);
        m_val = subset(full, std::span<const int64_t>(perm.data(), std::size_t(nVal)));
        m_train = subset(full, std::span<const int64_t>(perm.data() + nVal, std::size_t(nTrain)));
        m_val.split = "validation";
        m_pre = Preprocess::normalized(full);  // the whole training file's mean and std
        m_background = (0.0f - m_pre.mean) / m_pre.std;
        m_net = generalization::imageNet(p.text("model"), p.text("norm"), p.number("images.lr"), regularisation(p), init, m_gen);
        m_net.body->to(device);
        m_classNames = full.classNames;
    }

    const lessons::DataNotes& dataNotes() const { return m_dataNotes; }
    bool done(const Params& p) const { return m_stop.halted || m_epochsDone >= p.integer("epochs"); }
    int64_t batchesPerEpoch(int64_t batch) const { return (m_train.size() + batch - 1) / batch; }

    // One training step unless the epochs are done, early stopping halted it or it diverged
    // (`watch`'s part kPicturesPart).
    void step(const Params& p, int64_t step, Frame& f, lessons::DivergenceWatch& watch) {
        if (m_stop.halted && !p.flag("stop_early")) m_stop.halted = false;
        if (done(p) || watch.stopped(kPicturesPart)) return;
        const std::vector<int64_t> idx = m_order.next(m_train.size(), p.integer("batch"), m_gen);
        Batch b = makeBatch(m_train, idx, m_pre);
        Tensor x = b.images.contiguous();
        generalization::augment(x, Augmentation::fromSet(p.set("augment")), m_background, m_gen);
        // BatchNorm needs two pictures per batch: a lone last one is left out.
        if (int64_t(idx.size()) >= 2 || p.text("norm") != "batch") {
            const double loss = m_net.trainStep(x.to(m_device), b.labels.to(m_device), p.number("l1"));
            if (watch.check(kPicturesPart, loss, step, p.number("images.lr"), f)) return;  // no evaluation of NaN weights
        }
        if (m_order.epochDone()) {
            evaluate(p, step, m_epochsDone + 1, f);
            preview(p, f, m_epochsDone);
        }
    }

    void evaluate(const Params& p, int64_t step, int64_t epoch, Frame& f) {
        measure();
        m_epochsDone = epoch;
        if (std::isfinite(m_valLoss) && m_stop.observe(m_valLoss, step, epoch, p.integer("images.patience"), m_net)) {
            f.markers.push_back({"images.best", m_stop.bestStep, ""});
            f.markers.push_back({"images.stop", m_stop.stopStep, ""});
            if (p.flag("stop_early")) halt(p, f);
        } else if (p.flag("stop_early") && m_stop.stopStep >= 0 && !m_stop.halted) {
            halt(p, f);
        }
        figures(f);
        f.scalar("images.epoch", double(epoch));
        const std::vector<double> norms = m_net.weightNorms();
        for (std::size_t i = 0; i < norms.size(); ++i) {
            std::string key = m_net.weights[i].first;
            std::replace(key.begin(), key.end(), ' ', '_');
            f.scalar("images.weight_norm." + key, norms[i]);
        }
    }
    void measure() {
        std::tie(m_trainLoss, m_trainAcc) = measure(m_train);
        std::tie(m_valLoss, m_valAcc) = measure(m_val);
    }
    void figures(Frame& f) const {
        f.scalar("images.train_loss", m_trainLoss), f.scalar("images.val_loss", m_valLoss);
        f.scalar("images.train_accuracy", m_trainAcc), f.scalar("images.val_accuracy", m_valAcc);
    }

    // The first training picture and kPreview - 1 augmented variants of it (a fixed stream per
    // epoch: it does not disturb training).
    void preview(const Params& p, Frame& f, int64_t epoch) const {
        std::vector<int64_t> idx(static_cast<std::size_t>(kPreview), 0);
        Tensor x = makeBatch(m_train, idx, m_pre).images.contiguous();
        Tensor rest = x.slice(0, 1, kPreview).contiguous();
        Generator g(0x51ed2701ull + uint64_t(epoch));
        generalization::augment(rest, Augmentation::fromSet(p.set("augment")), m_background, g);
        std::vector<float> out = x.slice(0, 0, 1).contiguous().toVector(), more = rest.toVector();
        out.insert(out.end(), more.begin(), more.end());
        for (float& v : out) v = v * m_pre.std + m_pre.mean;  // back to [0, 1] for display
        f.images.push_back({"augmented", fromData(out, {kPreview, m_train.height, m_train.width})});
        f.scalar("images.preview_label", double(m_train.labels[0]));
    }

    void set(const std::string& key, const Params& p) {
        if (key == "images.lr") m_net.opt->setOption("lr", p.number("images.lr"));
        if (key == "weight_decay" || key == "dropout") m_net.setRegularisation(regularisation(p));
    }

    // As Plane::restoreBest, in epochs.
    bool restoreBest(Frame& f, std::optional<int64_t> patience = std::nullopt) {
        if (!restoreBestWeights(m_net, m_stop, f, patience,
                                QT_TRANSLATE_NOOP("generalization",
                                                  "Early stopping: the validation loss of the pictures has not "
                                                  "improved for %3 epochs, so the picture network has its weights of "
                                                  "epoch %1 again (validation loss %2)."),
                                QT_TRANSLATE_NOOP("generalization",
                                                  "Restored: the picture network has its weights of epoch %1 again "
                                                  "(validation loss %2).")))
            return false;
        measure();
        return true;
    }

    void save(Checkpoint& ck) const {
        lessons::saveModelAndOptimizer(ck, *m_net.body, *m_net.opt, "images.");
        for (const auto& [name, t] : m_stop.bestWeights) ck.tensors.emplace_back("images.best." + name, t);
        ck.meta["images"] = {{"rng", generatorStateToJson(m_gen.state())}, {"order", m_order.toJson()},
                             {"early_stop", m_stop.toJson()}, {"epochs_done", m_epochsDone},
                             {"figures", figuresNow().toJson()}};
        lessons::saveInputDescription(ck, m_train.name, m_pre);
    }

    struct Loaded {
        lessons::SavedTraining training;
        Order order;
        EarlyStop stop;
        Generator::State rng;
        int64_t epochsDone = 0;
        Figures figures;
    };
    Loaded check(const Checkpoint& ck) const {
        Loaded l;
        GL_CHECK(ck.meta.contains("images") && ck.meta.at("images").is_object(), "generalization: the checkpoint has no \"images\" state");
        const nlohmann::json& j = ck.meta.at("images");
        GL_CHECK(j.contains("order") && j.contains("early_stop") && j.contains("rng") && j.contains("epochs_done") &&
                     j.at("epochs_done").is_number_integer() && j.contains("figures"),
                 "generalization: the checkpoint's images state is incomplete");
        l.figures = Figures::fromJson(j.at("figures"), "images");
        l.training = lessons::readModelAndOptimizer(ck, *m_net.body, "images.");
        l.order = Order::fromJson(j.at("order"), m_train.size(), "generalization: images");
        l.stop.fromJson(j.at("early_stop"), "images.early_stop");
        l.stop.bestWeights = readBest(ck, "images.best.", m_net, l.stop.bestStep >= 0);
        l.rng = generatorStateFromJson(j.at("rng"));
        l.epochsDone = lessons::wholeNumber(j.at("epochs_done"), 0, lessons::kMaxSavedStep, "generalization: the checkpoint's images.epochs_done");
        return l;
    }
    void load(Loaded l, const Checkpoint& ck, const Params& p) {
        lessons::applyTraining(l.training, ck, *m_net.body, *m_net.opt, "images.");
        m_order = std::move(l.order);
        m_stop = std::move(l.stop);
        m_gen.setState(l.rng);
        m_epochsDone = l.epochsDone;
        setFigures(l.figures);
        m_net.opt->setOption("lr", p.number("images.lr"));
        m_net.setRegularisation(regularisation(p));
    }

    void summary(nlohmann::json& j) const {
        j["images_train_accuracy"] = m_trainAcc, j["images_val_accuracy"] = m_valAcc;
        j["images_train_loss"] = m_trainLoss, j["images_val_loss"] = m_valLoss;
        j["images_epochs"] = m_epochsDone;
        j["images_training_pictures"] = m_train.size();
        j["images_best_epoch"] = m_stop.bestStep >= 0 ? nlohmann::json(m_stop.bestAt) : nlohmann::json(nullptr);
        j["images_best_val_loss"] = m_stop.bestStep >= 0 ? nlohmann::json(m_stop.best) : nlohmann::json(nullptr);
        j["images_early_stop_epoch"] = m_stop.stopAt >= 0 ? nlohmann::json(m_stop.stopAt) : nlohmann::json(nullptr);
        j["images_dataset"] = m_train.name;
    }
    int64_t parameters() const { return m_net.body->numParameters(); }

private:
    std::pair<double, double> measure(const ImageDataset& ds) {
        const lessons::Evaluation e = lessons::evaluate(*m_net.body, ds, m_pre, m_device, kEvalChunk);
        return {e.loss, e.accuracy};
    }
    void halt(const Params& p, Frame& f) {
        m_stop.halted = true;
        restoreBest(f, p.integer("images.patience"));
    }

    Device m_device;
    Generator m_gen;  // order, augmentation, dropout
    lessons::DataNotes m_dataNotes;
    ImageDataset m_train, m_val;
    std::vector<std::string> m_classNames;
    Preprocess m_pre;
    float m_background = 0;
    Net m_net;
    Order m_order;
    EarlyStop m_stop;
    int64_t m_epochsDone = 0;
    double m_trainLoss = NAN, m_valLoss = NAN, m_trainAcc = NAN, m_valAcc = NAN;
    Figures figuresNow() const { return {m_trainLoss, m_valLoss, m_trainAcc, m_valAcc}; }
    void setFigures(const Figures& g) { m_trainLoss = g.trainLoss, m_valLoss = g.valLoss, m_trainAcc = g.trainAcc, m_valAcc = g.valAcc; }
};

// ---------------------------------------------------------------- the run
class GeneralizationRun final : public Run {
public:
    GeneralizationRun(const Params& params, uint64_t seed, Device device)
        : m_params(params), m_init(seed), m_plane(params, seed, device, m_init), m_pictures(params, seed, device, m_init) {}

    void start(Sink& sink) override {
        Frame f{.step = m_step};
        m_pictures.dataNotes().push(f);
        m_plane.points(f);
        m_plane.evaluate(m_params, m_step, f);
        m_pictures.preview(m_params, f, 0);
        f.scalar("plane.parameters", double(m_plane.parameters()));
        f.scalar("images.parameters", double(m_pictures.parameters()));
        sink.push(std::move(f));
    }

    void resync(Sink& sink) override {
        Frame f{.step = m_step};
        m_plane.points(f);
        m_plane.boundary(f);
        m_pictures.preview(m_params, f, m_step);
        f.scalar("plane.parameters", double(m_plane.parameters()));
        f.scalar("images.parameters", double(m_pictures.parameters()));
        sink.push(std::move(f));
    }

    void step(Sink& sink) override {
        ++m_step;
        Frame f{.step = m_step};
        // A note on one network's divergence says whether the other still trains.
        m_watch.setTraining(kPlanePart, !m_plane.halted());
        m_watch.setTraining(kPicturesPart, !m_pictures.done(m_params));
        m_plane.step(m_params, m_step, f, m_watch);
        m_pictures.step(m_params, m_step, f, m_watch);
        sink.push(std::move(f));
    }

    int64_t stepCount() const override { return m_step; }
    bool finished() const override {
        return (m_plane.halted() || m_watch.stopped(kPlanePart)) &&
               (m_pictures.done(m_params) || m_watch.stopped(kPicturesPart));
    }

    void set(const std::string& key, const ParamValue& value, Sink& sink) override {
        Frame f{.step = m_step};
        if (key == "point") {
            m_plane.edit(value.text, f);  // throws for a bad command: nothing changed
        } else if (key == "restore_best") {
            const bool a = m_plane.restoreBest(f);
            const bool b = m_pictures.restoreBest(f);
            if (!a && !b)
                f.notes.emplace_back(QT_TRANSLATE_NOOP("generalization", "There are no best weights yet: nothing has been evaluated."),
                                     std::vector<std::string>{}, Note::Level::Tell);
            if (a) m_plane.figures(f), m_plane.boundary(f);
            if (b) m_pictures.figures(f);
        } else {
            m_params.assign(key, value);
            m_plane.set(key, m_params);
            m_pictures.set(key, m_params);
            if (key == "augment") m_pictures.preview(m_params, f, m_step);
        }
        sink.push(std::move(f));
    }

    void save(Checkpoint& ck) const override {
        ck.meta["step"] = m_step;
        m_plane.save(ck);
        m_pictures.save(ck);
    }

    void load(const Checkpoint& ck) override {
        // Check and parse everything first; only then change the run.
        const int64_t step = lessons::savedStep(ck, "generalization");
        Plane::Loaded plane = m_plane.check(ck);
        Pictures::Loaded pictures = m_pictures.check(ck);
        m_plane.load(std::move(plane), ck, m_params);
        m_pictures.load(std::move(pictures), ck, m_params);
        m_step = step;
    }

    nlohmann::json summary() const override {
        nlohmann::json j = nlohmann::json::object();
        m_plane.summary(j);
        m_pictures.summary(j);
        return j;
    }

private:
    Params m_params;
    int64_t m_step = 0;
    Generator m_init;  // the networks' initial weights
    Plane m_plane;
    Pictures m_pictures;
    // A diverged network stops training (the watch is not saved: NaN weights are refused on load).
    lessons::DivergenceWatch m_watch{{QT_TRANSLATE_NOOP("generalization", "The points' network"),
                                      QT_TRANSLATE_NOOP("generalization", "The picture network")}};
};

}  // namespace

LessonSpec generalizationLesson() {
    LessonSpec s{.id = "generalization",
                 .title = QT_TRANSLATE_NOOP("lessons", "Overfitting and its cures"),
                 .summary = QT_TRANSLATE_NOOP("lessons", "A network learns its training data by heart: weight decay, dropout, augmentation and early stopping"),
                 .headline = "plane.val_accuracy", .headlineTitle = QT_TRANSLATE_NOOP("generalization", "validation accuracy"),
                 .defaultSteps = 3000};
    s.params = grouped({
        {QT_TRANSLATE_NOOP("generalization", "Regularisation"), {
            ParamSpec::number("weight_decay", QT_TRANSLATE_NOOP("generalization", "weight decay (L2)"), 0, 0.3, 0)
                .about(QT_TRANSLATE_NOOP("generalization", "Adam's weight decay: weight_decay × w is added to every parameter's gradient, pulling the weights towards 0.")),
            ParamSpec::number("l1", QT_TRANSLATE_NOOP("generalization", "L1 penalty"), 0, 0.03, 0)
                .about(QT_TRANSLATE_NOOP("generalization", "Adds l1 × the sum of |w| over the layers' weights to the loss: it drives many weights to (almost) zero.")),
            ParamSpec::number("dropout", QT_TRANSLATE_NOOP("generalization", "dropout p"), 0, 0.8, 0)
                .about(QT_TRANSLATE_NOOP("generalization", "In training, each hidden unit is switched off with probability p and the others are scaled by 1/(1-p); nothing is dropped in evaluation.")),
            ParamSpec::integer("batch", QT_TRANSLATE_NOOP("generalization", "batch size"), 1, 1000, 32)
                .about(QT_TRANSLATE_NOOP("generalization", "Examples per step (the points use at most all of theirs). Small batches make noisy steps, which also regularise.")),
            ParamSpec::flag("stop_early", QT_TRANSLATE_NOOP("generalization", "stop early"), false)
                .about(QT_TRANSLATE_NOOP("generalization", "Stop a network once its validation loss has not improved for `patience`, and give it back its best weights.")),
            ParamSpec::action("restore_best", QT_TRANSLATE_NOOP("generalization", "Restore best weights"))
                .about(QT_TRANSLATE_NOOP("generalization", "Gives both networks the weights they had at their lowest validation loss so far.")),
        }},
        {QT_TRANSLATE_NOOP("generalization", "Points (2-D)"), {
            ParamSpec::choice("dataset", QT_TRANSLATE_NOOP("generalization", "data set"), {"moons", "spirals", "xor", "circles"}, "moons")
                .about(QT_TRANSLATE_NOOP("generalization", "The two classes of points."))
                .shownAs({{"moons", QT_TRANSLATE_NOOP("generalization", "two moons")}, {"spirals", QT_TRANSLATE_NOOP("generalization", "two spirals")},
                          {"xor", QT_TRANSLATE_NOOP("generalization", "XOR quadrants")}, {"circles", QT_TRANSLATE_NOOP("generalization", "two circles")}})
                .onReset(),
            ParamSpec::integer("points", QT_TRANSLATE_NOOP("generalization", "training points"), 10, 1000, 30)
                .about(QT_TRANSLATE_NOOP("generalization", "How many points the network learns from; 1,000 others validate it."))
                .onReset(),
            ParamSpec::number("noise", QT_TRANSLATE_NOOP("generalization", "noise"), 0, 1, 0.3)
                .about(QT_TRANSLATE_NOOP("generalization", "How far points stray from their class's shape (the std of the jitter, in units of the shape's size): noisy classes overlap."))
                .onReset(),
            ParamSpec::integer("depth", QT_TRANSLATE_NOOP("generalization", "hidden layers"), 1, 6, 3)
                .onReset(),
            ParamSpec::integer("width", QT_TRANSLATE_NOOP("generalization", "units per layer"), 2, 256, 64)
                .onReset(),
            ParamSpec::number("lr", QT_TRANSLATE_NOOP("generalization", "learning rate"), 1e-4, 0.3, 1e-2)
                .about(QT_TRANSLATE_NOOP("generalization", "Adam's step size for the points' network."))
                .log(),
            ParamSpec::integer("patience", QT_TRANSLATE_NOOP("generalization", "patience"), 10, 5000, 300)
                .about(QT_TRANSLATE_NOOP("generalization", "Steps without a better validation loss after which early stopping stops."))
                .measuredIn(QT_TRANSLATE_NOOP("generalization", "steps")),
            ParamSpec::action("point", QT_TRANSLATE_NOOP("generalization", "edit the training points"))
                .about(QT_TRANSLATE_NOOP("generalization", "\"add X Y CLASS\" or \"remove X Y\": the page sends these when you click on the picture."))
                .fromPage(),
        }},
        {QT_TRANSLATE_NOOP("generalization", "Images"), {
            ParamSpec::choice("model", QT_TRANSLATE_NOOP("generalization", "network"), {"mlp", "cnn"}, "mlp")
                .about(QT_TRANSLATE_NOOP("generalization", "mlp: 784-256-256-10; cnn: two 3×3 convolutions (16 and 32 channels) with pooling, then 128 units."))
                .shownAs({{"mlp", "MLP"}, {"cnn", "CNN"}})
                .onReset(),
            ParamSpec::integer("train_images", QT_TRANSLATE_NOOP("generalization", "training pictures"), 100, 20000, 1000)
                .about(QT_TRANSLATE_NOOP("generalization", "A small subset of Fashion-MNIST, so that the network can learn it by heart; 2,000 others validate."))
                .onReset(),
            ParamSpec::choice("norm", QT_TRANSLATE_NOOP("generalization", "normalisation"), {"none", "batch", "layer"}, "none")
                .about(QT_TRANSLATE_NOOP("generalization", "BatchNorm or LayerNorm after each hidden layer, before the ReLU."))
                .shownAs({{"none", QT_TRANSLATE_NOOP("generalization", "none")}, {"batch", "BatchNorm"}, {"layer", "LayerNorm"}})
                .onReset(),
            ParamSpec::subset("augment", QT_TRANSLATE_NOOP("generalization", "augmentation"), {"shift", "flip", "rotate"}, "")
                .about(QT_TRANSLATE_NOOP("generalization", "Random changes to each training picture each time it is used: shift up to 2 pixels, mirror left-right, turn up to 10°."))
                .shownAs({{"shift", QT_TRANSLATE_NOOP("generalization", "shift")}, {"flip", QT_TRANSLATE_NOOP("generalization", "mirror")},
                          {"rotate", QT_TRANSLATE_NOOP("generalization", "turn")}}),
            ParamSpec::number("images.lr", QT_TRANSLATE_NOOP("generalization", "learning rate"), 1e-5, 0.03, 1e-3)
                .about(QT_TRANSLATE_NOOP("generalization", "Adam's step size for the pictures' network."))
                .log(),
            ParamSpec::integer("epochs", QT_TRANSLATE_NOOP("generalization", "epochs"), 1, 200, 20)
                .about(QT_TRANSLATE_NOOP("generalization", "Passes over the training pictures; then this network stops.")),
            ParamSpec::integer("images.patience", QT_TRANSLATE_NOOP("generalization", "patience"), 1, 100, 3)
                .about(QT_TRANSLATE_NOOP("generalization", "Epochs without a better validation loss after which early stopping stops."))
                .measuredIn(QT_TRANSLATE_NOOP("generalization", "epochs")),
        }},
    });
    const char* kStep = QT_TRANSLATE_NOOP("generalization", "step");
    const char* kLoss = QT_TRANSLATE_NOOP("generalization", "cross-entropy");
    const char* kAcc = QT_TRANSLATE_NOOP("generalization", "accuracy");
    s.outputs = {
        OutputSpec::scalar("plane.train_loss", QT_TRANSLATE_NOOP("generalization", "Loss on the training points")).axes(kStep, kLoss),
        OutputSpec::scalar("plane.val_loss", QT_TRANSLATE_NOOP("generalization", "Loss on the validation points")).axes(kStep, kLoss),
        OutputSpec::scalar("plane.train_accuracy", QT_TRANSLATE_NOOP("generalization", "Accuracy on the training points")).axes(kStep, kAcc),
        OutputSpec::scalar("plane.val_accuracy", QT_TRANSLATE_NOOP("generalization", "Accuracy on the validation points")).axes(kStep, kAcc),
        OutputSpec::scalar("plane.parameters", QT_TRANSLATE_NOOP("generalization", "Parameters of the points' network")),
        OutputSpec::markers("plane.best", QT_TRANSLATE_NOOP("generalization", "best")),
        OutputSpec::markers("plane.stop", QT_TRANSLATE_NOOP("generalization", "early stop")),
        OutputSpec::image("boundary", QT_TRANSLATE_NOOP("generalization", "Probability of class 1 (red)"), ColorMap::Diverging),
        OutputSpec::series("points", QT_TRANSLATE_NOOP("generalization", "Training and validation points")),
        OutputSpec::scalar("images.train_loss", QT_TRANSLATE_NOOP("generalization", "Loss on the training pictures")).axes(kStep, kLoss),
        OutputSpec::scalar("images.val_loss", QT_TRANSLATE_NOOP("generalization", "Loss on the validation pictures")).axes(kStep, kLoss),
        OutputSpec::scalar("images.train_accuracy", QT_TRANSLATE_NOOP("generalization", "Accuracy on the training pictures")).axes(kStep, kAcc),
        OutputSpec::scalar("images.val_accuracy", QT_TRANSLATE_NOOP("generalization", "Accuracy on the validation pictures")).axes(kStep, kAcc),
        OutputSpec::scalar("images.epoch", QT_TRANSLATE_NOOP("generalization", "Epochs completed")),
        OutputSpec::scalar("images.parameters", QT_TRANSLATE_NOOP("generalization", "Parameters of the pictures' network")),
        OutputSpec::scalar("images.weight_norm.*", QT_TRANSLATE_NOOP("generalization", "Weight norm of a layer")).axes(kStep, "‖W‖"),
        OutputSpec::scalar("images.preview_label", QT_TRANSLATE_NOOP("generalization", "Class of the augmented picture")),
        OutputSpec::markers("images.best", QT_TRANSLATE_NOOP("generalization", "best")),
        OutputSpec::markers("images.stop", QT_TRANSLATE_NOOP("generalization", "early stop")),
        OutputSpec::image("augmented", QT_TRANSLATE_NOOP("generalization", "One training picture as the network sees it"), ColorMap::Gray),
    };
    s.smoke = {{"train_images=100", "epochs=10", "images.patience=1", "images.lr=0.01", "patience=10"}, 200};
    s.make = [](const Params& p, uint64_t seed, Device d) -> std::unique_ptr<Run> {
        return std::make_unique<GeneralizationRun>(p, seed, d);
    };
    return s;
}

}  // namespace gradlab
