#!/usr/bin/env bash
# The main job: executes a notebook headlessly (default: ScalarDerivative.dib) and writes the executed .ipynb and
# every graph as SVG into artifacts/ (or --out). Installs Graphviz first if it is missing.
#   bash src/run.sh                                  # ScalarDerivative.dib → artifacts/
#   bash src/run.sh notebooks/Exporting.dib --out /tmp/out
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/src/ensure-graphviz.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build "$root/src/ScalarAutograd.Runner" -c Release -v quiet -nologo -clp:"ErrorsOnly;NoSummary" >&2
exec dotnet "$root/src/ScalarAutograd.Runner/bin/Release/net10.0/ScalarAutograd.Runner.dll" "$@"
