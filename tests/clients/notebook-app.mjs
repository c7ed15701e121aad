// The classic Jupyter Notebook app (Debian's jupyter-notebook 6.4), a real app rather than nbconvert's HTML: serves an
// executed notebook on 127.0.0.1 with a token, opens it in headless Chromium untrusted (as every downloaded notebook
// is) and trusted (signed with nbformat's NotebookNotary), at 1000 and 900 px, and checks what a reader sees:
//   - every picture draws its text at 10 px or more;
//   - every value the prose claims (claims.mjs) is drawn inside the visible part of its output;
//   - trusted: every live graph and player starts (no script error), no "runs no scripts" note is left, and after
//     dragging a slider the slider and the output value are in view; untrusted: the note shows where scripts did not run.
// The server gets its own Jupyter data/config/runtime folders (its own notary secret), and a stand-in kernel named
// .net-csharp (python3's ipykernel: nothing is executed, outputs are only shown) so opening a page starts no .NET kernel.
// Usage: node notebook-app.mjs executed.ipynb
// Prints one JSON object: { views: [...], failures }. Exit code 0 when it ran (failures are in the JSON), 2 on misuse.
import puppeteer from 'puppeteer-core';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { claimsOf, checkClaims, liveAfterDrag } from './claims.mjs';

const notebook = process.argv[2];
if (!notebook || !fs.existsSync(notebook)) {
  console.error('usage: node notebook-app.mjs executed.ipynb');
  process.exit(2);
}
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-notebook-app-'));
const dirs = Object.fromEntries(['data', 'config', 'runtime', 'root'].map((d) => [d, path.join(home, d)]));
Object.values(dirs).forEach((d) => fs.mkdirSync(d, { recursive: true }));
fs.mkdirSync(path.join(dirs.data, 'kernels', '.net-csharp'), { recursive: true });
fs.writeFileSync(path.join(dirs.data, 'kernels', '.net-csharp', 'kernel.json'), JSON.stringify({
  argv: ['/usr/bin/python3', '-m', 'ipykernel_launcher', '-f', '{connection_file}'], display_name: '.NET (C#)', language: 'C#',
}));
const env = { ...process.env, JUPYTER_DATA_DIR: dirs.data, JUPYTER_CONFIG_DIR: dirs.config, JUPYTER_RUNTIME_DIR: dirs.runtime, JUPYTER_PATH: dirs.data };
// The notary trusts any notebook whose content it signed, so the untrusted copy must differ from the signed one.
const unsigned = JSON.parse(fs.readFileSync(notebook, 'utf8'));
unsigned.metadata = { ...unsigned.metadata, scalar_autograd_view: 'untrusted' };
fs.writeFileSync(path.join(dirs.root, 'untrusted.ipynb'), JSON.stringify(unsigned));
fs.copyFileSync(notebook, path.join(dirs.root, 'trusted.ipynb'));
execFileSync('/usr/bin/python3', ['-c',
  'import sys, nbformat; from nbformat.sign import NotebookNotary\n' +
  'nb = nbformat.read(sys.argv[1], as_version=4); NotebookNotary(data_dir=sys.argv[2]).sign(nb); nbformat.write(nb, sys.argv[1])',
  path.join(dirs.root, 'trusted.ipynb'), dirs.data], { env });

const token = crypto.randomBytes(16).toString('hex');
const claims = claimsOf(notebook);
const failures = [];
const views = [];
let server = null;
let browser = null;
try {
  // A free port: try a few random ones (the server stops at once when its port is taken: --port-retries=0).
  let url = null;
  for (let attempt = 0; attempt < 5 && !url; attempt++) {
    const port = 20000 + crypto.randomInt(30000);
    server = spawn('/usr/bin/python3', ['-m', 'notebook', '--no-browser', '--ip=127.0.0.1', `--port=${port}`, '--port-retries=0',
      `--NotebookApp.token=${token}`, `--notebook-dir=${dirs.root}`, '--NotebookApp.open_browser=False', ...(process.getuid?.() === 0 ? ['--allow-root'] : [])], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    url = await new Promise((resolve) => {
      let log = '';
      const done = (value) => { clearTimeout(timer); resolve(value); };
      const timer = setTimeout(() => done(null), 60000);
      const read = (chunk) => { log += chunk; if (log.includes(`127.0.0.1:${port}/`)) done(`http://127.0.0.1:${port}`); };
      server.stdout.on('data', read); server.stderr.on('data', read);
      server.on('exit', () => done(null));
    });
    if (!url) server.kill();
  }
  if (!url) throw new Error('jupyter notebook did not start on 127.0.0.1');

  browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-sync'],
  });
  const outputsOf = `
    const c = document.querySelectorAll('#notebook-container > .cell')[cell];
    return c ? [...c.querySelectorAll('.output_subarea')] : [];`;
  for (const trusted of [false, true]) {
    for (const width of [1000, 900]) {
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.setViewport({ width, height: 900 });
      await page.goto(`${url}/notebooks/${trusted ? 'trusted' : 'untrusted'}.ipynb?token=${token}`, { waitUntil: 'load', timeout: 60000 });
      await page.waitForFunction(() => window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded, { timeout: 60000 });
      await new Promise((r) => setTimeout(r, 1500)); // outputs' scripts, images decoding
      const where = `${trusted ? 'trusted' : 'untrusted'}, ${width} px`;
      const view = await page.evaluate(() => {
        const out = { trusted: Jupyter.notebook.trusted, outputWidth: (document.querySelector('.output_subarea') || {}).clientWidth, pictures: 0, small: [], live: [], players: [] };
        const cells = [...document.querySelectorAll('#notebook-container > .cell')];
        const cellOf = (el) => cells.indexOf(el.closest('.cell')) + 1;
        for (const img of document.querySelectorAll('.output_subarea img[src^="data:image/svg+xml"], .output_subarea svg')) {
          if (img.tagName.toLowerCase() === 'svg' && img.parentElement.closest('svg')) continue;
          const rect = img.getBoundingClientRect();
          if (rect.width === 0) continue;
          const src = img.getAttribute('src');
          const svg = src ? new DOMParser().parseFromString(src.includes(';base64,')
            ? new TextDecoder().decode(Uint8Array.from(atob(src.slice(src.indexOf(',') + 1)), (c) => c.charCodeAt(0)))
            : decodeURIComponent(src.slice(src.indexOf(',') + 1)), 'image/svg+xml').documentElement : img;
          const vb = (svg.getAttribute('viewBox') || '').trim().split(/[\s,]+/).map(Number);
          const sizes = [...svg.querySelectorAll('text')].map((t) => parseFloat(t.getAttribute('font-size') || (t.closest('[font-size]') || { getAttribute: () => '16' }).getAttribute('font-size')));
          out.pictures++;
          if (sizes.length && vb[2] > 0) {
            const smallest = Math.min(...sizes) * rect.width / vb[2];
            if (smallest < 10) out.small.push(`cell ${cellOf(img)}: picture text drawn at ${smallest.toFixed(1)} px`);
          }
        }
        for (const live of document.querySelectorAll('.scalar-autograd-live')) {
          const note = live.querySelector('.sa-live-static');
          out.live.push({ cell: cellOf(live), started: !!live.querySelector('input[type=range]'), note: !!note && note.getBoundingClientRect().height > 0 });
        }
        for (const player of document.querySelectorAll('.scalar-autograd-player')) out.players.push({ cell: cellOf(player), started: !!player.querySelector('[data-controls]') });
        return out;
      });
      view.where = where;
      view.errors = errors;
      views.push(view);
      if (view.trusted !== trusted) failures.push(`${where}: the app says trusted = ${view.trusted}`);
      for (const s of view.small) failures.push(`${where}: ${s}`);
      for (const e of errors) failures.push(`${where}: script error: ${e}`);
      for (const l of view.live) {
        if (trusted && !l.started) failures.push(`${where}: cell ${l.cell}: the live graph did not start`);
        if (l.note && l.started) failures.push(`${where}: cell ${l.cell}: a live graph that runs says this viewer runs no scripts`);
        if (!l.note && !l.started) failures.push(`${where}: cell ${l.cell}: a live graph that cannot run does not say why`);
      }
      for (const p of view.players) if (trusted && !p.started) failures.push(`${where}: cell ${p.cell}: the player did not start`);
      for (const c of await checkClaims(page, claims, outputsOf)) {
        if (!c.found) failures.push(`${where}: cell ${c.cell + 1}: ${c.claim} is not drawn in the output the text points at`);
        else if (!c.visible) failures.push(`${where}: cell ${c.cell + 1}: ${c.claim} is off the visible part of its output (${c.where})`);
      }
      if (trusted) for (const l of await liveAfterDrag(page, claims, outputsOf)) for (const f of l.failures) failures.push(`${where}: cell ${l.cell + 1}: live graph: ${f}`);
      await page.close();
    }
  }
} finally {
  if (browser) await browser.close();
  if (server && server.exitCode === null) {
    // SIGTERM: the server shuts its kernels down before it exits; wait for that (15 s at most).
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15000))]);
    if (server.exitCode === null) server.kill('SIGKILL');
  }
  fs.rmSync(home, { recursive: true, force: true });
}
console.log(JSON.stringify({ views, failures }, null, 1));
