"""Workshop texts built from the journey map: the sentences that spell out where the team's assumed emotion and
the customers' measured one differ, in the interface language with its number formats.

>>> from cjm.analyses.journey_map import Estimate, Gap
>>> g = Gap("acclimate", "Alışma", "as_is", 1.0, Estimate(-0.4, 201, -0.6, -0.2), -1.4, True)
>>> gap_sentence(g, "en")
'The team expects +1.0 at Alışma; customers report −0.4 (n = 201, 95% CI −0.6 to −0.2).'
>>> gap_sentence(g, "tr")
'Ekip Alışma aşamasında +1,0 bekliyor; müşteriler −0,4 bildiriyor (n = 201, %95 GA −0,6 ile −0,2 arası).'
>>> gap_sentence(Gap("a", "Evaluare", "as_is", -1.0, Estimate(0.5, 1), 1.5, False), "ro")
'Echipa se așteaptă la −1,0 în etapa Evaluare; clienții raportează +0,5 (n = 1).'
"""

from __future__ import annotations

from cjm.analyses.journey_map import Gap, JourneyMap
from cjm.i18n import t
from cjm.i18n.numbers import decimal, number


def gap_sentence(gap: Gap, lang: str = "en") -> str:
    """One gap as a sentence: what the team expects, what customers report, with n and the 95% interval."""
    m = gap.measured
    values = {"assumed": decimal(gap.assumed, lang, signed=True), "stage": gap.label,
              "measured": decimal(m.value, lang, signed=True), "n": number(m.n, lang)}
    if m.ci_low is None or m.ci_high is None:
        return t("gap.sentence_no_ci", lang=lang, **values)
    return t("gap.sentence", lang=lang, low=decimal(m.ci_low, lang, signed=True),
             high=decimal(m.ci_high, lang, signed=True), **values)


def gap_sentences(jm: JourneyMap, lang: str = "en", *, kind: str = "as_is", k: int = 3) -> list[str]:
    """The *k* largest gaps of the map as sentences (none when the team set no assumed value that data meets)."""
    return [gap_sentence(g, lang) for g in jm.gaps(kind, k)]
