"""The plan workbook's Overzicht sheet: the plan's figures in words, what each objective term
means, and how to hand an edited plan back; in Dutch or English (``lang``; the words are in
:mod:`app.workbook.words`)."""

from __future__ import annotations

from typing import Any

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from app.workbook.canonical import (
    preset_name,
)
from app.workbook.words import (
    FIGURE_FORMATS,
    FIGURE_LABELS,
    PRESET_WORDS,
    STATUS,
    STATUS_EN,
    STATUS_NL,
    TERM_HELP,
    TERM_HELP_NL,
    WORDS,
    figure_label,
)
from app.workbook.xlsx_util import (
    DATE_FORMAT,
    bold,
    fit_row_height,
    print_setup,
    set_value,
    title,
    used_area,
    wrapped_lines,
    write_table,
)
from optimizer.domain import Problem
from optimizer.plan import OBJECTIVE_TERMS, TERM_LABELS, Plan

__all__ = ["FIGURE_LABELS", "STATUS_EN", "STATUS_NL", "TERM_HELP_NL", "overview_sheet", "status_text"]


def status_text(plan: Plan, lang: str = "nl") -> str:
    """The status in words (Dutch unless ``lang`` is ``"en"``); a plan changed by hand in the
    planner says so."""
    if plan.stats.get("edited"):
        return STATUS.text("edited", lang)
    return STATUS.text(plan.status, lang) if plan.status in STATUS else plan.status


# ---- Overzicht ---------------------------------------------------------------------------------
def _summary_rows(problem: Problem, plan: Plan, lang: str = "nl") -> list[tuple[str, Any, str | None, str | None]]:
    """The plan in words for a coordinator: (label, value, number format, explanation)."""
    f = plan.figures
    n = f.get("learners") or 0

    def w(key: str, **params: Any) -> str:
        return WORDS.text(key, lang, **params)

    def share(key: str) -> str | None:
        return w("share", share=f[key] / n) if n and key in f else None

    def figure(key: str, note: str | None) -> tuple[str, Any, str | None, str | None]:
        return (figure_label(key, lang), f.get(key), FIGURE_FORMATS.get(key), note)

    rows: list[tuple[str, Any, str | None, str | None]] = [
        (w("plan_date"), problem.plan_date, DATE_FORMAT, None),
        (w("horizon"), problem.horizon_weeks, None, w("horizon_note")),
    ]
    if not f:
        return rows
    placed = share("placed")
    joined = f.get("running_joined")
    if placed and joined:
        placed = w("share_joined", share=placed, joined=joined)
    rows += [
        figure("learners", w("learners_note")),
        figure("placed", placed),
        figure("waiting", w("waiting_note")),
        figure("classes_opened", w("classes_note")),
        figure("within_target", w("within_target_note", weeks=problem.target_weeks)),
        figure("wait_mean", w("wait_mean_note")),
        figure("wait_max", None),
        figure("travel_mean", w("travel_note")),
        figure("travel_max", None),
        figure("fill_mean", w("fill_note")),
        figure("misfit_mean", w("misfit_note")),
        figure("teacher_dayparts", w("dayparts_note")),
    ]
    return rows


SUMMARY_FIGURES = ("learners", "placed", "waiting", "running_joined", "classes_opened", "within_target",
                   "wait_mean", "wait_max", "travel_mean", "travel_max", "fill_mean", "misfit_mean",
                   "teacher_dayparts", "target_weeks")
"""Figures in the summary block (the rest goes to Technisch)."""


HAND_BACK = ("hand_back_move", "hand_back_read")
"""How to hand an edited plan back (:data:`WORDS` keys)."""
HAND_BACK_NL = tuple(WORDS.text(k, "nl") for k in HAND_BACK)


def overview_sheet(ws: Worksheet, problem: Problem, plan: Plan, pseudonymise: bool = False,
                   lang: str = "nl") -> None:
    """The plan in words first (key figures, points of attention, how to hand it back); then the
    technical block (settings, solver, objective) with what each number means; in ``lang``."""

    def w(key: str) -> str:
        return WORDS.text(key, lang)

    title(ws, 1, w("title_anonymous") if pseudonymise else w("title"))
    row = 3
    bold(ws, row, 1, w("in_brief"))
    for label, value, fmt, note in _summary_rows(problem, plan, lang):
        row += 1
        row = _overview_row(ws, row, label, value, fmt, note)
    row += 2
    if plan.diagnosis:
        bold(ws, row, 1, w("attention"))
        for m in plan.diagnosis:
            row += 1
            _note(ws, row, m.text(lang))  # wrapped within the printed width
        row += 2
    bold(ws, row, 1, w("hand_back"))
    for key in HAND_BACK:
        row += 1
        _note(ws, row, w(key))
    row += 2
    bold(ws, row, 1, w("technical"))
    gap = plan.gap if plan.gap != float("inf") else None
    preset = preset_name(problem)
    technical: list[tuple[str, Any, str | None, str | None]] = [
        (w("preset"), PRESET_WORDS.text(preset, lang) if preset in PRESET_WORDS else preset, None, w("preset_note")),
        (w("max_travel"), problem.max_travel, None, _max_travel_note(problem, lang)),
        (w("level_step"), problem.level_step, None, w("level_step_note")),
        (figure_label("target_weeks", lang), problem.target_weeks, None, w("target_note")),
        (w("status"), status_text(plan, lang), None, w("status_note")),
        (w("runtime"), round(plan.runtime, 1), "0.0", None),
        (w("objective"), plan.objective, None, w("objective_note")),
        (w("bound"), plan.bound, "0", w("bound_note")),
        (w("gap"), gap, "0.0%", w("gap_note")),
    ]
    for key, value in plan.figures.items():
        if key not in SUMMARY_FIGURES:
            technical.append((figure_label(key, lang), value, FIGURE_FORMATS.get(key), None))
    for label, value, fmt, note in technical:
        row += 1
        row = _overview_row(ws, row, label, value, fmt, note)
    row += 2
    last = write_table(ws, [w("term"), w("weight"), w("points"), w("term_share"), w("counts")],
                       _term_rows(problem, plan, lang), start_row=row, formats=[None, None, None, "0%", None],
                       freeze=False, autofilter=False)
    for r in range(row + 1, last + 1):
        for col in range(1, 6):
            ws.cell(row=r, column=col).alignment = Alignment(wrap_text=col == 5, vertical="top")
        fit_row_height(ws, r, wrapped_lines(str(ws.cell(row=r, column=5).value or ""), OVERVIEW_NOTE_WIDTH))
    ws.column_dimensions["A"].width = 38
    ws.column_dimensions["B"].width = OVERVIEW_VALUE_WIDTH
    for letter in "CD":
        ws.column_dimensions[letter].width = 9
    ws.column_dimensions["E"].width = OVERVIEW_NOTE_WIDTH
    print_setup(ws, area=used_area(ws, 5))


OVERVIEW_NOTE_WIDTH = 50


OVERVIEW_VALUE_WIDTH = 32


def _max_travel_note(problem: Problem, lang: str) -> str:
    """What the default Max reistijd means: the most anyone travels, unless a learner's own maximum
    or a route's allows more (then how much: a plan may show travel above the default)."""
    own = [m for m in (*(lr.max_travel for lr in problem.learners), *(r.max_travel for r in problem.routes))
           if m is not None and m > problem.max_travel]
    if not own:
        return WORDS.text("max_travel_note", lang)
    return WORDS.text("max_travel_note_own", lang, minutes=max(own))


def _overview_row(ws: Worksheet, row: int, label: str, value: Any, fmt: str | None, note: str | None) -> int:
    """Label (A), value (B, left aligned) and an explanation (C:E, merged, wrapped)."""
    set_value(ws.cell(row=row, column=1), label)
    cell = set_value(ws.cell(row=row, column=2), value, fmt)
    cell.alignment = Alignment(horizontal="left", vertical="top")
    ws.cell(row=row, column=1).alignment = Alignment(vertical="top")
    if note:
        _note(ws, row, note, first_col=3)
    return row


def _note(ws: Worksheet, row: int, text: str, first_col: int = 1) -> None:
    """Wrapped text merged from ``first_col`` to column E, in a row tall enough for it."""
    cell = set_value(ws.cell(row=row, column=first_col), text)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=row, start_column=first_col, end_row=row, end_column=5)
    width = {1: 38 + OVERVIEW_VALUE_WIDTH + 9 + 9, 3: 9 + 9}[first_col] + OVERVIEW_NOTE_WIDTH
    fit_row_height(ws, row, wrapped_lines(text, width))


def _term_rows(problem: Problem, plan: Plan, lang: str = "nl") -> list[list[Any]]:
    weights = problem.weights.as_dict()
    total = plan.objective or 0
    keys = [k for k in OBJECTIVE_TERMS if k in plan.terms] + [k for k in plan.terms if k not in OBJECTIVE_TERMS]
    return [[TERM_LABELS.text(k, lang) if k in TERM_LABELS else k, weights.get(k), plan.terms[k],
             plan.terms[k] / total if total else None, TERM_HELP.text(k, lang) if k in TERM_HELP else None]
            for k in keys]
