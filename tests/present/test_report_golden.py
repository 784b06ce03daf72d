"""The report JSON contract (docs/report-json.md) pinned on the three shipped samples.

``report --json`` of each sample must equal the JSON kept in ``tests/golden/`` (numbers to 1e-12 relative: sums
over many doubles may differ in the last digit between runs, as DuckDB adds them up in parallel). A change of
meaning is a new ``format_version`` and new golden files: ``CJM_UPDATE_GOLDEN=1 python -m pytest
tests/test_report_golden.py`` rewrites them — then read the diff before committing it.
"""

from __future__ import annotations

import json
import math
import os
import pathlib
import re

import pytest

from cjm.ingest.samples import SAMPLES, load_all
from cjm.present.report import FORMAT_VERSION, build
from cjm.store import open_workspace

GOLDEN = pathlib.Path(__file__).resolve().parent / "golden"
DOC = pathlib.Path(__file__).resolve().parents[2] / "docs" / "report-json.md"

pytestmark = pytest.mark.slow  # imports the samples (about a second each)


def _differences(a, b, path="$"):
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            yield f"{path}: keys differ {sorted(a.keys() ^ b.keys())}"
        for k in sorted(a.keys() & b.keys()):
            yield from _differences(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            yield f"{path}: {len(a)} rows != {len(b)} rows"
        for i, (x, y) in enumerate(zip(a, b)):
            yield from _differences(x, y, f"{path}[{i}]")
    elif isinstance(a, float) and isinstance(b, float):
        if not math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12):
            yield f"{path}: {a} != {b}"
    elif a != b or type(a) is not type(b):
        yield f"{path}: {a!r} != {b!r}"


def test_differences_catches_a_changed_number_and_a_missing_key():
    assert list(_differences({"a": [1.0, 2]}, {"a": [1.0 + 1e-15, 2]})) == []
    assert list(_differences({"a": [1.0, 2]}, {"a": [1.001, 2]})) == ["$.a[0]: 1.0 != 1.001"]
    assert list(_differences({"a": 1}, {"a": 1, "b": 2})) == ["$: keys differ ['b']"]
    assert list(_differences({"a": 1}, {"a": 1.0})) == ["$.a: 1 != 1.0"]


@pytest.mark.parametrize("key", [s["key"] for s in SAMPLES])
def test_report_json_of_each_sample_is_the_pinned_one(key):
    ws = open_workspace(":memory:")
    load_all(ws, keys=[key])
    got = json.loads(json.dumps(build(ws.cursor(), model=ws.stage_model()), ensure_ascii=False, allow_nan=False))
    path = GOLDEN / f"report_{key}.json"
    if os.environ.get("CJM_UPDATE_GOLDEN"):
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    want = json.loads(path.read_text(encoding="utf-8"))
    assert got["format_version"] == FORMAT_VERSION
    assert list(_differences(got, want))[:20] == []


def test_the_documented_keys_are_the_report_keys():
    """Every top-level key of the report is a row of the table in docs/report-json.md, and the other way round."""
    documented = set()
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("| `"):
            documented |= set(re.findall(r"`(\w+)`", line.split("|")[1]))
    want = json.loads((GOLDEN / "report_hinge.json").read_text(encoding="utf-8"))
    assert documented == set(want)
