"""Journey map: one grid, stages as columns — the lanes computed from data and the lanes the team writes, the team's
assumed emotion over the measured one, moments that matter — edited in place and saved at once; under it the
largest assumed-vs-measured gaps and the way into presentation mode."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from cjm.analyses import effects, kpis
from cjm.analyses.journey_map import JourneyMap, journey_map, with_team_lanes
from cjm.errors import CJMError
from cjm.present.progress import map_rows
from cjm.present.workshop import gap_sentences
from cjm.store.progress import actions
from cjm.store.progress import kpis as saved_kpis
from ui import exports, map_grid, presentation


def _map() -> JourneyMap:
    """The analyses, cached per data version and filters; the team's notes, read fresh (a save bumps no data
    version, so it computes nothing again)."""
    return with_team_lanes(ui.compute(journey_map), ui.cursor())


def _progress_rows(jm: JourneyMap) -> list[dict]:
    """The KPIs measured at each stage and the actions with their effect (Progress page), as rows of the grid."""
    con = ui.cursor()
    found, done = saved_kpis(con), actions(con)
    status = ui.compute(kpis.kpi_status, kpis=tuple(found)) if found else pd.DataFrame()
    found_effects = [ui.compute(effects.effect, action=a) for a in done if a.stage_key in [s.key for s in jm.stages]]
    return map_rows(status, found_effects, [s.key for s in jm.stages], {s.key: s.label for s in jm.stages}, ui.lang())


@st.fragment
def _editable_map() -> None:
    """The grid and the gap sentences: a save from the grid reruns this fragment only (so, like ``ui.page`` does
    for the whole page, a plain message here for a ``CJMError`` met in such a rerun)."""
    try:
        jm = _map()
    except CJMError as exc:
        st.error(ui.plain(ui.msg(exc)))
        return
    map_grid.render(jm, extra=_progress_rows(jm))
    st.subheader(ui.t("mapview.gaps_title"))
    sentences = gap_sentences(jm, ui.lang())
    for sentence in sentences:
        st.markdown("- " + ui.plain(sentence))
    if not sentences:
        st.caption(ui.t("gap.none"))


def render() -> None:
    presenting = presentation.requested()
    if not presenting:
        st.title(ui.t("map.title"))
    if not ui.has_data():
        return
    if presenting:
        presentation.render(_map())
        return
    _editable_map()
    c1, c2 = st.columns([1, 3])
    c1.button(ui.t("mapview.present"), key="map_present", type="primary", on_click=presentation.start,
              help=ui.t("mapview.present_help"))
    with c2:
        exports.map_png_button(key="map_png")


ui.page(render)
