// Drives live-graph pages (L.Live().Save(...)) in headless Chromium, as a person would: sets sliders and number
// boxes, fires their input events, and reports what the page shows, for the C# tests to compare with the engine.
//
//   node live-drive.js job.json > result.json
//
// job.json: { "pages": [ { "file": "/abs/page.html", "javascript": true, "screenshot": "/abs/shot.png" (optional),
//             "steps": [ { "via": "slider" | "box", "sets": [[inputIndex, "value"], ...] }, ... ] } ] }
// For each page: console errors, every URL requested, whether the static <img> shows, the inputs, and after each step
// the values the inputs hold and, per graph value, the text its box shows, its fill, and the numbers behind them.
"use strict";
const fs = require("fs");
const { launch } = require("./live-chromium");

async function drivePage(browser, spec) {
  const page = await browser.newPage();
  const report = { errors: [], requests: [], steps: [] };
  page.on("console", (m) => { if (m.type() === "error") report.errors.push(m.text()); });
  page.on("pageerror", (e) => report.errors.push(String(e)));
  await page.setRequestInterception(true);
  page.on("request", (r) => { report.requests.push(r.url()); r.continue(); });
  await page.setJavaScriptEnabled(spec.javascript !== false);
  // Large enough that every box of a test graph is on screen: the page brings off-screen boxes up to date only
  // when they scroll into view, and these tests read every box.
  await page.setViewport({ width: spec.width || 4000, height: spec.height || 2400 });
  await page.goto("file://" + spec.file, { waitUntil: "load" });
  const size = await page.evaluate(() => {
    const shown = document.querySelector(".scalar-autograd-live svg") || document.body;
    const r = shown.getBoundingClientRect();
    return { width: Math.ceil(r.right) + 50, height: Math.ceil(r.bottom) + 50 };
  });
  if (!spec.width && spec.javascript !== false && (size.width > 4000 || size.height > 2400)) {
    await page.setViewport({ width: Math.max(size.width, 4000), height: Math.max(size.height, 2400) });
    await new Promise((resolve) => setTimeout(resolve, 300)); // the page hears of the new size in a frame or two
  }

  report.staticView = await page.evaluate(() => {
    const img = document.querySelector(".scalar-autograd-live img");
    const note = document.querySelector(".scalar-autograd-live .sa-live-static");
    return {
      imageShown: !!img && img.complete && img.naturalWidth > 0 && img.getBoundingClientRect().width > 0,
      noteShown: !!note && getComputedStyle(note).display !== "none",
      text: document.body.innerText,
      inlineSvg: !!document.querySelector(".scalar-autograd-live svg"),
      inputs: document.querySelectorAll(".scalar-autograd-live input").length,
    };
  });

  for (const step of spec.steps || []) {
    if (!step.scroll) {
      report.steps.push(await page.evaluate(readAfter, step));
      continue;
    }
    // Set the inputs, then bring every box into view in turn, as a person scrolling along would; then read.
    await page.evaluate(readAfter, step);
    await page.evaluate(async () => {
      for (const g of document.querySelectorAll(".scalar-autograd-live svg g.node")) {
        g.scrollIntoView({ block: "center", inline: "center" });
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      }
    });
    report.steps.push(await page.evaluate(readAfter, { via: step.via, sets: [] }));
  }
  if (spec.screenshot) await page.screenshot({ path: spec.screenshot, fullPage: true });
  await page.close();
  return report;
}

// In the page: apply one step through the controls, then read everything back from the DOM.
function readAfter(step) {
  const root = document.querySelector(".scalar-autograd-live");
  const live = root.scalarAutogradLive;
  for (const [k, value] of step.sets) {
    const control = step.via === "box" ? live.rows[k].box : live.rows[k].slider;
    control.value = value;
    control.dispatchEvent(new Event("input", { bubbles: true }));
  }
  const model = JSON.parse(root.querySelector("script.sa-live-model").textContent);
  const nodes = {};
  root.querySelectorAll("svg g.node").forEach((g) => { nodes[g.querySelector("title").textContent] = g; });
  const show = (x) => (Object.is(x, -0) ? "-0" : String(x));
  return {
    applied: live.rows.map((r) => r.slider.value),
    appliedBox: live.rows.map((r) => r.box.value),
    inputs: live.rows.map((r) => show(live.graph.data[r.input.value])),
    status: root.querySelector(".sa-live-inputs").parentNode.lastChild.textContent,
    legend: nodes.legend ? [...nodes.legend.querySelectorAll("text")].slice(1).map((t) => t.textContent) : [],
    ms: live.lastMs,
    unseen: live.unseen(),
    copies: Object.keys(nodes).filter((t) => /^v\d+u\d+$/.test(t))
      .map((t) => ({ title: t, texts: [...nodes[t].querySelectorAll("text")].map((x) => x.textContent) })),
    values: model.values.map((v, i) => {
      const g = v.node && nodes[v.node];
      const texts = g ? [...g.querySelectorAll("text")].map((t) => t.textContent) : [];
      return {
        node: v.node || null,
        data: show(live.graph.data[i]),
        grad: show(live.graph.grad[i]),
        texts,
        fill: g ? g.querySelector("polygon").getAttribute("fill") : null,
      };
    }),
  };
}

(async () => {
  const job = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const browser = await launch();
  try {
    const pages = [];
    for (const spec of job.pages) pages.push(await drivePage(browser, spec));
    process.stdout.write(JSON.stringify({ pages }));
  } finally {
    await browser.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
