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
