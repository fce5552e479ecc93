// LabController: sessions, transport and the once-per-frame drain.
#include "app/bridge/lab_controller.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLocale>
#include <QRegularExpression>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QThread>

#include <algorithm>
#include <cmath>

#include "app/bridge/file_urls.h"
#include "app/bridge/translations.h"
#include "app/bridge/window_place.h"
#include <QQmlEngine>
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

LabController::~LabController() { stopAll(); }

void LabController::stopAll() {
    for (auto& [id, r] : m_runs)
        if (r.session) r.session->stop();
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
QString LabController::page() const { return m_switching ? QString() : lessonId(); }
QString LabController::lessonTitle() const { return m_lesson ? trLesson("lessons", m_lesson->title) : QString(); }
QString LabController::headline() const { return m_lesson ? QString::fromStdString(m_lesson->headline) : QString(); }
QString LabController::headlineTitle() const { return m_lesson ? trLesson(m_lesson->id, m_lesson->headlineTitle) : QString(); }
bool LabController::hasPictures() const {
    return m_lesson && std::any_of(m_lesson->outputs.begin(), m_lesson->outputs.end(), [](const OutputSpec& o) {
               return o.kind == OutputKind::Image || o.kind == OutputKind::HeatMap;
           });
}

namespace {

// The values in force after edit `e`: an action (a button, a point added) is done, not kept.
void keepValue(const LessonSpec& lesson, Params& values, const Edit& e) {
    if (const ParamSpec* p = lesson.find(e.key); p && !p->isAction()) values.assign(e.key, e.value);
}
// What a run says as it is loaded (its state at the step it was saved at) that the chart history
// saved with it holds already: the scalars and the rows appended at that step (drawn twice, and a
// chart's CSV had the row twice).
void dropWhatHistoryHolds(std::vector<Frame>& frames, int64_t savedStep) {
    for (Frame& f : frames) {
        if (f.step > savedStep) continue;
        f.scalars.clear();
        f.scalarsWithStep = 0;
        std::erase_if(f.series, [](const Series& s) { return s.mode == Series::Mode::Append; });
    }
}
// A lesson text (Markdown) as the side panel shows it: rich text with headings one level smaller
// than written (the panel is narrow) and set apart from the paragraph above them (Qt's Markdown
// reader gives headings no space of their own). Font and colour come from the panel.
// A parameter named as code (`lr`, by its key or its English label) is a link, "param:lr": the
// panel names it on hover and shows it on a click. `names` maps each key, and each English label
// the lesson has only once, to the parameter.
// In the steps to try (the section under the second "##" heading: "Try this") such a name is shown
// in bold by the name the panel gives it, in the student's language ("Lernrate"), so that the
// step says which control to move, and a choice set there ("= warmup_cosine", "to default",
// "auf tanh_avgpool") by the word the panel shows for it ("Zeitplan = Aufwärmen + Kosinus").
// Elsewhere the key stays:
// there it stands for the number, in sentences and formulas ("`blocks` blocks", "`weight_decay` · w").
struct Named {
    QString key, shown;  // shown: the panel's label; empty where the label is not the lesson's only one
    QHash<QString, QString> words;  // a choice's key -> the word the panel shows for it (choices and sets)
};
QString panelHtml(const QString& markdown, const QHash<QString, Named>& names, const QColor& linkColor) {
    QTextDocument doc;
    doc.setMarkdown(markdown);
    struct Span {
        int at, length;
        QString text;
        QTextCharFormat format;
    };
    std::vector<Span> spans;
    int sections = 0;
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        sections += b.blockFormat().headingLevel() == 2;  // "## Try this"; a "###" inside "## The idea" is not one
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            const auto name = names.find(f.text());
            if (!f.charFormat().fontFixedPitch() || name == names.end()) continue;
            const bool labelled = sections == 2 && !name->shown.isEmpty();
            QTextCharFormat c = f.charFormat();
            c.setAnchor(true);
            c.setAnchorHref("param:" + name->key);
            if (linkColor.isValid()) c.setForeground(linkColor);
            if (labelled) {
                c.setFontFixedPitch(false);
                c.setFontFamilies({});
                c.setFontWeight(QFont::Bold);
            }
            spans.push_back({f.position(), f.length(), labelled ? name->shown : f.text(), c});
            // The value it is set to, as the panel shows it: "= warmup_cosine", "= rnn,gru", "to default",
            // "auf tanh_avgpool", "设为 default".
            static const QRegularExpression setTo(
                QStringLiteral("^\\s*(?:[=＝]\\s*|(?:to|back to|auf|zurück auf)\\s+|(?:设为|改为|改回)\\s*)([A-Za-z0-9_-]+(?:,[A-Za-z0-9_-]+)*)"));
            const int after = f.position() + f.length();
            const QRegularExpressionMatch value = setTo.match(b.text().mid(after - b.position()));
            if (!labelled || name->words.isEmpty() || !value.hasMatch()) continue;
            QStringList words;
            for (const QString& k : value.captured(1).split(','))
                if (const auto w = name->words.find(k); w != name->words.end()) words << *w;
            if (words.size() != value.captured(1).count(',') + 1) continue;  // not the parameter's choices
            QTextCursor at(&doc);
            at.setPosition(after + int(value.capturedStart(1)) + 1);
            spans.push_back({after + int(value.capturedStart(1)), int(value.capturedLength(1)), words.join(QStringLiteral(", ")), at.charFormat()});
        }
    }
    for (auto s = spans.rbegin(); s != spans.rend(); ++s) {  // from the end: the positions before stay
        QTextCursor c(&doc);
        c.setPosition(s->at);
        c.setPosition(s->at + s->length, QTextCursor::KeepAnchor);
        c.insertText(s->text, s->format);
    }
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        QTextBlockFormat f = b.blockFormat();
        if (f.headingLevel() == 0) continue;
        f.setTopMargin(b == doc.begin() ? 0 : 14);
        f.setBottomMargin(4);
        QTextCursor(b).setBlockFormat(f);
        QTextCharFormat c;
        c.setFontWeight(QFont::Bold);
        c.setProperty(QTextFormat::FontSizeAdjustment, std::max(0, 2 - f.headingLevel()));  // ## -> large, ### -> normal
        QTextCursor span(b);
        span.select(QTextCursor::BlockUnderCursor);
        span.mergeCharFormat(c);
    }
    QString html = doc.toHtml();
    // The document's own default font would override the panel's.
    static const QRegularExpression bodyStyle("<body style=\"[^\"]*\">");
    return html.replace(bodyStyle, "<body>");
}
}  // namespace

QString LabController::lessonText() const {
    if (!m_lesson) return {};
    for (const QString& lang : {m_language, QString("en")}) {
        QFile f(QString(":/texts/%1.%2.md").arg(QString::fromStdString(m_lesson->id), lang));
        if (!f.open(QIODevice::ReadOnly)) continue;
        // The parameters of the panel, by key and by label where a label is the lesson's only
        // one (the optimizers' racers each have a "learning rate": their keys say whose).
        QHash<QString, Named> names;
        std::map<std::string, int> uses;
        for (const ParamSpec& p : m_lesson->params) ++uses[p.label];
        for (bool byKey : {false, true})  // a key wins over another parameter's label
            for (const ParamSpec& p : m_lesson->params) {
                if (!p.inPanel) continue;
                const bool only = !p.label.empty() && uses[p.label] == 1;
                Named n{QString::fromStdString(p.key), only ? trLesson(m_lesson->id, p.label) : QString(), {}};
                if (p.kind == ParamKind::Choice || p.kind == ParamKind::Set)
                    for (const std::string& c : p.choices) n.words.insert(QString::fromStdString(c), trChoice(m_lesson->id, p, c));
                if (byKey) names.insert(n.key, n);
                else if (only) names.insert(QString::fromStdString(p.label), n);
            }
        return panelHtml(QString::fromUtf8(f.readAll()), names, m_linkColor);
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
    m_switching = true;
    emit pageChanged();  // the page left goes first
    // The lesson left behind keeps its run: paused, unless the student asked it to train on.
    if (m_run) {
        m_run->values = m_params.values();
        m_run->applied = m_params.applied();
        if (!m_keepTraining && m_run->session && (m_run->out.running || m_run->wantPlay)) pause();
    }
    LessonRun& r = runOf(*l);
    m_lesson = l;
    m_run = &r;
    m_params.setLesson(l, r.values, r.applied);
    if (!r.session) startSession(r, false);
    resume(r);
    refreshRuns();
    emit lessonChanged();
    emit boardChanged();
    emit lessonTextChanged();
    emit stateChanged();
    emit seedChanged();
    emit speedChanged();
    emit messageChanged();
    m_switching = false;
    emit pageChanged();  // the new lesson's page, made on its own values and board
}

void LabController::open(const LessonSpec& lesson, const Params& values) {
    LessonRun& r = runOf(lesson);
    r.values = r.applied = values;
    const bool fresh = !r.session;
    if (&lesson != m_lesson) setLessonId(QString::fromStdString(lesson.id));  // starts a fresh run's session
    else m_params.setLesson(&lesson, values, values);
    if (fresh) return;
    retire(r, false);
    startSession(r, false);
}

LabController::LessonRun& LabController::runOf(const LessonSpec& lesson) {
    LessonRun& r = m_runs[lesson.id];
    if (!r.lesson) {
        r.lesson = &lesson;
        r.board = std::make_unique<Board>();
        r.board->setLesson(&lesson);
        r.values = r.applied = lesson.defaults();
        r.speed = lesson.defaultSpeed;
        newRun(r, nullptr);
        relink(r);
    }
    return r;
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
    // The lesson on screen starts over on the new device; the others keep the runs they have
    // until they are reset.
    const bool running = m_run->out.running;
    retire(*m_run, false);
    startSession(*m_run, running);
}

QStringList LabController::devices() const {
    QStringList d{"cpu"};
    if (cudaAvailable()) d << "cuda";
    return d;
}

QUrl LabController::documentsFolder() const {
    // The documents folder where there is one (a fresh account may have none), else home.
    const QString d = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QUrl::fromLocalFile(!d.isEmpty() && QDir(d).exists() ? d : QDir::homePath());
}

QUrl LabController::folder() const {
    const QString last = QSettings().value("ui/lastFolder").toString();
    return !last.isEmpty() && QDir(last).exists() ? QUrl::fromLocalFile(last) : documentsFolder();
}

void LabController::rememberFolder(const QUrl& file) {
    const QString path = localPath(file);
    if (path.isEmpty()) return;
    QSettings().setValue("ui/lastFolder", QFileInfo(path).absolutePath());
    emit folderChanged();
}

QUrl LabController::cleanFileUrl(const QUrl& picked) { return gradlab::cleanFileUrl(picked); }

QRect LabController::visiblePlace(const QRect& remembered) {
    QList<QRect> screens;
    for (const QScreen* s : QGuiApplication::screens()) screens << s->availableGeometry();
    return gradlab::visiblePlace(remembered, screens, int(QGuiApplication::screens().indexOf(QGuiApplication::primaryScreen())));
}

QVariantList LabController::linksIn(QQuickTextDocument* document) {
    QVariantList out;
    if (!document || !document->textDocument()) return out;
    for (QTextBlock b = document->textDocument()->begin(); b.isValid(); b = b.next())
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            const QString link = f.charFormat().isAnchor() ? f.charFormat().anchorHref() : QString();
            if (link.isEmpty()) continue;
            QVariantMap last = out.isEmpty() ? QVariantMap() : out.last().toMap();
            if (last.value("link") == link && last.value("end").toInt() == f.position()) {  // one link in two fragments
                last["end"] = f.position() + f.length();
                out.last() = last;
            } else {
                out << QVariantMap{{"start", f.position()}, {"end", f.position() + f.length()}, {"link", link}};
            }
        }
    return out;
}

QString LabController::makeFolder(const QUrl& folder) {
    const QString path = localPath(folder);
    if (path.isEmpty()) return tr("No folder name given.");
    if (QFileInfo(path).isDir()) return {};
    if (QFileInfo::exists(path)) return tr("%1 is a file, not a folder.").arg(path);
    return QDir().mkpath(path) ? QString() : tr("Cannot create the folder %1.").arg(path);
}

QString LabController::progress() const {
    const int64_t planned = m_run->out.plannedSteps, step = m_run->out.step;
    if (planned <= 0) return {};
    const int percent = int(std::min<int64_t>(100, step * 100 / planned));
    QString text = tr("%1 %").arg(percent);
    // Lessons that train for a number of epochs say which one it is.
    const ParamSpec* epochs = m_lesson->find("epochs");
    const int64_t e = epochs ? m_run->values.integer("epochs") : 0;
    if (e > 0 && planned % e == 0) {
        const int64_t perEpoch = planned / e;
        text = tr("epoch %1 of %2").arg(std::min(e, step / perEpoch + 1)).arg(e) + " · " + text;
    }
    const double rate = m_run->out.stepsPerSecond;
    if (m_run->out.running && rate > 0 && step < planned) {
        const double seconds = double(planned - step) / rate;
        text += " · " + (seconds < 60   ? tr("less than a minute left")
                         : seconds < 90 ? tr("about a minute left")
                                        : tr("about %1 min left").arg(qRound(seconds / 60)));
    }
    return text;
}

QString LabController::deviceNote() const {
    const QString detail = QString::fromStdString(cudaStatus());  // the engine's words, in English
    if (cudaAvailable()) return detail;                          // "CUDA: NVIDIA H100 (79 GB, sm_90)"
    return tr("No NVIDIA GPU that the lab can use: it trains on the CPU.") + "\n" + detail;
}

void LabController::setSeed(int s) {
    if (s < 0 || uint64_t(s) == m_run->seed) return;
    const bool running = m_run->out.running;
    retire(*m_run, false);
    m_run->seed = uint64_t(s);
    emit seedChanged();
    startSession(*m_run, running);
}

void LabController::setSpeed(double sps) {
    if (!(sps >= 0) || sps == m_run->speed) return;
    applySpeed(*m_run, sps);
}

void LabController::applySpeed(LessonRun& r, double sps) {
    r.speed = sps;
    if (r.session) r.session->post({Command::Kind::Speed, 0, {}, {}, sps, {}, {}});
    if (&r == m_run) emit speedChanged();
}

QString LabController::resolveLanguage(const QString& code) {
    if (languages().contains(code)) return code;
    const QString sys = QLocale::system().name();  // "de_AT", "zh_CN", "en_US"
    if (languages().contains(sys)) return sys;
    if (sys.startsWith("zh")) return "zh_CN";
    return languages().contains(sys.left(2)) ? sys.left(2) : QStringLiteral("en");
}

void LabController::setLanguage(const QString& code) {
    // Numbers follow the interface's language, not the system's: "0,05" in German (shownNumber;
    // QML's Theme.decimalPoint follows `language` too).
    QLocale::setDefault(QLocale(code));
    if (code == m_language) return;
    m_language = code;
    // The catalogue first: the models below translate as they are read again. (Installed after
    // them, a switch in the View menu left the lesson list, the parameter labels and the status
    // line in the language before.)
    if (m_translations) m_translations->use(code);
    m_lessons.retranslate();
    m_params.retranslate();
    emit languageChanged();
    emit lessonChanged();
    emit boardChanged();
    emit lessonTextChanged();
    emit stateChanged();  // the pace and the progress
    for (auto& [id, r] : m_runs) relink(r);  // the names of runs not named by the student ("Run 2")
    refreshRuns();        // the runs list's words
    for (auto& [id, r] : m_runs)  // the lab's messages ("The lesson has finished its run.")
        if (r.remakeMessage) r.message = r.remakeMessage();
    emit messageChanged();
}

void LabController::play() {
    if (!m_run->session) return;
    m_run->wantPlay = true;
    if (m_run->finished) return;  // nothing left to run: Reset starts over
    setMessage({});               // what was said about the paused run is old now
    m_run->session->post({Command::Kind::Play});
}

void LabController::pause() {
    m_run->wantPlay = false;
    if (m_run->session) m_run->session->post({Command::Kind::Pause});
}

void LabController::togglePlay() { (m_run->out.running || m_run->wantPlay) ? pause() : play(); }

void LabController::stepN(int n) {
    if (!m_run->session || n <= 0) return;
    m_run->session->post({Command::Kind::Step, n});
}

void LabController::reset() {
    if (m_run->resume == LessonRun::Resume::Pending) m_run->resume = LessonRun::Resume::Done;  // a new run is asked for
    m_params.markApplied();
    m_run->values = m_run->applied = m_params.values();
    retire(*m_run, false);
    startSession(*m_run, false);
}

QString LabController::setParam(const QString& key, const QVariant& value) {
    bool live = false, changed = false;
    ParamValue v;
    QString err = m_params.change(key, value, &live, &v, &changed);
    if (!err.isEmpty()) {
        setMessage(err);
        return err;
    }
    if (!changed) return {};  // the same value again (a field left unchanged): nothing to apply, no marker
    m_run->values = m_params.values();
    m_run->applied = m_params.applied();
    // A run that has not taken a step loses nothing by starting over: a reset-only change
    // applies at once (a new surface, data set or network size shows straight away).
    if (!live && m_run->out.ready && m_run->out.step == 0 && !m_run->out.running) {
        reset();
        return {};
    }
    if (live && m_run->session) {
        Command c{Command::Kind::Set};
        c.key = key.toStdString();
        c.value = v;
        m_run->session->post(std::move(c));  // the worker reports the step it applied it at (a marker)
    }
    return {};
}

QString LabController::branchAt(int step) {
    LessonRun& r = *m_run;
    if (!r.session || !r.out.ready) return tr("There is no run to branch from yet.");
    if (!r.out.historyComplete) return tr("This run continues a checkpoint whose beginning was not recorded: it cannot go back.");
    if (step < 0 || step > r.out.step) return tr("Choose a step between 0 and %1.").arg(r.out.step);
    // Where the branch starts: the nearest snapshot at or before the step (else the beginning).
    BranchStart start;
    int64_t from = 0;
    if (r.snapshots) {
        start.from = r.snapshots->nearest(step, &from);
        start.snapshots = r.snapshots->upTo(step);
    }
    if (!start.from) from = 0;
    // Replaying to the step pauses there; a snapshot at the step itself is there already.
    const bool replaying = step > from || !start.from;
    start.stepLimit = replaying ? step : -1;
    // The values in force during step `step`: the start, and the changes made before it; those
    // made after the snapshot are made again.
    Params values = r.out.initial;
    for (const Edit& e : r.out.edits)
        if (e.step < step) {
            if (!start.from || e.step >= from) start.replay.push_back(e);
            keepValue(*r.lesson, values, e);
        }
    // This run stays, drawn faded behind the branch, which gets a new board.
    const OtherRun* parent = retire(r, true);
    r.applied = r.out.initial;  // a session from the beginning starts as the run did
    if (step > 0) {
        const bool fromSnapshot = bool(start.from);
        startSession(r, replaying, std::move(start));
        // A snapshot carries the run, not its charts: the history up to it comes from the parent.
        if (fromSnapshot && parent) r.board->copyUpTo(*parent->board, from);
        if (replaying) r.replayTo = step, r.replayIsBranch = true;
        else r.board->addMarker(double(step), "branch", tr("branch from step %1").arg(step));
    } else {
        startSession(r, false);
        r.board->addMarker(0, "branch", tr("branch from step %1").arg(0));
    }
    // The panel shows what is in force at that step (the session gets there by itself).
    r.values = r.applied = values;
    m_params.setLesson(r.lesson, r.values, r.applied);
    emit boardChanged();
    return {};
}

void LabController::dropGhost() {
    for (auto& o : m_run->others) o->shown = false;
    relink(*m_run);
}

void LabController::saveCheckpoint(const QUrl& file) {
    if (!m_run->session) return;
    const QString path = localPath(file);
    if (!path.isEmpty()) postSave(*m_run, path);
}

void LabController::postSave(LessonRun& r, const QString& path) {
    Command c{Command::Kind::Save};
    c.path = path.toStdString();
    c.extraMeta = {{"history", r.board->save()}, {"name", r.info.name.toStdString()}};  // "": the default, said anew
    r.session->post(std::move(c));
    ++r.savesAsked;
}

void LabController::loadCheckpoint(const QUrl& file) {
    const QString path = localPath(file);
    if (!path.isEmpty()) startLoading(path, nullptr, false);
}

void LabController::startLoading(const QString& path, const LessonSpec* lesson, bool resuming) {
    if (m_loader) m_loader->stop();
    Session::Config cfg;
    cfg.lesson = lesson;
    cfg.loadPath = path.toStdString();
    cfg.device = m_device;
    cfg.stepsPerSecond = m_run->speed;
    cfg.snapshots = std::make_shared<SnapshotStore>();
    m_loader = Session::start(std::move(cfg));
    m_loaderResumes = resuming;
}

QString LabController::suggestedFileName(const QString& what, const QString& extension) const {
    QString base = lessonId();
    if (!what.isEmpty()) base += "-" + what;
    return QString("%1-step%2.%3").arg(base).arg(m_run->out.step).arg(extension);
}

void LabController::clearMessage() { setMessage({}); }

QString LabController::finishedText() { return tr("The lesson has finished its run."); }

void LabController::setMessage(LessonRun& r, std::function<QString()> make, MessageTone tone) {
    const QString m = make();
    setMessage(r, m, tone);
    r.remakeMessage = std::move(make);
}

void LabController::setMessage(LessonRun& r, const QString& m, MessageTone tone) {
    r.remakeMessage = nullptr;
    if (m == r.message && tone == r.messageTone) return;
    r.message = m;
    r.messageTone = tone;
    if (&r == m_run) emit messageChanged();
}

void LabController::startSession(LessonRun& r, bool autoplay) { startSession(r, autoplay, BranchStart{}); }

void LabController::stopSession(LessonRun& r) {
    if (!r.session) return;
    r.session->stop();
    if (r.savesAsked > 0) m_leaving.push_back({&r, r.session, r.savesAsked});
    r.savesAsked = 0;
}

void LabController::startSession(LessonRun& r, bool autoplay, BranchStart branch) {
    const int64_t stepLimit = branch.stepLimit;
    stopSession(r);  // it finishes its step on its own; we never wait for it
    if (m_loader && &r == m_run) {
        m_loader->stop();
        m_loader.reset();
    }
    Session::Config cfg;
    cfg.lesson = r.lesson;
    cfg.params = r.applied;
    cfg.seed = r.seed;
    cfg.device = m_device;
    cfg.autoplay = autoplay;
    cfg.stepsPerSecond = r.speed;
    cfg.stepLimit = stepLimit >= 0 ? stepLimit : &r == m_run ? m_stepLimit : -1;
    cfg.replay = std::move(branch.replay);
    cfg.from = std::move(branch.from);
    r.snapshots = branch.snapshots ? std::move(branch.snapshots) : std::make_shared<SnapshotStore>();
    cfg.snapshots = r.snapshots;
    if (stepLimit >= 0 && autoplay) cfg.stepsPerSecond = 0;  // a branch replays its way back at full speed
    r.replayTo = -1;
    r.board->clear();
    r.session = Session::start(std::move(cfg));
    r.wantPlay = autoplay;
    r.out = Outbox{};
    r.out.running = autoplay;
    r.finished = false;
    setMessage(r, {});
    if (&r == m_run) emit stateChanged();
}

void LabController::handle(LessonRun& r, const SessionEvent& e, bool fromLoader) {
    using K = SessionEvent::Kind;
    const bool current = &r == m_run;
    switch (e.kind) {
        case K::Failed:
            if (e.answersSave() && isKeep(r, e.data.value("save", std::string()))) {  // unseen, as the keeping itself
                qWarning("gradlab: the run could not be kept for the next start: %s", e.message.c_str());
                r.kept = {};  // tried again at the next keep (the quit's at the latest)
                break;
            }
            if (fromLoader || e.answersSave())
                setMessage(r, [fromLoader, e] { return fromLoader ? tr("Could not load the checkpoint: %1").arg(errorText({}, e))
                                                                  : saveFailure(e); }, MessageTone::Lab);
            else
                setMessage(r, [lesson = r.lesson, e] { return failure(*lesson, e); }, MessageTone::Lab);
            if (current) emit failed(r.message);
            break;
        case K::Saved:
            if (isKeep(r, e.message)) break;  // kept for the next start: not news
            setMessage(r, [file = QString::fromStdString(e.message)] { return tr("Saved %1").arg(file); }, MessageTone::News);
            if (current) emit saved(QString::fromStdString(e.message));
            break;
        case K::Finished:
            r.wantPlay = false;
            r.finished = true;
            // What the lesson said at its last step stays (its networks diverged, early stopping
            // halted them): it says why the run ended.
            if (r.messageTone == MessageTone::Lab || r.messageTone == MessageTone::News || r.board->saidStep() < r.out.step)
                setMessage(r, [] { return finishedText(); }, MessageTone::News);
            if (current) emit stateChanged();
            break;
        case K::Paused:
            r.wantPlay = false;
            // A branch (or a loaded run) is at its step: from here it runs at the lesson's speed.
            if (r.replayTo >= 0 && r.out.step >= r.replayTo) {
                if (r.replayIsBranch) r.board->addMarker(double(r.replayTo), "branch", tr("branch from step %1").arg(r.replayTo));
                r.session->post({Command::Kind::Speed, 0, {}, {}, r.speed});
                r.replayTo = -1;
            }
            if (current && m_stepLimit >= 0 && r.out.step >= m_stepLimit) emit stepLimitReached();
            break;
        case K::Applied: {
            const QString key = QString::fromStdString(e.message);
            if (const ParamSpec* p = r.lesson->find(e.message); p && p->isAction()) {
                // A button leaves its name on the charts; an edit made on the page (a point added) none.
                if (p->inPanel) r.board->addMarker(e.data.value("step", 0.0), key, trLesson(r.lesson->id, p->label));
                break;
            }
            // By key, as the lesson's text names it; the value as the panel says it ("stop_early = on", not "= 1").
            r.board->addMarker(e.data.value("step", 0.0), key,
                               QStringLiteral("%1 = %2").arg(key, shownValue(*r.lesson, e.message, e.data.value("value", std::string()))));
            break;
        }
        case K::Started:
            if (r.message == finishedText()) setMessage(r, {});
            break;
        case K::Loaded: r.finished = false; break;
    }
}

QString LabController::errorText(const std::string& lesson, const SessionEvent& e) {
    if (const auto said = e.data.find("said"); said != e.data.end())  // made by Session's failed()
        return trNote(lesson, Note(said->at("text").get<std::string>(), said->at("args").get<std::vector<std::string>>()));
    return QString::fromStdString(e.message);
}

QString LabController::failure(const LessonSpec& lesson, const SessionEvent& e) {
    const QString detail = errorText(lesson.id, e);
    const std::string during = e.data.value("during", std::string());
    if (during == "start") return tr("The run could not start: %1").arg(detail);
    if (during == "step") return tr("The run stopped on an error: %1").arg(detail);
    if (during == "set") {
        const std::string key = e.data.value("key", std::string());
        const ParamSpec* p = lesson.find(key);
        return tr("Not applied (%1): %2").arg(p ? trLesson(lesson.id, p->label) : QString::fromStdString(key), detail);
    }
    return detail;
}

QString LabController::saveFailure(const SessionEvent& e) {
    const QString path = QString::fromStdString(e.data.value("save", std::string()));
    const QString detail = errorText({}, e);
    const std::string why = e.data.value("why", std::string());
    if (why == kSaveError) return tr("Could not save %1: %2").arg(path, detail);
    if (why == kSaveNotBegun) return tr("Nothing was saved to %1: the run was replaced before it began.").arg(path);
    if (why == kSaveNotStarted) return tr("Nothing was saved to %1: the run did not start (%2).").arg(path, detail);
    if (why == kSaveStepFailed) return tr("Nothing was saved to %1: the run stopped on an error (%2).").arg(path, detail);
    return tr("Nothing was saved to %1: the run had ended.").arg(path);
}

QString LabController::pace(bool ready, bool running, double stepsPerSecond) {
    if (!ready) return tr("preparing…");
    if (!running) return tr("paused");
    if (!(stepsPerSecond > 0) || !std::isfinite(stepsPerSecond)) return tr("running…");
    if (stepsPerSecond >= 9.5) return tr("%1 steps/s").arg(qRound64(stepsPerSecond));
    if (stepsPerSecond >= 0.95) return tr("%1 steps/s").arg(shownNumber(stepsPerSecond, 'f', 1));
    const double seconds = 1.0 / stepsPerSecond;
    return tr("%1 s per step").arg(shownNumber(seconds, 'f', seconds < 9.95 ? 1 : 0));
}

// A checkpoint that loaded becomes its lesson's run (and that lesson the one on screen).
void LabController::finishLoading() {
    Outbox o = m_loader->take();
    const bool resuming = m_loaderResumes;
    for (const SessionEvent& e : o.events) {
        if (e.kind == SessionEvent::Kind::Failed) {
            if (resuming) {
                // A file of the lab's own that does not load now (its data set gone, a disk error)
                // is put aside, not deleted: the student may open it once the cause is mended.
                LessonRun& r = runOf(*m_loader->config().lesson);
                r.resume = LessonRun::Resume::Done;
                r.keptValues.reset();  // they were for that run
                const QString path = QString::fromStdString(m_loader->config().loadPath), aside = notContinuedPath(*r.lesson);
                QFile::remove(aside);
                const bool putAside = QFile::rename(path, aside);
                if (!putAside) QFile::remove(path);
                setMessage(r, [e, aside, putAside] {
                    const QString said = tr("Your run of last time could not be continued (%1); a new run begins.").arg(errorText({}, e));
                    return putAside ? said + " " + tr("Its checkpoint is kept as %1.").arg(QDir::toNativeSeparators(aside)) : said;
                }, MessageTone::Lab);
            } else {
                handle(*m_run, e, true);
            }
            m_loader.reset();
            return;
        }
        if (e.kind != SessionEvent::Kind::Loaded) continue;
        const LessonSpec* l = findLesson(e.data.value("lesson", std::string()));
        if (!l) l = m_loader->config().lesson;
        if (!l) l = m_lesson;
        LessonRun& r = runOf(*l);
        retire(r, false);  // a loaded run is another run: the one it replaces stays in the panel
        const nlohmann::json gui = e.data.value("gui", nlohmann::json::object());
        r.info.name = resuming ? QString::fromStdString(gui.value("name", std::string()))
                               : QFileInfo(QString::fromStdString(e.message)).completeBaseName();
        if (resuming) r.resume = LessonRun::Resume::Done;
        relink(r);
        stopSession(r);
        r.session = m_loader;
        r.snapshots = m_loader->config().snapshots;
        m_loader.reset();
        r.values = r.applied = l->fromJson(e.data.at("params"));
        if (resuming && r.keptValues) {  // the changes that waited for a reset wait again
            for (const ParamSpec& p : l->params)
                if (!p.live) r.values.assign(p.key, r.keptValues->value(p.key));
            r.keptValues.reset();
        }
        r.seed = e.data.at("seed").get<uint64_t>();
        r.board->clear();
        QString note;
        try {
            if (gui.contains("history")) {
                r.board->restore(gui["history"]);
                dropWhatHistoryHolds(o.frames, o.step);
            }
        } catch (const Error& err) {
            note = tr("The checkpoint's chart history is damaged and was skipped: %1").arg(err.what());
        }
        r.board->apply(std::move(o.frames));
        r.out = o;
        r.out.frames.clear();
        r.out.events.clear();
        r.out.running = false;
        r.out.ready = true;
        r.wantPlay = false;
        r.finished = false;
        if (resuming) r.kept = r.now();  // its file holds it
        // A checkpoint the student chose comes to the screen; a run of last time stays with its
        // lesson (the student may have gone to another while it loaded).
        if (l != m_lesson && !resuming) setLessonId(QString::fromStdString(l->id));
        if (l == m_lesson) m_params.setLesson(l, r.values, r.applied);
        refreshRuns();  // the loaded run's row (the drain sees no step change: the run came whole)
        emit seedChanged();
        emit stateChanged();
        if (!note.isEmpty()) setMessage(r, note);
        else if (resuming) {
            // What went wrong with the lesson's other runs of last time (their list unreadable)
            // was said first and stays: the run going on shows itself.
            if (r.message.isEmpty() || r.messageTone != MessageTone::Lab)
                setMessage(r, [step = r.out.step] { return tr("Your run of last time goes on from step %1. Reset starts a new one.").arg(step); },
                           MessageTone::News);
        } else setMessage(r, [file = QString::fromStdString(e.message)] { return tr("Loaded %1").arg(file); }, MessageTone::News);
        if (!resuming) emit loaded(QString::fromStdString(e.message));
        return;
    }
}

bool LabController::take(LessonRun& r) {
    Outbox o = r.session->take();
    const bool changed = !o.frames.empty();
    const int said = r.board->saidRevision();
    r.board->apply(std::move(o.frames));
    if (r.board->saidRevision() != said) {  // the lesson has something to say (a network diverged)
        setMessage(r, r.board->said(), r.board->saidWarns() ? MessageTone::LessonWarning : MessageTone::Lesson);
    }
    const bool differs = o.step != r.out.step || o.running != r.out.running || o.ready != r.out.ready ||
                         o.stepsPerSecond != r.out.stepsPerSecond || o.plannedSteps != r.out.plannedSteps;
    std::vector<SessionEvent> events = std::move(o.events);
    r.out = std::move(o);
    for (const SessionEvent& e : events) {
        if (e.answersSave() && r.savesAsked > 0) --r.savesAsked;
        handle(r, e, false);
    }
    return differs || changed;
}

void LabController::drain() {
    // Answers from stopped sessions, handled once the walk is over (handling may stop another).
    std::vector<std::pair<LessonRun*, SessionEvent>> answers;
    for (auto it = m_leaving.begin(); it != m_leaving.end();) {
        // Looked at before take(): a worker that has ended has said all it will say.
        const bool ended = it->session.use_count() == 1;
        for (SessionEvent& e : it->session->take().events)
            if (e.answersSave()) {
                answers.emplace_back(it->run, std::move(e));
                --it->saves;
            }
        if (it->saves <= 0 || ended) it = m_leaving.erase(it);
        else ++it;
    }
    for (const auto& [r, e] : answers) handle(*r, e, false);
    if (m_loader) {
        finishLoading();
        // A lesson opened while another's run of last time loaded gets its own now.
        if (!m_loader) resume(*m_run);
    }
    bool changed = false, differs = false;
    for (auto& [id, r] : m_runs) {
        if (!r.session) continue;
        const int64_t stepBefore = r.out.step;
        const bool runningBefore = r.out.running, readyBefore = r.out.ready;
        const double rateBefore = r.out.stepsPerSecond;
        const int64_t plannedBefore = r.out.plannedSteps;
        const std::size_t editsBefore = r.out.edits.size();
        const int revisionBefore = r.board->revision();
        take(r);
        const bool seeds = takeSeeds(r);
        if (seeds) r.board->othersMoved();
        if (&r != m_run) continue;
        const bool moved = r.out.step != stepBefore || r.out.running != runningBefore || r.out.ready != readyBefore;
        // A run's row says its step, whether it trains, and what it changed (an edit made while paused, the
        // values a fresh run began with once it is ready).
        m_runsDirty = m_runsDirty || seeds || moved || r.out.edits.size() != editsBefore;
        changed = r.board->revision() != revisionBefore;
        differs = moved || r.out.stepsPerSecond != rateBefore || r.out.plannedSteps != plannedBefore;
    }
    if (m_runsDirty && m_runsClock.isValid() && m_runsClock.elapsed() > 250) refreshRuns();
    if (differs) emit stateChanged();
    if (changed) emit drained();
    emit ticked();
}

// ---------------------------------------------------------------- the runs panel

LabController::RunInfo& LabController::newRun(LessonRun& r, std::shared_ptr<const RunInfo> parent) {
    r.info = RunInfo{};
    r.info.id = r.nextRunId++;
    r.info.parent = std::move(parent);
    return r.info;
}

QString LabController::nameOf(const RunInfo& info) {
    // A name as given (typed, or a loaded file's), at most 40 characters: it labels lines on the charts.
    constexpr qsizetype kMaxName = 40;
    if (!info.name.isEmpty()) return info.name.size() > kMaxName ? info.name.left(kMaxName - 1) + QChar(u'…') : info.name;
    if (info.seeds > 0) return tr("%1 × %2 seeds").arg(info.parent ? nameOf(*info.parent) : QString()).arg(info.seeds);
    return tr("Run %1").arg(info.id);
}

LabController::RunInfo LabController::currentInfo(const LessonRun& r) const {
    RunInfo i = r.info;
    i.seed = r.seed;
    i.device = r.session ? r.session->config().device : m_device;
    i.initial = r.out.initial;
    i.edits = r.out.edits;
    i.steps = r.out.step;
    i.historyComplete = r.out.historyComplete;
    return i;
}

LabController::OtherRun* LabController::retire(LessonRun& r, bool shown) {
    if (!r.out.ready || r.out.step == 0) return nullptr;  // nothing to keep: the next run takes its place and name
    auto o = std::make_unique<OtherRun>();
    o->info = currentInfo(r);
    o->shown = shown;
    auto fresh = std::make_unique<Board>();  // the controller never holds no board: QML reads it any time
    fresh->setLesson(r.lesson);
    o->board = std::exchange(r.board, std::move(fresh));
    o->board->setOthers({}, {});
    OtherRun* kept = o.get();
    r.others.push_back(std::move(o));
    // A lesson keeps its kMaxRuns newest runs: the oldest hidden one goes first.
    while (r.others.size() > kMaxRuns) {
        auto it = std::find_if(r.others.begin(), r.others.end(), [](const auto& x) { return !x->shown; });
        r.others.erase(it == r.others.end() ? r.others.begin() : it);
    }
    newRun(r, std::make_shared<const RunInfo>(kept->info));
    relink(r);
    if (&r == m_run) emit boardChanged();
    return kept;
}

LabController::OtherRun* LabController::findOther(LessonRun& r, int id) {
    for (auto& o : r.others)
        if (o->info.id == id) return o.get();
    return nullptr;
}

void LabController::relink(LessonRun& r) {
    std::vector<const Board*> ghosts;
    std::vector<Board::Band> bands;
    for (const auto& o : r.others) {
        if (o->board) o->board->setName(nameOf(o->info));
        if (!o->shown) continue;
        if (o->board) {
            ghosts.push_back(o->board.get());
            continue;
        }
        Board::Band band{nameOf(o->info), {}};
        for (const SeedMember& m : o->members) band.members.emplace_back(m.board.get());
        bands.push_back(std::move(band));
    }
    r.board->setName(nameOf(r.info));
    r.board->setOthers(ghosts, std::move(bands));
    if (&r == m_run) refreshRuns();
}

bool LabController::takeSeeds(LessonRun& r) {
    bool more = false;
    for (auto& o : r.others)
        for (SeedMember& m : o->members) {
            if (!m.session) continue;
            Outbox out = m.session->take();
            more = more || !out.frames.empty();
            m.board->apply(std::move(out.frames));
            m.step = out.step;
            bool done = m.step >= o->target;
            for (const SessionEvent& e : out.events) {
                if (e.kind == SessionEvent::Kind::Failed) o->failure = QString::fromStdString(e.message);
                done = done || e.kind == SessionEvent::Kind::Failed || e.kind == SessionEvent::Kind::Finished;
            }
            if (done) {  // its charts are all there is to keep: the model's memory goes
                m.session->stop();
                m.session.reset();
                more = true;
            }
        }
    return more;
}

QString LabController::shownValue(const LessonSpec& lesson, const std::string& key, const std::string& raw) {
    const QString v = QString::fromStdString(raw);
    const ParamSpec* p = lesson.find(key);
    if (!p) return v;
    switch (p->kind) {
        case ParamKind::Flag: return raw == "0" ? tr("off") : tr("on");
        case ParamKind::File: return v.isEmpty() ? tr("no file") : QFileInfo(v).fileName();
        case ParamKind::Text: return QStringLiteral("“%1”").arg(v.size() > 24 ? v.left(23) + QStringLiteral("…") : v);
        case ParamKind::Number: return shownNumber(v);
        case ParamKind::Choice: return trChoice(lesson.id, *p, raw);
        case ParamKind::Set: {
            QStringList shown;
            for (const QString& c : v.split(',', Qt::SkipEmptyParts)) shown << trChoice(lesson.id, *p, c.toStdString());
            return shown.isEmpty() ? tr("none", "an empty set of choices") : shown.join(QStringLiteral(", "));
        }
        default: return v;
    }
}

QStringList LabController::changeLines(const RunInfo& info) const {
    const RunInfo* p = info.parent.get();
    const Params defaults = p ? Params{} : m_lesson->defaults();
    QStringList lines;
    try {
        const std::vector<RunDifference> diffs = changesBetween(*m_lesson, p ? p->initial : defaults, p ? p->edits : std::vector<Edit>{},
                                                                info.initial, info.edits);
        // A page's edits come in runs (points added one by one): one line a run, with how many.
        struct Line {
            const RunDifference* d;
            const ParamSpec* action;  // the button or page command it did; null: a value it changed
            int times;
        };
        std::vector<Line> merged;
        for (const RunDifference& d : diffs) {
            const ParamSpec* spec = m_lesson->find(d.key);
            const ParamSpec* action = spec && spec->isAction() ? spec : nullptr;
            if (action && !merged.empty() && merged.back().action == action) ++merged.back().times;
            else merged.push_back({&d, action, 1});
        }
        for (const auto& [d, action, times] : merged) {
            const QString key = QString::fromStdString(d->key), step = QString::number(d->step);
            if (action) {
                const QString label = trLesson(m_lesson->id, action->label);
                lines << (times == 1 ? tr("%1 at step %2").arg(label, step)
                                     : tr("%1 (%n times) from step %2", "", times).arg(label, step));
                continue;
            }
            const QString before = shownValue(*m_lesson, d->key, d->before), after = shownValue(*m_lesson, d->key, d->after);
            lines << (d->step < 0 ? tr("%1 %2 → %3").arg(key, before, after)
                                  : tr("%1 %2 → %3 at step %4").arg(key, before, after, step));
        }
    } catch (const Error&) {  // a parent of another version of the lesson: nothing to compare
    }
    if (p && p->seed != info.seed) lines.prepend(tr("seed %1 → %2").arg(p->seed).arg(info.seed));
    if (p && lines.isEmpty()) lines << tr("the same as %1").arg(nameOf(*p));
    return lines;
}

QVariantMap LabController::runRow(const RunInfo& info, const Board* board) const {
    const QStringList changes = changeLines(info);
    QString metric;
    const QString headline = QString::fromStdString(m_lesson->headline);
    if (board && !headline.isEmpty()) {
        const double v = board->latest(headline);
        if (std::isfinite(v)) metric = tr("%1: %2").arg(headlineTitle(), shownNumber(v, 'g', 4));
    }
    return {{"runId", info.id}, {"name", nameOf(info)}, {"changes", changes.join(QLatin1Char('\n'))}, {"seed", double(info.seed)},
            {"metric", metric}, {"status", tr("step %1").arg(info.steps)}, {"shown", true}, {"current", false},
            {"seeds", 0}};
}

void LabController::refreshRuns() {
    m_runsClock.start();
    m_runsDirty = false;
    if (!m_run) return;
    LessonRun& r = *m_run;
    QList<QVariantMap> rows;
    QVariantMap now = runRow(currentInfo(r), r.board.get());
    now["current"] = true;
    now["status"] = r.out.running ? tr("training · step %1").arg(r.out.step) : tr("step %1").arg(r.out.step);
    rows << now;
    for (auto it = r.others.rbegin(); it != r.others.rend(); ++it) {
        const OtherRun& o = **it;
        QVariantMap row = runRow(o.info, o.board.get());
        row["shown"] = o.shown;
        if (!o.members.empty()) {
            // A seed group: its first and last seed, how far its seeds are, and the spread of the
            // headline value over them.
            const uint64_t first = o.members.front().seed, last = o.members.back().seed;
            row["seeds"] = int(o.members.size());
            row["changes"] = tr("seeds %1 to %2 of %3, to step %4").arg(first).arg(last).arg(o.info.parent ? nameOf(*o.info.parent) : QString()).arg(o.target);
            int64_t slowest = o.target;
            double sum = 0, lo = INFINITY, hi = -INFINITY;
            int n = 0;
            for (const SeedMember& m : o.members) {
                slowest = std::min(slowest, m.step);
                const double v = m.board->latest(QString::fromStdString(m_lesson->headline));
                if (std::isfinite(v)) sum += v, lo = std::min(lo, v), hi = std::max(hi, v), ++n;
            }
            row["status"] = !o.failure.isEmpty() ? o.failure
                            : slowest < o.target ? tr("step %1 of %2").arg(slowest).arg(o.target)
                                                 : tr("step %1").arg(o.target);
            row["metric"] = n ? tr("%1: mean %2 (%3 to %4)").arg(headlineTitle())
                                    .arg(shownNumber(sum / n, 'g', 4), shownNumber(lo, 'g', 4), shownNumber(hi, 'g', 4))
                              : QString();
        }
        rows << row;
    }
    m_runList.setRows(std::move(rows));
}

QString LabController::renameRun(int id, const QString& name) {
    const QString n = name.simplified();
    if (n.isEmpty()) return tr("A run needs a name.");
    if (id == m_run->info.id) {
        m_run->info.name = n;
    } else if (OtherRun* o = findOther(*m_run, id)) {
        o->info.name = n;
    } else {
        return tr("There is no such run.");
    }
    relink(*m_run);
    return {};
}

QString LabController::removeRun(int id) {
    if (id == m_run->info.id) return tr("The run on screen cannot be deleted: reset or branch first.");
    auto& others = m_run->others;
    auto it = std::find_if(others.begin(), others.end(), [&](const auto& o) { return o->info.id == id; });
    if (it == others.end()) return tr("There is no such run.");
    for (SeedMember& m : (*it)->members)
        if (m.session) m.session->stop();
    others.erase(it);
    relink(*m_run);
    return {};
}

void LabController::showRun(int id, bool shown) {
    if (OtherRun* o = findOther(*m_run, id); o && o->shown != shown) {
        o->shown = shown;
        relink(*m_run);
    }
}

Board* LabController::runBoard(int id) const {
    Board* b = nullptr;
    if (id == m_run->info.id) b = m_run->board.get();
    for (const auto& o : m_run->others)
        if (o->info.id == id) b = o->board ? o->board.get() : o->members.empty() ? nullptr : o->members.front().board.get();
    if (b) QQmlEngine::setObjectOwnership(b, QQmlEngine::CppOwnership);  // QML must not delete it
    return b;
}

bool LabController::seedsTraining() const {
    for (const auto& o : m_run->others)
        for (const SeedMember& m : o->members)
            if (m.session) return true;
    return false;
}

QString LabController::exportRun(int id, const QUrl& folder) {
    const QString made = makeFolder(folder);
    if (!made.isEmpty()) return made;
    const std::filesystem::path dir = localPath(folder).toStdString();
    const LessonSpec& lesson = *m_run->lesson;
    auto write = [&](const std::filesystem::path& to, const RunInfo& info, const Board& board) {
        Params values = info.initial;
        for (const Edit& e : info.edits) keepValue(lesson, values, e);
        nlohmann::json j = RunDriver::recordSummary(lesson, values, info.initial, info.edits, info.seed, info.device,
                                                    info.steps, board.data());
        j["name"] = nameOf(info).toStdString();
        if (!info.historyComplete) j["history_complete"] = false;
        std::filesystem::create_directories(to);
        RunDriver::writeRecord(to, board.data(), j);
    };
    try {
        if (id == m_run->info.id) {
            if (!m_run->out.ready) return tr("There is no run to export yet.");
            write(dir, currentInfo(*m_run), *m_run->board);
        } else if (const OtherRun* o = findOther(*m_run, id)) {
            if (o->board) write(dir, o->info, *o->board);
            for (const SeedMember& m : o->members) {
                RunInfo info = o->info;
                info.seed = m.seed;
                info.steps = m.step;
                write(dir / ("seed=" + std::to_string(m.seed)), info, *m.board);
            }
        } else {
            return tr("There is no such run.");
        }
    } catch (const std::exception& e) {  // Error, or the file system's refusal
        return tr("Could not export the run: %1").arg(trError(e));
    }
    return {};
}

QString LabController::loadRun(const QUrl& file) {
    QString path = localPath(file);
    if (path.isEmpty()) return tr("No file given.");
    if (QFileInfo(path).isDir()) path = QDir(path).filePath("summary.json");
    RunRecipe recipe;
    try {
        recipe = RunDriver::recipe(path.toStdString());
    } catch (const Error& e) {
        return tr("Could not load the run: %1").arg(trError(e));
    }
    if (recipe.lesson != m_lesson) setLessonId(QString::fromStdString(recipe.lesson->id));
    LessonRun& r = *m_run;
    retire(r, true);
    const QFileInfo where(path);
    r.info.name = where.fileName() == "summary.json" ? where.dir().dirName() : where.completeBaseName();
    r.seed = recipe.seed;
    r.applied = recipe.initial;
    Params values = recipe.initial;
    for (const Edit& e : recipe.edits) keepValue(*recipe.lesson, values, e);
    BranchStart start;
    start.replay = recipe.edits;
    start.stepLimit = recipe.steps;
    startSession(r, recipe.steps > 0, std::move(start));
    r.replayTo = recipe.steps;
    r.replayIsBranch = false;
    r.values = r.applied = values;
    m_params.setLesson(r.lesson, r.values, r.applied);
    relink(r);
    emit seedChanged();
    emit boardChanged();
    return {};
}

QString LabController::repeatWithSeeds(int n) {
    LessonRun& r = *m_run;
    if (n < 2 || n > 16) return tr("Choose between 2 and 16 seeds.");
    if (!r.out.ready || r.out.step == 0) return tr("Let the run take some steps first: the seeds repeat it up to the step it has reached.");
    if (!r.out.historyComplete) return tr("This run continues a checkpoint whose beginning was not recorded: it cannot be repeated.");
    auto o = std::make_unique<OtherRun>();
    o->info = currentInfo(r);
    o->info.parent = std::make_shared<const RunInfo>(o->info);
    o->info.id = r.nextRunId++;
    o->info.name.clear();  // named after the run it repeats (nameOf)
    o->info.seeds = n;
    o->target = r.out.step;
    std::erase_if(o->info.edits, [&](const Edit& e) { return e.step >= o->target; });
    o->info.steps = o->target;
    for (int i = 0; i < n; ++i) {
        SeedMember m;
        m.seed = r.seed + uint64_t(i);
        m.board = std::make_unique<Board>();
        m.board->setLesson(r.lesson);
        if (i == 0) {  // the run itself: its charts up to here
            m.board->copyUpTo(*r.board, o->target);
            m.step = o->target;
        } else {
            Session::Config cfg;
            cfg.lesson = r.lesson;
            cfg.params = o->info.initial;
            cfg.seed = m.seed;
            cfg.device = o->info.device;
            cfg.autoplay = true;
            cfg.stepLimit = o->target;
            cfg.replay = o->info.edits;
            m.session = Session::start(std::move(cfg));
        }
        o->members.push_back(std::move(m));
    }
    r.others.push_back(std::move(o));
    relink(r);
    return {};
}

}  // namespace gradlab
