"""Read back an edited plan workbook, and report who moved between two plans.

A plan workbook (:func:`app.export.write_plan_workbook`) holds every canonical input sheet, a
*Klassen* sheet and a hidden sheet ``_Klasvormer`` with each learner's class as exported.
:func:`load_edited_plan` reads it like an input workbook and adds the plan:

- every non-running row of *Klassen* becomes a known class (:class:`ClassSpec`, label = class
  id, start week from Startdatum); a class whose route, location, schedule, start date or
  level was edited is locked;
- ``previous`` maps each exported learner to the class it was exported in (None = waiting);
- a learner whose Klas cell the planner CHANGED is pinned to the new class (or to the waiting
  list for ``wachtlijst`` or an empty cell), and that class is locked; ``vrij`` (or
  ``opnieuw``) releases the learner: no pin and no earlier class;
- a row removed = learner removed (warning); a row added = new learner (warning; pinned when
  its Klas names a class).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from optimizer.domain import WAITLIST, ClassSpec, Learner
from optimizer.plan import Assignment, Plan

from .export import MARKER_SHEET
from .importer import ImportResult, Names, _Importer
from .reader import RawSheet
from .schema import CLASSES, WAITLIST_WORDS, fold
from .tables import RowReader
from .values import as_date, as_int, as_text, as_yesno, fold_key, is_blank

RELEASE_WORDS = ("vrij", "opnieuw", "opnieuw plannen", "release", "free")
_RELEASE_KEYS = frozenset(fold(w) for w in RELEASE_WORDS)
_WAITLIST_KEYS = frozenset(fold(w) for w in WAITLIST_WORDS)
MOVED = "verplaatst"
ADDED = "toegevoegd"
REMOVED = "verwijderd"
RELEASED = "vrijgegeven"
CLASS_CHANGED = "klas gewijzigd"


@dataclass(frozen=True)
class PlanEdit:
    """One edit the planner made in the workbook."""

    kind: str
    """:data:`MOVED`, :data:`ADDED`, :data:`REMOVED`, :data:`RELEASED` or :data:`CLASS_CHANGED`."""
    subject: str
    """Learner id, or class id for :data:`CLASS_CHANGED`."""
    old: str | None = None
    new: str | None = None


@dataclass(frozen=True)
class Change:
    """A learner whose class differs between two plans, and why."""

    learner_id: str
    old: str | None
    """Class id before (None = waiting)."""
    new: str | None
    reason: str
    """'door planner vastgezet' or 'herplanning'."""
    reason_en: str

    def text(self, lang: str | None = None) -> str:
        a = self.old or ("waiting list" if lang == "en" else "wachtlijst")
        b = self.new or ("waiting list" if lang == "en" else "wachtlijst")
        if lang == "en":
            return f"Learner {self.learner_id}: {a} -> {b} ({self.reason_en})"
        return f"Deelnemer {self.learner_id}: {a} -> {b} ({self.reason})"


def load_edited_plan(path: str | Path) -> ImportResult:
    """Read an edited plan workbook into a Problem with known classes, earlier plan, pins and locks."""
    return _PlanImporter(path, None, None).run()


def change_report(old_plan_assignments: Plan | Mapping[str, Any], new_plan: Plan,
                  problem: Any = None) -> list[Change]:
    """Learners whose class changed from ``old`` to ``new_plan``, sorted by id.

    ``old_plan_assignments`` may be a Plan, its ``assignments`` or ``Problem.previous``
    (learner id -> class id or None). With ``problem``, a learner pinned there is reported as
    'door planner vastgezet', every other move as 'herplanning'.
    """
    old = _classes_of(old_plan_assignments)
    new = _classes_of(new_plan)
    pinned = {lr.id for lr in getattr(problem, "learners", ()) if lr.pin is not None}
    out = []
    for lid in sorted(set(old) & set(new)):
        if old[lid] == new[lid]:
            continue
        if lid in pinned:
            out.append(Change(lid, old[lid], new[lid], "door planner vastgezet", "pinned by the planner"))
        else:
            out.append(Change(lid, old[lid], new[lid], "herplanning", "re-planning"))
    return out


def _classes_of(source: Plan | Mapping[str, Any]) -> dict[str, str | None]:
    items = source.assignments if isinstance(source, Plan) else source
    out: dict[str, str | None] = {}
    for lid, value in items.items():
        if isinstance(value, Assignment):
            out[lid] = value.class_id
        else:
            out[lid] = None if value in (None, WAITLIST) else str(value)
    return out


@dataclass
class _Exported:
    """What the hidden marker sheet says was exported."""

    learners: dict[str, str | None]
    classes: dict[str, tuple[Any, ...]]


class _PlanImporter(_Importer):
    """The input importer plus the Klassen sheet, the Klas column and the hidden marker."""

    extra_specs = (CLASSES,)

    def __init__(self, path: str | Path, column_mapping: Any, settings: Any) -> None:
        super().__init__(path, column_mapping, settings)
        self.exported: _Exported | None = None
        self.class_cells: dict[str, tuple[str | None, RowReader]] = {}
        self.specs: dict[str, ClassSpec] = {}

    # ---- reading -------------------------------------------------------------------------------
    def _read_sources(self) -> None:
        super()._read_sources()
        main = self._open[0] if self._open and not self.is_csv else None
        if main is None:
            return
        title = next((t for t in main.titles if fold(t) == fold(MARKER_SHEET)), None)
        if title is None:
            self.sink.warn("plan_no_marker")
            return
        self.exported = _read_marker(main.read(title))

    def _hook_before_learners(self, plan_date: date) -> None:
        for r in self._readers("classes"):
            spec = self._class_spec(r, plan_date)
            if spec is not None:
                self.specs[spec.label] = spec
        self.known_classes = tuple(self.specs.values())

    def _class_spec(self, r: RowReader, plan_date: date) -> ClassSpec | None:
        cid = r.text("id", required=True)
        running = r.convert("running", as_yesno, default=False)
        if cid is None or running:
            return None
        if not self.class_labels.add(cid) or self.running_ids.get(cid):
            self._duplicate(r, "id", "Klas", cid)
            return None
        self.register("classes", cid, r)
        route = self._ref_one(r, "route", self.routes, "Route", "Route", required=True)
        location = self._ref_one(r, "location", self.locations, "Locatie", "Location", required=True)
        schedule = self._ref_one(r, "schedule", self.schedules, "Lesrooster", "Schedule", required=True)
        start = r.date("start_date", required=True)
        level = r.integer("level", 0, 100, required=True)
        language = r.text("language")
        group = r.text("group")
        locked = bool(r.convert("locked", as_yesno, default=False))
        if None in (route, location, schedule, start, level):
            self.dropped.add(cid)
            return None
        assert start is not None and level is not None
        week = (start - plan_date).days // 7
        if start < plan_date:
            r.warn("start_date", "plan_class_started", id=cid, date=start.strftime("%d-%m-%Y"))
        original = self.exported.classes.get(cid) if self.exported else None
        if original is not None and original[:5] != (route, location, schedule, start, level):
            locked = True
            self.plan_edits.append(PlanEdit(CLASS_CHANGED, cid))
        return ClassSpec(cid, str(route), str(location), str(schedule), week, level,
                         self._language(language) if language else None, group, locked)

    def _hook_learner_row(self, r: RowReader, lid: str) -> None:
        col = r.table.col("class")
        if col is not None:
            self.class_cells[lid] = (r.text("class"), r)

    # ---- edits ---------------------------------------------------------------------------------
    def _hook_adjust_learners(self, learners: list[Learner]) -> list[Learner]:
        labels = Names()
        for label in (*self.specs, *self.running_ids):
            labels.add(label)
        exported = self.exported.learners if self.exported else None
        locks: set[str] = set()
        out = []
        for lr in learners:
            if lr.id in self.class_cells:
                text, r = self.class_cells[lr.id]
                target = self._target(text, r, labels)
            else:  # no Klas column: nothing was edited
                target = exported.get(lr.id) if exported is not None else _RELEASE
            out.append(self._apply(lr, target, exported, locks))
        if exported is not None:
            present = {lr.id for lr in learners} | self.dropped
            for lid, old in exported.items():
                if lid not in present and lid not in self.info.learner_rows:
                    self.sink.warn("plan_removed", id=lid, sheet=self.info.sheets.get("learners"))
                    self.plan_edits.append(PlanEdit(REMOVED, lid, old, None))
        self.known_classes = tuple(replace(c, locked=True) if c.label in locks else c
                                   for c in self.known_classes)
        self.previous = {lid: c for lid, c in self.previous.items()
                         if c is None or c in self.specs or self.running_ids.get(c)}
        return out

    def _target(self, text: str | None, r: RowReader | None, labels: Names) -> str | None | object:
        """The class a Klas cell names: a label, None (waiting list) or :data:`_RELEASE`."""
        if text is None or fold_key(text) in _WAITLIST_KEYS:
            return None
        if fold_key(text) in _RELEASE_KEYS:
            return _RELEASE
        label = labels.get(text)
        if label is None and r is not None:
            r.error("class", "plan_class_unknown")
            return _RELEASE
        return label

    def _apply(self, lr: Learner, target: str | None | object, exported: dict[str, str | None] | None,
               locks: set[str]) -> Learner:
        if exported is None:
            if target is not _RELEASE:
                self.previous[lr.id] = target  # type: ignore[assignment]
            return lr
        if lr.id not in exported:
            self.sink.warn("plan_added", id=lr.id, **self._learner_place(lr.id))
            if target is None or target is _RELEASE:
                self.plan_edits.append(PlanEdit(ADDED, lr.id, None, None))
                return lr
            locks.add(str(target))
            self.plan_edits.append(PlanEdit(ADDED, lr.id, None, str(target)))
            return replace(lr, pin=str(target))
        old = exported[lr.id]
        if target is _RELEASE:
            self.plan_edits.append(PlanEdit(RELEASED, lr.id, old, None))
            return replace(lr, pin=None)
        self.previous[lr.id] = old
        if target == old:
            return lr
        self.plan_edits.append(PlanEdit(MOVED, lr.id, old, target))  # type: ignore[arg-type]
        if target is None:
            return replace(lr, pin=WAITLIST)
        locks.add(str(target))
        return replace(lr, pin=str(target))

    def _learner_place(self, lid: str) -> dict[str, Any]:
        loc = self.rows.get(("learners", lid))
        return {"sheet": loc[0], "row": loc[1]} if loc else {}


_RELEASE = object()
"""Marker: the planner released the learner (no pin, no earlier class)."""


def _read_marker(raw: RawSheet) -> _Exported:
    """Learner -> class (columns A:B) and class rows (D:L) from the hidden sheet, from row 3."""
    learners: dict[str, str | None] = {}
    classes: dict[str, tuple[Any, ...]] = {}
    for row in raw.rows:
        if row.row < 3:
            continue
        v = row.values + [None] * (14 - len(row.values))
        if not is_blank(v[0]):
            cls = None if is_blank(v[1]) else as_text(v[1])
            learners[as_text(v[0])] = None if cls and fold_key(cls) in _WAITLIST_KEYS else cls
        if not is_blank(v[3]):
            try:
                start = as_date(v[7])[0] if not is_blank(v[7]) else None
                level = as_int(v[8]) if not is_blank(v[8]) else None
            except ValueError:
                start = level = None
            classes[as_text(v[3])] = (*(None if is_blank(x) else as_text(x) for x in v[4:7]), start, level)
    return _Exported(learners, classes)
