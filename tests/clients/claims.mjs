// What the prose points at (the shared claim convention): a markdown cell's bold `**name = number**` (data) or
// `**name.grad = number**` (grad) is about the next code cell's output. claimsOf reads them from a notebook;
// checkClaims finds each claimed value drawn in that output and reports whether it is inside the visible part:
// within every box that clips it (a scrolling picture box shows only its scrolled part) and within the window.
import fs from 'node:fs';

const CLAIM = /\*\*\s*([^*=]+?)\s*=\s*([−-]?[0-9][0-9.,]*)\s*\*\*/g;

/** [{ cell, name, grad, number, text }] for every claim; cell is the index of the code cell it is about. */
export function claimsOf(ipynbPath) {
  const cells = JSON.parse(fs.readFileSync(ipynbPath, 'utf8')).cells;
  const text = (v) => (Array.isArray(v) ? v.join('') : v ?? '');
  const claims = [];
  cells.forEach((cell, i) => {
    if (cell.cell_type !== 'markdown') return;
    const next = cells.findIndex((c, j) => j > i && c.cell_type === 'code');
    if (next < 0) return;
    for (const m of text(cell.source).matchAll(CLAIM)) {
      const grad = /\.grad$/.test(m[1]);
      claims.push({ cell: next, name: grad ? m[1].slice(0, -5) : m[1], grad, number: m[2].replace('−', '-').replace(/,/g, ''), text: m[0] });
    }
  });
  return claims;
}

/**
 * Checks each claim in the page. outputsOf(cell) (run in the page, given as a string) returns the output elements of
 * code cell `cell`. Returns [{ claim, found, visible, where }].
 */
export async function checkClaims(page, claims, outputsOf) {
  // A backprop player's prose names the grads its last frame shows: step to the end first, as a reader does.
  await page.evaluate(() => document.querySelectorAll('.scalar-autograd-player input[type=range]').forEach((slider) => {
    slider.value = slider.max;
    slider.dispatchEvent(new Event('input'));
  }));
  return page.evaluate((claims, outputsOf) => {
    const outputs = new Function('cell', outputsOf);
    const decimals = (s) => (s.includes('.') ? s.split('.')[1].length : 0);
    const same = (drawn, claimed) => Math.abs(Number(drawn) - Number(claimed)) <= 0.5 * 10 ** -decimals(claimed) + 1e-12;
    const parse = (img) => {
      const src = img.getAttribute('src');
      const comma = src.indexOf(',');
      const text = src.slice(0, comma).endsWith(';base64')
        ? new TextDecoder().decode(Uint8Array.from(atob(src.slice(comma + 1)), (c) => c.charCodeAt(0)))
        : decodeURIComponent(src.slice(comma + 1));
      return new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
    };
    // The part of the page `el` can show: its rect cut by every ancestor that clips, and by the window's width.
    const visibleRect = (el, rect) => {
      let { left, right, top, bottom } = rect;
      for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const r = a.getBoundingClientRect();
        const l = r.left + a.clientLeft, t = r.top + a.clientTop;
        if (style.overflowX !== 'visible') { left = Math.max(left, l); right = Math.min(right, l + a.clientWidth); }
        if (style.overflowY !== 'visible') { top = Math.max(top, t); bottom = Math.min(bottom, t + a.clientHeight); }
      }
      right = Math.min(right, document.documentElement.clientWidth);
      left = Math.max(left, 0);
      return { left, right, top, bottom };
    };
    // A value's box in a Graphviz drawing: its texts are [label,] "data x", "grad y".
    const nodeTexts = (g) => [...g.querySelectorAll('text')].map((t) => t.textContent.trim());
    const matches = (texts, claim) => {
      const cell = texts.find((t) => t.startsWith(claim.grad ? 'grad ' : 'data '));
      return cell !== undefined && same(cell.slice(5), claim.number);
    };
    return claims.map((claim) => {
      const result = { claim: claim.text, cell: claim.cell, found: false, visible: false, where: '' };
      for (const output of outputs(claim.cell)) {
        // Pictures: <img> of an SVG (the untrusted and static form) or inline SVG (a live graph once its script ran).
        const pictures = [...output.querySelectorAll('img[src^="data:image/svg+xml"], svg')].filter((p) => !(p.tagName.toLowerCase() === 'svg' && p.parentElement.closest('svg')));
        for (const picture of pictures) {
          const inline = picture.tagName.toLowerCase() === 'svg';
          const svg = inline ? picture : parse(picture);
          const nodes = [...svg.querySelectorAll('g.node')];
          const labelled = nodes.filter((g) => nodeTexts(g)[0] === claim.name && matches(nodeTexts(g), claim));
          const candidates = labelled.length ? labelled : nodes.filter((g) => matches(nodeTexts(g), claim));
          const rect = picture.getBoundingClientRect();
          if (rect.width === 0) continue;
          const vb = (svg.getAttribute('viewBox') || '').trim().split(/[\s,]+/).map(Number);
          const scale = rect.width / vb[2];
          for (const g of candidates) {
            result.found = true;
            // Where the claimed number is: its text's box in the drawing's units (getBBox needs it in a document).
            const text = [...g.querySelectorAll('text')].find((t) => t.textContent.trim().startsWith(claim.grad ? 'grad ' : 'data '));
            let box;
            if (inline) {
              const r = text.getBoundingClientRect();
              box = { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
            } else {
              const x = Number(text.getAttribute('x')), y = Number(text.getAttribute('y'));
              const t = (svg.querySelector('g.graph').getAttribute('transform') || '').match(/translate\(([-0-9.]+)[ ,]+([-0-9.]+)\)/);
              const [tx, ty] = t ? [Number(t[1]), Number(t[2])] : [0, 0];
              const half = 0.3 * Number(text.getAttribute('font-size') || 14) * text.textContent.length;
              const anchor = text.getAttribute('text-anchor');
              const x0 = anchor === 'middle' ? x - half : anchor === 'end' ? x - 2 * half : x;
              box = {
                left: rect.left + (x0 + tx - vb[0]) * scale, right: rect.left + (x0 + 2 * half + tx - vb[0]) * scale,
                top: rect.top + (y + ty - vb[1] - 12) * scale, bottom: rect.top + (y + ty - vb[1]) * scale,
              };
            }
            const v = visibleRect(picture, box);
            // Visible: the whole number across (sideways is what a reader cannot see without hunting).
            if (v.right - v.left >= box.right - box.left - 1) { result.visible = true; result.where = `at x ${Math.round(box.left)}–${Math.round(box.right)}`; break; }
            result.where = `drawn at x ${Math.round(box.left)}–${Math.round(box.right)}, visible part ${Math.round(v.left)}–${Math.round(v.right)}`;
          }
          if (result.visible) break;
        }
        if (result.visible) break;
        // Text and tables: the number as written, in an element inside the visible part.
        if (!result.found) {
          const walker = document.createTreeWalker(output, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const numbers = n.textContent.match(/[−-]?[0-9]+(?:\.[0-9]+)?/g) || [];
            if (!numbers.some((s) => same(s.replace('−', '-'), claim.number))) continue;
            result.found = true;
            const range = document.createRange(); range.selectNodeContents(n);
            const r = range.getBoundingClientRect();
            const v = visibleRect(n.parentElement, r);
            if (v.right - v.left >= Math.min(r.width, 40) - 1) { result.visible = true; result.where = 'in text'; break; }
            result.where = `text at x ${Math.round(r.left)}–${Math.round(r.right)}`;
          }
        }
        if (result.visible) break;
      }
      return result;
    });
  }, claims, outputsOf);
}

/**
 * Each live graph whose script runs: drags its first slider with the mouse, as a reader does, then checks that the
 * slider and the graph's output value (v0), and each value claimed about its cell, are inside the window.
 * Returns [{ cell, started, failures }] (cell: code cell index, found by outputsOf).
 */
export async function liveAfterDrag(page, claims, outputsOf) {
  const roots = await page.$$('.scalar-autograd-live');
  const results = [];
  for (const root of roots) {
    const cell = await page.evaluate((root, outputsOf) => {
      const outputs = new Function('cell', outputsOf);
      for (let c = 0; c < 500; c++) if (outputs(c).some((o) => o.contains(root))) return c;
      return -1;
    }, root, outputsOf);
    const result = { cell, started: false, failures: [] };
    results.push(result);
    const slider = await root.$('input[type=range]');
    result.started = !!slider && (await root.evaluate((r) => !!r.scalarAutogradLive));
    if (!slider) continue;
    // As a reader does: the whole live output in the window when it fits, else the slider in the middle.
    await root.evaluate((r, s) => (r.getBoundingClientRect().height < window.innerHeight ? r.scrollIntoView({ block: 'end' }) : s.scrollIntoView({ block: 'center' })), slider);
    const r = await slider.boundingBox();
    await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
    await page.mouse.down();
    await page.mouse.move(r.x + r.width * 0.8, r.y + r.height / 2, { steps: 5 });
    await page.mouse.up();
    const seen = await page.evaluate((root, slider, names) => {
      const inWindow = (r) => r.left >= 0 && r.right <= document.documentElement.clientWidth && r.top >= 0 && r.bottom <= window.innerHeight;
      const clipped = (el) => {
        const r = el.getBoundingClientRect();
        for (let a = el.parentElement; a && a !== root.parentElement; a = a.parentElement) {
          const s = getComputedStyle(a);
          if (s.overflowX === 'visible') continue;
          const b = a.getBoundingClientRect();
          if (r.left < b.left - 1 || r.right > b.right + 1) return true;
        }
        return false;
      };
      const svg = root.querySelector('svg');
      const node = (title) => [...svg.querySelectorAll('g.node')].find((g) => g.querySelector('title').textContent === title);
      const byLabel = (label) => [...svg.querySelectorAll('g.node')].find((g) => (g.querySelector('text') || {}).textContent === label);
      const out = [];
      if (!inWindow(slider.getBoundingClientRect())) out.push('after dragging, the slider is out of the window');
      const wanted = [['the output', node('v0')], ...names.map((n) => [n, byLabel(n)])];
      for (const [name, g] of wanted) {
        if (!g) { out.push(`${name} is not in the live graph`); continue; }
        if (!inWindow(g.getBoundingClientRect()) || clipped(g)) out.push(`after dragging the slider, ${name} is out of view`);
      }
      return out;
    // The slider and what it moves: the output, and the values whose data the text names (a grad the text names, such
    // as an input's, may sit at the far end of a tall graph: reachable by scrolling, not needed while dragging).
    }, root, slider, claims.filter((c) => c.cell === cell && !c.grad).map((c) => c.name));
    result.failures.push(...seen);
  }
  return results;
}
