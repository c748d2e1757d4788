"""Inputs the CLI fuzzer (tests/fuzz) found to slip past the importer: each is now an input error
at its cell (sheet, row, column, what to do), never an unexpected error or a meaningless plan."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from app.workbook.importer import load_problem
from app.workbook.schema import SETTINGS

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b1_aanbieder.xlsx"


def _setting_row(ws, name: str) -> int:
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == name:
            return r
    ws.append([name, None])
    return ws.max_row


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> bytes:
    """The sample with 30 of its learners: each test loads, edits and saves it (the whole sample
    took about a second a test, for some 70 tests)."""
    from tests.fuzz.inputs import cut_sample

    return cut_sample(tmp_path_factory.mktemp("base") / "invoer.xlsx", 30).read_bytes()


def _sample(base: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(base))


def _with_setting(tmp_path: Path, base: bytes, name: str, value: object) -> tuple[Path, int]:
    wb = _sample(base)
    ws = wb["Instellingen"]
    row = _setting_row(ws, name)
    ws.cell(row, 2).value = value
    path = tmp_path / "invoer.xlsx"
    wb.save(path)
    return path, row


@pytest.mark.parametrize(("name", "value"), [
    ("snelheid", 0), ("snelheid", -20), ("snelheid", "0 km/u"), ("snelheid", 0.4),
    ("omrijfactor", 0), ("omrijfactor", -1.3), ("omrijfactor", 0.5),
    ("reistijd overhead", -10), ("minimale afstand", -1),
])
def test_meaningless_travel_setting_is_an_error_at_its_cell(tmp_path, base, name, value) -> None:
    path, row = _with_setting(tmp_path, base, name, value)
    result = load_problem(path)
    assert result.problem is None
    errors = [i for i in result.errors if i.sheet == "Instellingen"]
    assert len(errors) == 1, [str(i) for i in result.errors]
    issue = errors[0]
    assert (issue.row, issue.column_letter) == (row, "B")
    assert "tussen" in issue.message and "tot en met" in issue.message  # the allowed range


@pytest.mark.parametrize(("name", "value", "field", "expected"), [
    ("snelheid", 1, "speed_kmh", 1.0), ("snelheid", 35.5, "speed_kmh", 35.5),
    ("omrijfactor", 1, "detour_factor", 1.0), ("omrijfactor", "1,6", "detour_factor", 1.6),
    ("reistijd overhead", 0, "overhead_minutes", 0.0), ("minimale afstand", 0, "min_km", 0.0),
])
def test_sensible_travel_settings_are_accepted(tmp_path, base, name, value, field, expected) -> None:
    path, _ = _with_setting(tmp_path, base, name, value)
    result = load_problem(path)
    assert result.problem is not None, [str(i) for i in result.errors]
    assert getattr(result.problem.travel_settings, field) == pytest.approx(expected)


def test_every_numeric_setting_has_a_range() -> None:
    for spec in SETTINGS:
        if spec.kind in ("getal", "geheel getal", "minuten"):
            assert spec.lo is not None and spec.hi is not None and spec.lo <= spec.hi, spec.key
            assert spec.lo >= 0, spec.key


def _sample_cells() -> list[tuple[str, int, int]]:
    """(sheet, row, column) of one data cell per column of every sheet the importer reads."""
    wb = openpyxl.load_workbook(SAMPLE, read_only=True)
    out = []
    for title in ("Deelnemers", "Locaties", "Lesroosters", "Routes", "Docenten", "Lopende klassen"):
        width = len(next(wb[title].iter_rows(min_row=1, max_row=1, values_only=True)))
        out += [(title, 2, c) for c in range(1, width + 1)]
    out += [("Instellingen", r, 2) for r in range(2, wb["Instellingen"].max_row + 1)]
    wb.close()
    return out


@pytest.mark.parametrize(("title", "row", "col"), _sample_cells())
def test_a_300_character_text_in_any_cell_is_an_error_at_that_cell(tmp_path, base, title, row, col) -> None:
    wb = _sample(base)
    ws = wb[title]
    ws.cell(row, col).value = "x" * 300
    letter = ws.cell(row, col).column_letter
    path = tmp_path / "invoer.xlsx"
    wb.save(path)
    result = load_problem(path)  # never raises (it used to: ValueProblem: too_long)
    at_cell = [i for i in result.issues if (i.sheet, i.row, i.column_letter) == (title, row, letter)]
    assert at_cell or result.problem is not None, [str(i) for i in result.errors][:5]
    assert all(issue.sheet for issue in result.errors)


@pytest.mark.parametrize(("title", "header"), [("Deelnemers", "Stadsdeel"), ("Deelnemers", "Postcode"),
                                              ("Locaties", "Stadsdeel"), ("Locaties", "Postcode")])
def test_long_district_or_postcode_says_too_long_at_its_cell(tmp_path, base, title, header) -> None:
    wb = _sample(base)
    ws = wb[title]
    col = [c.value for c in ws[1]].index(header) + 1
    ws.cell(2, col).value = "Noord" + " " * 2 + "x" * 300
    path = tmp_path / "invoer.xlsx"
    wb.save(path)
    result = load_problem(path)
    assert result.problem is None
    issue = next(i for i in result.errors if i.sheet == title and i.row == 2)
    assert issue.column == header and "te lang" in issue.message and "too_long" not in issue.message


def test_a_header_longer_than_any_column_name_is_an_unknown_column(tmp_path, base) -> None:
    wb = _sample(base)
    ws = wb["Deelnemers"]
    col = ws.max_column + 1
    ws.cell(1, col).value = "h" * 20_000
    ws.cell(2, col).value = "v"
    path = tmp_path / "invoer.xlsx"
    wb.save(path)
    result = load_problem(path)  # used to raise ValueProblem: too_long from the header row
    assert result.problem is not None
    assert any(i.sheet == "Deelnemers" and i.row == 1 and i.column_letter == ws.cell(1, col).column_letter
               for i in result.warnings)


def _retitle(ws, title: str) -> None:
    ws.title = "~tmp"  # openpyxl turns "Docenten" -> "DOCENTEN" into "DOCENTEN1" in one step
    ws.title = title


def test_sheet_names_match_like_headers(tmp_path, base) -> None:
    """Sheet titles ignore case, accents, spaces and separators, and English names count."""
    wb = _sample(base)
    for old, new in [("Docenten", "DOCENTEN"), ("Instellingen", "INSTELLINGEN"),
                     ("Lopende klassen", "lopende_KLASSEN"), ("Locaties", "Locations"),
                     ("Lesroosters", "  lesroosters ")]:
        _retitle(wb[old], new)
    path = tmp_path / "invoer.xlsx"
    wb.save(path)
    result = load_problem(path)
    assert result.problem is not None, [str(i) for i in result.errors]
    assert result.problem.teachers and result.problem.running and result.problem.locations


def test_fuzz_rename_gives_the_sheet_exactly_the_new_name() -> None:
    from tests.fuzz.cases import apply_mutation

    wb = openpyxl.load_workbook(SAMPLE)
    apply_mutation(wb, ("rename_sheet", "Docenten", "DOCENTEN"))
    apply_mutation(wb, ("rename_sheet", "Instellingen", "INSTELLINGEN"))
    assert {"DOCENTEN", "INSTELLINGEN"} <= set(wb.sheetnames)
