"""The report as one self-contained HTML file: the journey map with the team's lanes, assumed vs measured emotion,
personas, funnel, flows, channels and their gaps, emotions and NPS, pain points with status, notes and quotes,
saved what-if scenarios, KPIs with the journey score and the actions with their measured effect.

One file that opens offline and asks the network for nothing: plotly.js is embedded once (from the installed
plotly package), every chart is a ``<div>`` drawn by it, no font, image or script is fetched. Every text from the
data or from people passes :func:`html.escape` (so a cell ``<script>`` is shown, never run). It prints on A4
landscape, each part on a new page, and is written in the chosen language with its number formats; the cover
names the filters and the date.

>>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
>>> page = build_html(open_workspace(":memory:").cursor(), model=preset("five-stage"), lang="tr",
...                   today=dt.date(2026, 3, 5))
>>> "<html lang=\\"tr\\">" in page, "Farkındalık" in page, "5 Mar 2026" in page, "http://" in page.split("</script>")[-1]
(True, True, True, False)
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Sequence
from typing import Any, cast

import duckdb
import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from cjm.analyses import channels, emotion, flows, funnel, kpis, pain_points
from cjm.analyses.effects import effect
from cjm.analyses.journey_map import JourneyMap, journey_map, with_team_lanes
from cjm.core.filters import LIST_FIELDS, Filters
from cjm.core.stage_model import StageModel
from cjm.i18n import t
from cjm.i18n.numbers import date, decimal, number, percent
from cjm.present import charts
from cjm.present.progress import action_where, effect_lines, kpi_rows
from cjm.present.workshop import gap_sentences
from cjm.store.notes import ASSUMED_KINDS, TEXT_LANES, pain_status, personas, scenario_specs
from cjm.store.progress import actions
from cjm.store.progress import kpis as saved_kpis
from cjm.store.progress import touchpoint_types as team_types

PAIN_STATUS_KEYS = {"open": "pain.status_open", "in progress": "pain.status_progress", "fixed": "pain.status_fixed"}

CSS = """
@page { size: A4 landscape; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #1f2933; margin: 0 auto;
       max-width: 1180px; padding: 24px; font-size: 14px; line-height: 1.4; }
h1 { font-size: 30px; margin: 0 0 8px; } h2 { font-size: 22px; margin: 28px 0 10px; border-bottom: 2px solid #2e7d32; }
h3 { font-size: 16px; margin: 16px 0 6px; }
section { break-before: page; } section.cover { break-before: auto; }
.muted { color: #52606d; } .cover dl { display: grid; grid-template-columns: 12em 1fr; gap: 4px 16px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; page-break-inside: auto; }
th, td { border: 1px solid #cbd2d9; padding: 4px 6px; vertical-align: top; text-align: left;
         overflow-wrap: normal; word-break: normal; hyphens: manual; white-space: pre-wrap; }
th { background: #f0f4f8; } tr { break-inside: avoid; } td.num { text-align: right; white-space: nowrap; }
table.map { table-layout: fixed; }
table.map th:first-child, table.map td:first-child { width: 11em; background: #f0f4f8; font-weight: 600; }
table.map td { font-size: 12px; } table.map tr.team td { background: #fffbea; }
.moment { font-weight: 700; } .moment::before { content: "★ "; color: #b7791f; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 12px; }
.card { border: 1px solid #cbd2d9; border-radius: 8px; padding: 10px; break-inside: avoid; }
.initial { display: inline-flex; width: 40px; height: 40px; border-radius: 50%; background: #2e7d32; color: #fff;
           align-items: center; justify-content: center; font-size: 20px; font-weight: 700; margin-right: 8px; }
.quote { font-style: italic; } .chart { width: 100%; break-inside: avoid; }
.status-met { color: #2e7d32; font-weight: 700; } .status-missed { color: #c62828; font-weight: 700; }
.status-unclear { color: #8a6d00; font-weight: 700; }
@media print { body { max-width: none; padding: 0; } .chart { page-break-inside: avoid; } }
"""


def e(text: object) -> str:
    """Text from data or people as HTML text: escaped, never markup.

    >>> e('<script>alert(1)</script> & "x"')
    '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;'
    """
    return html.escape("" if text is None else str(text), quote=True)


def _chart(fig: go.Figure, *, height: int | None = None, width: int = 1100) -> str:
    """A chart as a ``<div>`` drawn by the plotly.js embedded once in the page (no mode bar: no link out)."""
    if height:
        fig.update_layout(height=height)
    fig.update_layout(width=width)
    return ('<div class="chart">' + fig.to_html(full_html=False, include_plotlyjs=False, include_mathjax=False,
                                                config={"displayModeBar": False, "responsive": False}) + "</div>")


def _table(header: Sequence[str], rows: Iterable[Sequence[object]], *, numeric: Sequence[int] = (),
           cls: str = "") -> str:
    head = "".join(f"<th>{e(h)}</th>" for h in header)
    num = ' class="num"'
    body = "".join("<tr>" + "".join(f"<td{num if i in numeric else ''}>{e(v)}</td>" for i, v in enumerate(r))
                   + "</tr>" for r in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return cast(list[dict[str, Any]], df.to_dict("records"))


def _na(v: Any) -> bool:
    return v is None or (not isinstance(v, str) and pd.isna(v))


def describe_filters(filters: Filters | None, lang: str) -> str:
    """The filters in words ("all data" when none).

    >>> describe_filters(Filters(segment=("SMB",), start=dt.date(2026, 1, 1)), "en")
    'from Jan 1, 2026 · Segment: SMB'
    """
    f = filters or Filters()
    parts = []
    if f.start:
        parts.append(t("html.filter_from", lang=lang, day=date(f.start, lang)))
    if f.end:
        parts.append(t("html.filter_to", lang=lang, day=date(f.end, lang)))
    for name in LIST_FIELDS:
        values = getattr(f, name)
        if values:
            parts.append(t("html.filter_list", lang=lang, field=t(f"sidebar.{name}", lang=lang),
                           values=", ".join(values)))
    return " · ".join(parts) if parts else t("html.filter_none", lang=lang)


# -- the parts ------------------------------------------------------------------------------------------------
def _map_section(jm: JourneyMap, lang: str, *, chart_width: int = 1100) -> str:
    def cell(items: Iterable[str]) -> str:
        return "\n".join(items)

    head = [t("html.lane", lang=lang), *jm.labels]
    rows: list[tuple[str, list[str], str]] = []  # (lane, cells as HTML, row class)

    def add(lane: str, values: Iterable[str], cls: str = "") -> None:
        rows.append((lane, list(values), cls))

    add(t("map.customers", lang=lang), (e(number(s.customers, lang)) for s in jm.stages))
    add(t("map.conversion", lang=lang), ("" if s.conversion is None else e(percent(s.conversion, lang))
                                         for s in jm.stages))
    add(t("map.touchpoints", lang=lang), ("<br>".join(
        f'<span class="moment">{e(tp.name)}</span>' if jm.is_moment(tp.name) else e(tp.name)
        for tp in s.touchpoints) for s in jm.stages))
    add(t("map.channels", lang=lang), (e(cell(c.name for c in s.channels)) for s in jm.stages))
    add(t("assumed.measured", lang=lang), (e("" if s.emotion.value is None else (
        f"{decimal(s.emotion.value, lang, signed=True)} (n\u00a0=\u00a0{number(s.emotion.n, lang)})"
        + (f"\n{decimal(s.emotion.ci_low, lang, signed=True)} … {decimal(s.emotion.ci_high, lang, signed=True)}"
           if s.emotion.ci_low is not None and s.emotion.ci_high is not None else "")))
        for s in jm.stages))
    for kind in ASSUMED_KINDS:
        values = jm.assumed_curve(kind)
        if any(v is not None for v in values):
            add(t(f"assumed.{kind}", lang=lang), (e("" if v is None else decimal(v, lang, signed=True))
                                                  for v in values), "team")
    add(t("map.pain", lang=lang), ("<br>".join(
        f'<span class="moment">{e(p.touchpoint)}</span>' if jm.is_moment(p.touchpoint) else e(p.touchpoint)
        for p in s.pain_points) for s in jm.stages))
    add(t("map.nps", lang=lang), (e("" if s.nps.value is None else
                                    f"{decimal(s.nps.value, lang, digits=0, signed=True)} (n\u00a0=\u00a0{number(s.nps.n, lang)})")
                                  for s in jm.stages))
    for lane in TEXT_LANES:
        add(t(f"lane.{lane}", lang=lang), (e(jm.cell(lane, s.key).text) for s in jm.stages), "team")
    body = "".join(f'<tr class="{cls}"><td>{e(lane)}</td>' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
                   for lane, cells, cls in rows)
    table = (f'<table class="map"><thead><tr>{"".join(f"<th>{e(h)}</th>" for h in head)}</tr></thead>'
             f"<tbody>{body}</tbody></table>")
    gaps = gap_sentences(jm, lang, k=3)
    gap_html = "".join(f"<p>{e(g)}</p>" for g in gaps) or f'<p class="muted">{e(t("gap.none", lang=lang))}</p>'
    marked = sorted(jm.marked)
    moments = (f'<p><span class="moment">{e(t("html.moments", lang=lang))}</span> {e(", ".join(marked))}</p>'
               if marked else "")
    return (f'<section><h2>{e(t("map.title", lang=lang))}</h2>{table}{moments}'
            f'<h3>{e(t("html.assumed_vs_measured", lang=lang))}</h3>'
            f"{_chart(assumed_chart(jm, lang), height=340, width=chart_width)}{gap_html}</section>")


def assumed_chart(jm: JourneyMap, lang: str = "en") -> go.Figure:
    """The measured emotion per stage with its 95% interval, and the team's assumed curves (as is, to be)."""
    labels = jm.labels
    means = [s.emotion.value for s in jm.stages]
    fig = go.Figure()
    low = [s.emotion.ci_low for s in jm.stages]
    high = [s.emotion.ci_high for s in jm.stages]
    fig.add_trace(go.Scatter(x=labels, y=means, mode="lines+markers", name=t("assumed.measured", lang=lang),
                             line=dict(color="#1565c0", width=3),
                             error_y=dict(type="data", symmetric=False,
                                          array=[None if h is None or m is None else h - m for h, m in zip(high, means)],
                                          arrayminus=[None if lo is None or m is None else m - lo
                                                      for lo, m in zip(low, means)])))
    styles = {"as_is": ("#c62828", "dash"), "to_be": ("#2e7d32", "dot")}
    for kind in ASSUMED_KINDS:
        values = jm.assumed_curve(kind)
        if any(v is not None for v in values):
            color, dash = styles[kind]
            fig.add_trace(go.Scatter(x=labels, y=values, mode="lines+markers", name=t(f"assumed.{kind}", lang=lang),
                                     line=dict(color=color, dash=dash, width=2), marker=dict(size=10),
                                     connectgaps=False))  # a stage the team left open is not drawn
    fig.update_layout(yaxis=dict(range=[-2.2, 2.2], zeroline=True, title=t("map.emotion", lang=lang)),
                      separators=charts.separators(lang), margin=dict(l=60, r=20, t=20, b=60),
                      legend=dict(orientation="h", y=-0.2))
    return fig


def _personas_section(con: duckdb.DuckDBPyConnection, lang: str) -> str:
    cards = personas(con)
    if not cards:
        return ""
    out = []
    for p in cards:
        role = t(f"role.{p.role}", lang=lang) if p.role else ""
        initial = e((p.name.strip() or "?")[0].upper())
        out.append(f'<div class="card"><div><span class="initial">{initial}</span><strong>{e(p.name)}</strong>'
                   f'{" · " + e(role) if role else ""}</div>'
                   + (f"<p>{e(p.goals)}</p>" if p.goals else "")
                   + (f'<p class="quote">“{e(p.quote)}”</p>' if p.quote else "")
                   + (f'<p class="muted">{e(t("html.persona_data", lang=lang, value=p.data_value))}</p>'
                      if p.data_value else "") + "</div>")
    return f'<section><h2>{e(t("html.personas", lang=lang))}</h2><div class="cards">{"".join(out)}</div></section>'


def _funnel_section(con: duckdb.DuckDBPyConnection, model: StageModel, filters: Filters | None, lang: str) -> str:
    df = funnel.funnel(con, model=model, filters=filters)
    trans = flows.transitions(con, model=model, filters=filters, by="stage")
    rows = [(r["label"], number(r["customers"], lang), "" if _na(r["conversion"]) else percent(r["conversion"], lang),
             number(r["dropped"] or 0, lang)) for r in _records(df)]
    ends = {"__start__": t("chart.start", lang=lang), "__end__": t("chart.end", lang=lang)}
    moves = trans[trans["source"] != trans["target"]].sort_values("count", ascending=False, kind="stable")
    flow_rows = [(ends.get(r["source"]) or r.get("source_label") or r["source"],
                  ends.get(r["target"]) or r.get("target_label") or r["target"], number(r["count"], lang),
                  "" if _na(r.get("median_days")) else decimal(r["median_days"], lang))
                 for r in _records(moves.head(20))]
    sankey = ""
    if len(trans):
        named = trans.copy()
        keys = {s.key: s.label for s in model.stages}
        named["source"] = named["source"].map(lambda k: keys.get(k, k))
        named["target"] = named["target"].map(lambda k: keys.get(k, k))
        sankey = _chart(charts.sankey(named, stage_order=model.labels, lang=lang), height=420)
    return (f'<section><h2>{e(t("nav.funnel", lang=lang))}</h2>'
            f"{_chart(charts.funnel_chart(df, lang=lang), height=360)}"
            + _table([t("col.stage", lang=lang), t("col.customers", lang=lang), t("html.conversion", lang=lang),
                      t("html.dropped", lang=lang)], rows, numeric=(1, 2, 3))
            + f'<h3>{e(t("html.flows", lang=lang))}</h3>{sankey}'
            + _table([t("col.from_stage", lang=lang), t("col.to_stage", lang=lang), t("col.customers", lang=lang),
                      t("col.median_days", lang=lang)], flow_rows, numeric=(2, 3)) + "</section>")


def _channels_section(con: duckdb.DuckDBPyConnection, model: StageModel, filters: Filters | None, lang: str) -> str:
    mat = channels.matrix(con, model=model, filters=filters)
    gaps = channels.gaps(con, model=model, filters=filters)
    heat = ""
    if len(mat):
        heat = _chart(charts.heatmap(mat, value="customers", stage_order=model.labels,
                                     value_label=t("col.customers", lang=lang), lang=lang), height=420)
    gap_html = ("<ul>" + "".join(f"<li>{e(channel_gap_sentence(r, lang))}</li>" for r in _records(gaps.head(30)))
                + "</ul>") if len(gaps) else f'<p class="muted">{e(t("html.no_gaps", lang=lang))}</p>'
    types = sorted(team_types(con).items())  # the touchpoint types the team set (the others take the default)
    types_html = "" if not types else (f'<h3>{e(t("tptype.title", lang=lang))}</h3>' + _table(
        [t("html.touchpoint", lang=lang), t("tptype.col_type", lang=lang)],
        [(tp, t(f"tptype.{kind}", lang=lang)) for tp, (kind, _v) in types]))
    return (f'<section><h2>{e(t("nav.channels", lang=lang))}</h2>{heat}'
            f'<h3>{e(t("html.gaps", lang=lang))}</h3>{gap_html}{types_html}</section>')


def channel_gap_sentence(row: dict[str, Any], lang: str = "en") -> str:
    """A gap of :func:`cjm.analyses.channels.gaps` as a sentence."""
    kind = row["kind"]
    if kind == "no_touchpoints":
        return t("gap.no_touchpoints", lang=lang, stage=row["label"])
    if kind == "channel_absent":
        return t("gap.channel_absent", lang=lang, channel=row["channel"], stage=row["label"])
    return t("gap.few_touches", lang=lang, stage=row["label"], value=decimal(row["touches_per_customer"], lang),
             typical=decimal(row["median_touches_per_customer"], lang))


def _emotions_section(con: duckdb.DuckDBPyConnection, model: StageModel, filters: Filters | None, lang: str) -> str:
    curve = emotion.curve(con, model=model, filters=filters)
    nps = emotion.nps(con, model=model, filters=filters, by="stage")
    overall = _records(emotion.nps(con, model=model, filters=filters))
    nps_line = ""
    if overall and overall[0]["n"]:
        o = overall[0]
        text = t("html.nps_overall", lang=lang, nps=decimal(o["nps"], lang, digits=0, signed=True), n=number(o["n"], lang))
        nps_line = f"<p>{e(text)}</p>"
    rows = [(c["label"], "" if _na(c["mean"]) else decimal(c["mean"], lang, digits=2, signed=True),
             number(c["n"], lang), "" if _na(n["nps"]) else decimal(n["nps"], lang, digits=0, signed=True),
             number(n["n"], lang)) for c, n in zip(_records(curve), _records(nps))]
    chart = _chart(charts.emotion_curve(curve, lang=lang), height=340) if curve["n"].sum() else ""
    return (f'<section><h2>{e(t("nav.emotions", lang=lang))}</h2>{chart}{nps_line}'
            + _table([t("col.stage", lang=lang), t("html.mean_emotion", lang=lang), "n", "NPS", "n"], rows,
                     numeric=(1, 2, 3, 4)) + "</section>")


def _pain_section(con: duckdb.DuckDBPyConnection, model: StageModel, filters: Filters | None, lang: str,
                  jm: JourneyMap) -> str:
    pains = pain_points.pain_points(con, model=model, filters=filters, top=15)
    status = {(r["stage_key"], r["touchpoint"]): r for r in _records(pain_status(con))}
    rows = []
    for r in _records(pains):
        s = status.get((r["stage"], r["touchpoint"]), {})
        quotes = pain_points.evidence(con, model=model, filters=filters, stage=int(r["stage_idx"]),
                                      touchpoint=str(r["touchpoint"]), k=3)["comment"].tolist()
        tp = ("★ " if jm.is_moment(str(r["touchpoint"])) else "") + str(r["touchpoint"])
        rows.append((number(r["rank"], lang), r["label"], tp, decimal(r["impact"], lang),
                     number(r["customers"], lang), decimal(r["mean_emotion"], lang, digits=2, signed=True),
                     t(PAIN_STATUS_KEYS[s["status"]], lang=lang) if s.get("status") in PAIN_STATUS_KEYS else "", s.get("note") or "",
                     "\n".join(f"“{q}”" for q in quotes)))
    table = _table(["#", t("col.stage", lang=lang), t("html.touchpoint", lang=lang), t("html.impact", lang=lang),
                    t("col.customers", lang=lang), t("html.mean_emotion", lang=lang), t("html.status", lang=lang),
                    t("html.note", lang=lang), t("html.quotes", lang=lang)], rows, numeric=(0, 3, 4, 5))
    return (f'<section><h2>{e(t("nav.pain", lang=lang))}</h2>'
            f'<p class="muted">{e(t("html.pain_formula", lang=lang))}</p>{table}</section>')


def _scenarios_section(con: duckdb.DuckDBPyConnection, lang: str) -> str:
    specs = scenario_specs(con)
    if not specs:
        return ""
    rows = [(name, re.sub(r"\s+", " ", spec)[:300]) for name, spec, _v in specs]
    return (f'<section><h2>{e(t("html.scenarios", lang=lang))}</h2>'
            + _table([t("html.scenario", lang=lang), t("html.levers", lang=lang)], rows) + "</section>")


def _progress_section(con: duckdb.DuckDBPyConnection, model: StageModel, filters: Filters | None, lang: str) -> str:
    found = saved_kpis(con)
    done = actions(con)
    if not found and not done:
        return ""
    out = [f'<section><h2>{e(t("nav.progress", lang=lang))}</h2>']
    if found:
        status = kpis.kpi_status(con, model=model, kpis=found, filters=filters)
        score = kpis.journey_score(status, model)
        overall = score["score"].iloc[-1]
        out.append(f'<p><strong>{e(t("progress.score", lang=lang))}: '
                   f'{e(decimal(None if pd.isna(overall) else float(overall), lang, digits=0))}</strong> · '
                   f'{e(t("kpi.score_definition", lang=lang))}</p>')
        rows = kpi_rows(status, lang)
        body = "".join(
            f'<tr><td>{e(r["stage"])}</td><td>{e(r["metric"])}</td>'
            f'<td class="status-{e(r["status_key"])}">{e(r["status"])}</td><td class="num">{e(r["value"])}</td>'
            f'<td class="num">{e(r["target"])}</td><td>{e(r["interval"])}</td><td class="num">{e(r["n"])}</td>'
            f'<td>{e(r["owner"])}</td></tr>' for r in _records(rows))
        head = "".join(f"<th>{e(t(k, lang=lang))}</th>" for k in (
            "col.stage", "progress.col_metric", "progress.col_status", "progress.col_value", "progress.col_target",
            "progress.col_interval", "progress.col_n", "progress.col_owner"))
        out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    if done:
        out.append(f'<h3>{e(t("progress.tab_actions", lang=lang))}</h3>')
        for a in done:
            where = action_where(a, dict(zip(model.keys, model.labels)))
            lines = effect_lines(effect(con, model=model, action=a, filters=filters), where, lang)
            meta = t("progress.action_meta", lang=lang, owner=a.owner or "–", due=date(a.due, lang),
                     done=date(a.done, lang))
            out.append(f'<h3>{e(a.title)}</h3><p class="muted">{e(meta)}</p>'
                       + "".join(f"<p>{e(line)}</p>" for line in lines))
        out.append(f'<p class="muted">{e(t("effect.method", lang=lang))}</p>')
    out.append("</section>")
    return "".join(out)


def build_html(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None,
               lang: str = "en", title: str | None = None, today: dt.date | None = None) -> str:
    """The whole report as one HTML document (see the module docstring)."""
    model = model.localized(lang)
    jm = with_team_lanes(journey_map(con, model=model, filters=filters), con)
    day = today or dt.date.today()
    title = title or t("html.title", lang=lang)
    cover = (f'<section class="cover"><h1>{e(title)}</h1><dl>'
             f'<dt>{e(t("html.date", lang=lang))}</dt><dd>{e(date(day, lang))}</dd>'
             f'<dt>{e(t("html.stage_model", lang=lang))}</dt><dd>{e(", ".join(model.labels))}</dd>'
             f'<dt>{e(t("html.filters", lang=lang))}</dt><dd>{e(describe_filters(filters, lang))}</dd>'
             f'</dl><p class="muted">{e(t("html.offline", lang=lang))}</p></section>')
    parts = [cover, _map_section(jm, lang), _personas_section(con, lang),
             _funnel_section(con, model, filters, lang), _channels_section(con, model, filters, lang),
             _emotions_section(con, model, filters, lang), _pain_section(con, model, filters, lang, jm),
             _scenarios_section(con, lang), _progress_section(con, model, filters, lang)]
    return (f'<!DOCTYPE html><html lang="{e(lang)}"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src \'unsafe-inline\' '
            f'\'unsafe-eval\'; style-src \'unsafe-inline\'; img-src data:; font-src data:">'
            f"<title>{e(title)}</title><style>{CSS}</style>"
            f"<script>{get_plotlyjs()}</script></head><body>{''.join(parts)}</body></html>")


MAP_CSS = """
body { max-width: none; width: 1920px; padding: 32px 40px; font-size: 18px; }
h1 { font-size: 34px; } table.map td { font-size: 16px; } table.map th { font-size: 18px; }
footer { margin-top: 18px; padding-top: 10px; border-top: 2px solid #2e7d32; color: #52606d; font-size: 16px; }
"""
#: Width of the map image in pixels (a 1920 × 1080 slide).
MAP_WIDTH = 1920


def map_html(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None,
             lang: str = "en", today: dt.date | None = None) -> str:
    """The journey map alone (the grid with the team's lanes, the assumed vs measured emotion, the largest gaps)
    as one page 1920 px wide, its title, the date and the filters in a footer: the source of the map image."""
    model = model.localized(lang)
    jm = with_team_lanes(journey_map(con, model=model, filters=filters), con)
    section = _map_section(jm, lang, chart_width=MAP_WIDTH - 80).replace("<section>", '<section class="cover">', 1)
    footer = " · ".join((t("map.title", lang=lang), date(today or dt.date.today(), lang),
                         describe_filters(filters, lang), "CJM Dashboard"))
    return (f'<!DOCTYPE html><html lang="{e(lang)}"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src \'unsafe-inline\' '
            f'\'unsafe-eval\'; style-src \'unsafe-inline\'; img-src data:; font-src data:">'
            f"<title>{e(t('map.title', lang=lang))}</title><style>{CSS}{MAP_CSS}</style>"
            f"<script>{get_plotlyjs()}</script></head><body>{section}<footer>{e(footer)}</footer></body></html>")


def map_png(con: duckdb.DuckDBPyConnection, path: str, *, model: StageModel, filters: Filters | None = None,
            lang: str = "en", today: dt.date | None = None) -> tuple[int, int]:
    """Write the map as one PNG image (:data:`MAP_WIDTH` px wide, as tall as the map) to *path*; returns its size.
    Drawn by Chromium (:mod:`cjm.present.chromium`) in a tall window, then cut below the footer."""
    from PIL import Image, ImageChops

    from cjm.present.chromium import html_to_png

    out = html_to_png(map_html(con, model=model, filters=filters, lang=lang, today=today), path,
                      width=MAP_WIDTH, height=4000)
    with Image.open(out) as img:
        rgb = img.convert("RGB")
    box = ImageChops.difference(rgb, Image.new("RGB", rgb.size, "white")).getbbox()
    bottom = min(rgb.height, (box[3] if box else rgb.height) + 32)
    rgb.crop((0, 0, rgb.width, bottom)).save(out, optimize=True)
    return rgb.width, bottom
