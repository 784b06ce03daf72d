"""Small reads and writes of the workspace that the dashboard needs besides the analyses:
summary counts, filter choices, journey-map lanes written by people, pain-point status.

>>> from cjm.store import open_workspace
>>> ws = open_workspace(":memory:")
>>> set_lane(ws, "awareness", "goals", "Find a partner I can trust")
>>> lanes(ws.cursor())["text"].tolist()
['Find a partner I can trust']
"""

from __future__ import annotations

import json

import pandas as pd

from cjm.errors import CJMError
from cjm.filters import LIST_FIELDS
from cjm.models import norm
from cjm.sql import ident
from cjm.store import Workspace

TEXT_LANES = ("goals", "actions", "thoughts", "opportunities", "owner", "kpi")
PAIN_STATUSES = ("open", "in progress", "fixed")


def summary(con) -> dict:
    """Counts for the sidebar: events, customers, imports, events whose stage is not in the model, date range."""
    row = con.execute("""SELECT count(*), count(DISTINCT customer_id), count(*) FILTER (WHERE stage_idx IS NULL),
                                min(ts), max(ts) FROM events""").fetchall()[0]
    imports = con.execute("SELECT count(*) FROM imports").fetchall()[0][0]
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


# -- emotion words the user scored ----------------------------------------------------------------
def emotion_words(con) -> dict[str, int]:
    """Words the user scored in Settings (normalised word -> −2..+2); imports use them besides the built-in list."""
    row = next(iter(con.execute("SELECT value FROM meta WHERE key = 'emotion_words'").fetchall()), None)
    return json.loads(row[0]) if row else {}


def unscored_emotion_words(con) -> pd.DataFrame:
    """Emotion cells kept as text because no score is known for them: value, events."""
    return con.execute(r"""SELECT emotion_raw AS value, count(*) AS events FROM events
                           WHERE emotion IS NULL AND emotion_raw IS NOT NULL
                             AND NOT regexp_matches(emotion_raw, '^[\s\d.,+\-]*$')
                           GROUP BY emotion_raw ORDER BY events DESC, value""").df()


def set_emotion_words(ws: Workspace, scores: dict[str, int]) -> int:
    """Score emotion words (raw text -> −2..+2): saved for later imports and applied to the events already loaded
    whose emotion was left empty. Returns the number of events that got a score."""
    bad = {w: v for w, v in scores.items() if v not in (-2, -1, 0, 1, 2)}
    if bad:
        raise CJMError(f"An emotion score is a whole number from −2 to +2; check: {', '.join(map(str, bad))}.")
    with ws.transaction() as cur:
        saved = emotion_words(cur)
        saved.update({norm(w): int(v) for w, v in scores.items()})
        cur.execute("INSERT OR REPLACE INTO meta VALUES ('emotion_words', ?)", [json.dumps(saved, ensure_ascii=False)])
        cur.execute("CREATE OR REPLACE TEMP TABLE _cjm_user_words (raw VARCHAR, score DOUBLE)")
        cur.executemany("INSERT INTO _cjm_user_words VALUES (?, ?)", [[w, float(v)] for w, v in scores.items()])
        changed = cur.execute("""UPDATE events SET emotion = u.score FROM _cjm_user_words u
                                 WHERE events.emotion IS NULL AND events.emotion_raw = u.raw""").fetchall()[0][0]
        cur.execute("DROP TABLE _cjm_user_words")
    return int(changed)


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
