#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 Atrium contributors
#
# Installs what building, running and testing Atrium needs on Debian 12 (bookworm). Idempotent: packages already
# present are skipped. Runs apt-get through sudo when not root.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config git
  qt6-base-dev qt6-declarative-dev qt6-httpserver-dev qt6-websockets-dev
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
  qml6-module-qtquick-templates qml6-module-qtquick-window qml6-module-qtqml-workerscript
  qml6-module-qtquick-dialogs qml6-module-qttest qml6-module-qt-labs-platform libqt6svg6
  libvulkan-dev glslang-tools glslc spirv-tools mesa-vulkan-drivers vulkan-tools vulkan-validationlayers
  nlohmann-json3-dev libsqlite3-dev libpcre2-dev qtkeychain-qt6-dev libssl-dev
  xvfb xauth dpkg-dev file python3 ca-certificates curl
)

# Node.js runs the Hub's official JavaScript client against the test hub; keep a node that is already there
# (it may come from another source that bundles npm).
if ! command -v node >/dev/null 2>&1; then packages+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then packages+=(npm); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
