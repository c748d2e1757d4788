"""The next planning week: a plan's started classes carried over as running classes.

A coordinator who moves the plan date later (the next planning week) has classes that have
started since: :func:`next_week` turns the problem and its plan into the problem for the period
from the new plan date, as the simulation does each simulated week
(:func:`optimizer.carry.started_class`):

- every new class of the plan that started before the new date becomes a running class (same
  id, route, location, schedule, level, language and group; free seats = the route's maximum
  size minus its members who have started, i.e. whose start lies before the new date; end date =
  start + the route's ``duration_weeks``; newcomers until ``late_join_weeks`` after its start);
- a learner who has started (in such a class, or joining a running class) leaves the learners to
  plan and is listed in :attr:`NextWeek.started`; a running class's free seats drop by the
  learners who joined it;
- a class not yet started stays a known class of the earlier plan (its start week counted from
  the new date, locked as it was), and its learners keep it as their earlier class (the re-plan's
  start); a learner who joins a started class later keeps that class (now running);
- a running class that has ended by the new date (its end date on or before it) is dropped,
  as the importer drops an ended running class, and listed in :attr:`NextWeek.finished`;
- start weeks (the problem's and the routes') move along, repeating every plan period as in the
  simulation; the plan date becomes the new date.

Nothing is lost silently: every learner of the problem is either in the new problem or in
``started``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from app.workbook.started import Started, StartedRow, merged_started
from app.workbook.values import as_date, fmt_date, is_blank
from optimizer.carry import shifted_start_weeks, started_class
from optimizer.domain import WAITLIST, ClassSpec, Problem, RunningClass
from optimizer.messages import Bilingual, Catalogue
from optimizer.plan import Plan

__all__ = ["TEXTS", "NextWeek", "NextWeekError", "PlanDateError", "Started", "check_plan_date", "next_week",
           "next_week_writer", "parse_plan_date", "start_plan"]


TEXTS = Catalogue({
    "not_later": (
        "De nieuwe plandatum {new} ligt niet na de plandatum van {name} ({current}). Geef een latere datum, "
        "bijvoorbeeld een week later. Staat de nieuwe datum al op het blad Instellingen, zet daar dan de vorige "
        "plandatum terug: Klasvormer zet de nieuwe zelf in de werkmap van de volgende planweek.",
        "The new plan date {new} is not after the plan date of {name} ({current}). Give a later date, for "
        "example a week later. If the new date is already on the Instellingen sheet, put the earlier plan date "
        "back there: Klasvormer puts the new one in the workbook of the next planning week itself.",
    ),
    "not_whole_weeks": (
        "De nieuwe plandatum {new} ligt {days} dagen na de plandatum van {name} ({current}), geen hele weken. "
        "Klassen starten in weken vanaf de plandatum: geef een datum een veelvoud van 7 dagen later, "
        "bijvoorbeeld {next}.",
        "The new plan date {new} is {days} days after the plan date of {name} ({current}), not whole weeks. "
        "Classes start in weeks from the plan date: give a date a multiple of 7 days later, for example {next}.",
    ),
    "bad_date": (
        "'{value}' is geen datum: geef de nieuwe plandatum als DD-MM-JJJJ (of JJJJ-MM-DD, DD/MM/JJJJ), "
        "bijvoorbeeld 14-12-2026.",
        "'{value}' is not a date: give the new plan date as DD-MM-YYYY (or YYYY-MM-DD, DD/MM/YYYY), for "
        "example 14-12-2026.",
    ),
    "workbook": ("de werkmap", "the workbook"),
})
"""Why a new plan date is refused, for the command line and the window alike."""


class NextWeekError(ValueError, Bilingual):
    """The new plan date cannot follow this problem's: ``key`` names why (``not_later``,
    ``not_whole_weeks``); ``new`` and ``current`` the dates, ``days`` the days between.
    :meth:`text` says it (:data:`TEXTS`), naming the workbook ``name``."""

    def __init__(self, key: str, new: date, current: date, days: int | None = None) -> None:
        self.key, self.new, self.current, self.days = key, new, current, days
        super().__init__(f"{key}: new {new}, current {current}")

    @property
    def suggested(self) -> date:
        """The first date after ``new`` (or after the current plan date) whole weeks after the current one."""
        days = max(1, (self.new - self.current).days)
        return self.current + timedelta(weeks=-(-days // 7))

    def text(self, lang: str | None = None, *, name: str | None = None,
             day: Callable[[date], str] = fmt_date) -> str:
        """Why, in ``lang``; ``name`` the workbook (else 'de werkmap'), ``day`` writes a date."""
        english = lang == "en"
        where = name if name is not None else TEXTS.text("workbook", "en" if english else "nl")
        return TEXTS.text(self.key, "en" if english else "nl", name=where, new=day(self.new),
                          current=day(self.current), days=self.days or 0, next=day(self.suggested))

    def __str__(self) -> str:
        return self.text()


class PlanDateError(ValueError, Bilingual):
    """A new plan date that is no date (``value`` as typed); :meth:`text` says how to write one."""

    def __init__(self, value: str) -> None:
        self.value = value
        super().__init__(value)

    def text(self, lang: str | None = None) -> str:
        return TEXTS.text("bad_date", "en" if lang == "en" else "nl", value=self.value)

    def __str__(self) -> str:
        return self.text()


def parse_plan_date(text: str) -> date:
    """The new plan date as typed, for the command line's ``--plandatum`` and the window's dialog
    alike: DD-MM-JJJJ, JJJJ-MM-DD or DD/MM/JJJJ (and what else a workbook's date cell may hold as
    text: :func:`app.workbook.values.as_date`). Raises :class:`PlanDateError`."""
    if not is_blank(text):
        try:
            return as_date(str(text).strip())[0]
        except ValueError:
            pass
    raise PlanDateError(str(text))


def check_plan_date(current: date, new: date) -> int:
    """The whole weeks from ``current`` to ``new``; raises :class:`NextWeekError` when ``new`` is
    not later or not a whole number of weeks later."""
    days = (new - current).days
    if days <= 0:
        raise NextWeekError("not_later", new=new, current=current)
    if days % 7:
        raise NextWeekError("not_whole_weeks", new=new, current=current, days=days)
    return days // 7


@dataclass(frozen=True)
class NextWeek:
    """The problem from the new plan date, and what was carried over to make it."""

    problem: Problem
    started: tuple[Started, ...]
    """Learners who started before the new date (no longer to plan), by class and id."""
    carried: tuple[RunningClass, ...]
    """Classes of the plan that started before the new date, now running classes."""
    joined: dict[str, int]
    """Running class id -> learners who joined it before the new date (its free seats lowered)."""
    finished: tuple[RunningClass, ...]
    """Running classes (also carried ones) that ended on or before the new date, dropped."""
    kept: tuple[ClassSpec, ...]
    """Classes of the plan not yet started, as known classes of the new problem."""


def _plan_of(problem: Problem, plan: Plan | None) -> tuple[list[tuple[ClassSpec, date]], dict[str, tuple[str, date]]]:
    """The plan's new classes (as known classes, with their start) and each placed learner's
    class and start: from ``plan`` when given, else from ``problem.known_classes`` and
    ``problem.previous`` (a plan workbook as read back), a learner starting in a new class at its
    start or when available, whichever is later, and in a running class when available (as
    :func:`app.planner.editing.placed_assignment`)."""
    classes: list[tuple[ClassSpec, date]] = []
    entries: dict[str, tuple[str, date]] = {}
    if plan is not None:
        locked = {c.label for c in problem.known_classes if c.locked}
        for c in plan.classes:
            if not c.running:
                classes.append((ClassSpec(c.id, c.route, c.location, c.schedule, c.start_week, c.level, c.language,
                                          c.group, locked=c.locked or c.id in locked), c.start_date))
        for lid, a in plan.assignments.items():
            if a.class_id is not None and a.start_date is not None:
                entries[lid] = (a.class_id, a.start_date)
        return classes, entries
    known = problem.known_by_label
    for spec in problem.known_classes:
        classes.append((spec, problem.week_start(spec.start_week)))
    for lr in problem.learners:
        label = problem.previous.get(lr.id)
        if label is None:
            continue
        first = problem.available_week(lr)
        if label in problem.running_by_id:
            entries[lr.id] = (label, problem.week_start(first))
        elif label in known:
            entries[lr.id] = (label, problem.week_start(max(known[label].start_week, first)))
    return classes, entries


def next_week(problem: Problem, new_date: date, plan: Plan | None = None) -> NextWeek:
    """The problem for the planning period from ``new_date`` (see the module doc).

    ``plan``: the plan of ``problem``; without it, the plan ``problem`` carries as an earlier plan
    (``known_classes`` and ``previous``, as a plan workbook is read back). Raises
    :class:`NextWeekError` when ``new_date`` is not a whole number of weeks after the plan date."""
    weeks = check_plan_date(problem.plan_date, new_date)
    classes, entries = _plan_of(problem, plan)
    routes = problem.route_by_name
    by_id = problem.learner_by_id
    started: list[Started] = []
    members: dict[str, list[str]] = {}
    for lid, (cid, day) in sorted(entries.items()):
        if day < new_date and lid in by_id:
            members.setdefault(cid, []).append(lid)
    carried: list[RunningClass] = []
    kept: list[ClassSpec] = []
    for spec, start in classes:
        if start < new_date:
            rc = started_class(spec.label, routes[spec.route], spec.location, spec.schedule, spec.level, start,
                               len(members.get(spec.label, ())), problem.late_join_weeks, spec.language,
                               spec.group)
            carried.append(rc)
            started += [Started(by_id[lid], spec.label, entries[lid][1], False) for lid in members.get(spec.label, ())]
        else:
            kept.append(replace(spec, start_week=spec.start_week - weeks))
    joined: dict[str, int] = {}
    running: list[RunningClass] = []
    for rc in problem.running:
        n = len(members.get(rc.id, ()))
        if n:
            joined[rc.id] = n
            rc = replace(rc, free_seats=max(0, rc.free_seats - n))
            started += [Started(by_id[lid], rc.id, entries[lid][1], True) for lid in members[rc.id]]
        running.append(rc)
    running += carried
    finished = tuple(rc for rc in running if rc.end_date <= new_date)
    running = [rc for rc in running if rc.end_date > new_date]
    gone = {s.learner.id for s in started}
    live = {rc.id for rc in running} | {c.label for c in kept}
    ended = {rc.id for rc in finished} - live
    learners = []
    for lr in problem.learners:
        if lr.id in gone:
            continue
        if lr.not_with & gone:
            lr = replace(lr, not_with=lr.not_with - gone)
        if lr.pin in ended:
            lr = replace(lr, pin=None)  # pinned to a class that has ended: nothing to join
        learners.append(lr)
    previous = {lid: (label if label in live else None) for lid, label in _previous(problem, plan).items()
                if lid not in gone}
    period = max(1, problem.horizon_weeks)
    H = problem.horizon_weeks
    new_routes = tuple(replace(r, start_weeks=shifted_start_weeks(r.start_weeks, period, weeks, H))
                       for r in problem.routes)
    new_problem = replace(
        problem, plan_date=new_date, learners=tuple(learners), running=tuple(running), routes=new_routes,
        start_weeks=shifted_start_weeks(problem.start_weeks, period, weeks, H), known_classes=tuple(kept),
        previous=previous, held={},  # held on the old plan date: they have started
    )
    started.sort(key=lambda s: (s.class_id, s.learner.id))
    return NextWeek(new_problem, tuple(started), tuple(carried), joined, finished, tuple(kept))


def _previous(problem: Problem, plan: Plan | None) -> dict[str, str | None]:
    """Each learner's class in the earlier plan (None = waiting)."""
    if plan is None:
        return dict(problem.previous)
    return {lid: a.class_id for lid, a in plan.assignments.items()}


def start_plan(problem: Problem) -> Plan | None:
    """The earlier plan ``problem`` carries (its known classes and ``previous``) as a plan of
    ``problem`` itself, the re-plan's start (:func:`optimizer.solve.placements_from_previous`):
    to write the next period's plan workbook without planning again. None when that plan does
    not hold in ``problem`` (the independent validator refuses it)."""
    from optimizer.candidates import build_candidates
    from optimizer.solve import assemble_plan, placements_from_previous

    cand = build_candidates(problem)
    start = placements_from_previous(problem, cand)
    if start is None:
        return None
    return assemble_plan(problem, cand, *start, "HEURISTIC", 0.0, 0.0, [], {})


def next_week_writer(nw: NextWeek, extras: Mapping[str, Mapping[str, Any]] | None = None,
                     lang: str = "nl", *, earlier: Sequence[StartedRow] = (), pseudonymise: bool = False,
                     keep_columns: Sequence[str] = ()) -> tuple[Callable[[str | Path], Path], bool]:
    """How to write the workbook of the next period ``nw`` (the command line's ``next-week`` and
    the window's *Volgende planweek…*), and whether it holds the classes not yet started.

    A plan workbook of ``nw.problem`` with the earlier plan as its plan (:func:`start_plan`) and, on
    the sheet *Gestart*, ``earlier`` (the input workbook's sheet *Gestart*,
    :attr:`app.workbook.importer.ImportResult.started`) with the learners who started since added
    (:func:`app.workbook.started.merged_started`); when that plan does not hold in the new period,
    an input workbook with the learners, the running classes and *Gestart* (False: the classes not
    yet started are planned again). ``pseudonymise`` and ``keep_columns``: ids only, as
    :func:`app.workbook.export.write_plan_workbook` writes them (raises ``ValueError`` for a column
    it may not keep, before anything is written)."""
    from app.workbook.export import _name_column, pseudonymous_extras, write_plan_workbook
    from app.workbook.template import write_input_workbook

    if pseudonymise:
        pseudonymous_extras(extras, keep_columns)  # a column it may not keep: refused now, not at the write
    started = merged_started(earlier, nw.started, extras, _name_column(extras))
    keep = tuple(keep_columns)
    plan = start_plan(nw.problem)
    if plan is not None:
        kept = plan

        def write_plan(target: str | Path) -> Path:
            return write_plan_workbook(nw.problem, kept, target, extras=extras, lang=lang, started=started,
                                       pseudonymise=pseudonymise, keep_columns=keep)

        return write_plan, True

    # an input workbook has no Klassen sheet: a pin to a class not yet started would name nothing
    running = set(nw.problem.running_by_id) | {WAITLIST}
    alone = replace(nw.problem, learners=tuple(lr if lr.pin is None or lr.pin in running else replace(lr, pin=None)
                                               for lr in nw.problem.learners), known_classes=(), previous={})

    def write_input(target: str | Path) -> Path:
        return write_input_workbook(alone, target, extras, started=started, lang=lang, pseudonymise=pseudonymise,
                                    keep_columns=keep)

    return write_input, False
