"""The texts of a plan's key figures and status: the kerncijfers panel, the comparison table and the simulation use them."""

from __future__ import annotations

from typing import Any

from app.workbook.overview import STATUS_EN, STATUS_NL
from ui.i18n import N_, lang_arg, number, percent, tr

FIGURES: list[tuple[str, str, str, int]] = [
    # key, Dutch label, format, better direction (+1 higher is better, -1 lower, 0 neutral)
    ("placed", N_("Geplaatst"), "int", +1),
    ("waiting", N_("Wachtend"), "int", -1),
    ("classes_opened", N_("Nieuwe klassen"), "int", 0),
    ("running_joined", N_("In lopende klassen"), "int", 0),
    ("wait_mean", N_("Wachtweken gemiddeld"), "1", -1),
    ("wait_median", N_("Wachtweken mediaan"), "1", -1),
    ("wait_p90", N_("Wachtweken 90% hooguit"), "1", -1),
    ("wait_max", N_("Wachtweken maximum"), "int", -1),
    ("within_target", N_("Start binnen streeftermijn"), "pct", +1),
    ("misfit_mean", N_("Niveauverschil gemiddeld"), "1", -1),
    ("spread_mean", N_("Spreiding niveau per klas gem."), "1", -1),
    ("travel_mean", N_("Reistijd gemiddeld (min)"), "0", -1),
    ("travel_max", N_("Reistijd maximum (min)"), "int", -1),
    ("fill_mean", N_("Bezetting gemiddeld"), "pct", 0),
    ("teacher_dayparts", N_("Docent-dagdelen"), "int", 0),
]


def format_figure(value: Any, fmt: str) -> str:
    if value is None:
        return "-"
    if fmt == "pct":
        return percent(float(value))
    if fmt == "int":
        return number(float(value), 0)
    return number(float(value), int(fmt))


STATUS_SHORT = {"OPTIMAL": N_("optimaal"), "FEASIBLE": N_("goed"), "HEURISTIC": N_("heuristisch"),
                "INFEASIBLE": N_("onmogelijk"), "NO_SOLUTION": N_("geen plan")}


def short_status_text(plan: Any) -> str:
    """One word for the plan's status (tables); :func:`status_text` gives the full words. A plan
    adjusted by hand says so (its status is the optimizer's 'HEURISTIC': 'heuristisch')."""
    if plan.stats.get("edited"):
        return tr("aangepast")
    return tr(STATUS_SHORT.get(plan.status, plan.status))


def status_text(plan: Any, edited: bool) -> str:
    if edited:
        return tr("met de hand aangepast")
    gap = getattr(plan, "gap", float("inf"))
    if plan.status == "FEASIBLE" and 0 <= gap < 1:
        # a proven bound: say how far from the best possible plan this one can be at most
        return tr("goed plan, hoogstens {gap} van het best mogelijke af", gap=number(100 * gap, 1) + "%")
    if lang_arg() == "en":
        return STATUS_EN.get(plan.status, plan.status)
    return STATUS_NL.get(plan.status, plan.status)
