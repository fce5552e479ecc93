// CPU reductions (sum/max/min along one axis of an (outer, n, inner) view) and row softmax.
// Sums accumulate in double so long reductions (a mean over 60,000 images) lose no precision.
#include <math.h>

#include <cmath>
#include <limits>
#include <vector>

#include "engine/core/error.h"
#include "engine/cpu/parallel.h"
#include "engine/ops/backend.h"

extern "C" {
__attribute__((simd("notinbranch"))) float expf(float) noexcept;
}

namespace gradlab::cpu {

void reduce(ReduceOp op, const Tensor& x, int64_t outer, int64_t n, int64_t inner, Tensor& out, Tensor* indices) {
    const float* xp = x.data();
    float* op_ = out.data();
    float* ip = indices ? indices->data() : nullptr;
    if (op == ReduceOp::Sum) {
        if (inner == 1) {
            parallelChunks(outer, outer * n, [&](int64_t ob, int64_t oe) {
                for (int64_t o = ob; o < oe; ++o) {
                    const float* row = xp + o * n;
                    double acc = 0.0;
#pragma omp simd reduction(+ : acc)
                    for (int64_t j = 0; j < n; ++j) acc += double(row[j]);
                    op_[o] = float(acc);
                }
            });
        } else {
            parallelChunks(outer, outer * n * inner, [&](int64_t ob, int64_t oe) {
                std::vector<double> acc(static_cast<std::size_t>(inner));
                for (int64_t o = ob; o < oe; ++o) {
                    std::fill(acc.begin(), acc.end(), 0.0);
                    for (int64_t j = 0; j < n; ++j) {
                        const float* row = xp + (o * n + j) * inner;
#pragma omp simd
                        for (int64_t i = 0; i < inner; ++i) acc[std::size_t(i)] += double(row[i]);
                    }
                    for (int64_t i = 0; i < inner; ++i) op_[o * inner + i] = float(acc[std::size_t(i)]);
                }
            });
        }
        return;
    }
    const bool isMax = op == ReduceOp::Max;
    for (int64_t o = 0; o < outer; ++o) {
        for (int64_t i = 0; i < inner; ++i) {
            const float* p = xp + o * n * inner + i;
            float best = p[0];
            int64_t at = 0;
            for (int64_t j = 1; j < n && best == best; ++j) {
                float v = p[j * inner];
                if (v != v || (isMax ? v > best : v < best)) {
                    best = v;
                    at = j;
                }
            }
            op_[o * inner + i] = best;
            if (ip) ip[o * inner + i] = float(at);
        }
    }
}

namespace {

void softmaxRow(const float* __restrict in, float* __restrict o, int64_t n, bool log) {
    float m = -std::numeric_limits<float>::infinity();
    for (int64_t j = 0; j < n; ++j) m = in[j] > m || in[j] != in[j] ? in[j] : m;
    if (std::isinf(m) && m < 0) m = 0.0f;  // a row of -inf: keep the NaN semantics of exp(-inf - -inf)
    float s = 0.0f;
#pragma omp simd reduction(+ : s)
    for (int64_t j = 0; j < n; ++j) {
        float e = expf(in[j] - m);
        o[j] = e;
        s += e;
    }
    if (log) {
        float ls = logf(s);
#pragma omp simd
        for (int64_t j = 0; j < n; ++j) o[j] = in[j] - m - ls;
    } else {
        float inv = 1.0f / s;
#pragma omp simd
        for (int64_t j = 0; j < n; ++j) o[j] = o[j] * inv;
    }
}

void softmaxBackwardRow(const float* __restrict yr, const float* __restrict gr, float* __restrict dr, int64_t n,
                        bool log) {
    float s = 0.0f;
    if (log) {
#pragma omp simd reduction(+ : s)
        for (int64_t j = 0; j < n; ++j) s += gr[j];
#pragma omp simd
        for (int64_t j = 0; j < n; ++j) dr[j] = gr[j] - expf(yr[j]) * s;
    } else {
#pragma omp simd reduction(+ : s)
        for (int64_t j = 0; j < n; ++j) s += gr[j] * yr[j];
#pragma omp simd
        for (int64_t j = 0; j < n; ++j) dr[j] = yr[j] * (gr[j] - s);
    }
}

}  // namespace

// Rows are independent; with an exp per element they are worth threads from half the
// elementwise grain on (work counted twice).
void softmax(const Tensor& x, Tensor& y, bool log) {
    const int64_t n = x.shape().back();
    const int64_t rows = n == 0 ? 0 : x.numel() / n;
    const float* xp = x.data();
    float* yp = y.data();
    parallelChunks(rows, 2 * rows * n, [&](int64_t rb, int64_t re) {
        for (int64_t r = rb; r < re; ++r) softmaxRow(xp + r * n, yp + r * n, n, log);
    });
}

void softmaxBackward(const Tensor& y, const Tensor& dy, Tensor& dx, bool log) {
    const int64_t n = y.shape().back();
    const int64_t rows = n == 0 ? 0 : y.numel() / n;
    const float* yp = y.data();
    const float* gp = dy.data();
    float* dp = dx.data();
    parallelChunks(rows, 2 * rows * n, [&](int64_t rb, int64_t re) {
        for (int64_t r = rb; r < re; ++r) softmaxBackwardRow(yp + r * n, gp + r * n, dp + r * n, n, log);
    });
}

}  // namespace gradlab::cpu
