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
from cjm.core.stage_edit import model_from_choices
from cjm.core.stage_model import MAX_STAGES, StageModel, norm
from cjm.errors import CJMError


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
    (:func:`stage_preview`), with the final stages it suggests (no way onward, or a word of closing); values
    that differ only in case, accents or separators count once. Past the most a model can hold, the values of
    the most customers. Raises :class:`~cjm.errors.CJMError` with fewer than two stage values.

    >>> from cjm.store import open_workspace
    >>> from cjm.ingest import import_file
    >>> ws = open_workspace(":memory:")
    >>> _ = import_file(ws, b"id,stage,date\\n1,Demo,2026-01-02\\n1,Signed,2026-01-05\\n2,demo,2026-01-03\\n",
    ...                 file_name="a.csv")
    >>> suggest_model(ws.cursor()).labels
    ['Demo', 'Signed']
    """
    return model_from_choices(suggested_choices(stage_preview(con)), name=name)


def suggested_choices(preview: pd.DataFrame) -> list[dict]:
    """The rows of :func:`cjm.core.stage_edit.model_from_choices` for a :func:`stage_preview` as suggested: every
    value kept (once per spelling; at most :data:`~cjm.core.stage_model.MAX_STAGES`, those of the most customers),
    in typical order, the suggested final stages marked."""
    seen: set[str] = set()
    rows: list[dict] = []
    for value, final, customers in zip(preview["value"], preview["final"], preview["customers"]):
        if norm(str(value)) in seen:
            continue
        seen.add(norm(str(value)))
        rows.append({"value": value, "keep": True, "final": bool(final), "customers": int(customers)})
    if len(rows) < 2:
        raise CJMError("core.not_enough_to_infer")
    if len(rows) > MAX_STAGES:
        top = {id(r) for r in sorted(rows, key=lambda r: -r["customers"])[:MAX_STAGES]}
        for r in rows:
            r["keep"] = id(r) in top
    return rows


#: Words (after :func:`~cjm.core.stage_model.norm`, whole words) of a stage value where a journey ends: a closed
#: ticket, a finished application, a decided deal (EN / TR / RO).
FINAL_WORDS = ("closed", "close", "resolved", "done", "completed", "complete", "finished", "ended", "won", "lost",
               "cancelled", "canceled", "declined", "rejected", "archived", "churned",
               "kapandi", "kapali", "kapatildi", "cozuldu", "tamamlandi", "bitti", "sonuclandi", "iptal",
               "inchis", "rezolvat", "finalizat", "incheiat", "anulat", "respins", "castigat", "pierdut")
#: A value is the last event of at least this share of the customers who have it: no way onward.
FINAL_SHARE = 0.9


def stage_preview(con) -> pd.DataFrame:
    """Each distinct stage value of the data, for choosing stages before anything is saved (Settings,
    ``python -m cjm stages --infer``), in typical first-seen order (:func:`stage_values_in_order`).

    Columns: ``value``, ``events``, ``customers``, ``position`` (median rank of the value's first appearance in
    a customer's journey, 1 = first), ``last_share`` (share of its customers whose journey ends on it) and
    ``final`` (suggested final: no way onward — at least :data:`FINAL_SHARE` of its customers end there — or a
    word of closing such as Closed, Resolved, Kapandı, Închis, Tamamlandı, Finalizat; see :data:`FINAL_WORDS`).

    >>> from cjm.store import open_workspace
    >>> from cjm.ingest import import_file
    >>> ws = open_workspace(":memory:")
    >>> _ = import_file(ws, b"id,stage,date\\n1,Open,2026-01-02\\n1,Closed,2026-01-05\\n2,Open,2026-01-03\\n"
    ...                     b"2,Wait,2026-01-04\\n2,Open,2026-01-06\\n", file_name="a.csv")
    >>> stage_preview(ws.cursor())[["value", "customers", "position", "final"]].values.tolist()
    [['Open', 2, 1.0, False], ['Closed', 1, 2.0, True], ['Wait', 1, 2.0, False]]
    """
    words = "|".join(FINAL_WORDS)
    df = con.execute(f"""
        WITH firsts AS (SELECT ckey, stage, min(ts) AS first_ts, min(seq) AS first_seq FROM events GROUP BY ALL),
        ranked AS (SELECT stage, row_number() OVER (PARTITION BY ckey ORDER BY first_ts NULLS LAST, first_seq) AS r
                   FROM firsts),
        pos AS (SELECT stage, median(r) AS position FROM ranked GROUP BY stage),
        last AS (SELECT stage, count(DISTINCT ckey) AS ends FROM (
                     SELECT ckey, arg_max(stage, (coalesce(epoch_us(ts), 9223372036854775807), seq)) AS stage
                     FROM events GROUP BY ckey) GROUP BY stage),
        agg AS (SELECT stage, count(*) AS events, count(DISTINCT ckey) AS customers FROM events GROUP BY stage)
        SELECT agg.stage AS value, agg.events, agg.customers, pos.position::DOUBLE AS position,
               coalesce(last.ends, 0) / agg.customers AS last_share,
               (coalesce(last.ends, 0) >= ? * agg.customers
                OR regexp_matches(' ' || regexp_replace(lower(strip_accents(replace(replace(replace(agg.stage,
                    'ı', 'i'), 'ş', 's'), 'ș', 's'))), '[^0-9a-z]+', ' ', 'g') || ' ', ' ({words}) ')) AS final
        FROM agg JOIN pos USING (stage) LEFT JOIN last USING (stage)
        ORDER BY position, agg.customers DESC, value""", [FINAL_SHARE]).df()
    return df.astype({"events": "int64", "customers": "int64"})


def imports(con) -> pd.DataFrame:
    return con.execute("""SELECT import_id, file_name, rows_read, rows_loaded, rows_rejected, imported_at
                          FROM imports ORDER BY import_id""").df()
