"""Journey map: stages as columns; lanes computed from data, then lanes written by the team (saved at once)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from cjm.analyses import channels, emotion, funnel, pain_points
from cjm.present import charts
from cjm.store.notes import TEXT_LANES, lanes, set_lane


def _top(df: pd.DataFrame, stage: str, col: str, k: int = 3) -> list[str]:
    if df is None or not len(df):
        return []
    part = df[df["stage"] == stage]
    return [str(v) for v in part[col].dropna().head(k)]


def _computed_lanes(m) -> None:
    """The lanes computed from data, drawn as one grid figure (stages as columns, the emotion curve across)."""
    fun = ui.compute(funnel.funnel)
    touch = ui.compute(channels.touchpoints).sort_values(["stage_idx", "customers"], ascending=[True, False])
    matrix = ui.compute(channels.matrix).sort_values(["stage_idx", "events"], ascending=[True, False])
    pains = ui.compute(pain_points.pain_points, top=50)
    nps = ui.compute(emotion.nps, by="stage")
    curve = ui.compute(emotion.curve)
    customers, conversion, nps_cells = [], [], []
    for i, stage in enumerate(m.stages):
        row = fun[fun["stage"] == stage.key]
        customers.append([f"{int(row['customers'].iloc[0]):,}" if len(row) else "0"])
        conv = row["conversion"].iloc[0] if len(row) else None
        conversion.append([] if i == 0 or conv is None or pd.isna(conv)
                          else [ui.t("map.conversion_cell", pct=f"{conv:.0%}")])
        r = nps[nps["stage"] == stage.key] if "stage" in nps.columns else nps.iloc[0:0]
        nps_cells.append([f"{r['nps'].iloc[0]:+.0f} (n={int(r['n'].iloc[0])})"]
                         if len(r) and pd.notna(r["nps"].iloc[0]) and r["n"].iloc[0] else [])
    lanes_data = [
        (ui.t("map.customers"), customers),
        (ui.t("map.conversion"), conversion),
        (ui.t("map.touchpoints"), [_top(touch, s.key, "touchpoint") for s in m.stages]),
        (ui.t("map.channels"), [_top(matrix, s.key, "channel") for s in m.stages]),
        (ui.t("map.pain"), [_top(pains, s.key, "touchpoint", 2) for s in m.stages]),
        (ui.t("map.nps"), nps_cells),
    ]
    fig = charts.journey_grid(m.labels, lanes_data, curve if len(curve) else None, curve_lane=ui.t("map.emotion"),
                              big_lane=ui.t("map.customers"), no_curve=ui.t("map.no_emotion"))
    ui.chart(fig, key="journey_grid")


def _save_lane(stage_key: str, lane: str, widget_key: str) -> None:
    set_lane(ui.workspace(), stage_key, lane, st.session_state.get(widget_key) or "")
    st.toast(ui.t("map.saved"))


def _people_lanes(m) -> None:
    """The lanes written by people: one text box per (lane, stage), saved to the workspace on every change."""
    st.subheader(ui.t("map.people_lanes"))
    saved = {(r.stage_key, r.lane): r.text for r in lanes(ui.cursor()).itertuples()}
    widths = [1.2] + [2] * len(m.stages)
    head = st.columns(widths)
    for col, stage in zip(head[1:], m.stages):
        col.text(stage.label)
    for lane in TEXT_LANES:
        cols = st.columns(widths)
        cols[0].text(ui.t(f"lane.{lane}"))
        for col, stage in zip(cols[1:], m.stages):
            key = f"lane__{lane}__{stage.key}"
            text = saved.get((stage.key, lane), "")
            if st.session_state.get(f"{key}__saved") != text:  # workspace changed under us: show what is saved
                st.session_state[key] = text
                st.session_state[f"{key}__saved"] = text
            col.text_area(ui.t("map.lane_cell", lane=ui.t(f"lane.{lane}"), stage=stage.label), key=key,
                          label_visibility="collapsed", height=90, on_change=_save_lane,
                          args=(stage.key, lane, key))


def render() -> None:
    st.title(ui.t("map.title"))
    if not ui.has_data():
        return
    m = ui.model()
    _computed_lanes(m)
    _people_lanes(m)


ui.page(render)
