"""Dates written month/day/year (a program with American settings; LibreOffice's CSV export of a
workbook on such a machine wrote ``12/15/2026``).

Found from outside (the review, a learner list exported through LibreOffice): the dates with a day
above 12 were errors, and the others, ``01/08/2027``, were read day first as 1 August: silently
seven months off. A column whose dates are month/day/year without a doubt (some second number
above 12, no first one) is now read so, with one warning for the column; any other column day
first, as before."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.workbook.importer import load_problem

from . import badfiles as bf


def _rows(waits: list[str]) -> list[dict[str, object]]:
    return [{"Id": f"X{i}", "Route": "B1", "Leerbaarheid": 50, "Dagdelen": "ochtend", "Stadsdeel": "West",
             "Wacht sinds": w} for i, w in enumerate(waits)]


def test_a_month_first_column_is_read_month_first_with_one_warning(tmp_path: Path) -> None:
    result = load_problem(bf.with_learners(tmp_path, _rows(["12/15/2024", "01/08/2025", "11/30/2024"])))
    assert result.problem is not None, [i.message for i in result.errors]
    since = {lr.id: lr.waiting_since for lr in result.problem.learners}
    assert since == {"X0": date(2024, 12, 15), "X1": date(2025, 1, 8), "X2": date(2024, 11, 30)}
    [warning] = [i for i in result.issues if i.code == "date_month_first"]
    assert warning.column == "Wacht sinds" and "maand/dag/jaar" in warning.message
    assert "(net zo in 3 rijen van deze kolom" in warning.message


def test_a_column_that_may_be_day_first_stays_day_first(tmp_path: Path) -> None:
    # no second number above 12: day first, as every Dutch list writes it, without a warning
    result = load_problem(bf.with_learners(tmp_path, _rows(["01/08/2025", "11/12/2024"])))
    assert result.problem is not None
    assert {lr.id: lr.waiting_since for lr in result.problem.learners} == {"X0": date(2025, 8, 1),
                                                                            "X1": date(2024, 12, 11)}
    assert not [i for i in result.issues if i.code == "date_month_first"]


def test_a_column_with_both_orders_is_read_day_first_and_its_impossible_dates_are_errors(tmp_path: Path) -> None:
    result = load_problem(bf.with_learners(tmp_path, _rows(["25/01/2025", "12/15/2024"])))
    assert result.problem is None
    [error] = result.errors
    assert error.row == 3 and "'12/15/2024' is geen datum" in error.message
