// A classifier's mean cross-entropy and accuracy on a whole image data set, in eval mode and
// without gradients, in chunks (the lessons' validation and test passes).
#pragma once

#include <cstdint>
#include <utility>

#include "engine/core/device.h"
#include "engine/data/dataset.h"
#include "engine/data/loader.h"
#include "engine/nn/module.h"

namespace gradlab::lessons {

struct Evaluation {
    double loss = 0;      // mean cross-entropy, nats
    double accuracy = 0;  // fraction right
};
// Puts `net` in eval mode (the caller sets train mode again before training).
Evaluation evaluate(Module& net, const ImageDataset& ds, const Preprocess& pre, Device device, int64_t chunk = 500);

}  // namespace gradlab::lessons
