"""The same analyses on Apache Spark (``local[2]``, one session for all): every analysis equal to the workspace's fast
path on the samples and the BPIC 2012 excerpt, read in place from the committed Parquet fixtures; filters with
dates and lists as Spark parameters; the CLI with ``--engine spark``."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from cjm.cli import main as cli
from cjm.core.filters import Filters
from cjm.engines import open_events
from tests.engines.checks import ANALYSES, check_all, expected_all, same
from tests.engines.fixtures import FIXTURES, MAPPING, bpic_model, fixture_path, log_workspace, sample_workspace

pytestmark = [pytest.mark.slow, pytest.mark.spark]


@pytest.mark.parametrize("key", ["hinge", "coleman", "romanian", "bpic2012_excerpt"])
def test_spark_equals_the_workspace(spark, key):
    if key == "bpic2012_excerpt":
        model = bpic_model()
        ws = log_workspace(FIXTURES / "bpic2012_excerpt.csv.gz", model)
    else:
        ws, model = sample_workspace(key)
    src = open_events(str(fixture_path(key)), model=model, mapping=MAPPING, engine="spark", spark_session=spark)
    try:
        assert src.engine_name == "spark"
        assert check_all(src, model, expected_all(ws.cursor(), model), label=f"spark {key}: ") == list(ANALYSES)
    finally:
        src.close()


def test_spark_filters_as_parameters(spark):
    """Dates and lists reach Spark as parameters: the filtered funnel, flows and stuck customers as the workspace's."""
    ws, model = sample_workspace("romanian")
    con = ws.cursor()
    channels = [r[0] for r in con.execute("SELECT channel FROM events WHERE channel IS NOT NULL GROUP BY 1 "
                                          "ORDER BY count(*) DESC LIMIT 2").fetchall()]
    assert len(channels) == 2
    f = Filters(start=dt.date(2024, 3, 1), end=dt.date(2024, 10, 31), channel=tuple(channels))
    src = open_events(str(fixture_path("romanian")), model=model, mapping=MAPPING, engine="spark", spark_session=spark)
    try:
        for name in ("funnel", "transitions", "stuck"):
            fast, portable, columns = ANALYSES[name]
            same(fast(con, model=model, filters=f), portable(src, model=model, filters=f), columns, f"filtered {name}")
    finally:
        src.close()


def test_cli_report_on_spark_equals_duckdb(spark, capsys, tmp_path):
    """``report --json --engine spark`` gives the report of ``--engine duckdb`` over the same files (the session the
    CLI finds is the test's: local[2])."""
    args = ["report", "-w", str(tmp_path / "ws.duckdb"), "--json", "--events", str(fixture_path("romanian")),
            "--stage-model", "five-stage", "--map", "Kod=customer_id"]
    assert cli.main(args) == 0
    duck = json.loads(capsys.readouterr().out)
    assert cli.main([*args, "--engine", "spark", "--master", "local[2]"]) == 0
    on_spark = json.loads(capsys.readouterr().out)
    assert on_spark.pop("source")["engine"] == "spark" and duck.pop("source")["engine"] == "duckdb"
    assert on_spark.keys() == duck.keys()

    def tables(report: dict) -> dict:
        out = {}
        for key, value in report.items():
            for sub, v in (value.items() if isinstance(value, dict) and key != "stage_model" else [("", value)]):
                out[f"{key}.{sub}"] = [v] if isinstance(v, dict) else v
        return out

    d, s = tables(duck), tables(on_spark)
    assert d.keys() == s.keys()
    for key, value in d.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            same(pd.DataFrame(value), pd.DataFrame(s[key]), list(value[0]), f"report {key}")
        else:
            assert s[key] == value, key
    assert len(d["funnel."]) == 5 and d["pain_points."]
