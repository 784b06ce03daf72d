"""The hand-off between a file reader and the import: a parsed file with every cell as text.

Readers (``cjm.ingest.text.read_text``, ``cjm.ingest.excel.read_xlsx``) create a TEMP table
on the given DuckDB cursor with a column ``_row`` (BIGINT: the row number as the user sees
it in the file or sheet, 1-based, header row included in the numbering) and one VARCHAR
column per header, named ``c0``, ``c1``, ... (positional, so odd header text never reaches
SQL). ``headers[i]`` is the header text of ``c{i}``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa


@dataclass
class RawTable:
    file_name: str
    kind: str  # "csv" or "xlsx"
    table: str  # TEMP table name on the reader's cursor
    headers: list[str]  # user-visible header texts, unique (duplicates get " (2)", " (3)")
    records_in_file: int  # data records counted independently of the parser (for reconciliation)
    header_row: int  # 1-based row number of the header line
    pre_rejected: list[tuple[int, str, str]] = field(default_factory=list)  # (row, raw text, reason)
    warnings: list[str] = field(default_factory=list)
    meta: dict = field(default_factory=dict)  # encoding, delimiter, sheet, sheets, date1904, ...


def int64_arrow(values: np.ndarray) -> pa.Table:
    """A one-column (``_row``) Arrow table over an int64 numpy array, without a copy and without pyarrow's
    ``pa.array``, which imports pandas (~0.6 s) to check its argument.

    >>> import numpy as np
    >>> int64_arrow(np.arange(3)).column("_row").to_pylist()
    [0, 1, 2]
    """
    import numpy as np
    import pyarrow as pa

    arr = np.ascontiguousarray(values, dtype=np.int64)
    col = pa.Array.from_buffers(pa.int64(), len(arr), [None, pa.py_buffer(arr)])
    return pa.Table.from_arrays([col], names=["_row"])
