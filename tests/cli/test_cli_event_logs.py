"""``python -m cjm import`` / ``stages --infer`` on the BPIC 2012 excerpt (tests/fixtures/): no --map, the 8 A_*
states kept as stages (the other values dropped, declines as an outcome), A_ACTIVATED won; ``what-if`` then uses
the model's won stage."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pandas as pd

import cjm.cli.main as cli

FIXTURES = Path(__file__).parent.parent / "fixtures"
A8 = ["A_SUBMITTED", "A_PARTLYSUBMITTED", "A_PREACCEPTED", "A_ACCEPTED", "A_FINALIZED", "A_APPROVED",
      "A_REGISTERED", "A_ACTIVATED"]


def test_bpic_infer_keep_outcome_won_then_what_if(tmp_path, capsys):
    src = tmp_path / "bpic2012_excerpt.csv"
    src.write_bytes(gzip.decompress((FIXTURES / "bpic2012_excerpt.csv.gz").read_bytes()))
    raw = pd.read_csv(src, dtype=str, keep_default_na=False)
    w = str(tmp_path / "ws.duckdb")
    assert cli.main(["import", str(src), "--workspace", w]) == 0
    out = capsys.readouterr().out
    assert "case:concept:name -> customer_id" in out and "concept:name -> stage" in out and "left out" in out
    # a preview only: nothing saved
    assert cli.main(["stages", "--infer", "--workspace", w]) == 0
    out = capsys.readouterr().out
    assert "A_SUBMITTED" in out and "W_Completeren aanvraag" in out and "--apply" in out
    assert cli.main(["stages", "--workspace", w]) == 0
    assert "no stage model chosen" in capsys.readouterr().out
    # the 8 A_* states, A_DECLINED an outcome at A_PREACCEPTED, A_ACTIVATED won
    assert cli.main(["stages", "--infer", "--keep", ",".join(A8), "--outcome", "A_DECLINED=A_PREACCEPTED",
                     "--final", "A_ACTIVATED", "--won-stage", "A_ACTIVATED", "--apply", "--workspace", w]) == 0
    assert cli.main(["stages", "--workspace", w]) == 0
    out = capsys.readouterr().out
    listed = [line.split(". ", 1)[1].split("  (")[0] for line in out.splitlines() if line.startswith("  ") and ". " in line]
    assert listed[-len(A8):] == A8 and "final, won" in out
    assert cli.main(["what-if", "--json", "--workspace", w]) == 0
    res = json.loads(capsys.readouterr().out)
    complete = raw[raw["lifecycle:transition"] == "COMPLETE"]
    won = complete.loc[complete["concept:name"] == "A_ACTIVATED", "case:concept:name"].unique()
    amount = raw.groupby("case:concept:name")["case:AMOUNT_REQ"].first().astype(float)
    assert abs(res["value_per_won"] - amount[won].mean()) < 1e-6
    # --won-stage on stages changes the model's won stage; what-if's own --won-stage still wins over it
    assert cli.main(["stages", "--won-stage", "A_APPROVED", "--workspace", w]) == 0
    assert "won stage set: A_APPROVED" in capsys.readouterr().out
    assert cli.main(["what-if", "--won-stage", "A_ACTIVATED", "--workspace", w]) == 0
    assert "won = A_ACTIVATED" in capsys.readouterr().out


def test_infer_user_errors(tmp_path, capsys):
    src = tmp_path / "a.csv"
    src.write_text("id,stage,date\n1,Lead,2026-01-02\n1,Won,2026-01-03\n")
    w = str(tmp_path / "ws.duckdb")
    assert cli.main(["import", str(src), "--workspace", w]) == 0
    capsys.readouterr()
    assert cli.main(["stages", "--infer", "--keep", "Lead,Nope", "--workspace", w]) == 2
    err = capsys.readouterr().err
    assert err.startswith('error: --keep: "Nope" is not a stage value') and err.count("\n") == 1
    assert cli.main(["stages", "--keep", "Lead", "--workspace", w]) == 2
