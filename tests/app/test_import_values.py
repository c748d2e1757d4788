"""Cell values in a workbook: every problem is reported at its cell, all in one pass."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from app.workbook.importer import load_problem
from app.workbook.issues import ERROR, WARNING
from optimizer.domain import WAITLIST

from . import badfiles as bf

BASE = {"Id": "X1", "Route": "B1", "Leerbaarheid": 50, "Dagdelen": "ochtend", "Stadsdeel": "West",
        "Wacht sinds": date(2024, 12, 2)}


def issue_at(result, row: int, column: str):
    found = [i for i in result.issues if i.row == row and i.column == column]
    assert len(found) == 1, [str(i) for i in result.issues]
    return found[0]


def test_every_bad_cell_is_reported_at_once(tmp_path: Path) -> None:
    rows = [
        {**BASE, "Id": "X1", "Wacht sinds": "gisteren"},
        {**BASE, "Id": "X2", "Leerbaarheid": "heel snel"},
        {**BASE, "Id": "X3", "Dagdelen": "maandag nacht"},
        {**BASE, "Id": "X4", "Stadsdeel": "Haarlem"},
        {**BASE, "Id": "X5", "Stadsdeel": None, "Postcode": "9999 ZZ"},
        {**BASE, "Id": "X6", "Prioriteit": 11},
        {**BASE, "Id": "X7", "Niet met": "X99"},
        {**BASE, "Id": "X8", "Vastgezet": "K77"},
        {**BASE, "Id": "X9", "Uitgesloten locaties": "Locatie West"},
        {**BASE, "Id": "X10", "Route": "B2"},
        {**BASE, "Id": "X11", "Gealfabetiseerd": "misschien"},
        {**BASE, "Id": "X12", "Stadsdeel": None},
        {**BASE, "Id": "X13", "Leerbaarheid": 130},
    ]
    result = load_problem(bf.with_learners(tmp_path, rows))
    assert result.problem is None
    assert issue_at(result, 2, "Wacht sinds").message == "'gisteren' is geen datum. Schrijf bijvoorbeeld 06-01-2025 of 2025-01-06."
    assert issue_at(result, 3, "Leerbaarheid").message.startswith("'heel snel' is geen leerbaarheid.")
    assert issue_at(result, 4, "Dagdelen").message.startswith("'maandag nacht' is geen dagdeel: 'nacht' is geen dag")
    assert issue_at(result, 5, "Stadsdeel").message.startswith("'Haarlem' is geen Amsterdams stadsdeel. Kies uit: Centrum,")
    assert issue_at(result, 6, "Postcode").message.startswith("Postcode 9999 ZZ is onbekend (niet in Amsterdam of te nieuw).")
    assert issue_at(result, 7, "Prioriteit").message == "11 ligt niet tussen 1 en 10. Vul een waarde van 1 tot en met 10 in."
    assert issue_at(result, 8, "Niet met").message == "'X99' is geen id van een deelnemer op het blad Deelnemers."
    assert issue_at(result, 9, "Vastgezet").message == ("Klas 'K77' bestaat niet. Gebruik de code van een lopende "
                                                        "klas of 'wachtlijst'.")
    assert issue_at(result, 10, "Uitgesloten locaties").message.startswith("Locatie 'Locatie West' bestaat niet.")
    assert issue_at(result, 11, "Route").message == ("Route 'B2' staat niet op het blad Routes (B1). Voeg de route "
                                                     "toe of corrigeer de naam.")
    assert issue_at(result, 12, "Gealfabetiseerd").message == "'misschien' is geen toegestane waarde. Kies uit: ja, nee, anders."
    assert issue_at(result, 13, "Stadsdeel").message == ("Stadsdeel en postcode zijn leeg en er zijn geen reistijden. "
                                                         "Vul een van beide in.")
    assert issue_at(result, 14, "Leerbaarheid").message == "130 ligt niet tussen 0 en 100. Vul een waarde van 0 tot en met 100 in."
    assert all(i.severity == ERROR for i in result.issues)
    assert all(i.column_letter for i in result.issues)


def test_forms_people_type_are_understood(tmp_path: Path) -> None:
    rows = [
        {**BASE, "Id": 1001.0, "Route": " b1 ", "Leerbaarheid": "langzaam gealfabetiseerd",
         "Dagdelen": "ma/wo/vr ochtend", "Stadsdeel": None, "Postcode": "1102 AB", "Wacht sinds": "2-12-24",
         "Talen": "arabisch; Engels", "Voorkeurstaal": "Arabisch", "Vastgezet": "Wachtlijst",
         "Status": "Status holder", "Uitgesloten locaties": "locatie zuid"},
        {**BASE, "Id": "X2", "Leerbaarheid": "65%", "Max reistijd": "30 min", "Niet met": "1001",
         "Vastgezet": "l1", "Gealfabetiseerd": "No", "Samen": "H-1"},
    ]
    result = load_problem(bf.with_learners(tmp_path, rows))
    assert result.ok, result.summary()
    a, b = result.problem.learners
    assert a.id == "1001" and a.route == "B1" and a.home == "1102"
    assert (a.level, a.profile, a.literacy) == (25, "langzaam gealfabetiseerd", "ja")
    assert a.dayparts == frozenset({"ma-ochtend", "wo-ochtend", "vr-ochtend"})
    assert a.waiting_since == date(2024, 12, 2) and a.pin == WAITLIST and a.status == "statushouder"
    assert a.languages == frozenset({"Arabisch", "Engels"}) and a.preferred_language == "Arabisch"
    assert a.excluded_locations == frozenset({"Locatie Zuid"})
    assert (b.level, b.max_travel, b.not_with, b.pin, b.literacy) == (65, 30, frozenset({"1001"}), "L1", "nee")
    profile = [i for i in result.issues if i.code == "level_profile"]
    assert profile and profile[0].severity == WARNING and profile[0].message == (
        "Profiel 'langzaam gealfabetiseerd' is omgezet naar leerbaarheid 25, profiel 'langzaam gealfabetiseerd' "
        "en gealfabetiseerd 'ja'.")


def test_repeated_assumptions_are_folded_into_one_warning(tmp_path: Path) -> None:
    rows = [{**BASE, "Id": f"X{i}", "Leerbaarheid": "snel"} for i in range(6)]
    result = load_problem(bf.with_learners(tmp_path, rows))
    assert [i.message for i in result.issues] == [
        "Categorie 'snel' is omgezet naar leerbaarheid 75. (in 6 rijen; eerste: rij 2)"]


def test_a_fraction_as_text_reads_as_the_same_number(tmp_path: Path) -> None:
    """'0,65' in a cell (or any CSV value) is 65 like the number 0.65, not a rounded 1; each fraction
    gets its own warning with its row, not folded into the rounding note of another row."""
    texts = [("T1", "0,65"), ("T2", "0.65"), ("T3", "0,5"), ("T4", "62,5"), ("T5", "0,65")]
    numbers = [("N1", 0.65), ("N2", 0.5)]
    rows = [{**BASE, "Id": i, "Leerbaarheid": v} for i, v in [*texts, *numbers]]
    result = load_problem(bf.with_learners(tmp_path, rows))
    assert result.ok, result.summary()
    levels = {lr.id: lr.level for lr in result.problem.learners}
    assert levels == {"T1": 65, "T2": 65, "T3": 50, "T4": 63, "T5": 65, "N1": 65, "N2": 50}
    fractions = sorted((i.row, i.message) for i in result.issues if i.code == "level_fraction")
    assert fractions == [
        (2, "Leerbaarheid 0,65 is gelezen als 65% (score 65). (in 2 rijen; eerste: rij 2)"),
        (3, "Leerbaarheid 0.65 is gelezen als 65% (score 65). (in 2 rijen; eerste: rij 3)"),  # and the number
        (4, "Leerbaarheid 0,5 is gelezen als 50% (score 50)."),
        (8, "Leerbaarheid 0.5 is gelezen als 50% (score 50)."),
    ]
    assert [i.row for i in result.issues if i.code == "level_rounded"] == [5]


def test_a_csv_fraction_reads_like_the_number(tmp_path: Path) -> None:
    csv_path = tmp_path / "deelnemers.csv"
    csv_path.write_text("Id;Route;Leerbaarheid;Dagdelen;Stadsdeel;Wacht sinds\n"
                        "C1;B1;0,65;ochtend;West;02-12-2024\nC2;B1;0,5;ochtend;West;02-12-2024\n"
                        "C3;B1;65;ochtend;West;02-12-2024\n", encoding="utf-8")
    result = load_problem(csv_path, settings=bf.good_workbook(tmp_path))
    assert result.problem is not None, result.summary()
    assert {lr.id: lr.level for lr in result.problem.learners} == {"C1": 65, "C2": 50, "C3": 65}


def test_a_huge_number_and_a_zero_date_are_said_as_people_see_them(tmp_path: Path) -> None:
    """Prioriteit 1e300 was echoed as a 301-digit integer; a date-formatted 0 (read as the time
    00:00:00) as "'00:00:00' is geen datum"."""
    rows = [{**BASE, "Id": "X1", "Prioriteit": 1e300}, {**BASE, "Id": "X2", "Wacht sinds": 0},
            {**BASE, "Id": "X3", "Wacht sinds": 0.5}]
    path = bf.with_learners(tmp_path, rows)
    wb = openpyxl.load_workbook(path)
    ws = wb["Deelnemers"]
    letter = bf.column_letter(ws, "Wacht sinds")
    ws[f"{letter}3"].number_format = ws[f"{letter}4"].number_format = "DD-MM-YYYY"
    wb.save(path)
    result = load_problem(path)
    assert issue_at(result, 2, "Prioriteit").message == (
        "1e+300 ligt niet tussen 1 en 10. Vul een waarde van 1 tot en met 10 in.")
    zero = issue_at(result, 3, "Wacht sinds")
    assert zero.code == "date_zero" and "00:00:00' is geen datum" not in zero.message
    assert zero.message.startswith("De cel bevat het getal 0 met datumopmaak")
    assert "Vul een datum in" in zero.message
    noon = issue_at(result, 4, "Wacht sinds")
    assert noon.code == "date_time_only" and noon.message.startswith("De cel bevat alleen een tijd (12:00)")


def test_example_rows_are_skipped(tmp_path: Path) -> None:
    rows = [{**BASE, "Id": "VOORBEELD-1", "Leerbaarheid": "onzin"}, {**BASE, "Id": "X1"}]
    result = load_problem(bf.with_learners(tmp_path, rows))
    assert result.ok and [lr.id for lr in result.problem.learners] == ["X1"]


def test_column_mapping_and_title_rows(tmp_path: Path) -> None:
    path = bf.with_learners(tmp_path, [{**BASE, "Id": "X1"}])
    wb = openpyxl.load_workbook(path)
    ws = wb["Deelnemers"]
    ws["A1"] = "Klantnr"
    ws.insert_rows(1, 2)
    ws["A1"] = "Wachtlijst januari"
    wb.save(path)
    plain = load_problem(path)
    assert plain.problem is None and any(i.code == "column_missing" for i in plain.errors)
    mapped = load_problem(path, {"Klantnr": "id"})
    assert mapped.ok and mapped.problem.learners[0].id == "X1"
    assert mapped.source.learner_rows == {"X1": 4}


def test_problem_validate_messages_are_placed_on_rows(tmp_path: Path) -> None:
    """A learner referring to a running class of another... route check comes from Problem.validate."""
    path = bf.good_workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Routes"]
    ws["B2"], ws["C2"] = 20, 10  # min size above max size
    wb.save(path)
    result = load_problem(path)
    issue = [i for i in result.errors if i.code == "size_range"][0]
    assert (issue.sheet, issue.row, issue.column) == ("Routes", 2, "Min grootte")
    assert issue.message == "Route B1: minimale klasgrootte 20 is groter dan maximale 10."
