"""Journey map: stages as columns; lanes computed from data, then lanes written by the team (saved at once)."""

from __future__ import annotations

import streamlit as st

import ui
from cjm.analyses.journey_map import JourneyMap, journey_map, with_team_lanes
from cjm.present import charts
from cjm.store.notes import StaleNoteError, set_lane
from ui import conflicts


def _grid(jm: JourneyMap) -> None:
    """The lanes computed from data, drawn as one grid figure (stages as columns, the emotion curve across)."""
    lanes = [
        (ui.t("map.customers"), [[f"{s.customers:,}"] for s in jm.stages]),
        (ui.t("map.conversion"), [[ui.t("map.conversion_cell", pct=f"{s.conversion:.0%}")]
                                  if s.conversion is not None else [] for s in jm.stages]),
        (ui.t("map.touchpoints"), [[t.name for t in s.touchpoints] for s in jm.stages]),
        (ui.t("map.channels"), [[c.name for c in s.channels] for s in jm.stages]),
        (ui.t("map.pain"), [[p.touchpoint for p in s.pain_points] for s in jm.stages]),
        (ui.t("map.nps"), [[f"{s.nps.value:+.0f} (n={s.nps.n})"] if s.nps.value is not None else []
                           for s in jm.stages]),
    ]
    fig = charts.journey_grid(jm.labels, lanes, jm.curve, curve_lane=ui.t("map.emotion"),
                              big_lane=ui.t("map.customers"), no_curve=ui.t("map.no_emotion"))
    ui.chart(fig, key="journey_grid")


def _save_lane(stage_key: str, lane: str, widget_key: str) -> None:
    """Save a cell over the version it was loaded with. When someone saved it since, nothing is overwritten: the
    cell shows theirs and the choice (keep mine, keep theirs, edit) is drawn above the lanes."""
    text = st.session_state.get(widget_key) or ""
    loaded = st.session_state.get(f"{widget_key}__version", 0)
    try:
        version = set_lane(ui.workspace(), stage_key, lane, text, expected=loaded)
    except StaleNoteError as exc:
        conflicts.refused(widget_key, exc, mine=text, loaded=loaded)
        _show_cell(widget_key, exc.current_text, exc.current_version)
        return
    st.session_state[f"{widget_key}__version"] = version
    conflicts.clear(widget_key)
    st.toast(ui.t("map.saved"))


def _show_cell(widget_key: str, text: str | None, version: int) -> None:
    """Put what is saved into the cell (a button or cell callback: the cell is drawn after it)."""
    st.session_state[widget_key] = text or ""
    st.session_state[f"{widget_key}__version"] = version


def _conflicts(jm: JourneyMap) -> None:
    """Saves refused because someone saved the cell first, in map order: theirs, yours, and the three choices."""
    ws = ui.workspace()
    for lane in jm.team:
        for stage in jm.stages:
            key = f"lane__{lane.lane}__{stage.key}"
            if conflicts.pending(key) is None:
                continue

            def save(text: str, expected: int, stage_key: str = stage.key, name: str = lane.lane) -> int:
                return set_lane(ws, stage_key, name, text, expected=expected)

            def done(text: str | None, version: int, widget_key: str = key) -> None:
                _show_cell(widget_key, text, version)

            conflicts.choice(key, title=ui.t("map.lane_cell", lane=ui.t(f"lane.{lane.lane}"), stage=stage.label),
                             save=save, done=done)


def _people_lanes(jm: JourneyMap) -> None:
    """The lanes written by people: one text box per (lane, stage), saved to the workspace on every change."""
    st.subheader(ui.t("map.people_lanes"))
    _conflicts(jm)
    widths = [1.2] + [2] * len(jm.stages)
    head = st.columns(widths)
    for col, stage in zip(head[1:], jm.stages):
        col.text(stage.label)
    for lane in jm.team:
        cols = st.columns(widths)
        cols[0].text(ui.t(f"lane.{lane.lane}"))
        for col, stage, cell in zip(cols[1:], jm.stages, lane.cells):
            key = f"lane__{lane.lane}__{stage.key}"
            if st.session_state.get(f"{key}__version") != cell.version:  # saved since (or first load): show it
                st.session_state[key] = cell.text
                st.session_state[f"{key}__version"] = cell.version
            col.text_area(ui.tp("map.lane_cell", lane=ui.t(f"lane.{lane.lane}"), stage=stage.label), key=key,
                          label_visibility="collapsed", height=90, on_change=_save_lane,
                          args=(stage.key, lane.lane, key))


def render() -> None:
    st.title(ui.t("map.title"))
    if not ui.has_data():
        return
    # the analyses are cached per data version; the team's lanes are read fresh (a lane save bumps no data version)
    jm = with_team_lanes(ui.compute(journey_map), ui.cursor())
    _grid(jm)
    _people_lanes(jm)


ui.page(render)
