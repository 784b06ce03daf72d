"""Journey map: stages as columns; lanes computed from data, then lanes written by the team (saved at once)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from cjm import charts
from cjm.workspace_data import TEXT_LANES, lanes, set_lane


def _top(df: pd.DataFrame, stage: str, col: str, k: int = 3) -> list[str]:
    if df is None or not len(df):
        return []
    part = df[df["stage"] == stage]
    return [str(v) for v in part[col].dropna().head(k)]


def _computed_lanes(m) -> None:
    fun = ui.compute("funnel", "funnel")
    touch = ui.compute("channels", "touchpoints").sort_values(["stage_idx", "customers"], ascending=[True, False])
    matrix = ui.compute("channels", "matrix").sort_values(["stage_idx", "events"], ascending=[True, False])
    pains = ui.compute("pain_points", "pain_points", top=50)
    nps = ui.compute("emotion", "nps", by="stage")
    cols = st.columns(len(m.stages))
    for i, (col, stage) in enumerate(zip(cols, m.stages)):
        row = fun[fun["stage"] == stage.key]
        customers = int(row["customers"].iloc[0]) if len(row) else 0
        conv = row["conversion"].iloc[0] if len(row) else None
        with col.container(border=True):
            st.text(stage.label)
            st.metric(ui.t("map.customers"), f"{customers:,}",
                      delta=None if i == 0 or pd.isna(conv) else f"{conv:.0%}", delta_color="off",
                      delta_arrow="off", delta_description=ui.t("map.conversion") if i else None)
            st.caption(ui.t("map.touchpoints"))
            st.text("\n".join(_top(touch, stage.key, "touchpoint")) or ui.t("map.none"))
            st.caption(ui.t("map.channels"))
            st.text(", ".join(_top(matrix, stage.key, "channel", 4)) or ui.t("map.none"))
            st.caption(ui.t("map.pain"))
            st.text("\n".join(_top(pains, stage.key, "touchpoint", 2)) or ui.t("map.none"))
            st.caption(ui.t("map.nps"))
            r = nps[nps["stage"] == stage.key] if "stage" in nps.columns else nps.iloc[0:0]
            st.text(f"{r['nps'].iloc[0]:+.0f} (n={int(r['n'].iloc[0])})" if len(r) and pd.notna(r["nps"].iloc[0])
                    else ui.t("map.none"))


def _people_lanes(m) -> None:
    st.subheader(ui.t("map.people_lanes"))
    saved = lanes(ui.cursor())
    grid = pd.DataFrame({"lane": [ui.t(f"lane.{lane}") for lane in TEXT_LANES]})
    for s in m.stages:
        grid[s.key] = [
            next(iter(saved.loc[(saved["stage_key"] == s.key) & (saved["lane"] == lane), "text"]), "")
            for lane in TEXT_LANES
        ]
    config = {"lane": st.column_config.TextColumn(ui.t("map.lane"), disabled=True, width="small")}
    config.update({s.key: st.column_config.TextColumn(s.label, width="medium") for s in m.stages})
    edited = st.data_editor(grid, key="lanes_editor", hide_index=True, num_rows="fixed", column_config=config,
                            row_height=72)
    changed = 0
    for r, lane in enumerate(TEXT_LANES):
        for s in m.stages:
            new = edited.at[r, s.key] or ""
            if new != (grid.at[r, s.key] or ""):
                set_lane(ui.workspace(), s.key, lane, str(new))
                changed += 1
    if changed:
        st.toast(ui.t("map.saved"))


def render() -> None:
    st.title(ui.t("map.title"))
    if not ui.has_data():
        return
    m = ui.model()
    _computed_lanes(m)
    curve = ui.compute("emotion", "curve")
    if len(curve) and curve["n"].fillna(0).sum() > 0:
        from cjm.emotion import highs_lows

        st.plotly_chart(charts.emotion_curve(curve, marks=highs_lows(curve), title=ui.t("map.curve_title"),
                                             height=320), key="map_curve")
    _people_lanes(m)


ui.page(render)
