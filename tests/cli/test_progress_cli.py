"""``python -m cjm kpi`` and ``python -m cjm actions``: saved as team notes, listed with status and effect."""

from __future__ import annotations

import json

import pytest

import cjm.cli.main as cli
from cjm.core.stage_model import preset
from cjm.ingest import import_file
from cjm.store import open_workspace

# awareness: a, b, c, d; research: a, b, c (3 of 4); purchase: a (1 of 3)
CSV = (b"id,stage,date,touchpoint,emotion\n"
       b"a,awareness,2026-01-01,Ad,1\n" b"a,research,2026-01-03,Pricing page,-2\n" b"a,purchase,2026-01-05,Checkout,1\n"
       b"b,awareness,2026-01-01,Ad,0\n" b"b,research,2026-01-04,Pricing page,-1\n"
       b"c,awareness,2026-01-02,Ad,1\n" b"c,research,2026-02-03,Pricing page,1\n"
       b"d,awareness,2026-01-02,Ad,2\n")


@pytest.fixture
def ws_path(tmp_path):
    path = tmp_path / "ws.duckdb"
    ws = open_workspace(str(path))
    import_file(ws, CSV, file_name="crm.csv", model=preset("five-stage"))
    ws.checkpoint()
    return str(path)


def test_kpi_set_list_remove(ws_path, capsys):
    w = ["--workspace", ws_path]
    assert cli.main(["kpi", "set", *w, "--stage", "research", "--metric", "reached", "--target", "3"]) == 0
    assert cli.main(["kpi", "set", *w, "--stage", "Purchase", "--metric", "reached", "--target", "2"]) == 0
    capsys.readouterr()
    assert cli.main(["kpi", "list", *w, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(k["kpi_id"], k["value"], k["status"]) for k in out["kpis"]] == [
        ("purchase-reached", 1.0, "missed"), ("research-reached", 3.0, "met")]
    assert out["journey_score"][-1]["score"] == 50.0  # one met, one missed
    assert cli.main(["kpi", "remove", *w, "purchase-reached"]) == 0
    assert cli.main(["kpi", "list", *w]) == 0
    text = capsys.readouterr().out
    assert "research-reached" in text and "purchase-reached: " not in text and "Journey score: 100" in text


def test_kpi_in_turkish_and_errors(ws_path, capsys, monkeypatch):
    monkeypatch.setenv("CJM_LANG", "tr")
    assert cli.main(["kpi", "set", "--workspace", ws_path, "--stage", "research", "--metric", "conversion",
                     "--target", "0.9"]) == 0
    capsys.readouterr()
    assert cli.main(["kpi", "list", "--workspace", ws_path]) == 0
    out = capsys.readouterr().out
    assert "Önceki aşamadan dönüşüm %75,0" in out and "henüz belli değil" in out  # 3/4, interval 30%..95%
    assert cli.main(["kpi", "remove", "--workspace", ws_path, "nope"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "\"nope\"" in err and "Traceback" not in err


def test_actions_set_and_list_with_effect(ws_path, capsys):
    w = ["--workspace", ws_path]
    assert cli.main(["actions", "set", *w, "--stage", "research", "--touchpoint", "Pricing page", "--title",
                     "Show prices", "--owner", "Ana", "--done", "2026-02-01"]) == 0
    assert cli.main(["actions", "set", *w, "--stage", "research", "--title", "Call back", "--due", "2026-13-01"]) == 2
    assert "--due" in capsys.readouterr().err
    assert cli.main(["actions", "list", *w, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)["actions"]
    assert [(a["action_id"], a["title"], a["done"]) for a in out] == [("a1", "Show prices", "2026-02-01")]
    emotion = out[0]["effect"]["emotion"]
    # before 1 Feb: −2, −1 (n 2); after: +1 (n 1) → too early to tell
    assert (emotion["n_before"], emotion["n_after"], emotion["verdict"]) == (2, 1, "too_early")
    assert cli.main(["actions", "list", *w]) == 0
    text = capsys.readouterr().out
    assert "a1: Show prices · Research / Pricing page · owner Ana" in text and "too early to tell (n = 1 after)" in text
