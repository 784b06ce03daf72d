"""Read an XLSX/XLSM workbook into a :class:`~cjm.ingest.raw.RawTable` (every cell as text).

The cells are parsed once by fastexcel (calamine, in Rust) into Arrow and turned into text by
one DuckDB statement; Python never loops over the rows. Before that parse the workbook is
checked with :mod:`zipfile` alone, because a hostile or broken file can take calamine down:

* zip bombs — declared sizes and compression ratios, then every member is inflated in chunks
  under a hard cap (a member whose real size differs from its declared size fails its CRC);
* huge used ranges — a single cell at ``XFD1048576`` makes calamine allocate the whole grid
  (fastexcel#487, calamine#693), so the extent of the cells that hold values is measured
  from the sheet XML first and an absurd one is refused with a message;
* truncated or corrupt archives — an :class:`~cjm.errors.InputError` telling the user to
  re-save the file, never a traceback.

The sheet XML is also read (cheaply, with the first rows only) to find the header row below
title rows, and scanned by DuckDB to count the non-empty data rows independently of the
Arrow conversion (``records_in_file``).

Known limits: in a column that mixes text and numbers, TRUE/FALSE next to numbers read as 1/0 and
numbers smaller than 5e-10 read as "0" (fastexcel's text rendering), and the typed words
"true"/"false" come out as TRUE/FALSE; columns holding one kind of value are exact.

>>> import io, duckdb, openpyxl
>>> wb = openpyxl.Workbook(); sh = wb.active
>>> sh.append(["Rapor 2025"]); sh.append([]); sh.append(["Müşteri No", "Aşama"])
>>> sh.append(["00123", "farkındalık"]); sh.append([15, 2.5])
>>> buf = io.BytesIO(); wb.save(buf)
>>> cur = duckdb.connect().cursor()
>>> raw = read_xlsx(cur, buf.getvalue(), file_name="r.xlsx", table="raw_x")
>>> raw.headers, raw.header_row, raw.records_in_file
(['Müşteri No', 'Aşama'], 3, 2)
>>> cur.execute("SELECT * FROM raw_x ORDER BY _row").fetchall()
[(4, '00123', 'farkındalık'), (5, '15', '2.5')]
"""

from __future__ import annotations

import io
import logging
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import duckdb
import numpy as np
import pyarrow as pa

from cjm.errors import InputError
from cjm.ingest.raw import RawTable, int64_arrow
from cjm.sql import ident

#: Refuse archives that inflate to more than this in total (declared or real).
MAX_UNCOMPRESSED = 500 * 1024 * 1024
#: Refuse members (larger than :data:`RATIO_MIN_SIZE`) that compress better than this.
MAX_RATIO = 200
RATIO_MIN_SIZE = 1024 * 1024
#: Refuse sheets whose used range (rows x columns holding values) exceeds this many cells.
MAX_CELLS = 25_000_000
#: How many non-empty rows at the top of a sheet are looked at to find the header row.
HEADER_SCAN_ROWS = 30

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DAMAGED = "This Excel file is damaged or incomplete: open it in Excel and save it again, then upload it again."
_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]+)")


@dataclass
class _Sheet:
    name: str
    path: str  # zip member name, e.g. "xl/worksheets/sheet1.xml"
    visible: bool
    is_worksheet: bool


def col_letter(n: int) -> str:
    """1-based column number -> Excel letters.

    >>> col_letter(1), col_letter(27), col_letter(16384)
    ('A', 'AA', 'XFD')
    """
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def col_number(letters: str) -> int:
    """Excel letters -> 1-based column number.

    >>> col_number("A"), col_number("XFD")
    (1, 16384)
    """
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _damaged(file_name: str, detail: str = "") -> InputError:
    return InputError(f'"{file_name}": {_DAMAGED}' + (f" ({detail})" if detail else ""))


def _open_zip(data: bytes, file_name: str) -> zipfile.ZipFile:
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InputError(f'"{file_name}": this is a legacy .xls or a password-protected Excel file; open it in '
                         "Excel, remove any password, save it as .xlsx (Excel Workbook), and upload it again.")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = set(zf.namelist())
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise _damaged(file_name) from exc
    if "[Content_Types].xml" not in names:
        raise _damaged(file_name, "it is a zip archive but not an Excel workbook")
    return zf


def guard_sizes(zf: zipfile.ZipFile, file_name: str) -> None:
    """Refuse zip bombs from the declared sizes, before anything is inflated (raises :class:`InputError`).

    >>> import io, zipfile
    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    ...     z.writestr("big.bin", bytes(2 << 20))
    >>> guard_sizes(zipfile.ZipFile(buf), "b.xlsx")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    cjm.errors.InputError: "b.xlsx": part big.bin is compressed 1,0... to 1, which only a zip bomb does; ...
    """
    infos = zf.infolist()
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise InputError(f'"{file_name}": this workbook would unpack to {total / 2**20:,.0f} MB, more than the '
                         f"{MAX_UNCOMPRESSED // 2**20} MB this app reads; split the data into smaller files "
                         "or export it as CSV.")
    for i in infos:
        if i.file_size > RATIO_MIN_SIZE and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise InputError(f'"{file_name}": part {i.filename} is compressed {i.file_size // max(i.compress_size, 1):,}'
                             " to 1, which only a zip bomb does; this file was refused. Export the data again "
                             "from the original program.")


_guard_sizes = guard_sizes  # the earlier private name


class _Parts:
    """Zip members inflated on demand, in chunks, under one :data:`MAX_UNCOMPRESSED` budget, CRC-checked.

    Only the parts calamine will read are inflated (workbook, shared strings, styles, the sheets
    looked at): a member whose real size differs from its declared size fails its CRC here first.
    """

    def __init__(self, zf: zipfile.ZipFile, file_name: str):
        self.zf, self.file_name, self.total = zf, file_name, 0
        self.names = set(zf.namelist())
        self.cache: dict[str, bytes] = {}

    def get(self, name: str | None) -> bytes | None:
        return self[name] if name and name in self.names else None

    def __getitem__(self, name: str) -> bytes:
        if name not in self.cache:
            self.cache[name] = self._inflate(name)
        return self.cache[name]

    def _inflate(self, name: str) -> bytes:
        chunks = []
        try:
            with self.zf.open(name) as f:
                while chunk := f.read(1 << 20):
                    self.total += len(chunk)
                    if self.total > MAX_UNCOMPRESSED:
                        raise InputError(f'"{self.file_name}": this workbook unpacks to more than '
                                         f"{MAX_UNCOMPRESSED // 2**20} MB; split the data into smaller files "
                                         "or export it as CSV.")
                    chunks.append(chunk)
        except InputError:
            raise
        except RuntimeError as exc:  # zipfile: "File ... is encrypted, password required"
            raise InputError(f'"{self.file_name}": this Excel file is password-protected; open it in Excel, remove '
                             "the password (File > Info > Protect Workbook), save, and upload it again.") from exc
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, KeyError) as exc:
            raise _damaged(self.file_name) from exc
        return b"".join(chunks)


def _parse_xml(data: bytes, file_name: str) -> ET.Element:
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise _damaged(file_name) from exc


def _workbook_part(zf: zipfile.ZipFile, file_name: str) -> str:
    try:
        rels = _parse_xml(zf.read("_rels/.rels"), file_name)
    except KeyError:
        return "xl/workbook.xml"
    for rel in rels.iter(f"{_PKG_REL_NS}Relationship"):
        if rel.get("Type", "").endswith("/officeDocument"):
            return rel.get("Target", "xl/workbook.xml").lstrip("/")
    return "xl/workbook.xml"


def _read_book(zf: zipfile.ZipFile, file_name: str) -> tuple[list[_Sheet], bool, str]:
    """Sheets in workbook order, the 1904 flag, and the workbook part name."""
    wb_part = _workbook_part(zf, file_name)
    names = set(zf.namelist())
    if wb_part not in names:
        raise _damaged(file_name, "the workbook part is missing")
    root = _parse_xml(zf.read(wb_part), file_name)
    base = posixpath.dirname(wb_part)
    rels_part = posixpath.join(base, "_rels", posixpath.basename(wb_part) + ".rels")
    targets: dict[str, tuple[str, str]] = {}
    if rels_part in names:
        for rel in _parse_xml(zf.read(rels_part), file_name).iter(f"{_PKG_REL_NS}Relationship"):
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
            targets[rel.get("Id", "")] = (target, rel.get("Type", ""))
    pr = root.find(f"{_NS}workbookPr")
    date1904 = pr is not None and pr.get("date1904", "").lower() in ("1", "true")
    sheets = []
    for el in root.iter(f"{_NS}sheet"):
        target, typ = targets.get(el.get(f"{_REL_NS}id", ""), ("", ""))
        sheets.append(_Sheet(name=el.get("name", ""), path=target, visible=el.get("state", "visible") == "visible",
                             is_worksheet=typ.endswith("/worksheet") and target in names))
    return sheets, date1904, wb_part


def list_sheets(data: bytes) -> list[tuple[str, bool]]:
    """``(name, visible)`` for every sheet, in workbook order; reads only the workbook part.

    >>> import io, openpyxl
    >>> wb = openpyxl.Workbook(); wb.active.title = "Data"; wb.create_sheet("Old").sheet_state = "hidden"
    >>> buf = io.BytesIO(); wb.save(buf)
    >>> list_sheets(buf.getvalue())
    [('Data', True), ('Old', False)]
    """
    zf = _open_zip(data, "workbook")
    try:
        sheets, _, _ = _read_book(zf, "workbook")
    except (ET.ParseError, ValueError) as exc:
        raise _damaged("workbook") from exc
    return [(s.name, s.visible) for s in sheets]


# ---------------------------------------------------------------------------------------------
# The top of a sheet, read with a streaming XML parser (cheap: stops after a few rows)


def _cell_text(c: ET.Element) -> tuple[str, str | None]:
    """``(type, raw)`` of a cell element; raw None when the cell holds no value."""
    t = c.get("t", "n")
    if t == "inlineStr":
        is_ = c.find(f"{_NS}is")
        if is_ is None:
            return t, None
        return t, "".join(x.text or "" for x in is_.iter(f"{_NS}t")) or None
    v = c.find(f"{_NS}v")
    if v is None or not v.text:
        return t, None
    return t, v.text


def _xml_rows(xml: bytes):
    """``(excel_row, <row> element)`` streamed from a sheet's XML; rows without ``r`` follow the previous one."""
    last_r = 0
    for _, el in ET.iterparse(io.BytesIO(xml), events=("end",)):
        if el.tag == f"{_NS}row":
            last_r = int(el.get("r") or last_r + 1)
            yield last_r, el


def _xml_cells(row):
    """``(column number, <c> element)`` of a row element; cells without ``r`` follow the previous one."""
    last_c = 0
    for c in row.iter(f"{_NS}c"):
        m = _CELL_REF.match(c.get("r", ""))
        last_c = col_number(m.group(1)) if m else last_c + 1
        yield last_c, c


def _top_rows(xml: bytes, limit: int) -> list[tuple[int, dict[int, tuple[str, str]]]]:
    """The first *limit* rows that hold values: ``[(excel_row, {col: (type, raw)})]``."""
    rows: list[tuple[int, dict[int, tuple[str, str]]]] = []
    for r, el in _xml_rows(xml):
        cells: dict[int, tuple[str, str]] = {}
        for col, c in _xml_cells(el):
            t, raw = _cell_text(c)
            if raw is not None:
                cells[col] = (t, raw)
        el.clear()
        if cells:
            rows.append((r, cells))
            if len(rows) >= limit:
                break
    return rows


def _shared_strings(zf_data: bytes | None, needed: int) -> list[str]:
    """The first ``needed + 1`` shared strings (rich-text runs joined, phonetic runs left out)."""
    out: list[str] = []
    if zf_data is None or needed < 0:
        return out
    for _, el in ET.iterparse(io.BytesIO(zf_data), events=("end",)):
        if el.tag == f"{_NS}si":
            parts = []
            for child in el:
                if child.tag == f"{_NS}t":
                    parts.append(child.text or "")
                elif child.tag == f"{_NS}r":
                    parts.extend(t.text or "" for t in child.iter(f"{_NS}t"))
            out.append("".join(parts))
            el.clear()
            if len(out) > needed:
                break
    return out


def _display(t: str, raw: str, sst: list[str]) -> str:
    """Header-cell text as the user sees it (numbers without a spurious .0)."""
    if t == "s":
        try:
            return sst[int(raw)]
        except (ValueError, IndexError):
            return ""
    if t == "b":
        return "TRUE" if raw.strip() == "1" else "FALSE"
    if t == "n":
        try:
            f = float(raw)
        except ValueError:
            return raw
        return str(int(f)) if f.is_integer() and abs(f) < 1e16 else repr(f)
    return raw


def _find_header(top: list[tuple[int, dict[int, str]]], texty: list[bool] | None = None) -> int:
    """Index in *top* of the header row.

    Candidates are the rows at least half as wide as the widest row (and 2 cells wide when the
    table is); the first candidate whose cells are all text wins (a title such as "Rapor" + 2025
    is not), else the first candidate. ``texty[i]``: row i holds only text cells.

    >>> _find_header([(1, {1: "Rapor"}), (3, {1: "a", 2: "b", 3: "c"}), (4, {1: "1", 2: "2", 3: "3"})])
    1
    >>> _find_header([(1, {1: "Rapor", 2: "2025"}), (2, {1: "ID", 2: "Stage", 3: "Date"})], [False, True])
    1
    """
    widest = max(len(cells) for _, cells in top)
    need = max(2 if widest >= 2 else 1, (widest + 1) // 2)
    candidates = [i for i, (_, cells) in enumerate(top) if len(cells) >= need]
    if texty is not None:
        for i in candidates:
            if texty[i]:
                return i
    return candidates[0]


# ---------------------------------------------------------------------------------------------
# The whole sheet, scanned with C-level regular expressions (no per-row Python): the extent of
# the cells that hold values (the bomb guard) and the non-empty rows below the header, counted
# independently of calamine/Arrow.

_F = rb"(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)?"  # an optional formula before the cached value
#: A row that holds at least one value: skip empty cells (self-closing, or a formula without a
#: cached value), then a cell with a non-empty <v> or an inline string.
_ROW_WITH_VALUE = re.compile(rb"<row\b[^>]*>(?:<c\b[^>]*/>|<c\b[^>]*>" + _F + rb"</c>)*<c\b[^>]*>" + _F
                             + rb"<(?:v>[^<]|is>)")
_WIDE_VALUE_CELL = re.compile(rb'<c\s[^>]*?\br="([A-Z]{2,3})[0-9]+"[^>]*>' + _F + rb"<(?:v|is)>")
_VALUE_CELL_COL = re.compile(rb'<c\s[^>]*?\br="([A-Z]{1,3})[0-9]+"[^>]*>' + _F + rb"<(?:v|is)>")
_VALUE_ROW_NUMBER = re.compile(rb'<row\s[^>]*?\br="([0-9]+)"[^>]*>(?:<c\b[^>]*/>|<c\b[^>]*>' + _F + rb"</c>)*<c\b[^>]*>"
                               + _F + rb"<(?:v|is)>")
_LAST_ROW = re.compile(rb'<row\s[^>]*?\br="([0-9]+)"')


def _scan_sheet(xml: bytes, top_row: int, header_row: int) -> tuple[int, int, int, Callable[[], int]] | None:
    """``(rows, width, last_col, count)`` bounding the cells that hold values, or None when rows carry no
    ``r=``; ``count()`` gives the non-empty rows below the header (run it while calamine parses).

    Cheap for ordinary sheets: the last row element and the widest column letters in use give an
    upper bound; only when that bound is too large are the cells holding values measured exactly
    (a formatted but empty cell or row far away does not count, as calamine ignores it too).
    """
    last = xml.rfind(b"<row")
    m = _LAST_ROW.match(xml, last) if last >= 0 else None
    # Writers put r= first (Excel, openpyxl, xlsxwriter...): then patterns with a literal prefix are
    # several times faster. Otherwise fall back to patterns that find r= anywhere in the tag.
    fast = not re.search(rb'<(?:c|row) (?!r=")', xml)
    pre_c, pre_row = (b'<c r="', b'<row r="') if fast else (rb'<c\s[^>]*?\br="', rb'<row\s[^>]*?\br="')
    h = re.compile(pre_row + b'%d"[^>]*>' % header_row).search(xml)
    if m is None or h is None:
        return None
    rows = int(m.group(1)) - top_row + 1
    last_col = 26
    if re.search(pre_c + rb"[A-Z]{2}", xml):
        last_col = 702
        if re.search(pre_c + rb"[A-Z]{3}", xml) or rows * last_col > MAX_CELLS:
            wide = set(_WIDE_VALUE_CELL.findall(xml))
            last_col = max((col_number(w.decode()) for w in wide), default=26)
    width = last_col
    if rows * width > MAX_CELLS:  # measure exactly
        value_rows = _VALUE_ROW_NUMBER.findall(xml)
        rows = (int(value_rows[-1]) if value_rows else top_row) - top_row + 1
        cols = [col_number(c.decode()) for c in set(_VALUE_CELL_COL.findall(xml))] or [1]
        last_col, width = max(cols), max(cols) - min(cols) + 1
    start = h.end()
    return rows, width, last_col, lambda: len(_ROW_WITH_VALUE.findall(xml, start))


_MERGE = re.compile(rb'<mergeCell\s[^>]*?ref="([A-Z]{1,3}[0-9]+):([A-Z]{1,3}[0-9]+)"')


def _merges(xml: bytes) -> list[tuple[int, int, int, int]]:
    """Merged ranges as ``(row1, col1, row2, col2)`` from the ``<mergeCells>`` block after the data."""
    end = xml.rfind(b"</sheetData>")
    out = []
    for a, b in _MERGE.findall(xml, max(end, 0)):
        m1, m2 = _CELL_REF.fullmatch(a.decode()), _CELL_REF.fullmatch(b.decode())
        if m1 and m2:
            out.append((int(m1.group(2)), col_number(m1.group(1)), int(m2.group(2)), col_number(m2.group(1))))
    return out


def _dimension(xml: bytes) -> str | None:
    m = re.search(rb'<dimension\s[^>]*?ref="([^"]*)"', xml[:4096])
    return m.group(1).decode("ascii", errors="replace") if m else None


# ---------------------------------------------------------------------------------------------
# Cells -> text, in SQL


def _float_text(q: str) -> str:
    """A double as text: integral values below 1e16 without ".0", others in full (Python repr style)."""
    return (f"CASE WHEN {q} = trunc({q}) AND abs({q}) < 1e16 THEN CAST(CAST({q} AS BIGINT) AS VARCHAR) "
            f"ELSE CAST({q} AS VARCHAR) END")


def _pre_expr(col: str, typ: pa.DataType) -> str | None:
    """An inner projection ``<col>_s`` that :func:`_text_expr` reads (timestamps: the text once)."""
    if pa.types.is_timestamp(typ):
        q = ident(col)
        return (f"strftime(date_trunc('second', CAST({q} AS TIMESTAMP) + INTERVAL 500 MILLISECOND), "
                f"'%Y-%m-%d %H:%M:%S') AS {ident(col + '_s')}")
    return None


def _text_expr(col: str, typ: pa.DataType, date1904: bool) -> str:
    """SQL turning one Arrow column into the text a user would type."""
    q = ident(col)
    time_only_days = "('1899-12-30', '1899-12-31'" + (", '1904-01-01')" if date1904 else ")")
    if pa.types.is_floating(typ):
        return _float_text(q)
    if pa.types.is_integer(typ):
        return f"CAST({q} AS VARCHAR)"
    if pa.types.is_boolean(typ):
        return f"CASE WHEN {q} THEN 'TRUE' WHEN NOT {q} THEN 'FALSE' END"
    if pa.types.is_timestamp(typ):
        # the text comes from _pre_expr's "<col>_s" (one strftime per cell), then plain string work
        x = ident(f"{col}_s")
        return (f"CASE WHEN {x} IS NULL THEN NULL WHEN left({x}, 10) IN {time_only_days} THEN right({x}, 8) "
                f"WHEN suffix({x}, ' 00:00:00') THEN left({x}, 10) ELSE {x} END")
    if pa.types.is_date(typ):
        return f"strftime(CAST({q} AS DATE), '%Y-%m-%d')"
    if pa.types.is_duration(typ):
        return f"CAST(to_milliseconds(CAST(epoch_ms({q}) AS BIGINT)) AS VARCHAR)"
    if pa.types.is_null(typ):
        return "CAST(NULL AS VARCHAR)"
    # text, or a column mixing types that fastexcel rendered as text: "true"/"false" are Excel
    # booleans, "YYYY-MM-DD 00:00:00" a date cell, "1899-12-31 hh:mm:ss" a time-only cell.
    v = f"CAST({q} AS VARCHAR)"
    days = "1899-12-3[01]" + ("|1904-01-01" if date1904 else "")
    return (f"CASE WHEN {v} = '' THEN NULL WHEN {v} = 'true' THEN 'TRUE' WHEN {v} = 'false' THEN 'FALSE' "
            f"WHEN length({v}) <> 19 OR substr({v}, 11, 1) <> ' ' THEN {v} "
            f"WHEN regexp_full_match({v}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}} 00:00:00') THEN left({v}, 10) "
            f"WHEN regexp_full_match({v}, '({days}) [0-9]{{2}}:[0-9]{{2}}:[0-9]{{2}}') THEN right({v}, 8) "
            f"ELSE {v} END")


def _unique(names: list[str]) -> list[str]:
    """Make header names unique with " (2)", " (3)"...

    >>> _unique(["Aşama", "Tarih", "Aşama", "Aşama (2)"])
    ['Aşama', 'Tarih', 'Aşama (3)', 'Aşama (2)']
    """
    taken = set(names)
    seen: set[str] = set()
    out = []
    for n in names:
        if n in seen:
            k = 2
            while f"{n} ({k})" in taken:
                k += 1
            n = f"{n} ({k})"
            taken.add(n)
        seen.add(n)
        out.append(n)
    return out


def _is_panic(exc: BaseException) -> bool:
    return type(exc).__name__ == "PanicException"


# fastexcel logs "Could not determine dtype for column N, falling back to string" for empty
# columns: harmless here (we want text), and it must not reach the CLI's stderr.
logging.getLogger("fastexcel").setLevel(logging.ERROR)


def _load_arrow(data: bytes, sheet_name: str, skip: int, file_name: str) -> tuple[pa.Table, int]:
    """Rows below *skip* (1-based Excel rows 1..skip are skipped) as Arrow; also the first column number."""
    import fastexcel

    try:
        reader = fastexcel.read_excel(data)
        opts = dict(header_row=None, skip_rows=skip, schema_sample_rows=None, dtype_coercion="coerce")
        sh = reader.load_sheet(sheet_name, **opts)
        first_col = sh.available_columns()[0].absolute_index + 1 if sh.width else 1
        tbl, errors = sh.to_arrow_with_errors()
        if errors is not None and errors.errors:
            # A cell that did not fit its column's guessed type (e.g. "n/a" in a number column) would
            # become null: read those columns again as text so that nothing is lost.
            names = tbl.schema.names
            bad = {names[e.offset_position[1]]: "string" for e in errors.errors}
            tbl = reader.load_sheet(sheet_name, dtypes=bad, **opts).to_arrow()
    except BaseException as exc:  # a Rust panic arrives as a BaseException
        if isinstance(exc, Exception) or _is_panic(exc):
            raise _damaged(file_name) from exc
        raise
    if isinstance(tbl, pa.RecordBatch):
        tbl = pa.Table.from_batches([tbl])
    return tbl, first_col


def _load_floats(data: bytes, sheet_name: str, skip: int, names: list[str], file_name: str) -> pa.Table:
    """Columns *names* (fastexcel's names) read as numbers; text cells come back null."""
    import fastexcel

    try:
        sh = fastexcel.read_excel(data).load_sheet(
            sheet_name, header_row=None, skip_rows=skip, schema_sample_rows=None, use_columns=names,
            dtypes={n: "float" for n in names})
        tbl = sh.to_arrow_with_errors()[0]
    except BaseException as exc:  # a Rust panic arrives as a BaseException
        if isinstance(exc, Exception) or _is_panic(exc):
            raise _damaged(file_name) from exc
        raise
    return pa.Table.from_batches([tbl]) if isinstance(tbl, pa.RecordBatch) else tbl


# ---------------------------------------------------------------------------------------------


def read_xlsx(cur: duckdb.DuckDBPyConnection, data: bytes, *, file_name: str, table: str,
              sheet: str | None = None) -> RawTable:
    """Read one sheet of an .xlsx/.xlsm into TEMP table *table* on *cur* (``_row`` + ``c0..cN`` VARCHAR).

    *sheet* None takes the first visible sheet that holds data. Title rows above the header are
    skipped, blank header cells under a merged header get the merged text + " (2)", other blank
    headers "Column F", duplicates " (2)". Cells become text: "00123" stays, 15 -> "15",
    dates -> "YYYY-MM-DD[ HH:MM:SS]", booleans -> TRUE/FALSE, formulas -> their cached value.
    ``meta``: sheet, sheets [(name, visible)], date1904, dimension.

    >>> import io, duckdb, openpyxl
    >>> wb = openpyxl.Workbook(); wb.active.append(["ID", "Stage"]); wb.active.append([7, "x"])
    >>> buf = io.BytesIO(); wb.save(buf)
    >>> raw = read_xlsx(duckdb.connect(), buf.getvalue(), file_name="a.xlsx", table="t")
    >>> raw.headers, raw.records_in_file, raw.meta["sheet"]
    (['ID', 'Stage'], 1, 'Sheet')
    """
    try:
        return _read_xlsx(cur, data, file_name=file_name, table=table, sheet=sheet)
    except (ET.ParseError, ValueError) as exc:  # malformed XML or cell references in a part
        raise _damaged(file_name) from exc


def _read_xlsx(cur: duckdb.DuckDBPyConnection, data: bytes, *, file_name: str, table: str,
               sheet: str | None) -> RawTable:
    zf = _open_zip(data, file_name)
    guard_sizes(zf, file_name)
    sheets, date1904, wb_part = _read_book(zf, file_name)
    if not sheets:
        raise _damaged(file_name, "it has no sheets")
    names = set(zf.namelist())
    sst_part = next((p for p in ("xl/sharedStrings.xml", posixpath.join(posixpath.dirname(wb_part),
                                                                        "sharedStrings.xml")) if p in names), None)
    parts = _Parts(zf, file_name)
    for part in (sst_part, posixpath.join(posixpath.dirname(wb_part), "styles.xml")):
        parts.get(part)  # read by calamine on open: inflate (and CRC-check) under the budget first
    listing = ", ".join(f'"{s.name}"' + ("" if s.visible else " (hidden)") for s in sheets)

    warnings: list[str] = []
    if sheet is not None:
        chosen = next((s for s in sheets if s.name == sheet), None)
        if chosen is None:
            chosen = next((s for s in sheets if s.name.strip().casefold() == sheet.strip().casefold()), None)
        if chosen is None:
            raise InputError(f'"{file_name}": there is no sheet "{sheet}"; the sheets are {listing}. '
                             "Choose one of these.")
        if not chosen.is_worksheet:
            raise InputError(f'"{file_name}": sheet "{chosen.name}" is a chart, not a table; choose one of {listing}.')
        top = _top_rows(parts[chosen.path], HEADER_SCAN_ROWS)
        if not top:
            raise InputError(f'"{file_name}": sheet "{chosen.name}" is empty; choose another sheet ({listing}).')
    else:
        chosen, top = None, []
        for s in sheets:
            if not (s.visible and s.is_worksheet):
                continue
            top = _top_rows(parts[s.path], HEADER_SCAN_ROWS)
            if top:
                chosen = s
                break
        if chosen is None:
            hidden = [s.name for s in sheets if not s.visible and s.is_worksheet and _top_rows(parts[s.path], 1)]
            extra = (f"; hidden sheets with data: {', '.join(hidden)} — unhide one in Excel or choose it by name"
                     if hidden else "; fill in a sheet and save again")
            raise InputError(f'"{file_name}": no visible sheet holds any data (sheets: {listing}){extra}.')
        skipped = [s.name for s in sheets[:sheets.index(chosen)] if not s.visible]
        if skipped:
            warnings.append(f"Hidden sheet(s) skipped: {', '.join(skipped)}.")

    # Header row and texts, from the top rows + the shared strings they use.
    needed = max((int(raw) for _, cells in top for t, raw in cells.values() if t == "s" and raw.isdigit()),
                 default=-1)
    sst = _shared_strings(parts.get(sst_part), needed)
    shown = [(r, {c: (t, _display(t, raw, sst)) for c, (t, raw) in cells.items()}) for r, cells in top]
    shown = [(r, {c: tv for c, tv in cells.items() if tv[1].strip()}) for r, cells in shown]
    shown = [(r, cells) for r, cells in shown if cells] or [(r, {c: (t, raw) for c, (t, raw) in cells.items()})
                                                            for r, cells in top]
    top_text = [(r, {c: v for c, (_, v) in cells.items()}) for r, cells in shown]
    texty = [all(t in ("s", "inlineStr", "str") for t, _ in cells.values()) for _, cells in shown]
    header_row, header_cells = top_text[_find_header(top_text, texty)]
    if header_row > min(r for r, _ in top_text):
        warnings.append(f'Rows above the header (row {header_row}) were skipped as titles.')

    xml = parts[chosen.path]
    dim = _dimension(xml)
    top_row = top_text[0][0]
    scan = _scan_sheet(xml, top_row, header_row)
    if scan is None:
        rows_upper, width, last_col, n = _scan_sheet_python(xml, top_row, header_row)
        count: Callable[[], int] = lambda: n  # noqa: E731
    else:
        rows_upper, width, last_col, count = scan
    if rows_upper * width > MAX_CELLS:
        raise InputError(f'"{file_name}": sheet "{chosen.name}" has values as far as row {top_row + rows_upper - 1:,} '
                         f"and column {col_letter(last_col)} ({rows_upper:,} rows x {width:,} columns), "
                         "too large to read safely. In Excel press Ctrl+End to find the stray cells far from your "
                         "table, delete those rows/columns (or copy the table to a new sheet), save, and upload again.")

    merges = _merges(xml)
    tname = ident(table)
    meta = {"sheet": chosen.name, "sheets": [(s.name, s.visible) for s in sheets], "date1904": date1904,
            "dimension": dim, "clean": True}

    def header_for(cn: int) -> str:
        text = header_cells.get(cn, "").strip()
        if text:
            return text
        m = next((m for m in merges if m[0] <= header_row <= m[2] and m[1] < cn <= m[3]), None)
        if m and header_cells.get(m[1], "").strip():
            return f"{header_cells[m[1]].strip()} ({cn - m[1] + 1})"
        return f"Column {col_letter(cn)}"

    header_only = InputError(f'"{file_name}" (sheet "{chosen.name}") has a header row but no data rows. Export '
                             "the data again including the rows and upload it.")
    if top_row + rows_upper - 1 <= header_row:
        raise header_only
    # Count the records (Python regex, holds the GIL) while calamine parses (Rust, releases it).
    with ThreadPoolExecutor(max_workers=1) as pool:
        counting = pool.submit(count)
        arrow, first_col = _load_arrow(data, chosen.name, header_row, file_name)
        records = counting.result()
    if records == 0:
        raise header_only
    # Arrow column k is Excel column first_col + k (fastexcel starts at the first column holding a value).
    ncols = arrow.num_columns
    col_nums = [first_col + k for k in range(ncols)]
    fe_names = arrow.schema.names
    arrow = arrow.rename_columns([f"a{k}" for k in range(ncols)]).append_column(
        "__i", int64_arrow(np.arange(arrow.num_rows, dtype=np.int64)).column(0))  # (pa.array imports pandas)
    exprs = [_text_expr(f"a{k}", arrow.schema.field(k).type, date1904) for k in range(ncols)]
    view = f"__cjm_xlsx_{id(arrow):x}"
    cur.register(view, arrow)
    try:
        # In a column mixing text and numbers fastexcel renders numbers with at most 9 decimals.
        # Where that may have cut digits, read those columns again as numbers and use the full value
        # for the cells whose text is exactly fastexcel's rendering of that number.
        text_cols = [k for k in range(ncols) if pa.types.is_string(arrow.schema.field(k).type)
                     or pa.types.is_large_string(arrow.schema.field(k).type)]
        if text_cols:
            probe = ", ".join(f"bool_or(a{k} LIKE '%.%' AND regexp_full_match(a{k}, '-?[0-9]+[.][0-9]{{9}}'))"
                              for k in text_cols)
            flags = cur.execute(f"SELECT {probe} FROM {ident(view)}").fetchall()[0]
            lossy = [k for k, f in zip(text_cols, flags) if f]
            if lossy:
                nums = _load_floats(data, chosen.name, header_row, [fe_names[k] for k in lossy], file_name)
                cur.unregister(view)
                for k, col in zip(lossy, nums.columns):
                    arrow = arrow.append_column(f"f{k}", col)
                    f = ident(f"f{k}")
                    exprs[k] = (f"CASE WHEN {f} IS NOT NULL AND a{k} = rtrim(rtrim(printf('%.9f', {f}), '0'), '.') "
                                f"THEN {_float_text(f)} ELSE {exprs[k]} END")
                cur.register(view, arrow)
        staged = ", ".join(f"{e} AS v{k}" for k, e in enumerate(exprs))
        pre = [e for k in range(ncols) if (e := _pre_expr(f"a{k}", arrow.schema.field(k).type))]
        source = f"(SELECT *, {', '.join(pre)} FROM {ident(view)})" if pre else ident(view)
        all_null = " AND ".join(f"v{k} IS NULL" for k in range(ncols)) or "TRUE"
        # cells trimmed and empty ones NULL here (meta["clean"]), so the conversions need no second copy; a row
        # of blank-looking cells is still kept (it is a record of the sheet, rejected later with its reason)
        trimmed = ", ".join(f"NULLIF(trim(v{k}), '') AS v{k}" for k in range(ncols))
        cur.execute(f"CREATE OR REPLACE TEMP TABLE {tname} AS SELECT _row, {trimmed} FROM (SELECT CAST(? + __i AS "
                    f"BIGINT) AS _row, {staged} FROM {source}) WHERE NOT ({all_null})", [header_row + 1])
    finally:
        cur.unregister(view)
    del arrow

    # Drop columns with neither a header nor data (e.g. a title cell left of the table); name the rest c0..
    counts = cur.execute(f"SELECT {', '.join(f'count(v{k})' for k in range(ncols))} FROM {tname}").fetchall()[0]
    keep = [k for k in range(ncols) if header_cells.get(col_nums[k], "").strip() or counts[k]]
    for k in range(ncols):
        if k not in keep:
            cur.execute(f"ALTER TABLE {tname} DROP COLUMN v{k}")
    for i, k in enumerate(keep):
        cur.execute(f"ALTER TABLE {tname} RENAME COLUMN v{k} TO c{i}")
    headers = _unique([header_for(col_nums[k]) for k in keep])
    loaded = cur.execute(f"SELECT count(*) FROM {tname}").fetchall()[0][0]
    if loaded < records:
        # rows whose cells hold only spaces (fastexcel reads them as empty): blank rows, not records — as a
        # blank line in a CSV file; said in the report rather than failing the reconciliation
        warnings.append(f"{records - loaded:,} row(s) of sheet \"{chosen.name}\" hold only blank cells (spaces); "
                        "they were skipped.")
        records = loaded
    elif loaded != records:  # pragma: no cover - more rows than the sheet's XML holds: a reader bug
        warnings.append(f"The sheet has {records:,} non-empty rows below the header but {loaded:,} were read.")
    return RawTable(file_name=file_name, kind="xlsx", table=table, headers=headers, records_in_file=records,
                    header_row=header_row, warnings=warnings, meta=meta)


def _scan_sheet_python(xml: bytes, top_row: int, header_row: int) -> tuple[int, int, int, int]:
    """Fallback for sheets whose rows carry no ``r`` numbers: a streaming parse (slower, rare)."""
    max_r = max_c = count = 0
    min_c = 1 << 20
    for r, el in _xml_rows(xml):
        nonempty = False
        for col, c in _xml_cells(el):
            if _cell_text(c)[1] is not None:
                nonempty = True
                max_c, min_c = max(max_c, col), min(min_c, col)
        el.clear()
        if nonempty:
            max_r = r
            if r > header_row:
                count += 1
    return max_r - top_row + 1, max(max_c - min_c + 1, 1), max(max_c, 1), count
