"""Stage models: the ordered stages of a journey, from the source articles or the user.

A model is an ordered list of :class:`Stage` plus the *outcomes* that can happen at a
decision point (Hinge's "hired / not now / no way" after pre-purchase, "advocate /
lost" for former clients). Stage values in the data are matched to a model by
:func:`norm` — case-, accent- and separator-insensitive, with every name the source
articles give a preset stage (:mod:`cjm.core.stage_words`) as an alias. A preset shows
its labels in the interface language with :meth:`StageModel.localized`.

>>> m = preset("five-stage")
>>> [s.key for s in m.stages][:2]
['awareness', 'research']
>>> m.match("Cercetare")
(1, None)
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field, replace
from typing import Any, TypeVar

from cjm.core.stage_words import words_for
from cjm.errors import CJMError

#: A name per interface language, ``(("en", "Assess"), ("tr", "Değerlendirme"), ...)``: the labels of a preset's stage
#: or outcome (:meth:`StageModel.localized`). Display only: two stages that differ only in it are equal.
Translations = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Stage:
    key: str
    label: str
    aliases: tuple[str, ...] = ()
    final: bool = False  # a customer resting here is not "stuck"
    translations: Translations = field(default=(), compare=False)

    def label_in(self, lang: str) -> str:
        """The stage's label in *lang*; its label as it is when it has none in *lang* (a user's own name)."""
        return dict(self.translations).get(lang, self.label)


@dataclass(frozen=True)
class Outcome:
    key: str
    label: str
    stage: str  # key of the decision stage it belongs to
    positive: bool
    aliases: tuple[str, ...] = ()
    translations: Translations = field(default=(), compare=False)

    def label_in(self, lang: str) -> str:
        """The outcome's label in *lang*; its label as it is when it has none in *lang*."""
        return dict(self.translations).get(lang, self.label)


#: The analyses keep each customer's set of stages as a 64-bit mask (bit k = stage k).
MAX_STAGES = 60


@dataclass(frozen=True)
class StageModel:
    name: str
    stages: tuple[Stage, ...]
    outcomes: tuple[Outcome, ...] = ()
    extra_aliases: tuple[tuple[str, str], ...] = field(default=())  # (raw value, stage key) set by the user
    #: key of the stage that means "won" (a paying customer): what-if's won customers and value per won customer,
    #: the report. Presets name one; a custom model has none until the user says (:meth:`won_index`).
    won: str | None = None

    def __post_init__(self) -> None:
        if len(self.stages) > MAX_STAGES:
            raise CJMError("core.too_many_stages", max=MAX_STAGES, n=len(self.stages))
        if self.won is not None and self.won not in self.keys:
            raise CJMError("core.won_not_in_model", won=self.won, stages=self.labels)

    def won_index(self) -> int | None:
        """The index of the won stage, None when the model names none.

        >>> preset("five-stage").won_index(), custom(["a", "b"]).won_index()
        (2, None)
        """
        return None if self.won is None else self.keys.index(self.won)

    def with_won(self, stage: str | int | None) -> StageModel:
        """The model with *stage* (key, label or index; None: no won stage) as its won stage.

        >>> custom(["Lead", "Client"]).with_won("client").won
        'client'
        """
        key = None if stage is None else self.stages[self.index(stage)].key
        return StageModel(self.name, self.stages, self.outcomes, self.extra_aliases, key)

    @property
    def keys(self) -> list[str]:
        return [s.key for s in self.stages]

    @property
    def labels(self) -> list[str]:
        return [s.label for s in self.stages]

    def index(self, stage: str | int) -> int:
        """The index of a stage given by key or label (any case, accents or separators, see :func:`norm`; a
        preset's label in any language, so the names a localized model shows work on the stored one and back) or
        by its index; a :class:`~cjm.errors.CJMError` naming the stages otherwise. The one stage lookup of the
        analyses (stage filters, "dropped after", comments, the what-if model's won stage and levers).

        >>> m = preset("five-stage")
        >>> m.index("purchase"), m.index("  PURCHASE "), m.index(2)
        (2, 2, 2)
        >>> m.index("checkout")
        Traceback (most recent call last):
        ...
        cjm.errors.CJMError: Unknown stage "checkout". The stages are: Awareness, Research, Purchase, Retention, Advocacy.
        """
        if isinstance(stage, int) and not isinstance(stage, bool):
            if 0 <= stage < len(self.stages):
                return stage
        elif stage in (keys := self.keys):
            return keys.index(stage)
        else:
            wanted = norm(str(stage))
            for i, s in enumerate(self.stages):
                if wanted in (norm(s.key), norm(s.label)):
                    return i
            for i, s in enumerate(self.stages):
                if any(wanted == norm(label) for _, label in s.translations):
                    return i
        raise CJMError("core.unknown_stage", stage=stage, stages=self.labels)

    def outcome_names(self) -> dict[str, Outcome]:
        """normalised outcome key, label or alias -> the outcome (the first outcome that has the name)."""
        out: dict[str, Outcome] = {}
        for o in self.outcomes:
            for name in (o.key, o.label, *o.aliases):
                out.setdefault(norm(name), o)
        return out

    def lookup(self) -> dict[str, tuple[int, str | None]]:
        """normalised value -> (stage index, outcome key or None): how a stage value in the data is matched
        (stage keys, labels and aliases; then outcome names, at their decision stage; the user's own aliases
        last, winning over the rest). A preset's labels in every language are among its aliases; labels per
        language alone (:attr:`Stage.translations`) are display and never change how stored data matches."""
        out: dict[str, tuple[int, str | None]] = {}
        for i, s in enumerate(self.stages):
            for name in (s.key, s.label, *s.aliases):
                out.setdefault(norm(name), (i, None))
        for name, o in self.outcome_names().items():
            out.setdefault(name, (self.index(o.stage), o.key))
        for raw, key in self.extra_aliases:
            out[norm(raw)] = (self.index(key), None)
        return out

    def match(self, value: str | None) -> tuple[int | None, str | None]:
        """(stage index, outcome key) of a stage value in the data, (None, None) when it is not in the model."""
        if value is None:
            return (None, None)
        return self.lookup().get(norm(value), (None, None))

    def final_indexes(self) -> list[int]:
        idx = [i for i, s in enumerate(self.stages) if s.final]
        return idx or [len(self.stages) - 1]

    def localized(self, lang: str) -> StageModel:
        """The same model (keys, order, final and won stages, outcomes, the user's aliases) with each stage and
        outcome labelled in *lang* where it has a label in *lang* (a preset's, from the articles: see
        :mod:`cjm.core.stage_words`); a user's own names stay as they are, so a custom model comes back unchanged.
        The label it had stays a name of its stage (an alias), so lookups by the English label still work, and
        the data matches exactly as before: the analyses give the same numbers.

        >>> m = preset("coleman-8").localized("tr")
        >>> m.labels[:3], m.match("Accomplish"), m.index("Assess")
        (['Değerlendirme', 'Kabul Etme', 'Onaylama'], (5, None), 0)
        >>> m.localized("en").labels == preset("coleman-8").labels
        True
        >>> custom(["Lead", "Client"]).localized("tr").labels
        ['Lead', 'Client']
        """
        stages = tuple(_relabel(s, s.label_in(lang)) for s in self.stages)
        outcomes = tuple(_relabel(o, o.label_in(lang)) for o in self.outcomes)
        if stages == self.stages and outcomes == self.outcomes:
            return self
        return replace(self, stages=stages, outcomes=outcomes)

    def to_json(self) -> str:
        """The model as JSON (how a workspace stores it); labels per language as an object ``{"tr": ...}``."""
        d = asdict(self)
        for part in (*d["stages"], *d["outcomes"]):
            part["translations"] = dict(part["translations"])
        return json.dumps(d, ensure_ascii=False)

    @staticmethod
    def from_json(text: str) -> StageModel:
        """The model of :meth:`to_json`. A model saved before stages had labels per language gets a preset's
        labels for the stages and outcomes it still has as the preset has them (same key, same label), when it is
        that preset or an edit of it (named ``custom (<preset>)``); a renamed stage keeps the user's name. Only
        the labels: its aliases stay as stored, so the data it was applied to still matches it (newer words of
        the preset come with :func:`with_preset_words`, a change of the model to save and apply)."""
        d = json.loads(text)
        model = StageModel(
            name=d["name"],
            stages=tuple(Stage(s["key"], s["label"], tuple(s.get("aliases", ())), bool(s.get("final")),
                               _translations(s.get("translations"))) for s in d["stages"]),
            outcomes=tuple(Outcome(o["key"], o["label"], o["stage"], bool(o["positive"]), tuple(o.get("aliases", ())),
                                   _translations(o.get("translations"))) for o in d.get("outcomes", ())),
            extra_aliases=tuple(tuple(x) for x in d.get("extra_aliases", ())),
            won=d.get("won"),  # absent in models saved before the won stage existed
        )
        return _with_preset_labels(model)


_TR_MAP = str.maketrans({"ı": "i", "İ": "i", "ş": "s", "ș": "s", "ţ": "t", "ț": "t", "ğ": "g"})


def norm(value: str) -> str:
    """Case-, accent- and separator-insensitive form of a stage or header name.

    >>> norm("  Ön-Değerlendirme ")
    'on degerlendirme'
    >>> norm("Etapă_Cumpărare")
    'etapa cumparare'
    """
    text = str(value).translate(_TR_MAP).lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(_TR_MAP)
    return re.sub(r"[\s_\-./]+", " ", text).strip()


_Named = TypeVar("_Named", Stage, Outcome)


def _relabel(item: _Named, label: str) -> _Named:
    """*item* labelled *label*; its former label and its English one stay among its aliases."""
    if label == item.label:
        return item
    aliases = list(item.aliases)
    taken = {norm(a) for a in aliases} | {norm(label)}
    for old in (item.label, dict(item.translations).get("en")):
        if old is not None and norm(old) not in taken:
            aliases.append(old)
            taken.add(norm(old))
    return replace(item, label=label, aliases=tuple(aliases))


def _translations(value: Any) -> Translations:
    """Labels per language as stored (an object; older models: absent) -> :data:`Translations`."""
    if not value:
        return ()
    pairs = value.items() if isinstance(value, dict) else value
    return tuple((str(lang), str(label)) for lang, label in pairs)


def _preset_of(model: StageModel) -> StageModel | None:
    """The preset *model* is, or was edited from (``custom (<preset>)``, see :mod:`cjm.core.stage_edit`)."""
    name = model.name
    if name.startswith("custom (") and name.endswith(")"):
        name = name[len("custom ("):-1]
    return PRESETS.get(name)


def _with_preset_labels(model: StageModel) -> StageModel:
    """*model* with the preset's labels per language for each stage and outcome that has none and is as in the
    preset (same key and label): how a model stored before labels per language existed gets them."""
    base = _preset_of(model)
    if base is None:
        return model
    stages = {s.key: s for s in base.stages}
    outcomes = {o.key: o for o in base.outcomes}

    def filled(item: _Named, like: _Named | None) -> _Named:
        if item.translations or like is None or like.label != item.label:
            return item
        return replace(item, translations=like.translations)

    new_stages = tuple(filled(s, stages.get(s.key)) for s in model.stages)
    new_outcomes = tuple(filled(o, outcomes.get(o.key)) for o in model.outcomes)
    if all(a is b for a, b in zip((*new_stages, *new_outcomes), (*model.stages, *model.outcomes))):
        return model
    return replace(model, stages=new_stages, outcomes=new_outcomes)


def with_preset_words(model: StageModel) -> StageModel:
    """*model* with the aliases and labels per language its preset has now (:data:`PRESETS`) added to each stage
    and outcome that is as in the preset (same key and label), when it is a preset or an edit of one: for a model
    stored before the preset knew some words (e.g. Coleman's "Sonuçlandırma"). A word another stage, outcome or
    mapped value of *model* already has is not added. Saving the result re-applies the model (a data write).

    >>> c8 = preset("coleman-8")
    >>> old = replace(c8, stages=tuple(replace(s, aliases=s.aliases[:2], translations=()) for s in c8.stages))
    >>> old.match("Sonuçlandırma"), with_preset_words(old).match("Sonuçlandırma")
    ((None, None), (5, None))
    """
    base = _preset_of(model)
    if base is None:
        return model
    taken = {n for items in (model.stages, model.outcomes) for it in items for n in (norm(it.key), norm(it.label),
                                                                                    *map(norm, it.aliases))}
    taken |= {norm(raw) for raw, _ in model.extra_aliases}
    like: dict[tuple[str, str], Stage | Outcome] = {("s", s.key): s for s in base.stages}
    like.update({("o", o.key): o for o in base.outcomes})

    def more(item: _Named, kind: str) -> _Named:
        p = like.get((kind, item.key))
        if p is None or p.label != item.label:
            return item
        new = tuple(a for a in p.aliases if norm(a) not in taken)
        taken.update(norm(a) for a in new)
        return replace(item, aliases=item.aliases + new, translations=item.translations or p.translations)

    return replace(model, stages=tuple(more(s, "s") for s in model.stages),
                   outcomes=tuple(more(o, "o") for o in model.outcomes))


def _names(preset: str, key: str, labels: tuple[str, str, str], aliases: tuple[str, ...], *,
           outcome: bool = False) -> tuple[tuple[str, ...], Translations]:
    """Aliases of a preset's stage or outcome: *aliases*, then its words in the articles
    (:data:`cjm.core.stage_words.WORDS`), then its labels (English, Turkish, Romanian), each name once
    (:func:`norm`); and its labels per language."""
    out: list[str] = []
    seen: set[str] = set()
    for name in (*aliases, *(w.word for w in words_for(preset, key, outcome=outcome)), *labels):
        if norm(name) not in seen:
            seen.add(norm(name))
            out.append(name)
    return tuple(out), tuple(zip(("en", "tr", "ro"), labels))


def _s(preset: str, key: str, labels: tuple[str, str, str], *aliases: str, final: bool = False) -> Stage:
    """A preset's stage: *labels* in English, Turkish and Romanian (the first is its label)."""
    names, translations = _names(preset, key, labels, aliases)
    return Stage(key, labels[0], names, final, translations)


def _o(preset: str, key: str, labels: tuple[str, str, str], stage: str, positive: bool, *aliases: str) -> Outcome:
    """A preset's outcome at *stage*: *labels* in English, Turkish and Romanian (the first is its label)."""
    names, translations = _names(preset, key, labels, aliases, outcome=True)
    return Outcome(key, labels[0], stage, positive, names, translations)


_H, _F, _C, _Q = "hinge-b2b-4", "five-stage", "coleman-8", "questionpro-4"

#: The preset models. Their Turkish and Romanian labels are the articles' words (or, where no article names a
#: stage in that language, a translation), each listed with its source in :mod:`cjm.core.stage_words`.
PRESETS: dict[str, StageModel] = {
    _H: StageModel(
        _H,
        (
            _s(_H, "pre-purchase", ("Pre-purchase", "Satın Alma Öncesi", "Pre-achiziție"),
               "prepurchase", "pre purchase experience", "prospect", "satın alma öncesi", "satin alma oncesi",
               "ön satış", "pre-achiziție", "pre achizitie", "înainte de achiziție"),
            _s(_H, "client-experience", ("Client experience", "Müşteri Deneyimi", "Experiența clientului"),
               "client", "engagement", "müşteri deneyimi", "musteri deneyimi", "experiența clientului",
               "experienta clientului"),
            _s(_H, "between-engagements", ("Between engagements", "Etkileşimler Arası", "Între angajamente"),
               "between engagement", "projeler arası", "projeler arasi", "işler arası", "între proiecte",
               "intre proiecte", "între angajamente"),
            _s(_H, "former-client", ("Former client", "Eski Müşteri", "Fost client"),
               "former", "past client", "eski müşteri", "eski musteri", "fost client", "fosti clienti", final=True),
        ),
        (
            _o(_H, "hired", ("Hired", "İşe alındı", "Angajat"), "pre-purchase", True,
               "won", "closed won", "işe alındı", "kazanıldı", "câștigat", "angajat"),
            _o(_H, "not-now", ("Not now", "Şimdi değil", "Nu acum"), "pre-purchase", False,
               "not now", "şimdi değil", "simdi degil", "nu acum", "later"),
            _o(_H, "no-way", ("No way", "Olmaz", "În niciun caz"), "pre-purchase", False,
               "no way", "lost deal", "closed lost", "asla", "kaybedildi", "în niciun caz", "pierdut"),
            _o(_H, "advocate", ("Advocate", "Savunucu", "Susținător"), "former-client", True,
               "promoter", "referrer", "savunucu", "avukat", "susținător", "ambasador"),
            _o(_H, "lost", ("Lost", "Kayıp", "Client pierdut"), "former-client", False,
               "churned", "kayıp", "kayip", "pierdut client"),
        ),
        won="client-experience",  # hired: the prospect became a client
    ),
    _F: StageModel(
        _F,
        (
            _s(_F, "awareness", ("Awareness", "Farkındalık", "Conștientizare"),
               "farkındalık", "farkindalik", "conștientizare", "constientizare", "conștientizarea"),
            _s(_F, "research", ("Research", "Araştırma", "Cercetare"),
               "consideration", "araştırma", "arastirma", "cercetare", "documentare", "informare"),
            _s(_F, "purchase", ("Purchase", "Satın Alma", "Achiziție"),
               "satın alma", "satin alma", "achiziție", "achizitie", "cumpărare", "cumparare"),
            _s(_F, "retention", ("Retention", "Elde Tutma", "Retenție"),
               "elde tutma", "sadakat", "retenție", "retentie", "fidelizare", "păstrare"),
            _s(_F, "advocacy", ("Advocacy", "Savunuculuk", "Advocacy"),
               "savunuculuk", "tavsiye", "recomandare", "susținere", "sustinere", final=True),
        ),
        won="purchase",
    ),
    _C: StageModel(
        _C,
        (
            _s(_C, "assess", ("Assess", "Değerlendirme", "Evaluare"), "değerlendirme", "degerlendirme", "evaluare"),
            _s(_C, "admit", ("Admit", "Kabul Etme", "Acceptare"), "kabul", "kabul etme", "admitere", "acceptare"),
            _s(_C, "affirm", ("Affirm", "Onaylama", "Confirmare"), "onaylama", "onay", "teyit", "afirmare",
               "confirmare"),
            _s(_C, "activate", ("Activate", "Etkinleştirme", "Activare"), "aktive etme", "aktivasyon",
               "etkinleştirme", "activare"),
            _s(_C, "acclimate", ("Acclimate", "Alışma", "Acomodare"), "alışma", "alisma", "uyum", "aclimatizare",
               "acomodare"),
            _s(_C, "accomplish", ("Accomplish", "Sonuçlandırma", "Realizare"), "başarma", "basarma", "başarı",
               "realizare", "îndeplinire"),
            _s(_C, "adopt", ("Adopt", "Benimseme", "Adoptare"), "benimseme", "sahiplenme", "adoptare", "adopție"),
            _s(_C, "advocate", ("Advocate", "Savunma", "Susținere"), "savunma", "savunuculuk", "tavsiye etme",
               "susținere", "recomandare", final=True),
        ),
        # assess, admit and affirm are the decision and its confirmation; at activate the customer starts using
        # (and paying for) what they bought, the first stage that is revenue rather than intent
        won="activate",
    ),
    _Q: StageModel(
        _Q,
        (
            _s(_Q, "awareness", ("Awareness", "Farkındalık", "Conștientizare"),
               "farkındalık", "farkindalik", "conștientizare", "constientizare"),
            _s(_Q, "consideration", ("Consideration", "Değerlendirme", "Considerare"),
               "değerlendirme", "degerlendirme", "düşünme", "considerare", "evaluare"),
            _s(_Q, "purchase", ("Purchase", "Satın Alma", "Achiziție"),
               "satın alma", "satin alma", "achiziție", "achizitie", "cumpărare"),
            _s(_Q, "post-purchase", ("Post-purchase", "Satın Alma Sonrası", "Post-achiziție"),
               "satın alma sonrası", "satin alma sonrasi", "post-achiziție", "post achizitie", "după cumpărare",
               final=True),
        ),
        won="purchase",
    ),
}


def preset(name: str) -> StageModel:
    try:
        return PRESETS[name]
    except KeyError:
        raise CJMError("core.unknown_model", name=name, presets=list(PRESETS)) from None


def custom(stages: list[str], *, name: str = "custom") -> StageModel:
    """A model from an ordered list of stage names given by the user."""
    cleaned = [s.strip() for s in stages if s and s.strip()]
    if len(cleaned) < 2:
        raise CJMError("core.two_stages_example")
    seen: dict[str, str] = {}
    for s in cleaned:
        if norm(s) in seen:
            raise CJMError("core.stage_twice", stage=s, first=seen[norm(s)])
        seen[norm(s)] = s
    return StageModel(name, tuple(Stage(key=norm(s).replace(" ", "-"), label=s, final=(i == len(cleaned) - 1))
                                  for i, s in enumerate(cleaned)))
