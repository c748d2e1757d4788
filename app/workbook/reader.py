"""Raw reading of a source file: what kind of file it is, and its sheets as rows of values.

Rules:
- The file kind comes from its content, not its name: an ``.xlsx`` must be an OOXML zip; an OLE
  file is a legacy ``.xls`` or a password-protected workbook; text is read as CSV only when the
  name ends in ``.csv``/``.txt``/``.tsv``. Anything else raises :class:`FileProblem`.
- Cell values are read with python-calamine (fast, Rust) when it is installed and opens the
  file; otherwise, and for a sheet it cannot read or whose cells would span more than
  :data:`FAST_MAX_CELLS` cells, with openpyxl ``read_only=True, data_only=True``. Both give the
  same values: whole numbers as ``int``, dates as ``datetime``, empty cells as None, error
  cells as their text (``#N/A``); text of only spaces may read as None (blank either way).
  The source file is never written. Every row and column holding a value is read, however far
  down or right: the byte scan finds the last row element with a cell value and reading stops
  there, so a sheet whose used range (or whose formatted empty rows) claim 1,048,576 rows still
  loads fast.
- Hidden rows, merged cells, formulas, error cells and percentage formats come from one byte
  scan of the sheet XML (:mod:`app.workbook.xlsx_scan`); a formula without a cached value is
  recorded.
- CSV files are read by :mod:`app.workbook.csv_read`.
"""

from __future__ import annotations

import codecs
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries

from app.os_errors import os_reason
from app.workbook.csv_read import CsvInfo, read_csv
from app.workbook.rawsheet import FileProblem, RawRow, RawSheet
from app.workbook.xlsx_scan import (
    FAST_MAX_CELLS,
    _percent_styles,
    _Scan,
    _scan_xml,
    _sheet_paths,
    _workbook_parts,
)

__all__ = [
    "FAST_MAX_CELLS", "CsvInfo", "FileProblem", "RawRow", "RawSheet", "Workbook", "letter", "merged_ranges",
    "_scan_xml", "_sheet_paths", "read_csv", "sniff",
]

try:  # the fast reader; without it every sheet is read with openpyxl
    import python_calamine
except ImportError:  # pragma: no cover - a declared dependency
    python_calamine = None  # type: ignore[assignment]

CFB_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")


def sniff(path: Path) -> str:
    """'xlsx', 'csv' or raise :class:`FileProblem` saying what the file is instead."""
    name = path.name
    if not path.exists():
        raise FileProblem("file_missing", file=name)
    if path.is_dir():  # not "cannot be read (Is a directory). Close it in other programs"
        raise FileProblem("file_is_folder", file=name)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise FileProblem("file_unreadable", file=name, reason=os_reason(exc)) from None
    if size == 0:
        raise FileProblem("file_empty", file=name)
    if head.startswith(b"PK"):
        return _zip_kind(path)
    if head.startswith(CFB_MAGIC):
        raise FileProblem("file_encrypted" if _is_encrypted_ole(path) else "file_xls", file=name)
    if _looks_like_text(head):
        if path.suffix.lower() in TEXT_SUFFIXES:
            return "csv"
        raise FileProblem("file_text", file=name)
    if path.suffix.lower() in TEXT_SUFFIXES and _looks_like_text(head.replace(b"\x00", b"")):
        return "csv"  # text with NUL characters: read_csv says what is wrong with it
    raise FileProblem("file_not_excel", file=name)


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "mimetype" in names and b"opendocument" in zf.read("mimetype"):
                raise FileProblem("file_ods", file=path.name)
    except zipfile.BadZipFile as exc:
        raise FileProblem("file_corrupt", file=path.name, reason=str(exc)) from None
    if "[Content_Types].xml" in names and any(n.endswith("workbook.xml") for n in names):
        return "xlsx"
    raise FileProblem("file_not_excel", file=path.name)


def _is_encrypted_ole(path: Path) -> bool:
    """An OLE file holding an encrypted OOXML package (a password-protected .xlsx)."""
    marker = "EncryptedPackage".encode("utf-16-le")
    tail = b""
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            if marker in tail + chunk:
                return True
            tail = chunk[-len(marker):]
    return False


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if b"\x00" in head:
        return False
    printable = sum(1 for b in head if b >= 32 or b in (9, 10, 13))
    return printable >= 0.95 * len(head)


# ---- xlsx --------------------------------------------------------------------------------------
class Workbook:
    """A read-only view of an .xlsx file: sheet titles and :meth:`read` per sheet."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fast = _open_calamine(path)
        self._wb: Any = None
        try:
            if self._fast is None:
                self._wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
            self._zip = zipfile.ZipFile(path)
            self._parts = _workbook_parts(self._zip)
        except FileProblem:
            raise
        except Exception as exc:  # openpyxl raises many types for damaged files
            if self._fast is not None:
                _close_calamine(self._fast)
            raise FileProblem("file_corrupt", file=path.name, reason=type(exc).__name__) from None
        self._paths = self._parts.sheets
        self._percent: dict[int, str] | None = None
        self._formula_wb: Any = None

    @property
    def titles(self) -> list[str]:
        if self._fast is not None:
            return list(self._fast.sheet_names)
        return list(self._wb.sheetnames)

    def sheet_state(self, title: str) -> str:
        if self._fast is not None:
            for meta in self._fast.sheets_metadata:
                if meta.name == title:
                    return _SHEET_STATES.get(str(meta.visible).rsplit(".", 1)[-1], "visible")
        return str(getattr(self._openpyxl()[title], "sheet_state", "visible"))

    def close(self) -> None:
        if self._fast is not None:
            _close_calamine(self._fast)
        if self._wb is not None:
            self._wb.close()
        if self._formula_wb is not None:
            self._formula_wb.close()
        self._zip.close()

    def _openpyxl(self) -> Any:
        """The openpyxl workbook (opened on first use when the fast reader is used)."""
        if self._wb is None:
            self._wb = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
        return self._wb

    def _percent_styles(self) -> dict[int, str] | None:
        """Cell style index -> number format, for percentage formats (None: styles unreadable)."""
        if self._percent is None:
            self._percent = _percent_styles(self._zip, self._parts.styles)
        return None if -1 in self._percent else self._percent

    def read(self, title: str) -> RawSheet:
        """Non-empty rows of a sheet (see module rules), with hidden rows, merges and formulas."""
        part = self._paths.get(title)
        percent = self._percent_styles() if self._fast is not None and part else {}
        scan = _scan_xml(self._zip, part, percent or {})
        rows = None
        if self._fast is not None and part and percent is not None and scan.fast_ok():
            rows = self._read_fast(title, scan)
        if rows is None:
            rows = self._read_openpyxl(title, scan)
        sheet = RawSheet(title, rows, scan.merges, set(), scan.hidden)
        if scan.has_formula and rows:
            sheet.formula_cells = self._formulas_without_value(title, rows)
        return sheet

    def _read_openpyxl(self, title: str, scan: _Scan) -> list[RawRow]:
        ws = self._openpyxl()[title]
        ws.reset_dimensions()  # the stored used range may lie (too small or a million rows)
        last = scan.last_value_row
        if last == 0:
            return []
        rows: list[RawRow] = []
        for rownum, cells in _nonempty_rows(ws.iter_rows(min_row=1, max_row=last)):
            values = [c.value for c in cells]
            formats = [getattr(c, "number_format", None) for c in cells]
            rows.append(RawRow(rownum, values, formats, rownum in scan.hidden))
        return rows

    def _read_fast(self, title: str, scan: _Scan) -> list[RawRow] | None:
        """The rows as openpyxl would give them, read by python-calamine; None when it cannot."""
        try:
            data = self._fast.get_sheet_by_name(title).to_python(skip_empty_area=False)
        except Exception:  # the openpyxl path reads the sheet or reports it
            return None
        errors: dict[int, dict[int, str]] = {}
        for (rownum, col), text in scan.errors.items():
            errors.setdefault(rownum, {})[col] = text
        percent: dict[int, dict[int, str]] = {}
        for (rownum, col), fmt in scan.percent.items():
            percent.setdefault(rownum, {})[col] = fmt
        rows: list[RawRow] = []
        for rownum, cells in enumerate(data, start=1):
            values = [_fast_value(v) for v in cells]
            for col, text in errors.get(rownum, {}).items():
                values.extend([None] * (col + 1 - len(values)))
                values[col] = text
            while values and values[-1] is None:
                values.pop()
            if not any(not _blank(v) for v in values):
                continue
            formats: list[str | None] = [None] * len(values)
            for col, fmt in percent.get(rownum, {}).items():
                if col < len(formats):
                    formats[col] = fmt
            rows.append(RawRow(rownum, values, formats, rownum in scan.hidden))
        return rows

    def _formulas_without_value(self, title: str, rows: list[RawRow]) -> set[tuple[int, int]]:
        """Cells holding a formula whose cached value is missing (data_only gives None)."""
        if self._formula_wb is None:
            self._formula_wb = openpyxl.load_workbook(self.path, read_only=True, data_only=False)
        ws = self._formula_wb[title]
        ws.reset_dimensions()
        by_row = {r.row: r for r in rows}
        last = rows[-1].row
        found: set[tuple[int, int]] = set()
        for rownum, cells in enumerate(ws.iter_rows(min_row=1, max_row=last), start=1):
            for col, cell in enumerate(cells):
                value = cell.value
                is_formula = (isinstance(value, str) and value.startswith("=")) or (
                    value is not None and type(value).__name__ in ("ArrayFormula", "DataTableFormula"))
                if not is_formula:
                    continue
                raw = by_row.get(rownum)
                if raw is None or col >= len(raw.values) or raw.values[col] is None:
                    found.add((rownum, col))
        return found


_SHEET_STATES = {"Visible": "visible", "Hidden": "hidden", "VeryHidden": "veryHidden"}
_INT_LIMIT = 1e16
"""Whole floats below this become ``int`` (openpyxl reads ``<v>12345</v>`` as an int)."""


def _open_calamine(path: Path) -> Any:
    """A python-calamine workbook, or None when the package is missing or cannot open the file."""
    if python_calamine is None:
        return None
    try:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception:  # openpyxl opens it or reports the problem
        return None


def _close_calamine(book: Any) -> None:
    """Release the file (python-calamine before 0.3 has no ``close``: dropping it does that)."""
    close = getattr(book, "close", None)
    if close is not None:
        close()


def _fast_value(value: Any) -> Any:
    """A python-calamine cell value as openpyxl gives it."""
    kind = type(value)
    if kind is str:
        return value or None
    if kind is float:
        return int(value) if value.is_integer() and -_INT_LIMIT < value < _INT_LIMIT else value
    if kind is date:
        return datetime(value.year, value.month, value.day)
    return value


def _nonempty_rows(rows: Iterator[tuple[Any, ...]]) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, cells up to the last non-blank one) of non-empty rows."""
    for rownum, cells in enumerate(rows, start=1):
        end = len(cells)
        while end and _blank(cells[end - 1].value):
            end -= 1
        if end:
            yield rownum, cells[:end]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def merged_ranges(ranges: list[str]) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row), 1-based, of merged range texts."""
    out = []
    for ref in ranges:
        try:
            out.append(range_boundaries(ref.replace("$", "")))
        except ValueError:
            continue
    return out


def letter(index: int) -> str:
    """Column letter of a 0-based column index."""
    return get_column_letter(index + 1)
