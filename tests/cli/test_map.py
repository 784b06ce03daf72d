"""``python -m cjm map``: the journey map as text and JSON — the structure the page draws, in the chosen language."""

from __future__ import annotations

import json

import pytest

import cjm.cli.main as cli
from cjm.core.stage_model import preset
from cjm.ingest import import_file
from cjm.store import open_workspace
from cjm.store.notes import set_assumed, set_lane, set_moment

# a: Değerlendirme (−1) → Kabul Etme (+1); b: Değerlendirme (+1) only; two answers at the first stage
CSV = ("id,stage,date,touchpoint,channel,emotion,persona\n"
       "a,Değerlendirme,2026-01-02,Demo,web,-1,Owner\n"
       "a,Kabul Etme,2026-01-05,Sözleşme,email,1,Owner\n"
       "b,Değerlendirme,2026-01-03,Demo,phone,1,Manager\n").encode()


@pytest.fixture
def ws_path(tmp_path):
    path = tmp_path / "ws.duckdb"
    ws = open_workspace(str(path))
    import_file(ws, CSV, file_name="crm.csv", model=preset("coleman-8"))
    set_lane(ws, "admit", "goals", "Sign without a call", expected=0)
    set_assumed(ws, "assess", "as_is", 1.5, expected=0)
    set_moment(ws, "Demo", True, expected=0)
    ws.checkpoint()
    return path


def _json(capsys, *args: str) -> dict:
    assert cli.main(["map", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_map_json_is_the_page_structure(ws_path, capsys):
    jm = _json(capsys, "--workspace", str(ws_path))
    stages = jm["stages"]
    assert [s["key"] for s in stages][:2] == ["assess", "admit"] and len(stages) == 8
    assert [(s["customers"], s["conversion"]) for s in stages[:2]] == [(2, None), (1, 0.5)]
    # mean of −1 and +1 at assess; one answer (+1) at admit
    assert stages[0]["emotion"]["value"] == 0.0 and stages[0]["emotion"]["n"] == 2
    assert stages[1]["emotion"]["value"] == 1.0 and stages[1]["emotion"]["n"] == 1
    assert jm["assumed_curves"]["as_is"][:2] == [1.5, None]
    assert jm["moments_that_matter"] == ["Demo"]
    goals = next(lane for lane in jm["team"] if lane["lane"] == "goals")
    assert goals["cells"][1]["text"] == "Sign without a call"
    # the team expects +1.5 at assess; customers report 0.0: a gap of −1.5
    assert [(g["stage_key"], g["difference"]) for g in jm["gaps"]] == [("assess", -1.5)]


def test_map_in_turkish_names_the_stages_as_the_article(ws_path, capsys, monkeypatch):
    monkeypatch.setenv("CJM_LANG", "tr")
    jm = _json(capsys, "--workspace", str(ws_path))
    assert [s["label"] for s in jm["stages"]] == ["Değerlendirme", "Kabul Etme", "Onaylama", "Etkinleştirme", "Alışma",
                                                  "Sonuçlandırma", "Benimseme", "Savunma"]
    assert jm["gaps"][0]["sentence"].startswith("Ekip Değerlendirme aşamasında +1,5 bekliyor; müşteriler +0,0")


def test_map_text_for_one_persona(ws_path, capsys):
    assert cli.main(["map", "--workspace", str(ws_path), "--persona", "Manager"]) == 0
    out = capsys.readouterr().out
    assert "1. Assess" in out
    assert "Customers: 1" in out  # only b is a Manager
    assert "★ Demo" in out and "Goals: Sign without a call" in out


def test_map_without_a_model_is_one_line_error(tmp_path, capsys):
    assert cli.main(["map", "--workspace", str(tmp_path / "empty.duckdb")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err


@pytest.mark.slow
@pytest.mark.skipif(not __import__("os").path.exists("/usr/bin/chromium"), reason="needs Debian's chromium")
def test_map_png(ws_path, tmp_path, capsys):
    from PIL import Image

    out = tmp_path / "map.png"
    assert cli.main(["map", "--workspace", str(ws_path), "--png", str(out)]) == 0
    with Image.open(out) as img:
        assert img.width == 1920 and img.height > 500
    assert f"Map image written: {out}" in capsys.readouterr().out


def test_map_of_events_in_place_equals_the_workspace_map(tmp_path, capsys):
    """--events: the map read from a Parquet file where it is (no workspace made) has the numbers of the same data
    imported into a workspace."""
    import pathlib

    from cjm.ingest.samples import load_all

    parquet = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "parquet" / "coleman.parquet"
    ws_path = tmp_path / "never_made.duckdb"
    assert cli.main(["map", "--workspace", str(ws_path), "--events", str(parquet), "--stage-model", "coleman-8",
                     "--map", "Kod=customer_id", "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert not ws_path.exists()
    ws = open_workspace(":memory:")
    load_all(ws, keys=["coleman"])
    assert cli.main(["map", "--workspace", str(tmp_path / "imported.duckdb"), "--json"]) == 2  # empty: one line
    capsys.readouterr()
    from cjm.analyses.journey_map import journey_map

    want = journey_map(ws.cursor(), model=ws.stage_model())
    assert [(s["label"], s["customers"], s["conversion"]) for s in got["stages"]] == \
        [(s.label, s.customers, s.conversion) for s in want.stages]
    assert [s["emotion"]["value"] for s in got["stages"]] == pytest.approx([s.emotion.value for s in want.stages])


def test_report_html_workbook_in_turkish(ws_path, tmp_path, capsys):
    html, book = tmp_path / "rapor.html", tmp_path / "rapor.xlsx"
    assert cli.main(["report", "--workspace", str(ws_path), "--lang", "tr", "--html", str(html),
                     "--workbook", str(book)]) == 0
    out = capsys.readouterr().out
    assert f"yazıldı: {html}" in out and f"yazıldı: {book}" in out
    page = html.read_text(encoding="utf-8")
    assert "<th>Değerlendirme</th>" in page and "<th>Kabul Etme</th>" in page and 'lang="tr"' in page
    import openpyxl

    assert openpyxl.load_workbook(book).sheetnames[:2] == ["Hakkında", "Yolculuk haritası"]


@pytest.mark.slow
@pytest.mark.skipif(not __import__("os").path.exists("/usr/bin/chromium"), reason="needs Debian's chromium")
def test_report_pdf(ws_path, tmp_path):
    from pypdf import PdfReader

    pdf = tmp_path / "rapor.pdf"
    assert cli.main(["report", "--workspace", str(ws_path), "--lang", "ro", "--pdf", str(pdf)]) == 0
    text = "".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "Evaluare" in text and "Acceptare" in text
