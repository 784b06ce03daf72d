"""The what-if baseline: what the data says now, read once (DuckDB SQL, then numpy) into a frozen, picklable
:class:`Baseline` — inflow, conversion, time in stage, value per won customer, the referral rate, emotion
elasticities (:class:`Elasticity`, :func:`fit_logistic`) and bootstrap draws of all of it. The model is described
in :mod:`cjm.analyses.what_if`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from cjm.analyses.relations import filtered_events
from cjm.core.filters import Filters
from cjm.core.stage_model import Stage, StageModel, norm
from cjm.errors import CJMError, Message, Number, render
from cjm.store.kept import value_agg, value_reading

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

    def describe(self, label: str | None = None) -> Message:
        """One plain sentence for the page.

        >>> Elasticity("s", None, 10, 3, 0.0, 1.0, False, "only 10 customers").describe("Onboarding")
        'Onboarding: no estimate — only 10 customers.'
        """
        where = label or (self.stage if self.touchpoint is None else f"{self.stage} / {self.touchpoint}")
        if not self.available:
            return Message("whatif.elasticity.none", where=where, reason=self.reason)
        assert self.slope is not None and self.slope_ci is not None and self.mean_emotion is not None
        lo, hi = self.slope_ci
        return Message("whatif.elasticity.unclear" if lo <= 0 <= hi else "whatif.elasticity.clear", where=where,
                       slope=Number(100 * self.slope, "signed"), low=Number(100 * lo, "signed"),
                       high=Number(100 * hi, "signed"), n=self.n,
                       mean=Number(self.mean_emotion, "signed", 2))


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
    won_assumed: bool = False  # the model names no won stage and none was given: the second stage was assumed
    value_reading: str = "customer"  # how a customer's value was read (cjm.store.kept.value_reading)
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
        """Index of a stage given by key or label (any case / accents), as :meth:`StageModel.index` finds it."""
        stages = tuple(Stage(k, lab) for k, lab in zip(self.stage_keys, self.stage_labels))
        return StageModel("baseline", stages).index(stage)

    def elasticity(self, stage: str, touchpoint: str | None = None) -> Elasticity | None:
        k = self.stage_keys[self.stage_index(stage)]
        for e in self.elasticities:
            if e.stage == k and (e.touchpoint == touchpoint or (
                    touchpoint is not None and e.touchpoint is not None and norm(e.touchpoint) == norm(touchpoint))):
                return e
        return None

    def levers(self, lang: str = "en") -> pd.DataFrame:
        """The pain-point levers: stage, touchpoint, available, n, mean_emotion, slope, slope_low, slope_high,
        coverage, reason, text (reason and text in *lang*: ``en``, ``tr``, ``ro``)."""
        labels = dict(zip(self.stage_keys, self.stage_labels))
        rows = [{"stage": e.stage, "touchpoint": e.touchpoint, "available": e.available, "n": e.n,
                 "mean_emotion": e.mean_emotion, "slope": e.slope, "slope_low": e.slope_ci and e.slope_ci[0],
                 "slope_high": e.slope_ci and e.slope_ci[1], "coverage": e.coverage,
                 "reason": None if e.reason is None else render(e.reason, lang),
                 "text": render(e.describe(labels[e.stage] + ("" if e.touchpoint is None else f" / {e.touchpoint}")),
                                lang)}
                for e in self.elasticities]
        return pd.DataFrame(rows, columns=["stage", "touchpoint", "available", "n", "mean_emotion", "slope",
                                           "slope_low", "slope_high", "coverage", "reason", "text"])

    def stages_table(self) -> pd.DataFrame:
        """stage, label, reached, conversion (to the next stage), median_days (time in the stage)."""
        conv = list(self.conversion) + [None]
        days = list(self.median_days) or [None] * len(self.stage_keys)
        return pd.DataFrame({"stage": list(self.stage_keys), "label": list(self.stage_labels),
                             "reached": list(self.reached), "conversion": conv, "median_days": days})

    def assumptions(self) -> list[Message]:
        """The model and its inputs, in plain words (for the page and the CLI): :class:`~cjm.errors.Message`
        objects, English as ``str``, ``m.message(lang)`` in another language."""
        lab = self.stage_labels
        start, end = self.period
        per_month = Number(self.inflow_per_month)
        if start and end:
            out = [Message("whatif.assume.inflow_period", customers=self.customers, stage=lab[0], months=self.months,
                           start=f"{start:%Y-%m}", end=f"{end:%Y-%m}", per_month=per_month)]
        else:
            out = [Message("whatif.assume.inflow", customers=self.customers, stage=lab[0], months=self.months,
                           per_month=per_month)]
        for k, c in enumerate(self.conversion):
            out.append(Message("whatif.assume.conversion", stage=lab[k], next=lab[k + 1],
                               pct=Number(c, "percent", 1), n=self.reached[k]))
        out.append(Message("whatif.assume.won_assumed" if self.won_assumed else "whatif.assume.won",
                           stage=lab[self.won_idx], per_month=Number(self.won_per_month)))
        if self.value_per_won is None:
            out.append(Message("whatif.assume.no_values"))
        else:
            out.append(Message("whatif.assume.value_once" if self.value_reading == "customer"
                               else "whatif.assume.value_summed",
                               value=Number(self.value_per_won, "decimal", 2), n=self.value_customers))
        if self.referral_rate is None:
            out.append(Message("whatif.assume.no_referrals"))
        else:
            out.append(Message("whatif.assume.referrals", rate=Number(self.referral_rate, "decimal", 3),
                               source=self.referral_source, stage=lab[0]))
        out.append(Message("whatif.assume.steady", n=self.n_boot))
        return out

    @property
    def n_boot(self) -> int:
        return 0 if self.inflow_draws is None else len(self.inflow_draws)

    @staticmethod
    def example() -> Baseline:
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

    *won_stage*: key or label of the stage that means "won" (default: the stage model's won stage,
    :attr:`~cjm.core.stage_model.StageModel.won`; a model that names none: the second stage, said in the
    assumptions). A customer's value is read as the funnel and pain points read it
    (:func:`cjm.store.kept.value_reading`): a customer attribute taken once, or amounts per event summed.

    >>> from cjm.store import insert_events, open_workspace
    >>> from cjm.core.stage_model import preset
    >>> cur = open_workspace(":memory:").cursor()
    >>> insert_events(cur, ["seq", "import_id", "source_file", "source_row", "customer_id", "ts", "stage", "stage_idx"],
    ...               "VALUES (1, 1, 'f', 2, 'a', TIMESTAMP '2026-01-05', 'Awareness', 0), "
    ...               "(2, 1, 'f', 3, 'a', TIMESTAMP '2026-01-09', 'Research', 1), "
    ...               "(3, 1, 'f', 4, 'b', TIMESTAMP '2026-02-01', 'Awareness', 0)")
    3
    >>> b = baseline(cur, model=preset("five-stage"))
    >>> b.reached[:3], b.conversion[0], b.inflow_per_month
    ((2, 1, 0), 0.5, 1.0)
    """
    filters = filters or Filters()
    keys = tuple(model.keys)
    n_st = len(keys)
    model_won = model.won_index()
    won_idx = model.index(won_stage) if won_stage is not None else (
        model_won if model_won is not None else min(1, n_st - 1))
    won_said = won_stage is not None or model_won is not None
    # Positive outcomes at a decision stage that is not the last promote the customer to the next stage.
    promote = [(o.key, model.index(o.stage) + 1) for o in model.outcomes
               if o.positive and o.stage in keys and model.index(o.stage) < n_st - 1]
    advocate_keys = [o.key for o in model.outcomes if o.positive and o.stage in keys and model.index(o.stage) == n_st - 1]
    promote_sql = ("CASE " + " ".join("WHEN outcome_key = ? THEN ?" for _ in promote) + " END") if promote else "NULL"
    promote_params: list[Any] = [x for pair in promote for x in pair]
    adv_sql = f"outcome_key IN ({', '.join('?' for _ in advocate_keys)})" if advocate_keys else "FALSE"
    ev_sql, ev_params = filtered_events(model=model, filters=filters, in_model=False)
    pattern = _referral_pattern()
    reading = value_reading(con)  # a customer's value: one meaning with the funnel and pain points

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
                   {value_agg(reading)} FILTER (WHERE stage_idx IS NOT NULL) AS value_sum,
                   count(value) FILTER (WHERE stage_idx IS NOT NULL) AS value_n,
                   bool_or((stage_idx = 0 AND (touchpoint IN (SELECT v FROM _wi_ref)
                                               OR channel IN (SELECT v FROM _wi_ref)))
                           OR segment IN (SELECT v FROM _wi_ref)) AS referred,
                   coalesce(bool_or({adv_sql}), FALSE) AS advocate,
                   max({promote_sql}) AS promoted
            FROM ({ev_sql})
            GROUP BY customer_id, stage_idx, touchpoint""",
                    [*advocate_keys, *promote_params, *ev_params])
        last_is_advocacy = keys[-1] in ADVOCACY_STAGES
        cur.execute(f"""
            CREATE TEMP TABLE _wi_c AS
            SELECT customer_id,
                   greatest(max(stage_idx), coalesce(max(promoted), -1)) AS furthest,
                   min(first_ts) FILTER (WHERE stage_idx IS NOT NULL) AS entry_ts,
                   {value_agg(reading, "value_sum")} AS value, sum(value_n) AS value_n,
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
            raise CJMError("whatif.no_events", model=model.name)
        first, last = cur.execute("SELECT min(entry_ts), max(entry_ts) FROM _wi_c").fetchall()[0]
        if first is None:
            raise CJMError("whatif.no_dates")
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
        source = Message("whatif.source.referred", n=n_referred, won=won)
    elif n_adv:
        rate = REFERRALS_PER_ADVOCATE * n_adv / won if won else None
        source = Message("whatif.source.advocates", n=n_adv, won=won, per=Number(REFERRALS_PER_ADVOCATE, "short", 2))
    else:
        rate, source = None, Message("whatif.source.none")
    if rate is None and (n_referred or n_adv):
        source = Message("whatif.source.no_won", source=source)

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
        won_assumed=not won_said, value_reading=reading,
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
            common: dict[str, Any] = dict(stage=keys[s], touchpoint=tp, n=n_tot, n_progressed=k_tot,
                                          mean_emotion=mean, coverage=coverage)
            if n_tot == 0:
                out.append(Elasticity(**common, available=False, reason=Message("whatif.why.no_scores")))
                continue
            if n_tot < MIN_CUSTOMERS:
                out.append(Elasticity(**common, available=False,
                                      reason=Message("whatif.why.few_customers", n=n_tot, min=MIN_CUSTOMERS)))
                continue
            if k_tot < MIN_EACH or n_tot - k_tot < MIN_EACH:
                out.append(Elasticity(**common, available=False,
                                      reason=Message("whatif.why.few_each", k=k_tot, n=n_tot, min=MIN_EACH)))
                continue
            if len(x) < 2:
                out.append(Elasticity(**common, available=False,
                                      reason=Message("whatif.why.same_score")))
                continue
            a, b, se, ok = fit_logistic(x, n, k)
            if not ok:
                out.append(Elasticity(**common, available=False,
                                      reason=Message("whatif.why.separation")))
                continue
            assert mean is not None  # n_tot > 0 here
            p = float(_sigmoid(np.array(a + b * mean)))
            d = p * (1 - p)
            ci = (b - 1.96 * se, b + 1.96 * se)
            out.append(Elasticity(**common, available=True, intercept=a, beta=b, beta_se=se, beta_ci=ci,
                                  p_at_mean=p, slope=b * d, slope_ci=(ci[0] * d, ci[1] * d),
                                  slope_draws=_ro(rng.normal(b, se, size=n_boot) * d)))
    return tuple(out)
