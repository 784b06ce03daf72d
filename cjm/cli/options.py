"""Options several commands share: the global filters as CLI options (``report``, ``what-if``), and the language
of the messages (every command: ``--lang`` > ``$CJM_LANG`` > English; :func:`language`).

>>> import argparse
>>> p = argparse.ArgumentParser(); add_filter_arguments(p)
>>> f = filters_from_args(p.parse_args(["--segment", "SMB", "--from", "2026-01-01"]))
>>> f.start, f.segment, f.end
(datetime.date(2026, 1, 1), ('SMB',), None)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from collections.abc import Sequence

from cjm.core.filters import LIST_FIELDS, Filters
from cjm.errors import CJMError

#: The languages of the CLI's messages (the interface languages).
LANGS = ("en", "tr", "ro")
LANG_HELP = "language of the messages: en, tr or ro (default: $CJM_LANG, else en)"


def _known(code: str | None) -> str | None:
    code = (code or "").strip().lower().replace("_", "-").split("-")[0].split(".")[0]
    return code if code in LANGS else None


def language(args: argparse.Namespace | None = None) -> str:
    """The language of the messages: ``--lang`` (kept in *args*), else ``$CJM_LANG`` (``tr``, ``ro``, ``en``;
    ``tr_TR.UTF-8`` reads as ``tr``), else English. A command prints ``Message(...).message(language(args))``
    and ``err.message(language(args))``.

    >>> language(argparse.Namespace(lang="tr"))
    'tr'
    """
    given = _known(getattr(args, "lang", None)) if args is not None else None
    return given or _known(os.environ.get("CJM_LANG")) or "en"


def language_of_argv(argv: Sequence[str] | None) -> str:
    """:func:`language` read from raw arguments (before argparse has run, e.g. for an error it raises)."""
    import sys

    args = list(sys.argv[1:] if argv is None else argv)
    for i, a in enumerate(args):
        if a == "--lang" and i + 1 < len(args) and _known(args[i + 1]):
            return language(argparse.Namespace(lang=args[i + 1]))
        if a.startswith("--lang=") and _known(a.split("=", 1)[1]):
            return language(argparse.Namespace(lang=a.split("=", 1)[1]))
    return language()


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    """The global filters as CLI options (``report``, ``what-if``)."""
    g = parser.add_argument_group("filters")
    g.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="only events on or after this day")
    g.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="only events on or before this day")
    for name in LIST_FIELDS:
        g.add_argument(f"--{name}", action="append", default=[], metavar="VALUE",
                       help=f"only events with this {name} (repeat for several)")
    g.add_argument("--stage", dest="stages", action="append", default=[], metavar="STAGE",
                   help="only events at this stage (repeat for several)")


def day(text: str | None, option: str) -> dt.date | None:
    """A YYYY-MM-DD option as a date (None when not given); a keyed error naming *option* otherwise."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CJMError("cli.not_a_date", option=option, text=text) from None


def filters_from_args(args: argparse.Namespace) -> Filters:
    return Filters(start=day(args.start, "--from"), end=day(args.end, "--to"),
                   **{name: tuple(getattr(args, name)) for name in LIST_FIELDS}, stages=tuple(args.stages))
