"""Command line: ``python -m cjm import|stages|info|report|what-if|sample`` (benchmarks: ``python -m bench``).

Exit codes: 0 success (also when some rows were rejected), 2 user error (one line ``error: ...`` on
stderr, never a traceback), 130 interrupted. The workspace is ``--workspace`` > ``$CJM_WORKSPACE`` >
``~/.cjm/workspace.duckdb``. Messages are in ``--lang`` > ``$CJM_LANG`` > English (``en``, ``tr``, ``ro``; see
:func:`cjm.cli.options.language`); argparse's own usage and help texts stay English.

>>> build_parser("import").parse_args(["import", "a.csv", "--map", "Kod=customer_id", "--dayfirst"]).map
['Kod=customer_id']
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Sequence

from cjm.cli.options import LANG_HELP, language, language_of_argv
from cjm.errors import CJMError, Message, Number, render

#: subcommands implemented in other modules: name -> module with add_arguments(parser) and run(args, ws)
DELEGATES = {
    "report": ("cjm.cli.report", "write a report (JSON / XLSX) of the workspace"),
    "what-if": ("cjm.cli.what_if", "project customers, revenue and referrals under a scenario"),
    "sample": ("cjm.cli.sample", "import the sample data"),
    "map": ("cjm.cli.map", "the journey map as text or JSON (stages, lanes, emotion, gaps)"),
    "kpi": ("cjm.cli.kpi", "KPIs with targets per stage: set, list (status and journey score), remove"),
    "actions": ("cjm.cli.actions", "actions on pain points and their measured effect: set, list"),
}


def common_options() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--workspace", "-w", default=argparse.SUPPRESS, metavar="PATH",
                   help="workspace file (default: $CJM_WORKSPACE or ~/.cjm/workspace.duckdb)")
    p.add_argument("--lang", choices=("en", "tr", "ro"), default=argparse.SUPPRESS, help=LANG_HELP)
    return p


def _delegate_module(name: str):
    module = DELEGATES[name][0]
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and (exc.name == module or module.startswith(exc.name + ".") or exc.name.startswith(module)):
            return None
        raise


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; only the delegate module for *command* is imported."""
    parser = argparse.ArgumentParser(prog="python -m cjm", description="CJM Dashboard from the command line.")
    parser.add_argument("--workspace", "-w", default=None, metavar="PATH",
                        help="workspace file (default: $CJM_WORKSPACE or ~/.cjm/workspace.duckdb)")
    parser.add_argument("--lang", choices=("en", "tr", "ro"), default=None, help=LANG_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = common_options()

    p = sub.add_parser("import", parents=[common], help="import a CSV / TXT / XLSX file",
                       description="Import a CSV / TXT / XLSX file into the workspace.")
    p.add_argument("file", help="the file to import")
    p.add_argument("--sheet", help="sheet of an Excel file (default: the first visible sheet with data)")
    p.add_argument("--map", action="append", default=[], metavar="HEADER=FIELD",
                   help='map a column to a field, e.g. --map "Kod=customer_id"; "HEADER=" ignores the column')
    g = p.add_mutually_exclusive_group()
    g.add_argument("--stages", metavar="A,B,C", help="your own stages, in journey order")
    g.add_argument("--stage-model", metavar="NAME", help="a preset: hinge-b2b-4, five-stage, coleman-8, questionpro-4")
    d = p.add_mutually_exclusive_group()
    d.add_argument("--dayfirst", action="store_const", const="dayfirst", dest="date_order",
                   help="read dates like 03/04/2026 as 3 April")
    d.add_argument("--monthfirst", action="store_const", const="monthfirst", dest="date_order",
                   help="read dates like 03/04/2026 as March 4")
    p.add_argument("--replace", action="store_true", help="load a file imported before again, in place of it")
    p.add_argument("--lifecycle", choices=["complete", "start", "all"], default="complete",
                   help="event logs with a lifecycle column: which events to load (default: complete)")
    p.add_argument("--values", choices=["customer", "event"], dest="value_reading", default=None,
                   help="read the value column as one value per customer (taken once) or as amounts per event "
                        "(summed); default: from the data (constant within each customer: taken once)")
    p.add_argument("--ties", choices=["stage", "file"], default=None,
                   help="order events of one customer with the same time by stage order (default) or file order")
    p.add_argument("--json", action="store_true", help="print the import report as JSON")

    p = sub.add_parser("stages", parents=[common], help="show or set the stage model",
                       description="Show the stage model and stage values not in it, or set the model.")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--set", metavar="NAME|A,B,C", help='a preset name, or your own stages "a,b,c"')
    g.add_argument("--infer", action="store_true",
                   help="propose stages from the data: each value with its count and typical position, final "
                        "stages suggested (add --apply to set it)")
    p.add_argument("--apply", action="store_true", help="with --infer: set the proposed stages as the model")
    p.add_argument("--keep", metavar="A,B", help="with --infer: only these values, in this order, as the stages")
    p.add_argument("--outcome", action="append", default=[], metavar="VALUE=STAGE[:positive]",
                   help='with --infer: a value that is an outcome at a stage, not a stage, e.g. '
                        '--outcome "A_DECLINED=A_PREACCEPTED"')
    p.add_argument("--won-stage", metavar="STAGE", help='the stage that means "won" (what-if, report)')
    p.add_argument("--rename", action="append", default=[], metavar="STAGE=NEW",
                   help='rename a stage (the old name still matches the data), e.g. --rename "Lead=Prospect"')
    p.add_argument("--final", metavar="A,B", help="the final stages (a customer resting there is not stuck)")
    p.add_argument("--map", action="append", default=[], metavar="VALUE=STAGE",
                   help='count a stage value of the data as a stage of the model, e.g. --map "Pricing=research"')

    sub.add_parser("info", parents=[common], help="workspace path, imports and event counts")

    p = sub.add_parser("backups", parents=[common], help="list the workspace's backups, or restore one",
                       description="List the snapshots kept before each import, replace and stage-model change "
                                   "(the last 5, in <workspace>.backups/), or restore one.")
    p.add_argument("--restore", metavar="ID", help="put backup ID in place of the workspace (the current state is "
                                                    "kept as a backup first)")

    for name, (_module, help_text) in DELEGATES.items():
        if name == command:
            mod = _delegate_module(name)
            p = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
            if mod is not None:
                mod.add_arguments(p)
            else:
                p.add_argument("rest", nargs=argparse.REMAINDER)
            p.set_defaults(_module=mod)
        else:
            p = sub.add_parser(name, help=help_text, add_help=False)
            p.add_argument("rest", nargs=argparse.REMAINDER)
    return parser


def _model_from_args(stages: str | None, name: str | None):
    from cjm.core.stage_model import custom, preset

    if stages:
        return custom(stages.split(","))
    if name:
        return preset(name)
    return None


def _parse_map(items: Sequence[str]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for item in items:
        if "=" not in item:
            raise CJMError("cli.map_needs_pair", item=item)
        header, field = item.rsplit("=", 1)
        out[header.strip()] = field.strip() or None
    return out


def _open(args: argparse.Namespace):
    from cjm.store import open_workspace

    return open_workspace(getattr(args, "workspace", None))


def _say(lang: str, key: str, /, **values: object) -> None:
    """Print the message *key* in *lang*."""
    print(Message(key, **values).message(lang))


def cmd_import(args: argparse.Namespace) -> int:
    from cjm.errors import AmbiguousDatesError, MappingError
    from cjm.ingest import import_file, rejected_rows
    from cjm.ingest.reasons import reason_message

    lang = language(args)
    model = _model_from_args(args.stages, args.stage_model)
    mapping = _parse_map(args.map)
    ws = _open(args)
    try:
        report = import_file(ws, args.file, mapping=mapping or None, sheet=args.sheet, model=model,
                             date_order=args.date_order, replace=args.replace, lifecycle=args.lifecycle,
                             value_reading=args.value_reading, ties=args.ties)
    except MappingError as exc:  # the message speaks of the app's mapping table; here it is --map
        raise MappingError("cli.map_hint", error=exc) from None
    except AmbiguousDatesError as exc:
        raise CJMError("cli.dates_hint", error=exc) from None
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2, default=str))
        return 0
    if report.duplicate:
        print(render(report.warnings[0], lang))
        return 0
    counts = dict(file=report.file_name, read=report.rows_read, loaded=report.rows_loaded,
                  rejected=report.rows_rejected, id=str(report.import_id))
    if report.rows_skipped:
        _say(lang, "cli.import_done_skipped", skipped=report.rows_skipped, **counts)
    else:
        _say(lang, "cli.import_done", **counts)
    _say(lang, "cli.mapping", pairs=[f"{h} -> {f}" for h, f in report.mapping.items() if f])
    ignored = [h for h, f in report.mapping.items() if not f]
    if ignored:
        _say(lang, "cli.ignored", columns=ignored)
    for w in report.warnings:
        print(f"warning: {render(w, lang)}")
    if report.rows_rejected:
        rej = rejected_rows(ws, report.import_id)
        for reason in rej["reason"].head(10):
            print(f"  {render(reason_message(reason), lang)}")
        if len(rej) > 10:
            print("  " + Message("cli.and_more", n=len(rej) - 10).message(lang))
    return 0


def _pairs(items: Sequence[str], option: str, example: str, *, need_right: bool = True) -> list[tuple[str, str]]:
    """``LEFT=RIGHT`` option values as pairs; a user error names the option and an example."""
    out = []
    for item in items:
        left, sep, right = item.rpartition("=")
        if not sep or not left.strip() or (need_right and not right.strip()):
            raise CJMError("cli.option_needs", option=option, example=example, item=item)
        out.append((left.strip(), right.strip()))
    return out


def _edit_model(model, args: argparse.Namespace):
    """*model* with --rename, --final and --map applied, by the same functions as the Settings page."""
    from cjm.core.stage_edit import edit_stages, map_values, stage_key, stage_rows

    renames = {stage_key(model, old): new
               for old, new in _pairs(args.rename, "--rename", 'STAGE=NEW (e.g. --rename "Lead=Prospect")')}
    finals = {stage_key(model, s) for s in (args.final or "").split(",") if s.strip()}
    if renames or finals:
        rows = [{**r, "label": renames.get(r["key"], r["label"]), "final": r["key"] in finals if finals else r["final"]}
                for r in stage_rows(model)]
        model = edit_stages(model, rows)
    if args.map:
        model = map_values(model, dict(_pairs(args.map, "--map", 'VALUE=STAGE (e.g. --map "Pricing=research")')))
    return model


def _infer(ws, args: argparse.Namespace):
    """``stages --infer``: the preview of the data's stage values, the model the choices make (--keep, --final,
    --outcome, --rename, --won-stage: the same function as Settings' preview), saved with --apply; None when
    only shown."""
    from cjm.analyses.workspace_info import stage_preview, suggested_choices
    from cjm.core.stage_edit import model_from_choices
    from cjm.core.stage_model import norm
    from cjm.store.order import set_stage_model

    cur = ws.cursor()
    try:
        preview = stage_preview(cur)
    finally:
        cur.close()
    if len(preview) < 2:
        raise CJMError("core.not_enough_to_infer")
    values = {norm(v): v for v in preview["value"]}

    def value_of(name: str, option: str) -> str:
        if norm(name) not in values:
            raise CJMError("cli.not_a_stage_value", option=option, name=name, values=list(preview["value"]))
        return values[norm(name)]

    rows = suggested_choices(preview)
    if args.keep:
        keep = [value_of(v.strip(), "--keep") for v in args.keep.split(",") if v.strip()]
        order = {norm(v): i for i, v in enumerate(keep)}
        rows = [{**r, "keep": norm(r["value"]) in order, "order": order.get(norm(r["value"]))} for r in rows]
    if args.final:
        finals = {norm(value_of(v.strip(), "--final")) for v in args.final.split(",") if v.strip()}
        rows = [{**r, "final": norm(r["value"]) in finals} for r in rows]
    renames = {norm(value_of(old, "--rename")): new
               for old, new in _pairs(args.rename, "--rename", 'VALUE=NEW (e.g. --rename "A_SUBMITTED=Submitted")')}
    outcomes = {}
    for value, target in _pairs(args.outcome, "--outcome", 'VALUE=STAGE (e.g. --outcome "A_DECLINED=A_PREACCEPTED")'):
        stage, _, sign = target.partition(":")
        outcomes[norm(value_of(value, "--outcome"))] = (stage.strip(), sign.strip().lower() in ("positive", "+", "won"))
    rows = [{**r, "label": renames.get(norm(r["value"])),
             "outcome_of": outcomes.get(norm(r["value"]), (None, False))[0],
             "positive": outcomes.get(norm(r["value"]), (None, False))[1],
             "keep": r["keep"] or norm(r["value"]) in outcomes} for r in rows]
    model = model_from_choices(rows, won=args.won_stage)
    kept = {norm(r["value"]) for r in rows if r["keep"]}
    lang = language(args)
    final, dropped = Message("cli.word.final").message(lang), Message("cli.word.dropped").message(lang)
    _say(lang, "cli.infer_intro")
    head = [Message(k).message(lang) for k in ("cli.col.value", "cli.col.events", "cli.col.customers",
                                               "cli.col.position", "cli.col.last", "cli.col.suggested")]
    print(f"  {head[0]:32} {head[1]:>8} {head[2]:>10} {head[3]:>9} {head[4]:>6}  {head[5]}")
    for r in preview.to_dict("records"):
        mark = (final if r["final"] else "") if norm(str(r["value"])) in kept else dropped
        print(f"  {str(r['value'])[:32]:32} {render(int(r['events']), lang):>8} "
              f"{render(int(r['customers']), lang):>10} {render(Number(float(r['position'])), lang):>9} "
              f"{render(Number(float(r['last_share']), 'percent', 0), lang):>6}  {mark}")
    _say(lang, "cli.stages")
    for i, st in enumerate(model.stages):
        flags = [Message(f).message(lang) for f, on in (("cli.word.final", st.final),
                                                          ("cli.word.won", st.key == model.won)) if on]
        print(f"  {i + 1}. {st.label}" + (f"  ({', '.join(flags)})" if flags else ""))
    for o in model.outcomes:
        print("  " + Message("cli.outcome_positive" if o.positive else "cli.outcome_negative", outcome=o.label,
                             stage=model.stages[model.index(o.stage)].label).message(lang))
    if not args.apply:
        _say(lang, "cli.infer_apply")
        return None
    set_stage_model(ws, model)
    _say(lang, "cli.model_set", name=model.name)
    return model


def cmd_stages(args: argparse.Namespace) -> int:
    from cjm.analyses.workspace_info import unmatched_stages
    from cjm.core.stage_model import PRESETS, custom, preset
    from cjm.store.order import set_stage_model

    ws = _open(args)
    lang = language(args)
    if args.apply and not args.infer:
        raise CJMError("cli.apply_needs_infer")
    if (args.keep or args.outcome) and not args.infer:
        raise CJMError("cli.keep_needs_infer")
    if args.infer:
        model = _infer(ws, args)
        if model is None:
            return 0
    if args.set:
        model = custom(args.set.split(",")) if "," in args.set else preset(args.set.strip())
        set_stage_model(ws, model)
        _say(lang, "cli.model_set", name=model.name)
    if (args.rename or args.final or args.map) and not args.infer:
        model = ws.stage_model()
        if model is None:
            raise CJMError("cli.model_first_edit")
        edited = _edit_model(model, args)
        if edited != model:
            set_stage_model(ws, edited)
            _say(lang, "cli.model_set", name=edited.name)
    if args.won_stage:
        model = ws.stage_model()
        if model is None:
            raise CJMError("cli.model_first_won")
        if model.with_won(args.won_stage) != model:
            set_stage_model(ws, model.with_won(args.won_stage))
            _say(lang, "cli.won_set", stage=model.stages[model.index(args.won_stage)].label)
    model = ws.stage_model()
    if model is None:
        _say(lang, "cli.no_model", presets=list(PRESETS))
        return 0
    cur = ws.cursor()
    counts = dict(cur.execute("SELECT stage_idx, count(*) FROM events WHERE stage_idx IS NOT NULL "
                              "GROUP BY stage_idx").fetchall())
    _say(lang, "cli.model", name=model.name)
    for i, s in enumerate(model.stages):
        flags = [Message("cli.word.final").message(lang)] if s.final else []
        flags += [Message("cli.word.won").message(lang)] if s.key == model.won else []
        events = Message("cli.events", n=counts.get(i, 0)).message(lang)
        print(f"  {i + 1}. {s.label}  ({', '.join([events, *flags])})")
    unknown = unmatched_stages(cur)
    if len(unknown):
        _say(lang, "cli.not_in_model")
        for value, n in zip(unknown["value"], unknown["events"]):
            print(f"  {value}: {render(int(n), lang)}")
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    ws = _open(args)
    lang = language(args)
    cur = ws.cursor()
    _say(lang, "cli.info_workspace", path=ws.path)
    model = ws.stage_model()
    if model:
        _say(lang, "cli.model", name=model.name)
    else:
        _say(lang, "cli.model_none")
    n, customers = cur.execute("SELECT count(*), count(DISTINCT customer_id) FROM events").fetchall()[0]
    _say(lang, "cli.info_events", n=n, customers=customers)
    rows = cur.execute("SELECT import_id, file_name, rows_read, rows_loaded, rows_rejected, imported_at "
                       "FROM imports ORDER BY import_id").fetchall()
    _say(lang, "cli.info_imports", n=len(rows))
    for iid, name, read, loaded, rejected, when in rows:
        print(f"  {iid}. " + Message("cli.info_import", file=name, read=read, loaded=loaded, rejected=rejected,
                                     when=f"{when:%Y-%m-%d %H:%M}").message(lang))
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    """List the snapshots (id, time, reason, size), or restore one. Works on a damaged workspace too: the
    workspace is not opened to list them."""
    from pathlib import Path

    from cjm.store import default_path
    from cjm.store.backups import backup_dir, list_snapshots, reason_message, restore

    lang = language(args)
    path = Path(getattr(args, "workspace", None) or default_path()).expanduser().resolve()
    if args.restore:
        done = restore(path, args.restore)
        _say(lang, "cli.restored", id=done.restored.id, when=f"{done.restored.time:%Y-%m-%d %H:%M}",
             reason=reason_message(done.restored.reason), path=str(path))
        if done.kept.id:
            _say(lang, "cli.restore_kept", id=done.kept.id)
        elif done.kept.note:
            print(f"warning: {render(done.kept.note, lang)}")
        return 0
    snaps = list_snapshots(path)
    if not snaps:
        _say(lang, "cli.no_backups", path=str(path), folder=str(backup_dir(path)))
        return 0
    _say(lang, "cli.backups", path=str(path))
    head = [Message(k).message(lang) for k in ("cli.col.id", "cli.col.time", "cli.col.size", "cli.col.reason")]
    print(f"  {head[0]:<18} {head[1]:<16} {head[2]:>9}  {head[3]}")
    for s in snaps:
        size = render(Number(s.size / 2**20, "decimal", 1), lang)
        print(f"  {s.id:<18} {s.time:%Y-%m-%d %H:%M} {size:>6} MB  {render(reason_message(s.reason), lang)}")
    _say(lang, "cli.restore_how")
    return 0


def _command_of(argv: Sequence[str]) -> str | None:
    skip = False
    for a in argv:
        if skip:
            skip = False
            continue
        if a in ("--workspace", "-w", "--lang"):
            skip = True
            continue
        if not a.startswith("-"):
            return a
    return None


def run(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = _command_of(argv)
    if command in DELEGATES and _delegate_module(command) is None:
        raise CJMError("cli.command_missing", command=command, module=DELEGATES[command][0])
    parser = build_parser(command)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    if args.command == "import":
        return cmd_import(args)
    if args.command == "stages":
        return cmd_stages(args)
    if args.command == "info":
        return cmd_info(args)
    if args.command == "backups":
        return cmd_backups(args)
    mod = getattr(args, "_module", None)
    if mod is None:
        raise CJMError("cli.command_missing", command=args.command, module=DELEGATES[args.command][0])
    # a report or a map of events read in place (--events) reads no workspace: none is opened, or made
    in_place = getattr(args, "events", None) and args.command in ("report", "map")
    return int(mod.run(args, None if in_place else _open(args)) or 0)


def _workspace_of(argv: Sequence[str] | None) -> str:
    from cjm.store import default_path

    args = list(sys.argv[1:] if argv is None else argv)
    for i, a in enumerate(args):
        if a in ("--workspace", "-w") and i + 1 < len(args):
            return args[i + 1]
        if a.startswith("--workspace="):
            return a.split("=", 1)[1]
    return str(default_path())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; user errors print ``error: ...`` and return 2, Ctrl-C returns 130. A storage fault met
    anywhere (full disk, read-only or damaged file) is a user error too: one line that names it."""
    import duckdb

    lang = language_of_argv(argv)
    try:
        return run(argv)
    except CJMError as exc:
        message = " ".join(exc.message(lang).split())
        print(f"error: {message}", file=sys.stderr)
        return 2
    except (duckdb.Error, OSError) as exc:
        if isinstance(exc, BrokenPipeError):  # pragma: no cover - e.g. piped into head
            return 0
        from cjm.store import storage_error

        err = storage_error(exc, _workspace_of(argv))
        if err is None:
            raise
        print(f"error: {' '.join(err.message(lang).split())}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"error: {Message('cli.interrupted').message(lang)}", file=sys.stderr)
        return 130
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0
