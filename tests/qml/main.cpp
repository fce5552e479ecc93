// Qt Quick Test runner for the UI: our own main (the GUI modules are static plugins), and any
// QML warning fails the run: pages must load cleanly.
#include <QGuiApplication>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QStandardPaths>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuickTest>

#include <atomic>
#include <cstdio>

Q_IMPORT_QML_PLUGIN(GradLab_BridgePlugin)
Q_IMPORT_QML_PLUGIN(GradLabPlugin)

namespace {
std::atomic<int> g_warnings{0};
QtMessageHandler g_previous = nullptr;

void handler(QtMsgType type, const QMessageLogContext& ctx, const QString& msg) {
    const bool harmless = msg.contains("XDG_RUNTIME_DIR") || msg.contains("Could NOT find XKB");
    if ((type == QtWarningMsg || type == QtCriticalMsg) && !harmless) ++g_warnings;
    g_previous(type, ctx, msg);
}
}  // namespace

class Setup : public QObject {
    Q_OBJECT
public slots:
    void qmlEngineAvailable(QQmlEngine* engine) { engine->addImportPath("qrc:/"); }
};

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QQuickStyle::setStyle("Fusion");  // as the app (app/main.cpp)
    // The main window keeps settings (Qt.labs.settings): in a test location, not the user's.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("Gradient Lab tests");
    QCoreApplication::setApplicationName("gradlab-qml-tests");
    g_previous = qInstallMessageHandler(handler);
    Setup setup;
    int rc = quick_test_main_with_setup(argc, argv, "gradlab_qml", QUICK_TEST_SOURCE_DIR, &setup);
    if (g_warnings > 0) {
        std::fprintf(stderr, "FAIL: %d QML warnings (see above)\n", g_warnings.load());
        return rc ? rc : 1;
    }
    return rc;
}
#include "main.moc"
