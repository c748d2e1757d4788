"""User-facing messages in Dutch (default) and English.

Every message the optimizer produces for a person (validation problems, waiting reasons,
diagnoses) is a :class:`Message`: a key plus parameters, rendered on demand in either
language. ``str(message)`` gives the text in the current default language, which
:func:`set_language` changes (the GUI and CLI call it from their language setting).

Messages name learners by id only, never by name or notes (personal data, AVG).

Counts take the right singular or plural form: a template writes ``{n:fout|fouten}`` and
:func:`fmt` renders ``1 fout`` or ``3 fouten`` (:func:`plural` does the same in code).
"""

from __future__ import annotations

import datetime
import string
from dataclasses import dataclass, field
from typing import Any

_LANG = ["nl"]

TEMPLATES: dict[str, tuple[str, str]] = {
    # --- validation of the problem -------------------------------------------------------
    "duplicate_id": (
        "Deelnemer-id '{id}' komt meer dan eens voor; geef elke deelnemer een eigen id.",
        "Learner id '{id}' occurs more than once; give every learner a unique id.",
    ),
    "empty_id": ("Een deelnemer heeft geen id.", "A learner has no id."),
    "level_range": (
        "Deelnemer {id}: leerbaarheid {value} ligt niet tussen 0 en 100.",
        "Learner {id}: learnability {value} is not between 0 and 100.",
    ),
    "unknown_route": (
        "Deelnemer {id}: route '{route}' staat niet bij de route-instellingen ({known}).",
        "Learner {id}: route '{route}' is not among the route settings ({known}).",
    ),
    "no_dayparts": (
        "Deelnemer {id}: geen beschikbare dagdelen opgegeven.",
        "Learner {id}: no available dayparts given.",
    ),
    "bad_daypart": (
        "{where}: '{value}' is geen geldig dagdeel (gebruik bv. 'ma-ochtend').",
        "{where}: '{value}' is not a valid daypart (use e.g. 'ma-ochtend').",
    ),
    "no_home": (
        "Deelnemer {id}: geen stadsdeel, postcode of reistijden; de reistijd is onbekend.",
        "Learner {id}: no district, postcode or travel times; travel time is unknown.",
    ),
    "unknown_home": (
        "{where}: '{value}' is geen bekend Amsterdams stadsdeel of postcode (PC4).",
        "{where}: '{value}' is not a known Amsterdam district or postcode (PC4).",
    ),
    "priority_range": (
        "Deelnemer {id}: prioriteit {value} moet een geheel getal van 1 tot 10 zijn.",
        "Learner {id}: priority {value} must be a whole number from 1 to 10.",
    ),
    "unknown_learner_ref": (
        "Deelnemer {id}: '{field}' verwijst naar onbekende deelnemer '{ref}'.",
        "Learner {id}: '{field}' refers to unknown learner '{ref}'.",
    ),
    "not_with_household": (
        "Deelnemer {id}: 'niet met' noemt {ref}, maar beiden horen bij huishouden/samen-groep "
        "{group}; die regels spreken elkaar tegen (samen in één klas én niet in dezelfde klas). "
        "Haal {ref} weg bij 'niet met' of haal een van beiden uit de groep.",
        "Learner {id}: 'not with' names {ref}, but both belong to household/together group "
        "{group}; these rules contradict each other (in one class together and not in the same "
        "class). Remove {ref} from 'not with' or take one of them out of the group.",
    ),
    "unknown_location_ref": (
        "{where}: locatie '{value}' bestaat niet ({known}).",
        "{where}: location '{value}' does not exist ({known}).",
    ),
    "unknown_schedule_ref": (
        "{where}: lesrooster '{value}' bestaat niet ({known}).",
        "{where}: schedule '{value}' does not exist ({known}).",
    ),
    "unknown_pin": (
        "Deelnemer {id}: vastgezet in klas '{value}', maar die klas bestaat niet.",
        "Learner {id}: pinned to class '{value}', which does not exist.",
    ),
    "size_range": (
        "Route {route}: minimale klasgrootte {min} is groter dan maximale {max}.",
        "Route {route}: minimum class size {min} exceeds maximum {max}.",
    ),
    "positive": (
        "{where}: {field} moet positief zijn (nu {value}).",
        "{where}: {field} must be positive (now {value}).",
    ),
    "duplicate_name": (
        "{what} '{name}' komt meer dan eens voor.",
        "{what} '{name}' occurs more than once.",
    ),
    "horizon_too_long": (
        "Instellingen: planperiode {value} weken is te lang; kies hoogstens {max} weken (5 jaar).",
        "Settings: a planning period of {value} weeks is too long; choose at most {max} weeks (5 years).",
    ),
    "start_week_range": (
        "Startweek {value} ligt buiten de planperiode van {horizon:week|weken}.",
        "Start week {value} lies outside the planning horizon of {horizon:week|weeks}.",
    ),
    "travel_matrix_missing": (
        "Deelnemer {id}: geen reistijd naar locatie '{location}' in de reistijdentabel.",
        "Learner {id}: no travel time to location '{location}' in the travel table.",
    ),
    "running_bad": (
        "Lopende klas {id}: {problem}.",
        "Running class {id}: {problem}.",
    ),
    # --- waiting reasons ---------------------------------------------------------------------
    "wait_later": (
        "pas beschikbaar vanaf {date}, na de planperiode",
        "only available from {date}, after the planning horizon",
    ),
    "wait_pinned": (
        "door de planner op de wachtlijst gezet",
        "put on the waiting list by the planner",
    ),
    "wait_no_schedule": (
        "geen lesrooster van route {route} past in de dagdelen {dayparts}",
        "no schedule of route {route} fits the dayparts {dayparts}",
    ),
    "wait_no_location": (
        "geen leslocatie binnen {minutes} min reistijd",
        "no class location within {minutes} min travel",
    ),
    "wait_no_slot": (
        "geen locatie binnen {minutes} min is open op een lesrooster dat past in de dagdelen",
        "no location within {minutes} min is open on a schedule that fits the dayparts",
    ),
    "wait_no_language": (
        "spreekt geen van de lestalen van route {route} ({languages})",
        "speaks none of route {route}'s instruction languages ({languages})",
    ),
    "wait_no_teacher": (
        "geen docent beschikbaar op de dagdelen van een passend rooster",
        "no teacher available on the dayparts of a fitting schedule",
    ),
    "wait_too_few": (
        "geen {schedule} klas binnen {minutes} min heeft {min:deelnemer|deelnemers} van dit niveau "
        "({level}) vóór week {week}; hoogstens {count:past|passen} samen",
        "no {schedule} class within {minutes} min has {min:learner|learners} of this level "
        "({level}) before week {week}; at most {count:fits|fit} together",
    ),
    "wait_capacity": (
        "passende klassen zijn mogelijk, maar docenten of lokalen zijn vol of al ingezet "
        "voor deelnemers die langer wachten of beter passen",
        "fitting classes are possible, but teachers or rooms are full or used for learners "
        "who have waited longer or fit better",
    ),
    "wait_tradeoff": (
        "een plek is mogelijk, maar kost volgens de gekozen afweging meer dan wachten "
        "(bv. te groot niveauverschil of te lange reistijd)",
        "a place is possible but costs more than waiting under the chosen balance "
        "(e.g. too large a level gap or too long a trip)",
    ),
    "wait_household": (
        "huishouden/samen-groep {group} past niet samen in één klas",
        "household/together group {group} does not fit in one class together",
    ),
    "wait_household_size": (
        "huishouden/samen-groep {group} heeft {count} leden, meer dan de maximale klasgrootte "
        "{max} van route {route}; zij passen nooit samen in één klas (verklein de groep of "
        "verhoog de maximale klasgrootte)",
        "household/together group {group} has {count} members, more than route {route}'s "
        "maximum class size {max}; they can never share a class (split the group or raise the "
        "maximum class size)",
    ),
    # --- diagnoses -------------------------------------------------------------------------
    "diag_route_no_learners": (
        "Route {route}: er zijn geen deelnemers voor deze route.",
        "Route {route}: no learners for this route.",
    ),
    "diag_route_no_class": (
        "Route {route}: geen enkele klas is mogelijk: minimaal {min:deelnemer|deelnemers} nodig, maar "
        "hoogstens {count:past|passen} samen (zelfde dagdelen, reistijd, niveau) binnen de planperiode.",
        "Route {route}: no class is possible at all: at least {min:learner is|learners are} needed, but at "
        "most {count:fits|fit} together (same dayparts, travel, level) within the horizon.",
    ),
    "diag_no_teachers": (
        "Er is op geen enkel dagdeel een docent beschikbaar (blad Docenten): er kan geen nieuwe "
        "klas starten, alleen lopende klassen nemen deelnemers op. Vul de docenten per dagdeel in.",
        "No teacher is available on any daypart (sheet Docenten): no new class can start, only "
        "running classes take learners. Fill in the teachers per daypart.",
    ),
    "diag_route_no_teacher": (
        "Route {route}: op geen enkel dagdeel van de toegestane lesroosters ({schedules}) is een "
        "docent beschikbaar.",
        "Route {route}: no teacher is available on any daypart of its allowed schedules "
        "({schedules}).",
    ),
    "diag_route_no_room": (
        "Route {route}: geen locatie heeft een lokaal open op alle dagdelen van een toegestaan "
        "lesrooster ({schedules}).",
        "Route {route}: no location has a room open on all dayparts of an allowed schedule "
        "({schedules}).",
    ),
    "diag_route_no_schedule": (
        "Route {route}: er is geen lesrooster toegestaan.",
        "Route {route}: no schedule is allowed.",
    ),
    "diag_running_over": (
        "Lopende klassen gebruiken op {daypart} al {used:docent|docenten}, meer dan de {available} "
        "beschikbaar; er kan daar geen nieuwe klas bij.",
        "Running classes already use {used:teacher|teachers} on {daypart}, more than the {available} "
        "available; no new class can be added there.",
    ),
    "diag_pin_conflict": (
        "De vastzettingen kunnen niet samen: {detail}. Maak een van deze vastzettingen los.",
        "The pins cannot all hold: {detail}. Release one of these pins.",
    ),
    "diag_infeasible": (
        "Geen geldig plan mogelijk met deze vastzettingen en capaciteit.",
        "No valid plan is possible with these pins and this capacity.",
    ),
    "diag_no_solution": (
        "De solver vond binnen {seconds} s geen plan; geef meer tijd.",
        "The solver found no plan within {seconds} s; allow more time.",
    ),
    "diag_pin_cap": (
        "Klas {label}: {count:deelnemer|deelnemers} vastgezet, meer dan het maximum {max}.",
        "Class {label}: {count:learner|learners} pinned, more than the maximum {max}.",
    ),
    "diag_pin_incompatible": (
        "Deelnemer {id} is vastgezet in {label}, maar past daar niet: {why}.",
        "Learner {id} is pinned to {label} but does not fit there: {why}.",
    ),
    # --- the afwegingskader as a frontier (frontier.py) ---------------------------------------
    "frontier_fastest": ("snelste start", "fastest start"),
    "frontier_homogeneous": ("meest homogeen", "most homogeneous"),
    "frontier_capped": ("hooguit {weeks} week gemiddeld wachten", "at most {weeks} weeks mean wait"),
    "frontier_step": (
        "+{weeks} week gemiddeld wachten → {share}% minder niveauverschil "
        "(elke extra week wachten levert {rate} punten niveau op)",
        "+{weeks} weeks mean wait → {share}% less level difference "
        "(every extra week of waiting buys {rate} level points)",
    ),
    "frontier_changes": (
        "t.o.v. snelste start: {later:deelnemer begint|deelnemers beginnen} later, "
        "{better:deelnemer zit|deelnemers zitten} in een beter passende klas, "
        "{further:deelnemer reist|deelnemers reizen} verder",
        "vs the fastest start: {later:learner starts|learners start} later, "
        "{better:learner sits|learners sit} in a better-fitting class, "
        "{further:learner travels|learners travel} further",
    ),
    "frontier_current": ("huidig plan", "current plan"),
    "frontier_current_dominated": (
        "huidig plan (overtroffen door '{label}': korter wachten en niet slechter passend, of andersom)",
        "current plan (beaten by '{label}': shorter waits and no worse fit, or the other way round)",
    ),
    # --- a plan's solver status in words (Plan.summary) --------------------------------------
    "status_OPTIMAL": ("optimaal plan", "optimal plan"),
    "status_FEASIBLE": ("goed plan (niet bewezen optimaal)", "good plan (not proven optimal)"),
    "status_HEURISTIC": ("heuristisch plan", "heuristic plan"),
    "status_INFEASIBLE": ("onmogelijk", "impossible"),
    "status_NO_SOLUTION": ("geen plan gevonden", "no plan found"),
}


def status_words(status: str, lang: str | None = None) -> str:
    """A solver status (``"FEASIBLE"``) in words for people; unknown ones as they are."""
    key = f"status_{status}"
    return Message(key).text(lang) if key in TEMPLATES else status


def _is_one(value: Any) -> bool:
    try:
        return abs(float(value)) == 1
    except (TypeError, ValueError):
        return False


def plural(n: Any, one: str, many: str) -> str:
    """``n`` with the singular or plural form: ``plural(1, "fout", "fouten")`` -> ``"1 fout"``."""
    return f"{n} {one if _is_one(n) else many}"


class _PluralFormatter(string.Formatter):
    """``str.format`` plus the spec ``{n:one|many}`` (``n`` and the form that fits it)."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" in format_spec:
            one, many = format_spec.split("|", 1)
            return plural(value, one, many)
        return super().format_field(value, format_spec)


_FORMATTER = _PluralFormatter()


def fmt(template: str, /, **params: Any) -> str:
    """``template.format(**params)`` where ``{n:fout|fouten}`` gives ``1 fout`` / ``2 fouten``."""
    return _FORMATTER.format(template, **params)


def set_language(lang: str) -> None:
    """Set the default language for ``str(message)``: ``"nl"`` or ``"en"``."""
    if lang not in ("nl", "en"):
        raise ValueError(f"language must be 'nl' or 'en', not {lang!r}")
    _LANG[0] = lang


def get_language() -> str:
    return _LANG[0]


@dataclass(frozen=True)
class Message:
    """A translatable message: a template key and its parameters."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str | None = None) -> str:
        nl, en = TEMPLATES[self.key]
        english = (lang or _LANG[0]) == "en"
        template = en if english else nl
        params = self.params if english else {  # Dutch dates as 16-12-2026, never ISO 2026-12-16
            k: v.strftime("%d-%m-%Y") if isinstance(v, datetime.date) and not isinstance(v, datetime.datetime) else v
            for k, v in self.params.items()}
        return fmt(template, **params)

    def __str__(self) -> str:
        return self.text()


def msg(key: str, **params: Any) -> Message:
    if key not in TEMPLATES:
        raise KeyError(f"unknown message key {key!r}")
    return Message(key, params)
