"""What the workspace holds, besides the analyses: summary counts, filter choices, stage values the model does not
know (and a stage order suggested from the data), the import history.

>>> from cjm.store import open_workspace
>>> summary(open_workspace(":memory:").cursor())["events"]
0
"""

from __future__ import annotations

import pandas as pd

from cjm.core.filters import LIST_FIELDS
from cjm.core.sql import ident
from cjm.core.stage_edit import model_from_values
from cjm.core.stage_model import StageModel


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


def suggest_model(con, *, name: str = "custom (from data)") -> StageModel:
    """A custom stage model proposed from the data: the stage values in their typical first-seen order
    (:func:`stage_values_in_order`); values that differ only in case, accents or separators count once.
    Raises :class:`~cjm.errors.CJMError` with fewer than two stage values, or more than a model can hold.

    >>> from cjm.store import open_workspace
    >>> from cjm.ingest import import_file
    >>> ws = open_workspace(":memory:")
    >>> _ = import_file(ws, b"id,stage,date\\n1,Demo,2026-01-02\\n1,Signed,2026-01-05\\n2,demo,2026-01-03\\n",
    ...                 file_name="a.csv")
    >>> suggest_model(ws.cursor()).labels
    ['Demo', 'Signed']
    """
    return model_from_values(stage_values_in_order(con), name=name)


def imports(con) -> pd.DataFrame:
    return con.execute("""SELECT import_id, file_name, rows_read, rows_loaded, rows_rejected, imported_at
                          FROM imports ORDER BY import_id""").df()
