"""Imports survive the user (issue 14): an import runs in a thread of the server, not in the page's script run, so
leaving the page or closing the tab never discards it; it completes, or it is cancelled knowingly and rolled back.

The imports here are held at their "loading" step by a gate the test opens, so "mid-import" is a fact, not a race.
"""

from __future__ import annotations

import threading

import pytest
from streamlit.testing.v1 import AppTest

import ui.imports as bg
from cjm.errors import InputError
from cjm.store import close_workspace, open_workspace
from tests.ui.apptest import open_app

pytestmark = pytest.mark.slow  # imports in background threads driven through the app

CSV = b"Customer ID,Stage,Date\n001,Awareness,2026-01-02\n001,Research,2026-01-05\n002,Awareness,2026-01-03\n"


@pytest.fixture(autouse=True)
def no_bug_in_the_thread():
    """An exception other than a CJMError in an import thread is a bug: every test here fails on one."""
    bg.UNEXPECTED.clear()
    yield
    assert not bg.UNEXPECTED, [repr(e) for e in bg.UNEXPECTED]


@pytest.fixture
def gate(monkeypatch):
    """Imports started through :mod:`ui.imports` stop at their "loading" step until ``gate.set()`` (but for a
    file whose name starts with "free")."""
    real = bg.import_file
    opened = threading.Event()
    reached = threading.Event()

    def gated(ws, data, *, progress, **kwargs):
        def hold(fraction, message):
            progress(fraction, message)
            if message == "loading" and not kwargs["file_name"].startswith("free"):
                reached.set()
                assert opened.wait(60), "the test never opened the gate"
        return real(ws, data, progress=hold, **kwargs)

    monkeypatch.setattr(bg, "import_file", gated)
    opened.reached = reached  # type: ignore[attr-defined]
    yield opened
    opened.set()  # never leave a thread waiting


@pytest.fixture
def ws(tmp_path):
    w = open_workspace(tmp_path / "bg.duckdb")
    yield w
    j = bg.job(w)
    if j is not None:
        j.wait(60)
        bg.dismiss(w)
    close_workspace(w)


def _counts(ws) -> tuple[int, int]:
    cur = ws.cursor()
    try:
        return (cur.execute("SELECT count(*) FROM events").fetchall()[0][0],
                cur.execute("SELECT count(*) FROM imports").fetchall()[0][0])
    finally:
        cur.close()


# -- the registry --------------------------------------------------------------------------------------------------
def test_import_runs_in_the_background_and_keeps_its_report(ws):
    job = bg.start(ws, CSV, file_name="a.csv")
    assert bg.job(ws.path) is job
    assert job.wait(60).status == bg.DONE
    assert (job.report.rows_loaded, job.fraction, job.error) == (3, 1.0, None)
    assert _counts(ws) == (3, 1)


def test_second_import_into_the_same_workspace_is_refused(ws, gate, tmp_path):
    job = bg.start(ws, CSV, file_name="first.csv")
    assert gate.reached.wait(60)
    tmp = tmp_path / "upload.csv"
    tmp.write_bytes(CSV)
    with pytest.raises(bg.ImportRunningError, match='An import of "first.csv" into this workspace is running'):
        bg.start(ws, tmp, file_name="second.csv", remove_after=True)
    assert not tmp.exists()  # the refused upload's temporary file is not left behind
    other = open_workspace(tmp_path / "other.duckdb")  # another workspace is not held up
    assert bg.start(other, CSV, file_name="free.csv").wait(60).status == bg.DONE
    gate.set()
    assert job.wait(60).status == bg.DONE and _counts(ws) == (3, 1)
    bg.dismiss(other)
    close_workspace(other)


def test_cancel_rolls_the_import_back(ws, gate):
    job = bg.start(ws, CSV, file_name="a.csv")
    assert gate.reached.wait(60)
    assert bg.cancel(ws) is True
    assert job.status == bg.CANCELLING
    gate.set()
    assert job.wait(60).status == bg.CANCELLED
    assert job.report is None and _counts(ws) == (0, 0)  # nothing of it stays
    assert bg.cancel(ws) is False  # nothing left to cancel


def test_cancel_is_refused_once_the_import_is_saving(ws, monkeypatch):
    real = bg.import_file
    saving, go_on = threading.Event(), threading.Event()

    def held_after_saving(w, data, *, progress, **kwargs):
        def hold(fraction, message):
            progress(fraction, message)
            if message == "saving":
                saving.set()
                assert go_on.wait(60)
        return real(w, data, progress=hold, **kwargs)

    monkeypatch.setattr(bg, "import_file", held_after_saving)
    job = bg.start(ws, CSV, file_name="a.csv")
    assert saving.wait(60)
    assert bg.cancel(ws) is False and job.status == bg.RUNNING
    go_on.set()
    assert job.wait(60).status == bg.DONE and _counts(ws) == (3, 1)


def test_a_users_error_is_kept_as_its_plain_message(ws):
    job = bg.start(ws, b"", file_name="empty.csv").wait(60)
    assert job.status == bg.FAILED and not job.unexpected
    assert job.error.startswith('The file "empty.csv" is empty.')


def test_a_bug_in_the_thread_is_logged_and_kept_for_the_tests(ws, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(bg, "import_file", broken)
    job = bg.start(ws, CSV, file_name="a.csv").wait(60)
    assert job.status == bg.FAILED and job.unexpected and job.error is None
    assert "failed unexpectedly" in caplog.text
    assert [type(e) for e in bg.UNEXPECTED] == [ZeroDivisionError]
    bg.UNEXPECTED.clear()  # expected here; the fixture fails every other test on one


def test_import_keeps_duckdb_within_the_memory_limit_and_sets_it_back(ws, gate):
    """During an import DuckDB's buffer pool is the limit less what the process holds (so the process stays within
    CJM_MEMORY_LIMIT, see ``python -m bench import --app``); afterwards it is the workspace's limit again."""
    from cjm.ingest.load import IMPORT_POOL_MIN, size_bytes

    def limit() -> int:
        cur = ws.cursor()
        try:
            return size_bytes(cur.execute("SELECT current_setting('memory_limit')").fetchall()[0][0])
        finally:
            cur.close()

    before = limit()
    job = bg.start(ws, CSV, file_name="a.csv")
    assert gate.reached.wait(60)
    during = limit()
    gate.set()
    assert job.wait(60).status == bg.DONE
    assert IMPORT_POOL_MIN <= during < before
    assert abs(limit() - before) < 1 << 20  # DuckDB shows it to 0.1 MiB


# -- through the app -----------------------------------------------------------------------------------------------
def _app(path, page: str | None = "import_page") -> AppTest:
    return open_app(path, page)


def _captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def _start_through_page(at: AppTest, name: str = "clients.csv") -> None:
    at.selectbox(key="import_model").set_value("five-stage").run()
    at.file_uploader[0].set_value((name, CSV, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    at.button(key="import_0").click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_leaving_the_page_mid_import_keeps_the_import(ws, gate):
    at = _app(ws.path)
    _start_through_page(at)
    job = bg.job(ws)
    assert job is not None and job.running
    # the page shows the progress and a Cancel button, and says the user may leave
    assert any(r"Importing clients\.csv: " in p.proto.text for p in at.get("progress")), "no progress bar"
    assert at.button(key="import_cancel")
    at.switch_page("app_pages/journey_map.py").run()  # the user goes elsewhere
    assert not at.exception, [e.value for e in at.exception]
    assert any(c.startswith(r"Import of clients\.csv running — ") for c in _captions(at)), _captions(at)
    gate.set()
    assert job.wait(60).status == bg.DONE
    at.run()  # the next run of any page: the sidebar says it finished and links to the Import page
    assert r"Import of clients\.csv finished" in _captions(at)
    at.button(key="import_open_now").click().run()  # the sidebar's link to the Import page
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Import data"
    assert [s.value for s in at.success] == [r"clients\.csv: 3 rows loaded, 0 rejected (of 3 read)."]
    assert _counts(ws) == (3, 1)
    at.run()  # seen on the Import page: the sidebar stops pointing there
    assert not any("clients" in c for c in _captions(at) if c.startswith("Import of"))


def test_closing_the_tab_mid_import_shows_the_result_on_the_next_visit(ws, gate):
    at = _app(ws.path)
    _start_through_page(at)
    job = bg.job(ws)
    del at  # the tab is closed: its session ends, the import goes on
    gate.set()
    assert job.wait(60).status == bg.DONE
    again = _app(ws.path)  # a new session on the same workspace
    assert not again.exception
    assert [s.value for s in again.success] == [r"clients\.csv: 3 rows loaded, 0 rejected (of 3 read)."]
    again.button(key="import_dismiss").click().run()
    assert not again.success and bg.job(ws) is None


def test_cancel_button_rolls_back_and_says_so(ws, gate):
    at = _app(ws.path)
    _start_through_page(at)
    job = bg.job(ws)
    at.button(key="import_cancel").click().run()
    assert job.status == bg.CANCELLING
    gate.set()
    assert job.wait(60).status == bg.CANCELLED
    at.run()
    assert [i.value for i in at.info if "cancelled" in i.value] == [
        r"The import of clients\.csv was cancelled and rolled back: nothing of it was loaded, the workspace is as it "
        r"was before."]
    assert _counts(ws) == (0, 0)


def test_second_import_while_one_runs_is_refused_on_the_page(ws, gate):
    at = _app(ws.path)
    _start_through_page(at)
    job = bg.job(ws)
    other = _app(ws.path)  # a second tab on the same workspace
    other.file_uploader[0].set_value(("other.csv", CSV.replace(b"001", b"009"), "text/csv")).run()
    other.button(key="import_0").click().run()
    assert not other.exception
    assert [e.value for e in other.error] == [
        r"An import of clients\.csv into this workspace is running (70%). Wait until it has finished, or cancel it, "
        r"then import again."]
    gate.set()
    assert job.wait(60).status == bg.DONE and _counts(ws) == (3, 1)


def test_failed_import_is_a_plain_message_without_traceback(ws, monkeypatch):
    def refused(*args, **kwargs):
        raise InputError('"clients.csv" cannot be read as CSV (unterminated quote). Check its quotes.')

    monkeypatch.setattr(bg, "import_file", refused)
    at = _app(ws.path)
    _start_through_page(at)
    assert bg.job(ws).status == bg.FAILED
    assert [e.value for e in at.error] == [
        r'The import of clients\.csv failed: "clients\.csv" cannot be read as CSV \(unterminated quote\)\. '
        r"Check its quotes\."]
    assert r"Import of clients\.csv failed" in _captions(at)


def test_a_bug_shows_a_plain_message_on_the_page(ws, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr(bg, "import_file", broken)
    at = _app(ws.path)
    _start_through_page(at)
    assert not at.exception
    assert [e.value for e in at.error] == [
        r"The import of clients\.csv failed unexpectedly and was rolled back. This is a fault in CJM Dashboard, not in "
        r"your file; the server log has the details."]
    assert [type(e) for e in bg.UNEXPECTED] == [KeyError]
    bg.UNEXPECTED.clear()
