#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 Atrium contributors
#
# Startup benchmark of the desktop app: time from launch to the first frame of an interactive window (goal <= 1 s)
# and resident memory once idle (goal <= 150 MB), the median of several cold-ish runs on a fresh data folder.
#
#   tests/e2e/bench_startup.sh [build-dir] [runs]
#
# Runs under Xvfb (the OpenGL scene graph, as on a desktop) when Xvfb is installed, else offscreen (the software
# scene graph, which uses less memory). The app's test hook prints first_frame_epoch_ms and VmRSS (e2e_driver.h).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$here/build/release}
runs=${2:-5}
app=$build/app/gui/atrium
[ -x "$app" ] || { echo "bench_startup: $app not built" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"; [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true' EXIT
cat > "$work/script.e2e" <<'SCRIPT'
first-run-done
report-startup
sleep 3000
report-memory
quit
SCRIPT

if command -v Xvfb >/dev/null 2>&1; then
  display=:$((90 + RANDOM % 100))
  Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  sleep 1
  export DISPLAY=$display QT_QPA_PLATFORM=xcb
  mode="Xvfb (OpenGL via llvmpipe)"
else
  export QT_QPA_PLATFORM=offscreen
  mode="offscreen (software scene graph)"
fi
export XDG_RUNTIME_DIR=$work ATRIUM_NO_KEYCHAIN=1 HF_HUB_OFFLINE=1

startups=() rss=() hwm=() pss=()
for i in $(seq "$runs"); do
  home=$work/run$i
  mkdir -p "$home"
  start=$(date +%s%3N)
  out=$(HOME=$home ATRIUM_HOME=$home/atrium HF_HOME=$home/hf ATRIUM_E2E_SCRIPT=$work/script.e2e "$app" 2>/dev/null)
  first=$(sed -n 's/^first_frame_epoch_ms=//p' <<<"$out")
  startups+=($((first - start)))
  rss+=($(sed -n 's/^VmRSS: \([0-9]*\) kB/\1/p' <<<"$out"))
  hwm+=($(sed -n 's/^VmHWM: \([0-9]*\) kB/\1/p' <<<"$out"))
  pss+=($(sed -n 's/^Pss: \([0-9]*\) kB/\1/p' <<<"$out"))
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "mode: $mode, runs: $runs"
echo "launch to first frame (ms): ${startups[*]}  median $(median "${startups[@]}")"
echo "idle RSS after 3 s (MB): $(for k in "${rss[@]}"; do echo -n "$((k / 1024)) "; done) median $(( $(median "${rss[@]}") / 1024 ))"
echo "peak RSS (MB): median $(( $(median "${hwm[@]}") / 1024 ))"
echo "idle PSS (MB, shared libraries counted proportionally): median $(( $(median "${pss[@]}") / 1024 ))"
