"""The what-if model: hand-computed baselines and scenarios, properties, elasticity recovery, CLI."""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import pickle

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.whatif import build
from cjm.analyses.what_if import (
    Baseline,
    ConversionChange,
    PainFix,
    Scenario,
    baseline,
    delete_scenario,
    fit_logistic,
    load_scenarios,
    project,
    save_scenario,
)
from cjm.cli.what_if import add_arguments, parse_conversion, parse_fix, run
from cjm.core.filters import Filters
from cjm.core.stage_model import preset
from cjm.errors import CJMError
from cjm.store import close_workspace, insert_events, open_workspace

# -- a small log worked out by hand ------------------------------------------------------------------------------

SMALL = {
    "c1": [("awareness", "2026-01-05"), ("research", "2026-01-10"), ("purchase", "2026-01-20", {"value": 100})],
    "c2": [("awareness", "2026-01-15"), ("research", "2026-01-25")],
    "c3": [("awareness", "2026-02-03", {"segment": "B"})],
    "c4": [("awareness", "2026-02-10"), ("research", "2026-02-12"), ("purchase", "2026-02-20", {"value": 300}),
           ("retention", "2026-03-01")],
}


def test_baseline_by_hand(journeys):
    cur, model = journeys(SMALL)
    b = baseline(cur, model=model, won_stage="purchase")
    # furthest stages: c1 purchase, c2 research, c3 awareness, c4 retention
    assert b.reached == (4, 3, 2, 1, 0)
    assert b.conversion == (3 / 4, 2 / 3, 1 / 2, 0.0)
    # first events 2026-01-05 .. 2026-02-10 -> January and February = 2 months; 4 customers / 2 = 2 per month
    assert (b.months, b.customers, b.inflow_per_month) == (2, 4, 2.0)
    assert b.won_idx == 2 and b.won_per_month == 1.0  # c1, c4 reached purchase
    assert b.value_per_won == 200.0 and b.value_customers == 2  # (100 + 300) / 2
    assert b.referral_rate is None
    # days to the next stage: awareness c1 5, c2 10, c4 2 -> median 5; research c1 10, c4 8 -> 9; purchase c4 9
    assert b.median_days == (5.0, 9.0, 9.0, None, None)
    assert b.period == (pd.Timestamp("2026-01-05").date(), pd.Timestamp("2026-02-10").date())
    assert all(not e.available for e in b.elasticities)  # no emotion scores at all


def test_projection_and_contributions_by_hand(journeys):
    cur, model = journeys(SMALL)
    b = baseline(cur, model=model, won_stage="purchase")
    s = Scenario(conversion=[ConversionChange("research", 10, "%")], inflow_pct=50, value_pct=10)
    p = project(b, s, horizon_months=12)
    h = p.headline()
    # baseline: 2/month x 12 = 24 new; won = 24 x 3/4 x 2/3 = 12; revenue 12 x 200 = 2400
    assert h["new_customers"]["baseline"] == pytest.approx(24)
    assert h["won"]["baseline"] == pytest.approx(12)
    assert h["revenue"]["baseline"] == pytest.approx(2400)
    # scenario: 36 new; research->purchase 2/3 x 1.1 = 0.7333; won = 36 x 0.75 x 0.7333 = 19.8; revenue 19.8 x 220
    assert h["new_customers"]["scenario"] == pytest.approx(36)
    assert h["won"]["scenario"] == pytest.approx(19.8)
    assert h["revenue"]["scenario"] == pytest.approx(4356)
    assert h["referrals"]["scenario"] == 0  # no referral source, no rate set: no loop
    t = p.table().set_index("stage")
    # awareness 24 -> 36; research 18 -> 27; purchase 12 -> 19.8; retention 6 -> 9.9; advocacy 0
    assert t["baseline"].tolist() == pytest.approx([24, 18, 12, 6, 0])
    assert t["scenario"].tolist() == pytest.approx([36, 27, 19.8, 9.9, 0])
    assert t.loc["purchase", "delta"] == pytest.approx(7.8)
    c = p.contributions()
    # order: inflow (won 12 -> 18, revenue +1200), conversion (18 -> 19.8, +360), value (+0 won, 19.8 x 20 = 396)
    assert c["kind"].tolist() == ["inflow", "conversion", "value"]
    assert c["delta_won"].tolist() == pytest.approx([6, 1.8, 0])
    assert c["delta_revenue"].tolist() == pytest.approx([1200, 360, 396])
    assert "Research → Purchase" in c["lever"][1]


def test_referral_loop_by_hand():
    b = dataclasses.replace(Baseline.example(), referral_rate=0.2, referral_source="test")
    # P(won) = 0.5; external inflow = 10 - 0.2 x 5 won/month = 9
    assert b.external_inflow == pytest.approx(9)
    base = project(b, Scenario(), horizon_months=3).headline()
    # steady state: 9 + 0.2 x 5 = 10 new per month, 5 won, 1 referral per month
    assert (base["new_customers"]["baseline"], base["won"]["baseline"]) == pytest.approx((30, 15))
    assert base["referrals"]["baseline"] == pytest.approx(3)
    h = project(b, Scenario(referral_rate=0.4), horizon_months=3).headline()
    # month 1: 9 + 0.4 x 5 = 11 new, 5.5 won; month 2: 9 + 0.4 x 5.5 = 11.2, 5.6; month 3: 9 + 2.24 = 11.24, 5.62
    assert h["new_customers"]["scenario"] == pytest.approx(11 + 11.2 + 11.24)
    assert h["won"]["scenario"] == pytest.approx(5.5 + 5.6 + 5.62)
    assert h["referrals"]["scenario"] == pytest.approx(0.4 * (5.5 + 5.6 + 5.62))
    m = project(b, Scenario(referral_rate=0.4), horizon_months=3).monthly()
    assert m["new_scenario"].tolist() == pytest.approx([11, 11.2, 11.24])


def test_referral_rate_from_referred_customers_and_advocates(journeys):
    hinge = {
        # "Hired" at pre-purchase counts as reaching client experience (the won stage) even without its events
        "a": [("Pre-purchase", "2026-01-02", {"outcome": "Hired"})],
        "b": [("Pre-purchase", "2026-01-03"), ("Client experience", "2026-01-20"),
              ("Former client", "2026-03-01", {"outcome": "Advocate"})],
        "c": [("Pre-purchase", "2026-02-01", {"channel": "Referral"}), ("Client experience", "2026-02-10")],
        "d": [("Pre-purchase", "2026-02-05", {"outcome": "No way"})],
    }
    cur, model = journeys(hinge, model="hinge-b2b-4")
    b = baseline(cur, model=model)
    assert b.won_stage == "client-experience"
    assert b.reached == (4, 3, 1, 1)  # a promoted to client experience; b went on to former client
    assert b.referral_rate == pytest.approx(1 / 3)  # 1 referred customer (c) / 3 won
    assert "referred" in b.referral_source


def test_referral_rate_from_advocates(journeys):
    data = {"a": [("Pre-purchase", "2026-01-02"), ("Client experience", "2026-01-05"),
                  ("Former client", "2026-02-01", {"outcome": "advocate"})],
            "b": [("Pre-purchase", "2026-01-03"), ("Client experience", "2026-01-07")]}
    cur, model = journeys(data, model="hinge-b2b-4")
    b = baseline(cur, model=model)
    assert b.referral_rate == pytest.approx(0.5)  # 1 advocate x 1 referral each / 2 won
    assert "advocates" in b.referral_source


def test_filters_are_applied(journeys):
    cur, model = journeys(SMALL)
    b = baseline(cur, model=model, filters=Filters(segment=("B",)))
    assert b.reached == (1, 0, 0, 0, 0) and b.customers == 1 and b.months == 1


def test_user_errors(journeys, ws):
    with pytest.raises(CJMError, match="No events"):
        baseline(ws.cursor(), model=preset("five-stage"))
    cur, model = journeys({"x": [("awareness", None)], "y": [("research", None)]})
    with pytest.raises(CJMError, match="needs dates"):
        baseline(cur, model=model)
    b = Baseline.example()
    with pytest.raises(CJMError, match='Unknown stage "nope"'):
        project(b, Scenario(conversion=[ConversionChange("nope", 5)]))
    with pytest.raises(CJMError, match="last stage"):
        project(b, Scenario(conversion=[ConversionChange("Repeat", 5)]))
    with pytest.raises(CJMError, match="not available"):
        project(b, Scenario(fixes=[PainFix("lead", 1.0)]))
    with pytest.raises(CJMError, match="horizon"):
        project(b, Scenario(), horizon_months=0)
    with pytest.raises(CJMError, match="−2..\\+2"):
        PainFix("lead", 3)
    with pytest.raises(CJMError, match="pp"):
        ConversionChange("lead", 1, "x")  # type: ignore[arg-type]
    with pytest.raises(CJMError, match="negative"):
        Scenario(referral_rate=-0.1)


# -- properties (Hypothesis) on baselines built directly -------------------------------------------------------

@st.composite
def baselines(draw) -> Baseline:
    k = draw(st.integers(2, 6))
    conv = tuple(draw(st.lists(st.floats(0, 1), min_size=k - 1, max_size=k - 1)))
    won_idx = draw(st.integers(1, k - 1))
    inflow = draw(st.floats(0.5, 1000))
    p_won = math.prod(conv[:won_idx])
    rate = draw(st.one_of(st.none(), st.floats(0, 2)))
    value = draw(st.one_of(st.none(), st.floats(1, 1e6)))
    keys = tuple(f"s{i}" for i in range(k))
    return Baseline(stage_keys=keys, stage_labels=keys, won_idx=won_idx, customers=100, months=10,
                    reached=(100,) * k, conversion=conv, inflow_per_month=inflow, won_per_month=inflow * p_won,
                    value_per_won=value, value_customers=10, referral_rate=rate, referral_source="test")


@st.composite
def scenarios(draw, stages: tuple[str, ...]) -> Scenario:
    conv = draw(st.lists(st.builds(ConversionChange, st.sampled_from(stages[:-1]), st.floats(-50, 50),
                                   st.sampled_from(["pp", "%"])), max_size=3))
    return Scenario(conversion=conv, inflow_pct=draw(st.floats(-100, 200)), value_pct=draw(st.floats(-100, 200)),
                    referral_rate=draw(st.one_of(st.none(), st.floats(0, 2))))


@pytest.fixture(scope="module")
def real_baseline(tmp_path_factory) -> Baseline:
    """A baseline with bootstrap draws and elasticities, from 16,000 synthetic events."""
    path = tmp_path_factory.mktemp("wi") / "bench.duckdb"
    build(path, 16_000)
    ws = open_workspace(path)
    try:
        return baseline(ws.cursor(), model=ws.stage_model())
    finally:
        close_workspace(ws)


@settings(max_examples=40, deadline=None)
@given(b=baselines(), horizon=st.integers(1, 36))
def test_no_change_equals_baseline_exactly(b, horizon):
    p = project(b, Scenario(), horizon_months=horizon)
    h = p.headline()
    assert all(d["scenario"] == d["baseline"] for d in h.values())
    assert p.base_reach == p.scen_reach
    assert p.contributions().empty
    # a lever set to its baseline value is no change either
    same = Scenario(conversion=[ConversionChange(b.stage_keys[0], 0)], referral_rate=b.referral_rate)
    assert project(b, same, horizon_months=horizon).headline() == h


def test_no_change_equals_baseline_with_draws(real_baseline):
    p = project(real_baseline, Scenario())
    for m, d in p.headline().items():
        assert d["scenario"] == d["baseline"], m
        assert (d["scenario_p5"], d["scenario_p95"]) == (d["baseline_p5"], d["baseline_p95"])
        assert d["delta_p5"] == d["delta_p95"] == 0


@settings(max_examples=50, deadline=None)
@given(data=st.data(), b=baselines())
def test_raising_a_conversion_never_lowers_won(data, b):
    s = data.draw(scenarios(b.stage_keys))
    stage = data.draw(st.sampled_from(b.stage_keys[:-1]))
    up = dataclasses.replace(s, conversion=s.conversion + (ConversionChange(stage, data.draw(st.floats(0, 50))),))
    won = project(b, s).headline()["won"]["scenario"]
    assert project(b, up).headline()["won"]["scenario"] >= won


@settings(max_examples=40, deadline=None)
@given(data=st.data(), b=baselines(), horizon=st.integers(1, 24))
def test_referral_rate_zero_removes_the_loop(data, b, horizon):
    s = dataclasses.replace(data.draw(scenarios(b.stage_keys)), referral_rate=0.0)
    p = project(b, s, horizon_months=horizon)
    h = p.headline()
    assert h["referrals"]["scenario"] == 0
    # every month brings only the external inflow: observed inflow minus the baseline's referrals
    external = b.external_inflow * (1 + s.inflow_pct / 100)
    assert p.monthly()["new_scenario"].tolist() == pytest.approx([external] * horizon, rel=1e-9, abs=1e-9)


@settings(max_examples=50, deadline=None)
@given(data=st.data(), b=baselines())
def test_contributions_sum_to_the_total(data, b):
    s = data.draw(scenarios(b.stage_keys))
    p = project(b, s)
    h, c = p.headline(), p.contributions()
    assert c["delta_won"].sum() == pytest.approx(h["won"]["delta"], rel=1e-9, abs=1e-9)
    assert c["delta_referrals"].sum() == pytest.approx(h["referrals"]["delta"], rel=1e-9, abs=1e-9)
    if b.value_per_won is not None:
        assert c["delta_revenue"].sum() == pytest.approx(h["revenue"]["delta"], rel=1e-9, abs=1e-6)
    else:
        assert h["revenue"]["scenario"] is None
    kinds = [k for k in ("inflow", "conversion", "pain point", "value", "referral rate") if k in set(c["kind"])]
    assert list(dict.fromkeys(c["kind"])) == kinds  # the documented order


# -- elasticity --------------------------------------------------------------------------------------------------

def _insert(cur, df: pd.DataFrame) -> None:
    """The rows of *df* as one import (file order = row order)."""
    cur.register("_df", df.assign(seq=np.arange(1, len(df) + 1)))
    insert_events(cur, ["seq", "import_id", "source_file", "source_row", "customer_id", "ts", "stage", "touchpoint",
                        "emotion"], "SELECT seq, 1, 't.csv', seq + 1, customer_id, ts, stage, touchpoint, emotion FROM _df")
    cur.unregister("_df")


def test_elasticity_recovered_from_a_known_logistic_model(ws):
    # 3000 customers; emotion at awareness uniform in -2..2; P(research) = sigmoid(-0.5 + 0.8 emotion)
    rng = np.random.default_rng(7)
    n = 3000
    x = rng.integers(-2, 3, size=n).astype(float)
    y = rng.random(n) < 1 / (1 + np.exp(-(-0.5 + 0.8 * x)))
    ids = [f"c{i}" for i in range(n)]
    tp = np.where(np.arange(n) % 3 == 0, "call", "email")
    ts = pd.Timestamp("2026-01-01") + pd.to_timedelta(np.arange(n) % 90, unit="D")
    first = pd.DataFrame({"customer_id": ids, "ts": ts, "stage": "Awareness", "touchpoint": tp, "emotion": x})
    nxt = pd.DataFrame({"customer_id": np.array(ids)[y], "ts": ts[y] + pd.Timedelta(days=3), "stage": "Research",
                        "touchpoint": None, "emotion": np.nan})
    cur = ws.cursor()
    _insert(cur, pd.concat([first, nxt], ignore_index=True))
    from cjm.store import apply_stage_model
    apply_stage_model(cur, preset("five-stage"))
    b = baseline(cur, model=preset("five-stage"))
    e = b.elasticity("awareness")
    assert e.available and e.n == n and e.n_progressed == int(y.sum())
    assert e.beta_ci[0] < 0.8 < e.beta_ci[1]
    assert e.intercept == pytest.approx(-0.5, abs=0.2)
    assert e.mean_emotion == pytest.approx(x.mean())
    # slope = beta p(1-p) at the mean emotion
    p_bar = 1 / (1 + math.exp(-(e.intercept + e.beta * e.mean_emotion)))
    assert e.slope == pytest.approx(e.beta * p_bar * (1 - p_bar))
    call = b.elasticity("awareness", "call")
    assert call.available and call.coverage == pytest.approx(1000 / 3000)  # every third customer had a call
    assert b.elasticity("research") is not None and not b.elasticity("research").available  # no scores there
    # the fix lever: raise awareness emotion to +1 -> conversion + slope x (1 - mean)
    s = Scenario(fixes=[PainFix("awareness", 1.0)])
    p = project(b, s, horizon_months=1)
    conv = b.conversion[0] + e.slope * (1.0 - e.mean_emotion)
    research = p.table().set_index("stage").loc["research"]
    assert research["scenario"] == pytest.approx(b.inflow_per_month * conv)
    assert research["scenario_p5"] < research["scenario"] < research["scenario_p95"]
    # a target below the current mean changes nothing
    low = project(b, Scenario(fixes=[PainFix("awareness", -2.0)]))
    assert low.scen["won"] == low.base["won"]
    # touchpoint fix scales by coverage
    pc = project(b, Scenario(fixes=[PainFix("awareness", 2.0, touchpoint="call")]), horizon_months=1)
    conv_c = b.conversion[0] + call.slope * (2.0 - call.mean_emotion) / 3
    assert pc.table().set_index("stage").loc["research", "scenario"] == pytest.approx(b.inflow_per_month * conv_c)


def test_fit_logistic_against_closed_form():
    # two groups: logit(50/100) = 0 at x=0 and logit(80/100) = ln 4 at x=1 -> a = 0, b = ln 4 (saturated model)
    # se(b)^2 = 1/(100 x .5 x .5) + 1/(100 x .8 x .2) = 0.04 + 0.0625
    a, b, se, ok = fit_logistic(np.array([0.0, 1.0]), np.array([100.0, 100.0]), np.array([50.0, 80.0]))
    assert ok and a == pytest.approx(0, abs=1e-9) and b == pytest.approx(math.log(4))
    assert se == pytest.approx(math.sqrt(0.04 + 0.0625))
    # perfect separation has no estimate
    assert not fit_logistic(np.array([0.0, 1.0]), np.array([10.0, 10.0]), np.array([0.0, 10.0]))[3]


def test_too_little_data_makes_the_lever_unavailable(journeys):
    data = {f"c{i}": [("awareness", "2026-01-02", {"emotion": 1})] for i in range(40)}
    cur, model = journeys(data)
    e = baseline(cur, model=model).elasticity("awareness")
    assert not e.available and "0 of 40" in e.reason  # nobody went on


def test_real_baseline_band_and_pickle(real_baseline):
    b = real_baseline
    assert b.n_boot == 200 and b.referral_rate is not None and b.value_per_won is not None
    clone = pickle.loads(pickle.dumps(b))
    assert clone == b
    s = Scenario(conversion=[ConversionChange("pre-purchase", 5)], inflow_pct=10, referral_rate=0.3,
                 fixes=[PainFix("pre-purchase", 1.0)])
    p, q = project(b, s), project(clone, s)
    assert p.headline() == q.headline()
    for d in p.headline().values():
        assert d["baseline_p5"] < d["baseline"] < d["baseline_p95"]
        assert d["scenario_p5"] < d["scenario"] < d["scenario_p95"]
    assert any(e.available for e in b.elasticities)
    assert "Referral rate" in " ".join(b.assumptions())


# -- saved scenarios ---------------------------------------------------------------------------------------------

def test_save_load_delete_scenarios(ws):
    cur = ws.cursor()
    s1 = Scenario(conversion=[ConversionChange("research", -2.5, "%")], inflow_pct=10, referral_rate=0.1,
                  fixes=[PainFix("purchase", 0.5, touchpoint="Çağrı")])
    save_scenario(ws, " Optimistic ", s1)
    save_scenario(ws, "Base", Scenario())
    save_scenario(ws, "Optimistic", dataclasses.replace(s1, value_pct=5))  # replaces
    got = load_scenarios(cur)
    assert list(got) == ["Base", "Optimistic"]
    assert got["Optimistic"] == dataclasses.replace(s1, value_pct=5) and got["Base"].is_empty()
    assert delete_scenario(ws, "Base") and not delete_scenario(ws, "Base")
    assert list(load_scenarios(cur)) == ["Optimistic"]
    with pytest.raises(CJMError, match="name"):
        save_scenario(ws, "  ", s1)


# -- CLI ---------------------------------------------------------------------------------------------------------

def _args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser()
    add_arguments(ap)
    return ap.parse_args(argv)


def test_cli_parsers():
    assert parse_conversion("Client experience=-2,5pp") == ConversionChange("Client experience", -2.5, "pp")
    assert parse_fix("pre-purchase:Discovery call=1") == PainFix("pre-purchase", 1.0, "Discovery call")
    with pytest.raises(CJMError, match="STAGE=\\+5pp"):
        parse_conversion("research=5")


def test_cli_json_and_errors(journeys, ws, capsys):
    journeys(SMALL)
    rc = run(_args(["--conversion", "research=+10%", "--inflow", "+50%", "--value", "10%", "--won-stage",
                    "purchase", "--json", "--save", "big"]), ws)
    out = capsys.readouterr()
    assert rc == 0 and out.err == ""
    doc = json.loads(out.out)
    assert doc["headline"]["won"]["scenario"] == pytest.approx(19.8)  # as in test_projection_and_contributions
    assert [c["delta_revenue"] for c in doc["contributions"]] == pytest.approx([1200, 360, 396])
    assert doc["referral_rate"] is None and doc["headline"]["revenue"]["baseline"] == pytest.approx(2400)
    assert "big" in load_scenarios(ws.cursor())
    rc = run(_args(["--scenario", "big", "--won-stage", "purchase"]), ws)
    text = capsys.readouterr().out
    assert rc == 0 and "Inflow +50%" in text and "won customers" in text
    rc = run(_args(["--conversion", "nowhere=+5pp"]), ws)
    err = capsys.readouterr().err
    assert rc == 2 and err.startswith("error: Unknown stage") and err.count("\n") == 1
    rc = run(_args(["--fix", "awareness=1"]), ws)
    assert rc == 2 and "not available" in capsys.readouterr().err
