// For lessons whose models do not run on CUDA yet (cnn, attention, vit): asked for another
// device, they run on the CPU and say so once, in the first frame, instead of ignoring the
// choice silently. The optimizers lesson runs on any device itself.
#pragma once

#include <memory>

#include "lessons/lesson.h"

namespace gradlab::lessons {

// Returns `run` unchanged for the CPU; otherwise a Run that behaves exactly like it and adds a
// note to its first frame.
std::unique_ptr<Run> onCpu(std::unique_ptr<Run> run, Device asked);

}  // namespace gradlab::lessons
