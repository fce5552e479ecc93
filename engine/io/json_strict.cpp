// parseJsonStrict: nlohmann's DOM parser with a callback that tracks the keys of every open
// object and the nesting depth, and stops at the first duplicate or too deep container.
#include "engine/io/json_strict.h"

#include <set>
#include <string>
#include <vector>

#include "engine/core/error.h"

namespace gradlab {

nlohmann::json parseJsonStrict(std::string_view text, int maxDepth) {
    using Event = nlohmann::json::parse_event_t;
    std::vector<std::set<std::string>> openObjects;
    auto check = [&](int depth, Event event, nlohmann::json& parsed) {
        switch (event) {
        case Event::object_start:
        case Event::array_start:
            if (depth >= maxDepth) GL_FAIL("JSON nested deeper than ", maxDepth, " levels");
            if (event == Event::object_start) openObjects.emplace_back();
            break;
        case Event::object_end:
            if (!openObjects.empty()) openObjects.pop_back();
            break;
        case Event::key:
            if (!openObjects.empty() && !openObjects.back().insert(parsed.get<std::string>()).second)
                GL_FAIL("duplicate key \"", parsed.get<std::string>(), "\" in a JSON object");
            break;
        default:
            break;
        }
        return true;
    };
    // nlohmann stops at a NUL byte as at the end of input, which would let anything follow it.
    // Valid JSON never holds a raw NUL (inside strings it must be escaped).
    if (auto nul = text.find('\0'); nul != std::string_view::npos)
        GL_FAIL("invalid JSON: a NUL byte at offset ", nul);
    try {
        return nlohmann::json::parse(text.begin(), text.end(), check);
    } catch (const nlohmann::json::exception& e) {
        // e.what() reads "[json.exception.parse_error.101] parse error at line 1, column 4: ...".
        std::string why = e.what();
        if (auto close = why.find("] "); why.rfind("[json.exception.", 0) == 0 && close != std::string::npos)
            why = why.substr(close + 2);
        GL_FAIL("invalid JSON: ", why);
    }
}

}  // namespace gradlab
