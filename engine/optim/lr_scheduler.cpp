// The learning-rate schedulers: torch 1.13's formulas written in the same order of operations (so
// the doubles agree with Python's), their checked state save/restore, and the factory by name.
#include "engine/optim/lr_scheduler.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <type_traits>
#include <variant>

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


using Field = LRScheduler::Field;
using Choice = LRScheduler::Choice;

// A field's value, as read from JSON or from its member.
using FieldValue = std::variant<int64_t, double, bool>;

FieldValue valueOf(const Field& f) {
    return std::visit(
        [](auto m) -> FieldValue {
            if constexpr (std::is_same_v<decltype(m), Choice>) return *m.flag;
            else return *m;
        },
        f.member);
}

void assign(const Field& f, const FieldValue& v) {
    std::visit(
        [&](auto m) {
            if constexpr (std::is_same_v<decltype(m), Choice>) *m.flag = std::get<bool>(v);
            else *m = std::get<std::remove_pointer_t<decltype(m)>>(v);
        },
        f.member);
}

json toJson(const Field& f) {
    return std::visit(
        [](auto m) -> json {
            if constexpr (std::is_same_v<decltype(m), Choice>) return *m.flag ? m.ifTrue : m.ifFalse;
            else if constexpr (std::is_same_v<decltype(m), double*>) return std::isfinite(*m) ? json(*m) : json(nullptr);
            else return *m;
        },
        f.member);
}

FieldValue fromJson(const json& j, const char* who, const Field& f) {
    return std::visit(
        [&](auto m) -> FieldValue {
            using M = decltype(m);
            if constexpr (std::is_same_v<M, Choice>) {
                const std::string v = getString(j, who, f.key);
                GL_CHECK(v == m.ifTrue || v == m.ifFalse, who, ": \"", f.key, "\" must be ", m.ifTrue, " or ", m.ifFalse,
                         ", got ", v);
                return v == m.ifTrue;
            } else if constexpr (std::is_same_v<M, double*>) {
                const json& v = field(j, who, f.key);
                GL_CHECK(v.is_null() || v.is_number(), who, ": \"", f.key, "\" must be a number or null");
                return v.is_null() ? std::numeric_limits<double>::quiet_NaN() : v.get<double>();
            } else if constexpr (std::is_same_v<M, int64_t*>) {
                return getInt(j, who, f.key);
            } else {
                return getBool(j, who, f.key);
            }
        },
        f.member);
}


// The options of OneCycleLR and ReduceLROnPlateau as fields: read by the factory (torch's
// argument names) and saved in the schedulers' states under the same names.
std::vector<Field> optionFields(OneCycleOptions& o) {
    return {{"max_lr", &o.maxLr},
            {"total_steps", &o.totalSteps},
            {"pct_start", &o.pctStart},
            {"anneal_strategy", Choice{&o.cosine, "cos", "linear"}},
            {"cycle_momentum", &o.cycleMomentum},
            {"base_momentum", &o.baseMomentum},
            {"max_momentum", &o.maxMomentum},
            {"div_factor", &o.divFactor},
            {"final_div_factor", &o.finalDivFactor},
            {"three_phase", &o.threePhase}};
}
std::vector<Field> optionFields(PlateauOptions& o) {
    return {{"mode", Choice{&o.maximize, "max", "min"}},
            {"factor", &o.factor},
            {"patience", &o.patience},
            {"threshold", &o.threshold},
            {"threshold_mode", Choice{&o.relative, "rel", "abs"}},
            {"cooldown", &o.cooldown},
            {"min_lr", &o.minLr},
            {"eps", &o.eps}};
}

// Sets each field that the options object `o` names (the others keep their values). Unknown
// names, and `required` ones that are missing, throw.
void readOptions(const json& o, const char* who, const std::vector<Field>& fields,
                 std::initializer_list<const char*> required = {}) {
    GL_CHECK(o.is_object() || o.is_null(), who, ": options must be a JSON object");
    std::string known;
    for (const Field& f : fields) known += (known.empty() ? "" : ", ") + std::string(f.key);
    if (o.is_object())
        for (const auto& item : o.items()) {
            const std::string& key = item.key();
            GL_CHECK(std::any_of(fields.begin(), fields.end(), [&](const Field& f) { return key == f.key; }), who,
                     ": unknown option '", key, "' (known: ", known, ")");
        }
    for (const char* key : required) GL_CHECK(o.is_object() && o.contains(key), who, ": missing \"", key, "\"");
    for (const Field& f : fields)
        if (o.is_object() && o.contains(f.key)) assign(f, fromJson(o, who, f));
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
    // fields() hands out writable members for loadState(); here they are only read.
    for (const Field& f : const_cast<LRScheduler*>(this)->fields()) j[f.key] = toJson(f);
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
    // Everything is read (and type-checked) before anything changes; the values are then set and
    // checked together, and put back as they were if the check throws.
    const std::vector<Field> fs = fields();
    std::vector<FieldValue> loaded, before;
    for (const Field& f : fs) {
        loaded.push_back(fromJson(j, who.c_str(), f));
        before.push_back(valueOf(f));
    }
    const std::array<int64_t, 2> counters{m_lastEpoch, m_stepCount};
    const std::array<double, 2> lrs{m_baseLr, m_lastLr};
    m_lastEpoch = lastEpoch, m_stepCount = stepCount, m_baseLr = baseLr, m_lastLr = lastLr;
    for (std::size_t i = 0; i < fs.size(); ++i) assign(fs[i], loaded[i]);
    try {
        checkFields();
    } catch (...) {
        m_lastEpoch = counters[0], m_stepCount = counters[1], m_baseLr = lrs[0], m_lastLr = lrs[1];
        for (std::size_t i = 0; i < fs.size(); ++i) assign(fs[i], before[i]);
        throw;
    }
    fieldsLoaded();
}

// ---------------------------------------------------------------- StepLR
StepLR::StepLR(Optimizer& opt, int64_t stepSize, double gamma) : LRScheduler(opt), m_stepSize(stepSize), m_gamma(gamma) {
    checkFields();
    initialStep();
}

std::vector<LRScheduler::Field> StepLR::fields() { return {{"step_size", &m_stepSize}, {"gamma", &m_gamma}}; }

void StepLR::checkFields() const {
    GL_CHECK(m_stepSize > 0, "StepLR: step_size must be a positive integer, got ", m_stepSize);
    GL_CHECK(std::isfinite(m_gamma) && m_gamma >= 0, "StepLR: gamma must be finite and >= 0, got ", m_gamma);
}

double StepLR::computeLr() {
    if (m_lastEpoch == 0 || m_lastEpoch % m_stepSize != 0) return currentLr();
    return currentLr() * m_gamma;
}

// ---------------------------------------------------------------- ExponentialLR
ExponentialLR::ExponentialLR(Optimizer& opt, double gamma) : LRScheduler(opt), m_gamma(gamma) {
    checkFields();
    initialStep();
}

std::vector<LRScheduler::Field> ExponentialLR::fields() { return {{"gamma", &m_gamma}}; }

void ExponentialLR::checkFields() const {
    GL_CHECK(std::isfinite(m_gamma) && m_gamma >= 0, "ExponentialLR: gamma must be finite and >= 0, got ", m_gamma);
}

double ExponentialLR::computeLr() { return m_lastEpoch == 0 ? currentLr() : currentLr() * m_gamma; }


// ---------------------------------------------------------------- CosineAnnealingLR
CosineAnnealingLR::CosineAnnealingLR(Optimizer& opt, int64_t tMax, double etaMin)
    : LRScheduler(opt), m_tMax(tMax), m_etaMin(etaMin) {
    checkFields();
    initialStep();
}

std::vector<LRScheduler::Field> CosineAnnealingLR::fields() { return {{"T_max", &m_tMax}, {"eta_min", &m_etaMin}}; }

void CosineAnnealingLR::checkFields() const {
    GL_CHECK(m_tMax > 0, "CosineAnnealingLR: T_max must be a positive integer, got ", m_tMax);
    GL_CHECK(std::isfinite(m_etaMin) && m_etaMin >= 0, "CosineAnnealingLR: eta_min must be finite and >= 0, got ",
             m_etaMin);
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

// ---------------------------------------------------------------- WarmupCosineLR
WarmupCosineLR::WarmupCosineLR(Optimizer& opt, int64_t warmup, int64_t total)
    : LRScheduler(opt), m_warmup(warmup), m_total(total) {
    checkFields();
    initialStep();
}

double WarmupCosineLR::factor(int64_t t, int64_t warmup, int64_t total) {
    if (t < warmup) return double(t + 1) / double(warmup);
    const double span = double(total - warmup);
    return 0.5 * (1.0 + std::cos(M_PI * double(std::min(t - warmup, total - warmup)) / span));
}

std::vector<LRScheduler::Field> WarmupCosineLR::fields() { return {{"warmup", &m_warmup}, {"total", &m_total}}; }

void WarmupCosineLR::checkFields() const {
    GL_CHECK(m_warmup >= 0, "WarmupCosineLR: warmup must be >= 0, got ", m_warmup);
    GL_CHECK(m_total > m_warmup, "WarmupCosineLR: total (", m_total, ") must be larger than warmup (", m_warmup, ")");
}

// ---------------------------------------------------------------- CosineAnnealingWarmRestarts
CosineAnnealingWarmRestarts::CosineAnnealingWarmRestarts(Optimizer& opt, int64_t t0, int64_t tMult, double etaMin)
    : LRScheduler(opt), m_t0(t0), m_tMult(tMult), m_etaMin(etaMin), m_tI(t0) {
    checkFields();
    initialStep();
}

std::vector<LRScheduler::Field> CosineAnnealingWarmRestarts::fields() {
    return {{"T_0", &m_t0}, {"T_mult", &m_tMult}, {"eta_min", &m_etaMin}, {"T_i", &m_tI}, {"T_cur", &m_tCur}};
}

void CosineAnnealingWarmRestarts::checkFields() const {
    GL_CHECK(m_t0 > 0, "CosineAnnealingWarmRestarts: expected positive integer T_0, but got ", m_t0);
    GL_CHECK(m_tMult >= 1, "CosineAnnealingWarmRestarts: expected integer T_mult >= 1, but got ", m_tMult);
    GL_CHECK(std::isfinite(m_etaMin) && m_etaMin >= 0, "CosineAnnealingWarmRestarts: eta_min must be finite and >= 0");
    GL_CHECK(m_tI > 0 && m_tCur >= -1 && m_tCur < m_tI, "CosineAnnealingWarmRestarts: invalid T_i (", m_tI,
             ") or T_cur (", m_tCur, ")");
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

std::vector<LRScheduler::Field> OneCycleLR::fields() {
    std::vector<Field> f = optionFields(m_o);
    if (!m_momentumOption.empty()) f.push_back({"last_momentum", &m_lastMomentum});
    return f;
}

void OneCycleLR::checkFields() const {
    check(m_o);
    GL_CHECK(m_o.cycleMomentum == !m_momentumOption.empty(),
             "OneCycleLR: cycle_momentum differs from this scheduler's (rebuild the scheduler with the saved settings)");
    GL_CHECK(m_lastEpoch <= m_o.totalSteps, "OneCycleLR: last_epoch is beyond total_steps");
}

void OneCycleLR::fieldsLoaded() { setup(m_o); }

// ---------------------------------------------------------------- ReduceLROnPlateau
ReduceLROnPlateau::ReduceLROnPlateau(Optimizer& opt, const PlateauOptions& o) : LRScheduler(opt), m_o(o) {
    checkFields();
    // Like torch: no initial step; the counters start at zero and best at the worst value.
    m_lastEpoch = 0;
    m_best = o.maximize ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
}

std::vector<LRScheduler::Field> ReduceLROnPlateau::fields() {
    std::vector<Field> f = optionFields(m_o);
    // best starts at the worst value, an infinity: saved as null, it comes back as NaN (fieldsLoaded).
    f.insert(f.end(), {{"best", &m_best}, {"num_bad_epochs", &m_numBad}, {"cooldown_counter", &m_cooldownCounter}});
    return f;
}

void ReduceLROnPlateau::checkFields() const {
    GL_CHECK(m_o.factor < 1.0, "ReduceLROnPlateau: factor should be < 1.0, got ", m_o.factor);
    GL_CHECK(std::isfinite(m_o.factor) && m_o.factor >= 0, "ReduceLROnPlateau: factor must be finite and >= 0");
    GL_CHECK(m_o.patience >= 0 && m_o.cooldown >= 0, "ReduceLROnPlateau: patience and cooldown must be >= 0");
    GL_CHECK(std::isfinite(m_o.threshold) && std::isfinite(m_o.eps) && std::isfinite(m_o.minLr) && m_o.minLr >= 0,
             "ReduceLROnPlateau: threshold, eps and min_lr must be finite (min_lr >= 0)");
    GL_CHECK(m_numBad >= 0 && m_cooldownCounter >= 0, "ReduceLROnPlateau: negative counters");
}

void ReduceLROnPlateau::fieldsLoaded() {
    if (std::isnan(m_best))
        m_best = m_o.maximize ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
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

// ---------------------------------------------------------------- factory
namespace {
constexpr std::array<std::string_view, 7> kSchedulers = {"step_lr",      "exponential_lr",
                                                         "cosine_annealing_lr", "reduce_lr_on_plateau",
                                                         "one_cycle_lr", "cosine_annealing_warm_restarts",
                                                         "warmup_cosine_lr"};
}  // namespace

std::span<const std::string_view> schedulerNames() { return kSchedulers; }

std::unique_ptr<LRScheduler> makeScheduler(std::string_view name, Optimizer& opt, const json& o) {
    int64_t steps = 0, mult = 1;  // the schedulers' integer and real arguments, defaults as torch's
    double gamma = 0.1, etaMin = 0.0;
    if (name == "step_lr") {
        readOptions(o, "step_lr", {{"step_size", &steps}, {"gamma", &gamma}}, {"step_size"});
        return std::make_unique<StepLR>(opt, steps, gamma);
    }
    if (name == "exponential_lr") {
        readOptions(o, "exponential_lr", {{"gamma", &gamma}}, {"gamma"});
        return std::make_unique<ExponentialLR>(opt, gamma);
    }
    if (name == "cosine_annealing_lr") {
        readOptions(o, "cosine_annealing_lr", {{"T_max", &steps}, {"eta_min", &etaMin}}, {"T_max"});
        return std::make_unique<CosineAnnealingLR>(opt, steps, etaMin);
    }
    if (name == "cosine_annealing_warm_restarts") {
        readOptions(o, "cosine_annealing_warm_restarts", {{"T_0", &steps}, {"T_mult", &mult}, {"eta_min", &etaMin}},
                    {"T_0"});
        return std::make_unique<CosineAnnealingWarmRestarts>(opt, steps, mult, etaMin);
    }
    if (name == "warmup_cosine_lr") {
        int64_t warmup = 0;
        readOptions(o, "warmup_cosine_lr", {{"warmup", &warmup}, {"total", &steps}}, {"total"});
        return std::make_unique<WarmupCosineLR>(opt, warmup, steps);
    }
    if (name == "one_cycle_lr") {
        OneCycleOptions c;
        readOptions(o, "one_cycle_lr", optionFields(c), {"max_lr", "total_steps"});
        return std::make_unique<OneCycleLR>(opt, c);
    }
    if (name == "reduce_lr_on_plateau") {
        PlateauOptions p;
        readOptions(o, "reduce_lr_on_plateau", optionFields(p));
        return std::make_unique<ReduceLROnPlateau>(opt, p);
    }
    GL_FAIL("unknown lr scheduler '", name,
            "' (expected one of step_lr, exponential_lr, cosine_annealing_lr, reduce_lr_on_plateau, one_cycle_lr, "
            "cosine_annealing_warm_restarts, warmup_cosine_lr)");
}

}  // namespace gradlab
