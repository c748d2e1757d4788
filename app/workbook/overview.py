"""The plan workbook's Overzicht sheet: the plan's figures in words, what each objective term
means, and how to hand an edited plan back."""

from __future__ import annotations

from typing import Any

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from app.workbook.canonical import (
    preset_name,
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
from optimizer.plan import OBJECTIVE_TERMS, TERM_LABELS_NL, Plan

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


def overview_sheet(ws: Worksheet, problem: Problem, plan: Plan, pseudonymise: bool = False) -> None:
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
    for letter in "CD":
        ws.column_dimensions[letter].width = 9
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
