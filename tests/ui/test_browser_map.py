"""The journey map grid in Debian's Chromium at 1280×720, sidebar collapsed, as a facilitator shows it: the Coleman
sample (8 stages) in English, Turkish and Romanian — no text overflowing its box, no word split across lines —,
a team cell edited in the grid, the assumed emotion set on it and a moment marked, all still there after a server
restart; and a 12-stage map that scrolls sideways with its lane labels frozen.

Screenshots land in /tmp/shots/map_*.png (and artifacts/screenshots/). Skipped like tests/ui/test_browser.py when
Chromium or playwright is missing.
"""

from __future__ import annotations

import pathlib
import shutil
import time

import pytest

from tests.ui.test_browser import ARGS, CHROMIUM, SHOTS, Server, _choose, sync_playwright

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OUT = pathlib.Path("/tmp/shots")

#: For every text element of the grid: its text fits its box (scrollWidth <= clientWidth), and every word of it
#: lies on one line (a Range over the word has one client rectangle). Returns what is wrong.
LAYOUT_JS = """
(root) => {
  const bad = [];
  const els = root.querySelectorAll('.fit, .name, .section-text, .hint, .value');
  for (const e of els) {
    if (e.scrollWidth > e.clientWidth + 1) bad.push('overflows its box: ' + e.textContent);
    const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const re = /\\S+/g;
      let m;
      while ((m = re.exec(node.data))) {
        const r = document.createRange();
        r.setStart(node, m.index);
        r.setEnd(node, m.index + m[0].length);
        const lines = [...r.getClientRects()].filter((x) => x.width > 0).length;
        if (lines !== 1) bad.push('word on ' + lines + ' lines: ' + m[0]);
      }
    }
  }
  return {checked: els.length, bad};
}
"""


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _quiet(page, timeout: float = 60) -> None:
    """Wait until the page has a title and no script has run for 1.6 s (works with the sidebar collapsed)."""
    page.wait_for_selector("h1", timeout=60_000)
    deadline, quiet = time.time() + timeout, 0
    while time.time() < deadline:
        busy = page.locator('[data-testid="stStatusWidget"]').count() > 0 or \
            page.locator('[data-testid="stSkeleton"]').count() > 0
        quiet = 0 if busy else quiet + 1
        if quiet >= 8:
            return
        page.wait_for_timeout(200)
    raise AssertionError("the app kept running for longer than the timeout")


def _collapse(page) -> None:
    page.locator('[aria-label="Collapse sidebar"]').first.dispatch_event("click")
    page.locator('[data-testid="stExpandSidebarButton"]').wait_for(timeout=10_000)
    page.wait_for_timeout(600)  # the slide-out, then the grid fits its new width


def _expand(page) -> None:
    page.locator('[data-testid="stExpandSidebarButton"]').click()
    page.locator('[data-testid="stSidebarNavLink"]').first.wait_for(timeout=10_000)
    page.wait_for_timeout(400)


def _language(page, label: str, name: str) -> None:
    _expand(page)
    _choose(page, label, name)
    _quiet(page)
    _collapse(page)


def _grid(page):
    grid = page.locator(".cjm-map").first
    grid.wait_for(timeout=30_000)
    return grid


def _check_layout(page, lang: str) -> None:
    result = _grid(page).evaluate(LAYOUT_JS)
    assert result["checked"] > 100, result  # the whole grid was looked at
    assert result["bad"] == [], (lang, result["bad"])


def _shoot(page, name: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUT / f"map_{name}.png"))
    page.set_viewport_size({"width": 1280, "height": 1900})  # the page scrolls inside: show the whole map too
    page.wait_for_timeout(600)
    page.screenshot(path=str(OUT / f"map_{name}_full.png"))
    page.set_viewport_size({"width": 1280, "height": 720})
    page.wait_for_timeout(600)
    for f in (f"map_{name}.png", f"map_{name}_full.png"):
        shutil.copy(OUT / f, SHOTS / f)


KPI = "%80 dönüşüm, 2 hafta içinde"
GOAL = "Bize güvenilir, hızlı cevap veren ve işimizi gerçekten anlayan bir çözüm ortağı lazım; fiyat ikinci planda"


def test_coleman_map_in_three_languages_fits_and_keeps_the_team_edits(browser, tmp_path):
    server = Server(tmp_path / "ws.duckdb").start()
    try:
        page = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
        page.goto(server.url + "/")
        _quiet(page)
        page.get_by_role("button", name="Load sample data").click()
        _quiet(page, timeout=120)
        page.locator('[data-testid="stSidebar"] [data-testid="stExpander"] summary').first.click()
        _choose(page, "Open workspace", "sample-coleman")
        _quiet(page)
        _collapse(page)
        assert _grid(page).locator(".stage-head").count() == 8
        _check_layout(page, "en")
        _shoot(page, "en")

        _language(page, "Language", "Türkçe")
        _check_layout(page, "tr")
        # a team cell: click, write, Ctrl+Enter saves it
        cell = _grid(page).locator(".cell.team.goals .display").first
        cell.click()
        editor = _grid(page).locator(".cell.team.goals textarea").first
        editor.fill(GOAL)
        editor.press("Control+Enter")
        _quiet(page)
        shown = _grid(page).locator(".cell.team.goals .display").first
        assert shown.get_attribute("title") == GOAL  # the whole text on hover
        assert shown.inner_text().endswith("…") and GOAL.startswith(shown.inner_text()[:-1].rstrip())  # elided
        # the team's assumed emotion (as is) at the fifth stage: + twice -> +1,0, drawn as a marker on the plot
        plus = _grid(page).locator(".assumed.as_is").nth(4).locator("button.step").nth(1)
        plus.click()
        _quiet(page)
        plus.click()
        _quiet(page)
        assert _grid(page).locator(".assumed.as_is .value").nth(4).inner_text() == "+1,0"
        assert _grid(page).locator(".dot.as-is").evaluate_all("ds => ds.map(d => d.dataset.value)") == ["1"]
        # ... and at the second stage by clicking the level −1 in the plot itself
        col = _grid(page).locator(".plot-col").nth(1)
        box = col.bounding_box()
        assert box is not None
        col.click(position={"x": box["width"] / 2, "y": box["height"] * (50 + 21) / 100})
        _quiet(page)
        assert sorted(_grid(page).locator(".dot.as-is").evaluate_all("ds => ds.map(d => d.dataset.value)")) == \
            ["-1", "1"]
        assert _grid(page).locator(".assumed.as_is .value").nth(1).inner_text() == "−1,0"
        assert page.get_by_text("Ekip", exact=False).filter(has_text="bekliyor").count() >= 1  # the gap sentence
        # a moment that matters: the first touchpoint's star
        star = _grid(page).locator(".touchpoints button.star").first
        star.click()
        _quiet(page)
        assert _grid(page).locator(".touchpoints .item.moment").count() >= 1
        assert _grid(page).locator(".touchpoints button.star").first.get_attribute("aria-pressed") == "true"
        # leaving a cell saves it too: write a KPI, then click straight into another cell, which opens at once
        _grid(page).locator(".cell.team.kpi .display").nth(1).click()
        _grid(page).locator(".cell.team.kpi textarea").fill(KPI)
        _grid(page).locator(".cell.team.actions .display").nth(2).click()
        assert _grid(page).locator(".cell.team.actions textarea").count() == 1
        _quiet(page)
        assert _grid(page).locator(".cell.team.actions textarea").count() == 1  # still open after the save's rerun
        page.keyboard.press("Escape")  # nothing written there: nothing saved
        _quiet(page)
        assert _grid(page).locator(".cell.team textarea").count() == 0
        assert _grid(page).locator(".cell.team.kpi .display").nth(1).get_attribute("title") == KPI
        _check_layout(page, "tr (edited)")
        _shoot(page, "tr")

        _language(page, "Dil", "Română")
        _check_layout(page, "ro")
        _shoot(page, "ro")
        page.close()
    finally:
        log = server.stop()
    assert "Traceback" not in log, log[-3000:]

    # a restart: the edits are in the workspace
    server = Server(tmp_path / "sample-coleman.duckdb").start()
    try:
        page = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
        page.goto(server.url + "/")
        _quiet(page)
        grid = _grid(page)
        assert grid.locator(".cell.team.goals .display").first.get_attribute("title") == GOAL
        assert grid.locator(".assumed.as_is .value").nth(4).inner_text() == "+1.0"
        assert sorted(grid.locator(".dot.as-is").evaluate_all("ds => ds.map(d => d.dataset.value)")) == ["-1", "1"]
        assert grid.locator(".touchpoints button.star").first.get_attribute("aria-pressed") == "true"
        assert grid.locator(".cell.team.kpi .display").nth(1).get_attribute("title") == KPI
        assert grid.locator(".cell.team.actions .display").nth(2).get_attribute("title") != ""  # (its label)
        page.close()
    finally:
        log = server.stop()
    assert "Traceback" not in log, log[-3000:]


def test_twelve_stages_scroll_sideways_with_the_lane_labels_frozen(browser, tmp_path):
    from cjm.core.stage_model import custom
    from cjm.ingest import import_file
    from cjm.store import close_workspace, open_workspace

    stages = [f"Stage {i + 1} of the customer relationship" for i in range(12)]
    rows = "".join(f"c{c},2026-01-{1 + j:02d},{stages[j]},Touchpoint with a rather long name {j},Channel {j % 3},"
                   f"{(c + j) % 5 - 2}\n" for c in range(40) for j in range(1 + c % 12))
    path = tmp_path / "twelve.duckdb"
    ws = open_workspace(path)
    import_file(ws, ("id,date,stage,touchpoint,channel,emotion\n" + rows).encode(), file_name="twelve.csv",
                model=custom(stages))
    close_workspace(ws)
    server = Server(path).start()
    try:
        page = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
        page.goto(server.url + "/")
        _quiet(page)
        _collapse(page)
        grid = _grid(page)
        assert grid.locator(".stage-head").count() == 12
        _check_layout(page, "12 stages")
        scroller = grid.locator(".scroller")
        assert scroller.evaluate("s => s.scrollWidth > s.clientWidth")  # wider than the screen: it scrolls
        label = grid.locator(".lane-label").nth(2)
        before = label.bounding_box()
        last = grid.locator(".stage-head").nth(11)
        assert last.bounding_box()["x"] > 1280  # off screen before scrolling
        scroller.evaluate("s => { s.scrollLeft = s.scrollWidth; }")
        page.wait_for_timeout(300)
        after = label.bounding_box()
        assert before is not None and after is not None and abs(after["x"] - before["x"]) < 1  # frozen
        assert last.bounding_box()["x"] + last.bounding_box()["width"] <= 1280  # now in view
        assert grid.locator(".hint").inner_text() == "12 stages: scroll sideways to see them all."
        _shoot(page, "12_stages")
        # three quick clicks, faster than a rerun: all three are saved (+1.5), as a reload shows
        plus = grid.locator(".assumed.as_is").nth(11).locator("button.step").nth(1)
        for _ in range(3):
            plus.click()
        _quiet(page)
        assert grid.locator(".assumed.as_is .value").nth(11).inner_text() == "+1.5"
        page.reload()
        _quiet(page)
        assert _grid(page).locator(".assumed.as_is .value").nth(11).inner_text() == "+1.5"
        page.close()
    finally:
        log = server.stop()
    assert "Traceback" not in log, log[-3000:]
