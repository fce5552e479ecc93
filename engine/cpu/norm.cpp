// CPU layer norm: one fused pass per row for the forward (mean, rstd, normalise, scale, shift) and
// for the backward (PyTorch's formula with the row's two sums), weight and bias gradients summed
// per block of rows and merged in block order (blocks of a fixed size: the same bits with any
// number of threads).
#include <math.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/cpu/parallel.h"
#include "engine/ops/backend.h"

namespace gradlab::cpu {
namespace {

void normRow(const float* __restrict x, float* __restrict y, const float* __restrict w, const float* __restrict b,
             int64_t n, float eps, float& meanOut, float& rstdOut) {
    // Two passes in double: exact enough for any row length, and rows are short.
    double s = 0.0;
#pragma omp simd reduction(+ : s)
    for (int64_t j = 0; j < n; ++j) s += double(x[j]);
    const double meanD = s / double(n);
    double ss = 0.0;
#pragma omp simd reduction(+ : ss)
    for (int64_t j = 0; j < n; ++j) {
        const double c = double(x[j]) - meanD;
        ss += c * c;
    }
    const float mean = float(meanD);
    const float rstd = 1.0f / std::sqrt(float(ss / double(n)) + eps);
    // PyTorch's form: (x * rstd + (-rstd * mean)) * weight + bias.
    const float shift = -rstd * mean;
    if (w && b) {
#pragma omp simd
        for (int64_t j = 0; j < n; ++j) y[j] = (x[j] * rstd + shift) * w[j] + b[j];
    } else {
        for (int64_t j = 0; j < n; ++j) {
            float v = x[j] * rstd + shift;
            if (w) v *= w[j];
            if (b) v += b[j];
            y[j] = v;
        }
    }
    meanOut = mean;
    rstdOut = rstd;
}

}  // namespace

void layerNorm(const Tensor& x, const Tensor& weight, const Tensor& bias, float eps, Tensor& y, Tensor& mean,
               Tensor& rstd) {
    const int64_t rows = mean.numel();
    const int64_t n = rows == 0 ? 0 : x.numel() / rows;
    if (rows == 0) return;
    const float* xp = x.data();
    const float* wp = weight.defined() ? weight.data() : nullptr;
    const float* bp = bias.defined() ? bias.data() : nullptr;
    float* yp = y.data();
    float* mp = mean.data();
    float* rp = rstd.data();
    parallelChunks(rows, 4 * rows * n, [&](int64_t r0, int64_t r1) {
        for (int64_t r = r0; r < r1; ++r) normRow(xp + r * n, yp + r * n, wp, bp, n, eps, mp[r], rp[r]);
    });
}

void layerNormBackward(const Tensor& x, const Tensor& mean, const Tensor& rstd, const Tensor& weight, const Tensor& dy,
                       Tensor* dx, Tensor* dweight, Tensor* dbias) {
    const int64_t rows = mean.numel();
    const int64_t n = rows == 0 ? (dweight ? dweight->numel() : dbias ? dbias->numel() : 0) : x.numel() / rows;
    const float* xp = x.data();
    const float* mp = mean.data();
    const float* rp = rstd.data();
    const float* wp = weight.defined() ? weight.data() : nullptr;
    const float* gp = dy.data();
    float* dxp = dx ? dx->data() : nullptr;
    const bool wantW = dweight != nullptr, wantB = dbias != nullptr;
    // Sums of dy * xhat (weight) and dy (bias) per block of rows, merged in block order afterwards.
    const int64_t blockRows = std::max<int64_t>(1, kParallelGrain / std::max<int64_t>(n, 1));
    const int64_t blocks = (rows + blockRows - 1) / blockRows;
    std::vector<double> partW(wantW ? std::size_t(blocks * n) : 0), partB(wantB ? std::size_t(blocks * n) : 0);

    auto body = [&](int64_t r0, int64_t r1, double* pw, double* pb) {
        const double invN = 1.0 / double(n);
        for (int64_t r = r0; r < r1; ++r) {
            const float* xr = xp + r * n;
            const float* gr = gp + r * n;
            const float mu = mp[r], a = rp[r];
            if (dxp) {
                // dx = a * dy * w + b * x + c with ds = sum(dy w x), db = sum(dy w) (PyTorch's kernel).
                double ds = 0.0, db = 0.0;
                if (wp) {
#pragma omp simd reduction(+ : ds, db)
                    for (int64_t j = 0; j < n; ++j) {
                        const double gw = double(gr[j]) * double(wp[j]);
                        ds += gw * double(xr[j]);
                        db += gw;
                    }
                } else {
#pragma omp simd reduction(+ : ds, db)
                    for (int64_t j = 0; j < n; ++j) {
                        ds += double(gr[j]) * double(xr[j]);
                        db += double(gr[j]);
                    }
                }
                const double aD = double(a);
                const float b = float((db * double(mu) - ds) * aD * aD * aD * invN);
                const float c = float(-double(b) * double(mu) - db * aD * invN);
                float* dr = dxp + r * n;
                if (wp) {
#pragma omp simd
                    for (int64_t j = 0; j < n; ++j) dr[j] = a * gr[j] * wp[j] + b * xr[j] + c;
                } else {
#pragma omp simd
                    for (int64_t j = 0; j < n; ++j) dr[j] = a * gr[j] + b * xr[j] + c;
                }
            }
            if (pw) {
#pragma omp simd
                for (int64_t j = 0; j < n; ++j) pw[j] += double(gr[j]) * (double(xr[j] - mu) * double(a));
            }
            if (pb) {
#pragma omp simd
                for (int64_t j = 0; j < n; ++j) pb[j] += double(gr[j]);
            }
        }
    };
    auto slot = [&](std::vector<double>& v, int64_t t) { return v.empty() ? nullptr : v.data() + t * n; };
    forPieces(blocks, 12.0 * double(rows) * double(n), [&](int64_t k) {
        body(k * blockRows, std::min(rows, (k + 1) * blockRows), slot(partW, k), slot(partB, k));
    });
    auto merge = [&](const std::vector<double>& part, Tensor* out) {
        float* op = out->data();
        for (int64_t j = 0; j < n; ++j) {
            double s = 0.0;
            for (int64_t k = 0; k < blocks; ++k) s += part[std::size_t(k * n + j)];
            op[j] = float(s);
        }
    };
    if (wantW) merge(partW, dweight);
    if (wantB) merge(partB, dbias);
}

}  // namespace gradlab::cpu
