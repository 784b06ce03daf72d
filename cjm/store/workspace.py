"""The workspace: one DuckDB file that holds a user's work.

Location: ``--workspace PATH`` (CLI) > ``$CJM_WORKSPACE`` > ``~/.cjm/workspace.duckdb``.
One DuckDB connection per process and file (:func:`open_workspace` caches it); each
thread / Streamlit session works on its own ``cursor()``. The schema is versioned in
``meta.schema_version`` and brought up to date by :data:`MIGRATIONS` on open.

>>> ws = open_workspace(":memory:")
>>> ws.cursor().execute("select count(*) from events").fetchall()
[(0,)]
>>> with ws.note_write() as cur:
...     _ = cur.execute("INSERT INTO lanes VALUES ('a', 'goals', 'x', now(), 1)")
>>> ws.data_version(), ws.notes_version()
(0, 1)
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from cjm.core.stage_model import PRESETS, StageModel
from cjm.errors import WorkspaceBusyError, WorkspaceError
from cjm.store.events import apply_stage_model, bump_data_version
from cjm.store.schema import MIGRATIONS, SCHEMA_VERSION

DEFAULT_PATH = Path.home() / ".cjm" / "workspace.duckdb"


_LOCK = threading.Lock()
_OPEN: dict[str, Workspace] = {}


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

    # -- versions: the data version keys every cached analysis; the notes version only team notes ----------
    def data_version(self) -> int:
        """Bumped by every data write (imports, the stage model, emotion scores): analyses cached for an older
        version are recomputed."""
        return self._version("data_version")

    def notes_version(self) -> int:
        """Bumped by every team-note write (lanes, pain-point notes, scenarios); never invalidates analyses."""
        return self._version("notes_version")

    def _version(self, key: str) -> int:
        row = next(iter(self.cursor().execute("SELECT value FROM meta WHERE key = ?", [key]).fetchall()), None)
        return int(row[0]) if row else 0

    @contextlib.contextmanager
    def data_write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A write that changes what analyses compute (an import, the stage model): all or nothing, bumps the
        data version, then a best-effort CHECKPOINT (the commit itself is already durable in the WAL)."""
        with self._write(bump_data_version) as cur:
            yield cur
        if self.path != ":memory:":
            with contextlib.suppress(duckdb.Error):
                self.con.cursor().execute("CHECKPOINT")

    @contextlib.contextmanager
    def note_write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A write of what the team wrote (lanes, pain-point status and notes, scenarios): all or nothing, bumps
        only the notes version, so every cached analysis stays valid. Durable on commit (DuckDB's WAL); no
        CHECKPOINT, which would make a one-cell save cost as much as an import's."""
        with self._write(bump_notes_version) as cur:
            yield cur

    @contextlib.contextmanager
    def _write(self, bump) -> Iterator[duckdb.DuckDBPyConnection]:
        cur = self.cursor()
        try:
            cur.execute("BEGIN TRANSACTION")
            try:
                yield cur
                bump(cur)
                cur.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(duckdb.Error):
                    cur.execute("ROLLBACK")
                raise
        finally:
            cur.close()

    # -- stage model (a data write) ------------------------------------------------------------------
    def stage_model(self, cur: duckdb.DuckDBPyConnection | None = None) -> StageModel | None:
        row = next(iter((cur or self.cursor()).execute("SELECT spec FROM stage_model LIMIT 1").fetchall()), None)
        return StageModel.from_json(row[0]) if row else None

    def set_stage_model(self, model: StageModel) -> None:
        with self.data_write() as cur:
            write_stage_model(cur, model)


def write_stage_model(cur: duckdb.DuckDBPyConnection, model: StageModel) -> None:
    """Make *model* the workspace's stage model and index every event by it, on a cursor inside a data write (the
    only place the ``stage_model`` table is written)."""
    cur.execute("DELETE FROM stage_model")
    cur.execute("INSERT INTO stage_model VALUES (?, ?, now())", [model.name, model.to_json()])
    apply_stage_model(cur, model)


def bump_notes_version(cur: duckdb.DuckDBPyConnection) -> None:
    """A new notes version (team notes changed; analyses did not)."""
    cur.execute("INSERT OR IGNORE INTO meta VALUES ('notes_version', '0')")
    cur.execute("UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) WHERE key = 'notes_version'")


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
    config: dict[str, str | bool | int | float | list[str]] = {
        "autoinstall_known_extensions": "false", "autoload_known_extensions": "false",
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
