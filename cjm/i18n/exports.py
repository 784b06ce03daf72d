"""Catalogue of the exports: the HTML and PDF report, the map as an image, the workbook for people.

Three dicts with the same keys; merged into :data:`cjm.i18n.CATALOGUES` (see ``AREAS`` there).
"""

from __future__ import annotations

EN: dict[str, str] = {
    "html.title": "Customer journey report",
    "html.date": "Date",
    "html.stage_model": "Stages",
    "html.filters": "Filters",
    "html.filter_none": "all data",
    "html.filter_from": "from {day}",
    "html.filter_to": "to {day}",
    "html.filter_list": "{field}: {values}",
    "html.offline": "Made by CJM Dashboard on this computer. This file opens without internet and sends nothing.",
    "html.lane": "Lane",
    "html.moments": "Moments that matter:",
    "html.assumed_vs_measured": "What the team assumes and what customers report",
    "html.personas": "Personas and buying-team roles",
    "html.persona_data": "In the data as: {value}",
    "html.conversion": "From previous stage",
    "html.dropped": "Went no further",
    "html.flows": "Moves between stages",
    "html.gaps": "Channel gaps",
    "html.no_gaps": "No channel gaps found.",
    "html.nps_overall": "NPS over all answers: {nps} (n = {n})",
    "html.mean_emotion": "Mean emotion",
    "html.touchpoint": "Touchpoint",
    "html.impact": "Impact",
    "html.status": "Status",
    "html.note": "Team note",
    "html.quotes": "Customers say",
    "html.pain_formula": "Impact = how negative (−mean emotion) × (customers who had it + those who went no further) × "
                         "value weight.",
    "html.scenarios": "Saved what-if scenarios",
    "html.scenario": "Scenario",
    "html.levers": "Levers",
}

TR: dict[str, str] = {
    "html.title": "Müşteri yolculuğu raporu",
    "html.date": "Tarih",
    "html.stage_model": "Aşamalar",
    "html.filters": "Filtreler",
    "html.filter_none": "tüm veriler",
    "html.filter_from": "{day} tarihinden",
    "html.filter_to": "{day} tarihine kadar",
    "html.filter_list": "{field}: {values}",
    "html.offline": "Bu bilgisayarda CJM Dashboard ile hazırlandı. Bu dosya internetsiz açılır ve hiçbir şey göndermez.",
    "html.lane": "Şerit",
    "html.moments": "Önemli anlar:",
    "html.assumed_vs_measured": "Ekibin varsaydığı ve müşterilerin bildirdiği",
    "html.personas": "Personalar ve satın alma ekibindeki roller",
    "html.persona_data": "Verideki karşılığı: {value}",
    "html.conversion": "Önceki aşamadan",
    "html.dropped": "İlerlemeyenler",
    "html.flows": "Aşamalar arası geçişler",
    "html.gaps": "Kanal boşlukları",
    "html.no_gaps": "Kanal boşluğu bulunmadı.",
    "html.nps_overall": "Tüm yanıtlarda NPS: {nps} (n = {n})",
    "html.mean_emotion": "Ortalama duygu",
    "html.touchpoint": "Temas noktası",
    "html.impact": "Etki",
    "html.status": "Durum",
    "html.note": "Ekip notu",
    "html.quotes": "Müşteriler diyor ki",
    "html.pain_formula": "Etki = olumsuzluk (−ortalama duygu) × (bunu yaşayan müşteriler + ilerlemeyenler) × değer "
                         "ağırlığı.",
    "html.scenarios": "Kaydedilmiş senaryolar",
    "html.scenario": "Senaryo",
    "html.levers": "Kaldıraçlar",
}

RO: dict[str, str] = {
    "html.title": "Raport despre parcursul clientului",
    "html.date": "Data",
    "html.stage_model": "Etape",
    "html.filters": "Filtre",
    "html.filter_none": "toate datele",
    "html.filter_from": "de la {day}",
    "html.filter_to": "până la {day}",
    "html.filter_list": "{field}: {values}",
    "html.offline": "Realizat cu CJM Dashboard pe acest calculator. Fișierul se deschide fără internet și nu trimite "
                    "nimic.",
    "html.lane": "Culoar",
    "html.moments": "Momente importante:",
    "html.assumed_vs_measured": "Ce presupune echipa și ce raportează clienții",
    "html.personas": "Persona și rolurile din echipa de achiziție",
    "html.persona_data": "În date ca: {value}",
    "html.conversion": "Din etapa anterioară",
    "html.dropped": "Nu au mers mai departe",
    "html.flows": "Treceri între etape",
    "html.gaps": "Goluri de canal",
    "html.no_gaps": "Nu s-au găsit goluri de canal.",
    "html.nps_overall": "NPS pe toate răspunsurile: {nps} (n = {n})",
    "html.mean_emotion": "Emoția medie",
    "html.touchpoint": "Punct de contact",
    "html.impact": "Impact",
    "html.status": "Stare",
    "html.note": "Notă a echipei",
    "html.quotes": "Clienții spun",
    "html.pain_formula": "Impact = cât de negativ (−emoția medie) × (clienții care l-au avut + cei care nu au mers mai "
                         "departe) × ponderea valorii.",
    "html.scenarios": "Scenarii salvate",
    "html.scenario": "Scenariu",
    "html.levers": "Pârghii",
}

EN.update({
    "export.no_chromium": "Making a PDF or an image needs Chromium on this computer. Install it (Debian/Ubuntu: sudo "
                          "apt-get install chromium) or set CJM_CHROMIUM to the browser's path, then try again. The "
                          "HTML report needs nothing.",
    "export.chromium_missing": "CJM_CHROMIUM points to \"{path}\", which is not a file. Set it to the Chromium program, "
                               "or unset it to use the one on the PATH.",
    "export.chromium_timeout": "Chromium did not finish the export within {seconds} seconds. Try again with fewer "
                               "stages or filters, or use the HTML report.",
    "export.chromium_failed": "Chromium could not make the export ({detail}). The HTML report still works.",
})
TR.update({
    "export.no_chromium": "PDF ya da görüntü oluşturmak için bu bilgisayarda Chromium gerekir. Kurun (Debian/Ubuntu: sudo "
                          "apt-get install chromium) ya da CJM_CHROMIUM değişkenine tarayıcının yolunu yazın, sonra tekrar "
                          "deneyin. HTML raporu için hiçbir şey gerekmez.",
    "export.chromium_missing": "CJM_CHROMIUM \"{path}\" yolunu gösteriyor ama bu bir dosya değil. Chromium programını "
                               "gösterin ya da PATH'teki tarayıcıyı kullanmak için değişkeni kaldırın.",
    "export.chromium_timeout": "Chromium dışa aktarmayı {seconds} saniyede bitiremedi. Daha az aşama ya da filtreyle "
                               "tekrar deneyin veya HTML raporunu kullanın.",
    "export.chromium_failed": "Chromium dışa aktarmayı yapamadı ({detail}). HTML raporu yine de çalışır.",
})
RO.update({
    "export.no_chromium": "Pentru un PDF sau o imagine e nevoie de Chromium pe acest calculator. Instalați-l "
                          "(Debian/Ubuntu: sudo apt-get install chromium) sau setați CJM_CHROMIUM la calea browserului, "
                          "apoi încercați din nou. Raportul HTML nu are nevoie de nimic.",
    "export.chromium_missing": "CJM_CHROMIUM indică „{path}”, care nu este un fișier. Setați-l la programul Chromium sau "
                               "ștergeți-l pentru a folosi browserul din PATH.",
    "export.chromium_timeout": "Chromium nu a terminat exportul în {seconds} secunde. Încercați din nou cu mai puține "
                               "etape sau filtre ori folosiți raportul HTML.",
    "export.chromium_failed": "Chromium nu a putut face exportul ({detail}). Raportul HTML funcționează în continuare.",
})
