# Golden data for the deep lesson's warmup + cosine schedule: the lr sequences of
# torch.optim.lr_scheduler.LambdaLR (PyTorch 1.13) with
#   lambda(t) = (t + 1) / warmup                                              for t < warmup
#             = 0.5 * (1 + cos(pi * min(t - warmup, T - warmup) / (T - warmup)))  otherwise
# (warmup 0: plain cosine; for t >= T the factor stays at 0).  lrs[0] is the lr right after
# construction (LambdaLR's initial step, i.e. base_lr * lambda(0)); lrs[k] the lr after the k-th
# scheduler.step(), i.e. base_lr * lambda(k); 200 steps -> 201 values.
# Run with Debian's torch: /usr/bin/python3 tests/data/gen_warmup_cosine.py  (writes warmup_cosine_golden.json)
import json
import math
import os
import warnings

import torch

warnings.filterwarnings("ignore")
STEPS = 200


def factor(t, warmup, total):
    if t < warmup:
        return (t + 1) / warmup
    return 0.5 * (1 + math.cos(math.pi * min(t - warmup, total - warmup) / (total - warmup)))


def run(base_lr, warmup, total, steps=STEPS):
    p = torch.zeros(2, requires_grad=True)
    opt = torch.optim.SGD([p], lr=base_lr)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda t: factor(t, warmup, total))
    lrs = [opt.param_groups[0]["lr"]]
    for _ in range(steps):
        opt.step()  # no gradients: nothing moves, but torch wants optimizer.step() first
        sched.step()
        lrs.append(opt.param_groups[0]["lr"])
    return {"name": f"lr{base_lr:g}_warmup{warmup}_T{total}", "base_lr": base_lr, "warmup": warmup,
            "total": total, "steps": steps, "lrs": lrs}


cases = [run(lr, w, T) for lr in (0.1, 1e-3) for w in (10, 0, 50) for T in (200, 100)]

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "warmup_cosine_golden.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "steps": STEPS,
               "lambda": "t < warmup: (t + 1) / warmup; else 0.5 * (1 + cos(pi * min(t - warmup, T - warmup)"
                         " / (T - warmup)))", "cases": cases}, f)
print("wrote", out, len(cases), "cases")
