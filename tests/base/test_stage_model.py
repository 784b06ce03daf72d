"""Stage models in the user's language (StageModel.localized) and stored as JSON with their labels per language."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from cjm.analyses import funnel as fn
from cjm.core.stage_edit import edit_stages, map_values, stage_rows
from cjm.core.stage_model import PRESETS, StageModel, custom, norm, preset, with_preset_words

LANGS = ("en", "tr", "ro")


@pytest.mark.parametrize("name", list(PRESETS))
@pytest.mark.parametrize("lang", LANGS)
def test_localized_is_the_same_model_with_labels_in_the_language(name, lang):
    m = PRESETS[name]
    loc = m.localized(lang)
    assert loc.name == m.name and loc.keys == m.keys and loc.won == m.won
    assert loc.final_indexes() == m.final_indexes() and loc.extra_aliases == m.extra_aliases
    assert [(o.key, o.stage, o.positive) for o in loc.outcomes] == [(o.key, o.stage, o.positive) for o in m.outcomes]
    assert loc.labels == [s.label_in(lang) for s in m.stages]
    assert [o.label for o in loc.outcomes] == [o.label_in(lang) for o in m.outcomes]
    # the data matches exactly as before; the English label still finds its stage, the shown one too
    assert loc.lookup() == m.lookup()
    for i, s in enumerate(m.stages):
        assert loc.match(s.label) == (i, None) and loc.index(s.label) == i
        assert m.index(loc.labels[i]) == i  # a name the localized model shows works on the stored model
        assert loc.stages[i].label == s.label or norm(s.label) in {norm(a) for a in loc.stages[i].aliases}
    assert loc.localized(lang) is loc
    assert loc.localized("en").labels == m.labels


def test_localized_keeps_the_users_own_names_and_mapped_values():
    c = custom(["Lead", "Demo", "Signed"]).with_won("Signed")
    assert c.localized("tr") is c
    mapped = map_values(preset("coleman-8"), {"Tamamlandı": "accomplish"})
    loc = mapped.localized("tr")
    assert loc.extra_aliases == (("Tamamlandı", "accomplish"),) and loc.match("tamamlandi") == (5, None)
    # a renamed preset stage shows the user's name in every language; the stages left as they were are translated
    rows = stage_rows(preset("five-stage"))
    rows[1]["label"] = "Demo"
    edited = edit_stages(preset("five-stage"), rows)
    assert edited.name == "custom (five-stage)"
    stored = StageModel.from_json(edited.to_json())
    assert stored.localized("ro").labels == ["Conștientizare", "Demo", "Achiziție", "Retenție", "Advocacy"]
    assert stored.match("Cercetare") == (1, None)  # its words still match (kept as aliases by the edit)


def test_unknown_language_leaves_the_labels():
    m = preset("coleman-8")
    assert m.localized("de") is m


def test_json_round_trip_keeps_labels_per_language():
    for m in (*PRESETS.values(), *(p.localized("tr") for p in PRESETS.values())):
        back = StageModel.from_json(m.to_json())
        assert back == m
        assert [s.translations for s in back.stages] == [s.translations for s in m.stages]
        assert [o.translations for o in back.outcomes] == [o.translations for o in m.outcomes]
        assert back.labels == m.labels and back.localized("ro").labels == m.localized("ro").labels
    stored = json.loads(preset("coleman-8").to_json())
    assert stored["stages"][5]["translations"] == {"en": "Accomplish", "tr": "Sonuçlandırma", "ro": "Realizare"}
    c = custom(["Lead", "Client"])
    assert StageModel.from_json(c.to_json()) == c and all(not s.translations for s in c.stages)


def _without_translations(m: StageModel) -> str:
    """*m* as a workspace stored it before stages had labels per language."""
    d = json.loads(m.to_json())
    for part in (*d["stages"], *d["outcomes"]):
        del part["translations"]
    return json.dumps(d, ensure_ascii=False)


def test_a_model_stored_before_labels_per_language_gets_the_presets_labels():
    for m in PRESETS.values():
        old = StageModel.from_json(_without_translations(m))
        assert old == m and old.localized("tr").labels == m.localized("tr").labels
        assert [o.label for o in old.localized("ro").outcomes] == [o.label for o in m.localized("ro").outcomes]
    # an edited preset: the stages as in the preset get their labels, a renamed one keeps the user's name
    rows = stage_rows(preset("coleman-8"))
    rows[0]["label"] = "Keşif"
    edited = edit_stages(preset("coleman-8"), rows)
    old = StageModel.from_json(_without_translations(edited))
    assert old.localized("tr").labels[:2] == ["Keşif", "Kabul Etme"]
    # a custom model whose names happen to be a preset's is the user's: left as written
    c = StageModel.from_json(_without_translations(custom(["Awareness", "Research", "Purchase"])))
    assert c.localized("tr").labels == ["Awareness", "Research", "Purchase"]


def test_localized_model_gives_the_same_analysis_numbers(journeys):
    con, m = journeys({
        "c1": [("Farkındalık", "2026-01-02"), ("Cercetare", "2026-01-04"), ("Purchase", "2026-01-09")],
        "c2": [("Awareness", "2026-01-03"), ("Araştırma", "2026-01-05")],
        "c3": [("Conștientizare", "2026-01-03"), ("Achiziție", "2026-01-08"), ("Retenție", "2026-02-08"),
               ("Savunuculuk", "2026-03-01")],
        "c4": [("Research", "2026-01-06")],
    }, model="five-stage")
    base = fn.funnel(con, model=m)
    assert base["customers"].tolist() == [4, 4, 2, 1, 1]  # furthest stage: c4 passed awareness
    for lang in LANGS:
        loc = m.localized(lang)
        got = fn.funnel(con, model=loc)
        assert got["label"].tolist() == loc.labels
        pd.testing.assert_frame_equal(got.drop(columns="label"), base.drop(columns="label"))
        want = fn.dropped_after(con, model=m, stage="research")
        for stage in (m.labels[1], loc.labels[1], "research"):  # a stage named either way
            got = fn.dropped_after(con, model=loc, stage=stage)
            assert got["last_stage"].tolist() == [loc.labels[1]] * 2
            pd.testing.assert_frame_equal(got.drop(columns="last_stage"), want.drop(columns="last_stage"))


def test_a_stored_preset_keeps_its_words_until_upgraded_and_saved(ws, journeys):
    """A coleman-8 stored before "Sonuçlandırma" was a word of the preset: it shows the Turkish label at once, but
    matches data as it was applied (no value changes stage behind the data's back); with_preset_words adds the
    preset's words, and saving it re-applies the model."""
    d = json.loads(_without_translations(preset("coleman-8")))
    d["stages"][5]["aliases"] = ["başarma", "basarma", "başarı", "realizare", "îndeplinire"]  # as stored before
    d["extra_aliases"] = [["Tamamlanma", "adopt"]]  # the user mapped this word elsewhere: theirs stays
    con, old = journeys({"c1": [("Değerlendirme", "2025-03-01"), ("Sonuçlandırma", "2025-03-09")]},
                        model=StageModel.from_json(json.dumps(d)))
    assert old.localized("tr").labels[5] == "Sonuçlandırma" and old.match("Sonuçlandırma") == (None, None)
    assert con.execute("SELECT stage_idx FROM events ORDER BY seq").fetchall() == [(0,), (None,)]
    new = with_preset_words(old)
    assert new.match("Sonuçlandırma") == (5, None) and new.match("Ortama Alışma") == (4, None)
    assert new.match("Tamamlanma") == (6, None) and "Tamamlanma" not in new.stages[5].aliases
    assert new.keys == old.keys and new.won == old.won and with_preset_words(new) == new
    ws.set_stage_model(new)
    assert con.execute("SELECT stage_idx FROM events ORDER BY seq").fetchall() == [(0,), (5,)]
    assert with_preset_words(custom(["Assess", "Accomplish"])).match("Sonuçlandırma") == (None, None)
