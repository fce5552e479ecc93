#!/usr/bin/env bash
# The rnn lesson at its defaults (the adding problem, T = 50, hidden 64, Adam 3e-3, batch 64,
# clip 1, LSTM forget bias 1, 3000 steps) against the PyTorch 1.13 reference of the same task
# (tests/bench/pytorch/rnn_tasks.py), for the seeds given: each cell's test accuracy on 1024 fresh
# sequences (|error| < 0.04), ours and PyTorch's, and their means. The issue's target: the means
# agree within 3 points. Both run on one thread; a seed takes a few minutes each.
# Usage: tests/bench/rnn_reference.sh [BUILD_DIR (build)] [SEEDS (0 1 2)]
set -euo pipefail
build=${1:-build}
shift $(( $# > 0 ? 1 : 0 ))
seeds=("${@:-0 1 2}")
read -r -a seeds <<< "${seeds[*]}"
cli=$build/app/cli/gradlab-cli
[ -x "$cli" ] || { echo "rnn_reference.sh: no $cli (build first)" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for s in "${seeds[@]}"; do
  echo "rnn_reference.sh: seed $s" >&2
  OMP_NUM_THREADS=1 "$cli" run rnn --seed "$s" --out "$tmp/ours$s" 2>/dev/null
  /usr/bin/python3 "$here/pytorch/rnn_tasks.py" --task adding --T 50 --steps 3000 --eval-every 250 \
    --forget-bias 1 --seed "$s" --out "$tmp/torch$s.json" >/dev/null
done
/usr/bin/python3 - "$tmp" "${seeds[@]}" <<'PY'
import json, sys
tmp, seeds = sys.argv[1], sys.argv[2:]
print(f"{'cell':5} {'seed':>4} {'ours':>7} {'PyTorch':>8}")
for c in ("rnn", "lstm", "gru"):
    ours = [json.load(open(f"{tmp}/ours{s}/summary.json"))[f"accuracy.{c}"] for s in seeds]
    theirs = [json.load(open(f"{tmp}/torch{s}.json"))["accuracy"][c] for s in seeds]
    for s, a, b in zip(seeds, ours, theirs):
        print(f"{c:5} {s:>4} {100 * a:6.1f}% {100 * b:7.1f}%")
    ma, mb = 100 * sum(ours) / len(ours), 100 * sum(theirs) / len(theirs)
    print(f"{c:5} mean {ma:6.1f}% {mb:7.1f}%   difference {ma - mb:+.1f} points")
PY
