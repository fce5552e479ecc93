// LabController: the runs of last time. At quit each lesson's run is kept as a checkpoint
// (<lesson>.safetensors: the model, optimizer, parameters, changes and chart history), and the
// other runs of its Runs tab and its panel as left as <lesson>.runs.json (what each run was and
// its charts, thinned; the values shown, seed and speed); when the lesson opens again they come
// back. See setResumeFolder.
#include "app/bridge/lab_controller.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <cmath>

#include "engine/core/error.h"
#include "engine/io/json_strict.h"
#include "lessons/run_driver.h"

namespace gradlab {

namespace {
// The points each trace of a kept run keeps: enough to draw it faded behind the run training.
constexpr std::size_t kKeptPoints = 4096;
constexpr const char* kRunsFormat = "gradlab-runs";
constexpr int kRunsMaxDepth = 128;  // as a checkpoint's metadata, which holds the same histories
constexpr qint64 kRunsMaxBytes = qint64(256) << 20;

// A whole number in [lo, hi] under `key` (a run's number, seed, steps), or an Error.
int64_t wholeNumber(const nlohmann::json& j, const char* key, int64_t lo, int64_t hi) {
    const nlohmann::json& v = j.at(key);
    GL_CHECK((v.is_number_integer() || v.is_number_unsigned()) && v.get<double>() >= double(lo) && v.get<double>() <= double(hi),
             "\"", key, "\" is not a whole number from ", lo, " to ", hi);
    return v.is_number_unsigned() ? int64_t(v.get<uint64_t>()) : v.get<int64_t>();
}
}  // namespace

QString LabController::resumePath(const LessonSpec& lesson) const {
    return QDir(m_resumeFolder).filePath(QString::fromStdString(lesson.id) + ".safetensors");
}

QString LabController::notContinuedPath(const LessonSpec& lesson) const {
    return QDir(m_resumeFolder).filePath(QString::fromStdString(lesson.id) + ".not-continued.safetensors");
}

QString LabController::keptRunsPath(const LessonSpec& lesson) const {
    return QDir(m_resumeFolder).filePath(QString::fromStdString(lesson.id) + ".runs.json");
}

bool LabController::setResumeFolder(const QString& folder, bool continueOnScreen) {
    m_resumeLock.reset();
    QDir().mkpath(folder);
    auto lock = std::make_unique<QLockFile>(QDir(folder).filePath(".lock"));
    lock->setStaleLockTime(0);  // stale only when the lab that took it has ended (a crash), however long it ran
    if (!lock->tryLock(0) && lock->error() == QLockFile::LockFailedError) {
        if (m_run)
            setMessage(*m_run, [] { return tr("Another Gradient Lab is open and keeps the runs: this one starts afresh and keeps nothing for next time."); },
                       MessageTone::News);
        return false;
    }
    // A folder that cannot be written goes on without the lock: each keep then says why on stderr.
    if (lock->isLocked()) m_resumeLock = std::move(lock);
    m_resumeFolder = folder;
    // Each lesson looks for what it left when it is first opened (setLessonId), not at start-up.
    for (auto& [id, r] : m_runs) r.resume = LessonRun::Resume::Unchecked;
    if (!m_run) return true;
    if (!continueOnScreen) {
        lookForKept(*m_run, false);  // its other runs come back; its run and panel are the ones asked for
        m_run->resume = LessonRun::Resume::Done;
    }
    resume(*m_run);
    return true;
}

void LabController::lookForKept(LessonRun& r, bool asLeft) {
    if (m_resumeFolder.isEmpty() || r.resume != LessonRun::Resume::Unchecked) return;
    r.resume = QFileInfo::exists(resumePath(*r.lesson)) ? LessonRun::Resume::Pending : LessonRun::Resume::Done;
    restoreOthers(r, asLeft);
}

void LabController::resume(LessonRun& r) {
    lookForKept(r);
    // Continued only on screen, one at a time, and over a run of its own that has not begun.
    if (r.resume == LessonRun::Resume::Pending && &r == m_run && !m_loader && r.out.step == 0)
        startLoading(resumePath(*r.lesson), r.lesson, true);
}

void LabController::keepRunsForNextTime() {
    if (m_resumeFolder.isEmpty()) return;
    QDir().mkpath(m_resumeFolder);
    for (auto& [id, r] : m_runs) {
        if (r.resume == LessonRun::Resume::Unchecked) continue;  // never opened: what it left stays
        if (r.session && r.out.step > 0) {
            if (r.kept != r.now()) postSave(r, resumePath(*r.lesson));
            r.kept = r.now();  // until the worker says it failed
        } else if (r.resume == LessonRun::Resume::Done) {
            QFile::remove(resumePath(*r.lesson));  // reset, or never trained
            r.kept = {};
        }
        if (std::string now = othersSignature(r); r.keptOthers != now) {
            keepOthers(r);
            r.keptOthers = std::move(now);
        }
    }
}

bool LabController::isKeep(const LessonRun& r, const std::string& path) const {
    return !m_resumeFolder.isEmpty() && QString::fromStdString(path) == resumePath(*r.lesson);
}

// ---------------------------------------------------------------- the other runs

std::string LabController::othersSignature(const LessonRun& r) {
    // Their recipes and boards do not change once they are others; a seed group's members train on.
    constexpr char kSep = '\x1f';
    std::string s = std::to_string(r.info.id) + kSep + (r.info.parent ? std::to_string(r.info.parent->id) : std::string("-"));
    for (const auto& o : r.others) {
        s += kSep + std::to_string(o->info.id) + kSep + o->info.name.toStdString() + kSep + (o->shown ? '1' : '0') + kSep +
             o->failure.toStdString();
        for (const SeedMember& m : o->members) s += kSep + std::to_string(m.step);
    }
    return s + kSep + panelJson(r).dump();
}

nlohmann::json LabController::infoJson(const LessonSpec& lesson, const RunInfo& i, bool withParent) {
    nlohmann::json j = {{"id", i.id},
                        {"name", i.name.toStdString()},  // "": named by its number, in the language of the day
                        {"seeds", i.seeds},
                        {"seed", i.seed},
                        {"device", deviceName(i.device)},
                        {"initial", lesson.toJson(i.initial)},
                        {"edits", RunDriver::editsToJson(lesson, i.edits)},
                        {"steps", i.steps},
                        {"history_complete", i.historyComplete}};
    // One generation: what the runs panel compares a run with.
    if (withParent && i.parent) j["parent"] = infoJson(lesson, *i.parent, false);
    return j;
}

LabController::RunInfo LabController::infoFromJson(const LessonSpec& lesson, const nlohmann::json& j, bool withParent) {
    RunInfo i;
    i.id = int(wholeNumber(j, "id", 1, 1'000'000'000));
    i.name = QString::fromStdString(j.at("name").get<std::string>());
    i.seeds = int(wholeNumber(j, "seeds", 0, 16));
    i.seed = uint64_t(wholeNumber(j, "seed", 0, int64_t(1) << 53));
    i.device = parseDevice(j.at("device").get<std::string>());
    i.initial = lesson.fromJson(j.at("initial"));
    i.edits = RunDriver::editsFromJson(lesson, j.at("edits"));
    i.steps = wholeNumber(j, "steps", 0, int64_t(1) << 53);
    i.historyComplete = j.at("history_complete").get<bool>();
    if (withParent && j.contains("parent")) i.parent = std::make_shared<const RunInfo>(infoFromJson(lesson, j["parent"], false));
    return i;
}

void LabController::keepOthers(LessonRun& r) {
    const QString path = keptRunsPath(*r.lesson);
    nlohmann::json panel = panelJson(r);
    if (r.others.empty() && r.info.id == 1 && !r.info.parent && panel.is_null()) {  // nothing a fresh lesson lacks
        QFile::remove(path);
        return;
    }
    const LessonSpec& lesson = *r.lesson;
    nlohmann::json others = nlohmann::json::array();
    for (const auto& o : r.others) {
        nlohmann::json members = nlohmann::json::array();
        for (const SeedMember& m : o->members) members.push_back({{"seed", m.seed}, {"step", m.step}, {"board", m.board->save(kKeptPoints)}});
        others.push_back({{"info", infoJson(lesson, o->info, true)},
                          {"shown", o->shown},
                          {"board", o->board ? o->board->save(kKeptPoints) : nlohmann::json()},
                          {"members", std::move(members)},
                          {"target", o->target},
                          {"failure", o->failure.toStdString()}});
    }
    // The run training keeps its number and what it is compared with (its own file is the checkpoint).
    nlohmann::json j = {{"format", kRunsFormat}, {"lesson", lesson.id}, {"current_id", r.info.id}, {"others", std::move(others)}};
    if (r.info.parent) j["parent_of_current"] = infoJson(lesson, *r.info.parent, false);
    if (!panel.is_null()) j["panel"] = std::move(panel);
    QSaveFile f(path);
    if (f.open(QIODevice::WriteOnly)) {
        f.write(QByteArray::fromStdString(j.dump()));
        f.commit();
    }
}

void LabController::restoreOthers(LessonRun& r, bool asLeft) {
    QFile f(keptRunsPath(*r.lesson));
    if (!f.open(QIODevice::ReadOnly)) return;
    const LessonSpec& lesson = *r.lesson;
    auto keptBoard = [&](const nlohmann::json& history) {
        auto b = std::make_unique<Board>();
        b->setLesson(&lesson);
        b->restore(history);
        b->setPicturesLost(true);
        return b;
    };
    std::vector<std::unique_ptr<OtherRun>> kept;
    std::shared_ptr<const RunInfo> parent;
    int currentId = 0, nextId = 1;
    nlohmann::json panel;
    try {
        GL_CHECK(f.size() <= kRunsMaxBytes, "it is larger than ", kRunsMaxBytes >> 20, " MiB");
        nlohmann::json j;
        const QByteArray text = f.readAll();
        j = parseJsonStrict(std::string_view(text.constData(), std::size_t(text.size())), kRunsMaxDepth);
        GL_CHECK(j.is_object() && j.value("format", std::string()) == kRunsFormat && j.value("lesson", std::string()) == lesson.id,
                 "it is not a list of runs of this lesson");
        const nlohmann::json& others = j.at("others");
        GL_CHECK(others.is_array() && others.size() <= kMaxRuns, "it lists more than ", kMaxRuns, " runs");
        for (const nlohmann::json& o : others) {
            auto run = std::make_unique<OtherRun>();
            run->info = infoFromJson(lesson, o.at("info"), true);
            run->shown = o.at("shown").get<bool>();
            if (!o.at("board").is_null()) run->board = keptBoard(o["board"]);
            for (const nlohmann::json& m : o.at("members")) {
                SeedMember member;
                member.seed = uint64_t(wholeNumber(m, "seed", 0, int64_t(1) << 53));
                member.step = wholeNumber(m, "step", 0, int64_t(1) << 53);
                member.board = keptBoard(m.at("board"));
                run->members.push_back(std::move(member));
            }
            run->target = wholeNumber(o, "target", 0, int64_t(1) << 53);
            run->failure = QString::fromStdString(o.at("failure").get<std::string>());
            nextId = std::max(nextId, run->info.id + 1);
            kept.push_back(std::move(run));
        }
        if (j.contains("parent_of_current")) parent = std::make_shared<const RunInfo>(infoFromJson(lesson, j["parent_of_current"], false));
        currentId = int(wholeNumber(j, "current_id", 1, 1'000'000'000));
        if (j.contains("panel")) panel = std::move(j["panel"]);
    } catch (const std::exception& e) {  // Error, or the JSON's: the file goes at the next quit
        setMessage(r, [why = trError(e)] { return tr("The other runs of last time could not be read: %1").arg(why); },
                   MessageTone::Lab);
        return;
    }
    // Kept runs come first (oldest first); the run training keeps its number where it is free.
    for (auto& o : r.others) kept.push_back(std::move(o));
    r.others = std::move(kept);
    r.nextRunId = std::max({r.nextRunId, nextId, currentId + 1});
    if (r.out.step == 0) {  // the run of last time, or the new run that took its place
        const bool taken = std::any_of(r.others.begin(), r.others.end(), [&](const auto& o) { return o->info.id == currentId; });
        newRun(r, std::move(parent));
        if (!taken) r.info.id = currentId;
    }
    relink(r);
    // The file holds them as they are now, or else it is written at the next keep.
    if (restorePanel(r, panel, asLeft)) r.keptOthers = othersSignature(r);
    else r.keptOthers.reset();
    if (&r == m_run) {
        refreshRuns();
        emit boardChanged();
    }
}

// ---------------------------------------------------------------- the panel as left

nlohmann::json LabController::panelJson(const LessonRun& r) {
    const LessonSpec& lesson = *r.lesson;
    if (r.values == lesson.defaults() && r.seed == 0 && r.speed == lesson.defaultSpeed) return {};
    return {{"values", lesson.toJson(r.values)}, {"seed", r.seed}, {"speed", r.speed}};
}

bool LabController::restorePanel(LessonRun& r, const nlohmann::json& panel, bool asLeft) {
    if (!asLeft) return false;  // the run's own values, which the file does not hold
    if (panel.is_null()) return true;
    Params values;
    uint64_t seed = 0;
    double speed = 0;
    try {
        values = r.lesson->fromJson(panel.at("values"));
        seed = uint64_t(wholeNumber(panel, "seed", 0, int64_t(1) << 53));
        speed = panel.at("speed").get<double>();
        GL_CHECK(std::isfinite(speed) && speed >= 0, "\"speed\" is not a speed");
    } catch (const std::exception&) {
        return false;  // a lesson changed since (a parameter more, another range): it shows its defaults
    }
    applySpeed(r, speed);
    if (r.resume == LessonRun::Resume::Pending) {
        r.keptValues = std::move(values);  // its run of last time loads first (handle, Loaded)
    } else if (r.out.step == 0) {  // left untrained: a new run on the values it showed
        r.values = r.applied = std::move(values);
        r.seed = seed;
        if (r.session) startSession(r, false);
    }
    if (&r == m_run) {
        m_params.setLesson(r.lesson, r.values, r.applied);
        emit seedChanged();
    }
    return true;
}

}  // namespace gradlab
