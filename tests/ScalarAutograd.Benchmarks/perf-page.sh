#!/usr/bin/env bash
# Runs every row of the performance page and writes tests/ScalarAutograd.Benchmarks/PERFORMANCE.md from what it
# measured (the page command). Each command's output is kept with its date and the load average before and after.
#   bash tests/ScalarAutograd.Benchmarks/perf-page.sh [rounds]          (default 3 rounds of each cold command)
#   MICROGRAD=/path/to/micrograd-clone  adds micrograd's own step (the cold-replay row); FILTER='*MoonsStep*' runs part
#   OUT=folder keeps the raw results there; NICE=-15 (the default) when allowed, else 0
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
rounds="${1:-3}"
out="${OUT:-$root/tests/ScalarAutograd.Benchmarks/BenchmarkDotNet.Artifacts/page}"
filter="${FILTER:-*}"
nice="${NICE:--15}"
nice -n "$nice" true 2>/dev/null || nice=0
rm -rf "$out" && mkdir -p "$out"
dotnet build "$root/tests/ScalarAutograd.Benchmarks" -c Release -v q -nologo
dotnet build "$root/src/ScalarAutograd.Runner" -c Release -v q -nologo
bench=(nice -n "$nice" dotnet "$root/tests/ScalarAutograd.Benchmarks/bin/Release/net10.0/ScalarAutograd.Benchmarks.dll")

run() { # run NAME COMMAND...: the command's output, headed by what ran, when, and the load
  local name="$1"; shift
  { echo "# command: $*"; echo "# date: $(date -u +%FT%TZ)"; echo "# load-before: $(cut -d' ' -f1-3 /proc/loadavg)"
    "$@" 2>&1 || echo "# failed: exit $?"
    echo "# load-after: $(cut -d' ' -f1-3 /proc/loadavg)"; } > "$out/$name.log"
  echo "$name done ($(date -u +%T), load $(cut -d' ' -f1 /proc/loadavg))"
}

run bdn "${bench[@]}" --filter "$filter" --exporters json --artifacts "$out/bdn"
run cold "${bench[@]}" cold "$rounds"
run cold-render "${bench[@]}" cold-render "$rounds"
if [ -n "${MICROGRAD:-}" ] && [ -f "$MICROGRAD/micrograd/engine.py" ]; then
  export MICROGRAD; run cold-replay "${bench[@]}" cold-replay "${REPLAY_ROUNDS:-2}" "$root/tests/ScalarAutograd.Benchmarks/micrograd_moons.py"
fi
for i in $(seq 1 "$rounds"); do run "chain-memory-$i" "${bench[@]}" chain-memory; done
if [ -d "$root/tests/clients/node_modules/puppeteer-core" ]; then run live bash "$root/tests/clients/live-benchmark.sh"; fi
"${bench[@]}" page "$out"
