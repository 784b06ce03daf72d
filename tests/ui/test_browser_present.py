"""Presentation mode end to end in Debian's Chromium at 1280×720 on the Coleman sample, in English, Turkish and
Romanian: enter from the map page, → three times (the address follows, a reload keeps the slide), every text at
least 24 px, the sidebar and the app's widgets hidden, a team text with HTML in it shown as typed, Esc (in
Romanian: the on-screen button) leaves; no request leaves the machine. Screenshots of each slide: /tmp/shots/present_<lang>_<n>.png.

Skipped when /usr/bin/chromium or playwright is missing, unless CJM_REQUIRE_BROWSER=1 (see test_browser.py).
"""

from __future__ import annotations

import pathlib
from urllib.parse import parse_qs, urlsplit

import pytest

from cjm.i18n import t
from tests.ui.test_browser import CHROMIUM, Server, _outside, _settle, sync_playwright

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = pathlib.Path("/tmp/shots")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
HOSTILE = "<b>Fatura</b> & <img src=x onerror=alert(1)>"

#: In the deck's shadow root: every element that holds text of its own, with its font size and whether it shows
_TEXT_SIZES = """() => {
  const root = document.querySelector('[data-testid="stBidiComponentIsolated"]').shadowRoot;
  const out = [];
  for (const e of root.querySelectorAll('*')) {
    const own = [...e.childNodes].filter(n => n.nodeType === 3 && n.textContent.trim()).map(n => n.textContent.trim());
    if (!own.length || !e.getClientRects().length) continue;
    out.push([own.join(' '), parseFloat(getComputedStyle(e).fontSize)]);
  }
  return out;
}"""
_SHOWN_TEXT = """() => {
  const root = document.querySelector('[data-testid="stBidiComponentIsolated"]').shadowRoot;
  return [...root.querySelectorAll('.slide:not([hidden]), .bar')].map(e => e.innerText).join('\\n');
}"""


#: Elements of the page (not the deck) that take room on screen
_OTHERS_SHOWN = """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stElementContainer"]')]
  .filter(e => !e.querySelector('.stBidiComponent') && e.offsetWidth * e.offsetHeight > 0).map(e => e.innerText)"""


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def coleman(tmp_path_factory) -> pathlib.Path:
    """The Coleman sample with the team's notes on Alışma (acclimate): assumed emotion, lanes (one with HTML in
    it), the support line marked as a moment that matters."""
    from cjm.ingest import samples
    from cjm.store import close_workspace, open_workspace
    from cjm.store.notes import set_assumed, set_lane, set_moment

    path = tmp_path_factory.mktemp("present") / "coleman.duckdb"
    ws = open_workspace(path)
    samples.load_all(ws, keys=["coleman"])
    for key in ("assess", "admit", "affirm", "activate", "acclimate"):
        set_assumed(ws, key, "as_is", 1)
    set_moment(ws, "Destek hattı araması", True)
    set_lane(ws, "acclimate", "goals", "Müşteri ilk faturasını kendi başına kesebilsin")
    set_lane(ws, "acclimate", "thoughts", "Yardıma ihtiyacım olduğunda kimse telefonu açmıyor")
    set_lane(ws, "acclimate", "owner", HOSTILE)
    close_workspace(ws)
    return path


@pytest.fixture(scope="module")
def server(coleman):
    """One server for the three languages; its log must hold no traceback."""
    srv = Server(coleman).start()
    yield srv
    log = srv.stop()
    assert "Traceback" not in log, log[-3000:]


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def _slide(page, n: int):
    return page.locator(".deck .slide").nth(n)


@pytest.mark.parametrize("lang", ["en", "tr", "ro"])
def test_present_step_reload_and_leave(browser, server, lang):
    SHOTS.mkdir(parents=True, exist_ok=True)
    requests: list[str] = []
    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    ctx.on("request", lambda r: requests.append(r.url))
    ctx.on("websocket", lambda w: requests.append(w.url))
    try:
        page = ctx.new_page()
        page.goto(f"{server.url}/?lang={lang}")
        _settle(page, timeout=60_000)
        page.get_by_role("button", name=t("mapview.present", lang=lang)).click()
        _slide(page, 0).wait_for(state="visible", timeout=10_000)
        page.wait_for_url(lambda u: _query(u).get("stage") == ["0"] and _query(u).get("present") == ["1"])
        assert page.locator('[data-testid="stSidebar"]').is_hidden()
        assert page.locator('header[data-testid="stHeader"]').is_hidden()
        assert page.get_by_role("button", name=t("mapview.present", lang=lang)).is_hidden()
        page.wait_for_timeout(300)
        page.screenshot(path=str(SHOTS / f"present_{lang}_0.png"))
        _check_slide(page, lang)

        for n in (1, 2, 3):
            page.keyboard.press("ArrowRight")
            _slide(page, n).wait_for(state="visible", timeout=2_000)
            page.wait_for_url(lambda u, n=n: _query(u).get("stage") == [str(n)], timeout=5_000)
            page.wait_for_timeout(300)  # the server's answer to the step arrives and changes nothing
            assert _slide(page, n).is_visible() and _slide(page, n - 1).is_hidden()
            page.screenshot(path=str(SHOTS / f"present_{lang}_{n}.png"))
            _check_slide(page, lang)

        # the address says where: a reload opens the same slide; the on-screen buttons step too
        page.reload()
        _slide(page, 3).wait_for(state="visible", timeout=30_000)
        page.get_by_role("button", name=t("present.prev", lang=lang)).click()
        _slide(page, 2).wait_for(state="visible", timeout=2_000)
        page.wait_for_url(lambda u: _query(u).get("stage") == ["2"], timeout=5_000)

        # Alışma (acclimate, slide 5): the team's text with HTML in it reads as typed, nothing of it is markup
        for _ in range(3):
            page.get_by_role("button", name=t("present.next", lang=lang)).click()
        _slide(page, 5).wait_for(state="visible", timeout=2_000)
        page.wait_for_timeout(300)
        page.screenshot(path=str(SHOTS / f"present_{lang}_5.png"))
        assert HOSTILE in page.evaluate(_SHOWN_TEXT)
        assert page.locator(".deck b, .deck img").count() == 0
        assert page.locator(".deck .touch li.moment").count() == 1  # the support line stands out
        _check_slide(page, lang)

        if lang == "ro":  # the on-screen button leaves as Esc does
            page.get_by_role("button", name=t("present.leave", lang=lang)).click()
        else:
            page.keyboard.press("Escape")
        page.locator(".deck").wait_for(state="detached", timeout=10_000)
        page.wait_for_url(lambda u: "present" not in _query(u) and "stage" not in _query(u), timeout=5_000)
        _settle(page)
        assert page.locator('[data-testid="stSidebar"]').is_visible()
        assert page.get_by_role("button", name=t("mapview.present", lang=lang)).is_visible()
    finally:
        ctx.close()
    assert len(requests) > 10 and [u for u in requests if _outside(u)] == []


def _check_slide(page, lang: str) -> None:
    """Every text on the slide on screen (and the bar) at least 24 px; nothing technical; no element of the app
    but the deck visible."""
    sizes = page.evaluate(_TEXT_SIZES)
    assert sizes and [(text, px) for text, px in sizes if px < 24] == []
    shown = page.evaluate(_SHOWN_TEXT).replace(HOSTILE, "")
    for word in ("None", "nan", "NaN", "null", "undefined", "n/a", "as_is", "acclimate", "coleman-8", "{", "}", "_"):
        assert word not in shown.split() and (len(word) > 1 or word not in shown), (lang, word, shown)
    assert page.evaluate(_OTHERS_SHOWN) == []
