"""The funnel: how many customers reach each stage, where they drop out, how long it takes, and warnings.

Definitions (all over the events kept by the global filters; events whose stage is not in the model are
ignored here; journey order as in :mod:`cjm.analyses.relations`):

- **furthest** mode (default): a customer counts at stage *k* when their furthest stage is *k* or later —
  reaching a later stage counts as having passed the earlier ones (skipping "research" still counts for it).
- **visited** mode: a customer counts at stage *k* only with at least one event at stage *k*.
- **arrival** at stage *k*: ``R_k`` = the first timestamp at stage *k or later*. A customer who skipped *k*
  arrives at *k* and at the next stage at the same moment.
- **conversion window** (``window_days=N``, furthest mode): a customer counts at stage 0 as usual, and at stage
  *k+1* only if they count at stage *k* and ``R_{k+1} - R_k <= N days`` (exact time difference, not calendar
  days). A skipped stage therefore takes 0 days. Customers whose arrival time is unknown (events without a
  timestamp) cannot show they converted in time and stop counting at that stage.
- **dropped** at stage *k*: counted at *k* but not at *k+1* (0 at the last stage).
- **conversion**: ``customers_k / customers_{k-1}`` (1.0 at the first stage; NaN when the previous stage has
  nobody), **conversion_from_first**: ``customers_k / customers_0``.

>>> from cjm.store import insert_events, open_workspace
>>> from cjm.core.stage_model import preset
>>> con = open_workspace(":memory:").cursor()
>>> insert_events(con, ["seq", "import_id", "source_file", "source_row", "customer_id", "ts", "stage", "stage_idx"],
...               "VALUES (1, 1, 'f', 2, 'a', TIMESTAMP '2026-01-01', 'awareness', 0), "
...               "(2, 1, 'f', 3, 'a', TIMESTAMP '2026-01-05', 'purchase', 2), "
...               "(3, 1, 'f', 4, 'b', TIMESTAMP '2026-01-02', 'awareness', 0)")
3
>>> funnel(con, model=preset("five-stage"))[["label", "customers", "dropped"]].head(3).values.tolist()
[['Awareness', 2, 1], ['Research', 1, 0], ['Purchase', 1, 1]]
"""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd

from cjm.analyses.relations import ORDER_KEY_SQL, days_sql, filtered_events, ordered_table, stages_relation
from cjm.core.filters import LIST_FIELDS, Filters
from cjm.core.sql import ident
from cjm.core.stage_model import StageModel
from cjm.errors import CJMError
from cjm.store.kept import REACH_SQL, cached, kept_customer_reach

MODES = ("furthest", "visited")
NOT_SET = "(not set)"
#: stuck threshold when a stage has no measured stays at all (days)
FALLBACK_STUCK_DAYS = 30.0


def _check_mode(mode: str, window_days: int | None) -> None:
    if mode not in MODES:
        raise CJMError("analyses.funnel_mode", mode=str(mode))
    if window_days is not None:
        if isinstance(window_days, bool) or not isinstance(window_days, int) or window_days < 0:
            raise CJMError("analyses.funnel_window", value=repr(window_days))
        if mode != "furthest":
            raise CJMError("analyses.funnel_window_mode")


def _reach(con: duckdb.DuckDBPyConnection, model: StageModel, source: tuple[str, list], *, mode: str,
           window_days: int | None) -> pd.DataFrame:
    """Per group and stage: customers, dropped, conversion, conversion_from_first.

    *source* is a relation with columns ``g`` (group), ``ckey`` (customer key), ``stage_idx`` (not NULL), ``ts``.
    """
    _check_mode(mode, window_days)
    n = len(model.stages)
    src_sql, src_params = source
    aggs = ["max(stage_idx) AS furthest", "bit_or(1::BIGINT << stage_idx) AS mask"]
    if window_days is not None:
        aggs += [f"min(ts) FILTER (WHERE stage_idx >= {k}) AS r{k}" for k in range(n)]
    per = f"(SELECT g, ckey, {', '.join(aggs)} FROM ({src_sql}) GROUP BY g, ckey)"
    return _reach_per_customer(con, model, (per, src_params), mode=mode, window_days=window_days)


def _customers(con: duckdb.DuckDBPyConnection, model: StageModel, filters: Filters | None, *,
               arrivals: bool = False) -> tuple[str, list]:
    """One row per customer of the filtered events in the model, computed once per data version and filters
    (:func:`cjm.store.kept.cached`): ``ckey, furthest, mask`` (bit k set = an event at stage k) and, with
    *arrivals*, ``r0..r{n-1}`` (first timestamp at that stage or a later one; a separate table, as these
    columns cost more than the rest). Funnel and time to convert read it. Without filters and arrivals it is
    the workspace table ``customer_reach``, written by each import (:func:`cjm.store.kept.kept_customer_reach`)."""
    n = len(model.stages)
    base, params = filtered_events(model=model, filters=filters)
    cols = "".join(f", min(ts) FILTER (WHERE stage_idx >= {k}) AS r{k}" for k in range(n)) if arrivals else ""
    if not arrivals and (filters is None or filters.is_empty()):
        kept = kept_customer_reach(con)
        if kept is not None:
            return kept, []
    return cached(con, "arrivals" if arrivals else "reach", REACH_SQL.format(cols=cols, base=base), params)


def customer_reach(con: duckdb.DuckDBPyConnection, *, model: StageModel,
                   filters: Filters | None = None) -> tuple[str, list]:
    """``(relation, params)``: one row per customer of the filtered events in the model, with ``ckey`` (the
    customer's key in ``customers``), ``furthest`` (highest stage index) and ``mask`` (BIGINT, bit k set = an
    event at stage k); kept per data version and filters (in the workspace itself when there are no filters),
    shared by the funnel and other analyses (e.g. touchpoint lift).

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> con, m = open_workspace(":memory:").cursor(), preset("five-stage")
    >>> rel, params = customer_reach(con, model=m)
    >>> con.execute(f"SELECT count(*) FROM {rel}", params).fetchall()
    [(0,)]
    """
    return _customers(con, model, filters)


def _reach_per_customer(con: duckdb.DuckDBPyConnection, model: StageModel, per: tuple[str, list], *, mode: str,
                        window_days: int | None, grouped: bool = True) -> pd.DataFrame:
    """:func:`_reach` from a per-customer relation with ``g, furthest, mask`` and (window) ``r0..``; without
    *grouped*, the relation has no ``g`` and the result no ``group`` column (the funnel's columns, in its order).

    One aggregate gives, per group, the customers at each stage and those who dropped after it (as lists);
    the conversions are ratios of those few numbers, worked out here."""
    n = len(model.stages)
    if not grouped and window_days is not None:
        per = (f"(SELECT NULL AS g, * FROM {per[0]})", per[1])
    per_sql, per_params = per
    flags = []
    for k in range(n):
        if mode == "visited":
            cond = f"(mask >> {k}) & 1 = 1"
        else:
            cond = f"furthest >= {k}"
            if window_days is not None:
                # a whole number checked by _check_mode, written as a literal
                cond += "".join(f" AND r{j + 1} <= r{j} + to_days({int(window_days)})" for j in range(k))
        flags.append(f"coalesce({cond}, false)")
    if window_days is None:
        rows = _reach_from_histogram(con, n, per, mode, grouped=grouped)
    else:
        customers = ", ".join(f"count(*) FILTER (WHERE {flags[k]})" for k in range(n))
        dropped = ", ".join(f"count(*) FILTER (WHERE {flags[k]} AND NOT {flags[k + 1]})" for k in range(n - 1))
        rows = con.execute(f"SELECT g, [{customers}], [{dropped}] FROM {per_sql} AS pc GROUP BY g ORDER BY g",
                           per_params).fetchall()
    cols = ["group", "stage_idx", "stage", "label", "customers", "dropped", "conversion", "conversion_from_first"]
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    reach = np.array([r[1] for r in rows], dtype=np.int64)          # groups x stages
    drop = np.array([[*r[2], 0] for r in rows], dtype=np.int64)
    prev = np.concatenate([np.ones((len(rows), 1)), reach[:, :-1]], axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        conv = np.where(prev > 0, reach / prev, np.nan)
        conv[:, 0] = 1.0
        first = np.where(reach[:, :1] > 0, reach / reach[:, :1], np.nan)
    g = len(rows)
    stages = {"stage_idx": np.tile(np.arange(n, dtype=np.int64), g), "stage": np.tile(np.array(model.keys, dtype=object), g),
              "label": np.tile(np.array(model.labels, dtype=object), g), "customers": reach.ravel()}
    if not grouped:  # the funnel's columns, in its order
        return pd.DataFrame({**stages, "conversion": conv.ravel(), "conversion_from_first": first.ravel(),
                             "dropped": drop.ravel()})
    return pd.DataFrame({"group": np.repeat(np.array([r[0] for r in rows], dtype=object), n), **stages,
                         "dropped": drop.ravel(), "conversion": conv.ravel(), "conversion_from_first": first.ravel()})


def _reach_from_histogram(con: duckdb.DuckDBPyConnection, n: int, per: tuple[str, list],
                          mode: str, *, grouped: bool = True) -> list[tuple[object, list[int], list[int]]]:
    """Per group ``(g, customers per stage, dropped after each stage but the last)`` from how many customers share
    each furthest stage (or, visited mode, each set of stages): a few rows, added up here.

    >>> import duckdb
    >>> per = ("(SELECT * FROM (VALUES (NULL, 2, 5), (NULL, 0, 1), (NULL, 2, 4)) t(g, furthest, mask))", [])
    >>> _reach_from_histogram(duckdb.connect(), 3, per, "furthest")  # furthest 0, 2, 2
    [(None, [3, 2, 2], [1, 0])]
    >>> _reach_from_histogram(duckdb.connect(), 3, per, "visited")   # stages {0, 2}, {0}, {2}
    [(None, [2, 0, 2], [2, 0])]
    """
    per_sql, per_params = per
    key = "furthest" if mode != "visited" else "mask"
    hist = con.execute(f"SELECT g, {key}, count(*) FROM {per_sql} AS pc GROUP BY ALL ORDER BY g NULLS LAST"
                       if grouped else f"SELECT NULL, {key}, count(*) FROM {per_sql} AS pc GROUP BY {key}",
                       per_params).fetchall()
    out: list[tuple[object, list[int], list[int]]] = []
    groups: dict[object, list[tuple[int, int]]] = {}
    for g, v, c in hist:  # one row per group and distinct stage (set): not per customer
        groups.setdefault(g, []).append((int(v), int(c)))
    for g, pairs in groups.items():
        vals = np.array([v for v, _ in pairs], dtype=np.int64)
        cnt = np.array([c for _, c in pairs], dtype=np.int64)
        if mode != "visited":
            at = np.array([cnt[vals >= k].sum() for k in range(n)], dtype=np.int64)
            dropped = [int(cnt[vals == k].sum()) for k in range(n - 1)]
        else:
            bits = (vals[:, None] >> np.arange(n)) & 1  # customers' sets x stages
            at = (bits * cnt[:, None]).sum(axis=0)
            dropped = [int((cnt * (bits[:, k] & (1 - bits[:, k + 1]))).sum()) for k in range(n - 1)]
        out.append((g, [int(x) for x in at], dropped))
    return out


def funnel(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None,
           mode: str = "furthest", window_days: int | None = None) -> pd.DataFrame:
    """Customers per stage in model order.

    Columns: ``stage_idx, stage (key), label, customers, conversion, conversion_from_first, dropped``.
    See the module docstring for the exact definitions of the modes and of the window.

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> con, m = open_workspace(":memory:").cursor(), preset("five-stage")
    >>> funnel(con, model=m, filters=Filters(segment=("SMB",)), window_days=30)["customers"].tolist()
    [0, 0, 0, 0, 0]
    """
    _check_mode(mode, window_days)
    rel, params = _customers(con, model, filters, arrivals=window_days is not None)
    df = _reach_per_customer(con, model, (rel, params), mode=mode, window_days=window_days, grouped=False)
    if df.empty:  # no events: every stage with 0 customers
        st_sql, st_params = stages_relation(model)
        df = con.execute(f"""SELECT stage_idx, stage, label, 0::BIGINT AS customers,
                                   CASE WHEN stage_idx = 0 THEN 1.0 END AS conversion,
                                   NULL::DOUBLE AS conversion_from_first, 0::BIGINT AS dropped
                            FROM ({st_sql}) ORDER BY stage_idx""", st_params).df()
    return df


#: z for the 95% intervals of conversion (Wilson) and of differences of conversion (Newcombe)
Z95 = 1.959963984540054


def wilson(k, n, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """The Wilson score interval of the share *k* / *n* (arrays; NaN where *n* is 0): unlike p ± z·se it stays
    within 0..1 and is not zero-wide at 0% or 100% of a small group.

    >>> lo, hi = wilson(np.array([8]), np.array([10]))
    >>> round(float(lo[0]), 4), round(float(hi[0]), 4)
    (0.4902, 0.9433)
    """
    k, n = np.asarray(k, dtype=float), np.asarray(n, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / n
        denom = 1 + z * z / n
        center = (p + z * z / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return np.where(n > 0, center - half, np.nan), np.where(n > 0, center + half, np.nan)


def difference(k1, n1, k2, n2) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``p1 − p2`` with its 95% interval (Newcombe's hybrid score method, from the two Wilson intervals).

    >>> d, lo, hi = difference(np.array([56]), np.array([70]), np.array([48]), np.array([80]))
    >>> round(float(d[0]), 4), round(float(lo[0]), 4), round(float(hi[0]), 4)
    (0.2, 0.0524, 0.3339)
    """
    k1, n1, k2, n2 = (np.asarray(x, dtype=float) for x in (k1, n1, k2, n2))
    with np.errstate(divide="ignore", invalid="ignore"):
        p1, p2 = k1 / n1, k2 / n2
    l1, u1 = wilson(k1, n1)
    l2, u2 = wilson(k2, n2)
    d = p1 - p2
    return d, d - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)


def breakdown(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None, by: str,
              mode: str = "furthest", window_days: int | None = None) -> pd.DataFrame:
    """The funnel per value of *by* (``segment``, ``persona``, ``role`` or ``channel``).

    Group *g*'s funnel is the funnel of the events whose *by* is *g* — the same as filtering on *g* — so a
    customer with events in two channels counts in both. Events without a value form the group "(not set)".
    Columns: ``group, stage_idx, stage, label, customers, conversion_from_first`` (plus ``conversion``,
    ``dropped``), ``ci_low, ci_high`` (95% Wilson interval of ``conversion_from_first``: the group's customers
    at the first stage are *n*), and against the **reference group** (``reference``: the group with the most
    customers at the first stage) ``diff`` = this group's ``conversion_from_first`` minus the reference's, with
    ``diff_low, diff_high`` (95%, Newcombe's method; 0 for the reference itself).

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> con, m = open_workspace(":memory:").cursor(), preset("five-stage")
    >>> list(breakdown(con, model=m, by="segment").columns)[:4]
    ['group', 'stage_idx', 'stage', 'label']
    """
    if by not in LIST_FIELDS:
        raise CJMError("analyses.funnel_by", by=str(by), fields=LIST_FIELDS)
    group_sql = f"coalesce(CAST({ident(by, LIST_FIELDS)} AS VARCHAR), ?)"
    base, params = filtered_events(model=model, filters=filters)
    source = (f"SELECT {group_sql} AS g, ckey, stage_idx, ts FROM ({base})", [NOT_SET, *params])
    df = _reach(con, model, source, mode=mode, window_days=window_days)
    cols = ["group", "stage_idx", "stage", "label", "customers", "conversion_from_first", "conversion", "dropped"]
    df = df[cols].copy()
    first = df[df["stage_idx"] == 0].set_index("group")["customers"]
    n = df["group"].map(first).fillna(0).to_numpy(dtype=float)
    df["ci_low"], df["ci_high"] = wilson(df["customers"].to_numpy(dtype=float), n)
    ref = str(first.sort_values(ascending=False, kind="stable").index[0]) if len(first) else None
    df["reference"] = ref
    if ref is not None:
        ref_k = df["stage_idx"].map(df[df["group"] == ref].set_index("stage_idx")["customers"]).fillna(0)
        d, lo, hi = difference(df["customers"], n, ref_k, float(first[ref]))
        df["diff"], df["diff_low"], df["diff_high"] = d, lo, hi
    else:
        df["diff"] = df["diff_low"] = df["diff_high"] = np.nan
    return df


def _period(p: tuple[dt.date, dt.date], name: str) -> tuple[dt.date, dt.date]:
    try:
        start, end = p
    except (TypeError, ValueError):
        raise CJMError("analyses.period_two_dates", name=name) from None
    if not isinstance(start, dt.date) or not isinstance(end, dt.date):
        raise CJMError("analyses.period_not_dates", name=name, value=repr(p))
    if end < start:
        raise CJMError("analyses.period_reversed", name=name, end=end, start=start)
    return start, end


def compare_periods(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None,
                    a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date], mode: str = "furthest",
                    window_days: int | None = None) -> pd.DataFrame:
    """The funnel of two periods side by side (each: events from the first to the last day, inclusive,
    on top of *filters*). Columns: ``stage_idx, stage, label, customers_a, conversion_a, customers_b,
    conversion_b`` (conversion from the previous stage), ``from_first_a`` / ``from_first_b`` (conversion from the
    first stage) with their 95% Wilson intervals ``ci_low_a, ci_high_a, ci_low_b, ci_high_b``, and ``diff`` =
    ``from_first_b − from_first_a`` with ``diff_low, diff_high`` (95%, Newcombe's method).

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> con, m = open_workspace(":memory:").cursor(), preset("five-stage")
    >>> h1, h2 = (dt.date(2025, 1, 1), dt.date(2025, 6, 30)), (dt.date(2025, 7, 1), dt.date(2025, 12, 31))
    >>> compare_periods(con, model=m, a=h1, b=h2)[["stage", "customers_a", "customers_b"]].head(1).values.tolist()
    [['awareness', 0, 0]]
    """
    parts, params = [], []
    for name, p in (("a", a), ("b", b)):
        start, end = _period(p, name)
        base, bp = filtered_events(model=model, filters=filters,
                                   extra=("ts >= ? AND ts < ?", [start, end + dt.timedelta(days=1)]))
        parts.append(f"SELECT ? AS g, ckey, stage_idx, ts FROM ({base})")
        params += [name, *bp]
    df = _reach(con, model, (" UNION ALL ".join(parts), params), mode=mode, window_days=window_days)
    st_sql, st_params = stages_relation(model)
    frame = con.execute(f"SELECT stage_idx, stage, label FROM ({st_sql}) ORDER BY stage_idx", st_params).df()
    for name in ("a", "b"):
        part = df[df["group"] == name].set_index("stage_idx")
        frame[f"customers_{name}"] = frame["stage_idx"].map(part["customers"]).fillna(0).astype("int64")
        frame[f"conversion_{name}"] = frame["stage_idx"].map(part["conversion"]).astype("float64")
    n = {name: float(frame[f"customers_{name}"].iloc[0]) if len(frame) else 0.0 for name in ("a", "b")}
    for name in ("a", "b"):
        k = frame[f"customers_{name}"].to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            frame[f"from_first_{name}"] = k / n[name] if n[name] else np.nan
        frame[f"ci_low_{name}"], frame[f"ci_high_{name}"] = wilson(k, np.full(len(k), n[name]))
    frame["diff"], frame["diff_low"], frame["diff_high"] = difference(frame["customers_b"], n["b"],
                                                                       frame["customers_a"], n["a"])
    return frame[["stage_idx", "stage", "label", "customers_a", "conversion_a", "customers_b", "conversion_b",
                  "from_first_a", "ci_low_a", "ci_high_a", "from_first_b", "ci_low_b", "ci_high_b", "diff",
                  "diff_low", "diff_high"]]


def time_to_convert(con: duckdb.DuckDBPyConnection, *, model: StageModel,
                    filters: Filters | None = None) -> pd.DataFrame:
    """Days from arriving at a stage to arriving at the next one (arrival ``R_k`` as in the module docstring:
    the first timestamp at that stage or later, so a skipped stage takes 0 days), over customers who reached
    the next stage with both times known. ``p90_days`` is the interpolated 90th percentile.

    Columns: ``from_stage, to_stage, from_label, to_label, n, median_days, p90_days`` (one row per
    consecutive pair of stages; ``n`` = 0 and NaN times when nobody converted).

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> con, m = open_workspace(":memory:").cursor(), preset("five-stage")
    >>> time_to_convert(con, model=m)[["from_stage", "to_stage", "n"]].head(1).values.tolist()
    [['awareness', 'research', 0]]
    """
    n = len(model.stages)
    arr_sql, params = _customers(con, model, filters, arrivals=True)
    diffs = ", ".join(days_sql(f"r{k + 1}", f"r{k}") for k in range(n - 1))
    st_sql, st_params = stages_relation(model)
    sql = f"""
        WITH d AS (SELECT unnest(range({n - 1})) AS k, unnest([{diffs}]) AS d FROM {arr_sql}),
        agg AS (SELECT k, count(d) AS n, median(d) AS median_days, quantile_cont(d, 0.9) AS p90_days
                FROM d GROUP BY k),
        st AS ({st_sql})
        SELECT f.stage AS from_stage, t.stage AS to_stage, f.label AS from_label, t.label AS to_label,
               coalesce(agg.n, 0) AS n, agg.median_days::DOUBLE AS median_days, agg.p90_days::DOUBLE AS p90_days
        FROM st f JOIN st t ON t.stage_idx = f.stage_idx + 1 LEFT JOIN agg ON agg.k = f.stage_idx
        ORDER BY f.stage_idx"""
    return con.execute(sql, [*params, *st_params]).df()


def time_in_stage(con: duckdb.DuckDBPyConnection, *, model: StageModel,
                  filters: Filters | None = None) -> pd.DataFrame:
    """Days customers spend in each stage: for each event, the time until the customer's next event (any
    stage in the model) counts for the event's stage; a customer's time in a stage is the sum over their
    events there. The customer's last event has no next one and adds nothing (the stay is not over), so
    ``n`` counts customers with at least one completed interval at that stage. Missing timestamps add nothing.

    Columns: ``stage_idx, stage, label, n, median_days, p90_days`` (every stage; n = 0 and NaN without data).

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> con, m = open_workspace(":memory:").cursor(), preset("five-stage")
    >>> time_in_stage(con, model=m)["n"].tolist()
    [0, 0, 0, 0, 0]
    """
    seq_sql, params = ordered_table(con, model=model, filters=filters, columns=("stage_idx",))
    st_sql, st_params = stages_relation(model)
    sql = f"""
        WITH per AS (SELECT ckey::BIGINT * 64 + stage_idx AS k, sum({days_sql('next_ts', 'ts')}) AS d
                     FROM {seq_sql} WHERE NOT is_last GROUP BY k)
        SELECT (k % 64)::INTEGER AS stage_idx, count(d) AS n, median(d) AS median_days,
               quantile_cont(d, 0.9) AS p90_days
        FROM per GROUP BY 1"""
    # one BIGINT group key per (customer, stage): stage indexes are < 64 (the stage masks are BIGINT bit sets).
    # A few rows, kept too: the stuck thresholds ask for them on every call
    agg, agg_params = cached(con, "tis", sql, params)
    return con.execute(f"""
        SELECT s.stage_idx, s.stage, s.label, coalesce(agg.n, 0) AS n, agg.median_days::DOUBLE AS median_days,
               agg.p90_days::DOUBLE AS p90_days
        FROM ({st_sql}) s LEFT JOIN {agg} agg USING (stage_idx) ORDER BY s.stage_idx""",
                       [*st_params, *agg_params]).df()


def outcomes(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None) -> pd.DataFrame:
    """Outcomes at the model's decision stages (e.g. hired / not now / no way after pre-purchase).

    An event carries an outcome when its ``outcome`` field or its stage value matched one of the model's
    outcomes (``outcome_key``); the outcome belongs to its decision stage whatever stage the event is at.
    Each customer counts once per decision stage, with their **latest** outcome there (journey order).
    ``share`` = customers with this outcome / customers with any outcome at that stage.

    Columns: ``stage, label, outcome, outcome_label, positive, customers, share`` — every outcome of the
    model, 0 when nobody had it. Empty when the model has no outcomes.

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> con = open_workspace(":memory:").cursor()
    >>> outcomes(con, model=preset("hinge-b2b-4"))[["outcome", "customers"]].head(2).values.tolist()
    [['hired', 0], ['not-now', 0]]
    """
    cols = ["stage", "label", "outcome", "outcome_label", "positive", "customers", "share"]
    if not model.outcomes:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    base, params = filtered_events(model=model, filters=filters, in_model=False,
                                   extra=("outcome_key IS NOT NULL", []))
    o = model.outcomes
    meta = ("SELECT unnest(?::VARCHAR[]) AS outcome, unnest(?::VARCHAR[]) AS outcome_label, "
            "unnest(?::VARCHAR[]) AS stage, unnest(?::BOOLEAN[]) AS positive, unnest(?::INTEGER[]) AS ord")
    meta_params = [[x.key for x in o], [x.label for x in o], [x.stage for x in o], [x.positive for x in o],
                   list(range(len(o)))]
    st_sql, st_params = stages_relation(model)
    sql = f"""
        WITH om AS ({meta}),
        ev AS (SELECT e.customer_id, om.stage, e.outcome_key, {ORDER_KEY_SQL} AS k
               FROM ({base}) e JOIN om ON om.outcome = e.outcome_key),
        latest AS (SELECT stage, customer_id, arg_max(outcome_key, k) AS outcome FROM ev GROUP BY ALL),
        cnt AS (SELECT stage, outcome, count(*) AS customers FROM latest GROUP BY ALL)
        SELECT om.stage, st.label, om.outcome, om.outcome_label, om.positive,
               coalesce(cnt.customers, 0) AS customers,
               CASE WHEN sum(coalesce(cnt.customers, 0)) OVER (PARTITION BY om.stage) > 0
                    THEN coalesce(cnt.customers, 0) / sum(coalesce(cnt.customers, 0)) OVER (PARTITION BY om.stage)
               END AS share
        FROM om JOIN ({st_sql}) st ON st.stage = om.stage LEFT JOIN cnt ON cnt.stage = om.stage AND cnt.outcome = om.outcome
        ORDER BY st.stage_idx, om.ord"""
    return con.execute(sql, [*meta_params, *params, *st_params]).df()[cols]


def _as_of(con: duckdb.DuckDBPyConnection, as_of: dt.date | dt.datetime | None) -> dt.datetime | None:
    """The reference moment for "days since": *as_of* (a date means its midnight) or the latest timestamp in
    the workspace (all events, whatever the filters)."""
    if as_of is None:
        return con.execute("SELECT max(ts) FROM events").fetchall()[0][0]
    if isinstance(as_of, dt.datetime):
        return as_of
    if isinstance(as_of, dt.date):
        return dt.datetime(as_of.year, as_of.month, as_of.day)
    raise CJMError("analyses.as_of", value=repr(as_of))


def _last_events(con: duckdb.DuckDBPyConnection, model: StageModel, filters: Filters | None) -> tuple[str, list]:
    """Per customer, kept once per data version and filters (:func:`cjm.store.kept.cached`): ``ckey,
    furthest, current_idx`` (stage of the last event), ``last_touchpoint`` (latest non-empty touchpoint),
    ``last_seen`` (latest timestamp). The dropped-off list reads it (stuck customers come from the events in
    journey order instead, see :func:`_stuck_sql`)."""
    base, params = filtered_events(model=model, filters=filters)
    sql = f"""SELECT ckey, max(stage_idx) AS furthest, arg_max(stage_idx, {ORDER_KEY_SQL}) AS current_idx,
                     arg_max(touchpoint, {ORDER_KEY_SQL}) AS last_touchpoint, max(ts) AS last_seen
              FROM ({base}) GROUP BY ckey"""
    return cached(con, "last", sql, params)


def dropped_after(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None,
                  stage: str, as_of: dt.date | dt.datetime | None = None) -> pd.DataFrame:
    """Customers whose furthest stage is *stage* (key or label): the ones who dropped off after it.

    Columns: ``customer_id, last_stage`` (label of their last event's stage; earlier than *stage* if they
    went back), ``last_touchpoint`` (their latest event that has a touchpoint; empty if none), ``last_seen`` (latest timestamp),
    ``days_since`` (days from last_seen to *as_of*, default the latest timestamp in the workspace; fractional).
    Longest-gone first, then by customer id.

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> con, m = open_workspace(":memory:").cursor(), preset("five-stage")
    >>> len(dropped_after(con, model=m, stage="Research"))
    0
    """
    k = model.index(stage)
    last_sql, params = _last_events(con, model, filters)
    ref = _as_of(con, as_of)
    st_sql, st_params = stages_relation(model)
    sql = f"""
        SELECT c.customer_id, s.label AS last_stage, l.last_touchpoint, l.last_seen,
               {days_sql('?::TIMESTAMP', 'l.last_seen')} AS days_since
        FROM {last_sql} l JOIN ({st_sql}) s ON s.stage_idx = l.current_idx JOIN customers c ON c.ckey = l.ckey
        WHERE l.furthest = ?
        ORDER BY days_since DESC NULLS LAST, c.customer_id"""
    return con.execute(sql, [ref, *params, *st_params, k]).df()


def _thresholds(con: duckdb.DuckDBPyConnection, model: StageModel, filters: Filters | None,
                days: float | None) -> list[float]:
    if days is not None:
        if isinstance(days, bool) or not isinstance(days, (int, float)) or days < 0:
            raise CJMError("analyses.idle_days", value=repr(days))
        return [float(days)] * len(model.stages)
    tis = time_in_stage(con, model=model, filters=filters)
    p90 = tis["p90_days"].astype("float64")
    return [FALLBACK_STUCK_DAYS if pd.isna(v) else max(1.0, float(v)) for v in p90]


def stuck(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None,
          days: float | None = None, as_of: dt.date | dt.datetime | None = None) -> pd.DataFrame:
    """Customers stuck: no event for at least the threshold, their current stage (the stage of their
    last event) is not final (``model.final_indexes()``), and no outcome is recorded for them at that stage
    (a decision there — hired, not now, no way, lost — means they moved on or left, not that they are stuck).

    Threshold: *days* for every stage, or by default per stage from the data: the p90 of
    :func:`time_in_stage` for that stage, at least 1 day (30 days when the stage has no measured stays).
    Idle time is measured up to *as_of* (default: the latest timestamp in the workspace). Customers
    without any timestamp are left out (their idle time is unknown).

    Columns: ``customer_id, stage, label, last_seen, days_idle, threshold_days`` (most idle first; equal idle
    times in the order customers came into the workspace).

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> con, m = open_workspace(":memory:").cursor(), preset("five-stage")
    >>> len(stuck(con, model=m, days=60))
    0
    """
    sql, params = _stuck_sql(con, model, filters, _thresholds(con, model, filters, days), as_of)
    df = con.execute(f"SELECT c.customer_id, x.stage_idx::INTEGER AS stage_idx, x.last_seen, x.days_idle, "
                     f"x.threshold_days FROM ({sql}) x JOIN customers c USING (ckey) "
                     f"ORDER BY x.days_idle DESC, x.ckey", params).df()
    return _with_stage_names(df, model, {"stage_idx": ("stage", "label")},
                             ["customer_id", "stage", "label", "last_seen", "days_idle", "threshold_days"])


def _stuck_sql(con: duckdb.DuckDBPyConnection, model: StageModel, filters: Filters | None, thr: list[float],
               as_of: dt.date | dt.datetime | None) -> tuple[str, list]:
    # From the events in journey order kept for the thresholds (no second pass grouping all events by customer):
    # a customer's current stage is the stage of their last event; their last_seen the timestamp of their last
    # timed event, which is the one whose next event has no timestamp (events without one come last).
    seq_sql, params = ordered_table(con, model=model, filters=filters, columns=("stage_idx",))
    last_sql = f"""(SELECT ckey, max(stage_idx) FILTER (WHERE is_last) AS current_idx,
                           max(ts) FILTER (WHERE ts IS NOT NULL AND next_ts IS NULL) AS last_seen
                    FROM {seq_sql} WHERE is_last OR (ts IS NOT NULL AND next_ts IS NULL) GROUP BY ckey
                    HAVING last_seen IS NOT NULL)"""
    ref = _as_of(con, as_of)
    st_sql, st_params = stages_relation(model)
    sql = f"""
        WITH t AS (SELECT ?::DOUBLE[] AS thr),
        l AS (SELECT *, {days_sql('?::TIMESTAMP', 'last_seen')} AS days_idle FROM {last_sql})
        SELECT l.ckey, s.stage_idx, s.stage, s.label, l.last_seen, l.days_idle,
               t.thr[l.current_idx + 1] AS threshold_days
        FROM l JOIN ({st_sql}) s ON s.stage_idx = l.current_idx, t
        WHERE NOT s.final AND l.days_idle >= t.thr[l.current_idx + 1]
          AND NOT EXISTS (SELECT 1 FROM events o WHERE o.outcome_key IS NOT NULL AND o.ckey = l.ckey
                                                     AND o.stage_idx = l.current_idx)"""
    return sql, [thr, ref, *params, *st_params]


def stuck_summary(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None,
                  days: float | None = None, as_of: dt.date | dt.datetime | None = None) -> pd.DataFrame:
    """Stuck customers per stage (every stage; final stages always 0).

    Columns: ``stage_idx, stage, label, stuck, threshold_days``.

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> con, m = open_workspace(":memory:").cursor(), preset("five-stage")
    >>> stuck_summary(con, model=m)["stuck"].tolist()
    [0, 0, 0, 0, 0]
    """
    thr = _thresholds(con, model, filters, days)
    sql, params = _stuck_sql(con, model, filters, thr, as_of)
    st_sql, st_params = stages_relation(model)
    return con.execute(f"""
        WITH x AS ({sql}), c AS (SELECT stage_idx, count(*) AS stuck FROM x GROUP BY stage_idx)
        SELECT s.stage_idx, s.stage, s.label, coalesce(c.stuck, 0) AS stuck, (?::DOUBLE[])[s.stage_idx + 1] AS threshold_days
        FROM ({st_sql}) s LEFT JOIN c USING (stage_idx) ORDER BY s.stage_idx""", [*params, thr, *st_params]).df()


def backwards(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None) -> pd.DataFrame:
    """Backward moves: an event at an earlier stage right after an event at a later one (consecutive events
    of the customer in journey order, events outside the model skipped — the same pairs as the stage flows
    with ``source_idx > target_idx``).

    Columns: ``customer_id, from_stage, to_stage`` (keys), ``from_label, to_label, ts`` (of the event that
    went back), ``from_idx, to_idx``. Ordered by customer (in the order customers came into the workspace:
    by id within one file), then journey order.

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> con, m = open_workspace(":memory:").cursor(), preset("five-stage")
    >>> len(backwards(con, model=m))
    0
    """
    seq_sql, params = ordered_table(con, model=model, filters=filters, columns=("stage_idx",))
    sql = f"""
        SELECT c.customer_id, e.prev_stage_idx::INTEGER AS from_idx, e.stage_idx::INTEGER AS to_idx, e.ts
        FROM {seq_sql} e JOIN customers c ON c.ckey = e.ckey
        WHERE NOT e.is_first AND e.stage_idx < e.prev_stage_idx
        ORDER BY e.ckey, e.ts NULLS LAST, e.seq"""
    df = con.execute(sql, params).df()
    # stage keys and labels from the indexes (categoricals: no text per row to build)
    return _with_stage_names(df, model, {"from_idx": ("from_stage", "from_label"), "to_idx": ("to_stage", "to_label")},
                             ["customer_id", "from_stage", "to_stage", "from_label", "to_label", "ts", "from_idx",
                              "to_idx"])


def _with_stage_names(df: pd.DataFrame, model: StageModel, names: dict[str, tuple[str, str]],
                      order: list[str]) -> pd.DataFrame:
    """*df* with, for each stage-index column in *names*, its stage key and label as categoricals, columns in
    *order*. Long lists (a million backward moves) get their names without a string per row from SQL."""
    for col, (key_col, label_col) in names.items():
        codes = df[col].to_numpy()
        df[key_col] = pd.Categorical.from_codes(codes, categories=pd.Index(model.keys))
        labels = pd.Index(model.labels)
        df[label_col] = (pd.Categorical.from_codes(codes, categories=labels) if labels.is_unique
                         else pd.Categorical(labels.take(codes)))
    return df[order]


def backwards_summary(con: duckdb.DuckDBPyConnection, *, model: StageModel,
                      filters: Filters | None = None) -> pd.DataFrame:
    """Backward moves per stage they went back **from** (every stage).

    Columns: ``stage_idx, stage, label, customers`` (distinct customers), ``moves``.

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> con, m = open_workspace(":memory:").cursor(), preset("five-stage")
    >>> backwards_summary(con, model=m)["moves"].tolist()
    [0, 0, 0, 0, 0]
    """
    seq_sql, params = ordered_table(con, model=model, filters=filters, columns=("stage_idx",))
    st_sql, st_params = stages_relation(model)
    sql = f"""
        WITH b AS (SELECT prev_stage_idx AS stage_idx, count(DISTINCT ckey) AS customers, count(*) AS moves
                   FROM {seq_sql} WHERE NOT is_first AND stage_idx < prev_stage_idx GROUP BY 1)
        SELECT s.stage_idx, s.stage, s.label, coalesce(b.customers, 0) AS customers, coalesce(b.moves, 0) AS moves
        FROM ({st_sql}) s LEFT JOIN b USING (stage_idx) ORDER BY s.stage_idx"""
    return con.execute(sql, [*params, *st_params]).df()
