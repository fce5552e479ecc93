"""PyTorch side of tests/bench/bench_transformers.cpp: the same models, data and timing method.

Copied and trimmed from ../shared/reference/pytorch (the reference benchmarks measured on this kind
of machine): time_calls from common.py, the transformer-block and tiny-ViT parts of models.py, and
the Fashion-MNIST epoch loop of fashion_mnist.py (with the tiny ViT on unpadded 28x28 images
instead of LeNet-5). TinyViT comes from tools/pytorch/gradlab_models.py (the reference's
models_def.py, the one home of the PyTorch model definitions).

Usage (compare_pytorch_transformers.sh sets the environment):
  LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp OPENBLAS_NUM_THREADS=2 \
  REFBENCH_THREADS=2 /usr/bin/python3 bench_transformers.py [--json] [--epoch] [--only NAME]
"""
import argparse
import gzip
import json
import os
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn as nn

sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "tools", "pytorch"))
from gradlab_models import TinyViT  # noqa: E402

THREADS = int(os.environ.get("REFBENCH_THREADS", "2"))
torch.set_num_threads(THREADS)
torch.manual_seed(0)


def time_calls(fn, warmup=20, reps=100):
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def train_step(model, x, y, loss_fn):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step():
        opt.zero_grad(set_to_none=True)
        loss_fn(model(x), y).backward()
        opt.step()
    return step


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--epoch", action="store_true")
    ap.add_argument("--only", default="")
    a = ap.parse_args()
    results = {}

    def report(name, kind, value, unit):
        results[f"{name}/{kind}"] = value
        if not a.json:
            print(f"{name:30s} {kind:18s} {value:10.3f} {unit}", flush=True)

    if a.only in "transformer_block_b32_s16_d64":
        blk = nn.TransformerEncoderLayer(64, 4, 256, dropout=0.0, batch_first=True)
        x = torch.randn(32, 16, 64); tgt = torch.randn(32, 16, 64); mse = nn.MSELoss()

        def fb():
            blk.zero_grad(set_to_none=True)
            mse(blk(x), tgt).backward()
        report("transformer_block_b32_s16_d64", "fwd_bwd", time_calls(fb) * 1e3, "ms")
        report("transformer_block_b32_s16_d64", "train_step_adam", time_calls(train_step(blk, x, tgt, mse)) * 1e3, "ms")

    if a.only in "tiny_vit_p7_d64_L2_h4":
        vit = TinyViT(); x = torch.randn(64, 1, 28, 28); y = torch.randint(0, 10, (64,))
        report("tiny_vit_p7_d64_L2_h4", "train_step_adam", time_calls(train_step(vit, x, y, nn.CrossEntropyLoss())) * 1e3, "ms")

        def infer():
            with torch.no_grad():
                vit(x)
        report("tiny_vit_p7_d64_L2_h4", "forward_no_grad", time_calls(infer) * 1e3, "ms")

    if a.epoch:
        d = "/usr/share/datasets/fashion-mnist"

        def load(kind):
            with gzip.open(f"{d}/{kind}-labels-idx1-ubyte.gz") as f:
                lab = np.frombuffer(f.read(), np.uint8, offset=8)
            with gzip.open(f"{d}/{kind}-images-idx3-ubyte.gz") as f:
                img = np.frombuffer(f.read(), np.uint8, offset=16).reshape(len(lab), 1, 28, 28)
            return torch.from_numpy(img.astype(np.float32) / 255.0), torch.from_numpy(lab.astype(np.int64))
        xtr, ytr = load("train"); xte, yte = load("t10k")
        mean, std = xtr.mean().item(), xtr.std().item()
        xtr, xte = (xtr - mean) / std, (xte - mean) / std
        torch.manual_seed(0)
        m = TinyViT(); opt = torch.optim.Adam(m.parameters(), lr=1e-3); ce = nn.CrossEntropyLoss()
        perm = torch.randperm(len(xtr), generator=torch.Generator().manual_seed(0))
        m.train(); steps = 0
        t0 = time.perf_counter()
        for i in range(0, len(xtr), 64):
            idx = perm[i:i + 64]
            opt.zero_grad(set_to_none=True)
            ce(m(xtr[idx]), ytr[idx]).backward()
            opt.step(); steps += 1
        t_train = time.perf_counter() - t0
        m.eval(); correct = 0
        with torch.no_grad():
            for i in range(0, len(xte), 1000):
                correct += (m(xte[i:i + 1000]).argmax(1) == yte[i:i + 1000]).sum().item()
        report("tiny_vit_fashion_mnist", "epoch_train_s", t_train, "s")
        report("tiny_vit_fashion_mnist", "steps", steps, "")
        report("tiny_vit_fashion_mnist", "test_acc", 100.0 * correct / len(xte), "%")

    if a.json:
        print(json.dumps(results))


if __name__ == "__main__":
    main()
