// The offline explorer's one callback (a Bokeh CustomJS body): every control,
// the map click and the page's first render call it. It recomputes the ranking
// as ecei_analysis does (weighted sum; scores closer than max(1e-9 x spread,
// 64 eps x largest |score|) tie, chained; min or dense places) and fills the
// table, the bars, the flow of places, the map and the notes. Text from the data
// only ever lands in data sources and widget values, never in HTML.
//
// Arguments (Bokeh models and JSON strings): data_json, texts_json, places_json,
// first_json, sliders, entries, ordered, ties, map_choice, note, used,
// table, table_source, bar_source, flow_source, left_source, right_source,
// map_source, marker_source, colour_bar, language.

const cache = note.__ecei || (note.__ecei = {
  data: JSON.parse(data_json),
  texts: JSON.parse(texts_json),
  places: JSON.parse(places_json),
  first: JSON.parse(first_json),
  messages: [],
});
const D = cache.data;
const T = cache.texts;
const EPS = 2.220446049250313e-16;
const number = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
const tenths = new Intl.NumberFormat(language, {
  minimumFractionDigits: 1, maximumFractionDigits: 1,
});
const percent = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
const fill = (template, values) =>
  template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));
const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => "&#" + c.charCodeAt(0) + ";");

// --- the package's ranking -------------------------------------------------------
function scores(weights) {
  return D.points.map((p) => weights[0] * p[0] + weights[1] * p[1] + weights[2] * p[2]);
}

function rank(s, rule) {
  const n = s.length;
  let hi = -Infinity, lo = Infinity, big = 0;
  for (const v of s) {
    hi = Math.max(hi, v); lo = Math.min(lo, v); big = Math.max(big, Math.abs(v));
  }
  const tol = Math.max(1e-9 * (hi - lo), 64 * EPS * big);
  const order = Array.from(s.keys()).sort((a, b) => s[b] - s[a] || a - b);
  const out = new Array(n);
  let place = 0, first = 0;
  order.forEach((i, k) => {
    if (k === 0 || s[order[k - 1]] - s[i] > tol) { place += 1; first = k; }
    out[i] = rule === "dense" ? place : first + 1;
  });
  return out;
}

function projectOrdered(values) {  // pool adjacent violators, as project_ordered
  const merged = [];
  for (const v of values) {
    merged.push([v, 1]);
    while (merged.length > 1 && merged[merged.length - 2][0] < merged[merged.length - 1][0]) {
      const [v2, w2] = merged.pop();
      const [v1, w1] = merged.pop();
      merged.push([(v1 * w1 + v2 * w2) / (w1 + w2), w1 + w2]);
    }
  }
  return merged.flatMap(([v, w]) => Array(w).fill(v));
}

// --- input: the number boxes, the map click ---------------------------------------
function parseEntry(k) {
  const text = entries[k].value.trim();
  const shown = number.format(sliders[k].value);
  if (text === shown) return;
  const value = Number(text.replace(",", "."));
  const cls = T.classes[k];
  if (text === "" || !Number.isFinite(value)) {
    cache.messages.push(fill(T.not_a_number, { text, cls, value: shown }));
    entries[k].value = shown;
    return;
  }
  const clipped = Math.min(Math.max(value, 0), D.end);
  if (clipped !== value) {
    cache.messages.push(fill(T.clipped, {
      cls, text, end: number.format(D.end), value: number.format(clipped),
    }));
  }
  sliders[k].value = clipped;
  entries[k].value = number.format(clipped);
}

function fromMap(x, y) {
  const height = Math.sqrt(3) / 2;
  let w = [y / height, 0, 0];
  w[2] = x - w[0] / 2;
  w[1] = 1 - w[0] - w[2];
  if (w.some((v) => v < -1e-9)) return;  // outside the triangle
  w = w.map((v) => Math.max(v, 0));
  const top = Math.max(...w);
  w.forEach((v, k) => { sliders[k].value = Math.round((v / top) * D.end * 100) / 100; });
}

// --- output ---------------------------------------------------------------------
function weightsText(w) {
  const total = w[0] + w[1] + w[2];
  return T.classes.map((c, k) => c + " " + percent.format((100 * w[k]) / total) + "\u00a0%")
    .join(", ");
}

function showRanking(w, rule) {
  const s = scores(w);
  const base = scores([1, 1, 1]);
  const places = rank(s, rule);
  const basePlaces = rank(base, rule);
  const scale = D.capacity.reduce((a, b) => a + b, 0) /
    (w[0] * D.capacity[0] + w[1] * D.capacity[1] + w[2] * D.capacity[2]);
  const order = Array.from(s.keys()).sort(
    (a, b) => places[a] - places[b] || s[b] - s[a] || a - b);
  const column = (f) => order.map(f);
  table_source.data = {
    id: column((i) => D.ids[i]),
    place: column((i) => places[i]),
    cluster: column((i) => D.names[i]),
    score: column((i) => s[i] * scale),
    score_text: column((i) => tenths.format(s[i] * scale)),
    baseline: column((i) => basePlaces[i]),
    change: column((i) => basePlaces[i] - places[i]),
    published: column((i) => (D.published[i] === null ? NaN : D.published[i])),
  };
  // A table of the same length keeps its rows unless its view says it changed.
  table.view.change.emit();
  bar_source.data = {
    slot: column((i, k) => k + 1),
    cluster: column((i) => D.names[i]),
    score: column((i) => s[i] * scale),
    score_text: column((i) => tenths.format(s[i] * scale)),
  };
  const baseOrder = Array.from(s.keys()).sort(
    (a, b) => basePlaces[a] - basePlaces[b] || base[b] - base[a] || a - b);
  const slotBefore = new Array(s.length), slotAfter = new Array(s.length);
  baseOrder.forEach((i, k) => { slotBefore[i] = k + 1; });
  order.forEach((i, k) => { slotAfter[i] = k + 1; });
  flow_source.data = {
    y0: D.ids.map((c, i) => slotBefore[i]),
    y1: D.ids.map((c, i) => slotAfter[i]),
    colour: D.ids.map((c, i) => (places[i] < basePlaces[i] ? "#1a7f37"
      : places[i] > basePlaces[i] ? "#b03a2e" : "#6e6e6e")),
  };
  left_source.data = {
    y: baseOrder.map((i, k) => k + 1),
    text: baseOrder.map((i) => basePlaces[i] + ". " + D.names[i]),
  };
  right_source.data = {
    y: order.map((i, k) => k + 1),
    text: order.map((i) => places[i] + ". " + D.names[i]),
  };
}

function clearRanking() {
  for (const source of [table_source, bar_source, flow_source, left_source, right_source]) {
    const empty = {};
    for (const key of Object.keys(source.data)) empty[key] = [];
    source.data = empty;
  }
  table.view.change.emit();
}

function showMap(w) {
  const key = map_choice.value;
  map_source.data = key === "" ? cache.first : cache.places[key];
  colour_bar.visible = key !== "";
  const total = w[0] + w[1] + w[2];
  marker_source.data = total > 0
    ? { x: [w[2] / total + (0.5 * w[0]) / total], y: [((Math.sqrt(3) / 2) * w[0]) / total] }
    : { x: [], y: [] };
}

// --- what happened -----------------------------------------------------------
// Setting a slider or a box from here calls this callback again; that inner
// call returns at once, and this one draws the final state once.
function respond() {
  if (cb_obj && (cb_obj.event_name === "tap" || cb_obj.event_name === "doubletap")) {
    fromMap(cb_obj.x, cb_obj.y);
  }
  const k = entries.indexOf(cb_obj);
  if (k >= 0) parseEntry(k);
  // A box follows its slider when the slider moved (never over a box whose
  // typed value is still waiting for its own turn).
  const set = sliders.map((s) => s.value);
  set.forEach((value, i) => {
    const text = number.format(value);
    if (cache.set?.[i] !== value && entries[i].value !== text) entries[i].value = text;
  });
  cache.set = set;
  // Nothing changed (a box re-committed its own value): keep the notes shown.
  const state = JSON.stringify([set, ordered.active, ties.value, map_choice.value]);
  if (state === cache.state && cache.messages.length === 0) return;
  cache.state = state;
  const w = ordered.active ? projectOrdered(set) : set;
  const lines = cache.messages.splice(0);
  if (w[0] + w[1] + w[2] <= 0) {
    lines.push(T.all_zero);
    clearRanking();
    used.text = "";
  } else {
    showRanking(w, ties.value);
    const changed = w.some((v, i) => Math.abs(v - set[i]) > 1e-12);
    used.text = "<p>" + escapeHtml(changed
      ? fill(T.projected, { weights: weightsText(w) })
      : fill(T.used, { weights: weightsText(w) })) + "</p>";
  }
  showMap(w);
  note.text = lines.map((line) => "<p>" + escapeHtml(line) + "</p>").join("");
}

if (!cache.busy) {
  cache.busy = true;
  try { respond(); } finally { cache.busy = false; }
}
