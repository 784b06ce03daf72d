"""Exports with a hostile corpus (issue 14): the workbook holds no formula, every CSV is OWASP-escaped.

The corpus goes in as data, through :func:`cjm.ingest.import_file` on a small CSV: stage labels (a custom stage
model), touchpoints, channels, segments, comments and customer ids that a spreadsheet would run as formulas.
"""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest

from cjm.analyses import channels, funnel
from cjm.core.stage_model import custom
from cjm.ingest import import_file, rejected_rows
from cjm.present import report
from cjm.present.report import write_xlsx
from cjm.present.safe import csv_bytes, csv_cell, csv_safe
from tests.csv_checks import cells as _cells
from tests.csv_checks import formula_like as _formula_like

HOSTILE = ['=HYPERLINK("http://evil","x")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\tTAB"]
STAGES = HOSTILE[:5]


def _hostile_csv() -> bytes:
    """Customer i (ids "=c0", "-1", "=c2", ...) reaches stage i % 5 + 1 of 5; every text cell is hostile; the last
    event of each customer has value -100.5; customer "-3" moves back to stage 1; one row has a bad date."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["customer_id", "timestamp", "stage", "touchpoint", "channel", "segment", "comment", "emotion",
                "value"])
    for i in range(10):
        n = 1 + i % 5
        for j in range(n):
            w.writerow([f"-{i}" if i % 2 else f"=c{i}", f"2026-01-{1 + 3 * j:02d}", STAGES[j], HOSTILE[(i + j) % 6],
                        HOSTILE[(i + 2 * j) % 6], HOSTILE[i % 6], HOSTILE[(i + j + 3) % 6], -2 + (i + j) % 5,
                        -100.5 if j == n - 1 else ""])
    w.writerow(["-3", "2026-02-20", STAGES[0], HOSTILE[0], HOSTILE[1], HOSTILE[3], HOSTILE[4], -2, ""])
    w.writerow(["=bad", "=not a date", STAGES[0], HOSTILE[0], "", "", HOSTILE[1], "", ""])
    return buf.getvalue().encode("utf-8")


@pytest.fixture
def hostile(ws):
    model = custom(STAGES, name="=evil()")
    rep = import_file(ws, _hostile_csv(), file_name="=hostile.csv", model=model)
    # customers reach 1+2+3+4+5 stages, twice: 30 events, +1 backward move; the bad date is rejected
    assert (rep.rows_read, rep.rows_loaded, rep.rows_rejected) == (32, 31, 1)
    return ws, ws.stage_model(), rep


def _workbook(ws, model) -> openpyxl.Workbook:
    buf = io.BytesIO()
    write_xlsx(ws.cursor(), model=model, path=buf)
    return openpyxl.load_workbook(io.BytesIO(buf.getvalue()))


def _formula_cells(wb: openpyxl.Workbook) -> list[str]:
    return [f"{sh.title}!{c.coordinate}" for sh in wb for row in sh.iter_rows() for c in row if c.data_type == "f"]


def test_workbook_keeps_hostile_text_as_text(hostile):
    ws, model, _ = hostile
    wb = _workbook(ws, model)
    assert _formula_cells(wb) == []
    rows = list(wb["funnel"].values)
    assert [r[rows[0].index("label")] for r in rows[1:]] == STAGES  # kept exactly, as text
    about = dict(list(wb["about"].values)[1:])
    assert about["stage model"] == "=evil()"
    touch = list(wb["touchpoints"].values)
    names = {r[touch[0].index("touchpoint")] for r in touch[1:]}
    assert set(HOSTILE) <= names
    stuck = list(wb["stuck_customers"].values)
    assert "=c0" in [r[stuck[0].index("customer_id")] for r in stuck[1:]]


def test_workbook_before_the_fix_had_formulas(hostile, monkeypatch):
    """The check above can fail: with xlsxwriter's defaults the same corpus gives live formulas."""
    ws, model, _ = hostile
    monkeypatch.setattr(report, "XLSX_OPTIONS", {})
    assert len(_formula_cells(_workbook(ws, model))) > 0


def test_every_csv_is_escaped(hostile):
    """The tables the pages offer as CSV (stuck, backward, touchpoints, dropped after each stage, rejected rows)."""
    ws, model, rep = hostile
    con = ws.cursor()
    frames = {"stuck": funnel.stuck(con, model=model), "backwards": funnel.backwards(con, model=model),
              "touchpoints": channels.touchpoints(con, model=model), "rejected": rejected_rows(ws, rep.import_id),
              **{f"dropped_{k}": funnel.dropped_after(con, model=model, stage=k) for k in model.keys[:-1]}}
    before = after = 0
    for name, df in frames.items():
        assert len(df), name
        before += sum(_formula_like(c) for row in _cells(df.to_csv(index=False).encode()) for c in row)
        cells = [c for row in _cells(csv_bytes(df)) for c in row]
        after += sum(_formula_like(c) for c in cells)
    assert before > 0 and after == 0
    rejected = _cells(csv_bytes(frames["rejected"]))
    assert "'=not a date" in [c for row in rejected for c in row]
    back = _cells(csv_bytes(frames["backwards"]))
    assert back[1][back[0].index("customer_id")] == "'-3"  # a text id that looks like a number is text
    # "-3" reached stage 4 of 5 (i = 3: n = 4 stages, index 3), then went back to the first (index 0)
    assert back[1][back[0].index("from_idx")] == "3" and back[1][back[0].index("to_idx")] == "0"


def test_csv_cell_follows_owasp():
    assert [csv_cell(v) for v in [*HOSTILE, "\rCR"]] == ["'" + v for v in [*HOSTILE, "\rCR"]]
    assert [csv_cell(v) for v in ["Awareness", " =x", "", None, -2, -2.5, 0]] == \
        ["Awareness", " =x", "", None, -2, -2.5, 0]


def test_numbers_stay_numbers():
    df = pd.DataFrame({"name": ["-2+3", "ok"], "delta": [-3, 4], "mean": [-0.25, 1.5],
                       "text": pd.Series(["@x", None], dtype="string")})
    assert _cells(csv_bytes(df)) == [["name", "delta", "mean", "text"], ["'-2+3", "-3", "-0.25", "'@x"],
                                     ["ok", "4", "1.5", ""]]
    safe = csv_safe(df)
    assert safe["delta"].tolist() == [-3, 4] and safe["mean"].tolist() == [-0.25, 1.5]
    assert df["name"].tolist() == ["-2+3", "ok"]  # the input is not changed
