// Toy data sets drawn from the run's generator (so a seed fixes them).
#include "lessons/common/toy_data.h"

#include <cmath>
#include <vector>

namespace gradlab::lessons {

ToyData twoSpirals(int64_t n, Generator& gen, double noise) {
    std::vector<float> xs(std::size_t(n) * 2), ys(static_cast<std::size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
        const int cls = int(i % 2);
        const double t = 0.15 + 0.85 * gen.uniformDouble();  // distance along the arm
        const double angle = 3.0 * M_PI * t + cls * M_PI;
        xs[std::size_t(2 * i)] = float(t * std::cos(angle) + noise * gen.normal());
        xs[std::size_t(2 * i + 1)] = float(t * std::sin(angle) + noise * gen.normal());
        ys[std::size_t(i)] = float(cls);
    }
    return {fromData(xs, {n, 2}), fromData(ys, {n})};
}

}  // namespace gradlab::lessons
