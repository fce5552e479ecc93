#!/bin/bash
# Times our transformer models (bench_transformers) and PyTorch 1.13's (pytorch/bench_transformers.py)
# alternately in one sitting, ROUNDS rounds, and prints every measurement and the ratio ours / torch
# of the medians over the rounds (< 1: we are faster).
# Torch runs as the project's "tuned torch" reference does (../shared/reference/pytorch/run.sh):
# Debian's python3-torch with libopenblas0-openmp picked by LD_LIBRARY_PATH, torch.set_num_threads
# and OPENBLAS_NUM_THREADS = THREADS, and glibc's malloc tuned as our allocator tunes it
# (MALLOC_MMAP_THRESHOLD_, MALLOC_TRIM_THRESHOLD_: RESULTS.md's "malloc" columns). Ours runs with
# OMP_NUM_THREADS = THREADS.
# On a shared machine OpenMP teams collapse when another process takes a core, so, like the
# reference's bench_all.py, each run waits until the machine is idle (up to 10 min), measures the
# CPU other processes used meanwhile and is repeated (up to 3 times) when that exceeded 0.1 core;
# the "others" column shows it.
# Needs: apt-get install python3-torch python3-numpy libopenblas0-openmp (and dataset-fashion-mnist
# for --epoch).
# Usage: tests/bench/compare_pytorch_transformers.sh [--build DIR] [--threads N] [--rounds N]
#        [--epoch] [--only NAME]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
BUILD="$HERE/../../build"
THREADS=2
ROUNDS=3
EXTRA=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --epoch) EXTRA+=(--epoch); shift ;;
    --only) EXTRA+=(--only "$2"); shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
OURS="$BUILD/tests/bench/bench_transformers"
[ -x "$OURS" ] || { echo "build bench_transformers first (ninja -C $BUILD bench_transformers)" >&2; exit 2; }
OPENBLAS=/usr/lib/x86_64-linux-gnu/openblas-openmp
[ -e "$OPENBLAS/libblas.so.3" ] || { echo "install libopenblas0-openmp (the torch reference BLAS)" >&2; exit 2; }

exec /usr/bin/python3 - "$OURS" "$HERE/pytorch/bench_transformers.py" "$OPENBLAS" "$THREADS" "$ROUNDS" "${EXTRA[@]}" <<'PY'
import json, os, resource, statistics, subprocess, sys, time

ours_bin, torch_py, openblas, threads, rounds, extra = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6:]
ncpu = os.cpu_count()

def cpu_jiffies():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:9]]
    return sum(v), v[3] + v[4]  # total, idle + iowait

def busy(seconds):
    t1, i1 = cpu_jiffies(); time.sleep(seconds); t2, i2 = cpu_jiffies()
    return ncpu * (1 - (i2 - i1) / max(t2 - t1, 1))  # cores in use

def wait_idle(limit=600):
    t0 = time.time()
    while busy(1.0) > 0.15 and time.time() - t0 < limit:
        pass

def run(cmd, env):
    for attempt in range(3):
        wait_idle()
        t1, i1 = cpu_jiffies(); r0 = resource.getrusage(resource.RUSAGE_CHILDREN); w0 = time.time()
        out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
        w = time.time() - w0; r1 = resource.getrusage(resource.RUSAGE_CHILDREN); t2, i2 = cpu_jiffies()
        total = ncpu * (1 - (i2 - i1) / max(t2 - t1, 1)) * w  # core-seconds used by everyone
        mine = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        others = max(0.0, total - mine) / w
        if others <= 0.10:
            break
        print(f"  others used {others:.2f} cores: again", file=sys.stderr)
    return json.loads(out.strip().splitlines()[-1]), others

base = dict(os.environ)
ours_env = dict(base, OMP_NUM_THREADS=threads)
torch_env = dict(base, LD_LIBRARY_PATH=openblas, OPENBLAS_NUM_THREADS=threads, REFBENCH_THREADS=threads,
                 MALLOC_MMAP_THRESHOLD_="33554432", MALLOC_TRIM_THRESHOLD_="268435456")
ours, torch, load = [], [], []
for r in range(rounds):
    print(f"round {r + 1}: ours", file=sys.stderr)
    o, lo = run([ours_bin, "--json"] + extra, ours_env)
    print(f"round {r + 1}: torch", file=sys.stderr)
    t, lt = run(["/usr/bin/python3", torch_py, "--json"] + extra, torch_env)
    ours.append(o); torch.append(t); load.append((lo, lt))

print(f"{threads} thread(s), {rounds} rounds: ours / torch per round (ms, epoch s, accuracy %); ratio of the medians")
print("others (cores used by other processes during each run): " + ", ".join(f"{a:.2f}/{b:.2f}" for a, b in load))
print(f"{'measurement':42s} {'ours':>26s} {'torch':>26s} {'ratio':>7s}")
for key in ours[0]:
    o = [x[key] for x in ours]; t = [x[key] for x in torch]
    fmt = lambda v: " ".join(f"{x:8.2f}" for x in v)
    ratio = f"{statistics.median(o) / statistics.median(t):7.3f}" if not key.endswith(("acc", "steps")) else ""
    print(f"{key:42s} {fmt(o):>26s} {fmt(t):>26s} {ratio:>7s}")
PY
