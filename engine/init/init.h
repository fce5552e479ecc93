// Parameter initialisation with the formulas, defaults and names of torch.nn.init (PyTorch 1.13).
// Values are drawn on the host from our Generator (the numbers differ from torch's; the
// distributions are the same) and copied into the tensor, whatever its device and layout.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <span>
#include <string_view>

#include "engine/core/rng.h"
#include "engine/tensor/tensor.h"

namespace gradlab::init {

// The recommended gain for a nonlinearity (torch.nn.init.calculate_gain): linear, conv1d, conv2d,
// conv3d, conv_transpose1d/2d/3d and sigmoid 1; tanh 5/3; relu sqrt(2);
// leaky_relu sqrt(2 / (1 + slope^2)) with slope = param (default 0.01); selu 3/4.
double calculateGain(std::string_view nonlinearity, std::optional<double> param = std::nullopt);

struct Fans {
    int64_t fanIn = 0, fanOut = 0;
};
// For a weight of shape (out, in, k...): fanIn = in * prod(k), fanOut = out * prod(k).
// Throws for tensors with fewer than 2 dimensions (like torch).
Fans calculateFans(const Shape& shape);

enum class FanMode { FanIn, FanOut };
FanMode parseFanMode(std::string_view mode);  // "fan_in" / "fan_out"

// Each fills t in place (outside autograd) and returns it. Empty tensors are left alone.
Tensor& uniform_(Tensor& t, Generator& gen, double a = 0.0, double b = 1.0);      // U(a, b)
Tensor& normal_(Tensor& t, Generator& gen, double mean = 0.0, double std = 1.0);  // N(mean, std^2)
// N(mean, std^2) truncated to [a, b] (inverse-CDF sampling, as torch does).
Tensor& truncNormal_(Tensor& t, Generator& gen, double mean = 0.0, double std = 1.0, double a = -2.0,
                     double b = 2.0);
Tensor& constant_(Tensor& t, double value);
Tensor& zeros_(Tensor& t);
Tensor& ones_(Tensor& t);
// U(-bound, bound), bound = gain * sqrt(6 / (fanIn + fanOut)).
Tensor& xavierUniform_(Tensor& t, Generator& gen, double gain = 1.0);
// N(0, std^2), std = gain * sqrt(2 / (fanIn + fanOut)).
Tensor& xavierNormal_(Tensor& t, Generator& gen, double gain = 1.0);
// U(-bound, bound), bound = sqrt(3) * calculateGain(nonlinearity, a) / sqrt(fan).
Tensor& kaimingUniform_(Tensor& t, Generator& gen, double a = 0.0, FanMode mode = FanMode::FanIn,
                        std::string_view nonlinearity = "leaky_relu");
// N(0, std^2), std = calculateGain(nonlinearity, a) / sqrt(fan).
Tensor& kaimingNormal_(Tensor& t, Generator& gen, double a = 0.0, FanMode mode = FanMode::FanIn,
                       std::string_view nonlinearity = "leaky_relu");
// A (semi-)orthogonal matrix times gain: t viewed as (rows, numel / rows) has orthonormal rows
// (rows <= cols) or columns (rows > cols). From the QR of a normal matrix with sign correction.
Tensor& orthogonal_(Tensor& t, Generator& gen, double gain = 1.0);

// ---- by scheme name (for lessons): the names of torch.nn.init without the trailing underscore ----
// uniform, normal, trunc_normal, constant, zeros, ones, xavier_uniform, xavier_normal,
// kaiming_uniform, kaiming_normal, orthogonal.
std::span<const std::string_view> schemeNames();

// The arguments of every scheme, with torch's defaults; each scheme reads the ones it takes.
struct InitParams {
    double gain = 1.0;               // xavier_*, orthogonal
    double a = 0.0;                  // kaiming_*: negative slope; uniform / trunc_normal: lower bound
    double b = 1.0;                  // uniform: upper bound; trunc_normal uses truncB
    double mean = 0.0, std = 1.0;    // normal, trunc_normal
    double truncA = -2.0, truncB = 2.0;  // trunc_normal bounds
    double value = 0.0;              // constant
    FanMode mode = FanMode::FanIn;   // kaiming_*
    std::string nonlinearity = "leaky_relu";  // kaiming_*
};

Tensor& initialize(Tensor& t, std::string_view scheme, Generator& gen, const InitParams& p = {});

// The theoretical standard deviation of the values a scheme draws, for a weight with these fans
// (e.g. kaiming_normal with fan_in: calculateGain(nonlinearity, a) / sqrt(fanIn)). For orthogonal
// the weight is taken as (fanOut, fanIn): gain / sqrt(max(fanIn, fanOut)) (the RMS of its entries).
double expectedStd(std::string_view scheme, int64_t fanIn, int64_t fanOut, const InitParams& p = {});
// Same, with the fans (and, for orthogonal, the matrix view) taken from the weight's shape.
double expectedStd(std::string_view scheme, const Shape& shape, const InitParams& p = {});

}  // namespace gradlab::init
