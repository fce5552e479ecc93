#!/usr/bin/python3
"""Golden values for tests/engine/test_ops_golden.cpp: forward outputs and input gradients of every
op, computed by PyTorch 1.13 (Debian's python3-torch; run with /usr/bin/python3).

    /usr/bin/python3 tests/data/gen_ops_golden.py   ->  tests/data/ops_golden.json

Each case names an engine function ("fn") with its arguments, its inputs, an upstream gradient,
and what torch computed: the output (and indices for max/min along a dim) and the gradient of
sum(output * upstream) for every input that requires grad. Tensors are stored as
  {"shape": [...], "data": [...]}                 row-major values
  {"shape": [...], "periodic": [...]}             value[i] = periodic[i % len] (large tensors)
  {"shape": [R, n], "rotated": [...], "shift": s} value[r][j] = rotated[(j + s r) % n]
  {"shape": [...], "hash": [seed, lo, hi]}        value[i] = float32(lo + (hi - lo) u_i), with
                                                  u_i = ((i * 2654435761 + seed) mod 2^32) / 2^32
(the last is exact in double, so C++ rebuilds the same float32 inputs). NaN and infinities are
written as the strings "nan", "inf", "-inf". An input may say "layout": "transposed" (the engine
stores it transposed: a non-contiguous leaf) and "grad": false.
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

torch.manual_seed(0)
RNG = np.random.default_rng(20240601)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ops_golden.json")


# ---------------------------------------------------------------- encoding
def enc_value(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    # The shortest decimal that reads back (through double, as C++ reads it) as the same float32.
    for digits in range(6, 10):
        d = float("%.*g" % (digits, v))
        if np.float32(d) == np.float32(v):
            return d
    raise AssertionError(v)


def enc_list(a):
    return [enc_value(v) for v in np.asarray(a, dtype=np.float32).reshape(-1).tolist()]


def hash_values(n, seed, lo, hi):
    i = np.arange(n, dtype=np.uint64)
    u = ((i * np.uint64(2654435761) + np.uint64(seed)) & np.uint64(0xFFFFFFFF)).astype(np.float64) / 4294967296.0
    return (lo + (hi - lo) * u).astype(np.float32)


class T:
    """A tensor of a case: values (float32 numpy) plus how to store them."""

    def __init__(self, values, grad=True, layout="contiguous", enc="data", period=None, shift=None, hash_=None):
        self.values = np.asarray(values, dtype=np.float32)
        self.grad = grad
        self.layout = layout
        self.enc = enc
        self.period = period
        self.shift = shift
        self.hash = hash_

    def spec(self):
        s = {"shape": list(self.values.shape)}
        flat = self.values.reshape(-1)
        if self.enc == "data":
            s["data"] = enc_list(flat)
        elif self.enc == "periodic":
            p = flat[: self.period]
            assert np.array_equal(np.resize(p, flat.shape), flat, equal_nan=True)
            s["periodic"] = enc_list(p)
        elif self.enc == "rotated":
            R, n = self.values.shape
            s["rotated"] = enc_list(self.values[0])
            s["shift"] = self.shift
        elif self.enc == "hash":
            s["hash"] = list(self.hash)
        if self.layout != "contiguous":
            s["layout"] = self.layout
        if not self.grad:
            s["grad"] = False
        return s

    def torch(self):
        return torch.tensor(self.values, requires_grad=self.grad)


def expected_spec(t, like):
    """Encodes torch's result t the way `like` (an input) is encoded when it is a large pattern."""
    v = t.detach().numpy().astype(np.float32)
    if like is not None and like.enc == "periodic" and v.shape == like.values.shape:
        p = v.reshape(-1)[: like.period]
        tiled = np.resize(p, v.size)
        # torch's vector body and scalar tail may round differently: well within the tests' tolerance.
        np.testing.assert_allclose(tiled, v.reshape(-1), rtol=2e-6, atol=1e-7 * np.abs(v).max())
        return {"shape": list(v.shape), "periodic": enc_list(p)}
    if like is not None and like.enc == "rotated" and v.shape == like.values.shape:
        R, n = v.shape
        rows = np.stack([np.roll(v[0], -like.shift * r) for r in range(R)])
        # Rows are summed in another order after the rotation: equal up to float rounding.
        np.testing.assert_allclose(rows, v, rtol=1e-5, atol=1e-7 * np.abs(v).max())
        return {"shape": list(v.shape), "rotated": enc_list(v[0]), "shift": like.shift}
    return {"shape": list(v.shape), "data": enc_list(v)}


# ---------------------------------------------------------------- value makers
def normal(*shape, scale=1.0, **kw):
    return T(RNG.standard_normal(shape) * scale, **kw)


def uniform(lo, hi, *shape, **kw):
    return T(RNG.uniform(lo, hi, shape), **kw)


def away(*shape, lo=0.2, hi=1.5, **kw):
    sign = np.where(RNG.uniform(size=shape) < 0.5, -1.0, 1.0)
    return T(sign * RNG.uniform(lo, hi, shape), **kw)


def ints(n, *shape, **kw):
    kw.setdefault("grad", False)
    return T(RNG.integers(0, n, shape).astype(np.float32), **kw)


def vals(v, **kw):
    return T(np.array(v, dtype=np.float32), **kw)


def periodic(n, period, fn, **kw):
    p = fn(period).astype(np.float32)
    return T(np.resize(p, n), enc="periodic", period=period, **kw)


def hashed(shape, seed, lo, hi, **kw):
    n = int(np.prod(shape))
    return T(hash_values(n, seed, lo, hi).reshape(shape), enc="hash", hash_=(seed, lo, hi), **kw)


NAN, INF = float("nan"), float("inf")


# ---------------------------------------------------------------- the engine functions, in torch
def red(kw):
    return kw.get("reduction", "mean")


def f_max(x, dim=None, keepdim=False):
    return torch.max(x) if dim is None else torch.max(x, dim, keepdim)


def f_min(x, dim=None, keepdim=False):
    return torch.min(x) if dim is None else torch.min(x, dim, keepdim)


def f_var(x, dims=None, unbiased=True, keepdim=False):
    return torch.var(x, unbiased=unbiased) if dims is None else torch.var(x, dims, unbiased=unbiased, keepdim=keepdim)


def f_sum(x, dims=None, keepdim=False):
    return torch.sum(x) if dims is None else torch.sum(x, dims, keepdim)


def f_mean(x, dims=None, keepdim=False):
    return torch.mean(x) if dims is None else torch.mean(x, dims, keepdim)


def f_clamp(x, min=None, max=None):
    return torch.clamp(x, min=min, max=max)


FNS = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
    "pow": lambda a, b: torch.pow(a, b),
    "maximum": torch.maximum,
    "minimum": torch.minimum,
    "pow_scalar": lambda x, exponent: torch.pow(x, exponent),
    "add_scalar": lambda x, value: x + value,
    "sub_scalar": lambda x, value: x - value,
    "mul_scalar": lambda x, value: x * value,
    "div_scalar": lambda x, value: x / value,
    "rsub_scalar": lambda x, value: value - x,
    "rdiv_scalar": lambda x, value: value / x,
    "neg": torch.neg,
    "exp": torch.exp,
    "log": torch.log,
    "sqrt": torch.sqrt,
    "abs": torch.abs,
    "clamp": f_clamp,
    "where": lambda c, a, b: torch.where(c != 0, a, b),
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "leaky_relu": lambda x, slope=0.01: F.leaky_relu(x, slope),
    "elu": lambda x, alpha=1.0: F.elu(x, alpha),
    "gelu": lambda x, approximate="none": F.gelu(x, approximate=approximate),
    "softplus": lambda x, beta=1.0, threshold=20.0: F.softplus(x, beta, threshold),
    "silu": F.silu,
    "softmax": lambda x, dim: torch.softmax(x, dim),
    "log_softmax": lambda x, dim: torch.log_softmax(x, dim),
    "sum": f_sum,
    "mean": f_mean,
    "max": f_max,
    "min": f_min,
    "var": f_var,
    "matmul": torch.matmul,
    "reshape": lambda x, shape: x.reshape(shape),
    "flatten": lambda x, start=0, end=-1: x.flatten(start, end),
    "transpose": lambda x, d0, d1: x.transpose(d0, d1),
    "permute": lambda x, dims: x.permute(dims),
    "expand": lambda x, shape: x.expand(shape),
    "slice": lambda x, dim, start, end, step=1: x[(slice(None),) * (dim % x.dim()) + (slice(start, end, step),)],
    "select": lambda x, dim, index: x.select(dim, index),
    "concat": lambda *xs, dim: torch.cat(xs, dim),
    "stack": lambda *xs, dim: torch.stack(xs, dim),
    "clone": lambda x: x.clone(),
    "index_select": lambda x, i, dim: torch.index_select(x, dim, i.long()),
    "gather": lambda x, i, dim: torch.gather(x, dim, i.long()),
    "mse_loss": lambda a, b, **kw: F.mse_loss(a, b, reduction=red(kw)),
    "l1_loss": lambda a, b, **kw: F.l1_loss(a, b, reduction=red(kw)),
    "binary_cross_entropy": lambda a, b, **kw: F.binary_cross_entropy(a, b, reduction=red(kw)),
    "bce_with_logits": lambda a, b, pw=None, **kw: F.binary_cross_entropy_with_logits(a, b, reduction=red(kw),
                                                                                       pos_weight=pw),
    "cross_entropy": lambda x, t, **kw: F.cross_entropy(x, t.long(), reduction=red(kw),
                                                         label_smoothing=kw.get("label_smoothing", 0.0),
                                                         ignore_index=kw.get("ignore_index", -100)),
    "nll_loss": lambda x, t, **kw: F.nll_loss(x, t.long(), reduction=red(kw), ignore_index=kw.get("ignore_index", -100)),
    # torch's own cells from x, h (and c) and the weights; the engine's fused cells take the products
    "rnn_cell": lambda x, h, w_ih, w_hh, b_ih, b_hh, relu=False: (torch.rnn_relu_cell if relu else torch.rnn_tanh_cell)(
        x, h, w_ih, w_hh, b_ih, b_hh),
    "lstm_cell": lambda x, h, c, w_ih, w_hh, b_ih, b_hh: torch.stack(torch.lstm_cell(x, (h, c), w_ih, w_hh, b_ih, b_hh)),
    "gru_cell": lambda x, h, w_ih, w_hh, b_ih, b_hh: torch.gru_cell(x, h, w_ih, w_hh, b_ih, b_hh),
}

CASES = []


def case(name, fn, inputs, rtol=1e-5, atol=1e-6, upstream=None, **args):
    """Runs FNS[fn] on the inputs in torch and records the case."""
    tins = [t.torch() for t in inputs]
    out = FNS[fn](*tins, **args)
    indices = None
    if isinstance(out, tuple):
        out, indices = out
    big = next((t for t in inputs if t.enc in ("periodic", "rotated")), None)
    if upstream is None:
        if big is not None and big.enc == "periodic" and tuple(out.shape) == big.values.shape:
            upstream = periodic(out.numel(), big.period, lambda n: RNG.standard_normal(n))
            upstream.values = upstream.values.reshape(out.shape)
        elif big is not None and big.enc == "rotated" and tuple(out.shape) == big.values.shape:
            row = RNG.standard_normal(out.shape[1]).astype(np.float32)
            upstream = T(np.stack([np.roll(row, -big.shift * r) for r in range(out.shape[0])]), enc="rotated",
                         shift=big.shift)
        else:
            upstream = T(RNG.standard_normal(tuple(out.shape)))
    grads = [None] * len(inputs)
    if out.requires_grad:
        out.backward(torch.tensor(upstream.values))
        grads = [expected_spec(t.grad, inp) if inp.grad else None for t, inp in zip(tins, inputs)]
    c = {"name": name, "fn": fn, "args": args, "inputs": [t.spec() for t in inputs], "upstream": upstream.spec(),
         "output": expected_spec(out, big), "grads": grads, "rtol": rtol, "atol": atol}
    if indices is not None:
        c["indices"] = {"shape": list(indices.shape), "data": [float(i) for i in indices.reshape(-1).tolist()]}
    CASES.append(c)


# ---------------------------------------------------------------- binary ops
case("add broadcast", "add", [normal(3, 4), normal(4)])
case("add transposed", "add", [normal(4, 3, layout="transposed"), normal(4, 3)])
case("sub outer broadcast", "sub", [normal(2, 1, 5), normal(3, 1)])
case("mul broadcast", "mul", [normal(3, 1), normal(1, 5, layout="transposed")])
case("div", "div", [normal(3, 5), away(3, 5, lo=0.3, hi=3.0)])
case("div broadcast, division by zero", "div", [vals([1.0, -1.0, 0.0, 2.0]), vals([[0.0], [4.0]])])
case("pow tensor exponents", "pow", [uniform(0.2, 3.0, 3, 4), normal(3, 4)])
case("pow exponent 0 at base 0", "pow", [vals([0.0, 0.0, 2.0, 0.0, 3.0]), vals([0.0, 2.0, 0.0, 0.5, -1.0])])
case("pow scalar 2", "pow_scalar", [normal(33)], exponent=2.0)
case("pow scalar 0.5", "pow_scalar", [uniform(0.1, 4.0, 33)], exponent=0.5)
case("pow scalar 3", "pow_scalar", [normal(3, 4, layout="transposed")], exponent=3.0)
case("pow scalar -1", "pow_scalar", [away(33, lo=0.3, hi=3.0)], exponent=-1.0)
case("pow scalar 1.5", "pow_scalar", [uniform(0.1, 3.0, 7)], exponent=1.5)
case("pow scalar 0", "pow_scalar", [normal(5)], exponent=0.0)
case("maximum with ties and NaN", "maximum", [vals([1.0, 2.0, NAN, 3.0, -INF, 0.5]), vals([1.0, 3.0, 1.0, NAN, 0.0, -0.5])])
case("maximum broadcast", "maximum", [normal(4, 5), normal(5)])
case("minimum with ties and NaN", "minimum", [vals([1.0, 2.0, NAN, 3.0, INF, 0.5]), vals([1.0, 3.0, 1.0, NAN, 0.0, -0.5])])
case("minimum broadcast", "minimum", [normal(3, 1), normal(4)])
case("add scalar", "add_scalar", [normal(7)], value=2.5)
case("sub scalar", "sub_scalar", [normal(7)], value=1.25)
case("mul scalar", "mul_scalar", [normal(3, 4, layout="transposed")], value=-3.0)
case("div scalar", "div_scalar", [normal(7)], value=3.0)
case("rsub scalar", "rsub_scalar", [normal(7)], value=1.0)
case("rdiv scalar", "rdiv_scalar", [away(7, lo=0.3, hi=2.0)], value=2.0)

# ---------------------------------------------------------------- unary math, with special values
case("neg", "neg", [normal(7)])
case("exp with infinities", "exp", [vals([0.0, 1.0, -2.5, 10.0, INF, -INF, NAN, 88.0, 89.0, -104.0])])
case("log with 0 and negatives", "log", [vals([1.0, 0.5, 3.0, 1e-30, 0.0, -1.0, INF, NAN, 7.25])])
case("sqrt with 0 and negatives", "sqrt", [vals([4.0, 2.0, 0.25, 0.0, -1.0, INF, NAN, 1e-20])])
case("abs", "abs", [vals([-2.0, 3.0, 0.0, -INF, NAN, 1e-30, -0.5])])
case("clamp both", "clamp", [vals([-2.0, -0.5, 0.0, 0.3, 0.5, 0.7, NAN, INF, -INF])], min=-0.5, max=0.5)
case("clamp min only", "clamp", [normal(3, 4)], min=0.1)
case("clamp max only", "clamp", [normal(3, 4, layout="transposed")], max=-0.2)
case("where broadcast", "where", [vals([[1.0], [0.0], [1.0]], grad=False), normal(3, 4), normal(4)])
case("where with NaN in the branch not taken", "where",
     [vals([1.0, 0.0, 1.0, 0.0], grad=False), vals([1.0, NAN, 3.0, INF]), vals([NAN, 2.0, -INF, 4.0])])

# ---------------------------------------------------------------- activations
special = [0.0, 1.0, -1.0, 5.0, -5.0, 20.0, -20.0, 100.0, -100.0, INF, -INF, NAN, 1e-4, -1e-4, 0.5, -0.7]
case("sigmoid", "sigmoid", [vals(special)])
case("tanh", "tanh", [vals(special)])
case("relu with NaN", "relu", [vals(special)])
case("leaky_relu slope 0.2", "leaky_relu", [vals(special)], slope=0.2)
case("leaky_relu default", "leaky_relu", [normal(3, 4)])
case("elu alpha 1", "elu", [vals([v for v in special if not math.isinf(v)])])
case("elu alpha 0.5", "elu", [normal(3, 5, scale=2.0)], alpha=0.5)
case("gelu", "gelu", [vals(special)])
case("gelu tanh", "gelu", [vals(special)], approximate="tanh")
case("softplus default", "softplus", [vals(special)])
case("softplus beta 2 threshold 5", "softplus", [normal(33, scale=3.0)], beta=2.0, threshold=5.0)
case("softplus beta 0.5", "softplus", [normal(7, scale=4.0)], beta=0.5)
case("silu", "silu", [vals([v for v in special if not math.isinf(v)])])
case("softmax dim 1", "softmax", [normal(3, 5, scale=2.0)], dim=1)
case("softmax dim 0", "softmax", [normal(3, 5, scale=2.0)], dim=0)
case("softmax middle dim, transposed", "softmax", [normal(2, 4, 3, layout="transposed")], dim=1)
case("softmax with -inf (masked)", "softmax", [vals([[1.0, -INF, 2.0, 0.5], [-INF, 0.0, -INF, -INF]])], dim=-1)
case("log_softmax dim -1", "log_softmax", [normal(4, 7, scale=3.0)], dim=-1)
case("log_softmax dim 0", "log_softmax", [normal(4, 3)], dim=0)
case("log_softmax with -inf", "log_softmax", [vals([[1.0, -INF, 2.0], [0.0, 3.0, -INF]])], dim=1)

# ---------------------------------------------------------------- reductions
case("sum all", "sum", [normal(3, 4, layout="transposed")])
case("sum dims 0 2", "sum", [normal(2, 3, 4)], dims=[0, 2])
case("sum dim 1 keepdim", "sum", [normal(2, 3, 4)], dims=[1], keepdim=True)
case("sum with inf", "sum", [vals([1.0, INF, 2.0])])
case("mean all", "mean", [normal(5, 7)])
case("mean dim -1", "mean", [normal(3, 5)], dims=[-1])
case("mean dims 0 1 keepdim", "mean", [normal(2, 3, 4, layout="transposed")], dims=[0, 1], keepdim=True)
case("max all with ties", "max", [vals([1.0, 3.0, -2.0, 3.0, 0.5])])
case("max all with NaN", "max", [vals([1.0, NAN, 3.0, NAN])])
case("max dim 1", "max", [normal(3, 5)], dim=1)
case("max dim 0 keepdim, ties and NaN", "max", [vals([[1.0, 2.0, NAN], [1.0, 5.0, 3.0], [0.0, 5.0, 4.0]])], dim=0,
     keepdim=True)
case("min all with ties", "min", [vals([1.0, -3.0, -2.0, -3.0])])
case("min dim -1", "min", [normal(2, 3, 4)], dim=-1)
case("min dim 1 keepdim", "min", [normal(2, 3, 4, layout="transposed")], dim=1, keepdim=True)
case("var all", "var", [normal(5, 7)])
case("var all biased", "var", [normal(33)], unbiased=False)
case("var dim 1 keepdim", "var", [normal(3, 6)], dims=[1], keepdim=True)
case("var dims 0 2 biased", "var", [normal(3, 2, 4)], dims=[0, 2], unbiased=False)
# (forward only: torch 1.13's own backward of var fails on these shapes)
case("var of one element (NaN)", "var", [vals([3.0], grad=False)])
case("var of a 0-d tensor, biased", "var", [vals(2.5, grad=False)], unbiased=False)

# ---------------------------------------------------------------- matmul
case("matmul dot", "matmul", [normal(7), normal(7)])
case("matmul matrix @ vector", "matmul", [normal(3, 4), normal(4)])
case("matmul vector @ matrix", "matmul", [normal(4), normal(4, 5)])
case("matmul 2-D", "matmul", [normal(3, 4), normal(4, 5)])
case("matmul transposed operands", "matmul", [normal(5, 4, layout="transposed"), normal(4, 6, layout="transposed")])
case("matmul batched @ 2-D", "matmul", [normal(2, 3, 4), normal(4, 5)])
case("matmul broadcast batch dims", "matmul", [normal(2, 1, 3, 4), normal(3, 4, 2)])
case("matmul vector @ batched", "matmul", [normal(4), normal(2, 4, 3)])
case("matmul batched @ vector", "matmul", [normal(2, 3, 4), normal(4)])
case("matmul inner size 0", "matmul", [T(np.zeros((3, 0))), T(np.zeros((0, 4)))])
case("matmul batched, inner size 0", "matmul", [T(np.zeros((2, 3, 0))), T(np.zeros((2, 0, 4)))])

# ---------------------------------------------------------------- shape and indexing
case("reshape -1", "reshape", [normal(3, 4, layout="transposed")], shape=[2, -1])
case("flatten", "flatten", [normal(2, 3, 4)], start=1)
case("transpose", "transpose", [normal(2, 3, 4)], d0=0, d1=2)
case("permute", "permute", [normal(2, 3, 4)], dims=[2, 0, 1])
case("expand", "expand", [normal(3, 1)], shape=[2, 3, 4])
case("slice with step", "slice", [normal(4, 9)], dim=1, start=1, end=8, step=3)
case("slice negative start", "slice", [normal(6, 3)], dim=0, start=-4, end=100)
case("select", "select", [normal(3, 4, layout="transposed")], dim=1, index=-1)
case("concat dim 1", "concat", [normal(2, 3), normal(2, 1), normal(2, 4)], dim=1)
case("concat dim 0", "concat", [normal(1, 3), normal(2, 3, layout="transposed")], dim=0)
case("stack dim 1", "stack", [normal(3, 2), normal(3, 2)], dim=1)
case("clone", "clone", [normal(3, 4, layout="transposed")])
case("index_select dim 0 repeated", "index_select", [normal(4, 3), vals([3.0, 0.0, 3.0, 1.0, 3.0], grad=False)], dim=0)
case("index_select dim 1", "index_select", [normal(3, 5), vals([4.0, 1.0], grad=False)], dim=1)
case("gather dim 1", "gather", [normal(3, 5), ints(5, 3, 4)], dim=1)
case("gather dim 0", "gather", [normal(4, 3), ints(4, 6, 3)], dim=0)

# ---------------------------------------------------------------- losses
for r in ("mean", "sum", "none"):
    case(f"mse_loss {r}", "mse_loss", [normal(3, 4), normal(3, 4, grad=True)], reduction=r)
    case(f"l1_loss {r}", "l1_loss", [normal(3, 4), normal(3, 4)], reduction=r)
    case(f"binary_cross_entropy {r}", "binary_cross_entropy", [uniform(0.02, 0.98, 3, 4), uniform(0, 1, 3, 4)],
         reduction=r)
    case(f"bce_with_logits {r}", "bce_with_logits", [normal(3, 4, scale=3.0), uniform(0, 1, 3, 4)], reduction=r)
case("binary_cross_entropy at 0 and 1", "binary_cross_entropy",
     [vals([0.0, 1.0, 0.5, 1e-8, 0.999]), vals([0.0, 1.0, 1.0, 0.0, 1.0], grad=False)], reduction="sum")
case("bce_with_logits zero and large logits", "bce_with_logits",
     [vals([0.0, 0.0, 30.0, -30.0, 100.0, -100.0, 1e-3]), vals([0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.5])])
case("bce_with_logits pos_weight", "bce_with_logits",
     [vals([[0.0, 1.5, -2.0], [3.0, -0.5, 0.0]]), uniform(0, 1, 2, 3), vals([0.5, 2.0, 3.0], grad=False)],
     reduction="sum")
for r in ("mean", "sum", "none"):
    case(f"cross_entropy {r}", "cross_entropy", [normal(5, 4, scale=2.0), ints(4, 5)], reduction=r)
    case(f"cross_entropy label_smoothing 0.1 {r}", "cross_entropy", [normal(5, 4, scale=2.0), ints(4, 5)],
         reduction=r, label_smoothing=0.1)
    case(f"cross_entropy ignore_index, smoothing 0.2 {r}", "cross_entropy",
         [normal(6, 3), vals([0.0, -100.0, 2.0, 1.0, -100.0, 2.0], grad=False)], reduction=r, label_smoothing=0.2)
    case(f"nll_loss {r}", "nll_loss", [normal(5, 4), ints(4, 5)], reduction=r)
    case(f"nll_loss ignore_index 1 {r}", "nll_loss", [normal(6, 3), vals([0.0, 1.0, 2.0, 1.0, 0.0, 2.0], grad=False)],
         reduction=r, ignore_index=1)
case("cross_entropy (N, C, d)", "cross_entropy", [normal(2, 4, 3), ints(4, 2, 3)])
case("cross_entropy (N, C, d1, d2) smoothing", "cross_entropy", [normal(2, 3, 2, 2), ints(3, 2, 2, 2)],
     label_smoothing=0.3)
case("cross_entropy transposed logits", "cross_entropy", [normal(4, 6, layout="transposed"), ints(6, 4)])
case("nll_loss (N, C, d) sum", "nll_loss", [normal(2, 4, 3), ints(4, 2, 3)], reduction="sum")

# ---------------------------------------------------------------- large: vectorised and OpenMP paths
# 100003 elements (odd, > 64k: the CPU kernels go parallel) as a pattern of period 331 (prime).
N = 100003
pat = lambda lo, hi: (lambda n: RNG.uniform(lo, hi, n))
case("large exp", "exp", [periodic(N, 331, pat(-5, 5))])
case("large log", "log", [periodic(N, 331, pat(0.01, 10))])
case("large tanh", "tanh", [periodic(N, 331, pat(-4, 4))])
case("large sigmoid", "sigmoid", [periodic(N, 331, pat(-8, 8))])
case("large relu", "relu", [periodic(N, 331, pat(-1, 1))])
case("large gelu", "gelu", [periodic(N, 331, pat(-4, 4))])
case("large gelu tanh", "gelu", [periodic(N, 331, pat(-4, 4))], approximate="tanh")
case("large silu", "silu", [periodic(N, 331, pat(-6, 6))])
case("large softplus", "softplus", [periodic(N, 331, pat(-30, 30))])
case("large elu", "elu", [periodic(N, 331, pat(-3, 3))])
case("large sqrt", "sqrt", [periodic(N, 331, pat(0.01, 9))])
case("large pow scalar 1.5", "pow_scalar", [periodic(N, 331, pat(0.1, 3))], exponent=1.5)
case("large add", "add", [periodic(N, 331, pat(-3, 3)), periodic(N, 331, pat(-3, 3))])
case("large mul", "mul", [periodic(N, 331, pat(-3, 3)), periodic(N, 331, pat(-3, 3))])
case("large div", "div", [periodic(N, 331, pat(-3, 3)), periodic(N, 331, pat(0.5, 3))])
case("large maximum", "maximum", [periodic(N, 331, pat(-3, 3)), periodic(N, 331, pat(-3, 3))])
case("large sum", "sum", [periodic(N, 331, pat(-1, 1))])
case("large mean", "mean", [periodic(N, 331, pat(-1, 2))])
case("large max", "max", [periodic(N, 331, pat(-1, 2))])
row = RNG.uniform(-6, 6, 1000).astype(np.float32)
case("large softmax rows", "softmax",
     [T(np.stack([np.roll(row, -7 * r) for r in range(100)]), enc="rotated", shift=7)], dim=1)
case("large log_softmax rows", "log_softmax",
     [T(np.stack([np.roll(row, -7 * r) for r in range(100)]), enc="rotated", shift=7)], dim=1)
# Eigen's GEMM (and the batch-parallel loop): inputs rebuilt from the hash; the absolute tolerance
# allows for sums of up to 64 products rounded in another order.
case("larger matmul", "matmul", [hashed((48, 64), 1, -1.0, 1.0), hashed((64, 40), 2, -1.0, 1.0)],
     upstream=hashed((48, 40), 5, -1.0, 1.0), rtol=1e-5, atol=2e-5)
case("larger batched matmul", "matmul", [hashed((4, 16, 32), 3, -1.0, 1.0), hashed((4, 32, 24), 4, -1.0, 1.0)],
     upstream=hashed((4, 16, 24), 6, -1.0, 1.0), rtol=1e-5, atol=2e-5)

# x * x: the same tensor as both operands (a diamond in the graph).
x = normal(7)
tx = x.torch()
y = tx * tx
up = RNG.standard_normal(7).astype(np.float32)
y.backward(torch.tensor(up))
CASES.append({"name": "mul x * x", "fn": "square_by_mul", "args": {}, "inputs": [x.spec()],
              "upstream": {"shape": [7], "data": enc_list(up)}, "output": expected_spec(y, None),
              "grads": [expected_spec(tx.grad, None)], "rtol": 1e-5, "atol": 1e-6})

# ---------------------------------------------------------------- recurrent cells: batch 3, input 5,
# hidden 7 (gates of 7, 28 and 21); a second batch with larger pre-activations (saturated gates).
for scale in (0.5, 1.5):
    case(f"rnn_cell tanh, weights x {scale}", "rnn_cell",
         [normal(3, 5), normal(3, 7), normal(7, 5, scale=scale), normal(7, 7, scale=scale), normal(7), normal(7)])
    case(f"rnn_cell relu, weights x {scale}", "rnn_cell",
         [normal(3, 5), normal(3, 7), normal(7, 5, scale=scale), normal(7, 7, scale=scale), normal(7), normal(7)],
         relu=True)
    case(f"lstm_cell, weights x {scale}", "lstm_cell",
         [normal(3, 5), normal(3, 7), normal(3, 7), normal(28, 5, scale=scale), normal(28, 7, scale=scale), normal(28),
          normal(28)], atol=1e-5)
    case(f"gru_cell, weights x {scale}", "gru_cell",
         [normal(3, 5), normal(3, 7), normal(21, 5, scale=scale), normal(21, 7, scale=scale), normal(21), normal(21)],
         atol=1e-5)

# One case per line, so that a regenerated file diffs readably.
with open(OUT, "w") as f:
    f.write('{"generator": "tests/data/gen_ops_golden.py", "torch": %s, "cases": [\n' % json.dumps(torch.__version__))
    f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in CASES))
    f.write("\n]}\n")
print(f"{len(CASES)} cases -> {OUT} ({os.path.getsize(OUT) // 1024} KiB)")
