"""One meaning of a customer's value everywhere (cjm.store.kept.value_reading): a value repeated on a customer's
rows is an attribute taken once; values that vary between a customer's events are amounts, summed. The funnel's
per-customer values (pain points) and the what-if baseline read it alike; the import report says which."""

from __future__ import annotations

import pytest

from cjm.analyses.channels import customer_values
from cjm.analyses.what_if.estimate import baseline
from cjm.core.stage_model import preset
from cjm.ingest import import_file

# deal amount repeated on every row of the customer (a CRM export, an XES case attribute)
REPEATED = (b"Customer,Stage,Date,Amount\n"
            b"a,Awareness,2026-01-01,1000\na,Research,2026-01-05,1000\na,Purchase,2026-02-01,1000\n"
            b"b,Awareness,2026-01-02,400\nb,Purchase,2026-01-20,400\n"
            b"c,Awareness,2026-01-03,\n")
# amounts per purchase
VARYING = (b"Customer,Stage,Date,Amount\n"
           b"a,Awareness,2026-01-01,\na,Purchase,2026-01-05,100\na,Retention,2026-02-01,250\n"
           b"b,Awareness,2026-01-02,\nb,Purchase,2026-01-20,40\n")


def _values(ws):
    con = ws.cursor()
    rel, p = customer_values(con, model=preset("five-stage"))
    return dict(con.execute(f"SELECT c.customer_id, v.v FROM {rel} v JOIN customers c USING (ckey) ORDER BY 1",
                            p).fetchall())


def test_repeated_value_is_taken_once_everywhere(ws):
    report = import_file(ws, REPEATED, file_name="r.csv", model=preset("five-stage"))
    assert report.options["value_reading_used"] == "customer"
    assert any("taken once" in w for w in report.warnings)
    # a 1000 once (not 3000), b 400 once (not 800); c has none: mean of everyone with one = 700
    assert _values(ws) == {"a": 1000.0, "b": 400.0, "c": 700.0}
    b = baseline(ws.cursor(), model=preset("five-stage"), n_boot=5)  # won = purchase (the preset's)
    assert (b.won_stage, b.reached[b.won_idx], b.value_per_won) == ("purchase", 2, pytest.approx(700.0))


def test_varying_amounts_are_summed_everywhere(ws):
    report = import_file(ws, VARYING, file_name="v.csv", model=preset("five-stage"))
    assert report.options["value_reading_used"] == "event"
    assert any("summed per customer" in w for w in report.warnings)
    assert _values(ws) == {"a": 350.0, "b": 40.0}
    b = baseline(ws.cursor(), model=preset("five-stage"), n_boot=5)
    assert b.value_per_won == pytest.approx((350 + 40) / 2)


def test_the_user_can_say_how_values_are_read(ws):
    report = import_file(ws, REPEATED, file_name="r.csv", model=preset("five-stage"), value_reading="event")
    assert report.options["value_reading_used"] == "event" and any("as you chose" in w for w in report.warnings)
    assert _values(ws)["a"] == 3000.0
    b = baseline(ws.cursor(), model=preset("five-stage"), n_boot=5)
    assert b.value_per_won == pytest.approx((3000 + 800) / 2)
