"""Backups: a snapshot before each import, replace and stage-model change (last 5, size cap), the ``backups`` command,
restore (after keeping the current state), the Restore button in Settings, a damaged workspace offered its latest
good snapshot."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import cjm.cli.main as cli
from cjm.core.stage_model import preset
from cjm.errors import CJMError, DamagedWorkspaceError
from cjm.ingest import import_file
from cjm.store import close_workspace, open_workspace
from cjm.store.backups import backup_dir, list_snapshots, restore

pytestmark = pytest.mark.slow  # snapshots of workspace files, restores, the app's restore buttons

ROOT = Path(__file__).resolve().parents[2]


def _csv(n: int, tag: str) -> bytes:
    stages = ["Awareness", "Consideration", "Purchase", "Retention", "Advocacy"]
    lines = ["Customer ID,Stage,Date"] + [f"{tag}{i // 5},{stages[i % 5]},2026-01-{1 + i % 28:02d}" for i in range(n)]
    return ("\n".join(lines) + "\n").encode()


def _events(ws) -> int:
    return ws.cursor().execute("SELECT count(*) FROM events").fetchall()[0][0]


@pytest.fixture
def path(tmp_path):
    p = tmp_path / "w.duckdb"
    yield p
    for ws in [open_workspace(p)] if p.exists() else []:
        close_workspace(ws)


def test_snapshot_before_each_import_replace_and_stage_model_change(path):
    ws = open_workspace(path)
    import_file(ws, _csv(50, "a"), file_name="a.csv", model=preset("five-stage"))
    assert list_snapshots(path) == []  # nothing to keep of a new empty workspace
    import_file(ws, _csv(20, "b"), file_name="b.csv")
    import_file(ws, _csv(20, "b"), file_name="b.csv", replace=True)
    ws.set_stage_model(preset("coleman-8"))
    reasons = [s.reason for s in list_snapshots(path)]
    assert reasons == ["stage model change", 'replace of "b.csv"', 'import of "b.csv"']
    assert all(s.size > 0 and s.path.parent == backup_dir(path) for s in list_snapshots(path))


def test_snapshot_holds_the_state_before_the_write(path):
    ws = open_workspace(path)
    import_file(ws, _csv(50, "a"), file_name="a.csv", model=preset("five-stage"))
    import_file(ws, _csv(20, "b"), file_name="b.csv")
    assert _events(ws) == 70
    (snap,) = list_snapshots(path)
    close_workspace(ws)
    import duckdb

    con = duckdb.connect(str(snap.path), read_only=True)
    assert con.execute("SELECT count(*) FROM events").fetchall() == [(50,)]
    con.close()


def test_only_the_last_five_are_kept(path, monkeypatch):
    ws = open_workspace(path)
    import_file(ws, _csv(10, "a"), file_name="a.csv", model=preset("five-stage"))
    for name in ["five-stage", "coleman-8", "five-stage", "coleman-8", "five-stage", "coleman-8", "five-stage"]:
        ws.set_stage_model(preset(name))
    snaps = list_snapshots(path)
    assert len(snaps) == 5
    assert len(list(backup_dir(path).glob("*.duckdb"))) == 5
    monkeypatch.setenv("CJM_BACKUP_KEEP", "2")
    ws.set_stage_model(preset("coleman-8"))
    assert len(list_snapshots(path)) == 2


def test_a_workspace_over_the_size_cap_is_not_copied_and_the_import_says_so(path, monkeypatch):
    ws = open_workspace(path)
    import_file(ws, _csv(10, "a"), file_name="a.csv", model=preset("five-stage"))
    monkeypatch.setenv("CJM_BACKUP_MAX_MB", "0.001")
    rep = import_file(ws, _csv(10, "b"), file_name="b.csv")
    assert rep.rows_loaded == 10
    assert any("No backup was kept before this import" in w and "CJM_BACKUP_MAX_MB" in w for w in rep.warnings)
    assert list_snapshots(path) == []


def test_restore_brings_back_the_data_and_keeps_the_current_state(path):
    ws = open_workspace(path)
    import_file(ws, _csv(50, "a"), file_name="a.csv", model=preset("five-stage"))
    import_file(ws, _csv(20, "b"), file_name="b.csv")
    before = ws.data_version()
    (snap,) = list_snapshots(path)
    done = restore(path, snap.id)
    assert done.restored.id == snap.id and done.kept.id is not None
    ws2 = open_workspace(path)
    assert ws2 is not ws and ws.broken  # the old connection is closed; the app opens the file again
    assert _events(ws2) == 50
    assert ws2.data_version() > before  # no analysis cached for the replaced data is shown again
    assert [s.reason for s in list_snapshots(path)][0] == "restore"
    # and back again: the state before the restore was kept
    restore(path, done.kept.id)
    assert _events(open_workspace(path)) == 70


def test_restore_of_an_unknown_id_is_a_plain_error(path):
    open_workspace(path)
    with pytest.raises(CJMError, match="no backup"):
        restore(path, "nope")


def test_cli_lists_and_restores(path, capsys):
    ws = open_workspace(path)
    import_file(ws, _csv(50, "a"), file_name="a.csv", model=preset("five-stage"))
    import_file(ws, _csv(20, "b"), file_name="b.csv")
    assert cli.main(["backups", "--workspace", str(path)]) == 0
    out = capsys.readouterr().out
    (snap,) = list_snapshots(path)
    assert snap.id in out and 'import of "b.csv"' in out and "MB" in out
    assert cli.main(["backups", "--restore", snap.id, "--workspace", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"restored backup {snap.id}" in out and "kept as backup" in out
    assert _events(open_workspace(path)) == 50
    assert cli.main(["backups", "--restore", "nope", "--workspace", str(path)]) == 2
    assert capsys.readouterr().err.startswith("error: There is no backup")


def _damage(path: Path) -> None:
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.seek(size // 3)
        f.write(os.urandom(size // 3))


def test_a_damaged_workspace_is_found_when_opened_and_offers_the_latest_good_backup(path, capsys):
    ws = open_workspace(path)
    import_file(ws, _csv(2000, "a"), file_name="a.csv", model=preset("five-stage"))
    import_file(ws, _csv(2000, "b"), file_name="b.csv")
    (snap,) = list_snapshots(path)
    close_workspace(ws)
    _damage(path)
    with pytest.raises(DamagedWorkspaceError) as info:
        open_workspace(path)
    assert info.value.backup == snap.id
    assert f"backups --restore {snap.id}" in str(info.value) and "Restore button" in str(info.value)
    for args in (["info"], ["report"], ["stages"], ["import", __file__]):
        assert cli.main([*args, "--workspace", str(path)]) == 2, args
        err = capsys.readouterr().err
        assert err.startswith("error: The workspace") and "is damaged" in err and err.count("\n") == 1, err
    assert list_snapshots(path)[0].id == snap.id  # no snapshot was taken of the damaged file
    assert cli.main(["backups", "--restore", snap.id, "--workspace", str(path)]) == 0
    assert "No backup was kept before this restore" in capsys.readouterr().out  # the damaged state reads badly
    assert _events(open_workspace(path)) == 2000


def test_settings_page_lists_and_restores_after_confirmation(path):
    from streamlit import config
    from streamlit.testing.v1 import AppTest

    ws = open_workspace(path)
    import_file(ws, _csv(50, "a"), file_name="a.csv", model=preset("five-stage"))
    import_file(ws, _csv(20, "b"), file_name="b.csv")
    (snap,) = list_snapshots(path)
    config.set_option("client.showErrorDetails", "full")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["workspace_path"] = str(path)
    at.run()
    at.switch_page("app_pages/settings_page.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(s.value == "Backups" for s in at.subheader)
    assert at.button(key="backup_restore").disabled  # not before the confirmation
    at.checkbox(key="backup_confirm").check().run()
    at.button(key="backup_restore").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert _events(open_workspace(path)) == 50
    assert any(f"Backup {snap.id} restored" in s.value.replace(chr(92), "") for s in at.success)


def test_a_damaged_workspace_in_the_app_is_a_message_with_a_restore_button(path):
    from streamlit import config
    from streamlit.testing.v1 import AppTest

    ws = open_workspace(path)
    import_file(ws, _csv(2000, "a"), file_name="a.csv", model=preset("five-stage"))
    import_file(ws, _csv(2000, "b"), file_name="b.csv")
    (snap,) = list_snapshots(path)
    close_workspace(ws)
    _damage(path)
    config.set_option("client.showErrorDetails", "full")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["workspace_path"] = str(path)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("is damaged" in e.value for e in at.error)
    restore_buttons = [b for b in at.button if b.label == f"Restore backup {snap.id}"]
    assert restore_buttons and restore_buttons[0].disabled
    at.checkbox[0].check().run()
    [b for b in at.button if b.label == f"Restore backup {snap.id}"][0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert _events(open_workspace(path)) == 2000
