// What the picture lessons (cnn, vit, deep, generalization) tell the student about their data, in
// the GUI's status line as well as the CLI's output.
#pragma once

#include <optional>
#include <string>

#include "engine/data/dataset.h"
#include "lessons/frame.h"

namespace gradlab::lessons {

// The data set asked for was not found and another is used (a real one, or the synthetic
// shapes): a note that says so plainly (the data set's report, a Record note, says where it
// looked and why). None when the set asked for is used.
std::optional<Note> dataFallbackNote(const FoundDataset& found);

// The student's own picture (the `image` parameter of cnn and vit) cannot be used: a warning.
// The CLI refuses such a file before the run. `reason` is the engine's message, which names the
// file and what is wrong with it.
Note unusablePictureNote(const std::string& reason);

}  // namespace gradlab::lessons
