"""Shared SQL building blocks for the journey analyses (funnel, flows, channels, emotion, pain points).

**Journey order.** A customer's events are ordered by timestamp, then by ``seq`` (global file order):
``ORDER BY ts NULLS LAST, seq``. Events with equal timestamps keep their file order; events without a
timestamp come after the customer's timed events, in file order among themselves (so a customer with no
timestamps at all is ordered purely by file order). Every analysis uses this one order (:data:`ORDER_SQL`).

**Stage.** ``stage_idx`` is the 0-based position in the stage model; ``NULL`` means the value is not in the
model. Stage analyses (funnel, stage flows, warnings) skip those events, as if they were not there: a
customer going Awareness -> "Webinar" (unknown) -> Purchase has the stage transition Awareness -> Purchase.

Building blocks (all return ``(sql, params)`` to be embedded as a sub-query, values as ``?`` parameters):

- :func:`filtered_events` — ``events`` restricted by the global :class:`~cjm.core.filters.Filters`.
- :func:`ordered_events` — the filtered events with the previous / next event of the same customer
  (``prev_<col>``, ``next_<col>``, ``prev_ts``, ``next_ts``, ``is_first``, ``is_last``).
- :func:`stages_relation` — the model's stages as rows ``(stage_idx, stage, label, final)``.
- :func:`with_ctes` — several named ``(sql, params)`` relations as one ``WITH`` clause.

A stage named by the user (a filter, "dropped after", a what-if lever) is found by
:meth:`cjm.core.stage_model.StageModel.index`.

>>> from cjm.store import insert_events, open_workspace
>>> from cjm.core.stage_model import preset
>>> con = open_workspace(":memory:").cursor()
>>> insert_events(con, ["seq", "import_id", "source_file", "source_row", "customer_id", "ts", "stage", "stage_idx"],
...               "VALUES (1, 1, 'f', 2, 'c1', TIMESTAMP '2026-01-01', 'awareness', 0), "
...               "(2, 1, 'f', 3, 'c1', TIMESTAMP '2026-01-03', 'purchase', 2)")
2
>>> sql, params = ordered_events(con, model=preset("five-stage"), filters=None)
>>> con.execute(f"SELECT stage_idx, prev_stage_idx, is_first, is_last FROM ({sql}) ORDER BY seq", params).fetchall()
[(0, None, True, False), (2, 0, False, True)]

**Speed.** The expensive step of the journey analyses is putting each customer's events in order. Every
customer has an integer key (``events.ckey``, from the ``customers`` table) and ``events`` is stored in
:data:`~cjm.store.STORAGE_ORDER` (each customer's events together, in journey order: imports write them so, see
:func:`cjm.store.insert_events`). While that holds (:func:`cjm.store.order.storage_in_journey_order`, checked once per data
version), :func:`neighbours` finds each event's previous and next event by putting shifted copies of the scan
side by side, with no sort; otherwise a window partitioned by ``ckey`` computes them, kept in a TEMP table per
data version and filters (:func:`cjm.store.kept.cached`, keyed by :func:`data_fingerprint`). Stage flows, time in stage, stuck
customers and backward moves all read :func:`ordered_table`. Per-customer aggregates (funnel, channels) group
by ``ckey`` and are kept the same way; aggregates pick the latest event with one HUGEINT key
(:data:`ORDER_KEY_SQL`). Every event carries its key because every write goes through
:func:`cjm.store.insert_events` (imports, samples, benchmarks, tests); :func:`cjm.store.order.ensure_ordered`
rewrites the table in storage order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import duckdb

from cjm.core.filters import LIST_FIELDS, Filters
from cjm.core.sql import ident
from cjm.core.stage_model import StageModel
from cjm.errors import CJMError
from cjm.store.kept import cached
from cjm.store.order import storage_in_journey_order

#: The journey order of a customer's events (see the module docstring).
ORDER_SQL = "ts NULLS LAST, seq"
#: One sortable HUGEINT with the same order (``seq`` is never negative), for ``arg_max`` / ``arg_min`` (latest /
#: first event): microseconds since 1970 (the largest BIGINT when ``ts`` is NULL) * 2^63 + seq. Cheaper than a
#: struct key in aggregates (windows sort faster on ``ts, seq`` themselves).
ORDER_KEY_SQL = "(coalesce(epoch_us(ts), 9223372036854775807)::HUGEINT * 9223372036854775808 + seq)"
#: Columns of ``events`` that :func:`ordered_events` can carry with their previous / next value.
EVENT_COLUMNS = ("seq", "import_id", "source_file", "source_row", "customer_id", "ts", "stage", "stage_idx",
                 "outcome_key", "touchpoint", "channel", "emotion", "emotion_raw", "satisfaction", "nps", "outcome",
                 "segment", "persona", "role", "value", "cost", "comment", "ckey")


def filter_condition(filters: Filters | None, model: StageModel | None = None, *,
                     alias: str | None = None) -> tuple[str, list]:
    """``(sql, params)`` for a condition over ``events`` ("TRUE" when there are no filters): what
    :func:`filtered_events` puts in its WHERE clause. Values are parameters; names pass :func:`cjm.core.sql.ident`.
    A stage filter needs the model (stage keys or labels, case- and accent-insensitive).

    >>> filter_condition(Filters(segment=("SMB",), start=dt.date(2026, 1, 1)))
    ('(ts >= ?) AND ("segment" IN (?))', [datetime.date(2026, 1, 1), 'SMB'])
    >>> filter_condition(None)
    ('TRUE', [])
    """
    f = filters or Filters()
    prefix = f"{ident(alias)}." if alias else ""
    parts: list[str] = []
    params: list = []
    if f.start is not None:
        parts.append(f"{prefix}ts >= ?")
        params.append(f.start)
    if f.end is not None:
        parts.append(f"{prefix}ts < ?")
        params.append(f.end + dt.timedelta(days=1))
    for name in LIST_FIELDS:
        values = getattr(f, name)
        if values:
            parts.append(f"{prefix}{ident(name, LIST_FIELDS)} IN ({', '.join('?' for _ in values)})")
            params.extend(values)
    if f.touchpoints:
        parts.append(f"{prefix}touchpoint IN ({', '.join('?' for _ in f.touchpoints)})")
        params.extend(f.touchpoints)
    if f.stages:
        if model is None:
            raise CJMError("analyses.stage_filter_needs_model")
        idx = sorted({model.index(s) for s in f.stages})
        parts.append(f"{prefix}stage_idx IN ({', '.join('?' for _ in idx)})")
        params.extend(idx)
    if not parts:
        return "TRUE", []
    return " AND ".join(f"({p})" for p in parts), params


def filtered_events(*, model: StageModel | None, filters: Filters | None, in_model: bool = True,
                    extra: tuple[str, list] | None = None) -> tuple[str, list]:
    """``SELECT * FROM events WHERE <filters>`` (and ``stage_idx IS NOT NULL`` when *in_model*).

    *extra* is one more ``(sql, params)`` condition AND-ed in (written by the caller, values as parameters).

    >>> filtered_events(model=None, filters=Filters(segment=("SMB",)))
    ('SELECT * FROM events WHERE ("segment" IN (?)) AND stage_idx IS NOT NULL', ['SMB'])
    """
    fsql, params = filter_condition(filters, model)
    conds = [] if fsql == "TRUE" else [fsql]
    if in_model:
        conds.append("stage_idx IS NOT NULL")
    if extra is not None:
        conds.append(f"({extra[0]})")
        params = [*params, *extra[1]]
    where = " AND ".join(conds) if conds else "TRUE"
    return f"SELECT * FROM events WHERE {where}", list(params)


def ordered_events(con: duckdb.DuckDBPyConnection, *, model: StageModel | None, filters: Filters | None,
                   columns: Sequence[str] = ("stage_idx",), in_model: bool = True,
                   extra: tuple[str, list] | None = None, keep: Sequence[str] = ()) -> tuple[str, list]:
    """The filtered events, each with its customer's previous and next event (in journey order).

    Columns: ``ckey, seq, ts, stage_idx``, the names in *columns* and *keep*, then for each
    name in *columns* ``prev_<name>`` and ``next_<name>``, and ``prev_ts``, ``next_ts`` (NULL at the
    customer's first / last event), ``is_first``, ``is_last`` (BOOLEAN). ``ckey`` is the customer's integer
    key (``customers``; grouping by it is much faster than by the ``customer_id`` text; put ``customer_id`` in
    *keep* to carry the id itself). Only these columns go through the window (carrying all of ``events``
    made it several times slower). "Previous" and "next" are among the *filtered* events: with a channel
    filter, consecutive e-mails are neighbours even if a phone call came between them.

    This is the window form (partitioned by ``ckey``, ordered by :data:`ORDER_SQL`), correct whatever the
    storage order; the analyses go through :func:`ordered_table`, which uses the cheaper positional form of
    :func:`neighbours` when ``events`` is stored in journey order.

    *columns* and *keep* are checked against :data:`EVENT_COLUMNS` and quoted with :func:`cjm.core.sql.ident`.
    """
    base, params, carried, lagged = _journey_base(model, filters, columns, in_model, extra, keep)
    out = [*carried, *(f"{p}_{c}" for c in lagged for p in ("prev", "next")), "is_first", "is_last"]
    return _window_sql(base, lagged, out), params


def _journey_base(model: StageModel | None, filters: Filters | None, columns: Sequence[str], in_model: bool,
                  extra: tuple[str, list] | None, keep: Sequence[str]) -> tuple[str, list, list[str], list[str]]:
    """``(base sql, params, carried columns, lagged columns)`` of :func:`ordered_events` / :func:`ordered_table`:
    the filtered events with only the columns the neighbours need (names checked against
    :data:`EVENT_COLUMNS`)."""
    full, params = filtered_events(model=model, filters=filters, in_model=in_model, extra=extra)
    carried = [ident(c, EVENT_COLUMNS)[1:-1] for c in dict.fromkeys(["ckey", "seq", "ts", "stage_idx", *columns, *keep])]
    lagged = [c for c in dict.fromkeys([*columns, "ts"])]
    return f"SELECT {', '.join(ident(c) for c in carried)} FROM ({full})", params, carried, lagged


def _window_sql(base: str, lagged: Sequence[str], out: Sequence[str]) -> str:
    """Each row of *base* with ``prev_<c>`` / ``next_<c>`` for *c* in *lagged*, ``is_first``, ``is_last``: a
    window partitioned by customer key and ordered by :data:`ORDER_SQL`; the columns *out*."""
    pairs = ", ".join(f"lag({ident(c)}) OVER w AS {ident('prev_' + c)}, lead({ident(c)}) OVER w AS {ident('next_' + c)}"
                      for c in lagged)
    return (f"SELECT {', '.join(ident(c) for c in out)} FROM ("
            f"SELECT *, _ps IS NULL AS is_first, _ns IS NULL AS is_last FROM ("
            f"SELECT *, {pairs}, lag(seq) OVER w AS _ps, lead(seq) OVER w AS _ns FROM ({base}) "
            f"WINDOW w AS (PARTITION BY ckey ORDER BY {ORDER_SQL})))")


def ordered_table(con: duckdb.DuckDBPyConnection, *, model: StageModel | None, filters: Filters | None,
                  columns: Sequence[str] = ("stage_idx",), in_model: bool = True,
                  extra: tuple[str, list] | None = None, keep: Sequence[str] = (),
                  only: Sequence[str] | None = None) -> tuple[str, list]:
    """:func:`ordered_events` computed once and kept (see :func:`cached`): ``(relation, params)``.

    To keep memory low (10M events), the kept table has the columns of :func:`ordered_events` except
    ``next_<name>`` (``next_ts`` stays), or only the columns named in *only*. Stage transitions, time in stage,
    stuck thresholds and backward moves all read the same table. It is computed by :func:`neighbours`.
    """
    base, params, carried, lagged = _journey_base(model, filters, columns, in_model, extra, keep)
    if only is None:
        out = [*carried, *(f"prev_{c}" for c in lagged), "next_ts", "is_first", "is_last"]
    else:
        allowed = [*carried, *(f"{p}_{c}" for c in lagged for p in ("prev", "next")), "is_first", "is_last"]
        out = [ident(c, allowed)[1:-1] for c in only]
    return neighbours(con, "ord", base, params, carried=carried, lagged=lagged, out=out)


def neighbours(con: duckdb.DuckDBPyConnection, kind: str, base: str, params: list, *, carried: Sequence[str],
               lagged: Sequence[str], out: Sequence[str]) -> tuple[str, list]:
    """Each row of *base* with its customer's previous and next row in journey order: ``(relation, params)``.

    *base* selects the columns *carried* (among them ``ckey``, ``seq`` and ``ts``) from ``events`` in storage
    order (no ORDER BY). The result has the columns *out*, chosen among *carried*, ``prev_<c>`` / ``next_<c>``
    for *c* in *lagged*, ``is_first`` and ``is_last``.

    Fast path, when :func:`storage_in_journey_order`: a row's neighbours are the rows before and after it in
    the scan, so three copies of the scan, shifted by one row, are put side by side (``POSITIONAL JOIN``: no
    sort, no hash partitioning; a filter keeps the order of what it keeps). That is cheap enough to run inside
    each analysis, so nothing is kept: the relation is a sub-query. Otherwise a window partitioned by customer
    key and ordered by :data:`ORDER_SQL` computes it once per data version and filters, kept by :func:`cached`.
    """
    if storage_in_journey_order(con):
        return f"({_positional_sql(base, carried, lagged, out)})", [*params] * 5
    return cached(con, kind, _window_sql(base, lagged, out), params)


def _positional_sql(base: str, carried: Sequence[str], lagged: Sequence[str], out: Sequence[str]) -> str:
    """SQL of :func:`neighbours`' fast path (*base* five times: its parameters repeat five times). The middle
    copy gives every row but the first; the first row comes from a copy of the first two rows."""

    def row(alias: str, prev: str | None, nxt: str) -> str:
        cols = {c: f"{alias}.{ident(c)}" for c in carried}
        for c in lagged:
            cols[f"prev_{c}"] = f"CASE WHEN {prev}.ckey = {alias}.ckey THEN {prev}.{ident(c)} END" if prev else "NULL"
            cols[f"next_{c}"] = f"CASE WHEN {nxt}.ckey = {alias}.ckey THEN {nxt}.{ident(c)} END"
        cols["is_first"] = f"{prev}.ckey IS DISTINCT FROM {alias}.ckey" if prev else "true"
        cols["is_last"] = f"{nxt}.ckey IS DISTINCT FROM {alias}.ckey"
        return ", ".join(f"{cols[name]} AS {ident(name)}" for name in out)

    return (f"SELECT {row('b', 'a', 'c')} FROM ({base}) a POSITIONAL JOIN ({base} OFFSET 1) b "
            f"POSITIONAL JOIN ({base} OFFSET 2) c WHERE b.ckey IS NOT NULL "
            f"UNION ALL SELECT {row('a', None, 'b')} FROM ({base} LIMIT 1) a POSITIONAL JOIN ({base} OFFSET 1 LIMIT 1) b")


def stages_relation(model: StageModel) -> tuple[str, list]:
    """The model's stages as rows ``(stage_idx INTEGER, stage VARCHAR, label VARCHAR, final BOOLEAN)``.

    >>> from cjm.core.stage_model import preset
    >>> import duckdb
    >>> sql, params = stages_relation(preset("five-stage"))
    >>> duckdb.connect().execute(f"SELECT * FROM ({sql}) LIMIT 1", params).fetchall()
    [(0, 'awareness', 'Awareness', False)]
    """
    finals = set(model.final_indexes())
    sql = ("SELECT unnest(?::INTEGER[]) AS stage_idx, unnest(?::VARCHAR[]) AS stage, unnest(?::VARCHAR[]) AS label, "
           "unnest(?::BOOLEAN[]) AS final")
    return sql, [list(range(len(model.stages))), model.keys, model.labels,
                 [i in finals for i in range(len(model.stages))]]


def with_ctes(*ctes: tuple[str, str, list]) -> tuple[str, list]:
    """``WITH name AS (sql), ...`` and the parameters of all, from ``(name, sql, params)`` triples (the *sql* of
    :func:`stages_relation`, :func:`filtered_events` and the like); the caller appends the main query.

    >>> from cjm.core.stage_model import preset
    >>> with_ctes(("stages", *stages_relation(preset("five-stage"))), ("one", "SELECT ?", [1]))[0][:32]
    'WITH stages AS (SELECT unnest(?:'
    """
    sql = "WITH " + ",\n".join(f"{name} AS ({body})" for name, body, _ in ctes)
    params: list = []
    for _, _, p in ctes:
        params.extend(p)
    return sql, params


def days_sql(later: str, earlier: str) -> str:
    """SQL for the time between two TIMESTAMP expressions in (fractional) days."""
    return f"(epoch({later}) - epoch({earlier})) / 86400.0"


def median_days_sql(later: str, earlier: str, *, when: str = "TRUE") -> str:
    """SQL aggregate: the median time in days between two TIMESTAMP expressions over the rows where *when* holds.
    The median of whole microseconds, scaled to days afterwards (the same number as the median of
    :func:`days_sql`; finding it among integers was 5–25% cheaper than among doubles at 1M events).

    >>> import duckdb
    >>> duckdb.sql(f"SELECT {median_days_sql('b', 'a')} FROM (VALUES (TIMESTAMP '2026-01-01', TIMESTAMP '2026-01-02'),"
    ...            " (TIMESTAMP '2026-01-01', TIMESTAMP '2026-01-03 12:00')) t(a, b)").fetchall()
    [(1.75,)]
    """
    return f"(median(CASE WHEN {when} THEN epoch_us({later}) - epoch_us({earlier}) END) / 86400000000.0)"
