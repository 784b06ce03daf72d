"""Every page with hostile data (issue 14): cells are never rendered as markdown, and every download is formula-safe.

The workspace is imported through the Import page itself (a CSV upload), so the file name, the stage labels, the
touchpoints, channels, segments and comments all come from a file: markdown (``**bold**``, a link) and spreadsheet
formulas (``=HYPERLINK(...)``, ``-2+3``, ``@SUM(A1)``).
"""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
import streamlit
from streamlit.testing.v1.element_tree import Block

from cjm.analyses.what_if import Scenario, save_scenario
from cjm.core.stage_model import custom
from cjm.store import close_workspace, open_workspace
from tests.csv_checks import cells as _cells
from tests.csv_checks import formula_like as _formula_like
from tests.ui.apptest import component_data
from tests.ui.apptest import open_app as _app

pytestmark = pytest.mark.slow  # every page and every download with the hostile corpus

PAGES = ["import_page", "journey_map", "funnel_page", "channels_page", "emotions_page", "pain_points_page",
         "what_if_page", "settings_page"]

BOLD, LINK = "**bold**", "[x](http://e.com)"
#: the escaped forms (:func:`ui.plain`), which render as the text typed (an invisible WORD JOINER after "http" keeps
#: the bare address from being linked)
BOLD_ESC, LINK_ESC = r"\*\*bold\*\*", "\\[x\\]\\(http\u2060\\://e\\.com\\)"
STAGES = [BOLD, LINK, '=HYPERLINK("http://evil","x")', "-2+3", "@SUM(A1)"]
TOUCH = ["**tp**", "[tp](http://e.com)", "=cmd|' /C calc'!A0", "+1+1", "@SUM(A1)", "\tTAB"]
SCENARIO = '=HYPERLINK("http://evil","**plan**")'
HEADER = "**extra** [x](http://e.com)"  # a column the import leaves out; its field drop-down is labelled with it

#: proto fields whose text Streamlit renders as markdown (labels, help, alert and caption bodies, progress text)
MARKDOWN_FIELDS = {"label", "help", "body", "text", "placeholder"}
#: elements whose ``body`` is shown as plain text
PLAIN_ELEMENTS = {"text", "code", "exception"}


def _hostile_csv() -> bytes:
    """12 customers over the five stages (customer i reaches stage i % 5), one backward move, one bad date;
    segment "**seg**" is the largest (6 customers), so it is the reference group of the funnel breakdown."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["customer_id", "timestamp", "stage", "touchpoint", "channel", "segment", "comment", "emotion",
                "value", HEADER])
    for i in range(12):
        for j in range(1 + i % 5):
            w.writerow([f"-{i}" if i % 2 else f"=c{i}", f"2026-01-{1 + 3 * j + i % 3:02d}", STAGES[j],
                        TOUCH[(i + j) % 6], TOUCH[(i + 2 * j) % 6], ["**seg**", "**seg**", "-A", "@B"][i % 4],
                        TOUCH[(i + j + 3) % 6], -2 + (i + j) % 5, -100.5 if j == i % 5 else "", "x"])
    w.writerow(["-3", "2026-02-20", STAGES[0], TOUCH[0], TOUCH[1], "@B", TOUCH[2], -2, "", "x"])  # back to stage 1
    w.writerow(["=bad", "=not a date", STAGES[0], TOUCH[2], "", "", "@SUM(A1)", "", "", "x"])  # rejected
    return buf.getvalue().encode("utf-8")




@pytest.fixture(scope="module")
def downloads():
    """Every ``st.download_button`` the pages draw: file name -> data (bytes, or the callable of a deferred one)."""
    seen: dict[str, object] = {}
    original = streamlit.download_button

    def recording(label, data, file_name=None, *args, **kwargs):
        seen[str(file_name)] = data
        return original(label, data, file_name, *args, **kwargs)

    mp = pytest.MonkeyPatch()
    mp.setattr(streamlit, "download_button", recording)
    yield seen
    mp.undo()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, downloads):
    """The workspace, imported through the Import page (which then offers the rejected rows), one saved scenario;
    returns (path, the Import page after the import)."""
    path = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    ws = open_workspace(path)  # one per process and path: the app's pages use this same workspace
    ws.set_stage_model(custom(STAGES, name="**model**"))
    at = _app(path, "import_page")
    at.file_uploader[0].set_value(("**file**.csv", _hostile_csv(), "text/csv")).run()
    at.button(key="import_0").click().run()
    assert not at.exception, [e.value for e in at.exception]
    # 12 customers reach 1+2+3+4+5+1+2+3+4+5+1+2 = 33 stages, +1 backward move = 34 rows; 1 bad date
    assert len(at.success) == 1 and at.success[0].value.endswith(": 34 rows loaded, 1 rejected (of 35 read).")
    save_scenario(ws, SCENARIO, Scenario(inflow_pct=10.0), expected=0)
    yield path, at
    close_workspace(ws)


def _markdown_strings(node, where: str = "") -> list[tuple[str, str]]:
    """(element type.field, text) of every string Streamlit renders as markdown, anywhere in the tree."""
    out: list[tuple[str, str]] = []
    if isinstance(node, Block):
        proto = getattr(node, "proto", None)  # expander, tab, popover: the block's own message
        if proto is not None and isinstance(getattr(proto, "label", None), str):
            out.append((f"{node.type}.label", proto.label))
        for child in node.children.values():
            out += _markdown_strings(child, where)
        return out
    if node.type in PLAIN_ELEMENTS:
        return out
    proto = node.proto
    for desc, value in proto.ListFields():
        if desc.name in MARKDOWN_FIELDS and isinstance(value, str):
            out.append((f"{node.type}.{desc.name}", value))
    if node.type == "radio":  # radio options are markdown too (selectbox and multiselect options are not)
        out += [("radio.options", o) for o in proto.options]
    return out


def _raw_markdown(strings: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(where, s) for where, s in strings if BOLD in s or LINK in s or "**tp**" in s or "**seg**" in s
            or "**file**" in s or "**model**" in s or "**plan**" in s or "**extra**" in s]


@pytest.mark.parametrize("page", PAGES)
def test_no_data_is_rendered_as_markdown(hostile, page):
    path, _ = hostile
    at = _app(path, page)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    strings = _markdown_strings(at._tree)
    assert strings, "the walk found no label at all"
    assert _raw_markdown(strings) == []


def test_stage_labels_reach_the_labels_escaped(hostile):
    """The labels that name a stage (what-if sliders, journey-map cells) hold it escaped, so it shows as typed."""
    path, at = hostile
    # the Import page after the import: the file name in the report, as typed
    assert [s.value for s in at.success] == [r"\*\*file\*\*\.csv: 34 rows loaded, 1 rejected (of 35 read)."]
    assert _raw_markdown(_markdown_strings(at._tree)) == []
    assert rf"Field for column \*\*extra\*\* {LINK_ESC}" in [s.label for s in at.selectbox]
    wi = _app(path, "what_if_page")
    labels = [s.label for s in wi.select_slider]
    # the first lever is stage 1 -> stage 2: "**bold** → [x](http://e.com) (now ...)", escaped
    assert any(lbl.startswith(f"{BOLD_ESC} → {LINK_ESC} (now ") for lbl in labels), labels
    # the map grid is a custom component that sets text, never markdown or HTML: its labels hold the stage as typed
    jm = _app(path, "journey_map")
    rows = component_data(jm, "cjm.map_grid")["rows"]
    goals = [c["aria"] for r in rows if r.get("id") == "goals" for c in r["cells"]]
    assert f"Goals at {BOLD}" in goals and f"Goals at {LINK}" in goals


def test_the_walk_sees_raw_markdown(hostile):
    """The checker itself: it reads labels, help texts, captions and expander labels of a real page, and flags
    an unescaped value but not an escaped one."""
    path, _ = hostile
    at = _app(path, "funnel_page")
    kinds = {where for where, _ in _markdown_strings(at._tree)}
    assert {"selectbox.label", "caption.body", "subheader.body", "expander.label"} <= kinds, kinds
    strings = [("a", f"Stage {BOLD}"), ("b", f"Stage {BOLD_ESC}"), ("c", f"see {LINK}"), ("d", f"see {LINK_ESC}")]
    assert _raw_markdown(strings) == [("a", f"Stage {BOLD}"), ("c", f"see {LINK}")]


def test_every_download_is_formula_safe(hostile, downloads):
    path, _ = hostile
    for page in PAGES:
        _app(path, page)
    csvs = {name: data for name, data in downloads.items() if name.endswith(".csv")}
    expected = {"rejected_**file**.csv.csv", "stuck_customers.csv", "backward_moves.csv", "touchpoints.csv",
                "scenarios.csv"}
    assert expected <= set(csvs), sorted(csvs)
    assert any(name.startswith("dropped_after_") for name in csvs), sorted(csvs)
    for name, data in csvs.items():
        assert isinstance(data, bytes)
        cells = [c for row in _cells(data) for c in row]
        assert [c for c in cells if _formula_like(c)] == [], name
    rejected = _cells(csvs["rejected_**file**.csv.csv"])
    assert "'=not a date" in [c for row in rejected for c in row]  # kept, as text
    scenarios = _cells(csvs["scenarios.csv"])
    assert scenarios[1][0] == "'" + SCENARIO
    touch = _cells(csvs["touchpoints.csv"])
    header = touch[0]
    # mean emotion is a number column: a negative mean stays a plain negative number, no quote
    emotions = [row[header.index("Mean emotion")] for row in touch[1:]]  # headed as on screen
    assert any(e.startswith("-") and float(e) < 0 for e in emotions), emotions

    # the workbook of the sidebar (built when clicked): no formula, the stage labels kept as typed
    name = next(n for n in downloads if n.endswith("_workbook_en.xlsx"))
    book = downloads[name]
    data = book() if callable(book) else book
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert [c.coordinate for sh in wb for row in sh.iter_rows() for c in row if c.data_type == "f"] == []
    funnel = list(wb["Funnel"].values)
    assert [row[0] for row in funnel[1:]] == STAGES
    # the HTML report of the sidebar: the same labels, escaped, never markup
    page = downloads[name.replace("_workbook_en.xlsx", "_report_en.html")]
    html = (page() if callable(page) else page).decode("utf-8").split("</script></head>", 1)[1]
    assert "<th>=HYPERLINK(&quot;http://evil&quot;,&quot;x&quot;)</th>" in html  # a stage column of the map, as text
    assert "<th>[x](http://e.com)</th>" in html and "<a " not in html  # markdown stays text in HTML too
