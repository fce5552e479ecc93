// The learning-rate schedulers: torch 1.13's formulas written in the same order of operations (so
// the doubles agree with Python's), their checked state save/restore, and the factory by name.
#include "engine/optim/lr_scheduler.h"

#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <set>
#include <string>

#include "engine/core/error.h"

namespace gradlab {
namespace {

using json = nlohmann::json;

// Python's a % m for m > 0 (never negative).
int64_t pyMod(int64_t a, int64_t m) { return ((a % m) + m) % m; }

const json& field(const json& j, const char* who, const char* key) {
    GL_CHECK(j.is_object() && j.contains(key), who, ": missing \"", key, "\"");
    return j[key];
}
double getNumber(const json& j, const char* who, const char* key) {
    const json& v = field(j, who, key);
    GL_CHECK(v.is_number(), who, ": \"", key, "\" must be a number");
    return v.get<double>();
}
// Integers may come as JSON integers or as doubles with an integral value (GUI sliders).
int64_t getInt(const json& j, const char* who, const char* key) {
    const json& v = field(j, who, key);
    if (v.is_number_integer()) return v.get<int64_t>();
    GL_CHECK(v.is_number() && std::isfinite(v.get<double>()) && std::floor(v.get<double>()) == v.get<double>() &&
                 std::fabs(v.get<double>()) < 9.0e15,
             who, ": \"", key, "\" must be an integer");
    return int64_t(v.get<double>());
}
bool getBool(const json& j, const char* who, const char* key) {
    const json& v = field(j, who, key);
    if (v.is_boolean()) return v.get<bool>();
    GL_CHECK(v.is_number() && (v.get<double>() == 0.0 || v.get<double>() == 1.0), who, ": \"", key,
             "\" must be true/false (or 0/1)");
    return v.get<double>() != 0.0;
}
std::string getString(const json& j, const char* who, const char* key) {
    const json& v = field(j, who, key);
    GL_CHECK(v.is_string(), who, ": \"", key, "\" must be a string");
    return v.get<std::string>();
}

}  // namespace

// ---------------------------------------------------------------- base
LRScheduler::LRScheduler(Optimizer& opt) : m_opt(&opt), m_baseLr(opt.option("lr")), m_lastLr(opt.option("lr")) {}

void LRScheduler::initialStep() {
    m_stepCount = 0;
    step();
}

void LRScheduler::step() {
    const int64_t prevEpoch = m_lastEpoch, prevCount = m_stepCount;
    ++m_stepCount;
    ++m_lastEpoch;
    try {
        double lr = computeLr();
        m_opt->setOption("lr", lr);
        m_lastLr = lr;
    } catch (...) {
        m_lastEpoch = prevEpoch;
        m_stepCount = prevCount;
        throw;
    }
}

void LRScheduler::step(double) {
    GL_FAIL(typeName(), ".step(metric): only ReduceLROnPlateau takes a metric; call step()");
}

json LRScheduler::state() const {
    json j;
    j["type"] = std::string(typeName());
    j["last_epoch"] = m_lastEpoch;
    j["step_count"] = m_stepCount;
    j["base_lr"] = m_baseLr;
    j["last_lr"] = m_lastLr;
    saveFields(j);
    return j;
}

void LRScheduler::loadState(const json& j) {
    const std::string who = str(typeName(), ".loadState");
    GL_CHECK(j.is_object(), who, ": the state must be a JSON object");
    std::string type = getString(j, who.c_str(), "type");
    GL_CHECK(type == typeName(), who, ": the state was saved by ", type, ", not by ", typeName());
    const int64_t lastEpoch = getInt(j, who.c_str(), "last_epoch");
    const int64_t stepCount = getInt(j, who.c_str(), "step_count");
    const double baseLr = getNumber(j, who.c_str(), "base_lr"), lastLr = getNumber(j, who.c_str(), "last_lr");
    GL_CHECK(lastEpoch >= -1 && stepCount >= 0, who, ": negative counters");
    GL_CHECK(std::isfinite(baseLr) && baseLr >= 0 && std::isfinite(lastLr) && lastLr >= 0, who,
             ": learning rates must be finite and >= 0");
    std::function<void()> commit = loadFields(j);  // throws before changing anything
    m_lastEpoch = lastEpoch;
    m_stepCount = stepCount;
    m_baseLr = baseLr;
    m_lastLr = lastLr;
    commit();
}

// ---------------------------------------------------------------- StepLR
StepLR::StepLR(Optimizer& opt, int64_t stepSize, double gamma) : LRScheduler(opt), m_stepSize(stepSize), m_gamma(gamma) {
    GL_CHECK(stepSize > 0, "StepLR: step_size must be a positive integer, got ", stepSize);
    GL_CHECK(std::isfinite(gamma) && gamma >= 0, "StepLR: gamma must be finite and >= 0, got ", gamma);
    initialStep();
}

double StepLR::computeLr() {
    if (m_lastEpoch == 0 || m_lastEpoch % m_stepSize != 0) return currentLr();
    return currentLr() * m_gamma;
}

void StepLR::saveFields(json& j) const {
    j["step_size"] = m_stepSize;
    j["gamma"] = m_gamma;
}

std::function<void()> StepLR::loadFields(const json& j) {
    int64_t s = getInt(j, "StepLR.loadState", "step_size");
    double g = getNumber(j, "StepLR.loadState", "gamma");
    GL_CHECK(s > 0 && std::isfinite(g) && g >= 0, "StepLR.loadState: invalid step_size or gamma");
    return [this, s, g] {
        m_stepSize = s;
        m_gamma = g;
    };
}

// ---------------------------------------------------------------- ExponentialLR
ExponentialLR::ExponentialLR(Optimizer& opt, double gamma) : LRScheduler(opt), m_gamma(gamma) {
    GL_CHECK(std::isfinite(gamma) && gamma >= 0, "ExponentialLR: gamma must be finite and >= 0, got ", gamma);
    initialStep();
}

double ExponentialLR::computeLr() { return m_lastEpoch == 0 ? currentLr() : currentLr() * m_gamma; }

void ExponentialLR::saveFields(json& j) const { j["gamma"] = m_gamma; }

std::function<void()> ExponentialLR::loadFields(const json& j) {
    double g = getNumber(j, "ExponentialLR.loadState", "gamma");
    GL_CHECK(std::isfinite(g) && g >= 0, "ExponentialLR.loadState: invalid gamma");
    return [this, g] { m_gamma = g; };
}

// ---------------------------------------------------------------- CosineAnnealingLR
CosineAnnealingLR::CosineAnnealingLR(Optimizer& opt, int64_t tMax, double etaMin)
    : LRScheduler(opt), m_tMax(tMax), m_etaMin(etaMin) {
    GL_CHECK(tMax > 0, "CosineAnnealingLR: T_max must be a positive integer, got ", tMax);
    GL_CHECK(std::isfinite(etaMin) && etaMin >= 0, "CosineAnnealingLR: eta_min must be finite and >= 0, got ", etaMin);
    initialStep();
}

double CosineAnnealingLR::computeLr() {
    const double e = double(m_lastEpoch), T = double(m_tMax), lr = currentLr();
    if (m_lastEpoch == 0) return lr;
    if (m_stepCount == 1 && m_lastEpoch > 0)
        return m_etaMin + (m_baseLr - m_etaMin) * (1 + std::cos(e * M_PI / T)) / 2;
    if (pyMod(m_lastEpoch - 1 - m_tMax, 2 * m_tMax) == 0)
        return lr + (m_baseLr - m_etaMin) * (1 - std::cos(M_PI / T)) / 2;
    return (1 + std::cos(M_PI * e / T)) / (1 + std::cos(M_PI * (e - 1) / T)) * (lr - m_etaMin) + m_etaMin;
}

void CosineAnnealingLR::saveFields(json& j) const {
    j["T_max"] = m_tMax;
    j["eta_min"] = m_etaMin;
}

std::function<void()> CosineAnnealingLR::loadFields(const json& j) {
    int64_t t = getInt(j, "CosineAnnealingLR.loadState", "T_max");
    double e = getNumber(j, "CosineAnnealingLR.loadState", "eta_min");
    GL_CHECK(t > 0 && std::isfinite(e) && e >= 0, "CosineAnnealingLR.loadState: invalid T_max or eta_min");
    return [this, t, e] {
        m_tMax = t;
        m_etaMin = e;
    };
}

// ---------------------------------------------------------------- CosineAnnealingWarmRestarts
CosineAnnealingWarmRestarts::CosineAnnealingWarmRestarts(Optimizer& opt, int64_t t0, int64_t tMult, double etaMin)
    : LRScheduler(opt), m_t0(t0), m_tMult(tMult), m_etaMin(etaMin), m_tI(t0) {
    GL_CHECK(t0 > 0, "CosineAnnealingWarmRestarts: expected positive integer T_0, but got ", t0);
    GL_CHECK(tMult >= 1, "CosineAnnealingWarmRestarts: expected integer T_mult >= 1, but got ", tMult);
    GL_CHECK(std::isfinite(etaMin) && etaMin >= 0, "CosineAnnealingWarmRestarts: eta_min must be finite and >= 0");
    initialStep();
}

void CosineAnnealingWarmRestarts::step() {
    int64_t epoch, tCur = m_tCur, tI = m_tI;
    if (m_lastEpoch < 0) {  // the initial step: torch's explicit-epoch branch with epoch 0
        epoch = 0;
        tI = m_t0;
        tCur = 0;
    } else {
        epoch = m_lastEpoch + 1;
        tCur += 1;
        if (tCur >= tI) {
            tCur -= tI;
            GL_CHECK(tI <= std::numeric_limits<int64_t>::max() / m_tMult,
                     "CosineAnnealingWarmRestarts: the restart period overflowed");
            tI *= m_tMult;
        }
    }
    const double lr = lrAt(tCur, tI);
    m_opt->setOption("lr", lr);
    m_tCur = tCur;
    m_tI = tI;
    m_lastEpoch = epoch;
    m_lastLr = lr;
}

double CosineAnnealingWarmRestarts::lrAt(int64_t tCur, int64_t tI) const {
    return m_etaMin + (m_baseLr - m_etaMin) * (1 + std::cos(M_PI * double(tCur) / double(tI))) / 2;
}

double CosineAnnealingWarmRestarts::computeLr() { return lrAt(m_tCur, m_tI); }

void CosineAnnealingWarmRestarts::saveFields(json& j) const {
    j["T_0"] = m_t0;
    j["T_mult"] = m_tMult;
    j["eta_min"] = m_etaMin;
    j["T_i"] = m_tI;
    j["T_cur"] = m_tCur;
}

std::function<void()> CosineAnnealingWarmRestarts::loadFields(const json& j) {
    const char* who = "CosineAnnealingWarmRestarts.loadState";
    int64_t t0 = getInt(j, who, "T_0"), tm = getInt(j, who, "T_mult"), ti = getInt(j, who, "T_i"),
            tc = getInt(j, who, "T_cur");
    double e = getNumber(j, who, "eta_min");
    GL_CHECK(t0 > 0 && tm >= 1 && ti > 0 && tc >= -1 && tc < ti && std::isfinite(e) && e >= 0, who,
             ": invalid T_0, T_mult, T_i, T_cur or eta_min");
    return [=, this] {
        m_t0 = t0;
        m_tMult = tm;
        m_tI = ti;
        m_tCur = tc;
        m_etaMin = e;
    };
}

// ---------------------------------------------------------------- OneCycleLR
void OneCycleLR::check(const OneCycleOptions& o) {
    GL_CHECK(o.totalSteps > 0, "OneCycleLR: expected positive integer total_steps, but got ", o.totalSteps);
    GL_CHECK(o.pctStart >= 0 && o.pctStart <= 1, "OneCycleLR: expected float between 0 and 1 pct_start, but got ",
             o.pctStart);
    GL_CHECK(std::isfinite(o.maxLr) && o.maxLr >= 0, "OneCycleLR: max_lr must be finite and >= 0, got ", o.maxLr);
    GL_CHECK(std::isfinite(o.divFactor) && o.divFactor > 0 && std::isfinite(o.finalDivFactor) && o.finalDivFactor > 0,
             "OneCycleLR: div_factor and final_div_factor must be finite and > 0");
    GL_CHECK(std::isfinite(o.baseMomentum) && std::isfinite(o.maxMomentum),
             "OneCycleLR: base_momentum and max_momentum must be finite");
}

OneCycleLR::OneCycleLR(Optimizer& opt, const OneCycleOptions& o)
    : LRScheduler(opt), m_lastMomentum(std::numeric_limits<double>::quiet_NaN()) {
    check(o);
    if (o.cycleMomentum) {
        GL_CHECK(opt.hasOption("beta1") || opt.hasOption("momentum"), "OneCycleLR: ", opt.typeName(),
                 " has no momentum or beta1 to cycle; pass cycle_momentum = false");
        std::string_view name = opt.hasOption("beta1") ? "beta1" : "momentum";
        // Like torch, the momentum starts at max_momentum. Writing base_momentum first checks that
        // both values are valid for the optimizer, so that later steps cannot fail.
        const double prev = opt.option(name);
        try {
            opt.setOption(name, o.baseMomentum);
            opt.setOption(name, o.maxMomentum);
        } catch (...) {
            opt.setOption(name, prev);
            throw;
        }
        m_momentumOption = name;
    }
    setup(o);
    initialStep();
}

void OneCycleLR::setup(const OneCycleOptions& o) {
    m_o = o;
    m_lrs[0] = o.maxLr / o.divFactor;          // initial_lr
    m_lrs[1] = o.maxLr;                        // max_lr
    m_lrs[2] = m_lrs[0] / o.finalDivFactor;    // min_lr
    m_momenta[0] = o.maxMomentum;
    m_momenta[1] = o.baseMomentum;
    const double total = double(o.totalSteps);
    if (o.threePhase) {
        m_phases = {{o.pctStart * total - 1, 0, 1, 0, 1},
                    {2 * o.pctStart * total - 2, 1, 0, 1, 0},
                    {total - 1, 0, 2, 0, 0}};
    } else {
        m_phases = {{o.pctStart * total - 1, 0, 1, 0, 1}, {total - 1, 1, 2, 1, 0}};
    }
    m_baseLr = m_lrs[0];
}

double OneCycleLR::anneal(double start, double end, double pct) const {
    if (m_o.cosine) {
        double cosOut = std::cos(M_PI * pct) + 1;
        return end + (start - end) / 2.0 * cosOut;
    }
    return (end - start) * pct + start;
}

double OneCycleLR::computeLr() {
    const double stepNum = double(m_lastEpoch);
    double startStep = 0;
    for (std::size_t i = 0; i < m_phases.size(); ++i) {
        const Phase& ph = m_phases[i];
        if (stepNum <= ph.endStep || i + 1 == m_phases.size()) {
            double pct = (stepNum - startStep) / (ph.endStep - startStep);
            if (!m_momentumOption.empty())
                m_lastMomentum = anneal(m_momenta[ph.startMomentum], m_momenta[ph.endMomentum], pct);
            return anneal(m_lrs[ph.startLr], m_lrs[ph.endLr], pct);
        }
        startStep = ph.endStep;
    }
    return currentLr();  // unreachable: the last phase always matches
}

void OneCycleLR::step() {
    GL_CHECK(m_lastEpoch + 1 <= m_o.totalSteps, "OneCycleLR: tried to step ", m_lastEpoch + 2,
             " times. The specified number of total steps is ", m_o.totalSteps);
    const double prevMomentum = m_lastMomentum;
    ++m_lastEpoch;
    double lr;
    try {
        lr = computeLr();
        // The last allowed step (step_num == total_steps) extrapolates past the schedule's end;
        // with linear annealing torch then sets a negative lr (never used for an update). Our
        // optimizers reject negative values, so the extrapolation is clamped to the valid range.
        lr = std::max(lr, 0.0);
        if (!m_momentumOption.empty()) {
            m_lastMomentum = std::max(m_lastMomentum, 0.0);
            if (m_momentumOption == "beta1") m_lastMomentum = std::min(m_lastMomentum, std::nextafter(1.0, 0.0));
            // Set both or neither.
            const double old = m_opt->option(m_momentumOption);
            m_opt->setOption(m_momentumOption, m_lastMomentum);
            try {
                m_opt->setOption("lr", lr);
            } catch (...) {
                m_opt->setOption(m_momentumOption, old);
                throw;
            }
        } else {
            m_opt->setOption("lr", lr);
        }
    } catch (...) {
        --m_lastEpoch;
        m_lastMomentum = prevMomentum;
        throw;
    }
    ++m_stepCount;
    m_lastLr = lr;
}

void OneCycleLR::saveFields(json& j) const {
    j["max_lr"] = m_o.maxLr;
    j["total_steps"] = m_o.totalSteps;
    j["pct_start"] = m_o.pctStart;
    j["anneal_strategy"] = m_o.cosine ? "cos" : "linear";
    j["cycle_momentum"] = m_o.cycleMomentum;
    j["base_momentum"] = m_o.baseMomentum;
    j["max_momentum"] = m_o.maxMomentum;
    j["div_factor"] = m_o.divFactor;
    j["final_div_factor"] = m_o.finalDivFactor;
    j["three_phase"] = m_o.threePhase;
    if (!m_momentumOption.empty()) j["last_momentum"] = m_lastMomentum;
}

std::function<void()> OneCycleLR::loadFields(const json& j) {
    const char* who = "OneCycleLR.loadState";
    OneCycleOptions o;
    o.maxLr = getNumber(j, who, "max_lr");
    o.totalSteps = getInt(j, who, "total_steps");
    o.pctStart = getNumber(j, who, "pct_start");
    std::string a = getString(j, who, "anneal_strategy");
    GL_CHECK(a == "cos" || a == "linear", who, ": anneal_strategy must be cos or linear");
    o.cosine = a == "cos";
    o.cycleMomentum = getBool(j, who, "cycle_momentum");
    o.baseMomentum = getNumber(j, who, "base_momentum");
    o.maxMomentum = getNumber(j, who, "max_momentum");
    o.divFactor = getNumber(j, who, "div_factor");
    o.finalDivFactor = getNumber(j, who, "final_div_factor");
    o.threePhase = getBool(j, who, "three_phase");
    check(o);
    GL_CHECK(o.cycleMomentum == !m_momentumOption.empty(), who,
             ": cycle_momentum differs from this scheduler's (rebuild the scheduler with the saved settings)");
    double lastMomentum = o.cycleMomentum ? getNumber(j, who, "last_momentum") : std::numeric_limits<double>::quiet_NaN();
    GL_CHECK(getInt(j, who, "last_epoch") <= o.totalSteps, who, ": last_epoch is beyond total_steps");
    return [this, o, lastMomentum] {
        setup(o);
        m_lastMomentum = lastMomentum;
    };
}

// ---------------------------------------------------------------- ReduceLROnPlateau
void ReduceLROnPlateau::check(const PlateauOptions& o) {
    GL_CHECK(o.factor < 1.0, "ReduceLROnPlateau: factor should be < 1.0, got ", o.factor);
    GL_CHECK(std::isfinite(o.factor) && o.factor >= 0, "ReduceLROnPlateau: factor must be finite and >= 0");
    GL_CHECK(o.patience >= 0 && o.cooldown >= 0, "ReduceLROnPlateau: patience and cooldown must be >= 0");
    GL_CHECK(std::isfinite(o.threshold) && std::isfinite(o.eps) && std::isfinite(o.minLr) && o.minLr >= 0,
             "ReduceLROnPlateau: threshold, eps and min_lr must be finite (min_lr >= 0)");
}

ReduceLROnPlateau::ReduceLROnPlateau(Optimizer& opt, const PlateauOptions& o) : LRScheduler(opt), m_o(o) {
    check(o);
    // Like torch: no initial step; the counters start at zero and best at the worst value.
    m_lastEpoch = 0;
    m_best = o.maximize ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
}

void ReduceLROnPlateau::step() {
    GL_FAIL("ReduceLROnPlateau.step() needs the monitored metric: call step(metric)");
}

bool ReduceLROnPlateau::isBetter(double a, double best) const {
    if (!m_o.maximize && m_o.relative) return a < best * (1. - m_o.threshold);
    if (!m_o.maximize) return a < best - m_o.threshold;
    if (m_o.relative) return a > best * (m_o.threshold + 1.);
    return a > best + m_o.threshold;
}

void ReduceLROnPlateau::step(double metric) {
    // Compute the new state first, then commit (setOption is the only call that can throw).
    int64_t epoch = m_lastEpoch + 1, numBad = m_numBad, cooldown = m_cooldownCounter;
    double best = m_best, lr = currentLr();
    if (isBetter(metric, best)) {
        best = metric;
        numBad = 0;
    } else {
        numBad += 1;
    }
    if (cooldown > 0) {
        cooldown -= 1;
        numBad = 0;  // ignore any bad epochs in cooldown
    }
    if (numBad > m_o.patience) {
        const double oldLr = lr, newLr = std::max(oldLr * m_o.factor, m_o.minLr);
        if (oldLr - newLr > m_o.eps) lr = newLr;
        cooldown = m_o.cooldown;
        numBad = 0;
    }
    m_opt->setOption("lr", lr);
    m_lastEpoch = epoch;
    m_best = best;
    m_numBad = numBad;
    m_cooldownCounter = cooldown;
    m_lastLr = lr;
}

void ReduceLROnPlateau::saveFields(json& j) const {
    j["mode"] = m_o.maximize ? "max" : "min";
    j["factor"] = m_o.factor;
    j["patience"] = m_o.patience;
    j["threshold"] = m_o.threshold;
    j["threshold_mode"] = m_o.relative ? "rel" : "abs";
    j["cooldown"] = m_o.cooldown;
    j["min_lr"] = m_o.minLr;
    j["eps"] = m_o.eps;
    // JSON has no infinity: the initial "worst" best is saved as null.
    j["best"] = std::isfinite(m_best) ? json(m_best) : json(nullptr);
    j["num_bad_epochs"] = m_numBad;
    j["cooldown_counter"] = m_cooldownCounter;
}

std::function<void()> ReduceLROnPlateau::loadFields(const json& j) {
    const char* who = "ReduceLROnPlateau.loadState";
    PlateauOptions o;
    std::string mode = getString(j, who, "mode"), tm = getString(j, who, "threshold_mode");
    GL_CHECK(mode == "min" || mode == "max", who, ": mode ", mode, " is unknown");
    GL_CHECK(tm == "rel" || tm == "abs", who, ": threshold mode ", tm, " is unknown");
    o.maximize = mode == "max";
    o.relative = tm == "rel";
    o.factor = getNumber(j, who, "factor");
    o.patience = getInt(j, who, "patience");
    o.threshold = getNumber(j, who, "threshold");
    o.cooldown = getInt(j, who, "cooldown");
    o.minLr = getNumber(j, who, "min_lr");
    o.eps = getNumber(j, who, "eps");
    check(o);
    const json& b = field(j, who, "best");
    GL_CHECK(b.is_null() || b.is_number(), who, ": \"best\" must be a number or null");
    double best = b.is_null() ? (o.maximize ? -std::numeric_limits<double>::infinity()
                                            : std::numeric_limits<double>::infinity())
                              : b.get<double>();
    int64_t numBad = getInt(j, who, "num_bad_epochs"), cd = getInt(j, who, "cooldown_counter");
    GL_CHECK(numBad >= 0 && cd >= 0, who, ": negative counters");
    return [=, this] {
        m_o = o;
        m_best = best;
        m_numBad = numBad;
        m_cooldownCounter = cd;
    };
}

// ---------------------------------------------------------------- factory
namespace {
constexpr std::array<std::string_view, 6> kSchedulers = {"step_lr",      "exponential_lr",
                                                         "cosine_annealing_lr", "reduce_lr_on_plateau",
                                                         "one_cycle_lr", "cosine_annealing_warm_restarts"};

// Throws on keys that are not in `known`.
void checkKeys(const json& o, const char* who, std::initializer_list<const char*> known) {
    GL_CHECK(o.is_object() || o.is_null(), who, ": options must be a JSON object");
    if (o.is_null()) return;
    for (const auto& [key, value] : o.items()) {
        bool ok = false;
        for (const char* k : known) ok = ok || key == k;
        if (!ok) {
            std::string list;
            for (const char* k : known) list += (list.empty() ? "" : ", ") + std::string(k);
            GL_FAIL(who, ": unknown option '", key, "' (known: ", list, ")");
        }
    }
}
bool has(const json& o, const char* key) { return o.is_object() && o.contains(key); }

}  // namespace

std::span<const std::string_view> schedulerNames() { return kSchedulers; }

std::unique_ptr<LRScheduler> makeScheduler(std::string_view name, Optimizer& opt, const json& o) {
    if (name == "step_lr") {
        const char* who = "step_lr";
        checkKeys(o, who, {"step_size", "gamma"});
        return std::make_unique<StepLR>(opt, getInt(o, who, "step_size"), has(o, "gamma") ? getNumber(o, who, "gamma") : 0.1);
    }
    if (name == "exponential_lr") {
        const char* who = "exponential_lr";
        checkKeys(o, who, {"gamma"});
        return std::make_unique<ExponentialLR>(opt, getNumber(o, who, "gamma"));
    }
    if (name == "cosine_annealing_lr") {
        const char* who = "cosine_annealing_lr";
        checkKeys(o, who, {"T_max", "eta_min"});
        return std::make_unique<CosineAnnealingLR>(opt, getInt(o, who, "T_max"),
                                                   has(o, "eta_min") ? getNumber(o, who, "eta_min") : 0.0);
    }
    if (name == "cosine_annealing_warm_restarts") {
        const char* who = "cosine_annealing_warm_restarts";
        checkKeys(o, who, {"T_0", "T_mult", "eta_min"});
        return std::make_unique<CosineAnnealingWarmRestarts>(opt, getInt(o, who, "T_0"),
                                                             has(o, "T_mult") ? getInt(o, who, "T_mult") : 1,
                                                             has(o, "eta_min") ? getNumber(o, who, "eta_min") : 0.0);
    }
    if (name == "one_cycle_lr") {
        const char* who = "one_cycle_lr";
        checkKeys(o, who, {"max_lr", "total_steps", "pct_start", "anneal_strategy", "cycle_momentum", "base_momentum",
                           "max_momentum", "div_factor", "final_div_factor", "three_phase"});
        OneCycleOptions c;
        c.maxLr = getNumber(o, who, "max_lr");
        c.totalSteps = getInt(o, who, "total_steps");
        if (has(o, "pct_start")) c.pctStart = getNumber(o, who, "pct_start");
        if (has(o, "anneal_strategy")) {
            std::string a = getString(o, who, "anneal_strategy");
            GL_CHECK(a == "cos" || a == "linear", "one_cycle_lr: anneal_strategy must by one of 'cos' or 'linear', instead got ", a);
            c.cosine = a == "cos";
        }
        if (has(o, "cycle_momentum")) c.cycleMomentum = getBool(o, who, "cycle_momentum");
        if (has(o, "base_momentum")) c.baseMomentum = getNumber(o, who, "base_momentum");
        if (has(o, "max_momentum")) c.maxMomentum = getNumber(o, who, "max_momentum");
        if (has(o, "div_factor")) c.divFactor = getNumber(o, who, "div_factor");
        if (has(o, "final_div_factor")) c.finalDivFactor = getNumber(o, who, "final_div_factor");
        if (has(o, "three_phase")) c.threePhase = getBool(o, who, "three_phase");
        return std::make_unique<OneCycleLR>(opt, c);
    }
    if (name == "reduce_lr_on_plateau") {
        const char* who = "reduce_lr_on_plateau";
        checkKeys(o, who, {"mode", "factor", "patience", "threshold", "threshold_mode", "cooldown", "min_lr", "eps"});
        PlateauOptions p;
        if (has(o, "mode")) {
            std::string m = getString(o, who, "mode");
            GL_CHECK(m == "min" || m == "max", "reduce_lr_on_plateau: mode ", m, " is unknown!");
            p.maximize = m == "max";
        }
        if (has(o, "threshold_mode")) {
            std::string m = getString(o, who, "threshold_mode");
            GL_CHECK(m == "rel" || m == "abs", "reduce_lr_on_plateau: threshold mode ", m, " is unknown!");
            p.relative = m == "rel";
        }
        if (has(o, "factor")) p.factor = getNumber(o, who, "factor");
        if (has(o, "patience")) p.patience = getInt(o, who, "patience");
        if (has(o, "threshold")) p.threshold = getNumber(o, who, "threshold");
        if (has(o, "cooldown")) p.cooldown = getInt(o, who, "cooldown");
        if (has(o, "min_lr")) p.minLr = getNumber(o, who, "min_lr");
        if (has(o, "eps")) p.eps = getNumber(o, who, "eps");
        return std::make_unique<ReduceLROnPlateau>(opt, p);
    }
    GL_FAIL("unknown lr scheduler '", name,
            "' (expected one of step_lr, exponential_lr, cosine_annealing_lr, reduce_lr_on_plateau, one_cycle_lr, "
            "cosine_annealing_warm_restarts)");
}

}  // namespace gradlab
