# Golden data for tests/engine/test_rnn.cpp: torch.nn.RNN (tanh and relu), LSTM and GRU of
# PyTorch 1.13, forward and backward through time.
# Run with Debian's torch: /usr/bin/python3 tests/data/gen_rnn.py  (writes rnn_golden.json)
#
# "cases": input 5, hidden 7, T 6, batch 3, 1 and 2 layers, batch_first both ways, with and
#   without initial states (and one without biases, one unbatched): the parameters, inputs,
#   output, h_n (c_n), and the gradients of loss = sum(output * r) + sum(h_n * rh) (+ sum(c_n * rc))
#   for every parameter, the input and the initial states.
# "time_grads": one layer, loss = sum(h_T * r): dL/dh_t for every t, the gradient through time that
#   reaches each step (torch's module run one step at a time, h_t kept with retain_grad).
# "large": an LSTM with batch 64, hidden 128, T 4 (the CPU's vectorised and threaded paths), its
#   inputs rebuilt in C++ from a hash (golden.h's "hash" spec): sums and sums of squares only.
import json
import os

import numpy as np
import torch
import torch.nn as nn

torch.manual_seed(14)
torch.set_num_threads(1)
CLASSES = {"rnn_tanh": nn.RNN, "rnn_relu": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}


def flat(t):
    return [float("%.9g" % v) for v in t.detach().reshape(-1).tolist()]


def make(mode, inp, hidden, layers, batch_first, bias=True):
    kw = {"nonlinearity": "relu"} if mode == "rnn_relu" else {}
    return CLASSES[mode](inp, hidden, layers, bias=bias, batch_first=batch_first, **kw)


def case(mode, layers, batch_first, initial, bias=True, unbatched=False, T=6, B=3, inp=5, hidden=7):
    m = make(mode, inp, hidden, layers, batch_first, bias)
    lstm = mode == "lstm"
    xs = (T, inp) if unbatched else (B, T, inp) if batch_first else (T, B, inp)
    hs = (layers, hidden) if unbatched else (layers, B, hidden)
    x = torch.randn(xs, requires_grad=True)
    h0 = torch.randn(hs, requires_grad=True) if initial else None
    c0 = torch.randn(hs, requires_grad=True) if initial and lstm else None
    hx = None if not initial else (h0, c0) if lstm else h0
    out, state = m(x, hx)
    hn, cn = state if lstm else (state, None)
    r, rh = torch.randn(out.shape), torch.randn(hn.shape)
    loss = (out * r).sum() + (hn * rh).sum()
    rc = None
    if lstm:
        rc = torch.randn(cn.shape)
        loss = loss + (cn * rc).sum()
    loss.backward()
    c = {"mode": mode, "layers": layers, "batch_first": batch_first, "bias": bias, "unbatched": unbatched,
         "input_size": inp, "hidden": hidden, "x_shape": list(xs), "x": flat(x), "dx": flat(x.grad),
         "params": {n: {"shape": list(p.shape), "data": flat(p), "grad": flat(p.grad)} for n, p in m.named_parameters()},
         "output": flat(out), "output_shape": list(out.shape), "r": flat(r), "h_n": flat(hn), "rh": flat(rh)}
    c["name"] = f"{mode} layers {layers}" + (" batch_first" if batch_first else "") + (
        " h0" if initial else "") + ("" if bias else " no bias") + (" unbatched" if unbatched else "")
    if initial:
        c["h0"], c["dh0"] = flat(h0), flat(h0.grad)
    if lstm:
        c["c_n"], c["rc"] = flat(cn), flat(rc)
        if initial:
            c["c0"], c["dc0"] = flat(c0), flat(c0.grad)
    return c


def time_grads(mode, T=8, B=3, inp=5, hidden=7):
    m = make(mode, inp, hidden, 1, False)
    x = torch.randn(T, B, inp)
    hx, hs = None, []
    for t in range(T):
        out, hx = m(x[t:t + 1], hx)
        h = hx[0] if mode == "lstm" else hx
        h.retain_grad()
        hs.append(h)
    r = torch.randn(B, hidden)
    (hs[-1][0] * r).sum().backward()
    return {"mode": mode, "input_size": inp, "hidden": hidden, "x": flat(x), "x_shape": [T, B, inp], "r": flat(r),
            "params": {n: {"shape": list(p.shape), "data": flat(p)} for n, p in m.named_parameters()},
            "dh": [flat(h.grad[0]) for h in hs]}


def hash_values(n, seed, lo, hi):
    """golden.h's "hash" spec: float32(lo + (hi - lo) u_i), u_i = ((i * 2654435761 + seed) mod 2^32) / 2^32."""
    i = np.arange(n, dtype=np.uint64)
    u = ((i * np.uint64(2654435761) + np.uint64(seed)) & np.uint64(0xFFFFFFFF)).astype(np.float64) / 4294967296.0
    return (lo + (hi - lo) * u).astype(np.float32)


def large(T=4, B=64, inp=16, hidden=128):
    m = make("lstm", inp, hidden, 1, False)
    k = 1.0 / hidden ** 0.5
    specs = {}
    with torch.no_grad():
        for i, (n, p) in enumerate(m.named_parameters()):
            specs[n] = {"shape": list(p.shape), "hash": [i + 1, -k, k]}
            p.copy_(torch.from_numpy(hash_values(p.numel(), i + 1, -k, k)).reshape(p.shape))
    specs["x"] = {"shape": [T, B, inp], "hash": [11, -1.0, 1.0]}
    x = torch.from_numpy(hash_values(T * B * inp, 11, -1.0, 1.0)).reshape(T, B, inp)
    r = torch.from_numpy(hash_values(T * B * hidden, 12, -1.0, 1.0)).reshape(T, B, hidden)
    specs["r"] = {"shape": [T, B, hidden], "hash": [12, -1.0, 1.0]}
    out, (hn, cn) = m(x)
    (out * r).sum().backward()
    sums = {"output": [out.sum().item(), (out ** 2).sum().item()], "c_n": [cn.sum().item(), (cn ** 2).sum().item()]}
    for n, p in m.named_parameters():
        sums["d" + n] = [p.grad.sum().item(), (p.grad ** 2).sum().item()]
    return {"specs": specs, "sums": sums}


cases = []
for mode in CLASSES:
    for layers in (1, 2):
        for batch_first in (False, True):
            cases.append(case(mode, layers, batch_first, initial=(layers == 2) != batch_first))
cases += [case("lstm", 2, False, True, bias=False), case("gru", 1, False, False, bias=False),
          case("lstm", 2, False, True, unbatched=True), case("rnn_tanh", 1, False, True, unbatched=True)]

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rnn_golden.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases, "time_grads": [time_grads(m) for m in CLASSES],
               "large": large()}, f)
print("wrote", out, len(cases), "cases", os.path.getsize(out) // 1024, "KiB")
