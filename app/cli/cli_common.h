// What the commands of gradlab-cli share: exit codes, the usage error, the stop signal, counts
// and rough durations.
#pragma once

#include <QString>
#include <QStringList>

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

// The command line as QStrings that keep every byte. Valid UTF-8 is decoded; each byte of an
// invalid sequence (a file name written in another encoding) becomes the lone surrogate
// U+DC80..U+DCFF, as Python's "surrogateescape" does, and argBytes gives the bytes back.
// QCoreApplication::arguments() replaces such bytes with U+FFFD: the file named would not be
// found, or be written under another name.
QStringList argumentsOf(int argc, char** argv);
// The bytes of an argument (a path, a lesson parameter) as it was given.
std::string argBytes(const QString& arg);
// The argument that has these bytes (a path for a command line the CLI makes itself).
QString argString(const std::string& bytes);

// An integer option of at least `min` (UsageError otherwise).
int64_t parseCount(const QString& text, const char* what, int64_t min);

}  // namespace gradlab::cli
