"""Plotly figures from the analysis DataFrames (no streamlit here; pages only display them).

Sized and lettered for a projector: 16 px text at least, few colours, data labels on the bars.

>>> import pandas as pd
>>> fig = funnel_chart(pd.DataFrame({"label": ["A", "B"], "customers": [10, 4], "conversion": [1.0, 0.4]}))
>>> fig.data[0].type
'funnel'
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

FONT = dict(size=16)
BLUE = "#1f5fa8"
RED = "#c0392b"
GREEN = "#1e8449"
GREY = "#8a94a0"
PALETTE = ["#1f5fa8", "#e67e22", "#1e8449", "#8e44ad", "#c0392b", "#16a085", "#7f8c8d", "#d4ac0d"]


def _layout(fig: go.Figure, *, height: int = 380, title: str | None = None) -> go.Figure:
    fig.update_layout(font=FONT, height=height, margin=dict(l=10, r=10, t=50 if title else 20, b=10),
                      title=dict(text=title, font=dict(size=18)) if title else None,
                      plot_bgcolor="white", paper_bgcolor="white", legend=dict(orientation="h", y=-0.15))
    return fig


def funnel_chart(df: pd.DataFrame, *, title: str | None = None) -> go.Figure:
    """Funnel of customers per stage (columns label, customers, conversion)."""
    fig = go.Figure(go.Funnel(y=df["label"].astype(str), x=df["customers"], marker=dict(color=BLUE),
                              texttemplate="%{value:,} (%{percentInitial:.0%})", textfont=dict(size=18),
                              connector=dict(line=dict(color=GREY, width=1))))
    return _layout(fig, height=max(300, 70 * len(df) + 60), title=title)


def sankey(df: pd.DataFrame, *, stage_order: list[str], start: str = "Start", end: str = "End",
           fold_loops: bool = True) -> go.Figure:
    """Sankey of stage-to-stage flows (columns source, target, count). Loops folded away (they are in the table)."""
    d = df.copy()
    if fold_loops:
        d = d[d["source"] != d["target"]]
    names = ["__start__", *stage_order, "__end__"]
    extra = sorted((set(d["source"]) | set(d["target"])) - set(names))
    names += extra
    index = {n: i for i, n in enumerate(names)}
    labels = [start if n == "__start__" else end if n == "__end__" else n for n in names]
    backwards = [stage_order.index(s) > stage_order.index(t) if s in stage_order and t in stage_order else False
                 for s, t in zip(d["source"], d["target"])]
    fig = go.Figure(go.Sankey(
        arrangement="snap",
        node=dict(label=labels, pad=18, thickness=18, color=[GREY if n in ("__start__", "__end__") else BLUE for n in names]),
        link=dict(source=[index[s] for s in d["source"]], target=[index[t] for t in d["target"]],
                  value=list(d["count"]),
                  color=["rgba(192,57,43,0.45)" if b else "rgba(31,95,168,0.25)" for b in backwards]),
    ))
    return _layout(fig, height=460)


def heatmap(df: pd.DataFrame, *, value: str, stage_order: list[str], title: str | None = None,
            diverging: bool = False) -> go.Figure:
    """Stage x channel heatmap from a long table (label, channel, <value>)."""
    pivot = df.pivot_table(index="channel", columns="label", values=value, aggfunc="sum")
    pivot = pivot.reindex(columns=[s for s in stage_order if s in pivot.columns])
    text = [["" if (v is None or (isinstance(v, float) and math.isnan(v))) else (f"{v:+.1f}" if diverging else f"{v:,.0f}")
             for v in row] for row in pivot.values]
    fig = go.Figure(go.Heatmap(
        z=pivot.values, x=list(pivot.columns), y=list(pivot.index), text=text, texttemplate="%{text}",
        textfont=dict(size=16), colorscale="RdYlGn" if diverging else "Blues", zmid=0 if diverging else None,
        zmin=-2 if diverging else None, zmax=2 if diverging else None, hoverongaps=False, xgap=2, ygap=2))
    fig.update_xaxes(side="top")
    return _layout(fig, height=max(300, 46 * len(pivot.index) + 120), title=title)


def emotion_curve(df: pd.DataFrame, *, group: str | None = None, marks: pd.DataFrame | None = None,
                  title: str | None = None, height: int = 380) -> go.Figure:
    """Mean emotion per stage with its 95% band (columns label, mean, n, ci_low, ci_high [, group])."""
    fig = go.Figure()
    groups = [(None, df)] if not group or group not in df.columns else list(df.groupby(group, sort=True))
    for i, (name, part) in enumerate(groups):
        color = PALETTE[i % len(PALETTE)]
        x = part["label"].astype(str).tolist()
        if name is None and part["ci_low"].notna().any():
            fig.add_trace(go.Scatter(x=x + x[::-1], y=list(part["ci_high"]) + list(part["ci_low"])[::-1],
                                     fill="toself", fillcolor="rgba(31,95,168,0.15)", line=dict(width=0),
                                     hoverinfo="skip", showlegend=False, connectgaps=True))
        fig.add_trace(go.Scatter(
            x=x, y=part["mean"], mode="lines+markers+text", name=str(name) if name is not None else "",
            line=dict(color=color, width=4), marker=dict(size=12), showlegend=name is not None,
            text=[f"{m:+.2f} (n={n})" if pd.notna(m) else "" for m, n in zip(part["mean"], part["n"])],
            textposition="top center", textfont=dict(size=14), connectgaps=True))
    fig.add_hline(y=0, line=dict(color=GREY, dash="dot"))
    if marks is not None and len(marks):
        for row in marks.itertuples():
            fig.add_annotation(x=str(row.label), y=row.mean, text="▲" if row.kind == "high" else "▼",
                               showarrow=False, yshift=-28 if row.kind == "low" else 28,
                               font=dict(size=20, color=GREEN if row.kind == "high" else RED))
    fig.update_yaxes(range=[-2.2, 2.2], zeroline=False, title="−2 … +2")
    return _layout(fig, height=height, title=title)


def nps_bars(df: pd.DataFrame, *, x: str, title: str | None = None) -> go.Figure:
    """NPS per group (columns <x>, nps, n, ci_low, ci_high)."""
    colors = [GREEN if v >= 0 else RED for v in df["nps"].fillna(0)]
    err = None
    if {"ci_low", "ci_high"} <= set(df.columns):
        err = dict(type="data", symmetric=False, array=(df["ci_high"] - df["nps"]).fillna(0),
                   arrayminus=(df["nps"] - df["ci_low"]).fillna(0), color=GREY)
    fig = go.Figure(go.Bar(x=df[x].astype(str), y=df["nps"], marker_color=colors, error_y=err,
                           text=[f"{v:+.0f} (n={n})" if pd.notna(v) else "" for v, n in zip(df["nps"], df["n"])],
                           textposition="outside", textfont=dict(size=15)))
    fig.update_yaxes(range=[-110, 110], title="NPS")
    return _layout(fig, height=360, title=title)


def bars_compare(df: pd.DataFrame, *, x: str, a: str, b: str, name_a: str, name_b: str,
                 title: str | None = None) -> go.Figure:
    """Two bars per category (baseline vs scenario, period A vs B)."""
    fig = go.Figure([
        go.Bar(x=df[x].astype(str), y=df[a], name=name_a, marker_color=GREY, text=df[a].map(_num),
               textposition="outside"),
        go.Bar(x=df[x].astype(str), y=df[b], name=name_b, marker_color=BLUE, text=df[b].map(_num),
               textposition="outside"),
    ])
    fig.update_layout(barmode="group")
    return _layout(fig, height=380, title=title)


def waterfall(df: pd.DataFrame, *, lever: str, delta: str, base_label: str, total_label: str, base: float,
              title: str | None = None) -> go.Figure:
    """Waterfall of lever contributions from the baseline to the scenario."""
    fig = go.Figure(go.Waterfall(
        x=[base_label, *df[lever].astype(str), total_label],
        measure=["absolute", *["relative"] * len(df), "total"],
        y=[base, *df[delta], 0], text=[_num(base), *[f"{v:+,.1f}" for v in df[delta]], ""],
        textposition="outside", connector=dict(line=dict(color=GREY)),
        increasing=dict(marker=dict(color=GREEN)), decreasing=dict(marker=dict(color=RED)),
        totals=dict(marker=dict(color=BLUE))))
    return _layout(fig, height=380, title=title)


def _num(v: float) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.1f}"
