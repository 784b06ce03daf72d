"""Every catalogue entry uses the reviewed journey terms of its language (cjm/i18n/glossary.py)."""

from __future__ import annotations

import re

import pytest

from cjm.i18n import CATALOGUES, EN
from cjm.i18n.glossary import TERMS, Term, term

#: what is not a word of the sentence: placeholders ("{touchpoint}" is a value), quoted literals (“stage”, a value
#: the user types), command-line options and their metavariables (--stage STAGE), commands (python -m cjm ...)
CODE = re.compile(r"\{[^{}]*\}|[“„\"«][^”\"»]*[”\"»]|--[\w-]+|\b[A-Z][A-Z_]+\b|python -m cjm[\w\s-]*")


def _words(text: str) -> str:
    """The text without what is code or a value in it (:data:`CODE`)."""
    return CODE.sub(" ", text)


def _uses(t: Term, key: str) -> bool:
    return bool(t.english().search(_words(EN[key])))


@pytest.mark.parametrize("lang", ["tr", "ro"])
@pytest.mark.parametrize("t", TERMS, ids=lambda t: t.en)
def test_entries_use_the_glossary_term(t, lang):
    """An entry whose English says "touchpoint" says "temas noktası" / "punct de contact" (in some inflected form)."""
    missing = {key: CATALOGUES[lang][key] for key in EN if _uses(t, key) and key in CATALOGUES[lang]
               and not t.matches(lang, _words(CATALOGUES[lang][key]))}
    assert missing == {}, f"{t.en} should read {getattr(t, lang)!r}"


@pytest.mark.parametrize("lang", ["tr", "ro"])
def test_no_entry_uses_a_word_the_glossary_turned_down(lang):
    found = {(key, word) for key, text in CATALOGUES[lang].items() for t in TERMS for word in t.avoid.get(lang, ())
             if re.search(r"(?<!\w)" + re.escape(word), _words(text), re.IGNORECASE)}
    assert found == set()


def test_terms_are_written_as_the_source_articles_write_them():
    assert (term("customer journey").tr, term("touchpoint").tr, term("pain point").tr, term("funnel").tr,
            term("stage").tr, term("emotion").tr) == (
        "müşteri yolculuğu", "temas noktası", "sorunlu nokta", "huni", "aşama", "duygu")
    assert (term("customer journey").ro, term("touchpoint").ro, term("pain point").ro, term("funnel").ro,
            term("stage").ro, term("emotion").ro) == (
        "călătoria clientului", "punct de contact", "punct dureros", "pâlnie", "etapă", "emoție")
    romanian = "".join(t.ro + t.ro_pattern for t in TERMS)
    assert not set("şţŞŢ") & set(romanian)  # comma below (ș ț), never the cedilla letters


@pytest.mark.parametrize("t", TERMS, ids=lambda t: t.en)
def test_each_term_matches_its_own_forms(t):
    """The patterns are not vacuous: each matches its own dictionary form, and not the English word."""
    assert t.english().search(t.en)
    assert t.matches("tr", t.tr) and t.matches("ro", t.ro)


def test_the_check_catches_a_wrong_term():
    """A Turkish entry that says "dokunma noktası" for touchpoint fails both checks."""
    t = term("touchpoint")
    assert not t.matches("tr", "Son dokunma noktası")
    assert "dokunma noktası" in t.avoid["tr"]
    assert t.matches("tr", "Son temas noktaları") and t.matches("ro", "punctele de contact")
