"""A team-note save refused because someone else saved the note first, and the three ways on.

The store refuses the save (:class:`~cjm.store.notes.StaleNoteError`, carrying the text now saved and its version);
the page records it here with :func:`refused` and draws :func:`choice` where the note is edited. The user sees
their text and yours side by side and picks one of:

- **Keep mine** — yours is saved over theirs, naming *their* version: a third save in between is caught again;
- **Keep theirs** — yours is dropped, the page's editor shows theirs;
- **Edit** — one box holding theirs, a separator line and yours; the merged text is saved over their version.

Nothing is ever overwritten without the user having seen what they overwrite. The page gives two callbacks:
``save(text, expected) -> version`` (the one ``cjm`` call that writes the note; it may raise ``StaleNoteError``
again, or a ``CJMError`` shown as a message) and ``done(text, version)`` (put what is now saved into the page's
editor; text ``None`` when theirs is a deletion). Both run as button callbacks, before the page is drawn again,
so they may set the editor's widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

import ui
from cjm.errors import CJMError
from cjm.store.notes import StaleNoteError

Save = Callable[[str, int], int]
Done = Callable[[str | None, int], None]

_STATE = "note_conflicts"  # session state: page's note key -> Conflict


@dataclass(frozen=True)
class Conflict:
    """A refused save: *theirs* (None when they deleted the note) at *version*, and *mine*, not saved. *loaded* is
    the version the user's editor started from: a plain save from that editor names it and is refused again."""

    theirs: str | None
    version: int
    mine: str
    loaded: int


def _all() -> dict[str, Conflict]:
    return st.session_state.setdefault(_STATE, {})


def refused(key: str, exc: StaleNoteError, *, mine: str, loaded: int) -> None:
    """Record that saving *mine* (from an editor that loaded version *loaded*) was refused with *exc*."""
    _all()[key] = Conflict(exc.current_text, exc.current_version, mine, loaded)
    st.session_state.pop(f"{key}__editing", None)


def pending(key: str) -> Conflict | None:
    """The refused save of note *key* the user has not resolved yet, if any."""
    return _all().get(key)


def clear(key: str) -> None:
    """Forget a refused save (the note was saved another way, or the user moved on)."""
    _all().pop(key, None)
    st.session_state.pop(f"{key}__editing", None)
    st.session_state.pop(f"{key}__error", None)


def merged_text(theirs: str | None, mine: str) -> str:
    """What the Edit box starts with: theirs, a separator line, mine."""
    return "\n".join([theirs or "", ui.t("conflict.separator"), mine])


def _save(key: str, text: str, save: Save, done: Done) -> None:
    c = _all()[key]
    try:
        version = save(text, c.version)
    except StaleNoteError as exc:  # a third save in between: show the newer text, still keep this one
        refused(key, exc, mine=text, loaded=c.loaded)
        return
    except CJMError as exc:
        st.session_state[f"{key}__error"] = str(exc)
        return
    clear(key)
    done(text, version)
    st.toast(ui.t("map.saved"))


def _keep_mine(key: str, save: Save, done: Done) -> None:
    _save(key, _all()[key].mine, save, done)


def _keep_theirs(key: str, done: Done) -> None:
    c = _all()[key]
    clear(key)
    done(c.theirs, c.version)
    st.toast(ui.t("conflict.kept_theirs"))


def _edit(key: str) -> None:
    c = _all()[key]
    st.session_state[f"{key}__editing"] = True
    st.session_state[f"{key}__merge"] = merged_text(c.theirs, c.mine)


def _save_merged(key: str, save: Save, done: Done) -> None:
    _save(key, st.session_state.get(f"{key}__merge") or "", save, done)


def _cancel(key: str) -> None:
    st.session_state.pop(f"{key}__editing", None)


def choice(key: str, *, title: str, save: Save, done: Done, show: Callable[[str], str] | None = None) -> bool:
    """Draw the refused save of note *key* (if one is pending): a warning naming *title* (plain text, escaped
    here), their text and mine (through *show* when given, e.g. a summary of a scenario), and the three buttons.
    True when a conflict is pending."""
    c = pending(key)
    if c is None:
        return False
    st.warning(ui.tp("conflict.stale", what=title))
    left, right = st.columns(2)
    left.caption(ui.t("map.stale_theirs"))
    if c.theirs is None:
        left.text(ui.t("conflict.deleted"))
    else:
        left.text((show(c.theirs) if show else c.theirs) or ui.t("map.none"))
    right.caption(ui.t("map.stale_yours"))
    right.text((show(c.mine) if show else c.mine) or ui.t("map.none"))
    row = st.container(horizontal=True)  # the three choices side by side, each as wide as its label
    row.button(ui.t("conflict.keep_mine"), key=f"{key}__keep_mine", on_click=_keep_mine, args=(key, save, done),
               type="primary")
    row.button(ui.t("conflict.keep_theirs"), key=f"{key}__keep_theirs", on_click=_keep_theirs, args=(key, done))
    row.button(ui.t("conflict.edit"), key=f"{key}__edit", on_click=_edit, args=(key,))
    if st.session_state.get(f"{key}__editing"):
        st.text_area(ui.t("conflict.merged"), key=f"{key}__merge", height=160)
        merge_row = st.container(horizontal=True)
        merge_row.button(ui.t("conflict.save_merged"), key=f"{key}__save_merged", on_click=_save_merged,
                         args=(key, save, done), type="primary")
        merge_row.button(ui.t("conflict.cancel"), key=f"{key}__cancel", on_click=_cancel, args=(key,))
    error = st.session_state.pop(f"{key}__error", None)
    if error:
        st.error(ui.tp("conflict.unreadable", error=error))
    return True
