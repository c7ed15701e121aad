// Draws a notebook (markdown, code, outputs) from the JSON in #sa-data. Live (served by the runner's --watch), it
// follows the server's updates over server-sent events and redraws only the cells that changed, in place: no
// reload, the scroll position kept, and each number that changed in an output flashes for a moment.
(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("sa-data").textContent);
  const token = new URLSearchParams(location.search).get("token") || "";
  const main = document.getElementById("sa-cells");
  const status = document.getElementById("sa-status");
  const shown = []; // per index: { el, kind, source, outputs (JSON text), state, note, rev }

  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; };

  // A relative link or picture in markdown: served from the notebook's folder (live) or beside the page (file).
  function url(u) {
    if (/^([a-z][a-z0-9+.-]*:|\/|#)/i.test(u) || !data.Live) return u;
    return "files/" + u.split("/").map(encodeURIComponent).join("/") + "?token=" + encodeURIComponent(token);
  }

  function inline(text) {
    return text.split(/(`[^`]*`)/).map((part, i) => {
      if (i % 2) return "<code>" + esc(part.slice(1, -1)) + "</code>";
      return esc(part)
        .replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (_, alt, src) => `<img alt="${alt}" src="${esc(url(src))}">`)
        .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, t, href) => `<a href="${esc(url(href))}" rel="noreferrer">${t}</a>`)
        .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
        .replace(/(^|[^\w*])\*([^*\s][^*]*)\*/g, "$1<em>$2</em>")
        .replace(/(^|\W)_([^_\s][^_]*)_(?=\W|$)/g, "$1<em>$2</em>");
    }).join("");
  }

  // The markdown notebooks use: headings, paragraphs, lists, quotes, fenced code, tables. Raw HTML is shown as text.
  function markdown(src) {
    const lines = src.split("\n"), out = [];
    for (let i = 0; i < lines.length;) {
      const line = lines[i];
      if (/^\s*$/.test(line)) { i++; continue; }
      if (/^```/.test(line)) {
        const code = []; i++;
        while (i < lines.length && !/^```/.test(lines[i])) code.push(lines[i++]);
        i++; out.push("<pre><code>" + esc(code.join("\n")) + "</code></pre>"); continue;
      }
      const h = /^(#{1,6})\s+(.*)$/.exec(line);
      if (h) { out.push(`<h${h[1].length}>${inline(h[2])}</h${h[1].length}>`); i++; continue; }
      if (/^\s*\|/.test(line) && i + 1 < lines.length && /^\s*\|?\s*:?-+/.test(lines[i + 1])) {
        const row = (l) => l.trim().replace(/^\||\|$/g, "").split("|").map((c) => inline(c.trim()));
        let html = "<table><tr>" + row(line).map((c) => "<th>" + c + "</th>").join("") + "</tr>";
        i += 2;
        while (i < lines.length && /^\s*\|/.test(lines[i])) html += "<tr>" + row(lines[i++]).map((c) => "<td>" + c + "</td>").join("") + "</tr>";
        out.push(html + "</table>"); continue;
      }
      const list = /^\s*([-*+]|\d+[.)])\s+/;
      if (list.test(line)) {
        const ordered = /^\s*\d/.test(line), items = [];
        while (i < lines.length && !/^\s*$/.test(lines[i])) {
          if (list.test(lines[i])) items.push(lines[i].replace(list, "")); else items[items.length - 1] += " " + lines[i].trim();
          i++;
        }
        const tag = ordered ? "ol" : "ul";
        out.push(`<${tag}>` + items.map((t) => "<li>" + inline(t) + "</li>").join("") + `</${tag}>`); continue;
      }
      const para = [];
      const quote = /^\s*>/.test(line);
      while (i < lines.length && !/^\s*$/.test(lines[i]) && !/^(#{1,6}\s|```)/.test(lines[i]) && !(para.length && list.test(lines[i]))) {
        para.push(lines[i++].replace(/^\s*>\s?/, ""));
      }
      out.push((quote ? "<blockquote><p>" : "<p>") + inline(para.join("\n")) + (quote ? "</p></blockquote>" : "</p>"));
    }
    return out.join("\n");
  }

  function output(o) {
    if (o.Kind === "display") {
      const d = o.Data || {};
      const html = d["text/html"] ?? d["image/svg+xml"];
      if (html != null) { const div = el("div", "sa-html"); div.innerHTML = html; return div; }
      if (d["image/png"] != null) { const img = el("img"); img.src = "data:image/png;base64," + d["image/png"]; return img; }
      const first = d["text/plain"] ?? Object.values(d)[0] ?? "";
      return el("pre", "sa-text", first);
    }
    if (o.Kind === "error") return el("pre", "sa-error", o.Text);
    return el("pre", o.Name === "stderr" ? "sa-stderr" : "sa-stdout", o.Text);
  }

  // Scripts set with innerHTML do not run: replace each with a fresh copy once the output is in the page.
  function runScripts(root) {
    for (const old of root.querySelectorAll("script")) {
      const s = document.createElement("script");
      for (const a of old.attributes) s.setAttribute(a.name, a.value);
      s.textContent = old.textContent;
      old.replaceWith(s);
    }
  }

  function numberTexts(root) {
    const found = [], walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const p = n.parentElement;
      if (p && !/^(script|style)$/i.test(p.tagName) && /\d/.test(n.nodeValue)) found.push(n);
    }
    return found;
  }

  // Graphs are <img>s of SVG data: their numbers are the <text>s inside.
  const svgPrefix = "data:image/svg+xml;base64,";
  const svgOf = (img) => img.src.startsWith(svgPrefix)
    ? new DOMParser().parseFromString(new TextDecoder().decode(Uint8Array.from(atob(img.src.slice(svgPrefix.length)), (c) => c.charCodeAt(0))), "image/svg+xml")
    : null;
  const toData = (svg) => svgPrefix + btoa(Array.from(new TextEncoder().encode(new XMLSerializer().serializeToString(svg)), (b) => String.fromCharCode(b)).join(""));

  // For a moment, the picture shows each number that changed in orange and bold; then the original comes back.
  function markPictures(before, box) {
    box.querySelectorAll("img").forEach((img, k) => {
      const old = before[k] && svgOf(before[k]), now = svgOf(img);
      if (!old || !now) return;
      const a = old.querySelectorAll("text"), b = now.querySelectorAll("text");
      if (a.length !== b.length) return;
      let changed = 0;
      b.forEach((t, i) => {
        if (t.textContent !== a[i].textContent && /\d/.test(t.textContent)) {
          t.setAttribute("fill", "#e8590c");
          t.setAttribute("font-weight", "bold");
          t.setAttribute("data-sa-changed", "");
          changed++;
        }
      });
      if (!changed) return;
      const original = img.src;
      img.src = toData(now);
      img.classList.add("sa-changed");
      setTimeout(() => { if (img.src !== original) img.src = original; img.classList.remove("sa-changed"); }, 2600);
    });
  }

  function drawOutputs(box, outputs, mark) {
    const before = mark ? numberTexts(box).map((n) => n.nodeValue) : [];
    const pictures = mark ? [...box.querySelectorAll("img")].map((i) => ({ src: i.src })) : [];
    const fresh = document.createDocumentFragment();
    for (const o of outputs) fresh.appendChild(output(o));
    box.replaceChildren(fresh);
    runScripts(box);
    if (mark) markPictures(pictures, box);
    if (!mark || before.length === 0) return;
    numberTexts(box).forEach((n, k) => {
      if (k < before.length && before[k] !== n.nodeValue) {
        const p = n.parentElement;
        p.classList.remove("sa-changed");
        void p.getBoundingClientRect(); // restart the animation
        p.classList.add("sa-changed");
        setTimeout(() => p.classList.remove("sa-changed"), 2600);
      }
    });
  }

  function head(c) {
    const n = c.Index + 1;
    switch (c.State) {
      case "running": return `[${n}] running…`;
      case "queued": return `[${n}] waiting to run`;
      case "stale": return `[${n}] not re-run: outputs from the previous run` + (c.Note ? ` (${c.Note})` : "");
      case "notrun": return `[${n}] not run`;
      case "error": return `[${n}] ✗ ` + (c.Note || "failed");
      default: return `[${n}] ✓ ` + (c.Note || "");
    }
  }

  function draw(c) {
    let s = shown[c.Index];
    if (s && s.rev === c.Rev) return;
    if (!s || s.kind !== c.Kind) {
      const e = el("section", "sa-cell");
      e.id = "cell-" + (c.Index + 1);
      if (c.Kind === "markdown") e.appendChild(el("div", "sa-markdown"));
      else { e.append(el("div", "sa-head"), el("pre", "sa-source"), el("div", "sa-outputs")); }
      if (s) s.el.replaceWith(e); else main.appendChild(e);
      s = shown[c.Index] = { el: e, kind: c.Kind, source: null, outputs: null };
    }
    s.rev = c.Rev;
    if (c.Kind === "markdown") {
      if (s.source !== c.Source) s.el.firstChild.innerHTML = markdown(c.Source);
      s.source = c.Source;
      return;
    }
    s.el.className = "sa-cell sa-code sa-" + (c.State === "error" ? "error-cell" : c.State);
    s.el.dataset.state = c.State;
    s.el.querySelector(".sa-head").textContent = head(c);
    if (s.source !== c.Source) s.el.querySelector(".sa-source").textContent = c.Source;
    s.source = c.Source;
    const outputs = JSON.stringify(c.Outputs);
    if (s.outputs !== outputs) drawOutputs(s.el.querySelector(".sa-outputs"), c.Outputs, s.outputs !== null);
    s.outputs = outputs;
  }

  function apply(message) {
    for (const c of message.Cells || []) draw(c);
    if (message.Count != null) while (shown.length > message.Count) shown.pop().el.remove();
    if (message.Status != null) {
      status.textContent = message.Status;
      status.className = message.Warn ? "sa-warn" : "";
    }
    if (message.Busy != null) document.body.dataset.kernel = message.Busy ? "busy" : "idle";
  }

  apply({ Cells: data.Cells, Count: data.Cells.length, Status: data.Live ? "connecting…" : "" });
  if (!data.Live) return;
  const events = new EventSource("events?token=" + encodeURIComponent(token));
  events.onmessage = (e) => apply(JSON.parse(e.data));
  events.onerror = () => { status.textContent = "lost the connection to the runner (stopped?): the outputs shown are the last ones it sent"; status.className = "sa-warn"; };
  document.getElementById("sa-restart").onclick = () =>
    fetch("restart?token=" + encodeURIComponent(token), { method: "POST" }).catch(() => {});
})();
