"""Touchpoints & channels: stage x channel heatmap, gaps in sentences, touchpoints ranked with lift."""

from __future__ import annotations

import streamlit as st

import ui
from cjm.analyses import channels
from cjm.present import charts

MEASURES = {"events": "channels.events", "customers": "channels.customers", "mean_emotion": "channels.emotion"}


def _gap_sentence(row) -> str:
    kind = row["kind"]
    if kind == "no_touchpoints":
        return ui.t("gap.no_touchpoints", stage=row["label"])
    if kind == "channel_absent":
        return ui.t("gap.channel_absent", channel=row["channel"], stage=row["label"])
    return ui.t("gap.few_touches", stage=row["label"], value=f"{row['touches_per_customer']:.1f}",
                typical=f"{row['median_touches_per_customer']:.1f}")


def render() -> None:
    st.title(ui.t("channels.title"))
    if not ui.has_data():
        return
    m = ui.chosen_model()
    measure = st.segmented_control(ui.t("channels.measure"), list(MEASURES), default="events", key="heat_measure",
                                   format_func=lambda k: ui.t(MEASURES[k])) or "events"
    matrix = ui.compute(channels.matrix)
    if len(matrix):
        ui.chart(charts.heatmap(matrix, value=measure, stage_order=m.labels,
                                       diverging=(measure == "mean_emotion")), key="heatmap")
    st.subheader(ui.t("channels.gaps"))
    gaps = ui.compute(channels.gaps)
    if len(gaps):
        for _, row in gaps.iterrows():
            st.text("• " + _gap_sentence(row))
    else:
        st.text(ui.t("channels.no_gaps"))
    st.subheader(ui.t("channels.ranking"))
    st.caption(ui.t("channels.lift_help"))
    ranking = ui.compute(channels.touchpoints)
    st.dataframe(ranking, hide_index=True, column_config={
        "lift": st.column_config.NumberColumn(format="%+.2f"),
        "mean_emotion": st.column_config.NumberColumn(format="%+.2f"),
    })
    ui.download_csv(ranking, ui.t("funnel.download"), "touchpoints.csv", key="dl_touch")


ui.page(render)
