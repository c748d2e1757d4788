"""The planner's working session without Qt: what was opened, the problem, the plan, the rows.

:class:`Session` holds the truth the GUI shows: the source file (bytes, kept columns, import
issues), the :class:`~optimizer.domain.Problem` as edited, and the :class:`PlanState`. The GUI's
controller changes it only through the services in :mod:`app.planner.editing`, :mod:`app.planner.capacity` and
:mod:`app.planner.planning`. :func:`open_path` reads a workbook, CSV or project file (call it from a
worker: it may take a second). The ``*_rows`` functions give flat rows for the GUI's tables.
:func:`erase_learner` removes one learner completely (the right to erasure, issue 23).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from app.os_errors import os_reason
from app.planner.editing import EditError, PlanState, problem_without, state_without
from app.planner.project import SUFFIX, Project, load_project, save_project
from app.planner.recovery import RecoverySlot
from app.workbook.importer import load_problem
from app.workbook.issues import Issue
from app.workbook.started import StartedRow
from optimizer.dayparts import short_schedule_text
from optimizer.domain import WAITLIST, Problem
from optimizer.messages import Bilingual, Catalogue, Message
from optimizer.plan import Plan
from optimizer.travel import normalize_pc4, stadsdeel_of

DEFAULT_SETTINGS: dict[str, Any] = {"time_limit": 20, "tradeoff_points": 5, "tradeoff_time": 60,
                                    "prove_bound": False, "keep_source": False}
"""The options every session starts with (a project's own replace them); an option set back to its
value here is no change (the GUI compares the options with those opened or saved)."""


@dataclass
class Source:
    """The file a problem came from, with what the import kept and found."""

    path: Path | None = None
    name: str | None = None
    data: bytes | None = None
    extras: dict[str, dict[str, Any]] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    name_column: str | None = None
    learner_rows: dict[str, int] = field(default_factory=dict)
    """Learner id -> row number on the learner sheet."""
    learner_sheet: str | None = None
    learner_columns: list[str] = field(default_factory=list)
    started: tuple[StartedRow, ...] = ()
    """The input's sheet *Gestart* (who started in earlier planning weeks), written again on export."""

    def learner_at_row(self, row: int | None) -> str | None:
        if row is None:
            return None
        for lid, r in self.learner_rows.items():
            if r == row:
                return lid
        return None


@dataclass
class Opened:
    """What :func:`open_path` read: a problem (None when the input has errors), maybe a plan."""

    source: Source
    problem: Problem | None
    state: PlanState | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    project_path: Path | None = None
    plan_edits: list[Any] | None = None
    """The planner's edits when this is an edited plan workbook (:class:`app.workbook.reimport.PlanEdit`);
    None for any other input."""
    exported: frozenset[str] | None = None
    """The ids of the learners an edited plan workbook was exported with
    (:func:`app.workbook.reimport.exported_learners`): whose plan it is. None for any other input."""
    edited_from: Problem | None = None
    """A project's stored 'before' of the change report (:attr:`Session.edited_from`); an edited
    plan workbook's is its own problem."""


def open_path(path: str | Path, *, edited_plan: bool = False) -> Opened:
    """Read a workbook or CSV (``load_problem``), an edited plan workbook, or a project file.

    A plan workbook (:func:`app.workbook.reimport.is_plan_workbook`) is read as an edited plan
    whichever way it is opened, as the command line reads it: its Klassen sheet, the earlier plan
    and pins to the plan's own classes (a re-planned workbook's *Vastgezet*) hold."""
    from app.workbook.reimport import (
        edit_problem_issues,
        exported_learners,
        is_plan_workbook,
        load_edited_plan,
    )

    p = Path(path)
    if p.suffix.lower() == SUFFIX:
        return opened_project(load_project(p), p)
    edited_plan = edited_plan or is_plan_workbook(p)
    if edited_plan:
        result = load_edited_plan(p)
        # edits that cannot hold (pinned to a class they do not fit, more pinned than fit) are
        # input errors at their cell, as for the command line, not a plan the solver finds impossible
        cannot_hold = edit_problem_issues(result)
        if cannot_hold:
            result = replace(result, problem=None, issues=[*cannot_hold, *result.issues])
    else:
        result = load_problem(p)
    try:
        data = p.read_bytes()
    except OSError:
        data = None
    src = result.source
    source = Source(path=p, name=p.name, data=data, extras=result.extras, issues=list(result.issues),
                    name_column=src.name_column, learner_rows=dict(src.learner_rows),
                    learner_sheet=src.sheets.get("learners"), learner_columns=list(src.learner_columns),
                    started=result.started)
    return Opened(source, result.problem, None, dict(DEFAULT_SETTINGS),
                  plan_edits=list(result.plan_edits) if edited_plan else None,
                  exported=exported_learners(p) if edited_plan else None)


def opened_project(project: Project, path: Path | None) -> Opened:
    source = Source(path=None, name=project.source_name, data=project.source_bytes, extras=project.extras,
                    issues=list(project.issues), name_column=project.name_column,
                    learner_rows=dict(project.learner_rows), learner_sheet=None, started=project.started)
    settings = {**DEFAULT_SETTINGS, **project.settings}
    return Opened(source, project.problem, project.state, settings, path, plan_edits=project.plan_edits,
                  edited_from=project.edited_from)


class Session:
    """The open work: source, problem, plan state and settings (no Qt; the GUI observes it)."""

    def __init__(self) -> None:
        self.source = Source()
        self.problem: Problem | None = None
        self.state: PlanState | None = None
        self.settings: dict[str, Any] = dict(DEFAULT_SETTINGS)
        self.project_path: Path | None = None
        self.plan_edits: list[Any] | None = None
        """The edits of the opened plan workbook (None: not opened from an edited plan workbook)."""
        self.edited_from: Problem | None = None
        """The problem as the edited plan workbook gave it (the 'before' of :meth:`replan_changes`)."""

    @property
    def plan(self) -> Plan | None:
        return self.state.plan if self.state else None

    def replan_changes(self) -> Any:
        """What the current plan changed from the opened edited plan workbook
        (:class:`app.workbook.reimport.ReplanReport`): None without such a workbook or without a plan."""
        if self.plan_edits is None or self.edited_from is None or self.plan is None:
            return None
        from app.workbook.reimport import replan_report

        return replan_report(self.edited_from, self.plan_edits, self.plan)

    def load(self, opened: Opened) -> None:
        self.source = opened.source
        self.problem = opened.problem
        self.state = opened.state
        self.settings = {**DEFAULT_SETTINGS, **opened.settings}
        self.project_path = opened.project_path
        self.plan_edits = opened.plan_edits
        self.edited_from = opened.edited_from or (opened.problem if opened.plan_edits is not None else None)

    def holds_plan_of(self, opened: Opened) -> bool:
        """Whether ``opened`` is an edited plan workbook of the open project: a project is open and
        the workbook was exported with its learners (whatever was edited since), so it is to be read
        into the project rather than in its place."""
        return opened.problem is not None and self.is_plan_of_project(opened)

    def is_plan_of_project(self, opened: Opened) -> bool:
        """Whether ``opened`` is a plan workbook exported from the open project, read or not (with
        input errors its problem is None: it is then no reason to leave the project)."""
        return (self.project_path is not None and self.problem is not None and opened.plan_edits is not None
                and opened.exported == frozenset(lr.id for lr in self.problem.learners))

    def to_project(self, origin: str | None = None) -> Project:
        if self.problem is None:
            raise ValueError("no problem to save")
        return Project(problem=self.problem, state=self.state, extras=self.source.extras,
                       settings=dict(self.settings), source_name=self.source.name,
                       source_bytes=self.source.data, name_column=self.source.name_column,
                       issues=list(self.source.issues), learner_rows=dict(self.source.learner_rows),
                       origin=origin, plan_edits=self.plan_edits, edited_from=self.edited_from,
                       started=self.source.started)

    def learner_name(self, lid: str) -> str | None:
        """The learner's name if the input had a name column (display only, never logged)."""
        col = self.source.name_column
        if not col:
            return None
        value = self.source.extras.get(lid, {}).get(col)
        return None if value is None else str(value)


# ---- rows for the tables ------------------------------------------------------------------------
@dataclass(frozen=True)
class LearnerRow:
    """One learner as the tables show them (plan columns are None without a plan)."""

    id: str
    name: str | None
    route: str
    level: int
    stadsdeel: str | None
    postcode: str | None
    dayparts: frozenset[str]
    waiting_since: date
    available_from: date | None
    status: str | None
    priority: int
    pin: str | None
    class_id: str | None = None
    placed: bool | None = None
    start_date: date | None = None
    wait_weeks: int | None = None
    travel: int | None = None
    misfit: int | None = None
    reason: Message | None = None
    locked: bool = False


def learner_rows(problem: Problem, state: PlanState | None, extras: Mapping[str, Mapping[str, Any]] | None = None,
                 name_column: str | None = None, ids: Iterable[str] | None = None) -> list[LearnerRow]:
    """Rows for every learner (or for ``ids``, in that order)."""
    plan = state.plan if state else None
    locked = state.locks.learners if state else frozenset()
    by_id = problem.learner_by_id
    chosen = [by_id[i] for i in ids if i in by_id] if ids is not None else list(problem.learners)
    rows = []
    for lr in chosen:
        name = None
        if name_column and extras:
            value = extras.get(lr.id, {}).get(name_column)
            name = None if value is None else str(value)
        a = plan.assignments.get(lr.id) if plan else None
        rows.append(LearnerRow(
            id=lr.id, name=name, route=lr.route, level=lr.level,
            stadsdeel=stadsdeel_of(lr.home) if lr.home else None,
            postcode=normalize_pc4(lr.home) if lr.home else None,
            dayparts=lr.dayparts, waiting_since=lr.waiting_since, available_from=lr.available_from,
            status=lr.status, priority=lr.priority, pin=lr.pin,
            class_id=a.class_id if a else None, placed=a.placed if a else None,
            start_date=a.start_date if a else None, wait_weeks=a.wait_weeks if a else None,
            travel=a.travel_minutes if a else None, misfit=a.misfit if a else None,
            reason=a.reason if a else None, locked=lr.id in locked,
        ))
    return rows


@dataclass(frozen=True)
class ClassRow:
    """One class of the plan as the class table shows it."""

    id: str
    route: str
    location: str
    schedule: str
    schedule_text: str
    start_week: int
    start_date: date
    level: int
    level_min: int | None
    level_max: int | None
    size: int
    min_size: int | None
    max_size: int | None
    running: bool
    locked: bool
    travel_mean: float | None
    misfit_mean: float | None
    members: tuple[str, ...]
    problem_notes: int = 0

    @property
    def level_range(self) -> str:
        if self.level_min is None:
            return "-"
        return f"{self.level_min}–{self.level_max}"


def class_rows(problem: Problem, state: PlanState | None) -> list[ClassRow]:
    if state is None:
        return []
    plan = state.plan
    levels = {lr.id: lr.level for lr in problem.learners}
    notes_per_class: dict[str, int] = {}
    for n in state.notes:
        if n.class_id:
            notes_per_class[n.class_id] = notes_per_class.get(n.class_id, 0) + 1
    out = []
    for c in plan.classes:
        lv = [levels[m] for m in c.members if m in levels]
        route = problem.route_by_name.get(c.route)
        sched = problem.schedule_by_name.get(c.schedule)
        travel = [a.travel_minutes for m in c.members if (a := plan.assignments.get(m)) and a.travel_minutes is not None]
        misfit = [a.misfit for m in c.members if (a := plan.assignments.get(m)) and a.misfit is not None]
        lo: int | None
        hi: int | None
        if c.running:
            rc = problem.running_by_id.get(c.id)
            lo, hi = (None, rc.free_seats) if rc else (None, None)
        else:
            lo, hi = (route.min_size, route.max_size) if route else (None, None)
        out.append(ClassRow(
            id=c.id, route=c.route, location=c.location, schedule=c.schedule,
            schedule_text=short_schedule_text(sched.dayparts) if sched else c.schedule,
            start_week=c.start_week, start_date=c.start_date, level=c.level,
            level_min=min(lv) if lv else None, level_max=max(lv) if lv else None, size=c.size,
            min_size=lo, max_size=hi, running=c.running, locked=c.locked or c.id in state.locks.classes,
            travel_mean=statistics.fmean(travel) if travel else None,
            misfit_mean=statistics.fmean(misfit) if misfit else None, members=c.members,
            problem_notes=notes_per_class.get(c.id, 0),
        ))
    return out


@dataclass(frozen=True)
class RawRow:
    """A learner's row exactly as read from the file (shown when the file has errors)."""

    id: str
    row: int | None
    values: tuple[Any, ...]


def raw_rows(source: Source) -> tuple[list[str], list[RawRow]]:
    """The learner sheet as read: headers and one row per learner, in file order."""
    headers = list(source.learner_columns)
    if not headers:
        seen: dict[str, None] = {}
        for values in source.extras.values():
            seen.update(dict.fromkeys(values))
        headers = list(seen)
    order = sorted(source.extras, key=lambda lid: source.learner_rows.get(lid, 10**9))
    rows = [RawRow(lid, source.learner_rows.get(lid), tuple(source.extras[lid].get(h) for h in headers))
            for lid in order]
    return headers, rows


def level_histogram(rows: Iterable[LearnerRow], width: int = 10) -> dict[str, list[int]]:
    """Learners per route per leerbaarheid band of ``width`` points (0-9, 10-19, ..., 90-100)."""
    bins = 100 // width
    out: dict[str, list[int]] = {}
    for r in rows:
        counts = out.setdefault(r.route, [0] * bins)
        counts[min(bins - 1, max(0, r.level) // width)] += 1
    return dict(sorted(out.items()))


def figure_changes(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> dict[str, float]:
    """How each numeric key figure changed (new - old); empty without an earlier plan."""
    if not old:
        return {}
    out = {}
    for k, v in new.items():
        o = old.get(k)
        if isinstance(v, (int, float)) and isinstance(o, (int, float)) and v != o:
            out[k] = float(v) - float(o)
    return out


def target_label(target: str | None) -> str:
    return WAITLIST if target is None else target


# ---- erasure (issue 23.9) ------------------------------------------------------------------------
TRACES = Catalogue({
    "plan": ("het plan (klas, wachtlijst, vastzetting, meldingen)", "the plan (class, waiting list, lock, notes)"),
    "learner_list": ("de deelnemerslijst in Klasvormer", "the learner list in Klasvormer"),
    "own_columns": ("de eigen kolommen (naam, notities, ...)", "the own columns (name, notes, ...)"),
    "import_messages": ("meldingen bij het inlezen", "import messages"),
    "started_sheet": ("het blad Gestart (wie in eerdere planweken startte)",
                      "the sheet Gestart (who started in earlier planning weeks)"),
    "stored_input": (
        "het bewaarde invoerbestand (in zijn geheel; het project bewaart het niet meer)",
        "the stored input file (as a whole; the project no longer keeps it)",
    ),
    "project_saved": ("het project {path} (opnieuw opgeslagen)", "the project {path} (saved again)"),
    "project_not_saved": (
        "het project {path}: kon niet opnieuw worden opgeslagen ({error}); sla het project opnieuw op",
        "the project {path}: could not be saved again ({error}); save the project again",
    ),
    "recovery": ("het herstelbestand (automatisch opslaan)", "the recovery file (autosave)"),
    "recovery_failed": ("het herstelbestand {path} ({error})", "the recovery file {path} ({error})"),
    "input_file": (
        "het invoerbestand {path}: Klasvormer wijzigt het niet; haal de deelnemer er zelf uit",
        "the input file {path}: Klasvormer does not change it; remove the learner from it yourself",
    ),
    "exported": ("de geëxporteerde planwerkmap {path}", "the exported plan workbook {path}"),
    "copies": (
        "bestanden die u zelf heeft geëxporteerd, gekopieerd of gemaild (Klasvormer kan die niet bijwerken)",
        "files you exported, copied or mailed yourself (Klasvormer cannot update them)",
    ),
    "history": (
        "de bewerkgeschiedenis (ongedaan maken), de afwegingen en de simulatie",
        "the edit history (undo), the trade-off plans and the simulation",
    ),
    "given": ("{text}", "{text}"),  # a text finished in both languages
})
"""Where a learner's data was removed from or may still be (:class:`Trace` keys), Dutch and English."""


@dataclass(frozen=True, init=False)
class Trace(Bilingual):
    """A place a learner's data was removed from, or may still be: a key of :data:`TRACES`, its
    parameters and the file (``path``, also the parameter ``{path}``), in Dutch or English.

    ``Trace(nl, en)`` with two finished texts is still accepted (key ``"given"``)."""

    key: str
    params: dict[str, object]
    path: str | None

    def __init__(self, key: str, en: str | None = None, /, *, path: str | None = None, **params: object) -> None:
        if en is not None:
            key, params = "given", {"text": key, "text_en": en}
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "params", params)
        object.__setattr__(self, "path", path)

    def text(self, lang: str | None = None) -> str:
        return TRACES.text(self.key, "en" if lang == "en" else "nl", path=self.path, **self.params)


@dataclass
class Erasure:
    """What :func:`erase_learner` did: where traces were removed and where they may still be."""

    learner_id: str
    removed: list[Trace] = field(default_factory=list)
    remaining: list[Trace] = field(default_factory=list)


def erase_learner(session: Session, learner_id: str, *, recovery: RecoverySlot | None = None) -> Erasure:
    """Remove learner ``learner_id`` from everything the session holds and the files it wrote.

    The problem (and others' 'Niet met'), the plan (class, assignment, lock, notes, diagnosis),
    the learner's row of the input (own columns, row number, import messages naming them), the
    stored input workbook (dropped whole: its bytes cannot be edited safely), the project file
    the session was saved to (rewritten) and this instance's ``recovery`` file (rewritten
    if there is one). The caller clears any undo history that could bring the learner back.
    Files the planner exported, and the input file itself, are listed in ``remaining``.
    Raises :class:`~app.planner.editing.EditError` for an unknown learner.
    """
    src = session.source
    known = session.problem.learner_by_id if session.problem is not None else {}
    if learner_id not in known and learner_id not in src.extras and all(r.id != learner_id for r in src.started):
        raise EditError(f"onbekende deelnemer {learner_id}")
    out = Erasure(learner_id)
    removed, remaining = out.removed, out.remaining
    if session.problem is not None:
        problem = problem_without(session.problem, learner_id)
        if session.state is not None:
            session.state = state_without(problem, session.state, learner_id)
            removed.append(Trace("plan"))
        session.problem = problem
        removed.append(Trace("learner_list"))
    if session.edited_from is not None and session.plan_edits is not None:  # the change report names them no more
        session.edited_from = problem_without(session.edited_from, learner_id)
        session.plan_edits = [e for e in session.plan_edits if e.subject != learner_id]
    row = src.learner_rows.pop(learner_id, None)
    if src.extras.pop(learner_id, None) is not None:
        removed.append(Trace("own_columns"))
    if any(r.id == learner_id for r in src.started):
        src.started = tuple(r for r in src.started if r.id != learner_id)
        removed.append(Trace("started_sheet"))
    before = len(src.issues)
    src.issues = [i for i in src.issues
                  if not (row is not None and i.row == row and i.sheet in (src.learner_sheet, "Deelnemers", None))
                  and not any(learner_id in str(v) for v in (i.message, i.message_en, i.value))]
    if len(src.issues) < before:
        removed.append(Trace("import_messages"))
    if src.data is not None:
        src.data = None
        session.settings["keep_source"] = False
        removed.append(Trace("stored_input"))
    if session.problem is not None and session.project_path is not None and session.project_path.exists():
        path = session.project_path
        try:
            save_project(path, session.to_project())
            removed.append(Trace("project_saved", path=str(path)))
        except OSError as exc:
            remaining.append(Trace("project_not_saved", path=str(path), error=os_reason(exc)))
    if recovery is not None and recovery.path.exists():
        rec = recovery.path
        try:
            if session.problem is None:
                rec.unlink()
            else:
                origin = str(session.project_path or src.path or "") or None
                recovery.write(session.to_project(origin=origin))
            removed.append(Trace("recovery", path=str(rec)))
        except OSError as exc:
            remaining.append(Trace("recovery_failed", path=str(rec), error=os_reason(exc)))
    if src.path is not None and src.path.exists() and src.path.suffix.lower() != SUFFIX:
        remaining.append(Trace("input_file", path=str(src.path)))
    for export in session.settings.get("exports", []):
        if Path(export).exists():
            remaining.append(Trace("exported", path=str(export)))
    remaining.append(Trace("copies"))
    return out
