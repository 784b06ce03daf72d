"""Emotion words the user scored (Settings): kept in ``meta.emotion_words`` for later imports and applied at once
to the events already loaded whose emotion was left empty — a data write (the emotion curve changes).

>>> from cjm.store import open_workspace
>>> ws = open_workspace(":memory:")
>>> set_emotion_words(ws, {"meh": -1}), emotion_words(ws.cursor())
(0, {'meh': -1})
"""

from __future__ import annotations

import json

import pandas as pd

from cjm.core.stage_model import norm
from cjm.errors import CJMError
from cjm.store import Workspace


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
        raise CJMError("ingest.bad_emotion_score", words=[str(w) for w in bad])
    with ws.data_write() as cur:
        saved = emotion_words(cur)
        saved.update({norm(w): int(v) for w, v in scores.items()})
        cur.execute("INSERT OR REPLACE INTO meta VALUES ('emotion_words', ?)", [json.dumps(saved, ensure_ascii=False)])
        cur.execute("CREATE OR REPLACE TEMP TABLE _cjm_user_words (raw VARCHAR, score DOUBLE)")
        cur.executemany("INSERT INTO _cjm_user_words VALUES (?, ?)", [[w, float(v)] for w, v in scores.items()])
        changed = cur.execute("""UPDATE events SET emotion = u.score FROM _cjm_user_words u
                                 WHERE events.emotion IS NULL AND events.emotion_raw = u.raw""").fetchall()[0][0]
        cur.execute("DROP TABLE _cjm_user_words")
    return int(changed)


