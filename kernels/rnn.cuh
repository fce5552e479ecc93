// The fused recurrent cells on CUDA (formulas: kernels/rnn_math.h, shared with the CPU): one thread
// per element (row, unit) forward and backward; a bias gradient is one thread per column summing
// the rows in order, as the CPU does. Arguments as in engine/ops/backend_decls.inc; gi, gh: (B, G H),
// bi, bh: (G H) or null, states (B, H).
#pragma once

#include <cuda_runtime.h>
#include <stdint.h>

namespace gradlab::kernels {

// h (B, H) = act((gh + bh) + (gi + bi)).
cudaError_t launchRnnCell(const float* gi, const float* gh, const float* bi, const float* bh, int64_t B, int64_t H,
                          bool relu, float* h, cudaStream_t stream);
// da (B, H); dbias (H) or null.
cudaError_t launchRnnCellBackward(const float* h, const float* dh, int64_t B, int64_t H, bool relu, float* da,
                                  float* dbias, cudaStream_t stream);
// out (2, B, H) = [h; c]; gates (B, 4H).
cudaError_t launchLstmCell(const float* gi, const float* gh, const float* bi, const float* bh, const float* cPrev,
                           int64_t B, int64_t H, float* out, float* gates, cudaStream_t stream);
// dout (2, B, H); da (B, 4H); dcPrev (B, H) or null; dbias (4H) or null.
cudaError_t launchLstmCellBackward(const float* gates, const float* cPrev, const float* out, const float* dout,
                                   int64_t B, int64_t H, float* da, float* dcPrev, float* dbias, cudaStream_t stream);
// h (B, H); ws (B, 4H).
cudaError_t launchGruCell(const float* gi, const float* gh, const float* bi, const float* bh, const float* hPrev,
                          int64_t B, int64_t H, float* h, float* ws, cudaStream_t stream);
// dgi, dgh (B, 3H); dhPrev (B, H), dbi, dbh (3H) or null.
cudaError_t launchGruCellBackward(const float* ws, const float* hPrev, const float* dh, int64_t B, int64_t H,
                                  float* dgi, float* dgh, float* dhPrev, float* dbi, float* dbh, cudaStream_t stream);

}  // namespace gradlab::kernels
