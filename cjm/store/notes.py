"""Team notes: what people write on top of the data — journey-map lanes, pain-point status and notes, saved
what-if scenarios. Later notes (personas, the assumed emotion curve, KPIs, actions) belong here too.

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

import duckdb
import pandas as pd

from cjm.errors import CJMError
from cjm.store.workspace import Workspace

#: The journey-map lanes the team writes, in map order.
TEXT_LANES = ("goals", "actions", "thoughts", "opportunities", "owner", "kpi")
PAIN_STATUSES = ("open", "in progress", "fixed")


class StaleNoteError(CJMError):
    """A note was saved by someone else after this editor loaded it; nothing was overwritten."""

    def __init__(self, *, current_text: str | None, current_version: int):
        super().__init__("Someone saved this note while you were editing it; your text was not saved, theirs is "
                         "kept. Keep yours over theirs, keep theirs, or merge the two and save again.")
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
        raise CJMError(f'"{lane}" is not a lane of the journey map; lanes are: {", ".join(TEXT_LANES)}.')
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
        raise CJMError(f'Status must be one of: {", ".join(PAIN_STATUSES)}.')
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
        raise CJMError("Give the scenario a name before saving it.")
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
