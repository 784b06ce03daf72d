"""Streamlit glue shared by the pages: workspace, filters, translation, cached calls, messages.

Pages stay thin: widgets -> ``compute(...)`` (a cached call into ``cjm``) -> chart/table -> messages.
Nothing here runs SQL; everything goes through ``cjm`` functions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from cjm import ingest
from cjm.core.filters import LIST_FIELDS, Filters
from cjm.core.stage_model import StageModel
from cjm.errors import CJMError
from cjm.i18n import t as _t
from cjm.present.safe import csv_bytes
from cjm.store import Workspace, default_path, open_workspace


# -- translation --------------------------------------------------------------------------------
def lang() -> str:
    return st.session_state.get("lang", "en")


def t(key: str, /, **values: object) -> str:
    return _t(key, lang=lang(), **values)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
_AUTOLINK = re.compile(r"(?i)(https?|www)|(@)")  # where a bare address or e-mail would start a link
_WORD_JOINER = "\u2060"  # invisible, no width: splits "http" from "://" and "a" from "@b.com" for the link finder


def plain(text: object) -> str:
    r"""Text for an element that renders markdown (alerts, captions, headers): every markdown character escaped,
    so a file name or cell value shows exactly as typed and can never become a link or formatting. Streamlit's
    markdown also turns a bare web address or e-mail into a link, escaped or not: an invisible WORD JOINER
    (U+2060) after "http", "https" and "www" and before "@" stops that.

    >>> print(plain("**Q1** [x](y)"))
    \*\*Q1\*\* \[x\]\(y\)
    >>> plain("http://e.com www.e.com a@b.com")
    'http\u2060\\://e\\.com www\u2060\\.e\\.com a\u2060@b\\.com'
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", str(text))
    return _AUTOLINK.sub(lambda m: m[1] + _WORD_JOINER if m[1] else _WORD_JOINER + m[2], escaped)


def tp(key: str, /, **values: object) -> str:
    """``t`` for markdown-rendering elements: the catalogue text as is, the (untrusted) values escaped."""
    return _t(key, lang=lang(), **{k: plain(v) for k, v in values.items()})


# -- workspace ----------------------------------------------------------------------------------
@st.cache_resource(show_spinner=False)
def _open(path: str) -> Workspace:
    return open_workspace(path)


def workspace() -> Workspace:
    """This process's connection to the session's workspace. One that DuckDB invalidated after a disk fault (a
    full disk) is dropped and the file opened again, so the app recovers without a restart once the cause is
    gone; while it is not, opening raises a plain :class:`~cjm.errors.StorageError`."""
    path = st.session_state.get("workspace_path") or str(default_path())
    ws = _open(path)
    if not ws.alive(within=1.0):
        _open.clear()  # open_workspace drops its own cached connection too and opens the file again
        ws = _open(path)
    return ws


def cursor():
    """A cursor for this run of this session (DuckDB cursors are not shared between threads)."""
    return workspace().cursor()


def model() -> StageModel | None:
    return workspace().stage_model()


def chosen_model() -> StageModel:
    """The workspace's stage model on a page that needs one (after :func:`has_data`); a plain message otherwise."""
    m = workspace().stage_model()
    if m is None:
        raise CJMError("Choose a stage model first (Import or Settings page).")
    return m


def version() -> int:
    return workspace().data_version()


# -- filters ------------------------------------------------------------------------------------
def filters() -> Filters:
    s = st.session_state
    period: tuple[dt.date, ...] = tuple(s.get("f_period") or ())
    start = period[0] if len(period) >= 1 else None
    end = period[1] if len(period) >= 2 else None
    values = {name: tuple(s.get(f"f_{name}") or ()) for name in LIST_FIELDS}
    return Filters(start=start, end=end, **values)


# -- cached calculations --------------------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=512)
def _compute(path: str, data_version: int, model_json: str, filter_key: tuple, name: str, kwargs: tuple,
             _fn: Callable[..., Any]) -> object:
    # _fn is not hashed by Streamlit (leading underscore): *name* (module.qualname) stands for it in the key
    con = _open(path).cursor()
    try:
        return _fn(con, model=StageModel.from_json(model_json), filters=Filters(*filter_key), **dict(kwargs))
    finally:
        con.close()


def compute(fn: Callable[..., Any], /, *, flt: Filters | None = None, **kwargs: object) -> Any:
    """``fn(con, model=..., filters=..., **kwargs)`` — an analysis function of :mod:`cjm.analyses` — cached by
    (workspace, data version, stage model, filters, arguments). Team notes do not change the data version, so
    saving a lane or a note keeps every cached result."""
    ws = workspace()
    m = ws.stage_model()
    if m is None:
        raise CJMError("Choose a stage model first (Import or Settings page).")
    f = flt if flt is not None else filters()
    name = f"{fn.__module__}.{fn.__qualname__}"
    return _compute(ws.path, ws.data_version(), m.to_json(), f.cache_key(), name, tuple(sorted(kwargs.items())),
                    _fn=fn)


# -- uploads --------------------------------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=16)
def _inspect(sha256: str, file_name: str, sheet: str | None, _data: bytes) -> ingest.Inspection:
    # _data is not hashed (leading underscore): *sha256* stands for the bytes in the key
    return ingest.inspect(_data, file_name=file_name, sheet=sheet)


def inspect_upload(data: bytes, *, file_name: str, sheet: str | None = None) -> ingest.Inspection:
    """:func:`cjm.ingest.inspect` parsed once per file: cached by the upload's sha256, name and sheet, so changing
    a mapping drop-down does not read the whole file again. Only the small result (headers, a 20-row preview,
    the guessed mapping) is kept, never the bytes."""
    return _inspect(hashlib.sha256(data).hexdigest(), file_name, sheet, _data=data)


# -- page frame -----------------------------------------------------------------------------------
def compute_summary() -> dict:
    """Workspace counts and date range (unfiltered)."""
    from cjm.analyses.workspace_info import summary

    return summary(cursor())


def storage_fault(exc: BaseException) -> CJMError:
    """A DuckDB error met while reading the session's workspace as the plain message of the storage fault it is (a
    full disk, a damaged block...); the connection is marked broken when DuckDB invalidated it, so the next run opens
    the file again. Re-raises *exc* when it is no storage fault (a bug, which must surface)."""
    import contextlib
    from pathlib import Path

    from cjm.store import storage_error

    path = st.session_state.get("workspace_path") or str(default_path())
    err = storage_error(exc, str(Path(path).expanduser().resolve()))
    if err is None:
        raise exc
    with contextlib.suppress(CJMError):
        _open(path).alive()  # marks the connection broken when DuckDB invalidated it
    return err


#: set by the sidebar's "Open the Import page" button (it runs before ``st.navigation``, so it cannot link itself)
GO_TO_IMPORT = "go_to_import_page"


def page(render: Callable[[], None]) -> None:
    """Run a page body; a ``CJMError`` becomes a plain message, never a traceback. So does a storage fault met
    while the page reads (a full disk, a damaged block): the message names it, a connection DuckDB invalidated is
    opened again on the next run, and a damaged workspace gets a button to restore its latest good backup."""
    import duckdb

    from cjm.errors import DamagedWorkspaceError

    if st.session_state.pop(GO_TO_IMPORT, False):  # the sidebar's link to a background import's result
        st.switch_page("app_pages/import_page.py")
    err: CJMError | None = None
    try:
        render()
    except CJMError as exc:
        st.error(plain(str(exc)))
        err = exc
    except duckdb.Error as exc:
        err = storage_fault(exc)
        st.error(plain(str(err)))
    if isinstance(err, DamagedWorkspaceError) and err.backup:
        from cjm.store.backups import restore

        ok = st.checkbox(t("backups.confirm", id=err.backup), key=f"damaged_restore_ok_{st.session_state.get('page_key', '')}")
        if st.button(t("backups.restore_id", id=err.backup), key=f"damaged_restore_{st.session_state.get('page_key', '')}",
                     disabled=not ok, type="primary"):
            try:
                done = restore(err.path, err.backup)
            except CJMError as exc2:
                st.error(plain(str(exc2)))
                return
            _open.clear()
            st.session_state["flash"] = t("backups.restored", id=done.restored.id)
            st.rerun()


def has_data() -> bool:
    """True when the workspace has events that match the model and the filters; otherwise shows what to do."""
    from cjm.analyses.workspace_info import summary

    con = cursor()
    info = summary(con)
    if info["events"] == 0:
        st.subheader(t("empty.title"))
        st.write(t("empty.body"))
        c1, c2 = st.columns(2)
        if c1.button(t("empty.load_samples"), key=f"empty_samples_{st.session_state.get('page_key', '')}",
                     type="primary"):
            load_samples()
            st.rerun()
        c2.page_link("app_pages/import_page.py", label=t("empty.go_import"))
        return False
    m = model()
    if m is None or info["events"] == info["unmatched"]:
        st.warning(tp("empty.no_model_stages", model=m.name if m else "—"))
        st.page_link("app_pages/settings_page.py", label=t("nav.settings"))
        return False
    return True


def load_samples() -> None:
    """Import the three shipped samples, each into a workspace of its own (each has its own stage model).

    The B2B sample goes into the current workspace when that is empty (so it is still there after a reload);
    otherwise into ``sample-hinge`` beside it, which becomes current. The others go to ``sample-<key>``.
    """
    from pathlib import Path

    from cjm.analyses.workspace_info import summary
    from cjm.ingest import samples as sample

    current = workspace()
    base = Path(current.path).parent
    names = []
    with st.spinner(t("samples.loading")):
        for i, s in enumerate(sample.SAMPLES):
            if i == 0 and summary(current.cursor())["events"] == 0:
                target = current
            else:
                target = _open(str(base / f"sample-{s['key']}.duckdb"))
            sample.load_all(target, keys=[s["key"]])
            names.append(Path(target.path).stem)
            if i == 0:
                st.session_state["workspace_path"] = target.path
    st.session_state["flash"] = t("samples.loaded", names=", ".join(names), current=names[0])


def flash() -> None:
    msg = st.session_state.pop("flash", None)
    if msg:
        st.success(plain(msg))


def chart(fig, *, key: str) -> None:
    """A plotly figure as we laid it out (our projector-sized fonts, not the theme's), PNG export in the toolbar."""
    st.plotly_chart(fig, key=key, theme=None, config={"displaylogo": False, "toImageButtonOptions": {"scale": 2}})


def report_xlsx_button(*, key: str) -> None:
    """Download every table of the report as one Excel workbook (built only when clicked)."""
    ws, m, f = workspace(), model(), filters()
    if m is None:  # nothing to report before a stage model is chosen
        return

    def build() -> bytes:
        import io

        from cjm.present.report import write_xlsx

        buf = io.BytesIO()
        con = ws.cursor()
        try:
            write_xlsx(con, model=m, filters=f, path=buf)
        finally:
            con.close()
        return buf.getvalue()

    st.download_button(t("sidebar.export_xlsx"), build, file_name="cjm_report.xlsx", key=key, on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/download:")


def download_csv(df: pd.DataFrame, label: str, file_name: str, key: str) -> None:
    """A CSV download of *df*, formula-safe (:func:`cjm.present.safe.csv_bytes`: a cell starting with ``=``, ``+``,
    ``-``, ``@``, tab or CR is prefixed with ``'``; numbers stay numbers)."""
    st.download_button(label, csv_bytes(df), file_name=file_name, mime="text/csv", key=key, on_click="ignore")


def today() -> dt.date:
    return dt.date.today()
