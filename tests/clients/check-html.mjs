// Opens a notebook's HTML (as `jupyter nbconvert --to html` writes it, JupyterLab's stylesheet included) in headless
// Chromium at a 1000 px wide window and checks what a reader sees:
//   - every picture (an <img> of an SVG, or an inline <svg>) draws its text at 10 CSS px or more;
//   - no picture is cut off: it fits, or a box around it scrolls sideways to show the rest;
//   - a backprop player's frames all put every node at the same place, at the same height under the captions, and
//     the ← → keys change the frame, keeping the active value in view;
//   - before/after pictures (Graphs.SideBySide) are each as wide as the picture or the row, never squeezed, and
//     stacked ones scroll sideways together.
//   - with --claims: every value the prose claims (claims.mjs) is drawn inside the visible part of its output;
//   - each live graph started where scripts run: after dragging its first slider, that slider and the graph's output
//     value (and every value claimed about that cell) are both in the window.
// Usage: node check-html.mjs page.html [--shots DIR] [--width 1000] [--claims executed.ipynb]
// Prints one JSON object: { pictures, players, failures }. Exit code 0 when it ran (failures are in the JSON), 2 on misuse.
import puppeteer from 'puppeteer-core';
import { pathToFileURL } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';
import { claimsOf, checkClaims, liveAfterDrag } from './claims.mjs';

const args = process.argv.slice(2);
const page_ = args[0];
const option = (name, fallback) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : fallback);
if (!page_ || !fs.existsSync(page_)) {
  console.error('usage: node check-html.mjs page.html [--shots DIR] [--width 1000]');
  process.exit(2);
}
const shots = option('--shots', null);
const width = Number(option('--width', '1000'));
const claimsFrom = option('--claims', null);
// The outputs of code cell `cell` (its index in the notebook): by data-cell where the page marks cells so
// (check-untrusted.mjs's page), else the cell-th .jp-Cell (nbconvert writes one per cell, markdown included).
const outputsOf = `
  const marked = document.querySelector('.jp-Cell[data-cell]');
  const cells = marked ? [...document.querySelectorAll('.jp-Cell[data-cell="' + cell + '"]')] : [document.querySelectorAll('.jp-Cell')[cell]];
  return cells.filter(Boolean).flatMap((c) => [...c.querySelectorAll('.jp-OutputArea-output')]);`;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 900 });
  await page.goto(pathToFileURL(path.resolve(page_)).href, { waitUntil: 'load' });

  const report = await page.evaluate(() => {
    const failures = [];
    const parse = (el) => {
      if (el.tagName.toLowerCase() === 'svg') return el;
      const src = el.getAttribute('src');
      const comma = src.indexOf(',');
      const text = src.slice(0, comma).endsWith(';base64')
        ? new TextDecoder().decode(Uint8Array.from(atob(src.slice(comma + 1)), (c) => c.charCodeAt(0)))
        : decodeURIComponent(src.slice(comma + 1));
      return new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
    };
    const viewBoxWidth = (svg) => {
      const vb = (svg.getAttribute('viewBox') || '').trim().split(/[\s,]+/).map(Number);
      return vb.length === 4 && vb[2] > 0 ? vb[2] : parseFloat(svg.getAttribute('width'));
    };
    const fontSizes = (svg) => [...svg.querySelectorAll('text')].map((t) => {
      let n = t;
      while (n && n.nodeType === 1) {
        const size = n.getAttribute('font-size') || ((n.getAttribute('style') || '').match(/font-size:\s*([0-9.]+)/) || [])[1];
        if (size) return parseFloat(size);
        n = n.parentNode;
      }
      return 16;
    }).filter((s) => s > 0);
    const where = (el) => {
      const cell = el.closest('.jp-Cell');
      const cells = [...document.querySelectorAll('.jp-Cell')];
      return cell ? `cell ${cells.indexOf(cell) + 1}` : 'page';
    };

    const pictures = [];
    const all = [...document.querySelectorAll('img[src^="data:image/svg+xml"], svg')]
      .filter((el) => !(el.tagName.toLowerCase() === 'svg' && el.parentElement.closest('svg')))
      .filter((el) => el.closest('.jp-OutputArea-output'));
    for (const el of all) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0) continue; // a hidden player frame: checked below
      const svg = parse(el);
      const scale = rect.width / viewBoxWidth(svg);
      const sizes = fontSizes(svg);
      const smallest = sizes.length ? Math.min(...sizes) * scale : null;
      // Reachable when every clipping box around it either holds it whole or scrolls sideways.
      let scrolls = false;
      let cut = null;
      for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX === 'visible' || rect.width <= a.clientWidth + 1) continue;
        if (style.overflowX === 'auto' || style.overflowX === 'scroll') { scrolls = scrolls || a.scrollWidth > a.clientWidth; continue; }
        cut = `cut off at ${Math.round(a.getBoundingClientRect().right)} px by <${a.tagName.toLowerCase()} class="${a.className}">`;
        break;
      }
      // Which box scrolls matters: the picture's own box, so captions and controls stay put.
      const own = el.closest('.scalar-autograd-picture');
      if (own && rect.width > own.clientWidth + 1 && !(own.scrollWidth > own.clientWidth)) cut = 'wider than its own box, which does not scroll';
      if (own && own.getBoundingClientRect().right > document.documentElement.clientWidth + 1) cut = `its box runs off the page at ${Math.round(own.getBoundingClientRect().right)} px`;
      if (!cut && !scrolls && rect.right > document.documentElement.clientWidth + 1) cut = `runs off the page at ${Math.round(rect.right)} px`;
      const p = { where: where(el), kind: el.tagName.toLowerCase(), width: Math.round(rect.width), scale: +scale.toFixed(3), smallestTextPx: smallest && +smallest.toFixed(1), scrolls, cut };
      pictures.push(p);
      if (smallest !== null && smallest < 10) failures.push(`${p.where}: picture text drawn at ${p.smallestTextPx} px (< 10 px), scale ${p.scale}`);
      if (cut) failures.push(`${p.where}: picture ${cut}`);
    }

    const players = [...document.querySelectorAll('.scalar-autograd-player')].map((root) => {
      const frames = [...root.querySelectorAll('.scalar-autograd-frame')];
      const layouts = frames.map((f) => {
        const svg = parse(f.querySelector('img, svg'));
        const nodes = {};
        for (const g of svg.querySelectorAll('g.node')) {
          const title = g.querySelector('title').textContent;
          // Where Graphviz put the node: its text anchors and ellipse centres (not its fill, which a highlight changes).
          // A grad's own text is centred in its cell, so it moves with its width: leave it out.
          nodes[title] = [...g.querySelectorAll('text, ellipse')].filter((t) => !t.textContent.startsWith('grad'))
            .map((t) => (t.tagName === 'ellipse' ? `${t.getAttribute('cx')},${t.getAttribute('cy')}` : `${t.getAttribute('x')},${t.getAttribute('y')}`))
            .join(' ');
        }
        return { size: `${svg.getAttribute('width')}x${svg.getAttribute('height')}`, nodes };
      });
      const moved = [];
      layouts.forEach((l, k) => {
        if (l.size !== layouts[0].size) moved.push(`frame ${k} is ${l.size}, frame 0 ${layouts[0].size}`);
        for (const [title, box] of Object.entries(l.nodes)) {
          if (layouts[0].nodes[title] !== box) moved.push(`frame ${k}: ${title} at ${box}, frame 0 at ${layouts[0].nodes[title]}`);
        }
      });
      const where_ = where(root);
      if (moved.length) failures.push(`${where_}: player frames differ in layout: ${moved.slice(0, 3).join('; ')}${moved.length > 3 ? ` (+${moved.length - 3})` : ''}`);
      return { where: where_, frames: frames.length, nodes: Object.keys(layouts[0]?.nodes ?? {}).length, moved: moved.length };
    });
    // Two pictures compared (Graphs.SideBySide): each box is as wide as its picture or as its row. A box squeezed
    // narrower than both hides most of the graph behind a scroll bar, so the two cannot be compared at a glance.
    const comparisons = [...document.querySelectorAll('.scalar-autograd-side-by-side')].map((row) => {
      const boxes = [...row.querySelectorAll('.scalar-autograd-picture')].map((box) => ({
        box: box.clientWidth, picture: Number(box.querySelector('img').getAttribute('width')), top: Math.round(box.getBoundingClientRect().top),
      }));
      for (const b of boxes) {
        if (b.box + 1 < Math.min(b.picture, row.clientWidth)) {
          failures.push(`${where(row)}: a compared picture ${b.picture} px wide is squeezed into a ${b.box} px box in a ${row.clientWidth} px row`);
        }
      }
      return { where: where(row), row: row.clientWidth, boxes, stacked: boxes.length === 2 && boxes[0].top !== boxes[1].top, scripts: row.hasAttribute('data-scrolls-together') };
    });
    return { pictures, players, comparisons, failures };
  });

  // Keys: click the player, then → and ← must change the frame shown, and the active value must be in view.
  const roots = await page.$$('.scalar-autograd-player');
  for (let r = 0; r < roots.length; r++) {
    const root = roots[r];
    const shown = () => root.evaluate((el) => [...el.querySelectorAll('.scalar-autograd-frame')].findIndex((f) => getComputedStyle(f).display !== 'none'));
    const inView = () => root.evaluate((el) => {
      const frame = [...el.querySelectorAll('.scalar-autograd-frame')].find((f) => getComputedStyle(f).display !== 'none');
      const box = frame.querySelector('.scalar-autograd-picture');
      const img = box.querySelector('img');
      const x = Number(frame.getAttribute('data-focus')) * img.getBoundingClientRect().width - box.scrollLeft;
      return x >= 0 && x <= box.clientWidth;
    });
    await root.evaluate((el) => el.scrollIntoView());
    await root.click({ offset: { x: 5, y: 5 } });
    const where_ = report.players[r].where;
    if (!(await root.$('[data-controls]'))) {
      // No script ran (an untrusted notebook): every frame must show, one under the other.
      const hidden = await root.evaluate((el) => [...el.querySelectorAll('.scalar-autograd-frame')].filter((f) => f.getBoundingClientRect().height === 0).length);
      if (hidden) report.failures.push(`${where_}: scripts off, yet ${hidden} player frame(s) are hidden`);
      report.players[r].scripts = false;
      continue;
    }
    report.players[r].scripts = true;
    // Where the shown frame's picture starts, below the top of the player: the same for every frame, or the picture
    // jumps up and down as the captions change length.
    const pictureTop = () => root.evaluate((el) => {
      const frame = [...el.querySelectorAll('.scalar-autograd-frame')].find((f) => getComputedStyle(f).display !== 'none');
      return Math.round(frame.querySelector('img').getBoundingClientRect().top - el.getBoundingClientRect().top);
    });
    const start = await shown();
    const frames = report.players[r].frames;
    const firstTop = await pictureTop();
    if (start !== 0) report.failures.push(`${where_}: player does not start at step 0 (shows ${start})`);
    for (let k = 1; k < frames; k++) {
      await page.keyboard.press('ArrowRight');
      const now = await shown();
      if (now !== k) { report.failures.push(`${where_}: after ${k} × → the player shows frame ${now}, expected ${k}`); break; }
      if (!(await inView())) report.failures.push(`${where_}: frame ${k}: the active value is scrolled out of view`);
      const top = await pictureTop();
      if (Math.abs(top - firstTop) > 1) report.failures.push(`${where_}: frame ${k}'s picture starts ${top} px below the player's top, frame 0's ${firstTop} px`);
    }
    await page.keyboard.press('ArrowLeft');
    if ((await shown()) !== frames - 2 && frames > 1) report.failures.push(`${where_}: ← did not go back one frame`);
    if (shots) {
      fs.mkdirSync(shots, { recursive: true });
      await root.screenshot({ path: path.join(shots, `player-${r + 1}.png`) });
    }
  }
  if (claimsFrom) {
    const claims = claimsOf(claimsFrom);
    report.claims = await checkClaims(page, claims, outputsOf);
    for (const c of report.claims) {
      if (!c.found) report.failures.push(`cell ${c.cell + 1}: ${c.claim} is not drawn in the output the text points at`);
      else if (!c.visible) report.failures.push(`cell ${c.cell + 1}: ${c.claim} is off the visible part of its output (${c.where})`);
    }
    report.live = await liveAfterDrag(page, claims, outputsOf);
    for (const l of report.live) for (const f of l.failures) report.failures.push(`cell ${l.cell + 1}: live graph: ${f}`);
  }
  // Stacked before/after pictures that scroll: scrolling one sideways scrolls the other with it (where its script ran;
  // an untrusted notebook has none, and the pictures simply scroll one at a time).
  for (const row of await page.$$('.scalar-autograd-side-by-side[data-scrolls-together]')) {
    const followed = await row.evaluate(async (r) => {
      const boxes = [...r.querySelectorAll('.scalar-autograd-picture')];
      if (boxes.length !== 2 || !(boxes[0].scrollWidth > boxes[0].clientWidth + 300)) return null;
      boxes[0].scrollLeft = 300;
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      const other = boxes[1].scrollLeft;
      boxes[0].scrollLeft = 0;
      return other;
    });
    if (followed !== null && Math.abs(followed - 300) > 1) report.failures.push(`scrolling the "before" picture 300 px left the "after" picture at ${followed} px`);
    if (followed !== null) report.scrolledTogether = (report.scrolledTogether ?? 0) + 1;
  }
  if (shots) {
    fs.mkdirSync(shots, { recursive: true });
    const outputs = await page.$$('.jp-OutputArea-output');
    let n = 0;
    for (const output of outputs) {
      if (!(await output.$('img[src^="data:image/svg+xml"], svg'))) continue;
      await output.screenshot({ path: path.join(shots, `output-${++n}.png`) });
    }
  }
  console.log(JSON.stringify(report, null, 1));
} finally {
  await browser.close();
}
