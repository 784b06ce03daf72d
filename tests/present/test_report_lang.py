"""The workbook in the reader's language (``write_xlsx(..., lang=)``), the report JSON unchanged, and the keyed
what-if assumptions and pain-point formula."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest

from cjm.analyses.pain_points import FORMULA
from cjm.analyses.what_if import baseline, project
from cjm.analyses.what_if.estimate import Baseline
from cjm.analyses.what_if.scenario import ConversionChange, Scenario
from cjm.core.filters import Filters
from cjm.errors import CJMError, Message
from cjm.present.report import build, write_xlsx

LOG = {
    "c1": [("awareness", "2026-01-01", {"touchpoint": "ad", "channel": "email", "emotion": -2, "segment": "A"}),
           ("research", "2026-01-03", {"touchpoint": "call", "channel": "telefon", "emotion": 1, "segment": "A"})],
    "c2": [("awareness", "2026-01-01", {"touchpoint": "ad", "channel": "email", "emotion": 1, "segment": "B",
                                        "nps": 10, "value": 500.0})],
}


def _book(con, m, **kw) -> openpyxl.Workbook:
    buf = io.BytesIO()
    write_xlsx(con, model=m, path=buf, **kw)
    return openpyxl.load_workbook(io.BytesIO(buf.getvalue()))


def test_workbook_in_turkish(journeys):
    con, m = journeys(LOG)
    wb = _book(con, m, lang="tr", filters=Filters(segment=("A",)))
    assert wb.sheetnames[:4] == ["Hakkında", "Huni", "Geçişler", "Kanallar"]
    assert "Sorunlu noktalar" in wb.sheetnames and "Temas noktaları" in wb.sheetnames
    assert [c.value for c in wb["Huni"][1]][:4] == ["Aşama no", "Aşama anahtarı", "Aşama", "Müşteri"]
    about = {row[0].value: row[1].value for row in wb["Hakkında"].iter_rows(min_row=2)}
    assert about["Filtreler"] == "Müşteri segmenti: A"
    assert about["Sorunlu nokta formülü"].startswith("etki = olumsuzluk × (müşteriler + ayrılanlar)")
    # numbers keep their formats: a share is still a percentage cell
    huni = wb["Huni"]
    col = [c.value for c in huni[1]].index("Önceki aşamadan dönüşüm") + 1
    assert huni.cell(3, col).number_format == "0.0%"


def test_workbook_in_romanian_and_sheet_names_fit_excel(journeys):
    con, m = journeys(LOG)
    wb = _book(con, m, lang="ro")
    assert wb.sheetnames[:3] == ["Despre", "Pâlnie", "Tranziții"] and "Puncte dureroase" in wb.sheetnames
    assert all(len(name) <= 31 for name in wb.sheetnames) and len(set(wb.sheetnames)) == len(wb.sheetnames)
    pains = wb["Puncte dureroase"]
    assert "Punct de contact" in [c.value for c in pains[1]]


def test_every_sheet_and_column_has_a_title(journeys):
    from cjm.i18n import EN
    from cjm.present.report import tables

    con, m = journeys(LOG)
    t = tables(con, model=m)
    assert [name for name in ["about", *t] if f"report.sheet.{name}" not in EN] == []
    assert sorted({c for df in t.values() for c in df.columns if f"report.col.{c}" not in EN}) == []


def test_without_lang_the_workbook_keeps_the_json_names(journeys):
    con, m = journeys(LOG)
    wb = _book(con, m)
    assert wb.sheetnames[:3] == ["about", "funnel", "transitions"]
    assert [c.value for c in wb["funnel"][1]][:3] == ["stage_idx", "stage", "label"]


def test_json_keeps_its_keys_and_the_english_formula(journeys):
    con, m = journeys(LOG)
    report = build(con, model=m)
    text = json.dumps(report, ensure_ascii=False)
    assert json.loads(text)["pain_points_formula"] == str(FORMULA)
    assert str(FORMULA).startswith("impact = negativity × (customers + dropped) × value weight")


def test_unwritable_workbook_error_in_romanian(journeys, tmp_path):
    con, m = journeys(LOG)
    with pytest.raises(CJMError) as err:
        write_xlsx(con, model=m, path=tmp_path / "missing" / "r.xlsx", lang="ro")
    assert err.value.key == "report.cannot_write"
    assert err.value.message("ro").startswith(f"Registrul de lucru „{tmp_path / 'missing' / 'r.xlsx'}” nu poate fi scris")


def test_pain_formula_in_each_language():
    assert FORMULA.key == "pain.formula_text"
    assert FORMULA.message("tr").splitlines()[0] == "etki = olumsuzluk × (müşteriler + ayrılanlar) × değer ağırlığı"
    assert FORMULA.message("ro").splitlines()[0] == "impact = negativitate × (clienți + pierduți) × pondere a valorii"


def test_what_if_assumptions_are_keyed_with_numbers_in_the_language():
    lines = Baseline.example().assumptions()
    assert all(isinstance(line, Message) for line in lines)
    assert lines[1] == "Lead → Client: 50.0% of 120 customers went on."
    assert lines[1].message("tr") == "Lead → Client: 120 müşterinin %50,0 kadarı devam etti."
    assert lines[1].message("ro") == "Lead → Client: 50,0 % din 120 clienți au continuat."
    assert lines[4].message("tr").startswith("Kazanılan müşteri başına değer: 100,00")


def test_what_if_levers_and_notes_render_in_the_language(journeys):
    con, m = journeys({f"c{i}": [("awareness", f"2026-01-{i + 1:02d}", {}),
                                 *([("research", f"2026-01-{i + 2:02d}", {})] if i % 2 else [])] for i in range(10)})
    b = baseline(con, model=m, n_boot=0)
    proj = project(b, Scenario(conversion=(ConversionChange("awareness", 5),), inflow_pct=10), horizon_months=6)
    assert list(proj.contributions()["lever"])[:2] == ["Inflow +10%", "Conversion Awareness → Research +5 pp"]
    assert list(proj.contributions("tr")["lever"])[0] == "Yeni müşteri %+10"
    assert list(proj.contributions("ro")["lever"])[1] == "Conversie Awareness → Research +5 pp"
    assert proj.levers[0][1].message("tr") == "Yeni müşteri %+10"  # the labels themselves are keyed
    assert "no estimate" in " ".join(b.levers()["text"]) and "tahmin yok" in " ".join(b.levers("tr")["text"])
    assert [n.message("tr") for n in proj.notes] == [
        "Verilerde tavsiye kaynağı yok ve tavsiye oranı belirlenmedi: tavsiye döngüsü kapalı."]
