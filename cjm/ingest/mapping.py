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
from cjm.errors import MappingError, Message
from cjm.store import EVENT_FIELDS, REQUIRED_FIELDS

CANONICAL_FIELDS: tuple[str, ...] = tuple(EVENT_FIELDS)

#: exact names per field (compared after :func:`norm`)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "customer_id": ("case:concept:name", "case id", "case", "caseid", "case concept name", "trace id", "case key",
                    "customer id", "customer", "customer no", "customer number", "client id", "client", "client no",
                    "account id", "account", "record id", "deal id", "contact id", "company id", "user id", "id",
                    "müşteri no", "müşteri numarası", "müşteri id", "müşteri kodu", "müşteri", "cari kod", "firma",
                    "id client", "cod client", "client nr", "nr client", "număr client", "id-ul clientului"),
    "timestamp": ("time:timestamp", "complete timestamp", "end timestamp", "completed", "end time", "eventtime",
                  "date", "timestamp", "time", "datetime", "date time", "created", "create date", "created at",
                  "created date", "activity date", "event date", "event time", "close date", "submitted at",
                  "tarih", "zaman", "tarih saat", "işlem tarihi", "kayıt tarihi", "oluşturma tarihi",
                  "dată", "data", "data și ora", "ora", "data evenimentului", "data creării"),
    "stage": ("stage", "deal stage", "lifecycle stage", "journey stage", "phase", "step", "status",
              "aşama", "evre", "safha", "süreç aşaması", "adım", "etapă", "etapa", "faza", "stadiu", "etapa călătoriei"),
    "touchpoint": ("concept:name", "activity name", "touchpoint", "touch point", "activity", "activity type", "interaction", "event", "action",
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
    "role": ("org:resource", "resource", "org:role", "performer", "executor",
             "role", "buying role", "contact role", "job role", "rol", "görev", "ünvan", "funcție", "rolul"),
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

#: Event-log conventions (XES as pm4py writes it, Disco, Celonis): a case column makes a file an event log, whose
#: activity column holds the stages (in a CRM export "Activity" is a touchpoint).
CASE_HEADERS = frozenset(norm(h) for h in ("case:concept:name", "case id", "case", "caseid", "case concept name",
                                           "case key", "_CASE_KEY", "trace id"))
ACTIVITY_HEADERS = frozenset(norm(h) for h in ("concept:name", "activity", "activity name", "activity en",
                                               "ACTIVITY_EN", "event name", "task"))
#: The lifecycle column of an event log (start / complete events of one activity); not a field: the import keeps
#: the complete events (or the start events, on request) — see :func:`cjm.ingest.load.import_file`.
LIFECYCLE_HEADERS = frozenset(norm(h) for h in ("lifecycle:transition", "lifecycle", "transition", "event type",
                                                "lifecycle transition"))
#: Fields a ``case:`` attribute (one value per case in XES) can fill: attributes of the customer.
CASE_ATTRIBUTE_FIELDS = ("value", "segment", "channel", "persona", "cost", "outcome")


def _key(header: str) -> str:
    return re.sub(r"\s*\(\d+\)$", "", norm(header))  # "Stage (2)" from duplicate headers


def guess_field(header: str) -> str | None:
    """The canonical field a header most likely holds, or None. A ``case:`` attribute of an event log
    (``case:AMOUNT_REQ``) can only be an attribute of the customer (value, segment, channel...): never its date,
    which is the event's ``time:timestamp``.

    >>> guess_field("DEAL STAGE"), guess_field("Musteri no"), guess_field("Customer ID (CRM)"), guess_field("Foo")
    ('stage', 'customer_id', 'customer_id', None)
    >>> guess_field("case:AMOUNT_REQ"), guess_field("case:REG_DATE"), guess_field("time:timestamp")
    ('value', None, 'timestamp')
    """
    key = _key(header)
    if key in _EXACT:
        return _EXACT[key]
    if key.startswith("case:"):
        inner = guess_field(key[len("case:"):])
        return inner if inner in CASE_ATTRIBUTE_FIELDS else None
    if key in LIFECYCLE_HEADERS:
        return None
    words = f" {re.sub(r'[^0-9a-z]+', ' ', key)} "
    for kw, field in KEYWORDS:
        if f" {kw}" in words:
            return field
    return None


def is_event_log(headers: list[str]) -> bool:
    """True when *headers* follow event-log conventions (a case column: ``case:concept:name``, ``Case ID``...).

    >>> is_event_log(["case:concept:name", "concept:name", "time:timestamp"]), is_event_log(["Customer", "Stage"])
    (True, False)
    """
    return any(_key(h) in CASE_HEADERS for h in headers)


def lifecycle_column(headers: list[str]) -> str | None:
    """The lifecycle column of an event log (``lifecycle:transition``), or None.

    >>> lifecycle_column(["case:concept:name", "lifecycle:transition"]), lifecycle_column(["Stage"])
    ('lifecycle:transition', None)
    """
    if not is_event_log(headers):
        return None
    return next((h for h in headers if _key(h) in LIFECYCLE_HEADERS), None)


def guess_mapping(headers: list[str]) -> dict[str, str | None]:
    """header -> canonical field (or None); each field used by at most one header, the first that matches.

    In an event log (:func:`is_event_log`) the case column is the customer and the activity column the stage
    (unless a column is named as the stage), whatever other column is called "customer":

    >>> m = guess_mapping(["case:REG_DATE", "case:concept:name", "case:AMOUNT_REQ", "org:resource",
    ...                    "lifecycle:transition", "concept:name", "time:timestamp", "customer"])
    >>> {h: f for h, f in m.items() if f}
    {'case:concept:name': 'customer_id', 'case:AMOUNT_REQ': 'value', 'org:resource': 'role', 'concept:name': 'stage', 'time:timestamp': 'timestamp'}
    >>> m = guess_mapping(["Case ID", "Activity", "Resource", "Start Timestamp", "Complete Timestamp"])
    >>> {h: f for h, f in m.items() if f}
    {'Case ID': 'customer_id', 'Activity': 'stage', 'Resource': 'role', 'Complete Timestamp': 'timestamp'}
    """
    out: dict[str, str | None] = {}
    used: set[str] = set()
    exact = {h: _EXACT.get(_key(h)) for h in headers}
    if is_event_log(headers):
        case = next(h for h in headers if _key(h) in CASE_HEADERS)
        out[case] = "customer_id"
        used.add("customer_id")
        if not any(exact[h] == "stage" for h in headers):
            activity = next((h for h in headers if _key(h) in ACTIVITY_HEADERS), None)
            if activity is not None:
                out[activity] = "stage"
                used.add("stage")
    # exact matches win over keyword matches
    for h in headers:
        f = exact[h]
        if h not in out and f and f not in used:
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
    guess = dict(mapping)
    found = [Message("msg.quoted", text=h) for h in headers]
    user = user or {}
    for header, field in user.items():
        if header not in mapping:
            raise MappingError("mapping.no_column_in_file" if file_name else "mapping.no_column", header=header,
                               file=file_name, columns=found)
        if field is not None and field not in CANONICAL_FIELDS:
            raise MappingError("mapping.not_a_field", field=field, header=header, fields=CANONICAL_FIELDS)
    # a page sends every column, the guessed ones unchanged: a column the user changed takes its field from a
    # column that only holds the guess (which moves aside); two columns the user chose alike are an error below
    chosen = {h: f for h, f in user.items() if f != guess.get(h)}
    for header, field in user.items():
        if field is not None and header in chosen:
            for other, f in mapping.items():
                if f == field and other != header and other not in chosen:
                    mapping[other] = None
        if header in chosen or mapping.get(header) == field:
            mapping[header] = field
    seen: dict[str, str] = {}
    for header, field in mapping.items():
        if field is None:
            continue
        if field in seen:
            raise MappingError("mapping.twice", first=seen[field], second=header, field=field)
        seen[field] = header
    missing = [f for f in REQUIRED_FIELDS if f not in seen]
    if missing:
        if len(missing) == 1:
            raise MappingError("mapping.missing_one_in_file" if file_name else "mapping.missing_one", field=missing[0],
                               file=file_name, columns=found)
        raise MappingError("mapping.missing_two_in_file" if file_name else "mapping.missing_two", first=missing[0],
                           second=missing[1], file=file_name, columns=found)
    return mapping
