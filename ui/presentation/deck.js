// Presentation mode: the whole slide deck as one Streamlit custom component (v2), stepped in the browser.
//
// Python sends every slide at once, as plain data with every text already written in the room's language
// (ui/presentation.py: deck()). This module draws them once and steps between them here, so a step costs a class
// toggle, not a server round trip: → / ← / PageDown / PageUp / Space / Home / End and the buttons step, Esc (or
// the End button) leaves. Each step also tells Python the new stage (state "stage"; Python writes it into the
// address as ?stage=N, so a reload opens the same slide) and writes it into the address at once itself.
//
// Every text from data or people goes into the page through textContent, never as HTML.

const SVG = "http://www.w3.org/2000/svg";
const EMO_MIN = -2;
const EMO_MAX = 2;

// Survives the re-invocations Streamlit makes when the data changes (the module is imported once per page):
// the slide on screen is the browser's while the same deck (data.id) is up, so a rerun that answers an older
// step never jumps back.
const state = { id: null, stage: 0, onKey: null, onResize: null, release: null, round: 0 };

// The page's own parts (sidebar, header, toolbar, widgets) are hidden by a style Python sends with the deck
// (data.page_css): put into the page's head while the deck is up, taken away shortly after a run no longer draws
// it (not at once: a deck drawn again with new data takes it back without a frame of sidebar in between).
const PAGE_STYLE = "cjm-presentation-page-style";

function holdPageStyle(css) {
  clearTimeout(state.release);
  let s = document.getElementById(PAGE_STYLE);
  if (!s) {
    s = document.createElement("style");
    s.id = PAGE_STYLE;
    document.head.appendChild(s);
  }
  if (s.textContent !== css) s.textContent = css;
}

function releasePageStyle() {
  clearTimeout(state.release);
  state.release = setTimeout(() => {
    const s = document.getElementById(PAGE_STYLE);
    if (s) s.remove();
  }, 200);
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) setText(e, String(text));
  return e;
}

// Text as text; a word with a hyphen in it ("e-postası", "Check-in") is kept on one line, never split at it.
function setText(e, text) {
  if (!/\S-\S/.test(text)) {
    e.textContent = text;
    return;
  }
  for (const part of text.split(/(\S+-\S+)/)) {
    if (!part) continue;
    if (/\S-\S/.test(part)) {
      const word = document.createElement("span");
      word.className = "nobr";
      word.textContent = part;
      e.appendChild(word);
    } else {
      e.appendChild(document.createTextNode(part));
    }
  }
}

function svgEl(tag, attrs) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  return e;
}

// ---- building the slides -------------------------------------------------------------------------------------

function header(title, extra) {
  const top = el("header", "top");
  const h = el("h1", "title clip", title);
  h.title = title;
  top.appendChild(h);
  if (extra) top.appendChild(extra);
  return top;
}

function legend(text) {
  const box = el("div", "legend");
  const m = el("span", "lg lg-measured");
  m.appendChild(el("span", "mark mark-measured", "●"));
  m.appendChild(el("span", "", text.legend_measured));
  const a = el("span", "lg lg-assumed");
  a.appendChild(el("span", "mark mark-assumed", "◇"));
  a.appendChild(el("span", "", text.legend_assumed));
  box.append(m, a);
  return box;
}

function overviewSlide(slide, text) {
  const s = el("section", "slide overview");
  s.appendChild(header(slide.title, legend(text)));
  const n = slide.rows.length;
  const grid = el("div", "ov-grid fit");
  grid.style.gridTemplateRows = `auto repeat(${n}, minmax(0, 1fr))`;
  const heads = [text.col_stage, text.customers, text.col_conversion, text.col_measured, text.col_assumed];
  heads.forEach((h, i) => grid.appendChild(el("div", `ov-head ov-c${i}`, h)));
  const chartHead = el("div", "ov-head ov-chart-head");
  chartHead.appendChild(el("div", "", text.col_curve));
  const ticks = el("div", "ticks");
  slide.ticks.forEach(([v, label]) => {
    const t = el("span", "tick", label);
    t.style.left = `${((v - EMO_MIN) / (EMO_MAX - EMO_MIN)) * 100}%`;
    ticks.appendChild(t);
  });
  chartHead.appendChild(ticks);
  grid.appendChild(chartHead);
  slide.rows.forEach((r, i) => {
    const cells = [
      [r.label, "ov-label"], [r.customers, "num"], [r.conversion, "num"],
      [r.measured_text, "num measured"], [r.assumed_text, "num assumed"],
    ];
    cells.forEach(([v, cls], j) => {
      const c = el("div", `ov-cell ov-c${j} ${cls} ${i % 2 ? "odd" : "even"}${j === 0 ? " fit clip" : ""}`, v);
      if (j === 0) c.title = v;
      c.style.gridRow = String(i + 2);
      grid.appendChild(c);
    });
  });
  const chart = el("div", "ov-chart");
  chart.style.gridRow = `2 / span ${n}`;
  chart.dataset.chart = "overview";
  grid.appendChild(chart);
  s._chart = { box: chart, rows: slide.rows };
  s.appendChild(grid);
  if (slide.gap) {
    const g = el("p", "ov-gap", slide.gap);
    g.dataset.opt = "1";
    s.appendChild(g);
  }
  return s;
}

function stageSlide(slide, text) {
  const s = el("section", "slide stage");
  const stat = (label, value) => {
    const b = el("div", "stat");
    b.appendChild(el("span", "stat-label", label));
    b.appendChild(el("span", "stat-value", value));
    return b;
  };
  const stats = el("div", "stats");
  stats.appendChild(stat(text.customers, slide.customers));
  stats.appendChild(slide.conversion ? stat(text.conversion, slide.conversion) : el("div", "stat first", text.first_stage));
  s.appendChild(header(slide.title, stats));

  const body = el("div", "body");
  // 1: emotion, measured against assumed
  const c1 = el("div", "col fit");
  c1.appendChild(el("h2", "", text.emotion));
  c1.appendChild(legend({ legend_measured: text.legend_measured_short, legend_assumed: text.legend_assumed_short }));
  const scale = el("div", "scale");
  s._chart = { box: scale, emotion: slide.emotion, ticks: slide.ticks };
  c1.appendChild(scale);
  const ends = el("div", "ends");
  ends.append(el("span", "", text.scale_low), el("span", "", text.scale_high));
  ends.dataset.opt = "1";
  c1.appendChild(ends);
  slide.emotion.sentences.forEach((t, i) => {
    const p = el("p", i === 0 ? "sentence" : "sentence muted", t);
    if (i > 0) p.dataset.opt = "2";
    c1.appendChild(p);
  });
  body.appendChild(c1);

  // 2: touchpoints (moments that matter stand out) and channels
  const c2 = el("div", "col fit");
  const th = el("div", "col-head");
  th.append(el("h2", "", text.touchpoints), el("span", "col-unit", text.touch_customers));
  c2.appendChild(th);
  if (slide.touchpoints.length) {
    const ul = el("ul", "touch");
    slide.touchpoints.forEach((tp) => {
      const li = el("li", tp.moment ? "moment" : "");
      const name = el("span", "tp-name clip");
      if (tp.moment) name.appendChild(el("span", "star", "★"));
      name.appendChild(el("span", "", tp.name));
      name.title = tp.name;
      li.append(name, el("span", "tp-count", tp.customers));
      ul.appendChild(li);
    });
    c2.appendChild(ul);
    if (slide.touchpoints.some((tp) => tp.moment) || slide.pains.some((p) => p.moment)) {
      const key = el("p", "moment-key");
      key.append(el("span", "star", "★"), el("span", "", text.moment));
      c2.appendChild(key);
    }
  } else {
    c2.appendChild(el("p", "muted", text.no_touchpoints));
  }
  if (slide.channels.length) {
    c2.appendChild(el("h2", "", text.channels));
    const chips = el("div", "chips");
    slide.channels.forEach((c) => chips.appendChild(el("span", "chip", c)));
    c2.appendChild(chips);
  }
  body.appendChild(c2);

  // 3: pain points, each with what customers said
  const c3 = el("div", "col fit");
  c3.appendChild(el("h2", "", text.pains));
  if (!slide.pains.length) c3.appendChild(el("p", "muted", text.no_pains));
  slide.pains.forEach((p, i) => {
    const box = el("div", p.moment ? "pain moment" : "pain");
    if (i > 0) box.dataset.opt = "4";
    const name = el("h3", "pain-name");
    if (p.moment) name.appendChild(el("span", "star", "★"));
    const pn = el("span", "clip", p.name);
    pn.title = p.name;
    name.appendChild(pn);
    box.appendChild(name);
    box.appendChild(el("p", "pain-detail", p.detail));
    p.quotes.forEach((q, j) => {
      const b = el("blockquote", "quote", q);
      b.title = q;
      // shown as room allows: the top pain's second quote, the next pain with its first, the third quotes
      if (i === 0 && j > 0) b.dataset.opt = String(j === 1 ? 3 : 6);
      if (i > 0) b.dataset.opt = String(j === 0 ? 5 : 6 + j);
      box.appendChild(b);
    });
    c3.appendChild(box);
  });
  body.appendChild(c3);
  s.appendChild(body);

  // the team's lanes at this stage
  const lanes = el("div", "lanes fit");
  lanes.appendChild(el("h2", "", text.team));
  if (slide.lanes.length) {
    const grid = el("div", "lane-grid");
    slide.lanes.forEach((l) => {
      const cell = el("p", "lane");
      cell.title = `${l.label}: ${l.text}`;
      cell.append(el("span", "lane-label", l.label), el("span", "lane-text", l.text));
      grid.appendChild(cell);
    });
    lanes.appendChild(grid);
  } else {
    lanes.appendChild(el("p", "muted", text.team_empty));
  }
  s.appendChild(lanes);
  return s;
}

// ---- charts (drawn when a slide is shown: they need its size) ------------------------------------------------

function xScale(width, pad) {
  return (v) => pad + ((v - EMO_MIN) / (EMO_MAX - EMO_MIN)) * (width - 2 * pad);
}

function diamond(x, y, r, cls) {
  return svgEl("path", { d: `M${x} ${y - r}L${x + r} ${y}L${x} ${y + r}L${x - r} ${y}Z`, class: cls });
}

function drawOverview(box, rows) {
  box.textContent = "";
  const w = box.clientWidth;
  const h = box.clientHeight;
  if (!w || !h) return;
  const pad = 20;
  const x = xScale(w, pad);
  const rowH = h / rows.length;
  const y = (i) => (i + 0.5) * rowH;
  const svg = svgEl("svg", { width: w, height: h, viewBox: `0 0 ${w} ${h}`, "aria-hidden": "true" });
  for (let v = EMO_MIN; v <= EMO_MAX; v += 1) {
    svg.appendChild(svgEl("line", { x1: x(v), x2: x(v), y1: 0, y2: h, class: v === 0 ? "zero" : "grid" }));
  }
  const path = (key) => {
    let d = "";
    let pen = false;
    rows.forEach((r, i) => {
      if (r[key] === null || r[key] === undefined) { pen = false; return; }
      d += `${pen ? "L" : "M"}${x(r[key]).toFixed(1)} ${y(i).toFixed(1)}`;
      pen = true;
    });
    return d;
  };
  rows.forEach((r, i) => {
    if (r.low !== null && r.high !== null) {
      svg.appendChild(svgEl("line", { x1: x(r.low), x2: x(r.high), y1: y(i), y2: y(i), class: "ci" }));
    }
  });
  svg.appendChild(svgEl("path", { d: path("measured"), class: "line measured" }));
  svg.appendChild(svgEl("path", { d: path("assumed"), class: "line assumed" }));
  const r = Math.max(5, Math.min(10, rowH / 4));
  // the team's hollow diamonds over the customers' dots: both stay visible where they meet
  rows.forEach((row, i) => {
    if (row.measured !== null) svg.appendChild(svgEl("circle", { cx: x(row.measured), cy: y(i), r, class: "pt measured" }));
  });
  rows.forEach((row, i) => {
    if (row.assumed !== null) svg.appendChild(diamond(x(row.assumed), y(i), r + 6, "pt assumed"));
  });
  box.appendChild(svg);
}

function drawScale(box, emo, ticks) {
  box.textContent = "";
  const w = box.clientWidth;
  if (!w) return;
  const h = 80;
  const pad = 24;
  const x = xScale(w, pad);
  const axis = 30;
  const svg = svgEl("svg", { width: w, height: h, viewBox: `0 0 ${w} ${h}`, "aria-hidden": "true" });
  svg.appendChild(svgEl("line", { x1: x(EMO_MIN), x2: x(EMO_MAX), y1: axis, y2: axis, class: "axis" }));
  ticks.forEach(([v, label]) => {
    svg.appendChild(svgEl("line", { x1: x(v), x2: x(v), y1: axis - 8, y2: axis + 8, class: v === 0 ? "zero" : "axis" }));
    const t = svgEl("text", { x: x(v), y: h - 6, "text-anchor": "middle", class: "tick-label" });
    t.textContent = label;
    svg.appendChild(t);
  });
  if (emo.low !== null && emo.high !== null) {
    svg.appendChild(svgEl("line", { x1: x(emo.low), x2: x(emo.high), y1: axis, y2: axis, class: "ci" }));
  }
  if (emo.measured !== null) svg.appendChild(svgEl("circle", { cx: x(emo.measured), cy: axis, r: 11, class: "pt measured" }));
  if (emo.assumed !== null) svg.appendChild(diamond(x(emo.assumed), axis, 18, "pt assumed"));
  box.appendChild(svg);
}

// ---- fitting: the optional parts of a slide (data-opt, 1 = most wanted) are put in one by one, each kept only
// when nothing is cut off with it, so the slide shows as much as the screen holds at full size ------------------

//: body sizes tried, largest first: a slide with room to spare is read from further back
const SIZES = [30, 27, 24];

function fitLargest(slide) {
  // the overview stays at 24 px: larger type would squeeze its curve
  const sizes = slide.classList.contains("overview") ? [24] : SIZES;
  for (const px of sizes) {
    slide.style.fontSize = `${px}px`;
    if (fit(slide, px !== sizes[sizes.length - 1])) return;
  }
}

// true when every optional part is shown and nothing runs over; *all*: give up at the first part that does not fit
// (a larger size is taken only when everything fits at it)
function fit(slide, all) {
  const boxes = [...slide.querySelectorAll(".fit")];
  const optional = [...slide.querySelectorAll("[data-opt]")]
    .sort((a, b) => Number(a.dataset.opt) - Number(b.dataset.opt));
  // how far each box runs over (an item is kept when it makes no box run over further)
  const excess = () => boxes.map((b) => Math.max(0, b.scrollHeight - b.clientHeight));
  optional.forEach((e) => { e.hidden = true; });
  let now = excess();
  for (const e of optional) {
    e.hidden = false;
    const after = excess();
    if (after.some((x, i) => x > now[i] + 1)) {
      e.hidden = true;
      if (all) return false;
    } else {
      now = after;
    }
  }
  const whole = (e) => e.scrollWidth <= e.clientWidth + 1 && e.scrollHeight <= e.clientHeight + 1;
  return optional.every((e) => !e.hidden) && now.every((x) => x <= 1)
    && [...slide.querySelectorAll(".clip")].every(whole);
}

function drawChart(slide) {
  const c = slide._chart;
  if (!c) return;
  if (c.rows) drawOverview(c.box, c.rows);
  else drawScale(c.box, c.emotion, c.ticks);
}

// A slide is laid out (type size, optional parts, chart) once per screen size — the one on screen at once, the
// others in the background while the room reads — so a step only swaps which slide shows.
function screenSize() {
  return `${window.innerWidth}x${window.innerHeight}`;
}

function prepare(slide) {
  const size = screenSize();
  if (slide._laidOut === size) return;
  const away = slide.hidden;
  if (away) {
    slide.classList.add("measuring");
    slide.hidden = false;
  }
  fitLargest(slide);
  drawChart(slide);
  slide._laidOut = size;
  if (away) {
    slide.hidden = true;
    slide.classList.remove("measuring");
  }
}

const later = window.requestIdleCallback
  ? (f) => window.requestIdleCallback(f, { timeout: 300 })
  : (f) => window.setTimeout(f, 30);

// the other slides, nearest first, one per idle moment (a newer call stops an older round)
function prepareOthers(slides, from) {
  const round = ++state.round;
  const order = [];
  for (let d = 1; d < slides.length; d += 1) {
    if (from + d < slides.length) order.push(from + d);
    if (from - d >= 0) order.push(from - d);
  }
  const step = () => {
    if (round !== state.round || !order.length) return;
    const slide = slides[order.shift()];
    if (slide.isConnected) prepare(slide);
    later(step);
  };
  later(step);
}

// ---- the component -------------------------------------------------------------------------------------------

export default function (component) {
  const { data, parentElement, setStateValue, setTriggerValue } = component;
  if (!data || !Array.isArray(data.slides) || !data.slides.length) return undefined;
  performance.clearMarks("cjm-deck-start");
  performance.mark("cjm-deck-start");  // read by bench/present.py: the deck's own share of entering
  const text = data.text;
  const count = data.slides.length;
  if (typeof data.page_css === "string") holdPageStyle(data.page_css);
  const built = JSON.stringify([data.slides, text]);

  let root = parentElement.querySelector(".deck");
  if (!root || root.dataset.built !== built) {
    const fresh = el("div", "deck");
    fresh.dataset.built = built;
    fresh.setAttribute("lang", data.lang);
    const slides = el("div", "slides");
    data.slides.forEach((s) => slides.appendChild(s.kind === "overview" ? overviewSlide(s, text) : stageSlide(s, text)));
    const bar = el("nav", "bar");
    const leave = el("button", "leave", text.leave);
    const pos = el("span", "pos");
    const prev = el("button", "prev", text.prev);
    const next = el("button", "next", text.next);
    leave.type = prev.type = next.type = "button";
    bar.append(leave, pos, prev, next);
    fresh.append(slides, bar);
    if (root) root.replaceWith(fresh);
    else parentElement.appendChild(fresh);
    root = fresh;
  }
  if (state.id !== data.id) {
    state.id = data.id;
    state.stage = Math.max(0, Math.min(count - 1, Number(data.stage) || 0));
  }
  state.stage = Math.min(state.stage, count - 1);

  const slides = [...root.querySelectorAll(".slide")];
  const pos = root.querySelector(".pos");
  const prev = root.querySelector(".prev");
  const next = root.querySelector(".next");

  const show = (n) => {
    slides.forEach((s, i) => { s.hidden = i !== n; });
    pos.textContent = data.positions[n];
    prev.disabled = n === 0;
    next.disabled = n === count - 1;
    prepare(slides[n]);
  };

  const go = (n) => {
    const to = Math.max(0, Math.min(count - 1, n));
    if (to === state.stage) return;
    state.stage = to;
    show(to);
    try {
      const url = new URL(window.location.href);
      url.searchParams.set("stage", String(to));
      window.history.replaceState(window.history.state, "", url);
    } catch (e) { /* the address is Python's to write as well */ }
    setStateValue("stage", to);
  };

  let left = false;
  const leaveNow = () => {
    if (left) return;
    left = true;
    root.classList.add("leaving");
    setTriggerValue("leave", true);
  };

  prev.onclick = () => go(state.stage - 1);
  next.onclick = () => go(state.stage + 1);
  root.querySelector(".leave").onclick = leaveNow;

  if (state.onKey) document.removeEventListener("keydown", state.onKey, true);
  state.onKey = (ev) => {
    if (ev.altKey || ev.ctrlKey || ev.metaKey || ev.defaultPrevented) return;
    const steps = {
      ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1,
      ArrowLeft: -1, ArrowUp: -1, PageUp: -1,
    };
    if (ev.key === "Escape") { ev.preventDefault(); leaveNow(); return; }
    if (ev.key === "Home") { ev.preventDefault(); go(0); return; }
    if (ev.key === "End") { ev.preventDefault(); go(count - 1); return; }
    const d = steps[ev.key];
    if (!d) return;
    if (ev.key === " " && ev.target && ev.target.tagName === "BUTTON") return;  // a focused button's own click
    ev.preventDefault();
    go(state.stage + (ev.shiftKey && ev.key === " " ? -1 : d));
  };
  document.addEventListener("keydown", state.onKey, true);
  if (state.onResize) window.removeEventListener("resize", state.onResize);
  state.onResize = () => {
    show(state.stage);
    prepareOthers(slides, state.stage);
  };
  window.addEventListener("resize", state.onResize);

  show(state.stage);
  performance.measure("cjm-deck", "cjm-deck-start");
  prepareOthers(slides, state.stage);

  const onKey = state.onKey;
  const onResize = state.onResize;
  return () => {
    state.round += 1;  // stops the background layout of this round
    releasePageStyle();  // taken back at once when the deck is drawn again with new data
    document.removeEventListener("keydown", onKey, true);
    window.removeEventListener("resize", onResize);
    if (state.onKey === onKey) state.onKey = null;
    if (state.onResize === onResize) state.onResize = null;
  };
}
