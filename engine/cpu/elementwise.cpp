// CPU elementwise kernels: fill, copy, unary ops and their gradients, broadcasting binary ops,
// where. The scalar formulas come from kernels/elementwise_math.h (shared with CUDA); the loops
// are written so that GCC vectorises them, with glibc's libmvec for exp/log/tanh/erf.
#include <math.h>
#include <omp.h>

#include <cstring>
#include <type_traits>

#include "engine/core/error.h"
#include "engine/cpu/strided_loop.h"
#include "engine/ops/backend.h"

// Tell GCC that glibc's vector math library (libmvec) has SIMD versions of these functions, so
// `#pragma omp simd` loops call them 8 lanes at a time (glibc declares this only under -ffast-math).
extern "C" {
__attribute__((simd("notinbranch"))) float expf(float) noexcept;
__attribute__((simd("notinbranch"))) float logf(float) noexcept;
__attribute__((simd("notinbranch"))) float tanhf(float) noexcept;
__attribute__((simd("notinbranch"))) float erff(float) noexcept;
}

namespace gradlab::cpu {
namespace {

constexpr int64_t kParallelGrain = 1 << 15;  // elements per thread below which one thread is faster

template <class F>
void withUnary(UnaryOp op, F&& f) {
    switch (op) {
#define GL_CASE(name) \
    case UnaryOp::name: f(std::integral_constant<UnaryOp, UnaryOp::name>{}); return;
        GL_CASE(Neg) GL_CASE(Exp) GL_CASE(Log) GL_CASE(Sqrt) GL_CASE(Abs) GL_CASE(Sign) GL_CASE(Sigmoid)
        GL_CASE(Tanh) GL_CASE(Relu) GL_CASE(LeakyRelu) GL_CASE(Elu) GL_CASE(Gelu) GL_CASE(GeluTanh)
        GL_CASE(Softplus) GL_CASE(Silu) GL_CASE(AddS) GL_CASE(MulS) GL_CASE(DivS) GL_CASE(RSubS)
        GL_CASE(RDivS) GL_CASE(PowS) GL_CASE(Clamp)
#undef GL_CASE
        default: GL_FAIL("internal error: unknown unary op ", int(op));
    }
}

template <class F>
void withBinary(BinaryOp op, F&& f) {
    switch (op) {
#define GL_CASE(name) \
    case BinaryOp::name: f(std::integral_constant<BinaryOp, BinaryOp::name>{}); return;
        GL_CASE(Add) GL_CASE(Sub) GL_CASE(Mul) GL_CASE(Div) GL_CASE(Pow) GL_CASE(Maximum) GL_CASE(Minimum)
        GL_CASE(Gt) GL_CASE(Lt) GL_CASE(Ge) GL_CASE(Le) GL_CASE(Eq) GL_CASE(Ne)
#undef GL_CASE
        default: GL_FAIL("internal error: unknown binary op ", int(op));
    }
}

// Runs body(begin, end) over [0, n), split across threads when n is large.
template <class Body>
void parallelRange(int64_t n, Body&& body) {
    if (n < 2 * kParallelGrain || omp_in_parallel()) {
        body(int64_t(0), n);
        return;
    }
    int threads = int(std::min<int64_t>(omp_get_max_threads(), n / kParallelGrain));
#pragma omp parallel num_threads(threads)
    {
        int t = omp_get_thread_num(), nt = omp_get_num_threads();
        int64_t chunk = (n + nt - 1) / nt;
        int64_t b = std::min<int64_t>(n, chunk * t), e = std::min<int64_t>(n, b + chunk);
        if (b < e) body(b, e);
    }
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

void unary(UnaryOp op, const Tensor& x, Tensor& y, float p0, float p1) {
    const float* __restrict xp = x.data();
    float* __restrict yp = y.data();
    withUnary(op, [&](auto opc) {
        parallelRange(x.numel(), [&](int64_t b, int64_t e) {
#pragma omp simd
            for (int64_t i = b; i < e; ++i) yp[i] = math::unary(decltype(opc)::value, xp[i], p0, p1);
        });
    });
}

void unaryBackward(UnaryOp op, const Tensor& x, const Tensor& y, const Tensor& dy, Tensor& dx, float p0, float p1) {
    // Ops whose formula does not read x or y get dy in their place (never dereferenced as such).
    const float* __restrict gp = dy.data();
    const float* __restrict xp = x.defined() ? x.data() : gp;
    const float* __restrict yp = y.defined() ? y.data() : gp;
    float* __restrict dp = dx.data();
    withUnary(op, [&](auto opc) {
        parallelRange(dy.numel(), [&](int64_t b, int64_t e) {
#pragma omp simd
            for (int64_t i = b; i < e; ++i)
                dp[i] = math::unaryGrad(decltype(opc)::value, xp[i], yp[i], gp[i], p0, p1);
        });
    });
}

void binary(BinaryOp op, const Tensor& a, const Tensor& b, Tensor& out) {
    withBinary(op, [&](auto opc) {
        constexpr BinaryOp OP = decltype(opc)::value;
        if (a.isContiguous() && b.isContiguous() && a.shape() == out.shape() && b.shape() == out.shape()) {
            const float* __restrict ap = a.data();
            const float* __restrict bp = b.data();
            float* __restrict op_ = out.data();
            parallelRange(out.numel(), [&](int64_t lo, int64_t hi) {
#pragma omp simd
                for (int64_t i = lo; i < hi; ++i) op_[i] = math::binary(OP, ap[i], bp[i]);
            });
            return;
        }
        forEachStrided<3>(out.shape(), {out.strides().data(), a.strides().data(), b.strides().data()},
                          {out.data(), a.data(), b.data()},
                          [](std::array<float*, 3> p, std::array<int64_t, 3> s, int64_t n) {
                              float* __restrict o = p[0];
                              const float* __restrict pa = p[1];
                              const float* __restrict pb = p[2];
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
