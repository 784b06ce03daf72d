"""Every page through Streamlit's AppTest, with the sample data, numbers checked against ``cjm`` directly."""

from __future__ import annotations

import json
import pathlib

import pytest
from streamlit.testing.v1 import AppTest

from cjm.analyses import funnel as funnel_mod
from cjm.core.filters import Filters
from cjm.store import close_workspace, open_workspace
from tests.ui.apptest import open_app as _app

ROOT = pathlib.Path(__file__).resolve().parents[2]
PAGES = ["import_page", "journey_map", "funnel_page", "channels_page", "emotions_page", "pain_points_page",
         "what_if_page", "settings_page"]


@pytest.fixture(scope="module")
def sample_ws(tmp_path_factory):
    from cjm.ingest import samples as sample

    path = tmp_path_factory.mktemp("ws") / "sample.duckdb"
    ws = open_workspace(path)
    sample.load_all(ws, keys=["hinge"])
    yield ws
    close_workspace(ws)




def _texts(at: AppTest) -> str:
    parts = [e.value for e in at.text] + [str(e.value) for e in at.markdown] + [e.value for e in at.title]
    parts += [str(m.value) for m in at.metric]
    return "\n".join(str(p) for p in parts)


@pytest.mark.slow  # every page on the sample data
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_sample_data(sample_ws, page):
    at = _app(sample_ws.path, page)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("page", PAGES[1:6])
def test_empty_workspace_says_what_to_do(tmp_path, page):
    at = _app(tmp_path / "empty.duckdb", page)
    assert not at.exception
    assert "This workspace has no data yet" in [s.value for s in at.subheader]
    assert any(b.label == "Load sample data" for b in at.button)


def test_journey_map_shows_funnel_numbers(sample_ws):
    at = _app(sample_ws.path, "journey_map")
    model = sample_ws.stage_model()
    expected = funnel_mod.funnel(sample_ws.cursor(), model=model, filters=Filters())
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    lanes = [trace.get("text") for trace in spec["data"] if trace.get("mode") == "text"]
    assert [f"{int(n):,}" for n in expected["customers"]] in lanes
    header = [[t.replace("<br>", " ") for t in lane] for lane in lanes if lane and str(lane[0]).startswith("<b>")]
    assert header == [[f"<b>{s.label}</b>" for s in model.stages]]  # the header band (long names wrap)


def test_funnel_table_matches_cjm(sample_ws):
    at = _app(sample_ws.path, "funnel_page")
    model = sample_ws.stage_model()
    expected = funnel_mod.funnel(sample_ws.cursor(), model=model, filters=Filters())
    table = at.dataframe[0].value
    assert table.iloc[:, 1].tolist() == expected["customers"].tolist()
    assert table.iloc[:, 0].tolist() == expected["label"].tolist()


def test_filter_changes_funnel(sample_ws):
    at = _app(sample_ws.path, "funnel_page")
    seg = at.sidebar.multiselect(key="f_segment")
    first = seg.options[0]
    seg.set_value([first]).run()
    assert not at.exception
    model = sample_ws.stage_model()
    expected = funnel_mod.funnel(sample_ws.cursor(), model=model, filters=Filters(segment=(first,)))
    assert at.dataframe[0].value.iloc[:, 1].tolist() == expected["customers"].tolist()


def test_lane_edit_is_saved(tmp_path):
    from cjm.ingest import samples as sample
    from cjm.store.notes import lanes, set_lane

    ws = open_workspace(tmp_path / "lanes.duckdb")
    sample.load_all(ws, keys=["hinge"])
    set_lane(ws, ws.stage_model().keys[0], "goals", "Find a firm that understands us")
    at = _app(ws.path, "journey_map")
    assert not at.exception
    assert lanes(ws.cursor())["text"].tolist() == ["Find a firm that understands us"]
    close_workspace(ws)


def test_upload_through_file_uploader(tmp_path):
    """Upload a small ';' CSV in cp1250 with Romanian headers, keep the guessed mapping, import."""
    path = tmp_path / "upload.duckdb"
    csv = ("ID client;Dată;Etapă;Canal\n"
           "001;02.01.2025;Conştientizare;Telefon\n"
           "001;09.01.2025;Cercetare;E-mail\n"
           "002;03.01.2025;Conştientizare;Web\n").encode("cp1250")
    at = _app(path, "import_page")
    at.selectbox(key="import_model").set_value("five-stage").run()
    at.file_uploader[0].set_value(("clienti.csv", csv, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    at.button(key="import_0").click().run()
    assert not at.exception, [e.value for e in at.exception]
    # the markdown source: the file name is escaped (it renders as "clienti.csv")
    assert r"clienti\.csv: 3 rows loaded, 0 rejected (of 3 read)." in [s.value for s in at.success]
    ws = open_workspace(path)
    rows = ws.cursor().execute("SELECT customer_id, stage_idx FROM events ORDER BY seq").fetchall()
    assert rows == [("001", 0), ("001", 1), ("002", 0)]  # leading zeros kept; ţ/ş matched to the 5-stage model
    close_workspace(ws)


def test_what_if_slider_matches_model(sample_ws):
    from cjm.analyses import what_if

    at = _app(sample_ws.path, "what_if_page")
    model = sample_ws.stage_model()
    first = model.keys[0]
    at.slider(key=f"wi_conv_{first}").set_value(10.0).run()
    assert not at.exception, [e.value for e in at.exception]
    b = what_if.baseline(sample_ws.cursor(), model=model, filters=Filters())
    p = what_if.project(b, what_if.Scenario(conversion=[what_if.ConversionChange(first, 10.0, "pp")]),
                        horizon_months=12)
    won = p.headline()["won"]
    tile = next(m for m in at.metric if m.label.startswith("Won customers"))
    assert tile.value == f"{won['scenario']:,.0f}"
    assert won["scenario"] > won["baseline"]  # raising a conversion wins more customers


def test_settings_preset_changes_model_everywhere(tmp_path):
    from cjm.ingest import samples as sample

    ws = open_workspace(tmp_path / "settings.duckdb")
    sample.load_all(ws, keys=["hinge"])
    at = _app(ws.path, "settings_page")
    at.selectbox(key="preset_choice").set_value("five-stage").run()
    at.button(key="apply_preset").click().run()
    assert not at.exception
    assert ws.stage_model().name == "five-stage"
    # the Hinge stage values are not in the 5-stage model: they are listed for mapping, not dropped
    assert ws.cursor().execute("SELECT count(*) FROM events WHERE stage_idx IS NULL").fetchone()[0] == 2284
    assert any(s.value == "Stage values not in the model" for s in at.subheader)
    close_workspace(ws)


def test_untrusted_text_is_escaped_for_markdown_elements():
    import sys

    sys.path.insert(0, str(ROOT))
    import ui

    # a file name or cell value in an alert must not become a link, image or formatting
    # (a WORD JOINER, U+2060, after "http" keeps the bare address from being linked: see the next test)
    assert ui.plain("[click](http://evil.example) **x** ![i](y)") == (
        "\\[click\\]\\(http\u2060\\://evil\\.example\\) \\*\\*x\\*\\* \\!\\[i\\]\\(y\\)")
    assert ui.tp("import.file", name="*a*_b_") == r"File: \*a\*\_b\_"


def test_bare_addresses_in_a_label_are_not_linked():
    """Streamlit's markdown links a bare web address or e-mail even when escaped: ui.plain splits each with an
    invisible WORD JOINER (U+2060), so the label reads the same and holds no link."""

    def page():
        import streamlit as st

        import ui

        st.warning(ui.plain("See http://e.com, https://e.com/x, www.e.com or write to a@b.com"))
        st.caption(ui.plain("a@b.com"))

    import sys

    sys.path.insert(0, str(ROOT))
    at = AppTest.from_function(page, default_timeout=30)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    wj = "\u2060"
    assert at.warning[0].value == (f"See http{wj}\\://e\\.com, https{wj}\\://e\\.com/x, www{wj}\\.e\\.com or write to "
                                   f"a{wj}@b\\.com")
    assert at.caption[0].value == f"a{wj}@b\\.com"
    # what a reader sees: the text as typed once the invisible joiners and the escapes are gone
    assert at.caption[0].value.replace(wj, "").replace("\\", "") == "a@b.com"


def test_settings_scores_unknown_emotion_words(tmp_path):
    from cjm.core.stage_model import preset
    from cjm.ingest import import_file

    ws = open_workspace(tmp_path / "words.duckdb")
    import_file(ws, b"id,stage,emotion\n1,awareness,meh\n2,research,happy\n", file_name="w.csv",
                model=preset("five-stage"))
    at = _app(ws.path, "settings_page")
    assert not at.exception
    assert any(s.value == "Emotion words without a score" for s in at.subheader)  # "meh" is offered for scoring
    close_workspace(ws)


def test_upload_is_parsed_once(tmp_path, monkeypatch):
    """Changing a mapping drop-down reruns the page but does not read the file again (cached by its sha256)."""
    import uuid

    import cjm.ingest

    calls = []
    real = cjm.ingest.inspect

    def counted(*args, **kwargs):
        calls.append(kwargs.get("file_name"))
        return real(*args, **kwargs)

    monkeypatch.setattr(cjm.ingest, "inspect", counted)
    # content no other test uploads: the cache is per process, so a file seen before would be a hit already
    csv = f"id,date,stage,channel\n{uuid.uuid4().hex},2026-01-02,awareness,phone\n".encode()
    at = _app(tmp_path / "once.duckdb", "import_page")
    at.file_uploader[0].set_value(("once.csv", csv, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    channel = at.selectbox(key="map_0_3")
    assert channel.value == "channel"
    channel.set_value("touchpoint").run()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="map_0_3").value == "touchpoint"
    assert calls == ["once.csv"]


def _first_pain(ws) -> tuple[str, str]:
    from cjm.analyses import pain_points

    top = pain_points.pain_points(ws.cursor(), model=ws.stage_model(), filters=Filters(), top=20).iloc[0]
    return top["stage"], str(top["touchpoint"])


def test_pain_note_saved_over_someone_elses_is_refused(tmp_path):
    """Two people edit one pain point: the later save sees the earlier one's text and overwrites nothing, not even
    when saved again; Keep mine then replaces theirs, knowingly (the other choices: tests/ui/test_conflicts.py)."""
    from cjm.ingest import samples as sample
    from cjm.store.notes import pain_status, set_pain_status

    ws = open_workspace(tmp_path / "pain.duckdb")
    sample.load_all(ws, keys=["hinge"])
    stage, touchpoint = _first_pain(ws)
    form = f"pain_{stage}_{touchpoint}"
    data_version = ws.data_version()
    at = _app(ws.path, "pain_points_page")
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state[f"{form}_version"] == 0
    set_pain_status(ws, stage, touchpoint, "in progress", "Call them back within a day", expected=0)  # a colleague
    at.text_area(key=f"{form}_note").set_value("Shorter forms")
    at.button(key=f"{form}_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    warning = " ".join(w.value for w in at.warning)
    assert "was saved by someone else while you were editing it" in warning
    assert "Call them back within a day" in [x.value for x in at.text]
    assert any("in progress" in c.value for c in at.caption)
    row = pain_status(ws.cursor()).iloc[0]
    assert (row["note"], row["version"]) == ("Call them back within a day", 1)  # theirs is kept
    assert at.text_area(key=f"{form}_note").value == "Shorter forms"  # ours is still in the box
    at.text_area(key=f"{form}_note").set_value("Call them back within a day; shorter forms")
    at.button(key=f"{form}_save").click().run()  # saving again from the stale form: refused again
    assert pain_status(ws.cursor()).iloc[0]["version"] == 1 and at.warning
    at.button(key=f"{form}__keep_mine").click().run()
    assert not at.warning
    row = pain_status(ws.cursor()).iloc[0]
    assert (row["note"], row["version"]) == ("Call them back within a day; shorter forms", 2)
    assert ws.data_version() == data_version  # a note never invalidates the cached analyses
    close_workspace(ws)


def test_what_if_scenarios_load_save_and_stale_save(tmp_path):
    from cjm.analyses.what_if import Scenario, load_scenarios, save_scenario
    from cjm.ingest import samples as sample
    from cjm.store.notes import scenario_specs

    ws = open_workspace(tmp_path / "whatif.duckdb")
    sample.load_all(ws, keys=["hinge"])
    save_scenario(ws, "More leads", Scenario(inflow_pct=10))
    at = _app(ws.path, "what_if_page")
    # Load puts the scenario into the sliders and its name into the name box
    at.selectbox(key="wi_pick").set_value("More leads")
    at.button(key="wi_load").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.slider(key="wi_inflow").value == 10
    assert at.text_input(key="wi_name").value == "More leads"
    # a colleague saves the same scenario meanwhile: our save is refused and shows theirs
    save_scenario(ws, "More leads", Scenario(inflow_pct=30), expected=1)
    at.slider(key="wi_inflow").set_value(20).run()
    at.button(key="wi_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    warning = " ".join(w.value for w in at.warning)
    assert "More leads was saved by someone else" in warning
    assert any(x.value.startswith("Inflow +30%") for x in at.text)  # theirs, in words
    assert load_scenarios(ws.cursor())["More leads"].inflow_pct == 30
    # saving again from the stale view is refused again; Keep mine replaces theirs, having seen it
    at.button(key="wi_save").click().run()
    assert load_scenarios(ws.cursor())["More leads"].inflow_pct == 30 and at.warning
    at.button(key="wi_conflict__keep_mine").click().run()
    assert not at.warning
    assert load_scenarios(ws.cursor())["More leads"].inflow_pct == 20
    assert dict((n, v) for n, _s, v in scenario_specs(ws.cursor()))["More leads"] == 3
    # a new name someone else took after our page showed the list is not overwritten either
    save_scenario(ws, "Plan B", Scenario(value_pct=5))
    at.text_input(key="wi_name").set_value("Plan B")
    at.button(key="wi_save").click().run()
    assert "Plan B" in " ".join(w.value for w in at.warning)
    assert load_scenarios(ws.cursor())["Plan B"].value_pct == 5
    close_workspace(ws)
