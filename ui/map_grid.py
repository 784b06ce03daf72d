"""The journey map as one editable grid: a Streamlit custom component (v2) drawn by ``ui/map_grid/grid.js``.

Stages are columns; the rows are the lanes computed from data (customers, conversion, top touchpoints with the
moments that matter, channels, the emotion plot — measured mean, its 95% interval, the team's assumed "as is" and
"to be" curves —, pain points, NPS) and the lanes the team writes (KPI, goals, actions, thoughts, opportunities,
owner).

How it talks to Python:

- :func:`payload` turns a :class:`~cjm.analyses.journey_map.JourneyMap` into plain JSON: every text already
  formatted for the interface language (numbers through :mod:`cjm.i18n.numbers`), every version a save needs.
  The browser puts text in with ``textContent`` / attributes only, so nothing from data or people is ever HTML.
- The browser sends its edits as one *trigger value*, ``edits``: a list of ``save`` (a team cell: lane, stage,
  text, version), ``assume`` (stage, kind, value or None, version) and ``moment`` (touchpoint, marked, version),
  gathered for a moment so that quick clicks arrive together. Streamlit runs :func:`save_edits` before the
  (fragment) rerun; each edit is one ``cjm.store.notes`` call with ``expected=`` the version the browser had. A
  refused cell save (:class:`~cjm.store.notes.StaleNoteError`) is handed to :mod:`ui.conflicts`; the cell is
  outlined until the user picks keep mine / keep theirs / edit. A refused value or mark shows a line saying so
  (the grid shows the newer one; setting it again takes one click).
- A save writes a team note only: the analyses stay cached (``ui.compute``), the page reads the notes fresh.
"""

from __future__ import annotations

import pathlib
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

import ui
from cjm.analyses.journey_map import JourneyMap
from cjm.errors import CJMError
from cjm.i18n import t as _t
from cjm.i18n.numbers import decimal, number, percent
from cjm.store.notes import TEXT_LANES, StaleNoteError, set_assumed, set_lane, set_moment
from ui import conflicts

_ASSETS = pathlib.Path(__file__).with_name("map_grid")
KEY = "journey_map_grid"
_ERROR, _TOAST = "map_grid_error", "map_grid_toast"  # left by a save callback for the run that follows it
#: the team lane drawn among the computed ones (right after NPS), the others follow under their own heading
KPI_LANE = "kpi"
#: from this many stages on, a line under the grid says it scrolls sideways
SCROLL_HINT_FROM = 9

_component = st.components.v2.component(
    "cjm.map_grid",
    html='<div class="cjm-map"></div>',
    css=(_ASSETS / "grid.css").read_text(encoding="utf-8"),
    js=(_ASSETS / "grid.js").read_text(encoding="utf-8"),
)


def cell_key(lane: str, stage_key: str) -> str:
    """The :mod:`ui.conflicts` key of a team cell."""
    return f"lane__{lane}__{stage_key}"


def payload(jm: JourneyMap, lang: str, *, conflicted: frozenset[str] = frozenset(),
            extra: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    """What the component draws, as plain JSON (texts formatted for *lang*). *conflicted*: :func:`cell_key`\\ s of
    team cells whose last save was refused and is not resolved yet (drawn outlined).

    >>> from cjm.analyses.journey_map import Estimate, JourneyMap, MapStage, Ranked
    >>> s = MapStage("assess", "Değerlendirme", 1234, None, (Ranked("Demo", 40, 52),), (), (), Estimate(None, 0),
    ...              Estimate(-0.4, 201, -0.6, -0.2))
    >>> p = payload(JourneyMap("coleman-8", (s,)), "tr")
    >>> [r.get("id") for r in p["rows"]][:4], p["rows"][0]["cells"][0]["text"]
    (['customers', 'conversion', 'touchpoints', 'channels'], '1.234')
    >>> p["rows"][4]["cells"][0]["mean"], p["rows"][5]["cells"][0]["text"]
    (-0.4, '−0,4 · n = 201')
    """
    def t(key: str, **values: object) -> str:
        return _t(key, lang=lang, **values)

    stages = jm.stages
    none = t("map.none")

    def ranked(r: Any) -> str:
        return t("mapview.ranked_title", name=r.name, customers=number(r.customers, lang), events=number(r.events, lang))

    def moment_item(name: str, text: str, title: str) -> dict[str, Any]:
        return {"text": text, "title": title, "tp": name, "moment": jm.is_moment(name),
                "version": jm.moment_version(name), "mark": t("mapview.moment_mark", name=name),
                "unmark": t("mapview.moment_unmark", name=name)}

    def conversion(i: int) -> dict[str, str]:
        s = stages[i]
        if s.conversion is None:
            return {"text": none, "title": t("mapview.first_stage") if i == 0 else none}
        pct = percent(s.conversion, lang)
        return {"text": pct, "title": t("mapview.conversion_title", pct=pct, prev=stages[i - 1].label, stage=s.label)}

    def emotion_text(s: Any) -> dict[str, str]:
        e = s.emotion
        if e.value is None:
            return {"text": t("mapview.emotion_none"), "title": t("mapview.emotion_none")}
        value = decimal(e.value, lang, signed=True)
        if e.ci_low is None or e.ci_high is None:
            title = t("mapview.emotion_title_no_ci", stage=s.label, value=value, n=number(e.n, lang))
        else:
            title = t("mapview.emotion_title", stage=s.label, value=value, n=number(e.n, lang),
                      low=decimal(e.ci_low, lang, signed=True), high=decimal(e.ci_high, lang, signed=True))
        return {"text": t("mapview.emotion_cell", value=value, n=number(e.n, lang)), "title": title}

    def plot_cell(s: Any) -> dict[str, Any]:
        as_is, to_be = jm.assumed_cell("as_is", s.key), jm.assumed_cell("to_be", s.key)
        return {"stage": s.key, "mean": s.emotion.value, "low": s.emotion.ci_low, "high": s.emotion.ci_high,
                "n": s.emotion.n, "as_is": as_is.value, "as_is_version": as_is.version, "to_be": to_be.value,
                "to_be_version": to_be.version, "click": t("mapview.chart_click", stage=s.label)}

    def assumed_row(kind: str) -> dict[str, Any]:
        what = t(f"mapview.legend_{kind}")
        return {"kind": "assumed", "id": kind, "label": t(f"mapview.{kind}"), "cells": [
            {"stage": s.key, "value": a.value, "version": a.version,
             "down": t("mapview.step_down", kind=what, stage=s.label),
             "up": t("mapview.step_up", kind=what, stage=s.label),
             "clear": t("mapview.clear", kind=what, stage=s.label)}
            for s in stages for a in [jm.assumed_cell(kind, s.key)]]}

    def pain_item(p: Any) -> dict[str, Any]:
        title = t("mapview.pain_title", touchpoint=p.touchpoint, customers=number(p.customers, lang),
                  dropped=number(p.dropped, lang), emotion=decimal(p.mean_emotion, lang, signed=True))
        item = moment_item(p.touchpoint, t("mapview.pain_item", rank=p.rank, touchpoint=p.touchpoint), title)
        item["quotes"] = [t("mapview.quote", quote=q) for q in p.quotes]
        return item

    def team_row(lane: str) -> dict[str, Any]:
        label = t(f"lane.{lane}")
        return {"kind": "team", "id": lane, "label": label, "cells": [
            {"stage": s.key, "text": c.text, "version": c.version,
             "aria": t("map.lane_cell", lane=label, stage=s.label),
             "conflict": cell_key(lane, s.key) in conflicted}
            for s in stages for c in [jm.cell(lane, s.key)]]}

    rows: list[dict[str, Any]] = [
        {"kind": "stat", "id": "customers", "label": t("map.customers"), "cells": [
            {"text": number(s.customers, lang),
             "title": t("mapview.customers_title", n=number(s.customers, lang), stage=s.label)} for s in stages]},
        {"kind": "stat", "id": "conversion", "label": t("map.conversion"),
         "cells": [conversion(i) for i in range(len(stages))]},
        {"kind": "list", "id": "touchpoints", "label": t("map.touchpoints"), "toggle": True, "cells": [
            {"items": [moment_item(r.name, r.name, ranked(r)) for r in s.touchpoints]} for s in stages]},
        {"kind": "list", "id": "channels", "label": t("map.channels"), "cells": [
            {"items": [{"text": c.name, "title": ranked(c)} for c in s.channels]} for s in stages]},
        {"kind": "plot", "id": "emotion", "label": t("mapview.emotion_lane"), "cells": [plot_cell(s) for s in stages]},
        {"kind": "stat", "id": "emotion-values", "label": t("assumed.measured"),
         "cells": [emotion_text(s) for s in stages]},
        assumed_row("as_is"),
        assumed_row("to_be"),
        {"kind": "list", "id": "pain", "label": t("map.pain"), "cells": [
            {"items": [pain_item(p) for p in s.pain_points]} for s in stages]},
        {"kind": "stat", "id": "nps", "label": t("map.nps"), "cells": [
            {"text": t("mapview.nps_cell", value=decimal(s.nps.value, lang, digits=0, signed=True),
                       n=number(s.nps.n, lang)) if s.nps.value is not None else none} for s in stages]},
        *extra,  # rows the page adds (the KPIs measured, the actions and their effect), in the same shape
        team_row(KPI_LANE),
        {"kind": "section", "label": t("mapview.team_section")},
        *[team_row(lane) for lane in TEXT_LANES if lane != KPI_LANE],
    ]
    text = {k: t(f"mapview.{k}") for k in ("corner", "empty_cell", "editing_help", "saving", "conflict_cell",
                                           "unset", "legend_measured", "legend_as_is", "legend_to_be", "moment")}
    text["title"] = t("map.title")
    text["scroll_hint"] = t("mapview.scroll_hint", n=len(stages)) if len(stages) >= SCROLL_HINT_FROM else ""
    return {"lang": lang, "stages": [{"key": s.key, "label": s.label} for s in stages], "rows": rows, "text": text}


# -- saves (the component callback: it runs before the rerun that draws the grid again) ----------------------------
def _done(key: str) -> Callable[[str | None, int], None]:
    def done(text: str | None, version: int) -> None:
        """The conflict is resolved; the grid reads the saved cell again on this rerun (nothing to put back)."""
        conflicts.clear(key)

    return done


def save_cell(ev: dict[str, Any]) -> None:
    """A team cell edited in the grid (``lane, stage, text, version``): saved over the version the browser loaded;
    refused when someone saved it since (:mod:`ui.conflicts` then offers keep mine / keep theirs / edit)."""
    lane, stage, text, loaded = str(ev["lane"]), str(ev["stage"]), str(ev.get("text") or ""), int(ev["version"])
    key = cell_key(lane, stage)
    try:
        set_lane(ui.workspace(), stage, lane, text, expected=loaded)
    except StaleNoteError as exc:
        conflicts.refused(key, exc, mine=text, loaded=loaded)
        return
    conflicts.clear(key)


def save_assumed(ev: dict[str, Any]) -> None:
    """The team's assumed emotion at a stage (``stage, kind, value, version``; value None clears it)."""
    value = ev.get("value")
    set_assumed(ui.workspace(), str(ev["stage"]), str(ev["kind"]), None if value is None else float(value),
                expected=int(ev["version"]))


def save_moment(ev: dict[str, Any]) -> None:
    """A touchpoint marked or unmarked as a moment that matters (``touchpoint, marked, version``)."""
    set_moment(ui.workspace(), str(ev["touchpoint"]), bool(ev["marked"]), expected=int(ev["version"]))


_SAVES: dict[str, Callable[[dict[str, Any]], None]] = {"save": save_cell, "assume": save_assumed,
                                                       "moment": save_moment}


def save_edits() -> None:
    """The edits the browser sent in one trigger value (``{"items": [{"edit": "save" | "assume" | "moment", ...}]}``),
    in the order they were made: the browser collects the clicks of a moment into one message, so none is lost when
    two come faster than a rerun (each still names the version it was made over)."""
    value = (st.session_state.get(KEY) or {}).get("edits")
    items = value.get("items") if isinstance(value, dict) else None
    saved = False
    for ev in items if isinstance(items, list) else []:
        save = _SAVES.get(str(ev.get("edit"))) if isinstance(ev, dict) else None
        if save is None:
            continue
        try:
            save(ev)
            saved = True
        except StaleNoteError:  # an assumed value or a mark someone set first: the grid now shows theirs
            st.session_state[_ERROR] = ui.t("mapview.stale_value")
        except CJMError as exc:
            st.session_state[_ERROR] = str(exc)
    if saved:
        st.session_state[_TOAST] = ui.t("map.saved")


def refused_saves(jm: JourneyMap) -> frozenset[str]:
    """Draw the refused team-cell saves (someone saved the cell first), in map order, each with keep mine / keep
    theirs / edit; the keys of those still pending."""
    ws = ui.workspace()
    pending = set()
    for lane in jm.team:
        for stage in jm.stages:
            key = cell_key(lane.lane, stage.key)
            if conflicts.pending(key) is None:
                continue

            def save(text: str, expected: int, stage_key: str = stage.key, name: str = lane.lane) -> int:
                return set_lane(ws, stage_key, name, text, expected=expected)

            conflicts.choice(key, title=ui.t("map.lane_cell", lane=ui.t(f"lane.{lane.lane}"), stage=stage.label),
                             save=save, done=_done(key))
            if conflicts.pending(key) is not None:
                pending.add(key)
    return frozenset(pending)


def render(jm: JourneyMap, *, extra: Sequence[dict[str, Any]] = ()) -> None:
    """The refused saves (if any), the grid, and any message a save left. *extra*: more read-only rows (``kind``
    "list", one cell of ``items`` per stage), drawn above the KPI lane."""
    pending = refused_saves(jm)
    error = st.session_state.pop(_ERROR, None)
    if error:
        st.error(ui.plain(error))
    toast = st.session_state.pop(_TOAST, None)
    if toast:
        st.toast(toast)
    _component(key=KEY, data=payload(jm, ui.lang(), conflicted=pending, extra=extra), on_edits_change=save_edits)
