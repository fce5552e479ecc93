#!/usr/bin/env bash
# How much a sweep gains from running its runs side by side: the wall time of
#   gradlab-cli sweep optimizers --set adam.lr=0.001,0.01,0.1 --seeds 3 --jobs 2
# against the same 9 runs one after the other (--jobs 1), alternated ROUNDS times in one sitting
# (shared machines are noisy); prints each time and the ratio of the medians (the issue's target
# on a 2-core machine: at most 0.65).
# Usage: tests/bench/sweep_speed.sh [BUILD_DIR (build)] [ROUNDS (5)] [-- more sweep args]
set -euo pipefail
build=${1:-build}
rounds=${2:-5}
shift $(( $# > 2 ? 2 : $# ))
[ "${1:-}" = "--" ] && shift
extra=("$@")
cli=$build/app/cli/gradlab-cli
[ -x "$cli" ] || { echo "sweep_speed.sh: no $cli (build first)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
time_sweep() {  # time_sweep JOBS: wall seconds of one sweep
  local t0 t1
  rm -rf "$tmp/out"
  t0=$(date +%s.%N)
  "$cli" sweep optimizers --set adam.lr=0.001,0.01,0.1 --seeds 3 --jobs "$1" --out "$tmp/out" "${extra[@]}" 2>/dev/null
  t1=$(date +%s.%N)
  [ "$(tail -n +2 "$tmp/out/runs.csv" | wc -l)" = 9 ] || { echo "sweep_speed.sh: runs.csv has not 9 rows" >&2; exit 1; }
  awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}'
}
one=() two=()
for ((i = 0; i < rounds; ++i)); do
  one+=("$(time_sweep 1)")
  two+=("$(time_sweep 2)")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m1=$(median "${one[@]}") m2=$(median "${two[@]}")
echo "jobs 1: ${one[*]} s (median $m1)"
echo "jobs 2: ${two[*]} s (median $m2)"
awk -v a="$m1" -v b="$m2" 'BEGIN {printf "ratio jobs 2 / jobs 1: %.3f\n", b / a}'
