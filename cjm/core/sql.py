"""The one way column and table names enter SQL text.

Values always go in as parameters (``?`` / ``$name``); names go through :func:`ident`
after being checked against a known set.
"""

from __future__ import annotations

from collections.abc import Iterable


def ident(name: str, allowed: Iterable[str] | None = None) -> str:
    """Quote *name* as a DuckDB identifier, refusing names outside *allowed*.

    >>> ident("stage")
    '"stage"'
    >>> ident('we"ird')
    '"we""ird"'
    """
    if allowed is not None and name not in set(allowed):
        raise ValueError(f"unknown column {name!r}")
    if not isinstance(name, str) or not name or "\x00" in name:
        raise ValueError(f"bad identifier {name!r}")
    return '"' + name.replace('"', '""') + '"'
