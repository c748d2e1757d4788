"""Learner lists made by other programs than Klasvormer (audit round 6, "data"): a workbook with
its own sheet names, dates and numbers as other systems write them, households that contradict
themselves. Each is read as meant, or said precisely where and what to do."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from app.workbook.importer import load_problem
from app.workbook.issues import ERROR, WARNING

from . import badfiles as bf

HEADERS = ["Id", "Route", "Leerbaarheid", "Dagdelen", "Stadsdeel", "Wacht sinds"]
ROWS = [["E1", "B1", 40, "ochtend", "Noord", "01-02-2025"],
        ["E2", "B1", 55, "middag", "Centrum", "2025-01-15"]]


def _export(path: Path, sheets: dict[str, list[list]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


def test_a_one_sheet_export_with_settings_plans_its_own_learners(tmp_path: Path) -> None:
    """A list saved from another program (one sheet 'Blad1') with --settings: its learners are
    planned, not the settings workbook's own Deelnemers (which were planned without a word)."""
    settings = bf.good_workbook(tmp_path)
    path = _export(tmp_path / "export.xlsx", {"Blad1": [HEADERS, *ROWS]})
    result = load_problem(path, settings=settings)
    assert result.problem is not None, result.summary()
    assert [lr.id for lr in result.problem.learners] == ["E1", "E2"]
    [note] = [i for i in result.issues if i.code == "sheet_read_as_learners"]
    assert note.severity == WARNING and note.sheet == "Blad1"
    assert note.message == ("Het bestand heeft geen blad 'Deelnemers'; het enige blad, 'Blad1', is gelezen als "
                            "de deelnemerslijst. Noem het blad 'Deelnemers' als dat klopt.")
    assert "'Blad1', was read as the list of learners" in note.message_en
    assert result.source.learner_rows == {"E1": 2, "E2": 3}


def test_a_renamed_learner_sheet_is_an_error_naming_the_sheets(tmp_path: Path) -> None:
    settings = bf.good_workbook(tmp_path)
    path = _export(tmp_path / "export.xlsx", {"Wachtlijst export": [HEADERS, *ROWS], "Notities": [["x"]]})
    result = load_problem(path, settings=settings)
    assert result.problem is None
    [error] = [i for i in result.issues if i.is_error]
    assert error.severity == ERROR and error.code == "learners_sheet_missing_settings"
    assert error.message == (
        "Blad 'Deelnemers' ontbreekt; het bestand heeft de bladen 'Wachtlijst export', 'Notities'. Geef het "
        "blad met de deelnemers de naam 'Deelnemers'. De deelnemers komen altijd uit dit bestand, nooit uit de "
        "instellingenwerkmap 'goed.xlsx'.")
    alone = load_problem(path)
    [missing] = [i for i in alone.issues if i.code == "learners_sheet_missing"]
    assert "'Wachtlijst export', 'Notities'" in missing.message and "'Wachtlijst export'" in missing.message_en


def _learners(tmp_path: Path, dates: list) -> tuple[Path, Path]:
    """An export of one learner per 'Wacht sinds' value (other sheets from a settings workbook)."""
    rows = [[f"E{n}", "B1", 50, "ochtend", "Noord", value] for n, value in enumerate(dates, 1)]
    return _export(tmp_path / "export.xlsx", {"Deelnemers": [HEADERS, *rows]}), bf.good_workbook(tmp_path)


def test_dates_as_other_systems_write_them(tmp_path: Path) -> None:
    """ISO with a time ('T', as JSON and most APIs write it; it was lower-cased before the match
    and refused), an Excel serial number with a time part (46390.75 was refused), and a long
    Dutch date with its weekday (Excel's 'lange datum' saved as text)."""
    dates = ["2026-11-02T09:15:00", "2026-11-02T09:15:00Z", "2026-11-02T09:15:00+01:00", 46390.75,
             "zondag 3 januari 2027", "Zo 3 jan. 2027", "3 januari 2027", "03-01-2027 13:45"]
    path, settings = _learners(tmp_path, dates)
    result = load_problem(path, settings=settings)
    assert result.problem is not None, result.summary()
    read = [str(lr.waiting_since) for lr in result.problem.learners]
    assert read == ["2026-11-02"] * 3 + ["2027-01-03"] * 5
    [serial] = [i for i in result.issues if i.code == "date_serial"]
    assert serial.row == 5 and serial.message.startswith("Getal 46390.75 is gelezen als Excel-datum 03-01-2027.")


def test_a_weekday_that_does_not_match_the_date_is_an_error(tmp_path: Path) -> None:
    path, settings = _learners(tmp_path, ["maandag 3 januari 2027"])
    result = load_problem(path, settings=settings)
    [error] = result.errors
    assert (error.row, error.column) == (2, "Wacht sinds")
    assert error.message == ("'maandag 3 januari 2027': 03-01-2027 valt op een zondag, niet op de genoemde dag. "
                             "Controleer de datum.")
    assert error.message_en == "'maandag 3 januari 2027': 03-01-2027 is a Sunday, not the day named. Check the date."


def test_a_date_column_of_numbers_is_one_warning(tmp_path: Path) -> None:
    """A date column exported as Excel serial numbers (one number per day) gave one warning per
    distinct number: 40 rows, 40 warnings; 3,000 rows, hundreds."""
    path, settings = _learners(tmp_path, [46268 + n for n in range(40)])
    result = load_problem(path, settings=settings)
    assert result.problem is not None and len(result.problem.learners) == 40
    [serial] = [i for i in result.issues if i.code == "date_serial"]
    assert serial.row == 2 and serial.message == (
        "Getal 46268 is gelezen als Excel-datum 03-09-2026. Geef de cel de opmaak 'Datum' als dat klopt. "
        "(net zo in 40 rijen van deze kolom, elk met een eigen waarde; eerste: rij 2)")
    assert serial.message_en.endswith("(likewise in 40 rows of this column, each with its own value; first: row 2)")
    assert [str(lr.waiting_since) for lr in result.problem.learners][-1] == "2026-10-12"


def test_a_household_that_can_never_share_a_class_is_said_at_check(tmp_path: Path) -> None:
    """Households whose members contradict each other were 'in orde' on check and then waited
    the whole plan: leerbaarheid further apart than a class may spread, no lesrooster within the
    dayparts they share, and the same household written 'H2' and 'h2 '."""
    head = [*HEADERS, "Samen"]
    rows = [["E1", "B1", 40, "ma-ochtend, wo-ochtend, vr-ochtend, di-middag", "Noord", "01-02-2025", "H1"],
            ["E2", "B1", 45, "di-middag, do-middag", "Noord", "01-02-2025", "H1"],
            ["E3", "B1", 20, "ochtend", "Noord", "01-02-2025", "H2"],
            ["E4", "B1", 60, "ochtend", "Noord", "01-02-2025", "H2"],
            ["E5", "B1", 40, "ochtend", "Noord", "01-02-2025", "h2 "],
            ["E6", "B1", 40, "ochtend", "Noord", "01-02-2025", "H3"],
            ["E7", "B1", 60, "ochtend", "Noord", "01-02-2025", "H3"]]
    path = _export(tmp_path / "export.xlsx", {"Deelnemers": [head, *rows]})
    result = load_problem(path, settings=bf.good_workbook(tmp_path))
    assert result.problem is not None, result.summary()
    found = {(i.code, i.row, i.column) for i in result.warnings if i.code.startswith("household")}
    assert found == {("household_dayparts", 2, "Samen"), ("household_spread", 4, "Samen"),
                     ("household_spelling", 6, "Samen")}
    text = {i.code: i.message for i in result.warnings}
    assert text["household_spread"] == (
        "Huishouden 'H2' (kolom Samen, rijen 4, 5) heeft leerbaarheid 20 tot 60, verder uiteen dan de maximale "
        "spreiding 30 van route B1 (blad Routes, kolom Max spreiding). Samen passen ze in geen enkele klas: het "
        "huishouden blijft wachten. Controleer de leerbaarheid, verhoog 'Max spreiding' of haal iemand uit het "
        "huishouden.")
    assert text["household_dayparts"].startswith("Huishouden 'H1' (kolom Samen, rijen 2, 3) heeft samen alleen de "
                                                 "dagdelen di-middag: daarin past geen lesrooster van route B1")
    assert text["household_spelling"] == ("Huishouden 'h2' verschilt alleen in hoofdletters of spaties van 'H2' "
                                          "(rij 4); het zijn nu twee huishoudens. Schrijf ze precies gelijk als ze "
                                          "bij elkaar horen.")
    assert all(i.message_en.startswith("Household '") for i in result.warnings if i.code.startswith("household"))


def test_a_household_on_two_routes_is_said(tmp_path: Path) -> None:
    path = tmp_path / "lijst.csv"
    path.write_text("Id;Route;Leerbaarheid;Dagdelen;Stadsdeel;Wacht sinds;Samen\n"
                    "E1;B1;50;ochtend;Noord;01-02-2025;H1\nE2;Z;50;ochtend;Noord;01-02-2025;H1\n", encoding="utf-8")
    alone = load_problem(path)  # without settings: each route gets default rules
    [warning] = [i for i in alone.issues if i.code == "household_routes"]
    assert (warning.row, warning.column) == (2, "Samen")
    assert "staat op verschillende routes (B1, Z)" in warning.message


def test_a_range_of_days_and_a_dash_between_two_days(tmp_path: Path) -> None:
    """'ma t/m vr ochtend' (how a range is written in Dutch) was an error; 'ma-vr ochtend' was read
    as Monday and Friday without a word, so a learner available every morning fitted no class of
    three mornings. Now the range is read, and the dash is read as before with a warning."""
    rows = [["E1", "B1", 50, "ma t/m vr ochtend", "Noord", "01-02-2025"],
            ["E2", "B1", 50, "ma-vr ochtend", "Noord", "01-02-2025"],
            ["E3", "B1", 50, "Maandag tot en met donderdag middag", "Noord", "01-02-2025"],
            ["E4", "B1", 50, "ma-vr ochtend", "Noord", "01-02-2025"],
            ["E5", "B1", 50, "ma-wo-vr ochtend, di-do middag", "Noord", "01-02-2025"]]
    path = _export(tmp_path / "export.xlsx", {"Deelnemers": [HEADERS, *rows]})
    result = load_problem(path, settings=bf.good_workbook(tmp_path))
    assert result.problem is not None, result.summary()
    read = {lr.id: sorted(lr.dayparts) for lr in result.problem.learners}
    assert read["E1"] == sorted(f"{d}-ochtend" for d in ("ma", "di", "wo", "do", "vr"))
    assert read["E2"] == ["ma-ochtend", "vr-ochtend"]
    assert read["E3"] == sorted(f"{d}-middag" for d in ("ma", "di", "wo", "do"))
    [warning] = [i for i in result.issues if i.code == "daypart_dash_pair"]  # ma-wo-vr and di-do: lists
    assert (warning.row, warning.column) == (3, "Dagdelen")
    assert warning.message == ("'ma-vr' is gelezen als twee dagen, ma en vr, niet als ma tot en met vr. Bedoelt u "
                               "elke dag daartussen, schrijf dan 'ma t/m vr'. (in 2 rijen; eerste: rij 3)")


def test_a_range_backwards_is_an_error_saying_how_to_write_one(tmp_path: Path) -> None:
    rows = [["E1", "B1", 50, "vr t/m ma", "Noord", "01-02-2025"]]
    path = _export(tmp_path / "export.xlsx", {"Deelnemers": [HEADERS, *rows]})
    [error] = load_problem(path, settings=bf.good_workbook(tmp_path)).errors
    assert (error.row, error.column) == (2, "Dagdelen")
    assert error.message == ("'vr t/m ma' is geen dagdeel: een reeks loopt van een dag tot en met een latere dag, "
                             "zoals 'ma t/m vr ochtend'.")
    assert error.message_en.startswith("'vr t/m ma' is not a daypart: a range runs from a day through a later day")


def test_row_numbers_on_problemen_stand_under_their_header(tmp_path: Path) -> None:
    """Printed, the right-aligned row number ran into the column name beside it ('5 Leerbaarheid')."""
    from app.workbook.errors_workbook import ROW_COLUMN, write_error_workbook

    rows = [["E1", "B1", "hoog", "ochtend", "Noord", "01-02-2025"]]
    path = _export(tmp_path / "export.xlsx", {"Deelnemers": [HEADERS, *rows]})
    out = write_error_workbook(path, load_problem(path, settings=bf.good_workbook(tmp_path)).issues,
                               tmp_path / "fouten.xlsx")
    ws = openpyxl.load_workbook(out)["Problemen"]
    assert ws.cell(row=1, column=ROW_COLUMN).value == "Rij" and ws.cell(row=2, column=ROW_COLUMN).value == 2
    assert ws.cell(row=2, column=ROW_COLUMN).alignment.horizontal == "left"


def test_a_list_with_its_own_klas_column_is_told_it_is_not_kept(tmp_path: Path) -> None:
    """A student administration's list with 'Klas' (the class at school) and 'Startdatum': both
    were left out of the kept columns (the plan writes its own) without a word, though the
    README promises extra columns come back untouched. Renamed as the warning says, they are kept."""
    head = [*HEADERS, "Klas", "Startdatum"]
    rows = [["E1", "B1", 50, "ochtend", "Noord", "01-02-2025", "3B", "01-03-2025"]]
    path = _export(tmp_path / "export.xlsx", {"Deelnemers": [head, *rows]})
    result = load_problem(path, settings=bf.good_workbook(tmp_path))
    assert result.problem is not None
    found = {(i.column, i.column_letter, i.row) for i in result.warnings if i.code == "column_plan_output"}
    assert found == {("Klas", "G", 1), ("Startdatum", "H", 1)}
    [klas] = [i for i in result.warnings if i.code == "column_plan_output" and i.column == "Klas"]
    assert klas.message == ("Kolom 'Klas' is een kolom die het plan zelf invult; de waarden in deze lijst worden "
                            "niet gelezen en komen niet terug in het plan. Geef de kolom een andere naam "
                            "(bijvoorbeeld 'Eigen Klas') als u ze wilt bewaren.")
    renamed = _export(tmp_path / "hernoemd.xlsx", {"Deelnemers": [[*HEADERS, "Eigen Klas"], [*rows[0][:6], "3B"]]})
    again = load_problem(renamed, settings=bf.good_workbook(tmp_path))
    assert again.extras["E1"]["Eigen Klas"] == "3B"
    assert not [i for i in again.warnings if i.code == "column_plan_output"]


def test_a_plan_workbook_read_as_input_does_not_warn_about_its_own_columns(tmp_path: Path) -> None:
    from app.workbook.export import write_plan_workbook
    from optimizer import SolveOptions, solve

    from .conftest import make_problem

    problem = make_problem()
    plan = solve(problem, SolveOptions(time_limit=2, deterministic=True))
    path = write_plan_workbook(problem, plan, tmp_path / "plan.xlsx")
    result = load_problem(path)
    assert result.problem is not None
    assert not [i for i in result.issues if i.code == "column_plan_output"]


def test_ids_that_differ_only_in_capitals_are_said(tmp_path: Path) -> None:
    """'K002' and 'k002' (a list merged from two systems) became two learners without a word."""
    rows = [["K002", "B1", 50, "ochtend", "Noord", "01-02-2025"],
            ["E1", "B1", 50, "ochtend", "Noord", "01-02-2025"],
            ["k002", "B1", 50, "ochtend", "Noord", "01-02-2025"]]
    path = _export(tmp_path / "export.xlsx", {"Deelnemers": [HEADERS, *rows]})
    result = load_problem(path, settings=bf.good_workbook(tmp_path))
    assert result.problem is not None and len(result.problem.learners) == 3
    [warning] = [i for i in result.warnings if i.code == "duplicate_id_case"]
    assert (warning.row, warning.column) == (4, "Id")
    assert warning.message == ("Id 'k002' verschilt alleen in hoofdletters van 'K002' (rij 2); het worden twee "
                               "deelnemers. Is het dezelfde persoon, verwijder dan een van beide rijen.")


def test_the_english_class_list_and_footers_print_in_english_without_overlap(tmp_path: Path) -> None:
    """Printed, an English class list's label 'Learnability of the learners' ran into its value
    ('...learners46-65'): column A was sized for the Dutch labels; and every English sheet's footer
    said 'Klas K01 - pagina 1'."""
    from app.workbook.errors_workbook import write_error_workbook
    from app.workbook.export import write_plan_workbook
    from app.workbook.xlsx_util import PAGE_FOOTER

    from .conftest import make_plan, make_problem

    problem = make_problem()
    book = openpyxl.load_workbook(write_plan_workbook(problem, make_plan(problem), tmp_path / "plan.xlsx", lang="en"))
    ws = book["Klas K1"]
    labels = [ws.cell(row=r, column=1).value for r in range(2, 12) if ws.cell(row=r, column=1).font.b]
    assert "Learnability of the learners" in labels
    assert ws.column_dimensions["A"].width >= len("Learnability of the learners") * 1.1
    assert {s.oddFooter.center.text for s in book.worksheets if s.oddFooter.center.text} == {PAGE_FOOTER["en"]}
    dutch = openpyxl.load_workbook(write_plan_workbook(problem, make_plan(problem), tmp_path / "plan_nl.xlsx"))
    assert {s.oddFooter.center.text for s in dutch.worksheets if s.oddFooter.center.text} == {"&A - pagina &P"}
    rows = [["E1", "B1", "hoog", "ochtend", "Noord", "01-02-2025"]]
    path = _export(tmp_path / "export.xlsx", {"Deelnemers": [HEADERS, *rows]})
    issues = load_problem(path, settings=bf.good_workbook(tmp_path)).issues
    errors = openpyxl.load_workbook(write_error_workbook(path, issues, tmp_path / "errors.xlsx", lang="en"))
    assert errors["Problemen"].oddFooter.center.text == "&A - page &P"
