"""Pain points: (stage, touchpoint) pairs ranked by a measured, documented impact score.

The score (shown to the user as :data:`FORMULA`):

``impact = negativity × (customers + dropped) × value weight``

- *negativity* = −(mean emotion of the pair's events) when that mean is below 0, else 0
  (canonical scale −2..+2, so 0..2). Pairs with no negative mean (or no emotion at all)
  have impact 0 and are **not listed**.
- *customers* = distinct customers with that touchpoint at that stage.
- *dropped* = those of them whose furthest stage (highest stage reached, filtered events)
  is this stage, when it is not a final stage of the model: they stopped after it.
  So a customer affected counts once, and twice when lost afterwards.
- *value weight* = mean customer value of those customers ÷ mean customer value of all
  customers (1 when no values). A customer's value is the largest ``value`` on their events;
  a customer without one counts with the mean of their segment (else of everyone).
- *value at stake* (shown, not in the score twice) = the sum of those customers' values.

>>> print(FORMULA.splitlines()[0])
impact = negativity × (customers + dropped) × value weight
"""

from __future__ import annotations

import duckdb
import pandas as pd

from cjm.analyses.channels import customer_values, pair_stats
from cjm.analyses.relations import filtered_events, stages_relation, with_ctes
from cjm.core.filters import Filters
from cjm.core.stage_model import StageModel
from cjm.errors import Message

#: The score in words (a :class:`~cjm.errors.Message`: ``FORMULA.message(lang)`` for Turkish or Romanian).
FORMULA = Message("pain.formula_text")


def pain_points(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None,
                top: int | None = None) -> pd.DataFrame:
    """(stage, touchpoint) pairs with a negative mean emotion, ranked by :data:`FORMULA` (highest first).

    Columns: rank (1, 2, …), stage_idx, stage, label, touchpoint, customers, n_emotion,
    mean_emotion, dropped, drop_rate (dropped ÷ customers), value_at_stake (NULL without values),
    negativity, value_weight, impact. Ties: more customers first, then stage order, then name.

    Reads the per-(stage, touchpoint) statistics and per-customer values kept per data version and filters
    (:func:`cjm.analyses.channels.pair_stats`, :func:`cjm.analyses.channels.customer_values`), shared with touchpoint lift.

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> list(pain_points(open_workspace(":memory:").cursor(), model=preset("five-stage")).columns)[:5]
    ['rank', 'stage_idx', 'stage', 'label', 'touchpoint']
    """
    st_sql, st_p = stages_relation(model)
    cu_rel, cu_p = customer_values(con, model=model, filters=filters)
    pr_rel, pr_p = pair_stats(con, model=model, filters=filters, field="touchpoint")
    head, params = with_ctes(("stages", st_sql, st_p), ("cv_mean", f"SELECT avg(v) AS m FROM {cu_rel}", cu_p),
                             ("pr", f"SELECT * FROM {pr_rel}", pr_p))
    limit, limit_p = ("LIMIT ?", [int(top)]) if top is not None else ("", [])
    return con.execute(f"""{head},
        pairs AS (SELECT p.stage_idx, p.key AS touchpoint, p.customers, p.n_emotion,
                         p.sum_emotion / nullif(p.n_emotion, 0) AS mean_emotion,
                         CASE WHEN s.final THEN 0 ELSE p.stayed END AS dropped,
                         p.value_sum AS value_at_stake, p.value_sum / nullif(p.value_n, 0) AS mean_value
                  FROM pr p JOIN stages s USING (stage_idx)),
        scored AS (
            SELECT s.stage_idx, s.stage, s.label, p.touchpoint, p.customers, p.n_emotion, p.mean_emotion, p.dropped,
                   p.dropped / p.customers AS drop_rate, p.value_at_stake,
                   greatest(0, -p.mean_emotion) AS negativity,
                   coalesce(greatest(0, p.mean_value) / nullif(m.m, 0), 1) AS value_weight
            FROM pairs p JOIN stages s USING (stage_idx), cv_mean m
            WHERE p.mean_emotion < 0),
        ranked AS (SELECT *, negativity * (customers + dropped) * value_weight AS impact FROM scored)
        SELECT row_number() OVER (ORDER BY impact DESC, customers DESC, stage_idx, touchpoint) AS rank, *
        FROM ranked WHERE impact > 0 ORDER BY rank {limit}""", [*params, *limit_p]).df()


def evidence(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None,
             stage: str | int, touchpoint: str, k: int = 3) -> pd.DataFrame:
    """Sample comments behind a pain point: the *k* most negative comments at (stage, touchpoint).

    Comments without an emotion come after those with one; ties in file order; the same text once. ``dropped``
    says whether that customer went no further than this stage.
    Columns: stage_idx, stage, label, touchpoint, customer_id, ts, emotion, comment, dropped.

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> len(evidence(open_workspace(":memory:").cursor(), model=preset("five-stage"), stage="research",
    ...              touchpoint="call"))
    0
    """
    idx = model.index(stage)
    st_sql, st_p = stages_relation(model)
    ev_sql, ev_p = filtered_events(model=model, filters=filters)
    cu_rel, cu_p = customer_values(con, model=model, filters=filters)
    head, params = with_ctes(("stages", st_sql, st_p), ("ev", ev_sql, ev_p), ("cv", f"SELECT * FROM {cu_rel}", cu_p))
    return con.execute(f"""{head}
        SELECT e.stage_idx, s.stage, s.label, e.touchpoint, e.customer_id, e.ts, e.emotion, e.comment,
               cv.furthest = e.stage_idx AND NOT s.final AS dropped
        FROM ev e JOIN stages s USING (stage_idx) JOIN cv USING (ckey)
        WHERE e.stage_idx = ? AND e.touchpoint = ? AND e.comment IS NOT NULL AND trim(e.comment) <> ''
        QUALIFY row_number() OVER (PARTITION BY e.comment ORDER BY e.emotion NULLS LAST, e.seq) = 1
        ORDER BY e.emotion NULLS LAST, e.seq LIMIT ?""", [*params, idx, str(touchpoint), int(k)]).df()
