#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 Atrium contributors
# Atrium Vulkan check on a GPU machine without Qt and without a shader compiler.
#
# Builds the Qt-free atrium-engine tool from the source tree with the SPIR-V embedding generated elsewhere
# (ATRIUM_PREBUILT_SHADERS_DIR), lists the Vulkan devices, checks the logits of every shared test model on the
# Vulkan backend against the llama.cpp goldens (through `atrium-engine logits`), and benchmarks decode / prefill.
#
# On a machine with no Vulkan loader, headers, nlohmann-json or PCRE2, it uses the folder that tests/gpu/prepare.sh
# fills (.gpu-carry/): the Vulkan loader is unpacked into / when the linker cache has none, the development packages
# into a private sysroot that the build is pointed at (PCRE2 linked statically from it), and the carried shaders and
# test data are the defaults. See tests/gpu/README.md.
#
# Usage:
#   gpu-check.sh [SRC_DIR]
# Environment (all optional):
#   ATRIUM_SRC            source tree (default: first argument, else the current directory)
#   ATRIUM_CARRY          folder made by prepare.sh (default: $SRC/.gpu-carry, used when present)
#   ATRIUM_SHARED         shared test data with models/ and reference/ (default: $CARRY/shared, else $SRC/../shared)
#   ATRIUM_PREBUILT       folder holding atrium_shaders_embedded.cpp (default: $CARRY/prebuilt-shaders, else
#                         $SRC/prebuilt-shaders)
#   ATRIUM_BUILD          build folder (default: /tmp/atrium-gpu-build)
#   ATRIUM_SYSROOT        where the carried .debs are unpacked (default: /tmp/atrium-sysroot)
#   ATRIUM_USE_SYSROOT    auto (default: only when this machine lacks a dependency), 1 (always: the build sees the
#                         carried packages only), 0 (never)
#   ATRIUM_JOBS           build jobs (default: nproc)
#   ATRIUM_DEVICE         Vulkan device index for --device (default: the engine's choice)
#   VK_DRIVER_FILES       Vulkan driver manifest; when unset and the loader finds no GPU, an NVIDIA manifest
#                         (/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json, ...) is tried
#   BENCH_MODELS          space-separated .gguf files to benchmark in addition to the generated ones
#   BENCH_SHAPES          random-model presets to generate and benchmark (default: "llama-3.2-1b llama-3-8b";
#                         "none" for no generated model)
#   BENCH_TYPES           quant types for the generated models (default: "q4_k q8_0 f16")
#   BENCH_REPS            repetitions (default 3)
#   GPU_BANDWIDTH_GBS     peak memory bandwidth for the efficiency column (default: from the device name, H100 SXM
#                         3350, H100 PCIe 2000, H100 NVL 3900, H200 4800; else 3350)
#   LLAMA_BENCH           path to llama.cpp's llama-bench built with Vulkan, to compare on the same files
#   OUT                   when set, gpu-check.log, summary.txt and devices.json are copied there at the end
# Exit code: 0 when every correctness check passed; 2 prerequisites missing, 3 build failed, 4 no Vulkan device.
set -uo pipefail

SRC=${ATRIUM_SRC:-${1:-$(pwd)}}
SRC=$(cd "$SRC" && pwd)
CARRY=${ATRIUM_CARRY:-$SRC/.gpu-carry}
if [ -d "$CARRY" ]; then CARRY=$(cd "$CARRY" && pwd); else CARRY=""; fi
SHARED=${ATRIUM_SHARED:-${CARRY:+$CARRY/shared}}
SHARED=${SHARED:-$SRC/../shared}
PREBUILT=${ATRIUM_PREBUILT:-${CARRY:+$CARRY/prebuilt-shaders}}
PREBUILT=${PREBUILT:-$SRC/prebuilt-shaders}
BUILD=${ATRIUM_BUILD:-/tmp/atrium-gpu-build}
SYSROOT=${ATRIUM_SYSROOT:-/tmp/atrium-sysroot}
USE_SYSROOT=${ATRIUM_USE_SYSROOT:-auto}
JOBS=${ATRIUM_JOBS:-$(nproc)}
REPS=${BENCH_REPS:-3}
SHAPES=${BENCH_SHAPES:-"llama-3.2-1b llama-3-8b"}
[ "$SHAPES" = none ] && SHAPES=""
TYPES=${BENCH_TYPES:-"q4_k q8_0 f16"}
CXX_CHECK=${CXX:-$(command -v g++ || command -v c++ || echo c++)}
DEVICE_ARGS=()
[ -n "${ATRIUM_DEVICE:-}" ] && DEVICE_ARGS=(--device "$ATRIUM_DEVICE")
mkdir -p "$BUILD"
BUILD=$(cd "$BUILD" && pwd)
# With OUT set, the log and the summary are written there as they grow, so a run stopped at its time limit still
# leaves what it had measured.
LOG_DIR=$BUILD
[ -n "${OUT:-}" ] && mkdir -p "$OUT" && LOG_DIR=$OUT
LOG=$LOG_DIR/gpu-check.log
SUMMARY=$LOG_DIR/summary.txt
: >"$LOG"
: >"$SUMMARY"
say() { echo "== $*" | tee -a "$LOG" "$SUMMARY"; }
note() { tee -a "$LOG" "$SUMMARY"; }  # a pipe whose lines belong in the summary too
failures=0

finish() {
    local rc=$?
    echo "exit code $rc" >>"$SUMMARY"
    [ -n "${OUT:-}" ] && cp "$BUILD/devices.json" "$OUT/devices.json" 2>/dev/null
}
trap finish EXIT

# Unpacks a .deb into a folder: dpkg -x where there is dpkg, else ar + tar.
deb_x() {
    local deb=$1 dest=$2 tmp
    mkdir -p "$dest"
    if command -v dpkg >/dev/null; then
        dpkg -x "$deb" "$dest"
    else
        tmp=$(mktemp -d)
        (cd "$tmp" && ar x "$deb" && tar -xf data.tar.* -C "$dest") || { rm -rf "$tmp"; return 1; }
        rm -rf "$tmp"
    fi
}
ld_has() { { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep -q "$1"; }

# --- 1. prerequisites -------------------------------------------------------------------------------------------------
say "prerequisites (source $SRC, carry ${CARRY:-none}, shared $SHARED, shaders $PREBUILT)"
missing=0
for tool in cmake ninja "$CXX_CHECK" python3; do
    command -v "$tool" >/dev/null || { echo "missing tool: $tool" | tee -a "$LOG"; missing=1; }
done
host_ok=1
for header in vulkan/vulkan_raii.hpp nlohmann/json.hpp; do
    echo "#include <$header>" | "$CXX_CHECK" -std=c++20 -fsyntax-only -x c++ - 2>/dev/null || host_ok=0
done
pkg-config --exists libpcre2-8 2>/dev/null || host_ok=0
case "$USE_SYSROOT" in
    1 | on | yes) sysroot=1 ;;
    0 | off | no) sysroot=0 ;;
    *) sysroot=$((1 - host_ok)) ;;
esac
CMAKE_DEPS=()
if [ "$sysroot" = 1 ]; then
    ls "$CARRY"/debs/*.deb >/dev/null 2>&1 \
        || { echo "this machine lacks Vulkan / nlohmann-json / PCRE2 development files and there is no carried" \
                  "debs/ folder (run tests/gpu/prepare.sh where a Debian mirror is reachable)" | tee -a "$LOG"; exit 2; }
    rm -rf "$SYSROOT"
    for deb in "$CARRY"/debs/*.deb; do deb_x "$deb" "$SYSROOT" || { echo "cannot unpack $deb"; exit 2; }; done
    libdir=$(dirname "$(find "$SYSROOT/usr/lib" -name libpcre2-8.a | head -1)")
    # pkg-config: this machine's if any, else the carried pkgconf (run with its own library).
    PKGCONF=$SYSROOT/pkg-config
    if command -v pkg-config >/dev/null; then
        printf '#!/bin/sh\nexec %s "$@"\n' "$(command -v pkg-config)" >"$PKGCONF"
    else
        printf '#!/bin/sh\nLD_LIBRARY_PATH=%s${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} exec %s "$@"\n' \
            "$libdir" "$SYSROOT/usr/bin/pkgconf" >"$PKGCONF"
    fi
    chmod +x "$PKGCONF"
    export PKG_CONFIG_LIBDIR=$libdir/pkgconfig:$SYSROOT/usr/share/pkgconfig PKG_CONFIG_SYSROOT_DIR=$SYSROOT
    unset PKG_CONFIG_PATH
    "$PKGCONF" --exists libpcre2-8 || { echo "pkg-config cannot read the sysroot's libpcre2-8.pc" | tee -a "$LOG"; exit 2; }
    # Everything from the sysroot, explicitly (PCRE2 statically: no run-time dependency on this machine's copy).
    CMAKE_DEPS=(-DPKG_CONFIG_EXECUTABLE="$PKGCONF"
        -Dnlohmann_json_DIR="$SYSROOT/usr/share/cmake/nlohmann_json"
        -DVulkan_INCLUDE_DIR="$SYSROOT/usr/include" -DVulkan_LIBRARY="$libdir/libvulkan.so"
        "-Dpkgcfg_lib_PCRE2_pcre2-8=$libdir/libpcre2-8.a")
    for header in vulkan/vulkan_raii.hpp nlohmann/json.hpp pcre2.h; do
        printf '#define PCRE2_CODE_UNIT_WIDTH 8\n#include <%s>\n' "$header" \
            | "$CXX_CHECK" -std=c++20 -fsyntax-only -isystem "$SYSROOT/usr/include" -x c++ - 2>>"$LOG" \
            || { echo "sysroot header <$header> does not compile (see $LOG)" | tee -a "$LOG"; missing=1; }
    done
    echo "dependencies: carried packages unpacked in $SYSROOT (pkg-config: $(head -2 "$PKGCONF" | tail -1))" | tee -a "$LOG"
else
    [ "$host_ok" = 1 ] || { echo "missing Vulkan / nlohmann-json / PCRE2 development files (Debian: libvulkan-dev" \
                                 "nlohmann-json3-dev libpcre2-dev), and ATRIUM_USE_SYSROOT=0" | tee -a "$LOG"; missing=1; }
    echo "dependencies: this machine's" | tee -a "$LOG"
fi
# The Vulkan loader at run time: unpack the carried one into / when the linker cache has none.
if ! ld_has "libvulkan.so.1"; then
    if deb=$(ls "${CARRY:-/nonexistent}"/debs/libvulkan1_*.deb 2>/dev/null | head -1) && [ -n "$deb" ]; then
        deb_x "$deb" / && { ldconfig 2>/dev/null || /sbin/ldconfig; }
        echo "unpacked the Vulkan loader $(basename "$deb") into /" | tee -a "$LOG"
    fi
    ld_has "libvulkan.so.1" || echo "warning: the Vulkan loader libvulkan.so.1 is not in the linker cache" | tee -a "$LOG"
fi
[ -f "$PREBUILT/atrium_shaders_embedded.cpp" ] \
    || { echo "missing $PREBUILT/atrium_shaders_embedded.cpp (run tests/gpu/prepare.sh, or copy" \
              "<build>/shaders/atrium_shaders_embedded.cpp from a build with glslc)" | tee -a "$LOG"; missing=1; }
[ "$missing" = 0 ] || { echo "prerequisites missing: stopping" | tee -a "$LOG"; exit 2; }

# --- 2. build ----------------------------------------------------------------------------------------------------------
say "configure + build atrium-engine ($BUILD, $JOBS jobs, $("$CXX_CHECK" --version | head -1))"
# CMake 4 refuses package files that ask for a policy level below 3.5 (older ones ignore this variable).
export CMAKE_POLICY_VERSION_MINIMUM=${CMAKE_POLICY_VERSION_MINIMUM:-3.5}
cmake -S "$SRC" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DATRIUM_ENABLE_ENGINE_ONLY=ON -DATRIUM_ENABLE_TESTS=OFF -DATRIUM_ENABLE_GUI=OFF \
    -DATRIUM_PREBUILT_SHADERS_DIR="$PREBUILT" -DATRIUM_SHARED_DIR="$SHARED" "${CMAKE_DEPS[@]}" >>"$LOG" 2>&1 \
    || { echo "configure failed: see $LOG"; tail -30 "$LOG"; exit 3; }
grep -E "Shaders|generated from other shader" "$LOG" | note
cmake --build "$BUILD" --target atrium-engine -j"$JOBS" >>"$LOG" 2>&1 || { echo "build failed: see $LOG"; tail -30 "$LOG"; exit 3; }
ENGINE=$(find "$BUILD" -name atrium-engine -type f -perm -u+x | head -1)
[ -x "$ENGINE" ] || { echo "atrium-engine not found in $BUILD"; exit 3; }
echo "built $ENGINE" | tee -a "$LOG"
ldd "$ENGINE" 2>/dev/null | grep -E "vulkan|pcre|not found" | tee -a "$LOG"

# --- 3. devices --------------------------------------------------------------------------------------------------------
say "devices"
# Prints the default device's type (discrete, cpu, ...) or "none".
default_type() {
    "$ENGINE" devices --json >"$BUILD/devices.json" 2>>"$LOG" || { echo none; return; }
    python3 -c 'import json, sys
j = json.load(open(sys.argv[1])); d = j.get("default_device")
print(next((x["type"] for x in j["devices"] if x["index"] == d), "none") if d is not None else "none")' \
        "$BUILD/devices.json" 2>>"$LOG" || echo none
}
type=$(default_type)
if [ -z "${VK_DRIVER_FILES:-}" ] && { [ "$type" = none ] || [ "$type" = cpu ]; }; then
    for icd in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json \
        /etc/vulkan/icd.d/nvidia_icd.json /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.x86_64.json; do
        [ -f "$icd" ] || continue
        echo "the default loader found no GPU (default device: $type): trying VK_DRIVER_FILES=$icd" | tee -a "$LOG"
        export VK_DRIVER_FILES=$icd
        type=$(default_type)
        [ "$type" != none ] && break
        unset VK_DRIVER_FILES
    done
fi
echo "VK_DRIVER_FILES=${VK_DRIVER_FILES:-<loader default>}" | note
"$ENGINE" devices 2>&1 | note
[ "$type" != none ] || { echo "no usable Vulkan device: stopping" | tee -a "$LOG"; exit 4; }
[ "$type" != cpu ] || echo "note: the default device is a CPU implementation (lavapipe?): timings are not a GPU's" | note
if [ -z "${GPU_BANDWIDTH_GBS:-}" ]; then
    GPU_BANDWIDTH_GBS=$(python3 -c 'import json, sys
j = json.load(open(sys.argv[1])); d = j.get("default_device") if not sys.argv[2] else int(sys.argv[2])
n = next((x["name"] for x in j["devices"] if x["index"] == d), "")
bw = 3350
if "H200" in n: bw = 4800
elif "H100" in n and "PCIe" in n: bw = 2000
elif "H100" in n and "NVL" in n: bw = 3900
print(bw)' "$BUILD/devices.json" "${ATRIUM_DEVICE:-}" 2>>"$LOG" || echo 3350)
fi
BW=$GPU_BANDWIDTH_GBS

# --- 4. correctness: logits vs goldens ---------------------------------------------------------------------------------
say "correctness (Vulkan logits vs llama.cpp goldens, tolerance of the CPU path)"
if ! command -v python3 >/dev/null; then
    echo "python3 missing: correctness comparison skipped"; failures=$((failures + 1))
else
    python3 - "$ENGINE" "$SHARED" "$BUILD" "${DEVICE_ARGS[@]}" <<'PY' | note
import json, os, subprocess, sys
engine, shared, build = sys.argv[1:4]
device = sys.argv[4:]

def logits(model, ids, all_positions):
    cmd = [engine, "logits", "-m", model, "--ids", ",".join(map(str, ids)), "--ctx", "256",
           "--backend", "vulkan", "--json"] + device + (["--all-positions"] if all_positions else [])
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(r.stderr.strip())
    return json.loads(r.stdout)["logits"]

def maxdiff(a, b):
    return max(abs(x - y) for x, y in zip(a, b))

def argmax(v):
    return max(range(len(v)), key=v.__getitem__)

bad = 0
rows = []
for sub, gdir, arch in (("models", "reference/golden", False), ("models/arch", "reference/arch", True)):
    mdir = os.path.join(shared, sub)
    if not os.path.isdir(mdir):
        print(f"skip {mdir}: not found"); continue
    for f in sorted(os.listdir(mdir)):
        if not f.endswith(".gguf"):
            continue
        base = f[:-5]
        f32 = base.endswith("-F32") or base == "stories260K"
        gpath = os.path.join(shared, gdir, base + (".cpu.json" if f32 else ".cpu-dequant-f32.json"))
        if not os.path.exists(gpath):
            continue
        g = json.load(open(gpath))
        tol = g["tolerance"]["logits_max_abs"] if arch else 1e-3
        worst, status = 0.0, "ok"
        try:
            for c in g["cases"]:
                if arch:
                    ids = c["input_ids"]
                    got = logits(os.path.join(mdir, f), ids, True)
                    for t, row in enumerate(got):
                        worst = max(worst, maxdiff(row, c["logits"][t]))
                    # Teacher-forced greedy check (reference/README.md rule 4).
                    gen = c["generated_ids"]
                    seq = ids + gen[:-1]
                    tf = logits(os.path.join(mdir, f), seq, True)
                    for k, want in enumerate(gen):
                        have = argmax(tf[len(ids) - 1 + k])
                        gap = c["step_top5"][k][0][1] - c["step_top5"][k][1][1]
                        if have != want and gap >= 2 * tol:
                            status = f"greedy step {k}: {have} != {want} (gap {gap:.4f})"
                else:
                    ids = c["prompt_ids"]
                    got = logits(os.path.join(mdir, f), ids, False)
                    worst = max(worst, maxdiff(got, c["next_token_logits"]))
                    gen = c["generated_ids"]
                    tf = logits(os.path.join(mdir, f), ids + gen[:-1], True)
                    for k, want in enumerate(gen):
                        have = argmax(tf[len(ids) - 1 + k])
                        if have != want:
                            status = f"greedy step {k}: {have} != {want}"
        except Exception as e:  # noqa: BLE001
            status = f"error: {e}"
        if worst > tol and status == "ok":
            status = f"logits off by {worst:.3g} > {tol}"
        bad += status != "ok"
        print(f"{'PASS' if status == 'ok' else 'FAIL'}  {os.path.basename(gpath):55s} max|dlogit| {worst:.3g} (tol {tol})  {'' if status == 'ok' else status}")
print(f"correctness: {bad} failure(s)")
with open(os.path.join(build, "correctness.status"), "w") as out:
    out.write(str(bad))
PY
    failures=$((failures + $(cat "$BUILD/correctness.status" 2>/dev/null || echo 1)))
fi

# --- 5. benchmarks -----------------------------------------------------------------------------------------------------
say "benchmarks (pp512 / tg128, $REPS repetitions; GPU bandwidth assumed ${BW} GB/s)"
bench_one() {
    local model=$1 bytes
    bytes=$(stat -c %s "$model")
    if "$ENGINE" bench -m "$model" -p 512 -n 128 -r "$REPS" --backend vulkan "${DEVICE_ARGS[@]}" --json \
        >"$BUILD/bench.json" 2>>"$LOG"; then
        python3 - "$BUILD/bench.json" "$bytes" "$BW" "$model" <<'PY' | note
import json, sys
rows = json.load(open(sys.argv[1]))["rows"]
size, bw, name = int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
for r in rows:
    line = f"{name.split('/')[-1]:40s} {r['test']:6s} {r['tokens_per_s']:9.1f} ± {r.get('stddev', 0):.1f} tok/s"
    if r["test"].startswith("tg"):
        eff = r["tokens_per_s"] * size / (bw * 1e9)
        line += f"   ~{r['tokens_per_s'] * size / 1e9:.0f} GB/s = {100 * eff:.0f}% of bound ({bw * 1e9 / size:.0f} tok/s)"
    print(line)
PY
    else
        # `bench` not available: time generation instead (prompt of ~500 tokens, 128 new tokens, greedy).
        # A prompt of about 512 tokens whatever the vocabulary: repeat a sentence by its token count.
        local sentence='the quick brown fox jumps over the lazy dog' n prompt
        n=$("$ENGINE" tokenize -m "$model" --text " $sentence" --no-bos --json 2>>"$LOG" \
            | python3 -c "import json,sys; print(max(1, len(json.load(sys.stdin)['ids'])))" 2>>"$LOG" || echo 10)
        prompt=$(python3 -c "import sys; print(' '.join([sys.argv[1]] * max(1, 511 // int(sys.argv[2]))))" \
            "$sentence" "$n")
        "$ENGINE" generate -m "$model" -p "$prompt" -n 128 --temp 0 --ctx 1024 --backend vulkan \
            "${DEVICE_ARGS[@]}" --json >"$BUILD/gen.json" 2>>"$LOG" || { echo "generate failed on $model"; return; }
        python3 - "$BUILD/gen.json" "$bytes" "$BW" "$model" <<'PY' | note
import json, sys
j = json.load(open(sys.argv[1])); t = j["timings"]
size, bw, name = int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
tg = t["gen_tokens_per_s"]
print(f"{name.split('/')[-1]:40s} pp{len(j['prompt_ids'])} {t['prompt_tokens_per_s']:9.1f} tok/s   "
      f"tg{len(j['ids'])} {tg:8.1f} tok/s   ~{tg * size / 1e9:.0f} GB/s = {100 * tg * size / (bw * 1e9):.0f}% of bound "
      f"(via generate; bench not available)")
PY
    fi
    if [ -n "${LLAMA_BENCH:-}" ]; then
        "$LLAMA_BENCH" -m "$model" -ngl 99 -p 512 -n 128 -r "$REPS" 2>>"$LOG" | note
    fi
}
# Each generated model is benchmarked as soon as it is written, so that a run cut short keeps the earlier rows.
for shape in $SHAPES; do
    for type in $TYPES; do
        out="$BUILD/random-$shape-$type.gguf"
        if [ ! -f "$out" ]; then
            "$ENGINE" write-model --shape "$shape" --type "$type" -o "$out.tmp" >>"$LOG" 2>&1 && mv "$out.tmp" "$out" \
                || { echo "write-model $shape $type failed (see $LOG)" | note; rm -f "$out.tmp"; continue; }
        fi
        bench_one "$out"
    done
done
for m in ${BENCH_MODELS:-}; do bench_one "$m"; done

say "done: $failures correctness failure(s); full log in $LOG"
[ "$failures" = 0 ]
