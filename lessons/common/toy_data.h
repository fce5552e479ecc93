// Small synthetic data sets for lessons that need a task but no files.
#pragma once

#include "engine/core/rng.h"
#include "engine/tensor/tensor.h"

namespace gradlab::lessons {

struct ToyData {
    Tensor x;  // (N, features)
    Tensor y;  // (N) class indices
};

// Two interleaved spirals (classes 0 and 1), n points in total, coordinates within about [-1, 1].
ToyData twoSpirals(int64_t n, Generator& gen, double noise = 0.04);

}  // namespace gradlab::lessons
