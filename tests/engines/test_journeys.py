"""Events in place with the expected numbers worked out by hand (independent of the workspace), on DuckDB; the same
journeys on Spark in ``test_spark.py``'s session when it runs (:func:`check_journeys` is shared).

The journeys (five-stage model, one Parquet file, rows in this file order)::

    a: awareness 01-01 (web, emotion -1) -> research 01-03 (phone, +1) -> purchase 01-07 (email, -2, nps 10)
    b: awareness 01-02 (web, -2) -> purchase 01-02 (email, nps 3; same time, written first in the file)
       -> awareness 01-10 (web)                                   a backward move after the tie is ordered by stage
    c: research 01-05 (phone, nps 8) -> "webinar" 01-06 (not in the model: skipped)
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from cjm.core.stage_model import preset
from cjm.engines import open_events
from cjm.engines import portable as P

MODEL = preset("five-stage")
ROWS = [  # customer, date, stage, channel, emotion, nps  (file order)
    ("a", "2026-01-01", "awareness", "web", -1.0, None),
    ("b", "2026-01-02", "purchase", "email", None, 3),
    ("b", "2026-01-02", "awareness", "web", -2.0, None),
    ("a", "2026-01-03", "research", "phone", 1.0, None),
    ("c", "2026-01-05", "research", "phone", None, 8),
    ("c", "2026-01-06", "webinar", None, None, None),
    ("a", "2026-01-07", "purchase", "email", -2.0, 10),
    ("b", "2026-01-10", "awareness", "web", None, None),
]


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    path = tmp_path_factory.mktemp("lake") / "events.parquet"
    con = duckdb.connect()
    con.execute("CREATE TABLE ev (customer VARCHAR, date TIMESTAMP, stage VARCHAR, channel VARCHAR, emotion DOUBLE, "
                "nps INTEGER)")
    con.executemany("INSERT INTO ev VALUES (?, ?, ?, ?, ?, ?)", ROWS)
    con.table("ev").write_parquet(str(path))
    return str(path)


def check_journeys(src) -> None:
    """The hand-worked numbers of the module docstring, on *src*."""
    f = P.funnel(src, model=MODEL)
    # furthest: a purchase, b purchase, c research -> awareness 3, research 3, purchase 2
    assert f["customers"].tolist() == [3, 3, 2, 0, 0] and f["dropped"].tolist() == [0, 1, 2, 0, 0]
    assert P.funnel(src, model=MODEL, mode="visited")["customers"].tolist() == [2, 2, 2, 0, 0]
    # window 1 day: a arrives research 01-03 (2 days after 01-01): out at research; b skipped research (0 days)
    # and reached purchase at once: in; c (research first) arrives at awareness and research together: in
    assert P.funnel(src, model=MODEL, window_days=1)["customers"].tolist() == [3, 2, 1, 0, 0]
    t = P.transitions(src, model=MODEL)
    pairs = {(s, g): (n, d) for s, g, n, d in t[["source", "target", "count", "median_days"]].itertuples(index=False)}
    # b's tie at 01-02 goes in stage order: awareness then purchase, then purchase -> awareness (back) after 8 days
    assert pairs[("awareness", "purchase")] == (1, 0.0)  # b, at the same moment
    assert pairs[("purchase", "awareness")] == (1, 8.0)
    assert pairs[("awareness", "research")] == (1, 2.0) and pairs[("research", "purchase")] == (1, 4.0)
    assert pairs[("__start__", "awareness")][0] == 2 and pairs[("__start__", "research")][0] == 1
    assert pairs[("research", "__end__")][0] == 1 and pairs[("awareness", "__end__")][0] == 1
    b = P.backwards(src, model=MODEL)
    assert b[["customer_id", "from_stage", "to_stage"]].values.tolist() == [["b", "purchase", "awareness"]]
    tis = P.time_in_stage(src, model=MODEL).set_index("stage")
    # awareness: a 2 days, b 0 days -> median 1; research: a 4 days (c's only event there is its last)
    assert tis.loc["awareness", "n"] == 2 and tis.loc["awareness", "median_days"] == 1.0
    assert tis.loc["research", "n"] == 1 and tis.loc["research", "median_days"] == 4.0
    # b's purchase lasted 8 days
    assert tis.loc["purchase", "n"] == 1 and tis.loc["purchase", "median_days"] == 8.0
    n = P.nps(src, model=MODEL)  # answers 3 (detractor), 8 (passive), 10 (promoter): NPS 0
    assert n[["n", "promoters", "passives", "detractors"]].values.tolist() == [[3, 1, 1, 1]]
    assert n["nps"].iloc[0] == 0.0
    c = P.curve(src, model=MODEL).set_index("stage")
    assert c.loc["awareness", "mean"] == -1.5 and c.loc["awareness", "n"] == 2
    m = P.matrix(src, model=MODEL)
    assert m[["stage", "channel", "events", "customers"]].values.tolist() == [
        ["awareness", "web", 3, 2], ["research", "phone", 2, 2], ["purchase", "email", 2, 2]]
    # stuck as of 01-20 with 5 idle days: a (purchase, 13 days), c (research, 15 days); b's last event is awareness
    # (10 days): stuck too; nobody is at a final stage
    s = P.stuck(src, model=MODEL, days=5, as_of=dt.date(2026, 1, 20))
    assert s[["customer_id", "stage", "days_idle"]].values.tolist() == [
        ["c", "research", 15.0], ["a", "purchase", 13.0], ["b", "awareness", 10.0]]


def test_journeys_on_duckdb(lake):
    src = open_events(lake, model=MODEL, mapping={"customer": "customer_id"})
    try:
        assert src.mapping["date"] == "timestamp"
        check_journeys(src)
    finally:
        src.close()


@pytest.mark.slow
@pytest.mark.spark
def test_journeys_on_spark(lake, spark):
    src = open_events(lake, model=MODEL, mapping={"customer": "customer_id"}, engine="spark", spark_session=spark)
    try:
        check_journeys(src)
    finally:
        src.close()
