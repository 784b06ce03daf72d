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

EN.update({
    "effect.improved": "improved by {change} (95% CI {low} to {high})",
    "effect.worsened": "worsened by {change} (95% CI {low} to {high})",
    "effect.no_change": "no detectable change yet ({change}, 95% CI {low} to {high}; n = {n_after} after)",
    "effect.too_early": "too early to tell (n = {n_after} after)",
    "effect.not_done": "not done yet: the effect is measured from the done date on",
    "effect.emotion": "Emotion at {where}: {verdict}",
    "effect.conversion": "Going on from {where} within {days} days: {verdict}",
    "effect.points": "{value} points",
    "effect.method": "Before and after the done date, at the action's stage (and touchpoint). Emotion: Welch's "
                     "interval for a difference of two means; going on: Newcombe's interval for a difference of two "
                     "shares. This is not an experiment: seasonality, a change in who the customers are (another "
                     "campaign, another segment) and anything else that changed on the same date move these numbers "
                     "too; the interval covers chance only.",
    "kpi.metric.reached": "Customers reaching",
    "kpi.metric.conversion": "Conversion from the previous stage",
    "kpi.metric.median_days": "Median days in stage",
    "kpi.metric.mean_emotion": "Mean emotion",
    "kpi.metric.nps": "NPS",
    "kpi.metric.stuck_share": "Share of stuck customers",
    "kpi.status.met": "met",
    "kpi.status.missed": "missed",
    "kpi.status.unclear": "can't tell yet",
    "kpi.direction.higher": "higher is better",
    "kpi.direction.lower": "lower is better",
    "kpi.score_definition": "Journey score: 100 × (KPIs met + half of those that can't tell yet) ÷ all KPIs — per stage "
                            "and for the whole journey. 100: every KPI met; 0: every KPI missed.",
    "kpi.line": "{id}: {stage} · {metric} {value} (95% CI {low} to {high}; n = {n}) · target {target}, {direction} · "
                "{status}",
    "kpi.line_exact": "{id}: {stage} · {metric} {value} · target {target}, {direction} · {status}",
    "kpi.none": "No KPIs yet. Add one with: python -m cjm kpi set --stage STAGE --metric METRIC --target NUMBER",
    "kpi.saved": "KPI {id} saved.",
    "kpi.removed": "KPI {id} removed.",
    "kpi.score": "Journey score: {score}",
    "action.line": "{id}: {title} · {where} · owner {owner} · due {due} · done {done}",
    "action.none": "No actions yet. Add one with: python -m cjm actions set --stage STAGE --title TEXT",
    "action.saved": "Action {id} saved.",
    "tptype.peripheral": "peripheral",
    "tptype.external": "external",
    "tptype.internal": "internal",
})
TR.update({
    "effect.improved": "{change} iyileşti (%95 GA {low} ile {high} arası)",
    "effect.worsened": "{change} kötüleşti (%95 GA {low} ile {high} arası)",
    "effect.no_change": "henüz fark edilir bir değişiklik yok ({change}, %95 GA {low} ile {high} arası; sonrasında n = "
                        "{n_after})",
    "effect.too_early": "söylemek için erken (sonrasında n = {n_after})",
    "effect.not_done": "henüz yapılmadı: etki, tamamlanma tarihinden itibaren ölçülür",
    "effect.emotion": "{where} noktasında duygu: {verdict}",
    "effect.conversion": "{days} gün içinde {where} sonrasına geçiş: {verdict}",
    "effect.points": "{value} puan",
    "effect.method": "Aksiyonun aşamasında (ve temas noktasında) tamamlanma tarihinden önce ve sonra. Duygu: iki "
                     "ortalamanın farkı için Welch aralığı; devam etme: iki oranın farkı için Newcombe aralığı. Bu bir "
                     "deney değildir: mevsimsellik, müşteri karışımındaki bir değişiklik (başka bir kampanya, başka bir "
                     "segment) ve aynı tarihte değişen her şey bu sayıları da etkiler; aralık yalnızca tesadüfü kapsar.",
    "kpi.metric.reached": "Ulaşan müşteriler",
    "kpi.metric.conversion": "Önceki aşamadan dönüşüm",
    "kpi.metric.median_days": "Aşamada geçen gün (medyan)",
    "kpi.metric.mean_emotion": "Ortalama duygu",
    "kpi.metric.nps": "NPS",
    "kpi.metric.stuck_share": "Takılan müşterilerin payı",
    "kpi.status.met": "ulaşıldı",
    "kpi.status.missed": "ulaşılamadı",
    "kpi.status.unclear": "henüz belli değil",
    "kpi.direction.higher": "yüksek olması iyi",
    "kpi.direction.lower": "düşük olması iyi",
    "kpi.score_definition": "Yolculuk puanı: 100 × (ulaşılan KPI'lar + henüz belli olmayanların yarısı) ÷ tüm KPI'lar — "
                            "her aşama ve tüm yolculuk için. 100: tüm KPI'lara ulaşıldı; 0: hiçbirine ulaşılamadı.",
    "kpi.line": "{id}: {stage} · {metric} {value} (%95 GA {low} ile {high} arası; n = {n}) · hedef {target}, "
                "{direction} · {status}",
    "kpi.line_exact": "{id}: {stage} · {metric} {value} · hedef {target}, {direction} · {status}",
    "kpi.none": "Henüz KPI yok. Eklemek için: python -m cjm kpi set --stage STAGE --metric METRIC --target NUMBER",
    "kpi.saved": "{id} KPI'ı kaydedildi.",
    "kpi.removed": "{id} KPI'ı kaldırıldı.",
    "kpi.score": "Yolculuk puanı: {score}",
    "action.line": "{id}: {title} · {where} · sorumlu {owner} · bitiş {due} · tamamlandı {done}",
    "action.none": "Henüz aksiyon yok. Eklemek için: python -m cjm actions set --stage STAGE --title TEXT",
    "action.saved": "{id} aksiyonu kaydedildi.",
    "tptype.peripheral": "çevresel",
    "tptype.external": "dış",
    "tptype.internal": "dahili",
})
RO.update({
    "effect.improved": "s-a îmbunătățit cu {change} (IÎ 95% între {low} și {high})",
    "effect.worsened": "s-a înrăutățit cu {change} (IÎ 95% între {low} și {high})",
    "effect.no_change": "nicio schimbare detectabilă încă ({change}, IÎ 95% între {low} și {high}; n = {n_after} după)",
    "effect.too_early": "prea devreme pentru a spune (n = {n_after} după)",
    "effect.not_done": "încă nefinalizată: efectul se măsoară de la data finalizării",
    "effect.emotion": "Emoția la {where}: {verdict}",
    "effect.conversion": "Trecerea mai departe de {where} în {days} zile: {verdict}",
    "effect.points": "{value} puncte",
    "effect.method": "Înainte și după data finalizării, în etapa acțiunii (și la punctul de contact). Emoția: intervalul "
                     "Welch pentru diferența a două medii; trecerea mai departe: intervalul Newcombe pentru diferența a "
                     "două proporții. Nu este un experiment: sezonalitatea, o schimbare a clienților (altă campanie, alt "
                     "segment) și orice altceva s-a schimbat la aceeași dată mișcă și ele aceste cifre; intervalul "
                     "acoperă doar întâmplarea.",
    "kpi.metric.reached": "Clienți care ajung",
    "kpi.metric.conversion": "Conversie din etapa anterioară",
    "kpi.metric.median_days": "Zile în etapă (mediană)",
    "kpi.metric.mean_emotion": "Emoția medie",
    "kpi.metric.nps": "NPS",
    "kpi.metric.stuck_share": "Ponderea clienților blocați",
    "kpi.status.met": "atins",
    "kpi.status.missed": "ratat",
    "kpi.status.unclear": "încă neclar",
    "kpi.direction.higher": "mai mare e mai bine",
    "kpi.direction.lower": "mai mic e mai bine",
    "kpi.score_definition": "Scorul parcursului: 100 × (KPI atinși + jumătate din cei încă neclari) ÷ toți KPI — pe etapă "
                            "și pentru întregul parcurs. 100: toți KPI atinși; 0: toți ratați.",
    "kpi.line": "{id}: {stage} · {metric} {value} (IÎ 95% între {low} și {high}; n = {n}) · țintă {target}, "
                "{direction} · {status}",
    "kpi.line_exact": "{id}: {stage} · {metric} {value} · țintă {target}, {direction} · {status}",
    "kpi.none": "Nu există încă KPI. Adăugați unul cu: python -m cjm kpi set --stage STAGE --metric METRIC --target "
                "NUMBER",
    "kpi.saved": "KPI-ul {id} a fost salvat.",
    "kpi.removed": "KPI-ul {id} a fost eliminat.",
    "kpi.score": "Scorul parcursului: {score}",
    "action.line": "{id}: {title} · {where} · responsabil {owner} · termen {due} · finalizată {done}",
    "action.none": "Nu există încă acțiuni. Adăugați una cu: python -m cjm actions set --stage STAGE --title TEXT",
    "action.saved": "Acțiunea {id} a fost salvată.",
    "tptype.peripheral": "periferic",
    "tptype.external": "extern",
    "tptype.internal": "intern",
})

EN.update({
    "cli.workspace_no_model": "This workspace has no stage model yet. Import a file with --stage-model NAME, or set one with: "
                        "python -m cjm stages --set five-stage.",
})
TR.update({
    "cli.workspace_no_model": "Bu çalışma alanında henüz aşama modeli yok. Bir dosyayı --stage-model NAME ile içe aktarın ya da "
                        "şununla bir model seçin: python -m cjm stages --set five-stage.",
})
RO.update({
    "cli.workspace_no_model": "Acest spațiu de lucru nu are încă un model de etape. Importați un fișier cu --stage-model NAME "
                        "sau alegeți unul cu: python -m cjm stages --set five-stage.",
})
