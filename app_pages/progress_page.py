"""Progress: KPIs with targets and their status, the journey score, trends with flagged changes, actions on pain
points with their measured effect, and two periods side by side."""

from __future__ import annotations

import datetime as dt
import pathlib
import uuid

import pandas as pd
import streamlit as st

import ui
from cjm.analyses import effects, funnel, kpis, pain_points, trends
from cjm.analyses.compare import compare_workspaces
from cjm.errors import CJMError
from cjm.present.progress import action_where, effect_lines, kpi_rows, score_chart, score_trend_chart, trend_chart
from cjm.store import open_workspace
from cjm.store.notes import StaleNoteError
from cjm.store.progress import (
    DIRECTIONS,
    METRICS,
    TOUCHPOINT_TYPES,
    Action,
    Kpi,
    actions,
    delete_kpi,
    save_action,
    save_kpi,
)
from cjm.store.progress import kpis as saved_kpis


def _kpis(model) -> None:
    con = ui.cursor()
    found = saved_kpis(con)
    status = ui.compute(kpis.kpi_status, kpis=tuple(found))
    score = kpis.journey_score(status, model)
    st.caption(ui.t("kpi.score_definition"))
    if status.empty:
        st.info(ui.t("progress.no_kpis"))
    else:
        # status right after what is measured: the column the room reads first
        ui.table(kpi_rows(status, ui.lang()),
                 {"stage": ("col.stage", "text"), "metric": ("progress.col_metric", "text"),
                  "status": ("progress.col_status", "text"), "value": ("progress.col_value", "text"),
                  "target": ("progress.col_target", "text"), "interval": ("progress.col_interval", "text"),
                  "n": ("progress.col_n", "text"), "owner": ("progress.col_owner", "text")},
                 key="kpi_table")
        left, middle, right = st.columns([2, 3, 3])
        left.metric(ui.t("progress.score"), ui.decimal(score["score"].iloc[-1], digits=0))
        with middle:
            st.caption(ui.t("progress.score_by_stage"))
            ui.chart(score_chart(score, lang=ui.lang()), key="score_chart")
        trend = ui.compute(kpis.score_trend, kpis=tuple(found), period="quarter")
        if len(trend) > 1:
            with right:
                st.caption(ui.t("progress.score_trend"))
                ui.chart(score_trend_chart(trend, lang=ui.lang()), key="score_trend_chart")
    with st.expander(ui.t("progress.kpi_add"), expanded=status.empty), st.form("kpi_form", clear_on_submit=True):
        c1, c2, c3, c4 = st.columns([2, 3, 1, 2])
        stage = c1.selectbox(ui.t("col.stage"), model.keys, format_func=ui.labels(
            model.keys, lambda k: model.stages[model.index(k)].label), key="kpi_stage")
        metric = c2.selectbox(ui.t("progress.col_metric"), METRICS, key="kpi_metric",
                              format_func=ui.labels(METRICS, lambda m: ui.t(f"kpi.metric.{m}")))
        target = c3.number_input(ui.t("progress.col_target"), value=0.0, step=0.05, key="kpi_target",
                                 help=ui.t("progress.target_help"))
        direction = c4.radio(ui.t("progress.direction"), DIRECTIONS, key="kpi_direction", horizontal=True,
                             format_func=ui.labels(DIRECTIONS, lambda d: ui.t(f"kpi.direction.{d}")))
        c5, c6 = st.columns([3, 2])
        owner = c5.text_input(ui.t("progress.col_owner"), key="kpi_owner")
        kinds = [None, *TOUCHPOINT_TYPES]
        breakdown = c6.selectbox(ui.t("progress.breakdown"), kinds, key="kpi_breakdown",
                                 help=ui.t("progress.breakdown_help"), format_func=ui.labels(
                                     kinds, lambda k: ui.t("progress.breakdown_all") if k is None
                                     else ui.t(f"tptype.{k}")))
        if st.form_submit_button(ui.t("progress.kpi_save"), type="primary"):
            kpi_id = f"{stage}-{metric}" + (f"-{breakdown}" if breakdown else "")
            version = next((k.version for k in found if k.kpi_id == kpi_id), 0)
            try:
                save_kpi(ui.workspace(), Kpi(kpi_id, stage, metric, float(target), direction, owner, 0, breakdown),
                         expected=version)
            except StaleNoteError as exc:
                st.warning(ui.plain(ui.msg(exc)))
            else:
                st.rerun()
    if found:
        c1, c2 = st.columns([3, 1])
        names = {k.kpi_id: f"{model.stages[model.index(k.stage_key)].label} · {ui.t(f'kpi.metric.{k.metric}')}"
                 for k in found if k.stage_key in model.keys}
        gone = c1.selectbox(ui.t("progress.kpi_remove"), list(names), format_func=ui.labels(list(names), names.get),
                            key="kpi_remove_choice")
        if c2.button(ui.t("progress.kpi_remove_button"), key="kpi_remove"):
            version = next(k.version for k in found if k.kpi_id == gone)
            try:
                delete_kpi(ui.workspace(), gone, expected=version)
            except StaleNoteError as exc:
                st.warning(ui.plain(ui.msg(exc)))
            else:
                st.rerun()


def _trends() -> None:
    c1, c2 = st.columns([1, 2])
    period = c1.radio(ui.t("progress.period"), trends.PERIODS, horizontal=True, key="trend_period",
                      format_func=ui.labels(trends.PERIODS, lambda p: ui.t(f"progress.period_{p}")))
    measure = c2.radio(ui.t("progress.measure"), trends.MEASURES, horizontal=True, key="trend_measure",
                       format_func=ui.labels(trends.MEASURES, lambda m: ui.t(f"progress.measure_{m}")))
    df = ui.compute(trends.trends, period=period)
    if df.empty:
        st.info(ui.t("progress.no_trends"))
        return
    ui.chart(trend_chart(df, measure, lang=ui.lang(), title=ui.t(f"progress.measure_{measure}"),
                         flagged_label=ui.t("progress.flagged")), key="trend_chart")
    st.caption(ui.t("progress.trend_test"))
    hits = df[df["flagged"]]
    for r in hits.itertuples():
        st.markdown("- " + ui.tp("progress.flag_line", stage=r.label, period=ui.date(r.period),
                                 measure=ui.t(f"progress.measure_{r.measure}"),
                                 change=ui.decimal(r.change, digits=2, signed=True)))
    if hits.empty:
        st.caption(ui.t("progress.no_flags"))


def _actions(model) -> None:
    con = ui.cursor()
    found = actions(con)
    st.caption(ui.t("effect.method"))
    if not found:
        st.info(ui.t("progress.no_actions"))
    for a in found:
        where = action_where(a, dict(zip(model.keys, model.labels)))
        with st.container(border=True):
            st.markdown(f"**{ui.plain(a.title)}** — {ui.plain(where)}")
            st.caption(ui.t("progress.action_meta", owner=a.owner or "–", due=ui.date(a.due), done=ui.date(a.done)))
            e = ui.compute(effects.effect, action=a)
            for line in effect_lines(e, where, ui.lang()):
                st.text(line)
    pains = ui.compute(pain_points.pain_points, top=30)
    with st.expander(ui.t("progress.action_add"), expanded=not found), st.form("action_form", clear_on_submit=True):
        options = [(r.stage, r.touchpoint) for r in pains.itertuples()]
        names = {o: f"{model.stages[model.index(o[0])].label} / {o[1]}" for o in options}
        choice = st.selectbox(ui.t("progress.action_pain"), options, format_func=ui.labels(options, names.get),
                              key="action_pain") if options else None
        title = st.text_input(ui.t("progress.action_title"), key="action_title")
        c1, c2, c3 = st.columns(3)
        owner = c1.text_input(ui.t("progress.col_owner"), key="action_owner")
        due = c2.date_input(ui.t("progress.due"), value=None, key="action_due", format=ui.date_format())
        done = c3.date_input(ui.t("progress.done"), value=None, key="action_done", format=ui.date_format())
        if st.form_submit_button(ui.t("progress.action_save"), type="primary") and choice is not None:
            try:
                save_action(ui.workspace(), Action(f"a-{uuid.uuid4().hex[:8]}", choice[0], choice[1], title, owner,
                                                   due, done), expected=0)
            except CJMError as exc:  # no title, or saved by someone else meanwhile
                st.warning(ui.plain(ui.msg(exc)))
            else:
                st.rerun()
    done_now = [a for a in found if a.done is None]
    if done_now:
        c1, c2, c3 = st.columns([3, 2, 1])
        titles = {a.action_id: a.title for a in done_now}
        which = c1.selectbox(ui.t("progress.mark_done"), list(titles), format_func=ui.labels(list(titles), titles.get),
                             key="action_done_choice")
        day = c2.date_input(ui.t("progress.done"), value=ui.today(), key="action_done_day", format=ui.date_format())
        if c3.button(ui.t("progress.mark_done_button"), key="action_mark_done"):
            a = next(x for x in done_now if x.action_id == which)
            try:
                save_action(ui.workspace(), Action(a.action_id, a.stage_key, a.touchpoint, a.title, a.owner, a.due, day),
                            expected=a.version)
            except StaleNoteError as exc:
                st.warning(ui.plain(ui.msg(exc)))
            else:
                st.rerun()


def _compare_table(df: pd.DataFrame) -> None:
    df = df.assign(diff_text=[ui.t("unit.ci", value=ui.points(d), low=ui.points(lo), high=ui.points(hi))
                              if not pd.isna(d) else "" for d, lo, hi in zip(df["diff"], df["diff_low"], df["diff_high"])])
    columns = {"label": ("col.stage", "text"), "customers_a": ("progress.customers_a", "number"),
               "from_first_a": ("progress.from_first_a", "percent"), "customers_b": ("progress.customers_b", "number"),
               "from_first_b": ("progress.from_first_b", "percent"), "diff_text": ("progress.difference", "text")}
    if "emotion_diff" in df:  # two workspaces: the map's emotion too
        df = df.assign(emotion_text=[
            ui.t("unit.ci", value=ui.decimal(d, signed=True), low=ui.decimal(lo, signed=True),
                 high=ui.decimal(hi, signed=True)) if not pd.isna(d) else ""
            for d, lo, hi in zip(df["emotion_diff"], df["emotion_diff_low"], df["emotion_diff_high"])])
        columns |= {"emotion_a": ("progress.emotion_a", "signed"), "emotion_b": ("progress.emotion_b", "signed"),
                    "emotion_text": ("progress.emotion_difference", "text")}
    ui.table(df, columns, key="compare_table")
    st.caption(ui.t("progress.compare_note"))


def _compare(model) -> None:
    what = st.radio(ui.t("progress.compare_what"), ["periods", "workspaces"], horizontal=True, key="compare_what",
                    format_func=ui.labels(["periods", "workspaces"], lambda w: ui.t(f"progress.compare_{w}")))
    if what == "workspaces":
        here = pathlib.Path(ui.workspace().path)
        others = sorted(str(p) for p in here.parent.glob("*.duckdb") if p != here)
        if not others:
            st.info(ui.t("progress.no_other_workspace"))
            return
        other = st.selectbox(ui.t("progress.other_workspace"), others, key="compare_other",
                             format_func=lambda p: pathlib.Path(p).stem)
        st.caption(ui.t("progress.workspaces_ab", a=here.stem, b=pathlib.Path(other).stem))
        other_ws = open_workspace(other)  # a busy or damaged file raises a plain message (ui.page shows it)
        other_model = other_ws.stage_model()
        if other_model is None or other_model.keys != model.keys:
            st.warning(ui.t("progress.other_model"))
            return
        _compare_table(compare_workspaces(ui.cursor(), other_ws.cursor(), model=model, filters=ui.filters()))
        return
    summary = ui.compute_summary()
    first, last = summary.get("first"), summary.get("last")
    if first is None or last is None:
        st.info(ui.t("progress.no_dates"))
        return
    first, last = pd.Timestamp(first).date(), pd.Timestamp(last).date()
    middle = first + (last - first) / 2
    c1, c2 = st.columns(2)
    a = c1.date_input(ui.t("progress.period_a"), value=(first, middle), min_value=first, max_value=last,
                      key="compare_a", format=ui.date_format())
    b = c2.date_input(ui.t("progress.period_b"), value=(middle + dt.timedelta(days=1), last), min_value=first,
                      max_value=last, key="compare_b", format=ui.date_format())
    if len(a) != 2 or len(b) != 2:
        st.caption(ui.t("progress.pick_two_days"))
        return
    _compare_table(ui.compute(funnel.compare_periods, a=tuple(a), b=tuple(b)))


def render() -> None:
    st.title(ui.t("nav.progress"))
    st.caption(ui.t("progress.title"))
    if not ui.has_data():
        return
    model = ui.chosen_model()
    tabs = st.tabs([ui.t("progress.tab_kpis"), ui.t("progress.tab_trends"), ui.t("progress.tab_actions"),
                    ui.t("progress.tab_compare")])
    with tabs[0]:
        _kpis(model)
    with tabs[1]:
        _trends()
    with tabs[2]:
        _actions(model)
    with tabs[3]:
        _compare(model)


ui.page(render)
