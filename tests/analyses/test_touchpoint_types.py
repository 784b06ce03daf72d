"""Touchpoint types: the article's three kinds by default from name and channel; the team's choice wins."""

from __future__ import annotations

import pytest

from cjm.analyses.touchpoint_types import default_type, touchpoint_types
from cjm.errors import CJMError
from cjm.store.progress import set_touchpoint_type

DATA = {
    "a": [("awareness", "2026-01-01", {"touchpoint": "Arkadaş tavsiyesi", "channel": "telefon"}),
          ("research", "2026-01-02", {"touchpoint": "Fiyat sayfası", "channel": "web sitesi"}),
          ("purchase", "2026-01-03", {"touchpoint": "Müşteri desteği", "channel": "telefon"})],
    "b": [("research", "2026-01-02", {"touchpoint": "Fiyat sayfası", "channel": "web sitesi"})],
}


@pytest.mark.parametrize(("touchpoint", "channel", "expected"), [
    ("Recomandare de la un prieten", None, "peripheral"),
    ("Facebook reklamı", "sosyal medya", "peripheral"),
    ("Site web", None, "external"),
    ("Onboarding call", "phone", "internal"),
    ("Account review meeting", "in person", "internal"),
    ("Google reviews", "web", "peripheral"),
])
def test_defaults(touchpoint, channel, expected):
    assert default_type(touchpoint, channel) == expected


def test_team_type_wins_and_has_a_version(ws, journeys):
    con, model = journeys(DATA)
    df = touchpoint_types(con, model=model).set_index("touchpoint")
    assert df.loc["Fiyat sayfası", "events"] == 2
    assert dict(df["type"]) == {"Fiyat sayfası": "external", "Arkadaş tavsiyesi": "peripheral",
                                "Müşteri desteği": "internal"}
    assert set_touchpoint_type(ws, "Müşteri desteği", "external", expected=0) == 1
    df = touchpoint_types(ws.cursor(), model=model).set_index("touchpoint")
    assert (df.loc["Müşteri desteği", "type"], df.loc["Müşteri desteği", "source"]) == ("external", "team")
    assert df.loc["Müşteri desteği", "version"] == 1
    with pytest.raises(CJMError):
        set_touchpoint_type(ws, "Müşteri desteği", "nearby")
