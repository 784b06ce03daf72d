"""Numbers, percentages, compact numbers and dates the way each interface language writes them (Babel, CLDR).

Turkish and Romanian group thousands with a dot and write a decimal comma; Turkish puts the percent sign first.
Signed values (emotion, NPS, differences) use a true minus sign. ``None`` (no value) is an en dash. A space
inside a number ("17 %", "1,7 Mn") is a no-break space, so the two never part at a line end.

>>> number(2275, "en"), number(2275, "tr"), number(2275, "ro")
('2,275', '2.275', '2.275')
>>> percent(0.1666, "en"), percent(0.1666, "tr"), percent(0.1666, "ro")
('17%', '%17', '17\\xa0%')
>>> compact(1_700_000, "en"), compact(1_700_000, "tr"), percent(0.1234, "tr", digits=1)
('1.7M', '1,7\\xa0Mn', '%12,3')
>>> decimal(-0.4, "tr", signed=True), decimal(1, "en", signed=True), decimal(None, "ro")
('−0,4', '+1.0', '–')
>>> import datetime as dt; date(dt.date(2026, 3, 5), "tr"), date(dt.date(2026, 3, 5), "ro")
('5 Mar 2026', '5 mar. 2026')
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal, format_percent

NONE = "–"


def _locale(lang: str) -> str:
    return lang if lang in ("en", "tr", "ro") else "en"


def number(value: float | None, lang: str = "en") -> str:
    """A whole number with the language's thousands separator."""
    return NONE if value is None else format_decimal(round(value), locale=_locale(lang))


def decimal(value: float | None, lang: str = "en", *, digits: int = 1, signed: bool = False) -> str:
    """A number with *digits* decimals; *signed* writes + before positive values (emotion, NPS, differences)."""
    if value is None:
        return NONE
    body = "#,##0" + ("." + "0" * digits if digits else "")
    pattern = f"+{body};−{body}" if signed else f"{body};−{body}"
    return format_decimal(value, format=pattern, locale=_locale(lang), decimal_quantization=True)


def percent(value: float | None, lang: str = "en", *, digits: int = 0) -> str:
    """A share (0.17) as a percentage in the language's form (17%, %17, 17 %)."""
    if value is None:
        return NONE
    pattern = None if not digits else {"en": "#,##0.{z}%", "tr": "%#,##0.{z}", "ro": "#,##0.{z} %"}[_locale(lang)].format(
        z="0" * digits)
    return format_percent(value, format=pattern, locale=_locale(lang))


def compact(value: float | None, lang: str = "en") -> str:
    """A large number in short form: 1.7M, 1,7 Mn, 1,7 mil."""
    if value is None:
        return NONE
    return format_compact_decimal(value, locale=_locale(lang), fraction_digits=1)


def date(value: dt.date | None, lang: str = "en") -> str:
    """A date in the language's medium form."""
    return NONE if value is None else format_date(value, format="medium", locale=_locale(lang))
