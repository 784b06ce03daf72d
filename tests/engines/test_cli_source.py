"""``report`` and ``what-if`` over events in place (``--events``, ``--stage-model``, ``--map``, ``--engine``), and their
user errors: one ``error:`` line, exit 2, never a traceback."""

from __future__ import annotations

import json
import math
import sys

import pandas as pd
import pytest

from cjm.cli import main as cli
from cjm.engines import inplace
from cjm.ingest.samples import sample_path
from tests.engines.checks import same
from tests.engines.fixtures import fixture_path

EVENTS = ["--events", str(fixture_path("romanian")), "--stage-model", "five-stage", "--map", "Kod=customer_id"]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A workspace file with the Romanian sample imported (what the fixture was made from)."""
    w = str(tmp_path_factory.mktemp("ws") / "ws.duckdb")
    assert cli.main(["import", str(sample_path("romanian")), "--stage-model", "five-stage", "-w", w]) == 0
    return w


def _json(capsys, argv: list[str]) -> dict:
    capsys.readouterr()
    assert cli.main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_report_in_place_equals_the_workspace_report(workspace, capsys, tmp_path):
    ws_report = _json(capsys, ["report", "-w", workspace, "--json"])
    lake = _json(capsys, ["report", "-w", str(tmp_path / "other.duckdb"), "--json", *EVENTS])
    assert lake["source"] == {"events": str(fixture_path("romanian")), "kind": "parquet", "engine": "duckdb",
                              "mapping": {"Kod": "customer_id", "Date": "timestamp", "Stage": "stage",
                                          "Touchpoint": "touchpoint", "Channel": "channel", "Emotion": "emotion",
                                          "NPS": "nps", "Outcome": "outcome", "Segment": "segment",
                                          "Persona": "persona", "Role": "role", "Amount": "value", "Cost": "cost",
                                          "Comment": "comment"}}
    for key in ("events", "customers", "stage_model", "filters", "pain_points_formula"):
        assert lake[key] == ws_report[key], key
    for key in ("funnel", "transitions", "channels", "channel_gaps", "emotion_curve", "pain_points"):
        same(pd.DataFrame(ws_report[key]), pd.DataFrame(lake[key]), list(ws_report[key][0]), key)
    for key, sub in (("nps", "by_stage"), ("stuck", "by_stage"), ("stuck", "customers"), ("backwards", "by_stage"),
                     ("backwards", "moves")):
        same(pd.DataFrame(ws_report[key][sub]), pd.DataFrame(lake[key][sub]), list(ws_report[key][sub][0]),
             f"{key}.{sub}")
    assert lake["nps"]["overall"] == pytest.approx(ws_report["nps"]["overall"])
    assert [r["customers"] for r in lake["funnel_visited"]] and lake["time_to_convert"] and lake["time_in_stage"]


def test_report_in_place_summary_and_workbook(capsys, tmp_path):
    book = tmp_path / "r.xlsx"
    capsys.readouterr()
    assert cli.main(["report", "-w", str(tmp_path / "w.duckdb"), *EVENTS, "--xlsx", str(book)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"events read in place: {fixture_path('romanian')} (parquet, duckdb engine)")
    assert "funnel (customers" in out and f"written: {book}" in out
    sheets = pd.read_excel(book, sheet_name=None, engine="openpyxl")
    assert {"funnel", "transitions", "pain_points", "stuck_customers"} <= set(sheets)


def test_what_if_in_place_equals_the_workspace(workspace, capsys, tmp_path):
    on_ws = _json(capsys, ["what-if", "-w", workspace, "--json", "--conversion", "research=+5pp"])
    lake = _json(capsys, ["what-if", "-w", str(tmp_path / "w.duckdb"), "--json", "--conversion", "research=+5pp",
                          *EVENTS])
    _close(lake, on_ws)


def _close(got, expected, where: str = "") -> None:
    """Equal, numbers to 1e-9 (the sums run in parallel, in any order)."""
    if isinstance(expected, dict):
        assert isinstance(got, dict) and got.keys() == expected.keys(), where
        for k in expected:
            _close(got[k], expected[k], f"{where}.{k}")
    elif isinstance(expected, list):
        assert isinstance(got, list) and len(got) == len(expected), where
        for i, (g, e) in enumerate(zip(got, expected)):
            _close(g, e, f"{where}[{i}]")
    elif isinstance(expected, float) and isinstance(got, float):
        assert math.isclose(got, expected, rel_tol=1e-9), f"{where}: {got} != {expected}"
    else:
        assert got == expected, f"{where}: {got!r} != {expected!r}"


def _error(capsys, argv: list[str]) -> str:
    capsys.readouterr()
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err
    return err


@pytest.mark.parametrize(("argv", "says"), [
    (["report", "--events", "nowhere/*.parquet", "--stage-model", "five-stage"], 'No Parquet or CSV files at "nowhere'),
    (["report", "--events", str(fixture_path("romanian"))], "need a stage model"),
    (["report", "--stage-model", "five-stage"], "--stage-model goes with --events"),
    (["report", "--map", "Kod=customer_id"], "--map goes with --events"),
    (["report", *EVENTS, "--master", "spark://h:7077"], "--master goes with --engine spark"),
    (["report", *EVENTS[:4], "--map", "Kod"], '--map needs HEADER=FIELD'),
    (["report", *EVENTS[:4], "--map", "Nope=customer_id"], 'There is no column "Nope"'),
    (["report", *EVENTS[:2], "--stage-model", "nope"], "nope"),
    (["what-if", *EVENTS, "--engine", "spark"], "what-if estimates its model on the DuckDB engine"),
    (["report", *EVENTS[:2], "--stages", "Lead,Won", "--map", "Kod=customer_id"], 'matches a stage of the stage model'),
])
def test_user_errors(capsys, tmp_path, argv, says):
    assert says in _error(capsys, [argv[0], "-w", str(tmp_path / "w.duckdb"), *argv[1:]])


def test_spark_without_pyspark_says_what_to_install(capsys, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyspark", None)  # import pyspark fails as when not installed
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    err = _error(capsys, ["report", "-w", str(tmp_path / "w.duckdb"), *EVENTS, "--engine", "spark"])
    assert "pip install -r requirements-spark.txt" in err and "openjdk-17-jre-headless" in err


def test_spark_without_java_says_what_to_install(capsys, tmp_path, monkeypatch):
    class NoSession:
        @staticmethod
        def getActiveSession():
            return None

    monkeypatch.setattr(inplace, "_spark_class", lambda: NoSession)
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setattr(inplace.shutil, "which", lambda name: None)
    err = _error(capsys, ["report", "-w", str(tmp_path / "w.duckdb"), *EVENTS, "--engine", "spark"])
    assert "needs Java" in err and "openjdk-17-jre-headless" in err
