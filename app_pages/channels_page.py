"""Touchpoints & channels: stage x channel heatmap, gaps in sentences, touchpoints ranked with lift."""

from __future__ import annotations

import streamlit as st

import ui
from cjm.analyses import channels
from cjm.analyses.touchpoint_types import touchpoint_types
from cjm.present import charts
from cjm.store.notes import StaleNoteError
from cjm.store.progress import TOUCHPOINT_TYPES, set_touchpoint_type

MEASURES = {"events": "channels.events", "customers": "channels.customers", "mean_emotion": "channels.emotion"}


def _gap_sentence(row) -> str:
    kind = row["kind"]
    if kind == "no_touchpoints":
        return ui.t("gap.no_touchpoints", stage=row["label"])
    if kind == "channel_absent":
        return ui.t("gap.channel_absent", channel=row["channel"], stage=row["label"])
    return ui.t("gap.few_touches", stage=row["label"], value=ui.decimal(row["touches_per_customer"]),
                typical=ui.decimal(row["median_touches_per_customer"]))


def render() -> None:
    st.title(ui.t("channels.title"))
    if not ui.has_data():
        return
    m = ui.chosen_model()
    measure = st.segmented_control(ui.t("channels.measure"), list(MEASURES), default="events", key="heat_measure",
                                   format_func=ui.labels(MEASURES, lambda k: ui.t(MEASURES[k])),
                                   help=ui.t("channels.measure_help")) or "events"
    matrix = ui.compute(channels.matrix)
    if len(matrix):
        ui.chart(charts.heatmap(matrix, value=measure, stage_order=m.labels, value_label=ui.t(MEASURES[measure]),
                                lang=ui.lang(), diverging=(measure == "mean_emotion")), key="heatmap")
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
    # the touchpoint first (pinned), then its stage: the key column stays on screen at 1280 px
    columns = {"touchpoint": ("col.touchpoint", "text"), "label": ("col.stage", "text"),
               "events": ("col.events", "number"), "customers": ("col.customers", "number"),
               "mean_emotion": ("col.mean_emotion", "signed2"), "n_emotion": ("col.n_emotion", "number"),
               "progressed_with": ("col.progressed_with", "percent"), "n_with": ("col.n_with", "number"),
               "progressed_without": ("col.progressed_without", "percent"), "n_without": ("col.n_without", "number"),
               "lift": ("col.lift", "points")}
    ui.table(ranking, columns, key="touchpoint_ranking", helps={"lift": ui.t("channels.lift_help")})
    ui.download_csv(ui.labelled(ranking, columns), ui.t("funnel.download"), "touchpoints.csv", key="dl_touch")
    _types()


def _types() -> None:
    """The touchpoint types of the Turkish journey-management article, by default from name and channel; the team
    may change one (a team note: no analysis is computed again)."""
    st.subheader(ui.t("tptype.title"))
    st.caption(ui.t("tptype.help"))
    types = touchpoint_types(ui.cursor(), model=ui.chosen_model(), filters=ui.filters())
    if not len(types):
        st.text(ui.t("tptype.none"))
        return
    shown = types.assign(type_label=[ui.t(f"tptype.{k}") for k in types["type"]],
                         source_label=[ui.t(f"tptype.source_{k}") for k in types["source"]])
    ui.table(shown, {"touchpoint": ("col.touchpoint", "text"), "channel": ("tptype.col_channel", "text"),
                     "events": ("col.events", "number"), "type_label": ("tptype.col_type", "text"),
                     "source_label": ("tptype.col_source", "text")}, key="touchpoint_types")
    c1, c2, c3 = st.columns([3, 3, 1])
    names = types["touchpoint"].tolist()
    which = c1.selectbox(ui.t("col.touchpoint"), names, key="tptype_touchpoint")
    row = types[types["touchpoint"] == which].iloc[0]
    kind = c2.segmented_control(ui.t("tptype.col_type"), list(TOUCHPOINT_TYPES), default=row["type"],
                                key=f"tptype_kind_{which}",
                                format_func=ui.labels(TOUCHPOINT_TYPES, lambda k: ui.t(f"tptype.{k}")))
    if c3.button(ui.t("tptype.save"), key="tptype_save") and kind:
        try:
            set_touchpoint_type(ui.workspace(), which, kind, expected=int(row["version"]))
        except StaleNoteError as exc:
            st.warning(ui.plain(ui.msg(exc)))
        else:
            st.rerun()


ui.page(render)
