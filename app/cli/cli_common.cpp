// What the commands of gradlab-cli share.
#include "app/cli/cli_common.h"

#include <cmath>
#include <signal.h>

#include "engine/core/utf8.h"

namespace gradlab::cli {

QString argString(const std::string& bytes) {
    const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
    QString s;
    for (std::size_t i = 0; i < bytes.size();) {
        char32_t cp = 0;
        if (const std::size_t len = decodeUtf8At(b + i, bytes.size() - i, cp)) {
            s.append(QString::fromUcs4(&cp, 1));
            i += len;
        } else {
            s.append(QChar(char16_t(0xDC00 + b[i])));  // the byte, kept
            ++i;
        }
    }
    return s;
}

QStringList argumentsOf(int argc, char** argv) {
    QStringList out;
    for (int a = 0; a < argc; ++a) out << argString(argv[a]);
    return out;
}

std::string argBytes(const QString& arg) {
    std::string out;
    for (qsizetype i = 0; i < arg.size(); ++i) {
        const char16_t u = arg[i].unicode();
        if (QChar::isHighSurrogate(u) && i + 1 < arg.size() && QChar::isLowSurrogate(arg[i + 1].unicode())) {
            appendUtf8(out, QChar::surrogateToUcs4(u, arg[i + 1].unicode()));
            ++i;
        } else if (u >= 0xDC80 && u <= 0xDCFF) {
            out += char(u - 0xDC00);  // a byte argumentsOf kept
        } else {
            appendUtf8(out, QChar::isSurrogate(u) ? char32_t(0xFFFD) : char32_t(u));
        }
    }
    return out;
}

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
        throw UsageError(std::string(what) + " expects an integer >= " + std::to_string(min) + ", got '" + argBytes(text) + "'");
    return v;
}

}  // namespace gradlab::cli
