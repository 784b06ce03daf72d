"""Server time to render each dashboard page on the sample data (Streamlit AppTest, no browser).

    python -m bench pages

Prints one row per page: the first render (cold caches) and the median of 5 reruns (warm caches, as when a
facilitator clicks around). A table, not an assertion: the target is < 1 s per page on the sample data.
Lives outside cjm/ because it imports streamlit.
"""

from __future__ import annotations

import argparse
import pathlib
import statistics
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = ["journey_map", "import_page", "funnel_page", "channels_page", "emotions_page", "pain_points_page",
         "what_if_page", "settings_page"]


def quiet() -> None:
    """No "missing ScriptRunContext" lines between the rows of a table (every streamlit logger, not only the root
    one: streamlit gives each of its loggers a level of its own)."""
    from streamlit import config, logger

    config.set_option("logger.level", "error")  # AppTest reads the config again and sets the level from it
    logger.set_log_level("error")


def open_app(path: str | pathlib.Path, page: str, *, timeout: float = 120):
    """An AppTest of ``app.py`` on the workspace at *path*, switched to ``app_pages/<page>.py`` but not yet run there.

    AppTest follows ``switch_page`` only after a first run (before it, every page renders as the default one), so
    the app runs once on its default page here; the caller times the next ``run()``.
    """
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    at.session_state["workspace_path"] = str(path)
    at.run()
    at.switch_page(f"app_pages/{page}.py")
    return at


def timed_run(at) -> float:
    """Seconds of one script run (the server time of one rerun, without a browser)."""
    t0 = time.perf_counter()
    at.run()
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench pages", description=__doc__.splitlines()[0])
    ap.add_argument("--reruns", type=int, default=5, help="warm reruns timed per page (median shown)")
    args = ap.parse_args(argv)
    quiet()

    import streamlit as st

    from cjm.ingest import samples as sample
    from cjm.store import close_workspace, open_workspace

    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "bench.duckdb"
        ws = open_workspace(path)
        sample.load_all(ws, keys=["hinge"])
        close_workspace(ws)
        print(f"{'page':<20}{'first render s':>16}{f'warm rerun s (median of {args.reruns})':>30}  rendered")
        for page in PAGES:
            at = open_app(path, page)
            st.cache_data.clear()  # cold: the first run on the default page filled some caches
            first = timed_run(at)
            warm = [timed_run(at) for _ in range(args.reruns)]
            shown = "error" if at.exception else at.title[0].value if len(at.title) else "?"
            print(f"{page:<20}{first:>16.3f}{statistics.median(warm):>30.3f}  {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
