"""The Import page's part for an edited workbook (ui.exports.team_upload): the changes listed with what the app holds
now, a conflict to tick, and Apply saving exactly those."""

from __future__ import annotations

import io
import pathlib

import openpyxl
from streamlit.testing.v1 import AppTest

from cjm.core.stage_model import preset
from cjm.ingest import import_file
from cjm.present.workbook import write_workbook
from cjm.store import open_workspace
from cjm.store.notes import lanes, set_lane

CSV = b"id,stage,date\na,awareness,2026-01-02\na,research,2026-01-05\nb,awareness,2026-01-03\n"


def _script(path: str, data_file: str) -> None:
    import pathlib

    import streamlit as st

    from ui import exports

    st.session_state.setdefault("workspace_path", path)
    exports.team_upload(0, "team.xlsx", pathlib.Path(data_file).read_bytes())


def test_changes_listed_conflict_ticked_and_applied(tmp_path):
    path = str(tmp_path / "ws.duckdb")
    ws = open_workspace(path)
    import_file(ws, CSV, file_name="crm.csv", model=preset("five-stage"))
    set_lane(ws, "research", "goals", "Compare prices", expected=0)
    buf = io.BytesIO()
    write_workbook(ws.cursor(), buf, model=ws.stage_model(), lang="en")
    wb = openpyxl.load_workbook(io.BytesIO(buf.getvalue()))
    team = wb.worksheets[2]
    rows = {team.cell(r, 1).value: r for r in range(1, team.max_row + 1)}
    cols = {team.cell(2, c).value: c for c in range(1, team.max_column + 1)}
    team.cell(rows["lane:goals"], cols["research"]).value = "Compare prices in Excel"
    team.cell(rows["lane:goals"], cols["awareness"]).value = "Hear of us from a friend"
    edited = tmp_path / "team.xlsx"
    wb.save(edited)
    set_lane(ws, "research", "goals", "Compare prices (app)", expected=1)  # saved in the app meanwhile
    ws.checkpoint()

    at = AppTest.from_function(_script, args=(path, str(edited)), default_timeout=60)
    at.run()
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == 2 and "Changed in the app too" in table.columns
    assert len(at.warning) == 1 and at.warning[0].value.startswith("1 of these were also changed in the app")
    assert at.button[0].label == "Apply 1 changes"
    at.checkbox[0].check().run()  # take the workbook's text for the conflict too
    assert at.button[0].label == "Apply 2 changes"
    at.button[0].click().run()
    assert at.success[0].value == "Saved 2 changes; 0 left as they are in the app."
    text = {(r.stage_key, r.lane): r.text for r in lanes(open_workspace(path).cursor()).itertuples()}
    assert text == {("research", "goals"): "Compare prices in Excel", ("awareness", "goals"): "Hear of us from a friend"}
    assert pathlib.Path(edited).exists()
