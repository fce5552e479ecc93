// The normalisation layers a lesson offers as a choice ("none", "batch", "layer"), for the hidden
// units of an MLP and for the channels of a conv net.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "engine/nn/module.h"

namespace gradlab::lessons {

// BatchNorm1d(features) or LayerNorm(features); null for "none".
std::shared_ptr<Module> makeNorm1d(const std::string& norm, int64_t features);
// BatchNorm2d(channels), or LayerNorm over the channels of each pixel (as ConvNeXt does); null
// for "none".
std::shared_ptr<Module> makeNorm2d(const std::string& norm, int64_t channels);

}  // namespace gradlab::lessons
