// What the commands of gradlab-cli share.
#include "app/cli/cli_common.h"

#include <cmath>
#include <signal.h>

namespace gradlab::cli {

volatile std::sig_atomic_t g_stopSignal = 0;

void installStopHandlers() {
    struct sigaction sa{};
    sa.sa_handler = [](int sig) { g_stopSignal = sig; };
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND;  // a second signal takes the default action: the process ends
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

std::string duration(double seconds) {
    if (!(seconds < 1e9)) return "?";
    if (seconds < 90) return std::to_string(int64_t(std::ceil(seconds))) + " s";
    if (seconds < 5400) return std::to_string(int64_t(std::round(seconds / 60))) + " min";
    const int64_t m = int64_t(std::round(seconds / 60));
    return std::to_string(m / 60) + " h " + std::to_string(m % 60) + " min";
}

int64_t parseCount(const QString& text, const char* what, int64_t min) {
    bool ok = false;
    qlonglong v = text.toLongLong(&ok);
    if (!ok || v < min)
        throw UsageError(std::string(what) + " expects an integer >= " + std::to_string(min) + ", got '" + text.toStdString() + "'");
    return v;
}

}  // namespace gradlab::cli
