# Golden data for tests/engine/test_init.cpp: torch.nn.init (PyTorch 1.13) gains, fans, the
# theoretical std of every scheme (torch's formulas) and torch's own measured mean/std on a large
# tensor, for comparison with ours (the random numbers differ; the distributions must not).
# Run with Debian's torch: /usr/bin/python3 tests/data/gen_init.py  (writes init_golden.json)
import json
import math
import os

import torch
import torch.nn.init as init

torch.manual_seed(0)

gains = []
for nl, param in [("linear", None), ("conv1d", None), ("conv2d", None), ("conv3d", None),
                  ("conv_transpose1d", None), ("conv_transpose2d", None), ("conv_transpose3d", None),
                  ("sigmoid", None), ("tanh", None), ("relu", None), ("leaky_relu", None), ("leaky_relu", 0.2),
                  ("leaky_relu", 0.0), ("leaky_relu", math.sqrt(5)), ("selu", None)]:
    gains.append({"nonlinearity": nl, "param": param, "gain": init.calculate_gain(nl, param)})

fans = []
for shape in [(3, 4), (64, 3, 5, 5), (16, 8, 3), (10, 20, 2, 3, 4), (7, 1)]:
    fi, fo = init._calculate_fan_in_and_fan_out(torch.empty(shape))
    fans.append({"shape": list(shape), "fan_in": fi, "fan_out": fo})


def measure(shape, fn):
    t = torch.empty(shape)
    fn(t)
    return {"mean": t.mean().item(), "std": t.std().item(), "min": t.min().item(), "max": t.max().item()}


# Each scheme on a (512, 512) weight (fan_in = fan_out = 512) and on a conv weight (64, 32, 3, 3)
# (fan_in 288, fan_out 576), with the theoretical std from torch's own formulas.
schemes = []
for shape in [(512, 512), (64, 32, 3, 3)]:
    fi, fo = init._calculate_fan_in_and_fan_out(torch.empty(shape))
    rows, cols = shape[0], math.prod(shape) // shape[0]

    def add(scheme, params, fn, std, mean=0.0, lo=None, hi=None):
        e = {"scheme": scheme, "shape": list(shape), "params": params, "expected_std": std, "expected_mean": mean,
             "torch": measure(shape, fn)}
        if lo is not None:
            e["bounds"] = [lo, hi]
        schemes.append(e)

    add("uniform", {"a": -0.3, "b": 0.7}, lambda t: init.uniform_(t, -0.3, 0.7), 1.0 / math.sqrt(12.0), 0.2, -0.3, 0.7)
    add("normal", {"mean": 0.5, "std": 0.02}, lambda t: init.normal_(t, 0.5, 0.02), 0.02, 0.5)
    add("xavier_uniform", {}, lambda t: init.xavier_uniform_(t), math.sqrt(2.0 / (fi + fo)),
        lo=-math.sqrt(6.0 / (fi + fo)), hi=math.sqrt(6.0 / (fi + fo)))
    add("xavier_uniform", {"gain": 5.0 / 3}, lambda t: init.xavier_uniform_(t, gain=5.0 / 3),
        5.0 / 3 * math.sqrt(2.0 / (fi + fo)))
    add("xavier_normal", {"gain": 2.0}, lambda t: init.xavier_normal_(t, gain=2.0), 2.0 * math.sqrt(2.0 / (fi + fo)))
    add("kaiming_uniform", {}, lambda t: init.kaiming_uniform_(t), math.sqrt(2.0) / math.sqrt(fi),
        lo=-math.sqrt(6.0 / fi), hi=math.sqrt(6.0 / fi))
    add("kaiming_uniform", {"a": math.sqrt(5)}, lambda t: init.kaiming_uniform_(t, a=math.sqrt(5)),
        math.sqrt(2.0 / 6.0) / math.sqrt(fi), lo=-1 / math.sqrt(fi), hi=1 / math.sqrt(fi))
    add("kaiming_normal", {"mode": "fan_out", "nonlinearity": "relu"},
        lambda t: init.kaiming_normal_(t, mode="fan_out", nonlinearity="relu"), math.sqrt(2.0) / math.sqrt(fo))
    add("kaiming_normal", {"nonlinearity": "tanh"}, lambda t: init.kaiming_normal_(t, nonlinearity="tanh"),
        (5.0 / 3) / math.sqrt(fi))
    add("orthogonal", {"gain": 1.5}, lambda t: init.orthogonal_(t, gain=1.5), 1.5 / math.sqrt(max(rows, cols)))
    add("trunc_normal", {"std": 0.5, "a": -0.6, "b": 0.9}, lambda t: init.trunc_normal_(t, std=0.5, a=-0.6, b=0.9),
        None, None, -0.6, 0.9)
    add("constant", {"value": 0.25}, lambda t: init.constant_(t, 0.25), 0.0, 0.25)
    add("zeros", {}, lambda t: init.zeros_(t), 0.0, 0.0)
    add("ones", {}, lambda t: init.ones_(t), 0.0, 1.0)

# Truncated normal: the moments from the closed form, checked here against torch's samples.
def trunc_moments(mean, std, a, b):
    al, be = (a - mean) / std, (b - mean) / std
    pdf = lambda x: math.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)
    cdf = lambda x: 0.5 * (1 + math.erf(x / math.sqrt(2)))
    z = cdf(be) - cdf(al)
    m = mean + std * (pdf(al) - pdf(be)) / z
    var = std ** 2 * (1 + (al * pdf(al) - be * pdf(be)) / z - ((pdf(al) - pdf(be)) / z) ** 2)
    return m, math.sqrt(var)

for e in schemes:
    if e["scheme"] == "trunc_normal":
        e["expected_mean"], e["expected_std"] = trunc_moments(0.0, 0.5, -0.6, 0.9)

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "init_golden.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "gains": gains, "fans": fans, "schemes": schemes}, f, indent=1)
print("wrote", out)
for e in schemes:
    print(e["scheme"], e["shape"], e["params"], "expected std %.6g" % e["expected_std"], "torch std %.6g" % e["torch"]["std"],
          "mean exp %.4g torch %.4g" % (e["expected_mean"], e["torch"]["mean"]))
