// What the picture lessons (cnn, vit, deep, generalization) tell the student about their data, in
// the GUI's status line as well as the CLI's output.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/data/dataset.h"
#include "lessons/frame.h"

namespace gradlab::lessons {

// What a run says about its data set when it starts, made from what findDataset found:
// - the data set's report, a Record note (the CLI's output and the run's summary): where it looked
//   and which pictures it uses, and why another set when the one asked for was not found;
// - when the set asked for was not found, a plain note for the status line (Tell) that says what
//   the pictures are instead.
class DataNotes {
public:
    explicit DataNotes(const FoundDataset& found);

    void push(Frame& f) const;
    bool synthetic() const { return m_synthetic; }  // the generated shapes, not real pictures

private:
    Note m_report;
    std::optional<Note> m_fallback;
    bool m_synthetic = false;
};

// The student's own picture (the `image` parameter of cnn and vit) cannot be used: a warning,
// then the engine's reason, which names the file and what is wrong with it. The CLI refuses such
// a file before the run.
std::vector<Note> unusablePictureNotes(const Error& e);

}  // namespace gradlab::lessons
