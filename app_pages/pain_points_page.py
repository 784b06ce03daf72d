"""Pain points: ranked by the impact score (formula shown), evidence per item, status and note saved.

A note is saved with the version its form was loaded with: when someone else saved it in between, the save is
refused (:class:`~cjm.store.notes.StaleNoteError`): their text is shown beside the user's, nothing is overwritten,
and the user chooses — keep mine, keep theirs, or edit the two into one (:mod:`ui.conflicts`).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from cjm.analyses import pain_points
from cjm.analyses.pain_points import FORMULA
from cjm.store.notes import PAIN_STATUSES, StaleNoteError, moments, pain_status, set_moment, set_pain_status
from ui import conflicts

_STATUS_KEY = {"open": "open", "in progress": "progress", "fixed": "fixed"}


def _status_label(status: str) -> str:
    return ui.t("pain.status_" + _STATUS_KEY[status])


def _note_form(form_key: str, stage: str, label: str, touchpoint: str, saved) -> None:
    """Status and note of one pain point. The form is filled from the workspace when it first appears (and after
    the user comes back to the page), remembering the note's version; a save names that version. A save refused
    because someone saved the note in between offers keep mine / keep theirs / edit (:mod:`ui.conflicts`)."""
    s = st.session_state
    status_key, note_key, version_key = (f"{form_key}_{k}" for k in ("status", "note", "version"))
    if note_key not in s:
        s[status_key] = saved.status if saved is not None else "open"
        s[note_key] = (saved.note or "") if saved is not None else ""
        s[version_key] = int(saved.version) if saved is not None else 0
        conflicts.clear(form_key)
    with st.form(form_key, border=False):
        st.selectbox(ui.t("pain.status"), PAIN_STATUSES, key=status_key, format_func=ui.labels(PAIN_STATUSES, _status_label))
        st.text_area(ui.t("pain.note"), key=note_key, height=80)
        submitted = st.form_submit_button(ui.t("pain.save"), key=f"{form_key}_save")
    ws = ui.workspace()
    if submitted:
        try:
            s[version_key] = set_pain_status(ws, stage, touchpoint, s[status_key], s[note_key],
                                             expected=s[version_key])
        except StaleNoteError as exc:
            # the form keeps the version it loaded: saving it again is refused again until the user chooses
            conflicts.refused(form_key, exc, mine=s[note_key] or "", loaded=s[version_key])
        else:
            conflicts.clear(form_key)
            st.toast(ui.t("pain.saved"))

    def save(text: str, expected: int) -> int:  # my status goes with whichever note is saved
        return set_pain_status(ws, stage, touchpoint, s[status_key], text, expected=expected)

    def done(text: str | None, version: int) -> None:  # what is saved now (status too) goes into the form
        row = next((r for r in pain_status(ws.cursor()).itertuples()
                    if (r.stage_key, r.touchpoint) == (stage, touchpoint)), None)
        s[status_key] = row.status if row is not None else "open"
        s[note_key] = text or ""
        s[version_key] = version

    if conflicts.choice(form_key, title=f"{label} · {touchpoint}",
                        save=save, done=done):
        theirs = next((r for r in pain_status(ws.cursor()).itertuples()
                       if (r.stage_key, r.touchpoint) == (stage, touchpoint)), None)
        if theirs is not None:
            st.caption(ui.tp("pain.stale_status", status=_status_label(str(theirs.status))))


def _mark(touchpoint: str, widget_key: str, version: int) -> None:
    """Mark or unmark a touchpoint as a moment that matters (a team note: the map and presentation show it too)."""
    try:
        set_moment(ui.workspace(), touchpoint, bool(st.session_state.get(widget_key)), expected=version)
    except StaleNoteError:  # someone changed the mark meanwhile: theirs is shown on the next run
        st.session_state.pop(widget_key, None)
        st.toast(ui.t("moment.stale"))


def render() -> None:
    st.title(ui.t("pain.title"))
    if not ui.has_data():
        return
    with st.expander(ui.t("pain.formula"), expanded=False):
        st.text(ui.msg(FORMULA))
    pains = ui.compute(pain_points.pain_points, top=20)
    if not len(pains):
        st.info(ui.t("pain.none"))
        return
    status = pain_status(ui.cursor())
    keyed = {(r.stage_key, r.touchpoint): r for r in status.itertuples()}
    marks = moments(ui.cursor())
    for _, p in pains.iterrows():
        key = (p["stage"], str(p["touchpoint"]))
        saved = keyed.get(key)
        with st.container(border=True):
            top, right = st.columns([3, 2])
            with top:
                tp = str(p["touchpoint"])
                marked, version = marks.get(tp, (False, 0))
                st.text(("★ " if marked else "") + ui.t("pain.item", rank=int(p["rank"]), stage=p["label"],
                                                        touchpoint=p["touchpoint"]))
                st.toggle(ui.t("moment.toggle"), value=marked, key=f"moment_{p['stage']}_{tp}",
                          help=ui.t("moment.help"), on_change=_mark, args=(tp, f"moment_{p['stage']}_{tp}", version))
                m1, m2, m3, m4 = st.columns(4)
                m1.metric(ui.t("pain.customers"), ui.number(p["customers"]))
                m2.metric(ui.t("pain.mean_emotion"), ui.decimal(p["mean_emotion"], digits=2, signed=True),
                          help=ui.t("pain.n_emotion", n=ui.number(p["n_emotion"])) if "n_emotion" in p else None)
                m3.metric(ui.t("pain.dropped"), ui.number(p["dropped"]),
                          delta=None if pd.isna(p["drop_rate"]) else ui.percent(p["drop_rate"]), delta_color="off",
                          delta_arrow="off")
                m4.metric(ui.t("pain.value"), ui.compact(p["value_at_stake"]),
                          help=ui.t("pain.impact", v=ui.decimal(p["impact"])))
                ev = ui.compute(pain_points.evidence, stage=p["stage"], touchpoint=str(p["touchpoint"]), k=3)
                for c in ev["comment"].dropna().head(3) if "comment" in ev.columns else []:
                    st.text(f"“{c}”")
            with right:
                _note_form(f"pain_{p['stage']}_{p['touchpoint']}", p["stage"], str(p["label"]), str(p["touchpoint"]),
                           saved)


ui.page(render)
