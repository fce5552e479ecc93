#!/usr/bin/python3
"""Golden values for tests/engine/test_cnn_ops.cpp, computed by PyTorch 1.13 (Debian's python3-torch):

    /usr/bin/python3 tests/data/gen_cnn_golden.py
        -> tests/data/cnn_golden.json          (op cases, module names, batch-norm steps)
        -> tests/data/lenet5_golden.safetensors (LeNet-5 weights, batch, gradients)

cnn_golden.json:
  "cases": conv2d, max_pool2d, avg_pool2d, adaptive_avg_pool2d and batch_norm calls. Each names the
    engine function ("fn") and its arguments, its inputs (null = not given; "layout": "transposed"
    makes a non-contiguous leaf with the same values; "grad": false = no gradient wanted), an
    upstream gradient, and what torch computed: the output, max_pool2d's indices, the gradient of
    sum(output * upstream) for each input that requires grad, and for batch_norm in training the
    running statistics after the call. Tolerance: rtol |expected| + max(atol_rel max|expected|, atol),
    atol = twice torch's own float32 rounding error (its distance from a float64 run).
    Tensors: {"shape": [...], "data": [row-major values]} (NaN written as "nan", infinities as
    "inf" / "-inf"; expected values rounded to 7 digits) or
    {"shape": [...], "hash": [seed, lo, hi]}: value[i] = float32(lo + (hi - lo) u_i) with
    u_i = ((i * 2654435761 + seed) mod 2^32) / 2^32 (exact in double, rebuilt bit for bit in C++).
  "state_dict_keys": torch's state_dict key order for Conv2d / BatchNorm / a small CNN.
  "batchnorm_steps": a BatchNorm2d (and a BatchNorm1d with momentum=None) over several training
    steps then eval: outputs, weight/bias gradients and the buffers after every step.
lenet5_golden.safetensors: the LeNet5 of ../shared/reference/pytorch/models_def.py (copied in
  tools/pytorch/gradlab_models.py), torch's default init with seed 0, a batch x (16, 1, 32, 32)
  and labels y; for each variant (tanh_avg, relu_max): the cross-entropy loss ("<variant>.loss",
  shape ()) and the gradient of every parameter ("<variant>.grad.<name>"). Parameters are stored
  as "param.<name>".
"""
import json
import math
import os
import struct
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools", "pytorch"))
from gradlab_models import LeNet5  # noqa: E402

torch.manual_seed(0)
RNG = np.random.default_rng(20241122)


# ---------------------------------------------------------------- encoding
def enc_value(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    # The shortest decimal that reads back (through double) as the same float32.
    for digits in range(6, 10):
        d = float("%.*g" % (digits, v))
        if np.float32(d) == np.float32(v):
            return d
    raise AssertionError(v)


def enc(t, **extra):
    """Exact float32 values (inputs)."""
    a = t.detach().numpy() if isinstance(t, torch.Tensor) else np.asarray(t)
    a = a.astype(np.float32)
    s = {"shape": list(a.shape), "data": [enc_value(v) for v in a.reshape(-1).tolist()]}
    s.update(extra)
    return s


def enc7(t):
    """Expected values: 7 significant digits (5e-8 relative) are plenty for 1e-5 comparisons."""
    a = t.detach().numpy().astype(np.float32).reshape(-1)
    return {"shape": list(t.shape), "data": [enc_value(v) if not math.isfinite(v) else float("%.7g" % v)
                                             for v in a.tolist()]}


def hash_values(n, seed, lo, hi):
    """value[i] = float32(lo + (hi - lo) u_i), u_i = ((i * 2654435761 + seed) mod 2^32) / 2^32: exact in
    double, so the C++ test rebuilds the same float32 values from (seed, lo, hi) alone."""
    i = np.arange(n, dtype=np.uint64)
    u = ((i * np.uint64(2654435761) + np.uint64(seed)) & np.uint64(0xFFFFFFFF)).astype(np.float64) / 4294967296.0
    return (lo + (hi - lo) * u).astype(np.float32)


_SEED = [1]


class In:
    """An input of a case: float32 values (explicit, or a hash pattern), gradient wanted, layout."""

    def __init__(self, values, grad=True, layout="contiguous", hash_=None):
        self.values = np.asarray(values, dtype=np.float32)
        self.grad = grad
        self.layout = layout
        self.hash = hash_

    def spec(self):
        extra = {}
        if self.layout != "contiguous":
            extra["layout"] = self.layout
        if not self.grad:
            extra["grad"] = False
        if self.hash is not None:
            return dict({"shape": list(self.values.shape), "hash": list(self.hash)}, **extra)
        return enc(self.values, **extra)

    def torch(self):
        return torch.tensor(self.values, requires_grad=self.grad)


def hashed(shape, lo, hi, **kw):
    seed = _SEED[0] * 7919
    _SEED[0] += 1
    n = int(np.prod(shape))
    return In(hash_values(n, seed, lo, hi).reshape(shape), hash_=(seed, lo, hi), **kw)


def normal(*shape, scale=1.0, **kw):
    """Mean 0, standard deviation `scale` (uniform, from the hash pattern)."""
    b = math.sqrt(3.0) * scale
    return hashed(shape, -b, b, **kw)


def grid(*shape, gap=0.1, **kw):
    """Distinct values (no ties) k * gap, shuffled: max pooling has one clear winner per window."""
    n = int(np.prod(shape))
    k = RNG.permutation(n) - n // 2
    return In((k * gap).reshape(shape), **kw)


def ints(lo, hi, *shape, **kw):
    """Small integers: many ties (torch picks the first largest of a window)."""
    return In(RNG.integers(lo, hi, shape).astype(np.float32), **kw)


# ---------------------------------------------------------------- the engine functions, in torch
def f_conv2d(x, w, b, stride=1, padding=0, dilation=1, groups=1):
    return F.conv2d(x, w, b, stride, padding, dilation, groups)


def f_max_pool2d(x, kernel, stride=None, padding=0, dilation=1, ceil_mode=False):
    return F.max_pool2d(x, kernel, stride, padding, dilation, ceil_mode, return_indices=True)


def f_avg_pool2d(x, kernel, stride=None, padding=0, ceil_mode=False, count_include_pad=True):
    return F.avg_pool2d(x, kernel, stride, padding, ceil_mode, count_include_pad)


def f_adaptive_avg_pool2d(x, output_size):
    return F.adaptive_avg_pool2d(x, output_size)


def f_batch_norm(x, rm, rv, w, b, training=False, momentum=0.1, eps=1e-5):
    return F.batch_norm(x, rm, rv, w, b, training, momentum, eps)


FNS = {"conv2d": f_conv2d, "max_pool2d": f_max_pool2d, "avg_pool2d": f_avg_pool2d,
       "adaptive_avg_pool2d": f_adaptive_avg_pool2d, "batch_norm": f_batch_norm}

CASES = []


def case(name, fn, inputs, rtol=1e-5, atol_rel=2e-6, **args):
    """inputs: In or None per position. Runs torch and records everything the test compares."""
    ts = [i.torch() if i is not None else None for i in inputs]
    res = FNS[fn](*ts, **args)
    out, idx = (res if isinstance(res, tuple) else (res, None))
    up = normal(*tuple(out.shape))
    if out.requires_grad:
        (out * up.torch()).sum().backward()
    # Float32 results carry rounding errors of their own (batch norm's dx cancels terms of size
    # |dy| invstd |w| down to much smaller values): the absolute tolerance is at least twice the
    # distance between torch's float32 result and the same computation in float64.
    err = 0.0
    t64 = [torch.tensor(i.values, dtype=torch.float64, requires_grad=i.grad) if i is not None else None
           for i in inputs]
    res64 = FNS[fn](*t64, **args)
    out64 = res64[0] if isinstance(res64, tuple) else res64
    if out.requires_grad:
        (out64 * up.torch().double()).sum().backward()
    pairs = [(out, out64)] + [(a.grad, b.grad) for a, b in zip(ts, t64) if a is not None and a.grad is not None]
    for a, b in pairs:
        d = (a.detach().double() - b.detach()).abs()
        d = d[torch.isfinite(d)]
        err = max(err, float(d.max()) if d.numel() else 0.0)
    c = {"name": name, "fn": fn, "args": {k: (list(v) if isinstance(v, tuple) else v) for k, v in args.items()},
         "inputs": [i.spec() if i is not None else None for i in inputs], "upstream": up.spec(),
         "output": enc7(out), "grads": [enc7(t.grad) if t is not None and t.grad is not None else None for t in ts],
         "rtol": rtol, "atol_rel": atol_rel, "atol": 2.0 * err}
    if idx is not None:
        c["indices"] = enc(idx.to(torch.float32))
    if fn == "batch_norm" and args.get("training") and ts[1] is not None:
        c["running_after"] = [enc7(ts[1]), enc7(ts[2])]
    CASES.append(c)


# ---- conv2d: both CPU plans (one GEMM over the batch for small outputs, one per image for large),
# the whole-image kernel (each image's column is the image itself), every option, odd sizes.
case("basic 3x3 with bias", "conv2d", [normal(2, 3, 7, 6), normal(4, 3, 3, 3, scale=0.3), normal(4)])
case("stride 2 padding 1 no bias", "conv2d", [normal(2, 2, 7, 6), normal(3, 2, 3, 3, scale=0.3), None],
     stride=2, padding=1)
case("stride (1,2) padding (2,1) dilation 2", "conv2d", [normal(2, 2, 8, 9), normal(3, 2, 3, 2, scale=0.3), normal(3)],
     stride=(1, 2), padding=(2, 1), dilation=2)
case("dilation (2,3) stride 3", "conv2d", [normal(1, 3, 11, 13), normal(2, 3, 2, 3, scale=0.3), normal(2)],
     stride=3, dilation=(2, 3))
case("groups 2", "conv2d", [normal(2, 4, 6, 5), normal(6, 2, 3, 3, scale=0.3), normal(6)], padding=1, groups=2)
case("depthwise groups 3, stride 2", "conv2d", [normal(2, 3, 7, 7), normal(6, 1, 3, 3, scale=0.3), normal(6)],
     stride=2, padding=1, groups=3)
case("1x1 kernel", "conv2d", [normal(3, 5, 4, 3), normal(2, 5, 1, 1, scale=0.3), normal(2)])
case("kernel covers the whole image", "conv2d", [normal(5, 3, 4, 4), normal(7, 3, 4, 4, scale=0.2), normal(7)])
case("whole-image kernel, no bias, N 1", "conv2d", [normal(1, 2, 3, 5), normal(4, 2, 3, 5, scale=0.2), None])
case("per-image plan 5x5 padding 2", "conv2d", [normal(2, 3, 16, 17), normal(8, 3, 5, 5, scale=0.1), normal(8)],
     padding=2)
case("per-image plan LeNet c1 shape", "conv2d", [normal(2, 1, 32, 32), normal(6, 1, 5, 5, scale=0.2), normal(6)])
case("per-image plan groups 2 stride (2,1) dilation 2", "conv2d",
     [normal(2, 4, 34, 18), normal(4, 2, 3, 3, scale=0.2), normal(4)], stride=(2, 1), padding=1, dilation=2,
     groups=2)
case("LeNet c3 shape (batched plan)", "conv2d", [normal(2, 6, 14, 14), normal(16, 6, 5, 5, scale=0.1), normal(16)])
case("unbatched (C, H, W)", "conv2d", [normal(2, 6, 5), normal(3, 2, 2, 2, scale=0.3), normal(3)], padding=1)
case("transposed input and weight", "conv2d",
     [normal(2, 2, 5, 6, layout="transposed"), normal(3, 2, 3, 2, scale=0.3, layout="transposed"), normal(3)],
     stride=(2, 1), padding=(0, 1))
case("x needs no gradient", "conv2d", [normal(2, 2, 6, 6, grad=False), normal(3, 2, 3, 3, scale=0.3), normal(3)])
case("only x needs a gradient", "conv2d",
     [normal(2, 2, 6, 6), normal(3, 2, 3, 3, scale=0.3, grad=False), normal(3, grad=False)], padding=1)

# ---- max_pool2d (ties: integer inputs; torch's gradient goes to the first largest element)
case("max 2x2", "max_pool2d", [grid(2, 3, 6, 8)], kernel=2)
case("max 2x2 odd size (last row/column dropped)", "max_pool2d", [grid(2, 2, 7, 9)], kernel=2)
case("max 2x2 with ties", "max_pool2d", [ints(0, 3, 2, 3, 6, 6)], kernel=2)
case("max 3x3 stride 2 padding 1", "max_pool2d", [grid(2, 2, 7, 8)], kernel=3, stride=2, padding=1)
case("max 3x3 stride 2 ceil_mode", "max_pool2d", [grid(1, 3, 8, 8)], kernel=3, stride=2, ceil_mode=True)
case("max ceil_mode padding 1 (window in the padding dropped)", "max_pool2d", [grid(1, 2, 6, 7)], kernel=2, stride=2,
     padding=1, ceil_mode=True)
case("max dilation 2 stride (1,2)", "max_pool2d", [grid(2, 2, 9, 10)], kernel=(3, 2), stride=(1, 2), dilation=2)
case("max dilation (2,1) padding 1 ceil ties", "max_pool2d", [ints(-2, 2, 1, 3, 9, 8)], kernel=3, stride=2, padding=1,
     dilation=(2, 1), ceil_mode=True)
case("max non-square kernel, transposed input", "max_pool2d", [grid(2, 2, 6, 7, layout="transposed")], kernel=(2, 3),
     stride=(2, 1))
case("max unbatched", "max_pool2d", [grid(3, 5, 5)], kernel=2, stride=1)
nan_in = RNG.standard_normal((1, 2, 4, 4)).astype(np.float32)
nan_in[0, 0, 1, 1] = np.nan
nan_in[0, 1, 0, 0] = -np.inf
nan_in[0, 1, 2, 3] = np.nan
nan_in[0, 1, 3, 3] = np.nan
case("max with NaN and -inf", "max_pool2d", [In(nan_in)], kernel=2)

# ---- avg_pool2d
case("avg 2x2", "avg_pool2d", [normal(2, 3, 6, 8)], kernel=2)
case("avg 2x2 odd size", "avg_pool2d", [normal(2, 2, 7, 5)], kernel=2)
case("avg 3x3 stride 2 padding 1 count_include_pad", "avg_pool2d", [normal(2, 2, 7, 8)], kernel=3, stride=2, padding=1)
case("avg 3x3 stride 2 padding 1 exclude pad", "avg_pool2d", [normal(2, 2, 7, 8)], kernel=3, stride=2, padding=1,
     count_include_pad=False)
case("avg ceil_mode count_include_pad", "avg_pool2d", [normal(1, 2, 8, 7)], kernel=3, stride=2, padding=1,
     ceil_mode=True)
case("avg ceil_mode exclude pad", "avg_pool2d", [normal(1, 2, 8, 7)], kernel=3, stride=2, padding=1, ceil_mode=True,
     count_include_pad=False)
case("avg ceil_mode no padding (partial last window)", "avg_pool2d", [normal(1, 2, 7, 7)], kernel=2, ceil_mode=True)
case("avg non-square, transposed input", "avg_pool2d", [normal(2, 2, 6, 9, layout="transposed")], kernel=(2, 3),
     stride=(1, 2), padding=(1, 0))
case("avg unbatched", "avg_pool2d", [normal(3, 6, 6)], kernel=3, stride=1, padding=1)

# ---- adaptive_avg_pool2d
case("adaptive 7x9 -> 3x4", "adaptive_avg_pool2d", [normal(2, 3, 7, 9)], output_size=(3, 4))
case("adaptive global 1x1", "adaptive_avg_pool2d", [normal(2, 4, 5, 6)], output_size=1)
case("adaptive same size", "adaptive_avg_pool2d", [normal(1, 2, 5, 5)], output_size=5)
case("adaptive larger than the input", "adaptive_avg_pool2d", [normal(1, 2, 3, 3)], output_size=(4, 5))
case("adaptive transposed input", "adaptive_avg_pool2d", [normal(2, 2, 8, 6, layout="transposed")], output_size=(3, 2))
case("adaptive unbatched", "adaptive_avg_pool2d", [normal(3, 10, 7)], output_size=(4, 3))


# ---- batch_norm: inputs x, running_mean, running_var, weight, bias
def stats(c):
    return In(RNG.standard_normal(c) * 0.5, grad=False), In(RNG.uniform(0.5, 2.0, c), grad=False)


rm, rv = stats(3)
case("bn train 4-D, running stats, affine", "batch_norm",
     [normal(4, 3, 5, 6, scale=2.0), rm, rv, normal(3), normal(3)], training=True)
rm, rv = stats(3)
case("bn eval 4-D, affine", "batch_norm", [normal(4, 3, 5, 6, scale=2.0), rm, rv, normal(3), normal(3)],
     training=False)
rm, rv = stats(5)
case("bn train 2-D momentum 0.3 eps 1e-3", "batch_norm", [normal(6, 5), rm, rv, normal(5), normal(5)],
     training=True, momentum=0.3, eps=1e-3)
case("bn train 3-D, no running stats, no affine", "batch_norm", [normal(3, 4, 7), None, None, None, None],
     training=True)
rm, rv = stats(4)
case("bn eval 2-D, no affine", "batch_norm", [normal(5, 4), rm, rv, None, None], training=False)
rm, rv = stats(2)
case("bn train transposed input, weight only", "batch_norm",
     [normal(3, 2, 4, 5, layout="transposed"), rm, rv, normal(2), None], training=True)
rm, rv = stats(8)
case("bn train larger (N 4, C 8, 7x7)", "batch_norm", [normal(4, 8, 7, 7, scale=3.0), rm, rv, normal(8), normal(8)],
     training=True)


# ---------------------------------------------------------------- modules
class SmallCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
                                      nn.Conv2d(4, 8, 3, bias=False), nn.AdaptiveAvgPool2d(1))
        self.norm = nn.BatchNorm1d(8, affine=False)
        self.head = nn.Linear(8, 10)


keys = {
    "conv2d": list(nn.Conv2d(3, 4, 3).state_dict().keys()),
    "conv2d_nobias": list(nn.Conv2d(3, 4, 3, bias=False).state_dict().keys()),
    "batchnorm2d": list(nn.BatchNorm2d(3).state_dict().keys()),
    "batchnorm1d_no_affine": list(nn.BatchNorm1d(3, affine=False).state_dict().keys()),
    "batchnorm2d_no_stats": list(nn.BatchNorm2d(3, track_running_stats=False).state_dict().keys()),
    "small_cnn": list(SmallCnn().state_dict().keys()),
}

# BatchNorm2d(3): 3 training steps, then eval; BatchNorm1d(4, momentum=None): cumulative average.
bn_steps = {}
for name, mod, shape in (("bn2d", nn.BatchNorm2d(3), (4, 3, 5, 5)),
                         ("bn1d_cumulative", nn.BatchNorm1d(4, momentum=None), (6, 4))):
    with torch.no_grad():
        if mod.affine:
            mod.weight.copy_(torch.tensor(RNG.uniform(0.5, 1.5, mod.num_features), dtype=torch.float32))
            mod.bias.copy_(torch.tensor(RNG.standard_normal(mod.num_features), dtype=torch.float32))
    rec = {"weight": enc(mod.weight) if mod.affine else None, "bias": enc(mod.bias) if mod.affine else None,
           "steps": []}
    for step in range(4):
        training = step < 3
        mod.train(training)
        x = torch.tensor(RNG.standard_normal(shape) * (1.0 + step) + step, dtype=torch.float32)
        up = torch.tensor(RNG.standard_normal(shape), dtype=torch.float32)
        mod.zero_grad(set_to_none=True)
        y = mod(x)
        s = {"training": training, "x": enc(x), "upstream": enc(up), "y": enc7(y)}
        if mod.affine:
            (y * up).sum().backward()
            s["dweight"], s["dbias"] = enc7(mod.weight.grad), enc7(mod.bias.grad)
        s["running_mean"], s["running_var"] = enc7(mod.running_mean), enc7(mod.running_var)
        s["num_batches_tracked"] = int(mod.num_batches_tracked)
        rec["steps"].append(s)
    bn_steps[name] = rec

out = os.path.join(HERE, "cnn_golden.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "cases": CASES, "state_dict_keys": keys, "batchnorm_steps": bn_steps}, f)
print("wrote", out, len(CASES), "cases")


# ---------------------------------------------------------------- LeNet-5, whole model
def save_safetensors(path, tensors, metadata):
    """The safetensors layout (names sorted, data back to back, header padded to 8 bytes)."""
    names = sorted(tensors)
    header, offset, blobs = {"__metadata__": metadata}, 0, []
    for n in names:
        a = np.ascontiguousarray(tensors[n], dtype="<f4")
        header[n] = {"dtype": "F32", "shape": list(a.shape), "data_offsets": [offset, offset + a.nbytes]}
        offset += a.nbytes
        blobs.append(a.tobytes())
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


torch.manual_seed(0)
base = LeNet5("tanh", "avg")
tensors = {f"param.{k}": v.detach().numpy() for k, v in base.state_dict().items()}
x = torch.randn(16, 1, 32, 32)
y = torch.randint(0, 10, (16,))
tensors["x"], tensors["y"] = x.numpy(), y.to(torch.float32).numpy()
losses = {}
for act, pool in (("tanh", "avg"), ("relu", "max")):
    v = f"{act}_{pool}"
    m = LeNet5(act, pool)
    m.load_state_dict(base.state_dict())
    loss = F.cross_entropy(m(x), y)
    loss.backward()
    tensors[f"{v}.loss"] = np.array(loss.item(), dtype=np.float32)
    losses[v] = loss.item()
    for k, p in m.named_parameters():
        tensors[f"{v}.grad.{k}"] = p.grad.numpy()
out = os.path.join(HERE, "lenet5_golden.safetensors")
save_safetensors(out, tensors, {"torch": torch.__version__, "made_by": "gen_cnn_golden.py"})
print("wrote", out, losses)
