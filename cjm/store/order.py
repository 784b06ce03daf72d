"""Physical order of ``events``: each customer's events together, in journey order (:data:`STORAGE_ORDER`).

Imports write each file's events in that order (:func:`cjm.store.events.insert_events`); whether the whole table
still is (after a file that adds events to known customers it is not) is checked once per data version and
remembered in ``meta`` (:func:`storage_in_journey_order`); :func:`ensure_ordered` rewrites it. Results never
depend on the storage order, only speed does (see :func:`cjm.analyses.relations.neighbours`).
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

import duckdb

from cjm.store.schema import STORAGE_ORDER
from cjm.store.workspace import bump_data_version

if TYPE_CHECKING:
    from cjm.core.stage_model import StageModel
    from cjm.store.workspace import Workspace

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



#: How events of one customer with the same timestamp are ordered (``meta`` key :data:`TIE_KEY`):
#: ``stage`` — by stage order (then file order), the default; ``file`` — in file order.
#:
#: Why ``stage`` by default: equal timestamps carry no order, and the order of rows in an export is how the
#: system wrote them (BPIC 2012 writes A_APPROVED, A_REGISTERED and A_ACTIVATED at the same millisecond in any
#: order: 1,810 "backward moves" that never happened). Ordered by stage, a backward move is counted only when the
#: times show it; the price is that a real step back recorded within one time unit (two rows of one day in a
#: file with dates only) is not seen — :func:`tie_moves` counts those for the import report.
TIE_KEY = "tie_order"
TIE_ORDERS = ("stage", "file")
_TIE_SORT = {"stage": "stage_idx NULLS LAST, import_id, source_row", "file": "import_id, source_row"}


def tie_order(con: duckdb.DuckDBPyConnection) -> str:
    """The workspace's order for events with equal timestamps (:data:`TIE_ORDERS`; ``stage`` unless set)."""
    row = con.execute("SELECT value FROM meta WHERE key = ?", [TIE_KEY]).fetchall()
    return row[0][0] if row and row[0][0] in TIE_ORDERS else "stage"


def tie_moves(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """``(backward, customers)``: steps back to an earlier stage between consecutive events of one customer that
    have the same timestamp, read in file order — the backward moves that ordering ties by stage removes."""
    row = con.execute("""
        SELECT count(*), count(DISTINCT ckey) FROM (
            SELECT ckey, stage_idx, lag(stage_idx) OVER (PARTITION BY ckey, ts ORDER BY import_id, source_row) AS prev
            FROM events WHERE ts IS NOT NULL AND stage_idx IS NOT NULL
              AND (ckey, ts) IN (SELECT (ckey, ts) FROM events WHERE ts IS NOT NULL AND stage_idx IS NOT NULL
                                 GROUP BY ckey, ts HAVING count(*) > 1))
        WHERE stage_idx < prev""").fetchall()[0]
    return int(row[0]), int(row[1])


def order_ties(con: duckdb.DuckDBPyConnection, how: str | None = None) -> int:
    """Order each customer's events that share a timestamp by *how* (:data:`TIE_ORDERS`; default: the
    workspace's :func:`tie_order`, which *how* becomes), by giving them their group's ``seq`` numbers in that
    order; then the table is stored in journey order again. Returns how many events changed place. Run it after
    any change of the stage model (stage order is the order of the model) on a cursor with no open transaction.

    >>> from cjm.store import insert_events, open_workspace
    >>> cur = open_workspace(":memory:").cursor()
    >>> insert_events(cur, ["seq", "import_id", "source_file", "source_row", "customer_id", "ts", "stage", "stage_idx"],
    ...               "VALUES (1, 1, 'f', 2, 'a', TIMESTAMP '2026-01-05', 'Won', 2), "
    ...               "(2, 1, 'f', 3, 'a', TIMESTAMP '2026-01-05', 'Lead', 0)")
    2
    >>> tie_moves(cur), order_ties(cur, "stage")
    ((1, 1), 2)
    >>> cur.execute("SELECT stage FROM events ORDER BY ckey, ts, seq").fetchall(), order_ties(cur, "file")
    ([('Lead',), ('Won',)], 2)
    """
    how = how or tie_order(con)
    if how not in TIE_ORDERS:
        raise ValueError(f"tie order must be one of {TIE_ORDERS}, not {how!r}")
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [TIE_KEY, how])
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE _cjm_ties AS
            WITH g AS (SELECT seq, ckey, ts, stage_idx, import_id, source_row FROM events
                       WHERE ts IS NOT NULL AND (ckey, ts) IN (SELECT (ckey, ts) FROM events WHERE ts IS NOT NULL
                                                               GROUP BY ckey, ts HAVING count(*) > 1)),
            a AS (SELECT seq AS old_seq, ckey, ts,
                         row_number() OVER (PARTITION BY ckey, ts ORDER BY {_TIE_SORT[how]}) AS k FROM g),
            s AS (SELECT seq AS new_seq, ckey, ts, row_number() OVER (PARTITION BY ckey, ts ORDER BY seq) AS k FROM g)
            SELECT a.old_seq, s.new_seq FROM a JOIN s USING (ckey, ts, k) WHERE a.old_seq <> s.new_seq""")
        changed = con.execute("SELECT count(*) FROM _cjm_ties").fetchall()[0][0]
        if changed:
            con.execute("UPDATE events SET seq = t.new_seq FROM _cjm_ties t WHERE events.seq = t.old_seq")
            bump_data_version(con)
        con.execute("DROP TABLE _cjm_ties")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    if changed:
        ensure_ordered(con, force=True)
    return int(changed)


def set_stage_model(ws: Workspace, model: StageModel) -> int:
    """Make *model* the workspace's stage model (:meth:`~cjm.store.Workspace.set_stage_model`) and order events
    with equal timestamps again (:func:`order_ties`: stage order is the new model's); how many events moved. What
    Settings and ``python -m cjm stages`` call to save a model."""
    ws.set_stage_model(model)
    cur = ws.cursor()
    try:
        return order_ties(cur)
    finally:
        cur.close()
