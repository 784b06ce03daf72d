"""``python -m cjm report [--workspace W] [filters] [--json] [--xlsx FILE]``: the report of
:mod:`cjm.present.report` as JSON, a short summary, or a workbook.

With ``--events PATH --stage-model NAME [--map H=F] [--engine duckdb|spark] [--master URL]`` (:mod:`cjm.cli.source`)
the report is made from events read in place, on DuckDB or Spark (:func:`cjm.engines.portable.tables`): the same
keys where the analysis is the same (funnel, transitions, channels, channel_gaps, emotion_curve, nps, pain_points,
stuck, backwards), plus ``funnel_visited``, ``time_to_convert``, ``time_in_stage`` and ``source``; no touchpoint
ranking, touchpoint curve or NPS by segment (see docs/engines.md)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

import pandas as pd

from cjm.analyses import emotion, pain_points
from cjm.cli import source
from cjm.cli.options import add_filter_arguments, filters_from_args, language
from cjm.core.filters import Filters
from cjm.engines import InPlace, portable
from cjm.errors import CJMError
from cjm.i18n import t
from cjm.present.report import FORMAT_VERSION, build, records, write_xlsx
from cjm.present.safe import XLSX_OPTIONS
from cjm.store import Workspace


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``python -m cjm report``: the global filters (``--persona P`` for one persona), ``--json``,
    ``--xlsx FILE`` (the tables, named as in the JSON), ``--workbook FILE`` (the workbook for people), ``--html FILE``
    (the self-contained report), ``--pdf FILE`` (the same, printed by Chromium); those three in ``--lang``."""
    add_filter_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print the whole report as one JSON object")
    parser.add_argument("--xlsx", metavar="FILE", help="also write the report's tables to this Excel workbook")
    parser.add_argument("--workbook", metavar="FILE", help="also write the workbook for people (in --lang)")
    parser.add_argument("--html", metavar="FILE", help="also write the report as one HTML file that opens offline")
    parser.add_argument("--pdf", metavar="FILE", help="also write the report as a PDF (needs Chromium)")
    source.add_arguments(parser)


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


def in_place(src: InPlace, filters: Filters | None = None) -> tuple[dict[str, Any], dict[str, pd.DataFrame]]:
    """The report of events read in place (:mod:`cjm.engines.portable`) as a JSON-safe dict, and its tables."""
    model, flt = src.model, filters or Filters()
    n_events, n_customers = portable.counts(src, model=model, filters=flt)
    if not n_events and flt.is_empty():
        raise CJMError("engines.no_events", path=src.path, model=model.name)
    tb = portable.tables(src, model=model, filters=flt)
    overall = records(tb["nps"])
    report = {
        "format_version": FORMAT_VERSION,
        "source": {"events": src.path, "kind": src.kind, "engine": src.engine_name,
                   "mapping": {h: f for h, f in src.mapping.items() if f}},
        "stage_model": {"name": model.name, "stages": [{"stage": s.key, "label": s.label, "final": i in
                                                        model.final_indexes()} for i, s in enumerate(model.stages)]},
        "filters": {k: (v.isoformat() if isinstance(v, dt.date) else list(v) if isinstance(v, tuple) else v)
                    for k, v in zip(("start", "end", "segment", "persona", "role", "channel", "stages"),
                                    flt.cache_key())},
        "events": n_events,
        "customers": n_customers,
        **{name: records(tb[name]) for name in ("funnel", "funnel_visited", "transitions", "time_to_convert",
                                                "time_in_stage", "channels", "channel_gaps", "emotion_curve",
                                                "pain_points")},
        "emotion_highs_lows": records(emotion.highs_lows(tb["emotion_curve"])),
        "nps": {"overall": overall[0] if overall else None, "by_stage": records(tb["nps_by_stage"])},
        "pain_points_formula": pain_points.FORMULA,
        "stuck": {"by_stage": records(tb["stuck"]), "customers": records(tb["stuck_customers"])},
        "backwards": {"by_stage": records(tb["backwards"]), "moves": records(tb["backwards_moves"])},
    }
    return report, tb


def _write_tables(tables: dict[str, pd.DataFrame], path: str) -> None:
    """The tables of the in-place report as one workbook, a sheet each (text stays text: :data:`XLSX_OPTIONS`)."""
    try:
        with pd.ExcelWriter(path, engine="xlsxwriter", datetime_format="yyyy-mm-dd hh:mm",
                            engine_kwargs={"options": XLSX_OPTIONS}) as writer:
            for name, df in tables.items():
                df.to_excel(writer, sheet_name=name[:31], index=False)
    except OSError as exc:
        raise CJMError("report.cannot_write", path=str(path), detail=str(exc.strerror or exc)) from None


def run(args: argparse.Namespace, ws: Workspace | None) -> int:
    """``python -m cjm report``: JSON to stdout with ``--json``, else a short summary; ``--xlsx FILE`` also. With
    ``--events`` the report is made from the events read in place (the workspace is not read)."""
    filters = filters_from_args(args)
    with source.opened(args) as src:
        if src is not None:
            report, tb = in_place(src, filters)
            if args.xlsx:
                _write_tables(tb, args.xlsx)
            if args.json:
                print(json.dumps(report, ensure_ascii=False, indent=2, allow_nan=False))
            else:
                print(t("engines.summary_source", path=src.path, kind=src.kind, engine=src.engine_name))
                print(_summary(report))
                if args.xlsx:
                    print(t("cli.file_written", lang=language(args), path=args.xlsx))
            return 0
    if ws is None:
        raise CJMError("cli.report_no_events")
    model = ws.stage_model()
    if model is None:
        raise CJMError("cli.report_no_model")
    con = ws.cursor()
    if not con.execute("SELECT count(*) FROM events").fetchall()[0][0]:
        raise CJMError("cli.report_no_events")
    lang = language(args)
    report = build(con, model=model, filters=filters)
    written = []
    if args.xlsx:
        write_xlsx(con, model=model, filters=filters, path=args.xlsx)
        written.append(args.xlsx)
    if args.workbook:
        from cjm.present.workbook import write_workbook

        write_workbook(con, args.workbook, model=model, filters=filters, lang=lang)
        written.append(args.workbook)
    if args.html or args.pdf:
        from cjm.present.html_report import build_html

        page = build_html(con, model=model, filters=filters, lang=lang)
        if args.html:
            with open(args.html, "w", encoding="utf-8") as f:
                f.write(page)
            written.append(args.html)
        if args.pdf:
            from cjm.present.chromium import html_to_pdf

            html_to_pdf(page, args.pdf)
            written.append(args.pdf)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2, allow_nan=False))
    else:
        print(_summary(report))
        for path in written:
            print(t("cli.file_written", lang=lang, path=path))
    return 0
