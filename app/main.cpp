// gradlab: the desktop lab's start-up: switches, renderer, translations, the window. Opens on the
// first lesson (or --lesson). Switches for screenshots, documentation and tests (app/capture.h):
//   gradlab [--lesson ID] [--set key=value]... [--seed S] [--lang CODE] [--steps N]
//           [--screenshot FILE] [--frame-stats FILE] [--dark] [--size WxH] [--zoom PERCENT]
// With --steps the lesson starts running and pauses after N steps; with --screenshot the app
// waits until the last frame is drawn, saves a PNG of the window and exits 0. --frame-stats
// writes frame-interval statistics (median, p99, max, frames over 16.7 ms) and training steps/s.
// Bad switches: one clear line on stderr and exit 2.
#include <QCommandLineParser>
#include <QGuiApplication>
#include <QIcon>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QSessionManager>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QQuickWindow>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QSGRendererInterface>
#include <QtQml/QQmlExtensionPlugin>

#include <chrono>
#include <cstdio>
#include <unistd.h>

#include "app/bridge/lab_controller.h"
#include "app/bridge/translations.h"
#include "app/capture.h"
#include "app/quit_on_signal.h"
#include "app/version.h"
#include "engine/core/error.h"

Q_IMPORT_QML_PLUGIN(GradLab_BridgePlugin)
Q_IMPORT_QML_PLUGIN(GradLabPlugin)

using namespace gradlab;

namespace {

[[noreturn]] void usage(const QString& message) {
    std::fprintf(stderr, "gradlab: %s\n", qPrintable(message));
    std::exit(2);
}

constexpr int kMinZoom = 50, kMaxZoom = 300;  // per cent

// The zoom this start draws at, in per cent: --zoom, else the one chosen in the View menu (not
// for screenshots and measurements, which start from a clean slate), else 100. Qt takes its
// scale factor only as the application starts, so this runs before it exists and looks for the
// switches itself; a bad --zoom is refused with the other switches afterwards.
int startZoom(int argc, char** argv) {
    const auto usable = [](int z) { return z >= kMinZoom && z <= kMaxZoom ? z : 100; };
    bool capture = false;
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "--zoom" || a.startsWith("--zoom="))
            return usable((a == "--zoom" ? QByteArray(i + 1 < argc ? argv[i + 1] : "") : a.mid(7)).toInt());
        capture = capture || a == "--screenshot" || a.startsWith("--screenshot=") || a == "--frame-stats" || a.startsWith("--frame-stats=");
    }
    return capture ? 100 : usable(QSettings().value("ui/zoom", 100).toInt());
}

}  // namespace

// Machines without a GPU (virtual machines, remote desktops, Xvfb) give Qt Quick's OpenGL
// renderer a software rasteriser (Mesa llvmpipe): it redraws the whole window every frame and,
// on two cores, takes more CPU than the training thread. Qt Quick's own software renderer
// repaints only what changed, so it is chosen there. QT_QUICK_BACKEND / QSG_RHI_BACKEND or
// --renderer still decide when given.
QString softwareRasterizer() {
    QOffscreenSurface surface;
    surface.create();
    QOpenGLContext ctx;
    if (!ctx.create() || !ctx.makeCurrent(&surface)) return "unavailable";
    const auto* r = reinterpret_cast<const char*>(ctx.functions()->glGetString(GL_RENDERER));
    const QString renderer = r ? QString::fromLatin1(r) : QString();
    ctx.doneCurrent();
    for (const char* sw : {"llvmpipe", "softpipe", "swrast", "Software Rasterizer"})
        if (renderer.contains(QLatin1String(sw), Qt::CaseInsensitive)) return renderer;
    return {};
}

// The lab from start to quit. Sets `restartWith` (the program and the switches a new start
// keeps) when the student asked for a restart (View > Zoom).
int runLab(int argc, char** argv, QStringList& restartWith) {
    // A window's update request waits 5 ms by default before the frame is drawn; the frame clock
    // (LabController) already paces frames, so draw as soon as asked. Set it yourself to override.
    if (qEnvironmentVariableIsEmpty("QT_QPA_UPDATE_IDLE_TIME")) qputenv("QT_QPA_UPDATE_IDLE_TIME", "0");
    QGuiApplication::setApplicationName("Gradient Lab");  // before the application: startZoom's settings
    QGuiApplication::setOrganizationName("Gradient Lab");
    // The zoom scales whatever scale factor the desktop or QT_SCALE_FACTOR gives.
    const int zoom = startZoom(argc, argv);
    if (zoom != 100) {
        const double given = qEnvironmentVariableIsEmpty("QT_SCALE_FACTOR") ? 1.0 : qEnvironmentVariable("QT_SCALE_FACTOR").toDouble();
        qputenv("QT_SCALE_FACTOR", QByteArray::number((given > 0 ? given : 1.0) * zoom / 100.0));
    }
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationVersion(GRADLAB_VERSION);
    QGuiApplication::setDesktopFileName("gradlab");  // share/applications/gradlab.desktop
    QGuiApplication::setWindowIcon(QIcon(":/icons/gradlab.svg"));
    quitOnSignals(app);

    QCommandLineParser cli;
    cli.setApplicationDescription("Gradient Lab: watch neural networks learn.");
    cli.addHelpOption();
    cli.addVersionOption();
    cli.addOption({"lesson", "Open this lesson.", "ID"});
    cli.addOption({"set", "Set a lesson parameter (repeatable).", "key=value"});
    cli.addOption({"seed", "Random seed.", "S"});
    cli.addOption({"lang", "Language (en, de, zh_CN); default: the system's.", "CODE"});
    cli.addOption({"steps", "Start running and pause after N steps.", "N"});
    cli.addOption({"screenshot", "After the steps, save a PNG of the window and exit.", "FILE"});
    cli.addOption({"frame-stats", "Write frame timing and training speed as JSON (with --steps).", "FILE"});
    cli.addOption({"seeds", "After the steps, repeat the run with N seeds (shown in the runs tab).", "N"});
    cli.addOption({"tab", "Show this tab of the lesson's page (0, 1, ...) before the screenshot.", "N"});
    cli.addOption({"dark", "Use the dark theme."});
    cli.addOption({"size", "Window size, e.g. 1920x1080.", "WxH"});
    cli.addOption({"renderer", "Qt Quick renderer: auto (software when OpenGL is a software rasteriser), opengl or software.", "NAME", "auto"});
    cli.addOption({"zoom", "Draw the lab this many per cent of its size (50 to 300; default: View > Zoom).", "PERCENT"});
    if (!cli.parse(app.arguments())) usage(cli.errorText());
    if (cli.isSet("help")) {
        std::fputs(qPrintable(cli.helpText()), stdout);
        return 0;
    }
    if (cli.isSet("version")) {
        std::printf("gradlab %s\n", qPrintable(QGuiApplication::applicationVersion()));
        return 0;
    }
    if (!cli.positionalArguments().isEmpty()) usage("unexpected argument '" + cli.positionalArguments().first() + "'");

    // ---- validate every switch before a window opens ----
    // Screenshots and measurements start from a clean slate: their settings (dark mode, window,
    // last lesson) live in a temporary folder, not in the user's.
    const bool capture = cli.isSet("screenshot") || cli.isSet("frame-stats");
    QTemporaryDir captureSettings;
    if (capture) QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, captureSettings.path());
    // What the student chose last time (View menu, lesson list), unless a switch says otherwise.
    QSettings remembered;
    const QString lang =
        LabController::resolveLanguage(cli.isSet("lang") ? cli.value("lang") : remembered.value("ui/language").toString());
    // The lesson that opens: --lesson, else the one open when the lab was closed, else the first.
    // It is chosen before --set is read, since each --set names a parameter of that lesson.
    const LessonSpec* lesson = &allLessons().front();
    if (cli.isSet("lesson")) {
        lesson = findLesson(cli.value("lesson").toStdString());
        if (!lesson) usage(QString("unknown lesson '%1' (lessons: %2)").arg(cli.value("lesson"), QString::fromStdString(lessonIds())));
    } else if (const LessonSpec* last = findLesson(remembered.value("ui/lesson").toString().toStdString())) {
        lesson = last;
    }
    Params params = lesson->defaults();
    for (const QString& s : cli.values("set")) {
        try {
            auto [k, v] = lesson->parse(s.toStdString());
            params.assign(k, std::move(v));
        } catch (const Error& e) {
            usage(QString("lesson %1: %2").arg(QString::fromStdString(lesson->id), e.what()));
        }
    }
    bool ok = true;
    const int seed = cli.isSet("seed") ? cli.value("seed").toInt(&ok) : 0;
    if (!ok || seed < 0) usage("--seed expects a non-negative integer, got '" + cli.value("seed") + "'");
    const qlonglong steps = cli.isSet("steps") ? cli.value("steps").toLongLong(&ok) : -1;
    if (!ok || (cli.isSet("steps") && steps < 0)) usage("--steps expects a non-negative integer, got '" + cli.value("steps") + "'");
    QSize size(1280, 800);
    if (cli.isSet("size")) {
        QStringList wh = cli.value("size").split('x');
        bool okW = false, okH = false;
        if (wh.size() == 2) size = QSize(wh[0].toInt(&okW), wh[1].toInt(&okH));
        if (!okW || !okH || size.width() < 640 || size.height() < 480) usage("--size expects WxH of at least 640x480, got '" + cli.value("size") + "'");
    }
    if (cli.isSet("lang") && !LabController::languages().contains(cli.value("lang")))
        usage("unknown language '" + cli.value("lang") + "' (" + LabController::languages().join(", ") + ")");
    if (cli.isSet("frame-stats") && !cli.isSet("steps")) usage("--frame-stats needs --steps");
    const int zoomAsked = cli.isSet("zoom") ? cli.value("zoom").toInt(&ok) : 100;
    if (!ok || zoomAsked < kMinZoom || zoomAsked > kMaxZoom) usage("--zoom expects a percentage from 50 to 300, got '" + cli.value("zoom") + "'");
    const QString renderer = cli.value("renderer");
    if (!QStringList{"auto", "opengl", "software"}.contains(renderer)) usage("unknown renderer '" + renderer + "' (auto, opengl, software)");
    if (renderer == "software") {
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    } else if (renderer == "opengl") {
        QQuickWindow::setGraphicsApi(QSGRendererInterface::OpenGL);
    } else if (qEnvironmentVariableIsEmpty("QT_QUICK_BACKEND") && qEnvironmentVariableIsEmpty("QSG_RHI_BACKEND")
               && QGuiApplication::platformName() != "offscreen") {
        const QString sw = softwareRasterizer();
        if (!sw.isEmpty()) {
            std::fprintf(stderr, "gradlab: drawing with Qt Quick's software renderer (OpenGL here is %s)\n", qPrintable(sw));
            QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
        }
    }

    // The interface's strings in `lang`, ours and Qt's own.
    Translations translations;
    translations.use(lang);

    // Fusion, chosen here rather than left to the platform: it draws every control from the
    // window's palette (Theme.controlPalette), so dark mode reaches all of them.
    QQuickStyle::setStyle("Fusion");
    QQmlApplicationEngine engine;
    engine.setInitialProperties({{"options", QVariantMap{{"lesson", QString::fromStdString(lesson->id)}, {"zoom", zoom}}}});
    QObject::connect(&engine, &QQmlApplicationEngine::objectCreationFailed, &app, [] { std::exit(1); }, Qt::QueuedConnection);
    engine.load(QUrl("qrc:/GradLab/Main.qml"));
    if (engine.rootObjects().isEmpty()) return 1;
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
    auto* lab = window->findChild<LabController*>("lab");
    if (!window || !lab) return 1;
    // The window as the student left it (Main.qml's settings), unless a size is asked for.
    if (cli.isSet("size") || capture) window->resize(size);
    if (cli.isSet("dark")) window->setProperty("dark", true);

    lab->setTranslations(&translations);
    lab->setLanguage(lang);
    // A language chosen in the View menu applies at once: the lab installs its catalogues, then
    // every binding is read again.
    QObject::connect(lab, &LabController::languageChanged, &engine, &QQmlEngine::retranslate);
    lab->setSeed(seed);
    lab->setStepLimit(steps);
    // The page opened the lesson with its defaults (options.lesson): switches that choose how
    // the run starts make it a fresh run with them applied.
    const bool asLeft = cli.values("set").isEmpty() && !cli.isSet("seed") && steps < 0;
    if (!asLeft) lab->open(*lesson, params);
    // Each lesson's run is kept at quit, and every two minutes for a lab that ends without
    // quitting (a crash, a power cut); it goes on when the lesson opens again. A start that gives
    // the opening lesson values of its own begins that lesson afresh.
    QTimer keeper;
    if (!capture && lab->setResumeFolder(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + "/gradlab/last-runs", asLeft)) {
        QObject::connect(&keeper, &QTimer::timeout, lab, &LabController::keepRunsForNextTime);
        keeper.start(std::chrono::minutes(2));
        // Logging out: the desktop asks before it ends the lab, which may then not quit at all.
        QObject::connect(&app, &QGuiApplication::commitDataRequest, lab, [lab](QSessionManager&) { lab->keepRunsForNextTime(); });
    }
    if (steps >= 0) lab->setSpeed(0);  // --steps is for screenshots and measurements: as fast as it can

    const int seeds = cli.isSet("seeds") ? cli.value("seeds").toInt(&ok) : 0;
    if (!ok || (cli.isSet("seeds") && (seeds < 2 || seeds > 16 || steps <= 0)))
        usage("--seeds expects 2 to 16 (with --steps), got '" + cli.value("seeds") + "'");
    const int tab = cli.isSet("tab") ? cli.value("tab").toInt(&ok) : -1;
    if (!ok || (cli.isSet("tab") && tab < 0)) usage("--tab expects 0, 1, ..., got '" + cli.value("tab") + "'");
    CaptureOptions captureOptions{steps, cli.value("screenshot"), cli.value("frame-stats"), seeds, tab};
    installCapture(window, lab, captureOptions);

    // Quit: the window goes at once, every lesson's run is given to its worker to keep for the
    // next start, and every worker is told to stop; then they get up to ten seconds, unseen, to
    // finish their step and those saves (a deep stack's step can take seconds). (The workers used
    // to hear of it only as the window was torn down, and a training lesson held a frozen window
    // for three seconds.)
    QObject::connect(&app, &QCoreApplication::aboutToQuit, lab, [window, lab] {
        window->hide();
        lab->keepRunsForNextTime();
        lab->stopAll();
    });
    // A restart quits as above. The new start keeps --lang, --renderer and --dark; it drops the
    // switches that set up a run (--lesson, --set, --seed, --steps) and those of the window
    // (--size, --zoom): it opens the lesson left open, its runs going on as they are now.
    bool restart = false;
    QObject::connect(lab, &LabController::restartRequested, &app, [&restart] {
        restart = true;
        QCoreApplication::quit();
    }, Qt::QueuedConnection);
    int rc = app.exec();
    LabController::waitForWorkers(10000);
    if (restart) {
        restartWith = {QCoreApplication::applicationFilePath()};
        for (const char* kept : {"lang", "renderer"})
            if (cli.isSet(kept)) restartWith << QString("--") + kept << cli.value(kept);
        if (cli.isSet("dark")) restartWith << "--dark";
    }
    return rc;
}

int main(int argc, char** argv) {
    const QByteArray givenScale = qgetenv("QT_SCALE_FACTOR");  // runLab sets it for its zoom
    QStringList restartWith;
    const int rc = runLab(argc, argv, restartWith);
    if (restartWith.isEmpty()) return rc;
    // Everything of this start is gone by now (the window, the workers, the lock on the kept runs):
    // the same process becomes the new lab, with the environment it was given (its zoom scales
    // the scale factor given, not this start's).
    if (givenScale.isNull()) qunsetenv("QT_SCALE_FACTOR");
    else qputenv("QT_SCALE_FACTOR", givenScale);
    std::vector<QByteArray> args;
    for (const QString& a : restartWith) args.push_back(a.toLocal8Bit());
    std::vector<char*> argvAgain;
    for (QByteArray& a : args) argvAgain.push_back(a.data());
    argvAgain.push_back(nullptr);
    execv(argvAgain[0], argvAgain.data());
    std::perror("gradlab: could not start again");
    return rc;
}
