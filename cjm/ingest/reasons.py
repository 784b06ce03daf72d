"""The reason a row was rejected, as a keyed message in any interface language.

The reasons are stored in the workspace as the English sentence (the ``rejected`` table, the rejected-rows download)
and are written by SQL over many rows at once (:mod:`cjm.ingest.values`) or by the CSV reader
(:mod:`cjm.ingest.text`). :func:`reason_message` reads such a sentence back into its key and values, so a page or
the CLI shows it in the user's language (``render(reason_message(r), lang)``); its English text is the stored
sentence, character for character. A sentence of no known form comes back as it is (English).

>>> m = reason_message('Row 17: "31.02.2026" is not a date (column "Tarih")')
>>> m.key, m.values["row"], m.values["column"], m.values["value"]
('ingest.reason.not_date', '17', 'Tarih', '31.02.2026')
>>> m.message("tr")
'17. satır: “31.02.2026” bir tarih değil (“Tarih” sütunu)'
>>> str(m)
'Row 17: "31.02.2026" is not a date (column "Tarih")'
>>> reason_message("something else")
'something else'
"""

from __future__ import annotations

import re

from cjm.errors import Message

_EMPTY = re.compile(r'^Row (?P<row>\d+): the (?P<what>customer ID|stage) is empty \(column "(?P<column>.*)"\)$', re.S)
_VALUE = re.compile(r'^Row (?P<row>\d+): "(?P<value>.*)" (?P<what>is not a date|is not a number|'
                    r"is not an NPS score \(a whole number from 0 to 10\)|"
                    r"is off the emotion scale \(this column uses the (?P<scale>.+) scale\))"
                    r' \(column "(?P<column>.*)"\)$', re.S)
_FIELDS = re.compile(r"^Row (?P<row>\d+): has (?P<got>\d+) fields, the header has (?P<n>\d+) "
                     r"\(check the delimiters and quotes in this row\)$", re.S)
_UNREADABLE = re.compile(r"^Row (?P<row>\d+): cannot be read \((?P<detail>.*)\); check its quotes$", re.S)

_VALUE_KEYS = {"is not a date": "ingest.reason.not_date", "is not a number": "ingest.reason.not_number",
               "is not an NPS score (a whole number from 0 to 10)": "ingest.reason.not_nps"}


def reason_message(reason: str) -> Message | str:
    """*reason* (a stored English reject reason) as a :class:`~cjm.errors.Message`, or as it is when it has no
    known form. Row numbers stay as written (they name a line of the user's file)."""
    if m := _EMPTY.match(reason):
        key = "ingest.reason.empty_customer_id" if m["what"] == "customer ID" else "ingest.reason.empty_stage"
        return Message(key, row=m["row"], column=m["column"])
    if m := _VALUE.match(reason):
        if m["scale"] is not None:
            return Message("ingest.reason.off_scale", row=m["row"], value=m["value"], scale=m["scale"],
                           column=m["column"])
        return Message(_VALUE_KEYS[m["what"]], row=m["row"], value=m["value"], column=m["column"])
    if m := _FIELDS.match(reason):
        return Message("ingest.reason.fields", row=m["row"], got=m["got"], n=m["n"])
    if m := _UNREADABLE.match(reason):
        return Message("ingest.reason.unreadable", row=m["row"], detail=m["detail"])
    return reason
