// The application end to end, offscreen: every lesson runs 50 steps and writes a screenshot that
// is not blank; bad switches give one line and exit 2.
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include "common/cli_runner.h"

using namespace gradlab::test;

namespace {
QString appPath() { return QString(GRADLAB_BINARY_DIR) + "/app/gradlab"; }
}

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

    void badSwitches_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("lesson") << QStringList{"--lesson", "nope"} << "unknown lesson";
        QTest::newRow("set") << QStringList{"--set", "adam.lr=fast", "--lesson", "optimizers"} << "expects a number";
        QTest::newRow("steps") << QStringList{"--steps", "-1"} << "--steps";
        QTest::newRow("lang") << QStringList{"--lang", "xx"} << "unknown language";
        QTest::newRow("option") << QStringList{"--fly"} << "fly";
        QTest::newRow("stats without steps") << QStringList{"--frame-stats", "x.json"} << "--steps";
    }
    void badSwitches() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        ProcessResult r = runProgram(appPath(), args, 60000);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestAppSmoke)
#include "test_app_smoke.moc"
