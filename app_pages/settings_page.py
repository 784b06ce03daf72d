"""Settings: the stage model (preset, reorder/rename/add, final stages), unknown stage values mapped to stages."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from cjm.analyses.workspace_info import stage_preview, suggested_choices, unmatched_stages
from cjm.core.stage_edit import edit_outcomes, edit_stages, map_values, model_from_choices, outcome_rows, stage_rows
from cjm.core.stage_model import PRESETS, StageModel, preset
from cjm.ingest.emotion_words import set_emotion_words, unscored_emotion_words
from cjm.store.backups import reason_message
from cjm.store.kept import set_value_reading, value_reading_choice
from cjm.store.order import order_ties, set_stage_model, tie_order


def _save(model: StageModel) -> None:
    if model != ui.model():  # an unchanged model is no data write: every cached analysis stays valid
        set_stage_model(ui.workspace(), model)  # and events with equal times ordered by its stages
    st.session_state["flash"] = ui.t("settings.saved")
    st.rerun()


def _stages_editor(m: StageModel) -> None:
    st.subheader(ui.t("settings.stages_title"))
    st.caption(ui.t("settings.stages"))
    edited = st.data_editor(pd.DataFrame(stage_rows(m)), key=f"stages_editor_{m.name}_{len(m.stages)}",
                            num_rows="dynamic", hide_index=True, disabled=["key"],
                            column_order=["label", "order", "final", "key"], column_config={
                                "order": st.column_config.NumberColumn(ui.t("col.order"), min_value=1, step=1),
                                "label": st.column_config.TextColumn(ui.t("settings.col_label"), required=True,
                                                                     pinned=True),
                                "final": st.column_config.CheckboxColumn(ui.t("col.final")),
                                "key": st.column_config.TextColumn(ui.t("col.key")),
                            })
    if st.button(ui.t("settings.save_stages"), key="save_stages"):
        _save(edit_stages(m, edited.to_dict("records")))


def _won_stage(m: StageModel) -> None:
    """The won stage (what-if, report): presets name one; a custom model asks."""
    none = ui.t("settings.won_none")
    options = [none, *m.localized(ui.lang()).labels]  # a preset's stages as the interface language names them
    won = m.won_index()
    if won is None:
        st.info(ui.t("settings.won_ask"))
    choice = st.selectbox(ui.t("settings.won"), options, index=0 if won is None else won + 1,
                          help=ui.t("settings.won_help"), key=f"won_stage_{m.name}_{len(m.stages)}")
    chosen = None if choice == none else options.index(choice) - 1
    if chosen != won:
        _save(m.with_won(chosen))


def _reading() -> None:
    """How events at the same time are ordered and how the value column is read (both shown in the import
    report; changed here for the whole workspace)."""
    st.subheader(ui.t("settings.reading_title"))
    c1, c2 = st.columns(2)
    ties = tie_order(ui.cursor())
    how = c1.radio(ui.t("settings.ties"), ["stage", "file"], index=["stage", "file"].index(ties), key="tie_order",
                   format_func=ui.labels(["stage", "file"], lambda v: ui.t(f"settings.ties_{v}")))
    if how != ties:
        cur = ui.workspace().cursor()
        try:
            order_ties(cur, how)
        finally:
            cur.close()
        st.session_state["flash"] = ui.t("settings.saved")
        st.rerun()
    current = value_reading_choice(ui.cursor()) or "auto"
    choice = c2.radio(ui.t("settings.values"), ["auto", "customer", "event"], key="value_reading",
                      index=["auto", "customer", "event"].index(current),
                      format_func=ui.labels(["auto", "customer", "event"], lambda v: ui.t(f"settings.values_{v}")))
    if choice != current:
        set_value_reading(ui.workspace(), None if choice == "auto" else choice)
        st.session_state["flash"] = ui.t("settings.saved")
        st.rerun()


def _stage_preview() -> None:
    """"Suggest from the data" as a preview: each value with its counts and typical position, kept / dropped,
    reordered, renamed, final, outcome of a stage — saved only on the button (the same function as
    ``python -m cjm stages --infer``)."""
    st.subheader(ui.t("settings.preview_title"))
    st.caption(ui.t("settings.preview_help"))
    preview = stage_preview(ui.cursor())
    rows = suggested_choices(preview)
    kept = {r["value"] for r in rows if r["keep"]}
    # the counts are only shown (not edited): written the language's way as text
    table = pd.DataFrame({
        "keep": [v in kept for v in preview["value"]],
        "order": [float(i + 1) for i in range(len(preview))],
        "value": preview["value"].astype("string"),
        "label": pd.Series([None] * len(preview), dtype="string"),
        "events": preview["events"].map(ui.number), "customers": preview["customers"].map(ui.number),
        "position": preview["position"].map(ui.decimal), "last_share": preview["last_share"].map(ui.percent),
        "final": preview["final"].astype(bool),
        "outcome_of": pd.Series([None] * len(preview), dtype="string"),
        "positive": [False] * len(preview)})
    edited = st.data_editor(table, key="stage_preview_editor", hide_index=True,
                            disabled=["value", "events", "customers", "position", "last_share"], column_config={
                                "keep": st.column_config.CheckboxColumn(ui.t("settings.col_keep")),
                                "order": st.column_config.NumberColumn(ui.t("col.order"), min_value=1, step=1),
                                "value": st.column_config.TextColumn(ui.t("settings.col_value"), pinned=True),
                                "label": st.column_config.TextColumn(ui.t("settings.col_label")),
                                "events": st.column_config.TextColumn(ui.t("settings.col_events")),
                                "customers": st.column_config.TextColumn(ui.t("settings.col_customers")),
                                "position": st.column_config.TextColumn(ui.t("settings.col_position")),
                                "last_share": st.column_config.TextColumn(ui.t("settings.col_last_share")),
                                "final": st.column_config.CheckboxColumn(ui.t("settings.col_final")),
                                "outcome_of": st.column_config.SelectboxColumn(
                                    ui.t("settings.col_outcome_of"), options=list(preview["value"])),
                                "positive": st.column_config.CheckboxColumn(ui.t("settings.col_positive")),
                            })
    c1, c2 = st.columns(2)
    if c1.button(ui.t("settings.preview_save"), key="save_preview", type="primary"):
        model = model_from_choices(edited.to_dict("records"))
        st.session_state.pop("stage_preview_open", None)
        _save(model)
    if c2.button(ui.t("settings.preview_cancel"), key="cancel_preview"):
        st.session_state.pop("stage_preview_open", None)
        st.rerun()


def _outcomes_editor(m: StageModel) -> None:
    """Outcomes at decision points (hired / not now / no way; advocate / lost): add, rename, remove, attach to a stage."""
    st.subheader(ui.t("settings.outcomes"))
    st.caption(ui.t("settings.outcomes_help"))
    table = pd.DataFrame(outcome_rows(m), columns=["label", "stage", "positive", "key"]).astype(
        {"label": "string", "stage": "string", "positive": "bool", "key": "string"})
    edited = st.data_editor(table, key=f"outcomes_editor_{m.name}_{len(m.outcomes)}", num_rows="dynamic",
                            hide_index=True, disabled=["key"], column_config={
                                "label": st.column_config.TextColumn(ui.t("settings.outcome"), required=True,
                                                                     pinned=True),
                                "stage": st.column_config.SelectboxColumn(ui.t("settings.outcome_stage"),
                                                                          options=m.labels, required=True),
                                "positive": st.column_config.CheckboxColumn(ui.t("settings.outcome_positive")),
                                "key": st.column_config.TextColumn(ui.t("col.key")),
                            })
    if st.button(ui.t("settings.save_outcomes"), key="save_outcomes"):
        _save(edit_outcomes(m, edited.to_dict("records")))


def _unknown_values(m: StageModel) -> None:
    unknown = unmatched_stages(ui.cursor())
    if not len(unknown):
        return
    st.subheader(ui.t("settings.unknown"))
    leave = ui.t("map.none")
    table = unknown.assign(map_to=leave, events=unknown["events"].map(ui.number),
                           customers=unknown["customers"].map(ui.number))
    edited = st.data_editor(table, key="unknown_editor", hide_index=True, disabled=["value", "events", "customers"],
                            column_config={
                                "value": st.column_config.TextColumn(ui.t("col.value"), pinned=True),
                                "events": st.column_config.TextColumn(ui.t("col.events")),
                                "customers": st.column_config.TextColumn(ui.t("col.customers")),
                                "map_to": st.column_config.SelectboxColumn(
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
    edited = st.data_editor(unknown.assign(score=none, events=unknown["events"].map(ui.number)),
                            key="emotion_words_editor", hide_index=True, disabled=["value", "events"], column_config={
                                "value": st.column_config.TextColumn(ui.t("col.value"), pinned=True),
                                "events": st.column_config.TextColumn(ui.t("col.events")),
                                "score": st.column_config.SelectboxColumn(
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
                          index=names.index(m.name) if m and m.name in names else 0, format_func=ui.labels(names, ui.model_name),
                          help=ui.t("settings.preset_help"))
    c2.write("")
    if c2.button(ui.t("settings.apply_preset"), key="apply_preset", type="primary"):
        _save(preset(choice))
    c3.write("")
    if c3.button(ui.t("settings.infer"), key="infer_model"):
        st.session_state["stage_preview_open"] = True
    if st.session_state.get("stage_preview_open"):
        _stage_preview()
    if m is None:
        return
    st.text(" → ".join(m.localized(ui.lang()).labels))
    _stages_editor(m)
    _won_stage(m)
    _reading()
    _outcomes_editor(m)
    _unknown_values(m)
    _emotion_words()



def _backups() -> None:
    """Backups: the snapshots kept before each import, replace and stage-model change; restore one after a
    confirmation. Runs as a page body of its own, so it is there even when the workspace is damaged."""
    from pathlib import Path

    from cjm.store import default_path
    from cjm.store.backups import backup_dir, keep, list_snapshots, max_bytes, restore

    path = str(Path(st.session_state.get("workspace_path") or default_path()).expanduser().resolve())
    st.subheader(ui.t("backups.title"))
    st.caption(ui.tp("backups.help", n=keep(), mb=max_bytes() >> 20, folder=backup_dir(path)))
    snaps = list_snapshots(path)
    if not snaps:
        st.info(ui.t("backups.none"))
        return
    ui.table(pd.DataFrame({"id": [s.id for s in snaps], "time": [s.time.strftime("%Y-%m-%d %H:%M") for s in snaps],
                           "reason": [ui.msg(reason_message(s.reason)) for s in snaps], "size": [s.size / 2**20 for s in snaps]}),
             {"id": ("backups.id", "text"), "time": ("backups.time", "text"), "reason": ("backups.reason", "text"),
              "size": ("backups.size", "decimal")}, key="backups_table")
    choice = st.selectbox(ui.t("backups.choose"), [s.id for s in snaps], key="backup_choice",
                          help=ui.t("settings.backup_help"))
    ok = st.checkbox(ui.t("backups.confirm", id=choice), key="backup_confirm")
    if st.button(ui.t("backups.restore"), key="backup_restore", disabled=not ok):
        done = restore(path, choice)
        flash = ui.t("backups.restored", id=done.restored.id)
        if done.kept.id:
            flash += " " + ui.t("backups.kept", id=done.kept.id)
        elif done.kept.note:
            flash += " " + ui.msg(done.kept.note)
        st.session_state["flash"] = flash
        st.session_state.pop("backup_confirm", None)
        st.rerun()


ui.page(render)
ui.page(_backups)
