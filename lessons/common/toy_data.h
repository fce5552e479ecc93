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

// Two-class point sets in the plane, each point's class drawn with probability 1/2, Gaussian noise
// of std `noise` added to both coordinates:
//   moons:   class 0 at (cos t, sin t), class 1 at (1 - cos t, 0.5 - sin t), t ~ U[0, pi]
//            (scikit-learn's make_moons, with t drawn instead of evenly spaced);
//   circles: class 0 on the circle of radius 1, class 1 on radius 0.5;
//   xor:     (u, v) ~ U[-1, 1]^2, class 1 where u and v differ in sign.
ToyData twoMoons(int64_t n, Generator& gen, double noise);
ToyData twoCircles(int64_t n, Generator& gen, double noise);
ToyData xorSquares(int64_t n, Generator& gen, double noise);

}  // namespace gradlab::lessons
