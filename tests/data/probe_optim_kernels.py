# How PyTorch 1.13's CPU kernels round the in-place ops the optimizers use (the evidence behind
# kernels/optimizer_math.h). For each op it compares torch's float32 result, bit for bit, with
# candidate formulas (separately rounded vs fused multiply-add), for small tensors (scalar loop)
# and larger ones (AVX2 loop + scalar tail). Not a golden file: run it by hand when in doubt.
#   /usr/bin/python3 tests/data/probe_optim_kernels.py
import ctypes

import numpy as np
import torch

libm = ctypes.CDLL("libm.so.6")
libm.fmaf.restype = ctypes.c_float
libm.fmaf.argtypes = [ctypes.c_float] * 3
f32 = np.float32


def fma(a, b, c):
    a, b, c = np.broadcast_arrays(np.asarray(a, f32), np.asarray(b, f32), np.asarray(c, f32))
    return np.array([libm.fmaf(float(x), float(y), float(z)) for x, y, z in zip(a.ravel(), b.ravel(), c.ravel())],
                    dtype=f32).reshape(a.shape)


def report(name, got, candidates):
    got = got.numpy()
    cells = []
    for cname, c in candidates.items():
        same = (got.view(np.int32) == np.asarray(c, f32).view(np.int32)).sum()
        cells.append(f"{cname}: {same}/{got.size}")
    print(f"  {name:22s} " + " | ".join(cells))


rng = np.random.default_rng(0)
s = 0.1234567891234
sf = f32(s)
for n in (7, 100):
    a = rng.standard_normal(n).astype(f32)
    b = rng.standard_normal(n).astype(f32)
    c = (rng.random(n) + 0.1).astype(f32)
    T = torch.from_numpy
    print(f"n = {n}")
    report("add_(b, alpha=s)", T(a.copy()).add_(T(b), alpha=s), {"a+s*b": a + sf * b, "fma(s,b,a)": fma(sf, b, a)})
    report("addcmul_(b, c, value=s)", T(a.copy()).addcmul_(T(b), T(c), value=s),
           {"a+(s*b)*c": a + (sf * b) * c, "fma(s*b,c,a)": fma(sf * b, c, a)})
    report("addcdiv_(b, c, value=s)", T(a.copy()).addcdiv_(T(b), T(c), value=s),
           {"a+(s*b)/c": a + (sf * b) / c, "fma(s,b/c,a)": fma(sf, b / c, a)})
    report("c / s", T(c.copy()) / s, {"c/s": c / sf, "c*(1/s)": c * f32(1 / s)})
