// gradlab::Error, the one exception type of the engine, and the check macro that throws it.
// Anything a user or a file can cause is reported with an Error, never with abort/assert/exit.
#pragma once

#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>

namespace gradlab {

class Error : public std::runtime_error {
public:
    Error(const std::string& what, std::string where)
        : std::runtime_error(what), m_where(std::move(where)) {}
    // Where it happened: "file.cpp:123" for engine checks, or a component name.
    const std::string& where() const noexcept { return m_where; }

private:
    std::string m_where;
};

// str(a, b, c...) streams its arguments into one string; used to build messages.
template <class... Args>
std::string str(Args&&... args) {
    std::ostringstream os;
    (os << ... << std::forward<Args>(args));
    return os.str();
}

[[noreturn]] void throwError(const std::string& what, const char* file, int line);

}  // namespace gradlab

// GL_CHECK(cond, "message parts", ...): throws gradlab::Error with the message when cond is false.
#define GL_CHECK(cond, ...)                                                            \
    do {                                                                               \
        if (!(cond)) ::gradlab::throwError(::gradlab::str(__VA_ARGS__), __FILE__, __LINE__); \
    } while (0)

#define GL_FAIL(...) ::gradlab::throwError(::gradlab::str(__VA_ARGS__), __FILE__, __LINE__)
