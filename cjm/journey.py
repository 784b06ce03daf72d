"""Shared SQL building blocks for the journey analyses (funnel, flows, channels, emotion, pain points).

**Journey order.** A customer's events are ordered by timestamp, then by ``seq`` (global file order):
``ORDER BY ts NULLS LAST, seq``. Events with equal timestamps keep their file order; events without a
timestamp come after the customer's timed events, in file order among themselves (so a customer with no
timestamps at all is ordered purely by file order). Every analysis uses this one order (:data:`ORDER_SQL`).

**Stage.** ``stage_idx`` is the 0-based position in the stage model; ``NULL`` means the value is not in the
model. Stage analyses (funnel, stage flows, warnings) skip those events, as if they were not there: a
customer going Awareness -> "Webinar" (unknown) -> Purchase has the stage transition Awareness -> Purchase.

Building blocks (all return ``(sql, params)`` to be embedded as a sub-query, values as ``?`` parameters):

- :func:`filtered_events` — ``events`` restricted by the global :class:`~cjm.filters.Filters`.
- :func:`ordered_events` — the filtered events with the previous / next event of the same customer
  (``prev_<col>``, ``next_<col>``, ``prev_ts``, ``next_ts``, ``is_first``, ``is_last``).
- :func:`stages_relation` — the model's stages as rows ``(stage_idx, stage, label, final)``.

>>> from cjm.store import open_workspace
>>> from cjm.models import preset
>>> con = open_workspace(":memory:").cursor()
>>> _ = con.execute("INSERT INTO events (seq, import_id, source_file, source_row, customer_id, ts, stage, stage_idx) "
...                 "VALUES (1, 1, 'f', 2, 'c1', '2026-01-01', 'awareness', 0), (2, 1, 'f', 3, 'c1', '2026-01-03', 'purchase', 2)")
>>> sql, params = ordered_events(con, model=preset("five-stage"), filters=None)
>>> con.execute(f"SELECT stage_idx, prev_stage_idx, is_first, is_last FROM ({sql}) ORDER BY seq", params).fetchall()
[(0, None, True, False), (2, 0, False, True)]

**Speed.** The expensive step of the journey analyses is putting each customer's events in order. Every
customer has an integer key (``events.ckey``, from the ``customers`` table) and ``events`` is stored in
:data:`~cjm.store.STORAGE_ORDER` (each customer's events together, in journey order: imports write them so, see
:func:`cjm.store.insert_events`). While that holds (:func:`storage_in_journey_order`, checked once per data
version), :func:`neighbours` finds each event's previous and next event by putting shifted copies of the scan
side by side, with no sort; otherwise a window partitioned by ``ckey`` computes them, kept in a TEMP table per
data version and filters (:func:`cached`, keyed by :func:`data_fingerprint`). Stage flows, time in stage, stuck
customers and backward moves all read :func:`ordered_table`. Per-customer aggregates (funnel, channels) group
by ``ckey`` and are kept the same way; aggregates pick the latest event with one HUGEINT key
(:data:`ORDER_KEY_SQL`). Events written without a key (straight SQL, e.g. in tests) get one on first use
(:func:`cjm.store.ensure_customer_keys`); :func:`ensure_ordered` rewrites the table in storage order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import duckdb

from cjm.filters import Filters
from cjm.models import StageModel
from cjm.sql import ident
from cjm.store import STORAGE_ORDER, bump_data_version, ensure_customer_keys

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

_META_KEY = "journey_order"
#: TEMP tables of :func:`cached` start with this prefix; at most this many per connection and data version.
CACHE_PREFIX = "_cjm_cache_"
CACHE_MAX = 12


def filtered_events(*, model: StageModel | None, filters: Filters | None, in_model: bool = True,
                    extra: tuple[str, list] | None = None) -> tuple[str, list]:
    """``SELECT * FROM events WHERE <filters>`` (and ``stage_idx IS NOT NULL`` when *in_model*).

    *extra* is one more ``(sql, params)`` condition AND-ed in (written by the caller, values as parameters).

    >>> filtered_events(model=None, filters=Filters(segment=("SMB",)))
    ('SELECT * FROM events WHERE ("segment" IN (?)) AND stage_idx IS NOT NULL', ['SMB'])
    """
    fsql, params = (filters or Filters()).where(model)
    conds = [] if fsql == "TRUE" else [fsql]
    if in_model:
        conds.append("stage_idx IS NOT NULL")
    if extra is not None:
        conds.append(f"({extra[0]})")
        params = [*params, *extra[1]]
    where = " AND ".join(conds) if conds else "TRUE"
    return f"SELECT * FROM events WHERE {where}", list(params)


def _fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    # one sub-query each: DuckDB answers count, min and max from the table's statistics; only the sum reads seq
    row = con.execute("SELECT (SELECT max(value) FROM meta WHERE key = 'data_version'), (SELECT count(*) FROM events), "
                      "(SELECT min(seq) FROM events), (SELECT max(seq) FROM events), (SELECT sum(seq) FROM events)"
                      ).fetchall()[0]
    return ":".join(str(v) for v in row)


#: Is every pair of consecutive rows of ``events`` (storage order) in journey order? (``bad`` when not)
_PAIRS_CHECK = """SELECT coalesce(bool_or(a.ckey > b.ckey OR (a.ckey = b.ckey AND (
        coalesce(epoch_us(a.ts), 9223372036854775807) > coalesce(epoch_us(b.ts), 9223372036854775807)
        OR (a.ts IS NOT DISTINCT FROM b.ts AND a.seq >= b.seq)))), false) AS bad
    FROM (SELECT ckey, ts, seq FROM events) a POSITIONAL JOIN (SELECT ckey, ts, seq FROM events OFFSET 1) b
    WHERE b.ckey IS NOT NULL"""


def storage_in_journey_order(con: duckdb.DuckDBPyConnection) -> bool:
    """True when ``events`` is stored in :data:`~cjm.store.STORAGE_ORDER` (each customer's events together, in
    journey order, customers by key): checked once per data version (one pass over three columns) and
    remembered in ``meta``. Imports keep it true as long as each file brings only new customers; a file that
    adds events to known customers makes it false until :func:`ensure_ordered`."""
    ensure_customer_keys(con)
    fp = _fingerprint(con)
    row = next(iter(con.execute("SELECT value FROM meta WHERE key = ?", [_META_KEY]).fetchall()), None)
    if row and row[0] in (fp, fp + ":no"):
        return row[0] == fp
    ok = not con.execute(_PAIRS_CHECK).fetchall()[0][0]
    try:
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [_META_KEY, fp if ok else fp + ":no"])
    except duckdb.Error:  # e.g. another session wrote it at the same moment: checked again next time
        pass
    return ok


def is_ordered(con: duckdb.DuckDBPyConnection) -> bool:
    """True when ``events`` is still stored in journey order since the last :func:`ensure_ordered`."""
    row = next(iter(con.execute("SELECT value FROM meta WHERE key = ?", [_META_KEY]).fetchall()), None)
    return bool(row) and row[0] == _fingerprint(con)


def ensure_ordered(con: duckdb.DuckDBPyConnection, *, force: bool = False) -> bool:
    """Store ``events`` physically in :data:`~cjm.store.STORAGE_ORDER` (``ckey, ts NULLS LAST, seq``); True if
    rewritten. Every import already writes its events in that order; after several imports that share
    customers, a customer's events stand in several runs, which this merges into one (maintenance, optional:
    results never depend on the storage order, only speed does).

    Idempotent and cheap when nothing changed (checks a fingerprint in ``meta``). One transaction: either the
    table is rewritten whole or left as it was. Bumps the workspace's data version (the data is the same, but
    kept results may have been computed the slow way for the old order). Run it on a cursor that has no open
    transaction.
    """
    if not force and is_ordered(con):
        return False
    ensure_customer_keys(con)
    ddl = con.execute("SELECT sql FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'events' "
                      "AND NOT temporary").fetchall()[0][0]
    head = "CREATE TABLE events("
    con.execute("BEGIN TRANSACTION")
    try:
        if ddl.startswith(head):
            # a sorted copy with the same definition replaces the table (cheaper than DELETE + INSERT)
            con.execute("DROP TABLE IF EXISTS _events_sorted")
            con.execute("CREATE TABLE _events_sorted(" + ddl[len(head):])
            con.execute(f"INSERT INTO _events_sorted SELECT * FROM events ORDER BY {STORAGE_ORDER}")
            con.execute("DROP TABLE events")
            con.execute("ALTER TABLE _events_sorted RENAME TO events")
        else:
            con.execute("CREATE OR REPLACE TEMP TABLE _journey_sorted AS SELECT * FROM events "
                        f"ORDER BY {STORAGE_ORDER}")
            con.execute("DELETE FROM events")
            con.execute(f"INSERT INTO events SELECT * FROM _journey_sorted ORDER BY {STORAGE_ORDER}")
            con.execute("DROP TABLE _journey_sorted")
        # a new data version: results kept for the old storage order (which path they took) are not reused
        bump_data_version(con)
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [_META_KEY, _fingerprint(con)])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return True


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

    *columns* and *keep* are checked against :data:`EVENT_COLUMNS` and quoted with :func:`cjm.sql.ident`.
    """
    ensure_customer_keys(con)
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


def data_fingerprint(con: duckdb.DuckDBPyConnection, *, meta_key: str | None = None) -> tuple:
    """What :func:`cached` results depend on: the workspace's ``data_version`` (bumped by every
    :meth:`~cjm.store.Workspace.transaction` and by :func:`~cjm.store.apply_stage_model`) plus cheap checks of
    ``events`` (count, largest ``seq``, events in the model) that catch rows written or deleted outside a
    transaction. Each check is its own sub-query, which DuckDB answers from the table's statistics where it
    can; together in one aggregate they would read every row. Gives events written without a customer key
    their key first. With *meta_key*, the value ``meta`` holds for it comes last (read in the same query)."""
    row = con.execute("SELECT (SELECT max(value) FROM meta WHERE key = 'data_version'), (SELECT count(*) FROM events), "
                      "(SELECT max(seq) FROM events), (SELECT count(stage_idx) FROM events), "
                      "(SELECT count(ckey) FROM events), (SELECT max(value) FROM meta WHERE key = ?)",
                      [meta_key]).fetchall()[0]
    if row[4] != row[1]:  # events without a customer key (plain SQL inserts): keyed first, see ensure_customer_keys
        ensure_customer_keys(con)
        return data_fingerprint(con, meta_key=meta_key)
    return tuple(row[:4]) + ((row[5],) if meta_key is not None else ())


def _kept_name(con: duckdb.DuckDBPyConnection, kind: str, sql: str, params: list) -> tuple[str, str]:
    """``(name, prefix)`` of the TEMP table :func:`cached` keeps *sql* in for the current data version."""
    fp = hashlib.sha1(repr(data_fingerprint(con)).encode()).hexdigest()[:12]
    key = hashlib.sha1(repr((sql, params)).encode()).hexdigest()[:16]
    prefix = f"{CACHE_PREFIX}{fp}_"
    return f"{prefix}{''.join(ch for ch in kind if ch.isalnum())}_{key}", prefix


def cached(con: duckdb.DuckDBPyConnection, kind: str, sql: str, params: list) -> tuple[str, list]:
    """``(relation, params)`` for the result of *sql*, kept in a TEMP table of this connection and reused
    while :func:`data_fingerprint` and (*sql*, *params*) stay the same. Shared work of several analyses
    (per-customer aggregates, events with their neighbours) is then paid once per data version and filter
    choice. Old versions are dropped; when a TEMP table cannot be made (e.g. a read-only database), the
    relation is the sub-query itself.

    >>> from cjm.store import open_workspace
    >>> con = open_workspace(":memory:").cursor()
    >>> rel, p = cached(con, "demo", "SELECT 42 AS x", [])
    >>> con.execute(f"SELECT x FROM {rel}", p).fetchall(), rel == cached(con, "demo", "SELECT 42 AS x", [])[0]
    ([(42,)], True)
    """
    name, prefix = _kept_name(con, kind, sql, params)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE temporary AND starts_with(table_name, ?)",
            [CACHE_PREFIX]).fetchall()]
        if name in tables:
            return ident(name), []
        current = [t for t in tables if t.startswith(prefix)]
        for t in tables:  # other data versions, or too many results for this one
            if not t.startswith(prefix) or len(current) >= CACHE_MAX:
                con.execute(f"DROP TABLE IF EXISTS temp.{ident(t)}")
        con.execute(f"CREATE TEMP TABLE {ident(name)} AS {sql}", params)
    except duckdb.Error:
        return f"({sql})", list(params)
    return ident(name), []


def kept_in_workspace(con: duckdb.DuckDBPyConnection, table: str, sql: str) -> str | None:
    """The name of workspace table *table* once it holds the result of *sql* (no parameters) for the current
    :func:`data_fingerprint`; None when it cannot be written (e.g. another session writes it at the same moment;
    the caller then computes the result its usual way).

    Like :func:`cached`, but the result is kept in the workspace file: it outlives the session and the process,
    so the first page after opening the app reads it. Meant for results of the whole workspace (no filters) that
    several analyses need, computed at the end of each import (:func:`cjm.ingest.load.import_file`) and again
    on first use after any other write. Which data and which *sql* it holds is noted in ``meta``.

    >>> from cjm.store import open_workspace
    >>> con = open_workspace(":memory:").cursor()
    >>> kept_in_workspace(con, "customer_reach", "SELECT 1 AS ckey, 0 AS furthest, 1 AS mask, 5.5::DOUBLE AS v, 'SMB' AS seg")
    'customer_reach'
    >>> con.execute("SELECT * FROM customer_reach").fetchall()
    [(1, 0, 1, 5.5, 'SMB')]
    """
    key = f"kept:{table}"
    *fp, noted = data_fingerprint(con, meta_key=key)
    stamp = hashlib.sha1(repr((tuple(fp), sql)).encode()).hexdigest()
    if noted == stamp:
        return table
    try:
        con.execute("BEGIN TRANSACTION")
        try:
            # replaced whole: its columns are always those of *sql* (a workspace written by an older version
            # of *sql* gets the new shape)
            con.execute(f"CREATE OR REPLACE TABLE {ident(table)} AS {sql}")
            con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, stamp])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    except duckdb.Error:  # a write conflict, a read-only database, a transaction already open...
        return None
    return table


#: Per customer of the events of *base*: furthest stage index and stage set (bit k = an event at stage k), with
#: any further aggregates *cols* (``, ...``); the funnel's per-customer table (:func:`cjm.funnel.customer_reach`).
REACH_SQL = """SELECT ckey, max(stage_idx) AS furthest, bit_or(1::BIGINT << stage_idx) AS mask{cols}
               FROM ({base}) GROUP BY ckey"""


#: Further per-customer columns kept in ``customer_reach``: the largest ``value`` and the first segment (file
#: order), from which :func:`cjm.channels.customer_values` works out each customer's value.
VALUE_COLS = ", max(value) AS v, arg_min(segment, seq) FILTER (WHERE segment IS NOT NULL) AS seg"


def kept_customer_reach(con: duckdb.DuckDBPyConnection) -> str | None:
    """``customer_reach`` once it holds the workspace's per-customer summary for the current data — all events in
    the model, no filters: ``ckey, furthest, mask`` (as :data:`REACH_SQL`) and ``v, seg`` (:data:`VALUE_COLS`) —
    written now if needed; None when it cannot be written (the caller computes its own). Each import calls it
    once at the end, so that the first funnel, touchpoint or pain-point view after the import reads it."""
    base, _ = filtered_events(model=None, filters=None)
    return kept_in_workspace(con, "customer_reach", REACH_SQL.format(cols=VALUE_COLS, base=base))


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

    >>> from cjm.models import preset
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


def stage_index(model: StageModel, stage: str) -> int:
    """Index of a stage given by key or label (case/accent-insensitive); CJMError naming the stages otherwise."""
    from cjm.errors import CJMError
    from cjm.models import norm

    for i, s in enumerate(model.stages):
        if norm(stage) in (norm(s.key), norm(s.label)):
            return i
    raise CJMError(f'"{stage}" is not a stage of the model "{model.name}". The stages are: {", ".join(model.labels)}.')


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
