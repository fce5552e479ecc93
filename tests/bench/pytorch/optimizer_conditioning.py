"""How far float32 itself strays on CUDA parity's optimizer runs.

Reads what tests/bench/bench_optimizer_conditioning wrote (the MLP's initial weights, the data and
our CPU losses of every run), trains the same weights with PyTorch in float64 and in float32, and
prints per run the largest relative distance from the float64 losses of ours and of PyTorch's
float32, and between the two float32 runs, with the step where each is largest. A device may
differ from our CPU by about what two float32 runs differ by, so the parity test's tolerance
(tests/engine/optimizer_parity.h, `rtol`) must be at least 1e-4 and three times the widest of
those: the script exits 1 naming every run whose `rtol` is not.

    /usr/bin/python3 tests/bench/pytorch/optimizer_conditioning.py OUT_DIR
"""
import json
import sys

import numpy as np
import torch

BOOLEAN = {"nesterov", "centered", "amsgrad", "maximize"}
OPTIMIZERS = {"sgd": torch.optim.SGD, "rmsprop": torch.optim.RMSprop, "adagrad": torch.optim.Adagrad,
              "adam": torch.optim.Adam, "adamw": torch.optim.AdamW, "nadam": torch.optim.NAdam}


def main(folder):
    manifest = json.load(open(f"{folder}/runs.json"))
    read = lambda name, shape: np.fromfile(f"{folder}/{name}.bin", dtype=np.float32).reshape(shape)
    x, y = read("x", (64, 5)), read("y", (64, 1))
    weights = {n: read("p_" + n, s) for n, s in manifest["parameters"].items()}

    def train(run, dtype):
        model = torch.nn.Sequential(torch.nn.Linear(5, 33), torch.nn.Tanh(), torch.nn.Linear(33, 7), torch.nn.Tanh(),
                                    torch.nn.Linear(7, 1)).to(dtype)
        with torch.no_grad():
            for n, p in model.named_parameters():
                p.copy_(torch.from_numpy(weights[n]).to(dtype))
        options = {k: (bool(v) if k in BOOLEAN else v) for k, v in run["options"].items()}
        opt = OPTIMIZERS[run["name"]](model.parameters(), **options)
        X, Y = torch.from_numpy(x).to(dtype), torch.from_numpy(y).to(dtype)
        losses = []
        for _ in range(50):
            opt.zero_grad()
            loss = torch.nn.functional.mse_loss(model(X), Y)
            loss.backward()
            opt.step()
            losses.append(loss.item())
        return np.array(losses)

    def widest(a, b):  # the largest relative distance of losses a from b, and at which step
        rel = np.abs(a - b) / np.abs(b)
        return rel.max(), int(rel.argmax())

    print(f"{'run':24} {'ours-f64':>16} {'torch32-f64':>16} {'ours-torch32':>16} {'rtol':>8} {'needs':>8}")
    short = []
    for run in manifest["runs"]:
        f64, f32, ours = train(run, torch.float64), train(run, torch.float32), np.array(run["losses"])
        spreads = [widest(a, b) for a, b in ((ours, f64), (f32, f64), (ours, f32))]
        needs = max(1e-4, 3 * max(rel for rel, _ in spreads))  # the rule of optimizer_parity.h
        cells = [f"{rel:.2e} (s{step})" for rel, step in spreads]
        print(f"{run['row']:24} {cells[0]:>16} {cells[1]:>16} {cells[2]:>16} {run['rtol']:8.0e} {needs:8.2e}")
        if run["rtol"] < needs:
            short.append(run["row"])
    if short:
        print("rtol below 1e-4 or three times float32's spread: " + ", ".join(short))
        return 1
    print("every rtol holds the rule")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
