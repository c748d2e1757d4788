"""From raw sheet rows to tables with recognised columns, and typed access to one row.

Rules:
- The header row is the first of the first ten non-empty rows that names at least two known
  columns (one for sheets with at most two columns); rows above it (titles) are ignored.
- A header names a column by :func:`app.workbook.schema.fold` match, after the caller's column mapping.
- Two headers for the same column: the first is used, the second is kept as an extra column
  (warning). A column with data but no header is kept as ``"Kolom X"`` (warning).
- Rows whose key cell starts with :data:`app.workbook.schema.EXAMPLE_PREFIX` are template examples and
  skipped; hidden rows are imported with a warning; merged cells give a warning, or an error
  when a merged header hides a column that has data.
- :class:`RowReader` converts one cell at a time and records an issue for each problem, so a
  whole workbook is checked in one pass.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import islice
from typing import Any, TypeVar

from app.workbook.issues import ERROR, WARNING, Issue, short
from app.workbook.reader import RawRow, RawSheet, letter, merged_ranges
from app.workbook.schema import EXAMPLE_PREFIX, ColumnSpec, SheetSpec, fold
from app.workbook.spec import DATE, DAYPARTS, LEVEL
from app.workbook.values import (
    MAX_TEXT,
    Note,
    ValueProblem,
    as_date,
    as_int,
    as_level,
    as_list,
    as_number,
    as_text,
    is_blank,
    month_first,
)
from optimizer.dayparts import DaypartError, dash_ranges, parse_dayparts

T = TypeVar("T")
HEADER_SCAN_ROWS = 10
HIDDEN_ROWS_ONE_BY_ONE = 10
EXCEL_ERRORS = frozenset({"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!",
                          "#SPILL!", "#CALC!", "#GETTING_DATA"})
"""Cached values of formulas that failed (data_only gives them as text)."""
PERSONAL_KEYS = frozenset({"name", "notes"})
"""Columns whose values never appear in messages."""
AGGREGATED_CODES = frozenset({"level_category", "level_profile", "level_fraction", "level_rounded", "date_serial",
                              "week_not_aligned", "location_default_open", "postcode_fallback",
                              "date_long_before", "date_long_after", "daypart_dash_pair",
                              "formula_no_value", "cell_error", "date_month_first"})
"""Issues reported once per distinct message and column, with a count of rows: assumption
warnings, and the errors of a column of formulas without computed values or of one Excel error
(a workbook written by a program that does not compute formulas gave one error per cell,
hundreds of the same line; the remedy is one for the column)."""
AGGREGATED_BY_COLUMN = frozenset({"date_serial", "date_month_first"})
"""Of these, one warning per column whatever the values: a date column exported as numbers holds
a different number on nearly every row (a warning each flooded the list with thousands)."""


@lru_cache(maxsize=4096)
def dash_ranges_of(text: str) -> tuple[tuple[str, str], ...]:
    """:func:`dash_ranges` of a cell text, remembered like :func:`dayparts_of`."""
    return tuple(dash_ranges(text))


def _texts(value: Any) -> list[Any]:
    """The items of a list cell (a DataFrame cell may hold a Python list, tuple or set: one
    daypart text per item, each read on its own), else the cell itself."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)
    return [value]


@lru_cache(maxsize=4096)
def dayparts_of(text: str) -> frozenset[str]:
    """:func:`parse_dayparts` of a cell text, remembered: a few spellings recur on every row."""
    return parse_dayparts(text)


class IssueSink:
    """Collects issues; repeated ones of :data:`AGGREGATED_CODES` are folded into one with a row count."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []
        self._aggregated: dict[tuple[Any, ...], list[Any]] = {}

    def add(self, issue: Issue) -> None:
        if issue.code in AGGREGATED_CODES:
            by_column = issue.code in AGGREGATED_BY_COLUMN
            key = (issue.code, issue.sheet, issue.column, issue.file, None if by_column else issue.message)
            if key in self._aggregated:
                self._aggregated[key][1] += 1
                return
            self._aggregated[key] = [len(self.issues), 1]
        self.issues.append(issue)

    def error(self, code: str, /, **kw: Any) -> None:
        self.add(Issue.make(ERROR, code, **kw))

    def warn(self, code: str, /, **kw: Any) -> None:
        self.add(Issue.make(WARNING, code, **kw))

    def finish(self) -> list[Issue]:
        """The issues, with ``(in N rijen; eerste: rij R)`` added to folded warnings."""
        out = list(self.issues)
        for index, count in self._aggregated.values():
            if count > 1:
                i = out[index]
                row = i.row if i.row is not None else "-"
                if i.code in AGGREGATED_BY_COLUMN:
                    nl = f"{i.message} (net zo in {count} rijen van deze kolom, elk met een eigen waarde; eerste: rij {row})"
                    en = f"{i.message_en} (likewise in {count} rows of this column, each with its own value; first: row {row})"
                else:
                    nl = f"{i.message} (in {count} rijen; eerste: rij {row})"
                    en = f"{i.message_en} (in {count} rows; first: row {row})"
                out[index] = Issue(i.severity, i.code, nl, en, i.sheet, i.row, i.column, i.column_letter,
                                   i.value, i.file)
        return out

    @property
    def has_errors(self) -> bool:
        return any(i.is_error for i in self.issues)


@dataclass
class Col:
    """A column of a table: position, header text and the column it means (None = extra)."""

    index: int
    letter: str
    header: str
    spec: ColumnSpec | None
    name: str
    """Header under which values are kept (``"Kolom X"`` for a blank header)."""


@dataclass
class Table:
    """A canonical sheet: recognised columns and data rows (examples removed)."""

    spec: SheetSpec
    title: str
    file: str | None
    header_row: int | None
    columns: list[Col]
    rows: list[RawRow]
    formula_cells: set[tuple[int, int]] = field(default_factory=set)
    _by_key: dict[str, Col] | None = field(default=None, repr=False, compare=False)
    _by_key_count: int = field(default=-1, repr=False, compare=False)
    _month_first: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)

    def month_first(self, key: str) -> bool:
        """Whether the text dates of column ``key`` are month/day/year (:func:`month_first`),
        judged once over the whole column."""
        cached = self._month_first.get(key)
        if cached is None:
            col = self.col(key)
            cached = col is not None and month_first(r.values[col.index] for r in self.rows
                                                     if col.index < len(r.values))
            self._month_first[key] = cached
        return cached

    def col(self, key: str) -> Col | None:
        """The column for a column key, or None when the sheet lacks it."""
        by_key = self._by_key
        if by_key is None or self._by_key_count != len(self.columns):
            by_key = self._by_key = {c.spec.key: c for c in reversed(self.columns) if c.spec is not None}
            self._by_key_count = len(self.columns)
        return by_key.get(key)


def normalise_mapping(spec: SheetSpec, mapping: Mapping[str, str] | None, sink: IssueSink,
                      title: str, file: str | None) -> dict[str, ColumnSpec]:
    """User column mapping (header -> column key or header) as folded header -> column."""
    out: dict[str, ColumnSpec] = {}
    for header, target in (mapping or {}).items():
        col = next((c for c in spec.columns if c.key == target), None) or spec.match(target)
        if col is None:
            sink.error("mapping_unknown", sheet=title, target=target, file=file)
            continue
        out[fold(header)] = col
    return out


def _match(spec: SheetSpec, header: Any, mapping: dict[str, ColumnSpec]) -> ColumnSpec | None:
    if is_blank(header):
        return None
    key = fold(header)
    return mapping.get(key) or spec.match(header)


def find_header(raw: RawSheet, spec: SheetSpec, mapping: dict[str, ColumnSpec]) -> int | None:
    """Index (in ``raw.rows``) of the header row, or None for an empty sheet."""
    if not raw.rows:
        return None
    need = 1 if len(spec.input_columns) <= 2 or spec.layout == "matrix" else 2
    for i, row in enumerate(raw.rows[:HEADER_SCAN_ROWS]):
        if sum(1 for v in row.values if _match(spec, v, mapping) is not None) >= need:
            return i
    return 0


def build_table(raw: RawSheet, spec: SheetSpec, sink: IssueSink, *, file: str | None = None,
                mapping: Mapping[str, str] | None = None) -> Table:
    """Recognise the header and columns of a sheet and report column-level problems."""
    folded_map = normalise_mapping(spec, mapping, sink, raw.title, file)
    hi = find_header(raw, spec, folded_map)
    if hi is None:
        return Table(spec, raw.title, file, None, [], [])
    header = raw.rows[hi]
    data = raw.rows[hi + 1:]
    width = max([len(header.values)] + [_last_filled(r) for r in data])
    columns: list[Col] = []
    seen: dict[str, Col] = {}
    for index in range(width):
        value = header.values[index] if index < len(header.values) else None
        col_letter = letter(index)
        if is_blank(value):
            if any(index < len(r.values) and not is_blank(r.values[index]) for r in data):
                name = f"Kolom {col_letter}"
                columns.append(Col(index, col_letter, "", None, name))
                sink.warn("column_blank_header", sheet=raw.title, row=header.row, column=name,
                          column_letter=col_letter, letter=col_letter, file=file)
            continue
        try:
            text = as_text(value, 10_000)
        except ValueProblem:  # no column has such a name: shown cut, reported as unknown below
            text = short(str(value).strip())
        col_spec = _match(spec, value, folded_map)
        if col_spec is not None and col_spec.key in seen:
            first = seen[col_spec.key]
            sink.warn("column_duplicate", sheet=raw.title, row=header.row, column=text,
                      column_letter=col_letter, first=first.header, second=text,
                      meaning=col_spec.nl, file=file)
            col_spec = None
        col = Col(index, col_letter, text, col_spec, text)
        if col_spec is not None:
            seen[col_spec.key] = col
        elif spec.layout == "table" and spec.key in ("learners",):
            sink.warn("column_unknown", sheet=raw.title, row=header.row, column=text,
                      column_letter=col_letter, file=file)
        elif spec.layout == "table":
            sink.warn("column_ignored", sheet=raw.title, row=header.row, column=text,
                      column_letter=col_letter, file=file)
        columns.append(col)
    table = Table(spec, raw.title, file, header.row, columns, [], raw.formula_cells)
    _check_merges(raw, table, sink)
    key_col = table.col(spec.key_column)
    hidden: list[int] = []
    for r in data:
        if key_col is not None and _is_example(r, key_col.index):
            continue
        if r.hidden:
            hidden.append(r.row)
        table.rows.append(r)
    _report_hidden(hidden, raw.title, file, sink)
    return table


LIKE_ROWS = 50
"""How many filled cells of an unknown column :func:`columns_like` reads."""


def _reads_as(kind: str, value: Any, number_format: str | None, us: bool) -> bool:
    try:
        if kind == DATE:
            as_date(value, us)
        elif kind == LEVEL:
            as_level(value, number_format)
        elif kind == DAYPARTS:
            return bool(dayparts_of(str(value)))
        else:
            return False
    except (ValueProblem, DaypartError, ValueError):
        return False
    return True


def columns_like(table: Table, column: ColumnSpec) -> list[Col]:
    """The table's unknown columns whose filled cells (the first :data:`LIKE_ROWS`) all read as
    ``column``'s kind of value (a date, a leerbaarheid, dayparts): what a list from another system
    may call the missing column ('Aanmelddatum' for *Wacht sinds*, 'Niveau' for *Leerbaarheid*).
    Never used silently: the missing column's error names them as a question."""
    if column.kind not in (DATE, LEVEL, DAYPARTS):
        return []
    found = []
    for col in table.columns:
        if col.spec is not None or not col.header:
            continue
        cells = list(islice(((r.values[col.index], r.formats[col.index] if col.index < len(r.formats) else None)
                             for r in table.rows if col.index < len(r.values) and not is_blank(r.values[col.index])),
                            LIKE_ROWS))
        us = column.kind == DATE and month_first(v for v, _ in cells)
        if cells and all(_reads_as(column.kind, v, f, us) for v, f in cells):
            found.append(col)
    return found


def _last_filled(row: RawRow) -> int:
    for i in range(len(row.values) - 1, -1, -1):
        if not is_blank(row.values[i]):
            return i + 1
    return 0


def _is_example(row: RawRow, index: int) -> bool:
    value = row.values[index] if index < len(row.values) else None
    return isinstance(value, str) and value.strip().upper().startswith(EXAMPLE_PREFIX)


def _report_hidden(rows: list[int], title: str, file: str | None, sink: IssueSink) -> None:
    if len(rows) <= HIDDEN_ROWS_ONE_BY_ONE:
        for r in rows:
            sink.warn("row_hidden", sheet=title, row=r, file=file)
    else:
        shown = ", ".join(str(r) for r in rows[:5])
        sink.warn("rows_hidden", sheet=title, row=rows[0], count=len(rows), rows=shown, file=file)


def _check_merges(raw: RawSheet, table: Table, sink: IssueSink) -> None:
    hr = table.header_row or 0
    for min_col, min_row, max_col, max_row in merged_ranges(raw.merges):
        ref = f"{letter(min_col - 1)}{min_row}:{letter(max_col - 1)}{max_row}"
        if min_row <= hr <= max_row:
            hidden_cols = range(min_col, max_col)  # 0-based indices of the merged-away columns
            has_data = any(i < len(r.values) and not is_blank(r.values[i])
                           for r in raw.rows if r.row > max_row for i in hidden_cols)
            report = sink.error if has_data else sink.warn
            report("header_merged", sheet=table.title, row=min_row, column_letter=letter(min_col - 1),
                   range=ref, file=table.file)
        elif min_row > hr:
            sink.warn("cells_merged", sheet=table.title, row=min_row, column_letter=letter(min_col - 1),
                      range=ref, file=table.file)


class RowReader:
    """Typed access to the cells of one data row; every problem becomes an issue at its cell."""

    def __init__(self, table: Table, row: RawRow, sink: IssueSink) -> None:
        self.table = table
        self.raw = row
        self.row = row.row
        self.sink = sink
        self.failed: set[str] = set()

    # ---- plumbing ------------------------------------------------------------------------------
    def has(self, key: str) -> bool:
        return self.table.col(key) is not None

    def value(self, key: str) -> Any:
        col = self.table.col(key)
        if col is None or col.index >= len(self.raw.values):
            return None
        return self.raw.values[col.index]

    def number_format(self, key: str) -> str | None:
        col = self.table.col(key)
        if col is None or col.index >= len(self.raw.formats):
            return None
        return self.raw.formats[col.index]

    def place(self, key: str | None) -> dict[str, Any]:
        """Issue place fields for a cell of this row (or the row when ``key`` is None)."""
        out: dict[str, Any] = {"sheet": self.table.title, "row": self.row, "file": self.table.file}
        col = self.table.col(key) if key else None
        if col is not None:
            out["column"] = col.header
            out["column_letter"] = col.letter
            if key and key not in PERSONAL_KEYS:
                out["value"] = short(self.value(key))
        elif key:
            out["column"] = self.table.spec.column(key).nl
        return out

    def error(self, key: str | None, code: str, **params: Any) -> None:
        if key:
            self.failed.add(key)
        self.sink.error(code, **{**self.place(key), **params})

    def warn(self, key: str | None, code: str, **params: Any) -> None:
        self.sink.warn(code, **{**self.place(key), **params})

    def note(self, key: str, note: Note | None) -> None:
        if note is not None:
            self.warn(key, note.code, **note.params)

    def ok(self, *keys: str) -> bool:
        return not (set(keys) & self.failed)

    def _get(self, key: str, required: bool) -> Any:
        """The raw value, or None after reporting an empty required cell or a formula."""
        col = self.table.col(key)
        if col is None:
            if required:
                self.failed.add(key)  # the missing column is reported once for the sheet
            return None
        formula_cells = self.table.formula_cells
        if formula_cells and (self.row, col.index) in formula_cells:
            self.error(key, "formula_no_value")
            return None
        values = self.raw.values
        value = values[col.index] if col.index < len(values) else None
        if isinstance(value, str):
            text = value.strip()
            if text[:1] == "#" and text.upper() in EXCEL_ERRORS:
                self.error(key, "cell_error", value=text)
                return None
            blank = not text
        else:
            blank = value is None
        if blank:
            if required:
                self.error(key, "required_empty", column=self._header(key))
            return None
        return value

    def _header(self, key: str) -> str:
        col = self.table.col(key)
        return col.header if col is not None else self.table.spec.column(key).nl

    def convert(self, key: str, fn: Callable[[Any], T], required: bool = False,
                default: T | None = None) -> T | None:
        """``fn(value)``, or ``default`` for an empty cell; a ValueProblem becomes an error."""
        value = self._get(key, required)
        if value is None:
            return default
        try:
            return fn(value)
        except ValueProblem as exc:
            self.error(key, exc.code, **exc.params)
            return None

    # ---- typed getters -------------------------------------------------------------------------
    def text(self, key: str, required: bool = False, max_len: int = MAX_TEXT) -> str | None:
        return self.convert(key, lambda v: as_text(v, max_len) or None, required)

    def integer(self, key: str, lo: int | None = None, hi: int | None = None, required: bool = False,
            default: int | None = None) -> int | None:
        example = str(self.table.spec.column(key).example or 12)
        return self.convert(key, lambda v: as_int(v, lo, hi, example), required, default)

    def number(self, key: str, default: float | None = None) -> float | None:
        return self.convert(key, as_number, False, default)

    def date(self, key: str, required: bool = False) -> date | None:
        us = self.table.month_first(key)

        def conv(v: Any) -> date:
            day, note = as_date(v, us)
            self.note(key, note)
            return day
        return self.convert(key, conv, required)

    def dayparts(self, key: str, required: bool = False) -> frozenset[str] | None:
        def conv(v: Any) -> frozenset[str]:
            try:
                return frozenset().union(*(dayparts_of(as_text(text)) for text in _texts(v)))
            except DaypartError as exc:
                raise ValueProblem("daypart_bad", detail=exc.message, value=short(v)) from None
        result = self.convert(key, conv, required)
        if result:  # 'ma-vr ochtend' is Monday and Friday: say so, a range may have been meant
            for text in _texts(self.value(key)):
                for first, last in dash_ranges_of(str(text)):
                    self.warn(key, "daypart_dash_pair", first=first, last=last)
        if required and result is not None and not result and self.ok(key):
            self.error(key, "required_empty", column=self._header(key))
            return None
        return result

    def items(self, key: str) -> list[str]:
        return self.convert(key, as_list, False, []) or []
