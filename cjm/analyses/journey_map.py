"""The journey map as one structure: stages as columns, each with what the data says about it, and the lanes the
team writes.

:func:`journey_map` computes the data part from six analyses (funnel, touchpoints, stage × channel matrix, pain
points, NPS by stage, the emotion curve) — a pure function of the data, cached like any analysis.
:func:`with_team_lanes` adds the team's text per lane and stage with each cell's version (cheap: one small
table), so saving a lane never forces the analyses to be computed again. Numbers stay raw (formatting is the
page's or the export's job); ``dataclasses.asdict(jm)`` is plain data for a JSON export.

>>> from cjm.ingest import import_file
>>> from cjm.store import open_workspace
>>> from cjm.store.notes import set_lane
>>> from cjm.core.stage_model import preset
>>> ws = open_workspace(":memory:")
>>> _ = import_file(ws, b"id,stage,date,touchpoint,channel,emotion,nps\\n"
...                     b"a,awareness,2026-01-02,Ad,web,1,\\n"
...                     b"a,purchase,2026-01-05,Checkout,web,-2,9\\n"
...                     b"b,awareness,2026-01-03,Ad,social,2,\\n", file_name="j.csv", model=preset("five-stage"))
>>> jm = journey_map(ws.cursor(), model=ws.stage_model())
>>> [(s.label, s.customers, s.conversion) for s in jm.stages[:3]]
[('Awareness', 2, None), ('Research', 1, 0.5), ('Purchase', 1, 1.0)]
>>> aw, pu = jm.stages[0], jm.stages[2]
>>> aw.touchpoints[0], [c.name for c in aw.channels], aw.emotion.value, aw.emotion.n
(Ranked(name='Ad', customers=2, events=2), ['social', 'web'], 1.5, 2)
>>> [p.touchpoint for p in pu.pain_points], pu.nps.value, pu.nps.n
(['Checkout'], 100.0, 1)
>>> set_lane(ws, "purchase", "goals", "Pay without calling us", expected=0)
1
>>> with_team_lanes(jm, ws.cursor()).cell("goals", "purchase")
LaneCell(stage_key='purchase', text='Pay without calling us', version=1)

The team's assumed emotion and its largest gaps against what customers report:

>>> from cjm.store.notes import set_assumed, set_moment
>>> set_assumed(ws, "purchase", "as_is", 1, expected=0), set_moment(ws, "Checkout", True, expected=0)
(1, 1)
>>> jm = with_team_lanes(jm, ws.cursor())
>>> jm.assumed_cell("as_is", "purchase").value, jm.marked, jm.is_moment("Checkout")
(1.0, frozenset({'Checkout'}), True)
>>> [(g.stage_key, g.assumed, g.measured.value, g.difference) for g in jm.gaps("as_is")]
[('purchase', 1.0, -2.0, -3.0)]
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, cast

import duckdb
import pandas as pd

from cjm.analyses import channels, emotion, funnel, pain_points
from cjm.core.filters import Filters
from cjm.core.stage_model import StageModel
from cjm.store.notes import ASSUMED_KINDS, TEXT_LANES, assumed, lane_versions, lanes, moments

#: How many of each a stage shows: touchpoints and channels (most customers / events first), pain points (highest
#: impact first, among the :data:`PAIN_POOL` highest of the whole journey).
TOP_TOUCHPOINTS = 3
TOP_CHANNELS = 3
TOP_PAINS = 2
PAIN_POOL = 50
TOP_QUOTES = 3


@dataclass(frozen=True)
class Estimate:
    """A mean emotion (−2..+2) or an NPS (−100..100) with the number of answers behind it and its 95% interval;
    ``value`` is None when there is no answer, the interval None below two answers."""

    value: float | None
    n: int
    ci_low: float | None = None
    ci_high: float | None = None


@dataclass(frozen=True)
class Ranked:
    """A touchpoint or a channel at a stage: customers who had it there, and its events."""

    name: str
    customers: int
    events: int


@dataclass(frozen=True)
class Pain:
    """A pain point at a stage (see :mod:`cjm.analyses.pain_points` for the score): its rank in the whole
    journey, impact, customers who had it, those who went no further, mean emotion (< 0)."""

    touchpoint: str
    rank: int
    impact: float
    customers: int
    dropped: int
    mean_emotion: float
    #: up to three customer comments behind it, most negative first (see :func:`pain_points.evidence`)
    quotes: tuple[str, ...] = ()


@dataclass(frozen=True)
class MapStage:
    """One column of the map. ``customers`` and ``conversion`` (from the previous stage; None at the first stage
    and when the previous stage has nobody) are the funnel's (furthest-stage mode)."""

    key: str
    label: str
    customers: int
    conversion: float | None
    touchpoints: tuple[Ranked, ...]
    channels: tuple[Ranked, ...]
    pain_points: tuple[Pain, ...]
    nps: Estimate
    emotion: Estimate


@dataclass(frozen=True)
class LaneCell:
    """The team's text for one lane at one stage ("" when nobody wrote it) and the version to save over (0 for a
    cell never saved): pass it as ``expected=`` to :func:`cjm.store.notes.set_lane`."""

    stage_key: str
    text: str
    version: int


@dataclass(frozen=True)
class TeamLane:
    """A lane the team writes (one of :data:`cjm.store.notes.TEXT_LANES`), one cell per stage in map order."""

    lane: str
    cells: tuple[LaneCell, ...]


@dataclass(frozen=True)
class AssumedCell:
    """The team's assumed emotion (−2..+2) at a stage, ``kind`` "as_is" or "to_be"; None when not set. Pass
    ``version`` as ``expected=`` to :func:`cjm.store.notes.set_assumed`."""

    stage_key: str
    kind: str
    value: float | None
    version: int


@dataclass(frozen=True)
class Moment:
    """A touchpoint the team marked (or unmarked: ``marked`` False) as a moment that matters, with its version."""

    touchpoint: str
    marked: bool
    version: int


@dataclass(frozen=True)
class Gap:
    """Where the team's assumed emotion and the customers' measured one differ: ``difference`` = measured −
    assumed (negative: customers feel worse than the team thinks). ``outside`` is true when the assumed value
    lies outside the measured 95% interval (the gap is unlikely to be noise)."""

    stage_key: str
    label: str
    kind: str
    assumed: float
    measured: Estimate
    difference: float
    outside: bool


@dataclass(frozen=True)
class JourneyMap:
    """The map: its stages in journey order, and the team's notes on it — lanes, the assumed emotion curve,
    moments that matter (all empty until :func:`with_team_lanes`)."""

    model_name: str
    stages: tuple[MapStage, ...]
    team: tuple[TeamLane, ...] = ()
    assumed: tuple[AssumedCell, ...] = ()
    moments: tuple[Moment, ...] = ()

    @property
    def labels(self) -> list[str]:
        return [s.label for s in self.stages]

    @property
    def curve(self) -> tuple[Estimate, ...]:
        """The emotion curve: one mean emotion per stage."""
        return tuple(s.emotion for s in self.stages)

    def cell(self, lane: str, stage_key: str) -> LaneCell:
        """The team's cell for *lane* at *stage_key* (empty, version 0, before :func:`with_team_lanes`)."""
        for t in self.team:
            if t.lane == lane:
                for c in t.cells:
                    if c.stage_key == stage_key:
                        return c
        return LaneCell(stage_key, "", 0)

    def assumed_cell(self, kind: str, stage_key: str) -> AssumedCell:
        """The team's assumed emotion of *kind* at *stage_key* (None, version 0, when never set)."""
        for a in self.assumed:
            if a.kind == kind and a.stage_key == stage_key:
                return a
        return AssumedCell(stage_key, kind, None, 0)

    def assumed_curve(self, kind: str = "as_is") -> tuple[float | None, ...]:
        """The assumed curve of *kind*, one value (or None) per stage in map order."""
        return tuple(self.assumed_cell(kind, s.key).value for s in self.stages)

    @property
    def marked(self) -> frozenset[str]:
        """The touchpoints marked as moments that matter."""
        return frozenset(m.touchpoint for m in self.moments if m.marked)

    def is_moment(self, touchpoint: str) -> bool:
        return touchpoint in self.marked

    def moment_version(self, touchpoint: str) -> int:
        """The version to save a touchpoint's mark over (0 when never marked)."""
        return next((m.version for m in self.moments if m.touchpoint == touchpoint), 0)

    def gaps(self, kind: str = "as_is", k: int | None = None) -> list[Gap]:
        """The stages where the team set an assumed emotion and customers reported one, largest gap first
        (ties: the gap outside the interval first, then map order); the first *k*."""
        out = []
        for s in self.stages:
            a = self.assumed_cell(kind, s.key).value
            m = s.emotion
            if a is None or m.value is None or m.n == 0:
                continue
            outside = m.ci_low is not None and m.ci_high is not None and not m.ci_low <= a <= m.ci_high
            out.append(Gap(s.key, s.label, kind, a, m, m.value - a, outside))
        out.sort(key=lambda g: (-abs(g.difference), not g.outside))
        return out[:k] if k is not None else out


Row = dict[str, Any]


def _num(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _estimate(rows: list[Row], value: str) -> Estimate:
    if not rows:
        return Estimate(None, 0)
    r = rows[0]
    return Estimate(_num(r[value]), int(r["n"]), _num(r["ci_low"]), _num(r["ci_high"]))


def _per_stage(df: pd.DataFrame, k: int | None = None, *, named: str | None = None) -> dict[int, list[Row]]:
    """The rows of *df* per stage index, in the order the analysis ranked them: the first *k* (of those with a
    *named* value)."""
    if named is not None:
        df = df[df[named].notna()]
    if k is not None:
        df = df.groupby("stage_idx", sort=False).head(k)  # keeps the analysis' order
    out: dict[int, list[Row]] = {}
    for r in cast(list[Row], df.to_dict("records")):
        out.setdefault(int(r["stage_idx"]), []).append(r)
    return out


def journey_map(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None) -> JourneyMap:
    """The data part of the journey map (no team lanes): per stage, customers, conversion from the previous stage,
    the top touchpoints (most customers), top channels (most events), top pain points, NPS and mean emotion,
    each with its n. Every stage of the model appears, with zeros and Nones where the data says nothing."""
    fun = _per_stage(funnel.funnel(con, model=model, filters=filters))
    touch = _per_stage(channels.touchpoints(con, model=model, filters=filters), TOP_TOUCHPOINTS, named="touchpoint")
    chans = _per_stage(channels.matrix(con, model=model, filters=filters), TOP_CHANNELS, named="channel")
    pains = _per_stage(pain_points.pain_points(con, model=model, filters=filters, top=PAIN_POOL), TOP_PAINS)
    nps = _per_stage(emotion.nps(con, model=model, filters=filters, by="stage"))
    curve = _per_stage(emotion.curve(con, model=model, filters=filters))
    stages = []
    for i, s in enumerate(model.stages):
        f = fun.get(i, [{"customers": 0, "conversion": None}])[0]
        stages.append(MapStage(
            key=s.key, label=s.label, customers=int(f["customers"]),
            conversion=_num(f["conversion"]) if i > 0 else None,
            touchpoints=tuple(Ranked(str(r["touchpoint"]), int(r["customers"]), int(r["events"]))
                              for r in touch.get(i, [])),
            channels=tuple(Ranked(str(r["channel"]), int(r["customers"]), int(r["events"])) for r in chans.get(i, [])),
            pain_points=tuple(Pain(str(r["touchpoint"]), int(r["rank"]), float(r["impact"]), int(r["customers"]),
                                   int(r["dropped"]), float(r["mean_emotion"]),
                                   _quotes(con, model, filters, i, str(r["touchpoint"])))
                              for r in pains.get(i, [])),
            nps=_estimate(nps.get(i, []), "nps"),
            emotion=_estimate(curve.get(i, []), "mean"),
        ))
    return JourneyMap(model.name, tuple(stages))


def _quotes(con: duckdb.DuckDBPyConnection, model: StageModel, filters: Filters | None, stage: int,
            touchpoint: str) -> tuple[str, ...]:
    df = pain_points.evidence(con, model=model, filters=filters, stage=stage, touchpoint=touchpoint, k=TOP_QUOTES)
    return tuple(str(c).strip() for c in df["comment"])


def team_lanes(con: duckdb.DuckDBPyConnection, stage_keys: list[str]) -> tuple[TeamLane, ...]:
    """The lanes the team writes, in map order, one cell per stage of *stage_keys*: text and version."""
    text = {(r.stage_key, r.lane): str(r.text) for r in lanes(con).itertuples()}
    versions = lane_versions(con)
    return tuple(TeamLane(lane, tuple(LaneCell(k, text.get((k, lane), ""), versions.get((k, lane), 0))
                                      for k in stage_keys))
                 for lane in TEXT_LANES)


def with_team_lanes(jm: JourneyMap, con: duckdb.DuckDBPyConnection) -> JourneyMap:
    """*jm* with the team's notes as saved now — lanes, assumed curve, moments that matter (reads the notes only;
    computes nothing again)."""
    keys = [s.key for s in jm.stages]
    saved = assumed(con)
    curve = tuple(AssumedCell(k, kind, *saved.get((k, kind), (None, 0))) for kind in ASSUMED_KINDS for k in keys)
    marks = tuple(Moment(tp, m, v) for tp, (m, v) in sorted(moments(con).items()))
    return dataclasses.replace(jm, team=team_lanes(con, keys), assumed=curve, moments=marks)
