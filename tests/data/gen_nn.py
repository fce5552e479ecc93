# Golden data for tests/engine/test_nn.cpp: torch.nn (PyTorch 1.13) Linear forward/backward with
# given weights, activation modules on fixed inputs, and state_dict key names.
# Run with Debian's torch: /usr/bin/python3 tests/data/gen_nn.py  (writes nn_golden.json)
import json
import os

import torch
import torch.nn as nn

torch.manual_seed(7)


def flat(t):
    return [float("%.9g" % v) for v in t.detach().reshape(-1).tolist()]


# Linear 4 -> 3 on a batch of shape (2, 5, 4); loss = sum(y * r).
lin = nn.Linear(4, 3)
x = torch.randn(2, 5, 4, requires_grad=True)
r = torch.randn(2, 5, 3)
y = lin(x)
(y * r).sum().backward()
linear = {"weight": flat(lin.weight), "bias": flat(lin.bias), "x": flat(x), "x_shape": [2, 5, 4], "r": flat(r),
          "y": flat(y), "dweight": flat(lin.weight.grad), "dbias": flat(lin.bias.grad), "dx": flat(x.grad)}

# Without bias, on a single vector.
lin2 = nn.Linear(6, 2, bias=False)
v = torch.randn(6)
linear_nobias = {"weight": flat(lin2.weight), "x": flat(v), "y": flat(lin2(v))}

xa = torch.linspace(-6, 6, 49)
acts = []
for name, param, mod in [("sigmoid", None, nn.Sigmoid()), ("tanh", None, nn.Tanh()), ("relu", None, nn.ReLU()),
                         ("leaky_relu", None, nn.LeakyReLU()), ("leaky_relu", 0.2, nn.LeakyReLU(0.2)),
                         ("elu", None, nn.ELU()), ("elu", 0.5, nn.ELU(0.5)), ("gelu", None, nn.GELU()),
                         ("gelu_tanh", None, nn.GELU(approximate="tanh")), ("softplus", None, nn.Softplus()),
                         ("softplus", 2.0, nn.Softplus(beta=2.0)), ("silu", None, nn.SiLU())]:
    acts.append({"name": name, "param": param, "type": type(mod).__name__, "y": flat(mod(xa))})

seq = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
outer = nn.Sequential()
outer.add_module("encoder", nn.Sequential(nn.Linear(2, 2), nn.Tanh()))
outer.add_module("head", nn.Linear(2, 1))
names = {"sequential": list(seq.state_dict().keys()), "nested": list(outer.state_dict().keys())}

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "nn_golden.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "linear": linear, "linear_nobias": linear_nobias, "x_act": flat(xa),
               "activations": acts, "state_dict_keys": names}, f)
print("wrote", out, names)
