// What the lessons that train a classifier on pictures (cnn, vit) declare alike: the data set,
// the epochs, and the figures a training run reports under the same names, which their pages,
// the CLI's summaries and the translations share. Strings here are in the "lessons" context.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lessons/outputs.h"
#include "lessons/params.h"

namespace gradlab::lessons {

// "dataset": Fashion-MNIST, MNIST or the synthetic shapes (data_sets.h finds them), set on reset.
ParamSpec pictureDatasetParam();
// "epochs": passes over the training images, after which the run stops (live).
ParamSpec pictureEpochsParam(int64_t most, int64_t byDefault);

// loss (the training batch's cross-entropy), val_loss, val_accuracy, test_accuracy, epoch,
// image_label (the shown picture's class, -1 unknown) and the "epochs" markers.
std::vector<OutputSpec> pictureTrainingOutputs();

}  // namespace gradlab::lessons
