// What a lesson's Run emits at each step: a Frame of named scalars, series (tables), images and
// markers, pushed into a Sink (the CLI's Recorder, the GUI's queue). Every name is declared in the
// lesson's LessonSpec (lessons/outputs.h).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "engine/tensor/tensor.h"

namespace gradlab {

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

enum class ColorMap { Sequential, Diverging, Gray };

// A 2-D field (or a stack of them) to draw: a heat map, filters, attention weights, a contour grid.
struct Image {
    std::string name;
    Tensor values;                    // (H, W) or (N, H, W), on the CPU
    std::optional<ColorMap> colorMap; // unset: the one its declaration names (filled in by OutputCheck)
    std::vector<double> extent;       // optional world rectangle {x0, x1, y0, y1} (contour plots)
    std::vector<std::string> rowLabels, colLabels;  // optional (token labels of attention maps)
    std::vector<double> range;        // optional fixed {lo, hi} the colour map spans (a diverging map
                                      // centred on its middle: a probability around 0.5); else the data's

    ColorMap map() const { return colorMap.value_or(ColorMap::Sequential); }
};

struct Scalar {
    std::string name;
    double value = 0;
    int64_t step = -1;  // -1: the frame's step (a merged frame carries several steps)
};

// A labelled moment on the step axis that charts draw as a vertical line ("epoch 2").
struct Marker {
    std::string name;   // the declared output ("epochs")
    int64_t step = 0;
    std::string label;  // English; the GUI translates it in the lesson's context
};

// A message for the student ("adam has diverged at step 312"): English `text` with %1, %2, ...
// where `args` go (numbers, names). The GUI translates the text and the arguments in the
// lesson's context, or else in "lessons", before it fills them in, so a note can be said in
// German; the CLI and the recorder keep the English. A plain string is a note without arguments.
struct Note {
    // Where the GUI says it. Record: nowhere, it is for the CLI's output and the run's summary
    // (what data a run found, in detail). Tell: in the status line (the answer to a button, a
    // fallback the student should know of). Warn: in the status line, as a warning (a network
    // diverged, a picture that cannot be used).
    enum class Level { Record, Tell, Warn };

    std::string text;
    std::vector<std::string> args;
    Level level = Level::Record;

    Note() = default;
    Note(std::string t, std::vector<std::string> a = {}, Level l = Level::Record)
        : text(std::move(t)), args(std::move(a)), level(l) {}
    Note(const char* t) : text(t) {}

    std::string english() const;  // the text with its arguments filled in
};

struct Frame {
    int64_t step = 0;
    std::vector<Scalar> scalars;
    std::vector<Series> series;
    std::vector<Image> images;
    std::vector<Marker> markers;
    std::vector<Note> notes;  // messages for the student

    void scalar(std::string name, double v) { scalars.push_back({std::move(name), v, -1}); }
    int64_t stepOf(const Scalar& s) const { return s.step >= 0 ? s.step : step; }

    // How many leading scalars already carry their own step (mergeFrame's bookkeeping: a batch
    // of thousands of merged steps is then not rescanned on every merge).
    std::size_t scalarsWithStep = 0;
};

// Appends `later` to `into` as if both had been received one after the other: scalars, markers
// and appended series rows are kept (scalars keep their own step), replaced series and images of
// the same name keep only the newest. A worker sends one merged frame per batch of steps.
void mergeFrame(Frame& into, Frame&& later);

class Sink {
public:
    virtual ~Sink() = default;
    virtual void push(Frame&& frame) = 0;
};

}  // namespace gradlab
