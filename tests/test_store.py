import subprocess
import sys

import pytest

from cjm.errors import WorkspaceBusyError
from cjm.models import preset
from cjm.store import SCHEMA_VERSION, open_workspace


def test_new_workspace_has_schema(tmp_path):
    ws = open_workspace(tmp_path / "w.duckdb")
    cur = ws.cursor()
    assert cur.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == (str(SCHEMA_VERSION),)
    tables = {r[0] for r in cur.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"events", "imports", "rejected", "stage_model", "lanes", "pain_status", "scenarios"} <= tables


def test_reopen_same_process_returns_same_connection(tmp_path):
    a = open_workspace(tmp_path / "w.duckdb")
    b = open_workspace(str(tmp_path / "." / "w.duckdb"))
    assert a is b


def test_second_process_gets_plain_message(tmp_path):
    path = tmp_path / "w.duckdb"
    open_workspace(path)
    code = ("import sys\nfrom cjm.store import open_workspace\nfrom cjm.errors import WorkspaceBusyError\n"
            "try:\n    open_workspace(sys.argv[1])\nexcept WorkspaceBusyError as e:\n    print(e)\n")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    assert "is open in another CJM Dashboard" in out.stdout
    assert out.stderr == ""


def test_failed_transaction_leaves_data(ws):
    with ws.transaction() as cur:
        cur.execute("INSERT INTO lanes VALUES ('a', 'goals', 'x', now())")
    with pytest.raises(RuntimeError):
        with ws.transaction() as cur:
            cur.execute("DELETE FROM lanes")
            raise RuntimeError("boom")
    assert ws.cursor().execute("SELECT count(*) FROM lanes").fetchone() == (1,)
    assert ws.data_version() == 1


def test_stage_model_applied_accent_and_case_insensitive(ws):
    cur = ws.cursor()
    cur.execute("""INSERT INTO events (seq, import_id, source_file, source_row, customer_id, stage, outcome) VALUES
        (1, 1, 'f', 2, 'a', 'ARAŞTIRMA', NULL), (2, 1, 'f', 3, 'a', 'Achiziţie', NULL),
        (3, 1, 'f', 4, 'b', 'nowhere', NULL)""")
    ws.set_stage_model(preset("five-stage"))
    got = cur.execute("SELECT stage, stage_idx FROM events ORDER BY seq").fetchall()
    assert got == [("ARAŞTIRMA", 1), ("Achiziţie", 2), ("nowhere", None)]
    assert ws.stage_model().name == "five-stage"


def test_busy_error_is_cjm_error():
    from cjm.errors import CJMError
    assert issubclass(WorkspaceBusyError, CJMError)
