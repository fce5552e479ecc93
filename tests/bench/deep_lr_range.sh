#!/usr/bin/env bash
# The deep lesson's LR range test against the default learning rate, through gradlab-cli (the
# issue's claim: the suggestion trains at least as well as lr 1e-3 over 500 steps; compare with
# the key "lrrange_valley" of tests/data/deep_reference.json, PyTorch 1.13 on the same setup).
# For every seed: the range test at step 0 on the default residual stack (32 blocks, width 64,
# no norm, Fashion-MNIST), then 500 steps at the suggestion and 500 at 1e-3 (the range-test run
# itself trains at 1e-3: the test works on a copy). Loss = the residual net's mean training loss
# over the last 100 steps; accuracy = its validation accuracy at the end.
# Usage: tests/bench/deep_lr_range.sh [BUILD_DIR (build)] [SEEDS ("0 1 2 3 4 5 6 7 8 9")]
set -euo pipefail
build=${1:-build}
seeds=${2:-"0 1 2 3 4 5 6 7 8 9"}
cli=$build/app/cli/gradlab-cli
[ -x "$cli" ] || { echo "deep_lr_range.sh: no $cli (build first)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
for seed in $seeds; do
  "$cli" run deep --steps 500 --seed "$seed" --set steps=500 --set range_at_start=1 --out "$out/base-$seed" >/dev/null
  lr=$(/usr/bin/python3 -c 'import json, sys; print(repr(json.load(open(sys.argv[1]))["suggested_lr"]))' "$out/base-$seed/summary.json")
  "$cli" run deep --steps 500 --seed "$seed" --set steps=500 --set "lr=$lr" --out "$out/tuned-$seed" >/dev/null
done
/usr/bin/python3 - "$out" $seeds <<'PY'
import json, os, statistics, sys
out, seeds = sys.argv[1], sys.argv[2:]
rows = []
print(f"{'seed':>4s} {'suggested':>9s} | {'loss':>6s} {'acc':>6s} | {'1e-3 loss':>9s} {'acc':>6s}")
for s in seeds:
    b = json.load(open(os.path.join(out, f"base-{s}", "summary.json")))
    t = json.load(open(os.path.join(out, f"tuned-{s}", "summary.json")))
    r = (b["suggested_lr"], t["train_loss.residual"], t["val_accuracy.residual"], b["train_loss.residual"], b["val_accuracy.residual"])
    rows.append(r)
    print(f"{s:>4s} {r[0]:9.3g} | {r[1]:6.3f} {r[2]:6.3f} | {r[3]:9.3f} {r[4]:6.3f}")
m = [statistics.mean(r[i] for r in rows) for i in range(1, 5)]
print(f"mean {'':9s} | {m[0]:6.3f} {m[1]:6.3f} | {m[2]:9.3f} {m[3]:6.3f}")
PY
