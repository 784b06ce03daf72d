"""What-if projections: a :class:`~cjm.analyses.what_if.estimate.Baseline` and a
:class:`~cjm.analyses.what_if.scenario.Scenario` over a horizon, with numpy only (no database; well under a
millisecond for 12 months), as a :class:`Projection` — baseline vs scenario, the band over the bootstrap draws,
and each lever's contribution in :data:`LEVER_ORDER`.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from cjm.analyses.what_if.estimate import Baseline
from cjm.analyses.what_if.scenario import Scenario
from cjm.errors import CJMError, Message, Number, render

#: The fixed order in which levers are applied for the contributions (waterfall).
LEVER_ORDER = ("inflow", "conversion", "pain point", "value", "referral rate")


@dataclass(frozen=True)
class _Params:
    """Model parameters, one row per draw (row 0 = point estimate)."""

    external: np.ndarray  # (m,)
    conv: np.ndarray  # (m, K-1)
    value: np.ndarray  # (m,)
    rate: np.ndarray  # (m,)
    won0: np.ndarray  # (m,) won per month before the horizon


@dataclass(frozen=True)
class _Run:
    new: np.ndarray  # (m,)
    reach: np.ndarray  # (m, K)
    won: np.ndarray
    revenue: np.ndarray
    referrals: np.ndarray
    monthly_new: np.ndarray  # (H,) point estimate
    monthly_won: np.ndarray  # (H,)


def _simulate(p: _Params, won_idx: int, horizon: int) -> _Run:
    m = p.conv.shape[0]
    P = np.concatenate([np.ones((m, 1)), np.cumprod(p.conv, axis=1)], axis=1)  # share reaching each stage
    p_won = P[:, won_idx]
    won_prev = p.won0
    new_tot = np.zeros(m)
    ref_tot = np.zeros(m)
    monthly_new = np.zeros(horizon)
    monthly_won = np.zeros(horizon)
    for t in range(horizon):  # months, not rows: 12 small vector steps
        new = p.external + p.rate * won_prev
        won_t = new * p_won
        new_tot = new_tot + new
        ref_tot = ref_tot + p.rate * won_t
        monthly_new[t] = new[0]
        monthly_won[t] = won_t[0]
        won_prev = won_t
    reach = new_tot[:, None] * P
    won = reach[:, won_idx]
    return _Run(new_tot, reach, won, won * p.value, ref_tot, monthly_new, monthly_won)


_METRICS = ("new_customers", "won", "revenue", "referrals")


@dataclass(frozen=True)
class Projection:
    """Baseline vs scenario over a horizon; see :meth:`table`, :meth:`headline`, :meth:`contributions`."""

    horizon_months: int
    stage_keys: tuple[str, ...]
    stage_labels: tuple[str, ...]
    won_stage: str
    has_value: bool
    base: dict[str, float]  # metric -> point estimate
    scen: dict[str, float]
    bands: dict[str, tuple[float, float]]  # "baseline.won" / "scenario.won" / "delta.won" -> (p5, p95)
    base_reach: tuple[float, ...]
    scen_reach: tuple[float, ...]
    scen_reach_band: tuple[tuple[float, float], ...]
    levers: tuple[tuple[str, str, float, float, float], ...]  # (kind, label, d_won, d_revenue, d_referrals)
    monthly_base: tuple[tuple[float, float], ...]  # (new, won) per month
    monthly_scen: tuple[tuple[float, float], ...]
    notes: tuple[str, ...] = ()

    def table(self) -> pd.DataFrame:
        """stage, label, baseline, scenario, delta, scenario_p5, scenario_p95 (customers reaching each stage)."""
        return pd.DataFrame({
            "stage": list(self.stage_keys), "label": list(self.stage_labels),
            "baseline": list(self.base_reach), "scenario": list(self.scen_reach),
            "delta": [s - b for s, b in zip(self.scen_reach, self.base_reach)],
            "scenario_p5": [b[0] for b in self.scen_reach_band], "scenario_p95": [b[1] for b in self.scen_reach_band]})

    def headline(self) -> dict[str, dict[str, float | None]]:
        """``{metric: {baseline, scenario, delta, baseline_p5, baseline_p95, scenario_p5, scenario_p95,
        delta_p5, delta_p95}}`` for new_customers, won, revenue (None without values) and referrals."""
        out: dict[str, dict[str, float | None]] = {}
        for m in _METRICS:
            if m == "revenue" and not self.has_value:
                out[m] = {k: None for k in ("baseline", "scenario", "delta", "baseline_p5", "baseline_p95",
                                            "scenario_p5", "scenario_p95", "delta_p5", "delta_p95")}
                continue
            out[m] = {"baseline": self.base[m], "scenario": self.scen[m], "delta": self.scen[m] - self.base[m],
                      "baseline_p5": self.bands[f"baseline.{m}"][0], "baseline_p95": self.bands[f"baseline.{m}"][1],
                      "scenario_p5": self.bands[f"scenario.{m}"][0], "scenario_p95": self.bands[f"scenario.{m}"][1],
                      "delta_p5": self.bands[f"delta.{m}"][0], "delta_p95": self.bands[f"delta.{m}"][1]}
        return out

    def contributions(self, lang: str = "en") -> pd.DataFrame:
        """lever, kind, delta_won, delta_revenue, delta_referrals — in :data:`LEVER_ORDER`; sums = total delta.
        The lever is named in *lang* (``en``, ``tr``, ``ro``)."""
        return pd.DataFrame([{"lever": render(label, lang), "kind": kind, "delta_won": dw,
                              "delta_revenue": dr if self.has_value else None, "delta_referrals": dref}
                             for kind, label, dw, dr, dref in self.levers],
                            columns=["lever", "kind", "delta_won", "delta_revenue", "delta_referrals"])

    def monthly(self) -> pd.DataFrame:
        """month (1..horizon), new_baseline, new_scenario, won_baseline, won_scenario."""
        return pd.DataFrame({"month": range(1, self.horizon_months + 1),
                             "new_baseline": [r[0] for r in self.monthly_base],
                             "new_scenario": [r[0] for r in self.monthly_scen],
                             "won_baseline": [r[1] for r in self.monthly_base],
                             "won_scenario": [r[1] for r in self.monthly_scen]})

    def to_dict(self) -> dict:
        """JSON-ready (NaN → None)."""
        def clean(v: Any) -> Any:
            if isinstance(v, float) and not math.isfinite(v):
                return None
            return v
        return {"horizon_months": self.horizon_months, "won_stage": self.won_stage,
                "headline": {m: {k: clean(v) for k, v in d.items()} for m, d in self.headline().items()},
                "stages": [{k: clean(v) for k, v in r.items()} for r in self.table().to_dict("records")],
                "contributions": [{k: clean(v) for k, v in r.items()} for r in self.contributions().to_dict("records")],
                "notes": list(self.notes)}


def _base_params(b: Baseline, *, draws: bool) -> _Params:
    conv = np.asarray(b.conversion, dtype=float)[None, :]
    value = np.array([b.value_per_won if b.value_per_won is not None else math.nan])
    rate = np.array([b.referral_rate or 0.0])
    inflow = np.array([b.inflow_per_month])
    won0 = np.array([b.won_per_month])
    if draws and b.n_boot:
        conv = np.concatenate([conv, b.conversion_draws], axis=0)
        value = np.concatenate([value, b.value_draws])
        rate = np.concatenate([rate, b.referral_draws if b.referral_draws is not None else np.zeros(b.n_boot)])
        inflow = np.concatenate([inflow, b.inflow_draws])
        won0 = np.concatenate([won0, b.won_draws])
    external = np.maximum(inflow - rate * won0, 0.0)
    return _Params(external, conv, value, rate, won0)


def _lever_list(b: Baseline, s: Scenario) -> list[tuple[str, str, Any]]:
    """(kind, label, lever) in LEVER_ORDER, validated against the baseline."""
    lab = b.stage_labels
    out: list[tuple[str, str, Any]] = []
    if s.inflow_pct != 0:
        out.append(("inflow", Message("whatif.lever.inflow", pct=Number(s.inflow_pct, "signed_short", 3)),
                    s.inflow_pct))
    conv = []
    for c in s.conversion:
        k = b.stage_index(c.stage)
        if k == len(b.stage_keys) - 1:
            raise CJMError("whatif.last_stage", stage=lab[k], stages=list(lab[:-1]))
        if c.amount != 0:
            conv.append((k, c))
    for k, c in sorted(conv, key=lambda t: t[0]):
        out.append(("conversion", Message("whatif.lever.conversion_pp" if c.unit == "pp" else "whatif.lever.conversion_pct",
                                          stage=lab[k], next=lab[k + 1], amount=Number(c.amount, "signed_short", 3)),
                    (k, c)))
    for f in s.fixes:
        k = b.stage_index(f.stage)
        e = b.elasticity(f.stage, f.touchpoint)
        where = lab[k] + ("" if f.touchpoint is None else f" / {f.touchpoint}")
        if e is None:
            why = Message("whatif.why_last_stage" if k == len(b.stage_keys) - 1 else "whatif.why_no_scores")
            raise CJMError("whatif.fix_unavailable", where=where, why=why)
        if not e.available:
            raise CJMError("whatif.fix_unavailable", where=where, why=e.reason)
        out.append(("pain point", Message("whatif.lever.fix", where=where, target=Number(f.target, "signed_short", 3)),
                    (k, f, e)))
    if s.value_pct != 0:
        out.append(("value", Message("whatif.lever.value", pct=Number(s.value_pct, "signed_short", 3)), s.value_pct))
    if s.referral_rate is not None and s.referral_rate != (b.referral_rate or 0.0):
        out.append(("referral rate", Message("whatif.lever.referral", rate=Number(s.referral_rate, "short", 4)),
                    s.referral_rate))
    return out


def _apply(p: _Params, kind: str, lever: Any, *, draws: bool) -> _Params:
    if kind == "inflow":
        return dataclasses.replace(p, external=p.external * (1 + lever / 100))
    if kind == "conversion":
        k, c = lever
        conv = p.conv.copy()
        conv[:, k] = conv[:, k] + c.amount / 100 if c.unit == "pp" else conv[:, k] * (1 + c.amount / 100)
        return dataclasses.replace(p, conv=np.clip(conv, 0.0, 1.0))
    if kind == "pain point":
        k, f, e = lever
        gain = max(f.target - e.mean_emotion, 0.0) * e.coverage
        slope = np.full(p.conv.shape[0], e.slope)
        if draws and e.slope_draws is not None and p.conv.shape[0] == 1 + len(e.slope_draws):
            slope[1:] = e.slope_draws
        conv = p.conv.copy()
        conv[:, k] = conv[:, k] + slope * gain
        return dataclasses.replace(p, conv=np.clip(conv, 0.0, 1.0))
    if kind == "value":
        return dataclasses.replace(p, value=p.value * (1 + lever / 100))
    if kind == "referral rate":
        return dataclasses.replace(p, rate=np.full_like(p.rate, lever))
    raise AssertionError(kind)


def _metrics(r: _Run, row: int = 0) -> dict[str, float]:
    return {"new_customers": float(r.new[row]), "won": float(r.won[row]), "revenue": float(r.revenue[row]),
            "referrals": float(r.referrals[row])}


def project(baseline: Baseline, scenario: Scenario | None = None, *, horizon_months: int = 12,
            band: bool = True) -> Projection:
    """Project baseline and *scenario* over *horizon_months* (numpy only; no database).

    >>> from cjm.analyses.what_if.scenario import ConversionChange
    >>> p = project(Baseline.example(), Scenario(conversion=[ConversionChange("lead", 10)]))
    >>> p.table()[["stage", "baseline", "scenario"]].to_dict("list")
    {'stage': ['lead', 'client', 'repeat'], 'baseline': [120.0, 60.0, 30.0], 'scenario': [120.0, 72.0, 36.0]}
    """
    b = baseline
    s = scenario or Scenario()
    if not isinstance(horizon_months, int) or isinstance(horizon_months, bool) or not 1 <= horizon_months <= 120:
        raise CJMError("whatif.bad_horizon", value=repr(horizon_months))
    levers = _lever_list(b, s)
    use_draws = band and b.n_boot > 0
    p0 = _base_params(b, draws=use_draws)
    base_run = _simulate(p0, b.won_idx, horizon_months)

    # Waterfall on the point estimate, levers applied cumulatively; the band on all draws at the end.
    point = _base_params(b, draws=False)
    prev = _metrics(base_run)
    contrib: list[tuple[str, str, float, float, float]] = []
    full = p0
    for kind, label, lever in levers:
        point = _apply(point, kind, lever, draws=False)
        full = _apply(full, kind, lever, draws=use_draws)
        cur = _metrics(_simulate(point, b.won_idx, horizon_months))
        contrib.append((kind, label, cur["won"] - prev["won"], cur["revenue"] - prev["revenue"],
                        cur["referrals"] - prev["referrals"]))
        prev = cur
    scen_run = _simulate(full, b.won_idx, horizon_months) if levers else base_run
    base_m, scen_m = _metrics(base_run), _metrics(scen_run)
    if contrib:  # make the sum exact despite float rounding: the last lever takes the remainder
        kind, label, *_ = contrib[-1]
        rest = contrib[:-1]
        contrib[-1] = (kind, label,
                       (scen_m["won"] - base_m["won"]) - sum(c[2] for c in rest),
                       (scen_m["revenue"] - base_m["revenue"]) - sum(c[3] for c in rest),
                       (scen_m["referrals"] - base_m["referrals"]) - sum(c[4] for c in rest))

    def pct(a: np.ndarray) -> tuple[float, float]:
        if a.shape[0] < 2 or not np.all(np.isfinite(a[1:])):
            return (float(a[0]), float(a[0]))
        lo, hi = np.percentile(a[1:], [5, 95])
        return (float(lo), float(hi))

    bands: dict[str, tuple[float, float]] = {}
    for m, attr in (("new_customers", "new"), ("won", "won"), ("revenue", "revenue"), ("referrals", "referrals")):
        bv, sv = getattr(base_run, attr), getattr(scen_run, attr)
        bands[f"baseline.{m}"] = pct(bv)
        bands[f"scenario.{m}"] = pct(sv)
        bands[f"delta.{m}"] = pct(sv - bv)
    notes = []
    if b.referral_rate is None and s.referral_rate is None:
        notes.append(Message("whatif.note.no_referrals"))
    return Projection(
        horizon_months=horizon_months, stage_keys=b.stage_keys, stage_labels=b.stage_labels,
        won_stage=b.won_stage, has_value=b.value_per_won is not None, base=base_m, scen=scen_m, bands=bands,
        base_reach=tuple(float(x) for x in base_run.reach[0]), scen_reach=tuple(float(x) for x in scen_run.reach[0]),
        scen_reach_band=tuple(pct(scen_run.reach[:, j]) for j in range(len(b.stage_keys))),
        levers=tuple(contrib),
        monthly_base=tuple(zip(base_run.monthly_new.tolist(), base_run.monthly_won.tolist())),
        monthly_scen=tuple(zip(scen_run.monthly_new.tolist(), scen_run.monthly_won.tolist())),
        notes=tuple(notes))
