"""The sidebar every page shares: language, workspace switcher, counts, filters and the Excel export.

``app.py`` sets :func:`state_defaults` once and calls :func:`render`; pages read the filters with
:func:`ui.filters`. Nothing here runs SQL; the counts and filter options come from :mod:`cjm.analyses`.
"""

from __future__ import annotations

import os
import pathlib
import re

import duckdb
import streamlit as st

import ui
from cjm.analyses.workspace_info import filter_options, summary
from cjm.core.filters import LIST_FIELDS
from cjm.errors import CJMError
from cjm.i18n import LANGUAGES
from cjm.store import default_path


def _filter_defaults() -> dict[str, object]:
    return {"f_period": (), **{f"f_{name}": [] for name in LIST_FIELDS}}


def state_defaults() -> dict[str, object]:
    """Session state the sidebar and the pages start from (``app.py`` sets each once per session)."""
    return {"workspace_path": os.environ.get("CJM_WORKSPACE") or str(default_path()), "lang": "en",
            **_filter_defaults()}


def _clear_filters() -> None:
    st.session_state.update(_filter_defaults())


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


def _filters(con) -> None:
    info = summary(con)
    st.caption(ui.t("sidebar.events", events=f"{info['events']:,}", customers=f"{info['customers']:,}"))
    if info["events"] == 0:
        return
    st.subheader(ui.t("sidebar.filters"))
    if info["first"] is not None:
        first, last = info["first"].date(), info["last"].date()
        st.date_input(ui.t("sidebar.period"), key="f_period", min_value=first, max_value=last, format="YYYY-MM-DD")
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


def render() -> None:
    """Draw the sidebar; a ``CJMError`` (a workspace that cannot be opened, say) becomes a message in it."""
    with st.sidebar:
        st.selectbox(ui.t("sidebar.language"), list(LANGUAGES), format_func=lambda code: LANGUAGES[code], key="lang")
        with st.expander(ui.tp("sidebar.workspace_name", name=pathlib.Path(st.session_state["workspace_path"]).stem),
                         expanded=False):
            _workspace_switcher()
        try:
            _filters(ui.cursor())
        except CJMError as exc:
            st.error(ui.plain(str(exc)))
        except duckdb.Error as exc:  # a storage fault (full disk, damaged block): a plain line, never a traceback
            st.error(ui.plain(str(ui.storage_fault(exc))))
