"""``python -m cjm actions set|list``: actions taken on pain points, and after their done date the measured
effect at their stage and touchpoint (:mod:`cjm.analyses.effects`).

``actions set --stage S [--touchpoint T] --title TEXT [--owner O] [--due YYYY-MM-DD] [--done YYYY-MM-DD] [--id ID]``;
``actions list [--window DAYS] [--json]``. Messages in ``--lang`` / ``CJM_LANG``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json

from cjm.analyses.effects import DEFAULT_WINDOW_DAYS, effect
from cjm.cli.kpi import _model
from cjm.cli.options import day, language
from cjm.i18n import t
from cjm.i18n.numbers import date
from cjm.present.progress import action_where, effect_lines
from cjm.store import Workspace
from cjm.store.progress import Action, actions, save_action


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from cjm.cli.main import common_options  # --workspace and --lang after the sub-command too

    sub = parser.add_subparsers(dest="actions_command", required=True, metavar="set|list")
    s = sub.add_parser("set", help="add or change an action", parents=[common_options()])
    s.add_argument("--stage", required=True)
    s.add_argument("--touchpoint")
    s.add_argument("--title", required=True)
    s.add_argument("--owner", default="")
    s.add_argument("--due", metavar="YYYY-MM-DD")
    s.add_argument("--done", metavar="YYYY-MM-DD")
    s.add_argument("--id", dest="action_id")
    li = sub.add_parser("list", help="the actions and the measured effect of those done",
                        parents=[common_options()])
    li.add_argument("--window", type=int, default=DEFAULT_WINDOW_DAYS, metavar="DAYS",
                    help="days a customer has to go on to a later stage (default 30)")
    li.add_argument("--json", action="store_true")


def run(args: argparse.Namespace, ws: Workspace) -> int:
    lang = language(args)
    model = _model(ws)
    if args.actions_command == "set":
        stage = model.stages[model.index(args.stage)].key
        existing = {a.action_id: a for a in actions(ws.cursor())}
        action_id = args.action_id or f"a{len(existing) + 1}"
        while args.action_id is None and action_id in existing:
            action_id = f"a{int(action_id[1:]) + 1}"
        current = existing[action_id].version if action_id in existing else 0
        save_action(ws, Action(action_id, stage, args.touchpoint, args.title, args.owner, day(args.due, "--due"),
                               day(args.done, "--done")), expected=current)
        print(t("action.saved", lang=lang, id=action_id))
        return 0
    model = model.localized(lang)
    con = ws.cursor()
    found = actions(con)
    if not found:
        print(json.dumps({"actions": []}) if args.json else t("action.none", lang=lang))
        return 0
    out = []
    for a in found:
        e = effect(con, model=model, action=a, window_days=args.window)
        where = action_where(a, dict(zip(model.keys, model.labels)))
        if args.json:
            out.append({**dataclasses.asdict(a), "effect": {"emotion": dataclasses.asdict(e.emotion),
                                                            "conversion": dataclasses.asdict(e.conversion),
                                                            "window_days": e.window_days}})
            continue
        print(t("action.line", lang=lang, id=a.action_id, title=a.title, where=where, owner=a.owner or "–",
                due=date(a.due, lang), done=date(a.done, lang)))
        for line in effect_lines(e, where, lang):
            print(f"   {line}")
    if args.json:
        print(json.dumps({"actions": out}, ensure_ascii=False, indent=2, default=str))
    else:
        print(t("effect.method", lang=lang))
    return 0
