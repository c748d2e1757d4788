"""Small helpers for writing workbooks: safe cell values, styled tables, atomic saving.

Rules:
- Text that begins with ``=`` is written as text (never a formula), with Excel's quote prefix;
  text beginning with ``+ - @`` is text as well. Characters XML cannot hold are dropped.
- Dates are written as dates with the format ``DD-MM-YYYY``.
- A workbook is saved to a temporary file in the target folder and then moved over the
  target (``os.replace``), so a failed save never leaves half a file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

DATE_FORMAT = "DD-MM-YYYY"
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
TITLE_FONT = Font(bold=True, size=14)
RED_FILL = PatternFill("solid", fgColor="FFC7CE")
YELLOW_FILL = PatternFill("solid", fgColor="FFEB9C")
MAX_WIDTH = 60


class WriteError(OSError):
    """A workbook could not be saved; the message is Dutch and says what to do."""


def set_value(cell: Cell, value: Any, number_format: str | None = None) -> Cell:
    """Write ``value`` safely (see module rules) and apply ``number_format``."""
    if isinstance(value, (set, frozenset, list, tuple)):
        value = ", ".join(str(v) for v in value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = value
        if value[:1] in ("=", "+", "-", "@"):
            cell.data_type = "s"
            cell.quotePrefix = True
    elif isinstance(value, datetime):
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
    for col, value in enumerate(values, start=1):
        if value is None or value == "":
            continue
        fmt = formats[col - 1] if formats and col - 1 < len(formats) else None
        set_value(ws.cell(row=row, column=col), value, fmt)


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
    for col, fmt in enumerate(formats, start=1):
        if not fmt:
            continue
        ws.column_dimensions[get_column_letter(col)].number_format = fmt
        for row in range(first_row, min(last_row, ws.max_row) + 1):
            cell = ws.cell(row=row, column=col)
            if cell.value is not None:
                cell.number_format = fmt


def autosize(ws: Worksheet, min_width: int = 8, max_width: int = MAX_WIDTH, sample_rows: int = 500) -> None:
    """Column widths from the longest text in the first rows."""
    widths: dict[int, int] = {}
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, sample_rows)):
        for cell in row:
            if cell.value is None:
                continue
            value = cell.value
            text = value.strftime("%d-%m-%Y") if isinstance(value, (date, datetime)) else str(value)
            longest = max((len(line) for line in text.splitlines()), default=0)
            widths[cell.column] = max(widths.get(cell.column, 0), longest)
    for col, width in widths.items():
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


def atomic_save(wb: Workbook, path: str | Path) -> Path:
    """Save ``wb`` to ``path`` via a temporary file in the same folder and ``os.replace``."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".~" + target.stem[:40], suffix=".xlsx", dir=folder)
    except OSError as exc:
        raise WriteError(f"Kan niet schrijven in map '{folder}': {exc.strerror}. Kies een andere map.") from None
    os.close(fd)
    try:
        wb.save(tmp)
        # mkstemp creates 0600; give the file the permissions a normal save would (umask).
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except PermissionError:
        _remove(tmp)
        raise WriteError(
            f"Bestand '{target.name}' kan niet worden overschreven; het is waarschijnlijk geopend in "
            "Excel. Sluit het bestand en probeer opnieuw, of kies een andere naam."
        ) from None
    except OSError as exc:
        _remove(tmp)
        raise WriteError(f"Bestand '{target.name}' kan niet worden opgeslagen: {exc.strerror}.") from None
    except BaseException:
        _remove(tmp)
        raise
    return target


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.remove(path)
