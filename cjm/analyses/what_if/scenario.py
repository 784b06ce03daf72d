"""What-if scenarios: the levers a user sets (:class:`Scenario` of :class:`ConversionChange` and :class:`PainFix`)
and the named scenarios the team saves (team notes, :mod:`cjm.store.notes`: saving one never invalidates an
analysis).
"""

from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import dataclass
from typing import Literal

import duckdb

from cjm.errors import CJMError, Message, Number
from cjm.store import Workspace, notes


@dataclass(frozen=True)
class ConversionChange:
    """Change the conversion at *stage* (to the next stage): ``+5`` ``"pp"`` or ``+10`` ``"%"`` (relative)."""

    stage: str
    amount: float
    unit: Literal["pp", "%"] = "pp"

    def __post_init__(self) -> None:
        if self.unit not in ("pp", "%"):
            raise CJMError("whatif.bad_unit", unit=str(self.unit))
        _finite(self.amount, "whatif.what.conversion_change")


@dataclass(frozen=True)
class PainFix:
    """Raise the mean emotion at *stage* (or at one *touchpoint* of it) to *target* (−2..+2)."""

    stage: str
    target: float
    touchpoint: str | None = None

    def __post_init__(self) -> None:
        _finite(self.target, "whatif.what.emotion_target")
        if not -2 <= self.target <= 2:
            raise CJMError("whatif.target_off_scale", target=Number(self.target, "short", 3))


def _finite(x: float, what: str) -> None:
    if not isinstance(x, (int, float)) or isinstance(x, bool) or not math.isfinite(x):
        raise CJMError("whatif.not_a_number", what=Message(what), value=repr(x))


@dataclass(frozen=True)
class Scenario:
    """A set of levers; ``Scenario()`` changes nothing.

    >>> s = Scenario(conversion=[ConversionChange("research", 5)], inflow_pct=10)
    >>> Scenario.from_json(s.to_json()) == s
    True
    """

    conversion: tuple[ConversionChange, ...] = ()
    inflow_pct: float = 0.0  # +10 = 10% more new customers per month
    value_pct: float = 0.0  # +5 = value per won customer 5% higher
    referral_rate: float | None = None  # None = keep the baseline's
    fixes: tuple[PainFix, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "conversion", tuple(self.conversion))
        object.__setattr__(self, "fixes", tuple(self.fixes))
        _finite(self.inflow_pct, "whatif.what.inflow_change")
        _finite(self.value_pct, "whatif.what.value_change")
        if self.inflow_pct < -100 or self.value_pct < -100:
            raise CJMError("whatif.below_minus_100")
        if self.referral_rate is not None:
            _finite(self.referral_rate, "whatif.what.referral_rate")
            if self.referral_rate < 0:
                raise CJMError("whatif.negative_referral_rate")

    def is_empty(self) -> bool:
        return self == Scenario()

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    @staticmethod
    def from_dict(d: dict) -> Scenario:
        return Scenario(conversion=tuple(ConversionChange(c["stage"], float(c["amount"]), c.get("unit", "pp"))
                                         for c in d.get("conversion", ())),
                        inflow_pct=float(d.get("inflow_pct", 0.0)), value_pct=float(d.get("value_pct", 0.0)),
                        referral_rate=None if d.get("referral_rate") is None else float(d["referral_rate"]),
                        fixes=tuple(PainFix(f["stage"], float(f["target"]), f.get("touchpoint"))
                                    for f in d.get("fixes", ())))

    @staticmethod
    def from_json(text: str) -> Scenario:
        return Scenario.from_dict(json.loads(text))


def save_scenario(ws: Workspace, name: str, scenario: Scenario, *, expected: int | None = None) -> int:
    """Save (or replace) a named scenario (a team note: analyses stay cached); returns its version."""
    return notes.save_scenario_spec(ws, name, scenario.to_json(), expected=expected)


def load_scenarios(cur: duckdb.DuckDBPyConnection) -> dict[str, Scenario]:
    """All saved scenarios by name (in name order)."""
    out: dict[str, Scenario] = {}
    for name, spec, _version in notes.scenario_specs(cur):
        try:
            out[name] = Scenario.from_json(spec)
        except (ValueError, KeyError, TypeError) as exc:
            raise CJMError("whatif.bad_saved_scenario", name=name, detail=str(exc)) from None
    return out


def delete_scenario(ws: Workspace, name: str) -> bool:
    """Delete a saved scenario; True when it existed."""
    return notes.delete_scenario(ws, name)
