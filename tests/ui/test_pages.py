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


@pytest.mark.slow  # every page in both languages
@pytest.mark.parametrize("lang", ["tr", "ro"])
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_in_turkish_and_romanian(sample_ws, page, lang):
    """Every page in the other languages, run twice (widget labels are worked out again between runs)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["workspace_path"] = str(sample_ws.path)
    at.session_state["lang"] = lang
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert at.title[0].value != _app(sample_ws.path, page).title[0].value  # not the English title


@pytest.mark.parametrize("page", PAGES[1:6])
def test_empty_workspace_says_what_to_do(tmp_path, page):
    at = _app(tmp_path / "empty.duckdb", page)
    assert not at.exception
    assert "This workspace has no data yet" in [s.value for s in at.subheader]
    assert any(b.label == "Load sample data" for b in at.button)


def test_journey_map_shows_funnel_numbers(sample_ws):
    """The map grid (a custom component: its data is what AppTest sees) has the stages of the model as its columns
    and the funnel's customers in its customers row."""
    at = _app(sample_ws.path, "journey_map")
    assert not at.exception, [e.value for e in at.exception]
    model = sample_ws.stage_model()
    expected = funnel_mod.funnel(sample_ws.cursor(), model=model, filters=Filters())
    grid = next(json.loads(n.proto.json) for n in _elements(at) if type(n.proto).__name__ == "BidiComponent")
    assert [s["label"] for s in grid["stages"]] == [s.label for s in model.stages]
    row = next(r for r in grid["rows"] if r.get("id") == "customers")
    assert [c["text"] for c in row["cells"]] == [f"{int(n):,}" for n in expected["customers"]]


def _elements(at: AppTest):
    """Every element of the run (custom components included, which AppTest lists under no name of their own)."""
    def walk(node):
        children = getattr(node, "children", None)
        if children is None:
            yield node
        else:
            for child in children.values():
                yield from walk(child)
    yield from (n for n in walk(at._tree) if getattr(n, "proto", None) is not None)


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
    at.select_slider(key=f"wi_conv_{first}").set_value(10.0).run()
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
    assert at.select_slider(key="wi_inflow").value == 10
    assert at.text_input(key="wi_name").value == "More leads"
    # a colleague saves the same scenario meanwhile: our save is refused and shows theirs
    save_scenario(ws, "More leads", Scenario(inflow_pct=30), expected=1)
    at.select_slider(key="wi_inflow").set_value(20).run()
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


def test_what_if_sliders_keep_their_values_across_pages(sample_ws):
    """Streamlit drops a widget's value while another page is shown: the what-if page keeps a copy of each and puts
    it back, so the scenario the room built is still there after a look at the funnel (issue 11)."""
    at = _app(sample_ws.path, "what_if_page")
    first = sample_ws.stage_model().keys[0]
    at.select_slider(key=f"wi_conv_{first}").set_value(7.0).run()
    at.select_slider(key="wi_inflow").set_value(25).run()
    at.select_slider(key="wi_horizon").set_value(24).run()
    at.text_input(key="wi_name").set_value("Workshop idea").run()
    won = next(m.value for m in at.metric if m.label.startswith("Won customers"))
    at.switch_page("app_pages/funnel_page.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert f"wi_conv_{first}" not in at.session_state  # Streamlit forgot the widget while it was not drawn
    at.switch_page("app_pages/what_if_page.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.select_slider(key=f"wi_conv_{first}").value == 7.0
    assert at.select_slider(key="wi_inflow").value == 25
    assert at.select_slider(key="wi_horizon").value == 24
    assert at.text_input(key="wi_name").value == "Workshop idea"
    assert next(m.value for m in at.metric if m.label.startswith("Won customers")) == won


def test_numbers_and_headers_in_the_interface_language(sample_ws):
    """Turkish: the funnel table is headed in Turkish, its key column pinned, its numbers written 2.275 / %34 while
    the cells keep their numbers; the charts use a decimal comma and Turkish words."""
    at = _app(sample_ws.path)
    at.session_state["lang"] = "tr"
    at.switch_page("app_pages/funnel_page.py").run()
    assert not at.exception, [e.value for e in at.exception]
    model = sample_ws.stage_model()
    expected = funnel_mod.funnel(sample_ws.cursor(), model=model, filters=Filters())
    table = at.dataframe[0]
    assert list(table.value.columns) == ["Aşama", "Müşteri", "Öncekinden", "Ayrılan"]
    assert table.value.iloc[:, 1].tolist() == expected["customers"].tolist()  # numbers stay numbers (sorting)
    shown = _display_values(table)
    assert shown.iloc[0, 1] == f"{int(expected['customers'].iloc[0]):,}".replace(",", ".")  # 383 -> 383, 2275 -> 2.275
    assert shown.iloc[1, 2] == "%" + str(round(100 * expected["conversion"].iloc[1]))
    assert json.loads(table.proto.columns)["Aşama"]["pinned"] is True
    # no table on the page is headed by a column name of the analysis (from_stage, stage_idx, customers...)
    raw = {"from_stage", "to_stage", "stage_idx", "customers", "label", "median_days", "p90_days", "n", "count"}
    for frame in at.dataframe:
        assert not raw & set(_headers(frame)), _headers(frame)
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert specs and all(s["layout"]["separators"] == ",." for s in specs)
    sankey = next(s for s in specs if s["data"][0]["type"] == "sankey")
    assert {"Başlangıç", "Bitiş"} <= set(sankey["data"][0]["node"]["label"])
    assert "Müşteri" in specs[0]["data"][0]["hovertemplate"]


def _headers(table) -> list[str]:
    """The column headers a dataframe shows: a column's label from its column_config, else its name."""
    config = json.loads(table.proto.columns or "{}")
    return [config.get(str(c), {}).get("label") or str(c) for c in table.value.columns]


def _display_values(table):
    """The texts a dataframe shows (a pandas Styler's display values; a long table sends its first rows at once and
    the rest when scrolled to), as a DataFrame."""
    from streamlit import dataframe_util

    arrow = table.proto.arrow_data if table.proto.arrow_data.data else table.proto.lazy_data.initial_chunk
    return dataframe_util.convert_arrow_bytes_to_pandas_df(arrow.styler.display_values)


def test_what_if_fix_of_a_whole_stage(sample_ws):
    """A lever on a whole stage (no touchpoint) reads as the stage's name and raises the projection (it once
    became a fix of a touchpoint called "nan" and changed nothing)."""
    at = _app(sample_ws.path, "what_if_page")
    first = sample_ws.stage_model().stages[0]
    fix = at.selectbox(key="wi_fix")
    assert first.label in fix.options and not any("nan" in o for o in fix.options)
    fix.set_value(f"{first.key}||").run()
    assert not at.exception, [e.value for e in at.exception]
    at.select_slider(key="wi_fix_target").set_value(1.5).run()
    tile = next(m for m in at.metric if m.label.startswith("Won customers"))
    assert tile.delta.startswith("+") and tile.delta != "+0"


def test_an_error_is_shown_in_the_interface_language(tmp_path):
    """An upload cjm refuses (an empty file) is explained in Turkish on a Turkish page: the error's own message in
    that language (``err.message("tr")``), not its English text."""
    from cjm.errors import CJMError
    from cjm.ingest import inspect

    with pytest.raises(CJMError) as refused:
        inspect(b"", file_name="bos.csv")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["workspace_path"] = str(tmp_path / "tr.duckdb")
    at.session_state["lang"] = "tr"
    at.run()
    at.switch_page("app_pages/import_page.py").run()
    at.file_uploader[0].set_value(("bos.csv", b"", "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = [e.value.replace("\\", "").replace("\u2060", "") for e in at.error]
    turkish = refused.value.message("tr")
    assert turkish != str(refused.value) and shown == [turkish]
