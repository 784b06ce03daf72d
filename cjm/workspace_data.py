"""Small reads and writes of the workspace that the dashboard needs besides the analyses:
summary counts, filter choices, journey-map lanes written by people, pain-point status.

>>> from cjm.store import open_workspace
>>> ws = open_workspace(":memory:")
>>> set_lane(ws, "awareness", "goals", "Find a partner I can trust")
>>> lanes(ws.cursor())["text"].tolist()
['Find a partner I can trust']
"""

from __future__ import annotations

import pandas as pd

from cjm.errors import CJMError
from cjm.filters import LIST_FIELDS
from cjm.sql import ident
from cjm.store import Workspace

TEXT_LANES = ("goals", "actions", "thoughts", "opportunities", "owner", "kpi")
PAIN_STATUSES = ("open", "in progress", "fixed")


def summary(con) -> dict:
    """Counts for the sidebar: events, customers, imports, events whose stage is not in the model, date range."""
    row = con.execute("""SELECT count(*), count(DISTINCT customer_id), count(*) FILTER (WHERE stage_idx IS NULL),
                                min(ts), max(ts) FROM events""").fetchone()
    imports = con.execute("SELECT count(*) FROM imports").fetchone()[0]
    return {"events": row[0], "customers": row[1], "unmatched": row[2], "first": row[3], "last": row[4],
            "imports": imports}


def filter_options(con, *, limit: int = 200) -> dict[str, list[str]]:
    """Distinct values per filter field (most frequent first), for the sidebar multiselects."""
    out: dict[str, list[str]] = {}
    for name in LIST_FIELDS:
        col = ident(name, LIST_FIELDS)
        rows = con.execute(f"""SELECT {col} FROM events WHERE {col} IS NOT NULL GROUP BY {col}
                               ORDER BY count(*) DESC, {col} LIMIT ?""", [limit]).fetchall()
        out[name] = [r[0] for r in rows]
    return out


def unmatched_stages(con) -> pd.DataFrame:
    """Stage values in the data that the model does not know: value, events, customers."""
    return con.execute("""SELECT stage AS value, count(*) AS events, count(DISTINCT customer_id) AS customers
                          FROM events WHERE stage_idx IS NULL GROUP BY stage ORDER BY events DESC, value""").df()


def stage_values_in_order(con) -> list[str]:
    """Distinct stage values ordered by their typical first-seen position in customers' journeys
    (median rank of first appearance), for proposing a custom model from the data."""
    rows = con.execute("""
        WITH firsts AS (
            SELECT customer_id, stage, min(ts) AS first_ts, min(seq) AS first_seq FROM events GROUP BY ALL),
        ranked AS (
            SELECT stage, row_number() OVER (PARTITION BY customer_id ORDER BY first_ts NULLS LAST, first_seq) AS r
            FROM firsts)
        SELECT stage FROM ranked GROUP BY stage ORDER BY median(r), count(*) DESC, stage""").fetchall()
    return [r[0] for r in rows]


def imports(con) -> pd.DataFrame:
    return con.execute("""SELECT import_id, file_name, rows_read, rows_loaded, rows_rejected, imported_at
                          FROM imports ORDER BY import_id""").df()


# -- lanes written by people -------------------------------------------------------------------
def lanes(con) -> pd.DataFrame:
    return con.execute("SELECT stage_key, lane, text, updated_at FROM lanes ORDER BY lane, stage_key").df()


def set_lane(ws: Workspace, stage_key: str, lane: str, text: str) -> None:
    """Save one cell of the journey map (empty text removes it)."""
    if lane not in TEXT_LANES:
        raise CJMError(f'"{lane}" is not a lane of the journey map; lanes are: {", ".join(TEXT_LANES)}.')
    with ws.transaction() as cur:
        cur.execute("DELETE FROM lanes WHERE stage_key = ? AND lane = ?", [stage_key, lane])
        if text and text.strip():
            cur.execute("INSERT INTO lanes VALUES (?, ?, ?, now())", [stage_key, lane, text.strip()])


# -- pain point status ---------------------------------------------------------------------------
def pain_status(con) -> pd.DataFrame:
    return con.execute("SELECT stage_key, touchpoint, status, note, updated_at FROM pain_status").df()


def set_pain_status(ws: Workspace, stage_key: str, touchpoint: str, status: str, note: str | None) -> None:
    if status not in PAIN_STATUSES:
        raise CJMError(f'Status must be one of: {", ".join(PAIN_STATUSES)}.')
    with ws.transaction() as cur:
        cur.execute("INSERT OR REPLACE INTO pain_status VALUES (?, ?, ?, ?, now())",
                    [stage_key, touchpoint, status, note or None])
