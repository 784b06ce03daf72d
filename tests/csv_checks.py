"""How the export tests read a CSV download: its cells, and whether a spreadsheet would take a cell for a formula.

Written independently of :mod:`cjm.present.safe` (only its list of formula characters is shared)."""

from __future__ import annotations

import csv
import io

from cjm.present.safe import FORMULA_START


def cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def formula_like(cell: str) -> bool:
    """A cell a spreadsheet would read as a formula: starts with = + - @ tab CR, and is not a plain number."""
    if not cell.startswith(FORMULA_START):
        return False
    try:
        float(cell)
    except ValueError:
        return True
    return False
