// The fused cells of recurrent networks: one time step's gate math (torch.nn.RNN, LSTM and GRU,
// PyTorch 1.13's formulas) in one kernel forward and one backward, given the two matrix products
// of the step's gates, gi = x W_ih^T and gh = h W_hh^T, without biases: the cell adds b_ih and b_hh
// (either may be undefined: no bias). Like torch's _thnn_fused_lstm_cell and _thnn_fused_gru_cell.
// Gates are laid out in torch's order along the last dim; every input gets its gradient.
#pragma once

#include "engine/tensor/tensor.h"

namespace gradlab {

// gi, gh: (B, H); bi, bh: (H) or undefined -> h (B, H) = act((gh + bh) + (gi + bi)), act = tanh,
// or relu when `relu`.
Tensor rnnCell(const Tensor& gi, const Tensor& gh, const Tensor& bi = Tensor(), const Tensor& bh = Tensor(),
               bool relu = false);

struct LstmCellResult {
    Tensor h, c;   // (B, H) each: two views of the op's one (2, B, H) result
    Tensor gates;  // (B, 4H): the activated gates i, f, g, o (detached: for drawing)
};
// gi, gh: (B, 4H) (gates i, f, g, o); cPrev: (B, H); bi, bh: (4H) or undefined.
// a = (gh + bh) + (gi + bi); i, f, o = sigmoid(a_i, a_f, a_o), g = tanh(a_g);
// c = f cPrev + i g, h = o tanh(c).
LstmCellResult lstmCell(const Tensor& gi, const Tensor& gh, const Tensor& cPrev, const Tensor& bi = Tensor(),
                        const Tensor& bh = Tensor());

struct GruCellResult {
    Tensor h;      // (B, H)
    Tensor gates;  // (B, 3H): the activated gates r, z, n (detached: for drawing)
};
// gi, gh: (B, 3H) (gates r, z, n); hPrev: (B, H); bi, bh: (3H) or undefined.
// r = sigmoid(a_r), z = sigmoid(a_z) with a = (gh + bh) + (gi + bi);
// n = tanh((gi_n + bi_n) + r (gh_n + bh_n)), h = (1 - z) n + z hPrev.
GruCellResult gruCell(const Tensor& gi, const Tensor& gh, const Tensor& hPrev, const Tensor& bi = Tensor(),
                      const Tensor& bh = Tensor());

}  // namespace gradlab
