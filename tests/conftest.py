"""Shared fixtures: fresh in-memory workspaces and PostHog-style ``journeys`` builders.

Events are written the way an import writes them (:func:`cjm.store.insert_events`: customer keys, storage
order) and the stage model through :func:`cjm.store.write_stage_model`, both inside one data write.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from cjm.core.stage_model import StageModel, custom, preset
from cjm.store import Workspace, add_customers, insert_events, open_workspace, write_stage_model

#: Columns of ``events`` a test may give an event, with their SQL types (the list parameters are cast to them).
COLUMNS = {"seq": "BIGINT", "import_id": "INTEGER", "source_file": "VARCHAR", "source_row": "BIGINT",
           "customer_id": "VARCHAR", "ts": "TIMESTAMP", "stage": "VARCHAR", "stage_idx": "SMALLINT",
           "touchpoint": "VARCHAR", "channel": "VARCHAR", "emotion": "DOUBLE", "satisfaction": "DOUBLE",
           "nps": "SMALLINT", "outcome": "VARCHAR", "segment": "VARCHAR", "persona": "VARCHAR", "role": "VARCHAR",
           "value": "DOUBLE", "cost": "DOUBLE", "comment": "VARCHAR"}
_FIELDS = ("touchpoint", "channel", "emotion", "satisfaction", "nps", "outcome", "segment", "persona", "role",
           "value", "cost", "comment")


@pytest.fixture
def ws() -> Workspace:
    return open_workspace(":memory:")


def write_events(cur: duckdb.DuckDBPyConnection, events: list[dict], *, file_order: bool = False) -> int:
    """Write *events* (dicts of column -> value, columns from :data:`COLUMNS`) through
    :func:`cjm.store.insert_events`, as one import: ``seq`` defaults to the next free numbers (file order = list
    order), ``import_id`` to the next import, ``source_file`` to ``"test.csv"``, ``source_row`` to ``seq + 1``,
    ``ts`` to NULL (a ``"2026-01-02"`` text is read as a date). Returns the number of events written.

    An import stores its events in journey order. With *file_order*, the new customers are numbered as one import
    numbers them (in id order) but each event is written on its own, so ``events`` is stored in file order, as
    imports that share customers leave it: the analyses must then not take the storage order for journey order.
    """
    if not events:
        return 0
    seq0, import_id = cur.execute("SELECT coalesce(max(seq), 0), coalesce(max(import_id), 0) + 1 FROM events"
                                  ).fetchall()[0]
    rows = []
    for i, ev in enumerate(events):
        row = {"seq": seq0 + i + 1, "import_id": import_id, "source_file": "test.csv", "ts": None, **ev}
        row.setdefault("source_row", row["seq"] + 1)
        if isinstance(row["ts"], str):
            row["ts"] = dt.datetime.fromisoformat(row["ts"])
        rows.append(row)
    columns = [c for c in COLUMNS if any(c in r for r in rows)]
    select = "SELECT " + ", ".join(f"unnest(?::{COLUMNS[c]}[])" for c in columns)
    if not file_order:
        return insert_events(cur, columns, select, [[r.get(c) for r in rows] for c in columns])
    add_customers(cur, "SELECT unnest(?::VARCHAR[]) AS customer_id", [[r["customer_id"] for r in rows]])
    return sum(insert_events(cur, columns, select, [[r.get(c)] for c in columns]) for r in rows)


def load_journeys(ws: Workspace, data: dict, model: StageModel | str = "five-stage", *,
                  file_order: bool = False) -> StageModel:
    """Write the events of *data* as one import and make *model* the workspace's stage model (one data write).

    ``data`` maps customer id -> list of events; an event is ``(stage, "2026-01-02")``,
    ``(stage, "2026-01-02 10:00", {"channel": "email", "emotion": -1})`` or a dict with a ``stage`` key.
    File order (``seq``) is the order of the dict, then of each list, after the events already written (a second
    call is a second import). *file_order*: stored in file order, not journey order (see :func:`write_events`).
    """
    if isinstance(model, str):
        model = preset(model) if "," not in model else custom(model.split(","))
    events = []
    for cid, evs in data.items():
        for ev in evs:
            if isinstance(ev, dict):
                extra = dict(ev)
                stage = extra.pop("stage")
                ts = extra.pop("timestamp", None)
            else:
                stage, ts, *rest = ev
                extra = dict(rest[0]) if rest else {}
            unknown = set(extra) - set(_FIELDS)
            assert not unknown, f"not an event field: {unknown}"
            events.append({"customer_id": str(cid), "ts": ts, "stage": stage, **extra})
    with ws.data_write() as cur:
        write_events(cur, events, file_order=file_order)
        write_stage_model(cur, model)
    return model


@pytest.fixture
def journeys(ws):
    """``journeys({...}, model="five-stage", file_order=False) -> (cursor, model)`` (see :func:`load_journeys`)."""

    def build(data: dict, model: StageModel | str = "five-stage", *, file_order: bool = False):
        m = load_journeys(ws, data, model, file_order=file_order)
        return ws.cursor(), m

    return build


@pytest.fixture
def add_events():
    """``add_events(cur, [{"customer_id": "c9", "stage": "awareness", "stage_idx": 0, ...}])``: more events, written
    as one more import (:func:`write_events`; give ``stage_idx`` yourself, or apply the stage model after)."""
    return write_events
