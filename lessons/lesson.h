// The lesson framework: a LessonSpec describes a lesson (id, texts, typed parameters, a factory);
// a Run is one live experiment that advances step by step and emits Frames into a Sink. The CLI
// and the GUI drive the same Run objects; only the Sink differs (CSV files vs. a queue to the UI).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/core/device.h"
#include "engine/tensor/tensor.h"

// Marks a user-visible string of a lesson for translation without including Qt: the GUI looks
// it up with QCoreApplication::translate(context, text), and lupdate finds it by this name.
#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(context, text) text
#endif

namespace gradlab {

struct Checkpoint;

enum class ParamKind {
    Number,   // a real number in [min, max], optionally on a log scale
    Integer,  // an integer in [min, max]
    Choice,   // one of `choices`
    Flag,     // on / off
    Set,      // any subset of `choices`, written comma-separated ("adam,sgd")
    File,     // a path to a file the lesson reads (a student's image); "" = none
};

struct ParamSpec {
    std::string key;    // as used by --set and checkpoints: "adam.lr", "depth"
    std::string label;  // short English label (translated by the GUI)
    std::string help;   // one sentence: what it does
    ParamKind kind = ParamKind::Number;
    double min = 0, max = 1, def = 0;  // Number / Integer / Flag (0 or 1)
    bool logScale = false;             // sliders move in log space (learning rates)
    bool live = true;                  // applied at the next step; false: needs a reset
    std::string unit;
    std::vector<std::string> choices;  // Choice / Set
    std::string defText;               // default of Choice / Set
    std::string group;                 // panel section ("Adam", "Network"); empty = general
};

// A parameter value: numbers for Number/Integer/Flag, text for Choice/Set.
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
    std::string toString(const std::string& key) const;  // as it would be written on the command line

private:
    std::map<std::string, ParamValue> m_values;
};

// ---- what a run emits ----
// A table streamed to the UI and written to <name>.csv by the CLI: text columns first (e.g.
// "racer"), then numbers. Append mode adds rows to what was sent before; Replace sends the whole table.
struct Series {
    enum class Mode { Append, Replace };
    std::string name;
    std::vector<std::string> textColumns;
    std::vector<std::string> numberColumns;
    std::vector<std::string> text;  // rows x textColumns
    std::vector<double> numbers;    // rows x numberColumns
    Mode mode = Mode::Append;

    std::size_t rows() const { return numberColumns.empty() ? 0 : numbers.size() / numberColumns.size(); }
    void addRow(std::initializer_list<std::string> t, std::initializer_list<double> n) {
        text.insert(text.end(), t);
        numbers.insert(numbers.end(), n);
    }
};

// A 2-D field (or a stack of them) to draw: a heat map, filters, attention weights, a contour grid.
struct Image {
    enum class ColorMap { Sequential, Diverging, Gray };
    std::string name;
    Tensor values;              // (H, W) or (N, H, W), on the CPU
    ColorMap colorMap = ColorMap::Sequential;
    std::vector<double> extent; // optional world rectangle {x0, x1, y0, y1} (contour plots)
    std::vector<std::string> rowLabels, colLabels;  // optional (token labels of attention maps)
};

struct Scalar {
    std::string name;
    double value = 0;
    int64_t step = -1;  // -1: the frame's step (a merged frame carries several steps)
};

struct Frame {
    int64_t step = 0;
    std::vector<Scalar> scalars;
    std::vector<Series> series;
    std::vector<Image> images;
    std::vector<std::string> notes;  // messages for the student ("adam diverged at step 312")

    void scalar(std::string name, double v) { scalars.push_back({std::move(name), v, -1}); }
    int64_t stepOf(const Scalar& s) const { return s.step >= 0 ? s.step : step; }

    // How many leading scalars already carry their own step (mergeFrame's bookkeeping: a batch
    // of thousands of merged steps is then not rescanned on every merge).
    std::size_t scalarsWithStep = 0;
};

// Appends `later` to `into` as if both had been received one after the other: scalars and
// appended series rows are kept (scalars keep their own step), replaced series and images of
// the same name keep only the newest. A worker sends one merged frame per batch of steps.
void mergeFrame(Frame& into, Frame&& later);

class Sink {
public:
    virtual ~Sink() = default;
    virtual void push(Frame&& frame) = 0;
};

// One live experiment.
class Run {
public:
    virtual ~Run() = default;
    // Emits what exists before any step (curves, the surface, the start point) as frame 0.
    virtual void start(Sink& sink) = 0;
    // Advances one step and emits its frame(s).
    virtual void step(Sink& sink) = 0;
    virtual int64_t stepCount() const = 0;
    // True when the run has nothing left to do (e.g. all epochs trained).
    virtual bool finished() const { return false; }
    // Applies a live parameter change (already validated against the spec) before the next step.
    // May emit a frame (e.g. redrawn curves) into `sink`.
    virtual void set(const std::string& key, const ParamValue& value, Sink& sink) = 0;
    // Saves the complete state (model, optimizer, RNG, step) / restores it. load() is given a
    // checkpoint already checked to be for this lesson with these parameters; it validates
    // shapes and throws Error before changing anything.
    virtual void save(Checkpoint& ck) const = 0;
    virtual void load(const Checkpoint& ck) = 0;
    // Emits the state after load() (what start() would, plus the current values).
    virtual void resync(Sink& sink) { start(sink); }
    // Headline results for summary.json (e.g. {"test_accuracy": 0.85}); empty by default.
    virtual nlohmann::json summary() const { return nlohmann::json::object(); }
};

struct LessonSpec {
    std::string id;        // "optimizers"
    std::string title;     // "Optimizers race"
    std::string summary;   // one line for the lesson list
    std::string icon;      // icon name in resources/icons
    std::string headline;  // the scalar the status line shows ("loss.adam")
    int64_t defaultSteps = 100;
    std::vector<ParamSpec> params;
    std::function<std::unique_ptr<Run>(const Params& params, uint64_t seed, Device device)> make;

    const ParamSpec* find(const std::string& key) const;
    Params defaults() const;
    // Parses "key=value" (as given to --set). Throws Error for an unknown key, a value that is
    // not a number, NaN/inf, out of range, not an integer, or not one of the choices.
    std::pair<std::string, ParamValue> parse(const std::string& assignment) const;
    ParamValue parseValue(const ParamSpec& p, const std::string& text) const;
    // Checks a value against its spec (same errors as parse).
    void validate(const ParamSpec& p, const ParamValue& v) const;
    // Params from their JSON form (a checkpoint); every key must exist and be valid.
    Params fromJson(const nlohmann::json& j) const;
    nlohmann::json toJson(const Params& p) const;
};

std::span<const LessonSpec> allLessons();
const LessonSpec* findLesson(const std::string& id);  // null when unknown
std::string lessonIds();                              // "activations, optimizers, init"

std::string kindName(ParamKind k);

}  // namespace gradlab
