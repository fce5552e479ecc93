// See quit_on_signal.h. A signal handler may do next to nothing: it writes one byte into a
// socket pair, and the event loop, reading the other end, quits (the pattern of Qt's "Calling Qt
// Functions From Unix Signal Handlers").
#include "app/quit_on_signal.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <signal.h>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace gradlab {

namespace {
int g_pipe[2] = {-1, -1};  // [0]: written by the handler, [1]: read by the event loop
constexpr int kSignals[] = {SIGTERM, SIGHUP, SIGINT};

extern "C" void onSignal(int sig) {
    const char c = char(sig);
    [[maybe_unused]] const ssize_t n = ::write(g_pipe[0], &c, 1);
}
}  // namespace

void quitOnSignals(QCoreApplication& app) {
    if (g_pipe[0] >= 0 || ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_pipe) != 0) return;
    auto* notifier = new QSocketNotifier(g_pipe[1], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [&app, notifier] {
        char c = 0;
        if (::read(g_pipe[1], &c, 1) != 1) return;
        std::fprintf(stderr, "gradlab: signal %d: closing, keeping the runs for the next start\n", int(c));
        notifier->setEnabled(false);
        app.quit();
    });
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    // SA_RESETHAND: the next signal of its kind ends the process, so a lab stuck in quitting can
    // still be stopped.
    sa.sa_flags = SA_RESTART | SA_RESETHAND;
    for (int sig : kSignals) {
        struct sigaction old = {};
        // A signal ignored by whoever started us (nohup: SIGHUP) stays ignored.
        if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
        ::sigaction(sig, &sa, nullptr);
    }
}

}  // namespace gradlab
