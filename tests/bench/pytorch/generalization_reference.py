"""PyTorch 1.13 reference for the generalization lesson: overfitting and what regularisation does
against it, on two moons (the 2-D tab) and on a Fashion-MNIST subset (the images tab).  Data,
model, training and evaluation follow the lesson's setup; only the random streams are torch's,
so figures agree with the C++ lesson within the spread between seeds, not exactly.  See
GENERALIZATION_REFERENCE.md next to this file for the figures it gave.

moons
  Data: n points, label y ~ uniform{0,1}, t ~ U[0, pi]; class 0 at (cos t, sin t), class 1 at
  (1 - cos t, 0.5 - sin t); plus N(0, noise^2) on both coordinates; noise 0.3.  Training set 30
  points, then validation set 1000 points, both drawn from torch.Generator().manual_seed(seed)
  (in that order: labels, angles, noise for the training set, then the same for validation).
  Model: 2 -> [Linear(in, 64) -> ReLU -> Dropout(p) if p > 0] x 3 -> Linear(64, 2), torch's
  default init after torch.manual_seed(seed) (dropout masks also from the global generator).
  Training: full batch (all 30 points every step), mean cross-entropy + l1 * sum |W| over the
  Linear weights only (no biases), Adam lr 1e-2 with Adam's own coupled weight_decay on all
  parameters, 3000 steps.  Evaluation in eval mode (dropout off); the validation loss is taken
  at step 0, 10, 20, ..., 3000 ("step n" = after n updates) for the step of its minimum.
  Configs: none, wd 1e-2, wd 3e-2, wd 1e-1, dropout 0.3, dropout 0.5, l1 1e-3, l1 3e-3.

images
  Data: Debian's dataset-fashion-mnist, train-{images-idx3,labels-idx1}-ubyte.gz.  Per seed,
  perm = torch.randperm(60000, generator=Generator().manual_seed(seed)); validation = images
  perm[0:2000], training subset = perm[2000:3000].  Pixels / 255, then (x - 0.2860) / 0.3530;
  28x28, no padding.
  MLP: Flatten -> Linear(784,256) -> [Norm(256)] -> ReLU -> [Dropout] -> Linear(256,256) ->
  [Norm] -> ReLU -> [Dropout] -> Linear(256,10); Norm = BatchNorm1d / LayerNorm / none.
  CNN: Conv2d(1,16,3,p=1) -> [Norm] -> ReLU -> MaxPool2d(2) -> Conv2d(16,32,3,p=1) -> [Norm] ->
  ReLU -> MaxPool2d(2) -> Flatten (1568) -> [Dropout] -> Linear(1568,128) -> ReLU -> [Dropout]
  -> Linear(128,10); Norm = BatchNorm2d(C), or LayerNorm(C) over the channels at each pixel
  (permute to N,H,W,C and back), or none.
  Init: torch defaults after torch.manual_seed(seed).  Training: Adam lr 1e-3 (coupled
  weight_decay), batch 32, reshuffled every epoch with torch.randperm(1000, generator=
  Generator().manual_seed(1000 + seed)) (last batch 8 images), 20 epochs, mean cross-entropy.
  Augmentation, per training image and drawn fresh each time (Generator().manual_seed(2000 +
  seed)), applied in this order: shift = pad 2 pixels with the background (the normalised 0
  pixel, -0.2860/0.3530) and crop 28x28 back at an offset uniform in {0..4}^2; flip = mirror
  left-right with probability 1/2; rotate = rotate by an angle uniform in [-10, 10] degrees about
  the image centre (pixel 13.5, 13.5), bilinear (grid_sample, align_corners=False), background
  fill.  After every epoch, in eval mode: loss and accuracy on the whole training subset (no
  augmentation) and on the validation set.
  Configs (for mlp and for cnn): none, dropout 0.3, dropout 0.5, shift+flip, shift+flip+rotate,
  weight_decay 1e-3, batchnorm, layernorm; on request (--configs) also shift alone and wd 1e-2.

Usage (Debian's /usr/bin/python3; run.sh picks the BLAS, see RNN_REFERENCE.md; one thread):
  tests/bench/pytorch/run.sh openblas 1 generalization_reference.py moons --seeds 0 1 2 3 4 5 6 7 8 9
  tests/bench/pytorch/run.sh openblas 1 generalization_reference.py images --arch mlp --seeds 0 1 2
  tests/bench/pytorch/run.sh openblas 1 generalization_reference.py images --arch cnn --seeds 0 1 2
  tests/bench/pytorch/run.sh openblas 1 generalization_reference.py images --arch cnn --epochs 40 \
      --configs none shift_flip --key images_40ep          (the longer run in the .md)
Each subcommand updates its own key ("moons", "images" -> "mlp" / "cnn"; --key) in the JSON file
given by --out (default tests/data/generalization_reference.json), after every config.
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
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "..", "data", "generalization_reference.json"))
MEAN, STD = 0.2860, 0.3530

MOONS_CONFIGS = {
    "none": {},
    "wd_1e-2": {"weight_decay": 1e-2},
    "wd_3e-2": {"weight_decay": 3e-2},
    "wd_1e-1": {"weight_decay": 1e-1},
    "dropout_0.3": {"dropout": 0.3},
    "dropout_0.5": {"dropout": 0.5},
    "l1_1e-3": {"l1": 1e-3},
    "l1_3e-3": {"l1": 3e-3},
}
IMAGE_CONFIGS = {
    "none": {},
    "dropout_0.3": {"dropout": 0.3},
    "dropout_0.5": {"dropout": 0.5},
    "shift": {"augment": ["shift"]},
    "shift_flip": {"augment": ["shift", "flip"]},
    "shift_flip_rotate": {"augment": ["shift", "flip", "rotate"]},
    "wd_1e-3": {"weight_decay": 1e-3},
    "wd_1e-2": {"weight_decay": 1e-2},
    "batchnorm": {"norm": "batch"},
    "layernorm": {"norm": "layer"},
}
IMAGE_DEFAULT = ["none", "dropout_0.3", "dropout_0.5", "shift_flip", "shift_flip_rotate", "wd_1e-3",
                 "batchnorm", "layernorm"]


def round_floats(o):
    """6 significant digits are plenty for the reference and keep the file small."""
    if isinstance(o, float):
        return float("%.6g" % o)
    if isinstance(o, dict):
        return {k: round_floats(v) for k, v in o.items()}
    if isinstance(o, list):
        return [round_floats(v) for v in o]
    return o


def update_json(path, key, sub, value, meta):
    data = {}
    if os.path.exists(path):
        with open(path) as f:
            data = json.load(f)
    data["torch"] = torch.__version__
    data["python"] = platform.python_version()
    node = data.setdefault(key, {})
    node.update(meta)
    if value:
        (node if sub is None else node.setdefault(sub, {})).setdefault("configs", {}).update(value)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(round_floats(data), f, separators=(",", ":"))
    os.replace(tmp, path)


def mean(v):
    return statistics.mean(v)


# ---------------------------------------------------------------- moons
def make_moons(n, noise, g):
    y = torch.randint(0, 2, (n,), generator=g)
    t = torch.rand(n, generator=g) * math.pi
    eps = torch.randn(n, 2, generator=g) * noise
    x0 = torch.stack([torch.cos(t), torch.sin(t)], 1)
    x1 = torch.stack([1 - torch.cos(t), 0.5 - torch.sin(t)], 1)
    x = torch.where(y[:, None] == 0, x0, x1) + eps
    return x, y


def moons_model(p, depth=3, width=64):
    layers, d = [], 2
    for _ in range(depth):
        layers += [nn.Linear(d, width), nn.ReLU()]
        if p > 0:
            layers.append(nn.Dropout(p))
        d = width
    layers.append(nn.Linear(d, 2))
    return nn.Sequential(*layers)


def moons_run(cfg, seed, args):
    g = torch.Generator().manual_seed(seed)
    xtr, ytr = make_moons(args.n_train, args.noise, g)
    xva, yva = make_moons(args.n_val, args.noise, g)
    torch.manual_seed(seed)
    m = moons_model(cfg.get("dropout", 0.0))
    opt = torch.optim.Adam(m.parameters(), lr=args.lr, weight_decay=cfg.get("weight_decay", 0.0))
    l1 = cfg.get("l1", 0.0)
    weights = [mod.weight for mod in m if isinstance(mod, nn.Linear)]

    def val_loss():
        m.eval()
        with torch.no_grad():
            v = F.cross_entropy(m(xva), yva).item()
        m.train()
        return v

    curve = [[0, val_loss()]]
    for step in range(1, args.steps + 1):
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(m(xtr), ytr)
        if l1 > 0:
            loss = loss + l1 * sum(w.abs().sum() for w in weights)
        loss.backward()
        opt.step()
        if step % args.eval_every == 0:
            curve.append([step, val_loss()])
    m.eval()
    with torch.no_grad():
        otr, ova = m(xtr), m(xva)
        r = {"seed": seed,
             "train_acc": (otr.argmax(1) == ytr).float().mean().item(),
             "val_acc": (ova.argmax(1) == yva).float().mean().item(),
             "train_loss": F.cross_entropy(otr, ytr).item(),
             "val_loss": F.cross_entropy(ova, yva).item()}
    best = min(curve, key=lambda c: c[1])
    r["gap"] = r["train_acc"] - r["val_acc"]
    r["min_val_loss_step"], r["min_val_loss"] = best
    r["val_loss_curve"] = curve
    return r


def cmd_moons(args):
    names = args.configs or list(MOONS_CONFIGS)
    meta = {"setup": {"n_train": args.n_train, "n_val": args.n_val, "noise": args.noise, "lr": args.lr,
                      "steps": args.steps, "eval_every": args.eval_every, "depth": 3, "width": 64,
                      "optimizer": "Adam (coupled weight_decay)", "seeds": args.seeds}}
    keys = ["train_acc", "val_acc", "gap", "val_loss", "min_val_loss", "min_val_loss_step"]
    print(f"{'config':12s} {'train':>6s} {'val':>6s} {'gap':>6s} {'vloss':>7s} {'minvl':>7s} {'minstep':>7s}  s")
    t_all = time.perf_counter()
    for name in names:
        cfg = MOONS_CONFIGS[name]
        t0 = time.perf_counter()
        runs = [moons_run(cfg, s, args) for s in args.seeds]
        dt = time.perf_counter() - t0
        res = {"config": cfg, "seconds": dt, "runs": runs, "mean": {k: mean([r[k] for r in runs]) for k in keys}}
        mu = res["mean"]
        print(f"{name:12s} {mu['train_acc']:6.3f} {mu['val_acc']:6.3f} {mu['gap']:6.3f} {mu['val_loss']:7.3f} "
              f"{mu['min_val_loss']:7.3f} {mu['min_val_loss_step']:7.0f}  {dt:.0f}", flush=True)
        print("    per seed gap " + " ".join(f"{r['gap']:.3f}" for r in runs) +
              " | val " + " ".join(f"{r['val_acc']:.3f}" for r in runs) +
              " | minstep " + " ".join(str(r["min_val_loss_step"]) for r in runs), flush=True)
        update_json(args.out, "moons", None, {name: res}, meta)
    print(f"total {time.perf_counter() - t_all:.0f} s")


# ---------------------------------------------------------------- images
def load_fmnist():
    x, y = fashion_mnist_train(MEAN, STD)
    return x.unsqueeze(1), y


class ChannelLayerNorm(nn.Module):
    """LayerNorm over the channels at each pixel: (N,C,H,W) -> (N,H,W,C) -> LayerNorm(C) -> back."""

    def __init__(self, c):
        super().__init__()
        self.ln = nn.LayerNorm(c)

    def forward(self, x):
        return self.ln(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)


def image_model(arch, cfg):
    p, norm = cfg.get("dropout", 0.0), cfg.get("norm")

    def nrm(c, conv):
        if norm == "batch":
            return [nn.BatchNorm2d(c) if conv else nn.BatchNorm1d(c)]
        if norm == "layer":
            return [ChannelLayerNorm(c) if conv else nn.LayerNorm(c)]
        return []

    drop = [nn.Dropout(p)] if p > 0 else []
    if arch == "mlp":
        layers = [nn.Flatten(), nn.Linear(784, 256), *nrm(256, False), nn.ReLU(), *drop,
                  nn.Linear(256, 256), *nrm(256, False), nn.ReLU(), *([nn.Dropout(p)] if p > 0 else []),
                  nn.Linear(256, 10)]
    else:
        layers = [nn.Conv2d(1, 16, 3, padding=1), *nrm(16, True), nn.ReLU(), nn.MaxPool2d(2),
                  nn.Conv2d(16, 32, 3, padding=1), *nrm(32, True), nn.ReLU(), nn.MaxPool2d(2),
                  nn.Flatten(), *drop, nn.Linear(1568, 128), nn.ReLU(), *([nn.Dropout(p)] if p > 0 else []),
                  nn.Linear(128, 10)]
    return nn.Sequential(*layers)


BG = (0.0 - MEAN) / STD


def augment(x, kinds, g):
    n = x.shape[0]
    if "shift" in kinds:
        xp = F.pad(x, (2, 2, 2, 2), value=BG)
        off = torch.randint(0, 5, (n, 2), generator=g)  # (dy, dx)
        ar = torch.arange(28)
        rows = (off[:, 0:1] + ar)[:, :, None]
        cols = (off[:, 1:2] + ar)[:, None, :]
        x = xp[torch.arange(n)[:, None, None], 0, rows, cols].unsqueeze(1)
    if "flip" in kinds:
        f = torch.rand(n, generator=g) < 0.5
        x = torch.where(f[:, None, None, None], x.flip(-1), x)
    if "rotate" in kinds:
        a = (torch.rand(n, generator=g) * 20.0 - 10.0) * math.pi / 180.0
        c, s = torch.cos(a), torch.sin(a)
        # output pixel at (u, v) about the centre samples the input at R(a) (u, v)
        theta = torch.stack([torch.stack([c, -s, torch.zeros(n)], 1), torch.stack([s, c, torch.zeros(n)], 1)], 1)
        grid = F.affine_grid(theta, list(x.shape), align_corners=False)
        x = F.grid_sample(x - BG, grid, mode="bilinear", padding_mode="zeros", align_corners=False) + BG
    return x




def image_run(arch, cfg, seed, X, Y, args):
    perm = torch.randperm(len(X), generator=torch.Generator().manual_seed(seed))
    vi, ti = perm[:args.n_val], perm[args.n_val:args.n_val + args.n_train]
    xva, yva, xtr, ytr = X[vi], Y[vi], X[ti], Y[ti]
    gs = torch.Generator().manual_seed(1000 + seed)
    ga = torch.Generator().manual_seed(2000 + seed)
    torch.manual_seed(seed)
    m = image_model(arch, cfg)
    opt = torch.optim.Adam(m.parameters(), lr=args.lr, weight_decay=cfg.get("weight_decay", 0.0))
    kinds = cfg.get("augment", [])
    hist = []
    t0 = time.perf_counter()
    for ep in range(1, args.epochs + 1):
        m.train()
        order = torch.randperm(len(xtr), generator=gs)
        for i in range(0, len(xtr), args.batch):
            idx = order[i:i + args.batch]
            xb = xtr[idx]
            if kinds:
                xb = augment(xb, kinds, ga)
            opt.zero_grad(set_to_none=True)
            F.cross_entropy(m(xb), ytr[idx]).backward()
            opt.step()
        tl, ta = evaluate(m, xtr, ytr)
        vl, va = evaluate(m, xva, yva)
        hist.append({"epoch": ep, "train_loss": tl, "train_acc": ta, "val_loss": vl, "val_acc": va})
    best = min(hist, key=lambda h: h["val_loss"])
    bestacc = max(hist, key=lambda h: h["val_acc"])
    return {"seed": seed, "seconds": time.perf_counter() - t0,
            "min_val_loss_epoch": best["epoch"], "min_val_loss": best["val_loss"],
            "val_acc_at_min": best["val_acc"],
            "final_val_loss": hist[-1]["val_loss"], "final_train_acc": hist[-1]["train_acc"],
            "final_val_acc": hist[-1]["val_acc"], "final_train_loss": hist[-1]["train_loss"],
            "best_val_acc": bestacc["val_acc"], "best_val_acc_epoch": bestacc["epoch"],
            "history": hist}


def cmd_images(args):
    t0 = time.perf_counter()
    X, Y = load_fmnist()
    print(f"loaded {tuple(X.shape)} in {time.perf_counter() - t0:.1f}s", flush=True)
    names = args.configs or IMAGE_DEFAULT
    meta = {"setup": {"n_train": args.n_train, "n_val": args.n_val, "lr": args.lr, "batch": args.batch,
                      "epochs": args.epochs, "mean": MEAN, "std": STD,
                      "optimizer": "Adam (coupled weight_decay)"}}
    keys = ["min_val_loss_epoch", "min_val_loss", "val_acc_at_min", "final_val_loss", "final_train_acc",
            "final_val_acc", "best_val_acc", "seconds"]
    for arch in args.arch:
        print(f"[{arch}] {'config':18s} {'minep':>5s} {'minvl':>6s} {'vl@end':>6s} {'tracc':>6s} {'vacc':>6s} "
              f"{'vacc@min':>8s} s/run", flush=True)
        for name in names:
            cfg = IMAGE_CONFIGS[name]
            runs = [image_run(arch, cfg, s, X, Y, args) for s in args.seeds]
            res = {"config": cfg, "seeds": args.seeds, "runs": runs,
                   "mean": {k: mean([r[k] for r in runs]) for k in keys}}
            mu = res["mean"]
            print(f"[{arch}] {name:18s} {mu['min_val_loss_epoch']:5.1f} {mu['min_val_loss']:6.3f} "
                  f"{mu['final_val_loss']:6.3f} {mu['final_train_acc']:6.3f} {mu['final_val_acc']:6.3f} "
                  f"{mu['val_acc_at_min']:8.3f} {mu['seconds']:.0f}", flush=True)
            print("      per seed minep " + " ".join(str(r["min_val_loss_epoch"]) for r in runs) +
                  " | vacc " + " ".join(f"{r['final_val_acc']:.3f}" for r in runs) +
                  " | minvl " + " ".join(f"{r['min_val_loss']:.3f}" for r in runs) +
                  " | vl@end " + " ".join(f"{r['final_val_loss']:.3f}" for r in runs), flush=True)
            update_json(args.out, args.key, arch, {name: res}, {})
            update_json(args.out, args.key, None, {}, meta)
    print(f"total {time.perf_counter() - t0:.0f} s")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("moons")
    a.add_argument("--seeds", type=int, nargs="+", default=list(range(10)))
    a.add_argument("--configs", nargs="+", choices=list(MOONS_CONFIGS))
    a.add_argument("--n-train", type=int, default=30)
    a.add_argument("--n-val", type=int, default=1000)
    a.add_argument("--noise", type=float, default=0.3)
    a.add_argument("--lr", type=float, default=1e-2)
    a.add_argument("--steps", type=int, default=3000)
    a.add_argument("--eval-every", type=int, default=10)
    a.add_argument("--out", default=DEFAULT_OUT)
    b = sub.add_parser("images")
    b.add_argument("--arch", nargs="+", choices=["mlp", "cnn"], default=["mlp", "cnn"])
    b.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    b.add_argument("--configs", nargs="+", choices=list(IMAGE_CONFIGS))
    b.add_argument("--n-train", type=int, default=1000)
    b.add_argument("--n-val", type=int, default=2000)
    b.add_argument("--lr", type=float, default=1e-3)
    b.add_argument("--batch", type=int, default=32)
    b.add_argument("--epochs", type=int, default=20)
    b.add_argument("--out", default=DEFAULT_OUT)
    b.add_argument("--key", default="images", help="top-level key in the JSON (e.g. images_40ep for a longer run)")
    args = ap.parse_args()
    args.out = os.path.abspath(args.out)
    {"moons": cmd_moons, "images": cmd_images}[args.cmd](args)


if __name__ == "__main__":
    main()
