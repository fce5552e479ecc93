// RunDriver: start or resume, step, change, save and write results, for the CLI and the GUI alike.
#include "lessons/run_driver.h"

#include <cmath>

#include "engine/io/atomic_file.h"
#include "lessons/image_export.h"
#include "lessons/recorder.h"

namespace gradlab {

class RunDriver::Checked : public Sink {
public:
    Checked(OutputCheck& check, Sink& inner) : m_check(check), m_inner(inner) {}
    void push(Frame&& f) override {
        m_check.apply(f);
        m_inner.push(std::move(f));
    }

private:
    OutputCheck& m_check;
    Sink& m_inner;
};

RunDriver::RunDriver(const LessonSpec& lesson, Params params, uint64_t seed, Device device)
    : m_lesson(&lesson), m_params(std::move(params)), m_seed(seed), m_device(device), m_check(lesson.id, lesson.outputs) {}

std::unique_ptr<RunDriver> RunDriver::start(const LessonSpec& lesson, Params params, uint64_t seed, Device device,
                                            Sink& sink) {
    std::unique_ptr<RunDriver> d(new RunDriver(lesson, std::move(params), seed, device));
    d->m_run = lesson.make(d->m_params, seed, device);
    Checked checked(d->m_check, sink);
    d->m_run->start(checked);
    return d;
}

std::unique_ptr<RunDriver> RunDriver::resume(const std::filesystem::path& path, Device device, Sink& sink,
                                             const Resume& how) {
    Checkpoint ck = loadCheckpoint(path, how.lesson ? how.lesson->id : std::string());
    const LessonSpec* lesson = findLesson(ck.lesson);
    GL_CHECK(lesson, "the checkpoint is for a lesson this version does not have (", ck.lesson, ")");
    GL_CHECK(ck.meta.contains("params") && ck.meta.contains("seed"), "the checkpoint lacks its parameters or seed");
    Params params = lesson->fromJson(ck.meta.at("params"));
    const nlohmann::json& seedJson = ck.meta.at("seed");
    GL_CHECK(seedJson.is_number_unsigned() || (seedJson.is_number_integer() && seedJson.get<int64_t>() >= 0),
             "the checkpoint's seed is not a non-negative integer");
    const uint64_t seed = how.seed ? *how.seed : seedJson.get<uint64_t>();
    std::vector<ParamChange> changes;
    for (const auto& [key, value] : how.changes) {
        const ParamSpec* p = lesson->find(key);
        GL_CHECK(p, lesson->id, ": unknown parameter '", key, "'");
        if (params.value(key) == value) continue;  // as saved: not a change
        if (!p->live)
            throw ResumeError(str(key, " cannot change when continuing from a checkpoint (it needs a fresh run)"), "resume");
        params.assign(key, value);
        changes.emplace_back(key, value);
    }
    std::unique_ptr<RunDriver> d(new RunDriver(*lesson, std::move(params), seed, device));
    d->m_run = lesson->make(d->m_params, seed, device);
    d->m_run->load(ck);
    Checked checked(d->m_check, sink);
    for (const auto& [key, value] : changes) d->m_run->set(key, value, checked);
    d->m_run->resync(checked);
    if (ck.meta.contains("gui")) d->m_loadedExtra = std::move(ck.meta["gui"]);
    return d;
}

void RunDriver::step(Sink& sink) {
    Checked checked(m_check, sink);
    m_run->step(checked);
}

void RunDriver::set(const std::string& key, const ParamValue& value, Sink& sink) {
    const ParamSpec* p = m_lesson->find(key);
    GL_CHECK(p, m_lesson->id, ": unknown parameter '", key, "'");
    GL_CHECK(p->live, m_lesson->id, ": ", key, " applies only to a fresh run (Reset)");
    m_lesson->validate(*p, value);
    Checked checked(m_check, sink);
    m_run->set(key, value, checked);  // may refuse a value only the lesson can judge (an unreadable image)
    m_params.assign(key, value);
}

Checkpoint RunDriver::checkpoint(const nlohmann::json& extra) const {
    Checkpoint ck;
    ck.lesson = m_lesson->id;
    ck.meta["params"] = m_lesson->toJson(m_params);
    ck.meta["seed"] = m_seed;
    if (!extra.is_null()) ck.meta["gui"] = extra;
    m_run->save(ck);
    return ck;
}

void RunDriver::save(const std::filesystem::path& path, const nlohmann::json& extra) const {
    saveCheckpoint(path, checkpoint(extra));
}

nlohmann::json RunDriver::summary(const Recorder& rec) const {
    nlohmann::json j;
    j["lesson"] = m_lesson->id;
    j["params"] = m_lesson->toJson(m_params);
    j["seed"] = m_seed;
    j["device"] = deviceName(m_device);
    j["steps"] = m_run->stepCount();
    nlohmann::json fin = nlohmann::json::object();
    for (auto& [k, v] : rec.lastScalars()) fin[k] = std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
    j["final"] = fin;
    // A named copy: items() of the temporary summary() would dangle in the loop (C++20 range-for).
    const nlohmann::json extra = m_run->summary();
    for (auto& [k, v] : extra.items()) j[k] = v;
    j["notes"] = rec.notes();
    return j;
}

void RunDriver::writeOutputs(const std::filesystem::path& dir, const Recorder& rec, const nlohmann::json& extraSummary) const {
    rec.writeCsvFiles(dir);
    writePngImages(rec.images(), dir);
    nlohmann::json j = summary(rec);
    for (auto& [k, v] : extraSummary.items()) j[k] = v;
    const std::string text = j.dump(2) + "\n";
    writeFileAtomic(dir / "summary.json", std::span<const char>(text.data(), text.size()));
}

}  // namespace gradlab
