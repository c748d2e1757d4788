"""The fast paths of the Excel door give what the plain openpyxl paths give.

Reading: python-calamine for the values, the byte scan for hidden rows, merges, formulas,
error cells and percentage formats; openpyxl when calamine is missing, cannot open the file or
the sheet would span too many cells. Writing: cells bound without openpyxl's second checks and
serialised as text; the saved XML must equal openpyxl's own.
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from app.workbook import reader
from app.workbook.export import write_plan_workbook
from app.workbook.importer import load_problem
from app.workbook.reader import Workbook
from app.workbook.xlsx_util import (
    DATE_FORMAT,
    bind_by_openpyxl,
    save_workbook,
    set_value,
    write_row,
    write_table,
)

from . import badfiles as bf
from .conftest import make_problem

pytest.importorskip("python_calamine")


def _sheets(path: Path) -> dict[str, Any]:
    """Everything :meth:`Workbook.read` reports, per sheet (trailing empty cells dropped)."""
    wb = Workbook(path)
    out: dict[str, Any] = {}
    try:
        for title in wb.titles:
            sheet = wb.read(title)
            rows = []
            for r in sheet.rows:
                # text of only spaces may come back empty from python-calamine: blank either way
                values = [None if isinstance(v, str) and not v.strip() else v for v in r.values]
                while values and values[-1] is None:
                    values.pop()
                percent = [f if f and "%" in f else None for f in r.formats[:len(values)]]
                rows.append((r.row, values, percent, r.hidden))
            out[title] = (wb.sheet_state(title), rows, sheet.merges, sheet.formula_cells, sheet.hidden_rows)
    finally:
        wb.close()
    return out


def _openpyxl_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "python_calamine", None)


def _varied_workbook(path: Path) -> Path:
    """Values of every kind the importer meets, away from A1, with the odd things the scan finds."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Blad"
    rows: list[tuple[Any, str | None]] = [
        (12345, None), (12345.0, None), (1.5, None), (-0.0, None), (1e20, None), (0.65, "0%"),
        (0.655, "0.00%"), (0.7, '0.0" %"'), (datetime(2025, 1, 6), DATE_FORMAT),
        (datetime(2025, 1, 6, 13, 30), "DD-MM-YYYY HH:MM"), (datetime(2025, 1, 6), "d mmmm yyyy"),
        (time(13, 30), "hh:mm"), (timedelta(hours=30), "[h]:mm"), (45000, None), (True, None),
        (False, None), ("  spaties  ", None), ("café €", None), ("#N/A", None), ("#DIV/0!", None),
        (" ", None), ("1092", None), (3, "@"),
    ]
    for i, (value, fmt) in enumerate(rows, start=5):
        cell = ws.cell(row=i, column=3, value=value)
        if fmt:
            cell.number_format = fmt
        ws.cell(row=i, column=4, value=f"r{i}")
    ws["E5"] = "=1+1"  # a formula without a cached value
    ws["E6"] = CellRichText([TextBlock(InlineFont(b=True), "rijk"), " tekst"])
    ws.row_dimensions[8].hidden = True
    ws.merge_cells("F10:G11")
    ws["F10"] = "samen"
    ws.cell(row=40, column=30, value="ver weg")
    other = wb.create_sheet("Verborgen")
    other.sheet_state = "hidden"
    other["A1"] = 0.5
    other["A1"].number_format = "0%"
    wb.save(path)
    return path


def test_fast_reader_matches_openpyxl_on_every_kind_of_value(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = _varied_workbook(tmp_path / "soorten.xlsx")
    fast = _sheets(path)
    _openpyxl_only(monkeypatch)
    assert fast == _sheets(path)
    rows = {r[0]: r for r in fast["Blad"][1]}
    assert rows[5][1][2] == 12345 and type(rows[5][1][2]) is int  # an id must not read as 12345.0
    assert rows[10][2][2] == "0%" and rows[11][2][2] == "0.00%"
    assert rows[23][1][2] == "#N/A"


def test_fast_reader_matches_openpyxl_on_the_bad_file_corpus(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    builders = [bf.good_workbook, bf.missing_column, bf.duplicate_ids, bf.formula_cell, bf.merged_header,
                bf.blank_header, bf.hidden_row, bf.long_texts, bf.formatted_to_last_row, bf.lying_dimension]
    paths = [b(tmp_path) for b in builders]
    fast = [_sheets(p) for p in paths]
    _openpyxl_only(monkeypatch)
    for path, sheets in zip(paths, fast, strict=True):
        assert sheets == _sheets(path), path.name


def test_fast_reader_does_not_open_the_workbook_with_openpyxl(tmp_path: Path) -> None:
    wb = Workbook(bf.hidden_row(tmp_path))
    try:
        assert wb.read("Deelnemers").hidden_rows == {3}
        assert wb._fast is not None and wb._wb is None
    finally:
        wb.close()


def test_percent_formatted_level_through_the_fast_path(tmp_path: Path) -> None:
    path = bf.with_learners(tmp_path, [
        {"Id": 12345, "Route": "B1", "Leerbaarheid": 0.65, "Dagdelen": "ochtend", "Stadsdeel": "Noord",
         "Wacht sinds": datetime(2024, 12, 2)},
        {"Id": "X2", "Route": "B1", "Leerbaarheid": 1, "Dagdelen": "ochtend", "Stadsdeel": "Noord",
         "Wacht sinds": datetime(2024, 12, 2)},
    ])
    wb = openpyxl.load_workbook(path)
    ws = wb["Deelnemers"]
    level = bf.column_letter(ws, "Leerbaarheid")
    ws[f"{level}2"].number_format = "0%"
    ws[f"{level}3"].number_format = "0%"  # 1 formatted as 100%
    wb.save(path)
    result = load_problem(path)
    assert result.problem is not None, result.summary()
    levels = {lr.id: lr.level for lr in result.problem.learners}
    assert levels == {"12345": 65, "X2": 100}
    assert not [i for i in result.issues if i.code == "level_fraction"]


def test_without_calamine_the_import_is_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = bf.hidden_row(tmp_path)
    fast = load_problem(path)
    _openpyxl_only(monkeypatch)
    slow = load_problem(path)
    assert fast.problem == slow.problem == make_problem()
    assert fast.issues == slow.issues and fast.extras == slow.extras


def test_a_file_calamine_cannot_open_is_read_with_openpyxl(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:
        class CalamineWorkbook:
            @staticmethod
            def from_path(path: str) -> None:
                raise ValueError("cannot read")

    monkeypatch.setattr(reader, "python_calamine", Broken)
    wb = Workbook(bf.good_workbook(tmp_path))
    assert wb._fast is None
    wb.close()
    assert load_problem(bf.good_workbook(tmp_path)).problem == make_problem()


def test_a_sheet_calamine_cannot_read_is_read_with_openpyxl(tmp_path: Path) -> None:
    path = bf.good_workbook(tmp_path)
    wb = Workbook(path)
    try:
        class NoSheets:
            sheet_names = wb._fast.sheet_names

            def get_sheet_by_name(self, name: str) -> None:
                raise ValueError(name)

            def close(self) -> None:
                pass

        real, wb._fast = wb._fast, NoSheets()
        rows = wb.read("Deelnemers").rows
        assert wb._wb is not None and len(rows) == 6
        real.close()
    finally:
        wb.close()


def test_a_value_far_away_makes_the_sheet_too_big_for_the_fast_reader(tmp_path: Path) -> None:
    """python-calamine would hold every cell of the rectangle in memory (400 x 16,384 here)."""
    book = openpyxl.Workbook()
    book.active["A1"] = "Id"
    book.active["XFD400"] = "ver weg"
    book.save(tmp_path / "breed.xlsx")
    wb = Workbook(tmp_path / "breed.xlsx")
    try:
        scan = reader._scan_xml(wb._zip, wb._paths[wb.titles[0]], {})
        assert not scan.fast_ok()
        rows = wb.read(wb.titles[0]).rows  # read by openpyxl, the far cell too
        assert [r.row for r in rows] == [1, 400] and rows[1].values[16_383] == "ver weg"
        assert len(rows[1].values) == 16_384 and rows[0].values == ["Id"]
    finally:
        wb.close()


# ---- writing -----------------------------------------------------------------------------------
def _bind_like_openpyxl(cell: Any, value: Any, number_format: str | None) -> None:
    """set_value as it was before the fast binding: text cleaned, then everything through
    ``cell.value`` (:func:`bind_by_openpyxl`, set_value's own way for the values it does not bind)."""
    if isinstance(value, (set, frozenset, list, tuple)):
        value = ", ".join(str(v) for v in value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = value
        if value[:1] in ("=", "+", "-", "@"):
            cell.data_type = "s"
            cell.quotePrefix = True
        if number_format:
            cell.number_format = number_format
    else:
        bind_by_openpyxl(cell, value, number_format)


VALUES: list[tuple[Any, str | None]] = [
    ("tekst", None), ("  spaties ", None), ("a & b < c > d", None), ("=SOM(A1)", None), ("=", None),
    ("+31 6", None), ("-", None), ("@x", None), ("#N/A", None), ("x" * 40_000, None), ("reg\x01el", None),
    (7, None), (7.25, "0.0"), (True, None), (False, None), (float("nan"), None), (10**20, None),
    (date(2025, 1, 6), None), (datetime(2025, 1, 6), None), (datetime(2025, 1, 6, 9, 30), None),
    (date(2025, 1, 6), "D MMMM YYYY"), (time(9, 30), None), (timedelta(hours=2), None),
    (frozenset({"b", "a"}), None), (["x", 1], None), (12.5, "0%"),
]


@pytest.mark.parametrize(("value", "fmt"), VALUES)
def test_set_value_binds_like_openpyxl(value: Any, fmt: str | None) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    fast, slow = ws.cell(row=1, column=1), ws.cell(row=2, column=1)
    set_value(fast, value, fmt)
    _bind_like_openpyxl(slow, value, fmt)

    def seen(c: Any) -> tuple[Any, ...]:
        value = "nan" if c.value != c.value else c.value  # nan is not equal to itself
        return value, c.data_type, c.number_format, c.quotePrefix

    assert seen(fast) == seen(slow)


def _styled_workbook() -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    ws = wb.active
    write_table(ws, ["Tekst", "Getal", "Datum", "Overig"],
                [[v, i, date(2025, 1, i % 28 + 1), None] for i, (v, _) in enumerate(VALUES[:11], start=1)],
                formats=[None, "0.0", DATE_FORMAT, None], comments=["uitleg", None, None, "meer"])
    for row, (value, fmt) in enumerate(VALUES, start=20):
        set_value(ws.cell(row=row, column=2), value, fmt)
    ws["F2"] = "=SUM(B2:B5)"
    ws["F3"] = CellRichText([TextBlock(InlineFont(b=True), "vet"), " gewoon"])
    ws["F4"] = "link"
    ws["F4"].hyperlink = "https://example.org"
    ws["F5"].fill = PatternFill("solid", fgColor="FFEB9C")  # styled, empty
    ws["F6"] = "vet"
    ws["F6"].font = Font(bold=True)
    ws["F6"].comment = Comment("let op", "Klasvormer")
    ws.row_dimensions[7].height = 30
    write_row(ws, 7, ["hoog", 1])
    other = wb.create_sheet("Leeg")
    other.sheet_state = "hidden"
    return wb


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n != "docProps/core.xml"}


def test_fast_save_writes_the_same_xml_as_openpyxl(tmp_path: Path) -> None:
    _styled_workbook().save(tmp_path / "openpyxl.xlsx")
    save_workbook(_styled_workbook(), tmp_path / "snel.xlsx")
    assert _members(tmp_path / "snel.xlsx") == _members(tmp_path / "openpyxl.xlsx")


def test_plan_workbook_saved_fast_equals_openpyxl_save(tmp_path: Path, plan, monkeypatch) -> None:
    from app.workbook import export

    books: list[openpyxl.Workbook] = []
    monkeypatch.setattr(export, "atomic_save", lambda wb, path, **_kw: books.append(wb) or Path(path))
    problem = make_problem()
    extras = {"D1": {"Naam": "Ali", "Notities": "=geen formule"}}
    write_plan_workbook(problem, plan, tmp_path / "a.xlsx", extras=extras)
    write_plan_workbook(problem, plan, tmp_path / "b.xlsx", extras=extras)
    books[0].save(tmp_path / "openpyxl.xlsx")
    save_workbook(books[1], tmp_path / "snel.xlsx")
    assert _members(tmp_path / "snel.xlsx") == _members(tmp_path / "openpyxl.xlsx")
