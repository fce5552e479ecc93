// CPU batch normalisation: per-channel batch statistics (sums in double, two passes, as PyTorch's
// CPU kernel), the affine normalisation y = x alpha + beta, and the fused backward formula.
#include <cmath>

#include "engine/cpu/parallel.h"
#include "engine/ops/backend.h"

namespace gradlab::cpu {
namespace {

// Calls f(row) for the S values of channel ch in each of the n images of x (N, C, S).
template <class F>
inline void forRows(const float* base, int64_t n, int64_t c, int64_t s, int64_t ch, F&& f) {
    for (int64_t i = 0; i < n; ++i) f(base + (i * c + ch) * s, i);
}

}  // namespace

void batchNormStats(const Tensor& x, int64_t n, int64_t c, int64_t s, double eps, double momentum, Tensor& mean,
                    Tensor& invstd, Tensor& runningMean, Tensor& runningVar) {
    const float* xp = x.data();
    float* mp = mean.data();
    float* ip = invstd.data();
    float* rm = runningMean.defined() ? runningMean.data() : nullptr;
    float* rv = runningVar.defined() ? runningVar.data() : nullptr;
    const int64_t count = n * s;
    parallelChunks(c, 2 * n * c * s, [&](int64_t b, int64_t e) {
        for (int64_t ch = b; ch < e; ++ch) {
            double sum = 0.0;
            forRows(xp, n, c, s, ch, [&](const float* r, int64_t) {
                double acc = 0.0;
#pragma omp simd reduction(+ : acc)
                for (int64_t j = 0; j < s; ++j) acc += double(r[j]);
                sum += acc;
            });
            const double m = sum / double(count);
            double varSum = 0.0;
            forRows(xp, n, c, s, ch, [&](const float* r, int64_t) {
                double acc = 0.0;
#pragma omp simd reduction(+ : acc)
                for (int64_t j = 0; j < s; ++j) acc += (double(r[j]) - m) * (double(r[j]) - m);
                varSum += acc;
            });
            const double var = varSum / double(count);
            mp[ch] = float(m);
            ip[ch] = var == 0.0 && eps == 0.0 ? 0.0f : float(1.0 / std::sqrt(var + eps));
            if (rm) rm[ch] = float(momentum * m + (1.0 - momentum) * double(rm[ch]));
            if (rv) rv[ch] = float(momentum * (varSum / double(count - 1)) + (1.0 - momentum) * double(rv[ch]));
        }
    });
}

void batchNormApply(const Tensor& x, int64_t n, int64_t c, int64_t s, const Tensor& mean, const Tensor& invstd,
                    const Tensor& weight, const Tensor& bias, Tensor& y) {
    const float* xp = x.data();
    const float* mp = mean.data();
    const float* ip = invstd.data();
    const float* wp = weight.defined() ? weight.data() : nullptr;
    const float* bp = bias.defined() ? bias.data() : nullptr;
    float* yp = y.data();
    parallelChunks(n * c, n * c * s, [&](int64_t b, int64_t e) {
        for (int64_t row = b; row < e; ++row) {
            const int64_t ch = row % c;
            const float alpha = ip[ch] * (wp ? wp[ch] : 1.0f);
            const float beta = (bp ? bp[ch] : 0.0f) - mp[ch] * alpha;
            const float* r = xp + row * s;
            float* o = yp + row * s;
#pragma omp simd
            for (int64_t j = 0; j < s; ++j) o[j] = r[j] * alpha + beta;
        }
    });
}

void batchNormBackward(const Tensor& x, const Tensor& dy, int64_t n, int64_t c, int64_t s, const Tensor& mean,
                       const Tensor& invstd, const Tensor& weight, bool training, Tensor& dx, Tensor& dweight,
                       Tensor& dbias) {
    const float* xp = x.data();
    const float* gp = dy.data();
    const float* mp = mean.data();
    const float* ip = invstd.data();
    const float* wp = weight.defined() ? weight.data() : nullptr;
    float* dxp = dx.defined() ? dx.data() : nullptr;
    float* dwp = dweight.defined() ? dweight.data() : nullptr;
    float* dbp = dbias.defined() ? dbias.data() : nullptr;
    const int64_t count = n * s;
    parallelChunks(c, 3 * n * c * s, [&](int64_t b, int64_t e) {
        for (int64_t ch = b; ch < e; ++ch) {
            const float m = mp[ch], is = ip[ch], w = wp ? wp[ch] : 1.0f;
            // sum(dy) and dot((x - mean), dy) over the channel.
            double sum = 0.0, dot = 0.0;
            forRows(xp, n, c, s, ch, [&](const float* r, int64_t i) {
                const float* g = gp + (i * c + ch) * s;
                double a = 0.0, d = 0.0;
#pragma omp simd reduction(+ : a, d)
                for (int64_t j = 0; j < s; ++j) {
                    a += double(g[j]);
                    d += double(r[j] - m) * double(g[j]);
                }
                sum += a;
                dot += d;
            });
            if (dwp) dwp[ch] = float(dot * double(is));
            if (dbp) dbp[ch] = float(sum);
            if (!dxp) continue;
            if (training) {
                // dx = (dy - mean(dy) - (x - mean) k) invstd w, k = dot(x - mean, dy) invstd^2 / count.
                const float k = float(dot) * is * is / float(count);
                const float gradMean = float(sum / double(count));
                forRows(xp, n, c, s, ch, [&](const float* r, int64_t i) {
                    const float* g = gp + (i * c + ch) * s;
                    float* o = dxp + (i * c + ch) * s;
#pragma omp simd
                    for (int64_t j = 0; j < s; ++j) o[j] = (g[j] - gradMean - (r[j] - m) * k) * is * w;
                });
            } else {
                forRows(xp, n, c, s, ch, [&](const float*, int64_t i) {
                    const float* g = gp + (i * c + ch) * s;
                    float* o = dxp + (i * c + ch) * s;
#pragma omp simd
                    for (int64_t j = 0; j < s; ++j) o[j] = g[j] * is * w;
                });
            }
        }
    });
}

}  // namespace gradlab::cpu
