"""Plotly figures from the analysis DataFrames (no streamlit here; pages only display them).

Sized and lettered for a projector: 16 px text at least, few colours, data labels on the bars. Every chart takes
the interface language *lang*: its words (axis titles, hover texts, "Start"/"End") come from the catalogue
(:func:`cjm.i18n.t`), the numbers written on it from :mod:`cjm.i18n.numbers` (Babel), and the numbers plotly
writes itself (ticks, hover values) use the language's decimal and group signs (layout ``separators``).

>>> import pandas as pd
>>> fig = funnel_chart(pd.DataFrame({"label": ["A", "B"], "customers": [2275, 4], "conversion": [1.0, 0.4]}),
...                    lang="tr")
>>> fig.data[0].type, fig.data[0].text[0], fig.layout.separators
('funnel', '2.275 (%100)', ',.')
"""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd
import plotly.graph_objects as go
from babel.numbers import get_decimal_symbol, get_group_symbol

from cjm.i18n import numbers, t

if TYPE_CHECKING:
    from cjm.analyses.journey_map import Estimate

FONT = dict(size=16)
BLUE = "#1f5fa8"
RED = "#c0392b"
GREEN = "#1e8449"
GREY = "#8a94a0"
PALETTE = ["#1f5fa8", "#e67e22", "#1e8449", "#8e44ad", "#c0392b", "#16a085", "#7f8c8d", "#d4ac0d"]


def separators(lang: str) -> str:
    """Plotly's ``separators`` for *lang*: its decimal sign, then its group sign (from CLDR, as Babel writes them).

    >>> separators("en"), separators("tr"), separators("ro")
    ('.,', ',.', ',.')
    """
    locale = numbers._locale(lang)
    return get_decimal_symbol(locale) + get_group_symbol(locale)


def _layout(fig: go.Figure, *, lang: str, height: int = 380, title: str | None = None) -> go.Figure:
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    fig.update_layout(font=FONT, height=height, margin=dict(l=10, r=10, t=50 if title else 20, b=10),
                      title=dict(text=safe(title), font=dict(size=18)) if title else None, separators=separators(lang),
                      plot_bgcolor="white", paper_bgcolor="white", legend=dict(orientation="h", y=-0.15))
    return fig


def _words(text: str) -> str:
    """Catalogue text inside a plotly template: its HTML characters escaped and a literal ``%`` kept from plotly's
    ``%{...}`` (Turkish writes "%17")."""
    return safe(text).replace("%{", "%&#123;")


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or bool(pd.isna(v))


def funnel_chart(df: pd.DataFrame, *, lang: str = "en", title: str | None = None) -> go.Figure:
    """Funnel of customers per stage (columns label, customers, conversion): each bar says its customers and their
    share of the first stage."""
    first = float(df["customers"].iloc[0]) if len(df) and df["customers"].iloc[0] else None
    counts = [numbers.number(c, lang) for c in df["customers"]]
    shares = [numbers.percent(c / first if first else None, lang) for c in df["customers"]]
    fig = go.Figure(go.Funnel(
        y=df["label"].map(safe), x=df["customers"], marker=dict(color=BLUE),
        text=[f"{c} ({s})" for c, s in zip(counts, shares)], textinfo="text", textfont=dict(size=18),
        customdata=list(zip(counts, shares)),
        hovertemplate=(f"%{{y}}<br>{_words(t('chart.customers', lang=lang))}: %{{customdata[0]}}<br>"
                       f"{_words(t('chart.first_share', lang=lang))}: %{{customdata[1]}}<extra></extra>"),
        connector=dict(line=dict(color=GREY, width=1)), cliponaxis=False))
    fig = _layout(fig, lang=lang, height=max(300, 70 * len(df) + 60), title=title)
    # room on the right for the counts written beside the narrow bars (clipped at the edge before)
    fig.update_layout(margin=dict(r=110))
    return fig


def sankey(df: pd.DataFrame, *, stage_order: list[str], lang: str = "en", fold_loops: bool = True) -> go.Figure:
    """Sankey of stage-to-stage flows (columns source, target, count; ``__start__`` / ``__end__`` for where journeys
    begin and end, labelled in *lang*). Loops folded away (they are in the table).

    >>> flows = pd.DataFrame({"source": ["__start__", "A"], "target": ["A", "__end__"], "count": [3, 1]})
    >>> list(sankey(flows, stage_order=["A"], lang="ro").data[0].node.label)
    ['Început', 'A', 'Sfârșit']
    """
    d = df.copy()
    if fold_loops:
        d = d[d["source"] != d["target"]]
    names = ["__start__", *stage_order, "__end__"]
    extra = sorted((set(d["source"]) | set(d["target"])) - set(names))
    names += extra
    index = {n: i for i, n in enumerate(names)}
    start, end = t("chart.start", lang=lang), t("chart.end", lang=lang)
    labels = [safe(start) if n == "__start__" else safe(end) if n == "__end__" else safe(n) for n in names]
    backwards = [stage_order.index(s) > stage_order.index(t_) if s in stage_order and t_ in stage_order else False
                 for s, t_ in zip(d["source"], d["target"])]
    moves = _words(t("chart.moves", lang=lang))
    fig = go.Figure(go.Sankey(
        arrangement="snap", valueformat=",d",
        node=dict(label=labels, pad=18, thickness=18,
                  color=[GREY if n in ("__start__", "__end__") else BLUE for n in names],
                  hovertemplate=f"%{{label}}<br>{moves}: %{{value:,d}}<extra></extra>"),
        link=dict(source=[index[s] for s in d["source"]], target=[index[t_] for t_ in d["target"]],
                  value=list(d["count"]),
                  color=["rgba(192,57,43,0.45)" if b else "rgba(31,95,168,0.25)" for b in backwards],
                  hovertemplate=f"%{{source.label}} → %{{target.label}}<br>{moves}: %{{value:,d}}<extra></extra>"),
    ))
    return _layout(fig, lang=lang, height=460)


def heatmap(df: pd.DataFrame, *, value: str, stage_order: list[str], value_label: str, lang: str = "en",
            title: str | None = None, diverging: bool = False) -> go.Figure:
    """Stage x channel heatmap from a long table (label, channel, <value>); *value_label* names the value."""
    pivot = df.pivot_table(index="channel", columns="label", values=value, aggfunc="sum")
    pivot = pivot.reindex(columns=[s for s in stage_order if s in pivot.columns])
    text = [["" if _missing(v) else (numbers.decimal(v, lang, signed=True) if diverging else numbers.number(v, lang))
             for v in row] for row in pivot.values]
    fig = go.Figure(go.Heatmap(
        z=pivot.values, x=[safe(c) for c in pivot.columns], y=[safe(i) for i in pivot.index], text=text,
        texttemplate="%{text}", textfont=dict(size=16), colorscale="RdYlGn" if diverging else "Blues",
        zmid=0 if diverging else None, zmin=-2 if diverging else None, zmax=2 if diverging else None,
        hovertemplate=(f"{_words(t('chart.stage', lang=lang))}: %{{x}}<br>{_words(t('chart.channel', lang=lang))}: "
                       f"%{{y}}<br>{_words(value_label)}: %{{text}}<extra></extra>"),
        hoverongaps=False, xgap=2, ygap=2))
    fig.update_xaxes(side="top")
    return _layout(fig, lang=lang, height=max(300, 46 * len(pivot.index) + 120), title=title)


def _with_n(value: str, n: Any, lang: str) -> str:
    return f"{value} ({t('unit.n', lang=lang, n=numbers.number(None if _missing(n) else float(n), lang))})"


def emotion_curve(df: pd.DataFrame, *, lang: str = "en", group: str | None = None, marks: pd.DataFrame | None = None,
                  title: str | None = None, height: int = 380) -> go.Figure:
    """Mean emotion per stage with its 95% band (columns label, mean, n, ci_low, ci_high [, group])."""
    fig = go.Figure()
    groups = [(None, df)] if not group or group not in df.columns else list(df.groupby(group, sort=True))
    for i, (name, part) in enumerate(groups):
        color = PALETTE[i % len(PALETTE)]
        x = part["label"].map(safe).tolist()
        if name is None and part["ci_low"].notna().any():
            fig.add_trace(go.Scatter(x=x + x[::-1], y=list(part["ci_high"]) + list(part["ci_low"])[::-1],
                                     fill="toself", fillcolor="rgba(31,95,168,0.15)", line=dict(width=0), mode="lines",
                                     hoverinfo="skip", showlegend=False, connectgaps=True))
        text = ["" if _missing(m) else _with_n(numbers.decimal(m, lang, digits=2, signed=True), n, lang)
                for m, n in zip(part["mean"], part["n"])]
        fig.add_trace(go.Scatter(
            x=x, y=part["mean"], mode="lines+markers+text", name=safe(name) if name is not None else "",
            line=dict(color=color, width=4), marker=dict(size=12), showlegend=name is not None,
            text=text, textposition="top center", textfont=dict(size=14), connectgaps=True,
            hovertemplate=("" if name is None else safe(name) + "<br>") + "%{x}: %{text}<extra></extra>"))
    fig.add_hline(y=0, line=dict(color=GREY, dash="dot"))
    if marks is not None and len(marks):
        for row in marks.itertuples():
            fig.add_annotation(x=safe(row.label), y=row.mean, text="▲" if row.kind == "high" else "▼",
                               showarrow=False, yshift=-28 if row.kind == "low" else 28,
                               font=dict(size=20, color=GREEN if row.kind == "high" else RED))
    fig.update_yaxes(range=[-2.2, 2.2], zeroline=False, title=_words(t("chart.emotion_axis", lang=lang)))
    return _layout(fig, lang=lang, height=height, title=title)


def nps_bars(df: pd.DataFrame, *, x: str, lang: str = "en", title: str | None = None) -> go.Figure:
    """NPS per group (columns <x>, nps, n, ci_low, ci_high)."""
    colors = [GREEN if v >= 0 else RED for v in df["nps"].fillna(0)]
    err = None
    if {"ci_low", "ci_high"} <= set(df.columns):
        err = dict(type="data", symmetric=False, array=(df["ci_high"] - df["nps"]).fillna(0),
                   arrayminus=(df["nps"] - df["ci_low"]).fillna(0), color=GREY)
    text = ["" if _missing(v) else _with_n(numbers.decimal(v, lang, digits=0, signed=True), n, lang)
            for v, n in zip(df["nps"], df["n"])]
    fig = go.Figure(go.Bar(x=df[x].map(safe), y=df["nps"], marker_color=colors, error_y=err, text=text,
                           textposition="outside", textfont=dict(size=15),
                           hovertemplate="%{x}: %{text}<extra></extra>"))
    fig.update_yaxes(range=[-110, 110], title=_words(t("map.nps", lang=lang)))
    return _layout(fig, lang=lang, height=360, title=title)


def bars_compare(df: pd.DataFrame, *, x: str, a: str, b: str, name_a: str, name_b: str, lang: str = "en",
                 title: str | None = None, y_title: str | None = None) -> go.Figure:
    """Two bars per category (baseline vs scenario, period A vs B); *y_title* names what the bars count."""
    labels = df[x].map(lambda v: "<br>".join(safe(line) for line in textwrap.wrap(str(v), 14)[:3]))
    bars = []
    for col, name, color in ((a, name_a, GREY), (b, name_b, BLUE)):
        bars.append(go.Bar(x=labels, y=df[col], name=safe(name), marker_color=color,
                           text=[_num(v, lang) for v in df[col]], textposition="outside",
                           hovertemplate=f"%{{x}}<br>{_words(name)}: %{{text}}<extra></extra>"))
    fig = go.Figure(bars)
    fig.update_layout(barmode="group")
    fig.update_xaxes(tickangle=0)
    if y_title:
        fig.update_yaxes(title=_words(y_title))
    return _layout(fig, lang=lang, height=400, title=title)


def waterfall(df: pd.DataFrame, *, lever: str, delta: str, base_label: str, total_label: str, base: float,
              lang: str = "en", title: str | None = None) -> go.Figure:
    """Waterfall of lever contributions from the baseline to the scenario (*lever*: the names of the levers,
    written in *lang* by the caller)."""
    total = base + float(df[delta].sum()) if len(df) else base
    texts = [_num(base, lang), *[numbers.decimal(v, lang, signed=True) for v in df[delta]], _num(total, lang)]
    fig = go.Figure(go.Waterfall(
        x=[safe(base_label), *df[lever].map(safe), safe(total_label)],
        measure=["absolute", *["relative"] * len(df), "total"],
        y=[base, *df[delta], 0], text=[*texts[:-1], ""], customdata=texts, textposition="outside",
        hovertemplate="%{x}: %{customdata}<extra></extra>", connector=dict(line=dict(color=GREY)),
        increasing=dict(marker=dict(color=GREEN)), decreasing=dict(marker=dict(color=RED)),
        totals=dict(marker=dict(color=BLUE))))
    return _layout(fig, lang=lang, height=380, title=title)


def _num(v: float | None, lang: str = "en") -> str:
    """A count on a bar: whole from 100 up, one decimal below (projections are fractional)."""
    if v is None or _missing(v):
        return ""
    return numbers.number(v, lang) if abs(v) >= 100 else numbers.decimal(v, lang)


def safe(text: object) -> str:
    """Data text for plotly, which reads a few HTML tags in labels: escape them so cells show as typed.

    >>> safe("<b>Acme</b> & co")
    '&lt;b&gt;Acme&lt;/b&gt; &amp; co'
    """
    return html.escape(str(text), quote=False)


def _clip(text: object, width: int) -> str:
    s = str(text)
    return s if len(s) <= width else s[: max(width - 1, 1)] + "…"


def journey_grid(stages: list[str], lanes: list[tuple[str, list[list[str]]]], curve: Sequence[Estimate] | None,
                 *, curve_lane: str, big_lane: str | None = None, height: int | None = None,
                 no_curve: str = "") -> go.Figure:
    """The journey map grid: stages as columns, lanes as rows, the emotion curve drawn across its lane.

    ``lanes`` is a list of (lane title, cells) with one list of text lines per stage; ``big_lane`` (a title)
    is drawn in large type. ``curve`` is the mean emotion per stage, one per stage (:attr:`JourneyMap.curve
    <cjm.analyses.journey_map.JourneyMap.curve>`: ``value``, ``n``, ``ci_low``, ``ci_high``); a stage whose
    ``value`` is None gets no point.
    """
    n = len(stages)
    col_px = 680 / max(n, 1)  # a column's width with the sidebar open at 1280 px
    width = max(8, int(col_px / 7.6))  # characters of 14 px text that fit a column
    head_size = 17 if n <= 5 else 15 if n <= 6 else 13
    head_width = max(6, int(col_px / (head_size * 0.66)))
    heads = [_two_lines(str(s), head_width) for s in stages]
    head_h = 1.0 if all(len(h) == 1 for h in heads) else 1.4
    rows: list[tuple[str, float]] = [("", head_h)]  # header band
    for title, cells in lanes:
        lines = max([len(c) for c in cells] + [1])
        rows.append((title, 1.1 if title == big_lane else 0.45 + 0.42 * lines))
    rows.append((curve_lane, 2.6))
    total = sum(h for _, h in rows)
    fig = go.Figure()
    y = total
    centers = []
    for i in range(n):  # alternating column bands
        fig.add_shape(type="rect", x0=i - 0.5, x1=i + 0.5, y0=0, y1=total - head_h, line=dict(width=0),
                      fillcolor="#f2f5f9" if i % 2 == 0 else "#ffffff", layer="below")
        fig.add_shape(type="path", path=_chevron(i, total - head_h, total), fillcolor=BLUE, line=dict(width=0),
                      layer="below")
    fig.add_trace(go.Scatter(x=list(range(n)), y=[total - head_h / 2] * n, mode="text",
                             hovertext=[safe(s) for s in stages], hoverinfo="text",
                             text=["<b>" + "<br>".join(safe(_clip(line, head_width)) for line in h) + "</b>"
                                   for h in heads],
                             textfont=dict(size=head_size, color="white"), showlegend=False))
    y = total - head_h
    for (title, h), lane in zip(rows[1:-1], lanes):
        centers.append((title, y - h / 2))
        fig.add_shape(type="line", x0=-0.5, x1=n - 0.5, y0=y, y1=y, line=dict(color="#d5dbe3", width=1))
        _, cells = lane
        big = title == big_lane
        text = ["<br>".join(safe(_clip(line, width)) for line in c) if c else "—" for c in cells]
        fig.add_trace(go.Scatter(x=list(range(n)), y=[y - h / 2] * n, mode="text", hoverinfo="skip", text=text,
                                 textfont=dict(size=26 if big else 14, color="#1b1f24"), showlegend=False))
        y -= h
    # the emotion lane: -2..+2 mapped into [0.2, h - 0.2]
    h = rows[-1][1]
    fig.add_shape(type="line", x0=-0.5, x1=n - 0.5, y0=y, y1=y, line=dict(color="#d5dbe3", width=1))
    centers.append((curve_lane, y - h / 2))
    mid, half = y - h / 2, (h - 0.5) / 2

    def to_y(v):
        return mid + half * (v / 2.0)

    fig.add_shape(type="line", x0=-0.5, x1=n - 0.5, y0=mid, y1=mid, line=dict(color=GREY, width=1, dash="dot"))
    points = [(i, e) for i, e in enumerate(curve or ()) if i < n and e.value is not None]
    if not points and no_curve:
        fig.add_annotation(x=(n - 1) / 2, y=mid + half / 2, text=safe(no_curve), showarrow=False,
                           font=dict(size=14, color=GREY))
    elif points:
        xs = [i for i, _ in points]
        ys = [to_y(e.value) for _, e in points]
        lo = [to_y(e.ci_low) if e.ci_low is not None else y_ for (_, e), y_ in zip(points, ys)]
        hi = [to_y(e.ci_high) if e.ci_high is not None else y_ for (_, e), y_ in zip(points, ys)]
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines+markers+text", line=dict(color=BLUE, width=4, shape="spline"),
            marker=dict(size=13, color=[GREEN if (e.value or 0) >= 0 else RED for _, e in points]),
            error_y=dict(type="data", symmetric=False, array=[h_ - y_ for h_, y_ in zip(hi, ys)],
                         arrayminus=[y_ - l_ for l_, y_ in zip(lo, ys)], color=GREY, thickness=1.5),
            text=[f"{e.value:+.1f} (n={e.n})" for _, e in points], textposition="top right",
            textfont=dict(size=13), hoverinfo="skip", showlegend=False))
    fig.update_xaxes(visible=False, range=[-0.5, n - 0.5], fixedrange=True)
    fig.update_yaxes(range=[0, total], tickvals=[cy for _, cy in centers], ticktext=[safe(t) for t, _ in centers],
                     showgrid=False, zeroline=False, fixedrange=True, tickfont=dict(size=14, color="#1b1f24"),
                     automargin=True)
    fig.update_layout(font=FONT, height=height or int(46 * total), margin=dict(l=150, r=10, t=10, b=10),
                      plot_bgcolor="white", paper_bgcolor="white")
    return fig


def _two_lines(text: str, width: int) -> list[str]:
    """*text* wrapped to at most two lines of *width* characters, the second ending in "…" when cut."""
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > 2:
        lines = [lines[0], _clip(" ".join(lines[1:]), width)]
    return lines


def _chevron(i: int, y0: float, y1: float) -> str:
    """An arrow-shaped header cell for stage *i*."""
    a, b, tip = i - 0.5, i + 0.44, 0.06
    m = (y0 + y1) / 2
    return f"M {a},{y0} L {b},{y0} L {b + tip},{m} L {b},{y1} L {a},{y1} L {a + tip},{m} Z"
