"""Personas and buying-team roles: per-persona customers, how far they get and emotion; the role × stage view.

Every expected number below is worked out by hand from the small log ``LOG`` (five-stage model: awareness 0,
research 1, purchase 2 = the won stage, retention 3, advocacy 4).
"""

from __future__ import annotations

import datetime as dt
import math

import pytest

from cjm.analyses.personas import (
    data_field,
    persona_reach,
    persona_summary,
    role_aliases,
    role_stage,
    suggest_link,
)
from cjm.core.filters import Filters
from cjm.errors import CJMError
from cjm.store.notes import ROLES


def _e(emotion=None, **kw):
    return {"emotion": emotion, **kw}


LOG = {
    "c1": [("awareness", "2026-01-01", _e(-2, persona="Owner", role="main client")),
           ("research", "2026-01-02", _e(1, persona="Owner", role="main client")),
           ("purchase", "2026-01-03", _e(2, persona="Owner", role="main client"))],
    "c2": [("awareness", "2026-01-01", _e(0, persona="Owner", role="Blocant")),
           ("research", "2026-01-02", _e(None, persona="Owner", role="user"))],
    "c3": [("awareness", "2026-01-01", _e(1, persona="Owner", role="main client")),
           ("awareness", "2026-01-02", _e(None, persona="Owner", role="main client"))],
    "c4": [("awareness", "2026-01-01", _e(1, persona="CFO", role="coach")),
           ("research", "2026-01-02", _e(-1, persona="CFO", role="coach")),
           ("purchase", "2026-01-03", _e(0, persona="CFO")),
           ("retention", "2026-01-04", _e(2, persona="CFO", role="Influencer"))],
    "c5": [("awareness", "2026-01-01", _e(-1, persona="CFO", role="Main Client")),
           ("webinar", "2026-01-02", _e(2, persona="CFO", role="coach"))],  # not a stage of the model: left out
    "c6": [("research", "2026-01-01", _e(1, role="champion"))],  # no persona; a role that is none of the five
    "c7": [("awareness", "2026-01-01", _e(1, persona="Owner")),  # two personas: counts for both
           ("research", "2026-01-02", _e(-2, persona="CFO"))],
}


def test_persona_summary_by_hand(journeys):
    con, m = journeys(LOG)
    s = persona_summary(con, model=m).set_index("value")
    # Owner: c1, c2, c3, c7 (4 customers; most first). Events 3 + 2 + 2 + 1 = 8.
    # Furthest stage in Owner's events: c1 purchase (2), c2 research (1), c3 and c7 awareness (0): [0, 0, 1, 2];
    # the lower median (2nd of 4) is 0, Awareness. Won (purchase or later): c1 only, 1 of 4.
    # CFO: c4, c5, c7 (3). Events 4 + 1 (the webinar is outside the model) + 1 = 6. Furthest: c4 retention (3),
    # c5 awareness (0), c7 research (1): median 1, Research. Won: c4, 1 of 3.
    assert list(s.index) == ["Owner", "CFO"]
    owner, cfo = s.loc["Owner"], s.loc["CFO"]
    assert (owner["customers"], owner["events"], owner["won"]) == (4, 8, 1)
    assert owner["won_share"] == pytest.approx(0.25)
    assert (owner["furthest_median"], owner["furthest_stage"], owner["furthest_label"]) == (0, "awareness", "Awareness")
    assert (cfo["customers"], cfo["events"], cfo["won"]) == (3, 6, 1)
    assert cfo["won_share"] == pytest.approx(1 / 3)
    assert (cfo["furthest_median"], cfo["furthest_label"]) == (1, "Research")
    # Owner's scores: -2, 1, 2 (c1), 0 (c2), 1 (c3), 1 (c7): n 6, mean 3/6 = 0.5.
    # Deviations -2.5, 0.5, 1.5, -0.5, 0.5, 0.5; squares sum to 9.5; sd = sqrt(9.5 / 5) = 1.378405;
    # t(0.975, 5) = 2.570582; half width 2.570582 * 1.378405 / sqrt(6) = 1.446542.
    assert (owner["n"], owner["mean"]) == (6, pytest.approx(0.5))
    assert owner["sd"] == pytest.approx(math.sqrt(1.9))
    assert owner["ci_low"] == pytest.approx(0.5 - 1.446542, abs=1e-5)
    assert owner["ci_high"] == pytest.approx(0.5 + 1.446542, abs=1e-5)
    # CFO's scores: 1, -1, 0, 2 (c4), -1 (c5; the webinar's 2 is outside the model), -2 (c7): sum -1, n 6.
    assert (cfo["n"], cfo["mean"]) == (6, pytest.approx(-1 / 6))


def test_persona_summary_respects_filters_and_needs_a_won_stage(journeys):
    con, m = journeys(LOG)
    # a period that ends before purchase: furthest stages are cut there too
    s = persona_summary(con, model=m, filters=Filters(end=dt.date(2026, 1, 1))).set_index("value")
    # 1 January only: Owner c1 (-2), c2 (0), c3 (1), c7 (1); CFO c4 (1), c5 (-1). Nobody past awareness.
    assert s["customers"].to_dict() == {"Owner": 4, "CFO": 2}
    assert s["won"].to_dict() == {"Owner": 0, "CFO": 0}
    assert s.loc["Owner", "mean"] == pytest.approx(0.0) and s.loc["CFO", "mean"] == pytest.approx(0.0)
    only = persona_summary(con, model=m, filters=Filters(persona=("CFO",)))
    assert only["value"].tolist() == ["CFO"] and only["customers"].tolist() == [3]
    no_won = persona_summary(con, model=m.with_won(None))
    assert no_won["won"].isna().all() and no_won["won_share"].isna().all()
    assert no_won["customers"].tolist() == [4, 3]


def test_persona_reach_by_hand(journeys):
    con, m = journeys(LOG)
    r = persona_reach(con, model=m)
    owner = r[r["value"] == "Owner"]
    # furthest [2, 1, 0, 0]: at awareness 4, research 2 (c1, c2), purchase 1 (c1), later 0
    assert owner["customers"].tolist() == [4, 2, 1, 0, 0]
    assert owner["share"].tolist() == pytest.approx([1.0, 0.5, 0.25, 0.0, 0.0])
    cfo = r[r["value"] == "CFO"]
    # furthest [3, 0, 1]: 3, 2 (c4, c7), 1, 1, 0
    assert cfo["customers"].tolist() == [3, 2, 1, 1, 0]
    assert r["value"].drop_duplicates().tolist() == ["Owner", "CFO"]
    assert owner["label"].tolist() == m.labels


def test_segment_stands_in_when_no_persona(journeys):
    con, m = journeys({"a": [("awareness", "2026-01-01", {"segment": "SMB", "emotion": 1}),
                             ("purchase", "2026-01-02", {"segment": "SMB", "emotion": -1})],
                       "b": [("awareness", "2026-01-01", {"segment": "SMB"})],
                       "c": [("research", "2026-01-01", {"segment": "Enterprise", "emotion": 2})]})
    assert data_field(con) == "segment"
    s = persona_summary(con, model=m).set_index("value")
    assert s["customers"].to_dict() == {"SMB": 2, "Enterprise": 1}
    assert s.loc["SMB", "won"] == 1 and s.loc["SMB", "mean"] == pytest.approx(0.0) and s.loc["SMB", "n"] == 2
    assert math.isnan(s.loc["Enterprise", "ci_low"])  # one score: no interval
    assert len(persona_summary(con, model=m, field="persona")) == 0
    with pytest.raises(CJMError):
        persona_summary(con, model=m, field="channel")


def test_role_stage_by_hand(journeys):
    con, m = journeys(LOG)
    r = role_stage(con, model=m)
    # roles seen: main client / Main Client (one role), Blocant (blocker), user, coach, Influencer, champion (not one
    # of the five: its own row, last); every stage x role
    assert r["role"].drop_duplicates().tolist() == ["main_client", "user", "coach", "influencer", "blocker", "champion"]
    assert r[r["role"] == "champion"]["role_key"].isna().all()
    assert len(r) == 5 * 6
    cell = {(row.stage, row.role): row for row in r.itertuples()}
    # awareness: customers with an event there: c1, c2, c3, c4, c5, c7 = 6
    mc = cell["awareness", "main_client"]  # c1 (-2), c3 (1 and no score), c5 "Main Client" (-1)
    assert (mc.customers, mc.events, mc.n) == (3, 4, 3)
    assert mc.mean == pytest.approx(-2 / 3) and mc.share == pytest.approx(3 / 6)
    assert (cell["awareness", "blocker"].customers, cell["awareness", "blocker"].mean) == (1, 0.0)
    assert (cell["awareness", "coach"].customers, cell["awareness", "coach"].mean) == (1, 1.0)
    assert cell["awareness", "user"].customers == 0 and cell["awareness", "user"].events == 0
    # research: c1, c2, c4, c6, c7 = 5 customers; c2's "user" event has no score
    u = cell["research", "user"]
    assert (u.customers, u.events, u.n) == (1, 1, 0) and math.isnan(u.mean)
    assert cell["research", "champion"].customers == 1 and cell["research", "champion"].share == pytest.approx(1 / 5)
    assert cell["research", "coach"].mean == -1.0
    # purchase: c1 (main client, 2) and c4 (no role): share 1 of 2
    assert cell["purchase", "main_client"].share == pytest.approx(0.5)
    assert cell["retention", "influencer"].customers == 1 and cell["retention", "influencer"].mean == 2.0
    assert cell["advocacy", "main_client"].customers == 0 and math.isnan(cell["advocacy", "main_client"].share)
    # the webinar (outside the model) is not a stage
    assert set(r["stage"]) == set(m.keys)


def test_role_stage_interval_and_filter(journeys):
    con, m = journeys(LOG)
    r = role_stage(con, model=m)
    mc = r[(r["stage"] == "awareness") & (r["role"] == "main_client")].iloc[0]
    # scores -2, 1, -1: mean -2/3; sd = sqrt((16/9 + 25/9 + 1/9) / 2) = sqrt(7/3); t(0.975, 2) = 4.302653
    half = 4.302653 * math.sqrt(7 / 3) / math.sqrt(3)
    assert (mc["ci_low"], mc["ci_high"]) == (pytest.approx(-2 / 3 - half, abs=1e-5), pytest.approx(-2 / 3 + half, abs=1e-5))
    only = role_stage(con, model=m, filters=Filters(persona=("CFO",)))
    # CFO events with roles: c4 coach (awareness, research), Influencer (retention); c5 Main Client (awareness)
    assert only["role"].drop_duplicates().tolist() == ["main_client", "coach", "influencer"]
    assert only[only["customers"] > 0][["stage", "role"]].values.tolist() == [
        ["awareness", "main_client"], ["awareness", "coach"], ["research", "coach"], ["retention", "influencer"]]


def test_no_role_or_persona_column_gives_empty_tables(journeys):
    con, m = journeys({"a": [("awareness", "2026-01-01")]})
    assert data_field(con) is None
    assert len(role_stage(con, model=m)) == 0
    assert len(persona_summary(con, model=m)) == 0 and len(persona_reach(con, model=m)) == 0


def test_each_role_name_means_one_role():
    aliases, keys = role_aliases()
    from cjm.analyses.personas import _norm

    seen: dict[str, str] = {}
    for alias, key in zip(aliases, keys):
        assert seen.setdefault(_norm(alias), key) == key, (alias, key, seen[_norm(alias)])
    assert set(keys) == set(ROLES)
    # the Romanian article's and the Romanian sample's words
    for word, key in [("Client principal", "main_client"), ("Utilizator", "user"), ("Consultant", "coach"),
                      ("Influențator", "influencer"), ("Blocant", "blocker"), ("Factor de respingere", "blocker")]:
        assert seen[_norm(word)] == key


def test_suggest_link():
    values = ["Antreprenor", "Director financiar", "Contabil-șef", "Manager IT"]
    assert suggest_link("Director financiar", values) == "Director financiar"
    assert suggest_link("director FINANCIAR", values) == "Director financiar"
    assert suggest_link("Ioana, directorul financiar", values) == "Director financiar"  # close enough
    assert suggest_link("Ioana – Director financiar", values) == "Director financiar"
    assert suggest_link("Manager IT (Radu)", values) == "Manager IT"
    assert suggest_link("Antreprenorr", values) == "Antreprenor"  # a slip of the keyboard
    assert suggest_link("Zoe", values) is None and suggest_link("", values) is None
