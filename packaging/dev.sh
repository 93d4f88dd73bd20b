#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 Atrium contributors
#
# The two Quick-start commands:
#   packaging/dev.sh run    install what is missing, build, start Atrium
#   packaging/dev.sh test   install what is missing, build, run the whole test suite (what CI runs)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
mode=${1:-run}
build=${ATRIUM_BUILD_DIR:-build/release}
jobs=${ATRIUM_JOBS:-$(nproc)}

packaging/install-deps.sh

configure() {
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@"
}

case "$mode" in
  run)
    configure
    cmake --build "$build" -j "$jobs"
    if [ -x "$build/app/gui/atrium" ]; then
      exec "$build/app/gui/atrium" "${@:2}"
    fi
    echo "dev.sh: the desktop app is not part of this build; atrium-cli is at $build/app/atrium-cli" >&2
    exec "$build/app/atrium-cli" --help
    ;;
  test)
    configure -DATRIUM_ENABLE_WERROR=${ATRIUM_WERROR:-OFF}
    cmake --build "$build" -j "$jobs"
    export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
    # Vulkan tests run on Mesa's lavapipe (a CPU driver) unless the caller picked a driver.
    if [ -z "${VK_DRIVER_FILES:-}${VK_ICD_FILENAMES:-}" ] && [ -f /usr/share/vulkan/icd.d/lvp_icd.x86_64.json ]; then
      export VK_DRIVER_FILES=/usr/share/vulkan/icd.d/lvp_icd.x86_64.json
    fi
    if [ -f tests/hub/package.json ] && command -v npm >/dev/null 2>&1; then
      (cd tests/hub && npm ci --no-audit --no-fund --silent) || echo "dev.sh: npm install failed; the JavaScript client test will skip" >&2
    fi
    ctest --test-dir "$build" --output-on-failure -j "$jobs" --timeout 900
    ;;
  *)
    echo "usage: packaging/dev.sh run|test" >&2
    exit 2
    ;;
esac
