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

from cjm.channels import _with, events_cte, stages_cte
from cjm.emotion import resolve_stage
from cjm.filters import Filters
from cjm.models import StageModel

FORMULA = """impact = negativity × (customers + dropped) × value weight
  negativity   = − mean emotion of the touchpoint at that stage, when below 0 (scale −2..+2); else 0
  customers    = customers who had the touchpoint at that stage
  dropped      = those of them who went no further than that stage (a final stage loses no one)
  value weight = mean value of those customers ÷ mean value of all customers (1 without values)
A customer without a value counts with the mean value of their segment (or of everyone).
Touchpoints whose mean emotion is not negative have impact 0 and are not listed."""


def _base(con: duckdb.DuckDBPyConnection, model: StageModel, filters: Filters | None) -> tuple[str, list]:
    st_sql, st_p = stages_cte(model)
    ev_sql, ev_p = events_cte(model, filters)
    head, params = _with(("stages", st_sql, st_p), ("ev", ev_sql, ev_p))
    return f"""{head},
        cust AS (SELECT customer_id, max(stage_idx) AS top, max(value) AS v,
                        arg_min(segment, seq) FILTER (WHERE segment IS NOT NULL) AS seg
                 FROM ev GROUP BY ALL),
        seg_mean AS (SELECT seg, avg(v) AS m FROM cust WHERE v IS NOT NULL GROUP BY ALL),
        all_mean AS (SELECT avg(v) AS m FROM cust),
        cv AS (SELECT c.customer_id, c.top, coalesce(c.v, sm.m, am.m) AS v
               FROM cust c LEFT JOIN seg_mean sm ON sm.seg IS NOT DISTINCT FROM c.seg CROSS JOIN all_mean am),
        cv_mean AS (SELECT avg(v) AS m FROM cv),
        pair_cust AS (SELECT stage_idx, touchpoint, customer_id, sum(emotion) AS se, count(emotion) AS ne
                      FROM ev WHERE touchpoint IS NOT NULL GROUP BY ALL),
        dropped_cust AS (SELECT p.*, cv.v, cv.top = p.stage_idx AND NOT s.final AS dropped
                         FROM pair_cust p JOIN cv USING (customer_id) JOIN stages s USING (stage_idx))""", params


def pain_points(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None,
                top: int | None = None) -> pd.DataFrame:
    """(stage, touchpoint) pairs with a negative mean emotion, ranked by :data:`FORMULA` (highest first).

    Columns: rank (1, 2, …), stage_idx, stage, label, touchpoint, customers, n_emotion,
    mean_emotion, dropped, drop_rate (dropped ÷ customers), value_at_stake (NULL without values),
    negativity, value_weight, impact. Ties: more customers first, then stage order, then name.

    >>> from cjm.store import open_workspace; from cjm.models import preset
    >>> list(pain_points(open_workspace(":memory:").cursor(), model=preset("five-stage")).columns)[:5]
    ['rank', 'stage_idx', 'stage', 'label', 'touchpoint']
    """
    base, params = _base(con, model, filters)
    limit, limit_p = ("LIMIT ?", [int(top)]) if top is not None else ("", [])
    return con.execute(f"""{base},
        pairs AS (SELECT stage_idx, touchpoint, count(*) AS customers, sum(ne)::BIGINT AS n_emotion,
                         sum(se) / nullif(sum(ne), 0) AS mean_emotion, count(*) FILTER (WHERE dropped) AS dropped,
                         sum(v) AS value_at_stake, avg(v) AS mean_value
                  FROM dropped_cust GROUP BY ALL),
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

    >>> from cjm.store import open_workspace; from cjm.models import preset
    >>> len(evidence(open_workspace(":memory:").cursor(), model=preset("five-stage"), stage="research",
    ...              touchpoint="call"))
    0
    """
    idx = resolve_stage(model, stage)
    base, params = _base(con, model, filters)
    return con.execute(f"""{base}
        SELECT e.stage_idx, s.stage, s.label, e.touchpoint, e.customer_id, e.ts, e.emotion, e.comment, d.dropped
        FROM ev e JOIN stages s USING (stage_idx)
        JOIN dropped_cust d ON d.stage_idx = e.stage_idx AND d.touchpoint = e.touchpoint AND d.customer_id = e.customer_id
        WHERE e.stage_idx = ? AND e.touchpoint = ? AND e.comment IS NOT NULL AND trim(e.comment) <> ''
        QUALIFY row_number() OVER (PARTITION BY e.comment ORDER BY e.emotion NULLS LAST, e.seq) = 1
        ORDER BY e.emotion NULLS LAST, e.seq LIMIT ?""", [*params, idx, str(touchpoint), int(k)]).df()
