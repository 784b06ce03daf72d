"""The empty template: headers the import recognises exactly in every language, channels the matcher knows, drop-downs,
and a filled template imports with no mapping step and gives the funnel its rows say."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from cjm.analyses import funnel
from cjm.analyses.channels import classify_channel
from cjm.core.stage_model import norm, preset
from cjm.ingest import import_file
from cjm.ingest.mapping import SYNONYMS
from cjm.present.template import FIELDS, MEDIA, header, medium, write_template
from cjm.store import open_workspace

LANGS = ("en", "tr", "ro")


@pytest.mark.parametrize("lang", LANGS)
def test_headers_are_names_the_import_knows(lang):
    exact = {norm(n): f for f, names in SYNONYMS.items() for n in names}
    assert {f: exact.get(norm(header(f, lang))) for f in FIELDS} == {f: ("timestamp" if f == "timestamp" else f)
                                                                       for f in FIELDS}
    assert [classify_channel(medium(m, lang)) for m in MEDIA] == list(MEDIA)


@pytest.mark.parametrize("lang", LANGS)
def test_fill_three_rows_and_import(lang):
    model = preset("coleman-8")
    buf = io.BytesIO()
    write_template(buf, model=model, lang=lang)
    wb = openpyxl.load_workbook(io.BytesIO(buf.getvalue()))
    data = wb.worksheets[0]
    assert data.data_validations.count >= 4  # stage, channel, emotion, NPS (and the date)
    labels = model.localized(lang).labels
    # the example row stays; three rows more: C-002 reaches the second stage, C-003 the third
    rows = [("C-002", dt.datetime(2026, 2, 1), labels[0], "Demo", medium("video", lang), -1),
            ("C-002", dt.datetime(2026, 2, 9), labels[1], "Teklif", medium("email", lang), 1),
            ("C-003", dt.datetime(2026, 3, 1), labels[2], "Sözleşme", medium("in person", lang), 2)]
    for r, values in enumerate(rows, start=3):
        for c, v in enumerate(values, start=1):
            data.cell(r, c).value = v
    out = io.BytesIO()
    wb.save(out)
    ws = open_workspace(":memory:")
    report = import_file(ws, out.getvalue(), file_name=f"template_{lang}.xlsx", model=model)
    assert (report.rows_loaded, report.rows_rejected) == (4, 0)
    assert set(report.mapping.values()) >= {"customer_id", "timestamp", "stage", "touchpoint", "channel", "emotion"}
    got = funnel.funnel(ws.cursor(), model=model)["customers"].tolist()[:4]
    assert got == [3, 2, 1, 0]  # C-001 (example) and C-002, C-003 at the first stage; C-002, C-003; C-003
