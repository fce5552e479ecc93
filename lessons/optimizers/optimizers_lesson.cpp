// The optimizer race: eight torch.optim optimizers start from one point of a 2-D loss surface
// and descend side by side; every racer's hyperparameters can be changed while they run.
#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>

#include "engine/autograd/autograd.h"
#include "engine/core/error.h"
#include "engine/io/checkpoint.h"
#include "engine/ops/ops.h"
#include "engine/optim/optimizer.h"
#include "lessons/optimizers/surfaces.h"
#include "lessons/common/divergence.h"
#include "lessons/common/training_checkpoint.h"
#include "lessons/lesson.h"

namespace gradlab {
namespace {

struct OptionDef {
    const char* option;  // torch.optim option name
    const char* label;
    double def, min, max;
    bool logScale = false;
    ParamKind kind = ParamKind::Number;
    bool live = true;
};

struct RacerDef {
    const char* id;
    const char* label;
    const char* optimizer;                 // makeOptimizer name
    std::map<std::string, double> fixed;   // options that define the racer (nesterov = 1)
    std::vector<OptionDef> options;        // exposed as "<id>.<option>"
};

const std::vector<RacerDef>& racers() {
    static const OptionDef lr3{"lr", QT_TRANSLATE_NOOP("optimizers", "learning rate"), 1e-3, 1e-5, 1.0, true};
    static const OptionDef lr2{"lr", QT_TRANSLATE_NOOP("optimizers", "learning rate"), 1e-2, 1e-5, 1.0, true};
    static const OptionDef mom{"momentum", QT_TRANSLATE_NOOP("optimizers", "momentum"), 0.9, 0.0, 0.999};
    // Nesterov's look-ahead needs some momentum (torch.optim.SGD refuses nesterov with 0).
    static const OptionDef nesterovMom{"momentum", QT_TRANSLATE_NOOP("optimizers", "momentum"), 0.9, 0.01, 0.999};
    static const OptionDef beta1{"beta1", QT_TRANSLATE_NOOP("optimizers", "beta1 (momentum)"), 0.9, 0.0, 0.999};
    static const OptionDef beta2{"beta2", QT_TRANSLATE_NOOP("optimizers", "beta2 (squared-gradient average)"), 0.999,
                                 0.5, 0.99999};
    static const std::vector<RacerDef> v = {
        {"sgd", QT_TRANSLATE_NOOP("optimizers", "SGD"), "sgd", {}, {lr3}},
        {"momentum", QT_TRANSLATE_NOOP("optimizers", "Momentum"), "sgd", {}, {lr3, mom}},
        {"nesterov", QT_TRANSLATE_NOOP("optimizers", "Nesterov"), "sgd", {{"nesterov", 1.0}}, {lr3, nesterovMom}},
        {"rmsprop", QT_TRANSLATE_NOOP("optimizers", "RMSprop"), "rmsprop", {},
         {lr2,
          {"alpha", QT_TRANSLATE_NOOP("optimizers", "alpha (squared-gradient average)"), 0.99, 0.5, 0.9999},
          {"momentum", QT_TRANSLATE_NOOP("optimizers", "momentum"), 0.0, 0.0, 0.99},
          {"centered", QT_TRANSLATE_NOOP("optimizers", "centered"), 0, 0, 1, false, ParamKind::Flag, false}}},
        {"adagrad", QT_TRANSLATE_NOOP("optimizers", "Adagrad"), "adagrad", {},
         {{"lr", QT_TRANSLATE_NOOP("optimizers", "learning rate"), 1e-1, 1e-5, 1.0, true},
          {"lr_decay", QT_TRANSLATE_NOOP("optimizers", "learning-rate decay"), 0.0, 0.0, 0.1}}},
        {"adam", QT_TRANSLATE_NOOP("optimizers", "Adam"), "adam", {},
         {lr2, beta1, beta2,
          {"amsgrad", QT_TRANSLATE_NOOP("optimizers", "AMSGrad"), 0, 0, 1, false, ParamKind::Flag, false}}},
        {"adamw", QT_TRANSLATE_NOOP("optimizers", "AdamW"), "adamw", {},
         {lr2, beta1, beta2, {"weight_decay", QT_TRANSLATE_NOOP("optimizers", "weight decay"), 1e-2, 0.0, 1.0}}},
        {"nadam", QT_TRANSLATE_NOOP("optimizers", "NAdam"), "nadam", {},
         {lr2, beta1, beta2,
          {"momentum_decay", QT_TRANSLATE_NOOP("optimizers", "momentum decay"), 4e-3, 0.0, 0.1}}},
    };
    return v;
}

std::vector<std::string> racerIds() {
    std::vector<std::string> ids;
    for (const auto& r : racers()) ids.push_back(r.id);
    return ids;
}

std::map<std::string, std::string> racerLabels() {  // "adam" shows as "Adam", as in the legends
    std::map<std::string, std::string> labels;
    for (const auto& r : racers()) labels[r.id] = r.label;
    return labels;
}

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ",") + x;
    return s;
}

// One optimizer on its own copy of the start point.
struct Racer {
    const RacerDef* def = nullptr;
    Tensor p;  // (2): x, y
    std::unique_ptr<Optimizer> opt;
    Tensor loss;  // f(p) with its graph, ready for the next backward
    std::array<double, 3> last{};  // x, y, loss after the latest step
    bool diverged = false;
    bool reported = false;  // its last row (where it diverged) has been emitted
    bool told = false;      // the student has been told it diverged
};

class OptimizersRun final : public Run {
public:
    OptimizersRun(const Params& params, Device device)
        : m_params(params),
          m_device(device),
          m_surface(params.text("surface"),
                    lessons::SurfaceParams{params.number("rosenbrock.a"), params.number("rosenbrock.b"),
                                           params.number("quadratic.condition")}) {
        // A start point picked on a wider map (Himmelblau's) may lie off this one: the racers
        // then start at (-1, 1), which every map shows, and the student is told.
        m_start = {params.number("start_x"), params.number("start_y")};
        const std::vector<double> ext = m_surface.extent();
        if (m_start[0] < ext[0] || m_start[0] > ext[1] || m_start[1] < ext[2] || m_start[1] > ext[3]) {
            m_startNote = Note(QT_TRANSLATE_NOOP("optimizers", "The start (%1, %2) lies off this map: the racers start at "
                                                               "(-1, 1). Click the map to choose another start."),
                               {str(m_start[0]), str(m_start[1])}, Note::Level::Tell);
            m_start = {-1.0, 1.0};
        }
        for (const std::string& id : params.set("racers")) {
            const RacerDef* def = nullptr;
            for (const auto& r : racers())
                if (id == r.id) def = &r;
            Racer r;
            r.def = def;
            r.p = fromData({float(m_start[0]), float(m_start[1])}, {2}, device).setRequiresGrad();
            std::map<std::string, double> opts = def->fixed;
            for (const auto& o : def->options) opts[o.option] = params.number(std::string(def->id) + "." + o.option);
            r.opt = makeOptimizer(def->optimizer, {r.p}, opts);
            m_racers.push_back(std::move(r));
        }
        GL_CHECK(!m_racers.empty(), "optimizers: choose at least one racer (racers=adam,sgd,...)");
        for (Racer& r : m_racers) forward(r);
    }

    void start(Sink& sink) override {
        Frame f{.step = m_step};
        if (m_startNote) f.notes.push_back(*m_startNote);
        tellDiverged(f, m_step);  // racers a checkpoint's positions throw off the map
        f.images.push_back(surfaceImage());
        Series minima{"minima", {}, {"x", "y"}, {}, {}, Series::Mode::Replace};
        for (auto [x, y] : m_surface.minima()) minima.addRow({}, {x, y});
        f.series.push_back(std::move(minima));
        f.series.push_back(positions());
        addScalars(f);
        sink.push(std::move(f));
    }

    void step(Sink& sink) override {
        Frame f;
        for (Racer& r : m_racers) {
            if (r.diverged) continue;
            r.opt->zeroGrad();
            r.loss.backward();
            r.opt->step();
            forward(r);
        }
        tellDiverged(f, m_step + 1);
        ++m_step;
        f.step = m_step;
        f.series.push_back(positions());
        addScalars(f);
        sink.push(std::move(f));
    }

    int64_t stepCount() const override { return m_step; }
    // When every racer has diverged there is nothing left to run.
    bool finished() const override {
        return !m_racers.empty() && std::all_of(m_racers.begin(), m_racers.end(), [](const Racer& r) { return r.diverged; });
    }

    void set(const std::string& key, const ParamValue& value, Sink&) override {
        m_params.assign(key, value);
        auto dot = key.find('.');
        if (dot == std::string::npos) return;
        std::string racer = key.substr(0, dot), option = key.substr(dot + 1);
        for (Racer& r : m_racers)
            if (racer == r.def->id) r.opt->setOption(option, value.number);
    }

    void save(Checkpoint& ck) const override {
        nlohmann::json racersJson = nlohmann::json::object();
        for (const Racer& r : m_racers) {
            std::string base = std::string("racer.") + r.def->id;
            ck.tensors.emplace_back(base + ".p", r.p.detach().to(Device::CPU));
            for (auto& [name, t] : r.opt->stateTensors()) ck.tensors.emplace_back(base + ".opt." + name, t.to(Device::CPU));
            racersJson[r.def->id] = {{"diverged", r.diverged}, {"optimizer", r.opt->stateScalars()}};
        }
        ck.meta["step"] = m_step;
        ck.meta["racers"] = racersJson;
    }

    void load(const Checkpoint& ck) override {
        const nlohmann::json& rj = ck.meta.at("racers");
        std::map<std::string, Tensor> byName(ck.tensors.begin(), ck.tensors.end());
        // Validate everything first, then apply.
        for (const Racer& r : m_racers) {
            std::string base = std::string("racer.") + r.def->id;
            GL_CHECK(rj.contains(r.def->id), "checkpoint has no state for racer ", r.def->id);
            auto it = byName.find(base + ".p");
            GL_CHECK(it != byName.end() && it->second.shape() == r.p.shape(), "checkpoint: bad position of racer ",
                     r.def->id);
        }
        for (Racer& r : m_racers) {
            std::string base = std::string("racer.") + r.def->id;
            std::vector<std::pair<std::string, Tensor>> st;
            for (auto& [name, t] : ck.tensors)
                if (name.rfind(base + ".opt.", 0) == 0) st.emplace_back(name.substr(base.size() + 5), t.to(m_device));
            r.opt->loadState(st, rj.at(r.def->id).at("optimizer"));
        }
        for (Racer& r : m_racers) {
            std::string base = std::string("racer.") + r.def->id;
            {
                NoGradGuard ng;
                r.p.copy_(byName.at(base + ".p"));
            }
            r.diverged = r.told = rj.at(r.def->id).at("diverged").get<bool>();  // told before it was saved
            forward(r);
        }
        m_step = lessons::savedStep(ck, "optimizers");
    }

private:
    // Diverged racers not yet told of: their loss is no longer finite, or they left the map far behind.
    void tellDiverged(Frame& f, int64_t step) {
        for (Racer& r : m_racers)
            if (r.diverged && !r.told) {
                r.told = true;
                f.notes.push_back(lessons::divergedNote(r.def->label, step, r.last[2],
                                                        m_params.number(std::string(r.def->id) + ".lr"), !finished()));
            }
    }

    void forward(Racer& r) {
        r.loss = m_surface(r.p.select(0, 0), r.p.select(0, 1));
        std::vector<float> pv = r.p.toVector();
        float l = r.loss.item();
        if (!std::isfinite(l) || std::fabs(pv[0]) > 1e6f || std::fabs(pv[1]) > 1e6f) r.diverged = true;
        r.last = {pv[0], pv[1], l};
    }

    // The racers' current points; a racer that diverged is reported once more, then no longer.
    Series positions() {
        Series s{"trajectory", {"racer"}, {"step", "x", "y", "loss"}, {}, {}, Series::Mode::Append};
        for (Racer& r : m_racers) {
            if (r.reported) continue;
            s.addRow({r.def->id}, {double(m_step), r.last[0], r.last[1], r.last[2]});
            r.reported = r.diverged;
        }
        return s;
    }

    void addScalars(Frame& f) const {
        for (const Racer& r : m_racers) f.scalar(std::string("loss.") + r.def->id, r.last[2]);
    }

    Image surfaceImage() const {
        constexpr int kN = 160;
        auto ext = m_surface.extent();
        std::vector<float> z(kN * kN);
        for (int i = 0; i < kN; ++i) {      // rows: y from top (y1) to bottom (y0)
            double y = ext[3] - (ext[3] - ext[2]) * i / (kN - 1);
            for (int j = 0; j < kN; ++j) {
                double x = ext[0] + (ext[1] - ext[0]) * j / (kN - 1);
                z[std::size_t(i * kN + j)] = float(m_surface.eval(x, y));
            }
        }
        Image img;
        img.name = "surface";
        img.values = fromData(z, {kN, kN});
        img.extent = ext;
        return img;
    }

    Params m_params;
    Device m_device;
    lessons::Surface m_surface;
    std::array<double, 2> m_start{};  // where the racers start
    std::optional<Note> m_startNote;  // why that is not the start asked for
    std::vector<Racer> m_racers;
    int64_t m_step = 0;
};

}  // namespace

LessonSpec optimizersLesson() {
    LessonSpec s{.id = "optimizers", .title = QT_TRANSLATE_NOOP("lessons", "Optimizers race"),
                 .summary = QT_TRANSLATE_NOOP("lessons", "SGD, momentum, RMSprop, Adam and friends descend the same valley"),
                 .headline = "loss.adam", .headlineTitle = QT_TRANSLATE_NOOP("optimizers", "Adam's loss"), .defaultSteps = 1000,
                 .defaultSpeed = 20};  // the race at a pace to watch (1000 steps in 50 s); the speed slider goes to max
    std::vector<ParamGroup> groups = {
        {QT_TRANSLATE_NOOP("optimizers", "Race"), {
            ParamSpec::choice("surface", QT_TRANSLATE_NOOP("optimizers", "surface"), lessons::Surface::ids(), "rosenbrock")
                .about(QT_TRANSLATE_NOOP("optimizers", "The loss landscape the racers descend."))
                .shownAs({{"rosenbrock", "Rosenbrock"}, {"beale", "Beale"}, {"himmelblau", "Himmelblau"},
                          {"quadratic", QT_TRANSLATE_NOOP("optimizers", "ill-conditioned bowl")}, {"saddle", QT_TRANSLATE_NOOP("optimizers", "saddle")}})
                .onReset(),
            ParamSpec::subset("racers", QT_TRANSLATE_NOOP("optimizers", "racers"), racerIds(), joined(racerIds()))
                .about(QT_TRANSLATE_NOOP("optimizers", "Which optimizers take part."))
                .shownAs(racerLabels())
                .onReset(),
            ParamSpec::number("start_x", QT_TRANSLATE_NOOP("optimizers", "start x"), -5, 5, -1)
                .about(QT_TRANSLATE_NOOP("optimizers", "Where the racers start (x)."))
                .onReset(),
            ParamSpec::number("start_y", QT_TRANSLATE_NOOP("optimizers", "start y"), -5, 5, 1)
                .about(QT_TRANSLATE_NOOP("optimizers", "Where the racers start (y)."))
                .onReset(),
        }},
        {QT_TRANSLATE_NOOP("optimizers", "Rosenbrock"), {
            ParamSpec::number("rosenbrock.a", "a", -2, 2, 1)
                .about(QT_TRANSLATE_NOOP("optimizers", "Rosenbrock: the minimum lies at (a, a^2)."))
                .onReset()
                .onlyWhen("surface", {"rosenbrock"}),
            ParamSpec::number("rosenbrock.b", "b", 1, 1000, 100)
                .about(QT_TRANSLATE_NOOP("optimizers", "Rosenbrock: how steep the valley walls are."))
                .log()
                .onReset()
                .onlyWhen("surface", {"rosenbrock"}),
        }},
        {QT_TRANSLATE_NOOP("optimizers", "Quadratic bowl"), {
            ParamSpec::number("quadratic.condition", QT_TRANSLATE_NOOP("optimizers", "condition number"), 1, 1000, 25)
                .about(QT_TRANSLATE_NOOP("optimizers", "Quadratic bowl: how much steeper y is than x."))
                .log()
                .onReset()
                .onlyWhen("surface", {"quadratic"}),
        }},
    };
    for (const RacerDef& r : racers()) {  // a section per racer: its options
        ParamGroup& section = groups.emplace_back(ParamGroup{r.label, {}});
        for (const OptionDef& o : r.options) {
            ParamSpec p = o.kind == ParamKind::Flag ? ParamSpec::flag(std::string(r.id) + "." + o.option, o.label, o.def != 0)
                                                    : ParamSpec::number(std::string(r.id) + "." + o.option, o.label, o.min, o.max, o.def);
            p.about(o.label);
            if (o.logScale) p.log();
            if (!o.live) p.onReset();
            section.params.push_back(std::move(p));
        }
    }
    s.params = grouped(std::move(groups));
    const char* kStep = QT_TRANSLATE_NOOP("optimizers", "step");
    s.outputs = {
        OutputSpec::scalar("loss.*", QT_TRANSLATE_NOOP("optimizers", "Loss (distance to the minimum) per step"))
            .axes(kStep, QT_TRANSLATE_NOOP("optimizers", "loss")),
        OutputSpec::image("surface", QT_TRANSLATE_NOOP("optimizers", "The loss surface"), ColorMap::Sequential).axes("x", "y"),
        OutputSpec::series("trajectory", QT_TRANSLATE_NOOP("optimizers", "Each racer's path")).axes("x", "y"),
        OutputSpec::series("minima", QT_TRANSLATE_NOOP("optimizers", "Where the minima are")).axes("x", "y"),
    };
    s.smoke.steps = 3;
    s.make = [](const Params& p, uint64_t, Device d) -> std::unique_ptr<Run> { return std::make_unique<OptimizersRun>(p, d); };
    return s;
}

}  // namespace gradlab
