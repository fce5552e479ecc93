#!/usr/bin/env bash
# gpt_reference_300.json and gpt_reference.json: the PyTorch 1.13 reference of the gpt lesson at
# its defaults (English fortunes, 4 layers, width 128, 4 heads, context 64, batch 32, tied head,
# AdamW 2e-3 with warmup 100 and cosine to step 2000), seeds 0, 1, 2, trained for 300 and for
# 2000 steps; validation loss at step 0 and every 100 steps. The decay ends at step 2000 in both,
# so the 300-step file repeats the first 300 steps of the long one (a check of determinism).
# Needs Debian's python3-torch and fortunes; runs through run.sh with OpenBLAS (OpenMP), 2 threads
# (netlib BLAS, plain /usr/bin/python3, is about 15 times slower). About 15 minutes on 2 idle cores.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
run() { "$here/../bench/pytorch/run.sh" openblas-omp 2 gpt_reference.py train --seeds 0 1 2 --lang en "$@"; }
run --steps 300 --out "$here/gpt_reference_300.json"
run --steps 2000 --out "$here/gpt_reference.json"
