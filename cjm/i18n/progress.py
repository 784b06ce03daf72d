"""Catalogue of journey management over time: KPIs, the journey score, trends, actions and their effect.

Three dicts with the same keys; merged into :data:`cjm.i18n.CATALOGUES` (see ``AREAS`` there).
"""

from __future__ import annotations

EN: dict[str, str] = {
    "progress.bad_metric": "\"{metric}\" is not a KPI metric; choose one of: {metrics}.",
    "progress.bad_direction": "\"{direction}\" is not a direction; a KPI is better when it is higher or lower.",
    "progress.no_kpi": "There is no KPI \"{kpi}\". List the KPIs with: python -m cjm kpi list.",
    "progress.action_no_title": "Give the action a title before saving it.",
    "progress.bad_type": "\"{type}\" is not a touchpoint type; choose one of: {types}.",
}

TR: dict[str, str] = {
    "progress.bad_metric": "\"{metric}\" bir KPI ölçütü değil; şunlardan birini seçin: {metrics}.",
    "progress.bad_direction": "\"{direction}\" bir yön değil; bir KPI yüksek ya da düşük olduğunda daha iyidir.",
    "progress.no_kpi": "\"{kpi}\" adında bir KPI yok. KPI listesini görmek için: python -m cjm kpi list.",
    "progress.action_no_title": "Kaydetmeden önce aksiyona bir başlık verin.",
    "progress.bad_type": "\"{type}\" bir temas noktası türü değil; şunlardan birini seçin: {types}.",
}

RO: dict[str, str] = {
    "progress.bad_metric": "„{metric}” nu este un indicator KPI; alegeți unul dintre: {metrics}.",
    "progress.bad_direction": "„{direction}” nu este o direcție; un KPI este mai bun când e mai mare sau mai mic.",
    "progress.no_kpi": "Nu există KPI-ul „{kpi}”. Vedeți lista KPI cu: python -m cjm kpi list.",
    "progress.action_no_title": "Dați acțiunii un titlu înainte de a o salva.",
    "progress.bad_type": "„{type}” nu este un tip de punct de contact; alegeți unul dintre: {types}.",
}
