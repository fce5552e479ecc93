#!/usr/bin/env bash
# The gpt lesson's speed against PyTorch 1.13 in one sitting (the machines are shared and noisy:
# only the ratio means something): the median training step at the lesson's defaults, ours
# (bench_gpt) and PyTorch's (tests/bench/pytorch/gpt_reference.py time), both on THREADS threads,
# alternating ROUNDS times; and our time per generated character with and without the KV cache.
# Usage: tests/bench/gpt_speed.sh [BUILD_DIR (build)] [THREADS (2)] [ROUNDS (3)]
set -euo pipefail
build=${1:-build}
threads=${2:-2}
rounds=${3:-3}
bench=$build/tests/bench/bench_gpt
[ -x "$bench" ] || { echo "gpt_speed.sh: no $bench (build first)" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
ours=() theirs=()
for r in $(seq "$rounds"); do
  o=$(OMP_NUM_THREADS=$threads "$bench" 60 200)
  t=$(OMP_NUM_THREADS=$threads "$here/pytorch/run.sh" openblas-omp "$threads" gpt_reference.py time --threads "$threads" 2>/dev/null | tail -1)
  echo "round $r: ours $o" >&2
  echo "round $r: PyTorch $t" >&2
  ours+=("$o") theirs+=("$t")
done
/usr/bin/python3 - "${#ours[@]}" "${ours[@]}" "${theirs[@]}" <<'PY'
import json, statistics, sys
n = int(sys.argv[1]); ours = [json.loads(s) for s in sys.argv[2:2 + n]]; theirs = [json.loads(s) for s in sys.argv[2 + n:]]
o = statistics.median(x["train_step_median_s"] for x in ours)
t = statistics.median(x["step_time_median_s"] for x in theirs)
print(f"training step: ours {o*1000:.1f} ms, PyTorch {t*1000:.1f} ms, ratio {o/t:.2f} (target <= 1.0)")
c = statistics.median(x["per_char_cached_s"] for x in ours); u = statistics.median(x["per_char_uncached_s"] for x in ours)
print(f"generation per character: with the KV cache {c*1000:.2f} ms, without {u*1000:.2f} ms, {u/c:.1f}x faster (target >= 5)")
PY
