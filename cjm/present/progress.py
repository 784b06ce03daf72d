"""Journey-management texts: a KPI as one line, a fix's measured effect as an honest sentence, in the interface
language with its number formats.

>>> from cjm.analyses.effects import Change
>>> effect_verdict(Change("emotion", -1.0, -0.1, 80, 70, 0.9, 0.5, 1.3, "improved"), "en")
'improved by +0.9 (95% CI +0.5 to +1.3)'
>>> effect_verdict(Change("conversion", 0.4, 0.42, 50, 12, 0.02, -0.2, 0.25, "no_change"), "en")
'no detectable change yet (+2 points, 95% CI −20 to +25; n = 12 after)'
>>> effect_verdict(Change("emotion", -1.0, 0.4, 80, 70, 1.4, 1.1, 1.7, "improved"), "tr")
'+1,4 iyileşti (%95 GA +1,1 ile +1,7 arası)'
"""

from __future__ import annotations

import math

from cjm.analyses.effects import Change, Effect
from cjm.i18n import t
from cjm.i18n.numbers import decimal, number, percent


def _signed(value: float | None, measure: str, lang: str) -> str:
    if measure == "conversion":
        return t("effect.points", lang=lang, value=decimal(None if value is None else 100 * value, lang, digits=0,
                                                           signed=True))
    return decimal(value, lang, signed=True)


def _bare(value: float | None, measure: str, lang: str) -> str:
    if measure == "conversion":
        return decimal(None if value is None else 100 * value, lang, digits=0, signed=True)
    return decimal(value, lang, signed=True)


def effect_verdict(change: Change, lang: str = "en") -> str:
    """The verdict of one measure as the interface says it ("improved by +0.9 (95% CI +0.5 to +1.3)")."""
    v = change.verdict
    if v in ("too_early", "not_done"):
        return t(f"effect.{v}", lang=lang, n_after=number(change.n_after, lang)) if v == "too_early" else t(
            "effect.not_done", lang=lang)
    return t(f"effect.{v}", lang=lang, change=_signed(change.difference, change.measure, lang),
             low=_bare(change.low, change.measure, lang), high=_bare(change.high, change.measure, lang),
             n_after=number(change.n_after, lang))


def effect_lines(effect: Effect, where: str, lang: str = "en") -> list[str]:
    """The two measures of an action's effect as sentences (emotion, then going on to a later stage)."""
    return [t("effect.emotion", lang=lang, where=where, verdict=effect_verdict(effect.emotion, lang)),
            t("effect.conversion", lang=lang, where=where, days=number(effect.window_days, lang),
              verdict=effect_verdict(effect.conversion, lang))]


def kpi_value(metric: str, value: float | None, lang: str = "en") -> str:
    """A KPI value in the metric's own unit: a count, a percentage, days, an emotion or an NPS."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if metric in ("conversion", "stuck_share"):
        return percent(value, lang, digits=1)
    if metric == "reached":
        return number(value, lang)
    if metric == "mean_emotion":
        return decimal(value, lang, digits=2, signed=True)
    if metric == "nps":
        return decimal(value, lang, digits=0, signed=True)
    return decimal(value, lang, digits=1)
