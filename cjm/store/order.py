"""Physical order of ``events``: each customer's events together, in journey order (:data:`STORAGE_ORDER`).

Imports write each file's events in that order (:func:`cjm.store.events.insert_events`); whether the whole table
still is (after a file that adds events to known customers it is not) is checked once per data version and
remembered in ``meta`` (:func:`storage_in_journey_order`); :func:`ensure_ordered` rewrites it. Results never
depend on the storage order, only speed does (see :func:`cjm.analyses.relations.neighbours`).
"""

from __future__ import annotations

import contextlib

import duckdb

from cjm.store.schema import STORAGE_ORDER
from cjm.store.workspace import bump_data_version

_META_KEY = "journey_order"


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
    fp = _fingerprint(con)
    row = next(iter(con.execute("SELECT value FROM meta WHERE key = ?", [_META_KEY]).fetchall()), None)
    if row and row[0] in (fp, fp + ":no"):
        return row[0] == fp
    ok = not con.execute(_PAIRS_CHECK).fetchall()[0][0]
    with contextlib.suppress(duckdb.Error):  # e.g. another session wrote it at the same moment: checked again next time
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [_META_KEY, fp if ok else fp + ":no"])
    return ok


def is_ordered(con: duckdb.DuckDBPyConnection) -> bool:
    """True when ``events`` is still stored in journey order since the last :func:`ensure_ordered`."""
    row = next(iter(con.execute("SELECT value FROM meta WHERE key = ?", [_META_KEY]).fetchall()), None)
    return row is not None and row[0] == _fingerprint(con)


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

