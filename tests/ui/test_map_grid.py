"""The journey map as one editable grid (ui/map_grid.py + app_pages/journey_map.py): what the component is given,
in three languages, and the saves it sends back — a team cell, the assumed emotion, a moment that matters — under
AppTest, as the browser sends them (a trigger value on the component). The browser half (layout at 1280×720, a
cell edited by hand surviving a restart) is tests/ui/test_browser_map.py."""

from __future__ import annotations

import re
import shutil
import string

import pytest

from cjm.analyses import funnel as funnel_mod
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
    journey_map,
    with_team_lanes,
)
from cjm.core.filters import Filters
from cjm.i18n import mapview
from cjm.store import close_workspace, open_workspace
from cjm.store.notes import TEXT_LANES, assumed, lanes, moments, set_lane
from tests.ui.apptest import component_data, map_edit, open_app, trigger
from ui import map_grid

NAME = "cjm.map_grid"


# -- the payload, no Streamlit ----------------------------------------------------------------------------------
def small_map() -> JourneyMap:
    stages = (
        MapStage("assess", "Değerlendirme", 1234, None, (Ranked("Tanıtım toplantısı", 1200, 1500),),
                 (Ranked("E-posta", 800, 1000),), (), Estimate(None, 0), Estimate(0.25, 300, 0.1, 0.4)),
        MapStage("acclimate", "Alışma", 201, 0.5712,
                 (Ranked("Destek hattı araması", 150, 180), Ranked("<b>İlk</b> fatura", 90, 90)), (),
                 (Pain("Destek hattı araması", 1, 12.5, 150, 40, -1.25, ("Kimse açmadı", "**Çok** yavaş")),),
                 Estimate(-12.0, 40), Estimate(-0.4, 201, -0.6, -0.2)),
    )
    team = tuple(TeamLane(lane, (LaneCell("assess", f"{lane} text" if lane == "goals" else "", 3 if lane == "goals"
                                          else 0), LaneCell("acclimate", "", 0))) for lane in TEXT_LANES)
    return JourneyMap("coleman-8", stages, team=team,
                      assumed=(AssumedCell("acclimate", "as_is", 1.0, 2), AssumedCell("acclimate", "to_be", 1.5, 1)),
                      moments=(Moment("Destek hattı araması", True, 4),))


def _row(p: dict, row_id: str) -> dict:
    return next(r for r in p["rows"] if r.get("id") == row_id)


@pytest.mark.parametrize(("lang", "customers", "conversion", "measured", "nps", "aria"), [
    ("en", "1,234", "57%", "−0.4 · n = 201", "−12 (n = 40)", "Goals at Değerlendirme"),
    ("tr", "1.234", "%57", "−0,4 · n = 201", "−12 (n = 40)", "Değerlendirme aşamasında Hedefler"),
    ("ro", "1.234", "57\u00a0%", "−0,4 · n = 201", "−12 (n = 40)", "Obiective în etapa Değerlendirme"),
])
def test_payload_formats_for_the_language(lang, customers, conversion, measured, nps, aria):
    p = map_grid.payload(small_map(), lang)
    assert [s["label"] for s in p["stages"]] == ["Değerlendirme", "Alışma"]
    assert _row(p, "customers")["cells"][0]["text"] == customers
    assert _row(p, "conversion")["cells"][1]["text"] == conversion
    assert _row(p, "emotion-values")["cells"][1]["text"] == measured
    assert _row(p, "nps")["cells"][1]["text"] == nps
    goals = _row(p, "goals")["cells"][0]
    assert (goals["aria"], goals["text"], goals["version"]) == (aria, "goals text", 3)


def test_payload_rows_in_map_order_with_everything_a_save_needs():
    p = map_grid.payload(small_map(), "en", conflicted=frozenset({map_grid.cell_key("owner", "acclimate")}))
    assert [r.get("id", r["kind"]) for r in p["rows"]] == [
        "customers", "conversion", "touchpoints", "channels", "emotion", "emotion-values", "as_is", "to_be", "pain",
        "nps", "kpi", "section", "goals", "actions", "thoughts", "opportunities", "owner"]
    touch = _row(p, "touchpoints")["cells"][1]["items"]
    assert [(i["text"], i["moment"], i["version"]) for i in touch] == [
        ("Destek hattı araması", True, 4), ("<b>İlk</b> fatura", False, 0)]  # text as typed: the browser sets text
    pain = _row(p, "pain")["cells"][1]["items"][0]
    assert pain["text"] == "1. Destek hattı araması" and pain["moment"] is True
    assert pain["quotes"] == ["“Kimse açmadı”", "“**Çok** yavaş”"]
    assert pain["title"] == "Destek hattı araması: 150 customers, 40 went no further, mean emotion −1.2"
    plot = _row(p, "emotion")["cells"]
    assert [(c["mean"], c["low"], c["high"], c["as_is"], c["as_is_version"], c["to_be"]) for c in plot] == [
        (0.25, 0.1, 0.4, None, 0, None), (-0.4, -0.6, -0.2, 1.0, 2, 1.5)]
    assert [(c["value"], c["version"]) for c in _row(p, "as_is")["cells"]] == [(None, 0), (1.0, 2)]
    assert [c["conflict"] for c in _row(p, "owner")["cells"]] == [False, True]
    assert _row(p, "conversion")["cells"][1]["title"] == "57% of the customers at Değerlendirme went on to Alışma"
    assert p["text"]["scroll_hint"] == ""  # two stages fit


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_catalogue_three_languages_same_keys_and_placeholders():
    assert set(mapview.EN) == set(mapview.TR) == set(mapview.RO)
    for key, en in mapview.EN.items():
        assert _placeholders(mapview.TR[key]) == _placeholders(en) == _placeholders(mapview.RO[key]), key
    ro = " ".join(mapview.RO.values())
    assert not re.search("[şţŞŢ]", ro)  # Romanian ș ț take a comma below, not a cedilla
    assert "punct" in mapview.RO["mapview.moment_mark"] or "moment important" in mapview.RO["mapview.moment_mark"]
    assert "temas noktası" in mapview.TR["mapview.moment_mark"]
    assert "aşama" in mapview.TR["mapview.conversion_title"]


def test_the_browser_code_never_writes_html():
    """Text from data and from people goes in with textContent / attributes: the component's JS has no HTML sink."""
    js = (map_grid._ASSETS / "grid.js").read_text(encoding="utf-8")
    assert re.findall(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\.html\(", js) == []
    css = (map_grid._ASSETS / "grid.css").read_text(encoding="utf-8")
    assert not re.search(r"word-break:\s*break-|overflow-wrap:\s*(anywhere|break-word)|hyphens:\s*auto", css)
    assert "hyphens: manual" in css and "overflow-wrap: normal" in css
    assert not re.search(r"https?://|@import|url\(", css + js.replace("http://www.w3.org/2000/svg", ""))


# -- the page, AppTest ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def coleman(tmp_path_factory):
    from cjm.ingest import samples as sample

    path = tmp_path_factory.mktemp("coleman") / "coleman.duckdb"
    ws = open_workspace(path)
    sample.load_all(ws, keys=["coleman"])
    close_workspace(ws)
    return path


@pytest.fixture
def ws(coleman, tmp_path):
    path = tmp_path / "map.duckdb"
    shutil.copy(coleman, path)
    w = open_workspace(path)
    yield w
    close_workspace(w)


def _ok(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def test_page_draws_the_grid_with_the_funnel_numbers(ws):
    at = open_app(ws.path, "journey_map")
    _ok(at)
    model = ws.stage_model()
    grid = component_data(at, NAME)
    assert [s["label"] for s in grid["stages"]] == [s.label for s in model.stages]
    expected = funnel_mod.funnel(ws.cursor(), model=model, filters=Filters())
    assert [c["text"] for c in _row(grid, "customers")["cells"]] == [f"{int(n):,}" for n in expected["customers"]]
    assert [b.label for b in at.button if b.key == "map_present"] == ["Present to the room"]
    assert at.main.caption[-1].value == "Set the team's assumed emotion on the map to compare it with what customers report."


def test_a_cell_saved_from_the_grid_computes_no_analysis_again(ws, monkeypatch):
    """The save is a team note: the data version stays, every analysis comes from the cache (the funnel, counted,
    is not called), the grid shows the new text and version. A data write, as a control, does compute again."""
    calls = []
    real = funnel_mod.funnel
    monkeypatch.setattr(funnel_mod, "funnel", lambda *a, **k: calls.append(1) or real(*a, **k))
    at = open_app(ws.path, "journey_map")
    stage = ws.stage_model().keys[0]
    before, calls[:] = ws.data_version(), []
    map_edit(at, "save", {"lane": "goals", "stage": stage, "text": "  Bize güvenilir bir ortak lazım ",
                               "version": 0, "at": 1})
    _ok(at)
    assert lanes(ws.cursor())[["stage_key", "lane", "text", "version"]].values.tolist() == [
        [stage, "goals", "Bize güvenilir bir ortak lazım", 1]]
    assert (ws.data_version(), calls) == (before, [])
    cell = _row(component_data(at, NAME), "goals")["cells"][0]
    assert (cell["text"], cell["version"], cell["conflict"]) == ("Bize güvenilir bir ortak lazım", 1, False)
    ws.set_stage_model(ws.stage_model())  # a data write
    at.run()
    assert calls  # the control: after a data write the funnel is computed again


def test_a_refused_cell_save_offers_the_three_choices(ws):
    """Someone saved the cell after this grid was drawn: nothing is overwritten, the cell is outlined, and keep mine
    saves over their version."""
    at = open_app(ws.path, "journey_map")
    stage = ws.stage_model().keys[0]
    set_lane(ws, stage, "goals", "Theirs", expected=0)
    map_edit(at, "save", {"lane": "goals", "stage": stage, "text": "Mine", "version": 0, "at": 1})
    assert not at.exception
    assert lanes(ws.cursor())[["text", "version"]].values.tolist() == [["Theirs", 1]]
    assert len(at.warning) == 1 and "was saved by someone else" in at.warning[0].value
    assert "Theirs" in [e.value for e in at.text] and "Mine" in [e.value for e in at.text]
    cell = _row(component_data(at, NAME), "goals")["cells"][0]
    assert (cell["text"], cell["version"], cell["conflict"]) == ("Theirs", 1, True)
    key = map_grid.cell_key("goals", stage)
    at.button(key=f"{key}__keep_mine").click().run()
    _ok(at)
    assert lanes(ws.cursor())[["text", "version"]].values.tolist() == [["Mine", 2]]
    cell = _row(component_data(at, NAME), "goals")["cells"][0]
    assert (cell["text"], cell["version"], cell["conflict"]) == ("Mine", 2, False) and not at.warning


def test_assumed_emotion_set_on_the_map_is_drawn_and_spelled_out(ws):
    at = open_app(ws.path, "journey_map")
    map_edit(at, "assume", {"stage": "acclimate", "kind": "as_is", "value": 1.0, "version": 0, "at": 1})
    _ok(at)
    assert assumed(ws.cursor()) == {("acclimate", "as_is"): (1.0, 1)}
    grid = component_data(at, NAME)
    plot = next(c for c in _row(grid, "emotion")["cells"] if c["stage"] == "acclimate")
    assert (plot["as_is"], plot["as_is_version"]) == (1.0, 1)
    jm = with_team_lanes(journey_map(ws.cursor(), model=ws.stage_model()), ws.cursor())
    m = jm.stages[4].emotion
    sentence = (f"The team expects +1.0 at {jm.stages[4].label}; customers report {m.value:+.1f} (n = {m.n}, 95% CI "
                f"{m.ci_low:+.1f} to {m.ci_high:+.1f}).").replace("-", "−")
    assert [md.value for md in at.markdown if md.value.startswith("- ")] == ["- " + map_grid.ui.plain(sentence)]
    # "to be" beside it, then "as is" cleared; a second browser still showing version 0 is refused, not applied
    map_edit(at, "assume", {"stage": "acclimate", "kind": "to_be", "value": 2.0, "version": 0, "at": 2})
    map_edit(at, "assume", {"stage": "acclimate", "kind": "as_is", "value": None, "version": 1, "at": 3})
    _ok(at)
    assert assumed(ws.cursor()) == {("acclimate", "as_is"): (None, 2), ("acclimate", "to_be"): (2.0, 1)}
    map_edit(at, "assume", {"stage": "acclimate", "kind": "to_be", "value": -1.0, "version": 0, "at": 4})
    assert [e.value for e in at.error] == [map_grid.ui.plain(mapview.EN["mapview.stale_value"])]
    assert assumed(ws.cursor())[("acclimate", "to_be")] == (2.0, 1)


def test_a_touchpoint_marked_on_the_map_stands_out_everywhere(ws):
    at = open_app(ws.path, "journey_map")
    grid = component_data(at, NAME)
    first = _row(grid, "touchpoints")["cells"][0]["items"][0]
    assert (first["moment"], first["version"]) == (False, 0)
    map_edit(at, "moment", {"touchpoint": first["tp"], "marked": True, "version": 0, "at": 1})
    _ok(at)
    assert moments(ws.cursor()) == {first["tp"]: (True, 1)}
    grid = component_data(at, NAME)
    marked = [i for r in ("touchpoints", "pain") for c in _row(grid, r)["cells"] for i in c["items"] if i["moment"]]
    assert marked and {i["tp"] for i in marked} == {first["tp"]}


def test_the_persona_filter_applies_to_the_map(tmp_path):
    from cjm.ingest import samples as sample

    w = open_workspace(tmp_path / "ro.duckdb")
    sample.load_all(w, keys=["romanian"])
    try:
        at = open_app(w.path, "journey_map")
        persona = at.sidebar.multiselect(key="f_persona")
        chosen = persona.options[0]
        persona.set_value([chosen]).run()
        _ok(at)
        expected = journey_map(w.cursor(), model=w.stage_model(), filters=Filters(persona=(chosen,)))
        everyone = journey_map(w.cursor(), model=w.stage_model(), filters=Filters())
        shown = [c["text"] for c in _row(component_data(at, NAME), "customers")["cells"]]
        assert shown == [f"{s.customers:,}" for s in expected.stages]
        assert shown != [f"{s.customers:,}" for s in everyone.stages]
    finally:
        close_workspace(w)


def test_present_button_opens_presentation_mode_with_the_same_map(ws):
    """The Present button hands over to ui/presentation.py (another part of issue 11): the map grid gives way to the
    deck, which gets the same map — the team's notes included."""
    set_lane(ws, ws.stage_model().keys[0], "goals", "Find a partner", expected=0)
    at = open_app(ws.path, "journey_map")
    component_data(at, NAME)  # the grid is there
    at.button(key="map_present").click().run()
    assert not at.exception, [e.value for e in at.exception]
    with pytest.raises(LookupError):
        component_data(at, NAME)
    deck = component_data(at, "cjm_presentation_deck")
    assert "Find a partner" in str(deck)


def test_quick_clicks_sent_together_are_all_saved_in_order(ws):
    """Two + clicks on one stage and a mark, faster than a rerun, come as one message (grid.js gathers them):
    each is saved over the version the one before it made."""
    at = open_app(ws.path, "journey_map")
    items = [{"edit": "assume", "stage": "assess", "kind": "as_is", "value": 0.5, "version": 0},
             {"edit": "assume", "stage": "assess", "kind": "as_is", "value": 1.0, "version": 1},
             {"edit": "moment", "touchpoint": "Web formu", "marked": True, "version": 0},
             {"edit": "unknown", "stage": "assess"}]
    trigger(at, NAME, "edits", {"items": items, "at": 1})
    _ok(at)
    assert assumed(ws.cursor()) == {("assess", "as_is"): (1.0, 2)}
    assert moments(ws.cursor()) == {"Web formu": (True, 1)}
