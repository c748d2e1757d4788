"""The words of the workbooks Klasvormer writes, in Dutch and English.

Every text a plan workbook shows a person -- titles, labels, explanations, notes, the drop-down's
help, statuses, the class lists' days in words, the headers of the sheets that are only for
reading (Wachtlijst, Wijzigingen, Afwegingen, a class list's members) -- is a key here, written in
the language the caller gives (``lang``: the CLI's ``--lang``, the GUI's language). What the
workbook reads back stays Dutch in both languages, so an English workbook re-imports as a Dutch
one does: the sheet names, the headers of Deelnemers, Klassen and the input sheets, the hidden
sheet ``_Klasvormer``, and the values read (``wachtlijst``, ``vrij``, ``ja``/``nee``, dayparts such
as ``ma-ochtend``, the settings' names).
"""

from __future__ import annotations

from optimizer.messages import Catalogue

FIGURES = Catalogue({
    "learners": ("Deelnemers", "Learners"),
    "placed": ("Geplaatst", "Placed"),
    "waiting": ("Wachtend", "Waiting"),
    "running_joined": ("Ingestroomd in lopende klassen", "Joined running classes"),
    "classes_opened": ("Nieuwe klassen", "New classes"),
    "wait_mean": ("Wachtweken gemiddeld", "Waiting weeks, mean"),
    "wait_median": ("Wachtweken mediaan", "Waiting weeks, median"),
    "wait_p90": ("Wachtweken P90", "Waiting weeks, P90"),
    "wait_max": ("Wachtweken maximum", "Waiting weeks, maximum"),
    "placed_wait_mean": ("Wachtweken gemiddeld (geplaatsten)", "Waiting weeks, mean (placed learners)"),
    "target_weeks": ("Streeftermijn (weken)", "Target wait (weeks)"),
    "within_target": ("Aandeel gestart binnen streeftermijn", "Share started within the target wait"),
    "misfit_mean": ("Gemiddeld niveauverschil", "Level gap, mean"),
    "spread_mean": ("Gemiddelde spreiding per klas", "Spread per class, mean"),
    "travel_mean": ("Reistijd gemiddeld (min)", "Travel time, mean (min)"),
    "travel_max": ("Reistijd maximum (min)", "Travel time, maximum (min)"),
    "fill_mean": ("Gemiddelde bezetting", "Fill, mean"),
    "teacher_dayparts": ("Docent-dagdelen", "Teacher-dayparts"),
})
"""Figure key -> its label, Dutch and English (:func:`figure_label`)."""


FIGURE_FORMATS: dict[str, str | None] = {
    "wait_mean": "0.0", "wait_median": "0.0", "wait_p90": "0.0", "placed_wait_mean": "0.0", "within_target": "0%",
    "misfit_mean": "0.0", "spread_mean": "0.0", "travel_mean": "0", "fill_mean": "0%",
}
"""Figure key -> its number format (none for whole numbers)."""


FIGURE_LABELS: dict[str, tuple[str, str | None]] = {k: (FIGURES.template(k, "nl"), FIGURE_FORMATS.get(k))
                                                    for k in FIGURES}
"""Figure key -> (Dutch label, number format)."""


def figure_label(key: str, lang: str = "nl") -> str:
    """A figure's label in ``lang``; an unknown figure by its key."""
    return FIGURES.text(key, lang) if key in FIGURES else key


STATUS = Catalogue({
    "OPTIMAL": ("optimaal", "optimal"),
    "FEASIBLE": ("goed plan (niet bewezen optimaal)", "good plan (not proven optimal)"),
    "HEURISTIC": ("heuristisch plan", "heuristic plan"),
    "INFEASIBLE": ("onmogelijk", "impossible"),
    "NO_SOLUTION": ("geen oplossing gevonden", "no solution found"),
    "edited": ("met de hand aangepast", "adjusted by hand"),
})
"""A plan's status in words (and 'edited': a plan changed by hand in the planner)."""


STATUS_NL = {k: v for k, v in STATUS.table("nl").items() if k != "edited"}
STATUS_EN = {k: v for k, v in STATUS.table("en").items() if k != "edited"}


PRESET_WORDS = Catalogue({
    "gebalanceerd": ("gebalanceerd", "balanced"),
    "snelle start": ("snelle start", "fast start"),
    "homogeen": ("homogeen", "homogeneous"),
    "aangepast": ("aangepast", "custom"),
})
"""The Afweging setting's values (Dutch in the Instellingen sheet) as the Overzicht shows them."""


TERM_HELP = Catalogue({
    "wait": ("wachtweken van elke deelnemer (maal de prioriteit); wie wacht telt tot na de planperiode",
             "waiting weeks of each learner (times the priority); whoever keeps waiting counts until after the "
             "plan period"),
    "misfit": ("verschil tussen de leerbaarheid van de deelnemer en het niveau van de klas",
               "difference between the learner's learnability and the level of the class"),
    "travel": ("reisminuten naar de leslocatie", "minutes of travel to the class location"),
    "daypart": ("les op een dagdeel dat niet de voorkeur van de deelnemer heeft",
                "lessons on a daypart the learner does not prefer"),
    "language": ("klas zonder de voorkeurstaal van de deelnemer", "a class without the learner's preferred language"),
    "move": ("deelnemers die een andere klas krijgen dan in het vorige plan",
             "learners who get another class than in the previous plan"),
    "new_class": ("elke nieuwe klas (docent en lokaal)", "each new class (teacher and room)"),
})
"""Objective term -> what its points count, for the Technisch block of the Overzicht."""
TERM_HELP_NL = TERM_HELP.table("nl")


WORDS = Catalogue({
    # ---- Overzicht (app.workbook.overview) ----------------------------------------------------------
    "title": ("Klasvormer - plan", "Klasvormer - plan"),
    "title_anonymous": ("Klasvormer - plan (zonder namen: deelnemers alleen met id)",
                        "Klasvormer - plan (without names: learners by id only)"),
    "in_brief": ("Het plan in het kort", "The plan in brief"),
    "plan_date": ("Plandatum", "Plan date"),
    "horizon": ("Planperiode (weken)", "Plan period (weeks)"),
    "horizon_note": ("klassen starten binnen deze weken na de plandatum",
                     "classes start within these weeks after the plan date"),
    "share": ("{share:.0%} van de deelnemers", "{share:.0%} of the learners"),
    "share_joined": ("{share}, van wie {joined} in lopende klassen", "{share}, of whom {joined} in running classes"),
    "learners_note": ("op het blad Deelnemers", "on the Deelnemers sheet"),
    "waiting_note": ("op het blad Wachtlijst, met de reden", "on the Wachtlijst sheet, with the reason"),
    "classes_note": ("op het blad Klassen; per klas een klassenlijst (bladen 'Klas ...')",
                     "on the Klassen sheet; a class list per class (sheets 'Klas ...')"),
    "within_target_note": ("start binnen {weeks} weken na aanmelding (wacht sinds)",
                           "start by week {weeks} after registering (Wacht sinds)"),
    "wait_mean_note": ("van aanmelding tot start; wie wacht telt tot na de planperiode",
                       "from registering to the start; whoever keeps waiting counts until after the plan period"),
    "travel_note": ("enkele reis naar de leslocatie", "one way to the class location"),
    "fill_note": ("deelnemers per nieuwe klas, als deel van het maximum",
                  "learners per new class, as a share of the maximum"),
    "misfit_note": ("verschil in leerbaarheid tussen deelnemer en klasniveau (0-100)",
                    "difference between the learner's learnability and the class level (0-100)"),
    "dayparts_note": ("dagdelen per week waarop de nieuwe klassen les hebben",
                      "dayparts per week on which the new classes have lessons"),
    "attention": ("Aandachtspunten", "Points of attention"),
    "hand_back": ("Plan aanpassen", "Changing the plan"),
    "hand_back_move": (
        "Een deelnemer naar een andere klas: zet op het blad Deelnemers in kolom Klas een andere klas "
        "(van het blad Klassen of Lopende klassen), 'wachtlijst' of 'vrij' (Klasvormer kiest opnieuw).",
        "To move a learner to another class: on the Deelnemers sheet, put another class in the Klas column "
        "(from the Klassen or Lopende klassen sheet), 'wachtlijst' (waiting list) or 'vrij' (free: Klasvormer "
        "chooses again)."),
    "hand_back_read": (
        "Sla de werkmap op en lees hem in Klasvormer in met Bestand > Aangepast plan inlezen. Wat u "
        "veranderde wordt vastgezet, de rest wordt opnieuw gepland.",
        "Save the workbook and read it into Klasvormer with File > Read edited plan. What you changed is "
        "pinned; the rest is planned again."),
    "technical": ("Technisch: hoe het plan is berekend", "Technical: how the plan was computed"),
    "preset": ("Afweging", "Balance"),
    "preset_note": ("snelle start, gebalanceerd of homogeen: hoe zwaar wachten weegt tegenover passende klassen "
                    "(gewichten in de tabel hieronder)",
                    "fast start, balanced or homogeneous (the setting afweging): how heavily waiting weighs "
                    "against well-fitting classes (weights in the table below)"),
    "max_travel": ("Max reistijd (min)", "Max travel time (min)"),
    "max_travel_note": ("langer reizen wordt niemand gevraagd", "nobody is asked to travel longer"),
    "max_travel_note_own": ("standaard; de eigen Max reistijd van een deelnemer of route laat tot {minutes} min "
                            "toe", "the default; a learner's or route's own Max reistijd allows up to {minutes} min"),
    "level_step": ("Niveaustap", "Level step"),
    "level_step_note": ("stapgrootte van de klasniveaus", "class levels are multiples of this"),
    "target_note": ("binnen zoveel weken na aanmelding starten", "start within this many weeks of registering"),
    "status": ("Solverstatus", "Solver status"),
    "status_note": ("optimaal: er is bewezen geen beter plan volgens de gewichten",
                    "optimal: proven that no plan is better under the weights"),
    "runtime": ("Rekentijd (s)", "Computing time (s)"),
    "objective": ("Doelfunctie", "Objective"),
    "objective_note": ("strafpunten van het plan: de som van de punten hieronder; lager is beter",
                       "the plan's penalty points: the sum of the points below; lower is better"),
    "bound": ("Ondergrens", "Bound"),
    "bound_note": ("geen enkel plan kan minder strafpunten halen", "no plan can score fewer penalty points"),
    "gap": ("Verschil met ondergrens", "Gap"),
    "gap_note": ("hoeveel het plan hooguit slechter is dan het best mogelijke: (doelfunctie - ondergrens) / "
                 "doelfunctie",
                 "how much worse the plan is at most than the best possible: (objective - bound) / objective"),
    "term": ("Onderdeel doelfunctie", "Objective term"),
    "weight": ("Gewicht", "Weight"),
    "points": ("Punten", "Points"),
    "term_share": ("Aandeel", "Share"),
    "counts": ("Wat telt", "What counts"),
    # ---- Klassen, Deelnemers, Wachtlijst (app.workbook.export) -----------------------------------------
    "class_edit_title": ("Klas wijzigen", "Change class"),
    "class_edit_error": ("Kies een klas van het blad Klassen of Lopende klassen, 'wachtlijst' of 'vrij' "
                         "(opnieuw plannen).",
                         "Choose a class of the Klassen or Lopende klassen sheet, 'wachtlijst' (waiting list) or "
                         "'vrij' (free: plan again)."),
    "class_edit_hint": ("Andere klas-id, 'wachtlijst' of 'vrij'. Opslaan en in Klasvormer inlezen met "
                        "Bestand > Aangepast plan inlezen.",
                        "Another class id, 'wachtlijst' (waiting list) or 'vrij' (free). Save, then read it into "
                        "Klasvormer with File > Read edited plan."),
    "class_edit_help": ("Plan aanpassen: zet hier een andere klas (een klas van het blad Klassen of Lopende klassen), "
                        "'wachtlijst' (laten wachten) of 'vrij' (Klasvormer kiest opnieuw). Sla de werkmap op en lees "
                        "hem in Klasvormer in met Bestand > Aangepast plan inlezen. Een gewijzigde klas wordt "
                        "vastgezet; de rest wordt opnieuw gepland.",
                        "Changing the plan: put another class here (a class of the Klassen or Lopende klassen "
                        "sheet), 'wachtlijst' (let wait) or 'vrij' (free: Klasvormer chooses again). Save the "
                        "workbook and read it into Klasvormer with File > Read edited plan. A changed class is "
                        "pinned; the rest is planned again."),
    "col_id": ("Id", "Id"),
    "col_route": ("Route", "Route"),
    "col_level": ("Leerbaarheid", "Learnability"),
    "col_waiting_since": ("Wacht sinds", "Waiting since"),
    "col_wait_weeks": ("Wachtweken", "Waiting weeks"),
    "col_reason": ("Wachtreden", "Waiting reason"),
    "col_start_date": ("Startdatum", "Start date"),
    # ---- Wijzigingen ---------------------------------------------------------------------------------
    "changes_title": ("Wijzigingen ten opzichte van het bewerkte plan", "Changes from the edited plan"),
    "change_kind": ("Soort", "Kind"),
    "change_from": ("Van", "From"),
    "change_to": ("Naar", "To"),
    "change_reason": ("Reden", "Reason"),
    # ---- Afwegingen ----------------------------------------------------------------------------------
    "tradeoff_plan": ("Afweging", "Balance"),
    "tradeoff_status": ("Status", "Status"),
    "tradeoff_objective": ("Doelfunctie", "Objective"),
    "tradeoff_points": ("Punten {term}", "Points {term}"),
    "frontier_gap": ("Hooguit beter mogelijk", "At most this much better possible"),
    "frontier_later": ("Later gestart dan bij snelste start", "Start later than at the fastest start"),
    "frontier_better_fit": ("Beter passende klas", "Better fitting class"),
    "frontier_further": ("Verder reizen", "Travel further"),
    "frontier_step": ("Stap vanaf vorige plan", "Step from the previous plan"),
    "frontier_what_changes": ("Wat verandert voor deelnemers", "What changes for learners"),
    "frontier_cap": ("Grens gem. wachttijd (weken)", "Cap on the mean wait (weeks)"),
    "frontier_bound": ("Bewezen ondergrens doelfunctie", "Proven bound on the objective"),
    # ---- the class lists (app.workbook.class_lists) ----------------------------------------------------
    "class_title": ("Klas {id}", "Class {id}"),
    "class_title_running": ("Klas {id} (lopende klas: nieuwe deelnemers)", "Class {id} (running class: new learners)"),
    "class_route": ("Route", "Route"),
    "class_location": ("Locatie", "Location"),
    "class_days": ("Lesdagen", "Lesson days"),
    "class_days_value": ("{days} (lesrooster {schedule})", "{days} (schedule {schedule})"),
    "class_join_from": ("Instroom vanaf", "Joining from"),
    "class_start": ("Startdatum", "Start date"),
    "class_end": ("Einddatum", "End date"),
    "class_end_expected": ("Einddatum (verwacht)", "End date (expected)"),
    "class_level": ("Niveau (leerbaarheid)", "Level (learnability)"),
    "class_levels": ("Leerbaarheid deelnemers", "Learnability of the learners"),
    "class_new_learners": ("Nieuwe deelnemers", "New learners"),
    "class_learners": ("Aantal deelnemers", "Number of learners"),
    "class_language": ("Instructietaal", "Instruction language"),
    "class_group": ("Groep", "Group"),
    "all_workdays": ("maandag t/m vrijdag", "Monday to Friday"),
    "and": ("{first} en {last}", "{first} and {last}"),
    "day_ma": ("maandag", "Monday"),
    "day_di": ("dinsdag", "Tuesday"),
    "day_wo": ("woensdag", "Wednesday"),
    "day_do": ("donderdag", "Thursday"),
    "day_vr": ("vrijdag", "Friday"),
    "day_za": ("zaterdag", "Saturday"),
    "day_zo": ("zondag", "Sunday"),
    "part_ochtend": ("'s ochtends", "in the morning"),
    "part_middag": ("'s middags", "in the afternoon"),
    "part_avond": ("'s avonds", "in the evening"),
})
"""The plan workbook's own words (titles, labels, explanations, headers of the sheets that are
never read back), Dutch and English. Sheet names, the headers of the sheets Klasvormer reads back
and the values it reads (wachtlijst, vrij, ja/nee, dayparts) stay Dutch in both."""
