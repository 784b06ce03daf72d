"""Two workspaces side by side: funnel shares and their difference worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from cjm.analyses.compare import compare_workspaces
from cjm.analyses.funnel import wilson
from cjm.core.stage_model import preset
from cjm.store import open_workspace
from tests.conftest import load_journeys


def test_two_workspaces_by_hand():
    a, b = open_workspace(":memory:"), open_workspace(":memory:")
    # A: 4 customers at awareness, 2 reach research; B: 5 at awareness, 4 reach research
    load_journeys(a, {f"a{i}": [("awareness", "2026-01-01", {"emotion": [-1, 0, 1, 0][i]})]
                      + ([("research", "2026-01-02")] if i < 2 else []) for i in range(4)})
    load_journeys(b, {f"b{i}": [("awareness", "2026-01-01")] + ([("research", "2026-01-02")] if i < 4 else [])
                      for i in range(5)})
    df = compare_workspaces(a.cursor(), b.cursor(), model=preset("five-stage"))
    r = df.iloc[1]
    assert (r["customers_a"], r["customers_b"]) == (2, 4)
    assert (r["from_first_a"], r["from_first_b"]) == (0.5, 0.8)
    assert r["diff"] == pytest.approx(0.3)
    # Newcombe: d ± sqrt of the squared distances to each Wilson bound
    la, ua = (float(x[0]) for x in wilson([2], [4]))
    lb, ub = (float(x[0]) for x in wilson([4], [5]))
    assert r["diff_low"] == pytest.approx(0.3 - ((0.8 - lb) ** 2 + (ua - 0.5) ** 2) ** 0.5)
    assert r["diff_high"] == pytest.approx(0.3 + ((ub - 0.8) ** 2 + (0.5 - la) ** 2) ** 0.5)
    # emotion at awareness: A −1, 0, +1, 0 (mean 0, variance 2/3); B none: no difference
    e = df.iloc[0]
    assert (e["emotion_a"], e["emotion_n_a"], e["emotion_n_b"]) == (0.0, 4, 0)
    assert pd.isna(e["emotion_diff"])
