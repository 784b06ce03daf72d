"""A corpus of broken and odd files, each imported on a workspace that already holds good data.

Every file must end in a ``CJMError`` with its own message (or a report with rejected rows),
never a crash, and the earlier import must still be there. The same files go through the CLI
(``python -m cjm import FILE --workspace W``) in subprocesses: exit code 2, one ``error:`` line
on stderr, no traceback. The files are generated here (nothing binary is committed).
"""

from __future__ import annotations

import io
import os
import random
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from cjm.errors import CJMError
from cjm.ingest import import_file, rejected_rows
from cjm.store import close_workspace, open_workspace

ROOT = Path(__file__).resolve().parents[2]
GOOD_CSV = b"Customer ID,Stage\nc1,awareness\nc2,research\n"


def _xlsx(*rows, extra: dict[str, bytes] | None = None) -> bytes:
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    if not extra:
        return buf.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        for name, body in extra.items():
            zout.writestr(name, body)
    return out.getvalue()


def _encrypted() -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(_xlsx(["Customer ID", "Stage"], ["e1", "awareness"]))).encrypt("secret", out)
    return out.getvalue()


def _xfd() -> bytes:
    wb = openpyxl.Workbook()
    wb.active.append(["Customer ID", "Stage"])
    wb.active.append(["x1", "awareness"])
    wb.active["XFD1048576"] = "far away"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _legacy_xls() -> bytes:
    # The OLE2 compound-file signature and a minimal header: what every .xls (BIFF8) file starts with.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    return header + b"\0" * (512 - len(header)) + b"Workbook".ljust(64, b"\0") * 8


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, body in members.items():
            z.writestr(name, body)
    return buf.getvalue()


_GOOD_XLSX = _xlsx(["Customer ID", "Stage"], ["c1", "awareness"], ["c2", "research"])

# name -> (bytes, regex the CJMError message must match)
ERRORS: dict[str, tuple[bytes, str]] = {
    "empty.csv": (b"", r'"empty\.csv" is empty'),
    "blank.csv": (b"\r\n  \r\n", r'"blank\.csv" is empty'),
    "header_only.csv": (b"Customer ID,Stage\r\n", r"has a header row but no data rows"),
    "header_only.xlsx": (_xlsx(["Customer ID", "Stage"]), r'"header_only\.xlsx" \(sheet "Sheet"\) has a header row '
                                                          r"but no data rows"),
    "legacy.xls": (_legacy_xls(), r"old Excel 97-2003 file \(\.xls\): open it in Excel and save as \.xlsx"),
    "encrypted.xlsx": (_encrypted(), r"encrypted \(password-protected\) Excel file: open it in Excel, remove the "
                                     r"password"),
    "truncated.xlsx": (_GOOD_XLSX[: len(_GOOD_XLSX) // 2], r"incomplete or damaged"),
    "bomb.xlsx": (_xlsx(["Customer ID", "Stage"], ["b1", "awareness"],
                        extra={"xl/media/padding.bin": b"\0" * (20 << 20)}),  # 20 MB of zeros, ~20 KB zipped
                  r"compressed 1,0\d\d to 1, which only a zip bomb does"),
    "xfd.xlsx": (_xfd(), r"values as far as row 1,048,576 and column XFD .* too large to read safely"),
    "pdf.csv": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Type /Catalog>> endobj\n" + bytes(range(256)),
                r'"pdf\.csv" is a PDF document, not a spreadsheet'),
    "png.csv": (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(200), r'"png\.csv" is a PNG image, not a spreadsheet'),
    "random.bin": (random.Random(7).randbytes(3000), r"not a text or Excel file \(it contains binary data\)"),
    "onecol.csv": (b"Customer ID\nc1\nc2\n", r'No column for stage in "onecol\.csv". The columns are: "Customer ID"'),
    "archive.xlsx": (_zip({"notes.txt": b"hello"}), r"ZIP archive, not a spreadsheet"),
}


@pytest.fixture
def seeded(ws):
    """A workspace holding one good import (2 events)."""
    rep = import_file(ws, GOOD_CSV, file_name="good.csv")
    assert rep.rows_loaded == 2
    return ws


def _still_there(ws) -> None:
    cur = ws.cursor()
    assert cur.execute("SELECT customer_id, stage FROM events ORDER BY seq").fetchall() == [
        ("c1", "awareness"), ("c2", "research")]
    assert cur.execute("SELECT count(*), min(file_name) FROM imports").fetchall() == [(1, "good.csv")]


@pytest.mark.parametrize("name", list(ERRORS))
def test_bad_file_is_refused_and_earlier_data_kept(seeded, name):
    data, message = ERRORS[name]
    with pytest.raises(CJMError, match=message) as err:
        import_file(seeded, data, file_name=name)
    assert "\n" not in str(err.value) and "Traceback" not in str(err.value)
    _still_there(seeded)


def test_csv_renamed_xlsx_is_read_as_csv(seeded):
    rep = import_file(seeded, b"Customer ID,Stage\nc9,purchase\n", file_name="export.xlsx")
    assert (rep.rows_read, rep.rows_loaded, rep.rows_rejected) == (1, 1, 0)
    assert any("read as CSV" in w for w in rep.warnings)


def test_xlsm_with_macros_reads_values_only(seeded):
    data = _xlsx(["Customer ID", "Stage"], ["m1", "purchase"], extra={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"})
    rep = import_file(seeded, data, file_name="book.xlsm")
    assert (rep.rows_read, rep.rows_loaded) == (1, 1)
    assert any("macros" in w for w in rep.warnings)


def test_ragged_csv_rows_rejected_with_reasons(seeded):
    data = b"Customer ID,Stage,Channel\nc3,awareness\nc4,research,email,extra\nc5,purchase,phone\n"
    rep = import_file(seeded, data, file_name="ragged.csv")
    # 3 records: row 2 has 2 fields, row 3 has 4, row 4 is fine.
    assert (rep.rows_read, rep.rows_loaded, rep.rows_rejected) == (3, 1, 2)
    reasons = rejected_rows(seeded)["reason"].tolist()
    assert any("Row 2" in r and "has 2 fields, the header has 3" in r for r in reasons)
    assert any("Row 3" in r and "has 4 fields, the header has 3" in r for r in reasons)


def test_csv_with_nul_bytes_does_not_store_them(seeded):
    rep = import_file(seeded, b"Customer ID,Stage\nc6,aware\x00ness\nc7,research\n", file_name="nul.csv")
    assert rep.rows_loaded + rep.rows_rejected == 2
    stages = [s for (s,) in seeded.cursor().execute("SELECT stage FROM events WHERE import_id = ?",
                                                     [rep.import_id]).fetchall()]
    assert not any("\x00" in s for s in stages)
    # the NUL is stripped (not the row): both rows load, and the report says so with the count and first row
    assert stages == ["awareness", "research"]
    assert "1 invisible NUL character was removed from the cells (the first in row 2)" in " ".join(rep.warnings)


def test_csv_nul_count_in_warning(seeded):
    # (a few NULs only: many control bytes make the file binary, refused by detect)
    rep = import_file(seeded, b"Customer ID,Stage\nc6,research\nc7\x00,aware\x00ness\n",
                      file_name="nul3.csv")
    rows = seeded.cursor().execute("SELECT customer_id, stage FROM events WHERE import_id = ? ORDER BY seq",
                                   [rep.import_id]).fetchall()
    assert rows == [("c6", "research"), ("c7", "awareness")]
    assert any(w.startswith("2 invisible NUL characters were removed from the cells (the first in row 3)")
               for w in rep.warnings)


# --- the same corpus through the CLI, in subprocesses ------------------------------------------


@pytest.fixture(scope="module")
def cli_results(tmp_path_factory):
    """Run ``python -m cjm import`` on every bad file (two at a time), each on a copy of a seeded workspace."""
    base = tmp_path_factory.mktemp("cli")
    seed = base / "seed.duckdb"
    ws = open_workspace(seed)
    import_file(ws, GOOD_CSV, file_name="good.csv")
    close_workspace(ws)
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.pop("CJM_WORKSPACE", None)
    jobs = []
    for name, (data, _) in ERRORS.items():
        folder = base / name.replace(".", "_")
        folder.mkdir()
        (folder / name).write_bytes(data)
        shutil.copy(seed, folder / "w.duckdb")
        jobs.append((name, folder))
    results: dict[str, tuple[int, str, str, Path]] = {}
    running: list[tuple[str, Path, subprocess.Popen]] = []
    while jobs or running:
        while jobs and len(running) < 2:
            name, folder = jobs.pop()
            proc = subprocess.Popen([sys.executable, "-m", "cjm", "import", str(folder / name),
                                     "--workspace", str(folder / "w.duckdb")], cwd=folder, env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            running.append((name, folder, proc))
        name, folder, proc = running.pop(0)
        out, err = proc.communicate(timeout=120)
        results[name] = (proc.returncode, out, err, folder / "w.duckdb")
    return results


@pytest.mark.slow  # a subprocess
@pytest.mark.parametrize("name", list(ERRORS))
def test_cli_one_error_line_exit_2(cli_results, name):
    code, out, err, wpath = cli_results[name]
    assert "Traceback" not in err and "Traceback" not in out
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert code == 2
    assert re.search(ERRORS[name][1], lines[0])
    ws = open_workspace(wpath)
    try:
        _still_there(ws)
    finally:
        close_workspace(ws)
