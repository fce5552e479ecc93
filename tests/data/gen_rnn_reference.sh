#!/usr/bin/env bash
# rnn_reference.json: the PyTorch 1.13 reference of the rnn lesson at its defaults (the adding
# problem, T = 50, hidden 64, Adam 3e-3, batch 64, clip 1, LSTM forget bias 1): step 0's
# ||dL/dh_T|| / ||dL/dh_1|| per cell for the seeds 0..4 (test_rnn_lesson compares the medians).
# Needs Debian's python3-torch (/usr/bin/python3). The accuracies after training are measured
# by tests/bench/rnn_reference.sh, not stored here.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for s in 0 1 2 3 4; do
  /usr/bin/python3 "$here/../bench/pytorch/rnn_tasks.py" --task adding --T 50 --steps 1 --eval-every 1 \
    --forget-bias 1 --seed "$s" --out "$tmp/s$s.json" >/dev/null
done
/usr/bin/python3 - "$tmp" "$here/rnn_reference.json" <<'PY'
import json, sys
tmp, out = sys.argv[1], sys.argv[2]
ratios = {c: [] for c in ("rnn", "lstm", "gru")}
for s in range(5):
    d = json.load(open(f"{tmp}/s{s}.json"))
    for c in ratios:
        ratios[c].append(d["time_grad_ratio"][c])
json.dump({"about": "PyTorch 1.13 reference of the rnn lesson's tasks (tests/bench/pytorch/rnn_tasks.py); "
                    "regenerate with tests/data/gen_rnn_reference.sh",
           "defaults": {"task": "adding", "T": 50, "hidden": 64, "optimizer": "adam", "lr": 0.003, "batch": 64,
                        "clip": 1.0, "forget_bias": 1},
           "step0_time_grad_ratio": ratios}, open(out, "w"), indent=1)
PY
