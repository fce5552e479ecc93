// Builds the "where" of an Error from the source position, without the directory part, and keeps
// the message on one line: control characters it quotes from its input (a line break in a --set
// value, bytes of a damaged file) are shown escaped ("\n", "\x01"). Found by tests/fuzz.
#include "engine/core/error.h"

#include <cstring>

namespace gradlab {

namespace {

std::string oneLine(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (u < 0x20 || u == 0x7f) {
            static const char* hex = "0123456789abcdef";
            out += "\\x";
            out += hex[u >> 4];
            out += hex[u & 15];
        } else {
            out += c;
        }
    }
    return out;
}

std::string where(const char* file, int line) {
    const char* base = std::strrchr(file, '/');
    return str(base ? base + 1 : file, ":", line);
}

}  // namespace

std::string Said::english() const {
    // Every %1..%9 is replaced by its argument (as the GUI does after translating the text).
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9' &&
            std::size_t(text[i + 1] - '1') < args.size()) {
            out += args[std::size_t(text[i + 1] - '1')];
            ++i;
        } else {
            out += text[i];
        }
    }
    return out;
}

void throwError(const std::string& what, const char* file, int line) { throw Error(oneLine(what), where(file, line)); }

void throwSaid(const char* text, std::vector<std::string> args, const char* file, int line, const std::string& detail) {
    for (std::string& a : args) a = oneLine(a);
    throw Error(Said{text, std::move(args)}, where(file, line), oneLine(detail));
}

}  // namespace gradlab
