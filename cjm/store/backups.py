"""Snapshots of the workspace, kept beside it, to go back to after a bad import or a damaged file.

Before every data write (an import, a replace, a stage-model change) :meth:`Workspace.data_write` keeps a copy
of the workspace in ``<workspace>.backups/``: the last :data:`KEEP` (``$CJM_BACKUP_KEEP``), none of a workspace
larger than ``$CJM_BACKUP_MAX_MB`` (default 500) or when the disk has no room for it; either way the write goes on
and :attr:`Workspace.last_backup` says why no copy was kept.

How a snapshot is made: the workspace file and its write-ahead log are copied as they are while
:attr:`Workspace.commit_lock` is held, so no transaction commits and no CHECKPOINT rewrites the file during the
copy. A copy of the file plus its WAL is a consistent database (DuckDB replays the WAL when it is opened, as
after a crash); blocks an unfinished transaction wrote ahead are unreferenced space in the copy. This is a plain
sequential file copy (``copy_file_range``, or a reflink where the file system has them), several times cheaper
than ``EXPORT DATABASE`` or ``ATTACH … COPY FROM DATABASE``, which decode and compress every column again; and
it needs no CHECKPOINT first, which on a nearly full disk makes DuckDB invalidate the connection. Each copy is
opened read-only and checked (:func:`~cjm.store.workspace.check_readable`) before it is listed.

>>> import tempfile
>>> from cjm.store import open_workspace
>>> d = tempfile.mkdtemp()
>>> ws = open_workspace(f"{d}/w.duckdb")
>>> ws.set_stage_model(__import__("cjm.core.stage_model").core.stage_model.preset("five-stage"))
>>> snapshot(ws, "test").id is not None, [s.reason for s in list_snapshots(ws.path)]
(True, ['test'])
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from cjm.errors import CJMError, Message, StorageError, WorkspaceBusyError
from cjm.store.workspace import (
    _LOCK,
    _OPEN,
    Workspace,
    check_readable,
    connect,
    open_workspace,
    storage_error,
)

KEEP = 5


@dataclass(frozen=True)
class Snapshot:
    id: str
    time: dt.datetime
    reason: str
    size: int  # bytes (file + WAL)
    path: Path  # the copied workspace file


@dataclass(frozen=True)
class Outcome:
    """What :func:`snapshot` did: the snapshot kept (*id*), or why none was (*note*)."""
    id: str | None
    note: str | None


_FILE_REASON = re.compile(r'^(import|replace) of "(.*)"$', re.S)


def reason_message(reason: str) -> Message | str:
    """A snapshot's *reason* (stored in English in its manifest: ``import of "a.csv"``, ``replace of "a.csv"``,
    ``stage model change``, ``restore``) as a :class:`~cjm.errors.Message`, for the list of backups in the user's
    language; any other reason as it is.

    >>> reason_message('import of "anket.csv"').message("tr")
    '“anket.csv” dosyasının içe aktarılması'
    """
    if m := _FILE_REASON.match(reason):
        return Message("store.reason.import" if m[1] == "import" else "store.reason.replace", file=m[2])
    if reason == "stage model change":
        return Message("store.reason.stage_model")
    if reason == "restore":
        return Message("store.reason.restore")
    return reason


def backup_dir(path: str | os.PathLike) -> Path:
    """The folder of *path*'s snapshots: ``<workspace>.backups`` beside it."""
    return Path(str(path) + ".backups")


def max_bytes() -> int:
    """``$CJM_BACKUP_MAX_MB`` (default 500) in bytes: no snapshot is kept of a larger workspace."""
    try:
        return int(float(os.environ.get("CJM_BACKUP_MAX_MB", "500")) * (1 << 20))
    except ValueError:
        return 500 << 20


def keep() -> int:
    try:
        return max(1, int(os.environ.get("CJM_BACKUP_KEEP", str(KEEP))))
    except ValueError:
        return KEEP


def _size(path: Path) -> int:
    wal = Path(str(path) + ".wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def list_snapshots(path: str | os.PathLike) -> list[Snapshot]:
    """The snapshots of the workspace at *path*, newest first."""
    folder = backup_dir(path)
    out = []
    for manifest in folder.glob("*.json") if folder.is_dir() else []:
        try:
            meta = json.loads(manifest.read_text(encoding="utf-8"))
            file = folder / f"{manifest.stem}.duckdb"
            out.append(Snapshot(manifest.stem, dt.datetime.fromisoformat(meta["time"]), str(meta["reason"]),
                                _size(file), file))
        except (OSError, ValueError, KeyError):
            continue
    return sorted(out, key=lambda s: (s.time, s.id), reverse=True)


def _new_id(folder: Path) -> str:
    base = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    n, sid = 1, base
    while (folder / f"{sid}.json").exists() or (folder / f"{sid}.duckdb").exists():
        n += 1
        sid = f"{base}-{n}"
    return sid


def _remove(folder: Path, sid: str) -> None:
    for suffix in (".json", ".duckdb", ".duckdb.wal", ".duckdb.part", ".duckdb.wal.part"):
        with contextlib.suppress(OSError):
            (folder / f"{sid}{suffix}").unlink()


def _copy_files(src: Path, folder: Path, reason: str) -> Outcome:
    """Copy *src* (and its WAL) into *folder* as a new snapshot, check it, write its manifest, prune."""
    size = _size(src)
    if size > max_bytes():
        return Outcome(None, Message("store.backup.too_large", reason=reason_message(reason), mb=round(size / 2**20),
                                     limit=round(max_bytes() / 2**20)))
    folder.mkdir(exist_ok=True)
    for stale in folder.glob("*.part"):  # a copy cut short (the process was killed): never listed, now removed
        with contextlib.suppress(OSError):
            stale.unlink()
    if shutil.disk_usage(folder).free < size + (32 << 20):
        return Outcome(None, Message("store.backup.no_room", reason=reason_message(reason), mb=round(size / 2**20)))
    sid = _new_id(folder)
    dest = folder / f"{sid}.duckdb"
    try:
        shutil.copyfile(src, folder / f"{sid}.duckdb.part")
        wal = Path(str(src) + ".wal")
        if wal.exists() and wal.stat().st_size:
            shutil.copyfile(wal, folder / f"{sid}.duckdb.wal.part")
            os.replace(folder / f"{sid}.duckdb.wal.part", folder / f"{sid}.duckdb.wal")
        os.replace(folder / f"{sid}.duckdb.part", dest)
    except OSError as exc:
        _remove(folder, sid)
        return Outcome(None, Message("store.backup.failed", reason=reason_message(reason), detail=exc.strerror or str(exc)))
    return _finish(folder, sid, dest, reason)


def _finish(folder: Path, sid: str, dest: Path, reason: str) -> Outcome:
    if not _good(dest):
        _remove(folder, sid)
        return Outcome(None, Message("store.backup.bad_copy", reason=reason_message(reason)))
    try:
        (folder / f"{sid}.json").write_text(json.dumps({"time": dt.datetime.now().isoformat(timespec="microseconds"),
                                                        "reason": reason}), encoding="utf-8")
    except OSError as exc:
        _remove(folder, sid)
        return Outcome(None, Message("store.backup.failed", reason=reason_message(reason), detail=exc.strerror or str(exc)))
    for old in list_snapshots(folder.with_suffix(""))[keep():]:
        _remove(folder, old.id)
    return Outcome(sid, None)


def _good(file: Path) -> bool:
    """Whether the snapshot *file* opens (read-only, its WAL replayed in memory) and its small tables read whole."""
    try:
        con = duckdb.connect(str(file), read_only=True,
                             config={"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"})
    except duckdb.Error:
        return False
    try:
        check_readable(con)
        return True
    except duckdb.Error:
        return False
    finally:
        with contextlib.suppress(duckdb.Error):
            con.close()


def snapshot(ws: Workspace, reason: str) -> Outcome:
    """Keep a copy of *ws* as it is now (see the module text); never raises for a full or read-only disk, the
    :class:`Outcome` says why no copy was kept. An empty new workspace is not copied."""
    if ws.path == ":memory:":
        return Outcome(None, None)
    try:
        if ws.data_version() == 0 and ws.notes_version() == 0:
            return Outcome(None, None)
        with ws.commit_lock:
            return _copy_files(Path(ws.path), backup_dir(ws.path), reason)
    except (OSError, duckdb.Error) as exc:
        return Outcome(None, Message("store.backup.failed", reason=reason_message(reason), detail=str(exc).splitlines()[0]))


def latest_good(path: str | os.PathLike) -> Snapshot | None:
    """The newest snapshot of *path* that opens and reads whole."""
    return next((s for s in list_snapshots(path) if _good(s.path)), None)


@dataclass(frozen=True)
class Restored:
    restored: Snapshot
    kept: Outcome  # the snapshot of the state before the restore


def restore(path: str | os.PathLike, snapshot_id: str) -> Restored:
    """Put snapshot *snapshot_id* in place of the workspace at *path*, after keeping a snapshot of the current
    state (reason "restore"). A workspace open in this process is closed first and opened again after; one open
    in another process is refused (:class:`~cjm.errors.WorkspaceBusyError`). The data version after the restore
    is newer than any before, so no result cached for the replaced state is shown again."""
    key = str(Path(path).expanduser().resolve())
    chosen = next((s for s in list_snapshots(key) if s.id == snapshot_id), None)
    if chosen is None:
        ids = [s.id for s in list_snapshots(key)]
        if not ids:
            raise CJMError("store.no_backups", id=snapshot_id, workspace=key)
        raise CJMError("store.no_such_backup", id=snapshot_id, workspace=key, ids=ids)
    folder = backup_dir(key)
    staged = Path(key + ".restoring")
    try:
        shutil.copyfile(chosen.path, staged)
        if Path(str(chosen.path) + ".wal").exists():
            shutil.copyfile(str(chosen.path) + ".wal", str(staged) + ".wal")
    except OSError as exc:
        _cleanup(staged)
        raise storage_error(exc, key) or StorageError("store.io", kind="io", detail=str(exc)) from None
    versions = [0, 0]
    with _LOCK:  # no other session of this process opens the file again until the snapshot is in place
        ws = _OPEN.pop(key, None)
        if ws is not None:
            with contextlib.suppress(duckdb.Error, CJMError):
                versions = [ws.data_version(), ws.notes_version()]
            ws.broken = True  # whoever still holds it opens the file again
            with ws.commit_lock, contextlib.suppress(duckdb.Error):
                ws.con.close()
        else:
            try:  # no other process may have it open; a damaged file may not open at all, which is fine here
                probe = connect(key)
            except WorkspaceBusyError:
                _cleanup(staged)
                raise
            except CJMError:
                probe = None
            if probe is not None:
                with contextlib.suppress(duckdb.Error):
                    versions = [int(v or 0) for v in probe.execute(
                        "SELECT max(value) FILTER (key = 'data_version'), max(value) FILTER (key = 'notes_version') "
                        "FROM meta").fetchall()[0]]
                with contextlib.suppress(duckdb.Error):
                    probe.close()
        try:
            kept = _copy_files(Path(key), folder, "restore") if Path(key).exists() else Outcome(None, None)
        except OSError as exc:
            kept = Outcome(None, Message("store.backup.failed", reason="restore", detail=exc.strerror or str(exc)))
        try:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(key + ".wal")
            if Path(str(staged) + ".wal").exists():
                os.replace(str(staged) + ".wal", key + ".wal")
            os.replace(staged, key)
        except OSError as exc:
            _cleanup(staged)
            raise storage_error(exc, key) or StorageError("store.io", kind="io", detail=str(exc)) from None
    ws = open_workspace(key)
    with ws._write(lambda cur: None) as cur:
        for name, old in zip(("data_version", "notes_version"), versions):
            cur.execute("INSERT OR IGNORE INTO meta VALUES (?, '0')", [name])
            cur.execute("UPDATE meta SET value = CAST(greatest(CAST(value AS BIGINT), ?) + 1 AS VARCHAR) "
                        "WHERE key = ?", [old, name])
    ws.checkpoint()
    return Restored(chosen, kept)


def _cleanup(staged: Path) -> None:
    for p in (staged, Path(str(staged) + ".wal")):
        with contextlib.suppress(OSError):
            p.unlink()
