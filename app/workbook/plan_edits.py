"""An edited plan workbook as a source, and the planner's edits as a step on the parsed data.

A plan workbook (:func:`app.workbook.export.write_plan_workbook`) holds every canonical input
sheet, a *Klassen* sheet, a class list sheet 'Klas <id>' per class, and a hidden sheet
``_Klasvormer`` with each learner's class (and each class) as exported. :class:`PlanSource`
yields its sheets like an input workbook's, the Klassen sheet too, and reads the hidden sheet
and the class lists. :func:`apply_plan_edits` then compares what the planner left in the
workbook with what was exported (see :mod:`app.workbook.reimport` for the rules) and turns it
into pins, locks, the earlier plan and a list of :class:`PlanEdit`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from app.workbook.context import Names, ParseContext
from app.workbook.export import (
    MARKER_OUTPUT_COLUMN,
    MARKER_OUTPUT_KEYS,
    MARKER_SHEET,
    changed_learner_fields,
)
from app.workbook.importer import ParsedInput
from app.workbook.reader import RawSheet
from app.workbook.schema import CLASSES, INPUT_SHEETS, WAITLIST_WORDS, fold
from app.workbook.sources import FileSource, SheetRows, WorkbookSource
from app.workbook.tables import IssueSink, RowReader
from app.workbook.values import as_date, as_int, as_text, as_yesno, fmt_date, fold_key, is_blank
from optimizer.dayparts import format_dayparts
from optimizer.domain import WAITLIST, ClassSpec, Learner, Problem
from optimizer.messages import fmt

RELEASE_WORDS = ("vrij", "opnieuw", "opnieuw plannen", "release", "free")
_RELEASE_KEYS = frozenset(fold(w) for w in RELEASE_WORDS)
_WAITLIST_KEYS = frozenset(fold(w) for w in WAITLIST_WORDS)
MOVED = "verplaatst"
ADDED = "toegevoegd"
REMOVED = "verwijderd"
RELEASED = "vrijgegeven"
CLASS_CHANGED = "klas gewijzigd"
CLASS_LOCKED = "klas vastgezet"
CLASS_UNLOCKED = "klas losgemaakt"
CLASS_SHEET_PREFIX = "klas "
"""Class list sheets are titled 'Klas <class id>' (:func:`app.workbook.export.write_plan_workbook`)."""


@dataclass(frozen=True)
class PlanEdit:
    """One edit the planner made in the workbook."""

    kind: str
    """:data:`MOVED`, :data:`ADDED`, :data:`REMOVED`, :data:`RELEASED`, :data:`CLASS_CHANGED`,
    :data:`CLASS_LOCKED` or :data:`CLASS_UNLOCKED`."""
    subject: str
    """Learner id, or class id for :data:`CLASS_CHANGED`, :data:`CLASS_LOCKED` and :data:`CLASS_UNLOCKED`."""
    old: str | None = None
    new: str | None = None
    changes: tuple[tuple[str, str | None, str | None], ...] = ()
    """:data:`CLASS_CHANGED`: (column as headed on Klassen, value as exported, value now) per
    column changed, the values as text (a date as ``dd-mm-jjjj``; None: empty)."""

    def text(self, lang: str | None = None) -> str:
        """One line for the planner: ``Deelnemer D1: K1 -> K2 (wordt vastgezet)``, ``Klas K1:
        gewijzigd op het blad Klassen: Niveau 70 -> 50 (wordt vastgezet zoals ingevuld)``."""
        nl, en = _EDIT_TEXTS[self.kind]
        if self.kind == ADDED and self.new is None:
            nl, en = _EDIT_TEXTS["added_free"]
        elif self.kind == MOVED and self.new is None:
            nl, en = _EDIT_TEXTS["moved_waiting"]
        empty = "empty" if lang == "en" else "leeg"
        changes = ", ".join(f"{column} {empty if old is None else old} -> {empty if new is None else new}"
                            for column, old, new in self.changes)
        return fmt(en if lang == "en" else nl, id=self.subject, old=class_text(self.old, lang),
                   new=class_text(self.new, lang), changes=f": {changes}" if changes else "")


_EDIT_TEXTS: dict[str, tuple[str, str]] = {
    MOVED: ("Deelnemer {id}: {old} -> {new} (wordt vastgezet; de klas wordt vastgezet)",
            "Learner {id}: {old} -> {new} (pinned; the class is locked)"),
    "moved_waiting": ("Deelnemer {id}: {old} -> wachtlijst (vastgezet op de wachtlijst)",
                      "Learner {id}: {old} -> waiting list (pinned to the waiting list)"),
    RELEASED: ("Deelnemer {id}: {old} -> vrij (wordt opnieuw ingepland)",
               "Learner {id}: {old} -> free (planned again)"),
    ADDED: ("Deelnemer {id}: nieuw, in {new} (wordt vastgezet)", "Learner {id}: new, in {new} (pinned)"),
    "added_free": ("Deelnemer {id}: nieuw (wordt ingepland)", "Learner {id}: new (will be planned)"),
    REMOVED: ("Deelnemer {id}: verwijderd (stond in {old}; wordt niet meer ingepland)",
              "Learner {id}: removed (was in {old}; no longer planned)"),
    CLASS_CHANGED: ("Klas {id}: gewijzigd op het blad Klassen{changes} (wordt vastgezet zoals ingevuld)",
                    "Class {id}: changed on the Klassen sheet{changes} (locked as entered)"),
    CLASS_LOCKED: ("Klas {id}: Vast = ja op het blad Klassen (wordt vastgezet)",
                   "Class {id}: Vast = ja on the Klassen sheet (locked)"),
    CLASS_UNLOCKED: ("Klas {id}: Vast = nee op het blad Klassen (niet meer vastgezet)",
                     "Class {id}: Vast = nee on the Klassen sheet (no longer locked)"),
}


def class_text(label: str | None, lang: str | None) -> str:
    """A class id, or the waiting list for None."""
    if label is None:
        return "waiting list" if lang == "en" else "wachtlijst"
    return label


# ---- the source ----------------------------------------------------------------------------------
@dataclass
class Exported:
    """What the hidden marker sheet says was exported."""

    learners: dict[str, str | None]
    """Learner id -> class id (None = waiting list)."""
    classes: dict[str, tuple[Any, ...]]
    """Class id -> (route, location, schedule, start date, level, locked)."""
    outputs: dict[str, dict[str, Any]] | None = None
    """Class id -> output column key -> value on Klassen as exported (:data:`MARKER_OUTPUT_KEYS`;
    None for a workbook written without them)."""
    digests: dict[str, str] = field(default_factory=dict)
    """Learner id -> digest of their data as exported (:func:`app.workbook.export.learner_digest`;
    empty for a workbook written without them)."""
    plan_date: date | None = None
    """The plan date the plan was made for (None for a workbook written without it)."""


@dataclass
class ClassSheet:
    """A class list sheet as found: its title, the class id it names and its learners' rows."""

    title: str
    label: str
    members: list[tuple[str, int]]


class PlanSource(FileSource):
    """An edited plan workbook: the input sheets and Klassen, then the hidden marker sheet
    (:attr:`exported`, None when missing: a warning) and the class list sheets."""

    specs = (*INPUT_SHEETS, CLASSES)

    def __init__(self, path: Any, settings: Any = None) -> None:
        super().__init__(path, settings)
        self.exported: Exported | None = None
        self.class_sheets: list[ClassSheet] = []

    def sheets(self, sink: IssueSink) -> Iterator[SheetRows]:
        yield from super().sheets(sink)
        main = self.inner.main if isinstance(self.inner, WorkbookSource) else None
        if main is None:
            return
        title = next((t for t in main.titles if fold(t) == fold(MARKER_SHEET)), None)
        if title is None:
            sink.warn("plan_no_marker")
            return
        self.exported = read_marker(main.read(title))
        for t in main.titles:
            if t.strip().lower().startswith(CLASS_SHEET_PREFIX):
                self.class_sheets.append(read_class_sheet(t, main.read(t)))


def read_class_sheet(title: str, raw: RawSheet) -> ClassSheet:
    """The learner ids under the header 'Id' of a class sheet (column A), with their rows."""
    label = title.strip()[len(CLASS_SHEET_PREFIX):].strip()
    members: list[tuple[str, int]] = []
    header = False
    for row in raw.rows:
        first = row.values[0] if row.values else None
        if not header:
            header = not is_blank(first) and fold(first) == "id"
            continue
        if not is_blank(first):
            members.append((as_text(first), row.row))
    return ClassSheet(title, label, members)


def read_marker(raw: RawSheet) -> Exported:
    """The plan date (C1), learner -> class (columns A:B) and data digest (C), class rows (D:L, Vast in L) and their
    output columns (P:S, when its header row names them) from the hidden sheet, from row 3."""
    learners: dict[str, str | None] = {}
    digests: dict[str, str] = {}
    classes: dict[str, tuple[Any, ...]] = {}
    first = MARKER_OUTPUT_COLUMN - 1
    width = first + len(MARKER_OUTPUT_KEYS)
    outputs: dict[str, dict[str, Any]] | None = None
    plan_date: date | None = None
    for row in raw.rows:
        if row.row == 1 and len(row.values) > 2 and not is_blank(row.values[2]):
            try:
                plan_date = as_date(row.values[2])[0]
            except ValueError:
                plan_date = None
        if row.row == 2 and len(row.values) > first and not is_blank(row.values[first]):
            outputs = {}
        if row.row < 3:
            continue
        v = row.values + [None] * (width - len(row.values))
        if not is_blank(v[0]):
            cls = None if is_blank(v[1]) else as_text(v[1])
            learners[as_text(v[0])] = None if cls and fold_key(cls) in _WAITLIST_KEYS else cls
            if not is_blank(v[2]):
                digests[as_text(v[0])] = as_text(v[2])
        if not is_blank(v[3]):
            try:
                start = as_date(v[7])[0] if not is_blank(v[7]) else None
                level = as_int(v[8]) if not is_blank(v[8]) else None
            except ValueError:
                start = level = None
            try:
                locked = as_yesno(v[11]) if not is_blank(v[11]) else False
            except ValueError:
                locked = None
            classes[as_text(v[3])] = (*(None if is_blank(x) else as_text(x) for x in v[4:7]), start, level, locked)
            if outputs is not None:
                outputs[as_text(v[3])] = dict(zip(MARKER_OUTPUT_KEYS, v[first:width], strict=True))
    return Exported(learners, classes, outputs, digests, plan_date)


# ---- the step ------------------------------------------------------------------------------------
_RELEASE = object()
"""Marker: the planner released the learner (no pin, no earlier class)."""

_BROKEN = object()
"""Marker: the Klas cell names a class of the Klassen sheet whose row has an error."""

Target = Any
"""A class label, None (waiting list) or :data:`_RELEASE`."""


def apply_plan_edits(ctx: ParseContext, data: ParsedInput, source: PlanSource) -> ParsedInput:
    """The parsed plan workbook with the planner's edits applied: classes changed on the Klassen
    sheet locked, learners moved in the Klas column (or on a class sheet) pinned and their class
    locked, released ones free, added and removed ones reported; ``previous`` the plan as edited."""
    exported = source.exported
    if exported is not None and exported.outputs is not None:
        _output_columns_edited(ctx, exported.outputs, data.schedules)
    _running_rows(ctx, exported.classes if exported is not None else None)
    edits: list[PlanEdit] = []
    known = []
    for spec, start in data.known_classes:
        original = exported.classes.get(spec.label) if exported else None
        if exported is not None and original is not None and spec.label in data.class_rows:
            _start_week_edited(ctx, data.class_rows[spec.label], spec, start, original[3], exported.plan_date)
        now = (spec.route, spec.location, spec.schedule, start, spec.level)
        if original is not None and original[:5] != now:
            spec = replace(spec, locked=True)
            edits.append(PlanEdit(CLASS_CHANGED, spec.label,
                                  changes=_class_changes(data.class_rows.get(spec.label), original[:5], now)))
        elif original is not None and spec.locked and original[5:] == (False,):
            edits.append(PlanEdit(CLASS_LOCKED, spec.label))
        elif original is not None and not spec.locked and original[5:] == (True,):
            edits.append(PlanEdit(CLASS_UNLOCKED, spec.label))
        known.append((spec, start))
    specs = {spec.label for spec, _ in known}
    labels = Names()
    for label in (*specs, *ctx.running_ids):
        labels.add(label)
    exported_learners = exported.learners if exported else None
    sheet_classes: dict[str, str] = {}
    on_sheets = _class_sheet_places(ctx, source.class_sheets, labels, {lr.id for lr in data.learners},
                                    exported_learners, sheet_classes)
    if exported is not None and exported.digests:
        _data_edited(ctx, data.learners, exported.digests)
    locks: set[str] = set()
    previous: dict[str, str | None] = {}
    learners = []
    ids = {lr.id for lr in data.learners} | ctx.dropped | set(ctx.info.learner_rows)
    gone = {lid.casefold(): lid for lid in exported_learners or {} if lid not in ids}
    deleted = Names()  # classes of the plan whose row is no longer on Klassen
    for label in exported.classes if exported else ():
        if labels.get(label) is None and ctx.class_labels.get(label) is None:
            deleted.add(label)
    for lr in data.learners:
        if lr.id in data.class_cells:
            text, r = data.class_cells[lr.id]
            target = _target(text, r, labels, ctx.class_labels, deleted)
            if target is _BROKEN:  # its row on Klassen has the error: as exported, nothing more to say
                target = exported_learners.get(lr.id) if exported_learners is not None else _RELEASE
            elif (ended := _into_ended(ctx, lr.id, target, exported_learners)) is not None:
                r.error("class", "pin_ended", id=target, date=fmt_date(ended[0]), plan_date=fmt_date(ended[1]))
                target = _RELEASE
        else:  # no Klas column: nothing was edited
            target = exported_learners.get(lr.id) if exported_learners is not None else _RELEASE
        if exported_learners is not None and lr.id in exported_learners:
            target = _sheet_target(ctx, lr.id, exported_learners[lr.id], target, on_sheets.get(lr.id, []),
                                   sheet_classes)
        learners.append(_apply(ctx, lr, target, exported_learners, locks, previous, edits, gone))
    if exported_learners is not None:
        present = {lr.id for lr in data.learners} | ctx.dropped
        for lid, old in exported_learners.items():
            if lid not in present and lid not in ctx.info.learner_rows:
                ctx.sink.warn("plan_removed", id=lid, sheet=ctx.info.sheets.get("learners"))
                edits.append(PlanEdit(REMOVED, lid, old, None))
    known = [(replace(c, locked=True) if c.label in locks else c, start) for c, start in known]
    # a learner moved into a class set to Vast = nee locks it again: the move says so
    edits = [e for e in edits if not (e.kind == CLASS_UNLOCKED and e.subject in locks)]
    # (a running class that has ended is no longer in the plan: no earlier place to move from)
    previous = {lid: c for lid, c in previous.items()
                if c is None or c in specs or (ctx.running_ids.get(c) and c not in ctx.ended)}
    return replace(data, known_classes=known, learners=learners, previous=previous, edits=[*data.edits, *edits])


SORTED_SHARE = 0.5
"""More than this share of the learners compared (and at least :data:`SORTED_MIN`) with their data
changed since the export: one warning that the sheet may have been sorted on some columns only."""
SORTED_MIN = 3


def _data_edited(ctx: ParseContext, learners: Sequence[Learner], digests: dict[str, str]) -> None:
    """A warning at each learner whose own data (Leerbaarheid, Dagdelen, ...) differs from the data
    the plan was made with, naming the columns; the re-plan uses the data as it is now. When more
    than half of them differ, one warning for the sheet instead: sorted with some columns only?"""
    changed: list[tuple[Learner, list[str]]] = []
    compared = 0
    for lr in learners:
        digest = digests.get(lr.id)
        keys = changed_learner_fields(lr, digest) if digest is not None else None
        if keys is None:
            continue
        compared += 1
        if keys:
            changed.append((lr, keys))
    cells = ctx.info.learner_cells
    sheet = ctx.info.sheets.get("learners")

    def header(key: str) -> tuple[str, str | None]:
        if key == "postcode" and key not in cells:
            key = "district"
        return cells.get(key, (key, None))

    if len(changed) >= SORTED_MIN and len(changed) > SORTED_SHARE * compared:
        first = ctx.rows.get(("learners", changed[0][0].id))
        names = sorted({header(k)[0] for _, keys in changed for k in keys}, key=str.casefold)
        ctx.sink.warn("plan_data_sorted", count=len(changed), total=compared, columns=", ".join(names[:4]) + (", ..." if len(names) > 4 else ""),
                      sheet=first[0] if first else sheet, row=first[1] if first else None)
        return
    for lr, keys in changed:
        loc = ctx.rows.get(("learners", lr.id))
        column, letter = header(keys[0])
        names = [header(k)[0] for k in keys]
        ctx.sink.warn("plan_data_changed", id=lr.id, columns=", ".join(names), sheet=loc[0] if loc else sheet,
                      row=loc[1] if loc else None, column=column, column_letter=letter)


def _start_week_edited(ctx: ParseContext, r: RowReader, spec: ClassSpec, start: date, exported_start: Any,
                       exported_plan_date: date | None) -> None:
    """A warning at a Startweek cell the planner changed (it says neither the exported week nor
    the Startdatum's): the column is output only, the Startdatum is read. The exported week is
    counted from the plan date the plan was made for, so a plan date moved on Instellingen (the
    next planning week) leaves the column as exported, not edited."""
    value = r.value("start_week")
    if is_blank(value) or not isinstance(exported_start, date) or ctx.plan_date is None:
        return
    try:
        week = as_int(value)
    except ValueError:
        week = None
    exported_week = (exported_start - (exported_plan_date or ctx.plan_date)).days // 7
    if week in (exported_week, spec.start_week):
        return
    col = r.table.col("start_date")
    r.warn("start_week", "plan_start_week_output", id=spec.label, date=fmt_date(start), week=spec.start_week,
           start_column=f"{col.header} ({col.letter})" if col is not None else "Startdatum")


def _output_columns_edited(ctx: ParseContext, outputs: dict[str, dict[str, Any]], schedules: Any) -> None:
    """A warning at each cell of an output column of Klassen (Dagdelen, Niveaubereik, Grootte,
    Gem. reistijd; Startweek: :func:`_start_week_edited`) the planner changed, on a running
    class's row too: the column is not read. Dagdelen may follow a changed Lesrooster."""
    dayparts = {fold(s.name): format_dayparts(s.dayparts) for s in schedules}
    for r in ctx.readers("classes"):
        cid = r.value("id")
        shown = outputs.get(as_text(cid)) if not is_blank(cid) else None
        if shown is None:
            continue
        for key in MARKER_OUTPUT_KEYS:
            value = r.value(key)
            if is_blank(value) or _same_output(value, shown[key]):
                continue
            if key == "dayparts":
                schedule = r.value("schedule")
                ours = dayparts.get(fold(schedule)) if not is_blank(schedule) else None
                if ours is not None and _same_output(value, ours):
                    continue  # Dagdelen written along with a new Lesrooster
                col = r.table.col("schedule")
                r.warn(key, "plan_dayparts_output", column=_header(r, key), id=as_text(cid),
                       schedule="" if is_blank(schedule) else as_text(schedule),
                       schedule_column=f"{col.header} ({col.letter})" if col is not None else "Lesrooster",
                       schedules_sheet=ctx.info.sheets.get("schedules") or "Lesroosters")
            else:
                r.warn(key, "plan_output_column", column=_header(r, key), id=as_text(cid),
                       learners_sheet=ctx.info.sheets.get("learners") or "Deelnemers")


RUNNING_ROW_KEYS = ("route", "location", "schedule", "start_date", "level")
"""The columns of Klassen read for a new class and kept in the hidden sheet (in the order of
:attr:`Exported.classes`): on a running class's row none is read."""


def _running_rows(ctx: ParseContext, classes: dict[str, tuple[Any, ...]] | None) -> None:
    """Warnings on a running class's row of Klassen (Lopend = ja), which is not read (the class
    comes from the Lopende klassen sheet):

    - at each cell whose Route, Locatie, Lesrooster, Startdatum or Niveau the planner changed from
      ``classes`` (the hidden sheet's class rows; None: a workbook written without them): the
      change does not count (before, a changed Niveau there gave '0 wijzigingen' and the re-plan
      kept the level as it was);
    - at Vast = ja: a running class stays in every plan as on the Lopende klassen sheet whatever
      Vast says (Vast on a new class means 'opens exactly like this'; its learners are pinned only
      by their Klas cells). Before, it was ignored without a word (the GUI does not let a running
      class be locked: the export writes nee)."""
    running_sheet = ctx.info.sheets.get("running") or "Lopende klassen"
    for r in ctx.readers("classes"):
        cid = r.value("id")
        if is_blank(cid) or _yes(r, "running") is not True:
            continue
        original = classes.get(as_text(cid)) if classes is not None else None
        for key, exported in zip(RUNNING_ROW_KEYS, original or (), strict=False):
            value = r.value(key)
            if is_blank(value) or exported is None or _same_cell(value, exported):
                continue
            r.warn(key, "plan_running_class_edited", column=_header(r, key), id=as_text(cid),
                   running_sheet=running_sheet)
        if _yes(r, "locked") is True:
            r.warn("locked", "plan_running_class_locked", id=as_text(cid), running_sheet=running_sheet)


def _yes(r: RowReader, key: str) -> bool | None:
    """A ja/nee cell of the row; None when empty or neither."""
    value = r.value(key)
    if is_blank(value):
        return None
    try:
        return as_yesno(value)
    except ValueError:
        return None


def _class_changes(r: RowReader | None, exported: Sequence[Any],
                   now: Sequence[Any]) -> tuple[tuple[str, str | None, str | None], ...]:
    """(column, value as exported, value now) for each of :data:`RUNNING_ROW_KEYS` whose value
    differs, the column as headed on Klassen (a class edited there: the check line said only
    'gewijzigd op het blad Klassen', not what)."""
    def text(value: Any) -> str | None:
        return None if value is None else fmt_date(value) if isinstance(value, date) else str(value)

    return tuple((_header(r, key) if r is not None else CLASSES.column(key).nl, text(old), text(new))
                 for key, old, new in zip(RUNNING_ROW_KEYS, exported, now, strict=True) if old != new)


def _same_cell(value: Any, exported: Any) -> bool:
    """Whether a cell still says what was exported (a date as a date, else as :func:`_same_output`)."""
    if isinstance(exported, date):
        try:
            return as_date(value)[0] == exported
        except ValueError:
            return False
    return _same_output(value, exported)


def _header(r: RowReader, key: str) -> str:
    col = r.table.col(key)
    return col.header if col is not None else r.table.spec.column(key).nl


def _same_output(value: Any, exported: Any) -> bool:
    """Whether a cell of an output column still says what was exported: the same number, or the
    same text but for spaces and case."""
    if is_blank(exported):
        return False
    if isinstance(exported, (int, float)) and not isinstance(exported, bool):
        try:
            number = float(value.strip().replace(",", ".")) if isinstance(value, str) else float(value)
        except (TypeError, ValueError):
            return False
        return math.isclose(number, float(exported), abs_tol=1e-6)
    return "".join(as_text(value).split()).casefold() == "".join(as_text(exported).split()).casefold()


def _class_sheet_places(ctx: ParseContext, class_sheets: list[ClassSheet], labels: Names, learner_ids: set[str],
                        exported: dict[str, str | None] | None,
                        sheet_classes: dict[str, str]) -> dict[str, list[tuple[str, str, int]]]:
    """Learner id -> the class sheets it stands on: (class label, sheet title, row); fills
    ``sheet_classes`` (class label -> sheet title).

    Only sheets titled 'Klas <id>' of a class of this plan count; an id on such a sheet
    that is not a learner of the workbook is reported (and ignored)."""
    places: dict[str, list[tuple[str, str, int]]] = {}
    if exported is None:
        return places
    for sheet in class_sheets:
        label = labels.get(sheet.label)
        if label is None or label in sheet_classes:
            continue
        sheet_classes[label] = sheet.title
        for lid, row in sheet.members:
            if lid in learner_ids or lid in exported:
                places.setdefault(lid, []).append((label, sheet.title, row))
            else:
                ctx.sink.warn("plan_sheet_unknown", sheet=sheet.title, row=row, column="Id", value=lid)
    return places


def _sheet_target(ctx: ParseContext, lid: str, old: str | None, target: Target,
                  places: list[tuple[str, str, int]], sheet_classes: dict[str, str]) -> Target:
    """The Klas column's ``target``, or the class sheet the learner was moved to when the Klas
    column was left as exported and the move is unambiguous; a warning for the rest."""
    sink = ctx.sink
    where = {label for label, _, _ in places}
    if where == ({old} if old is not None and old in sheet_classes else set()):
        return target  # stands where it was exported
    if len(where) > 1:
        sheets = ", ".join(f"'{title}' (rij {row})" for _, title, row in places)
        sheets_en = ", ".join(f"'{title}' (row {row})" for _, title, row in places)
        sink.warn("plan_sheet_twice", id=lid, sheets=sheets, sheets_en=sheets_en,
                  sheet=places[0][1], row=places[0][2], column="Id")
        return target
    if not where:
        assert old is not None
        sink.warn("plan_sheet_missing", id=lid, sheet=sheet_classes[old], old=old)
        return target
    label, title, row = places[0]
    if target == old:  # the Klas column untouched: the class sheet says where the learner goes
        sink.warn("plan_sheet_moved", id=lid, old=class_text(old, None), new=label, sheet=title, row=row,
                  column="Id")
        return label
    if target != label:
        new = "vrij" if target is _RELEASE else class_text(target, None)
        sink.warn("plan_sheet_conflict", id=lid, new=new, label=label, sheet=title, row=row, column="Id")
    return target


def _into_ended(ctx: ParseContext, lid: str, target: Target,
                exported: dict[str, str | None] | None) -> tuple[date, date] | None:
    """(end date, plan date) when a Klas cell moves (or adds) learner ``lid`` into a running class
    that has ended (left out of the plan: :func:`app.workbook.parse_sheets.parse_running`), else
    None; one exported in it and left there is no edit."""
    if not isinstance(target, str) or target not in ctx.ended or ctx.plan_date is None or exported is None:
        return None
    if lid in exported and exported[lid] == target:
        return None
    return ctx.ended[target], ctx.plan_date


def _target(text: str | None, r: RowReader | None, labels: Names, on_sheet: Names,
            deleted: Names | None = None) -> Target:
    """The class a Klas cell names: a label, None (waiting list) or :data:`_RELEASE`;
    :data:`_BROKEN` for a class on the Klassen sheet (``on_sheet``) that was dropped for an
    error in its row (reported there, not again per learner). A class of the plan whose row was
    deleted from Klassen (``deleted``) is an error that says so."""
    if text is None or fold_key(text) in _WAITLIST_KEYS:
        return None
    if fold_key(text) in _RELEASE_KEYS:
        return _RELEASE
    label = labels.get(text)
    if label is None and on_sheet.get(text) is not None:
        return _BROKEN
    if label is None and r is not None:
        gone = deleted.get(text) if deleted is not None else None
        if gone is not None:
            r.error("class", "plan_class_deleted", id=gone)
        else:
            r.error("class", "plan_class_unknown")
        return _RELEASE
    return label


def _apply(ctx: ParseContext, lr: Learner, target: Target, exported: dict[str, str | None] | None,
           locks: set[str], previous: dict[str, str | None], edits: list[PlanEdit],
           gone: dict[str, str] | None = None) -> Learner:
    """The learner with the pin its Klas cell asks for; records the edit, the lock and its
    place in the earlier plan. ``gone``: the exported ids no longer in the workbook, by their
    casefold (a new id that differs from one only in case is said to be a retyped id)."""
    if exported is None:
        if target is not _RELEASE:
            previous[lr.id] = target
        return lr
    if lr.id not in exported:
        loc = ctx.rows.get(("learners", lr.id))
        place = {"sheet": loc[0], "row": loc[1]} if loc else {}
        retyped = (gone or {}).get(lr.id.casefold())
        if retyped is not None:  # ids are matched exactly: d00001 is not D00001
            header, letter = ctx.info.learner_cells.get("id", ("Id", None))
            ctx.sink.warn("plan_added_case", id=lr.id, old=retyped, column=header, column_letter=letter, **place)
        else:
            ctx.sink.warn("plan_added", id=lr.id, **place)
        if target is None or target is _RELEASE:
            edits.append(PlanEdit(ADDED, lr.id, None, None))
            return lr
        locks.add(str(target))
        previous[lr.id] = str(target)
        edits.append(PlanEdit(ADDED, lr.id, None, str(target)))
        return replace(lr, pin=str(target))
    old = exported[lr.id]
    if target is _RELEASE:
        edits.append(PlanEdit(RELEASED, lr.id, old, None))
        return replace(lr, pin=None)
    # The earlier plan is the plan as the planner edited it: an edited learner in their new
    # class (or waiting), so that it is a valid start for the re-plan (the exported class
    # would break the pin); the edit keeps the exported class for the change report.
    previous[lr.id] = target
    if target == old:
        return lr
    edits.append(PlanEdit(MOVED, lr.id, old, target))
    if target is None:
        return replace(lr, pin=WAITLIST)
    locks.add(str(target))
    return replace(lr, pin=str(target))


# ---- the check on the built Problem ----------------------------------------------------------------
_CLASS_FIELDS = ("route", "location", "schedule", "start_date", "level")
"""The Klassen columns of a class's form, in the order of :attr:`Exported.classes`."""


def check_known_classes(ctx: ParseContext, data: ParsedInput, problem: Problem, source: PlanSource,
                        horizon: int | None = None) -> None:
    """Whether each class of the Klassen sheet can be planned as the edits leave it, in a plan
    period of ``horizon`` weeks when given (the command line's ``--horizon``, which replaces the
    workbook's), else the workbook's.

    A locked class (changed on the Klassen sheet, Vast = ja, or a learner moved into it) is
    opened exactly as entered, so it must be one the planner can open: starting in the plan
    period, in a start week of its route, on a schedule of its route, with enough learners who
    fit it to start on its first day. Otherwise it is an error at the cell to change (the solve
    would find no valid plan). An unlocked class that started before the plan date is a warning."""
    if horizon is not None:
        problem = replace(problem, horizon_weeks=horizon)
    exported = source.exported.classes if source.exported else {}
    changed = {e.subject for e in data.edits if isinstance(e, PlanEdit) and e.kind == CLASS_CHANGED}
    pinned = {lr.pin for lr in problem.learners if lr.pin}
    starts = {spec.label: start for spec, start in data.known_classes}
    sure: list[ClassSpec] = []
    for spec in problem.known_classes:
        r = data.class_rows.get(spec.label)
        start = starts.get(spec.label)
        if r is None or start is None:
            continue
        if not spec.locked:
            if spec.start_week < 0:
                r.warn("start_date", "plan_class_started", id=spec.label, date=fmt_date(start),
                       plan_date=fmt_date(problem.plan_date))
            continue
        why = _why_locked(spec.label, changed, pinned)
        route = problem.route_by_name.get(spec.route)
        if route is None:
            continue
        weeks = problem.route_start_weeks(route)
        place = {"id": spec.label, "date": fmt_date(start), **why}
        if spec.start_week < 0:
            r.error("start_date", "plan_locked_started", plan_date=fmt_date(problem.plan_date), **place)
        elif spec.start_week >= problem.horizon_weeks:
            last = problem.week_start(problem.horizon_weeks - 1)
            if horizon is None:
                r.error("start_date", "plan_locked_after", weeks=problem.horizon_weeks, last=fmt_date(last), **place)
            else:
                r.error("start_date", "plan_locked_after_horizon", weeks=horizon, last=fmt_date(last),
                        need=spec.start_week + 1, **place)
        elif spec.start_week not in weeks:
            r.error("start_date", "plan_locked_week", route=route.route,
                    weeks=", ".join(fmt_date(problem.week_start(w)) for w in weeks) or "-", **place)
        elif spec.schedule not in {s.name for s in problem.allowed_schedules(route)}:
            r.error("schedule", "plan_locked_schedule", route=route.route, schedule=spec.schedule,
                    known=", ".join(s.name for s in problem.allowed_schedules(route)), **place)
        else:
            sure.append(spec)
    if sure and not ctx.sink.has_errors:
        _check_locked_starters(problem, data, sure, exported, changed, pinned)


def _why_locked(label: str, changed: set[str], pinned: set[str]) -> dict[str, str]:
    """Why a class is locked (``why``), and what undoes it (``fix``), in both languages."""
    if label in changed:
        return {"why": "gewijzigd op het blad Klassen", "why_en": "changed on the Klassen sheet",
                "fix": "Zet de gewijzigde cel terug of kies een waarde waar meer deelnemers bij passen.",
                "fix_en": "Put the changed cell back or choose a value more learners fit."}
    if label in pinned:
        return {"why": "er is een deelnemer naartoe verplaatst", "why_en": "a learner was moved into it",
                "fix": "Zet de deelnemers die je naar deze klas verplaatste terug in de kolom Klas van Deelnemers.",
                "fix_en": "Put the learners you moved into this class back in the Klas column of Deelnemers."}
    return {"why": "Vast = ja", "why_en": "Vast = ja",
            "fix": "Zet Vast op nee, of pas de klas aan zodat meer deelnemers erbij passen.",
            "fix_en": "Set Vast to nee, or change the class so that more learners fit it."}


def _check_locked_starters(problem: Problem, data: ParsedInput, specs: list[ClassSpec],
                           exported: dict[str, tuple[Any, ...]], changed: set[str], pinned: set[str]) -> None:
    """A locked class needs its route's minimum of learners who fit it and can start on its
    first day (more for several locked classes of one form); else an error at the edited cell."""
    from optimizer.candidates import Family, build_candidates
    from optimizer.explain import first_day_starters

    try:
        cand = build_candidates(problem)
    except ValueError:  # ProblemError: the solve reports it
        return
    same_form = Counter(spec.key for spec in specs)
    starts = {spec.label: start for spec, start in data.known_classes}
    for spec in specs:
        route = problem.route_by_name[spec.route]
        w = spec.start_week
        idx = cand.family_index.get(Family(spec.route, spec.location, spec.schedule, spec.level, spec.language,
                                           spec.group))
        starters = first_day_starters(cand, idx, w) if idx is not None and (idx, w) in cand.max_classes else set()
        needed = route.min_size * same_form[spec.key]
        if len(starters) >= needed:
            continue
        r = data.class_rows[spec.label]
        original = exported.get(spec.label)
        ours = (spec.route, spec.location, spec.schedule, starts[spec.label], spec.level)
        key = next((k for k, old, new in zip(_CLASS_FIELDS, original or (), ours, strict=False) if old != new),
                   None) if spec.label in changed else None
        if key is None:
            key = "locked" if spec.label not in pinned and r.has("locked") else "id"
        r.error(key, "plan_locked_too_few", id=spec.label, count=len(starters), min=needed,
                **_why_locked(spec.label, changed, pinned))
