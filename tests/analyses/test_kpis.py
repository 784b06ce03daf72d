"""KPIs: values with intervals worked out by hand, statuses against targets, the journey score."""

from __future__ import annotations

import math

import pytest

from cjm.analyses import kpis
from cjm.store.progress import Kpi

DATA = {
    "a": [("awareness", "2026-01-01"), ("research", "2026-01-03", {"emotion": -1}), ("purchase", "2026-01-10")],
    "b": [("awareness", "2026-01-01"), ("research", "2026-01-02", {"emotion": 1})],
    "c": [("awareness", "2026-01-05")],
    "d": [("awareness", "2026-01-01"), ("research", "2026-01-05", {"emotion": 0}), ("purchase", "2026-01-06")],
}


def wilson(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


@pytest.fixture
def loaded(journeys):
    return journeys(DATA)


def _row(v, stage, metric):
    r = v[(v["stage"] == stage) & (v["metric"] == metric)]
    assert len(r) == 1
    return r.iloc[0]


def test_values_by_hand(loaded):
    con, model = loaded
    v = kpis.values(con, model=model)
    assert [_row(v, s, "reached")["value"] for s in ("awareness", "research", "purchase", "retention")] == [4, 3, 2, 0]
    conv = _row(v, "research", "conversion")
    assert conv["value"] == pytest.approx(0.75) and conv["n"] == 4
    assert (conv["low"], conv["high"]) == pytest.approx(wilson(3, 4))
    # time in research: a 7 days (to purchase), d 1 day; b's research is the last event (not over): n = 2
    med = _row(v, "research", "median_days")
    assert (med["value"], med["n"], med["low"], med["high"]) == (4.0, 2, 1.0, 7.0)
    # awareness: a 2, b 1, d 4 days (c's only event is its last): median 2, n = 3; interval j = 1, k = 3
    med = _row(v, "awareness", "median_days")
    assert (med["value"], med["n"], med["low"], med["high"]) == (2.0, 3, 1.0, 4.0)
    emo = _row(v, "research", "mean_emotion")
    half = 4.302652729749464 * 1.0 / math.sqrt(3)  # t(0.975, 2) · sd / √n, sd of (−1, 1, 0) = 1
    assert (emo["value"], emo["n"]) == (0.0, 3) and (emo["low"], emo["high"]) == pytest.approx((-half, half))
    assert math.isnan(_row(v, "awareness", "conversion")["value"])


def test_statuses_and_score_by_hand(loaded):
    con, model = loaded
    ks = [Kpi("k1", "research", "conversion", 0.5, "higher"),      # 75%, interval 30%..95%: can't tell
          Kpi("k2", "awareness", "reached", 3, "higher"),          # 4 ≥ 3: met
          Kpi("k3", "research", "median_days", 10, "lower"),       # interval 1..7 days, all below 10: met
          Kpi("k4", "purchase", "reached", 5, "higher"),           # 2 < 5: missed
          Kpi("k5", "nowhere", "reached", 1, "higher")]            # not a stage of the model: left out
    st = kpis.kpi_status(con, model=model, kpis=ks)
    assert dict(zip(st["kpi_id"], st["status"])) == {"k1": "unclear", "k2": "met", "k3": "met", "k4": "missed"}
    sc = kpis.journey_score(st, model)
    per_stage = dict(zip(sc["stage"].iloc[:-1], sc["score"].iloc[:-1]))
    assert per_stage["awareness"] == 100 and per_stage["research"] == 75 and per_stage["purchase"] == 0
    assert math.isnan(per_stage["retention"])
    assert sc["score"].iloc[-1] == pytest.approx(100 * (1 + 1 + 0.5 + 0) / 4)


@pytest.mark.parametrize(("value", "low", "high", "target", "direction", "expected"), [
    (0.6, 0.5, 0.7, 0.5, "higher", "met"),        # the low end on the target counts as met
    (0.4, 0.3, 0.49, 0.5, "higher", "missed"),
    (0.5, 0.4, 0.6, 0.5, "higher", "unclear"),
    (2.0, 1.0, 3.0, 4.0, "lower", "met"),
    (5.0, 4.5, 6.0, 4.0, "lower", "missed"),
    (None, None, None, 1.0, "higher", "unclear"),
])
def test_status_rules(value, low, high, target, direction, expected):
    assert kpis.status(value, low, high, target, direction) == expected


def test_exact_values_and_single_answers():
    assert kpis.status(4, None, None, 3, "higher", exact=True) == "met"
    assert kpis.status(2, None, None, 3, "higher", exact=True) == "missed"
    assert kpis.status(2.0, None, None, 1.0, "higher") == "unclear"  # one answer: no interval, can't tell


def test_kpi_broken_down_by_touchpoint_type(journeys):
    # research: two answers at the website (external: −1, −2), two at a support call (internal: +1, +2)
    con, model = journeys({
        "a": [("research", "2026-01-01", {"touchpoint": "Pricing page", "channel": "web", "emotion": -1}),
              ("research", "2026-01-02", {"touchpoint": "Support call", "channel": "phone", "emotion": 1})],
        "b": [("research", "2026-01-01", {"touchpoint": "Pricing page", "channel": "web", "emotion": -2}),
              ("research", "2026-01-03", {"touchpoint": "Support call", "channel": "phone", "emotion": 2})]})
    ks = [Kpi("all", "research", "mean_emotion", 0.0, "higher"),
          Kpi("int", "research", "mean_emotion", 0.0, "higher", breakdown="internal"),
          Kpi("ext", "research", "mean_emotion", 0.0, "higher", breakdown="external")]
    st = kpis.kpi_status(con, model=model, kpis=ks).set_index("kpi_id")
    assert st.loc["all", "value"] == 0.0 and st.loc["all", "n"] == 4
    assert (st.loc["int", "value"], st.loc["int", "n"]) == (1.5, 2)
    assert (st.loc["ext", "value"], st.loc["ext", "n"]) == (-1.5, 2)
    # external: mean −1.5, sd 0.707, t(0.975, 1) = 12.706: the interval −7.85…+4.85 straddles 0
    assert st.loc["ext", "status"] == "unclear"


def test_score_trend_per_quarter(journeys):
    con, model = journeys({"a": [("awareness", "2026-01-05")], "b": [("awareness", "2026-02-05")],
                           "c": [("awareness", "2026-04-05")]})
    trend = kpis.score_trend(con, model=model, kpis=[Kpi("k", "awareness", "reached", 2, "higher")])
    # Q1: a and b reached awareness (2 ≥ 2, met: 100); Q2: c alone (1 < 2, missed: 0)
    assert [(str(p), s) for p, s in zip(trend["period"], trend["score"])] == [("2026-01-01", 100.0), ("2026-04-01", 0.0)]
