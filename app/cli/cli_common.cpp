// What the commands of gradlab-cli share.
#include "app/cli/cli_common.h"

#include <cmath>
#include <cstring>
#include <signal.h>

namespace gradlab::cli {

QString argString(const std::string& bytes) {
    const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t n = bytes.size();
    QString s;
    for (std::size_t i = 0; i < n;) {
        // The length of the sequence a lead byte starts; the smallest code point it may hold.
        const unsigned char c = b[i];
        const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        char32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
        bool ok = len > 0 && i + len <= n;
        for (std::size_t k = 1; ok && k < len; ++k) {
            ok = (b[i + k] & 0xC0) == 0x80;
            cp = (cp << 6) | (b[i + k] & 0x3F);
        }
        static constexpr char32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
        ok = ok && cp >= kMin[len] && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
        if (ok) {
            s.append(QString::fromUcs4(&cp, 1));
            i += len;
        } else {
            s.append(QChar(char16_t(0xDC00 + c)));  // the byte, kept
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
    auto put = [&](char32_t cp) {
        if (cp < 0x80) {
            out += char(cp);
        } else if (cp < 0x800) {
            out += char(0xC0 | (cp >> 6)), out += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += char(0xE0 | (cp >> 12)), out += char(0x80 | ((cp >> 6) & 0x3F)), out += char(0x80 | (cp & 0x3F));
        } else {
            out += char(0xF0 | (cp >> 18)), out += char(0x80 | ((cp >> 12) & 0x3F)),
                out += char(0x80 | ((cp >> 6) & 0x3F)), out += char(0x80 | (cp & 0x3F));
        }
    };
    for (qsizetype i = 0; i < arg.size(); ++i) {
        const char16_t u = arg[i].unicode();
        if (QChar::isHighSurrogate(u) && i + 1 < arg.size() && QChar::isLowSurrogate(arg[i + 1].unicode())) {
            put(QChar::surrogateToUcs4(u, arg[i + 1].unicode()));
            ++i;
        } else if (u >= 0xDC80 && u <= 0xDCFF) {
            out += char(u - 0xDC00);  // a byte argumentsOf kept
        } else if (QChar::isSurrogate(u)) {
            put(0xFFFD);
        } else {
            put(u);
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
