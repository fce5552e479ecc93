#!/usr/bin/env bash
# Configures Gradient Lab with CUDA against Debian 12's stock, unpatched FindCUDAToolkit.cmake
# (the Modules folder of the cmake-data package of the installed version first on CMAKE_MODULE_PATH).
# With CUDA 13 (no nvToolsExt library) the stock module of CMake 3.25.1 fails any project that
# calls find_package(CUDAToolkit) with cmake_minimum_required(3.25) ("set_property could not find
# TARGET CUDA::nvToolsExt"); machines with a locally patched module never see it. A scratch project
# shows that the module taken really fails that way, then the project must configure with it.
# Run by .ci/run; needs a CUDA toolkit (else it says SKIPPED) and Debian's package mirror.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
fail() { echo "stock_find_cuda: FAIL: $*" >&2; exit 1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

nvcc=$(command -v nvcc || true)
[ -n "$nvcc" ] || { [ -x /usr/local/cuda/bin/nvcc ] && nvcc=/usr/local/cuda/bin/nvcc; } || true
if [ -z "$nvcc" ]; then echo "stock_find_cuda: SKIPPED (no CUDA toolkit: nvcc not found)"; exit 0; fi
version=$(dpkg-query -W -f='${Version}' cmake-data 2>/dev/null) || { echo "stock_find_cuda: SKIPPED (cmake is not Debian's)"; exit 0; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fetch() { (cd "$tmp" && apt-get download -q "cmake-data=$version" >/dev/null 2>&1); }
fetch || { as_root apt-get update -qq && fetch; } || fail "could not download cmake-data=$version (apt-get download)"
# The package's whole Modules folder: FindCUDAToolkit.cmake includes its neighbours
# (FindPackageHandleStandardArgs.cmake, ...) from its own folder.
mkdir -p "$tmp/deb"
dpkg-deb -x "$tmp"/cmake-data_*.deb "$tmp/deb"
modules=$(dirname "$(find "$tmp/deb" -path '*/Modules/FindCUDAToolkit.cmake' | head -1)")
[ -f "$modules/FindCUDAToolkit.cmake" ] || fail "no FindCUDAToolkit.cmake in cmake-data=$version"

# The module reproduces the failure: only where the toolkit has no nvToolsExt (CUDA 13).
cuda_root=$(dirname "$(dirname "$(readlink -f "$nvcc")")")
if ! ls "$cuda_root"/lib64/libnvToolsExt* "$cuda_root"/targets/*/lib/libnvToolsExt* >/dev/null 2>&1; then
  mkdir -p "$tmp/scratch"
  printf 'cmake_minimum_required(VERSION 3.25)\nproject(scratch LANGUAGES CXX)\nfind_package(CUDAToolkit REQUIRED)\n' \
    > "$tmp/scratch/CMakeLists.txt"
  if cmake -S "$tmp/scratch" -B "$tmp/scratch/build" -DCMAKE_MODULE_PATH="$modules" \
       -DCUDAToolkit_ROOT="$cuda_root" >"$tmp/scratch.log" 2>&1; then
    echo "stock_find_cuda: note: the stock module of cmake-data $version configures a find_package(CUDAToolkit) project fine here"
  elif grep -q "CUDA::nvToolsExt" "$tmp/scratch.log"; then
    echo "stock_find_cuda: the stock module fails find_package(CUDAToolkit) here, as expected (CUDA::nvToolsExt)"
  else
    cat "$tmp/scratch.log" >&2; fail "the scratch project failed for another reason"
  fi
fi

# The project configures with the stock module first on the module path, with CUDA on.
if ! cmake -S . -B "$tmp/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_MODULE_PATH="$modules" \
     -DCMAKE_CUDA_COMPILER="$nvcc" >"$tmp/configure.log" 2>&1; then
  cat "$tmp/configure.log" >&2; fail "Gradient Lab does not configure with Debian's stock FindCUDAToolkit.cmake"
fi
grep -q "Gradient Lab: CUDA backend ON" "$tmp/configure.log" || { cat "$tmp/configure.log" >&2; fail "configured without CUDA"; }
echo "stock_find_cuda: Gradient Lab configures with CUDA ($nvcc) against the stock FindCUDAToolkit.cmake of cmake-data $version"
