"""The report: every analysis of the workspace as one JSON object or one Excel workbook.

The command is :mod:`cjm.cli.report` (``python -m cjm report``). The keys of the JSON are described in
``docs/report-json.md``. The workbook has one sheet per table of
:func:`tables`, with a formatted header, frozen first row, filters and fitted column widths.

>>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
>>> sorted(build(open_workspace(":memory:").cursor(), model=preset("five-stage")))[:4]
['actions', 'backwards', 'channel_gaps', 'channels']
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any, BinaryIO

import duckdb
import pandas as pd

from cjm.analyses import channels, emotion, flows, funnel, pain_points
from cjm.analyses.relations import filtered_events
from cjm.core.filters import Filters
from cjm.core.stage_model import StageModel
from cjm.errors import CJMError, Message
from cjm.present.report_notes import sections
from cjm.present.safe import XLSX_OPTIONS

FORMAT_VERSION = 1


def tables(con: duckdb.DuckDBPyConnection, *, model: StageModel,
           filters: Filters | None = None) -> dict[str, pd.DataFrame]:
    """Every table of the report, by sheet name (the JSON and the workbook are made from these).

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> list(tables(open_workspace(":memory:").cursor(), model=preset("five-stage")))[:3]
    ['funnel', 'transitions', 'channels']
    """
    kw: dict[str, Any] = {"model": model, "filters": filters}
    trans = flows.transitions(con, **kw, by="stage")
    return {
        "funnel": funnel.funnel(con, **kw),
        "transitions": trans[[c for c in ("source", "target", "count", "median_days", "source_label", "target_label")
                              if c in trans.columns]],
        "channels": channels.matrix(con, **kw),
        "channel_gaps": channels.gaps(con, **kw),
        "touchpoints": channels.touchpoints(con, **kw),
        "emotion_curve": emotion.curve(con, **kw),
        "emotion_touchpoints": emotion.touchpoint_curve(con, **kw),
        "nps": emotion.nps(con, **kw),
        "nps_by_stage": emotion.nps(con, **kw, by="stage"),
        "nps_by_segment": emotion.nps(con, **kw, by="segment"),
        "pain_points": pain_points.pain_points(con, **kw),
        "stuck": funnel.stuck_summary(con, **kw),
        "stuck_customers": funnel.stuck(con, **kw),
        "backwards": funnel.backwards_summary(con, **kw),
        "backwards_moves": funnel.backwards(con, **kw),
    }


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """JSON-safe records: NaN/NaT -> None, timestamps -> ISO text, numpy scalars -> Python.

    >>> records(pd.DataFrame({"a": [1.5, float("nan")], "t": pd.to_datetime(["2026-01-02", None])}))
    [{'a': 1.5, 't': '2026-01-02T00:00:00.000'}, {'a': None, 't': None}]
    """
    if not len(df):
        return []
    return json.loads(df.to_json(orient="records", date_format="iso", force_ascii=False, double_precision=10))


def build(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None) -> dict[str, Any]:
    """The report as one JSON-safe dict (see ``docs/report-json.md``).

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> build(open_workspace(":memory:").cursor(), model=preset("five-stage"))["customers"]
    0
    """
    t = tables(con, model=model, filters=filters)
    flt = filters or Filters()
    ev_sql, ev_params = filtered_events(model=model, filters=flt)
    n_events, n_customers = con.execute(f"SELECT count(*), count(DISTINCT customer_id) FROM ({ev_sql})",
                                        ev_params).fetchall()[0]
    overall = records(t["nps"])
    return {
        "format_version": FORMAT_VERSION,
        "stage_model": {"name": model.name, "stages": [{"stage": s.key, "label": s.label, "final": i in
                                                        model.final_indexes()} for i, s in enumerate(model.stages)]},
        "filters": {k: (v.isoformat() if isinstance(v, dt.date) else list(v) if isinstance(v, tuple) else v)
                    for k, v in zip(("start", "end", "segment", "persona", "role", "channel", "stages"),
                                    flt.cache_key())},
        "events": int(n_events),
        "customers": int(n_customers),
        "funnel": records(t["funnel"]),
        "transitions": records(t["transitions"]),
        "channels": records(t["channels"]),
        "channel_gaps": records(t["channel_gaps"]),
        "touchpoints": records(t["touchpoints"]),
        "emotion_curve": records(t["emotion_curve"]),
        "emotion_highs_lows": records(emotion.highs_lows(t["emotion_curve"])),
        "emotion_touchpoints": records(t["emotion_touchpoints"]),
        "nps": {"overall": overall[0] if overall else None, "by_stage": records(t["nps_by_stage"]),
                "by_segment": records(t["nps_by_segment"])},
        "pain_points": records(t["pain_points"]),
        "pain_points_formula": pain_points.FORMULA,
        "stuck": {"by_stage": records(t["stuck"]), "customers": records(t["stuck_customers"])},
        "backwards": {"by_stage": records(t["backwards"]), "moves": records(t["backwards_moves"])},
        **sections(con, model=model, filters=filters),  # team, kpis, journey_score, trends, actions
    }


_FILTER_KEYS = {"from": "report.filter.from", "to": "report.filter.to", "segment": "report.filter.segment",
                "persona": "report.filter.persona", "role": "report.filter.role", "channel": "report.filter.channel",
                "stages": "report.filter.stages"}


def _sheet_title(name: str, lang: str | None) -> str:
    """The sheet *name* of :func:`tables` (or ``about``) as the workbook shows it: the name itself without
    *lang*, else its title in that language (``report.sheet.<name>`` in :mod:`cjm.i18n.messages`)."""
    if lang is None:
        return name[:31]
    title = Message(f"report.sheet.{name}").message(lang)
    return "".join(" " if ch in "[]:*?/\\" else ch for ch in title)[:31]


def _column_title(column: str, lang: str | None) -> str:
    """A column of a table as the workbook's header shows it (``report.col.<column>`` with *lang*)."""
    if lang is None:
        return str(column)
    from cjm.i18n import EN

    key = f"report.col.{column}"
    return Message(key).message(lang) if key in EN else str(column)


def write_xlsx(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None,
               path: str | os.PathLike | BinaryIO, lang: str | None = None) -> Path | BinaryIO:
    """Write every table of :func:`tables` to an Excel workbook at *path* (one sheet each), plus an
    "about" sheet with the stage model, the filters and the pain-point formula. Returns *path*.

    *lang* (``en``, ``tr``, ``ro``): sheet names, column headers and the about sheet in that language, for people
    to read; without it (``None``) they are the names of the report JSON (``funnel``, ``stage_idx``), for tools.

    *path* may also be a binary file object (e.g. ``io.BytesIO()`` for a download button).
    Text stays text: a cell such as ``=HYPERLINK(...)`` is written as a string, never as a formula or a link
    (:data:`cjm.present.safe.XLSX_OPTIONS`).
    A path that cannot be written is a ``CJMError`` saying so.

    >>> import io; from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> buf = write_xlsx(open_workspace(":memory:").cursor(), model=preset("five-stage"), path=io.BytesIO())
    >>> buf.getvalue()[:2]
    b'PK'
    """
    t = tables(con, model=model, filters=filters)
    flt = filters or Filters()
    shown = {k: v for k, v in zip(("from", "to", "segment", "persona", "role", "channel", "stages"),
                                  flt.cache_key()) if v}
    if lang is None:
        text = "; ".join(f"{k}: {v.isoformat() if isinstance(v, dt.date) else ', '.join(v)}" for k, v in shown.items())
        about = pd.DataFrame({"item": ["stage model", "stages", "filters", "pain point formula"],
                              "value": [model.name, " → ".join(model.labels), text or "none", pain_points.FORMULA]})
    else:
        text = "; ".join(Message(_FILTER_KEYS[k]).message(lang) + ": "
                         + (v.isoformat() if isinstance(v, dt.date) else ", ".join(v)) for k, v in shown.items())
        items = [Message(k).message(lang) for k in ("report.about.model", "report.about.stages",
                                                    "report.about.filters", "report.about.formula")]
        about = pd.DataFrame({_column_title("item", lang): items,
                              _column_title("value", lang): [model.name, " → ".join(model.labels),
                                                             text or Message("report.about.none").message(lang),
                                                             pain_points.FORMULA.message(lang)]})
    target: Path | BinaryIO = path if not isinstance(path, (str, os.PathLike)) else Path(path)
    try:
        with pd.ExcelWriter(target, engine="xlsxwriter", datetime_format="yyyy-mm-dd hh:mm",
                            date_format="yyyy-mm-dd", engine_kwargs={"options": XLSX_OPTIONS}) as writer:
            book = writer.book
            header = book.add_format({"bold": True, "bg_color": "#DCE6F1", "border": 1, "text_wrap": True,
                                      "valign": "top"})
            formats = {"share": book.add_format({"num_format": "0.0%"}),
                       "float": book.add_format({"num_format": "#,##0.00"}),
                       "int": book.add_format({"num_format": "#,##0"}),
                       "text": book.add_format({"text_wrap": True, "valign": "top"})}
            for name, df in {"about": about, **t}.items():
                frame = df.copy()
                for col in frame.columns:  # Excel has no time zones; keep naive local times
                    if isinstance(frame[col].dtype, pd.DatetimeTZDtype):
                        frame[col] = frame[col].dt.tz_localize(None)
                title = _sheet_title(name, lang)
                frame.to_excel(writer, sheet_name=title, index=False)
                sheet = writer.sheets[title]
                for i, col in enumerate(frame.columns):
                    sheet.write(0, i, col if name == "about" else _column_title(col, lang), header)
                    kind = _column_kind(frame[col])
                    first = frame[col].head(500)  # width from the first rows: formatting only
                    sample = first[first.notna()].tolist()
                    if kind == "datetime":
                        widths = [16]
                    elif kind in ("share", "float", "int"):
                        widths = [len(f"{v:,.2f}") for v in sample]
                    else:
                        widths = [len(line) for v in sample for line in str(v).splitlines()]
                    width = max([len(str(col)), *widths])
                    fmt = formats.get(kind) if kind != "text" or width > 60 else None
                    sheet.set_column(i, i, min(max(width + 2, 8), 60), fmt)
                sheet.freeze_panes(1, 0)
                if len(frame.columns):
                    sheet.autofilter(0, 0, max(len(frame), 1), len(frame.columns) - 1)
    except OSError as exc:
        raise CJMError("report.cannot_write", path=str(path), detail=exc.strerror or str(exc)) from None
    return target


_SHARES = {"conversion", "conversion_from_first", "drop_rate", "progressed_with", "progressed_without", "lift"}


def _column_kind(series: pd.Series) -> str:
    if series.name in _SHARES:
        return "share"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "datetime"
    if pd.api.types.is_bool_dtype(series):
        return "text"
    if pd.api.types.is_integer_dtype(series):
        return "int"
    if pd.api.types.is_float_dtype(series):
        return "float"
    return "text"
