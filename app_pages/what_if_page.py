"""What if: sliders on the funnel -> projected customers, revenue and referrals against the baseline.

The baseline is computed once per (workspace version, filters) and cached; moving a slider reruns only the
fragment below, which calls ``cjm.analyses.what_if.project`` (numpy, no database).

Named scenarios are team notes with a version each: a save names the version the user loaded (or saw listed; none
for a new name), so a scenario someone else saved in between is shown, never silently overwritten: the user keeps
theirs, keeps their own, or edits the two (as JSON) into one (:mod:`ui.conflicts`).
"""

from __future__ import annotations

import contextlib
import json

import pandas as pd
import streamlit as st

import ui
from cjm.analyses import what_if
from cjm.analyses.what_if import (
    ConversionChange,
    PainFix,
    Scenario,
    delete_scenario,
    load_scenarios,
    project,
    save_scenario,
)
from cjm.errors import CJMError
from cjm.present import charts
from cjm.store.notes import StaleNoteError, scenario_specs
from ui import conflicts

NONE = "—"


def _rounded(x: float | None, digits: int) -> float | int | None:
    if x is None:
        return None
    return round(x) if digits == 0 else round(x, digits)


def _lever_options(b) -> list[str]:
    levers = b.levers()
    available = levers[levers["available"]]
    return [NONE] + [f"{r.stage}||{r.touchpoint if isinstance(r.touchpoint, str) else ''}"  # NaN: the whole stage
                     for r in available.itertuples()]


def _lever_label(b, value: str) -> str:
    if value == NONE:
        return ui.t("whatif.no_fix")
    stage, tp = value.split("||")
    label = b.stage_labels[b.stage_keys.index(stage)]
    return f"{label} · {tp}" if tp else label


def _scenario(b) -> Scenario:
    s = st.session_state
    conv = [ConversionChange(k, float(s.get(f"wi_conv_{k}", 0.0)), "pp") for k in b.stage_keys[:-1]
            if s.get(f"wi_conv_{k}", 0.0)]
    fixes = []
    lever = s.get("wi_fix", NONE)
    if lever and lever != NONE:
        stage, tp = lever.split("||")
        fixes.append(PainFix(stage, float(s.get("wi_fix_target", 1.0)), tp or None))
    rate = s.get("wi_referral")
    base_rate = b.referral_rate or 0.0
    return Scenario(conversion=tuple(conv), inflow_pct=float(s.get("wi_inflow", 0)),
                    value_pct=float(s.get("wi_value", 0)),
                    referral_rate=None if rate is None or abs(rate - base_rate) < 1e-12 else float(rate),
                    fixes=tuple(fixes))


#: the grid of each lever's slider (its current value is added when off the grid: a loaded scenario keeps its own)
CONV_GRID = [float(v) for v in range(-30, 31)]
PCT_GRID = list(range(-50, 101, 5))
REFERRAL_GRID = [round(i / 100, 2) for i in range(101)]
TARGET_GRID = [round(-2 + i / 10, 1) for i in range(41)]
HORIZONS = [3, 6, 12, 24, 36]


def _widget_keys(b) -> list[str]:
    """Every widget of the page whose value the user sets: kept across leaving the page (:func:`ui.keep_widgets`)."""
    return [*(f"wi_conv_{k}" for k in b.stage_keys[:-1]), "wi_horizon", "wi_inflow", "wi_value", "wi_referral",
            "wi_fix", "wi_fix_target", "wi_name", "wi_pick"]


def _options(grid: list, key: str) -> list:
    """The slider's steps, with the value it holds now when that is off the grid (a scenario saved elsewhere)."""
    value = st.session_state.get(key)
    return grid if value is None or value in grid else sorted([*grid, value])


def _signed_percent(v: float) -> str:
    """+10% / +%10 / +10 %: a change in percent, its sign first."""
    return ("+" if v > 0 else "−" if v < 0 else "") + ui.percent(abs(v) / 100)


def _apply_to_widgets(b, sc: Scenario) -> None:
    s = st.session_state
    for k in b.stage_keys[:-1]:
        s[f"wi_conv_{k}"] = 0.0
    for c in sc.conversion:
        k = b.stage_keys[b.stage_index(c.stage)]
        pp = c.amount if c.unit == "pp" else c.amount * b.conversion[b.stage_index(c.stage)]
        s[f"wi_conv_{k}"] = float(round(pp))
    s["wi_inflow"] = int(sc.inflow_pct)
    s["wi_value"] = int(sc.value_pct)
    s["wi_referral"] = float(sc.referral_rate if sc.referral_rate is not None else (b.referral_rate or 0.0))
    s["wi_fix"] = NONE
    if sc.fixes:
        f = sc.fixes[0]
        s["wi_fix"] = f"{b.stage_keys[b.stage_index(f.stage)]}||{f.touchpoint or ''}"
        s["wi_fix_target"] = float(f.target)


def _fmt(v) -> str:
    """Whole numbers; large ones shortened (1.7M, 1,7 Mn) so they fit a metric tile on a projector."""
    return ui.compact(v)


@st.fragment
def _simulator(b) -> None:
    horizon = st.select_slider(ui.t("whatif.horizon"), HORIZONS, key="wi_horizon", help=ui.t("whatif.horizon_help"))
    sliders, results = st.columns([2, 3])
    with sliders:
        st.subheader(ui.t("whatif.levers"))
        for k, label, conv in zip(b.stage_keys[:-1], b.stage_labels[:-1], b.conversion):
            nxt = b.stage_labels[b.stage_keys.index(k) + 1]
            # select sliders: their values are written by format_func, the language's way (a slider's printf
            # format cannot write a decimal comma or put Turkish's percent sign first)
            steps = _options(CONV_GRID, f"wi_conv_{k}")
            st.select_slider(ui.tp("whatif.conversion", stage=label, next=nxt, now=ui.percent(conv)), steps,
                             key=f"wi_conv_{k}", format_func=ui.labels(steps, lambda v: ui.points(v / 100)),
                             help=ui.t("whatif.conversion_help"))
        steps = _options(PCT_GRID, "wi_inflow")
        st.select_slider(ui.t("whatif.inflow"), steps, key="wi_inflow", format_func=ui.labels(steps, _signed_percent),
                         help=ui.t("whatif.inflow_help"))
        if b.value_per_won is not None:
            steps = _options(PCT_GRID, "wi_value")
            st.select_slider(ui.t("whatif.value", now=ui.number(b.value_per_won)), steps, key="wi_value",
                             format_func=ui.labels(steps, _signed_percent), help=ui.t("whatif.value_help"))
        steps = _options(REFERRAL_GRID, "wi_referral")
        st.select_slider(ui.t("whatif.referral", now=ui.decimal(b.referral_rate, digits=2)), steps, key="wi_referral",
                         format_func=ui.labels(steps, lambda v: ui.decimal(v, digits=2)),
                         help=ui.t("whatif.referral_help"))
        options = _lever_options(b)
        if len(options) > 1:
            st.selectbox(ui.t("whatif.fix"), options, key="wi_fix",
                         format_func=ui.labels(options, lambda v: _lever_label(b, v)), help=ui.t("whatif.fix_help"))
            if st.session_state.get("wi_fix", NONE) != NONE:
                steps = _options(TARGET_GRID, "wi_fix_target")
                st.select_slider(ui.t("whatif.fix_target"), steps, key="wi_fix_target",
                                 format_func=ui.labels(steps, lambda v: ui.decimal(v, signed=True)))
        else:
            st.caption(ui.t("whatif.no_levers"))
    scenario = _scenario(b)
    proj = project(b, scenario, horizon_months=int(horizon))
    head = proj.headline()
    with results:
        st.caption(ui.t("whatif.projected", months=horizon))
        cols = [*st.columns(2), *st.columns(2)]
        for col, metric in zip(cols, ("new_customers", "won", "revenue", "referrals")):
            h = head[metric]
            col.metric(ui.t(f"whatif.metric_{metric}"), _fmt(h["scenario"]),
                       delta=None if h["delta"] is None else ("+" if h["delta"] >= 0 else "−") + _fmt(abs(h["delta"])),
                       border=True,
                       help=None if h["scenario_p5"] is None else ui.t(
                           "whatif.band", base=_fmt(h["baseline"]), lo=_fmt(h["scenario_p5"]),
                           hi=_fmt(h["scenario_p95"])))
        table = proj.table()
        ui.chart(charts.bars_compare(table, x="label", a="baseline", b="scenario",
                                     name_a=ui.t("whatif.baseline"), name_b=ui.t("whatif.scenario"), lang=ui.lang(),
                                     title=ui.t("whatif.reach", months=horizon), y_title=ui.t("chart.customers")),
                 key="wi_bars")
        contrib = proj.contributions()
        if len(contrib):
            contrib = contrib.assign(lever=[ui.msg(x) for x in contrib["lever"]])
            ui.chart(charts.waterfall(contrib, lever="lever", delta="delta_won", lang=ui.lang(),
                                      base_label=ui.t("whatif.baseline"), total_label=ui.t("whatif.scenario"),
                                      base=head["won"]["baseline"] or 0.0, title=ui.t("whatif.waterfall")),
                     key="wi_waterfall")
        for note in proj.notes:
            st.caption(ui.plain(ui.msg(note)))
    _scenarios(b, scenario, int(horizon))
    ui.keep_widgets(_widget_keys(b))


def _load_picked(b) -> None:
    """The Load button's callback (it runs before the sliders exist, so it may set them): the picked scenario goes
    into the sliders and the name box, and its version is remembered for the next save."""
    s = st.session_state
    name = s.get("wi_pick")
    found = [(spec, version) for n, spec, version in scenario_specs(ui.cursor()) if n == name]
    if not found:  # deleted by someone in the meantime: the list shows it on this rerun
        return
    spec, version = found[0]
    _apply_to_widgets(b, Scenario.from_json(spec))
    s["wi_name"] = name
    s["wi_loaded"] = (name, version)
    conflicts.clear(CONFLICT)


CONFLICT = "wi_conflict"  # the note key of a refused save (ui.conflicts); the scenario's name is in wi_conflict_name


def _spec_text(spec: str | None) -> str | None:
    """A saved spec as the text the user sees and may edit: indented JSON, one lever a line."""
    if spec is None:
        return None
    try:
        return json.dumps(json.loads(spec), indent=2, ensure_ascii=False, sort_keys=True)
    except ValueError:
        return spec


def _save(name: str, current: Scenario) -> bool:
    """Save *current* as *name*, naming the version the user started from: the loaded one for the loaded name, the
    listed one for another listed name, none (0) for a new name; while a refused save of *name* waits for the
    user's choice, the version that was refused (so it is refused again, never silently saved over). True when
    saved."""
    s = st.session_state
    name = name.strip()
    loaded = s.get("wi_loaded")
    pending = conflicts.pending(CONFLICT) if s.get("wi_conflict_name") == name else None
    if pending is not None:
        expected = pending.loaded
    else:
        expected = loaded[1] if loaded and loaded[0] == name else s.get("wi_seen", {}).get(name, 0)
    try:
        version = save_scenario(ui.workspace(), name, current, expected=expected)
    except StaleNoteError as exc:
        conflicts.refused(CONFLICT, exc, mine=_spec_text(current.to_json()) or "", loaded=expected)
        s["wi_conflict_name"] = name
        return False
    s["wi_loaded"] = (name, version)
    conflicts.clear(CONFLICT)
    return True


def _describe(b, text: str, *, horizon: int) -> str:
    """A scenario's levers and its won customers, in words (the JSON itself when it cannot be read)."""
    try:
        proj = project(b, Scenario.from_json(text), horizon_months=horizon, band=False)
        levers = ", ".join(ui.msg(x) for x in proj.contributions()["lever"]) or ui.t("whatif.no_changes")
        won = _fmt(proj.headline()["won"]["scenario"])
    except (CJMError, ValueError, KeyError, TypeError):  # not readable against this baseline: show it as saved
        return text
    return f"{levers}\n{ui.t('whatif.metric_won')}: {won}"


def _conflict(b, name: str, *, horizon: int) -> None:
    """A refused save of *name*: what the other person saved (or that they deleted it), mine, the three choices."""
    ws = ui.workspace()

    def save(text: str, expected: int) -> int:
        try:
            scenario = Scenario.from_json(text)
        except (ValueError, KeyError, TypeError) as exc:
            raise CJMError("whatif.not_a_scenario", error=str(exc)) from None
        return save_scenario(ws, name, scenario, expected=expected)

    def done(text: str | None, version: int) -> None:  # what is saved now goes into the sliders
        if text is not None:
            with contextlib.suppress(CJMError, ValueError, KeyError, TypeError):  # unreadable here: sliders stay
                _apply_to_widgets(b, Scenario.from_json(text))
        st.session_state["wi_loaded"] = (name, version)

    conflicts.choice(CONFLICT, title=name, save=save, done=done, show=lambda text: _describe(b, text, horizon=horizon))


def _scenarios(b, current: Scenario, horizon: int) -> None:
    st.subheader(ui.t("whatif.saved"))
    c1, c2 = st.columns([3, 1])
    name = c1.text_input(ui.t("whatif.name"), key="wi_name")
    c2.write("")
    if c2.button(ui.t("whatif.save"), key="wi_save"):
        try:
            if _save(name, current):
                st.toast(ui.tp("whatif.saved_one", name=name.strip()))
                st.rerun(scope="fragment")
        except CJMError as exc:  # no name, say
            st.error(ui.plain(str(exc)))
    if st.session_state.get("wi_conflict_name") == name.strip():
        _conflict(b, name.strip(), horizon=horizon)
    cur = ui.cursor()
    saved = load_scenarios(cur)
    # the versions on screen: a later save of a listed name names the version the user saw
    st.session_state["wi_seen"] = {n: v for n, _spec, v in scenario_specs(cur)}
    if not saved:
        st.caption(ui.t("whatif.none_saved"))
        return
    rows = []
    for sname, sc in saved.items():
        h = project(b, sc, horizon_months=horizon, band=False).headline()
        rows.append({"name": sname, "won": _rounded(h["won"]["scenario"], 1),
                     "delta_won": _rounded(h["won"]["delta"], 1),
                     "revenue": _rounded(h["revenue"]["scenario"], 0),
                     "referrals": _rounded(h["referrals"]["scenario"], 1),
                     "scenario": sc.to_json()})
    table = pd.DataFrame(rows)
    ui.table(table, {"name": ("whatif.col_name", "text"), "won": ("whatif.col_won", "decimal"),
                     "delta_won": ("whatif.col_delta_won", "signed"), "revenue": ("whatif.col_revenue", "number"),
                     "referrals": ("whatif.col_referrals", "decimal")}, key="wi_table")
    ui.download_csv(table.rename(columns={"name": ui.t("whatif.col_name"), "won": ui.t("whatif.col_won"),
                                          "delta_won": ui.t("whatif.col_delta_won"),
                                          "revenue": ui.t("whatif.col_revenue"),
                                          "referrals": ui.t("whatif.col_referrals")}),
                    ui.t("whatif.download"), "scenarios.csv", key="wi_download")
    c1, c2, c3 = st.columns([3, 1, 1])
    if st.session_state.get("wi_pick") not in saved:  # kept from an earlier visit, deleted meanwhile
        st.session_state.pop("wi_pick", None)
    pick = c1.selectbox(ui.t("whatif.pick"), list(saved), key="wi_pick")
    c2.button(ui.t("whatif.load"), key="wi_load", on_click=_load_picked, args=(b,))
    if c3.button(ui.t("whatif.delete"), key="wi_delete"):
        delete_scenario(ui.workspace(), pick)
        loaded = st.session_state.get("wi_loaded")
        if loaded and loaded[0] == pick:
            del st.session_state["wi_loaded"]  # a save under this name is a new scenario now
        st.rerun(scope="fragment")


def render() -> None:
    st.title(ui.t("whatif.title"))
    if not ui.has_data():
        return
    b = ui.compute(what_if.baseline)
    s = st.session_state
    # the sliders as the user left them (Streamlit forgets a widget's value while another page is shown)
    ui.restore_widgets(_widget_keys(b))
    if s.get("wi_fix", NONE) not in _lever_options(b):  # kept from other data: no longer a lever
        s["wi_fix"] = NONE
    s.setdefault("wi_horizon", 12)
    s.setdefault("wi_referral", float(b.referral_rate or 0.0))
    s.setdefault("wi_inflow", 0)
    s.setdefault("wi_value", 0)
    s.setdefault("wi_fix_target", 1.0)
    for k in b.stage_keys[:-1]:
        s.setdefault(f"wi_conv_{k}", 0.0)
    _simulator(b)
    with st.expander(ui.t("whatif.assumptions"), expanded=False):
        for line in b.assumptions():
            st.text("• " + ui.msg(line))
        if b.elasticities:
            st.caption(ui.t("whatif.elasticities"))
            labels = dict(zip(b.stage_keys, b.stage_labels))
            for e in b.elasticities:  # each a keyed message, shown in the interface language
                where = labels[e.stage] + ("" if e.touchpoint is None else f" / {e.touchpoint}")
                st.text("• " + ui.msg(e.describe(where)))


ui.page(render)
