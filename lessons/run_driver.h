// RunDriver: the one way to drive a lesson's Run, used by gradlab-cli and by the GUI's session.
// It starts a run fresh or from a checkpoint (the envelope: lesson, parameters, seed), steps it,
// applies parameter changes, saves it and writes its result files. Every frame it passes on is
// checked against the lesson's declared outputs. The CLI keeps only argument parsing and files
// on the command line; the session keeps only its thread and mailbox.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/error.h"
#include "engine/io/checkpoint.h"
#include "lessons/lesson.h"

namespace gradlab {

class Recorder;

// A parameter assignment ("adam.lr" = 0.05), already parsed against the lesson's spec.
using ParamChange = std::pair<std::string, ParamValue>;

// A change made while a run trains: applied after `step` steps, before the next one. A run's edits
// and its initial parameters and seed say all there is to it: replaying them from a fresh start
// gives the same run, bit for bit, on the CPU.
struct Edit {
    int64_t step = 0;
    std::string key;
    ParamValue value;
    bool operator==(const Edit&) const = default;
};

// What it takes to run a recorded run again (read from its summary.json or checkpoint).
struct RunRecipe {
    const LessonSpec* lesson = nullptr;
    Params initial;
    uint64_t seed = 0;
    int64_t steps = 0;
    std::vector<Edit> edits;
    // From a summary.json: the device it ran on and its final scalars (to compare a replay with).
    std::string device = "cpu";
    nlohmann::json final;
};

// One thing run `to` does otherwise than run `from` (its parent): a parameter it began with
// otherwise (step -1: "surface rosenbrock -> himmelblau"), or one of its own edits where the two
// runs' edit logs part ("adam.lr 0.001 -> 0.01 at step 200"). Values as the command line writes
// them; the GUI words them in the student's language.
struct RunDifference {
    std::string key, before, after;
    int64_t step = -1;
    bool operator==(const RunDifference&) const = default;
};

// What `to` does otherwise than `from`, in that order; edits both runs made alike are left out.
std::vector<RunDifference> changesBetween(const LessonSpec& lesson, const Params& fromInitial, const std::vector<Edit>& fromEdits,
                                          const Params& toInitial, const std::vector<Edit>& toEdits);

class RunDriver {
public:
    // A fresh run of `lesson`; emits its frame 0 into `sink`.
    static std::unique_ptr<RunDriver> start(const LessonSpec& lesson, Params params, uint64_t seed, Device device,
                                            Sink& sink);

    struct Resume {
        const LessonSpec* lesson = nullptr;  // when set, the checkpoint must be for this lesson
        std::vector<ParamChange> changes;    // applied on top of the saved parameters
        std::optional<uint64_t> seed;        // replaces the saved seed in the envelope
    };
    // Continues the run saved at `path`; emits its state (resync) into `sink`. A change of a
    // reset-only parameter to a value other than the saved one is refused (ResumeError), an
    // unchanged value is no change. Throws Error for a bad file (nothing is half-applied).
    static std::unique_ptr<RunDriver> resume(const std::filesystem::path& path, Device device, Sink& sink,
                                             const Resume& how);
    // The same from a checkpoint in memory (a snapshot; checked as a file's would be).
    static std::unique_ptr<RunDriver> resume(Checkpoint ck, Device device, Sink& sink, const Resume& how);

    // Advances one step.
    void step(Sink& sink);
    // Applies a live change before the next step (a reset-only key is refused with an Error) and
    // records it in the run's edit log; the value the parameter has already is no change.
    void set(const std::string& key, const ParamValue& value, Sink& sink);
    // Applies the edits of `plan` (sorted by step) that fall due at the current step, from
    // `next` on, and moves `next` past them.
    void applyDue(const std::vector<Edit>& plan, std::size_t& next, Sink& sink);

    // The parameters the run started with and the changes made since, in order.
    const Params& initialParams() const { return m_initial; }
    const std::vector<Edit>& edits() const { return m_edits; }
    // Whether the edit log goes back to the run's start (not so for a checkpoint of a version
    // that kept none).
    bool historyComplete() const { return m_historyComplete; }

    // The recipe of the run recorded in `path`: a summary.json, or a checkpoint. Throws Error
    // for a file that is neither or whose history is incomplete.
    static RunRecipe recipe(const std::filesystem::path& path);
    // Edits as JSON ([{"step": 200, "key": "adam.lr", "value": 0.01}, ...]) and back (checked
    // against the lesson: known, live, valid, in step order).
    static nlohmann::json editsToJson(const LessonSpec& lesson, const std::vector<Edit>& edits);
    static std::vector<Edit> editsFromJson(const LessonSpec& lesson, const nlohmann::json& j);

    // The checkpoint of the current state: the envelope, the run's own state and `extra` under
    // meta["gui"] when given (the GUI's chart history).
    Checkpoint checkpoint(const nlohmann::json& extra = nullptr) const;
    void save(const std::filesystem::path& path, const nlohmann::json& extra = nullptr) const;

    // summary.json of a run recorded into `rec`: lesson, params, seed, device, steps, final
    // scalars, notes and the lesson's own headline results.
    nlohmann::json summary(const Recorder& rec) const;
    // Writes the result files into `dir`: metrics.csv, one CSV per series (and labelled heat map),
    // PNGs of the images, and summary.json (`summary`, completed by `extraSummary`).
    void writeOutputs(const std::filesystem::path& dir, const Recorder& rec, const nlohmann::json& extraSummary) const;
    // The same for any recorded run (the GUI's runs panel exports runs whose driver is gone):
    // the summary every run has (the lesson's own results aside), and the files with it.
    static nlohmann::json recordSummary(const LessonSpec& lesson, const Params& params, const Params& initial,
                                        const std::vector<Edit>& edits, uint64_t seed, Device device, int64_t steps,
                                        const Recorder& rec);
    static void writeRecord(const std::filesystem::path& dir, const Recorder& rec, const nlohmann::json& summary);

    const LessonSpec& lesson() const { return *m_lesson; }
    const Params& params() const { return m_params; }
    uint64_t seed() const { return m_seed; }
    Device device() const { return m_device; }
    int64_t stepCount() const { return m_run->stepCount(); }
    bool finished() const { return m_run->finished(); }
    int64_t plannedSteps() const { return m_run->plannedSteps(); }
    // What the loaded checkpoint kept beside the run (meta["gui"]); null for a fresh run.
    const nlohmann::json& loadedExtra() const { return m_loadedExtra; }

private:
    RunDriver(const LessonSpec& lesson, Params params, uint64_t seed, Device device);
    class Checked;  // a Sink that checks each frame against the declared outputs, then passes it on

    const LessonSpec* m_lesson;
    Params m_params;
    Params m_initial;
    std::vector<Edit> m_edits;
    bool m_historyComplete = true;
    uint64_t m_seed;
    Device m_device;
    std::unique_ptr<Run> m_run;
    OutputCheck m_check;
    nlohmann::json m_loadedExtra;
};

// A refused parameter change when resuming: the caller's input was wrong, not the file (the CLI
// answers it with its bad-usage exit code).
class ResumeError : public Error {
public:
    using Error::Error;
};

}  // namespace gradlab
