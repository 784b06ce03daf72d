"""Journey-management notes: KPIs with targets, actions taken on pain points, touchpoint types.

Team notes like those of :mod:`cjm.store.notes` — each save is a ``note_write`` (the data version and so every
cached analysis stay), each note has a version, and a save naming an older version than the one stored is
refused with :class:`~cjm.store.notes.StaleNoteError`. A deleted KPI or action keeps its row, marked deleted, so
its version goes on.

>>> import datetime as dt
>>> from cjm.store import open_workspace
>>> ws = open_workspace(":memory:")
>>> save_kpi(ws, Kpi("k1", "purchase", "conversion", 0.4, "higher", owner="Ana"), expected=0)
1
>>> [(k.stage_key, k.metric, k.target, k.version) for k in kpis(ws.cursor())]
[('purchase', 'conversion', 0.4, 1)]
>>> save_action(ws, Action("a1", "research", "Pricing page", "Show prices", done=dt.date(2026, 3, 1)), expected=0)
1
>>> actions(ws.cursor())[0].done, ws.data_version()
(datetime.date(2026, 3, 1), 0)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from cjm.errors import CJMError
from cjm.store.notes import _check
from cjm.store.workspace import Workspace

#: What a KPI measures at its stage (see :mod:`cjm.analyses.kpis` for each definition).
METRICS = ("reached", "conversion", "median_days", "mean_emotion", "nps", "stuck_share")
DIRECTIONS = ("higher", "lower")
#: Touchpoint types of the Turkish journey-management article: peripheral (word of mouth, an ad), external
#: (website, social media), internal (support, the account team).
TOUCHPOINT_TYPES = ("peripheral", "external", "internal")


@dataclass(frozen=True)
class Kpi:
    """A KPI: *metric* at the stage *stage_key*, its *target*, whether *higher* or *lower* is better, an owner."""

    kpi_id: str
    stage_key: str
    metric: str
    target: float
    direction: str = "higher"
    owner: str = ""
    version: int = 0
    #: a touchpoint type (:data:`TOUCHPOINT_TYPES`): the KPI counts only events at touchpoints of that type
    breakdown: str | None = None


@dataclass(frozen=True)
class Action:
    """An action taken on a pain point (a stage, and a touchpoint or None for the whole stage): its effect is
    measured from *done* on."""

    action_id: str
    stage_key: str
    touchpoint: str | None
    title: str
    owner: str = ""
    due: dt.date | None = None
    done: dt.date | None = None
    version: int = 0


def kpis(con: duckdb.DuckDBPyConnection) -> list[Kpi]:
    """The KPIs (not deleted), in the order they were first saved."""
    rows = con.execute("SELECT kpi_id, stage_key, metric, target, direction, owner, version, breakdown FROM kpis "
                       "WHERE NOT deleted ORDER BY kpi_id").fetchall()
    return [Kpi(i, s, m, float(t), d, o or "", int(v), b) for i, s, m, t, d, o, v, b in rows]


def save_kpi(ws: Workspace, kpi: Kpi, *, expected: int | None = None) -> int:
    """Save a KPI (a new one when its id is new); returns its new version."""
    if kpi.metric not in METRICS:
        raise CJMError("progress.bad_metric", metric=kpi.metric, metrics=", ".join(METRICS))
    if kpi.direction not in DIRECTIONS:
        raise CJMError("progress.bad_direction", direction=kpi.direction)
    if kpi.breakdown is not None and kpi.breakdown not in TOUCHPOINT_TYPES:
        raise CJMError("progress.bad_type", type=kpi.breakdown, types=", ".join(TOUCHPOINT_TYPES))
    with ws.note_write() as cur:
        current = _check(cur, "SELECT version, metric AS text FROM kpis WHERE kpi_id = ?", [kpi.kpi_id], expected)
        cur.execute("INSERT OR REPLACE INTO kpis (kpi_id, stage_key, metric, target, direction, owner, breakdown, "
                    "deleted, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, false, now(), ?)",
                    [kpi.kpi_id, kpi.stage_key, kpi.metric, float(kpi.target), kpi.direction,
                     (kpi.owner or "").strip() or None, kpi.breakdown, current + 1])
    return current + 1


def delete_kpi(ws: Workspace, kpi_id: str, *, expected: int | None = None) -> int:
    """Delete a KPI; returns its new version (an unknown id is an error naming it)."""
    with ws.note_write() as cur:
        current = _check(cur, "SELECT version, metric AS text FROM kpis WHERE kpi_id = ? AND NOT deleted",
                         [kpi_id], expected)
        if current == 0:
            raise CJMError("progress.no_kpi", kpi=kpi_id)
        cur.execute("UPDATE kpis SET deleted = true, updated_at = now(), version = ? WHERE kpi_id = ?",
                    [current + 1, kpi_id])
    return current + 1


def actions(con: duckdb.DuckDBPyConnection) -> list[Action]:
    """The actions (not deleted), in the order they were first saved."""
    rows = con.execute("SELECT action_id, stage_key, touchpoint, title, owner, due, done, version FROM actions "
                       "WHERE NOT deleted ORDER BY action_id").fetchall()
    return [Action(i, s, tp, ti, o or "", du, do, int(v)) for i, s, tp, ti, o, du, do, v in rows]


def save_action(ws: Workspace, action: Action, *, expected: int | None = None) -> int:
    """Save an action (a new one when its id is new); returns its new version."""
    title = (action.title or "").strip()
    if not title:
        raise CJMError("progress.action_no_title")
    with ws.note_write() as cur:
        current = _check(cur, "SELECT version, title AS text FROM actions WHERE action_id = ?", [action.action_id],
                         expected)
        cur.execute("INSERT OR REPLACE INTO actions (action_id, stage_key, touchpoint, title, owner, due, done, "
                    "deleted, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, false, now(), ?)",
                    [action.action_id, action.stage_key, action.touchpoint or None, title,
                     (action.owner or "").strip() or None, action.due, action.done, current + 1])
    return current + 1


def touchpoint_types(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, int]]:
    """``touchpoint -> (type, version)`` of the types the team set (the rest take the default)."""
    return {tp: (ty, int(v)) for tp, ty, v in con.execute("SELECT touchpoint, type, version FROM touchpoint_types")
            .fetchall()}


def set_touchpoint_type(ws: Workspace, touchpoint: str, kind: str, *, expected: int | None = None) -> int:
    """Set a touchpoint's type (one of :data:`TOUCHPOINT_TYPES`); returns its new version."""
    if kind not in TOUCHPOINT_TYPES:
        raise CJMError("progress.bad_type", type=kind, types=", ".join(TOUCHPOINT_TYPES))
    with ws.note_write() as cur:
        current = _check(cur, "SELECT version, type AS text FROM touchpoint_types WHERE touchpoint = ?",
                         [touchpoint], expected)
        cur.execute("INSERT OR REPLACE INTO touchpoint_types VALUES (?, ?, now(), ?)", [touchpoint, kind, current + 1])
    return current + 1
