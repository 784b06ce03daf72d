"""Catalogue of the workshop map: the assumed emotion curve and its gaps, stage names, the map CLI.

Three dicts with the same keys; merged into :data:`cjm.i18n.CATALOGUES` (see ``AREAS`` there).
"""

from __future__ import annotations

EN: dict[str, str] = {
    "gap.sentence": "The team expects {assumed} at {stage}; customers report {measured} (n = {n}, 95% CI {low} to {high}).",
    "gap.sentence_no_ci": "The team expects {assumed} at {stage}; customers report {measured} (n = {n}).",
    "gap.none": "Set the team's assumed emotion on the map to compare it with what customers report.",
    "assumed.as_is": "Assumed (as is)",
    "assumed.to_be": "Assumed (to be)",
    "assumed.measured": "Measured",
    "map.png_written": "Map image written: {path} ({width} × {height} px)",
    "moment.toggle": "Moment that matters",
    "moment.help": "Mark the touchpoints that decide the relationship: they stand out on the map, in presentation mode "
                   "and here.",
    "moment.stale": "Someone changed this mark meanwhile; theirs is shown.",
}

TR: dict[str, str] = {
    "gap.sentence": "Ekip {stage} aşamasında {assumed} bekliyor; müşteriler {measured} bildiriyor (n = {n}, %95 GA {low} "
                    "ile {high} arası).",
    "gap.sentence_no_ci": "Ekip {stage} aşamasında {assumed} bekliyor; müşteriler {measured} bildiriyor (n = {n}).",
    "gap.none": "Müşterilerin bildirdiğiyle karşılaştırmak için ekibin varsaydığı duyguyu haritada girin.",
    "assumed.as_is": "Varsayılan (mevcut)",
    "assumed.to_be": "Varsayılan (hedef)",
    "assumed.measured": "Ölçülen",
    "map.png_written": "Harita görüntüsü yazıldı: {path} ({width} × {height} piksel)",
    "moment.toggle": "Önemli an",
    "moment.help": "İlişkiyi belirleyen temas noktalarını işaretleyin: haritada, sunum modunda ve burada öne çıkarlar.",
    "moment.stale": "Bu işareti bu arada başka biri değiştirdi; onunki gösteriliyor.",
}

RO: dict[str, str] = {
    "gap.sentence": "Echipa se așteaptă la {assumed} în etapa {stage}; clienții raportează {measured} (n = {n}, IÎ 95% "
                    "între {low} și {high}).",
    "gap.sentence_no_ci": "Echipa se așteaptă la {assumed} în etapa {stage}; clienții raportează {measured} (n = {n}).",
    "gap.none": "Setați pe hartă emoția presupusă de echipă, ca s-o comparați cu ce raportează clienții.",
    "assumed.as_is": "Presupus (acum)",
    "assumed.to_be": "Presupus (dorit)",
    "assumed.measured": "Măsurat",
    "map.png_written": "Imaginea hărții a fost scrisă: {path} ({width} × {height} px)",
    "moment.toggle": "Moment important",
    "moment.help": "Marcați punctele de contact care decid relația: ies în evidență pe hartă, în modul prezentare și aici.",
    "moment.stale": "Altcineva a schimbat între timp acest marcaj; se arată al lor.",
}
