// headspec frequency-response chart: log-frequency SVG, hover read-out, curve toggles,
// target and normalization switches. Reads its data from a <script type="application/json">
// block named by the container's data-source attribute; builds DOM nodes only (no innerHTML).
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var COLORS = ["#3b5bdb", "#e8590c", "#2b8a3e", "#ae3ec9", "#c92a2a", "#1098ad", "#f08c00", "#5c940d"];
  var TARGET_COLOR = "#868e96";
  var F_MIN = 20, F_MAX = 20000;
  var F_TICKS = [20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000];

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }
  function h(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }
  function fmtHz(f) { return f >= 1000 ? (Math.round(f / 100) / 10) + " kHz" : Math.round(f) + " Hz"; }
  function interp(fs, ys, f) {  // linear in log frequency; clamps at the ends
    if (f <= fs[0]) { return ys[0]; }
    var n = fs.length;
    if (f >= fs[n - 1]) { return ys[n - 1]; }
    var lo = 0, hi = n - 1;
    while (hi - lo > 1) { var mid = (lo + hi) >> 1; if (fs[mid] <= f) { lo = mid; } else { hi = mid; } }
    var t = (Math.log(f) - Math.log(fs[lo])) / (Math.log(fs[hi]) - Math.log(fs[lo]));
    return ys[lo] + t * (ys[hi] - ys[lo]);
  }
  function meanBand(fs, ys, a, b) {
    var s = 0, n = 0;
    for (var i = 0; i < fs.length; i++) { if (fs[i] >= a && fs[i] <= b) { s += ys[i]; n++; } }
    return n ? s / n : interp(fs, ys, 1000);
  }
  function offsetFor(mode, fs, ys) {
    if (mode === "1k") { return interp(fs, ys, 1000); }
    if (mode === "band") { return meanBand(fs, ys, 300, 3000); }
    return 0;
  }

  function Chart(root, data) {
    this.root = root;
    this.data = data;
    this.curves = data.curves.map(function (c, i) {
      return { c: c, color: COLORS[i % COLORS.length], on: true };
    });
    this.target = data.default_target || "";
    this.norm = "1k";
    this.view = "response";
    this.build();
    this.draw();
    var self = this;
    window.addEventListener("resize", function () { self.draw(); });
  }

  Chart.prototype.build = function () {
    var self = this, root = this.root;
    var controls = h("div", null, "chart-controls");
    function select(label, id, options, value, onchange) {
      var wrap = h("div");
      var lab = h("label", label); lab.setAttribute("for", id);
      var sel = h("select"); sel.id = id;
      options.forEach(function (o) {
        var opt = h("option", o[1]); opt.value = o[0];
        if (o[0] === value) { opt.selected = true; }
        sel.appendChild(opt);
      });
      sel.addEventListener("change", function () { onchange(sel.value); self.draw(); });
      wrap.appendChild(lab); wrap.appendChild(sel); controls.appendChild(wrap);
      return sel;
    }
    var targets = [["", "No target"]].concat(this.data.targets.map(function (t) { return [t.key, t.name]; }));
    select("Target", root.id + "-target", targets, this.target, function (v) { self.target = v; });
    select("Normalize", root.id + "-norm", [["1k", "0 dB at 1 kHz"], ["band", "Mean 300 Hz–3 kHz"],
      ["none", "As measured"]], this.norm, function (v) { self.norm = v; });
    select("Show", root.id + "-view", [["response", "Response"], ["error", "Difference from target"]],
      this.view, function (v) { self.view = v; });
    root.appendChild(controls);

    this.box = h("div", null, "chart");
    this.svg = el("svg", { role: "img", "aria-label": "Frequency response chart" });
    this.box.appendChild(this.svg);
    this.tip = h("div", null, "tooltip"); this.tip.hidden = true;
    this.box.appendChild(this.tip);
    root.appendChild(this.box);

    var legend = h("div", null, "legend");
    var models = {};
    this.curves.forEach(function (item) { models[item.c.model] = true; });
    var several = Object.keys(models).length > 1;
    this.curves.forEach(function (item) {
      var lab = h("label");
      var box = h("input"); box.type = "checkbox"; box.checked = true;
      box.addEventListener("change", function () { item.on = box.checked; self.draw(); });
      var sw = h("span", null, "swatch"); sw.style.background = item.color;
      var c = item.c;
      var text = (several && c.model && c.model !== c.name ? c.model + " — " : "") + c.name +
        (c.source ? " (" + c.source + ")" : "");
      lab.appendChild(box); lab.appendChild(sw); lab.appendChild(document.createTextNode(text));
      legend.appendChild(lab);
    });
    root.appendChild(legend);

    this.svg.addEventListener("pointermove", function (ev) { self.hover(ev); });
    this.svg.addEventListener("pointerleave", function () { self.tip.hidden = true; if (self.cross) { self.cross.setAttribute("visibility", "hidden"); } });
  };

  Chart.prototype.series = function () {
    var self = this, out = [];
    var target = null;
    this.data.targets.forEach(function (t) { if (t.key === self.target) { target = t; } });
    var tOff = target ? offsetFor(this.norm === "none" ? "1k" : this.norm, target.frequency_hz, target.spl_db) : 0;
    this.curves.forEach(function (item) {
      if (!item.on) { return; }
      var c = item.c, off = offsetFor(self.norm, c.frequency_hz, c.spl_db);
      var ys = c.spl_db.map(function (y, i) {
        var v = y - off;
        if (self.view === "error" && target) { v -= interp(target.frequency_hz, target.spl_db, c.frequency_hz[i]) - tOff; }
        return v;
      });
      out.push({ label: c.name + (c.source ? " (" + c.source + ")" : ""), color: item.color, fs: c.frequency_hz, ys: ys, width: 2 });
    });
    if (target && this.view === "response") {
      out.push({ label: target.name, color: TARGET_COLOR, fs: target.frequency_hz,
        ys: target.spl_db.map(function (y) { return y - tOff; }), width: 2, dash: "6 4" });
    }
    if (target && this.view === "error") {
      out.push({ label: "target (0 dB)", color: TARGET_COLOR, fs: [F_MIN, F_MAX], ys: [0, 0], width: 1.5, dash: "6 4" });
    }
    return out;
  };

  Chart.prototype.draw = function () {
    var svg = this.svg;
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    var W = Math.max(300, Math.round(this.box.clientWidth || 800));
    var H = Math.round(Math.min(440, Math.max(260, W * 0.5)));
    var m = { l: 44, r: 12, t: 12, b: 30 };
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    svg.setAttribute("width", W); svg.setAttribute("height", H);
    var series = this.series();
    var lo = Infinity, hi = -Infinity;
    series.forEach(function (s) {
      for (var i = 0; i < s.fs.length; i++) {
        if (s.fs[i] < F_MIN || s.fs[i] > F_MAX) { continue; }
        lo = Math.min(lo, s.ys[i]); hi = Math.max(hi, s.ys[i]);
      }
    });
    if (!isFinite(lo)) { lo = -10; hi = 10; }
    lo = Math.floor((lo - 2) / 5) * 5; hi = Math.ceil((hi + 2) / 5) * 5;
    if (hi - lo < 20) { var mid = (hi + lo) / 2; lo = Math.floor((mid - 10) / 5) * 5; hi = lo + 20; }
    var x = function (f) { return m.l + (Math.log(f / F_MIN) / Math.log(F_MAX / F_MIN)) * (W - m.l - m.r); };
    var y = function (v) { return m.t + (hi - v) / (hi - lo) * (H - m.t - m.b); };
    this.scale = { x: x, y: y, m: m, W: W, H: H, series: series };

    var grid = el("g", { "class": "grid" }, svg), axis = el("g", { "class": "axis" }, svg);
    F_TICKS.forEach(function (f) {
      el("line", { x1: x(f), x2: x(f), y1: m.t, y2: H - m.b }, grid);
      var t = el("text", { x: x(f), y: H - m.b + 16, "text-anchor": "middle" }, axis);
      t.textContent = f >= 1000 ? (f / 1000) + "k" : String(f);
    });
    var step = (hi - lo) > 40 ? 10 : 5;
    for (var v = lo; v <= hi; v += step) {
      el("line", { x1: m.l, x2: W - m.r, y1: y(v), y2: y(v) }, grid);
      var t = el("text", { x: m.l - 6, y: y(v) + 4, "text-anchor": "end" }, axis);
      t.textContent = v + " dB";
    }
    var clip = "clip-" + this.root.id;
    var defs = el("defs", {}, svg), cp = el("clipPath", { id: clip }, defs);
    el("rect", { x: m.l, y: m.t, width: W - m.l - m.r, height: H - m.t - m.b }, cp);
    var plot = el("g", { "clip-path": "url(#" + clip + ")" }, svg);
    series.forEach(function (s) {
      var d = "";
      for (var i = 0; i < s.fs.length; i++) {
        if (s.fs[i] < F_MIN * 0.98 || s.fs[i] > F_MAX * 1.02) { continue; }
        d += (d ? "L" : "M") + x(s.fs[i]).toFixed(1) + " " + y(s.ys[i]).toFixed(1);
      }
      var attrs = { d: d, fill: "none", stroke: s.color, "stroke-width": s.width, "stroke-linejoin": "round",
        "class": "curve" };
      if (s.dash) { attrs["stroke-dasharray"] = s.dash; }
      el("path", attrs, plot);
    });
    this.cross = el("line", { y1: m.t, y2: H - m.b, stroke: "#495057", "stroke-width": 1, visibility: "hidden" }, svg);
    this.root.setAttribute("data-drawn", String(series.length));
  };

  Chart.prototype.hover = function (ev) {
    var s = this.scale; if (!s) { return; }
    var rect = this.svg.getBoundingClientRect();
    var px = (ev.clientX - rect.left) * (s.W / rect.width);
    if (px < s.m.l || px > s.W - s.m.r) { this.tip.hidden = true; return; }
    var f = F_MIN * Math.pow(F_MAX / F_MIN, (px - s.m.l) / (s.W - s.m.l - s.m.r));
    this.cross.setAttribute("x1", px); this.cross.setAttribute("x2", px);
    this.cross.setAttribute("visibility", "visible");
    var tip = this.tip;
    while (tip.firstChild) { tip.removeChild(tip.firstChild); }
    tip.appendChild(h("strong", fmtHz(f)));
    s.series.forEach(function (se) {
      var row = h("div");
      var sw = h("span", "■ "); sw.style.color = se.color;
      var v = interp(se.fs, se.ys, f);
      row.appendChild(sw);
      row.appendChild(document.createTextNode(se.label + ": " + (v >= 0 ? "+" : "") + v.toFixed(1) + " dB"));
      tip.appendChild(row);
    });
    tip.hidden = false;
    var bx = this.box.getBoundingClientRect();
    var left = ev.clientX - bx.left + 14;
    if (left + tip.offsetWidth > bx.width) { left = Math.max(0, ev.clientX - bx.left - tip.offsetWidth - 14); }
    tip.style.left = left + "px";
    tip.style.top = Math.max(0, ev.clientY - bx.top - tip.offsetHeight / 2) + "px";
  };

  document.querySelectorAll("[data-chart]").forEach(function (root) {
    var src = document.getElementById(root.getAttribute("data-chart"));
    if (!src) { return; }
    var data;
    try { data = JSON.parse(src.textContent); } catch (e) { return; }
    if (!data.curves || !data.curves.length) {
      root.appendChild(h("p", "No measurement of this model yet.", "muted"));
      return;
    }
    new Chart(root, data);
  });
})();
