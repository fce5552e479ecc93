// Session: one lesson Run on its own worker thread. The GUI talks to it only through two
// mutex-guarded mailboxes: commands in (play, pause, step, set, save...) and an outbox of frames
// and events out, which the GUI empties on every frame-clock tick. Neither side ever waits for the
// other: the GUI never joins the worker (a stopped session's thread finishes its step and ends alone).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "lessons/lesson.h"
#include "lessons/run_driver.h"
#include "lessons/snapshots.h"

namespace gradlab {

struct Command {
    enum class Kind { Play, Pause, Step, Set, Speed, Save };
    Kind kind = Kind::Play;
    int64_t count = 0;          // Step: how many
    std::string key;            // Set
    ParamValue value;           // Set
    double stepsPerSecond = 0;  // Speed: 0 = as fast as possible
    std::string path;           // Save
    nlohmann::json extraMeta;   // Save: the GUI's own state (chart history, parameter changes)
};

struct SessionEvent {
    enum class Kind { Started, Paused, Finished, Failed, Saved, Loaded, Applied };
    Kind kind;
    std::string message;        // Failed: why / Saved, Loaded: the path / Applied: the parameter key
    nlohmann::json data;        // Loaded: lesson, params, seed, gui state / Applied: step, value / Failed: see below
    bool answersSave() const { return kind == Kind::Saved || (kind == Kind::Failed && data.contains("save")); }
};
// Any other Failed event has data {"during": "start"} (the run could not be built or loaded),
// {"during": "set", "key": the parameter} (the lesson refused a value) or {"during": "step"} (the
// run stopped on an error); its message is the error's own text, in English, and where the error
// has words for the student (Error::said) data.said holds them: {"text", "args"}.
// A Failed event that answers a Save has data {"save": its path, "why": one of these}; its message
// is the error's own text where there is one (kSaveError, kSaveStepFailed). The GUI words them.
inline constexpr const char* kSaveError = "error";              // writing the file failed
inline constexpr const char* kSaveNotBegun = "not_begun";       // the run was replaced before it began
inline constexpr const char* kSaveNotStarted = "not_started";   // the run could not be built or loaded
inline constexpr const char* kSaveStepFailed = "step_failed";   // the run stopped on an error
inline constexpr const char* kSaveEnded = "ended";              // the session had ended

struct Outbox {
    std::vector<Frame> frames;
    std::vector<SessionEvent> events;
    int64_t step = 0;
    double stepsPerSecond = 0;  // measured while running
    int64_t plannedSteps = -1;  // where the run ends by itself (Run::plannedSteps); -1: never
    // The training thread's own account: steps taken and the wall time spent taking them
    // (per-step streaming work included; paused and waiting time excluded).
    int64_t steppedSteps = 0;
    double steppedSeconds = 0;
    bool running = false;
    bool ready = false;         // the Run exists (constructed or loaded)
    // The run's history (RunDriver): how it began and the changes since; what a branch replays.
    Params initial;
    std::vector<Edit> edits;
    bool historyComplete = true;
};

class Session : public std::enable_shared_from_this<Session> {
public:
    struct Config {
        const LessonSpec* lesson = nullptr;  // may be null when loading: the file names it
        Params params;
        uint64_t seed = 0;
        Device device = Device::CPU;
        std::string loadPath;   // non-empty: build the Run from this checkpoint
        bool autoplay = false;
        double stepsPerSecond = 0;
        int64_t stepLimit = -1; // >= 0: pause after reaching this step (the --steps switch)
        std::vector<Edit> replay;  // changes to make at their steps (a branch replaying its parent)
        std::shared_ptr<const Checkpoint> from;   // non-null: start from this snapshot (a branch)
        std::shared_ptr<SnapshotStore> snapshots; // non-null: keep snapshots of the run here
    };

    // Starts the worker thread. The session lives as long as the GUI or the worker holds it.
    static std::shared_ptr<Session> start(Config config);

    void post(Command c);
    Outbox take();   // everything produced since the last take()
    void stop();     // the worker ends after its current step; never blocks
    bool stopped() const { return m_stop.load(); }
    const Config& config() const { return m_config; }

    // Threads still running (stopped sessions finishing their step); the app waits for them at exit.
    static int liveWorkers();

private:
    explicit Session(Config c) : m_config(std::move(c)) {}
    void work();
    void flush(std::vector<Frame>& pending);
    void event(SessionEvent e);

    Config m_config;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Command> m_commands;
    // Set (under m_mutex) when the worker has looked at its commands for the last time: a Save
    // posted after that is answered at once, with why nothing was saved (a kSave... reason and the
    // error's text). Null: the worker is on.
    const char* m_endedWhy = nullptr;
    std::string m_endedDetail;
    Outbox m_out;
    std::atomic<bool> m_stop{false};
};

}  // namespace gradlab
