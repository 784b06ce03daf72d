"""Emotion and NPS: the curve across stages and touchpoints, highs and lows, NPS, and the comments behind them.

Emotion is the canonical −2..+2 score of each event (``events.emotion``); events without
one are left out of means and counts (``n`` is always the number of scores behind a mean).

**Confidence interval of a mean** — the 95% t-interval ``mean ± t(0.975, n−1) · sd / √n`` with
the sample standard deviation ``sd``; NULL when ``n < 2``. ``t`` comes from a table for
``n − 1 ≤ 30`` and a Cornish–Fisher expansion beyond (error below 1e−6).

**NPS** — per answer (an event with ``nps`` 0..10): promoters 9–10, passives 7–8, detractors
0–6, ``NPS = 100 · (promoters − detractors) / n``. Its 95% interval is the normal (Wald)
interval of the mean of the indicator ``x = +1 promoter, 0 passive, −1 detractor``:
``var = (P + D)/n − ((P − D)/n)²``, ``NPS ± 100 · 1.96 · √(var / n)``, clipped to −100..100;
NULL when ``n < 2``. (With all answers on one side the interval has zero width: read ``n``.)

>>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
>>> con = open_workspace(":memory:").cursor()
>>> curve(con, model=preset("five-stage"))[["stage", "n"]].head(2).to_dict("list")
{'stage': ['awareness', 'research'], 'n': [0, 0]}
"""

from __future__ import annotations

import duckdb
import pandas as pd

from cjm.analyses.relations import filtered_events, stages_relation, with_ctes
from cjm.core.filters import Filters
from cjm.core.sql import ident
from cjm.core.stage_model import StageModel
from cjm.errors import CJMError
from cjm.store.kept import cached

#: Fields a curve or NPS can be broken down by.
GROUP_FIELDS = ("segment", "persona", "role", "channel", "touchpoint", "outcome")

#: t(0.975, df) for df = 1..30.
T975 = (12.7062047, 4.3026527, 3.1824463, 2.7764451, 2.5705818, 2.4469119, 2.3646243, 2.3060041, 2.2621572,
        2.2281389, 2.2009852, 2.1788128, 2.1603687, 2.1447867, 2.1314495, 2.1199053, 2.1098156, 2.1009220,
        2.0930241, 2.0859634, 2.0796138, 2.0738731, 2.0686576, 2.0638986, 2.0595386, 2.0555294, 2.0518305,
        2.0484071, 2.0452296, 2.0422725)
_Z = 1.959963984540054


def t975(df: int) -> float:
    """The 97.5% quantile of Student's t with *df* degrees of freedom (same numbers the SQL uses).

    >>> round(t975(2), 4), round(t975(100), 4)
    (4.3027, 1.984)
    """
    if df <= len(T975):
        return T975[df - 1]
    z, v = _Z, float(df)
    return (z + (z**3 + z) / (4 * v) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * v**2)
            + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * v**3)
            + (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / (92160 * v**4))


def _t_sql(n: str) -> tuple[str, list]:
    """SQL for t(0.975, n − 1), given the SQL of n (n ≥ 2)."""
    z = _Z
    c1, c2 = z**3 + z, 5 * z**5 + 16 * z**3 + 3 * z
    c3, c4 = 3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z, 79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z
    v = f"(({n}) - 1)::DOUBLE"
    sql = (f"CASE WHEN ({n}) - 1 <= {len(T975)} THEN list_extract(?::DOUBLE[], (({n}) - 1)::INTEGER) "
           f"ELSE {z!r} + {c1!r} / (4 * {v}) + {c2!r} / (96 * {v} ^ 2) + {c3!r} / (384 * {v} ^ 3) "
           f"+ {c4!r} / (92160 * {v} ^ 4) END")
    return sql, [list(T975)]


def _ci_sql(mean: str, sd: str, n: str) -> tuple[str, list]:
    t, tp = _t_sql(n)
    half = f"({t}) * {sd} / sqrt({n})"
    return (f"CASE WHEN {n} >= 2 THEN {mean} - {half} END AS ci_low, "
            f"CASE WHEN {n} >= 2 THEN {mean} + {half} END AS ci_high"), [*tp, *tp]


def _group_field(by: str | None) -> str | None:
    if by is None:
        return None
    if by not in GROUP_FIELDS:
        raise CJMError("analyses.emotion_by", by=str(by), fields=GROUP_FIELDS)
    return ident(by, GROUP_FIELDS)


def curve(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None,
          by: str | None = None) -> pd.DataFrame:
    """Mean emotion per stage with n, sd and the 95% t-interval; one row per stage (per group with *by*).

    Columns: [group,] stage_idx, stage, label, mean, n, sd, ci_low, ci_high. Every stage of
    the model appears (``n = 0``, mean NULL when it has no score); with ``by`` ("segment",
    "persona", "role", "channel", "touchpoint", "outcome") every stage for every non-empty group.

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> list(curve(open_workspace(":memory:").cursor(), model=preset("five-stage"), by="segment").columns)[:2]
    ['group', 'stage_idx']
    """
    field = _group_field(by)
    st_sql, st_p = stages_relation(model)
    ev_sql, ev_p = filtered_events(model=model, filters=filters)
    head, params = with_ctes(("stages", st_sql, st_p), ("ev", ev_sql, ev_p))
    ci, ci_p = _ci_sql("a.mean", "a.sd", "a.n")
    if field:
        sql = f"""{head},
            grp AS (SELECT DISTINCT {field}::VARCHAR AS "group" FROM ev WHERE {field} IS NOT NULL),
            agg AS (SELECT {field}::VARCHAR AS "group", stage_idx, avg(emotion) AS mean, count(emotion) AS n,
                           stddev_samp(emotion) AS sd FROM ev WHERE {field} IS NOT NULL GROUP BY ALL)
            SELECT g."group", s.stage_idx, s.stage, s.label, a.mean, coalesce(a.n, 0) AS n, a.sd, {ci}
            FROM grp g CROSS JOIN stages s LEFT JOIN agg a ON a."group" = g."group" AND a.stage_idx = s.stage_idx
            ORDER BY g."group", s.stage_idx"""
    else:
        sql = f"""{head},
            agg AS (SELECT stage_idx, avg(emotion) AS mean, count(emotion) AS n, stddev_samp(emotion) AS sd
                    FROM ev GROUP BY ALL)
            SELECT s.stage_idx, s.stage, s.label, a.mean, coalesce(a.n, 0) AS n, a.sd, {ci}
            FROM stages s LEFT JOIN agg a USING (stage_idx) ORDER BY s.stage_idx"""
    return con.execute(sql, [*params, *ci_p]).df()


def touchpoint_curve(con: duckdb.DuckDBPyConnection, *, model: StageModel,
                     filters: Filters | None = None) -> pd.DataFrame:
    """Mean emotion per touchpoint, in journey order: by stage, then by the median position of the
    touchpoint in its customers' journeys (1 = a customer's first event, by time then file order).

    Columns: order (0, 1, …), stage_idx, stage, label, touchpoint, position, events, mean, n, sd,
    ci_low, ci_high.

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> len(touchpoint_curve(open_workspace(":memory:").cursor(), model=preset("five-stage")))
    0
    """
    st_sql, st_p = stages_relation(model)
    ev_sql, ev_p = filtered_events(model=model, filters=filters)
    ci, ci_p = _ci_sql("a.mean", "a.sd", "a.n")
    # Speed (10M events): the window that numbers each customer's events carries only two small integers
    # (stage and a touchpoint number), not the touchpoint text; the median position comes from the counts per
    # (stage, touchpoint, position): value at rank floor((n+1)/2) and at rank floor(n/2)+1, averaged (= median).
    # Means and sds are a plain aggregate. The result is kept per data version and filters.
    sql = f"""WITH stages AS ({st_sql}),
        tpm AS (SELECT touchpoint, (row_number() OVER (ORDER BY touchpoint))::INTEGER AS tid
                FROM (SELECT DISTINCT touchpoint FROM ({ev_sql}) WHERE touchpoint IS NOT NULL)),
        pos AS (SELECT e.stage_idx, t.tid,
                       row_number() OVER (PARTITION BY e.ckey ORDER BY e.ts NULLS LAST, e.seq) AS position
                FROM ({ev_sql}) e LEFT JOIN tpm t USING (touchpoint)),
        cnt AS (SELECT stage_idx, tid, position, count(*) AS c FROM pos WHERE tid IS NOT NULL GROUP BY ALL),
        cum AS (SELECT *, sum(c) OVER (PARTITION BY stage_idx, tid ORDER BY position
                                       ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum,
                       sum(c) OVER (PARTITION BY stage_idx, tid) AS total FROM cnt),
        med AS (SELECT stage_idx, tid, (min(position) FILTER (WHERE cum >= (total + 1) // 2)
                                        + min(position) FILTER (WHERE cum >= total // 2 + 1))::DOUBLE / 2 AS position
                FROM cum GROUP BY ALL),
        ev_agg AS (SELECT stage_idx, touchpoint, count(*) AS events, avg(emotion) AS mean, count(emotion) AS n,
                          stddev_samp(emotion) AS sd
                   FROM ({ev_sql}) WHERE touchpoint IS NOT NULL GROUP BY ALL),
        agg AS (SELECT g.stage_idx, g.touchpoint, m.position, g.events, g.mean, g.n, g.sd
                FROM ev_agg g JOIN tpm t USING (touchpoint) JOIN med m ON m.stage_idx = g.stage_idx AND m.tid = t.tid)
        SELECT row_number() OVER (ORDER BY a.stage_idx, a.position, a.touchpoint) - 1 AS "order",
               s.stage_idx, s.stage, s.label, a.touchpoint, a.position, a.events, a.mean, a.n, a.sd, {ci}
        FROM agg a JOIN stages s USING (stage_idx)"""
    rel, params = cached(con, "tpcurve", sql, [*st_p, *ev_p, *ev_p, *ev_p, *ci_p])
    return con.execute(f'SELECT * FROM {rel} ORDER BY "order"', params).df()


def highs_lows(curve_df: pd.DataFrame) -> pd.DataFrame:
    """Peaks and troughs of a curve (from :func:`curve` or :func:`touchpoint_curve`): the moments that matter.

    Among the points with a mean (in stage / journey order, per ``group`` if present), a
    point is a *high* when it is above each neighbour (the first and last point have one),
    a *low* when below each; the global best is always a high and the global worst always
    a low (``is_global``). A flat curve or fewer than two points: no marks.
    Returns the curve's rows that are marked, with ``kind`` ("high" | "low") and ``is_global``.

    >>> df = pd.DataFrame({"stage_idx": [0, 1, 2, 3], "label": list("ABCD"), "mean": [1.0, -1.0, 0.5, 0.0]})
    >>> highs_lows(df)[["label", "kind", "is_global"]].values.tolist()
    [['A', 'high', True], ['B', 'low', True], ['C', 'high', False], ['D', 'low', False]]
    """
    columns = [*curve_df.columns, "kind", "is_global"]
    if not len(curve_df) or "mean" not in curve_df.columns:
        return pd.DataFrame(columns=columns)
    order = "order" if "order" in curve_df.columns else "stage_idx"
    parts = list(curve_df.groupby("group", sort=True)) if "group" in curve_df.columns else [(None, curve_df)]
    out = []
    for _, part in parts:  # one pass per group (a handful), vectorised within
        p = part[part["mean"].notna()].sort_values(order)
        if len(p) < 2 or p["mean"].max() == p["mean"].min():
            continue
        m = p["mean"].astype(float)
        prev, nxt = m.shift(1), m.shift(-1)
        g_hi, g_lo = m == m.max(), m == m.min()
        high = ((prev.isna() | (m > prev)) & (nxt.isna() | (m > nxt))) | g_hi
        low = ((prev.isna() | (m < prev)) & (nxt.isna() | (m < nxt))) | g_lo
        marked = p.assign(kind=None, is_global=False)
        marked.loc[high, "kind"] = "high"
        marked.loc[low, "kind"] = "low"
        marked["is_global"] = (high & g_hi) | (low & g_lo)
        out.append(marked[high | low])
    if not out:
        return pd.DataFrame(columns=columns)
    return pd.concat(out, ignore_index=True)[columns]


def nps(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None,
        by: str | None = None) -> pd.DataFrame:
    """Net Promoter Score with n and a 95% interval (see the module docstring), overall or by group.

    ``by=None``: one row, over every answer in the filtered events (also at stages outside the
    model). ``by="stage"``: stage_idx, stage, label for every stage of the model (n may be 0).
    ``by`` a field ("segment", "persona", "role", "channel", …): a ``group`` column, groups with answers.
    Then: n, promoters, passives, detractors, nps (−100..100, NULL when n = 0), ci_low, ci_high.

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> r = nps(open_workspace(":memory:").cursor(), model=preset("five-stage"))
    >>> int(r["n"].iloc[0]), bool(r["nps"].isna().iloc[0])
    (0, True)
    """
    st_sql, st_p = stages_relation(model)
    ev_sql, ev_p = filtered_events(model=model, filters=filters, in_model=(by == "stage"))
    head, params = with_ctes(("stages", st_sql, st_p), ("ev", ev_sql, ev_p))
    if by == "stage":
        key, keys, src = "stage_idx", "s.stage_idx, s.stage, s.label, ", "stages s LEFT JOIN agg a USING (stage_idx)"
    elif by is None:
        key, keys, src = None, "", "(SELECT 1) AS one LEFT JOIN agg a ON TRUE"
    else:
        field = _group_field(by)
        key, keys, src = f'{field}::VARCHAR AS "group"', 'a."group", ', "agg a"
    group_sel = f"{key}, " if key else ""
    group_where = f"AND {_group_field(by)} IS NOT NULL" if key and by != "stage" else ""
    sql = f"""{head},
        agg AS (SELECT {group_sel}count(*) AS n, count(*) FILTER (WHERE nps >= 9) AS promoters,
                       count(*) FILTER (WHERE nps BETWEEN 7 AND 8) AS passives,
                       count(*) FILTER (WHERE nps <= 6) AS detractors
                FROM ev WHERE nps IS NOT NULL {group_where} {'GROUP BY ALL' if key else ''}),
        r AS (SELECT {keys}coalesce(a.n, 0) AS n, coalesce(a.promoters, 0) AS promoters,
                     coalesce(a.passives, 0) AS passives, coalesce(a.detractors, 0) AS detractors
              FROM {src}),
        x AS (SELECT *, CASE WHEN n > 0 THEN (promoters - detractors) / n END AS m,
                     CASE WHEN n > 0 THEN (promoters + detractors) / n - ((promoters - detractors) / n) ^ 2 END AS var
              FROM r)
        SELECT * EXCLUDE (m, var), 100 * m AS nps,
               CASE WHEN n >= 2 THEN greatest(-100, 100 * (m - {_Z!r} * sqrt(greatest(var, 0) / n))) END AS ci_low,
               CASE WHEN n >= 2 THEN least(100, 100 * (m + {_Z!r} * sqrt(greatest(var, 0) / n))) END AS ci_high
        FROM x ORDER BY ALL"""
    return con.execute(sql, params).df()


def comments(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None,
             stage: str | int | None = None, k: int = 3) -> pd.DataFrame:
    """The *k* most negative and *k* most positive comments per stage, as evidence.

    A comment counts when it is not blank and its event has an emotion: negative = emotion
    below 0 (most negative first), positive = above 0 (most positive first); ties in file order. The same
    text is shown once per stage and side (its most extreme occurrence).
    ``stage``: a key, label or index to keep one stage (unknown stage: ``CJMError``).
    Columns: stage_idx, stage, label, kind ("negative" | "positive"), emotion, comment,
    customer_id, touchpoint, ts.

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> len(comments(open_workspace(":memory:").cursor(), model=preset("five-stage"), stage="research"))
    0
    """
    st_sql, st_p = stages_relation(model)
    ev_sql, ev_p = filtered_events(model=model, filters=filters)
    head, params = with_ctes(("stages", st_sql, st_p), ("ev", ev_sql, ev_p))
    one = model.index(stage) if stage is not None else None
    cond, cond_p = ("AND e.stage_idx = ?", [one]) if one is not None else ("", [])
    return con.execute(f"""{head},
        c AS (SELECT e.stage_idx, s.stage, s.label, e.emotion, e.comment, e.customer_id, e.touchpoint, e.ts, e.seq
              FROM ev e JOIN stages s USING (stage_idx)
              WHERE e.comment IS NOT NULL AND trim(e.comment) <> '' AND e.emotion IS NOT NULL {cond}),
        neg AS (SELECT * FROM c WHERE emotion < 0
                QUALIFY row_number() OVER (PARTITION BY stage_idx, comment ORDER BY emotion, seq) = 1),
        pos AS (SELECT * FROM c WHERE emotion > 0
                QUALIFY row_number() OVER (PARTITION BY stage_idx, comment ORDER BY emotion DESC, seq) = 1),
        ranked AS (
            SELECT *, 'negative' AS kind, 0 AS kind_order,
                   row_number() OVER (PARTITION BY stage_idx ORDER BY emotion, seq) AS r FROM neg
            UNION ALL
            SELECT *, 'positive', 1, row_number() OVER (PARTITION BY stage_idx ORDER BY emotion DESC, seq) FROM pos)
        SELECT stage_idx, stage, label, kind, emotion, comment, customer_id, touchpoint, ts
        FROM ranked WHERE r <= ? ORDER BY stage_idx, kind_order, r""", [*params, *cond_p, int(k)]).df()
