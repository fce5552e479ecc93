// CPU elementwise kernels: fill, copy, unary ops and their gradients, broadcasting binary ops,
// where. The scalar formulas come from kernels/elementwise_math.h (shared with CUDA); the loops
// are written so that GCC vectorises them, with glibc's libmvec for exp/log/tanh/erf
// (engine/cpu/vector_math.h).
#include <cstring>
#include <type_traits>
#include <utility>

#include "engine/core/error.h"
#include "engine/cpu/parallel.h"
#include "engine/cpu/strided_loop.h"
#include "engine/cpu/vector_math.h"
#include "engine/ops/backend.h"

namespace gradlab::cpu {
namespace {

// Calls f(std::integral_constant<Op, op>{}) for the runtime `op` (a UnaryOp or BinaryOp): every op
// gets its own loop with its formula inlined (and vectorised), chosen once per call.
template <class Op, class F, int... I>
void withOp(Op op, F&& f, std::integer_sequence<int, I...>) {
    const bool found = ((int(op) == I ? (f(std::integral_constant<Op, Op(I)>{}), true) : false) || ...);
    GL_CHECK(found, "internal error: unknown elementwise op ", int(op));
}
template <class Op, class F>
void withOp(Op op, F&& f) {
    withOp(op, std::forward<F>(f), std::make_integer_sequence<int, int(Op::Count)>{});
}

}  // namespace

void fill(Tensor& dst, float value) {
    if (dst.isContiguous()) {
        float* p = dst.data();
        parallelRange(dst.numel(), [&](int64_t b, int64_t e) {
            for (int64_t i = b; i < e; ++i) p[i] = value;
        });
        return;
    }
    forEachStrided<1>(dst.shape(), {dst.strides().data()}, {dst.data()},
                      [&](std::array<float*, 1> p, std::array<int64_t, 1> s, int64_t n) {
                          for (int64_t i = 0; i < n; ++i) p[0][i * s[0]] = value;
                      });
}

void copy(const Tensor& src, Tensor& dst) {
    GL_CHECK(src.shape() == dst.shape(), "internal error: copy between shapes ", shapeStr(src.shape()), " and ",
             shapeStr(dst.shape()));
    if (src.isContiguous() && dst.isContiguous()) {
        const float* s = src.data();
        float* d = dst.data();
        parallelRange(src.numel(), [&](int64_t b, int64_t e) { std::memmove(d + b, s + b, std::size_t(e - b) * 4); });
        return;
    }
    forEachStrided<2>(dst.shape(), {dst.strides().data(), src.strides().data()}, {dst.data(), src.data()},
                      [](std::array<float*, 2> p, std::array<int64_t, 2> s, int64_t n) {
                          if (s[0] == 1 && s[1] == 1) {
                              std::memmove(p[0], p[1], std::size_t(n) * 4);
                              return;
                          }
                          for (int64_t i = 0; i < n; ++i) p[0][i * s[0]] = p[1][i * s[1]];
                      });
}

namespace {

// The exponent in halves (an int, not a float template parameter: clang before 18 has none).
template <int Halves>
struct PowExponent {
    constexpr operator float() const { return float(Halves) / 2.0f; }
};

// Calls f(PowExponent<e>{}) when e is one of math::powScalar's exact shortcuts and f(e)
// otherwise. The exponent is the same for every element: choosing here, once, leaves each loop
// without branches, so it vectorises (the general case through libmvec's powf).
template <class F>
void withExponent(float e, F&& f) {
    if (e == 2.0f) f(PowExponent<4>{});
    else if (e == 1.0f) f(PowExponent<2>{});
    else if (e == 3.0f) f(PowExponent<6>{});
    else if (e == 0.5f) f(PowExponent<1>{});
    else if (e == 0.0f) f(PowExponent<0>{});
    else if (e == -1.0f) f(PowExponent<-2>{});
    else if (e == -2.0f) f(PowExponent<-4>{});
    else if (e == -0.5f) f(PowExponent<-1>{});
    else f(e);
}

// math::powScalar(x, e) for an exponent chosen by withExponent: a constant folds to its shortcut,
// any other exponent is plain powf (which is what powScalar returns for it).
template <class E>
inline float powFor(float x, E e) {
    if constexpr (std::is_same_v<E, float>) return powf(x, e);
    else return math::powScalar(x, float(e));
}

}  // namespace

// No __restrict on an output that may be its input: each element is read before it is written,
// and `omp simd` (no dependence between iterations) still vectorises the loops.
void unary(UnaryOp op, const Tensor& x, Tensor& y, float p0, float p1) {
    const float* xp = x.data();
    float* yp = y.data();
    if (op == UnaryOp::PowS) {
        withExponent(p0, [&](auto e) {
            parallelRange(x.numel(), [&](int64_t b, int64_t end) {
#pragma omp simd
                for (int64_t i = b; i < end; ++i) yp[i] = powFor(xp[i], e);
            });
        });
        return;
    }
    withOp(op, [&](auto opc) {
        parallelRange(x.numel(), [&](int64_t b, int64_t e) {
#pragma omp simd
            for (int64_t i = b; i < e; ++i) yp[i] = math::unary(decltype(opc)::value, xp[i], p0, p1);
        });
    });
}

void unaryBackward(UnaryOp op, const Tensor& x, const Tensor& y, const Tensor& dy, Tensor& dx, float p0, float p1) {
    // Ops whose formula does not read x or y get dy in their place (never dereferenced as such).
    const float* gp = dy.data();
    const float* xp = x.defined() ? x.data() : gp;
    const float* yp = y.defined() ? y.data() : gp;
    float* dp = dx.data();
    if (op == UnaryOp::PowS) {
        // dx = e x^(e-1) dy (0 when e == 0), as math::unaryGrad.
        if (p0 == 0.0f) {
            parallelRange(dy.numel(), [&](int64_t b, int64_t end) {
                for (int64_t i = b; i < end; ++i) dp[i] = 0.0f;
            });
            return;
        }
        withExponent(p0 - 1.0f, [&](auto em1) {
            parallelRange(dy.numel(), [&](int64_t b, int64_t end) {
#pragma omp simd
                for (int64_t i = b; i < end; ++i) dp[i] = gp[i] * (p0 * powFor(xp[i], em1));
            });
        });
        return;
    }
    withOp(op, [&](auto opc) {
        parallelRange(dy.numel(), [&](int64_t b, int64_t e) {
#pragma omp simd
            for (int64_t i = b; i < e; ++i)
                dp[i] = math::unaryGrad(decltype(opc)::value, xp[i], yp[i], gp[i], p0, p1);
        });
    });
}

void binary(BinaryOp op, const Tensor& a, const Tensor& b, Tensor& out) {
    withOp(op, [&](auto opc) {
        constexpr BinaryOp OP = decltype(opc)::value;
        if (a.isContiguous() && b.isContiguous() && a.shape() == out.shape() && b.shape() == out.shape()) {
            const float* ap = a.data();
            const float* bp = b.data();
            float* op_ = out.data();
            parallelRange(out.numel(), [&](int64_t lo, int64_t hi) {
#pragma omp simd
                for (int64_t i = lo; i < hi; ++i) op_[i] = math::binary(OP, ap[i], bp[i]);
            });
            return;
        }
        forEachStrided<3>(out.shape(), {out.strides().data(), a.strides().data(), b.strides().data()},
                          {out.data(), a.data(), b.data()},
                          [](std::array<float*, 3> p, std::array<int64_t, 3> s, int64_t n) {
                              float* o = p[0];  // may be pa or pb (in place)
                              const float* pa = p[1];
                              const float* pb = p[2];
                              if (s[1] == 1 && s[2] == 1) {
#pragma omp simd
                                  for (int64_t i = 0; i < n; ++i) o[i] = math::binary(OP, pa[i], pb[i]);
                              } else if (s[1] == 1 && s[2] == 0) {
                                  const float v = *pb;
#pragma omp simd
                                  for (int64_t i = 0; i < n; ++i) o[i] = math::binary(OP, pa[i], v);
                              } else if (s[1] == 0 && s[2] == 1) {
                                  const float v = *pa;
#pragma omp simd
                                  for (int64_t i = 0; i < n; ++i) o[i] = math::binary(OP, v, pb[i]);
                              } else {
                                  for (int64_t i = 0; i < n; ++i) o[i] = math::binary(OP, pa[i * s[1]], pb[i * s[2]]);
                              }
                          });
    });
}

void where(const Tensor& cond, const Tensor& a, const Tensor& b, Tensor& out) {
    forEachStrided<4>(out.shape(),
                      {out.strides().data(), cond.strides().data(), a.strides().data(), b.strides().data()},
                      {out.data(), cond.data(), a.data(), b.data()},
                      [](std::array<float*, 4> p, std::array<int64_t, 4> s, int64_t n) {
                          for (int64_t i = 0; i < n; ++i)
                              p[0][i * s[0]] = p[1][i * s[1]] != 0.0f ? p[2][i * s[2]] : p[3][i * s[3]];
                      });
}

void toHost(const float* src, float* dst, int64_t n) { std::memcpy(dst, src, std::size_t(n) * sizeof(float)); }
void fromHost(const float* src, float* dst, int64_t n) { std::memcpy(dst, src, std::size_t(n) * sizeof(float)); }

}  // namespace gradlab::cpu
