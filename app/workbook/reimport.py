"""Read back an edited plan workbook, and report who moved between two plans.

A plan workbook (:func:`app.workbook.export.write_plan_workbook`) holds every canonical input sheet, a
*Klassen* sheet and a hidden sheet ``_Klasvormer`` with each learner's class as exported.
:func:`load_edited_plan` reads it like an input workbook and adds the plan:

- every non-running row of *Klassen* becomes a known class (:class:`ClassSpec`, label = class
  id, start week from Startdatum); a class whose route, location, schedule, start date or
  level was edited is locked;
- ``previous`` is the plan as edited: each exported learner in the class it was exported in
  (None = waiting), an edited one in the class the planner gave it (the re-plan starts from
  this plan and pays ``weights.move`` per learner it moves away from it);
- a learner whose Klas cell the planner CHANGED is pinned to the new class (or to the waiting
  list for ``wachtlijst`` or an empty cell), and that class is locked; ``vrij`` (or
  ``opnieuw``) releases the learner: no pin and no earlier class;
- a row removed = learner removed (warning); a row added = new learner (warning; pinned when
  its Klas names a class).
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from app.workbook.export import MARKER_SHEET
from app.workbook.importer import ImportResult, Names, _Importer
from app.workbook.reader import FileProblem, RawSheet, _sheet_paths, sniff
from app.workbook.schema import CLASSES, WAITLIST_WORDS, fold
from app.workbook.tables import RowReader
from app.workbook.values import as_date, as_int, as_text, as_yesno, fold_key, is_blank
from optimizer.domain import WAITLIST, ClassSpec, Learner, Problem
from optimizer.messages import Message, fmt
from optimizer.plan import Assignment, Plan

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

    def text(self, lang: str | None = None) -> str:
        """One line for the planner: ``Deelnemer D1: K1 -> K2 (wordt vastgezet)``."""
        nl, en = _EDIT_TEXTS[self.kind]
        if self.kind == ADDED and self.new is None:
            nl, en = _EDIT_TEXTS["added_free"]
        elif self.kind == MOVED and self.new is None:
            nl, en = _EDIT_TEXTS["moved_waiting"]
        return fmt(en if lang == "en" else nl, id=self.subject, old=_class_text(self.old, lang),
                   new=_class_text(self.new, lang))


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
    CLASS_CHANGED: ("Klas {id}: gewijzigd op het blad Klassen (wordt vastgezet zoals ingevuld)",
                    "Class {id}: changed on the Klassen sheet (locked as entered)"),
}


def _class_text(label: str | None, lang: str | None) -> str:
    if label is None:
        return "waiting list" if lang == "en" else "wachtlijst"
    return label


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


def load_edited_plan(path: str | Path, *, settings: str | Path | None = None) -> ImportResult:
    """Read an edited plan workbook into a Problem with known classes, earlier plan, pins and locks.

    ``settings``: a settings workbook for the sheets the plan workbook lacks (as in
    :func:`app.workbook.importer.load_problem`)."""
    return _PlanImporter(path, None, settings).run()


def is_plan_workbook(path: str | Path) -> bool:
    """Whether ``path`` is a plan workbook (an .xlsx with the hidden sheet ``_Klasvormer`` or a
    sheet *Klassen*), to be read with :func:`load_edited_plan` rather than as an input workbook.

    False for anything else, including files that cannot be read (the importer says why)."""
    p = Path(path)
    try:
        if sniff(p) != "xlsx":
            return False
        with zipfile.ZipFile(p) as zf:
            titles = _sheet_paths(zf)
    except (FileProblem, OSError, zipfile.BadZipFile):
        return False
    names = {fold(MARKER_SHEET), *(fold(n) for n in CLASSES.names)}
    return any(fold(t) in names for t in titles)


def edit_problems(problem: Problem) -> list[Message]:
    """Why the pins from an edited plan cannot all hold (a learner pinned to a class they do not
    fit, more learners pinned to a class than fit), without solving; empty when they can."""
    from optimizer.candidates import build_candidates
    from optimizer.explain import diagnose

    try:
        cand = build_candidates(problem)
    except ValueError:  # ProblemError: the solve reports it
        return []
    return [m for m in diagnose(problem, cand) if m.key.startswith("diag_pin")]


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


# ---- the re-plan's change report ---------------------------------------------------------------
OWN = "own"
"""Reason: the planner's own edit in the workbook."""
REPLAN = "replan"
"""Reason: the re-optimisation (nobody asked for it)."""
FREED = "released"
"""Reason: the planner released the learner (``vrij``); the re-plan chose the new class."""

LEARNER = "learner"
CLASS = "class"
SHIFTED, OPENED, CLOSED = "shifted", "opened", "closed"

_REASONS = {OWN: ("eigen wijziging", "own edit"), REPLAN: ("herplanning", "re-optimised"),
            FREED: ("vrijgegeven, opnieuw ingepland", "released, planned again")}


@dataclass(frozen=True)
class ReplanChange:
    """One line of the change report: a learner whose class changed, or a class that shifted its
    start, opened or closed, and why."""

    what: str
    """:data:`LEARNER` or :data:`CLASS`."""
    subject: str
    """Learner id or class id."""
    kind: str
    """Learner: :data:`MOVED`, :data:`ADDED`, :data:`REMOVED`; class: :data:`SHIFTED`,
    :data:`OPENED`, :data:`CLOSED` or :data:`CLASS_CHANGED`."""
    old: Any = None
    """Learner: class id (None = waiting list); class: start date."""
    new: Any = None
    reason: str = REPLAN
    """:data:`OWN`, :data:`REPLAN` or :data:`FREED`."""

    def reason_text(self, lang: str | None = None) -> str:
        nl, en = _REASONS[self.reason]
        return en if lang == "en" else nl

    def cells(self, lang: str | None = None) -> tuple[str, str, str]:
        """(from, to) as text and the reason, for a table row."""
        en = lang == "en"
        if self.what == LEARNER:
            old = ("new" if en else "nieuw") if self.kind == ADDED else _class_text(self.old, lang)
            new = ("removed" if en else "verwijderd") if self.kind == REMOVED else _class_text(self.new, lang)
        elif self.kind == CLASS_CHANGED:
            old, new = ("changed on the Klassen sheet", "locked") if en else ("gewijzigd op blad Klassen", "vast")
        else:
            old = ("not open" if en else "niet open") if self.old is None else _date_text(self.old)
            new = ("closed" if en else "gesloten") if self.new is None else _date_text(self.new)
        return old, new, self.reason_text(lang)

    def text(self, lang: str | None = None) -> str:
        old, new, why = self.cells(lang)
        if self.what == LEARNER:
            who = "Learner" if lang == "en" else "Deelnemer"
            return f"{who} {self.subject}: {old} -> {new} ({why})"
        nl, en = _CLASS_TEXTS[self.kind]
        return fmt(en if lang == "en" else nl, id=self.subject, old=old, new=new, why=why)


_CLASS_TEXTS = {
    SHIFTED: ("Klas {id}: start {old} -> {new} ({why})", "Class {id}: start {old} -> {new} ({why})"),
    OPENED: ("Klas {id}: nieuw geopend, start {new} ({why})", "Class {id}: newly opened, starts {new} ({why})"),
    CLOSED: ("Klas {id}: gaat niet door (zou starten {old}) ({why})",
             "Class {id}: does not go ahead (was to start {old}) ({why})"),
    CLASS_CHANGED: ("Klas {id}: gewijzigd op blad Klassen, vastgezet ({why})",
                    "Class {id}: changed on the Klassen sheet, locked ({why})"),
}


def _date_text(day: Any) -> str:
    return day.strftime("%d-%m-%Y") if isinstance(day, date) else str(day)


@dataclass
class ReplanReport:
    """What a re-plan of an edited plan workbook changed (:func:`replan_report`)."""

    changes: list[ReplanChange]
    edits: list[PlanEdit]

    @property
    def own(self) -> list[ReplanChange]:
        return [c for c in self.changes if c.reason == OWN]

    @property
    def moved(self) -> list[ReplanChange]:
        """Learners who had a class and were moved (or put on the waiting list) by the re-plan:
        the moves beyond the planner's edits."""
        return [c for c in self.changes if c.what == LEARNER and c.reason == REPLAN and c.kind == MOVED
                and c.old is not None]

    @property
    def placed(self) -> list[ReplanChange]:
        """Learners who were waiting and got a class in the re-plan."""
        return [c for c in self.changes if c.what == LEARNER and c.reason == REPLAN and c.kind == MOVED
                and c.old is None]

    @property
    def classes(self) -> list[ReplanChange]:
        return [c for c in self.changes if c.what == CLASS and c.kind != CLASS_CHANGED]

    def summary(self, lang: str | None = None) -> str:
        n = {"own": len(self.edits), "moved": len(self.moved), "placed": len(self.placed),
             "classes": len(self.classes)}
        if lang == "en":
            return fmt("Changes from the edited plan: {own:own edit|own edits} in the workbook; the re-plan moved "
                       "{moved:learner|learners}, placed {placed:learner|learners} from the waiting list and "
                       "changed {classes:class|classes} (start, opened, closed).", **n)
        return fmt("Wijzigingen ten opzichte van het bewerkte plan: {own:eigen wijziging|eigen wijzigingen} in de "
                   "werkmap; "
                   "de herplanning verplaatste {moved:deelnemer|deelnemers}, plaatste {placed:deelnemer|deelnemers} "
                   "van de wachtlijst en wijzigde {classes:klas|klassen} (start, geopend, gesloten).", **n)

    def ordered(self) -> list[ReplanChange]:
        """Own edits first, then released learners, then the re-plan's changes; learners before
        classes, by id."""
        rank = {OWN: 0, FREED: 1, REPLAN: 2}
        return sorted(self.changes, key=lambda c: (rank[c.reason], c.what != LEARNER, c.subject))

    def lines(self, lang: str | None = None) -> list[str]:
        """The summary, then one indented line per change."""
        return [self.summary(lang), *(f"  {c.text(lang)}" for c in self.ordered())]

    def rows(self, lang: str | None = None) -> list[list[str]]:
        """One row per change for a table: kind (Deelnemer/Klas), id, from, to, reason."""
        en = lang == "en"
        kinds = {LEARNER: "Learner" if en else "Deelnemer", CLASS: "Class" if en else "Klas"}
        return [[kinds[c.what], c.subject, *c.cells(lang)] for c in self.ordered()]


def replan_report(problem: Problem, edits: Sequence[PlanEdit], plan: Plan) -> ReplanReport:
    """Who moved from which class to which and why, and which classes shifted their start,
    opened or closed, between the edited plan workbook (``problem`` as :func:`load_edited_plan`
    read it, with its ``edits``) and the new ``plan``.

    The 'before' of a learner is the class they were exported in (the plan the planner edited);
    a learner the planner moved or added with a class is an own edit, a released one
    (``vrij``) is 'vrijgegeven', every other change is 'herplanning'.
    """
    old: dict[str, str | None] = dict(problem.previous)
    edit_of: dict[str, PlanEdit] = {}
    out: list[ReplanChange] = []
    for e in edits:
        if e.kind == CLASS_CHANGED:
            out.append(ReplanChange(CLASS, e.subject, CLASS_CHANGED, reason=OWN))
            continue
        edit_of[e.subject] = e
        if e.kind in (MOVED, RELEASED, REMOVED):
            old[e.subject] = e.old
    new = {lid: a.class_id for lid, a in plan.assignments.items()}
    for lid in sorted(set(old) | set(new) | set(edit_of)):
        e = edit_of.get(lid)
        if e is not None and e.kind == REMOVED:
            out.append(ReplanChange(LEARNER, lid, REMOVED, e.old, None, OWN))
        elif lid not in new:
            continue
        elif e is not None and e.kind == ADDED:
            out.append(ReplanChange(LEARNER, lid, ADDED, None, new[lid], OWN if e.new is not None else REPLAN))
        elif lid in old and (old[lid] != new[lid] or (e is not None and e.kind == RELEASED)):
            reason = OWN if e is not None and e.kind == MOVED else FREED if e is not None else REPLAN
            out.append(ReplanChange(LEARNER, lid, MOVED, old[lid], new[lid], reason))
    planned = {c.id: c for c in plan.classes}
    known = {c.label: c for c in problem.known_classes}
    for label, spec in known.items():
        c = planned.get(label)
        if c is None:
            out.append(ReplanChange(CLASS, label, CLOSED, problem.week_start(spec.start_week), None))
        elif c.start_week != spec.start_week:
            out.append(ReplanChange(CLASS, label, SHIFTED, problem.week_start(spec.start_week), c.start_date))
    for c in plan.classes:
        if not c.running and c.id not in known:
            out.append(ReplanChange(CLASS, c.id, OPENED, None, c.start_date))
    return ReplanReport(out, list(edits))


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
        self.class_sheets: list[_ClassSheet] = []

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
        for t in main.titles:
            if t.strip().lower().startswith(CLASS_SHEET_PREFIX):
                self.class_sheets.append(_read_class_sheet(t, main.read(t)))

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
        on_sheets = self._class_sheet_places(labels, {lr.id for lr in learners}, exported)
        locks: set[str] = set()
        out = []
        for lr in learners:
            if lr.id in self.class_cells:
                text, r = self.class_cells[lr.id]
                target = self._target(text, r, labels)
            else:  # no Klas column: nothing was edited
                target = exported.get(lr.id) if exported is not None else _RELEASE
            if exported is not None and lr.id in exported:
                target = self._sheet_target(lr.id, exported[lr.id], target, on_sheets.get(lr.id, []))
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

    # ---- class sheets ("Klas K05") --------------------------------------------------------------
    def _class_sheet_places(self, labels: Names, learner_ids: set[str],
                            exported: dict[str, str | None] | None) -> dict[str, list[tuple[str, str, int]]]:
        """Learner id -> the class sheets it stands on: (class label, sheet title, row).

        Only sheets titled 'Klas <id>' of a class of this plan count; an id on such a sheet
        that is not a learner of the workbook is reported (and ignored)."""
        self.sheet_classes: dict[str, str] = {}
        places: dict[str, list[tuple[str, str, int]]] = {}
        if exported is None:
            return places
        for sheet in self.class_sheets:
            label = labels.get(sheet.label)
            if label is None or label in self.sheet_classes:
                continue
            self.sheet_classes[label] = sheet.title
            for lid, row in sheet.members:
                if lid in learner_ids or lid in exported:
                    places.setdefault(lid, []).append((label, sheet.title, row))
                else:
                    self.sink.warn("plan_sheet_unknown", sheet=sheet.title, row=row, column="Id", value=lid)
        return places

    def _sheet_target(self, lid: str, old: str | None, target: str | None | object,
                      places: list[tuple[str, str, int]]) -> str | None | object:
        """The Klas column's ``target``, or the class sheet the learner was moved to when the Klas
        column was left as exported and the move is unambiguous; a warning for the rest."""
        where = {label for label, _, _ in places}
        if where == ({old} if old is not None and old in self.sheet_classes else set()):
            return target  # stands where it was exported
        if len(where) > 1:
            sheets = ", ".join(f"'{title}' (rij {row})" for _, title, row in places)
            sheets_en = ", ".join(f"'{title}' (row {row})" for _, title, row in places)
            self.sink.warn("plan_sheet_twice", id=lid, sheets=sheets, sheets_en=sheets_en,
                           sheet=places[0][1], row=places[0][2], column="Id")
            return target
        if not where:
            assert old is not None
            self.sink.warn("plan_sheet_missing", id=lid, sheet=self.sheet_classes[old], old=old)
            return target
        label, title, row = places[0]
        if target == old:  # the Klas column untouched: the class sheet says where the learner goes
            self.sink.warn("plan_sheet_moved", id=lid, old=_class_text(old, None), new=label, sheet=title, row=row,
                           column="Id")
            return label
        if target != label:
            new = "vrij" if target is _RELEASE else _class_text(target, None)  # type: ignore[arg-type]
            self.sink.warn("plan_sheet_conflict", id=lid, new=new, label=label, sheet=title, row=row, column="Id")
        return target

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
            self.previous[lr.id] = str(target)
            self.plan_edits.append(PlanEdit(ADDED, lr.id, None, str(target)))
            return replace(lr, pin=str(target))
        old = exported[lr.id]
        if target is _RELEASE:
            self.plan_edits.append(PlanEdit(RELEASED, lr.id, old, None))
            return replace(lr, pin=None)
        # The earlier plan is the plan as the planner edited it: an edited learner in their new
        # class (or waiting), so that it is a valid start for the re-plan (the exported class
        # would break the pin); the edit keeps the exported class for the change report.
        self.previous[lr.id] = target  # type: ignore[assignment]
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

CLASS_SHEET_PREFIX = "klas "
"""Class list sheets are titled 'Klas <class id>' (:func:`app.workbook.export.write_plan_workbook`)."""


@dataclass
class _ClassSheet:
    """A class list sheet as found: its title, the class id it names and its learners' rows."""

    title: str
    label: str
    members: list[tuple[str, int]]


def _read_class_sheet(title: str, raw: RawSheet) -> _ClassSheet:
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
    return _ClassSheet(title, label, members)


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
