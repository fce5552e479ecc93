// CPU matrix multiply on Eigen's GEMM (blocked, FMA, OpenMP-parallel for large products).
// Operands are mapped in place: a transposed view is a column-major map, so no copy is made.
#include <Eigen/Core>
#include <optional>

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

}  // namespace

void gemm(const Tensor& a, const Tensor& b, Tensor& out, bool accumulate) {
    const int64_t B = a.size(0), M = a.size(1), K = a.size(2), N = b.size(2);
    if (M == 0 || N == 0 || B == 0) return;
    const auto& as = a.strides();
    const auto& bs = b.strides();
    const float* ap = a.data();
    const float* bp = b.data();
    float* cp = out.data();
    // Batches split across threads once the products are worth it (a multiply-add is half the
    // work of an elementwise op); a single product is parallelised by Eigen itself when large.
    if (B == 1) {
        std::optional<SerialEigen> serial;
        if (2.0 * double(M) * double(N) * double(K) < kEigenParallelFlops) serial.emplace();
        gemmOne(ap, as[1], as[2], bp, bs[1], bs[2], cp, M, K, N, accumulate);
        return;
    }
    parallelChunks(B, 2 * B * M * N * K, [&](int64_t b0, int64_t b1) {
        for (int64_t i = b0; i < b1; ++i)
            gemmOne(ap + i * as[0], as[1], as[2], bp + i * bs[0], bs[1], bs[2], cp + i * M * N, M, K, N, accumulate);
    });
}

}  // namespace gradlab::cpu
