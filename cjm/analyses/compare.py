"""Two workspaces side by side: the funnel of each (customers per stage and the share of the first stage who got
there), and the difference with its 95% interval (Newcombe) — e.g. this year's export against last year's, or two
branches of the firm. The stages are matched by key, so both workspaces need the same stage model.

>>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
>>> a, b = open_workspace(":memory:").cursor(), open_workspace(":memory:").cursor()
>>> compare_workspaces(a, b, model=preset("five-stage"))["customers_a"].tolist()
[0, 0, 0, 0, 0]
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from cjm.analyses import emotion, funnel
from cjm.analyses.effects import welch
from cjm.core.filters import Filters
from cjm.core.stage_model import StageModel


def compare_workspaces(con_a: duckdb.DuckDBPyConnection, con_b: duckdb.DuckDBPyConnection, *, model: StageModel,
                       filters: Filters | None = None) -> pd.DataFrame:
    """Columns ``stage_idx, stage, label, customers_a, from_first_a, ci_low_a, ci_high_a, customers_b, from_first_b,
    ci_low_b, ci_high_b, diff, diff_low, diff_high`` (diff = from_first_b − from_first_a, Newcombe), and the mean
    emotion of each with its n and the difference B − A with Welch's interval (``emotion_a, emotion_n_a, emotion_b,
    emotion_n_b, emotion_diff, emotion_diff_low, emotion_diff_high``; NaN below two answers a side), one row per
    stage."""
    out = funnel.funnel(con_a, model=model, filters=filters)[["stage_idx", "stage", "label"]].copy()
    n = {}
    for name, con in (("a", con_a), ("b", con_b)):
        k = funnel.funnel(con, model=model, filters=filters)["customers"].to_numpy(dtype=float)
        n[name] = k[0] if len(k) else 0.0
        out[f"customers_{name}"] = k.astype("int64")
        with np.errstate(divide="ignore", invalid="ignore"):
            out[f"from_first_{name}"] = k / n[name] if n[name] else np.nan
        out[f"ci_low_{name}"], out[f"ci_high_{name}"] = funnel.wilson(k, np.full(len(k), n[name]))
    out["diff"], out["diff_low"], out["diff_high"] = funnel.difference(out["customers_b"], n["b"], out["customers_a"],
                                                                       n["a"])
    ca, cb = emotion.curve(con_a, model=model, filters=filters), emotion.curve(con_b, model=model, filters=filters)
    out["emotion_a"], out["emotion_b"] = ca["mean"].to_numpy(dtype=float), cb["mean"].to_numpy(dtype=float)
    out["emotion_n_a"], out["emotion_n_b"] = ca["n"].to_numpy(dtype="int64"), cb["n"].to_numpy(dtype="int64")
    diffs = [welch(mb, sb * sb, int(nb), ma, sa * sa, int(na)) if na >= 2 and nb >= 2 else (np.nan, np.nan, np.nan)
             for ma, sa, na, mb, sb, nb in zip(ca["mean"], ca["sd"], ca["n"], cb["mean"], cb["sd"], cb["n"])]
    out["emotion_diff"], out["emotion_diff_low"], out["emotion_diff_high"] = (
        [d[i] for d in diffs] for i in range(3))
    return out
