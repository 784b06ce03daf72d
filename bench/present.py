"""Presentation mode as the room sees it: entering, each step, leaving — timed in Debian's Chromium at 1280×720
against a real ``streamlit run app.py`` on a free localhost port.

    python -m bench present [--rounds 3] [--events 1000000]

One row per action: the median and the slowest of all rounds, measured from Playwright (the key press or click
to the slide on screen; so each figure includes Playwright's own round trip to the browser). "in the page" is
the same step timed inside the browser, from the key event to the second frame drawn after it. "address" is the
time until the browser's address shows the new ``stage=N`` (the server's answer to the step). Workspaces: the
Coleman sample (8 stages), and with ``--events N`` a generated workspace of N events (five stages). A table, not
an assertion: the targets are entering < 1 s, each step < 0.3 s.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pathlib
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from urllib.parse import parse_qs, urlsplit

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


@contextlib.contextmanager
def server(workspace: pathlib.Path) -> Iterator[str]:
    """``streamlit run app.py`` on *workspace* at a free port; yields its address."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                             "--server.headless", "true", "--server.address", "127.0.0.1"],
                            cwd=ROOT, env={**os.environ, "CJM_WORKSPACE": str(workspace)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            with contextlib.suppress(OSError):
                if urllib.request.urlopen(url + "/_stcore/health", timeout=2).status == 200:
                    break
            time.sleep(0.3)
        else:
            raise RuntimeError("streamlit did not start")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def coleman(folder: pathlib.Path) -> pathlib.Path:
    """The Coleman sample with the team's assumed emotion and a lane, so the slides carry everything."""
    from cjm.ingest import samples
    from cjm.store import close_workspace, open_workspace
    from cjm.store.notes import set_assumed, set_lane

    path = folder / "coleman.duckdb"
    ws = open_workspace(path)
    samples.load_all(ws, keys=["coleman"])
    model = ws.stage_model()
    assert model is not None  # the sample sets its own
    for stage in model.stages:
        set_assumed(ws, stage.key, "as_is", 1)
    set_lane(ws, "acclimate", "goals", "Müşteri ilk faturasını kendi başına kesebilsin")
    close_workspace(ws)
    return path


def generated(folder: pathlib.Path, events: int) -> pathlib.Path:
    """A workspace of *events* generated events in the five-stage model (bench.imports.make_csv)."""
    from bench.imports import make_csv
    from cjm.core.stage_model import preset
    from cjm.ingest import import_file
    from cjm.store import close_workspace, open_workspace

    csv = make_csv(folder / f"events_{events}.csv", events)
    path = folder / f"events_{events}.duckdb"
    ws = open_workspace(path)
    import_file(ws, csv.read_bytes(), file_name=csv.name, model=preset("five-stage"))
    close_workspace(ws)
    return path


#: In the page: the time from the next key press to the first frame drawn after it (the slide is on screen then)
_FRAME_AFTER_KEY = """() => {
  window.__cjmStepMs = undefined;
  document.addEventListener('keydown', (ev) => {
    const t0 = ev.timeStamp;
    requestAnimationFrame(() => requestAnimationFrame((t1) => { window.__cjmStepMs = Math.max(1e-3, t1 - t0); }));
  }, { once: true, capture: true });
}"""


def _stage(url: str) -> list[str] | None:
    return parse_qs(urlsplit(url).query).get("stage")


def _at(n: int) -> Callable[[str], bool]:
    """An address predicate: the address says slide *n*."""
    return lambda url: _stage(url) == [str(n)]


def measure(url: str, *, rounds: int, steps: int) -> dict[str, list[float]]:
    """Seconds per action over *rounds* rounds of: enter from the map page, *steps* steps forward and one back,
    Esc; then opening a slide by its address (a page load)."""
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {}

    def note(name: str, t0: float) -> None:
        times.setdefault(name, []).append(time.perf_counter() - t0)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
        page.goto(url + "/?lang=en")
        present = page.get_by_role("button", name="Present to the room")
        present.wait_for(timeout=120_000)
        page.wait_for_timeout(1000)
        slide = page.locator(".deck .slide")
        for _ in range(rounds):
            page.evaluate("() => performance.clearMeasures('cjm-deck')")
            t0 = time.perf_counter()
            present.click()
            slide.nth(0).wait_for(state="visible", timeout=30_000)
            note("enter (click → overview on screen)", t0)
            own = page.evaluate("() => performance.getEntriesByName('cjm-deck').map(e => e.duration)")
            times.setdefault("enter: the deck's own drawing (in the page)", []).append(own[0] / 1000)
            page.wait_for_url(_at(0), timeout=30_000)
            page.wait_for_timeout(300)
            for n in range(1, steps + 1):
                page.evaluate(_FRAME_AFTER_KEY)
                t0 = time.perf_counter()
                page.keyboard.press("ArrowRight")
                slide.nth(n).wait_for(state="visible", timeout=10_000)
                note("step → (slide on screen)", t0)
                in_page = page.wait_for_function("() => window.__cjmStepMs", timeout=10_000).json_value()
                times.setdefault("step → (in the page: key to next frame)", []).append(float(in_page) / 1000)
                page.wait_for_url(_at(n), timeout=10_000)
                note("step → (address, stage=N)", t0)
                page.wait_for_timeout(250)
            t0 = time.perf_counter()
            page.keyboard.press("ArrowLeft")
            slide.nth(steps - 1).wait_for(state="visible", timeout=10_000)
            note("step ← (slide on screen)", t0)
            page.wait_for_timeout(250)
            t0 = time.perf_counter()
            page.keyboard.press("Escape")
            present.wait_for(timeout=30_000)
            note("leave (Esc → map page)", t0)
            page.wait_for_timeout(500)
        for _ in range(rounds):
            t0 = time.perf_counter()
            page.goto(url + "/?lang=en&present=1&stage=2")
            slide.nth(2).wait_for(state="visible", timeout=60_000)
            note("open ?present=1&stage=2 (page load)", t0)
        browser.close()
    return times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench present", description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3, help="rounds of enter / steps / leave (default 3)")
    ap.add_argument("--steps", type=int, default=4, help="steps forward per round (default 4)")
    ap.add_argument("--events", type=int, default=0, help="also a generated workspace of this many events")
    args = ap.parse_args(argv)
    if not os.path.exists(CHROMIUM):
        print(f"error: needs Debian's chromium at {CHROMIUM}")
        return 2
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        cases = [("Coleman sample", coleman(folder), args.steps)]
        if args.events:
            cases.append((f"{args.events:,} events", generated(folder, args.events), min(args.steps, 5)))
        for name, path, steps in cases:
            with server(path) as url:
                for action, secs in measure(url, rounds=args.rounds, steps=steps).items():
                    rows.append([name, action, f"{statistics.median(secs) * 1000:.0f}", f"{max(secs) * 1000:.0f}",
                                 str(len(secs))])
    head = ["workspace", "action", "median ms", "max ms", "n"]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    for r in [head, ["-" * w for w in widths], *rows]:
        print("  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
