#!/usr/bin/env bash
# The gpt lesson's figure from issue 15: `gradlab-cli run gpt --steps 2000 --out D` at the defaults
# (English fortunes, seed 0) against the PyTorch 1.13 reference of the same model, text, batches
# and schedule (tests/data/gpt_reference.json: seeds 0-2, made by tests/data/gen_gpt_reference.sh).
# Passes when our validation loss is at most the reference's mean + 0.05 nats and D/samples.txt
# holds a sample at every sampling step. Takes about as long as 2000 training steps.
# Usage: tests/bench/gpt_reference.sh [BUILD_DIR (build)] [THREADS (2)]
set -euo pipefail
build=${1:-build}
threads=${2:-2}
cli=$build/app/cli/gradlab-cli
[ -x "$cli" ] || { echo "gpt_reference.sh: no $cli (build first)" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
start=$(date +%s)
OMP_NUM_THREADS=$threads "$cli" run gpt --steps 2000 --out "$out" 2>/dev/null
echo "gpt_reference.sh: 2000 steps in $(( $(date +%s) - start )) s" >&2
/usr/bin/python3 - "$out" "$here/../data/gpt_reference.json" <<'PY'
import json, re, sys
out, ref = sys.argv[1], json.load(open(sys.argv[2]))
s = json.load(open(f"{out}/summary.json"))
theirs = ref["final_val_loss_mean"]
print(f"validation loss after 2000 steps: ours {s['val_loss']:.4f} nats ({s['val_bits_per_char']:.3f} bits/char), "
      f"PyTorch {theirs:.4f} (seeds {', '.join(f'{v:.4f}' for v in ref['final_val_loss'].values())}); "
      f"target: ours <= {theirs + 0.05:.4f}")
print(f"tokens per second: {s['tokens_per_second']:.0f}")
steps = [int(m) for m in re.findall(r"^=== step (\d+) ===$", open(f"{out}/samples.txt").read(), re.M)]
every = s["initial_params"]["sample.every"] if "initial_params" in s else 100
expected = list(range(0, 2001, int(every)))
print(f"samples.txt: {len(steps)} samples, at steps {steps[0]}..{steps[-1]}")
ok = s["val_loss"] <= theirs + 0.05 and steps == expected and all(k in s for k in ("val_loss", "val_bits_per_char", "tokens_per_second"))
print("PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
PY
