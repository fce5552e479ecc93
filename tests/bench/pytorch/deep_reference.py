"""PyTorch 1.13 reference for the deep lesson: plain vs residual deep MLPs on Fashion-MNIST, and an
LR range test.  Data, model, training and measurements follow the lesson's setup; only the random
streams are torch's, so figures agree with the C++ lesson within the spread between seeds, not
exactly.  See DEEP_REFERENCE.md next to this file for the figures it gave.

Data: Debian's dataset-fashion-mnist, train-{images-idx3,labels-idx1}-ubyte.gz (60,000 images).
  Per seed, perm = torch.randperm(60000, generator=Generator().manual_seed(seed)); validation =
  perm[0:2000], training = perm[2000:] (58,000).  Pixels / 255, (x - 0.2860) / 0.3530, flattened
  to 784.
Networks (width W = 64, B blocks, kind plain or residual, norm none / batch / layer):
  stem Linear(784, W), ReLU; block i: f_i(x) = ReLU(Norm(Linear(W, W)(x))), Norm = BatchNorm1d(W),
  LayerNorm(W) or nothing; plain: x = f_i(x); residual: x = x + f_i(x); head Linear(W, 10).
  torch's default init; torch.manual_seed(seed), then the plain net is built, then the residual
  net (so the residual net's weights are the next draws of the same global generator).
Batches: batch 64; every epoch order = torch.randperm(58000, generator=gs), gs =
  Generator().manual_seed(1000 + seed) (one generator for the whole stream); batches are
  order[0:64], order[64:128], ..., the last one of an epoch has 58000 - 906 * 64 = 16 images
  (step 906 of the stream).  The stream is drawn once per seed and used by every net of that seed
  (plain, residual, every norm and depth, the LR range test and the 500-step runs).
depth: both nets trained 1,000 steps, Adam lr 1e-3 (defaults otherwise), mean cross-entropy.
  "Step t" (0-based) is the t-th update; its loss and gradients are those of the forward/backward
  before that update.  Measured: the training loss of every step (reported: mean over the last
  100 steps, and the mean of each 10 steps); the Frobenius norm of the gradient of every block's
  Linear weight at every step (reported per block: step 0 and the mean over the last 100 steps;
  the first and last block also every step as means of 10); ratio first block / last block (of
  the step-0 norms, and of the last-100 means); validation loss and accuracy at the end (eval
  mode); the std (torch.std, unbiased, over all 64 x W entries) of each block's output x (after
  the residual add) and of its branch f_i(x) on the step-0 batch in train mode (batch statistics)
  under no_grad: at step 0 (before the first update) and at the end (after the last update and the
  validation evaluation).  Configs: B in {4, 8, 16, 32, 64} with norm none, and B = 32 with norm
  batch and layer; seeds 0 1 2.
lrrange: residual net, B = 32, norm none (--norm for another), the initial weights of the depth
  run (seed; plain built first, then residual).  Adam, step t = 0..199 uses lr_t = 1e-6 * (1e6)^(t / 199) (set in the
  param group before the update), same batch stream.  Smoothed loss: s_t = 0.98 s_{t-1} + 0.02
  loss_t (s_{-1} = 0), reported s_t / (1 - 0.98^(t+1)).  Stop after the step whose smoothed loss
  exceeds 4x the minimum so far (or is not finite).  Suggestion (--rule): valley (the lesson's,
  fastai's default) = the lr halfway along the longest decreasing subsequence of the smoothed
  loss; min10 = the lr at the minimum of the smoothed loss / 10.  Both are recorded.  Then the residual net (B = 32, fresh initial weights, the same ones) is trained 500
  steps with the suggested lr and with 1e-3 (Adam, same batch stream): mean training loss of the
  last 50 steps and validation loss / accuracy (eval mode) at the end.

Usage (Debian's /usr/bin/python3; run.sh picks the BLAS, see RNN_REFERENCE.md; one thread):
  tests/bench/pytorch/run.sh openblas 1 deep_reference.py depth --seeds 0 1 2
  tests/bench/pytorch/run.sh openblas 1 deep_reference.py lrrange --seeds 0 1 2
  tests/bench/pytorch/run.sh openblas 1 deep_reference.py lrrange --norm layer --key lrrange_layer
                                          (the same test on the LayerNorm residual net, in the .md)
Each subcommand updates its own key ("depth", "lrrange"; --key) in the JSON file given by --out (default
tests/data/deep_reference.json), after every config (depth) or seed (lrrange).
"""
import argparse
import json
import math
import os
import platform
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from common import evaluate, fashion_mnist_train

torch.set_num_threads(1)

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "..", "data", "deep_reference.json"))
MEAN, STD = 0.2860, 0.3530
N_VAL = 2000

DEPTH_CONFIGS = {f"B{b}_none": (b, "none") for b in (4, 8, 16, 32, 64)}
DEPTH_CONFIGS.update({"B32_batch": (32, "batch"), "B32_layer": (32, "layer")})


def round_floats(o):
    """6 significant digits are plenty for the reference and keep the file small."""
    if isinstance(o, float):
        return float("%.6g" % o)
    if isinstance(o, dict):
        return {k: round_floats(v) for k, v in o.items()}
    if isinstance(o, list):
        return [round_floats(v) for v in o]
    return o


def update_json(path, key, value, meta):
    data = {}
    if os.path.exists(path):
        with open(path) as f:
            data = json.load(f)
    data["torch"] = torch.__version__
    data["python"] = platform.python_version()
    node = data.setdefault(key, {})
    node.update(meta)
    if value:
        node.setdefault("configs", {}).update(value)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(round_floats(data), f, separators=(",", ":"))
    os.replace(tmp, path)


def mean(v):
    return statistics.mean(v)


# ---------------------------------------------------------------- data
def load_fmnist():
    x, y = fashion_mnist_train(MEAN, STD)
    return x.reshape(len(x), 784), y


def split(X, Y, seed):
    perm = torch.randperm(len(X), generator=torch.Generator().manual_seed(seed))
    vi, ti = perm[:N_VAL], perm[N_VAL:]
    return X[ti], Y[ti], X[vi], Y[vi]


def batch_stream(n, batch, steps, seed):
    gs = torch.Generator().manual_seed(1000 + seed)
    out = []
    while len(out) < steps:
        order = torch.randperm(n, generator=gs)
        for i in range(0, n, batch):
            out.append(order[i:i + batch])
            if len(out) == steps:
                break
    return out


# ---------------------------------------------------------------- model
class DeepMLP(nn.Module):
    def __init__(self, blocks, residual, norm, width=64):
        super().__init__()
        self.residual = residual
        self.stem = nn.Linear(784, width)
        self.lins = nn.ModuleList([nn.Linear(width, width) for _ in range(blocks)])
        if norm == "batch":
            self.norms = nn.ModuleList([nn.BatchNorm1d(width) for _ in range(blocks)])
        elif norm == "layer":
            self.norms = nn.ModuleList([nn.LayerNorm(width) for _ in range(blocks)])
        else:
            self.norms = nn.ModuleList([nn.Identity() for _ in range(blocks)])
        self.head = nn.Linear(width, 10)

    def forward(self, x, probe=None):
        x = F.relu(self.stem(x))
        for lin, nrm in zip(self.lins, self.norms):
            f = F.relu(nrm(lin(x)))
            x = x + f if self.residual else f
            if probe is not None:
                probe.append((x.std().item(), f.std().item()))
        return self.head(x)


def build_pair(blocks, norm, seed):
    """torch.manual_seed(seed), plain net first, then the residual net."""
    torch.manual_seed(seed)
    plain = DeepMLP(blocks, False, norm)
    resid = DeepMLP(blocks, True, norm)
    return plain, resid


def probe_std(m, xb):
    was = m.training
    m.train()
    probe = []
    with torch.no_grad():
        m(xb, probe)
    m.train(was)
    return [p[0] for p in probe], [p[1] for p in probe]




def means_of(v, k):
    return [float(v[i:i + k].mean()) for i in range(0, len(v), k)]


def train(m, xtr, ytr, xva, yva, stream, lr, measure=True):
    """Adam on the given batch stream; returns the per-step losses and (measure) per-block grad norms."""
    opt = torch.optim.Adam(m.parameters(), lr=lr)
    steps = len(stream)
    losses = torch.empty(steps)
    nb = len(m.lins)
    gnorm = torch.empty(steps, nb) if measure else None
    m.train()
    for t, idx in enumerate(stream):
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(m(xtr[idx]), ytr[idx])
        loss.backward()
        losses[t] = loss.detach()
        if measure:
            with torch.no_grad():
                gnorm[t] = torch.stack([l.weight.grad for l in m.lins]).flatten(1).norm(dim=1)
        opt.step()
    return losses, gnorm


def depth_net(m, xtr, ytr, xva, yva, stream, lr, last):
    x0 = xtr[stream[0]]
    std0, br0 = probe_std(m, x0)
    t0 = time.perf_counter()
    losses, g = train(m, xtr, ytr, xva, yva, stream, lr)
    secs = time.perf_counter() - t0
    vl, va = evaluate(m, xva, yva)
    std1, br1 = probe_std(m, x0)
    g_last = g[-last:].mean(0)
    return {"train_loss_last": float(losses[-last:].mean()),
            "train_loss_first10": float(losses[:10].mean()),
            "val_loss": vl, "val_acc": va,
            "grad_step0": g[0].tolist(), "grad_last": g_last.tolist(),
            "ratio_step0": float(g[0, 0] / g[0, -1]), "ratio_last": float(g_last[0] / g_last[-1]),
            "std_step0": std0, "std_end": std1, "branch_std_step0": br0, "branch_std_end": br1,
            "loss_curve10": means_of(losses, 10),
            "grad_first_curve10": means_of(g[:, 0], 10), "grad_last_curve10": means_of(g[:, -1], 10),
            "seconds": secs}


def cmd_depth(args):
    t_all = time.perf_counter()
    X, Y = load_fmnist()
    data = {s: split(X, Y, s) for s in args.seeds}
    streams = {s: batch_stream(len(data[s][0]), args.batch, args.steps, s) for s in args.seeds}
    meta = {"setup": {"width": 64, "batch": args.batch, "steps": args.steps, "lr": args.lr, "n_val": N_VAL,
                      "n_train": len(X) - N_VAL, "mean": MEAN, "std": STD, "last": args.last,
                      "optimizer": "Adam", "seeds": args.seeds}}
    names = args.configs or list(DEPTH_CONFIGS)
    keys = ["train_loss_last", "val_loss", "val_acc", "ratio_step0", "ratio_last", "seconds"]
    print(f"{'config':10s} {'kind':5s} {'loss100':>8s} {'vloss':>6s} {'vacc':>6s} {'r@0':>9s} {'r@last':>9s} "
          f"{'std0[-1]':>9s} {'stdE[-1]':>9s}  s", flush=True)
    for name in names:
        blocks, norm = DEPTH_CONFIGS[name]
        res = {"blocks": blocks, "norm": norm, "plain": {"runs": []}, "residual": {"runs": []}}
        for s in args.seeds:
            xtr, ytr, xva, yva = data[s]
            plain, resid = build_pair(blocks, norm, s)
            for kind, m in (("plain", plain), ("residual", resid)):
                r = depth_net(m, xtr, ytr, xva, yva, streams[s], args.lr, args.last)
                r["seed"] = s
                res[kind]["runs"].append(r)
        for kind in ("plain", "residual"):
            runs = res[kind]["runs"]
            mu = {k: mean([r[k] for r in runs]) for k in keys}
            mu["grad_step0"] = [mean(v) for v in zip(*[r["grad_step0"] for r in runs])]
            mu["grad_last"] = [mean(v) for v in zip(*[r["grad_last"] for r in runs])]
            mu["std_step0"] = [mean(v) for v in zip(*[r["std_step0"] for r in runs])]
            mu["std_end"] = [mean(v) for v in zip(*[r["std_end"] for r in runs])]
            res[kind]["mean"] = mu
            print(f"{name:10s} {kind[:5]:5s} {mu['train_loss_last']:8.4f} {mu['val_loss']:6.3f} {mu['val_acc']:6.3f} "
                  f"{mu['ratio_step0']:9.3g} {mu['ratio_last']:9.3g} {mu['std_step0'][-1]:9.3g} "
                  f"{mu['std_end'][-1]:9.3g}  {mu['seconds']:.0f}", flush=True)
            print(f"    per seed loss100 " + " ".join(f"{r['train_loss_last']:.4f}" for r in runs) +
                  " | r@0 " + " ".join(f"{r['ratio_step0']:.3g}" for r in runs) +
                  " | r@last " + " ".join(f"{r['ratio_last']:.3g}" for r in runs) +
                  " | vacc " + " ".join(f"{r['val_acc']:.3f}" for r in runs), flush=True)
        update_json(args.out, "depth", {name: res}, meta)
    print(f"total {time.perf_counter() - t_all:.0f} s")


# ---------------------------------------------------------------- lr range test
def lr_range(m, xtr, ytr, stream, lr_min, lr_max, steps, beta, stop_factor):
    opt = torch.optim.Adam(m.parameters(), lr=lr_min)
    m.train()
    avg, best, best_lr, curve, stopped = 0.0, math.inf, None, [], None
    for t in range(steps):
        lr = lr_min * (lr_max / lr_min) ** (t / (steps - 1))
        for g in opt.param_groups:
            g["lr"] = lr
        idx = stream[t]
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(m(xtr[idx]), ytr[idx])
        loss.backward()
        opt.step()
        lv = loss.item()
        avg = beta * avg + (1 - beta) * lv
        sm = avg / (1 - beta ** (t + 1))
        curve.append([lr, lv, sm])
        if not math.isfinite(sm) or sm > stop_factor * best:
            stopped = t
            break
        if sm < best:
            best, best_lr = sm, lr
    v0, v1 = valley([c[2] for c in curve])
    return {"curve": curve, "min_smoothed": best, "lr_at_min": best_lr, "min10": best_lr / 10,
            "valley": [curve[v0][0], curve[v1][0]], "valley_middle": curve[v0 + (v1 - v0) // 2][0],
            "stopped_at": stopped, "steps_run": len(curve)}


def valley(smoothed):
    """fastai's "valley" (lr_find's default suggestion since fastai 2.4): the longest decreasing
    subsequence of the smoothed losses, as (first index, last index)."""
    n = len(smoothed)
    run, end = [1] * n, 0
    for i in range(1, n):
        for j in range(i):
            if smoothed[i] < smoothed[j]:
                run[i] = max(run[i], run[j] + 1)
        if run[i] > run[end]:
            end = i
    return end + 1 - run[end], end


def cmd_lrrange(args):
    t_all = time.perf_counter()
    X, Y = load_fmnist()
    meta = {"setup": {"blocks": args.blocks, "norm": args.norm, "kind": "residual", "width": 64, "batch": args.batch,
                      "lr_min": args.lr_min, "lr_max": args.lr_max, "range_steps": args.range_steps,
                      "beta": args.beta, "stop_factor": args.stop_factor, "rule": args.rule,
                      "train_steps": args.train_steps, "last": args.last, "baseline_lr": args.baseline_lr,
                      "optimizer": "Adam", "seeds": args.seeds}}
    print(f"{'seed':>4s} {'lr@min':>9s} {'suggest':>9s} {'min sm':>7s} {'stop':>5s} | "
          f"{'loss' + str(args.last) + ' sug':>10s} {'vacc sug':>8s} | {'loss' + str(args.last) + ' base':>11s} {'vacc base':>9s}  s", flush=True)
    for s in args.seeds:
        t0 = time.perf_counter()
        xtr, ytr, xva, yva = split(X, Y, s)
        stream = batch_stream(len(xtr), args.batch, max(args.range_steps, args.train_steps), s)
        _, resid = build_pair(args.blocks, args.norm, s)
        r = lr_range(resid, xtr, ytr, stream, args.lr_min, args.lr_max, args.range_steps, args.beta,
                     args.stop_factor)
        r["seed"] = s
        r["suggestion"] = r["valley_middle"] if args.rule == "valley" else r["min10"]
        runs = {}
        for label, lr in (("suggested", r["suggestion"]), ("baseline", args.baseline_lr)):
            _, m = build_pair(args.blocks, args.norm, s)
            losses, _ = train(m, xtr, ytr, xva, yva, stream[:args.train_steps], lr, measure=False)
            vl, va = evaluate(m, xva, yva)
            runs[label] = {"lr": lr, "train_loss_last": float(losses[-args.last:].mean()), "val_loss": vl,
                           "val_acc": va, "loss_curve10": means_of(losses, 10)}
        r["train"] = runs
        r["seconds"] = time.perf_counter() - t0
        su, ba = runs["suggested"], runs["baseline"]
        print(f"{s:4d} {r['lr_at_min']:9.3g} {r['suggestion']:9.3g} {r['min_smoothed']:7.3f} "
              f"{str(r['stopped_at']):>5s} | {su['train_loss_last']:10.4f} {su['val_acc']:8.3f} | "
              f"{ba['train_loss_last']:11.4f} {ba['val_acc']:9.3f}  {r['seconds']:.0f}", flush=True)
        update_json(args.out, args.key, {f"seed{s}": r}, meta)
    print(f"total {time.perf_counter() - t_all:.0f} s")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("depth")
    a.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    a.add_argument("--configs", nargs="+", choices=list(DEPTH_CONFIGS))
    a.add_argument("--steps", type=int, default=1000)
    a.add_argument("--batch", type=int, default=64)
    a.add_argument("--lr", type=float, default=1e-3)
    a.add_argument("--last", type=int, default=100, help="steps averaged at the end")
    a.add_argument("--out", default=DEFAULT_OUT)
    b = sub.add_parser("lrrange")
    b.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    b.add_argument("--blocks", type=int, default=32)
    b.add_argument("--norm", choices=["none", "batch", "layer"], default="none")
    b.add_argument("--key", default="lrrange", help="top-level key in the JSON (e.g. lrrange_layer)")
    b.add_argument("--batch", type=int, default=64)
    b.add_argument("--lr-min", type=float, default=1e-6)
    b.add_argument("--lr-max", type=float, default=1.0)
    b.add_argument("--range-steps", type=int, default=200)
    b.add_argument("--beta", type=float, default=0.98)
    b.add_argument("--stop-factor", type=float, default=4.0)
    b.add_argument("--rule", choices=["valley", "min10"], default="valley",
                   help="the suggestion: the middle of the valley (the lesson's), or the lr at the smoothed minimum / 10")
    b.add_argument("--train-steps", type=int, default=500)
    b.add_argument("--baseline-lr", type=float, default=1e-3)
    b.add_argument("--last", type=int, default=50)
    b.add_argument("--out", default=DEFAULT_OUT)
    args = ap.parse_args()
    args.out = os.path.abspath(args.out)
    {"depth": cmd_depth, "lrrange": cmd_lrrange}[args.cmd](args)


if __name__ == "__main__":
    main()
