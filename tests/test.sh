#!/usr/bin/env bash
# Runs every test in the solution (Release). Installs Graphviz first if it is missing (see src/ensure-graphviz.sh),
# dotnet-repl (a .NET tool), which the notebook tests run every notebook under, and the real clients the
# real-client tests drive: Jupyter with the .NET kernel, chromium, node and tests/clients' npm packages
# (see tests/clients/ensure-clients.sh).
# Ends with one summary line: "tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
bash src/ensure-graphviz.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if ! command -v dotnet-repl >/dev/null 2>&1 && [ ! -x "$HOME/.dotnet/tools/dotnet-repl" ]; then
  echo "Installing dotnet-repl 0.3.259 (a .NET global tool) for the notebook tests..." >&2
  dotnet tool install -g dotnet-repl --version 0.3.259 >/dev/null
fi
# Debian's python3-nbformat: the runner tests validate every executed .ipynb as Jupyter does.
bash tests/clients/ensure-clients.sh   # Jupyter + .NET kernel, python3-nbformat, chromium, node, npm ci (puppeteer-core, sanitizer)
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
