#!/usr/bin/env bash
# Builds, checks and times everything GPU-related in one command, writing every log to one folder.
#
#   tests/bench/gpu_check.sh [OUT_DIR]        on a GPU machine: run the checks (default OUT_DIR: gpu-check-out)
#   tests/bench/gpu_check.sh --pack           on the build machine: build the GPU programs and bundle them
#
# The checks: nvidia-smi, the CUDA parity tests (test_cuda_parity: every op forward/backward vs the
# CPU, optimizer and lesson runs), compute-sanitizer memcheck and racecheck on the parity table,
# gradlab-cli running each lesson on CUDA, and the benchmark (bench_cuda: our SGEMM vs cuBLAS,
# kernel bandwidth, train steps CUDA vs CPU). SUMMARY.txt lists each step's result and time.
#
# Where the programs come from: a bundle in build-gpu/bundle (made by --pack: the binaries plus the
# shared libraries ldd lists for them, e.g. Qt, so a GPU machine without Qt can run them; carry the
# build-gpu/bundle folder there, about 60 MB), else GRADLAB_BUILD_DIR, else a fresh build in build-gpu/local (needs
# CMake, Ninja, Qt and nvcc; the architecture is the GPU's own).
# Environment: GRADLAB_CUDA_ARCHS (default 90) for --pack; STEP_TIMEOUT seconds per step (default 300).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUNDLE="$ROOT/build-gpu/bundle"
PROGRAMS=(test_cuda_parity bench_cuda gradlab-cli)

# ---------------------------------------------------------------- --pack (build machine)
if [[ "${1:-}" == "--pack" ]]; then
    set -e
    BUILD="$ROOT/build-gpu/build"
    cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGRADLAB_GUI=OFF -DGRADLAB_NATIVE=OFF \
        -DCMAKE_CUDA_ARCHITECTURES="${GRADLAB_CUDA_ARCHS:-90}" \
        ${CMAKE_CXX_COMPILER_LAUNCHER:+-DCMAKE_CXX_COMPILER_LAUNCHER=$CMAKE_CXX_COMPILER_LAUNCHER} \
        ${CMAKE_CUDA_COMPILER_LAUNCHER:+-DCMAKE_CUDA_COMPILER_LAUNCHER=$CMAKE_CUDA_COMPILER_LAUNCHER}
    ninja -C "$BUILD" -j"${JOBS:-2}" "${PROGRAMS[@]}"
    rm -rf "$BUNDLE" && mkdir -p "$BUNDLE/lib"
    for p in "${PROGRAMS[@]}"; do
        f="$(find "$BUILD" -type f -name "$p" -perm -u+x | head -1)"
        cp "$f" "$BUNDLE/"
        # Every shared library it needs except glibc's own (they must match the machine's libc),
        # the CUDA driver and cuBLAS (600 MB: the GPU machine's CUDA toolkit has them).
        ldd "$f" | awk '/=> \//{print $3}' |
            grep -Ev '/(libc|libm|libmvec|libdl|libpthread|librt|ld-linux[^/]*|libcuda|libcublas|libcublasLt)\.so' |
            while read -r lib; do cp -Ln "$lib" "$BUNDLE/lib/" 2>/dev/null || true; done
        strip "$BUNDLE/$p"
    done
    # Qt finds its plugins relative to itself; the tests need none (QTEST_GUILESS_MAIN, offscreen).
    du -sh "$BUNDLE"
    echo "bundle ready: carry build-gpu/bundle to the GPU machine and run tests/bench/gpu_check.sh there"
    exit 0
fi

# ---------------------------------------------------------------- checks (GPU machine)
OUT="${1:-$ROOT/gpu-check-out}"
mkdir -p "$OUT"
STEP_TIMEOUT="${STEP_TIMEOUT:-300}"
SUMMARY="$OUT/SUMMARY.txt"
: >"$SUMMARY"
export QT_QPA_PLATFORM=offscreen OMP_NUM_THREADS="${OMP_NUM_THREADS:-4}"
export PATH="$PATH:/usr/local/cuda/bin"

# step NAME COMMAND...: runs with a timeout, logs to OUT/NAME.txt, records status and seconds.
FAILED=0
step() {
    local name="$1"
    shift
    local t0=$SECONDS
    echo "== $name: $*" | tee -a "$SUMMARY"
    timeout "$STEP_TIMEOUT" "$@" >"$OUT/$name.txt" 2>&1
    local rc=$?
    local verdict="ok"
    [[ $rc -ne 0 ]] && verdict="FAILED (exit $rc$([[ $rc -eq 124 ]] && echo ', timed out'))" && FAILED=1
    printf '   %s in %ds\n' "$verdict" "$((SECONDS - t0))" | tee -a "$SUMMARY"
    tail -3 "$OUT/$name.txt" | sed 's/^/   | /' | tee -a "$SUMMARY"
}

step nvidia-smi nvidia-smi

if [[ -x "$BUNDLE/test_cuda_parity" ]]; then
    BIN="$BUNDLE"
    export LD_LIBRARY_PATH="$BUNDLE/lib:/usr/local/cuda/lib64:${LD_LIBRARY_PATH:-}"
    echo "using the bundle in $BUNDLE" | tee -a "$SUMMARY"
elif [[ -n "${GRADLAB_BUILD_DIR:-}" ]]; then
    BIN="$OUT/bin"
    mkdir -p "$BIN"
    for p in "${PROGRAMS[@]}"; do cp "$(find "$GRADLAB_BUILD_DIR" -type f -name "$p" -perm -u+x | head -1)" "$BIN/"; done
else
    BUILD="$ROOT/build-gpu/local"
    step configure cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGRADLAB_GUI=OFF \
        -DCMAKE_CUDA_ARCHITECTURES=native
    step build ninja -C "$BUILD" "${PROGRAMS[@]}"
    BIN="$OUT/bin"
    mkdir -p "$BIN"
    for p in "${PROGRAMS[@]}"; do cp "$(find "$BUILD" -type f -name "$p" -perm -u+x | head -1)" "$BIN/" 2>/dev/null; done
fi
[[ -x "$BIN/test_cuda_parity" ]] || { echo "no test_cuda_parity program: build failed" | tee -a "$SUMMARY"; exit 1; }

# The parity table and whole runs; a SKIP here means the GPU was not usable: that is a failure.
step parity "$BIN/test_cuda_parity"
grep -q "SKIP" "$OUT/parity.txt" && { echo "   parity SKIPPED: no usable CUDA device" | tee -a "$SUMMARY"; FAILED=1; }
# Kernel faults named by kernel: synchronise after every launch.
step parity-sync env GRADLAB_CUDA_SYNC=1 "$BIN/test_cuda_parity" ops

if command -v compute-sanitizer >/dev/null; then
    step memcheck compute-sanitizer --tool memcheck --error-exitcode 9 --leak-check no "$BIN/test_cuda_parity" ops
    step racecheck compute-sanitizer --tool racecheck --error-exitcode 9 "$BIN/test_cuda_parity" ops
    # initcheck: reads of device memory nothing wrote (without the test's NaN poisoning, which
    # would count as a write).
    step initcheck env GRADLAB_PARITY_NO_POISON=1 compute-sanitizer --tool initcheck --error-exitcode 9 \
        "$BIN/test_cuda_parity" ops optimizers50Steps
else
    echo "== compute-sanitizer not found: memcheck/racecheck skipped" | tee -a "$SUMMARY"
    FAILED=1
fi

# Every lesson end to end on CUDA through the CLI (its own output files into OUT/cli-<lesson>).
if [[ -x "$BIN/gradlab-cli" ]]; then
    for lesson in $("$BIN/gradlab-cli" list | awk '{print $1}'); do  # every registered lesson
        step "cli-$lesson" "$BIN/gradlab-cli" run "$lesson" --device cuda --steps 50 --out "$OUT/cli-$lesson"
        # The CLI falls back to the CPU when CUDA is unusable: here that is a failure.
        grep -q '"device": *"cuda"' "$OUT/cli-$lesson/summary.json" 2>/dev/null ||
            { echo "   cli-$lesson did not run on cuda" | tee -a "$SUMMARY"; FAILED=1; }
    done
fi

step bench "$BIN/bench_cuda"

echo "== overall: $([[ $FAILED -eq 0 ]] && echo PASS || echo FAIL)" | tee -a "$SUMMARY"
exit $FAILED
