"""What kind of file is this? Decided from the bytes (magic numbers), never from the extension.

>>> detect_kind(b"id,stage\\n1,a\\n", file_name="x.csv").kind
'csv'
>>> detect_kind(b"id,stage\\n1,a\\n", file_name="x.xlsx").warnings[0][:30]
'"x.xlsx" is a text (CSV) file '
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass, field

from cjm.errors import InputError, Message

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_BINARY_MAGIC = {
    b"%PDF": "ingest.kind.pdf",
    b"\x89PNG": "ingest.kind.png",
    b"\xff\xd8\xff": "ingest.kind.jpeg",
    b"GIF8": "ingest.kind.gif",
    b"BM": None,  # too short to be sure; checked by the NUL-byte rule below
    b"\x1f\x8b": "ingest.kind.gzip",
    b"Rar!": "ingest.kind.rar",
    b"7z\xbc\xaf": "ingest.kind.7z",
}


@dataclass
class Detected:
    kind: str  # "csv" | "xlsx"
    macro: bool = False
    warnings: list[str] = field(default_factory=list)


def _utf16_name(name: str) -> bytes:
    return name.encode("utf-16-le")


def detect_kind(data: bytes, *, file_name: str) -> Detected:
    """Classify *data*; raise :class:`InputError` with what to do for unusable files."""
    name = file_name
    body = data
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if body.startswith(bom):
            body = body[len(bom):]
            break
    if not body[:65536].strip(b" \t\r\n\x00") and not body.strip(b" \t\r\n\x00"):
        raise InputError("ingest.file_empty", file=name)
    if data.startswith(OLE2_MAGIC):
        if _utf16_name("EncryptionInfo") in data or _utf16_name("EncryptedPackage") in data:
            raise InputError("ingest.encrypted_excel", file=name)
        raise InputError("ingest.old_xls", file=name)
    if data.startswith(ZIP_MAGIC) or data.startswith(b"PK\x05\x06"):
        from cjm.ingest.excel import guard_sizes

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
                guard_sizes(zf, name)  # refuse a zip bomb from its declared sizes before inflating anything
                # a workbook's parts are inflated and CRC-checked by the Excel reader (only those it reads)
                workbook = "xl/workbook.xml" in names or "xl/workbook.bin" in names
                bad = zf.testzip() if len(data) < 5_000_000 and not workbook else None
        except (zipfile.BadZipFile, EOFError, ValueError, OSError, zlib.error, NotImplementedError):
            raise InputError("ingest.zip_truncated", file=name) from None
        if bad is not None:
            raise InputError("ingest.zip_bad_part", file=name, part=bad)
        if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
            if "xl/workbook.bin" in names:
                raise InputError("ingest.xlsb", file=name)
            macro = "xl/vbaProject.bin" in names
            notes: list[str] = [Message("ingest.note.macros", file=name)] if macro else []
            return Detected("xlsx", macro=macro, warnings=notes)
        if "content.xml" in names:
            raise InputError("ingest.ods", file=name)
        raise InputError("ingest.zip_archive", file=name)
    for magic, what in _BINARY_MAGIC.items():
        if what and data.startswith(magic):
            raise InputError("ingest.not_spreadsheet", file=name, what=Message(what))
    head = data[:4096]
    controls = sum(head.count(bytes([c])) for c in range(32) if c not in (9, 10, 13))
    if not head.startswith((b"\xff\xfe", b"\xfe\xff")) and controls > max(2, len(head) // 100):
        raise InputError("ingest.binary", file=name)
    warnings: list[str] = []
    if name.lower().endswith((".xlsx", ".xlsm", ".xls")):
        warnings.append(Message("ingest.note.csv_named_excel", file=name))
    return Detected("csv", warnings=warnings)
