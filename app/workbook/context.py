"""What the per-sheet parsers of one import share: the tables, the issue sink, the names each
sheet defines and where each named row stands.

Rules:
- Names that refer to other sheets (route, location, schedule, class, language) match without
  regard to case, accents, spaces or hyphens; the spelling on the defining sheet is kept.
- A reference to a sheet that is missing or empty is not reported per cell (the missing sheet
  is reported once).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.workbook.issues import ERROR, Issue, short
from app.workbook.sources import SourceInfo
from app.workbook.tables import IssueSink, RowReader, Table
from app.workbook.values import ValueProblem, as_text, fold_key
from optimizer.domain import RouteSettings
from optimizer.messages import msg
from optimizer.travel import STADSDELEN, normalize_pc4, normalize_stadsdeel, resolve_place


class Names:
    """Names defined on one sheet; lookup ignores case, accents, spaces and hyphens."""

    def __init__(self) -> None:
        self._by_fold: dict[str, str] = {}

    def add(self, name: str) -> bool:
        """Register a name; False if it (or a spelling of it) is already there."""
        key = fold_key(name)
        if key in self._by_fold:
            return False
        self._by_fold[key] = name
        return True

    def get(self, text: str | None) -> str | None:
        return None if text is None else self._by_fold.get(fold_key(text))

    def canon(self, text: str) -> str:
        """The registered spelling of ``text``, registering it when new."""
        self.add(text)
        return self._by_fold[fold_key(text)]

    def __iter__(self) -> Any:
        return iter(self._by_fold.values())

    def __len__(self) -> int:
        return len(self._by_fold)

    def listing(self) -> str:
        return ", ".join(self._by_fold.values()) or "-"


@dataclass
class ParseContext:
    """The state of one import that its sheet parsers read and extend."""

    sink: IssueSink
    info: SourceInfo
    tables: dict[str, Table] = field(default_factory=dict)
    is_csv: bool = False
    has_settings: bool = False
    """A settings workbook was given (``settings=``)."""
    plan_date: date | None = None
    rows: dict[tuple[str, str], tuple[str, int, str | None]] = field(default_factory=dict)
    """(sheet key, name) -> (sheet title, row, file) of the row that defines the name."""
    dropped: set[str] = field(default_factory=set)
    """Names and ids whose row has an error (validation messages about them are not repeated)."""
    routes: Names = field(default_factory=Names)
    locations: Names = field(default_factory=Names)
    schedules: Names = field(default_factory=Names)
    running_ids: Names = field(default_factory=Names)
    ended: dict[str, date] = field(default_factory=dict)
    """Running classes left out because their end date lies before the plan date: id -> end date."""
    class_labels: Names = field(default_factory=Names)
    languages: Names = field(default_factory=Names)
    default_routes: list[RouteSettings] = field(default_factory=list)
    """Routes a learners CSV without settings names (default rules)."""
    extras: dict[str, dict[str, Any]] = field(default_factory=dict)

    def register(self, sheet_key: str, name: str, reader: RowReader) -> None:
        self.rows.setdefault((sheet_key, name), (reader.table.title, reader.row, reader.table.file))

    def readers(self, key: str) -> list[RowReader]:
        """One reader per data row of a sheet (none when the sheet is missing or empty)."""
        table = self.tables.get(key)
        if table is None or table.header_row is None:
            return []
        return [RowReader(table, row, self.sink) for row in table.rows]

    def duplicate(self, r: RowReader, key: str, what: str, name: str) -> None:
        r.failed.add(key)
        self.sink.add(Issue.from_message(ERROR, msg("duplicate_name", what=what, name=name), **r.place(key)))

    def claim(self, r: RowReader, sheet_key: str, column: str, names: Names, what: str, name: str) -> bool:
        """Whether the row named ``name`` (in ``column``) is the first of that name: then the name
        is added to ``names`` and the row remembered; a repeated name is reported at its cell."""
        if not names.add(name):
            self.duplicate(r, column, what, name)
            return False
        self.register(sheet_key, name, r)
        return True

    def language(self, text: str) -> str:
        """One spelling per language: the first one seen, capitalised when typed in lower case."""
        known = self.languages.get(text)
        if known is not None:
            return known
        return self.languages.canon(text[:1].upper() + text[1:] if text.islower() else text)

    def defined(self, names: Names) -> bool:
        """False when the sheet that defines ``names`` is missing or empty (reported once)."""
        for key, registry in (("routes", self.routes), ("locations", self.locations),
                              ("schedules", self.schedules)):
            if registry is names:
                table = self.tables.get(key)
                return table is not None and table.header_row is not None
        return True

    def ref_one(self, r: RowReader, key: str, names: Names, what: str, what_en: str,
                required: bool = False) -> str | None:
        """The name a cell refers to, in its defining spelling (None, with an error, when unknown)."""
        text = r.text(key, required=required)
        if text is None:
            return None
        canonical = names.get(text)
        if canonical is None and not self.defined(names):
            r.failed.add(key)
        elif canonical is None:
            if key == "route":
                r.error(key, "unknown_route_ref", known=names.listing())
            else:
                r.error(key, "unknown_ref", what=what, what_en=what_en, value=short(text), known=names.listing())
        return canonical

    def refs(self, r: RowReader, key: str, names: Names, what: str, what_en: str) -> list[str]:
        """Names in a list cell, matched to a sheet's names (see :func:`split_refs`)."""
        value = r._get(key, False)
        if value is None:
            return []
        try:
            items = split_refs(as_text(value, 2000), names)
        except ValueProblem as exc:
            r.error(key, exc.code, **exc.params)
            return []
        out = []
        for item in items:
            canonical = names.get(item)
            if canonical is None and not self.defined(names):
                r.failed.add(key)
            elif canonical is None:
                r.error(key, "unknown_ref", what=what, what_en=what_en, value=short(item), known=names.listing())
            elif canonical not in out:
                out.append(canonical)
        return out


def split_refs(text: str, names: Names) -> list[str]:
    """Whole cell if it names one item; else split on ``; | newline``, then on ``, /``."""
    if names.get(text) is not None:
        return [text]
    out: list[str] = []
    for part in (p.strip() for p in re.split(r"[;|\n\r]+", text)):
        if not part:
            continue
        if names.get(part) is not None:
            out.append(part)
        else:
            out.extend(p.strip() for p in re.split(r"[,/]+", part) if p.strip())
    return out


def read_home(r: RowReader, has_matrix: bool, location: str | None = None) -> tuple[str | None, bool]:
    """Home place from Postcode (wins) or Stadsdeel; (None, True) when travel times cover it.

    The second value is False when the row cannot be used (the reason is reported)."""
    pc_raw = r.text("postcode")  # a too long text is an error at its cell
    d_raw = r.text("district")
    if r.failed & {"postcode", "district"}:
        return None, has_matrix
    district = normalize_stadsdeel(d_raw) if d_raw is not None else None
    if pc_raw is not None:
        # "1056.0": what pandas writes for a postcode column with blanks (a float column); the
        # frames door reads the float as 1056, so the CSV door reads its text the same way
        pc_raw = re.sub(r"^\s*(\d{4})\.0+\s*$", r"\1", pc_raw)
        pc = normalize_pc4(pc_raw)
        if pc is None:
            r.error("postcode", "postcode_bad")
            return None, False
        if resolve_place(pc) is not None:
            if d_raw is not None and district is None:
                r.warn("district", "district_bad", allowed=", ".join(STADSDELEN))
            return pc, True
        if district is not None:
            r.warn("postcode", "postcode_fallback", district=district)
            return district, True
        if has_matrix:
            return None, True
        r.error("postcode", "postcode_unknown")
        return None, False
    if d_raw is not None:
        if district is not None:
            return district, True
        if has_matrix:
            r.warn("district", "district_bad", allowed=", ".join(STADSDELEN))
            return None, True
        r.error("district", "district_bad", allowed=", ".join(STADSDELEN))
        return None, False
    if has_matrix or r.failed & {"district", "postcode"}:
        return None, has_matrix
    key = "district" if r.has("district") or not r.has("postcode") else "postcode"
    if not r.has("district") and not r.has("postcode"):
        return None, False  # reported once for the whole sheet
    if location is not None:
        r.error(key, "location_home_missing", name=location)
    else:
        r.error(key, "home_missing")
    return None, False
