"""Personas and buying-team roles: persona cards the team writes, what the data says about each, the map for one
persona in one click, and which roles take part at each stage.

A card (name, buying-team role, goals, a quote in the first person, a drawn initial) is a team note
(:func:`cjm.store.notes.save_persona`): saved with the version its editor loaded, so a save over someone else's newer
card is refused and the user chooses — keep mine, keep theirs, or edit the two into one (:mod:`ui.conflicts`, with
the card written as labelled lines). A card linked to a value of the data (the persona column, or the segment
column when the data has no personas) shows that value's customers, how far they get and how they feel
(:mod:`cjm.analyses.personas`). Text from people and from the data is shown as text, never as markdown or HTML.
"""

from __future__ import annotations

import dataclasses
import hashlib
import uuid
from xml.sax.saxutils import escape

import pandas as pd
import streamlit as st

import ui
from cjm.analyses.personas import data_field, persona_reach, persona_summary, role_stage, suggest_link
from cjm.analyses.workspace_info import filter_options
from cjm.core.filters import LIST_FIELDS
from cjm.errors import CJMError
from cjm.i18n import CATALOGUES, numbers
from cjm.store.notes import ROLES, Persona, StaleNoteError, delete_persona, personas, save_persona
from ui import conflicts

MAP_PAGE = "app_pages/journey_map.py"
EDITING = "persona_editing"  # session state: the id of the card open in the editor (one at a time)
REFUSED = "persona_refused"  # session state: ids of cards whose save was refused (their choice may be pending)
#: Circle colours for the drawn initials: each dark enough for white text (contrast ≥ 4.5:1).
PALETTE = ("#1f5fa8", "#2e7d32", "#8e24aa", "#c62828", "#00695c", "#5d4037", "#ad1457", "#37474f")


@dataclasses.dataclass
class Data:
    """What the data can say about the cards: the field cards stand for, its values, and the per-value numbers."""

    field: str | None = None
    values: list[str] = dataclasses.field(default_factory=list)
    summary: dict[str, pd.Series] = dataclasses.field(default_factory=dict)
    reach: dict[str, pd.DataFrame] = dataclasses.field(default_factory=dict)
    won_label: str | None = None


# -- text of a card ---------------------------------------------------------------------------------------------
def _role_name(role: str | None) -> str:
    return ui.t(f"role.{role}") if role in ROLES else ui.t("role.none")


def _field_name(name: str | None) -> str:
    return ui.t(f"sidebar.{name}").lower() if name else ui.t("sidebar.persona").lower()


def _labels(data_field_name: str | None) -> dict[str, str]:
    """The label of each card field in the card's text form (the interface language)."""
    return {"name": ui.t("personas.name"), "role": ui.t("personas.role"), "goals": ui.t("personas.goals"),
            "quote": ui.t("personas.quote"), "data_value": ui.t("personas.link", field=_field_name(data_field_name))}


def card_text(p: Persona, data_field_name: str | None) -> str:
    """A card as labelled lines, for a refused save: what the user compares and may edit into one."""
    lab = _labels(data_field_name)
    return "\n".join([f"{lab['name']}: {p.name}", f"{lab['role']}: {_role_name(p.role)}",
                      f"{lab['goals']}: {p.goals}", f"{lab['quote']}: {p.quote}",
                      f"{lab['data_value']}: {p.data_value or ui.t('personas.link_none')}"])


def card_from_text(text: str, persona_id: str, data_field_name: str | None) -> Persona:
    """The card written in *text* (labelled lines as :func:`card_text` writes them; a line without a label goes on
    the field above it; a field given twice keeps the later). Raises ``CJMError`` for a role that is none of the
    five."""
    lab = _labels(data_field_name)
    by_label = {v.casefold(): k for k, v in lab.items()}
    values: dict[str, list[str]] = {}
    current: str | None = None
    separator = ui.t("conflict.separator")
    for line in text.splitlines():
        if line.strip() == separator:
            current = None
            continue
        head, sep, rest = line.partition(":")
        if sep and head.strip().casefold() in by_label:
            current = by_label[head.strip().casefold()]
            values[current] = [rest[1:] if rest.startswith(" ") else rest]
        elif current is not None:
            values[current].append(line)
    got = {k: "\n".join(v).strip() for k, v in values.items()}
    role_text = got.get("role", "")
    role: str | None = None
    if role_text and role_text.casefold() != ui.t("role.none").casefold():
        names = {key: key for key in ROLES}
        names.update({cat[f"role.{key}"].casefold(): key for cat in CATALOGUES.values() for key in ROLES
                      if f"role.{key}" in cat})
        role = names.get(role_text.casefold())
        if role is None:
            raise CJMError("personas.bad_role", value=role_text, roles=tuple(_role_name(r) for r in ROLES))
    link = got.get("data_value") or None
    if link == ui.t("personas.link_none"):
        link = None
    return Persona(persona_id, got.get("name", ""), role, got.get("goals", ""), got.get("quote", ""), link)


def avatar_svg(name: str, persona_id: str, lang: str = "en") -> str:
    """The card's picture: the name's first letter, white, in a circle coloured by the card's id. Built as an SVG
    image (shown by ``st.image`` as a picture, never as page markup), the letter escaped; no outside request.

    >>> svg = avatar_svg("<b>ayşe</b>", "p1", "tr")
    >>> "<b>" in svg, ">B</text>" in svg, avatar_svg("ilke", "p2", "tr").endswith(">İ</text></svg>")
    (False, True, True)
    """
    letter = next((c for c in name.strip() if c.isalnum()), "?")
    if lang == "tr":  # Turkish capitals: i -> İ, ı -> I
        letter = {"i": "İ", "ı": "I"}.get(letter, letter)
    letter = letter.upper()[:1]
    color = PALETTE[int(hashlib.sha256(persona_id.encode()).hexdigest(), 16) % len(PALETTE)]
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">'
            f'<circle cx="48" cy="48" r="48" fill="{color}"/>'
            '<text x="48" y="50" dominant-baseline="middle" text-anchor="middle" fill="#ffffff" '
            'font-family="Source Sans Pro, DejaVu Sans, Arial, sans-serif" font-size="46" font-weight="600">'
            f"{escape(letter)}</text></svg>")


# -- what the data says -----------------------------------------------------------------------------------------
def _data(has_data: bool) -> Data:
    """The data side of the page: the field cards stand for, its values, the per-value numbers (cached analyses)."""
    if not has_data:
        return Data()
    con = ui.cursor()
    name = data_field(con)
    if name is None:
        return Data()
    m = ui.chosen_model()
    # every other filter applies; a filter on the cards' own field would empty all cards but one
    flt = dataclasses.replace(ui.filters(), persona=()) if name == "persona" else \
        dataclasses.replace(ui.filters(), segment=())
    summary = ui.compute(persona_summary, flt=flt, field=name)
    reach = ui.compute(persona_reach, flt=flt, field=name)
    won = m.won_index()
    return Data(field=name, values=list(filter_options(con)[name]),
                summary={str(r["value"]): r for _, r in summary.iterrows()},
                reach={str(v): part for v, part in reach.groupby("value", sort=False)},
                won_label=m.labels[won] if won is not None else None)


def _emotion_line(row: pd.Series) -> str:
    lang, n = ui.lang(), int(row["n"])
    if n == 0:
        return ui.t("personas.no_emotion")
    if pd.isna(row["ci_low"]):
        return ui.t("personas.emotion_n", n=numbers.number(n, lang))
    return ui.t("personas.emotion_ci", n=numbers.number(n, lang),
                low=numbers.decimal(row["ci_low"], lang, digits=2, signed=True),
                high=numbers.decimal(row["ci_high"], lang, digits=2, signed=True))


def _what_the_data_says(p: Persona, data: Data) -> bool:
    """The numbers of the card's value; True when the value has customers under the current filters."""
    if data.field is None:
        return False
    if not p.data_value:
        st.caption(ui.tp("personas.not_linked", field=_field_name(data.field)))
        return False
    st.caption(ui.tp("personas.linked", field=ui.t(f"sidebar.{data.field}"), value=p.data_value))
    row = data.summary.get(p.data_value)
    if row is None:
        st.caption(ui.t("personas.no_match"))
        return False
    lang = ui.lang()
    reach = data.reach.get(p.data_value)
    first, second = st.columns(2)  # two numbers a row: a label never cut short, even with the sidebar open
    first.metric(ui.t("personas.customers"), numbers.number(int(row["customers"]), lang),
                 help=ui.t("personas.customers_help"))
    emotion_col, ci_col = second, second
    if data.won_label is not None and not pd.isna(row["won"]):
        second.metric(ui.tp("personas.won", stage=data.won_label), numbers.percent(float(row["won_share"]), lang),
                      help=ui.tp("personas.won_help", k=numbers.number(int(row["won"]), lang),
                                 n=numbers.number(int(row["customers"]), lang), stage=data.won_label))
        emotion_col, ci_col = st.columns(2, vertical_alignment="center")
    mean = None if pd.isna(row["mean"]) else float(row["mean"])
    emotion_col.metric(ui.t("personas.emotion"), numbers.decimal(mean, lang, digits=2, signed=True))
    ci_col.caption(ui.plain(_emotion_line(row)))
    if reach is not None:
        # no-break spaces: a stage and its share stay on one line, and a line breaks after "·", never before it
        steps = "\u00a0· ".join(f"{label}\u00a0{numbers.percent(float(share), lang)}"
                           for label, share in zip(reach["label"], reach["share"]))
        st.text(ui.t("personas.reach", stages=steps))
    st.text(f"{ui.t('personas.furthest')}: {row['furthest_label']}")
    return True


# -- editing ----------------------------------------------------------------------------------------------------
def _k(pid: str, name: str) -> str:
    return f"pe_{pid}_{name}"


def _conflict_key(pid: str) -> str:
    return f"persona_{pid}"


def _saved_card(pid: str) -> Persona | None:
    return next((p for p in personas(ui.cursor()) if p.persona_id == pid), None)


def _open_editor(p: Persona | None) -> None:
    """Fill the editor from card *p* (None: a new card) and remember the version it was loaded with."""
    s = st.session_state
    pid = p.persona_id if p is not None else uuid.uuid4().hex[:12]
    p = p or Persona(pid, "")
    s[EDITING] = pid
    s[_k(pid, "name")], s[_k(pid, "role")], s[_k(pid, "goals")] = p.name, p.role, p.goals
    s[_k(pid, "quote")], s[_k(pid, "link")], s[_k(pid, "version")] = p.quote, p.data_value, p.version
    s.pop(_k(pid, "suggested"), None)
    s.pop(_k(pid, "error"), None)


def _close_editor() -> None:
    st.session_state.pop(EDITING, None)


def _name_changed(pid: str, values: list[str]) -> None:
    """Suggest the data value by the name, while the user has not linked the card themselves."""
    s = st.session_state
    if s.get(_k(pid, "link")) in (None, s.get(_k(pid, "suggested"))):
        suggestion = suggest_link(s.get(_k(pid, "name")) or "", values)
        s[_k(pid, "link")] = suggestion
        s[_k(pid, "suggested")] = suggestion


def _editor_card(pid: str) -> Persona:
    s = st.session_state
    return Persona(pid, s.get(_k(pid, "name")) or "", s.get(_k(pid, "role")), s.get(_k(pid, "goals")) or "",
                   s.get(_k(pid, "quote")) or "", s.get(_k(pid, "link")))


def _save_editor(pid: str, data_field_name: str | None) -> None:
    """Save the editor's card over the version it loaded; a refused save goes to the conflict choice."""
    s = st.session_state
    card, loaded = _editor_card(pid), int(s.get(_k(pid, "version")) or 0)
    ws = ui.workspace()
    try:
        version = save_persona(ws, card, expected=loaded)
    except StaleNoteError as exc:
        theirs = _saved_card(pid)
        shown = StaleNoteError(current_text=None if theirs is None else card_text(theirs, data_field_name),
                               current_version=exc.current_version)
        conflicts.refused(_conflict_key(pid), shown, mine=card_text(card, data_field_name), loaded=loaded)
        s[_k(pid, "mine")] = card
        s.setdefault(REFUSED, []).append(pid)
        _close_editor()
        return
    except CJMError as exc:
        s[_k(pid, "error")] = ui.msg(exc)
        return
    s[_k(pid, "version")] = version
    conflicts.clear(_conflict_key(pid))
    _close_editor()
    st.toast(ui.t("personas.saved"))


def _editor(pid: str, data: Data) -> None:
    s = st.session_state
    st.text_input(ui.t("personas.name"), key=_k(pid, "name"), on_change=_name_changed, args=(pid, data.values))
    st.selectbox(ui.t("personas.role"), [None, *ROLES], key=_k(pid, "role"), format_func=_role_name)
    st.text_area(ui.t("personas.goals"), key=_k(pid, "goals"), height=80)
    st.text_area(ui.t("personas.quote"), key=_k(pid, "quote"), height=80, help=ui.t("personas.quote_help"))
    if data.field is not None:
        options: list[str | None] = [None, *data.values]
        if s.get(_k(pid, "link")) not in options:  # a value no longer in the data keeps its place
            options.append(s[_k(pid, "link")])
        st.selectbox(ui.t("personas.link", field=_field_name(data.field)), options, key=_k(pid, "link"),
                     help=ui.t("personas.link_help"),
                     format_func=lambda v: ui.t("personas.link_none") if v is None else str(v))
        suggested = s.get(_k(pid, "suggested"))
        if suggested and s.get(_k(pid, "link")) == suggested:
            st.caption(ui.tp("personas.link_suggested", value=suggested))
    error = s.pop(_k(pid, "error"), None)
    if error:
        st.error(ui.plain(error))
    row = st.container(horizontal=True)
    row.button(ui.t("personas.save"), key=_k(pid, "save"), type="primary", on_click=_save_editor,
               args=(pid, data.field))
    row.button(ui.t("personas.cancel"), key=_k(pid, "cancel"), on_click=_close_editor)


def _conflict(pid: str, title: str, data: Data) -> None:
    """A refused save of card *pid*: theirs and mine side by side, keep mine / keep theirs / edit."""
    s = st.session_state
    ws = ui.workspace()

    def save(text: str, expected: int) -> int:
        mine: Persona | None = s.get(_k(pid, "mine"))
        c = conflicts.pending(_conflict_key(pid))
        card = mine if mine is not None and c is not None and text == c.mine else card_from_text(text, pid, data.field)
        try:
            return save_persona(ws, card, expected=expected)
        except StaleNoteError as exc:  # a third save in between: theirs shown as a whole card, as at first
            theirs = _saved_card(pid)
            raise StaleNoteError(current_text=None if theirs is None else card_text(theirs, data.field),
                                 current_version=exc.current_version) from exc

    def done(text: str | None, version: int) -> None:
        s[_k(pid, "version")] = version
        s.pop(_k(pid, "mine"), None)

    conflicts.choice(_conflict_key(pid), title=ui.t("personas.card_of", name=title), save=save, done=done)


def _delete(p: Persona) -> None:
    s = st.session_state
    s.pop(_k(p.persona_id, "confirm_delete"), None)
    try:
        delete_persona(ui.workspace(), p.persona_id, expected=p.version)
    except StaleNoteError:
        s[_k(p.persona_id, "delete_stale")] = True
        return
    conflicts.clear(_conflict_key(p.persona_id))
    st.toast(ui.t("personas.deleted", name=p.name))


def _show_map(name: str, value: str) -> None:
    """Filter every page on this card's value (the sidebar's filter, and the address for a persona) — a callback, so
    it runs before the sidebar draws its filter."""
    s = st.session_state
    # st.switch_page drops the state of every widget (Streamlit clears widget state on a page change it did not
    # get from the browser): the language and the other filters are set again as values, so they stay as they are
    for key in ("lang", "f_period", *(f"f_{f}" for f in LIST_FIELDS)):
        if key in s:
            s[key] = s[key]
    s[f"f_{name}"] = [value]
    if name == "persona":
        st.query_params["persona"] = value


# -- the page ---------------------------------------------------------------------------------------------------
def _card(p: Persona, data: Data) -> None:
    s = st.session_state
    pid = p.persona_id
    with st.container(border=True):
        pic, head = st.columns([1, 5], vertical_alignment="center")
        pic.image(avatar_svg(p.name, pid, ui.lang()), width=64)
        with head:
            st.subheader(ui.plain(p.name), anchor=False)
            st.text(_role_name(p.role))
        if p.quote:
            st.text(f"“{p.quote}”")
        if p.goals:
            st.text(f"{ui.t('personas.goals')}: {p.goals}")
        linked = _what_the_data_says(p, data)
        if s.pop(_k(pid, "delete_stale"), False):
            st.warning(ui.t("personas.delete_stale"))
        if conflicts.pending(_conflict_key(pid)) is not None:  # the choice below first; then edit or delete
            pass
        elif s.get(EDITING) == pid:
            _editor(pid, data)
        elif s.get(_k(pid, "confirm_delete")):
            st.warning(ui.tp("personas.delete_confirm", name=p.name))
            row = st.container(horizontal=True)
            row.button(ui.t("personas.delete_yes"), key=_k(pid, "delete_yes"), type="primary", on_click=_delete,
                       args=(p,))
            row.button(ui.t("personas.cancel"), key=_k(pid, "delete_no"), on_click=s.pop,
                       args=(_k(pid, "confirm_delete"), None))
        else:
            row = st.container(horizontal=True)
            if linked and data.field is not None and p.data_value in data.values and row.button(
                    ui.t("personas.show_map"), key=_k(pid, "show_map"), type="primary", icon=":material/map:",
                    on_click=_show_map, args=(data.field, p.data_value)):
                st.switch_page(MAP_PAGE)
            row.button(ui.t("personas.edit"), key=_k(pid, "edit"), on_click=_open_editor, args=(p,),
                       icon=":material/edit:")
            row.button(ui.t("personas.delete"), key=_k(pid, "delete"), on_click=s.__setitem__,
                       args=(_k(pid, "confirm_delete"), True), icon=":material/delete:")
        _conflict(pid, p.name, data)


def _cards(data: Data) -> None:
    s = st.session_state
    cards = personas(ui.cursor())
    known = {p.persona_id for p in cards}
    editing = s.get(EDITING)
    if editing and _k(editing, "name") not in s:  # the user left the page: Streamlit dropped the editor's fields
        _close_editor()
    st.button(ui.t("personas.add"), key="persona_add", on_click=_open_editor, args=(None,), icon=":material/add:")
    editing = s.get(EDITING)
    if editing and editing not in known:  # a new card
        with st.container(border=True):
            st.subheader(ui.t("personas.new"), anchor=False)
            _editor(editing, data)
    for pid in dict.fromkeys(s.get(REFUSED, [])):
        if pid not in known and conflicts.pending(_conflict_key(pid)) is not None:  # its card was deleted meanwhile
            mine = s.get(_k(pid, "mine"))
            _conflict(pid, mine.name if mine is not None else "", data)
    if not cards:
        st.info(ui.t("personas.none"))
        return
    for i in range(0, len(cards), 2):
        cols = st.columns(2)
        for col, p in zip(cols, cards[i:i + 2]):
            with col:
                _card(p, data)


def _cell_colour(mean: float | None) -> str:
    """A background for an emotion from −2 (red) through 0 (pale yellow) to +2 (green), pale enough for black text."""
    if mean is None or pd.isna(mean):
        return ""
    x = max(-2.0, min(2.0, float(mean))) / 2
    low, mid, high = (244, 179, 174), (255, 246, 204), (177, 222, 180)
    a, b = (mid, high) if x >= 0 else (mid, low)
    f = abs(x)
    r, g, bl = (round(a[i] + (b[i] - a[i]) * f) for i in range(3))
    return f"background-color: rgb({r}, {g}, {bl}); color: #111111"


def _roles() -> None:
    st.subheader(ui.t("personas.roles_title"), anchor=False)
    rs = ui.compute(role_stage)
    if not len(rs):
        st.info(ui.t("personas.no_roles"))
        return
    st.caption(ui.t("personas.roles_help"))
    lang = ui.lang()
    roles = list(dict.fromkeys(rs["role"]))
    names = {r: (_role_name(r) if r in ROLES else str(r)) for r in roles}
    stages = list(dict.fromkeys(rs["label"]))
    text = pd.DataFrame("", index=stages, columns=[names[r] for r in roles])
    colour = pd.DataFrame("", index=stages, columns=text.columns)
    for row in rs.itertuples():
        if not row.customers:
            continue
        cell = numbers.number(int(row.customers), lang)
        if row.n:
            n = ui.t("unit.n", n=numbers.number(int(row.n), lang))
            cell += f" · {numbers.decimal(row.mean, lang, digits=2, signed=True)} ({n})"
        text.loc[row.label, names[row.role]] = cell
        colour.loc[row.label, names[row.role]] = _cell_colour(row.mean if row.n else None)
    table = text.reset_index(names=ui.t("personas.col_stage"))
    colour = colour.reset_index(drop=True)
    colour.insert(0, ui.t("personas.col_stage"), "")
    st.dataframe(table.style.apply(lambda _: colour.values, axis=None), hide_index=True, row_height=40,
                 column_config={ui.t("personas.col_stage"): st.column_config.Column(pinned=True)})
    ui.download_csv(rs, ui.t("personas.roles_download"), "roles_by_stage.csv", key="persona_roles_csv")


def render() -> None:
    st.title(ui.t("personas.title"))
    st.caption(ui.t("personas.intro"))
    has_data = ui.has_data()  # when there is none, says what to do; the cards can be written all the same
    data = _data(has_data)
    if has_data and data.field is None:
        st.info(ui.t("personas.no_column"))
    _cards(data)
    if has_data:
        _roles()


ui.page(render)
