"""Header → canonical field guesses, in English, Turkish and Romanian (any case, with or without diacritics).

A header matches a field when its normalised text (:func:`cjm.core.stage_model.norm`) equals one of the field's
names; failing that, when it contains one of the field's keywords as whole words. Each field is given
to at most one header (the first that matches); later matches are left unmapped and reported.

>>> guess_mapping(["Müşteri No", "Tarih", "Aşama", "Temas Noktası", "Tutar", "Notlar"])
{'Müşteri No': 'customer_id', 'Tarih': 'timestamp', 'Aşama': 'stage', 'Temas Noktası': 'touchpoint', 'Tutar': 'value', 'Notlar': 'comment'}
>>> guess_mapping(["ID client", "Dată", "Etapă", "Emoție", "Whatever"])["Whatever"] is None
True
"""

from __future__ import annotations

import re

from cjm.core.stage_model import norm
from cjm.errors import MappingError
from cjm.store import EVENT_FIELDS, REQUIRED_FIELDS

CANONICAL_FIELDS: tuple[str, ...] = tuple(EVENT_FIELDS)

#: exact names per field (compared after :func:`norm`)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "customer_id": ("customer id", "customer", "customer no", "customer number", "client id", "client", "client no",
                    "account id", "account", "record id", "deal id", "contact id", "company id", "user id", "id",
                    "müşteri no", "müşteri numarası", "müşteri id", "müşteri kodu", "müşteri", "cari kod", "firma",
                    "id client", "cod client", "client nr", "nr client", "număr client", "id-ul clientului"),
    "timestamp": ("date", "timestamp", "time", "datetime", "date time", "created", "create date", "created at",
                  "created date", "activity date", "event date", "event time", "close date", "submitted at",
                  "tarih", "zaman", "tarih saat", "işlem tarihi", "kayıt tarihi", "oluşturma tarihi",
                  "dată", "data", "data și ora", "ora", "data evenimentului", "data creării"),
    "stage": ("stage", "deal stage", "lifecycle stage", "journey stage", "phase", "step", "status",
              "aşama", "evre", "safha", "süreç aşaması", "adım", "etapă", "etapa", "faza", "stadiu", "etapa călătoriei"),
    "touchpoint": ("touchpoint", "touch point", "activity", "activity type", "interaction", "event", "action",
                   "temas noktası", "temas", "etkileşim", "aktivite", "faaliyet", "punct de contact",
                   "punct contact", "interacțiune", "activitate", "acțiune"),
    "channel": ("channel", "medium", "source", "kanal", "iletişim kanalı", "ortam", "canal", "mediu", "sursa"),
    "emotion": ("emotion", "sentiment", "feeling", "mood", "emotion score", "duygu", "his", "duygu durumu", "emoție",
                "emotie", "sentiment client", "stare"),
    "satisfaction": ("satisfaction", "csat", "rating", "score", "stars", "satisfaction score", "memnuniyet",
                     "memnuniyet puanı", "puan", "skor", "değerlendirme puanı", "satisfacție", "satisfactie", "notă",
                     "scor", "evaluare"),
    "nps": ("nps", "net promoter score", "recommend", "likelihood to recommend", "tavsiye puanı", "nps puanı",
            "scor nps", "recomandare"),
    "outcome": ("outcome", "result", "won lost", "won/lost", "deal outcome", "closed reason", "sonuç", "netice",
                "rezultat", "rezultatul"),
    "segment": ("segment", "customer segment", "industry", "sector", "tier", "segment müşteri", "müşteri segmenti",
                "sektör", "segmentul", "industrie"),
    "persona": ("persona", "buyer persona", "profil", "personas"),
    "role": ("role", "buying role", "contact role", "job role", "rol", "görev", "ünvan", "funcție", "rolul"),
    "value": ("amount", "value", "deal value", "revenue", "price", "deal amount", "total", "tutar", "değer",
              "gelir", "fiyat", "ciro", "toplam", "sumă", "suma", "valoare", "venit", "preț", "total lei"),
    "cost": ("cost", "costs", "expense", "spend", "maliyet", "gider", "masraf", "cost total", "costuri", "cheltuieli"),
    "comment": ("comment", "comments", "notes", "note", "feedback", "remarks", "description", "text", "verbatim",
                "yorum", "yorumlar", "not", "notlar", "açıklama", "geri bildirim", "comentariu", "comentarii",
                "observații", "observatii", "notițe", "mențiuni", "descriere"),
}

#: keywords found inside longer headers ("Customer ID (CRM)", "Deal Stage Name"), checked in this order
KEYWORDS: tuple[tuple[str, str], ...] = (
    ("nps", "nps"), ("net promoter", "nps"), ("csat", "satisfaction"), ("satisfaction", "satisfaction"),
    ("memnuniyet", "satisfaction"), ("satisfactie", "satisfaction"), ("rating", "satisfaction"),
    ("puan", "satisfaction"), ("skor", "satisfaction"), ("scor", "satisfaction"),
    ("emotion", "emotion"), ("sentiment", "emotion"), ("duygu", "emotion"), ("emotie", "emotion"),
    ("customer", "customer_id"), ("musteri", "customer_id"), ("client", "customer_id"), ("account", "customer_id"),
    ("stage", "stage"), ("asama", "stage"), ("etapa", "stage"),
    ("touchpoint", "touchpoint"), ("temas", "touchpoint"), ("contact", "touchpoint"), ("activity", "touchpoint"),
    ("channel", "channel"), ("kanal", "channel"), ("canal", "channel"),
    ("date", "timestamp"), ("time", "timestamp"), ("tarih", "timestamp"), ("data", "timestamp"),
    ("outcome", "outcome"), ("result", "outcome"), ("sonuc", "outcome"), ("rezultat", "outcome"),
    ("segment", "segment"), ("persona", "persona"), ("role", "role"),
    ("amount", "value"), ("value", "value"), ("revenue", "value"), ("tutar", "value"), ("suma", "value"),
    ("valoare", "value"), ("cost", "cost"), ("maliyet", "cost"),
    ("comment", "comment"), ("note", "comment"), ("yorum", "comment"), ("comentari", "comment"),
)

_EXACT = {norm(name): field for field, names in SYNONYMS.items() for name in names}


def guess_field(header: str) -> str | None:
    """The canonical field a header most likely holds, or None.

    >>> guess_field("DEAL STAGE"), guess_field("Musteri no"), guess_field("Customer ID (CRM)"), guess_field("Foo")
    ('stage', 'customer_id', 'customer_id', None)
    """
    key = norm(header)
    key = re.sub(r"\s*\(\d+\)$", "", key)  # "Stage (2)" from duplicate headers
    if key in _EXACT:
        return _EXACT[key]
    words = f" {re.sub(r'[^0-9a-z]+', ' ', key)} "
    for kw, field in KEYWORDS:
        if f" {kw}" in words:
            return field
    return None


def guess_mapping(headers: list[str]) -> dict[str, str | None]:
    """header -> canonical field (or None); each field used by at most one header, the first that matches."""
    out: dict[str, str | None] = {}
    used: set[str] = set()
    # exact matches win over keyword matches
    exact = {h: _EXACT.get(norm(h)) for h in headers}
    for h in headers:
        f = exact[h]
        if f and f not in used:
            out[h] = f
            used.add(f)
    for h in headers:
        if h in out:
            continue
        f = guess_field(h)
        if f and f not in used and exact[h] is None:
            out[h] = f
            used.add(f)
        else:
            out[h] = None
    return {h: out[h] for h in headers}


def resolve_mapping(headers: list[str], user: dict[str, str | None] | None = None, *,
                    file_name: str = "") -> dict[str, str | None]:
    """The guess, overridden per header by *user* (None = ignore); checked: known headers and fields, each
    field once, customer_id and stage present. Raises :class:`MappingError`.

    >>> resolve_mapping(["Kod", "Aşama"], {"Kod": "customer_id"})
    {'Kod': 'customer_id', 'Aşama': 'stage'}
    """
    mapping = guess_mapping(headers)
    where = f' in "{file_name}"' if file_name else ""
    found = ", ".join(f'"{h}"' for h in headers)
    for header, field in (user or {}).items():
        if header not in mapping:
            raise MappingError(f'There is no column "{header}"{where}. The columns are: {found}.')
        if field is not None and field not in CANONICAL_FIELDS:
            raise MappingError(f'"{field}" is not a field. Map "{header}" to one of: {", ".join(CANONICAL_FIELDS)} '
                               f"(or leave it out).")
        if field is not None:
            for other, f in mapping.items():  # the user's choice takes the field from a guessed header
                if f == field and other != header and other not in (user or {}):
                    mapping[other] = None
        mapping[header] = field
    seen: dict[str, str] = {}
    for header, field in mapping.items():
        if field is None:
            continue
        if field in seen:
            raise MappingError(f'Both "{seen[field]}" and "{header}" are mapped to {field}. Map only one of them.')
        seen[field] = header
    missing = [f for f in REQUIRED_FIELDS if f not in seen]
    if missing:
        raise MappingError(f'No column for {" and ".join(missing)}{where}. The columns are: {found}. '
                           f'Name the columns (e.g. "Customer ID", "Stage") or map them by hand '
                           f'(CLI: --map "Header=customer_id").')
    return mapping
