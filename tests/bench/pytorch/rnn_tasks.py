"""PyTorch 1.13 reference for the recurrent-networks lesson (issue 14): RNN, LSTM and GRU race on
three synthetic, seeded tasks, on identical batches, and report test results and the gradient
through time as JSON.  See RNN_REFERENCE.md next to this file for the settings that were run.

Tasks (the C++ lesson implements the very same; keep them in step):
  first   remember the first symbol: K = 8 symbols, s_0..s_{T-1} i.i.d. uniform over K, every x_t
          one-hot over K (input 8); target s_0.  Linear(H, K) on the last hidden state h_{T-1},
          cross-entropy.  Metric: accuracy on 1024 fresh test sequences (chance 12.5 %).
  adding  adding problem: input 2 per step, u_t ~ U[0,1] and a marker m_t in {0,1}; exactly two
          markers, one at a uniform position in [0, T//2), one in [T//2, T).  Target: the sum of
          the two marked u.  Linear(H, 1) on h_{T-1}, MSE.  Metrics: MSE and accuracy = fraction
          with |error| < 0.04 (Hochreiter & Schmidhuber).  Always predicting 1.0 gives MSE ~0.167.
  sine    continuation: y_t = sin(2 pi t/P1 + phi1) + 0.5 sin(2 pi t/P2 + phi2) + 0.05 N(0,1),
          t = 0..T, P1 ~ U[15,30], P2 ~ U[5,12], phases ~ U[0, 2 pi), per sequence.  Input y_t,
          predict y_{t+1} at every step (Linear(H, 1) on every h_t), MSE over all T steps.
          Metric: test MSE (the target noise alone is 0.0025).

Seeding: every cell's model is built right after torch.manual_seed(seed) (recurrent layer, then
head), so the three start from the same seed sequence.  Training batches come from their own
torch.Generator seeded with `seed`; each batch is generated once and fed to all cells.  The 1024
test sequences come from a generator seeded with seed + 1000003.

Gradient through time: at step 0 (before any update), on the first training batch, each cell is
unrolled step by step with its own parameters (PyTorch's cell equations, checked against the
layer's output) so that h_t is the very tensor that feeds both the head and step t+1; the norm of
dL/dh_t (total derivative, Frobenius over the [batch, H] slice, L the batch-mean loss) is reported
for every t, with the ratio ||dL/dh_{T-1}|| / ||dL/dh_0|| (>> 1: vanishing towards early t,
<< 1: exploding).  For `first` and `adding` only h_{T-1} feeds the loss directly; every earlier
dL/dh_t is gradient that came back through time.  The same is measured after training
(`time_grad_*_final`, on one fresh training batch).

JSON: accuracy.<cell> / mse.<cell> / loss.<cell> on the test set, time_grad_norms.<cell>,
time_grad_ratio.<cell>, curve.<cell> = [step, mean training loss over the last --log-every steps,
largest total gradient norm before clipping in them], eval_curve.<cell> = [step, test accuracy
(first, adding) or test MSE (sine)] with --eval-every, wall_s.<cell> (training only), diverged_at
(a cell whose loss went non-finite stops there).  Non-finite numbers are written as null.

Usage: /usr/bin/python3 rnn_tasks.py --task first --T 10 --steps 1500 --out first_T10.json
Runs on one thread (torch.set_num_threads(1)) unless --threads says otherwise.
"""
import argparse
import json
import math
import platform
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

K = 8
N_TEST = 1024
TEST_SEED_OFFSET = 1000003
CELLS = ("rnn", "lstm", "gru")


# ---------------------------------------------------------------- tasks
def make_batch(task, B, T, gen):
    """Returns (x [B,T,in], y).  y: [B] long (first), [B] float (adding), [B,T] float (sine)."""
    if task == "first":
        s = torch.randint(0, K, (B, T), generator=gen)
        return F.one_hot(s, K).float(), s[:, 0].clone()
    if task == "adding":
        u = torch.rand(B, T, generator=gen)
        half = T // 2
        p1 = torch.randint(0, half, (B,), generator=gen)
        p2 = torch.randint(half, T, (B,), generator=gen)
        m = torch.zeros(B, T)
        rows = torch.arange(B)
        m[rows, p1] = 1.0
        m[rows, p2] = 1.0
        y = u[rows, p1] + u[rows, p2]
        return torch.stack([u, m], dim=-1), y
    if task == "sine":
        P1 = 15.0 + 15.0 * torch.rand(B, 1, generator=gen)
        P2 = 5.0 + 7.0 * torch.rand(B, 1, generator=gen)
        ph1 = 2 * math.pi * torch.rand(B, 1, generator=gen)
        ph2 = 2 * math.pi * torch.rand(B, 1, generator=gen)
        t = torch.arange(T + 1, dtype=torch.float32).unsqueeze(0)
        y = torch.sin(2 * math.pi * t / P1 + ph1) + 0.5 * torch.sin(2 * math.pi * t / P2 + ph2)
        y = y + 0.05 * torch.randn(B, T + 1, generator=gen)
        return y[:, :T].unsqueeze(-1), y[:, 1:]
    raise ValueError(task)


def input_size(task):
    return {"first": K, "adding": 2, "sine": 1}[task]


def output_size(task):
    return K if task == "first" else 1


# ---------------------------------------------------------------- model
class Net(nn.Module):
    def __init__(self, cell, task, H, nonlinearity="tanh"):
        super().__init__()
        self.cell, self.task = cell, task
        I = input_size(task)
        if cell == "rnn":
            self.rnn = nn.RNN(I, H, batch_first=True, nonlinearity=nonlinearity)
        elif cell == "lstm":
            self.rnn = nn.LSTM(I, H, batch_first=True)
        else:
            self.rnn = nn.GRU(I, H, batch_first=True)
        self.head = nn.Linear(H, output_size(task))

    def readout(self, out):
        """out: [B,T,H] layer output -> prediction."""
        if self.task == "sine":
            return self.head(out).squeeze(-1)          # [B,T]
        last = self.head(out[:, -1, :])
        return last if self.task == "first" else last.squeeze(-1)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.readout(out)

    def unrolled(self, x):
        """Step-by-step forward with the layer's own parameters; returns (pred, [h_0..h_{T-1}])."""
        r = self.rnn
        w_ih, w_hh, b_ih, b_hh = r.weight_ih_l0, r.weight_hh_l0, r.bias_ih_l0, r.bias_hh_l0
        B, T, _ = x.shape
        H = r.hidden_size
        h = x.new_zeros(B, H)
        c = x.new_zeros(B, H)
        hs = []
        for t in range(T):
            gi = F.linear(x[:, t, :], w_ih, b_ih)
            gh = F.linear(h, w_hh, b_hh)
            if self.cell == "rnn":
                a = gi + gh
                h = torch.tanh(a) if r.nonlinearity == "tanh" else torch.relu(a)
            elif self.cell == "lstm":
                i, f, g, o = (gi + gh).chunk(4, dim=1)
                c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
                h = torch.sigmoid(o) * torch.tanh(c)
            else:
                ir, iz, inn = gi.chunk(3, dim=1)
                hr, hz, hn = gh.chunk(3, dim=1)
                rr = torch.sigmoid(ir + hr)
                z = torch.sigmoid(iz + hz)
                n = torch.tanh(inn + rr * hn)
                h = (1 - z) * n + z * h
            h.retain_grad()
            hs.append(h)
        return self.readout(torch.stack(hs, dim=1)), hs


def loss_fn(task, pred, y):
    if task == "first":
        return F.cross_entropy(pred, y)
    return F.mse_loss(pred, y)


def build(cell, args):
    torch.manual_seed(args.seed)
    net = Net(cell, args.task, args.hidden, args.rnn_nonlinearity if cell == "rnn" else "tanh")
    H = args.hidden
    with torch.no_grad():
        if cell == "lstm" and args.forget_bias:
            net.rnn.bias_ih_l0[H:2 * H].fill_(1.0)
            net.rnn.bias_hh_l0[H:2 * H].fill_(0.0)
        if cell == "rnn" and args.hh_init_scale != 1.0:
            net.rnn.weight_hh_l0.mul_(args.hh_init_scale)
    return net


def spectral_radius(w):
    return float(torch.linalg.eigvals(w.detach().double()).abs().max())


def time_grads(net, x, y, task):
    """||dL/dh_t|| for t = 0..T-1 (total derivative), and the ratio last/first.  Computed in float64
    on a copy of the net: in float32, dL/dh_0 of a tanh RNN underflows to 0 from T ~ 100 on."""
    import copy
    net = copy.deepcopy(net).double()
    x = x.double()
    y = y if task == "first" else y.double()
    pred, hs = net.unrolled(x)
    with torch.no_grad():                             # the unrolled cell must be PyTorch's
        ref = net(x)
        err = float((pred - ref).abs().max())
        assert err < 1e-9 or not math.isfinite(float(ref.abs().max())), f"unrolled differs by {err}"
    loss = loss_fn(task, pred, y)
    loss.backward()
    norms = [float(h.grad.norm()) for h in hs]
    ratio = norms[-1] / norms[0] if norms[0] > 0 else float("inf")
    return norms, ratio, float(loss)


@torch.no_grad()
def evaluate(net, task, xte, yte):
    pred = net(xte)
    res = {"loss": float(loss_fn(task, pred, yte))}
    if task == "first":
        res["accuracy"] = float((pred.argmax(1) == yte).float().mean())
    elif task == "adding":
        res["mse"] = res["loss"]
        res["accuracy"] = float(((pred - yte).abs() < 0.04).float().mean())
    else:
        res["mse"] = res["loss"]
    return res


def headline(task, ev):
    return f"acc {100 * ev['accuracy']:6.2f} %" + (f"  mse {ev['mse']:.5f}" if "mse" in ev else "") \
        if "accuracy" in ev else f"mse {ev['mse']:.5f}"


def finite(o):
    """Strict JSON: inf/nan become null."""
    if isinstance(o, float):
        return o if math.isfinite(o) else None
    if isinstance(o, dict):
        return {k: finite(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [finite(v) for v in o]
    return o


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--task", choices=["first", "adding", "sine"], default="first")
    ap.add_argument("--T", type=int, default=10, help="sequence length")
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--optimizer", choices=["adam", "sgd"], default="adam")
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--steps", type=int, default=1500)
    ap.add_argument("--clip", type=float, default=1.0, help="max total grad norm; <= 0: off")
    ap.add_argument("--forget-bias", type=int, default=0, choices=[0, 1],
                    help="LSTM: b_ih[H:2H] = 1, b_hh[H:2H] = 0 after the default init")
    ap.add_argument("--rnn-nonlinearity", choices=["tanh", "relu"], default="tanh")
    ap.add_argument("--hh-init-scale", type=float, default=1.0,
                    help="RNN only: multiply the default weight_hh_l0 by this after init")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--cells", default="rnn,lstm,gru")
    ap.add_argument("--eval-every", type=int, default=0,
                    help="also evaluate on the test set every N steps (0: only at the end)")
    ap.add_argument("--log-every", type=int, default=50, help="training-loss curve resolution")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", default=None, help="JSON output path")
    ap.add_argument("--dump-step0", default=None,
                    help="JSON with the first training batch, every cell's initial parameters (PyTorch "
                         "names, row-major) and its step-0 ||dL/dh_t||: for a golden test that feeds the "
                         "C++ lesson the very same weights and batch")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    cells = [c.strip() for c in args.cells.split(",") if c.strip()]
    for c in cells:
        assert c in CELLS, c

    gen = torch.Generator().manual_seed(args.seed)
    gte = torch.Generator().manual_seed(args.seed + TEST_SEED_OFFSET)
    xte, yte = make_batch(args.task, N_TEST, args.T, gte)

    baseline = {}
    if args.task == "first":
        baseline["chance_accuracy"] = 1.0 / K
    elif args.task == "adding":
        baseline["mse_predict_1"] = float(F.mse_loss(torch.ones_like(yte), yte))
        baseline["mse_predict_mean_of_two_u"] = float(F.mse_loss(torch.full_like(yte, float(yte.mean())), yte))
    else:
        baseline["mse_persistence"] = float(F.mse_loss(xte[:, :, 0], yte))
        baseline["mse_zero"] = float(F.mse_loss(torch.zeros_like(yte), yte))
        baseline["noise_floor"] = 0.05 ** 2

    nets = {c: build(c, args) for c in cells}
    opts = {}
    for c, net in nets.items():
        if args.optimizer == "adam":
            opts[c] = torch.optim.Adam(net.parameters(), lr=args.lr)
        else:
            opts[c] = torch.optim.SGD(net.parameters(), lr=args.lr)

    res = {"args": vars(args), "baseline": baseline,
           "env": {"torch": torch.__version__, "python": platform.python_version(),
                   "threads": torch.get_num_threads()},
           "time_grad_norms": {}, "time_grad_ratio": {}, "step0_loss": {},
           "time_grad_norms_final": {}, "time_grad_ratio_final": {},
           "accuracy": {}, "mse": {}, "loss": {}, "test": {}, "wall_s": {},
           "diverged_at": {}, "grad_norm_step0": {}, "curve": {c: [] for c in cells}, "eval_curve": {c: [] for c in cells}}
    if "rnn" in nets:
        res["rnn_weight_hh_spectral_radius_init"] = spectral_radius(nets["rnn"].rnn.weight_hh_l0)

    alive = {c: True for c in cells}
    wall = {c: 0.0 for c in cells}
    run_loss = {c: 0.0 for c in cells}
    run_gn = {c: 0.0 for c in cells}
    t_start = time.perf_counter()
    x0, y0 = make_batch(args.task, args.batch, args.T, gen)      # the first training batch
    for c, net in nets.items():
        norms, ratio, l0 = time_grads(net, x0, y0, args.task)
        res["time_grad_norms"][c] = norms
        res["time_grad_ratio"][c] = ratio
        res["step0_loss"][c] = l0
    if args.dump_step0:
        d = {"args": vars(args), "x_shape": list(x0.shape), "x": x0.flatten().tolist(),
             "y": y0.flatten().tolist(), "cells": {}}
        for c, net in nets.items():
            d["cells"][c] = {"params": {k: {"shape": list(v.shape), "data": v.detach().flatten().tolist()}
                                        for k, v in net.state_dict().items()},
                             "time_grad_norms": res["time_grad_norms"][c],
                             "time_grad_ratio": res["time_grad_ratio"][c], "loss": res["step0_loss"][c]}
        with open(args.dump_step0, "w") as f:
            json.dump(finite(d), f)
    for step in range(args.steps):
        x, y = (x0, y0) if step == 0 else make_batch(args.task, args.batch, args.T, gen)
        for c, net in nets.items():
            if not alive[c]:
                continue
            t0 = time.perf_counter()
            opt = opts[c]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(args.task, net(x), y)
            loss.backward()
            if args.clip > 0:                         # total gradient norm, before clipping
                gnorm = float(nn.utils.clip_grad_norm_(net.parameters(), args.clip))
            else:
                with torch.no_grad():
                    gnorm = float(torch.stack([p.grad.norm() for p in net.parameters()]).norm())
            opt.step()
            lv = float(loss)
            wall[c] += time.perf_counter() - t0
            if not math.isfinite(lv):
                alive[c] = False
                res["diverged_at"][c] = step
                continue
            run_loss[c] += lv
            run_gn[c] = max(run_gn[c], gnorm)
            if step == 0:
                res["grad_norm_step0"][c] = gnorm
            if (step + 1) % args.log_every == 0:
                res["curve"][c].append([step + 1, run_loss[c] / args.log_every, run_gn[c]])
                run_loss[c] = 0.0
                run_gn[c] = 0.0
            if args.eval_every and (step + 1) % args.eval_every == 0 and step + 1 < args.steps:
                ev = evaluate(net, args.task, xte, yte)
                res["eval_curve"][c].append([step + 1, ev.get("accuracy", ev["loss"])])

    x, y = make_batch(args.task, args.batch, args.T, gen)
    for c, net in nets.items():
        ev = evaluate(net, args.task, xte, yte)
        if args.eval_every:
            res["eval_curve"][c].append([args.steps, ev.get("accuracy", ev["loss"])])
        res["test"][c] = ev
        res["loss"][c] = ev["loss"]
        if "accuracy" in ev:
            res["accuracy"][c] = ev["accuracy"]
        if "mse" in ev:
            res["mse"][c] = ev["mse"]
        res["wall_s"][c] = wall[c]
        if alive[c]:
            norms, ratio, _ = time_grads(net, x, y, args.task)
            res["time_grad_norms_final"][c] = norms
            res["time_grad_ratio_final"][c] = ratio
        div = f"  DIVERGED at step {res['diverged_at'][c]}" if c in res["diverged_at"] else ""
        print(f"{args.task} T={args.T} seed={args.seed} {c:4s}: {headline(args.task, ev)}  "
              f"step0 |dL/dh_T-1|/|dL/dh_0| {res['time_grad_ratio'][c]:.3g}  "
              f"train {wall[c]:.1f} s{div}", flush=True)
    res["wall_s"]["total"] = time.perf_counter() - t_start
    if args.out:
        with open(args.out, "w") as f:
            json.dump(finite(res), f, indent=1)


if __name__ == "__main__":
    main()
