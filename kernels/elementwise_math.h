// The scalar formulas of every elementwise op and of its derivative, in one place for the CPU
// backend (vectorised loops) and the CUDA kernels (compiled by nvcc as __host__ __device__).
// Formulas and special cases follow PyTorch's CPU kernels so results can be compared with it.
// No engine headers here: kernels/ only sees raw numbers.
#pragma once

#include <math.h>

#if defined(__CUDACC__)
#define GL_HD __host__ __device__ __forceinline__
#else
#define GL_HD inline
#endif

namespace gradlab {

// y = f(x; p0, p1)
enum class UnaryOp : int {
    Neg, Exp, Log, Sqrt, Abs, Sign,
    Sigmoid, Tanh, Relu, LeakyRelu /*p0 slope*/, Elu /*p0 alpha*/, Gelu, GeluTanh,
    Softplus /*p0 beta, p1 threshold*/, Silu,
    AddS /*x + p0*/, MulS /*x * p0*/, DivS /*x / p0*/, RSubS /*p0 - x*/, RDivS /*p0 / x*/,
    PowS /*x ^ p0*/, Clamp /*p0 lo, p1 hi*/,
    Count
};

// out = f(a, b)
enum class BinaryOp : int { Add, Sub, Mul, Div, Pow, Maximum, Minimum, Gt, Lt, Ge, Le, Eq, Ne, Count };

namespace math {

constexpr float kSqrt1_2 = 0.70710678118654752440f;
constexpr float kSqrt2OverPi = 0.79788456080286535588f;
constexpr float kInvSqrt2Pi = 0.39894228040143267794f;

GL_HD float sigmoid(float x) { return 1.0f / (1.0f + expf(-x)); }

// PyTorch's pow with a scalar exponent: exact shortcuts for the common exponents.
GL_HD float powScalar(float x, float e) {
    if (e == 2.0f) return x * x;
    if (e == 1.0f) return x;
    if (e == 3.0f) return x * x * x;
    if (e == 0.5f) return sqrtf(x);
    if (e == 0.0f) return 1.0f;
    if (e == -1.0f) return 1.0f / x;
    if (e == -2.0f) return 1.0f / (x * x);
    if (e == -0.5f) return 1.0f / sqrtf(x);
    return powf(x, e);
}

GL_HD float unary(UnaryOp op, float x, float p0, float p1) {
    switch (op) {
        case UnaryOp::Neg: return -x;
        case UnaryOp::Exp: return expf(x);
        case UnaryOp::Log: return logf(x);
        case UnaryOp::Sqrt: return sqrtf(x);
        case UnaryOp::Abs: return fabsf(x);
        case UnaryOp::Sign: return float((x > 0.0f) - (x < 0.0f));
        case UnaryOp::Sigmoid: return sigmoid(x);
        case UnaryOp::Tanh: return tanhf(x);
        case UnaryOp::Relu: return x <= 0.0f ? 0.0f : x;  // NaN passes through, as in PyTorch
        case UnaryOp::LeakyRelu: return x > 0.0f ? x : x * p0;
        // exp(x) - 1 rather than expm1: PyTorch 1.13's CPU kernel, whose results we reproduce.
        case UnaryOp::Elu: return x <= 0.0f ? (expf(x) - 1.0f) * p0 : x;
        case UnaryOp::Gelu: return 0.5f * x * (1.0f + erff(x * kSqrt1_2));
        case UnaryOp::GeluTanh: {
            float cube = x * x * x;
            float inner = kSqrt2OverPi * (x + 0.044715f * cube);
            return 0.5f * x * (1.0f + tanhf(inner));
        }
        case UnaryOp::Softplus: {
            const float soft = log1pf(expf(x * p0)) / p0;  // computed on both sides: a plain select
            return x * p0 > p1 ? x : soft;
        }
        case UnaryOp::Silu: return x / (1.0f + expf(-x));
        case UnaryOp::AddS: return x + p0;
        case UnaryOp::MulS: return x * p0;
        case UnaryOp::DivS: return x / p0;
        case UnaryOp::RSubS: return p0 - x;
        case UnaryOp::RDivS: return p0 / x;
        case UnaryOp::PowS: return powScalar(x, p0);
        case UnaryOp::Clamp: return x < p0 ? p0 : (x > p1 ? p1 : x);
        default: return x;
    }
}

// dx given x, y = f(x) and dy (d loss / d y).
GL_HD float unaryGrad(UnaryOp op, float x, float y, float dy, float p0, float p1) {
    switch (op) {
        case UnaryOp::Neg: return -dy;
        case UnaryOp::Exp: return dy * y;
        case UnaryOp::Log: return dy / x;
        case UnaryOp::Sqrt: return dy / (2.0f * y);
        case UnaryOp::Abs: return dy * float((x > 0.0f) - (x < 0.0f));
        case UnaryOp::Sign: return 0.0f;
        case UnaryOp::Sigmoid: return dy * (1.0f - y) * y;
        case UnaryOp::Tanh: return dy * (1.0f - y * y);
        case UnaryOp::Relu: return y <= 0.0f ? 0.0f : dy;  // PyTorch's threshold_backward: NaN passes dy
        case UnaryOp::LeakyRelu: return x > 0.0f ? dy : dy * p0;
        case UnaryOp::Elu: return x <= 0.0f ? dy * p0 * expf(x) : dy;
        case UnaryOp::Gelu: {
            float cdf = 0.5f * (1.0f + erff(x * kSqrt1_2));
            float pdf = kInvSqrt2Pi * expf(-0.5f * x * x);
            return dy * (cdf + x * pdf);
        }
        case UnaryOp::GeluTanh: {
            float x2 = x * x;
            float inner = kSqrt2OverPi * (x + 0.044715f * (x2 * x));
            float t = tanhf(inner);
            float left = 0.5f * x, right = 1.0f + t;
            float dinner = kSqrt2OverPi * (1.0f + 3.0f * 0.044715f * x2);
            return dy * (0.5f * right + left * (1.0f - t * t) * dinner);
        }
        case UnaryOp::Softplus: {
            const float z = expf(x * p0), soft = dy * z / (z + 1.0f);
            return x * p0 > p1 ? dy : soft;
        }
        case UnaryOp::Silu: {
            float s = sigmoid(x);
            return dy * s * (1.0f + x * (1.0f - s));
        }
        case UnaryOp::AddS: return dy;
        case UnaryOp::MulS: return dy * p0;
        case UnaryOp::DivS: return dy / p0;
        case UnaryOp::RSubS: return -dy;
        case UnaryOp::RDivS: return -dy * p0 / (x * x);
        case UnaryOp::PowS: return p0 == 0.0f ? 0.0f : dy * (p0 * powScalar(x, p0 - 1.0f));
        case UnaryOp::Clamp: return (x >= p0 && x <= p1) ? dy : 0.0f;
        default: return dy;
    }
}

GL_HD float binary(BinaryOp op, float a, float b) {
    switch (op) {
        case BinaryOp::Add: return a + b;
        case BinaryOp::Sub: return a - b;
        case BinaryOp::Mul: return a * b;
        case BinaryOp::Div: return a / b;
        case BinaryOp::Pow: return powf(a, b);
        case BinaryOp::Maximum: return (a != a || a > b) ? a : b;  // NaN propagates
        case BinaryOp::Minimum: return (a != a || a < b) ? a : b;
        case BinaryOp::Gt: return a > b ? 1.0f : 0.0f;
        case BinaryOp::Lt: return a < b ? 1.0f : 0.0f;
        case BinaryOp::Ge: return a >= b ? 1.0f : 0.0f;
        case BinaryOp::Le: return a <= b ? 1.0f : 0.0f;
        case BinaryOp::Eq: return a == b ? 1.0f : 0.0f;
        case BinaryOp::Ne: return a != b ? 1.0f : 0.0f;
        default: return a;
    }
}

}  // namespace math
}  // namespace gradlab
