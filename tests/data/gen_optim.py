# Golden data for tests/engine/test_optim.cpp: parameter trajectories of torch.optim (PyTorch 1.13,
# CPU, float32) for fixed gradient sequences, with options changed mid-run like a GUI slider; and
# torch.nn.utils.clip_grad_norm_ / clip_grad_value_ on the gradients of several parameters.
# Run with Debian's torch: /usr/bin/python3 tests/data/gen_optim.py  (writes optim_golden.json)
import json
import os

import numpy as np
import torch

torch.set_num_threads(1)
rng = np.random.default_rng(20240611)

CLASSES = {"sgd": torch.optim.SGD, "rmsprop": torch.optim.RMSprop, "adagrad": torch.optim.Adagrad,
           "adam": torch.optim.Adam, "adamw": torch.optim.AdamW, "nadam": torch.optim.NAdam}
FLAGS = {"nesterov", "centered", "amsgrad", "maximize"}


def torch_kwargs(options):
    kw = {}
    for k, v in options.items():
        if k in ("beta1", "beta2"):
            continue
        kw[k] = bool(v) if k in FLAGS else v
    if "beta1" in options or "beta2" in options:
        kw["betas"] = (options.get("beta1", 0.9), options.get("beta2", 0.999))
    return kw


def apply_change(opt, change):
    g = opt.param_groups[0]
    for k, v in change.items():
        if k == "beta1":
            g["betas"] = (v, g["betas"][1])
        elif k == "beta2":
            g["betas"] = (g["betas"][0], v)
        else:
            g[k] = bool(v) if k in FLAGS else v


def f32list(a):
    # 9 significant digits identify a float32 exactly and keep the file small.
    return [float("%.9g" % x) for x in np.asarray(a, dtype=np.float32)]


def run(name, opt_name, options, n, steps=20, changes=None):
    changes = changes or {}
    p0 = rng.standard_normal(n).astype(np.float32)
    # Gradients of very different sizes, some exactly zero, to exercise every branch.
    grads = []
    for k in range(steps):
        g = rng.standard_normal(n).astype(np.float32) * np.float32(rng.choice([1e-3, 0.1, 1.0, 30.0]))
        g[rng.random(n) < 0.1] = 0.0
        grads.append(g)
    p = torch.tensor(p0, requires_grad=True)
    opt = CLASSES[opt_name]([p], **torch_kwargs(options))
    params = []
    for k, g in enumerate(grads):
        if str(k) in changes:
            apply_change(opt, changes[str(k)])
        p.grad = torch.tensor(g)
        opt.step()
        params.append(f32list(p.detach().numpy()))
    return {"name": name, "optimizer": opt_name, "options": options, "changes": changes,
            "p0": f32list(p0), "grads": [f32list(g) for g in grads], "params": params}


cases = []
for n in (2, 7):
    cases += [
        run(f"sgd_plain_{n}", "sgd", {"lr": 0.1}, n),
        run(f"sgd_momentum_{n}", "sgd", {"lr": 0.05, "momentum": 0.9}, n),
        run(f"sgd_nesterov_wd_{n}", "sgd", {"lr": 0.05, "momentum": 0.9, "nesterov": 1, "weight_decay": 0.01}, n),
        run(f"sgd_dampening_maximize_{n}", "sgd",
            {"lr": 0.02, "momentum": 0.8, "dampening": 0.3, "weight_decay": 0.1, "maximize": 1}, n),
        run(f"rmsprop_plain_{n}", "rmsprop", {}, n),
        run(f"rmsprop_centered_momentum_wd_{n}", "rmsprop",
            {"lr": 1e-2, "centered": 1, "momentum": 0.9, "weight_decay": 0.1}, n),
        run(f"rmsprop_alpha_maximize_{n}", "rmsprop", {"lr": 1e-3, "alpha": 0.9, "momentum": 0.5, "maximize": 1}, n),
        run(f"adagrad_plain_{n}", "adagrad", {"lr": 0.1}, n),
        run(f"adagrad_all_{n}", "adagrad",
            {"lr": 0.1, "lr_decay": 0.01, "weight_decay": 0.1, "initial_accumulator_value": 0.1, "eps": 1e-6,
             "maximize": 1}, n),
        run(f"adam_plain_{n}", "adam", {}, n),
        run(f"adam_amsgrad_wd_{n}", "adam", {"lr": 1e-2, "amsgrad": 1, "weight_decay": 0.1}, n),
        run(f"adam_betas_maximize_{n}", "adam", {"lr": 3e-3, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6, "maximize": 1}, n),
        run(f"adamw_plain_{n}", "adamw", {"lr": 1e-2}, n),
        run(f"adamw_amsgrad_{n}", "adamw", {"lr": 1e-2, "weight_decay": 0.1, "amsgrad": 1}, n),
        run(f"nadam_plain_{n}", "nadam", {}, n),
        run(f"nadam_wd_decay_{n}", "nadam", {"lr": 1e-2, "weight_decay": 0.1, "momentum_decay": 1e-2}, n),
    ]

# Options moved between steps, as a slider would (applied before the step with that index).
cases += [
    run("sgd_lr_slider", "sgd", {"lr": 0.1, "momentum": 0.9}, 7,
        changes={"5": {"lr": 0.03}, "12": {"lr": 0.2, "momentum": 0.5}}),
    run("adam_lr_slider", "adam", {"lr": 1e-2}, 7, changes={"7": {"lr": 3e-2}, "14": {"lr": 1e-3, "beta1": 0.5}}),
    run("rmsprop_lr_slider", "rmsprop", {"lr": 1e-2}, 7, changes={"4": {"lr": 1e-3}, "10": {"alpha": 0.9}}),
    run("adagrad_lr_slider", "adagrad", {"lr": 0.1}, 7, changes={"6": {"lr": 0.5}}),
    run("nadam_lr_slider", "nadam", {"lr": 2e-3}, 7, changes={"9": {"lr": 1e-2}}),
    run("adamw_lr_slider", "adamw", {"lr": 1e-2}, 7, changes={"3": {"lr": 5e-2, "weight_decay": 0.5}}),
    # 37 elements: torch's vectorised kernel body (16 floats at a time) plus a scalar tail.
    run("sgd_nesterov_37", "sgd", {"lr": 0.05, "momentum": 0.9, "nesterov": 1, "weight_decay": 0.01}, 37),
    run("rmsprop_centered_37", "rmsprop", {"lr": 1e-2, "centered": 1, "momentum": 0.9}, 37),
    run("adagrad_37", "adagrad", {"lr": 0.1, "lr_decay": 0.01}, 37),
    run("adam_amsgrad_37", "adam", {"lr": 1e-2, "weight_decay": 0.01, "amsgrad": 1}, 37),
    run("adamw_37", "adamw", {"lr": 1e-2}, 37),
    run("nadam_37", "nadam", {"lr": 1e-2}, 37),
]



def clip(name, shapes, scale, **kw):
    """Gradients of parameters of the given shapes (None: a parameter without one), before and after."""
    params, before = [], []
    for s in shapes:
        p = torch.zeros(s if s is not None else (2,), requires_grad=True)
        if s is not None:
            p.grad = torch.tensor(rng.standard_normal(s).astype(np.float32) * np.float32(scale))
        params.append(p)
        before.append(None if s is None else f32list(p.grad.reshape(-1).numpy()))
    if "clip_value" in kw:
        torch.nn.utils.clip_grad_value_(params, kw["clip_value"])
        total = None
    else:
        total = float(torch.nn.utils.clip_grad_norm_(params, kw["max_norm"], kw.get("norm_type", 2.0)))
    return {"name": name, "shapes": [s for s in shapes], "args": kw, "before": before, "total": total,
            "after": [None if s is None else f32list(p.grad.reshape(-1).numpy()) for s, p in zip(shapes, params)]}


SHAPES = [(3, 4), None, (5,), (2, 3, 2)]
clips = [
    clip("norm 2, clipped", SHAPES, 1.0, max_norm=1.0),
    clip("norm 2, below max_norm", SHAPES, 0.1, max_norm=5.0),
    clip("norm 2, one tensor of 37", [(37,)], 2.0, max_norm=0.5),
    clip("norm 1", SHAPES, 1.0, max_norm=2.0, norm_type=1.0),
    clip("norm 3", SHAPES, 1.0, max_norm=0.7, norm_type=3.0),
    clip("norm inf", SHAPES, 1.0, max_norm=0.3, norm_type=float("inf")),
    clip("value 0.5", SHAPES, 1.0, clip_value=0.5),
    clip("value 0", [(3, 4)], 1.0, clip_value=0.0),
]
for c in clips:
    if c["args"].get("norm_type") == float("inf"):
        c["args"]["norm_type"] = "inf"  # JSON has no infinity

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "optim_golden.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases, "clip": clips}, f)
print("wrote", out, len(cases), "cases")
