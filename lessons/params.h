// A lesson's parameters: how each is declared (ParamSpec, made with named builders) and the
// values of all of them for one run (Params). Parsing and validation live on the LessonSpec.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/error.h"  // QT_TRANSLATE_NOOP: marks a lesson's strings for translation

namespace gradlab {

enum class ParamKind {
    Number,   // a real number in [min, max], optionally on a log scale
    Integer,  // an integer in [min, max]
    Choice,   // one of `choices`
    Flag,     // on / off
    Set,      // any subset of `choices`, written comma-separated ("adam,sgd")
    File,     // a path to a file the lesson reads (a student's image); "" = none
    Text,     // free text the student types (a prompt), at most `max` characters, kept as typed
    Action,   // a command, not a setting: a button ("restore best weights") or an edit the page makes
              // (a point added). Each use is applied and logged; its value (the command's text, at
              // most `max` characters) is not kept, so the parameter always reads "".
};

std::string kindName(ParamKind k);

class Params;

// One parameter. Made by a named builder and refined with setters, e.g.
//   ParamSpec::number("lr", QT_TRANSLATE_NOOP("cnn", "learning rate"), 1e-5, 1.0, 1e-3).log()
// Defaults: live (applied at the next step), linear scale, no unit. Its panel section comes from
// the ParamGroup it is declared in (see grouped()).
struct ParamSpec {
    std::string key;    // as used by --set and checkpoints: "adam.lr", "depth"
    std::string label;  // short English label (translated by the GUI)
    std::string help;   // one sentence: what it does
    ParamKind kind = ParamKind::Number;
    double min = 0, max = 1, def = 0;  // Number / Integer / Flag (0 or 1)
    bool logScale = false;             // sliders move in log space (learning rates)
    bool live = true;                  // applied at the next step; false: needs a reset
    std::string unit;  // English, translated by the GUI like the label
    std::vector<std::string> choices;  // Choice / Set; File: what it holds ("image" or "text")
    // Choice / Set: the words the panel shows for some choices, in English (translated by the GUI
    // like the label), where a key is not a name ("none", "warmup_cosine"); the others show their
    // key. The key stays what --set, checkpoints and the lesson's text use.
    std::map<std::string, std::string> choiceLabels;
    std::string defText;               // default of Choice / Set / File / Text
    std::string group;                 // panel section ("Adam", "Network"), set by grouped()
    // Shown (and used) only while another parameter has one of these values (Rosenbrock's a and b
    // only on the Rosenbrock surface); empty: always.
    std::string onlyWhenKey;
    std::vector<std::string> onlyWhenValues;
    bool inPanel = true;  // false: the page offers it (an Action made by clicking on a chart)

    static ParamSpec number(std::string key, std::string label, double min, double max, double def);
    static ParamSpec integer(std::string key, std::string label, int64_t min, int64_t max, int64_t def);
    static ParamSpec flag(std::string key, std::string label, bool def);
    static ParamSpec choice(std::string key, std::string label, std::vector<std::string> choices, std::string def);
    // Any subset of `choices`; `def` comma-separated.
    static ParamSpec subset(std::string key, std::string label, std::vector<std::string> choices, std::string def);
    // `holds`: "image" or "text" (the file dialog's filter).
    static ParamSpec file(std::string key, std::string label, std::string holds = "image");
    static ParamSpec text(std::string key, std::string label, std::string def, int64_t maxChars);
    // A button in the panel (or, with fromPage(), a command the page sends); see ParamKind::Action.
    static ParamSpec action(std::string key, std::string label, int64_t maxChars = 200);

    ParamSpec& about(std::string text) { help = std::move(text); return *this; }
    ParamSpec& log() { logScale = true; return *this; }
    ParamSpec& onReset() { live = false; return *this; }  // a change needs a fresh run
    ParamSpec& measuredIn(std::string u) { unit = std::move(u); return *this; }
    ParamSpec& fromPage() { inPanel = false; return *this; }
    ParamSpec& shownAs(std::map<std::string, std::string> labels) { choiceLabels = std::move(labels); return *this; }
    ParamSpec& onlyWhen(std::string key, std::vector<std::string> values) {
        onlyWhenKey = std::move(key);
        onlyWhenValues = std::move(values);
        return *this;
    }

    bool isText() const {
        return kind == ParamKind::Choice || kind == ParamKind::Set || kind == ParamKind::File || kind == ParamKind::Text ||
               kind == ParamKind::Action;
    }
    bool isAction() const { return kind == ParamKind::Action; }
    // What the panel shows for a choice (see choiceLabels), in English.
    const std::string& shownChoice(const std::string& choice) const {
        const auto it = choiceLabels.find(choice);
        return it == choiceLabels.end() ? choice : it->second;
    }
    // Whether it matters with these values (see onlyWhen).
    bool relevant(const Params& values) const;
};

// A panel section and its parameters, in the order the panel shows them. The panel draws a
// section's heading once, above a run of parameters, so a lesson declares each section once.
struct ParamGroup {
    std::string title;  // English, translated by the GUI in the lesson's context ("Network")
    std::vector<ParamSpec> params;
};
// A lesson's parameters: those of each group in turn, each with its group's title.
//   s.params = grouped({{QT_TRANSLATE_NOOP("rnn", "Training"), {ParamSpec::..., ParamSpec::...}}, ...});
std::vector<ParamSpec> grouped(std::vector<ParamGroup> groups);

// A parameter value: numbers for Number/Integer/Flag, text for Choice/Set/File/Text.
struct ParamValue {
    double number = 0;
    std::string text;
    bool operator==(const ParamValue&) const = default;
};

// Values of all parameters of one lesson, always complete and valid (made by the spec).
class Params {
public:
    double number(const std::string& key) const;
    int64_t integer(const std::string& key) const { return int64_t(number(key)); }
    bool flag(const std::string& key) const { return number(key) != 0.0; }
    const std::string& text(const std::string& key) const;
    std::vector<std::string> set(const std::string& key) const;  // a Set's members, in choice order
    const ParamValue& value(const std::string& key) const;
    void assign(const std::string& key, ParamValue v) { m_values[key] = std::move(v); }
    const std::map<std::string, ParamValue>& all() const { return m_values; }
    bool operator==(const Params&) const = default;

private:
    std::map<std::string, ParamValue> m_values;
};

}  // namespace gradlab
