"""The workbook for people: what the workshop produced, readable in Excel, in the interface language — and the
team's sheets to edit in Excel and upload back (:mod:`cjm.ingest.team_workbook` reads them).

Sheets (names in the chosen language): a cover (what is inside, the filters, the date), the journey map (the data
lanes and the team's lanes), the team's sheet (lanes and the assumed emotion per stage: edit it here), personas
(edit them here), the funnel and the emotion curve (each with a native Excel chart), touchpoints × channels, pain
points with their status, notes and quotes, saved scenarios, KPIs and actions. Numbers carry Excel formats
(thousands, %, one decimal for emotion) so Excel shows them the user's way. A hidden sheet ``_cjm`` keeps, for
every team cell, the text and version it was exported with, so an upload can tell what was changed in Excel from
what someone changed in the app meanwhile.

Every text is written as text: no cell can become a formula, a DDE call or a link (``write_string`` and
:data:`cjm.present.safe.XLSX_OPTIONS`).

>>> import io; from cjm.store import open_workspace; from cjm.core.stage_model import preset
>>> buf = io.BytesIO(); write_workbook(open_workspace(":memory:").cursor(), buf, model=preset("five-stage"), lang="ro")
>>> import openpyxl; openpyxl.load_workbook(buf).sheetnames[:4]
['Despre', 'Harta călătoriei', 'Echipa (editabil)', 'Persona (editabil)']
"""

from __future__ import annotations

import datetime as dt
import json
import os
from typing import Any, BinaryIO, cast

import duckdb
import pandas as pd
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from cjm.analyses import channels, emotion, funnel, kpis, pain_points
from cjm.analyses.journey_map import JourneyMap, journey_map, with_team_lanes
from cjm.core.filters import Filters
from cjm.core.stage_model import StageModel
from cjm.i18n import t
from cjm.i18n.numbers import date
from cjm.present.html_report import PAIN_STATUS_KEYS, describe_filters
from cjm.present.progress import action_where, effect_lines
from cjm.present.safe import XLSX_OPTIONS
from cjm.store.notes import ASSUMED_KINDS, ROLES, TEXT_LANES, pain_status, personas, scenario_specs
from cjm.store.progress import actions
from cjm.store.progress import kpis as saved_kpis
from cjm.store.progress import touchpoint_types as team_types

#: Marks a workbook made here (in the hidden sheet): an upload without it is not a team workbook.
FORMAT = "cjm-team-workbook"
FORMAT_VERSION = 1
HIDDEN = "_cjm"
#: Sheet keys in order; the visible names come from ``wb.sheet.<key>``.
SHEETS = ("about", "map", "team", "personas", "funnel", "emotion", "channels", "pain", "scenarios", "progress")


def sheet_name(key: str, lang: str) -> str:
    """A sheet's name in *lang* (at most 31 characters, none of ``[]:*?/\\``)."""
    return "".join(" " if ch in "[]:*?/\\" else ch for ch in t(f"wb.sheet.{key}", lang=lang))[:31]


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return cast(list[dict[str, Any]], df.to_dict("records"))


def _na(v: Any) -> bool:
    return v is None or (not isinstance(v, str) and pd.isna(v))


class _Writer:
    """xlsxwriter with the workbook's formats, writing text as text and numbers as numbers."""

    def __init__(self, target: Any, lang: str):
        self.lang = lang
        self.wb = xlsxwriter.Workbook(target, {**XLSX_OPTIONS, "in_memory": True})
        add = self.wb.add_format
        self.title = add({"bold": True, "font_size": 18})
        self.head = add({"bold": True, "bg_color": "#E8F0E8", "border": 1, "text_wrap": True, "valign": "top"})
        self.lane = add({"bold": True, "bg_color": "#F0F4F8", "border": 1, "text_wrap": True, "valign": "top"})
        self.text = add({"text_wrap": True, "valign": "top", "border": 1})
        self.team = add({"text_wrap": True, "valign": "top", "border": 1, "bg_color": "#FFFBEA", "locked": False})
        self.int = add({"num_format": "#,##0", "valign": "top", "border": 1})
        self.pct = add({"num_format": "0%", "valign": "top", "border": 1})
        self.emo = add({"num_format": "+0.0;-0.0;0.0", "valign": "top", "border": 1})
        self.emo_team = add({"num_format": "+0.0;-0.0;0.0", "valign": "top", "border": 1, "bg_color": "#FFFBEA",
                             "locked": False})
        self.dec = add({"num_format": "#,##0.0", "valign": "top", "border": 1})
        self.muted = add({"font_color": "#52606D", "text_wrap": True, "valign": "top"})

    def sheet(self, key: str) -> Worksheet:
        return self.wb.add_worksheet(sheet_name(key, self.lang))

    def put(self, ws: Worksheet, row: int, col: int, value: Any, fmt: Any = None) -> None:
        """A number as a number, anything else as text (never a formula)."""
        if _na(value):
            ws.write_blank(row, col, None, fmt or self.text)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            ws.write_number(row, col, float(value), fmt or self.dec)
        else:
            ws.write_string(row, col, str(value), fmt or self.text)

    def table(self, ws: Worksheet, row: int, header: list[str], rows: list[list[Any]], fmts: list[Any],
              widths: list[int]) -> int:
        for c, (h, w) in enumerate(zip(header, widths)):
            ws.write_string(row, c, h, self.head)
            ws.set_column(c, c, w)
        for r, values in enumerate(rows, start=row + 1):
            for c, (v, f) in enumerate(zip(values, fmts)):
                self.put(ws, r, c, v, f)
        if rows:
            ws.autofilter(row, 0, row + len(rows), len(header) - 1)
        ws.freeze_panes(row + 1, 1)
        return row + len(rows) + 1


def _about(w: _Writer, model: StageModel, filters: Filters | None, today: dt.date) -> None:
    ws, lang = w.sheet("about"), w.lang
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, 100)
    ws.write_string(0, 0, t("html.title", lang=lang), w.title)
    facts = [(t("html.date", lang=lang), date(today, lang)), (t("html.stage_model", lang=lang), " → ".join(model.labels)),
             (t("html.filters", lang=lang), describe_filters(filters, lang))]
    for r, (k, v) in enumerate(facts, start=2):
        ws.write_string(r, 0, k, w.lane)
        ws.write_string(r, 1, v, w.text)
    r = len(facts) + 3
    ws.write_string(r, 0, t("wb.inside", lang=lang), w.head)
    for i, key in enumerate(SHEETS[1:], start=r + 1):
        ws.write_string(i, 0, sheet_name(key, lang), w.lane)
        ws.write_string(i, 1, t(f"wb.about.{key}", lang=lang), w.text)
    ws.write_string(r + len(SHEETS) + 1, 0, t("wb.round_trip", lang=lang), w.muted)


def _map(w: _Writer, jm: JourneyMap) -> None:
    ws, lang = w.sheet("map"), w.lang
    ws.write_string(0, 0, t("html.lane", lang=lang), w.head)
    ws.set_column(0, 0, 24)
    for c, label in enumerate(jm.labels, start=1):
        ws.write_string(0, c, label, w.head)
        ws.set_column(c, c, 26)
    rows: list[tuple[str, list[Any], Any]] = [
        (t("map.customers", lang=lang), [s.customers for s in jm.stages], w.int),
        (t("map.conversion", lang=lang), [s.conversion for s in jm.stages], w.pct),
        (t("map.touchpoints", lang=lang), ["\n".join(("★ " if jm.is_moment(tp.name) else "") + tp.name
                                                     for tp in s.touchpoints) for s in jm.stages], w.text),
        (t("map.channels", lang=lang), ["\n".join(c.name for c in s.channels) for s in jm.stages], w.text),
        (t("assumed.measured", lang=lang), [s.emotion.value for s in jm.stages], w.emo),
        (t("wb.answers", lang=lang), [s.emotion.n for s in jm.stages], w.int),
        *[(t(f"assumed.{kind}", lang=lang), list(jm.assumed_curve(kind)), w.emo) for kind in ASSUMED_KINDS],
        (t("map.pain", lang=lang), ["\n".join(("★ " if jm.is_moment(p.touchpoint) else "") + p.touchpoint
                                              for p in s.pain_points) for s in jm.stages], w.text),
        (t("map.nps", lang=lang), [s.nps.value for s in jm.stages], w.dec),
        *[(t(f"lane.{lane}", lang=lang), [jm.cell(lane, s.key).text for s in jm.stages], w.text) for lane in TEXT_LANES],
    ]
    for r, (name, values, fmt) in enumerate(rows, start=1):
        ws.write_string(r, 0, name, w.lane)
        for c, v in enumerate(values, start=1):
            w.put(ws, r, c, v, fmt)
    ws.freeze_panes(1, 1)


def _team(w: _Writer, jm: JourneyMap, base: list[list[Any]]) -> None:
    """The sheet to edit in Excel: one row per lane (then the assumed curves), one column per stage. Column A
    (hidden) and row 2 (hidden) hold the keys an upload matches on."""
    ws, lang = w.sheet("team"), w.lang
    ws.set_column(0, 0, None, None, {"hidden": True})
    ws.set_column(1, 1, 26)
    ws.write_string(0, 1, t("wb.team_hint", lang=lang), w.head)
    ws.set_row(1, None, None, {"hidden": True})
    ws.write_string(1, 0, "key")
    for c, s in enumerate(jm.stages, start=2):
        ws.write_string(0, c, s.label, w.head)
        ws.write_string(1, c, s.key)
        ws.set_column(c, c, 30)
    r = 2
    for lane in TEXT_LANES:
        ws.write_string(r, 0, f"lane:{lane}")
        ws.write_string(r, 1, t(f"lane.{lane}", lang=lang), w.lane)
        for c, s in enumerate(jm.stages, start=2):
            cell = jm.cell(lane, s.key)
            w.put(ws, r, c, cell.text or None, w.team)
            base.append(["lane", lane, s.key, cell.text, cell.version])
        ws.set_row(r, 60)
        r += 1
    for kind in ASSUMED_KINDS:
        ws.write_string(r, 0, f"assumed:{kind}")
        ws.write_string(r, 1, t(f"assumed.{kind}", lang=lang) + " (−2…+2)", w.lane)
        for c, s in enumerate(jm.stages, start=2):
            a = jm.assumed_cell(kind, s.key)
            w.put(ws, r, c, a.value, w.emo_team)
            base.append(["assumed", kind, s.key, a.value, a.version])
        ws.data_validation(r, 2, r, 1 + len(jm.stages), {
            "validate": "decimal", "criteria": "between", "minimum": -2, "maximum": 2,
            "error_title": t("wb.assumed_error_title", lang=lang), "error_message": t("wb.assumed_error", lang=lang)})
        r += 1
    ws.freeze_panes(2, 2)


def _personas(w: _Writer, con: duckdb.DuckDBPyConnection, base: list[list[Any]]) -> None:
    ws, lang = w.sheet("personas"), w.lang
    header = ["id", t("wb.persona_name", lang=lang), t("wb.persona_role", lang=lang), t("wb.persona_goals", lang=lang),
              t("wb.persona_quote", lang=lang), t("wb.persona_data", lang=lang)]
    roles = [t(f"role.{r}", lang=lang) for r in ROLES]
    rows = []
    for p in personas(con):
        rows.append([p.persona_id, p.name, t(f"role.{p.role}", lang=lang) if p.role else None, p.goals, p.quote,
                     p.data_value])
        base.append(["persona", p.persona_id, "", json.dumps([p.name, p.role, p.goals, p.quote, p.data_value],
                                                             ensure_ascii=False), p.version])
    w.table(ws, 0, header, rows, [w.text, w.team, w.team, w.team, w.team, w.team], [10, 26, 22, 40, 40, 20])
    ws.set_column(0, 0, None, None, {"hidden": True})
    ws.data_validation(1, 2, 500, 2, {"validate": "list", "source": roles})


def _funnel(w: _Writer, con: duckdb.DuckDBPyConnection, model: StageModel, filters: Filters | None) -> None:
    ws, lang = w.sheet("funnel"), w.lang
    df = funnel.funnel(con, model=model, filters=filters)
    rows = [[r["label"], r["customers"], None if _na(r["conversion"]) else r["conversion"], r["dropped"]]
            for r in _records(df)]
    end = w.table(ws, 0, [t("col.stage", lang=lang), t("col.customers", lang=lang), t("html.conversion", lang=lang),
                          t("html.dropped", lang=lang)], rows, [w.text, w.int, w.pct, w.int], [24, 14, 18, 16])
    if rows:
        chart = w.wb.add_chart({"type": "bar"})
        name = sheet_name("funnel", lang)
        chart.add_series({"name": t("col.customers", lang=lang), "categories": [name, 1, 0, end - 1, 0],
                          "values": [name, 1, 1, end - 1, 1], "data_labels": {"value": True}, "fill": {"color": "#1565C0"}})
        chart.set_y_axis({"reverse": True})
        chart.set_legend({"none": True})
        chart.set_title({"name": t("nav.funnel", lang=lang)})
        ws.insert_chart(1, 5, chart, {"x_scale": 1.5, "y_scale": 1.4})


def _emotion(w: _Writer, con: duckdb.DuckDBPyConnection, model: StageModel, filters: Filters | None) -> None:
    ws, lang = w.sheet("emotion"), w.lang
    curve = emotion.curve(con, model=model, filters=filters)
    nps = emotion.nps(con, model=model, filters=filters, by="stage")
    rows = [[c["label"], None if _na(c["mean"]) else c["mean"], c["n"], None if _na(c["ci_low"]) else c["ci_low"],
             None if _na(c["ci_high"]) else c["ci_high"], None if _na(n["nps"]) else n["nps"], n["n"]]
            for c, n in zip(_records(curve), _records(nps))]
    end = w.table(ws, 0, [t("col.stage", lang=lang), t("html.mean_emotion", lang=lang), "n", t("wb.ci_low", lang=lang),
                          t("wb.ci_high", lang=lang), "NPS", "n (NPS)"], rows,
                  [w.text, w.emo, w.int, w.emo, w.emo, w.dec, w.int], [24, 16, 8, 14, 14, 10, 10])
    if rows and curve["n"].sum():
        chart = w.wb.add_chart({"type": "line"})
        name = sheet_name("emotion", lang)
        chart.add_series({"name": t("html.mean_emotion", lang=lang), "categories": [name, 1, 0, end - 1, 0],
                          "values": [name, 1, 1, end - 1, 1], "marker": {"type": "circle"},
                          "line": {"color": "#1565C0", "width": 2.5}})
        chart.set_y_axis({"min": -2, "max": 2, "major_unit": 1})
        chart.set_legend({"none": True})
        chart.set_title({"name": t("nav.emotions", lang=lang)})
        ws.insert_chart(1, 8, chart, {"x_scale": 1.5, "y_scale": 1.3})


def _channels(w: _Writer, con: duckdb.DuckDBPyConnection, model: StageModel, filters: Filters | None) -> None:
    ws, lang = w.sheet("channels"), w.lang
    mat = channels.matrix(con, model=model, filters=filters)
    if not len(mat):
        ws.write_string(0, 0, t("wb.empty", lang=lang), w.muted)
        return
    pivot = mat.pivot_table(index="channel", columns="stage_idx", values="customers", aggfunc="sum", fill_value=0)
    header = [t("html.channel", lang=lang), *[model.labels[int(i)] for i in pivot.columns]]
    rows = [[str(ch), *[int(v) for v in vals]] for ch, vals in zip(pivot.index, pivot.to_numpy())]
    end = w.table(ws, 0, header, rows, [w.text, *[w.int] * len(pivot.columns)], [24, *[14] * len(pivot.columns)])
    ws.conditional_format(1, 1, end - 1, len(header) - 1, {"type": "2_color_scale", "min_color": "#FFFFFF",
                                                           "max_color": "#2E7D32"})
    types = sorted(team_types(con).items())  # the touchpoint types the team set (the others take the default)
    if types:
        w.table(ws, end + 2, [t("html.touchpoint", lang=lang), t("tptype.col_type", lang=lang)],
                [[tp, t(f"tptype.{kind}", lang=lang)] for tp, (kind, _v) in types], [w.text, w.text], [24, 16])


def _pain(w: _Writer, con: duckdb.DuckDBPyConnection, model: StageModel, filters: Filters | None, jm: JourneyMap) -> None:
    ws, lang = w.sheet("pain"), w.lang
    pains = pain_points.pain_points(con, model=model, filters=filters, top=30)
    status = {(r["stage_key"], r["touchpoint"]): r for r in _records(pain_status(con))}
    rows = []
    for r in _records(pains):
        s = status.get((r["stage"], r["touchpoint"]), {})
        quotes = pain_points.evidence(con, model=model, filters=filters, stage=int(r["stage_idx"]),
                                      touchpoint=str(r["touchpoint"]), k=3)["comment"].tolist()
        rows.append([r["rank"], r["label"], ("★ " if jm.is_moment(str(r["touchpoint"])) else "") + str(r["touchpoint"]),
                     r["impact"], r["customers"], r["dropped"], r["mean_emotion"],
                     t(PAIN_STATUS_KEYS[s["status"]], lang=lang) if s.get("status") in PAIN_STATUS_KEYS else None,
                     s.get("note"), "\n".join(f"“{q}”" for q in quotes) or None])
    w.table(ws, 0, ["#", t("col.stage", lang=lang), t("html.touchpoint", lang=lang), t("html.impact", lang=lang),
                    t("col.customers", lang=lang), t("html.dropped", lang=lang), t("html.mean_emotion", lang=lang),
                    t("html.status", lang=lang), t("html.note", lang=lang), t("html.quotes", lang=lang)], rows,
            [w.int, w.text, w.text, w.dec, w.int, w.int, w.emo, w.text, w.text, w.text],
            [5, 20, 26, 10, 11, 12, 12, 14, 30, 60])
    ws.write_string(len(rows) + 2, 0, t("html.pain_formula", lang=lang), w.muted)


def _scenarios(w: _Writer, con: duckdb.DuckDBPyConnection) -> None:
    ws, lang = w.sheet("scenarios"), w.lang
    rows = [[name, spec, version] for name, spec, version in scenario_specs(con)]
    if not rows:
        ws.write_string(0, 0, t("wb.no_scenarios", lang=lang), w.muted)
        return
    w.table(ws, 0, [t("html.scenario", lang=lang), t("html.levers", lang=lang), t("wb.version", lang=lang)], rows,
            [w.text, w.text, w.int], [28, 100, 10])


def _progress(w: _Writer, con: duckdb.DuckDBPyConnection, model: StageModel, filters: Filters | None) -> None:
    from cjm.analyses.effects import effect
    from cjm.present.progress import kpi_value

    ws, lang = w.sheet("progress"), w.lang
    found = saved_kpis(con)
    row = 0
    if found:
        status = kpis.kpi_status(con, model=model, kpis=found, filters=filters)
        rows = [[r["label"], t(f"kpi.metric.{r['metric']}", lang=lang), t(f"kpi.status.{r['status']}", lang=lang),
                 kpi_value(r["metric"], r["value"], lang), kpi_value(r["metric"], r["target"], lang),
                 t(f"kpi.direction.{r['direction']}", lang=lang), r["n"], r["owner"] or None] for r in _records(status)]
        row = w.table(ws, 0, [t("col.stage", lang=lang), t("progress.col_metric", lang=lang),
                              t("progress.col_status", lang=lang), t("progress.col_value", lang=lang),
                              t("progress.col_target", lang=lang), t("progress.direction", lang=lang), "n",
                              t("progress.col_owner", lang=lang)], rows,
                      [w.text, w.text, w.text, w.text, w.text, w.text, w.int, w.text], [20, 30, 16, 12, 12, 18, 8, 16])
        ws.write_string(row + 1, 0, t("kpi.score_definition", lang=lang), w.muted)
        row += 3
    for a in actions(con):
        where = action_where(a, dict(zip(model.keys, model.labels)))
        ws.write_string(row, 0, a.title, w.lane)
        ws.write_string(row, 1, where, w.text)
        ws.write_string(row, 2, t("progress.action_meta", lang=lang, owner=a.owner or "–", due=date(a.due, lang),
                                  done=date(a.done, lang)), w.text)
        for line in effect_lines(effect(con, model=model, action=a, filters=filters), where, lang):
            row += 1
            ws.write_string(row, 1, line, w.text)
        row += 2
    if row == 0:
        ws.write_string(0, 0, t("wb.no_progress", lang=lang), w.muted)


def write_workbook(con: duckdb.DuckDBPyConnection, target: str | os.PathLike | BinaryIO, *, model: StageModel,
                   filters: Filters | None = None, lang: str = "en", today: dt.date | None = None) -> None:
    """Write the workbook for people (see the module docstring) to *target* (a path or a binary file object)."""
    model = model.localized(lang)
    jm = with_team_lanes(journey_map(con, model=model, filters=filters), con)
    w = _Writer(str(target) if isinstance(target, (str, os.PathLike)) else target, lang)
    base: list[list[Any]] = []
    _about(w, model, filters, today or dt.date.today())
    _map(w, jm)
    _team(w, jm, base)
    _personas(w, con, base)
    _funnel(w, con, model, filters)
    _emotion(w, con, model, filters)
    _channels(w, con, model, filters)
    _pain(w, con, model, filters, jm)
    _scenarios(w, con)
    _progress(w, con, model, filters)
    hidden = w.wb.add_worksheet(HIDDEN)
    hidden.hide()
    hidden.write_string(0, 0, FORMAT)
    hidden.write_number(0, 1, FORMAT_VERSION)
    hidden.write_string(0, 2, model.name)
    for r, (kind, key, stage, text, version) in enumerate(base, start=1):
        hidden.write_string(r, 0, kind)
        hidden.write_string(r, 1, key)
        hidden.write_string(r, 2, stage)
        w.put(hidden, r, 3, text)
        hidden.write_number(r, 4, version)
    w.wb.close()

