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

# the Progress page
EN.update({
    "nav.progress": "Progress",
    "progress.title": "KPIs with targets, trends over time and the measured effect of each fix",
    "progress.tab_kpis": "KPIs and journey score",
    "progress.tab_trends": "Trends",
    "progress.tab_actions": "Actions and their effect",
    "progress.tab_compare": "Compare two periods",
    "progress.no_kpis": "No KPIs yet: add the first one below (a stage, what to measure, a target).",
    "progress.col_metric": "Measure",
    "progress.col_value": "Now",
    "progress.col_interval": "95% interval",
    "progress.col_n": "n",
    "progress.col_target": "Target",
    "progress.col_status": "Status",
    "progress.col_owner": "Owner",
    "progress.score": "Journey score",
    "progress.score_by_stage": "Journey score per stage (dashed: the whole journey)",
    "progress.kpi_add": "Add or change a KPI",
    "progress.target_help": "Shares as fractions (0.4 = 40%), emotion −2…+2, NPS −100…100, days, or customers.",
    "progress.direction": "Better when",
    "progress.kpi_save": "Save the KPI",
    "progress.kpi_remove": "Remove a KPI",
    "progress.kpi_remove_button": "Remove",
    "progress.period": "Per",
    "progress.period_month": "month",
    "progress.period_quarter": "quarter",
    "progress.measure": "Measure",
    "progress.measure_customers": "Customers",
    "progress.measure_conversion": "Conversion from the previous stage",
    "progress.measure_emotion": "Mean emotion",
    "progress.measure_nps": "NPS",
    "progress.flagged": "Change unlikely to be noise",
    "progress.trend_test": "Each period is compared with the one before at the same stage (two-proportion test, Welch's "
                           "test for means, the conditional test for counts). A change is ringed only when its p-value is "
                           "below 5% divided by the number of comparisons (Bonferroni); others may be noise. Recent "
                           "cohorts have had less time to convert.",
    "progress.flag_line": "{stage}, {period}: {measure} changed by {change}.",
    "progress.no_flags": "No change so far is larger than noise could make it.",
    "progress.no_trends": "No dated events yet: trends need event dates.",
    "progress.no_actions": "No actions yet: turn a pain point into an action below.",
    "progress.action_meta": "Owner {owner} · due {due} · done {done}",
    "progress.action_add": "Turn a pain point into an action",
    "progress.action_pain": "Pain point",
    "progress.action_title": "What the team will do",
    "progress.due": "Due",
    "progress.done": "Done on",
    "progress.action_save": "Save the action",
    "progress.mark_done": "Mark an action done",
    "progress.mark_done_button": "Done",
    "progress.no_dates": "No dated events: periods cannot be compared.",
    "progress.period_a": "Period A",
    "progress.period_b": "Period B",
    "progress.pick_two_days": "Pick the first and the last day of each period.",
    "progress.customers_a": "Customers A",
    "progress.from_first_a": "Of the first stage, A",
    "progress.customers_b": "Customers B",
    "progress.from_first_b": "Of the first stage, B",
    "progress.difference": "B − A (95% interval)",
    "progress.compare_note": "The share of each period's first-stage customers who reached each stage, and the difference "
                             "with its 95% interval (Newcombe). An interval that contains 0 shows no detectable change.",
})
TR.update({
    "nav.progress": "İlerleme",
    "progress.title": "Hedefli KPI'lar, zaman içindeki eğilimler ve her iyileştirmenin ölçülen etkisi",
    "progress.tab_kpis": "KPI'lar ve yolculuk puanı",
    "progress.tab_trends": "Eğilimler",
    "progress.tab_actions": "Aksiyonlar ve etkileri",
    "progress.tab_compare": "İki dönemi karşılaştır",
    "progress.no_kpis": "Henüz KPI yok: ilkini aşağıdan ekleyin (bir aşama, neyin ölçüleceği, bir hedef).",
    "progress.col_metric": "Ölçüt",
    "progress.col_value": "Şu an",
    "progress.col_interval": "%95 aralık",
    "progress.col_n": "n",
    "progress.col_target": "Hedef",
    "progress.col_status": "Durum",
    "progress.col_owner": "Sorumlu",
    "progress.score": "Yolculuk puanı",
    "progress.score_by_stage": "Aşamalara göre yolculuk puanı (kesikli çizgi: tüm yolculuk)",
    "progress.kpi_add": "KPI ekle ya da değiştir",
    "progress.target_help": "Oranlar kesir olarak (0,4 = %40), duygu −2…+2, NPS −100…100, gün ya da müşteri sayısı.",
    "progress.direction": "Daha iyi olduğu durum",
    "progress.kpi_save": "KPI'ı kaydet",
    "progress.kpi_remove": "Bir KPI'ı kaldır",
    "progress.kpi_remove_button": "Kaldır",
    "progress.period": "Dönem",
    "progress.period_month": "ay",
    "progress.period_quarter": "çeyrek",
    "progress.measure": "Ölçüt",
    "progress.measure_customers": "Müşteriler",
    "progress.measure_conversion": "Önceki aşamadan dönüşüm",
    "progress.measure_emotion": "Ortalama duygu",
    "progress.measure_nps": "NPS",
    "progress.flagged": "Tesadüf olması düşük bir değişim",
    "progress.trend_test": "Her dönem, aynı aşamada bir önceki dönemle karşılaştırılır (iki oran testi, ortalamalar için "
                           "Welch testi, sayılar için koşullu test). Bir değişim yalnızca p değeri %5'in karşılaştırma "
                           "sayısına bölümünden küçükse işaretlenir (Bonferroni); diğerleri tesadüf olabilir. Yeni "
                           "kohortların dönüşmek için daha az zamanı oldu.",
    "progress.flag_line": "{stage}, {period}: {measure} {change} değişti.",
    "progress.no_flags": "Şu ana kadar hiçbir değişim tesadüfün açıklayabileceğinden büyük değil.",
    "progress.no_trends": "Henüz tarihli olay yok: eğilimler için olay tarihleri gerekir.",
    "progress.no_actions": "Henüz aksiyon yok: aşağıda bir sorunlu noktayı aksiyona dönüştürün.",
    "progress.action_meta": "Sorumlu {owner} · bitiş {due} · tamamlandı {done}",
    "progress.action_add": "Bir sorunlu noktayı aksiyona dönüştür",
    "progress.action_pain": "Sorunlu nokta",
    "progress.action_title": "Ekibin yapacağı",
    "progress.due": "Bitiş tarihi",
    "progress.done": "Tamamlanma tarihi",
    "progress.action_save": "Aksiyonu kaydet",
    "progress.mark_done": "Bir aksiyonu tamamlandı olarak işaretle",
    "progress.mark_done_button": "Tamamlandı",
    "progress.no_dates": "Tarihli olay yok: dönemler karşılaştırılamaz.",
    "progress.period_a": "A dönemi",
    "progress.period_b": "B dönemi",
    "progress.pick_two_days": "Her dönemin ilk ve son gününü seçin.",
    "progress.customers_a": "Müşteriler A",
    "progress.from_first_a": "İlk aşamadakilerin payı, A",
    "progress.customers_b": "Müşteriler B",
    "progress.from_first_b": "İlk aşamadakilerin payı, B",
    "progress.difference": "B − A (%95 aralık)",
    "progress.compare_note": "Her dönemin ilk aşama müşterilerinden her aşamaya ulaşanların payı ve farkın %95 aralığı "
                             "(Newcombe). 0'ı içeren bir aralık fark edilir bir değişiklik göstermez.",
})
RO.update({
    "nav.progress": "Progres",
    "progress.title": "KPI cu ținte, tendințe în timp și efectul măsurat al fiecărei remedieri",
    "progress.tab_kpis": "KPI și scorul parcursului",
    "progress.tab_trends": "Tendințe",
    "progress.tab_actions": "Acțiuni și efectul lor",
    "progress.tab_compare": "Comparați două perioade",
    "progress.no_kpis": "Nu există încă KPI: adăugați primul mai jos (o etapă, ce se măsoară, o țintă).",
    "progress.col_metric": "Indicator",
    "progress.col_value": "Acum",
    "progress.col_interval": "Interval 95%",
    "progress.col_n": "n",
    "progress.col_target": "Țintă",
    "progress.col_status": "Stare",
    "progress.col_owner": "Responsabil",
    "progress.score": "Scorul parcursului",
    "progress.score_by_stage": "Scorul parcursului pe etape (punctat: întregul parcurs)",
    "progress.kpi_add": "Adăugați sau modificați un KPI",
    "progress.target_help": "Proporții ca fracții (0,4 = 40%), emoție −2…+2, NPS −100…100, zile sau clienți.",
    "progress.direction": "Mai bine când",
    "progress.kpi_save": "Salvați KPI-ul",
    "progress.kpi_remove": "Eliminați un KPI",
    "progress.kpi_remove_button": "Eliminați",
    "progress.period": "Pe",
    "progress.period_month": "lună",
    "progress.period_quarter": "trimestru",
    "progress.measure": "Indicator",
    "progress.measure_customers": "Clienți",
    "progress.measure_conversion": "Conversie din etapa anterioară",
    "progress.measure_emotion": "Emoția medie",
    "progress.measure_nps": "NPS",
    "progress.flagged": "Schimbare puțin probabil întâmplătoare",
    "progress.trend_test": "Fiecare perioadă e comparată cu cea dinainte, în aceeași etapă (testul a două proporții, "
                           "testul Welch pentru medii, testul condiționat pentru numărători). O schimbare e încercuită doar "
                           "când valoarea p e sub 5% împărțit la numărul de comparații (Bonferroni); celelalte pot fi "
                           "întâmplătoare. Cohortele recente au avut mai puțin timp să convertească.",
    "progress.flag_line": "{stage}, {period}: {measure} s-a schimbat cu {change}.",
    "progress.no_flags": "Până acum nicio schimbare nu e mai mare decât ar putea-o face întâmplarea.",
    "progress.no_trends": "Încă nu există evenimente cu dată: tendințele au nevoie de datele evenimentelor.",
    "progress.no_actions": "Nu există încă acțiuni: transformați mai jos un punct dureros într-o acțiune.",
    "progress.action_meta": "Responsabil {owner} · termen {due} · finalizată {done}",
    "progress.action_add": "Transformați un punct dureros într-o acțiune",
    "progress.action_pain": "Punct dureros",
    "progress.action_title": "Ce va face echipa",
    "progress.due": "Termen",
    "progress.done": "Finalizată la",
    "progress.action_save": "Salvați acțiunea",
    "progress.mark_done": "Marcați o acțiune ca finalizată",
    "progress.mark_done_button": "Finalizată",
    "progress.no_dates": "Nu există evenimente cu dată: perioadele nu pot fi comparate.",
    "progress.period_a": "Perioada A",
    "progress.period_b": "Perioada B",
    "progress.pick_two_days": "Alegeți prima și ultima zi a fiecărei perioade.",
    "progress.customers_a": "Clienți A",
    "progress.from_first_a": "Din prima etapă, A",
    "progress.customers_b": "Clienți B",
    "progress.from_first_b": "Din prima etapă, B",
    "progress.difference": "B − A (interval 95%)",
    "progress.compare_note": "Ponderea clienților din prima etapă a fiecărei perioade care au ajuns la fiecare etapă și "
                             "diferența cu intervalul ei de 95% (Newcombe). Un interval care conține 0 nu arată o "
                             "schimbare detectabilă.",
})

EN.update({
    "progress.breakdown": "Only touchpoints of type",
    "progress.breakdown_all": "all touchpoints",
    "progress.breakdown_help": "Peripheral: word of mouth, ads. External: the website, social media. Internal: support, "
                               "the account team. Set a touchpoint's type on the Touchpoints & channels page.",
    "progress.score_trend": "Journey score per quarter (each quarter's KPIs over its own events)",
})
TR.update({
    "progress.breakdown": "Yalnızca şu türdeki temas noktaları",
    "progress.breakdown_all": "tüm temas noktaları",
    "progress.breakdown_help": "Çevresel: ağızdan ağıza, reklamlar. Dış: web sitesi, sosyal medya. Dahili: destek, müşteri "
                               "ekibi. Bir temas noktasının türünü Temas noktaları ve kanallar sayfasında belirleyin.",
    "progress.score_trend": "Çeyreklere göre yolculuk puanı (her çeyreğin KPI'ları kendi olaylarıyla)",
})
RO.update({
    "progress.breakdown": "Doar punctele de contact de tipul",
    "progress.breakdown_all": "toate punctele de contact",
    "progress.breakdown_help": "Periferic: recomandări, reclame. Extern: site-ul, rețelele sociale. Intern: suportul, "
                               "echipa de cont. Setați tipul unui punct de contact pe pagina Puncte de contact și canale.",
    "progress.score_trend": "Scorul parcursului pe trimestre (KPI-urile fiecărui trimestru pe evenimentele lui)",
})

EN.update({
    "progress.compare_what": "Compare",
    "progress.compare_periods": "two periods",
    "progress.compare_workspaces": "two workspaces",
    "progress.no_other_workspace": "There is no other workspace in this folder. Create or import one from the sidebar.",
    "progress.other_workspace": "The other workspace (B)",
    "progress.workspaces_ab": "A: {a} · B: {b}",
    "progress.other_model": "The other workspace uses another stage model: its stages cannot be matched with these. "
                            "Choose the same stage model there (Settings), or another workspace.",
})
TR.update({
    "progress.compare_what": "Karşılaştır",
    "progress.compare_periods": "iki dönem",
    "progress.compare_workspaces": "iki çalışma alanı",
    "progress.no_other_workspace": "Bu klasörde başka çalışma alanı yok. Kenar çubuğundan bir tane oluşturun ya da içe "
                                   "aktarın.",
    "progress.other_workspace": "Diğer çalışma alanı (B)",
    "progress.workspaces_ab": "A: {a} · B: {b}",
    "progress.other_model": "Diğer çalışma alanı başka bir aşama modeli kullanıyor: aşamaları bunlarla eşleşmiyor. Orada "
                            "aynı aşama modelini seçin (Ayarlar) ya da başka bir çalışma alanı seçin.",
})
RO.update({
    "progress.compare_what": "Comparați",
    "progress.compare_periods": "două perioade",
    "progress.compare_workspaces": "două spații de lucru",
    "progress.no_other_workspace": "Nu există alt spațiu de lucru în acest dosar. Creați sau importați unul din bara "
                                   "laterală.",
    "progress.other_workspace": "Celălalt spațiu de lucru (B)",
    "progress.workspaces_ab": "A: {a} · B: {b}",
    "progress.other_model": "Celălalt spațiu de lucru folosește alt model de etape: etapele nu se potrivesc. Alegeți "
                            "același model acolo (Setări) sau alt spațiu de lucru.",
})

EN.update({"progress.emotion_a": "Emotion A", "progress.emotion_b": "Emotion B",
           "progress.emotion_difference": "Emotion B − A (95% interval)"})
TR.update({"progress.emotion_a": "Duygu A", "progress.emotion_b": "Duygu B",
           "progress.emotion_difference": "Duygu B − A (%95 aralık)"})
RO.update({"progress.emotion_a": "Emoție A", "progress.emotion_b": "Emoție B",
           "progress.emotion_difference": "Emoție B − A (interval 95%)"})

EN.update({
    "tptype.title": "Touchpoint types",
    "tptype.help": "Peripheral: first encounters, like hearing of you from a friend or seeing an ad. External: direct "
                   "contact with your own assets, like social media or the website. Internal: contact with your "
                   "people, like customer support. Set by default from the name and the channel; change any below.",
    "tptype.none": "No touchpoints in the data.",
    "tptype.col_channel": "Most used channel",
    "tptype.col_type": "Type",
    "tptype.col_source": "Set by",
    "tptype.source_default": "default",
    "tptype.source_team": "the team",
    "tptype.save": "Save",
})
TR.update({
    "tptype.title": "Temas noktası türleri",
    "tptype.help": "Çevresel: bir arkadaştan duymak ya da bir reklam görmek gibi ilk karşılaşmalar. Dış: sosyal medya ya "
                   "da web sitesi gibi kendi varlıklarınızla doğrudan etkileşim. Dahili: müşteri desteği gibi "
                   "çalışanlarınızla etkileşim. Varsayılan olarak ad ve kanaldan belirlenir; aşağıdan değiştirebilirsiniz.",
    "tptype.none": "Veride temas noktası yok.",
    "tptype.col_channel": "En çok kullanılan kanal",
    "tptype.col_type": "Tür",
    "tptype.col_source": "Belirleyen",
    "tptype.source_default": "varsayılan",
    "tptype.source_team": "ekip",
    "tptype.save": "Kaydet",
})
RO.update({
    "tptype.title": "Tipuri de puncte de contact",
    "tptype.help": "Periferic: primele întâlniri, ca atunci când aflați de la un prieten sau vedeți o reclamă. Extern: "
                   "contact direct cu propriile canale, ca rețelele sociale sau site-ul. Intern: contact cu oamenii "
                   "dvs., ca suportul pentru clienți. Stabilit implicit din nume și canal; schimbați oricare mai jos.",
    "tptype.none": "Nu există puncte de contact în date.",
    "tptype.col_channel": "Canalul cel mai folosit",
    "tptype.col_type": "Tip",
    "tptype.col_source": "Stabilit de",
    "tptype.source_default": "implicit",
    "tptype.source_team": "echipă",
    "tptype.save": "Salvați",
})

EN.update({"progress.map_kpis": "KPIs (measured)", "progress.map_actions": "Actions and their effect"})
TR.update({"progress.map_kpis": "KPI'lar (ölçülen)", "progress.map_actions": "Aksiyonlar ve etkileri"})
RO.update({"progress.map_kpis": "KPI (măsurați)", "progress.map_actions": "Acțiuni și efectul lor"})
