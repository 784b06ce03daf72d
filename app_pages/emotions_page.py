"""Emotions: the curve with its confidence band, a per-group overlay, highs and lows, NPS, the comments behind it."""

from __future__ import annotations

import streamlit as st

import ui
from cjm.analyses import emotion
from cjm.analyses.emotion import highs_lows
from cjm.present import charts


def render() -> None:
    st.title(ui.t("emotions.title"))
    if not ui.has_data():
        return
    m = ui.chosen_model()
    curve = ui.compute(emotion.curve)
    if not len(curve) or curve["n"].fillna(0).sum() == 0:
        st.info(ui.t("emotions.no_emotion"))
        return
    lang = ui.lang()
    groups = [None, "segment", "persona", "role", "channel"]
    by = st.selectbox(ui.t("emotions.by"), groups, key="emotion_by",
                      format_func=ui.labels(groups, lambda f: ui.t("emotions.none") if f is None else ui.t(f"sidebar.{f}")),
                      help=ui.t("emotions.by_help"))
    marks = highs_lows(curve)
    if by:
        grouped = ui.compute(emotion.curve, by=by)
        ui.chart(charts.emotion_curve(grouped, group="group", lang=lang), key="emotion_by_chart")
    else:
        ui.chart(charts.emotion_curve(curve, marks=marks, lang=lang), key="emotion_chart")
    cols = st.columns(2)
    for col, kind in zip(cols, ("high", "low")):
        part = marks[marks["kind"] == kind] if len(marks) else marks
        for _, r in part.iterrows():
            col.text(ui.t("unit.mark", label=ui.t(f"emotions.{kind}", stage=r["label"]),
                          value=ui.decimal(r["mean"], digits=2, signed=True), n=ui.number(r["n"])))
    st.subheader(ui.t("emotions.nps"))
    nps_all = ui.compute(emotion.nps)
    nps_stage = ui.compute(emotion.nps, by="stage")
    if len(nps_all) and nps_all["n"].iloc[0]:
        r = nps_all.iloc[0]
        st.metric(ui.t("emotions.nps_overall"), ui.decimal(r["nps"], digits=0, signed=True),
                  help=ui.t("unit.n", n=ui.number(r["n"])))
        if len(nps_stage):
            ui.chart(charts.nps_bars(nps_stage, x="label", lang=lang), key="nps_chart")
    else:
        st.caption(ui.t("map.none"))
    st.subheader(ui.t("emotions.comments"))
    stage = st.selectbox(ui.t("emotions.stage"), m.keys, key="comments_stage",
                         format_func=lambda k: m.stages[m.index(k)].label, help=ui.t("emotions.stage_help"))
    comments = ui.compute(emotion.comments, stage=stage, k=5)
    kinds = {k: ui.t(f"col.kind_{k}") for k in ("positive", "negative")}
    ui.table(comments.assign(kind=comments["kind"].map(lambda k: kinds.get(k, k))),
             {"comment": ("col.comment", "text"), "kind": ("col.kind", "text"), "emotion": ("col.emotion", "signed"),
              "touchpoint": ("col.touchpoint", "text"), "customer_id": ("col.customer_id", "text"),
              "ts": ("col.date", "date")}, key="comments_table", widths={"comment": "large"})


ui.page(render)
