"""Settings: the stage model (preset, reorder/rename/add, final stages), unknown stage values mapped to stages."""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

import ui
from cjm.errors import CJMError
from cjm.core.stage_model import PRESETS, Outcome, Stage, StageModel, custom, norm, preset
from cjm.analyses.workspace_info import stage_values_in_order, unmatched_stages
from cjm.ingest.emotion_words import set_emotion_words, unscored_emotion_words


def _save(model: StageModel) -> None:
    ui.workspace().set_stage_model(model)
    st.session_state["flash"] = ui.t("settings.saved")
    st.rerun()


def _stages_editor(m: StageModel) -> None:
    st.subheader(ui.t("settings.stages_title"))
    st.caption(ui.t("settings.stages"))
    table = pd.DataFrame({"order": range(1, len(m.stages) + 1), "label": m.labels,
                          "final": [s.final for s in m.stages], "key": m.keys})
    edited = st.data_editor(table, key=f"stages_editor_{m.name}_{len(m.stages)}", num_rows="dynamic", hide_index=True,
                            disabled=["key"], column_config={
                                "order": st.column_config.NumberColumn(min_value=1, step=1),
                                "label": st.column_config.TextColumn(required=True),
                                "final": st.column_config.CheckboxColumn(),
                            })
    if st.button(ui.t("settings.save_stages"), key="save_stages"):
        rows = edited.dropna(subset=["label"])
        rows = rows[rows["label"].astype(str).str.strip() != ""]
        rows = rows.assign(order=rows["order"].fillna(len(rows) + 1)).sort_values("order", kind="stable")
        if len(rows) < 2:
            raise CJMError("A stage model needs at least two stages.")
        old = {s.key: s for s in m.stages}
        stages = []
        for r in rows.itertuples():
            key = r.key if isinstance(r.key, str) and r.key else norm(r.label).replace(" ", "-")
            base = old.get(key)
            aliases = base.aliases + ((base.label,) if base and base.label != r.label else ()) if base else ()
            stages.append(Stage(key, str(r.label).strip(), aliases, bool(r.final)))
        if len({s.key for s in stages}) != len(stages):
            raise CJMError("Two stages have the same name. Give each stage a different name.")
        keys = {s.key for s in stages}
        _save(StageModel(m.name if m.name.startswith("custom") else f"custom ({m.name})", tuple(stages),
                         tuple(o for o in m.outcomes if o.stage in keys),
                         tuple(a for a in m.extra_aliases if a[1] in keys)))


def _outcomes_editor(m: StageModel) -> None:
    """Outcomes at decision points (hired / not now / no way; advocate / lost): add, rename, remove, attach to a stage."""
    st.subheader(ui.t("settings.outcomes"))
    st.caption(ui.t("settings.outcomes_help"))
    labels = {s.key: s.label for s in m.stages}
    table = pd.DataFrame({"label": pd.Series([o.label for o in m.outcomes], dtype="string"),
                          "stage": pd.Series([labels.get(o.stage, o.stage) for o in m.outcomes], dtype="string"),
                          "positive": pd.Series([o.positive for o in m.outcomes], dtype="bool"),
                          "key": pd.Series([o.key for o in m.outcomes], dtype="string")})
    edited = st.data_editor(table, key=f"outcomes_editor_{m.name}_{len(m.outcomes)}", num_rows="dynamic",
                            hide_index=True, disabled=["key"], column_config={
                                "label": st.column_config.TextColumn(ui.t("settings.outcome"), required=True),
                                "stage": st.column_config.SelectboxColumn(ui.t("settings.outcome_stage"),
                                                                          options=m.labels, required=True),
                                "positive": st.column_config.CheckboxColumn(ui.t("settings.outcome_positive")),
                            })
    if st.button(ui.t("settings.save_outcomes"), key="save_outcomes"):
        by_label = {s.label: s.key for s in m.stages}
        old = {o.key: o for o in m.outcomes}
        outcomes = []
        for r in edited.dropna(subset=["label", "stage"]).itertuples():
            key = r.key if isinstance(r.key, str) and r.key else norm(r.label).replace(" ", "-")
            aliases = old[key].aliases if key in old else ()
            if r.stage not in by_label:
                continue
            outcomes.append(Outcome(key, str(r.label).strip(), by_label[r.stage], bool(r.positive), aliases))
        if len({o.key for o in outcomes}) != len(outcomes):
            raise CJMError("Two outcomes have the same name. Give each outcome a different name.")
        _save(dataclasses.replace(m, outcomes=tuple(outcomes)))


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
        by_label = {s.label: s.key for s in m.stages}
        extra = tuple((str(r.value), by_label[r.map_to]) for r in edited.itertuples() if r.map_to in by_label)
        if extra:
            _save(dataclasses.replace(m, extra_aliases=m.extra_aliases + extra))


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
        scores = {str(r.value): int(r.score) for r in edited.itertuples() if r.score != none}
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
        _save(custom(stage_values_in_order(ui.cursor()), name="custom (from data)"))
    if m is None:
        return
    st.text(" → ".join(m.labels))
    _stages_editor(m)
    _outcomes_editor(m)
    _unknown_values(m)
    _emotion_words()


ui.page(render)
