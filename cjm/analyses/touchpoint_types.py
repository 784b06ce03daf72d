"""Touchpoint types of the Turkish journey-management article (seed 004): *çevresel* (peripheral: first
encounters — hearing of you from a friend, seeing an ad), *dış* (external: direct interactions with the brand's own
assets — social media, the website) and *dahili* (internal: interactions with the company — customer support, the
account team).

Each touchpoint gets a type by default from its name and its most frequent channel (:func:`default_type`); the
team may set another (:func:`cjm.store.progress.set_touchpoint_type`), which wins.

>>> default_type("Referral from a friend", "phone"), default_type("Pricing page", "web"), default_type("Demo", "video")
('peripheral', 'external', 'internal')
>>> default_type("Google Ads", None), default_type("Instagram post", "social"), default_type("Destek talebi", "e-posta")
('peripheral', 'external', 'internal')
"""

from __future__ import annotations

import duckdb
import pandas as pd

from cjm.analyses.channels import classify_channel
from cjm.analyses.relations import filtered_events
from cjm.core.filters import Filters
from cjm.core.stage_model import StageModel, norm
from cjm.store.progress import touchpoint_types as saved_types

#: Words of a touchpoint name that make it peripheral (word of mouth, ads, press, reviews), EN / TR / RO,
#: compared after :func:`cjm.core.stage_model.norm`.
PERIPHERAL_WORDS = ("referral", "word of mouth", "friend", "recommendation", "reviews", "online review", "press", "ad", "ads",
                    "advert", "billboard", "tavsiye", "referans", "arkadas", "agizdan", "yorum", "basin", "reklam",
                    "recomandare", "prieten", "recenzie", "presa", "reclama", "publicitate")
#: Media (see :data:`cjm.analyses.channels.MEDIA`) of the brand's own assets: external.
EXTERNAL_MEDIA = ("web", "social")


def default_type(touchpoint: str | None, channel: str | None) -> str:
    """The default type of a touchpoint: peripheral when its name speaks of word of mouth, an ad, the press or
    reviews, or its channel is advertising; external when its channel is the website or social media; else
    internal (people of the company: in person, phone, e-mail, chat, video, mail, gifts)."""
    words = norm(touchpoint or "").split()
    joined = " ".join(words)
    for w in PERIPHERAL_WORDS:
        if (" " in w and w in joined) or w in words or any(x.startswith(w) and len(w) >= 5 for x in words):
            return "peripheral"
    medium = classify_channel(channel)
    if medium == "ads":
        return "peripheral"
    if medium in EXTERNAL_MEDIA or classify_channel(touchpoint) in EXTERNAL_MEDIA:
        return "external"
    return "internal"


def touchpoint_types(con: duckdb.DuckDBPyConnection, *, model: StageModel, filters: Filters | None = None
                     ) -> pd.DataFrame:
    """Every touchpoint of the filtered events with its most frequent channel, its type and where the type comes
    from: ``touchpoint, channel, events, type, source ("default" or "team"), version`` (version 0: never set).

    >>> from cjm.store import open_workspace; from cjm.core.stage_model import preset
    >>> list(touchpoint_types(open_workspace(":memory:").cursor(), model=preset("five-stage")).columns)
    ['touchpoint', 'channel', 'events', 'type', 'source', 'version']
    """
    ev_sql, ev_p = filtered_events(model=model, filters=filters)
    df = con.execute(f"""
        SELECT touchpoint, mode(channel) AS channel, count(*) AS events FROM ({ev_sql})
        WHERE touchpoint IS NOT NULL GROUP BY touchpoint ORDER BY events DESC, touchpoint""", ev_p).df()
    team = saved_types(con)
    types, sources, versions = [], [], []
    for tp, ch in zip(df["touchpoint"], df["channel"]):
        kind, version = team.get(tp, (None, 0))
        types.append(kind or default_type(tp, None if pd.isna(ch) else ch))
        sources.append("team" if kind else "default")
        versions.append(version)
    return df.assign(type=types, source=sources, version=versions)
