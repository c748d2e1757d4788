"""A required column missing, where the list from another system holds it under its own name
('Aanmelddatum' for *Wacht sinds*, 'Niveau' for *Leerbaarheid*): the error names the column whose
values are of that kind, as a question; nothing is read from it silently.

Found from outside (the data audit): such a list gave 'kolom Aanmelddatum is onbekend' and
'verplichte kolom Wacht sinds ontbreekt' side by side, without a word that the one may be the other."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.workbook.importer import load_problem

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b1_aanbieder.xlsx"


def _renamed(tmp_path: Path, renames: dict[str, str], extra: tuple[str, object] | None = None) -> Path:
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["Deelnemers"]
    for cell in ws[1]:
        if cell.value in renames:
            cell.value = renames[cell.value]
    if extra is not None:
        col = ws.max_column + 1
        ws.cell(1, col).value = extra[0]
        for r in range(2, ws.max_row + 1):
            ws.cell(r, col).value = extra[1]
    path = tmp_path / "lijst.xlsx"
    wb.save(path)
    return path


def _missing(result, column: str):
    return [i for i in result.issues if i.is_error and i.column == column]


def test_the_missing_columns_error_names_the_unknown_column_of_that_kind(tmp_path):
    # a text column of notes is no date and no leerbaarheid: not named
    path = _renamed(tmp_path, {"Wacht sinds": "Aanmelddatum", "Leerbaarheid": "Niveau"}, ("Opmerking", "belt terug"))
    result = load_problem(path)
    assert result.problem is None
    [wait] = _missing(result, "Wacht sinds")
    [level] = _missing(result, "Leerbaarheid")
    assert "'Aanmelddatum' (G)" in wait.text("nl") and "Hernoem de kop dan naar 'Wacht sinds'" in wait.text("nl")
    assert "'Niveau' (C)" in level.text("nl") and "Opmerking" not in level.text("nl")
    assert "Opmerking" not in wait.text("nl")
    assert "is that the one? Then rename its header to 'Wacht sinds'" in wait.text("en")


@pytest.mark.parametrize("value", ["belt terug", 250])
def test_a_column_whose_values_are_not_of_that_kind_is_not_named(tmp_path, value):
    path = _renamed(tmp_path, {"Leerbaarheid": "Niveau"}, None)
    wb = openpyxl.load_workbook(path)
    ws = wb["Deelnemers"]
    ws.cell(5, 3).value = value  # one cell that is no leerbaarheid (text; a score above 100)
    wb.save(path)
    [level] = _missing(load_problem(path), "Leerbaarheid")
    assert "Niveau" not in level.text("nl")
    assert "Voeg een kolom met kop 'Leerbaarheid' toe." in level.text("nl")
