"""Channels: media classification (EN/TR/RO), the stage x channel matrix, gaps and touchpoint lift."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjm.analyses.channels import (
    COLEMAN_MEDIA,
    DIGITAL_MEDIA,
    classify_channel,
    customer_values,
    gaps,
    matrix,
    pair_stats,
    touchpoints,
)
from cjm.core.filters import Filters


@pytest.mark.parametrize(("name", "medium"), [
    # English
    ("In person", "in person"), ("Face-to-face meeting", "in person"), ("Email", "email"), ("E-mail", "email"),
    ("Direct mail", "mail"), ("Mail", "mail"), ("Phone call", "phone"), ("Video call", "video"), ("Zoom", "video"),
    ("Gift", "gift"), ("Website", "web"), ("Social media", "social"), ("LinkedIn", "social"), ("Live chat", "chat"),
    ("WhatsApp", "chat"), ("Google Ads", "ads"), ("Facebook Ads", "ads"),
    # the channels of the WABO receipt log (shared/realdata): Internet, Desk, Post, e-mail
    ("Internet", "web"), ("Desk", "in person"), ("Post", "mail"), ("e-mail", "email"), ("Help desk", "phone"),
    ("Desktop app", "web"), ("Poster", "other"), ("Facebook post", "social"),
    # Turkish (with suffixes and dotless i)
    ("Yüz yüze", "in person"), ("YÜZ YÜZE TOPLANTI", "in person"), ("telefon", "phone"), ("Telefonla", "phone"),
    ("e-posta", "email"), ("E-postayla", "email"), ("posta", "mail"), ("hediye", "gift"), ("web sitesi", "web"),
    ("sosyal medya", "social"), ("Görüntülü görüşme", "video"), ("reklam", "ads"), ("Şube", "in person"), ("gişe", "in person"),
    # Romanian (comma-below and cedilla forms)
    ("față în față", "in person"), ("faţă în faţă", "in person"), ("telefon", "phone"), ("poștă", "mail"),
    ("cadou", "gift"), ("Apel video", "video"), ("rețele sociale", "social"), ("reclamă", "ads"), ("Ghișeu", "in person"),
    # nothing recognisable
    ("fax", "other"), ("", "other"), (None, "other"),
])
def test_classify_channel_en_tr_ro(name, medium):
    assert classify_channel(name) == medium


def test_media_are_colemans_six_plus_digital():
    assert COLEMAN_MEDIA == ("in person", "email", "mail", "phone", "video", "gift")
    assert DIGITAL_MEDIA == ("web", "social", "chat", "ads")


LOG = {
    "c1": [("awareness", "2026-01-01", {"channel": "email", "touchpoint": "newsletter", "emotion": 1}),
           ("research", "2026-01-02", {"channel": "telefon", "touchpoint": "call", "emotion": -1}),
           ("purchase", "2026-01-03", {"channel": "email", "touchpoint": "invoice"})],
    "c2": [("awareness", "2026-01-01", {"channel": "web sitesi", "touchpoint": "site"}),
           ("research", "2026-01-02", {"channel": "email", "touchpoint": "call", "emotion": -2})],
    "c3": [("awareness", "2026-01-01", {"channel": "email", "touchpoint": "newsletter", "emotion": 2}),
           ("unknown stage", "2026-01-05", {"channel": "email"})],  # not in the model: ignored
}


def test_matrix_hand_computed(journeys):
    con, m = journeys(LOG)
    got = matrix(con, model=m)
    rows = {(r.stage, r.channel): r for r in got.itertuples()}
    assert set(rows) == {("awareness", "email"), ("awareness", "web sitesi"), ("research", "email"),
                         ("research", "telefon"), ("purchase", "email")}
    # awareness/email: c1 (+1) and c3 (+2) -> 2 events, 2 customers, mean (1 + 2) / 2 = 1.5 over n = 2
    r = rows[("awareness", "email")]
    assert (r.stage_idx, r.label, r.medium, r.events, r.customers, r.mean_emotion, r.n_emotion) == \
        (0, "Awareness", "email", 2, 2, 1.5, 2)
    # awareness/web sitesi: one event, no emotion -> mean NULL, n 0; medium "web"
    r = rows[("awareness", "web sitesi")]
    assert (r.medium, r.events, r.customers, r.n_emotion) == ("web", 1, 1, 0) and math.isnan(r.mean_emotion)
    assert rows[("research", "telefon")].medium == "phone"
    assert rows[("research", "telefon")].mean_emotion == -1
    assert rows[("research", "email")].mean_emotion == -2


def test_matrix_respects_filters(journeys):
    con, m = journeys(LOG)
    got = matrix(con, model=m, filters=Filters(channel=("email",)))
    assert set(got["channel"]) == {"email"}
    assert got["events"].sum() == 4  # c1 awareness, c1 purchase, c2 research, c3 awareness
    assert len(matrix(con, model=m, filters=Filters(segment=("nobody",)))) == 0


def test_gaps_channel_absent_and_no_touchpoints(journeys):
    con, m = journeys(LOG)
    g = gaps(con, model=m)
    got = [(r.kind, r.stage, None if r.channel is None or r.channel != r.channel else r.channel)
           for r in g.itertuples()]
    # stages with touches: awareness, research, purchase (3). A channel is "absent" from one of them when
    # used in at least half of the 2 others, i.e. in >= 1: telefon (research only), web sitesi (awareness only).
    # Touches per customer: awareness 3/3, research 2/2, purchase 1/1 = 1 each -> no "few_touches".
    assert got == [
        ("channel_absent", "awareness", "telefon"),
        ("channel_absent", "research", "web sitesi"),
        ("channel_absent", "purchase", "telefon"),
        ("channel_absent", "purchase", "web sitesi"),
        ("no_touchpoints", "retention", None),
        ("no_touchpoints", "advocacy", None),
    ]
    row = g[(g["stage"] == "purchase") & (g["channel"] == "telefon")].iloc[0]
    assert (row["stages_with_channel"], row["channel_events"]) == (1, 1)
    assert g[g["stage"] == "retention"].iloc[0]["events"] == 0


def test_gaps_few_touches(journeys):
    email = {"channel": "email", "touchpoint": "mail"}
    con, m = journeys({
        "c1": [("awareness", "2026-01-01", email)] * 3 + [("research", "2026-01-02", email)] * 3
        + [("purchase", "2026-01-03", email)] * 2 + [("purchase", "2026-01-03", {"channel": "phone"})]
        + [("retention", "2026-01-04", email), ("advocacy", "2026-01-05")],
        "c2": [("retention", "2026-01-04")],
    })
    g = gaps(con, model=m)
    # touches per customer: awareness 3/1, research 3/1, purchase 3/1, retention 1 touch / 2 customers = 0.5;
    # median(3, 3, 3, 0.5) = 3 and 0.5 < 0.5 x 3 -> few touches at retention.
    # phone is used in 1 of the 3 other touched stages (< half) -> never "absent".
    # advocacy has an event but no touchpoint or channel -> no_touchpoints (1 event, 1 customer).
    assert g["kind"].tolist() == ["few_touches", "no_touchpoints"]
    few, none = g.iloc[0], g.iloc[1]
    assert (few["stage"], few["touches_per_customer"], few["median_touches_per_customer"]) == ("retention", 0.5, 3.0)
    assert (none["stage"], none["events"], none["customers"]) == ("advocacy", 1, 1)


def test_touchpoint_lift_hand_computed(journeys):
    con, m = journeys({
        "c1": [("research", "2026-01-01", {"touchpoint": "demo"}), ("purchase", "2026-01-02", {"touchpoint": "pay"}),
               ("advocacy", "2026-01-03", {"touchpoint": "review", "emotion": 2})],
        "c2": [("research", "2026-01-01", {"touchpoint": "demo", "emotion": -1})],
        "c3": [("research", "2026-01-01", {"touchpoint": "demo", "emotion": 1}),
               ("purchase", "2026-01-02", {"touchpoint": "pay"})],
        "c4": [("research", "2026-01-01", {"touchpoint": "call"}), ("purchase", "2026-01-02", {"touchpoint": "pay"})],
        "c5": [("research", "2026-01-01", {"touchpoint": "call"})],
    })
    t = touchpoints(con, model=m).set_index(["stage", "touchpoint"])
    demo = t.loc[("research", "demo")]
    # demo: c1, c2, c3 -> progressed c1, c3 = 2/3; without: c4 (progressed), c5 (not) = 1/2; lift 2/3 - 1/2 = 1/6
    assert (demo["customers"], demo["n_with"], demo["n_without"]) == (3, 3, 2)
    assert demo["progressed_with"] == pytest.approx(2 / 3)
    assert demo["progressed_without"] == pytest.approx(1 / 2)
    assert demo["lift"] == pytest.approx(1 / 6)
    assert (demo["mean_emotion"], demo["n_emotion"]) == (0.0, 2)  # (-1 + 1) / 2
    assert t.loc[("research", "call")]["lift"] == pytest.approx(1 / 2 - 2 / 3)
    pay = t.loc[("purchase", "pay")]
    # everyone at purchase had "pay": progressed 1/3 (c1 reached advocacy), nobody without -> lift NULL
    assert pay["progressed_with"] == pytest.approx(1 / 3) and pay["n_without"] == 0 and math.isnan(pay["lift"])
    review = t.loc[("advocacy", "review")]
    assert math.isnan(review["progressed_with"]) and math.isnan(review["lift"])  # the last stage has no next one
    assert list(touchpoints(con, model=m).sort_values("stage_idx", kind="stable")["stage_idx"]) == \
        list(touchpoints(con, model=m)["stage_idx"])


# -- property: the SQL matrix equals a plain-Python reference on random logs ---------------------------
STAGES = ["awareness", "research", "purchase", "retention", "advocacy", "elsewhere"]
CHANNELS = ["email", "Telefon", "yüz yüze", "web", None]
event = st.tuples(st.sampled_from(["a", "b", "c", "d"]), st.sampled_from(STAGES), st.sampled_from(CHANNELS),
                  st.sampled_from([None, -2, -1, 0, 1, 2]))


def _reference(log):
    cells: dict = {}
    for cid, stage, channel, emo in log:
        if stage == "elsewhere" or channel is None:
            continue
        c = cells.setdefault((STAGES.index(stage), channel), {"events": 0, "customers": set(), "emo": []})
        c["events"] += 1
        c["customers"].add(cid)
        if emo is not None:
            c["emo"].append(emo)
    return {k: (v["events"], len(v["customers"]), sum(v["emo"]) / len(v["emo"]) if v["emo"] else None,
                len(v["emo"])) for k, v in cells.items()}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(event, min_size=1, max_size=30))
def test_matrix_matches_reference(ws, journeys, log):
    ws.cursor().execute("DELETE FROM events")  # the fixture's workspace is shared by the examples
    data: dict = {}
    for i, (cid, stage, channel, emo) in enumerate(log):
        data.setdefault(cid, []).append((stage, f"2026-01-{1 + i % 28:02d}", {"channel": channel, "emotion": emo}))
    con, m = journeys(data)
    got = matrix(con, model=m)
    table = {(r.stage_idx, r.channel): (r.events, r.customers, None if math.isnan(r.mean_emotion)
                                        else r.mean_emotion, r.n_emotion) for r in got.itertuples()}
    ref = _reference([(cid, st_, ch, e) for cid, evs in data.items() for (st_, _, x) in evs
                      for ch, e in [(x["channel"], x["emotion"])]])
    assert table.keys() == ref.keys()
    for key, (events, customers, mean, n) in ref.items():
        assert table[key][:2] == (events, customers) and table[key][3] == n
        assert (table[key][2] is None) == (mean is None)
        if mean is not None:
            assert table[key][2] == pytest.approx(mean)
    assert all(classify_channel(ch) == med for ch, med in zip(got["channel"], got["medium"]))


tp_event = st.tuples(st.sampled_from(["a", "b", "c", "d", "e"]), st.sampled_from(STAGES),
                     st.sampled_from(["demo", "call", None]))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(tp_event, min_size=1, max_size=25))
def test_touchpoint_lift_matches_reference(ws, journeys, log):
    ws.cursor().execute("DELETE FROM events")
    data: dict = {}
    for i, (cid, stage, tp) in enumerate(log):
        data.setdefault(cid, []).append((stage, f"2026-02-{1 + i % 28:02d}", {"touchpoint": tp}))
    con, m = journeys(data)
    got = {(r.stage_idx, r.touchpoint): r for r in touchpoints(con, model=m).itertuples()}
    # reference: at stage s, customers with any event there; progressed = furthest stage index > s
    idx = [(cid, STAGES.index(s), tp) for cid, s, tp in log if s != "elsewhere"]
    top = {}
    for cid, s, _ in idx:
        top[cid] = max(top.get(cid, -1), s)
    keys = {(s, tp) for _, s, tp in idx if tp is not None}
    assert set(got) == keys
    for s, tp in keys:
        at = {cid for cid, s2, _ in idx if s2 == s}
        with_ = {cid for cid, s2, t2 in idx if s2 == s and t2 == tp}
        without = at - with_
        r = got[(s, tp)]
        assert (r.n_with, r.n_without, r.customers) == (len(with_), len(without), len(with_))
        if s < 4:  # advocacy is the last stage: no share
            assert r.progressed_with == pytest.approx(sum(top[c] > s for c in with_) / len(with_))
            if without:
                share = sum(top[c] > s for c in without) / len(without)
                assert r.lift == pytest.approx(r.progressed_with - share)
            else:
                assert math.isnan(r.lift)
        else:
            assert math.isnan(r.progressed_with) and math.isnan(r.lift)


def test_no_gaps_when_the_data_has_no_touchpoints_or_channels(journeys):
    con, m = journeys({"c1": [("awareness", "2026-01-01"), ("purchase", "2026-01-02")]})
    assert len(gaps(con, model=m)) == 0  # nothing to compare: not five "no touchpoint" sentences
    assert len(matrix(con, model=m)) == 0 and len(touchpoints(con, model=m)) == 0


KEPT_LOG = {
    "c1": [("awareness", "2026-01-01", {"channel": "email", "emotion": -1, "value": 100, "segment": "A"}),
           ("awareness", "2026-01-02", {"channel": "email", "emotion": 2, "value": 50, "segment": "A"}),
           ("research", "2026-01-03", {"channel": "phone"})],
    "c2": [("awareness", "2026-01-01", {"channel": "email", "segment": "A"})],
    "c3": [("research", "2026-01-02", {"channel": "email"}), ("webinar", "2026-01-03", {"channel": "email"})],
}


def test_customer_values_hand_computed(journeys):
    con, m = journeys(KEPT_LOG)
    rel, params = customer_values(con, model=m)
    rows = con.execute(f"SELECT c.customer_id, v.ckey, v.furthest, v.mask, v.v FROM {rel} v JOIN customers c USING (ckey) "
                       "ORDER BY c.customer_id", params).fetchall()
    # c1's value differs between its events (100, 50): amounts per event, summed = 150; stages 0 and 1 -> mask
    # 0b11 = 3; c2: no value, segment A -> mean of A (c1) = 150; c3: no value, no segment -> mean of everyone with
    # a value = 150; the "webinar" event is outside the model
    assert [r[:1] + r[2:] for r in rows] == [("c1", 1, 3, 150.0), ("c2", 0, 1, 150.0), ("c3", 1, 2, 150.0)]
    assert len({r[1] for r in rows}) == 3  # one key per customer


def test_pair_stats_hand_computed(journeys):
    con, m = journeys(KEPT_LOG)
    rel, params = pair_stats(con, model=m, field="channel")
    got = con.execute(f"SELECT stage_idx, key, events, n_emotion, sum_emotion, customers, progressed, stayed, value_n "
                      f"FROM {rel} ORDER BY ALL", params).fetchall()
    # awareness/email: c1 twice + c2 -> 3 events, 2 customers; emotions -1 + 2 = 1 (n 2); c1 went on to research
    # (progressed), c2 stayed; research/email: c3 (the webinar event is outside the model), stayed;
    # research/phone: c1, stayed
    assert got == [(0, "email", 3, 2, 1.0, 2, 1, 1, 2), (1, "email", 1, 0, None, 1, 0, 1, 1),
                   (1, "phone", 1, 0, None, 1, 0, 1, 1)]


def test_kept_results_follow_filters_and_new_data(journeys, add_events):
    con, m = journeys(KEPT_LOG)
    assert matrix(con, model=m)["customers"].tolist() == [2, 1, 1]  # awareness email; research email, phone
    # the segment filter keeps events with segment A: only the awareness e-mails of c1 and c2
    assert matrix(con, model=m, filters=Filters(segment=("A",)))["customers"].tolist() == [2]
    add_events(con, [{"customer_id": "c4", "ts": "2026-01-05", "stage": "awareness", "stage_idx": 0, "channel": "email",
                      "touchpoint": "ad"}])
    assert matrix(con, model=m)["customers"].tolist() == [3, 1, 1]
    t = touchpoints(con, model=m)
    assert t[["touchpoint", "customers", "n_with", "n_without"]].values.tolist() == [["ad", 1, 1, 2]]


def test_matrix_bit_sets_equal_distinct_path(journeys, monkeypatch):
    """The matrix's bit-set path (few stage x channel pairs) and its distinct-customers path give the same table,
    on a seeded random log with repeats, missing channels and emotions, and events outside the model."""
    import random

    from cjm.analyses import channels

    rnd = random.Random(7)
    stages = ["awareness", "research", "purchase", "retention", "advocacy", "Webinar"]
    log = {f"c{c:02d}": [(rnd.choice(stages), f"2026-01-{1 + j:02d}",
                          {"channel": rnd.choice(["email", "phone", "web", "video", None]),
                           "emotion": rnd.choice([-2, -1, 0, 1, 2, None])})
                         for j in range(rnd.randint(1, 9))] for c in range(60)}
    con, m = journeys(log)
    fast = channels.matrix(con, model=m)
    monkeypatch.setattr(channels, "MASK_PAIRS", 0)
    slow = channels.matrix(con, model=m)
    # means from sum / n and from avg may differ in the last digits
    assert fast.round(9).equals(slow.round(9))
    assert len(fast) > 10 and fast["customers"].sum() > 60  # many pairs, customers counted in several


def test_customer_values_from_the_kept_summary(ws):
    """Without filters, customer values come from the per-customer summary each import keeps (customer_reach);
    with a filter that keeps every event they are computed from the events: both must agree with the hand
    numbers."""
    from cjm.analyses.channels import customer_values
    from cjm.core.stage_model import preset
    from cjm.ingest import import_file

    csv = (b"Customer,Stage,Date,Value,Segment\n"
           b"a,Awareness,2026-01-01,100,SMB\na,Purchase,2026-01-05,300,SMB\n"
           b"b,Awareness,2026-01-02,,SMB\n"
           b"c,Research,2026-01-03,,Public\n"
           b"d,Awareness,2026-01-04,50,Enterprise\n")
    m = preset("five-stage")
    import_file(ws, csv, file_name="values.csv", model=m)
    con = ws.cursor()
    # a's value differs between its events: amounts per event, 100 + 300 = 400; d: 50; b: no value -> mean of
    # segment SMB (only a: 400); c: segment Public has no value -> mean of everyone with one: (400 + 50) / 2 = 225.
    # furthest: a purchase (2), b 0, c research (1), d 0
    expected = [("a", 2, 400.0), ("b", 0, 400.0), ("c", 1, 225.0), ("d", 0, 50.0)]
    for flt in (None, Filters(stages=tuple(m.keys))):
        rel, params = customer_values(con, model=m, filters=flt)
        got = con.execute(f"SELECT c.customer_id, r.furthest, r.v FROM {rel} r JOIN customers c USING (ckey) "
                          "ORDER BY 1", params).fetchall()
        assert got == expected, flt
    stamp = con.execute("SELECT value FROM meta WHERE key = 'kept:customer_reach'").fetchall()
    assert stamp and con.execute("SELECT count(*) FROM customer_reach").fetchall()[0][0] == 4
    # and the unfiltered values are read from that summary (a change made to it shows; TEMP results are per cursor)
    fresh = ws.cursor()
    fresh.execute("UPDATE customer_reach SET v = 999 WHERE ckey = (SELECT ckey FROM customers WHERE customer_id = 'a')")
    rel, params = customer_values(fresh, model=m)
    assert fresh.execute(f"SELECT max(v) FROM {rel}", params).fetchall()[0][0] == 999
