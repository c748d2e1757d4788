"""Bad files built by tests/app/badfiles.py: each gives a clear Dutch issue at the right place."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.workbook.importer import ImportFailed, ImportResult, load_problem, load_problem_or_raise
from app.workbook.issues import ERROR, WARNING, Issue

from . import badfiles as bf
from .conftest import make_problem


def only(result: ImportResult, code: str) -> Issue:
    found = [i for i in result.issues if i.code == code]
    assert len(found) == 1, [str(i) for i in result.issues]
    return found[0]


@pytest.mark.parametrize(("builder", "code", "message"), [
    (bf.empty_file, "file_empty", "Bestand 'leeg.xlsx' is leeg (0 bytes). Sla de werkmap opnieuw op vanuit Excel."),
    (bf.renamed_text, "file_text",
     "Bestand 'tekst.xlsx' is geen Excel-werkmap maar tekst (misschien een hernoemd CSV- of tekstbestand). "
     "Geef het de extensie .csv, of open het in Excel en sla op als .xlsx."),
    (bf.legacy_xls, "file_xls",
     "Bestand 'oud.xls' is een oud Excel-bestand (.xls). Open het in Excel en kies 'Opslaan als' > "
     "'Excel-werkmap (.xlsx)'."),
    (bf.encrypted_xlsx, "file_encrypted",
     "Bestand 'geheim.xlsx' is met een wachtwoord beveiligd. Haal in Excel de beveiliging eraf "
     "(Bestand > Info > Werkmap beveiligen) en sla opnieuw op."),
    (bf.random_zip, "file_not_excel",
     "Bestand 'archief.xlsx' is geen Excel-werkmap (.xlsx) en geen CSV-bestand. Open het in Excel en sla op als .xlsx."),
])
def test_unreadable_files_give_one_clear_error(tmp_path: Path, builder, code: str, message: str) -> None:
    result = load_problem(builder(tmp_path))
    assert result.problem is None
    issue = only(result, code)
    assert issue.severity == ERROR and issue.message == message
    assert issue.message_en  # an English text is always there
    with pytest.raises(ImportFailed) as exc:
        load_problem_or_raise(builder(tmp_path))
    assert message in str(exc.value)


def test_missing_file(tmp_path: Path) -> None:
    issue = only(load_problem(tmp_path / "nergens.xlsx"), "file_missing")
    assert issue.message == "Bestand 'nergens.xlsx' bestaat niet. Controleer de naam en de map."


def test_good_workbook_has_no_issues(tmp_path: Path) -> None:
    result = load_problem(bf.good_workbook(tmp_path))
    assert result.issues == [] and result.problem == make_problem()


def test_missing_sheet(tmp_path: Path) -> None:
    result = load_problem(bf.missing_sheet(tmp_path))
    assert result.problem is None
    assert [str(i) for i in result.issues] == [
        "fout: blad Routes: Blad 'Routes' ontbreekt. Voeg een blad 'Routes' toe (zie het sjabloon)."]


def test_missing_required_column(tmp_path: Path) -> None:
    result = load_problem(bf.missing_column(tmp_path))
    issue = only(result, "column_missing")
    assert (issue.sheet, issue.row, issue.column) == ("Deelnemers", 1, "Wacht sinds")
    assert issue.message == ("Verplichte kolom 'Wacht sinds' ontbreekt op blad 'Deelnemers'. "
                             "Voeg een kolom met kop 'Wacht sinds' toe.")
    assert len(result.errors) == 1  # no error per row for the missing column


def test_duplicate_ids(tmp_path: Path) -> None:
    result = load_problem(bf.duplicate_ids(tmp_path))
    issue = only(result, "duplicate_id_row")
    assert (issue.sheet, issue.row, issue.column, issue.column_letter) == ("Deelnemers", 3, "Id", "A")
    assert issue.message == "Id 'D1' staat ook in rij 2. Geef elke deelnemer een eigen id; deze rij wordt overgeslagen."
    assert result.problem is None


def test_formula_without_cached_value(tmp_path: Path) -> None:
    issue = only(load_problem(bf.formula_cell(tmp_path)), "formula_no_value")
    assert (issue.sheet, issue.row, issue.column, issue.column_letter) == ("Deelnemers", 2, "Leerbaarheid", "C")
    assert issue.message.startswith("De cel bevat een formule zonder berekende waarde. Open het bestand in Excel")


def test_a_column_of_formulas_without_values_is_one_error_per_column(tmp_path: Path) -> None:
    """A workbook written by a program that does not compute formulas (openpyxl, a report tool):
    one error per cell gave hundreds of the same line, where the remedy is one for the column."""
    import openpyxl

    path = bf.with_learners(tmp_path, [{"Id": f"X{i}", "Route": "B1", "Leerbaarheid": 50, "Dagdelen": "ochtend",
                                        "Stadsdeel": "West", "Wacht sinds": "2024-12-02"} for i in range(6)])
    wb = openpyxl.load_workbook(path)
    ws = wb["Deelnemers"]
    col = [c.value for c in ws[1]].index("Leerbaarheid") + 1
    for r in range(2, 8):
        ws.cell(r, col).value = f"=40+{r}"
    ws.cell(4, [c.value for c in ws[1]].index("Stadsdeel") + 1).value = "=\"West\""  # another column: its own error
    wb.save(path)
    result = load_problem(path)
    errors = [i for i in result.issues if i.code == "formula_no_value"]
    assert [(i.row, i.column) for i in errors] == [(2, "Leerbaarheid"), (4, "Stadsdeel")]
    assert errors[0].message.endswith("(in 6 rijen; eerste: rij 2)")
    assert errors[0].message_en.endswith("(in 6 rows; first: row 2)")
    assert "rijen" not in errors[1].message
    assert result.problem is None


def test_merged_header(tmp_path: Path) -> None:
    result = load_problem(bf.merged_header(tmp_path))
    issue = only(result, "header_merged")
    assert issue.severity == ERROR and (issue.sheet, issue.row, issue.column_letter) == ("Deelnemers", 1, "M")
    assert issue.message == ("Kopcellen M1:N1 zijn samengevoegd. Maak de samenvoeging ongedaan en geef elke "
                             "kolom een eigen kop.")
    assert result.problem is None


def test_blank_header_column_is_kept_with_a_warning(tmp_path: Path) -> None:
    result = load_problem(bf.blank_header(tmp_path))
    issue = only(result, "column_blank_header")
    assert issue.severity == WARNING and (issue.row, issue.column, issue.column_letter) == (1, "Kolom W", "W")
    assert issue.message == ("Kolom W heeft gegevens maar geen kop. Geef de kolom een kop; de waarden worden "
                             "bewaard als 'Kolom W'.")
    assert result.ok and result.extras["D1"]["Kolom W"] == "iets"


def test_hidden_row_is_imported_with_a_warning(tmp_path: Path) -> None:
    result = load_problem(bf.hidden_row(tmp_path))
    issue = only(result, "row_hidden")
    assert (issue.severity, issue.sheet, issue.row) == (WARNING, "Deelnemers", 3)
    assert issue.message == ("Rij 3 is verborgen maar wordt wel ingelezen. Maak hem zichtbaar of verwijder hem "
                             "als hij niet mee moet doen.")
    assert result.problem == make_problem()


def test_very_long_texts(tmp_path: Path) -> None:
    result = load_problem(bf.long_texts(tmp_path))
    issue = only(result, "too_long")
    assert (issue.sheet, issue.row, issue.column_letter) == ("Deelnemers", 2, "A")
    assert issue.message == "Tekst is te lang (5000 tekens; maximaal 255). Kort de tekst in."
    assert result.extras["D2"]["Notities"] == "n" * 20000  # notes may be long and are kept whole


@pytest.mark.parametrize("builder", [bf.formatted_to_last_row, bf.million_row_elements])
def test_sheet_claiming_a_million_rows_loads_fast(tmp_path: Path, builder) -> None:
    path = builder(tmp_path)
    start = time.perf_counter()
    result = load_problem(path)
    elapsed = time.perf_counter() - start
    assert result.problem == make_problem()
    # A guard against reading a million rows (minutes), not a speed test: speed is measured in bench/.
    assert elapsed < 15, elapsed


def test_source_file_is_not_modified(tmp_path: Path) -> None:
    path = bf.hidden_row(tmp_path)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    load_problem(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


# ---- CSV ---------------------------------------------------------------------------------------
def test_semicolon_cp1252_csv_with_settings_workbook(tmp_path: Path) -> None:
    result = load_problem(bf.semicolon_cp1252_csv(tmp_path), settings=bf.good_workbook(tmp_path))
    assert result.ok, result.summary()
    assert (result.source.kind, result.source.encoding, result.source.delimiter) == ("csv", "cp1252", ";")
    p = result.problem
    assert p is not None and [lr.id for lr in p.learners] == ["C1", "C2", "C3"]
    c1, c2, c3 = p.learners
    assert (c1.level, c1.home, c1.route) == (50, "Nieuw-West", "B1")
    assert (c2.level, c2.route, len(c2.dayparts)) == (65, "B1", 5)
    assert c3.dayparts == frozenset({"di-middag", "do-middag"})
    assert result.extras["C1"]["Naam"] == "José" and result.extras["C1"]["Notities"] == "café"
    assert p.locations == make_problem().locations
    assert only(result, "settings_learners_ignored").severity == WARNING
    level = only(result, "level_category")
    assert (level.row, level.column) == (2, "Leerbaarheid")
    assert level.message == "Categorie 'gemiddeld' is omgezet naar leerbaarheid 50."


def test_utf8_bom_csv_without_settings_names_what_is_missing(tmp_path: Path) -> None:
    result = load_problem(bf.utf8_bom_csv(tmp_path))
    assert (result.source.encoding, result.source.delimiter) == ("utf-8-sig", ",")
    assert result.problem is None
    missing = [i.sheet for i in result.errors if i.code == "settings_needed"]
    assert missing == ["Locaties", "Lesroosters", "Docenten"]
    assert result.errors[0].message == (
        "Blad 'Locaties' ontbreekt: bij een CSV-bestand met deelnemers moeten locaties, lesroosters en "
        "docenten uit een instellingenwerkmap komen (klasvormer ... --settings WERKMAP; in Python settings=...).")
    assert only(result, "routes_default").severity == WARNING
    assert not [i for i in result.issues if i.code in ("column_missing", "column_unknown")]
    assert result.extras["C2"]["name"] == "Zoë"


def test_used_range_that_is_too_small_is_ignored(tmp_path: Path) -> None:
    assert load_problem(bf.lying_dimension(tmp_path)).problem == make_problem()


def test_excel_error_value_in_a_cell(tmp_path: Path) -> None:
    path = bf.with_learners(tmp_path, [{"Id": "X1", "Route": "B1", "Leerbaarheid": "#N/A", "Dagdelen": "ochtend",
                                        "Stadsdeel": "West", "Wacht sinds": "2024-12-02"}])
    issue = only(load_problem(path), "cell_error")
    assert (issue.row, issue.column) == (2, "Leerbaarheid")
    assert issue.message == "De cel bevat de Excel-fout #N/A. Herstel de formule of vul de waarde zelf in."


def test_many_hidden_rows_give_one_warning(tmp_path: Path) -> None:
    rows = [{"Id": f"X{i}", "Route": "B1", "Leerbaarheid": 50, "Dagdelen": "ochtend", "Stadsdeel": "West",
             "Wacht sinds": "2024-12-02"} for i in range(12)]
    path = bf.with_learners(tmp_path, rows)
    import openpyxl

    wb = openpyxl.load_workbook(path)
    for r in range(2, 14):
        wb["Deelnemers"].row_dimensions[r].hidden = True
    wb.save(path)
    issue = only(load_problem(path), "rows_hidden")
    assert issue.row == 2 and issue.message.startswith("12 verborgen rijen (o.a. 2, 3, 4, 5, 6) worden wel ingelezen.")


def test_input_workbook_is_not_a_plan_workbook(tmp_path: Path) -> None:
    from app.workbook.reimport import load_edited_plan

    issue = only(load_edited_plan(bf.good_workbook(tmp_path)), "plan_no_classes")
    assert issue.message.startswith("Dit is geen planwerkmap van Klasvormer: het blad 'Klassen' ontbreekt.")


def test_nested_column_mapping_per_sheet(tmp_path: Path) -> None:
    import openpyxl

    path = bf.good_workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["Locaties"]["D1"] = "Zalen"
    wb.save(path)
    assert load_problem(path).problem is None
    result = load_problem(path, {"Locaties": {"Zalen": "Lokalen"}})
    assert result.problem == make_problem()


@pytest.mark.parametrize(("sheet", "cells", "code"), [
    ("Routes", {(2, "Min grootte"): 20}, "size_range"),
    ("Locaties", {(4, "Lokalen"): "veel"}, "not_int"),
    ("Lesroosters", {(3, "Dagdelen"): "zondag-nacht"}, "daypart_bad"),
])
def test_a_bad_named_row_is_reported_once_not_on_every_row_that_refers_to_it(
        tmp_path: Path, sheet: str, cells: dict, code: str) -> None:
    """Lopende klas L1 refers to route B1, Locatie Zuid and di-do middag: no knock-on errors there."""
    result = load_problem(bf.with_cells(tmp_path, "kapot.xlsx", sheet, cells))
    assert [(i.code, i.sheet) for i in result.errors] == [(code, sheet)], [str(i) for i in result.issues]
    assert result.problem is None


@pytest.mark.parametrize(("value", "code", "message"), [
    (5000, "horizon_too_long",
     "Planperiode 5000 weken is te lang: hoogstens 260 weken (ongeveer 5 jaar). Vul een kortere planperiode in."),
    (261, "horizon_too_long",
     "Planperiode 261 weken is te lang: hoogstens 260 weken (ongeveer 5 jaar). Vul een kortere planperiode in."),
    (0, "int_range", "0 ligt niet tussen 1 en 260. Vul een waarde van 1 tot en met 260 in."),
    (-3, "int_range", "-3 ligt niet tussen 1 en 260. Vul een waarde van 1 tot en met 260 in."),
])
def test_horizon_outside_its_range_is_an_error_at_its_cell(tmp_path: Path, value: int, code: str,
                                                           message: str) -> None:
    from app.workbook.schema import MAX_HORIZON_WEEKS

    assert MAX_HORIZON_WEEKS == 260
    result = load_problem(bf.setting(tmp_path, "planperiode.xlsx", "planperiode weken", value))
    issue = only(result, code)
    assert (issue.severity, issue.sheet, issue.row, issue.column, issue.column_letter) == (
        ERROR, "Instellingen", 3, "Waarde", "B")
    assert issue.message == message and result.problem is None


def test_longest_horizon_is_accepted(tmp_path: Path) -> None:
    result = load_problem(bf.setting(tmp_path, "planperiode.xlsx", "planperiode weken", 260))
    assert result.ok and result.problem is not None and result.problem.horizon_weeks == 260


def _learner_row(i: int, **more: object) -> dict[str, object]:
    row: dict[str, object] = {"Id": f"X{i}", "Route": "B1", "Leerbaarheid": 50, "Dagdelen": "ochtend",
                              "Stadsdeel": "West", "Wacht sinds": "2024-12-02"}
    row.update(more)
    return row


def test_not_with_a_member_of_the_own_household_is_an_error(tmp_path: Path) -> None:
    path = bf.with_learners(tmp_path, [_learner_row(1, Samen="H7", **{"Niet met": "X3"}), _learner_row(2),
                                       _learner_row(3, Samen="H7")])
    result = load_problem(path)
    issue = only(result, "not_with_household")
    assert (issue.severity, issue.sheet, issue.row, issue.column, issue.column_letter) == (
        ERROR, "Deelnemers", 2, "Niet met", "R")
    assert issue.message == (
        "'X3' (rij 4) hoort bij hetzelfde huishouden 'H7' (kolom Samen) als deze deelnemer: 'Samen' zegt "
        "dezelfde klas, 'Niet met' zegt niet in dezelfde klas. Dat spreekt elkaar tegen. Haal 'X3' weg uit "
        "'Niet met', of haal een van beiden uit het huishouden.")
    assert result.problem is None


def test_not_with_oneself_is_dropped_with_a_warning(tmp_path: Path) -> None:
    path = bf.with_learners(tmp_path, [_learner_row(1, **{"Niet met": "X1; X2"}), _learner_row(2)])
    result = load_problem(path)
    issue = only(result, "not_with_self")
    assert (issue.severity, issue.row, issue.column) == (WARNING, 2, "Niet met")
    assert issue.message == "'Niet met' noemt de deelnemer zelf ('X1'); dat wordt genegeerd. Haal de eigen id weg."
    assert result.problem is not None and result.problem.learners[0].not_with == frozenset({"X2"})


def test_household_larger_than_the_route_max_gives_a_warning(tmp_path: Path) -> None:
    """The fixture's route B1 allows 12 per class; a household of 13 can never sit together."""
    rows = [_learner_row(i, Samen="H9") for i in range(13)] + [_learner_row(20, Samen="H2")]
    result = load_problem(bf.with_learners(tmp_path, rows))
    issue = only(result, "household_too_big")
    assert (issue.severity, issue.sheet, issue.row, issue.column, issue.column_letter) == (
        WARNING, "Deelnemers", 2, "Samen", "Q")
    assert issue.message == (
        "Huishouden 'H9' (kolom Samen) telt 13 deelnemers (rijen 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 ... 14), meer "
        "dan de maximale klasgrootte 12 van route B1 (blad Routes, kolom Max grootte). Samen passen ze in geen "
        "enkele klas: het huishouden blijft wachten. Verhoog 'Max grootte' of verdeel het huishouden over "
        "kleinere groepen.")
    assert result.problem is not None  # a warning: the optimizer lets the household wait
    fits = load_problem(bf.with_learners(tmp_path, rows[1:], "past.xlsx"))
    assert fits.issues == [], [str(i) for i in fits.issues]


def test_dates_far_from_the_plan_date_give_a_warning(tmp_path: Path) -> None:
    """The fixture's plan date is 06-01-2025; 10 years either side is plausible, further is not."""
    rows = [_learner_row(1, **{"Wacht sinds": "01-01-1900"}),
            _learner_row(2, **{"Wacht sinds": "2015-02-01", "Beschikbaar vanaf": "2034-12-01"}),
            _learner_row(3, **{"Beschikbaar vanaf": "2040-01-01"})]
    result = load_problem(bf.with_learners(tmp_path, rows))
    before, after = only(result, "date_long_before"), only(result, "date_long_after")
    assert (before.severity, before.sheet, before.row, before.column, before.column_letter) == (
        WARNING, "Deelnemers", 2, "Wacht sinds", "G")
    assert before.message == ("Datum 01-01-1900 ligt meer dan 10 jaar vóór de plandatum 06-01-2025. Controleer "
                              "of dit klopt (een typfout?); de datum wordt gebruikt zoals hij er staat.")
    assert (after.row, after.column, after.column_letter) == (4, "Beschikbaar vanaf", "H")
    assert after.message.startswith("Datum 01-01-2040 ligt meer dan 10 jaar na de plandatum 06-01-2025.")
    assert result.problem is not None and len(result.issues) == 2


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_text_longer_than_an_excel_cell_gives_a_warning(tmp_path: Path, kind: str) -> None:
    note = "n" * 50_000
    if kind == "xlsx":
        src = bf.with_learners(tmp_path, [_learner_row(1), _learner_row(2, Notities="PLAATSHOUDER")])
        path = bf.replace_text(src, tmp_path / "lange_notitie.xlsx", "PLAATSHOUDER", note)
        column = ("Notities", "V")
    else:
        path = tmp_path / "lange_notitie.csv"
        path.write_text("Id;Route;Leerbaarheid;Dagdelen;Stadsdeel;Wacht sinds;Notities\n"
                        "C1;B1;50;ochtend;West;2024-12-02;kort\n"
                        f"C2;B1;50;ochtend;West;2024-12-02;{note}\n", encoding="utf-8")
        column = ("Notities", "G")
    result = load_problem(path, settings=bf.good_workbook(tmp_path) if kind == "csv" else None)
    issue = only(result, "text_over_excel_limit")
    assert (issue.severity, issue.row, (issue.column, issue.column_letter)) == (WARNING, 3, column)
    assert issue.message == ("De tekst is 50000 tekens lang; een Excel-cel bevat er hoogstens 32767. In de "
                             "planwerkmap wordt hij afgekapt tot 32767 tekens. Kort de tekst in of zet het "
                             "teveel elders.")
    assert issue.value is None  # notes are personal: never echoed
    assert result.problem is not None
    lid = "X2" if kind == "xlsx" else "C2"
    assert result.extras[lid]["Notities"] == note  # kept whole; only the plan workbook cuts it


@pytest.mark.parametrize(("builder", "code", "message"), [
    (bf.utf16_odd_csv, "csv_utf16_odd",
     "CSV-bestand 'utf16_oneven.csv' is als UTF-16 opgeslagen, maar het aantal bytes is oneven: het bestand is "
     "afgebroken of beschadigd (laatste regel: 4). Controleer het einde van het bestand en sla het in Excel "
     "opnieuw op als 'CSV UTF-8'."),
    (bf.utf16_lone_surrogate_csv, "csv_utf16_bad",
     "CSV-bestand 'utf16_surrogaat.csv' is als UTF-16 opgeslagen, maar regel 3 (byte 304) bevat een ongeldig "
     "teken (een losse helft van een tekenpaar): het bestand is beschadigd. Herstel of verwijder dat teken en "
     "sla het bestand op als 'CSV UTF-8'."),
    (bf.nul_csv, "csv_nul",
     "CSV-bestand 'nul.csv' bevat 1 NUL-teken (het eerste in regel 2); die horen niet in een tekstbestand. "
     "Het bestand is beschadigd of in een andere codering opgeslagen (bijvoorbeeld UTF-16 zonder BOM). Open "
     "het in Excel of een teksteditor en sla het op als 'CSV UTF-8'."),
])
def test_damaged_csv_says_what_is_wrong(tmp_path: Path, builder, code: str, message: str) -> None:
    result = load_problem(builder(tmp_path), settings=bf.good_workbook(tmp_path))
    issue = only(result, code)
    assert issue.severity == ERROR and issue.message == message and issue.message_en
    assert result.problem is None


def test_csv_with_a_field_longer_than_the_csv_reader_takes(tmp_path: Path) -> None:
    path = tmp_path / "lang_veld.csv"
    path.write_text(bf.CSV_TEXT + "C4;B1;50;ochtend;Noord;2025-01-06;;" + "n" * 200_000 + "\n", encoding="utf-8")
    issue = only(load_problem(path), "csv_bad_line")
    assert issue.message.startswith("CSV-bestand 'lang_veld.csv' kan bij regel 5 niet worden gelezen (een veld is "
                                    "langer dan 131.072 tekens).")


@pytest.mark.parametrize("fast", [True, False], ids=["calamine", "openpyxl"])
def test_a_row_far_below_and_a_column_far_right_are_read(tmp_path: Path, monkeypatch, fast: bool) -> None:
    """A learner 1,500 blank rows below the others and a column at 400 (OJ) are not dropped."""
    import app.workbook.reader

    if not fast:
        monkeypatch.setattr(app.workbook.reader, "python_calamine", None)
    result = load_problem(bf.far_row_and_column(tmp_path))
    assert result.problem is not None
    assert [lr.id for lr in result.problem.learners] == ["D1", "D2", "D3", "D4", "D5", "D9"]
    assert result.source.learner_rows["D9"] == 1507
    assert result.extras["D1"]["Ver weg"] == "kolom 400" and result.extras["D9"]["Ver weg"] is None
    issue = only(result, "column_unknown")
    assert (issue.row, issue.column, issue.column_letter) == (1, "Ver weg", "OJ")


def test_a_csv_row_after_many_blank_lines_is_read(tmp_path: Path) -> None:
    path = tmp_path / "gat.csv"
    path.write_text(bf.CSV_TEXT + "\n" * 1500 + "C9;B1;50;ochtend;Noord;2025-01-06;;\n", encoding="utf-8")
    result = load_problem(path, settings=bf.good_workbook(tmp_path))
    assert result.problem is not None
    assert [lr.id for lr in result.problem.learners] == ["C1", "C2", "C3", "C9"]
    assert result.source.learner_rows["C9"] == 1505


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_template_saved_as_csv_on_its_uitleg_sheet_says_so(tmp_path: Path, lang: str) -> None:
    """Save As CSV keeps the sheet that is open, and the template opens on Uitleg: the import said
    six required columns were missing (and seven unknown ones), not what had happened."""
    import csv

    import openpyxl

    from app.workbook.template import write_template

    write_template(tmp_path / "sjabloon.xlsx", lang=lang)
    rows = openpyxl.load_workbook(tmp_path / "sjabloon.xlsx").worksheets[0].iter_rows(values_only=True)
    path = tmp_path / "deelnemers.csv"
    with path.open("w", newline="", encoding="utf-8") as f:  # as Calc writes it: commas, quotes where needed
        csv.writer(f).writerows([["" if v is None else v for v in row] for row in rows])
    result = load_problem(path, settings=bf.good_workbook(tmp_path))
    assert result.problem is None
    assert [i.code for i in result.issues] == ["csv_explanation_sheet"]
    (issue,) = result.issues
    assert "'deelnemers.csv' lijkt het blad Uitleg van de invoerwerkmap te zijn" in issue.message
    assert "kies eerst het blad Deelnemers en sla dan op als CSV" in issue.message
    assert "looks like the Uitleg (explanation) sheet" in issue.message_en
    assert "select the Deelnemers sheet first" in issue.message_en


def test_a_csv_whose_first_cell_is_no_title_is_read_as_learners(tmp_path: Path) -> None:
    path = tmp_path / "lijst.csv"
    path.write_text("Klasvormer\n" + bf.CSV_TEXT, encoding="utf-8")  # not the Uitleg title: the usual errors
    assert "csv_explanation_sheet" not in {i.code for i in load_problem(path, settings=bf.good_workbook(tmp_path)).issues}


# ---- a folder, and a settings workbook beside a whole one (the analyst's audit) ------------------
def test_a_folder_given_as_the_input_or_the_settings_says_it_is_a_folder(tmp_path: Path) -> None:
    """Found from outside: `klasvormer solve adir` said "Bestand 'adir' kan niet worden gelezen (Is
    a directory). Sluit het in andere programma's en probeer opnieuw." (an English reason, and
    advice that cannot help); as --settings, every sheet it should give was then "missing" too."""
    folder = tmp_path / "map"
    folder.mkdir()
    result = load_problem(folder)
    assert result.problem is None
    assert only(result, "file_is_folder").message == (
        "'map' is een map, geen bestand. Geef een werkmap (.xlsx) of een deelnemerslijst (.csv).")
    result = load_problem(bf.semicolon_cp1252_csv(tmp_path), settings=folder)
    assert only(result, "file_is_folder").severity == ERROR
    assert [i.code for i in result.issues if i.is_error] == ["file_is_folder"]


def test_settings_sheets_the_input_workbook_has_itself_are_said_to_be_ignored(tmp_path: Path) -> None:
    """Found from outside: `check plan.xlsx --settings other.xlsx` (to try other teachers) used the
    input's own sheets and said nothing of the settings workbook; the CSV door warns for its
    Deelnemers sheet. The input's own Deelnemers beside a settings workbook's is expected: no word."""
    good = bf.good_workbook(tmp_path)
    other = tmp_path / "anders.xlsx"
    other.write_bytes(good.read_bytes())
    result = load_problem(good, settings=other)
    assert result.ok
    issue = only(result, "settings_sheets_ignored")
    assert issue.severity == WARNING and "anders.xlsx" in issue.message and "Docenten" in issue.message
    assert "Deelnemers" not in issue.message
    assert not [i for i in load_problem(good).issues if i.code == "settings_sheets_ignored"]
