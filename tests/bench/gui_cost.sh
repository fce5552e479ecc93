#!/bin/bash
# What the desktop app costs a lesson's training thread, and how fluid its frames are: runs the
# lesson in gradlab-cli and in gradlab under Xvfb (the real-window renderer) alternately, ROUNDS
# rounds in one sitting, and prints each run and the medians: CLI steps/s, GUI steps/s (the
# training thread's own account, see --frame-stats), the cost 1 - GUI/CLI, and the frame
# interval median / p99 / max. Machines here are shared and noisy: compare within one sitting.
#
# Usage: tests/bench/gui_cost.sh [LESSON (optimizers)] [STEPS (100000)] [ROUNDS (5)] [-- gradlab args...]
#   BUILD_DIR (default: build) must hold gradlab and gradlab-cli.
# Needs xvfb-run (package xvfb).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
LESSON="${1:-optimizers}"
STEPS="${2:-100000}"
ROUNDS="${3:-5}"
shift $(( $# < 3 ? $# : 3 ))
[ "${1:-}" = "--" ] && shift
GUI="$BUILD_DIR/app/gradlab"
CLI="$BUILD_DIR/app/cli/gradlab-cli"
fail() { echo "gui_cost.sh: $*" >&2; exit 2; }
[ -x "$GUI" ] && [ -x "$CLI" ] || fail "build gradlab and gradlab-cli first (./lab.sh test)"
command -v xvfb-run >/dev/null || fail "needs xvfb-run: apt-get install xvfb"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

for r in $(seq 1 "$ROUNDS"); do
    rm -rf "$TMP/cli"
    "$CLI" run "$LESSON" --steps "$STEPS" --out "$TMP/cli" >/dev/null 2>&1 || fail "gradlab-cli failed"
    xvfb-run -a -s "-screen 0 1280x800x24" "$GUI" --lesson "$LESSON" --steps "$STEPS" \
        --frame-stats "$TMP/gui.json" "$@" >/dev/null 2>&1 || fail "gradlab failed"
    /usr/bin/python3 - "$TMP/cli/summary.json" "$TMP/gui.json" "$r" >>"$TMP/rows" <<'EOF'
import json, sys
c = json.load(open(sys.argv[1])); g = json.load(open(sys.argv[2]))
print(sys.argv[3], c["steps_per_second"], g["training_steps_per_second"], g["frame_interval_median_ms"],
      g["frame_interval_p99_ms"], g["frame_interval_max_ms"], g["frames"], g["frames_over_16_7ms"])
EOF
    tail -1 "$TMP/rows" | awk '{printf "round %d: cli %.0f steps/s, gui %.0f steps/s (cost %.1f%%), frames median %.1f p99 %.1f max %.1f ms, %d of %d over 16.7 ms\n", $1, $2, $3, 100*(1-$3/$2), $4, $5, $6, $8, $7}'
done
/usr/bin/python3 - "$TMP/rows" <<'EOF'
import statistics as st, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1])]
col = lambda i: st.median(r[i] for r in rows)
cli, gui = col(1), col(2)
print(f"median of {len(rows)}: cli {cli:.0f} steps/s, gui {gui:.0f} steps/s, cost {100*(1-gui/cli):.1f}%, "
      f"frame median {col(3):.1f} ms, p99 {col(4):.1f} ms, max {col(5):.1f} ms")
EOF
