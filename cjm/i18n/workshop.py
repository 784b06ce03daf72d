"""Catalogue of the workshop map: the map grid, the assumed emotion curve, presentation mode, the map CLI.

Three dicts with the same keys; merged into :data:`cjm.i18n.CATALOGUES` (see ``AREAS`` there).
"""

from __future__ import annotations

EN: dict[str, str] = {
}

TR: dict[str, str] = {
}

RO: dict[str, str] = {
}
