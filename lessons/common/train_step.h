// A training step as the lessons with one network take it: the gradients of the step's loss
// replace the last ones, the optimizer steps, the run's step count goes up, and the step's frame
// opens with its "loss" (and the watch's note, the first time that loss has diverged).
#pragma once

#include <cstdint>

#include "engine/tensor/tensor.h"
#include "engine/optim/optimizer.h"
#include "lessons/common/divergence.h"
#include "lessons/frame.h"

namespace gradlab::lessons {

struct TrainedStep {
    Frame frame;
    // The network has diverged (now or before): the lesson evaluates nothing more, since its
    // weights are NaN, and pushes the frame, on which the run ends.
    bool diverged = false;
};

// `loss`: the forward pass's scalar loss; `step`: the run's step count, raised by one; `lr`: the
// learning rate the step was taken with, which the watch's note names.
TrainedStep trainOn(const Tensor& loss, Optimizer& opt, int64_t& step, DivergenceWatch& watch, double lr);

}  // namespace gradlab::lessons
