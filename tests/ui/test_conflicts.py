"""Two people, one workspace file: a save from a stale view is refused and the user chooses — keep mine, keep
theirs, or edit the two into one (ui/conflicts.py) — on the journey map, the pain points and the what-if page.

Each test runs two AppTest sessions (A and B) on one workspace file, as two browser tabs on one server: A loads,
B saves, A saves and is refused; then A's choice decides what is saved, checked in the workspace itself.
"""

from __future__ import annotations

import json
import pathlib
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from cjm.core.filters import Filters
from cjm.i18n import t
from cjm.store import close_workspace, open_workspace
from cjm.store.notes import lanes, pain_status, scenario_specs
from tests.ui.apptest import component_data, map_edit

pytestmark = pytest.mark.slow  # two app sessions on one workspace file, several saves each

ROOT = pathlib.Path(__file__).resolve().parents[2]
SEPARATOR = t("conflict.separator")


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> pathlib.Path:
    from cjm.ingest import samples as sample

    path = tmp_path_factory.mktemp("template") / "sample.duckdb"
    ws = open_workspace(path)
    sample.load_all(ws, keys=["hinge"])
    close_workspace(ws)
    return path


@pytest.fixture
def ws(template, tmp_path):
    path = tmp_path / "team.duckdb"
    shutil.copy(template, path)
    w = open_workspace(path)
    yield w
    close_workspace(w)


def _session(path, page: str) -> AppTest:
    from streamlit import config

    config.set_option("client.showErrorDetails", "full")  # tests see the real error; users never do
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["workspace_path"] = str(path)
    at.run()
    at.switch_page(f"app_pages/{page}.py")
    at.run()
    _ok(at)
    return at


def _ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _texts(at: AppTest) -> list[str]:
    return [e.value for e in at.text]


# -- the journey map -------------------------------------------------------------------------------------
# The map is one grid (a custom component, ui/map_grid.py): a cell edit reaches Python as the browser sends it, a
# trigger value carrying the text and the version of the cell as that session last drew it.
def _cell(at: AppTest, stage: str) -> dict:
    """The goals cell at *stage* as the grid of *at* last drew it (text, version, conflict outline)."""
    rows = component_data(at, "cjm.map_grid")["rows"]
    return next(c for c in next(r for r in rows if r.get("id") == "goals")["cells"] if c["stage"] == stage)


def _type(at: AppTest, stage: str, text: str) -> AppTest:
    """The user of *at* writes *text* into the goals cell at *stage* (saved over the version that grid shows)."""
    return map_edit(at, "save", {"lane": "goals", "stage": stage, "text": text,
                                                "version": _cell(at, stage)["version"]})


def _map_refused(ws) -> tuple[AppTest, AppTest, str]:
    """A and B open the map; B writes a goal, then A (still showing the empty cell) writes one: refused."""
    stage = ws.stage_model().keys[0]
    cell = f"lane__goals__{stage}"
    a, b = _session(ws.path, "journey_map"), _session(ws.path, "journey_map")
    _type(b, stage, "Theirs")
    _ok(b)
    _type(a, stage, "Mine")
    _ok(a)
    assert lanes(ws.cursor())[["text", "version"]].values.tolist() == [["Theirs", 1]]  # nothing overwritten
    assert len(a.warning) == 1 and "was saved by someone else while you were editing it" in a.warning[0].value
    assert "Theirs" in _texts(a) and "Mine" in _texts(a)  # both texts shown
    assert _cell(a, stage)["text"] == "Theirs" and _cell(a, stage)["conflict"]  # the cell shows what is saved
    assert [x.label for x in a.button if x.key.startswith(cell)] == ["Keep mine", "Keep theirs", "Edit"]
    return a, b, cell


def _stage(cell: str) -> str:
    return cell.split("__")[-1]


def test_map_keep_mine_saves_over_their_version(ws):
    a, _b, cell = _map_refused(ws)
    a.button(key=f"{cell}__keep_mine").click().run()
    _ok(a)
    assert lanes(ws.cursor())[["text", "version"]].values.tolist() == [["Mine", 2]]
    assert _cell(a, _stage(cell))["text"] == "Mine" and not a.warning


def test_map_keep_theirs_drops_mine(ws):
    a, _b, cell = _map_refused(ws)
    a.button(key=f"{cell}__keep_theirs").click().run()
    _ok(a)
    assert lanes(ws.cursor())[["text", "version"]].values.tolist() == [["Theirs", 1]]
    assert _cell(a, _stage(cell))["text"] == "Theirs" and not a.warning
    _type(a, _stage(cell), "Theirs, and more")  # the cell now edits their version
    assert lanes(ws.cursor())[["text", "version"]].values.tolist() == [["Theirs, and more", 2]]


def test_map_edit_merges_both_texts(ws):
    a, _b, cell = _map_refused(ws)
    a.button(key=f"{cell}__edit").click().run()
    _ok(a)
    box = a.text_area(key=f"{cell}__merge")
    assert box.value == f"Theirs\n{SEPARATOR}\nMine"  # theirs, a separator line, mine
    box.set_value("Theirs; mine")
    a.button(key=f"{cell}__save_merged").click().run()
    _ok(a)
    assert lanes(ws.cursor())[["text", "version"]].values.tolist() == [["Theirs; mine", 2]]
    assert _cell(a, _stage(cell))["text"] == "Theirs; mine" and not a.warning


def test_map_keep_mine_is_refused_again_after_a_third_save(ws):
    a, b, cell = _map_refused(ws)
    _type(b, _stage(cell), "Theirs, again")  # B saves once more while A decides
    assert lanes(ws.cursor())[["text", "version"]].values.tolist() == [["Theirs, again", 2]]
    a.button(key=f"{cell}__keep_mine").click().run()
    _ok(a)
    assert lanes(ws.cursor())[["text", "version"]].values.tolist() == [["Theirs, again", 2]]  # caught again
    assert len(a.warning) == 1 and "Theirs, again" in _texts(a) and "Mine" in _texts(a)
    a.button(key=f"{cell}__keep_mine").click().run()  # having seen the newest text
    assert lanes(ws.cursor())[["text", "version"]].values.tolist() == [["Mine", 3]]


def test_map_two_sessions_editing_one_cell_lose_no_edit(ws):
    """The figure for the note: A and B take turns adding a line to one cell, each from the view it last drew, so
    every save after the first is from a stale view. Each refusal is merged (Edit); count the lines lost."""
    n = 10
    stage = ws.stage_model().keys[0]
    cell = f"lane__goals__{stage}"
    a, b = _session(ws.path, "journey_map"), _session(ws.path, "journey_map")
    refused = 0
    for i in range(n):
        for who, at in (("A", a), ("B", b)):
            shown = _cell(at, stage)["text"] or ""
            _type(at, stage, "\n".join(filter(None, [shown, f"{who}{i}"])))
            _ok(at)
            if at.warning:  # refused: merge theirs and mine, each line once, the separator dropped
                refused += 1
                at.button(key=f"{cell}__edit").click().run()
                lines = at.text_area(key=f"{cell}__merge").value.split("\n")
                merged = list(dict.fromkeys(x for x in lines if x != SEPARATOR))
                at.text_area(key=f"{cell}__merge").set_value("\n".join(merged))
                at.button(key=f"{cell}__save_merged").click().run()
                _ok(at)
                assert not at.warning
    final = lanes(ws.cursor())["text"].iloc[0].split("\n")
    lost = [f"{who}{i}" for i in range(n) for who in "AB" if f"{who}{i}" not in final]
    print(f"\ntwo sessions editing one cell: {refused} of {2 * n} saves refused (stale view), "
          f"lost edits: {len(lost)} of {2 * n}")
    assert refused == 2 * n - 1  # every save but the first came from a stale view
    assert lost == []


# -- the pain points ---------------------------------------------------------------------------------------
def _pain_refused(ws) -> tuple[AppTest, AppTest, str]:
    from cjm.analyses import pain_points

    top = pain_points.pain_points(ws.cursor(), model=ws.stage_model(), filters=Filters(), top=20).iloc[0]
    form = f"pain_{top['stage']}_{top['touchpoint']}"
    a, b = _session(ws.path, "pain_points_page"), _session(ws.path, "pain_points_page")
    b.selectbox(key=f"{form}_status").set_value("in progress")
    b.text_area(key=f"{form}_note").set_value("Call them back within a day")
    b.button(key=f"{form}_save").click().run()
    _ok(b)
    a.text_area(key=f"{form}_note").set_value("Shorter forms")
    a.button(key=f"{form}_save").click().run()
    _ok(a)
    assert _pain(ws) == ("in progress", "Call them back within a day", 1)  # nothing overwritten
    assert len(a.warning) == 1 and "was saved by someone else" in a.warning[0].value
    assert "Call them back within a day" in _texts(a) and "Shorter forms" in _texts(a)
    assert any('Their status: "in progress"' in c.value for c in a.caption)
    # the form's own Save button does not overwrite theirs either: it is refused again until the user chooses
    a.button(key=f"{form}_save").click().run()
    assert _pain(ws) == ("in progress", "Call them back within a day", 1) and len(a.warning) == 1
    return a, b, form


def _pain(ws) -> tuple[str, str, int]:
    row = pain_status(ws.cursor()).iloc[0]
    return row["status"], row["note"], int(row["version"])


def test_pain_keep_mine(ws):
    a, _b, form = _pain_refused(ws)
    a.button(key=f"{form}__keep_mine").click().run()
    _ok(a)
    assert _pain(ws) == ("open", "Shorter forms", 2)  # my status goes with my note
    assert not a.warning


def test_pain_keep_theirs(ws):
    a, _b, form = _pain_refused(ws)
    a.button(key=f"{form}__keep_theirs").click().run()
    _ok(a)
    assert _pain(ws) == ("in progress", "Call them back within a day", 1)
    assert a.text_area(key=f"{form}_note").value == "Call them back within a day"
    assert a.selectbox(key=f"{form}_status").value == "in progress" and not a.warning
    a.text_area(key=f"{form}_note").set_value("Called back")  # the form now edits their version
    a.button(key=f"{form}_save").click().run()
    assert _pain(ws) == ("in progress", "Called back", 2)


def test_pain_edit_merges(ws):
    a, _b, form = _pain_refused(ws)
    a.button(key=f"{form}__edit").click().run()
    assert a.text_area(key=f"{form}__merge").value == f"Call them back within a day\n{SEPARATOR}\nShorter forms"
    a.text_area(key=f"{form}__merge").set_value("Call them back within a day; shorter forms")
    a.button(key=f"{form}__save_merged").click().run()
    _ok(a)
    assert _pain(ws) == ("open", "Call them back within a day; shorter forms", 2)
    assert a.text_area(key=f"{form}_note").value == "Call them back within a day; shorter forms"


def test_pain_keep_mine_is_refused_again_after_a_third_save(ws):
    a, b, form = _pain_refused(ws)
    b.text_area(key=f"{form}_note").set_value("Call them back within an hour")
    b.button(key=f"{form}_save").click().run()
    assert _pain(ws) == ("in progress", "Call them back within an hour", 2)
    a.button(key=f"{form}__keep_mine").click().run()
    _ok(a)
    assert _pain(ws) == ("in progress", "Call them back within an hour", 2)  # caught again
    assert "Call them back within an hour" in _texts(a)
    a.button(key=f"{form}__keep_mine").click().run()
    assert _pain(ws) == ("open", "Shorter forms", 3)


# -- what if -----------------------------------------------------------------------------------------------
def _spec(ws, name: str) -> tuple[dict, int]:
    found = {n: (json.loads(s), v) for n, s, v in scenario_specs(ws.cursor())}
    return found[name]


def _saved_ok(at: AppTest) -> None:
    """After a successful scenario save: the page reruns its fragment, which AppTest (running the whole script on
    every click) reports as an exception; anything else is a bug."""
    assert all("scope=\"fragment\"" in e.value for e in at.exception), [e.value for e in at.exception]


def _whatif_refused(ws) -> tuple[AppTest, AppTest]:
    a, b = _session(ws.path, "what_if_page"), _session(ws.path, "what_if_page")
    b.select_slider(key="wi_inflow").set_value(30)
    b.text_input(key="wi_name").set_value("More leads")
    b.button(key="wi_save").click().run()
    _saved_ok(b)
    a.select_slider(key="wi_inflow").set_value(20)
    a.text_input(key="wi_name").set_value("More leads")
    a.button(key="wi_save").click().run()
    _ok(a)
    spec, version = _spec(ws, "More leads")
    assert (spec["inflow_pct"], version) == (30, 1)  # nothing overwritten
    assert len(a.warning) == 1 and a.warning[0].value.startswith("More leads was saved by someone else")
    assert any(x.startswith("Inflow +30%") for x in _texts(a)) and any(x.startswith("Inflow +20%") for x in _texts(a))
    a.button(key="wi_save").click().run()  # saving again from the stale view is refused again
    assert _spec(ws, "More leads")[0]["inflow_pct"] == 30 and len(a.warning) == 1
    return a, b


def test_whatif_keep_mine(ws):
    a, _b = _whatif_refused(ws)
    a.button(key="wi_conflict__keep_mine").click().run()
    _ok(a)
    spec, version = _spec(ws, "More leads")
    assert (spec["inflow_pct"], version) == (20, 2) and not a.warning
    a.select_slider(key="wi_inflow").set_value(25)
    a.button(key="wi_save").click().run()  # later saves go over the version now saved
    _saved_ok(a)
    assert _spec(ws, "More leads") == ({**spec, "inflow_pct": 25}, 3)


def test_whatif_keep_theirs_puts_theirs_in_the_sliders(ws):
    a, _b = _whatif_refused(ws)
    a.button(key="wi_conflict__keep_theirs").click().run()
    _ok(a)
    assert _spec(ws, "More leads")[0]["inflow_pct"] == 30
    assert a.select_slider(key="wi_inflow").value == 30 and not a.warning


def test_whatif_edit_merges_the_two_specs(ws):
    a, _b = _whatif_refused(ws)
    a.button(key="wi_conflict__edit").click().run()
    box = a.text_area(key="wi_conflict__merge")
    theirs, mine = box.value.split(f"\n{SEPARATOR}\n")
    assert json.loads(theirs)["inflow_pct"] == 30 and json.loads(mine)["inflow_pct"] == 20
    box.set_value(box.value)  # both left in: not one scenario, nothing saved, the box stays
    a.button(key="wi_conflict__save_merged").click().run()
    _ok_but_error = [e.value for e in a.error]
    assert _ok_but_error and _ok_but_error[0].startswith("The merged text cannot be saved")
    assert _spec(ws, "More leads")[0]["inflow_pct"] == 30
    a.text_area(key="wi_conflict__merge").set_value(theirs.replace("30.0", "25.0"))
    a.button(key="wi_conflict__save_merged").click().run()
    _ok(a)
    spec, version = _spec(ws, "More leads")
    assert (spec["inflow_pct"], version) == (25, 2)
    assert a.select_slider(key="wi_inflow").value == 25 and not a.warning


def test_whatif_keep_mine_is_refused_again_after_a_third_save(ws):
    a, b = _whatif_refused(ws)
    b.select_slider(key="wi_inflow").set_value(40)
    b.button(key="wi_save").click().run()
    _saved_ok(b)
    assert _spec(ws, "More leads")[1] == 2
    a.button(key="wi_conflict__keep_mine").click().run()
    _ok(a)
    assert _spec(ws, "More leads")[0]["inflow_pct"] == 40  # caught again
    assert any(x.startswith("Inflow +40%") for x in _texts(a))
    a.button(key="wi_conflict__keep_mine").click().run()
    spec, version = _spec(ws, "More leads")
    assert (spec["inflow_pct"], version) == (20, 3)
