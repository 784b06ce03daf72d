"""Personas and buying-team roles: what the data says about each persona, and which roles take part at each stage.

**Which field.** A persona card stands for a value of the ``persona`` column; when no event carries a persona, for
a value of ``segment`` (:func:`data_field`). All functions here take that field as ``field=`` (default: the one
:func:`data_field` picks).

**A persona's customers** are those with at least one event of that value among the events the global filters keep
(events at stages outside the model left out): the same customers the journey map shows with a persona filter on
that value, so a card's numbers and "the map for this persona" agree. A customer with events of two personas counts
for both (as in :func:`cjm.analyses.funnel.breakdown`).

- **furthest stage**: the highest stage a customer has an event at (in that persona's events); a customer counts as
  *reaching* stage *k* when the furthest stage is *k* or later (the funnel's "furthest" mode).
- **won**: customers reaching the model's won stage (:meth:`~cjm.core.stage_model.StageModel.won_index`), NULL when
  the model names none; ``won_share = won / customers``.
- **furthest_median**: the median customer's furthest stage (the lower median for an even count: always a stage).
- **emotion**: mean of the persona's event scores with n and the 95% t-interval of :mod:`cjm.analyses.emotion`.

**Role × stage** (:func:`role_stage`): for each stage and role, the customers with an event in that role at that
stage, their events, and mean emotion with n. A role value of the data is recognised as one of the five
buying-team roles (:data:`cjm.store.notes.ROLES`) by its name in any language (:data:`ROLE_ALIASES`, the catalogue's
role names, case and accents ignored); "main client" and "Client principal" are then one row (``role`` = the role
key); other values keep their own name (``role_key`` NULL).

A small running example: two owners and a CFO.

>>> from cjm.store import insert_events, open_workspace
>>> from cjm.core.stage_model import preset
>>> con = open_workspace(":memory:").cursor()
>>> insert_events(con, ["seq", "import_id", "source_file", "source_row", "customer_id", "ts", "stage",
...                     "stage_idx", "persona", "role", "emotion"],
...               "VALUES (1, 1, 'f', 2, 'a', NULL, 'awareness', 0, 'Owner', 'main client', -1), "
...               "(2, 1, 'f', 3, 'a', NULL, 'purchase', 2, 'Owner', 'main client', 2), "
...               "(3, 1, 'f', 4, 'b', NULL, 'awareness', 0, 'Owner', 'Blocant', 0), "
...               "(4, 1, 'f', 5, 'c', NULL, 'research', 1, 'CFO', 'coach', NULL)")
4
>>> m = preset("five-stage")
>>> data_field(con)
'persona'
>>> persona_summary(con, model=m)[["value", "customers", "won", "furthest_label", "mean", "n"]].values.tolist()
[['Owner', 2, 1, 'Awareness', 0.3333333333333333, 3], ['CFO', 1, 0, 'Research', nan, 0]]
>>> r = role_stage(con, model=m)
>>> r[r["customers"] > 0][["label", "role", "customers", "mean"]].values.tolist()
[['Awareness', 'main_client', 1, -1.0], ['Awareness', 'blocker', 1, 0.0], ['Research', 'coach', 1, nan], \
['Purchase', 'main_client', 1, 2.0]]
"""

from __future__ import annotations

import difflib
import unicodedata

import duckdb
import pandas as pd

from cjm.analyses.emotion import _ci_sql
from cjm.analyses.relations import filtered_events, stages_relation, with_ctes
from cjm.core.filters import Filters
from cjm.core.sql import ident
from cjm.core.stage_model import StageModel
from cjm.errors import CJMError, Words
from cjm.i18n import CATALOGUES
from cjm.store.notes import ROLES

#: Fields a persona card can stand for, in the order :func:`data_field` tries them.
PERSONA_FIELDS = ("persona", "segment")

#: Words the data may use for each buying-team role, besides its key and its catalogue names in every language
#: (matched with case, accents and surrounding spaces ignored). The Romanian sample writes "Blocant",
#: "Influențator", "Utilizator"; the Romanian article "clientul principal", "consumatorii", "antrenor",
#: "factorii de influență / de respingere".
ROLE_ALIASES: dict[str, tuple[str, ...]] = {
    "main_client": ("main client", "main clients", "primary client", "decision maker", "economic buyer",
                    "clientul principal", "ana müşteri", "karar verici"),
    "user": ("user", "users", "end user", "utilizator", "utilizatori", "consumator", "consumatori", "kullanıcı",
             "kullanıcılar"),
    "coach": ("coach", "consultant", "advisor", "adviser", "coach / consultant", "coach/consultant", "antrenor",
              "consultant", "koç", "danışman"),
    "influencer": ("influencer", "influencers", "influențator", "influențatori", "factorii de influență",
                   "etkileyen", "etkileyici"),
    "blocker": ("blocker", "blockers", "gatekeeper", "blocant", "blocanți", "factorii de respingere", "engelleyen",
                "engelleyici"),
}

#: SQL that puts a text in the form role names are compared in (lower case, no accents, Turkish ı as i).
_NORM_SQL = "replace(strip_accents(lower(trim({x}))), 'ı', 'i')"


def _norm(text: str) -> str:
    """The Python twin of :data:`_NORM_SQL`, for matching names outside SQL.

    >>> _norm(" Ana Müşteri "), _norm("Influențator")
    ('ana musteri', 'influentator')
    """
    folded = unicodedata.normalize("NFKD", text.strip().lower().replace("ı", "i"))
    return "".join(c for c in folded if not unicodedata.combining(c))


def role_aliases() -> tuple[list[str], list[str]]:
    """``(aliases, role keys)``, two lists of the same length: every name of every role (:data:`ROLE_ALIASES`, the
    key with spaces, and the role's catalogue name in each language).

    >>> a, k = role_aliases(); k[a.index("Client principal")]
    'main_client'
    """
    aliases: list[str] = []
    keys: list[str] = []
    for key in ROLES:
        names = {key, key.replace("_", " "), *ROLE_ALIASES.get(key, ())}
        names |= {cat[f"role.{key}"] for cat in CATALOGUES.values() if f"role.{key}" in cat}
        for name in sorted(names):
            aliases.append(name)
            keys.append(key)
    return aliases, keys


def data_field(con: duckdb.DuckDBPyConnection) -> str | None:
    """The field persona cards stand for: ``"persona"`` when any event carries a persona, else ``"segment"`` when any
    carries a segment, else None. Read on all events (not the filtered ones), so filters never switch it.

    >>> from cjm.store import open_workspace
    >>> data_field(open_workspace(":memory:").cursor()) is None
    True
    """
    counts = con.execute("SELECT count(persona), count(segment) FROM events").fetchall()[0]
    for name, n in zip(PERSONA_FIELDS, counts):
        if n:
            return name
    return None


def _field(con: duckdb.DuckDBPyConnection, field: str | None) -> str | None:
    if field is None:
        return data_field(con)
    if field not in PERSONA_FIELDS:
        raise CJMError("personas.bad_field", field=field, fields=Words(PERSONA_FIELDS, "or"))
    return field


def suggest_link(name: str, values: list[str]) -> str | None:
    """The data value a card called *name* most likely stands for: the same word (case and accents ignored), else a
    value the name contains or that contains the name, else a close spelling; None when nothing is close.

    >>> suggest_link("Ayşe, the owner", ["CFO", "Owner", "IT manager"])
    'Owner'
    >>> suggest_link("Contabil sef", ["Antreprenor", "Contabil-șef"]), suggest_link("Zoe", ["CFO", "COO"])
    ('Contabil-șef', None)
    """
    wanted = _norm(name or "")
    if not wanted:
        return None
    normed = {_norm(v): v for v in reversed(values)}  # the first of equal spellings wins
    if wanted in normed:
        return normed[wanted]
    inside = [v for n, v in normed.items() if n and (n in wanted or wanted in n)]
    if inside:
        return max(inside, key=lambda v: (len(_norm(v)), -values.index(v)))
    close = difflib.get_close_matches(wanted, list(normed), n=1, cutoff=0.75)
    return normed[close[0]] if close else None


def persona_summary(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None,
                    field: str | None = None) -> pd.DataFrame:
    """One row per value of the persona field (see the module docstring), most customers first.

    Columns: ``value, customers, events, won, won_share, furthest_median`` (stage index),
    ``furthest_stage, furthest_label, mean, n, sd, ci_low, ci_high``. No rows when the data has no persona or
    segment values.

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> len(persona_summary(open_workspace(":memory:").cursor(), model=preset("five-stage")))
    0
    """
    name = _field(con, field)
    cols = ["value", "customers", "events", "won", "won_share", "furthest_median", "furthest_stage",
            "furthest_label", "mean", "n", "sd", "ci_low", "ci_high"]
    if name is None:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    col = ident(name, PERSONA_FIELDS)
    st_sql, st_p = stages_relation(model)
    ev_sql, ev_p = filtered_events(model=model, filters=filters)
    head, params = with_ctes(("stages", st_sql, st_p), ("ev", ev_sql, ev_p))
    ci, ci_p = _ci_sql("e.mean", "e.sd", "e.n")
    won = model.won_index()
    sql = f"""{head},
        per AS (SELECT {col}::VARCHAR AS value, ckey, max(stage_idx) AS furthest
                FROM ev WHERE {col} IS NOT NULL GROUP BY ALL),
        cust AS (SELECT value, count(*) AS customers,
                        CASE WHEN ?::INTEGER IS NOT NULL THEN count(*) FILTER (WHERE furthest >= ?::INTEGER) END AS won,
                        quantile_disc(furthest, 0.5) AS furthest_median
                 FROM per GROUP BY value),
        e AS (SELECT {col}::VARCHAR AS value, count(*) AS events, avg(emotion) AS mean, count(emotion) AS n,
                     stddev_samp(emotion) AS sd
              FROM ev WHERE {col} IS NOT NULL GROUP BY ALL)
        SELECT c.value, c.customers, e.events, c.won, c.won / c.customers AS won_share, c.furthest_median,
               s.stage AS furthest_stage, s.label AS furthest_label, e.mean, e.n, e.sd, {ci}
        FROM cust c JOIN e USING (value) LEFT JOIN stages s ON s.stage_idx = c.furthest_median
        ORDER BY c.customers DESC, c.value"""
    return con.execute(sql, [*params, won, won, *ci_p]).df()


def persona_reach(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None,
                  field: str | None = None) -> pd.DataFrame:
    """How far each persona's customers get: for each value and every stage of the model, the customers reaching
    it (furthest stage at it or later) and their share of the value's customers.

    Columns: ``value, stage_idx, stage, label, customers, share``; values in :func:`persona_summary`'s order.

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> list(persona_reach(open_workspace(":memory:").cursor(), model=preset("five-stage")).columns)
    ['value', 'stage_idx', 'stage', 'label', 'customers', 'share']
    """
    name = _field(con, field)
    cols = ["value", "stage_idx", "stage", "label", "customers", "share"]
    if name is None:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    col = ident(name, PERSONA_FIELDS)
    st_sql, st_p = stages_relation(model)
    ev_sql, ev_p = filtered_events(model=model, filters=filters)
    head, params = with_ctes(("stages", st_sql, st_p), ("ev", ev_sql, ev_p))
    sql = f"""{head},
        per AS (SELECT {col}::VARCHAR AS value, ckey, max(stage_idx) AS furthest
                FROM ev WHERE {col} IS NOT NULL GROUP BY ALL),
        tot AS (SELECT value, count(*) AS total FROM per GROUP BY value)
        SELECT t.value, s.stage_idx, s.stage, s.label,
               count(p.ckey) AS customers, count(p.ckey) / t.total AS share
        FROM tot t CROSS JOIN stages s LEFT JOIN per p ON p.value = t.value AND p.furthest >= s.stage_idx
        GROUP BY t.value, t.total, s.stage_idx, s.stage, s.label
        ORDER BY t.total DESC, t.value, s.stage_idx"""
    return con.execute(sql, params).df()


def role_stage(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None) -> pd.DataFrame:
    """Which buying-team roles take part at each stage: every stage × every role seen in the filtered events.

    Columns: ``stage_idx, stage, label, role`` (the role key when the value is one of the five roles, else the
    value as written), ``role_key`` (or NULL), ``customers`` (with an event in that role at that stage; 0 when
    none), ``share`` (of the stage's customers, any role or none), ``events``, ``mean, n, sd, ci_low, ci_high``
    (emotion). Stages in model order; roles in :data:`~cjm.store.notes.ROLES` order, then other values by name.
    No rows when no event has a role.

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> len(role_stage(open_workspace(":memory:").cursor(), model=preset("five-stage")))
    0
    """
    st_sql, st_p = stages_relation(model)
    ev_sql, ev_p = filtered_events(model=model, filters=filters)
    aliases, keys = role_aliases()
    head, params = with_ctes(
        ("stages", st_sql, st_p), ("ev", ev_sql, ev_p),
        ("aliases", f"SELECT DISTINCT {_NORM_SQL.format(x='a')} AS alias, k AS role_key "
                    "FROM (SELECT unnest(?::VARCHAR[]) AS a, unnest(?::VARCHAR[]) AS k)", [aliases, keys]),
        ("role_order", "SELECT unnest(?::VARCHAR[]) AS role_key, generate_subscripts(?::VARCHAR[], 1) AS pos",
         [list(ROLES), list(ROLES)]))
    ci, ci_p = _ci_sql("a.mean", "a.sd", "a.n")
    sql = f"""{head},
        raw AS (SELECT DISTINCT role::VARCHAR AS raw FROM ev WHERE role IS NOT NULL),
        rmap AS (SELECT r.raw, coalesce(al.role_key, r.raw) AS role, al.role_key
                 FROM raw r LEFT JOIN aliases al ON al.alias = {_NORM_SQL.format(x='r.raw')}),
        rev AS (SELECT e.stage_idx, e.ckey, e.emotion, m.role FROM ev e JOIN rmap m ON m.raw = e.role::VARCHAR),
        roles AS (SELECT DISTINCT role, role_key FROM rmap),
        per_stage AS (SELECT stage_idx, count(DISTINCT ckey) AS stage_customers FROM ev GROUP BY stage_idx),
        a AS (SELECT stage_idx, role, count(DISTINCT ckey) AS customers, count(*) AS events, avg(emotion) AS mean,
                     count(emotion) AS n, stddev_samp(emotion) AS sd
              FROM rev GROUP BY stage_idx, role)
        SELECT s.stage_idx, s.stage, s.label, r.role, r.role_key, coalesce(a.customers, 0) AS customers,
               coalesce(a.customers, 0) / ps.stage_customers AS share, coalesce(a.events, 0) AS events,
               a.mean, coalesce(a.n, 0) AS n, a.sd, {ci}
        FROM stages s CROSS JOIN roles r
             LEFT JOIN a ON a.stage_idx = s.stage_idx AND a.role = r.role
             LEFT JOIN per_stage ps ON ps.stage_idx = s.stage_idx
             LEFT JOIN role_order o ON o.role_key = r.role_key
        ORDER BY s.stage_idx, o.pos NULLS LAST, r.role"""
    return con.execute(sql, [*params, *ci_p]).df()
