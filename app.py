"""CJM Dashboard — the entry file: state defaults, the sidebar (workspace, language, filters) and routing.

Run: ``streamlit run app.py``. Each page lives in ``pages/`` and is a thin layer over ``cjm``.
"""

from __future__ import annotations

import os
import pathlib
import re

import streamlit as st

import ui
from cjm.errors import CJMError
from cjm.core.filters import LIST_FIELDS
from cjm.i18n import LANGUAGES
from cjm.store import default_path
from cjm.analyses.workspace_info import filter_options, summary

st.set_page_config(page_title="CJM Dashboard", page_icon=":material/route:", layout="wide",
                   initial_sidebar_state="expanded")

# -- state defaults, set once ----------------------------------------------------------------------
_DEFAULTS = {
    "workspace_path": os.environ.get("CJM_WORKSPACE") or str(default_path()),
    "lang": "en",
    "f_period": (),
    **{f"f_{name}": [] for name in LIST_FIELDS},
}
for key, value in _DEFAULTS.items():
    st.session_state.setdefault(key, value)


def _clear_filters() -> None:
    st.session_state["f_period"] = ()
    for name in LIST_FIELDS:
        st.session_state[f"f_{name}"] = []


def _open_workspace(path: str) -> None:
    st.session_state["workspace_path"] = path
    _clear_filters()


def _workspace_switcher() -> None:
    """Switch to another workspace file in the same folder, or create a new one there."""
    current = pathlib.Path(st.session_state["workspace_path"])
    known = sorted({str(p) for p in current.parent.glob("*.duckdb")} | {str(current)})
    choice = st.selectbox(ui.t("sidebar.workspace_switch"), known, index=known.index(str(current)),
                          format_func=lambda p: pathlib.Path(p).stem, key=f"ws_switch_{current}")
    if choice != str(current):
        _open_workspace(choice)
        st.rerun()
    name = st.text_input(ui.t("sidebar.workspace_new"), key="ws_new_name", help=ui.t("sidebar.workspace_help"))
    if st.button(ui.t("sidebar.workspace_create"), key="ws_create"):
        slug = re.sub(r"[^\w\-]+", "-", name.strip(), flags=re.UNICODE).strip("-")
        if not slug:
            st.error(ui.t("sidebar.workspace_bad_name"))
        else:
            _open_workspace(str(current.parent / f"{slug}.duckdb"))
            st.rerun()
    st.caption(ui.t("sidebar.workspace_file"))
    st.text(str(current))


def _sidebar() -> None:
    with st.sidebar:
        st.selectbox(ui.t("sidebar.language"), list(LANGUAGES), format_func=LANGUAGES.get, key="lang")
        with st.expander(ui.tp("sidebar.workspace_name", name=pathlib.Path(st.session_state["workspace_path"]).stem),
                         expanded=False):
            _workspace_switcher()
        con = ui.cursor()
        info = summary(con)
        st.caption(ui.t("sidebar.events", events=f"{info['events']:,}", customers=f"{info['customers']:,}"))
        if info["events"] == 0:
            return
        st.subheader(ui.t("sidebar.filters"))
        if info["first"] is not None:
            first, last = info["first"].date(), info["last"].date()
            st.date_input(ui.t("sidebar.period"), key="f_period", min_value=first, max_value=last,
                          format="YYYY-MM-DD")
        options = filter_options(con)
        for name in LIST_FIELDS:
            if options[name]:
                st.multiselect(ui.t(f"sidebar.{name}"), options[name], key=f"f_{name}")
        if not ui.filters().is_empty():
            st.caption(ui.t("sidebar.filtered"))
            st.button(ui.t("sidebar.clear_filters"), on_click=_clear_filters, key="clear_filters")
        if ui.model() is not None:
            st.divider()
            ui.report_xlsx_button(key="export_xlsx")


PAGES = [
    ("app_pages/import_page.py", "nav.import", ":material/upload_file:", "import"),
    ("app_pages/journey_map.py", "nav.map", ":material/map:", "map"),
    ("app_pages/funnel_page.py", "nav.funnel", ":material/filter_alt:", "funnel"),
    ("app_pages/channels_page.py", "nav.channels", ":material/hub:", "channels"),
    ("app_pages/emotions_page.py", "nav.emotions", ":material/mood:", "emotions"),
    ("app_pages/pain_points_page.py", "nav.pain", ":material/report:", "pain-points"),
    ("app_pages/what_if_page.py", "nav.whatif", ":material/tune:", "what-if"),
    ("app_pages/settings_page.py", "nav.settings", ":material/settings:", "settings"),
]


def main() -> None:
    try:
        _sidebar()
    except CJMError as exc:
        st.sidebar.error(str(exc))
    pages = [st.Page(path, title=ui.t(key), icon=icon, url_path=slug, default=(slug == "map"))
             for path, key, icon, slug in PAGES]
    current = st.navigation(pages)
    ui.flash()
    current.run()


main()
