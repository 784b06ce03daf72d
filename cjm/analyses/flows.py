"""Flows: the directly-follows counts between consecutive events of each customer (ready for a Sankey).

For every customer, events in journey order (timestamp, then file order; see :mod:`cjm.analyses.relations`) give the
pairs ``(event i, event i+1)``, plus ``"__start__" -> first event`` and ``last event -> "__end__"``. A stage
followed by itself (a loop) is its own row, so the counts add up: the rows leaving ``"__start__"`` sum to
the number of customers, and so do the rows entering ``"__end__"``; for every node, what comes in equals
what goes out.

- ``by="stage"``: events whose stage is not in the model are skipped (the flow goes straight from the stage
  before them to the stage after them).
- ``by="touchpoint"``: events without a touchpoint are skipped; the *top* touchpoints by number of events
  are kept (ties: alphabetical), all others are grouped as ``"Other"`` (``top=None``: keep all).

>>> from cjm.store import insert_events, open_workspace
>>> from cjm.core.stage_model import preset
>>> con = open_workspace(":memory:").cursor()
>>> insert_events(con, ["seq", "import_id", "source_file", "source_row", "customer_id", "ts", "stage", "stage_idx"],
...               "VALUES (1, 1, 'f', 2, 'a', TIMESTAMP '2026-01-01', 'awareness', 0), "
...               "(2, 1, 'f', 3, 'a', TIMESTAMP '2026-01-05', 'purchase', 2)")
2
>>> transitions(con, model=preset("five-stage"))[["source", "target", "count", "median_days"]].values.tolist()
[['__start__', 'awareness', 1, nan], ['awareness', 'purchase', 1, 4.0], ['purchase', '__end__', 1, nan]]
"""

from __future__ import annotations

import duckdb
import pandas as pd

from cjm.analyses.relations import filtered_events, median_days_sql, neighbours, ordered_table, stages_relation
from cjm.core.filters import Filters
from cjm.core.stage_model import StageModel
from cjm.errors import CJMError
from cjm.store.kept import cached

START = "__start__"
END = "__end__"
OTHER = "Other"
BY = ("stage", "touchpoint")


def transitions(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None,
                by: str = "stage", top: int | None = None) -> pd.DataFrame:
    """Directly-follows counts between consecutive events of each customer.

    Columns: ``source, target, count, median_days`` (median time between the two events in days; NaN for
    rows from ``"__start__"`` / to ``"__end__"`` and when a timestamp is missing), and for ``by="stage"``
    also ``source_idx, target_idx`` (stage indexes; -1 for ``"__start__"``, ``len(stages)`` for ``"__end__"``)
    and ``source_label, target_label``. Stage rows use stage keys as ``source`` / ``target``. Rows are ordered
    by source, target (stages in model order) or, for touchpoints, by count (largest first).

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> con, m = open_workspace(":memory:").cursor(), preset("five-stage")
    >>> transitions(con, model=m, by="touchpoint", top=8).columns.tolist()
    ['source', 'target', 'count', 'median_days']
    """
    if by not in BY:
        raise CJMError("analyses.flows_by", value=str(by))
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
        raise CJMError("analyses.flows_top", value=repr(top))
    if by == "stage":
        return _stage_transitions(con, model, filters)
    return _touchpoint_transitions(con, model, filters, top)


def _stage_transitions(con: duckdb.DuckDBPyConnection, model: StageModel, filters: Filters | None
                       ) -> pd.DataFrame:
    n = len(model.stages)
    rel, params = ordered_table(con, model=model, filters=filters, columns=("stage_idx",))
    st_sql, st_params = stages_relation(model)
    sql = f"""
        WITH pairs AS (
            SELECT CASE WHEN is_first THEN -1 ELSE prev_stage_idx END AS source_idx, stage_idx AS target_idx,
                   count(*) AS count, {median_days_sql('ts', 'prev_ts', when='NOT is_first')}
                       AS median_days, count(*) FILTER (WHERE is_last) AS ends
            FROM {rel} GROUP BY ALL),
        agg AS (SELECT source_idx, target_idx, count, median_days FROM pairs
                UNION ALL
                SELECT target_idx, {n}, sum(ends)::BIGINT, NULL FROM pairs GROUP BY target_idx HAVING sum(ends) > 0),
        names AS (SELECT stage_idx AS idx, stage AS key, label FROM ({st_sql})
                  UNION ALL SELECT -1, ?, ? UNION ALL SELECT {n}, ?, ?)
        SELECT s.key AS source, t.key AS target, a.count, a.median_days, a.source_idx::INTEGER AS source_idx,
               a.target_idx::INTEGER AS target_idx, s.label AS source_label, t.label AS target_label
        FROM agg a JOIN names s ON s.idx = a.source_idx JOIN names t ON t.idx = a.target_idx
        ORDER BY a.source_idx, a.target_idx"""
    df = con.execute(sql, [*params, *st_params, START, START, END, END]).df()
    df["median_days"] = df["median_days"].astype("float64")
    return df


def _touchpoint_transitions(con: duckdb.DuckDBPyConnection, model: StageModel, filters: Filters | None,
                            top: int | None) -> pd.DataFrame:
    extra: tuple[str, list] = ("touchpoint IS NOT NULL", [])
    base, params = filtered_events(model=model, filters=filters, in_model=False, extra=extra)
    # the touchpoints with their event counts and 64-bit hashes (a short list, kept per data version)
    cnt_rel, cnt_p = cached(con, "tpcount", f"SELECT touchpoint, hash(touchpoint) AS h, count(*) AS n FROM ({base}) "
                            "GROUP BY touchpoint", params)
    names = con.execute(f"SELECT touchpoint, h FROM {cnt_rel} ORDER BY n DESC, touchpoint", cnt_p).fetchall()
    if len({h for _, h in names}) < len(names):  # two names with one hash: never seen, but then by text
        return _touchpoint_transitions_text(con, model, filters, top)
    kept = names if top is None else names[:top]
    # Each customer's touchpoints in journey order, carried through the window as their hashes (integers sort
    # and group much faster than text); names come back on the few result rows.
    rel, rel_p = neighbours(con, "tpord", f"SELECT ckey, seq, ts, hash(touchpoint) AS h FROM ({base})", params,
                            carried=["ckey", "seq", "ts", "h"], lagged=["h", "ts"],
                            out=["h", "prev_h", "ts", "prev_ts", "is_first", "is_last"])
    node = "{c}" if top is None else "CASE WHEN list_contains(?::UBIGINT[], {c}) THEN {c} END"
    node_p = [] if top is None else [[h for _, h in kept]]
    sql = f"""
        WITH pairs AS (
            SELECT is_first AS from_start, CASE WHEN NOT is_first THEN {node.format(c='prev_h')} END AS source,
                   {node.format(c='h')} AS target, count(*) AS count,
                   {median_days_sql('ts', 'prev_ts', when='NOT is_first')} AS median_days,
                   count(*) FILTER (WHERE is_last) AS ends
            FROM {rel} GROUP BY ALL),
        agg AS (SELECT from_start, source, false AS to_end, target, count, median_days FROM pairs
                UNION ALL
                SELECT false, target, true, NULL, sum(ends)::BIGINT, NULL FROM pairs GROUP BY target
                HAVING sum(ends) > 0),
        names AS (SELECT unnest(?::UBIGINT[]) AS h, unnest(?::VARCHAR[]) AS name)
        SELECT CASE WHEN a.from_start THEN ? ELSE coalesce(s.name, ?) END AS source,
               CASE WHEN a.to_end THEN ? ELSE coalesce(t.name, ?) END AS target, a.count, a.median_days
        FROM agg a LEFT JOIN names s ON s.h = a.source AND NOT a.from_start
            LEFT JOIN names t ON t.h = a.target AND NOT a.to_end
        ORDER BY a.count DESC, source, target"""
    args = [*node_p, *node_p, *rel_p, [h for _, h in kept], [n for n, _ in kept], START, OTHER, END, OTHER]
    df = con.execute(sql, args).df()
    df["median_days"] = df["median_days"].astype("float64")
    return df


def _touchpoint_transitions_text(con: duckdb.DuckDBPyConnection, model: StageModel, filters: Filters | None,
                                 top: int | None) -> pd.DataFrame:
    """:func:`_touchpoint_transitions` with the touchpoint texts through the window (slower; the fallback)."""
    extra: tuple[str, list] = ("touchpoint IS NOT NULL", [])
    rel, params = ordered_table(con, model=model, filters=filters, columns=("touchpoint",), in_model=False,
                                extra=extra, only=("is_first", "is_last", "touchpoint", "prev_touchpoint", "ts",
                                                   "prev_ts"))
    # the kept touchpoints first (a short list), then one pass over the events with the list as a parameter
    limit = "" if top is None else "LIMIT ?"
    keep = [r[0] for r in con.execute(f"SELECT touchpoint FROM {rel} GROUP BY touchpoint "
                                      f"ORDER BY count(*) DESC, touchpoint {limit}",
                                      [*params, *([] if top is None else [top])]).fetchall()]
    node = "CASE WHEN {c} IS NULL THEN NULL WHEN list_contains(?::VARCHAR[], {c}) THEN {c} ELSE ? END"
    sql = f"""
        WITH ev AS (SELECT is_first, is_last, {node.format(c='touchpoint')} AS node,
                           {node.format(c='prev_touchpoint')} AS prev_node,
                           CASE WHEN is_first THEN NULL ELSE epoch_us(ts) - epoch_us(prev_ts) END AS us
                    FROM {rel}),
        pairs AS (
            SELECT CASE WHEN is_first THEN ? ELSE prev_node END AS source, node AS target, us FROM ev
            UNION ALL
            SELECT node, ?, NULL FROM ev WHERE is_last)
        SELECT source, target, count(*) AS count, median(us) / 86400000000.0 AS median_days FROM pairs  -- as median_days_sql
        GROUP BY ALL ORDER BY count DESC, source, target"""
    df = con.execute(sql, [keep, OTHER, keep, OTHER, *params, START, END]).df()
    df["median_days"] = df["median_days"].astype("float64")
    return df
