"""End to end in Debian's Chromium against a real ``streamlit run`` on a free localhost port.

Skipped when /usr/bin/chromium or playwright is missing, unless CJM_REQUIRE_BROWSER=1 (CI), where that fails.
Screenshots of every page land in ``artifacts/screenshots/``.
"""

from __future__ import annotations

import contextlib
import os
import pathlib
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "artifacts" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]

pytestmark = [pytest.mark.browser, pytest.mark.slow]

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover
    sync_playwright = None

if not (os.path.exists(CHROMIUM) and sync_playwright):
    if os.environ.get("CJM_REQUIRE_BROWSER") == "1":
        raise RuntimeError("CJM_REQUIRE_BROWSER=1 but /usr/bin/chromium or playwright is missing")
    pytest.skip("needs Debian's chromium at /usr/bin/chromium and playwright", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, workspace: pathlib.Path):
        self.workspace = workspace
        self.proc: subprocess.Popen | None = None
        self.url = ""

    def start(self) -> Server:
        port = _free_port()
        env = {**os.environ, "CJM_WORKSPACE": str(self.workspace)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.headless", "true", "--server.address", "127.0.0.1"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.time() + 60
        while time.time() < deadline:
            with contextlib.suppress(OSError):
                if urllib.request.urlopen(self.url + "/_stcore/health", timeout=2).status == 200:
                    return self
            time.sleep(0.3)
        self.stop()
        raise RuntimeError("streamlit did not start")

    def stop(self) -> str:
        """Stop the server; its output (for checking that no traceback was printed)."""
        if not self.proc:
            return ""
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            out, _ = self.proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, _ = self.proc.communicate()
        return out.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    return ctx.new_page()


def _settle(page, timeout: float = 30_000) -> None:
    """Wait until the app has rendered, no script is running (no status widget for 1.6 s) and charts are drawn."""
    page.wait_for_selector('[data-testid="stSidebarNavLink"]', timeout=max(timeout, 60_000))
    deadline = time.time() + timeout / 1000
    quiet = 0
    while time.time() < deadline:
        busy = page.locator('[data-testid="stStatusWidget"]').count() > 0 or \
            page.locator('[data-testid="stSkeleton"]').count() > 0
        quiet = 0 if busy else quiet + 1
        if quiet >= 8:
            charts = page.locator('[data-testid="stPlotlyChart"]:visible')  # a chart in a hidden tab is drawn later
            for i in range(charts.count()):
                charts.nth(i).locator(".main-svg").first.wait_for(timeout=timeout)
            return
        page.wait_for_timeout(200)
    raise AssertionError("the app kept running for longer than the timeout")


def _choose(page, combobox: str, option: str) -> None:
    """Pick *option* in the selectbox labelled *combobox* (retried: a rerun can close an open list)."""
    for attempt in range(3):
        page.get_by_role("combobox", name=combobox).click()
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=10_000)
            _settle(page)
            return
        except Exception:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
            _settle(page)


def _make_turkish_xlsx(path: pathlib.Path) -> None:
    """5 customers in Coleman's stages, Turkish headers; 'Süreç Adımı' is a header the guesser does not know."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Rapor"
    ws.append(["Müşteri Yolculuğu Raporu 2025"])
    ws.append([])
    ws.append(["Müşteri No", "Tarih", "Süreç Adımı", "Kanal", "Memnuniyet", "Yorum"])
    rows = [
        ("001", "02.01.2025", "Değerlendirme", "Telefon", "4", "İlk görüşme iyiydi"),
        ("001", "09.01.2025", "Kabul", "E-posta", "5", "Hızlı teklif"),
        ("002", "03.01.2025", "Değerlendirme", "Yüz yüze", "3", ""),
        ("003", "04.01.2025", "Değerlendirme", "Telefon", "2", "Geri dönüş yavaş"),
        ("003", "20.01.2025", "Kabul", "E-posta", "3", ""),
        ("003", "28.01.2025", "Onaylama", "Video", "4", "Toplantı verimli"),
        ("004", "05.01.2025", "Değerlendirme", "Hediye", "5", ""),
        ("005", "06.01.2025", "Kabul", "Telefon", "1", "Fiyat yüksek"),
    ]
    for r in rows:
        ws.append(list(r))
    wb.save(path)


def test_import_fix_mapping_funnel_lane_survives_restart(browser, tmp_path):
    xlsx = tmp_path / "musteri_yolculugu.xlsx"
    _make_turkish_xlsx(xlsx)
    server = Server(tmp_path / "ws.duckdb").start()
    try:
        page = _page(browser)
        page.goto(server.url + "/import")
        _settle(page)
        _choose(page, "Stage model", "The 8 stages of the customer experience (Coleman)")
        page.locator('input[type="file"]').set_input_files(str(xlsx))
        _settle(page)
        _choose(page, "Field for column Süreç Adımı", "Stage")
        page.get_by_role("button", name="Import", exact=True).click()
        _settle(page)
        expect(page.get_by_text("8 rows loaded, 0 rejected (of 8 read).", exact=False)).to_be_visible(timeout=30_000)
        page.screenshot(path=str(SHOTS / "e2e_import_done.png"))

        # Funnel: customers reaching "Assess" (furthest-stage semantics) = all 5 customers
        # (001 Kabul, 002 Değerlendirme, 003 Onaylama, 004 Değerlendirme, 005 Kabul).
        page.goto(server.url + "/funnel")
        _settle(page)
        first = page.locator("text.bartext").first
        expect(first).to_have_text("5 (100%)", timeout=20_000)

        page.goto(server.url + "/")
        _settle(page)
        page.get_by_role("button", name="Goals at Assess").click()  # a cell of the map grid: click, write, leave
        box = page.get_by_role("textbox", name="Goals at Assess")
        box.fill("Bize güvenilir bir ortak lazım")
        box.press("Tab")
        _settle(page)
        expect(page.get_by_text("Saved.")).to_be_visible(timeout=10_000)
        page.close()
    finally:
        server.stop()

    server = Server(tmp_path / "ws.duckdb").start()
    try:
        page = _page(browser)
        page.goto(server.url + "/")
        _settle(page)
        expect(page.get_by_role("button", name="Goals at Assess")).to_have_text("Bize güvenilir bir ortak lazım",
                                                                                timeout=20_000)
        page.close()
    finally:
        server.stop()


PAGE_PATHS = ["", "import", "funnel", "channels", "emotions", "pain-points", "what-if", "settings"]


def test_screenshots_of_every_page_with_sample_data(browser, tmp_path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    server = Server(tmp_path / "ws.duckdb").start()
    try:
        page = _page(browser)
        page.goto(server.url + "/")
        _settle(page)
        page.get_by_role("button", name="Load sample data").click()
        _settle(page, timeout=120_000)
        for path in PAGE_PATHS:
            page.goto(server.url + "/" + path)
            _settle(page, timeout=60_000)
            assert page.locator('[data-testid="stException"]').count() == 0, path
            page.screenshot(path=str(SHOTS / f"{path or 'journey_map'}.png"))
            page.set_viewport_size({"width": 1280, "height": 2600})  # Streamlit scrolls inside; show it all
            page.wait_for_timeout(800)
            page.screenshot(path=str(SHOTS / f"{path or 'journey_map'}_full.png"))
            page.set_viewport_size({"width": 1280, "height": 720})

        # What if: drag the first conversion slider with the keyboard; the won-customers tile must move up.
        page.goto(server.url + "/what-if")
        _settle(page, timeout=60_000)
        tile = page.locator('[data-testid="stMetric"]').filter(has_text="Won customers")
        before = tile.locator('[data-testid="stMetricValue"]').inner_text()
        slider = page.get_by_role("slider").nth(1)  # 0 is the horizon; 1 is the first stage's conversion
        slider.focus()
        for _ in range(5):
            slider.press("ArrowRight")
        _settle(page)
        after = tile.locator('[data-testid="stMetricValue"]').inner_text()
        assert float(after.replace(",", "")) > float(before.replace(",", "")), (before, after)
        expect(tile.locator('[data-testid="stMetricDelta"]')).to_contain_text("+")
        page.screenshot(path=str(SHOTS / "what-if_moved.png"))
        page.close()
    finally:
        log = server.stop()
    assert "Traceback" not in log, log[-3000:]


LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def _outside(url: str) -> bool:
    """A URL that would leave the machine (data:, blob: and about: never do)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome", "chrome-extension"):
        return False
    return parts.hostname not in LOOPBACK


def test_no_request_leaves_the_machine(browser, tmp_path):
    """Every request Chromium makes (pages, scripts, fonts, the page icon, WebSockets) while the sample data is loaded
    and every page is visited goes to 127.0.0.1; no element of a page points elsewhere either."""
    server = Server(tmp_path / "ws.duckdb").start()
    requests: list[str] = []
    try:
        ctx = browser.new_context(viewport={"width": 1280, "height": 720})
        ctx.on("request", lambda r: requests.append(r.url))
        page = ctx.new_page()
        page.on("websocket", lambda w: requests.append(w.url))
        page.goto(server.url + "/")
        _settle(page)
        page.get_by_role("button", name="Load sample data").click()
        _settle(page, timeout=120_000)
        linked: list[str] = []
        for path in PAGE_PATHS:
            page.goto(server.url + "/" + path)
            _settle(page, timeout=60_000)
            page.wait_for_timeout(500)  # late requests (the page icon, fonts)
            linked += page.eval_on_selector_all(
                "link[href], script[src], img[src], iframe[src], source[src], video[src], audio[src]",
                "els => els.map(e => e.href || e.src)")
        icon = page.eval_on_selector("link[rel='shortcut icon']", "e => e.href")
        ctx.close()
    finally:
        log = server.stop()
    assert "Traceback" not in log, log[-3000:]
    assert len(requests) > 20 and any(u.startswith("ws://127.0.0.1") for u in requests)  # the log sees them all
    assert [u for u in requests if _outside(u)] == []
    assert [u for u in linked if _outside(u)] == []
    assert not _outside(icon), icon  # the page icon is drawn locally (an emoji), not fetched from a font server


def _websocket_handshake(port: int, host: str, origin: str | None = None) -> str:
    """The status line the server answers a WebSocket upgrade on /_stcore/stream with *host* in the Host header."""
    import base64

    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        key = base64.b64encode(os.urandom(16)).decode()
        lines = ["GET /_stcore/stream HTTP/1.1", f"Host: {host}", "Upgrade: websocket", "Connection: Upgrade",
                 f"Sec-WebSocket-Key: {key}", "Sec-WebSocket-Version: 13", "Sec-WebSocket-Protocol: streamlit"]
        if origin:
            lines.append(f"Origin: {origin}")
        s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        return s.recv(4096).decode("latin-1").split("\r\n")[0]


def test_dns_rebinding_host_is_refused(tmp_path):
    """server.allowedHosts: a WebSocket (the app's only data channel) from a page whose name was rebound to
    127.0.0.1 is refused with 403; the loopback names are accepted (101)."""
    server = Server(tmp_path / "ws.duckdb").start()
    try:
        port = int(server.url.rsplit(":", 1)[1])
        refused = [_websocket_handshake(port, "rebind.example"),
                   _websocket_handshake(port, f"rebind.example:{port}", origin=f"http://rebind.example:{port}"),
                   _websocket_handshake(port, f"localhost.rebind.example:{port}")]
        accepted = [_websocket_handshake(port, f"127.0.0.1:{port}", origin=server.url),
                    _websocket_handshake(port, f"localhost:{port}", origin=f"http://localhost:{port}")]
    finally:
        server.stop()
    assert [line.split(" ", 2)[1] for line in refused] == ["403", "403", "403"], refused
    assert [line.split(" ", 2)[1] for line in accepted] == ["101", "101"], accepted


def test_addresses_in_a_label_are_not_links(browser, tmp_path):
    """A stage named with a web address and an e-mail reaches the what-if slider labels (markdown) as typed, and
    Streamlit's markdown makes no link of them: ui.plain escapes them and puts an invisible WORD JOINER after
    "http"/"www" and before "@"."""
    from cjm.core.stage_model import custom
    from cjm.ingest import import_file
    from cjm.store import close_workspace, open_workspace

    path = tmp_path / "links.duckdb"
    stages = ["see http://e.com", "mail a@b.com", "www.e.com"]
    ws = open_workspace(path)
    rows = "".join(f"c{i},2026-01-0{1 + j},{stages[j]}\n" for i in range(6) for j in range(1 + i % 3))
    import_file(ws, ("id,date,stage\n" + rows).encode(), file_name="links.csv", model=custom(stages))
    close_workspace(ws)
    server = Server(path).start()
    try:
        page = _page(browser)
        page.goto(server.url + "/what-if")
        _settle(page)
        label = page.locator('[data-testid="stWidgetLabel"]').filter(has_text="e.com").first
        expect(label).to_be_visible(timeout=20_000)
        shown = label.inner_text().replace("\u2060", "")
        assert shown.startswith("see http://e.com → mail a@b.com (now "), shown  # reads as typed
        assert page.locator("a[href*='e.com'], a[href^='mailto:']").count() == 0  # and no link anywhere
        page.close()
    finally:
        out = server.stop()
    assert "Traceback" not in out


def test_import_goes_on_while_the_user_is_on_another_page(browser, tmp_path):
    """Issue 14: a big import started on the Import page, the user goes to the funnel mid-import (the sidebar says
    it is running), the import completes in the background; the sidebar's link leads back to its report."""
    from bench.imports import make_csv

    csv = make_csv(tmp_path / "big_events.csv", 2_000_000)  # ~140 MB: several seconds of import
    server = Server(tmp_path / "ws.duckdb").start()
    try:
        page = _page(browser)
        page.goto(server.url + "/import")
        _settle(page)
        _choose(page, "Stage model", "5 stages, awareness to advocacy")
        page.locator('input[type="file"]').set_input_files(str(csv))
        _settle(page, timeout=120_000)
        page.get_by_role("button", name="Import", exact=True).click()
        expect(page.get_by_role("button", name="Cancel the import")).to_be_visible(timeout=60_000)
        page.locator('[data-testid="stSidebarNavLink"]', has_text="Funnel").click()  # leave mid-import
        sidebar = page.locator('[data-testid="stSidebar"]')
        expect(sidebar.get_by_text("Import of big_events.csv running", exact=False)).to_be_visible(timeout=30_000)
        page.screenshot(path=str(SHOTS / "e2e_import_running_elsewhere.png"))
        expect(sidebar.get_by_text("Import of big_events.csv finished")).to_be_visible(timeout=180_000)
        sidebar.get_by_role("button", name="Open the Import page").click()
        expect(page.get_by_text("big_events.csv: 2,000,000 rows loaded, 0 rejected (of 2,000,000 read).")) \
            .to_be_visible(timeout=60_000)
        page.screenshot(path=str(SHOTS / "e2e_import_finished_in_background.png"))
        page.close()
    finally:
        out = server.stop()
    assert "Traceback" not in out, out
