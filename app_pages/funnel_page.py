"""Funnel: reach and conversion per stage, time to convert, outcomes, stuck/backward customers, flows."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

import ui
from cjm.analyses import flows, funnel
from cjm.core.filters import LIST_FIELDS
from cjm.present import charts


def _pct(v) -> str:
    return "" if pd.isna(v) else f"{v:.0%}"


def _ci(p, lo, hi) -> str:
    """A share with its interval: "33% (12–65%)"."""
    return "" if pd.isna(p) else f"{p:.0%} ({lo:.0%}–{hi:.0%})"


def _diff(d, lo, hi) -> str:
    """A difference of shares in percentage points with its interval: "+12 pp (−3 to +27)"."""
    return "" if pd.isna(d) else f"{100 * d:+.0f} pp ({100 * lo:+.0f} to {100 * hi:+.0f})"


def render() -> None:
    st.title(ui.t("funnel.title"))
    if not ui.has_data():
        return
    m = ui.chosen_model()
    c1, c2 = st.columns([2, 1])
    mode = c1.radio(ui.t("funnel.mode"), ["furthest", "visited"], horizontal=True, key="funnel_mode",
                    format_func=lambda v: ui.t(f"funnel.mode_{v}"))
    window = c2.number_input(ui.t("funnel.window"), min_value=0, max_value=3650, value=0, step=7, key="funnel_window")
    df = ui.compute(funnel.funnel, mode=mode, window_days=int(window) or None)
    left, right = st.columns([5, 6])
    with left:
        ui.chart(charts.funnel_chart(df), key="funnel_chart")
    with right:
        st.subheader(ui.t("funnel.table"))
        # the share of the first stage is written on the chart; four columns fit half a 1280 px screen
        table = pd.DataFrame({
            ui.t("funnel.col_stage"): df["label"],
            ui.t("funnel.col_customers"): df["customers"],
            ui.t("funnel.col_conversion"): df["conversion"].map(_pct),
            ui.t("funnel.col_dropped"): df["dropped"],
        })
        widths = dict(zip(table.columns, (150, 80, 105, 75)))
        st.dataframe(table, hide_index=True,
                     column_config={c: st.column_config.Column(width=w) for c, w in widths.items()})

    st.subheader(ui.t("funnel.time"))
    t1, t2 = st.columns(2)
    t1.dataframe(ui.compute(funnel.time_to_convert), hide_index=True)
    t2.dataframe(ui.compute(funnel.time_in_stage), hide_index=True)

    st.subheader(ui.t("funnel.outcomes"))
    outcomes = ui.compute(funnel.outcomes)
    if len(outcomes):
        st.dataframe(outcomes, hide_index=True)
    else:
        st.caption(ui.t("funnel.no_outcomes"))

    warnings = (("funnel.stuck", "stuck", funnel.stuck_summary, funnel.stuck, "stuck_customers.csv"),
                ("funnel.backwards", "backwards", funnel.backwards_summary, funnel.backwards, "backward_moves.csv"))
    for col, (title, name, summary_fn, rows_fn, file_name) in zip(st.columns(2), warnings):
        with col:  # Coleman's warnings: a count per stage, and the list to download
            st.subheader(ui.t(title))
            summary = ui.compute(summary_fn)
            # stage names and the counts only (readable on a projector); keys and indexes are in the download
            cols = {"label": ui.t("funnel.col_stage")} | (
                {"stuck": ui.t("funnel.col_stuck"), "threshold_days": ui.t("funnel.col_threshold")} if name == "stuck"
                else {"customers": ui.t("funnel.col_customers"), "moves": ui.t("funnel.col_moves")})
            st.dataframe(summary[list(cols)].rename(columns=cols), hide_index=True,
                         column_config={ui.t("funnel.col_threshold"): st.column_config.NumberColumn(format="%.0f")})
            rows = ui.compute(rows_fn)
            if len(rows):
                ui.download_csv(rows, ui.t("funnel.download"), file_name, key=f"dl_{name}")

    st.subheader(ui.t("funnel.dropped_after"))
    stage = st.selectbox(ui.t("funnel.dropped_stage"), m.keys[:-1], key="dropped_stage",
                         format_func=lambda k: m.stages[m.index(k)].label)
    dropped = ui.compute(funnel.dropped_after, stage=stage)
    st.dataframe(dropped.head(500), hide_index=True)
    if len(dropped):
        ui.download_csv(dropped, ui.t("funnel.download"), f"dropped_after_{stage}.csv", key="dl_dropped")

    st.subheader(ui.t("funnel.sankey"))
    trans = ui.compute(flows.transitions, by="stage")
    if len(trans):
        named = trans.copy()
        labels = {s.key: s.label for s in m.stages}
        named["source"] = named["source"].map(lambda s: labels.get(s, s))
        named["target"] = named["target"].map(lambda s: labels.get(s, s))
        ui.chart(charts.sankey(named, stage_order=m.labels), key="sankey")
        with st.expander(ui.t("funnel.sankey")):
            st.dataframe(trans, hide_index=True)

    st.subheader(ui.t("funnel.breakdown"))
    by = st.selectbox(ui.t("funnel.breakdown_by"), LIST_FIELDS, key="breakdown_by",
                      format_func=lambda f: ui.t(f"sidebar.{f}"))
    bd = ui.compute(funnel.breakdown, by=by)
    if len(bd):
        wide = bd.pivot_table(index="group", columns="label", values="customers", aggfunc="sum")
        wide = wide.reindex(columns=[lbl for lbl in m.labels if lbl in wide.columns])
        st.dataframe(wide)
        st.caption(ui.t("funnel.compare_conversion") + f" ({ui.plain(bd['reference'].iloc[0])} = 0)")
        cells = bd.assign(conv=[_ci(p, lo, hi) + " · " + _diff(d, dl, dh) for p, lo, hi, d, dl, dh in zip(
            bd["conversion_from_first"], bd["ci_low"], bd["ci_high"], bd["diff"], bd["diff_low"], bd["diff_high"])])
        conv = cells.pivot(index="group", columns="label", values="conv")
        st.dataframe(conv.reindex(columns=[lbl for lbl in m.labels if lbl in conv.columns]))

    st.subheader(ui.t("funnel.periods"))
    info = ui.compute_summary()
    if info["first"] is not None:
        first, last = info["first"].date(), info["last"].date()
        mid = first + (last - first) / 2
        p1, p2 = st.columns(2)
        a = p1.date_input(ui.t("funnel.period_a"), value=(first, mid), min_value=first, max_value=last, key="period_a")
        b = p2.date_input(ui.t("funnel.period_b"), value=(mid + dt.timedelta(days=1), last), min_value=first,
                          max_value=last, key="period_b")
        if len(a) == 2 and len(b) == 2:
            cmp = ui.compute(funnel.compare_periods, a=tuple(a), b=tuple(b))
            ui.chart(charts.bars_compare(cmp, x="label", a="customers_a", b="customers_b",
                                                name_a=f"{a[0]} – {a[1]}", name_b=f"{b[0]} – {b[1]}"),
                            key="periods_chart")
            st.caption(ui.t("funnel.compare_conversion"))
            st.dataframe(pd.DataFrame({
                ui.t("funnel.col_stage"): cmp["label"],
                f"{a[0]} – {a[1]}": [_ci(*x) for x in zip(cmp["from_first_a"], cmp["ci_low_a"], cmp["ci_high_a"])],
                f"{b[0]} – {b[1]}": [_ci(*x) for x in zip(cmp["from_first_b"], cmp["ci_low_b"], cmp["ci_high_b"])],
                "Δ": [_diff(*x) for x in zip(cmp["diff"], cmp["diff_low"], cmp["diff_high"])],
            }), hide_index=True, key="periods_table")


ui.page(render)
