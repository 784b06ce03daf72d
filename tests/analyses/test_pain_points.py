"""Pain points: the impact score worked out by hand, ranking, exclusions, evidence."""

from __future__ import annotations

import pytest

from cjm.analyses.pain_points import FORMULA, evidence, pain_points
from cjm.core.filters import Filters
from cjm.errors import CJMError

LOG = {
    "c1": [("awareness", "2026-01-01", {"touchpoint": "ad", "emotion": -2, "value": 100, "segment": "A", "comment": "bad"}),
           ("research", "2026-01-02", {"touchpoint": "call", "emotion": -1, "segment": "A", "comment": "rude"})],
    "c2": [("awareness", "2026-01-01", {"touchpoint": "ad", "emotion": 0, "value": 300, "segment": "B"}),
           ("research", "2026-01-02", {"touchpoint": "demo", "emotion": 2, "segment": "B"})],
    "c3": [("awareness", "2026-01-01", {"touchpoint": "ad", "emotion": -1, "segment": "B", "comment": "fine"})],
    "c4": [("advocacy", "2026-01-05", {"touchpoint": "survey", "emotion": -2, "value": 200, "segment": "A"})],
}


def test_impact_hand_computed_and_ranked(journeys):
    con, m = journeys(LOG)
    p = pain_points(con, model=m)
    # customer values: c1 100, c2 300, c3 none -> mean of segment B = 300, c4 200; mean of all = 900 / 4 = 225
    # awareness/ad: c1 c2 c3, mean (-2 + 0 - 1)/3 = -1; dropped c3 (went no further) = 1; value 700,
    #   weight (700/3) / 225 = 1.037037; impact = 1 x (3 + 1) x 1.037037 = 4.148148
    # advocacy/survey: c4, mean -2, final stage -> dropped 0; weight 200/225; impact 2 x 1 x 0.888889 = 1.777778
    # research/call: c1, mean -1, dropped 1; weight 100/225; impact 1 x (1 + 1) x 0.444444 = 0.888889
    # research/demo: mean +2 -> not listed
    assert p[["rank", "stage", "touchpoint"]].values.tolist() == [
        [1, "awareness", "ad"], [2, "advocacy", "survey"], [3, "research", "call"]]
    ad = p.iloc[0]
    assert (ad["customers"], ad["n_emotion"], ad["mean_emotion"], ad["dropped"]) == (3, 3, -1, 1)
    assert ad["drop_rate"] == pytest.approx(1 / 3) and ad["value_at_stake"] == 700
    assert ad["value_weight"] == pytest.approx(700 / 3 / 225)
    assert p["impact"].tolist() == pytest.approx([4.148148, 1.777778, 0.888889], abs=1e-6)
    assert p.iloc[1]["dropped"] == 0
    assert pain_points(con, model=m, top=1)["touchpoint"].tolist() == ["ad"]


def test_ties_break_by_customers_then_stage_order(journeys):
    con, m = journeys(LOG)
    p = pain_points(con, model=m, filters=Filters(segment=("A",)))
    # only c1 (100) and c4 (200): mean value 150
    # survey: 2 x 1 x 200/150 = 2.6667; ad: 2 x (1 + 0) x 100/150 = 1.3333; call: 1 x (1 + 1) x 100/150 = 1.3333
    # ad and call tie (1 customer each) -> stage order: awareness before research
    assert p["touchpoint"].tolist() == ["survey", "ad", "call"]
    assert p["impact"].tolist() == pytest.approx([8 / 3, 4 / 3, 4 / 3])


def test_without_values_the_weight_is_one(journeys):
    con, m = journeys({
        "c1": [("awareness", "2026-01-01", {"touchpoint": "ad", "emotion": -1.5})],
        "c2": [("awareness", "2026-01-01", {"touchpoint": "ad", "emotion": 0.5}), ("research", "2026-01-02")],
        "c3": [("awareness", "2026-01-01", {"touchpoint": "flyer"})],  # no emotion: impact 0, not listed
    })
    p = pain_points(con, model=m)
    # ad: mean (-1.5 + 0.5)/2 = -0.5; customers 2; dropped c1 = 1; weight 1 -> 0.5 x 3 x 1 = 1.5
    assert p[["touchpoint", "value_weight", "impact"]].values.tolist() == [["ad", 1.0, 1.5]]
    assert p["value_at_stake"].isna().all()


def test_formula_is_shown_in_plain_words():
    assert FORMULA.startswith("impact = negativity × (customers + dropped) × value weight")
    for word in ("negativity", "customers", "dropped", "value weight", "not listed"):
        assert word in FORMULA


def test_evidence_most_negative_comments_first(journeys):
    con, m = journeys(LOG)
    ev = evidence(con, model=m, stage="Awareness", touchpoint="ad", k=3)
    # comments at awareness/ad: c1 "bad" (-2), c3 "fine" (-1); c2 left none. c3 went no further -> dropped
    assert ev[["customer_id", "comment", "emotion", "dropped"]].values.tolist() == [
        ["c1", "bad", -2.0, False], ["c3", "fine", -1.0, True]]
    assert len(evidence(con, model=m, stage="awareness", touchpoint="ad", k=1)) == 1
    with pytest.raises(CJMError):
        evidence(con, model=m, stage="nowhere", touchpoint="ad")


def test_evidence_shows_each_text_once(journeys):
    same = {"touchpoint": "call", "comment": "Too slow"}
    con, m = journeys({"c1": [("research", "2026-01-01", {**same, "emotion": -1})],
                       "c2": [("research", "2026-01-01", {**same, "emotion": -2})],
                       "c3": [("research", "2026-01-02", {"touchpoint": "call", "comment": "Late"})]})
    ev = evidence(con, model=m, stage="research", touchpoint="call", k=3)
    assert ev[["comment", "customer_id"]].values.tolist() == [["Too slow", "c2"], ["Late", "c3"]]


def test_kept_statistics_follow_new_data_and_filters(journeys, add_events):
    con, m = journeys(LOG)
    assert pain_points(con, model=m).iloc[0]["customers"] == 3  # awareness/ad: c1 c2 c3
    # segment A keeps c1 and c4 only: awareness/ad is c1 alone (mean -2), advocacy/survey c4, research/call c1
    assert sorted(pain_points(con, model=m, filters=Filters(segment=("A",)))["touchpoint"]) == ["ad", "call", "survey"]
    add_events(con, [{"customer_id": "c5", "ts": "2026-01-05", "stage": "awareness", "stage_idx": 0, "touchpoint": "ad",
                      "emotion": -2}])
    ad = pain_points(con, model=m).set_index("touchpoint").loc["ad"]
    # now c1 c2 c3 c5: mean (-2 + 0 - 1 - 2) / 4 = -1.25; dropped c3 and c5 = 2
    assert (ad["customers"], ad["mean_emotion"], ad["dropped"]) == (4, -1.25, 2)
