#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 Atrium contributors
#
# Loopback download throughput: `atrium-cli pull` (resolve → 302 → CDN port, write, SHA-256 verify, publish into the
# HF cache) against curl (same URL, -L, written to a file, no verification) for one big random file served by the
# test hub. The file is generated here and never committed.
#
#   tests/hub/bench_pull.sh [BUILD_DIR] [SIZE_MB] [RUNS]     (defaults: build/release 400 3)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-build/release}
size_mb=${2:-400}
runs=${3:-3}
cli="$root/$build/app/atrium-cli"
[ -x "$cli" ] || cli="$build/app/atrium-cli"
[ -x "$cli" ] || { echo "bench_pull: atrium-cli not found under $build" >&2; exit 2; }
command -v curl >/dev/null || { echo "bench_pull: curl is needed" >&2; exit 2; }

work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "bench_pull: generating a ${size_mb} MB random file" >&2
head -c "$((size_mb * 1024 * 1024))" /dev/urandom > "$work/big.bin"
bytes=$(stat -c %s "$work/big.bin")
python3 "$here/test_hub.py" --add-file "atrium-bench/big-file:big.bin=$work/big.bin" > "$work/ports" 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 1 300); do grep -q api_port "$work/ports" 2>/dev/null && break; sleep 0.1; done
api_port=$(sed -E 's/.*api_port=([0-9]+).*/\1/' "$work/ports")
endpoint="http://127.0.0.1:$api_port"
url="$endpoint/atrium-bench/big-file/resolve/main/big.bin"
cat "$work/big.bin" > /dev/null # the source is in the page cache for every run

seconds() { date +%s.%N; }
rate() { awk -v b="$bytes" -v s="$1" 'BEGIN { printf "%.1f", b / s / 1e6 }'; }

# Interleaved runs, so both tools see the same machine load; the best run of each counts.
best_curl=0
best_cli=0
: > "$work/curl.times"
: > "$work/cli.times"
for i in $(seq 1 "$runs"); do
  rm -f "$work/curl.bin"
  t0=$(seconds)
  curl -sS -L -o "$work/curl.bin" "$url"
  t1=$(seconds)
  s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
  echo "curl        run $i: $(rate "$s") MB/s" >&2
  echo "$s" >> "$work/curl.times"
  best_curl=$(awk -v a="$best_curl" -v b="$s" 'BEGIN { print (a == 0 || b < a) ? b : a }')
  rm -f "$work/curl.bin"

  # A fresh HF cache and API answer cache every run (so the API calls are timed too); the catalog database stays,
  # as it does for anyone who has used Atrium before.
  rm -rf "$work/hf" "$work/atrium/cache"
  t0=$(seconds)
  HF_ENDPOINT="$endpoint" HF_HOME="$work/hf" ATRIUM_HOME="$work/atrium" ATRIUM_NO_KEYCHAIN=1 HF_TOKEN= \
    "$cli" pull atrium-bench/big-file --file big.bin --json > "$work/pull.json" 2>"$work/pull.err"
  t1=$(seconds)
  s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
  echo "atrium-cli  run $i: $(rate "$s") MB/s" >&2
  echo "$s" >> "$work/cli.times"
  best_cli=$(awk -v a="$best_cli" -v b="$s" 'BEGIN { print (a == 0 || b < a) ? b : a }')
done
grep -q '"sha256"' "$work/pull.json" || { echo "bench_pull: the pull failed: $(cat "$work/pull.err")" >&2; exit 1; }

median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
median_curl=$(median "$work/curl.times")
median_cli=$(median "$work/cli.times")
echo "file: $((bytes / 1000000)) MB on loopback, $runs interleaved runs each (load average: $(cut -d' ' -f1 /proc/loadavg))"
echo "curl:        best $(rate "$best_curl") MB/s, median $(rate "$median_curl") MB/s"
echo "atrium-cli:  best $(rate "$best_cli") MB/s, median $(rate "$median_cli") MB/s  (with SHA-256 verification and publishing)"
echo "atrium-cli / curl: best $(awk -v a="$best_curl" -v b="$best_cli" 'BEGIN { printf "%.1f", 100 * a / b }') %," \
     "median $(awk -v a="$median_curl" -v b="$median_cli" 'BEGIN { printf "%.1f", 100 * a / b }') %"
