// Runs LiveGraph.js's engine and number formatting outside a page, for the C# tests (no browser needed).
//   node live-eval.js script.js job.json   → JSON on stdout
// job.json: { "format": [[x, "F4"], ...], "evaluate": [["tanh", a, b], ...] } with numbers as strings ("NaN", "-0", ...).
// Answers: { "format": ["2.0000", ...], "evaluate": [["r", "dA", "dB"], ...] }, numbers as shortest round-trip strings.
"use strict";
const fs = require("fs");
const vm = require("vm");
const context = {};
vm.runInNewContext(fs.readFileSync(process.argv[2], "utf8") + "\nthis.L = ScalarAutogradLive;", context);
const L = context.L;
const job = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const show = (x) => (Object.is(x, -0) ? "-0" : String(x));
process.stdout.write(JSON.stringify({
  format: (job.format || []).map(([x, f]) => L.format(Number(x), f)),
  evaluate: (job.evaluate || []).map(([op, a, b]) => L.evaluate(op, Number(a), Number(b)).map(show)),
}));
