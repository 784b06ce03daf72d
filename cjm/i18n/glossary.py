"""The journey words of the interface, one reviewed term per language, as the source articles write them.

Each :class:`Term` names a concept in English and the word a Turkish and a Romanian reader know from the articles
(``../shared/seeds``: "müşteri yolculuğu", "temas noktası", "sorunlu nokta"; "călătoria clientului", "punct de
contact", "puncte dureroase"…). A catalogue entry whose English text uses the English word must use the term of its
language — in any inflected form, so each term is a pattern over the word's stem — and never one of the words the
term replaced (``avoid``: loan words and literal translations a reviewer turned down). ``tests/base/test_glossary.py``
checks every entry of :data:`cjm.i18n.CATALOGUES` against this list.

Turkish adds suffixes (``temas noktası``, ``temas noktaları``, ``temas noktasını``); Romanian inflects and adds the
article (``punct de contact``, ``punctul de contact``, ``punctele de contact``); the patterns allow both.
Romanian is written with comma-below ș ț (U+0219, U+021B), never the cedilla forms.

>>> term("touchpoint").tr, term("pain point").ro
('temas noktası', 'punct dureros')
>>> bool(term("touchpoint").matches("tr", "Son temas noktaları"))
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Term:
    en: str  #: the English word, as a pattern (word boundaries added)
    tr: str  #: the Turkish term (its dictionary form)
    ro: str  #: the Romanian term (its dictionary form)
    tr_pattern: str  #: any inflected form of the Turkish term
    ro_pattern: str  #: any inflected form of the Romanian term
    en_pattern: str = ""  #: the English word and its plural (default: *en* with an optional s)
    avoid: dict[str, tuple[str, ...]] = field(default_factory=dict)  #: words turned down, per language
    note: str = ""

    def english(self) -> re.Pattern[str]:
        return re.compile(r"\b(?:" + (self.en_pattern or re.escape(self.en) + "s?") + r")\b", re.IGNORECASE)

    def matches(self, lang: str, text: str) -> re.Match[str] | None:
        pattern = {"tr": self.tr_pattern, "ro": self.ro_pattern}[lang]
        return re.search(pattern, text, re.IGNORECASE)


TERMS: tuple[Term, ...] = (
    Term("customer journey", "müşteri yolculuğu", "călătoria clientului",
         r"müşteri\s+yolculu[ğk]", r"(călători|parcurs)\w*\s+clien[tț]",
         en_pattern=r"customer journeys?|journeys? of (?:the )?customers?",
         avoid={"tr": ("müşteri seyahati",), "ro": ("customer journey",)},
         note="TR: articles 000, 004; RO: article 001 writes both 'călătoria' and 'parcursul clientului'."),
    Term("touchpoint", "temas noktası", "punct de contact",
         r"temas\s+nokta", r"punct\w*\s+de\s+contact",
         avoid={"tr": ("dokunma noktası", "etkileşim noktası"), "ro": ("touchpoint", "punct de atingere")},
         note="TR: articles 000, 004 'temas noktası'; RO: article 001 'puncte de contact'."),
    Term("pain point", "sorunlu nokta", "punct dureros",
         r"sorunlu\s+nokta", r"punct\w*\s+durer",
         avoid={"tr": ("acı noktası", "ağrı noktası"), "ro": ("punct de durere", "pain point")},
         note="TR: article 004 'sorunlu noktalarını'; RO: article 001 'punctele dureroase'."),
    Term("funnel", "huni", "pâlnie",
         r"huni", r"pâlni",
         avoid={"tr": ("funnel",), "ro": ("funnel",)},
         note="TR: article 004 'huninizi'."),
    Term("stage", "aşama", "etapă",
         r"aşama", r"etap",
         avoid={"ro": ("stadiu",)},
         note="TR: article 003 'Müşteri Deneyiminin Sekiz Aşaması'; RO: article 001 'etape'."),
    Term("emotion", "duygu", "emoție",
         r"duygu", r"emoți",
         avoid={"tr": ("emosyon",), "ro": ("emoţie",)},
         note="TR: article 003 'bir dizi duygudan geçersiniz'; RO: article 001 'Emoții'."),
    Term("channel", "kanal", "canal",
         r"kanal", r"canal",
         note="The six media of article 003 ('in person, email, mail, phone, video, gifts') are channels."),
    Term("customer", "müşteri", "client",
         r"müşteri", r"clien[tț]",
         en_pattern=r"customers?",
         note="TR articles 'müşteri'; RO article 001 'client' (a business client)."),
    Term("persona", "persona", "persona",
         r"persona", r"persona",
         note="Both articles keep the loan word."),
    Term("moment that matters", "önemli an", "moment important",
         r"önemli\s+an", r"moment\w*\s+important",
         en_pattern=r"moments? that matters?",
         note="RO: article 001 'momentele importante'."),
    Term("conversion", "dönüşüm", "conversie",
         r"dönüşüm", r"conversi",
         avoid={"ro": ("convertire",)}),
    Term("segment", "segment", "segment",
         r"segment", r"segment",
         note="Article 004 'müşteri segmentleri'."),
)


def term(en: str) -> Term:
    """The term whose English word is *en*."""
    return next(x for x in TERMS if x.en == en)
