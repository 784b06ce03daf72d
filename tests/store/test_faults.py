"""Storage faults: a full disk, a read-only file, an unwritable folder, a read-only file system, a file locked by
another process, kill -9 during an import. Each is one clear line (CLI exit 2, a plain message in the app), never a
traceback; what is reported is what happened; the app recovers without a restart once the cause is gone.

Disks are made full on a small tmpfs and read-only by ``mount -o remount,ro`` (root only: skipped with the reason
otherwise); files and folders are made read-only by ``chattr +i`` as root (root passes over permission bits) and by
``chmod`` otherwise. A damaged (corrupted) workspace is in ``test_backups.py``.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

import cjm.cli.main as cli
from cjm.core.stage_model import preset
from cjm.errors import StorageError, WorkspaceBusyError
from cjm.ingest import import_file
from cjm.store import close_workspace, open_workspace

pytestmark = pytest.mark.slow  # the fault suite: full disks, killed processes, damaged files, the app recovering

ROOT = Path(__file__).resolve().parents[2]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _csv(n: int, tag: str) -> bytes:
    stages = ["Awareness", "Consideration", "Purchase", "Retention", "Advocacy"]
    lines = ["Customer ID,Stage,Date,Comment"] + [
        f"{tag}{i // 5},{stages[i % 5]},2026-01-{1 + i % 28:02d},{tag}-{i}-{'x' * (i % 40)}" for i in range(n)]
    return ("\n".join(lines) + "\n").encode()


def _counts(ws) -> tuple[int, int]:
    cur = ws.cursor()
    try:
        return cur.execute("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM imports)").fetchall()[0]
    finally:
        cur.close()


def _one_line(err: str) -> None:
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err, err


def _run(cmd: list[str]) -> bool:
    return subprocess.run(cmd, capture_output=True).returncode == 0


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB tmpfs (root only), unmounted after the test; ``resize(mb)`` frees room, ``read_only()`` remounts."""
    if not IS_ROOT:
        pytest.skip("a full disk needs a small tmpfs, which only root may mount")
    mnt = tmp_path / "disk"
    mnt.mkdir()
    if not _run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mnt)]):
        pytest.skip("mount -t tmpfs is not permitted here (a container without CAP_SYS_ADMIN)")

    class Disk:
        path = mnt

        @staticmethod
        def resize(mb: int) -> None:
            assert _run(["mount", "-o", f"remount,size={mb}m", str(mnt)])

        @staticmethod
        def read_only(on: bool = True) -> None:
            assert _run(["mount", "-o", "remount," + ("ro" if on else "rw"), str(mnt)])

    yield Disk
    from cjm.store.workspace import _OPEN

    for key in [k for k in _OPEN if k.startswith(str(mnt))]:
        close_workspace(_OPEN[key])
    _run(["umount", "-l", str(mnt)])


@contextlib.contextmanager
def read_only(path: Path):
    """*path* (a file or a folder) made unwritable: ``chattr +i`` as root, ``chmod`` otherwise."""
    if IS_ROOT:
        if not _run(["chattr", "+i", str(path)]):
            pytest.skip("chattr +i is not supported on this file system, and root passes over chmod")
        try:
            yield
        finally:
            _run(["chattr", "-i", str(path)])
    else:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)


# -- a full disk -------------------------------------------------------------------------------------------------
def test_full_disk_is_one_line_nothing_changed_and_recovers_once_there_is_room(small_disk, capsys):
    path = small_disk.path / "w.duckdb"
    ws = open_workspace(path)
    import_file(ws, _csv(1000, "a"), file_name="a.csv", model=preset("five-stage"))
    big = _csv(120_000, "b")
    with pytest.raises(StorageError) as info:
        import_file(ws, big, file_name="big.csv")
    assert info.value.kind == "full" and not info.value.committed
    assert "is full" in str(info.value) and "Nothing was changed" in str(info.value)
    assert _counts(open_workspace(path)) == (1000, 1)  # earlier data intact, no partial import
    (small_disk.path.parent / "big.csv").write_bytes(big)
    assert cli.main(["import", str(small_disk.path.parent / "big.csv"), "--workspace", str(path)]) == 2
    err = capsys.readouterr().err
    _one_line(err)
    assert "is full" in err
    small_disk.resize(64)  # the cause is gone: the same process imports without a restart
    rep = import_file(open_workspace(path), big, file_name="big.csv")
    assert rep.rows_loaded == 120_000
    assert _counts(open_workspace(path)) == (121_000, 2)


def test_a_connection_duckdb_invalidated_is_dropped_and_opened_again(small_disk):
    path = small_disk.path / "w.duckdb"
    ws = open_workspace(path)
    import_file(ws, _csv(1000, "a"), file_name="a.csv", model=preset("five-stage"))
    with ws.note_write() as cur:  # a committed change in the WAL
        cur.execute("INSERT INTO lanes VALUES ('s1', 'goals', 'kept', now(), 1)")
    filler = small_disk.path / "filler"
    filler.write_bytes(b"\0" * (shutil.disk_usage(small_disk.path).free - 4096))
    with contextlib.suppress(duckdb.Error):  # a CHECKPOINT on a full disk: DuckDB invalidates the database
        ws.con.cursor().execute("CHECKPOINT")
    assert not ws.alive() and ws.broken
    with pytest.raises(StorageError) as info, ws.note_write() as cur:
        cur.execute("SELECT 1")
    assert info.value.kind == "broken" and "stopped after an earlier disk error" in str(info.value)
    filler.unlink()
    again = open_workspace(path)  # dropped and opened again: the committed WAL is replayed
    assert again is not ws and again.alive()
    assert again.cursor().execute("SELECT text FROM lanes").fetchall() == [("kept",)]
    assert _counts(again) == (1000, 1)


def test_the_app_recovers_from_an_invalidated_connection_without_a_restart(small_disk):
    from streamlit import config
    from streamlit.testing.v1 import AppTest

    path = small_disk.path / "w.duckdb"
    ws = open_workspace(path)
    import_file(ws, _csv(1000, "a"), file_name="a.csv", model=preset("five-stage"))
    config.set_option("client.showErrorDetails", "full")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["workspace_path"] = str(path)
    at.run()
    at.switch_page("app_pages/funnel_page.py")
    at.run()
    assert not at.exception and not at.error
    filler = small_disk.path / "filler"
    filler.write_bytes(b"\0" * (shutil.disk_usage(small_disk.path).free - 4096))
    with ws.note_write() as cur:
        cur.execute("INSERT INTO lanes VALUES ('s1', 'goals', 'x', now(), 1)")
    with contextlib.suppress(duckdb.Error):  # as Workspace.checkpoint() would meet it, and notice
        ws.con.cursor().execute("CHECKPOINT")
    assert not ws.alive()
    filler.unlink()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    at.run()  # at the latest on the next run the page works again, on a connection opened again
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("room", [60_000, 150_000, 400_000, 1_000_000])
def test_what_is_reported_on_a_full_disk_is_what_happened(small_disk, room):
    """Every commit checkpoints (a tiny checkpoint threshold) on a disk with *room* bytes left: whatever DuckDB
    does, an import reported as saved is in the workspace when it is opened again, and one reported as failed is
    not."""
    path = small_disk.path / "w.duckdb"
    ws = open_workspace(path)
    import_file(ws, _csv(1000, "a"), file_name="a.csv", model=preset("five-stage"))
    ws.con.execute("SET checkpoint_threshold = '1KB'")
    filler = small_disk.path / "filler"
    filler.write_bytes(b"\0" * max(0, shutil.disk_usage(small_disk.path).free - room))
    try:
        rep = import_file(ws, _csv(500, "b"), file_name="b.csv")
        saved, committed = True, rep.import_id == 2
    except StorageError as exc:
        saved, committed = False, exc.committed
        assert exc.kind in ("full", "broken"), exc
    filler.unlink()
    events, imports = _counts(open_workspace(path))
    assert (events, imports) == ((1500, 2) if saved or committed else (1000, 1))
    assert committed == saved


class _CommitThenFatal:
    """A cursor whose COMMIT succeeds and then raises what DuckDB raises when the automatic checkpoint after it fails."""

    def __init__(self, cur):
        self._cur = cur

    def execute(self, sql, *args):
        if sql == "COMMIT":
            self._cur.execute(sql)
            raise duckdb.FatalException("FATAL Error: Transaction COMMIT succeeded and is durable, but the "
                                        "autocheckpoint failed. Reopen the database instance to recover. Failed to "
                                        'create checkpoint because of error: Could not write file "w.duckdb": No '
                                        "space left on device")
        return self._cur.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._cur, name)


def test_a_commit_that_succeeded_before_the_autocheckpoint_failed_is_reported_as_saved(tmp_path):
    path = tmp_path / "w.duckdb"
    ws = open_workspace(path)
    import_file(ws, _csv(100, "a"), file_name="a.csv", model=preset("five-stage"))
    real = ws.cursor
    ws.cursor = lambda: _CommitThenFatal(real())  # type: ignore[method-assign]
    rep = import_file(ws, _csv(50, "b"), file_name="b.csv")
    assert rep.import_id == 2 and rep.rows_loaded == 50
    assert any(w.startswith("The import was saved") and "is full" in w for w in rep.warnings), rep.warnings
    assert ws.broken and ws.last_fault is not None and ws.last_fault.committed
    again = open_workspace(path)  # the connection is opened again
    assert again is not ws and _counts(again) == (150, 2)
    close_workspace(again)


def test_an_import_committed_before_a_fault_is_reported_as_saved(tmp_path, monkeypatch):
    """The disk filled up after the COMMIT (in the steps that bring the journey order and stage summary up to
    date): the import is saved and the report says so, it is not reported as failed."""
    import cjm.store.kept as kept

    ws = open_workspace(tmp_path / "w.duckdb")
    import_file(ws, _csv(100, "a"), file_name="a.csv", model=preset("five-stage"))

    def full(cur):
        raise duckdb.IOException('Could not write file "w.duckdb": No space left on device')

    monkeypatch.setattr(kept, "kept_customer_reach", full)
    rep = import_file(ws, _csv(50, "b"), file_name="b.csv")
    assert rep.import_id == 2 and rep.rows_loaded == 50
    assert any(w.startswith("The import was saved") and "is full" in w for w in rep.warnings), rep.warnings
    assert _counts(ws) == (150, 2)
    close_workspace(ws)


# -- read-only, unwritable, locked -------------------------------------------------------------------------------
def test_unwritable_folder_names_the_cause_not_a_rollback(tmp_path, capsys):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "w.duckdb"
    ws = open_workspace(path)
    import_file(ws, _csv(100, "a"), file_name="a.csv", model=preset("five-stage"))
    close_workspace(ws)
    shutil.rmtree(folder / "w.duckdb.backups", ignore_errors=True)
    csv = tmp_path / "b.csv"
    csv.write_bytes(_csv(100, "b"))
    with read_only(folder):
        ws = open_workspace(path)
        with pytest.raises(StorageError) as info:
            import_file(ws, csv)
        assert info.value.kind == "read_only" and "cannot be written" in str(info.value)
        assert "rollback" not in str(info.value).lower()
        close_workspace(ws)
        assert cli.main(["import", str(csv), "--workspace", str(path)]) == 2
        err = capsys.readouterr().err
        _one_line(err)
        assert "cannot be written" in err
    ws = open_workspace(path)  # the cause is gone
    assert import_file(ws, csv).rows_loaded == 100
    close_workspace(ws)


def test_read_only_file_is_one_line(tmp_path, capsys):
    path = tmp_path / "w.duckdb"
    ws = open_workspace(path)
    import_file(ws, _csv(100, "a"), file_name="a.csv", model=preset("five-stage"))
    close_workspace(ws)
    with read_only(path):
        with pytest.raises(StorageError) as info:
            open_workspace(path)
        assert info.value.kind == "read_only"
        for args in (["info"], ["report"], ["backups", "--restore", "x"]):
            assert cli.main([*args, "--workspace", str(path)]) == 2, args
            _one_line(capsys.readouterr().err)
    assert _counts(open_workspace(path)) == (100, 1)


def test_read_only_file_system_is_one_line(small_disk, capsys):
    path = small_disk.path / "w.duckdb"
    ws = open_workspace(path)
    import_file(ws, _csv(100, "a"), file_name="a.csv", model=preset("five-stage"))
    close_workspace(ws)
    small_disk.read_only()
    try:
        with pytest.raises(StorageError) as info:
            open_workspace(path)
        assert info.value.kind == "read_only"
        assert cli.main(["info", "--workspace", str(path)]) == 2
        _one_line(capsys.readouterr().err)
    finally:
        small_disk.read_only(False)
    assert _counts(open_workspace(path)) == (100, 1)


@pytest.mark.slow  # a subprocess
def test_workspace_locked_by_another_process_is_one_line(tmp_path, capsys):
    path = tmp_path / "w.duckdb"
    close_workspace(open_workspace(path))
    code = "import sys, time\nfrom cjm.store import open_workspace\nopen_workspace(sys.argv[1])\nprint('open', flush=True)\ntime.sleep(60)\n"
    holder = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True, cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(WorkspaceBusyError):
            open_workspace(path)
        for args in (["info"], ["import", __file__], ["backups", "--restore", "x"]):
            assert cli.main([*args, "--workspace", str(path)]) == 2
            err = capsys.readouterr().err
            _one_line(err)
            assert "open in another CJM Dashboard" in err or "no backup" in err
    finally:
        holder.kill()
        holder.communicate()


# -- kill -9 during an import ------------------------------------------------------------------------------------
@pytest.mark.slow  # subprocesses: 10 imports of 200,000 rows killed at random moments
def test_kill_during_import_at_ten_random_moments(tmp_path):
    sys.path.insert(0, str(ROOT))
    from bench.soak_kill import check, kill_import, make_csv, prepare, timed_import

    workspace = tmp_path / "k.duckdb"
    n_first = prepare(workspace, make_csv(tmp_path / "first.csv", 1000, tag="f", seed=1))
    big = make_csv(tmp_path / "big.csv", 200_000, tag="b", seed=2)
    full = timed_import(workspace, big)
    rnd = random.Random(int.from_bytes(os.urandom(4), "big"))
    results = []
    for _ in range(10):
        delay = rnd.uniform(0.05, 1.1 * full)
        ended = kill_import(workspace, big, delay)
        c = check(workspace)
        results.append((round(delay, 2), ended, c))
        assert "error" not in c, results  # the workspace opens
        assert c["events_first"] == n_first, results  # earlier data intact
        assert c["partial"] == 0 and c["orphans"] == 0 and c["rejected_orphans"] == 0, results  # no partial import
        assert c["events"] == n_first + 200_000 and c["imports"] == 2, results
    assert sum(not ended for _, ended, _ in results) >= 5, results  # most were killed mid-import
