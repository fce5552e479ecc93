// Recurrent layers: RNN, LSTM and GRU with the semantics, parameter names and layouts of
// torch.nn.RNN / LSTM / GRU (PyTorch 1.13). Layer k has weight_ih_l{k} (G H, in), weight_hh_l{k}
// (G H, H), bias_ih_l{k} and bias_hh_l{k} (G H), with G = 1 (RNN), 4 (LSTM: gates i, f, g, o) or
// 3 (GRU: r, z, n), every one ~ U(-1/sqrt(H), 1/sqrt(H)); a state dict copied from torch gives the
// same results, and ours loads into torch with strict=True.
// Each layer computes the input projection of all time steps as one matmul, then per step one
// matmul h W_hh^T for all gates and one fused cell (engine/ops/rnn_ops.h); backpropagation through
// time is the autograd's, through those nodes.
// Not supported: dropout between layers, bidirectional, the LSTM's proj_size.
#pragma once

#include <string>
#include <vector>

#include "engine/core/rng.h"
#include "engine/nn/module.h"

namespace gradlab {

struct RecurrentOptions {
    int64_t numLayers = 1;
    bool bias = true;
    bool batchFirst = false;  // torch's default: inputs (T, B, in)
};

// What forward keeps besides the output and the final states, for lessons that look inside.
struct RecurrentTrace {
    bool hidden = false;      // RecurrentResult::hidden
    bool retainGrad = false;  // also calls retainGrad() on each h_t: after backward, h_t.grad() is dL/dh_t
    bool gates = false;       // RecurrentResult::gates
};

struct RecurrentResult {
    Tensor output;  // the last layer's h_t for every t: (T, B, H), (B, T, H) with batchFirst, (T, H) unbatched
    Tensor h;       // h_n: every layer's last h, (numLayers, B, H) ((numLayers, H) unbatched)
    Tensor c;       // c_n of an LSTM, like h; undefined for RNN and GRU
    // With RecurrentTrace::hidden (or retainGrad): hidden[k][t] is layer k's h_t, (B, H) (B = 1 for
    // an unbatched input), the graph tensors that the output and the later steps are computed from.
    std::vector<std::vector<Tensor>> hidden;
    // With RecurrentTrace::gates: gates[k][t], layer k's activated gates at step t, detached:
    // (B, 4H) LSTM i, f, g, o; (B, 3H) GRU r, z, n; none for RNN.
    std::vector<std::vector<Tensor>> gates;
};

enum class RecurrentMode { RnnTanh, RnnRelu, Lstm, Gru };

class RecurrentBase : public Module {
public:
    // x: (T, B, inputSize), (B, T, inputSize) with batchFirst, or unbatched (T, inputSize), T >= 1.
    // h0: (numLayers, B, H) ((numLayers, H) unbatched) or undefined (zeros); c0 likewise, LSTM only
    // (then both or neither). Every input may require grad.
    RecurrentResult forward(const Tensor& x, const Tensor& h0, const Tensor& c0 = Tensor(),
                            const RecurrentTrace& trace = {});
    // The output sequence from zero initial states.
    Tensor forward(const Tensor& x) override;

    RecurrentMode mode() const { return m_mode; }
    int64_t inputSize() const { return m_in; }
    int64_t hiddenSize() const { return m_hidden; }
    int64_t numLayers() const { return int64_t(m_layers.size()); }
    bool batchFirst() const { return m_batchFirst; }
    int64_t gateCount() const;  // G: 1, 4 or 3
    const Tensor& weightIh(int64_t layer) const { return m_layers.at(std::size_t(layer)).wih; }
    const Tensor& weightHh(int64_t layer) const { return m_layers.at(std::size_t(layer)).whh; }
    // Undefined without bias.
    const Tensor& biasIh(int64_t layer) const { return m_layers.at(std::size_t(layer)).bih; }
    const Tensor& biasHh(int64_t layer) const { return m_layers.at(std::size_t(layer)).bhh; }

protected:
    RecurrentBase(RecurrentMode mode, int64_t inputSize, int64_t hiddenSize, Generator& gen, const RecurrentOptions& o);

private:
    struct Layer {
        Tensor wih, whh, bih, bhh;  // handles of the registered parameters
    };
    RecurrentMode m_mode;
    int64_t m_in, m_hidden;
    bool m_batchFirst;
    std::vector<Layer> m_layers;
};

// h_t = act(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh), act = tanh or relu.
class RNN : public RecurrentBase {
public:
    // nonlinearity: "tanh" or "relu".
    RNN(int64_t inputSize, int64_t hiddenSize, Generator& gen, const RecurrentOptions& o = {},
        const std::string& nonlinearity = "tanh");
    std::string_view typeName() const override { return "RNN"; }
};

// i, f, g, o = sigmoid, sigmoid, tanh, sigmoid of x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh (split in
// four); c_t = f c_{t-1} + i g, h_t = o tanh(c_t).
class LSTM : public RecurrentBase {
public:
    LSTM(int64_t inputSize, int64_t hiddenSize, Generator& gen, const RecurrentOptions& o = {});
    std::string_view typeName() const override { return "LSTM"; }
};

// r, z = sigmoid(x_t W_i{r,z}^T + b_i{r,z} + h_{t-1} W_h{r,z}^T + b_h{r,z});
// n = tanh(x_t W_in^T + b_in + r (h_{t-1} W_hn^T + b_hn)); h_t = (1 - z) n + z h_{t-1}.
class GRU : public RecurrentBase {
public:
    GRU(int64_t inputSize, int64_t hiddenSize, Generator& gen, const RecurrentOptions& o = {});
    std::string_view typeName() const override { return "GRU"; }
};

}  // namespace gradlab
