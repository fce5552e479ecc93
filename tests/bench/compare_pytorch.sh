#!/bin/bash
# Our LeNet-5 training step (and forward) against PyTorch 1.13's on this machine, in the same
# sitting: ours, torch, torch with malloc tuning, alternately, for several rounds; prints each
# measurement's median over the rounds and the ratio ours / torch. Optionally one Fashion-MNIST
# epoch per variant and round as well (--epoch; ~1 min per round).
#
# Usage: tests/bench/compare_pytorch.sh [--threads N (2)] [--rounds N (3)] [--epoch] [--json FILE]
#                                       [--quiet-wait S (60)] [model-filter... (lenet5)]
#   BUILD_DIR (default: build) must hold a Release build of bench_models:
#     cmake -S . -B build -G Ninja -DGRADLAB_CUDA=OFF -DGRADLAB_GUI=OFF && ninja -C build bench_models
#
# Needs (Debian 12): python3-torch (run with /usr/bin/python3; a pyenv python3 cannot see it),
# libopenblas0-openmp (torch's BLAS is chosen per run with LD_LIBRARY_PATH, as
# tests/bench/pytorch/run.sh does, whatever the libblas.so.3 alternative says), and for --epoch
# dataset-fashion-mnist (/usr/share/datasets/fashion-mnist). Install them with
#   apt-get install python3-torch libopenblas0-openmp dataset-fashion-mnist
# Measure on a quiet machine: the script waits for one before each run and reports runs that
# other processes disturbed (OpenMP teams of 2 threads on 2 busy cores slow down badly).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
BENCH="$BUILD_DIR/tests/bench/bench_models"

fail() { echo "compare_pytorch.sh: $*" >&2; exit 2; }
[ -x "$BENCH" ] || fail "no $BENCH; build it: ninja -C $BUILD_DIR bench_models"
[ -x /usr/bin/python3 ] || fail "needs Debian's /usr/bin/python3 with python3-torch"
/usr/bin/python3 -c "import torch" 2>/dev/null || fail "/usr/bin/python3 cannot import torch: apt-get install python3-torch"
[ -e /usr/lib/x86_64-linux-gnu/openblas-openmp/libblas.so.3 ] ||
    fail "libopenblas0-openmp is missing: apt-get install libopenblas0-openmp"
if [[ " $* " == *" --epoch "* ]] && [ ! -d /usr/share/datasets/fashion-mnist ]; then
    fail "--epoch needs /usr/share/datasets/fashion-mnist: apt-get install dataset-fashion-mnist"
fi
exec /usr/bin/python3 "$HERE/pytorch/compare.py" --bench "$BENCH" "$@"
