"""Errors a user can act on, and the keyed messages they and the import notes carry.

Every ``CJMError`` carries a message written for the person at the keyboard: what is wrong, where (file, row,
column) and what to do. The message is *keyed*: a catalogue key (in :mod:`cjm.i18n.messages`) and the values to
fill in, so it can be shown in any interface language. Anything that is *not* a ``CJMError`` is a bug.

The API, for pages and the CLI:

- ``err.key`` (``"ingest.file_empty"``), ``err.values`` (``{"file": "a.csv"}``);
- ``err.message(lang)``: the sentence in ``"en"``, ``"tr"`` or ``"ro"`` (through :func:`cjm.i18n.t`; numbers,
  dates and lists written the language's way with :mod:`cjm.i18n.numbers`); ``str(err)`` is the English one.
  A page shows ``st.error(err.message(lang))``; the CLI prints ``error: <err.message(lang)>`` and exits 2.
- Notes and warnings (``ImportReport.warnings``, ``RawTable.warnings``, ``Baseline.assumptions()``,
  ``Projection.notes``, :data:`cjm.analyses.pain_points.FORMULA`) are :class:`Message` objects: a ``str``
  whose text is English (so ``"macros" in w``, ``", ".join(...)`` and JSON keep working), with ``.key``,
  ``.values`` and ``.message(lang)``. A page renders a list of them with ``[m.message(lang) for m in ...]``;
  :func:`render` does the same for a value that may be a plain ``str`` (``render(w, lang)``). DataFrames hold
  plain text (pandas keeps no ``str`` subclass), so tables take the language as a parameter:
  ``Projection.contributions(lang)``, ``Baseline.levers(lang)``, ``write_xlsx(..., lang=)``.
- A rejected row's reason is stored as English text; :func:`cjm.ingest.reasons.reason_message` reads it back into
  a ``Message`` (``render(reason_message(r), lang)``).

>>> err = InputError("ingest.file_empty", file="anket.csv")
>>> err.key, err.values
('ingest.file_empty', {'file': 'anket.csv'})
>>> str(err) == err.message("en") and "anket.csv" in err.message("tr")
True
>>> note = Message("ingest.rows_rejected", rejected=1200, read=5000)
>>> note.message("tr").startswith("5.000 satırın 1.200")
True

Values are written per language: ``int`` with thousands separators, ``float`` with up to two decimals,
``datetime.date`` in the language's medium form, a list or tuple joined with commas, a nested ``Message`` or
``CJMError`` in the same language; :class:`Number` and :class:`Words` choose a form (percent, signed, "a and
b"). A key that is not in the catalogue is shown as it is (text from code not yet keyed: English only).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["Message", "Number", "Words", "render", "CJMError", "InputError", "MappingError", "AmbiguousDatesError",
           "WorkspaceError", "StorageError", "DamagedWorkspaceError", "WorkspaceBusyError"]


@dataclass(frozen=True)
class Number:
    """A number written in a chosen form: ``number`` (1,234), ``decimal`` (*digits* decimals), ``signed``
    (+0.5, −1.2), ``percent`` (a share: 0.17 → 17%), ``compact`` (1.7M); ``short`` and ``signed_short``: up to
    *digits* decimals, no trailing zeros (5, +0.25)."""

    value: float | None
    style: Literal["number", "decimal", "signed", "percent", "compact", "short", "signed_short"] = "decimal"
    digits: int = 1

    def render(self, lang: str) -> str:
        from cjm.i18n import numbers

        if self.style in ("short", "signed_short") and self.value is not None:
            from babel.numbers import format_decimal

            body = "#,##0" + ("." + "#" * self.digits if self.digits else "")
            sign = "+" if self.style == "signed_short" else ""
            return format_decimal(self.value, format=f"{sign}{body};−{body}", locale=numbers._locale(lang))

        if self.style == "number":
            return numbers.number(self.value, lang)
        if self.style == "percent":
            return numbers.percent(self.value, lang, digits=self.digits)
        if self.style == "compact":
            return numbers.compact(self.value, lang)
        return numbers.decimal(self.value, lang, digits=self.digits, signed=self.style == "signed")


@dataclass(frozen=True)
class Words:
    """Items joined the language's way: "a and b", "a, b, and c" ("a ve b", "a și b"); *style* ``or``: "a or b"."""

    items: tuple[Any, ...]
    style: Literal["and", "or"] = "and"

    def render(self, lang: str) -> str:
        from babel.lists import format_list

        from cjm.i18n.numbers import _locale

        items = [render(i, lang) for i in self.items]
        if self.style == "and":
            return format_list(items, style="standard", locale=_locale(lang))
        return format_list(items, style="or", locale=_locale(lang))


def render(value: object, lang: str = "en") -> str:
    """*value* as text in *lang*: a :class:`Message` or ``CJMError`` in that language, numbers, dates and lists
    the language's way, anything else as ``str``."""
    if isinstance(value, (Message, CJMError)):
        return value.message(lang)
    if isinstance(value, (Number, Words)):
        return value.render(lang)
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int):
        from cjm.i18n.numbers import number

        return number(value, lang)
    if isinstance(value, float):
        from babel.numbers import format_decimal

        from cjm.i18n.numbers import _locale

        return format_decimal(value, format="#,##0.##;−#,##0.##", locale=_locale(lang))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        from cjm.i18n.numbers import date

        return date(value, lang)
    if isinstance(value, (list, tuple)):
        return ", ".join(render(v, lang) for v in value)
    return str(value)


def _text(key: str, lang: str, values: dict[str, Any]) -> str:
    from cjm.i18n import CATALOGUES, EN

    if key not in EN:  # text from code not yet keyed: the same in every language
        return key
    template = CATALOGUES.get(lang, {}).get(key) or EN[key]
    return template.format(**{name: render(v, lang) for name, v in values.items()})


class Message(str):
    """A note or warning for the user: ``str`` of the English text, with ``key``, ``values`` and
    :meth:`message` for any interface language."""

    key: str
    values: dict[str, Any]

    def __new__(cls, key: str, /, **values: Any) -> Message:
        self = super().__new__(cls, _text(key, "en", values))
        self.key = key
        self.values = values
        return self

    def message(self, lang: str = "en") -> str:
        """The note in *lang* (``en``, ``tr``, ``ro``; anything else: English)."""
        return _text(self.key, lang, self.values)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_message, (type(self), self.key, self.values))


def _message(cls: type[Message], key: str, values: dict[str, Any]) -> Message:
    return cls(key, **values)


def _error(cls: type[CJMError], args: tuple[Any, ...], state: dict[str, Any]) -> CJMError:
    err = cls.__new__(cls)
    err.args = args
    err.__dict__.update(state)
    return err


class CJMError(Exception):
    """A problem the user can fix: ``CJMError(key, **values)``; ``str(err)`` is the English message,
    :meth:`message` the message in any interface language."""

    def __init__(self, key: str, /, **values: Any):
        self.key = key
        self.values = values
        super().__init__(_text(key, "en", values))

    def message(self, lang: str = "en") -> str:
        """The message in *lang* (``en``, ``tr``, ``ro``; anything else: English)."""
        return _text(self.key, lang, self.values)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_error, (type(self), self.args, dict(self.__dict__)))


class InputError(CJMError):
    """The uploaded file cannot be used as it is."""


class MappingError(CJMError):
    """The columns cannot be mapped to the canonical fields."""


class AmbiguousDatesError(CJMError):
    """A date column reads both day-first and month-first; the user must choose."""

    def __init__(self, key: str, /, *, column: str, examples: list[str], **values: Any):
        super().__init__(key, column=column, examples=[Message("msg.quoted", text=e) for e in examples], **values)
        self.column = column
        self.examples = examples


class WorkspaceError(CJMError):
    """The workspace file cannot be opened or written."""


class StorageError(WorkspaceError):
    """The disk refused the workspace: full, read-only, no permission, locked, or the file is damaged.

    *kind* is one of ``full``, ``read_only``, ``damaged``, ``broken`` (the connection failed after an earlier
    disk error and is reopened on the next try), ``io``; *committed* is true when the change the user asked for
    was saved before the fault (the message then says so)."""

    def __init__(self, key: str, /, *, kind: str, committed: bool = False, **values: Any):
        super().__init__(key, **values)
        self.kind = kind
        self.committed = committed


class DamagedWorkspaceError(StorageError):
    """The workspace file is damaged; *backup* is the id of the latest good snapshot, if any (to restore)."""

    def __init__(self, key: str, /, *, path: str, backup: str | None = None, **values: Any):
        super().__init__(key, kind="damaged", path=path, **values)
        self.path = path
        self.backup = backup


class WorkspaceBusyError(StorageError):
    """Another process holds the workspace open."""

    def __init__(self, key: str, /, *, kind: str = "busy", committed: bool = False, **values: Any):
        super().__init__(key, kind=kind, committed=committed, **values)
