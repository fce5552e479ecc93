// LabController: what the QML UI talks to. Every lesson the student opened keeps its own run
// (LessonRun: its Session on a worker thread, its Board with the chart history, its parameter
// values, seed, speed and message) while the student visits other lessons: it pauses, or trains
// on when keepTraining is set, and is shown exactly as left on return. The controller drains every
// live session on each tick of the frame clock (a 10 ms timer) and turns transport actions (play,
// pause, step, reset, speed, seed, device), parameter edits and checkpoint requests into commands
// for the current lesson's session. Nothing here blocks on a worker.
#pragma once

#include <QColor>
#include <QElapsedTimer>
#include <QLockFile>
#include <QObject>
#include <QQuickTextDocument>
#include <QTimer>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "app/bridge/board.h"
#include "app/bridge/models.h"
#include "app/bridge/session.h"

namespace gradlab {

class Translations;

class LabController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(LessonListModel* lessons READ lessons CONSTANT)
    Q_PROPERTY(ParamModel* params READ params CONSTANT)
    Q_PROPERTY(RunListModel* runs READ runs CONSTANT)  // the runs of the lesson on screen
    Q_PROPERTY(Board* board READ board NOTIFY boardChanged)
    // Whether the run on screen can go back to an earlier step (its history goes back to its start).
    Q_PROPERTY(bool canBranch READ canBranch NOTIFY stateChanged)
    Q_PROPERTY(QString lessonId READ lessonId WRITE setLessonId NOTIFY lessonChanged)
    // The lesson whose page the window shows: "" while lessons switch, so that the page left is
    // gone before the next lesson's values and board arrive (its bindings would run once more on
    // them and ask the new board for its own lesson's names).
    Q_PROPERTY(QString page READ page NOTIFY pageChanged)
    Q_PROPERTY(QString lessonTitle READ lessonTitle NOTIFY lessonChanged)
    Q_PROPERTY(QString lessonText READ lessonText NOTIFY lessonTextChanged)
    // The colour of the links in lessonText (the theme's accent, set by the window): the text's
    // HTML carries it, since a rich-text link is otherwise drawn in a fixed blue.
    Q_PROPERTY(QColor linkColor READ linkColor WRITE setLinkColor NOTIFY lessonTextChanged)
    Q_PROPERTY(QString headline READ headline NOTIFY lessonChanged)
    Q_PROPERTY(QString headlineTitle READ headlineTitle NOTIFY lessonChanged)
    // Whether the lesson draws pictures (images, heat maps) that runs can be compared by.
    Q_PROPERTY(bool hasPictures READ hasPictures NOTIFY lessonChanged)
    Q_PROPERTY(bool running READ running NOTIFY stateChanged)
    Q_PROPERTY(bool ready READ ready NOTIFY stateChanged)
    Q_PROPERTY(bool finished READ finished NOTIFY stateChanged)
    Q_PROPERTY(double step READ step NOTIFY stateChanged)
    Q_PROPERTY(double stepsPerSecond READ stepsPerSecond NOTIFY stateChanged)
    // The status line's word on the pace: "paused", "120 steps/s", "3.2 s per step" (see pace()).
    Q_PROPERTY(QString pace READ pace NOTIFY stateChanged)
    // The step at which the run ends by itself (epochs, a step budget); -1: it runs until stopped.
    Q_PROPERTY(double plannedSteps READ plannedSteps NOTIFY stateChanged)
    // How far a run that ends by itself has come: "epoch 2 of 5 · 40 % · about 1 min left".
    Q_PROPERTY(QString progress READ progress NOTIFY stateChanged)
    // Train on in the background while the student looks at another lesson (default: pause).
    Q_PROPERTY(bool keepTraining MEMBER m_keepTraining NOTIFY keepTrainingChanged)
    Q_PROPERTY(QString device READ device WRITE setDevice NOTIFY deviceChanged)
    Q_PROPERTY(QStringList devices READ devices CONSTANT)
    Q_PROPERTY(QString deviceNote READ deviceNote CONSTANT)
    Q_PROPERTY(int seed READ seed WRITE setSeed NOTIFY seedChanged)
    Q_PROPERTY(double speed READ speed WRITE setSpeed NOTIFY speedChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(bool messageTells READ messageTells NOTIFY messageChanged)
    // Whether the message is the lab's calm news ("Saved …", "Loaded …", "Exported …", "The lesson
    // has finished its run."), shown quietly rather than in the warning colour of its errors.
    Q_PROPERTY(bool messageCalm READ messageCalm NOTIFY messageChanged)
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    Q_PROPERTY(QUrl documentsFolder READ documentsFolder CONSTANT)
    // Where file dialogs open: the folder last used, while it exists, else the documents folder.
    Q_PROPERTY(QUrl folder READ folder NOTIFY folderChanged)

public:
    explicit LabController(QObject* parent = nullptr);
    ~LabController() override;

    LessonListModel* lessons() { return &m_lessons; }
    ParamModel* params() { return &m_params; }
    RunListModel* runs() { return &m_runList; }
    Board* board() { return m_run->board.get(); }
    QString lessonId() const;
    void setLessonId(const QString& id);
    QString lessonTitle() const;
    QString page() const;
    QString lessonText() const;
    QColor linkColor() const { return m_linkColor; }
    void setLinkColor(const QColor& c) {
        if (c == m_linkColor) return;
        m_linkColor = c;
        emit lessonTextChanged();
    }
    QString headline() const;       // the output's name ("loss.val")
    QString headlineTitle() const;  // what the student reads ("validation loss"), translated
    bool hasPictures() const;
    bool running() const { return m_run->out.running; }
    bool ready() const { return m_run->out.ready; }
    bool finished() const { return m_run->finished; }  // the run said it has nothing left to do
    double step() const { return double(m_run->out.step); }
    double stepsPerSecond() const { return m_run->out.stepsPerSecond; }
    QString pace() const { return pace(m_run->out.ready, m_run->out.running, m_run->out.stepsPerSecond); }
    double plannedSteps() const { return double(m_run->out.plannedSteps); }
    QString progress() const;
    // The training thread's steps and the seconds it spent on them in this run (see Outbox).
    int64_t steppedSteps() const { return m_run->out.steppedSteps; }
    double steppedSeconds() const { return m_run->out.steppedSeconds; }
    QString device() const { return QString::fromStdString(deviceName(m_device)); }
    void setDevice(const QString& d);
    QStringList devices() const;
    QString deviceNote() const;
    int seed() const { return int(m_run->seed); }
    void setSeed(int s);
    double speed() const { return m_run->speed; }
    void setSpeed(double stepsPerSecond);
    QString message() const { return m_run->message; }
    // Whether the message is the lesson telling something (a fallback, the answer to a button),
    // shown plainly; other messages are the lab's (errors, "Saved …") or a lesson's warning.
    bool messageTells() const { return m_run->messageTone == MessageTone::Lesson; }
    bool messageCalm() const { return m_run->messageTone == MessageTone::News; }
    QString language() const { return m_language; }
    QUrl documentsFolder() const;
    QUrl folder() const;
    // Remembers the folder of a file the student chose, for the next dialog.
    Q_INVOKABLE void rememberFolder(const QUrl& file);
    // What a file dialog returned, as the file meant: Qt's own dialog joins the folder shown and a
    // typed absolute path ("/home/me/Documents//tmp/x"); the absolute path wins.
    Q_INVOKABLE static QUrl cleanFileUrl(const QUrl& picked);  // see file_urls.h
    // Where the window opens: its remembered place, or the middle of the primary screen when that
    // place is on no screen now (see window_place.h).
    Q_INVOKABLE static QRect visiblePlace(const QRect& remembered);
    // Creates a folder (and its parents); "" when it exists afterwards, else why not.
    Q_INVOKABLE static QString makeFolder(const QUrl& folder);
    // The links in a text item's document, in reading order: [{start, end, link}] (positions as
    // the item's select() takes them). The keyboard's way through the lesson text's "param:" links.
    Q_INVOKABLE static QVariantList linksIn(QQuickTextDocument* document);
    // The catalogues setLanguage installs (main's; none: the strings stay as they are).
    void setTranslations(Translations* t) { m_translations = t; }
    // Installs the language's catalogues first, then every string the lab made is made again in
    // it (lessons, parameters, runs, status); QML's own strings follow on languageChanged.
    void setLanguage(const QString& code);
    // The interface languages ("en", "de", "zh_CN") and the one a setting means: "" (or anything
    // unknown) is the system's language, or English when the lab does not speak it.
    static QStringList languages() { return {"en", "de", "zh_CN"}; }
    Q_INVOKABLE static QString resolveLanguage(const QString& code);

    Q_INVOKABLE void play();
    Q_INVOKABLE void pause();
    Q_INVOKABLE void togglePlay();
    Q_INVOKABLE void stepOnce() { stepN(1); }
    Q_INVOKABLE void stepN(int n);
    Q_INVOKABLE void reset();  // a fresh run with the panel's values (applies reset-only changes)
    // Opens `lesson` with these values (already validated) in a fresh, paused run.
    void open(const LessonSpec& lesson, const Params& values);
    // Returns "" when accepted, else a message for the UI (and nothing changes).
    Q_INVOKABLE QString setParam(const QString& key, const QVariant& value);
    // Goes back to `step` of the run on screen: a new run (a branch) replays this one's start and
    // changes up to that step, exactly, then pauses there; the run it leaves stays on the line
    // charts, faded, until dropGhost(). Returns "" when it began, else why not.
    Q_INVOKABLE QString branchAt(int step);
    Q_INVOKABLE void dropGhost();  // hides every earlier run and seed group (the runs panel shows them again)
    // The runs panel. Every run of a lesson stays in it: the one training, the runs a branch, a
    // reset or a load left, and seed groups. `id` is a row's runId. Each returns "" when done,
    // else a message for the student.
    Q_INVOKABLE QString renameRun(int id, const QString& name);
    Q_INVOKABLE QString removeRun(int id);  // not the run training
    Q_INVOKABLE void showRun(int id, bool shown);
    // Writes a run into a new folder as gradlab-cli would (summary.json with its edit log,
    // metrics.csv, series CSVs, image PNGs); a seed group one folder per seed.
    Q_INVOKABLE QString exportRun(int id, const QUrl& folder);
    // Runs again what a summary.json (or a folder with one, or a checkpoint) recorded, from the
    // beginning at full speed to its step; the run on screen stays in the panel, shown.
    Q_INVOKABLE QString loadRun(const QUrl& file);
    // Repeats the run on screen up to its step with `n` seeds (its own and the next n-1), all at
    // once on their own threads; the charts draw their mean in a min-max band.
    Q_INVOKABLE QString repeatWithSeeds(int n);
    // A run's board (a seed group: its first seed's), for side-by-side images; null if none.
    Q_INVOKABLE gradlab::Board* runBoard(int id) const;
    // Whether a seed group of the lesson on screen is still on its way to its step.
    Q_INVOKABLE bool seedsTraining() const;
    bool canBranch() const { return m_run->out.ready && m_run->out.historyComplete; }
    Q_INVOKABLE void saveCheckpoint(const QUrl& file);
    Q_INVOKABLE void loadCheckpoint(const QUrl& file);
    // A default file name for exports and checkpoints: "optimizers-step1000-loss.png".
    Q_INVOKABLE QString suggestedFileName(const QString& what, const QString& extension) const;
    // The current lesson's smoke run ({sets: ["key=value", ...], steps: N}): a short run that
    // emits every output the lesson declares (the page test runs it on every lesson's page).
    Q_INVOKABLE QVariantMap smokeRun() const;
    // Whether this lab keeps its runs for the next start (it has the folder: see setResumeFolder).
    Q_INVOKABLE bool keepsRuns() const { return !m_resumeFolder.isEmpty(); }
    // Asks the application to close and start again (a new zoom: Qt takes its scale factor only
    // at start-up). The runs are kept as at any quit; main() does the rest.
    Q_INVOKABLE void restart() { emit restartRequested(); }
    // A data set's class name in the interface's language.
    Q_INVOKABLE QString className(const QString& name) const;
    Q_INVOKABLE void clearMessage();
    // A message from the page: an error, or with `calm` news (a chart was exported).
    Q_INVOKABLE void notify(const QString& message, bool calm = false) {
        setMessage(*m_run, message, calm ? MessageTone::News : MessageTone::Lab);
    }
    // Pause automatically when the run reaches this step (-1: no limit). Used by --steps.
    void setStepLimit(int64_t step) { m_stepLimit = step; }
    // Number of Session threads still alive (old sessions finishing a step); for tests.
    Q_INVOKABLE int liveWorkers() const { return Session::liveWorkers(); }
    // Tells every lesson's worker to stop after its step (and the saves asked of it): at quit.
    void stopAll();
    // Each lesson's runs are kept for the next start in `folder`: keepRunsForNextTime() at quit
    // saves every run training that has taken a step as a checkpoint (charts, name, parameters
    // and changes with it) and the other runs of its Runs tab (their recipes and charts, thinned;
    // not their pictures), and its panel as left: the values shown (changes that wait for a
    // reset included), the seed and the speed. A lesson opened later (the one on screen at once)
    // has its other runs back and continues its run from there, paused, its panel as left; a
    // lesson left untrained starts a new run on the values it showed. With no folder (tests,
    // screenshots) every lesson starts afresh; `continueOnScreen` false: the run on screen does
    // (it was opened with values of its own: --set, --seed).
    // One lab at a time has the folder: a second one open beside it starts afresh, keeps nothing
    // and says so (two would overwrite each other's runs). Returns whether this lab has it.
    bool setResumeFolder(const QString& folder, bool continueOnScreen = true);
    // At quit, and every few minutes while the lab is open (main), so that a crash or a power
    // cut loses minutes, not the run: writes only what changed since it last wrote or read them
    // (a checkpoint is made by the run's worker at a step boundary, unseen in the status line).
    void keepRunsForNextTime();
    // Waits (outside the GUI's normal path: only at exit and in tests) for old workers to end.
    static bool waitForWorkers(int timeoutMs);
    // A session's answer that a save failed, in the student's language (its file, and why).
    static QString saveFailure(const SessionEvent& e);
    // What a session's failure (to start, to take a value, to step) means, in the student's
    // language, with the error's own words after it.
    static QString failure(const LessonSpec& lesson, const SessionEvent& e);
    // A Failed event's error: in the student's language where it has its words (data.said), else
    // its English. `lesson`: the context its words are looked up in first ("": the shared ones).
    static QString errorText(const std::string& lesson, const SessionEvent& e);
    // The pace in words a student can read at any speed: "120 steps/s", "2.5 steps/s", and below
    // one step a second the seconds a step takes ("3.2 s per step": a deep stack on a small CPU),
    // where a rounded rate would say "0 steps/s". "running…" until the first steps are timed.
    static QString pace(bool ready, bool running, double stepsPerSecond);

signals:
    void lessonChanged();
    void pageChanged();
    void boardChanged();
    void lessonTextChanged();
    void stateChanged();
    void deviceChanged();
    void seedChanged();
    void speedChanged();
    void messageChanged();
    void languageChanged();
    void failed(const QString& message);
    void saved(const QString& path);
    void loaded(const QString& path);
    void stepLimitReached();
    void keepTrainingChanged();
    void folderChanged();
    void drained();  // after each drain that changed the board
    void ticked();   // after every drain (the frame clock's tick), changed or not
    void restartRequested();

private:
    // Everything one lesson keeps while the student looks at another.
    // What the runs panel says about a run, and what it takes to run it again.
    struct RunInfo {
        int id = 0;
        QString name;  // as the student named it; empty: "Run 3", or a seed group's, in the language of the day (see nameOf)
        int seeds = 0;  // a seed group's number of seeds
        uint64_t seed = 0;
        Device device = Device::CPU;
        Params initial;
        std::vector<Edit> edits;
        int64_t steps = 0;
        bool historyComplete = true;
        std::shared_ptr<const RunInfo> parent;  // the run it came from (a branch's, or the one a reset left)
    };
    // One seed of a seed group: a session of its own until it reaches the group's step.
    struct SeedMember {
        uint64_t seed = 0;
        std::shared_ptr<Session> session;
        std::unique_ptr<Board> board;
        int64_t step = 0;
    };
    static constexpr std::size_t kMaxRuns = 20;  // the runs a lesson keeps beside the one training
    // A run kept beside the one training: an earlier run (its board) or a seed group.
    struct OtherRun {
        RunInfo info;
        bool shown = true;
        std::unique_ptr<Board> board;
        std::vector<SeedMember> members;
        int64_t target = 0;  // a seed group's step
        QString failure;     // why a seed stopped early
    };
    // Who speaks in the status line: the lab (errors), the lab with calm news ("Saved …", the run
    // has finished), the lesson telling something (Note::Level::Tell), or the lesson warning
    // (Note::Level::Warn: it stays when the run ends).
    enum class MessageTone { Lab, News, Lesson, LessonWarning };
    struct LessonRun {
        const LessonSpec* lesson = nullptr;
        std::shared_ptr<Session> session;
        std::unique_ptr<Board> board;
        RunInfo info;  // the run training (its edit log is in `out`)
        int nextRunId = 1;
        std::vector<std::unique_ptr<OtherRun>> others;  // oldest first
        std::shared_ptr<SnapshotStore> snapshots;  // of the session's run: where going back starts
        Params values, applied;  // the panel's values, and those the running session has
        uint64_t seed = 0;
        double speed = 0;        // steps per second; 0: as fast as it can
        Outbox out;              // the session's latest state (frames and events already handled)
        bool wantPlay = false;   // play was asked for and not yet confirmed or undone
        bool finished = false;
        QString message;         // the lesson's own status message
        MessageTone messageTone = MessageTone::Lab;
        // Makes `message` again in the language chosen later (none: the message is the engine's
        // or the lesson's own words, made once).
        std::function<QString()> remakeMessage;
        int64_t replayTo = -1;   // a branch or a loaded run on its way to this step (then it pauses there)
        bool replayIsBranch = false;  // marks the step it arrives at as the branch point
        int savesAsked = 0;      // saves posted to the session and not yet answered
        // The run of this lesson left last time (see setResumeFolder): not looked for yet, kept
        // and not continued yet (its file stays), or continued, failed or none.
        enum class Resume { Unchecked, Pending, Done } resume = Resume::Unchecked;
        // What its kept files hold (keepRunsForNextTime writes again only what differs): the run
        // training, as session, step, changes and name; the other runs and the panel, as
        // othersSignature() (none: not known, they are written).
        struct Kept {
            std::weak_ptr<Session> session;
            int64_t step = -1;
            std::size_t edits = 0;
            QString name;
            bool operator==(const Kept& o) const {  // the same session (even ended), step, changes and name
                return !session.owner_before(o.session) && !o.session.owner_before(session) && step == o.step &&
                       edits == o.edits && name == o.name;
            }
        } kept;
        Kept now() const { return {session, out.step, out.edits.size(), info.name}; }  // the run as it stands
        std::optional<std::string> keptOthers;
        // The panel's values of last time, for the run of last time once it has loaded (the
        // changes that waited for a reset then wait again).
        std::optional<Params> keptValues;
    };
    LessonRun& runOf(const LessonSpec& lesson);  // made (paused, nothing started) on first use
    // How a branch starts: from a snapshot (or the beginning), making the parent's changes again
    // on its way to `stepLimit`, where it pauses; it keeps the parent's snapshots up to there.
    struct BranchStart {
        std::vector<Edit> replay;
        int64_t stepLimit = -1;
        std::shared_ptr<const Checkpoint> from;
        std::shared_ptr<SnapshotStore> snapshots;
    };
    // A new session for `r` with its applied values (a branch: as `branch` says).
    void startSession(LessonRun& r, bool autoplay, BranchStart branch);
    void startSession(LessonRun& r, bool autoplay);
    // Stops r's session; one that still owes an answer to a save goes on being heard (m_leaving).
    void stopSession(LessonRun& r);
    void applySpeed(LessonRun& r, double stepsPerSecond);  // r's, and its session's (r on screen: the transport's too)
    void drain();
    // Applies what a session reported to its run; returns true when the run's state changed.
    bool take(LessonRun& r);
    void handle(LessonRun& r, const SessionEvent& e, bool fromLoader);
    void finishLoading();
    // Loads a checkpoint in the background (m_loader); `resuming`: the run of `lesson` left last time.
    void startLoading(const QString& path, const LessonSpec* lesson, bool resuming);
    // The runs of last time (last_runs.cpp).
    QString resumePath(const LessonSpec& lesson) const;     // the run training: a checkpoint
    QString keptRunsPath(const LessonSpec& lesson) const;   // the other runs of its Runs tab
    QString notContinuedPath(const LessonSpec& lesson) const;  // a kept run that failed to load, put aside
    // Once per run: whether one was kept, and the others back; `asLeft`: the panel too (false:
    // the run was opened with values of its own).
    void lookForKept(LessonRun& r, bool asLeft = true);
    void resume(LessonRun& r);       // continues r's run of last time, if one was kept
    void keepOthers(LessonRun& r);
    static std::string othersSignature(const LessonRun& r);  // what tells one Runs tab and panel from another
    bool isKeep(const LessonRun& r, const std::string& path) const;  // a save to r's kept checkpoint
    void restoreOthers(LessonRun& r, bool asLeft);
    // The panel as the student left it: r's values, seed and speed ({} when a fresh lesson shows
    // the same); restorePanel gives r what it takes of a kept one (nothing when it cannot be read
    // or !asLeft) and returns whether r now shows what the file holds.
    static nlohmann::json panelJson(const LessonRun& r);
    bool restorePanel(LessonRun& r, const nlohmann::json& panel, bool asLeft);
    static nlohmann::json infoJson(const LessonSpec& lesson, const RunInfo& info, bool withParent);
    static RunInfo infoFromJson(const LessonSpec& lesson, const nlohmann::json& j, bool withParent);
    // A save of r's run to `path`, with what the GUI adds to a checkpoint (charts, name).
    void postSave(LessonRun& r, const QString& path);
    // The run training becomes one of the others (when it took a step) and a new one begins
    // (named, its board empty, `parent` the run it leaves); returns the run it left, if kept.
    OtherRun* retire(LessonRun& r, bool shown);
    RunInfo& newRun(LessonRun& r, std::shared_ptr<const RunInfo> parent);
    static QString nameOf(const RunInfo& info);  // "Run 3", "Run 3 × 4 seeds", or the name given
    RunInfo currentInfo(const LessonRun& r) const;  // r.info completed from its session's account
    OtherRun* findOther(LessonRun& r, int id);
    void relink(LessonRun& r);  // the board learns which other runs to draw
    bool takeSeeds(LessonRun& r);  // a seed group's news; true when a chart has more to draw
    void refreshRuns();
    QVariantMap runRow(const RunInfo& info, const Board* board) const;
    // What a run does otherwise than the run it came from (a run of its own: than the lesson's
    // defaults), a line each, in the student's language.
    QStringList changeLines(const RunInfo& info) const;
    // A parameter's value as the panel says it: a switch on or off, a file by its name, a text in
    // quotes and cut short, a number as the student's language writes it, a choice by the word
    // the panel shows for it. `raw` as LessonSpec::written writes it.
    static QString shownValue(const LessonSpec& lesson, const std::string& key, const std::string& raw);
    void setMessage(LessonRun& r, const QString& m, MessageTone tone = MessageTone::Lab);
    // A message of the lab's own words, made again when the language changes.
    void setMessage(LessonRun& r, std::function<QString()> make, MessageTone tone);
    static QString finishedText();  // "The lesson has finished its run."
    void setMessage(const QString& m) { setMessage(*m_run, m); }

    LessonListModel m_lessons;
    ParamModel m_params;
    RunListModel m_runList;
    QElapsedTimer m_runsClock;  // the panel's metrics refresh a few times a second, not every frame
    bool m_runsDirty = false;   // a run moved on since the panel's last refresh
    std::map<std::string, LessonRun> m_runs;  // by lesson id; node-based: references stay valid
    LessonRun* m_run = nullptr;               // the lesson on screen
    const LessonSpec* m_lesson = nullptr;
    std::shared_ptr<Session> m_loader;  // a checkpoint being loaded; replaces its lesson's run on success
    bool m_loaderResumes = false;       // it is a lesson's run of last time (see setResumeFolder)
    QString m_resumeFolder;
    std::unique_ptr<QLockFile> m_resumeLock;  // the folder is this lab's while it is open
    // Stopped sessions that still owe answers to saves (Save, then at once Reset or a loaded
    // checkpoint that replaces the run: the save keeps what was on screen when it was asked): they
    // make those saves, and "Saved …" or the failure still reaches the status line.
    struct Leaving {
        LessonRun* run;
        std::shared_ptr<Session> session;
        int saves;
    };
    std::vector<Leaving> m_leaving;
    QTimer m_timer;
    int64_t m_stepLimit = -1;
    Device m_device = Device::CPU;
    bool m_keepTraining = false;
    bool m_switching = false;  // inside setLessonId: no page
    Translations* m_translations = nullptr;
    QString m_language = "en";
    QColor m_linkColor;  // invalid: Qt's own
};

}  // namespace gradlab
