"""BPIC 2012 from ``../shared/realdata`` (262,200 events), imported into a workspace and written to Parquet: every
analysis equal in place on DuckDB and on Spark. Skipped when ``../shared`` is absent (the project's own tests never
need it)."""

from __future__ import annotations

import pytest

from cjm.engines import open_events
from tests.engines.checks import ANALYSES, check_all, expected_all
from tests.engines.fixtures import MAPPING, ROOT, bpic_model, export, log_workspace

BPIC = ROOT.parent / "shared" / "realdata" / "bpic2012.csv.gz"

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not BPIC.exists(), reason="../shared/realdata is not here")]


@pytest.fixture(scope="module")
def bpic(tmp_path_factory):
    """(workspace's expected results, Parquet folder, model): the full log, in two Parquet files."""
    model = bpic_model()
    ws = log_workspace(BPIC, model)
    path = export(ws, tmp_path_factory.mktemp("bpic") / "bpic2012", files=2)
    n = ws.cursor().execute("SELECT count(*) FROM events").fetchall()[0][0]
    assert n > 100_000
    return expected_all(ws.cursor(), model), path, model


def test_bpic2012_in_place_on_duckdb(bpic):
    expected, path, model = bpic
    src = open_events(str(path), model=model, mapping=MAPPING)
    try:
        assert check_all(src, model, expected, label="bpic duckdb: ") == list(ANALYSES)
    finally:
        src.close()


@pytest.mark.spark
def test_bpic2012_in_place_on_spark(bpic, spark):
    expected, path, model = bpic
    src = open_events(str(path), model=model, mapping=MAPPING, engine="spark", spark_session=spark)
    try:
        assert check_all(src, model, expected, label="bpic spark: ") == list(ANALYSES)
    finally:
        src.close()
