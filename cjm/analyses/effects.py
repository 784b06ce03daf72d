"""The measured effect of a fix: for an action marked done on a date, what changed at its stage (and touchpoint)
from before that date to after it.

Two measures, each as a difference after − before with a 95% interval:

- **emotion** at the stage/touchpoint: the mean emotion of the answers given before the done date and of those
  given on or after it; Welch's interval for the difference of two means (t with Welch–Satterthwaite degrees of
  freedom), so the two groups need not have the same spread or size;
- **conversion onward**: of the customers who first came to the stage/touchpoint before (after) the done date,
  the share who reached a later stage within *window_days* of that first visit; the Newcombe interval for a
  difference of two shares. Customers who came within *window_days* of the end of the data are left out (they
  have not had the whole window yet). Drop-off is its complement (the same change with the opposite sign).

**Verdict** per measure: *improved* when the whole interval is above 0, *worsened* when it is below 0, *no
detectable change yet* otherwise, and *too early* while fewer than two answers (customers) are on either side.

Limits (shown with every result): before/after is not an experiment. Seasonality (the after period is another
time of year), a change in who the customers are (mix shift: another campaign, another segment), and anything
else that changed on the same date also move these numbers; the interval covers sampling noise only.

>>> d, lo, hi = welch(0.5, 1.0, 40, -1.0, 1.0, 40)  # means 0.5 and −1, variances 1, 40 answers each
>>> d, round(lo, 3), round(hi, 3)
(1.5, 1.055, 1.945)
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import duckdb
import numpy as np

from cjm.analyses.emotion import t975
from cjm.analyses.funnel import difference
from cjm.analyses.relations import filtered_events
from cjm.core.filters import Filters
from cjm.core.stage_model import StageModel
from cjm.store.progress import Action

VERDICTS = ("improved", "worsened", "no_change", "too_early", "not_done")
DEFAULT_WINDOW_DAYS = 30


@dataclass(frozen=True)
class Change:
    """One measure before and after the done date: the two values with their n, the difference after − before
    with its 95% interval, and the verdict (one of :data:`VERDICTS`)."""

    measure: str
    before: float | None
    after: float | None
    n_before: int
    n_after: int
    difference: float | None
    low: float | None
    high: float | None
    verdict: str


@dataclass(frozen=True)
class Effect:
    """The effect of one action: its emotion and conversion-onward changes, and the verdict of the first measure
    that has data on both sides (emotion first)."""

    action: Action
    emotion: Change
    conversion: Change
    window_days: int

    @property
    def main(self) -> Change:
        for c in (self.emotion, self.conversion):
            if c.verdict not in ("too_early", "not_done"):
                return c
        return self.emotion if self.emotion.n_after or self.emotion.n_before else self.conversion


def welch(m1: float, v1: float, n1: int, m2: float, v2: float, n2: int) -> tuple[float, float, float]:
    """``m1 − m2`` with its 95% Welch interval, from two means, sample variances and sizes (each n ≥ 2)."""
    a, b = v1 / n1, v2 / n2
    se = math.sqrt(a + b)
    d = m1 - m2
    if se == 0:
        return d, d, d
    df = (a + b) ** 2 / (a * a / (n1 - 1) + b * b / (n2 - 1))
    half = t975(max(1, int(math.floor(df)))) * se
    return d, d - half, d + half


def _verdict(low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return "too_early"
    if low > 0:
        return "improved"
    if high < 0:
        return "worsened"
    return "no_change"


def _where(model: StageModel, action: Action) -> tuple[str, list]:
    idx = model.index(action.stage_key)
    if action.touchpoint:
        return "stage_idx = ? AND touchpoint = ?", [idx, action.touchpoint]
    return "stage_idx = ?", [idx]


def _emotion(con: duckdb.DuckDBPyConnection, model: StageModel, filters: Filters | None, action: Action,
             done: dt.datetime) -> Change:
    cond, cp = _where(model, action)
    ev_sql, ev_p = filtered_events(model=model, filters=filters, extra=(cond, cp))
    rows = {bool(after): (int(n), m, v) for after, n, m, v in con.execute(f"""
        SELECT ts >= ? AS after, count(emotion), avg(emotion), var_samp(emotion)
        FROM ({ev_sql}) WHERE emotion IS NOT NULL AND ts IS NOT NULL GROUP BY 1""", [done, *ev_p]).fetchall()}
    nb, mb, vb = rows.get(False, (0, None, None))
    na, ma, va = rows.get(True, (0, None, None))
    if nb < 2 or na < 2:
        return Change("emotion", mb, ma, nb, na, None if mb is None or ma is None else ma - mb, None, None, "too_early")
    d, lo, hi = welch(ma, va, na, mb, vb, nb)
    return Change("emotion", mb, ma, nb, na, d, lo, hi, _verdict(lo, hi))


def _conversion(con: duckdb.DuckDBPyConnection, model: StageModel, filters: Filters | None, action: Action,
                done: dt.datetime, window_days: int, end: dt.datetime) -> Change:
    idx = model.index(action.stage_key)
    cond, cp = _where(model, action)
    ev_sql, ev_p = filtered_events(model=model, filters=filters)
    cutoff = end - dt.timedelta(days=window_days)
    rows = {bool(after): (int(n), int(k)) for after, n, k in con.execute(f"""
        WITH ev AS ({ev_sql}),
             entry AS (SELECT ckey, min(ts) AS t0 FROM ev WHERE {cond} AND ts IS NOT NULL GROUP BY ckey),
             onward AS (SELECT e.ckey, min(v.ts) AS t1 FROM entry e JOIN ev v
                          ON v.ckey = e.ckey AND v.stage_idx > ? AND v.ts >= e.t0 GROUP BY e.ckey)
        SELECT t0 >= ? AS after, count(*) AS n,
               count(*) FILTER (WHERE t1 IS NOT NULL AND t1 <= t0 + to_days(?::INTEGER)) AS k
        FROM entry LEFT JOIN onward USING (ckey) WHERE t0 <= ? GROUP BY 1""",
                                                                    [*ev_p, *cp, idx, done, int(window_days), cutoff]
                                                                    ).fetchall()}
    nb, kb = rows.get(False, (0, 0))
    na, ka = rows.get(True, (0, 0))
    pb = kb / nb if nb else None
    pa = ka / na if na else None
    if nb < 2 or na < 2:
        return Change("conversion", pb, pa, nb, na, None if pa is None or pb is None else pa - pb, None, None,
                      "too_early")
    d, lo, hi = (float(x[0]) for x in difference(np.array([ka]), np.array([na]), np.array([kb]), np.array([nb])))
    return Change("conversion", pb, pa, nb, na, d, lo, hi, _verdict(lo, hi))


def effect(con: duckdb.DuckDBPyConnection, *, model: StageModel, action: Action, filters: Filters | None = None,
           window_days: int = DEFAULT_WINDOW_DAYS, as_of: dt.datetime | None = None) -> Effect:
    """The measured effect of *action* (see the module docstring). An action without a done date gets the verdict
    ``not_done`` on both measures; *as_of* is the end of the data (default: the latest event)."""
    if action.done is None:
        none = Change("emotion", None, None, 0, 0, None, None, None, "not_done")
        return Effect(action, none, Change("conversion", None, None, 0, 0, None, None, None, "not_done"), window_days)
    done = dt.datetime.combine(action.done, dt.time())
    end = as_of or con.execute("SELECT max(ts) FROM events").fetchall()[0][0] or done
    return Effect(action, _emotion(con, model, filters, action, done),
                  _conversion(con, model, filters, action, done, window_days, end), window_days)
