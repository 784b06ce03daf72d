"""Global filters (period, segment, persona, role, channel, stage subset) as one WHERE clause.

Every analysis accepts a :class:`Filters` and puts ``filters.where(model)`` into its SQL
over ``events``. Values go in as parameters, never as text.

>>> sql, params = Filters(segment=("SMB",), start=dt.date(2026, 1, 1)).where()
>>> sql
'(ts >= ?) AND ("segment" IN (?))'
>>> params
[datetime.date(2026, 1, 1), 'SMB']
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

from cjm.errors import CJMError
from cjm.models import StageModel, norm
from cjm.sql import ident

LIST_FIELDS = ("segment", "persona", "role", "channel")


@dataclass(frozen=True)
class Filters:
    start: dt.date | None = None  # inclusive, on the event timestamp
    end: dt.date | None = None  # inclusive (the whole day)
    segment: tuple[str, ...] = ()
    persona: tuple[str, ...] = ()
    role: tuple[str, ...] = ()
    channel: tuple[str, ...] = ()
    stages: tuple[str, ...] = field(default=())  # stage keys or labels of the model

    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))

    def cache_key(self) -> tuple:
        return tuple(getattr(self, f.name) for f in fields(self))

    def where(self, model: StageModel | None = None, *, alias: str | None = None) -> tuple[str, list]:
        """``(sql, params)`` for a WHERE clause over ``events`` ("TRUE" when empty)."""
        prefix = f"{ident(alias)}." if alias else ""
        parts: list[str] = []
        params: list = []
        if self.start is not None:
            parts.append(f"{prefix}ts >= ?")
            params.append(self.start)
        if self.end is not None:
            parts.append(f"{prefix}ts < ?")
            params.append(self.end + dt.timedelta(days=1))
        for name in LIST_FIELDS:
            values = getattr(self, name)
            if values:
                parts.append(f"{prefix}{ident(name, LIST_FIELDS)} IN ({', '.join('?' for _ in values)})")
                params.extend(values)
        if self.stages:
            if model is None:
                raise CJMError("A stage filter needs a stage model; choose one in Settings or with --stage-model.")
            wanted = {norm(s) for s in self.stages}
            idx = [i for i, s in enumerate(model.stages) if norm(s.key) in wanted or norm(s.label) in wanted]
            unknown = wanted - {norm(s.key) for s in model.stages} - {norm(s.label) for s in model.stages}
            if unknown:
                raise CJMError(f"Unknown stage in the filter: {', '.join(sorted(unknown))}. "
                               f"The stages are: {', '.join(model.labels)}.")
            parts.append(f"{prefix}stage_idx IN ({', '.join('?' for _ in idx)})")
            params.extend(idx)
        if not parts:
            return "TRUE", []
        return " AND ".join(f"({p})" for p in parts), params


def add_filter_arguments(parser) -> None:
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


def filters_from_args(args) -> Filters:
    return Filters(start=_day(args.start, "--from"), end=_day(args.end, "--to"),
                   **{name: tuple(getattr(args, name)) for name in LIST_FIELDS}, stages=tuple(args.stages))
