"""Editing the stage model (cjm.core.stage_edit), the functions behind Settings and ``python -m cjm stages``."""

from __future__ import annotations

import math
import pathlib

import pytest

from cjm.analyses.workspace_info import suggest_model
from cjm.core.stage_edit import edit_outcomes, edit_stages, map_values, model_from_values, outcome_rows, stage_rows
from cjm.core.stage_model import MAX_STAGES, custom, preset
from cjm.errors import CJMError
from cjm.store import apply_stage_model


def test_unchanged_rows_give_the_same_model():
    m = preset("five-stage")
    assert edit_stages(m, stage_rows(m)) is m
    assert edit_outcomes(preset("hinge-b2b-4"), outcome_rows(preset("hinge-b2b-4"))) is preset("hinge-b2b-4")


def test_rename_keeps_the_old_label_as_an_alias_so_events_still_match(journeys):
    con, m = journeys({"c1": [("Awareness", "2026-01-02"), ("Purchase", "2026-01-09")]}, model="five-stage")
    rows = stage_rows(m)
    rows[0]["label"] = "Discovery"
    edited = edit_stages(m, rows)
    assert edited.labels[0] == "Discovery" and edited.keys[0] == "awareness"
    assert "Awareness" in edited.stages[0].aliases
    assert edited.name == "custom (five-stage)"
    assert edited.match("Awareness") == (0, None) and edited.match("discovery") == (0, None)
    apply_stage_model(con, edited)  # the events written "Awareness" still land on the renamed stage
    assert con.execute("SELECT stage, stage_idx FROM events ORDER BY seq").fetchall() == [("Awareness", 0),
                                                                                        ("Purchase", 2)]
    # renamed twice: both former names match, each listed once
    rows = stage_rows(edited)
    rows[0]["label"] = "Discover"
    twice = edit_stages(edited, rows)
    assert twice.stages[0].aliases.count("Awareness") == 1 and twice.match("Discovery") == (0, None)


def test_reorder_by_order_column_blank_order_last_and_blank_labels_dropped():
    m = custom(["Lead", "Demo", "Signed"])
    rows = [{"order": 2, "label": "Lead", "key": "lead"}, {"order": 1, "label": "Demo", "key": "demo"},
            {"order": math.nan, "label": "Renewal", "key": None, "final": True},  # a new row (NaN: empty cell)
            {"order": 3, "label": "Signed", "key": "signed"}, {"order": 4, "label": "  ", "key": None}]
    edited = edit_stages(m, rows)
    assert edited.labels == ["Demo", "Lead", "Signed", "Renewal"]
    assert edited.keys == ["demo", "lead", "signed", "renewal"]
    assert edited.final_indexes() == [3]  # only the ticked one: "Signed" is no longer final
    assert edited.name == "custom"


def test_final_flags():
    m = preset("hinge-b2b-4")
    rows = [{**r, "final": r["key"] in ("between-engagements", "former-client")} for r in stage_rows(m)]
    assert edit_stages(m, rows).final_indexes() == [2, 3]


def test_removing_a_stage_drops_its_outcomes_and_mapped_values():
    m = map_values(preset("hinge-b2b-4"), {"Alumni": "Former client", "Prospect call": "pre-purchase"})
    rows = [r for r in stage_rows(m) if r["key"] != "former-client"]
    edited = edit_stages(m, rows)
    assert {o.stage for o in edited.outcomes} == {"pre-purchase"}
    assert edited.extra_aliases == (("Prospect call", "pre-purchase"),)


@pytest.mark.parametrize("labels", [["Lead", "lead"], ["Lead", "Léad "], ["Pre purchase", "pre-purchase"]])
def test_two_stages_with_the_same_name_are_refused(labels):
    rows = [{"label": label} for label in labels]
    with pytest.raises(CJMError, match="Two stages have the same name"):
        edit_stages(custom(["a", "b"]), rows)


def test_a_new_stage_cannot_take_a_renamed_stages_former_name():
    m = custom(["Lead", "Signed"])
    with pytest.raises(CJMError, match='"Prospect" \\(first called "lead"\\) and "Lead"'):
        edit_stages(m, [{"key": "lead", "label": "Prospect"}, {"label": "Lead"}, {"key": "signed", "label": "Signed"}])


def test_a_new_row_named_like_a_removed_stage_brings_it_back():
    m = preset("five-stage")
    rows = [r for r in stage_rows(m) if r["key"] != "research"] + [{"label": "research"}]
    edited = edit_stages(m, rows)
    assert edited.keys[-1] == "research" and edited.match("Cercetare") == (4, None)  # its aliases came back too


def test_a_new_stage_takes_a_preset_alias_for_itself():
    # "consideration" is an alias of Research in the 5-stage preset; a stage of that name gets it
    m = preset("five-stage")
    edited = edit_stages(m, [*stage_rows(m), {"label": "Consideration"}])
    assert edited.match("consideration") == (5, None) and "consideration" not in edited.stages[1].aliases


def test_too_few_or_too_many_stages():
    with pytest.raises(CJMError, match="at least two stages"):
        edit_stages(preset("five-stage"), [{"label": "Only"}, {"label": None}])
    with pytest.raises(CJMError, match=f"at most {MAX_STAGES} stages; this one has {MAX_STAGES + 1}"):
        edit_stages(preset("five-stage"), [{"label": f"s{i}"} for i in range(MAX_STAGES + 1)])


def test_outcomes_add_rename_remove_attach():
    m = preset("hinge-b2b-4")
    rows = [r for r in outcome_rows(m) if r["key"] != "lost"]  # remove "Lost"
    rows[0]["label"] = "Won"  # rename "Hired"
    rows[1]["stage"] = "Former client"  # attach "Not now" elsewhere (by label)
    rows.append({"label": "Referred", "stage": "former-client", "positive": True, "key": None})  # add (by key)
    edited = edit_outcomes(m, rows)
    assert [(o.key, o.label, o.stage, o.positive) for o in edited.outcomes] == [
        ("hired", "Won", "pre-purchase", True), ("not-now", "Not now", "former-client", False),
        ("no-way", "No way", "pre-purchase", False), ("advocate", "Advocate", "former-client", True),
        ("referred", "Referred", "former-client", True)]
    assert edited.match("Hired") == (0, "hired")  # the old name still matches
    assert edited.name == m.name  # outcomes do not make the model custom
    with pytest.raises(CJMError, match="Two outcomes have the same name"):
        edit_outcomes(m, [{"label": "Won", "stage": "Pre-purchase"}, {"label": "won", "stage": "Former client"}])
    with pytest.raises(CJMError, match='Unknown stage "Nowhere"'):
        edit_outcomes(m, [{"label": "Won", "stage": "Nowhere"}])


def test_map_values_adds_aliases_once():
    m = preset("five-stage")
    once = map_values(m, {"Pricing": "Research", "Other": None, "Blank": ""})
    assert once.extra_aliases == (("Pricing", "research"),)
    again = map_values(once, {"pricing": "purchase"})  # the same value (any case) mapped again: replaced
    assert again.extra_aliases == (("pricing", "purchase"),) and again.match("PRICING") == (2, None)
    assert map_values(m, {"x": None}) is m
    with pytest.raises(CJMError, match='Unknown stage "Nowhere"'):
        map_values(m, {"Pricing": "Nowhere"})


def test_model_from_values_counts_case_variants_once():
    assert model_from_values(["Demo", "demo", "DÉMO", "Signed"]).labels == ["Demo", "Signed"]
    with pytest.raises(CJMError, match="not enough data to propose stages"):
        model_from_values(["Demo", "demo"])
    with pytest.raises(CJMError, match=f"at most {MAX_STAGES}"):
        model_from_values([f"s{i}" for i in range(MAX_STAGES + 1)])


def test_suggest_on_demo_and_demo_gives_one_stage(journeys):
    # first-seen rank per customer: Lead 1, 1; Demo 2 (c1), demo 2 (c2) -> one stage "Demo"; Signed 3
    con, _ = journeys({"c1": [("Lead", "2026-01-01"), ("Demo", "2026-01-05"), ("Signed", "2026-01-10")],
                       "c2": [("Lead", "2026-01-01"), ("demo", "2026-01-04")]}, model="Lead,Signed")
    m = suggest_model(con)
    assert m.labels == ["Lead", "Demo", "Signed"] and m.name == "custom (from data)"
    assert m.match("demo") == (1, None) and m.final_indexes() == [2]


def test_settings_suggest_on_demo_and_demo(tmp_path):
    """Settings' "Suggest an order from the data" shows the preview of the CLI's suggestion and saves it on the
    button: "demo" is "Demo"."""
    from streamlit import config
    from streamlit.testing.v1 import AppTest

    from cjm.ingest import import_file
    from cjm.store import close_workspace, open_workspace

    ws = open_workspace(tmp_path / "suggest.duckdb")
    import_file(ws, b"id,stage,date\n1,Lead,2026-01-01\n1,Demo,2026-01-02\n2,Lead,2026-01-01\n2,demo,2026-01-03\n"
                    b"1,Signed,2026-01-05\n", file_name="d.csv", model=custom(["Lead", "Signed"]))
    config.set_option("client.showErrorDetails", "full")
    at = AppTest.from_file(str(pathlib.Path(__file__).resolve().parents[2] / "app.py"), default_timeout=60)
    at.session_state["workspace_path"] = ws.path
    at.run()
    at.switch_page("app_pages/settings_page.py").run()
    at.button(key="infer_model").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    # a preview first: each value with its counts; nothing saved yet
    assert any(sh.value == "Choose the stages" for sh in at.subheader)
    assert ws.stage_model().labels == ["Lead", "Signed"]
    at.button(key="save_preview").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert ws.stage_model().labels == ["Lead", "Demo", "Signed"]
    assert ws.cursor().execute("SELECT count(*) FROM events WHERE stage_idx IS NULL").fetchall() == [(0,)]
    close_workspace(ws)


def test_won_stage_of_presets_custom_and_json():
    from cjm.core.stage_model import PRESETS, StageModel, preset

    assert {n: m.won for n, m in PRESETS.items()} == {
        "hinge-b2b-4": "client-experience", "five-stage": "purchase", "coleman-8": "activate",
        "questionpro-4": "purchase"}
    assert custom(["Lead", "Client"]).won is None  # a custom model asks
    m = custom(["Lead", "Client", "Repeat"]).with_won("Client")
    assert StageModel.from_json(m.to_json()) == m and m.won_index() == 1
    # a model saved before the won stage existed reads as one with none
    old = '{"name": "x", "stages": [{"key": "a", "label": "A"}, {"key": "b", "label": "B"}], "outcomes": []}'
    assert StageModel.from_json(old).won is None
    # edits keep the won stage while it is there, drop it with its stage
    assert edit_stages(preset("five-stage"), [{"key": "awareness", "label": "Discovery"},
                                              {"key": "purchase", "label": "Buy"}]).won == "purchase"
    assert edit_stages(preset("five-stage"), [{"key": "awareness", "label": "A"},
                                              {"key": "research", "label": "R"}]).won is None
    with pytest.raises(CJMError, match='won stage "nope"'):
        StageModel("x", m.stages, won="nope")


def test_model_from_choices_user_errors():
    from cjm.core.stage_edit import model_from_choices

    with pytest.raises(CJMError, match="at least two"):
        model_from_choices([{"value": "a"}, {"value": "b", "keep": False}])
    with pytest.raises(CJMError, match="not a kept stage"):
        model_from_choices([{"value": "a"}, {"value": "b"}, {"value": "x", "outcome_of": "zzz"}])
    with pytest.raises(CJMError, match="won stage"):
        model_from_choices([{"value": "a"}, {"value": "b"}], won="c")
    # order and renames: the old value still matches the data
    m = model_from_choices([{"value": "b", "order": 2}, {"value": "a", "order": 1, "label": "Start"}])
    assert m.labels == ["Start", "b"] and m.match("a") == (0, None) and m.final_indexes() == [1]


def test_settings_asks_the_won_stage_of_a_custom_model(tmp_path):
    from streamlit import config
    from streamlit.testing.v1 import AppTest

    from cjm.ingest import import_file
    from cjm.store import close_workspace, open_workspace

    ws = open_workspace(tmp_path / "won.duckdb")
    import_file(ws, b"id,stage,date\n1,Lead,2026-01-01\n1,Client,2026-01-02\n", file_name="d.csv",
                model=custom(["Lead", "Client"]))
    config.set_option("client.showErrorDetails", "full")
    at = AppTest.from_file(str(pathlib.Path(__file__).resolve().parents[2] / "app.py"), default_timeout=60)
    at.session_state["workspace_path"] = ws.path
    at.run()
    at.switch_page("app_pages/settings_page.py").run()
    assert any("Which stage means won?" in i.value for i in at.info)
    at.selectbox(key="won_stage_custom_2").set_value("Client").run()
    assert not at.exception and not at.error
    assert ws.stage_model().won == "client"
    close_workspace(ws)


def test_settings_reading_ties_and_values(tmp_path):
    """Settings' "Reading the data": ties in file order bring back the step back at one time; values as amounts
    per event are summed."""
    from streamlit import config
    from streamlit.testing.v1 import AppTest

    from cjm.analyses.channels import customer_values
    from cjm.analyses.funnel import backwards
    from cjm.ingest import import_file
    from cjm.store import close_workspace, open_workspace

    ws = open_workspace(tmp_path / "reading.duckdb")
    m = custom(["Lead", "Client"])
    import_file(ws, b"id,stage,date,amount\n1,Client,2026-01-02,5\n1,Lead,2026-01-02,5\n", file_name="d.csv", model=m)
    assert len(backwards(ws.cursor(), model=m)) == 0  # same day: stage order
    config.set_option("client.showErrorDetails", "full")
    at = AppTest.from_file(str(pathlib.Path(__file__).resolve().parents[2] / "app.py"), default_timeout=60)
    at.session_state["workspace_path"] = ws.path
    at.run()
    at.switch_page("app_pages/settings_page.py").run()
    at.radio(key="tie_order").set_value("file").run()
    assert not at.exception and not at.error
    assert len(backwards(ws.cursor(), model=m)) == 1  # Client then Lead, in file order
    at.radio(key="value_reading").set_value("event").run()
    assert not at.exception
    con = ws.cursor()
    rel, p = customer_values(con, model=m)
    assert con.execute(f"SELECT v FROM {rel}", p).fetchall() == [(10.0,)]
    close_workspace(ws)
