"""What each column and setting of the canonical sheets means, in Dutch (the ``help`` of
:class:`~app.workbook.spec.ColumnSpec` and :class:`~app.workbook.spec.SettingSpec`) and English
(:data:`HELP_EN`): the comment on a header, and the Uitleg of a setting, of a workbook Klasvormer
writes, in the language it is written in (:data:`HELP`; tests/test_messages.py checks it)."""

from __future__ import annotations

from app.workbook.schema import (
    CLASSES,
    INPUT_SHEETS,
    SETTINGS,
    ColumnSpec,
    SettingSpec,
    SheetSpec,
)
from app.workbook.spec import KIND_EN
from optimizer.domain import MAX_HORIZON_WEEKS
from optimizer.messages import Catalogue

HELP_EN: dict[str, dict[str, str]] = {
    "learners": {
        "id": "Unique number or code of the learner (no name).",
        "route": "Learning route; must be on the Routes sheet.",
        "level": "Score 0-100, a percentage (65%), langzaam/gemiddeld/snel (slow/average/fast: 25/50/75) or a "
                 "Z-route profile.",
        "dayparts": "Dayparts on which the learner can come; 'ochtend' = every weekday morning.",
        "district": "Stadsdeel (district) where the learner lives (or fill in Postcode).",
        "postcode": "Postcode (4 digits; letters may follow). Wins over Stadsdeel.",
        "waiting_since": "Date on which the waiting began.",
        "available_from": "First date on which the learner can start (e.g. the end of Taalstart).",
        "preferred_dayparts": "Dayparts the learner likes best (within Dagdelen).",
        "max_travel": "Maximum one-way travel time in minutes; empty = the route's or the settings' default.",
        "literacy": "ja, nee or anders (yes, no, or literate in another script).",
        "profile": "Client profile (e.g. a Z-route profile).",
        "languages": "Languages the learner speaks.",
        "preferred_language": "Language in which the learner would rather be taught (PVT/MAP).",
        "status": "statushouder, gezinsmigrant or overig (status holder, family migrant or other).",
        "priority": "1 (normal) to 10: multiplies the weight of waiting.",
        "together": "Household or group code: who has the same code comes into the same class.",
        "not_with": "Ids of learners who may not be in the same class.",
        "pin": "Class (id of a running class) the learner must join, or 'wachtlijst' (waiting list).",
        "excluded_locations": "Locations the learner cannot go to.",
        "name": "Name (optional; only kept, never used).",
        "notes": "Free text (only kept, never used).",
        "class": "Class from the Klassen sheet, or 'wachtlijst' (waiting list).",
        "start_date": "Start date in the class.",
        "wait_weeks": "Weeks waited at the start.",
        "travel_minutes": "Travel time to the class (min).",
        "misfit": "Difference between learnability and class level.",
        "reason": "Why the learner waits.",
    },
    "locations": {
        "name": "Name of the location.",
        "district": "Stadsdeel (district) of the location (or Postcode).",
        "postcode": "Postcode of the location (PC4).",
        "rooms": "Number of rooms per open daypart.",
        "open": "Dayparts on which the rooms are available; empty = every weekday, all dayparts.",
    },
    "schedules": {
        "name": "Name of the schedule.",
        "dayparts": "Dayparts of the schedule.",
    },
    "routes": {
        "route": "Name of the route (B1, B1-mbo, Onderwijs, Z, PVT, MAP, ...).",
        "min_size": "Minimum number of learners in a new class.",
        "max_size": "Maximum number of learners in a class.",
        "max_spread": "Largest difference in learnability within a class.",
        "duration_weeks": "How long a class uses a teacher and a room (weeks).",
        "schedules": "Allowed schedules (names from the Lesroosters sheet); empty = all.",
        "languages": "Instruction languages (PVT/MAP); empty = none.",
        "separate": "geen, alfabetisering or profiel (none, literacy or profile): a class then has one value.",
        "start_weeks": "Weeks in which classes of this route may start: dates or week numbers in the plan period "
                       "(0 = the week of the plan date); empty = as Instellingen.",
        "max_travel": "Maximum travel time for this route (min); empty = Instellingen.",
    },
    "teachers": {
        "daypart": "Daypart (or a group, e.g. 'ochtend' = every weekday morning).",
        "count": "Number of teachers on that daypart.",
    },
    "settings": {
        "setting": "Name of the setting.",
        "value": "Value.",
        "help": "Explanation (not read).",
    },
    "running": {
        "id": "Code of the class (use it in Vastgezet).",
        "route": "Route of the class.",
        "location": "Location (Locaties sheet).",
        "schedule": "Schedule (Lesroosters sheet).",
        "level_min": "Lowest learnability in the class.",
        "level_max": "Highest learnability in the class.",
        "free_seats": "Number of free seats.",
        "end_date": "Last day of lessons.",
        "language": "Instruction language (PVT/MAP), otherwise empty.",
        "group": "Literacy or profile when the route separates by it, otherwise empty.",
        "join_until": "Last day on which newcomers can join; empty = until shortly before the end.",
    },
    "travel": {
        "id": "Id of the learner.",
    },
    "classes": {
        "id": "Code of the class.",
        "route": "Route.",
        "location": "Location.",
        "schedule": "Schedule.",
        "dayparts": "Dayparts of the schedule.",
        "start_date": "First week of lessons.",
        "start_week": "Week of the plan period (0 = the first).",
        "level": "Class level (learnability).",
        "level_range": "Lowest-highest learnability.",
        "size": "Number of (new) learners.",
        "travel_mean": "Mean travel time (min).",
        "language": "Instruction language.",
        "group": "Literacy/profile.",
        "running": "ja = a running class that takes newcomers.",
        "locked": "ja = the class is locked.",
    },
}
"""Sheet key -> column key -> what the column means, in English."""


SETTING_HELP_EN: dict[str, str] = {
    "plan_date": "Start of week 0 of the plan; empty = the next Monday.",
    "horizon_weeks": f"Number of weeks in which classes can start (at most {MAX_HORIZON_WEEKS}).",
    "start_weeks": "Weeks in which classes may start (dates or week numbers, 0 = the first week); empty = every week.",
    "max_travel": "Default maximum one-way travel time (minutes).",
    "level_step": "Class levels are multiples of this (1 = any number; at most 100).",
    "target_weeks": "Target wait: within how many weeks someone should start.",
    "preset": "gebalanceerd, snelle start or homogeen (balanced, fast start or homogeneous); single weights below "
              "come first.",
    "weight_wait": "Points per week of waiting (times the priority); empty = as the afweging.",
    "weight_misfit": "Points per point of level gap; empty = as the afweging.",
    "weight_travel": "Points per minute of travel; empty = as the afweging.",
    "weight_daypart": "Points per daypart outside the preference; empty = as the afweging.",
    "weight_language": "Points per learner taught in another language than the preferred one.",
    "weight_move": "Points per learner who moves from the previous plan.",
    "weight_new_class": "Points per newly opened class.",
    "travel_overhead": "Fixed minutes per journey in the estimate (walking, waiting); 0 to 120.",
    "travel_detour": "Factor on the straight-line distance; 1 (straight) to 5.",
    "travel_speed": "Mean speed of public transport in km/h; 1 to 150.",
    "travel_min_km": "Smallest distance (km) in the estimate; 0 to 50.",
    "waitlist_extra_weeks": "Whoever stays on the waiting list costs the wait until the end plus this many weeks.",
    "min_weeks_left_to_join": "A running class only takes newcomers while this many weeks are left.",
    "late_join_weeks": "A new class still takes learners this many weeks after its start (0 = only at the start).",
}
"""Setting key -> what the setting means, in English (the Uitleg column of Instellingen)."""


SHEET_HELP_EN: dict[str, str] = {
    "learners": "One row per learner who waits or can start soon.",
    "locations": "One row per teaching location; repeat the name for another number of rooms on other dayparts.",
    "schedules": "One row per timetable: the dayparts on which a class meets.",
    "routes": "One row per learning route with its class rules.",
    "teachers": "Number of teachers available per daypart.",
    "running": "Classes that are already running and still have free places (optional sheet).",
    "travel": "Optional: travel time in minutes per learner (row) and location (column); wins over the estimate.",
    "settings": "One setting per row: column A the name, column B the value.",
    "classes": "One row per class of the plan.",
}
"""Sheet key -> what the sheet is for, in English (the template's Uitleg, the travel sheet's comment)."""



HELP = Catalogue({
    **{f"{spec.key}.{c.key}": (c.help, HELP_EN[spec.key][c.key]) for spec in (*INPUT_SHEETS, CLASSES)
       for c in spec.columns},
    **{f"setting.{s.key}": (s.help, SETTING_HELP_EN[s.key]) for s in SETTINGS},
    **{f"sheet.{spec.key}": (spec.help, SHEET_HELP_EN[spec.key]) for spec in (*INPUT_SHEETS, CLASSES)},
    "required": ("verplicht", "required"),
    "example": ("Voorbeeld: {example}", "Example: {example}"),
    "choose": ("Kies een waarde uit de lijst.", "Choose a value from the list."),
})
"""``"<sheet key>.<column key>"``, ``"setting.<key>"``, ``"sheet.<key>"`` and the words around
them -> Dutch and English."""


def column_help(spec: SheetSpec, column: ColumnSpec, lang: str = "nl") -> str:
    """What ``column`` of ``spec`` means, in ``lang`` (Dutch unless ``"en"``)."""
    return column.help if lang != "en" else HELP.text(f"{spec.key}.{column.key}", lang)


def setting_help(setting: SettingSpec, lang: str = "nl") -> str:
    """What a setting means, in ``lang`` (Dutch unless ``"en"``)."""
    return setting.help if lang != "en" else HELP.text(f"setting.{setting.key}", lang)


def sheet_help(spec: SheetSpec, lang: str = "nl") -> str:
    """What the sheet ``spec`` is for, in ``lang`` (Dutch unless ``"en"``)."""
    return spec.help if lang != "en" else HELP.text(f"sheet.{spec.key}", lang)


def kind_text(kind: str, lang: str = "nl") -> str:
    """A value kind (:mod:`app.workbook.spec`) in ``lang``."""
    return KIND_EN.get(kind, kind) if lang == "en" else kind
