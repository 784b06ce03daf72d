"""Events in place on DuckDB: every analysis equal to the workspace's fast path on the samples and the BPIC 2012 excerpt
(the committed Parquet fixtures of ``tests/fixtures/parquet``), with and without filters."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from cjm.core.filters import Filters
from cjm.core.stage_model import preset
from cjm.engines import open_events
from cjm.errors import CJMError
from tests.engines.checks import ANALYSES, check_all, expected_all
from tests.engines.fixtures import COLUMNS, FIXTURES, MAPPING, bpic_model, fixture_path, log_workspace, sample_workspace

SAMPLES = ["hinge", "coleman", "romanian"]


def _fixture_is_current(ws, path) -> None:
    """The committed Parquet holds what the import makes of the sample today (else: regenerate the fixtures)."""
    cols = ", ".join(f'"{lake}"' for lake in COLUMNS)
    glob = f"{path}/*.parquet" if path.is_dir() else str(path)
    lake = duckdb.execute(f"SELECT {cols} FROM read_parquet(?)", [glob]).fetchall()
    ws_rows = ws.cursor().execute(f"SELECT {', '.join(COLUMNS.values())} FROM events ORDER BY seq").fetchall()
    assert lake == ws_rows, "tests/fixtures/parquet is out of date: run .venv/bin/python -m tests.engines.fixtures"


@pytest.mark.parametrize("key", SAMPLES)
def test_samples_in_place_equal_the_workspace(key):
    ws, model = sample_workspace(key)
    path = fixture_path(key)
    _fixture_is_current(ws, path)
    src = open_events(str(path), model=model, mapping=MAPPING)
    try:
        assert check_all(src, model, expected_all(ws.cursor(), model), label=f"{key}: ") == list(ANALYSES)
    finally:
        src.close()


def test_filters_in_place_equal_the_workspace():
    ws, model = sample_workspace("hinge")
    con = ws.cursor()
    segment = con.execute("SELECT segment FROM events WHERE segment IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC "
                          "LIMIT 1").fetchall()[0][0]
    src = open_events(str(fixture_path("hinge")), model=model, mapping=MAPPING)
    try:
        for f in (Filters(segment=(segment,)), Filters(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31)),
                  Filters(stages=tuple(model.keys[:2]))):
            check_all(src, model, expected_all(con, model, f), filters=f, label=f"{f}: ")
    finally:
        src.close()


def test_bpic_excerpt_in_place_equals_the_workspace():
    model = bpic_model()
    ws = log_workspace(FIXTURES / "bpic2012_excerpt.csv.gz", model)
    path = fixture_path("bpic2012_excerpt")
    _fixture_is_current(ws, path)
    src = open_events(str(path), model=model, mapping=MAPPING)
    try:
        check_all(src, model, expected_all(ws.cursor(), model), label="bpic excerpt: ")
    finally:
        src.close()


def test_csv_in_place_reads_like_parquet(tmp_path):
    """The same events as CSV: the same numbers (text cast to timestamps and numbers)."""
    ws, model = sample_workspace("romanian")
    out = tmp_path / "ev.csv"
    duckdb.read_parquet(str(fixture_path("romanian"))).write_csv(str(out), header=True)
    src = open_events(str(out), model=model, mapping=MAPPING)
    try:
        assert src.kind == "csv"
        check_all(src, model, expected_all(ws.cursor(), model), label="csv: ")
    finally:
        src.close()


def test_user_errors_are_keyed(tmp_path):
    with pytest.raises(CJMError) as e:
        open_events(str(tmp_path / "nothing-*.parquet"), model=preset("five-stage"))
    assert e.value.key == "engines.no_files" and "nothing-*.parquet" in str(e.value)
    with pytest.raises(CJMError) as e:
        open_events(str(fixture_path("romanian")), model=preset("five-stage"), mapping={"Nope": "customer_id"})
    assert 'no column "Nope"' in str(e.value)
    with pytest.raises(CJMError) as e:
        open_events(str(fixture_path("romanian")), model=preset("five-stage"), engine="flink")
    assert e.value.key == "engines.unknown_engine"


def test_the_checker_sees_a_difference():
    """The equality checks above can fail: one customer more, or a median off by a second, is caught."""
    from tests.engines.checks import same

    ws, model = sample_workspace("romanian")
    src = open_events(str(fixture_path("romanian")), model=model, mapping=MAPPING)
    try:
        fast, portable, cols = ANALYSES["transitions"]
        expected, got = fast(ws.cursor(), model=model), portable(src, model=model)
        same(expected, got, cols, "as is")
        for col, delta in (("count", 1), ("median_days", 1 / 86400)):
            bad = got.copy()
            bad.loc[1, col] += delta
            with pytest.raises(AssertionError, match=col):
                same(expected, bad, cols, "changed")
    finally:
        src.close()
