// A lesson's outputs, declared once in its LessonSpec: every scalar, series, image, heat map and
// marker stream it emits, with a translatable title, axis labels, unit and colour map. The CLI
// lists them (`gradlab-cli list --json`), the Recorder and the GUI's session refuse a frame that
// carries an undeclared name, and the GUI's charts and pages bind by these names.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "lessons/frame.h"

namespace gradlab {

enum class OutputKind {
    Scalar,   // one number per step (Frame::scalars)
    Series,   // a table (Frame::series)
    Image,    // a picture or a stack of them: filters, feature maps, a surface (Frame::images)
    HeatMap,  // a labelled matrix: attention weights, a confusion matrix (Frame::images, rows labelled)
    Markers,  // labelled steps drawn on the step axis (Frame::markers)
};

std::string outputKindName(OutputKind k);

// One declared output. `name` may be a pattern in which '*' stands for one or more characters
// that are not '/': "loss.*" is every racer's loss, "feature_maps/*" every layer's maps.
// Made by a named builder, e.g.
//   OutputSpec::scalar("loss.*", QT_TRANSLATE_NOOP("optimizers", "loss")).axes(kStep, kLoss)
struct OutputSpec {
    std::string name;
    OutputKind kind = OutputKind::Scalar;
    std::string title;                 // English, translated by the GUI in the lesson's context
    std::string xLabel, yLabel;        // English axis labels (may be empty)
    std::string unit;                  // of the values ("%"), may be empty
    std::optional<ColorMap> colorMap;  // images and heat maps; unset: the lesson picks one per frame

    static OutputSpec scalar(std::string name, std::string title);
    static OutputSpec series(std::string name, std::string title);
    static OutputSpec image(std::string name, std::string title, std::optional<ColorMap> map);
    static OutputSpec heatMap(std::string name, std::string title, std::optional<ColorMap> map);
    static OutputSpec markers(std::string name, std::string title);

    OutputSpec& axes(std::string x, std::string y) { xLabel = std::move(x); yLabel = std::move(y); return *this; }
    OutputSpec& measuredIn(std::string u) { unit = std::move(u); return *this; }

    bool isPattern() const { return name.find('*') != std::string::npos; }
    bool matches(const std::string& concrete) const;
    // What the pattern's '*'s match in `concrete` ("feature_maps/*", "feature_maps/conv1": {"conv1"});
    // empty for an exact name or one that does not match.
    std::vector<std::string> instance(const std::string& concrete) const;
    // Image and HeatMap outputs both travel as Frame images.
    bool accepts(OutputKind emitted) const;
};

// Finds the declaration of a concrete name among `outputs` (exact names before patterns); with
// `emitted`, only one that accepts that kind (a series and a heat map may share a name: the
// confusion matrix is both).
const OutputSpec* findOutput(const std::vector<OutputSpec>& outputs, const std::string& name,
                             std::optional<OutputKind> emitted = {});

// Checks every name a frame carries against a lesson's declared outputs and fills in each image's
// declared colour map. Remembers the names it has seen, so the per-step cost is one hash lookup
// per name. Throws Error naming the lesson and the output.
class OutputCheck {
public:
    OutputCheck(std::string lessonId, const std::vector<OutputSpec>& outputs);
    void apply(Frame& frame);

private:
    const OutputSpec& resolve(const std::string& name, OutputKind kind);

    std::string m_lesson;
    const std::vector<OutputSpec>* m_outputs;
    std::unordered_map<std::string, const OutputSpec*> m_seen[5];  // per OutputKind
};

}  // namespace gradlab
