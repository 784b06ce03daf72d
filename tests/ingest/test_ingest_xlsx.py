"""The XLSX reader (cjm.ingest.excel): sheet choice, header row, cell text, bomb guards.

Workbooks are built in the test with openpyxl (or xlsxwriter where a formula needs a cached
value); expected texts are written out by hand.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import duckdb
import openpyxl
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from cjm.errors import InputError
from cjm.ingest.excel import list_sheets, read_xlsx


def _save(wb: openpyxl.Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _book(*rows, title: str = "Veri") -> bytes:
    wb = openpyxl.Workbook()
    wb.active.title = title
    for r in rows:
        wb.active.append(list(r))
    return _save(wb)


def _read(data: bytes, **kw):
    cur = duckdb.connect()
    raw = read_xlsx(cur, data, file_name="test.xlsx", table="raw", **kw)
    rows = cur.execute("SELECT * FROM raw ORDER BY _row").fetchall()
    return raw, rows


def _rezip(data: bytes, fn) -> bytes:
    """Rewrite every worksheet part of *data* with ``fn(xml_bytes) -> xml_bytes``."""
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                body = fn(body)
            zout.writestr(info.filename, body)
    return out.getvalue()


# --- header row, headers -------------------------------------------------------------------------


def test_turkish_headers_below_title_and_blank_row():
    data = _book(["Müşteri Raporu 2025"], [], ["Müşteri No", "Aşama", "Tarih", "Memnuniyet"],
                 ["00123", "Farkındalık", "02.01.2025", 4], ["00124", "Satın alma", "03.01.2025", 5])
    raw, rows = _read(data)
    assert raw.header_row == 3
    assert raw.headers == ["Müşteri No", "Aşama", "Tarih", "Memnuniyet"]
    assert raw.kind == "xlsx" and raw.records_in_file == 2
    assert rows == [(4, "00123", "Farkındalık", "02.01.2025", "4"), (5, "00124", "Satın alma", "03.01.2025", "5")]
    assert any("skipped as titles" in w for w in raw.warnings)


def test_merged_header_and_duplicates():
    wb = openpyxl.Workbook()
    sh = wb.active
    sh.append(["ID", "Stage", "Tutar", None, "Stage", "Stage (2)"])
    sh.merge_cells("C1:D1")
    sh.append(["1", "awareness", 10, 20, "x", "y"])
    raw, rows = _read(_save(wb))
    # C1:D1 merged -> D gets "Tutar (2)"; the second "Stage" becomes "Stage (3)" since "Stage (2)" exists.
    assert raw.headers == ["ID", "Stage", "Tutar", "Tutar (2)", "Stage (3)", "Stage (2)"]
    assert rows == [(2, "1", "awareness", "10", "20", "x", "y")]


def test_blank_header_gets_column_letter_and_empty_side_columns_are_dropped():
    wb = openpyxl.Workbook()
    sh = wb.active
    sh["A1"] = "Report"  # a title left of the table: column A has no header and no data below
    sh["C3"], sh["D3"], sh["F3"] = "ID", "Stage", "Note"
    sh["C4"], sh["D4"], sh["E4"] = "7", "research", "orphan"
    sh["C6"], sh["D6"] = "8", "purchase"
    raw, rows = _read(_save(wb))
    assert raw.header_row == 3
    assert raw.headers == ["ID", "Stage", "Column E", "Note"]
    assert rows == [(4, "7", "research", "orphan", None), (6, "8", "purchase", None, None)]
    assert raw.records_in_file == 2  # row 5 is empty


# --- sheets --------------------------------------------------------------------------------------


def _three_sheets() -> bytes:
    wb = openpyxl.Workbook()
    wb.active.title = "Eski"
    wb.active.append(["old", "stuff"])
    wb.active.append(["1", "2"])
    wb.active.sheet_state = "hidden"
    wb.create_sheet("Boş")
    s = wb.create_sheet("Veri")
    s.append(["ID", "Stage"])
    s.append(["a", "purchase"])
    s2 = wb.create_sheet("İkinci")
    s2.append(["Customer", "Stage"])
    s2.append(["b", "research"])
    s2.append(["c", "research"])
    return _save(wb)


def test_default_sheet_is_first_visible_with_data():
    data = _three_sheets()
    assert list_sheets(data) == [("Eski", False), ("Boş", True), ("Veri", True), ("İkinci", True)]
    raw, rows = _read(data)
    assert raw.meta["sheet"] == "Veri"
    assert raw.meta["sheets"] == [("Eski", False), ("Boş", True), ("Veri", True), ("İkinci", True)]
    assert rows == [(2, "a", "purchase")]
    assert any("Eski" in w and "Hidden" in w for w in raw.warnings)


def test_sheet_by_name_hidden_allowed_and_case_insensitive():
    data = _three_sheets()
    raw, rows = _read(data, sheet="İkinci")
    assert raw.headers == ["Customer", "Stage"] and raw.records_in_file == 2
    raw, rows = _read(data, sheet="Eski")  # a hidden sheet can still be chosen by name
    assert rows == [(2, "1", "2")]
    raw, _ = _read(data, sheet="veri")
    assert raw.meta["sheet"] == "Veri"


def test_missing_sheet_lists_the_sheets():
    with pytest.raises(InputError) as err:
        _read(_three_sheets(), sheet="Sales")
    msg = str(err.value)
    assert 'no sheet "Sales"' in msg and '"Eski" (hidden)' in msg and '"Veri"' in msg and '"İkinci"' in msg


def test_empty_sheet_by_name_and_workbook_without_data():
    with pytest.raises(InputError, match='sheet "Boş" is empty'):
        _read(_three_sheets(), sheet="Boş")
    with pytest.raises(InputError, match="no visible sheet holds any data"):
        _read(_save(openpyxl.Workbook()))


def test_header_only_sheet():
    with pytest.raises(InputError, match=r'"test.xlsx" \(sheet "Veri"\) has a header row but no data rows'):
        _read(_book(["Customer ID", "Stage", "Date"], [], [None, None]))


# --- cell values ---------------------------------------------------------------------------------


def test_numbers_text_and_booleans():
    data = _book(["ID", "Amount", "Flag", "Big", "Neg"],
                 ["00123", 15, True, 123456789012345, -2],
                 ["0042", 1234.5678901234, False, 1e20, -0.5],
                 ["A-1", 0.1, None, 2 ** 53, 3.0])
    _, rows = _read(data)
    assert rows == [
        (2, "00123", "15", "TRUE", "123456789012345", "-2"),
        (3, "0042", "1234.5678901234", "FALSE", "1e+20", "-0.5"),  # full precision, Python repr style
        (4, "A-1", "0.1", None, "9007199254740992", "3"),  # 2**53 is an integral double < 1e16
    ]


def test_mixed_column_keeps_text_cells():
    # 40 numbers then "n/a": fastexcel guesses float and would null the text; we re-read as text.
    rows_in = [["ID", "Amount"]] + [[f"c{i}", i + 0.5] for i in range(40)] + [["c40", "n/a"]]
    _, rows = _read(_book(*rows_in))
    assert rows[0] == (2, "c0", "0.5")
    assert rows[-1] == (42, "c40", "n/a")
    assert len(rows) == 41


def test_formulas_read_as_cached_values(tmp_path):
    path = tmp_path / "f.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    sh = wb.add_worksheet("Calc")
    sh.write_row(0, 0, ["ID", "Qty", "Price", "Total", "Label"])
    sh.write_row(1, 0, ["x1", 3, 2.5])
    sh.write_formula(1, 3, "=B2*C2", None, 7.5)
    sh.write_formula(1, 4, '=IF(D2>5,"big","small")', None, "big")
    sh.write_row(2, 0, ["x2", 2, 2])
    sh.write_formula(2, 3, "=B3*C3", None, 4)
    sh.write_formula(2, 4, '=IF(D3>5,"big","small")', None, "small")
    wb.close()
    _, rows = _read(path.read_bytes())
    assert rows == [(2, "x1", "3", "2.5", "7.5", "big"), (3, "x2", "2", "2", "4", "small")]


def _dates_book(epoch1904: bool) -> bytes:
    wb = openpyxl.Workbook()
    if epoch1904:
        wb.epoch = CALENDAR_MAC_1904
    sh = wb.active
    sh.append(["ID", "Date", "When", "Serial"])
    sh.append(["1", dt.date(2025, 1, 2), dt.datetime(2025, 1, 3, 10, 30, 5), 45659])
    sh.append(["2", dt.date(1999, 12, 31), dt.datetime(2026, 2, 28, 23, 59, 59), 1.5])
    return _save(wb)


@pytest.mark.parametrize("epoch1904", [False, True])
def test_dates_in_both_date_systems(epoch1904):
    data = _dates_book(epoch1904)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/workbook.xml")
    assert (b'date1904="1"' in xml) == epoch1904  # the file really uses the 1904 system
    raw, rows = _read(data)
    assert raw.meta["date1904"] is epoch1904
    # Date cells come out as the same calendar dates in both systems; a plain number stays a number
    # (the value layer converts serials with meta["date1904"]).
    assert rows == [(2, "1", "2025-01-02", "2025-01-03 10:30:05", "45659"),
                    (3, "2", "1999-12-31", "2026-02-28 23:59:59", "1.5")]


def test_1904_serials_differ_from_1900_in_the_file():
    # 2025-01-02 is serial 45659 in the 1900 system and 45659 - 1462 = 44197 in the 1904 system.
    for epoch1904, serial in ((False, b"45659"), (True, b"44197")):
        xml = zipfile.ZipFile(io.BytesIO(_dates_book(epoch1904))).read("xl/worksheets/sheet1.xml")
        assert re.search(rb'<c r="B2"[^>]*><v>' + serial + b"</v>", xml)


def test_time_only_cell():
    _, rows = _read(_book(["ID", "At"], ["1", dt.time(10, 30)], ["2", dt.time(0, 0, 1)]))
    assert rows == [(2, "1", "10:30:00"), (3, "2", "00:00:01")]


# Reference (plain Python): text as is, booleans TRUE/FALSE, integral numbers below 1e16 without ".0";
# other numbers must give back the same double (a mixed column may show 1e-05 as "0.00001").
def _same(got, v) -> bool:
    if isinstance(v, str):
        return got == v
    if isinstance(v, bool):
        return got == ("TRUE" if v else "FALSE")
    if float(v).is_integer() and abs(v) < 1e16:
        return got == str(int(v))
    return got is not None and float(got) == v


_text = st.text(alphabet="abcçğışöüAZ019 -_.", min_size=1, max_size=8).filter(lambda s: s.strip() == s and s)
_number = st.one_of(
    st.integers(min_value=-10 ** 12, max_value=10 ** 12),
    # decimals with up to 15 significant digits (openpyxl writes floats with 16), none below 1e-9 in
    # size (in a column mixing text and numbers those read as "0": a documented limitation)
    st.builds(lambda n, k: float(f"{n}e-{k}"), st.integers(-10 ** 12, 10 ** 12), st.integers(0, 9)),
)
# Columns A and B mix text and numbers; column C mixes text and booleans. (A column mixing numbers
# and booleans reads the booleans as 1/0: fastexcel coerces them; a known limitation.)
_row = st.tuples(st.one_of(_text, _number), st.one_of(_text, _number), st.one_of(_text, st.booleans()))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_row, min_size=1, max_size=12))
def test_round_trip_matches_reference(rows_in):
    raw, rows = _read(_book(["A", "B", "C"], *rows_in))
    assert raw.records_in_file == len(rows_in)
    assert [r[0] for r in rows] == list(range(2, len(rows_in) + 2))
    for got, want in zip(rows, rows_in):
        assert all(_same(g, v) for g, v in zip(got[1:], want)), (got, want)


# --- guards --------------------------------------------------------------------------------------


def test_truncated_and_non_workbook_zip():
    data = _book(["ID", "Stage"], ["1", "a"])
    with pytest.raises(InputError, match="damaged or incomplete: open it in Excel and save it again"):
        _read(data[: len(data) // 2])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(InputError, match="not an Excel workbook"):
        _read(buf.getvalue())


def test_ratio_bomb_refused():
    data = _book(["ID", "Stage"], ["1", "a"])
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        zout.writestr("xl/media/padding.bin", b"\0" * (20 * 1024 * 1024))  # 20 MB of zeros -> ~20 KB
    with pytest.raises(InputError, match="zip bomb"):
        _read(buf.getvalue())


def test_declared_size_bomb_refused():
    data = bytearray(_book(["ID", "Stage"], ["1", "a"]))
    # Make the central directory declare 600 MB for the sheet (the real data is tiny).
    cd = data.rfind(b"PK\x01\x02", 0, data.find(b"PK\x05\x06"))
    while cd >= 0 and not data[cd + 46: cd + 46 + 24].startswith(b"xl/worksheets/sheet1.xml"):
        cd = data.rfind(b"PK\x01\x02", 0, cd)
    data[cd + 24: cd + 28] = (600 * 1024 * 1024).to_bytes(4, "little")
    with pytest.raises(InputError, match="would unpack to 600 MB"):
        _read(bytes(data))


def test_cell_at_xfd1048576_refused_without_parsing():
    wb = openpyxl.Workbook()
    wb.active.append(["ID", "Stage"])
    wb.active.append(["1", "a"])
    wb.active["XFD1048576"] = "x"
    with pytest.raises(InputError, match=r"row 1,048,576 and column XFD .*Ctrl\+End"):
        _read(_save(wb))


def test_absurd_dimension_alone_reads_the_real_range():
    data = _rezip(_book(["ID", "Stage"], ["1", "a"]),
                  lambda x: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', x))
    raw, rows = _read(data)
    assert raw.meta["dimension"] == "A1:XFD1048576"
    assert rows == [(2, "1", "a")]


def test_styled_empty_cells_far_away_do_not_count():
    wb = openpyxl.Workbook()
    wb.active.append(["ID", "Stage"])
    wb.active.append(["1", "a"])
    wb.active["XFD900000"].font = openpyxl.styles.Font(bold=True)  # formatting only, no value
    raw, rows = _read(_save(wb))
    assert raw.headers == ["ID", "Stage"] and rows == [(2, "1", "a")]


def test_legacy_ole2_bytes_get_a_message():
    with pytest.raises(InputError, match=r"legacy \.xls or a password-protected"):
        _read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)


def test_mixed_column_keeps_full_precision(tmp_path):
    # fastexcel renders numbers in a text column with at most 9 decimals (0.1234567890123 -> "0.123456789");
    # the reader re-reads such columns as numbers and keeps the full value.
    path = tmp_path / "m.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    sh = wb.add_worksheet()
    sh.write_row(0, 0, ["ID", "Value"])
    sh.write_row(1, 0, ["a", "n/a"])
    sh.write_row(2, 0, ["b", 0.1234567890123])  # 13 decimals
    sh.write_row(3, 0, ["c", "0.1234567890"])  # text that only looks like a number: kept as typed
    sh.write_row(4, 0, ["d", 2.5])
    wb.close()
    _, rows = _read(path.read_bytes())
    assert rows == [(2, "a", "n/a"), (3, "b", "0.1234567890123"), (4, "c", "0.1234567890"), (5, "d", "2.5")]


def test_two_cell_title_with_a_year_is_not_the_header():
    raw, rows = _read(_book(["Satış Raporu", 2025], ["Müşteri No", "Aşama", "Kanal"], ["7", "Kabul", "telefon"]))
    assert raw.header_row == 2 and raw.headers == ["Müşteri No", "Aşama", "Kanal"]
    assert rows == [(3, "7", "Kabul", "telefon")]


def test_malformed_sheet_xml_is_damaged():
    data = _rezip(_book(["ID", "Stage"], ["1", "a"]), lambda x: x[: len(x) // 2] + b"&&&<<")
    with pytest.raises(InputError, match="damaged or incomplete"):
        _read(data)


def test_list_sheets_on_broken_input():
    with pytest.raises(InputError, match="damaged or incomplete"):
        list_sheets(b"PK\x03\x04 not really a zip")


def test_formatted_empty_last_row_does_not_count():
    # A formatted (empty) cell in the sheet's last row: calamine ignores it, so must the guard.
    wb = openpyxl.Workbook()
    wb.active.append(["ID", "Stage"])
    wb.active.append(["1", "a"])
    wb.active["XFD1048576"].font = openpyxl.styles.Font(italic=True)
    raw, rows = _read(_save(wb))
    assert rows == [(2, "1", "a")] and raw.records_in_file == 1


def test_rows_without_r_numbers_use_the_slow_path():
    data = _rezip(_book(["ID", "Stage"], ["1", "a"], [], ["2", "b"]),
                  lambda x: re.sub(rb'(<(?:row|c)) r="[A-Z]*[0-9]+"', rb"\1", x))
    assert b'<row r="' not in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    raw, rows = _read(data)
    # without r= the empty row 3 is simply absent (an empty <row/> may remain): rows 2 and 4 or 2 and 3
    assert raw.headers == ["ID", "Stage"] and [r[1:] for r in rows] == [("1", "a"), ("2", "b")]
    assert raw.records_in_file == 2


def test_rich_text_header_in_shared_strings(tmp_path):
    path = tmp_path / "rich.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    sh = wb.add_worksheet()
    bold = wb.add_format({"bold": True})
    sh.write_rich_string(0, 0, bold, "Müşteri", " No")
    sh.write_string(0, 1, "Aşama")
    sh.write_row(1, 0, ["0007", "Kabul"])
    wb.close()
    raw, rows = _read(path.read_bytes())
    assert raw.headers == ["Müşteri No", "Aşama"] and rows == [(2, "0007", "Kabul")]


def test_cells_are_trimmed_by_the_reader_and_blank_looking_rows_skipped():
    raw, rows = _read(_book(["ID", "Stage"], ["  007 ", " a "], ["   ", " "], ["2", "b"]))
    assert raw.meta["clean"] is True
    # row 3 holds only spaces: a blank row (as a blank line in a CSV), not a record; said in the warnings
    assert rows == [(2, "007", "a"), (4, "2", "b")]
    assert raw.records_in_file == 2
    assert any("1 row(s) of sheet \"Veri\" hold only blank cells" in w for w in raw.warnings)


def test_blank_looking_row_does_not_break_the_import(ws):
    from cjm.ingest import import_file

    # (this raised "row count mismatch" before: the sheet's XML counted the row, the reader dropped it)
    rep = import_file(ws, _book(["ID", "Stage"], ["1", "a"], ["  ", " "], ["2", "b"]), file_name="b.xlsx")
    assert (rep.rows_read, rep.rows_loaded, rep.rows_rejected) == (2, 2, 0)


# --- the faster reader: paths of its own ---------------------------------------------------------


def _rezip_with(data: bytes, fn, *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """Like _rezip, with the members written with *compression*."""
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as zout:
        for info in zin.infolist():
            body = zin.read(info.filename)
            zout.writestr(info.filename, fn(body) if info.filename.startswith("xl/worksheets/sheet") else body)
    return out.getvalue()


def test_far_cell_inside_an_early_row_tag_is_refused():
    # calamine places a cell by its own reference, not by its <row> tag: a cell at XFD2000 written inside
    # row 2 (the last row tag says 3) spans 2,000 rows x 16,384 columns = 32.8M cells > MAX_CELLS.
    far = b'<c r="XFD2000" t="inlineStr"><is><t>x</t></is></c>'
    data = _rezip(_book(["ID", "Stage"], ["1", "a"], ["2", "b"]), lambda x: x.replace(b"</c></row>", b"</c>" + far
                                                                                        + b"</row>", 2))
    with pytest.raises(InputError, match=r"values as far as row 2,000 and column XFD"):
        _read(data)


def test_cells_without_r_far_right_are_measured():
    # 20,000 cells without r= in row 1,500 (rows carry r=): calamine counts them from column A, so the
    # range is 1,500 x 20,000 = 30M cells > MAX_CELLS; the guard measures them with the streaming parse.
    cells = b'<c t="inlineStr"><is><t>x</t></is></c>' * 20_000
    data = _rezip(_book(["ID", "Stage"], ["1", "a"]),
                  lambda x: x.replace(b"</sheetData>", b'<row r="1500">' + cells + b"</row></sheetData>"))
    with pytest.raises(InputError, match=r"1,500 rows x 20,000 columns"):
        _read(data)


def test_null_like_text_in_a_number_column_is_kept():
    # fastexcel types column B as numbers and reads "NULL" and "n/a" in it as null; the reader finds
    # those text cells in the sheet XML and reads column B again as text. Row 5 holds nothing else.
    data = _book(["ID", "Amount"], ["a", 1.5], ["b", "NULL"], ["c", None], [None, "n/a"], ["e", 2])
    raw, rows = _read(data)
    assert rows == [(2, "a", "1.5"), (3, "b", "NULL"), (4, "c", None), (5, None, "n/a"), (6, "e", "2")]
    assert raw.records_in_file == 5


def test_error_cells_read_as_empty_and_name_errors_do_not_break_the_sheet(tmp_path):
    # #N/A and #DIV/0! come out empty (as every reader shows them); a #NAME? cell made fastexcel's type
    # guess fail ("damaged" before): now every column is read as text and numbers keep their digits.
    path = tmp_path / "e.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    sh = wb.add_worksheet()
    sh.write_row(0, 0, ["ID", "Amount", "Other"])
    sh.write_row(1, 0, ["a", 0.1234567890123, 7])
    sh.write(2, 0, "b")
    sh.write_formula(2, 1, "=NA()", None, "#N/A")
    sh.write_formula(2, 2, "=1/0", None, "#DIV/0!")
    sh.write(3, 0, "c")
    sh.write_formula(3, 1, "=FOO()", None, "#NAME?")
    sh.write_number(3, 2, 2.5)
    sh.write_formula(4, 1, "=NA()", None, "#N/A")  # row 5 holds nothing but an error value
    wb.close()
    raw, rows = _read(path.read_bytes())
    assert rows == [(2, "a", "0.1234567890123", "7"), (3, "b", None, None), (4, "c", None, "2.5")]
    assert raw.records_in_file == 3
    assert any("1 row(s) of sheet" in w and "error values such as #N/A" in w for w in raw.warnings)


def test_wide_sheet_beyond_column_z():
    # 30 columns (AD is the last): not the plain layout, the width is measured; a text in the number
    # column AC is still found (cells start with r=).
    header = [f"H{i}" for i in range(1, 31)]
    data = _book(header, [f"v{i}" for i in range(1, 29)] + [1.5, "x"], [f"w{i}" for i in range(1, 29)] + ["n/a", "y"])
    raw, rows = _read(data)
    assert raw.headers == header
    assert [r[-2:] for r in rows] == [("1.5", "x"), ("n/a", "y")]


def test_attributes_before_r_use_fastexcel_for_nulled_cells():
    # Cells written <c s="0" r="B3" ...>: the per-column XML check cannot be used; fastexcel reports the
    # cells it nulled (through pyarrow) and the column is read again as text.
    data = _rezip(_book(["ID", "Amount"], ["a", 1.5], ["b", "n/a"], ["c", 2]),
                  lambda x: re.sub(rb'<c r="([A-Z]+[0-9]+)"', rb'<c s="0" r="\1"', x))
    assert b'<c s="0" r="B3"' in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    raw, rows = _read(data)
    assert rows == [(2, "a", "1.5"), (3, "b", "n/a"), (4, "c", "2")] and raw.records_in_file == 3


def test_mixed_column_with_dates_times_booleans_and_text():
    # one column holding a date, a date-time, a time, a boolean, a number and text: fastexcel renders it
    # as text; the reader turns its renderings back into what the user typed
    data = _book(["ID", "Mixed"], ["1", dt.date(2025, 1, 2)], ["2", dt.datetime(2025, 1, 3, 10, 30, 5)],
                 ["3", dt.time(10, 30)], ["4", True], ["5", 15], ["6", "  text  "])
    _, rows = _read(data)
    assert [r[2] for r in rows] == ["2025-01-02", "2025-01-03 10:30:05", "10:30:00", "TRUE", "15", "text"]


@pytest.mark.parametrize("inflater", ["zlib-ng", "zlib"])
def test_stored_sheet_and_corrupt_parts(inflater, monkeypatch):
    import zlib

    import cjm.ingest.excel as excel

    if inflater == "zlib":  # the fallback when zlib-ng is not installed
        monkeypatch.setattr(excel, "_zlib", zlib)
    else:
        assert excel._zlib.__name__.endswith("zlib_ng")
    data = _book(["ID", "Stage"], ["1", "a"], ["2", "b"])
    assert _read(data)[1] == [(2, "1", "a"), (3, "2", "b")]
    stored = _rezip_with(data, lambda x: x, compression=zipfile.ZIP_STORED)
    assert zipfile.ZipFile(io.BytesIO(stored)).getinfo("xl/worksheets/sheet1.xml").compress_type == 0
    assert _read(stored)[1] == [(2, "1", "a"), (3, "2", "b")]
    # a wrong CRC (central directory) for the sheet: damaged, before calamine reads it
    buf = bytearray(data)
    name = b"xl/worksheets/sheet1.xml"
    cd = buf.find(name, buf.find(b"PK\x01\x02")) - 46  # its central directory entry
    assert buf[cd:cd + 4] == b"PK\x01\x02"
    buf[cd + 16] ^= 0xFF
    with pytest.raises(InputError, match="damaged or incomplete"):
        _read(bytes(buf))
    # bytes of the compressed sheet overwritten: damaged (a deflate error or a CRC mismatch)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name.decode())
    body = info.header_offset + 30 + len(name) + int.from_bytes(data[info.header_offset + 28:info.header_offset + 30],
                                                                 "little")
    buf = bytearray(data)
    buf[body + info.compress_size // 2: body + info.compress_size // 2 + 8] = b"\xff" * 8
    with pytest.raises(InputError, match="damaged or incomplete"):
        _read(bytes(buf))
    # declared smaller than it really is (a bomb trying to slip under the size checks): damaged
    buf = bytearray(data)
    real = int.from_bytes(buf[cd + 24:cd + 28], "little")
    buf[cd + 24:cd + 28] = (real // 2).to_bytes(4, "little")
    with pytest.raises(InputError, match="damaged or incomplete"):
        _read(bytes(buf))


def test_sheet_xml_in_many_pieces(monkeypatch):
    # pieces of ~4 MB in real use; 64 bytes here, so rows, header and merged cells fall across pieces
    import cjm.ingest.excel as excel

    monkeypatch.setattr(excel, "PIECE", 64)
    passes: list[list[bytes]] = []
    regions = excel._regions

    def spy(chunks):
        passes.append([])
        for buf, a, b in regions(chunks):
            passes[-1].append(buf[a:b])
            yield buf, a, b

    monkeypatch.setattr(excel, "_regions", spy)
    wb = openpyxl.Workbook()
    sh = wb.active
    sh.append(["Rapor"])
    sh.append(["ID", "Tutar", None, "Stage"])
    sh.merge_cells("B2:C2")
    for i in range(40):
        sh.append([f"c{i}", i, i * 2, "a" if i % 2 else "b"])
    sh.append(["c40", "n/a", 1, "b"])
    raw, rows = _read(_save(wb))
    assert raw.header_row == 2 and raw.headers == ["ID", "Tutar", "Tutar (2)", "Stage"]
    assert raw.records_in_file == 41 and len(rows) == 41
    assert rows[0] == (3, "c0", "0", "0", "b") and rows[-1] == (43, "c40", "n/a", "1", "b")
    # the guard pass, the count pass (in a thread beside calamine), then (column B: "n/a" among numbers) the
    # pass looking for text cells; each pass in many regions that end before a row tag and put together give
    # the sheet's XML back
    assert len(passes) == 3 and passes[1] == passes[0] and passes[2] == passes[0][:len(passes[2])]
    sheet = zipfile.ZipFile(io.BytesIO(_save(wb))).read("xl/worksheets/sheet1.xml")
    assert len(passes[0]) > 40 and all(r.startswith(b"<row") for r in passes[0][1:])
    assert b"".join(passes[0]) == sheet


@pytest.mark.slow  # a subprocess
def test_reader_does_not_load_pyarrow_or_numpy_for_an_ordinary_sheet(tmp_path):
    # fastexcel's Arrow output reaches DuckDB through the PyCapsule interface: importing pyarrow (and with it
    # numpy) would cost more than the whole parse of a small file
    import subprocess
    import sys
    from pathlib import Path

    (tmp_path / "a.xlsx").write_bytes(_book(["ID", "Amount", "When"], ["a", 1.5, dt.date(2025, 1, 2)], ["b", "n/a", None]))
    code = ("import sys, duckdb\n"
            "from cjm.ingest.excel import read_xlsx\n"
            f"raw = read_xlsx(duckdb.connect(), open({str(tmp_path / 'a.xlsx')!r}, 'rb').read(), file_name='a', table='t')\n"
            "print(raw.records_in_file, sorted({m.split('.')[0] for m in sys.modules} & {'numpy', 'pyarrow', 'pandas'}))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "2 []"


def test_namespace_prefixed_sheet_xml():
    # some writers (the Open XML SDK) prefix every tag: <x:row>, <x:c>. The regular expressions see no
    # cells, so the streaming parse measures the sheet and fastexcel reports the cells it nulled.
    def prefix(xml: bytes) -> bytes:
        xml = xml.replace(b'<worksheet xmlns="', b'<worksheet xmlns:x="')
        return re.sub(rb"<(/?)(?![?!])([A-Za-z]+)", rb"<\1x:\2", xml)

    data = _rezip(_book(["ID", "Amount"], ["a", 1.5], ["b", "n/a"], [], ["c", 2]), prefix)
    assert b"<x:row " in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    raw, rows = _read(data)
    assert raw.headers == ["ID", "Amount"] and raw.records_in_file == 3
    assert rows == [(2, "a", "1.5"), (3, "b", "n/a"), (5, "c", "2")]


# --- the record count in a thread beside calamine ------------------------------------------------------


def test_formatted_empty_rows_below_the_header_only_are_no_data():
    # styled cells without values below the header: the sheet's rows reach row 4, so calamine reads it
    # while the count runs; the count then finds no record, and the user is told so (not "damaged")
    wb = openpyxl.Workbook()
    wb.active.append(["Customer ID", "Stage"])
    for ref in ("A3", "B4"):
        wb.active[ref].font = openpyxl.styles.Font(bold=True)
    with pytest.raises(InputError, match="has a header row but no data rows"):
        _read(_save(wb))


def test_the_count_is_reconciled_and_its_errors_surface(monkeypatch):
    import cjm.ingest.excel as excel

    data = _book(["ID", "Stage"], ["1", "a"], ["2", "b"])
    real = excel._SheetCount.__init__

    def one_more(self, *a, **kw):  # the count says 3 records where calamine reads 2
        real(self, *a, **kw)
        self.records += 1

    monkeypatch.setattr(excel._SheetCount, "__init__", one_more)
    raw, rows = _read(data)
    assert len(rows) == 2 and raw.records_in_file == 2 and "1 row(s)" in raw.warnings[-1]

    def broken(self, *a, **kw):
        raise InputError("the count failed")

    monkeypatch.setattr(excel._SheetCount, "__init__", broken)
    with pytest.raises(InputError, match="the count failed"):
        _read(data)


def test_no_count_thread_is_left_running_when_calamine_fails(monkeypatch):
    import threading
    import time

    import cjm.ingest.excel as excel

    def damaged(self, data, sheet_name, skip, file_name):
        raise excel._damaged(file_name)

    finished = []
    real = excel._SheetCount.__init__

    def slow(self, *a, **kw):  # still counting when calamine has already failed
        time.sleep(0.05)
        real(self, *a, **kw)
        finished.append(True)

    monkeypatch.setattr(excel._Calamine, "__init__", damaged)
    monkeypatch.setattr(excel._SheetCount, "__init__", slow)
    with pytest.raises(InputError, match="damaged or incomplete"):
        _read(_book(["ID", "Stage"], ["1", "a"]))
    assert finished == [True] and not [t for t in threading.enumerate() if t.name == "cjm-xlsx-count"]


def test_a_sheet_streamed_in_three_passes_counts_once_in_the_inflate_budget(monkeypatch):
    # guard, count and text-cell passes each inflate the sheet: the budget is on what the workbook
    # unpacks to (each member once), so a budget just above the workbook's size still reads it
    import cjm.ingest.excel as excel

    data = _book(["ID", "Amount"], *[[f"c{i}", i * 1.5] for i in range(300)], ["x", "n/a"])
    passes = []
    regions = excel._regions
    monkeypatch.setattr(excel, "_regions", lambda chunks: passes.append(1) or regions(chunks))
    total = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    monkeypatch.setattr(excel, "MAX_UNCOMPRESSED", total)
    raw, rows = _read(data)
    assert len(passes) == 3 and raw.records_in_file == 301 and rows[-1] == (302, "x", "n/a")
