#!/usr/bin/env bash
# Runs every test in the solution (Release). Installs Graphviz first if it is missing (see ensure-graphviz.sh).
# Ends with one summary line: "tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/ensure-graphviz.sh
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test ScalarAutograd.sln -c Release 2>&1 | tee "$log" || status=$?
# dotnet test prints one "Failed: N, Passed: N" line per test project: add them up.
passed=$(awk -F'Passed: *' 'NF > 1 { split($2, n, ","); s += n[1] } END { print s + 0 }' "$log")
failed=$(awk -F'Failed: *' '/Total:/ && NF > 1 { split($2, n, ","); s += n[1] } END { print s + 0 }' "$log")
echo "tests: $passed passed, $failed failed"
if [ "$passed" = 0 ]; then echo "no test ran" >&2; exit 1; fi
exit "$status"
