// CPU matrix multiply on Eigen's GEMM (blocked, FMA). Large products are cut into pieces of rows
// that depend on the shapes alone, each computed by Eigen on one thread, in parallel: a result is
// the same bits with any number of threads (Eigen's own parallel product blocked its sums by the
// thread count, so the GUI's worker, which leaves a core to the interface, a sweep's runs and
// gradlab-cli computed slightly different numbers from the same seed).
// Operands are mapped in place: a transposed view is a column-major map, so no copy is made.
#include <Eigen/Core>
#include <algorithm>

#include "engine/core/error.h"
#include "engine/cpu/parallel.h"
#include "engine/ops/backend.h"

namespace gradlab::cpu {
namespace {

using RowMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ColMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;
using Stride = Eigen::OuterStride<>;

// Calls f(eigenMatrixExpression) for a (rows, cols) matrix at p with strides (rs, cs).
template <class F>
void withMatrix(const float* p, int64_t rows, int64_t cols, int64_t rs, int64_t cs, F&& f) {
    if (cs == 1 || cols == 1) {
        f(Eigen::Map<const RowMat, 0, Stride>(p, rows, cols, Stride(rows == 1 ? cols : rs)));
    } else if (rs == 1 || rows == 1) {
        f(Eigen::Map<const ColMat, 0, Stride>(p, rows, cols, Stride(cols == 1 ? rows : cs)));
    } else {
        f(Eigen::Map<const RowMat, 0, Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>>(
            p, rows, cols, Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>(rs, cs)));
    }
}

void gemmOne(const float* a, int64_t ars, int64_t acs, const float* b, int64_t brs, int64_t bcs, float* c, int64_t M,
             int64_t K, int64_t N, bool accumulate) {
    Eigen::Map<RowMat> C(c, M, N);
    if (K == 0) {
        if (!accumulate) C.setZero();
        return;
    }
    withMatrix(a, M, K, ars, acs, [&](const auto& A) {
        withMatrix(b, K, N, brs, bcs, [&](const auto& B) {
            if (accumulate)
                C.noalias() += A * B;
            else
                C.noalias() = A * B;
        });
    });
}

// Rows of C per piece: a multiple of 32 holding about 2 Mflop, all rows of a small product.
int64_t rowsPerPiece(int64_t M, int64_t K, int64_t N) {
    constexpr int64_t kRows = 32;
    constexpr double kPieceFlops = 2.0e6;
    const double perRow = std::max(2.0 * double(K) * double(N), 1.0);
    const int64_t rows = (int64_t(kPieceFlops / perRow) + kRows) / kRows * kRows;
    return std::clamp<int64_t>(rows, 1, M);
}

}  // namespace

void gemm(const Tensor& a, const Tensor& b, Tensor& out, bool accumulate) {
    const int64_t B = a.size(0), M = a.size(1), K = a.size(2), N = b.size(2);
    if (M == 0 || N == 0 || B == 0) return;
    const auto& as = a.strides();
    const auto& bs = b.strides();
    const float* ap = a.data();
    const float* bp = b.data();
    float* cp = out.data();
    // Pieces: every product of the batch, cut into blocks of rows.
    const int64_t rows = rowsPerPiece(M, K, N), perProduct = (M + rows - 1) / rows;
    forPieces(B * perProduct, 2.0 * double(B) * double(M) * double(N) * double(K), [&](int64_t piece) {
        const int64_t i = piece / perProduct, r0 = piece % perProduct * rows, r1 = std::min(M, r0 + rows);
        gemmOne(ap + i * as[0] + r0 * as[1], as[1], as[2], bp + i * bs[0], bs[1], bs[2], cp + i * M * N + r0 * N,
                r1 - r0, K, N, accumulate);
    });
}

}  // namespace gradlab::cpu
