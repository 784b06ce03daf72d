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

ROOT = pathlib.Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "artifacts" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]

pytestmark = pytest.mark.browser

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

    def start(self) -> "Server":
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
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        out = self.proc.stdout.read().decode("utf-8", "replace") if self.proc and self.proc.stdout else ""
        return out


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
    """Wait until the script has finished running (no running status widget)."""
    page.wait_for_timeout(300)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=timeout)
    page.wait_for_timeout(200)


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
        page.get_by_label("Stage model").click()
        page.get_by_role("option", name="coleman-8").click()
        _settle(page)
        page.locator('input[type="file"]').set_input_files(str(xlsx))
        _settle(page)
        field = page.get_by_label("Field for column Süreç Adımı")
        field.click()
        page.get_by_role("option", name="stage", exact=True).click()
        _settle(page)
        page.get_by_role("button", name="Import", exact=True).click()
        _settle(page)
        expect(page.get_by_text("8 rows loaded, 0 rejected (of 8 read).", exact=False)).to_be_visible(timeout=30_000)
        page.screenshot(path=str(SHOTS / "e2e_import_done.png"))

        # Funnel: customers reaching "Assess" (furthest-stage semantics) = all 5 customers
        # (001 Kabul, 002 Değerlendirme, 003 Onaylama, 004 Değerlendirme, 005 Kabul).
        page.goto(server.url + "/funnel")
        _settle(page)
        first = page.locator(".funnel text, g.funnel text").first
        expect(first).to_have_text("5 (100%)", timeout=20_000)

        page.goto(server.url + "/map")
        _settle(page)
        box = page.get_by_label("Goals at Assess")
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
        page.goto(server.url + "/map")
        _settle(page)
        expect(page.get_by_label("Goals at Assess")).to_have_value("Bize güvenilir bir ortak lazım", timeout=20_000)
        page.close()
    finally:
        server.stop()


PAGE_PATHS = ["map", "import", "funnel", "channels", "emotions", "pain-points", "what-if", "settings"]


def test_screenshots_of_every_page_with_sample_data(browser, tmp_path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    server = Server(tmp_path / "ws.duckdb").start()
    try:
        page = _page(browser)
        page.goto(server.url + "/map")
        _settle(page)
        page.get_by_role("button", name="Load sample data").click()
        _settle(page, timeout=120_000)
        for path in PAGE_PATHS:
            page.goto(server.url + "/" + path)
            _settle(page, timeout=60_000)
            assert page.locator('[data-testid="stException"]').count() == 0, path
            page.screenshot(path=str(SHOTS / f"{path}.png"))
            page.screenshot(path=str(SHOTS / f"{path}_full.png"), full_page=True)
        page.close()
    finally:
        log = server.stop()
    assert "Traceback" not in log, log[-3000:]
