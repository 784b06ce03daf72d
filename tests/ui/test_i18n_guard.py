"""No English slips onto a page unnoticed: every page runs in the pseudo-language, where each catalogue text is
wrapped in ⟦ ⟧ (:data:`cjm.i18n.PSEUDO`), and any visible text that is neither marked nor a value of the data
(stage, touchpoint, channel names, customer ids, comments, file names, numbers, dates) fails the test.

What is read as visible: every label, help text, placeholder, option, body and value of the elements AppTest sees
(titles, captions, alerts, metrics, widgets, expanders), the headers, shown cells and selectbox options of every
table, and the words of every plotly chart (titles, axis titles, tick texts, legend names, text on the marks and
hover templates). The data values allowed are read from the workspace and the uploaded file, never listed by hand.

A message from ``cjm`` is shown through ``ui.msg``: a keyed one (``err.message(lang)``) is marked ⟦ ⟧ like catalogue
text; one still without a key is marked ⟪ ⟫ and counted apart (:func:`test_cjm_messages_on_pages_are_keyed`).
"""

from __future__ import annotations

import ast
import html
import json
import pathlib
import re
from collections.abc import Iterator

import pytest
from babel.dates import get_day_names, get_month_names
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

from cjm.i18n import LANGUAGES, MARK_CLOSE, MARK_OPEN, PSEUDO, UNKEYED_CLOSE, UNKEYED_OPEN
from cjm.store import close_workspace, open_workspace
from tests.ui.apptest import APP

ROOT = pathlib.Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_data" / "hinge_b2b_clients.csv"


def _app_pages() -> list[str]:
    """The pages of the app as ``app.py`` routes them (a new page is guarded the day it is added)."""
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "PAGES" for t in node.targets):
            return [pathlib.Path(e.elts[0].value).stem for e in node.value.elts]  # type: ignore[attr-defined]
    raise AssertionError("app.py has no PAGES list")


#: every page, the journey map and personas (other work in progress) too
PAGES = _app_pages()

# -- what is on screen ------------------------------------------------------------------------------------------
#: proto fields that hold text a user reads (ids, keys, formats, urls, icons and typed-in values are left out)
TEXT_FIELDS = {"label", "body", "help", "placeholder", "options", "content", "delta", "caption", "text", "title"}
TYPED = {"TextInput", "TextArea", "ChatInput"}  # what the user typed is theirs


def _strings(msg: Message) -> Iterator[str]:
    for fd, value in msg.ListFields():
        values = value if fd.is_repeated else [value]
        if fd.type == fd.TYPE_MESSAGE:
            for v in values:
                if isinstance(v, Message):
                    yield from _strings(v)
        elif fd.type == fd.TYPE_STRING and fd.name in TEXT_FIELDS:
            yield from (str(v) for v in values)


def _nodes(node) -> Iterator:
    children = getattr(node, "children", None)
    if children is not None:
        if getattr(node, "proto", None) is not None:
            yield node
        for child in children.values():
            yield from _nodes(child)
    else:
        yield node


def _frame_texts(element) -> Iterator[str]:
    """A table's headers, the option lists of its select columns and the cells it shows."""
    from streamlit import dataframe_util

    config = json.loads(element.proto.columns or "{}")
    for column in config.values():
        yield from (str(column.get(k)) for k in ("label", "help") if column.get(k))
        yield from (str(o) for o in (column.get("type_config") or {}).get("options") or ())
    frame = element.value
    yield from (str(config.get(str(c), {}).get("label") or c) for c in frame.columns)
    arrow = element.proto.arrow_data if element.proto.arrow_data.data else element.proto.lazy_data.initial_chunk
    if arrow.styler.display_values:
        frame = dataframe_util.convert_arrow_bytes_to_pandas_df(arrow.styler.display_values)
    for column in frame.columns:
        if frame[column].dtype == object or str(frame[column].dtype) in ("string", "str"):
            yield from (str(v) for v in frame[column].dropna().unique())


def _chart_texts(spec: dict) -> Iterator[str]:
    """The words of a plotly figure."""
    layout = spec.get("layout", {})
    title = layout.get("title")
    if isinstance(title, dict) and title.get("text"):
        yield title["text"]
    for name, axis in layout.items():
        if re.fullmatch(r"[xy]axis\d*", name) and isinstance(axis, dict):
            if isinstance(axis.get("title"), dict) and axis["title"].get("text"):
                yield axis["title"]["text"]
            yield from (str(x) for x in axis.get("ticktext") or ())
    yield from (str(a.get("text", "")) for a in layout.get("annotations") or ())
    for trace in spec.get("data", []):
        for part in (trace, trace.get("node") or {}, trace.get("link") or {}):
            for key in ("name", "text", "texttemplate", "hovertemplate", "label", "hovertext", "x", "y", "customdata"):
                value = part.get(key)
                values = value if isinstance(value, list) else [value]
                for v in values:
                    for w in (v if isinstance(v, list) else [v]):
                        if isinstance(w, str):
                            yield w


#: keys of a custom component's data that name things for the code, not for the reader
CODE_KEYS = {"key", "id", "kind", "lang", "lane", "stage", "type", "class", "color", "icon", "shape", "align"}


def _component_texts(value: object, key: str = "") -> Iterator[str]:
    """The texts in a custom component's data (the journey map grid): every string leaf but code names."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _component_texts(v, str(k))
    elif isinstance(value, list):
        for v in value:
            yield from _component_texts(v, key)
    elif isinstance(value, str) and key not in CODE_KEYS:
        yield value


def visible_texts(at: AppTest) -> list[str]:
    """Every text of the current run a user can read."""
    out: list[str] = []
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        kind = type(node).__name__
        if kind == "Dataframe":
            out += list(_frame_texts(node))
        elif isinstance(proto, Message) and proto.DESCRIPTOR.name == "PlotlyChart":
            out += list(_chart_texts(json.loads(proto.spec)))
        elif isinstance(proto, Message) and proto.DESCRIPTOR.name == "BidiComponent":
            out += list(_component_texts(json.loads(proto.json or "{}")))
        elif isinstance(proto, Message) and kind not in TYPED:
            out += list(_strings(proto))
        elif isinstance(proto, Message):
            out += [proto.label, proto.help, getattr(proto, "placeholder", "")]
    return [s for s in out if s]


# -- what may be unmarked ---------------------------------------------------------------------------------------
NUMBER = re.compile(r"[+−\-–]?\d[\d.,:/\s\u00a0]*\s?(?:%|[KMB](?![^\W\d_]))?")
WORD = re.compile(r"[^\W\d_]{2,}")
TAG = re.compile(r"<(style|script)\b.*?</\1>|<[^<>]*>|%\{[^}]*\}|&#?\w+;", re.DOTALL | re.IGNORECASE)


def data_values(ws, *extra: str) -> list[str]:
    """Every text value of the workspace's data and team notes, its stage model's names, the workspace's name and
    path, the languages' own names, month and day names (dates as CLDR writes them): longest first."""
    con = ws.cursor()
    values: set[str] = set(extra) | set(LANGUAGES.values())
    columns = con.execute("SELECT table_name, column_name FROM information_schema.columns "
                          "WHERE data_type = 'VARCHAR' AND table_name NOT IN ('meta', 'stage_model')").fetchall()
    for table, column in columns:
        values |= {str(v) for (v,) in con.execute(f'SELECT DISTINCT "{column}" FROM "{table}"').fetchall() if v}
    model = ws.stage_model()
    if model is not None:
        values |= {model.name, *model.labels, *model.keys, *(o.label for o in model.outcomes)}
    values |= {str(ws.path), pathlib.Path(ws.path).stem}
    for width in ("wide", "abbreviated"):
        values |= {str(v) for v in get_month_names(width, locale="en").values()}
        values |= {str(v) for v in get_day_names(width, locale="en").values()}
    return sorted(values, key=len, reverse=True)


def _drop_marked(text: str, open_: str, close: str) -> str:
    pattern = re.compile(re.escape(open_) + r"[^" + open_ + close + r"]*" + re.escape(close))
    while True:
        shorter = pattern.sub(" ", text)
        if shorter == text:
            return text
        text = shorter


def unmarked(texts: list[str], allowed: list[str]) -> set[str]:
    """The words of *texts* that are neither in a catalogue text (⟦…⟧), nor in a message from cjm (⟪…⟫), nor data
    (*allowed*), nor part of a number: each with the text it was found in."""
    found = set()
    for text in texts:
        rest = html.unescape(TAG.sub(" ", text.replace("\\", "")))
        rest = _drop_marked(_drop_marked(rest, MARK_OPEN, MARK_CLOSE), UNKEYED_OPEN, UNKEYED_CLOSE)
        for value in allowed:
            if value in rest:
                rest = rest.replace(value, " ")
        rest = NUMBER.sub(" ", rest)
        found |= {f"{word!r} in {text[:120]!r}" for word in WORD.findall(rest)}
    return found


def unkeyed(texts: list[str]) -> set[str]:
    """Messages from cjm shown without a catalogue key (English in every language)."""
    pattern = re.compile(re.escape(UNKEYED_OPEN) + r"([^" + UNKEYED_CLOSE + r"]*)" + re.escape(UNKEYED_CLOSE))
    return {m[:120] for text in texts for m in pattern.findall(text.replace("\\", ""))}


# -- the runs ---------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    from cjm.ingest import samples

    path = tmp_path_factory.mktemp("guard") / "guard.duckdb"
    ws = open_workspace(path)
    samples.load_all(ws, keys=["hinge"])
    yield ws
    close_workspace(ws)


def pseudo_app(path) -> AppTest:
    """The app on *path* in the pseudo-language from its first run (the language picker offers it only then)."""
    from streamlit import config

    config.set_option("client.showErrorDetails", "full")
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["workspace_path"] = str(path)
    at.session_state["lang"] = PSEUDO
    at.run()
    return at


def _run_page(ws, page: str) -> AppTest:
    at = pseudo_app(ws.path)
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.slow  # every page of the app
@pytest.mark.parametrize("page", PAGES)
def test_every_visible_text_is_from_the_catalogue_or_the_data(sample, page):
    at = _run_page(sample, page)
    texts = visible_texts(at)
    assert any(MARK_OPEN in t for t in texts)  # the page did draw catalogue texts, in the pseudo-language
    assert unmarked(texts, data_values(sample)) == set()


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_an_empty_workspace_is_explained_from_the_catalogue(tmp_path, page):
    """What a page says before there is any data ("This workspace has no data yet", the buttons)."""
    ws = open_workspace(tmp_path / "empty.duckdb")
    try:
        at = _run_page(ws, page)
        texts = visible_texts(at)
        assert any(MARK_OPEN in t for t in texts)
        assert unmarked(texts, data_values(ws)) == set()
    finally:
        close_workspace(ws)


@pytest.mark.slow
def test_import_page_with_a_file_uploaded(sample):
    """The mapping editor, the preview and the detection notes of an upload: the file's headers and cells are data."""
    from cjm.ingest import inspect

    data = SAMPLE.read_bytes()
    info = inspect(data, file_name=SAMPLE.name)
    cells = {str(v) for c in info.preview.columns for v in info.preview[c].dropna()}
    at = _run_page(sample, "import_page")
    at.file_uploader[0].set_value((SAMPLE.name, data, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    texts = visible_texts(at)
    assert any(SAMPLE.name in t for t in texts)
    assert unmarked(texts, data_values(sample, *info.headers, *cells, info.encoding or "")) == set()


@pytest.mark.slow
def test_cjm_messages_on_pages_are_keyed(sample):
    """Each message from cjm on the pages has a catalogue key, so it can be shown in the interface language."""
    found = set()
    for page in ("what_if_page", "pain_points_page", "import_page", "settings_page"):
        at = _run_page(sample, page)
        if page == "what_if_page":
            for exp in at.expander:
                exp.proto.expanded = True  # the assumptions are in an expander: drawn either way, read here
        found |= unkeyed(visible_texts(at))
    assert found == set()


# -- the guard guards -------------------------------------------------------------------------------------------
def test_a_new_english_string_fails_the_guard(sample, monkeypatch):
    """``st.write("Hello")`` on a page is caught; the same word through the catalogue, or a data value, is not."""
    import streamlit as st

    import ui

    monkeypatch.setattr(ui, "flash", lambda: (st.write("Hello"), st.caption(ui.t("funnel.title")),
                                              st.text(sample.stage_model().labels[0])))
    at = _run_page(sample, "funnel_page")
    found = unmarked(visible_texts(at), data_values(sample))
    assert found == {"'Hello' in 'Hello'"}


def test_english_in_a_chart_or_a_table_header_fails_the_guard(sample):
    """The words of a chart and the headers of a table are read too."""
    import pandas as pd

    from cjm.present import charts

    fig = charts.bars_compare(pd.DataFrame({"label": ["A"], "a": [1], "b": [2]}), x="label", a="a", b="b",
                              name_a="⟦Baseline⟧", name_b="Scenario", lang="en")
    assert unmarked(list(_chart_texts(json.loads(fig.to_json()))), ["A"]) == {
        "'Scenario' in 'Scenario'", "'Scenario' in '%{x}<br>Scenario: %{text}<extra></extra>'"}

    def page():
        import pandas as pd
        import streamlit as st

        st.dataframe(pd.DataFrame({"customers": [1], "⟦Stage⟧": ["x"]}))

    at = AppTest.from_function(page, default_timeout=30)
    at.run()
    assert unmarked(visible_texts(at), ["x"]) == {"'customers' in 'customers'"}


def test_the_pseudo_language_is_not_offered_to_users(tmp_path):
    from tests.ui.apptest import open_app

    at = open_app(tmp_path / "empty.duckdb")
    picker = at.sidebar.selectbox(key="lang")
    assert picker.options == list(LANGUAGES.values())
    assert PSEUDO not in LANGUAGES


@pytest.mark.slow
def test_what_the_user_opens_is_in_the_catalogue_too(sample):
    """Texts that appear only after a choice: a lever moved and a pain point fixed (the waterfall, the target
    slider), the emotion curve by segment, the heatmap of mean emotion, the funnel broken down by persona, the
    stage suggestions of Settings."""
    allowed = data_values(sample)
    seen: list[str] = []

    def check(at: AppTest) -> None:
        assert not at.exception, [e.value for e in at.exception]
        texts = visible_texts(at)
        seen.extend(texts)
        assert unmarked(texts, allowed) == set()

    at = _run_page(sample, "what_if_page")
    first = sample.stage_model().keys[0]
    at.select_slider(key=f"wi_conv_{first}").set_value(5.0).run()
    at.selectbox(key="wi_fix").set_value(f"{first}||").run()  # the whole first stage
    check(at)
    at.switch_page("app_pages/emotions_page.py").run()
    at.selectbox(key="emotion_by").set_value("segment").run()
    check(at)
    at.switch_page("app_pages/channels_page.py").run()
    at.segmented_control(key="heat_measure").set_value("mean_emotion").run()
    check(at)
    assert json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]["zmid"] == 0  # the emotion heatmap
    at.switch_page("app_pages/funnel_page.py").run()
    at.selectbox(key="breakdown_by").set_value("persona").run()
    check(at)
    at.switch_page("app_pages/settings_page.py").run()
    at.button(key="infer_model").click().run()
    check(at)
    assert any("⟦Target mean emotion" in t for t in seen) and any("⟦Keep⟧" in t for t in seen)
