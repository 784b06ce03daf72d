"""The Progress page in Chromium at 1280×720: KPIs with status and the journey score, an action's measured effect,
in English, Turkish and Romanian (the language from the address), and no request leaves the machine."""

from __future__ import annotations

import datetime as dt

import pytest

from cjm.core.stage_model import preset
from cjm.ingest import import_file
from cjm.store import open_workspace
from cjm.store.progress import Action, Kpi, save_action, save_kpi
from cjm.store.workspace import close_workspace
from tests.ui.test_browser import SHOTS, Server, _page, _settle, browser  # noqa: F401 (browser is a fixture)
from tests.ui.test_progress_page import CSV

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EXPECTED = {  # the score label, the Actions tab, the verdict of the action's emotion
    "en": ("Journey score", "Actions and their effect", "improved by +3.0"),
    "tr": ("Yolculuk puanı", "Aksiyonlar ve etkileri", "+3,0 iyileşti"),
    "ro": ("Scorul parcursului", "Acțiuni și efectul lor", "s-a îmbunătățit cu +3,0"),
}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("progress") / "workshop.duckdb"
    ws = open_workspace(str(path))
    import_file(ws, CSV, file_name="crm.csv", model=preset("five-stage"))
    save_kpi(ws, Kpi("research-reached", "research", "reached", 10, "higher", owner="Ana"), expected=0)
    save_kpi(ws, Kpi("purchase-conversion", "purchase", "conversion", 0.9, "higher"), expected=0)
    save_action(ws, Action("a1", "research", "Pricing page", "Show prices", "Ana", done=dt.date(2026, 3, 1)),
                expected=0)
    close_workspace(ws)  # the server opens the file: one process at a time
    srv = Server(path).start()
    yield srv
    out = srv.stop()
    assert "Traceback" not in out, out[-3000:]


@pytest.mark.parametrize("lang", ["en", "tr", "ro"])
def test_progress_page(browser, server, lang):  # noqa: F811
    page = _page(browser)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server.url) and
            not r.url.startswith(("data:", "blob:")) else None)
    page.goto(f"{server.url}/progress?lang={lang}")
    _settle(page)
    score, tab, verdict = EXPECTED[lang]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"progress_kpis_{lang}.png"))
    assert page.get_by_text(score, exact=True).first.is_visible()
    page.get_by_role("tab", name=tab).click()
    _settle(page)
    assert page.get_by_text(verdict).first.is_visible()
    page.screenshot(path=str(SHOTS / f"progress_actions_{lang}.png"))
    assert outside == []
    page.context.close()


def test_language_and_page_survive_a_reload(browser, server):  # noqa: F811
    from tests.ui.test_browser import _choose

    page = _page(browser)
    page.goto(f"{server.url}/funnel")
    _settle(page)
    _choose(page, "Language", "Türkçe")
    assert "lang=tr" in page.url and "ws=workshop" in page.url
    page.reload()
    _settle(page)
    assert page.url.split("?")[0].endswith("/funnel")
    assert page.get_by_role("heading", name="Huni").first.is_visible()
    page.context.close()
