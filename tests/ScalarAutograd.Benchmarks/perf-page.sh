#!/usr/bin/env bash
# Runs every row of the performance page and writes tests/ScalarAutograd.Benchmarks/PERFORMANCE.md from what it
# measured (the page command). Each command's output is kept with its date and the load average before and after.
#   bash tests/ScalarAutograd.Benchmarks/perf-page.sh [rounds]          (default 3 rounds of each cold command)
#   MICROGRAD=/path/to/micrograd-clone  adds micrograd's own step (the cold-replay row); FILTER='*MoonsStep* *Width*' runs part
#   OUT=folder keeps the raw results there; NICE=-15 (the default) when allowed, else 0
#   STEPS='bdn cold' re-runs only those commands into an existing OUT (the page is then written from old and new)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
rounds="${1:-3}"
out="${OUT:-$root/tests/ScalarAutograd.Benchmarks/BenchmarkDotNet.Artifacts/page}"
filter="${FILTER:-*}"
nice="${NICE:--15}"
nice -n "$nice" true 2>/dev/null || nice=0
steps="${STEPS:-page-touch bdn cold cold-sweep first-graph cold-render cold-replay chain-memory live}"
[ -n "${STEPS:-}" ] || rm -rf "$out"
mkdir -p "$out"
want() { [[ " $steps " == *" $1 "* ]]; }
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

# The price of a first touch of memory, which the kernel and chain rows are split by (PageFaults.cs).
if want page-touch; then run page-touch "${bench[@]}" page-touch 5; fi
# BenchmarkDotNet builds a copy of the project per job: on a loaded machine that takes minutes, hence the timeout.
if want bdn; then rm -rf "$out/bdn"; read -ra filters <<< "$filter"; run bdn "${bench[@]}" --filter "${filters[@]}" --exporters json --buildTimeout 1800 --artifacts "$out/bdn"; fi
if want cold; then run cold "${bench[@]}" cold "$rounds"; fi   # console, the runner's kernel and dotnet interactive stdio
if want cold-sweep; then run cold-sweep "${bench[@]}" cold-sweep "$rounds"; fi   # the stdio first cell with fewer bytes a step
if want first-graph; then run first-graph "${bench[@]}" first-graph "$rounds"; fi
if want cold-render; then run cold-render "${bench[@]}" cold-render "$rounds"; fi
if want cold-replay && [ -n "${MICROGRAD:-}" ] && [ -f "$MICROGRAD/micrograd/engine.py" ]; then
  export MICROGRAD; run cold-replay "${bench[@]}" cold-replay "${REPLAY_ROUNDS:-2}" "$root/tests/ScalarAutograd.Benchmarks/micrograd_moons.py"
fi
if want chain-memory; then for i in $(seq 1 "$rounds"); do run "chain-memory-$i" "${bench[@]}" chain-memory; done; fi
if want live && [ -d "$root/tests/clients/node_modules/puppeteer-core" ]; then run live bash "$root/tests/clients/live-benchmark.sh"; fi
"${bench[@]}" page "$out"
