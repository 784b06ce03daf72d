"""The app under streamlit.testing's AppTest, for the page tests of this folder."""

from __future__ import annotations

import pathlib

from streamlit.testing.v1 import AppTest

APP = str(pathlib.Path(__file__).resolve().parents[2] / "app.py")


def open_app(path, page: str | None = None) -> AppTest:
    """The app on the workspace file *path*, run once, then on *page* (a file name in app_pages/, without .py)."""
    from streamlit import config

    config.set_option("client.showErrorDetails", "full")  # tests see the real error; users never do
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["workspace_path"] = str(path)
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}.py")
        at.run()
    return at
