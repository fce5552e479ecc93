// Activation functions: the eight curves and their derivatives (by autograd), then the same
// deep MLP built with each of them, showing per-layer gradient norms at initialisation
// (vanishing gradients), dead ReLUs, and how each network trains on a 2-D spiral.
#include <algorithm>
#include <cmath>

#include "engine/autograd/autograd.h"
#include "engine/core/error.h"
#include "engine/init/init.h"
#include "engine/io/checkpoint.h"
#include "engine/nn/linear.h"
#include "engine/ops/ops.h"
#include "engine/optim/optimizer.h"
#include "lessons/common/divergence.h"
#include "lessons/common/toy_data.h"
#include "lessons/common/training_checkpoint.h"
#include "lessons/lesson.h"

namespace gradlab {
namespace {

const std::vector<std::string>& activationIds() {
    static const std::vector<std::string> v = {"sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "softplus", "silu"};
    return v;
}

// f(x) with the lesson's current shape parameters (slope, alpha, beta, approximation).
Tensor activate(const std::string& name, const Tensor& x, const Params& p) {
    if (name == "sigmoid") return sigmoid(x);
    if (name == "tanh") return tanh(x);
    if (name == "relu") return relu(x);
    if (name == "leaky_relu") return leakyRelu(x, float(p.number("leaky_relu.slope")));
    if (name == "elu") return elu(x, float(p.number("elu.alpha")));
    if (name == "gelu") return gelu(x, p.text("gelu.approximate") == "tanh" ? GeluApprox::Tanh : GeluApprox::None);
    if (name == "softplus") return softplus(x, float(p.number("softplus.beta")));
    return silu(x);
}

// The deep MLP of one activation: 2 -> width -> ... (depth hidden layers) -> 2 classes.
struct Net {
    std::string act;
    std::vector<std::shared_ptr<Linear>> layers;
    std::unique_ptr<Optimizer> opt;
    Tensor loss;
    double accuracy = 0;
    double deadFraction = 0;  // hidden units that output 0 for every sample (relu-like nets)
    bool failed = false;      // its loss diverged (NaN, inf, beyond a million): training stopped
    bool told = false;        // the student has been told
};

class ActivationsRun final : public Run {
public:
    // Its networks are tiny: it computes on the CPU whatever the device chosen.
    ActivationsRun(const Params& params, uint64_t seed) : m_params(params), m_gen(seed) {
        const int64_t depth = params.integer("depth"), width = params.integer("width");
        lessons::ToyData data = lessons::twoSpirals(params.integer("batch"), m_gen);
        m_x = data.x;
        m_y = data.y;
        const std::string scheme = params.text("init");
        for (const std::string& act : activationIds()) {
            Net n;
            n.act = act;
            std::vector<Tensor> ps;
            for (int64_t l = 0; l <= depth; ++l) {
                int64_t in = l == 0 ? 2 : width, out = l == depth ? 2 : width;
                auto lin = std::make_shared<Linear>(in, out, true, m_gen);
                if (scheme != "default") {
                    init::InitParams ip;
                    ip.nonlinearity = act == "tanh" || act == "sigmoid" || act == "leaky_relu" ? act : std::string_view("relu");
                    if (act == "leaky_relu") ip.a = params.number("leaky_relu.slope");
                    init::initialize(lin->weight(), scheme, m_gen, ip);
                    Tensor b = lin->bias();
                    init::zeros_(b);
                }
                for (auto& [name, t] : lin->namedParameters()) ps.push_back(t);
                n.layers.push_back(lin);
            }
            n.opt = makeOptimizer("sgd", ps, {{"lr", params.number("lr")}});
            m_nets.push_back(std::move(n));
        }
    }

    void start(Sink& sink) override {
        Frame f{.step = m_step};
        f.series.push_back(curves());
        Series grads = gradientNorms("depth_gradients");
        f.series.push_back(grads);
        grads.name = "gradient_norms";
        f.series.push_back(std::move(grads));
        addScalars(f);
        sink.push(std::move(f));
    }

    void step(Sink& sink) override {
        prime();
        Frame f;
        for (Net& n : m_nets) {
            if (!n.failed) {
                n.opt->step();  // uses the gradients of the last forward/backward
                forwardBackward(n);
            }
        }
        tellFailures(f, m_step + 1);
        ++m_step;
        f.step = m_step;
        f.series.push_back(gradientNorms("gradient_norms"));
        addScalars(f);
        sink.push(std::move(f));
    }

    int64_t stepCount() const override { return m_step; }
    // When every network has diverged there is nothing left to run.
    bool finished() const override {
        return !m_nets.empty() && std::all_of(m_nets.begin(), m_nets.end(), [](const Net& n) { return n.failed; });
    }

    void set(const std::string& key, const ParamValue& value, Sink& sink) override {
        m_params.assign(key, value);
        if (key == "lr") {
            for (Net& n : m_nets) n.opt->setOption("lr", value.number);
            return;
        }
        // Shape parameters change the curves now and the networks from their next step on.
        Frame f{.step = m_step};
        f.series.push_back(curves());
        sink.push(std::move(f));
    }

    void save(Checkpoint& ck) const override {
        nlohmann::json nets = nlohmann::json::object();
        for (const Net& n : m_nets) {
            for (std::size_t l = 0; l < n.layers.size(); ++l)
                for (auto& [name, t] : n.layers[l]->namedParameters())
                    ck.tensors.emplace_back(str("net.", n.act, ".", l, ".", name), t.detach().to(Device::CPU));
            nets[n.act] = {{"failed", n.failed}};
        }
        // The two spirals the networks train on (made again from the seed on load, so not read
        // back): readers outside the lab (tools/pytorch) evaluate the networks on them.
        ck.tensors.emplace_back("data.x", m_x.detach().to(Device::CPU));
        ck.tensors.emplace_back("data.y", m_y.detach().to(Device::CPU));
        ck.meta["step"] = m_step;
        ck.meta["nets"] = nets;
    }

    void load(const Checkpoint& ck) override {
        std::map<std::string, Tensor> byName(ck.tensors.begin(), ck.tensors.end());
        for (const Net& n : m_nets)
            for (std::size_t l = 0; l < n.layers.size(); ++l)
                for (auto& [name, t] : n.layers[l]->namedParameters()) {
                    auto it = byName.find(str("net.", n.act, ".", l, ".", name));
                    GL_CHECK(it != byName.end() && it->second.shape() == t.shape(), "checkpoint: layer ", l, " of the ",
                             n.act, " network is missing or has another shape");
                }
        std::vector<bool> failed;
        for (const Net& n : m_nets)
            failed.push_back(lessons::readSaved(ck, "activations", "nets", [&](const nlohmann::json& v) { return v.at(n.act).at("failed").get<bool>(); }));
        for (std::size_t i = 0; i < m_nets.size(); ++i) {
            Net& n = m_nets[i];
            for (std::size_t l = 0; l < n.layers.size(); ++l)
                for (auto& [name, t] : n.layers[l]->namedParameters()) t.copy_(byName.at(str("net.", n.act, ".", l, ".", name)));
            n.failed = n.told = failed[i];  // a failure it saved was told before
        }
        m_step = lessons::savedStep(ck, "activations");
        for (Net& n : m_nets)
            if (!n.failed) forwardBackward(n);
        m_primed = true;
    }

    void resync(Sink& sink) override {
        Frame f{.step = m_step};
        tellFailures(f, m_step);  // networks that fail at the checkpoint's weights
        f.series.push_back(curves());
        f.series.push_back(gradientNorms("gradient_norms"));
        addScalars(f);
        sink.push(std::move(f));
    }

private:
    // Loss, accuracy, dead units and fresh gradients of one network on the whole data set.
    void forwardBackward(Net& n) {
        n.opt->zeroGrad();
        Tensor h = m_x;
        int64_t dead = 0, hidden = 0;
        for (std::size_t l = 0; l < n.layers.size(); ++l) {
            h = (*n.layers[l])(h);
            if (l + 1 < n.layers.size()) {
                h = activate(n.act, h, m_params);
                if (n.act == "relu") {
                    NoGradGuard ng;
                    // A unit is dead when it is 0 for every sample: its column max is 0.
                    std::vector<float> colMax = max(h, 0).first.toVector();
                    for (float v : colMax) dead += v <= 0.0f;
                    hidden += int64_t(colMax.size());
                }
            }
        }
        n.loss = crossEntropy(h, m_y);
        float lv = n.loss.item();
        if (lessons::diverged(lv)) {
            n.failed = true;
            return;
        }
        {
            NoGradGuard ng;
            n.accuracy = mean(eq(argmax(h, 1), m_y)).item();
        }
        if (hidden > 0) n.deadFraction = double(dead) / double(hidden);
        n.loss.backward();
    }

    Series curves() const {
        const double range = m_params.number("range");
        const int64_t points = m_params.integer("points");
        Series s{"activations", {}, {"x"}, {}, {}, Series::Mode::Replace};
        Tensor x = linspace(-range, range, points);
        std::vector<std::vector<float>> cols;
        for (const std::string& a : activationIds()) {
            s.numberColumns.push_back(a);
            s.numberColumns.push_back("d" + a);
            Tensor xi = x.detach().setRequiresGrad();
            Tensor y = activate(a, xi, m_params);
            y.backward(onesLike(y));  // elementwise: the gradient of sum(f) is f'(x) at every x
            cols.push_back(y.toVector());
            cols.push_back(xi.grad().toVector());
        }
        std::vector<float> xs = x.toVector();
        for (int64_t i = 0; i < points; ++i) {
            s.numbers.push_back(xs[std::size_t(i)]);
            for (const auto& c : cols) s.numbers.push_back(c[std::size_t(i)]);
        }
        return s;
    }

    // ||dL/dW|| of every layer (1 = next to the input) of every network.
    // The first forward/backward: the gradients at initialisation, used by the first step.
    // Says which networks have newly diverged (also at a first forward pass, or a checkpoint's).
    void tellFailures(Frame& f, int64_t step) {
        for (Net& n : m_nets)
            if (n.failed && !n.told) {
                n.told = true;
                f.notes.push_back(lessons::divergedNote(n.act, step, n.loss.item(), m_params.number("lr"), !finished()));
            }
    }

    void prime() {
        if (m_primed) return;
        for (Net& n : m_nets) forwardBackward(n);
        m_primed = true;
    }

    Series gradientNorms(const std::string& name) {
        prime();
        Series s{name, {"activation"}, {"layer", "grad_norm"}, {}, {}, Series::Mode::Replace};
        NoGradGuard ng;
        for (const Net& n : m_nets)
            for (std::size_t l = 0; l < n.layers.size(); ++l) {
                Tensor g = n.layers[l]->weight().grad();
                double norm = g.defined() ? std::sqrt(double(sum(mul(g, g)).item())) : std::nan("");
                s.addRow({n.act}, {double(l + 1), norm});
            }
        return s;
    }

    void addScalars(Frame& f) const {
        for (const Net& n : m_nets) {
            f.scalar("loss." + n.act, n.failed ? std::nan("") : double(n.loss.item()));
            f.scalar("accuracy." + n.act, n.accuracy);
        }
        for (const Net& n : m_nets)
            if (n.act == "relu") f.scalar("dead_relu_fraction", n.deadFraction);
    }

    Params m_params;
    Generator m_gen;
    Tensor m_x, m_y;
    std::vector<Net> m_nets;
    int64_t m_step = 0;
    bool m_primed = false;
};

}  // namespace

LessonSpec activationsLesson() {
    LessonSpec s{.id = "activations", .title = QT_TRANSLATE_NOOP("lessons", "Activation functions"),
                 .summary = QT_TRANSLATE_NOOP("lessons", "Eight nonlinearities, their slopes, and why deep sigmoid nets stop learning"),
                 .headline = "loss.relu", .headlineTitle = QT_TRANSLATE_NOOP("activations", "loss of the ReLU net"), .defaultSteps = 200,
                 .defaultSpeed = 20};  // 200 steps in 10 s: the curves move at a pace to follow
    s.params = grouped({
        {QT_TRANSLATE_NOOP("activations", "Curves"), {
            ParamSpec::number("range", QT_TRANSLATE_NOOP("activations", "x range"), 1, 20, 5)
                .about(QT_TRANSLATE_NOOP("activations", "The curves are drawn from -range to +range.")),
            ParamSpec::integer("points", QT_TRANSLATE_NOOP("activations", "points"), 11, 2001, 401)
                .about(QT_TRANSLATE_NOOP("activations", "How many x values the curves are sampled at.")),
        }},
        {QT_TRANSLATE_NOOP("activations", "Shapes"), {
            ParamSpec::number("leaky_relu.slope", QT_TRANSLATE_NOOP("activations", "leaky ReLU slope"), 0, 1, 0.01)
                .about(QT_TRANSLATE_NOOP("activations", "Slope of leaky ReLU for negative inputs.")),
            ParamSpec::number("elu.alpha", QT_TRANSLATE_NOOP("activations", "ELU alpha"), 0.01, 5, 1)
                .about(QT_TRANSLATE_NOOP("activations", "ELU approaches -alpha for very negative inputs.")),
            ParamSpec::number("softplus.beta", QT_TRANSLATE_NOOP("activations", "softplus beta"), 0.1, 20, 1)
                .about(QT_TRANSLATE_NOOP("activations", "Larger beta makes softplus closer to ReLU."))
                .log(),
            ParamSpec::choice("gelu.approximate", QT_TRANSLATE_NOOP("activations", "GELU form"), {"none", "tanh"}, "none")
                .about(QT_TRANSLATE_NOOP("activations", "Exact (with erf) or the tanh approximation."))
                .shownAs({{"none", QT_TRANSLATE_NOOP("activations", "exact (erf)")}, {"tanh", QT_TRANSLATE_NOOP("activations", "tanh approximation")}}),
        }},
        {QT_TRANSLATE_NOOP("activations", "Network"), {
            ParamSpec::integer("depth", QT_TRANSLATE_NOOP("activations", "hidden layers"), 1, 50, 12)
                .about(QT_TRANSLATE_NOOP("activations", "Number of hidden layers of each network."))
                .onReset(),
            ParamSpec::integer("width", QT_TRANSLATE_NOOP("activations", "width"), 2, 256, 64)  // max: a step of seconds, not a minute
                .about(QT_TRANSLATE_NOOP("activations", "Units per hidden layer."))
                .onReset(),
            ParamSpec::choice("init", QT_TRANSLATE_NOOP("activations", "weight init"),
                              {"default", "xavier_uniform", "xavier_normal", "kaiming_uniform", "kaiming_normal", "orthogonal"},
                              "kaiming_normal")
                .about(QT_TRANSLATE_NOOP("activations", "How the weights start: PyTorch's Linear default, or a torch.nn.init scheme."))
                .shownAs({{"default", QT_TRANSLATE_NOOP("activations", "PyTorch's default")}})
                .onReset(),
            ParamSpec::integer("batch", QT_TRANSLATE_NOOP("activations", "data points"), 16, 512, 256)
                .about(QT_TRANSLATE_NOOP("activations", "Points of the two-spiral data set (trained on all at once)."))
                .onReset(),
            ParamSpec::number("lr", QT_TRANSLATE_NOOP("activations", "learning rate"), 1e-4, 10, 0.1)
                .about(QT_TRANSLATE_NOOP("activations", "SGD step size of every network."))
                .log(),
        }},
    });
    const char* kStep = QT_TRANSLATE_NOOP("activations", "step");
    const char* kLayer = QT_TRANSLATE_NOOP("activations", "layer (1 = next to the input)");
    s.outputs = {
        OutputSpec::series("activations", QT_TRANSLATE_NOOP("activations", "f(x) and f′(x)")).axes("x", "f(x)"),
        OutputSpec::series("depth_gradients", QT_TRANSLATE_NOOP("activations", "Gradient norm per layer, at initialisation"))
            .axes(kLayer, "‖∂L/∂W‖"),
        OutputSpec::series("gradient_norms", QT_TRANSLATE_NOOP("activations", "Gradient norm per layer, now"))
            .axes(kLayer, "‖∂L/∂W‖"),
        OutputSpec::scalar("loss.*", QT_TRANSLATE_NOOP("activations", "Training loss on two spirals"))
            .axes(kStep, QT_TRANSLATE_NOOP("activations", "cross-entropy")),
        OutputSpec::scalar("accuracy.*", QT_TRANSLATE_NOOP("activations", "Training accuracy on two spirals")).axes(kStep, ""),
        OutputSpec::scalar("dead_relu_fraction", QT_TRANSLATE_NOOP("activations", "Share of ReLU units that never fire"))
            .axes(kStep, ""),
    };
    s.smoke.steps = 3;
    s.make = [](const Params& p, uint64_t seed, Device) -> std::unique_ptr<Run> {
        return std::make_unique<ActivationsRun>(p, seed);
    };
    return s;
}

}  // namespace gradlab
