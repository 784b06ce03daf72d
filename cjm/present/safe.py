"""Exports that are safe to open: a cell of data never becomes a formula in a spreadsheet.

Every CSV the app or the CLI offers goes through :func:`csv_bytes` (or :func:`csv_safe` first); the workbook keeps
text as text through :data:`XLSX_OPTIONS` (see :func:`cjm.present.report.write_xlsx`).

CSV escaping follows the OWASP guidance on CSV injection: a text cell that starts with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return gets a single quote in front, so Excel, LibreOffice and Google Sheets show it as text
instead of running it. Numbers stay numbers (a ``-3`` in a numeric column is written as ``-3``).

>>> import pandas as pd
>>> csv_bytes(pd.DataFrame({"stage": ["=1+1", "ok"], "delta": [-3, 2]})).decode("utf-8-sig").splitlines()
['stage,delta', "'=1+1,-3", 'ok,2']
"""

from __future__ import annotations

from typing import Any

import pandas as pd

#: First characters that make a spreadsheet read a cell as a formula (OWASP: =, +, -, @, tab, carriage return).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: xlsxwriter workbook options: text that looks like a formula or a URL is written as text, never as a live
#: formula or hyperlink (``pd.ExcelWriter(..., engine_kwargs={"options": XLSX_OPTIONS})``).
XLSX_OPTIONS: dict[str, bool] = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


def csv_cell(value: Any) -> Any:
    """One cell for a CSV file: text starting with a formula character gets a leading ``'``; anything else
    (numbers, dates, missing values, harmless text) is returned unchanged.

    >>> [csv_cell(v) for v in ["=HYPERLINK(\\"http://evil\\",\\"x\\")", "+1", "-2+3", "@SUM(A1)", "\\tx", "\\rx"]]
    ['\\'=HYPERLINK("http://evil","x")', "'+1", "'-2+3", "'@SUM(A1)", "'\\tx", "'\\rx"]
    >>> csv_cell(-2.5), csv_cell("Awareness"), csv_cell(None)
    (-2.5, 'Awareness', None)
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_safe(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of *df* with every text cell (and column name) passed through :func:`csv_cell`; numeric, boolean
    and date columns are left as they are.

    >>> csv_safe(pd.DataFrame({"-x": ["@a", "b"], "n": [-1.5, 2.0]})).to_dict("list")
    {"'-x": ["'@a", 'b'], 'n': [-1.5, 2.0]}
    """
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_object_dtype(s) or pd.api.types.is_string_dtype(s) or \
                isinstance(s.dtype, pd.CategoricalDtype):
            out[col] = s.astype(object).map(csv_cell)
    out.columns = [csv_cell(c) for c in out.columns]
    return out


def csv_bytes(df: pd.DataFrame) -> bytes:
    """*df* as a CSV download: escaped with :func:`csv_safe`, no index, UTF-8 with a BOM (Excel then reads
    Turkish and Romanian letters right).

    >>> csv_bytes(pd.DataFrame({"a": ["-1"]}))
    b"\\xef\\xbb\\xbfa\\n'-1\\n"
    """
    return csv_safe(df).to_csv(index=False).encode("utf-8-sig")
