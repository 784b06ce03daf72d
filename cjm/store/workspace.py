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
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from cjm.core.sql import ident
from cjm.core.stage_model import PRESETS, StageModel
from cjm.errors import DamagedWorkspaceError, Message, StorageError, WorkspaceBusyError, WorkspaceError
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
    #: set when DuckDB invalidated the connection (a failed write or CHECKPOINT on a full disk): the next
    #: :func:`open_workspace` of the path drops it and opens the file again (DuckDB replays the committed WAL)
    broken: bool = False
    #: what became of the snapshot taken before the last data write (see :mod:`cjm.store.backups`)
    last_backup: str | None = None
    #: held while a transaction commits, a CHECKPOINT runs or a snapshot copies the file: a snapshot never sees
    #: half a commit
    commit_lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)
    _alive_at: float = field(default=0.0, repr=False, compare=False)
    #: a storage fault met after a commit that succeeded (the caller reports the change as saved)
    last_fault: StorageError | None = field(default=None, repr=False, compare=False)

    def alive(self, *, within: float = 0.0) -> bool:
        """False when the connection is closed or DuckDB invalidated it (then it is marked :attr:`broken`).
        *within*: seconds during which an earlier positive answer is taken as it is (a check costs ~0.3 ms)."""
        if self.broken:
            return False
        now = time.monotonic()
        if within and now - self._alive_at < within:
            return True
        try:
            cur = self.con.cursor()
            try:
                cur.execute("SELECT 1").fetchall()
            finally:
                cur.close()
        except duckdb.Error:
            self.broken = True
            return False
        self._alive_at = now
        return True

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
    def data_write(self, *, backup: str | None = "data change") -> Iterator[duckdb.DuckDBPyConnection]:
        """A write that changes what analyses compute (an import, the stage model): all or nothing, bumps the
        data version, then a best-effort CHECKPOINT (the commit itself is already durable in the WAL).

        Before it, a snapshot of the workspace is kept for *backup* (the reason shown in the list; ``None``: no
        snapshot), see :mod:`cjm.store.backups`; what became of it is in :attr:`last_backup`."""
        if backup and self.path != ":memory:":
            from cjm.store.backups import snapshot

            self.last_backup = snapshot(self, backup).note
        with self._write(bump_data_version) as cur:
            yield cur
        self.checkpoint()

    def checkpoint(self) -> None:
        """Merge the WAL into the file, best effort: the commit is already durable in the WAL. Skipped when the
        disk is nearly full (a CHECKPOINT that runs out of space makes DuckDB invalidate the connection); a
        failure leaves the connection :attr:`broken` if DuckDB invalidated it, never an error."""
        if self.path == ":memory:" or self.broken:
            return
        wal = Path(self.path + ".wal")
        try:
            need = 2 * (wal.stat().st_size if wal.exists() else 0) + (64 << 20)
            if shutil.disk_usage(Path(self.path).parent).free < need:
                return
        except OSError:
            return
        with self.commit_lock, contextlib.suppress(duckdb.Error):
            cur = self.con.cursor()
            try:
                cur.execute("CHECKPOINT")
            finally:
                cur.close()
        self.alive()

    @contextlib.contextmanager
    def note_write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A write of what the team wrote (lanes, pain-point status and notes, scenarios): all or nothing, bumps
        only the notes version, so every cached analysis stays valid. Durable on commit (DuckDB's WAL); no
        CHECKPOINT, which would make a one-cell save cost as much as an import's."""
        with self._write(bump_notes_version) as cur:
            yield cur

    @contextlib.contextmanager
    def _write(self, bump) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction on a cursor of its own. A storage fault (full disk, read-only file, damaged file)
        becomes a :class:`~cjm.errors.StorageError` naming the cause; a failing ROLLBACK never hides it."""
        if self.broken:
            raise self._fault(duckdb.Error("database has been invalidated"))
        try:
            cur = self.cursor()
        except duckdb.Error as exc:
            raise self._fault(exc) from exc
        committed = False
        try:
            try:
                cur.execute("BEGIN TRANSACTION")
                yield cur
                bump(cur)
                with self.commit_lock:
                    try:
                        cur.execute("COMMIT")
                    except duckdb.Error as exc:
                        # "Transaction COMMIT succeeded and is durable, but the autocheckpoint failed": saved, and
                        # the connection is invalidated (it is opened again on the next call)
                        if "commit succeeded" not in str(exc).lower():
                            raise
                        self.broken = True
                        self.last_fault = storage_error(exc, self.path, committed=True)
                committed = True
            except BaseException as exc:
                if not committed:
                    with contextlib.suppress(duckdb.Error):
                        cur.execute("ROLLBACK")
                if isinstance(exc, duckdb.Error):
                    raise self._fault(exc) from exc
                raise
        finally:
            with contextlib.suppress(duckdb.Error):
                cur.close()

    def _fault(self, exc: duckdb.Error) -> Exception:
        """*exc* as the user should read it: a :class:`~cjm.errors.StorageError` for a storage fault (and the
        connection marked :attr:`broken` when DuckDB invalidated it), *exc* itself otherwise (a bug)."""
        err = storage_error(exc, self.path)
        if err is None:
            return exc
        if isinstance(exc, duckdb.FatalException) or err.kind == "broken":
            self.broken = True
        else:
            self.alive()
        return err

    # -- stage model (a data write) ------------------------------------------------------------------
    def stage_model(self, cur: duckdb.DuckDBPyConnection | None = None) -> StageModel | None:
        row = next(iter((cur or self.cursor()).execute("SELECT spec FROM stage_model LIMIT 1").fetchall()), None)
        return StageModel.from_json(row[0]) if row else None

    def set_stage_model(self, model: StageModel) -> None:
        with self.data_write(backup="stage model change") as cur:
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


def _migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Bring the schema up to date: every pending migration in one transaction (all of them or none); returns the
    schema version the file had before (0 for a new workspace)."""
    con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    # read whole: a result read with fetchone() keeps its transaction open on this shared connection, and no
    # CHECKPOINT can run after an import until the app closes
    row = next(iter(con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()), None)
    current = int(row[0]) if row else 0
    if current > SCHEMA_VERSION:
        raise WorkspaceError("store.newer_schema", schema=str(current))
    pending = [(v, stmts) for v, stmts in MIGRATIONS if v > current]
    if not pending:
        return current
    con.execute("BEGIN TRANSACTION")
    try:
        for _version, statements in pending:
            for statement in statements:
                if not statement.startswith("CREATE TABLE IF NOT EXISTS meta"):
                    con.execute(statement)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(pending[-1][0])])
        con.execute("INSERT OR IGNORE INTO meta VALUES ('data_version', '0')")
        con.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise
    return current


_FULL = ("no space left on device", "disk quota exceeded", "disk full", "not enough space")
_READ_ONLY = ("permission denied", "operation not permitted", "read-only file system", "read-only mode",
              "database is opened in read-only", "cannot open database in read-only")
_DAMAGED = ("corrupt database file", "checksum", "not a valid duckdb database file", "is not a valid duckdb",
            "failed to read database header", "cannot read header", "could not read enough bytes",
            "serialization error", "invalid block", "out of range of the file")
_BUSY = ("could not set lock", "conflicting lock")


def storage_error(exc: BaseException, path: str, *, committed: bool = False) -> StorageError | None:
    """*exc* (a DuckDB or OS error) as a one-line :class:`~cjm.errors.StorageError` that names the cause and what to
    do, or None when it is no storage fault (a bug, which must surface). *committed*: the change was saved before
    the fault, and the message says so.

    >>> storage_error(duckdb.IOException('Could not write file "w.duckdb": No space left on device'), "w.duckdb").kind
    'full'
    >>> storage_error(duckdb.BinderException("Referenced column x not found"), "w.duckdb") is None
    True
    """
    text = str(exc)
    low = text.lower()
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    saved = Message("store.saved_before" if committed else "store.nothing_changed")
    if any(k in low for k in _FULL):
        return StorageError("store.disk_full", kind="full", committed=committed, path=path, saved=saved)
    if "has been invalidated" in low:
        return StorageError("store.invalidated", kind="broken", committed=committed, path=path)
    if any(k in low for k in _BUSY):
        return WorkspaceBusyError("store.busy", kind="busy", committed=committed, path=path)
    if any(k in low for k in _READ_ONLY):
        return StorageError("store.read_only", kind="read_only", committed=committed, path=path, detail=first,
                            saved=saved)
    if any(k in low for k in _DAMAGED):
        return damaged_error(path, first)
    if isinstance(exc, duckdb.IOException | OSError):
        return StorageError("store.io_fault", kind="io", committed=committed, path=path, detail=first, saved=saved)
    return None


def damaged_error(path: str, detail: str) -> DamagedWorkspaceError:
    """The message for a damaged workspace file, offering the latest good snapshot (command and button)."""
    from cjm.store.backups import latest_good

    good = latest_good(path) if path != ":memory:" else None
    if good is None:
        offer = Message("store.damaged_no_backup")
    else:
        from cjm.store.backups import reason_message

        offer = Message("store.damaged_backup", id=good.id, when=f"{good.time:%Y-%m-%d %H:%M}",
                        reason=reason_message(good.reason), path=path)
    return DamagedWorkspaceError("store.damaged", path=path, backup=good.id if good else None, detail=detail,
                                 offer=offer)


def check_readable(con: duckdb.DuckDBPyConnection) -> None:
    """Read every table of the workspace whole (each block's checksum is verified as it is read), so a damaged
    file is found when it is opened, not half-way through a report that might look normal. Costs about 0.3 s
    per 10M events; raises the DuckDB error."""
    tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
                                        "AND schema_name = 'main' AND NOT temporary ORDER BY table_name").fetchall()]
    for table in tables:
        con.execute(f"SELECT bit_xor(hash(t)) FROM {ident(table)} t").fetchall()


def connect(path: str, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A raw DuckDB connection with extension auto-install/auto-load off (the app works offline)."""
    config: dict[str, str | bool | int | float | list[str]] = {
        "autoinstall_known_extensions": "false", "autoload_known_extensions": "false",
        # a bounded buffer pool: DuckDB spills big sorts to disk instead of growing past ~2 GB at 10M events
        "memory_limit": os.environ.get("CJM_MEMORY_LIMIT", "1GB"),
        # GROUP BY a customer key (1..number of customers) with an array indexed by the key instead of a
        # hash table, up to 2^22 customers (about half the time at 1M customers)
        "perfect_ht_threshold": 22}
    try:
        return duckdb.connect(path, read_only=read_only, config=config)
    except duckdb.Error as exc:
        err = storage_error(exc, path)
        if err is not None:
            raise err from None
        raise WorkspaceError("store.not_workspace", path=path, detail=str(exc).splitlines()[0]) from None


def open_workspace(path: str | os.PathLike | None = None) -> Workspace:
    """Open (creating and migrating if needed) the workspace at *path*; one per process and path.

    A cached connection that DuckDB invalidated (see :attr:`Workspace.broken`) is dropped and the file opened
    again, so the app recovers without a restart once the cause (a full disk) is gone."""
    if path is None:
        path = default_path()
    key = str(path) if str(path) == ":memory:" else str(Path(path).expanduser().resolve())
    with _LOCK:
        if key != ":memory:" and key in _OPEN:
            cached = _OPEN[key]
            if not cached.broken:
                return cached
            _discard(cached)
        if key != ":memory:":
            try:
                Path(key).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise storage_error(exc, key) or WorkspaceError("store.io", detail=str(exc)) from None
        con = connect(key)
        try:
            before = _migrate(con)
            if key != ":memory:" and before > 0:  # a new workspace has nothing to be damaged yet
                check_readable(con)
        except duckdb.Error as exc:
            with contextlib.suppress(duckdb.Error):
                con.close()
            err = storage_error(exc, key)
            raise err or WorkspaceError("store.not_prepared", path=key, detail=str(exc).splitlines()[0]) from None
        ws = Workspace(key, con)
        if key != ":memory:":
            _OPEN[key] = ws
        return ws


def _discard(ws: Workspace) -> None:
    if _OPEN.get(ws.path) is ws:
        _OPEN.pop(ws.path, None)
    ws.broken = True
    with contextlib.suppress(duckdb.Error):
        ws.con.close()


def close_workspace(ws: Workspace) -> None:
    """Close *ws* and forget it: the next :func:`open_workspace` of its path opens the file again (also the way
    to drop a connection that failed)."""
    with _LOCK:
        if _OPEN.get(ws.path) is ws:
            _OPEN.pop(ws.path, None)
    with contextlib.suppress(duckdb.Error):
        ws.con.close()


def default_model(ws: Workspace) -> StageModel:
    """The workspace's stage model, or the B2B preset when none was chosen yet."""
    return ws.stage_model() or PRESETS["hinge-b2b-4"]
