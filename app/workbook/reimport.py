"""Read back an edited plan workbook, and report who moved between two plans.

A plan workbook (:func:`app.workbook.export.write_plan_workbook`) holds every canonical input sheet, a
*Klassen* sheet and a hidden sheet ``_Klasvormer`` with each learner's class as exported.
:func:`load_edited_plan` reads it like an input workbook and adds the plan:

- every non-running row of *Klassen* becomes a known class (:class:`ClassSpec`, label = class
  id, start week from Startdatum); a class whose route, location, schedule, start date or
  level was edited is locked; a running row (Lopend = ja) is not read (the class comes from
  *Lopende klassen*): an edited Route, Locatie, Lesrooster, Startdatum or Niveau there is a
  warning at its cell, and so is Vast = ja (a running class stays as on *Lopende klassen*,
  locked or not);
- ``previous`` is the plan as edited: each exported learner in the class it was exported in
  (None = waiting), an edited one in the class the planner gave it (the re-plan starts from
  this plan and pays ``weights.move`` per learner it moves away from it);
- a learner whose Klas cell the planner CHANGED is pinned to the new class (or to the waiting
  list for ``wachtlijst`` or an empty cell), and that class is locked; ``vrij`` (or
  ``opnieuw``) releases the learner: no pin and no earlier class;
- a row removed = learner removed (warning); a row added = new learner (warning; pinned when
  its Klas names a class);
- a locked class (edited, Vast = ja, or a learner moved into it) that no plan can open as entered
  (a start outside the plan period or the route's start weeks, a schedule the route does not
  use, too few learners who fit it to start on its first day) is an error at its cell;
- a learner who starts on the plan date (in a class of *Klassen* that starts then, or joining a
  running class then) stays in that class unless edited (:mod:`app.workbook.plan_date`; a
  warning names the class or learner when that cannot be);
- Vast changed on *Klassen* (ja: locked, nee: no longer locked) is an edit; an edited output
  column (Startweek, Dagdelen, Niveaubereik, Grootte, Gem. reistijd) is not read: a warning at
  its cell.
"""
from __future__ import annotations

import weakref
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.workbook.context import ParseContext
from app.workbook.export import MARKER_SHEET
from app.workbook.importer import ImportResult, ParsedInput, run_import
from app.workbook.issues import ERROR, Issue
from app.workbook.plan_date import hold_plan_date_starts
from app.workbook.plan_edits import (
    ADDED,
    CLASS_CHANGED,
    CLASS_LOCKED,
    CLASS_SHEET_PREFIX,
    CLASS_UNLOCKED,
    MOVED,
    RELEASE_WORDS,
    RELEASED,
    REMOVED,
    PlanEdit,
    PlanSource,
    apply_plan_edits,
    check_known_classes,
    read_marker,
)
from app.workbook.reader import FileProblem, Workbook, _sheet_paths, sniff
from app.workbook.replan_report import (
    CLASS,
    CLOSED,
    FREED,
    LEARNER,
    OPENED,
    OWN,
    REPLAN,
    RESHAPED,
    SHIFTED,
    ReplanChange,
    ReplanReport,
    replan_report,
)
from app.workbook.schema import CLASSES, fold
from optimizer.domain import WAITLIST, Problem
from optimizer.messages import Message
from optimizer.plan import Assignment, Plan

__all__ = [
    "ADDED", "CLASS", "CLASS_CHANGED", "CLASS_LOCKED", "CLASS_SHEET_PREFIX", "CLASS_UNLOCKED", "CLOSED", "FREED", "LEARNER", "MOVED",
    "OPENED", "OWN", "RELEASED", "RELEASE_WORDS", "REMOVED", "REPLAN", "RESHAPED", "SHIFTED", "Change", "PlanEdit",
    "ReplanChange", "ReplanReport", "change_report", "edit_problem_issues", "edit_problems", "exported_learners",
    "is_plan_workbook", "load_edited_plan", "replan_report",
]


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


def load_edited_plan(path: str | Path, *, settings: str | Path | None = None,
                     horizon: int | None = None) -> ImportResult:
    """Read an edited plan workbook into a Problem with known classes, earlier plan, pins and locks.

    ``settings``: a settings workbook for the sheets the plan workbook lacks (as in
    :func:`app.workbook.importer.load_problem`). ``horizon``: the plan period the caller will
    plan with instead of the workbook's (the CLI's ``--horizon``); the locked classes are checked
    against it (the Problem returned keeps the workbook's)."""
    source = PlanSource(path, settings)

    def check(ctx: ParseContext, data: ParsedInput, problem: Problem) -> Problem | None:
        check_known_classes(ctx, data, problem, source, horizon)
        if ctx.sink.has_errors:
            return None
        return hold_plan_date_starts(ctx, data, problem)

    return run_import(source, step=lambda ctx, data: apply_plan_edits(ctx, data, source), check=check)


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


def exported_learners(path: str | Path) -> frozenset[str] | None:
    """The ids of the learners plan workbook ``path`` was exported with (its hidden sheet
    ``_Klasvormer``, whatever was edited on the visible sheets since); None without that sheet or
    when it cannot be read."""
    try:
        book = Workbook(Path(path))
    except (FileProblem, OSError):
        return None
    try:
        title = next((t for t in book.titles if fold(t) == fold(MARKER_SHEET)), None)
        return None if title is None else frozenset(read_marker(book.read(title)).learners)
    except Exception:  # a damaged sheet: the import itself says what is wrong
        return None
    finally:
        book.close()


_LAST_DIAGNOSIS: list[tuple[weakref.ref[Problem], list[Message]]] = []
"""The last problem diagnosed and its diagnosis: ``check`` of a plan workbook asks twice (edits
that cannot hold, then what the plan will say of the settings), and each built the candidates,
2.7 s of CPU on 3,000 learners."""


def _diagnosis(problem: Problem) -> list[Message]:
    """The optimizer's diagnosis of settings that cannot work, without solving (made once for the
    last problem asked)."""
    from optimizer.candidates import build_candidates
    from optimizer.explain import diagnose

    last = _LAST_DIAGNOSIS[0] if _LAST_DIAGNOSIS else None
    if last is not None and last[0]() is problem:
        return list(last[1])
    try:
        cand = build_candidates(problem)
    except ValueError:  # ProblemError: the solve reports it
        return []
    said = diagnose(problem, cand)
    _LAST_DIAGNOSIS[:] = [(weakref.ref(problem), said)]
    return list(said)


def edit_problems(problem: Problem) -> list[Message]:
    """Why the pins from an edited plan cannot all hold (a learner pinned to a class they do not
    fit, more learners pinned to a class than fit), without solving; empty when they can."""
    return [m for m in _diagnosis(problem) if m.key.startswith("diag_pin")]


def settings_problems(problem: Problem) -> list[Message]:
    """What the plan will say of the settings before it is made (running classes using more
    teachers than there are, a route no class can open for, ...): the diagnosis without the
    pins' (those are input errors at their cells, :func:`edit_problem_issues`)."""
    return [m for m in _diagnosis(problem) if not m.key.startswith("diag_pin")]


def edit_problem_issues(result: ImportResult) -> list[Issue]:
    """:func:`edit_problems` as errors at their place: a learner's pin that cannot hold at the
    learner's Klas cell (or Vastgezet cell) on the learner sheet, too many learners pinned to one
    class at that column; with the file named, what is wrong and what to do (for the terminal
    and the error workbook)."""
    if result.problem is None:
        return []
    info = result.source
    sheet = info.sheets.get("learners")
    header, letter = info.learner_cells.get("class") or info.learner_cells.get("pin") or (None, None)
    issues = []
    for m in edit_problems(result.problem):
        place: dict[str, Any] = {"file": info.path.name, "sheet": sheet, "column": header, "column_letter": letter,
                                 "value": m.params.get("label")}
        if m.key == "diag_pin_incompatible":
            issues.append(Issue.make(ERROR, "edit_pin_unfit", problem=m, row=info.learner_rows.get(m.params["id"]),
                                     **place))
        elif m.key == "diag_pin_cap":
            issues.append(Issue.make(ERROR, "edit_pin_full", problem=m, **place))
        else:
            issues.append(Issue.make(ERROR, "edit_pins_conflict", problem=m, **place))
    return issues


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
