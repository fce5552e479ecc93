// The registry: every lesson, in the order students see them, and how a lesson describes itself.
// A new lesson adds one line to GRADLAB_LESSONS (its folder defines LessonSpec <id>Lesson()).
#include <cmath>

#include "engine/core/error.h"
#include "lessons/lesson.h"

// An explicit list: self-registering statics would vanish from a static library.
#define GRADLAB_LESSONS(X) \
    X(activations)         \
    X(optimizers)          \
    X(init)                \
    X(cnn)                 \
    X(generalization)      \
    X(deep)                \
    X(rnn)                 \
    X(attention)           \
    X(vit)                 \
    X(gpt)

namespace gradlab {

#define GRADLAB_DECLARE_LESSON(id) LessonSpec id##Lesson();
GRADLAB_LESSONS(GRADLAB_DECLARE_LESSON)
#undef GRADLAB_DECLARE_LESSON

// Never destroyed: a worker thread still finishing its step when the program ends (the app waits
// for them only so long) reads its lesson's spec; destroyed among the statics at exit, it would
// be freed under that thread (ThreadSanitizer showed it on test_bridge).
std::span<const LessonSpec> allLessons() {
    static const std::vector<LessonSpec>* const lessons = [] {
        auto* v = new std::vector<LessonSpec>;
#define GRADLAB_ADD_LESSON(id) v->push_back(id##Lesson());
        GRADLAB_LESSONS(GRADLAB_ADD_LESSON)
#undef GRADLAB_ADD_LESSON
        return v;
    }();
    return *lessons;
}

const LessonSpec* findLesson(const std::string& id) {
    for (const LessonSpec& l : allLessons())
        if (l.id == id) return &l;
    return nullptr;
}

std::string lessonIds() {
    std::string s;
    for (const LessonSpec& l : allLessons()) s += (s.empty() ? "" : ", ") + l.id;
    return s;
}

nlohmann::json LessonSpec::describe() const {
    auto number = [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); };
    nlohmann::json ps = nlohmann::json::array();
    for (const ParamSpec& p : params) {
        nlohmann::json j = {{"key", p.key}, {"kind", kindName(p.kind)}, {"label", p.label}, {"help", p.help},
                            {"live", p.live}, {"group", p.group}};
        if (p.isText()) {
            j["default"] = p.defText;
            if (p.kind == ParamKind::Choice || p.kind == ParamKind::Set) j["choices"] = p.choices;
            if (!p.choiceLabels.empty()) j["choice_labels"] = p.choiceLabels;
            if (p.kind == ParamKind::Text || p.isAction()) j["max_chars"] = int64_t(p.max);
            if (p.isAction()) j["in_panel"] = p.inPanel;
            if (p.kind == ParamKind::File && !p.choices.empty()) j["holds"] = p.choices[0];  // image or text
        } else if (p.kind == ParamKind::Flag) {
            j["default"] = p.def != 0;
        } else {
            j["default"] = number(p.def), j["min"] = number(p.min), j["max"] = number(p.max);
            j["log_scale"] = p.logScale;
        }
        if (!p.unit.empty()) j["unit"] = p.unit;
        if (!p.onlyWhenKey.empty()) j["only_when"] = {{p.onlyWhenKey, p.onlyWhenValues}};
        ps.push_back(std::move(j));
    }
    static const char* const kMaps[] = {"sequential", "diverging", "gray"};
    nlohmann::json os = nlohmann::json::array();
    for (const OutputSpec& o : outputs) {
        nlohmann::json j = {{"name", o.name}, {"kind", outputKindName(o.kind)}, {"title", o.title}};
        if (!o.xLabel.empty()) j["x_label"] = o.xLabel;
        if (!o.yLabel.empty()) j["y_label"] = o.yLabel;
        if (!o.unit.empty()) j["unit"] = o.unit;
        if (o.kind == OutputKind::Image || o.kind == OutputKind::HeatMap)
            j["color_map"] = o.colorMap ? nlohmann::json(kMaps[int(*o.colorMap)]) : nlohmann::json("per frame");
        os.push_back(std::move(j));
    }
    return {{"id", id},           {"title", title}, {"summary", summary}, {"headline", headline},
            {"default_steps", defaultSteps}, {"params", std::move(ps)}, {"outputs", std::move(os)}};
}

}  // namespace gradlab
