"""A copy of the input with every problem marked, for the person who fills in the workbook.

:func:`write_error_workbook` copies the source workbook, fills each cell an issue points at
(red for an error, yellow for a warning), puts an Excel comment on it with the Dutch message
(and the English one), and adds a first sheet *Problemen* listing every issue with a link to
its cell. With ``lang="en"`` (the CLI's ``--lang en``) the comments and *Problemen* put the English
message first (the Dutch one after it) and *Problemen*'s headers and severities are English; the
sheet keeps its Dutch name, as every sheet Klasvormer writes. The source is never overwritten. For a CSV source the copy is a workbook with the CSV
rows on a sheet *Deelnemers*; for a file that cannot be opened at all, only *Problemen*.
Text that looks like a formula (``=1+1``, ``=HYPERLINK(...)``, ``=cmd|...``) and the formulas of the
source are written as text (:func:`app.workbook.xlsx_util.set_value`), as in the plan workbook: opening the
marked copy never runs anything from the input.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import openpyxl
from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from app.workbook.issues import Issue
from app.workbook.reader import FileProblem, read_csv, sniff
from app.workbook.schema import LEARNERS
from app.workbook.xlsx_util import (
    RED_FILL,
    YELLOW_FILL,
    WriteError,
    atomic_save,
    autosize,
    footers_in,
    print_setup,
    set_value,
    sheet_title,
    used_area,
    wrap_column,
    write_table,
)
from optimizer.messages import Catalogue

PROBLEMS_SHEET = "Problemen"
MESSAGE_COLUMN = 8
"""*Melding* (then *Message (English)*): the columns of the problems' texts."""
MESSAGE_WIDTH = 48
"""Width of the message columns, wrapped: with the other columns one landscape A4 page wide."""
CELL_TEXT_WIDTH = 24
"""Width beyond which the other columns (a long value, sheet or column name) wrap."""
HEADERS = Catalogue({
    "severity": ("Ernst", "Severity"), "file": ("Bestand", "File"), "sheet": ("Blad", "Sheet"),
    "row": ("Rij", "Row"), "column": ("Kolom", "Column"), "cell": ("Cel", "Cell"), "value": ("Waarde", "Value"),
    "message": ("Melding", "Message"), "other": ("Message (English)", "Melding (Nederlands)"),
    "fout": ("fout", "error"), "waarschuwing": ("waarschuwing", "warning"),
})
"""The *Problemen* sheet's headers (the message in the workbook's language, then the other one) and
severities."""


ROW_COLUMN = 4
"""The column of *Problemen* holding the row number."""


def problems_headers(lang: str) -> tuple[str, ...]:
    """The header row of *Problemen* in ``lang`` (by it :func:`app.workbook.ownership.written_kind`
    knows an error workbook, in either language)."""
    return tuple(HEADERS.text(k, lang) for k in ("severity", "file", "sheet", "row", "column", "cell", "value",
                                                  "message", "other"))


def write_error_workbook(source_path: str | Path, issues: Sequence[Issue], out_path: str | Path,
                         lang: str = "nl") -> Path:
    """Write the marked copy to ``out_path`` (which must differ from ``source_path``); the
    messages in ``lang`` first, then in the other language."""
    source, out = Path(source_path), Path(out_path)
    if _same_file(source, out):
        raise WriteError("is_input", name=source.name)
    wb = _copy_of(source)
    own = [i for i in issues if i.file is None or i.file == source.name]
    _mark(wb, own, lang)
    ws = wb.create_sheet(sheet_title(PROBLEMS_SHEET, wb.sheetnames), 0)
    _problems_sheet(ws, issues, source.name, lang)
    footers_in(wb, lang)
    wb.active = 0
    for other in wb.worksheets[1:]:
        other.sheet_view.tabSelected = False
    return atomic_save(wb, out)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.exists() and a.samefile(b))
    except OSError:
        return False


def _copy_of(source: Path) -> Workbook:
    """The source as an editable workbook; a new one when it cannot be opened."""
    try:
        kind = sniff(source)
    except FileProblem:
        return _empty()
    if kind == "csv":
        try:
            raw, _ = read_csv(source, LEARNERS.nl)
        except FileProblem:
            return _empty()
        wb = Workbook()
        ws = wb.active
        ws.title = LEARNERS.nl
        for r in raw.rows:
            for col, value in enumerate(r.values, start=1):
                if value not in (None, ""):
                    set_value(ws.cell(row=r.row, column=col), value)
        return wb
    try:
        wb = openpyxl.load_workbook(source)
    except Exception:  # a damaged workbook: list the problems only
        return _empty()
    _formulas_as_text(wb)
    return wb


def _formulas_as_text(wb: Workbook) -> None:
    """Every formula of the copy becomes its text (with the quote prefix), never a live formula."""
    for ws in wb.worksheets:
        for cell in list(ws._cells.values()):
            if cell.data_type == "f":
                value = cell.value
                set_value(cell, value if isinstance(value, str) else str(getattr(value, "text", value) or ""))


def _empty() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    return wb


def _mark(wb: Workbook, issues: Sequence[Issue], lang: str = "nl") -> None:
    """Fill and comment every cell an issue names (the header cell for a column-level issue; for
    an issue about two rows, such as a pair of learners whose pins contradict, the cell on each)."""
    by_cell: dict[tuple[str, int, str], list[Issue]] = defaultdict(list)
    for i in issues:
        if i.sheet is not None and i.sheet in wb.sheetnames:
            for row in i.rows:
                by_cell[(i.sheet, row, i.column_letter or "A")].append(i)
    for (sheet, row, letter), found in by_cell.items():
        ws = wb[sheet]
        cell = _top_left(ws, f"{letter}{row}")
        errors = any(i.is_error for i in found)
        cell.fill = RED_FILL if errors else YELLOW_FILL
        text = "\n\n".join(f"{_severity(i, lang).upper()}: {first}\n({second})"
                           for i in found for first, second in [_messages(i, lang)])
        cell.comment = Comment(text[:30000], "Klasvormer", width=360, height=min(60 + 50 * len(found), 400))


def _top_left(ws: Worksheet, ref: str) -> Cell:
    cell = ws[ref]
    if isinstance(cell, MergedCell):
        for rng in ws.merged_cells.ranges:
            if ref in rng:
                return ws.cell(row=rng.min_row, column=rng.min_col)
    return cell


def _severity(issue: Issue, lang: str) -> str:
    return HEADERS.text(issue.severity, lang) if issue.severity in HEADERS else issue.severity


def _messages(issue: Issue, lang: str) -> tuple[str, str]:
    """The issue's message in ``lang``, then in the other language."""
    return (issue.message_en, issue.message) if lang == "en" else (issue.message, issue.message_en)


def _problems_sheet(ws: Worksheet, issues: Sequence[Issue], own: str, lang: str = "nl") -> None:
    """The list of issues; those in the source itself (``own``: its file name) link to their cell."""
    headers = list(problems_headers(lang))
    ordered = sorted(issues, key=lambda i: (not i.is_error, i.sheet or "", i.row or 0))
    rows = [[_severity(i, lang), i.file, i.sheet, _row(i), i.column, i.cell, _text(i.value), *_messages(i, lang)]
            for i in ordered]
    write_table(ws, headers, rows)
    for row, issue in enumerate(ordered, start=2):
        if issue.sheet and issue.cell and issue.file in (None, own):
            link = ws.cell(row=row, column=6)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{issue.sheet}'!{issue.cell}")
            link.style = "Hyperlink"
        ws.cell(row=row, column=1).fill = RED_FILL if issue.is_error else YELLOW_FILL
    autosize(ws, max_width=80)
    last = len(rows) + 1
    for col in range(1, len(headers) + 1):  # each row's cells at its top, long text wrapped
        limit = MESSAGE_WIDTH if col >= MESSAGE_COLUMN else CELL_TEXT_WIDTH
        if (ws.column_dimensions[get_column_letter(col)].width or 0) > limit:
            wrap_column(ws, col, limit, last_row=last, vertical="top")
        for row in range(2, last + 1):
            cell = ws.cell(row=row, column=col)
            if not cell.alignment.wrap_text:  # a row number left, under its header: right it ran into the column name
                cell.alignment = Alignment(vertical="top", horizontal="left" if col == ROW_COLUMN else None)
    print_setup(ws, landscape=True, title_rows="1:1", area=used_area(ws, len(headers), last))


def _row(issue: Issue) -> int | str | None:
    """The row number; for an issue about more rows, all of them ('2, 3'), listed once."""
    return ", ".join(str(n) for n in issue.rows) if issue.also_rows else issue.row


def _text(value: object) -> str | None:
    return None if value is None else str(value)
