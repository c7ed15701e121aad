#!/usr/bin/env bash
# The live graph's update time in headless Chromium, for ~50- and ~500-value graphs (a report, not a test).
#   bash tests/clients/live-benchmark.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
[ -d "$here/node_modules/puppeteer-core" ] || (cd "$here" && npm ci --silent)
mapfile -t pages < <(dotnet run "$here/live-benchmark-pages.cs" -- "$out")
node "$here/live-benchmark.js" "${pages[@]}"
