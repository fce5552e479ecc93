"""Our model benchmark (bench_models) against PyTorch's (models.py / fashion_mnist.py), run
alternately in the same sitting; called by ../compare_pytorch.sh, which documents the options.

Each round runs, one after the other: ours, torch (OpenBLAS-openmp), torch with glibc malloc tuned
(run.sh's REFBENCH_MALLOC=tuned: MALLOC_MMAP_THRESHOLD_ / MALLOC_TRIM_THRESHOLD_; our engine sets
the same with mallopt). Before each run it waits (up to --quiet-wait s) for the machine to
be quiet, and it measures the CPU that other processes used during the run, as
../shared/reference/pytorch/bench_all.py does; runs disturbed by more than 0.10 core are marked.
The summary gives, per model and measurement, the median over rounds of each run's median and
the ratio ours / torch.
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "tools", "pytorch"))  # gradlab_models.py
HZ = os.sysconf("SC_CLK_TCK")
MALLOC_TUNED = {"REFBENCH_MALLOC": "tuned"}  # run.sh then sets MALLOC_MMAP_THRESHOLD_ / MALLOC_TRIM_THRESHOLD_


def busy_jiffies():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return sum(v[:8]) - v[3] - v[4]  # all but idle and iowait


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def wait_quiet(limit):
    t0 = time.time()
    while time.time() - t0 < limit:
        b0 = busy_jiffies()
        time.sleep(1)
        if (busy_jiffies() - b0) / HZ < 0.15:
            return time.time() - t0
    return -1.0


def run(cmd, env_extra, cwd, quiet_limit):
    waited = wait_quiet(quiet_limit)
    env = dict(os.environ, **env_extra)
    c0, b0, t0 = child_cpu(), busy_jiffies(), time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    own = child_cpu() - c0
    other = max(0.0, (busy_jiffies() - b0) / HZ - own) / wall
    if p.returncode != 0:
        sys.exit(f"command failed ({p.returncode}): {' '.join(cmd)}\n{p.stdout[-2000:]}\n{p.stderr[-2000:]}")
    return p.stdout, other, waited


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", required=True, help="path of the bench_models executable")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--epoch", action="store_true", help="also one Fashion-MNIST epoch per variant and round")
    ap.add_argument("--quiet-wait", type=float, default=60.0)
    ap.add_argument("--json", help="write all raw results to this file")
    ap.add_argument("filters", nargs="*", default=["lenet5"])
    a = ap.parse_args()

    # Torch's scripts write their own JSON into out/ next to them: run them from a scratch copy.
    work = tempfile.mkdtemp(prefix="gradlab_compare_")
    try:
        raw = measure(a, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(a, raw)


def measure(a, work):
    for f in ("run.sh", "common.py", "models.py", "fashion_mnist.py"):
        shutil.copy(os.path.join(HERE, f), work)
    # The scratch copies find the model definitions in their one home.
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [TOOLS, os.environ.get("PYTHONPATH")]))
    T = str(a.threads)
    configs = [
        ("ours", [a.bench, "--json", "--threads", T] + a.filters, {"OMP_NUM_THREADS": T}),
        ("torch", ["./run.sh", "openblas-omp", T, "models.py", "--json"] + a.filters, {}),
        ("torch_malloc", ["./run.sh", "openblas-omp", T, "models.py", "--json"] + a.filters, MALLOC_TUNED),
    ]
    raw = []
    for r in range(a.rounds):
        for name, cmd, env in configs:
            out, other, waited = run(cmd, env, work, a.quiet_wait)
            for res in json.loads(out):
                res.update(round=r, who=name, other_cores=other)
                raw.append(res)
            flag = "  (disturbed)" if other > 0.10 else ""
            print(f"round {r + 1}: {name:13s} other processes {other:.2f} cores, waited {waited:.0f}s{flag}",
                  flush=True)
        if a.epoch:
            out, other, _ = run([a.bench, "--json", "--epoch", "--threads", T], {"OMP_NUM_THREADS": T}, work,
                                a.quiet_wait)
            for res in json.loads(out):
                res.update(round=r, who="ours", other_cores=other)
                raw.append(res)
            for who, env in (("torch", {}), ("torch_malloc", MALLOC_TUNED)):
                _, other, _ = run(["./run.sh", "openblas-omp", T, "fashion_mnist.py", "0"], env, work, a.quiet_wait)
                d = json.load(open(os.path.join(work, "out", f"fashion_mnist_openblas-omp_t{T}"
                                                + ("_malloc" if env else "") + ".json")))
                for run_ in d["runs"]:
                    raw.append({"model": "lenet5_" + run_["variant"], "kind": "fashion_mnist_epoch",
                                "epoch_train_s": run_["epoch_train_s"], "test_acc": run_["test_acc"],
                                "round": r, "who": who, "other_cores": other})
            print(f"round {r + 1}: epochs done", flush=True)
    return raw


def report(a, raw):
    if a.json:
        with open(a.json, "w") as f:
            json.dump(raw, f, indent=1)

    def med(who, model, kind, key):
        v = [x[key] for x in raw if x["who"] == who and x["model"] == model and x["kind"] == kind]
        return statistics.median(v) if v else None

    keys = []
    for x in raw:
        k = (x["model"], x["kind"])
        if k not in keys:
            keys.append(k)
    print(f"\nthreads {a.threads}, {a.rounds} rounds; median over rounds of each run's median (ms, or s per epoch)")
    print(f"{'model':22s} {'measure':20s} {'ours':>9s} {'torch':>9s} {'torch+malloc':>13s} "
          f"{'ours/torch':>11s} {'ours/t+malloc':>14s}")
    for model, kind in keys:
        key = "epoch_train_s" if kind == "fashion_mnist_epoch" else "ms_median"
        o, t, tm = (med(w, model, kind, key) for w in ("ours", "torch", "torch_malloc"))
        if o is None or t is None:
            continue
        print(f"{model:22s} {kind:20s} {o:9.3f} {t:9.3f} {tm:13.3f} {o / t:11.3f} {o / tm:14.3f}")
    for model, kind in keys:
        if kind == "train_step_adam":
            est = [med(w, model, kind, "ms_median") for w in ("ours", "torch", "torch_malloc")]
            if None not in est:
                print(f"{model}: epoch estimate, 938 steps x the median step: ours {est[0] * 0.938:.2f} s, "
                      f"torch {est[1] * 0.938:.2f} s, torch+malloc {est[2] * 0.938:.2f} s")
    if a.epoch:
        for model, kind in keys:
            if kind == "fashion_mnist_epoch":
                accs = {w: med(w, model, kind, "test_acc") for w in ("ours", "torch")}
                print(f"{model}: test accuracy after one epoch: ours {accs['ours'] * 100:.2f}%, "
                      f"torch {accs['torch'] * 100:.2f}% (different initial weights and shuffles)")
    disturbed = sum(1 for x in raw if x["other_cores"] > 0.10)
    if disturbed:
        print(f"note: {disturbed} results come from runs during which other processes used > 0.10 core")


if __name__ == "__main__":
    main()
