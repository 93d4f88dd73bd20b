#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 Atrium contributors
# Prepares the folder .gpu-carry/ that a GPU machine without Qt, glslc, Vulkan loader or package registry needs to
# run tests/gpu/gpu-check.sh (see tests/gpu/README.md). Run it on a Debian 12 (amd64) machine with the normal build
# dependencies and a reachable Debian mirror, from anywhere in the source tree.
#
# .gpu-carry/
#   debs/               libvulkan1 libvulkan-dev nlohmann-json3-dev libpcre2-dev libpcre2-8-0 pkgconf-bin libpkgconf3
#   prebuilt-shaders/   atrium_shaders_embedded.cpp generated from this tree's shaders/
#   shared/             the test models and the goldens gpu-check.sh compares against (from ../shared)
#
# Environment (all optional):
#   ATRIUM_SHARED_SRC   shared test data to copy from (default: <source>/../shared)
#   ATRIUM_CARRY        output folder (default: <source>/.gpu-carry)
#   ATRIUM_SHADER_BUILD build folder used to generate the shaders (default: <source>/build/gpu-shaders)
#   ATRIUM_JOBS         parallel jobs for the shader build (default: nproc)
set -euo pipefail

SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SHARED_SRC=${ATRIUM_SHARED_SRC:-$SRC/../shared}
CARRY=${ATRIUM_CARRY:-$SRC/.gpu-carry}
SHADER_BUILD=${ATRIUM_SHADER_BUILD:-$SRC/build/gpu-shaders}
JOBS=${ATRIUM_JOBS:-$(nproc)}
PACKAGES="libvulkan1 libvulkan-dev nlohmann-json3-dev libpcre2-dev libpcre2-8-0 pkgconf-bin libpkgconf3"

mkdir -p "$CARRY"
CARRY=$(cd "$CARRY" && pwd)
echo "== carry folder: $CARRY"

# --- 1. Debian packages (amd64, whatever this machine's architecture) -------------------------------------------------
echo "== downloading: $PACKAGES"
lists=/tmp/atrium-apt-amd64
mkdir -p "$lists/partial"
apt_opts=(-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 "-oDir::State::Lists=$lists")
[ "$(id -u)" = 0 ] && apt_opts+=(-oAPT::Sandbox::User=root)  # downloads into a folder _apt may not reach
apt-get "${apt_opts[@]}" -qq update
rm -rf "$CARRY/debs"
mkdir -p "$CARRY/debs"
# shellcheck disable=SC2086
(cd "$CARRY/debs" && apt-get "${apt_opts[@]}" -qq download $PACKAGES)
ls -1 "$CARRY/debs"

# --- 2. SPIR-V embedding of this tree's shaders -----------------------------------------------------------------------
echo "== generating shaders in $SHADER_BUILD"
cmake -S "$SRC" -B "$SHADER_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DATRIUM_ENABLE_ENGINE_ONLY=ON -DATRIUM_ENABLE_TESTS=OFF -DATRIUM_ENABLE_GUI=OFF \
    -DATRIUM_PREBUILT_SHADERS_DIR= >/dev/null
cmake --build "$SHADER_BUILD" --target shaders/atrium_shaders_embedded.cpp -j"$JOBS" | tail -1
mkdir -p "$CARRY/prebuilt-shaders"
cp "$SHADER_BUILD/shaders/atrium_shaders_embedded.cpp" "$CARRY/prebuilt-shaders/"
head -c 300 "$CARRY/prebuilt-shaders/atrium_shaders_embedded.cpp" | grep -m1 "source-hash" || true

# --- 3. shared test data: the models gpu-check.sh checks and the goldens it reads -------------------------------------
echo "== copying test data from $SHARED_SRC"
rm -rf "$CARRY/shared"
python3 - "$SHARED_SRC" "$CARRY/shared" <<'PY'
import os, shutil, sys
src, dst = sys.argv[1:3]

def copy(rel):
    os.makedirs(os.path.dirname(os.path.join(dst, rel)), exist_ok=True)
    shutil.copyfile(os.path.join(src, rel), os.path.join(dst, rel))

# Same selection rule as gpu-check.sh: F32 models (and stories260K) against the plain CPU golden, the others
# against the golden computed on dequantized weights.
n = 0
for sub, gdir in (("models", "reference/golden"), ("models/arch", "reference/arch")):
    for f in sorted(os.listdir(os.path.join(src, sub))):
        if not f.endswith(".gguf"):
            continue
        base = f[:-5]
        f32 = base.endswith("-F32") or base == "stories260K"
        golden = os.path.join(gdir, base + (".cpu.json" if f32 else ".cpu-dequant-f32.json"))
        if not os.path.exists(os.path.join(src, golden)):
            print(f"  no golden for {sub}/{f}: not copied")
            continue
        copy(os.path.join(sub, f)); copy(golden); n += 1
for doc in ("models/SOURCES.md", "reference/README.md", "reference/arch/README.md"):
    if os.path.exists(os.path.join(src, doc)):
        copy(doc)
print(f"  {n} models with their goldens")
PY

# --- 4. size and the command to run ------------------------------------------------------------------------------------
tree_kib=$(cd "$SRC" && git ls-files -z --cached --others --exclude-standard | du -ck --files0-from=- 2>/dev/null | tail -1 | cut -f1)
carry_kib=$(du -sk "$CARRY" | cut -f1)
echo "== sizes: .gpu-carry $((carry_kib / 1024)) MiB (debs $(du -sh "$CARRY/debs" | cut -f1)," \
     "shaders $(du -sh "$CARRY/prebuilt-shaders" | cut -f1), shared $(du -sh "$CARRY/shared" | cut -f1));" \
     "working tree $((tree_kib / 1024)) MiB; together $(((carry_kib + tree_kib) / 1024)) MiB to copy"
cat <<EOF
== on the GPU machine, with the tree and .gpu-carry/ copied there (see tests/gpu/README.md):
   bash tests/gpu/gpu-check.sh
EOF
