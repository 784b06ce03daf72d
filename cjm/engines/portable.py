"""The journey analyses defined once, as portable SQL over ``events``, for DuckDB and Spark alike.

Each function takes an opened source (:func:`cjm.engines.open_events`: anything with ``query(sql, params)``)
and returns the DataFrame of the workspace analysis of the same name in :mod:`cjm.analyses` — same columns, same
numbers (checked by ``tests/engines``): the definitions there (module docstrings of ``funnel``, ``flows``,
``channels``, ``emotion``, ``pain_points``) hold here word for word. Only the way differs: the workspace reads
events stored in journey order and results kept per data version; here every query reads the files and the
journey order is a window (:data:`ORDER_SQL`).

The SQL is DuckDB's dialect kept to what Spark has too (see :mod:`cjm.engines`): values are ``?`` parameters,
names pass :func:`cjm.core.sql.ident`, small lists (the stages, thresholds) are ``VALUES`` relations of
parameters, times are differences of ``epoch_us``. Rows differ from the workspace only where it orders by its
internal customer key (the order customers came in): here lists are ordered by customer id.

>>> import duckdb, tempfile, os
>>> from cjm.core.stage_model import preset
>>> from cjm.engines import open_events
>>> path = os.path.join(tempfile.mkdtemp(), "ev.parquet")
>>> duckdb.sql("SELECT * FROM (VALUES ('a', TIMESTAMP '2026-01-01', 'awareness'), ('a', TIMESTAMP '2026-01-05', "
...            "'purchase'), ('b', TIMESTAMP '2026-01-02', 'awareness')) t(customer, date, stage)").write_parquet(path)
>>> src = open_events(path, model=preset("five-stage"))
>>> funnel(src, model=src.model)[["label", "customers", "dropped"]].head(3).values.tolist()
[['Awareness', 2, 1], ['Research', 1, 0], ['Purchase', 1, 1]]
>>> transitions(src, model=src.model)[["source", "target", "count", "median_days"]].values.tolist()
[['__start__', 'awareness', 2, nan], ['awareness', 'purchase', 1, 4.0], ['awareness', '__end__', 1, nan], ['purchase', '__end__', 1, nan]]
>>> src.close()
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
import pandas as pd

from cjm.analyses.channels import classify_channel
from cjm.analyses.emotion import t975
from cjm.analyses.flows import END, START
from cjm.analyses.funnel import FALLBACK_STUCK_DAYS, _check_mode
from cjm.analyses.relations import filtered_events
from cjm.core.filters import Filters
from cjm.core.sql import ident
from cjm.core.stage_model import StageModel
from cjm.errors import CJMError
from cjm.store.kept import VALUE_READINGS, value_agg

#: A customer's events in journey order: time, then (equal times) stage order, then file order.
ORDER_SQL = "ts NULLS LAST, tie NULLS LAST, fseq"
WINDOW = f"PARTITION BY customer_id ORDER BY {ORDER_SQL}"
#: microseconds in a day, as a DOUBLE (a decimal literal would be DECIMAL on Spark)
DAY_US = "CAST(86400000000 AS DOUBLE)"
_Z = 1.959963984540054


class Source(Protocol):
    model: StageModel

    def query(self, sql: str, params: Sequence[Any]) -> pd.DataFrame: ...


# -- building blocks ---------------------------------------------------------------------------------------------
def events_sql(model: StageModel | None, filters: Filters | None, *, in_model: bool = True) -> tuple[str, list]:
    """``SELECT * FROM events WHERE <filters>`` (and ``stage_idx IS NOT NULL`` when *in_model*): the workspace's one
    door for filters, :func:`cjm.analyses.relations.filtered_events`, over the source's ``events`` view.

    >>> events_sql(None, Filters(segment=("SMB",)))
    ('SELECT * FROM events WHERE ("segment" IN (?)) AND stage_idx IS NOT NULL', ['SMB'])
    """
    return filtered_events(model=model, filters=filters, in_model=in_model)


def ordered_sql(model: StageModel, filters: Filters | None) -> tuple[str, list]:
    """The filtered events in the model, each with its customer's previous / next event in journey order:
    ``customer_id, ts, stage_idx, tie, fseq, prev_stage_idx, prev_ts, next_ts, is_first, is_last``."""
    ev, params = events_sql(model, filters)
    return (f"""SELECT customer_id, ts, stage_idx, tie, fseq,
                   LAG(stage_idx) OVER ({WINDOW}) AS prev_stage_idx, LAG(ts) OVER ({WINDOW}) AS prev_ts,
                   LEAD(ts) OVER ({WINDOW}) AS next_ts, LAG(fseq) OVER ({WINDOW}) IS NULL AS is_first,
                   LEAD(fseq) OVER ({WINDOW}) IS NULL AS is_last
            FROM ({ev}) e""", params)


def values_sql(columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]]) -> tuple[str, list]:
    """A small relation of parameters: ``SELECT * FROM (VALUES (CAST(? AS t), ...), ...) AS v(columns)``.

    >>> values_sql([("k", "INTEGER"), ("name", "VARCHAR")], [(0, "a"), (1, "b")])[0]
    'SELECT * FROM (VALUES (CAST(? AS INTEGER), CAST(? AS VARCHAR)), (CAST(? AS INTEGER), CAST(? AS VARCHAR))) AS v("k", "name")'
    """
    one = "(" + ", ".join(f"CAST(? AS {t})" for _, t in columns) + ")"
    names = ", ".join(ident(c) for c, _ in columns)
    return (f"SELECT * FROM (VALUES {', '.join(one for _ in rows)}) AS v({names})",
            [x for r in rows for x in r])


def stages_sql(model: StageModel) -> tuple[str, list]:
    """The model's stages: ``stage_idx, final`` (names are added in Python, from the model)."""
    finals = set(model.final_indexes())
    return values_sql([("stage_idx", "INTEGER"), ("final", "BOOLEAN")],
                      [(i, i in finals) for i in range(len(model.stages))])


def typed(df: pd.DataFrame, *, ints: Sequence[str] = (), floats: Sequence[str] = (),
          times: Sequence[str] = (), texts: Sequence[str] = ()) -> pd.DataFrame:
    """*df* with the same dtypes whichever engine returned it: int64, float64 (NULL = NaN), datetime64, object."""
    for c in ints:
        df[c] = pd.to_numeric(df[c]).fillna(0).astype("int64") if len(df) else df[c].astype("int64")
    for c in floats:
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    for c in times:
        df[c] = pd.to_datetime(df[c]).astype("datetime64[us]")
    for c in texts:
        df[c] = df[c].astype(object).where(df[c].notna(), None)
    return df


def _stage_names(df: pd.DataFrame, model: StageModel, idx: str = "stage_idx", key: str = "stage",
                 label: str = "label") -> pd.DataFrame:
    keys, labels = model.keys, model.labels
    df[key] = [keys[int(i)] for i in df[idx]]
    df[label] = [labels[int(i)] for i in df[idx]]
    return df


def _every_stage(model: StageModel) -> pd.DataFrame:
    return _stage_names(pd.DataFrame({"stage_idx": np.arange(len(model.stages), dtype=np.int64)}), model)


def reference_time(src: Source, value: dt.date | dt.datetime | None = None) -> dt.datetime | None:
    """The reference moment for "days since": *value* (a date: its midnight) or the latest timestamp of all the
    events (whatever the filters), as :func:`cjm.analyses.funnel.stuck` takes it."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if value is not None:
        raise CJMError("analyses.as_of", value=repr(value))
    got = src.query("SELECT MAX(ts) AS m FROM events", [])["m"].iloc[0]
    return None if got is None or pd.isna(got) else pd.Timestamp(got).to_pydatetime()


def quantiles_sql(values: str, keys: Sequence[str]) -> str:
    """CTEs (to follow ``WITH ...,``) ending in ``q``: per group of *keys* of the relation *values* (columns *keys*
    and ``v``), ``n`` (values that are not NULL), ``median`` and ``p90`` — the numbers ``MEDIAN(v)`` and
    ``QUANTILE_CONT(v, 0.9)`` give (linear interpolation between the closest ranks), from a histogram (a count per
    distinct value) and its running sums: a grouped count spills to disk where a median aggregate holds every value
    of a group in memory at once (out of memory at 10^8 events on DuckDB)."""
    k = ", ".join(ident(c) for c in keys)
    on = " AND ".join(f"c.{ident(c)} = t.{ident(c)}" for c in keys)
    ck = ", ".join(f"c.{ident(c)}" for c in keys)
    rn = "(t.n - 1) * CAST(0.9 AS DOUBLE)"
    return f"""hist AS (SELECT {k}, v, COUNT(*) AS c FROM {values} WHERE v IS NOT NULL GROUP BY {k}, v),
        tot AS (SELECT {k}, SUM(c) AS n FROM hist GROUP BY {k}),
        cum AS (SELECT {k}, v, SUM(c) OVER (PARTITION BY {k} ORDER BY v
                                            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum FROM hist),
        qr AS (SELECT {ck}, t.n,
                      (MIN(CASE WHEN c.cum >= FLOOR((t.n + 1) / 2) THEN c.v END)
                       + MIN(CASE WHEN c.cum >= FLOOR(t.n / 2) + 1 THEN c.v END)) / 2 AS median,
                      MIN(CASE WHEN c.cum >= FLOOR({rn}) + 1 THEN c.v END) AS p_lo,
                      MIN(CASE WHEN c.cum >= FLOOR({rn}) + 2 THEN c.v END) AS p_hi,
                      {rn} - FLOOR({rn}) AS frac
               FROM cum c JOIN tot t ON {on} GROUP BY {ck}, t.n),
        q AS (SELECT {k}, n, median, p_lo + frac * (COALESCE(p_hi, p_lo) - p_lo) AS p90 FROM qr)"""


# -- funnel ------------------------------------------------------------------------------------------------------
def _reach_counts(src: Source, model: StageModel, filters: Filters | None, mode: str,
                  window_days: int | None) -> tuple[np.ndarray, np.ndarray]:
    """Customers counted at each stage and dropped after each (the funnel's definitions)."""
    n = len(model.stages)
    ev, params = events_sql(model, filters)
    aggs = ["MAX(stage_idx) AS furthest"]
    aggs += [f"MAX(CASE WHEN stage_idx = {k} THEN 1 ELSE 0 END) AS v{k}" for k in range(n)]
    wparams: list = []
    if window_days is not None:
        aggs += [f"MIN(CASE WHEN stage_idx >= {k} THEN ts END) AS r{k}" for k in range(n)]
    flags = []
    for k in range(n):
        if mode == "visited":
            cond = f"v{k} = 1"
        else:
            cond = f"furthest >= {k}"
            if window_days is not None:
                for j in range(k):
                    cond += f" AND EPOCH_US(r{j + 1}) - EPOCH_US(r{j}) <= CAST(? AS BIGINT)"
                    wparams.append(int(window_days) * 86_400_000_000)
        flags.append(f"CASE WHEN {cond} THEN 1 ELSE 0 END AS f{k}")
    sums = [f"CAST(SUM(f{k}) AS BIGINT) AS c{k}" for k in range(n)]
    sums += [f"CAST(SUM(CASE WHEN f{k} = 1 AND f{k + 1} = 0 THEN 1 ELSE 0 END) AS BIGINT) AS d{k}" for k in range(n - 1)]
    sql = f"""WITH pc AS (SELECT customer_id, {', '.join(aggs)} FROM ({ev}) e GROUP BY customer_id),
        fl AS (SELECT {', '.join(flags)} FROM pc)
        SELECT {', '.join(sums)} FROM fl"""
    row = src.query(sql, [*params, *wparams]).iloc[0]
    reach = np.array([0 if pd.isna(row[f"c{k}"]) else int(row[f"c{k}"]) for k in range(n)], dtype=np.int64)
    drop = np.array([*(0 if pd.isna(row[f"d{k}"]) else int(row[f"d{k}"]) for k in range(n - 1)), 0], dtype=np.int64)
    return reach, drop


def funnel(src: Source, *, model: StageModel, filters: Filters | None = None, mode: str = "furthest",
           window_days: int | None = None) -> pd.DataFrame:
    """Customers per stage in model order, as :func:`cjm.analyses.funnel.funnel` (both modes, the conversion
    window). Columns: ``stage_idx, stage, label, customers, conversion, conversion_from_first, dropped``."""
    _check_mode(mode, window_days)
    reach, drop = _reach_counts(src, model, filters, mode, window_days)
    prev = np.concatenate([[1], reach[:-1]]).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        conv = np.where(prev > 0, reach / prev, np.nan)
        conv[0] = 1.0
        first = np.where(reach[0] > 0, reach / reach[0], np.nan) if len(reach) else reach.astype(float)
    df = _every_stage(model)
    df["customers"] = reach
    df["conversion"] = conv.astype("float64")
    df["conversion_from_first"] = np.asarray(first, dtype="float64")
    df["dropped"] = drop
    return df


def _arrivals(model: StageModel) -> str:
    return ", ".join(f"MIN(CASE WHEN stage_idx >= {k} THEN ts END) AS r{k}" for k in range(len(model.stages)))


def time_to_convert(src: Source, *, model: StageModel, filters: Filters | None = None) -> pd.DataFrame:
    """Days from arriving at a stage to arriving at the next one, as :func:`cjm.analyses.funnel.time_to_convert`.
    Columns: ``from_stage, to_stage, from_label, to_label, n, median_days, p90_days``."""
    n = len(model.stages)
    out = pd.DataFrame({"k": np.arange(max(n - 1, 0), dtype=np.int64)})
    if n >= 2:
        ev, params = events_sql(model, filters)
        ks, kp = values_sql([("k", "INTEGER")], [(k,) for k in range(n - 1)])
        diff = " ".join(f"WHEN {k} THEN (EPOCH_US(r{k + 1}) - EPOCH_US(r{k})) / {DAY_US}" for k in range(n - 1))
        sql = f"""WITH pc AS (SELECT customer_id, {_arrivals(model)} FROM ({ev}) e GROUP BY customer_id),
            ks AS ({ks}),
            d AS (SELECT ks.k, CASE ks.k {diff} END AS v FROM pc CROSS JOIN ks),
            {quantiles_sql("d", ["k"])}
            SELECT k, n, median AS median_days, p90 AS p90_days FROM q"""
        agg = typed(src.query(sql, [*params, *kp]), ints=["k", "n"], floats=["median_days", "p90_days"])
        out = out.merge(agg, on="k", how="left")
    else:
        out = out.assign(n=0, median_days=np.nan, p90_days=np.nan)
    out["n"] = out["n"].fillna(0).astype("int64")
    out = _stage_names(out, model, "k", "from_stage", "from_label")
    out["to_idx"] = out["k"] + 1
    out = _stage_names(out, model, "to_idx", "to_stage", "to_label")
    return typed(out[["from_stage", "to_stage", "from_label", "to_label", "n", "median_days", "p90_days"]],
                 floats=["median_days", "p90_days"])


def time_in_stage(src: Source, *, model: StageModel, filters: Filters | None = None) -> pd.DataFrame:
    """Days customers spend in each stage, as :func:`cjm.analyses.funnel.time_in_stage`.
    Columns: ``stage_idx, stage, label, n, median_days, p90_days``."""
    o, params = ordered_sql(model, filters)
    sql = f"""WITH o AS ({o}),
        per AS (SELECT customer_id, stage_idx, SUM((EPOCH_US(next_ts) - EPOCH_US(ts)) / {DAY_US}) AS v
                FROM o WHERE NOT is_last GROUP BY customer_id, stage_idx),
        {quantiles_sql("per", ["stage_idx"])}
        SELECT stage_idx, n, median AS median_days, p90 AS p90_days FROM q"""
    agg = typed(src.query(sql, params), ints=["stage_idx", "n"], floats=["median_days", "p90_days"])
    df = _every_stage(model).merge(agg, on="stage_idx", how="left")
    df["n"] = df["n"].fillna(0).astype("int64")
    return typed(df[["stage_idx", "stage", "label", "n", "median_days", "p90_days"]],
                 floats=["median_days", "p90_days"])


def _thresholds(src: Source, model: StageModel, filters: Filters | None, days: float | None) -> list[float]:
    if days is not None:
        if isinstance(days, bool) or not isinstance(days, (int, float)) or days < 0:
            raise CJMError("analyses.idle_days", value=repr(days))
        return [float(days)] * len(model.stages)
    p90 = time_in_stage(src, model=model, filters=filters)["p90_days"]
    return [FALLBACK_STUCK_DAYS if pd.isna(v) else max(1.0, float(v)) for v in p90]


def stuck(src: Source, *, model: StageModel, filters: Filters | None = None, days: float | None = None,
          as_of: dt.date | dt.datetime | None = None) -> pd.DataFrame:
    """Stuck customers, as :func:`cjm.analyses.funnel.stuck` (threshold per stage from the p90 of time in stage
    unless *days*; idle time up to *as_of*, default the latest timestamp of all events). Columns:
    ``customer_id, stage, label, last_seen, days_idle, threshold_days`` (most idle first, then by customer id)."""
    return _stuck(src, model, filters, _thresholds(src, model, filters, days), reference_time(src, as_of))


def _stuck(src: Source, model: StageModel, filters: Filters | None, thr: list[float],
           ref: dt.datetime | None) -> pd.DataFrame:
    cols = ["customer_id", "stage", "label", "last_seen", "days_idle", "threshold_days"]
    if ref is None:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    o, params = ordered_sql(model, filters)
    finals = set(model.final_indexes())
    t_sql, t_params = values_sql([("stage_idx", "INTEGER"), ("thr", "DOUBLE"), ("final", "BOOLEAN")],
                                 [(i, thr[i], i in finals) for i in range(len(model.stages))])
    sql = f"""WITH o AS ({o}),
        l AS (SELECT customer_id, MAX(CASE WHEN is_last THEN stage_idx END) AS current_idx, MAX(ts) AS last_seen
              FROM o GROUP BY customer_id),
        t AS ({t_sql}),
        oc AS (SELECT DISTINCT customer_id, stage_idx FROM events WHERE outcome_key IS NOT NULL),
        x AS (SELECT l.customer_id, l.current_idx AS stage_idx, l.last_seen,
                     (EPOCH_US(CAST(? AS TIMESTAMP)) - EPOCH_US(l.last_seen)) / {DAY_US} AS days_idle,
                     t.thr AS threshold_days
              FROM l JOIN t ON t.stage_idx = l.current_idx WHERE l.last_seen IS NOT NULL AND NOT t.final)
        SELECT x.customer_id, x.stage_idx, x.last_seen, x.days_idle, x.threshold_days
        FROM x LEFT JOIN oc ON oc.customer_id = x.customer_id AND oc.stage_idx = x.stage_idx
        WHERE oc.customer_id IS NULL AND x.days_idle >= x.threshold_days"""
    df = typed(src.query(sql, [*params, *t_params, ref]), ints=["stage_idx"], floats=["days_idle", "threshold_days"],
               times=["last_seen"])
    df = df.sort_values(["days_idle", "customer_id"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return _stage_names(df, model)[cols + ["stage_idx"]]


def stuck_summary(src: Source, *, model: StageModel, filters: Filters | None = None, days: float | None = None,
                  as_of: dt.date | dt.datetime | None = None) -> pd.DataFrame:
    """Stuck customers per stage (every stage), as :func:`cjm.analyses.funnel.stuck_summary`.
    Columns: ``stage_idx, stage, label, stuck, threshold_days``."""
    thr = _thresholds(src, model, filters, days)
    lst = _stuck(src, model, filters, thr, reference_time(src, as_of))
    df = _every_stage(model)
    counts = lst.groupby("stage_idx").size() if len(lst) else pd.Series(dtype="int64")
    df["stuck"] = df["stage_idx"].map(counts).fillna(0).astype("int64")
    df["threshold_days"] = np.asarray(thr, dtype="float64")
    return df


def backwards(src: Source, *, model: StageModel, filters: Filters | None = None) -> pd.DataFrame:
    """Backward moves, as :func:`cjm.analyses.funnel.backwards`, ordered by customer id, then journey order.
    Columns: ``customer_id, from_stage, to_stage, from_label, to_label, ts, from_idx, to_idx``."""
    o, params = ordered_sql(model, filters)
    sql = f"""SELECT customer_id, prev_stage_idx AS from_idx, stage_idx AS to_idx, ts, tie, fseq FROM ({o}) o
        WHERE NOT is_first AND stage_idx < prev_stage_idx"""
    df = typed(src.query(sql, params), ints=["from_idx", "to_idx", "fseq"], floats=["tie"], times=["ts"])
    df = df.sort_values(["customer_id", "ts", "tie", "fseq"], na_position="last", kind="stable").reset_index(drop=True)
    df = _stage_names(df, model, "from_idx", "from_stage", "from_label")
    df = _stage_names(df, model, "to_idx", "to_stage", "to_label")
    return df[["customer_id", "from_stage", "to_stage", "from_label", "to_label", "ts", "from_idx", "to_idx"]]


def backwards_summary(src: Source, *, model: StageModel, filters: Filters | None = None) -> pd.DataFrame:
    """Backward moves per stage they went back from, as :func:`cjm.analyses.funnel.backwards_summary`.
    Columns: ``stage_idx, stage, label, customers, moves``."""
    o, params = ordered_sql(model, filters)
    sql = f"""SELECT prev_stage_idx AS stage_idx, COUNT(DISTINCT customer_id) AS customers, COUNT(*) AS moves
        FROM ({o}) o WHERE NOT is_first AND stage_idx < prev_stage_idx GROUP BY prev_stage_idx"""
    agg = typed(src.query(sql, params), ints=["stage_idx", "customers", "moves"])
    df = _every_stage(model).merge(agg, on="stage_idx", how="left")
    return typed(df, ints=["customers", "moves"])


# -- flows -------------------------------------------------------------------------------------------------------
def transitions(src: Source, *, model: StageModel, filters: Filters | None = None) -> pd.DataFrame:
    """Directly-follows counts between stages, as :func:`cjm.analyses.flows.transitions` with ``by="stage"``.
    Columns: ``source, target, count, median_days, source_idx, target_idx, source_label, target_label``."""
    n = len(model.stages)
    o, params = ordered_sql(model, filters)
    # The median comes from a histogram of the times between the two events (one row per pair and distinct
    # time): a median aggregate would hold every time of every pair in memory at once (out of memory at 10^8
    # events), a grouped count spills to disk. It is the same number: the mean of the values at ranks
    # floor((n+1)/2) and floor(n/2)+1, as MEDIAN gives it.
    sql = f"""WITH o AS ({o}),
        pairs AS (SELECT CASE WHEN is_first THEN -1 ELSE prev_stage_idx END AS source_idx, stage_idx AS target_idx,
                         CASE WHEN NOT is_first THEN EPOCH_US(ts) - EPOCH_US(prev_ts) END AS us,
                         CASE WHEN is_last THEN 1 ELSE 0 END AS ends FROM o),
        hist AS (SELECT source_idx, target_idx, us, COUNT(*) AS c, SUM(ends) AS ends
                 FROM pairs GROUP BY source_idx, target_idx, us),
        agg AS (SELECT source_idx, target_idx, SUM(c) AS cnt, SUM(CASE WHEN us IS NOT NULL THEN c ELSE 0 END) AS n_us,
                       SUM(ends) AS ends FROM hist GROUP BY source_idx, target_idx),
        cum AS (SELECT source_idx, target_idx, us,
                       SUM(c) OVER (PARTITION BY source_idx, target_idx ORDER BY us
                                    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum
                FROM hist WHERE us IS NOT NULL),
        med AS (SELECT cum.source_idx, cum.target_idx,
                       (CAST(MIN(CASE WHEN cum.cum >= FLOOR((agg.n_us + 1) / 2) THEN cum.us END) AS DOUBLE)
                        + CAST(MIN(CASE WHEN cum.cum >= FLOOR(agg.n_us / 2) + 1 THEN cum.us END) AS DOUBLE)) / 2
                           / {DAY_US} AS median_days
                FROM cum JOIN agg ON agg.source_idx = cum.source_idx AND agg.target_idx = cum.target_idx
                GROUP BY cum.source_idx, cum.target_idx)
        SELECT agg.source_idx, agg.target_idx, agg.cnt, med.median_days
        FROM agg LEFT JOIN med ON med.source_idx = agg.source_idx AND med.target_idx = agg.target_idx
        UNION ALL
        SELECT target_idx, CAST(? AS INTEGER), SUM(ends), CAST(NULL AS DOUBLE) FROM agg GROUP BY target_idx
        HAVING SUM(ends) > 0"""
    df = typed(src.query(sql, [*params, n]), ints=["source_idx", "target_idx", "cnt"], floats=["median_days"])
    df = df.sort_values(["source_idx", "target_idx"], kind="stable").reset_index(drop=True)
    keys = {-1: START, n: END, **dict(enumerate(model.keys))}
    labels = {-1: START, n: END, **dict(enumerate(model.labels))}
    return pd.DataFrame({"source": [keys[int(i)] for i in df["source_idx"]],
                         "target": [keys[int(i)] for i in df["target_idx"]],
                         "count": df["cnt"].astype("int64"), "median_days": df["median_days"].astype("float64"),
                         "source_idx": df["source_idx"].astype("int32"), "target_idx": df["target_idx"].astype("int32"),
                         "source_label": [labels[int(i)] for i in df["source_idx"]],
                         "target_label": [labels[int(i)] for i in df["target_idx"]]})


# -- channels ----------------------------------------------------------------------------------------------------
def matrix(src: Source, *, model: StageModel, filters: Filters | None = None) -> pd.DataFrame:
    """Stage × channel, long, as :func:`cjm.analyses.channels.matrix`. Columns: ``stage_idx, stage, label,
    channel, medium, events, customers, mean_emotion, n_emotion``."""
    ev, params = events_sql(model, filters)
    sql = f"""SELECT stage_idx, channel, COUNT(*) AS events, COUNT(DISTINCT customer_id) AS customers,
                     SUM(emotion) / COUNT(emotion) AS mean_emotion, COUNT(emotion) AS n_emotion
              FROM ({ev}) e WHERE channel IS NOT NULL GROUP BY stage_idx, channel"""
    df = typed(src.query(sql, params), ints=["stage_idx", "events", "customers", "n_emotion"],
               floats=["mean_emotion"], texts=["channel"])
    df = df.sort_values(["stage_idx", "events", "channel"], ascending=[True, False, True], kind="stable")
    df = _stage_names(df.reset_index(drop=True), model)
    df["medium"] = [classify_channel(c) for c in df["channel"]]
    return df[["stage_idx", "stage", "label", "channel", "medium", "events", "customers", "mean_emotion", "n_emotion"]]


def gaps(src: Source, *, model: StageModel, filters: Filters | None = None, few_ratio: float = 0.5) -> pd.DataFrame:
    """Gaps in the map, as :func:`cjm.analyses.channels.gaps`. Columns: ``kind, stage_idx, stage, label, channel,
    events, customers, touches_per_customer, median_touches_per_customer, stages_with_channel, channel_events``."""
    st, st_p = stages_sql(model)
    ev, ev_p = events_sql(model, filters)
    sql = f"""WITH stages AS ({st}), ev AS ({ev}),
        sc AS (SELECT stage_idx, channel, COUNT(*) AS events,
                      SUM(CASE WHEN touchpoint IS NOT NULL OR channel IS NOT NULL THEN 1 ELSE 0 END) AS touches
               FROM ev GROUP BY stage_idx, channel),
        ev_agg AS (SELECT stage_idx, SUM(events) AS events, SUM(touches) AS touches FROM sc GROUP BY stage_idx),
        cu_agg AS (SELECT stage_idx, COUNT(DISTINCT customer_id) AS customers FROM ev GROUP BY stage_idx),
        per_stage AS (SELECT s.stage_idx, COALESCE(a.events, 0) AS events, COALESCE(c.customers, 0) AS customers,
                             COALESCE(a.touches, 0) AS touches
                      FROM stages s LEFT JOIN ev_agg a ON a.stage_idx = s.stage_idx
                          LEFT JOIN cu_agg c ON c.stage_idx = s.stage_idx),
        rated AS (SELECT stage_idx, events, customers, touches, CAST(touches AS DOUBLE) / customers AS tpc
                  FROM per_stage WHERE touches > 0),
        med AS (SELECT MEDIAN(tpc) AS m, COUNT(*) AS n_touched FROM rated),
        used AS (SELECT stage_idx, channel, events AS n FROM sc WHERE channel IS NOT NULL),
        ch AS (SELECT channel, COUNT(*) AS others, SUM(n) AS ch_events FROM used GROUP BY channel),
        absent AS (SELECT r.stage_idx, ch.channel, ch.others, ch.ch_events
                   FROM rated r CROSS JOIN ch
                       LEFT JOIN used u ON u.stage_idx = r.stage_idx AND u.channel = ch.channel
                   WHERE u.channel IS NULL)
        SELECT 'no_touchpoints' AS kind, p.stage_idx, CAST(NULL AS VARCHAR) AS channel, p.events, p.customers,
               CAST(NULL AS DOUBLE) AS touches_per_customer, CAST(NULL AS DOUBLE) AS median_touches_per_customer,
               CAST(NULL AS BIGINT) AS stages_with_channel, CAST(NULL AS BIGINT) AS channel_events, 0 AS k
        FROM per_stage p CROSS JOIN med WHERE p.touches = 0 AND med.n_touched > 0
        UNION ALL
        SELECT 'channel_absent', r.stage_idx, a.channel, r.events, r.customers, CAST(NULL AS DOUBLE),
               CAST(NULL AS DOUBLE), a.others, a.ch_events, 1
        FROM absent a JOIN rated r ON r.stage_idx = a.stage_idx CROSS JOIN med
        WHERE a.others > 0 AND a.others * 2 >= med.n_touched - 1
        UNION ALL
        SELECT 'few_touches', r.stage_idx, CAST(NULL AS VARCHAR), r.events, r.customers, r.tpc, med.m,
               CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), 2
        FROM rated r CROSS JOIN med WHERE med.n_touched >= 2 AND r.tpc < CAST(? AS DOUBLE) * med.m"""
    df = typed(src.query(sql, [*st_p, *ev_p, float(few_ratio)]),
               ints=["stage_idx", "events", "customers", "k"],
               floats=["touches_per_customer", "median_touches_per_customer"], texts=["channel"])
    for c in ("stages_with_channel", "channel_events"):
        df[c] = pd.to_numeric(df[c]).astype("Int64")
    df = df.sort_values(["stage_idx", "k", "channel"], na_position="last", kind="stable").reset_index(drop=True)
    df = _stage_names(df, model)
    return df[["kind", "stage_idx", "stage", "label", "channel", "events", "customers", "touches_per_customer",
               "median_touches_per_customer", "stages_with_channel", "channel_events"]]


# -- emotion and NPS ---------------------------------------------------------------------------------------------
def curve(src: Source, *, model: StageModel, filters: Filters | None = None) -> pd.DataFrame:
    """Mean emotion per stage with n, sd and the 95% t-interval, as :func:`cjm.analyses.emotion.curve`.
    Columns: ``stage_idx, stage, label, mean, n, sd, ci_low, ci_high``."""
    ev, params = events_sql(model, filters)
    sql = f"""SELECT stage_idx, AVG(emotion) AS mean, COUNT(emotion) AS n, STDDEV_SAMP(emotion) AS sd
              FROM ({ev}) e GROUP BY stage_idx"""
    agg = typed(src.query(sql, params), ints=["stage_idx", "n"], floats=["mean", "sd"])
    df = _every_stage(model).merge(agg, on="stage_idx", how="left")
    df["n"] = df["n"].fillna(0).astype("int64")
    half = [t975(int(n) - 1) * sd / math.sqrt(n) if n >= 2 else np.nan for n, sd in zip(df["n"], df["sd"])]
    df["ci_low"] = np.where(df["n"] >= 2, df["mean"] - np.asarray(half, dtype=float), np.nan)
    df["ci_high"] = np.where(df["n"] >= 2, df["mean"] + np.asarray(half, dtype=float), np.nan)
    return typed(df[["stage_idx", "stage", "label", "mean", "n", "sd", "ci_low", "ci_high"]],
                 floats=["mean", "sd", "ci_low", "ci_high"])


def _nps_columns(df: pd.DataFrame) -> pd.DataFrame:
    """``nps, ci_low, ci_high`` from ``n, promoters, detractors`` (the formulas of :mod:`cjm.analyses.emotion`)."""
    n = df["n"].to_numpy(dtype=float)
    p, d = df["promoters"].to_numpy(dtype=float), df["detractors"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        m = np.where(n > 0, (p - d) / n, np.nan)
        var = np.where(n > 0, (p + d) / n - m ** 2, np.nan)
        half = _Z * np.sqrt(np.maximum(var, 0) / n)
    df["nps"] = 100 * m
    df["ci_low"] = np.where(n >= 2, np.maximum(-100, 100 * (m - half)), np.nan)
    df["ci_high"] = np.where(n >= 2, np.minimum(100, 100 * (m + half)), np.nan)
    return df


def nps(src: Source, *, model: StageModel, filters: Filters | None = None, by: str | None = None) -> pd.DataFrame:
    """Net Promoter Score overall (``by=None``, every answer, also at stages outside the model) or per stage
    (``by="stage"``), as :func:`cjm.analyses.emotion.nps`. Columns: [``stage_idx, stage, label``,] ``n,
    promoters, passives, detractors, nps, ci_low, ci_high``."""
    if by not in (None, "stage"):
        raise CJMError("engines.nps_by", by=by)
    ev, params = events_sql(model, filters, in_model=by == "stage")
    key = "stage_idx, " if by == "stage" else ""
    sql = f"""SELECT {key}COUNT(*) AS n, SUM(CASE WHEN nps >= 9 THEN 1 ELSE 0 END) AS promoters,
                     SUM(CASE WHEN nps BETWEEN 7 AND 8 THEN 1 ELSE 0 END) AS passives,
                     SUM(CASE WHEN nps <= 6 THEN 1 ELSE 0 END) AS detractors
              FROM ({ev}) e WHERE nps IS NOT NULL {'GROUP BY stage_idx' if by == 'stage' else ''}"""
    counts = ["n", "promoters", "passives", "detractors"]
    agg = typed(src.query(sql, params), ints=[*counts, *(["stage_idx"] if by == "stage" else [])])
    if by == "stage":
        df = _every_stage(model).merge(agg, on="stage_idx", how="left")
    else:
        df = agg.head(1).reset_index(drop=True)
    df = typed(df, ints=counts)
    return _nps_columns(df)


# -- pain points -------------------------------------------------------------------------------------------------
def value_reading(src: Source) -> str:
    """How customers' values are read, from the data as :func:`cjm.store.kept.value_reading_found` decides it:
    ``event`` (amounts per event, summed) when a customer's events carry different values, else ``customer``."""
    sql = """SELECT COUNT(*) AS varying FROM (SELECT customer_id FROM events WHERE value IS NOT NULL
             GROUP BY customer_id HAVING COUNT(DISTINCT value) > 1) v"""
    return "event" if int(src.query(sql, [])["varying"].iloc[0]) else "customer"


def customer_values_sql(model: StageModel, filters: Filters | None, reading: str) -> tuple[str, list]:
    """Per customer of the filtered events in the model: ``customer_id, furthest, v`` (the customer's value, else
    the mean of their segment, else of everyone), as :func:`cjm.analyses.channels.customer_values`."""
    if reading not in VALUE_READINGS:
        raise ValueError(f"value reading must be one of {VALUE_READINGS}, not {reading!r}")
    ev, params = events_sql(model, filters)
    sql = f"""WITH cust AS (SELECT customer_id, MAX(stage_idx) AS furthest, {value_agg(reading)} AS v,
                            ARG_MIN(segment, fseq) FILTER (WHERE segment IS NOT NULL) AS seg
                     FROM ({ev}) e GROUP BY customer_id),
        seg_mean AS (SELECT seg, AVG(v) AS m FROM cust WHERE v IS NOT NULL GROUP BY seg),
        all_mean AS (SELECT AVG(v) AS m FROM cust)
        SELECT c.customer_id, c.furthest, COALESCE(c.v, sm.m, am.m) AS v
        FROM cust c LEFT JOIN seg_mean sm ON sm.seg IS NOT DISTINCT FROM c.seg CROSS JOIN all_mean am"""
    return sql, params


def pain_points(src: Source, *, model: StageModel, filters: Filters | None = None, top: int | None = None,
                reading: str | None = None) -> pd.DataFrame:
    """(stage, touchpoint) pairs with a negative mean emotion ranked by :data:`cjm.analyses.pain_points.FORMULA`,
    as :func:`cjm.analyses.pain_points.pain_points`. Columns: ``rank, stage_idx, stage, label, touchpoint,
    customers, n_emotion, mean_emotion, dropped, drop_rate, value_at_stake, negativity, value_weight, impact``."""
    st, st_p = stages_sql(model)
    cv, cv_p = customer_values_sql(model, filters, reading or value_reading(src))
    ev, ev_p = events_sql(model, filters)
    sql = f"""WITH stages AS ({st}), cv AS ({cv}), ev AS ({ev}),
        e AS (SELECT stage_idx, touchpoint AS tp, COUNT(*) AS events, COUNT(emotion) AS n_emotion,
                     SUM(emotion) AS sum_emotion FROM ev WHERE touchpoint IS NOT NULL GROUP BY stage_idx, touchpoint),
        d AS (SELECT DISTINCT customer_id, stage_idx, touchpoint AS tp FROM ev WHERE touchpoint IS NOT NULL),
        c AS (SELECT d.stage_idx, d.tp, COUNT(*) AS customers,
                     SUM(CASE WHEN cv.furthest = d.stage_idx THEN 1 ELSE 0 END) AS stayed,
                     SUM(cv.v) AS value_sum, COUNT(cv.v) AS value_n
              FROM d JOIN cv ON cv.customer_id = d.customer_id GROUP BY d.stage_idx, d.tp),
        cv_mean AS (SELECT AVG(v) AS m FROM cv),
        pairs AS (SELECT e.stage_idx, e.tp AS touchpoint, c.customers, e.n_emotion,
                         e.sum_emotion / CASE WHEN e.n_emotion = 0 THEN NULL ELSE e.n_emotion END AS mean_emotion,
                         CASE WHEN s.final THEN 0 ELSE c.stayed END AS dropped, c.value_sum AS value_at_stake,
                         c.value_sum / CASE WHEN c.value_n = 0 THEN NULL ELSE c.value_n END AS mean_value
                  FROM e JOIN c ON c.stage_idx = e.stage_idx AND c.tp = e.tp
                      JOIN stages s ON s.stage_idx = e.stage_idx),
        scored AS (SELECT p.stage_idx, p.touchpoint, p.customers, p.n_emotion, p.mean_emotion, p.dropped,
                          CAST(p.dropped AS DOUBLE) / p.customers AS drop_rate, p.value_at_stake,
                          GREATEST(0, -p.mean_emotion) AS negativity,
                          COALESCE(GREATEST(0, p.mean_value) / CASE WHEN m.m = 0 THEN NULL ELSE m.m END, 1)
                              AS value_weight
                   FROM pairs p CROSS JOIN cv_mean m WHERE p.mean_emotion < 0),
        ranked AS (SELECT *, negativity * (customers + dropped) * value_weight AS impact FROM scored)
        SELECT ROW_NUMBER() OVER (ORDER BY impact DESC, customers DESC, stage_idx, touchpoint) AS rank, *
        FROM ranked WHERE impact > 0"""
    df = typed(src.query(sql, [*st_p, *cv_p, *ev_p]),
               ints=["rank", "stage_idx", "customers", "n_emotion", "dropped"],
               floats=["mean_emotion", "drop_rate", "value_at_stake", "negativity", "value_weight", "impact"],
               texts=["touchpoint"])
    df = df.sort_values("rank", kind="stable").reset_index(drop=True)
    if top is not None:
        df = df.head(int(top))
    df = _stage_names(df, model)
    return df[["rank", "stage_idx", "stage", "label", "touchpoint", "customers", "n_emotion", "mean_emotion",
               "dropped", "drop_rate", "value_at_stake", "negativity", "value_weight", "impact"]]


# -- everything --------------------------------------------------------------------------------------------------
def counts(src: Source, *, model: StageModel, filters: Filters | None = None) -> tuple[int, int]:
    """``(events, customers)`` of the filtered events in the model."""
    ev, params = events_sql(model, filters)
    row = src.query(f"SELECT COUNT(*) AS n, COUNT(DISTINCT customer_id) AS c FROM ({ev}) e", params).iloc[0]
    return int(row["n"]), int(row["c"])


def tables(src: Source, *, model: StageModel, filters: Filters | None = None) -> dict[str, pd.DataFrame]:
    """Every analysis of the report that runs in place, by name (what ``python -m cjm report --events`` shows).

    The names are those of :func:`cjm.present.report.tables` where the table is the same."""
    kw: dict[str, Any] = {"model": model, "filters": filters}
    trans = transitions(src, **kw)
    return {
        "funnel": funnel(src, **kw),
        "funnel_visited": funnel(src, **kw, mode="visited"),
        "transitions": trans[["source", "target", "count", "median_days", "source_label", "target_label"]],
        "time_to_convert": time_to_convert(src, **kw),
        "time_in_stage": time_in_stage(src, **kw),
        "channels": matrix(src, **kw),
        "channel_gaps": gaps(src, **kw),
        "emotion_curve": curve(src, **kw),
        "nps": nps(src, **kw),
        "nps_by_stage": nps(src, **kw, by="stage"),
        "pain_points": pain_points(src, **kw),
        "stuck": stuck_summary(src, **kw),
        "stuck_customers": stuck(src, **kw),
        "backwards": backwards_summary(src, **kw),
        "backwards_moves": backwards(src, **kw),
    }
