"""CSV / TXT files: decode in Python, parse with DuckDB, reconcile against an independent record count.

Steps: :func:`decode` (BOM → UTF-8/UTF-16; strict UTF-8; else charset-normalizer limited to the Turkish
and Romanian code pages), :func:`fix_romanian` (cedilla ş/ţ → comma-below ș/ț, only in Romanian text),
:func:`sniff` (delimiter and header row below any title rows), then DuckDB ``read_csv`` (all text,
strict, rejects stored) from a temp UTF-8 file. DuckDB's row numbers (``line`` in its rejects table)
count records like Excel rows do (blank lines included, a quoted line break stays in its row), which
is the numbering used everywhere here. Every record DuckDB did not return as a row must appear in its
rejects table; the counts are checked against a count made independently in Python, and when they
disagree the file is parsed again with Python's ``csv`` module so nothing is lost silently
(duckdb/duckdb#25827).

>>> import duckdb
>>> cur = duckdb.connect()
>>> raw = read_text(cur, "Müşteri No;Aşama\\n007;Farkındalık\\n".encode("cp1254"), file_name="a.csv", table="t")
>>> raw.headers, raw.meta["delimiter"], raw.meta["encoding"]
(['Müşteri No', 'Aşama'], ';', 'cp1254')
>>> cur.execute("SELECT * FROM t").fetchall()
[(2, '007', 'Farkındalık')]
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import os
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import duckdb
import numpy as np

from cjm.core.sql import ident
from cjm.errors import InputError, Message
from cjm.ingest.raw import RawTable, int64_arrow

DELIMITERS = (",", ";", "\t", "|")
FALLBACK_ENCODINGS = ["cp1254", "iso8859_9", "cp1250", "iso8859_2"]
_ENC_NAMES = {"iso8859_9": "iso-8859-9", "iso8859_2": "iso-8859-2"}
_SNIFF_CHARS = 256 * 1024
_SNIFF_RECORDS = 60

_RO_CEDILLA = str.maketrans({"\u015f": "\u0219", "\u015e": "\u0218", "\u0163": "\u021b", "\u0162": "\u021a"})
_TURKISH_ONLY = set("ğĞıİ")
_ROMANIAN_ONLY = set("ăĂșȘțȚ")


def decode(data: bytes, *, file_name: str) -> tuple[str, str]:
    """``(text, encoding)``: BOM first, then strict UTF-8, then the Turkish/Romanian code pages.

    >>> decode("Dată".encode("utf-8-sig"), file_name="a.csv")
    ('Dată', 'utf-8-sig')
    >>> decode("Tarih;Aşama;Kızgın".encode("cp1254"), file_name="a.csv")[1]
    'cp1254'
    """
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                raise InputError("ingest.bad_bom", file=file_name, encoding=enc) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    enc = guess_code_page(data)
    return data.decode(enc), _ENC_NAMES.get(enc, enc)



_TR_LETTERS = set("çğıöşüÇĞİÖŞÜâîûÂÎÛ")
_RO_LETTERS = set("ăâîșşțţĂÂÎȘŞȚŢ")


def guess_code_page(data: bytes) -> str:
    """The most plausible of cp1254 / ISO-8859-9 (Turkish) and cp1250 / ISO-8859-2 (Romanian) for *data*.

    Each decoding is scored by its non-ASCII letters: +1 for a letter of that language, −2 for any other
    (e.g. cp1250 turns Turkish "ı" into "ý"); control characters count −5. Ties go to charset-normalizer
    (limited to these code pages), then to the order above.

    >>> guess_code_page("Müşteri No;Aşama;Kızgın".encode("cp1254")), guess_code_page("Dată;Etapă;Ştiri".encode("cp1250"))
    ('cp1254', 'cp1250')
    """
    sample = data[:1_000_000]
    scores = {}
    for enc in FALLBACK_ENCODINGS:
        try:
            text = sample.decode(enc, errors="strict")
        except UnicodeDecodeError:
            continue
        letters = _TR_LETTERS if enc in ("cp1254", "iso8859_9") else _RO_LETTERS
        score = 0
        for ch, k in Counter(c for c in text if ord(c) > 127).items():
            if ord(ch) < 160:
                score -= 5 * k
            elif ch in letters:
                score += k
            elif ch.isalpha():
                score -= 2 * k
        scores[enc] = score
    if not scores:  # pragma: no cover - cp1254 leaves only 5 bytes undefined
        return "cp1254"
    top = max(scores.values())
    tied = [e for e in FALLBACK_ENCODINGS if scores.get(e) == top]
    if len(tied) > 1:
        import charset_normalizer

        best = charset_normalizer.from_bytes(sample, cp_isolation=tied).best()
        if best is not None and best.encoding in tied:
            return best.encoding
    return tied[0]


def is_romanian(text: str, encoding: str) -> bool:
    """Romanian text: decoded with a Central-European code page, or Romanian-only letters (ă ș ț) present;
    never when Turkish-only letters (ğ ı İ) are present (Turkish uses the cedilla ş legitimately).

    >>> is_romanian("Dată; Etapă; Sumă; Aşteptare", "utf-8"), is_romanian("Aşama; Değer", "utf-8")
    (True, False)
    """
    sample = text[:1_000_000]
    if any(c in _TURKISH_ONLY for c in sample):
        return False
    return encoding in ("cp1250", "iso-8859-2") or any(c in _ROMANIAN_ONLY for c in sample)


def fix_romanian(text: str, encoding: str) -> tuple[str, bool]:
    """Replace cedilla ş/ţ (U+015F/U+0163 and capitals) with comma-below ș/ț in Romanian text.

    >>> fix_romanian("Punct de contact;Ştiri;Sumă", "cp1250")
    ('Punct de contact;Știri;Sumă', True)
    >>> fix_romanian("Müşteri;Aşama", "cp1254")
    ('Müşteri;Aşama', False)
    """
    if not any(c in text for c in "\u015f\u015e\u0163\u0162") or not is_romanian(text, encoding):
        return text, False
    return text.translate(_RO_CEDILLA), True


def _records(sample: str, delim: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(sample), delimiter=delim, quotechar='"', doublequote=True, strict=False)
    out = []
    try:
        for rec in reader:
            out.append(rec)
            if len(out) >= _SNIFF_RECORDS:
                break
    except csv.Error:
        pass
    return out


def sniff(text: str) -> tuple[str, int]:
    """``(delimiter, header record index (0-based))`` from the first records.

    The delimiter is the one giving the most records with the same number (> 1) of fields; the header is
    the first record with that number of fields of which more than half (and at least two) are filled,
    measured against the fullest record (title and blank rows above it are skipped).

    >>> sniff("Sales report 2026\\n\\nid;stage;amount\\n1;a;1,5\\n2;b;2,5\\n")
    (';', 2)
    """
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS:
        sample = sample[: sample.rfind("\n") + 1] or sample
    best: tuple | None = None
    for delim in DELIMITERS:
        recs = _records(sample, delim)
        lengths = Counter(len(r) for r in recs if len(r) > 1)
        if not lengths:
            continue
        modal, count = max(lengths.items(), key=lambda kv: (kv[1], kv[0]))
        score = (count, modal)
        if best is None or score > best[0]:
            best = (score, delim, recs, modal)
    if best is None:
        return ",", next((i for i, r in enumerate(_records(sample, ",")) if any(f.strip() for f in r)), 0)
    _, delim, recs, modal = best
    most = max(sum(1 for f in r if f.strip()) for r in recs if len(r) == modal)
    need = max(2, most // 2 + 1) if most >= 2 else 1
    for i, rec in enumerate(recs):
        if len(rec) == modal and sum(1 for f in rec if f.strip()) >= need:
            return delim, i
    return delim, 0  # pragma: no cover - the median record qualifies


def unique_headers(fields: list[str]) -> list[str]:
    """Trimmed header texts, blanks named "Column N", duplicates suffixed " (2)", " (3)".

    >>> unique_headers(["Stage", " stage ", "", "Stage"])
    ['Stage', 'stage', 'Column 3', 'Stage (2)']
    """
    out: list[str] = []
    seen: Counter = Counter()
    for i, f in enumerate(fields):
        name = " ".join(f.split()) or f"Column {i + 1}"
        seen[name] += 1
        if seen[name] > 1:
            name = f"{name} ({seen[name]})"
        out.append(name)
    return out


_CHUNK = 8 << 20


def _positions(b: np.ndarray, byte: int, chunk: int = _CHUNK) -> np.ndarray:
    """Where *byte* occurs in *b*, compared *chunk* bytes at a time (a whole-file comparison would hold a second
    copy of the file's size, as booleans).

    >>> _positions(np.frombuffer(b"a\\nbc\\n\\n\\nd", dtype=np.uint8), 10, chunk=3)
    array([1, 4, 5, 6])
    """
    parts = [np.flatnonzero(b[i:i + chunk] == byte) + i for i in range(0, len(b), chunk)]
    return np.concatenate(parts) if parts else np.empty(0, dtype=np.intp)


def record_rows(body: bytes) -> tuple[np.ndarray, bool]:
    r"""Record numbers (1 = first record) of the non-empty records of UTF-8 CSV bytes, found without a parser.

    A newline ends a record unless an odd number of double quotes came before it (it is then inside a
    quoted field; an escaped quote ``""`` adds two). Vectorised with numpy, so about as fast as reading.
    Returns ``(rows, simple)``; *simple* is True when no record spans several lines.

    >>> record_rows(b'id,c\n1,"a\nb"\n\n2,x\n')
    (array([1, 2, 4]), False)
    """
    b = np.frombuffer(body, dtype=np.uint8)
    nl = _positions(b, 10)
    simple = True
    if b'"' in body:
        qpos = _positions(b, 34)
        inside = (np.searchsorted(qpos, nl) & 1).astype(bool)
        if inside.any():
            nl = nl[~inside]
            simple = False
    ends = nl
    if len(b) and b[-1] != 10:
        ends = np.append(ends, len(b))
    starts = np.empty_like(ends)
    if len(ends):
        starts[0] = 0
        starts[1:] = ends[:-1] + 1
    rows = np.flatnonzero(ends - starts > 0) + 1
    return rows.astype(np.int64), simple


def _trimmed(col: str, *, ascii_only: bool) -> str:
    """SQL: the cell *col* (DuckDB gives NULL for an empty one) trimmed, NULL when nothing is left.

    ``trim()`` removes spaces, the no-break space and other Unicode spaces; in ASCII text only " " can be at
    either end, and testing for it is cheaper than trimming every cell.

    >>> import duckdb
    >>> duckdb.sql(f"SELECT {_trimmed('c', ascii_only=True)} FROM (VALUES (' a '), ('b'), ('  ')) t(c)").fetchall()
    [('a',), ('b',), (None,)]
    """
    full = f"NULLIF(trim({col}), '')"
    if not ascii_only:
        return full
    return f"CASE WHEN {col} LIKE ' %' OR {col} LIKE '% ' THEN {full} ELSE {col} END"


def _python_table(cur: duckdb.DuckDBPyConnection, body: str, *, delim: str, n: int, table: str, offset: int,
                  file_name: str) -> list[tuple[int, str, str]]:
    """Fallback parse with Python's csv module; ragged records are returned as rejected."""
    import pyarrow as pa

    reader = csv.reader(io.StringIO(body), delimiter=delim, quotechar='"', doublequote=True, strict=False)
    cols: list[list[str | None]] = [[] for _ in range(n)]
    rows: list[int] = []
    rejected: list[tuple[int, str, str]] = []
    for i, rec in enumerate(reader, start=1):
        if i == 1 or not rec:
            continue
        if len(rec) != n:
            if not any(f.strip() for f in rec):
                continue
            raw = delim.join(rec)
            rejected.append((i + offset, raw, f"Row {i + offset}: has {len(rec)} fields, the header has {n} "
                                               f"(check the delimiters and quotes in this row)"))
            continue
        rows.append(i + offset)
        for j, f in enumerate(rec):
            cols[j].append(f)
    arrow = pa.table({"_row": pa.array(rows, pa.int64()), **{f"c{j}": pa.array(c, pa.string()) for j, c in enumerate(cols)}})
    cur.register("_py_raw", arrow)
    picked = ", ".join(f"NULLIF(trim({ident(f'c{j}')}), '') AS {ident(f'c{j}')}" for j in range(n))
    cur.execute(f"CREATE OR REPLACE TEMP TABLE {ident(table)} AS SELECT _row, {picked} FROM _py_raw")
    cur.unregister("_py_raw")
    return rejected


def read_text(cur: duckdb.DuckDBPyConnection, data: bytes, *, file_name: str, table: str,
              source_path: str | os.PathLike | None = None) -> RawTable:
    """Parse a CSV/TXT file into TEMP table *table* (``_row``, ``c0``..) on *cur*; see :mod:`cjm.ingest.raw`.

    Cells are trimmed and empty cells are NULL (``meta["clean"]``). *source_path*: the file *data* was read
    from; DuckDB reads it directly when nothing had to change (plain UTF-8 without BOM, title rows, CR, NUL),
    else a UTF-8 copy goes to a temp file.
    """
    warnings: list[str] = []
    if not data[:65536].strip() and not data.strip():
        raise InputError("ingest.file_empty", file=file_name)
    if data.isascii() and b"\x00" not in data and b"\r" not in data:
        # plain ASCII with LF line ends (most exports): valid UTF-8 with nothing to change, so the file is not
        # decoded as a whole; only its start is read here, to find the delimiter and the header
        encoding, ascii_only = "utf-8", True
        delim, header_idx = sniff(data[:_SNIFF_CHARS + 1].decode("ascii"))
        start = 0
        for _ in range(header_idx):
            start = data.index(b"\n", start) + 1
        header_row = header_idx + 1
        header_fields = _records(data[start:start + _SNIFF_CHARS].decode("ascii"), delim)[0]
        body_bytes = data[start:] if start else data
    else:
        ascii_only = False
        text, encoding = decode(data, file_name=file_name)
        text, fixed = fix_romanian(text, encoding)
        if fixed:
            warnings.append(Message("ingest.note.cedilla"))
        nuls = text.count("\x00") if "\x00" in text else 0
        if nuls:  # invisible NUL characters (from a broken export) would be stored inside the cells
            first = text.count("\n", 0, text.index("\x00")) + 1  # the line (a quoted line break may shift it)
            text = text.replace("\x00", "")
            warnings.append(Message("ingest.note.nul_many" if nuls > 1 else "ingest.note.nul_one", n=nuls, row=first))
        had_cr = "\r" in text
        if had_cr:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not text[:65536].strip() and not text.strip():
            raise InputError("ingest.file_empty", file=file_name)
        delim, header_idx = sniff(text)
        # the header record starts after header_idx records; title rows have no quoted line breaks in practice
        start = 0
        for _ in range(header_idx):
            start = text.index("\n", start) + 1
        header_row = header_idx + 1
        body = text[start:]
        header_fields = _records(body[:_SNIFF_CHARS], delim)[0]
        if start == 0 and not fixed and not had_cr and not nuls and encoding in ("utf-8", "utf-8-sig"):
            body_bytes = data[3:] if encoding == "utf-8-sig" else data  # the file as it is: no second copy
        else:
            body_bytes = body.encode("utf-8")
        del text, body  # the fallback parser decodes body_bytes again if it is ever needed
    headers = unique_headers(header_fields)
    n = len(headers)
    offset = header_row - 1  # DuckDB's line 1 (our header) is file row header_row
    pre_rejected: list[tuple[int, str, str]] = []
    # the independent record count (numpy, releases the GIL) runs while DuckDB parses
    pool = ThreadPoolExecutor(max_workers=1)
    counting = pool.submit(record_rows, body_bytes)
    as_is = source_path is not None and body_bytes is data  # DuckDB reads the user's file itself: no copy
    path = str(source_path) if as_is else None
    try:
        if path is None:
            fd, path = tempfile.mkstemp(prefix="cjm_", suffix=".csv")
            with os.fdopen(fd, "wb") as fh:
                fh.write(body_bytes)
        columns = {f"c{j}": "VARCHAR" for j in range(n)}
        cur.execute("DROP TABLE IF EXISTS reject_errors")
        cur.execute("DROP TABLE IF EXISTS reject_scans")
        data_table = f"{table}_data"
        trimmed = ", ".join(f"{_trimmed(ident(f'c{j}'), ascii_only=ascii_only)} AS {ident(f'c{j}')}" for j in range(n))
        cur.execute(
            f"""CREATE OR REPLACE TEMP TABLE {ident(data_table)} AS SELECT {trimmed} FROM read_csv(?, columns = ?,
                header = true, delim = ?, quote = '"', escape = '"', new_line = '\\n', auto_detect = false,
                strict_mode = true, store_rejects = true, max_line_size = 16777216, buffer_size = 16777216,
                encoding = 'utf-8')""",
            [path, columns, delim])
        rej = cur.execute("""SELECT line, any_value(csv_line), list(error_type::VARCHAR)
                             FROM reject_errors GROUP BY line ORDER BY line""").fetchall()
        rows, simple = counting.result()
        data_rows = rows[rows > 1]
        n_read = cur.execute(f"SELECT count(*) FROM {ident(data_table)}").fetchall()[0][0]
        rejected_lines = np.asarray([r[0] for r in rej], dtype=np.int64)
        valid = np.setdiff1d(data_rows, rejected_lines) if len(rejected_lines) else data_rows
        consistent = len(valid) == n_read and np.isin(rejected_lines, data_rows).all()
        if consistent:
            plain = ", ".join(ident(f"c{j}") for j in range(n))
            all_empty = " AND ".join(f"{ident(f'c{j}')} IS NULL" for j in range(n))  # a blank record
            if n_read == 0 or int(valid[-1] - valid[0]) + 1 == n_read:
                # rows are consecutive in the file: the row number is the table's row id plus a constant
                # (DuckDB keeps file order; a DELETE leaves the other rows' ids unchanged)
                # (row ids inside a transaction start high, hence the first id is subtracted)
                first = int(valid[0]) + offset if n_read else 0
                base = cur.execute(f"SELECT coalesce(min(rowid), 0) FROM {ident(data_table)}").fetchall()[0][0]
                cur.execute(f"DELETE FROM {ident(data_table)} WHERE {all_empty}")
                cur.execute(f"CREATE OR REPLACE TEMP VIEW {ident(table)} AS "
                            f"SELECT rowid - {int(base)} + {first} AS _row, {plain} FROM {ident(data_table)}")
            else:
                cur.register("_cjm_rows", int64_arrow(valid + offset))
                cur.execute(f"""CREATE OR REPLACE TEMP TABLE {ident(table)} AS SELECT n._row, {plain}
                                FROM (SELECT * FROM {ident(data_table)}) r POSITIONAL JOIN _cjm_rows n""")
                cur.unregister("_cjm_rows")
                cur.execute(f"DROP TABLE {ident(data_table)}")
                cur.execute(f"DELETE FROM {ident(table)} WHERE {all_empty}")
            for line, raw, kinds in rej:
                raw = (raw or "").strip("\n")
                if not raw.strip() or not raw.replace(delim, "").strip():
                    continue  # a blank line is not a record
                row = int(line) + offset
                if "TOO MANY COLUMNS" in kinds or "MISSING COLUMNS" in kinds:
                    got = len(next(csv.reader([raw], delimiter=delim), []))
                    reason = (f"Row {row}: has {got} fields, the header has {n} "
                              f"(check the delimiters and quotes in this row)")
                else:
                    reason = f"Row {row}: cannot be read ({', '.join(sorted(set(kinds))).lower()}); check its quotes"
                pre_rejected.append((row, raw, reason))
        else:
            cur.execute(f"DROP TABLE {ident(data_table)}")
            pre_rejected = _python_table(cur, body_bytes.decode("utf-8"), delim=delim, n=n, table=table, offset=offset, file_name=file_name)
            all_empty = " AND ".join(f"{ident(f'c{j}')} IS NULL" for j in range(n))
            cur.execute(f"DELETE FROM {ident(table)} WHERE {all_empty}")
            warnings.append(Message("ingest.note.careful_parser"))
        cur.execute("DROP TABLE IF EXISTS reject_errors")
        cur.execute("DROP TABLE IF EXISTS reject_scans")
    except duckdb.Error as exc:
        raise InputError("ingest.csv_unreadable", file=file_name, detail=str(exc).splitlines()[0]) from None
    finally:
        pool.shutdown(wait=True)
        if path is not None and not as_is:
            with contextlib.suppress(OSError):
                os.unlink(path)
    loaded = cur.execute(f"SELECT count(*) FROM {ident(table)}").fetchall()[0][0]
    records = loaded + len(pre_rejected)
    if records == 0:
        raise InputError("ingest.no_data_rows", file=file_name)
    return RawTable(file_name=file_name, kind="csv", table=table, headers=headers, records_in_file=records,
                    header_row=header_row, pre_rejected=pre_rejected, warnings=warnings,
                    meta={"encoding": encoding, "delimiter": delim, "simple": simple, "clean": True})
