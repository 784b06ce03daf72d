"""The funnel: how many customers reach each stage, where they drop out, how long it takes, and warnings.

Definitions (all over the events kept by the global filters; events whose stage is not in the model are
ignored here; journey order as in :mod:`cjm.journey`):

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

>>> from cjm.store import open_workspace
>>> from cjm.models import preset
>>> con = open_workspace(":memory:").cursor()
>>> _ = con.execute("INSERT INTO events (seq, import_id, source_file, source_row, customer_id, ts, stage, stage_idx) "
...                 "VALUES (1, 1, 'f', 2, 'a', '2026-01-01', 'awareness', 0), (2, 1, 'f', 3, 'a', '2026-01-05', 'purchase', 2),"
...                 "       (3, 1, 'f', 4, 'b', '2026-01-02', 'awareness', 0)")
>>> funnel(con, model=preset("five-stage"))[["label", "customers", "dropped"]].head(3).values.tolist()
[['Awareness', 2, 1], ['Research', 1, 0], ['Purchase', 1, 1]]
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from cjm.errors import CJMError
from cjm.filters import LIST_FIELDS, Filters
from cjm.journey import (ORDER_KEY_SQL, days_sql, filtered_events, ordered_events, stage_index,
                         stages_relation)
from cjm.models import StageModel
from cjm.sql import ident

MODES = ("furthest", "visited")
NOT_SET = "(not set)"
#: stuck threshold when a stage has no measured stays at all (days)
FALLBACK_STUCK_DAYS = 30.0


def _check_mode(mode: str, window_days: int | None) -> None:
    if mode not in MODES:
        raise CJMError(f'Unknown funnel mode "{mode}"; choose "furthest" or "visited".')
    if window_days is not None:
        if isinstance(window_days, bool) or not isinstance(window_days, int) or window_days < 0:
            raise CJMError(f"The conversion window must be a whole number of days (0 or more), not {window_days!r}.")
        if mode != "furthest":
            raise CJMError('The conversion window works with the "furthest" funnel mode; switch the mode or remove '
                           "the window.")


def _reach(con: duckdb.DuckDBPyConnection, model: StageModel, source: tuple[str, list], *, mode: str,
           window_days: int | None) -> pd.DataFrame:
    """Per group and stage: customers, dropped, conversion, conversion_from_first.

    *source* is a relation with columns ``g`` (group), ``customer_id``, ``stage_idx`` (not NULL), ``ts``.
    """
    _check_mode(mode, window_days)
    n = len(model.stages)
    src_sql, src_params = source
    aggs = ["max(stage_idx) AS furthest", "bit_or(1::BIGINT << stage_idx) AS mask"]
    if window_days is not None:
        aggs += [f"min(ts) FILTER (WHERE stage_idx >= {k}) AS r{k}" for k in range(n)]
    flags = []
    for k in range(n):
        if mode == "visited":
            cond = f"(mask >> {k}) & 1 = 1"
        else:
            cond = f"furthest >= {k}"
            if window_days is not None:
                cond += "".join(f" AND r{j + 1} <= r{j} + win" for j in range(k))
        flags.append(f"coalesce({cond}, false) AS c{k}")
    customers = ", ".join(f"count(*) FILTER (WHERE c{k})" for k in range(n))
    dropped = ", ".join(f"count(*) FILTER (WHERE c{k} AND NOT c{k + 1})" for k in range(n - 1)) + ", 0"
    st_sql, st_params = stages_relation(model)
    sql = f"""
        WITH p AS (SELECT to_days(?::INTEGER) AS win),
        per_cust AS (
            SELECT g, {', '.join(flags)} FROM (
                SELECT g, customer_id, {', '.join(aggs)} FROM ({src_sql}) GROUP BY g, customer_id
            ), p),
        counts AS (
            SELECT g, unnest(range({n})) AS stage_idx, unnest([{customers}]) AS customers,
                   unnest([{dropped}]) AS dropped
            FROM per_cust GROUP BY g)
        SELECT c.g AS "group", c.stage_idx, s.stage, s.label, c.customers, c.dropped,
               CASE WHEN c.stage_idx = 0 THEN 1.0
                    WHEN lag(c.customers) OVER w > 0 THEN c.customers / lag(c.customers) OVER w END AS conversion,
               CASE WHEN first_value(c.customers) OVER w > 0
                    THEN c.customers / first_value(c.customers) OVER w END AS conversion_from_first
        FROM counts c JOIN ({st_sql}) s USING (stage_idx)
        WINDOW w AS (PARTITION BY c.g ORDER BY c.stage_idx)
        ORDER BY c.g, c.stage_idx"""
    return con.execute(sql, [window_days or 0, *src_params, *st_params]).df()


def _source(model: StageModel, filters: Filters | None, group_sql: str = "NULL",
            extra: tuple[str, list] | None = None) -> tuple[str, list]:
    base, params = filtered_events(model=model, filters=filters, extra=extra)
    return f"SELECT {group_sql} AS g, customer_id, stage_idx, ts FROM ({base})", params


def funnel(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None,
           mode: str = "furthest", window_days: int | None = None) -> pd.DataFrame:
    """Customers per stage in model order.

    Columns: ``stage_idx, stage (key), label, customers, conversion, conversion_from_first, dropped``.
    See the module docstring for the exact definitions of the modes and of the window.

    >>> # funnel(con, model=m, filters=Filters(segment=("SMB",)), window_days=30)
    """
    df = _reach(con, model, _source(model, filters), mode=mode, window_days=window_days)
    if df.empty:  # no events: every stage with 0 customers
        st_sql, st_params = stages_relation(model)
        df = con.execute(f"""SELECT stage_idx, stage, label, 0::BIGINT AS customers,
                                   CASE WHEN stage_idx = 0 THEN 1.0 END AS conversion,
                                   NULL::DOUBLE AS conversion_from_first, 0::BIGINT AS dropped
                            FROM ({st_sql}) ORDER BY stage_idx""", st_params).df()
    return df[["stage_idx", "stage", "label", "customers", "conversion", "conversion_from_first", "dropped"]]


def breakdown(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None, by: str,
              mode: str = "furthest", window_days: int | None = None) -> pd.DataFrame:
    """The funnel per value of *by* (``segment``, ``persona``, ``role`` or ``channel``).

    Group *g*'s funnel is the funnel of the events whose *by* is *g* — the same as filtering on *g* — so a
    customer with events in two channels counts in both. Events without a value form the group "(not set)".
    Columns: ``group, stage_idx, stage, label, customers, conversion_from_first`` (plus ``conversion``,
    ``dropped``).

    >>> # breakdown(con, model=m, by="segment")
    """
    if by not in LIST_FIELDS:
        raise CJMError(f'Cannot break the funnel down by "{by}"; choose one of: {", ".join(LIST_FIELDS)}.')
    group_sql = f"coalesce(CAST({ident(by, LIST_FIELDS)} AS VARCHAR), ?)"
    base, params = filtered_events(model=model, filters=filters)
    source = (f"SELECT {group_sql} AS g, customer_id, stage_idx, ts FROM ({base})", [NOT_SET, *params])
    df = _reach(con, model, source, mode=mode, window_days=window_days)
    return df[["group", "stage_idx", "stage", "label", "customers", "conversion_from_first", "conversion",
               "dropped"]]


def _period(p: tuple[dt.date, dt.date], name: str) -> tuple[dt.date, dt.date]:
    try:
        start, end = p
    except (TypeError, ValueError):
        raise CJMError(f"Period {name} must be two dates (first day, last day).") from None
    if not isinstance(start, dt.date) or not isinstance(end, dt.date):
        raise CJMError(f"Period {name} must be two dates (first day, last day), not {p!r}.")
    if end < start:
        raise CJMError(f"Period {name} ends ({end}) before it starts ({start}); swap the dates.")
    return start, end


def compare_periods(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None,
                    a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date], mode: str = "furthest",
                    window_days: int | None = None) -> pd.DataFrame:
    """The funnel of two periods side by side (each: events from the first to the last day, inclusive,
    on top of *filters*). Columns: ``stage_idx, stage, label, customers_a, conversion_a, customers_b,
    conversion_b`` (conversion from the previous stage).

    >>> # compare_periods(con, model=m, a=(date(2025, 1, 1), date(2025, 6, 30)), b=(date(2025, 7, 1), date(2025, 12, 31)))
    """
    parts, params = [], []
    for name, p in (("a", a), ("b", b)):
        start, end = _period(p, name)
        base, bp = filtered_events(model=model, filters=filters,
                                   extra=("ts >= ? AND ts < ?", [start, end + dt.timedelta(days=1)]))
        parts.append(f"SELECT ? AS g, customer_id, stage_idx, ts FROM ({base})")
        params += [name, *bp]
    df = _reach(con, model, (" UNION ALL ".join(parts), params), mode=mode, window_days=window_days)
    st_sql, st_params = stages_relation(model)
    frame = con.execute(f"SELECT stage_idx, stage, label FROM ({st_sql}) ORDER BY stage_idx", st_params).df()
    for name in ("a", "b"):
        part = df[df["group"] == name].set_index("stage_idx")
        frame[f"customers_{name}"] = frame["stage_idx"].map(part["customers"]).fillna(0).astype("int64")
        frame[f"conversion_{name}"] = frame["stage_idx"].map(part["conversion"]).astype("float64")
    return frame[["stage_idx", "stage", "label", "customers_a", "conversion_a", "customers_b", "conversion_b"]]
