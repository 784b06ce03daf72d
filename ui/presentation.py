"""Presentation mode: the journey map for the room — full screen, big type, an overview slide then one slide per
stage, stepped with the arrow keys or the on-screen buttons; Esc or a button leaves.

The map page calls three functions::

    if presentation.requested():          # ?present=1 in the address, or the session started it
        presentation.render(jm)
        return
    st.button(ui.t("mapview.present"), on_click=presentation.start)

How it steps: :func:`deck` writes every slide at once as plain data (every text already in the room's language,
numbers formatted by :mod:`cjm.i18n.numbers`), and one custom component (``ui/presentation/deck.js``, Streamlit
components v2) draws them all and steps between them in the browser — a step is a class toggle, not a server round
trip. Each step also reports the slide back (component state ``stage``) and the callback writes it into the
address (``?stage=N``, 0 = the overview), so a reload opens the same slide. Text from data and from people is put
into the page with ``textContent`` only, never as HTML.
"""

from __future__ import annotations

import pathlib
import re
import uuid
from typing import Any

import streamlit as st

import ui
from cjm.analyses.journey_map import JourneyMap, MapStage
from cjm.i18n import t as _t
from cjm.i18n.numbers import decimal, number, percent
from cjm.present.workshop import gap_sentence

#: URL query parameters: presentation on (``present=1``) and the slide on screen (``stage=N``, 0 = overview)
PRESENT, STAGE = "present", "stage"
_ACTIVE = "present_active"  # the session started presentation (set by start(), cleared on leaving)
_NONCE = "present_deck_id"  # one id per presentation started: the browser keeps its slide while it stays the same
_ASSETS = pathlib.Path(__file__).with_name("presentation")

#: Text keys the browser side needs (the slides' own texts are written into the slides)
_TEXT_KEYS = ("leave", "prev", "next", "col_stage", "customers", "conversion", "col_conversion", "first_stage",
              "col_measured", "col_assumed", "col_curve", "legend_measured", "legend_assumed",
              "legend_measured_short", "legend_assumed_short", "touchpoints", "touch_customers", "moment",
              "no_touchpoints", "channels", "emotion", "scale_low", "scale_high", "pains", "no_pains", "team",
              "team_empty")

#: Hides everything of the app but the deck. The deck puts it into the page while it is drawn and takes it away
#: when a run no longer draws it (deck.js: holdPageStyle), so it holds for the runs that present only. (No
#: st.html: pages render no HTML, tests/test_architecture.py.)
_PAGE_CSS = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], [data-testid="stBottom"], [data-testid="stToastContainer"],
[data-testid="stMain"] [data-testid="stElementContainer"]:not(:has(.stBidiComponent)) { display: none !important; }
[data-testid="stMain"] [data-testid="stElementContainer"]:has(.stBidiComponent),
[data-testid="stMain"] [data-testid="stElementContainer"]:has(.stBidiComponent) * {
  opacity: 1 !important; transition: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0 !important; }
"""

_deck_component = st.components.v2.component(
    "cjm_presentation_deck",
    css=(_ASSETS / "deck.css").read_text(encoding="utf-8"),
    js=(_ASSETS / "deck.js").read_text(encoding="utf-8"),
)


# -- the slides as data (no Streamlit: testable on its own) ---------------------------------------------------------
#: Pieces of a sentence that must not part at a line end on the big screen ("n =" / "201", "95%" / "CI")
_TOGETHER = re.compile(r"\bn = |95% CI |%95 GA |IÎ 95% ")


def _together(sentence: str) -> str:
    """*sentence* with no-break spaces inside the pieces of :data:`_TOGETHER`.

    >>> _together("customers report −0.4 (n = 201, 95% CI −0.6 to −0.2).")
    'customers report −0.4 (n\xa0=\xa0201, 95%\xa0CI\xa0−0.6 to −0.2).'
    """
    return _TOGETHER.sub(lambda m: m[0].replace(" ", "\u00a0"), sentence)


def _signed(value: float | None, lang: str) -> str:
    """An emotion with its sign ("+1.0", "−0.4"); nothing for no value; a value that rounds to zero is "0.0", never
    "−0.0"."""
    if value is None:
        return ""
    return decimal(0, lang) if round(value, 1) == 0 else decimal(value, lang, signed=True)


def _ticks(lang: str) -> list[tuple[int, str]]:
    return [(v, "0" if v == 0 else decimal(v, lang, digits=0, signed=True)) for v in range(-2, 3)]


def _emotion(jm: JourneyMap, s: MapStage, lang: str) -> dict[str, Any]:
    """The measured and assumed emotion of a stage for the scale, and the sentences below it (the first one always
    shown; the others dropped when the slide is full)."""
    m = s.emotion
    assumed = jm.assumed_cell("as_is", s.key).value
    measured = m.value if m.n else None
    gap = next((g for g in jm.gaps("as_is") if g.stage_key == s.key), None)
    if gap is not None:
        sentences = [gap_sentence(gap, lang)]
    elif measured is not None:
        values = {"measured": _signed(measured, lang), "n": number(m.n, lang)}
        if m.ci_low is not None and m.ci_high is not None:
            sentences = [_t("present.measured_ci", lang=lang, low=_signed(m.ci_low, lang),
                            high=_signed(m.ci_high, lang), **values)]
        else:
            sentences = [_t("present.measured_no_ci", lang=lang, **values)]
        sentences.append(_t("present.no_assumed", lang=lang))
    else:
        sentences = [_t("present.no_emotion", lang=lang)]
        if assumed is not None:
            sentences.append(_t("present.assumed_only", lang=lang, assumed=_signed(assumed, lang)))
    return {"measured": measured, "assumed": assumed,
            "low": m.ci_low if measured is not None else None, "high": m.ci_high if measured is not None else None,
            "sentences": [_together(x) for x in sentences]}


def _overview(jm: JourneyMap, lang: str) -> dict[str, Any]:
    rows = []
    for i, s in enumerate(jm.stages):
        m = s.emotion
        measured = m.value if m.n else None
        assumed = jm.assumed_cell("as_is", s.key).value
        rows.append({
            "label": s.label,
            "customers": number(s.customers, lang),
            "conversion": percent(s.conversion, lang) if i > 0 and s.conversion is not None else "",
            "measured": measured, "low": m.ci_low if measured is not None else None,
            "high": m.ci_high if measured is not None else None, "assumed": assumed,
            "measured_text": _signed(measured, lang), "assumed_text": _signed(assumed, lang),
        })
    gaps = jm.gaps("as_is", 1)
    return {"kind": "overview", "title": _t("present.overview", lang=lang), "rows": rows, "ticks": _ticks(lang),
            "gap": _together(_t("present.largest_gap", lang=lang, sentence=gap_sentence(gaps[0], lang))) if gaps else ""}


def _stage(jm: JourneyMap, i: int, lang: str) -> dict[str, Any]:
    s = jm.stages[i]
    lanes = []
    for lane in jm.team:
        text = jm.cell(lane.lane, s.key).text.strip()
        if text:
            lanes.append({"label": _t(f"present.lane.{lane.lane}", lang=lang), "text": text})
    return {
        "kind": "stage", "title": s.label,
        "customers": number(s.customers, lang),
        "conversion": percent(s.conversion, lang) if i > 0 and s.conversion is not None else "",
        "touchpoints": [{"name": tp.name, "customers": number(tp.customers, lang), "moment": jm.is_moment(tp.name)}
                        for tp in s.touchpoints],
        "channels": [c.name for c in s.channels],
        "emotion": _emotion(jm, s, lang), "ticks": _ticks(lang),
        "pains": [{"name": p.touchpoint, "moment": jm.is_moment(p.touchpoint),
                   "detail": _t("present.pain_detail", lang=lang, customers=number(p.customers, lang),
                                dropped=number(p.dropped, lang)),
                   "quotes": [_t("present.quote", lang=lang, text=q.strip()) for q in p.quotes if q.strip()][:3]}
                  for p in s.pain_points],
        "lanes": lanes,
    }


def deck(jm: JourneyMap, lang: str = "en") -> dict[str, Any]:
    """Every slide of *jm* as plain data for the browser: the overview, then one slide per stage; every text in
    *lang*, every number formatted for it.

    >>> from cjm.analyses.journey_map import Estimate, JourneyMap, MapStage
    >>> st_ = lambda k, label, n, conv: MapStage(k, label, n, conv, (), (), (), Estimate(None, 0), Estimate(None, 0))
    >>> d = deck(JourneyMap("m", (st_("a", "Alışma", 1200, None), st_("b", "Benimseme", 300, 0.25))), "tr")
    >>> [s["title"] for s in d["slides"]], d["positions"]
    (['Yolculuğa genel bakış', 'Alışma', 'Benimseme'], ['Genel bakış', 'Aşama 1 / 2', 'Aşama 2 / 2'])
    >>> [(r["customers"], r["conversion"]) for r in d["slides"][0]["rows"]]
    [('1.200', ''), ('300', '%25')]
    """
    n = len(jm.stages)
    return {
        "lang": lang,
        "text": {k: _t(f"present.{k}", lang=lang) for k in _TEXT_KEYS},
        "slides": [_overview(jm, lang)] + [_stage(jm, i, lang) for i in range(n)],
        "positions": [_t("present.position_overview", lang=lang)]
        + [_t("present.position", lang=lang, i=number(i + 1, lang), n=number(n, lang)) for i in range(n)],
    }


# -- Streamlit ------------------------------------------------------------------------------------------------------
def requested() -> bool:
    """True when the address asks for presentation mode (``?present=1``) or this session started it."""
    return st.query_params.get(PRESENT) == "1" or bool(st.session_state.get(_ACTIVE))


def start() -> None:
    """Enter presentation mode, on the overview (a button callback: ``on_click=presentation.start``)."""
    st.session_state[_ACTIVE] = True
    st.session_state[_NONCE] = uuid.uuid4().hex
    st.query_params[PRESENT] = "1"
    st.query_params[STAGE] = "0"


def _leave() -> None:
    st.session_state[_ACTIVE] = False
    deck_id = st.session_state.pop(_NONCE, None)
    st.session_state.pop(f"present_deck_{deck_id}__first", None)
    for name in (PRESENT, STAGE):
        if name in st.query_params:
            del st.query_params[name]


def _slide_from_query(count: int) -> int:
    """The slide the address asks for, within 0..count-1 (anything else: the overview)."""
    raw = st.query_params.get(STAGE, "0")
    try:
        wanted = int(raw)
    except ValueError:
        return 0
    return wanted if 0 <= wanted < count else 0


def _on_stage(key: str) -> None:
    """The browser stepped: write the slide it shows into the address."""
    value: Any = st.session_state.get(key)
    stage = value.get("stage") if isinstance(value, dict) else None
    if isinstance(stage, int) and not isinstance(stage, bool) and stage >= 0:
        st.query_params[STAGE] = str(stage)


def render(jm: JourneyMap) -> None:
    """Draw presentation mode for *jm*: the whole screen, the slide of ``?stage=N`` first."""
    lang = ui.lang()
    data = deck(jm, lang)
    count = len(data["slides"])
    slide = _slide_from_query(count)
    if st.query_params.get(PRESENT) != "1":
        st.query_params[PRESENT] = "1"
    if st.query_params.get(STAGE) != str(slide):
        st.query_params[STAGE] = str(slide)
    st.session_state[_ACTIVE] = True
    deck_id = st.session_state.setdefault(_NONCE, uuid.uuid4().hex)
    key = f"present_deck_{deck_id}"
    # the slide to open on, fixed for the deck's life: the browser steps on its own after that, and data that stays
    # the same between steps is not drawn again
    first = st.session_state.setdefault(f"{key}__first", slide)
    _deck_component(key=key, data={**data, "id": deck_id, "stage": first, "page_css": _PAGE_CSS},
                    default={"stage": first},
                    on_stage_change=lambda: _on_stage(key), on_leave_change=_leave)
