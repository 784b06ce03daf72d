"""``python -m cjm map [--workspace W] [filters] [--persona P] [--json]``: the journey map as text or JSON — the same
structure the map page draws (:mod:`cjm.analyses.journey_map`): stages with their labels in the chosen language,
the lanes computed from data, the team's lanes, the assumed and measured emotion curves and their largest gaps.
The language is ``--lang`` / ``CJM_LANG`` (English by default).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from typing import Any

from cjm.analyses.journey_map import JourneyMap, MapStage, journey_map, with_team_lanes
from cjm.cli import source
from cjm.cli.options import add_filter_arguments, filters_from_args, language
from cjm.engines import InPlace
from cjm.errors import CJMError
from cjm.i18n import t
from cjm.i18n.numbers import decimal, number, percent
from cjm.present.workshop import gap_sentences
from cjm.store import Workspace
from cjm.store.notes import ASSUMED_KINDS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``python -m cjm map``: the global filters (``--persona P`` shows the map of one persona) and
    ``--json``."""
    add_filter_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print the map as one JSON object")
    parser.add_argument("--png", metavar="FILE", help="also write the map as one PNG image, 1920 px wide, for a slide "
                                                      "(needs Chromium)")
    source.add_arguments(parser)


def as_json(jm: JourneyMap, lang: str) -> dict[str, Any]:
    """The map as plain data: the structure itself, plus each stage's assumed values and the gap sentences."""
    out = dataclasses.asdict(jm)
    out["language"] = lang
    out["assumed_curves"] = {kind: list(jm.assumed_curve(kind)) for kind in ASSUMED_KINDS}
    out["measured_curve"] = [dataclasses.asdict(e) for e in jm.curve]
    out["moments_that_matter"] = sorted(jm.marked)
    out["gaps"] = [dataclasses.asdict(g) | {"sentence": s}
                   for g, s in zip(jm.gaps("as_is"), gap_sentences(jm, lang, k=len(jm.stages)))]
    return out


def _stage_lines(jm: JourneyMap, i: int, s: MapStage, lang: str) -> list[str]:
    none = t("map.none", lang=lang)
    lines = [f"{i + 1}. {s.label}"]
    conv = "" if s.conversion is None else f" · {t('map.conversion', lang=lang)}: {percent(s.conversion, lang)}"
    lines.append(f"   {t('map.customers', lang=lang)}: {number(s.customers, lang)}{conv}")
    if s.touchpoints:
        tps = ", ".join(("★ " if jm.is_moment(tp.name) else "") + tp.name for tp in s.touchpoints)
        lines.append(f"   {t('map.touchpoints', lang=lang)}: {tps}")
    if s.channels:
        lines.append(f"   {t('map.channels', lang=lang)}: {', '.join(c.name for c in s.channels)}")
    e = s.emotion
    measured = none if e.value is None else (
        f"{decimal(e.value, lang, signed=True)} (n = {number(e.n, lang)}"
        + (f", {decimal(e.ci_low, lang, signed=True)} … {decimal(e.ci_high, lang, signed=True)}"
           if e.ci_low is not None else "") + ")")
    lines.append(f"   {t('map.emotion', lang=lang)}: {t('assumed.measured', lang=lang)} {measured}")
    for kind in ASSUMED_KINDS:
        a = jm.assumed_cell(kind, s.key).value
        if a is not None:
            lines.append(f"   {t('map.emotion', lang=lang)}: {t(f'assumed.{kind}', lang=lang)} "
                         f"{decimal(a, lang, signed=True)}")
    if s.pain_points:
        lines.append(f"   {t('map.pain', lang=lang)}: " + ", ".join(
            ("★ " if jm.is_moment(p.touchpoint) else "") + p.touchpoint for p in s.pain_points))
    if s.nps.value is not None:
        lines.append(f"   {t('map.nps', lang=lang)}: {decimal(s.nps.value, lang, digits=0, signed=True)} "
                     f"(n = {number(s.nps.n, lang)})")
    for lane in jm.team:
        text = jm.cell(lane.lane, s.key).text
        if text:
            lines.append(f"   {t(f'lane.{lane.lane}', lang=lang)}: {' / '.join(text.splitlines())}")
    return lines


def as_text(jm: JourneyMap, lang: str) -> str:
    lines = [t("map.title", lang=lang)]
    for i, s in enumerate(jm.stages):
        lines += _stage_lines(jm, i, s, lang)
    lines += gap_sentences(jm, lang)
    return "\n".join(lines)


def _in_place(args: argparse.Namespace, src: InPlace, lang: str) -> int:
    """The map of events read in place (``--events``; DuckDB): the data lanes only, no workspace, so no team notes."""
    if src.engine_name != "duckdb":
        raise CJMError("engines.duckdb_only")
    jm = journey_map(src.duckdb_connection(), model=src.model.localized(lang), filters=filters_from_args(args))
    print(json.dumps(as_json(jm, lang), ensure_ascii=False, indent=2, allow_nan=False) if args.json
          else as_text(jm, lang))
    return 0


def run(args: argparse.Namespace, ws: Workspace | None) -> int:
    """``python -m cjm map``: the map as text, or as JSON with ``--json``."""
    lang = language(args)
    with source.opened(args) as src:
        if src is not None:
            return _in_place(args, src, lang)
    if ws is None:
        raise CJMError("cli.workspace_no_model")
    model = ws.stage_model()
    if model is None:
        raise CJMError("cli.workspace_no_model")
    model = model.localized(lang)
    con = ws.cursor()
    jm = with_team_lanes(journey_map(con, model=model, filters=filters_from_args(args)), con)
    if args.png:
        from cjm.present.html_report import map_png

        width, height = map_png(con, args.png, model=model, filters=filters_from_args(args), lang=lang)
    if args.json:
        print(json.dumps(as_json(jm, lang), ensure_ascii=False, indent=2, allow_nan=False))
    else:
        print(as_text(jm, lang))
        if args.png:
            print(t("map.png_written", lang=lang, path=args.png, width=width, height=height))
    return 0
