"""The measured effect of a fix, on synthetic data whose true effect is known: the interval covers it, and data
with no effect are called "no detectable change"."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from cjm.analyses.effects import effect, welch
from cjm.core.stage_model import preset
from cjm.store import open_workspace, write_stage_model
from cjm.store.progress import Action
from tests.conftest import write_events

DONE = dt.date(2026, 3, 1)
ACTION = Action("a1", "research", "Pricing page", "Show prices on the page", done=DONE)
SEEDS = range(100)


def _synthetic(seed: int, *, emotion_after: float, conversion_after: float, customers: int = 300):
    """Customers come to research (Pricing page) between 1 Jan and 1 May 2026; before 1 March their emotion there
    has mean −1 (−2, −1, 0 with 25/50/25%) and 40% reach purchase within 10 days; after, the emotion has mean
    *emotion_after* and *conversion_after* of them reach purchase."""
    rng = np.random.default_rng(seed)
    after_values = {0.5: ([-1, 0, 1], [0.1, 0.3, 0.6]), -1.0: ([-2, -1, 0], [0.25, 0.5, 0.25])}[emotion_after]
    ws = open_workspace(":memory:")
    model = preset("five-stage")
    events = []
    start = dt.datetime(2026, 1, 1)
    for c in range(customers):
        t0 = start + dt.timedelta(days=float(rng.uniform(0, 120)))
        after = t0.date() >= DONE
        values, probs = after_values if after else ([-2, -1, 0], [0.25, 0.5, 0.25])
        cid = f"c{c}"
        events.append({"customer_id": cid, "stage": "awareness", "stage_idx": 0, "ts": t0 - dt.timedelta(days=1)})
        events.append({"customer_id": cid, "stage": "research", "stage_idx": 1, "ts": t0, "touchpoint": "Pricing page",
                       "emotion": float(rng.choice(values, p=probs))})
        if rng.random() < (conversion_after if after else 0.40):
            events.append({"customer_id": cid, "stage": "purchase", "stage_idx": 2,
                           "ts": t0 + dt.timedelta(days=float(rng.uniform(0.5, 10)))})
    events.append({"customer_id": "end", "stage": "awareness", "stage_idx": 0, "ts": dt.datetime(2026, 6, 15)})
    with ws.data_write() as cur:
        write_events(cur, events)
        write_stage_model(cur, model)
    return ws.cursor(), model


def test_welch_by_hand():
    # means 1 and 0, variances 2 and 1, n 10 and 20: se = √(2/10 + 1/20) = 0.5;
    # df = 0.25² / ((0.2)²/9 + (0.05)²/19) = 13.66, taken down to 13: t(0.975, 13) = 2.160369 (a t table)
    d, lo, hi = welch(1.0, 2.0, 10, 0.0, 1.0, 20)
    assert (d, lo, hi) == pytest.approx((1.0, 1.0 - 2.160369 * 0.5, 1.0 + 2.160369 * 0.5), rel=1e-5)


@pytest.mark.slow  # 100 synthetic workspaces
def test_interval_covers_the_true_effect_in_most_seeds():
    covered_emotion = covered_conversion = 0
    for seed in SEEDS:
        con, model = _synthetic(seed, emotion_after=0.5, conversion_after=0.55)
        e = effect(con, model=model, action=ACTION)
        covered_emotion += e.emotion.low <= 1.5 <= e.emotion.high
        covered_conversion += e.conversion.low <= 0.15 <= e.conversion.high
        assert e.emotion.verdict == "improved"  # an effect of +1.5 on ~150 answers a side is never missed
    assert covered_emotion >= 0.9 * len(SEEDS), covered_emotion
    assert covered_conversion >= 0.9 * len(SEEDS), covered_conversion


@pytest.mark.slow
def test_no_effect_is_called_no_detectable_change_in_most_seeds():
    calm_emotion = calm_conversion = 0
    for seed in SEEDS:
        con, model = _synthetic(seed, emotion_after=-1.0, conversion_after=0.40)
        e = effect(con, model=model, action=ACTION)
        calm_emotion += e.emotion.verdict == "no_change"
        calm_conversion += e.conversion.verdict == "no_change"
    assert calm_emotion >= 0.9 * len(SEEDS), calm_emotion
    assert calm_conversion >= 0.9 * len(SEEDS), calm_conversion


def test_too_early_and_not_done():
    con, model = _synthetic(1, emotion_after=0.5, conversion_after=0.55, customers=40)
    late = Action("a2", "research", "Pricing page", "Later fix", done=dt.date(2026, 6, 14))
    e = effect(con, model=model, action=late)
    assert e.emotion.verdict == "too_early" and e.emotion.n_after == 0 and e.emotion.n_before > 2
    undone = effect(con, model=model, action=Action("a3", "research", None, "Not yet"))
    assert (undone.emotion.verdict, undone.conversion.verdict) == ("not_done", "not_done")
