// torch.nn.init in C++: gains, fans, the random schemes (drawn on the host, then copied into the
// tensor) and their theoretical standard deviations.
#include "engine/init/init.h"

#include <Eigen/Dense>

#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include "engine/autograd/autograd.h"
#include "engine/core/error.h"

namespace gradlab::init {
namespace {

constexpr std::array<std::string_view, 11> kSchemes = {
    "uniform", "normal", "trunc_normal", "constant", "zeros", "ones",
    "xavier_uniform", "xavier_normal", "kaiming_uniform", "kaiming_normal", "orthogonal"};

std::string schemeList() {
    std::string s;
    for (auto n : kSchemes) s += (s.empty() ? "" : ", ") + std::string(n);
    return s;
}

// Fills t with values produced one by one by `draw` (row-major order), outside autograd.
template <class Draw>
Tensor& fillWith(Tensor& t, Draw&& draw) {
    GL_CHECK(t.defined(), "init: the tensor is undefined");
    std::vector<float> v(static_cast<std::size_t>(t.numel()));
    for (float& x : v) x = float(draw());
    if (v.empty()) return t;
    NoGradGuard guard;
    t.copy_(fromData(v, t.shape()));
    return t;
}

int64_t correctFan(const Shape& shape, FanMode mode) {
    Fans f = calculateFans(shape);
    return mode == FanMode::FanIn ? f.fanIn : f.fanOut;
}

void checkFinite(const char* what, double v) {
    GL_CHECK(std::isfinite(v), "init: ", what, " must be finite, got ", v);
}

// Inverse error function on (-1, 1): Giles' single-precision approximation ("Approximating the
// erfinv function", GPU Computing Gems, 2011) refined by two Newton steps on erf in double.
double erfinv(double y) {
    if (y <= -1.0) return -std::numeric_limits<double>::infinity();
    if (y >= 1.0) return std::numeric_limits<double>::infinity();
    double w = -std::log((1.0 - y) * (1.0 + y)), x;
    if (w < 5.0) {
        w -= 2.5;
        double p = 2.81022636e-08;
        p = 3.43273939e-07 + p * w; p = -3.5233877e-06 + p * w; p = -4.39150654e-06 + p * w;
        p = 0.00021858087 + p * w;  p = -0.00125372503 + p * w; p = -0.00417768164 + p * w;
        p = 0.246640727 + p * w;    p = 1.50140941 + p * w;
        x = p * y;
    } else {
        w = std::sqrt(w) - 3.0;
        double p = -0.000200214257;
        p = 0.000100950558 + p * w; p = 0.00134934322 + p * w; p = -0.00367342844 + p * w;
        p = 0.00573950773 + p * w;  p = -0.0076224613 + p * w; p = 0.00943887047 + p * w;
        p = 1.00167406 + p * w;     p = 2.83297682 + p * w;
        x = p * y;
    }
    const double twoOverSqrtPi = 1.1283791670955126;
    for (int i = 0; i < 2; ++i) {
        double d = twoOverSqrtPi * std::exp(-x * x);
        if (d == 0.0) break;
        x -= (std::erf(x) - y) / d;
    }
    return x;
}

double normCdf(double x) { return 0.5 * (1.0 + std::erf(x / std::sqrt(2.0))); }
double normPdf(double x) { return std::exp(-0.5 * x * x) / std::sqrt(2.0 * M_PI); }

}  // namespace

double calculateGain(std::string_view nl, std::optional<double> param) {
    static constexpr std::array<std::string_view, 8> kLinear = {
        "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "sigmoid"};
    for (auto n : kLinear)
        if (nl == n) return 1.0;
    if (nl == "tanh") return 5.0 / 3.0;
    if (nl == "relu") return std::sqrt(2.0);
    if (nl == "leaky_relu") {
        double slope = param.value_or(0.01);
        GL_CHECK(std::isfinite(slope), "calculateGain: negative_slope ", slope, " is not a valid number");
        return std::sqrt(2.0 / (1.0 + slope * slope));
    }
    if (nl == "selu") return 3.0 / 4.0;
    GL_FAIL("calculateGain: unsupported nonlinearity '", nl,
            "' (expected linear, conv1d, conv2d, conv3d, conv_transpose1d, conv_transpose2d, conv_transpose3d, "
            "sigmoid, tanh, relu, leaky_relu or selu)");
}

Fans calculateFans(const Shape& shape) {
    GL_CHECK(shape.size() >= 2, "Fan in and fan out can not be computed for a tensor with fewer than 2 dimensions (shape ",
             shapeStr(shape), ")");
    int64_t receptive = 1;
    for (std::size_t i = 2; i < shape.size(); ++i) receptive *= shape[i];
    return Fans{shape[1] * receptive, shape[0] * receptive};
}

FanMode parseFanMode(std::string_view mode) {
    if (mode == "fan_in") return FanMode::FanIn;
    if (mode == "fan_out") return FanMode::FanOut;
    GL_FAIL("init: mode '", mode, "' not supported, please use one of fan_in, fan_out");
}

Tensor& uniform_(Tensor& t, Generator& gen, double a, double b) {
    checkFinite("a", a);
    checkFinite("b", b);
    GL_CHECK(a <= b, "uniform_: expects a <= b, got a = ", a, ", b = ", b);
    return fillWith(t, [&] { return a + (b - a) * gen.uniformDouble(); });
}

Tensor& normal_(Tensor& t, Generator& gen, double mean, double std) {
    checkFinite("mean", mean);
    GL_CHECK(std::isfinite(std) && std >= 0.0, "normal_: std must be finite and non-negative, got ", std);
    return fillWith(t, [&] { return mean + std * double(gen.normal()); });
}

Tensor& truncNormal_(Tensor& t, Generator& gen, double mean, double std, double a, double b) {
    checkFinite("mean", mean);
    GL_CHECK(std::isfinite(std) && std > 0.0, "trunc_normal_: std must be finite and positive, got ", std);
    GL_CHECK(a < b, "trunc_normal_: expects a < b, got a = ", a, ", b = ", b);
    // Uniform in [cdf(a), cdf(b)] mapped through the normal quantile, then clamped (like torch).
    const double l = normCdf((a - mean) / std), u = normCdf((b - mean) / std);
    return fillWith(t, [&] {
        double r = (2.0 * l - 1.0) + (2.0 * u - 2.0 * l) * gen.uniformDouble();
        double x = erfinv(r) * std * std::sqrt(2.0) + mean;
        return std::min(std::max(x, a), b);
    });
}

Tensor& constant_(Tensor& t, double value) {
    return fillWith(t, [&] { return value; });
}
Tensor& zeros_(Tensor& t) { return constant_(t, 0.0); }
Tensor& ones_(Tensor& t) { return constant_(t, 1.0); }

Tensor& xavierUniform_(Tensor& t, Generator& gen, double gain) {
    GL_CHECK(t.defined(), "init: the tensor is undefined");
    Fans f = calculateFans(t.shape());
    if (t.numel() == 0) return t;
    double bound = std::sqrt(3.0) * gain * std::sqrt(2.0 / double(f.fanIn + f.fanOut));
    return uniform_(t, gen, -bound, bound);
}

Tensor& xavierNormal_(Tensor& t, Generator& gen, double gain) {
    GL_CHECK(t.defined(), "init: the tensor is undefined");
    Fans f = calculateFans(t.shape());
    if (t.numel() == 0) return t;
    return normal_(t, gen, 0.0, gain * std::sqrt(2.0 / double(f.fanIn + f.fanOut)));
}

Tensor& kaimingUniform_(Tensor& t, Generator& gen, double a, FanMode mode, std::string_view nonlinearity) {
    GL_CHECK(t.defined(), "init: the tensor is undefined");
    if (t.numel() == 0) return t;  // torch warns and returns
    double std = calculateGain(nonlinearity, a) / std::sqrt(double(correctFan(t.shape(), mode)));
    double bound = std::sqrt(3.0) * std;
    return uniform_(t, gen, -bound, bound);
}

Tensor& kaimingNormal_(Tensor& t, Generator& gen, double a, FanMode mode, std::string_view nonlinearity) {
    GL_CHECK(t.defined(), "init: the tensor is undefined");
    if (t.numel() == 0) return t;
    double std = calculateGain(nonlinearity, a) / std::sqrt(double(correctFan(t.shape(), mode)));
    return normal_(t, gen, 0.0, std);
}

Tensor& orthogonal_(Tensor& t, Generator& gen, double gain) {
    GL_CHECK(t.defined() && t.dim() >= 2, "orthogonal_: only tensors with 2 or more dimensions are supported");
    checkFinite("gain", gain);
    if (t.numel() == 0) return t;
    const int64_t rows = t.size(0), cols = t.numel() / rows;
    // QR of a tall normal matrix (transposed when the weight is wide), in double for accuracy.
    const bool wide = rows < cols;
    const int64_t m = wide ? cols : rows, n = wide ? rows : cols;
    Eigen::MatrixXd a(m, n);
    for (int64_t i = 0; i < rows; ++i)
        for (int64_t j = 0; j < cols; ++j) (wide ? a(j, i) : a(i, j)) = double(gen.normal());
    Eigen::HouseholderQR<Eigen::MatrixXd> qr(a);
    Eigen::MatrixXd q = qr.householderQ() * Eigen::MatrixXd::Identity(m, n);
    // Make the factorisation unique (R with a positive diagonal), so Q is uniformly (Haar) distributed.
    for (int64_t j = 0; j < n; ++j)
        if (qr.matrixQR()(j, j) < 0.0) q.col(j) = -q.col(j);
    int64_t k = 0;
    std::vector<double> values(static_cast<std::size_t>(rows * cols));
    for (int64_t i = 0; i < rows; ++i)
        for (int64_t j = 0; j < cols; ++j) values[std::size_t(k++)] = gain * (wide ? q(j, i) : q(i, j));
    k = 0;
    return fillWith(t, [&] { return values[std::size_t(k++)]; });
}

std::span<const std::string_view> schemeNames() { return kSchemes; }

Tensor& initialize(Tensor& t, std::string_view s, Generator& gen, const InitParams& p) {
    if (s == "uniform") return uniform_(t, gen, p.a, p.b);
    if (s == "normal") return normal_(t, gen, p.mean, p.std);
    if (s == "trunc_normal") return truncNormal_(t, gen, p.mean, p.std, p.truncA, p.truncB);
    if (s == "constant") return constant_(t, p.value);
    if (s == "zeros") return zeros_(t);
    if (s == "ones") return ones_(t);
    if (s == "xavier_uniform") return xavierUniform_(t, gen, p.gain);
    if (s == "xavier_normal") return xavierNormal_(t, gen, p.gain);
    if (s == "kaiming_uniform") return kaimingUniform_(t, gen, p.a, p.mode, p.nonlinearity);
    if (s == "kaiming_normal") return kaimingNormal_(t, gen, p.a, p.mode, p.nonlinearity);
    if (s == "orthogonal") return orthogonal_(t, gen, p.gain);
    GL_FAIL("init: unknown scheme '", s, "' (expected one of ", schemeList(), ")");
}

double expectedStd(std::string_view s, int64_t fanIn, int64_t fanOut, const InitParams& p) {
    GL_CHECK(fanIn > 0 && fanOut > 0, "expectedStd: fans must be positive, got fan_in ", fanIn, ", fan_out ", fanOut);
    if (s == "uniform") return (p.b - p.a) / std::sqrt(12.0);
    if (s == "normal") return p.std;
    if (s == "trunc_normal") {
        // Variance of N(mean, std^2) truncated to [truncA, truncB].
        double al = (p.truncA - p.mean) / p.std, be = (p.truncB - p.mean) / p.std;
        double z = normCdf(be) - normCdf(al);
        double r = (normPdf(al) - normPdf(be)) / z;
        auto xpdf = [](double x) { return std::isfinite(x) ? x * normPdf(x) : 0.0; };
        return p.std * std::sqrt(1.0 + (xpdf(al) - xpdf(be)) / z - r * r);
    }
    if (s == "constant" || s == "zeros" || s == "ones") return 0.0;
    if (s == "xavier_uniform" || s == "xavier_normal") return p.gain * std::sqrt(2.0 / double(fanIn + fanOut));
    if (s == "kaiming_uniform" || s == "kaiming_normal")
        return calculateGain(p.nonlinearity, p.a) / std::sqrt(double(p.mode == FanMode::FanIn ? fanIn : fanOut));
    if (s == "orthogonal") return p.gain / std::sqrt(double(std::max(fanIn, fanOut)));
    GL_FAIL("expectedStd: unknown scheme '", s, "' (expected one of ", schemeList(), ")");
}

double expectedStd(std::string_view s, const Shape& shape, const InitParams& p) {
    if (s == "orthogonal") {
        GL_CHECK(shape.size() >= 2, "expectedStd: orthogonal needs a tensor with 2 or more dimensions");
        int64_t rows = shape[0], cols = numelOf(shape) / std::max<int64_t>(rows, 1);
        return expectedStd(s, cols, rows, p);
    }
    if (s == "uniform" || s == "normal" || s == "trunc_normal" || s == "constant" || s == "zeros" || s == "ones")
        return expectedStd(s, 1, 1, p);
    Fans f = calculateFans(shape);
    return expectedStd(s, f.fanIn, f.fanOut, p);
}

}  // namespace gradlab::init
