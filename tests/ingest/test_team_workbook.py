"""The Excel round trip: export the workbook, change cells with openpyxl as a person would in Excel, upload it
back, and see exactly those changes — conflicts where someone saved in the app meanwhile; nothing else touched."""

from __future__ import annotations

import io

import openpyxl
import pytest

from cjm.core.stage_model import preset
from cjm.errors import InputError
from cjm.ingest import import_file
from cjm.ingest.team_workbook import apply_changes, is_team_workbook, read_changes
from cjm.present.workbook import write_workbook
from cjm.store import open_workspace
from cjm.store.notes import Persona, assumed, lanes, personas, save_persona, set_assumed, set_lane

CSV = (b"id,stage,date,touchpoint,emotion\n"
       b"a,awareness,2026-01-02,Ad,1\n" b"a,research,2026-01-05,Pricing page,-1\n" b"b,awareness,2026-01-03,Ad,2\n")


@pytest.fixture
def ws():
    w = open_workspace(":memory:")
    import_file(w, CSV, file_name="crm.csv", model=preset("five-stage"))
    set_lane(w, "research", "goals", "Compare prices", expected=0)
    set_lane(w, "awareness", "thoughts", "I saw an ad", expected=0)
    set_assumed(w, "research", "as_is", 1, expected=0)
    save_persona(w, Persona("p1", "Ana", "main_client", "Fast close", "I need it now"), expected=0)
    return w


def _export(ws, lang="en") -> openpyxl.Workbook:
    buf = io.BytesIO()
    write_workbook(ws.cursor(), buf, model=ws.stage_model(), lang=lang)
    return openpyxl.load_workbook(io.BytesIO(buf.getvalue()))


def _bytes(wb: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _cell(sheet, row_key: str, stage: str):
    """The team sheet's cell of a row key (column A) and a stage key (row 2)."""
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == row_key)
    col = next(c for c in range(1, sheet.max_column + 1) if sheet.cell(2, c).value == stage)
    return sheet.cell(row, col)


def test_one_lane_cell_changed_is_exactly_one_change(ws):
    wb = _export(ws)
    _cell(wb.worksheets[2], "lane:goals", "research").value = "Compare prices in one click"
    data = _bytes(wb)
    assert is_team_workbook(data)
    changes = read_changes(data, ws.cursor())
    assert [(c.kind, c.key, c.stage, c.before, c.after, c.conflict) for c in changes] == [
        ("lane", "goals", "research", "Compare prices", "Compare prices in one click", False)]
    before = lanes(ws.cursor())
    done = apply_changes(ws, changes)
    assert len(done.saved) == 1 and done.kept == ()
    after = lanes(ws.cursor())
    changed = after.merge(before, on=["stage_key", "lane"], suffixes=("", "_old"))
    changed = changed[changed["text"] != changed["text_old"]]
    assert changed[["stage_key", "lane", "text"]].values.tolist() == [["research", "goals", "Compare prices in one click"]]
    assert assumed(ws.cursor())[("research", "as_is")][0] == 1.0  # untouched


def test_assumed_values_and_personas_in_turkish(ws):
    wb = _export(ws, "tr")
    _cell(wb.worksheets[2], "assumed:as_is", "purchase").value = "-1,5"  # typed as text with a decimal comma
    _cell(wb.worksheets[2], "assumed:to_be", "research").value = 2
    people = wb.worksheets[3]
    people.cell(2, 4).value = "Ay sonunu hızlı kapatmak"  # Ana's goals
    people.cell(3, 2).value = "Mihai"  # a new persona row
    people.cell(3, 3).value = "Engelleyen"  # "blocker" in Turkish
    changes = read_changes(_bytes(wb), ws.cursor())
    assert sorted((c.kind, c.key, c.stage, c.after if c.kind != "persona" else c.after[:2]) for c in changes) == [
        ("assumed", "as_is", "purchase", -1.5), ("assumed", "to_be", "research", 2.0),
        ("persona", "new-3", "", ["Mihai", "blocker"]), ("persona", "p1", "", ["Ana", "main_client"])]
    apply_changes(ws, changes)
    got = {p.name: (p.role, p.goals) for p in personas(ws.cursor())}
    assert got == {"Ana": ("main_client", "Ay sonunu hızlı kapatmak"), "Mihai": ("blocker", "")}
    assert assumed(ws.cursor())[("purchase", "as_is")][0] == -1.5


def test_conflict_when_the_app_saved_meanwhile(ws):
    wb = _export(ws)
    set_lane(ws, "research", "goals", "Compare prices (app)", expected=1)  # someone in the app, after the export
    _cell(wb.worksheets[2], "lane:goals", "research").value = "Compare prices (excel)"
    _cell(wb.worksheets[2], "lane:thoughts", "awareness").value = "I saw an ad twice"
    changes = read_changes(_bytes(wb), ws.cursor())
    conflict = [c for c in changes if c.conflict]
    assert [(c.stage, c.current, c.after) for c in conflict] == [("research", "Compare prices (app)",
                                                                  "Compare prices (excel)")]
    done = apply_changes(ws, changes)  # without a choice the workspace's text stays
    assert [c.key for c in done.saved] == ["thoughts"] and [c.key for c in done.kept] == ["goals"]
    text = {(r.stage_key, r.lane): r.text for r in lanes(ws.cursor()).itertuples()}
    assert text[("research", "goals")] == "Compare prices (app)"
    apply_changes(ws, conflict, take_mine=conflict)  # the user keeps the workbook's text
    text = {(r.stage_key, r.lane): r.text for r in lanes(ws.cursor()).itertuples()}
    assert text[("research", "goals")] == "Compare prices (excel)"


def test_untouched_workbook_changes_nothing_even_after_app_edits(ws):
    wb = _export(ws)
    set_lane(ws, "research", "goals", "Newer text from the app", expected=1)
    assert read_changes(_bytes(wb), ws.cursor()) == []


def test_bad_cells_name_sheet_and_cell(ws):
    wb = _export(ws, "ro")
    cell = _cell(wb.worksheets[2], "assumed:as_is", "awareness")
    cell.value = "foarte bine"
    with pytest.raises(InputError) as err:
        read_changes(_bytes(wb), ws.cursor(), file_name="echipa.xlsx")
    msg = err.value.message("ro")
    assert "echipa.xlsx" in msg and cell.coordinate in msg and "Echipa (editabil)" in msg and "„foarte bine”" in msg
    with pytest.raises(InputError):
        read_changes(b"id,stage\n1,a\n", ws.cursor())
