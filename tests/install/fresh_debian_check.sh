#!/usr/bin/env bash
# Fresh Debian 12 check of Gradient Lab: the README's two commands and the .deb, each in a fresh
# copy of a debootstrap'd bookworm chroot ($BASE), with the project as a `git clone`
# of a repository's committed HEAD (only committed files).
#
#   sudo tests/install/fresh_debian_check.sh [all|PHASE...]
#
# The base chroot ($BASE, default /var/tmp/gradlab-fresh/chroot-base) is made once with
#   debootstrap --variant=minbase --include=git,cmake,g++,ninja-build,sudo,ca-certificates \
#       bookworm $BASE http://deb.debian.org/debian
# (Debian's own cmake: no patched FindCUDAToolkit). Not part of ctest: it takes about an hour.
#
# Phases (all = every one, in this order):
#   setup1   fresh copy of chroot-base at $ROOT1, user student (passwordless sudo), clone as student
#   check1   as student, no CUDA: ./lab.sh run from nothing (no screen: the headless race; the
#            tests not built), ./lab.sh test, then xvfb-run -a ./lab.sh run --steps 20 --screenshot
#   package  as student in the same clone: cmake --build build --target package (refused by design:
#            build/ is -march=native), then the README's ./lab.sh package (its own build folder,
#            -DGRADLAB_NATIVE=OFF); PACKAGE_REF=<branch> checks that branch of $SRC out first
#   check2   CUDA 13 at /usr/local/cuda (host's /usr/local/cuda-13.0 bind-mounted), as root, a fresh
#            clone in /root/gradlab: ./lab.sh test
#   setup3   fresh copy of chroot-base at $ROOT3 (nothing installed but the base)
#   check3   apt install ./gradlab_*.deb there; gradlab-cli --version/list/run, desktop entry,
#            icon, an offscreen screenshot of the installed gradlab; dpkg -I
#   check3b  the same .deb in another fresh copy at $ROOT3B with apt install --no-install-recommends
#            (Depends alone): gradlab-cli --version, run, the offscreen screenshot
#   umount   unmount everything this script mounted (the chroot folders stay)
#
# Environment: SRC (repository to clone, default this one; its HEAD is cloned, or $REF), WORK
# (default /var/tmp/gradlab-fresh), BASE, ROOT1, ROOT3, ROOT3B (chroot folders), LOGS (logs,
# timings, screenshots, the .deb), CUDA_HOST (the host's CUDA 13 toolkit for check2).
# Builds run under `nice -n 10` with at most 2 parallel jobs (CMAKE_BUILD_PARALLEL_LEVEL=2; lab.sh's
# ctest runs -j2 itself). Each step's wall time goes to $LOGS/timings.txt.
set -euo pipefail

SRC=${SRC:-$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)}  # this repository
REF=${REF:-HEAD}
WORK=${WORK:-/var/tmp/gradlab-fresh}
BASE=${BASE:-$WORK/chroot-base}
ROOT1=${ROOT1:-$WORK/chroot-fresh}
ROOT3=${ROOT3:-$WORK/chroot-fresh-deb}
ROOT3B=${ROOT3B:-$WORK/chroot-fresh-deb-norec}
LOGS=${LOGS:-$WORK/logs}
CUDA_HOST=${CUDA_HOST:-/usr/local/cuda-13.0}
mkdir -p "$LOGS"
# The commit under test is fixed when setup1 runs (written to $LOGS/commit): later phases clone the
# same commit even if $SRC's branch moves meanwhile.
commit() { cat "$LOGS/commit"; }

log() { echo "=== $(date +%T) $*" | tee -a "$LOGS/timings.txt" >&2; }
# timed NAME CMD...: run CMD, output to $LOGS/NAME.log, wall seconds and exit status to timings.txt
timed() {
  local name=$1 t0 rc; shift
  t0=$(date +%s.%N)
  set +e
  "$@" >"$LOGS/$name.log" 2>&1
  rc=$?
  set -e
  printf '%-28s %8.1f s  rc=%d\n' "$name" "$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{print b-a}')" "$rc" | tee -a "$LOGS/timings.txt" >&2
  return $rc
}

mounts_under() { findmnt -rn -o TARGET | awk -v r="$1/" 'index($0, r) == 1' | sort -r; }
do_mount() {  # the file systems a build and apt need inside the chroot
  local r=$1
  mountpoint -q "$r/proc" || mount -t proc proc "$r/proc"
  mountpoint -q "$r/sys" || mount -t sysfs sysfs "$r/sys"
  mountpoint -q "$r/dev/pts" || mount --bind /dev/pts "$r/dev/pts"
  mountpoint -q "$r/dev/shm" || mount -t tmpfs -o mode=1777 tmpfs "$r/dev/shm"
  mkdir -p "$r/mnt/src"
  mountpoint -q "$r/mnt/src" || mount --bind -o ro "$SRC" "$r/mnt/src"
}
do_umount() {
  local r=$1 m
  for m in $(mounts_under "$r"); do umount "$m" 2>/dev/null || umount -l "$m"; done
}
fresh_copy() {  # fresh_copy DEST: a new copy of chroot-base (refuses while anything is mounted below DEST)
  local r=$1
  if [ -n "$(mounts_under "$r")" ]; then echo "refusing to delete $r: mounts below it" >&2; exit 1; fi
  rm -rf "$r"
  cp -a "$BASE" "$r"
}

# /etc/hosts as a Debian installer leaves it (debootstrap writes none): localhost and the host name
# resolve (else sudo says "unable to resolve host" on every call).
hosts_file() {
  [ -s "$1/etc/hosts" ] || printf '127.0.0.1\tlocalhost\n127.0.1.1\t%s\n::1\tlocalhost ip6-localhost ip6-loopback\n' "$(hostname)" > "$1/etc/hosts"
}

# A clean environment inside the chroot (nothing of the host's: no CUDA_HOME, LIBRARY_PATH, pyenv).
CENV=(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 TERM=dumb
      CMAKE_BUILD_PARALLEL_LEVEL=2)
as_root() { local r=$1; shift; nice -n 10 chroot "$r" "${CENV[@]}" HOME=/root USER=root bash -c "$*"; }
as_student() {
  local r=$1; shift
  nice -n 10 chroot "$r" "${CENV[@]}" runuser -u student -- \
    env HOME=/home/student USER=student LOGNAME=student PATH=/usr/local/bin:/usr/bin:/bin bash -c "cd /home/student && $*"
}

setup1() {
  git -C "$SRC" rev-parse "$REF^{commit}" > "$LOGS/commit"
  log "setup1: fresh $ROOT1 from $BASE, user student, clone of $SRC $REF ($(commit))"
  timed setup1_copy fresh_copy "$ROOT1"
  do_mount "$ROOT1"
  hosts_file "$ROOT1"
  as_root "$ROOT1" "useradd -m -s /bin/bash -G sudo student && echo 'student ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/student && chmod 440 /etc/sudoers.d/student"
  # /mnt/src belongs to root: git refuses a repository of another user unless it is named safe.
  timed setup1_clone as_student "$ROOT1" "git config --global --add safe.directory /mnt/src/.git && git config --global --add safe.directory /mnt/src && git clone -q /mnt/src gradlab && cd gradlab && git checkout -q $(commit) && git log -1 --oneline"
}

check1() {
  log "check1: no CUDA, as student with sudo"
  do_mount "$ROOT1"
  [ ! -e "$ROOT1/usr/local/cuda" ] || { echo "check1: $ROOT1 has /usr/local/cuda; run check1 before check2" >&2; exit 1; }
  # In a student's order: ./lab.sh run from nothing (it installs, builds the programs alone and
  # opens the lab), then ./lab.sh test (it builds the rest). xvfb-run comes with the packages, so
  # the first run goes without a screen: the headless race.
  timed check1_run_first as_student "$ROOT1" "cd gradlab && timeout 3600 ./lab.sh run && test ! -e build/tests/test_window && ls build/runs/optimizers" || true
  tail -5 "$LOGS/check1_run_first.log" >&2
  timed check1_test as_student "$ROOT1" "cd gradlab && ./lab.sh test" || true
  tail -5 "$LOGS/check1_test.log" >&2
  timed check1_run as_student "$ROOT1" "cd gradlab && rm -f /tmp/shot.png && timeout 300 xvfb-run -a ./lab.sh run --steps 20 --screenshot /tmp/shot.png && file /tmp/shot.png" || true
  cp -f "$ROOT1/tmp/shot.png" "$LOGS/check1_shot.png" 2>/dev/null || echo "check1: no screenshot" >&2
}

package() {
  log "package: cmake --build build --target package in check 1's clone, then ./lab.sh package"
  do_mount "$ROOT1"
  # The package from build/ (configured by lab.sh with the default GRADLAB_NATIVE=ON): cpack
  # refuses a -march=native build, so this is expected to fail, with a message that says what to do.
  timed package_from_build as_student "$ROOT1" "cd gradlab && cmake --build build --target package" || true
  tail -12 "$LOGS/package_from_build.log" >&2
  # The README's way: ./lab.sh package (a build folder of its own with -DGRADLAB_NATIVE=OFF).
  # PACKAGE_REF (a branch or commit of $SRC) is checked out first if set.
  if [ -n "${PACKAGE_REF:-}" ]; then
    as_student "$ROOT1" "cd gradlab && git fetch -q origin $PACKAGE_REF && git checkout -q FETCH_HEAD && git log -1 --oneline"
  fi
  timed package_lab_sh as_student "$ROOT1" "cd gradlab && rm -f gradlab_*_amd64.deb && ./lab.sh package && ls -l gradlab_*_amd64.deb build-*/gradlab_*_amd64.deb" || true
  tail -5 "$LOGS/package_lab_sh.log" >&2
  rm -f "$LOGS"/gradlab_*_amd64.deb
  local deb
  deb=$(ls -t "$ROOT1"/home/student/gradlab/gradlab_*_amd64.deb "$ROOT1"/home/student/gradlab/build-*/gradlab_*_amd64.deb 2>/dev/null | head -1 || true)
  [ -n "$deb" ] && cp -f "$deb" "$LOGS/"
  ls -l "$LOGS"/*.deb >&2 || echo "package: no .deb" >&2
}

check2() {
  log "check2: CUDA 13 toolkit at /usr/local/cuda, as root, fresh clone in /root/gradlab"
  do_mount "$ROOT1"
  mkdir -p "$ROOT1/usr/local/cuda-13.0"
  mountpoint -q "$ROOT1/usr/local/cuda-13.0" || mount --bind -o ro "$CUDA_HOST" "$ROOT1/usr/local/cuda-13.0"
  ln -sfn cuda-13.0 "$ROOT1/usr/local/cuda"
  as_root "$ROOT1" "rm -rf /root/gradlab && git clone -q /mnt/src /root/gradlab && cd /root/gradlab && git checkout -q $(commit) && git log -1 --oneline && cmake --version | head -1 && /usr/local/cuda/bin/nvcc --version | tail -2"
  timed check2_test as_root "$ROOT1" "cd /root/gradlab && ./lab.sh test" || true
  grep -E "CUDA backend|CUDA compiler identification" "$LOGS/check2_test.log" >&2 || true
  tail -5 "$LOGS/check2_test.log" >&2
}

setup3() {
  log "setup3: fresh $ROOT3 from $BASE (nothing installed but the base)"
  timed setup3_copy fresh_copy "$ROOT3"
  hosts_file "$ROOT3"
}

check3() {
  log "check3: apt install ./gradlab_*.deb in $ROOT3"
  local deb
  deb=$(ls "$LOGS"/gradlab_*_amd64.deb | tail -1)
  dpkg-deb -I "$deb" > "$LOGS/check3_dpkg-I.txt"
  grep -E '^ (Package|Version|Depends|Recommends|Installed-Size):' "$LOGS/check3_dpkg-I.txt" >&2
  do_mount "$ROOT3"
  cp "$deb" "$ROOT3/root/"
  timed check3_apt_install as_root "$ROOT3" "cd /root && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt install -y ./$(basename "$deb")" || true
  tail -3 "$LOGS/check3_apt_install.log" >&2
  timed check3_cli as_root "$ROOT3" "set -x; cd / && gradlab-cli --version && gradlab-cli list && gradlab-cli run optimizers --steps 50 --out /tmp/o && ls -l /tmp/o" || true
  timed check3_files as_root "$ROOT3" "set -x; ls -l /usr/share/applications/gradlab.desktop /usr/share/icons/hicolor/scalable/apps/gradlab.svg && cat /usr/share/applications/gradlab.desktop && dpkg -L gradlab" || true
  timed check3_gui as_root "$ROOT3" "cd / && rm -f /tmp/s.png && QT_QPA_PLATFORM=offscreen timeout 300 gradlab --steps 3 --screenshot /tmp/s.png && ls -l /tmp/s.png" || true
  cp -f "$ROOT3/tmp/s.png" "$LOGS/check3_shot.png" 2>/dev/null || echo "check3: no screenshot" >&2
}

check3b() {
  log "check3b: apt install --no-install-recommends ./gradlab_*.deb in a fresh $ROOT3B"
  local deb
  deb=$(ls "$LOGS"/gradlab_*_amd64.deb | tail -1)
  timed check3b_copy fresh_copy "$ROOT3B"
  hosts_file "$ROOT3B"
  do_mount "$ROOT3B"
  cp "$deb" "$ROOT3B/root/"
  timed check3b_apt_install as_root "$ROOT3B" "cd /root && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt install -y --no-install-recommends ./$(basename "$deb")" || true
  tail -2 "$LOGS/check3b_apt_install.log" >&2
  timed check3b_run as_root "$ROOT3B" "set -x; cd / && gradlab-cli --version && gradlab-cli run optimizers --steps 50 --out /tmp/o && QT_QPA_PLATFORM=offscreen timeout 300 gradlab --steps 3 --screenshot /tmp/s.png && ls -l /tmp/s.png" || true
  cp -f "$ROOT3B/tmp/s.png" "$LOGS/check3b_shot.png" 2>/dev/null || echo "check3b: no screenshot" >&2
}

umount_all() {
  log "umount: $ROOT1 $ROOT3 $ROOT3B"
  local r
  for r in "$ROOT1" "$ROOT3" "$ROOT3B"; do do_umount "$r"; mounts_under "$r"; done
}

phases=("$@")
[ ${#phases[@]} -gt 0 ] || phases=(all)
[ "${phases[*]}" = all ] && phases=(umount setup1 check1 package check2 setup3 check3 check3b umount)
for p in "${phases[@]}"; do
  case "$p" in
    setup1|check1|package|check2|setup3|check3|check3b) "$p" ;;
    umount) umount_all ;;
    *) echo "unknown phase $p" >&2; exit 2 ;;
  esac
done
