#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 Atrium contributors
#
# Screenshots of every screen under Xvfb (real OpenGL rendering), in light and dark, at 100% and 200% scale and
# right to left, driven by flow.e2e against the loopback test hub.
#
#   tests/e2e/screenshots.sh [build-dir] [out-dir]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$here/build/release}
out=${2:-$build/tests/e2e/screens-xvfb}
app=$build/app/gui/atrium
shared=${ATRIUM_SHARED_DIR:-$here/../shared}
mkdir -p "$out"
work=$(mktemp -d)
python3 -u "$here/tests/hub/test_hub.py" --models "$shared/models" > "$work/hub.out" 2>&1 &
hub=$!
trap 'kill $hub 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do grep -q api_port "$work/hub.out" && break; sleep 0.2; done
port=$(sed -n 's/.*api_port=\([0-9]*\).*/\1/p' "$work/hub.out")
[ -n "$port" ] || { cat "$work/hub.out"; exit 1; }

run() { # name theme extra-env... ; extra args after --
  local name=$1 theme=$2
  shift 2
  local home=$work/$name
  mkdir -p "$home"
  sed -e '/^theme dark$/d' -e '/chat-dark/d' -e "s/^screenshot \(.*\)\.png/screenshot \1-$name.png/" \
      -e "s/^cpu-only/cpu-only\ntheme $theme/" "$here/tests/e2e/flow.e2e" > "$work/$name.e2e"
  env HOME="$home" XDG_RUNTIME_DIR="$home" ATRIUM_HOME="$home/atrium" HF_HOME="$home/hf" ATRIUM_NO_KEYCHAIN=1 \
      HF_ENDPOINT="http://127.0.0.1:$port" ATRIUM_E2E_SCRIPT="$work/$name.e2e" ATRIUM_E2E_SCREENSHOTS="$out" "$@" \
      xvfb-run -a -s "-screen 0 2600x1700x24" "$app" ${APP_ARGS:-} 2>&1 | grep -E "FAIL|saved" || true
}
run light light
run dark dark
run scaled light QT_SCALE_FACTOR=2
APP_ARGS=-reverse run rtl light
echo "screenshots in $out"
