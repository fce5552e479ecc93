// RunDriver: start or resume, step, change, save and write results, for the CLI and the GUI alike.
#include "lessons/run_driver.h"

#include <cmath>
#include <fstream>

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
    : m_lesson(&lesson), m_params(std::move(params)), m_initial(m_params), m_seed(seed), m_device(device),
      m_check(lesson.id, lesson.outputs) {}

std::vector<RunDifference> changesBetween(const LessonSpec& lesson, const Params& fromInitial, const std::vector<Edit>& fromEdits,
                                          const Params& toInitial, const std::vector<Edit>& toEdits) {
    std::vector<RunDifference> out;
    for (const auto& [key, v] : toInitial.all())
        if (fromInitial.all().contains(key) && !(fromInitial.value(key) == v))
            out.push_back({key, lesson.written(fromInitial, key), lesson.written(toInitial, key)});
    std::size_t common = 0;
    while (common < fromEdits.size() && common < toEdits.size() && fromEdits[common] == toEdits[common]) ++common;
    Params now = toInitial;  // the values in force before each of `to`'s edits
    for (std::size_t i = 0; i < toEdits.size(); ++i) {
        const Edit& e = toEdits[i];
        if (i >= common) {
            Params after = now;
            after.assign(e.key, e.value);
            out.push_back({e.key, lesson.written(now, e.key), lesson.written(after, e.key), e.step});
        }
        now.assign(e.key, e.value);
    }
    return out;
}

nlohmann::json RunDriver::editsToJson(const LessonSpec& lesson, const std::vector<Edit>& edits) {
    nlohmann::json j = nlohmann::json::array();
    for (const Edit& e : edits) {
        const ParamSpec* p = lesson.find(e.key);
        j.push_back({{"step", e.step}, {"key", e.key},
                     {"value", p && p->isText() ? nlohmann::json(e.value.text) : nlohmann::json(e.value.number)}});
    }
    return j;
}

std::vector<Edit> RunDriver::editsFromJson(const LessonSpec& lesson, const nlohmann::json& j) {
    GL_CHECK(j.is_array(), "the edit log is not a list");
    std::vector<Edit> out;
    for (const nlohmann::json& e : j) {
        GL_CHECK(e.is_object() && e.contains("step") && e.contains("key") && e.contains("value") &&
                     e["step"].is_number_integer() && e["key"].is_string(),
                 "an entry of the edit log is not {step, key, value}: ", e.dump());
        Edit edit{e["step"].get<int64_t>(), e["key"].get<std::string>(), {}};
        const ParamSpec* p = lesson.find(edit.key);
        GL_CHECK(p, lesson.id, ": the edit log names an unknown parameter '", edit.key, "'");
        GL_CHECK(p->live, lesson.id, ": the edit log changes ", edit.key, ", which only a fresh run can take");
        GL_CHECK(edit.step >= 0 && (out.empty() || edit.step >= out.back().step), "the edit log is not in step order");
        const nlohmann::json& v = e["value"];
        if (p->isText()) {
            GL_CHECK(v.is_string(), edit.key, " in the edit log is not text");
            edit.value.text = v.get<std::string>();
        } else {
            GL_CHECK(v.is_number(), edit.key, " in the edit log is not a number");
            edit.value.number = v.get<double>();
        }
        lesson.validate(*p, edit.value);
        out.push_back(std::move(edit));
    }
    return out;
}

RunRecipe RunDriver::recipe(const std::filesystem::path& path) {
    nlohmann::json meta;
    std::string lessonId;
    std::error_code ec;
    GL_CHECK(std::filesystem::is_regular_file(path, ec), "cannot read ", path.string());
    if (path.extension() == ".json") {
        std::ifstream in(path);
        try {
            meta = nlohmann::json::parse(in);
        } catch (const nlohmann::json::exception&) {
            GL_FAIL(path.string(), " is not a JSON file");
        }
        GL_CHECK(meta.is_object() && meta.contains("lesson") && meta["lesson"].is_string(), path.string(),
                 " is not a run's summary.json (no lesson)");
        lessonId = meta["lesson"].get<std::string>();
    } else {
        Checkpoint ck = loadCheckpoint(path, "");
        lessonId = ck.lesson;
        meta = std::move(ck.meta);
    }
    RunRecipe r;
    r.lesson = findLesson(lessonId);
    GL_CHECK(r.lesson, "the run is of a lesson this version does not have (", lessonId, ")");
    GL_CHECK(meta.contains("initial_params") && meta.contains("edits"), path.string(),
             " does not record how its run began (initial parameters and edit log): it was written by an "
             "older version or after loading such a checkpoint, and cannot be replayed");
    GL_CHECK(!meta.contains("history_complete") || meta["history_complete"] == true, path.string(),
             " continues a run whose beginning was not recorded: it cannot be replayed");
    r.initial = r.lesson->fromJson(meta["initial_params"]);
    GL_CHECK(meta.contains("seed") && meta["seed"].is_number_integer() && meta["seed"].get<int64_t>() >= 0,
             path.string(), " has no valid seed");
    r.seed = meta["seed"].get<uint64_t>();
    GL_CHECK(meta.contains("steps") && meta["steps"].is_number_integer() && meta["steps"].get<int64_t>() >= 0,
             path.string(), " does not say how many steps the run took");
    r.steps = meta["steps"].get<int64_t>();
    r.edits = editsFromJson(*r.lesson, meta["edits"]);
    if (meta.contains("device") && meta["device"].is_string()) r.device = meta["device"].get<std::string>();
    if (meta.contains("final") && meta["final"].is_object()) r.final = meta["final"];
    return r;
}

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
    return resume(loadCheckpoint(path, how.lesson ? how.lesson->id : std::string()), device, sink, how);
}

namespace {

// Runs `restore` (a lesson reading a checkpoint that passed the file checks). What it cannot read
// (a tensor missing or of another shape, a parameter or a state field of the wrong kind) is one
// thing to a student: the file does not fit this lab's lesson. What() keeps which tensor or field.
template <class F>
auto doesNotFitUnlessSaid(const LessonSpec& lesson, F&& restore) {
    const auto doesNotFit = [&](const std::string& detail) {
        return Error(Said{QT_TRANSLATE_NOOP("errors", "%1: the checkpoint does not fit this lesson (it may come from "
                                                      "another version of the lab, or have been changed)"),
                          {lesson.id}},
                     "resume", detail);
    };
    try {
        return restore();
    } catch (const Error& e) {
        if (e.said()) throw;  // already in the student's words (a file the lesson needs is missing)
        throw doesNotFit(e.what());
    } catch (const nlohmann::json::exception& e) {  // a field of the wrong kind or shape not read through readSaved
        throw doesNotFit(std::string("a field has the wrong kind or shape: ") + e.what());
    }
}

}  // namespace

std::unique_ptr<RunDriver> RunDriver::resume(Checkpoint ck, Device device, Sink& sink, const Resume& how) {
    GL_CHECK(!how.lesson || ck.lesson == how.lesson->id, "the checkpoint is for the lesson '", ck.lesson, "', not '",
             how.lesson ? how.lesson->id : std::string(), "'");
    const LessonSpec* lesson = findLesson(ck.lesson);
    GL_CHECK(lesson, "the checkpoint is for a lesson this version does not have (", ck.lesson, ")");
    Params params = doesNotFitUnlessSaid(*lesson, [&] {
        GL_CHECK(ck.meta.contains("params") && ck.meta.contains("seed"), "the checkpoint lacks its parameters or seed");
        const nlohmann::json& seedJson = ck.meta.at("seed");
        GL_CHECK(seedJson.is_number_unsigned() || (seedJson.is_number_integer() && seedJson.get<int64_t>() >= 0),
                 "the checkpoint's seed is not a non-negative integer");
        return lesson->fromJson(ck.meta.at("params"));
    });
    const nlohmann::json& seedJson = ck.meta.at("seed");
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
    doesNotFitUnlessSaid(*lesson, [&] { d->m_run->load(ck); });
    // The run's history: how it began and what changed since, where the checkpoint kept it. A
    // new seed makes it another run, of which the beginning is not known.
    if (ck.meta.contains("initial_params") && ck.meta.contains("edits") && !how.seed &&
        ck.meta.value("history_complete", true)) {
        d->m_initial = lesson->fromJson(ck.meta["initial_params"]);
        d->m_edits = editsFromJson(*lesson, ck.meta["edits"]);
    } else {
        d->m_initial = lesson->fromJson(ck.meta.at("params"));
        d->m_historyComplete = false;
    }
    Checked checked(d->m_check, sink);
    for (const auto& [key, value] : changes) {
        d->m_run->set(key, value, checked);
        d->m_edits.push_back({d->m_run->stepCount(), key, value});
    }
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
    // The value it has: no change (and none in the log). An action is done every time it is asked.
    if (!p->isAction() && m_params.value(key) == value) return;
    Checked checked(m_check, sink);
    m_run->set(key, value, checked);  // may refuse a value only the lesson can judge (an unreadable image)
    if (!p->isAction()) m_params.assign(key, value);
    m_edits.push_back({m_run->stepCount(), key, value});
}

void RunDriver::applyDue(const std::vector<Edit>& plan, std::size_t& next, Sink& sink) {
    for (; next < plan.size() && plan[next].step <= m_run->stepCount(); ++next) set(plan[next].key, plan[next].value, sink);
}

Checkpoint RunDriver::checkpoint(const nlohmann::json& extra) const {
    Checkpoint ck;
    ck.lesson = m_lesson->id;
    ck.meta["params"] = m_lesson->toJson(m_params);
    ck.meta["seed"] = m_seed;
    ck.meta["steps"] = m_run->stepCount();
    ck.meta["initial_params"] = m_lesson->toJson(m_initial);
    ck.meta["edits"] = editsToJson(*m_lesson, m_edits);
    if (!m_historyComplete) ck.meta["history_complete"] = false;
    if (!extra.is_null()) ck.meta["gui"] = extra;
    m_run->save(ck);
    return ck;
}

void RunDriver::save(const std::filesystem::path& path, const nlohmann::json& extra) const {
    saveCheckpoint(path, checkpoint(extra));
}

nlohmann::json RunDriver::recordSummary(const LessonSpec& lesson, const Params& params, const Params& initial,
                                        const std::vector<Edit>& edits, uint64_t seed, Device device, int64_t steps,
                                        const Recorder& rec) {
    nlohmann::json j;
    j["lesson"] = lesson.id;
    j["params"] = lesson.toJson(params);
    j["seed"] = seed;
    j["device"] = deviceName(device);
    j["steps"] = steps;
    j["initial_params"] = lesson.toJson(initial);
    j["edits"] = editsToJson(lesson, edits);
    nlohmann::json fin = nlohmann::json::object();
    for (auto& [k, v] : rec.lastScalars()) fin[k] = std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
    j["final"] = fin;
    j["notes"] = rec.notes();
    return j;
}

nlohmann::json RunDriver::summary(const Recorder& rec) const {
    nlohmann::json j = recordSummary(*m_lesson, m_params, m_initial, m_edits, m_seed, m_device, m_run->stepCount(), rec);
    if (!m_historyComplete) j["history_complete"] = false;
    // A named copy: items() of the temporary summary() would dangle in the loop (C++20 range-for).
    const nlohmann::json extra = m_run->summary();
    for (auto& [k, v] : extra.items()) j[k] = v;
    return j;
}

void RunDriver::writeRecord(const std::filesystem::path& dir, const Recorder& rec, const nlohmann::json& summary) {
    rec.writeCsvFiles(dir);
    writePngImages(rec.images(), dir);
    // A path given in another encoding than UTF-8 keeps U+FFFD for its odd bytes (JSON is Unicode).
    const std::string text = summary.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    writeFileAtomic(dir / "summary.json", std::span<const char>(text.data(), text.size()));
}

void RunDriver::writeOutputs(const std::filesystem::path& dir, const Recorder& rec, const nlohmann::json& extraSummary) const {
    nlohmann::json j = summary(rec);
    for (auto& [k, v] : extraSummary.items()) j[k] = v;
    writeRecord(dir, rec, j);
}

}  // namespace gradlab
