"""The rows of one sheet as read from a file, and the error for a file that cannot be read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
