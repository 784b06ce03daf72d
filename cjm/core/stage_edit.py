"""Editing a stage model: the pure functions behind Settings' editors and ``python -m cjm stages``.

Each takes a :class:`~cjm.core.stage_model.StageModel` and returns a new one (saving it is the caller's
job: ``ws.set_stage_model(...)``, a data write). Rows come from a table editor: mappings whose empty cells may
be ``None`` or NaN. A renamed stage or outcome keeps its old name as an alias, so events written with the old
name still match.

>>> from cjm.core.stage_model import preset
>>> m = edit_stages(preset("five-stage"), [{"key": "awareness", "label": "Discovery"},
...                                        {"key": "purchase", "label": "Purchase", "final": True}])
>>> m.labels, m.match("Awareness"), m.final_indexes()
(['Discovery', 'Purchase'], (0, None), [1])
>>> map_values(m, {"Kauf": "Purchase"}).match("kauf")
(1, None)
>>> model_from_values(["Lead", "Demo", "demo", "Signed"]).labels
['Lead', 'Demo', 'Signed']
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from cjm.core.stage_model import MAX_STAGES, Outcome, Stage, StageModel, custom, norm
from cjm.errors import CJMError, Message


def _blank(value: object) -> bool:
    """True for an empty cell: None, NaN, pandas' NA, or text of spaces only."""
    if value is None:
        return True
    try:
        if value != value:  # NaN (pandas' NA raises TypeError below)
            return True
    except TypeError:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _text(value: object) -> str | None:
    return None if _blank(value) else str(value).strip()


def _flag(value: object) -> bool:
    return False if _blank(value) else bool(value)


def _key_of(label: str) -> str:
    return norm(label).replace(" ", "-")


def _with_alias(aliases: tuple[str, ...], old: str, new: str) -> tuple[str, ...]:
    """*aliases* plus the *old* name when it was renamed to *new* (once; not when only the case changed)."""
    if old == new or old in aliases:
        return aliases
    return (*aliases, old)


def stage_key(model: StageModel, name: str) -> str:
    """The key of the stage called *name* (its key or label, any case or accents; see
    :meth:`~cjm.core.stage_model.StageModel.index`).

    >>> from cjm.core.stage_model import preset
    >>> stage_key(preset("hinge-b2b-4"), "former CLIENT")
    'former-client'
    """
    return model.stages[model.index(name)].key


def _custom_name(model: StageModel) -> str:
    return model.name if model.name.startswith("custom") else f"custom ({model.name})"


def stage_rows(model: StageModel) -> list[dict[str, Any]]:
    """The rows :func:`edit_stages` takes, for *model* as it is: ``order`` (1, 2, …), ``label``, ``final``, ``key``.

    >>> from cjm.core.stage_model import preset
    >>> stage_rows(preset("five-stage"))[-1]
    {'order': 5, 'label': 'Advocacy', 'final': True, 'key': 'advocacy'}
    """
    return [{"order": i, "label": s.label, "final": s.final, "key": s.key} for i, s in enumerate(model.stages, 1)]


def outcome_rows(model: StageModel) -> list[dict[str, Any]]:
    """The rows :func:`edit_outcomes` takes, for *model* as it is: ``label``, ``stage`` (its label), ``positive``,
    ``key``."""
    labels = {s.key: s.label for s in model.stages}
    return [{"label": o.label, "stage": labels.get(o.stage, o.stage), "positive": o.positive, "key": o.key}
            for o in model.outcomes]


def edit_stages(model: StageModel, rows: Iterable[Mapping[Any, Any]]) -> StageModel:
    """The model with the stages of *rows*, in order: rename, reorder, add, remove, mark final stages.

    A row has ``label`` and optionally ``key`` (an existing stage's key: that stage, renamed if the label
    differs; blank for a new stage, or a removed one of that name brought back), ``final`` and ``order`` (rows
    are sorted by it, blank last; ties keep row order). Rows without a label are left out. Outcomes and mapped values of removed stages go with them.
    Unchanged stages return *model* itself; otherwise the model becomes ``custom (<name>)``.

    Raises :class:`CJMError` for fewer than two stages, more than ``MAX_STAGES``, or two stages with the same
    name (also a new stage named like another stage's key or former name).
    """
    old = {s.key: s for s in model.stages}
    kept = []
    for i, row in enumerate(rows):
        label = _text(row.get("label"))
        if label is None:
            continue
        blank = _blank(row.get("order"))
        kept.append((blank, 0.0 if blank else float(row["order"]), i, label, row))
    kept.sort(key=lambda r: r[:3])
    if len(kept) < 2:
        raise CJMError("core.two_stages")
    if len(kept) > MAX_STAGES:
        raise CJMError("core.too_many_stages", max=MAX_STAGES, n=len(kept))
    stages: list[Stage] = []
    names: dict[str, Message] = {}  # normalised key or label -> how to name its stage in a message
    for *_, label, row in kept:
        given = _text(row.get("key"))
        base = old.get(given or _key_of(label))  # a new row named like a removed stage brings it back
        key = base.key if base else _key_of(label)
        aliases = _with_alias(base.aliases, base.label, label) if base else ()
        said = {norm(label): Message("core.stage_name", label=label)}
        said.setdefault(norm(key), Message("core.stage_name_was", label=label, key=key))
        for name, phrase in said.items():
            if name in names:
                raise CJMError("core.same_stage_name", first=names[name], second=phrase)
            names[name] = phrase
        stages.append(Stage(key, label, aliases, _flag(row.get("final"))))
    # a stage's own name wins over another stage's alias (adding "Consideration" takes it from Research)
    own = [{norm(s.key), norm(s.label)} for s in stages]
    taken = set().union(*own)
    stages = [Stage(s.key, s.label, tuple(a for a in s.aliases if norm(a) in mine or norm(a) not in taken), s.final)
              for s, mine in zip(stages, own)]
    if tuple(stages) == model.stages:
        return model
    keys = {s.key for s in stages}
    return StageModel(_custom_name(model), tuple(stages), tuple(o for o in model.outcomes if o.stage in keys),
                      tuple(a for a in model.extra_aliases if a[1] in keys), model.won if model.won in keys else None)


def edit_outcomes(model: StageModel, rows: Iterable[Mapping[Any, Any]]) -> StageModel:
    """The model with the outcomes of *rows*: add, rename, remove, attach to a stage.

    A row has ``label``, ``stage`` (the stage's label or key), optionally ``positive`` and ``key`` (an existing
    outcome's key: that outcome, renamed if the label differs). Rows without a label or a stage are left out.
    Raises :class:`CJMError` for two outcomes with the same name or a stage that is not in the model.

    >>> from cjm.core.stage_model import preset
    >>> m = edit_outcomes(preset("hinge-b2b-4"), [{"key": "hired", "label": "Won", "stage": "Pre-purchase",
    ...                                            "positive": True}])
    >>> [(o.label, o.stage) for o in m.outcomes], m.match("hired")
    ([('Won', 'pre-purchase')], (0, 'hired'))
    """
    old = {o.key: o for o in model.outcomes}
    outcomes: list[Outcome] = []
    names: dict[str, str] = {}
    for row in rows:
        label, stage = _text(row.get("label")), _text(row.get("stage"))
        if label is None or stage is None:
            continue
        given = _text(row.get("key"))
        base = old.get(given or _key_of(label))  # a new row named like a removed stage brings it back
        key = base.key if base else _key_of(label)
        aliases = _with_alias(base.aliases, base.label, label) if base else ()
        for name in {norm(key), norm(label)}:
            if name in names:
                raise CJMError("core.same_outcome_name", first=names[name], second=label)
            names[name] = label
        outcomes.append(Outcome(key, label, stage_key(model, stage), _flag(row.get("positive")), aliases))
    if tuple(outcomes) == model.outcomes:
        return model
    return StageModel(model.name, model.stages, tuple(outcomes), model.extra_aliases, model.won)


def map_values(model: StageModel, mapping: Mapping[str, str | None]) -> StageModel:
    """The model with stage values of the data mapped to stages (``{value: stage label or key}``); a value
    mapped to nothing (None or "") is left as it is. A value mapped before is mapped again, not twice.

    >>> from cjm.core.stage_model import preset
    >>> m = map_values(preset("five-stage"), {"Pricing": "research", "Other": None})
    >>> m.extra_aliases, m.match("PRICING")
    ((('Pricing', 'research'),), (1, None))
    """
    new = {norm(value): (str(value), stage_key(model, str(stage))) for value, stage in mapping.items()
           if not _blank(value) and not _blank(stage)}
    if not new:
        return model
    kept = tuple(a for a in model.extra_aliases if norm(a[0]) not in new)
    return StageModel(model.name, model.stages, model.outcomes, kept + tuple(new.values()), model.won)


def model_from_values(values: Sequence[str], *, name: str = "custom (from data)") -> StageModel:
    """A custom model with one stage per value, in the given order; values that differ only in case, accents
    or separators count once (the first spelling names the stage). Raises :class:`CJMError` with fewer than
    two stages or more than ``MAX_STAGES``."""
    first: dict[str, str] = {}
    for v in values:
        if not _blank(v):
            first.setdefault(norm(v), v)
    stages = list(first.values())
    if len(stages) < 2:
        raise CJMError("core.not_enough_to_infer")
    if len(stages) > MAX_STAGES:
        raise CJMError("core.too_many_values", n=len(stages), max=MAX_STAGES)
    return custom(stages, name=name)


def model_from_choices(rows: Iterable[Mapping[Any, Any]], *, won: str | None = None,
                       name: str = "custom (from data)") -> StageModel:
    """A custom model from a preview of the data's stage values (:func:`cjm.analyses.workspace_info.stage_preview`)
    as the user edited it: one row per value with ``value``, ``keep`` (blank = keep), ``order`` (rows sorted by
    it, blank last; ties keep row order), ``label`` (a new name; blank = the value, which still matches the data),
    ``final``, ``outcome_of`` (the value or label of the stage it decides: the value becomes an outcome there, not
    a stage) and ``positive``. *won*: the won stage (its value or label).

    >>> m = model_from_choices([
    ...     {"value": "A_SUBMITTED", "label": "Submitted"}, {"value": "W_Call", "keep": False},
    ...     {"value": "A_DECLINED", "outcome_of": "Submitted"}, {"value": "A_ACTIVATED", "final": True}],
    ...     won="A_ACTIVATED")
    >>> m.labels, m.match("a_submitted"), m.match("A_DECLINED"), m.won, m.final_indexes()
    (['Submitted', 'A_ACTIVATED'], (0, None), (0, 'a-declined'), 'a-activated', [1])
    """
    kept = []
    for i, row in enumerate(rows):
        value = _text(row.get("value"))
        if value is None or (not _blank(row.get("keep")) and not bool(row.get("keep"))):
            continue
        blank = _blank(row.get("order"))
        kept.append((blank, 0.0 if blank else float(row["order"]), i, value, row))
    kept.sort(key=lambda r: r[:3])
    stage_rows_: list[tuple[str, str, bool]] = []
    outcome_rows_: list[tuple[str, str, str, bool]] = []
    for *_, value, row in kept:
        label = _text(row.get("label")) or value
        target = _text(row.get("outcome_of"))
        if target is None:
            stage_rows_.append((value, label, _flag(row.get("final"))))
        else:
            outcome_rows_.append((value, label, target, _flag(row.get("positive"))))
    if len(stage_rows_) < 2:
        raise CJMError("core.keep_two")
    if len(stage_rows_) > MAX_STAGES:
        raise CJMError("core.too_many_kept", n=len(stage_rows_), max=MAX_STAGES)
    names: dict[str, str] = {}
    stages = []
    for value, label, final in stage_rows_:
        for n in {norm(label), norm(value)}:
            if n in names and names[n] != label:
                raise CJMError("core.same_stage_name", first=Message("core.stage_name", label=names[n]),
                               second=Message("core.stage_name", label=label))
            names[n] = label
        stages.append(Stage(_key_of(label), label, () if norm(value) == norm(label) else (value,), final))
    if not any(s.final for s in stages):
        stages[-1] = Stage(stages[-1].key, stages[-1].label, stages[-1].aliases, True)
    model = StageModel(name, tuple(stages))
    names_of = {n: s.key for s in stages for n in (norm(s.label), *(norm(a) for a in s.aliases))}
    outcomes = []
    for value, label, target, positive in outcome_rows_:
        if norm(target) not in names_of:
            raise CJMError("core.outcome_of_dropped", value=value, target=target, stages=model.labels)
        outcomes.append(Outcome(_key_of(label), label, names_of[norm(target)], positive,
                                () if norm(value) == norm(label) else (value,)))
    model = StageModel(name, tuple(stages), tuple(outcomes))
    if won is not None:
        if norm(won) not in names_of:
            raise CJMError("core.won_not_kept", won=won, stages=model.labels)
        model = model.with_won(names_of[norm(won)])
    return model
