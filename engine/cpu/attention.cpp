// CPU scaled dot-product attention, forward and backward, fused per batch slice (one query block
// of one head): the scores, mask, softmax, dropout and both products of a slice stay in cache.
// q, k, v and the gradients are read and written through their strides (Eigen maps), so the head
// views of a (B, T, H, d) projection are never copied. Slices are split across threads when the
// work is large enough.
#include <math.h>

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "engine/cpu/parallel.h"
#include "engine/ops/backend.h"

extern "C" {
__attribute__((simd("notinbranch"))) float expf(float) noexcept;
}

namespace gradlab::cpu {
namespace {

using RowMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ColMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;
using OStride = Eigen::OuterStride<>;
using GStride = Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>;

// A (rows, cols) matrix at p with row stride rs and column stride cs.
struct Mat {
    float* p;
    int64_t rows, cols, rs, cs;
};

// Calls f(map) with the cheapest Eigen map of m: row-major, column-major or fully strided.
template <class F>
void withMap(const Mat& m, F&& f) {
    if (m.cs == 1 || m.cols == 1) {
        f(Eigen::Map<const RowMat, 0, OStride>(m.p, m.rows, m.cols, OStride(m.rows == 1 ? m.cols : m.rs)));
    } else if (m.rs == 1 || m.rows == 1) {
        f(Eigen::Map<const ColMat, 0, OStride>(m.p, m.rows, m.cols, OStride(m.cols == 1 ? m.rows : m.cs)));
    } else {
        f(Eigen::Map<const RowMat, 0, GStride>(m.p, m.rows, m.cols, GStride(m.rs, m.cs)));
    }
}

// dst = expr (a product), written through dst's strides; a destination without a unit stride is
// filled through `scratch`.
template <class Expr>
void assignTo(const Mat& dst, const Expr& expr, std::vector<float>& scratch) {
    if (dst.cs == 1 || dst.cols == 1) {
        Eigen::Map<RowMat, 0, OStride> D(dst.p, dst.rows, dst.cols, OStride(dst.rows == 1 ? dst.cols : dst.rs));
        D.noalias() = expr;
    } else if (dst.rs == 1 || dst.rows == 1) {
        Eigen::Map<ColMat, 0, OStride> D(dst.p, dst.rows, dst.cols, OStride(dst.cols == 1 ? dst.rows : dst.cs));
        D.noalias() = expr;
    } else {
        scratch.resize(std::size_t(dst.rows * dst.cols));
        Eigen::Map<RowMat> S(scratch.data(), dst.rows, dst.cols);
        S.noalias() = expr;
        Eigen::Map<RowMat, 0, GStride>(dst.p, dst.rows, dst.cols, GStride(dst.rs, dst.cs)) = S;
    }
}

// The leading (batch) dims of a tensor of rank >= 2: slice n starts at data() + offset(n).
class Slices {
public:
    explicit Slices(const Tensor& t) : m_base(t.data()), m_rank(t.dim() - 2) {
        for (int64_t d = 0; d < m_rank; ++d) {
            m_sizes.push_back(t.size(d));
            m_strides.push_back(t.strides()[std::size_t(d)]);
        }
        m_rs = t.strides()[std::size_t(m_rank)];
        m_cs = t.strides()[std::size_t(m_rank + 1)];
        m_rows = t.size(m_rank);
        m_cols = t.size(m_rank + 1);
    }
    Mat at(int64_t n) const {
        int64_t off = 0;
        for (int64_t d = m_rank - 1; d >= 0; --d) {
            const int64_t s = m_sizes[std::size_t(d)];
            off += (n % s) * m_strides[std::size_t(d)];
            n /= s;
        }
        return Mat{m_base + off, m_rows, m_cols, m_rs, m_cs};
    }

private:
    float* m_base;
    int64_t m_rank;
    Shape m_sizes;
    Strides m_strides;
    int64_t m_rs = 0, m_cs = 0, m_rows = 0, m_cols = 0;
};

int64_t batchCount(const Tensor& t) {
    int64_t n = 1;
    for (int64_t d = 0; d + 2 < t.dim(); ++d) n *= t.size(d);
    return n;
}

// Softmax of one row of scores in place: z_j = scale * s_j + mask_j (-inf past `limit` keys).
void softmaxScores(float* __restrict s, int64_t n, float scale, const float* mask, int64_t maskStride, int64_t limit) {
    const float ninf = -std::numeric_limits<float>::infinity();
    if (mask) {
        for (int64_t j = 0; j < n; ++j) s[j] = s[j] * scale + mask[j * maskStride];
    } else {
#pragma omp simd
        for (int64_t j = 0; j < n; ++j) s[j] = s[j] * scale;
    }
    for (int64_t j = limit; j < n; ++j) s[j] = ninf;
    // The max only steadies exp; a NaN score turns the whole row NaN through exp anyway (as torch).
    float m = ninf;
#pragma omp simd reduction(max : m)
    for (int64_t j = 0; j < n; ++j) m = std::max(m, s[j]);
    if (std::isinf(m) && m < 0) m = 0.0f;  // all masked: exp(-inf) sums to 0 and the row is NaN, as torch
    float sum = 0.0f;
#pragma omp simd reduction(+ : sum)
    for (int64_t j = 0; j < n; ++j) {
        const float e = expf(s[j] - m);
        s[j] = e;
        sum += e;
    }
    const float inv = 1.0f / sum;
#pragma omp simd
    for (int64_t j = 0; j < n; ++j) s[j] *= inv;
}

// Runs body(n, scratchA, scratchB) for every slice n (scratch vectors per thread), across threads
// when `work` is large enough.
template <class Body>
void forSlices(int64_t count, int64_t work, Body&& body) {
    parallelChunks(count, work, [&](int64_t b, int64_t e) {
        thread_local std::vector<float> scratchA, scratchB;
        for (int64_t n = b; n < e; ++n) body(n, scratchA, scratchB);
    });
}

}  // namespace

void attention(const Tensor& q, const Tensor& k, const Tensor& v, const Tensor& mask, bool causal, float scale,
               const Tensor& dropMask, Tensor& probs, Tensor& weights, Tensor& out) {
    const int64_t count = batchCount(q);
    const int64_t Tq = q.size(-2), d = q.size(-1), Tk = k.size(-2), dv = v.size(-1);
    if (count == 0 || Tq == 0) return;
    const Slices qs(q), ks(k), vs(v), os(out);
    const bool hasMask = mask.defined();
    const Slices ms(hasMask ? mask : probs);
    const bool dropout = dropMask.defined();
    float* pp = probs.data();
    float* wp = weights.data();
    const float* dmp = dropout ? dropMask.data() : nullptr;
    const int64_t slice = Tq * Tk;
    forSlices(count, count * slice * (2 * d + 2 * dv + 16), [&](int64_t n, std::vector<float>& scratch, std::vector<float>&) {
        const Mat O = os.at(n);
        float* P = pp + n * slice;
        if (Tk == 0) {  // no keys: every output row is the empty sum
            for (int64_t i = 0; i < Tq; ++i)
                for (int64_t j = 0; j < dv; ++j) O.p[i * O.rs + j * O.cs] = 0.0f;
            return;
        }
        Eigen::Map<RowMat> S(P, Tq, Tk);
        withMap(qs.at(n), [&](const auto& Q) { withMap(ks.at(n), [&](const auto& K) { S.noalias() = Q * K.transpose(); }); });
        const Mat M = ms.at(n);
        for (int64_t i = 0; i < Tq; ++i)
            softmaxScores(P + i * Tk, Tk, scale, hasMask ? M.p + i * M.rs : nullptr, M.cs, causal ? std::min(i + 1, Tk) : Tk);
        float* W = P;
        if (dropout) {
            W = wp + n * slice;
            const float* D = dmp + n * slice;
#pragma omp simd
            for (int64_t j = 0; j < slice; ++j) W[j] = P[j] * D[j];
        }
        Eigen::Map<const RowMat> Wm(W, Tq, Tk);
        withMap(vs.at(n), [&](const auto& V) { assignTo(O, Wm * V, scratch); });
    });
}

void attentionBackward(const Tensor& q, const Tensor& k, const Tensor& v, const Tensor& probs, const Tensor& weights,
                       const Tensor& dropMask, float scale, const Tensor& dout, const Tensor& dweights, Tensor* dq,
                       Tensor* dk, Tensor* dv) {
    const int64_t count = batchCount(q);
    const int64_t Tq = q.size(-2), d = q.size(-1), Tk = k.size(-2), dvn = v.size(-1);
    if (count == 0) return;
    const Slices qs(q), ks(k), vs(v);
    const bool hasOut = dout.defined(), hasW = dweights.defined();
    const Slices gos(hasOut ? dout : probs), gws(hasW ? dweights : probs);
    const Slices dqs(dq ? *dq : probs), dks(dk ? *dk : probs), dvs(dv ? *dv : probs);
    const float* pp = probs.data();
    const float* wp = weights.data();
    const float* dmp = dropMask.defined() ? dropMask.data() : nullptr;
    const int64_t slice = Tq * Tk;
    forSlices(count, count * slice * (4 * d + 4 * dvn + 16), [&](int64_t n, std::vector<float>& scratch,
                                                                  std::vector<float>& G) {
        const float* P = pp + n * slice;
        const float* W = wp + n * slice;
        Eigen::Map<const RowMat> Wm(W, Tq, Tk);
        if (Tk == 0 || Tq == 0) {
            // Nothing to multiply: the gradients of the empty side are empty, the others zero.
            auto zero = [](const Mat& m) {
                for (int64_t i = 0; i < m.rows; ++i)
                    for (int64_t j = 0; j < m.cols; ++j) m.p[i * m.rs + j * m.cs] = 0.0f;
            };
            if (dq) zero(dqs.at(n));
            if (dk) zero(dks.at(n));
            if (dv) zero(dvs.at(n));
            return;
        }
        // G = d loss / d weights: dout v^T plus the gradient reaching the weights directly.
        G.resize(std::size_t(slice));
        Eigen::Map<RowMat> Gm(G.data(), Tq, Tk);
        if (hasOut) {
            const Mat GO = gos.at(n);
            withMap(GO, [&](const auto& dO) { withMap(vs.at(n), [&](const auto& V) { Gm.noalias() = dO * V.transpose(); }); });
            if (dv) withMap(GO, [&](const auto& dO) { assignTo(dvs.at(n), Wm.transpose() * dO, scratch); });
        } else {
            Gm.setZero();
            if (dv) {
                const Mat DV = dvs.at(n);
                for (int64_t i = 0; i < DV.rows; ++i)
                    for (int64_t j = 0; j < DV.cols; ++j) DV.p[i * DV.rs + j * DV.cs] = 0.0f;
            }
        }
        if (hasW) {
            const Mat GW = gws.at(n);
            for (int64_t i = 0; i < Tq; ++i)
                for (int64_t j = 0; j < Tk; ++j) G[std::size_t(i * Tk + j)] += GW.p[i * GW.rs + j * GW.cs];
        }
        if (!dq && !dk) return;
        if (dmp) {
            const float* D = dmp + n * slice;
#pragma omp simd
            for (int64_t j = 0; j < slice; ++j) G[std::size_t(j)] *= D[j];
        }
        // Softmax backward, with the score scale folded in: dS = scale * P (G - rowsum(G P)).
        for (int64_t i = 0; i < Tq; ++i) {
            float* g = G.data() + i * Tk;
            const float* p = P + i * Tk;
            float s = 0.0f;
#pragma omp simd reduction(+ : s)
            for (int64_t j = 0; j < Tk; ++j) s += g[j] * p[j];
#pragma omp simd
            for (int64_t j = 0; j < Tk; ++j) g[j] = scale * (p[j] * (g[j] - s));
        }
        if (dq) withMap(ks.at(n), [&](const auto& K) { assignTo(dqs.at(n), Gm * K, scratch); });
        if (dk) withMap(qs.at(n), [&](const auto& Q) { assignTo(dks.at(n), Gm.transpose() * Q, scratch); });
    });
}

}  // namespace gradlab::cpu
