"""Trends: per month or quarter and per stage — customers, conversion, mean emotion, NPS — each with its 95%
interval, and a change from the period before flagged only when a stated test says it is unlikely to be noise.

Per period *p* and stage *s*:

- ``customers``: customers with an event at *s* in *p*;
- ``conversion``: of the customers who first came to the stage before *s* in *p* (a cohort), the share who reached
  *s* or later, at any time up to the end of the data (recent cohorts have had less time: read the last periods
  with care); Wilson interval;
- ``emotion``: mean emotion of the answers at *s* given in *p*; t-interval;
- ``nps``: NPS of the answers at *s* given in *p*; its interval from the variance of the +1/0/−1 scores.

**The test.** Each value is compared with the same stage's value in the period before: a two-proportion z-test
(conversion), Welch's z on the two means (emotion, NPS scores), and for customer counts the conditional test of
two Poisson counts (given their sum, the later count is binomial with the share of days the later period has).
A change is flagged when its two-sided p-value is below 0.05 divided by the number of comparisons in the table
(Bonferroni), so that over the whole table a false flag has at most a 5% chance. Unflagged changes may still be
real: small groups cannot show them.

>>> round(z_critical(1), 4), round(z_critical(20), 3)
(1.96, 3.023)
"""

from __future__ import annotations

import math
from statistics import NormalDist
from typing import Any, cast

import duckdb
import numpy as np
import pandas as pd

from cjm.analyses.emotion import t975
from cjm.analyses.funnel import wilson
from cjm.analyses.relations import filtered_events, stages_relation, with_ctes
from cjm.core.filters import Filters
from cjm.core.stage_model import StageModel

PERIODS = ("month", "quarter")
MEASURES = ("customers", "conversion", "emotion", "nps")
ALPHA = 0.05
_N = NormalDist()


def z_critical(comparisons: int, alpha: float = ALPHA) -> float:
    """The two-sided critical z for *alpha* spread over *comparisons* tests (Bonferroni)."""
    return _N.inv_cdf(1 - alpha / (2 * max(1, comparisons)))


def _p(z: float) -> float:
    return 2 * (1 - _N.cdf(abs(z)))


def _raw(con: duckdb.DuckDBPyConnection, model: StageModel, filters: Filters | None, period: str) -> pd.DataFrame:
    if period not in PERIODS:
        raise ValueError(period)
    st_sql, st_p = stages_relation(model)
    ev_sql, ev_p = filtered_events(model=model, filters=filters)
    head, params = with_ctes(("stages", st_sql, st_p), ("ev", ev_sql, ev_p))
    unit = "month" if period == "month" else "quarter"
    return con.execute(f"""{head},
        ev_p AS (SELECT *, date_trunc('{unit}', ts)::DATE AS p FROM ev WHERE ts IS NOT NULL),
        per_stage AS (
            SELECT p, stage_idx, count(DISTINCT ckey) AS customers,
                   count(emotion) AS e_n, avg(emotion) AS e_mean, var_samp(emotion) AS e_var,
                   count(nps) AS s_n,
                   avg(CASE WHEN nps >= 9 THEN 1 WHEN nps <= 6 THEN -1 ELSE 0 END) FILTER (WHERE nps IS NOT NULL) AS s_mean,
                   var_samp(CASE WHEN nps >= 9 THEN 1 WHEN nps <= 6 THEN -1 ELSE 0 END)
                       FILTER (WHERE nps IS NOT NULL) AS s_var
            FROM ev_p GROUP BY ALL),
        first_at AS (SELECT ckey, stage_idx, min(p) AS p FROM ev_p GROUP BY ALL),
        furthest AS (SELECT ckey, max(stage_idx) AS f FROM ev GROUP BY ckey),
        cohort AS (SELECT a.p, a.stage_idx + 1 AS stage_idx, count(*) AS c_n,
                          count(*) FILTER (WHERE f.f >= a.stage_idx + 1) AS c_k
                   FROM first_at a JOIN furthest f USING (ckey) GROUP BY ALL),
        periods AS (SELECT DISTINCT p FROM ev_p)
        SELECT pr.p AS period, s.stage_idx, s.stage, s.label,
               coalesce(x.customers, 0) AS customers, coalesce(c.c_n, 0) AS c_n, coalesce(c.c_k, 0) AS c_k,
               coalesce(x.e_n, 0) AS e_n, x.e_mean, x.e_var, coalesce(x.s_n, 0) AS s_n, x.s_mean, x.s_var
        FROM periods pr CROSS JOIN stages s
        LEFT JOIN per_stage x ON x.p = pr.p AND x.stage_idx = s.stage_idx
        LEFT JOIN cohort c ON c.p = pr.p AND c.stage_idx = s.stage_idx
        ORDER BY s.stage_idx, pr.p""", params).df()


def _days(period: pd.Timestamp, unit: str) -> int:
    end = period + (pd.offsets.MonthBegin(1) if unit == "month" else pd.offsets.QuarterBegin(1, startingMonth=1))
    return int((end - period).days)


def trends(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None,
           period: str = "month") -> pd.DataFrame:
    """One row per (stage, period, measure): ``stage_idx, stage, label, period, measure, value, low, high, n,
    change, p_value, flagged`` — *change* is the difference from the stage's period before (None for the first
    period, or when either side has no data), *flagged* true when the test of the module docstring says the change
    is unlikely to be noise. Periods without any event are not listed.

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> len(trends(open_workspace(":memory:").cursor(), model=preset("five-stage")))
    0
    """
    raw = _raw(con, model, filters, period)
    rows: list[tuple] = []
    prev: dict[str, tuple] | None = None
    last_stage = None
    for r in cast(list[dict[str, Any]], raw.to_dict("records")):  # by stage, then period
        if r["stage_idx"] != last_stage:
            prev, last_stage = None, r["stage_idx"]
        p = pd.Timestamp(r["period"])
        c_n, c_k = int(r["c_n"]), int(r["c_k"])
        c_lo, c_hi = (float(x[0]) for x in wilson(np.array([c_k]), np.array([c_n]))) if c_n else (None, None)
        e = _mean_ci(r["e_mean"], r["e_var"], int(r["e_n"]))
        s = _mean_ci(r["s_mean"], r["s_var"], int(r["s_n"]))
        cur: dict[str, tuple] = {
            "customers": (float(r["customers"]), None, None, int(r["customers"]), _days(p, period)),
            "conversion": (c_k / c_n if c_n else None, c_lo, c_hi, c_n, c_k),
            "emotion": (*e, int(r["e_n"]), r["e_var"]),
            "nps": (*(None if v is None else 100 * v for v in s), int(r["s_n"]), r["s_var"]),
        }
        for measure in MEASURES:
            value, low, high, n, _extra = cur[measure]
            change, z = (None, None) if prev is None else _change(measure, prev[measure], cur[measure])
            rows.append((r["stage_idx"], r["stage"], r["label"], p.date(), measure, value, low, high, n, change, z))
        prev = cur
    cols = ["stage_idx", "stage", "label", "period", "measure", "value", "low", "high", "n", "change", "z"]
    out = pd.DataFrame(rows, columns=cols)
    tested = out["z"].notna()
    crit = z_critical(int(tested.sum()))
    out["p_value"] = [None if z is None or pd.isna(z) else _p(z) for z in out["z"]]
    out["flagged"] = [bool(z is not None and not pd.isna(z) and abs(z) > crit) for z in out["z"]]
    return out.drop(columns="z")


def _mean_ci(mean, var, n: int) -> tuple[float | None, float | None, float | None]:
    if n == 0 or mean is None or pd.isna(mean):
        return None, None, None
    if n < 2 or var is None or pd.isna(var):
        return float(mean), None, None
    half = t975(n - 1) * math.sqrt(float(var) / n)
    return float(mean), float(mean) - half, float(mean) + half


def _change(measure: str, before: tuple, after: tuple) -> tuple[float | None, float | None]:
    """The change after − before and its z statistic (None when there is nothing to compare)."""
    vb, _, _, nb, xb = before
    va, _, _, na, xa = after
    if vb is None or va is None:
        return None, None
    d = va - vb
    if measure == "customers":
        total = nb + na
        if total == 0:
            return d, None
        share = xa / (xa + xb)  # the later period's share of the days
        se = math.sqrt(total * share * (1 - share))
        return d, (na - total * share) / se if se > 0 else None
    if measure == "conversion":
        kb, ka = xb, xa
        pooled = (ka + kb) / (na + nb)
        se = math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb)) if na and nb else 0
        return d, d / se if se > 0 else None
    # emotion, nps: Welch's z on the two means (nps on the −100..100 scale: the variance is of the ±1 scores)
    if nb < 2 or na < 2 or xb is None or xa is None or pd.isna(xb) or pd.isna(xa):
        return d, None
    scale = 100 if measure == "nps" else 1
    se = scale * math.sqrt(float(xb) / nb + float(xa) / na)
    return d, d / se if se > 0 else None
