// LabController: sessions, transport and the once-per-frame drain.
#include "app/bridge/lab_controller.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QThread>

#include "engine/core/error.h"

namespace gradlab {

LabController::LabController(QObject* parent) : QObject(parent) {
    // The frame clock: each tick drains the session and the charts redraw at once. 100 Hz, not
    // 60: ticks and frames jitter by a few milliseconds on a busy machine (more so without
    // vsync, e.g. under Xvfb), and at 60 Hz every late tick would be a frame over 16.7 ms. With
    // vsync the extra ticks only merge into the next frame.
    m_timer.setInterval(10);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &LabController::drain);
    m_timer.start();
    setLessonId(QString::fromStdString(allLessons().front().id));
}

LabController::~LabController() {
    if (m_session) m_session->stop();
    if (m_loader) m_loader->stop();
}

bool LabController::waitForWorkers(int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (Session::liveWorkers() > 0 && !deadline.hasExpired()) QThread::msleep(2);
    return Session::liveWorkers() == 0;
}

QVariantMap LabController::smokeRun() const {
    if (!m_lesson) return {};
    QStringList sets;
    for (const std::string& s : m_lesson->smoke.sets) sets << QString::fromStdString(s);
    return {{"sets", sets}, {"steps", double(m_lesson->smoke.steps)}};
}

QString LabController::className(const QString& name) const { return trClass(name.toStdString()); }

QString LabController::lessonId() const { return m_lesson ? QString::fromStdString(m_lesson->id) : QString(); }
QString LabController::lessonTitle() const { return m_lesson ? trLesson("lessons", m_lesson->title) : QString(); }
QString LabController::headline() const { return m_lesson ? QString::fromStdString(m_lesson->headline) : QString(); }

QString LabController::lessonText() const {
    if (!m_lesson) return {};
    for (const QString& lang : {m_language, QString("en")}) {
        QFile f(QString(":/texts/%1.%2.md").arg(QString::fromStdString(m_lesson->id), lang));
        if (!f.open(QIODevice::ReadOnly)) continue;
        // The side panel is narrow: headings one level smaller than written (## -> ###).
        QString text = QString::fromUtf8(f.readAll());
        static const QRegularExpression heading("^(#{1,4}) ", QRegularExpression::MultilineOption);
        return text.replace(heading, "\\1# ");
    }
    return trLesson("lessons", m_lesson->summary);
}

void LabController::setLessonId(const QString& id) {
    const LessonSpec* l = findLesson(id.toStdString());
    if (!l) {
        setMessage(tr("There is no lesson called %1.").arg(id));
        return;
    }
    if (l == m_lesson) return;
    open(*l, l->defaults());
}

void LabController::open(const LessonSpec& lesson, const Params& values) {
    const bool changed = &lesson != m_lesson;
    m_lesson = &lesson;
    m_params.setLesson(&lesson, values);
    m_board.setLesson(&lesson);
    if (changed) {
        emit lessonChanged();
        emit lessonTextChanged();
    }
    startSession(false);
}

void LabController::setDevice(const QString& d) {
    Device dev;
    try {
        dev = parseDevice(d.toStdString());
    } catch (const Error& e) {
        setMessage(QString::fromStdString(e.what()));
        return;
    }
    if (dev == Device::CUDA && !cudaAvailable()) {
        setMessage(QString::fromStdString(cudaStatus()));
        emit deviceChanged();  // the selector snaps back
        return;
    }
    if (dev == m_device) return;
    m_device = dev;
    emit deviceChanged();
    startSession(m_running);
}

QStringList LabController::devices() const {
    QStringList d{"cpu"};
    if (cudaAvailable()) d << "cuda";
    return d;
}

QUrl LabController::documentsFolder() const {
    QString d = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QUrl::fromLocalFile(d.isEmpty() ? QDir::homePath() : d);
}

QString LabController::deviceNote() const { return QString::fromStdString(cudaStatus()); }

void LabController::setSeed(int s) {
    if (s < 0 || uint64_t(s) == m_seed) return;
    m_seed = uint64_t(s);
    emit seedChanged();
    startSession(m_running);
}

void LabController::setSpeed(double sps) {
    if (!(sps >= 0) || sps == m_speed) return;
    m_speed = sps;
    emit speedChanged();
    if (m_session) m_session->post({Command::Kind::Speed, 0, {}, {}, m_speed, {}, {}});
}

QString LabController::resolveLanguage(const QString& code) {
    if (languages().contains(code)) return code;
    const QString sys = QLocale::system().name();  // "de_AT", "zh_CN", "en_US"
    if (languages().contains(sys)) return sys;
    if (sys.startsWith("zh")) return "zh_CN";
    return languages().contains(sys.left(2)) ? sys.left(2) : QStringLiteral("en");
}

void LabController::setLanguage(const QString& code) {
    if (code == m_language) return;
    m_language = code;
    m_lessons.retranslate();
    m_params.retranslate();
    emit languageChanged();
    emit lessonChanged();
    emit lessonTextChanged();
}

void LabController::play() {
    if (!m_session) return;
    m_wantPlay = true;
    m_session->post({Command::Kind::Play});
}

void LabController::pause() {
    m_wantPlay = false;
    if (m_session) m_session->post({Command::Kind::Pause});
}

void LabController::togglePlay() { (m_running || m_wantPlay) ? pause() : play(); }

void LabController::stepN(int n) {
    if (!m_session || n <= 0) return;
    m_session->post({Command::Kind::Step, n});
}

void LabController::reset() {
    m_params.markApplied();
    startSession(false);
}

QString LabController::setParam(const QString& key, const QVariant& value) {
    bool live = false;
    ParamValue v;
    QString err = m_params.change(key, value, &live, &v);
    if (!err.isEmpty()) {
        setMessage(err);
        return err;
    }
    if (live && m_session) {
        Command c{Command::Kind::Set};
        c.key = key.toStdString();
        c.value = v;
        m_session->post(std::move(c));  // the worker reports the step it applied it at (a marker)
    }
    return {};
}

void LabController::saveCheckpoint(const QUrl& file) {
    if (!m_session) return;
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    if (path.isEmpty()) return;
    Command c{Command::Kind::Save};
    c.path = path.toStdString();
    c.extraMeta = {{"history", m_board.save()}};
    m_session->post(std::move(c));
}

void LabController::loadCheckpoint(const QUrl& file) {
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    if (path.isEmpty()) return;
    if (m_loader) m_loader->stop();
    Session::Config cfg;
    cfg.loadPath = path.toStdString();
    cfg.device = m_device;
    cfg.stepsPerSecond = m_speed;
    m_loader = Session::start(std::move(cfg));
}

QString LabController::suggestedFileName(const QString& what, const QString& extension) const {
    QString base = lessonId();
    if (!what.isEmpty()) base += "-" + what;
    return QString("%1-step%2.%3").arg(base).arg(m_step).arg(extension);
}

void LabController::clearMessage() { setMessage({}); }

void LabController::setMessage(const QString& m) {
    if (m == m_message) return;
    m_message = m;
    emit messageChanged();
}

void LabController::startSession(bool autoplay) {
    if (m_session) m_session->stop();  // it finishes its step on its own; we never wait for it
    if (m_loader) {
        m_loader->stop();
        m_loader.reset();
    }
    Session::Config cfg;
    cfg.lesson = m_lesson;
    cfg.params = m_params.values();
    cfg.seed = m_seed;
    cfg.device = m_device;
    cfg.autoplay = autoplay;
    cfg.stepsPerSecond = m_speed;
    cfg.stepLimit = m_stepLimit;
    m_board.clear();
    m_session = Session::start(std::move(cfg));
    m_wantPlay = autoplay;
    m_ready = false;
    m_running = autoplay;
    m_finished = false;
    m_step = 0;
    m_stepsPerSecond = 0;
    m_steppedSteps = 0;
    m_steppedSeconds = 0;
    emit stateChanged();
}

void LabController::handle(const SessionEvent& e, bool fromLoader) {
    using K = SessionEvent::Kind;
    switch (e.kind) {
        case K::Failed:
            setMessage(fromLoader ? tr("Could not load the checkpoint: %1").arg(QString::fromStdString(e.message))
                                  : QString::fromStdString(e.message));
            emit failed(m_message);
            break;
        case K::Saved:
            setMessage(tr("Saved %1").arg(QString::fromStdString(e.message)));
            emit saved(QString::fromStdString(e.message));
            break;
        case K::Finished:
            m_wantPlay = false;
            m_finished = true;
            emit stateChanged();
            setMessage(tr("The lesson has finished its run."));
            break;
        case K::Paused:
            m_wantPlay = false;
            if (m_stepLimit >= 0 && m_step >= m_stepLimit) emit stepLimitReached();
            break;
        case K::Applied: {
            const QString key = QString::fromStdString(e.message);
            m_board.addMarker(e.data.value("step", 0.0), key,
                              QStringLiteral("%1 = %2").arg(key, QString::fromStdString(e.data.value("value", std::string()))));
            break;
        }
        case K::Started: break;
        case K::Loaded: m_finished = false; break;
    }
}

void LabController::drain() {
    if (m_loader) {
        Outbox o = m_loader->take();
        for (const SessionEvent& e : o.events) {
            if (e.kind == SessionEvent::Kind::Failed) {
                handle(e, true);
                m_loader.reset();
                return;
            }
            if (e.kind != SessionEvent::Kind::Loaded) continue;
            // The checkpoint was good: it becomes the running session.
            const LessonSpec* l = findLesson(e.data.value("lesson", std::string()));
            if (!l) l = m_loader->config().lesson;
            if (m_session) m_session->stop();
            m_session = m_loader;
            m_loader.reset();
            if (l) {
                m_lesson = l;
                m_board.setLesson(l);
                m_params.setLesson(l, l->fromJson(e.data.at("params")));
            }
            m_seed = e.data.at("seed").get<uint64_t>();
            m_board.clear();
            try {
                if (e.data.contains("gui") && e.data["gui"].contains("history")) m_board.restore(e.data["gui"]["history"]);
            } catch (const Error& err) {
                setMessage(tr("The checkpoint's chart history is damaged and was skipped: %1").arg(err.what()));
            }
            m_board.apply(std::move(o.frames));
            m_step = o.step;
            m_ready = true;
            m_running = false;
            emit lessonChanged();
            emit lessonTextChanged();
            emit seedChanged();
            emit stateChanged();
            setMessage(tr("Loaded %1").arg(QString::fromStdString(e.message)));
            emit loaded(QString::fromStdString(e.message));
            return;
        }
    }
    if (!m_session) return;
    Outbox o = m_session->take();
    const bool changed = !o.frames.empty();
    m_board.apply(std::move(o.frames));
    const bool stateDiffers = o.step != m_step || o.running != m_running || o.ready != m_ready ||
                              o.stepsPerSecond != m_stepsPerSecond;
    m_step = o.step;
    m_running = o.running;
    m_ready = o.ready;
    m_stepsPerSecond = o.stepsPerSecond;
    m_steppedSteps = o.steppedSteps;
    m_steppedSeconds = o.steppedSeconds;
    for (const SessionEvent& e : o.events) handle(e, false);
    if (stateDiffers) emit stateChanged();
    if (changed) emit drained();
    emit ticked();
}

}  // namespace gradlab
