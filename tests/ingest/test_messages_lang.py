"""Errors and notes of real bad files, in Turkish and Romanian: they name the file, the row and the column and say
what to do, with numbers written the language's way (``err.message(lang)``, ``note.message(lang)``)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from cjm.core.stage_model import preset
from cjm.errors import AmbiguousDatesError, InputError, MappingError, Message, render
from cjm.ingest import import_file


def _xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        sheet = wb.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_empty_file(ws):
    with pytest.raises(InputError) as err:
        import_file(ws, b"", file_name="anket.csv")
    assert err.value.key == "ingest.file_empty" and err.value.values == {"file": "anket.csv"}
    assert err.value.message("tr") == ("“anket.csv” dosyası boş. Verileri bir başlık satırı ve en az bir veri satırıyla "
                                       "yeniden dışa aktarın ve dosyayı yükleyin.")
    assert err.value.message("ro").startswith("Fișierul „anket.csv” este gol. Exportați din nou datele")
    assert str(err.value).startswith('The file "anket.csv" is empty.')


def test_missing_stage_column_names_the_file_and_its_columns(ws):
    with pytest.raises(MappingError) as err:
        import_file(ws, "Müşteri No;Tarih\n7;01.02.2026\n".encode(), file_name="crm.csv")
    tr, ro = err.value.message("tr"), err.value.message("ro")
    assert tr.startswith("“crm.csv” dosyasında stage için sütun yok. Sütunlar şunlar: “Müşteri No”, “Tarih”.")
    assert "Eşleme tablosunda stage bilgisini içeren sütunu seçin." in tr
    assert ro.startswith("Nu există o coloană pentru stage în „crm.csv”. Coloanele sunt: „Müşteri No”, „Tarih”.")
    assert str(err.value).startswith('No column for stage in "crm.csv". The columns are: "Müşteri No", "Tarih".')


def test_ambiguous_dates_name_the_column_and_examples(ws):
    with pytest.raises(AmbiguousDatesError) as err:
        import_file(ws, b"Customer ID,Stage,Tarih\n1,awareness,03/04/2026\n2,research,05/06/2026\n", file_name="a.csv")
    assert err.value.column == "Tarih"
    tr = err.value.message("tr")
    assert tr.startswith("“Tarih” sütunundaki tarihler hem önce gün hem önce ay olarak okunabiliyor (örneğin “03/04/2026”")
    assert tr.endswith("Sırayı seçin: gün/ay/yıl ya da ay/gün/yıl.")
    assert err.value.message("ro").startswith("Datele din coloana „Tarih” pot fi citite și cu ziua întâi")


def test_missing_sheet_names_the_sheets(ws):
    data = _xlsx({"2025": [["Kod", "Aşama"], ["1", "Farkındalık"]], "Eski": [["x"]]})
    with pytest.raises(InputError) as err:
        import_file(ws, data, file_name="anket.xlsx", sheet="2026")
    assert err.value.message("tr") == ("“anket.xlsx”: “2026” adlı bir sayfa yok; sayfalar şunlar: “2025”, “Eski”. "
                                       "Bunlardan birini seçin.")
    assert err.value.message("ro") == ("„anket.xlsx”: nu există foaia „2026”; foile sunt „2025”, „Eski”. "
                                       "Alegeți una dintre acestea.")


def test_import_notes_name_the_row_and_count_in_the_language(ws):
    rep = import_file(ws, b"Customer ID,Stage\nc6,research\nc7\x00,aware\x00ness\n", file_name="nul3.csv",
                      model=preset("five-stage"))
    nul = next(w for w in rep.warnings if isinstance(w, Message) and w.key == "ingest.note.nul_many")
    assert nul.values == {"n": 2, "row": 3}
    assert nul.message("tr").startswith("Hücrelerden 2 görünmez NUL karakteri silindi (ilki 3. satırda)")
    assert nul.message("ro").startswith("Din celule au fost eliminate 2 caractere NUL invizibile (primul pe rândul 3)")
    assert all(isinstance(w, str) for w in rep.warnings)  # English as str; the page renders w.message(lang)


def test_rejected_rows_and_unknown_stages_notes(ws):
    rows = "\n".join(f"c{i};{'Lead' if i % 2 else 'research'}" for i in range(1500))
    rep = import_file(ws, ("Customer ID;Stage\n" + rows + "\n;research\n").encode(), file_name="big.csv",
                      model=preset("five-stage"))
    notes = {w.key: w for w in rep.warnings if isinstance(w, Message)}
    unknown = notes["ingest.note.unknown_stages"]
    assert unknown.message("tr").startswith("750 satırdaki aşama değerleri “five-stage” aşama modelinde yok: "
                                            "“Lead” (750).")
    rejected = notes["ingest.rows_rejected"]
    assert rejected.message("tr") == ("1.501 satırın 1 tanesi yüklenmedi; nedenleri reddedilen satırlarda "
                                      "görebilirsiniz.")
    assert rejected.message("ro").startswith("1 din 1.501 rânduri nu au fost încărcate")
    assert str(rejected) == "1 of 1,501 rows were not loaded; see the rejected rows for the reasons."


def test_duplicate_import_note(ws):
    data = b"Customer ID,Stage\nc1,research\n"
    import_file(ws, data, file_name="a.csv", model=preset("five-stage"))
    again = import_file(ws, data, file_name="a.csv")
    assert again.duplicate and render(again.warnings[0], "tr").startswith("Bu dosya daha önce içe aktarılmış")
    assert render(again.warnings[0], "ro").startswith("Acest fișier a mai fost importat")


def test_rejected_row_reasons_read_back_in_the_language(ws):
    from cjm.ingest import rejected_rows
    from cjm.ingest.reasons import reason_message

    data = ("Müşteri No;Aşama;Tarih;NPS;Tutar\n"
            "1;research;31.02.2026;5;10\n"  # row 2: not a date
            "2;;01.02.2026;5;10\n"  # row 3: no stage
            "3;research;01.02.2026;11;10\n"  # row 4: NPS off 0..10
            "4;research;01.02.2026;5;on\n"  # row 5: not a number
            "5;research;01.02.2026;5\n"  # row 6: a field short
            "6;research;02.02.2026;7;20\n").encode()
    rep = import_file(ws, data, file_name="anket.csv", model=preset("five-stage"))
    reasons = list(rejected_rows(ws, rep.import_id)["reason"])
    assert len(reasons) == 5
    messages = [reason_message(r) for r in reasons]
    assert all(isinstance(m, Message) and str(m) == r for m, r in zip(messages, reasons))  # English: as stored
    tr = {m.key: m.message("tr") for m in messages if isinstance(m, Message)}
    assert tr["ingest.reason.not_date"] == "2. satır: “31.02.2026” bir tarih değil (“Tarih” sütunu)"
    assert tr["ingest.reason.empty_stage"] == "3. satır: aşama boş (“Aşama” sütunu)"
    assert tr["ingest.reason.not_nps"].startswith("4. satır: “11” bir NPS puanı değil")
    assert tr["ingest.reason.not_number"] == "5. satır: “on” bir sayı değil (“Tutar” sütunu)"
    assert tr["ingest.reason.fields"].startswith("6. satırda 4 alan var, başlıkta 5 alan var")
    ro = next(m for m in messages if isinstance(m, Message) and m.key == "ingest.reason.not_date").message("ro")
    assert ro == "Rândul 2: „31.02.2026” nu este o dată (coloana „Tarih”)"
