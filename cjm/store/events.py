"""Data writes to ``events``: customer keys, the one insert path, stage-model indexes, the data version.

Every function here changes what analyses compute, so each bumps (or runs inside a write that bumps) the
workspace's data version (:func:`bump_data_version`); team notes never do (see :mod:`cjm.store.notes`).
"""

from __future__ import annotations

import duckdb

from cjm.core.sql import ident
from cjm.core.stage_model import StageModel, norm


def stage_lookup_rows(values: list[str], model: StageModel | None) -> list[tuple[str, int | None, str | None]]:
    """(raw stage value, stage index, outcome key) for each distinct value."""
    table = model.lookup() if model else {}
    return [(v, *table.get(norm(v), (None, None))) for v in values]


def outcome_lookup_rows(values: list[str], model: StageModel | None) -> list[tuple[str, str | None]]:
    """(raw outcome value, outcome key) for each distinct value (:meth:`StageModel.outcome_names`)."""
    table = {name: o.key for name, o in model.outcome_names().items()} if model else {}
    return [(v, table.get(norm(v))) for v in values]


def add_customers(cur: duckdb.DuckDBPyConnection, source_sql: str, params: list | None = None) -> None:
    """Give each customer id of *source_sql* (a relation with a ``customer_id`` column) that has no key yet
    the next free key in ``customers`` (new ids numbered in id order).

    >>> from cjm.store import open_workspace
    >>> ws = open_workspace(":memory:"); cur = ws.cursor()
    >>> add_customers(cur, "SELECT unnest(['b', 'a', 'b']) AS customer_id")
    >>> add_customers(cur, "SELECT unnest(['c', 'a']) AS customer_id")
    >>> cur.execute("SELECT * FROM customers ORDER BY ckey").fetchall()
    [('a', 1), ('b', 2), ('c', 3)]
    """
    cur.execute(f"""INSERT INTO customers
        SELECT n.customer_id, (SELECT coalesce(max(ckey), 0) FROM customers) + row_number() OVER (ORDER BY n.customer_id)
        FROM (SELECT DISTINCT customer_id FROM ({source_sql}) WHERE customer_id IS NOT NULL) n
        ANTI JOIN customers c ON c.customer_id = n.customer_id""", params or [])


def insert_events(cur: duckdb.DuckDBPyConnection, columns: list[str], select_sql: str,
                  params: list | None = None, *, customers_from: tuple[str, list] | None = None) -> int:
    """``INSERT INTO events`` the rows of *select_sql* (which yields *columns*, in that order, among them
    ``customer_id``, ``ts`` and ``seq``), each with its customer key (new customers get new keys), written in
    :data:`STORAGE_ORDER`. The one way the product writes events (imports, samples, benchmarks). Returns the
    number of events written. *customers_from* (``(sql, params)`` with a ``customer_id`` column) lists the
    customer ids more cheaply than *select_sql* can (e.g. without the conversions of the other columns); an id
    it lists that *select_sql* then does not bring gets a key and no events, which is harmless.

    >>> from cjm.store import open_workspace
    >>> ws = open_workspace(":memory:"); cur = ws.cursor()
    >>> insert_events(cur, ["seq", "import_id", "source_file", "source_row", "customer_id", "ts", "stage"],
    ...               "SELECT i AS seq, 1, 'f', i + 1, ['b', 'a', 'b'][i], NULL, 'x' FROM range(1, 4) t(i)")
    3
    >>> cur.execute("SELECT customer_id, ckey, seq FROM events").fetchall()
    [('a', 1, 2), ('b', 2, 1), ('b', 2, 3)]
    """
    for c in ("customer_id", "ts", "seq"):
        if c not in columns:
            raise ValueError(f"insert_events needs the column {c}")
    names = ", ".join(ident(c) for c in columns)
    if customers_from is None:
        add_customers(cur, f"SELECT customer_id FROM ({select_sql}) s({names})", params)
    else:
        add_customers(cur, *customers_from)
    picked = ", ".join(f"s.{ident(c)}" for c in columns)
    return cur.execute(f"""INSERT INTO events ({names}, ckey)
                    SELECT {picked}, c.ckey FROM ({select_sql}) s({names}) JOIN customers c ON c.customer_id = s.customer_id
                    ORDER BY c.ckey, s.ts NULLS LAST, s.seq""", params or []).fetchall()[0][0]


def apply_stage_model(cur: duckdb.DuckDBPyConnection, model: StageModel | None, where_import: int | None = None) -> None:
    """Recompute ``events.stage_idx`` / ``outcome_key`` for the model (all events, or one import); bumps the data
    version (results kept for the old indexes are not reused, see :func:`cjm.store.kept.data_fingerprint`)."""
    cond, params = ("WHERE import_id = ?", [where_import]) if where_import is not None else ("", [])
    stages = [r[0] for r in cur.execute(f"SELECT DISTINCT stage FROM events {cond}", params).fetchall()]
    outcomes = [r[0] for r in cur.execute(
        f"SELECT DISTINCT outcome FROM events {cond} {'AND' if cond else 'WHERE'} outcome IS NOT NULL", params).fetchall()]
    cur.execute("CREATE OR REPLACE TEMP TABLE _stage_lookup (value VARCHAR, idx SMALLINT, outcome_key VARCHAR)")
    rows = stage_lookup_rows(stages, model)
    if rows:
        cur.executemany("INSERT INTO _stage_lookup VALUES (?, ?, ?)", rows)
    cur.execute("CREATE OR REPLACE TEMP TABLE _outcome_lookup (value VARCHAR, outcome_key VARCHAR)")
    orows = [r for r in outcome_lookup_rows(outcomes, model) if r[1] is not None]
    if orows:
        cur.executemany("INSERT INTO _outcome_lookup VALUES (?, ?)", orows)
    scope = "AND events.import_id = ?" if where_import is not None else ""
    cur.execute(f"""UPDATE events SET stage_idx = l.idx, outcome_key = l.outcome_key
                    FROM _stage_lookup l WHERE l.value = events.stage {scope}""", params)
    cur.execute(f"""UPDATE events SET outcome_key = o.outcome_key
                    FROM _outcome_lookup o WHERE o.value = events.outcome {scope}""", params)
    cur.execute("DROP TABLE _stage_lookup")
    cur.execute("DROP TABLE _outcome_lookup")
    bump_data_version(cur)


def bump_data_version(cur: duckdb.DuckDBPyConnection) -> None:
    """A new data version: results kept for the old one (:func:`cjm.store.kept.cached`) are not reused."""
    cur.execute("UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) WHERE key = 'data_version'")

