"""Pain points: ranked by the impact score (formula shown), evidence per item, status and note saved."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from cjm.analyses import pain_points
from cjm.analyses.pain_points import FORMULA
from cjm.store.notes import PAIN_STATUSES, pain_status, set_pain_status


def _money(v) -> str:
    if v is None or pd.isna(v):
        return "—"
    return f"{v / 1e6:,.2f} M" if abs(v) >= 1e6 else f"{v / 1e3:,.0f} k" if abs(v) >= 1e4 else f"{v:,.0f}"


def render() -> None:
    st.title(ui.t("pain.title"))
    if not ui.has_data():
        return
    with st.expander(ui.t("pain.formula"), expanded=False):
        st.text(FORMULA)
    pains = ui.compute(pain_points.pain_points, top=20)
    if not len(pains):
        st.info(ui.t("pain.none"))
        return
    status = pain_status(ui.cursor())
    keyed = {(r.stage_key, r.touchpoint): r for r in status.itertuples()}
    for _, p in pains.iterrows():
        key = (p["stage"], str(p["touchpoint"]))
        saved = keyed.get(key)
        with st.container(border=True):
            top, right = st.columns([3, 2])
            with top:
                st.text(ui.t("pain.item", rank=int(p["rank"]), stage=p["label"], touchpoint=p["touchpoint"]))
                m1, m2, m3, m4 = st.columns(4)
                m1.metric(ui.t("pain.customers"), f"{int(p['customers']):,}")
                m2.metric(ui.t("pain.mean_emotion"), "—" if pd.isna(p["mean_emotion"]) else f"{p['mean_emotion']:+.2f}",
                          help=ui.t("pain.n_emotion", n=int(p["n_emotion"])) if "n_emotion" in p else None)
                m3.metric(ui.t("pain.dropped"), f"{int(p['dropped']):,}",
                          delta=None if pd.isna(p["drop_rate"]) else f"{p['drop_rate']:.0%}", delta_color="off",
                          delta_arrow="off")
                m4.metric(ui.t("pain.value"), _money(p["value_at_stake"]), help=ui.t("pain.impact", v=f"{p['impact']:.1f}"))
                ev = ui.compute(pain_points.evidence, stage=p["stage"], touchpoint=str(p["touchpoint"]), k=3)
                for c in ev["comment"].dropna().head(3) if "comment" in ev.columns else []:
                    st.text(f"“{c}”")
            with right:
                form_key = f"pain_{p['stage']}_{p['touchpoint']}"
                with st.form(form_key, border=False):
                    cur = saved.status if saved is not None else "open"
                    st.selectbox(ui.t("pain.status"), PAIN_STATUSES, index=PAIN_STATUSES.index(cur),
                                 key=f"{form_key}_status",
                                 format_func=lambda s: ui.t("pain.status_" + {"open": "open", "in progress": "progress",
                                                                             "fixed": "fixed"}[s]))
                    st.text_area(ui.t("pain.note"), value=(saved.note or "") if saved is not None else "",
                                 key=f"{form_key}_note", height=80)
                    if st.form_submit_button(ui.t("pain.save")):
                        set_pain_status(ui.workspace(), p["stage"], str(p["touchpoint"]),
                                        st.session_state[f"{form_key}_status"], st.session_state[f"{form_key}_note"])
                        st.toast(ui.t("pain.saved"))


ui.page(render)
