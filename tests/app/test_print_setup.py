"""Print setup of the plan workbook and the template: A4, orientation, scaling, titles, areas.

(The pages these settings give in a real spreadsheet program: tests/app/test_libreoffice.py.)
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app.workbook.errors_workbook import write_error_workbook
from app.workbook.export import write_plan_workbook
from app.workbook.importer import load_problem
from app.workbook.plan_edits import CLASS_LOCKED, MOVED
from app.workbook.replan_report import (
    CLASS,
    FREED,
    LEARNER,
    OWN,
    RESHAPED,
    ReplanChange,
    ReplanReport,
    form,
)
from app.workbook.template import write_template
from optimizer.domain import Problem
from optimizer.plan import Plan

from . import badfiles as bf

EXTRAS = {"D1": {"Id": "D1", "Naam": "Ali", "Mentor": "X"}, "D2": {"Id": "D2", "Naam": "Bo", "Mentor": None}}


@pytest.fixture
def plan_book(tmp_path: Path, problem: Problem, plan: Plan) -> openpyxl.Workbook:
    path = write_plan_workbook(problem, plan, tmp_path / "plan.xlsx", extras=EXTRAS,
                               tradeoff=[("gebalanceerd", plan)])
    return openpyxl.load_workbook(path)


def visible(wb: openpyxl.Workbook) -> list:
    return [ws for ws in wb.worksheets if ws.sheet_state == "visible"]


def fit(ws) -> tuple[int | None, int | None]:
    """(pages wide, pages high) when the sheet is scaled to fit, else None."""
    if not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage:
        return None
    return ws.page_setup.fitToWidth, ws.page_setup.fitToHeight


def test_every_visible_sheet_prints_on_a4_with_an_area_and_a_footer(plan_book: openpyxl.Workbook) -> None:
    for ws in visible(plan_book):
        assert int(ws.page_setup.paperSize) == 9, ws.title
        assert ws.page_setup.orientation in ("portrait", "landscape"), ws.title
        assert ws.print_area, ws.title
        assert "&A" in ws.oddFooter.center.text and "&P" in ws.oddFooter.center.text, ws.title


def test_plan_sheets_fit_and_repeat_their_headers(plan_book: openpyxl.Workbook) -> None:
    assert fit(plan_book["Overzicht"]) == (1, 0)
    for name in ("Klassen", "Wachtlijst", "Locaties", "Routes", "Lopende klassen"):
        ws = plan_book[name]
        assert ws.page_setup.orientation == "landscape" and fit(ws) == (1, 0), name
        assert ws.print_title_rows == "$1:$1", name
    # the trade-offs (27 columns with a frontier) print up to three pages wide, the plan's name on each
    ws = plan_book["Afwegingen"]
    assert ws.page_setup.orientation == "landscape" and fit(ws) == (3, 0)
    assert ws.print_title_rows == "$1:$1" and ws.print_title_cols == "$A:$A"
    for name in ("Klas K1", "Klas K2", "Klas L1"):  # a class list is one page
        assert fit(plan_book[name]) == (1, 1), name


def test_learner_sheet_repeats_header_row_and_id_column(plan_book: openpyxl.Workbook) -> None:
    ws = plan_book["Deelnemers"]
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$1:$1" and ws.print_title_cols.startswith("$A:")
    assert ws.print_area == f"'Deelnemers'!$A$1:${ws.cell(row=1, column=ws.max_column).column_letter}$6"


def test_template_sheets_print(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(write_template(tmp_path / "sjabloon.xlsx"))
    for ws in visible(wb):
        assert int(ws.page_setup.paperSize) == 9 and ws.print_area, ws.title
    assert fit(wb["Uitleg"]) == (1, 0)
    assert wb["Deelnemers"].print_title_cols.startswith("$A:")


@pytest.mark.parametrize("name", ["b1_aanbieder.xlsx", "z_route.xlsx"])
def test_bundled_samples_print_like_the_template(name: str) -> None:
    """The samples were written before the input workbook had a print setup: their Uitleg printed
    portrait, cut at the right edge, the bullets on lines of their own (72 pages for the B1
    sample, where the same workbook written now takes 40)."""
    wb = openpyxl.load_workbook(Path(__file__).resolve().parents[2] / "samples" / name)
    for ws in visible(wb):
        assert int(ws.page_setup.paperSize) == 9 and ws.print_area, ws.title
    assert fit(wb["Uitleg"]) == (1, 0) and wb["Uitleg"].page_setup.orientation == "landscape"
    assert wb["Deelnemers"].print_title_rows == "$1:$1"


def wrapped(ws, col: str, first_row: int) -> bool:
    """Every filled cell of ``col`` from ``first_row`` down wraps its text."""
    cells = [c for c in ws[col][first_row - 1:] if c.value is not None]
    return bool(cells) and all(c.alignment.wrap_text for c in cells)


def test_change_sheet_of_a_replan_prints_one_page_wide_with_its_header_row(tmp_path: Path, problem: Problem,
                                                                           plan: Plan) -> None:
    # LibreOffice printed Reden on a page of its own and the summary line over three pages
    changes = ReplanReport([
        ReplanChange(LEARNER, "D1", MOVED, "K1", "K2", reason=OWN),
        ReplanChange(LEARNER, "D2", MOVED, None, "K1", reason=FREED),
        ReplanChange(CLASS, "K1", CLASS_LOCKED, reason=OWN),
        ReplanChange(CLASS, "K2", RESHAPED, form("B1", "Locatie Noord", "ma/wo/vr ochtend", 50, date(2025, 2, 3)),
                     form("B1", "Locatie Zuid aan de Lange Leidsedwarsstraat", "di/do middag", 45,
                          date(2025, 2, 10))),
    ], [])
    wb = openpyxl.load_workbook(write_plan_workbook(problem, plan, tmp_path / "plan.xlsx", changes=changes))
    ws = wb["Wijzigingen"]
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "landscape"
    assert fit(ws) == (1, 0)
    assert ws.print_title_rows == "$4:$4"  # the table's header row (rows 1-2: title and summary)
    assert ws.print_area == "'Wijzigingen'!$A$1:$E$8"
    assert "&P" in ws.oddFooter.center.text
    # the summary wraps over the table's width; long Van/Naar texts wrap, none wider than 40
    assert "A2:E2" in {str(r) for r in ws.merged_cells.ranges} and ws["A2"].alignment.wrap_text
    assert (ws.row_dimensions[2].height or 0) >= 30
    assert wrapped(ws, "C", 5) and wrapped(ws, "D", 5)
    assert all((ws.column_dimensions[c].width or 0) <= 40 for c in "ABCDE")


def test_problems_sheet_of_the_errors_workbook_prints_one_page_wide_with_messages_wrapped(tmp_path: Path) -> None:
    # LibreOffice printed it over 5 pages: Ernst/Blad/Rij on page 1, Melding on page 3
    src = bf.with_learners(tmp_path, [
        {"Id": f"X{i}", "Route": "B1", "Leerbaarheid": "heel snel", "Dagdelen": "ochtend", "Stadsdeel": "West",
         "Wacht sinds": "2024-12-02", "Voorkeur dagdelen": "vr-avond"} for i in range(1, 30)])
    issues = load_problem(src).issues
    assert issues
    ws = openpyxl.load_workbook(write_error_workbook(src, issues, tmp_path / "fouten.xlsx"))["Problemen"]
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "landscape"
    assert fit(ws) == (1, 0)
    assert ws.print_title_rows == "$1:$1"
    assert ws.print_area == f"'Problemen'!$A$1:$I${len(issues) + 1}"
    assert ws["H1"].value == "Melding" and wrapped(ws, "H", 2) and wrapped(ws, "I", 2)
    assert sum(ws.column_dimensions[c].width or 8 for c in "ABCDEFGHI") <= 180


@pytest.mark.parametrize("name", ["b1_aanbieder.xlsx", "z_route.xlsx"])
def test_bundled_samples_open_without_warnings(name: str) -> None:
    """The generator paired households without looking at leerbaarheid or lesroosters: nine of the
    B1 sample's could never share a class, and once the import said so every command and the
    window's first screen opened with nine warnings. samples/make_samples.py makes such pairs two
    learners."""
    from app.workbook.importer import load_problem

    result = load_problem(Path(__file__).resolve().parents[2] / "samples" / name)
    assert result.problem is not None and result.issues == [], [str(i) for i in result.issues]
