// The worker loop of a Session: commands are read between steps; frames are batched and handed
// to the outbox every few milliseconds (one lock per batch, not per step).
#include "app/bridge/session.h"

#include <chrono>

#include "engine/core/error.h"
#include "engine/core/threads.h"
#include "lessons/run_driver.h"

namespace gradlab {
namespace {

using Clock = std::chrono::steady_clock;
std::atomic<int> g_liveWorkers{0};

constexpr auto kFlushEvery = std::chrono::milliseconds(8);

// Merges every frame of a batch of steps into one (see mergeFrame): the worker allocates and
// frees the per-step frames itself, and the GUI receives one frame per batch.
class BatchSink : public Sink {
public:
    explicit BatchSink(std::vector<Frame>& out) : m_out(out) {}
    void push(Frame&& f) override {
        if (m_out.empty()) m_out.push_back(std::move(f));
        else mergeFrame(m_out.back(), std::move(f));
    }

private:
    std::vector<Frame>& m_out;
};

// A Failed event for `e`: its English text, `data`, and what the student is to read (data.said:
// text and args) where the error has its words (Error::said).
SessionEvent failed(const std::exception& e, nlohmann::json data) {
    if (const auto* err = dynamic_cast<const Error*>(&e); err && err->said())
        data["said"] = {{"text", err->said()->text}, {"args", err->said()->args}};
    return {SessionEvent::Kind::Failed, e.what(), std::move(data)};
}

}  // namespace

int Session::liveWorkers() { return g_liveWorkers.load(); }

std::shared_ptr<Session> Session::start(Config config) {
    std::shared_ptr<Session> s(new Session(std::move(config)));
    ++g_liveWorkers;
    std::thread([s] {
        s->work();
        --g_liveWorkers;
    }).detach();
    return s;
}

void Session::post(Command c) {
    {
        std::lock_guard lock(m_mutex);
        if (m_endedWhy) {  // nobody would read it: a Save is answered here
            if (c.kind == Command::Kind::Save)
                m_out.events.push_back({SessionEvent::Kind::Failed, m_endedDetail, {{"save", c.path}, {"why", m_endedWhy}}});
            return;
        }
        m_commands.push_back(std::move(c));
    }
    m_wake.notify_one();
}

Outbox Session::take() {
    std::lock_guard lock(m_mutex);
    Outbox o;
    o.frames = std::move(m_out.frames);
    o.events = std::move(m_out.events);
    o.step = m_out.step;
    o.stepsPerSecond = m_out.stepsPerSecond;
    o.plannedSteps = m_out.plannedSteps;
    o.running = m_out.running;
    o.ready = m_out.ready;
    o.steppedSteps = m_out.steppedSteps;
    o.steppedSeconds = m_out.steppedSeconds;
    o.initial = m_out.initial;
    o.edits = m_out.edits;
    o.historyComplete = m_out.historyComplete;
    m_out.frames.clear();
    m_out.events.clear();
    return o;
}

void Session::stop() {
    {
        // Set under the lock: a worker between checking its wait's condition and going to sleep
        // would otherwise miss this wake-up and sleep for ever (ThreadSanitizer's slowness showed
        // it: the soak left two workers waiting with nobody to wake them).
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
}

void Session::event(SessionEvent e) {
    std::lock_guard lock(m_mutex);
    m_out.events.push_back(std::move(e));
}

void Session::flush(std::vector<Frame>& pending) {
    if (pending.empty()) return;
    std::lock_guard lock(m_mutex);
    for (Frame& f : pending) {
        if (m_out.frames.empty()) m_out.frames.push_back(std::move(f));
        else mergeFrame(m_out.frames.back(), std::move(f));  // the GUI has not taken the last batch yet
    }
    pending.clear();
}

void Session::work() {
    // Leave one core to the interface (drawing and input): on a 2-core machine two kernel
    // threads plus the GUI would fight for the cores, and OpenMP barriers suffer badly from that.
    setKernelThreads(std::min(kernelThreads(), std::max(1, hardwareThreads() - 1)));
    std::vector<Frame> pending;
    BatchSink sink(pending);
    std::unique_ptr<RunDriver> run;
    // A save asked for is made even when the session is stopped right after (Reset, a loaded
    // checkpoint, Quit): whether the student's file is written must not depend on how quickly
    // they clicked on. Saves a stopped session never got to are done or answered at its end.
    auto save = [&](const Command& c) {
        try {
            run->save(c.path, c.extraMeta);
            event({SessionEvent::Kind::Saved, c.path, {}});
        } catch (const std::exception& e) {
            event(failed(e, {{"save", c.path}, {"why", kSaveError}}));
        }
    };
    // whyNot null: save them; otherwise a kSave... reason, with the error's text in `detail`.
    auto saveWhatIsLeft = [&](const char* whyNot, const std::string& detail = {}) {
        std::deque<Command> left;
        {
            std::lock_guard lock(m_mutex);
            left.swap(m_commands);
            m_endedWhy = whyNot ? whyNot : kSaveEnded;
            m_endedDetail = detail;
        }
        for (const Command& c : left) {
            if (c.kind != Command::Kind::Save) continue;
            if (!whyNot) save(c);
            else event({SessionEvent::Kind::Failed, detail, {{"save", c.path}, {"why", whyNot}}});
        }
    };
    if (m_stop) {  // replaced before it began (rapid clicking): build nothing
        saveWhatIsLeft(kSaveNotBegun);
        return;
    }
    try {
        if (m_config.from) {
            Checkpoint ck = *m_config.from;
            for (auto& [name, t] : ck.tensors) t = t.clone();  // the snapshot stays as it was
            run = RunDriver::resume(std::move(ck), m_config.device, sink, {m_config.lesson, {}, {}});
        } else if (!m_config.loadPath.empty()) {
            run = RunDriver::resume(m_config.loadPath, m_config.device, sink, {m_config.lesson, {}, {}});
            nlohmann::json data = {{"lesson", run->lesson().id},
                                   {"params", run->lesson().toJson(run->params())},
                                   {"seed", run->seed()}};
            if (!run->loadedExtra().is_null()) data["gui"] = run->loadedExtra();
            event({SessionEvent::Kind::Loaded, m_config.loadPath, std::move(data)});
        } else {
            GL_CHECK(m_config.lesson, "internal error: a session without a lesson");
            run = RunDriver::start(*m_config.lesson, m_config.params, m_config.seed, m_config.device, sink);
        }
    } catch (const nlohmann::json::exception& e) {
        event({SessionEvent::Kind::Failed, std::string("the checkpoint's settings are damaged: ") + e.what(), {{"during", "start"}}});
        saveWhatIsLeft(kSaveNotStarted, e.what());
        std::lock_guard lock(m_mutex);
        m_out.running = false;
        return;
    } catch (const std::exception& e) {
        event(failed(e, {{"during", "start"}}));
        saveWhatIsLeft(kSaveNotStarted, e.what());
        std::lock_guard lock(m_mutex);
        m_out.running = false;
        return;
    }

    bool playing = m_config.autoplay;
    int64_t stepLimit = m_config.stepLimit;  // pauses once when reached, then runs on as asked
    int64_t toStep = 0;
    double speed = m_config.stepsPerSecond;
    auto lastFlush = Clock::now(), rateStart = Clock::now(), nextStep = Clock::now();
    int64_t rateSteps = 0, steppedSteps = 0;
    double rate = 0, steppedSeconds = 0;
    bool stepping = false;  // the previous loop pass took a step: the time since counts as stepping
    auto lastStepEnd = Clock::now();
    {
        std::lock_guard lock(m_mutex);
        m_out.ready = true;
        m_out.running = playing;
        m_out.step = run->stepCount();
        m_out.plannedSteps = run->plannedSteps();
        m_out.initial = run->initialParams();
        m_out.edits = run->edits();
        m_out.historyComplete = run->historyComplete();
    }
    if (playing) event({SessionEvent::Kind::Started, {}, {}});
    // A branch makes its parent's changes again, each at its step (and says so: a marker each).
    std::size_t nextReplay = 0;
    auto replayDue = [&] {
        for (; nextReplay < m_config.replay.size() && m_config.replay[nextReplay].step <= run->stepCount(); ++nextReplay) {
            const Edit& e = m_config.replay[nextReplay];
            run->set(e.key, e.value, sink);
            event({SessionEvent::Kind::Applied, e.key, {{"step", run->stepCount()}, {"value", run->lesson().written(run->params(), e.key)}}});
        }
    };

    auto publish = [&](bool running) {
        flush(pending);
        std::lock_guard lock(m_mutex);
        m_out.step = run->stepCount();
        m_out.plannedSteps = run->plannedSteps();
        m_out.running = running;
        m_out.stepsPerSecond = rate;
        m_out.steppedSteps = steppedSteps;
        m_out.steppedSeconds = steppedSeconds;
        if (run->edits().size() != m_out.edits.size()) m_out.edits = run->edits();
        lastFlush = Clock::now();
    };

    try {
        while (!m_stop) {
            std::deque<Command> cmds;
            {
                std::lock_guard lock(m_mutex);
                cmds.swap(m_commands);
            }
            for (Command& c : cmds) {
                switch (c.kind) {
                    case Command::Kind::Play:
                        if (!playing) event({SessionEvent::Kind::Started, {}, {}});
                        playing = true;
                        rateStart = Clock::now(), rateSteps = 0;
                        break;
                    case Command::Kind::Pause:
                        if (playing || toStep > 0) event({SessionEvent::Kind::Paused, {}, {}});
                        playing = false;
                        toStep = 0;
                        break;
                    case Command::Kind::Step: toStep += c.count; break;
                    case Command::Kind::Speed: speed = c.stepsPerSecond; break;
                    case Command::Kind::Set:
                        // A lesson may refuse a value only it can judge (an unreadable image):
                        // that is reported and the run goes on with what it had.
                        try {
                            run->set(c.key, c.value, sink);
                            event({SessionEvent::Kind::Applied, c.key,
                                   {{"step", run->stepCount()}, {"value", run->lesson().written(run->params(), c.key)}}});
                        } catch (const Error& e) {
                            event(failed(e, {{"during", "set"}, {"key", c.key}}));
                        }
                        break;
                    case Command::Kind::Save: save(c); break;
                }
            }
            const bool limitHit = stepLimit >= 0 && run->stepCount() >= stepLimit;
            if ((playing || toStep > 0) && (run->finished() || limitHit)) {
                event({run->finished() ? SessionEvent::Kind::Finished : SessionEvent::Kind::Paused, {}, {}});
                playing = false;
                toStep = 0;
                if (limitHit) stepLimit = -1;
            }
            if (!playing && toStep == 0) {
                stepping = false;
                rate = 0;
                publish(false);
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [&] { return m_stop || !m_commands.empty(); });
                continue;
            }
            if (speed > 0) {  // a speed limit: wait for the next step's time, but wake on commands
                auto now = Clock::now();
                if (now < nextStep) {
                    stepping = false;
                    std::unique_lock lock(m_mutex);
                    m_wake.wait_until(lock, nextStep, [&] { return m_stop || !m_commands.empty(); });
                    if (m_stop || !m_commands.empty()) continue;
                }
                nextStep = std::max(nextStep, Clock::now() - std::chrono::milliseconds(100)) +
                           std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / speed));
            }
            const auto stepBegin = stepping ? lastStepEnd : Clock::now();
            replayDue();
            run->step(sink);
            if (m_config.snapshots) m_config.snapshots->offer(run->stepCount(), [&] { return run->checkpoint(); });
            ++rateSteps;
            if (toStep > 0 && --toStep == 0 && !playing) event({SessionEvent::Kind::Paused, {}, {}});
            auto now = Clock::now();
            ++steppedSteps;
            steppedSeconds += std::chrono::duration<double>(now - stepBegin).count();
            stepping = true;
            lastStepEnd = now;
            double span = std::chrono::duration<double>(now - rateStart).count();
            if (span > 0.25) {
                rate = double(rateSteps) / span;
                rateStart = now;
                rateSteps = 0;
            }
            if (now - lastFlush >= kFlushEvery) publish(true);
        }
        saveWhatIsLeft(nullptr);
    } catch (const std::exception& e) {
        event(failed(e, {{"during", "step"}}));
        saveWhatIsLeft(kSaveStepFailed, e.what());
    }
    publish(false);
}

}  // namespace gradlab
