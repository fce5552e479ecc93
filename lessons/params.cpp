// Parameters: the ParamSpec builders, Params, and parsing and validation against a LessonSpec.
#include "lessons/lesson.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

#include "engine/core/error.h"

namespace gradlab {
namespace {

std::string trim(std::string s) {
    auto b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::vector<std::string> splitComma(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream ss(s);
    std::string item;
    while (std::getline(ss, item, ',')) {
        item = trim(item);
        if (!item.empty()) out.push_back(item);
    }
    return out;
}

std::string fmtNumber(double v) {
    std::ostringstream os;
    os.precision(10);
    os << v;
    return os.str();
}

}  // namespace

std::string kindName(ParamKind k) {
    switch (k) {
        case ParamKind::Number: return "number";
        case ParamKind::Integer: return "integer";
        case ParamKind::Choice: return "choice";
        case ParamKind::Flag: return "flag";
        case ParamKind::Set: return "set";
        case ParamKind::File: return "file";
        case ParamKind::Text: return "text";
        case ParamKind::Action: return "action";
    }
    return "?";
}

// ---------------------------------------------------------------- ParamSpec builders
ParamSpec ParamSpec::number(std::string key, std::string label, double min, double max, double def) {
    ParamSpec p;
    p.key = std::move(key), p.label = std::move(label), p.kind = ParamKind::Number;
    p.min = min, p.max = max, p.def = def;
    return p;
}

ParamSpec ParamSpec::integer(std::string key, std::string label, int64_t min, int64_t max, int64_t def) {
    ParamSpec p = number(std::move(key), std::move(label), double(min), double(max), double(def));
    p.kind = ParamKind::Integer;
    return p;
}

ParamSpec ParamSpec::flag(std::string key, std::string label, bool def) {
    ParamSpec p = number(std::move(key), std::move(label), 0, 1, def ? 1 : 0);
    p.kind = ParamKind::Flag;
    return p;
}

ParamSpec ParamSpec::choice(std::string key, std::string label, std::vector<std::string> choices, std::string def) {
    ParamSpec p;
    p.key = std::move(key), p.label = std::move(label), p.kind = ParamKind::Choice;
    p.choices = std::move(choices), p.defText = std::move(def);
    return p;
}

ParamSpec ParamSpec::subset(std::string key, std::string label, std::vector<std::string> choices, std::string def) {
    ParamSpec p = choice(std::move(key), std::move(label), std::move(choices), std::move(def));
    p.kind = ParamKind::Set;
    return p;
}

ParamSpec ParamSpec::file(std::string key, std::string label, std::string holds) {
    ParamSpec p;
    p.key = std::move(key), p.label = std::move(label), p.kind = ParamKind::File;
    p.choices = {std::move(holds)};
    return p;
}

ParamSpec ParamSpec::text(std::string key, std::string label, std::string def, int64_t maxChars) {
    ParamSpec p;
    p.key = std::move(key), p.label = std::move(label), p.kind = ParamKind::Text;
    p.defText = std::move(def);
    p.min = 0, p.max = double(maxChars);
    return p;
}

ParamSpec ParamSpec::action(std::string key, std::string label, int64_t maxChars) {
    ParamSpec p = text(std::move(key), std::move(label), "", maxChars);
    p.kind = ParamKind::Action;
    return p;
}

std::vector<ParamSpec> grouped(std::vector<ParamGroup> groups) {
    std::vector<ParamSpec> all;
    for (ParamGroup& g : groups)
        for (ParamSpec& p : g.params) {
            p.group = g.title;
            all.push_back(std::move(p));
        }
    return all;
}

bool ParamSpec::relevant(const Params& values) const {
    if (onlyWhenKey.empty()) return true;
    const std::string& v = values.text(onlyWhenKey);
    return std::find(onlyWhenValues.begin(), onlyWhenValues.end(), v) != onlyWhenValues.end();
}

// ---------------------------------------------------------------- Params
const ParamValue& Params::value(const std::string& key) const {
    auto it = m_values.find(key);
    GL_CHECK(it != m_values.end(), "unknown parameter '", key, "'");
    return it->second;
}
double Params::number(const std::string& key) const { return value(key).number; }
const std::string& Params::text(const std::string& key) const { return value(key).text; }
std::vector<std::string> Params::set(const std::string& key) const { return splitComma(value(key).text); }

// ---------------------------------------------------------------- LessonSpec
const ParamSpec* LessonSpec::find(const std::string& key) const {
    for (const ParamSpec& p : params)
        if (p.key == key) return &p;
    return nullptr;
}

std::string LessonSpec::written(const Params& values, const std::string& key) const {
    const ParamSpec* p = find(key);
    const ParamValue& v = values.value(key);
    const bool text = p ? p->isText() : !v.text.empty();  // a key the lesson no longer has: as it looks
    return text ? v.text : fmtNumber(v.number);
}

Params LessonSpec::defaults() const {
    Params out;
    for (const ParamSpec& p : params) {
        ParamValue v;
        if (p.isText()) v.text = p.defText;
        else v.number = p.def;
        out.assign(p.key, v);
    }
    return out;
}

void LessonSpec::validate(const ParamSpec& p, const ParamValue& v) const {
    switch (p.kind) {
        case ParamKind::Number:
        case ParamKind::Integer:
            GL_CHECK(std::isfinite(v.number), id, ": ", p.key, " must be a finite number, got ", v.number);
            GL_CHECK(v.number >= p.min && v.number <= p.max, id, ": ", p.key, " = ", fmtNumber(v.number),
                     " is out of range [", fmtNumber(p.min), ", ", fmtNumber(p.max), "]");
            if (p.kind == ParamKind::Integer)
                GL_CHECK(v.number == std::floor(v.number), id, ": ", p.key, " must be an integer, got ", fmtNumber(v.number));
            break;
        case ParamKind::Flag:
            GL_CHECK(v.number == 0.0 || v.number == 1.0, id, ": ", p.key, " is a flag (0 or 1), got ", v.number);
            break;
        case ParamKind::Choice: {
            bool ok = false;
            for (const auto& c : p.choices) ok = ok || c == v.text;
            std::string all;
            for (const auto& c : p.choices) all += (all.empty() ? "" : ", ") + c;
            GL_CHECK(ok, id, ": ", p.key, " must be one of ", all, "; got '", v.text, "'");
            break;
        }
        case ParamKind::Text:
        case ParamKind::Action: {
            std::size_t chars = 0;  // UTF-8 code points: every byte that does not continue one
            for (unsigned char c : v.text) chars += (c & 0xC0) != 0x80;
            GL_CHECK(double(chars) <= p.max, id, ": ", p.key, " takes at most ", int64_t(p.max), " characters, got ", chars);
            GL_CHECK(v.text.find('\0') == std::string::npos, id, ": ", p.key, " must not contain a NUL character");
            break;
        }
        case ParamKind::File:
            GL_CHECK(v.text.size() < 4096 && v.text.find('\0') == std::string::npos, id, ": ", p.key,
                     " is not a usable file path");
            break;
        case ParamKind::Set: {
            std::string all;
            for (const auto& c : p.choices) all += (all.empty() ? "" : ", ") + c;
            // "adam,,sgd" or a trailing comma: a slip worth saying, not an entry to drop silently.
            if (!trim(v.text).empty()) {
                std::stringstream ss(v.text + ",");  // getline drops one trailing empty entry: keep a real one
                std::string raw;
                while (std::getline(ss, raw, ','))
                    GL_CHECK(!trim(raw).empty(), id, ": ", p.key, " has an empty entry in '", v.text,
                             "' (two commas, or one at an end)");
            }
            auto items = splitComma(v.text);
            for (const auto& item : items) {
                bool ok = false;
                for (const auto& c : p.choices) ok = ok || c == item;
                GL_CHECK(ok, id, ": '", item, "' is not a valid entry of ", p.key, " (choose from ", all, ")");
            }
            break;
        }
    }
}

ParamValue LessonSpec::parseValue(const ParamSpec& p, const std::string& textIn) const {
    std::string text = p.kind == ParamKind::Text ? textIn : trim(textIn);  // a prompt keeps its spaces
    ParamValue v;
    if (p.kind == ParamKind::Text || p.kind == ParamKind::Action) {
        v.text = text;
    } else if (p.kind == ParamKind::Choice || p.kind == ParamKind::File) {
        v.text = text;
    } else if (p.kind == ParamKind::Set) {
        // Normalise: choice order, no duplicates.
        auto items = splitComma(text);
        for (const auto& c : p.choices)
            for (const auto& it : items)
                if (it == c) {
                    v.text += (v.text.empty() ? "" : ",") + c;
                    break;
                }
        ParamValue raw{0, text};
        validate(p, raw);
    } else if (p.kind == ParamKind::Flag && (text == "true" || text == "on" || text == "yes")) {
        v.number = 1;
    } else if (p.kind == ParamKind::Flag && (text == "false" || text == "off" || text == "no")) {
        v.number = 0;
    } else {
        GL_CHECK(!text.empty(), id, ": ", p.key, " needs a value");
        const char* b = text.data();
        const char* e = text.data() + text.size();
        double d = 0;
        auto [ptr, ec] = std::from_chars(b, e, d);
        GL_CHECK(ec == std::errc() && ptr == e, id, ": ", p.key, " expects a number, got '", text, "'");
        v.number = d;
    }
    validate(p, v);
    return v;
}

std::pair<std::string, ParamValue> LessonSpec::parse(const std::string& assignment) const {
    auto eqPos = assignment.find('=');
    GL_CHECK(eqPos != std::string::npos, "expected key=value, got '", assignment, "'");
    std::string key = trim(assignment.substr(0, eqPos));
    const ParamSpec* p = find(key);
    if (!p) {
        std::string all;
        for (const auto& q : params) all += (all.empty() ? "" : ", ") + q.key;
        GL_FAIL(id, ": unknown parameter '", key, "' (parameters: ", all, ")");
    }
    return {key, parseValue(*p, assignment.substr(eqPos + 1))};
}

Params LessonSpec::fromJson(const nlohmann::json& j) const {
    GL_CHECK(j.is_object(), id, ": the saved parameters are not a JSON object");
    Params out = defaults();
    for (const ParamSpec& p : params) {
        auto it = j.find(p.key);
        GL_CHECK(it != j.end(), id, ": the saved parameters lack '", p.key, "'");
        ParamValue v;
        if (p.isText()) {
            GL_CHECK(it->is_string(), id, ": saved parameter '", p.key, "' is not text");
            v.text = it->get<std::string>();
        } else {
            GL_CHECK(it->is_number(), id, ": saved parameter '", p.key, "' is not a number");
            v.number = it->get<double>();
        }
        validate(p, v);
        out.assign(p.key, v);
    }
    return out;
}

nlohmann::json LessonSpec::toJson(const Params& ps) const {
    nlohmann::json j = nlohmann::json::object();
    for (const ParamSpec& p : params) {
        const ParamValue& v = ps.value(p.key);
        if (p.isText()) j[p.key] = v.text;
        else j[p.key] = v.number;
    }
    return j;
}

}  // namespace gradlab
