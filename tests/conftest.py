"""Shared fixtures: fresh in-memory workspaces and PostHog-style ``journeys`` builders."""

from __future__ import annotations

import datetime as dt

import pytest

from cjm.core.stage_model import StageModel, custom, preset
from cjm.store import Workspace, apply_stage_model, open_workspace

_FIELDS = ("touchpoint", "channel", "emotion", "satisfaction", "nps", "outcome", "segment", "persona", "role",
           "value", "cost", "comment")


@pytest.fixture
def ws() -> Workspace:
    return open_workspace(":memory:")


def load_journeys(ws: Workspace, data: dict, model: StageModel | str = "five-stage") -> StageModel:
    """Insert events straight into ``events`` and apply *model*.

    ``data`` maps customer id -> list of events; an event is ``(stage, "2026-01-02")``,
    ``(stage, "2026-01-02 10:00", {"channel": "email", "emotion": -1})`` or a dict with a ``stage`` key.
    File order (``seq``) is the order of the dict, then of each list.
    """
    if isinstance(model, str):
        model = preset(model) if "," not in model else custom(model.split(","))
    rows = []
    seq = 0
    for cid, events in data.items():
        for ev in events:
            if isinstance(ev, dict):
                extra = dict(ev)
                stage = extra.pop("stage")
                ts = extra.pop("timestamp", None)
            else:
                stage, ts, *rest = ev
                extra = dict(rest[0]) if rest else {}
            seq += 1
            when = None if ts is None else dt.datetime.fromisoformat(ts)
            rows.append([seq, 1, "test.csv", seq + 1, str(cid), when, stage]
                        + [extra.get(f) for f in _FIELDS])
    cur = ws.cursor()
    cols = "seq, import_id, source_file, source_row, customer_id, ts, stage, " + ", ".join(_FIELDS)
    cur.executemany(f"INSERT INTO events ({cols}) VALUES ({', '.join('?' for _ in range(7 + len(_FIELDS)))})", rows)
    cur.execute("DELETE FROM stage_model")
    cur.execute("INSERT INTO stage_model VALUES (?, ?, now())", [model.name, model.to_json()])
    apply_stage_model(cur, model)
    return model


@pytest.fixture
def journeys(ws):
    """``journeys({...}, model="five-stage") -> (cursor, model)``."""

    def build(data: dict, model: StageModel | str = "five-stage"):
        m = load_journeys(ws, data, model)
        return ws.cursor(), m

    return build
