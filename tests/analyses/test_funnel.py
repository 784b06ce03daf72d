"""Funnel, time, outcomes and warnings on hand-made journeys (expected numbers worked out in the comments).

Every test runs twice: on events in file order, and after ``cjm.store.order.ensure_ordered`` rewrote them in journey
order (the fast plan) — the results must be the same.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest

from cjm.analyses import flows
from cjm.analyses import funnel as fn
from cjm.core.filters import Filters
from cjm.errors import CJMError
from cjm.store.order import ensure_ordered, is_ordered

NAN = float("nan")


@pytest.fixture(params=["file-order", "journey-order"])
def build(request, journeys):
    """Journeys stored in file order (as imports sharing customers leave them: the window path of
    cjm.analyses.relations.neighbours) or in journey order (its positional path)."""
    def make(data, model="five-stage"):
        con, m = journeys(data, model, file_order=request.param == "file-order")
        if request.param == "journey-order":
            assert ensure_ordered(con) is True
            assert is_ordered(con)
        return con, m
    return make


def same(a, b):
    return len(a) == len(b) and all((math.isnan(x) and math.isnan(y)) if isinstance(x, float) and math.isnan(x)
                                    else x == pytest.approx(y) for x, y in zip(a, b))


SKIP = {
    "a": [("awareness", "2026-01-01"), ("purchase", "2026-01-05")],  # skips research
    "b": [("awareness", "2026-01-02"), ("research", "2026-01-03")],
    "c": [("research", "2026-01-04")],  # starts at research
}


def test_furthest_counts_skipped_stages(build):
    con, m = build(SKIP)
    df = fn.funnel(con, model=m)
    assert list(df.columns) == ["stage_idx", "stage", "label", "customers", "conversion", "conversion_from_first",
                                "dropped"]
    assert df["stage"].tolist() == ["awareness", "research", "purchase", "retention", "advocacy"]
    assert df["label"].tolist()[0] == "Awareness"
    # furthest: a=purchase(2), b=research(1), c=research(1) -> >=0: 3, >=1: 3, >=2: 1, then 0, 0
    assert df["customers"].tolist() == [3, 3, 1, 0, 0]
    # conversion: 1.0, 3/3, 1/3, 0/1, 0/0 -> NaN
    assert same(df["conversion"].tolist(), [1.0, 1.0, 1 / 3, 0.0, NAN])
    assert same(df["conversion_from_first"].tolist(), [1.0, 1.0, 1 / 3, 0.0, 0.0])
    # dropped: 3-3, 3-1, 1-0, 0, last stage 0
    assert df["dropped"].tolist() == [0, 2, 1, 0, 0]


def test_visited_counts_only_stages_with_events(build):
    con, m = build(SKIP)
    df = fn.funnel(con, model=m, mode="visited")
    # awareness: a, b; research: b, c; purchase: a
    assert df["customers"].tolist() == [2, 2, 1, 0, 0]
    # dropped = visited k and not k+1: awareness {a}; research {b, c}; purchase {a}
    assert df["dropped"].tolist() == [1, 2, 1, 0, 0]
    assert same(df["conversion"].tolist(), [1.0, 1.0, 0.5, 0.0, NAN])


WINDOW = {
    "a": [("awareness", "2026-01-01"), ("research", "2026-01-11"), ("purchase", "2026-01-31")],  # 10 d, 20 d
    "b": [("awareness", "2026-01-01"), ("purchase", "2026-01-05")],  # skip: R1 = R2 = 01-05 -> 4 d, 0 d
    "c": [("awareness", "2026-01-01 00:00"), ("research", "2026-01-08 00:01")],  # 7 d + 1 min
    "d": [("awareness", None), ("research", "2026-01-02")],  # R0 = R1 = 01-02 (first known time at >= stage)
}


def test_conversion_window(build):
    con, m = build(WINDOW)
    # no window: >=0 all 4; >=1 all 4; >=2 a, b
    assert fn.funnel(con, model=m)["customers"].tolist() == [4, 4, 2, 0, 0]
    # 7 days: research: a (10 d) no, b (4 d) yes, c (7 d 1 min) no, d (0 d) yes -> 2; purchase: b (0 d) -> 1
    w7 = fn.funnel(con, model=m, window_days=7)
    assert w7["customers"].tolist() == [4, 2, 1, 0, 0]
    assert w7["dropped"].tolist() == [2, 1, 1, 0, 0]
    # 10 days: research all 4 (10 <= 10); purchase: a needs 20 d -> no, b yes -> 1
    assert fn.funnel(con, model=m, window_days=10)["customers"].tolist() == [4, 4, 1, 0, 0]
    # 0 days: only the zero gaps: b (skip) and d -> research 2... b's research arrival is 4 d after awareness
    # -> research: d only (0 d); purchase: d never got there -> 0
    assert fn.funnel(con, model=m, window_days=0)["customers"].tolist() == [4, 1, 0, 0, 0]


def test_time_to_convert(build):
    con, m = build(WINDOW)
    df = fn.time_to_convert(con, model=m)
    assert list(df.columns) == ["from_stage", "to_stage", "from_label", "to_label", "n", "median_days", "p90_days"]
    assert df["from_stage"].tolist() == ["awareness", "research", "purchase", "retention"]
    minute = 1 / 1440
    # awareness -> research: a 10, b 4, c 7 + 1 min, d 0 -> sorted 0, 4, 7.0007, 10: median (4 + 7.0007) / 2
    # p90 (linear): position 0.9 * 3 = 2.7 -> 7.0007 + 0.7 * (10 - 7.0007)
    r = df.iloc[0]
    assert r["n"] == 4
    assert r["median_days"] == pytest.approx((4 + 7 + minute) / 2)
    assert r["p90_days"] == pytest.approx(7 + minute + 0.7 * (10 - 7 - minute))
    # research -> purchase: a 20, b 0 -> median 10, p90 0 + 0.9 * 20 = 18
    r = df.iloc[1]
    assert (r["n"], r["median_days"], r["p90_days"]) == (2, pytest.approx(10.0), pytest.approx(18.0))
    assert df.iloc[2]["n"] == 0 and math.isnan(df.iloc[2]["median_days"])


STUCK = {
    "a": [("awareness", "2026-01-01"), ("research", "2026-01-05", {"touchpoint": "demo"})],
    "b": [("awareness", "2026-01-01"), ("advocacy", "2026-01-02")],  # final stage: never stuck
    "c": [("awareness", "2026-01-20")],  # the latest event in the data: as_of = 01-20
    "d": [("awareness", "2026-01-10")],
}


def test_time_in_stage(build):
    con, m = build(STUCK)
    df = fn.time_in_stage(con, model=m)
    # awareness stays: a 01-01 -> 01-05 = 4 d, b 01-01 -> 01-02 = 1 d; c and d have no next event
    # median 2.5, p90 1 + 0.9 * 3 = 3.7; other stages: only last events -> n 0
    assert df["n"].tolist() == [2, 0, 0, 0, 0]
    assert df.iloc[0]["median_days"] == pytest.approx(2.5)
    assert df.iloc[0]["p90_days"] == pytest.approx(3.7)
    assert math.isnan(df.iloc[1]["p90_days"])


def test_stuck_with_explicit_days(build):
    con, m = build(STUCK)
    df = fn.stuck(con, model=m, days=10)
    assert list(df.columns) == ["customer_id", "stage", "label", "last_seen", "days_idle", "threshold_days"]
    # as_of = 01-20: a idle 15 d at research (stuck), d idle 10 d at awareness (>= 10: stuck), c 0 d, b final
    assert df["customer_id"].tolist() == ["a", "d"]
    assert df["stage"].tolist() == ["research", "awareness"]
    assert df["days_idle"].tolist() == [pytest.approx(15), pytest.approx(10)]
    # an explicit reference date: 01-31 -> c idle 11 d too; order by idle: a 26, d 21, c 11
    later = fn.stuck(con, model=m, days=10, as_of=dt.date(2026, 1, 31))
    assert later["customer_id"].tolist() == ["a", "d", "c"]


def test_stuck_default_thresholds_from_the_data(build):
    con, m = build(STUCK)
    # thresholds: awareness p90 3.7 d (see test_time_in_stage); research has no measured stay -> 30 d
    # a: research idle 15 < 30 -> no; d: awareness idle 10 >= 3.7 -> stuck; c: idle 0 -> no
    df = fn.stuck(con, model=m)
    assert df["customer_id"].tolist() == ["d"]
    assert df["threshold_days"].tolist() == [pytest.approx(3.7)]
    s = fn.stuck_summary(con, model=m)
    assert list(s.columns) == ["stage_idx", "stage", "label", "stuck", "threshold_days"]
    assert s["stuck"].tolist() == [1, 0, 0, 0, 0]
    assert s["threshold_days"].tolist() == pytest.approx([3.7, 30, 30, 30, 30])


def test_stuck_threshold_at_least_one_day(build):
    # awareness stays of 1 hour -> p90 of 0.04 d is raised to 1 d; x idle 0.5 d -> not stuck, y idle 2 d -> stuck
    con, m = build({
        "w": [("awareness", "2026-01-01 00:00"), ("research", "2026-01-01 01:00"), ("purchase", "2026-01-03 12:00")],
        "x": [("awareness", "2026-01-03 00:00")],
        "y": [("awareness", "2026-01-01 12:00")],
    })
    assert fn.stuck_summary(con, model=m)["threshold_days"].tolist()[0] == 1.0
    assert fn.stuck(con, model=m)["customer_id"].tolist() == ["y"]


def test_dropped_after(build):
    con, m = build(STUCK)
    df = fn.dropped_after(con, model=m, stage="Research")
    assert list(df.columns) == ["customer_id", "last_stage", "last_touchpoint", "last_seen", "days_since"]
    # furthest stage research: only a; last event research/demo on 01-05, 15 days before 01-20
    assert df.values.tolist() == [["a", "Research", "demo", dt.datetime(2026, 1, 5), pytest.approx(15.0)]]
    # furthest awareness: c (0 d) and d (10 d), longest gone first
    assert fn.dropped_after(con, model=m, stage="awareness")["customer_id"].tolist() == ["d", "c"]
    with pytest.raises(CJMError, match='Unknown stage "checkout". The stages are: Awareness, Research'):
        fn.dropped_after(con, model=m, stage="checkout")


BACK = {
    "a": [("awareness", "2026-01-01"), ("awareness", "2026-01-03"), ("research", "2026-01-04"),
          ("awareness", "2026-01-06"), ("Webinar", "2026-01-07"), ("purchase", "2026-01-10")],
    # equal timestamps keep file order: research then awareness is a backward move
    "b": [("research", "2026-01-02 10:00"), ("awareness", "2026-01-02 10:00"), ("purchase", "2026-01-05 10:00")],
    "c": [("purchase", "2026-01-02"), ("retention", "2026-01-09")],
}


def test_backwards(build):
    con, m = build(BACK)
    df = fn.backwards(con, model=m)
    # a: research -> awareness on 01-06; b: research -> awareness on 01-02 10:00 (file order); c: none
    assert df[["customer_id", "from_stage", "to_stage", "ts"]].values.tolist() == [
        ["a", "research", "awareness", dt.datetime(2026, 1, 6)],
        ["b", "research", "awareness", dt.datetime(2026, 1, 2, 10)]]
    s = fn.backwards_summary(con, model=m)
    assert list(s.columns) == ["stage_idx", "stage", "label", "customers", "moves"]
    assert s["customers"].tolist() == [0, 2, 0, 0, 0]
    assert s["moves"].tolist() == [0, 2, 0, 0, 0]


def test_backwards_counts_every_move(build):
    # c: purchase, retention, purchase (back from retention), retention, awareness (back from retention again)
    con, m = build({"c": [("purchase", "2026-01-01"), ("retention", "2026-01-02"), ("purchase", "2026-01-03"),
                          ("retention", "2026-01-04"), ("awareness", "2026-01-05")]})
    assert fn.backwards(con, model=m)["to_stage"].tolist() == ["purchase", "awareness"]
    s = fn.backwards_summary(con, model=m)
    assert s["customers"].tolist() == [0, 0, 0, 1, 0]  # one customer ...
    assert s["moves"].tolist() == [0, 0, 0, 2, 0]  # ... two moves, both from retention


def test_outcomes_latest_per_customer(build):
    con, m = build({
        "c1": [("pre-purchase", "2026-01-01", {"outcome": "Not now"}), ("pre-purchase", "2026-02-01", {"outcome": "Won"})],
        "c2": [("Hired", "2026-01-05")],  # an outcome given as the stage value
        "c3": [("pre-purchase", "2026-01-03", {"outcome": "no way"})],
        "c4": [("former client", "2026-03-01", {"outcome": "promoter"})],
        # same timestamp: file order decides, the latest is "lost deal" (no way)
        "c5": [("pre-purchase", "2026-01-01", {"outcome": "won"}), ("pre-purchase", "2026-01-01", {"outcome": "lost deal"})],
    }, model="hinge-b2b-4")
    df = fn.outcomes(con, model=m)
    assert list(df.columns) == ["stage", "label", "outcome", "outcome_label", "positive", "customers", "share"]
    # pre-purchase: hired c1, c2 = 2; not now 0 (c1's latest is "won"); no way c3, c5 = 2 -> shares 2/4, 0, 2/4
    # former client: advocate c4 = 1 (share 1), lost 0
    assert df["outcome"].tolist() == ["hired", "not-now", "no-way", "advocate", "lost"]
    assert df["customers"].tolist() == [2, 0, 2, 1, 0]
    assert df["share"].tolist() == pytest.approx([0.5, 0.0, 0.5, 1.0, 0.0])
    assert df["positive"].tolist() == [True, False, False, True, False]
    assert df["label"].tolist()[0] == "Pre-purchase"


def test_compare_periods(build):
    con, m = build({
        "a": [("awareness", "2026-01-05"), ("research", "2026-02-03")],
        "b": [("awareness", "2026-02-10")],
    })
    df = fn.compare_periods(con, model=m, a=(dt.date(2026, 1, 1), dt.date(2026, 1, 31)),
                            b=(dt.date(2026, 2, 1), dt.date(2026, 2, 28)))
    assert list(df.columns)[:7] == ["stage_idx", "stage", "label", "customers_a", "conversion_a", "customers_b",
                                    "conversion_b"]
    # January: a at awareness only -> [1, 0, 0, 0, 0]; conversion 1, 0/1, then 0/0
    assert df["customers_a"].tolist() == [1, 0, 0, 0, 0]
    assert same(df["conversion_a"].tolist(), [1.0, 0.0, NAN, NAN, NAN])
    # February: a at research (furthest, counts for awareness), b at awareness -> [2, 1, 0, 0, 0]
    assert df["customers_b"].tolist() == [2, 1, 0, 0, 0]
    assert same(df["conversion_b"].tolist(), [1.0, 0.5, 0.0, NAN, NAN])
    with pytest.raises(CJMError, match="before it starts"):
        fn.compare_periods(con, model=m, a=(dt.date(2026, 2, 1), dt.date(2026, 1, 1)), b=(dt.date(2026, 2, 1),) * 2)


def test_breakdown_by_segment(build):
    con, m = build({
        "a": [("awareness", "2026-01-01", {"segment": "SMB"}), ("research", "2026-01-02", {"segment": "SMB"})],
        "b": [("awareness", "2026-01-01", {"segment": "Enterprise"})],
        "c": [("awareness", "2026-01-03")],  # no segment
    })
    df = fn.breakdown(con, model=m, by="segment")
    assert {"group", "stage_idx", "stage", "label", "customers", "conversion_from_first"} <= set(df.columns)
    got = {g: part["customers"].tolist() for g, part in df.groupby("group")}
    # SMB: a reached research; Enterprise: b at awareness; (not set): c at awareness
    assert got == {"SMB": [1, 1, 0, 0, 0], "Enterprise": [1, 0, 0, 0, 0], "(not set)": [1, 0, 0, 0, 0]}
    with pytest.raises(CJMError, match="break the funnel down"):
        fn.breakdown(con, model=m, by="comment")


def test_filters_apply(build):
    con, m = build({
        "a": [("awareness", "2026-01-01", {"channel": "email"}), ("research", "2026-01-02", {"channel": "phone"})],
        "b": [("awareness", "2026-01-01", {"channel": "phone"})],
    })
    # channel phone: a's research event and b's awareness -> furthest a=research, b=awareness -> [2, 1, 0, 0, 0]
    assert fn.funnel(con, model=m, filters=Filters(channel=("phone",)))["customers"].tolist() == [2, 1, 0, 0, 0]
    # channel email: a's awareness only -> [1, 0, ...]
    assert fn.funnel(con, model=m, filters=Filters(channel=("email",)))["customers"].tolist() == [1, 0, 0, 0, 0]


def test_unknown_stages_are_ignored_and_empty_workspace(build, ws):
    con, m = build({"a": [("Webinar", "2026-01-01")], "b": [("awareness", "2026-01-02")]})
    # a has no event in the model -> not counted anywhere
    assert fn.funnel(con, model=m)["customers"].tolist() == [1, 0, 0, 0, 0]
    empty = fn.funnel(ws.cursor().execute("DELETE FROM events") or ws.cursor(), model=m)
    assert empty["customers"].tolist() == [0, 0, 0, 0, 0]


def test_bad_options_are_user_errors(build):
    con, m = build(SKIP)
    with pytest.raises(CJMError, match="funnel mode"):
        fn.funnel(con, model=m, mode="strict")
    with pytest.raises(CJMError, match="furthest"):
        fn.funnel(con, model=m, mode="visited", window_days=7)
    with pytest.raises(CJMError, match="whole number"):
        fn.funnel(con, model=m, window_days=-1)


def test_kept_results_follow_every_write(build, ws, add_events):
    """Per-customer results and ordered events are kept per data version (cjm.store.kept.cached): a write through
    a workspace transaction, a direct insert and a stage-model change must all be seen, on the same cursor."""
    con, m = build(SKIP)
    assert fn.funnel(con, model=m)["customers"].tolist() == [3, 3, 1, 0, 0]
    # rows: 3 from __start__, a awareness->purchase, b awareness->research, 3 to __end__ = 8
    assert flows.transitions(con, model=m)["count"].sum() == 8
    with ws.data_write() as cur:  # c reaches retention (3): furthest a=2, b=1, c=3 -> [3, 3, 2, 1, 0]
        add_events(cur, [{"customer_id": "c", "ts": "2026-01-09", "stage": "retention", "stage_idx": 3}])
    assert fn.funnel(con, model=m)["customers"].tolist() == [3, 3, 2, 1, 0]
    # c: research -> retention is one more move: 3 starts + 3 moves + 3 ends
    assert flows.transitions(con, model=m)["count"].sum() == 9
    # a write without a transaction (no data_version bump): b reaches advocacy (4); furthest a=2, b=4, c=3
    # -> >=0: 3, >=1: 3, >=2: 3, >=3: b, c = 2, >=4: b = 1
    add_events(con, [{"customer_id": "b", "ts": "2026-01-10", "stage": "advocacy", "stage_idx": 4}])
    assert fn.funnel(con, model=m)["customers"].tolist() == [3, 3, 3, 2, 1]
    # b's last event is now at advocacy, the final stage: nobody dropped after research any more
    assert fn.dropped_after(con, model=m, stage="research").empty
    # filters are part of the key: the unfiltered result is not reused for a filtered call
    assert fn.funnel(con, model=m, filters=Filters(stages=("awareness",)))["customers"].tolist() == [2, 0, 0, 0, 0]
    assert fn.funnel(con, model=m)["customers"].tolist() == [3, 3, 3, 2, 1]


def test_a_decision_at_the_stage_is_not_stuck(journeys):
    # as_of = latest timestamp = 2025-06-01; threshold 30 days for every stage.
    # p: pre-purchase, then "No way" (an outcome of pre-purchase) -> decided, not stuck (idle 147 days)
    # q: pre-purchase only, idle 151 days -> stuck
    # r: client experience on 2025-06-01 -> idle 0 days, not stuck
    con, m = journeys({
        "p": [("Pre-purchase", "2025-01-01"), ("Pre-purchase", "2025-01-05", {"outcome": "No way"})],
        "q": [("Pre-purchase", "2025-01-01")],
        "r": [("Pre-purchase", "2025-05-01"), ("Client experience", "2025-06-01")],
    }, model="hinge-b2b-4")
    got = fn.stuck(con, model=m, days=30)
    assert got["customer_id"].tolist() == ["q"]
    assert got["days_idle"].tolist() == [151.0]  # 2025-01-01 -> 2025-06-01


def test_per_customer_reach_kept_in_the_workspace(ws, tmp_path):
    """An import writes each customer's furthest stage and stage set into ``customer_reach`` (cjm.analyses.relations.
    kept_customer_reach); the unfiltered funnel reads it while the data is the same, and any later write
    (a stage model applied outside a transaction, a direct delete) makes it compute them again."""
    from cjm.core.stage_model import custom, preset
    from cjm.ingest import import_file
    from cjm.store import apply_stage_model

    csv = (b"Customer,Stage,Date\n"
           b"a,Awareness,2026-01-01\na,Purchase,2026-01-05\n"
           b"b,Awareness,2026-01-02\nb,Research,2026-01-03\n"
           b"c,Research,2026-01-04\n")
    import_file(ws, csv, file_name="skip.csv", model=preset("five-stage"))
    con = ws.cursor()
    # a: stages {0, 2}, furthest 2 -> mask 0b101 = 5; b: {0, 1} -> 3, furthest 1; c: {1} -> 2, furthest 1
    kept = con.execute("SELECT c.customer_id, r.furthest, r.mask FROM customer_reach r JOIN customers c USING (ckey) "
                       "ORDER BY 1").fetchall()
    assert kept == [("a", 2, 5), ("b", 1, 3), ("c", 1, 2)]
    stamp = con.execute("SELECT value FROM meta WHERE key = 'kept:customer_reach'").fetchone()[0]
    m = preset("five-stage")
    assert fn.funnel(con, model=m)["customers"].tolist() == [3, 3, 1, 0, 0]
    assert fn.funnel(con, model=m, mode="visited")["customers"].tolist() == [2, 2, 1, 0, 0]
    # read, not written again
    assert con.execute("SELECT value FROM meta WHERE key = 'kept:customer_reach'").fetchone()[0] == stamp
    # the same stages in reverse order, applied on a cursor outside a transaction: as many events in the model as
    # before, but other indexes. purchase=0, research=1, awareness=2: a {2, 0} -> 2, b {2, 1} -> 2, c {1} -> 1
    rev = custom(["Purchase", "Research", "Awareness"])
    apply_stage_model(con, rev)
    assert fn.funnel(con, model=rev)["customers"].tolist() == [3, 3, 2]
    # a direct delete of a's events: b -> 2, c -> 1
    con.execute("DELETE FROM events WHERE customer_id = 'a'")
    assert fn.funnel(con, model=rev)["customers"].tolist() == [2, 2, 1]
    assert con.execute("SELECT count(*) FROM customer_reach").fetchone()[0] == 2


def _wilson_ref(k: int, n: int) -> tuple[float, float]:
    """Wilson 95% interval written out from the textbook formula (independent of the module's arrays)."""
    import math

    z = 1.959963984540054
    p = k / n
    c = (p + z * z / (2 * n)) / (1 + z * z / n)
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return c - h, c + h


def test_compare_periods_conversion_with_intervals_and_difference(build):
    # January: 4 customers start, 3 reach research; February: 5 start, 1 reaches research
    log = {f"j{i}": [("awareness", "2026-01-05")] + ([("research", "2026-01-09")] if i < 3 else []) for i in range(4)}
    log |= {f"f{i}": [("awareness", "2026-02-05")] + ([("research", "2026-02-09")] if i < 1 else []) for i in range(5)}
    con, m = build(log)
    df = fn.compare_periods(con, model=m, a=(dt.date(2026, 1, 1), dt.date(2026, 1, 31)),
                            b=(dt.date(2026, 2, 1), dt.date(2026, 2, 28)))
    r = df.set_index("stage").loc["research"]
    assert (r["from_first_a"], r["from_first_b"]) == (0.75, 0.2)
    assert (r["ci_low_a"], r["ci_high_a"]) == pytest.approx(_wilson_ref(3, 4))
    assert (r["ci_low_b"], r["ci_high_b"]) == pytest.approx(_wilson_ref(1, 5))
    assert r["diff"] == pytest.approx(0.2 - 0.75)
    (la, ua), (lb, ub) = _wilson_ref(3, 4), _wilson_ref(1, 5)
    # Newcombe: b − a, lower = d − sqrt((pb − lb)² + (ua − pa)²), upper = d + sqrt((ub − pb)² + (pa − la)²)
    assert r["diff_low"] == pytest.approx(-0.55 - ((0.2 - lb) ** 2 + (ua - 0.75) ** 2) ** 0.5)
    assert r["diff_high"] == pytest.approx(-0.55 + ((ub - 0.2) ** 2 + (0.75 - la) ** 2) ** 0.5)
    assert r["diff_low"] < 0 < r["diff_high"]  # 4 and 5 customers: the difference is not sure


def test_breakdown_conversion_with_intervals_against_the_largest_group(build):
    log = {f"s{i}": [("awareness", "2026-01-01", {"segment": "SMB"})]
           + ([("research", "2026-01-02", {"segment": "SMB"})] if i < 2 else []) for i in range(6)}
    log |= {f"e{i}": [("awareness", "2026-01-01", {"segment": "Ent"}), ("research", "2026-01-02", {"segment": "Ent"})]
            for i in range(3)}
    con, m = build(log)
    df = fn.breakdown(con, model=m, by="segment")
    r = df[(df["stage"] == "research")].set_index("group")
    assert set(df["reference"]) == {"SMB"}  # 6 customers at the first stage, the most
    assert (r.loc["SMB", "conversion_from_first"], r.loc["Ent", "conversion_from_first"]) == (pytest.approx(2 / 6), 1.0)
    assert (r.loc["Ent", "ci_low"], r.loc["Ent", "ci_high"]) == pytest.approx(_wilson_ref(3, 3))
    assert r.loc["Ent", "diff"] == pytest.approx(1 - 2 / 6) and r.loc["SMB", "diff"] == 0
