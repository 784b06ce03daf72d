"""The journey map as one structure (cjm.analyses.journey_map), checked on a hand-built log; its page's team
lanes (saved over the version loaded, a stale save refused and shown)."""

from __future__ import annotations

import pathlib
import pickle

import pytest

from cjm.analyses.journey_map import Estimate, LaneCell, Pain, Ranked, journey_map, with_team_lanes
from cjm.core.filters import Filters
from cjm.store.notes import TEXT_LANES, set_lane

ROOT = pathlib.Path(__file__).resolve().parents[2]


def ev(tp: str, ch: str, emotion: int | None = None, nps: int | None = None) -> dict:
    return {"touchpoint": tp, "channel": ch, "emotion": emotion, "nps": nps}


# five-stage model: awareness(0) research(1) purchase(2) retention(3) advocacy(4)
LOG = {
    "c1": [("awareness", "2026-01-02", ev("Ad", "web", 1)), ("research", "2026-01-05", ev("Webinar", "video", 0)),
           ("purchase", "2026-01-09", ev("Checkout", "web", -2, nps=9))],
    "c2": [("awareness", "2026-01-03", ev("Ad", "social", 2)), ("research", "2026-01-06", ev("Webinar", "video", -1)),
           ("research", "2026-01-07", ev("Call", "phone", -2))],
    "c3": [("awareness", "2026-01-04", ev("Blog", "web", 1))],
    "c4": [("awareness", "2026-01-04", ev("Ad", "web")), ("purchase", "2026-01-10", ev("Checkout", "email", -1, nps=7)),
           ("retention", "2026-02-01", ev("Support call", "phone", 2, nps=2))],
}


def test_journey_map_by_hand(journeys):
    con, m = journeys(LOG, model="five-stage")
    jm = journey_map(con, model=m)
    aw, re, pu, rt, ad = jm.stages
    assert jm.labels == ["Awareness", "Research", "Purchase", "Retention", "Advocacy"]

    # customers (furthest stage reached counts for every earlier stage): furthest c1 purchase, c2 research,
    # c3 awareness, c4 retention (c4 skipped research, still counts there)
    # awareness 4; research c1 c2 c4 = 3; purchase c1 c4 = 2; retention c4 = 1; advocacy 0
    assert [s.customers for s in jm.stages] == [4, 3, 2, 1, 0]
    # conversion from the previous stage: none before awareness; 3/4, 2/3, 1/2, 0/1
    assert aw.conversion is None
    assert [s.conversion for s in jm.stages[1:]] == pytest.approx([0.75, 2 / 3, 0.5, 0.0])

    # top touchpoints, most customers first: awareness Ad (c1 c2 c4) then Blog (c3); research Webinar (c1 c2)
    # then Call (c2)
    assert aw.touchpoints == (Ranked("Ad", 3, 3), Ranked("Blog", 1, 1))
    assert [t.name for t in re.touchpoints] == ["Webinar", "Call"]
    assert pu.touchpoints == (Ranked("Checkout", 2, 2),) and ad.touchpoints == ()
    # top channels, most events first (ties by name): awareness web 3 (c1 Ad, c3 Blog, c4 Ad), social 1;
    # purchase email 1, web 1
    assert aw.channels == (Ranked("web", 3, 3), Ranked("social", 1, 1))
    assert [c.name for c in pu.channels] == ["email", "web"]

    # pain points, impact = negativity × (customers + dropped) (no values: weight 1):
    #   purchase Checkout: mean (−2 −1)/2 = −1.5, 2 customers, 1 dropped (c1 stopped at purchase) -> 1.5 × 3 = 4.5
    #   research Call: mean −2, 1 customer, 1 dropped (c2) -> 2 × 2 = 4
    #   research Webinar: mean (0 −1)/2 = −0.5, 2 customers, 1 dropped (c2) -> 0.5 × 3 = 1.5
    #   awareness Ad: mean +1.5, not a pain point
    assert pu.pain_points == (Pain("Checkout", 1, 4.5, 2, 1, -1.5),)
    assert [(p.touchpoint, p.rank, p.impact) for p in re.pain_points] == [("Call", 2, 4.0), ("Webinar", 3, 1.5)]
    assert aw.pain_points == ()

    # NPS: purchase 9 (promoter) and 7 (passive) -> 100 × (1 − 0)/2 = +50, n 2; retention 2 (detractor) -> −100
    assert (pu.nps.value, pu.nps.n) == (50.0, 2)
    assert (rt.nps.value, rt.nps.n) == (-100.0, 1) and rt.nps.ci_low is None  # one answer: no interval
    assert aw.nps == Estimate(None, 0)

    # emotion: awareness (1 + 2 + 1)/3 (c4's Ad has none), research (0 − 1 − 2)/3 = −1 with sd 1,
    # 95% interval −1 ± t(0.975, 2) · 1/√3 = −1 ± 4.3027/1.7321 = −1 ± 2.4841
    assert aw.emotion.value == pytest.approx(4 / 3) and aw.emotion.n == 3
    assert re.emotion.value == pytest.approx(-1.0) and re.emotion.n == 3
    assert (re.emotion.ci_low, re.emotion.ci_high) == pytest.approx((-3.4841, 1.4841), abs=1e-4)
    assert ad.emotion == Estimate(None, 0)
    assert jm.curve == tuple(s.emotion for s in jm.stages)


def test_journey_map_respects_filters(journeys):
    con, m = journeys(LOG, model="five-stage")
    # channel web only: c1 Ad + Checkout, c3 Blog, c4 Ad -> awareness c1 c3 c4 = 3; c1 reached purchase
    jm = journey_map(con, model=m, filters=Filters(channel=("web",)))
    assert [s.customers for s in jm.stages] == [3, 1, 1, 0, 0]
    assert [t.name for t in jm.stages[0].touchpoints] == ["Ad", "Blog"]
    assert [c.name for c in jm.stages[0].channels] == ["web"]


def test_an_empty_workspace_gives_every_stage_empty(journeys):
    con, m = journeys({}, model="five-stage")
    jm = journey_map(con, model=m)
    assert [(s.customers, s.conversion, s.touchpoints, s.pain_points) for s in jm.stages] == [(0, None, (), ())] * 5
    assert all(s.nps == Estimate(None, 0) and s.emotion == Estimate(None, 0) for s in jm.stages)


def test_team_lanes_are_merged_without_recomputing_or_a_new_data_version(journeys, ws):
    con, m = journeys(LOG, model="five-stage")
    jm = journey_map(con, model=m)
    assert pickle.loads(pickle.dumps(jm)) == jm  # st.cache_data keeps it pickled
    assert jm.team == () and jm.cell("goals", "awareness") == LaneCell("awareness", "", 0)
    before = ws.data_version()
    assert set_lane(ws, "awareness", "goals", "Hear about us from a peer", expected=0) == 1
    assert set_lane(ws, "purchase", "owner", "Sales", expected=0) == 1
    assert set_lane(ws, "purchase", "owner", "", expected=1) == 2  # cleared: no text, the version stays
    assert ws.data_version() == before  # a note, not data: every cached analysis stays valid
    full = with_team_lanes(jm, ws.cursor())
    assert full.stages == jm.stages
    assert [t.lane for t in full.team] == list(TEXT_LANES)
    assert all([c.stage_key for c in t.cells] == m.keys for t in full.team)
    assert full.cell("goals", "awareness") == LaneCell("awareness", "Hear about us from a peer", 1)
    assert full.cell("owner", "purchase") == LaneCell("purchase", "", 2)
    assert full.cell("kpi", "advocacy") == LaneCell("advocacy", "", 0)


# -- the page ------------------------------------------------------------------------------------------
@pytest.fixture
def page_ws(tmp_path):
    from cjm.ingest import samples as sample
    from cjm.store import close_workspace, open_workspace

    ws = open_workspace(tmp_path / "map.duckdb")
    sample.load_all(ws, keys=["hinge"])
    yield ws
    close_workspace(ws)


def _page(path):
    from streamlit import config
    from streamlit.testing.v1 import AppTest

    config.set_option("client.showErrorDetails", "full")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["workspace_path"] = str(path)
    at.run()
    at.switch_page("app_pages/journey_map.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_page_saves_a_lane_over_the_version_it_loaded(page_ws):
    from cjm.store.notes import lanes
    from tests.ui.apptest import map_edit

    first = page_ws.stage_model().keys[0]
    at = _page(page_ws.path)
    data_version = page_ws.data_version()
    map_edit(at, "save", {"lane": "goals", "stage": first, "text": "Find a firm that understands us", "version": 0})
    assert not at.exception and not at.warning
    assert lanes(page_ws.cursor())[["text", "version"]].values.tolist() == [["Find a firm that understands us", 1]]
    map_edit(at, "save", {"lane": "goals", "stage": first, "text": "Find a firm that gets us", "version": 1})
    assert lanes(page_ws.cursor())[["text", "version"]].values.tolist() == [["Find a firm that gets us", 2]]
    assert page_ws.data_version() == data_version


def test_page_refuses_a_stale_lane_save_and_shows_both_texts(page_ws):
    from cjm.store.notes import lanes
    from tests.ui.apptest import map_edit

    model = page_ws.stage_model()
    first = model.keys[0]
    at = _page(page_ws.path)  # the cell is loaded empty (version 0)
    set_lane(page_ws, first, "goals", "Their text", expected=0)  # someone else saves meanwhile
    map_edit(at, "save", {"lane": "goals", "stage": first, "text": "My text", "version": 0})
    assert not at.exception
    assert lanes(page_ws.cursor())["text"].tolist() == ["Their text"]  # theirs kept, nothing overwritten
    assert len(at.warning) == 1 and "saved by someone else while you were editing" in at.warning[0].value
    texts = [t.value for t in at.text]
    assert "Their text" in texts and "My text" in texts
    assert {b.label for b in at.button} >= {"Keep mine", "Keep theirs", "Edit"}
    # saving over their version (what the cell now shows) goes through
    map_edit(at, "save", {"lane": "goals", "stage": first, "text": "Their text + my text", "version": 1})
    assert lanes(page_ws.cursor())[["text", "version"]].values.tolist() == [["Their text + my text", 2]]
