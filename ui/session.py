"""A session keeps its place: the language, the workspace and the persona filter live in the page's address
(``?lang=tr&ws=acme&persona=Owner``), so a reload, a bookmark or a link sent to a colleague opens the same view.
The page itself is in the address already (``/funnel``).

:func:`restore` reads the address once per browser session, before the sidebar is drawn; :func:`sync` writes the
current choices back on every run. Other query parameters (presentation mode's ``present`` and ``stage``) are
left as they are.
"""

from __future__ import annotations

import pathlib
import re

import streamlit as st

from cjm.analyses.workspace_info import filter_options
from cjm.errors import CJMError
from cjm.i18n import LANGUAGES

_RESTORED = "_session_restored"
_NAME = re.compile(r"^[\w\-]+$", re.UNICODE)


def workspace_for(name: str, current: str) -> str | None:
    """The workspace file called *name* in the folder of the *current* one, when it exists (a name is letters,
    digits, dashes — never a path, so the address cannot point outside the workspace folder).

    >>> import tempfile; d = pathlib.Path(tempfile.mkdtemp()); (d / "acme.duckdb").touch()
    >>> workspace_for("acme", str(d / "default.duckdb")) == str(d / "acme.duckdb")
    True
    >>> workspace_for("../etc/passwd", str(d / "default.duckdb")), workspace_for("nope", str(d / "x.duckdb"))
    (None, None)
    """
    if not _NAME.match(name or ""):
        return None
    path = pathlib.Path(current).parent / f"{name}.duckdb"
    return str(path) if path.is_file() else None


def restore() -> None:
    """Take the language, workspace and persona from the address, once per session (a later change of the
    address by the app itself is not read back)."""
    state = st.session_state
    if state.get(_RESTORED):
        return
    state[_RESTORED] = True
    query = st.query_params
    lang = query.get("lang")
    if lang in LANGUAGES:
        state["lang"] = lang
    ws = query.get("ws")
    if ws:
        path = workspace_for(ws, state["workspace_path"])
        if path is not None:
            state["workspace_path"] = path
    wanted = query.get_all("persona")
    if wanted:
        import ui  # the glue opens the workspace; imported here so this module stays light

        try:
            known = set(filter_options(ui.cursor())["persona"])
        except CJMError:  # a workspace that cannot be read: the sidebar says why
            known = set()
        state["f_persona"] = [p for p in wanted if p in known]


def sync() -> None:
    """Write the current language, workspace and persona filter into the address."""
    state = st.session_state
    query = st.query_params
    if query.get("lang") != state.get("lang", "en"):
        query["lang"] = state.get("lang", "en")
    name = pathlib.Path(state["workspace_path"]).stem
    if query.get("ws") != name:
        query["ws"] = name
    personas = list(state.get("f_persona") or [])
    if query.get_all("persona") != personas:
        if personas:
            query["persona"] = personas
        elif "persona" in query:
            del query["persona"]
