// Recurrent layers: torch's parameter layout and initialisation, and the forward through time,
// layer after layer, on the fused cells.
#include "engine/nn/rnn.h"

#include <cmath>

#include "engine/core/error.h"
#include "engine/init/init.h"
#include "engine/ops/ops.h"
#include "engine/ops/rnn_ops.h"

namespace gradlab {

namespace {

const char* modeName(RecurrentMode m) {
    switch (m) {
        case RecurrentMode::RnnTanh:
        case RecurrentMode::RnnRelu: return "RNN";
        case RecurrentMode::Lstm: return "LSTM";
        case RecurrentMode::Gru: return "GRU";
    }
    return "RNN";
}

RecurrentMode rnnMode(const std::string& nonlinearity) {
    GL_CHECK(nonlinearity == "tanh" || nonlinearity == "relu", "RNN: unknown nonlinearity '", nonlinearity,
             "' (tanh or relu)");
    return nonlinearity == "relu" ? RecurrentMode::RnnRelu : RecurrentMode::RnnTanh;
}

}  // namespace

RecurrentBase::RecurrentBase(RecurrentMode mode, int64_t inputSize, int64_t hiddenSize, Generator& gen,
                             const RecurrentOptions& o)
    : m_mode(mode), m_in(inputSize), m_hidden(hiddenSize), m_batchFirst(o.batchFirst) {
    const char* name = modeName(mode);
    GL_CHECK(inputSize >= 0, name, ": input_size must be non-negative, got ", inputSize);
    GL_CHECK(hiddenSize > 0, name, ": hidden_size must be greater than zero, got ", hiddenSize);
    GL_CHECK(o.numLayers > 0, name, ": num_layers must be greater than zero, got ", o.numLayers);
    const int64_t gh = gateCount() * hiddenSize;
    for (int64_t k = 0; k < o.numLayers; ++k) {
        const std::string s = "_l" + std::to_string(k);
        Layer l;
        l.wih = registerParameter("weight_ih" + s, empty({gh, k == 0 ? inputSize : hiddenSize}));
        l.whh = registerParameter("weight_hh" + s, empty({gh, hiddenSize}));
        if (o.bias) {
            l.bih = registerParameter("bias_ih" + s, empty({gh}));
            l.bhh = registerParameter("bias_hh" + s, empty({gh}));
        }
        m_layers.push_back(l);
    }
    // torch's reset_parameters: every parameter, in registration order, from one stream.
    const double bound = 1.0 / std::sqrt(double(hiddenSize));
    for (Tensor& p : parameters()) init::uniform_(p, gen, -bound, bound);
}

int64_t RecurrentBase::gateCount() const {
    switch (m_mode) {
        case RecurrentMode::Lstm: return 4;
        case RecurrentMode::Gru: return 3;
        default: return 1;
    }
}

Tensor RecurrentBase::forward(const Tensor& x) { return forward(x, Tensor()).output; }

RecurrentResult RecurrentBase::forward(const Tensor& x, const Tensor& h0, const Tensor& c0,
                                       const RecurrentTrace& trace) {
    const char* name = modeName(m_mode);
    const int64_t L = numLayers(), H = m_hidden;
    GL_CHECK(x.defined() && (x.dim() == 2 || x.dim() == 3) && x.size(-1) == m_in, name, ": expected an input of shape ",
             m_batchFirst ? "(B, T, " : "(T, B, ", m_in, ") or (T, ", m_in, "), got ",
             x.defined() ? shapeStr(x.shape()) : std::string("undefined"));
    const bool batched = x.dim() == 3;
    const Tensor seq = !batched ? x.unsqueeze(1) : m_batchFirst ? x.transpose(0, 1) : x;  // (T, B, in)
    const int64_t T = seq.size(0), B = seq.size(1);
    GL_CHECK(T > 0, name, ": the input sequence is empty (shape ", shapeStr(x.shape()), ")");
    const Device dev = x.device();
    GL_CHECK(dev == device(), name, ": the input is on ", deviceName(dev), ", the parameters on ",
             deviceName(device()));
    const bool lstm = m_mode == RecurrentMode::Lstm;
    GL_CHECK(lstm || !c0.defined(), name, ": only an LSTM has a cell state c0");
    GL_CHECK(!lstm || h0.defined() == c0.defined(), name, ": give both h0 and c0, or neither");
    // A state as (L, B, H); undefined stays undefined (zeros).
    auto state = [&](const Tensor& s, const char* what) {
        if (!s.defined()) return Tensor();
        const Shape want = batched ? Shape{L, B, H} : Shape{L, H};
        GL_CHECK(s.shape() == want, name, ": expected ", what, " of shape ", shapeStr(want), ", got ",
                 shapeStr(s.shape()));
        GL_CHECK(s.device() == dev, name, ": ", what, " is on ", deviceName(s.device()), ", the input on ",
                 deviceName(dev));
        return batched ? s : s.unsqueeze(1);
    };
    const Tensor hs = state(h0, "h0"), cs = state(c0, "c0");

    RecurrentResult r;
    std::vector<Tensor> lastH, lastC, steps(static_cast<std::size_t>(T));
    Tensor in = seq;
    for (int64_t k = 0; k < L; ++k) {
        const Layer& p = m_layers[std::size_t(k)];
        Tensor h = hs.defined() ? hs.select(0, k) : zeros({B, H}, dev);
        Tensor c = !lstm ? Tensor() : cs.defined() ? cs.select(0, k) : zeros({B, H}, dev);
        const Tensor gi = matmul(in, p.wih.t());  // (T, B, G H): every step's x_t W_ih^T at once
        const Tensor whh = p.whh.t();
        if (trace.gates && gateCount() > 1) r.gates.emplace_back();
        for (int64_t t = 0; t < T; ++t) {
            const Tensor git = gi.select(0, t), ght = matmul(h, whh);
            switch (m_mode) {
                case RecurrentMode::RnnTanh:
                case RecurrentMode::RnnRelu:
                    h = rnnCell(git, ght, p.bih, p.bhh, m_mode == RecurrentMode::RnnRelu);
                    break;
                case RecurrentMode::Lstm: {
                    LstmCellResult s = lstmCell(git, ght, c, p.bih, p.bhh);
                    h = s.h;
                    c = s.c;
                    if (trace.gates) r.gates.back().push_back(s.gates);
                    break;
                }
                case RecurrentMode::Gru: {
                    GruCellResult s = gruCell(git, ght, h, p.bih, p.bhh);
                    h = s.h;
                    if (trace.gates) r.gates.back().push_back(s.gates);
                    break;
                }
            }
            if (trace.retainGrad && h.requiresGrad()) h.retainGrad();
            steps[std::size_t(t)] = h;
        }
        in = stack(steps, 0);  // (T, B, H): the next layer's input
        lastH.push_back(h);
        if (lstm) lastC.push_back(c);
        if (trace.hidden || trace.retainGrad) r.hidden.push_back(steps);
    }
    r.output = !batched ? in.squeeze(1) : m_batchFirst ? in.transpose(0, 1) : in;
    r.h = stack(lastH, 0);
    if (lstm) r.c = stack(lastC, 0);
    if (!batched) {
        r.h = r.h.squeeze(1);
        if (lstm) r.c = r.c.squeeze(1);
    }
    return r;
}

RNN::RNN(int64_t inputSize, int64_t hiddenSize, Generator& gen, const RecurrentOptions& o,
         const std::string& nonlinearity)
    : RecurrentBase(rnnMode(nonlinearity), inputSize, hiddenSize, gen, o) {}

LSTM::LSTM(int64_t inputSize, int64_t hiddenSize, Generator& gen, const RecurrentOptions& o)
    : RecurrentBase(RecurrentMode::Lstm, inputSize, hiddenSize, gen, o) {}

GRU::GRU(int64_t inputSize, int64_t hiddenSize, Generator& gen, const RecurrentOptions& o)
    : RecurrentBase(RecurrentMode::Gru, inputSize, hiddenSize, gen, o) {}

}  // namespace gradlab
