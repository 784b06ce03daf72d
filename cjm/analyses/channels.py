"""Touchpoints and channels: the stage × channel matrix, gaps, and touchpoints ranked with lift.

Channel names are recognised in English, Turkish and Romanian as one of Coleman's six
communication media (``in person``, ``email``, ``mail``, ``phone``, ``video``, ``gift``),
as a digital medium (``web``, ``social``, ``chat``, ``ads``), or else ``other``:

>>> [classify_channel(c) for c in ("Yüz yüze", "e-posta", "Poștă", "cadou", "WhatsApp", "LinkedIn", "fax")]
['in person', 'email', 'mail', 'gift', 'chat', 'social', 'other']

Every calculation runs as parameterised DuckDB SQL over the filtered ``events``; the
medium of each *distinct* channel name is computed in Python and handed to SQL as two list
parameters (a tiny lookup relation), never per row.
"""

from __future__ import annotations

import functools

import duckdb
import pandas as pd

from cjm.analyses.funnel import customer_reach
from cjm.analyses.relations import filtered_events, stages_relation, with_ctes
from cjm.core.filters import Filters
from cjm.core.sql import ident
from cjm.core.stage_model import StageModel, norm
from cjm.store.kept import REACH_SQL, cached, kept_customer_reach, value_cols, value_reading

#: Coleman's six communication media, then the digital media, each with the words that name it
#: (EN / TR / RO, compared after :func:`cjm.core.stage_model.norm`). Checked in :data:`_PRIORITY` order,
#: so "video call" is video, "e-posta" is email (not mail) and "Facebook ads" is ads.
MEDIA: dict[str, tuple[str, ...]] = {
    "in person": ("in person", "face to face", "f2f", "meeting", "visit", "site visit", "event", "store", "shop",
                  "office", "desk", "front desk", "counter", "reception", "branch", "workshop", "seminar", "conference",
                  "trade fair", "fair", "lunch", "dinner",
                  "yuz yuze", "yuzyuze", "toplanti", "ziyaret", "magaza", "etkinlik", "fuar", "ofis", "bizzat",
                  "fata in fata", "in persoana", "intalnire", "vizita", "eveniment", "magazin", "sediu", "targ",
                  "gise", "sube", "ghiseu", "sucursala", "agentie"),
    "email": ("email", "e mail", "eposta", "e posta", "newsletter", "bulten", "e buletin", "mail electronic"),
    "mail": ("mail", "post", "postal", "direct mail", "letter", "brochure", "catalogue", "catalog", "posta",
             "mektup", "kargo", "brosur", "scrisoare", "curier", "brosura"),
    "phone": ("phone", "telephone", "call", "cold call", "call center", "call centre", "help desk", "helpdesk", "telefon", "arama",
              "cagri", "cagri merkezi", "apel", "apel telefonic"),
    "video": ("video", "video call", "zoom", "teams", "ms teams", "google meet", "skype", "webinar", "webex",
              "goruntulu", "goruntulu gorusme", "video konferans", "apel video", "videoconferinta"),
    "gift": ("gift", "present", "swag", "hamper", "hediye", "cadou", "cadouri"),
    "web": ("web", "website", "web site", "site", "online", "internet", "portal", "landing page", "online form",
            "blog", "seo", "app", "mobile app", "web sitesi", "internet sitesi", "uygulama", "site web",
            "aplicatie", "formular online"),
    "social": ("social", "social media", "linkedin", "facebook", "instagram", "twitter", "x com", "tiktok",
               "youtube", "sosyal medya", "sosyal", "retele sociale", "retea sociala", "social media"),
    "chat": ("chat", "live chat", "chatbot", "whatsapp", "sms", "messenger", "telegram", "text message", "slack",
             "canli destek", "canli sohbet", "sohbet", "mesaj", "mesaje", "mesagerie"),
    "ads": ("ads", "ad", "advert", "advertising", "advertisement", "google ads", "ppc", "paid search", "banner",
            "display", "sponsored", "reklam", "reklamlar", "reclama", "reclame", "publicitate"),
}
COLEMAN_MEDIA: tuple[str, ...] = ("in person", "email", "mail", "phone", "video", "gift")
DIGITAL_MEDIA: tuple[str, ...] = ("web", "social", "chat", "ads")
OTHER = "other"
_NO_PREFIX = frozenset({"desktop", "poster", "posters", "posting", "sitemap", "callback", "eventual"})
_PRIORITY: tuple[str, ...] = ("video", "email", "ads", "social", "chat", "gift", "phone", "mail", "in person", "web")


@functools.lru_cache(maxsize=4096)
def classify_channel(name: str | None) -> str:
    """The medium of a channel name: one of :data:`COLEMAN_MEDIA`, :data:`DIGITAL_MEDIA` or ``"other"``.

    A word matches a whole word or phrase of the name, or the start of a longer word of at
    least 4 letters (Turkish suffixes: "telefonla", "e-postayla").

    >>> classify_channel("Telefon araması"), classify_channel("Apel video"), classify_channel("web sitesi")
    ('phone', 'video', 'web')
    """
    if name is None:
        return OTHER
    tokens = norm(name).replace("@", " ").split()
    if not tokens:
        return OTHER
    joined = " ".join(tokens)
    for medium in _PRIORITY:
        for word in MEDIA[medium]:
            parts = word.split()
            n = len(parts)
            for i in range(len(tokens) - n + 1):
                window = tokens[i:i + n]
                if window == parts:
                    return medium
                if (window[:-1] == parts[:-1] and len(parts[-1]) >= 4 and window[-1].startswith(parts[-1])
                        and window[-1] not in _NO_PREFIX):
                    return medium
        if medium == "email" and "email" in joined.replace(" ", ""):
            return medium
    return OTHER


# -- SQL building blocks shared by the analysis modules (the rest is in cjm.analyses.relations) -----
def media_cte(con: duckdb.DuckDBPyConnection, model: StageModel, filters: Filters | None) -> tuple[str, list]:
    """``media(channel, medium)`` for the distinct channels of the filtered events."""
    ev_sql, ev_params = filtered_events(model=model, filters=filters)
    names = [r[0] for r in con.execute(
        f"SELECT DISTINCT channel FROM ({ev_sql}) WHERE channel IS NOT NULL ORDER BY 1", ev_params).fetchall()]
    sql = "SELECT unnest(?::VARCHAR[]) AS channel, unnest(?::VARCHAR[]) AS medium"
    return sql, [names, [classify_channel(n) for n in names]]


def customer_values(con: duckdb.DuckDBPyConnection, *, model: StageModel,
                    filters: Filters | None = None) -> tuple[str, list]:
    """``(relation, params)``: one row per customer of the filtered events in the model, kept per data version
    and filters (:func:`cjm.store.kept.cached`). Columns: ``ckey`` (the customer's key in ``customers``),
    ``furthest`` (highest stage index),
    ``mask`` (BIGINT, bit k set = an event at stage k) and ``v`` — the customer's value, read as the workspace
    reads values (:func:`cjm.store.kept.value_reading`: taken once when it is an attribute of the customer,
    summed when it is an amount per event), else the mean of their segment (first segment in file order), else
    of everyone (NULL when no customer has a value).

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> con = open_workspace(":memory:").cursor()
    >>> rel, p = customer_values(con, model=preset("five-stage"))
    >>> con.execute(f"SELECT count(*) FROM {rel}", p).fetchone()
    (0,)
    """
    ev_sql, ev_p = filtered_events(model=model, filters=filters)
    cust = REACH_SQL.format(cols=value_cols(value_reading(con)), base=ev_sql)
    if filters is None or filters.is_empty():  # the whole workspace: the summary each import keeps
        kept = kept_customer_reach(con)
        if kept is not None:
            cust = f"SELECT ckey, furthest, mask, v, seg FROM {kept}"
    sql = f"""WITH cust AS ({cust}),
        seg_mean AS (SELECT seg, avg(v) AS m FROM cust WHERE v IS NOT NULL GROUP BY ALL),
        all_mean AS (SELECT avg(v) AS m FROM cust)
        SELECT c.ckey, c.furthest, c.mask, coalesce(c.v, sm.m, am.m) AS v
        FROM cust c LEFT JOIN seg_mean sm ON sm.seg IS NOT DISTINCT FROM c.seg CROSS JOIN all_mean am"""
    return cached(con, "custval", sql, ev_p)


#: Fields :func:`pair_stats` can pair with the stage.
PAIR_FIELDS = ("touchpoint", "channel")


def pair_stats(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None,
               field: str = "touchpoint") -> tuple[str, list]:
    """``(relation, params)``: per (stage, *field*) value of the filtered events in the model, kept per data
    version and filters (:func:`cjm.store.kept.cached`; shared by touchpoint lift, pain points and the matrix).

    Columns: ``stage_idx``, ``key`` (the touchpoint or channel; events without one are left out), ``events``,
    ``n_emotion`` / ``sum_emotion`` (scores behind the mean), ``customers`` (distinct), and among those
    customers (see :func:`customer_values`): ``progressed`` (furthest stage later than this one), ``stayed``
    (furthest stage is this one), ``value_sum`` / ``value_n`` (their values).

    Event counts and emotion sums come from a plain aggregate; distinct customers from one pass over the
    events numbered by pair and customer (no distinct aggregate, no grouping by customer text).

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> con = open_workspace(":memory:").cursor()
    >>> rel, p = pair_stats(con, model=preset("five-stage"), field="channel")
    >>> [d[0] for d in con.execute(f"SELECT * FROM {rel}", p).description][:3]
    ['stage_idx', 'key', 'events']
    """
    f = ident(field, PAIR_FIELDS)
    ev_sql, ev_p = filtered_events(model=model, filters=filters)
    cu_rel, cu_p = customer_values(con, model=model, filters=filters)
    # The filtered events are read as sub-queries (a CTE used twice may be materialised whole). Distinct
    # customers per pair: the events joined to small integer numbers of their touchpoint/channel and customer,
    # keeping each customer's first event per pair (a window on integers; at 10M events faster than a DISTINCT
    # or a GROUP BY on the texts).
    sql = f"""WITH e AS (SELECT stage_idx, {f} AS key, count(*) AS events, count(emotion) AS n_emotion,
                     sum(emotion) AS sum_emotion
              FROM ({ev_sql}) WHERE {f} IS NOT NULL GROUP BY ALL),
        keys AS (SELECT key, (row_number() OVER ())::INTEGER AS kid FROM (SELECT DISTINCT key FROM e)),
        d AS (SELECT x.stage_idx, k.kid, cv.furthest, cv.v
              FROM ({ev_sql}) x JOIN keys k ON k.key = x.{f} JOIN {cu_rel} AS cv USING (ckey)
              QUALIFY row_number() OVER (PARTITION BY cv.ckey, x.stage_idx, k.kid) = 1),
        c AS (SELECT d.stage_idx, k.key, count(*) AS customers,
                     count(*) FILTER (WHERE d.furthest > d.stage_idx) AS progressed,
                     count(*) FILTER (WHERE d.furthest = d.stage_idx) AS stayed,
                     sum(d.v) AS value_sum, count(d.v) AS value_n
              FROM d JOIN keys k USING (kid) GROUP BY ALL)
        SELECT e.stage_idx, e.key, e.events, e.n_emotion, e.sum_emotion, c.customers, c.progressed, c.stayed,
               c.value_sum, c.value_n
        FROM e JOIN c USING (stage_idx, key)"""
    return cached(con, "pairs_" + field, sql, [*ev_p, *ev_p, *cu_p])


#: Up to this many (stage, channel) pairs (one BIGINT of bits per customer), :func:`matrix` counts distinct
#: customers with bit sets. (With more bits, or with per-pair figures beside the count as in :func:`pair_stats`,
#: the many aggregate expressions cost more than the DISTINCT they replace: measured at 10M events.)
MASK_PAIRS = 62


def _pair_customers_masks(con: duckdb.DuckDBPyConnection, keys: list[str], n_stages: int, ev_sql: str, ev_p: list,
                          e_rel: str, e_p: list) -> tuple[str, list]:
    """Distinct customers per (stage, channel) for few pairs: one row per customer with the set of pairs they
    had as the bits of one BIGINT (a GROUP BY on the integer customer key), then per pair the customers whose
    bit is set: sums over a million customers instead of a DISTINCT over ten million (customer, stage,
    channel) rows, which are nearly all distinct. Columns: those of *e_rel* (``stage_idx, key, events,
    n_emotion, sum_emotion``) and ``customers``."""
    k = len(keys)
    n = n_stages * k  # pair p = stage * k + kid: bit p
    sums = ", ".join(f"sum((m >> {p}) & 1)" for p in range(n))
    sql = f"""WITH keys AS (SELECT unnest(?::VARCHAR[]) AS key, unnest(range(?)) AS kid),
        cm AS (SELECT ckey, bit_or(1::BIGINT << p) AS m
               FROM (SELECT x.ckey, x.stage_idx * {k} + k.kid AS p FROM ({ev_sql}) x JOIN keys k ON k.key = x.channel)
               GROUP BY ckey),
        c AS (SELECT unnest(range({n})) AS p, unnest([{sums}])::BIGINT AS customers FROM cm)
        SELECT e.stage_idx, e.key, e.events, e.n_emotion, e.sum_emotion, c.customers
        FROM {e_rel} e JOIN keys k USING (key) JOIN c ON c.p = e.stage_idx * {k} + k.kid"""
    return cached(con, "pairsmask", sql, [keys, k, *ev_p, *e_p])


# -- analyses -------------------------------------------------------------------------------------
def matrix(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None) -> pd.DataFrame:
    """Stage × channel, long: one row per (stage, channel) with at least one event.

    Columns: stage_idx, stage, label, channel, medium, events, customers (distinct),
    mean_emotion (mean of the canonical −2..+2 emotion, NULL when none), n_emotion.
    Events without a channel are left out.

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> con = open_workspace(":memory:").cursor()
    >>> list(matrix(con, model=preset("five-stage")).columns)[:5]
    ['stage_idx', 'stage', 'label', 'channel', 'medium']
    """
    st_sql, st_p = stages_relation(model)
    ev_sql, ev_p = filtered_events(model=model, filters=filters)
    md_sql, md_p = media_cte(con, model, filters)
    # few (stage, channel) pairs: DISTINCT then count is cheaper than a distinct aggregate, and than the
    # integer-numbered window of pair_stats (at 10M events); the per-pair figures are kept per data version
    agg_sql = f"""WITH e AS (SELECT stage_idx, channel, count(*) AS events, avg(emotion) AS mean_emotion,
                            count(emotion) AS n_emotion
                     FROM ({ev_sql}) WHERE channel IS NOT NULL GROUP BY ALL),
        c AS (SELECT stage_idx, channel, count(*) AS customers
              FROM (SELECT DISTINCT stage_idx, channel, ckey FROM ({ev_sql}) WHERE channel IS NOT NULL)
              GROUP BY ALL)
        SELECT * FROM e JOIN c USING (stage_idx, channel)"""
    e_rel, e_p = cached(con, "pairev_channel", f"""SELECT stage_idx, channel AS key, count(*) AS events,
        count(emotion) AS n_emotion, sum(emotion) AS sum_emotion FROM ({ev_sql}) WHERE channel IS NOT NULL GROUP BY ALL"""
                        , ev_p)
    keys = [r[0] for r in con.execute(f"SELECT DISTINCT key FROM {e_rel} ORDER BY key", e_p).fetchall()]
    if 0 < len(model.stages) * len(keys) <= MASK_PAIRS:  # distinct customers from bit sets (see pair_stats)
        pm_rel, pm_p = _pair_customers_masks(con, keys, len(model.stages), ev_sql, ev_p, e_rel, e_p)
        agg_rel, agg_p = (f"(SELECT stage_idx, key AS channel, events, sum_emotion / n_emotion AS mean_emotion, "
                          f"n_emotion, customers FROM {pm_rel})", pm_p)
    else:
        agg_rel, agg_p = cached(con, "matrix", agg_sql, [*ev_p, *ev_p])
    head, params = with_ctes(("stages", st_sql, st_p), ("media", md_sql, md_p), ("a", f"SELECT * FROM {agg_rel}", agg_p))
    return con.execute(f"""{head}
        SELECT s.stage_idx, s.stage, s.label, a.channel, m.medium, a.events, a.customers, a.mean_emotion, a.n_emotion
        FROM a JOIN stages s USING (stage_idx) JOIN media m USING (channel)
        ORDER BY s.stage_idx, a.events DESC, a.channel""", params).df()


def gaps(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None,
         few_ratio: float = 0.5) -> pd.DataFrame:
    """Gaps in the map, as data (the UI writes the sentence). One row per gap, kinds:

    - ``no_touchpoints`` — a stage of the model where no event has a touchpoint or a channel
      (``events``/``customers``: all events and customers seen at that stage, maybe 0); not
      reported when no stage has any (the data has no touchpoint or channel column: nothing to compare);
    - ``channel_absent`` — a channel used in at least half of the *other* stages that have
      touches, but never in this one (``stages_with_channel`` = those other stages,
      ``channel_events`` = its events there);
    - ``few_touches`` — touches per customer at this stage (events with a touchpoint or channel ÷
      customers with an event at the stage) below ``few_ratio`` × the median over the stages
      with touches (``touches_per_customer``, ``median_touches_per_customer``).

    Columns: kind, stage_idx, stage, label, channel, events, customers, touches_per_customer,
    median_touches_per_customer, stages_with_channel, channel_events.

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> len(gaps(open_workspace(":memory:").cursor(), model=preset("five-stage")))
    0
    """
    st_sql, st_p = stages_relation(model)
    ev_sql, ev_p = filtered_events(model=model, filters=filters)
    cu_rel, cu_p = customer_reach(con, model=model, filters=filters)
    head, params = with_ctes(("stages", st_sql, st_p), ("ev", ev_sql, ev_p), ("cu", f"SELECT mask FROM {cu_rel}", cu_p))
    # customers per stage from the per-customer stage mask kept for the funnel (no distinct count over events)
    return con.execute(f"""{head},
        sc AS (SELECT stage_idx, channel, count(*) AS events,
                      count(*) FILTER (WHERE touchpoint IS NOT NULL OR channel IS NOT NULL) AS touches
               FROM ev GROUP BY ALL),
        ev_agg AS (SELECT stage_idx, sum(events)::BIGINT AS events, sum(touches)::BIGINT AS touches
                   FROM sc GROUP BY ALL),
        cu_agg AS (SELECT k::INTEGER AS stage_idx, count(*) AS customers
                   FROM cu, range(?::BIGINT) t(k) WHERE (cu.mask >> k::INTEGER) & 1 = 1 GROUP BY k),
        agg AS (SELECT e.stage_idx, e.events, coalesce(c.customers, 0) AS customers, e.touches
                FROM ev_agg e LEFT JOIN cu_agg c USING (stage_idx)),
        per_stage AS (
            SELECT s.stage_idx, s.stage, s.label, coalesce(a.events, 0) AS events,
                   coalesce(a.customers, 0) AS customers, coalesce(a.touches, 0) AS touches
            FROM stages s LEFT JOIN agg a USING (stage_idx)),
        rated AS (SELECT *, touches / customers AS tpc FROM per_stage WHERE touches > 0),
        med AS (SELECT median(tpc) AS m, count(*) AS n_touched FROM rated),
        use AS (SELECT stage_idx, channel, events AS n FROM sc WHERE channel IS NOT NULL),
        chans AS (SELECT DISTINCT channel FROM use),
        absent AS (
            SELECT r.stage_idx, c.channel,
                   (SELECT count(*) FROM use u WHERE u.channel = c.channel AND u.stage_idx <> r.stage_idx) AS others,
                   (SELECT sum(n)::BIGINT FROM use u WHERE u.channel = c.channel AND u.stage_idx <> r.stage_idx) AS ch_events
            FROM rated r CROSS JOIN chans c
            WHERE NOT EXISTS (SELECT 1 FROM use u WHERE u.stage_idx = r.stage_idx AND u.channel = c.channel))
        SELECT 'no_touchpoints' AS kind, p.stage_idx, p.stage, p.label, NULL::VARCHAR AS channel, p.events,
               p.customers, NULL::DOUBLE AS touches_per_customer, NULL::DOUBLE AS median_touches_per_customer,
               NULL::BIGINT AS stages_with_channel, NULL::BIGINT AS channel_events, 0 AS k
        FROM per_stage p WHERE p.touches = 0 AND (SELECT count(*) FROM rated) > 0
        UNION ALL
        SELECT 'channel_absent', r.stage_idx, r.stage, r.label, a.channel, r.events, r.customers, NULL, NULL,
               a.others, a.ch_events, 1
        FROM absent a JOIN rated r USING (stage_idx), med
        WHERE a.others > 0 AND a.others * 2 >= med.n_touched - 1
        UNION ALL
        SELECT 'few_touches', r.stage_idx, r.stage, r.label, NULL, r.events, r.customers, r.tpc, med.m, NULL, NULL, 2
        FROM rated r, med WHERE med.n_touched >= 2 AND r.tpc < ? * med.m
        ORDER BY stage_idx, k, channel""", [*params, len(model.stages), few_ratio]).df().drop(columns="k")


def touchpoints(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None) -> pd.DataFrame:
    """Touchpoints ranked per stage, with *lift*.

    One row per (stage, touchpoint). ``events``, ``customers``, ``mean_emotion``/``n_emotion``
    as in :func:`matrix`. Lift: among the customers with an event at the stage, a customer
    *progressed* when they reached a later stage (any event with a higher stage index, in the
    filtered events). ``progressed_with`` is the share progressed among the ``n_with``
    customers who had the touchpoint at the stage; ``progressed_without`` among the
    ``n_without`` who did not; ``lift = progressed_with − progressed_without`` (a difference of
    shares, −1..+1; NULL when a side is empty, and for the last stage, which has no next one).

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> t = touchpoints(open_workspace(":memory:").cursor(), model=preset("five-stage"))
    >>> list(t.columns)[-3:]
    ['progressed_without', 'n_without', 'lift']
    """
    st_sql, st_p = stages_relation(model)
    cu_rel, cu_p = customer_values(con, model=model, filters=filters)
    pr_rel, pr_p = pair_stats(con, model=model, filters=filters, field="touchpoint")
    head, params = with_ctes(("stages", st_sql, st_p), ("rc", f"SELECT furthest, mask FROM {cu_rel}", cu_p),
                             ("pr", f"SELECT * FROM {pr_rel}", pr_p))
    return con.execute(f"""{head},
        stage_tot AS (SELECT k AS stage_idx, count(*) AS n_all, count(*) FILTER (WHERE rc.furthest > k) AS p_all
                      FROM rc, range(?::BIGINT) t(k) WHERE (rc.mask >> k::INTEGER) & 1 = 1 GROUP BY k),
        tp AS (SELECT stage_idx, key AS touchpoint, events, customers,
                      sum_emotion / nullif(n_emotion, 0) AS mean_emotion, n_emotion, customers AS n_with,
                      progressed AS p_with FROM pr),
        joined AS (
            SELECT s.stage_idx, s.stage, s.label, t.touchpoint, t.events, t.customers, t.mean_emotion, t.n_emotion,
                   t.n_with, t.p_with, st.n_all - t.n_with AS n_without, st.p_all - t.p_with AS p_without,
                   s.stage_idx = (SELECT max(stage_idx) FROM stages) AS last
            FROM tp t JOIN stages s USING (stage_idx) JOIN stage_tot st USING (stage_idx))
        SELECT stage_idx, stage, label, touchpoint, events, customers, mean_emotion, n_emotion,
               CASE WHEN NOT last AND n_with > 0 THEN p_with / n_with END AS progressed_with, n_with,
               CASE WHEN NOT last AND n_without > 0 THEN p_without / n_without END AS progressed_without, n_without,
               CASE WHEN NOT last AND n_with > 0 AND n_without > 0 THEN p_with / n_with - p_without / n_without
                    END AS lift
        FROM joined ORDER BY stage_idx, customers DESC, events DESC, touchpoint""", [*params, len(model.stages)]).df()
