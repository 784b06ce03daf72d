"""Funnel: reach and conversion per stage, time to convert, outcomes, stuck/backward customers, flows."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

import ui
from cjm.analyses import flows, funnel
from cjm.core.filters import LIST_FIELDS
from cjm.present import charts


def _ci(p, lo, hi) -> str:
    """A share with its interval: "33% (12% to 65%)"."""
    return "" if pd.isna(p) else ui.t("unit.ci", value=ui.percent(p), low=ui.percent(lo), high=ui.percent(hi))


def _diff(d, lo, hi) -> str:
    """A difference of shares in percentage points with its interval: "+12 pp (−3 pp to +27 pp)"."""
    return "" if pd.isna(d) else ui.t("unit.ci", value=ui.points(d), low=ui.points(lo), high=ui.points(hi))


def _period(a: tuple[dt.date, dt.date]) -> str:
    return f"{ui.date(a[0])} – {ui.date(a[1])}"


def render() -> None:
    st.title(ui.t("funnel.title"))
    if not ui.has_data():
        return
    m = ui.chosen_model()
    lang = ui.lang()
    c1, c2 = st.columns([2, 1])
    mode = c1.radio(ui.t("funnel.mode"), ["furthest", "visited"], horizontal=True, key="funnel_mode",
                    format_func=ui.labels(["furthest", "visited"], lambda v: ui.t(f"funnel.mode_{v}")), help=ui.t("funnel.mode_help"))
    window = c2.number_input(ui.t("funnel.window"), min_value=0, max_value=3650, value=0, step=7, key="funnel_window",
                             help=ui.t("funnel.window_help"))
    df = ui.compute(funnel.funnel, mode=mode, window_days=int(window) or None)
    left, right = st.columns([5, 6])
    with left:
        ui.chart(charts.funnel_chart(df, lang=lang), key="funnel_chart")
    with right:
        st.subheader(ui.t("funnel.table"))
        # the share of the first stage is written on the chart; four columns fit half a 1280 px screen
        ui.table(df, {"label": ("funnel.col_stage", "text"), "customers": ("funnel.col_customers", "number"),
                      "conversion": ("funnel.col_conversion", "percent"), "dropped": ("funnel.col_dropped", "number")},
                 key="funnel_table")

    st.subheader(ui.t("funnel.time"))
    t1, t2 = st.columns(2)
    with t1:
        ui.table(ui.compute(funnel.time_to_convert),
                 {"from_label": ("col.from_stage", "text"), "to_label": ("col.to_stage", "text"),
                  "n": ("col.customers", "number"), "median_days": ("col.median_days", "decimal"),
                  "p90_days": ("col.p90_days", "decimal")}, key="time_to_convert")
    with t2:
        ui.table(ui.compute(funnel.time_in_stage),
                 {"label": ("col.stage", "text"), "n": ("col.customers", "number"),
                  "median_days": ("col.median_days", "decimal"), "p90_days": ("col.p90_days", "decimal")},
                 key="time_in_stage")

    st.subheader(ui.t("funnel.outcomes"))
    outcomes = ui.compute(funnel.outcomes)
    if len(outcomes):
        ui.table(outcomes, {"label": ("col.stage", "text"), "outcome_label": ("col.outcome", "text"),
                            "customers": ("col.customers", "number"), "share": ("col.share", "percent")},
                 key="outcomes")
    else:
        st.caption(ui.t("funnel.no_outcomes"))

    stuck_cols = {"customer_id": ("col.customer_id", "text"), "label": ("col.stage", "text"),
                  "last_seen": ("col.last_seen", "date"), "days_idle": ("col.days_idle", "number"),
                  "threshold_days": ("col.threshold_days", "number")}
    back_cols = {"customer_id": ("col.customer_id", "text"), "from_label": ("col.from_stage", "text"),
                 "to_label": ("col.to_stage", "text"), "ts": ("col.date", "date")}
    warnings = (("funnel.stuck", "stuck", funnel.stuck_summary, funnel.stuck, "stuck_customers.csv", stuck_cols),
                ("funnel.backwards", "backwards", funnel.backwards_summary, funnel.backwards, "backward_moves.csv",
                 back_cols))
    for col, (title, name, summary_fn, rows_fn, file_name, row_cols) in zip(st.columns(2), warnings):
        with col:  # Coleman's warnings: a count per stage, and the list to download
            st.subheader(ui.t(title))
            summary = ui.compute(summary_fn)
            # stage names and the counts only (readable on a projector); keys and indexes are in the download
            cols = {"label": ("funnel.col_stage", "text")} | (
                {"stuck": ("funnel.col_stuck", "number"), "threshold_days": ("funnel.col_threshold", "number")}
                if name == "stuck" else
                {"customers": ("funnel.col_customers", "number"), "moves": ("funnel.col_moves", "number")})
            ui.table(summary, cols, key=f"{name}_summary")
            rows = ui.compute(rows_fn)
            if len(rows):
                ui.download_csv(ui.labelled(rows, row_cols), ui.t("funnel.download"), file_name, key=f"dl_{name}")

    st.subheader(ui.t("funnel.dropped_after"))
    stage = st.selectbox(ui.t("funnel.dropped_stage"), m.keys[:-1], key="dropped_stage",
                         format_func=lambda k: m.stages[m.index(k)].label, help=ui.t("funnel.dropped_help"))
    dropped = ui.compute(funnel.dropped_after, stage=stage)
    dropped_cols = {"customer_id": ("col.customer_id", "text"), "last_stage": ("col.last_stage", "text"),
                    "last_touchpoint": ("col.last_touchpoint", "text"), "last_seen": ("col.last_seen", "date"),
                    "days_since": ("col.days_since", "number")}
    ui.table(dropped.head(500), dropped_cols, key="dropped_table")
    if len(dropped):
        ui.download_csv(ui.labelled(dropped, dropped_cols), ui.t("funnel.download"), f"dropped_after_{stage}.csv",
                        key="dl_dropped")

    st.subheader(ui.t("funnel.sankey"))
    trans = ui.compute(flows.transitions, by="stage")
    if len(trans):
        named = trans.copy()
        labels = {s.key: s.label for s in m.stages}
        named["source"] = named["source"].map(lambda s: labels.get(s, s))
        named["target"] = named["target"].map(lambda s: labels.get(s, s))
        ui.chart(charts.sankey(named, stage_order=m.labels, lang=lang), key="sankey")
        with st.expander(ui.t("funnel.sankey")):
            ends = {"__start__": ui.t("chart.start"), "__end__": ui.t("chart.end")}
            shown = named.assign(source=named["source"].map(lambda s: ends.get(s, s)),
                                 target=named["target"].map(lambda s: ends.get(s, s)))
            ui.table(shown, {"source": ("col.from_stage", "text"), "target": ("col.to_stage", "text"),
                             "count": ("col.moves", "number"), "median_days": ("col.median_days", "decimal")},
                     key="flows_table")

    st.subheader(ui.t("funnel.breakdown"))
    by = st.selectbox(ui.t("funnel.breakdown_by"), LIST_FIELDS, key="breakdown_by",
                      format_func=ui.labels(LIST_FIELDS, lambda f: ui.t(f"sidebar.{f}")),
                      help=ui.t("funnel.breakdown_help"))
    bd = ui.compute(funnel.breakdown, by=by)
    if len(bd):
        stages = [lbl for lbl in m.labels if lbl in set(bd["label"])]
        group_col = ("group", (f"sidebar.{by}", "text"))
        wide = bd.pivot_table(index="group", columns="label", values="customers", aggfunc="sum")
        wide = wide.reindex(columns=stages).reset_index()
        # the stage names head the columns (data, not catalogue keys): a table of its own with the group pinned
        _wide_table(wide, group_col, stages, lambda v: ui.number(v), key="breakdown_counts")
        st.caption(ui.t("funnel.compare_conversion") + f" ({ui.plain(bd['reference'].iloc[0])} = 0)")
        cells = bd.assign(conv=[_ci(p, lo, hi) + " · " + _diff(d, dl, dh) for p, lo, hi, d, dl, dh in zip(
            bd["conversion_from_first"], bd["ci_low"], bd["ci_high"], bd["diff"], bd["diff_low"], bd["diff_high"])])
        conv = cells.pivot(index="group", columns="label", values="conv").reindex(columns=stages).reset_index()
        _wide_table(conv, group_col, stages, None, key="breakdown_conversion")

    st.subheader(ui.t("funnel.periods"))
    info = ui.compute_summary()
    if info["first"] is not None:
        first, last = info["first"].date(), info["last"].date()
        mid = first + (last - first) / 2
        p1, p2 = st.columns(2)
        a = p1.date_input(ui.t("funnel.period_a"), value=(first, mid), min_value=first, max_value=last, key="period_a",
                          format=ui.date_format())
        b = p2.date_input(ui.t("funnel.period_b"), value=(mid + dt.timedelta(days=1), last), min_value=first,
                          max_value=last, key="period_b", format=ui.date_format())
        if len(a) == 2 and len(b) == 2:
            cmp = ui.compute(funnel.compare_periods, a=tuple(a), b=tuple(b))
            name_a, name_b = _period(a), _period(b)
            ui.chart(charts.bars_compare(cmp, x="label", a="customers_a", b="customers_b", name_a=name_a,
                                         name_b=name_b, lang=lang, y_title=ui.t("chart.customers")),
                     key="periods_chart")
            st.caption(ui.t("funnel.compare_conversion"))
            table = pd.DataFrame({
                "label": cmp["label"],
                "a": [_ci(*x) for x in zip(cmp["from_first_a"], cmp["ci_low_a"], cmp["ci_high_a"])],
                "b": [_ci(*x) for x in zip(cmp["from_first_b"], cmp["ci_low_b"], cmp["ci_high_b"])],
                "d": [_diff(*x) for x in zip(cmp["diff"], cmp["diff_low"], cmp["diff_high"])],
            })
            st.dataframe(table, hide_index=True, key="periods_table", column_config={
                "label": st.column_config.TextColumn(ui.t("funnel.col_stage"), pinned=True),
                "a": st.column_config.TextColumn(ui.t("funnel.period_a") + " · " + name_a),
                "b": st.column_config.TextColumn(ui.t("funnel.period_b") + " · " + name_b),
                "d": st.column_config.TextColumn("Δ")})


def _wide_table(df: pd.DataFrame, group: tuple[str, tuple[str, str]], stages: list[str], fmt, *, key: str) -> None:
    """A group × stage table: the group column headed in the interface language and pinned, one column per stage
    (its name as the user's data or model writes it), cells written by *fmt* (None: already text)."""
    col, (label_key, _kind) = group
    view = df.rename(columns={col: ui.t(label_key)})
    shown = view.style.format({s: fmt for s in stages}, na_rep="–") if fmt else view
    st.dataframe(shown, hide_index=True, key=key,
                 column_config={ui.t(label_key): st.column_config.Column(pinned=True)})


ui.page(render)
