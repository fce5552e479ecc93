// The fused recurrent cells (torch.nn.RNN, LSTM and GRU, PyTorch 1.13's formulas and order of
// operations), one element (row b, unit j of H) at a time, forward and backward: the CPU backend's
// loops and the CUDA kernels both call these. A cell gets the two matrix products of its gates
// without biases, gi = x W_ih^T and gh = h W_hh^T, rows of G H in torch's gate order, and adds the
// biases itself; a null bias reads as zero. No engine headers.
#pragma once

#include <stdint.h>

#include "kernels/elementwise_math.h"

namespace gradlab::rnn_math {

using unary_formula::Relu;
using unary_formula::Sigmoid;
using unary_formula::Tanh;

// Gate column k's pre-activation in the row starting at `row`: (h W_hh^T + b_hh) + (x W_ih^T + b_ih),
// added in torch's order.
GL_HD float preact(const float* gi, const float* gh, const float* bi, const float* bh, int64_t row, int64_t k) {
    return (gh[row + k] + (bh ? bh[k] : 0.0f)) + (gi[row + k] + (bi ? bi[k] : 0.0f));
}

// ---- RNN (G = 1): h = act(a), act = tanh or relu
GL_HD void rnnCellAt(int64_t b, int64_t j, int64_t H, const float* gi, const float* gh, const float* bi,
                     const float* bh, bool relu, float* h) {
    const float a = preact(gi, gh, bi, bh, b * H, j);
    h[b * H + j] = relu ? Relu::f(a, 0.0f, 0.0f) : Tanh::f(a, 0.0f, 0.0f);
}

// da = d loss / d a, from h (the forward's output) and dh.
GL_HD void rnnCellBackwardAt(int64_t b, int64_t j, int64_t H, const float* h, const float* dh, bool relu, float* da) {
    const int64_t e = b * H + j;
    da[e] = relu ? Relu::df(0.0f, h[e], dh[e], 0.0f, 0.0f) : Tanh::df(0.0f, h[e], dh[e], 0.0f, 0.0f);
}

// ---- LSTM (G = 4: i, f, g, o): c = f cPrev + i g, h = o tanh(c)
// h, c, cPrev: (B, H); gates: (B, 4H), the activated i, f, g, o that the backward reads.
GL_HD void lstmCellAt(int64_t b, int64_t j, int64_t H, const float* gi, const float* gh, const float* bi,
                      const float* bh, const float* cPrev, float* h, float* c, float* gates) {
    const int64_t row = b * 4 * H, e = b * H + j;
    const float i = Sigmoid::f(preact(gi, gh, bi, bh, row, j), 0.0f, 0.0f);
    const float f = Sigmoid::f(preact(gi, gh, bi, bh, row, H + j), 0.0f, 0.0f);
    const float g = Tanh::f(preact(gi, gh, bi, bh, row, 2 * H + j), 0.0f, 0.0f);
    const float o = Sigmoid::f(preact(gi, gh, bi, bh, row, 3 * H + j), 0.0f, 0.0f);
    const float cy = f * cPrev[e] + i * g;
    c[e] = cy;
    h[e] = o * tanhf(cy);
    gates[row + j] = i;
    gates[row + H + j] = f;
    gates[row + 2 * H + j] = g;
    gates[row + 3 * H + j] = o;
}

// From dh and dc (the gradients of h and c) to da (B, 4H), the pre-activations' gradient, and
// dcPrev (may be null).
GL_HD void lstmCellBackwardAt(int64_t b, int64_t j, int64_t H, const float* gates, const float* cPrev, const float* c,
                              const float* dh, const float* dc, float* da, float* dcPrev) {
    const int64_t row = b * 4 * H, e = b * H + j;
    const float i = gates[row + j], f = gates[row + H + j], g = gates[row + 2 * H + j], o = gates[row + 3 * H + j];
    const float tc = tanhf(c[e]);
    const float dcy = dc[e] + Tanh::df(0.0f, tc, dh[e] * o, 0.0f, 0.0f);
    da[row + j] = Sigmoid::df(0.0f, i, dcy * g, 0.0f, 0.0f);
    da[row + H + j] = Sigmoid::df(0.0f, f, dcy * cPrev[e], 0.0f, 0.0f);
    da[row + 2 * H + j] = Tanh::df(0.0f, g, dcy * i, 0.0f, 0.0f);
    da[row + 3 * H + j] = Sigmoid::df(0.0f, o, dh[e] * tc, 0.0f, 0.0f);
    if (dcPrev) dcPrev[e] = dcy * f;
}

// ---- GRU (G = 3: r, z, n): n = tanh(a_n^x + r a_n^h), h = (hPrev - n) z + n
// with a_n^x = x W_in^T + b_in and a_n^h = h W_hn^T + b_hn. h, hPrev: (B, H); ws: (B, 4H), the
// activated r, z, n and a_n^h that the backward reads.
GL_HD void gruCellAt(int64_t b, int64_t j, int64_t H, const float* gi, const float* gh, const float* bi,
                     const float* bh, const float* hPrev, float* h, float* ws) {
    const int64_t row = b * 3 * H, wrow = b * 4 * H, e = b * H + j;
    const float r = Sigmoid::f(preact(gi, gh, bi, bh, row, j), 0.0f, 0.0f);
    const float z = Sigmoid::f(preact(gi, gh, bi, bh, row, H + j), 0.0f, 0.0f);
    const float an = gh[row + 2 * H + j] + (bh ? bh[2 * H + j] : 0.0f);
    const float n = Tanh::f((gi[row + 2 * H + j] + (bi ? bi[2 * H + j] : 0.0f)) + an * r, 0.0f, 0.0f);
    h[e] = (hPrev[e] - n) * z + n;
    ws[wrow + j] = r;
    ws[wrow + H + j] = z;
    ws[wrow + 2 * H + j] = n;
    ws[wrow + 3 * H + j] = an;
}

// From dh to dgi and dgh (B, 3H), the gradients of gi + bi and gh + bh, and dhPrev (may be null).
GL_HD void gruCellBackwardAt(int64_t b, int64_t j, int64_t H, const float* ws, const float* hPrev, const float* dh,
                             float* dgi, float* dgh, float* dhPrev) {
    const int64_t row = b * 3 * H, wrow = b * 4 * H, e = b * H + j;
    const float r = ws[wrow + j], z = ws[wrow + H + j], n = ws[wrow + 2 * H + j], an = ws[wrow + 3 * H + j];
    const float g = dh[e];
    const float dan = Tanh::df(0.0f, n, g * (1.0f - z), 0.0f, 0.0f);
    const float dar = Sigmoid::df(0.0f, r, dan * an, 0.0f, 0.0f);
    const float daz = Sigmoid::df(0.0f, z, g * (hPrev[e] - n), 0.0f, 0.0f);
    dgi[row + j] = dar;
    dgh[row + j] = dar;
    dgi[row + H + j] = daz;
    dgh[row + H + j] = daz;
    dgi[row + 2 * H + j] = dan;
    dgh[row + 2 * H + j] = dan * r;
    if (dhPrev) dhPrev[e] = g * z;
}

// out[k] = sum over the rows of x (rows, n), in row order (the bias gradients).
GL_HD float columnSum(const float* x, int64_t rows, int64_t n, int64_t k) {
    float s = 0.0f;
    for (int64_t r = 0; r < rows; ++r) s += x[r * n + k];
    return s;
}

}  // namespace gradlab::rnn_math
