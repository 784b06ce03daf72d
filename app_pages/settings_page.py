"""Settings: the stage model (preset, reorder/rename/add, final stages), unknown stage values mapped to stages."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from cjm.analyses.workspace_info import suggest_model, unmatched_stages
from cjm.core.stage_edit import edit_outcomes, edit_stages, map_values, outcome_rows, stage_rows
from cjm.core.stage_model import PRESETS, StageModel, preset
from cjm.ingest.emotion_words import set_emotion_words, unscored_emotion_words


def _save(model: StageModel) -> None:
    if model != ui.model():  # an unchanged model is no data write: every cached analysis stays valid
        ui.workspace().set_stage_model(model)
    st.session_state["flash"] = ui.t("settings.saved")
    st.rerun()


def _stages_editor(m: StageModel) -> None:
    st.subheader(ui.t("settings.stages_title"))
    st.caption(ui.t("settings.stages"))
    edited = st.data_editor(pd.DataFrame(stage_rows(m)), key=f"stages_editor_{m.name}_{len(m.stages)}",
                            num_rows="dynamic", hide_index=True, disabled=["key"], column_config={
                                "order": st.column_config.NumberColumn(min_value=1, step=1),
                                "label": st.column_config.TextColumn(required=True),
                                "final": st.column_config.CheckboxColumn(),
                            })
    if st.button(ui.t("settings.save_stages"), key="save_stages"):
        _save(edit_stages(m, edited.to_dict("records")))


def _outcomes_editor(m: StageModel) -> None:
    """Outcomes at decision points (hired / not now / no way; advocate / lost): add, rename, remove, attach to a stage."""
    st.subheader(ui.t("settings.outcomes"))
    st.caption(ui.t("settings.outcomes_help"))
    table = pd.DataFrame(outcome_rows(m), columns=["label", "stage", "positive", "key"]).astype(
        {"label": "string", "stage": "string", "positive": "bool", "key": "string"})
    edited = st.data_editor(table, key=f"outcomes_editor_{m.name}_{len(m.outcomes)}", num_rows="dynamic",
                            hide_index=True, disabled=["key"], column_config={
                                "label": st.column_config.TextColumn(ui.t("settings.outcome"), required=True),
                                "stage": st.column_config.SelectboxColumn(ui.t("settings.outcome_stage"),
                                                                          options=m.labels, required=True),
                                "positive": st.column_config.CheckboxColumn(ui.t("settings.outcome_positive")),
                            })
    if st.button(ui.t("settings.save_outcomes"), key="save_outcomes"):
        _save(edit_outcomes(m, edited.to_dict("records")))


def _unknown_values(m: StageModel) -> None:
    unknown = unmatched_stages(ui.cursor())
    if not len(unknown):
        return
    st.subheader(ui.t("settings.unknown"))
    leave = ui.t("map.none")
    table = unknown.assign(map_to=leave)
    edited = st.data_editor(table, key="unknown_editor", hide_index=True, disabled=["value", "events", "customers"],
                            column_config={"map_to": st.column_config.SelectboxColumn(
                                ui.t("settings.map_to"), options=[leave, *m.labels], required=True)})
    if st.button(ui.t("settings.save_mapping"), key="save_unknown"):
        mapped = map_values(m, {r["value"]: r["map_to"] for r in edited.to_dict("records") if r["map_to"] != leave})
        if mapped != m:
            _save(mapped)


def _emotion_words() -> None:
    """Emotion words the import did not know: give each a score on the −2..+2 scale (applied at once and to later
    imports)."""
    unknown = unscored_emotion_words(ui.cursor())
    if not len(unknown):
        return
    st.subheader(ui.t("settings.emotion_words"))
    st.caption(ui.t("settings.emotion_words_help"))
    none = ui.t("map.none")
    edited = st.data_editor(unknown.assign(score=none), key="emotion_words_editor", hide_index=True,
                            disabled=["value", "events"], column_config={"score": st.column_config.SelectboxColumn(
                                ui.t("settings.emotion_score"), options=[none, "+2", "+1", "0", "-1", "-2"],
                                required=True)})
    if st.button(ui.t("settings.save_emotion_words"), key="save_emotion_words"):
        scores = {str(v): int(str(score)) for v, score in zip(edited["value"], edited["score"]) if score != none}
        if scores:
            n = set_emotion_words(ui.workspace(), scores)
            st.session_state["flash"] = ui.t("settings.emotion_saved", n=n)
            st.rerun()


def render() -> None:
    st.title(ui.t("settings.title"))
    m = ui.model()
    st.subheader(ui.t("settings.model"))
    c1, c2, c3 = st.columns([2, 1, 1])
    names = list(PRESETS)
    choice = c1.selectbox(ui.t("settings.preset"), names, key="preset_choice",
                          index=names.index(m.name) if m and m.name in names else 0)
    c2.write("")
    if c2.button(ui.t("settings.apply_preset"), key="apply_preset", type="primary"):
        _save(preset(choice))
    c3.write("")
    if c3.button(ui.t("settings.infer"), key="infer_model"):
        _save(suggest_model(ui.cursor()))
    if m is None:
        return
    st.text(" → ".join(m.labels))
    _stages_editor(m)
    _outcomes_editor(m)
    _unknown_values(m)
    _emotion_words()


ui.page(render)
