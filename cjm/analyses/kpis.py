"""KPIs with targets: each KPI's value at its stage with a 95% interval, its status, and the journey score.

A KPI measures one of six things at a stage (:data:`cjm.store.progress.METRICS`):

- ``reached``: customers who reached the stage (their furthest stage is it or later) — a count of the data as it
  is, so no interval;
- ``conversion``: of the customers who reached the previous stage, the share who reached this one (Wilson
  interval);
- ``median_days``: median days customers spend in the stage (:func:`cjm.analyses.funnel.time_in_stage`), with
  the distribution-free interval of a median (order statistics j = ⌊n/2 − 1.96·√n/2⌋ and k = ⌈1 + n/2 +
  1.96·√n/2⌉, Conover 1999);
- ``mean_emotion``: mean emotion −2..+2 with its t-interval (:func:`cjm.analyses.emotion.curve`);
- ``nps``: NPS −100..100 of the answers at the stage with its interval (:func:`cjm.analyses.emotion.nps`);
- ``stuck_share``: of the customers who reached the stage, the share stuck there now (Wilson interval; "stuck"
  as :func:`cjm.analyses.funnel.stuck_summary` defines it).

**Status**: *met* when the whole interval is on the good side of the target, *missed* when the whole interval is
on the bad side, *can't tell yet* when the interval straddles the target (or there are no data). A value without
an interval (``reached``) is met or missed as it stands.

**Journey score** of a stage: 100 × (KPIs met + ½ × KPIs that can't tell yet) / KPIs of the stage; overall: the
same over every KPI. 100 means every KPI is met, 0 that every one is missed.

>>> status(0.5, 0.45, 0.55, 0.4, "higher"), status(0.5, 0.35, 0.55, 0.4, "higher")
('met', 'unclear')
>>> status(3, None, None, 5, "lower", exact=True), status(1.0, None, None, 0.5, "higher")
('met', 'unclear')
>>> score(["met", "unclear", "missed", "met"])
62.5
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Sequence
from typing import Any, cast

import duckdb
import numpy as np
import pandas as pd

from cjm.analyses import emotion, funnel
from cjm.analyses.relations import days_sql, ordered_table
from cjm.analyses.touchpoint_types import touchpoint_types
from cjm.core.filters import Filters
from cjm.core.stage_model import StageModel
from cjm.store.progress import Kpi

STATUSES = ("met", "unclear", "missed")
_Z = 1.959963984540054


def status(value: float | None, low: float | None, high: float | None, target: float, direction: str, *,
           exact: bool = False) -> str:
    """``met``, ``missed`` or ``unclear`` (the interval straddles the target, or there is no value). An *exact*
    value (a count of the data) has no interval and is judged as it stands; any other value without an interval
    (a single answer) can't tell yet."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "unclear"
    if low is None or high is None or any(isinstance(x, float) and math.isnan(x) for x in (low, high)):
        if not exact:
            return "unclear"
        low = high = value
    if direction == "lower":
        low, high, target = -high, -low, -target
    if low >= target:
        return "met"
    if high < target:
        return "missed"
    return "unclear"


def score(statuses: Sequence[str]) -> float | None:
    """The journey score of a set of KPI statuses (None when there is none)."""
    if not statuses:
        return None
    points = {"met": 1.0, "unclear": 0.5, "missed": 0.0}
    return 100 * sum(points[s] for s in statuses) / len(statuses)


def _median_days(con: duckdb.DuckDBPyConnection, model: StageModel, filters: Filters | None) -> pd.DataFrame:
    """Per stage: n, median days in the stage and its distribution-free 95% interval (see the module docstring;
    the same per-customer times as :func:`funnel.time_in_stage`)."""
    seq_sql, params = ordered_table(con, model=model, filters=filters, columns=("stage_idx",))
    z = _Z
    return con.execute(f"""
        WITH per AS (SELECT ckey::BIGINT * 64 + stage_idx AS k, sum({days_sql('next_ts', 'ts')}) AS d
                     FROM {seq_sql} WHERE NOT is_last GROUP BY k),
             g AS (SELECT (k % 64)::INTEGER AS stage_idx, list_sort(list(d) FILTER (WHERE d IS NOT NULL)) AS ds
                   FROM per GROUP BY 1),
             n AS (SELECT stage_idx, ds, len(ds) AS n FROM g)
        SELECT stage_idx, n, list_aggregate(ds, 'median')::DOUBLE AS value,
               ds[greatest(1, floor(n / 2 - {z!r} * sqrt(n) / 2))::INTEGER] AS low,
               ds[least(n, ceil(1 + n / 2 + {z!r} * sqrt(n) / 2))::INTEGER] AS high
        FROM n WHERE n > 0""", params).df()


def values(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None) -> pd.DataFrame:
    """Every metric at every stage: ``stage_idx, stage, label, metric, value, low, high, n`` (value NaN and n 0
    where the data say nothing; low/high NaN where there is no interval).

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> v = values(open_workspace(":memory:").cursor(), model=preset("five-stage"))
    >>> sorted(v["metric"].unique()) == sorted(["reached", "conversion", "median_days", "mean_emotion", "nps",
    ...                                         "stuck_share"]), len(v)
    (True, 30)
    """
    fun = funnel.funnel(con, model=model, filters=filters)
    customers = fun["customers"].to_numpy(dtype=float)
    prev = np.concatenate([[np.nan], customers[:-1]])
    lo, hi = funnel.wilson(customers, prev)
    stuck = funnel.stuck_summary(con, model=model, filters=filters)["stuck"].to_numpy(dtype=float)
    s_lo, s_hi = funnel.wilson(stuck, customers)
    curve = emotion.curve(con, model=model, filters=filters)
    nps = emotion.nps(con, model=model, filters=filters, by="stage")
    med = _median_days(con, model, filters).set_index("stage_idx")
    rows = []
    for i, (key, label) in enumerate(zip(model.keys, model.labels)):
        with np.errstate(divide="ignore", invalid="ignore"):
            conv = customers[i] / prev[i] if i > 0 and prev[i] > 0 else np.nan
            share = stuck[i] / customers[i] if customers[i] > 0 else np.nan
        m = med.loc[i] if i in med.index else None
        c, p = curve.iloc[i], nps.iloc[i]
        for metric, value, low, high, n in (
                ("reached", customers[i], np.nan, np.nan, customers[i]),
                ("conversion", conv, lo[i] if i > 0 else np.nan, hi[i] if i > 0 else np.nan, prev[i] if i > 0 else 0),
                ("median_days", *((np.nan, np.nan, np.nan, 0) if m is None else (m["value"], m["low"], m["high"],
                                                                                 m["n"]))),
                ("mean_emotion", c["mean"], c["ci_low"], c["ci_high"], c["n"]),
                ("nps", p["nps"], p["ci_low"], p["ci_high"], p["n"]),
                ("stuck_share", share, s_lo[i], s_hi[i], customers[i])):
            rows.append((i, key, label, metric, value, low, high, int(n)))
    out = pd.DataFrame(rows, columns=["stage_idx", "stage", "label", "metric", "value", "low", "high", "n"])
    for col in ("value", "low", "high"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype(float)
    return out


def _f(x) -> float | None:
    return None if x is None or pd.isna(x) else float(x)


def kpi_status(con: duckdb.DuckDBPyConnection, *, model: StageModel, kpis: Sequence[Kpi],
               filters: Filters | None = None) -> pd.DataFrame:
    """Each KPI with its value, interval, n and status: ``kpi_id, stage_idx, stage, label, metric, target,
    direction, owner, breakdown, value, low, high, n, status``. A KPI broken down by a touchpoint type counts only
    the events at touchpoints of that type (:mod:`cjm.analyses.touchpoint_types`). A KPI whose stage is not in the
    model is left out."""
    cols = ["kpi_id", "stage_idx", "stage", "label", "metric", "target", "direction", "owner", "breakdown", "value",
            "low", "high", "n", "status"]
    if not kpis:
        return pd.DataFrame(columns=cols)
    base = filters or Filters()
    found: dict[str | None, dict[tuple[str, str], dict[str, Any]]] = {}
    for breakdown in sorted({k.breakdown for k in kpis}, key=lambda b: b or ""):
        flt = base
        if breakdown is not None:
            types = touchpoint_types(con, model=model, filters=base)
            chosen = tuple(types.loc[types["type"] == breakdown, "touchpoint"])
            flt = dataclasses.replace(base, touchpoints=chosen or ("\x00 none",))  # no touchpoint of the type: none
        rows_of = cast(list[dict[str, Any]], values(con, model=model, filters=flt).to_dict("records"))
        found[breakdown] = {(r["stage"], r["metric"]): r for r in rows_of}
    rows = []
    for k in kpis:
        r = found[k.breakdown].get((k.stage_key, k.metric))
        if r is None:
            continue
        val, low, high = _f(r["value"]), _f(r["low"]), _f(r["high"])
        rows.append((k.kpi_id, int(r["stage_idx"]), k.stage_key, r["label"], k.metric, k.target, k.direction, k.owner,
                     k.breakdown, val, low, high, int(r["n"]),
                     status(val, low, high, k.target, k.direction, exact=k.metric == "reached")))
    return pd.DataFrame(rows, columns=cols)


def score_trend(con: duckdb.DuckDBPyConnection, *, model: StageModel, kpis: Sequence[Kpi],
                filters: Filters | None = None, period: str = "quarter") -> pd.DataFrame:
    """The overall journey score per month or quarter: each KPI's status over the events of that period alone.
    Columns ``period, kpis, met, unclear, missed, score`` (periods with events only).

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> len(score_trend(open_workspace(":memory:").cursor(), model=preset("five-stage"), kpis=[]))
    0
    """
    cols = ["period", "kpis", "met", "unclear", "missed", "score"]
    base = filters or Filters()
    unit = "month" if period == "month" else "quarter"
    firsts = [r[0] for r in con.execute(f"SELECT DISTINCT date_trunc('{unit}', ts)::DATE FROM events "
                                        "WHERE ts IS NOT NULL ORDER BY 1").fetchall()] if kpis else []
    rows = []
    for start in firsts:
        end = (pd.Timestamp(start) + (pd.offsets.MonthBegin(1) if unit == "month" else pd.offsets.QuarterBegin(
            1, startingMonth=1))).date() - dt.timedelta(days=1)
        lo = max(start, base.start) if base.start else start
        hi = min(end, base.end) if base.end else end
        if lo > hi:
            continue
        st = kpi_status(con, model=model, kpis=kpis, filters=dataclasses.replace(base, start=lo, end=hi))
        s = st["status"].tolist()
        rows.append((start, len(s), s.count("met"), s.count("unclear"), s.count("missed"), score(s)))
    out = pd.DataFrame(rows, columns=cols)
    out["score"] = pd.to_numeric(out["score"], errors="coerce").astype(float)
    return out


def journey_score(status_df: pd.DataFrame, model: StageModel) -> pd.DataFrame:
    """The journey score per stage (NaN for a stage without KPIs) and overall (the last row, stage None):
    ``stage_idx, stage, label, kpis, met, unclear, missed, score``."""
    st = pd.DataFrame({"stage_idx": range(len(model.stages)), "stage": model.keys, "label": model.labels})
    rows = []
    for r in st.itertuples():
        s = status_df.loc[status_df["stage_idx"] == r.stage_idx, "status"].tolist() if len(status_df) else []
        rows.append((r.stage_idx, r.stage, r.label, len(s), s.count("met"), s.count("unclear"), s.count("missed"),
                     score(s)))
    s = status_df["status"].tolist() if len(status_df) else []
    rows.append((None, None, None, len(s), s.count("met"), s.count("unclear"), s.count("missed"), score(s)))
    out = pd.DataFrame(rows, columns=["stage_idx", "stage", "label", "kpis", "met", "unclear", "missed", "score"])
    out["score"] = pd.to_numeric(out["score"], errors="coerce").astype(float)
    return out


