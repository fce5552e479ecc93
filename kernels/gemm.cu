// Tiled SGEMM (see gemm.cuh). Block: 256 threads computing a 64 x 64 tile of C; the K dimension
// is walked in slices of 16 staged through shared memory. Thread (tx, ty) of the 16 x 16 grid owns
// rows ty + 16 r and columns tx + 16 c (r, c < 4): neighbouring threads touch neighbouring
// columns, so the stores of C coalesce and the shared-memory reads of B are conflict free.
#include "kernels/gemm.cuh"

namespace gradlab::kernels {
namespace {

constexpr int BM = 64, BN = 64, BK = 16, TM = 4, TN = 4;
constexpr int kGemmThreads = 256;  // (BM / TM) * (BN / TN)

// Stages the ROWS x COLS tile at (row0, col0) of a rows x cols matrix (strides rs, cs), 4 elements
// per thread, zero outside the matrix: store(i, j, value) for every element (i, j) of the tile.
template <int ROWS, int COLS, class Store>
__device__ __forceinline__ void loadTile(const float* m, int64_t row0, int64_t col0, int64_t rows, int64_t cols,
                                         int64_t rs, int64_t cs, int tid, Store store) {
#pragma unroll
    for (int l = 0; l < (ROWS * COLS) / kGemmThreads; ++l) {
        const int idx = tid + l * kGemmThreads;
        const int i = idx / COLS, j = idx % COLS;
        const int64_t gi = row0 + i, gj = col0 + j;
        store(i, j, (gi < rows && gj < cols) ? m[gi * rs + gj * cs] : 0.0f);
    }
}

__global__ void __launch_bounds__(kGemmThreads) sgemmKernel(GemmArgs g, int64_t batchBase) {
    __shared__ float As[BK][BM + 1];  // As[k][i]: +1 breaks bank conflicts of the transposed store
    __shared__ float Bs[BK][BN];
    const int64_t bi = batchBase + blockIdx.z;
    const float* A = g.a + g.batch.offset(0, bi);
    const float* B = g.b + g.batch.offset(1, bi);
    float* C = g.c + g.batch.offset(2, bi);

    const int tid = threadIdx.x;
    const int tx = tid % 16, ty = tid / 16;
    const int64_t row0 = int64_t(blockIdx.y) * BM, col0 = int64_t(blockIdx.x) * BN;

    float acc[TM][TN];
#pragma unroll
    for (int r = 0; r < TM; ++r)
#pragma unroll
        for (int c = 0; c < TN; ++c) acc[r][c] = 0.0f;

    for (int64_t k0 = 0; k0 < g.K; k0 += BK) {
        // A tile (BM x BK, stored transposed) and B tile (BK x BN): 1024 elements each.
        loadTile<BM, BK>(A, row0, k0, g.M, g.K, g.ars, g.acs, tid, [&](int r, int k, float v) { As[k][r] = v; });
        loadTile<BK, BN>(B, k0, col0, g.K, g.N, g.brs, g.bcs, tid, [&](int k, int c, float v) { Bs[k][c] = v; });
        __syncthreads();
#pragma unroll
        for (int k = 0; k < BK; ++k) {
            float a[TM], b[TN];
#pragma unroll
            for (int r = 0; r < TM; ++r) a[r] = As[k][ty + 16 * r];
#pragma unroll
            for (int c = 0; c < TN; ++c) b[c] = Bs[k][tx + 16 * c];
#pragma unroll
            for (int r = 0; r < TM; ++r)
#pragma unroll
                for (int c = 0; c < TN; ++c) acc[r][c] = fmaf(a[r], b[c], acc[r][c]);
        }
        __syncthreads();
    }

#pragma unroll
    for (int r = 0; r < TM; ++r) {
        const int64_t gi = row0 + ty + 16 * r;
        if (gi >= g.M) continue;
#pragma unroll
        for (int c = 0; c < TN; ++c) {
            const int64_t gj = col0 + tx + 16 * c;
            if (gj >= g.N) continue;
            float* dst = C + gi * g.crs + gj * g.ccs;
            *dst = g.beta == 0.0f ? acc[r][c] : acc[r][c] + g.beta * *dst;
        }
    }
}

}  // namespace

cudaError_t launchGemm(const GemmArgs& args, cudaStream_t stream) {
    if (args.M <= 0 || args.N <= 0 || args.batchCount <= 0) return cudaSuccess;
    const int64_t gx = (args.N + BN - 1) / BN, gy = (args.M + BM - 1) / BM;
    if (gy > 65535) return cudaErrorInvalidConfiguration;  // M above 4 million rows
    // grid.z holds at most 65535 batches: larger batch counts take several launches.
    for (int64_t base = 0; base < args.batchCount; base += 65535) {
        const int64_t nz = args.batchCount - base < 65535 ? args.batchCount - base : 65535;
        const dim3 grid{unsigned(gx), unsigned(gy), unsigned(nz)};
        sgemmKernel<<<grid, kGemmThreads, 0, stream>>>(args, base);
        cudaError_t e = cudaGetLastError();
        if (e != cudaSuccess) return e;
    }
    return cudaSuccess;
}

}  // namespace gradlab::kernels
