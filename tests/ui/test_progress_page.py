"""The Progress page: add a KPI and see its status, turn a pain point into an action and see its effect,
trends and the comparison of two periods — in English and Turkish, without an exception."""

from __future__ import annotations

import datetime as dt

import pytest

from cjm.core.stage_model import preset
from cjm.ingest import import_file
from cjm.store import open_workspace
from cjm.store.progress import Action, Kpi, actions, kpis, save_action, save_kpi
from tests.ui.apptest import open_app

ROWS = ["id,stage,date,touchpoint,emotion,nps"]
for i in range(40):
    month = 1 + i % 4
    ROWS.append(f"c{i},awareness,2026-0{month}-0{1 + i % 9},Ad,1,")
    if i % 2 == 0:
        ROWS.append(f"c{i},research,2026-0{month}-1{i % 9},Pricing page,{-2 if month < 3 else 1},{3 if month < 3 else 9}")
    if i % 4 == 0:
        ROWS.append(f"c{i},purchase,2026-0{month}-2{i % 9},Checkout,0,")
CSV = "\n".join(ROWS).encode()


@pytest.fixture
def path(tmp_path):
    p = tmp_path / "ws.duckdb"
    ws = open_workspace(str(p))
    import_file(ws, CSV, file_name="crm.csv", model=preset("five-stage"))
    ws.checkpoint()
    return p


def _texts(at) -> str:
    return " ".join([*(m.value for m in at.markdown), *(c.value for c in at.caption), *(t.value for t in at.text),
                     *(str(m.value) for m in at.metric), *(i.value for i in at.info)])


def test_add_kpi_and_see_status(path):
    at = open_app(path, "progress_page")
    assert not at.exception
    assert "No KPIs yet" in _texts(at)
    at.selectbox(key="kpi_stage").set_value("research")
    at.selectbox(key="kpi_metric").set_value("reached")
    at.number_input(key="kpi_target").set_value(10.0)
    at.button[0].click()  # the form's submit button (the first button on the page)
    at.run()
    assert not at.exception
    saved = kpis(open_workspace(str(path)).cursor())
    assert [(k.stage_key, k.metric, k.target) for k in saved] == [("research", "reached", 10.0)]
    assert "Journey score" in _texts(at) and [m.value for m in at.metric] == ["100"]  # 20 reached research ≥ 10


def test_actions_effects_trends_and_compare_in_turkish(path):
    ws = open_workspace(str(path))
    save_kpi(ws, Kpi("k1", "purchase", "conversion", 0.9, "higher"), expected=0)
    save_action(ws, Action("a1", "research", "Pricing page", "Fiyatları göster", done=dt.date(2026, 3, 1)), expected=0)
    ws.checkpoint()
    at = open_app(path, "progress_page")
    next(s for s in at.sidebar.selectbox if s.key == "lang").set_value("tr").run()
    assert not at.exception
    text = _texts(at)
    assert "Fiyatları göster" in text
    # emotion at the Pricing page: −2 before 1 March (n = 10), +1 after (n = 10): improved by +3
    assert "Pricing page noktasında duygu: +3,0 iyileşti" in text
    assert "ulaşılamadı" in " ".join(str(df.value) for df in at.dataframe) or "ulaşılamadı" in text
    assert [a.title for a in actions(ws.cursor())] == ["Fiyatları göster"]


def test_compare_two_workspaces(path, tmp_path):
    other = tmp_path / "last_year.duckdb"
    ws = open_workspace(str(other))
    import_file(ws, "\n".join(ROWS[: len(ROWS) // 2]).encode(), file_name="old.csv", model=preset("five-stage"))
    ws.checkpoint()
    at = open_app(path, "progress_page")
    at.radio(key="compare_what").set_value("workspaces").run()
    assert not at.exception
    assert at.selectbox(key="compare_other").value == str(other)
    shown = at.dataframe[-1].value
    assert len(shown) == 5 and "A: ws · B: last_year" in _texts(at)


def test_kpis_and_actions_on_the_map(path):
    from tests.ui.apptest import component_data

    ws = open_workspace(str(path))
    save_kpi(ws, Kpi("k1", "research", "reached", 10, "higher"), expected=0)
    save_action(ws, Action("a1", "research", "Pricing page", "Show prices", done=dt.date(2026, 3, 1)), expected=0)
    ws.checkpoint()
    at = open_app(path, "journey_map")
    assert not at.exception
    rows = {r.get("id"): r for r in component_data(at, "cjm.map_grid")["rows"]}
    research = 1  # the second stage of five-stage
    # 20 customers reached research, the target is 10: met; the emotion at the Pricing page went from −2 to +1
    assert [i["text"] for i in rows["kpi-status"]["cells"][research]["items"]] == ["Customers reaching ≥ 10: 20 · met"]
    assert rows["action-effects"]["cells"][research]["items"][0]["text"].startswith("Show prices: improved by +3.0")
    assert rows["kpi-status"]["cells"][0]["items"] == [] and rows["action-effects"]["cells"][0]["items"] == []
