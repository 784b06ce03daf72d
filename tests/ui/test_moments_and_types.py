"""Moments that matter marked on the Pain points page, touchpoint types set on the Touchpoints & channels page: both
saved as team notes, shown back."""

from __future__ import annotations

import pytest

from cjm.core.stage_model import preset
from cjm.ingest import import_file
from cjm.store import open_workspace
from cjm.store.notes import moments
from cjm.store.progress import touchpoint_types
from tests.ui.apptest import open_app

CSV = (b"id,stage,date,touchpoint,channel,emotion\n"
       b"a,awareness,2026-01-02,Friend referral,phone,1\n" b"a,research,2026-01-05,Support call,phone,-2\n"
       b"b,awareness,2026-01-03,Website,web,1\n" b"b,research,2026-01-06,Support call,phone,-1\n")


@pytest.fixture
def path(tmp_path):
    p = tmp_path / "ws.duckdb"
    ws = open_workspace(str(p))
    import_file(ws, CSV, file_name="crm.csv", model=preset("five-stage"))
    ws.checkpoint()
    return p


def test_mark_a_pain_point_as_a_moment_that_matters(path):
    at = open_app(path, "pain_points_page")
    toggle = at.toggle(key="moment_research_Support call")
    assert toggle.value is False
    toggle.set_value(True).run()
    assert not at.exception
    assert moments(open_workspace(str(path)).cursor()) == {"Support call": (True, 1)}
    assert any(t.value.startswith("★ ") for t in at.text)


def test_set_a_touchpoint_type(path):
    at = open_app(path, "channels_page")
    shown = at.dataframe[-1].value
    assert len(shown) == 3
    at.selectbox(key="tptype_touchpoint").set_value("Support call").run()
    at.button(key="tptype_save").click().run()  # saves the default shown (internal): now the team's choice
    assert not at.exception
    assert touchpoint_types(open_workspace(str(path)).cursor()) == {"Support call": ("internal", 1)}
