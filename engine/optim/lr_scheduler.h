// Learning-rate schedules with the semantics of torch.optim.lr_scheduler (PyTorch 1.13): StepLR,
// ExponentialLR, CosineAnnealingLR, ReduceLROnPlateau, OneCycleLR, CosineAnnealingWarmRestarts.
// They set the optimizer's "lr" option (OneCycleLR also "momentum" or "beta1"). As in torch,
// constructing a scheduler performs its first step (epoch 0), and the chainable schedules compute
// the new lr from the optimizer's current lr, so a slider that moved the lr is taken along.
// A scheduler refers to its optimizer, which must outlive it.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/optim/optimizer.h"

namespace gradlab {

class LRScheduler {
public:
    virtual ~LRScheduler() = default;
    LRScheduler(const LRScheduler&) = delete;
    LRScheduler& operator=(const LRScheduler&) = delete;

    // The torch class name, e.g. "StepLR".
    virtual std::string_view typeName() const = 0;
    // One scheduler step (call after optimizer.step()). ReduceLROnPlateau needs step(metric).
    virtual void step();
    // ReduceLROnPlateau: one step with the monitored metric. The others throw.
    virtual void step(double metric);
    // The lr the scheduler set last (get_last_lr()[0]).
    double lastLr() const { return m_lastLr; }
    // Epochs (steps) taken; 0 right after construction.
    int64_t lastEpoch() const { return m_lastEpoch; }
    double baseLr() const { return m_baseLr; }

    // The scheduler's whole state (configuration and counters) for checkpoints, and its restore,
    // which checks everything (type, fields, values) before changing anything.
    nlohmann::json state() const;
    void loadState(const nlohmann::json& state);

    // A field of a subclass's state beyond the base's counters, saved by state() and restored by
    // loadState(): its JSON key and the member that holds it. A Choice is a flag saved as one of
    // two names; a double that is not finite is saved as null (JSON has no infinity) and comes
    // back as NaN.
    struct Choice {
        bool* flag;
        const char* ifTrue;
        const char* ifFalse;
    };
    struct Field {
        const char* key;
        std::variant<int64_t*, double*, bool*, Choice> member;
    };

protected:
    explicit LRScheduler(Optimizer& opt);
    // The first step, done by each subclass constructor once its fields are set.
    void initialStep();
    // get_lr(): the lr for m_lastEpoch (already advanced), in torch's (chainable) form.
    virtual double computeLr() = 0;
    double currentLr() const { return m_opt->option("lr"); }

    // The subclass's fields (see Field).
    virtual std::vector<Field> fields() = 0;
    // Throws unless the fields (and counters) hold valid values; loadState() puts the old values
    // back when it does. Constructors check with it too.
    virtual void checkFields() const = 0;
    // Called by loadState() once the loaded fields passed checkFields(): derive what depends on them.
    virtual void fieldsLoaded() {}

    Optimizer* m_opt;
    double m_baseLr;
    int64_t m_lastEpoch = -1;
    int64_t m_stepCount = 0;
    double m_lastLr = 0.0;
};

// lr *= gamma every stepSize epochs.
class StepLR : public LRScheduler {
public:
    StepLR(Optimizer& opt, int64_t stepSize, double gamma = 0.1);
    std::string_view typeName() const override { return "StepLR"; }

protected:
    double computeLr() override;
    std::vector<Field> fields() override;
    void checkFields() const override;

private:
    int64_t m_stepSize;
    double m_gamma;
};

// lr *= gamma every epoch.
class ExponentialLR : public LRScheduler {
public:
    ExponentialLR(Optimizer& opt, double gamma);
    std::string_view typeName() const override { return "ExponentialLR"; }

protected:
    double computeLr() override;
    std::vector<Field> fields() override;
    void checkFields() const override;

private:
    double m_gamma;
};

// lr_t = eta_min + (base - eta_min) (1 + cos(pi t / T_max)) / 2, computed recursively as torch does
// (and continuing past T_max the way torch's recursion does).
class CosineAnnealingLR : public LRScheduler {
public:
    CosineAnnealingLR(Optimizer& opt, int64_t tMax, double etaMin = 0.0);
    std::string_view typeName() const override { return "CosineAnnealingLR"; }

protected:
    double computeLr() override;
    std::vector<Field> fields() override;
    void checkFields() const override;

private:
    int64_t m_tMax;
    double m_etaMin;
};

// Cosine annealing restarted every T_i epochs, T_0 first, then T_i *= T_mult.
class CosineAnnealingWarmRestarts : public LRScheduler {
public:
    CosineAnnealingWarmRestarts(Optimizer& opt, int64_t t0, int64_t tMult = 1, double etaMin = 0.0);
    std::string_view typeName() const override { return "CosineAnnealingWarmRestarts"; }
    void step() override;
    int64_t tCur() const { return m_tCur; }
    int64_t tI() const { return m_tI; }

protected:
    double computeLr() override;
    std::vector<Field> fields() override;
    void checkFields() const override;

private:
    double lrAt(int64_t tCur, int64_t tI) const;
    int64_t m_t0, m_tMult;
    double m_etaMin;
    int64_t m_tI, m_tCur = -1;
};

// Linear warm-up, then cosine decay to 0 (what torch writes as a LambdaLR): lr = base * f(t) with
// f(t) = (t + 1) / warmup for t < warmup, else (1 + cos(pi min(t - warmup, T - warmup) / (T - warmup))) / 2,
// T = total; warmup 0 is plain cosine decay. Not chainable: a slider that moved the lr is not
// taken along (as with torch's LambdaLR).
class WarmupCosineLR : public LRScheduler {
public:
    WarmupCosineLR(Optimizer& opt, int64_t warmup, int64_t total);
    std::string_view typeName() const override { return "WarmupCosineLR"; }
    // f(t) for these settings (the factor of the base lr at scheduler step t).
    static double factor(int64_t t, int64_t warmup, int64_t total);

protected:
    double computeLr() override { return m_baseLr * factor(m_lastEpoch, m_warmup, m_total); }
    std::vector<Field> fields() override;
    void checkFields() const override;

private:
    int64_t m_warmup, m_total;
};

struct OneCycleOptions {
    double maxLr = 0.0;        // required
    int64_t totalSteps = 0;    // required
    double pctStart = 0.3;
    bool cosine = true;        // anneal_strategy: "cos" (true) or "linear"
    bool cycleMomentum = true;
    double baseMomentum = 0.85, maxMomentum = 0.95;
    double divFactor = 25.0, finalDivFactor = 1e4;
    bool threePhase = false;
};

// The 1cycle policy: lr from max_lr/div_factor up to max_lr (pct_start of the steps), then down to
// initial_lr/final_div_factor; momentum (or Adam's beta1) cycles inversely between max and base.
// Stepping past total_steps throws (and changes nothing). The final step (the total_steps-th
// after construction) extrapolates past the schedule like torch, but a negative lr (possible with
// linear annealing; torch would set it) is clamped to 0, and beta1 to [0, 1).
class OneCycleLR : public LRScheduler {
public:
    OneCycleLR(Optimizer& opt, const OneCycleOptions& options);
    std::string_view typeName() const override { return "OneCycleLR"; }
    void step() override;
    // The momentum (or beta1) set last; NaN when momentum is not cycled.
    double lastMomentum() const { return m_lastMomentum; }

protected:
    double computeLr() override;
    std::vector<Field> fields() override;
    void checkFields() const override;
    void fieldsLoaded() override;

private:
    struct Phase {
        double endStep;
        int startLr, endLr, startMomentum, endMomentum;  // indices into m_lrs / m_momenta
    };
    void setup(const OneCycleOptions& o);
    double anneal(double start, double end, double pct) const;
    static void check(const OneCycleOptions& o);

    OneCycleOptions m_o;
    std::vector<Phase> m_phases;
    double m_lrs[3] = {0, 0, 0};      // initial_lr, max_lr, min_lr
    double m_momenta[2] = {0, 0};     // max_momentum, base_momentum
    std::string_view m_momentumOption;  // "momentum" or "beta1" (empty: not cycled)
    double m_lastMomentum;
};

struct PlateauOptions {
    bool maximize = false;  // mode "max" (true) or "min"
    double factor = 0.1;
    int64_t patience = 10;
    double threshold = 1e-4;
    bool relative = true;   // threshold_mode "rel" (true) or "abs"
    int64_t cooldown = 0;
    double minLr = 0.0;
    double eps = 1e-8;
};

// Cuts the lr by `factor` when the metric has not improved for more than `patience` steps.
class ReduceLROnPlateau : public LRScheduler {
public:
    ReduceLROnPlateau(Optimizer& opt, const PlateauOptions& options = {});
    std::string_view typeName() const override { return "ReduceLROnPlateau"; }
    void step() override;  // throws: needs the metric
    void step(double metric) override;
    int64_t numBadEpochs() const { return m_numBad; }
    double best() const { return m_best; }

protected:
    double computeLr() override { return currentLr(); }
    std::vector<Field> fields() override;
    void checkFields() const override;
    void fieldsLoaded() override;

private:
    bool isBetter(double a, double best) const;
    PlateauOptions m_o;
    double m_best;
    int64_t m_numBad = 0, m_cooldownCounter = 0;
};

// name: step_lr (step_size, gamma), exponential_lr (gamma), cosine_annealing_lr (T_max, eta_min),
// reduce_lr_on_plateau (mode "min"|"max", factor, patience, threshold, threshold_mode "rel"|"abs",
// cooldown, min_lr, eps), warmup_cosine_lr (warmup, total), one_cycle_lr (max_lr, total_steps, pct_start, anneal_strategy
// "cos"|"linear", cycle_momentum, base_momentum, max_momentum, div_factor, final_div_factor,
// three_phase), cosine_annealing_warm_restarts (T_0, T_mult, eta_min). options: a JSON object with
// torch's argument names; unknown names and missing required ones throw.
std::unique_ptr<LRScheduler> makeScheduler(std::string_view name, Optimizer& opt, const nlohmann::json& options = {});
std::span<const std::string_view> schedulerNames();

}  // namespace gradlab
