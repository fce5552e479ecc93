// What the commands of gradlab-cli share: exit codes, the usage error, the stop signal, counts
// and rough durations.
#pragma once

#include <QString>

#include <csignal>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace gradlab::cli {

constexpr int kOk = 0, kRunFailed = 1, kBadUsage = 2;

// The user's input was wrong (exit code 2), as opposed to a run that failed.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The signal that asked the command to stop (SIGINT, SIGTERM), 0 while none did.
extern volatile std::sig_atomic_t g_stopSignal;
// Records the first SIGINT / SIGTERM in g_stopSignal; a second one ends the process at once.
void installStopHandlers();

// "45 s", "3 min", "1 h 20 min": a time left, as rough as the estimate.
std::string duration(double seconds);

// An integer option of at least `min` (UsageError otherwise).
int64_t parseCount(const QString& text, const char* what, int64_t min);

}  // namespace gradlab::cli
