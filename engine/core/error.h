// gradlab::Error, the one exception type of the engine, and the check macro that throws it.
// Anything a user or a file can cause is reported with an Error, never with abort/assert/exit.
#pragma once

#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

// Marks a user-visible string for translation without including Qt: the GUI looks it up with
// QCoreApplication::translate(context, text), and lupdate finds it by this name.
#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(context, text) text
#endif

namespace gradlab {

// What a student is told of an error they caused (a file they chose, a text too short): an
// English text with %1..%9, marked with QT_TRANSLATE_NOOP("errors", ...), and the values that
// fill them in. The GUI shows it in the student's language; Error::what() holds it in English.
struct Said {
    std::string text;
    std::vector<std::string> args;
    std::string english() const;  // the text with its arguments filled in
};

class Error : public std::runtime_error {
public:
    Error(const std::string& what, std::string where)
        : std::runtime_error(what), m_where(std::move(where)) {}
    // `detail`: what only a developer needs (which byte of a damaged file), in English: what()
    // holds it after the student's words, the GUI shows the student's words alone.
    Error(Said said, std::string where, const std::string& detail = {})
        : std::runtime_error(detail.empty() ? said.english() : said.english() + ": " + detail),
          m_where(std::move(where)), m_said(std::move(said)) {}
    // Where it happened: "file.cpp:123" for engine checks, or a component name.
    const std::string& where() const noexcept { return m_where; }
    // The words for the student, where the error has them (GL_CHECK_SAID, GL_FAIL_SAID).
    const std::optional<Said>& said() const noexcept { return m_said; }

private:
    std::string m_where;
    std::optional<Said> m_said;
};

// str(a, b, c...) streams its arguments into one string; used to build messages.
template <class... Args>
std::string str(Args&&... args) {
    std::ostringstream os;
    (os << ... << std::forward<Args>(args));
    return os.str();
}

[[noreturn]] void throwError(const std::string& what, const char* file, int line);
[[noreturn]] void throwSaid(const char* text, std::vector<std::string> args, const char* file, int line,
                            const std::string& detail = {});

// The values of a Said, each streamed into text.
template <class... Args>
std::vector<std::string> sayArgs(Args&&... args) {
    return {str(std::forward<Args>(args))...};
}

}  // namespace gradlab

// GL_CHECK(cond, "message parts", ...): throws gradlab::Error with the message when cond is false.
#define GL_CHECK(cond, ...)                                                            \
    do {                                                                               \
        if (!(cond)) ::gradlab::throwError(::gradlab::str(__VA_ARGS__), __FILE__, __LINE__); \
    } while (0)

#define GL_FAIL(...) ::gradlab::throwError(::gradlab::str(__VA_ARGS__), __FILE__, __LINE__)

// GL_CHECK_SAID(cond, QT_TRANSLATE_NOOP("errors", "the file %1 is empty"), path): as GL_CHECK,
// for an error the student caused and reads in their language (see Said).
#define GL_CHECK_SAID(cond, text, ...)                                                                   \
    do {                                                                                                  \
        if (!(cond)) ::gradlab::throwSaid(text, ::gradlab::sayArgs(__VA_ARGS__), __FILE__, __LINE__);      \
    } while (0)

#define GL_FAIL_SAID(text, ...) ::gradlab::throwSaid(text, ::gradlab::sayArgs(__VA_ARGS__), __FILE__, __LINE__)
