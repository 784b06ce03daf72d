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
from cjm.i18n.numbers import decimal, number, percent
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


def _summary(report: dict[str, Any], lang: str = "en") -> str:
    """The report in a few lines, in *lang*."""
    def pct(v: Any) -> str:
        return "" if v is None or pd.isna(v) else percent(v, lang)

    lines = [t("cli.summary.head", lang=lang, model=report["stage_model"]["name"],
               customers=number(report["customers"], lang), events=number(report["events"], lang)),
             t("cli.summary.funnel", lang=lang)]
    for r in report["funnel"]:
        lines.append(f"  {r['label']:<24} {number(r['customers'], lang):>8}  {pct(r['conversion']):>5}  "
                     f"{number(r['dropped'] or 0, lang):>7}")
    nps = report["nps"]["overall"]
    if nps and nps["n"]:
        values = {"nps": decimal(nps["nps"], lang, digits=0, signed=True), "n": number(nps["n"], lang)}
        lines.append(t("cli.summary.nps", lang=lang, low=decimal(nps["ci_low"], lang, digits=0, signed=True),
                       high=decimal(nps["ci_high"], lang, digits=0, signed=True), **values)
                     if nps["ci_low"] is not None else t("cli.summary.nps_no_ci", lang=lang, **values))
    curve = [r for r in report["emotion_curve"] if r["n"]]
    if curve:
        lines.append(t("cli.summary.emotion", lang=lang, values=", ".join(
            f"{r['label']} {decimal(r['mean'], lang, digits=2, signed=True)} (n={number(r['n'], lang)})" for r in curve)))
    if report["pain_points"]:
        lines.append(t("cli.summary.pain", lang=lang))
        for r in report["pain_points"][:5]:
            lines.append("  " + t("cli.summary.pain_line", lang=lang, rank=r["rank"], stage=r["label"],
                                  touchpoint=r["touchpoint"], impact=decimal(r["impact"], lang),
                                  customers=number(r["customers"], lang),
                                  emotion=decimal(r["mean_emotion"], lang, digits=2, signed=True),
                                  dropped=number(r["dropped"], lang)))
    stuck = sum(r["stuck"] for r in report["stuck"]["by_stage"])
    back = sum(r["customers"] for r in report["backwards"]["by_stage"])
    lines.append(t("cli.summary.stuck", lang=lang, stuck=number(stuck, lang), back=number(back, lang)))
    if report["channel_gaps"]:
        lines.append(t("cli.summary.gaps", lang=lang, n=number(len(report["channel_gaps"]), lang)))
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
                print(t("engines.summary_source", lang=language(args), path=src.path, kind=src.kind,
                        engine=src.engine_name))
                print(_summary(report, language(args)))
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
    model = model.localized(lang)  # stage labels in the language (the keys stay)
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
        print(_summary(report, language(args)))
        for path in written:
            print(t("cli.file_written", lang=lang, path=path))
    return 0
