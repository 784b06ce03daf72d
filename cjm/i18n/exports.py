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
    "html.channel": "Channel",
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
    "html.channel": "Kanal",
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
    "html.channel": "Canal",
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

# the workbook for people
EN.update({
    "wb.sheet.about": "About",
    "wb.sheet.map": "Journey map",
    "wb.sheet.team": "Team (edit here)",
    "wb.sheet.personas": "Personas (edit here)",
    "wb.sheet.funnel": "Funnel",
    "wb.sheet.emotion": "Emotion and NPS",
    "wb.sheet.channels": "Touchpoints × channels",
    "wb.sheet.pain": "Pain points",
    "wb.sheet.scenarios": "Scenarios",
    "wb.sheet.progress": "KPIs and actions",
    "wb.inside": "What is inside",
    "wb.about.map": "The map: what the data says per stage and what the team wrote.",
    "wb.about.team": "The team's lanes and assumed emotion per stage. Edit them in Excel and upload this file on the "
                     "Import page: the app shows what would change before it saves anything.",
    "wb.about.personas": "Persona cards: name, role, goals, a quote. Edit or add rows, then upload as above.",
    "wb.about.funnel": "Customers per stage, conversion from the previous stage, and who went no further.",
    "wb.about.emotion": "Mean emotion per stage with its 95% interval, and NPS.",
    "wb.about.channels": "Customers per stage and channel.",
    "wb.about.pain": "Pain points ranked by impact, with the team's status and notes and what customers say.",
    "wb.about.scenarios": "The what-if scenarios the team saved.",
    "wb.about.progress": "KPIs with their status, and the actions with their measured effect.",
    "wb.round_trip": "Only the two sheets marked \"edit here\" are read back; the others are for reading.",
    "wb.answers": "Answers (n)",
    "wb.team_hint": "Lane (write in the yellow cells)",
    "wb.assumed_error_title": "Between −2 and +2",
    "wb.assumed_error": "The assumed emotion is a number from −2 (very negative) to +2 (very positive).",
    "wb.persona_name": "Name",
    "wb.persona_role": "Role",
    "wb.persona_goals": "Goals",
    "wb.persona_quote": "Quote (\"I …\")",
    "wb.persona_data": "Value in the data",
    "wb.ci_low": "95% interval from",
    "wb.ci_high": "95% interval to",
    "wb.empty": "No data for this sheet.",
    "wb.no_scenarios": "No saved scenarios.",
    "wb.no_progress": "No KPIs or actions yet.",
    "wb.version": "Version",
})
TR.update({
    "wb.sheet.about": "Hakkında",
    "wb.sheet.map": "Yolculuk haritası",
    "wb.sheet.team": "Ekip (burada düzenleyin)",
    "wb.sheet.personas": "Personalar (burada düzenleyin)",
    "wb.sheet.funnel": "Huni",
    "wb.sheet.emotion": "Duygu ve NPS",
    "wb.sheet.channels": "Temas noktaları × kanallar",
    "wb.sheet.pain": "Sorunlu noktalar",
    "wb.sheet.scenarios": "Senaryolar",
    "wb.sheet.progress": "KPI'lar ve aksiyonlar",
    "wb.inside": "İçindekiler",
    "wb.about.map": "Harita: her aşamada verinin söyledikleri ve ekibin yazdıkları.",
    "wb.about.team": "Ekibin şeritleri ve aşama başına varsaydığı duygu. Excel'de düzenleyin ve bu dosyayı İçe aktar "
                     "sayfasında yükleyin: uygulama bir şey kaydetmeden önce neyin değişeceğini gösterir.",
    "wb.about.personas": "Persona kartları: ad, rol, hedefler, bir alıntı. Satırları düzenleyin ya da ekleyin, sonra "
                         "yukarıdaki gibi yükleyin.",
    "wb.about.funnel": "Aşama başına müşteriler, önceki aşamadan dönüşüm ve ilerlemeyenler.",
    "wb.about.emotion": "Aşama başına ortalama duygu ve %95 aralığı, NPS.",
    "wb.about.channels": "Aşama ve kanala göre müşteriler.",
    "wb.about.pain": "Etkiye göre sıralanmış sorunlu noktalar; ekibin durumu, notları ve müşterilerin söyledikleri.",
    "wb.about.scenarios": "Ekibin kaydettiği senaryolar.",
    "wb.about.progress": "Durumlarıyla KPI'lar ve ölçülen etkileriyle aksiyonlar.",
    "wb.round_trip": "Yalnızca \"burada düzenleyin\" diye işaretli iki sayfa geri okunur; diğerleri okumak içindir.",
    "wb.answers": "Yanıtlar (n)",
    "wb.team_hint": "Şerit (sarı hücrelere yazın)",
    "wb.assumed_error_title": "−2 ile +2 arasında",
    "wb.assumed_error": "Varsayılan duygu −2 (çok olumsuz) ile +2 (çok olumlu) arasında bir sayıdır.",
    "wb.persona_name": "Ad",
    "wb.persona_role": "Rol",
    "wb.persona_goals": "Hedefler",
    "wb.persona_quote": "Alıntı (\"Ben …\")",
    "wb.persona_data": "Verideki değeri",
    "wb.ci_low": "%95 aralık başı",
    "wb.ci_high": "%95 aralık sonu",
    "wb.empty": "Bu sayfa için veri yok.",
    "wb.no_scenarios": "Kaydedilmiş senaryo yok.",
    "wb.no_progress": "Henüz KPI ya da aksiyon yok.",
    "wb.version": "Sürüm",
})
RO.update({
    "wb.sheet.about": "Despre",
    "wb.sheet.map": "Harta călătoriei",
    "wb.sheet.team": "Echipa (editabil)",
    "wb.sheet.personas": "Persona (editabil)",
    "wb.sheet.funnel": "Pâlnie",
    "wb.sheet.emotion": "Emoție și NPS",
    "wb.sheet.channels": "Puncte de contact × canale",
    "wb.sheet.pain": "Puncte dureroase",
    "wb.sheet.scenarios": "Scenarii",
    "wb.sheet.progress": "KPI și acțiuni",
    "wb.inside": "Ce conține",
    "wb.about.map": "Harta: ce spun datele pe fiecare etapă și ce a scris echipa.",
    "wb.about.team": "Culoarele echipei și emoția presupusă pe etapă. Editați-le în Excel și încărcați fișierul pe pagina "
                     "Import: aplicația arată ce s-ar schimba înainte să salveze ceva.",
    "wb.about.personas": "Fișele persona: nume, rol, obiective, un citat. Editați sau adăugați rânduri, apoi încărcați ca "
                         "mai sus.",
    "wb.about.funnel": "Clienți pe etapă, conversia din etapa anterioară și cei care nu au mers mai departe.",
    "wb.about.emotion": "Emoția medie pe etapă cu intervalul de 95% și NPS.",
    "wb.about.channels": "Clienți pe etapă și canal.",
    "wb.about.pain": "Punctele dureroase după impact, cu starea și notele echipei și ce spun clienții.",
    "wb.about.scenarios": "Scenariile salvate de echipă.",
    "wb.about.progress": "KPI cu starea lor și acțiunile cu efectul măsurat.",
    "wb.round_trip": "Doar cele două foi marcate „editabil” sunt citite înapoi; celelalte sunt pentru citit.",
    "wb.answers": "Răspunsuri (n)",
    "wb.team_hint": "Culoar (scrieți în celulele galbene)",
    "wb.assumed_error_title": "Între −2 și +2",
    "wb.assumed_error": "Emoția presupusă este un număr de la −2 (foarte negativ) la +2 (foarte pozitiv).",
    "wb.persona_name": "Nume",
    "wb.persona_role": "Rol",
    "wb.persona_goals": "Obiective",
    "wb.persona_quote": "Citat („Eu …”)",
    "wb.persona_data": "Valoarea din date",
    "wb.ci_low": "Interval 95% de la",
    "wb.ci_high": "Interval 95% până la",
    "wb.empty": "Nu există date pentru această foaie.",
    "wb.no_scenarios": "Nu există scenarii salvate.",
    "wb.no_progress": "Încă nu există KPI sau acțiuni.",
    "wb.version": "Versiune",
})

# reading the team's sheets back (cjm.ingest.team_workbook)
EN.update({
    "team.unreadable": "{file} cannot be read as an Excel workbook. Save it again in Excel as .xlsx and upload it again.",
    "team.not_ours": "{file} is not a workbook exported by CJM Dashboard, so its team sheets cannot be read back. "
                     "Download the workbook from the app, edit it and upload that file.",
    "team.not_a_number": "{file}, sheet \"{sheet}\", cell {cell}: \"{value}\" is not a number. Write the assumed emotion "
                         "as a number from −2 to +2 (e.g. 1 or -0.5), or leave the cell empty.",
    "team.out_of_range": "{file}, sheet \"{sheet}\", cell {cell}: {value} is outside −2 to +2. Write a number from −2 to +2.",
    "team.bad_role": "{file}, sheet \"{sheet}\", cell {cell}: \"{value}\" is not a buying-team role. Choose one from the "
                     "cell's list, or leave it empty.",
    "team.persona_no_name": "{file}, sheet \"{sheet}\", row {row}: the persona has no name. Give it a name, or clear "
                            "the whole row.",
})
TR.update({
    "team.unreadable": "{file} bir Excel çalışma kitabı olarak okunamıyor. Excel'de .xlsx olarak yeniden kaydedip tekrar "
                       "yükleyin.",
    "team.not_ours": "{file}, CJM Dashboard'dan dışa aktarılmış bir çalışma kitabı değil; ekip sayfaları geri okunamaz. "
                     "Çalışma kitabını uygulamadan indirin, düzenleyin ve o dosyayı yükleyin.",
    "team.not_a_number": "{file}, \"{sheet}\" sayfası, {cell} hücresi: \"{value}\" bir sayı değil. Varsayılan duyguyu −2 "
                         "ile +2 arasında bir sayı olarak yazın (ör. 1 ya da -0,5) veya hücreyi boş bırakın.",
    "team.out_of_range": "{file}, \"{sheet}\" sayfası, {cell} hücresi: {value} değeri −2 ile +2 arasında değil. −2 ile +2 "
                         "arasında bir sayı yazın.",
    "team.bad_role": "{file}, \"{sheet}\" sayfası, {cell} hücresi: \"{value}\" bir satın alma ekibi rolü değil. "
                     "Hücrenin listesinden birini seçin ya da boş bırakın.",
    "team.persona_no_name": "{file}, \"{sheet}\" sayfası, {row}. satır: personanın adı yok. Bir ad verin ya da satırın "
                            "tamamını temizleyin.",
})
RO.update({
    "team.unreadable": "{file} nu poate fi citit ca registru Excel. Salvați-l din nou în Excel ca .xlsx și încărcați-l "
                       "din nou.",
    "team.not_ours": "{file} nu este un registru exportat de CJM Dashboard, deci foile echipei nu pot fi citite înapoi. "
                     "Descărcați registrul din aplicație, editați-l și încărcați acel fișier.",
    "team.not_a_number": "{file}, foaia „{sheet}”, celula {cell}: „{value}” nu este un număr. Scrieți emoția presupusă "
                         "ca număr de la −2 la +2 (de ex. 1 sau -0,5) sau lăsați celula goală.",
    "team.out_of_range": "{file}, foaia „{sheet}”, celula {cell}: {value} este în afara intervalului de la −2 la +2. Scrieți un "
                         "număr de la −2 la +2.",
    "team.bad_role": "{file}, foaia „{sheet}”, celula {cell}: „{value}” nu este un rol din echipa de achiziție. Alegeți "
                     "unul din lista celulei sau lăsați-o goală.",
    "team.persona_no_name": "{file}, foaia „{sheet}”, rândul {row}: persona nu are nume. Dați-i un nume sau goliți tot "
                            "rândul.",
})

# the empty template (cjm.present.template): headers are names the import recognises exactly
EN.update({
    "tpl.sheet.data": "Data", "tpl.sheet.help": "Columns",
    "tpl.col.customer_id": "Customer ID", "tpl.col.timestamp": "Date", "tpl.col.stage": "Stage",
    "tpl.col.touchpoint": "Touchpoint", "tpl.col.channel": "Channel", "tpl.col.emotion": "Emotion",
    "tpl.col.nps": "NPS", "tpl.col.segment": "Segment", "tpl.col.persona": "Persona", "tpl.col.role": "Role",
    "tpl.col.value": "Value", "tpl.col.comment": "Comment",
    "tpl.medium.in_person": "In person", "tpl.medium.email": "Email", "tpl.medium.mail": "Mail",
    "tpl.medium.phone": "Phone", "tpl.medium.video": "Video", "tpl.medium.gift": "Gift", "tpl.medium.web": "Website",
    "tpl.medium.social": "Social media", "tpl.medium.chat": "Chat", "tpl.medium.ads": "Ads",
    "tpl.example.touchpoint": "Introductory meeting", "tpl.example.segment": "Small firm",
    "tpl.example.persona": "Owner", "tpl.example.role": "Main client",
    "tpl.example.comment": "Clear offer, friendly people",
    "tpl.error.stage": "Choose a stage of the list.",
    "tpl.error.channel": "A channel from the list is matched best; your own name is kept as written.",
    "tpl.error.emotion": "Emotion is a number from −2 (very negative) to +2 (very positive).",
    "tpl.error.nps": "NPS is a whole number from 0 to 10 (how likely to recommend).",
    "tpl.error.date": "Write a date, e.g. 2026-01-15.",
    "tpl.help.column": "Column", "tpl.help.meaning": "What to write",
    "tpl.help.customer_id": "Who: the same ID on every row of one customer (required).",
    "tpl.help.timestamp": "When it happened (a date, or a date and time).",
    "tpl.help.stage": "Where in the journey (required). One of: {stages}.",
    "tpl.help.touchpoint": "The moment of contact: a meeting, an invoice, a support call.",
    "tpl.help.channel": "How: in person, email, mail, phone, video, gift, website, social media, chat, ads.",
    "tpl.help.emotion": "How the customer felt, from −2 (very negative) to +2 (very positive).",
    "tpl.help.nps": "How likely the customer is to recommend you, 0 to 10.",
    "tpl.help.segment": "A group of customers (industry, size).",
    "tpl.help.persona": "The persona the customer is.",
    "tpl.help.role": "The person's role in the buying team (main client, user, coach, influencer, blocker).",
    "tpl.help.value": "Money: the deal or the customer's value.",
    "tpl.help.comment": "What the customer said, in their words.",
})
TR.update({
    "tpl.sheet.data": "Veri", "tpl.sheet.help": "Sütunlar",
    "tpl.col.customer_id": "Müşteri No", "tpl.col.timestamp": "Tarih", "tpl.col.stage": "Aşama",
    "tpl.col.touchpoint": "Temas noktası", "tpl.col.channel": "Kanal", "tpl.col.emotion": "Duygu",
    "tpl.col.nps": "NPS", "tpl.col.segment": "Segment", "tpl.col.persona": "Persona", "tpl.col.role": "Rol",
    "tpl.col.value": "Tutar", "tpl.col.comment": "Yorum",
    "tpl.medium.in_person": "Yüz yüze", "tpl.medium.email": "E-posta", "tpl.medium.mail": "Posta",
    "tpl.medium.phone": "Telefon", "tpl.medium.video": "Video", "tpl.medium.gift": "Hediye",
    "tpl.medium.web": "Web sitesi", "tpl.medium.social": "Sosyal medya", "tpl.medium.chat": "Canlı destek",
    "tpl.medium.ads": "Reklam",
    "tpl.example.touchpoint": "Tanışma toplantısı", "tpl.example.segment": "Küçük işletme",
    "tpl.example.persona": "İşletme sahibi", "tpl.example.role": "Ana müşteri",
    "tpl.example.comment": "Teklif açıktı, ekip güler yüzlüydü",
    "tpl.error.stage": "Listeden bir aşama seçin.",
    "tpl.error.channel": "Listeden bir kanal en iyi eşleşir; kendi yazdığınız ad olduğu gibi kalır.",
    "tpl.error.emotion": "Duygu −2 (çok olumsuz) ile +2 (çok olumlu) arasında bir sayıdır.",
    "tpl.error.nps": "NPS 0 ile 10 arasında bir tam sayıdır (tavsiye etme olasılığı).",
    "tpl.error.date": "Bir tarih yazın, ör. 15.01.2026.",
    "tpl.help.column": "Sütun", "tpl.help.meaning": "Ne yazılır",
    "tpl.help.customer_id": "Kim: bir müşterinin her satırında aynı numara (zorunlu).",
    "tpl.help.timestamp": "Ne zaman oldu (bir tarih ya da tarih ve saat).",
    "tpl.help.stage": "Yolculuğun neresinde (zorunlu). Şunlardan biri: {stages}.",
    "tpl.help.touchpoint": "Temas anı: bir toplantı, bir fatura, bir destek araması.",
    "tpl.help.channel": "Nasıl: yüz yüze, e-posta, posta, telefon, video, hediye, web sitesi, sosyal medya, canlı "
                        "destek, reklam.",
    "tpl.help.emotion": "Müşterinin ne hissettiği, −2 (çok olumsuz) ile +2 (çok olumlu) arasında.",
    "tpl.help.nps": "Müşterinin sizi tavsiye etme olasılığı, 0 ile 10 arası.",
    "tpl.help.segment": "Bir müşteri grubu (sektör, büyüklük).",
    "tpl.help.persona": "Müşterinin personası.",
    "tpl.help.role": "Kişinin satın alma ekibindeki rolü (ana müşteri, kullanıcı, koç, etkileyen, engelleyen).",
    "tpl.help.value": "Para: anlaşmanın ya da müşterinin değeri.",
    "tpl.help.comment": "Müşterinin kendi sözleriyle söyledikleri.",
})
RO.update({
    "tpl.sheet.data": "Date", "tpl.sheet.help": "Coloane",
    "tpl.col.customer_id": "ID client", "tpl.col.timestamp": "Data", "tpl.col.stage": "Etapă",
    "tpl.col.touchpoint": "Punct de contact", "tpl.col.channel": "Canal", "tpl.col.emotion": "Emoție",
    "tpl.col.nps": "NPS", "tpl.col.segment": "Segment", "tpl.col.persona": "Persona", "tpl.col.role": "Rol",
    "tpl.col.value": "Valoare", "tpl.col.comment": "Comentariu",
    "tpl.medium.in_person": "Față în față", "tpl.medium.email": "E-mail", "tpl.medium.mail": "Poștă",
    "tpl.medium.phone": "Telefon", "tpl.medium.video": "Video", "tpl.medium.gift": "Cadou",
    "tpl.medium.web": "Site web", "tpl.medium.social": "Rețele sociale", "tpl.medium.chat": "Chat",
    "tpl.medium.ads": "Reclamă",
    "tpl.example.touchpoint": "Întâlnire de prezentare", "tpl.example.segment": "Firmă mică",
    "tpl.example.persona": "Proprietar", "tpl.example.role": "Client principal",
    "tpl.example.comment": "Ofertă clară, oameni amabili",
    "tpl.error.stage": "Alegeți o etapă din listă.",
    "tpl.error.channel": "Un canal din listă se potrivește cel mai bine; numele scris de dvs. rămâne așa cum este.",
    "tpl.error.emotion": "Emoția este un număr de la −2 (foarte negativ) la +2 (foarte pozitiv).",
    "tpl.error.nps": "NPS este un număr întreg de la 0 la 10 (cât de probabil ne-ar recomanda).",
    "tpl.error.date": "Scrieți o dată, de ex. 15.01.2026.",
    "tpl.help.column": "Coloană", "tpl.help.meaning": "Ce se scrie",
    "tpl.help.customer_id": "Cine: același ID pe fiecare rând al unui client (obligatoriu).",
    "tpl.help.timestamp": "Când s-a întâmplat (o dată sau o dată și o oră).",
    "tpl.help.stage": "Unde în parcurs (obligatoriu). Una dintre: {stages}.",
    "tpl.help.touchpoint": "Momentul contactului: o întâlnire, o factură, un apel la suport.",
    "tpl.help.channel": "Cum: față în față, e-mail, poștă, telefon, video, cadou, site web, rețele sociale, chat, "
                        "reclamă.",
    "tpl.help.emotion": "Ce a simțit clientul, de la −2 (foarte negativ) la +2 (foarte pozitiv).",
    "tpl.help.nps": "Cât de probabil este să vă recomande clientul, de la 0 la 10.",
    "tpl.help.segment": "Un grup de clienți (domeniu, mărime).",
    "tpl.help.persona": "Persona clientului.",
    "tpl.help.role": "Rolul persoanei în echipa de achiziție (client principal, utilizator, coach, factor de influență, "
                     "blocant).",
    "tpl.help.value": "Bani: valoarea contractului sau a clientului.",
    "tpl.help.comment": "Ce a spus clientul, cu cuvintele lui.",
})

# the download buttons and the upload of an edited workbook (ui/exports.py)
EN.update({
    "export.workbook": "Download the workbook (Excel)",
    "export.workbook_help": "The map, the team's lanes and personas (editable, to upload back), funnel, emotions, pain "
                            "points, scenarios and KPIs, in this language.",
    "export.html": "Download the report (HTML)",
    "export.html_help": "One file that opens in any browser without internet and prints on A4.",
    "export.pdf": "Download the report (PDF)",
    "export.pdf_help": "The HTML report printed by Chromium on this computer (takes a few seconds).",
    "export.map_png": "Download the map as an image (PNG)",
    "export.map_png_help": "1920 pixels wide, for a slide; title, date and filters at the bottom.",
    "export.template": "Download an empty template",
    "export.template_model": "Stages of the template",
    "export.template_help": "An Excel file to fill in: columns the import knows, lists for stages, channels and emotion, "
                            "an example row and a sheet explaining each column. Upload it here when filled.",
    "team.upload_title": "{name}: the team's sheets edited in Excel",
    "team.no_changes": "Nothing in the team's sheets was changed since this workbook was downloaded.",
    "team.persona": "Persona",
    "team.col_what": "What",
    "team.col_before": "When downloaded",
    "team.col_after": "In the workbook",
    "team.col_current": "In the app now",
    "team.col_conflict": "Changed in the app too",
    "team.conflict_yes": "yes",
    "team.conflicts": "{n} of these were also changed in the app after the workbook was downloaded. Unless you tick "
                      "them, the app's text stays.",
    "team.take_workbook": "Take the workbook's text for {what} at {stage}",
    "team.apply": "Apply {n} changes",
    "team.applied": "Saved {saved} changes; {kept} left as they are in the app.",
})
TR.update({
    "export.workbook": "Çalışma kitabını indir (Excel)",
    "export.workbook_help": "Harita, ekibin şeritleri ve personalar (düzenlenebilir, geri yüklemek için), huni, duygular, "
                            "sorunlu noktalar, senaryolar ve KPI'lar, bu dilde.",
    "export.html": "Raporu indir (HTML)",
    "export.html_help": "Her tarayıcıda internetsiz açılan ve A4'e yazdırılan tek bir dosya.",
    "export.pdf": "Raporu indir (PDF)",
    "export.pdf_help": "Bu bilgisayardaki Chromium ile yazdırılan HTML raporu (birkaç saniye sürer).",
    "export.map_png": "Haritayı görüntü olarak indir (PNG)",
    "export.map_png_help": "Bir slayt için 1920 piksel genişliğinde; başlık, tarih ve filtreler altta.",
    "export.template": "Boş şablonu indir",
    "export.template_model": "Şablonun aşamaları",
    "export.template_help": "Doldurulacak bir Excel dosyası: içe aktarmanın tanıdığı sütunlar, aşama, kanal ve duygu "
                            "listeleri, örnek bir satır ve her sütunu açıklayan bir sayfa. Doldurunca buraya yükleyin.",
    "team.upload_title": "{name}: Excel'de düzenlenen ekip sayfaları",
    "team.no_changes": "Bu çalışma kitabı indirildiğinden beri ekip sayfalarında hiçbir şey değişmemiş.",
    "team.persona": "Persona",
    "team.col_what": "Ne",
    "team.col_before": "İndirildiğinde",
    "team.col_after": "Çalışma kitabında",
    "team.col_current": "Şu an uygulamada",
    "team.col_conflict": "Uygulamada da değişti",
    "team.conflict_yes": "evet",
    "team.conflicts": "Bunlardan {n} tanesi çalışma kitabı indirildikten sonra uygulamada da değiştirildi. "
                      "İşaretlemezseniz uygulamadaki metin kalır.",
    "team.take_workbook": "{stage} aşamasındaki {what} için çalışma kitabındaki metni al",
    "team.apply": "{n} değişikliği uygula",
    "team.applied": "{saved} değişiklik kaydedildi; {kept} tanesi uygulamadaki haliyle bırakıldı.",
})
RO.update({
    "export.workbook": "Descărcați registrul (Excel)",
    "export.workbook_help": "Harta, culoarele echipei și persona (editabile, pentru a le încărca înapoi), pâlnia, emoțiile, "
                            "punctele dureroase, scenariile și KPI, în această limbă.",
    "export.html": "Descărcați raportul (HTML)",
    "export.html_help": "Un singur fișier care se deschide în orice browser fără internet și se tipărește pe A4.",
    "export.pdf": "Descărcați raportul (PDF)",
    "export.pdf_help": "Raportul HTML tipărit de Chromium pe acest calculator (durează câteva secunde).",
    "export.map_png": "Descărcați harta ca imagine (PNG)",
    "export.map_png_help": "Lățime de 1920 de pixeli, pentru un diapozitiv; titlul, data și filtrele jos.",
    "export.template": "Descărcați un șablon gol",
    "export.template_model": "Etapele șablonului",
    "export.template_help": "Un fișier Excel de completat: coloane pe care importul le cunoaște, liste pentru etape, canale "
                            "și emoție, un rând exemplu și o foaie care explică fiecare coloană. Încărcați-l aici după "
                            "completare.",
    "team.upload_title": "{name}: foile echipei editate în Excel",
    "team.no_changes": "Nimic din foile echipei nu s-a schimbat de când a fost descărcat registrul.",
    "team.persona": "Persona",
    "team.col_what": "Ce",
    "team.col_before": "La descărcare",
    "team.col_after": "În registru",
    "team.col_current": "Acum în aplicație",
    "team.col_conflict": "Schimbat și în aplicație",
    "team.conflict_yes": "da",
    "team.conflicts": "{n} dintre acestea au fost schimbate și în aplicație după descărcarea registrului. Dacă nu le "
                      "bifați, rămâne textul din aplicație.",
    "team.take_workbook": "Luați textul din registru pentru {what} la {stage}",
    "team.apply": "Aplicați {n} modificări",
    "team.applied": "S-au salvat {saved} modificări; {kept} au rămas cum sunt în aplicație.",
})

EN.update({"cli.file_written": "written: {path}"})
TR.update({"cli.file_written": "yazıldı: {path}"})
RO.update({"cli.file_written": "scris: {path}"})

# python -m cjm report: the summary printed without --json
EN.update({
    "cli.summary.head": "stage model: {model} — {customers} customers, {events} events",
    "cli.summary.funnel": "funnel (customers, conversion from previous stage, dropped after):",
    "cli.summary.nps": "NPS: {nps} (n={n}, 95% {low}..{high})",
    "cli.summary.nps_no_ci": "NPS: {nps} (n={n})",
    "cli.summary.emotion": "emotion (−2..+2): {values}",
    "cli.summary.pain": "top pain points (impact = negativity × (customers + dropped) × value weight):",
    "cli.summary.pain_line": "{rank}. {stage} / {touchpoint}: impact {impact}, {customers} customers, mean emotion "
                             "{emotion}, {dropped} dropped",
    "cli.summary.stuck": "stuck customers: {stuck}; customers who moved backwards: {back}",
    "cli.summary.gaps": "channel gaps: {n} (see --json or --xlsx)",
})
TR.update({
    "cli.summary.head": "aşama modeli: {model} — {customers} müşteri, {events} olay",
    "cli.summary.funnel": "huni (müşteriler, önceki aşamadan dönüşüm, sonrasında ayrılanlar):",
    "cli.summary.nps": "NPS: {nps} (n={n}, %95 {low}..{high})",
    "cli.summary.nps_no_ci": "NPS: {nps} (n={n})",
    "cli.summary.emotion": "duygu (−2..+2): {values}",
    "cli.summary.pain": "başlıca sorunlu noktalar (etki = olumsuzluk × (müşteriler + ayrılanlar) × değer ağırlığı):",
    "cli.summary.pain_line": "{rank}. {stage} / {touchpoint}: etki {impact}, {customers} müşteri, ortalama duygu "
                             "{emotion}, {dropped} ayrılan",
    "cli.summary.stuck": "takılan müşteriler: {stuck}; geri dönen müşteriler: {back}",
    "cli.summary.gaps": "kanal boşlukları: {n} (--json ya da --xlsx ile görün)",
})
RO.update({
    "cli.summary.head": "model de etape: {model} — clienți {customers}, evenimente {events}",
    "cli.summary.funnel": "pâlnie (clienți, conversie din etapa anterioară, pierduți după):",
    "cli.summary.nps": "NPS: {nps} (n={n}, 95% {low}..{high})",
    "cli.summary.nps_no_ci": "NPS: {nps} (n={n})",
    "cli.summary.emotion": "emoție (−2..+2): {values}",
    "cli.summary.pain": "principalele puncte dureroase (impact = negativitate × (clienți + pierduți) × ponderea valorii):",
    "cli.summary.pain_line": "{rank}. {stage} / {touchpoint}: impact {impact}, clienți {customers}, emoția medie "
                             "{emotion}, pierduți {dropped}",
    "cli.summary.stuck": "clienți blocați: {stuck}; clienți care s-au întors: {back}",
    "cli.summary.gaps": "goluri de canal: {n} (vedeți --json sau --xlsx)",
})

# python -m cjm what-if: the text printed without --json
EN.update({
    "cli.whatif.head": "What if — {months} months, model {model}, won = {won}",
    "cli.whatif.baseline": "baseline", "cli.whatif.scenario": "scenario", "cli.whatif.change": "change",
    "cli.whatif.band": "90% band of scenario",
    "cli.whatif.new_customers": "new customers", "cli.whatif.won": "won customers", "cli.whatif.revenue": "revenue",
    "cli.whatif.referrals": "referrals",
    "cli.whatif.reaching": "Customers reaching each stage",
    "cli.whatif.levers": "Contribution of each lever (applied in this order)",
    "cli.whatif.lever_won": "{won} won",
    "cli.whatif.note": "note: {note}",
})
TR.update({
    "cli.whatif.head": "Senaryo — {months} ay, model {model}, kazanılan = {won}",
    "cli.whatif.baseline": "mevcut", "cli.whatif.scenario": "senaryo", "cli.whatif.change": "değişim",
    "cli.whatif.band": "senaryonun %90 aralığı",
    "cli.whatif.new_customers": "yeni müşteriler", "cli.whatif.won": "kazanılan müşteriler", "cli.whatif.revenue": "gelir",
    "cli.whatif.referrals": "tavsiyeler",
    "cli.whatif.reaching": "Her aşamaya ulaşan müşteriler",
    "cli.whatif.levers": "Her kaldıracın katkısı (bu sırayla uygulanır)",
    "cli.whatif.lever_won": "{won} kazanılan",
    "cli.whatif.note": "not: {note}",
})
RO.update({
    "cli.whatif.head": "Ce-ar fi dacă — {months} luni, model {model}, câștigat = {won}",
    "cli.whatif.baseline": "de bază", "cli.whatif.scenario": "scenariu", "cli.whatif.change": "schimbare",
    "cli.whatif.band": "intervalul de 90% al scenariului",
    "cli.whatif.new_customers": "clienți noi", "cli.whatif.won": "clienți câștigați", "cli.whatif.revenue": "venituri",
    "cli.whatif.referrals": "recomandări",
    "cli.whatif.reaching": "Clienți care ajung la fiecare etapă",
    "cli.whatif.levers": "Contribuția fiecărei pârghii (aplicate în această ordine)",
    "cli.whatif.lever_won": "câștigați {won}",
    "cli.whatif.note": "notă: {note}",
})
