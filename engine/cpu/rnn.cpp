// CPU recurrent cells: the per-element formulas of kernels/rnn_math.h (shared with CUDA) in loops
// over the rows, split across threads when a step is large enough, that GCC vectorises along the
// units with libmvec's expf/tanhf. Bias gradients are the row sums, added in row order (as the
// CUDA kernels add them).
#include <algorithm>

#include "engine/cpu/parallel.h"
#include "engine/cpu/vector_math.h"
#include "engine/ops/backend.h"
#include "kernels/rnn_math.h"

namespace gradlab::cpu {
namespace {

namespace rm = ::gradlab::rnn_math;

// The work of one element (a handful of exp/tanh) in units of a cheap elementwise op. Measured
// on 2 cores with the rnn lesson (three cells, batch 64, T 50): at hidden 64 one thread is faster
// (77 against 55 steps/s: a fork and join per cell and time step cost more than they save), at
// hidden 128 two are (21 against 17); with 12 the cells go parallel from 64 x 86 units on.
constexpr int64_t kCellWork = 12;

// f(b, j) for every row b < B and unit j < H.
template <class F>
void forEachUnit(int64_t B, int64_t H, F&& f) {
    parallelChunks(B, B * H * kCellWork, [&](int64_t b0, int64_t b1) {
        for (int64_t b = b0; b < b1; ++b) {
#pragma omp simd
            for (int64_t j = 0; j < H; ++j) f(b, j);
        }
    });
}

// out (n) = the sum of x's rows (rows, n) when out is defined.
void rowSums(const float* x, int64_t rows, int64_t n, Tensor& out) {
    if (!out.defined()) return;
    float* o = out.data();
    std::fill(o, o + n, 0.0f);
    for (int64_t r = 0; r < rows; ++r) {
#pragma omp simd
        for (int64_t k = 0; k < n; ++k) o[k] += x[r * n + k];
    }
}

float* dataOrNull(const Tensor& t) { return t.defined() ? t.data() : nullptr; }

}  // namespace

void rnnCell(const Tensor& gi, const Tensor& gh, const Tensor& bi, const Tensor& bh, bool relu, Tensor& h) {
    const int64_t B = gi.size(0), H = gi.size(1);
    const float *pi = gi.data(), *ph = gh.data(), *pbi = dataOrNull(bi), *pbh = dataOrNull(bh);
    float* ph2 = h.data();
    forEachUnit(B, H, [&](int64_t b, int64_t j) { rm::rnnCellAt(b, j, H, pi, ph, pbi, pbh, relu, ph2); });
}

void rnnCellBackward(const Tensor& h, const Tensor& dh, bool relu, Tensor& da, Tensor& dbias) {
    const int64_t B = h.size(0), H = h.size(1);
    const float *ph = h.data(), *pd = dh.data();
    float* pa = da.data();
    forEachUnit(B, H, [&](int64_t b, int64_t j) { rm::rnnCellBackwardAt(b, j, H, ph, pd, relu, pa); });
    rowSums(pa, B, H, dbias);
}

void lstmCell(const Tensor& gi, const Tensor& gh, const Tensor& bi, const Tensor& bh, const Tensor& cPrev, Tensor& out,
              Tensor& gates) {
    const int64_t B = cPrev.size(0), H = cPrev.size(1);
    const float *pi = gi.data(), *ph = gh.data(), *pbi = dataOrNull(bi), *pbh = dataOrNull(bh), *pc = cPrev.data();
    float *hy = out.data(), *cy = hy + B * H, *pg = gates.data();
    forEachUnit(B, H, [&](int64_t b, int64_t j) { rm::lstmCellAt(b, j, H, pi, ph, pbi, pbh, pc, hy, cy, pg); });
}

void lstmCellBackward(const Tensor& gates, const Tensor& cPrev, const Tensor& out, const Tensor& dout, Tensor& da,
                      Tensor& dcPrev, Tensor& dbias) {
    const int64_t B = cPrev.size(0), H = cPrev.size(1);
    const float *pg = gates.data(), *pc = cPrev.data(), *c = out.data() + B * H, *dh = dout.data(), *dc = dh + B * H;
    float *pa = da.data(), *pdc = dataOrNull(dcPrev);
    forEachUnit(B, H, [&](int64_t b, int64_t j) { rm::lstmCellBackwardAt(b, j, H, pg, pc, c, dh, dc, pa, pdc); });
    rowSums(pa, B, 4 * H, dbias);
}

void gruCell(const Tensor& gi, const Tensor& gh, const Tensor& bi, const Tensor& bh, const Tensor& hPrev, Tensor& h,
             Tensor& ws) {
    const int64_t B = hPrev.size(0), H = hPrev.size(1);
    const float *pi = gi.data(), *ph = gh.data(), *pbi = dataOrNull(bi), *pbh = dataOrNull(bh), *pp = hPrev.data();
    float *hy = h.data(), *pw = ws.data();
    forEachUnit(B, H, [&](int64_t b, int64_t j) { rm::gruCellAt(b, j, H, pi, ph, pbi, pbh, pp, hy, pw); });
}

void gruCellBackward(const Tensor& ws, const Tensor& hPrev, const Tensor& dh, Tensor& dgi, Tensor& dgh, Tensor& dhPrev,
                     Tensor& dbi, Tensor& dbh) {
    const int64_t B = hPrev.size(0), H = hPrev.size(1);
    const float *pw = ws.data(), *pp = hPrev.data(), *pd = dh.data();
    float *pi = dgi.data(), *ph = dgh.data(), *pdh = dataOrNull(dhPrev);
    forEachUnit(B, H, [&](int64_t b, int64_t j) { rm::gruCellBackwardAt(b, j, H, pw, pp, pd, pi, ph, pdh); });
    rowSums(pi, B, 3 * H, dbi);
    rowSums(ph, B, 3 * H, dbh);
}

}  // namespace gradlab::cpu
