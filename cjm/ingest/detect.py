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

from cjm.errors import InputError

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"BM": None,  # too short to be sure; checked by the NUL-byte rule below
    b"\x1f\x8b": "a gzip archive",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
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
        raise InputError(f'The file "{name}" is empty. Export the data again (with a header row and at least one '
                         f"data row) and upload it.")
    if data.startswith(OLE2_MAGIC):
        if _utf16_name("EncryptionInfo") in data or _utf16_name("EncryptedPackage") in data:
            raise InputError(f'"{name}" is an encrypted (password-protected) Excel file: open it in Excel, remove the '
                             f"password (File > Info > Protect Workbook), save, and upload again.")
        raise InputError(f'"{name}" is an old Excel 97-2003 file (.xls): open it in Excel and save as .xlsx or CSV, '
                         f"then upload again.")
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
            raise InputError(f'"{name}" is incomplete or damaged (the file ends too early — perhaps an interrupted '
                             f"download or copy). Download or export it again and upload the new file.") from None
        if bad is not None:
            raise InputError(f'"{name}" is damaged (part "{bad}" cannot be read). Open it in Excel, save it again '
                             f"as .xlsx, and upload the new file.")
        if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
            if "xl/workbook.bin" in names:
                raise InputError(f'"{name}" is an Excel binary workbook (.xlsb): open it in Excel and save as .xlsx '
                                 f"or CSV, then upload again.")
            macro = "xl/vbaProject.bin" in names
            warnings = [f'"{name}" contains macros; they were ignored (only the cell values are read).'] if macro else []
            return Detected("xlsx", macro=macro, warnings=warnings)
        if "content.xml" in names:
            raise InputError(f'"{name}" is an OpenDocument spreadsheet (.ods): save it as .xlsx or CSV, then upload '
                             f"again.")
        raise InputError(f'"{name}" is a ZIP archive, not a spreadsheet: unpack it and upload the CSV or .xlsx file '
                         f"inside.")
    for magic, what in _BINARY_MAGIC.items():
        if what and data.startswith(magic):
            raise InputError(f'"{name}" is {what}, not a spreadsheet. Upload the CSV or Excel (.xlsx) file with the '
                             f"data.")
    head = data[:4096]
    controls = sum(head.count(bytes([c])) for c in range(32) if c not in (9, 10, 13))
    if not head.startswith((b"\xff\xfe", b"\xfe\xff")) and controls > max(2, len(head) // 100):
        raise InputError(f'"{name}" is not a text or Excel file (it contains binary data). Upload the CSV or Excel '
                         f"(.xlsx) file with the data.")
    warnings = []
    if name.lower().endswith((".xlsx", ".xlsm", ".xls")):
        warnings.append(f'"{name}" is a text (CSV) file with an Excel name; it was read as CSV.')
    return Detected("csv", warnings=warnings)
