# Golden data for tests/engine/test_lr_scheduler.cpp: learning-rate (and momentum) sequences of
# torch.optim.lr_scheduler (PyTorch 1.13). lrs[0] is the lr right after construction (torch's
# initial step); lrs[k] the lr after the k-th scheduler.step().
# Run with Debian's torch: /usr/bin/python3 tests/data/gen_lr_scheduler.py  (writes lr_scheduler_golden.json)
import json
import os
import warnings

import torch

warnings.filterwarnings("ignore")
S = torch.optim.lr_scheduler


def make_opt(kind, lr):
    p = torch.zeros(2, requires_grad=True)
    if kind == "sgd":
        return torch.optim.SGD([p], lr=lr, momentum=0.9)
    if kind == "adam":
        return torch.optim.Adam([p], lr=lr)
    raise ValueError(kind)


def momentum_of(opt):
    g = opt.param_groups[0]
    return g["betas"][0] if "betas" in g else g["momentum"]


def run(name, kind, lr, scheduler, options, make, steps, metrics=None, lr_changes=None):
    opt = make_opt(kind, lr)
    sched = make(opt)
    lr_changes = lr_changes or {}
    lrs, moms = [opt.param_groups[0]["lr"]], [momentum_of(opt)]
    for k in range(steps):
        opt.step()  # no gradients: nothing moves, but torch wants optimizer.step() first
        if str(k) in lr_changes:  # a slider moved the lr before this scheduler step
            opt.param_groups[0]["lr"] = lr_changes[str(k)]
        if metrics is not None:
            sched.step(metrics[k])
        else:
            sched.step()
        lrs.append(opt.param_groups[0]["lr"])
        moms.append(momentum_of(opt))
    case = {"name": name, "optimizer": kind, "lr": lr, "scheduler": scheduler, "options": options, "steps": steps,
            "lrs": lrs, "momenta": moms, "lr_changes": lr_changes}
    if metrics is not None:
        case["metrics"] = metrics
    return case


# A noisy, mostly decreasing loss with plateaus, for ReduceLROnPlateau.
metric_min = [1.0 / (1 + 0.1 * k) + (0.05 if k % 7 == 3 else 0.0) if k < 40 else 0.2 + 0.001 * ((k * 37) % 11)
              for k in range(100)]
metric_max = [1.0 - m for m in metric_min]

cases = [
    run("step", "sgd", 0.1, "step_lr", {"step_size": 7}, lambda o: S.StepLR(o, 7), 100),
    run("step_gamma", "sgd", 0.5, "step_lr", {"step_size": 3, "gamma": 0.5}, lambda o: S.StepLR(o, 3, 0.5), 100),
    run("step_slider", "sgd", 0.1, "step_lr", {"step_size": 10, "gamma": 0.5}, lambda o: S.StepLR(o, 10, 0.5), 60,
        lr_changes={"14": 0.3, "33": 0.01}),
    run("exponential", "sgd", 0.1, "exponential_lr", {"gamma": 0.95}, lambda o: S.ExponentialLR(o, 0.95), 100),
    run("cosine", "sgd", 0.1, "cosine_annealing_lr", {"T_max": 30}, lambda o: S.CosineAnnealingLR(o, 30), 100),
    run("cosine_eta_min", "adam", 1e-3, "cosine_annealing_lr", {"T_max": 25, "eta_min": 1e-5},
        lambda o: S.CosineAnnealingLR(o, 25, eta_min=1e-5), 100),
    run("cosine_slider", "sgd", 0.1, "cosine_annealing_lr", {"T_max": 40}, lambda o: S.CosineAnnealingLR(o, 40), 60,
        lr_changes={"10": 0.02}),
    run("warm_restarts", "sgd", 0.1, "cosine_annealing_warm_restarts", {"T_0": 10},
        lambda o: S.CosineAnnealingWarmRestarts(o, 10), 100),
    run("warm_restarts_mult2", "sgd", 0.05, "cosine_annealing_warm_restarts", {"T_0": 5, "T_mult": 2, "eta_min": 1e-4},
        lambda o: S.CosineAnnealingWarmRestarts(o, 5, T_mult=2, eta_min=1e-4), 100),
    run("one_cycle_sgd", "sgd", 0.1, "one_cycle_lr", {"max_lr": 0.5, "total_steps": 100},
        lambda o: S.OneCycleLR(o, max_lr=0.5, total_steps=100), 100),
    run("one_cycle_adam_linear", "adam", 1e-3, "one_cycle_lr",
        {"max_lr": 1e-2, "total_steps": 80, "anneal_strategy": "linear", "pct_start": 0.25},
        lambda o: S.OneCycleLR(o, max_lr=1e-2, total_steps=80, anneal_strategy="linear", pct_start=0.25), 80),
    run("one_cycle_three_phase", "sgd", 0.1, "one_cycle_lr",
        {"max_lr": 0.2, "total_steps": 100, "three_phase": True, "div_factor": 10.0, "final_div_factor": 100.0,
         "base_momentum": 0.8, "max_momentum": 0.9},
        lambda o: S.OneCycleLR(o, max_lr=0.2, total_steps=100, three_phase=True, div_factor=10.0,
                               final_div_factor=100.0, base_momentum=0.8, max_momentum=0.9), 100),
    run("one_cycle_no_momentum", "sgd", 0.1, "one_cycle_lr",
        {"max_lr": 0.3, "total_steps": 50, "cycle_momentum": False},
        lambda o: S.OneCycleLR(o, max_lr=0.3, total_steps=50, cycle_momentum=False), 50),
    run("plateau", "sgd", 0.1, "reduce_lr_on_plateau", {"patience": 3},
        lambda o: S.ReduceLROnPlateau(o, patience=3), 100, metrics=metric_min),
    run("plateau_abs_cooldown", "sgd", 0.1, "reduce_lr_on_plateau",
        {"patience": 2, "threshold": 0.01, "threshold_mode": "abs", "cooldown": 3, "factor": 0.5, "min_lr": 0.004},
        lambda o: S.ReduceLROnPlateau(o, patience=2, threshold=0.01, threshold_mode="abs", cooldown=3, factor=0.5,
                                      min_lr=0.004), 100, metrics=metric_min),
    run("plateau_max", "adam", 1e-3, "reduce_lr_on_plateau", {"mode": "max", "patience": 4, "factor": 0.3},
        lambda o: S.ReduceLROnPlateau(o, mode="max", patience=4, factor=0.3), 100, metrics=metric_max),
]

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lr_scheduler_golden.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f)
print("wrote", out, len(cases), "cases")
