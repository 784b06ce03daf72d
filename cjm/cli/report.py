"""``python -m cjm report [--workspace W] [filters] [--json] [--xlsx FILE]``: the report of
:mod:`cjm.present.report` as JSON, a short summary, or a workbook."""

from __future__ import annotations

import argparse
import json
from typing import Any

import pandas as pd

from cjm.cli.options import add_filter_arguments, filters_from_args
from cjm.errors import CJMError
from cjm.present.report import build, write_xlsx
from cjm.store import Workspace


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``python -m cjm report``: the global filters, ``--json`` and ``--xlsx FILE``."""
    add_filter_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print the whole report as one JSON object")
    parser.add_argument("--xlsx", metavar="FILE", help="also write the report's tables to this Excel workbook")


def _pct(v: Any) -> str:
    return "" if v is None or pd.isna(v) else f"{v:.0%}"


def _summary(report: dict[str, Any]) -> str:
    lines = [f"stage model: {report['stage_model']['name']} — {report['customers']:,} customers, "
             f"{report['events']:,} events"]
    lines.append("funnel (customers, conversion from previous stage, dropped after):")
    for r in report["funnel"]:
        lines.append(f"  {r['label']:<24} {r['customers']:>8,}  {_pct(r['conversion']):>5}  {r['dropped'] or 0:>7,}")
    nps = report["nps"]["overall"]
    if nps and nps["n"]:
        lines.append(f"NPS: {nps['nps']:+.0f} (n={nps['n']}, 95% {nps['ci_low']:+.0f}..{nps['ci_high']:+.0f})"
                     if nps["ci_low"] is not None else f"NPS: {nps['nps']:+.0f} (n={nps['n']})")
    curve = [r for r in report["emotion_curve"] if r["n"]]
    if curve:
        lines.append("emotion (−2..+2): " + ", ".join(f"{r['label']} {r['mean']:+.2f} (n={r['n']})" for r in curve))
    if report["pain_points"]:
        lines.append("top pain points (impact = negativity × (customers + dropped) × value weight):")
        for r in report["pain_points"][:5]:
            lines.append(f"  {r['rank']}. {r['label']} / {r['touchpoint']}: impact {r['impact']:.1f}, "
                         f"{r['customers']} customers, mean emotion {r['mean_emotion']:+.2f}, {r['dropped']} dropped")
    stuck = sum(r["stuck"] for r in report["stuck"]["by_stage"])
    back = sum(r["customers"] for r in report["backwards"]["by_stage"])
    lines.append(f"stuck customers: {stuck:,}; customers who moved backwards: {back:,}")
    gaps = report["channel_gaps"]
    if gaps:
        lines.append(f"channel gaps: {len(gaps)} (see --json or --xlsx)")
    return "\n".join(lines)


def run(args: argparse.Namespace, ws: Workspace) -> int:
    """``python -m cjm report``: JSON to stdout with ``--json``, else a short summary; ``--xlsx FILE`` also."""
    model = ws.stage_model()
    if model is None:
        raise CJMError('This workspace has no stage model yet. Import a file with --stage-model NAME, or set one '
                       'with: python -m cjm stages --set five-stage (or --set "a,b,c").')
    con = ws.cursor()
    if not con.execute("SELECT count(*) FROM events").fetchall()[0][0]:
        raise CJMError("This workspace has no events yet. Import a file first: python -m cjm import FILE "
                       "(or load the samples: python -m cjm sample).")
    filters = filters_from_args(args)
    report = build(con, model=model, filters=filters)
    if args.xlsx:
        write_xlsx(con, model=model, filters=filters, path=args.xlsx)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2, allow_nan=False))
    else:
        print(_summary(report))
        if args.xlsx:
            print(f"workbook written: {args.xlsx}")
    return 0
