"""The exports for people with the hostile corpus of test_export_safety, in the data and in what the team wrote: the
workbook for people and the template hold no formula cell, and the HTML report turns no text into markup."""

from __future__ import annotations

import io

import openpyxl
import pytest

from cjm.present.html_report import build_html
from cjm.present.template import write_template
from cjm.present.workbook import write_workbook
from cjm.store.notes import Persona, save_persona, set_assumed, set_lane, set_pain_status
from tests.present.test_export_safety import HOSTILE, STAGES, hostile  # noqa: F401 (a fixture)

NOTES = ['=HYPERLINK("http://evil.example","click")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)",
         "<script>alert(1)</script>"]


@pytest.fixture
def noted(hostile):  # noqa: F811
    ws, model, _ = hostile
    for i, text in enumerate(NOTES):
        set_lane(ws, model.keys[i % len(model.keys)], "goals" if i < 3 else "thoughts", text, expected=None)
    set_assumed(ws, model.keys[0], "as_is", -1, expected=0)
    save_persona(ws, Persona("=p", NOTES[0], None, NOTES[1], NOTES[2], NOTES[3]), expected=0)
    set_pain_status(ws, model.keys[1], HOSTILE[0], "open", NOTES[1], expected=0)
    return ws, model


def _formulas(data: bytes) -> list[str]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return [f"{s.title}!{c.coordinate}" for s in wb.worksheets for row in s.iter_rows() for c in row
            if c.data_type == "f" or (isinstance(c.value, str) and c.value.startswith("=") and c.data_type != "s")]


@pytest.mark.parametrize("lang", ["en", "tr", "ro"])
def test_workbook_for_people_has_no_formula(noted, lang):
    ws, model = noted
    buf = io.BytesIO()
    write_workbook(ws.cursor(), buf, model=model, lang=lang)
    assert _formulas(buf.getvalue()) == []
    wb = openpyxl.load_workbook(io.BytesIO(buf.getvalue()))
    texts = {c.value for s in wb.worksheets for row in s.iter_rows() for c in row if isinstance(c.value, str)}
    assert set(NOTES[:5]) <= texts  # the team's text is there, as text
    assert {s for s in STAGES} <= texts  # and the hostile stage names


def test_template_has_no_formula_cell(noted):
    _, model = noted
    buf = io.BytesIO()
    write_template(buf, model=model, lang="tr")
    data = buf.getvalue()
    assert _formulas(data) == []
    listed = [c.value for c in openpyxl.load_workbook(io.BytesIO(data))["lists"]["A"] if c.value is not None]
    assert listed == list(model.labels)  # the hostile stage names are list entries, as text


def test_html_report_turns_no_text_into_markup(noted):
    ws, model = noted
    page = build_html(ws.cursor(), model=model, lang="en").split("</script></head>", 1)[1]
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;script&gt;" in page and '<a href' not in page
