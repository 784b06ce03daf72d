"""One checker for ``tests/engines``: every analysis of :mod:`cjm.engines.portable` against the workspace's fast path
of the same name (:mod:`cjm.analyses`), column by column: integers and texts equal, decimals within 1e-9 (the two
engines add up doubles in different orders), NULL where NULL."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from cjm.analyses import channels, emotion, flows, funnel, pain_points
from cjm.core.filters import Filters
from cjm.core.stage_model import StageModel
from cjm.engines import portable as P

#: name -> (workspace fast path, portable definition, columns compared); each called with model and filters
ANALYSES: dict[str, tuple[Callable[..., pd.DataFrame], Callable[..., pd.DataFrame], list[str]]] = {
    "funnel": (funnel.funnel, P.funnel,
               ["stage_idx", "stage", "label", "customers", "conversion", "conversion_from_first", "dropped"]),
    "funnel_visited": (lambda con, **kw: funnel.funnel(con, **kw, mode="visited"),
                       lambda src, **kw: P.funnel(src, **kw, mode="visited"),
                       ["stage_idx", "customers", "conversion", "conversion_from_first", "dropped"]),
    "funnel_window": (lambda con, **kw: funnel.funnel(con, **kw, window_days=30),
                      lambda src, **kw: P.funnel(src, **kw, window_days=30),
                      ["stage_idx", "customers", "conversion", "conversion_from_first", "dropped"]),
    "transitions": (lambda con, **kw: flows.transitions(con, **kw, by="stage"), P.transitions,
                    ["source", "target", "count", "median_days", "source_idx", "target_idx", "source_label",
                     "target_label"]),
    "time_to_convert": (funnel.time_to_convert, P.time_to_convert,
                        ["from_stage", "to_stage", "from_label", "to_label", "n", "median_days", "p90_days"]),
    "time_in_stage": (funnel.time_in_stage, P.time_in_stage, ["stage_idx", "stage", "label", "n", "median_days",
                                                               "p90_days"]),
    "stuck_summary": (funnel.stuck_summary, P.stuck_summary, ["stage_idx", "stage", "stuck", "threshold_days"]),
    "stuck": (funnel.stuck, P.stuck, ["customer_id", "stage", "label", "last_seen", "days_idle", "threshold_days"]),
    "backwards_summary": (funnel.backwards_summary, P.backwards_summary, ["stage_idx", "stage", "customers", "moves"]),
    "backwards": (funnel.backwards, P.backwards, ["customer_id", "from_stage", "to_stage", "from_label", "to_label",
                                                  "ts", "from_idx", "to_idx"]),
    "channels": (channels.matrix, P.matrix, ["stage_idx", "stage", "label", "channel", "medium", "events", "customers",
                                             "mean_emotion", "n_emotion"]),
    "gaps": (channels.gaps, P.gaps, ["kind", "stage_idx", "stage", "label", "channel", "events", "customers",
                                     "touches_per_customer", "median_touches_per_customer", "stages_with_channel",
                                     "channel_events"]),
    "emotion_curve": (emotion.curve, P.curve, ["stage_idx", "stage", "label", "mean", "n", "sd", "ci_low", "ci_high"]),
    "nps": (emotion.nps, P.nps, ["n", "promoters", "passives", "detractors", "nps", "ci_low", "ci_high"]),
    "nps_by_stage": (lambda con, **kw: emotion.nps(con, **kw, by="stage"), lambda src, **kw: P.nps(src, **kw, by="stage"),
                     ["stage_idx", "stage", "n", "promoters", "passives", "detractors", "nps", "ci_low", "ci_high"]),
    "pain_points": (pain_points.pain_points, P.pain_points,
                    ["rank", "stage_idx", "stage", "label", "touchpoint", "customers", "n_emotion", "mean_emotion",
                     "dropped", "drop_rate", "value_at_stake", "negativity", "value_weight", "impact"]),
}


def _cell(v: Any) -> Any:
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT or v is pd.NA:
        return None
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating, float)):
        return float(v)
    if isinstance(v, (pd.Timestamp, np.datetime64)):
        return pd.Timestamp(v).to_pydatetime()
    return v if not hasattr(v, "item") else v.item()


def same(expected: pd.DataFrame, got: pd.DataFrame, columns: list[str], what: str) -> None:
    """*got* equals *expected* on *columns*, row by row (decimals to 1e-9)."""
    assert len(got) == len(expected), f"{what}: {len(got)} rows, expected {len(expected)}"
    for col in columns:
        for i, (e, g) in enumerate(zip(expected[col].tolist(), got[col].tolist())):
            e, g = _cell(e), _cell(g)
            if isinstance(e, float) or isinstance(g, float):
                ok = (e is None and g is None) or (e is not None and g is not None
                                                   and math.isclose(float(e), float(g), rel_tol=1e-9, abs_tol=1e-9))
            else:
                ok = str(e) == str(g) if e is not None and g is not None else e is g
            assert ok, f"{what}: row {i} column {col}: {g!r}, expected {e!r}"


def expected_all(con, model: StageModel, filters: Filters | None = None) -> dict[str, pd.DataFrame]:
    """The workspace's fast paths, by analysis name."""
    return {name: fast(con, model=model, filters=filters) for name, (fast, _, _) in ANALYSES.items()}


def check_all(src, model: StageModel, expected: dict[str, pd.DataFrame], filters: Filters | None = None,
              label: str = "") -> list[str]:
    """Every portable analysis on *src* against *expected*; the names checked."""
    for name, (_, portable, columns) in ANALYSES.items():
        same(expected[name], portable(src, model=model, filters=filters), columns, f"{label}{name}")
    return list(ANALYSES)
