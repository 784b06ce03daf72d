"""The stage words of the source articles: every name the articles give a stage (or an outcome) of a preset model.

The presets of :mod:`cjm.core.stage_model` come from five articles (the seed texts the product was specified from):

* ``000`` — Hinge's B2B buyer journey, in Turkish ("Alıcı Yolculuğu: Profesyonel Hizmetler İçin Bir Model");
* ``001`` — the five-stage journey and the B2B buying team, in Romanian ("Îți cunoști clienții?");
* ``002`` — Hinge's article in English, as a machine-paraphrased ("spun") copy: "The Purchaser Journey: A Mannequin
  for Skilled Companies", where *purchase* became *buy*, *experience* became *expertise*, *client* became *shopper*;
* ``003`` — Coleman's eight stages of the customer experience, in Turkish ("Müşteri Deneyiminin Sekiz Aşaması");
* ``004`` — QuestionPro's customer journey management, in Turkish (awareness, consideration, purchase, post-purchase).

Each :class:`StageWord` is one name as written, with where it is written, so a reviewer can look it up. Every word
is an alias of its stage or outcome in the preset (the presets are built from this list); the label a preset shows
in a language (:meth:`cjm.core.stage_model.StageModel.localized`) is one of these words, or — where no article names
the stage in that language — a translation in the article's style, listed here as ``kind="translation"``.

``kind``:

* ``"article"`` — written so in the article: *quote* is a verbatim line (or part of one) that contains the word;
* ``"derived"`` — the article's words, uninflected or shortened the way the English labels shorten Hinge's headings
  ("The Pre-Purchase Experience" → "Pre-purchase"); *quote* is where they stand;
* ``"unspun"`` — the wording of Hinge's original English article where the spun copy (``002``) replaced it; *quote*
  is the spun line;
* ``"translation"`` — no article names the stage in this language: a faithful translation in the style of the
  article of that language; *quote* says why this word.

>>> [w.word for w in words_for("coleman-8", "accomplish", "tr")]
['Sonuçlandırma', 'Tamamlanma']
>>> sorted({w.seed for w in WORDS if w.seed})
['000', '001', '002', '003', '004']
"""

from __future__ import annotations

from dataclasses import dataclass

#: The languages of the interface (and of the labels).
LANGS = ("en", "tr", "ro")
KINDS = ("article", "derived", "unspun", "translation")


@dataclass(frozen=True)
class StageWord:
    preset: str  # name of the preset model
    key: str  # key of the stage, or of the outcome when *outcome*
    lang: str
    word: str  # as written
    seed: str | None  # the article ("000".."004"); None for a translation no article gives
    quote: str  # where it is written (verbatim), or why this translation
    kind: str = "article"
    outcome: bool = False


def _w(preset: str, key: str, lang: str, word: str, seed: str | None, quote: str, kind: str = "article",
       *, outcome: bool = False) -> StageWord:
    return StageWord(preset, key, lang, word, seed, quote, kind, outcome)


_H, _F, _C, _Q = "hinge-b2b-4", "five-stage", "coleman-8", "questionpro-4"
_NOT_TR = "no Turkish article names this model's stages; Turkish as 003/004 name the like stages"
_NOT_RO = "no Romanian article names this model's stages; Romanian in the style of 001 (nouns, 'Conștientizare')"

WORDS: tuple[StageWord, ...] = (
    # -- hinge-b2b-4: Hinge's buyer journey (000 Turkish, 002 English spun) ---------------------------------------
    _w(_H, "pre-purchase", "tr", "Satın Alma Öncesi Deneyim", "000", "Aşama 1. Satın Alma Öncesi Deneyim"),
    _w(_H, "pre-purchase", "tr", "Satın Alma Öncesi", "000",
       "Satın alma öncesi deneyim, potansiyel alıcıların kendi kendilerine çözemeyecekleri bir sorunları olduğunu "
       "fark ettiklerinde başlar."),
    _w(_H, "pre-purchase", "tr", "Müşteri öncesi", "000", "Müşteri öncesi aşamayı anlamak için"),
    _w(_H, "pre-purchase", "en", "Pre-Buy Expertise", "002", "Stage 1. The Pre-Buy Expertise"),
    _w(_H, "pre-purchase", "en", "pre-purchase expertise", "002",
       "The pre-purchase expertise begins when potential patrons notice they’ve an issue"),
    _w(_H, "pre-purchase", "en", "pre-client", "002", "To know the pre-client section we conduct interviews"),
    _w(_H, "pre-purchase", "en", "Pre-Purchase Experience", "002", "Stage 1. The Pre-Buy Expertise", "unspun"),
    _w(_H, "pre-purchase", "ro", "Pre-achiziție", None,
       _NOT_RO + "; 'Achiziție' is 001's word for purchase", "translation"),

    _w(_H, "client-experience", "tr", "Profesyonel Hizmetler Müşteri Deneyimi", "000",
       "Aşama 2. Profesyonel Hizmetler Müşteri Deneyimi"),
    _w(_H, "client-experience", "tr", "Müşteri Deneyimi", "000", "Aşama 2. Profesyonel Hizmetler Müşteri Deneyimi",
       "derived"),
    _w(_H, "client-experience", "en", "Skilled Companies Shopper Expertise", "002",
       "Stage 2. The Skilled Companies Shopper Expertise"),
    _w(_H, "client-experience", "en", "Shopper Expertise", "002", "Stage 2. The Skilled Companies Shopper Expertise",
       "derived"),
    _w(_H, "client-experience", "en", "Professional Services Client Experience", "002",
       "Stage 2. The Skilled Companies Shopper Expertise", "unspun"),
    _w(_H, "client-experience", "ro", "Experiența clientului", None, _NOT_RO, "translation"),

    _w(_H, "between-engagements", "tr", "Etkileşim Deneyimi Arası", "000", "3. Aşama: Etkileşim Deneyimi Arası"),
    _w(_H, "between-engagements", "tr", "angajmanlar arası", "000",
       "Müşteriler ne sıklıkla “angajmanlar arası” aşamaya geçerler?"),
    _w(_H, "between-engagements", "tr", "Etkileşimler Arası", "000",
       "çoğu alıcı yolculuğu haritalama modeli, etkileşimler arasındaki aşamayı görmezden geliyor", "derived"),
    _w(_H, "between-engagements", "en", "Between Engagement Expertise", "002",
       "Stage 3: The Between Engagement Expertise"),
    _w(_H, "between-engagements", "en", "between engagements", "002",
       "How typically do shoppers transfer into the “between engagements” stage?"),
    _w(_H, "between-engagements", "en", "betweeners", "002",
       "with out detailed analysis into prospects and “betweeners”"),
    _w(_H, "between-engagements", "en", "Between Engagement Experience", "002",
       "Stage 3: The Between Engagement Expertise", "unspun"),
    _w(_H, "between-engagements", "ro", "Între angajamente", None,
       _NOT_RO + "; 'angajament' is the Romanian word for a consulting or audit engagement", "translation"),

    _w(_H, "former-client", "tr", "Eski Müşteri", "000", "4. Aşama: Eski Müşteri"),
    _w(_H, "former-client", "en", "Former Shopper", "002", "Stage 4: The Former Shopper"),
    _w(_H, "former-client", "en", "former shoppers", "002",
       "Former shoppers might be highly effective advocates to your agency."),
    _w(_H, "former-client", "ro", "Fost client", None, _NOT_RO, "translation"),

    # hinge-b2b-4 outcomes: after pre-purchase (hired / not now / no way), of former clients (advocate / lost)
    _w(_H, "hired", "tr", "İşe alındınız", "000", "1. İşe alındınız. Aferin sana!", outcome=True),
    _w(_H, "hired", "tr", "İşe alındı", "000", "Tamam, şimdi işe alındıktan sonra ne olacağını düşünelim.",
       "derived", outcome=True),
    _w(_H, "hired", "en", "You’re employed", "002", "1. You’re employed. Good for you!", outcome=True),
    _w(_H, "hired", "en", "You're hired", "002", "1. You’re employed. Good for you!", "unspun", outcome=True),
    _w(_H, "hired", "ro", "Angajat", None, _NOT_RO + "; 'Sunteți angajat' is 'You're hired'", "translation",
       outcome=True),
    _w(_H, "not-now", "tr", "Şimdi değil", "000", "2. Şimdi değil. Sinir bozucu", outcome=True),
    _w(_H, "not-now", "en", "Not now", "002", "2. Not now. Irritating", outcome=True),
    _w(_H, "not-now", "ro", "Nu acum", None, _NOT_RO, "translation", outcome=True),
    _w(_H, "no-way", "tr", "Olmaz", "000", "3. Olmaz - kesmezsin.", outcome=True),
    _w(_H, "no-way", "en", "No manner", "002", "3. No manner — you don’t make the lower.", outcome=True),
    _w(_H, "no-way", "en", "No way", "002", "3. No manner — you don’t make the lower.", "unspun", outcome=True),
    _w(_H, "no-way", "ro", "În niciun caz", None, _NOT_RO, "translation", outcome=True),
    _w(_H, "advocate", "tr", "savunucular", "000", "Eski müşteriler firmanız için güçlü savunucular olabilir.",
       outcome=True),
    _w(_H, "advocate", "tr", "Savunucu", "000", "Eski müşteriler firmanız için güçlü savunucular olabilir.",
       "derived", outcome=True),
    _w(_H, "advocate", "en", "advocates", "002", "Former shoppers might be highly effective advocates to your agency.",
       outcome=True),
    _w(_H, "advocate", "ro", "Susținător", None, _NOT_RO, "translation", outcome=True),
    _w(_H, "lost", "tr", "Kayıp", "000", "Arada bir ulaşmazsanız, sonsuza dek kayıp gitmeleri muhtemeldir.",
       "derived", outcome=True),
    _w(_H, "lost", "en", "gone for good", "002", "Are they between engagements, or are they gone for good?",
       outcome=True),
    _w(_H, "lost", "ro", "Client pierdut", None,
       _NOT_RO + "; not 'Pierdut' alone, which names the lost deal (no way)", "translation", outcome=True),

    # -- five-stage: the Romanian article's five stages (001) ------------------------------------------------------
    _w(_F, "awareness", "ro", "Conștientizare", "001", "1. Conștientizare"),
    _w(_F, "research", "ro", "Cercetare", "001", "2. Cercetare"),
    _w(_F, "purchase", "ro", "Achiziție", "001", "3. Achiziție"),
    _w(_F, "retention", "ro", "Retenție", "001", "4. Retenție"),
    _w(_F, "advocacy", "ro", "Advocacy", "001", "5. Advocacy"),
    _w(_F, "awareness", "tr", "Farkındalık", None, _NOT_TR + " (004: 'farkındalık')", "translation"),
    _w(_F, "research", "tr", "Araştırma", None, _NOT_TR + " (research: 'araştırma', as 000 writes it)",
       "translation"),
    _w(_F, "purchase", "tr", "Satın Alma", None, _NOT_TR + " (004: 'satın alma')", "translation"),
    _w(_F, "retention", "tr", "Elde Tutma", None, _NOT_TR + " (customer retention: 'müşteri elde tutma')",
       "translation"),
    _w(_F, "advocacy", "tr", "Savunuculuk", None, _NOT_TR + " (003: 'Savunuculuk aşamasında')", "translation"),

    # -- coleman-8: Coleman's eight stages (003 Turkish) ------------------------------------------------------------
    _w(_C, "assess", "tr", "Değerlendirme", "003", "1. Değerlendirme Aşaması"),
    _w(_C, "admit", "tr", "Kabul Etme", "003", "2. Kabul Etme Aşaması"),
    _w(_C, "affirm", "tr", "Onaylama", "003", "3. Onaylama Aşaması"),
    _w(_C, "activate", "tr", "Etkinleştirme", "003", "4. Etkinleştirme Aşaması"),
    _w(_C, "acclimate", "tr", "Ortama Alışma", "003", "5. Ortama Alışma Aşaması"),
    _w(_C, "acclimate", "tr", "Alışma", "003", "Alışma aşamasında, müşteri bir kuruluşun iş yapma şeklini öğrenir"),
    _w(_C, "accomplish", "tr", "Sonuçlandırma", "003", "6. Sonuçlandırma Aşaması"),
    _w(_C, "accomplish", "tr", "Tamamlanma", "003", "Müşteri deneyiminin Sonuçlandırma veya Tamamlanma aşaması"),
    _w(_C, "adopt", "tr", "Benimseme", "003", "7. Benimseme Aşaması"),
    _w(_C, "advocate", "tr", "Savunma", "003", "8. Savunma Aşaması"),
    _w(_C, "advocate", "tr", "Savunuculuk", "003", "Savunuculuk aşamasında müşteri, hepsi bir arada çılgın bir hayran"),
    _w(_C, "assess", "ro", "Evaluare", None, _NOT_RO, "translation"),
    _w(_C, "admit", "ro", "Acceptare", None, _NOT_RO + "; 'Admitere' would read as admission to a school",
       "translation"),
    _w(_C, "affirm", "ro", "Confirmare", None, _NOT_RO + "; the stage confirms the customer's decision",
       "translation"),
    _w(_C, "activate", "ro", "Activare", None, _NOT_RO, "translation"),
    _w(_C, "acclimate", "ro", "Acomodare", None, _NOT_RO + "; 'Aclimatizare' is said of climates", "translation"),
    _w(_C, "accomplish", "ro", "Realizare", None, _NOT_RO, "translation"),
    _w(_C, "adopt", "ro", "Adoptare", None, _NOT_RO, "translation"),
    _w(_C, "advocate", "ro", "Susținere", None, _NOT_RO, "translation"),

    # -- questionpro-4: QuestionPro's four stages (004 Turkish) -----------------------------------------------------
    _w(_Q, "awareness", "tr", "Farkındalık", "004",
       "Farkındalık, değerlendirme, satın alma ve satın alma sonrası gibi tüketici yolculuğunun"),
    _w(_Q, "consideration", "tr", "Değerlendirme", "004",
       "Farkındalık, değerlendirme, satın alma ve satın alma sonrası gibi tüketici yolculuğunun"),
    _w(_Q, "purchase", "tr", "Satın Alma", "004",
       "Farkındalık, değerlendirme, satın alma ve satın alma sonrası gibi tüketici yolculuğunun"),
    _w(_Q, "post-purchase", "tr", "Satın Alma Sonrası", "004",
       "Farkındalık, değerlendirme, satın alma ve satın alma sonrası gibi tüketici yolculuğunun"),
    _w(_Q, "awareness", "ro", "Conștientizare", None, _NOT_RO + " (001: 'Conștientizare')", "translation"),
    _w(_Q, "consideration", "ro", "Considerare", None, _NOT_RO, "translation"),
    _w(_Q, "purchase", "ro", "Achiziție", None, _NOT_RO + " (001: 'Achiziție')", "translation"),
    _w(_Q, "post-purchase", "ro", "Post-achiziție", None, _NOT_RO, "translation"),
)


def words_for(preset: str, key: str, lang: str | None = None, *, outcome: bool = False) -> list[StageWord]:
    """The words of stage (or outcome) *key* of *preset*, in list order; of one language when *lang* is given."""
    return [w for w in WORDS if w.preset == preset and w.key == key and w.outcome == outcome
            and (lang is None or w.lang == lang)]
