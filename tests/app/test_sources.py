"""Every source of an import (workbook, learners CSV + settings workbook, DataFrames) yields
the same sheets, rows and places for the same data: the parsers after them see no difference."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pandas as pd

from app.workbook.frames import FrameSource
from app.workbook.sources import CsvSource, FileSource, WorkbookSource
from app.workbook.tables import IssueSink

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b1_aanbieder.xlsx"
HEADERS = ["Id", "Route", "Leerbaarheid", "Dagdelen", "Wacht sinds", "Stadsdeel"]
ROWS = [["D1", "B1", "40", "ma-o, wo-o", "01-02-2025", "Centrum"],
        ["D2", "B1", "55", "di-m", "15-01-2025", "Noord"]]


def _sheets(source) -> tuple[list[tuple], list[str]]:
    """(key, title, file, [(row, values)]) per sheet yielded, and the codes of the issues."""
    sink = IssueSink()
    with source:
        out = [(s.spec.key, s.title, s.file, [(r.row, r.values) for r in s.raw.rows]) for s in source.sheets(sink)]
    return out, [i.code for i in sink.issues]


def test_workbook_csv_and_frames_yield_the_same_rows(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Deelnemers"
    for row in [HEADERS, *ROWS]:
        book.active.append(row)
    book.save(tmp_path / "deelnemers.xlsx")
    with (tmp_path / "deelnemers.csv").open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, delimiter=";").writerows([HEADERS, *ROWS])
    frame = pd.DataFrame(ROWS, columns=HEADERS)

    from_book, book_issues = _sheets(WorkbookSource(tmp_path / "deelnemers.xlsx", SAMPLE))
    from_csv, csv_issues = _sheets(CsvSource(tmp_path / "deelnemers.csv", SAMPLE))
    from_frames, frame_issues = _sheets(FrameSource({"learners": frame}, SAMPLE))
    assert from_book[1:] == from_csv[1:] == from_frames[1:]
    assert from_book[0] == from_frames[0] == (*from_csv[0][:2], None, from_csv[0][3])
    assert from_csv[0][2] == "deelnemers.csv"  # named in messages: the settings workbook is another file
    learners = from_book[0]
    assert learners == ("learners", "Deelnemers", None, [(1, HEADERS), (2, ROWS[0]), (3, ROWS[1])])
    assert {file for _, _, file, _ in from_book[1:]} == {SAMPLE.name}  # the other sheets: settings
    assert [key for key, *_ in from_book] == ["learners", "locations", "schedules", "routes", "teachers",
                                              "settings", "running"]
    assert book_issues == frame_issues == []
    assert csv_issues == ["settings_learners_ignored"]  # the settings workbook's own Deelnemers


def test_file_source_reads_a_file_as_its_content_says(tmp_path: Path) -> None:
    with (tmp_path / "deelnemers.csv").open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([HEADERS, *ROWS])
    source = FileSource(tmp_path / "deelnemers.csv", SAMPLE)
    sheets, _ = _sheets(source)
    assert source.info.kind == "csv" and source.info.delimiter == ","
    assert sheets[0][3][1] == (2, ROWS[0])
    book, _ = _sheets(FileSource(SAMPLE))
    assert [key for key, *_ in book][:2] == ["learners", "locations"] and all(f is None for _, _, f, _ in book)


def test_of_two_sheets_for_one_the_visible_is_read_when_the_other_is_hidden(tmp_path: Path) -> None:
    """A coordinator copies Deelnemers to 'Deelnemers (2)', edits the copy and hides the old sheet:
    the hidden old sheet was read and the warning named it as read, though the coordinator sees no
    such sheet (audit 7, Excel door). The visible one is read now, and the warning says the other is hidden."""
    from app.workbook import load_problem

    book = openpyxl.load_workbook(SAMPLE)
    old = book["Deelnemers"]
    new = book.copy_worksheet(old)
    new.title = "Deelnemers (2)"
    new["C2"] = 99
    old.sheet_state = "hidden"
    book.save(tmp_path / "twee.xlsx")  # the copy comes last: the hidden old sheet is the first of the two

    result = load_problem(tmp_path / "twee.xlsx")
    assert result.ok, result.summary()
    first = openpyxl.load_workbook(SAMPLE)["Deelnemers"]["A2"].value
    assert result.problem.learner_by_id[first].level == 99
    (issue,) = [i for i in result.issues if i.code.startswith("sheet_duplicate")]
    assert issue.sheet == "Deelnemers (2)"
    assert "verborgen" in issue.message and "hidden" in issue.message_en

    # both visible: the first is read, as before
    book["Deelnemers"].sheet_state = "visible"
    book.save(tmp_path / "twee_zichtbaar.xlsx")
    result = load_problem(tmp_path / "twee_zichtbaar.xlsx")
    assert [i.code for i in result.issues if i.code.startswith("sheet_duplicate")] == ["sheet_duplicate"]
    assert result.problem.learner_by_id[first].level != 99
