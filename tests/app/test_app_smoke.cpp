// The application end to end, offscreen: every lesson runs 50 steps and writes a screenshot that
// is not blank; bad switches give one line and exit 2; the lab opens again on the lesson the
// student left.
#include <QElapsedTimer>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include <signal.h>

#include "common/cli_runner.h"

using namespace gradlab::test;

namespace {
QString appPath() { return QString(GRADLAB_BINARY_DIR) + "/app/gradlab"; }

// A settings folder (XDG_CONFIG_HOME) whose lab was last closed on `lesson`.
void rememberLesson(const QTemporaryDir& home, const QString& lesson) {
    QDir(home.path()).mkpath("Gradient Lab");
    QFile conf(home.filePath("Gradient Lab/Gradient Lab.conf"));
    QVERIFY(conf.open(QIODevice::WriteOnly));
    conf.write(QString("[ui]\nlesson=%1\n").arg(lesson).toUtf8());
}

// The app, with its settings and the runs it keeps (its data) in `home`.
void startWithSettings(QProcess& app, const QTemporaryDir& home, const QStringList& args) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("XDG_CONFIG_HOME", home.path());
    env.insert("XDG_DATA_HOME", home.path());
    app.setProcessEnvironment(env);
    app.start(appPath(), args);
}

// The QML warnings in what the app wrote to stderr (a binding loop, a missing property): a start
// as a student's should have none.
QStringList qmlWarnings(const QString& err) {
    QStringList found;
    for (const QString& line : err.split('\n'))
        if (line.contains("qrc:/")) found << line;
    return found;
}

QString settingsText(const QTemporaryDir& home) { return QString::fromUtf8(fileBytes(home.filePath("Gradient Lab/Gradient Lab.conf"))); }
}  // namespace

class TestAppSmoke : public QObject {
    Q_OBJECT
private slots:
    void screenshot_data() {
        QTest::addColumn<QString>("lesson");
        QTest::addColumn<QStringList>("extra");
        QTest::newRow("optimizers") << "optimizers" << QStringList{};
        QTest::newRow("activations") << "activations" << QStringList{};
        QTest::newRow("init") << "init" << QStringList{};
        QTest::newRow("attention") << "attention" << QStringList{};
        QTest::newRow("vit") << "vit" << QStringList{};
        QTest::newRow("optimizers dark german") << "optimizers" << QStringList{"--dark", "--lang", "de"};
    }
    void screenshot() {
        QFETCH(QString, lesson);
        QFETCH(QStringList, extra);
        QTemporaryDir dir;
        const QString png = dir.filePath("shot.png");
        ProcessResult r = runProgram(appPath(), QStringList{"--lesson", lesson, "--steps", "50", "--screenshot", png} + extra, 120000);
        QVERIFY2(r.exitCode == 0 && !r.crashed, qPrintable(r.err));
        QImage img(png);
        QCOMPARE(img.size(), QSize(1280, 800));
        // Not blank: many distinct colours (charts, text, the contour field...).
        QSet<QRgb> colours;
        for (int y = 0; y < img.height(); y += 5)
            for (int x = 0; x < img.width(); x += 5) colours.insert(img.pixel(x, y));
        QVERIFY2(colours.size() > 200, qPrintable(QString("%1 colours").arg(colours.size())));
        QVERIFY2(!r.err.contains("qrc:/"), qPrintable(r.err));  // no QML errors or warnings
    }

    // --zoom draws the lab larger (the screenshot has that many more pixels). A zoom chosen in
    // the View menu is the next start's, but not a screenshot's, which starts from a clean slate.
    void zoom_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QSize>("size");
        QTest::newRow("--zoom 150") << QStringList{"--zoom", "150"} << QSize(1536, 960);
        QTest::newRow("--zoom=125") << QStringList{"--zoom=125"} << QSize(1280, 800);
        QTest::newRow("the View menu's 200 % is not a screenshot's") << QStringList{} << QSize(1024, 640);
    }
    void zoom() {
        QFETCH(QStringList, args);
        QFETCH(QSize, size);
        QTemporaryDir home;
        QDir(home.path()).mkpath("Gradient Lab");
        QFile conf(home.filePath("Gradient Lab/Gradient Lab.conf"));
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write("[ui]\nzoom=200\n");
        conf.close();
        QProcess app;
        startWithSettings(app, home, QStringList{"--lesson", "init", "--steps", "5", "--size", "1024x640", "--screenshot", home.filePath("shot.png")} + args);
        QVERIFY(app.waitForFinished(120000));
        const QString err = QString::fromUtf8(app.readAllStandardError());
        QVERIFY2(app.exitCode() == 0, qPrintable(err));
        QCOMPARE(QImage(home.filePath("shot.png")).size(), size);
        QVERIFY2(qmlWarnings(err).isEmpty(), qPrintable(qmlWarnings(err).join('\n')));
    }

    // Pages whose cards are repeated per layer, head or cell, opened with other counts than the
    // defaults in a window smaller than the default one: the counts change as the window is
    // laid out. Qt 6.4's layouts then read a freed card, and the lab died with SIGSEGV (at
    // start-up here, and whenever a count changed as the window resized).
    void repeatedCardsSurviveACountChange_data() {
        QTest::addColumn<QString>("lesson");
        QTest::addColumn<QStringList>("args");
        QTest::newRow("attention, 2 layers") << "attention" << QStringList{"--set", "layers=2", "--tab", "1"};
        QTest::newRow("attention, 4 heads") << "attention" << QStringList{"--set", "heads=4"};
        QTest::newRow("gpt, 8 heads") << "gpt" << QStringList{"--set", "heads=8", "--tab", "1"};
        QTest::newRow("gpt, 2 layers") << "gpt" << QStringList{"--set", "layers=2"};
        QTest::newRow("rnn, the GRU alone") << "rnn" << QStringList{"--set", "cells=gru", "--tab", "1"};
        QTest::newRow("rnn, two cells") << "rnn" << QStringList{"--set", "cells=rnn,lstm"};
    }
    void repeatedCardsSurviveACountChange() {
        QFETCH(QString, lesson);
        QFETCH(QStringList, args);
        QTemporaryDir dir;
        ProcessResult r = runProgram(
            appPath(), QStringList{"--lesson", lesson, "--steps", "0", "--size", "1100x700", "--screenshot", dir.filePath("shot.png")} + args,
            120000);
        QVERIFY2(r.exitCode == 0 && !r.crashed, qPrintable(r.err));
        QVERIFY2(!r.err.contains("qrc:/"), qPrintable(r.err));
    }

    void badSwitches_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("lesson") << QStringList{"--lesson", "nope"} << "unknown lesson";
        QTest::newRow("set") << QStringList{"--set", "adam.lr=fast", "--lesson", "optimizers"} << "expects a number";
        QTest::newRow("steps") << QStringList{"--steps", "-1"} << "--steps";
        QTest::newRow("lang") << QStringList{"--lang", "xx"} << "unknown language";
        QTest::newRow("option") << QStringList{"--fly"} << "fly";
        QTest::newRow("stats without steps") << QStringList{"--frame-stats", "x.json"} << "--steps";
        QTest::newRow("zoom") << QStringList{"--zoom", "400"} << "--zoom expects a percentage";
    }
    void badSwitches() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        ProcessResult r = runProgram(appPath(), args, 60000);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    // Closed on a lesson, opened again without switches: the lab opens on that lesson. It once
    // built the first lesson's parameters and handed them to the remembered one, and aborted at
    // every start after a student had left any lesson but the first.
    void reopensOnTheLessonLeftOpen_data() {
        QTest::addColumn<QString>("remembered");
        QTest::addColumn<QStringList>("args");
        QTest::newRow("init") << "init" << QStringList{};
        QTest::newRow("gpt, with one of its parameters") << "gpt" << QStringList{"--set", "temperature=0.5"};
        QTest::newRow("--lesson wins") << "init" << QStringList{"--lesson", "cnn", "--set", "epochs=2"};
        QTest::newRow("a lesson that is gone (the first opens)") << "retired" << QStringList{};
    }
    void reopensOnTheLessonLeftOpen() {
        QFETCH(QString, remembered);
        QFETCH(QStringList, args);
        QTemporaryDir home;
        rememberLesson(home, remembered);
        QProcess app;
        startWithSettings(app, home, args);
        // The window's settings are written from its event loop: once they hold its size, the lab
        // is open (an abort at start-up comes before that loop runs).
        QElapsedTimer t;
        t.start();
        while (!settingsText(home).contains("width=") && app.state() != QProcess::NotRunning && t.elapsed() < 60000)
            app.waitForFinished(200);
        const bool ranOn = app.state() != QProcess::NotRunning && !app.waitForFinished(1000);
        app.kill();
        app.waitForFinished();
        const QString err = QString::fromUtf8(app.readAllStandardError());
        QVERIFY2(ranOn, qPrintable(err));
        QVERIFY2(qmlWarnings(err).isEmpty(), qPrintable(qmlWarnings(err).join('\n')));
    }

    // A lab ended from outside (the desktop session closing, `kill`, Ctrl+C in its terminal) keeps
    // its runs as a closed window does; SIGTERM, SIGHUP and SIGINT used to end it at once, and
    // the run was gone at the next start.
    void aSignalClosesTheLabAndKeepsItsRun_data() {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGHUP") << int(SIGHUP);
        QTest::newRow("SIGINT") << int(SIGINT);
    }
    void aSignalClosesTheLabAndKeepsItsRun() {
        QFETCH(int, signal);
        QTemporaryDir home;
        QProcess app;
        startWithSettings(app, home, {"--lesson", "optimizers", "--steps", "40"});
        QElapsedTimer t;
        t.start();
        while (!settingsText(home).contains("width=") && app.state() != QProcess::NotRunning && t.elapsed() < 60000)
            app.waitForFinished(200);
        app.waitForFinished(3000);  // its 40 steps (milliseconds on their own)
        QCOMPARE(app.state(), QProcess::Running);
        ::kill(pid_t(app.processId()), signal);
        QVERIFY(app.waitForFinished(30000));
        const QString err = QString::fromUtf8(app.readAllStandardError());
        QVERIFY2(app.exitStatus() == QProcess::NormalExit && app.exitCode() == 0, qPrintable(err));
        QVERIFY2(qmlWarnings(err).isEmpty(), qPrintable(qmlWarnings(err).join('\n')));
        QVERIFY2(QFileInfo::exists(home.filePath("gradlab/last-runs/optimizers.safetensors")), qPrintable(err));
    }

    // A lab started while another is open keeps nothing (the two would overwrite each other's
    // runs); the first keeps its own as ever. (QLockFile across processes.)
    void aSecondLabKeepsNothing() {
        QTemporaryDir home;
        QProcess first, second;
        startWithSettings(first, home, {"--lesson", "optimizers", "--steps", "40"});
        QElapsedTimer t;
        t.start();
        while (!QFileInfo::exists(home.filePath("gradlab/last-runs/.lock")) && first.state() != QProcess::NotRunning && t.elapsed() < 60000)
            first.waitForFinished(200);
        startWithSettings(second, home, {"--lesson", "activations", "--steps", "10"});
        second.waitForFinished(8000);  // its window, its 10 steps
        QCOMPARE(second.state(), QProcess::Running);
        ::kill(pid_t(second.processId()), SIGTERM);
        QVERIFY(second.waitForFinished(30000));
        QCOMPARE(second.exitCode(), 0);
        QVERIFY(!QFileInfo::exists(home.filePath("gradlab/last-runs/activations.safetensors")));
        ::kill(pid_t(first.processId()), SIGTERM);
        QVERIFY(first.waitForFinished(30000));
        QCOMPARE(first.exitCode(), 0);
        QVERIFY(QFileInfo::exists(home.filePath("gradlab/last-runs/optimizers.safetensors")));
    }

    // Each --set names a parameter of the lesson that opens, the remembered one included.
    void setsBelongToTheLessonThatOpens() {
        QTemporaryDir home;
        rememberLesson(home, "init");
        QProcess app;
        startWithSettings(app, home, {"--set", "adam.lr=0.1"});  // the optimizers lesson's, not init's
        QVERIFY(app.waitForFinished(60000));
        QCOMPARE(app.exitCode(), 2);
        const QString err = QString::fromUtf8(app.readAllStandardError());
        QVERIFY2(err.contains("lesson init") && err.contains("adam.lr"), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestAppSmoke)
#include "test_app_smoke.moc"
