#!/usr/bin/env bash
# The installed program (cmake --install into a scratch prefix, as the .deb lays it out) runs from
# any folder without the build tree: version from project(VERSION), lessons listed, a lesson run
# that looks for its data in <prefix>/share/gradlab/data and never in the build tree, the GUI's
# screenshot; the desktop entry and the icon where menus look for them.
# Usage: test_install.sh BUILD_DIR VERSION GUI(ON|OFF)
set -euo pipefail
build=$(readlink -f "$1") version=$2 gui=$3
fail() { echo "FAIL: $*" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/usr
cmake --install "$build" --prefix "$prefix" >/dev/null
cli=$prefix/bin/gradlab-cli
[ -x "$cli" ] || fail "gradlab-cli not installed in $prefix/bin"

# A clean environment: no data folder given, the user's data folder empty, run from /.
export HOME=$tmp/home
unset GRADLAB_DATA_DIR XDG_DATA_HOME
cd /

out=$("$cli" --version)
[ "$out" = "gradlab-cli $version" ] || fail "gradlab-cli --version says '$out', expected 'gradlab-cli $version'"
"$cli" list | grep -q '^optimizers' || fail "gradlab-cli list does not list optimizers"

run_cnn() {  # run_cnn NAME: one step of the cnn lesson asking for MNIST, stderr into $tmp/NAME.err
  "$cli" run cnn --set dataset=mnist --steps 1 --out "$tmp/$1" 2>"$tmp/$1.err" || { cat "$tmp/$1.err" >&2; fail "gradlab-cli run cnn failed"; }
  if grep -q "$build" "$tmp/$1.err"; then cat "$tmp/$1.err" >&2; fail "the installed gradlab-cli looked into the build tree $build"; fi
}
# Where MNIST is not found, the note lists every folder searched: never the build tree (lab.sh
# imports MNIST there), but the installed data folder and the user's.
run_cnn plain
if grep -q "mnist not found in" "$tmp/plain.err"; then
  grep -q "not found in $prefix/share/gradlab/data/mnist, $HOME/.local/share/gradlab/data/mnist," "$tmp/plain.err" \
    || { cat "$tmp/plain.err" >&2; fail "the installed gradlab-cli did not search $prefix/share/gradlab/data, then the user's data folder"; }
fi
# Broken copies of MNIST in the installed data folder and in the user's: both are read (and
# reported, the installed one first) before the run falls back to other data.
mkdir -p "$prefix/share/gradlab/data/mnist" "$HOME/.local/share/gradlab/data/mnist"
run_cnn cnn
grep -q "copy in $prefix/share/gradlab/data/mnist is unusable: .*; the copy in $HOME/.local/share/gradlab/data/mnist is unusable" "$tmp/cnn.err" \
  || { cat "$tmp/cnn.err" >&2; fail "the installed gradlab-cli did not look for data in $prefix/share/gradlab/data, then in the user's data folder"; }
[ -s "$tmp/cnn/summary.json" ] || fail "no summary.json"

if [ "$gui" = ON ]; then
  [ -x "$prefix/bin/gradlab" ] || fail "gradlab not installed in $prefix/bin"
  desktop=$prefix/share/applications/gradlab.desktop
  [ -f "$desktop" ] || fail "no desktop entry at $desktop"
  grep -qx 'Exec=gradlab' "$desktop" && grep -qx 'Icon=gradlab' "$desktop" || fail "$desktop: Exec or Icon is not gradlab"
  [ -f "$prefix/share/icons/hicolor/scalable/apps/gradlab.svg" ] || fail "no icon in share/icons/hicolor/scalable/apps"
  if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$desktop" || fail "desktop-file-validate"; fi
  QT_QPA_PLATFORM=offscreen "$prefix/bin/gradlab" --steps 3 --screenshot "$tmp/shot.png" 2>"$tmp/gui.err" \
    || { cat "$tmp/gui.err" >&2; fail "the installed gradlab failed"; }
  [ "$(head -c 8 "$tmp/shot.png" | od -An -tx1 | tr -d ' ')" = 89504e470d0a1a0a ] || fail "the installed gradlab wrote no PNG"
fi
echo "installed gradlab $version runs from / without the build tree"
