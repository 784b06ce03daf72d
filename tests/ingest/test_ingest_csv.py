"""CSV / TXT reading: encodings, delimiters, quotes, title rows, ragged rows, broken and odd files."""

from __future__ import annotations

import csv
import io
import zipfile

import duckdb
import numpy as np
import openpyxl
import pytest

from cjm.errors import InputError
from cjm.ingest import import_file, inspect, rejected_rows
from cjm.ingest import text as text_mod
from cjm.ingest.detect import OLE2_MAGIC, detect_kind
from cjm.ingest.text import decode, fix_romanian, read_text, record_rows, sniff


def read(data: bytes, name: str = "f.csv"):
    cur = duckdb.connect()
    raw = read_text(cur, data, file_name=name, table="t")
    rows = cur.execute("SELECT * FROM t ORDER BY _row").fetchall()
    return raw, rows


def events(ws, cols="source_row, customer_id, stage, comment"):
    return ws.cursor().execute(f"SELECT {cols} FROM events ORDER BY seq").fetchall()


# -- encodings ------------------------------------------------------------------------------


def test_utf8_bom_is_not_part_of_the_first_header():
    raw, rows = read("Customer ID,Stage\n1,Dată\n".encode("utf-8-sig"))
    assert raw.headers == ["Customer ID", "Stage"]
    assert raw.meta["encoding"] == "utf-8-sig"
    assert rows == [(2, "1", "Dată")]


def test_utf16_tab_separated_unicode_text_from_excel():
    text = "Müşteri No\tAşama\tYorum\r\n001\tKabul\tçok iyi, teşekkürler\r\n002\tAktive etme\t\r\n"
    raw, rows = read(text.encode("utf-16"))  # Excel "Unicode text": UTF-16 LE with BOM, tabs, CRLF
    assert raw.meta["encoding"] == "utf-16" and raw.meta["delimiter"] == "\t"
    assert rows == [(2, "001", "Kabul", "çok iyi, teşekkürler"), (3, "002", "Aktive etme", None)]


@pytest.mark.parametrize("encoding", ["cp1254", "iso-8859-9"])
def test_turkish_code_pages(encoding):
    text = "Müşteri No;Aşama;Yorum\n1;Farkındalık;Kızgın müşteri, ĞÜŞİÖÇ\n"
    raw, rows = read(text.encode(encoding))
    assert raw.meta["encoding"] in ("cp1254", "iso-8859-9")  # identical for letters; cp1254 is reported
    assert rows == [(2, "1", "Farkındalık", "Kızgın müşteri, ĞÜŞİÖÇ")]
    assert not raw.warnings  # Turkish ş is left alone


@pytest.mark.parametrize("encoding", ["cp1250", "iso-8859-2"])
def test_romanian_code_pages_get_comma_below_letters(encoding):
    # cp1250 / ISO-8859-2 only have the cedilla forms ş ţ Ş Ţ; Romanian wants ș ț Ș Ț
    text = "ID client;Etapă;Comentariu\n7;Cercetare;Ştiri bune, mulţumit şi fericit\n"
    raw, rows = read(text.encode(encoding))
    assert raw.meta["encoding"] in ("cp1250", "iso-8859-2")
    assert rows == [(2, "7", "Cercetare", "Știri bune, mulțumit și fericit")]
    assert any("comma below" in w for w in raw.warnings)


def test_turkish_utf8_keeps_cedilla_romanian_utf8_is_fixed():
    assert fix_romanian("Aşama;Başarı;ğ", "utf-8") == ("Aşama;Başarı;ğ", False)
    assert fix_romanian("Etapă;Aşteptare", "utf-8") == ("Etapă;Așteptare", True)


def test_decode_prefers_strict_utf8():
    assert decode("Kızgın".encode(), file_name="a") == ("Kızgın", "utf-8")


# -- delimiters, quotes, header ---------------------------------------------------------------


@pytest.mark.parametrize("delim", [",", ";", "\t", "|"])
def test_delimiters(delim):
    text = delim.join(["id", "stage", "comment"]) + "\n" + delim.join(["1", "a", "x y"]) + "\n" \
        + delim.join(["2", "b", "z"]) + "\n"
    raw, rows = read(text.encode())
    assert raw.meta["delimiter"] == delim
    assert rows == [(2, "1", "a", "x y"), (3, "2", "b", "z")]


def test_quoted_fields_with_newlines_delimiters_and_quotes():
    text = 'id,stage,comment\n1,a,"first line\nsecond, with comma"\n2,b,"she said ""hi"""\n3,c,plain\n'
    raw, rows = read(text.encode())
    # rows are numbered like Excel rows: the record with a line break is row 2, the next is row 3
    assert rows == [(2, "1", "a", "first line\nsecond, with comma"), (3, "2", "b", 'she said "hi"'),
                    (4, "3", "c", "plain")]
    assert raw.records_in_file == 3 and not raw.pre_rejected


def test_title_and_blank_rows_above_the_header():
    text = "Sales report,,\nExported 2026-01-05,,\n,,\nid,stage,amount\n1,a,5\n2,b,6\n"
    raw, rows = read(text.encode())
    assert raw.header_row == 4
    assert raw.headers == ["id", "stage", "amount"]
    assert rows == [(5, "1", "a", "5"), (6, "2", "b", "6")]


def test_sniff_semicolon_with_decimal_commas():
    assert sniff("id;stage;amount\n1;a;1,5\n2;b;2,25\n3;c;3\n") == (";", 0)


def test_blank_lines_are_not_records():
    raw, rows = read(b"id,stage\n1,a\n\n,\n   \n2,b\n\n")
    assert rows == [(2, "1", "a"), (6, "2", "b")]
    assert raw.records_in_file == 2 and raw.pre_rejected == []


def test_cells_are_trimmed_in_ascii_and_in_unicode_text():
    # ASCII text: only " " can pad a cell (tested before trimming); a cell of spaces is empty
    raw, rows = read(b"id,stage,comment\n  1 ,a, x y \n2, b ,   \n3,c,\"  q  \"\n")
    assert raw.meta["encoding"] == "utf-8"
    assert rows == [(2, "1", "a", "x y"), (3, "2", "b", None), (4, "3", "c", "q")]
    # UTF-8 text: a no-break space (U+00A0) pads a cell too
    raw, rows = read("id,stage,comment\n1,\u00a0a\u00a0,\u00e9t\u00e9 \n".encode())
    assert rows == [(2, "1", "a", "\u00e9t\u00e9")]


def test_a_cell_longer_than_duckdbs_default_line_limit(ws):
    big = "x" * 3_000_000  # DuckDB's default max_line_size is 2 MB; ours is 16 MB
    rep = import_file(ws, f'id,stage,comment\n1,a,"{big}"\n2,b,ok\n'.encode(), file_name="big.csv")
    assert (rep.rows_loaded, rep.rows_rejected) == (2, 0)
    assert [len(c) for (c,) in events(ws, "comment")] == [3_000_000, 2]


def test_duplicate_and_blank_headers_get_unique_names():
    raw, _ = read(b"stage,Stage,,id\na,b,c,1\n")
    assert raw.headers == ["stage", "Stage", "Column 3", "id"]
    raw, _ = read(b"stage,stage,id\na,b,1\n")
    assert raw.headers == ["stage", "stage (2)", "id"]


# -- ragged rows are rejected, never dropped --------------------------------------------------------


def test_ragged_rows_are_rejected_with_row_numbers_and_raw_text():
    text = "id,stage,comment\n1,a,x\n2,b\n3,c,y,extra\n4,d,z\n"
    raw, rows = read(text.encode())
    assert rows == [(2, "1", "a", "x"), (5, "4", "d", "z")]
    assert [(r, t) for r, t, _ in raw.pre_rejected] == [(3, "2,b"), (4, "3,c,y,extra")]
    assert raw.pre_rejected[0][2] == "Row 3: has 2 fields, the header has 3 (check the delimiters and quotes in this row)"
    assert raw.records_in_file == 4


def test_ragged_rows_after_a_quoted_newline_keep_their_numbers(ws):
    text = 'id,stage,comment\n1,a,"two\nlines"\n2,b\n3,c,ok\n'
    rep = import_file(ws, text.encode(), file_name="r.csv")
    assert (rep.rows_read, rep.rows_loaded, rep.rows_rejected) == (3, 2, 1)
    assert rejected_rows(ws)[["row", "raw"]].values.tolist() == [[3, "2,b"]]
    assert events(ws, "source_row, customer_id") == [(2, "1"), (4, "3")]


def test_fallback_parser_when_counts_disagree(monkeypatch):
    # pretend the independent count saw one more record than DuckDB returned: the careful parser takes over
    real = text_mod.record_rows

    def off_by_one(body):
        rows, simple = real(body)
        return np.append(rows, rows[-1] + 1), simple

    monkeypatch.setattr(text_mod, "record_rows", off_by_one)
    raw, rows = read(b"id,stage\n1,a\n2,b,extra\n3,c\n")
    assert rows == [(2, "1", "a"), (4, "3", "c")]
    assert [r for r, _, _ in raw.pre_rejected] == [3]
    assert any("careful parser" in w for w in raw.warnings)


def test_record_rows_matches_python_csv_module():
    body = 'h1,h2\n1,"a\n\nb"\n\n2,"x""y"\n3,"q\nr"\n4,z'
    rows, simple = record_rows(body.encode())
    reference = [i for i, rec in enumerate(csv.reader(io.StringIO(body)), start=1) if rec]
    assert rows.tolist() == reference == [1, 2, 4, 5, 6]
    assert simple is False


# -- kinds of file ------------------------------------------------------------------------------


def test_empty_file():
    with pytest.raises(InputError, match="is empty"):
        detect_kind(b"", file_name="e.csv")
    with pytest.raises(InputError, match="is empty"):
        detect_kind(b"\xef\xbb\xbf\r\n", file_name="e.csv")


def test_header_only_file(ws):
    with pytest.raises(InputError, match="header row but no data rows"):
        import_file(ws, b"Customer ID,Stage\n\n", file_name="h.csv")


def test_legacy_xls():
    with pytest.raises(InputError, match=r"old Excel 97-2003 file \(\.xls\).*save as \.xlsx or CSV"):
        detect_kind(OLE2_MAGIC + b"\x00" * 600 + "Workbook".encode("utf-16-le"), file_name="old.xls")


def test_encrypted_xlsx():
    data = OLE2_MAGIC + b"\x00" * 600 + "EncryptionInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le")
    with pytest.raises(InputError, match="encrypted.*remove the\\s+password"):
        detect_kind(data, file_name="secret.xlsx")


def _xlsx_bytes(rows) -> bytes:
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_truncated_xlsx():
    data = _xlsx_bytes([["Customer ID", "Stage"], ["1", "a"]])
    with pytest.raises(InputError, match="incomplete or damaged"):
        detect_kind(data[: len(data) // 2], file_name="cut.xlsx")


def test_xlsm_reads_data_and_warns_about_macros(ws):
    src = _xlsx_bytes([["Customer ID", "Stage"], ["001", "Awareness"]])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item.filename))
        zout.writestr("xl/vbaProject.bin", b"\x00macro")
    rep = import_file(ws, out.getvalue(), file_name="m.xlsm")
    assert rep.rows_loaded == 1
    assert any("macros" in w for w in rep.warnings)
    assert events(ws, "customer_id, stage") == [("001", "Awareness")]


def test_csv_renamed_xlsx_is_read_as_csv(ws):
    rep = import_file(ws, b"Customer ID;Stage\n1;a\n", file_name="export.xlsx")
    assert rep.rows_loaded == 1
    assert any("read as CSV" in w for w in rep.warnings)


@pytest.mark.parametrize(("data", "what"), [(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
                                            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
                                            (bytes(range(256)) * 20, "binary")])
def test_binary_junk(data, what):
    with pytest.raises(InputError, match=what):
        detect_kind(data, file_name="x.csv")


def test_inspect_writes_nothing_and_reports(ws):
    data = "Raport\n\nID client;Dată;Etapă;Sumă\n001;03/04/2026;Cercetare;1.200,50\n".encode("cp1250")
    ins = inspect(data, file_name="ro.csv")
    assert (ins.kind, ins.encoding, ins.delimiter, ins.header_row, ins.records) == ("csv", "cp1250", ";", 3, 1)
    assert ins.mapping == {"ID client": "customer_id", "Dată": "timestamp", "Etapă": "stage", "Sumă": "value"}
    assert ins.ambiguous_dates == ["Dată"]
    assert ins.preview.values.tolist() == [["001", "03/04/2026", "Cercetare", "1.200,50"]]
    assert ws.cursor().execute("SELECT count(*) FROM events").fetchall() == [(0,)]


# -- zip checks in detect: the bomb guard runs before any member is inflated -------------------


def test_detect_refuses_a_small_zip_bomb_before_testzip(monkeypatch):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/media/pad.bin", bytes(8 << 20))  # 8 MB of zeros -> ~8 KB zipped, well under 5 MB
    data = buf.getvalue()
    assert len(data) < 5_000_000

    def no_inflate(self):  # pragma: no cover - reached only if the guard runs too late
        raise AssertionError("testzip ran before the size guard")

    monkeypatch.setattr(zipfile.ZipFile, "testzip", no_inflate)
    with pytest.raises(InputError, match=r'"b\.xlsx": part xl/media/pad\.bin is compressed .* zip bomb'):
        detect_kind(data, file_name="b.xlsx")


# -- a plain UTF-8 file given by path is parsed in place (no temp copy) --------------------------


def test_plain_utf8_path_is_read_in_place(ws, tmp_path, monkeypatch):
    plain = tmp_path / "plain.csv"
    plain.write_bytes(b"id,stage\n1,a\n2,b\n")
    crlf = tmp_path / "crlf.csv"
    crlf.write_bytes(b"Report\r\nid,stage\r\n3,c\r\n")
    copies = []
    real = text_mod.tempfile.mkstemp

    def counting_mkstemp(*a, **kw):
        copies.append(1)
        return real(*a, **kw)

    monkeypatch.setattr(text_mod.tempfile, "mkstemp", counting_mkstemp)
    assert import_file(ws, plain).rows_loaded == 2
    assert copies == []  # read where it is
    rep = import_file(ws, crlf)  # CR line ends and a title row: a cleaned UTF-8 copy is parsed
    assert (rep.rows_loaded, copies) == (1, [1])
    assert events(ws, "source_row, customer_id, stage") == [(2, "1", "a"), (3, "2", "b"), (3, "3", "c")]
    assert import_file(ws, plain.read_bytes(), file_name="again.csv", replace=True).rows_loaded == 2
    assert copies == [1, 1]  # bytes (an upload) always go through a temp file


def test_detect_leaves_a_workbook_s_parts_to_the_excel_reader(monkeypatch):
    wb = openpyxl.Workbook()
    wb.active.append(["ID", "Stage"])
    buf = io.BytesIO()
    wb.save(buf)

    def no_inflate(self):  # pragma: no cover - reached only if detect inflates the workbook again
        raise AssertionError("testzip inflated a workbook that the Excel reader checks part by part")

    monkeypatch.setattr(zipfile.ZipFile, "testzip", no_inflate)
    assert detect_kind(buf.getvalue(), file_name="w.xlsx").kind == "xlsx"
