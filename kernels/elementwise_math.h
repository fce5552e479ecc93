// The scalar formulas of every elementwise op and of its derivative, in one place for the CPU
// backend (vectorised loops) and the CUDA kernels (compiled by nvcc as __host__ __device__).
// Formulas and special cases follow PyTorch's CPU kernels so results can be compared with it.
// The op lists below are X-macros: the enums, the switches here (the CUDA kernels' dispatch) and
// the CPU backend's switch are all generated from them. No engine headers: kernels/ sees numbers.
#pragma once

#include <math.h>

#include "kernels/host_device.h"

// X(Name): each unary op has a struct unary_formula::Name below, y = f(x; p0, p1).
#define GRADLAB_UNARY_OPS(X)                                                                          \
    X(Neg) X(Exp) X(Log) X(Sqrt) X(Abs) X(Sign) X(Sigmoid) X(Tanh) X(Relu) X(LeakyRelu) X(Elu) X(Gelu) \
    X(GeluTanh) X(Softplus) X(Silu) X(AddS) X(MulS) X(DivS) X(RSubS) X(RDivS) X(PowS) X(Clamp)

// X(Name): each binary op has a struct binary_formula::Name below, out = f(a, b).
#define GRADLAB_BINARY_OPS(X) \
    X(Add) X(Sub) X(Mul) X(Div) X(Pow) X(Maximum) X(Minimum) X(Gt) X(Lt) X(Ge) X(Le) X(Eq) X(Ne)

namespace gradlab {

enum class UnaryOp : int {
#define GL_ENUM_ENTRY(name) name,
    GRADLAB_UNARY_OPS(GL_ENUM_ENTRY) Count
};
enum class BinaryOp : int { GRADLAB_BINARY_OPS(GL_ENUM_ENTRY) Count };
#undef GL_ENUM_ENTRY

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

// What a derivative reads besides dy: the input x, the output y (the op saves only those).
enum Reads : int { kReadsNothing = 0, kReadsX = 1, kReadsY = 2 };

}  // namespace math

// One struct per unary op: f(x, p0, p1) = y, and df(x, y, dy, p0, p1) = dx given y = f(x) and
// dy = d loss / d y. `reads` says which of x and y df uses.
namespace unary_formula {
using namespace math;

struct Neg {
    static constexpr int reads = kReadsNothing;
    GL_HD static float f(float x, float, float) { return -x; }
    GL_HD static float df(float, float, float dy, float, float) { return -dy; }
};
struct Exp {
    static constexpr int reads = kReadsY;
    GL_HD static float f(float x, float, float) { return expf(x); }
    GL_HD static float df(float, float y, float dy, float, float) { return dy * y; }
};
struct Log {
    static constexpr int reads = kReadsX;
    GL_HD static float f(float x, float, float) { return logf(x); }
    GL_HD static float df(float x, float, float dy, float, float) { return dy / x; }
};
struct Sqrt {
    static constexpr int reads = kReadsY;
    GL_HD static float f(float x, float, float) { return sqrtf(x); }
    GL_HD static float df(float, float y, float dy, float, float) { return dy / (2.0f * y); }
};
struct Abs {
    static constexpr int reads = kReadsX;
    GL_HD static float f(float x, float, float) { return fabsf(x); }
    GL_HD static float df(float x, float, float dy, float, float) { return dy * float((x > 0.0f) - (x < 0.0f)); }
};
struct Sign {
    static constexpr int reads = kReadsNothing;
    GL_HD static float f(float x, float, float) { return float((x > 0.0f) - (x < 0.0f)); }
    GL_HD static float df(float, float, float, float, float) { return 0.0f; }
};
struct Sigmoid {
    static constexpr int reads = kReadsY;
    GL_HD static float f(float x, float, float) { return sigmoid(x); }
    GL_HD static float df(float, float y, float dy, float, float) { return dy * (1.0f - y) * y; }
};
struct Tanh {
    static constexpr int reads = kReadsY;
    GL_HD static float f(float x, float, float) { return tanhf(x); }
    GL_HD static float df(float, float y, float dy, float, float) { return dy * (1.0f - y * y); }
};
struct Relu {
    static constexpr int reads = kReadsY;
    // NaN passes through, as in PyTorch; the derivative is its threshold_backward (NaN passes dy).
    GL_HD static float f(float x, float, float) { return x <= 0.0f ? 0.0f : x; }
    GL_HD static float df(float, float y, float dy, float, float) { return y <= 0.0f ? 0.0f : dy; }
};
struct LeakyRelu {  // p0: the negative slope
    static constexpr int reads = kReadsX;
    GL_HD static float f(float x, float p0, float) { return x > 0.0f ? x : x * p0; }
    GL_HD static float df(float x, float, float dy, float p0, float) { return x > 0.0f ? dy : dy * p0; }
};
struct Elu {  // p0: alpha
    static constexpr int reads = kReadsX;
    // exp(x) - 1 rather than expm1: PyTorch 1.13's CPU kernel, whose results we reproduce.
    GL_HD static float f(float x, float p0, float) { return x <= 0.0f ? (expf(x) - 1.0f) * p0 : x; }
    GL_HD static float df(float x, float, float dy, float p0, float) { return x <= 0.0f ? dy * p0 * expf(x) : dy; }
};
struct Gelu {
    static constexpr int reads = kReadsX;
    GL_HD static float f(float x, float, float) { return 0.5f * x * (1.0f + erff(x * kSqrt1_2)); }
    GL_HD static float df(float x, float, float dy, float, float) {
        float cdf = 0.5f * (1.0f + erff(x * kSqrt1_2));
        float pdf = kInvSqrt2Pi * expf(-0.5f * x * x);
        return dy * (cdf + x * pdf);
    }
};
struct GeluTanh {
    static constexpr int reads = kReadsX;
    GL_HD static float f(float x, float, float) {
        float cube = x * x * x;
        float inner = kSqrt2OverPi * (x + 0.044715f * cube);
        return 0.5f * x * (1.0f + tanhf(inner));
    }
    GL_HD static float df(float x, float, float dy, float, float) {
        float x2 = x * x;
        float inner = kSqrt2OverPi * (x + 0.044715f * (x2 * x));
        float t = tanhf(inner);
        float left = 0.5f * x, right = 1.0f + t;
        float dinner = kSqrt2OverPi * (1.0f + 3.0f * 0.044715f * x2);
        return dy * (0.5f * right + left * (1.0f - t * t) * dinner);
    }
};
struct Softplus {  // p0: beta, p1: threshold
    static constexpr int reads = kReadsX;
    GL_HD static float f(float x, float p0, float p1) {
        const float soft = log1pf(expf(x * p0)) / p0;  // computed on both sides: a plain select
        return x * p0 > p1 ? x : soft;
    }
    GL_HD static float df(float x, float, float dy, float p0, float p1) {
        const float z = expf(x * p0), soft = dy * z / (z + 1.0f);
        return x * p0 > p1 ? dy : soft;
    }
};
struct Silu {
    static constexpr int reads = kReadsX;
    GL_HD static float f(float x, float, float) { return x / (1.0f + expf(-x)); }
    GL_HD static float df(float x, float, float dy, float, float) {
        float s = sigmoid(x);
        return dy * s * (1.0f + x * (1.0f - s));
    }
};
struct AddS {  // x + p0
    static constexpr int reads = kReadsNothing;
    GL_HD static float f(float x, float p0, float) { return x + p0; }
    GL_HD static float df(float, float, float dy, float, float) { return dy; }
};
struct MulS {  // x * p0
    static constexpr int reads = kReadsNothing;
    GL_HD static float f(float x, float p0, float) { return x * p0; }
    GL_HD static float df(float, float, float dy, float p0, float) { return dy * p0; }
};
struct DivS {  // x / p0
    static constexpr int reads = kReadsNothing;
    GL_HD static float f(float x, float p0, float) { return x / p0; }
    GL_HD static float df(float, float, float dy, float p0, float) { return dy / p0; }
};
struct RSubS {  // p0 - x
    static constexpr int reads = kReadsNothing;
    GL_HD static float f(float x, float p0, float) { return p0 - x; }
    GL_HD static float df(float, float, float dy, float, float) { return -dy; }
};
struct RDivS {  // p0 / x
    static constexpr int reads = kReadsX;
    GL_HD static float f(float x, float p0, float) { return p0 / x; }
    GL_HD static float df(float x, float, float dy, float p0, float) { return -dy * p0 / (x * x); }
};
struct PowS {  // x ^ p0
    static constexpr int reads = kReadsX;
    GL_HD static float f(float x, float p0, float) { return powScalar(x, p0); }
    GL_HD static float df(float x, float, float dy, float p0, float) {
        return p0 == 0.0f ? 0.0f : dy * (p0 * powScalar(x, p0 - 1.0f));
    }
};
struct Clamp {  // p0: lo, p1: hi
    static constexpr int reads = kReadsX;
    GL_HD static float f(float x, float p0, float p1) { return x < p0 ? p0 : (x > p1 ? p1 : x); }
    GL_HD static float df(float x, float, float dy, float p0, float p1) { return (x >= p0 && x <= p1) ? dy : 0.0f; }
};

}  // namespace unary_formula

// One struct per binary op: f(a, b). Their gradients are ops of their own (engine/ops).
namespace binary_formula {

struct Add { GL_HD static float f(float a, float b) { return a + b; } };
struct Sub { GL_HD static float f(float a, float b) { return a - b; } };
struct Mul { GL_HD static float f(float a, float b) { return a * b; } };
struct Div { GL_HD static float f(float a, float b) { return a / b; } };
struct Pow { GL_HD static float f(float a, float b) { return powf(a, b); } };
struct Maximum { GL_HD static float f(float a, float b) { return (a != a || a > b) ? a : b; } };  // NaN propagates
struct Minimum { GL_HD static float f(float a, float b) { return (a != a || a < b) ? a : b; } };
struct Gt { GL_HD static float f(float a, float b) { return a > b ? 1.0f : 0.0f; } };
struct Lt { GL_HD static float f(float a, float b) { return a < b ? 1.0f : 0.0f; } };
struct Ge { GL_HD static float f(float a, float b) { return a >= b ? 1.0f : 0.0f; } };
struct Le { GL_HD static float f(float a, float b) { return a <= b ? 1.0f : 0.0f; } };
struct Eq { GL_HD static float f(float a, float b) { return a == b ? 1.0f : 0.0f; } };
struct Ne { GL_HD static float f(float a, float b) { return a != b ? 1.0f : 0.0f; } };

}  // namespace binary_formula

// The formulas by runtime op: the dispatch of the CUDA kernels (one op per launch, so the switch
// never diverges) and, with the op a compile-time constant, the CPU loops.
namespace math {

GL_HD float unary(UnaryOp op, float x, float p0, float p1) {
    switch (op) {
#define GL_CASE(name) \
    case UnaryOp::name: return unary_formula::name::f(x, p0, p1);
        GRADLAB_UNARY_OPS(GL_CASE)
#undef GL_CASE
        default: return x;  // UnaryOp::Count: not an op
    }
}

GL_HD float unaryGrad(UnaryOp op, float x, float y, float dy, float p0, float p1) {
    switch (op) {
#define GL_CASE(name) \
    case UnaryOp::name: return unary_formula::name::df(x, y, dy, p0, p1);
        GRADLAB_UNARY_OPS(GL_CASE)
#undef GL_CASE
        default: return dy;
    }
}

// Which of x and y the derivative of `op` reads (math::Reads bits).
constexpr int unaryReads(UnaryOp op) {
    switch (op) {
#define GL_CASE(name) \
    case UnaryOp::name: return unary_formula::name::reads;
        GRADLAB_UNARY_OPS(GL_CASE)
#undef GL_CASE
        default: return kReadsX | kReadsY;
    }
}

GL_HD float binary(BinaryOp op, float a, float b) {
    switch (op) {
#define GL_CASE(name) \
    case BinaryOp::name: return binary_formula::name::f(a, b);
        GRADLAB_BINARY_OPS(GL_CASE)
#undef GL_CASE
        default: return a;
    }
}

}  // namespace math
}  // namespace gradlab
