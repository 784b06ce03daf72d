"""Streamlit glue shared by the pages: workspace, filters, translation, cached calls, messages.

Pages stay thin: widgets -> ``compute(...)`` (a cached call into ``cjm``) -> chart/table -> messages.
Nothing here runs SQL; everything goes through ``cjm`` functions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd
import streamlit as st

from cjm import ingest
from cjm.core.filters import LIST_FIELDS, Filters
from cjm.core.stage_model import StageModel
from cjm.errors import CJMError
from cjm.i18n import numbers
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


def labels(options: Iterable[Any], label: Callable[[Any], Any]) -> Callable[[Any], str]:
    """A widget's ``format_func``: the label of each of *options* worked out now, in this run's language. (AppTest
    calls a ``format_func`` again between runs, where the session's language cannot be read: a function that
    translated then would give English labels that match no option.)"""
    table = {o: str(label(o)) for o in options}
    return lambda o: table[o] if o in table else str(label(o))


def tp(key: str, /, **values: object) -> str:
    """``t`` for markdown-rendering elements: the catalogue text as is, the (untrusted) values escaped."""
    return _t(key, lang=lang(), **{k: plain(v) for k, v in values.items()})


def msg(value: object) -> str:
    """A message from ``cjm`` — a ``CJMError``, an import note, an assumption (anything with ``.message(lang)``) —
    in the interface language; a plain ``str`` (text not keyed yet) as it is. Not escaped: show it with
    :func:`plain` in a markdown element. In the pseudo-language of the tests a keyed message is marked like a
    catalogue text (⟦…⟧) and one without a key (English only) with ⟪…⟫, so the guard tells the two apart."""
    from cjm.i18n import EN, MARK_CLOSE, MARK_OPEN, PSEUDO, UNKEYED_CLOSE, UNKEYED_OPEN

    message = getattr(value, "message", None)
    if lang() == PSEUDO:
        if callable(message) and getattr(value, "key", None) in EN:
            return MARK_OPEN + str(message("en")) + MARK_CLOSE
        return UNKEYED_OPEN + (str(message("en")) if callable(message) else str(value)) + UNKEYED_CLOSE
    return str(message(lang())) if callable(message) else str(value)


# -- numbers in the interface language (cjm.i18n.numbers, Babel) ----------------------------------
def number(value: float | None) -> str:
    """A whole number the interface language's way (2,275 / 2.275)."""
    return numbers.number(_none(value), lang())


def decimal(value: float | None, *, digits: int = 1, signed: bool = False) -> str:
    """A number with *digits* decimals (1.7 / 1,7); *signed*: +0.4 / −0.4."""
    return numbers.decimal(_none(value), lang(), digits=digits, signed=signed)


def percent(value: float | None, *, digits: int = 0) -> str:
    """A share as a percentage (17% / %17 / 17 %)."""
    return numbers.percent(_none(value), lang(), digits=digits)


def compact(value: float | None) -> str:
    """A large number shortened (1.7M / 1,7 Mn / 1,7 mil.); below 10,000 written in full."""
    v = _none(value)
    return numbers.compact(v, lang()) if v is not None and abs(v) >= 10_000 else numbers.number(v, lang())


def date(value: Any) -> str:
    """A date (or timestamp: its day) in the language's medium form (5 Mar 2026 / 5 mar. 2026)."""
    if value is None or (not isinstance(value, (dt.date, str)) and pd.isna(value)):
        return numbers.NONE
    return numbers.date(pd.Timestamp(value).date(), lang())


def date_format() -> str:
    """The order of a date picker's day, month and year: day first in Turkish and Romanian (31.01.2026)."""
    return "DD.MM.YYYY" if lang() in ("tr", "ro") else "YYYY-MM-DD"


def points(value: float | None) -> str:
    """A difference of shares (0.12) in percentage points, signed: "+12 pp" / "+12 puan"."""
    v = _none(value)
    if v is None:
        return numbers.NONE
    return t("unit.pp", v=numbers.decimal(100 * v, lang(), digits=0, signed=round(100 * v) != 0))  # "0 pp", no sign


def _none(value: float | None) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


# -- tables ---------------------------------------------------------------------------------------
#: how a column is written: data text as it is, or a number through :mod:`cjm.i18n.numbers`
FORMATS: dict[str, Callable[[Any], str]] = {
    "number": lambda v: number(v), "decimal": lambda v: decimal(v), "signed": lambda v: decimal(v, signed=True),
    "signed2": lambda v: decimal(v, digits=2, signed=True), "percent": lambda v: percent(v),
    "compact": lambda v: compact(v), "date": lambda v: date(v), "points": lambda v: points(v),
}


def table_view(df: pd.DataFrame, columns: dict[str, tuple[str, str]]) -> Any:
    """*df*'s *columns* (column name -> (catalogue key, format)) in that order, headed in the interface language,
    numbers written the language's way: a pandas ``Styler`` whose display values are the formatted texts while the
    cells keep their numbers (so a click on a header sorts by the number). Format ``text`` shows a cell as it is;
    the others are the keys of :data:`FORMATS`."""
    labels = {col: t(key) for col, (key, _kind) in columns.items()}
    view = df[list(columns)].rename(columns=labels).reset_index(drop=True)
    formats: dict[Any, Any] = {labels[col]: FORMATS[kind] for col, (_key, kind) in columns.items() if kind != "text"}
    texts: list[Any] = [labels[col] for col, (_key, kind) in columns.items() if kind == "text"]
    styler = view.style.format(formats, na_rep=numbers.NONE)
    if texts:
        styler = styler.format(str, subset=texts, na_rep=numbers.NONE)
    return styler


def labelled(df: pd.DataFrame, columns: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """*df*'s *columns* (as for :func:`table`) headed in the interface language, values as they are: a download's
    table (numbers stay numbers in the CSV)."""
    return df[list(columns)].rename(columns={col: t(key) for col, (key, _kind) in columns.items()})


def table(df: pd.DataFrame, columns: dict[str, tuple[str, str]], *, key: str | None = None,
          widths: dict[str, Any] | None = None, helps: dict[str, str] | None = None, height: Any = "auto") -> None:
    """Show *df* as :func:`table_view` makes it, without the index, its first column (the key a reader looks for:
    stage, touchpoint, customer) pinned so it stays on screen when the table scrolls sideways at 1280 px; *widths*
    and *helps* (a tooltip on the header, in the interface language) by column name."""
    config: dict[str, Any] = {}
    for i, (col, (ckey, _kind)) in enumerate(columns.items()):
        width, help_ = (widths or {}).get(col), (helps or {}).get(col)
        if i == 0 or width is not None or help_ is not None:
            config[t(ckey)] = st.column_config.Column(pinned=True if i == 0 else None, width=width, help=help_)
    st.dataframe(table_view(df, columns), hide_index=True, column_config=config, key=key, height=height)


# -- widget values that survive leaving the page ----------------------------------------------------
_KEPT = "_kept_widget_values"


def restore_widgets(keys: list[str]) -> None:
    """Put back the values of the widgets *keys* as :func:`keep_widgets` last kept them. Streamlit drops a widget's
    state when a run does not draw it (the user is on another page); call this before drawing the widgets."""
    kept = st.session_state.get(_KEPT, {})
    for k in keys:
        if k not in st.session_state and k in kept:
            st.session_state[k] = kept[k]


def keep_widgets(keys: list[str]) -> None:
    """Keep a copy of the widgets' values (*keys*) under a key of no widget, which Streamlit does not drop."""
    kept = dict(st.session_state.get(_KEPT, {}))
    kept.update({k: st.session_state[k] for k in keys if k in st.session_state})
    st.session_state[_KEPT] = kept


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
    """The workspace's stage model on a page that needs one (after :func:`has_data`), its stage names in the
    interface language (a preset's labels as the source articles write them; a model of the user's own as named);
    a plain message otherwise. To edit and save the model, use :func:`model` (as stored)."""
    m = workspace().stage_model()
    if m is None:
        raise CJMError("ui.no_model")
    return m.localized(lang())


def model_name(m: StageModel | str) -> str:
    """A stage model's name for people: a preset's title in the interface language, a model of the user's own by
    its name."""
    from cjm.core.stage_model import PRESETS

    name = m if isinstance(m, str) else m.name
    return t(f"preset.{name}") if name in PRESETS else t("preset.custom", name=name)


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
        raise CJMError("ui.no_model")
    f = flt if flt is not None else filters()
    name = f"{fn.__module__}.{fn.__qualname__}"
    # the model in the interface language: the analyses' stage labels come out in it (cached per language)
    return _compute(ws.path, ws.data_version(), m.localized(lang()).to_json(), f.cache_key(), name,
                    tuple(sorted(kwargs.items())),
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
        st.error(plain(msg(exc)))
        err = exc
    except duckdb.Error as exc:
        err = storage_fault(exc)
        st.error(plain(msg(err)))
    if isinstance(err, DamagedWorkspaceError) and err.backup:
        from cjm.store.backups import restore

        ok = st.checkbox(t("backups.confirm", id=err.backup), key=f"damaged_restore_ok_{st.session_state.get('page_key', '')}")
        if st.button(t("backups.restore_id", id=err.backup), key=f"damaged_restore_{st.session_state.get('page_key', '')}",
                     disabled=not ok, type="primary"):
            try:
                done = restore(err.path, err.backup)
            except CJMError as exc2:
                st.error(plain(msg(exc2)))
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
        st.warning(tp("empty.no_model_stages", model=model_name(m) if m else "—"))
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


def download_csv(df: pd.DataFrame, label: str, file_name: str, key: str) -> None:
    """A CSV download of *df*, formula-safe (:func:`cjm.present.safe.csv_bytes`: a cell starting with ``=``, ``+``,
    ``-``, ``@``, tab or CR is prefixed with ``'``; numbers stay numbers)."""
    st.download_button(label, csv_bytes(df), file_name=file_name, mime="text/csv", key=key, on_click="ignore")


def today() -> dt.date:
    return dt.date.today()
