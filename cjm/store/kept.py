"""Results kept for the current data: TEMP tables per connection (:func:`cached`) and tables in the workspace
file (:func:`kept_in_workspace`, e.g. ``customer_reach``), both keyed by :func:`data_fingerprint`.

Team notes (lanes, pain-point notes, scenarios) never change the fingerprint: only data writes do.
"""

from __future__ import annotations

import contextlib
import hashlib
from typing import TYPE_CHECKING

import duckdb

from cjm.core.sql import ident

if TYPE_CHECKING:
    from cjm.store.workspace import Workspace

#: TEMP tables of :func:`cached` start with this prefix; at most this many per connection and data version.
CACHE_PREFIX = "_cjm_cache_"
CACHE_MAX = 12


def data_fingerprint(con: duckdb.DuckDBPyConnection, *, meta_key: str | None = None) -> tuple:
    """What :func:`cached` results depend on: the workspace's ``data_version`` (bumped by every
    :meth:`~cjm.store.Workspace.transaction` and by :func:`~cjm.store.apply_stage_model`) plus cheap checks of
    ``events`` (count, largest ``seq``, events in the model) that catch rows written or deleted outside a
    transaction. Each check is its own sub-query, which DuckDB answers from the table's statistics where it
    can; together in one aggregate they would read every row. With *meta_key*, the value ``meta`` holds for it
    comes last (read in the same query)."""
    row = con.execute("SELECT (SELECT max(value) FROM meta WHERE key = 'data_version'), (SELECT count(*) FROM events), "
                      "(SELECT max(seq) FROM events), (SELECT count(stage_idx) FROM events), "
                      "(SELECT max(value) FROM meta WHERE key = ?)", [meta_key]).fetchall()[0]
    return tuple(row[:4]) + ((row[4],) if meta_key is not None else ())


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
#: any further aggregates *cols* (``, ...``); the funnel's per-customer table (:func:`cjm.analyses.funnel.customer_reach`).
REACH_SQL = """SELECT ckey, max(stage_idx) AS furthest, bit_or(1::BIGINT << stage_idx) AS mask{cols}
               FROM ({base}) GROUP BY ckey"""


#: How a customer's value is read from the ``value`` of their events (one meaning for the funnel, pain points,
#: what-if and the report): ``customer`` — an attribute of the customer repeated on their rows (a deal amount, an
#: XES ``case:`` attribute), taken once; ``event`` — amounts per event (purchases), summed.
VALUE_READINGS = ("customer", "event")
_VALUE_AGG = {"customer": "max", "event": "sum"}
VALUE_USER_KEY = "value_reading"  # meta: the user's choice ("customer" / "event"); absent = read from the data
_VALUE_AUTO_KEY = "value_reading_auto"


def value_reading_found(con: duckdb.DuckDBPyConnection) -> tuple[str, int, int]:
    """``(reading, varying, customers)`` read from the data: ``event`` when the value differs between the events
    of some customer (``varying`` of the ``customers`` with a value), else ``customer``.

    >>> from cjm.store import open_workspace
    >>> con = open_workspace(":memory:").cursor()
    >>> value_reading_found(con)
    ('customer', 0, 0)
    """
    varying, n = con.execute("SELECT count(*) FILTER (WHERE n > 1), count(*) FROM "
                             "(SELECT count(DISTINCT value) AS n FROM events WHERE value IS NOT NULL GROUP BY ckey)"
                             ).fetchall()[0]
    return ("event" if varying else "customer"), int(varying), int(n)


def value_reading(con: duckdb.DuckDBPyConnection) -> str:
    """How customers' values are read (:data:`VALUE_READINGS`): the user's choice if any, else from the data
    (:func:`value_reading_found`, remembered in ``meta`` per data version)."""
    *fp, user = data_fingerprint(con, meta_key=VALUE_USER_KEY)
    if user in VALUE_READINGS:
        return str(user)
    stamp = repr(tuple(fp))
    row = con.execute("SELECT value FROM meta WHERE key = ?", [_VALUE_AUTO_KEY]).fetchall()
    if row and row[0][0].startswith(stamp + "|"):
        return row[0][0].rsplit("|", 1)[1]
    reading = value_reading_found(con)[0]
    with contextlib.suppress(duckdb.Error):  # a read-only workspace or a concurrent write: found again next time
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [_VALUE_AUTO_KEY, f"{stamp}|{reading}"])
    return reading


def value_agg(reading: str, column: str = "value") -> str:
    """The aggregate (SQL) of a customer's value over their events for *reading* — the one definition. It
    composes: the aggregate of partial aggregates (per stage, per touchpoint) is the aggregate over the events.

    >>> value_agg("customer"), value_agg("event"), value_agg("event", "value_sum")
    ('max(value)', 'sum(value)', 'sum(value_sum)')
    """
    return f"{_VALUE_AGG[reading]}({column})"


def value_cols(reading: str) -> str:
    """Further per-customer columns kept in ``customer_reach``: the customer's value (:func:`value_agg`) and the
    first segment (file order), from which :func:`cjm.analyses.channels.customer_values` works out each
    customer's value."""
    return f", {value_agg(reading)} AS v, arg_min(segment, seq) FILTER (WHERE segment IS NOT NULL) AS seg"


def kept_customer_reach(con: duckdb.DuckDBPyConnection) -> str | None:
    """``customer_reach`` once it holds the workspace's per-customer summary for the current data — all events in
    the model, no filters: ``ckey, furthest, mask`` (as :data:`REACH_SQL`) and ``v, seg`` (:func:`value_cols`) —
    written now if needed; None when it cannot be written (the caller computes its own). Each import calls it
    once at the end, so that the first funnel, touchpoint or pain-point view after the import reads it."""
    base = "SELECT * FROM events WHERE stage_idx IS NOT NULL"
    return kept_in_workspace(con, "customer_reach", REACH_SQL.format(cols=value_cols(value_reading(con)), base=base))



def set_value_reading(ws: Workspace, reading: str | None) -> None:
    """The user's choice of how values are read (:data:`VALUE_READINGS`; None: from the data again), as a data
    write: every analysis that reads values is computed again.

    >>> from cjm.store import open_workspace
    >>> ws = open_workspace(":memory:")
    >>> set_value_reading(ws, "event"); value_reading(ws.cursor())
    'event'
    >>> set_value_reading(ws, None); value_reading(ws.cursor())
    'customer'
    """
    if reading not in (None, *VALUE_READINGS):
        raise ValueError(f"value reading must be one of {VALUE_READINGS} or None, not {reading!r}")
    with ws.data_write(backup=None) as cur:
        if reading is None:
            cur.execute("DELETE FROM meta WHERE key = ?", [VALUE_USER_KEY])
        else:
            cur.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [VALUE_USER_KEY, reading])


def value_reading_choice(con: duckdb.DuckDBPyConnection) -> str | None:
    """The user's choice of how values are read, None when they are read from the data."""
    row = con.execute("SELECT value FROM meta WHERE key = ?", [VALUE_USER_KEY]).fetchall()
    return row[0][0] if row and row[0][0] in VALUE_READINGS else None
