"""Storage notes and errors in Turkish and Romanian: why no backup was kept, why one was, a full disk."""

from __future__ import annotations

import duckdb
import pytest

from cjm.core.stage_model import preset
from cjm.errors import Message
from cjm.ingest import import_file
from cjm.store import close_workspace, open_workspace, storage_error
from cjm.store.backups import list_snapshots, reason_message


def _csv(n: int, tag: str) -> bytes:
    lines = ["Customer ID,Stage,Date"] + [f"{tag}{i},Awareness,2026-01-{1 + i % 28:02d}" for i in range(n)]
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def path(tmp_path):
    p = tmp_path / "w.duckdb"
    yield p
    for ws in [open_workspace(p)] if p.exists() else []:
        close_workspace(ws)


def test_no_backup_note_in_the_language(path, monkeypatch):
    ws = open_workspace(path)
    import_file(ws, _csv(10, "a"), file_name="a.csv", model=preset("five-stage"))
    monkeypatch.setenv("CJM_BACKUP_MAX_MB", "0.001")
    rep = import_file(ws, _csv(10, "b"), file_name="b.csv")
    note = next(w for w in rep.warnings if isinstance(w, Message) and w.key == "store.backup.too_large")
    assert str(note).startswith('No backup was kept before this import of "b.csv": the workspace (')
    assert note.message("tr").startswith("Bu işlemden (“b.csv” dosyasının içe aktarılması) önce yedek alınmadı")
    assert note.message("ro").startswith("Nu s-a păstrat nicio copie de siguranță înainte de această operație "
                                         "(importul „b.csv”)")


def test_backup_reasons_in_the_language(path):
    ws = open_workspace(path)
    import_file(ws, _csv(5, "a"), file_name="a.csv", model=preset("five-stage"))
    import_file(ws, _csv(5, "b"), file_name="anket.csv")
    ws.set_stage_model(preset("coleman-8"))
    reasons = [s.reason for s in list_snapshots(path)]
    assert [str(reason_message(r)) for r in reasons] == reasons  # English: as stored
    assert [reason_message(r).message("tr") for r in reasons if isinstance(reason_message(r), Message)][:2] == [
        "aşama modeli değişikliği", "“anket.csv” dosyasının içe aktarılması"]
    assert reason_message("something else") == "something else"


def test_full_disk_in_the_language():
    err = storage_error(duckdb.IOException('Could not write file "w.duckdb": No space left on device'), "w.duckdb",
                        committed=True)
    assert err is not None and err.kind == "full" and err.committed
    assert str(err) == ('The disk that holds the workspace "w.duckdb" is full. The change was saved before this '
                        "happened. Free some space on it and try again.")
    assert err.message("tr") == ("“w.duckdb” çalışma alanının bulunduğu disk dolu. Değişiklik bu sorundan önce "
                                 "kaydedilmişti. Diskte biraz yer açıp yeniden deneyin.")
    assert err.message("ro").startswith("Discul pe care se află spațiul de lucru „w.duckdb” este plin. Modificarea "
                                        "fusese salvată")
