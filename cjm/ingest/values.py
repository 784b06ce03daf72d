"""Cell conversions, all in DuckDB SQL over the raw text table (decisions per column, never per row in Python).

Rules (documented for users in the import report):

* IDs and text: trimmed, kept as text (leading zeros stay); empty → NULL.
* Dates: ISO ``yyyy-mm-dd[ T]hh:mm[:ss[.fff]]``, ``dd.mm.yyyy`` (always day first), ``dd/mm/yyyy``,
  ``mm/dd/yyyy``, ``dd-mm-yyyy``, month names in English, Turkish or Romanian (``3 Mar 2026``,
  ``03-Mar-2026``, ``3 Mart 2026``, ``3 martie 2026``, ``March 3, 2026``) (two-digit years: 00–69 → 20xx, 70–99 → 19xx), optional time (24 h, or
  12 h with AM/PM), optional UTC offset (``Z``, ``+03:00``, ``-0500``;
  converted to UTC and stored without zone), Excel serial numbers (1900 system, or 1904 when the
  workbook says so). Slash dates: the column is day-first if some value only reads day-first
  (``25/03/2026``), month-first if some only reads month-first (``03/25/2026``); majority wins if both;
  if every value reads both ways differently, :class:`AmbiguousDatesError` asks for ``date_order``.
* Numbers: currency signs/codes and spaces dropped; the decimal separator is decided per column: a value
  with both ``.`` and ``,`` votes for the last one, a separator followed by other than exactly three
  digits votes for itself, a repeated separator (``1.234.567``) votes against itself; a tie goes to the
  file's locale (``;``-delimited or a Turkish/Romanian code page → decimal comma, else decimal point).
* Emotion → canonical −2..+2, scale decided per column from its numeric values: any value < 0 → −2..+2;
  all in 1..5 → 1–5 (x − 3); all in 1..7 → 1–7 ((x − 4)·2/3); all in 0..10 → 0–10 ((x − 5)·0.4).
  Words (EN/TR/RO, see :data:`EMOTION_WORDS`) map to −2..+2. The raw text is kept in ``emotion_raw``.
* NPS: an integer 0..10. Satisfaction, value, cost: numbers.
* No emotion column but a satisfaction/rating one: ``emotion`` is taken from it with the same scale rules
  (``satisfaction`` itself is kept as given; ``emotion_raw`` holds its text); a value outside the scale
  leaves ``emotion`` empty without rejecting the row.

A cell that cannot be read rejects its row, with a reason naming row and column.

Speed (see :class:`TypedRows`): the per-column decisions are taken on the first :data:`SAMPLE_ROWS` rows; every
row is checked against them as it is converted, and a row they may not fit makes its column decide again on the
whole file, so the result is the one of deciding on the whole file. A row is converted once on its way into
``events``; only the rows that are skipped there are looked at again.

>>> rule = decide_decimal(both_comma=0, both_dot=0, comma_dec=3, dot_dec=0, multi_dot=0, multi_comma=0, hint=".")
>>> rule
','
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import duckdb

from cjm.core.sql import ident
from cjm.core.stage_model import norm
from cjm.errors import AmbiguousDatesError, Message
from cjm.ingest.raw import RawTable

TEXT_FIELDS = ("customer_id", "stage", "touchpoint", "channel", "outcome", "segment", "persona", "role", "comment")
NUMBER_FIELDS = ("satisfaction", "value", "cost")

#: emotion words (normalised with :func:`cjm.core.stage_model.norm` on both sides) → canonical score
EMOTION_WORDS: dict[str, int] = {}
for _score, _words in {
    2: ("very happy", "delighted", "excited", "love", "loved", "thrilled", "very satisfied", "çok mutlu", "harika",
        "heyecanlı", "çok memnun", "bayıldım", "încântat", "foarte mulțumit", "foarte fericit", "entuziasmat", "super"),
    1: ("happy", "satisfied", "pleased", "good", "positive", "glad", "content", "mutlu", "memnun", "iyi", "olumlu",
        "sevinçli", "mulțumit", "fericit", "bun", "pozitiv", "bucuros"),
    0: ("neutral", "ok", "okay", "fine", "mixed", "nötr", "normal", "idare eder", "kararsız", "neutru", "indiferent",
        "așa și așa", "ok ok"),
    -1: ("unhappy", "dissatisfied", "disappointed", "confused", "negative", "worried", "anxious", "sad", "mutsuz",
         "memnuniyetsiz", "hayal kırıklığı", "olumsuz", "endişeli", "üzgün", "kafası karışık", "nemulțumit",
         "dezamăgit", "confuz", "negativ", "îngrijorat", "trist"),
    -2: ("frustrated", "angry", "furious", "very unhappy", "very dissatisfied", "hate", "annoyed", "sinirli", "kızgın",
         "öfkeli", "çok mutsuz", "çok memnuniyetsiz", "frustrat", "furios", "supărat", "foarte nemulțumit", "nervos"),
}.items():
    for _w in _words:
        EMOTION_WORDS[norm(_w)] = _score

_OFFSET_RE = r"\d:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})$"
_OFFSET_STRIP_RE = r"\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})$"
_NUM_CLEAN_RE = r"(?i)(€|\$|£|₺|\btl\b|\btry\b|\bron\b|\blei\b|\beur\b|\busd\b|\s|\x{00a0}|\x{202f}|')"


def _lit(text: str) -> str:
    """A constant of this module as a SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def raw_expr(col: str) -> str:
    """The trimmed cell text, NULL when empty."""
    return f"NULLIF(trim({ident(col)}), '')"


def decide_decimal(*, both_comma: int, both_dot: int, comma_dec: int, dot_dec: int, multi_dot: int,
                   multi_comma: int, hint: str) -> str:
    """',' or '.' from the per-column votes described in the module docstring."""
    comma = both_comma + comma_dec + multi_dot
    dot = both_dot + dot_dec + multi_comma
    if comma != dot:
        return "," if comma > dot else "."
    return hint


def _fetch1(cur: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> tuple:
    return cur.execute(sql, params or []).fetchall()[0]


NUMBER_SAMPLE = 200_000


def number_decimal(cur: duckdb.DuckDBPyConnection, table: str, r: str, *, hint: str) -> str:
    """',' or '.': the decimal separator of the trimmed text *r* of a column (votes: see the module docstring)."""
    # decided on up to NUMBER_SAMPLE values that have a separator; later rows that disagree are rejected
    row = _fetch1(cur, f"""WITH v AS (SELECT {r} AS s FROM {ident(table)}
                                     WHERE contains({r}, '.') OR contains({r}, ',') LIMIT {NUMBER_SAMPLE}),
        w AS (SELECT s, contains(s, '.') AS d, contains(s, ',') AS c, strpos(reverse(s), '.') AS dp,
                     strpos(reverse(s), ',') AS cp FROM v WHERE s IS NOT NULL AND (contains(s, '.') OR contains(s, ',')))
        SELECT count(*) FILTER (d AND c AND cp < dp), count(*) FILTER (d AND c AND dp < cp),
               count(*) FILTER (c AND NOT d AND cp <> 4 AND length(s) - length(replace(s, ',', '')) = 1),
               count(*) FILTER (d AND NOT c AND dp <> 4 AND length(s) - length(replace(s, '.', '')) = 1),
               count(*) FILTER (length(s) - length(replace(s, '.', '')) > 1),
               count(*) FILTER (length(s) - length(replace(s, ',', '')) > 1)
        FROM w""")
    return decide_decimal(both_comma=row[0], both_dot=row[1], comma_dec=row[2], dot_dec=row[3], multi_dot=row[4],
                          multi_comma=row[5], hint=hint)


def number_expr(r: str, decimal: str) -> str:
    """SQL for the DOUBLE value of the trimmed cell text *r* (NULL when empty or unreadable).

    Plain numbers take a fast cast; the rest are cleaned (currency, spaces) and checked against the
    column's decimal separator, thousands groups included.
    """
    s = f"regexp_replace({r}, {_lit(_NUM_CLEAN_RE)}, '', 'g')"
    if decimal == ",":
        pattern = r"^[-+]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$|^[-+]?,\d+$"
        conv = f"replace(replace({s}, '.', ''), ',', '.')"
        fast = f"NOT contains({r}, '.') AND NOT contains({r}, ',')"
    else:
        pattern = r"^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[-+]?\.\d+$"
        conv = f"replace({s}, ',', '')"
        fast = f"NOT contains({r}, ',')"
    return (f"CASE WHEN {r} IS NULL THEN NULL WHEN {fast} AND isfinite(TRY_CAST({r} AS DOUBLE)) "
            f"THEN TRY_CAST({r} AS DOUBLE) WHEN regexp_matches({s}, {_lit(pattern)}) THEN TRY_CAST({conv} AS DOUBLE) END")


@dataclass
class DatePlan:
    order: str  # "dayfirst" | "monthfirst"
    ambiguous: bool = False
    examples: list[str] = field(default_factory=list)
    voted: bool = False  # some value reads only one way (the order comes from those votes)


#: month names and abbreviations (EN / TR / RO), lower case without accents (Turkish ı as i) -> month number
MONTH_NAMES: dict[str, int] = {}
for _m, _names in enumerate((
        ("january", "jan", "ocak", "oca", "ianuarie", "ian"),
        ("february", "feb", "subat", "sub", "februarie"),
        ("march", "mar", "mart", "martie"),
        ("april", "apr", "nisan", "nis", "aprilie"),
        ("may", "mayis", "mai"),
        ("june", "jun", "haziran", "haz", "iunie", "iun"),
        ("july", "jul", "temmuz", "tem", "iulie", "iul"),
        ("august", "aug", "agustos", "agu"),
        ("september", "sep", "sept", "eylul", "eyl", "septembrie"),
        ("october", "oct", "ekim", "eki", "octombrie"),
        ("november", "nov", "kasim", "kas", "noiembrie", "noi"),
        ("december", "dec", "aralik", "ara", "decembrie")), start=1):
    for _n in _names:
        MONTH_NAMES[_n] = _m
#: "|name:mm|..." for every month name: a month is found with strpos in this one string (DuckDB spends a lot
#: on list constants in an expression, even for rows that never reach them)
_MONTH_LOOKUP = "|" + "|".join(f"{n}:{m:02d}" for n, m in MONTH_NAMES.items()) + "|"
_TIME = r"(?:[ T,]+(\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?"
#: "3 Mar 2026", "03-Mar-2026", "3 Mart 2026", "3 martie 2026" (day, month name, year, time)
#: a letter of a month name (Latin with the accented letters of Latin-1 and Latin Extended: Turkish, Romanian);
#: narrower than \p{L}, which RE2 takes ~15 ms to compile each time a query is planned
_LETTER = r"[A-Za-z\x{00C0}-\x{024F}]"
_DAY_MON_RE = r"^(\d{1,2})[ .\-/]*(" + _LETTER + r"{3,})\.?[ .\-/,]*(\d{4}|\d{2})" + _TIME + "$"
#: "March 3, 2026", "Mar 3 2026" (month name, day, year, time)
_MON_DAY_RE = r"^(" + _LETTER + r"{3,})\.?[ .\-]+(\d{1,2})(?:st|nd|rd|th)?,?[ .\-]+(\d{4})" + _TIME + "$"


def _let(value: str, name: str, body: str) -> str:
    """SQL: *body* with *name* standing for *value*, computed once per row (a one-item ``list_transform``).

    The date rules read many parts of a cell; binding each regex result once keeps the SQL small, which DuckDB
    plans much faster (every regex in the text is compiled when the query is planned) and runs faster.

    >>> import duckdb
    >>> duckdb.sql(f"SELECT {_let('40 + 2', 'x', 'x * x')}").fetchall()
    [(1764,)]
    """
    return f"list_transform([{value}], lambda {name}: {body})[1]"


def month_name_expr(loc: str) -> str:
    """SQL for the TIMESTAMP of a date written with a month name (EN/TR/RO, full or 3-letter), else NULL.

    >>> import duckdb
    >>> con = duckdb.connect()
    >>> [con.execute(f"SELECT {month_name_expr(repr(t))}").fetchone()[0].date().isoformat()
    ...  for t in ("3 Mar 2026", "03-Mar-26", "3 Mart 2026", "3 martie 2026", "14 Ağustos 2025", "March 3, 2026")]
    ['2026-03-03', '2026-03-03', '2026-03-03', '2026-03-03', '2025-08-14', '2026-03-03']
    """
    lookup = _lit(_MONTH_LOOKUP)

    def build(re_: str, d: str, m: str) -> str:
        """*re_*'s groups, bound as ``_n.g1``.. (``g3`` the year, ``g4`` the time); *d*, *m*: the day and month name."""
        year = "(CASE WHEN length(_n.g3) = 2 THEN (CASE WHEN _n.g3 < '70' THEN '20' ELSE '19' END) || _n.g3 ELSE _n.g3 END)"
        key = f"'|' || replace(strip_accents(lower(_n.{m})), 'ı', 'i') || ':'"
        at = f"strpos({lookup}, {key})"
        month = f"CASE WHEN {at} > 0 THEN substr({lookup}, {at} + length({key}), 2) END"
        body = (f"TRY_CAST({year} || '-' || {month} || '-' || _n.{d} AS DATE) + "
                f"CASE WHEN _n.g4 = '' THEN TIME '00:00:00' ELSE TRY_CAST(_n.g4 AS TIME) END")
        return _let(f"regexp_extract({loc}, {_lit(re_)}, ['g1', 'g2', 'g3', 'g4'])", "_n", body)

    return (f"CASE WHEN regexp_matches({loc}, {_lit(_DAY_MON_RE)}) THEN {build(_DAY_MON_RE, 'g1', 'g2')} "
            f"WHEN regexp_matches({loc}, {_lit(_MON_DAY_RE)}) THEN {build(_MON_DAY_RE, 'g2', 'g1')} END")


_DMY_RE = (r"^(\d{1,2})([./-])(\d{1,2})[./-](\d{4}|\d{2})"
           r"(?:[ T](\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?:\s*([AaPp])\.?[Mm]\.?)?)?$")
#: the dotted form only (``03.04.2026``, always day first): what a *strict* date conversion accepts
_DMY_DOT_RE = _DMY_RE.replace("([./-])", "([.])").replace("[./-]", "[.]")
_ISO_RE = r"^\d{4}[-/]\d{1,2}[-/]\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"


def _dmy_parts(local: str) -> str:
    return f"regexp_extract({local}, {_lit(_DMY_RE)}, ['a', 'sep', 'b', 'y', 't', 'ap'])"


def date_stats(cur: duckdb.DuckDBPyConnection, table: str, r: str) -> DatePlan:
    """How the slash/dash dates of a column read: day-first, month-first, or ambiguous (with examples).

    *r* is the SQL of the trimmed cell text. Dotted dates (``03.04.2026``) are always day-first and do not vote.
    """
    row = _fetch1(cur, f"""WITH p AS (SELECT {r} AS r, {_dmy_parts(r)} AS m FROM {ident(table)}
                                      WHERE substr({r}, 5, 1) <> '-' AND (contains({r}, '/') OR contains({r}, '-'))),
        q AS (SELECT r, TRY_CAST(m.a AS INTEGER) AS a, TRY_CAST(m.b AS INTEGER) AS b FROM p
              WHERE m.sep IN ('/', '-'))
        SELECT count(*) FILTER (a > 12 AND b <= 12), count(*) FILTER (b > 12 AND a <= 12),
               count(*) FILTER (a <= 12 AND b <= 12 AND a <> b), (list(r) FILTER (a <= 12 AND b <= 12 AND a <> b))[1:3]
        FROM q""")
    df_only, mf_only, amb, examples = row
    if df_only or mf_only:
        return DatePlan("dayfirst" if df_only >= mf_only else "monthfirst", voted=True)
    return DatePlan("dayfirst", ambiguous=amb > 0, examples=list(examples or []))


def plain_iso(r: str) -> str:
    """SQL: the cell text *r* is plain ISO without a UTC offset, so a direct cast reads it (DuckDB's cast would
    silently drop an offset)."""
    # ("-" fifth and no "-" after the tenth character, written with LIKE: cheaper than substr)
    return (f"{r} LIKE '____-%' AND length({r}) <= 26 AND NOT contains({r}, '+') AND NOT contains({r}, 'Z') "
            f"AND {r} NOT LIKE '__________%-%' AND NOT contains({r}, 'U') AND NOT contains({r}, 'G')")


def date_expr(p: dict[str, str], order: str, *, date1904: bool = False, serial_min: int = 20000,
              serial_max: int = 80000, strict: bool = False) -> str:
    """SQL for the naive-UTC TIMESTAMP of a cell (NULL if unreadable) from the SQL snippets in *p*: ``r`` the cell
    text, ``o`` its UTC offset (group 1 of ``_OFFSET_RE``, '' if none) and either ``l`` the text without the
    offset or ``loc`` the text to read (offset stripped only after a time). Give ``o`` and ``loc`` as columns
    computed once per row: each appears several times here.

    *strict*: day/month dates written with ``/`` or ``-`` are not read (NULL), as their order was not decided
    (see :func:`build_typed`: a decision taken on the first rows that saw no such date).
    """
    r, o = p["r"], p["o"]
    loc = p.get("loc") or f"(CASE WHEN {o} <> '' THEN {p['l']} ELSE {r} END)"  # strip an offset only after a time
    base = "DATE '1904-01-01'" if date1904 else "DATE '1899-12-30'"
    # _m: the parts of a day/month/year date, bound once (see _let)
    day, month = ("_m.a", "_m.b") if order == "dayfirst" else ("_m.b", "_m.a")
    year = "(CASE WHEN length(_m.y) = 2 THEN (CASE WHEN _m.y < '70' THEN '20' ELSE '19' END) || _m.y ELSE _m.y END)"
    hour = "TRY_CAST(split_part(_m.t, ':', 1) AS INTEGER)"
    ampm = (f"(CASE WHEN _m.ap = '' THEN INTERVAL 0 HOUR WHEN {hour} NOT BETWEEN 1 AND 12 THEN NULL "
            f"WHEN upper(_m.ap) = 'P' AND {hour} < 12 THEN INTERVAL 12 HOUR "
            f"WHEN upper(_m.ap) = 'A' AND {hour} = 12 THEN INTERVAL (-12) HOUR ELSE INTERVAL 0 HOUR END)")
    dmy = _let(f"regexp_extract({loc}, {_lit(_DMY_RE)}, ['a', 'sep', 'b', 'y', 't', 'ap'])", "_m",
               f"TRY_CAST({year} || '-' || CASE WHEN _m.sep = '.' THEN _m.b ELSE {month} END || '-' || "
               f"CASE WHEN _m.sep = '.' THEN _m.a ELSE {day} END AS DATE) + "
               f"CASE WHEN _m.t = '' THEN TIME '00:00:00' ELSE TRY_CAST(_m.t AS TIME) END + {ampm}")
    local = (f"CASE WHEN regexp_matches({loc}, {_lit(_ISO_RE)}) THEN TRY_CAST({loc} AS TIMESTAMP) "
             f"WHEN regexp_matches({loc}, {_lit(_DMY_DOT_RE if strict else _DMY_RE)}) THEN {dmy} "
             f"WHEN regexp_matches({loc}, {_lit(_LETTER + '{3}')}) THEN {month_name_expr(loc)} END")
    off_min = (f"(CASE WHEN {o} IN ('', 'Z', 'UTC', 'GMT') THEN 0 ELSE (CASE WHEN {o}[1] = '-' THEN -1 ELSE 1 END) * "
               f"(CAST({o}[2:3] AS INTEGER) * 60 + CAST({o}[-2:] AS INTEGER)) END)")
    rest = f"({local}) - to_minutes({off_min})"
    serial = (f"CASE WHEN TRY_CAST({r} AS DOUBLE) BETWEEN {serial_min} AND {serial_max} THEN {base} + "
              f"to_microseconds(CAST(round(TRY_CAST({r} AS DOUBLE) * 86400000000) AS BIGINT)) END")
    fast = plain_iso(r)
    return (f"CASE WHEN {r} IS NULL THEN NULL WHEN {fast} THEN TRY_CAST({r} AS TIMESTAMP) "
            f"WHEN regexp_matches({r}, '^\\d+(\\.\\d+)?$') THEN {serial} "
            f"ELSE {rest} END")


@dataclass
class EmotionScale:
    name: str  # "-2..+2" | "1-5" | "1-7" | "0-10" | "words"
    lo: float
    hi: float
    center: float
    factor: float


SCALES = {
    "-2..+2": EmotionScale("-2..+2", -2, 2, 0, 1),
    "1-5": EmotionScale("1-5", 1, 5, 3, 1),
    "1-7": EmotionScale("1-7", 1, 7, 4, 2 / 3),
    "0-10": EmotionScale("0-10", 0, 10, 5, 0.4),
}


def decide_scale(lo: float | None, hi: float | None) -> EmotionScale:
    """The emotion scale of a column from its smallest and largest numeric values.

    >>> decide_scale(-1, 2).name, decide_scale(1, 5).name, decide_scale(2, 6).name, decide_scale(0, 9).name
    ('-2..+2', '1-5', '1-7', '0-10')
    """
    if lo is None or hi is None or lo < 0:
        return SCALES["-2..+2"]
    if lo >= 1 and hi <= 5:
        return SCALES["1-5"]
    if lo >= 1 and hi <= 7:
        return SCALES["1-7"]
    if hi <= 10:
        return SCALES["0-10"]
    return SCALES["0-10"]  # values above 10 are rejected as out of range


def _user_words(cur: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Words the user scored in Settings (``meta.emotion_words``, see cjm.ingest.emotion_words.set_emotion_words)."""
    try:
        row = next(iter(cur.execute("SELECT value FROM meta WHERE key = 'emotion_words'").fetchall()), None)
    except duckdb.CatalogException:  # a connection without a workspace (inspect)
        return {}
    return json.loads(row[0]) if row else {}


def emotion_setup(cur: duckdb.DuckDBPyConnection, table: str, r: str, decimal: str, *,
                  scale_table: str | None = None) -> EmotionScale:
    """Decide the scale and create ``_cjm_emo_words(raw, score)`` for the column's distinct words (the first 5000;
    a word that is not known gets a NULL score). *scale_table*: where the scale is read instead when *table*
    (the first rows) holds no number."""
    num = number_expr(r, decimal)
    lo, hi, words = _fetch1(cur, f"""SELECT min(v), max(v), (list(DISTINCT r) FILTER (r IS NOT NULL AND v IS NULL))[1:5000]
                                     FROM (SELECT {r} AS r, {num} AS v FROM {ident(table)})""")
    if lo is None and scale_table is not None:
        lo, hi = _fetch1(cur, f"SELECT min(v), max(v) FROM (SELECT {num} AS v FROM {ident(scale_table)})")
    scale = decide_scale(lo, hi)
    known = {**EMOTION_WORDS, **_user_words(cur)}
    rows = [(w, known.get(norm(w))) for w in words or []]
    cur.execute("CREATE OR REPLACE TEMP TABLE _cjm_emo_words (raw VARCHAR PRIMARY KEY, score DOUBLE)")
    if rows:
        cur.executemany("INSERT INTO _cjm_emo_words VALUES (?, ?)", rows)
    return scale


def emotion_expr(s: str, decimal: str, scale: EmotionScale, word_score: str) -> str:
    return emotion_of(number_expr(s, decimal), scale, word_score)


def emotion_of(v: str, scale: EmotionScale, word_score: str) -> str:
    """SQL: the canonical emotion of the number *v* (a column: it appears several times) on *scale*, else of the
    word (*word_score*)."""
    return (f"coalesce(CASE WHEN {v} BETWEEN {scale.lo} AND {scale.hi} THEN ({v} - {scale.center}) * "
            f"{scale.factor} END, {word_score})")


def nps_expr(s: str) -> str:
    return nps_of(f"({number_expr(s, '.')})")


def nps_of(v: str) -> str:
    """SQL: the NPS score (SMALLINT) of the number *v*, NULL unless a whole number from 0 to 10."""
    return f"CASE WHEN {v} = round({v}) AND {v} BETWEEN 0 AND 10 THEN CAST({v} AS SMALLINT) END"


@dataclass
class Conversion:
    """What :func:`build_typed` decided, for the report."""
    date_order: str | None = None
    decimals: dict[str, str] = field(default_factory=dict)
    emotion_scale: str | None = None
    warnings: list[str] = field(default_factory=list)
    first_rows: int | None = None  # decisions were taken on this many first rows (None: on the whole file)
    decided_again: list[str] = field(default_factory=list)  # fields decided again on the whole file


#: Decisions (date order, decimal separators, emotion scale and words) are taken on this many first rows of a
#: larger file; every row is then checked against them, and a row they do not fit makes the whole column decide
#: (see :class:`TypedRows`).
SAMPLE_ROWS = 50_000

#: the fields whose reading is decided from the data
DECIDED_FIELDS = ("timestamp", *NUMBER_FIELDS, "emotion")


@dataclass
class _Plan:
    """The decisions for the mapped columns; fields in *sampled* were decided on the first rows only."""
    ts: str | None = None  # "iso" (plain ISO, one cast) | "dayfirst" | "monthfirst"
    ts_strict: bool = False  # day/month dates with "/" or "-" are not read (none seen among the first rows)
    decimals: dict[str, str] = field(default_factory=dict)  # field -> "," | "."
    scale: EmotionScale | None = None  # of the emotion column, or of satisfaction standing in for it
    words: int = 0  # rows of _cjm_emo_words (the column's words, known or not)
    unknown_words: bool = False  # some word is not known (or there were too many to list)
    sampled: set[str] = field(default_factory=set)

    def copy(self) -> _Plan:
        return _Plan(self.ts, self.ts_strict, dict(self.decimals), self.scale, self.words, self.unknown_words,
                     set(self.sampled))


def _decide(cur: duckdb.DuckDBPyConnection, plan: _Plan, fields: list[str], *, table: str, whole: str,
            src: dict[str, str], header_of: dict[str, str], date_order: str | None, hint: str,
            scale_from: str | None) -> None:
    """Take the decisions for *fields* on *table* (the first rows of *whole*, or *whole* itself) into *plan*.

    *scale_from*: the column (``"emotion"``, or ``"satisfaction"`` standing in for it) whose values set the emotion
    scale."""
    sample = table != whole
    for f in fields:
        plan.sampled.discard(f)
    if "timestamp" in fields:
        r = src["timestamp"]
        iso = _fetch1(cur, f"SELECT bool_and({plain_iso(r)}) FROM {ident(table)}")[0]
        plan.ts_strict, sampled = False, sample
        if iso is not False:  # plain ISO (or no date at all): one cast reads them
            plan.ts = "iso"
        elif date_order:
            plan.ts, sampled = date_order, False
        else:
            dates = date_stats(cur, table, r)
            if dates.ambiguous and sample:  # the first rows cannot tell: the whole column decides
                dates, sampled = date_stats(cur, whole, r), False
            if dates.ambiguous:
                raise AmbiguousDatesError("ingest.dates_ambiguous", column=header_of["timestamp"],
                                          examples=dates.examples)
            plan.ts = dates.order
            plan.ts_strict = sampled and not dates.voted  # a later 03/04/2026 must not be read without a vote
        if sampled:
            plan.sampled.add("timestamp")
    for f in (*NUMBER_FIELDS, "emotion"):
        if f not in fields:
            continue
        plan.decimals[f] = number_decimal(cur, table, src[f], hint=hint)
        if sample:
            plan.sampled.add(f)
        if f == scale_from:
            plan.scale = emotion_setup(cur, table, src[f], plan.decimals[f], scale_table=whole if sample else None)
            plan.words, unknown = _fetch1(cur, "SELECT count(*), count(*) FILTER (score IS NULL) FROM _cjm_emo_words")
            plan.unknown_words = unknown > 0 or plan.words >= 5000


def _extends(old: _Plan, new: _Plan, f: str, *, scale_from: str | None) -> bool:
    """The whole column's decision for *f* reads every cell the first rows' decision read, to the same value."""
    if f == "timestamp":  # plain ISO is read the same way by every rule; a strict rule reads less than the full one
        return old.ts == "iso" or new.ts == "iso" or old.ts == new.ts
    same = old.decimals[f] == new.decimals[f]
    return same and (f != scale_from or old.scale == new.scale)


class TypedRows:
    """The rows of a raw table converted to the canonical fields: TEMP view *typed* (``_row``, the fields,
    ``emotion_raw``, the cell texts ``_raw_<field>`` of the checked fields and ``_seen``).

    The decisions (date order, decimal separators, emotion scale and words) are taken on the first *sample_rows*
    rows (default :data:`SAMPLE_ROWS`; all rows of a smaller file). :attr:`skip` is true for a row that cannot be
    loaded: a cell that cannot be read, or a row those decisions may not fit (a month-first date after day-first
    ones, a decimal comma after decimal points, a score off the scale, an emotion word not among the first rows,
    a day/month date when none came first). So the rows where :attr:`skip` is false can be loaded at once, and
    when none is skipped there is nothing more to do. Else :meth:`find_problems` looks at the skipped rows: each
    column they put in doubt is decided again on the whole column, as if there had been no sample, and the result
    is the same as deciding on the whole file.

    >>> import duckdb
    >>> cur = duckdb.connect()
    >>> _ = cur.execute("CREATE TEMP TABLE r AS SELECT i + 2 AS _row, 'c' || i AS c0, 'a' AS c1, "
    ...                 "CASE WHEN i < 3 THEN '2026-01-0' || (i + 1) ELSE '25/01/2026' END AS c2 FROM range(5) t(i)")
    >>> raw = RawTable("a.csv", "csv", "r", ["id", "stage", "date"], 5, 1, meta={"clean": True})
    >>> rows = TypedRows(cur, raw, {"id": "customer_id", "stage": "stage", "date": "timestamp"}, sample_rows=3)
    >>> cur.execute(f"SELECT count(*) FILTER ({rows.skip}) FROM _cjm_typed").fetchall()  # 25/01/2026 is not ISO
    [(2,)]
    >>> rows.find_problems(), rows.info.decided_again, rows.info.date_order
    ('add', ['timestamp'], 'dayfirst')
    >>> cur.execute("SELECT _row, ts FROM _cjm_typed_kept ORDER BY _row").fetchall()[0][1].isoformat()
    '2026-01-25T00:00:00'
    """

    def __init__(self, cur: duckdb.DuckDBPyConnection, raw: RawTable, mapping: dict[str, str | None], *,
                 date_order: str | None = None, typed: str = "_cjm_typed", problems: str = "_cjm_problems",
                 sample_rows: int | None = None):
        self.cur, self.raw, self.typed, self.problems = cur, raw, typed, problems
        col_of = {f: f"c{raw.headers.index(h)}" for h, f in mapping.items() if f}
        self.header_of = {f: h for h, f in mapping.items() if f}
        hint = "," if raw.meta.get("delimiter") == ";" or raw.meta.get("encoding") in (
            "cp1254", "cp1250", "iso-8859-9", "iso-8859-2") else "."
        if raw.meta.get("clean"):  # the reader already trimmed cells and turned empty ones into NULL
            self.clean, self.src = raw.table, {f: ident(c) for f, c in col_of.items()}
        else:
            self.clean, self.src = "_cjm_clean", {f: ident(f) for f in col_of}
            cur.execute(f"CREATE OR REPLACE TEMP TABLE {ident(self.clean)} AS SELECT _row, "
                        + ", ".join(f"{raw_expr(c)} AS {ident(f)}" for f, c in col_of.items())
                        + f" FROM {ident(raw.table)}")
        self.xlsx, self.date1904 = raw.kind == "xlsx", bool(raw.meta.get("date1904"))
        self.scale_from = "emotion" if "emotion" in col_of else "satisfaction" if "satisfaction" in col_of else None
        self.info = Conversion()
        self.rows = _fetch1(cur, f"SELECT count(*) FROM {ident(self.clean)}")[0]
        decided = [f for f in DECIDED_FIELDS if f in col_of]
        limit = SAMPLE_ROWS if sample_rows is None else sample_rows
        table = self.clean
        if decided and self.rows > limit:
            table = "_cjm_sample"
            cur.execute(f"CREATE OR REPLACE TEMP TABLE _cjm_sample AS SELECT "
                        f"{', '.join(self.src[f] for f in decided)} FROM {ident(self.clean)} LIMIT {int(limit)}")
            self.info.first_rows = int(limit)
        self.plan = _Plan()
        self._ctx: dict[str, Any] = {"whole": self.clean, "src": self.src, "header_of": self.header_of, "date_order": date_order,
                     "hint": hint, "scale_from": self.scale_from}
        _decide(cur, self.plan, decided, table=table, **self._ctx)
        self._create_view()

    # -- SQL ------------------------------------------------------------------------------------------------

    def _ts_value(self, r: str) -> str:
        """SQL of the TIMESTAMP read from the cell text *r*."""
        plan = self.plan
        if plan.ts == "iso":
            if "timestamp" in plan.sampled:  # a later value that is not plain ISO is not read (the rows decide)
                return f"CASE WHEN {plain_iso(r)} THEN TRY_CAST({r} AS TIMESTAMP) END"
            return f"TRY_CAST({r} AS TIMESTAMP)"
        smin, smax = (1, 2958465) if self.xlsx else (20000, 80000)
        assert plan.ts is not None, "a timestamp column always has a decided date rule"
        # the offset and the text to read come from the columns that select_sql adds under the view
        return date_expr({"r": r, "o": "s._ts_o", "loc": "s._ts_loc"}, plan.ts, date1904=self.date1904,
                         serial_min=smin, serial_max=smax, strict=plan.ts_strict)

    def _source(self, source: str) -> str:
        """*source* as the view reads it, with columns computed once per row (DuckDB plans and runs the
        expressions that use them several times much faster so): ``_n_<field>`` the number read from a
        number, emotion or NPS cell, and for the full date rules ``_ts_o`` the UTC offset and ``_ts_loc`` the
        text without it (stripped only after a time)."""
        src, plan = self.src, self.plan
        extra = []
        if "timestamp" in src and plan.ts != "iso":
            r = f"s0.{src['timestamp']}"
            extra += [f"regexp_extract({r}, {_lit(_OFFSET_RE)}, 1) AS _ts_o",
                      f"CASE WHEN regexp_matches({r}, {_lit(_OFFSET_RE)}) THEN regexp_replace({r}, "
                      f"{_lit(_OFFSET_STRIP_RE)}, '') ELSE {r} END AS _ts_loc"]
        for f in (*NUMBER_FIELDS, "emotion", "nps"):
            if f in src:
                extra.append(f"{number_expr('s0.' + src[f], plan.decimals.get(f, '.'))} AS {ident('_n_' + f)}")
        if not extra:
            return ident(source)
        return f"(SELECT s0.*, {', '.join(extra)} FROM {ident(source)} s0)"

    def select_sql(self, source: str) -> str:
        """``SELECT`` of the converted rows of *source* (the clean table, or a table of some of its rows)."""
        src, plan, info = self.src, self.plan, self.info
        outer: list[str] = ["s._row"]
        joins = ""
        for f in TEXT_FIELDS:
            outer.append(f"s.{src[f]} AS {ident(f)}" if f in src else f"CAST(NULL AS VARCHAR) AS {ident(f)}")
        if "timestamp" in src:
            r = f"s.{src['timestamp']}"
            info.date_order = (self._ctx["date_order"] or "dayfirst") if plan.ts == "iso" else plan.ts
            outer += [f"{self._ts_value(r)} AS ts", f"{r} AS _raw_timestamp"]
        else:
            outer.append("CAST(NULL AS TIMESTAMP) AS ts")
        for f in NUMBER_FIELDS:
            if f in src:
                info.decimals[self.header_of[f]] = plan.decimals[f]
                outer += [f"s.{ident('_n_' + f)} AS {ident(f)}", f"s.{src[f]} AS {ident('_raw_' + f)}"]
            else:
                outer.append(f"CAST(NULL AS DOUBLE) AS {ident(f)}")
        seen = "false"
        if self.scale_from and plan.scale is not None:  # a scale is always decided for scale_from
            info.emotion_scale = plan.scale.name
            r, v = f"s.{src[self.scale_from]}", f"s.{ident('_n_' + self.scale_from)}"
            word_score = "CAST(NULL AS DOUBLE)"
            if self.scale_from == "emotion" and plan.words:
                # (numbers only: no join, it would run over every row as the rows are inserted)
                joins, word_score, seen = f" LEFT JOIN _cjm_emo_words w ON w.raw = {r}", "w.score", "w.raw IS NOT NULL"
            outer.append(f"{emotion_of(v, plan.scale, word_score)} AS emotion")
            if self.scale_from == "emotion":
                # a number off the scale rejects its row; a word we do not know is kept as text (emotion left
                # empty) and listed in a warning, so the user can score it in Settings instead of losing the row
                outer += [f"{r} AS emotion_raw", f"CASE WHEN {v} IS NOT NULL THEN {r} END AS _raw_emotion"]
            else:
                outer.append(f"CASE WHEN {v} IS NOT NULL THEN {r} END AS emotion_raw")
        else:
            outer += ["CAST(NULL AS DOUBLE) AS emotion", "CAST(NULL AS VARCHAR) AS emotion_raw"]
        if "nps" in src:
            outer += [f"{nps_of('s._n_nps')} AS nps", f"s.{src['nps']} AS _raw_nps"]
        else:
            outer.append("CAST(NULL AS SMALLINT) AS nps")
        outer.append(f"{seen} AS _seen")  # the emotion word is among the column's words that were looked up
        return f"SELECT {', '.join(outer)} FROM {self._source(source)} s{joins}"

    def _create_view(self) -> None:
        self.cur.execute(f"CREATE OR REPLACE TEMP VIEW {ident(self.typed)} AS {self.select_sql(self.clean)}")

    def fails(self) -> dict[str, str]:
        """Per checked field, SQL over the typed columns: true when the row is rejected for that cell."""
        out = {"customer_id": "customer_id IS NULL", "stage": "stage IS NULL"}
        for f, col in (("timestamp", "ts"), ("satisfaction", "satisfaction"), ("value", "value"), ("cost", "cost"),
                       ("emotion", "emotion"), ("nps", "nps")):
            if f in self.src:
                out[f] = f"({ident('_raw_' + f)} IS NOT NULL AND {ident(col)} IS NULL)"
        return out

    def doubts(self) -> dict[str, str]:
        """Per field decided on the first rows only, SQL over the typed columns: true when the row shows that the
        decision may not hold for the whole column."""
        fails, out = self.fails(), {}
        for f in sorted(self.plan.sampled):
            cond = fails[f]
            if f == "emotion":  # a word that was not among the first rows' words
                cond = f"({cond} OR (emotion_raw IS NOT NULL AND _raw_emotion IS NULL AND NOT _seen))"
            elif f == self.scale_from:  # a rating off the scale (kept, emotion left empty)
                cond = f"({cond} OR (satisfaction IS NOT NULL AND emotion IS NULL))"
            out[f] = cond
        return out

    @property
    def skip(self) -> str:
        """SQL over the typed columns: true for a row that cannot be loaded before :meth:`find_problems` runs."""
        return "(" + " OR ".join({**self.fails(), **self.doubts()}.values()) + ")"

    # -- the rows that cannot be loaded at once -------------------------------------------------------------

    def find_problems(self) -> str:
        """Look at the skipped rows; create TEMP table *problems* (``_row, column_name, raw, reason``) and view
        ``_cjm_typed_kept`` (the skipped rows that can be loaded after all, converted).

        Returns what the rows loaded without the skipped ones (by ``NOT skip``) need: ``"stand"`` (nothing more),
        ``"add"`` (also load ``_cjm_typed_kept``) or ``"redo"`` (a column was decided again in a way that reads
        other rows differently: load again every row of *typed* that has no problem).
        """
        cur, outcome = self.cur, "stand"
        self._skipped()
        doubts = self.doubts()
        if doubts:
            counts = _fetch1(cur, "SELECT " + ", ".join(f"count(*) FILTER ({c})" for c in doubts.values())
                             + " FROM _cjm_bad_typed")
            again = [f for f, n in zip(doubts, counts) if n]
            if again:
                before = self.plan.copy()
                _decide(cur, self.plan, again, table=self.clean, **self._ctx)
                self.info.decided_again = again
                self._create_view()
                if all(_extends(before, self.plan, f, scale_from=self.scale_from) for f in again):
                    # the rows loaded read the same: only the skipped ones are converted again
                    cur.execute(f"CREATE OR REPLACE TEMP TABLE _cjm_bad_typed AS {self.select_sql('_cjm_bad')}")
                else:
                    outcome = "redo"  # the whole file is looked at again with the new decisions
                    self._skipped()
        what = {"timestamp": "is not a date", "satisfaction": "is not a number", "value": "is not a number",
                "cost": "is not a number", "nps": "is not an NPS score (a whole number from 0 to 10)",
                "emotion": f"is off the emotion scale (this column uses the {self.plan.scale.name} scale)"
                if self.plan.scale else ""}
        raw_of = {"emotion": "_raw_emotion"}
        parts_sql, params = [], []
        for f, cond in self.fails().items():
            if f in ("customer_id", "stage"):
                parts_sql.append(f"SELECT _row, ? AS column_name, NULL AS raw, 'Row ' || _row || ': the ' || ? || "
                                 f"' is empty (column \"' || ? || '\")' AS reason FROM _cjm_bad_typed WHERE {cond}")
                params += [self.header_of[f], "customer ID" if f == "customer_id" else "stage", self.header_of[f]]
            else:
                rawcol = ident(raw_of.get(f, "_raw_" + f))
                parts_sql.append(f"SELECT _row, ? AS column_name, {rawcol} AS raw, 'Row ' || _row || ': \"' || "
                                 f"{rawcol} || '\" ' || ? || ' (column \"' || ? || '\")' AS reason FROM _cjm_bad_typed "
                                 f"WHERE {cond}")
                params += [self.header_of[f], what[f], self.header_of[f]]
        cur.execute(f"CREATE OR REPLACE TEMP TABLE {ident(self.problems)} AS {' UNION ALL '.join(parts_sql)}", params)
        cur.execute(f"CREATE OR REPLACE TEMP VIEW _cjm_typed_kept AS SELECT * FROM _cjm_bad_typed t "
                    f"ANTI JOIN {ident(self.problems)} p ON p._row = t._row")
        if outcome == "stand" and _fetch1(cur, "SELECT count(*) FROM _cjm_typed_kept")[0]:
            outcome = "add"
        return outcome

    def _skipped(self) -> None:
        """TEMP tables ``_cjm_bad`` (the cells) and ``_cjm_bad_typed`` (converted) of the rows where :attr:`skip`
        is true."""
        # random() keeps DuckDB from computing the converted columns a second time inside the filter
        self.cur.execute(f"""CREATE OR REPLACE TEMP TABLE _cjm_bad AS SELECT s.* FROM {ident(self.clean)} s
            SEMI JOIN (SELECT _row FROM (SELECT _row, {self.skip} AND random() >= 0 AS _k FROM {ident(self.typed)})
                       WHERE _k) k ON k._row = s._row""")
        self.cur.execute(f"CREATE OR REPLACE TEMP TABLE _cjm_bad_typed AS {self.select_sql('_cjm_bad')}")

    def text_sql(self, f: str) -> str:
        """``SELECT`` of the cells of text field *f* (column ``v``; NULL when not mapped): cheaper than reading them
        through the view, whose conversions DuckDB would plan as well."""
        return f"SELECT {self.src.get(f, 'CAST(NULL AS VARCHAR)')} AS v FROM {ident(self.clean)}"

    def warn_unknown_words(self) -> None:
        """Add the warning that lists emotion words not known (with their counts in the whole column)."""
        if self.scale_from != "emotion" or not self.plan.unknown_words:
            return
        r = self.src["emotion"]
        unknown = self.cur.execute(f"""SELECT r, count(*) AS n FROM (SELECT {r} AS r FROM {ident(self.clean)}) s
                                       WHERE r IS NOT NULL AND {number_expr('r', self.plan.decimals['emotion'])} IS NULL
                                         AND r NOT IN (SELECT raw FROM _cjm_emo_words WHERE score IS NOT NULL)
                                       GROUP BY r ORDER BY n DESC, r LIMIT 6""").fetchall()
        if unknown:
            listed = [Message("ingest.value_count", value=w, n=n) for w, n in unknown[:5]] + (
                ["…"] if len(unknown) > 5 else [])
            self.info.warnings.append(Message("ingest.note.unknown_words", column=self.header_of["emotion"],
                                              words=listed))

    def finish(self) -> Conversion:
        """The decisions and warnings, for the report."""
        self.warn_unknown_words()
        if self.scale_from == "satisfaction" and self.plan.scale is not None:
            self.info.warnings.append(Message("ingest.note.emotion_from", column=self.header_of["satisfaction"],
                                              scale=self.plan.scale.name))
        return self.info


def build_typed(cur: duckdb.DuckDBPyConnection, raw: RawTable, mapping: dict[str, str | None], *,
                date_order: str | None = None, typed: str = "_cjm_typed", problems: str = "_cjm_problems",
                sample_rows: int | None = None) -> Conversion:
    """Create TEMP view *typed* (``_row`` + canonical fields + ``emotion_raw`` + ``_raw_<field>``) and TEMP table
    *problems* (``_row, column_name, raw, reason``) from the raw table (see :class:`TypedRows`). Raises
    :class:`AmbiguousDatesError`.

    The mapped cells are trimmed once (by the reader when ``raw.meta["clean"]``, else into ``_cjm_clean``);
    every decision and conversion then reads plain columns.
    """
    rows = TypedRows(cur, raw, mapping, date_order=date_order, typed=typed, problems=problems,
                     sample_rows=sample_rows)
    rows.find_problems()
    return rows.finish()
