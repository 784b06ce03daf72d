"""Journey-management texts: a KPI as one line, a fix's measured effect as an honest sentence, in the interface
language with its number formats.

>>> from cjm.analyses.effects import Change
>>> effect_verdict(Change("emotion", -1.0, -0.1, 80, 70, 0.9, 0.5, 1.3, "improved"), "en")
'improved by +0.9 (95% CI +0.5 to +1.3)'
>>> effect_verdict(Change("conversion", 0.4, 0.42, 50, 12, 0.02, -0.2, 0.25, "no_change"), "en")
'no detectable change yet (+2 points, 95% CI −20 to +25; n = 12 after)'
>>> effect_verdict(Change("emotion", -1.0, 0.4, 80, 70, 1.4, 1.1, 1.7, "improved"), "tr")
'+1,4 iyileşti (%95 GA +1,1 ile +1,7 arası)'
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, cast

import pandas as pd
import plotly.graph_objects as go

from cjm.analyses.effects import Change, Effect
from cjm.i18n import t
from cjm.i18n.numbers import decimal, number, percent
from cjm.store.progress import Action


def _signed(value: float | None, measure: str, lang: str) -> str:
    if measure == "conversion":
        return t("effect.points", lang=lang, value=decimal(None if value is None else 100 * value, lang, digits=0,
                                                           signed=True))
    return decimal(value, lang, signed=True)


def _bare(value: float | None, measure: str, lang: str) -> str:
    if measure == "conversion":
        return decimal(None if value is None else 100 * value, lang, digits=0, signed=True)
    return decimal(value, lang, signed=True)


def action_where(action: Action, labels: dict[str, str]) -> str:
    """Where an action acts, for people: its stage's label (*labels*: stage key -> label), and its touchpoint.

    >>> action_where(Action("a1", "research", "Pricing page", "Show prices"), {"research": "Araştırma"})
    'Araştırma / Pricing page'
    """
    label = labels.get(action.stage_key, action.stage_key)
    return f"{label} / {action.touchpoint}" if action.touchpoint else label


def effect_verdict(change: Change, lang: str = "en") -> str:
    """The verdict of one measure as the interface says it ("improved by +0.9 (95% CI +0.5 to +1.3)")."""
    v = change.verdict
    if v in ("too_early", "not_done"):
        return t(f"effect.{v}", lang=lang, n_after=number(change.n_after, lang)) if v == "too_early" else t(
            "effect.not_done", lang=lang)
    return t(f"effect.{v}", lang=lang, change=_signed(change.difference, change.measure, lang),
             low=_bare(change.low, change.measure, lang), high=_bare(change.high, change.measure, lang),
             n_after=number(change.n_after, lang))


def effect_lines(effect: Effect, where: str, lang: str = "en") -> list[str]:
    """The two measures of an action's effect as sentences (emotion, then going on to a later stage)."""
    return [t("effect.emotion", lang=lang, where=where, verdict=effect_verdict(effect.emotion, lang)),
            t("effect.conversion", lang=lang, where=where, days=number(effect.window_days, lang),
              verdict=effect_verdict(effect.conversion, lang))]


def kpi_value(metric: str, value: float | None, lang: str = "en") -> str:
    """A KPI value in the metric's own unit: a count, a percentage, days, an emotion or an NPS."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if metric in ("conversion", "stuck_share"):
        return percent(value, lang, digits=1)
    if metric == "reached":
        return number(value, lang)
    if metric == "mean_emotion":
        return decimal(value, lang, digits=2, signed=True)
    if metric == "nps":
        return decimal(value, lang, digits=0, signed=True)
    return decimal(value, lang, digits=1)


def kpi_rows(status: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The KPI statuses as a table for people: each value in its metric's unit with its interval, in *lang*.
    Columns: kpi_id, stage, metric, value, interval, n, target, owner, status, status_key."""
    rows = []
    for r in cast(list[dict[str, Any]], status.to_dict("records")):
        m = r["metric"]
        interval = ("" if r["low"] is None or r["high"] is None or pd.isna(r["low"])
                    else f"{kpi_value(m, r['low'], lang)} – {kpi_value(m, r['high'], lang)}")
        rows.append({"kpi_id": r["kpi_id"], "stage": r["label"], "metric": t(f"kpi.metric.{m}", lang=lang),
                     "value": kpi_value(m, r["value"], lang), "interval": interval, "n": number(r["n"], lang),
                     "target": f"{'≥' if r['direction'] == 'higher' else '≤'} {kpi_value(m, r['target'], lang)}",
                     "owner": r["owner"] or "", "status": t(f"kpi.status.{r['status']}", lang=lang),
                     "status_key": r["status"]})
    return pd.DataFrame(rows, columns=["kpi_id", "stage", "metric", "value", "interval", "n", "target", "owner",
                                       "status", "status_key"])


def score_chart(score: pd.DataFrame, *, lang: str = "en", title: str = "") -> go.Figure:
    """The journey score per stage as bars (0..100; stages without KPIs left empty), the overall score as a line."""
    per = score.iloc[:-1]
    overall = score["score"].iloc[-1]
    fig = go.Figure(go.Bar(x=per["label"], y=per["score"], marker_color="#2e7d32",
                           text=[decimal(None if pd.isna(v) else v, lang, digits=0) if not pd.isna(v) else ""
                                 for v in per["score"]], textposition="outside", hoverinfo="skip"))
    if not pd.isna(overall):
        fig.add_hline(y=float(overall), line_dash="dash", line_color="#555",
                      annotation_text=decimal(float(overall), lang, digits=0), annotation_position="top left")
    fig.update_layout(title=title or None, yaxis_range=[0, 115], height=300, margin=dict(l=40, r=10, t=30 if title else 10,
                                                                                             b=60),
                      separators=",." if lang in ("tr", "ro") else ".,", showlegend=False)
    return fig


def trend_chart(trend: pd.DataFrame, measure: str, *, lang: str = "en", title: str = "",
                flagged_label: str = "") -> go.Figure:
    """One line per stage of *measure* over the periods, its 95% interval as error bars, flagged changes ringed."""
    df = trend[trend["measure"] == measure]
    fig = go.Figure()
    for _, g in df.groupby("stage_idx", sort=True):
        g = g.sort_values("period")
        if g["value"].notna().sum() == 0:
            continue
        err = None
        if g["low"].notna().any():
            err = dict(type="data", symmetric=False, array=(g["high"] - g["value"]).tolist(),
                       arrayminus=(g["value"] - g["low"]).tolist(), thickness=1)
        fig.add_trace(go.Scatter(x=g["period"], y=g["value"], name=str(g["label"].iloc[0]), mode="lines+markers",
                                 error_y=err))
    hit = df[df["flagged"]]
    if len(hit):
        fig.add_trace(go.Scatter(x=hit["period"], y=hit["value"], mode="markers", name=flagged_label,
                                 marker=dict(size=18, symbol="circle-open", color="#c62828", line=dict(width=3))))
    fig.update_layout(title=title, height=380, margin=dict(l=40, r=20, t=50, b=40),
                      separators=",." if lang in ("tr", "ro") else ".,", legend=dict(orientation="h", y=-0.15))
    return fig


def score_trend_chart(trend: pd.DataFrame, *, lang: str = "en", title: str = "") -> go.Figure:
    """The overall journey score per period (each period's KPIs over that period's events alone)."""
    fig = go.Figure(go.Scatter(x=trend["period"], y=trend["score"], mode="lines+markers+text", line_color="#2e7d32",
                               text=[decimal(v, lang, digits=0) if not pd.isna(v) else "" for v in trend["score"]],
                               textposition="top center", hoverinfo="skip"))
    fig.update_layout(title=title or None, yaxis_range=[0, 115], height=300,
                      margin=dict(l=40, r=10, t=30 if title else 10, b=40),
                      separators=",." if lang in ("tr", "ro") else ".,", showlegend=False)
    return fig


def map_rows(status: pd.DataFrame, effects: Sequence[Effect], stage_keys: Sequence[str], labels: dict[str, str],
             lang: str = "en") -> list[dict[str, Any]]:
    """Two read-only rows of the journey map: the KPIs measured at each stage with their status, and the actions
    on each stage with the verdict of their effect (the full sentences on hover). Empty rows are left out.

    >>> from cjm.analyses.effects import Change
    >>> from cjm.store.progress import Action
    >>> e = Effect(Action("a1", "b", "Call", "Call back"), Change("emotion", -1, 0.5, 9, 9, 1.5, 1.0, 2.0, "improved"),
    ...            Change("conversion", None, None, 0, 0, None, None, None, "too_early"), 30)
    >>> rows = map_rows(pd.DataFrame(), [e], ["a", "b"], {"a": "A", "b": "B"})
    >>> [r["id"] for r in rows], rows[0]["cells"][1]["items"][0]["text"]
    (['action-effects'], 'Call back: improved by +1.5 (95% CI +1.0 to +2.0)')
    """
    rows = []
    if len(status):
        cells = []
        for key in stage_keys:
            items = []
            for r in cast(list[dict[str, Any]], status[status["stage"] == key].to_dict("records")):
                m = r["metric"]
                sign = "≥" if r["direction"] == "higher" else "≤"
                state = t("kpi.status." + r["status"], lang=lang)
                text = (f"{t(f'kpi.metric.{m}', lang=lang)} {sign} {kpi_value(m, r['target'], lang)}: "
                        f"{kpi_value(m, r['value'], lang)} · {state}")
                items.append({"text": text, "title": text + (f" ({r['owner']})" if r["owner"] else "")})
            cells.append({"items": items})
        rows.append({"kind": "list", "id": "kpi-status", "label": t("progress.map_kpis", lang=lang), "cells": cells})
    if effects:
        cells = []
        for key in stage_keys:
            items = []
            for e in effects:
                if e.action.stage_key != key:
                    continue
                where = action_where(e.action, labels)
                items.append({"text": f"{e.action.title}: {effect_verdict(e.main, lang)}",
                              "title": "\n".join([e.action.title, *effect_lines(e, where, lang)])})
            cells.append({"items": items})
        rows.append({"kind": "list", "id": "action-effects", "label": t("progress.map_actions", lang=lang), "cells": cells})
    return rows
