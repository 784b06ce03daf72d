"""Presentation mode (ui/presentation.py): the slides as data, in three languages, and the mode under AppTest —
slide count, the slide from ``?stage=N``, entering, nothing technical on screen. The browser half (keys, sizes,
leaving) is tests/ui/test_browser_present.py."""

from __future__ import annotations

import json
import pathlib
import re
import string

import pytest
from streamlit.testing.v1 import AppTest

from cjm.analyses.journey_map import (
    AssumedCell,
    Estimate,
    JourneyMap,
    LaneCell,
    MapStage,
    Moment,
    Pain,
    Ranked,
    TeamLane,
)
from cjm.i18n import present as catalogue
from cjm.store.notes import TEXT_LANES
from ui.presentation import deck

ROOT = pathlib.Path(__file__).resolve().parents[2]
ASSETS = ROOT / "ui" / "presentation"


def small_map() -> JourneyMap:
    """Three stages: numbers to format, a moment that matters, a pain point with quotes (one of them HTML), the
    team's lanes and assumed emotion at one stage, a stage nobody rated."""
    stages = (
        MapStage("stage_a", "Değerlendirme", 1200, None,
                 (Ranked("Tanıtım toplantısı", 1200, 1500), Ranked("Web formu", 900, 900)),
                 (Ranked("E-posta", 800, 1000),), (), Estimate(None, 0), Estimate(0.5, 300, 0.4, 0.6)),
        MapStage("stage_b", "Alışma", 300, 0.25,
                 (Ranked("Destek hattı araması", 300, 420),), (Ranked("Telefon", 300, 420),),
                 (Pain("Destek hattı araması", 1, 12.5, 300, 41, -0.6,
                       ("Üç kez aradım, kimse geri dönmedi", "<b>Fatura</b> & {x}", "Her seferinde baştan")),),
                 Estimate(None, 0), Estimate(-0.4, 201, -0.6, -0.2)),
        MapStage("stage_c", "Savunma", 0, 0.0, (), (), (), Estimate(None, 0), Estimate(None, 0)),
    )
    keys = [s.key for s in stages]
    team = tuple(TeamLane(lane, tuple(LaneCell(k, "Faturayı kendim kesebileyim" if (lane, k) == ("goals", "stage_b")
                                               else "", 1) for k in keys)) for lane in TEXT_LANES)
    assumed = (AssumedCell("stage_b", "as_is", 1.0, 1), AssumedCell("stage_c", "as_is", 2.0, 1))
    return JourneyMap("coleman-8", stages, team, assumed, (Moment("Destek hattı araması", True, 1),))


def _spaced(sentences: list[str]) -> list[str]:
    return [s.replace("\xa0", " ") for s in sentences]


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def test_overview_then_one_slide_per_stage():
    d = deck(small_map(), "en")
    assert [s["kind"] for s in d["slides"]] == ["overview", "stage", "stage", "stage"]
    assert [s["title"] for s in d["slides"]] == ["The journey at a glance", "Değerlendirme", "Alışma", "Savunma"]
    assert d["positions"] == ["Overview", "Stage 1 of 3", "Stage 2 of 3", "Stage 3 of 3"]
    rows = d["slides"][0]["rows"]
    assert [(r["label"], r["customers"], r["conversion"]) for r in rows] == [
        ("Değerlendirme", "1,200", ""), ("Alışma", "300", "25%"), ("Savunma", "0", "0%")]
    # the curve: measured with its interval, assumed where the team set it; none where nobody rated
    assert [(r["measured"], r["low"], r["high"], r["assumed"]) for r in rows] == [
        (0.5, 0.4, 0.6, None), (-0.4, -0.6, -0.2, 1.0), (None, None, None, 2.0)]
    assert [(r["measured_text"], r["assumed_text"]) for r in rows] == [("+0.5", ""), ("−0.4", "+1.0"), ("", "+2.0")]
    assert d["slides"][0]["gap"] == ("Largest gap: The team expects +1.0 at Alışma; customers report −0.4 "
                                     "(n\xa0=\xa0201, 95%\xa0CI\xa0−0.6 to −0.2).")  # "n = 201" never parts


def test_a_stage_slide_carries_what_the_room_needs():
    b = deck(small_map(), "en")["slides"][2]
    assert (b["customers"], b["conversion"]) == ("300", "25%")
    assert b["touchpoints"] == [{"name": "Destek hattı araması", "customers": "300", "moment": True}]
    assert b["channels"] == ["Telefon"]
    assert _spaced(b["emotion"]["sentences"]) == ["The team expects +1.0 at Alışma; customers report −0.4 (n = 201, "
                                                  "95% CI −0.6 to −0.2)."]
    assert (b["emotion"]["measured"], b["emotion"]["assumed"]) == (-0.4, 1.0)
    [pain] = b["pains"]
    assert pain["moment"] and pain["detail"] == "Had it: 300 · went no further: 41"
    assert pain["quotes"] == ["“Üç kez aradım, kimse geri dönmedi”", "“<b>Fatura</b> & {x}”", "“Her seferinde baştan”"]
    assert b["lanes"] == [{"label": "Goals", "text": "Faturayı kendim kesebileyim"}]
    first, last = deck(small_map(), "en")["slides"][1], deck(small_map(), "en")["slides"][3]
    assert first["conversion"] == "" and first["lanes"] == [] and first["pains"] == []
    assert _spaced(first["emotion"]["sentences"]) == ["Customers report +0.5 (n = 300, 95% CI +0.4 to +0.6).",
                                             "The team has not set its assumed emotion here."]
    assert last["emotion"]["sentences"] == ["No customer has rated this stage yet.", "The team assumes +2.0 here."]


def test_numbers_and_words_in_turkish_and_romanian():
    tr, ro = deck(small_map(), "tr"), deck(small_map(), "ro")
    assert [(r["customers"], r["conversion"], r["measured_text"]) for r in tr["slides"][0]["rows"]][:2] == [
        ("1.200", "", "+0,5"), ("300", "%25", "−0,4")]
    assert [(r["customers"], r["conversion"]) for r in ro["slides"][0]["rows"]][:2] == [
        ("1.200", ""), ("300", "25\xa0%")]
    assert tr["positions"][1] == "Aşama 1 / 3" and ro["positions"][1] == "Etapa 1 din 3"
    assert tr["slides"][2]["emotion"]["sentences"][0] == ("Ekip Alışma aşamasında +1,0 bekliyor; müşteriler −0,4 "
                                                          "bildiriyor (n\xa0=\xa0201, %95\xa0GA\xa0−0,6 ile −0,2 arası).")
    assert "(n\xa0=\xa0201, IÎ\xa095%\xa0între −0,6 și −0,2)" in ro["slides"][2]["emotion"]["sentences"][0]
    assert ro["slides"][2]["pains"][0]["quotes"][0] == "„Üç kez aradım, kimse geri dönmedi”"
    assert ro["slides"][2]["lanes"][0]["label"] == "Obiective"
    assert [label for _, label in tr["slides"][0]["ticks"]] == ["−2", "−1", "0", "+1", "+2"]


@pytest.mark.parametrize("lang", ["en", "tr", "ro"])
def test_nothing_technical_on_any_slide(lang):
    d = deck(small_map(), lang)
    own = {"“<b>Fatura</b> & {x}”", "„<b>Fatura</b> & {x}”"}  # a customer's words, shown as typed
    shown = [s for s in _strings(d) if s not in own and s != lang]
    technical = re.compile(r"\b(None|nan|NaN|null|undefined|n/a|True|False|as_is|to_be|stage_[abc]|coleman-8)\b"
                           r"|[{}\[\]<>_]|present\.|lane\.")
    assert [s for s in shown if technical.search(s)] == []
    assert all(s.strip() for s in _strings(d["text"]))


def test_catalogues_have_the_same_keys_and_placeholders():
    fields = {code: {k: {f for _, f, _, _ in string.Formatter().parse(v) if f} for k, v in cat.items()}
              for code, cat in (("en", catalogue.EN), ("tr", catalogue.TR), ("ro", catalogue.RO))}
    assert fields["en"] == fields["tr"] == fields["ro"]
    assert {f"present.lane.{lane}" for lane in TEXT_LANES} <= set(catalogue.EN)
    ro = "".join(catalogue.RO.values())
    assert "ș" in ro and "ț" in ro and not set("şţŞŢ") & set(ro)  # Romanian s and t with a comma below


def test_the_browser_side_writes_text_only_and_fetches_nothing():
    js = (ASSETS / "deck.js").read_text(encoding="utf-8")
    css = (ASSETS / "deck.css").read_text(encoding="utf-8")
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function", js)
    assert "textContent" in js
    # the only address is SVG's namespace name, which is never fetched
    assert re.findall(r"https?://[^\s\"'`]+", js) == ["http://www.w3.org/2000/svg"]
    assert not re.search(r"https?:|@import|url\(", css)


# -- under AppTest ------------------------------------------------------------------------------------------------
def _script() -> None:
    import streamlit as st

    from tests.ui.test_presentation import small_map
    from ui import presentation

    if presentation.requested():
        presentation.render(small_map())
    else:
        st.title("Map")
        st.button("Present", on_click=presentation.start)


def _run(query: dict[str, str]) -> AppTest:
    at = AppTest.from_function(_script, default_timeout=30)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _deck_data(at: AppTest) -> dict:
    [component] = at.get("bidi_component")
    assert component.proto.component_name == "cjm_presentation_deck"
    return json.loads(component.proto.json)


def test_render_draws_every_slide_from_the_stage_in_the_address():
    at = _run({"present": "1", "stage": "2"})
    data = _deck_data(at)
    assert len(data["slides"]) == 3 + 1 and data["stage"] == 2
    assert at.query_params["stage"] == "2"
    assert not at.title and not at.button  # nothing of the page but the deck
    hides = data["page_css"]  # the deck holds it in the page while it is drawn
    assert '[data-testid="stSidebar"]' in hides and 'header[data-testid="stHeader"]' in hides
    assert '[data-testid="stToolbar"]' in hides and "display: none" in hides


@pytest.mark.parametrize("stage", ["99", "-1", "abc", ""])
def test_a_stage_out_of_range_opens_the_overview(stage):
    at = _run({"present": "1", "stage": stage})
    assert _deck_data(at)["stage"] == 0
    assert at.query_params["stage"] == "0"


def test_start_enters_on_the_overview():
    at = _run({})
    assert [t.value for t in at.title] == ["Map"] and not at.get("bidi_component")
    at.button[0].click().run()
    assert not at.exception
    assert at.query_params["present"] == "1" and at.query_params["stage"] == "0"
    assert _deck_data(at)["stage"] == 0 and not at.title


@pytest.mark.slow  # loads the Coleman sample
def test_the_map_page_presents_with_present_1(tmp_path):
    from cjm.ingest import samples
    from cjm.store import close_workspace, open_workspace
    from tests.ui.apptest import APP

    path = tmp_path / "coleman.duckdb"
    ws = open_workspace(path)
    samples.load_all(ws, keys=["coleman"])
    n = len(ws.stage_model().stages)
    close_workspace(ws)
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["workspace_path"] = str(path)
    at.query_params["present"] = "1"
    at.query_params["stage"] = "3"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    data = _deck_data(at)
    assert len(data["slides"]) == n + 1 == 9 and data["stage"] == 3
    assert data["slides"][5]["pains"] and data["slides"][5]["pains"][0]["quotes"]
