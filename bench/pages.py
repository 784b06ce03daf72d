"""Server time to render each dashboard page on the sample data (Streamlit AppTest, no browser).

    python -m bench pages

Prints one row per page: the first render (cold caches) and the median of 5 reruns (warm caches, as when a
facilitator clicks around). A table, not an assertion: the target is < 1 s per page on the sample data.
Lives outside cjm/ because it imports streamlit.
"""

from __future__ import annotations

import pathlib
import statistics
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = ["journey_map", "import_page", "funnel_page", "channels_page", "emotions_page", "pain_points_page",
         "what_if_page", "settings_page"]


def main(argv: list[str] | None = None) -> int:
    import logging

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    logging.getLogger("streamlit").setLevel(logging.ERROR)

    from cjm.ingest import samples as sample
    from cjm.store import close_workspace, open_workspace

    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "bench.duckdb"
        ws = open_workspace(path)
        sample.load_all(ws, keys=["hinge"])
        close_workspace(ws)
        print(f"{'page':<20}{'first render s':>16}{'warm rerun s (median of 5)':>30}")
        for page in PAGES:
            st.cache_data.clear()
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
            at.session_state["workspace_path"] = str(path)
            at.switch_page(f"app_pages/{page}.py")
            t0 = time.perf_counter()
            at.run()
            first = time.perf_counter() - t0
            warm = []
            for _ in range(5):
                t0 = time.perf_counter()
                at.run()
                warm.append(time.perf_counter() - t0)
            status = "error" if at.exception else ""
            print(f"{page:<20}{first:>16.3f}{statistics.median(warm):>30.3f} {status}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
