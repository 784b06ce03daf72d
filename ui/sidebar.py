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
from cjm.i18n import LANGUAGES, PSEUDO
from cjm.store import default_path
from ui import exports
from ui import imports as bg


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
    st.caption(ui.t("sidebar.events", events=ui.number(info["events"]), customers=ui.number(info["customers"])))
    if info["events"] == 0:
        return
    st.subheader(ui.t("sidebar.filters"))
    if info["first"] is not None:
        first, last = info["first"].date(), info["last"].date()
        st.date_input(ui.t("sidebar.period"), key="f_period", min_value=first, max_value=last,
                      format=ui.date_format(), help=ui.t("sidebar.period_help"))
    options = filter_options(con)
    for name in LIST_FIELDS:
        if options[name]:
            st.multiselect(ui.t(f"sidebar.{name}"), options[name], key=f"f_{name}", placeholder=ui.t("widget.choose"),
                           help=ui.t("sidebar.filter_help"))
    if not ui.filters().is_empty():
        st.caption(ui.t("sidebar.filtered"))
        st.button(ui.t("sidebar.clear_filters"), on_click=_clear_filters, key="clear_filters")
    if ui.model() is not None:
        st.divider()
        exports.report_buttons(key="export")


def _import_lines(*, live: bool = False) -> None:
    """Where the background imports (:mod:`ui.imports`) stand: running (with its percentage), or ended and not yet
    seen on the Import page, with a link there. *live*: this runs as a fragment that polls while one runs; once
    none does, the whole app runs again so every page sees the new data."""
    current = str(pathlib.Path(st.session_state["workspace_path"]).expanduser().resolve())
    pending = [j for j in bg.jobs() if j.running or not j.seen]
    if live and not any(j.running for j in pending):
        st.rerun()
    for j in pending:
        name = j.file_name if j.key == current else f"{j.file_name} → {pathlib.Path(j.key).stem}"
        if j.running:
            st.caption(ui.tp("sidebar.import_running", name=name, percent=j.percent))
            st.progress(min(max(j.fraction, 0.0), 1.0))
        else:
            key = {bg.DONE: "sidebar.import_done", bg.CANCELLED: "sidebar.import_cancelled"}.get(j.status,
                                                                                                 "sidebar.import_failed")
            st.caption(ui.tp(key, name=name))
        if j.key == current:
            st.button(ui.t("sidebar.import_open"), key=f"import_open_{'live' if live else 'now'}", type="tertiary",
                      on_click=st.session_state.__setitem__, args=(ui.GO_TO_IMPORT, True))


def _imports() -> None:
    if any(j.running for j in bg.jobs()):
        st.fragment(_import_lines, run_every=1.0)(live=True)
    else:
        _import_lines()


def render() -> None:
    """Draw the sidebar; a ``CJMError`` (a workspace that cannot be opened, say) becomes a message in it."""
    with st.sidebar:
        # the tests' pseudo-language is offered only to a session already in it (tests/ui/test_i18n_guard.py)
        codes = list(LANGUAGES) + ([PSEUDO] if st.session_state.get("lang") == PSEUDO else [])
        st.selectbox(ui.t("sidebar.language"), codes, key="lang",
                     format_func=ui.labels(codes, lambda code: LANGUAGES.get(code) or ui.t("pseudo.name")))
        with st.expander(ui.tp("sidebar.workspace_name", name=pathlib.Path(st.session_state["workspace_path"]).stem),
                         expanded=False):
            _workspace_switcher()
        _imports()
        try:
            _filters(ui.cursor())
        except CJMError as exc:
            st.error(ui.plain(ui.msg(exc)))
        except duckdb.Error as exc:  # a storage fault (full disk, damaged block): a plain line, never a traceback
            st.error(ui.plain(ui.msg(ui.storage_fault(exc))))
