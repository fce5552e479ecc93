// What a lesson says when the student's own picture (the `image` parameter of cnn and vit) cannot
// be used: a warning, so that the GUI's status line shows it (the CLI refuses such a file before
// the run). `reason` is the engine's message, which names the file and what is wrong with it.
#pragma once

#include <string>

#include "lessons/frame.h"

namespace gradlab::lessons {

Note unusablePictureNote(const std::string& reason);

}  // namespace gradlab::lessons
