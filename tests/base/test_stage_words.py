"""The stage words of the source articles (cjm.core.stage_words): each is a name of its own preset stage or outcome,
of no other; the presets' Turkish and Romanian labels are the articles' words; data written with them imports into
the preset with no stage left over.

The list is read from the repository (cjm.core.stage_words), never from the articles themselves.
"""

from __future__ import annotations

import csv
import io

import pytest

from cjm.core.stage_model import PRESETS, StageModel, norm, preset
from cjm.core.stage_words import KINDS, LANGS, WORDS, StageWord, words_for
from cjm.ingest import import_file
from cjm.store import open_workspace


def _expected(m: StageModel, w: StageWord) -> tuple[int, str | None]:
    if w.outcome:
        o = next(o for o in m.outcomes if o.key == w.key)
        return (m.keys.index(o.stage), o.key)
    return (m.keys.index(w.key), None)


def _claims(m: StageModel) -> dict[str, set[str]]:
    """normalised name -> the stages and outcomes of *m* that have it (key, label, alias or label in a language)."""
    out: dict[str, set[str]] = {}
    for kind, items in (("stage", m.stages), ("outcome", m.outcomes)):
        for it in items:
            for name in (it.key, it.label, *it.aliases, *(label for _, label in it.translations)):
                out.setdefault(norm(name), set()).add(f"{kind} {it.key}")
    return out


def test_the_list_covers_every_article_and_every_preset():
    assert {w.seed for w in WORDS} == {"000", "001", "002", "003", "004", None}
    assert {w.preset for w in WORDS} == set(PRESETS)
    for w in WORDS:
        assert w.lang in LANGS and w.kind in KINDS, w
        assert (w.seed is None) == (w.kind == "translation"), w
        assert w.word.strip() == w.word and w.quote, w
        if w.kind == "article":  # the word as written stands in its quote
            assert norm(w.word) in norm(w.quote), w
        items = PRESETS[w.preset].outcomes if w.outcome else PRESETS[w.preset].stages
        assert w.key in [it.key for it in items], w
    # the example: the Turkish article's own word for Coleman's "accomplish"
    assert [(w.word, w.seed) for w in words_for("coleman-8", "accomplish", "tr")] == [
        ("Sonuçlandırma", "003"), ("Tamamlanma", "003")]


@pytest.mark.parametrize("w", WORDS, ids=lambda w: f"{w.preset}:{w.key}:{w.word}")
def test_every_word_matches_its_own_stage_in_every_language(w):
    m = preset(w.preset)
    for model in (m, *(m.localized(lang) for lang in LANGS)):
        assert model.match(w.word) == _expected(model, w)
        assert model.match(f"  {w.word.upper()} ") == _expected(model, w)
    # an alias in the model as written, not only through another name that happens to normalise the same
    names = next(it for it in (m.outcomes if w.outcome else m.stages) if it.key == w.key).aliases
    assert norm(w.word) in {norm(a) for a in names}


@pytest.mark.parametrize("name", list(PRESETS))
def test_no_name_belongs_to_two_stages_or_outcomes_of_a_model(name):
    for model in (PRESETS[name], *(PRESETS[name].localized(lang) for lang in LANGS)):
        shared = {n: sorted(owners) for n, owners in _claims(model).items() if len(owners) > 1}
        assert shared == {}


@pytest.mark.parametrize("name", list(PRESETS))
def test_labels_in_each_language_are_the_articles_words(name):
    """Each Turkish and Romanian label is in the list; where an article names the stage in that language, the
    label is the article's word (not a translation of ours)."""
    m = PRESETS[name]
    for outcome, items in ((False, m.stages), (True, m.outcomes)):
        for it in items:
            assert dict(it.translations)["en"] == it.label
            for lang in ("tr", "ro"):
                label = it.label_in(lang)
                words = words_for(name, it.key, lang, outcome=outcome)
                assert norm(label) in {norm(w.word) for w in words}, (it.key, lang, label)
                from_article = [w for w in words if w.kind != "translation"]
                if from_article:
                    assert label in {w.word for w in from_article}, (it.key, lang, label)


def test_turkish_and_romanian_labels_as_the_articles_write_them():
    assert preset("coleman-8").localized("tr").labels == [
        "Değerlendirme", "Kabul Etme", "Onaylama", "Etkinleştirme", "Alışma", "Sonuçlandırma", "Benimseme", "Savunma"]
    assert preset("five-stage").localized("ro").labels == [
        "Conștientizare", "Cercetare", "Achiziție", "Retenție", "Advocacy"]
    assert preset("questionpro-4").localized("tr").labels == [
        "Farkındalık", "Değerlendirme", "Satın Alma", "Satın Alma Sonrası"]
    assert preset("hinge-b2b-4").localized("tr").labels == [
        "Satın Alma Öncesi", "Müşteri Deneyimi", "Etkileşimler Arası", "Eski Müşteri"]
    assert [o.label for o in preset("hinge-b2b-4").localized("tr").outcomes] == [
        "İşe alındı", "Şimdi değil", "Olmaz", "Savunucu", "Kayıp"]


def _csv(rows: list[tuple[str, str, str]]) -> bytes:
    buf = io.StringIO()
    out = csv.writer(buf, delimiter=";")
    out.writerow(["Müşteri", "Tarih", "Aşama"])
    out.writerows(rows)
    return buf.getvalue().encode("utf-8")


def test_a_file_that_says_sonuclandirma_imports_into_coleman_with_no_extra_stage():
    ws = open_workspace(":memory:")
    stages = ["Değerlendirme", "Kabul Etme", "Onaylama", "Etkinleştirme", "Ortama Alışma", "Sonuçlandırma",
              "Benimseme", "Savunma"]
    rows = [(f"M{c}", f"2025-03-{i + 1:02d}", stage) for c in range(3) for i, stage in enumerate(stages[:6 + c])]
    rep = import_file(ws, _csv(rows), file_name="kobi.csv", model=preset("coleman-8"))
    assert rep.rows_loaded == len(rows) and rep.unknown_stages == {}
    stored = ws.stage_model()
    assert stored is not None and stored.keys == preset("coleman-8").keys  # eight stages, none invented
    got = ws.cursor().execute("SELECT stage, stage_idx FROM events WHERE stage = 'Sonuçlandırma'").fetchall()
    assert got == [("Sonuçlandırma", 5)] * 3


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_word_in_a_file_lands_on_its_stage(name):
    """An import of data written with every word of the list for the preset: nothing unknown, each value on its
    stage (outcome words in the stage column land on their decision stage)."""
    m = preset(name)
    words = [w for w in WORDS if w.preset == name]
    rows = [(f"c{i}", "2025-03-01", w.word) for i, w in enumerate(words)]
    ws = open_workspace(":memory:")
    rep = import_file(ws, _csv(rows), file_name=f"{name}.csv", model=m)
    assert rep.unknown_stages == {} and rep.rows_loaded == len(words)
    got = dict(ws.cursor().execute("SELECT customer_id, stage_idx FROM events").fetchall())
    assert [got[f"c{i}"] for i in range(len(words))] == [_expected(m, w)[0] for w in words]
