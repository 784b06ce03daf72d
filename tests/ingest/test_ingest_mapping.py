"""Header → canonical field guesses (EN/TR/RO, any case, with or without diacritics) and user overrides."""

from __future__ import annotations

import pytest

from cjm.errors import MappingError
from cjm.ingest.mapping import CANONICAL_FIELDS, guess_field, guess_mapping, resolve_mapping


@pytest.mark.parametrize(("header", "field"), [
    ("Customer ID", "customer_id"), ("Record ID", "customer_id"), ("Müşteri No", "customer_id"),
    ("MUSTERI NO", "customer_id"), ("ID client", "customer_id"), ("id client", "customer_id"),
    ("Date", "timestamp"), ("Create Date", "timestamp"), ("Tarih", "timestamp"), ("Dată", "timestamp"),
    ("Data", "timestamp"),
    ("Stage", "stage"), ("Deal Stage", "stage"), ("Aşama", "stage"), ("asama", "stage"), ("Etapă", "stage"),
    ("ETAPA", "stage"),
    ("Touchpoint", "touchpoint"), ("Activity", "touchpoint"), ("Temas Noktası", "touchpoint"),
    ("temas noktasi", "touchpoint"), ("Punct de contact", "touchpoint"),
    ("Channel", "channel"), ("Kanal", "channel"), ("Canal", "channel"),
    ("Emotion", "emotion"), ("Duygu", "emotion"), ("Emoție", "emotion"), ("Emotie", "emotion"),
    ("Memnuniyet", "satisfaction"), ("CSAT", "satisfaction"), ("Rating", "satisfaction"),
    ("NPS", "nps"), ("Outcome", "outcome"), ("Won/Lost", "outcome"), ("Sonuç", "outcome"), ("Rezultat", "outcome"),
    ("Segment", "segment"), ("Persona", "persona"), ("Role", "role"), ("Rol", "role"),
    ("Amount", "value"), ("Deal Value", "value"), ("Tutar", "value"), ("Sumă", "value"), ("Suma", "value"),
    ("Cost", "cost"), ("Yorum", "comment"), ("Comentariu", "comment"), ("Notes", "comment"),
    ("Customer ID (CRM)", "customer_id"), ("Deal Stage Name", "stage"), ("Rating (1-5)", "satisfaction"),
    ("Tutar (TL)", "value"), ("Sumă (RON)", "value"), ("Memnuniyet (1-5)", "satisfaction"),
    ("Puan", "satisfaction"), ("Skor", "satisfaction"), ("Skor (0-10)", "satisfaction"), ("Scor", "satisfaction"),
    ("Scor NPS", "nps"), ("Duygu Durumu", "emotion"), ("Müşteri Memnuniyeti", "satisfaction"),
])
def test_guess_field(header, field):
    assert guess_field(header) == field


def test_unknown_headers_are_not_guessed():
    assert guess_field("Foo") is None and guess_field("Column 7") is None


def test_each_field_goes_to_the_first_header_only():
    assert guess_mapping(["Stage", "Deal Stage", "Customer ID"]) == {
        "Stage": "stage", "Deal Stage": None, "Customer ID": "customer_id"}


def test_exact_names_win_over_keywords():
    # "Customer segment" contains the keyword "customer" but is an exact segment name
    assert guess_mapping(["Customer segment", "Customer"]) == {"Customer segment": "segment", "Customer": "customer_id"}


def test_canonical_fields_are_the_event_fields():
    assert CANONICAL_FIELDS[:3] == ("customer_id", "timestamp", "stage") and len(CANONICAL_FIELDS) == 15


def test_user_mapping_overrides_and_ignores():
    headers = ["Kod", "Aşama", "Tarih", "Yorum"]
    assert resolve_mapping(headers, {"Kod": "customer_id", "Yorum": None}) == {
        "Kod": "customer_id", "Aşama": "stage", "Tarih": "timestamp", "Yorum": None}


def test_user_mapping_takes_a_field_from_a_guessed_header():
    # "Stage" was guessed as stage; the user says "Phase X" is the stage
    assert resolve_mapping(["id", "Stage", "Phase X"], {"Phase X": "stage"}) == {
        "id": "customer_id", "Stage": None, "Phase X": "stage"}


def test_missing_required_field_lists_the_headers():
    with pytest.raises(MappingError) as err:
        resolve_mapping(["Kod", "Aşama"], file_name="a.csv")
    assert str(err.value).startswith('No column for customer_id in "a.csv". The columns are: "Kod", "Aşama".')


def test_unknown_header_or_field_in_user_mapping():
    with pytest.raises(MappingError, match='There is no column "Nope"'):
        resolve_mapping(["id", "stage"], {"Nope": "comment"})
    with pytest.raises(MappingError, match='"feelings" is not a field'):
        resolve_mapping(["id", "stage"], {"stage": "feelings"})


def test_two_headers_for_one_field_is_an_error():
    with pytest.raises(MappingError, match='Both "a" and "b" are mapped to comment'):
        resolve_mapping(["id", "stage", "a", "b"], {"a": "comment", "b": "comment"})
