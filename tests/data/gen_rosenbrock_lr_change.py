"""Golden path for a learning-rate change mid-run (what a GUI slider does): Adam on Rosenbrock
from (-1, 1), lr 1e-2 for steps 1..100, then lr 5e-2 for steps 101..300 (torch 1.13, float32).
Run with Debian's python: /usr/bin/python3 gen_rosenbrock_lr_change.py"""
import json
import torch

p = torch.tensor([-1.0, 1.0], requires_grad=True)
opt = torch.optim.Adam([p], lr=1e-2)
path = [p.detach().tolist()]
for step in range(1, 301):
    if step == 101:
        opt.param_groups[0]["lr"] = 5e-2
    opt.zero_grad()
    x, y = p[0], p[1]
    loss = (1 - x) ** 2 + 100 * (y - x ** 2) ** 2
    loss.backward()
    opt.step()
    path.append(p.detach().tolist())
json.dump({"torch": torch.__version__, "optimizer": "adam", "lr_before": 1e-2, "lr_after": 5e-2,
           "change_before_step": 101, "path": path}, open("rosenbrock_lr_change.json", "w"))
print("final", path[-1])
