#!/usr/bin/env bash
# The generalization lesson's figures over several seeds, through gradlab-cli (what the lesson's
# text and the issue's "Done when" quote; compare with tests/data/generalization_reference.json,
# PyTorch 1.13 on the same setups).
#   points: moons, 30 points, noise 0.3, MLP 3 x 64, 3,000 steps; none / weight decay 1e-2, 3e-2 /
#           dropout 0.3: train and validation accuracy, the gap, the final validation loss;
#   images: 1,000 Fashion-MNIST pictures, MLP, 20 epochs; none / dropout 0.3 / augment shift,flip /
#           weight decay 1e-3: the epoch of the lowest validation loss, final accuracies.
# Usage: tests/bench/generalization_figures.sh [BUILD_DIR (build)] [SEEDS ("0 1 2 3 4")] [PART (points|images|both)]
set -euo pipefail
build=${1:-build}
seeds=${2:-"0 1 2 3 4"}
part=${3:-both}
cli=$build/app/cli/gradlab-cli
[ -x "$cli" ] || { echo "generalization_figures.sh: no $cli (build first)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
run() {  # run NAME STEPS SEED SETTINGS...
  local name=$1 steps=$2 seed=$3; shift 3
  local sets=()
  for s in "$@"; do sets+=(--set "$s"); done
  OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} "$cli" run generalization --steps "$steps" --seed "$seed" "${sets[@]}" --out "$out/$name-$seed" >/dev/null
}
if [ "$part" != images ]; then
  for cfg in none weight_decay=0.01 weight_decay=0.03 weight_decay=0.05 dropout=0.3; do
    for seed in $seeds; do
      extra=(); [ "$cfg" != none ] && extra=("$cfg")
      run "points-$cfg" 3000 "$seed" epochs=1 train_images=100 "${extra[@]}"
    done
  done
fi
if [ "$part" != points ]; then
  for cfg in none dropout=0.3 dropout=0.5 augment=shift,flip weight_decay=0.001; do
    for seed in $seeds; do
      extra=(); [ "$cfg" != none ] && extra=("$cfg")
      run "images-$cfg" 640 "$seed" points=10 "${extra[@]}"
    done
  done
fi
/usr/bin/python3 - "$out" <<'PY'
import glob, json, os, statistics, sys
rows = {}
for f in sorted(glob.glob(os.path.join(sys.argv[1], "*", "summary.json"))):
    name, seed = os.path.basename(os.path.dirname(f)).rsplit("-", 1)
    rows.setdefault(name, []).append((int(seed), json.load(open(f))))
def mean(v): return statistics.mean(v) if v else float("nan")
for name, runs in rows.items():
    if name.startswith("points-"):
        g = [s["gap"] for _, s in runs]
        print(f"{name:28s} train {mean([s['train_accuracy'] for _, s in runs]):.3f}  val {mean([s['val_accuracy'] for _, s in runs]):.3f}"
              f"  gap {mean(g):.3f} ({' '.join(f'{x:.3f}' for x in g)})  val loss {mean([s['val_loss'] for _, s in runs]):.3f}")
    else:
        v = [s["images_val_accuracy"] for _, s in runs]
        print(f"{name:28s} best epoch {mean([s['images_best_epoch'] for _, s in runs]):.1f}  train {mean([s['images_train_accuracy'] for _, s in runs]):.3f}"
              f"  val {mean(v):.4f} ({' '.join(f'{x:.3f}' for x in v)})  val loss min {mean([s['images_best_val_loss'] for _, s in runs]):.3f}"
              f" end {mean([s['images_val_loss'] for _, s in runs]):.3f}")
PY
