"""Public event logs as an analyst imports them (excerpts in tests/fixtures/, provenance in its README): XES /
pm4py / Disco / Celonis column names with no mapping given, lifecycle events, case attributes read once per
customer, equal timestamps ordered by stage. The expected numbers come from the raw excerpt, read here with pandas
independently of the import."""

from __future__ import annotations

import gzip
from pathlib import Path

import pandas as pd
import pytest

from cjm.analyses.funnel import backwards, funnel
from cjm.analyses.what_if.estimate import baseline
from cjm.core.stage_model import custom
from cjm.ingest import import_file
from cjm.ingest.mapping import guess_mapping, resolve_mapping
from cjm.store.order import set_stage_model

pytestmark = pytest.mark.slow  # the BPIC 2012 and helpdesk excerpts imported whole

FIXTURES = Path(__file__).parent.parent / "fixtures"
A8 = ["A_SUBMITTED", "A_PARTLYSUBMITTED", "A_PREACCEPTED", "A_ACCEPTED", "A_FINALIZED", "A_APPROVED",
      "A_REGISTERED", "A_ACTIVATED"]


def _bytes(name: str) -> bytes:
    return gzip.decompress((FIXTURES / name).read_bytes())


@pytest.fixture(scope="module")
def bpic_raw() -> pd.DataFrame:
    return pd.read_csv(FIXTURES / "bpic2012_excerpt.csv.gz", dtype=str, keep_default_na=False)


def _a8_complete(raw: pd.DataFrame) -> pd.DataFrame:
    """The complete events at the 8 A_* states, with their stage index, time (UTC) and file row."""
    a = raw.assign(row=range(len(raw)))
    a = a[(a["lifecycle:transition"] == "COMPLETE") & a["concept:name"].isin(A8)].copy()
    a["i"] = a["concept:name"].map({s: i for i, s in enumerate(A8)})
    a["t"] = pd.to_datetime(a["time:timestamp"], utc=True, format="ISO8601")
    return a


def _bpic(ws, **options):
    report = import_file(ws, _bytes("bpic2012_excerpt.csv.gz"), file_name="bpic2012_excerpt.csv", **options)
    model = custom(A8).with_won("A_ACTIVATED")
    set_stage_model(ws, model)
    return report, model


def test_bpic_columns_are_mapped_with_no_map(ws, bpic_raw):
    report, _ = _bpic(ws)
    assert {h: f for h, f in report.mapping.items() if f} == {
        "case:concept:name": "customer_id", "case:AMOUNT_REQ": "value", "org:resource": "role",
        "concept:name": "stage", "time:timestamp": "timestamp"}
    assert report.mapping["case:REG_DATE"] is None  # the date is the event's time, not the case's registration
    complete = int((bpic_raw["lifecycle:transition"] == "COMPLETE").sum())
    assert (report.rows_read, report.rows_loaded, report.rows_skipped, report.rows_rejected) == (
        len(bpic_raw), complete, len(bpic_raw) - complete, 0)
    assert any("left out" in w and "lifecycle:transition" in w for w in report.warnings)
    assert any('Values ("case:AMOUNT_REQ")' in w and "taken once" in w for w in report.warnings)


def test_bpic_funnel_matches_the_raw_excerpt(ws, bpic_raw):
    _, model = _bpic(ws)
    a = _a8_complete(bpic_raw)
    furthest = a.groupby("case:concept:name")["i"].max()
    expected = [int((furthest >= k).sum()) for k in range(len(A8))]
    got = funnel(ws.cursor(), model=model)["customers"].tolist()
    assert got == expected
    assert expected[0] == bpic_raw["case:concept:name"].nunique() and expected[-1] > 0


def test_bpic_what_if_won_and_value_per_won_match_the_raw_excerpt(ws, bpic_raw):
    _, model = _bpic(ws)
    a = _a8_complete(bpic_raw)
    won_cases = set(a.loc[a["concept:name"] == "A_ACTIVATED", "case:concept:name"])
    amount = bpic_raw.groupby("case:concept:name")["case:AMOUNT_REQ"].first().astype(float)  # once per case
    b = baseline(ws.cursor(), model=model, n_boot=10)  # no won_stage: the model's (A_ACTIVATED)
    assert b.won_stage == "a-activated" and not b.won_assumed
    assert b.reached[b.won_idx] == len(won_cases)
    assert b.value_customers == len(won_cases)
    assert b.value_per_won == pytest.approx(amount[sorted(won_cases)].mean())
    # summed over each case's ~20 events it would be many times larger
    assert b.value_per_won < 2 * amount.max()


def test_bpic_backward_moves_are_ties_ordered_by_stage(ws, bpic_raw):
    a = _a8_complete(bpic_raw).sort_values(["case:concept:name", "t", "row"], kind="stable")
    prev_i = a.groupby("case:concept:name")["i"].shift()
    prev_t = a.groupby("case:concept:name")["t"].shift()
    back = a["i"] < prev_i
    file_order_moves = int(back.sum())
    assert file_order_moves > 0 and int((back & (a["t"] == prev_t)).sum()) == file_order_moves  # all at equal times
    report, model = _bpic(ws)  # default: ties in stage order
    assert len(backwards(ws.cursor(), model=model)) == 0


def test_bpic_ties_in_file_order_keep_the_moves_and_the_report_says_so(ws, bpic_raw):
    a = _a8_complete(bpic_raw).sort_values(["case:concept:name", "t", "row"], kind="stable")
    back = a["i"] < a.groupby("case:concept:name")["i"].shift()
    import_file(ws, _bytes("bpic2012_excerpt.csv.gz"), file_name="b.csv", ties="file",
                model=custom(A8).with_won("A_ACTIVATED"))
    model = ws.stage_model()
    assert len(backwards(ws.cursor(), model=model)) == int(back.sum())
    # the same file again with ties in stage order: the report counts the moves that ordering removes
    again = import_file(ws, _bytes("bpic2012_excerpt.csv.gz"), file_name="b.csv", replace=True, ties="stage")
    assert again.options["tie_backward_moves"] == int(back.sum())
    assert any("not counted as backward moves" in w for w in again.warnings)
    assert len(backwards(ws.cursor(), model=model)) == 0


def test_start_events_on_request(ws, bpic_raw):
    report = import_file(ws, _bytes("bpic2012_excerpt.csv.gz"), file_name="b.csv", lifecycle="start")
    assert report.rows_loaded == int((bpic_raw["lifecycle:transition"] == "START").sum())
    assert report.rows_loaded + report.rows_skipped == report.rows_read


@pytest.mark.parametrize(("headers", "expected"), [
    (["Case ID", "Activity", "Resource", "Start Timestamp", "Complete Timestamp"],  # Disco
     {"Case ID": "customer_id", "Activity": "stage", "Resource": "role", "Complete Timestamp": "timestamp"}),
    (["_CASE_KEY", "ACTIVITY_EN", "EVENTTIME", "_SORTING"],  # Celonis
     {"_CASE_KEY": "customer_id", "ACTIVITY_EN": "stage", "EVENTTIME": "timestamp"}),
    (["case:channel", "case:concept:name", "case:deadline", "concept:name", "org:group", "org:resource",
      "time:timestamp"],  # receipt (pm4py)
     {"case:channel": "channel", "case:concept:name": "customer_id", "concept:name": "stage",
      "org:resource": "role", "time:timestamp": "timestamp"}),
])
def test_event_log_names(headers, expected):
    assert {h: f for h, f in guess_mapping(headers).items() if f} == expected


def test_activity_is_still_a_touchpoint_in_a_crm_export():
    assert guess_mapping(["Customer ID", "Stage", "Activity"])["Activity"] == "touchpoint"


def test_a_column_named_customer_moves_aside_for_the_users_choice():
    headers = ["Kod", "customer", "Stage"]
    guess = guess_mapping(headers)
    assert guess["customer"] == "customer_id"
    # the page sends every column: the guess unchanged for "customer", the user's own choice for "Kod"
    sent = {**guess, "Kod": "customer_id"}
    assert resolve_mapping(headers, sent) == {"Kod": "customer_id", "customer": None, "Stage": "stage"}


def test_helpdesk_case_column_wins_over_customer():
    headers = ["case:concept:name", "concept:name", "org:resource", "time:timestamp", "customer", "product"]
    m = guess_mapping(headers)
    assert (m["case:concept:name"], m["customer"], m["concept:name"]) == ("customer_id", None, "stage")


def test_missing_column_message_names_no_command_line():
    from cjm.errors import MappingError

    with pytest.raises(MappingError) as err:
        resolve_mapping(["Kod", "Aşama"])
    assert "CLI" not in str(err.value) and "command line" not in str(err.value)
    assert "mapping table" in str(err.value)


@pytest.fixture(scope="module")
def helpdesk_raw() -> pd.DataFrame:
    return pd.read_csv(FIXTURES / "helpdesk_excerpt.csv.gz", dtype=str, keep_default_na=False)


def test_helpdesk_closed_tickets_are_not_stuck(ws, helpdesk_raw):
    from cjm.analyses.funnel import stuck
    from cjm.analyses.workspace_info import stage_preview, suggest_model
    from cjm.core.stage_edit import model_from_values

    report = import_file(ws, _bytes("helpdesk_excerpt.csv.gz"), file_name="helpdesk_excerpt.csv")
    assert report.mapping["case:concept:name"] == "customer_id" and report.mapping["customer"] is None
    raw = helpdesk_raw.assign(row=range(len(helpdesk_raw)),
                              t=pd.to_datetime(helpdesk_raw["time:timestamp"], utc=True, format="ISO8601"))
    last = raw.sort_values(["t", "row"], kind="stable").groupby("case:concept:name")["concept:name"].last()
    closed = set(last[last == "Closed"].index)
    assert len(closed) > 0.9 * len(last)
    preview = stage_preview(ws.cursor()).set_index("value")
    assert preview.loc["Closed", "final"] and not preview.loc["Take in charge ticket", "final"]
    assert preview.loc["Closed", "customers"] == raw.loc[raw["concept:name"] == "Closed", "case:concept:name"].nunique()
    # the suggestion marks Closed final: no closed ticket is stuck
    model = suggest_model(ws.cursor())
    assert model.stages[model.index("Closed")].final
    set_stage_model(ws, model)
    assert not set(stuck(ws.cursor(), model=model)["customer_id"]) & closed
    # before: only the last value in typical order was final, and the closed tickets were "stuck"
    old = model_from_values(list(preview.index))
    set_stage_model(ws, old)
    assert set(stuck(ws.cursor(), model=old)["customer_id"]) & closed


def test_lifecycle_choices_and_errors(ws):
    from cjm.errors import CJMError, InputError

    log = (b"case:concept:name,concept:name,lifecycle:transition,time:timestamp\n"
           b"1,A,start,2026-01-01T10:00:00\n1,A,complete,2026-01-01T11:00:00\n1,B,,2026-01-02T10:00:00\n")
    rep = import_file(ws, log, file_name="a.csv")  # complete events and rows with no lifecycle value
    assert (rep.rows_loaded, rep.rows_skipped, rep.rows_rejected) == (2, 1, 0)
    rep = import_file(ws, log, file_name="a.csv", replace=True, lifecycle="all")
    assert (rep.rows_loaded, rep.rows_skipped) == (3, 0)
    only_start = b"case:concept:name,concept:name,lifecycle:transition\n1,A,start\n"
    with pytest.raises(InputError, match='no "complete" events'):
        import_file(ws, only_start, file_name="s.csv")
    with pytest.raises(CJMError, match="lifecycle must be one of"):
        import_file(ws, log, file_name="b.csv", lifecycle="begin")
    # mapped to a field by the user, the column is data, not a filter
    rep = import_file(ws, log, file_name="a.csv", replace=True, mapping={"lifecycle:transition": "touchpoint"})
    assert (rep.rows_loaded, rep.rows_skipped) == (3, 0)
