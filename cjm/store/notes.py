"""Team notes: what people write on top of the data — journey-map lanes, pain-point status and notes, saved
what-if scenarios, the team's assumed emotion curve, moments that matter, persona cards. Later notes (KPIs,
actions) belong here too.

Every save is a :meth:`~cjm.store.workspace.Workspace.note_write`: one transaction that bumps the notes version
only, so no cached analysis is thrown away by a note. Each note has a version of its own (1 on first save, +1 on
each save). A save may name the version its editor started from (``expected``; 0 for a note that did not exist
yet): when someone saved the note in between, the save is refused with :class:`StaleNoteError`, which carries
the text now saved, instead of silently overwriting it.

>>> from cjm.store import open_workspace
>>> ws = open_workspace(":memory:")
>>> set_lane(ws, "awareness", "goals", "Find a partner I can trust", expected=0)
1
>>> set_lane(ws, "awareness", "goals", "Someone else's text", expected=0)
Traceback (most recent call last):
...
cjm.store.notes.StaleNoteError: Someone saved this note while you were editing it...
>>> lanes(ws.cursor())[["text", "version"]].values.tolist()
[['Find a partner I can trust', 1]]
>>> ws.data_version(), ws.notes_version()
(0, 1)
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from cjm.errors import CJMError
from cjm.store.workspace import Workspace

#: The journey-map lanes the team writes, in map order.
TEXT_LANES = ("goals", "actions", "thoughts", "opportunities", "owner", "kpi")
PAIN_STATUSES = ("open", "in progress", "fixed")
#: The team's assumed emotion per stage: as the journey is now, and as the team wants it to be.
ASSUMED_KINDS = ("as_is", "to_be")
#: Buying-team roles (the Romanian article: main client, users, coach/consultant, influencers, blockers).
ROLES = ("main_client", "user", "coach", "influencer", "blocker")


class StaleNoteError(CJMError):
    """A note was saved by someone else after this editor loaded it; nothing was overwritten."""

    def __init__(self, *, current_text: str | None, current_version: int):
        super().__init__("store.stale_note")
        self.current_text = current_text
        self.current_version = current_version


def _check(cur: duckdb.DuckDBPyConnection, sql: str, params: list, expected: int | None,
           text_col: str = "text") -> int:
    """The note's current version (0 when absent), after checking it against *expected*."""
    row = next(iter(cur.execute(f"SELECT version, {text_col} FROM ({sql})", params).fetchall()), None)
    current = int(row[0]) if row else 0
    if expected is not None and expected != current:
        raise StaleNoteError(current_text=row[1] if row else None, current_version=current)
    return current


# -- journey-map lanes --------------------------------------------------------------------------------
def lanes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Lane cells with text: ``stage_key, lane, text, updated_at, version``."""
    return con.execute("SELECT stage_key, lane, text, updated_at, version FROM lanes WHERE text <> '' "
                       "ORDER BY lane, stage_key").df()


def lane_versions(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], int]:
    """``(stage_key, lane) -> version`` of every lane cell ever saved (cleared ones too), for stale-save checks."""
    return {(k, lane): int(v) for k, lane, v in con.execute("SELECT stage_key, lane, version FROM lanes").fetchall()}


def set_lane(ws: Workspace, stage_key: str, lane: str, text: str, *, expected: int | None = None) -> int:
    """Save one cell of the journey map (empty text clears it); returns the cell's new version. With *expected*
    (the version the editor loaded, 0 for a new cell) a save over someone else's newer text is refused."""
    if lane not in TEXT_LANES:
        raise CJMError("store.bad_lane", lane=lane, lanes=TEXT_LANES)
    with ws.note_write() as cur:
        current = _check(cur, "SELECT version, text FROM lanes WHERE stage_key = ? AND lane = ?",
                         [stage_key, lane], expected)
        cur.execute("INSERT OR REPLACE INTO lanes (stage_key, lane, text, updated_at, version) "
                    "VALUES (?, ?, ?, now(), ?)", [stage_key, lane, (text or "").strip(), current + 1])
    return current + 1


# -- pain-point status and notes ---------------------------------------------------------------------
def pain_status(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """``stage_key, touchpoint, status, note, updated_at, version`` of every pain point someone marked."""
    return con.execute("SELECT stage_key, touchpoint, status, note, updated_at, version FROM pain_status "
                       "ORDER BY stage_key, touchpoint").df()


def set_pain_status(ws: Workspace, stage_key: str, touchpoint: str, status: str, note: str | None, *,
                    expected: int | None = None) -> int:
    """Save a pain point's status and note; returns its new version (see :func:`set_lane` for *expected*)."""
    if status not in PAIN_STATUSES:
        raise CJMError("store.bad_status", statuses=PAIN_STATUSES)
    with ws.note_write() as cur:
        current = _check(cur, "SELECT version, note FROM pain_status WHERE stage_key = ? AND touchpoint = ?",
                         [stage_key, touchpoint], expected, text_col="note")
        cur.execute("INSERT OR REPLACE INTO pain_status (stage_key, touchpoint, status, note, updated_at, version) "
                    "VALUES (?, ?, ?, ?, now(), ?)", [stage_key, touchpoint, status, note or None, current + 1])
    return current + 1


# -- saved scenarios (the spec is the what-if model's JSON; this layer stores it as text) -----------------
def scenario_specs(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, int]]:
    """``(name, spec JSON, version)`` of every saved scenario, by name."""
    return [(n, s, int(v)) for n, s, v in con.execute("SELECT name, spec, version FROM scenarios ORDER BY name").fetchall()]


def save_scenario_spec(ws: Workspace, name: str, spec: str, *, expected: int | None = None) -> int:
    """Save (or replace) the scenario *name*; returns its new version (see :func:`set_lane` for *expected*)."""
    name = (name or "").strip()
    if not name:
        raise CJMError("store.scenario_no_name")
    with ws.note_write() as cur:
        current = _check(cur, "SELECT version, spec FROM scenarios WHERE name = ?", [name], expected, text_col="spec")
        cur.execute("INSERT OR REPLACE INTO scenarios (name, spec, created_at, version, updated_at) VALUES "
                    "(?, ?, coalesce((SELECT created_at FROM scenarios WHERE name = ?), now()), ?, now())",
                    [name, spec, name, current + 1])
    return current + 1


def delete_scenario(ws: Workspace, name: str) -> bool:
    """Delete a saved scenario; True when it existed."""
    with ws.note_write() as cur:
        found = cur.execute("SELECT count(*) FROM scenarios WHERE name = ?", [name]).fetchall()[0][0]
        cur.execute("DELETE FROM scenarios WHERE name = ?", [name])
    return bool(found)


# -- the team's assumed emotion curve ----------------------------------------------------------------------
def assumed(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], tuple[float | None, int]]:
    """``(stage_key, kind) -> (value, version)`` of every assumed value ever saved (cleared ones: value None)."""
    return {(k, kind): (None if v is None else float(v), int(ver))
            for k, kind, v, ver in con.execute("SELECT stage_key, kind, value, version FROM assumed").fetchall()}


def set_assumed(ws: Workspace, stage_key: str, kind: str, value: float | None, *, expected: int | None = None) -> int:
    """Save the team's assumed emotion (−2..+2) at a stage, "as_is" or "to_be"; None clears it. Returns the new
    version (see :func:`set_lane` for *expected*).

    >>> from cjm.store import open_workspace
    >>> ws = open_workspace(":memory:")
    >>> set_assumed(ws, "adopt", "as_is", 1, expected=0), assumed(ws.cursor())
    (1, {('adopt', 'as_is'): (1.0, 1)})
    >>> set_assumed(ws, "adopt", "as_is", 3)
    Traceback (most recent call last):
    ...
    cjm.errors.CJMError: The assumed emotion must be between −2 and +2; 3 is outside.
    """
    if kind not in ASSUMED_KINDS:
        raise CJMError("store.bad_assumed_kind", kind=kind, kinds=ASSUMED_KINDS)
    if value is not None:
        value = float(value)
        if not -2 <= value <= 2:
            raise CJMError("store.assumed_out_of_range", value=f"{value:g}")
    with ws.note_write() as cur:
        current = _check(cur, "SELECT version, CAST(value AS VARCHAR) AS text FROM assumed WHERE stage_key = ? "
                         "AND kind = ?", [stage_key, kind], expected)
        cur.execute("INSERT OR REPLACE INTO assumed (stage_key, kind, value, updated_at, version) "
                    "VALUES (?, ?, ?, now(), ?)", [stage_key, kind, value, current + 1])
    return current + 1


# -- moments that matter -----------------------------------------------------------------------------------
def moments(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[bool, int]]:
    """``touchpoint -> (marked, version)`` of every touchpoint ever marked or unmarked."""
    return {str(tp): (bool(m), int(v))
            for tp, m, v in con.execute("SELECT touchpoint, marked, version FROM moments").fetchall()}


def set_moment(ws: Workspace, touchpoint: str, marked: bool, *, expected: int | None = None) -> int:
    """Mark (or unmark) a touchpoint as a moment that matters; returns the new version.

    >>> from cjm.store import open_workspace
    >>> ws = open_workspace(":memory:")
    >>> set_moment(ws, "First call", True, expected=0), moments(ws.cursor())
    (1, {'First call': (True, 1)})
    """
    touchpoint = (touchpoint or "").strip()
    if not touchpoint:
        raise CJMError("store.moment_no_touchpoint")
    with ws.note_write() as cur:
        current = _check(cur, "SELECT version, CAST(marked AS VARCHAR) AS text FROM moments WHERE touchpoint = ?",
                         [touchpoint], expected)
        cur.execute("INSERT OR REPLACE INTO moments (touchpoint, marked, updated_at, version) VALUES (?, ?, now(), ?)",
                    [touchpoint, bool(marked), current + 1])
    return current + 1


# -- persona cards -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Persona:
    """A persona card. ``data_value`` is the value of the persona column (or segment) in the data this card stands
    for (None: the card has no data behind it); ``role`` one of :data:`ROLES` or None."""

    persona_id: str
    name: str
    role: str | None = None
    goals: str = ""
    quote: str = ""
    data_value: str | None = None
    version: int = 0


def personas(con: duckdb.DuckDBPyConnection) -> list[Persona]:
    """The persona cards (not deleted), by name."""
    rows = con.execute("SELECT persona_id, name, role, goals, quote, data_value, version FROM personas "
                       "WHERE NOT deleted ORDER BY lower(name), persona_id").fetchall()
    return [Persona(pid, name, role, goals or "", quote or "", dv, int(v)) for pid, name, role, goals, quote, dv, v in rows]


def save_persona(ws: Workspace, persona: Persona, *, expected: int | None = None) -> int:
    """Save a persona card (a new one when its id is new); returns its new version (see :func:`set_lane` for
    *expected*, which for a card is the version it was loaded with, 0 for a new card).

    >>> from cjm.store import open_workspace
    >>> ws = open_workspace(":memory:")
    >>> save_persona(ws, Persona("p1", "Ayşe, owner", role="main_client", data_value="Owner"), expected=0)
    1
    >>> [(p.name, p.role, p.version) for p in personas(ws.cursor())]
    [('Ayşe, owner', 'main_client', 1)]
    >>> delete_persona(ws, "p1", expected=1), personas(ws.cursor())
    (2, [])
    """
    name = (persona.name or "").strip()
    if not name:
        raise CJMError("store.persona_no_name")
    if persona.role is not None and persona.role not in ROLES:
        raise CJMError("store.bad_role", role=persona.role, roles=ROLES)
    with ws.note_write() as cur:
        current = _check(cur, "SELECT version, name AS text FROM personas WHERE persona_id = ?",
                         [persona.persona_id], expected)
        cur.execute("INSERT OR REPLACE INTO personas (persona_id, name, role, goals, quote, data_value, deleted, "
                    "updated_at, version) VALUES (?, ?, ?, ?, ?, ?, false, now(), ?)",
                    [persona.persona_id, name, persona.role, (persona.goals or "").strip(),
                     (persona.quote or "").strip(), persona.data_value or None, current + 1])
    return current + 1


def delete_persona(ws: Workspace, persona_id: str, *, expected: int | None = None) -> int:
    """Delete a persona card (its row stays, marked deleted, so its version goes on); returns the new version."""
    with ws.note_write() as cur:
        current = _check(cur, "SELECT version, name AS text FROM personas WHERE persona_id = ?", [persona_id], expected)
        cur.execute("UPDATE personas SET deleted = true, updated_at = now(), version = ? WHERE persona_id = ?",
                    [current + 1, persona_id])
    return current + 1
