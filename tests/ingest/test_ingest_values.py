"""Value conversions: IDs, dates, UTC offsets, Excel serials, numbers, emotion scales and words, NPS."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from cjm.errors import AmbiguousDatesError
from cjm.ingest import import_file, rejected_rows
from cjm.ingest.raw import RawTable
from cjm.ingest.values import build_typed, decide_scale


def load(ws, text: str, **kw):
    rep = import_file(ws, text.encode(), file_name="v.csv", **kw)
    return rep


def col(ws, name: str) -> list:
    return [r[0] for r in ws.cursor().execute(f"SELECT {name} FROM events ORDER BY seq").fetchall()]


def reasons(ws) -> list[str]:
    return rejected_rows(ws)["reason"].tolist()


def T(*a) -> dt.datetime:
    return dt.datetime(*a)


# -- IDs and text -------------------------------------------------------------------------------


def test_ids_stay_text_with_leading_zeros(ws):
    load(ws, "Customer ID,Stage\n007,a\n 0012 ,b\nA-01,c\n1e5,d\n")
    assert col(ws, "customer_id") == ["007", "0012", "A-01", "1e5"]


def test_empty_id_or_stage_rejects_the_row(ws):
    rep = load(ws, "Customer ID,Stage,Channel\n1,a,x\n ,b,y\n3,,z\n")
    assert (rep.rows_loaded, rep.rows_rejected) == (1, 2)
    assert reasons(ws) == ['Row 3: the customer ID is empty (column "Customer ID")',
                           'Row 4: the stage is empty (column "Stage")']


# -- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("cell", "expected"), [
    ("2026-01-02", T(2026, 1, 2)),
    ("2026-01-02 09:05", T(2026, 1, 2, 9, 5)),
    ("2026-01-02T09:05:07", T(2026, 1, 2, 9, 5, 7)),
    ("2026-01-02 09:05:07.250", T(2026, 1, 2, 9, 5, 7, 250000)),
    ("2026/01/02", T(2026, 1, 2)),
    ("02.01.2026", T(2026, 1, 2)),  # dd.mm.yyyy is always day first
    ("2.1.2026 14:30", T(2026, 1, 2, 14, 30)),
    ("25-01-2026", T(2026, 1, 25)),  # dd-mm-yyyy (25 cannot be a month); "-2026" is not a UTC offset
    ("02.01.26", T(2026, 1, 2)),  # two-digit year 26 -> 2026
    ("02.01.99", T(1999, 1, 2)),  # 99 -> 1999
])
def test_date_formats(ws, cell, expected):
    load(ws, f"id,stage,date\n1,a,{cell}\n")
    assert col(ws, "ts") == [expected]


@pytest.mark.parametrize(("cell", "expected"), [
    ("03/25/2026 2:30 PM", T(2026, 3, 25, 14, 30)),  # 2:30 PM = 14:30
    ("03/25/2026 12:15 AM", T(2026, 3, 25, 0, 15)),  # 12:15 AM = 00:15
    ("03/25/2026 12:15 pm", T(2026, 3, 25, 12, 15)),  # 12:15 PM = 12:15
    ("03/25/2026 9:05:30 a.m.", T(2026, 3, 25, 9, 5, 30)),
])
def test_twelve_hour_times(ws, cell, expected):
    load(ws, f"id,stage,date\n1,a,{cell}\n")
    assert col(ws, "ts") == [expected]


def test_day_first_decided_from_the_data(ws):
    # 25/03 can only be day/month, so 03/04 is 3 April in the same column
    load(ws, "id,stage,date\n1,a,25/03/2026\n2,b,03/04/2026\n")
    assert col(ws, "ts") == [T(2026, 3, 25), T(2026, 4, 3)]


def test_month_first_decided_from_the_data(ws):
    load(ws, "id,stage,date\n1,a,03/25/2026 10:00\n2,b,03/04/2026\n")
    assert col(ws, "ts") == [T(2026, 3, 25, 10), T(2026, 3, 4)]


def test_ambiguous_dates_need_a_choice(ws):
    text = "id,stage,Tarih\n1,a,03/04/2026\n2,b,05/06/2026\n"
    with pytest.raises(AmbiguousDatesError) as err:
        load(ws, text)
    assert err.value.column == "Tarih"
    assert err.value.examples == ["03/04/2026", "05/06/2026"]
    assert "day/month/year or month/day/year" in str(err.value) and "CLI" not in str(err.value)  # the app asks
    load(ws, text, date_order="monthfirst")
    assert col(ws, "ts") == [T(2026, 3, 4), T(2026, 5, 6)]


def test_explicit_dayfirst(ws):
    load(ws, "id,stage,date\n1,a,03/04/2026\n", date_order="dayfirst")
    assert col(ws, "ts") == [T(2026, 4, 3)]


def test_impossible_date_is_rejected_with_row_and_column(ws):
    rep = load(ws, "id,stage,Tarih\n1,a,01.02.2026\n2,b,31.02.2026\n3,c,\n4,d,01.02.2026 13:00 PM\n")
    assert (rep.rows_loaded, rep.rows_rejected) == (2, 2)  # an empty date is allowed (NULL)
    assert reasons(ws) == ['Row 3: "31.02.2026" is not a date (column "Tarih")',
                           'Row 5: "01.02.2026 13:00 PM" is not a date (column "Tarih")']
    assert col(ws, "ts") == [T(2026, 2, 1), None]


@pytest.mark.parametrize(("cell", "expected"), [
    ("2026-01-02T10:00:00+03:00", T(2026, 1, 2, 7)),  # 10:00 at UTC+3 is 07:00 UTC
    ("2026-01-02T01:30:00-05:00", T(2026, 1, 2, 6, 30)),  # 01:30 at UTC-5 is 06:30 UTC
    ("2026-01-02 23:00+0200", T(2026, 1, 2, 21)),
    ("2026-01-02T10:00:00Z", T(2026, 1, 2, 10)),
    ("02.01.2026 00:30 +01:00", T(2026, 1, 1, 23, 30)),  # crosses midnight backwards
])
def test_utc_offsets_are_normalised(ws, cell, expected):
    load(ws, f"id,stage,date\n1,a,{cell}\n")
    assert col(ws, "ts") == [expected]


def test_excel_serials_1900(ws):
    # 45000 is 2023-03-15 in Excel's 1900 system (day 1 = 1900-01-01 with the 1900 leap-year bug,
    # so serial n = 1899-12-30 + n days for n >= 61); .5 is noon
    load(ws, "id,stage,date\n1,a,45000\n2,b,45000.5\n")
    assert col(ws, "ts") == [T(2023, 3, 15), T(2023, 3, 15, 12)]


def test_excel_serials_1904_from_workbook_meta():
    cur = duckdb.connect()
    cur.execute("CREATE TEMP TABLE r AS SELECT 2::BIGINT AS _row, '1'::VARCHAR AS c0, 'a'::VARCHAR AS c1, "
                "'45000'::VARCHAR AS c2")
    raw = RawTable("b.xlsx", "xlsx", "r", ["id", "stage", "date"], 1, 1, meta={"date1904": True})
    build_typed(cur, raw, {"id": "customer_id", "stage": "stage", "date": "timestamp"})
    # the 1904 system counts days from 1904-01-01
    assert cur.execute("SELECT ts FROM _cjm_typed").fetchall() == [(dt.datetime(1904, 1, 1) + dt.timedelta(45000),)]


# -- numbers ------------------------------------------------------------------------------------


def test_decimal_comma_and_thousands_dots(ws):
    load(ws, 'id;stage;Tutar\n1;a;1.234,56\n2;b;12,5\n3;c;€ 1.200\n4;d;1 234,5\n5;e;-3\n')
    assert col(ws, "value") == [1234.56, 12.5, 1200.0, 1234.5, -3.0]


def test_decimal_point_and_thousands_commas(ws):
    load(ws, 'id,stage,Amount\n1,a,"1,234.56"\n2,b,12.5\n3,c,$1200\n4,d,"1,200"\n')
    assert col(ws, "value") == [1234.56, 12.5, 1200.0, 1200.0]


def test_decimal_separator_is_decided_per_column(ws):
    # Amount votes decimal comma (",5"), Cost votes decimal point (".25"), in the same file
    load(ws, 'id;stage;Amount;Cost\n1;a;2,5;1.25\n2;b;1.000,5;3\n')
    assert col(ws, "value") == [2.5, 1000.5]
    assert col(ws, "cost") == [1.25, 3.0]


def test_three_digit_groups_follow_the_file_locale(ws):
    # "1.200" alone is ambiguous; a ';' file (European export) reads it as 1200
    load(ws, "id;stage;Tutar\n1;a;1.200\n")
    assert col(ws, "value") == [1200.0]


def test_three_digit_groups_in_a_comma_file(ws):
    load(ws, "id,stage,Amount\n1,a,1.200\n")
    assert col(ws, "value") == [1.2]


def test_unreadable_number_is_rejected(ws):
    rep = load(ws, "id;stage;Tutar\n1;a;12,5\n2;b;abc\n3;c;1.2.3,4,5\n")
    assert rep.rows_rejected == 2
    assert reasons(ws) == ['Row 3: "abc" is not a number (column "Tutar")',
                           'Row 4: "1.2.3,4,5" is not a number (column "Tutar")']


# -- emotion ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("cells", "expected", "scale"), [
    (["-2", "-1", "0", "2"], [-2, -1, 0, 2], "-2..+2"),
    (["1", "3", "5", "4"], [-2, 0, 2, 1], "1-5"),  # x - 3
    (["1", "4", "7", "5"], [-2, 0, 2, 2 / 3], "1-7"),  # (x - 4) * 2/3
    (["0", "5", "10", "8"], [-2, 0, 2, 1.2], "0-10"),  # (x - 5) * 0.4
])
def test_emotion_scales_map_to_minus_two_plus_two(ws, cells, expected, scale):
    rep = load(ws, "id,stage,Emotion\n" + "".join(f"{i},s,{c}\n" for i, c in enumerate(cells)))
    assert rep.options["emotion_scale"] == scale
    assert col(ws, "emotion") == pytest.approx(expected)
    assert col(ws, "emotion_raw") == cells


def test_decide_scale_rule():
    assert [decide_scale(lo, hi).name for lo, hi in [(-2, 2), (0, 2), (1, 5), (2, 7), (0, 10), (None, None)]] == \
        ["-2..+2", "0-10", "1-5", "1-7", "0-10", "-2..+2"]


def test_emotion_words_in_three_languages(ws):
    words = ["happy", "Frustrated", "mutlu", "KIZGIN", "sinirli", "mulțumit", "nemulțumit", "neutral", "memnun"]
    load(ws, "id,stage,Duygu\n" + "".join(f"{i},s,{w}\n" for i, w in enumerate(words)))
    assert col(ws, "emotion") == [1, -2, 1, -2, -2, 1, -1, 0, 1]
    assert col(ws, "emotion_raw") == words


def test_emotion_words_mixed_with_scores_and_unknown_word(ws):
    rep = load(ws, "id,stage,Emotion\n1,a,5\n2,b,happy\n3,c,1\n4,d,meh\n5,e,9\n")
    # numbers 1..9 -> 0-10 scale: (5-5)*0.4 = 0, (1-5)*0.4 = -1.6, (9-5)*0.4 = 1.6; "happy" -> +1;
    # "meh" is not a known word: the row is kept, emotion empty, the word kept as text and named in a warning
    assert col(ws, "emotion")[:3] == pytest.approx([0, 1, -1.6])
    assert col(ws, "emotion")[3] is None and col(ws, "emotion")[4] == pytest.approx(1.6)
    assert col(ws, "emotion_raw")[3] == "meh"
    assert rep.rows_rejected == 0
    assert any('Emotion words not known in column "Emotion": "meh" (1)' in w for w in rep.warnings)


def test_emotion_out_of_range_is_rejected(ws):
    rep = load(ws, "id,stage,Emotion\n1,a,-1\n2,b,3\n")
    assert rep.rows_rejected == 1 and reasons(ws)[0].startswith('Row 3: "3" is off the emotion scale')


def test_romanian_cedilla_word_still_matches(ws):
    data = "ID client;Etapă;Emotie\n1;Cercetare;mulţumit\n".encode("cp1250")
    import_file(ws, data, file_name="ro.csv")
    assert col(ws, "emotion") == [1] and col(ws, "emotion_raw") == ["mulțumit"]


# -- NPS and satisfaction --------------------------------------------------------------------------


def test_nps_validated(ws):
    rep = load(ws, "id,stage,NPS,CSAT\n1,a,0,4.5\n2,b,10,3\n3,c,11,1\n4,d,7.5,1\n5,e,x,1\n6,f,9.0,\n")
    assert col(ws, "nps") == [0, 10, 9]
    assert col(ws, "satisfaction") == [4.5, 3.0, None]
    assert rep.rows_rejected == 3
    assert reasons(ws) == [
        'Row 4: "11" is not an NPS score (a whole number from 0 to 10) (column "NPS")',
        'Row 5: "7.5" is not an NPS score (a whole number from 0 to 10) (column "NPS")',
        'Row 6: "x" is not an NPS score (a whole number from 0 to 10) (column "NPS")',
    ]


def test_several_problems_in_one_row_count_once(ws):
    rep = load(ws, "id,stage,date,NPS\n1,a,2026-13-01,12\n2,b,2026-01-01,1\n")
    assert (rep.rows_read, rep.rows_loaded, rep.rows_rejected) == (2, 1, 1)
    assert len(rejected_rows(ws)) == 2  # one line per problem


# -- emotion from a satisfaction / rating column when there is no emotion column ---------------------


def test_emotion_taken_from_a_1_to_5_satisfaction_column(ws):
    rep = load(ws, "id;stage;Memnuniyet (1-5)\n1;a;5\n2;b;1\n3;c;3,5\n4;d;\n")
    assert col(ws, "satisfaction") == [5.0, 1.0, 3.5, None]  # kept as given (decimal comma read)
    # 1-5 scale: x - 3 -> 5-3 = 2, 1-3 = -2, 3.5-3 = 0.5, empty stays empty
    assert col(ws, "emotion") == [2.0, -2.0, 0.5, None]
    assert col(ws, "emotion_raw") == ["5", "1", "3,5", None]
    assert 'Emotion taken from "Memnuniyet (1-5)" (scale 1-5 -> -2..+2)' in " ".join(rep.warnings)
    assert rep.options["emotion_scale"] == "1-5" and rep.rows_rejected == 0


def test_emotion_taken_from_a_0_to_10_rating(ws):
    rep = load(ws, "id,stage,Rating\n1,a,10\n2,b,0\n3,c,7\n")
    # 0-10 scale: (x - 5) * 0.4 -> 2.0, -2.0, 0.8
    assert col(ws, "emotion") == pytest.approx([2.0, -2.0, 0.8])
    assert col(ws, "satisfaction") == [10.0, 0.0, 7.0]
    assert any(w.startswith('Emotion taken from "Rating" (scale 0-10 -> -2..+2)') for w in rep.warnings)


def test_satisfaction_out_of_scale_keeps_the_row_without_emotion(ws):
    rep = load(ws, "id,stage,CSAT\n1,a,12\n2,b,4\n")
    # min 4, max 12 -> 0-10 scale; 12 is outside it: emotion empty, row kept, satisfaction as given
    assert rep.rows_rejected == 0
    assert col(ws, "satisfaction") == [12.0, 4.0]
    assert col(ws, "emotion") == pytest.approx([None, -0.4])  # (4 - 5) * 0.4


def test_an_emotion_column_wins_over_satisfaction(ws):
    rep = load(ws, "id,stage,Duygu,Puan\n1,a,mutlu,2\n2,b,sinirli,5\n")
    assert col(ws, "emotion") == [1.0, -2.0] and col(ws, "satisfaction") == [2.0, 5.0]
    assert not any("Emotion taken from" in w for w in rep.warnings)


# -- dates with month names (EN / TR / RO) -------------------------------------------------------------


def test_dates_with_month_names(ws):
    rep = load(ws, "id;stage;Tarih\n"
                   "1;a;3 Mar 2026\n2;b;03-Mar-2026\n3;c;3 Mart 2026\n4;d;3 martie 2026\n"
                   "5;e;14 AĞUSTOS 2025 09:30\n6;f;1 Kasım 2025\n7;g;March 3, 2026\n8;h;3-Sept-26\n"
                   "9;i;2026-03-04\n10;j;3 Foo 2026\n11;k;31 Feb 2026\n")
    assert col(ws, "ts") == [T(2026, 3, 3), T(2026, 3, 3), T(2026, 3, 3), T(2026, 3, 3), T(2025, 8, 14, 9, 30),
                             T(2025, 11, 1), T(2026, 3, 3), T(2026, 9, 3), T(2026, 3, 4)]
    assert reasons(ws) == ['Row 11: "3 Foo 2026" is not a date (column "Tarih")',
                           'Row 12: "31 Feb 2026" is not a date (column "Tarih")']
    assert rep.rows_rejected == 2


def test_plain_iso_column_and_a_mixed_one(ws):
    # all plain ISO: read with one cast; one offset in the column: every cell goes through the full rules
    load(ws, "id,stage,date\n1,a,2026-01-02 10:00\n2,b,2026-01-03\n3,c,2026-02-30\n")
    assert col(ws, "ts") == [T(2026, 1, 2, 10, 0), T(2026, 1, 3)]
    assert reasons(ws) == ['Row 4: "2026-02-30" is not a date (column "date")']
    rep = import_file(ws, b"id,stage,date\n4,a,2026-01-02 10:00\n5,b,2026-01-02T10:00:00+03:00\n", file_name="m.csv")
    got = ws.cursor().execute("SELECT ts FROM events WHERE import_id = ? ORDER BY seq", [rep.import_id]).fetchall()
    assert [g[0] for g in got] == [T(2026, 1, 2, 10, 0), T(2026, 1, 2, 7, 0)]  # 10:00 at +03:00 is 07:00 UTC


# -- decisions taken on the first rows, checked against every row ------------------------------------------
# (values.SAMPLE_ROWS is lowered so that a few rows make a "large" file; the result must be the one of deciding
# on the whole file)

from unittest import mock  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from cjm.ingest import values as values_mod  # noqa: E402
from cjm.store import open_workspace  # noqa: E402


def first_rows(n: int):
    return mock.patch.object(values_mod, "SAMPLE_ROWS", n)


def test_ambiguous_date_after_the_first_rows_is_still_found(ws):
    # the first 2 rows are plain ISO; 03/04/2026 (row 5) reads both ways: the whole column must decide, and cannot
    text = "id,stage,date\n1,a,2026-01-02\n2,b,2026-01-03\n3,c,2026-01-04\n4,d,03/04/2026\n"
    with first_rows(2), pytest.raises(AmbiguousDatesError) as err:
        load(ws, text)
    assert err.value.examples == ["03/04/2026"]
    assert ws.cursor().execute("SELECT count(*) FROM events").fetchall() == [(0,)]


def test_day_first_date_after_the_first_rows(ws):
    # ISO first, then 25/03/2026 (only day-first) and 03/04/2026 (read day-first by that vote): 3 April
    text = "id,stage,date\n1,a,2026-01-02\n2,b,2026-01-03\n3,c,25/03/2026\n4,d,03/04/2026\n"
    with first_rows(2):
        rep = load(ws, text)
    assert rep.rows_rejected == 0 and rep.options["date_order_used"] == "dayfirst"
    assert col(ws, "ts") == [T(2026, 1, 2), T(2026, 1, 3), T(2026, 3, 25), T(2026, 4, 3)]


def test_month_first_majority_after_day_first_rows(ws):
    # the first 2 rows vote day-first (25/03); the whole column has 3 month-first votes (x/25, x/26, x/27) against
    # 1: month-first wins, as if there had been no sample; 25/03/2026 is then not a date
    text = ("id,stage,date\n1,a,25/03/2026\n2,b,01/02/2026\n3,c,03/25/2026\n4,d,03/26/2026\n5,e,03/27/2026\n")
    with first_rows(2):
        rep = load(ws, text)
    assert rep.options["date_order_used"] == "monthfirst"
    assert (rep.rows_loaded, rep.rows_rejected) == (4, 1)
    assert reasons(ws) == ['Row 2: "25/03/2026" is not a date (column "date")']
    # 01/02/2026 month-first is 2 January
    assert col(ws, "ts") == [T(2026, 1, 2), T(2026, 3, 25), T(2026, 3, 26), T(2026, 3, 27)]
    assert col(ws, "source_row") == [3, 4, 5, 6]


def test_bad_number_and_decimal_comma_after_the_first_rows(ws):
    # Amount: "1.5", "2.5" decide decimal point; "3,25" later votes decimal comma (2 votes against 1: the point
    # stays); "abc" is not a number
    text = "id,stage,Amount\n1,a,1.5\n2,b,2.5\n3,c,\"3,25\"\n4,d,abc\n5,e,7\n"
    with first_rows(2):
        rep = load(ws, text)
    assert rep.options["decimal_separators"] == {"Amount": "."}
    assert (rep.rows_loaded, rep.rows_rejected) == (3, 2)
    assert reasons(ws) == ['Row 4: "3,25" is not a number (column "Amount")',
                           'Row 5: "abc" is not a number (column "Amount")']
    assert col(ws, "value") == [1.5, 2.5, 7.0]


def test_emotion_words_and_scale_after_the_first_rows(ws):
    # first 2 rows: 1 and 3 (scale 1-5 so far); later "happy" (a word not seen yet) and 7: the whole column is 1..7
    text = "id,stage,Emotion\n1,a,1\n2,b,3\n3,c,happy\n4,d,7\n5,e,meh\n"
    with first_rows(2):
        rep = load(ws, text)
    assert rep.options["emotion_scale"] == "1-7" and rep.rows_rejected == 0
    # 1-7: (x - 4) * 2/3 -> 1: -2, 3: -2/3, 7: +2; happy +1; meh unknown (kept, empty)
    assert col(ws, "emotion") == pytest.approx([-2, -2 / 3, 1, 2, None])
    assert any('"meh" (1)' in w for w in rep.warnings)


def test_scale_read_from_the_whole_column_when_the_first_rows_have_no_number(ws):
    # the first 2 rows hold words only; the numbers later are 1 and 2: scale 1-5 (x - 3), not -2..+2
    text = "id,stage,Emotion\n1,a,happy\n2,b,sad\n3,c,1\n4,d,2\n"
    with first_rows(2):
        rep = load(ws, text)
    assert rep.options["emotion_scale"] == "1-5"
    assert col(ws, "emotion") == [1, -1, -2, -1]


def test_satisfaction_off_the_first_rows_scale(ws):
    # CSAT stands in for emotion: 1..5 in the first rows, 9 later: the whole column (1..9) is a 0-10 scale
    text = "id,stage,CSAT\n1,a,1\n2,b,5\n3,c,9\n"
    with first_rows(2):
        rep = load(ws, text)
    assert rep.options["emotion_scale"] == "0-10" and rep.rows_rejected == 0
    assert col(ws, "emotion") == pytest.approx([-1.6, 0, 1.6])  # (x - 5) * 0.4


DATE_CELLS = ["2026-01-05", "2026-01-05 10:30", "2026-01-05T10:30:00+02:00", "05.01.2026", "3 Mar 2026", "45000",
              "2026-02-30", "n/a", ""]
NUMBER_CELLS = ["1.5", "1,5", "1.234,5", "1,234.5", "1.200", "12", "€ 3", "abc", ""]
EMOTION_CELLS = ["-2", "0", "1", "3", "5", "7", "9", "11", "happy", "mutlu", "meh", ""]


@st.composite
def sampled_files(draw):
    n = draw(st.integers(3, 12))
    slash = st.builds(lambda d, m, y: f"{d:02d}/{m:02d}/{y}", st.integers(1, 28), st.integers(1, 28),
                      st.sampled_from([2025, 2026]))
    date = st.one_of(st.sampled_from(DATE_CELLS), slash)
    emotion_header = draw(st.sampled_from(["Emotion", "CSAT"]))
    lines = [f"id;stage;date;Amount;{emotion_header}"]
    for i in range(n):
        cells = [str(i + 1), "a", draw(date), draw(st.sampled_from(NUMBER_CELLS)), draw(st.sampled_from(EMOTION_CELLS))]
        lines.append(";".join(cells))
    return "\n".join(lines) + "\n", draw(st.integers(1, 3))


_SAMPLED_WS: dict[str, object] = {}  # one workspace per side, kept across examples (opening one costs more)


def _outcome(text: str, sample: int):
    side = "first" if sample < 100 else "whole"
    if side not in _SAMPLED_WS:
        _SAMPLED_WS[side] = open_workspace(":memory:")
    ws = _SAMPLED_WS[side]
    try:
        with first_rows(sample):
            rep = import_file(ws, text.encode(), file_name="s.csv", replace=True)
    except AmbiguousDatesError as err:
        return ("ambiguous", err.column, err.examples)
    cur = ws.cursor()
    events = cur.execute("SELECT source_row, ts, value, emotion, emotion_raw, satisfaction FROM events "
                         "WHERE import_id = ? ORDER BY seq", [rep.import_id]).fetchall()
    rejected = cur.execute("SELECT source_row, column_name, raw, reason FROM rejected WHERE import_id = ? "
                           "ORDER BY source_row, column_name", [rep.import_id]).fetchall()
    opts = {k: rep.options[k] for k in ("date_order_used", "decimal_separators", "emotion_scale")}
    return events, rejected, opts, sorted(rep.warnings)


@pytest.mark.slow  # 20 random files imported twice each
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sampled_files())
def test_first_rows_decisions_give_the_whole_file_result(case):
    """Deciding on the first 1-3 rows, then checking every row, gives what deciding on the whole file gives."""
    text, sample = case
    assert _outcome(text, sample) == _outcome(text, 10**9)
