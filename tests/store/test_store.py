import subprocess
import sys

import pytest

from cjm.core.stage_model import preset
from cjm.errors import WorkspaceBusyError
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


@pytest.mark.slow  # a subprocess
def test_second_process_gets_plain_message(tmp_path):
    path = tmp_path / "w.duckdb"
    open_workspace(path)
    code = ("import sys\nfrom cjm.store import open_workspace\nfrom cjm.errors import WorkspaceBusyError\n"
            "try:\n    open_workspace(sys.argv[1])\nexcept WorkspaceBusyError as e:\n    print(e)\n")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    assert "is open in another CJM Dashboard" in out.stdout
    assert out.stderr == ""


def test_failed_transaction_leaves_data(ws):
    with ws.data_write() as cur:
        cur.execute("INSERT INTO lanes (stage_key, lane, text, updated_at) VALUES ('a', 'goals', 'x', now())")
    with pytest.raises(RuntimeError), ws.data_write() as cur:
        cur.execute("DELETE FROM lanes")
        raise RuntimeError("boom")
    assert ws.cursor().execute("SELECT count(*) FROM lanes").fetchone() == (1,)
    assert ws.data_version() == 1


def test_stage_model_applied_accent_and_case_insensitive(ws, add_events):
    cur = ws.cursor()
    add_events(cur, [{"customer_id": "a", "stage": "ARAŞTIRMA"}, {"customer_id": "a", "stage": "Achiziţie"},
                     {"customer_id": "b", "stage": "nowhere"}])
    ws.set_stage_model(preset("five-stage"))
    got = cur.execute("SELECT stage, stage_idx FROM events ORDER BY seq").fetchall()
    assert got == [("ARAŞTIRMA", 1), ("Achiziţie", 2), ("nowhere", None)]
    assert ws.stage_model().name == "five-stage"


def test_busy_error_is_cjm_error():
    from cjm.errors import CJMError
    assert issubclass(WorkspaceBusyError, CJMError)


def test_stage_model_size_limit():
    # stage sets are 64-bit masks in the analyses: 60 stages are fine, 61 are refused with a message
    from cjm.core.stage_model import MAX_STAGES, custom
    from cjm.errors import CJMError

    assert MAX_STAGES == 60
    assert len(custom([f"step {i}" for i in range(60)]).stages) == 60
    with pytest.raises(CJMError, match="at most 60 stages; this one has 61"):
        custom([f"step {i}" for i in range(61)])


def test_customer_keys_and_storage_order(ws):
    # insert_events numbers new customers in id order after the known ones and writes each customer's events
    # together in journey order (time, missing times last, then file order)
    from cjm.store import insert_events

    cur = ws.cursor()
    cols = ["seq", "import_id", "source_file", "source_row", "customer_id", "ts", "stage"]
    insert_events(cur, cols, "SELECT * FROM (VALUES (1, 1, 'f', 2, 'b', TIMESTAMP '2026-01-02', 'x'), "
                             "(2, 1, 'f', 3, 'a', NULL, 'x'), (3, 1, 'f', 4, 'b', TIMESTAMP '2026-01-01', 'x'), "
                             "(4, 1, 'f', 5, 'a', TIMESTAMP '2026-01-05', 'x'))")
    insert_events(cur, cols, "SELECT 5, 2, 'g', 2, 'c', NULL, 'x' UNION ALL SELECT 6, 2, 'g', 3, 'a', NULL, 'x'")
    assert cur.execute("SELECT customer_id, ckey FROM customers ORDER BY ckey").fetchall() == [("a", 1), ("b", 2), ("c", 3)]
    # storage order: import 1 as a (ts 01-05, then NULL), b (01-01, 01-02); then import 2: a, c
    assert [r[0] for r in cur.execute("SELECT seq FROM events").fetchall()] == [4, 2, 3, 1, 6, 5]
    assert cur.execute("SELECT count(*) FROM events WHERE ckey IS NULL").fetchone() == (0,)


def test_migration_2_gives_existing_events_customer_keys(tmp_path):
    # a workspace written before customer keys (schema 1) opens with every event keyed, customers in id order
    import duckdb

    from cjm.store import MIGRATIONS, close_workspace

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    for statement in MIGRATIONS[0][1]:
        con.execute(statement)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1'), ('data_version', '3')")
    con.execute("INSERT INTO events (seq, import_id, source_file, source_row, customer_id, stage) VALUES "
                "(1, 1, 'f', 2, 'zed', 'x'), (2, 1, 'f', 3, 'amy', 'x'), (3, 1, 'f', 4, 'zed', 'x')")
    con.close()
    ws = open_workspace(path)
    try:
        cur = ws.cursor()
        assert cur.execute("SELECT seq, ckey FROM events ORDER BY seq").fetchall() == [(1, 2), (2, 1), (3, 2)]
        assert cur.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (str(SCHEMA_VERSION),)
    finally:
        close_workspace(ws)
