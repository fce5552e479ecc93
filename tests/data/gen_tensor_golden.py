#!/usr/bin/python3
"""Golden values for tests/engine/test_tensor.cpp, from PyTorch 1.13 (run with /usr/bin/python3):
torch.arange and torch.linspace outputs (float32, bit for bit) and str() of tensors.

    /usr/bin/python3 tests/data/gen_tensor_golden.py   ->  tests/data/tensor_golden.json
"""
import json
import math
import os

import numpy as np
import torch

torch.set_num_threads(1)  # one chunk for arange/linspace's parallel_for, as on this machine
RNG = np.random.default_rng(7)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tensor_golden.json")


def enc(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v  # float32 values are exact in double: repr round-trips


def values(t):
    return [enc(v) for v in t.reshape(-1).tolist()]


aranges = []
for start, end, step in [(0, 5, 1), (0, 10, 0.1), (-3, 7, 0.37), (0.5, 100, 0.77), (1, 2, 0.01), (-5, 5, 1 / 3),
                         (0, 1000, 1.1), (10, -10, -0.3), (2.5, 2.6, 0.5), (0, 33, 1)]:
    aranges.append({"start": start, "end": end, "step": step, "values": values(torch.arange(start, end, step))})

linspaces = []
for start, end, steps in [(0, 1, 5), (0, 1, 7), (-3, 7, 1000), (2, -5, 100), (0, 1, 15), (0, 1, 16), (0, 1, 31),
                          (-2.5, 3.3, 1001), (1e-3, 7.7, 64), (5, 5, 9), (2, 5, 1), (2, 5, 0), (-1, 1, 2),
                          (0.1, 0.9, 17)]:
    linspaces.append({"start": start, "end": end, "steps": steps, "values": values(torch.linspace(start, end, steps))})

prints = []


def pr(t, requires_grad=False):
    t = t.to(torch.float32)
    if requires_grad:
        t.requires_grad_(True)
    prints.append({"shape": list(t.shape), "data": values(t.detach()), "requires_grad": requires_grad, "str": str(t)})


pr(torch.tensor([1.0, 2.0, 3.0]))
pr(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
pr(torch.tensor([0.5, -1.25, 3.0]))
pr(torch.tensor(2.0))
pr(torch.tensor(0.1234567))
pr(torch.tensor([1.0, float("nan"), float("inf"), -float("inf")]))
pr(torch.tensor([0.5, float("nan"), -float("inf")]))
pr(torch.tensor([0.0, 0.0]))
pr(torch.tensor([-0.0, 1.0]))
pr(torch.tensor([1e-5, 1.0]))
pr(torch.tensor([1e10, 1.0]))
pr(torch.tensor([123456.0, 2.0]))
pr(torch.tensor([0.001, 0.5, 2.5]))
pr(torch.tensor([1e-8, -3e-9]))
pr(torch.tensor([100.0, 2000.0, -7.0]))
pr(torch.tensor([1.5, 2.5]), requires_grad=True)
pr(torch.tensor(RNG.standard_normal((3, 4)), dtype=torch.float32))
pr(torch.tensor(RNG.standard_normal((2, 3, 4)), dtype=torch.float32))
pr(torch.tensor(RNG.standard_normal((2, 2, 2, 2)), dtype=torch.float32))
pr(torch.arange(0, 30, dtype=torch.float32))           # wraps lines
pr(torch.tensor(RNG.standard_normal(25) * 100, dtype=torch.float32))
pr(torch.arange(0, 2000, dtype=torch.float32))          # summarised vector
pr(torch.tensor(RNG.standard_normal((40, 40)), dtype=torch.float32))  # summarised matrix
pr(torch.tensor(RNG.standard_normal((3, 400)), dtype=torch.float32))  # summarised rows only
pr(torch.tensor(RNG.standard_normal((20, 12)) * 1e5, dtype=torch.float32), requires_grad=True)  # suffix on a new line
pr(torch.zeros(0))
pr(torch.zeros(0, 3))
pr(torch.zeros(2, 0, 1))

with open(OUT, "w") as f:
    json.dump({"generator": "tests/data/gen_tensor_golden.py", "torch": torch.__version__, "arange": aranges,
               "linspace": linspaces, "print": prints}, f, indent=0)
    f.write("\n")
print(f"-> {OUT} ({os.path.getsize(OUT) // 1024} KiB)")
