"""A session keeps its place: language, workspace and persona come from the address and go back into it."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from cjm.ingest import import_file
from cjm.store import open_workspace
from tests.ui.apptest import APP

CSV = (b"id,stage,date,persona\n"
       b"a,awareness,2026-01-02,Owner\n"
       b"b,awareness,2026-01-03,Manager\n"
       b"b,research,2026-01-04,Manager\n")


def _workspaces(tmp_path):
    from cjm.core.stage_model import preset

    for name in ("default", "acme"):
        ws = open_workspace(str(tmp_path / f"{name}.duckdb"))
        if name == "acme":
            import_file(ws, CSV, file_name="crm.csv", model=preset("five-stage"))
        ws.checkpoint()


def _app(tmp_path, **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["workspace_path"] = str(tmp_path / "default.duckdb")
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    return at


def test_address_sets_language_workspace_and_persona(tmp_path):
    _workspaces(tmp_path)
    at = _app(tmp_path, lang="tr", ws="acme", persona="Manager")
    assert not at.exception
    assert at.session_state["lang"] == "tr"
    assert at.session_state["workspace_path"] == str(tmp_path / "acme.duckdb")
    assert at.session_state["f_persona"] == ["Manager"]
    assert [s.value for s in at.sidebar.selectbox if s.key == "lang"] == ["tr"]


def test_unknown_values_in_the_address_are_ignored(tmp_path):
    _workspaces(tmp_path)
    at = _app(tmp_path, lang="xx", ws="../../etc", persona="Nobody")
    assert not at.exception
    assert at.session_state["lang"] == "en"
    assert at.session_state["workspace_path"] == str(tmp_path / "default.duckdb")
    assert at.session_state["f_persona"] == []


def _q(at: AppTest, key: str) -> list[str]:
    value = at.query_params[key]
    return [value] if isinstance(value, str) else list(value)


def test_choices_go_back_into_the_address(tmp_path):
    _workspaces(tmp_path)
    at = _app(tmp_path, ws="acme")
    assert _q(at, "lang") == ["en"] and _q(at, "ws") == ["acme"]
    next(s for s in at.sidebar.selectbox if s.key == "lang").set_value("ro").run()
    at.session_state["f_persona"] = ["Owner"]
    at.run()
    assert _q(at, "lang") == ["ro"]
    assert _q(at, "persona") == ["Owner"]
    at.session_state["f_persona"] = []
    at.run()
    assert "persona" not in at.query_params
