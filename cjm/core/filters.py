"""The global filters (period, segment, persona, role, channel, stage subset): a value every analysis accepts.

They reach SQL through one door only, :func:`cjm.analyses.relations.filtered_events` (values as parameters).

>>> f = Filters(segment=("SMB",), start=dt.date(2026, 1, 1))
>>> f.is_empty(), Filters().is_empty(), f.cache_key()[:3]
(False, True, (datetime.date(2026, 1, 1), None, ('SMB',)))
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

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
    #: only these touchpoints (not a sidebar filter: a KPI broken down by touchpoint type uses it)
    touchpoints: tuple[str, ...] = field(default=())

    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))

    def cache_key(self) -> tuple:
        return tuple(getattr(self, f.name) for f in fields(self))
