"""``python -m cjm what-if``: project a scenario from the command line.

    python -m cjm what-if --conversion pre-purchase=+5pp --inflow +10% --value +5% \\
        --referral-rate 0.1 --fix "client-experience=0.5" --fix "pre-purchase:Discovery call=1" --horizon 12

``--conversion STAGE=+5pp`` adds percentage points to the conversion from STAGE to the next stage;
``STAGE=+10%`` changes it relatively. ``--fix STAGE=TARGET`` (or ``STAGE:TOUCHPOINT=TARGET``) raises the
mean emotion there to TARGET on the −2..+2 scale. ``--save NAME`` stores the scenario in the workspace,
``--scenario NAME`` starts from a saved one. ``--json`` prints one JSON object.

With ``--events PATH --stage-model NAME [--map H=F]`` (:mod:`cjm.cli.source`) the baseline is estimated from events
read in place by DuckDB (the same estimate, over a view of the files); scenarios are still saved in and read from
the workspace. The estimate runs on DuckDB only: ``--engine spark`` is a user error that says so.

>>> parse_conversion("research=+5pp"), parse_conversion("Client experience=-10%")
(ConversionChange(stage='research', amount=5.0, unit='pp'), ConversionChange(stage='Client experience', amount=-10.0, unit='%'))
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys

import pandas as pd

from cjm.analyses.what_if import ConversionChange, PainFix, Scenario, baseline, load_scenarios, project, save_scenario
from cjm.cli import source
from cjm.cli.options import add_filter_arguments, filters_from_args, language
from cjm.errors import CJMError
from cjm.i18n import t
from cjm.i18n.numbers import decimal, number
from cjm.store import Workspace, default_model

_NUM = r"([+-]?\d+(?:[.,]\d+)?)"


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def parse_conversion(text: str) -> ConversionChange:
    """``STAGE=+5pp`` or ``STAGE=+10%``."""
    stage, sep, amount = text.rpartition("=")
    m = re.fullmatch(_NUM + r"\s*(pp|%)", amount.strip().lower())
    if not sep or not stage.strip() or not m:
        raise CJMError("cli.whatif_conversion", text=text)
    return ConversionChange(stage.strip(), _number(m.group(1)), m.group(2))  # type: ignore[arg-type]


def parse_percent(text: str, option: str) -> float:
    """``+10%``, ``-5%`` or ``10``."""
    m = re.fullmatch(_NUM + r"\s*%?", text.strip())
    if not m:
        raise CJMError("cli.whatif_percent", option=option, text=text)
    return _number(m.group(1))


def parse_fix(text: str) -> PainFix:
    """``STAGE=0.5`` or ``STAGE:TOUCHPOINT=0.5``."""
    where, sep, target = text.rpartition("=")
    m = re.fullmatch(_NUM, target.strip())
    if not sep or not where.strip() or not m:
        raise CJMError("cli.whatif_fix", text=text)
    stage, colon, touchpoint = where.partition(":")
    return PainFix(stage.strip(), _number(m.group(1)), touchpoint.strip() if colon and touchpoint.strip() else None)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``what-if`` (the filters included)."""
    add_filter_arguments(parser)
    g = parser.add_argument_group("scenario")
    g.add_argument("--conversion", action="append", default=[], metavar="STAGE=+5pp|STAGE=+10%",
                   help="change the conversion from STAGE to the next stage (repeat for several stages)")
    g.add_argument("--inflow", metavar="+10%", help="change of new customers per month")
    g.add_argument("--value", metavar="+5%", help="change of value per won customer")
    g.add_argument("--referral-rate", type=str, metavar="RATE",
                   help="new prospects referred per won customer (e.g. 0.1)")
    g.add_argument("--fix", action="append", default=[], metavar="STAGE[:TOUCHPOINT]=TARGET",
                   help="raise the mean emotion at a stage (or touchpoint) to TARGET (-2..+2)")
    g.add_argument("--horizon", type=str, default="12", metavar="MONTHS", help="months to project (default 12)")
    g.add_argument("--won-stage", metavar="STAGE", help='the stage that means "won" (default: the stage model\'s won stage, '
                   'set with "stages --won-stage"; else the second stage)')
    g.add_argument("--scenario", metavar="NAME", help="start from a saved scenario")
    g.add_argument("--save", metavar="NAME", help="save the scenario under NAME in the workspace")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    source.add_arguments(parser)


def scenario_from_args(args: argparse.Namespace, saved: dict[str, Scenario] | None = None) -> Scenario:
    base = Scenario()
    if getattr(args, "scenario", None):
        saved = saved or {}
        if args.scenario not in saved:
            raise CJMError("cli.whatif_no_scenario", name=args.scenario, names=", ".join(saved) or "–")
        base = saved[args.scenario]
    rate = None
    if args.referral_rate is not None:
        try:
            rate = _number(args.referral_rate)
        except ValueError:
            raise CJMError("cli.whatif_referral_rate", text=args.referral_rate) from None
    return Scenario(
        conversion=base.conversion + tuple(parse_conversion(c) for c in args.conversion),
        inflow_pct=parse_percent(args.inflow, "--inflow") if args.inflow else base.inflow_pct,
        value_pct=parse_percent(args.value, "--value") if args.value else base.value_pct,
        referral_rate=rate if rate is not None else base.referral_rate,
        fixes=base.fixes + tuple(parse_fix(f) for f in args.fix))


def _horizon(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise CJMError("cli.whatif_horizon", text=text) from None


def _fmt(x: float | None, money: bool = False, lang: str = "en") -> str:
    return number(x, lang) if money else decimal(x, lang)


def run(args: argparse.Namespace, ws: Workspace) -> int:
    """Run ``what-if``; 0 on success, 2 (with one ``error:`` line on stderr) for a user error."""
    lang = language(args)
    try:
        if getattr(args, "engine", "duckdb") == "spark" and getattr(args, "events", None):
            raise CJMError("engines.whatif_spark")
        with source.opened(args) as src:
            cur = ws.cursor()
            scenario = scenario_from_args(args, load_scenarios(cur) if getattr(args, "scenario", None) else None)
            horizon = _horizon(args.horizon)
            if src is not None:  # events in place: the estimate over a DuckDB view of the files
                model = src.model.localized(lang)
                b = baseline(src.duckdb_connection(), model=model, filters=filters_from_args(args),
                             won_stage=args.won_stage)
            else:
                model = default_model(ws).localized(lang)
                b = baseline(cur, model=model, filters=filters_from_args(args), won_stage=args.won_stage)
        p = project(b, scenario, horizon_months=horizon)
        if args.save:
            save_scenario(ws, args.save, scenario)
    except CJMError as exc:
        print(f"error: {exc.message(lang)}", file=sys.stderr)
        return 2
    if args.json:
        out = {"scenario": scenario.to_dict(), "assumptions": b.assumptions(),
               "baseline": b.stages_table().to_dict("records"), "referral_rate": b.referral_rate,
               "value_per_won": b.value_per_won, "elasticities": b.levers().to_dict("records"), **p.to_dict()}
        print(json.dumps(_clean(out), ensure_ascii=False, allow_nan=False))
        return 0
    print(t("cli.whatif.head", lang=lang, months=number(horizon, lang), model=model.name,
            won=b.stage_labels[b.won_idx]))
    for line in b.assumptions():
        print(f"  · {line.message(lang) if hasattr(line, 'message') else line}")
    print()
    print(f"{'':22}{t('cli.whatif.baseline', lang=lang):>14}{t('cli.whatif.scenario', lang=lang):>14}"
          f"{t('cli.whatif.change', lang=lang):>12}  {t('cli.whatif.band', lang=lang)}")
    h = p.headline()
    for key, money in (("new_customers", False), ("won", False), ("revenue", True), ("referrals", False)):
        d = h[key]
        label = t(f"cli.whatif.{key}", lang=lang)
        print(f"{label:22}{_fmt(d['baseline'], money, lang):>14}{_fmt(d['scenario'], money, lang):>14}"
              f"{_fmt(d['delta'], money, lang):>12}  {_fmt(d['scenario_p5'], money, lang)} – "
              f"{_fmt(d['scenario_p95'], money, lang)}")
    print()
    print(t("cli.whatif.reaching", lang=lang))
    for label, base, scen, delta in zip(p.stage_labels, p.base_reach, p.scen_reach, p.table()["delta"].tolist()):
        print(f"  {label:20}{decimal(base, lang):>14}{decimal(scen, lang):>14}{decimal(delta, lang, signed=True):>12}")
    c = p.contributions(lang)
    if len(c):
        print()
        print(t("cli.whatif.levers", lang=lang))
        for rec in c.to_dict("records"):
            rev = "" if pd.isna(rec["delta_revenue"]) else f"{decimal(rec['delta_revenue'], lang, digits=0, signed=True):>14}"
            print(f"  {rec['lever']:50}" + t("cli.whatif.lever_won", lang=lang,
                                             won=decimal(rec["delta_won"], lang, signed=True)) + rev)
    for note in p.notes:
        print(t("cli.whatif.note", lang=lang, note=note.message(lang) if hasattr(note, "message") else note))
    return 0


def _clean(o: object) -> object:
    """JSON-ready: NaN → None, numpy scalars → Python, tuples → lists."""
    if isinstance(o, dict):
        return {str(k): _clean(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [_clean(v) for v in o]
    if hasattr(o, "item") and not isinstance(o, (str, bytes)):
        o = o.item()  # numpy scalar
    if isinstance(o, float) and not math.isfinite(o):
        return None
    return o


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry (``python -m cjm.cli.what_if``) until ``cjm.cli.main`` dispatches here."""
    from cjm.store import open_workspace

    ap = argparse.ArgumentParser(prog="python -m cjm what-if")
    ap.add_argument("--workspace", default=None)
    add_arguments(ap)
    args = ap.parse_args(argv)
    try:
        ws = open_workspace(args.workspace)
    except CJMError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return run(args, ws)


if __name__ == "__main__":
    raise SystemExit(main())
