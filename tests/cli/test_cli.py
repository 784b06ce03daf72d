"""``python -m cjm``: exit codes, one-line errors without tracebacks, --json, stages, info, delegation."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import cjm.cli.main as cli

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, workspace: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CJM_WORKSPACE": str(workspace)}
    return subprocess.run([sys.executable, "-m", "cjm", *args], capture_output=True, text=True, env=env,
                          timeout=120, cwd=ROOT)


@pytest.fixture
def files(tmp_path):
    good = tmp_path / "events.csv"
    good.write_text("Müşteri No;Tarih;Aşama;Tutar\n007;01.02.2026;Farkındalık;1.200,50\n008;02.02.2026;Pricing;3\n"
                    "009;03.02.2026\n", encoding="cp1254")
    amb = tmp_path / "amb.csv"
    amb.write_text("id,stage,date\n1,awareness,03/04/2026\n")
    return good, amb


@pytest.mark.slow  # a subprocess
def test_import_json_then_stages_and_info(tmp_path, files, capsys):
    good, _ = files
    w = tmp_path / "ws.duckdb"
    out = run("import", str(good), "--stage-model", "five-stage", "--json", workspace=w)
    assert out.returncode == 0, out.stderr
    rep = json.loads(out.stdout)
    assert {"rows_read", "rows_loaded", "rows_rejected", "mapping", "warnings"} <= set(rep)
    assert (rep["rows_read"], rep["rows_loaded"], rep["rows_rejected"]) == (3, 2, 1)
    assert rep["unknown_stages"] == {"Pricing": 1}

    assert cli.main(["stages", "--workspace", str(w)]) == 0
    out = capsys.readouterr().out
    assert "stage model: five-stage" in out and "Pricing: 1" in out

    assert cli.main(["info", "--workspace", str(w)]) == 0
    out = capsys.readouterr().out
    assert f"workspace: {w.resolve()}" in out and "events: 2 (2 customers)" in out


@pytest.mark.slow  # a subprocess
def test_user_error_in_a_real_process_is_one_line_without_traceback(tmp_path, files):
    _, amb = files
    out = run("import", str(amb), workspace=tmp_path / "ws.duckdb")
    assert out.returncode == 2
    assert out.stderr.startswith('error: The dates in column "date" read both day-first and month-first')
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr


def test_user_errors_exit_2_with_one_line(tmp_path, files, capsys):
    _, amb = files
    w = str(tmp_path / "ws.duckdb")
    for args in (["import", str(tmp_path / "missing.csv")], ["import", str(amb), "--map", "nonsense"],
                 ["stages", "--set", "no-such-model"], ["import", str(amb), "--map", "date=when"]):
        assert cli.main([*args, "--workspace", w]) == 2, args
        err = capsys.readouterr().err
        assert err.startswith("error: ") and err.count("\n") == 1
    assert cli.main(["import", str(amb), "--dayfirst", "--workspace", w]) == 0
    assert "1 rows read, 1 loaded, 0 rejected" in capsys.readouterr().out


def test_map_and_custom_stages(tmp_path, capsys):
    f = tmp_path / "x.csv"
    f.write_text("Kod,Phase,Note\nA1,lead,hi\nA2,client,\n")
    w = tmp_path / "ws.duckdb"
    assert cli.main(["import", str(f), "--map", "Kod=customer_id", "--map", "Phase=stage", "--map", "Note=",
                     "--stages", "lead,client", "--json", "--workspace", str(w)]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert rep["mapping"] == {"Kod": "customer_id", "Phase": "stage", "Note": None}
    assert rep["unknown_stages"] == {}


def test_missing_delegate_module_is_a_plain_error(monkeypatch, capsys):
    monkeypatch.setitem(cli.DELEGATES, "nothing", ("cjm.no_such_module", "nothing"))
    assert cli.main(["nothing", "--x"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "not available" in err


def test_delegate_gets_parser_and_workspace(monkeypatch, capsys, tmp_path):
    import types

    calls = {}
    mod = types.ModuleType("cjm_fake_delegate")
    mod.add_arguments = lambda p: p.add_argument("--level", type=int)
    mod.run = lambda args, ws: calls.setdefault("got", (args.level, ws.path)) and 0
    monkeypatch.setitem(sys.modules, "cjm_fake_delegate", mod)
    monkeypatch.setitem(cli.DELEGATES, "fake", ("cjm_fake_delegate", "fake"))
    w = tmp_path / "d.duckdb"
    assert cli.main(["fake", "--level", "3", "--workspace", str(w)]) == 0
    assert calls["got"] == (3, str(w.resolve()))


def test_keyboard_interrupt_is_exit_130(monkeypatch, capsys):
    def boom(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "cmd_info", boom)
    assert cli.main(["info"]) == 130
    assert "Traceback" not in capsys.readouterr().err


def test_stages_infer_proposes_then_applies(tmp_path, capsys):
    data = tmp_path / "j.csv"
    data.write_text("id,stage,date\n"
                    "c1,Lead,2026-01-01\nc1,Demo,2026-01-05\nc1,Signed,2026-01-10\n"
                    "c2,Lead,2026-01-01\nc2,demo,2026-01-04\n"
                    "c3,Demo,2026-01-02\nc3,Lead,2026-01-03\n")
    w = str(tmp_path / "ws.duckdb")
    assert cli.main(["import", str(data), "--workspace", w]) == 0
    capsys.readouterr()
    # first-seen rank per customer: Lead 1,1,2 (median 1); Demo 2,2,1 (median 2); Signed 3 -> Lead, Demo, Signed
    # ("demo" counts as "Demo": same stage up to case)
    assert cli.main(["stages", "--infer", "--workspace", w]) == 0
    out = capsys.readouterr().out
    # each value with its counts and typical position; Signed ends every journey that has it: suggested final
    assert "  1. Lead\n  2. Demo\n  3. Signed  (final)\n" in out and "add --apply" in out
    assert "stage model set" not in out
    assert cli.main(["stages", "--workspace", w]) == 0
    assert "no stage model chosen" in capsys.readouterr().out  # proposing changed nothing

    assert cli.main(["stages", "--infer", "--apply", "--workspace", w]) == 0
    out = capsys.readouterr().out
    assert "stage model set: custom (from data)" in out
    # Lead: c1, c2, c3 (3 events); Demo: c1, c2 ("demo"), c3 (3 events); Signed: 1 event, the final stage
    assert "  1. Lead  (3 events)\n  2. Demo  (3 events)\n  3. Signed  (1 events, final)" in out


def test_stages_infer_user_errors(tmp_path, capsys):
    w = str(tmp_path / "ws.duckdb")
    assert cli.main(["stages", "--infer", "--workspace", w]) == 2
    assert "not enough data to propose stages" in capsys.readouterr().err
    assert cli.main(["stages", "--apply", "--workspace", w]) == 2
    assert capsys.readouterr().err.startswith("error: --apply goes with --infer")


def test_stages_rename_final_and_map_edit_the_model(tmp_path, files, capsys):
    good, _ = files  # Farkındalık (awareness) and an unknown "Pricing"
    w = str(tmp_path / "ws.duckdb")
    assert cli.main(["import", str(good), "--stage-model", "five-stage", "--workspace", w]) == 0
    capsys.readouterr()
    assert cli.main(["stages", "--rename", "awareness=Discovery", "--final", "Purchase,advocacy",
                     "--map", "pricing=Research", "--workspace", w]) == 0
    out = capsys.readouterr().out
    assert "stage model set: custom (five-stage)" in out
    # the renamed stage still matches "Farkındalık" (its aliases stay) and "Awareness"; "Pricing" is now Research
    assert ("  1. Discovery  (1 events)\n  2. Research  (1 events)\n  3. Purchase  (0 events, final, won)\n"
            "  4. Retention  (0 events)\n  5. Advocacy  (0 events, final)\n") in out
    assert "not in the model" not in out
    from cjm.store import open_workspace

    assert open_workspace(w).stage_model().match("Awareness") == (0, None)


@pytest.mark.parametrize("args, message", [
    (["--rename", "Nowhere=X"], 'Unknown stage "Nowhere"'),
    (["--rename", "awareness="], "--rename needs STAGE=NEW"),
    (["--rename", "awareness=Research"], "Two stages have the same name"),
    (["--map", "Pricing"], "--map needs VALUE=STAGE"),
])
def test_stages_edit_user_errors(tmp_path, capsys, args, message):
    w = str(tmp_path / "ws.duckdb")
    assert cli.main(["stages", "--set", "five-stage", "--workspace", w]) == 0
    capsys.readouterr()
    assert cli.main(["stages", *args, "--workspace", w]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and err.count("\n") == 1


def test_stages_edit_needs_a_model(tmp_path, capsys):
    assert cli.main(["stages", "--map", "a=b", "--workspace", str(tmp_path / "ws.duckdb")]) == 2
    assert "Choose a stage model first" in capsys.readouterr().err
