// Shows an executed notebook as JupyterLab shows an UNTRUSTED one (anything someone else ran or shared) and checks
// that every picture survives:
//   - for each output, JupyterLab picks the first *safe* MIME type by rank (RenderMimeRegistry.preferredMimeType with
//     'ensure'; the ranks and safe flags are read from @jupyterlab/rendermime's own factories.js);
//   - text/html is cleaned by JupyterLab's own Sanitizer (@jupyterlab/apputils), which drops <script> and inline <svg>.
// A picture is an inline <svg>, an <img> with a data: URI, or an image/* output. Every output must show as many
// pictures after sanitizing as the trusted notebook does, each a data: URI that decodes to a picture.
// Usage: node check-untrusted.mjs executed.ipynb [--html page.html]
//   --html writes the untrusted view as a page (JupyterLab's stylesheet from nbconvert's lab template) for
//   check-html.mjs and for screenshots.
// Prints one JSON object: { outputs, pictures, survived, failures }.
import { Sanitizer } from '@jupyterlab/apputils/lib/sanitizer.js';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const args = process.argv.slice(2);
if (!args[0] || !fs.existsSync(args[0])) {
  console.error('usage: node check-untrusted.mjs executed.ipynb [--html page.html]');
  process.exit(2);
}
const htmlOut = args.indexOf('--html') >= 0 ? args[args.indexOf('--html') + 1] : null;

// The renderer table of JupyterLab's rendermime: [{ safe, mimeTypes, rank }], best rank first.
const factoriesJs = fs.readFileSync(createRequire(import.meta.url).resolve('@jupyterlab/rendermime/lib/factories.js'), 'utf8');
const factories = [...factoriesJs.matchAll(/safe:\s*(true|false),\s*mimeTypes:\s*\[([^\]]*)\],\s*defaultRank:\s*(\d+)/g)]
  .map((m) => ({ safe: m[1] === 'true', mimeTypes: [...m[2].matchAll(/'([^']+)'/g)].map((t) => t[1]), rank: Number(m[3]) }))
  .sort((a, b) => a.rank - b.rank);
if (factories.length < 6) throw new Error('could not read the renderer table from @jupyterlab/rendermime/lib/factories.js');
const untrustedMimeType = (bundle) => {
  for (const f of factories) for (const mt of f.mimeTypes) if (f.safe && mt in bundle) return mt;
  return undefined;
};

const text = (v) => (Array.isArray(v) ? v.join('') : v ?? '');
const pictures = (html) => (html.match(/<svg[\s>]/g) ?? []).length - nestedSvgs(html) + (html.match(/<img[^>]+src="data:image\//g) ?? []).length;
// Graphviz never nests <svg>, ScottPlot does not either; count only top-level ones to be safe.
const nestedSvgs = (html) => {
  let depth = 0; let nested = 0;
  for (const m of html.matchAll(/<(\/?)svg[\s>]/g)) { if (m[1]) depth--; else { if (depth > 0) nested++; depth++; } }
  return nested;
};
const decodes = (html) => [...html.matchAll(/<img[^>]+src="data:(image\/[^;,]+)(;base64)?,([^"]*)"/g)].every((m) => {
  const body = m[2] ? Buffer.from(m[3], 'base64').toString('utf8') : decodeURIComponent(m[3]);
  return m[1] === 'image/svg+xml' ? /<svg[\s>]/.test(body) && body.includes('</svg>') : m[3].length > 100;
});

const sanitizer = new Sanitizer();
const notebook = JSON.parse(fs.readFileSync(args[0], 'utf8'));
const failures = [];
const page = [];
let outputs = 0; let total = 0; let survived = 0;
notebook.cells.forEach((cell, c) => {
  for (const output of cell.outputs ?? []) {
    if (!output.data) continue;
    outputs++;
    const trusted = Object.entries(output.data).reduce((n, [mt, v]) => n + (mt === 'text/html' ? pictures(text(v)) : 0), 0);
    const imageOnly = trusted === 0 && Object.keys(output.data).some((mt) => mt.startsWith('image/')) ? 1 : 0;
    const mt = untrustedMimeType(output.data);
    let shown = 0; let html = '';
    if (mt === 'text/html') {
      html = sanitizer.sanitize(text(output.data[mt]));
      shown = pictures(html);
      if (!decodes(html)) failures.push(`cell ${c + 1}: a picture's data URI does not decode after sanitizing`);
    } else if (mt?.startsWith('image/')) {
      shown = 1;
      html = `<img src="data:${mt};base64,${text(output.data[mt]).replace(/\s/g, '')}">`;
    } else if (mt) {
      html = `<pre>${text(output.data[mt]).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</pre>`;
    }
    const expected = trusted + imageOnly;
    total += expected; survived += Math.min(shown, expected);
    if (shown < expected) failures.push(`cell ${c + 1}: ${expected} picture(s) when trusted, ${shown} untrusted (JupyterLab shows ${mt ?? 'nothing'})`);
    page.push(`<div class="jp-Cell" data-cell="${c}"><div class="jp-OutputArea-output jp-RenderedHTMLCommon" data-mime-type="${mt}">${html}</div></div>`);
  }
});
if (htmlOut) {
  const css = '/usr/share/jupyter/nbconvert/templates/lab/static/index.css';
  fs.writeFileSync(htmlOut, `<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="stylesheet" href="file://${css}">` +
    `<style>body{margin:0;padding:8px 8px 8px 70px}.jp-Cell{margin:12px 0}</style></head>` +
    `<body class="jp-Notebook" data-jp-theme-light="true">${page.join('\n')}</body></html>`);
}
console.log(JSON.stringify({ outputs, pictures: total, survived, failures }, null, 1));
