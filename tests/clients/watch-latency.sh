#!/usr/bin/env bash
# Measures --watch's save-to-updated-page latency, as a person sees it: starts the runner on a copy of a notebook,
# opens the page in headless Chromium, saves an edit of the lecture's input a (2.0 ↔ 3.0) ten times, and prints the
# time from each save until the edited cell shows the new L (−2 or −8), and until every cell below has run again.
#   bash tests/clients/watch-latency.sh              # ScalarDerivative.dib (the lecture; its MyValue graph cell)
#   bash tests/clients/watch-latency.sh cs           # notebooks/Lecture.cs (the percent-format file)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
which="${1:-dib}"
bash "$root/tests/clients/ensure-clients.sh" >/dev/null
dotnet build "$root/src/ScalarAutograd.Runner" -c Release -v quiet -nologo -clp:"ErrorsOnly;NoSummary" >&2
work="$(mktemp -d)"
trap 'kill -INT "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT
if [ "$which" = cs ]; then
  file="$work/Lecture.cs"; sed "s|\.\./src/|$root/src/|g" "$root/notebooks/Lecture.cs" > "$file"
  two='var a = new Value(2.0, "a");'; three='var a = new Value(3.0, "a");'
else
  file="$work/ScalarDerivative.dib"; sed "s|\.\./src/|$root/src/|g; s|\"src/ScalarAutograd|\"$root/src/ScalarAutograd|g" "$root/ScalarDerivative.dib" > "$file"
  two='var a = new MyValue(2.0, "a");'; three='var a = new MyValue(3.0, "a");'
fi
env --default-signal=INT dotnet "$root/src/ScalarAutograd.Runner/bin/Release/net10.0/ScalarAutograd.Runner.dll" --watch "$file" --port 8890 > "$work/watch.log" 2>&1 &
pid=$!
for _ in $(seq 600); do grep -q 'token=' "$work/watch.log" && break; sleep 0.2; done
url="$(grep -o 'http://127.0.0.1:[0-9]*/?token=[0-9a-f]*' "$work/watch.log")"
node -e '
const [url, file, two, three] = process.argv.slice(1);
const steps = [];
for (let i = 0; i < 10; i++) {
  const up = i % 2 === 0;
  steps.push({ do: "replace", from: up ? two : three, to: up ? three : two,
    until: { sourceHas: up ? three : two, contains: [up ? "data -2.0000" : "data -8.0000"] }, timeoutMs: 120000 });
}
require("fs").writeFileSync(process.argv[5], JSON.stringify({ url, file, steps, waitIdle: true }));
' "$url" "$file" "$two" "$three" "$work/job.json"
node "$root/tests/clients/watch-drive.js" "$work/job.json" > "$work/result.json"
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return (s[4] + s[5]) / 2; };
if (!r.steps.every((s) => s.ok)) { console.error("a save did not show on the page:", JSON.stringify(r.steps.map((s) => s.ok))); process.exit(1); }
console.log("save → edited cell shows the new L (ms):", r.steps.map((s) => s.ms).join(" "));
console.log("save → every cell below re-run (ms):    ", r.steps.map((s) => s.idleMs).join(" "));
console.log(`median of 10 saves: ${median(r.steps.map((s) => s.ms))} ms to the new L, ${median(r.steps.map((s) => s.idleMs))} ms to the whole page`);
' "$work/result.json"
