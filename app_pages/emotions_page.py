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
    by = st.selectbox(ui.t("emotions.by"), [None, "segment", "persona", "role", "channel"], key="emotion_by",
                      format_func=lambda f: ui.t("emotions.none") if f is None else ui.t(f"sidebar.{f}"))
    marks = highs_lows(curve)
    if by:
        grouped = ui.compute(emotion.curve, by=by)
        ui.chart(charts.emotion_curve(grouped, group="group"), key="emotion_by_chart")
    else:
        ui.chart(charts.emotion_curve(curve, marks=marks), key="emotion_chart")
    cols = st.columns(2)
    for col, kind in zip(cols, ("high", "low")):
        part = marks[marks["kind"] == kind] if len(marks) else marks
        for _, r in part.iterrows():
            col.text(ui.t(f"emotions.{kind}", stage=r["label"]) + f"  ({r['mean']:+.2f}, n={int(r['n'])})")
    st.subheader(ui.t("emotions.nps"))
    nps_all = ui.compute(emotion.nps)
    nps_stage = ui.compute(emotion.nps, by="stage")
    if len(nps_all) and nps_all["n"].iloc[0]:
        r = nps_all.iloc[0]
        st.metric(ui.t("emotions.nps_overall"), f"{r['nps']:+.0f}", help=f"n={int(r['n'])}")
        if len(nps_stage):
            ui.chart(charts.nps_bars(nps_stage, x="label"), key="nps_chart")
    else:
        st.caption(ui.t("map.none"))
    st.subheader(ui.t("emotions.comments"))
    stage = st.selectbox(ui.t("emotions.stage"), m.keys, key="comments_stage",
                         format_func=lambda k: m.stages[m.index(k)].label)
    st.dataframe(ui.compute(emotion.comments, stage=stage, k=5), hide_index=True)


ui.page(render)
