"""The report JSON's sections of what the team wrote and of journey management over time: ``team`` (lanes, the
assumed emotion curve, moments that matter, personas, pain-point status and notes, saved scenarios), ``kpis``,
``journey_score``, ``trends`` and ``actions`` (each with its measured effect). :func:`cjm.present.report.build` adds
them; ``docs/report-json.md`` describes each key.

>>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
>>> sorted(sections(open_workspace(":memory:").cursor(), model=preset("five-stage")))
['actions', 'journey_score', 'kpis', 'team', 'trends']
"""

from __future__ import annotations

import dataclasses
import json
import math
from typing import Any

import duckdb
import pandas as pd

from cjm.analyses import kpis, trends
from cjm.analyses.effects import effect
from cjm.core.filters import Filters
from cjm.core.stage_model import StageModel
from cjm.store.notes import assumed, lanes, moments, pain_status, personas, scenario_specs
from cjm.store.progress import actions, touchpoint_types
from cjm.store.progress import kpis as saved_kpis


def _clean(v: Any) -> Any:
    if isinstance(v, float) and math.isnan(v):
        return None
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if hasattr(v, "item"):  # numpy scalars
        return _clean(v.item())
    return v


def _rows(df: pd.DataFrame, drop: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    return [{str(k): _clean(v) for k, v in r.items() if k not in drop} for r in df.to_dict("records")]


def team(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Everything the team wrote, with each note's version."""
    return {
        "lanes": _rows(lanes(con), drop=("updated_at",)),
        "assumed": [{"stage": k, "kind": kind, "value": v, "version": ver}
                    for (k, kind), (v, ver) in sorted(assumed(con).items()) if v is not None],
        "moments_that_matter": sorted(tp for tp, (marked, _v) in moments(con).items() if marked),
        "personas": [dataclasses.asdict(p) for p in personas(con)],
        "pain_status": _rows(pain_status(con), drop=("updated_at",)),
        "scenarios": [{"name": n, "spec": json.loads(s), "version": v} for n, s, v in scenario_specs(con)],
        "touchpoint_types": [{"touchpoint": tp, "type": kind, "version": v}
                             for tp, (kind, v) in sorted(touchpoint_types(con).items())],
    }


def sections(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None) -> dict[str, Any]:
    found = saved_kpis(con)
    status = kpis.kpi_status(con, model=model, kpis=found, filters=filters)
    out_actions = []
    for a in actions(con):
        e = effect(con, model=model, action=a, filters=filters) if a.stage_key in model.keys else None
        out_actions.append({**{k: _clean(v) for k, v in dataclasses.asdict(a).items()},
                            "effect": None if e is None else {"emotion": dataclasses.asdict(e.emotion),
                                                              "conversion": dataclasses.asdict(e.conversion),
                                                              "window_days": e.window_days}})
    return {
        "team": team(con),
        "kpis": _rows(status),
        "journey_score": _rows(kpis.journey_score(status, model)) if found else [],
        "trends": _rows(trends.trends(con, model=model, filters=filters, period="month")),
        "actions": out_actions,
    }
