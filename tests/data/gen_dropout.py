# Golden data for TestNn::dropoutMatchesTorch (tests/engine/test_nn.cpp): torch.nn.Dropout
# (PyTorch 1.13) on 2000 normal values (200 for p = 0 and 1) for p in {0.1, 0.3, 0.5, 0.8}, in train and eval mode, and
# the gradient of sum(y * r) in train mode; plus p = 0 and p = 1 and the probabilities torch rejects.
# Our engine draws its own masks, so the C++ test checks the semantics (eval = identity, kept
# elements x / (1 - p), dropped ones 0, gradient r / (1 - p) or 0, kept fraction ~ 1 - p), not
# the masks.  The convention is checked here too before anything is written.
# Run with Debian's torch: /usr/bin/python3 tests/data/gen_dropout.py  (writes dropout_golden.json)
import json
import math
import os

import torch
import torch.nn as nn

torch.set_num_threads(1)
torch.manual_seed(11)
N = 2000


def flat(t):
    return [float("%.9g" % v) for v in t.detach().reshape(-1).tolist()]


def case(p, n=N):
    x = torch.randn(n)
    r = torch.randn(n)
    drop = nn.Dropout(p)
    xg = x.clone().requires_grad_()
    y = drop(xg)
    (y * r).sum().backward()
    drop.eval()
    ye = drop(x)
    assert torch.equal(ye, x), "eval mode is the identity"
    kept = y != 0
    if p < 1:
        s = 1.0 / (1.0 - p)
        assert torch.allclose(y[kept], x[kept] * s, rtol=1e-6, atol=0), "kept elements are x / (1 - p)"
        assert torch.allclose(xg.grad[kept], r[kept] * s, rtol=1e-6, atol=0), "gradient r / (1 - p) where kept"
        frac = kept.double().mean().item()
        assert abs(frac - (1 - p)) <= 4 * math.sqrt(p * (1 - p) / n), frac
    else:
        assert not kept.any()
    assert not xg.grad[~kept].any(), "gradient 0 where dropped"
    return {"p": p, "x": flat(x), "r": flat(r), "y_train": flat(y), "y_eval": flat(ye), "dx_train": flat(xg.grad),
            "kept_fraction": kept.double().mean().item()}


cases = [case(p) for p in (0.1, 0.3, 0.5, 0.8)]
edge = [case(0.0, 200), case(1.0, 200)]  # p = 0: identity in both modes; p = 1: zeros and zero gradient in train mode
rejects = []
for p in (-0.1, 1.5):
    try:
        nn.Dropout(p)
    except ValueError:
        rejects.append(p)
assert rejects == [-0.1, 1.5]

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dropout_golden.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "n": N, "cases": cases, "edge": edge, "torch_rejects": rejects}, f)
print("wrote", out, "kept fractions", [round(c["kept_fraction"], 4) for c in cases + edge])
