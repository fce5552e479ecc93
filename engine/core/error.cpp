// Builds the "where" of an Error from the source position, without the directory part.
#include "engine/core/error.h"

#include <cstring>

namespace gradlab {

void throwError(const std::string& what, const char* file, int line) {
    const char* base = std::strrchr(file, '/');
    throw Error(what, str(base ? base + 1 : file, ":", line));
}

}  // namespace gradlab
