// Parsing JSON from files we do not trust: duplicate keys and deep nesting are errors (nlohmann
// would keep the last duplicate silently, and deep documents make copies recurse without bound).
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace gradlab {

// Parses `text` as one JSON value. Throws gradlab::Error with the reason (syntax error with its
// position, a duplicate key, containers nested deeper than maxDepth) and never anything else.
nlohmann::json parseJsonStrict(std::string_view text, int maxDepth);

}  // namespace gradlab
