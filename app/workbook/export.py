"""The plan workbook: overview, classes, learners, waiting list, class lists and the input again.

:func:`write_plan_workbook` writes, in this order:

- *Overzicht*: plan date, settings, solver status, objective per term, bound and gap,
  kerncijfers with Dutch labels, and the diagnosis messages;
- *Klassen*: one row per class (new and running classes taking newcomers);
- *Deelnemers*: every learner with Klas, Startdatum, Wachtweken, Reistijd, Niveauverschil and
  Wachtreden, then the canonical learner columns and the learner's own kept columns. The
  planner may edit Klas and hand the workbook back (:mod:`app.workbook.reimport`);
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

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from app.workbook.canonical import (
    VALIDATION_ROWS,
    extra_headers,
    preset_name,
    write_input_sheets,
    write_learner_sheet,
)
from app.workbook.schema import CLASSES, LEARNERS
from app.workbook.xlsx_util import (
    DATE_FORMAT,
    RED_FILL,
    atomic_save,
    autosize,
    bold,
    fit_row_height,
    gc_paused,
    print_setup,
    quote_sheet,
    set_value,
    sheet_title,
    title,
    used_area,
    wrap_column,
    wrapped_lines,
    write_row,
    write_table,
)
from optimizer.dayparts import WORKDAYS, days_by_part, format_dayparts
from optimizer.domain import Learner, Problem
from optimizer.plan import OBJECTIVE_TERMS, TERM_LABELS_NL, Assignment, Plan, PlannedClass

MARKER_SHEET = "_Klasvormer"
MARKER_VERSION = 1
WAITLIST_TEXT = "wachtlijst"
RELEASE_TEXT = "vrij"
WAIT_REASON_WIDTH = 80
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
                        tradeoff: Sequence[tuple[str, Plan] | tuple[str, Plan, Mapping[str, Any]]] | None = None,
                        *,
                        class_sheets: bool = True, pseudonymise: bool = False,
                        keep_columns: Sequence[str] = (), overwrite_readonly: bool = False,
                        changes: Any = None) -> Path:
    """Write the plan workbook (see module docstring) and return its path (mode 0600 when new;
    a read-only ``path`` is replaced only with ``overwrite_readonly``).

    ``pseudonymise``: ids only, no names, notes or own columns but ``keep_columns`` (see
    :func:`pseudonymous_extras`, which raises ``ValueError`` for a column it may not keep).
    ``changes``: the change report of a re-plan (:class:`app.workbook.reimport.ReplanReport`), written
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
TERM_HELP_NL = {
    "wait": "wachtweken van elke deelnemer (maal de prioriteit); wie wacht telt tot na de planperiode",
    "misfit": "verschil tussen de leerbaarheid van de deelnemer en het niveau van de klas",
    "travel": "reisminuten naar de leslocatie",
    "daypart": "les op een dagdeel dat niet de voorkeur van de deelnemer heeft",
    "language": "klas zonder de voorkeurstaal van de deelnemer",
    "move": "deelnemers die een andere klas krijgen dan in het vorige plan",
    "new_class": "elke nieuwe klas (docent en lokaal)",
}
"""Objective term -> what its points count, for the Technisch block of the Overzicht."""


def _summary_rows(problem: Problem, plan: Plan) -> list[tuple[str, Any, str | None, str | None]]:
    """The plan in words for a coordinator: (label, value, number format, explanation)."""
    f = plan.figures
    n = f.get("learners") or 0

    def share(key: str) -> str | None:
        return f"{f[key] / n:.0%} van de deelnemers" if n and key in f else None

    rows: list[tuple[str, Any, str | None, str | None]] = [
        ("Plandatum", problem.plan_date, DATE_FORMAT, None),
        ("Planperiode (weken)", problem.horizon_weeks, None, "klassen starten binnen deze weken na de plandatum"),
    ]
    if not f:
        return rows
    placed = share("placed")
    joined = f.get("running_joined")
    if placed and joined:
        placed += f", van wie {joined} in lopende klassen"
    rows += [
        ("Deelnemers", f.get("learners"), None, "op het blad Deelnemers"),
        ("Geplaatst", f.get("placed"), None, placed),
        ("Wachtend", f.get("waiting"), None, "op het blad Wachtlijst, met de reden"),
        ("Nieuwe klassen", f.get("classes_opened"), None,
         "op het blad Klassen; per klas een klassenlijst (bladen 'Klas ...')"),
        ("Aandeel gestart binnen streeftermijn", f.get("within_target"), "0%",
         f"start binnen {problem.target_weeks} weken na aanmelding (wacht sinds)"),
        ("Wachtweken gemiddeld", f.get("wait_mean"), "0.0", "van aanmelding tot start; wie wacht telt tot na de "
         "planperiode"),
        ("Wachtweken maximum", f.get("wait_max"), None, None),
        ("Reistijd gemiddeld (min)", f.get("travel_mean"), "0", "enkele reis naar de leslocatie"),
        ("Reistijd maximum (min)", f.get("travel_max"), None, None),
        ("Gemiddelde bezetting", f.get("fill_mean"), "0%", "deelnemers per nieuwe klas, als deel van het maximum"),
        ("Gemiddeld niveauverschil", f.get("misfit_mean"), "0.0",
         "verschil in leerbaarheid tussen deelnemer en klasniveau (0-100)"),
        ("Docent-dagdelen", f.get("teacher_dayparts"), None, "dagdelen per week waarop de nieuwe klassen les hebben"),
    ]
    return rows


SUMMARY_FIGURES = ("learners", "placed", "waiting", "running_joined", "classes_opened", "within_target",
                   "wait_mean", "wait_max", "travel_mean", "travel_max", "fill_mean", "misfit_mean",
                   "teacher_dayparts", "target_weeks")
"""Figures in the summary block (the rest goes to Technisch)."""

HAND_BACK_NL = (
    "Een deelnemer naar een andere klas: zet op het blad Deelnemers in kolom Klas een andere klas "
    "(van het blad Klassen of Lopende klassen), 'wachtlijst' of 'vrij' (Klasvormer kiest opnieuw).",
    "Sla de werkmap op en lees hem in Klasvormer in met Bestand > Aangepast plan inlezen. Wat u "
    "veranderde wordt vastgezet, de rest wordt opnieuw gepland.",
)


def _overview(ws: Worksheet, problem: Problem, plan: Plan, pseudonymise: bool = False) -> None:
    """The plan in words first (key figures, points of attention, how to hand it back); then the
    technical block (settings, solver, objective) with what each number means."""
    title(ws, 1, "Klasvormer - plan (zonder namen: deelnemers alleen met id)" if pseudonymise
          else "Klasvormer - plan")
    row = 3
    bold(ws, row, 1, "Het plan in het kort")
    for label, value, fmt, note in _summary_rows(problem, plan):
        row += 1
        row = _overview_row(ws, row, label, value, fmt, note)
    row += 2
    if plan.diagnosis:
        bold(ws, row, 1, "Aandachtspunten")
        for m in plan.diagnosis:
            row += 1
            _note(ws, row, m.text("nl"))  # wrapped within the printed width
        row += 2
    bold(ws, row, 1, "Plan aanpassen")
    for text in HAND_BACK_NL:
        row += 1
        _note(ws, row, text)
    row += 2
    bold(ws, row, 1, "Technisch: hoe het plan is berekend")
    gap = plan.gap if plan.gap != float("inf") else None
    technical: list[tuple[str, Any, str | None, str | None]] = [
        ("Afweging", preset_name(problem), None, "snelle start, gebalanceerd of homogeen: hoe zwaar wachten weegt "
         "tegenover passende klassen (gewichten in de tabel hieronder)"),
        ("Max reistijd (min)", problem.max_travel, None, "langer reizen wordt niemand gevraagd"),
        ("Niveaustap", problem.level_step, None, "stapgrootte van de klasniveaus"),
        ("Streeftermijn (weken)", problem.target_weeks, None, "binnen zoveel weken na aanmelding starten"),
        ("Solverstatus", status_text(plan), None, "optimaal: er is bewezen geen beter plan volgens de gewichten"),
        ("Rekentijd (s)", round(plan.runtime, 1), "0.0", None),
        ("Doelfunctie", plan.objective, None, "strafpunten van het plan: de som van de punten hieronder; "
         "lager is beter"),
        ("Ondergrens", plan.bound, "0", "geen enkel plan kan minder strafpunten halen"),
        ("Gat", gap, "0.0%", "hoeveel het plan hooguit slechter is dan het best mogelijke: "
         "(doelfunctie - ondergrens) / doelfunctie"),
    ]
    for key, value in plan.figures.items():
        if key not in SUMMARY_FIGURES:
            label, fmt = FIGURE_LABELS.get(key, (key, None))
            technical.append((label, value, fmt, None))
    for label, value, fmt, note in technical:
        row += 1
        row = _overview_row(ws, row, label, value, fmt, note)
    row += 2
    last = write_table(ws, ["Onderdeel doelfunctie", "Gewicht", "Punten", "Aandeel", "Wat telt"],
                       _term_rows(problem, plan), start_row=row, formats=[None, None, None, "0%", None],
                       freeze=False, autofilter=False)
    for r in range(row + 1, last + 1):
        for col in range(1, 6):
            ws.cell(row=r, column=col).alignment = Alignment(wrap_text=col == 5, vertical="top")
        fit_row_height(ws, r, wrapped_lines(str(ws.cell(row=r, column=5).value or ""), OVERVIEW_NOTE_WIDTH))
    ws.column_dimensions["A"].width = 38
    ws.column_dimensions["B"].width = OVERVIEW_VALUE_WIDTH
    for col in "CD":
        ws.column_dimensions[col].width = 9
    ws.column_dimensions["E"].width = OVERVIEW_NOTE_WIDTH
    print_setup(ws, area=used_area(ws, 5))


OVERVIEW_NOTE_WIDTH = 50
OVERVIEW_VALUE_WIDTH = 32


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


def _term_rows(problem: Problem, plan: Plan) -> list[list[Any]]:
    weights = problem.weights.as_dict()
    total = plan.objective or 0
    keys = [k for k in OBJECTIVE_TERMS if k in plan.terms] + [k for k in plan.terms if k not in OBJECTIVE_TERMS]
    return [[TERM_LABELS_NL.get(k, k), weights.get(k), plan.terms[k], plan.terms[k] / total if total else None,
             TERM_HELP_NL.get(k)] for k in keys]


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
    print_setup(ws, landscape=True, title_rows="1:1", area=used_area(ws))


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
    _red_over_target(ws, header_column(ws, LEARNERS.column("wait_weeks").nl), len(problem.learners) + 1,
                     problem.target_weeks)


def header_column(ws: Worksheet, header: str) -> int:
    """The column number of ``header`` in the first row (1 when absent)."""
    return next((cell.column for cell in ws[1] if cell.value == header), 1)


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
    if (ws.column_dimensions[get_column_letter(len(headers))].width or 0) > WAIT_REASON_WIDTH:
        wrap_column(ws, len(headers), WAIT_REASON_WIDTH)  # Wachtreden: whole, on more lines
    print_setup(ws, landscape=True, title_rows="1:1", area=used_area(ws, len(headers)))


# ---- Wijzigingen -------------------------------------------------------------------------------
CHANGES_SHEET = "Wijzigingen"
CHANGES_HEADERS = ("Soort", "Id", "Van", "Naar", "Reden")


def _changes(ws: Worksheet, changes: Any) -> None:
    """The re-plan's change report: who moved from which class to which and why, classes whose
    start shifted, that opened or closed (``changes``: :class:`app.workbook.reimport.ReplanReport`)."""
    write_table(ws, list(CHANGES_HEADERS), changes.rows("nl"), start_row=4)
    autosize(ws)
    title(ws, 1, "Wijzigingen ten opzichte van het bewerkte plan")
    set_value(ws.cell(row=2, column=1), changes.summary("nl"))


# ---- Afwegingen --------------------------------------------------------------------------------
FRONTIER_COLUMNS = (
    ("cap", "Grens gem. wachttijd (weken)", "0.00"),
    ("bound", "Bewezen ondergrens doelfunctie", None),
    ("gap", "Hooguit beter mogelijk", "0.0%"),
    ("later", "Later gestart dan bij snelste start", None),
    ("better_fit", "Beter passende klas", None),
    ("further", "Verder reizen", None),
    ("step", "Stap vanaf vorige plan", None),
)
"""Extra columns for the frontier's points (``optimizer.frontier``): given as a third item
per row, a dict with these keys."""


def _tradeoff(ws: Worksheet, tradeoff: Sequence[tuple[str, Plan] | tuple[str, Plan, Mapping[str, Any]]]) -> None:
    extra = [row[2] if len(row) > 2 else {} for row in tradeoff]
    frontier = [c for c in FRONTIER_COLUMNS if any(e.get(c[0]) is not None for e in extra)]
    headers = ["Afweging", "Status", "Doelfunctie", *[FIGURE_LABELS[k][0] for k in TRADEOFF_FIGURES],
               *[f"Punten {TERM_LABELS_NL[k]}" for k in OBJECTIVE_TERMS], *[c[1] for c in frontier]]
    formats = [None, None, None, *[FIGURE_LABELS[k][1] for k in TRADEOFF_FIGURES], *[None] * len(OBJECTIVE_TERMS),
               *[c[2] for c in frontier]]
    rows = [[row[0], status_text(row[1]), row[1].objective, *[row[1].figures.get(k) for k in TRADEOFF_FIGURES],
             *[row[1].terms.get(k) for k in OBJECTIVE_TERMS], *[e.get(c[0]) for c in frontier]]
            for row, e in zip(tradeoff, extra, strict=True)]
    write_table(ws, headers, rows, formats=formats)
    autosize(ws)
    print_setup(ws, landscape=True, title_rows="1:1", area=used_area(ws))


# ---- class lists -------------------------------------------------------------------------------
DAY_WORDS = {"ma": "maandag", "di": "dinsdag", "wo": "woensdag", "do": "donderdag", "vr": "vrijdag",
             "za": "zaterdag", "zo": "zondag"}
PART_WORDS = {"ochtend": "'s ochtends", "middag": "'s middags", "avond": "'s avonds"}


def schedule_words(dayparts: frozenset[str] | set[str]) -> str:
    """A schedule in words: ``"maandag, woensdag en vrijdag 's ochtends"``."""
    chunks = []
    for part, days in days_by_part(dayparts):
        if tuple(days) == WORKDAYS:
            text = "maandag t/m vrijdag"
        else:
            names = [DAY_WORDS[d] for d in days]
            text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
        chunks.append(f"{text} {PART_WORDS[part]}")
    return "; ".join(chunks)


def class_end_date(problem: Problem, c: PlannedClass) -> date | None:
    """The last day of a class: a running class's end date, else start + the route's duration."""
    if c.running:
        rc = problem.running_by_id.get(c.id)
        return rc.end_date if rc else None
    route = problem.route_by_name.get(c.route)
    return c.start_date + timedelta(weeks=route.duration_weeks, days=-1) if route else None


def _class_list(ws: Worksheet, problem: Problem, plan: Plan, c: PlannedClass,
                extras: Mapping[str, Mapping[str, Any]] | None, name_col: str | None) -> None:
    """A class list a teacher can use: the class in words, then its members; one printed page."""
    sched = problem.schedule_by_name.get(c.schedule)
    info: list[tuple[str, Any, str | None]] = [
        ("Route", c.route, None), ("Locatie", c.location, None),
        ("Lesdagen", f"{schedule_words(sched.dayparts)} (lesrooster {c.schedule})" if sched else c.schedule, None),
        ("Instroom vanaf" if c.running else "Startdatum", c.start_date, DATE_FORMAT),
        ("Einddatum" if c.running else "Einddatum (verwacht)", class_end_date(problem, c), DATE_FORMAT),
        ("Niveau (leerbaarheid)", c.level, None),
        ("Leerbaarheid deelnemers", _level_range(problem, c), None),
        ("Nieuwe deelnemers" if c.running else "Aantal deelnemers", c.size, None),
    ]
    if c.language:
        info.append(("Instructietaal", c.language, None))
    if c.group:
        info.append(("Groep", c.group, None))
    headers = ["Id", *([name_col] if name_col else []), "Leerbaarheid", "Startdatum"]
    rows = []
    for m in c.members:
        lr = problem.learner_by_id.get(m)
        a: Assignment | None = plan.assignments.get(m)
        rows.append([m, *([_name(extras, name_col, m)] if name_col else []), lr.level if lr else None,
                     a.start_date if a else c.start_date])
    formats = [None, *([None] if name_col else []), None, DATE_FORMAT]
    first = len(info) + 3
    last = write_table(ws, headers, rows, start_row=first, formats=formats, freeze=False, autofilter=False)
    autosize(ws)  # from the members table: the class details may run on over the empty cells
    title(ws, 1, f"Klas {c.id}" + (" (lopende klas: nieuwe deelnemers)" if c.running else ""))
    for row, (label, value, fmt) in enumerate(info, start=2):
        bold(ws, row, 1, label)
        cell = set_value(ws.cell(row=row, column=2), value, fmt)
        cell.alignment = Alignment(horizontal="left")
    ws.column_dimensions["A"].width = max(ws.column_dimensions["A"].width or 0, 24)
    # the print area reaches as far right as the longest detail runs on, so nothing is cut off
    longest = max(len(str(v)) for _, v, _ in info if v is not None) + 2
    width = sum(ws.column_dimensions[get_column_letter(col)].width or 8 for col in range(2, len(headers) + 1))
    last_col = len(headers) + max(0, math.ceil((longest - width) / 9))
    print_setup(ws, one_page=True, area=f"A1:{get_column_letter(last_col)}{max(last, first)}")


# ---- hidden marker -----------------------------------------------------------------------------
CLASS_EDIT_HINT = ("Andere klas-id, 'wachtlijst' of 'vrij'. Opslaan en in Klasvormer inlezen met "
                   "Bestand > Aangepast plan inlezen.")
"""The drop-down's prompt on the Klas column (Excel allows 255 characters)."""
CLASS_EDIT_HELP = ("Plan aanpassen: zet hier een andere klas (een klas van het blad Klassen of Lopende klassen), "
                   "'wachtlijst' (laten wachten) of 'vrij' (Klasvormer kiest opnieuw). Sla de werkmap op en lees "
                   "hem in Klasvormer in met Bestand > Aangepast plan inlezen. Een gewijzigde klas wordt "
                   "vastgezet; de rest wordt opnieuw gepland.")


def class_choices(problem: Problem, plan: Plan) -> list[str]:
    """What the Klas column may hold: the plan's classes, every running class, 'wachtlijst', 'vrij'."""
    out = [c.id for c in plan.classes]
    out += [rc.id for rc in problem.running if rc.id not in out]
    return [*out, WAITLIST_TEXT, RELEASE_TEXT]


MARKER_CLASS_HEADERS = ("Klas", "Route", "Locatie", "Lesrooster", "Startdatum", "Niveau", "Taal", "Groep", "Vast")


def _marker(wb: Workbook, problem: Problem, plan: Plan) -> None:
    """Hidden sheet: learner -> class as exported (A:B), classes as exported (D:L), class choices (N);
    the drop-down, its prompt and a note on handing the workbook back on the Klas column."""
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
    choices = class_choices(problem, plan)
    set_value(ws.cell(row=2, column=14), "Keuzes Klas")
    for row, value in enumerate(choices, start=3):
        set_value(ws.cell(row=row, column=14), value)
    learners = wb[LEARNERS.nl]
    ref = f"{quote_sheet(MARKER_SHEET)}!$N$3:$N${len(choices) + 2}"
    dv = DataValidation(type="list", formula1=ref, allow_blank=True, showErrorMessage=True, errorStyle="warning",
                        showInputMessage=True)
    dv.error = ("Kies een klas van het blad Klassen of Lopende klassen, 'wachtlijst' of 'vrij' "
                "(opnieuw plannen).")
    dv.errorTitle = "Klasvormer"
    dv.promptTitle = "Klas wijzigen"
    dv.prompt = CLASS_EDIT_HINT
    col = header_column(learners, LEARNERS.column("class").nl)
    letter = get_column_letter(col)
    dv.add(f"{letter}2:{letter}{max(VALIDATION_ROWS, len(problem.learners) + 1)}")
    learners.cell(row=1, column=col).comment = Comment(CLASS_EDIT_HELP, "Klasvormer", width=320, height=160)
    learners.add_data_validation(dv)

