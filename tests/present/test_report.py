"""The report: JSON-safe dict, the Excel workbook, and ``python -m cjm report`` end to end."""

from __future__ import annotations

import datetime as dt
import json
import math
import pathlib
import subprocess
import sys

import openpyxl
import pytest

from cjm.core.filters import Filters
from cjm.core.stage_model import preset
from cjm.errors import CJMError
from cjm.present.report import build, write_xlsx
from cjm.store import close_workspace, insert_events, open_workspace

ROOT = pathlib.Path(__file__).resolve().parents[2]

LOG = {
    "c1": [("awareness", "2026-01-01", {"touchpoint": "ad", "channel": "email", "emotion": -2, "segment": "A",
                                        "nps": 3, "comment": "bad"}),
           ("research", "2026-01-03", {"touchpoint": "call", "channel": "telefon", "emotion": 1, "segment": "A"}),
           ("awareness", "2026-01-04", {"touchpoint": "ad", "segment": "A"})],  # a backward move
    "c2": [("awareness", "2026-01-01", {"touchpoint": "ad", "channel": "email", "emotion": 1, "segment": "B",
                                        "nps": 10, "value": 500.0})],
}


def test_build_is_json_safe_with_the_contract_keys(journeys):
    con, m = journeys(LOG)
    r = build(con, model=m)
    text = json.dumps(r, allow_nan=False)  # raises on NaN / inf; every value JSON-native
    assert json.loads(text) == r
    for key in ("funnel", "transitions", "channels", "emotion_curve", "nps", "pain_points", "stuck", "backwards"):
        assert key in r
    assert (r["customers"], r["events"]) == (2, 4)
    first = r["funnel"][0]
    assert {"stage", "customers", "conversion", "dropped"} <= set(first)
    # both reached awareness; only c1 reached research -> conversion 1/2
    assert [(f["stage"], f["customers"]) for f in r["funnel"][:2]] == [("awareness", 2), ("research", 1)]
    assert r["funnel"][1]["conversion"] == 0.5
    starts = [t for t in r["transitions"] if t["source"] == "__start__"]
    assert sum(t["count"] for t in starts) == 2  # one start per customer
    assert sum(t["count"] for t in r["transitions"] if t["target"] == "__end__") == 2
    assert {"source", "target", "count"} <= set(r["transitions"][0])
    curve = {c["stage"]: c for c in r["emotion_curve"]}
    assert {"stage", "mean", "n", "ci_low", "ci_high"} <= set(curve["awareness"])
    # awareness scores -2, +1 -> mean -0.5, n 2; purchase has none -> null, never NaN
    assert (curve["awareness"]["mean"], curve["awareness"]["n"]) == (-0.5, 2)
    assert curve["purchase"]["mean"] is None and curve["purchase"]["ci_low"] is None
    assert r["nps"]["overall"]["nps"] == 0  # one promoter (10), one detractor (3)
    assert r["pain_points"][0]["touchpoint"] == "ad" and r["pain_points_formula"].startswith("impact")
    assert [b["customer_id"] for b in r["backwards"]["moves"]] == ["c1"]
    assert r["backwards"]["moves"][0]["ts"].startswith("2026-01-04T")  # dates as ISO text
    assert {"by_stage", "customers"} <= set(r["stuck"])


def test_build_respects_filters(journeys):
    con, m = journeys(LOG)
    r = build(con, model=m, filters=Filters(segment=("B",)))
    assert r["customers"] == 1 and r["filters"]["segment"] == ["B"]
    assert r["funnel"][0]["customers"] == 1 and r["pain_points"] == []


def test_write_xlsx_one_sheet_per_table(journeys, tmp_path):
    con, m = journeys(LOG)
    path = write_xlsx(con, model=m, path=tmp_path / "report.xlsx")
    wb = openpyxl.load_workbook(path)
    for name in ("about", "funnel", "transitions", "channels", "emotion_curve", "nps", "pain_points", "stuck",
                 "backwards"):
        assert name in wb.sheetnames
    sheet = wb["funnel"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["stage_idx", "stage", "label", "customers"]
    assert sheet.cell(1, 1).font.bold and sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["C"].width > 8
    assert [sheet.cell(row, 4).value for row in (2, 3)] == [2, 1]
    assert sheet.cell(3, header.index("conversion") + 1).number_format == "0.0%"  # 0.5 shows as 50.0%
    assert wb["about"]["B4"].value == "none"  # no filters
    pains = wb["pain_points"]
    assert pains.cell(2, [c.value for c in pains[1]].index("touchpoint") + 1).value == "ad"


def test_write_xlsx_unwritable_path_is_a_user_error(journeys, tmp_path):
    con, m = journeys(LOG)
    with pytest.raises(CJMError, match="Cannot write the workbook"):
        write_xlsx(con, model=m, path=tmp_path / "missing-folder" / "r.xlsx")


# -- the CLI, in a subprocess --------------------------------------------------------------------------
def _file_workspace(path: pathlib.Path, *, with_model: bool = True, with_events: bool = True) -> None:
    ws = open_workspace(path)
    try:
        rows = [(i + 1, 1, "t.csv", i + 2, cid, dt.datetime.fromisoformat(ts), stage, x.get("touchpoint"),
                 x.get("channel"), x.get("emotion"), x.get("nps"), x.get("segment"), x.get("value"), x.get("comment"))
                for i, (cid, (stage, ts, x)) in enumerate((c, e) for c, evs in LOG.items() for e in evs)]
        if with_events:  # as an import writes them (customer keys, storage order)
            types = ["BIGINT", "INTEGER", "VARCHAR", "BIGINT", "VARCHAR", "TIMESTAMP", "VARCHAR", "VARCHAR", "VARCHAR",
                     "DOUBLE", "SMALLINT", "VARCHAR", "DOUBLE", "VARCHAR"]
            insert_events(ws.cursor(), ["seq", "import_id", "source_file", "source_row", "customer_id", "ts", "stage",
                                        "touchpoint", "channel", "emotion", "nps", "segment", "value", "comment"],
                          "SELECT " + ", ".join(f"unnest(?::{t}[])" for t in types), [list(c) for c in zip(*rows)])
        if with_model:
            ws.set_stage_model(preset("five-stage"))
    finally:
        close_workspace(ws)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cjm", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)




@pytest.mark.slow  # a subprocess
def test_cli_report_json_in_a_subprocess(tmp_path):
    path = tmp_path / "w.duckdb"
    _file_workspace(path)
    out = _cli("--workspace", str(path), "report", "--json")
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout)
    assert [(f["stage"], f["customers"]) for f in r["funnel"][:2]] == [("awareness", 2), ("research", 1)]
    assert not any(isinstance(v, float) and math.isnan(v) for f in r["funnel"] for v in f.values())


def _main(path: pathlib.Path, *args: str) -> int:
    from cjm.cli.main import main

    try:
        return main(["--workspace", str(path), "report", *args])
    finally:
        close_workspace(open_workspace(path))


def test_cli_report_summary_xlsx_and_filters(tmp_path, capsys):
    path = tmp_path / "w.duckdb"
    _file_workspace(path)
    assert _main(path, "--xlsx", str(tmp_path / "r.xlsx")) == 0
    text = capsys.readouterr().out
    assert "funnel" in text and "Awareness" in text and f"written: {tmp_path}" in text
    assert "funnel" in openpyxl.load_workbook(tmp_path / "r.xlsx").sheetnames
    assert _main(path, "--json", "--segment", "B") == 0
    assert json.loads(capsys.readouterr().out)["customers"] == 1


@pytest.mark.parametrize(("model", "events", "says"), [(False, True, "stage model"), (True, False, "no events")])
def test_cli_report_says_what_to_do(tmp_path, capsys, model, events, says):
    path = tmp_path / "w.duckdb"
    _file_workspace(path, with_model=model, with_events=events)
    assert _main(path, "--json") == 2
    out = capsys.readouterr()
    assert out.out == "" and out.err.startswith("error: ") and says in out.err
    _file_workspace(path, with_model=True, with_events=True)
    assert _main(path, "--from", "31.01.2026") == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
