"""The change report of a re-plan: who moved between the edited plan workbook and the new plan,
which classes shifted their start, became another class under the same id (route, location,
schedule or level), opened or closed, and why (the planner's own edit, a released learner
planned again, or the re-optimisation)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.workbook.plan_edits import (
    ADDED,
    CLASS_CHANGED,
    CLASS_LOCKED,
    CLASS_UNLOCKED,
    MOVED,
    RELEASED,
    REMOVED,
    PlanEdit,
)
from app.workbook.plan_edits import class_text as _class_text
from optimizer.domain import Problem
from optimizer.messages import fmt
from optimizer.plan import Plan

OWN = "own"
"""Reason: the planner's own edit in the workbook."""
REPLAN = "replan"
"""Reason: the re-optimisation (nobody asked for it)."""
FREED = "released"
"""Reason: the planner released the learner (``vrij``); the re-plan chose the new class."""

LEARNER = "learner"
CLASS = "class"
SHIFTED, OPENED, CLOSED, RESHAPED = "shifted", "opened", "closed", "reshaped"

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
    :data:`RESHAPED` (same id, another route, location, schedule or level), :data:`OPENED`,
    :data:`CLOSED`, :data:`CLASS_CHANGED`, :data:`CLASS_LOCKED` or :data:`CLASS_UNLOCKED`."""
    old: Any = None
    """Learner: class id (None = waiting list); class: start date (:data:`RESHAPED`: its
    :func:`form`)."""
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
        elif self.kind == CLASS_LOCKED:
            old, new = ("Vast = ja on the Klassen sheet", "locked") if en else ("Vast = ja op blad Klassen", "vast")
        elif self.kind == CLASS_UNLOCKED:
            old, new = (("Vast = nee on the Klassen sheet", "not locked") if en
                        else ("Vast = nee op blad Klassen", "niet vast"))
        elif self.kind == RESHAPED:
            old, new = _form_texts(self.old, self.new, lang)
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
    RESHAPED: ("Klas {id}: nu een andere klas: {old} -> {new} ({why})",
               "Class {id}: now another class: {old} -> {new} ({why})"),
    CLOSED: ("Klas {id}: gaat niet door (zou starten {old}) ({why})",
             "Class {id}: does not go ahead (was to start {old}) ({why})"),
    CLASS_CHANGED: ("Klas {id}: gewijzigd op blad Klassen, vastgezet ({why})",
                    "Class {id}: changed on the Klassen sheet, locked ({why})"),
    CLASS_LOCKED: ("Klas {id}: Vast = ja op blad Klassen, vastgezet ({why})",
                   "Class {id}: Vast = ja on the Klassen sheet, locked ({why})"),
    CLASS_UNLOCKED: ("Klas {id}: Vast = nee op blad Klassen, niet meer vastgezet ({why})",
                     "Class {id}: Vast = nee on the Klassen sheet, no longer locked ({why})"),
}


_OWN_CLASS_EDITS = (CLASS_CHANGED, CLASS_LOCKED, CLASS_UNLOCKED)
"""The planner's edits of a class on the Klassen sheet (each one line of the report)."""


def _date_text(day: Any) -> str:
    return day.strftime("%d-%m-%Y") if isinstance(day, date) else str(day)


def form(route: str, location: str, schedule: str, level: int, start: date) -> tuple[Any, ...]:
    """What makes a class the class it is, for :data:`RESHAPED`."""
    return (route, location, schedule, level, start)


_FORM_WORDS = {"nl": ("route", "locatie", "lesrooster", "niveau", "start"),
               "en": ("route", "location", "schedule", "level", "start")}


def _form_texts(old: tuple[Any, ...], new: tuple[Any, ...], lang: str | None) -> tuple[str, str]:
    """The parts of two :func:`form` that differ, as 'lesrooster X, locatie Y' each."""
    words = _FORM_WORDS["en" if lang == "en" else "nl"]
    parts = [(word, a, b) for word, a, b in zip(words, old, new, strict=True) if a != b]
    return (", ".join(f"{w} {_date_text(a) if isinstance(a, date) else a}" for w, a, _ in parts),
            ", ".join(f"{w} {_date_text(b) if isinstance(b, date) else b}" for w, _, b in parts))


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
        return [c for c in self.changes if c.what == CLASS and c.kind not in _OWN_CLASS_EDITS]

    def summary(self, lang: str | None = None) -> str:
        n = {"own": len(self.edits), "moved": len(self.moved), "placed": len(self.placed),
             "classes": len(self.classes)}
        if lang == "en":
            return fmt("Changes from the edited plan: {own:own edit|own edits} in the workbook; the re-plan moved "
                       "{moved:learner|learners}, placed {placed:learner|learners} from the waiting list and "
                       "changed {classes:class|classes} (start, schedule/location/level, opened, closed).", **n)
        return fmt("Wijzigingen ten opzichte van het bewerkte plan: {own:eigen wijziging|eigen wijzigingen} in de "
                   "werkmap; "
                   "de herplanning verplaatste {moved:deelnemer|deelnemers}, plaatste {placed:deelnemer|deelnemers} "
                   "van de wachtlijst en wijzigde {classes:klas|klassen} (start, rooster/locatie/niveau, geopend, gesloten).", **n)

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
    became another class under the same id, opened or closed, between the edited plan workbook (``problem`` as :func:`load_edited_plan`
    read it, with its ``edits``) and the new ``plan``.

    The 'before' of a learner is the class they were exported in (the plan the planner edited);
    a learner the planner moved or added with a class is an own edit, a released one
    (``vrij``) is 'vrijgegeven', every other change is 'herplanning'.
    """
    old: dict[str, str | None] = dict(problem.previous)
    edit_of: dict[str, PlanEdit] = {}
    out: list[ReplanChange] = []
    for e in edits:
        if e.kind in _OWN_CLASS_EDITS:
            out.append(ReplanChange(CLASS, e.subject, e.kind, reason=OWN))
            continue
        edit_of[e.subject] = e
        if e.kind in (MOVED, RELEASED, REMOVED):
            old[e.subject] = e.old
    new = {lid: a.class_id for lid, a in plan.assignments.items()}
    for lid in sorted(set(old) | set(new) | set(edit_of)):
        edit = edit_of.get(lid)
        if edit is not None and edit.kind == REMOVED:
            out.append(ReplanChange(LEARNER, lid, REMOVED, edit.old, None, OWN))
        elif lid not in new:
            continue
        elif edit is not None and edit.kind == ADDED:
            out.append(ReplanChange(LEARNER, lid, ADDED, None, new[lid], OWN if edit.new is not None else REPLAN))
        elif lid in old and (old[lid] != new[lid] or (edit is not None and edit.kind == RELEASED)):
            reason = OWN if edit is not None and edit.kind == MOVED else FREED if edit is not None else REPLAN
            out.append(ReplanChange(LEARNER, lid, MOVED, old[lid], new[lid], reason))
    planned = {c.id: c for c in plan.classes}
    known = {c.label: c for c in problem.known_classes}
    for label, spec in known.items():
        c = planned.get(label)
        before = form(spec.route, spec.location, spec.schedule, spec.level, problem.week_start(spec.start_week))
        if c is None:
            out.append(ReplanChange(CLASS, label, CLOSED, problem.week_start(spec.start_week), None))
        elif (after := form(c.route, c.location, c.schedule, c.level, c.start_date))[:4] != before[:4]:
            out.append(ReplanChange(CLASS, label, RESHAPED, before, after))
        elif c.start_week != spec.start_week:
            out.append(ReplanChange(CLASS, label, SHIFTED, problem.week_start(spec.start_week), c.start_date))
    for c in plan.classes:
        if not c.running and c.id not in known:
            out.append(ReplanChange(CLASS, c.id, OPENED, None, c.start_date))
    return ReplanReport(out, list(edits))
