// The journey map as one grid (ui/map_grid.py builds `data`; see its docstring for the shape).
//
// Every text from data or from people is put into the page with textContent or an attribute, never as HTML.
// Edits go back to Python in one trigger value, "edits": a list of "save" (a team cell), "assume" (the team's
// assumed emotion at a stage), "moment" (a touchpoint marked or unmarked as a moment that matters). Each carries the
// version the value was loaded with, so a save over someone else's newer note is refused on the server. Until the
// next data arrives the grid shows the edit at once (optimistic), with the version it will have.

const SVGNS = "http://www.w3.org/2000/svg";
const STATE = new WeakMap(); // parentElement -> {editing, local, observer, drawing, outbox, flush}
const STEP = 0.5;
const MIN_FONT = 11;
const SEND_DELAY = 150; // ms an edit waits for the next before they are sent together
const FULL = new WeakMap(); // element -> its whole text, for elision at a word boundary (clampAll)

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) {
    setText(e, String(text));
    if (/\b(clamp|name)\b/.test(cls || "")) FULL.set(e, String(text));
  }
  return e;
}

// Text as text nodes only. A browser may break a line after a hyphen or a slash ("e-" / "postası"): words that
// hold one are kept whole in a no-wrap span, so a line only ever breaks at a space.
const JOINED = /[-\u2010\u2011/]/;
function setText(e, text) {
  e.replaceChildren();
  for (const part of text.split(/(\s+)/)) {
    if (!part) continue;
    if (JOINED.test(part) && !/\s/.test(part)) {
      const w = document.createElement("span");
      w.className = "nw";
      w.textContent = part;
      e.appendChild(w);
    } else {
      e.appendChild(document.createTextNode(part));
    }
  }
}

function svg(tag, attrs) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

// y in the plot (0 top .. 100 bottom) of an emotion value −2..+2
function yOf(v) {
  return 50 - v * 21;
}

// an interval end beyond the scale is drawn at its edge (the scale is −2..+2; an interval can reach past it)
function inPlot(v) {
  return Math.max(-2.2, Math.min(2.2, v));
}

function valueAt(fraction) {
  const v = (50 - fraction * 100) / 21;
  return Math.max(-2, Math.min(2, Math.round(v / STEP) * STEP));
}

function formatValue(v, lang) {
  if (v === null || v === undefined) return null;
  const s = Math.abs(v).toFixed(1);
  const body = lang === "en" ? s : s.replace(".", ",");
  return (v > 0 ? "+" : v < 0 ? "\u2212" : "") + body;
}

// -- optimistic values: what this browser saved, shown until the data catches up --------------------------------
function localText(st, cell, lane) {
  const o = st.local["t|" + lane + "|" + cell.stage];
  return o && o.version > cell.version ? o : { text: cell.text, version: cell.version };
}

function localAssumed(st, kind, stage, value, version) {
  const o = st.local["a|" + kind + "|" + stage];
  return o && o.version > version ? o : { value, version };
}

function localMoment(st, item) {
  const o = st.local["m|" + item.tp];
  return o && o.version > item.version ? o : { marked: item.moment, version: item.version };
}

// -- cells ----------------------------------------------------------------------------------------------------
function labelCell(row, extraClass) {
  const c = el("div", "cell lane-label " + (extraClass || ""));
  c.setAttribute("role", "rowheader");
  const t = el("span", "fit clamp", row.label);
  t.title = row.label;
  c.appendChild(t);
  return c;
}

function statCell(cell, cls) {
  const c = el("div", "cell stat " + cls);
  const t = el("span", "fit clamp", cell.text);
  t.title = cell.title || cell.text;
  c.appendChild(t);
  return c;
}

function listCell(ctx, row, cell) {
  const c = el("div", "cell list " + row.id);
  for (const item of cell.items) {
    // one block per item: the star flows inline before the name, so a long name wraps under it at full width
    const li = el("div", "item fit clamp");
    li.title = item.title || item.text;
    if (item.tp !== undefined) {
      const m = localMoment(ctx.st, item);
      if (m.marked) li.classList.add("moment");
      if (row.toggle) {
        const b = el("button", "star", m.marked ? "\u2605" : "\u2606");
        b.type = "button";
        b.setAttribute("aria-pressed", m.marked ? "true" : "false");
        b.setAttribute("aria-label", m.marked ? item.unmark : item.mark);
        b.title = m.marked ? item.unmark : item.mark;
        b.addEventListener("click", (ev) => {
          ev.stopPropagation();
          const next = { marked: !m.marked, version: m.version + 1 };
          ctx.st.local["m|" + item.tp] = next;
          ctx.send("moment", { touchpoint: item.tp, marked: next.marked, version: m.version });
          ctx.redraw();
        });
        li.appendChild(b);
      } else if (m.marked) {
        const s = el("span", "star-mark", "\u2605");
        s.setAttribute("aria-label", ctx.data.text.moment);
        li.appendChild(s);
      }
    }
    li.appendChild(el("span", "name", item.text));
    if (item.quotes && item.quotes.length) li.title = [li.title, ...item.quotes].join("\n");
    c.appendChild(li);
  }
  return c;
}

// Save the cell being edited, if its text changed (the version is the one the cell showed when it was opened).
function commit(ctx) {
  const e = ctx.st.editing;
  ctx.st.editing = null;
  if (!e || e.text.trim() === e.original.trim()) return;
  ctx.st.local["t|" + e.lane + "|" + e.stage] = { text: e.text.trim(), version: e.version + 1, saving: true };
  ctx.send("save", { lane: e.lane, stage: e.stage, text: e.text, version: e.version });
}

function teamCell(ctx, row, cell) {
  const st = ctx.st;
  const shown = localText(st, cell, row.id);
  const c = el("div", "cell team " + row.id);
  const id = row.id + "|" + cell.stage;
  if (cell.conflict) c.classList.add("conflict");
  if (st.editing && st.editing.id === id) {
    const ta = el("textarea", "editor");
    ta.setAttribute("aria-label", cell.aria);
    ta.value = st.editing.text;
    ta.rows = 4;
    const finish = (keep) => {
      if (st.drawing || !st.editing || st.editing.id !== id) return; // (a redraw removing the editor is no blur)
      if (keep) commit(ctx);
      else st.editing = null;
      // Only this cell changes back, and only once the click that ended the editing is over: the grid must not
      // move under the pointer between mousedown and click, or the click lands elsewhere.
      const back = () => {
        if (!c.isConnected) return;
        const fresh = teamCell(ctx, row, cell);
        c.replaceWith(fresh);
        layout(fresh);
      };
      if (keep === "now") back();
      else {
        document.addEventListener("click", () => setTimeout(back, 0), { once: true, capture: true });
        setTimeout(back, 400);
      }
    };
    ta.addEventListener("input", () => { if (st.editing) st.editing.text = ta.value; });
    ta.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); finish("now"); }
      else if (ev.key === "Escape") { ev.preventDefault(); st.editing = null; ctx.redraw(); }
    });
    ta.addEventListener("blur", () => finish(true));
    c.appendChild(ta);
    const help = el("div", "help", ctx.data.text.editing_help);
    c.appendChild(help);
    ctx.focus = ta;
    return c;
  }
  const box = el("div", "display");
  box.setAttribute("role", "button");
  box.tabIndex = 0;
  box.setAttribute("aria-label", cell.aria);
  const text = shown.text;
  const t = el("span", "fit clamp " + (text ? "text" : "placeholder"), text || ctx.data.text.empty_cell);
  box.title = cell.conflict ? ctx.data.text.conflict_cell + (text ? "\n\n" + text : "") : (text || cell.aria);
  box.appendChild(t);
  if (shown.saving) box.appendChild(el("span", "saving", ctx.data.text.saving));
  const open = () => {
    commit(ctx); // another cell open: it is saved first
    st.editing = { id, lane: row.id, stage: cell.stage, text, original: text, version: shown.version };
    ctx.redraw();
  };
  // opened on mousedown: the pointer is still on this cell, whatever the closing of another editor moves
  box.addEventListener("mousedown", (ev) => {
    if (ev.button !== 0) return;
    ev.preventDefault();
    open();
  });
  box.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); open(); }
  });
  c.appendChild(box);
  return c;
}

function assumedCell(ctx, row, cell) {
  const c = el("div", "cell assumed " + row.id);
  const a = localAssumed(ctx.st, row.id, cell.stage, cell.value, cell.version);
  const set = (value) => {
    ctx.st.local["a|" + row.id + "|" + cell.stage] = { value, version: a.version + 1 };
    ctx.send("assume", { stage: cell.stage, kind: row.id, value, version: a.version });
    ctx.redraw();
  };
  const down = el("button", "step", "\u2212");
  down.type = "button";
  down.setAttribute("aria-label", cell.down);
  down.title = cell.down;
  down.disabled = a.value !== null && a.value <= -2;
  down.addEventListener("click", () => set(a.value === null ? -STEP : Math.max(-2, a.value - STEP)));
  const shown = formatValue(a.value, ctx.data.lang);
  const v = el("span", "value" + (shown === null ? " unset" : ""), shown === null ? "\u2013" : shown);
  v.title = shown === null ? ctx.data.text.unset : shown;
  v.setAttribute("data-value", a.value === null ? "" : String(a.value));
  const up = el("button", "step", "+");
  up.type = "button";
  up.setAttribute("aria-label", cell.up);
  up.title = cell.up;
  up.disabled = a.value !== null && a.value >= 2;
  up.addEventListener("click", () => set(a.value === null ? STEP : Math.min(2, a.value + STEP)));
  c.append(down, v, up);
  if (a.value !== null) {
    const x = el("button", "step clear", "\u00d7");
    x.type = "button";
    x.setAttribute("aria-label", cell.clear);
    x.title = cell.clear;
    x.addEventListener("click", () => set(null));
    c.appendChild(x);
  }
  return c;
}

// The emotion plot: one area across all stage columns; measured mean (line, dots) inside its 95% interval (band),
// the team's "as is" (dashed) and "to be" (dotted) curves over it. A click in a stage's column sets "as is" there.
function emotionPlot(ctx, row, n) {
  const wrap = el("div", "cell plot");
  wrap.style.gridColumn = "2 / span " + n;
  const area = svg("svg", { viewBox: `0 0 ${n * 100} 100`, preserveAspectRatio: "none", class: "curves",
    "aria-hidden": "true" });
  for (const v of [-2, -1, 0, 1, 2]) {
    area.appendChild(svg("line", { x1: 0, x2: n * 100, y1: yOf(v), y2: yOf(v),
      class: v === 0 ? "zero" : "gl", "vector-effect": "non-scaling-stroke" }));
  }
  const cells = row.cells;
  // the interval band, one polygon per run of stages that have one
  let run = [];
  const flush = () => {
    if (run.length) {
      const top = run.map(([i, c]) => `${i * 100 + (run.length === 1 ? 25 : 50)},${yOf(inPlot(c.high))}`);
      const bottom = run.slice().reverse().map(([i, c]) => `${i * 100 + (run.length === 1 ? 75 : 50)},${yOf(inPlot(c.low))}`);
      if (run.length === 1) {
        const [i, c] = run[0];
        top.push(`${i * 100 + 75},${yOf(inPlot(c.high))}`);
        bottom.push(`${i * 100 + 25},${yOf(inPlot(c.low))}`);
      }
      area.appendChild(svg("polygon", { points: top.concat(bottom).join(" "), class: "band" }));
    }
    run = [];
  };
  cells.forEach((c, i) => { if (c.low !== null && c.high !== null) run.push([i, c]); else flush(); });
  flush();
  // the measured curve breaks where a stage has no answer; the team's curves join the stages the team set
  const line = (values, cls, across) => {
    let pts = [];
    const out = () => {
      if (pts.length > 1) area.appendChild(svg("polyline", { points: pts.join(" "), class: cls,
        "vector-effect": "non-scaling-stroke" }));
      pts = [];
    };
    values.forEach((v, i) => {
      if (v === null || v === undefined) { if (!across) out(); } else pts.push(`${i * 100 + 50},${yOf(v)}`);
    });
    out();
  };
  const asIs = cells.map((c) => localAssumed(ctx.st, "as_is", c.stage, c.as_is, c.as_is_version).value);
  const toBe = cells.map((c) => localAssumed(ctx.st, "to_be", c.stage, c.to_be, c.to_be_version).value);
  line(cells.map((c) => c.mean), "measured", false);
  line(toBe, "to-be", true);
  line(asIs, "as-is", true);
  wrap.appendChild(area);
  const dot = (i, v, cls, label) => {
    const d = el("span", "dot " + cls);
    d.style.left = ((i + 0.5) / n) * 100 + "%";
    d.style.top = yOf(v) + "%";
    if (label) d.setAttribute("data-value", String(v));
    wrap.appendChild(d);
  };
  cells.forEach((c, i) => {
    if (c.mean !== null) dot(i, c.mean, "measured");
    if (toBe[i] !== null) dot(i, toBe[i], "to-be", true);
    if (asIs[i] !== null) dot(i, asIs[i], "as-is", true);
  });
  // one click target per stage column
  const cols = el("div", "plot-cols");
  cols.style.gridTemplateColumns = `repeat(${n}, 1fr)`;
  cells.forEach((c, i) => {
    const col = el("div", "plot-col");
    col.title = c.click;
    col.setAttribute("data-stage", c.stage);
    col.addEventListener("click", (ev) => {
      const r = col.getBoundingClientRect();
      const value = valueAt((ev.clientY - r.top) / r.height);
      const a = localAssumed(ctx.st, "as_is", c.stage, c.as_is, c.as_is_version);
      if (a.value === value) return;
      ctx.st.local["a|as_is|" + c.stage] = { value, version: a.version + 1 };
      ctx.send("assume", { stage: c.stage, kind: "as_is", value, version: a.version });
      ctx.redraw();
    });
    cols.appendChild(col);
    if (i === 0) col.classList.add("first");
  });
  wrap.appendChild(cols);
  return wrap;
}

function emotionLabel(ctx, row) {
  const c = labelCell(row, "plot-label");
  const legend = el("div", "legend");
  for (const [cls, text] of [["measured", ctx.data.text.legend_measured], ["as-is", ctx.data.text.legend_as_is],
    ["to-be", ctx.data.text.legend_to_be]]) {
    const item = el("div", "legend-item");
    item.appendChild(el("span", "swatch " + cls));
    const t = el("span", "fit", text);
    t.title = text;
    item.appendChild(t);
    legend.appendChild(item);
  }
  c.appendChild(legend);
  const ticks = el("div", "ticks");
  ticks.setAttribute("aria-hidden", "true");
  for (const v of [2, 0, -2]) {
    const t = el("span", "tick", formatValue(v, "en").replace(".0", ""));
    t.style.top = yOf(v) + "%";
    ticks.appendChild(t);
  }
  c.appendChild(ticks);
  return c;
}

// -- the grid -------------------------------------------------------------------------------------------------
function build(ctx) {
  const { data } = ctx;
  const n = data.stages.length;
  const grid = el("div", "grid");
  grid.setAttribute("role", "table");
  grid.setAttribute("aria-label", data.text.title);
  grid.style.gridTemplateColumns = `var(--label-w) repeat(${n}, minmax(var(--col-min), 1fr))`;
  const corner = el("div", "cell corner lane-label", data.text.corner);
  grid.appendChild(corner);
  data.stages.forEach((s) => {
    const h = el("div", "cell stage-head");
    h.setAttribute("role", "columnheader");
    const t = el("span", "fit clamp", s.label);
    t.title = s.label;
    h.appendChild(t);
    grid.appendChild(h);
  });
  for (const row of data.rows) {
    if (row.kind === "section") {
      const sec = el("div", "cell section");
      sec.style.gridColumn = "1 / -1";
      const t = el("span", "section-text", row.label);
      sec.appendChild(t);
      grid.appendChild(sec);
      continue;
    }
    if (row.kind === "plot") {
      grid.appendChild(emotionLabel(ctx, row));
      grid.appendChild(emotionPlot(ctx, row, n));
      continue;
    }
    grid.appendChild(labelCell(row, row.kind === "team" ? "team-label" : ""));
    row.cells.forEach((cell) => {
      if (row.kind === "stat") grid.appendChild(statCell(cell, row.id));
      else if (row.kind === "list") grid.appendChild(listCell(ctx, row, cell));
      else if (row.kind === "team") grid.appendChild(teamCell(ctx, row, cell));
      else if (row.kind === "assumed") grid.appendChild(assumedCell(ctx, row, cell));
    });
  }
  return grid;
}

// A word wider than its box is never broken: the text gets smaller until it fits (down to MIN_FONT px).
function fit(root) {
  for (const e of root.querySelectorAll(".fit")) {
    e.style.fontSize = "";
    let size = parseFloat(getComputedStyle(e).fontSize);
    while (e.scrollWidth > e.clientWidth + 0.5 && size > MIN_FONT) {
      size -= 1;
      e.style.fontSize = size + "px";
    }
  }
}

// Text taller than its box (a few lines, see --lines in grid.css) is cut after the last whole word that fits,
// with "…"; the whole text is in the title (hover). CSS line-clamp would cut inside a word.
function cut(target, box) {
  const tokens = FULL.get(target).split(/(\s+)/).filter(Boolean);
  const words = [];
  tokens.forEach((tok, i) => { if (!/^\s+$/.test(tok)) words.push(i); });
  const show = (k) => setText(target, tokens.slice(0, words[k] + 1).join("") + "\u2026");
  const fits = () => box.scrollHeight <= box.clientHeight + 1;
  let lo = 0;
  let hi = words.length - 2;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    show(mid);
    if (fits()) lo = mid;
    else hi = mid - 1;
  }
  show(Math.max(0, lo));
}

function layout(root) {
  const targets = [...root.querySelectorAll(".clamp, .name")].filter((e) => FULL.has(e));
  for (const t of targets) setText(t, FULL.get(t));
  fit(root);
  for (const t of targets) {
    const box = t.closest(".clamp");
    if (box && box.scrollHeight > box.clientHeight + 1) cut(t, box);
  }
}

// Less empty space above the page title while the map is on screen, so more of the map fits 720 px. A fixed style
// (no data in it), put into the page's head while the grid is drawn and taken away shortly after it is gone (a grid
// drawn again with new data takes it back without a jump).
const PAGE_STYLE = "cjm-map-page-style";
const PAGE_CSS = '[data-testid="stMainBlockContainer"] { padding-top: 3.5rem; }';
let pageStyleRelease = null;

function holdPageStyle() {
  clearTimeout(pageStyleRelease);
  if (!document.getElementById(PAGE_STYLE)) {
    const s = document.createElement("style");
    s.id = PAGE_STYLE;
    s.textContent = PAGE_CSS;
    document.head.appendChild(s);
  }
}

function releasePageStyle() {
  clearTimeout(pageStyleRelease);
  pageStyleRelease = setTimeout(() => {
    const s = document.getElementById(PAGE_STYLE);
    if (s) s.remove();
  }, 400);
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  holdPageStyle();
  let st = STATE.get(parentElement);
  if (!st) {
    st = { editing: null, local: {}, observer: null, drawing: false, outbox: [], flush: null };
    STATE.set(parentElement, st);
  }
  let root = parentElement.querySelector(".cjm-map");
  if (!root) {
    root = el("div", "cjm-map");
    parentElement.appendChild(root);
  }
  root.setAttribute("lang", data.lang);
  const ctx = {
    st, data,
    // edits wait a moment and go together: two clicks faster than a rerun both reach Python
    send: (kind, value) => {
      st.outbox.push({ ...value, edit: kind });
      clearTimeout(st.flush);
      st.flush = setTimeout(() => {
        const items = st.outbox.splice(0);
        if (items.length) setTriggerValue("edits", { items, at: Date.now() });
      }, SEND_DELAY);
    },
    redraw: () => draw(),
    focus: null,
  };
  function draw() {
    ctx.focus = null;
    const scroller = root.querySelector(".scroller");
    const left = scroller ? scroller.scrollLeft : 0;
    const sc = el("div", "scroller");
    sc.appendChild(build(ctx));
    st.drawing = true;
    try {
      root.replaceChildren(sc);
    } finally {
      st.drawing = false;
    }
    if (data.text.scroll_hint) root.appendChild(el("div", "hint", data.text.scroll_hint));
    sc.scrollLeft = left;
    layout(root);
    if (ctx.focus) {
      const ta = ctx.focus;
      ta.focus();
      ta.setSelectionRange(ta.value.length, ta.value.length);
    }
  }
  draw();
  if (st.observer) st.observer.disconnect();
  let width = root.clientWidth;
  st.observer = new ResizeObserver(() => {
    if (root.clientWidth !== width) {
      width = root.clientWidth;
      layout(root);
    }
  });
  st.observer.observe(root);
  return () => {
    releasePageStyle();
    if (st.observer) st.observer.disconnect();
    st.observer = null;
    if (st.outbox.length) { // leaving: what waits is sent now
      clearTimeout(st.flush);
      setTriggerValue("edits", { items: st.outbox.splice(0), at: Date.now() });
    }
  };
}
