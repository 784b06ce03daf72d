"""Catalogue of the journey-map grid component (ui/map_grid): cells, editing, hover texts.

Three dicts with the same keys; merged into :data:`cjm.i18n.CATALOGUES` (see ``AREAS`` there).
"""

from __future__ import annotations

EN: dict[str, str] = {
}

TR: dict[str, str] = {
}

RO: dict[str, str] = {
}
