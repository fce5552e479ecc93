// The fused recurrent cells (rnn_cell, lstm_cell, gru_cell): checks, one kernel forward, and a
// backward that hands the same pre-activation gradient to gi and gh (they enter the gates as a sum)
// and its row sums to both biases. The forward keeps what the backward reads, as PyTorch's fused
// cells keep their workspace: the LSTM's activated gates, the GRU's r, z, n and gh_n + bh_n.
#include "engine/ops/rnn_ops.h"

#include "engine/ops/op_utils.h"

namespace gradlab {
namespace {

struct CellGeometry {
    int64_t B = 0, H = 0;
    Device dev = Device::CPU;
};

// Checks a cell's arguments: gi and gh (B, G H), the state (B, H) (none for the RNN cell, whose
// H is gi's width) and the biases (G H) or undefined.
CellGeometry checkCell(const char* op, int64_t G, const Tensor& gi, const Tensor& gh, const Tensor* state,
                       const Tensor& bi, const Tensor& bh) {
    CellGeometry c;
    c.dev = state ? detail::commonDevice(op, {&gi, &gh, state}) : detail::commonDevice(op, {&gi, &gh});
    GL_CHECK(gi.dim() == 2, op, ": the input gates must be (batch, ", G, " * hidden), got ", shapeStr(gi.shape()));
    GL_CHECK(gh.shape() == gi.shape(), op, ": the hidden gates have shape ", shapeStr(gh.shape()), ", the input gates ",
             shapeStr(gi.shape()));
    c.B = gi.size(0);
    if (state) {
        GL_CHECK(state->dim() == 2 && state->size(0) == c.B && state->size(1) * G == gi.size(1), op,
                 ": the state has shape ", shapeStr(state->shape()), "; with gates of shape ", shapeStr(gi.shape()),
                 " it must be (", c.B, ", ", gi.size(1) / G, ")");
        c.H = state->size(1);
    } else {
        c.H = gi.size(1);
    }
    for (const Tensor* b : {&bi, &bh}) {
        if (!b->defined()) continue;
        const char* which = b == &bi ? "input bias" : "hidden bias";
        GL_CHECK(b->device() == c.dev, op, ": the ", which, " is on ", deviceName(b->device()), ", the gates on ",
                 deviceName(c.dev));
        GL_CHECK(b->shape() == Shape{G * c.H}, op, ": the ", which, " has shape ", shapeStr(b->shape()), ", expected (",
                 G * c.H, ")");
    }
    return c;
}

Tensor contigOrUndefined(const Tensor& t) { return t.defined() ? detail::contig(t) : Tensor(); }

// The gradient of both biases (the same: both are added to every gate) when either, at slot `first`
// or `first + 1`, needs one.
Tensor biasGrad(const GradSlots& g, std::size_t first, int64_t n, Device dev) {
    return g.needs(first) || g.needs(first + 1) ? empty({n}, dev) : Tensor();
}

}  // namespace

Tensor rnnCell(const Tensor& gi, const Tensor& gh, const Tensor& bi, const Tensor& bh, bool relu) {
    const CellGeometry c = checkCell("rnn_cell", 1, gi, gh, nullptr, bi, bh);
    Tensor h = empty({c.B, c.H}, c.dev);
    GL_DISPATCH(c.dev, rnnCell, detail::contig(gi), detail::contig(gh), contigOrUndefined(bi), contigOrUndefined(bh),
                relu, h);
    return record(OpId::rnn_cell, h, {&gi, &gh, &bi, &bh}, [hs = h.detach(), relu](const Tensor& dy, GradSlots& g) {
        Tensor da = empty(hs.shape(), dy.device()), db = biasGrad(g, 2, hs.size(1), dy.device());
        GL_DISPATCH(dy.device(), rnnCellBackward, hs, detail::contig(dy), relu, da, db);
        g.set(0, da);
        g.set(1, da);
        g.set(2, db);
        g.set(3, db);
    });
}

LstmCellResult lstmCell(const Tensor& gi, const Tensor& gh, const Tensor& cPrev, const Tensor& bi, const Tensor& bh) {
    const CellGeometry c = checkCell("lstm_cell", 4, gi, gh, &cPrev, bi, bh);
    Tensor out = empty({2, c.B, c.H}, c.dev), gates = empty({c.B, 4 * c.H}, c.dev);
    Tensor cp = detail::raw(cPrev);
    GL_DISPATCH(c.dev, lstmCell, detail::contig(gi), detail::contig(gh), contigOrUndefined(bi), contigOrUndefined(bh),
                cp, out, gates);
    Tensor y = record(OpId::lstm_cell, out, {&gi, &gh, &cPrev, &bi, &bh},
                      [gates, cp, outs = out.detach()](const Tensor& dy, GradSlots& g) {
                          const Device dev = dy.device();
                          Tensor da = empty(gates.shape(), dev), db = biasGrad(g, 3, gates.size(1), dev);
                          Tensor dcPrev = g.needs(2) ? empty(cp.shape(), dev) : Tensor();
                          GL_DISPATCH(dev, lstmCellBackward, gates, cp, outs, detail::contig(dy), da, dcPrev, db);
                          g.set(0, da);
                          g.set(1, da);
                          g.set(2, std::move(dcPrev));
                          g.set(3, db);
                          g.set(4, db);
                      });
    return {y.select(0, 0), y.select(0, 1), gates.detach()};
}

GruCellResult gruCell(const Tensor& gi, const Tensor& gh, const Tensor& hPrev, const Tensor& bi, const Tensor& bh) {
    const CellGeometry c = checkCell("gru_cell", 3, gi, gh, &hPrev, bi, bh);
    Tensor h = empty({c.B, c.H}, c.dev), ws = empty({c.B, 4 * c.H}, c.dev);
    Tensor hp = detail::raw(hPrev);
    GL_DISPATCH(c.dev, gruCell, detail::contig(gi), detail::contig(gh), contigOrUndefined(bi), contigOrUndefined(bh),
                hp, h, ws);
    Tensor y = record(OpId::gru_cell, h, {&gi, &gh, &hPrev, &bi, &bh}, [ws, hp](const Tensor& dy, GradSlots& g) {
        const Device dev = dy.device();
        const int64_t B = hp.size(0), H = hp.size(1);
        Tensor dgi = empty({B, 3 * H}, dev), dgh = empty({B, 3 * H}, dev);
        Tensor dhPrev = g.needs(2) ? empty(hp.shape(), dev) : Tensor();
        Tensor dbi = g.needs(3) ? empty({3 * H}, dev) : Tensor(), dbh = g.needs(4) ? empty({3 * H}, dev) : Tensor();
        GL_DISPATCH(dev, gruCellBackward, ws, hp, detail::contig(dy), dgi, dgh, dhPrev, dbi, dbh);
        g.set(0, std::move(dgi));
        g.set(1, std::move(dgh));
        g.set(2, std::move(dhPrev));
        g.set(3, std::move(dbi));
        g.set(4, std::move(dbh));
    });
    return {y, ws.narrow(1, 0, 3 * c.H)};
}

}  // namespace gradlab
