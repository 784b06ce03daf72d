"""Stage models: the ordered stages of a journey, from the source articles or the user.

A model is an ordered list of :class:`Stage` plus the *outcomes* that can happen at a
decision point (Hinge's "hired / not now / no way" after pre-purchase, "advocate /
lost" for former clients). Stage values in the data are matched to a model by
:func:`norm` — case-, accent- and separator-insensitive, with Turkish and Romanian
names of the preset stages as aliases.

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
from dataclasses import asdict, dataclass, field

from cjm.errors import CJMError


@dataclass(frozen=True)
class Stage:
    key: str
    label: str
    aliases: tuple[str, ...] = ()
    final: bool = False  # a customer resting here is not "stuck"


@dataclass(frozen=True)
class Outcome:
    key: str
    label: str
    stage: str  # key of the decision stage it belongs to
    positive: bool
    aliases: tuple[str, ...] = ()


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
            raise CJMError(f"A stage model can have at most {MAX_STAGES} stages; this one has {len(self.stages)}. "
                           f"Merge stages that are steps of one phase (e.g. several research steps into Research).")
        if self.won is not None and self.won not in self.keys:
            raise CJMError(f'The won stage "{self.won}" is not a stage of the model. '
                           f'The stages are: {", ".join(self.labels)}.')

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
        """The index of a stage given by key or label (any case, accents or separators, see :func:`norm`) or
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
        raise CJMError(f'Unknown stage "{stage}". The stages are: {", ".join(self.labels)}.')

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
        last, winning over the rest)."""
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

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @staticmethod
    def from_json(text: str) -> StageModel:
        d = json.loads(text)
        return StageModel(
            name=d["name"],
            stages=tuple(Stage(s["key"], s["label"], tuple(s.get("aliases", ())), bool(s.get("final")))
                         for s in d["stages"]),
            outcomes=tuple(Outcome(o["key"], o["label"], o["stage"], bool(o["positive"]), tuple(o.get("aliases", ())))
                           for o in d.get("outcomes", ())),
            extra_aliases=tuple(tuple(x) for x in d.get("extra_aliases", ())),
            won=d.get("won"),  # absent in models saved before the won stage existed
        )


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


def _s(key: str, label: str, *aliases: str, final: bool = False) -> Stage:
    return Stage(key, label, tuple(aliases), final)


PRESETS: dict[str, StageModel] = {
    "hinge-b2b-4": StageModel(
        "hinge-b2b-4",
        (
            _s("pre-purchase", "Pre-purchase", "prepurchase", "pre purchase experience", "prospect", "satın alma öncesi",
               "satin alma oncesi", "ön satış", "pre-achiziție", "pre achizitie", "înainte de achiziție"),
            _s("client-experience", "Client experience", "client", "engagement", "müşteri deneyimi", "musteri deneyimi",
               "experiența clientului", "experienta clientului"),
            _s("between-engagements", "Between engagements", "between engagement", "projeler arası", "projeler arasi",
               "işler arası", "între proiecte", "intre proiecte", "între angajamente"),
            _s("former-client", "Former client", "former", "past client", "eski müşteri", "eski musteri",
               "fost client", "fosti clienti", final=True),
        ),
        (
            Outcome("hired", "Hired", "pre-purchase", True, ("won", "closed won", "işe alındı", "kazanıldı", "câștigat", "angajat")),
            Outcome("not-now", "Not now", "pre-purchase", False, ("not now", "şimdi değil", "simdi degil", "nu acum", "later")),
            Outcome("no-way", "No way", "pre-purchase", False, ("no way", "lost deal", "closed lost", "asla", "kaybedildi",
                                                                "în niciun caz", "pierdut")),
            Outcome("advocate", "Advocate", "former-client", True, ("promoter", "referrer", "savunucu", "avukat", "susținător", "ambasador")),
            Outcome("lost", "Lost", "former-client", False, ("churned", "kayıp", "kayip", "pierdut client")),
        ),
        won="client-experience",  # hired: the prospect became a client
    ),
    "five-stage": StageModel(
        "five-stage",
        (
            _s("awareness", "Awareness", "farkındalık", "farkindalik", "conștientizare", "constientizare", "conștientizarea"),
            _s("research", "Research", "consideration", "araştırma", "arastirma", "cercetare", "documentare", "informare"),
            _s("purchase", "Purchase", "satın alma", "satin alma", "achiziție", "achizitie", "cumpărare", "cumparare"),
            _s("retention", "Retention", "elde tutma", "sadakat", "retenție", "retentie", "fidelizare", "păstrare"),
            _s("advocacy", "Advocacy", "savunuculuk", "tavsiye", "recomandare", "susținere", "sustinere", final=True),
        ),
        won="purchase",
    ),
    "coleman-8": StageModel(
        "coleman-8",
        (
            _s("assess", "Assess", "değerlendirme", "degerlendirme", "evaluare"),
            _s("admit", "Admit", "kabul", "kabul etme", "admitere", "acceptare"),
            _s("affirm", "Affirm", "onaylama", "onay", "teyit", "afirmare", "confirmare"),
            _s("activate", "Activate", "aktive etme", "aktivasyon", "etkinleştirme", "activare"),
            _s("acclimate", "Acclimate", "alışma", "alisma", "uyum", "aclimatizare", "acomodare"),
            _s("accomplish", "Accomplish", "başarma", "basarma", "başarı", "realizare", "îndeplinire"),
            _s("adopt", "Adopt", "benimseme", "sahiplenme", "adoptare", "adopție"),
            _s("advocate", "Advocate", "savunma", "savunuculuk", "tavsiye etme", "susținere", "recomandare", final=True),
        ),
        # assess, admit and affirm are the decision and its confirmation; at activate the customer starts using
        # (and paying for) what they bought, the first stage that is revenue rather than intent
        won="activate",
    ),
    "questionpro-4": StageModel(
        "questionpro-4",
        (
            _s("awareness", "Awareness", "farkındalık", "farkindalik", "conștientizare", "constientizare"),
            _s("consideration", "Consideration", "değerlendirme", "degerlendirme", "düşünme", "considerare", "evaluare"),
            _s("purchase", "Purchase", "satın alma", "satin alma", "achiziție", "achizitie", "cumpărare"),
            _s("post-purchase", "Post-purchase", "satın alma sonrası", "satin alma sonrasi", "post-achiziție",
               "post achizitie", "după cumpărare", final=True),
        ),
        won="purchase",
    ),
}


def preset(name: str) -> StageModel:
    try:
        return PRESETS[name]
    except KeyError:
        raise CJMError(f'Unknown stage model "{name}". Choose one of: {", ".join(PRESETS)}, or give your own stages '
                       f'with --stages "a,b,c".') from None


def custom(stages: list[str], *, name: str = "custom") -> StageModel:
    """A model from an ordered list of stage names given by the user."""
    cleaned = [s.strip() for s in stages if s and s.strip()]
    if len(cleaned) < 2:
        raise CJMError("A stage model needs at least two stages, in journey order (e.g. \"awareness,purchase\").")
    seen: dict[str, str] = {}
    for s in cleaned:
        if norm(s) in seen:
            raise CJMError(f'The stage "{s}" appears twice in the stage list (as "{seen[norm(s)]}"). Give each stage once.')
        seen[norm(s)] = s
    return StageModel(name, tuple(Stage(key=norm(s).replace(" ", "-"), label=s, final=(i == len(cleaned) - 1))
                                  for i, s in enumerate(cleaned)))
