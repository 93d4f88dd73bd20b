#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 Atrium contributors
# Atrium Vulkan check on a GPU machine without Qt and without a shader compiler.
#
# Builds the Qt-free atrium-engine tool from the source tree with the SPIR-V embedding generated elsewhere
# (ATRIUM_PREBUILT_SHADERS_DIR), lists the Vulkan devices, checks the logits of every shared test model on the
# Vulkan backend against the llama.cpp goldens (through `atrium-engine logits`), and benchmarks decode / prefill.
#
# Usage:
#   gpu-check.sh [SRC_DIR]
# Environment (all optional):
#   ATRIUM_SRC            source tree (default: first argument, else the current directory)
#   ATRIUM_SHARED         shared test data with models/ and reference/ (default: $SRC/../shared)
#   ATRIUM_PREBUILT       folder holding atrium_shaders_embedded.cpp (default: $SRC/prebuilt-shaders)
#   ATRIUM_BUILD          build folder (default: /tmp/atrium-gpu-build)
#   ATRIUM_DEVICE         Vulkan device index for --device (default: the engine's choice)
#   BENCH_MODELS          space-separated .gguf files to benchmark in addition to the generated ones
#   BENCH_SHAPES          random-model presets to generate and benchmark (default: "llama-3.2-1b llama-3-8b")
#   BENCH_TYPES           quant types for the generated models (default: "q4_0 q4_k q8_0")
#   BENCH_REPS            repetitions (default 3)
#   GPU_BANDWIDTH_GBS     peak memory bandwidth for the efficiency column (default 3350 = H100 SXM; H200 4800)
#   LLAMA_BENCH           path to llama.cpp's llama-bench built with Vulkan, to compare on the same files
# Exit code: 0 when every correctness check passed.
set -uo pipefail

SRC=${ATRIUM_SRC:-${1:-$(pwd)}}
SRC=$(cd "$SRC" && pwd)
SHARED=${ATRIUM_SHARED:-$SRC/../shared}
PREBUILT=${ATRIUM_PREBUILT:-$SRC/prebuilt-shaders}
BUILD=${ATRIUM_BUILD:-/tmp/atrium-gpu-build}
REPS=${BENCH_REPS:-3}
BW=${GPU_BANDWIDTH_GBS:-3350}
SHAPES=${BENCH_SHAPES:-"llama-3.2-1b llama-3-8b"}
TYPES=${BENCH_TYPES:-"q4_0 q4_k q8_0"}
DEVICE_ARGS=()
[ -n "${ATRIUM_DEVICE:-}" ] && DEVICE_ARGS=(--device "$ATRIUM_DEVICE")
LOG=$BUILD/gpu-check.log
mkdir -p "$BUILD"
: >"$LOG"
say() { echo "== $*" | tee -a "$LOG"; }
failures=0

# --- 1. prerequisites -------------------------------------------------------------------------------------------------
say "prerequisites"
missing=0
for tool in cmake ninja g++ pkg-config; do
    command -v "$tool" >/dev/null || { echo "missing tool: $tool"; missing=1; }
done
for header in vulkan/vulkan_raii.hpp nlohmann/json.hpp; do
    echo "#include <$header>" | g++ -std=c++20 -fsyntax-only -x c++ - 2>/dev/null \
        || { echo "missing header <$header> (Debian: libvulkan-dev / nlohmann-json3-dev)"; missing=1; }
done
pkg-config --exists libpcre2-8 || { echo "missing libpcre2-8 (Debian: libpcre2-dev)"; missing=1; }
{ ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep -q "libvulkan.so.1" \
    || echo "warning: the Vulkan loader libvulkan.so.1 is not in the linker cache (needed at run time)"
[ -f "$PREBUILT/atrium_shaders_embedded.cpp" ] \
    || { echo "missing $PREBUILT/atrium_shaders_embedded.cpp (copy <build>/shaders/atrium_shaders_embedded.cpp from a build with glslc)"; missing=1; }
[ "$missing" = 0 ] || { echo "prerequisites missing: stopping"; exit 2; }

# --- 2. build ----------------------------------------------------------------------------------------------------------
say "configure + build atrium-engine ($BUILD)"
cmake -S "$SRC" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DATRIUM_ENABLE_ENGINE_ONLY=ON -DATRIUM_ENABLE_TESTS=OFF -DATRIUM_ENABLE_GUI=OFF \
    -DATRIUM_PREBUILT_SHADERS_DIR="$PREBUILT" -DATRIUM_SHARED_DIR="$SHARED" 2>&1 | tee -a "$LOG" | grep -E "Shaders|Warning|Error|error" 
cmake --build "$BUILD" --target atrium-engine -j"$(nproc)" >>"$LOG" 2>&1 || { echo "build failed: see $LOG"; tail -30 "$LOG"; exit 3; }
ENGINE=$(find "$BUILD" -name atrium-engine -type f -perm -u+x | head -1)
[ -x "$ENGINE" ] || { echo "atrium-engine not found in $BUILD"; exit 3; }
echo "built $ENGINE"

# --- 3. devices --------------------------------------------------------------------------------------------------------
say "devices"
"$ENGINE" devices | tee -a "$LOG"
"$ENGINE" devices --json >"$BUILD/devices.json"

# --- 4. correctness: logits vs goldens ---------------------------------------------------------------------------------
say "correctness (Vulkan logits vs llama.cpp goldens, tolerance of the CPU path)"
if ! command -v python3 >/dev/null; then
    echo "python3 missing: correctness comparison skipped"; failures=$((failures + 1))
else
    python3 - "$ENGINE" "$SHARED" "$BUILD" "${DEVICE_ARGS[@]}" <<'PY' | tee -a "$LOG"
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
models=()
for shape in $SHAPES; do
    for type in $TYPES; do
        out="$BUILD/random-$shape-$type.gguf"
        if [ ! -f "$out" ]; then
            "$ENGINE" write-model --shape "$shape" --type "$type" -o "$out" >>"$LOG" 2>&1 \
                || { echo "write-model $shape $type failed (see $LOG)"; continue; }
        fi
        models+=("$out")
    done
done
for m in ${BENCH_MODELS:-}; do models+=("$m"); done

bench_one() {
    local model=$1 bytes
    bytes=$(stat -c %s "$model")
    if "$ENGINE" bench -m "$model" -p 512 -n 128 -r "$REPS" --backend vulkan "${DEVICE_ARGS[@]}" --json \
        >"$BUILD/bench.json" 2>>"$LOG"; then
        python3 - "$BUILD/bench.json" "$bytes" "$BW" "$model" <<'PY' | tee -a "$LOG"
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
        python3 - "$BUILD/gen.json" "$bytes" "$BW" "$model" <<'PY' | tee -a "$LOG"
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
        "$LLAMA_BENCH" -m "$model" -ngl 99 -p 512 -n 128 -r "$REPS" 2>>"$LOG" | tee -a "$LOG"
    fi
}
for m in "${models[@]}"; do bench_one "$m"; done

say "done: $failures correctness failure(s); full log in $LOG"
[ "$failures" = 0 ]
