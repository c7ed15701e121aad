// How long one live-graph update takes in headless Chromium: an input event on a slider, the forward and backward
// pass, and the text/fill updates, then the frame drawn. A report, not a test:
//   node live-benchmark.js page1.html page2.html ...   (pages from `bash tests/clients/live-benchmark.sh`)
// Per page: the script's own time per update (median, 95th percentile: input event to DOM updated) and the main
// thread's total busy time per update including style, layout and paint (Chromium's TaskDuration metric).
"use strict";
const fs = require("fs");
const { launch } = require("./live-chromium");

const UPDATES = 300;

async function measure(browser, file, width, height) {
  const page = await browser.newPage();
  await page.setViewport({ width, height });
  await page.goto("file://" + file, { waitUntil: "load" });
  const info = await page.evaluate(() => {
    const live = document.querySelector(".scalar-autograd-live").scalarAutogradLive;
    return { values: live.graph.n, inputs: live.rows.length };
  });
  const before = await page.metrics();
  const times = await page.evaluate(async (updates) => {
    const live = document.querySelector(".scalar-autograd-live").scalarAutogradLive;
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const script = [];
    for (let k = 0; k < updates; k++) {
      const row = live.rows[Math.floor(random() * live.rows.length)];
      const min = Number(row.slider.min), max = Number(row.slider.max);
      row.slider.value = String(min + random() * (max - min));
      const start = performance.now();
      row.slider.dispatchEvent(new Event("input", { bubbles: true }));
      script.push(performance.now() - start);
      await frame(); // let Chromium draw before the next event, as a drag does
    }
    return script;
  }, UPDATES);
  const after = await page.metrics();
  await page.close();
  times.sort((a, b) => a - b);
  return {
    file: file.split("/").pop(),
    ...info,
    bytes: fs.statSync(file).size,
    scriptMedianMs: times[Math.floor(times.length / 2)],
    scriptP95Ms: times[Math.floor(times.length * 0.95)],
    mainThreadPerUpdateMs: ((after.TaskDuration - before.TaskDuration) * 1000) / UPDATES,
  };
}

(async () => {
  const browser = await launch();
  try {
    // A laptop-sized window (off-screen boxes wait until scrolled to), and one that shows the whole graph.
    for (const [width, height] of [[1400, 900], [8000, 5000]]) for (const file of process.argv.slice(2)) {
      const r = await measure(browser, file, width, height);
      console.log(`${r.file} in ${width}x${height}: ${r.values} values, ${r.inputs} inputs, ${(r.bytes / 1024).toFixed(0)} KB; ` +
        `update (script + DOM) median ${r.scriptMedianMs.toFixed(2)} ms, p95 ${r.scriptP95Ms.toFixed(2)} ms; ` +
        `main thread incl. style/layout/paint ${r.mainThreadPerUpdateMs.toFixed(2)} ms per update`);
    }
  } finally {
    await browser.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
