"""The "what if" model: a baseline estimated from the events, scenarios, and projections.

Two steps, so that a slider never touches the database:

1. :func:`baseline` reads the events once (DuckDB SQL, current filters) and returns a
   :class:`Baseline` — a frozen, picklable summary: monthly inflow at the first stage,
   conversion between consecutive stages, median days per stage, value per won
   customer, the referral rate, emotion elasticities, and bootstrap draws of all of it.
2. :func:`project` turns a ``Baseline`` and a :class:`Scenario` into a :class:`Projection`
   with numpy only (well under a millisecond for a 12-month horizon).

The model (shown to the user by :meth:`Baseline.assumptions`):

- **Funnel** — furthest-stage semantics: a customer who reached stage *k* passed all
  earlier stages. A positive outcome at a decision stage (Hinge's *hired* at pre-purchase)
  counts as reaching the next stage. Conversion *at* stage *k* is the share of customers
  who reached *k* that reached *k + 1*.
- **Inflow** — customers per month at the first stage: customers in the data divided by the
  calendar months between the first and the last customer's first event (both included).
- **Won** — customers reaching the won stage (default: the second stage, e.g. Hinge's
  *client experience*; the caller may name another). **Value per won customer** = mean over
  won customers of the sum of their ``value``.
- **Referral loop** — *referral rate* = new prospects brought per won customer. From the
  data when referred customers can be seen (a touchpoint or channel at the first stage, or
  a segment, that says "referral" / "tavsiye" / "recomandare" …: rate = referred / won); else
  from advocates (a positive outcome at the last stage, or reaching an "advocacy" stage),
  assuming one referral per advocate; else ``None`` (no loop until the user sets a rate).
  Steady state, month by month: ``inflow[t] = external + rate × won[t-1]``,
  ``won[t] = inflow[t] × P(won)``; referrals made in month *t* arrive in month *t + 1*.
  ``external = observed inflow − baseline rate × observed won per month`` (the observed
  inflow already contains the referrals of the past), and ``won[0]`` = observed won per
  month. A customer flows through the whole funnel in the month they enter (a steady
  pipeline: what leaves the pipeline equals what enters it, so stage delays cancel out).
- **Fix a pain point** — raising the mean emotion at a stage (or a touchpoint of it) from
  ``x̄`` to a target changes the conversion at that stage by ``slope × (target − x̄) ×
  coverage``, where ``slope = β p̄ (1 − p̄)`` is the derivative of a logistic regression of
  "progressed to the next stage" on the customer's mean emotion at that stage, at the
  current mean, and *coverage* the share of the stage's customers who had that touchpoint
  (1 for a whole stage). Targets at or below the current mean change nothing.
- **Uncertainty** — a Poisson bootstrap over customers (each customer's weight ~ Poisson(1),
  which draws each funnel count ~ Poisson(count)), :data:`N_BOOT` draws, seeded; value per
  customer by its normal approximation; elasticities from ``β ~ Normal(β̂, se)``. A
  projection's band is the 5th–95th percentile over the draws.
- **Contributions** — levers are applied one at a time, cumulatively, in :data:`LEVER_ORDER`;
  a lever's contribution is the change it adds, so contributions sum to the total.

>>> b = Baseline.example()
>>> p = project(b, Scenario(inflow_pct=10), horizon_months=12)
>>> p.headline()["won"]["baseline"], round(p.headline()["won"]["scenario"], 6)
(60.0, 66.0)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from dataclasses import dataclass, field
from typing import Any, Literal

import duckdb
import numpy as np
import pandas as pd

from cjm.errors import CJMError
from cjm.analyses.relations import filtered_events
from cjm.core.filters import Filters
from cjm.core.stage_model import StageModel, norm
from cjm.store import Workspace, notes

#: Bootstrap draws made once in :func:`baseline`.
N_BOOT = 200
#: An elasticity needs this many customers with an emotion score at the stage / touchpoint …
MIN_CUSTOMERS = 30
#: … and at least this many who progressed and this many who did not.
MIN_EACH = 5
#: Words that mark a referred customer (matched, accent- and case-insensitive, inside the
#: first stage's touchpoint or channel, or the segment).
REFERRAL_WORDS = ("referral", "referred", "refer", "recommend", "word of mouth", "word-of-mouth", "tavsiye",
                  "referans", "recomand")
#: Assumed referrals per advocate when the data shows advocates but not referred customers.
REFERRALS_PER_ADVOCATE = 1.0
#: Stage keys that mean "advocates" when they are the last stage of the model.
ADVOCACY_STAGES = ("advocacy", "advocate")
#: The fixed order in which levers are applied for the contributions (waterfall).
LEVER_ORDER = ("inflow", "conversion", "pain point", "value", "referral rate")
DAYS_PER_MONTH = 30.4375


# ---------------------------------------------------------------------------------------------
# Baseline
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Elasticity:
    """How conversion at a stage moves with the customer's mean emotion there (logistic fit).

    ``slope`` is in conversion share per emotion point (0.05 = +5 percentage points per point
    on the −2..+2 scale) at the current mean emotion ``mean_emotion``. When the data cannot
    support an estimate, ``available`` is False and ``reason`` says why in plain words.
    """

    stage: str
    touchpoint: str | None
    n: int  # customers with an emotion score here
    n_progressed: int
    mean_emotion: float | None
    coverage: float  # share of the stage's customers this lever touches (1 for a whole stage)
    available: bool
    reason: str = ""
    # The fit (None when not available):
    intercept: float | None = None
    beta: float | None = None
    beta_se: float | None = None
    beta_ci: tuple[float, float] | None = None
    p_at_mean: float | None = None
    slope: float | None = None  # d conversion / d emotion at the mean = β p̄ (1 − p̄)
    slope_ci: tuple[float, float] | None = None
    slope_draws: np.ndarray | None = field(default=None, compare=False, repr=False)

    def describe(self, label: str | None = None) -> str:
        """One plain sentence for the page.

        >>> Elasticity("s", None, 10, 3, 0.0, 1.0, False, "only 10 customers").describe("Onboarding")
        'Onboarding: no estimate — only 10 customers.'
        """
        where = label or (self.stage if self.touchpoint is None else f"{self.stage} / {self.touchpoint}")
        if not self.available:
            return f"{where}: no estimate — {self.reason}."
        assert self.slope is not None and self.slope_ci is not None and self.mean_emotion is not None
        lo, hi = self.slope_ci
        text = (f"{where}: each emotion point more ≈ {100 * self.slope:+.1f} pp conversion "
                f"(95% CI {100 * lo:+.1f} to {100 * hi:+.1f}; n = {self.n}, mean emotion {self.mean_emotion:+.2f})")
        if lo <= 0 <= hi:
            text += "; the interval includes zero, so the data does not show a clear effect"
        return text + "."


@dataclass(frozen=True)
class Baseline:
    """What the data says now; everything :func:`project` needs, no connection inside."""

    stage_keys: tuple[str, ...]
    stage_labels: tuple[str, ...]
    won_idx: int
    customers: int
    months: int
    reached: tuple[int, ...]  # customers who reached each stage (furthest-stage semantics)
    conversion: tuple[float, ...]  # len = stages - 1; conversion[k] = reached[k+1] / reached[k]
    inflow_per_month: float
    won_per_month: float
    value_per_won: float | None
    value_customers: int
    referral_rate: float | None
    referral_source: str
    median_days: tuple[float | None, ...] = ()
    period: tuple[dt.date | None, dt.date | None] = (None, None)
    elasticities: tuple[Elasticity, ...] = ()
    seed: int = 0
    # Bootstrap draws (rows = draws); read-only arrays, not part of equality.
    inflow_draws: np.ndarray | None = field(default=None, compare=False, repr=False)
    conversion_draws: np.ndarray | None = field(default=None, compare=False, repr=False)
    won_draws: np.ndarray | None = field(default=None, compare=False, repr=False)
    value_draws: np.ndarray | None = field(default=None, compare=False, repr=False)
    referral_draws: np.ndarray | None = field(default=None, compare=False, repr=False)

    @property
    def won_stage(self) -> str:
        return self.stage_keys[self.won_idx]

    @property
    def external_inflow(self) -> float:
        """Monthly inflow that does not come from the referral loop (see the module docstring)."""
        return max(self.inflow_per_month - (self.referral_rate or 0.0) * self.won_per_month, 0.0)

    def stage_index(self, stage: str) -> int:
        """Index of a stage given by key or label (any case / accents)."""
        wanted = norm(stage)
        for i, (k, lab) in enumerate(zip(self.stage_keys, self.stage_labels)):
            if wanted in (norm(k), norm(lab)):
                return i
        raise CJMError(f'Unknown stage "{stage}". The stages are: {", ".join(self.stage_labels)}.')

    def elasticity(self, stage: str, touchpoint: str | None = None) -> Elasticity | None:
        k = self.stage_keys[self.stage_index(stage)]
        for e in self.elasticities:
            if e.stage == k and (e.touchpoint == touchpoint or (
                    touchpoint is not None and e.touchpoint is not None and norm(e.touchpoint) == norm(touchpoint))):
                return e
        return None

    def levers(self) -> pd.DataFrame:
        """The pain-point levers: stage, touchpoint, available, n, mean_emotion, slope, slope_low, slope_high,
        coverage, reason, text."""
        labels = dict(zip(self.stage_keys, self.stage_labels))
        rows = [{"stage": e.stage, "touchpoint": e.touchpoint, "available": e.available, "n": e.n,
                 "mean_emotion": e.mean_emotion, "slope": e.slope, "slope_low": e.slope_ci and e.slope_ci[0],
                 "slope_high": e.slope_ci and e.slope_ci[1], "coverage": e.coverage, "reason": e.reason,
                 "text": e.describe(labels[e.stage] + ("" if e.touchpoint is None else f" / {e.touchpoint}"))}
                for e in self.elasticities]
        return pd.DataFrame(rows, columns=["stage", "touchpoint", "available", "n", "mean_emotion", "slope",
                                           "slope_low", "slope_high", "coverage", "reason", "text"])

    def stages_table(self) -> pd.DataFrame:
        """stage, label, reached, conversion (to the next stage), median_days (time in the stage)."""
        conv = list(self.conversion) + [None]
        days = list(self.median_days) or [None] * len(self.stage_keys)
        return pd.DataFrame({"stage": list(self.stage_keys), "label": list(self.stage_labels),
                             "reached": list(self.reached), "conversion": conv, "median_days": days})

    def assumptions(self) -> list[str]:
        """The model and its inputs, in plain words (for the page and the CLI)."""
        lab = self.stage_labels
        start, end = self.period
        out = [f"{self.customers} customers entered {lab[0]} over {self.months} month(s)"
               + (f" ({start:%Y-%m} to {end:%Y-%m})" if start and end else "")
               + f": {self.inflow_per_month:.1f} per month."]
        for k, c in enumerate(self.conversion):
            out.append(f"{lab[k]} → {lab[k + 1]}: {100 * c:.1f}% of {self.reached[k]} customers went on.")
        out.append(f'"Won" = reached {lab[self.won_idx]}: {self.won_per_month:.1f} per month.')
        if self.value_per_won is None:
            out.append("No deal values in the data: revenue is not projected.")
        else:
            out.append(f"Value per won customer: {self.value_per_won:,.2f} (mean over {self.value_customers} "
                       f"won customers with a value).")
        if self.referral_rate is None:
            out.append("No referral source in the data: the referral loop is off until you set a referral rate.")
        else:
            out.append(f"Referral rate: {self.referral_rate:.3f} new prospects per won customer ({self.referral_source}); "
                       f"referrals made in one month enter {lab[0]} the next month.")
        out.append("Customers flow through the funnel in the month they enter (a steady pipeline); "
                   f"the band is the 5th–95th percentile over {self.n_boot} bootstrap draws over customers.")
        return out

    @property
    def n_boot(self) -> int:
        return 0 if self.inflow_draws is None else len(self.inflow_draws)

    @staticmethod
    def example() -> "Baseline":
        """A 3-stage baseline with round numbers (docs and tests): 10 per month, 50% and 50%, value 100.

        >>> Baseline.example().conversion
        (0.5, 0.5)
        """
        return Baseline(stage_keys=("lead", "client", "repeat"), stage_labels=("Lead", "Client", "Repeat"),
                        won_idx=1, customers=120, months=12, reached=(120, 60, 30), conversion=(0.5, 0.5),
                        inflow_per_month=10.0, won_per_month=5.0, value_per_won=100.0, value_customers=60,
                        referral_rate=None, referral_source="none", median_days=(10.0, 30.0, None))


def _referral_pattern() -> str:
    return "(" + "|".join(w.replace("-", "\\-") for w in REFERRAL_WORDS) + ")"


def baseline(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None,
             won_stage: str | None = None, n_boot: int = N_BOOT, seed: int = 0) -> Baseline:
    """Estimate the baseline from ``events`` under *filters* (one pass of SQL, then numpy).

    *won_stage*: key or label of the stage that means "won" (default: the second stage).

    >>> from cjm.store import open_workspace
    >>> from cjm.core.stage_model import preset
    >>> cur = open_workspace(":memory:").cursor()
    >>> _ = cur.execute("INSERT INTO events (seq, import_id, source_file, source_row, customer_id, ts, stage, "
    ...     "stage_idx) VALUES (1, 1, 'f', 2, 'a', '2026-01-05', 'Awareness', 0), (2, 1, 'f', 3, 'a', '2026-01-09', "
    ...     "'Research', 1), (3, 1, 'f', 4, 'b', '2026-02-01', 'Awareness', 0)")
    >>> b = baseline(cur, model=preset("five-stage"))
    >>> b.reached[:3], b.conversion[0], b.inflow_per_month
    ((2, 1, 0), 0.5, 1.0)
    """
    filters = filters or Filters()
    keys = tuple(model.keys)
    n_st = len(keys)
    if won_stage is None:
        won_idx = min(1, n_st - 1)
    else:
        wanted = norm(won_stage)
        hits = [i for i, s in enumerate(model.stages) if wanted in (norm(s.key), norm(s.label))]
        if not hits:
            raise CJMError(f'Unknown won stage "{won_stage}". The stages are: {", ".join(model.labels)}.')
        won_idx = hits[0]
    # Positive outcomes at a decision stage that is not the last promote the customer to the next stage.
    promote = [(o.key, model.index(o.stage) + 1) for o in model.outcomes
               if o.positive and o.stage in keys and model.index(o.stage) < n_st - 1]
    advocate_keys = [o.key for o in model.outcomes if o.positive and o.stage in keys and model.index(o.stage) == n_st - 1]
    promote_sql = ("CASE " + " ".join("WHEN outcome_key = ? THEN ?" for _ in promote) + " END") if promote else "NULL"
    promote_params: list[Any] = [x for pair in promote for x in pair]
    adv_sql = f"outcome_key IN ({', '.join('?' for _ in advocate_keys)})" if advocate_keys else "FALSE"
    ev_sql, ev_params = filtered_events(model=model, filters=filters, in_model=False)
    pattern = _referral_pattern()

    cur = con.cursor()  # own connection: its temp tables vanish with it
    try:
        # Referral words are matched once per distinct value, not once per event.
        cur.execute("""
            CREATE TEMP TABLE _wi_ref AS
            SELECT v FROM (SELECT DISTINCT touchpoint AS v FROM events UNION SELECT DISTINCT channel FROM events
                           UNION SELECT DISTINCT segment FROM events)
            WHERE v IS NOT NULL AND regexp_matches(lower(strip_accents(v)), ?)""", [pattern])
        # One scan of the events: per customer, stage and touchpoint.
        cur.execute(f"""
            CREATE TEMP TABLE _wi_cst AS
            SELECT customer_id, stage_idx, touchpoint,
                   min(ts) AS first_ts, sum(emotion) AS emo_sum, count(emotion) AS emo_n,
                   sum(value) AS value_sum, count(value) AS value_n,
                   bool_or((stage_idx = 0 AND (touchpoint IN (SELECT v FROM _wi_ref)
                                               OR channel IN (SELECT v FROM _wi_ref)))
                           OR segment IN (SELECT v FROM _wi_ref)) AS referred,
                   coalesce(bool_or({adv_sql}), FALSE) AS advocate,
                   max({promote_sql}) AS promoted
            FROM ({ev_sql})
            GROUP BY customer_id, stage_idx, touchpoint""",
                    [*advocate_keys, *promote_params, *ev_params])
        last_is_advocacy = keys[-1] in ADVOCACY_STAGES
        cur.execute("""
            CREATE TEMP TABLE _wi_c AS
            SELECT customer_id,
                   greatest(max(stage_idx), coalesce(max(promoted), -1)) AS furthest,
                   min(first_ts) FILTER (WHERE stage_idx IS NOT NULL) AS entry_ts,
                   sum(value_sum) AS value, sum(value_n) AS value_n,
                   bool_or(referred) AS referred, bool_or(advocate) AS advocate
            FROM _wi_cst GROUP BY customer_id HAVING count(stage_idx) > 0""")
        # Per customer and stage (with the customer's furthest stage), for time in stage and emotion.
        cur.execute("""
            CREATE TEMP TABLE _wi_cs AS
            SELECT customer_id, stage_idx, min(first_ts) AS ts, sum(emo_sum) AS emo_sum, sum(emo_n) AS emo_n,
                   any_value(c.furthest) AS furthest
            FROM _wi_cst JOIN _wi_c c USING (customer_id)
            WHERE stage_idx IS NOT NULL GROUP BY customer_id, stage_idx""")
        counts = np.zeros(n_st, dtype=np.int64)
        n_referred = 0
        n_adv = 0
        for furthest, n, nref, nadv in cur.execute(f"""
                SELECT furthest, count(*), count(*) FILTER (WHERE referred),
                       count(*) FILTER (WHERE advocate OR (? AND furthest = {n_st - 1}))
                FROM _wi_c GROUP BY furthest""", [last_is_advocacy]).fetchall():
            counts[int(furthest)] = n
            n_referred += nref
            n_adv += nadv
        n_cust = int(counts.sum())
        if n_cust == 0:
            raise CJMError(f'No events at the stages of the model "{model.name}" under the current filters. '
                           "Widen the filters, or check the stage model in Settings.")
        first, last = cur.execute("SELECT min(entry_ts), max(entry_ts) FROM _wi_c").fetchall()[0]
        if first is None:
            raise CJMError("The what-if model needs dates to work out customers per month, and none of the "
                           "selected events has one. Map a date column (timestamp) when importing.")
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        v_n, v_mean, v_sd = cur.execute(
            "SELECT count(*), avg(value), coalesce(stddev_samp(value), 0) FROM _wi_c "
            "WHERE furthest >= ? AND value_n > 0", [won_idx]).fetchall()[0]
        med = dict(cur.execute("""
            WITH nx AS (SELECT stage_idx, ts, min(ts) OVER (PARTITION BY customer_id ORDER BY stage_idx DESC
                                                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS next_ts
                        FROM _wi_cs)
            SELECT stage_idx, median(greatest(epoch(next_ts) - epoch(ts), 0) / 86400.0)
            FROM nx WHERE next_ts IS NOT NULL AND ts IS NOT NULL GROUP BY stage_idx""").fetchall())
        # Emotion: the customer's mean emotion at a stage (touchpoint NULL) or at a stage's touchpoint, rounded to
        # 0.01, and whether the customer went beyond the stage; grouped, so a few thousand rows at most.
        emo = cur.execute("""
            SELECT stage_idx, NULL AS touchpoint, round(emo_sum / emo_n, 2) AS x, count(*) AS n,
                   count(*) FILTER (WHERE furthest > stage_idx) AS k
            FROM _wi_cs WHERE emo_n > 0 GROUP BY ALL
            UNION ALL
            SELECT t.stage_idx, t.touchpoint, round(t.emo_sum / t.emo_n, 2), count(*),
                   count(*) FILTER (WHERE c.furthest > t.stage_idx)
            FROM _wi_cst t JOIN _wi_c c USING (customer_id)
            WHERE t.stage_idx IS NOT NULL AND t.touchpoint IS NOT NULL AND t.emo_n > 0 GROUP BY ALL
            ORDER BY 1, 2 NULLS FIRST, 3""").fetchall()
        reach_tp = cur.execute("""
            SELECT stage_idx, NULL, count(*) FROM _wi_cs GROUP BY stage_idx
            UNION ALL
            SELECT stage_idx, touchpoint, count(*) FROM _wi_cst
            WHERE stage_idx IS NOT NULL AND touchpoint IS NOT NULL GROUP BY ALL""").fetchall()
    finally:
        cur.close()

    reached = np.cumsum(counts[::-1])[::-1]
    conversion = tuple(float(reached[k + 1] / reached[k]) if reached[k] else 0.0 for k in range(n_st - 1))
    won = int(reached[won_idx])
    if n_referred:
        rate: float | None = n_referred / won if won else None
        source = f"{n_referred} referred customers in the data / {won} won"
    elif n_adv:
        rate = REFERRALS_PER_ADVOCATE * n_adv / won if won else None
        source = (f"{n_adv} advocates in the data / {won} won, assuming {REFERRALS_PER_ADVOCATE:g} referral "
                  "per advocate")
    else:
        rate, source = None, "no referral source in the data"
    if rate is None:
        source = "no referral source in the data" if not (n_referred or n_adv) else source + " (no won customers)"

    rng = np.random.default_rng(seed)
    count_draws = rng.poisson(counts, size=(n_boot, n_st)).astype(float)
    reach_draws = np.cumsum(count_draws[:, ::-1], axis=1)[:, ::-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        conv_draws = np.where(reach_draws[:, :-1] > 0, reach_draws[:, 1:] / np.maximum(reach_draws[:, :-1], 1),
                              np.asarray(conversion))
    inflow_draws = reach_draws[:, 0] / months
    won_draws = reach_draws[:, won_idx] / months
    value_per_won = float(v_mean) if v_n else None
    value_draws = (np.maximum(rng.normal(value_per_won, v_sd / math.sqrt(v_n), size=n_boot), 0.0)
                   if value_per_won is not None
                   else np.full(n_boot, math.nan))
    if rate is None:
        ref_draws = None
    else:
        src_n = n_referred or n_adv
        per = 1.0 if n_referred else REFERRALS_PER_ADVOCATE
        ref_draws = per * rng.poisson(src_n, size=n_boot) / np.maximum(reach_draws[:, won_idx], 1)

    elasticities = _elasticities(emo, reach_tp, keys, rng, n_boot)
    return Baseline(
        stage_keys=keys, stage_labels=tuple(model.labels), won_idx=won_idx, customers=n_cust, months=months,
        reached=tuple(int(r) for r in reached), conversion=conversion, inflow_per_month=n_cust / months,
        won_per_month=won / months, value_per_won=value_per_won, value_customers=int(v_n),
        referral_rate=rate, referral_source=source,
        median_days=tuple(None if med.get(k) is None else float(med[k]) for k in range(n_st)),
        period=(first.date(), last.date()), elasticities=elasticities, seed=seed,
        inflow_draws=_ro(inflow_draws), conversion_draws=_ro(conv_draws), won_draws=_ro(won_draws),
        value_draws=_ro(value_draws), referral_draws=None if ref_draws is None else _ro(ref_draws))


def _ro(a: np.ndarray) -> np.ndarray:
    a = np.ascontiguousarray(a, dtype=float)
    a.setflags(write=False)
    return a


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # stable for large |z|


def fit_logistic(x: np.ndarray, n: np.ndarray, k: np.ndarray) -> tuple[float, float, float, bool]:
    """Binomial logistic regression ``P(y) = σ(a + b x)`` by Newton/IRLS on grouped data.

    *x*: covariate per group, *n*: customers per group, *k*: of whom progressed.
    Returns ``(a, b, se_b, converged)``.

    >>> a, b, se, ok = fit_logistic(np.array([0., 1.]), np.array([100, 100]), np.array([50, 73]))
    >>> ok, abs(round(a, 6)), round(b, 3)  # a = logit(50/100) = 0; b = logit(0.73) - 0 ≈ 0.995
    (True, 0.0, 0.995)
    """
    X = np.column_stack([np.ones_like(x), x])
    beta = np.zeros(2)
    for _ in range(100):
        p = _sigmoid(X @ beta)
        w = n * p * (1 - p)
        hess = X.T @ (X * w[:, None])
        grad = X.T @ (k - n * p)
        try:
            step = np.linalg.solve(hess, grad)
        except np.linalg.LinAlgError:
            return math.nan, math.nan, math.nan, False
        beta = beta + step
        if not np.all(np.isfinite(beta)) or abs(beta[1]) > 50:
            return math.nan, math.nan, math.nan, False
        if np.max(np.abs(step)) < 1e-10:
            p = _sigmoid(X @ beta)
            hess = X.T @ (X * (n * p * (1 - p))[:, None])
            try:
                cov = np.linalg.inv(hess)
            except np.linalg.LinAlgError:
                return math.nan, math.nan, math.nan, False
            return float(beta[0]), float(beta[1]), float(math.sqrt(max(cov[1, 1], 0.0))), True
    return math.nan, math.nan, math.nan, False


def _elasticities(emo: list[tuple], reach_tp: list[tuple], keys: tuple[str, ...], rng: np.random.Generator,
                  n_boot: int) -> tuple[Elasticity, ...]:
    reach = {(int(s), tp): int(n) for s, tp, n in reach_tp}
    groups: dict[tuple[int, str | None], list[tuple[float, int, int]]] = {}
    for stage_idx, tp, x, n, k in emo:
        groups.setdefault((int(stage_idx), tp), []).append((float(x), int(n), int(k)))
    out: list[Elasticity] = []
    for s in range(len(keys) - 1):  # the last stage has no next stage
        stage_groups = [(s, None)] + sorted(g for g in groups if g[0] == s and g[1] is not None)
        for key in stage_groups:
            rows = groups.get(key, [])
            tp = key[1]
            x = np.array([r[0] for r in rows], dtype=float)
            n = np.array([r[1] for r in rows], dtype=float)
            k = np.array([r[2] for r in rows], dtype=float)
            n_tot, k_tot = int(n.sum()), int(k.sum())
            mean = float((x * n).sum() / n_tot) if n_tot else None
            coverage = 1.0 if tp is None else (reach.get((s, tp), 0) / reach[(s, None)] if reach.get((s, None)) else 0.0)
            common = dict(stage=keys[s], touchpoint=tp, n=n_tot, n_progressed=k_tot, mean_emotion=mean,
                          coverage=coverage)
            if n_tot == 0:
                out.append(Elasticity(**common, available=False, reason="no emotion scores at this stage"))
                continue
            if n_tot < MIN_CUSTOMERS:
                out.append(Elasticity(**common, available=False,
                                      reason=f"only {n_tot} customers with an emotion score (at least "
                                             f"{MIN_CUSTOMERS} needed)"))
                continue
            if k_tot < MIN_EACH or n_tot - k_tot < MIN_EACH:
                out.append(Elasticity(**common, available=False,
                                      reason=f"{k_tot} of {n_tot} customers went on to the next stage; at least "
                                             f"{MIN_EACH} who did and {MIN_EACH} who did not are needed"))
                continue
            if len(x) < 2:
                out.append(Elasticity(**common, available=False,
                                      reason="every customer has the same emotion score, so its effect cannot be seen"))
                continue
            a, b, se, ok = fit_logistic(x, n, k)
            if not ok:
                out.append(Elasticity(**common, available=False,
                                      reason="the emotion score separates those who went on from those who did not "
                                             "almost perfectly, so no stable estimate exists"))
                continue
            p = float(_sigmoid(np.array(a + b * mean)))
            d = p * (1 - p)
            ci = (b - 1.96 * se, b + 1.96 * se)
            out.append(Elasticity(**common, available=True, intercept=a, beta=b, beta_se=se, beta_ci=ci,
                                  p_at_mean=p, slope=b * d, slope_ci=(ci[0] * d, ci[1] * d),
                                  slope_draws=_ro(rng.normal(b, se, size=n_boot) * d)))
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# Scenario
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ConversionChange:
    """Change the conversion at *stage* (to the next stage): ``+5`` ``"pp"`` or ``+10`` ``"%"`` (relative)."""

    stage: str
    amount: float
    unit: Literal["pp", "%"] = "pp"

    def __post_init__(self) -> None:
        if self.unit not in ("pp", "%"):
            raise CJMError(f'A conversion change is in "pp" (percentage points) or "%" (relative), not "{self.unit}".')
        _finite(self.amount, "conversion change")


@dataclass(frozen=True)
class PainFix:
    """Raise the mean emotion at *stage* (or at one *touchpoint* of it) to *target* (−2..+2)."""

    stage: str
    target: float
    touchpoint: str | None = None

    def __post_init__(self) -> None:
        _finite(self.target, "emotion target")
        if not -2 <= self.target <= 2:
            raise CJMError(f"An emotion target is on the −2..+2 scale; {self.target:g} is outside it.")


def _finite(x: float, what: str) -> None:
    if not isinstance(x, (int, float)) or isinstance(x, bool) or not math.isfinite(x):
        raise CJMError(f"The {what} must be a number, not {x!r}.")


@dataclass(frozen=True)
class Scenario:
    """A set of levers; ``Scenario()`` changes nothing.

    >>> s = Scenario(conversion=[ConversionChange("research", 5)], inflow_pct=10)
    >>> Scenario.from_json(s.to_json()) == s
    True
    """

    conversion: tuple[ConversionChange, ...] = ()
    inflow_pct: float = 0.0  # +10 = 10% more new customers per month
    value_pct: float = 0.0  # +5 = value per won customer 5% higher
    referral_rate: float | None = None  # None = keep the baseline's
    fixes: tuple[PainFix, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "conversion", tuple(self.conversion))
        object.__setattr__(self, "fixes", tuple(self.fixes))
        _finite(self.inflow_pct, "inflow change")
        _finite(self.value_pct, "value change")
        if self.inflow_pct < -100 or self.value_pct < -100:
            raise CJMError("A change below −100% would make inflow or value negative; use −100% at most.")
        if self.referral_rate is not None:
            _finite(self.referral_rate, "referral rate")
            if self.referral_rate < 0:
                raise CJMError("The referral rate (new prospects per won customer) cannot be negative.")

    def is_empty(self) -> bool:
        return self == Scenario()

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    @staticmethod
    def from_dict(d: dict) -> "Scenario":
        return Scenario(conversion=tuple(ConversionChange(c["stage"], float(c["amount"]), c.get("unit", "pp"))
                                         for c in d.get("conversion", ())),
                        inflow_pct=float(d.get("inflow_pct", 0.0)), value_pct=float(d.get("value_pct", 0.0)),
                        referral_rate=None if d.get("referral_rate") is None else float(d["referral_rate"]),
                        fixes=tuple(PainFix(f["stage"], float(f["target"]), f.get("touchpoint"))
                                    for f in d.get("fixes", ())))

    @staticmethod
    def from_json(text: str) -> "Scenario":
        return Scenario.from_dict(json.loads(text))


def save_scenario(ws: Workspace, name: str, scenario: Scenario, *, expected: int | None = None) -> int:
    """Save (or replace) a named scenario (a team note: analyses stay cached); returns its version."""
    return notes.save_scenario_spec(ws, name, scenario.to_json(), expected=expected)


def load_scenarios(cur: duckdb.DuckDBPyConnection) -> dict[str, Scenario]:
    """All saved scenarios by name (in name order)."""
    out: dict[str, Scenario] = {}
    for name, spec, _version in notes.scenario_specs(cur):
        try:
            out[name] = Scenario.from_json(spec)
        except (ValueError, KeyError, TypeError) as exc:
            raise CJMError(f'The saved scenario "{name}" cannot be read ({exc}); delete it and save it again.') from None
    return out


def delete_scenario(ws: Workspace, name: str) -> bool:
    """Delete a saved scenario; True when it existed."""
    return notes.delete_scenario(ws, name)


# ---------------------------------------------------------------------------------------------
# Projection
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Params:
    """Model parameters, one row per draw (row 0 = point estimate)."""

    external: np.ndarray  # (m,)
    conv: np.ndarray  # (m, K-1)
    value: np.ndarray  # (m,)
    rate: np.ndarray  # (m,)
    won0: np.ndarray  # (m,) won per month before the horizon


@dataclass(frozen=True)
class _Run:
    new: np.ndarray  # (m,)
    reach: np.ndarray  # (m, K)
    won: np.ndarray
    revenue: np.ndarray
    referrals: np.ndarray
    monthly_new: np.ndarray  # (H,) point estimate
    monthly_won: np.ndarray  # (H,)


def _simulate(p: _Params, won_idx: int, horizon: int) -> _Run:
    m = p.conv.shape[0]
    P = np.concatenate([np.ones((m, 1)), np.cumprod(p.conv, axis=1)], axis=1)  # share reaching each stage
    p_won = P[:, won_idx]
    won_prev = p.won0
    new_tot = np.zeros(m)
    ref_tot = np.zeros(m)
    monthly_new = np.zeros(horizon)
    monthly_won = np.zeros(horizon)
    for t in range(horizon):  # months, not rows: 12 small vector steps
        new = p.external + p.rate * won_prev
        won_t = new * p_won
        new_tot = new_tot + new
        ref_tot = ref_tot + p.rate * won_t
        monthly_new[t] = new[0]
        monthly_won[t] = won_t[0]
        won_prev = won_t
    reach = new_tot[:, None] * P
    won = reach[:, won_idx]
    return _Run(new_tot, reach, won, won * p.value, ref_tot, monthly_new, monthly_won)


_METRICS = ("new_customers", "won", "revenue", "referrals")


@dataclass(frozen=True)
class Projection:
    """Baseline vs scenario over a horizon; see :meth:`table`, :meth:`headline`, :meth:`contributions`."""

    horizon_months: int
    stage_keys: tuple[str, ...]
    stage_labels: tuple[str, ...]
    won_stage: str
    has_value: bool
    base: dict[str, float]  # metric -> point estimate
    scen: dict[str, float]
    bands: dict[str, tuple[float, float]]  # "baseline.won" / "scenario.won" / "delta.won" -> (p5, p95)
    base_reach: tuple[float, ...]
    scen_reach: tuple[float, ...]
    scen_reach_band: tuple[tuple[float, float], ...]
    levers: tuple[tuple[str, str, float, float, float], ...]  # (kind, label, d_won, d_revenue, d_referrals)
    monthly_base: tuple[tuple[float, float], ...]  # (new, won) per month
    monthly_scen: tuple[tuple[float, float], ...]
    notes: tuple[str, ...] = ()

    def table(self) -> pd.DataFrame:
        """stage, label, baseline, scenario, delta, scenario_p5, scenario_p95 (customers reaching each stage)."""
        return pd.DataFrame({
            "stage": list(self.stage_keys), "label": list(self.stage_labels),
            "baseline": list(self.base_reach), "scenario": list(self.scen_reach),
            "delta": [s - b for s, b in zip(self.scen_reach, self.base_reach)],
            "scenario_p5": [b[0] for b in self.scen_reach_band], "scenario_p95": [b[1] for b in self.scen_reach_band]})

    def headline(self) -> dict[str, dict[str, float | None]]:
        """``{metric: {baseline, scenario, delta, baseline_p5, baseline_p95, scenario_p5, scenario_p95,
        delta_p5, delta_p95}}`` for new_customers, won, revenue (None without values) and referrals."""
        out: dict[str, dict[str, float | None]] = {}
        for m in _METRICS:
            if m == "revenue" and not self.has_value:
                out[m] = {k: None for k in ("baseline", "scenario", "delta", "baseline_p5", "baseline_p95",
                                            "scenario_p5", "scenario_p95", "delta_p5", "delta_p95")}
                continue
            out[m] = {"baseline": self.base[m], "scenario": self.scen[m], "delta": self.scen[m] - self.base[m],
                      "baseline_p5": self.bands[f"baseline.{m}"][0], "baseline_p95": self.bands[f"baseline.{m}"][1],
                      "scenario_p5": self.bands[f"scenario.{m}"][0], "scenario_p95": self.bands[f"scenario.{m}"][1],
                      "delta_p5": self.bands[f"delta.{m}"][0], "delta_p95": self.bands[f"delta.{m}"][1]}
        return out

    def contributions(self) -> pd.DataFrame:
        """lever, kind, delta_won, delta_revenue, delta_referrals — in :data:`LEVER_ORDER`; sums = total delta."""
        return pd.DataFrame([{"lever": label, "kind": kind, "delta_won": dw,
                              "delta_revenue": dr if self.has_value else None, "delta_referrals": dref}
                             for kind, label, dw, dr, dref in self.levers],
                            columns=["lever", "kind", "delta_won", "delta_revenue", "delta_referrals"])

    def monthly(self) -> pd.DataFrame:
        """month (1..horizon), new_baseline, new_scenario, won_baseline, won_scenario."""
        return pd.DataFrame({"month": range(1, self.horizon_months + 1),
                             "new_baseline": [r[0] for r in self.monthly_base],
                             "new_scenario": [r[0] for r in self.monthly_scen],
                             "won_baseline": [r[1] for r in self.monthly_base],
                             "won_scenario": [r[1] for r in self.monthly_scen]})

    def to_dict(self) -> dict:
        """JSON-ready (NaN → None)."""
        def clean(v: Any) -> Any:
            if isinstance(v, float) and not math.isfinite(v):
                return None
            return v
        return {"horizon_months": self.horizon_months, "won_stage": self.won_stage,
                "headline": {m: {k: clean(v) for k, v in d.items()} for m, d in self.headline().items()},
                "stages": [{k: clean(v) for k, v in r.items()} for r in self.table().to_dict("records")],
                "contributions": [{k: clean(v) for k, v in r.items()} for r in self.contributions().to_dict("records")],
                "notes": list(self.notes)}


def _base_params(b: Baseline, *, draws: bool) -> _Params:
    conv = np.asarray(b.conversion, dtype=float)[None, :]
    value = np.array([b.value_per_won if b.value_per_won is not None else math.nan])
    rate = np.array([b.referral_rate or 0.0])
    inflow = np.array([b.inflow_per_month])
    won0 = np.array([b.won_per_month])
    if draws and b.n_boot:
        conv = np.concatenate([conv, b.conversion_draws], axis=0)
        value = np.concatenate([value, b.value_draws])
        rate = np.concatenate([rate, b.referral_draws if b.referral_draws is not None else np.zeros(b.n_boot)])
        inflow = np.concatenate([inflow, b.inflow_draws])
        won0 = np.concatenate([won0, b.won_draws])
    external = np.maximum(inflow - rate * won0, 0.0)
    return _Params(external, conv, value, rate, won0)


def _lever_list(b: Baseline, s: Scenario) -> list[tuple[str, str, Any]]:
    """(kind, label, lever) in LEVER_ORDER, validated against the baseline."""
    lab = b.stage_labels
    out: list[tuple[str, str, Any]] = []
    if s.inflow_pct != 0:
        out.append(("inflow", f"Inflow {s.inflow_pct:+g}%", s.inflow_pct))
    conv = []
    for c in s.conversion:
        k = b.stage_index(c.stage)
        if k == len(b.stage_keys) - 1:
            raise CJMError(f'"{lab[k]}" is the last stage; it has no conversion to change. Choose one of: '
                           f'{", ".join(lab[:-1])}.')
        if c.amount != 0:
            conv.append((k, c))
    for k, c in sorted(conv, key=lambda t: t[0]):
        out.append(("conversion", f"Conversion {lab[k]} → {lab[k + 1]} {c.amount:+g} {c.unit}", (k, c)))
    for f in s.fixes:
        k = b.stage_index(f.stage)
        e = b.elasticity(f.stage, f.touchpoint)
        where = lab[k] + ("" if f.touchpoint is None else f" / {f.touchpoint}")
        if e is None:
            why = "it is the last stage" if k == len(b.stage_keys) - 1 else "no emotion scores there"
            raise CJMError(f"Fixing a pain point at {where} is not available: {why}.")
        if not e.available:
            raise CJMError(f"Fixing a pain point at {where} is not available: {e.reason}.")
        out.append(("pain point", f"Emotion at {where} → {f.target:+g}", (k, f, e)))
    if s.value_pct != 0:
        out.append(("value", f"Value per customer {s.value_pct:+g}%", s.value_pct))
    if s.referral_rate is not None and s.referral_rate != (b.referral_rate or 0.0):
        out.append(("referral rate", f"Referral rate {s.referral_rate:g}", s.referral_rate))
    return out


def _apply(p: _Params, kind: str, lever: Any, *, draws: bool) -> _Params:
    if kind == "inflow":
        return dataclasses.replace(p, external=p.external * (1 + lever / 100))
    if kind == "conversion":
        k, c = lever
        conv = p.conv.copy()
        conv[:, k] = conv[:, k] + c.amount / 100 if c.unit == "pp" else conv[:, k] * (1 + c.amount / 100)
        return dataclasses.replace(p, conv=np.clip(conv, 0.0, 1.0))
    if kind == "pain point":
        k, f, e = lever
        gain = max(f.target - e.mean_emotion, 0.0) * e.coverage
        slope = np.full(p.conv.shape[0], e.slope)
        if draws and e.slope_draws is not None and p.conv.shape[0] == 1 + len(e.slope_draws):
            slope[1:] = e.slope_draws
        conv = p.conv.copy()
        conv[:, k] = conv[:, k] + slope * gain
        return dataclasses.replace(p, conv=np.clip(conv, 0.0, 1.0))
    if kind == "value":
        return dataclasses.replace(p, value=p.value * (1 + lever / 100))
    if kind == "referral rate":
        return dataclasses.replace(p, rate=np.full_like(p.rate, lever))
    raise AssertionError(kind)


def _metrics(r: _Run, row: int = 0) -> dict[str, float]:
    return {"new_customers": float(r.new[row]), "won": float(r.won[row]), "revenue": float(r.revenue[row]),
            "referrals": float(r.referrals[row])}


def project(baseline: Baseline, scenario: Scenario | None = None, *, horizon_months: int = 12,
            band: bool = True) -> Projection:
    """Project baseline and *scenario* over *horizon_months* (numpy only; no database).

    >>> p = project(Baseline.example(), Scenario(conversion=[ConversionChange("lead", 10)]))
    >>> p.table()[["stage", "baseline", "scenario"]].to_dict("list")
    {'stage': ['lead', 'client', 'repeat'], 'baseline': [120.0, 60.0, 30.0], 'scenario': [120.0, 72.0, 36.0]}
    """
    b = baseline
    s = scenario or Scenario()
    if not isinstance(horizon_months, int) or isinstance(horizon_months, bool) or not 1 <= horizon_months <= 120:
        raise CJMError(f"The horizon is a whole number of months from 1 to 120, not {horizon_months!r}.")
    levers = _lever_list(b, s)
    use_draws = band and b.n_boot > 0
    p0 = _base_params(b, draws=use_draws)
    base_run = _simulate(p0, b.won_idx, horizon_months)

    # Waterfall on the point estimate, levers applied cumulatively; the band on all draws at the end.
    point = _base_params(b, draws=False)
    prev = _metrics(base_run)
    contrib: list[tuple[str, str, float, float, float]] = []
    full = p0
    for kind, label, lever in levers:
        point = _apply(point, kind, lever, draws=False)
        full = _apply(full, kind, lever, draws=use_draws)
        cur = _metrics(_simulate(point, b.won_idx, horizon_months))
        contrib.append((kind, label, cur["won"] - prev["won"], cur["revenue"] - prev["revenue"],
                        cur["referrals"] - prev["referrals"]))
        prev = cur
    scen_run = _simulate(full, b.won_idx, horizon_months) if levers else base_run
    base_m, scen_m = _metrics(base_run), _metrics(scen_run)
    if contrib:  # make the sum exact despite float rounding: the last lever takes the remainder
        kind, label, *_ = contrib[-1]
        rest = contrib[:-1]
        contrib[-1] = (kind, label,
                       (scen_m["won"] - base_m["won"]) - sum(c[2] for c in rest),
                       (scen_m["revenue"] - base_m["revenue"]) - sum(c[3] for c in rest),
                       (scen_m["referrals"] - base_m["referrals"]) - sum(c[4] for c in rest))

    def pct(a: np.ndarray) -> tuple[float, float]:
        if a.shape[0] < 2 or not np.all(np.isfinite(a[1:])):
            return (float(a[0]), float(a[0]))
        lo, hi = np.percentile(a[1:], [5, 95])
        return (float(lo), float(hi))

    bands: dict[str, tuple[float, float]] = {}
    for m, attr in (("new_customers", "new"), ("won", "won"), ("revenue", "revenue"), ("referrals", "referrals")):
        bv, sv = getattr(base_run, attr), getattr(scen_run, attr)
        bands[f"baseline.{m}"] = pct(bv)
        bands[f"scenario.{m}"] = pct(sv)
        bands[f"delta.{m}"] = pct(sv - bv)
    notes = []
    if b.referral_rate is None and s.referral_rate is None:
        notes.append("No referral source in the data and no referral rate set: the referral loop is off.")
    return Projection(
        horizon_months=horizon_months, stage_keys=b.stage_keys, stage_labels=b.stage_labels,
        won_stage=b.won_stage, has_value=b.value_per_won is not None, base=base_m, scen=scen_m, bands=bands,
        base_reach=tuple(float(x) for x in base_run.reach[0]), scen_reach=tuple(float(x) for x in scen_run.reach[0]),
        scen_reach_band=tuple(pct(scen_run.reach[:, j]) for j in range(len(b.stage_keys))),
        levers=tuple(contrib),
        monthly_base=tuple(zip(base_run.monthly_new.tolist(), base_run.monthly_won.tolist())),
        monthly_scen=tuple(zip(scen_run.monthly_new.tolist(), scen_run.monthly_won.tolist())),
        notes=tuple(notes))
