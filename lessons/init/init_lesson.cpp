// Weight initialisation: what each torch.nn.init scheme draws (histogram, mean, std next to the
// theory), and why it matters: activations pushed through a deep MLP shrink to zero, blow up
// or saturate unless the weights' scale fits the layer width and the nonlinearity.
#include <algorithm>
#include <cmath>
#include <set>

#include "engine/autograd/autograd.h"
#include "engine/core/error.h"
#include "engine/init/init.h"
#include "engine/io/checkpoint.h"
#include "engine/ops/ops.h"
#include "lessons/common/training_checkpoint.h"
#include "lessons/lesson.h"

namespace gradlab {
namespace {

const std::vector<std::string>& schemes() {
    static const std::vector<std::string> v = {"normal", "uniform", "xavier_uniform", "xavier_normal",
                                               "kaiming_uniform", "kaiming_normal", "orthogonal"};
    return v;
}

const std::vector<std::string>& activationChoices() {
    static const std::vector<std::string> v = {"tanh", "relu", "sigmoid", "leaky_relu", "gelu", "silu", "elu", "linear"};
    return v;
}

Tensor activate(const std::string& a, const Tensor& x) {
    if (a == "tanh") return tanh(x);
    if (a == "relu") return relu(x);
    if (a == "sigmoid") return sigmoid(x);
    if (a == "leaky_relu") return leakyRelu(x, 0.01f);
    if (a == "gelu") return gelu(x);
    if (a == "silu") return silu(x);
    if (a == "elu") return elu(x);
    return x;
}

// Running mean over the trials (steps) so far.
struct Avg {
    double sum = 0;
    int64_t n = 0;
    void add(double v) { sum += v, ++n; }
    double value() const { return n ? sum / double(n) : std::nan(""); }
};

class InitRun final : public Run {
public:
    InitRun(const Params& params, uint64_t seed) : m_params(params), m_gen(seed) {}

    void start(Sink& sink) override {
        Frame f{.step = 0};
        f.series.push_back(theoryCurves());
        sink.push(std::move(f));
    }

    void step(Sink& sink) override {
        Frame f;
        ++m_step;
        f.step = m_step;
        weightTrial(f);
        depthTrial(f);
        sink.push(std::move(f));
    }

    int64_t stepCount() const override { return m_step; }

    void set(const std::string& key, const ParamValue& value, Sink& sink) override {
        m_params.assign(key, value);
        // Any change starts the averages afresh: they describe one configuration.
        m_weightStats.clear();
        m_layerStats.clear();
        m_overflowSaid.clear();
        Frame f{.step = m_step};
        f.series.push_back(theoryCurves());
        sink.push(std::move(f));
    }

    void save(Checkpoint& ck) const override {
        auto avg = [](const Avg& a) { return nlohmann::json::array({a.sum, a.n}); };
        nlohmann::json weights = nlohmann::json::object(), layers = nlohmann::json::object();
        for (const auto& [scheme, acc] : m_weightStats) weights[scheme] = {avg(acc[0]), avg(acc[1])};
        for (const auto& [scheme, rows] : m_layerStats) {
            nlohmann::json r = nlohmann::json::array();
            for (const auto& a : rows) r.push_back({avg(a[0]), avg(a[1]), avg(a[2])});
            layers[scheme] = std::move(r);
        }
        lessons::saveProgress(ck, m_step, m_gen);
        ck.meta["weight_stats"] = std::move(weights);
        ck.meta["layer_stats"] = std::move(layers);
    }

    void load(const Checkpoint& ck) override {
        // Parse everything first; only then change the run.
        auto avg = [](const nlohmann::json& j) {  // [sum, count]: a sum (NaN and infinity saved as null) of count values
            GL_CHECK(j.is_array() && j.size() == 2 && (j[0].is_number() || j[0].is_null()),
                     "init: a statistic in the checkpoint is not a sum and a count");
            return Avg{j[0].is_null() ? std::nan("") : j[0].get<double>(),
                       lessons::wholeNumber(j[1], 0, lessons::kMaxSavedStep, "init: a statistic's count in the checkpoint")};
        };
        std::map<std::string, std::array<Avg, 2>> weights;
        std::map<std::string, std::vector<std::array<Avg, 3>>> layers;
        lessons::readSaved(ck, "init", "weight_stats", [&](const nlohmann::json& v) {
            for (const auto& item : v.items()) weights[item.key()] = {avg(item.value().at(0)), avg(item.value().at(1))};
            return 0;
        });
        lessons::readSaved(ck, "init", "layer_stats", [&](const nlohmann::json& v) {
            for (const auto& item : v.items())
                for (const auto& a : item.value()) layers[item.key()].push_back({avg(a.at(0)), avg(a.at(1)), avg(a.at(2))});
            return 0;
        });
        const lessons::SavedProgress progress = lessons::readProgress(ck, "init");
        m_step = progress.step;
        m_gen.setState(progress.rng);
        m_weightStats = std::move(weights);
        m_layerStats = std::move(layers);
    }

private:
    init::InitParams initParams() const {
        init::InitParams ip;
        ip.std = m_params.number("normal.std");
        ip.a = -m_params.number("uniform.bound");
        ip.b = m_params.number("uniform.bound");
        const std::string& act = m_params.text("activation");
        ip.nonlinearity = act == "tanh" || act == "sigmoid" || act == "leaky_relu" || act == "relu" ? act : std::string_view("relu");
        if (act == "leaky_relu") ip.a = 0.01;
        if (act == "linear") ip.nonlinearity = "linear";
        return ip;
    }

    // Kaiming reads `a` as the leaky slope while uniform reads it as the lower bound.
    init::InitParams paramsFor(const std::string& scheme) const {
        init::InitParams ip = initParams();
        if (scheme == "uniform") ip.a = -m_params.number("uniform.bound");
        else if (m_params.text("activation") != "leaky_relu") ip.a = 0.0;
        return ip;
    }

    double expected(const std::string& scheme, int64_t fanIn, int64_t fanOut) const {
        return init::expectedStd(scheme, fanIn, fanOut, paramsFor(scheme));
    }

    // One fan_out x fan_in weight matrix per scheme: histogram, mean and std.
    void weightTrial(Frame& f) {
        const int64_t fin = m_params.integer("fan_in"), fout = m_params.integer("fan_out");
        Series stats{"init_stats", {"scheme"}, {"mean", "std", "expected_std"}, {}, {}, Series::Mode::Replace};
        Series hist{"weight_histogram", {"scheme"}, {"x", "density", "theory"}, {}, {}, Series::Mode::Replace};
        for (const std::string& s : schemes()) {
            Tensor w = empty({fout, fin});
            init::initialize(w, s, m_gen, paramsFor(s));
            std::vector<float> v = w.toVector();
            double mu = 0, sq = 0;
            for (float x : v) mu += x;
            mu /= double(v.size());
            for (float x : v) sq += (x - mu) * (x - mu);
            double sd = std::sqrt(sq / double(std::max<std::size_t>(v.size() - 1, 1)));
            auto& acc = m_weightStats[s];
            acc[0].add(mu);
            acc[1].add(sd);
            double ex = expected(s, fin, fout);
            stats.addRow({s}, {acc[0].value(), acc[1].value(), ex});
            f.scalar("weight_std." + s, sd);
            histogram(hist, s, v, ex, s);
        }
        f.series.push_back(std::move(stats));
        f.series.push_back(std::move(hist));
    }

    // 60 bins over +-4 expected std; density normalised so the bars integrate to 1; `theory` is
    // the density of the scheme's distribution at the bin centre.
    void histogram(Series& out, const std::string& key, const std::vector<float>& v, double sd, const std::string& scheme) {
        constexpr int kBins = 60;
        const double lo = -4.0 * sd, hi = 4.0 * sd, width = (hi - lo) / kBins;
        std::vector<double> counts(kBins, 0.0);
        for (float x : v) {
            const double at = std::floor((x - lo) / width);  // compared before the cast: NaN and huge values fall out
            if (at >= 0 && at < kBins) counts[std::size_t(at)] += 1;
        }
        for (int b = 0; b < kBins; ++b) {
            double c = lo + (b + 0.5) * width;
            out.addRow({key}, {c, counts[std::size_t(b)] / (double(v.size()) * width), theoryDensity(scheme, c, sd)});
        }
    }

    double theoryDensity(const std::string& scheme, double x, double sd) const {
        if (scheme.find("uniform") != std::string::npos) {
            double bound = sd * std::sqrt(3.0);
            return std::fabs(x) <= bound ? 1.0 / (2.0 * bound) : 0.0;
        }
        if (scheme == "orthogonal") return std::nan("");  // no simple closed form
        return std::exp(-0.5 * x * x / (sd * sd)) / (sd * std::sqrt(2.0 * M_PI));
    }

    // Random inputs through a deep MLP (no bias) initialised by each scheme: per-layer mean, std
    // and the fraction of units whose derivative is below 0.05 (the gradient barely passes).
    void depthTrial(Frame& f) {
        const int64_t depth = m_params.integer("depth"), width = m_params.integer("width");
        const int64_t batch = m_params.integer("batch");
        const std::string act = m_params.text("activation");
        const std::string shown = m_params.text("scheme");
        Series layers{"layer_stats", {"scheme", "activation"}, {"layer", "mean", "std", "saturated_fraction"}, {}, {},
                      Series::Mode::Replace};
        Series hist{"activation_histogram", {"layer"}, {"x", "density"}, {}, {}, Series::Mode::Replace};
        Tensor x0 = randn({batch, width}, m_gen);
        for (const std::string& s : schemes()) {
            if (shown != "all" && s != shown) continue;
            Tensor h = x0;
            auto& acc = m_layerStats[s];
            acc.resize(std::size_t(depth));
            int64_t overflowAt = 0;  // the first layer whose activations are beyond a float (0: none)
            for (int64_t l = 0; l < depth; ++l) {
                Tensor w = empty({width, width});
                init::initialize(w, s, m_gen, paramsFor(s));
                Tensor z = matmul(h, w.t()).detach().setRequiresGrad();
                Tensor y = activate(act, z);
                y.backward(onesLike(y));  // elementwise: z.grad = f'(z)
                NoGradGuard ng;
                std::vector<float> yv = y.toVector(), dv = z.grad().toVector();
                double mu = 0, sq = 0, sat = 0;
                for (float v : yv) mu += v;
                mu /= double(yv.size());
                for (float v : yv) sq += (v - mu) * (v - mu);
                for (float d : dv) sat += std::fabs(d) < 0.05f;
                if (!overflowAt && !std::isfinite(sq)) overflowAt = l + 1;
                acc[std::size_t(l)][0].add(mu);
                acc[std::size_t(l)][1].add(std::sqrt(sq / double(yv.size())));
                acc[std::size_t(l)][2].add(sat / double(dv.size()));
                layers.addRow({s, act}, {double(l + 1), acc[std::size_t(l)][0].value(), acc[std::size_t(l)][1].value(),
                                         acc[std::size_t(l)][2].value()});
                if (s == shown || (shown == "all" && s == "xavier_uniform")) layerHistogram(hist, l + 1, yv);
                h = y.detach();
            }
            f.scalar("output_std." + s, acc.back()[1].value());
            // Said once for a setting (the layer moves a little with each batch): why the curves
            // stop short of the last layer.
            if (overflowAt && m_overflowSaid.insert(s).second)
                f.notes.push_back(Note(QT_TRANSLATE_NOOP("init", "%1: the activations outgrew the largest float (about 3.4e38) at layer %2, "
                                                                 "so the curves end there. Smaller weights keep them finite: a smaller "
                                                                 "std, or a scheme that scales with the width."),
                                       {s, std::to_string(overflowAt)}, Note::Level::Tell));
        }
        f.series.push_back(std::move(layers));
        f.series.push_back(std::move(hist));
    }

    void layerHistogram(Series& out, int64_t layer, const std::vector<float>& v) {
        constexpr int kBins = 40;
        // In double: the span of exploded activations (-3e38 to 3e38) overflows a float, and the
        // bin of every value then came out NaN (a crash indexing with it).
        double lo = 0, hi = 0;
        for (float x : v)
            if (std::isfinite(x)) lo = std::min(lo, double(x)), hi = std::max(hi, double(x));
        if (hi - lo < 1e-12) hi = lo + 1e-12;
        const double width = (hi - lo) / kBins;
        std::vector<double> counts(kBins, 0.0);
        for (float x : v) {
            if (!std::isfinite(x)) continue;
            const int b = std::clamp(int((double(x) - lo) / width), 0, kBins - 1);
            counts[std::size_t(b)] += 1;
        }
        for (int b = 0; b < kBins; ++b)
            out.addRow({std::to_string(layer)}, {lo + (b + 0.5) * width, counts[std::size_t(b)] / (double(v.size()) * width)});
    }

    Series theoryCurves() const {
        const int64_t fin = m_params.integer("fan_in"), fout = m_params.integer("fan_out");
        Series s{"expected_std", {"scheme"}, {"expected_std"}, {}, {}, Series::Mode::Replace};
        for (const std::string& sc : schemes()) s.addRow({sc}, {expected(sc, fin, fout)});
        return s;
    }

    Params m_params;
    Generator m_gen;
    int64_t m_step = 0;
    std::map<std::string, std::array<Avg, 2>> m_weightStats;
    std::map<std::string, std::vector<std::array<Avg, 3>>> m_layerStats;
    std::set<std::string> m_overflowSaid;  // the schemes whose overflow was said since the settings last changed
};

std::vector<std::string> withAll(std::vector<std::string> v) {
    v.insert(v.begin(), "all");
    return v;
}

}  // namespace

LessonSpec initLesson() {
    LessonSpec s{.id = "init", .title = QT_TRANSLATE_NOOP("lessons", "Weight initialisation"),
                 .summary = QT_TRANSLATE_NOOP("lessons", "Xavier, Kaiming and friends: keeping signals alive through deep networks"),
                 .headline = "output_std.xavier_uniform", .headlineTitle = QT_TRANSLATE_NOOP("init", "last layer's std (xavier_uniform)"), .defaultSteps = 20,
                 .defaultSpeed = 5};  // each step draws new weights: a few a second to watch the statistics settle
    // The maxima keep one step to a few seconds on a 2-core laptop (a step cannot be interrupted:
    // at 4096 it took minutes, issue 18).
    s.params = grouped({
        {QT_TRANSLATE_NOOP("init", "Weight matrix"), {
            ParamSpec::integer("fan_in", QT_TRANSLATE_NOOP("init", "fan in"), 1, 1024, 256)
                .about(QT_TRANSLATE_NOOP("init", "Inputs per unit of the sampled weight matrix.")),
            ParamSpec::integer("fan_out", QT_TRANSLATE_NOOP("init", "fan out"), 1, 1024, 256)
                .about(QT_TRANSLATE_NOOP("init", "Outputs of the sampled weight matrix.")),
            ParamSpec::number("normal.std", QT_TRANSLATE_NOOP("init", "normal: std"), 1e-3, 10, 1)
                .about(QT_TRANSLATE_NOOP("init", "Standard deviation of the plain normal scheme."))
                .log(),
            ParamSpec::number("uniform.bound", QT_TRANSLATE_NOOP("init", "uniform: bound"), 1e-3, 10, 1)
                .about(QT_TRANSLATE_NOOP("init", "The plain uniform scheme draws from [-bound, bound]."))
                .log(),
        }},
        {QT_TRANSLATE_NOOP("init", "Deep network"), {
            ParamSpec::integer("depth", QT_TRANSLATE_NOOP("init", "layers"), 1, 50, 10)
                .about(QT_TRANSLATE_NOOP("init", "Layers of the deep network.")),
            ParamSpec::integer("width", QT_TRANSLATE_NOOP("init", "width"), 2, 512, 128)
                .about(QT_TRANSLATE_NOOP("init", "Units per layer (= fan in = fan out).")),
            ParamSpec::integer("batch", QT_TRANSLATE_NOOP("init", "samples"), 1, 1024, 256)
                .about(QT_TRANSLATE_NOOP("init", "Random input vectors sent through the network.")),
            ParamSpec::choice("activation", QT_TRANSLATE_NOOP("init", "activation"), activationChoices(), "tanh")
                .about(QT_TRANSLATE_NOOP("init", "The nonlinearity after every layer."))
                .shownAs({{"relu", "ReLU"}, {"leaky_relu", "Leaky ReLU"}, {"gelu", "GELU"}, {"silu", "SiLU"}, {"elu", "ELU"},
                          {"linear", QT_TRANSLATE_NOOP("init", "linear (none)")}}),
            ParamSpec::choice("scheme", QT_TRANSLATE_NOOP("init", "scheme"), withAll(schemes()), "all")
                .about(QT_TRANSLATE_NOOP("init", "Which schemes initialise the deep network (all: every one, side by side)."))
                .shownAs({{"all", QT_TRANSLATE_NOOP("init", "all, side by side")}}),
        }},
    });
    const char* kLayer = QT_TRANSLATE_NOOP("init", "layer");
    s.outputs = {
        OutputSpec::series("init_stats", QT_TRANSLATE_NOOP("init", "Mean and spread of each scheme's weights")),
        // No axis labels: the cards are small and their title says what the bars are.
        OutputSpec::series("weight_histogram", QT_TRANSLATE_NOOP("init", "Histogram of each scheme's weights")),
        OutputSpec::series("expected_std", QT_TRANSLATE_NOOP("init", "The std each scheme aims for")),
        OutputSpec::series("layer_stats", QT_TRANSLATE_NOOP("init", "Activations per layer: mean, spread, saturation"))
            .axes(kLayer, QT_TRANSLATE_NOOP("init", "std of the activations")),
        OutputSpec::series("activation_histogram", QT_TRANSLATE_NOOP("init", "Histogram of the activations per layer"))
            .axes(QT_TRANSLATE_NOOP("init", "activation"), QT_TRANSLATE_NOOP("init", "density")),
        OutputSpec::scalar("weight_std.*", QT_TRANSLATE_NOOP("init", "Measured std of each scheme's weights")),
        OutputSpec::scalar("output_std.*", QT_TRANSLATE_NOOP("init", "Std of the last layer's activations")),
    };
    s.smoke.steps = 2;
    s.make = [](const Params& p, uint64_t seed, Device) -> std::unique_ptr<Run> { return std::make_unique<InitRun>(p, seed); };
    return s;
}

}  // namespace gradlab
