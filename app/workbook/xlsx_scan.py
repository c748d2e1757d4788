"""The parts of an .xlsx package and one streaming byte scan of a sheet's XML.

Rules:
- Sheets and styles are found through the package's relationships, as Excel finds them.
- Hidden rows, merged cells and formulas are found by one streaming byte scan of the sheet XML
  (neither reader reports them). For the fast reader the same scan finds error cells and cells
  with a percentage number format (the only number formats the importer looks at: a
  percent-formatted 0.65 means 65), the last row element holding a value and the sheet's width.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree

from openpyxl.styles.numbers import BUILTIN_FORMATS

FAST_MAX_CELLS = 5_000_000
"""python-calamine holds a sheet's whole rectangle in memory: a sheet whose cells (by the byte
scan: last row x last column) would span more is read with openpyxl, which stops early."""


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
