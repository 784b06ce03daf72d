"""Filters through the one door (cjm.analyses.relations.filter_condition / filtered_events): period (inclusive
days), list fields, stage subset; checked on a workspace."""

from __future__ import annotations

import datetime as dt

import pytest

from cjm.analyses.relations import filter_condition, filtered_events
from cjm.core.filters import Filters
from cjm.core.stage_model import preset
from cjm.errors import CJMError

DATA = {
    "a": [("awareness", "2026-01-01 00:00", {"segment": "SMB", "channel": "email"}),
          ("research", "2026-01-31 23:59", {"segment": "SMB", "channel": "phone", "role": "user"}),
          ("purchase", "2026-02-01 00:00", {"segment": "SMB", "channel": "email", "persona": "Ana"})],
    "b": [("awareness", "2025-12-31 23:59", {"segment": "Enterprise", "channel": "web"}),
          ("Webinar", "2026-01-15", {"segment": "Enterprise"}),
          ("awareness", None, {"segment": "Enterprise", "channel": "email"})],
}


def customers_events(con, model, filters):
    sql, params = filtered_events(model=model, filters=filters, in_model=False)
    return sorted(r[0] + str(r[1]) for r in con.execute(f"SELECT customer_id, seq FROM ({sql})", params).fetchall())


def test_empty_filter_is_true():
    assert filter_condition(Filters()) == ("TRUE", [])
    assert Filters().is_empty()


def test_period_inclusive_days(journeys):
    con, m = journeys(DATA)
    # January: a's 01-01 00:00 and 01-31 23:59 (end day included whole), not 02-01 00:00 nor 12-31; b's 01-15
    f = Filters(start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 31))
    assert customers_events(con, m, f) == ["a1", "a2", "b5"]
    # events without a timestamp are outside any period
    assert "b6" not in customers_events(con, m, Filters(start=dt.date(2000, 1, 1)))
    assert customers_events(con, m, Filters(end=dt.date(2025, 12, 31))) == ["b4"]


def test_list_fields(journeys):
    con, m = journeys(DATA)
    # several values of one field: OR; several fields: AND
    assert customers_events(con, m, Filters(channel=("email", "web"))) == ["a1", "a3", "b4", "b6"]
    assert customers_events(con, m, Filters(channel=("email",), segment=("SMB",))) == ["a1", "a3"]
    assert customers_events(con, m, Filters(role=("user",))) == ["a2"]
    assert customers_events(con, m, Filters(persona=("Ana",))) == ["a3"]
    assert customers_events(con, m, Filters(segment=("nobody",))) == []


def test_values_are_parameters_not_sql(journeys):
    con, m = journeys(DATA)
    sql, params = filter_condition(Filters(segment=("x') OR TRUE --",)), m)
    assert "OR TRUE" not in sql and params == ["x') OR TRUE --"]
    assert customers_events(con, m, Filters(segment=("x') OR TRUE --",))) == []


def test_stage_subset_by_key_or_label(journeys):
    con, m = journeys(DATA)
    # awareness (idx 0) and Research (label, idx 1); the unknown "Webinar" event never matches a stage filter
    assert customers_events(con, m, Filters(stages=("awareness", "Research"))) == ["a1", "a2", "b4", "b6"]
    assert customers_events(con, m, Filters(stages=("PURCHASE",))) == ["a3"]


def test_stage_filter_errors():
    with pytest.raises(CJMError, match='Unknown stage "checkout". The stages are: Awareness, Research'):
        filter_condition(Filters(stages=("checkout",)), preset("five-stage"))
    with pytest.raises(CJMError, match="needs a stage model"):
        filter_condition(Filters(stages=("awareness",)), None)


def test_alias_prefix():
    sql, params = filter_condition(Filters(segment=("SMB",), start=dt.date(2026, 1, 1)), alias="e")
    assert sql == '("e".ts >= ?) AND ("e"."segment" IN (?))'
    assert params == [dt.date(2026, 1, 1), "SMB"]
