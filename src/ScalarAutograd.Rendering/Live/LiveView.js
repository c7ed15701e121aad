// The live graph's page: a slider and a number box per input; on every input event, LiveGraph.js's run() and the
// drawing's data/grad text (and fills) updated in place. Reads the JSON model beside it (LiveModel.cs) and the SVG
// from the static <img> (LivePage.cs): without scripts, that <img> is what shows.
ScalarAutogradLive.start = function (root) {
  "use strict";
  if (!root || root.scalarAutogradLive) return; // already running (a notebook may run an output's script twice)
  var L = ScalarAutogradLive;
  var model = JSON.parse(root.querySelector("script.sa-live-model").textContent);
  var g = L.compile(model), initial = Float64Array.from(g.data), fmt = model.format;

  // The drawing: inline the <img>'s SVG, so its text can change without a new layout.
  var img = root.querySelector(".sa-live-graph img"), src = img.getAttribute("src");
  var parsed = new DOMParser().parseFromString(decodeURIComponent(src.slice(src.indexOf(",") + 1)), "image/svg+xml");
  var svg = document.importNode(parsed.documentElement, true);
  svg.setAttribute("style", img.getAttribute("style")); // sized as the picture was: fits the cell down to readable text
  img.parentNode.replaceChild(svg, img);
  svg.parentNode.style.willChange = "transform"; // its own layer: moving a slider does not repaint the graph
  var note = root.querySelector(".sa-live-static");
  if (note) note.parentNode.removeChild(note); // scripts do run here
  var style = document.createElement("style");
  style.textContent = ".scalar-autograd-live text.sa-changed{fill:#c2410c}" + // colour only: bold would not fit the cell
    ".scalar-autograd-live .sa-live-inputs{display:grid;grid-template-columns:max-content 240px 150px;justify-content:start;gap:2px 8px;" +
    "align-items:center;max-height:240px;overflow:auto;margin:4px 0}";
  root.insertBefore(style, root.firstChild);

  // Each box's data and grad text (its last two cells) and its fill. A simplified drawing (a tree) also has grey
  // copies of a box where a value is used again: "v3u1" is operand 1 of value v3, and follows it too.
  var nodes = {}, byNode = {}, boxes = [];
  svg.querySelectorAll("g.node").forEach(function (node) { nodes[node.querySelector("title").textContent] = node; });
  model.values.forEach(function (v, i) { if (v.node) byNode[v.node] = i; });
  Object.keys(nodes).forEach(function (title) {
    var i = byNode[title], copy = /^(v\d+)u(\d+)$/.exec(title);
    if (i === undefined && copy && byNode[copy[1]] !== undefined) i = (model.values[byNode[copy[1]]].args || [])[Number(copy[2])];
    if (i === undefined) return;
    var node = nodes[title], texts = node.querySelectorAll("text"), last = texts.length - 1;
    boxes.push({
      index: i, node: node, seen: true, dirty: false,
      data: cell(texts[model.showGrad ? last - 1 : last]), grad: model.showGrad ? cell(texts[last]) : null,
      fill: model.colorByGrad ? node.querySelector("polygon") : null
    });
  });
  var legend = nodes.legend ? Array.prototype.slice.call(nodes.legend.querySelectorAll("text"), 1).map(cell) : [];

  // A text and the room its cell has: wider numbers are squeezed into the cell rather than spill out of it.
  function cell(text) {
    var border = text.previousElementSibling, right = -Infinity;
    border.getAttribute("points").split(" ").forEach(function (p) { right = Math.max(right, Number(p.split(",")[0])); });
    var shown = text.textContent;
    return { el: text, shown: shown, room: right - Number(text.getAttribute("x")) - 3,
      perChar: text.getComputedTextLength() / Math.max(shown.length, 1) };
  }

  function show(c, text, animate) {
    if (text === c.shown) return;
    c.el.textContent = c.shown = text;
    if (c.perChar * text.length > c.room) {
      c.el.setAttribute("textLength", c.room);
      c.el.setAttribute("lengthAdjust", "spacingAndGlyphs");
    } else if (c.el.hasAttribute("textLength")) {
      c.el.removeAttribute("textLength");
    }
    if (animate && !c.changed) { // highlighted until the inputs rest (a class, not an animation: no work per frame)
      c.changed = true;
      c.el.classList.add("sa-changed");
      changed.push(c);
    }
  }

  var changed = [], calm = 0;
  function highlightBriefly() {
    clearTimeout(calm);
    calm = setTimeout(function () {
      changed.forEach(function (c) { c.changed = false; c.el.classList.remove("sa-changed"); });
      changed = [];
    }, 700);
  }

  // Boxes scrolled out of sight are brought up to date when they come into view: a big graph's text layout is
  // the costly part of an update, and most of it is off screen.
  var max = 0, animateNext = false;
  function render(box) {
    box.dirty = false;
    var i = box.index;
    show(box.data, "data " + L.format(g.data[i], fmt), animateNext);
    if (box.grad) show(box.grad, "grad " + L.format(g.grad[i], fmt), animateNext);
    if (box.fill) {
      var fill = L.color(g.grad[i], max, model.palette);
      if (box.fill.getAttribute("fill") !== fill) box.fill.setAttribute("fill", fill);
    }
  }
  var watcher = typeof IntersectionObserver === "function" ? new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      var box = e.target.liveBox;
      box.seen = e.isIntersecting;
      if (box.seen && box.dirty) render(box);
    });
    highlightBriefly();
  }, { rootMargin: "100px" }) : null;
  boxes.forEach(function (box) {
    if (!watcher) return;
    box.node.liveBox = box;
    watcher.observe(box.node);
  });

  // ---- Controls ------------------------------------------------------------------------------------------------
  var panel = document.createElement("div"), grid = document.createElement("div"), status = document.createElement("div");
  grid.className = "sa-live-inputs";
  var rows = model.inputs.map(function (input) {
    var name = document.createElement("b"), slider = document.createElement("input"), box = document.createElement("input");
    name.textContent = input.name;
    slider.type = "range"; slider.min = input.min; slider.max = input.max; slider.step = input.step;
    box.type = "number"; box.step = "any";
    slider.setAttribute("aria-label", input.name); box.setAttribute("aria-label", input.name + " value");
    slider.addEventListener("input", function () { set(input.value, Number(slider.value)); box.value = slider.value; });
    box.addEventListener("input", function () {
      if (box.value === "" || !box.validity.valid) return; // half-typed: wait for a number
      set(input.value, Number(box.value));
      slider.value = box.value;
    });
    grid.appendChild(name); grid.appendChild(slider); grid.appendChild(box);
    return { input: input, slider: slider, box: box };
  });
  var reset = document.createElement("button");
  reset.type = "button"; reset.textContent = "reset";
  reset.addEventListener("click", function () { g.data.set(initial); showInputs(); update(true); });
  status.style.cssText = "color:#c92a2a;min-height:1.2em;font-size:smaller";
  panel.appendChild(grid); panel.appendChild(reset); panel.appendChild(status);
  // Under the drawing, where the output is (the right end, or the bottom of a top-to-bottom layout), and held at the
  // bottom of the window while the drawing is on screen: the slider you drag and the value you watch stay in view.
  panel.className = "sa-live-controls";
  panel.style.cssText = "position:sticky;bottom:0;background:Canvas;padding:2px 0";
  root.appendChild(panel);

  function showInputs() {
    rows.forEach(function (r) { r.slider.value = r.box.value = String(g.data[r.input.value]); });
  }

  function set(i, x) {
    g.data[i] = x;
    update(true);
  }

  // ---- One update: forward, backward, then only the text that changed ------------------------------------------
  function update(animate) {
    var start = performance.now();
    L.run(g);
    max = 0;
    if (model.colorByGrad) { // the colour scale's ends: the largest finite |grad| drawn (DotLook.MaxAbsGrad)
      boxes.forEach(function (b) { var a = Math.abs(g.grad[b.index]); if (a > max && isFinite(a)) max = a; });
    }
    animateNext = animate;
    boxes.forEach(function (box) {
      box.dirty = true;
      if (box.seen) render(box);
    });
    [-max, -max / 2, 0, max / 2, max].forEach(function (stop, k) { if (legend[k]) show(legend[k], L.format(stop, fmt), false); });
    status.textContent = anomaly();
    if (animate) highlightBriefly();
    api.lastMs = performance.now() - start;
  }

  // Where the first NaN or ±∞ appears, as anomaly mode (Value.DetectAnomalies) would name it.
  function anomaly() {
    var i;
    for (i = 0; i < g.n; i++) {
      if (isFinite(g.data[i])) continue;
      if (g.op[i] === "") return name(i) + " is " + L.format(g.data[i], "G6") + ".";
      var args = (model.values[i].args || []).map(describe).join(" and ");
      return model.values[i].op + " of " + args + " produced " + L.format(g.data[i], "G6") +
        " in the forward pass. Check the inputs there, or the operation's domain.";
    }
    for (i = g.n - 1; i >= 0; i--) {
      if (!isFinite(g.grad[i])) return "In backward, the grad of " + name(i) + " became " + L.format(g.grad[i], "G6") + ".";
    }
    return "";
  }

  function name(i) { return model.values[i].label ? "'" + model.values[i].label + "'" : "the " + (model.values[i].op || "constant") + " value"; }

  function describe(i) {
    var x = L.format(g.data[i], "G6"), v = model.values[i];
    return v.label ? x + " at '" + v.label + "'" : v.op === "" ? "the constant " + x : x + " (from " + v.op + ")";
  }

  // For tests and benchmarks: the numbers behind the text, and a way to set an input as the sliders do.
  var api = root.scalarAutogradLive = {
    graph: g, lastMs: 0, set: set, rows: rows, update: update,
    unseen: function () { return boxes.filter(function (b) { return !b.seen; }).length; }
  };
  showInputs();
  update(false);
};

// Starts the live graph(s) whose root element has this id. Clients insert an output's HTML differently: a browser
// parsing the page runs the script after the elements before it (document.currentScript's parent is the root); jQuery's
// .html() (the classic Notebook app) runs it through a fresh script in <head>, possibly before the output is in the
// page. So: every root with this id not yet started, looked for again until it appears (20 s at most).
ScalarAutogradLive.startAll = function (id, script) {
  "use strict";
  var tries = 0;
  function attempt() {
    var roots = Array.prototype.slice.call(document.querySelectorAll("[id='" + id + "']"));
    if (script && script.parentNode && script.parentNode.id === id && roots.indexOf(script.parentNode) < 0) roots.push(script.parentNode);
    var waiting = roots.length === 0;
    roots.forEach(function (root) {
      if (root.scalarAutogradLive) return;
      if (root.querySelector("script.sa-live-model") && root.querySelector(".sa-live-graph img")) ScalarAutogradLive.start(root);
      else waiting = true;
    });
    if (waiting && ++tries < 200) setTimeout(attempt, 100);
  }
  attempt();
};
