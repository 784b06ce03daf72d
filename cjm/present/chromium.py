"""PDF and PNG from an HTML export, drawn by a local Chromium in headless mode (the same browser the tests use).

Why Chromium: the HTML report's charts are drawn by plotly.js, so only a browser engine prints them as they look
on screen; Chromium's print-to-PDF honours the report's print CSS (A4 landscape, page breaks) and is already
installed for the browser tests (``apt-get install chromium``). Pure-Python PDF libraries (WeasyPrint, ReportLab)
run no JavaScript and would need every chart drawn a second way. The browser runs with networking features off
and the page itself forbids every request (its Content-Security-Policy), so nothing leaves the machine.

The browser is ``$CJM_CHROMIUM`` or the first of ``chromium``, ``chromium-browser``, ``google-chrome`` on the PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from cjm.errors import CJMError

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync",
         "--disable-component-update", "--no-first-run", "--disable-extensions", "--hide-scrollbars",
         "--run-all-compositor-stages-before-draw", "--virtual-time-budget=20000", "--force-device-scale-factor=1"]
TIMEOUT_S = 180


def browser() -> str:
    """The Chromium to use; a :class:`~cjm.errors.CJMError` saying how to install one when there is none."""
    wanted = os.environ.get("CJM_CHROMIUM")
    if wanted:
        if Path(wanted).is_file():
            return wanted
        raise CJMError("export.chromium_missing", path=wanted)
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise CJMError("export.no_chromium")


def _run(args: list[str], out: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="cjm-chromium-") as profile:
        cmd = [browser(), *FLAGS, f"--user-data-dir={profile}", *args]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise CJMError("export.chromium_timeout", seconds=TIMEOUT_S) from None
    if done.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise CJMError("export.chromium_failed", detail=detail[0][:300])


def _page(html: str, folder: str) -> Path:
    page = Path(folder) / "page.html"
    page.write_text(html, encoding="utf-8")
    return page


def html_to_pdf(html: str, path: str | os.PathLike) -> Path:
    """Print *html* to the PDF file *path* (A4 landscape as the page's CSS asks); returns the path."""
    out = Path(path).resolve()
    out.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="cjm-html-") as folder:
        page = _page(html, folder)
        _run(["--no-pdf-header-footer", f"--print-to-pdf={out}", page.as_uri()], out)
    return out


def html_to_png(html: str, path: str | os.PathLike, *, width: int, height: int) -> Path:
    """Draw *html* in a window of *width* × *height* CSS pixels and save it as the PNG file *path*."""
    out = Path(path).resolve()
    out.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="cjm-html-") as folder:
        page = _page(html, folder)
        _run([f"--window-size={width},{height}", f"--screenshot={out}", page.as_uri()], out)
    return out
