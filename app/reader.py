"""Raw reading of a source file: what kind of file it is, and its sheets as rows of values.

Rules:
- The file kind comes from its content, not its name: an ``.xlsx`` must be an OOXML zip; an OLE
  file is a legacy ``.xls`` or a password-protected workbook; text is read as CSV only when the
  name ends in ``.csv``/``.txt``/``.tsv``. Anything else raises :class:`FileProblem`.
- Workbooks are opened with openpyxl ``read_only=True, data_only=True`` (the source file is never
  written). Reading a sheet stops after :data:`EMPTY_RUN` empty rows, so a sheet whose used
  range claims 1,048,576 rows loads fast; at most :data:`MAX_COLUMNS` columns are read.
- Hidden rows, merged cells and formulas are found by one streaming byte scan of the sheet XML
  (read-only openpyxl does not report them); a formula without a cached value is recorded.
- CSV: UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252; the delimiter (``,``
  ``;`` or tab) is sniffed from the first lines.
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
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries

EMPTY_RUN = 1000
"""Stop reading a sheet after this many consecutive empty rows."""
MAX_COLUMNS = 300
"""Read at most this many columns of a sheet."""
CFB_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")


class FileProblem(Exception):
    """The file cannot be read at all; ``code`` is a key of :data:`app.issues.TEMPLATES`."""

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
        try:
            self._wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
            self._zip = zipfile.ZipFile(path)
            self._paths = _sheet_paths(self._zip)
        except FileProblem:
            raise
        except Exception as exc:  # openpyxl raises many types for damaged files
            raise FileProblem("file_corrupt", file=path.name, reason=type(exc).__name__) from None
        self._formula_wb: Any = None

    @property
    def titles(self) -> list[str]:
        return list(self._wb.sheetnames)

    def sheet_state(self, title: str) -> str:
        return str(getattr(self._wb[title], "sheet_state", "visible"))

    def close(self) -> None:
        self._wb.close()
        if self._formula_wb is not None:
            self._formula_wb.close()
        self._zip.close()

    def read(self, title: str) -> RawSheet:
        """Non-empty rows of a sheet (see module rules), with hidden rows, merges and formulas."""
        ws = self._wb[title]
        ws.reset_dimensions()  # the stored used range may lie (too small or a million rows)
        scan = _scan_xml(self._zip, self._paths.get(title))
        rows: list[RawRow] = []
        for rownum, cells in _nonempty_rows(ws.iter_rows(min_row=1)):
            values = [c.value for c in cells]
            formats = [getattr(c, "number_format", None) for c in cells]
            rows.append(RawRow(rownum, values, formats, rownum in scan.hidden))
        sheet = RawSheet(title, rows, scan.merges, set(), scan.hidden)
        if scan.has_formula and rows:
            sheet.formula_cells = self._formulas_without_value(title, rows)
        return sheet

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
            for col, cell in enumerate(cells[:MAX_COLUMNS]):
                value = cell.value
                is_formula = (isinstance(value, str) and value.startswith("=")) or (
                    value is not None and type(value).__name__ in ("ArrayFormula", "DataTableFormula"))
                if not is_formula:
                    continue
                raw = by_row.get(rownum)
                if raw is None or col >= len(raw.values) or raw.values[col] is None:
                    found.add((rownum, col))
        return found


def _nonempty_rows(rows: Iterator[tuple[Any, ...]]) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, cells) of non-empty rows; stops after :data:`EMPTY_RUN` empty rows."""
    empty = 0
    for rownum, row in enumerate(rows, start=1):
        cells = row[:MAX_COLUMNS]
        if any(not _blank(c.value) for c in cells):
            empty = 0
            yield rownum, cells
        else:
            empty += 1
            if empty >= EMPTY_RUN:
                return


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _sheet_paths(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title -> path of its XML part inside the package."""
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
        return {}
    targets = {}
    for rel in rels.iter(f"{ns_pkg}Relationship"):
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        targets[rel.get("Id")] = path
    out = {}
    for sh in workbook.iter(f"{ns_main}sheet"):
        rid = sh.get(f"{ns_rel}id")
        if rid in targets:
            out[sh.get("name", "")] = targets[rid]
    return out


@dataclass
class _Scan:
    hidden: set[int] = field(default_factory=set)
    merges: list[str] = field(default_factory=list)
    has_formula: bool = False


_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b[^>]*>")
_ROW_NUM = re.compile(rb'\br="(\d+)"')
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Za-z0-9:$]+)"')
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _scan_xml(zf: zipfile.ZipFile, part: str | None) -> _Scan:
    """Hidden rows, merged ranges and whether formulas occur, by one streaming byte scan.

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
    tail = b""
    with fh:
        while chunk := fh.read(1 << 22):
            buf = tail + chunk
            _find_hidden(buf, scan.hidden)
            if b"mergeCell" in buf:
                scan.merges.extend(m.decode() for m in _MERGE.findall(buf) if m.decode() not in scan.merges)
            if not scan.has_formula and _FORMULA.search(buf):
                scan.has_formula = True
            tail = buf[-2048:]
    return scan


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
    return out  # type: ignore[return-value]


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
    delimiter = _sniff_delimiter(text)
    rows: list[RawRow] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    empty = 0
    for rownum, record in enumerate(reader, start=1):
        if any(v.strip() for v in record):
            empty = 0
            rows.append(RawRow(rownum, list(record), [None] * len(record)))
        else:
            empty += 1
            if empty >= EMPTY_RUN:
                break
    return RawSheet(title, rows), CsvInfo(encoding, delimiter)


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
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
