"""The import as a whole: all or nothing, duplicates, replace, file order, stage models, reports."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest

from cjm.core.stage_model import custom, preset
from cjm.errors import AmbiguousDatesError, InputError, MappingError
from cjm.ingest import import_file, rejected_rows

GOOD = b"Customer ID,Stage,Date\n1,Awareness,2026-01-01\n1,Research,2026-01-02\n2,Awareness,2026-01-01\n"


def q(ws, sql, params=None):
    return ws.cursor().execute(sql, params or []).fetchall()


def snapshot(ws):
    return (q(ws, "SELECT * FROM events ORDER BY seq"), q(ws, "SELECT import_id, file_name, rows_loaded FROM imports"),
            q(ws, "SELECT * FROM rejected ORDER BY source_row"))


def test_loaded_plus_rejected_equals_records(ws):
    text = ("Report\n\nCustomer ID;Stage;Date;NPS;Comment\n"
            "1;a;01.01.2026;9;ok\n"
            "2;b;32.01.2026;9;bad date\n"
            ";c;01.01.2026;9;no id\n"
            "4;d\n"  # ragged
            '5;e;02.01.2026;11;"nps out of range\nand a line break"\n'
            "\n"  # blank: not a record
            "6;f;03.01.2026;;fine\n")
    rep = import_file(ws, text.encode(), file_name="messy.csv")
    assert (rep.rows_read, rep.rows_loaded, rep.rows_rejected) == (6, 2, 4)
    assert rep.rows_read == rep.rows_loaded + rep.rows_rejected
    assert rejected_rows(ws)["row"].tolist() == [5, 6, 7, 8]
    assert q(ws, "SELECT source_row, customer_id FROM events ORDER BY seq") == [(4, "1"), (10, "6")]
    assert q(ws, "SELECT rows_read, rows_loaded, rows_rejected FROM imports") == [(6, 2, 4)]


def test_report_dict_keys(ws):
    d = import_file(ws, GOOD, file_name="g.csv").to_dict()
    assert {"rows_read", "rows_loaded", "rows_rejected", "mapping", "warnings", "import_id", "file_name",
            "duplicate", "unknown_stages"} <= set(d)
    assert d["mapping"] == {"Customer ID": "customer_id", "Stage": "stage", "Date": "timestamp"}
    json.dumps(d)


def test_same_file_twice_is_reported_not_duplicated(ws):
    import_file(ws, GOOD, file_name="g.csv")
    rep = import_file(ws, GOOD, file_name="again.csv")
    assert rep.duplicate is True and rep.rows_loaded == 0
    assert "already imported" in rep.warnings[0]
    assert q(ws, "SELECT count(*), count(DISTINCT import_id) FROM events") == [(3, 1)]


def test_replace_loads_the_file_again_in_place(ws):
    first = import_file(ws, GOOD, file_name="g.csv")
    import_file(ws, b"Customer ID,Stage\n9,Awareness\n", file_name="other.csv")
    rep = import_file(ws, GOOD, file_name="g.csv", replace=True)
    assert rep.duplicate is False and rep.rows_loaded == 3
    assert q(ws, "SELECT count(*) FROM events") == [(4,)]
    assert q(ws, "SELECT count(*) FROM imports WHERE file_name = 'g.csv'") == [(1,)]
    assert q(ws, "SELECT DISTINCT import_id FROM events WHERE source_file = 'g.csv'") == [(rep.import_id,)]
    assert q(ws, "SELECT count(*) FROM imports") == [(2,)]
    assert first.import_id is not None


@pytest.mark.parametrize(("data", "error"), [
    (b"Kod,Phase\n1,a\n", MappingError),
    (b"id,stage,date\n1,a,03/04/2026\n2,b,04/05/2026\n", AmbiguousDatesError),
    (b"", InputError),
    (b"id,stage\n", InputError),
])
def test_failed_import_leaves_earlier_data_untouched(ws, data, error):
    import_file(ws, GOOD, file_name="g.csv", model=preset("five-stage"))
    before = snapshot(ws)
    version = ws.data_version()
    with pytest.raises(error):
        import_file(ws, data, file_name="bad.csv")
    assert snapshot(ws) == before
    assert ws.data_version() == version


def test_file_order_is_kept_and_continues_across_imports(ws):
    # equal timestamps: seq keeps the order of the file, then the order of imports
    import_file(ws, b"id,stage,date\nb,x,2026-01-01\na,y,2026-01-01\n", file_name="1.csv")
    import_file(ws, b"id,stage,date\nc,z,2026-01-01\n", file_name="2.csv")
    assert q(ws, "SELECT customer_id FROM events ORDER BY ts, seq") == [("b",), ("a",), ("c",)]
    seqs = [r[0] for r in q(ws, "SELECT seq FROM events ORDER BY seq")]
    assert len(set(seqs)) == 3


def test_model_given_becomes_the_workspace_model_and_unknown_stages_are_counted(ws):
    text = b"id,stage\n1,Awareness\n2,Cercetare\n3,Pricing\n4,pricing\n5,Pricing\n"
    rep = import_file(ws, text, file_name="m.csv", model=preset("five-stage"))
    assert ws.stage_model().name == "five-stage"
    assert q(ws, "SELECT stage, stage_idx FROM events ORDER BY seq") == [
        ("Awareness", 0), ("Cercetare", 1), ("Pricing", None), ("pricing", None), ("Pricing", None)]
    assert rep.unknown_stages == {"Pricing": 2, "pricing": 1}
    assert any('"Pricing" (2)' in w for w in rep.warnings)


def test_without_a_model_stage_idx_waits_for_one(ws):
    rep = import_file(ws, b"id,stage\n1,a\n2,b\n", file_name="n.csv")
    assert q(ws, "SELECT stage_idx FROM events") == [(None,), (None,)]
    assert rep.unknown_stages == {} and any("No stage model" in w for w in rep.warnings)
    ws.set_stage_model(custom(["a", "b"]))
    assert q(ws, "SELECT stage_idx FROM events ORDER BY seq") == [(0,), (1,)]


def test_existing_model_is_applied_to_a_new_import(ws):
    ws.set_stage_model(preset("coleman-8"))
    import_file(ws, "Müşteri No;Aşama\n1;Değerlendirme\n2;Kabul\n".encode("cp1254"), file_name="tr.csv")
    assert q(ws, "SELECT stage_idx FROM events ORDER BY seq") == [(0,), (1,)]


def test_user_mapping(ws):
    rep = import_file(ws, b"Kod,Phase,Notes\n1,a,hello\n", file_name="u.csv",
                      mapping={"Kod": "customer_id", "Phase": "stage", "Notes": None})
    assert rep.mapping == {"Kod": "customer_id", "Phase": "stage", "Notes": None}
    assert q(ws, "SELECT customer_id, stage, comment FROM events") == [("1", "a", None)]
    stored = json.loads(q(ws, "SELECT mapping FROM imports")[0][0])
    assert stored == rep.mapping


def test_import_from_path_and_missing_path(ws, tmp_path):
    p = tmp_path / "events.csv"
    p.write_bytes(GOOD)
    rep = import_file(ws, p)
    assert rep.file_name == "events.csv" and rep.rows_loaded == 3
    assert import_file(ws, str(p), replace=True).rows_loaded == 3
    with pytest.raises(InputError, match="does not exist"):
        import_file(ws, tmp_path / "nope.csv")


def test_progress_is_reported(ws):
    seen = []
    import_file(ws, GOOD, file_name="g.csv", progress=lambda f, m: seen.append(f))
    assert seen[-1] == 1.0 and seen == sorted(seen)


def test_rejected_rows_for_download(ws):
    import_file(ws, b"id,stage\n1,a\n2\n", file_name="r.csv")
    df = rejected_rows(ws)
    assert list(df.columns) == ["file", "row", "column", "raw", "reason"]
    assert df.values.tolist() == [["r.csv", 3, None, "2", "Row 3: has 1 fields, the header has 2 (check the "
                                                          "delimiters and quotes in this row)"]]
    assert rejected_rows(ws, import_id=99).empty


def test_xlsx_import(ws):
    wb = openpyxl.Workbook()
    sh = wb.active
    sh.append(["Rapor"])
    sh.append([])
    sh.append(["Müşteri No", "Tarih", "Aşama", "Tutar"])
    sh.append(["007", "03.04.2026", "Kabul", 1234.5])
    sh.append(["008", "04.04.2026", "", 10])
    buf = io.BytesIO()
    wb.save(buf)
    rep = import_file(ws, buf.getvalue(), file_name="tr.xlsx")
    assert (rep.rows_read, rep.rows_loaded, rep.rows_rejected) == (2, 1, 1)
    assert q(ws, "SELECT source_row, customer_id, ts::DATE::VARCHAR, value FROM events") == [
        (4, "007", "2026-04-03", 1234.5)]
    assert rejected_rows(ws)["reason"].tolist() == ['Row 5: the stage is empty (column "Aşama")']


def test_row_numbers_inside_the_import_transaction(ws):
    # consecutive rows (fast path) with an all-empty record in the middle, and after a blank line (slow path)
    import_file(ws, b"id,stage\n1,a\n,\n2,b\n", file_name="1.csv")
    import_file(ws, b"id,stage\n3,c\n\n4,d\n", file_name="2.csv")
    assert q(ws, "SELECT source_file, source_row, customer_id FROM events ORDER BY seq") == [
        ("1.csv", 2, "1"), ("1.csv", 4, "2"), ("2.csv", 2, "3"), ("2.csv", 4, "4")]


def test_inspect_xlsx_lists_sheets():
    from cjm.ingest import inspect

    wb = openpyxl.Workbook()
    wb.active.title = "Notes"
    wb.active.append(["just a note"])
    data_sheet = wb.create_sheet("Data")
    data_sheet.append(["Customer ID", "Stage"])
    data_sheet.append(["1", "a"])
    buf = io.BytesIO()
    wb.save(buf)
    ins = inspect(buf.getvalue(), file_name="b.xlsx", sheet="Data")
    assert (ins.kind, ins.sheet, ins.sheets, ins.records) == ("xlsx", "Data", ["Notes", "Data"], 1)
    assert ins.mapping == {"Customer ID": "customer_id", "Stage": "stage"}


def test_indexes_set_while_inserting_match_apply_stage_model(ws):
    from cjm.store import apply_stage_model

    m = preset("hinge-b2b-4")
    import_file(ws, b"id,stage,outcome\n1,Pre-purchase,won\n2,prospect,\n3,closed won,\n4,Former client,churned\n"
                    b"5,zzz,lost\n", file_name="o.csv", model=m)
    at_insert = q(ws, "SELECT stage_idx, outcome_key FROM events ORDER BY seq")
    # hand-checked: "closed won" is an outcome alias of pre-purchase; "lost" is an outcome even on an unknown stage
    assert at_insert == [(0, "hired"), (0, None), (0, "hired"), (3, "lost"), (None, "lost")]
    apply_stage_model(ws.cursor(), m)
    assert q(ws, "SELECT stage_idx, outcome_key FROM events ORDER BY seq") == at_insert


@pytest.mark.slow  # a subprocess
def test_import_does_not_load_pandas(tmp_path):
    """pandas costs ~1 s at start-up: a CSV or XLSX import (ragged rows included) must not import it."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    wb = openpyxl.Workbook()
    wb.active.append(["Customer ID", "Stage", "Date"])
    wb.active.append(["007", "Awareness", "2026-01-02"])
    wb.save(tmp_path / "a.xlsx")
    (tmp_path / "a.csv").write_bytes(b"id,stage\n1,a\n2\n\n3,c\n")
    code = ("import sys\nfrom cjm.store import open_workspace\nfrom cjm.ingest import import_file\n"
            "ws = open_workspace(':memory:')\n"
            f"a = import_file(ws, {str(tmp_path / 'a.csv')!r})\nb = import_file(ws, {str(tmp_path / 'a.xlsx')!r})\n"
            "print(a.rows_loaded, a.rows_rejected, b.rows_loaded, 'pandas' in sys.modules)")
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, timeout=120,
                         env={**os.environ, "PYTHONPATH": str(root)})
    assert out.stdout.split() == ["2", "1", "1", "False"], out.stderr


def test_user_scored_emotion_words_apply_now_and_to_later_imports(ws):
    """'meh' is not a known emotion word: kept as text; scored -1 in Settings it fills the loaded events and the
    next import reads it too."""
    from cjm.ingest import import_file
    from cjm.ingest.emotion_words import set_emotion_words, unscored_emotion_words

    import_file(ws, b"id,stage,emotion\n1,awareness,meh\n2,awareness,happy\n3,research,meh\n", file_name="a.csv")
    assert unscored_emotion_words(ws.cursor()).values.tolist() == [["meh", 2]]
    assert set_emotion_words(ws, {"meh": -1}) == 2
    cur = ws.cursor()
    assert cur.execute("SELECT customer_id, emotion FROM events ORDER BY seq").fetchall() == [
        ("1", -1.0), ("2", 1.0), ("3", -1.0)]  # happy = +1 (built in), meh = -1 (user)
    import_file(ws, b"id,stage,emotion\n4,awareness,MEH\n", file_name="b.csv")
    assert cur.execute("SELECT emotion FROM events WHERE customer_id = '4'").fetchone() == (-1.0,)
    assert len(unscored_emotion_words(cur)) == 0


def test_events_stored_in_journey_order_with_customer_keys(ws):
    # a file sorted by date, customers interleaved: stored per customer in journey order (times, then file order;
    # rows without a date after the dated ones), each customer with one key; a second file with new customers
    # only keeps that order; after one that adds to a known customer, the import rewrites the table in order
    from cjm.store.order import storage_in_journey_order

    csv = (b"Customer,Stage,Date\n"
           b"c2,Awareness,2026-01-01\nc1,Awareness,2026-01-02\nc2,Research,\nc1,Research,2026-01-03\n"
           b"c2,Purchase,2026-01-03\n")
    import_file(ws, csv, file_name="a.csv", model=preset("five-stage"))
    cur = ws.cursor()
    assert cur.execute("SELECT customer_id, ckey, source_row FROM events").fetchall() == [
        ("c1", 1, 3), ("c1", 1, 5), ("c2", 2, 2), ("c2", 2, 6), ("c2", 2, 4)]
    assert storage_in_journey_order(cur) is True
    import_file(ws, b"Customer,Stage,Date\nc0,Awareness,2026-02-01\nc3,Awareness,2026-02-01\n", file_name="b.csv")
    assert cur.execute("SELECT customer_id, ckey FROM customers ORDER BY ckey").fetchall() == [
        ("c1", 1), ("c2", 2), ("c0", 3), ("c3", 4)]
    assert storage_in_journey_order(cur) is True  # new customers get keys after the known ones
    # c1 gets an event after everyone else's: the import puts the table back in order
    import_file(ws, b"Customer,Stage,Date\nc1,Purchase,2026-03-01\n", file_name="c.csv")
    assert cur.execute("SELECT ckey FROM events WHERE source_file = 'c.csv'").fetchall() == [(1,)]
    assert storage_in_journey_order(cur) is True
    assert [r[0] for r in cur.execute("SELECT source_file FROM events").fetchall()] == [
        "a.csv", "a.csv", "c.csv", "a.csv", "a.csv", "a.csv", "b.csv", "b.csv"]


def test_a_file_whose_rows_all_read_is_loaded_in_one_pass(ws, monkeypatch):
    """No row skipped: the rows go into events in one statement and the bad-row pass never runs."""
    from cjm.ingest.values import TypedRows

    def no_second_pass(self):  # pragma: no cover - reached only if a good row was skipped
        raise AssertionError("find_problems ran for a file without a bad row")

    monkeypatch.setattr(TypedRows, "find_problems", no_second_pass)
    rep = import_file(ws, b"id,stage,date,Amount\n1,a,2026-01-02,1.5\n2,b,2026-01-03 10:00,2\n", file_name="g.csv")
    assert (rep.rows_read, rep.rows_loaded, rep.rows_rejected) == (2, 2, 0)


@pytest.mark.parametrize(("rows", "outcome"), [
    # day-first only after the first 2 rows: the skipped rows read well once the whole column decides
    (["2026-01-02", "2026-01-03", "25/03/2026", "bad", "03/04/2026"], "add"),
    # month-first wins on the whole column: the rows loaded first are read again
    (["25/03/2026", "01/02/2026", "03/25/2026", "03/26/2026", "03/27/2026"], "redo"),
])
def test_rows_added_or_loaded_again_keep_counts_and_file_order(ws, rows, outcome):
    from unittest import mock

    from cjm.ingest import values as values_mod
    from cjm.ingest.values import TypedRows

    seen = []
    real = TypedRows.find_problems

    def spy(self):
        seen.append(real(self))
        return seen[-1]

    text = "id,stage,date\n" + "".join(f"{i},s,{d}\n" for i, d in enumerate(rows, start=1))
    with mock.patch.object(values_mod, "SAMPLE_ROWS", 2), mock.patch.object(TypedRows, "find_problems", spy):
        rep = import_file(ws, text.encode(), file_name="o.csv")
    assert seen == [outcome]
    assert rep.rows_loaded + rep.rows_rejected == rep.rows_read == 5
    got = q(ws, "SELECT source_row, seq FROM events ORDER BY seq")
    assert [r[0] for r in got] == sorted(r[0] for r in got)  # seq follows the file's rows
    assert len(got) == rep.rows_loaded and q(ws, "SELECT count(*) FROM rejected") == [(rep.rows_rejected,)]
    # add: "bad" (row 5) rejected, the rest loaded; redo: 25/03/2026 (row 2) is not a month-first date
    assert q(ws, "SELECT source_row FROM rejected") == ([(5,)] if outcome == "add" else [(2,)])


def test_import_into_a_reopened_workspace_is_checkpointed(tmp_path):
    """Opening an existing workspace must leave no query open on the shared connection: a result read with
    fetchone() keeps its transaction, and then no CHECKPOINT can run after an import creates tables (the data
    would stay in the write-ahead log until the app closes)."""
    from cjm.ingest import import_file
    from cjm.store import close_workspace, open_workspace

    path = tmp_path / "w.duckdb"
    close_workspace(open_workspace(path))
    ws = open_workspace(path)
    try:
        rep = import_file(ws, b"Customer,Stage,Date\na,Awareness,2026-01-01\n", file_name="a.csv")
        assert rep.rows_loaded == 1
        cur = ws.cursor()
        cur.execute("CREATE TABLE probe (x INTEGER)")  # a catalog change, then a checkpoint: nothing holds it back
        cur.execute("CHECKPOINT")
        wal = tmp_path / "w.duckdb.wal"
        assert not wal.exists() or wal.stat().st_size == 0
    finally:
        close_workspace(ws)
