"""Options several commands share: the global filters as CLI options (``report``, ``what-if``).

>>> import argparse
>>> p = argparse.ArgumentParser(); add_filter_arguments(p)
>>> filters_from_args(p.parse_args(["--segment", "SMB", "--from", "2026-01-01"]))
Filters(start=datetime.date(2026, 1, 1), end=None, segment=('SMB',), persona=(), role=(), channel=(), stages=())
"""

from __future__ import annotations

import argparse
import datetime as dt

from cjm.core.filters import LIST_FIELDS, Filters
from cjm.errors import CJMError


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


def _day(text: str | None, option: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CJMError(f'{option} "{text}" is not a date; write it as YYYY-MM-DD, e.g. 2026-01-31.') from None


def filters_from_args(args: argparse.Namespace) -> Filters:
    return Filters(start=_day(args.start, "--from"), end=_day(args.end, "--to"),
                   **{name: tuple(getattr(args, name)) for name in LIST_FIELDS}, stages=tuple(args.stages))
