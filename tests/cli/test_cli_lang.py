"""``python -m cjm`` in the user's language: ``--lang en|tr|ro`` > ``$CJM_LANG`` > English, for every command."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

import cjm.cli.main as cli
from cjm.cli.options import language, language_of_argv

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("Customer ID;Stage;Date\nc1;awareness;2026-01-05\nc2;research;2026-02-10\nc3;Pricing;2026-02-11\n",
                    encoding="utf-8")
    return path


def test_language_precedence(monkeypatch):
    monkeypatch.delenv("CJM_LANG", raising=False)
    assert language(argparse.Namespace()) == "en" and language(None) == "en"
    monkeypatch.setenv("CJM_LANG", "tr_TR.UTF-8")
    assert language(argparse.Namespace()) == "tr"
    assert language(argparse.Namespace(lang="ro")) == "ro"
    monkeypatch.setenv("CJM_LANG", "de")  # not an interface language: English
    assert language(argparse.Namespace(lang=None)) == "en"
    assert language_of_argv(["--lang", "ro", "import", "x.csv"]) == "ro"
    assert language_of_argv(["import", "x.csv", "--lang=tr"]) == "tr"


def test_error_in_turkish_from_the_environment(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CJM_LANG", "tr")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert cli.main(["--workspace", str(tmp_path / "w.duckdb"), "import", str(empty)]) == 2
    err = capsys.readouterr().err
    assert err == "error: “empty.csv” dosyası boş. Verileri bir başlık satırı ve en az bir veri satırıyla yeniden dışa " \
                  "aktarın ve dosyayı yükleyin.\n"


def test_lang_option_wins_over_the_environment(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CJM_LANG", "tr")
    w = str(tmp_path / "w.duckdb")
    assert cli.main(["import", str(tmp_path / "nope.csv"), "--lang", "ro", "--workspace", w]) == 2
    assert capsys.readouterr().err == f"error: Fișierul „{tmp_path / 'nope.csv'}” nu există. Verificați numele și dosarul.\n"


def test_cli_hint_is_in_the_language_too(tmp_path, capsys):
    bad = tmp_path / "nocols.csv"
    bad.write_text("Ad;Yorum\nx;y\n", encoding="utf-8")
    assert cli.main(["--lang", "tr", "--workspace", str(tmp_path / "w.duckdb"), "import", str(bad),
                     "--map", "Ad=customer_id"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: “nocols.csv” dosyasında stage için sütun yok. Sütunlar şunlar: “Ad”, “Yorum”.")
    assert err.rstrip().endswith("Burada: --map “Başlık=alan” (örneğin --map “Kod=customer_id”).")
    assert err.count("\n") == 1


def test_import_stages_and_info_speak_romanian(tmp_path, good, capsys):
    w = str(tmp_path / "w.duckdb")
    assert cli.main(["--lang", "ro", "--workspace", w, "import", str(good), "--stage-model", "five-stage"]) == 0
    out = capsys.readouterr().out
    assert "events.csv: rânduri citite 3, încărcate 3, respinse 0 (importul 1)" in out
    assert "warning: 1 rânduri au valori de etapă care nu sunt în modelul de etape „five-stage”: „Pricing” (1)." in out
    assert cli.main(["stages", "--lang", "ro", "--workspace", w]) == 0
    out = capsys.readouterr().out
    assert "model de etape: five-stage" in out and "valori de etapă care nu sunt în model:" in out
    assert cli.main(["info", "--workspace", w, "--lang", "tr"]) == 0
    out = capsys.readouterr().out
    assert "olaylar: 3 (3 müşteri)" in out
    assert "içe aktarmalar: 1" in out


def test_english_stays_the_default(tmp_path, good, capsys, monkeypatch):
    monkeypatch.delenv("CJM_LANG", raising=False)
    w = str(tmp_path / "w.duckdb")
    assert cli.main(["--workspace", w, "import", str(good), "--stage-model", "five-stage"]) == 0
    out = capsys.readouterr().out
    assert "events.csv: 3 rows read, 3 loaded, 0 rejected (import 1)" in out
    assert "mapping: Customer ID -> customer_id, Stage -> stage, Date -> timestamp" in out


@pytest.mark.slow  # a subprocess
def test_cjm_lang_tr_import_empty_file_subprocess(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CJM_WORKSPACE": str(tmp_path / "w.duckdb"), "CJM_LANG": "tr"}
    out = subprocess.run([sys.executable, "-m", "cjm", "import", str(empty)], capture_output=True, text=True,
                         env=env, timeout=120, cwd=ROOT)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.startswith("error: “empty.csv” dosyası boş.") and out.stderr.count("\n") == 1
    assert "Traceback" not in out.stderr


def test_rejected_rows_are_listed_in_the_language(tmp_path, capsys):
    bad = tmp_path / "anket.csv"
    bad.write_text("Müşteri No;Aşama;Tarih\n1;research;31.02.2026\n2;research;01.02.2026\n", encoding="utf-8")
    assert cli.main(["--lang", "tr", "--workspace", str(tmp_path / "w.duckdb"), "import", str(bad),
                     "--stage-model", "five-stage"]) == 0
    out = capsys.readouterr().out
    assert "anket.csv: 2 satır okundu, 1 yüklendi, 1 reddedildi (içe aktarma 1)" in out
    assert "  2. satır: “31.02.2026” bir tarih değil (“Tarih” sütunu)" in out
    assert "warning: 2 satırın 1 tanesi yüklenmedi" in out
