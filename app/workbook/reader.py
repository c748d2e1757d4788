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
- Hidden rows, merged cells and formulas are found by one streaming byte scan of the sheet XML
  (neither reader reports them); a formula without a cached value is recorded. On the fast
  path the same scan finds error cells and cells with a percentage number format (the only
  number formats the importer looks at: a percent-formatted 0.65 means 65).
- CSV: UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252; the delimiter (``,``
  ``;`` or tab) is sniffed from the first lines. A damaged file (UTF-16 with an odd number of
  bytes or half a surrogate pair, NUL characters, a line the csv module cannot parse) raises
  :class:`FileProblem` saying what is wrong, where, and to save it as UTF-8 CSV.
"""

from __future__ import annotations

import codecs
import csv
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl
from openpyxl.styles.numbers import BUILTIN_FORMATS
from openpyxl.utils import get_column_letter, range_boundaries

try:  # the fast reader; without it every sheet is read with openpyxl
    import python_calamine
except ImportError:  # pragma: no cover - a declared dependency
    python_calamine = None  # type: ignore[assignment]

CFB_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")


class FileProblem(Exception):
    """The file cannot be read at all; ``code`` is a key of :data:`app.workbook.issues.TEMPLATES`."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass
class RawRow:
    """A non-empty row: its Excel row number, values and number formats by column index."""

    row: int
    values: list[Any]
    formats: list[str | None]
    hidden: bool = False


@dataclass
class RawSheet:
    """The rows of one sheet, with what the byte scan found."""

    title: str
    rows: list[RawRow]
    merges: list[str] = field(default_factory=list)
    formula_cells: set[tuple[int, int]] = field(default_factory=set)
    """(Excel row, 0-based column) of formulas without a cached value."""
    hidden_rows: set[int] = field(default_factory=set)


def sniff(path: Path) -> str:
    """'xlsx', 'csv' or raise :class:`FileProblem` saying what the file is instead."""
    name = path.name
    if not path.exists():
        raise FileProblem("file_missing", file=name)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise FileProblem("file_unreadable", file=name, reason=exc.strerror or type(exc).__name__) from None
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


FAST_MAX_CELLS = 5_000_000
"""python-calamine holds a sheet's whole rectangle in memory: a sheet whose cells (by the byte
scan: last row x last column) would span more is read with openpyxl, which stops early."""
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


@dataclass
class _Parts:
    sheets: dict[str, str]
    """Sheet title -> path of its XML part inside the package."""
    styles: str | None


def _sheet_paths(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title -> path of its XML part inside the package."""
    return _workbook_parts(zf).sheets


def _workbook_parts(zf: zipfile.ZipFile) -> _Parts:
    """The sheet parts and the styles part of the package (found through the relationships)."""
    ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    ns_pkg = "{http://schemas.openxmlformats.org/package/2006/relationships}"
    wb_path = "xl/workbook.xml"
    try:
        root_rels = ElementTree.fromstring(zf.read("_rels/.rels"))
        for rel in root_rels.iter(f"{ns_pkg}Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                wb_path = rel.get("Target", wb_path).lstrip("/")
    except KeyError:
        pass
    base = posixpath.dirname(wb_path)
    rels_path = posixpath.join(base, "_rels", posixpath.basename(wb_path) + ".rels")
    try:
        rels = ElementTree.fromstring(zf.read(rels_path))
        workbook = ElementTree.fromstring(zf.read(wb_path))
    except (KeyError, ElementTree.ParseError):
        return _Parts({}, None)
    targets = {}
    styles = None
    for rel in rels.iter(f"{ns_pkg}Relationship"):
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        targets[rel.get("Id")] = path
        if rel.get("Type", "").endswith("/styles"):
            styles = path
    out = {}
    for sh in workbook.iter(f"{ns_main}sheet"):
        rid = sh.get(f"{ns_rel}id")
        if rid in targets:
            out[sh.get("name", "")] = targets[rid]
    return _Parts(out, styles)


def _percent_styles(zf: zipfile.ZipFile, part: str | None) -> dict[int, str]:
    """Cell style (``s=``) index -> number format, for the styles whose format holds ``%``.

    The format of a style is found as openpyxl finds it (a format defined in the file wins over
    the built-in one with that id). Key -1 marks styles that cannot be read (or a percentage
    default style): the caller then reads with openpyxl.
    """
    if part is None:
        return {}
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    try:
        root = ElementTree.fromstring(zf.read(part))
    except KeyError:
        return {}
    except ElementTree.ParseError:
        return {-1: ""}
    custom: dict[int, str] = {}
    try:
        for fmt in root.iter(f"{ns}numFmt"):
            custom[int(fmt.get("numFmtId", "-1"))] = fmt.get("formatCode", "")
        out: dict[int, str] = {}
        xfs = root.find(f"{ns}cellXfs")
        for index, xf in enumerate(xfs if xfs is not None else ()):
            fid = int(xf.get("numFmtId", "0"))
            code = custom.get(fid) or (BUILTIN_FORMATS.get(fid, "General") if fid < 164 else "General")
            if "%" in code:
                out[index] = code
    except ValueError:
        return {-1: ""}
    if 0 in out:  # cells without a style attribute are percentages: let openpyxl read them
        out[-1] = ""
    return out


@dataclass
class _Scan:
    hidden: set[int] = field(default_factory=set)
    merges: list[str] = field(default_factory=list)
    has_formula: bool = False
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    """(Excel row, 0-based column) -> text of error cells (``#N/A``)."""
    percent: dict[tuple[int, int], str] = field(default_factory=dict)
    """(Excel row, 0-based column) -> number format of cells with a percentage format."""
    last_row: int = 0
    """The highest row number (or count of row elements) seen."""
    last_value_row: int | None = None
    """The number of the last row element holding a cell value (0: none); None when unknown
    (no sheet part found, or rows without numbers): then every row is read."""
    last_col: int = 0
    """The highest 1-based column of a cell reference (0: at most 26, not counted; any
    three-letter column counts as the last one, 16,384)."""
    unplaced: bool = False
    """An error or percentage cell without a cell reference (the fast path cannot place it)."""

    def fast_ok(self) -> bool:
        return not self.unplaced and self.last_row * max(self.last_col, 26) <= FAST_MAX_CELLS


_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b[^>]*>")
_ROW_NUM = re.compile(rb'\br="(\d+)"')
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Za-z0-9:$]+)"')
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c\b[^>]*>")
_CELL_REF = re.compile(rb'\sr="\$?([A-Za-z]{1,3})\$?(\d+)"')
_CELL_VALUE = re.compile(rb"\s*(?:<(?:\w+:)?f\b[^>]*?(?:/>|>[^<]*</(?:\w+:)?f>)\s*)?"
                         rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_VALUE_END = re.compile(rb"</(?:\w+:)?(?:v|is)>")
_WIDE_REF = re.compile(rb'r="[A-Z]{3}\d')
_TWO_LETTER_REF = re.compile(rb'r="([A-Z]{2})\d')


def _scan_xml(zf: zipfile.ZipFile, part: str | None, percent: dict[int, str] | None = None) -> _Scan:
    """Hidden rows, merged ranges, whether formulas occur, and for the fast reader error cells,
    percentage cells and the size of the sheet, by one streaming byte scan.

    ``bytes.find`` keeps this fast on sheets with a million row elements; a tail of the
    previous chunk is kept so tags split across chunks are seen.
    """
    scan = _Scan()
    if not part:
        return scan
    try:
        fh = zf.open(part)
    except KeyError:
        return scan
    markers = [(b's="%d"' % index, fmt) for index, fmt in (percent or {}).items() if index >= 0]
    tail = b""
    rows = 0
    current_row: int | None = 0  # the number of the last row element started so far
    prefixed: bool | None = None
    scan.last_value_row = 0
    with fh:
        while chunk := fh.read(1 << 22):
            buf = tail + chunk
            if prefixed is None:
                prefixed = b"<sheetData" not in buf
            _find_hidden(buf, scan.hidden)
            if b"mergeCell" in buf:
                scan.merges.extend(m.decode() for m in _MERGE.findall(buf) if m.decode() not in scan.merges)
            if not scan.has_formula and (prefixed or b"<f" in buf) and _FORMULA.search(buf):
                scan.has_formula = True
            rows += chunk.count(b"<row ") + chunk.count(b"<row>") + chunk.count(b":row ")
            scan.last_row = max(scan.last_row, rows, _last_row_number(buf))
            end = _last_value_end(buf, prefixed)
            if end != -1 and scan.last_value_row is not None:
                tag = _last_row_tag(buf, end)
                row = current_row if tag is None else _row_number(tag)
                scan.last_value_row = None if not row else max(scan.last_value_row, row)
            tag = _last_row_tag(buf, len(buf))
            if tag is not None:
                current_row = _row_number(tag)
            _find_columns(buf, scan)
            for marker, fmt in markers:
                _find_cells(buf, marker, scan, lambda m, b, fmt=fmt: fmt, scan.percent)
            _find_cells(buf, b't="e"', scan, _error_text, scan.errors)
            tail = buf[-2048:]
    return scan


def _last_row_number(buf: bytes) -> int:
    """The number of the last row element that starts in ``buf`` (0 when there is none)."""
    tag = _last_row_tag(buf, len(buf))
    return (_row_number(tag) or 0) if tag is not None else 0


def _last_row_tag(buf: bytes, end: int) -> re.Match[bytes] | None:
    """The start tag of the last row element that starts in ``buf`` before ``end``."""
    pos = end
    while (pos := buf.rfind(b"row", 0, pos)) > 0:
        if buf[pos - 1:pos] in (b"<", b":"):
            start = buf.rfind(b"<", 0, pos)
            m = _ROW_TAG.match(buf, start) if start != -1 else None
            if m:
                return m
    return None


def _row_number(tag: re.Match[bytes]) -> int | None:
    """The ``r`` attribute of a row start tag (None when it has none)."""
    num = _ROW_NUM.search(tag.group(0))
    return int(num.group(1)) if num else None


def _last_value_end(buf: bytes, prefixed: bool) -> int:
    """Where the last cell value in ``buf`` ends (``</v>`` or an inline string's ``</is>``), or -1.

    ``prefixed``: the sheet's elements have a namespace prefix (``<x:v>``), found by a slower regex.
    """
    if prefixed:
        pos = -1
        for m in _VALUE_END.finditer(buf):
            pos = m.start()
        return pos
    pos = buf.rfind(b"</v>")
    return max(pos, buf.rfind(b"</is>", max(pos, 0)))


def _find_columns(buf: bytes, scan: _Scan) -> None:
    """Widen ``scan.last_col`` by the cell references in ``buf`` with two or three letters."""
    if _WIDE_REF.search(buf):
        scan.last_col = max(scan.last_col, 16_384)
    elif scan.last_col < 16_384 and _TWO_LETTER_REF.search(buf):
        for letters in set(_TWO_LETTER_REF.findall(buf)):
            scan.last_col = max(scan.last_col, (letters[0] - 64) * 26 + letters[1] - 64)


def _find_cells(buf: bytes, marker: bytes, scan: _Scan, value: Any, found: dict[tuple[int, int], Any]) -> None:
    """Cells whose start tag holds the attribute ``marker``: ``found[(row, col)] = value(...)``."""
    pos = buf.find(marker)
    while pos != -1:
        if buf[pos - 1:pos].isspace():
            start = buf.rfind(b"<", 0, pos)
            m = _CELL_TAG.match(buf, start) if start != -1 else None
            if m and m.end() > pos:
                ref = _CELL_REF.search(m.group(0))
                if ref is None:
                    scan.unplaced = True
                else:
                    text = value(m, buf)
                    if text is not None:
                        found[(int(ref.group(2)), _column_index(ref.group(1)))] = text
        pos = buf.find(marker, pos + 1)


def _error_text(tag: re.Match[bytes], buf: bytes) -> str | None:
    """The cached text of an error cell (``#N/A``), None when it is not (yet) in ``buf``."""
    if tag.group(0).endswith(b"/>"):
        return None
    m = _CELL_VALUE.match(buf, tag.end())
    return m.group(1).decode("utf-8", "replace") if m else None


def _column_index(letters: bytes) -> int:
    """0-based column index of column letters."""
    index = 0
    for ch in letters.upper():
        index = index * 26 + ch - 64
    return index - 1


def _find_hidden(buf: bytes, hidden: set[int]) -> None:
    for marker in (b'hidden="1"', b'hidden="true"'):
        pos = buf.find(marker)
        while pos != -1:
            start = buf.rfind(b"<", 0, pos)
            m = _ROW_TAG.match(buf, start) if start != -1 else None
            if m and m.end() > pos:
                num = _ROW_NUM.search(m.group(0))
                if num:
                    hidden.add(int(num.group(1)))
            pos = buf.find(marker, pos + 1)


def merged_ranges(ranges: list[str]) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row), 1-based, of merged range texts."""
    out = []
    for ref in ranges:
        try:
            out.append(range_boundaries(ref.replace("$", "")))
        except ValueError:
            continue
    return out


# ---- csv ---------------------------------------------------------------------------------------
@dataclass
class CsvInfo:
    encoding: str
    delimiter: str


def read_csv(path: Path, title: str) -> tuple[RawSheet, CsvInfo]:
    """The rows of a CSV file as one sheet; row numbers as Excel would show them."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileProblem("file_unreadable", file=path.name, reason=exc.strerror or type(exc).__name__) from None
    text, encoding = _decode(data, path.name)
    nul = text.find("\x00")
    if nul != -1:
        raise FileProblem("csv_nul", file=path.name, count=text.count("\x00"), line=text.count("\n", 0, nul) + 1)
    delimiter = _sniff_delimiter(text)
    rows: list[RawRow] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for rownum, record in enumerate(reader, start=1):
            if any(v.strip() for v in record):
                rows.append(RawRow(rownum, list(record), [None] * len(record)))
    except csv.Error as exc:
        reason = str(exc)
        if "field limit" in reason:
            reason = f"een veld is langer dan {csv.field_size_limit():,} tekens".replace(",", ".")
        raise FileProblem("csv_bad_line", file=path.name, line=reader.line_num, reason=reason) from None
    return RawSheet(title, rows), CsvInfo(encoding, delimiter)


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            line = data[:exc.start].decode("utf-16", errors="replace").count("\n") + 1
            code = "csv_utf16_odd" if exc.reason == "truncated data" else "csv_utf16_bad"
            raise FileProblem(code, file=name, line=line, offset=exc.start) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise FileProblem("csv_undecodable", file=name) from None


def _sniff_delimiter(text: str) -> str:
    """``;``, ``,`` or tab: the one that splits the header line into the most fields.

    Only the header line counts: values (daypart lists, notes) often contain commas.
    """
    header = next((ln for ln in text.splitlines() if ln.strip()), "")
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def letter(index: int) -> str:
    """Column letter of a 0-based column index."""
    return get_column_letter(index + 1)
