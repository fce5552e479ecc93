// The lesson framework: a LessonSpec describes a lesson (id, texts, typed parameters, declared
// outputs, a factory); a Run is one live experiment that advances step by step and emits Frames
// into a Sink. The CLI and the GUI drive Runs through the same RunDriver (lessons/run_driver.h);
// only the Sink differs (CSV files vs. a queue to the UI).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/core/device.h"
#include "lessons/frame.h"
#include "lessons/outputs.h"
#include "lessons/params.h"

namespace gradlab {

struct Checkpoint;

// One live experiment.
class Run {
public:
    virtual ~Run() = default;
    // Emits what exists before any step (curves, the surface, the start point) as frame 0.
    virtual void start(Sink& sink) = 0;
    // Advances one step and emits its frame(s).
    virtual void step(Sink& sink) = 0;
    virtual int64_t stepCount() const = 0;
    // True when the run has nothing left to do (e.g. all epochs trained).
    virtual bool finished() const { return false; }
    // The step at which the run ends by itself (its epochs or its step budget, as set now);
    // -1: it runs until it is stopped. For progress and time-left estimates.
    virtual int64_t plannedSteps() const { return -1; }
    // Applies a live parameter change (already validated against the spec) before the next step.
    // May emit a frame (e.g. redrawn curves) into `sink`.
    virtual void set(const std::string& key, const ParamValue& value, Sink& sink) = 0;
    // Saves the complete state (model, optimizer, RNG, step) / restores it. load() is given a
    // checkpoint already checked to be for this lesson with these parameters; it validates
    // shapes and throws Error before changing anything.
    virtual void save(Checkpoint& ck) const = 0;
    virtual void load(const Checkpoint& ck) = 0;
    // Emits the state after load() (what start() would, plus the current values).
    virtual void resync(Sink& sink) { start(sink); }
    // Headline results for summary.json (e.g. {"test_accuracy": 0.85}); empty by default.
    virtual nlohmann::json summary() const { return nlohmann::json::object(); }
};

struct LessonSpec {
    std::string id;        // "optimizers"; the translation context of its strings, resources/icons/<id>.svg
    std::string title;     // "Optimizers race"
    std::string summary;   // one line for the lesson list
    std::string headline;       // the scalar the status line and the runs list show ("loss.adam")
    std::string headlineTitle;  // what they call it ("Adam's loss"), translated in the lesson's context
    int64_t defaultSteps = 100;
    double defaultSpeed = 0;  // steps per second the app starts at (0: as fast as it can)
    std::vector<ParamSpec> params;
    std::vector<OutputSpec> outputs;  // every name its frames may carry
    // Settings ("key=value") and a step budget under which a short run emits every declared
    // output: the tests run it for every registered lesson (headless and on its page).
    struct Smoke {
        std::vector<std::string> sets;
        int64_t steps = 3;
    } smoke;
    std::function<std::unique_ptr<Run>(const Params& params, uint64_t seed, Device device)> make;

    const ParamSpec* find(const std::string& key) const;
    const OutputSpec* output(const std::string& name) const { return findOutput(outputs, name); }
    Params defaults() const;
    // Parses "key=value" (as given to --set). Throws Error for an unknown key, a value that is
    // not a number, NaN/inf, out of range, not an integer, or not one of the choices.
    std::pair<std::string, ParamValue> parse(const std::string& assignment) const;
    ParamValue parseValue(const ParamSpec& p, const std::string& text) const;
    // A value as --set writes it ("0.001", "warmup_cosine"; an empty set or text stays empty).
    std::string written(const Params& values, const std::string& key) const;
    // Checks a value against its spec (same errors as parse).
    void validate(const ParamSpec& p, const ParamValue& v) const;
    // Params from their JSON form (a checkpoint); every key must exist and be valid.
    Params fromJson(const nlohmann::json& j) const;
    nlohmann::json toJson(const Params& p) const;
    // The whole declaration (params and outputs) as JSON: `gradlab-cli list --json`.
    nlohmann::json describe() const;
};

// The registry (lessons/registry.cpp): every lesson, in the order students see them.
std::span<const LessonSpec> allLessons();
const LessonSpec* findLesson(const std::string& id);  // null when unknown
std::string lessonIds();                              // "activations, optimizers, init"

}  // namespace gradlab
