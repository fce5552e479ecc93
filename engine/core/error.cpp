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

}  // namespace

void throwError(const std::string& what, const char* file, int line) {
    const char* base = std::strrchr(file, '/');
    throw Error(oneLine(what), str(base ? base + 1 : file, ":", line));
}

}  // namespace gradlab
