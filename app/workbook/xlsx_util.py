"""Small helpers for writing workbooks: safe cell values, styled tables, atomic saving.

Rules:
- Text that begins with ``=`` is written as text (never a formula), with Excel's quote prefix;
  text beginning with ``+ - @`` is text as well. Characters XML cannot hold are dropped.
- Dates are written as dates with the format ``DD-MM-YYYY``.
- A workbook is saved to a temporary file in the target folder and then moved over the
  target (``os.replace``), so a failed save never leaves half a file.
- Saving writes the cells of each sheet as text (:class:`_FastSheetWriter`): the XML is the
  same as openpyxl's own, several times faster than its element-by-element serialisation.
"""

from __future__ import annotations

import contextlib
import gc
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell._writer import write_cell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.comments import Comment
from openpyxl.comments.comment_sheet import CommentRecord
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from app.os_errors import os_reason
from app.safefile import FolderNotWritableError, ReadOnlyFileError, atomic_write
from optimizer.messages import Catalogue, Keyed

DATE_FORMAT = "DD-MM-YYYY"
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
TITLE_FONT = Font(bold=True, size=14)
RED_FILL = PatternFill("solid", fgColor="FFC7CE")
YELLOW_FILL = PatternFill("solid", fgColor="FFEB9C")
MAX_WIDTH = 60
TEXT_PER_WIDTH = 1.15
"""Characters of ordinary text per unit of column width (the unit is one digit, wider than most letters)."""
LINE_HEIGHT = 15.0
"""Points per line of text in the default font (Calibri 11)."""


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a big workbook is built or read.

    Those steps create hundreds of thousands of long-lived objects (cells, rows), and the
    collector would otherwise scan them again and again (a third of the time at 10,000
    learners). Reference counting still frees everything else; the collector resumes after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


WRITE_ERRORS = Catalogue({
    "folder": ("Kan niet schrijven in map '{folder}': {reason}. Kies een andere map.",
               "Cannot write in folder '{folder}': {reason}. Choose another folder."),
    "in_use": ("Bestand '{name}' kan niet worden overschreven; het is waarschijnlijk geopend in Excel. Sluit het "
               "bestand en probeer opnieuw, of kies een andere naam.",
               "File '{name}' cannot be overwritten; it is probably open in Excel. Close the file and try again, "
               "or choose another name."),
    "excel_lock": ("Bestand '{name}' is geopend in Excel (naast het bestand staat Excels vergrendelbestand "
                   "'{lock}'); het wordt niet overschreven. Sluit het bestand in Excel en probeer opnieuw, of kies "
                   "een andere naam. Is Excel niet open, verwijder dan '{lock}'.",
                   "File '{name}' is open in Excel (Excel's lock file '{lock}' is next to it); it is not replaced. "
                   "Close the file in Excel and try again, or choose another name. If Excel is not open, delete "
                   "'{lock}'."),
    "not_saved": ("Bestand '{name}' kan niet worden opgeslagen: {reason}.", "File '{name}' cannot be saved: {reason}."),
    "is_input": ("Het foutenoverzicht mag het invoerbestand '{name}' niet overschrijven; kies een andere naam.",
                 "The error overview must not overwrite the input file '{name}'; choose another name."),
})
"""Why a workbook could not be saved (:class:`WriteError` keys), Dutch and English."""


class WriteError(Keyed, OSError):
    """A workbook could not be saved: a key of :data:`WRITE_ERRORS` and its parameters, a sentence
    that says what to do (``str()`` and ``nl`` in Dutch, ``en`` and ``text("en")`` in English)."""

    catalogue = WRITE_ERRORS

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(self.nl)



def set_value(cell: Cell, value: Any, number_format: str | None = None) -> Cell:
    """Write ``value`` safely (see module rules) and apply ``number_format``.

    Text, numbers, booleans and dates are bound the way openpyxl's ``cell.value = value`` binds
    them (text cut at 32,767 characters, ``#N/A`` and the like as error values) without its
    second scan for illegal characters, which are already removed; other values go through
    openpyxl.
    """
    kind = type(value)
    if kind in (set, frozenset, list, tuple):
        value = ", ".join(str(v) for v in value)
        kind = str
    if kind is str:
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell._value = value[:32767]
        if value[:1] in ("=", "+", "-", "@"):
            cell.data_type = "s"
            cell.quotePrefix = True
        else:
            cell.data_type = "e" if value in ERROR_CODES else "s"
    elif kind is int or kind is float:
        cell._value = value
        cell.data_type = "n"
    elif kind is bool:
        cell._value = value
        cell.data_type = "b"
    elif kind is datetime or kind is date:
        if not number_format:
            midnight = kind is date or value.time() == datetime.min.time()
            number_format = DATE_FORMAT if midnight else "DD-MM-YYYY HH:MM"
        cell.number_format = number_format  # before the value, as openpyxl would pick its own
        cell._value = value
        cell.data_type = "d"
        return cell
    elif isinstance(value, str):
        return set_value(cell, str(value), number_format)
    else:
        return bind_by_openpyxl(cell, value, number_format)
    if number_format:
        cell.number_format = number_format
    return cell


def bind_by_openpyxl(cell: Cell, value: Any, number_format: str | None = None) -> Cell:
    """Write ``value`` through openpyxl's own ``cell.value = value`` (dates get the house's date
    format), then apply ``number_format``: :func:`set_value`'s way for the values it does not bind
    itself."""
    if isinstance(value, datetime):
        cell.value = value
        cell.number_format = DATE_FORMAT if value.time() == datetime.min.time() else "DD-MM-YYYY HH:MM"
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    else:
        cell.value = value
    if number_format:
        cell.number_format = number_format
    return cell


def write_row(ws: Worksheet, row: int, values: Sequence[Any], formats: Sequence[str | None] | None = None) -> None:
    """Values into one row from column A; None and empty text leave the cell alone."""
    if not 0 < row <= 1_048_576 or len(values) > 16_384:
        raise ValueError(f"row {row} with {len(values)} values is outside a worksheet")
    cells = ws._cells  # openpyxl's own cell store (what ws.cell() fills), without its checks per cell
    nformats = len(formats) if formats else 0
    for col, value in enumerate(values, start=1):
        if value is None or value == "":
            continue
        cell = cells.get((row, col))
        if cell is None:
            cell = cells[(row, col)] = Cell(ws, row=row, column=col)
        set_value(cell, value, formats[col - 1] if col <= nformats else None)  # type: ignore[index]
    if row > ws._current_row:
        ws._current_row = row


def write_table(ws: Worksheet, headers: Sequence[str], rows: Iterable[Sequence[Any]], *,
                start_row: int = 1, formats: Sequence[str | None] | None = None,
                comments: Sequence[str | None] | None = None, freeze: bool = True,
                autofilter: bool = True) -> int:
    """A header row (bold, filled, frozen, with optional comments) and data rows; returns the last row."""
    for col, header in enumerate(headers, start=1):
        cell = set_value(ws.cell(row=start_row, column=col), header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        if comments and col - 1 < len(comments) and comments[col - 1]:
            cell.comment = Comment(str(comments[col - 1]), "Klasvormer", width=300, height=120)
    last = start_row
    for last, values in enumerate(rows, start=start_row + 1):  # noqa: B007
        write_row(ws, last, values, formats)
    if freeze:
        ws.freeze_panes = ws.cell(row=start_row + 1, column=1)
    if autofilter and headers:
        ws.auto_filter.ref = f"A{start_row}:{get_column_letter(len(headers))}{max(last, start_row + 1)}"
    return last


def column_formats(ws: Worksheet, formats: Sequence[str | None], first_row: int, last_row: int) -> None:
    """Give whole columns a number format (so dates typed later become dates).

    Existing cells in ``first_row..last_row`` get the format too; the column style covers the
    rest without creating empty cells.
    """
    cells = ws._cells
    last = min(last_row, ws.max_row)
    for col, fmt in enumerate(formats, start=1):
        if not fmt:
            continue
        ws.column_dimensions[get_column_letter(col)].number_format = fmt
        for row in range(first_row, last + 1):
            cell = cells.get((row, col))
            if cell is not None and cell.value is not None and cell.number_format != fmt:
                cell.number_format = fmt


def autosize(ws: Worksheet, min_width: int = 8, max_width: int = MAX_WIDTH, sample_rows: int = 500) -> None:
    """Column widths from the longest text in the first rows."""
    widths: dict[int, int] = {}
    last = min(ws.max_row, sample_rows)
    for (row, col), cell in ws._cells.items():
        value = cell._value
        if value is None or row > last:
            continue
        text = value.strftime("%d-%m-%Y") if isinstance(value, (date, datetime)) else str(value)
        longest = max((len(line) for line in text.splitlines()), default=0)
        widths[col] = max(widths.get(col, 0), longest)
    for col, width in sorted(widths.items()):
        ws.column_dimensions[get_column_letter(col)].width = max(min_width, min(max_width, width + 2))


def title(ws: Worksheet, row: int, text: str) -> None:
    cell = set_value(ws.cell(row=row, column=1), text)
    cell.font = TITLE_FONT


def bold(ws: Worksheet, row: int, col: int, value: Any) -> None:
    cell = set_value(ws.cell(row=row, column=col), value)
    cell.font = HEADER_FONT


def wrap(ws: Worksheet, col_letter: str, width: int) -> None:
    ws.column_dimensions[col_letter].width = width
    for cell in ws[col_letter]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")


PAGE_FOOTER = {"nl": "&A - pagina &P", "en": "&A - page &P"}
"""The footer :func:`print_setup` writes: the sheet's name and the page number."""


def footers_in(wb: Any, lang: str) -> None:
    """The page footers :func:`print_setup` wrote, in ``lang`` (they are written in Dutch)."""
    for ws in wb.worksheets:
        if ws.oddFooter.center.text == PAGE_FOOTER["nl"]:
            ws.oddFooter.center.text = PAGE_FOOTER.get(lang, PAGE_FOOTER["nl"])


def print_setup(ws: Worksheet, *, landscape: bool = False, fit_width: bool = True, pages_wide: int = 1,
                one_page: bool = False,
                title_rows: str | None = None, title_cols: str | None = None, area: str | None = None,
                footer: bool = True) -> None:
    """Page setup for printing on A4: orientation, scaling, repeated titles, print area, footer.

    ``fit_width`` scales every column onto ``pages_wide`` page widths (as many pages down as needed);
    ``one_page`` fits the whole sheet on one page. ``title_rows`` (``"1:1"``) and ``title_cols``
    (``"A:B"``) repeat on every page; ``area`` (``"A1:F20"``) limits what is printed. The footer
    names the sheet and the page (``Deelnemers - pagina 2``).
    """
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    if one_page or fit_width:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1 if one_page else pages_wide
        ws.page_setup.fitToHeight = 1 if one_page else 0
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.3
    if title_rows:
        ws.print_title_rows = title_rows
    if title_cols:
        ws.print_title_cols = title_cols
    if area:
        ws.print_area = area
    if footer:  # page numbers count from 1 on each sheet
        ws.page_setup.firstPageNumber = 1
        ws.page_setup.useFirstPageNumber = True
        ws.oddFooter.center.text = PAGE_FOOTER["nl"]
        ws.oddFooter.center.size = 8


def used_area(ws: Worksheet, last_col: int | None = None, last_row: int | None = None) -> str:
    """``"A1:<last column><last row>"`` of the cells that hold a value (at least A1)."""
    rows = cols = 1
    for (row, col), cell in ws._cells.items():
        if cell._value is not None:
            rows = max(rows, row)
            cols = max(cols, col)
    return f"A1:{get_column_letter(last_col or cols)}{last_row or rows}"


def wrap_column(ws: Worksheet, col: int, width: float, first_row: int = 2, last_row: int | None = None,
                vertical: str | None = None) -> None:
    """Column ``col`` at ``width`` with its text cells wrapped (so long text neither spills into
    the next cells nor is cut off), each row made tall enough for its lines (spreadsheet programs
    do not all fit the height themselves)."""
    ws.column_dimensions[get_column_letter(col)].width = width
    style = Alignment(wrap_text=True, vertical=vertical)
    cells = ws._cells
    for row in range(first_row, (last_row or ws.max_row) + 1):
        cell = cells.get((row, col))
        if cell is not None and cell._value is not None:
            cell.alignment = style
            lines = wrapped_lines(str(cell._value), width)
            if lines > 1:
                fit_row_height(ws, row, lines)


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes wrapped in a column ``width`` characters wide (an estimate:
    words wrap whole, a word longer than the line breaks)."""
    room = max(1, int(width * TEXT_PER_WIDTH) - 1)
    total = 0
    for paragraph in text.splitlines() or [""]:
        lines, used = 1, 0
        for word in paragraph.split():
            need = len(word) if used == 0 else used + 1 + len(word)
            if need <= room:
                used = need
            elif used == 0:
                lines += (len(word) - 1) // room
                used = len(word) % room or room
            else:
                lines += 1 + (len(word) - 1) // room
                used = len(word) % room or room
        total += lines
    return total


def fit_row_height(ws: Worksheet, row: int, lines: int, line_height: float = LINE_HEIGHT) -> None:
    """Make ``row`` at least ``lines`` lines of text tall."""
    dim = ws.row_dimensions[row]
    dim.height = max(dim.height or 0, lines * line_height + 2)


def sheet_title(name: str, taken: Iterable[str]) -> str:
    """A valid, unique sheet title (max 31 characters, no ``[]:*?/\\``)."""
    clean = "".join("-" if c in "[]:*?/\\" else c for c in name).strip("'") or "Blad"
    clean = clean[:31]
    lower = {t.lower() for t in taken}
    candidate, n = clean, 2
    while candidate.lower() in lower:
        suffix = f" ({n})"
        candidate = clean[: 31 - len(suffix)] + suffix
        n += 1
    return candidate


def quote_sheet(name: str) -> str:
    """A sheet name for use in a formula reference."""
    return "'" + name.replace("'", "''") + "'"


def atomic_save(wb: Workbook, path: str | Path, *, private: bool = True, overwrite_readonly: bool = False) -> Path:
    """Save ``wb`` to ``path`` atomically (:func:`app.safefile.atomic_write`): a temporary file in
    the same folder, fsync, ``os.replace``, folder sync.

    A new file gets mode 0600 when ``private`` (the workbook holds learners' personal data), else
    the umask's mode; a replaced file keeps its mode. A read-only target raises
    :class:`app.safefile.ReadOnlyFileError` (a ``PermissionError``) unless ``overwrite_readonly``."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError("folder", folder=folder, reason=os_reason(exc)) from None
    try:
        return atomic_write(target, lambda tmp: save_workbook(wb, tmp), private=private,
                            overwrite_readonly=overwrite_readonly)
    except ReadOnlyFileError:
        raise
    except FolderNotWritableError as exc:
        raise WriteError("folder", folder=folder, reason=os_reason(exc)) from None
    except PermissionError:
        raise WriteError("in_use", name=target.name) from None
    except OSError as exc:
        raise WriteError("not_saved", name=target.name, reason=os_reason(exc)) from None


# ---- fast saving -------------------------------------------------------------------------------
def save_workbook(wb: Workbook, path: str | Path) -> None:
    """``wb.save(path)``, with the cells written as text (see :class:`_FastSheetWriter`)."""
    if wb.read_only or wb.write_only:
        wb.save(path)
        return
    archive = ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True)
    try:
        wb.properties.modified = datetime.now(tz=UTC).replace(tzinfo=None)
        _FastExcelWriter(wb, archive).save()  # closes the archive
    except BaseException:
        archive.close()
        raise


class _FastExcelWriter(ExcelWriter):
    """openpyxl's workbook writer, writing each worksheet with :class:`_FastSheetWriter`."""

    def write_worksheet(self, ws: Any) -> None:
        if not isinstance(ws, Worksheet):
            super().write_worksheet(ws)
            return
        # as ExcelWriter.write_worksheet, with the fast sheet writer
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = _FastSheetWriter(ws, out=BytesIO())  # in memory: no temporary file per sheet
        writer.write()
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], writer.read())
        self.manifest.append(ws)


class _FastSheetWriter(WorksheetWriter):
    """openpyxl's worksheet writer with the rows of ``<sheetData>`` written as text.

    openpyxl builds an element per cell and serialises it in Python, which is most of the time
    of saving a big workbook. Here the common cells (text, numbers, booleans, dates; styled or
    not) are written as the same XML text directly; any other cell (formulas, rich text, times,
    hyperlinks, ...) and rows with row properties go through openpyxl's own writer. When the
    XML writer is not the one this relies on (lxml installed), everything does.
    """

    def write_rows(self) -> None:
        xf = self.xf.send(True)
        out = getattr(xf, "_file", None)
        with xf.element("sheetData"):
            if callable(out) and type(xf).__module__.startswith("et_xmlfile"):
                dims = self.ws.row_dimensions
                for row_idx, row in self.rows():
                    if row_idx in dims:
                        self.write_row(xf, row, row_idx)
                    else:
                        self._write_row_text(out, xf, row, row_idx)
            else:
                for row_idx, row in self.rows():
                    self.write_row(xf, row, row_idx)
        self.xf.send(None)

    def _write_row_text(self, out: Callable[[str], Any], xf: Any, row: list[Cell], row_idx: int) -> None:
        parts = [f'<row r="{row_idx}">']
        epoch = self.ws.parent.epoch
        iso = self.ws.parent.iso_dates
        for cell in row:
            comment = cell._comment
            if comment is not None:
                self.ws._comments.append(CommentRecord.from_cell(cell))
            styled = cell.has_style
            value = cell._value
            if value is None and not styled and comment is None:
                continue
            text = None if iso or cell.hyperlink else _cell_text(cell, value, styled, epoch)
            if text is None:
                out("".join(parts))
                parts = []
                write_cell(xf, self.ws, cell, styled)
            else:
                parts.append(text)
        parts.append("</row>")
        out("".join(parts))


def _cell_text(cell: Cell, value: Any, styled: bool, epoch: datetime) -> str | None:
    """The XML of a cell exactly as openpyxl writes it, or None for a kind left to openpyxl."""
    head = f'<c r="{get_column_letter(cell.column)}{cell.row}"'
    if styled:
        head += f' s="{cell.style_id}"'
    kind = cell.data_type
    if value is None:
        return None if kind in ("s", "f") else f'{head} t="{kind}" />'
    vtype = type(value)
    if kind == "s":
        if vtype is not str or not value:
            return None
        space = ' xml:space="preserve"' if value.strip() != value and value.strip() else ""
        return f'{head} t="inlineStr"><is><t{space}>{_escape(value)}</t></is></c>'
    if kind == "n" and (vtype is int or (vtype is float and math.isfinite(value))):
        return f'{head} t="n"><v>{value:.16g}</v></c>'
    if kind == "b" and vtype is bool:
        return f'{head} t="b"><v>{value:.16g}</v></c>'
    if kind == "d" and (vtype is date or (vtype is datetime and value.tzinfo is None)):
        serial = to_excel(value, epoch)
        if type(serial) in (int, float) and math.isfinite(serial):
            return f'{head} t="n"><v>{serial:.16g}</v></c>'
    return None


def _escape(text: str) -> str:
    """XML character data: ``& < >`` escaped (as ElementTree does)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text
