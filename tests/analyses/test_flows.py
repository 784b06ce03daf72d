"""Directly-follows transitions on hand-made journeys (expected counts worked out in the comments).

Run on events in file order and again after ``ensure_ordered`` (the fast plan): same results.
"""

from __future__ import annotations

import datetime as dt

import pytest

from cjm.analyses.flows import END, OTHER, START, transitions
from cjm.core.filters import Filters
from cjm.errors import CJMError
from cjm.store.order import ensure_ordered


@pytest.fixture(params=["file-order", "journey-order"])
def build(request, journeys):
    """Journeys stored in file order (the window path of cjm.analyses.relations.neighbours) or in journey order
    (its positional path)."""
    def make(data, model="five-stage"):
        con, m = journeys(data, model, file_order=request.param == "file-order")
        if request.param == "journey-order":
            ensure_ordered(con)
        return con, m
    return make


def rows(df):
    return {(r.source, r.target): (r.count, None if r.median_days != r.median_days else r.median_days)
            for r in df.itertuples()}


JOURNEYS = {
    # loop awareness->awareness (2 d), research (1 d), back to awareness (2 d), unknown "Webinar" skipped,
    # purchase (01-06 -> 01-10 = 4 d)
    "a": [("awareness", "2026-01-01"), ("awareness", "2026-01-03"), ("research", "2026-01-04"),
          ("awareness", "2026-01-06"), ("Webinar", "2026-01-07"), ("purchase", "2026-01-10")],
    # equal timestamps keep file order: research -> awareness (0 d), then purchase 3 d later
    "b": [("research", "2026-01-02 10:00"), ("awareness", "2026-01-02 10:00"), ("purchase", "2026-01-05 10:00")],
}


def test_stage_transitions(build):
    con, m = build(JOURNEYS)
    df = transitions(con, model=m)
    assert list(df.columns) == ["source", "target", "count", "median_days", "source_idx", "target_idx",
                                "source_label", "target_label"]
    assert rows(df) == {
        (START, "awareness"): (1, None),
        (START, "research"): (1, None),
        ("awareness", "awareness"): (1, 2.0),  # the loop is its own row
        ("awareness", "research"): (1, 1.0),
        ("awareness", "purchase"): (2, 3.5),  # a 4 d, b 3 d -> median 3.5
        ("research", "awareness"): (2, 1.0),  # a 2 d, b 0 d -> median 1
        ("purchase", END): (2, None),
    }
    # stage order: __start__ (-1) first, __end__ = 5 stages
    assert df["source_idx"].tolist() == [-1, -1, 0, 0, 0, 1, 2]
    assert df[df["target"] == END]["target_idx"].tolist() == [5]
    assert df[df["source"] == "research"]["source_label"].tolist() == ["Research"]


def test_start_and_end_equal_customers(build):
    con, m = build(JOURNEYS)
    df = transitions(con, model=m)
    assert df[df["source"] == START]["count"].sum() == 2
    assert df[df["target"] == END]["count"].sum() == 2


def test_null_timestamps_come_last_in_file_order(build):
    # c: (no time) research, awareness 01-01, (no time) purchase -> awareness, research, purchase
    con, m = build({"c": [("research", None), ("awareness", "2026-01-01"), ("purchase", None)]})
    assert set(rows(transitions(con, model=m))) == {(START, "awareness"), ("awareness", "research"),
                                                     ("research", "purchase"), ("purchase", END)}


def test_filters_change_neighbours(build):
    con, m = build({"a": [("awareness", "2026-01-01", {"channel": "email"}),
                          ("research", "2026-01-02", {"channel": "phone"}),
                          ("purchase", "2026-01-04", {"channel": "email"})]})
    # email only: awareness -> purchase directly (3 d)
    assert rows(transitions(con, model=m, filters=Filters(channel=("email",)))) == {
        (START, "awareness"): (1, None), ("awareness", "purchase"): (1, 3.0), ("purchase", END): (1, None)}
    # a period that keeps only the first two days
    df = transitions(con, model=m, filters=Filters(end=dt.date(2026, 1, 2)))
    assert set(rows(df)) == {(START, "awareness"), ("awareness", "research"), ("research", END)}


def test_touchpoints_top_and_other(build):
    con, m = build({
        "a": [("awareness", "2026-01-01", {"touchpoint": "X"}), ("awareness", "2026-01-02", {"touchpoint": "Y"}),
              ("research", "2026-01-03", {"touchpoint": "X"})],
        "b": [("awareness", "2026-01-01", {"touchpoint": "X"}), ("research", "2026-01-05", {"touchpoint": "Z"})],
        "c": [("awareness", "2026-01-01"), ("Webinar", "2026-01-02", {"touchpoint": "Y"})],  # no touchpoint: skipped
    })
    # volume X 3, Y 2, Z 1 -> top 2 keeps X, Y; Z becomes Other. Unknown stages still count for touchpoints.
    df = transitions(con, model=m, by="touchpoint", top=2)
    assert list(df.columns) == ["source", "target", "count", "median_days"]
    assert rows(df) == {
        (START, "X"): (2, None), (START, "Y"): (1, None),
        ("X", "Y"): (1, 1.0), ("Y", "X"): (1, 1.0), ("X", END): (1, None),
        ("X", OTHER): (1, 4.0), (OTHER, END): (1, None), ("Y", END): (1, None),
    }
    assert df["count"].tolist()[0] == 2  # largest first
    # all touchpoints kept
    assert (OTHER, END) not in rows(transitions(con, model=m, by="touchpoint"))


@pytest.mark.parametrize("top", [None, 1, 2, 5])
def test_touchpoints_by_hash_equal_by_text(build, top):
    """The fast path (touchpoint hashes through the window) and the text path (its fallback when two names
    share a hash) give the same rows, on a log with loops, missing times, ties and Other."""
    from cjm.analyses import flows

    con, m = build({
        "a": [("awareness", "2026-01-01", {"touchpoint": "X"}), ("awareness", "2026-01-01", {"touchpoint": "X"}),
              ("research", None, {"touchpoint": "Ü"}), ("research", "2026-01-03", {"touchpoint": "Y"})],
        "b": [("awareness", "2026-01-02", {"touchpoint": "Z"}), ("Webinar", "2026-01-04", {"touchpoint": "X"}),
              ("purchase", "2026-01-09", {"touchpoint": "W"})],
        "c": [("research", "2026-01-02", {"touchpoint": "Y"})],
    })
    fast = flows._touchpoint_transitions(con, m, None, top)
    text = flows._touchpoint_transitions_text(con, m, None, top)
    assert rows(fast) == rows(text)
    assert fast["count"].tolist() == text["count"].tolist()
    assert sum(c for (src, _), (c, _) in rows(fast).items() if src == START) == 3  # one start per customer


def test_bad_options(build):
    con, m = build(JOURNEYS)
    with pytest.raises(CJMError, match="stage"):
        transitions(con, model=m, by="channel")
    with pytest.raises(CJMError, match="at least 1"):
        transitions(con, model=m, by="touchpoint", top=0)


def test_empty(ws):
    from cjm.core.stage_model import preset
    df = transitions(ws.cursor(), model=preset("five-stage"))
    assert df.empty and "source_idx" in df.columns


def test_fast_path_only_on_journey_order(journeys, add_events):
    """Neighbours come from the storage order (positional, a sub-query) only when every pair of consecutive rows
    is in journey order; otherwise from a kept window. Both give the hand-computed flows."""
    from cjm.analyses import relations as journey
    from cjm.store.order import storage_in_journey_order

    # stored in file order: "b" (key 2) before "a" (key 1) -> not in storage order
    con, m = journeys({"b": [("awareness", "2026-01-02"), ("research", "2026-01-03")],
                       "a": [("research", "2026-01-05"), ("awareness", "2026-01-01")]}, file_order=True)
    expected = {(START, "awareness"): (2, None), ("awareness", "research"): (2, 2.5),  # b 1 day, a 4 days
                ("research", END): (2, None)}
    assert rows(transitions(con, model=m)) == expected
    assert storage_in_journey_order(con) is False
    rel, _ = journey.ordered_table(con, model=m, filters=None)
    assert rel.startswith('"_cjm_cache_')  # the kept window
    assert ensure_ordered(con) is True
    assert storage_in_journey_order(con) is True
    rel, _ = journey.ordered_table(con, model=m, filters=None)
    assert "POSITIONAL JOIN" in rel
    assert rows(transitions(con, model=m)) == expected
    # a later import with an event of a known customer (written after the other customers) breaks the order again
    add_events(con, [{"customer_id": "a", "ts": "2026-01-09", "stage": "purchase", "stage_idx": 2}])
    assert storage_in_journey_order(con) is False
    assert rows(transitions(con, model=m))[("research", "purchase")] == (1, 4.0)
