// Plays an animated backward-pass SVG (trace.Save("x.svg")) in headless Chromium and reports, at each requested
// time, what is visible: per value box (by its DOT id, e.g. "v3") the grad text and the box's fill, and the caption.
//   node live-animation.js job.json   with job.json: { "file": "/abs/anim.svg", "times": [0.75, 2.25, ...] }
"use strict";
const fs = require("fs");
const { launch } = require("./live-chromium");

(async () => {
  const job = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = [], requests = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.setRequestInterception(true);
    page.on("request", (r) => { requests.push(r.url()); r.continue(); });
    await page.goto("file://" + job.file, { waitUntil: "load" });
    const frames = [];
    for (const t of job.times) {
      frames.push(await page.evaluate((t) => {
        const svg = document.documentElement;
        svg.pauseAnimations();
        svg.setCurrentTime(t);
        const visible = (el) => getComputedStyle(el).visibility === "visible";
        const boxes = {};
        svg.querySelectorAll("g.node").forEach((g) => {
          const id = g.querySelector("title").textContent;
          const grads = [...g.querySelectorAll("text")].filter((x) => visible(x) && x.textContent.startsWith("grad "));
          boxes[id] = { grads: grads.map((x) => x.textContent), fill: getComputedStyle(g.querySelector("polygon, ellipse")).fill };
        });
        const captions = [...svg.querySelectorAll("text.caption")].filter(visible).map((x) => x.textContent);
        return { boxes, captions };
      }, t));
    }
    if (job.screenshot) await page.screenshot({ path: job.screenshot });
    process.stdout.write(JSON.stringify({ errors, requests, frames }));
  } finally {
    await browser.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
