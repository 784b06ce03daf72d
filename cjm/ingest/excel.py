"""Read an XLSX/XLSM workbook into a :class:`~cjm.ingest.raw.RawTable` (every cell as text).

The cells are parsed once by fastexcel (calamine, in Rust) and handed to DuckDB through the Arrow
PyCapsule interface (no pyarrow, no numpy); one DuckDB statement turns them into text, so Python
never loops over the rows. Before that parse the workbook is checked with :mod:`zipfile` and
:mod:`zlib` (zlib-ng when installed) alone, because a hostile or broken file can take calamine down:

* zip bombs — declared sizes and compression ratios, then the parts calamine reads are inflated
  in chunks under a hard cap, their real sizes and CRCs checked;
* huge used ranges — a single cell at ``XFD1048576`` makes calamine allocate the whole grid
  (fastexcel#487, calamine#693), so the extent of the cells that hold values is bounded from
  the cells' own references in the sheet XML first (streamed a few MB at a time, one regular
  expression for an ordinary sheet) and an absurd one is refused with a message;
* truncated or corrupt archives — an :class:`~cjm.errors.InputError` telling the user to
  re-save the file, never a traceback.

The header row below title rows is found from the first rows of the sheet XML, and the non-empty
data rows are counted from the XML by regular expressions, independently of calamine
(``records_in_file``), in a second streamed pass that runs in a thread while calamine parses the
sheet (calamine releases the GIL; on two cores the count costs no time).

Known limits: in a column that mixes text and numbers, TRUE/FALSE next to numbers read as 1/0 and
numbers smaller than 5e-10 read as "0" (fastexcel's text rendering), and the typed words
"true"/"false" come out as TRUE/FALSE; columns holding one kind of value are exact. Error cells
(#N/A, #DIV/0!, #NAME?...) read as empty.

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
import threading
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import duckdb

try:  # zlib-ng inflates the sheet XML about twice as fast as zlib, with the same API
    from zlib_ng import zlib_ng as _zlib
except ImportError:  # pragma: no cover - an installation without it still works
    _zlib = zlib  # type: ignore[misc]

from cjm.core.sql import ident
from cjm.errors import InputError, Message
from cjm.ingest.raw import RawTable

#: Refuse archives that inflate to more than this in total (declared or real).
MAX_UNCOMPRESSED = 500 * 1024 * 1024
#: Refuse members (larger than :data:`RATIO_MIN_SIZE`) that compress better than this.
MAX_RATIO = 200
RATIO_MIN_SIZE = 1024 * 1024
#: Refuse sheets whose used range (rows x columns holding values) exceeds this many cells.
MAX_CELLS = 25_000_000
#: How many non-empty rows at the top of a sheet are looked at to find the header row.
HEADER_SCAN_ROWS = 30
#: A sheet's XML is inflated and scanned in pieces of about this size (each ends before a ``<row``).
PIECE = 4 << 20

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DAMAGED_DETAIL = {"it is a zip archive but not an Excel workbook": "ingest.damaged.not_workbook",
                   "the workbook part is missing": "ingest.damaged.no_workbook_part",
                   "it has no sheets": "ingest.damaged.no_sheets"}
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
    if detail:
        return InputError("ingest.xlsx_damaged_detail", file=file_name, detail=Message(_DAMAGED_DETAIL[detail]))
    return InputError("ingest.xlsx_damaged", file=file_name)


def _open_zip(data: bytes, file_name: str) -> zipfile.ZipFile:
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InputError("ingest.xls_or_encrypted", file=file_name)
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
        raise InputError("ingest.xlsx_too_big", file=file_name, mb=round(total / 2**20),
                         limit=MAX_UNCOMPRESSED // 2**20)
    for i in infos:
        if i.file_size > RATIO_MIN_SIZE and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise InputError("ingest.zip_bomb", file=file_name, part=i.filename,
                             ratio=i.file_size // max(i.compress_size, 1))


_guard_sizes = guard_sizes  # the earlier private name


class _Parts:
    """Zip members inflated on demand, in chunks, under one :data:`MAX_UNCOMPRESSED` budget, size- and
    CRC-checked (a member whose real size differs from its declared size is refused as damaged). A member
    may be inflated more than once (a sheet is streamed in several passes); its bytes count once.

    Only the parts calamine will read are inflated (workbook, shared strings, styles, the sheets looked
    at). Deflated and stored members are read straight from *data* with :mod:`zlib`; other methods go
    through :mod:`zipfile`.

    >>> import io, zipfile
    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    ...     z.writestr("a.xml", b"<row/>" * 1000)
    >>> parts = _Parts(zipfile.ZipFile(buf), buf.getvalue(), "a.xlsx")
    >>> len(parts["a.xml"]), parts.total, parts.get("missing.xml")
    (6000, 6000, None)
    """

    def __init__(self, zf: zipfile.ZipFile, data: bytes, file_name: str):
        self.zf, self.data, self.file_name, self.total = zf, data, file_name, 0
        self.names = set(zf.namelist())
        self.cache: dict[str, bytes] = {}
        self._counted: dict[str, int] = {}  # member -> bytes of it counted in total
        self._lock = threading.Lock()  # passes may run in two threads

    def get(self, name: str | None) -> bytes | None:
        return self[name] if name and name in self.names else None

    def __getitem__(self, name: str) -> bytes:
        if name not in self.cache:
            self.cache[name] = b"".join(self.chunks(name))
        return self.cache[name]

    def _count(self, name: str, got: int) -> None:
        """*got* bytes of member *name* inflated so far in this pass: count those not counted before."""
        with self._lock:
            before = self._counted.get(name, 0)
            if got <= before:
                return
            self._counted[name] = got
            self.total += got - before
            over = self.total > MAX_UNCOMPRESSED
        if over:
            raise InputError("ingest.xlsx_over_limit", file=self.file_name, limit=MAX_UNCOMPRESSED // 2**20)

    def chunks(self, name: str, size: int | None = None) -> Iterator[bytes]:
        """The inflated member in chunks of at most *size* bytes (default :data:`PIECE`); the last one is
        yielded only after the member's real size and CRC were checked."""
        size = size or PIECE
        try:
            info = self.zf.getinfo(name)
        except KeyError as exc:
            raise _damaged(self.file_name) from exc
        if info.flag_bits & 0x1:
            raise InputError("ingest.xlsx_encrypted", file=self.file_name)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            yield from self._zipfile_chunks(name, size)
            return
        head = self.data[info.header_offset:info.header_offset + 30]
        if len(head) < 30 or head[:4] != b"PK\x03\x04":
            raise _damaged(self.file_name)
        start = info.header_offset + 30 + int.from_bytes(head[26:28], "little") + int.from_bytes(head[28:30], "little")
        src = memoryview(self.data)[start:start + info.compress_size]
        if len(src) < info.compress_size:
            raise _damaged(self.file_name)
        crc = got = 0
        pending = None  # one chunk held back until the member is checked
        if info.compress_type == zipfile.ZIP_STORED:
            outs: Iterable[bytes] = (bytes(src[i:i + size]) for i in range(0, len(src), size))
        else:
            outs = self._inflate(src, size)
        for out in outs:
            got += len(out)
            if got > info.file_size:  # more than declared: its CRC cannot match; stop before inflating further
                raise _damaged(self.file_name)
            self._count(name, got)
            crc = _zlib.crc32(out, crc)
            if pending is not None:
                yield pending
            pending = out
        if got != info.file_size or crc != info.CRC:
            raise _damaged(self.file_name)
        if pending is not None:
            yield pending

    def _inflate(self, src: memoryview, size: int) -> Iterator[bytes]:
        d = _zlib.decompressobj(-15)
        pos, step = 0, max(size // 4, 1 << 16)
        try:
            while not d.eof:
                if d.unconsumed_tail:
                    out = d.decompress(d.unconsumed_tail, size)
                elif pos < len(src):
                    out = d.decompress(src[pos:pos + step], size)
                    pos += step
                else:  # the deflate stream ends early: a truncated file
                    raise _damaged(self.file_name)
                if out:
                    yield out
        except _zlib.error as exc:  # type: ignore[misc]  # zlib-ng's stubs type it as an instance
            raise _damaged(self.file_name) from exc

    def _zipfile_chunks(self, name: str, size: int) -> Iterator[bytes]:
        got = 0
        try:
            with self.zf.open(name) as f:
                while chunk := f.read(size):
                    got += len(chunk)
                    self._count(name, got)
                    yield chunk
        except InputError:
            raise
        except RuntimeError as exc:  # zipfile: "File ... is encrypted, password required"
            raise InputError("ingest.xlsx_encrypted", file=self.file_name) from exc
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, KeyError) as exc:
            raise _damaged(self.file_name) from exc


class _ChunkReader(io.RawIOBase):
    """A read-only file over an iterator of byte chunks (for :func:`xml.etree.ElementTree.iterparse`)."""

    def __init__(self, chunks: Iterator[bytes]):
        self._chunks, self._buf = chunks, b""

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        while not self._buf:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._buf = chunk
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n


#: a stretch of a sheet's XML: ``buffer[start:end]``
Region = tuple[bytes, int, int]


def _regions(chunks: Iterable[bytes]) -> Iterator[Region]:
    """*chunks* as consecutive regions ``(buffer, start, end)`` that each end just before a ``<row`` tag (but
    the last): a pattern that matches within one row, or one cell, always lies whole in one region. Regions
    are mostly slices of the chunks themselves; only the few bytes around a cut are copied.

    >>> [buf[a:b] for buf, a, b in _regions([b"<x><row r", b'="1"/><ro', b'w r="2"/></x>'])]
    [b'<x>', b'<row r="1"/><row r="2"/></x>']
    >>> [buf[a:b] for buf, a, b in _regions([b"<x><row r", b'="1"/><row r="2"/>', b"</x>"])]
    [b'<x>', b'<row r="1"/>', b'<row r="2"/></x>']
    """
    carry: list[bytes] = []
    for chunk in chunks:
        first = chunk.find(b"<row")
        if first < 0:
            carry.append(chunk)
            continue
        if carry:
            head = b"".join(carry + [chunk[:first]])
            yield head, 0, len(head)
        elif first:
            yield chunk, 0, first
        last = chunk.rfind(b"<row")
        if last > first:
            yield chunk, first, last
        carry = [chunk[last:]]
    if carry:
        tail = b"".join(carry)
        yield tail, 0, len(tail)


def _pieces(xml: bytes) -> Iterator[Region]:
    """A whole sheet's *xml* as the regions :func:`_regions` would cut from chunks of :data:`PIECE` bytes, without
    copies (a regular expression over one region then holds the GIL for a few milliseconds only).

    >>> [bytes(x[a:b]) for x, a, b in _pieces(b'<x><row r="1"/><row r="2"/></x>')]
    [b'<x>', b'<row r="1"/><row r="2"/></x>']
    """
    start = xml.find(b"<row")
    if start < 0:
        yield xml, 0, len(xml)
        return
    if start:
        yield xml, 0, start
    while start < len(xml):
        end = xml.find(b"<row", start + PIECE)
        end = len(xml) if end < 0 else end
        yield xml, start, end
        start = end


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


def _xml_rows(source: bytes | io.RawIOBase):
    """``(excel_row, <row> element)`` streamed from a sheet's XML (bytes or a file); rows without ``r``
    follow the previous one."""
    last_r = 0
    for _, el in ET.iterparse(io.BytesIO(source) if isinstance(source, bytes) else source, events=("end",)):
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


def _top_rows(source: bytes | io.RawIOBase, limit: int) -> list[tuple[int, dict[int, tuple[str, str]]]]:
    """The first *limit* rows that hold values: ``[(excel_row, {col: (type, raw)})]``; reads no further."""
    rows: list[tuple[int, dict[int, tuple[str, str]]]] = []
    for r, el in _xml_rows(source):
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


def _head(parts: _Parts, path: str) -> _ChunkReader:
    """The sheet XML as a file that inflates only as far as it is read (64 KB at a time)."""
    return _ChunkReader(parts.chunks(path, 1 << 16))


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
# The whole sheet, scanned piece by piece with C-level regular expressions (no per-row Python): the
# extent of the cells that hold values (the bomb guard) and the non-empty rows below the header,
# counted independently of calamine/Arrow.

_F = rb"(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)?"  # an optional formula before the cached value
#: A row that holds at least one value: skip empty cells (self-closing, or a formula without a
#: cached value), then a cell with a non-empty <v> or an inline string.
_ROW_WITH_VALUE = re.compile(rb"<row\b[^>]*>(?:<c\b[^>]*/>|<c\b[^>]*>" + _F + rb"</c>)*<c\b[^>]*>" + _F
                             + rb"<(?:v>[^<]|is>)")
_WIDE_VALUE_CELL = re.compile(rb'<c\s[^>]*?\br="([A-Z]{2,3})[0-9]+"[^>]*>' + _F + rb"<(?:v|is)>")
#: A cell tag that breaks the plain layout (every cell tag starting with r="<A-Z><row below 960000>", as
#: Excel, openpyxl and xlsxwriter write sheets up to column Z): no r=, r= not first, a column beyond Z or a
#: row from 960000 on. Cells of a plain sheet fit in 959999 x 26 < MAX_CELLS.
_ODD_CELL = re.compile(rb'<c(?! r="[A-Z](?:[1-9][0-9]{0,4}|[1-8][0-9]{5}|9[0-5][0-9]{4})")[\s/>]')
#: A cell tag that does not start with r= (beyond column Z is fine).
_R_NOT_FIRST = re.compile(rb'<c(?! r="[A-Z]{1,3}[0-9])[\s/>]')
#: The column letters of a cell beyond Z that holds a value (cell tags starting with r=).
_WIDE_VALUE_CELL_R_FIRST = re.compile(rb'<c r="([A-Z]{2,3})[0-9]+"[^>]*>' + _F + rb"<(?:v|is)>")
_NO_R = re.compile(rb'<(?:c|row)(?=[\s/>])(?![^>]*\br=")')
_VALUE_CELL_REF = re.compile(rb'<c\s[^>]*?\br="([A-Z]{1,3})([0-9]+)"[^>]*>' + _F + rb"<(?:v|is)>")
_LAST_CELL_ROW = re.compile(rb'<c\s[^>]*?\br="[A-Z]{1,3}([0-9]+)"')


def _at_least(n: int) -> bytes:
    """A regular expression for the decimal numbers >= *n* (no leading zeros).

    >>> p = _at_least(350)
    >>> [i for i in (35, 349, 350, 351, 360, 999, 1000, 12345) if re.fullmatch(p, b"%d" % i)]
    [350, 351, 360, 999, 1000, 12345]
    """
    s = str(n)
    alts = [f"[1-9][0-9]{{{len(s)},}}", s]  # more digits; n itself
    for i, ch in enumerate(s):  # same length: equal up to i, then a larger digit, then anything
        if ch != "9":
            alts.append(f"{s[:i]}[{int(ch) + 1}-9][0-9]{{{len(s) - i - 1}}}")
    return ("(?:" + "|".join(alts) + ")").encode()


_DIMENSION = re.compile(rb'<dimension\s[^>]*?ref="([^"]*)"')


def _last_cell_row(buf: bytes, start: int, end: int) -> int | None:
    """The row of the last cell tag with ``r=`` in ``buf[start:end]``."""
    at = buf.rfind(b"<c ", start, end)
    while at >= 0:
        m = _LAST_CELL_ROW.match(buf, at, end)
        if m:
            return int(m.group(1))
        at = buf.rfind(b"<c ", start, at)
    return None


def _header_tag(header_row: int) -> re.Pattern[bytes]:
    return re.compile(rb'<row\s[^>]*?\br="%d"[^>]*>' % header_row)


class _SheetGuard:
    """The guard's streaming pass over a sheet's XML (*regions*, see :func:`_regions`), before calamine reads
    anything; nothing of the XML is kept.

    Found: *plain* (no :data:`_ODD_CELL`: the cells fit in 959999 x 26), *r_first* (every cell tag starts
    with ``r=``), *width* (the last column holding a value, when *r_first*; at least 26), *header_found*
    (the tag of *header_row*), *last_row* (row of the last cell) and *dimension* (the declared
    ``<dimension ref>``).

    >>> g = _SheetGuard([(b'<dimension ref="A1:AB7"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>',
    ...                   0, 80), (b'<row r="7"><c r="AB7"><v>5</v></c></row></sheetData>', 0, 52)], header_row=1)
    >>> g.plain, g.r_first, g.width, g.header_found, g.last_row, g.dimension
    (False, True, 28, True, 7, 'A1:AB7')
    """

    def __init__(self, regions: Iterable[Region], *, header_row: int):
        self.plain = self.r_first = True
        self.header_found, self.width = False, 26
        self.last_row: int | None = None
        self.dimension: str | None = None
        header = _header_tag(header_row)
        first = False
        wide: set[bytes] = set()
        for buf, start, end in regions:
            if not first:
                first = True
                m = _DIMENSION.search(buf, start, min(end, start + 4096))
                self.dimension = m.group(1).decode("ascii", errors="replace") if m else None
            if self.plain and _ODD_CELL.search(buf, start, end):
                self.plain = False
            if not self.plain and self.r_first:  # e.g. columns beyond Z: which ones hold values?
                if _R_NOT_FIRST.search(buf, start, end):
                    self.r_first = False
                else:
                    wide.update(_WIDE_VALUE_CELL_R_FIRST.findall(buf, start, end))
            if not self.header_found:
                m = header.search(buf, start, end)
                if m is None:
                    continue
                self.header_found, start = True, m.end()
            self.last_row = _last_cell_row(buf, start, end) or self.last_row
        self.width = max([26] + [col_number(w.decode()) for w in wide])


#: :data:`_ROW_WITH_VALUE` with an empty group: ``findall`` then lists empty strings, not copies of the rows
_ROW_WITH_VALUE_COUNT = re.compile(_ROW_WITH_VALUE.pattern + b"()")


class _SheetCount:
    """The independent record count, in its own streaming pass over a sheet's XML (*regions*): *records*
    (rows holding a value below the tag of *header_row*; 0 when that tag is missing) and *merges*
    (``(row1, col1, row2, col2)``). It needs no Python objects of calamine's and mostly runs in C regular
    expressions, so it can run in a thread while calamine parses the sheet (see :class:`_Counting`).

    >>> c = _SheetCount([(b'<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2"/></row>', 0, 73),
    ...                  (b'<row r="7"><c r="B7"><v>5</v></c></row></sheetData><mergeCells>'
    ...                   b'<mergeCell ref="A1:B1"/></mergeCells>', 0, 97)], header_row=1)
    >>> c.records, c.merges
    (1, [(1, 1, 1, 2)])
    """

    def __init__(self, regions: Iterable[Region], *, header_row: int):
        self.records = 0
        self.merges: list[tuple[int, int, int, int]] = []
        header = _header_tag(header_row)
        header_found = after_data = False
        for buf, start, end in regions:
            if not header_found:
                m = header.search(buf, start, end)
                if m is None:
                    continue
                header_found, start = True, m.end()
            self.records += len(_ROW_WITH_VALUE_COUNT.findall(buf, start, end))
            if not after_data and (at := buf.find(b"</sheetData>", start, end)) >= 0:
                after_data, start = True, at
            if after_data:
                self.merges += _merges(buf, start, end)


class _Counting:
    """:class:`_SheetCount` of *regions* in a thread, started at once; :meth:`result` waits for it (and
    raises what it raised). The regular expressions hold the GIL, calamine's parse and DuckDB's work
    release it: on two cores the count costs no wall time.

    >>> _Counting([(b'<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>', 0, 78)],
    ...           header_row=1).result().records
    1
    """

    def __init__(self, regions: Iterable[Region], *, header_row: int):
        self._out: _SheetCount | None = None
        self._exc: BaseException | None = None

        def run() -> None:
            try:
                self._out = _SheetCount(regions, header_row=header_row)
            except BaseException as exc:  # handed to the caller by result()
                self._exc = exc

        self._thread = threading.Thread(target=run, name="cjm-xlsx-count", daemon=True)
        self._thread.start()

    def result(self) -> _SheetCount:
        self._thread.join()
        if self._exc is not None:
            raise self._exc
        assert self._out is not None
        return self._out


def _far_cell(regions: Iterable[Region], row: int) -> bool:
    """Whether a cell tag (starting with ``r=``) lies in *row* or below.

    >>> xml = b'<row r="2"><c r="A2"><v>1</v></c><c r="XFD2000"><v>1</v></c></row>'
    >>> _far_cell([(xml, 0, len(xml))], 1999), _far_cell([(xml, 0, len(xml))], 2001)
    (True, False)
    """
    far = re.compile(rb'<c r="[A-Z]{1,3}' + _at_least(row) + b'"')
    return any(far.search(buf, start, end) for buf, start, end in regions)


def _text_columns(regions: Iterable[Region], header_row: int, cols: Iterable[int]) -> set[int]:
    """Those of columns *cols* that hold a text cell below *header_row* (cell tags must start with ``r=``).

    A column that fastexcel types as numbers, dates or booleans and that still holds text cells holds only
    texts it reads as null ("", "n/a", "NULL"...): those columns are read again as text.

    >>> xml = (b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
    ...        b'<row r="2"><c r="A2"><v>1.5</v></c><c r="B2" t="inlineStr"><is><t>n/a</t></is></c></row>')
    >>> _text_columns([(xml, 0, len(xml))], 1, [1, 2])
    {2}
    """
    pats = {c: re.compile(rb'<c r="%s[0-9]+"[^>]*?\bt="(?:s|inlineStr|str)"' % col_letter(c).encode()) for c in cols}
    header = re.compile(rb'<row\s[^>]*?\br="%d"[^>]*>.*?</row>' % header_row, re.S)
    found: set[int] = set()
    below = False
    for buf, start, end in regions:
        if not below:
            m = header.search(buf, start, end)
            if m is None:
                continue
            below, start = True, m.end()  # the header row's own cells do not count
        found |= {c for c, pat in pats.items() if c not in found and pat.search(buf, start, end)}
        if len(found) == len(pats):
            break
    return found


def _exact_extent(xml: bytes, top_row: int) -> tuple[int, int, int] | None:
    """``(rows, width, last_col)`` bounding the cells that hold values, for a sheet that is not plain; None when
    rows or cells carry no ``r`` (:func:`_scan_sheet_python` measures those).

    The widest column holding a value gives the width; only when a cell lies below the rows that width
    allows are the cells holding values measured exactly (a formatted but empty cell far away does not count,
    as calamine ignores it too). Rows are bounded by the cells' own references, which calamine follows.
    """
    if _NO_R.search(xml):
        return None
    last = _last_cell_row(xml, 0, len(xml)) or top_row
    width = max((col_number(w.decode()) for w in set(_WIDE_VALUE_CELL.findall(xml))), default=26)
    far = re.compile(rb'<c\s[^>]*?\br="[A-Z]{1,3}' + _at_least(MAX_CELLS // width + 1) + b'"')
    if not far.search(xml):
        return last - top_row + 1, width, width
    refs = _VALUE_CELL_REF.findall(xml)  # measure exactly
    rows = max((int(r) for _, r in refs), default=top_row) - top_row + 1
    cols = {col_number(c.decode()) for c, _ in refs} or {1}
    return rows, max(cols) - min(cols) + 1, max(cols)


_MERGE = re.compile(rb'<mergeCell\s[^>]*?ref="([A-Z]{1,3}[0-9]+):([A-Z]{1,3}[0-9]+)"')


def _merges(buf: bytes, start: int, end: int) -> list[tuple[int, int, int, int]]:
    out = []
    for a, b in _MERGE.findall(buf, start, end):
        m1, m2 = _CELL_REF.fullmatch(a.decode()), _CELL_REF.fullmatch(b.decode())
        if m1 and m2:
            out.append((int(m1.group(2)), col_number(m1.group(1)), int(m2.group(2)), col_number(m2.group(1))))
    return out


def _scan_sheet_python(xml: bytes, top_row: int, header_row: int) -> tuple[int, int, int, int]:
    """Fallback for sheets whose rows or cells carry no ``r``: a streaming parse (slower, rare).
    ``(rows, width, last_col, records below the header)``."""
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


# ---------------------------------------------------------------------------------------------
# Cells -> text, in SQL (by the DuckDB type of each column fastexcel produced)


def _float_text(q: str) -> str:
    """A double as text: integral values below 1e16 without ".0", others in full (Python repr style)."""
    return (f"CASE WHEN {q} = trunc({q}) AND abs({q}) < 1e16 THEN CAST(CAST({q} AS BIGINT) AS VARCHAR) "
            f"ELSE CAST({q} AS VARCHAR) END")


_INTEGER_TYPES = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT",
                  "UHUGEINT"}


def _is_text(typ: str) -> bool:
    """Whether DuckDB type *typ* is handled as text (VARCHAR, and the NULL type of an empty column)."""
    return not (typ in ("DOUBLE", "FLOAT", "BOOLEAN", "DATE", "INTERVAL") or typ in _INTEGER_TYPES
                or typ.startswith("TIMESTAMP"))


def _pre_expr(q: str, typ: str, name: str) -> str | None:
    """An inner projection *name* that :func:`_text_expr` reads (timestamps: the text once)."""
    if typ.startswith("TIMESTAMP"):
        # "YYYY-MM-DD HH:MM:SS" (a cast prints no fraction when there is none; cheaper than strftime)
        return (f"CAST(date_trunc('second', CAST({q} AS TIMESTAMP) + INTERVAL 500 MILLISECOND) AS VARCHAR) "
                f"AS {ident(name)}")
    return None


def _text_expr(q: str, typ: str, date1904: bool, pre: str) -> str:
    """SQL turning column *q* (DuckDB type *typ*) into the text a user would type, trimmed, empty -> NULL
    (see :func:`_mixed_fix` for text columns). *pre*: the name of :func:`_pre_expr`'s projection.

    >>> _text_expr("a", "BIGINT", False, "a_s")
    'CAST(a AS VARCHAR)'
    """
    if typ in ("DOUBLE", "FLOAT"):
        return _float_text(q)
    if typ == "BOOLEAN":
        return f"CASE WHEN {q} THEN 'TRUE' WHEN NOT {q} THEN 'FALSE' END"
    if typ.startswith("TIMESTAMP"):
        # the text comes from _pre_expr's projection (one cast per cell), then plain string work
        x = ident(pre)
        time_only_days = "('1899-12-30', '1899-12-31'" + (", '1904-01-01')" if date1904 else ")")
        return (f"CASE WHEN {x} IS NULL THEN NULL WHEN left({x}, 10) IN {time_only_days} THEN right({x}, 8) "
                f"WHEN suffix({x}, ' 00:00:00') THEN left({x}, 10) ELSE {x} END")
    if typ == "DATE":
        return f"strftime(CAST({q} AS DATE), '%Y-%m-%d')"
    if typ == "INTERVAL":
        return f"CAST(to_milliseconds(CAST(epoch_ms({q}) AS BIGINT)) AS VARCHAR)"
    if not _is_text(typ):  # integers
        return f"CAST({q} AS VARCHAR)"
    # text: trimmed (trim removes spaces only: most texts have none at either end and are kept as they are,
    # which is cheaper); in a column mixing types, fastexcel's renderings are fixed afterwards (_mixed_fix)
    x = f"CAST({q} AS VARCHAR)"
    return f"CASE WHEN starts_with({x}, ' ') OR suffix({x}, ' ') THEN NULLIF(trim({x}), '') ELSE NULLIF({x}, '') END"


def _mixed_needs_fix(q: str) -> str:
    """True for a text that :func:`_mixed_fix` may change."""
    return f"({q} IN ('true', 'false') OR (strlen({q}) = 19 AND substr({q}, 11, 1) = ' '))"


def _mixed_fix(q: str, date1904: bool) -> str:
    """In a column mixing types that fastexcel rendered as text: "true"/"false" are Excel booleans,
    "YYYY-MM-DD 00:00:00" a date cell, "1899-12-31 hh:mm:ss" a time-only cell.

    >>> import duckdb
    >>> duckdb.sql(f"SELECT {_mixed_fix('x', False)} FROM (VALUES ('true'), ('2025-01-02 00:00:00'), "
    ...            "('1899-12-31 10:30:00'), ('2025-01-02 10:30:00'), ('kept')) v(x)").fetchall()
    [('TRUE',), ('2025-01-02',), ('10:30:00',), ('2025-01-02 10:30:00',), ('kept',)]
    """
    days = "1899-12-3[01]" + ("|1904-01-01" if date1904 else "")
    return (f"CASE WHEN {q} = 'true' THEN 'TRUE' WHEN {q} = 'false' THEN 'FALSE' "
            f"WHEN regexp_full_match({q}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}} 00:00:00') THEN left({q}, 10) "
            f"WHEN regexp_full_match({q}, '({days}) [0-9]{{2}}:[0-9]{{2}}:[0-9]{{2}}') THEN right({q}, 8) "
            f"ELSE {q} END")


def _empty_expr(q: str, typ: str) -> str:
    """True when the cell gives no text (NULL, or only spaces)."""
    return f"coalesce(trim(CAST({q} AS VARCHAR)), '') = ''" if _is_text(typ) else f"{q} IS NULL"


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


class _Calamine:
    """One sheet read by fastexcel (calamine), rows below *skip* (Excel rows 1..skip are skipped).

    ``sheet`` is fastexcel's lazy sheet: DuckDB scans it through the Arrow PyCapsule interface, so
    neither pyarrow nor numpy is loaded. Column types are guessed from every row; when that fails (an
    error cell such as #NAME?, or types that do not mix) every column is read as text instead. A Rust
    panic or a parse error becomes "damaged".
    """

    def __init__(self, data: bytes, sheet_name: str, skip: int, file_name: str):
        import fastexcel

        self.sheet_name, self.file_name = sheet_name, file_name
        self.opts = dict(header_row=None, skip_rows=skip, schema_sample_rows=None, dtype_coercion="coerce")
        self.reader = self._call(lambda: fastexcel.read_excel(data))
        try:
            self._load()  # the parse releases the GIL
        except InputError:
            self._load(dtypes="string")  # raises "damaged" again if the sheet itself is broken
        self.height = self.sheet.height

    def _call(self, fn):
        try:
            return fn()
        except BaseException as exc:  # a Rust panic arrives as a BaseException
            if isinstance(exc, Exception) or _is_panic(exc):
                raise _damaged(self.file_name) from exc
            raise

    def _load(self, **kw) -> None:
        self.sheet = self._call(lambda: self.reader.load_sheet(self.sheet_name, **self.opts, **kw))
        # the types were guessed by load_sheet; available_columns() would guess them again (~30 ms per 100k rows)
        cols = self._call(lambda: self.sheet.selected_columns)
        self.names = [c.name for c in cols]
        self.dtypes = [c.dtype for c in cols]
        self.first_col = cols[0].absolute_index + 1 if cols else 1  # Excel column of the first Arrow column

    def typed(self) -> list[int]:
        """Positions of the columns read as numbers, dates, booleans or durations."""
        return [k for k, t in enumerate(self.dtypes) if t not in ("string", "null")]

    def as_text(self, positions: Iterable[int]) -> None:
        """Read the columns at *positions* again as text."""
        dtypes = {self.names[k]: "string" for k in positions}
        if dtypes:
            self._load(dtypes=dtypes)

    def nulled_columns(self) -> set[int]:
        """Positions of the columns where a cell did not fit the column's type and came out null, as
        fastexcel reports them (needs pyarrow: only for sheets whose XML cannot be checked directly)."""
        errors = self._call(lambda: self.sheet.to_arrow_with_errors()[1])
        return {e.offset_position[1] for e in errors.errors} if errors is not None else set()

    def floats(self, positions: list[int]):
        """The columns at *positions* read as numbers (text cells come back null), as a lazy sheet."""
        names = [self.names[k] for k in positions]
        return self._call(lambda: self.reader.load_sheet(self.sheet_name, **self.opts, use_columns=names,
                                                         dtypes={n: "float" for n in names}))


def _create_sql(table: str, view: str, n: int, fe_names: list[str], types: list[str], date1904: bool,
                floats: dict[int, tuple[str, str]] | None = None) -> str:
    """One statement: the sheet's Arrow columns (``view``, numbered by a positional join with ``range``) ->
    TEMP *table* (``_row`` = ``? + i``, ``c0..``: text, trimmed, empty -> NULL), rows without any text left
    out. *floats*: column k -> (view, column) of the same cells read as numbers (see the 9-decimal fix)."""
    floats = floats or {}
    src = [ident(x) for x in fe_names]
    pre = [e for k, t in enumerate(types) if (e := _pre_expr(src[k], t, f"p{k}"))]
    inner_cols = [f"{s} AS {ident(f'a{k}')}" for k, s in enumerate(src)] + pre
    joins = f"range({int(n)}) __r(i) POSITIONAL JOIN {ident(view)}"
    for k, (fview, fcol) in floats.items():
        joins += f" POSITIONAL JOIN (SELECT {ident(fcol)} AS {ident(f'f{k}')} FROM {ident(fview)})"
        inner_cols.append(ident(f"f{k}"))
    empty = " AND ".join(_empty_expr(s, t) for s, t in zip(src, types)) or "TRUE"
    exprs = []
    for k, t in enumerate(types):
        e = _text_expr(ident(f"a{k}"), t, date1904, f"p{k}")
        if k in floats:
            # fastexcel wrote the number with 9 decimals: where the text is exactly that rendering of the
            # number read from the same cell, use the full value
            a, f = ident(f"a{k}"), ident(f"f{k}")
            e = (f"CASE WHEN {f} IS NOT NULL AND {a} = rtrim(rtrim(printf('%.9f', {f}), '0'), '.') "
                 f"THEN {_float_text(f)} ELSE {e} END")
        exprs.append(f"{e} AS {ident(f'c{k}')}")
    return (f"CREATE OR REPLACE TEMP TABLE {ident(table)} AS SELECT CAST(? + i AS BIGINT) AS _row, {', '.join(exprs)} "
            f"FROM (SELECT i, {', '.join(inner_cols)} FROM {joins} WHERE i IS NOT NULL AND NOT ({empty}))")


def _convert(cur: duckdb.DuckDBPyConnection, cal: _Calamine, table: str, first_row: int,
             date1904: bool) -> tuple[list[int], int]:
    """Cells of *cal* -> TEMP *table* (see :func:`_create_sql`; ``_row`` of the first Arrow row is *first_row*);
    returns the number of cells holding text per column, and the number of rows."""
    ncols = len(cal.names)
    view = f"__cjm_xlsx_{id(cal):x}"
    views = [view]
    cur.register(view, cal.sheet)
    try:
        types = [r[1] for r in cur.execute(f"DESCRIBE {ident(view)}").fetchall()]
        cur.execute(_create_sql(table, view, cal.height, cal.names, types, date1904), [first_row])
        # Per column: how many cells hold text; and for text columns, whether a number may have lost digits
        # (in a column mixing text and numbers fastexcel renders numbers with at most 9 decimals), and
        # whether a cell may be fastexcel's rendering of a boolean or date.
        texts = [k for k in range(ncols) if _is_text(types[k])]
        c = [ident(f"c{k}") for k in range(ncols)]
        stats = ["count(*)"] + [f"count({c[k]})" for k in range(ncols)]
        # (cheap tests before the regular expression: 11 bytes at least, the point 10th from the end)
        stats += [f"coalesce(bool_or(strlen({c[k]}) >= 11 AND {c[k]} LIKE '%._________' AND "
                  f"regexp_full_match({c[k]}, '-?[0-9]+[.][0-9]{{9}}')), false)" for k in texts]
        stats += [f"coalesce(bool_or({_mixed_needs_fix(c[k])}), false)" for k in texts]
        got = cur.execute(f"SELECT {', '.join(stats)} FROM {ident(table)}").fetchall()[0]
        rows, counts = got[0], list(got[1:ncols + 1])
        lossy = [k for k, f in zip(texts, got[ncols + 1:ncols + 1 + len(texts)]) if f]
        fix = [k for k, f in zip(texts, got[ncols + 1 + len(texts):]) if f]
        if lossy:
            # read those columns again as numbers and use the full value where the text is fastexcel's
            # rendering of that number
            fview = f"{view}_f"
            views.append(fview)
            cur.register(fview, cal.floats(lossy))
            fnames = [r[0] for r in cur.execute(f"DESCRIBE {ident(fview)}").fetchall()]
            floats = {k: (fview, fnames[i]) for i, k in enumerate(lossy)}
            cur.execute(_create_sql(table, view, cal.height, cal.names, types, date1904, floats), [first_row])
    finally:
        for v in views:
            cur.unregister(v)
    for k in fix:
        cur.execute(f"UPDATE {ident(table)} SET {c[k]} = {_mixed_fix(c[k], date1904)} WHERE {_mixed_needs_fix(c[k])}")
    return counts, rows


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
    parts = _Parts(zf, data, file_name)
    for part in (sst_part, posixpath.join(posixpath.dirname(wb_part), "styles.xml")):
        parts.get(part)  # read by calamine on open: inflate (and CRC-check) under the budget first
    listing = [Message("ingest.sheet" if s.visible else "ingest.sheet_hidden", sheet=s.name) for s in sheets]

    warnings: list[str] = []
    if sheet is not None:
        chosen = next((s for s in sheets if s.name == sheet), None)
        if chosen is None:
            chosen = next((s for s in sheets if s.name.strip().casefold() == sheet.strip().casefold()), None)
        if chosen is None:
            raise InputError("ingest.no_such_sheet", file=file_name, sheet=sheet, sheets=listing)
        if not chosen.is_worksheet:
            raise InputError("ingest.chart_sheet", file=file_name, sheet=chosen.name, sheets=listing)
        top = _top_rows(_head(parts, chosen.path), HEADER_SCAN_ROWS)
        if not top:
            raise InputError("ingest.sheet_empty", file=file_name, sheet=chosen.name, sheets=listing)
    else:
        chosen, top = None, []
        for s in sheets:
            if not (s.visible and s.is_worksheet):
                continue
            top = _top_rows(_head(parts, s.path), HEADER_SCAN_ROWS)
            if top:
                chosen = s
                break
        if chosen is None:
            hidden = [s.name for s in sheets if not s.visible and s.is_worksheet and _top_rows(_head(parts, s.path), 1)]
            if hidden:
                raise InputError("ingest.only_hidden_data", file=file_name, sheets=listing, hidden=hidden)
            raise InputError("ingest.no_sheet_data", file=file_name, sheets=listing)
        skipped = [s.name for s in sheets[:sheets.index(chosen)] if not s.visible]
        if skipped:
            warnings.append(Message("ingest.note.hidden_skipped", sheets=skipped))

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
        warnings.append(Message("ingest.note.title_rows", row=header_row))

    # The whole sheet, streamed (inflated and scanned a few MB at a time, nothing kept). First the bomb guard,
    # before calamine reads anything; then the independent record count, in a second pass that runs in a
    # thread while calamine parses the sheet (both release the GIL for most of their work).
    def regions() -> Iterator[Region]:
        return _regions(parts.chunks(chosen.path))

    guard = _SheetGuard(regions(), header_row=header_row)
    top_row = top_text[0][0]
    rows_bound = (guard.last_row or top_row) - top_row + 1
    xml: bytes | None = None
    extent: tuple[int, int, int] | None = None
    if guard.header_found and guard.plain:  # cells within A..Z and rows below 960000: nothing more to measure
        extent = (rows_bound, 26, 26)
    elif guard.header_found and guard.r_first and not _far_cell(regions(), MAX_CELLS // guard.width + 1):
        extent = (rows_bound, guard.width, guard.width)  # columns beyond Z, and no cell in the rows that exceed
    else:  # rare: cells without r= or with other attributes first, a huge sheet... read it whole
        xml = b"".join(parts.chunks(chosen.path))
        extent = _exact_extent(xml, top_row) if guard.header_found else None
    records: int | None = None
    if extent is None:
        assert xml is not None  # read whole in the last branch above
        rows_upper, width, last_col, records = _scan_sheet_python(xml, top_row, header_row)
    else:
        rows_upper, width, last_col = extent
    if rows_upper * width > MAX_CELLS:
        raise InputError("ingest.sheet_too_large", file=file_name, sheet=chosen.name, row=top_row + rows_upper - 1,
                         column=col_letter(last_col), rows=rows_upper, columns=width)
    # cell tags start with r=: a column's text cells can be found with a regular expression
    r_first = extent is not None and guard.r_first
    meta = {"sheet": chosen.name, "sheets": [(s.name, s.visible) for s in sheets], "date1904": date1904,
            "dimension": guard.dimension, "clean": True}
    header_only = InputError("ingest.sheet_no_data_rows", file=file_name, sheet=chosen.name)
    if top_row + rows_upper - 1 <= header_row or records == 0:
        raise header_only

    counting = _Counting(regions() if xml is None else _pieces(xml), header_row=header_row)
    cal: _Calamine | None = None
    failed: InputError | None = None
    try:
        cal = _Calamine(data, chosen.name, header_row, file_name)
    except InputError as exc:  # said below, once the count is known: a sheet without data rows is told so
        failed = exc
    count = counting.result()
    merges = count.merges
    if records is None:
        records = count.records
    if records == 0:
        raise header_only
    if failed is not None:
        raise failed
    assert cal is not None

    def header_for(cn: int) -> str:
        text = header_cells.get(cn, "").strip()
        if text:
            return text
        m = next((m for m in merges if m[0] <= header_row <= m[2] and m[1] < cn <= m[3]), None)
        if m and header_cells.get(m[1], "").strip():
            return f"{header_cells[m[1]].strip()} ({cn - m[1] + 1})"
        return f"Column {col_letter(cn)}"

    counts, loaded = _convert(cur, cal, table, header_row + 1, date1904)
    # A text in a column fastexcel types as numbers, dates or booleans ("n/a", "NULL"...) comes out null:
    # such columns are read again as text, so that nothing is lost. Only columns with empty cells can hold
    # one (or any typed column, when fewer rows came out than the sheet holds).
    typed = {cal.first_col + k: k for k in cal.typed() if counts[k] < loaded or loaded < records}
    if typed and r_first:
        found = _text_columns(regions() if xml is None else [(xml, 0, len(xml))], header_row, typed)
        retype = sorted(typed[c] for c in found)
    elif typed:  # no cheap check from the XML: ask fastexcel
        retype = sorted(set(typed.values()) & cal.nulled_columns())
    else:
        retype = []
    if retype:
        cal.as_text(retype)
        counts, loaded = _convert(cur, cal, table, header_row + 1, date1904)

    # Drop columns with neither a header nor data (e.g. a title cell left of the table); name the rest c0..
    tname, ncols = ident(table), len(cal.names)
    col_nums = [cal.first_col + k for k in range(ncols)]
    keep = [k for k in range(ncols) if header_cells.get(col_nums[k], "").strip() or counts[k]]
    if keep != list(range(ncols)):
        cols = ", ".join(f"{ident(f'c{k}')} AS {ident(f'c{i}')}" for i, k in enumerate(keep))
        cur.execute(f"CREATE OR REPLACE TEMP TABLE {tname} AS SELECT _row{', ' if cols else ''}{cols} FROM {tname}")
    headers = _unique([header_for(col_nums[k]) for k in keep])
    if loaded < records:
        # rows whose cells hold only spaces or error values (read as empty): blank rows, not records — as a
        # blank line in a CSV file; said in the report rather than failing the reconciliation
        warnings.append(Message("ingest.note.blank_rows", n=records - loaded, sheet=chosen.name))
        records = loaded
    elif loaded != records:  # pragma: no cover - more rows than the sheet's XML holds: a reader bug
        warnings.append(Message("ingest.note.rows_mismatch", records=records, loaded=loaded))
    return RawTable(file_name=file_name, kind="xlsx", table=table, headers=headers, records_in_file=records,
                    header_row=header_row, warnings=warnings, meta=meta)


