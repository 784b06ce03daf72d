"""Trends per month: values worked out by hand, and a change flagged only when it is unlikely to be noise."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest

from cjm.analyses.trends import trends
from cjm.core.stage_model import preset
from cjm.store import open_workspace, write_stage_model
from tests.conftest import write_events

DATA = {
    # January: a, b, c come to awareness; a and b go on to research (b only in February)
    "a": [("awareness", "2026-01-05", {"emotion": -1}), ("research", "2026-01-20", {"emotion": 1, "nps": 10})],
    "b": [("awareness", "2026-01-10", {"emotion": 1}), ("research", "2026-02-02", {"nps": 3})],
    "c": [("awareness", "2026-01-15")],
    # February: d comes to awareness and goes no further
    "d": [("awareness", "2026-02-10", {"emotion": 2})],
}


def _value(df, stage, period, measure):
    r = df[(df["stage"] == stage) & (df["period"] == dt.date(*period)) & (df["measure"] == measure)]
    assert len(r) == 1
    return r.iloc[0]


def test_monthly_values_by_hand(journeys):
    con, model = journeys(DATA)
    df = trends(con, model=model, period="month")
    assert sorted(set(df["period"])) == [dt.date(2026, 1, 1), dt.date(2026, 2, 1)]
    assert _value(df, "awareness", (2026, 1, 1), "customers")["value"] == 3
    assert _value(df, "awareness", (2026, 2, 1), "customers")["value"] == 1
    # research conversion of the January awareness cohort (a, b, c): a and b reached research → 2/3
    conv = _value(df, "research", (2026, 1, 1), "conversion")
    assert conv["value"] == pytest.approx(2 / 3) and conv["n"] == 3
    # February's cohort is d alone, who went no further: 0/1; change 0 − 2/3
    feb = _value(df, "research", (2026, 2, 1), "conversion")
    assert (feb["value"], feb["n"]) == (0.0, 1) and feb["change"] == pytest.approx(-2 / 3)
    # emotion at awareness in January: −1 and +1 → mean 0, t-interval ±12.706·√2/√2
    emo = _value(df, "awareness", (2026, 1, 1), "emotion")
    assert (emo["value"], emo["n"]) == (0.0, 2)
    assert (emo["low"], emo["high"]) == pytest.approx((-12.7062047, 12.7062047))
    # NPS at research: January one promoter (+100), February one detractor (−100)
    assert _value(df, "research", (2026, 1, 1), "nps")["value"] == 100
    assert _value(df, "research", (2026, 2, 1), "nps")["change"] == -200
    assert not df["flagged"].any()  # a handful of customers shows nothing beyond noise
    first = _value(df, "awareness", (2026, 1, 1), "customers")
    assert first["change"] is None or math.isnan(first["change"])


def _monthly(seed: int, *, jump: bool):
    """400 customers a month for six months; the emotion at awareness has mean 0 (sd ≈ 0.8), or moves to +1 from
    the fourth month on with *jump*."""
    rng = np.random.default_rng(seed)
    ws = open_workspace(":memory:")
    events = []
    for m in range(6):
        for c in range(400):
            shift = 1 if jump and m >= 3 else 0
            events.append({"customer_id": f"c{m}-{c}", "stage": "awareness", "stage_idx": 0,
                           "ts": dt.datetime(2026, m + 1, 1 + c % 28),
                           "emotion": float(min(2, rng.choice([-1, 0, 1]) + shift))})
    with ws.data_write() as cur:
        write_events(cur, events)
        write_stage_model(cur, preset("five-stage"))
    return ws.cursor()


@pytest.mark.slow  # 20 workspaces of 2,400 customers
def test_flags_a_real_change_and_rarely_noise():
    model = preset("five-stage")
    flagged = trends(_monthly(0, jump=True), model=model)
    emo = flagged[(flagged["stage"] == "awareness") & (flagged["measure"] == "emotion") & flagged["flagged"]]
    assert list(emo["period"]) == [dt.date(2026, 4, 1)]  # the jump, and only there
    noisy = sum(bool(trends(_monthly(seed, jump=False), model=model)["flagged"].any()) for seed in range(20))
    assert noisy <= 2, noisy  # Bonferroni: at most a 5% chance of any false flag per table
