"""Emotion curve with t-intervals, highs and lows, NPS with its interval, comments as evidence."""

from __future__ import annotations

import math
import statistics

import pandas as pd
import pytest

from cjm.analyses.emotion import comments, curve, highs_lows, nps, t975, touchpoint_curve
from cjm.core.filters import Filters
from cjm.errors import CJMError


def _e(emotion=None, **kw):
    return {"emotion": emotion, **kw}


LOG = {
    "c1": [("awareness", "2026-01-01", _e(-2, segment="A", touchpoint="ad", comment="Too pushy", nps=10)),
           ("research", "2026-01-02", _e(1, segment="A", touchpoint="call", comment="Helpful call", nps=3))],
    "c2": [("awareness", "2026-01-01", _e(0, segment="B", touchpoint="ad", comment="meh", nps=8)),
           ("research", "2026-01-02", _e(2, segment="B", touchpoint="demo", comment="Great demo", nps=9)),
           ("purchase", "2026-01-03", _e(1, segment="B", touchpoint="contract"))],
    "c3": [("awareness", "2026-01-01", _e(1, segment="B", touchpoint="ad", comment="fine")),
           ("survey", "2026-01-04", {"nps": 0})],  # outside the model: counts for overall NPS only
}


def test_curve_mean_sd_and_t_interval(journeys):
    con, m = journeys(LOG)
    c = curve(con, model=m).set_index("stage")
    assert list(c.index) == ["awareness", "research", "purchase", "retention", "advocacy"]
    a = c.loc["awareness"]
    # awareness: -2, 0, 1 -> mean -1/3; sd = sqrt(((5/3)^2 + (1/3)^2 + (4/3)^2) / 2) = sqrt(7/3) = 1.527525;
    # se = 1.527525 / sqrt(3) = 0.881917; t(0.975, 2) = 4.302653 -> half width 3.794583
    assert (a["n"], a["mean"], a["sd"]) == (3, pytest.approx(-1 / 3), pytest.approx(math.sqrt(7 / 3)))
    assert a["ci_low"] == pytest.approx(-1 / 3 - 3.794583, abs=1e-5)
    assert a["ci_high"] == pytest.approx(-1 / 3 + 3.794583, abs=1e-5)
    r = c.loc["research"]
    # research: 1, 2 -> mean 1.5, sd 0.707107, se 0.5, t(0.975, 1) = 12.706205 -> 1.5 +- 6.353102
    assert (r["ci_low"], r["ci_high"]) == (pytest.approx(1.5 - 6.353102, abs=1e-5), pytest.approx(1.5 + 6.353102, abs=1e-5))
    p = c.loc["purchase"]
    assert p["n"] == 1 and p["mean"] == 1 and math.isnan(p["ci_low"]) and math.isnan(p["ci_high"])  # n < 2
    assert c.loc["retention", "n"] == 0 and math.isnan(c.loc["retention", "mean"])


def test_curve_large_n_uses_t_beyond_the_table(journeys):
    # 41 scores (21 x +1, 20 x -1): df = 40 is beyond the t table, t(0.975, 40) = 2.021075 (published tables)
    scores = [1] * 21 + [-1] * 20
    con, m = journeys({f"c{i}": [("awareness", "2026-01-01", _e(s))] for i, s in enumerate(scores)})
    a = curve(con, model=m).iloc[0]
    mean, sd = statistics.mean(scores), statistics.stdev(scores)
    assert a["ci_high"] - mean == pytest.approx(2.021075 * sd / math.sqrt(41), rel=1e-5)
    assert t975(40) == pytest.approx(2.021075, abs=1e-6)
    assert t975(30) > t975(31) > t975(1000) > 1.96


def test_curve_by_segment_and_filters(journeys):
    con, m = journeys(LOG)
    g = curve(con, model=m, by="segment")
    assert sorted(set(g["group"])) == ["A", "B"] and len(g) == 2 * 5
    b = g[(g["group"] == "B") & (g["stage"] == "awareness")].iloc[0]
    assert (b["n"], b["mean"]) == (2, 0.5)  # c2 0, c3 +1
    only_a = curve(con, model=m, filters=Filters(segment=("A",))).set_index("stage")
    assert only_a.loc["awareness", "mean"] == -2 and only_a.loc["research", "n"] == 1
    with pytest.raises(CJMError, match="segment"):
        curve(con, model=m, by="nonsense")


def test_touchpoint_curve_in_journey_order(journeys):
    con, m = journeys({
        # at research: "call" comes 2nd in c1's journey, "demo" 3rd -> call before demo whatever the names
        "c1": [("awareness", "2026-01-01", _e(1, touchpoint="zeta ad")), ("research", "2026-01-02", _e(-1, touchpoint="call")),
               ("research", "2026-01-03", _e(2, touchpoint="demo"))],
        "c2": [("awareness", "2026-01-01", _e(0, touchpoint="zeta ad")), ("research", "2026-01-02", _e(-2, touchpoint="call")),
               ("research", "2026-01-02", _e(0, touchpoint="demo"))],  # same time: file order decides
    })
    t = touchpoint_curve(con, model=m)
    assert t["touchpoint"].tolist() == ["zeta ad", "call", "demo"]
    assert t["order"].tolist() == [0, 1, 2]
    assert t["position"].tolist() == [1.0, 2.0, 3.0]
    assert t.iloc[1]["mean"] == -1.5 and t.iloc[1]["n"] == 2


def test_highs_and_lows():
    c = pd.DataFrame({"stage_idx": range(5), "label": list("ABCDE"), "mean": [0.5, -1.0, 1.2, float("nan"), 0.8],
                      "n": [3, 3, 3, 0, 2]})
    marks = highs_lows(c)
    # points with a mean: A .5, B -1, C 1.2, E .8 -> A above B (high), B the worst (low, global),
    # C the best (high, global), E below C and last (low)
    assert marks[["label", "kind", "is_global"]].values.tolist() == [
        ["A", "high", False], ["B", "low", True], ["C", "high", True], ["E", "low", False]]
    flat = c.assign(mean=1.0)
    assert len(highs_lows(flat)) == 0 and len(highs_lows(c.head(1))) == 0
    grouped = pd.concat([c.assign(group="x"), c.assign(group="y", mean=[2, 1, 0, None, -1])])
    g = highs_lows(grouped)
    assert g[g["group"] == "y"][["label", "kind"]].values.tolist() == [["A", "high"], ["E", "low"]]


def test_nps_overall_by_stage_by_segment(journeys):
    con, m = journeys(LOG)
    overall = nps(con, model=m).iloc[0]
    # answers 10, 3, 8, 9, 0 -> promoters 2 (10, 9), passives 1 (8), detractors 2 (3, 0): NPS 0
    # indicator variance (2 + 2)/5 - 0^2 = 0.8; se = sqrt(0.8 / 5) = 0.4; 100 x 1.96 x 0.4 = 78.3986
    assert (overall["n"], overall["promoters"], overall["passives"], overall["detractors"]) == (5, 2, 1, 2)
    assert overall["nps"] == 0
    assert overall["ci_low"] == pytest.approx(-78.3986, abs=1e-3) and overall["ci_high"] == pytest.approx(78.3986, abs=1e-3)
    by_stage = nps(con, model=m, by="stage").set_index("stage")
    # awareness: 10, 8 -> (1 - 0)/2 = NPS 50; var 1/2 - 1/4 = 0.25, se sqrt(.25/2) = .353553,
    # 50 +- 100 x 1.96 x .353553 = 50 +- 69.30 -> [-19.30, 100 (clipped from 119.30)]
    a = by_stage.loc["awareness"]
    assert a["nps"] == 50 and a["ci_low"] == pytest.approx(-19.2952, abs=1e-3) and a["ci_high"] == 100
    assert by_stage.loc["purchase", "n"] == 0 and math.isnan(by_stage.loc["purchase", "nps"])
    seg = nps(con, model=m, by="segment").set_index("group")
    assert seg.loc["A", "nps"] == 0 and seg.loc["B", "nps"] == 50  # A: 10, 3; B: 8, 9
    one = nps(con, model=m, filters=Filters(segment=("A",)), by="stage").set_index("stage").loc["research"]
    assert one["n"] == 1 and one["nps"] == -100 and math.isnan(one["ci_low"])  # n < 2: no interval


def test_nps_interval_example():
    # independent reference on 10, 10, 10, 0: P 3, D 1, n 4 -> NPS 50; var = 4/4 - 0.5^2 = 0.75
    x = [1, 1, 1, -1]
    var = statistics.pvariance(x)
    assert var == 0.75 and 100 * 1.96 * math.sqrt(var / 4) == pytest.approx(84.87, abs=0.01)


def test_comments_most_negative_and_positive(journeys):
    con, m = journeys(LOG)
    c = comments(con, model=m, k=1)
    assert c[["stage", "kind", "comment", "customer_id"]].values.tolist() == [
        ["awareness", "negative", "Too pushy", "c1"],  # -2 (c2's "meh" is 0: neither side)
        ["awareness", "positive", "fine", "c3"],
        ["research", "positive", "Great demo", "c2"],  # +2 before +1
    ]
    r = comments(con, model=m, stage="Research", k=5)
    assert r["comment"].tolist() == ["Great demo", "Helpful call"]
    with pytest.raises(CJMError, match='Unknown stage "nowhere". The stages are: Awareness'):
        comments(con, model=m, stage="nowhere")


def test_comments_show_each_text_once(journeys):
    same = {"touchpoint": "call", "comment": "Too slow"}
    con, m = journeys({"c1": [("research", "2026-01-01", {**same, "emotion": -1})],
                       "c2": [("research", "2026-01-01", {**same, "emotion": -2})],
                       "c3": [("research", "2026-01-02", {"touchpoint": "call", "comment": "Late", "emotion": -1})]})
    # "Too slow" twice -> shown once, at its most negative (-2, c2); then "Late" (-1)
    c = comments(con, model=m, k=3)
    assert c[["comment", "emotion", "customer_id"]].values.tolist() == [["Too slow", -2.0, "c2"], ["Late", -1.0, "c3"]]


def test_touchpoint_curve_median_position_even_and_odd_counts(journeys):
    con, m = journeys({
        # "form" at positions 1 (c1), 3 (c2) -> median (1 + 3) / 2 = 2.0
        # "chat" at positions 2 (c1), 1 and 2 (c2) -> sorted 1 2 2 -> 2.0
        "c1": [("awareness", "2026-01-01", _e(1, touchpoint="form")), ("awareness", "2026-01-02", _e(touchpoint="chat"))],
        "c2": [("awareness", "2026-01-01", _e(touchpoint="chat")), ("awareness", "2026-01-02", _e(touchpoint="chat")),
               ("awareness", "2026-01-03", _e(-1, touchpoint="form"))],
        # no timestamp: after c3's timed events; "web" at positions 1, 2 (no touchpoint at 3), 4
        "c3": [("awareness", "2026-01-02", _e(touchpoint="web")), ("awareness", "2026-01-01", _e(touchpoint="web")),
               ("awareness", "2026-01-03", _e()), {"stage": "awareness", "touchpoint": "web"}],
    })
    t = touchpoint_curve(con, model=m).set_index("touchpoint")
    # all three at median position 2.0 (web: 1, 2, 4) -> same stage and position: ordered by name
    assert t.loc["form", "position"] == 2.0 and t.loc["chat", "position"] == 2.0 and t.loc["web", "position"] == 2.0
    assert t.loc["form", "mean"] == 0 and t.loc["form", "n"] == 2 and t.loc["chat", "n"] == 0
    assert t["order"].tolist() == [0, 1, 2] and t.index.tolist() == ["chat", "form", "web"]


def test_touchpoint_curve_median_of_even_count_averages_the_middle_two(journeys):
    # "x" at positions 1 (a), 2 (b), 3 (c), 4 (d) -> middle two 2 and 3 -> 2.5; "y" at 2 (a), 1 (b) -> 1.5
    con, m = journeys({
        "a": [("awareness", "2026-01-01", _e(touchpoint="x")), ("awareness", "2026-01-02", _e(touchpoint="y"))],
        "b": [("awareness", "2026-01-01", _e(touchpoint="y")), ("awareness", "2026-01-02", _e(touchpoint="x"))],
        "c": [("awareness", "2026-01-01", _e()), ("awareness", "2026-01-02", _e()),
              ("awareness", "2026-01-03", _e(touchpoint="x"))],
        "d": [("awareness", "2026-01-01", _e()), ("awareness", "2026-01-02", _e()), ("awareness", "2026-01-03", _e()),
              ("awareness", "2026-01-04", _e(touchpoint="x"))],
    })
    t = touchpoint_curve(con, model=m)
    assert t[["touchpoint", "position", "events"]].values.tolist() == [["y", 1.5, 2], ["x", 2.5, 4]]


def test_touchpoint_curve_kept_result_follows_data_and_filters(journeys, add_events):
    con, m = journeys(LOG)
    before = touchpoint_curve(con, model=m)
    assert before.set_index("touchpoint").loc["ad", "events"] == 3
    only_a = touchpoint_curve(con, model=m, filters=Filters(segment=("A",)))
    assert only_a["touchpoint"].tolist() == ["ad", "call"]
    add_events(con, [{"customer_id": "c9", "ts": "2026-01-01", "stage": "awareness", "stage_idx": 0, "touchpoint": "ad",
                      "emotion": -2}])
    after = touchpoint_curve(con, model=m).set_index("touchpoint")
    # ad: -2, 0, 1 and now -2 -> 4 events, mean -3/4
    assert after.loc["ad", "events"] == 4 and after.loc["ad", "mean"] == pytest.approx(-0.75)
