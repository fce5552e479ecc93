// Toy data sets drawn from the run's generator (so a seed fixes them).
#include "lessons/common/toy_data.h"

#include <cmath>
#include <utility>
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

namespace {

// n points, each of class 0 or 1 with probability 1/2, placed by `at(class)` plus the noise.
template <class At>
ToyData twoClasses(int64_t n, Generator& gen, double noise, At at) {
    std::vector<float> xs(std::size_t(n) * 2), ys(static_cast<std::size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
        const int cls = int(gen.below(2));
        const auto [u, v] = at(cls);
        xs[std::size_t(2 * i)] = float(u + noise * gen.normal());
        xs[std::size_t(2 * i + 1)] = float(v + noise * gen.normal());
        ys[std::size_t(i)] = float(cls);
    }
    return {fromData(xs, {n, 2}), fromData(ys, {n})};
}

}  // namespace

ToyData twoMoons(int64_t n, Generator& gen, double noise) {
    return twoClasses(n, gen, noise, [&](int cls) {
        const double t = M_PI * gen.uniformDouble();
        return cls == 0 ? std::pair{std::cos(t), std::sin(t)} : std::pair{1.0 - std::cos(t), 0.5 - std::sin(t)};
    });
}

ToyData twoCircles(int64_t n, Generator& gen, double noise) {
    return twoClasses(n, gen, noise, [&](int cls) {
        const double a = 2.0 * M_PI * gen.uniformDouble(), r = cls == 0 ? 1.0 : 0.5;
        return std::pair{r * std::cos(a), r * std::sin(a)};
    });
}

ToyData xorSquares(int64_t n, Generator& gen, double noise) {
    std::vector<float> xs(std::size_t(n) * 2), ys(static_cast<std::size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
        const double u = 2.0 * gen.uniformDouble() - 1.0, v = 2.0 * gen.uniformDouble() - 1.0;
        xs[std::size_t(2 * i)] = float(u + noise * gen.normal());
        xs[std::size_t(2 * i + 1)] = float(v + noise * gen.normal());
        ys[std::size_t(i)] = float((u < 0) != (v < 0));
    }
    return {fromData(xs, {n, 2}), fromData(ys, {n})};
}

}  // namespace gradlab::lessons
