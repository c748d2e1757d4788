"""Where learners can be moved: the waiting list and every class, with whether they fit there."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

from app.planner.editing import PlanState, explanation_problem, fit_of
from optimizer.domain import Problem
from ui.i18n import N_, date_text, lang_arg, language, tr
from ui.models.base import CENTER, LEFT, RIGHT, Column, RowTableModel
from ui.style import WARN_BG

WAITLIST_ROW = "__wachtlijst__"


@dataclass(frozen=True)
class TargetRow:
    """A place a learner can be moved to: a class (with fit) or the waiting list."""

    id: str
    label: str
    location: str
    schedule: str
    start: str
    level: str
    size: str
    ok: bool
    fit: str
    order: int


def target_columns() -> list[Column]:
    return [
        Column("label", N_("Naar"), lambda r: r.label),
        Column("location", N_("Locatie"), lambda r: r.location),
        Column("schedule", N_("Rooster"), lambda r: r.schedule),
        Column("start", N_("Start"), lambda r: r.start, lambda r: r.order, RIGHT),
        Column("level", N_("Niveau"), lambda r: r.level, align=RIGHT),
        Column("size", N_("Grootte na"), lambda r: r.size, align=CENTER),
        Column("fit", N_("Past?"), lambda r: r.fit, lambda r: (0 if r.ok else 1) * 10**6 + r.order + 1, LEFT, tip=lambda r: r.fit),
    ]


class TargetModel(RowTableModel):
    def __init__(self) -> None:
        super().__init__(target_columns())

    def background(self, row: TargetRow) -> QColor | None:
        return None if row.ok else QColor(WARN_BG)


def target_rows(problem: Problem, state: PlanState, learner_ids: list[str], same_route_only: bool) -> list[TargetRow]:
    """The waiting list and every class, with whether the (first) learner fits there."""
    from optimizer.dayparts import short_schedule_text

    plan = state.plan
    first = learner_ids[0]
    lr = problem.learner_by_id[first]
    current = plan.assignments[first].class_id
    rows = [TargetRow(WAITLIST_ROW, tr("Wachtlijst"), "", "", "", "", "", True, tr("altijd mogelijk"), -1)]
    explained = explanation_problem(problem, state)
    for c in plan.classes:
        if c.id == current or (same_route_only and c.route != lr.route):
            continue
        fit = fit_of(problem, state, first, c.id, explained)
        sched = problem.schedule_by_name.get(c.schedule)
        extra = len(learner_ids) - 1 if len(learner_ids) > 1 else 0
        size = f"{fit.size_after + extra}" + (f" / {fit.max_size}" if fit.max_size is not None else "")
        rows.append(TargetRow(
            c.id, c.id + (" " + tr("(lopend)") if c.running else ""), c.location,
            short_schedule_text(sched.dayparts, language()) if sched else c.schedule,
            date_text(c.start_date), str(c.level), size, fit.ok,
            tr("past") if fit.ok else fit.text(lang_arg()), c.start_week))
    return rows
