// Colour maps shared by the CLI's PNG export and the GUI's heat maps: viridis (perceptually
// uniform, colour-blind safe) for magnitudes and ColorBrewer's RdBu (colour-blind safe) for
// signed values such as weights: blue negative, white zero, red positive.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

namespace gradlab {

struct Rgb {
    uint8_t r, g, b;
};

// t in [0, 1]. Polynomial fit of matplotlib's viridis (Matt Zucker, CC0), within 2 % of its table.
inline Rgb viridis(double t) {
    t = std::clamp(std::isnan(t) ? 0.0 : t, 0.0, 1.0);
    static constexpr double c[7][3] = {{0.2777273272234177, 0.005407344544966578, 0.3340998053353061},
                                       {0.1050930431085774, 1.404613529898575, 1.384590162594685},
                                       {-0.3308618287255563, 0.214847559468213, 0.09509516302823659},
                                       {-4.634230498983486, -5.799100973351585, -19.33244095627987},
                                       {6.228269936347081, 14.17993336680509, 56.69055260068105},
                                       {4.776384997670288, -13.74514537774601, -65.35303263337234},
                                       {-5.435455855934631, 4.645852612178535, 26.3124352495832}};
    double v[3];
    for (int k = 0; k < 3; ++k) {
        double acc = c[6][k];
        for (int i = 5; i >= 0; --i) acc = acc * t + c[i][k];
        v[k] = std::clamp(acc, 0.0, 1.0);
    }
    return {uint8_t(std::lround(v[0] * 255)), uint8_t(std::lround(v[1] * 255)), uint8_t(std::lround(v[2] * 255))};
}

// t in [0, 1] with 0.5 = white (zero). ColorBrewer RdBu, 11 classes, reversed (blue low).
inline Rgb diverging(double t) {
    static constexpr std::array<uint32_t, 11> stops = {0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7,
                                                       0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b, 0x67001f};
    t = std::clamp(std::isnan(t) ? 0.5 : t, 0.0, 1.0) * double(stops.size() - 1);
    std::size_t i = std::min<std::size_t>(std::size_t(t), stops.size() - 2);
    double f = t - double(i);
    auto ch = [&](int shift) {
        double a = double((stops[i] >> shift) & 0xff), b = double((stops[i + 1] >> shift) & 0xff);
        return uint8_t(std::lround(a + (b - a) * f));
    };
    return {ch(16), ch(8), ch(0)};
}

inline Rgb gray(double t) {
    t = std::clamp(std::isnan(t) ? 0.0 : t, 0.0, 1.0);
    uint8_t v = uint8_t(std::lround(t * 255));
    return {v, v, v};
}

}  // namespace gradlab
