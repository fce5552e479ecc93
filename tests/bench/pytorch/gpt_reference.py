"""PyTorch 1.13 reference for the gpt lesson (issue 15): a character-level GPT trained on Debian's
fortunes.  Data, sampler, model, init and training follow the shared specification (the C++
lesson implements the same); see GPT_REFERENCE.md next to this file for the figures it gave.

Data: every regular file directly in /usr/share/games/fortunes (English) or .../fortunes/de
(German), in byte order of the names, without *.dat, *.u8, dot files and the picture files
"ascii-art" / "asciiart"; GRADLAB_FORTUNES_DIR (or --fortunes-dir) replaces the directory that
is read.  A file that is not valid UTF-8 is skipped.  '\r' removed, entries end at a line that is
exactly "%", each entry is its lines joined by '\n' with trailing space/tab/newline stripped,
empty ones dropped.  Entry i (global index) is validation iff splitmix64(0x5EED ^ i) % 10 == 0.
Each entry is taken as it prints: a backspace removes the character before it on its line (the
old overstrike "_\bI" is "I"), other control characters but newline and tab (C0, DEL, C1) are
dropped.  A split's text is its entries joined by "\n\n".  Tokens are code points; the vocabulary is the
sorted code points of the training text, and validation code points outside it are removed.

Batches: row r of step s starts at splitmix64(splitmix64(splitmix64(seed) ^ s) ^ r) % (n_train -
ctx); x = train[start:start+ctx], y shifted by one.  Validation: 128 windows at
floor(i * (n_val - ctx - 1) / 127), mean cross-entropy over all 128 * ctx positions (nats).
"Step n" in the curves means: after n updates (step 0 = the initial model).

Model: pre-norm GPT-2 block stack, learned positions, exact GELU, LayerNorm eps 1e-5, no dropout,
head tied to wte by default (then the module has no `head` at all, so strict loading works).
Init: Linear weights and embeddings N(0, 0.02), attn.proj / mlp.proj weights N(0, 0.02 /
sqrt(2 * layers)), biases 0, LayerNorm 1 / 0; drawn after torch.manual_seed(seed) in the order of
named_parameters().
Training: AdamW (0.9, 0.99), eps 1e-8, weight decay 0.1 on parameters with >= 2 dims only; warmup
then cosine down to lr / 10 at decay_steps; clip_grad_norm_ 1.0; 2 threads.

Usage (Debian's /usr/bin/python3; run.sh picks the BLAS, see RNN_REFERENCE.md):
  run.sh openblas-omp 2 gpt_reference.py train --seeds 0 1 2 --steps 2000 --lang en --out FILE.json
  run.sh openblas-omp 2 gpt_reference.py time
  /usr/bin/python3 gpt_reference.py logits --checkpoint CKPT --input IDX --output OUT
  /usr/bin/python3 gpt_reference.py data          (prints the data statistics only)
"""
import argparse
import json
import math
import os
import platform
import stat
import statistics
import struct
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
FORTUNES = "/usr/share/games/fortunes"
PICTURES = {b"ascii-art", b"asciiart"}
MASK64 = (1 << 64) - 1
SPLIT_SALT = 0x5EED
VAL_WINDOWS = 128

DEFAULTS = {"layers": 4, "width": 128, "heads": 4, "context": 64, "batch": 32, "tied": 1,
            "lr": 2e-3, "warmup": 100, "decay_steps": 2000, "weight_decay": 0.1,
            "betas": [0.9, 0.99], "eps": 1e-8, "clip": 1.0}


# ---------------------------------------------------------------- data
def splitmix64(x):
    z = (x + 0x9E3779B97F4A7C15) & MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return z ^ (z >> 31)


def fortunes_dir(lang, override=None):
    d = override or os.environ.get("GRADLAB_FORTUNES_DIR")
    if d:
        return d
    return FORTUNES if lang == "en" else os.path.join(FORTUNES, "de")


def file_entries(text):
    """Entries of one decoded file: '\\r' removed, split at lines that are exactly "%"."""
    entries, lines = [], []

    def flush():
        e = "\n".join(lines).rstrip(" \t\n")
        if e:
            entries.append(e)
        lines.clear()

    for line in text.replace("\r", "").split("\n"):
        if line == "%":
            flush()
        else:
            lines.append(line)
    flush()
    return entries


def as_printed(text):
    """The text as it prints (see the data specification above)."""
    out = []
    for c in text:
        o = ord(c)
        if c == "\b":
            if out and out[-1] != "\n":
                out.pop()
        elif not ((o < 0x20 and c not in "\n\t") or 0x7F <= o < 0xA0):
            out.append(c)
    return "".join(out)


def read_entries(directory):
    """All entries of the directory in reading order, and the names of the files read / skipped."""
    entries, used, skipped = [], [], []
    base = os.fsencode(directory)
    for name in sorted(os.listdir(base)):                 # bytes: byte order
        st = os.lstat(os.path.join(base, name))
        if not stat.S_ISREG(st.st_mode):                  # no symlinks, no directories
            continue
        if name.endswith(b".dat") or name.endswith(b".u8") or name.startswith(b".") or name in PICTURES:
            continue
        with open(os.path.join(base, name), "rb") as f:
            raw = f.read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            skipped.append(os.fsdecode(name))
            continue
        used.append(os.fsdecode(name))
        entries.extend(file_entries(text))
    return entries, used, skipped


def load_data(lang, override=None):
    """Returns (train ids, val ids, vocab (list of code points), stats)."""
    directory = fortunes_dir(lang, override)
    entries, used, skipped = read_entries(directory)
    train_e, val_e = [], []
    for i, e in enumerate(entries):
        (val_e if splitmix64(SPLIT_SALT ^ i) % 10 == 0 else train_e).append(as_printed(e))
    train_text, val_text = "\n\n".join(train_e), "\n\n".join(val_e)
    vocab = sorted({ord(c) for c in train_text})
    index = {cp: k for k, cp in enumerate(vocab)}
    train = torch.tensor([index[ord(c)] for c in train_text], dtype=torch.long)
    val_ids = [index[ord(c)] for c in val_text if ord(c) in index]
    val = torch.tensor(val_ids, dtype=torch.long)
    stats = {"dir": directory, "files": len(used), "files_skipped_invalid_utf8": skipped,
             "entries": len(entries), "train_entries": len(train_e), "val_entries": len(val_e),
             "n_train": len(train_text), "n_val": len(val_ids),
             "val_chars_removed": len(val_text) - len(val_ids), "vocab_size": len(vocab)}
    return train, val, vocab, stats


def batch_starts(seed, step, batch, n_train, ctx):
    base = splitmix64(splitmix64(seed) ^ step)
    return [splitmix64(base ^ r) % (n_train - ctx) for r in range(batch)]


def windows(data, starts, ctx):
    idx = torch.tensor(starts, dtype=torch.long).unsqueeze(1) + torch.arange(ctx + 1)
    w = data[idx]                                        # (B, ctx + 1)
    return w[:, :-1], w[:, 1:]


def train_batch(train, seed, step, batch, ctx):
    return windows(train, batch_starts(seed, step, batch, len(train), ctx), ctx)


def val_starts(n_val, ctx, W=VAL_WINDOWS):
    return [i * (n_val - ctx - 1) // (W - 1) for i in range(W)]   # exact integer floor


# ---------------------------------------------------------------- model
class Attention(nn.Module):
    def __init__(self, E, H):
        super().__init__()
        self.heads = H
        self.qkv = nn.Linear(E, 3 * E)
        self.proj = nn.Linear(E, E)

    def forward(self, h):
        B, T, E = h.shape
        H, d = self.heads, E // self.heads
        q, k, v = (t.view(B, T, H, d).transpose(1, 2) for t in self.qkv(h).split(E, dim=2))
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(d))          # (B, H, T, T)
        future = torch.ones(T, T, dtype=torch.bool, device=h.device).triu(1)
        att = att.masked_fill(future, float("-inf")).softmax(dim=-1)
        return self.proj((att @ v).transpose(1, 2).reshape(B, T, E))


class MLP(nn.Module):
    def __init__(self, E):
        super().__init__()
        self.fc = nn.Linear(E, 4 * E)
        self.proj = nn.Linear(4 * E, E)

    def forward(self, h):
        return self.proj(F.gelu(self.fc(h)))             # exact (erf) GELU


class Block(nn.Module):
    def __init__(self, E, H):
        super().__init__()
        self.ln1 = nn.LayerNorm(E, eps=1e-5)
        self.attn = Attention(E, H)
        self.ln2 = nn.LayerNorm(E, eps=1e-5)
        self.mlp = MLP(E)

    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        return x + self.mlp(self.ln2(x))


class GPT(nn.Module):
    def __init__(self, vocab_size, layers=4, width=128, heads=4, context=64, tied=True):
        super().__init__()
        assert width % heads == 0, "width must be a multiple of heads"
        self.context, self.tied = context, bool(tied)
        self.wte = nn.Embedding(vocab_size, width)
        self.wpe = nn.Embedding(context, width)
        self.blocks = nn.ModuleList(Block(width, heads) for _ in range(layers))
        self.ln_f = nn.LayerNorm(width, eps=1e-5)
        if not self.tied:
            self.head = nn.Linear(width, vocab_size, bias=False)
        self.init_weights(layers)

    @torch.no_grad()
    def init_weights(self, layers):
        small = 0.02 / math.sqrt(2 * layers)
        for name, p in self.named_parameters():
            if name.endswith("attn.proj.weight") or name.endswith("mlp.proj.weight"):
                p.normal_(0.0, small)
            elif p.dim() >= 2:                             # other Linear weights, wte, wpe, head
                p.normal_(0.0, 0.02)
            elif name.endswith("weight"):                  # LayerNorm gains (ln1, ln2, ln_f)
                p.fill_(1.0)
            else:                                          # biases, LayerNorm shifts
                p.zero_()

    def forward(self, idx):
        B, T = idx.shape
        assert T <= self.context, f"sequence length {T} exceeds the context {self.context}"
        x = self.wte(idx) + self.wpe(torch.arange(T, device=idx.device))
        for b in self.blocks:
            x = b(x)
        x = self.ln_f(x)
        return F.linear(x, self.wte.weight) if self.tied else self.head(x)


# ---------------------------------------------------------------- training
def lr_at(s, lr, warmup, decay_steps):
    if s < warmup:
        return lr * (s + 1) / warmup
    lo = lr / 10
    p = min(1.0, (s - warmup) / max(1, decay_steps - warmup))
    return lo + 0.5 * (1 + math.cos(math.pi * p)) * (lr - lo)


def make_optimizer(model, cfg):
    decay = [p for p in model.parameters() if p.dim() >= 2]
    rest = [p for p in model.parameters() if p.dim() < 2]
    return torch.optim.AdamW([{"params": decay, "weight_decay": cfg["weight_decay"]},
                              {"params": rest, "weight_decay": 0.0}],
                             lr=cfg["lr"], betas=tuple(cfg["betas"]), eps=cfg["eps"])


def build(cfg, vocab_size, seed):
    torch.manual_seed(seed)
    return GPT(vocab_size, cfg["layers"], cfg["width"], cfg["heads"], cfg["context"], cfg["tied"])


@torch.no_grad()
def val_loss(model, val, ctx):
    x, y = windows(val, val_starts(len(val), ctx), ctx)
    logits = model(x)
    return float(F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1)))


def train_step(model, opt, cfg, train, seed, s):
    """One update (0-based step s); returns the batch loss."""
    for g in opt.param_groups:
        g["lr"] = lr_at(s, cfg["lr"], cfg["warmup"], cfg["decay_steps"])
    x, y = train_batch(train, seed, s, cfg["batch"], cfg["context"])
    logits = model(x)
    loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
    opt.zero_grad(set_to_none=True)
    loss.backward()
    nn.utils.clip_grad_norm_(model.parameters(), cfg["clip"])
    opt.step()
    return float(loss)


def timed_window(times):
    """The step times used for the median: steps 50..249, or what there is of them."""
    w = times[50:250]
    return w if len(w) >= 10 else times[min(10, len(times) // 2):]


def run_seed(cfg, train, val, V, seed, steps, every, log=print):
    model = build(cfg, V, seed)
    opt = make_optimizer(model, cfg)
    ctx = cfg["context"]
    vals, trains, times, recent = [[0, val_loss(model, val, ctx)]], [], [], []
    log(f"seed {seed} step 0 val {vals[0][1]:.4f}")
    t_all = time.perf_counter()
    for s in range(steps):
        t0 = time.perf_counter()
        recent.append(train_step(model, opt, cfg, train, seed, s))
        times.append(time.perf_counter() - t0)
        n = s + 1                                        # updates done
        if n % every == 0 or n == steps:
            trains.append([n, sum(recent) / len(recent)])
            recent = []
            vals.append([n, val_loss(model, val, ctx)])
            log(f"seed {seed} step {n} train {trains[-1][1]:.4f} val {vals[-1][1]:.4f} "
                f"({statistics.median(times[-every:]) * 1e3:.0f} ms/step)")
    finite = math.isfinite(vals[-1][1])
    return {"seed": seed, "val_loss": vals, "train_loss": trains,
            "final_val_loss": vals[-1][1], "final_val_bpc": vals[-1][1] / math.log(2) if finite else None,
            "step_time_median_s": statistics.median(timed_window(times)) if times else None,
            "wall_s": time.perf_counter() - t_all, "_times": times}


def blas_in_use():
    libs = set()
    with open("/proc/self/maps") as f:
        for line in f:
            p = line.split()[-1]
            if "blas" in p or "lapack" in p:
                libs.add(p)
    if any("openblas-openmp" in p for p in libs):
        return "openblas-openmp"
    if any("openblas" in p for p in libs):
        return "openblas-pthread"
    if any("/blas/libblas" in p for p in libs):
        return "netlib reference BLAS"
    return ",".join(sorted(libs)) or "none-mapped"


def env_info():
    return {"torch": torch.__version__, "python": platform.python_version(), "threads": torch.get_num_threads(),
            "blas": blas_in_use(), "machine": platform.machine(), "cpus": os.cpu_count()}


def config_from(args):
    cfg = dict(DEFAULTS)
    for k in ("layers", "width", "heads", "context", "batch", "tied", "lr", "warmup", "decay_steps"):
        cfg[k] = getattr(args, k)
    cfg["min_lr"] = cfg["lr"] / 10
    return cfg


def cmd_data(args):
    _, _, _, stats = load_data(args.lang, args.fortunes_dir)
    print(json.dumps(stats, indent=1))


def cmd_train(args):
    cfg = config_from(args)
    train, val, vocab, stats = load_data(args.lang, args.fortunes_dir)
    V = len(vocab)
    print(f"data: {stats['entries']} entries ({stats['train_entries']} train, {stats['val_entries']} val), "
          f"n_train {stats['n_train']}, n_val {stats['n_val']}, V {V} (ln V = {math.log(V):.4f})", flush=True)
    n_params = sum(p.numel() for p in build(cfg, V, 0).parameters())
    res = {"about": "PyTorch 1.13 reference of the gpt lesson (tests/bench/pytorch/gpt_reference.py)",
           "config": dict(cfg, steps=args.steps, lang=args.lang, eval_every=args.eval_every,
                          val_windows=VAL_WINDOWS, seeds=args.seeds),
           "data": stats, "ln_vocab": math.log(V), "n_params": n_params, "env": env_info(),
           "seeds": {}}
    all_times = []
    for seed in args.seeds:
        r = run_seed(cfg, train, val, V, seed, args.steps, args.eval_every,
                     log=lambda m: print(m, flush=True))
        all_times += timed_window(r.pop("_times"))
        res["seeds"][str(seed)] = r
        if args.out:                                     # partial results survive an interruption
            write_json(args.out, finish(res, all_times))
    res = finish(res, all_times)
    if args.out:
        write_json(args.out, res)
    print(json.dumps({k: res[k] for k in ("final_val_loss", "final_val_loss_mean", "step_time_median_s")}))


def finish(res, all_times):
    finals = [r["final_val_loss"] for r in res["seeds"].values()]
    res["final_val_loss"] = {s: r["final_val_loss"] for s, r in res["seeds"].items()}
    res["final_val_loss_mean"] = sum(finals) / len(finals)
    res["final_val_bpc_mean"] = res["final_val_loss_mean"] / math.log(2)
    # mean over seeds at every evaluated step
    steps = [s for s, _ in next(iter(res["seeds"].values()))["val_loss"]]
    res["val_loss_mean"] = [[st, sum(r["val_loss"][k][1] for r in res["seeds"].values()) / len(finals)]
                            for k, st in enumerate(steps)]
    res["step_time_median_s"] = statistics.median(all_times) if all_times else None
    return res


def write_json(path, obj):
    def clean(o):
        if isinstance(o, float):
            return o if math.isfinite(o) else None
        if isinstance(o, dict):
            return {k: clean(v) for k, v in o.items()}
        if isinstance(o, (list, tuple)):
            return [clean(v) for v in o]
        return o
    with open(path, "w") as f:
        json.dump(clean(obj), f, indent=1)
        f.write("\n")


def cmd_time(args):
    cfg = config_from(args)
    train, _, vocab, stats = load_data(args.lang, args.fortunes_dir)
    model = build(cfg, len(vocab), 0)
    opt = make_optimizer(model, cfg)
    times = []
    for s in range(args.warmup_steps + args.timed_steps):
        t0 = time.perf_counter()
        train_step(model, opt, cfg, train, 0, s)
        if s >= args.warmup_steps:
            times.append(time.perf_counter() - t0)
    print(json.dumps({"config": cfg, "vocab_size": len(vocab), "env": env_info(),
                      "warmup_steps": args.warmup_steps, "timed_steps": args.timed_steps,
                      "step_time_median_s": statistics.median(times), "step_time_mean_s": statistics.mean(times),
                      "step_time_min_s": min(times)}))


# ---------------------------------------------------------------- checkpoints (safetensors)
def write_safetensors(path, tensors, metadata=None):
    """F32 only, tensors in name order, header padded to 8 bytes (as our C++ writer does)."""
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name in sorted(tensors, key=lambda s: s.encode("utf-8")):
        b = tensors[name].detach().to(torch.float32).contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    h = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def read_safetensors(path):
    sys.path.insert(0, os.path.join(HERE, "..", "..", "data"))
    from read_safetensors import read                    # the checked reader load_rnn_state.py uses
    arrays, metadata = read(path)
    return {k: torch.from_numpy(v.copy()) for k, v in arrays.items()}, metadata


def truthy(v):
    if isinstance(v, str):
        return v.strip().lower() in ("1", "true", "on", "yes")
    return bool(v)


def model_from_checkpoint(path):
    tensors, metadata = read_safetensors(path)
    meta = json.loads(metadata["meta"])
    params = meta.get("params", meta)
    vocab = meta.get("vocab", params.get("vocab"))
    state = {k[len("model."):]: v for k, v in tensors.items() if k.startswith("model.")}
    V = len(vocab) if vocab is not None else state["wte.weight"].shape[0]
    model = GPT(V, int(params["layers"]), int(params["width"]), int(params["heads"]), int(params["context"]),
                truthy(params.get("tied", 1)))
    model.load_state_dict(state, strict=True)
    return model.eval()


def cmd_logits(args):
    model = model_from_checkpoint(args.checkpoint)
    tensors, _ = read_safetensors(args.input)
    idx = tensors["idx"]
    assert torch.equal(idx, idx.round()) and idx.min() >= 0, "idx must hold non-negative integers"
    with torch.no_grad():
        logits = model(idx.long())
    write_safetensors(args.output, {"logits": logits})


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("train", "time", "data"):
        p = sub.add_parser(name)
        p.add_argument("--lang", choices=["en", "de"], default="en")
        p.add_argument("--fortunes-dir", default=None, help="read this directory instead (as GRADLAB_FORTUNES_DIR)")
        p.add_argument("--layers", type=int, default=DEFAULTS["layers"])
        p.add_argument("--width", type=int, default=DEFAULTS["width"])
        p.add_argument("--heads", type=int, default=DEFAULTS["heads"])
        p.add_argument("--context", type=int, default=DEFAULTS["context"])
        p.add_argument("--batch", type=int, default=DEFAULTS["batch"])
        p.add_argument("--tied", type=int, choices=[0, 1], default=DEFAULTS["tied"])
        p.add_argument("--lr", type=float, default=DEFAULTS["lr"], help="peak learning rate")
        p.add_argument("--warmup", type=int, default=DEFAULTS["warmup"])
        p.add_argument("--decay-steps", type=int, default=DEFAULTS["decay_steps"],
                       help="end of the cosine (a fixed setting, not tied to --steps)")
        p.add_argument("--threads", type=int, default=2)
        if name == "train":
            p.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
            p.add_argument("--steps", type=int, default=2000)
            p.add_argument("--eval-every", type=int, default=100)
            p.add_argument("--out", default=None)
        if name == "time":
            p.add_argument("--warmup-steps", type=int, default=20)
            p.add_argument("--timed-steps", type=int, default=100)
    p = sub.add_parser("logits")
    p.add_argument("--checkpoint", required=True)
    p.add_argument("--input", required=True)
    p.add_argument("--output", required=True)
    p.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    {"train": cmd_train, "time": cmd_time, "data": cmd_data, "logits": cmd_logits}[args.cmd](args)


if __name__ == "__main__":
    main()
