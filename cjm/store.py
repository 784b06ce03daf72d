"""The workspace: one DuckDB file that holds a user's work.

Location: ``--workspace PATH`` (CLI) > ``$CJM_WORKSPACE`` > ``~/.cjm/workspace.duckdb``.
One DuckDB connection per process and file (:func:`open_workspace` caches it); each
thread / Streamlit session works on its own ``cursor()``. The schema is versioned in
``meta.schema_version`` and brought up to date by :data:`MIGRATIONS` on open.

>>> ws = open_workspace(":memory:")
>>> ws.cursor().execute("select count(*) from events").fetchone()
(0,)
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from cjm.errors import WorkspaceBusyError, WorkspaceError
from cjm.models import PRESETS, StageModel, norm

DEFAULT_PATH = Path.home() / ".cjm" / "workspace.duckdb"

#: Canonical event fields, in display order, with their DuckDB types.
EVENT_FIELDS: dict[str, str] = {
    "customer_id": "VARCHAR",
    "timestamp": "TIMESTAMP",
    "stage": "VARCHAR",
    "touchpoint": "VARCHAR",
    "channel": "VARCHAR",
    "emotion": "DOUBLE",  # canonical -2..+2
    "satisfaction": "DOUBLE",
    "nps": "SMALLINT",
    "outcome": "VARCHAR",
    "segment": "VARCHAR",
    "persona": "VARCHAR",
    "role": "VARCHAR",
    "value": "DOUBLE",
    "cost": "DOUBLE",
    "comment": "VARCHAR",
}
REQUIRED_FIELDS = ("customer_id", "stage")

MIGRATIONS: list[tuple[int, list[str]]] = [
    (1, [
        "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
        """CREATE TABLE imports (
            import_id INTEGER PRIMARY KEY, file_name VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, sheet VARCHAR,
            rows_read BIGINT NOT NULL, rows_loaded BIGINT NOT NULL, rows_rejected BIGINT NOT NULL,
            mapping VARCHAR NOT NULL, options VARCHAR, warnings VARCHAR, imported_at TIMESTAMP NOT NULL)""",
        # seq: global file order (import order, then row order); the tie-breaker for equal timestamps.
        """CREATE TABLE events (
            seq BIGINT NOT NULL, import_id INTEGER NOT NULL, source_file VARCHAR NOT NULL, source_row BIGINT NOT NULL,
            customer_id VARCHAR NOT NULL, ts TIMESTAMP, stage VARCHAR NOT NULL,
            stage_idx SMALLINT, outcome_key VARCHAR,
            touchpoint VARCHAR, channel VARCHAR, emotion DOUBLE, emotion_raw VARCHAR, satisfaction DOUBLE,
            nps SMALLINT, outcome VARCHAR, segment VARCHAR, persona VARCHAR, role VARCHAR,
            value DOUBLE, cost DOUBLE, comment VARCHAR)""",
        """CREATE TABLE rejected (
            import_id INTEGER NOT NULL, file_name VARCHAR NOT NULL, source_row BIGINT, column_name VARCHAR,
            raw VARCHAR, reason VARCHAR NOT NULL)""",
        # The active stage model (one row), stored whole as JSON; see cjm.models.StageModel.
        "CREATE TABLE stage_model (name VARCHAR NOT NULL, spec VARCHAR NOT NULL, updated_at TIMESTAMP NOT NULL)",
        """CREATE TABLE lanes (stage_key VARCHAR NOT NULL, lane VARCHAR NOT NULL, text VARCHAR NOT NULL,
            updated_at TIMESTAMP NOT NULL, PRIMARY KEY (stage_key, lane))""",
        """CREATE TABLE pain_status (stage_key VARCHAR NOT NULL, touchpoint VARCHAR NOT NULL, status VARCHAR NOT NULL,
            note VARCHAR, updated_at TIMESTAMP NOT NULL, PRIMARY KEY (stage_key, touchpoint))""",
        """CREATE TABLE scenarios (name VARCHAR PRIMARY KEY, spec VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL)""",
    ]),
    # Customer keys: a small integer per customer id (customers), carried by every event (events.ckey). Journey
    # analyses group and partition by it, and events are stored in STORAGE_ORDER, which makes the per-customer
    # windows several times cheaper than on the text id in file order. Existing events get their keys here.
    (2, [
        "ALTER TABLE events ADD COLUMN ckey INTEGER",
        "CREATE TABLE customers (customer_id VARCHAR NOT NULL, ckey INTEGER NOT NULL)",
        """INSERT INTO customers SELECT customer_id, row_number() OVER (ORDER BY customer_id)
           FROM (SELECT DISTINCT customer_id FROM events)""",
        "UPDATE events SET ckey = c.ckey FROM customers c WHERE c.customer_id = events.customer_id",
    ]),
    # Each customer's furthest stage, set of stages, largest value and first segment over all events (no filters),
    # written after each import and valid for the data fingerprint noted in meta (see
    # cjm.journey.kept_in_workspace, which replaces the table whole with the columns of its query): the
    # unfiltered funnel, touchpoint lift and pain points read it instead of grouping every event again.
    (3, [
        """CREATE TABLE customer_reach (ckey INTEGER NOT NULL, furthest SMALLINT NOT NULL, mask BIGINT NOT NULL,
                                        v DOUBLE, seg VARCHAR)""",
    ]),
]
#: How ``events`` is stored: each customer's events together, in journey order (see :mod:`cjm.journey`).
STORAGE_ORDER = "ckey, ts NULLS LAST, seq"

SCHEMA_VERSION = MIGRATIONS[-1][0]

_LOCK = threading.Lock()
_OPEN: dict[str, "Workspace"] = {}


def default_path() -> Path:
    env = os.environ.get("CJM_WORKSPACE")
    return Path(env).expanduser() if env else DEFAULT_PATH


@dataclass
class Workspace:
    path: str
    con: duckdb.DuckDBPyConnection

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for this thread / session (own transaction state, shared database)."""
        return self.con.cursor()

    # -- versioning: bumped on every write, used as a cache key by the UI -------------------
    def data_version(self) -> int:
        row = next(iter(self.cursor().execute("SELECT value FROM meta WHERE key = 'data_version'").fetchall()), None)
        return int(row[0]) if row else 0

    def bump(self, cur: duckdb.DuckDBPyConnection) -> None:
        bump_data_version(cur)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All or nothing: commit on success, roll back on any exception, then CHECKPOINT."""
        cur = self.cursor()
        cur.execute("BEGIN TRANSACTION")
        try:
            yield cur
            self.bump(cur)
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        finally:
            pass
        if self.path != ":memory:":
            with contextlib.suppress(duckdb.Error):
                cur.execute("CHECKPOINT")
        cur.close()

    # -- stage model ---------------------------------------------------------------------------
    def stage_model(self, cur: duckdb.DuckDBPyConnection | None = None) -> StageModel | None:
        row = next(iter((cur or self.cursor()).execute("SELECT spec FROM stage_model LIMIT 1").fetchall()), None)
        return StageModel.from_json(row[0]) if row else None

    def set_stage_model(self, model: StageModel) -> None:
        with self.transaction() as cur:
            cur.execute("DELETE FROM stage_model")
            cur.execute("INSERT INTO stage_model VALUES (?, ?, now())", [model.name, model.to_json()])
            apply_stage_model(cur, model)


def stage_lookup_rows(values: list[str], model: StageModel | None) -> list[tuple[str, int | None, str | None]]:
    """(raw stage value, stage index, outcome key) for each distinct value."""
    table = model.lookup() if model else {}
    return [(v, *table.get(norm(v), (None, None))) for v in values]


def outcome_lookup_rows(values: list[str], model: StageModel | None) -> list[tuple[str, str | None]]:
    if not model:
        return [(v, None) for v in values]
    table = {}
    for o in model.outcomes:
        for name in (o.key, o.label, *o.aliases):
            table.setdefault(norm(name), o.key)
    return [(v, table.get(norm(v))) for v in values]


def add_customers(cur: duckdb.DuckDBPyConnection, source_sql: str, params: list | None = None) -> None:
    """Give each customer id of *source_sql* (a relation with a ``customer_id`` column) that has no key yet
    the next free key in ``customers`` (new ids numbered in id order).

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
    from cjm.sql import ident

    names = ", ".join(ident(c) for c in columns)
    if customers_from is None:
        add_customers(cur, f"SELECT customer_id FROM ({select_sql}) s({names})", params)
    else:
        add_customers(cur, *customers_from)
    picked = ", ".join(f"s.{ident(c)}" for c in columns)
    return cur.execute(f"""INSERT INTO events ({names}, ckey)
                    SELECT {picked}, c.ckey FROM ({select_sql}) s({names}) JOIN customers c ON c.customer_id = s.customer_id
                    ORDER BY c.ckey, s.ts NULLS LAST, s.seq""", params or []).fetchall()[0][0]


def ensure_customer_keys(cur: duckdb.DuckDBPyConnection) -> int:
    """Give events written without a customer key (``ckey`` NULL: straight SQL inserts, e.g. in tests) their key;
    the number of events updated. Cheap when every event has one (the product's writes all set it)."""
    missing = cur.execute("SELECT count(*) - count(ckey) FROM events").fetchall()[0][0]
    if missing:
        add_customers(cur, "SELECT customer_id FROM events WHERE ckey IS NULL")
        cur.execute("UPDATE events SET ckey = c.ckey FROM customers c "
                    "WHERE events.ckey IS NULL AND c.customer_id = events.customer_id")
    return int(missing)


def apply_stage_model(cur: duckdb.DuckDBPyConnection, model: StageModel | None, where_import: int | None = None) -> None:
    """Recompute ``events.stage_idx`` / ``outcome_key`` for the model (all events, or one import); bumps the data
    version (results kept for the old indexes are not reused, see :func:`cjm.journey.data_fingerprint`)."""
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
    """A new data version: results kept for the old one (:func:`cjm.journey.cached`) are not reused."""
    cur.execute("UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) WHERE key = 'data_version'")


def _migrate(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    # read whole: a result read with fetchone() keeps its transaction open on this shared connection, and no
    # CHECKPOINT can run after an import until the app closes
    row = next(iter(con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()), None)
    current = int(row[0]) if row else 0
    if current > SCHEMA_VERSION:
        raise WorkspaceError(f"This workspace was written by a newer CJM Dashboard (schema {current}); "
                             f"update CJM Dashboard to open it.")
    for version, statements in MIGRATIONS:
        if version <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in statements:
                if statement.startswith("CREATE TABLE IF NOT EXISTS meta"):
                    continue
                con.execute(statement)
            con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(version)])
            con.execute("INSERT OR IGNORE INTO meta VALUES ('data_version', '0')")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise


def connect(path: str) -> duckdb.DuckDBPyConnection:
    """A raw DuckDB connection with extension auto-install/auto-load off (the app works offline)."""
    config = {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false",
              # a bounded buffer pool: DuckDB spills big sorts to disk instead of growing past ~2 GB at 10M events
              "memory_limit": os.environ.get("CJM_MEMORY_LIMIT", "1GB"),
              # GROUP BY a customer key (1..number of customers) with an array indexed by the key instead of a
              # hash table, up to 2^22 customers (about half the time at 1M customers)
              "perfect_ht_threshold": 22}
    try:
        return duckdb.connect(path, config=config)
    except duckdb.IOException as exc:
        text = str(exc)
        if "lock" in text.lower():
            raise WorkspaceBusyError(
                f'The workspace "{path}" is open in another CJM Dashboard. Close that window or command, '
                f"or choose another workspace (--workspace or CJM_WORKSPACE).") from None
        raise WorkspaceError(f'The workspace "{path}" cannot be opened: {text.splitlines()[0]}. '
                             f"Check the path and that the disk is writable.") from None
    except duckdb.Error as exc:
        raise WorkspaceError(f'The workspace "{path}" is not a CJM Dashboard workspace or is damaged '
                             f"({str(exc).splitlines()[0]}). Choose another file.") from None


def open_workspace(path: str | os.PathLike | None = None) -> Workspace:
    """Open (creating and migrating if needed) the workspace at *path*; one per process and path."""
    if path is None:
        path = default_path()
    key = str(path) if str(path) == ":memory:" else str(Path(path).expanduser().resolve())
    with _LOCK:
        if key != ":memory:" and key in _OPEN:
            return _OPEN[key]
        if key != ":memory:":
            Path(key).parent.mkdir(parents=True, exist_ok=True)
        con = connect(key)
        try:
            _migrate(con)
        except duckdb.Error as exc:
            con.close()
            raise WorkspaceError(f'The workspace "{key}" could not be prepared ({str(exc).splitlines()[0]}).') from None
        ws = Workspace(key, con)
        if key != ":memory:":
            _OPEN[key] = ws
        return ws


def close_workspace(ws: Workspace) -> None:
    with _LOCK:
        _OPEN.pop(ws.path, None)
    with contextlib.suppress(duckdb.Error):
        ws.con.close()


def default_model(ws: Workspace) -> StageModel:
    """The workspace's stage model, or the B2B preset when none was chosen yet."""
    return ws.stage_model() or PRESETS["hinge-b2b-4"]
