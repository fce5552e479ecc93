// LabController: what the QML UI talks to. It owns the current lesson's Session (worker thread),
// the parameter model and the Board, drains the session on every tick of the frame clock (a 10 ms
// timer), and turns transport actions (play, pause, step, reset, speed, seed, device), parameter
// edits and checkpoint requests into commands. Nothing here blocks on the worker.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <memory>

#include "app/bridge/board.h"
#include "app/bridge/models.h"
#include "app/bridge/session.h"

namespace gradlab {

class LabController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(LessonListModel* lessons READ lessons CONSTANT)
    Q_PROPERTY(ParamModel* params READ params CONSTANT)
    Q_PROPERTY(Board* board READ board CONSTANT)
    Q_PROPERTY(QString lessonId READ lessonId WRITE setLessonId NOTIFY lessonChanged)
    Q_PROPERTY(QString lessonTitle READ lessonTitle NOTIFY lessonChanged)
    Q_PROPERTY(QString lessonText READ lessonText NOTIFY lessonTextChanged)
    Q_PROPERTY(QString headline READ headline NOTIFY lessonChanged)
    Q_PROPERTY(bool running READ running NOTIFY stateChanged)
    Q_PROPERTY(bool ready READ ready NOTIFY stateChanged)
    Q_PROPERTY(bool finished READ finished NOTIFY stateChanged)
    Q_PROPERTY(double step READ step NOTIFY stateChanged)
    Q_PROPERTY(double stepsPerSecond READ stepsPerSecond NOTIFY stateChanged)
    Q_PROPERTY(QString device READ device WRITE setDevice NOTIFY deviceChanged)
    Q_PROPERTY(QStringList devices READ devices CONSTANT)
    Q_PROPERTY(QString deviceNote READ deviceNote CONSTANT)
    Q_PROPERTY(int seed READ seed WRITE setSeed NOTIFY seedChanged)
    Q_PROPERTY(double speed READ speed WRITE setSpeed NOTIFY speedChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    Q_PROPERTY(QUrl documentsFolder READ documentsFolder CONSTANT)

public:
    explicit LabController(QObject* parent = nullptr);
    ~LabController() override;

    LessonListModel* lessons() { return &m_lessons; }
    ParamModel* params() { return &m_params; }
    Board* board() { return &m_board; }
    QString lessonId() const;
    void setLessonId(const QString& id);
    QString lessonTitle() const;
    QString lessonText() const;
    QString headline() const;
    bool running() const { return m_running; }
    bool ready() const { return m_ready; }
    bool finished() const { return m_finished; }  // the run said it has nothing left to do
    double step() const { return double(m_step); }
    double stepsPerSecond() const { return m_stepsPerSecond; }
    // The training thread's steps and the seconds it spent on them in this run (see Outbox).
    int64_t steppedSteps() const { return m_steppedSteps; }
    double steppedSeconds() const { return m_steppedSeconds; }
    QString device() const { return QString::fromStdString(deviceName(m_device)); }
    void setDevice(const QString& d);
    QStringList devices() const;
    QString deviceNote() const;
    int seed() const { return int(m_seed); }
    void setSeed(int s);
    double speed() const { return m_speed; }
    void setSpeed(double stepsPerSecond);
    QString message() const { return m_message; }
    QString language() const { return m_language; }
    QUrl documentsFolder() const;
    void setLanguage(const QString& code);  // the lesson text follows; UI strings are translated by main
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
    Q_INVOKABLE void saveCheckpoint(const QUrl& file);
    Q_INVOKABLE void loadCheckpoint(const QUrl& file);
    // A default file name for exports and checkpoints: "optimizers-step1000-loss.png".
    Q_INVOKABLE QString suggestedFileName(const QString& what, const QString& extension) const;
    // The current lesson's smoke run ({sets: ["key=value", ...], steps: N}): a short run that
    // emits every output the lesson declares (the page test runs it on every lesson's page).
    Q_INVOKABLE QVariantMap smokeRun() const;
    // A data set's class name in the interface's language.
    Q_INVOKABLE QString className(const QString& name) const;
    Q_INVOKABLE void clearMessage();
    Q_INVOKABLE void notify(const QString& message) { setMessage(message); }
    // Pause automatically when the run reaches this step (-1: no limit). Used by --steps.
    void setStepLimit(int64_t step) { m_stepLimit = step; }
    // Number of Session threads still alive (old sessions finishing a step); for tests.
    Q_INVOKABLE int liveWorkers() const { return Session::liveWorkers(); }
    // Waits (outside the GUI's normal path: only at exit and in tests) for old workers to end.
    static bool waitForWorkers(int timeoutMs);

signals:
    void lessonChanged();
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
    void drained();  // after each drain that changed the board
    void ticked();   // after every drain (the frame clock's tick), changed or not

private:
    void startSession(bool autoplay);
    void drain();
    void handle(const SessionEvent& e, bool fromLoader);
    void setMessage(const QString& m);

    LessonListModel m_lessons;
    ParamModel m_params;
    Board m_board;
    const LessonSpec* m_lesson = nullptr;
    std::shared_ptr<Session> m_session;
    std::shared_ptr<Session> m_loader;  // a checkpoint being loaded; replaces m_session on success
    QTimer m_timer;
    bool m_running = false, m_ready = false, m_wantPlay = false, m_finished = false;
    int64_t m_step = 0, m_stepLimit = -1;
    double m_stepsPerSecond = 0, m_speed = 0, m_steppedSeconds = 0;
    int64_t m_steppedSteps = 0;
    Device m_device = Device::CPU;
    uint64_t m_seed = 0;
    QString m_message, m_language = "en";
};

}  // namespace gradlab
