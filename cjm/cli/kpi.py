"""``python -m cjm kpi set|list|remove``: KPIs with targets per stage, their status from the data, the journey score.

``kpi set --stage S --metric M --target T [--direction higher|lower] [--owner O] [--id ID]`` adds or changes a
KPI (an id is made from stage and metric when not given); ``kpi list [filters] [--json]`` shows each KPI with
its value, interval, n and status, and the journey score; ``kpi remove ID``. Messages in ``--lang`` /
``CJM_LANG``.
"""

from __future__ import annotations

import argparse
import json
import math
from typing import Any

from cjm.analyses.kpis import journey_score, kpi_status
from cjm.cli.options import add_filter_arguments, filters_from_args, language
from cjm.core.stage_model import StageModel
from cjm.errors import CJMError
from cjm.i18n import t
from cjm.i18n.numbers import decimal
from cjm.present.progress import kpi_value
from cjm.store import Workspace
from cjm.store.progress import DIRECTIONS, METRICS, Kpi, delete_kpi, kpis, save_kpi


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from cjm.cli.main import common_options  # --workspace and --lang after the sub-command too

    sub = parser.add_subparsers(dest="kpi_command", required=True, metavar="set|list|remove")
    s = sub.add_parser("set", help="add or change a KPI", parents=[common_options()])
    s.add_argument("--stage", required=True, help="the stage (key, label or number)")
    s.add_argument("--metric", required=True, choices=METRICS)
    s.add_argument("--target", required=True, type=float)
    s.add_argument("--direction", choices=DIRECTIONS, default="higher")
    s.add_argument("--owner", default="")
    s.add_argument("--id", dest="kpi_id", help="the KPI's id (default: stage-metric)")
    li = sub.add_parser("list", help="the KPIs with their status and the journey score",
                        parents=[common_options()])
    add_filter_arguments(li)
    li.add_argument("--json", action="store_true")
    r = sub.add_parser("remove", help="remove a KPI", parents=[common_options()])
    r.add_argument("kpi_id", metavar="ID")


def _model(ws: Workspace) -> StageModel:
    model = ws.stage_model()
    if model is None:
        raise CJMError("cli.workspace_no_model")
    return model


def _clean(v: Any) -> Any:
    return None if isinstance(v, float) and math.isnan(v) else v


def run(args: argparse.Namespace, ws: Workspace) -> int:
    lang = language(args)
    if args.kpi_command == "set":
        model = _model(ws)
        stage = model.stages[model.index(args.stage)].key
        kpi_id = args.kpi_id or f"{stage}-{args.metric}"
        current = next((k.version for k in kpis(ws.cursor()) if k.kpi_id == kpi_id), 0)
        save_kpi(ws, Kpi(kpi_id, stage, args.metric, args.target, args.direction, args.owner), expected=current)
        print(t("kpi.saved", lang=lang, id=kpi_id))
        return 0
    if args.kpi_command == "remove":
        delete_kpi(ws, args.kpi_id)
        print(t("kpi.removed", lang=lang, id=args.kpi_id))
        return 0
    model = _model(ws).localized(lang)
    con = ws.cursor()
    status = kpi_status(con, model=model, kpis=kpis(con), filters=filters_from_args(args))
    score = journey_score(status, model)
    if args.json:
        out = {"kpis": [{k: _clean(v) for k, v in r.items()} for r in status.to_dict("records")],
               "journey_score": [{k: _clean(v) for k, v in r.items()} for r in score.to_dict("records")]}
        print(json.dumps(out, ensure_ascii=False, indent=2, default=str))
        return 0
    if status.empty:
        print(t("kpi.none", lang=lang))
        return 0
    for r in status.to_dict("records"):
        values = {"id": r["kpi_id"], "stage": r["label"], "metric": t(f"kpi.metric.{r['metric']}", lang=lang),
                  "value": kpi_value(r["metric"], r["value"], lang), "target": kpi_value(r["metric"], r["target"], lang),
                  "direction": t(f"kpi.direction.{r['direction']}", lang=lang),
                  "status": t(f"kpi.status.{r['status']}", lang=lang)}
        if r["low"] is None or r["high"] is None:
            print(t("kpi.line_exact", lang=lang, **values))
        else:
            print(t("kpi.line", lang=lang, low=kpi_value(r["metric"], r["low"], lang),
                    high=kpi_value(r["metric"], r["high"], lang), n=r["n"], **values))
    overall = score["score"].iloc[-1]
    print(t("kpi.score", lang=lang, score=decimal(_clean(float(overall)), lang, digits=0)))
    print(t("kpi.score_definition", lang=lang))
    return 0
