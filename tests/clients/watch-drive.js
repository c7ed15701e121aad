// Drives the runner's --watch page in headless Chromium as a person would: opens the printed URL, scrolls, edits
// and saves the notebook file (or deletes it, or clicks "Restart kernel"), and after each step waits until the page
// shows what was asked, then reports what it shows, for the C# tests (WatchTests) to check.
//
//   node watch-drive.js job.json > result.json
//
// job.json: { "url": "http://127.0.0.1:…/?token=…", "file": "/abs/notebook.dib", "scroll": 400,
//             "steps": [ { "do": "replace" | "delete" | "write" | "restart" | "none", "from": "…", "to": "…",
//                          "text": "…" (for write), "until": { "sourceHas": "Value(3.0", "contains": ["data -2.0000"] }
//                          | { "status": "gone" } | { "state": ["Value(3.0", "error"] }, "timeoutMs": 20000 } ] }
// "static": true reads a page written by FileNotebook (no kernel to wait for).
// For each step: ms from the action to the page showing it, the scroll position before and after, whether the page
// was reloaded, the status line, and per cell: state, head line, texts shown (including the <text>s of graph
// pictures, per node) and which numbers are marked as changed.
"use strict";
const fs = require("fs");
const { launch } = require("./live-chromium");

// Runs in the page: what each cell shows.
function read() {
  const decode = (img) => {
    const p = "data:image/svg+xml;base64,";
    if (!img.src.startsWith(p)) return null;
    const bytes = Uint8Array.from(atob(img.src.slice(p.length)), (c) => c.charCodeAt(0));
    return new DOMParser().parseFromString(new TextDecoder().decode(bytes), "image/svg+xml");
  };
  const cells = [...document.querySelectorAll("#sa-cells > section")].map((s) => {
    const out = s.querySelector(".sa-outputs");
    const pictures = out ? [...out.querySelectorAll("img")].map(decode).filter(Boolean) : [];
    return {
      id: s.id,
      state: s.dataset.state || "markdown",
      head: (s.querySelector(".sa-head") || {}).textContent || "",
      source: (s.querySelector(".sa-source") || {}).textContent || "",
      text: (out || s).innerText,
      outputs: out ? out.children.length : 0,
      nodes: pictures.flatMap((svg) => [...svg.querySelectorAll("g.node")].map((g) => [...g.querySelectorAll("text")].map((t) => t.textContent))),
      changed: [...(out ? out.querySelectorAll(".sa-changed") : [])].length +
        pictures.reduce((n, svg) => n + svg.querySelectorAll("[data-sa-changed]").length, 0),
      changedTexts: pictures.flatMap((svg) => [...svg.querySelectorAll("[data-sa-changed]")].map((t) => t.textContent)),
    };
  });
  return { cells, status: document.getElementById("sa-status").textContent, kernel: document.body.dataset.kernel,
    scrollY: window.scrollY, marker: window.__watchMarker === 42 };
}

function satisfied(view, until) {
  if (!until) return view.kernel === "idle";
  if (until.status) return view.status.includes(until.status);
  if (until.state) return view.kernel === "idle" && view.cells.some((c) => c.source.includes(until.state[0]) && c.state === until.state[1]);
  const cell = until.sourceHas ? view.cells.find((c) => c.source.includes(until.sourceHas)) : view.cells[until.cell - 1];
  const shown = cell ? cell.text + "\n" + cell.nodes.flat().join("\n") : "";
  // The cell itself has run (the cells below it may still be running): what a person looking at it sees.
  return cell && cell.state === "fresh" && (until.contains || []).every((t) => shown.includes(t));
}

(async () => {
  const job = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const browser = await launch();
  const report = { errors: [], navigations: 0, steps: [] };
  try {
    const page = await browser.newPage();
    page.on("pageerror", (e) => report.errors.push(String(e)));
    page.on("console", (m) => { if (m.type() === "error") report.errors.push(m.text()); });
    await page.setViewport({ width: 1300, height: 800 });
    await page.goto(job.url, { waitUntil: "load" });
    page.on("framenavigated", () => report.navigations++);
    if (!job.static) await page.waitForFunction(() => document.body.dataset.kernel === "idle", { timeout: job.startTimeoutMs || 240000, polling: 100 });
    await page.evaluate((y) => { window.__watchMarker = 42; window.scrollTo(0, y); }, job.scroll || 0);
    report.initial = await page.evaluate(read);
    for (const step of job.steps) {
      const before = await page.evaluate(read);
      const t0 = Date.now();
      if (step.do === "replace") {
        const text = fs.readFileSync(job.file, "utf8");
        if (!text.includes(step.from)) throw new Error("the file does not contain " + step.from);
        fs.writeFileSync(job.file, text.replace(step.from, step.to));
      } else if (step.do === "delete") fs.unlinkSync(job.file);
      else if (step.do === "write") fs.writeFileSync(job.file, step.text);
      else if (step.do === "restart") await page.click("#sa-restart");
      // A restart re-runs cells that already show "fresh": wait until it has begun before waiting for its end.
      if (step.do === "restart") await page.waitForFunction(() => document.body.dataset.kernel === "busy", { timeout: 10000, polling: 10 });
      let view, ok = false;
      const limit = t0 + (step.timeoutMs || 20000);
      // The page is busy between the save and the new outputs; wait for the state asked for, after the action.
      while (Date.now() < limit) {
        view = await page.evaluate(read);
        if (satisfied(view, step.until)) { ok = true; break; }
        await new Promise((r) => setTimeout(r, 20));
      }
      const ms = Date.now() - t0;
      // "waitIdle": also the time until every cell below has run again, before the next step.
      if (job.waitIdle) await page.waitForFunction(() => document.body.dataset.kernel === "idle", { timeout: 600000, polling: 20 });
      report.steps.push({ ok, ms, idleMs: Date.now() - t0, scrollBefore: before.scrollY, view });
    }
    if (!job.static) await page.waitForFunction(() => document.body.dataset.kernel === "idle", { timeout: 180000, polling: 50 });
    report.final = await page.evaluate(read); // every cell done
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(report));
})().catch((e) => { console.error(e); process.exit(1); });
