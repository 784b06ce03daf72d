"""The Turkish and Romanian catalogues: complete, with the same placeholders as English, correct diacritics."""

from __future__ import annotations

import re
import string
from collections import Counter

import pytest

from cjm.i18n import CATALOGUES, EN, LANGUAGES, t
from cjm.i18n.ro import RO
from cjm.i18n.tr import TR

TRANSLATED = {"tr": TR, "ro": RO}

# Keys whose translation may equal the English text: product names, acronyms, pure placeholders/punctuation,
# and words Turkish or Romanian borrow as they are. Anything else equal to English was forgotten.
SAME_AS_EN = {
    "tr": {"app.title", "map.conversion_cell", "map.nps", "map.none", "pain.item", "field.nps",
           "sidebar.segment", "sidebar.persona", "field.segment", "field.persona", "unit.n", "unit.mark",
           "tpl.col.persona", "tpl.col.segment", "tpl.medium.video", "tpl.medium.chat", "team.persona"},
    "ro": {"app.title", "map.conversion_cell", "map.nps", "map.none", "pain.item", "field.nps",
           "sidebar.segment", "sidebar.persona", "field.segment", "field.persona",
           "nav.import", "field.cost", "unit.n", "unit.mark", "html.impact",
           "tpl.col.persona", "tpl.col.segment", "tpl.medium.video", "tpl.medium.chat", "team.persona"},
}

# Names the user knows from elsewhere: never translated.
KEPT = ("CJM Dashboard", "DuckDB", "CSV", "Excel", "NPS", "KPI", "CRM")


def fields(text: str) -> Counter:
    """Each placeholder with its conversion and format spec, counted: {"n": 1, "stage": 1} for "{n} … {stage}"."""
    return Counter((name, conv, spec) for _, name, spec, conv in string.Formatter().parse(text) if name is not None)


def samples(text: str) -> dict[str, str]:
    return {name: f"<{name}>" for name, _, _ in fields(text)}


def test_catalogues_are_wired_into_t():
    assert set(LANGUAGES) == set(CATALOGUES)
    assert CATALOGUES["tr"] is TR and CATALOGUES["ro"] is RO


@pytest.mark.parametrize("lang", sorted(TRANSLATED))
def test_same_keys_as_english(lang):
    cat = TRANSLATED[lang]
    assert sorted(set(EN) - set(cat)) == [], "untranslated keys"
    assert sorted(set(cat) - set(EN)) == [], "keys English does not have"


@pytest.mark.parametrize("lang", sorted(TRANSLATED))
def test_same_placeholders_as_english(lang):
    cat = TRANSLATED[lang]
    wrong = {key: (sorted(fields(EN[key])), sorted(fields(text))) for key, text in cat.items()
             if fields(text) != fields(EN[key])}
    assert wrong == {}


@pytest.mark.parametrize("lang", sorted(TRANSLATED))
def test_every_key_formats_with_its_values(lang):
    for key in EN:
        values = samples(EN[key])
        out = t(key, lang=lang, **values)
        assert out == TRANSLATED[lang][key].format(**values)
        for sample in values.values():
            assert out.count(sample) == EN[key].format(**values).count(sample), (key, out)
        assert "{" not in out and "}" not in out, (key, out)


def _has_words(text: str) -> bool:
    """Whether *text* has a word to translate: not only placeholders, numbers, signs and the names kept as they are
    ("{value} (n = {n})", "NPS {nps}")."""
    rest = re.sub(r"\{[^{}]*\}", " ", text)
    for name in KEPT:
        rest = rest.replace(name, " ")
    return re.search(r"[^\W\d_]{2,}", rest) is not None


@pytest.mark.parametrize("lang", sorted(TRANSLATED))
def test_nothing_left_in_english(lang):
    same = {key for key, text in TRANSLATED[lang].items() if text == EN[key] and _has_words(text)}
    assert same <= SAME_AS_EN[lang], sorted(same - SAME_AS_EN[lang])


@pytest.mark.parametrize("lang", sorted(TRANSLATED))
def test_text_is_clean(lang):
    for key, text in TRANSLATED[lang].items():
        assert text and text == text.strip(), key
        assert "  " not in text, key  # a slip where two string pieces were joined
        for name in KEPT:  # kept as they are (a sentence may name it once less: "0: every KPI missed" / "0: toți ratați")
            assert (name in text) == (name in EN[key]), (key, name)
        # the signs and units of the English text stay: −2…+2, 0–10, arrows, the ellipsis of "Loading…"
        for sign in ("−2", "+2", "–", "→", "·", "…", "(CSV)", "(Excel)"):
            assert text.count(sign) == EN[key].count(sign), (key, sign)


def test_romanian_uses_comma_below_never_cedilla():
    text = "".join(RO.values())
    assert "\u015f" not in text and "\u015e" not in text  # ş Ş (cedilla: Turkish letters)
    assert "\u0163" not in text and "\u0162" not in text  # ţ Ţ
    assert "ș" in text and "ț" in text  # U+0219, U+021B
    assert "\u0131" not in text and "ğ" not in text  # dotless ı, ğ: Turkish only


def test_turkish_letters_are_turkish():
    text = "".join(TR.values())
    assert "\u0219" not in text and "\u021b" not in text and "ă" not in text and "â" not in text
    for letter in "çğıİöşü":
        assert letter in text, letter


def test_navigation_words():
    nav = {key: (t(key, lang="tr"), t(key, lang="ro")) for key in EN if key.startswith("nav.")}
    assert {key: nav.get(key) for key in PINNED_NAV} == PINNED_NAV


PINNED_NAV = {
    "nav.import": ("İçe aktar", "Import"),
    "nav.map": ("Yolculuk haritası", "Harta călătoriei"),
    "nav.funnel": ("Huni", "Pâlnie"),
    "nav.channels": ("Temas noktaları ve kanallar", "Puncte de contact și canale"),
    "nav.emotions": ("Duygular", "Emoții"),
    "nav.pain": ("Sorunlu noktalar", "Puncte dureroase"),
    "nav.whatif": ("Senaryo analizi", "Analiză de scenarii"),
    "nav.settings": ("Ayarlar", "Setări"),
}


def test_messages_read_in_order():
    # Turkish puts the suffix on a noun after the value, Romanian puts the count after a colon
    assert t("funnel.reached", lang="tr", n=12, stage="Farkındalık") == "12 müşteri Farkındalık aşamasına ulaştı"
    assert t("funnel.reached", lang="ro", n=12, stage="Cercetare") == "Clienți care au ajuns la Cercetare: 12"
    assert t("gap.channel_absent", lang="tr", channel="E-posta", stage="Satın alma") == (
        "E-posta kanalı başka aşamalarda kullanılıyor ama Satın alma aşamasında hiç kullanılmıyor.")
    assert t("import.done", lang="ro", name="crm.csv", loaded=98, rejected=2, read=100) == (
        "crm.csv: rânduri citite 100, încărcate 98, respinse 2.")


def test_pseudo_language_marks_every_text_and_is_not_offered():
    from cjm.i18n import PSEUDO

    assert PSEUDO not in LANGUAGES and PSEUDO not in CATALOGUES
    assert t("funnel.reached", lang=PSEUDO, n=12, stage="X") == "⟦12 customers reached X⟧"
    assert all(t(key, lang=PSEUDO, **samples(text)).startswith("⟦") for key, text in EN.items())


def test_english_and_unknown_language_unchanged():
    assert t("nav.funnel") == "Funnel"
    assert t("nav.funnel", lang="de") == "Funnel"
