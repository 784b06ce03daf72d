"""The "what if" model: a baseline estimated from the events, scenarios, and projections.

Modules by job: :mod:`~cjm.analyses.what_if.estimate` (read the data once), :mod:`~cjm.analyses.what_if.scenario`
(the levers; saved scenarios) and :mod:`~cjm.analyses.what_if.projection` (numpy only). Everything public is
imported here: ``from cjm.analyses.what_if import baseline, project, Scenario``.

Two steps, so that a slider never touches the database:

1. :func:`baseline` reads the events once (DuckDB SQL, current filters) and returns a
   :class:`Baseline` — a frozen, picklable summary: monthly inflow at the first stage,
   conversion between consecutive stages, median days per stage, value per won
   customer, the referral rate, emotion elasticities, and bootstrap draws of all of it.
2. :func:`project` turns a ``Baseline`` and a :class:`Scenario` into a :class:`Projection`
   with numpy only (well under a millisecond for a 12-month horizon).

The model (shown to the user by :meth:`Baseline.assumptions`):

- **Funnel** — furthest-stage semantics: a customer who reached stage *k* passed all
  earlier stages. A positive outcome at a decision stage (Hinge's *hired* at pre-purchase)
  counts as reaching the next stage. Conversion *at* stage *k* is the share of customers
  who reached *k* that reached *k + 1*.
- **Inflow** — customers per month at the first stage: customers in the data divided by the
  calendar months between the first and the last customer's first event (both included).
- **Won** — customers reaching the won stage (the stage model's won stage, e.g. Hinge's
  *client experience*; the caller may name another; a model naming none: the second stage, said in the
  assumptions). **Value per won customer** = mean over won customers of their value, read as everywhere
  (:func:`cjm.store.kept.value_reading`): a value repeated on a customer's rows is taken once, amounts that
  vary between a customer's events are summed.
- **Referral loop** — *referral rate* = new prospects brought per won customer. From the
  data when referred customers can be seen (a touchpoint or channel at the first stage, or
  a segment, that says "referral" / "tavsiye" / "recomandare" …: rate = referred / won); else
  from advocates (a positive outcome at the last stage, or reaching an "advocacy" stage),
  assuming one referral per advocate; else ``None`` (no loop until the user sets a rate).
  Steady state, month by month: ``inflow[t] = external + rate × won[t-1]``,
  ``won[t] = inflow[t] × P(won)``; referrals made in month *t* arrive in month *t + 1*.
  ``external = observed inflow − baseline rate × observed won per month`` (the observed
  inflow already contains the referrals of the past), and ``won[0]`` = observed won per
  month. A customer flows through the whole funnel in the month they enter (a steady
  pipeline: what leaves the pipeline equals what enters it, so stage delays cancel out).
- **Fix a pain point** — raising the mean emotion at a stage (or a touchpoint of it) from
  ``x̄`` to a target changes the conversion at that stage by ``slope × (target − x̄) ×
  coverage``, where ``slope = β p̄ (1 − p̄)`` is the derivative of a logistic regression of
  "progressed to the next stage" on the customer's mean emotion at that stage, at the
  current mean, and *coverage* the share of the stage's customers who had that touchpoint
  (1 for a whole stage). Targets at or below the current mean change nothing.
- **Uncertainty** — a Poisson bootstrap over customers (each customer's weight ~ Poisson(1),
  which draws each funnel count ~ Poisson(count)), :data:`N_BOOT` draws, seeded; value per
  customer by its normal approximation; elasticities from ``β ~ Normal(β̂, se)``. A
  projection's band is the 5th–95th percentile over the draws.
- **Contributions** — levers are applied one at a time, cumulatively, in :data:`LEVER_ORDER`;
  a lever's contribution is the change it adds, so contributions sum to the total.

>>> b = Baseline.example()
>>> p = project(b, Scenario(inflow_pct=10), horizon_months=12)
>>> p.headline()["won"]["baseline"], round(p.headline()["won"]["scenario"], 6)
(60.0, 66.0)
"""

from cjm.analyses.what_if.estimate import (
    ADVOCACY_STAGES,
    MIN_CUSTOMERS,
    MIN_EACH,
    N_BOOT,
    REFERRAL_WORDS,
    REFERRALS_PER_ADVOCATE,
    Baseline,
    Elasticity,
    baseline,
    fit_logistic,
)
from cjm.analyses.what_if.projection import LEVER_ORDER, Projection, project
from cjm.analyses.what_if.scenario import (
    ConversionChange,
    PainFix,
    Scenario,
    delete_scenario,
    load_scenarios,
    save_scenario,
)

__all__ = ["ADVOCACY_STAGES", "LEVER_ORDER", "MIN_CUSTOMERS", "MIN_EACH", "N_BOOT", "REFERRALS_PER_ADVOCATE",
           "REFERRAL_WORDS", "Baseline", "ConversionChange", "Elasticity", "PainFix", "Projection", "Scenario",
           "baseline", "delete_scenario", "fit_logistic", "load_scenarios", "project", "save_scenario"]
