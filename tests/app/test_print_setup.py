"""Print setup of the plan workbook and the template: A4, orientation, scaling, titles, areas.

(The pages these settings give in a real spreadsheet program: tests/app/test_libreoffice.py.)
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.workbook.export import write_plan_workbook
from app.workbook.template import write_template
from optimizer.domain import Problem
from optimizer.plan import Plan

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
