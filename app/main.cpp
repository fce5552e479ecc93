// gradlab: the desktop lab. Opens on the first lesson (or --lesson). Switches for screenshots,
// documentation and tests:
//   gradlab [--lesson ID] [--set key=value]... [--seed S] [--lang CODE] [--steps N]
//           [--screenshot FILE] [--frame-stats FILE] [--dark] [--size WxH]
// With --steps the lesson starts running and pauses after N steps; with --screenshot the app
// waits until the last frame is drawn, saves a PNG of the window and exits 0. --frame-stats
// writes frame-interval statistics (median, p99, max, frames over 16.7 ms) and training steps/s.
// Bad switches: one clear line on stderr and exit 2.
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QIcon>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QSaveFile>
#include <QSGRendererInterface>
#include <QTimer>
#include <QTranslator>
#include <QtQml/QQmlExtensionPlugin>

#include <algorithm>
#include <cstdio>
#include <mutex>

#include "app/bridge/lab_controller.h"
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

// Frame intervals measured on the render thread.
struct FrameClock {
    std::mutex mutex;
    QElapsedTimer clock;
    std::vector<double> stampsMs;
    bool recording = false;
    void swapped() {
        std::lock_guard lock(mutex);
        if (recording) stampsMs.push_back(double(clock.nsecsElapsed()) / 1e6);
    }
};

// Training speed is the training thread's own account (steps over the seconds it spent stepping,
// its share of streaming included), comparable with gradlab-cli's steps_per_second, which also
// times the stepping loop only; the wall-clock rate from pressing play to the end is given beside it.
QJsonObject frameStats(FrameClock& fc, const LabController& lab, double wallSeconds) {
    std::vector<double> d;
    {
        std::lock_guard lock(fc.mutex);
        for (std::size_t i = 1; i < fc.stampsMs.size(); ++i) d.push_back(fc.stampsMs[i] - fc.stampsMs[i - 1]);
    }
    std::sort(d.begin(), d.end());
    auto q = [&](double p) { return d.empty() ? 0.0 : d[std::min(d.size() - 1, std::size_t(p * double(d.size() - 1) + 0.5))]; };
    int over = int(std::count_if(d.begin(), d.end(), [](double v) { return v > 1000.0 / 60.0; }));
    return {{"frames", int(d.size()) + 1},
            {"frame_interval_median_ms", q(0.5)},
            {"frame_interval_p99_ms", q(0.99)},
            {"frame_interval_max_ms", d.empty() ? 0.0 : d.back()},
            {"frames_over_16_7ms", over},
            {"training_steps", double(lab.steppedSteps())},
            {"training_seconds", lab.steppedSeconds()},
            {"training_steps_per_second", lab.steppedSeconds() > 0 ? double(lab.steppedSteps()) / lab.steppedSeconds() : 0.0},
            {"wall_seconds", wallSeconds},
            {"wall_steps_per_second", wallSeconds > 0 ? lab.step() / wallSeconds : 0.0}};
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

int main(int argc, char** argv) {
    // A window's update request waits 5 ms by default before the frame is drawn; the frame clock
    // (LabController) already paces frames, so draw as soon as asked. Set it yourself to override.
    if (qEnvironmentVariableIsEmpty("QT_QPA_UPDATE_IDLE_TIME")) qputenv("QT_QPA_UPDATE_IDLE_TIME", "0");
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName("Gradient Lab");
    QGuiApplication::setOrganizationName("Gradient Lab");
    QGuiApplication::setApplicationVersion(GRADLAB_VERSION);
    QGuiApplication::setDesktopFileName("gradlab");  // share/applications/gradlab.desktop
    QGuiApplication::setWindowIcon(QIcon(":/icons/gradlab.svg"));

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
    cli.addOption({"dark", "Use the dark theme."});
    cli.addOption({"size", "Window size, e.g. 1920x1080.", "WxH"});
    cli.addOption({"renderer", "Qt Quick renderer: auto (software when OpenGL is a software rasteriser), opengl or software.", "NAME", "auto"});
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
    const LessonSpec* lesson = &allLessons().front();
    if (cli.isSet("lesson")) {
        lesson = findLesson(cli.value("lesson").toStdString());
        if (!lesson) usage(QString("unknown lesson '%1' (lessons: %2)").arg(cli.value("lesson"), QString::fromStdString(lessonIds())));
    }
    std::vector<std::pair<QString, QString>> sets;
    for (const QString& s : cli.values("set")) {
        try {
            auto [k, v] = lesson->parse(s.toStdString());
            sets.emplace_back(QString::fromStdString(k), s.mid(s.indexOf('=') + 1).trimmed());
        } catch (const Error& e) {
            usage(QString::fromStdString(e.what()));
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
    QString lang = cli.isSet("lang") ? cli.value("lang") : QLocale::system().name();
    const QStringList known = {"en", "de", "zh_CN"};
    if (cli.isSet("lang") && !known.contains(lang)) usage("unknown language '" + lang + "' (en, de, zh_CN)");
    if (!known.contains(lang)) lang = known.contains(lang.left(2)) ? lang.left(2) : (lang.startsWith("zh") ? "zh_CN" : "en");
    if (cli.isSet("frame-stats") && !cli.isSet("steps")) usage("--frame-stats needs --steps");
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

    QTranslator translator;
    if (lang != "en" && translator.load(QString(":/i18n/gradlab_%1.qm").arg(lang))) QGuiApplication::installTranslator(&translator);

    QQmlApplicationEngine engine;
    engine.setInitialProperties({{"options", QVariantMap{{"lesson", QString::fromStdString(lesson->id)}}}});
    QObject::connect(&engine, &QQmlApplicationEngine::objectCreationFailed, &app, [] { std::exit(1); }, Qt::QueuedConnection);
    engine.load(QUrl("qrc:/GradLab/Main.qml"));
    if (engine.rootObjects().isEmpty()) return 1;
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
    auto* lab = window->findChild<LabController*>("lab");
    if (!window || !lab) return 1;
    window->resize(size);
    if (cli.isSet("dark")) window->setProperty("dark", true);

    lab->setLanguage(lang);
    lab->setLessonId(QString::fromStdString(lesson->id));
    lab->setSeed(seed);
    for (auto& [k, v] : sets) lab->setParam(k, v);
    lab->setStepLimit(steps);
    lab->reset();  // applies every switch to a fresh run

    FrameClock frames;
    frames.clock.start();
    QObject::connect(window, &QQuickWindow::frameSwapped, window, [&frames] { frames.swapped(); }, Qt::DirectConnection);
    // While measuring, the window draws on every tick of the frame clock, as it would under an
    // animation or a dragged slider: the intervals then say how fast the interface can draw
    // while the lesson trains, not how often a slow lesson (a ViT step takes ~20 ms) has news.
    if (cli.isSet("frame-stats"))
        QObject::connect(lab, &LabController::ticked, window, [window, &frames] {
            std::lock_guard lock(frames.mutex);
            if (frames.recording) window->update();
        });
    QElapsedTimer runClock;
    if (steps > 0) {
        {
            std::lock_guard lock(frames.mutex);
            frames.recording = true;
        }
        runClock.start();
        lab->play();
    }

    // With --screenshot / --frame-stats: wait until the steps are done and drawn, then finish.
    const QString screenshotFile = cli.value("screenshot"), statsFile = cli.value("frame-stats");
    if (!screenshotFile.isEmpty() || !statsFile.isEmpty()) {
        auto* poll = new QTimer(&app);
        auto settled = std::make_shared<int>(0);
        auto deadline = std::make_shared<QElapsedTimer>();
        deadline->start();
        QObject::connect(poll, &QTimer::timeout, &app, [=, &frames, &runClock]() {
            // A run that finishes early (the cnn lesson after its epochs) is done as well.
            const bool done = lab->ready() && !lab->running() &&
                              (steps <= 0 || lab->step() >= double(steps) || lab->finished());
            if (deadline->elapsed() > 600000) {
                std::fprintf(stderr, "gradlab: timed out waiting for %lld steps\n", steps);
                QCoreApplication::exit(1);
                return;
            }
            if (!done) return;
            const double seconds = runClock.isValid() ? runClock.elapsed() / 1000.0 : 0.0;
            {
                std::lock_guard lock(frames.mutex);
                frames.recording = false;
            }
            // Let the last drained frame reach the screen: a few more ticks.
            if (++*settled < 6) {
                window->update();
                return;
            }
            poll->stop();
            if (!statsFile.isEmpty()) {
                QJsonObject o = frameStats(frames, *lab, seconds);
                o["lesson"] = lab->lessonId();
                QSaveFile f(statsFile);
                if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(o).toJson()) < 0 || !f.commit()) {
                    std::fprintf(stderr, "gradlab: cannot write %s\n", qPrintable(statsFile));
                    QCoreApplication::exit(1);
                    return;
                }
            }
            if (!screenshotFile.isEmpty()) {
                QImage img = window->grabWindow();
                if (img.isNull() || !img.save(screenshotFile, "PNG")) {
                    std::fprintf(stderr, "gradlab: cannot write %s\n", qPrintable(screenshotFile));
                    QCoreApplication::exit(1);
                    return;
                }
            }
            QCoreApplication::exit(0);
        });
        poll->start(50);
    }

    int rc = app.exec();
    LabController::waitForWorkers(3000);  // let stopped sessions finish their step
    return rc;
}
