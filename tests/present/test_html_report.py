"""The HTML report, its PDF and the map image: in the chosen language, every text escaped, no request to
anywhere (checked in Chromium with every request logged), pages and stage names in the PDF, a 1920 px map."""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest

from cjm.core.filters import Filters
from cjm.ingest.samples import load_all
from cjm.present.html_report import build_html, map_png
from cjm.store import open_workspace
from cjm.store.notes import Persona, save_persona, set_assumed, set_lane, set_moment, set_pain_status

CHROMIUM = "/usr/bin/chromium"
HOSTILE = ["<script>alert('lane')</script>", "=HYPERLINK(\"http://evil.example\",\"x\")", "<img src=x onerror=alert(1)>",
           "=cmd|' /C calc'!A0"]
TR_STAGES = ["Değerlendirme", "Kabul Etme", "Onaylama", "Etkinleştirme", "Alışma", "Sonuçlandırma", "Benimseme",
             "Savunma"]


@pytest.fixture(scope="module")
def ws():
    w = open_workspace(":memory:")
    load_all(w, keys=["coleman"])
    for i, text in enumerate(HOSTILE):
        set_lane(w, ["assess", "admit", "affirm", "acclimate"][i], "thoughts", text, expected=0)
    set_assumed(w, "acclimate", "as_is", 1, expected=0)
    set_moment(w, "Destek hattı araması", True, expected=0)
    save_persona(w, Persona("p1", "<b>Ayşe</b>", role="main_client", quote="Ulaşamıyorum"), expected=0)
    set_pain_status(w, "acclimate", "Destek hattı araması", "in progress", "<i>geri arama</i>", expected=0)
    return w


@pytest.fixture(scope="module")
def page_tr(ws):
    return build_html(ws.cursor(), model=ws.stage_model(), lang="tr", today=dt.date(2026, 3, 5),
                      filters=Filters(start=dt.date(2025, 1, 1)))


def _body(page: str) -> str:
    """The document after the embedded plotly.js (the part built from the workspace)."""
    return page.split("</script></head>", 1)[1]


def test_turkish_stage_names_cover_and_team_notes(page_tr):
    body = _body(page_tr)
    for label in TR_STAGES:
        assert f"<th>{label}</th>" in body
    assert "5 Mar 2026" in body and "2025" in body  # the date and the period filter on the cover
    assert "Ekip Alışma aşamasında +1,0 bekliyor" in body  # the gap sentence
    assert '<span class="moment">Destek hattı araması</span>' in body
    assert "Ulaşamıyorum" in body  # the persona's quote
    assert "<td>devam ediyor</td>" in body  # the pain point's status, in Turkish


def test_no_text_becomes_html(page_tr):
    body = _body(page_tr)
    assert "<script>alert" not in body and "<img src=x" not in body and "<b>Ayşe</b>" not in body
    assert "&lt;script&gt;alert(&#x27;lane&#x27;)&lt;/script&gt;" in body
    assert "&lt;b&gt;Ayşe&lt;/b&gt;" in body and "&lt;i&gt;geri arama&lt;/i&gt;" in body
    # one script element only: plotly.js itself, and the per-chart calls plotly writes
    scripts = re.findall(r"<script[^>]*>", page_tr)
    assert all(s == '<script type="text/javascript">' or s == "<script>" for s in scripts), set(scripts)


def test_nothing_points_outside(page_tr):
    body = _body(page_tr)
    assert "default-src 'none'" in page_tr
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", body)
    assert "@import" not in page_tr and "url(http" not in page_tr


needs_chromium = pytest.mark.skipif(not os.path.exists(CHROMIUM) and os.environ.get("CJM_REQUIRE_BROWSER") != "1",
                                    reason="needs Debian's chromium")


@pytest.mark.slow
@pytest.mark.browser
@needs_chromium
def test_opens_offline_with_zero_requests(page_tr, tmp_path):
    from playwright.sync_api import sync_playwright

    path = tmp_path / "report.html"
    path.write_text(page_tr, encoding="utf-8")
    requests, errors = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu",
                                                                    "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(path.as_uri())
        page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 4", timeout=30_000)
        alerts = page.evaluate("typeof window.__alerted")  # an alert would need the lane text to run
        browser.close()
    assert requests == [path.as_uri()]
    assert errors == [] and alerts == "undefined"


@pytest.mark.slow
@needs_chromium
def test_pdf_has_pages_and_the_stage_names(page_tr, tmp_path):
    from pypdf import PdfReader

    from cjm.present.chromium import html_to_pdf

    pdf = html_to_pdf(page_tr, tmp_path / "report.pdf")
    reader = PdfReader(str(pdf))
    text = "".join(p.extract_text() for p in reader.pages)
    assert len(reader.pages) >= 5
    for label in TR_STAGES:
        assert label in text
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # A4 landscape


@pytest.mark.slow
@needs_chromium
def test_map_png_is_a_slide_wide(ws, tmp_path):
    from PIL import Image

    width, height = map_png(ws.cursor(), str(tmp_path / "map.png"), model=ws.stage_model(), lang="ro",
                            today=dt.date(2026, 3, 5))
    with Image.open(tmp_path / "map.png") as img:
        assert img.size == (width, height)
    assert width >= 1920 and 700 < height < 4000


def test_touchpoint_types_the_team_set_reach_every_export():
    import io

    import openpyxl

    from cjm.present.report import build
    from cjm.present.workbook import write_workbook
    from cjm.store.progress import set_touchpoint_type

    w = open_workspace(":memory:")
    load_all(w, keys=["coleman"])
    set_touchpoint_type(w, "Destek hattı araması", "internal", expected=0)
    assert "<td>Destek hattı araması</td><td>dahili</td>" in build_html(w.cursor(), model=w.stage_model(), lang="tr")
    buf = io.BytesIO()
    write_workbook(w.cursor(), buf, model=w.stage_model(), lang="tr")
    rows = list(openpyxl.load_workbook(buf)["Temas noktaları × kanallar"].iter_rows(values_only=True))
    assert ("Destek hattı araması", "dahili") in [r[:2] for r in rows]
    team = build(w.cursor(), model=w.stage_model())["team"]
    assert team["touchpoint_types"] == [{"touchpoint": "Destek hattı araması", "type": "internal", "version": 1}]
