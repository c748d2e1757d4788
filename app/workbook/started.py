"""The sheet *Gestart*: learners who started before the plan date, kept for the coordinator.

The next planning week (:mod:`app.planner.next_week`) takes the learners who have started out of
the learners to plan; this sheet keeps their record in the workbook of the next period: id, name
(when kept), class, start date, whether the class was already running, route, leerbaarheid and
home.

The sheet accumulates: the importer reads it back (:func:`read_started`, every workbook the
importer reads, also after a LibreOffice round trip or a coordinator's edits) into
:attr:`app.workbook.importer.ImportResult.started`, and every workbook written from that import
(the next planning week's, the plan workbook ``solve`` writes) writes it again, with the learners
who started since added (:func:`merged_started`). Rows are matched by their headers, Dutch or
English, in any order; columns a coordinator added are kept after ours; rows are kept in the
sheet's order. A learner (by Id) is on the sheet once: a later start replaces the earlier row
(its added columns kept), and a row whose Id appeared higher up is not written again (a warning
names both rows).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.workbook.class_lists import learner_name
from app.workbook.schema import fold
from app.workbook.values import as_date, as_text, as_yesno, is_blank
from app.workbook.xlsx_util import DATE_FORMAT, autosize, print_setup, write_table
from optimizer.domain import Learner
from optimizer.travel import normalize_pc4, normalize_stadsdeel

if TYPE_CHECKING:
    from app.workbook.reader import Workbook
    from app.workbook.tables import IssueSink

STARTED_SHEET = "Gestart"
SHEET_NAMES = (STARTED_SHEET, "Started")
"""The titles read as the sheet Gestart (written as *Gestart* in both languages)."""

KEYS = ("id", "name", "class", "start_date", "running", "route", "level", "home")
_HEADERS = {
    "nl": ("Id", "Naam", "Klas", "Startdatum", "Lopende klas", "Route", "Leerbaarheid", "Woonplaats"),
    "en": ("Id", "Name", "Class", "Start date", "Running class", "Route", "Leerbaarheid", "Home"),
}
_ALSO = {"level": ("Learnability",), "home": ("Stadsdeel", "Postcode", "District")}
_BY_HEADER = {fold(h): key for headers in _HEADERS.values() for key, h in zip(KEYS, headers, strict=True)}
_BY_HEADER.update({fold(h): key for key, names in _ALSO.items() for h in names})
_YES = {"nl": ("ja", "nee"), "en": ("yes", "no")}


@dataclass(frozen=True)
class Started:
    """A learner who started before the plan date, and where (``running``: in a class that was
    already running)."""

    learner: Learner
    class_id: str
    start_date: date
    running: bool


@dataclass(frozen=True)
class StartedRow:
    """A row of the sheet *Gestart*: ``values`` by key of :data:`KEYS` (as read: a date a
    coordinator typed as text stays text when it is no date), ``own`` the columns a coordinator
    added (header, value), ``row`` its row when read back."""

    id: str
    values: Mapping[str, Any] = field(default_factory=dict)
    own: tuple[tuple[str, Any], ...] = ()
    row: int | None = None

    @classmethod
    def of(cls, s: Started, extras: Mapping[str, Mapping[str, Any]] | None = None,
           name_col: str | None = None) -> StartedRow:
        """The row of a learner who started now (their name from ``extras`` when kept)."""
        lr = s.learner
        return cls(lr.id, {"id": lr.id, "name": learner_name(extras, name_col, lr.id), "class": s.class_id,
                           "start_date": s.start_date, "running": s.running, "route": lr.route,
                           "level": lr.level, "home": lr.home})


# ---- reading ------------------------------------------------------------------------------------
def read_started(wb: Workbook, sink: IssueSink) -> tuple[StartedRow, ...]:
    """The rows of ``wb``'s sheet *Gestart* (none without one); a row whose Id appeared higher up
    is left out with a warning, a sheet without an Id header is reported and read as none."""
    names = {fold(n) for n in SHEET_NAMES}
    title = next((t for t in wb.titles if fold(t) in names), None)
    if title is None:
        return ()
    try:
        raw = wb.read(title)
    except Exception:  # a damaged sheet: the learners to plan do not depend on it
        sink.warn("started_unreadable", sheet=title)
        return ()
    header_at = next((i for i, r in enumerate(raw.rows)
                      if any(not is_blank(v) and _BY_HEADER.get(fold(v)) == "id" for v in r.values)), None)
    if header_at is None:
        if any(any(not is_blank(v) for v in r.values) for r in raw.rows):
            sink.warn("started_no_header", sheet=title)
        return ()
    head = raw.rows[header_at]
    columns: dict[int, str] = {}
    own: dict[int, str] = {}
    for i, v in enumerate(head.values):
        key = None if is_blank(v) else _BY_HEADER.get(fold(v))
        if key is not None and key not in columns.values():
            columns[i] = key
        elif not is_blank(v):
            own[i] = as_text(v)
    width = max((len(r.values) for r in raw.rows[header_at + 1:]), default=0)
    for i in range(width):  # values under an empty header: kept under the column's letter
        if i not in columns and i not in own:
            own[i] = get_column_letter(i + 1)
    out: list[StartedRow] = []
    seen: dict[str, int] = {}
    for r in raw.rows[header_at + 1:]:
        cells = {i: r.values[i] if i < len(r.values) else None for i in range(max(width, len(head.values)))}
        if all(is_blank(v) for v in cells.values()):
            continue
        values = {key: _read_value(key, cells.get(i)) for i, key in columns.items()}
        lid = "" if is_blank(values.get("id")) else as_text(values["id"])
        kept = tuple((h, cells.get(i)) for i, h in own.items() if not is_blank(cells.get(i)))
        if lid and lid in seen:
            sink.warn("started_duplicate", sheet=title, row=r.row, value=lid, first=seen[lid])
            continue
        if lid:
            seen[lid] = r.row
        out.append(StartedRow(lid, values, kept, r.row))
    return tuple(out)


def _read_value(key: str, value: Any) -> Any:
    if is_blank(value):
        return None
    if key == "start_date":
        try:
            return as_date(value)[0]
        except ValueError:
            return value
    if key == "running" and not isinstance(value, bool):
        try:
            return as_yesno(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# ---- merging ------------------------------------------------------------------------------------
def merged_started(earlier: Sequence[StartedRow], started: Sequence[Started | StartedRow],
                   extras: Mapping[str, Mapping[str, Any]] | None = None,
                   name_col: str | None = None) -> tuple[StartedRow, ...]:
    """``earlier`` (the sheet as read back) with ``started`` (who started since) added: a learner
    already on it is replaced in place by the later start, the earlier row's added columns kept."""
    now = [s if isinstance(s, StartedRow) else StartedRow.of(s, extras, name_col) for s in started]
    later = {r.id: r for r in now if r.id}
    out: list[StartedRow] = []
    replaced: set[str] = set()
    for r in earlier:
        new = later.get(r.id) if r.id else None
        if new is None:
            out.append(r)
        else:
            out.append(StartedRow(new.id, new.values, r.own + new.own))
            replaced.add(r.id)
    out += [r for r in now if r.id not in replaced]
    return tuple(out)


# ---- writing ------------------------------------------------------------------------------------
def started_sheet(ws: Worksheet, started: Sequence[Started | StartedRow],
                  extras: Mapping[str, Mapping[str, Any]] | None, name_col: str | None, lang: str = "nl", *,
                  pseudonymise: bool = False, keep_columns: Sequence[str] = ()) -> None:
    """Fill the sheet *Gestart* ``ws`` (created by the caller) with ``started``: learners who
    started now (:class:`Started`) and rows read back (:class:`StartedRow`), in that order given.

    ``pseudonymise``: no names, homes only as a postcode's four digits or a stadsdeel, and none of
    a coordinator's added columns but those named in ``keep_columns``."""
    yes, no = _YES.get(lang, _YES["nl"])
    rows = [s if isinstance(s, StartedRow) else StartedRow.of(s, extras, name_col) for s in started]
    keep = {fold(c) for c in keep_columns}
    own: list[str] = []
    for r in rows:
        for h, _v in r.own:
            if h not in own and (not pseudonymise or fold(h) in keep):
                own.append(h)
    table = []
    for r in rows:
        v = dict(r.values)
        running = v.get("running")
        if isinstance(running, bool):
            v["running"] = yes if running else no
        if pseudonymise:
            v["name"] = None
            v["home"] = _neutral_home(v.get("home"))
        mine = dict(r.own)
        table.append([v.get(k) for k in KEYS] + [mine.get(h) for h in own])
    write_table(ws, (*_HEADERS.get(lang, _HEADERS["nl"]), *own), table,
                formats=(None, None, None, DATE_FORMAT, None, None, None, None, *(None for _ in own)))
    autosize(ws)
    print_setup(ws)


def _neutral_home(home: Any) -> str | None:
    """A home as written without names: a postcode's four digits or a stadsdeel, else nothing."""
    if is_blank(home):
        return None
    text = as_text(home)
    return normalize_pc4(text) or normalize_stadsdeel(text)
