// Declared outputs: builders, name patterns and the per-frame check.
#include "lessons/outputs.h"

#include "engine/core/error.h"

namespace gradlab {
namespace {

OutputSpec make(std::string name, OutputKind kind, std::string title, std::optional<ColorMap> map = {}) {
    OutputSpec o;
    o.name = std::move(name);
    o.kind = kind;
    o.title = std::move(title);
    o.colorMap = map;
    return o;
}

// '*' matches one or more characters other than '/'; `parts`, if given, gets what each '*' matched.
bool globMatch(std::string_view pattern, std::string_view name, std::vector<std::string>* parts = nullptr) {
    if (pattern.empty()) return name.empty();
    if (pattern.front() != '*')
        return !name.empty() && name.front() == pattern.front() && globMatch(pattern.substr(1), name.substr(1), parts);
    for (std::size_t n = 1; n <= name.size() && name[n - 1] != '/'; ++n) {
        if (parts) parts->emplace_back(name.substr(0, n));
        if (globMatch(pattern.substr(1), name.substr(n), parts)) return true;
        if (parts) parts->pop_back();
    }
    return false;
}

}  // namespace

std::string outputKindName(OutputKind k) {
    switch (k) {
        case OutputKind::Scalar: return "scalar";
        case OutputKind::Series: return "series";
        case OutputKind::Image: return "image";
        case OutputKind::HeatMap: return "heat map";
        case OutputKind::Markers: return "markers";
    }
    return "?";
}

OutputSpec OutputSpec::scalar(std::string name, std::string title) { return make(std::move(name), OutputKind::Scalar, std::move(title)); }
OutputSpec OutputSpec::series(std::string name, std::string title) { return make(std::move(name), OutputKind::Series, std::move(title)); }
OutputSpec OutputSpec::image(std::string name, std::string title, std::optional<ColorMap> map) {
    return make(std::move(name), OutputKind::Image, std::move(title), map);
}
OutputSpec OutputSpec::heatMap(std::string name, std::string title, std::optional<ColorMap> map) {
    return make(std::move(name), OutputKind::HeatMap, std::move(title), map);
}
OutputSpec OutputSpec::markers(std::string name, std::string title) { return make(std::move(name), OutputKind::Markers, std::move(title)); }

bool OutputSpec::matches(const std::string& concrete) const { return isPattern() ? globMatch(name, concrete) : name == concrete; }

std::vector<std::string> OutputSpec::instance(const std::string& concrete) const {
    std::vector<std::string> parts;
    if (isPattern() && !globMatch(name, concrete, &parts)) parts.clear();
    return parts;
}

bool OutputSpec::accepts(OutputKind emitted) const {
    if (emitted == OutputKind::Image) return kind == OutputKind::Image || kind == OutputKind::HeatMap;
    return kind == emitted;
}

const OutputSpec* findOutput(const std::vector<OutputSpec>& outputs, const std::string& name,
                             std::optional<OutputKind> emitted) {
    auto fits = [&](const OutputSpec& o) { return !emitted || o.accepts(*emitted); };
    for (const OutputSpec& o : outputs)
        if (!o.isPattern() && o.name == name && fits(o)) return &o;
    for (const OutputSpec& o : outputs)
        if (o.isPattern() && o.matches(name) && fits(o)) return &o;
    return nullptr;
}

OutputCheck::OutputCheck(std::string lessonId, const std::vector<OutputSpec>& outputs)
    : m_lesson(std::move(lessonId)), m_outputs(&outputs) {}

const OutputSpec& OutputCheck::resolve(const std::string& name, OutputKind kind) {
    auto& seen = m_seen[std::size_t(kind)];
    if (auto it = seen.find(name); it != seen.end()) return *it->second;
    const OutputSpec* o = findOutput(*m_outputs, name, kind);
    if (!o) {
        const OutputSpec* other = findOutput(*m_outputs, name);
        GL_CHECK(!other, "lesson ", m_lesson, " emitted '", name, "' as a ", outputKindName(kind),
                 ", but declares it as a ", outputKindName(other->kind));
        GL_FAIL("lesson ", m_lesson, " emitted the ", outputKindName(kind), " '", name,
                "', which its LessonSpec does not declare");
    }
    seen.emplace(name, o);
    return *o;
}

void OutputCheck::apply(Frame& frame) {
    for (const Scalar& s : frame.scalars) resolve(s.name, OutputKind::Scalar);
    for (const Series& s : frame.series) resolve(s.name, OutputKind::Series);
    for (const Marker& m : frame.markers) resolve(m.name, OutputKind::Markers);
    for (Image& img : frame.images) {
        const OutputSpec& o = resolve(img.name, OutputKind::Image);
        if (!img.colorMap) img.colorMap = o.colorMap;
        GL_CHECK(img.colorMap, "lesson ", m_lesson, " emitted the image '", img.name,
                 "' without a colour map, and its declaration names none");
    }
}

}  // namespace gradlab
