"""The Excel round trip for the team: read back the sheets people edited in the workbook for people
(:mod:`cjm.present.workbook`), show what would change, and apply only that.

The workbook remembers, in its hidden sheet, each team cell as it was exported and its version. For every cell of
the team sheet (lanes, assumed emotion) and every persona row, :func:`read_changes` compares the uploaded value
with the exported one: equal means nobody touched it in Excel, and it is left alone (so an upload never reverts
what someone saved in the app meanwhile). A changed cell is a :class:`TeamChange`; when the workspace holds a newer
version of that note than the one exported, and a different text, it is a *conflict*: the user chooses to keep the
workspace's text or the workbook's. :func:`apply_changes` saves the changes through :mod:`cjm.store.notes` with
the version each was based on, so a save that races with another one is refused, never silently lost.

Nothing else in the workspace is touched: other sheets are not read, rows deleted in Excel delete nothing.
"""

from __future__ import annotations

import io
import json
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import duckdb
import openpyxl

from cjm.errors import InputError
from cjm.i18n import CATALOGUES
from cjm.store.notes import (
    ASSUMED_KINDS,
    ROLES,
    TEXT_LANES,
    Persona,
    StaleNoteError,
    assumed,
    lane_versions,
    lanes,
    personas,
    save_persona,
    set_assumed,
    set_lane,
)
from cjm.store.workspace import Workspace

FORMAT = "cjm-team-workbook"
HIDDEN = "_cjm"
_KEY = re.compile(r"^(lane|assumed):([a-z_]+)$")


@dataclass(frozen=True)
class TeamChange:
    """One note changed in the workbook: *kind* ``lane``, ``assumed`` or ``persona``; *key* the lane, the kind of
    assumed curve or the persona's id; *stage* the stage key ("" for a persona). *before* is the value exported,
    *after* the workbook's, *current* the workspace's now (a persona: ``[name, role, goals, quote, data value]``)."""

    kind: str
    key: str
    stage: str
    before: Any
    after: Any
    current: Any
    exported_version: int
    current_version: int

    @property
    def conflict(self) -> bool:
        """Someone saved this note in the app after the export, and differently from the workbook."""
        return self.current_version != self.exported_version and self.current != self.after


def is_team_workbook(data: bytes) -> bool:
    """True for a workbook made by :func:`cjm.present.workbook.write_workbook` (its hidden sheet says so)."""
    if not data.startswith(b"PK"):
        return False
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # not a readable xlsx: the ordinary import reports why
        return False
    try:
        return HIDDEN in wb.sheetnames and wb[HIDDEN].cell(1, 1).value == FORMAT
    finally:
        wb.close()


def _text(v: Any) -> str:
    return "" if v is None else str(v).strip()


def _number(v: Any, *, file: str, sheet: str, cell: str) -> float | None:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        x = float(v)
    else:
        try:
            x = float(str(v).strip().replace("−", "-").replace(",", "."))
        except ValueError:
            raise InputError("team.not_a_number", file=file, sheet=sheet, cell=cell, value=str(v)) from None
    if not -2 <= x <= 2:
        raise InputError("team.out_of_range", file=file, sheet=sheet, cell=cell, value=f"{x:g}")
    return x


def _role(v: Any, *, file: str, sheet: str, cell: str) -> str | None:
    """A role as the workbook writes it (its name in any interface language, or its key) -> its key."""
    text = _text(v)
    if not text:
        return None
    for code in ROLES:
        names = {code, *(cat.get(f"role.{code}", "") for cat in CATALOGUES.values())}
        if text.casefold() in {n.casefold() for n in names if n}:
            return code
    raise InputError("team.bad_role", file=file, sheet=sheet, cell=cell, value=text)


def read_changes(data: bytes, con: duckdb.DuckDBPyConnection, *, file_name: str = "workbook.xlsx") -> list[TeamChange]:
    """The team notes changed in the workbook *data* (see the module docstring), lanes and assumed values in map
    order, then personas. A workbook not made by this app, or damaged, is an :class:`~cjm.errors.InputError`
    naming the sheet and cell."""
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception:
        raise InputError("team.unreadable", file=file_name) from None
    if HIDDEN not in wb.sheetnames or wb[HIDDEN].cell(1, 1).value != FORMAT:
        raise InputError("team.not_ours", file=file_name)
    base: dict[tuple[str, str, str], tuple[Any, int]] = {}
    for row in wb[HIDDEN].iter_rows(min_row=2, values_only=True):
        if row and row[0]:
            base[(str(row[0]), str(row[1]), str(row[2] or ""))] = (row[3], int(row[4] or 0))
    team, people = wb.worksheets[2], wb.worksheets[3]
    now_text = {(r.lane, r.stage_key): str(r.text) for r in lanes(con).itertuples()}
    now_lane_v = lane_versions(con)
    now_assumed = assumed(con)
    changes: list[TeamChange] = []
    stages = [(c, _text(team.cell(2, c).value)) for c in range(3, team.max_column + 1) if _text(team.cell(2, c).value)]
    for r in range(3, team.max_row + 1):
        m = _KEY.match(_text(team.cell(r, 1).value))
        if not m:
            continue
        kind, key = m.groups()
        if (kind == "lane" and key not in TEXT_LANES) or (kind == "assumed" and key not in ASSUMED_KINDS):
            continue
        for c, stage in stages:
            cell = team.cell(r, c)
            before, version = base.get((kind, key, stage), (None, 0))
            if kind == "lane":
                after: Any = _text(cell.value)
                old: Any = _text(before)
                current: Any = now_text.get((key, stage), "")
                cur_v = now_lane_v.get((stage, key), 0)
            else:
                after = _number(cell.value, file=file_name, sheet=team.title, cell=cell.coordinate)
                old = None if before is None else float(before)
                current, cur_v = now_assumed.get((stage, key), (None, 0))
            if after != old:
                changes.append(TeamChange(kind, key, stage, old, after, current, version, cur_v))
    now_people = {p.persona_id: p for p in personas(con)}
    for r in range(2, people.max_row + 1):
        values = [people.cell(r, c).value for c in range(1, 7)]
        if not any(_text(v) for v in values[1:]):
            continue
        pid = _text(values[0])
        name, goals, quote, data_value = _text(values[1]), _text(values[3]), _text(values[4]), _text(values[5])
        role = _role(values[2], file=file_name, sheet=people.title, cell=people.cell(r, 3).coordinate)
        after = [name, role, goals, quote, data_value or None]
        before_json, version = base.get(("persona", pid, ""), (None, 0)) if pid else (None, 0)
        old = json.loads(before_json) if before_json else None
        if old is not None:
            old[2], old[3] = old[2] or "", old[3] or ""
        if after == old:
            continue
        if not name:
            raise InputError("team.persona_no_name", file=file_name, sheet=people.title, row=r)
        p = now_people.get(pid)
        current = [p.name, p.role, p.goals, p.quote, p.data_value] if p else None
        changes.append(TeamChange("persona", pid or f"new-{r}", "", old, after, current, version,
                                  p.version if p else (version if pid else 0)))
    return changes


@dataclass(frozen=True)
class Applied:
    """What :func:`apply_changes` did: the changes saved, and those left as they are in the workspace."""

    saved: tuple[TeamChange, ...]
    kept: tuple[TeamChange, ...]


def apply_changes(ws: Workspace, changes: Iterable[TeamChange], *, take_mine: Iterable[TeamChange] = ()) -> Applied:
    """Save *changes*: each over the version it was exported with; a conflict only when it is in *take_mine*
    (then over the workspace's current version: the workbook's text wins, as the user chose). A change that meets
    a newer save than the one it was read against is kept out (see :attr:`Applied.kept`)."""
    mine = {(c.kind, c.key, c.stage) for c in take_mine}
    saved, kept = [], []
    for c in changes:
        if c.conflict and (c.kind, c.key, c.stage) not in mine:
            kept.append(c)
            continue
        expected = c.current_version if c.conflict else c.exported_version
        try:
            if c.kind == "lane":
                set_lane(ws, c.stage, c.key, c.after, expected=expected)
            elif c.kind == "assumed":
                set_assumed(ws, c.stage, c.key, c.after, expected=expected)
            else:
                name, role, goals, quote, data_value = c.after
                pid = c.key if not c.key.startswith("new-") else f"p-{uuid.uuid4().hex[:10]}"
                save_persona(ws, Persona(pid, name, role, goals, quote, data_value),
                             expected=expected if not c.key.startswith("new-") else 0)
        except StaleNoteError:
            kept.append(c)
            continue
        saved.append(c)
    return Applied(tuple(saved), tuple(kept))

