"""The plan workbook: overview, classes, learners, waiting list, class lists and the input again.

:func:`write_plan_workbook` writes, in this order:

- *Overzicht*: plan date, settings, solver status, objective per term, bound and gap,
  kerncijfers with Dutch labels, and the diagnosis messages;
- *Klassen*: one row per class (new and running classes taking newcomers);
- *Deelnemers*: every learner with Klas, Startdatum, Wachtweken, Reistijd, Niveauverschil and
  Wachtreden, then the canonical learner columns and the learner's own kept columns. The
  planner may edit Klas and hand the workbook back (:mod:`app.reimport`);
- *Wachtlijst*; *Afwegingen* (when a trade-off list is given); one sheet per class for teachers;
- the canonical input sheets (Locaties, Lesroosters, Routes, Docenten, Instellingen, Lopende
  klassen, Reistijden), so the workbook re-imports as a problem;
- a hidden sheet ``_Klasvormer`` with each learner's class as exported and each class as
  exported, so edits can be detected on re-import.

Waiting weeks above ``problem.target_weeks`` are shown in red. The file is written atomically.

With ``pseudonymise=True`` the workbook is fit to share (with a municipality, say): learners
appear by id only. No name, no notes and none of the learner's own columns except those named
in ``keep_columns`` reach any sheet (Deelnemers, Wachtlijst, the class lists, the input sheets);
homes are written as they are planned with, a postcode's four digits or a stadsdeel. The
Overzicht says the workbook was made without names.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from optimizer.dayparts import format_dayparts, short_schedule_text
from optimizer.domain import Learner, Problem
from optimizer.plan import OBJECTIVE_TERMS, TERM_LABELS_NL, Assignment, Plan, PlannedClass

from .canonical import (
    VALIDATION_ROWS,
    dayparts_text,
    extra_headers,
    preset_name,
    write_input_sheets,
    write_learner_sheet,
)
from .schema import CLASSES, LEARNERS
from .xlsx_util import (
    DATE_FORMAT,
    RED_FILL,
    atomic_save,
    autosize,
    bold,
    gc_paused,
    quote_sheet,
    set_value,
    sheet_title,
    title,
    write_row,
    write_table,
)

MARKER_SHEET = "_Klasvormer"
MARKER_VERSION = 1
WAITLIST_TEXT = "wachtlijst"
PLAN_LEARNER_KEYS = ("class", "start_date", "wait_weeks", "travel_minutes", "misfit", "reason")

FIGURE_LABELS: dict[str, tuple[str, str | None]] = {
    "learners": ("Deelnemers", None),
    "placed": ("Geplaatst", None),
    "waiting": ("Wachtend", None),
    "running_joined": ("Ingestroomd in lopende klassen", None),
    "classes_opened": ("Nieuwe klassen", None),
    "wait_mean": ("Wachtweken gemiddeld", "0.0"),
    "wait_median": ("Wachtweken mediaan", "0.0"),
    "wait_p90": ("Wachtweken P90", "0.0"),
    "wait_max": ("Wachtweken maximum", None),
    "placed_wait_mean": ("Wachtweken gemiddeld (geplaatsten)", "0.0"),
    "target_weeks": ("Streeftermijn (weken)", None),
    "within_target": ("Aandeel gestart binnen streeftermijn", "0%"),
    "misfit_mean": ("Gemiddeld niveauverschil", "0.0"),
    "spread_mean": ("Gemiddelde spreiding per klas", "0.0"),
    "travel_mean": ("Reistijd gemiddeld (min)", "0"),
    "travel_max": ("Reistijd maximum (min)", None),
    "fill_mean": ("Gemiddelde bezetting", "0%"),
    "teacher_dayparts": ("Docent-dagdelen", None),
}
"""Figure key -> (Dutch label, number format)."""

STATUS_NL = {
    "OPTIMAL": "optimaal",
    "FEASIBLE": "goed plan (niet bewezen optimaal)",
    "HEURISTIC": "heuristisch plan",
    "INFEASIBLE": "onmogelijk",
    "NO_SOLUTION": "geen oplossing gevonden",
}


def status_text(plan: Plan) -> str:
    """Dutch status; a plan changed by hand in the planner says so."""
    if plan.stats.get("edited"):
        return "met de hand aangepast"
    return STATUS_NL.get(plan.status, plan.status)


TRADEOFF_FIGURES = ("placed", "waiting", "wait_mean", "wait_p90", "within_target", "misfit_mean",
                    "spread_mean", "travel_mean", "classes_opened")


def write_plan_workbook(problem: Problem, plan: Plan, path: str | Path,
                        extras: Mapping[str, Mapping[str, Any]] | None = None,
                        tradeoff: Sequence[tuple[str, Plan]] | None = None, *,
                        class_sheets: bool = True, pseudonymise: bool = False,
                        keep_columns: Sequence[str] = (), overwrite_readonly: bool = False,
                        changes: Any = None) -> Path:
    """Write the plan workbook (see module docstring) and return its path (mode 0600 when new;
    a read-only ``path`` is replaced only with ``overwrite_readonly``).

    ``pseudonymise``: ids only, no names, notes or own columns but ``keep_columns`` (see
    :func:`pseudonymous_extras`, which raises ``ValueError`` for a column it may not keep).
    ``changes``: the change report of a re-plan (:class:`app.reimport.ReplanReport`), written
    as the sheet *Wijzigingen*.
    """
    if pseudonymise:
        extras = pseudonymous_extras(extras, keep_columns)
        problem = _neutral_households(problem)
    with gc_paused():
        wb = Workbook()
        wb.remove(wb.active)
        name_col = _name_column(extras)
        _overview(wb.create_sheet("Overzicht"), problem, plan, pseudonymise)
        _classes(wb.create_sheet(CLASSES.nl), problem, plan)
        _learners(wb, problem, plan, extras)
        _waitlist(wb.create_sheet("Wachtlijst"), problem, plan, extras, name_col)
        if changes is not None:
            _changes(wb.create_sheet(CHANGES_SHEET), changes)
        if tradeoff:
            _tradeoff(wb.create_sheet("Afwegingen"), tradeoff)
        if class_sheets:
            for c in plan.classes:
                ws = wb.create_sheet(sheet_title(f"Klas {c.id}", wb.sheetnames))
                _class_list(ws, problem, plan, c, extras, name_col)
        write_input_sheets(wb, problem, extras, learner_sheet=False, validations=True)
        _marker(wb, problem, plan)
        wb.active = 0
        return atomic_save(wb, path, overwrite_readonly=overwrite_readonly)


# ---- without names -------------------------------------------------------------------------------
def shareable_columns(extras: Mapping[str, Mapping[str, Any]] | None) -> list[str]:
    """The learners' own columns a pseudonymised workbook may keep, in order: every kept column
    that the plan workbook writes, except names and notes."""
    out = []
    for header in extra_headers(extras):
        spec = LEARNERS.match(header)
        if spec is None or spec.key not in ("name", "notes"):
            out.append(header)
    return out


def pseudonymous_extras(extras: Mapping[str, Mapping[str, Any]] | None,
                        keep_columns: Sequence[str] = ()) -> dict[str, dict[str, Any]]:
    """Each learner's own columns reduced to ``keep_columns`` (names and notes never).

    Raises ``ValueError`` (Dutch text) for a name or notes column, or a column the input does
    not have, so a typing error never passes silently.
    """
    allowed = shareable_columns(extras)
    by_fold = {h.strip().casefold(): h for h in allowed}
    chosen: list[str] = []
    for col in keep_columns:
        spec = LEARNERS.match(col)
        if spec is not None and spec.key in ("name", "notes"):
            raise ValueError(f"Kolom '{col}' bevat namen of notities en gaat nooit mee in een export zonder namen.")
        header = by_fold.get(col.strip().casefold())
        if header is None:
            choices = ", ".join(allowed) or "geen"
            raise ValueError(f"Kolom '{col}' staat niet in de deelnemerslijst; te kiezen: {choices}.")
        chosen.append(header)
    return {lid: {h: row.get(h) for h in chosen} for lid, row in (extras or {}).items()}


def _neutral_households(problem: Problem) -> Problem:
    """``problem`` with each Samen label (a household; a provider may use a family name) replaced
    by a neutral code S1, S2, ... in order of first appearance: who goes together stays visible."""
    codes: dict[str, str] = {}
    for lr in problem.learners:
        if lr.together is not None and lr.together not in codes:
            codes[lr.together] = f"S{len(codes) + 1}"
    if not codes:
        return problem
    learners = tuple(replace(lr, together=codes[lr.together]) if lr.together is not None else lr
                     for lr in problem.learners)
    return replace(problem, learners=learners)


# ---- Overzicht ---------------------------------------------------------------------------------
def _overview(ws: Worksheet, problem: Problem, plan: Plan, pseudonymise: bool = False) -> None:
    title(ws, 1, "Klasvormer - plan (zonder namen: deelnemers alleen met id)" if pseudonymise
          else "Klasvormer - plan")
    rows: list[tuple[str, Any, str | None]] = [
        ("Plandatum", problem.plan_date, DATE_FORMAT),
        ("Planperiode (weken)", problem.horizon_weeks, None),
        ("Afweging", preset_name(problem), None),
        ("Gewichten", ", ".join(f"{TERM_LABELS_NL.get(k, k)} {v}" for k, v in problem.weights.as_dict().items()), None),
        ("Max reistijd (min)", problem.max_travel, None),
        ("Niveaustap", problem.level_step, None),
        ("Streeftermijn (weken)", problem.target_weeks, None),
        ("Solverstatus", status_text(plan), None),
        ("Rekentijd (s)", round(plan.runtime, 1), "0.0"),
        ("Doelfunctie", plan.objective, None),
        ("Ondergrens", plan.bound, "0"),
        ("Gat", plan.gap if plan.gap != float("inf") else None, "0.0%"),
    ]
    row = 3
    for label, value, fmt in rows:
        bold(ws, row, 1, label)
        set_value(ws.cell(row=row, column=2), value, fmt)
        row += 1
    row += 1
    bold(ws, row, 1, "Kerncijfers")
    row += 1
    for key, value in plan.figures.items():
        label, fmt = FIGURE_LABELS.get(key, (key, None))
        set_value(ws.cell(row=row, column=1), label)
        set_value(ws.cell(row=row, column=2), value, fmt)
        row += 1
    row += 1
    last = write_table(ws, ["Onderdeel doelfunctie", "Gewicht", "Punten", "Aandeel"], _term_rows(problem, plan),
                       start_row=row, formats=[None, None, None, "0%"], freeze=False, autofilter=False)
    row = last + 2
    if plan.diagnosis:
        bold(ws, row, 1, "Diagnose")
        for m in plan.diagnosis:
            row += 1
            set_value(ws.cell(row=row, column=1), m.text("nl"))
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 60
    for col in "CD":
        ws.column_dimensions[col].width = 12


def _term_rows(problem: Problem, plan: Plan) -> list[list[Any]]:
    weights = problem.weights.as_dict()
    total = plan.objective or 0
    keys = [k for k in OBJECTIVE_TERMS if k in plan.terms] + [k for k in plan.terms if k not in OBJECTIVE_TERMS]
    return [[TERM_LABELS_NL.get(k, k), weights.get(k), plan.terms[k], plan.terms[k] / total if total else None]
            for k in keys]


# ---- Klassen -----------------------------------------------------------------------------------
def _class_travel(plan: Plan, c: PlannedClass) -> float | None:
    minutes = [a.travel_minutes for m in c.members if (a := plan.assignments.get(m)) and a.travel_minutes is not None]
    return round(statistics.fmean(minutes), 1) if minutes else None


def _level_range(problem: Problem, c: PlannedClass) -> str | None:
    levels = [problem.learner_by_id[m].level for m in c.members if m in problem.learner_by_id]
    return f"{min(levels)}-{max(levels)}" if levels else None


def _yes(flag: bool) -> str:
    return "ja" if flag else "nee"


def class_row(problem: Problem, plan: Plan, c: PlannedClass) -> list[Any]:
    sched = problem.schedule_by_name.get(c.schedule)
    dayparts = format_dayparts(sched.dayparts) if sched else None
    return [c.id, c.route, c.location, c.schedule, dayparts, c.start_date, c.start_week, c.level,
            _level_range(problem, c), c.size, _class_travel(plan, c), c.language, c.group,
            _yes(c.running), _yes(c.locked)]


def _classes(ws: Worksheet, problem: Problem, plan: Plan) -> None:
    headers = [c.nl for c in CLASSES.columns]
    formats = [DATE_FORMAT if c.key == "start_date" else ("0.0" if c.key == "travel_mean" else None)
               for c in CLASSES.columns]
    comments = [c.help for c in CLASSES.columns]
    write_table(ws, headers, [class_row(problem, plan, c) for c in plan.classes], formats=formats,
                comments=comments)
    for key in ("running", "locked"):  # Vast = ja locks a class on re-import
        letter = get_column_letter([c.key for c in CLASSES.columns].index(key) + 1)
        dv = DataValidation(type="list", formula1='"ja,nee"', allow_blank=True)
        dv.add(f"{letter}2:{letter}{max(VALIDATION_ROWS, len(plan.classes) + 1)}")
        ws.add_data_validation(dv)
    autosize(ws)


# ---- Deelnemers --------------------------------------------------------------------------------
def _plan_values(plan: Plan) -> Any:
    def values(lr: Learner) -> list[Any]:
        a = plan.assignments.get(lr.id)
        if a is None:
            return [None] * len(PLAN_LEARNER_KEYS)
        return [a.class_id or WAITLIST_TEXT, a.start_date, a.wait_weeks, a.travel_minutes, a.misfit,
                a.reason.text("nl") if a.reason else None]
    return values


def _learners(wb: Workbook, problem: Problem, plan: Plan, extras: Mapping[str, Mapping[str, Any]] | None) -> None:
    headers = [LEARNERS.column(k).nl for k in PLAN_LEARNER_KEYS]
    ws = write_learner_sheet(wb, problem, extras, plan_headers=headers, plan_values=_plan_values(plan),
                             plan_formats=[None, DATE_FORMAT, None, None, None, None])
    _red_over_target(ws, 4, len(problem.learners) + 1, problem.target_weeks)


def _red_over_target(ws: Worksheet, col: int, last_row: int, target: int) -> None:
    letter = get_column_letter(col)
    ws.conditional_formatting.add(f"{letter}2:{letter}{max(last_row, 2)}",
                                  CellIsRule(operator="greaterThan", formula=[str(target)], fill=RED_FILL))


def _name_column(extras: Mapping[str, Mapping[str, Any]] | None) -> str | None:
    for row in (extras or {}).values():
        for header in row:
            spec = LEARNERS.match(header)
            if spec is not None and spec.key == "name":
                return header
        return None
    return None


def _name(extras: Mapping[str, Mapping[str, Any]] | None, name_col: str | None, lid: str) -> Any:
    if not name_col or not extras:
        return None
    return extras.get(lid, {}).get(name_col)


# ---- Wachtlijst --------------------------------------------------------------------------------
def _waitlist(ws: Worksheet, problem: Problem, plan: Plan, extras: Mapping[str, Mapping[str, Any]] | None,
              name_col: str | None) -> None:
    headers = ["Id", *([name_col] if name_col else []), "Route", "Leerbaarheid", "Wacht sinds",
               "Wachtweken", "Wachtreden"]
    rows = []
    for a in sorted(plan.waiting(), key=lambda a: (-a.wait_weeks, a.learner_id)):
        lr = problem.learner_by_id.get(a.learner_id)
        if lr is None:
            continue
        rows.append([lr.id, *([_name(extras, name_col, lr.id)] if name_col else []), lr.route, lr.level,
                     lr.waiting_since, a.wait_weeks, a.reason.text("nl") if a.reason else None])
    formats = [None, *([None] if name_col else []), None, None, DATE_FORMAT, None, None]
    write_table(ws, headers, rows, formats=formats)
    _red_over_target(ws, headers.index("Wachtweken") + 1, len(rows) + 1, problem.target_weeks)
    autosize(ws)


# ---- Wijzigingen -------------------------------------------------------------------------------
CHANGES_SHEET = "Wijzigingen"
CHANGES_HEADERS = ("Soort", "Id", "Van", "Naar", "Reden")


def _changes(ws: Worksheet, changes: Any) -> None:
    """The re-plan's change report: who moved from which class to which and why, classes whose
    start shifted, that opened or closed (``changes``: :class:`app.reimport.ReplanReport`)."""
    write_table(ws, list(CHANGES_HEADERS), changes.rows("nl"), start_row=4)
    autosize(ws)
    title(ws, 1, "Wijzigingen ten opzichte van het bewerkte plan")
    set_value(ws.cell(row=2, column=1), changes.summary("nl"))


# ---- Afwegingen --------------------------------------------------------------------------------
def _tradeoff(ws: Worksheet, tradeoff: Sequence[tuple[str, Plan]]) -> None:
    headers = ["Afweging", "Status", "Doelfunctie", *[FIGURE_LABELS[k][0] for k in TRADEOFF_FIGURES],
               *[f"Punten {TERM_LABELS_NL[k]}" for k in OBJECTIVE_TERMS]]
    formats = [None, None, None, *[FIGURE_LABELS[k][1] for k in TRADEOFF_FIGURES], *[None] * len(OBJECTIVE_TERMS)]
    rows = [[label, status_text(p), p.objective, *[p.figures.get(k) for k in TRADEOFF_FIGURES],
             *[p.terms.get(k) for k in OBJECTIVE_TERMS]] for label, p in tradeoff]
    write_table(ws, headers, rows, formats=formats)
    autosize(ws)


# ---- class lists -------------------------------------------------------------------------------
def _class_list(ws: Worksheet, problem: Problem, plan: Plan, c: PlannedClass,
                extras: Mapping[str, Mapping[str, Any]] | None, name_col: str | None) -> None:
    sched = problem.schedule_by_name.get(c.schedule)
    title(ws, 1, f"Klas {c.id}" + (" (lopende klas: nieuwe deelnemers)" if c.running else ""))
    info = [("Route", c.route, None), ("Locatie", c.location, None),
            ("Lesrooster", f"{c.schedule} ({short_schedule_text(sched.dayparts)})" if sched else c.schedule, None),
            ("Startdatum", c.start_date, DATE_FORMAT), ("Niveau", c.level, None),
            ("Aantal deelnemers", c.size, None)]
    for row, (label, value, fmt) in enumerate(info, start=2):
        bold(ws, row, 1, label)
        set_value(ws.cell(row=row, column=2), value, fmt)
    headers = ["Id", *([name_col] if name_col else []), "Leerbaarheid", "Dagdelen", "Startdatum"]
    rows = []
    for m in c.members:
        lr = problem.learner_by_id.get(m)
        a: Assignment | None = plan.assignments.get(m)
        rows.append([m, *([_name(extras, name_col, m)] if name_col else []), lr.level if lr else None,
                     dayparts_text(lr.dayparts) if lr else None, a.start_date if a else c.start_date])
    formats = [None, *([None] if name_col else []), None, None, DATE_FORMAT]
    write_table(ws, headers, rows, start_row=len(info) + 3, formats=formats)
    autosize(ws)
    ws.column_dimensions["A"].width = max(ws.column_dimensions["A"].width or 0, 18)


# ---- hidden marker -----------------------------------------------------------------------------
MARKER_CLASS_HEADERS = ("Klas", "Route", "Locatie", "Lesrooster", "Startdatum", "Niveau", "Taal", "Groep", "Vast")


def _marker(wb: Workbook, problem: Problem, plan: Plan) -> None:
    """Hidden sheet: learner -> class as exported (A:B), classes as exported (D:L), class choices (N)."""
    ws = wb.create_sheet(MARKER_SHEET)
    ws.sheet_state = "hidden"
    write_row(ws, 1, ["Klasvormer planwerkmap", MARKER_VERSION])
    write_row(ws, 2, ["Deelnemer", "Klas"])
    for row, lr in enumerate(problem.learners, start=3):
        a = plan.assignments.get(lr.id)
        write_row(ws, row, [lr.id, (a.class_id or WAITLIST_TEXT) if a else None])
    for col, header in enumerate(MARKER_CLASS_HEADERS, start=4):
        set_value(ws.cell(row=2, column=col), header)
    for row, c in enumerate(plan.classes, start=3):
        values = [c.id, c.route, c.location, c.schedule, c.start_date, c.level, c.language, c.group, _yes(c.locked)]
        for col, value in enumerate(values, start=4):
            if value is not None:
                set_value(ws.cell(row=row, column=col), value)
    choices = [c.id for c in plan.classes] + [WAITLIST_TEXT]
    set_value(ws.cell(row=2, column=14), "Keuzes Klas")
    for row, value in enumerate(choices, start=3):
        set_value(ws.cell(row=row, column=14), value)
    learners = wb[LEARNERS.nl]
    ref = f"{quote_sheet(MARKER_SHEET)}!$N$3:$N${len(choices) + 2}"
    dv = DataValidation(type="list", formula1=ref, allow_blank=True, showErrorMessage=True, errorStyle="warning")
    dv.error = "Kies een klas uit het blad Klassen of 'wachtlijst'."
    dv.errorTitle = "Klasvormer"
    dv.add(f"B2:B{max(VALIDATION_ROWS, len(problem.learners) + 1)}")
    learners.add_data_validation(dv)

