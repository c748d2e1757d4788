"""User-facing messages in Dutch (default) and English.

Every message the optimizer produces for a person (validation problems, waiting reasons,
diagnoses) is a :class:`Message`: a key plus parameters, rendered on demand in either
language. ``str(message)`` gives the text in the current default language, which
:func:`set_language` changes (the GUI and CLI call it from their language setting).

Messages name learners by id only, never by name or notes (personal data, AVG).

Counts take the right singular or plural form: a template writes ``{n:fout|fouten}`` and
:func:`fmt` renders ``1 fout`` or ``3 fouten`` (:func:`plural` does the same in code).

This is the one mechanism for both languages. Each layer keeps its own :class:`Catalogue`
(key -> (Dutch, English)) and renders from it with :meth:`Catalogue.text`: the optimizer's
:data:`TEMPLATES` and :data:`optimizer.plan.TERM_LABELS`, the import problems in
``app.workbook.issues``, the planner's notes and capacity errors, the CLI's lines and the GUI's
texts (``ui.strings_en``, where the Dutch text itself is the key). :func:`set_language` is the
one language switch they all follow. ``tests/test_messages.py`` checks every catalogue.
"""

from __future__ import annotations

import datetime
import string
from dataclasses import dataclass, field
from typing import Any, ClassVar

_LANG = ["nl"]
LANGUAGES = ("nl", "en")


class Bilingual:
    """Something said in Dutch and English: a subclass gives ``text(lang)`` (Dutch unless ``lang``
    is ``"en"``); ``nl`` and ``en`` follow from it."""

    def text(self, lang: str | None = None) -> str:
        raise NotImplementedError

    @property
    def nl(self) -> str:
        return self.text("nl")

    @property
    def en(self) -> str:
        return self.text("en")


class Keyed(Bilingual):
    """Said by a ``key`` and its ``params`` in the class's :class:`Catalogue` (``catalogue``)."""

    catalogue: ClassVar[Catalogue]
    key: str
    params: Any  # a mapping of the template's parameters

    def text(self, lang: str | None = None) -> str:
        return self.catalogue.text(self.key, "en" if lang == "en" else "nl", **self.params)


class Catalogue(dict[str, tuple[str, str]]):
    """The texts of one layer: key -> (Dutch, English) templates, rendered with :func:`fmt`.

    A template holds ``{placeholders}`` (with ``{n:one|many}`` for counts), the same ones in
    both languages. A parameter whose value differs by language is given twice: ``what`` (Dutch)
    and ``what_en`` (English), and the template writes ``{what}``. A parameter that is itself a
    :class:`Message` or :class:`Bilingual` is rendered in the template's language.
    """

    def template(self, key: str, lang: str | None = None) -> str:
        """The template of ``key`` in ``lang`` (None: the current language)."""
        nl, en = self[key]
        return en if (lang or _LANG[0]) == "en" else nl

    def text(self, key: str, lang: str | None = None, /, **params: Any) -> str:
        """The text of ``key`` in ``lang`` (None: the current language) with ``params`` filled in."""
        english = (lang or _LANG[0]) == "en"
        return fmt(self.template(key, "en" if english else "nl"), **in_language(params, "en" if english else "nl"))

    def table(self, lang: str | None = None) -> dict[str, str]:
        """Every key with its template in ``lang`` (None: the current language)."""
        return {key: self.template(key, lang) for key in self}


def in_language(params: dict[str, Any], lang: str) -> dict[str, Any]:
    """``params`` for a template in ``lang``: ``x_en`` replaces ``x`` in English, a :class:`Message` or
    :class:`Bilingual` is rendered."""
    out = {}
    for k, v in params.items():
        if k.endswith("_en") and k[:-3] in params:
            continue
        if lang == "en" and f"{k}_en" in params:
            v = params[f"{k}_en"]
        out[k] = v.text(lang) if isinstance(v, (Message, Bilingual)) else v
    return out


TEMPLATES = Catalogue({
    # --- validation of the problem -------------------------------------------------------
    "duplicate_id": (
        "Deelnemer-id '{id}' komt meer dan eens voor; geef elke deelnemer een eigen id.",
        "Learner id '{id}' occurs more than once; give every learner a unique id.",
    ),
    "empty_id": ("Een deelnemer heeft geen id.", "A learner has no id."),
    "learner_field_type": (
        "Deelnemer {id}: {field} moet {kind} zijn, niet {value} ({type}).",
        "Learner {id}: {field} must be {kind}, not {value} ({type}).",
    ),
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
    "daypart_word": (
        "'{value}' is geen dagdeel: '{word}' is geen dag (ma..zo) of dagdeel (ochtend/middag/avond). "
        "Schrijf bijvoorbeeld 'ma-ochtend' of 'ochtend'.",
        "'{value}' is not a daypart: '{word}' is not a day (ma..zo) or part of the day (ochtend/middag/avond). "
        "Write e.g. 'ma-ochtend' or 'ochtend'.",
    ),
    "daypart_range": (
        "'{value}' is geen dagdeel: een reeks loopt van een dag tot en met een latere dag, zoals "
        "'ma t/m vr ochtend'.",
        "'{value}' is not a daypart: a range runs from a day through a later day, such as "
        "'ma t/m vr ochtend'.",
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
    "pin_not_with": (
        "Deelnemers {id} en {ref} staan allebei vastgezet in klas {pin}, maar 'niet met' zegt dat ze niet "
        "in dezelfde klas mogen. Zet een van beiden in een andere klas of maak die vastzetting los, of haal "
        "{ref} weg bij 'niet met'.",
        "Learners {id} and {ref} are both pinned to class {pin}, but 'not with' says they may not share a "
        "class. Pin one of them to another class or release that pin, or remove {ref} from 'not with'.",
    ),
    "pin_household": (
        "Deelnemer {id} staat vastgezet op {pin}, maar {ref} uit hetzelfde huishouden/samen-groep {group} "
        "op {other}; een huishouden gaat samen in één klas of wacht samen. Zet beiden op hetzelfde (dezelfde "
        "klas of allebei de wachtlijst), maak een van de vastzettingen los, of haal een van beiden uit de groep.",
        "Learner {id} is pinned to {pin}, but {ref} of the same household/together group {group} to "
        "{other}; a household shares one class or waits together. Pin both the same way (the same class or "
        "both the waiting list), release one of the pins, or take one of them out of the group.",
    ),
    "unknown_location_ref": (
        "{where}: locatie '{value}' bestaat niet ({known}).",
        "{where}: location '{value}' does not exist ({known}).",
    ),
    "unknown_route_ref": (
        "{where}: route '{value}' staat niet bij de route-instellingen ({known}).",
        "{where}: route '{value}' is not among the route settings ({known}).",
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
    "minutes_range": (
        "{where}: maximale reistijd {value} minuten ligt buiten 0-{max}; vul hoogstens {max} minuten in "
        "(zo goed als geen grens).",
        "{where}: maximum travel time {value} minutes lies outside 0-{max}; enter at most {max} minutes "
        "(as good as no limit).",
    ),
    "setting_range": (
        "Instellingen: {name} {value} ligt buiten {lo}-{hi}; kies een waarde van {lo} tot en met {hi}.",
        "Settings: {name} {value} lies outside {lo}-{hi}; choose a value from {lo} to {hi}.",
    ),
    "count_range": (
        "{where}: {field} {value} ligt buiten {lo}-{hi}.",
        "{where}: {field} {value} lies outside {lo}-{hi}.",
    ),
    "weight_negative": (
        "Instellingen: {name} {value} is negatief; een gewicht is 0 of meer.",
        "Settings: {name} {value} is negative; a weight is 0 or more.",
    ),
    "travel_minutes_range": (
        "Deelnemer {id}: reistijd naar {location} {value} minuten ligt buiten 0-{max}.",
        "Learner {id}: travel time to {location} of {value} minutes lies outside 0-{max}.",
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
    "running_route_unknown": ("route '{route}' onbekend", "route '{route}' unknown"),  # running_bad's problem
    "running_location_unknown": ("locatie '{location}' onbekend", "location '{location}' unknown"),
    "running_schedule_unknown": ("lesrooster '{schedule}' onbekend", "schedule '{schedule}' unknown"),
    "running_levels_crossed": ("niveau-ondergrens boven bovengrens", "lower level bound above the upper level bound"),
    "running_out_of_range": ("niveaus buiten 0-100 of meer dan {max} vrije plaatsen",
                             "levels outside 0-100 or more than {max} free seats"),
    "running_seats_negative": ("negatief aantal vrije plaatsen", "negative number of free seats"),
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
    "wait_no_room": (
        "geen enkele locatie heeft een lokaal open op een lesrooster dat past in de dagdelen",
        "no location has a room open on a schedule that fits the dayparts",
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
    "wait_too_few_left": (
        "er is plek voor een passende klas (docenten en lokalen zijn vrij), maar van de wachtenden "
        "passen er hoogstens {count} samen in, minder dan de {min} die een klas nodig heeft",
        "there is room for a fitting class (teachers and rooms are free), but at most {count} of those "
        "waiting fit in it together, fewer than the {min} a class needs",
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
    "diag_no_rooms": (
        "Geen enkele locatie heeft een lokaal op enig dagdeel (blad Locaties, kolom Lokalen): er kan geen "
        "nieuwe klas starten, alleen lopende klassen nemen deelnemers op. Vul de lokalen per locatie in.",
        "No location has a room on any daypart (sheet Locaties, column Lokalen): no new class can start, "
        "only running classes take learners. Fill in the rooms per location.",
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
    "diag_running_over_rooms": (
        "Lopende klassen gebruiken op locatie {location} op {daypart} al {used:lokaal|lokalen}, meer dan "
        "de {available} beschikbaar; er kan daar geen nieuwe klas bij. Klopt het aantal lokalen?",
        "Running classes already use {used:room|rooms} at {location} on {daypart}, more than the "
        "{available} available; no new class can be added there. Is the number of rooms right?",
    ),
    "diag_pin_conflict": (
        "De vastzettingen kunnen niet samen: {detail}. Maak een van deze vastzettingen los.",
        "The pins cannot all hold: {detail}. Release one of these pins.",
    ),
    "diag_infeasible": (
        "Geen geldig plan mogelijk met deze vastzettingen en capaciteit.",
        "No valid plan is possible with these pins and this capacity.",
    ),
    "diag_infeasible_caps": (
        "Geen geldig plan mogelijk binnen de opgegeven grens (wachten, niveauverschil of aantal "
        "geplaatsten) met deze vastzettingen en capaciteit. Verruim de grens.",
        "No valid plan is possible within the given cap (waiting, level gap or number placed) "
        "with these pins and this capacity. Loosen the cap.",
    ),
    "diag_no_solution": (
        "De solver vond binnen {seconds} s geen plan; geef meer tijd.",
        "The solver found no plan within {seconds} s; allow more time.",
    ),
    "diag_cap_wait": (
        "De grens op het wachten is niet gehaald: gemiddeld {mean} weken, grens {cap}. Geen startplan "
        "binnen de grens gevonden; zoek met best_within (de afweging als grens) of geef een startplan "
        "(warm_start) dat de grens houdt.",
        "The cap on waiting is not met: {mean} weeks on average, cap {cap}. No starting plan within the "
        "cap was found; search with best_within (the trade-off as a cap) or give a starting plan "
        "(warm_start) that keeps the cap.",
    ),
    "diag_cap_misfit": (
        "De grens op het niveauverschil is niet gehaald: gemiddeld {mean} punten, grens {cap}. Geen "
        "startplan binnen de grens gevonden; zoek met best_within (de afweging als grens) of geef een "
        "startplan (warm_start) dat de grens houdt.",
        "The cap on the level gap is not met: {mean} points on average, cap {cap}. No starting "
        "plan within the cap was found; search with best_within (the trade-off as a cap) or give a "
        "starting plan (warm_start) that keeps the cap.",
    ),
    "diag_cap_placed": (
        "De ondergrens op het aantal geplaatsten is niet gehaald: {placed} geplaatst, ondergrens {floor}. "
        "Geef een startplan (warm_start) dat zoveel deelnemers plaatst, of verlaag de ondergrens.",
        "The floor on the number placed is not met: {placed} placed, floor {floor}. Give a starting plan "
        "(warm_start) that places that many learners, or lower the floor.",
    ),
    "diag_locked_short": (
        "De vastgezette klassen {labels} hebben samen {need} deelnemers nodig die op de eerste dag "
        "kunnen starten (het minimum per klas), maar er kunnen er maar {have} in. Maak een van deze "
        "klassen los of zet er minder vast.",
        "The locked classes {labels} need {need} learners together who can start on the first day "
        "(the minimum per class), but only {have} can join them. Unlock one of these classes or lock "
        "fewer.",
    ),
    "diag_locked_impossible": (
        "De vastgezette klas {label} kan niet openen: {why}. Maak de klas los of pas haar aan.",
        "The locked class {label} cannot open: {why}. Unlock the class or change it.",
    ),
    "locked_why_schedule": (
        "lesrooster {schedule} is niet toegestaan voor route {route}",
        "schedule {schedule} is not allowed for route {route}",
    ),
    "locked_why_level": (
        "niveau {level} is geen veelvoud van de niveaustap {step}",
        "level {level} is not a multiple of the level step {step}",
    ),
    "locked_why_capacity": (
        "geen docent of lokaal vrij in de weken van de klas",
        "no teacher or room free in the weeks of the class",
    ),
    "locked_why_learners": (
        "geen enkele deelnemer kan op de eerste dag in deze klas starten",
        "no learner can start in this class on its first day",
    ),
    "diag_pin_cap": (
        "Klas {label}: {count:deelnemer|deelnemers} vastgezet, meer dan het maximum {max}.",
        "Class {label}: {count:learner|learners} pinned, more than the maximum {max}.",
    ),
    "diag_pin_incompatible": (
        "Deelnemer {id} is vastgezet in {label}, maar past daar niet: {why}.",
        "Learner {id} is pinned to {label} but does not fit there: {why}.",
    ),
    # --- why a learner does not fit a class (explain.unfit_rule; diag_pin_incompatible's why) -----
    "unfit_running_end": (
        "de lopende klas eindigt te snel of de deelnemer is pas later beschikbaar",
        "the running class ends too soon or the learner is only available later",
    ),
    "unfit_running_seats": ("de lopende klas heeft geen vrije plaatsen", "the running class has no free seats"),
    "unfit_available": (
        "pas beschikbaar vanaf {date}, de klas start eerder",
        "only available from {date}, the class starts earlier",
    ),
    "unfit_start_week": ("week {week} is geen toegestane startweek", "week {week} is not an allowed start week"),
    "unfit_unknown_class": ("onbekende klas", "unknown class"),
    "unfit_route": (
        "andere route ({route} tegenover {class_route})",
        "another route ({route} against {class_route})",
    ),
    "unfit_together": (
        "huishouden/samen-groep {group} heeft {size} leden, meer dan de maximale klasgrootte {max}",
        "household/together group {group} has {size} members, more than the maximum class size {max}",
    ),
    "unfit_daypart": ("niet beschikbaar op {dayparts}", "not available on {dayparts}"),
    "unfit_excluded": (
        "locatie {location} is voor deze deelnemer uitgesloten",
        "location {location} is excluded for this learner",
    ),
    "unfit_travel": (
        "reistijd {minutes} min is meer dan het maximum van {limit} min",
        "travel time {minutes} min is more than the maximum of {limit} min",
    ),
    "unfit_travel_unknown": (
        "reistijd naar locatie {location} is onbekend",
        "travel time to location {location} is unknown",
    ),
    "unfit_spread": (
        "leerbaarheid {level} ligt buiten {low}-{high}, wat een klas van niveau {class_level} toelaat "
        "(maximale spreiding {spread})",
        "learnability {level} lies outside {low}-{high}, what a class of level {class_level} takes "
        "(maximum spread {spread})",
    ),
    "unfit_group": (
        "andere {separate}-groep ({group} tegenover {class_group})",
        "another {separate} group ({group} against {class_group})",
    ),
    "unfit_language": (
        "spreekt de lestaal {language} niet",
        "does not speak the instruction language {language}",
    ),
    "unfit_room": (
        "locatie {location} is niet open op alle dagdelen van {schedule}",
        "location {location} is not open on all dayparts of {schedule}",
    ),
    "unfit_capacity": (
        "geen docent of lokaal vrij voor deze klas, of te weinig deelnemers voor de minimale klasgrootte",
        "no teacher or room free for this class, or too few learners for the minimum class size",
    ),
    "unfit_other": ("past niet", "does not fit"),
    # --- the afwegingskader as a frontier (frontier.py) ---------------------------------------
    "frontier_fastest": ("snelste start", "fastest start"),
    "frontier_homogeneous": ("meest homogeen", "most homogeneous"),
    "frontier_capped": ("hooguit {weeks} week gemiddeld wachten", "at most {weeks} weeks mean wait"),
    "frontier_step": (
        "+{weeks} week gemiddeld wachten → {share}% minder niveauverschil "
        "(elke extra week wachten levert {rate} punten niveau op)",
        "+{weeks} weeks mean wait → {share}% smaller level gap "
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
    # --- the catalogue of rules (optimizer/rules.py): one statement per key --------------------
    "rule_one_place": (
        "Elke deelnemer zit in hoogstens één klas; anders staat hij of zij op de wachtlijst.",
        "Every learner is in at most one class; otherwise they are on the waiting list.",
    ),
    "rule_member_available": (
        "Een deelnemer begint niet vóór 'beschikbaar vanaf' en niet vóór de wachttijd begon.",
        "A learner does not start before 'available from' nor before their wait began.",
    ),
    "rule_member_late_join": (
        "Een deelnemer stroomt hoogstens 'instroom na start weken' na de start van een nieuwe klas in.",
        "A learner joins a new class at most 'late join weeks' after its start.",
    ),
    "rule_member_join_week": (
        "Een deelnemer begint op de eerste lesdag, of later alleen als hij of zij pas dan beschikbaar is; "
        "in een lopende klas in de eerste week dat het kan.",
        "A learner starts on the first day, or later only when they become available then; "
        "in a running class in the first week they can.",
    ),
    "rule_member_horizon": (
        "Een deelnemer begint binnen de planperiode.",
        "A learner starts within the planning horizon.",
    ),
    "rule_class_size": (
        "Een nieuwe klas heeft hoogstens de maximale klasgrootte van haar route, ook met wie later instroomt.",
        "A new class has at most its route's maximum class size, including those who join later.",
    ),
    "rule_class_first_day": (
        "Een nieuwe klas begint met minstens de minimale klasgrootte van haar route op de eerste lesdag.",
        "A new class starts with at least its route's minimum class size on the first day.",
    ),
    "rule_running_seats": (
        "Een lopende klas neemt niet meer nieuwe deelnemers op dan ze vrije plaatsen heeft.",
        "A running class takes no more newcomers than it has free seats.",
    ),
    "rule_teachers": (
        "Per week en dagdeel geven lopende en nieuwe klassen samen les met hoogstens de beschikbare docenten.",
        "Per week and daypart, running and new classes together need at most the teachers available.",
    ),
    "rule_rooms": (
        "Per locatie, week en dagdeel gebruiken de klassen hoogstens de open lokalen.",
        "Per location, week and daypart the classes use at most the open rooms.",
    ),
    "rule_together": (
        "Een huishouden/samen-groep zit samen in één klas, of wacht samen.",
        "A household/together group shares one class, or waits together.",
    ),
    "rule_not_with": (
        "Deelnemers met 'niet met' zitten nooit samen in een klas.",
        "Learners with 'not with' never share a class.",
    ),
    "rule_pin": (
        "Een vastgezette deelnemer staat in zijn of haar klas of op de wachtlijst, zoals vastgezet.",
        "A pinned learner is in their class, or on the waiting list, as pinned.",
    ),
    "rule_locked_class": (
        "Een vastgezette klas opent zoals ze is vastgezet.",
        "A locked class opens as it was locked.",
    ),
    "rule_member_route": (
        "Een deelnemer zit in een klas van zijn of haar eigen route.",
        "A learner is in a class of their own route.",
    ),
    "rule_member_daypart": (
        "Een deelnemer is beschikbaar op alle dagdelen van het lesrooster van zijn of haar klas.",
        "A learner is available on every daypart of their class's schedule.",
    ),
    "rule_member_travel": (
        "De reistijd naar de leslocatie is hoogstens de maximale reistijd.",
        "The travel time to the class location is at most the maximum travel time.",
    ),
    "rule_member_excluded": (
        "Een deelnemer krijgt geen les op een locatie die voor hem of haar is uitgesloten.",
        "A learner is not taught at a location excluded for them.",
    ),
    "rule_member_spread": (
        "De leerbaarheid van een deelnemer ligt hoogstens de halve maximale spreiding van het klasniveau.",
        "A learner's learnability is at most half the maximum spread away from the class level.",
    ),
    "rule_member_group": (
        "Waar de route het vraagt, zitten gealfabetiseerden/niet-gealfabetiseerden of profielen apart.",
        "Where the route asks for it, literacy groups or profiles are taught apart.",
    ),
    "rule_member_language": (
        "Een deelnemer spreekt de lestaal van zijn of haar klas.",
        "A learner speaks their class's instruction language.",
    ),
    "rule_member_running_end": (
        "Een deelnemer stroomt niet in een lopende klas in die te snel eindigt of na haar laatste instroomdag.",
        "A learner does not join a running class that ends too soon or after its last joining day.",
    ),
    "rule_class_schedule": (
        "Een nieuwe klas heeft een lesrooster dat haar route toestaat.",
        "A new class has a schedule its route allows.",
    ),
    "rule_class_start_week": (
        "Een nieuwe klas start in een toegestane startweek binnen de planperiode.",
        "A new class starts in an allowed start week within the horizon.",
    ),
    "rule_class_level": (
        "Het niveau van een nieuwe klas is een veelvoud van de niveaustap, van 0 tot en met 100.",
        "A new class's level is a multiple of the level step, from 0 to 100.",
    ),
    "rule_class_room": (
        "De locatie van een nieuwe klas heeft een lokaal op alle dagdelen van haar lesrooster.",
        "A new class's location has a room on every daypart of its schedule.",
    ),
    "rule_class_language": (
        "Een nieuwe klas heeft een lestaal van haar route (en geen als de route er geen heeft).",
        "A new class has an instruction language of its route (and none if the route has none).",
    ),
    "rule_wait_budget": (
        "Met een grens aan het gemiddeld wachten: de deelnemers wachten samen niet langer dan die grens toelaat.",
        "With a cap on the mean wait: the learners together wait no longer than the cap allows.",
    ),
    "rule_misfit_cap": (
        "Met een grens aan het niveauverschil: het gemiddelde niveauverschil van de geplaatsten blijft eronder.",
        "With a cap on the level gap: the placed learners' mean level gap stays within it.",
    ),
    "rule_placement_floor": (
        "Met een ondergrens aan plaatsingen: minstens zoveel deelnemers krijgen een klas.",
        "With a floor on placements: at least that many learners get a class.",
    ),
    "rule_unassigned": (
        "Elke deelnemer van de invoer staat in het plan (in een klas of op de wachtlijst).",
        "Every learner of the input is in the plan (in a class or on the waiting list).",
    ),
    "rule_unknown_learner": (
        "Het plan noemt alleen deelnemers uit de invoer.",
        "The plan names only learners of the input.",
    ),
    "rule_membership": (
        "De klas van een deelnemer en de deelnemerslijst van die klas komen overeen.",
        "A learner's class and that class's list of learners agree.",
    ),
    "rule_duplicate_class": (
        "Elke klas heeft een eigen code.",
        "Every class has its own id.",
    ),
    "rule_class_unknown": (
        "Een nieuwe klas heeft een bestaande route, locatie en lesrooster.",
        "A new class has an existing route, location and schedule.",
    ),
    "rule_class_start_date": (
        "De startdatum van een klas is de eerste dag van haar startweek.",
        "A class's start date is the first day of its start week.",
    ),
    "rule_running_unknown": (
        "Een klas die als lopend is gemarkeerd, staat bij de lopende klassen van de invoer.",
        "A class marked running is among the input's running classes.",
    ),
    "rule_running_changed": (
        "Een lopende klas houdt de route, locatie, het rooster en het niveau uit de invoer.",
        "A running class keeps the route, location, schedule and level of the input.",
    ),
    "rule_reported": (
        "Wachtweken, niveauverschil en reistijd per deelnemer zijn juist berekend.",
        "Each learner's waiting weeks, level gap and travel time are computed correctly.",
    ),
    "rule_objective": (
        "De punten van het plan, per onderdeel en in totaal, zijn juist berekend.",
        "The plan's points, per term and in total, are computed correctly.",
    ),
    "term_wait": (
        "wachttijd: gewicht wachten × prioriteit × wachtweken",
        "waiting: weight of waiting × priority × weeks waited",
    ),
    "term_misfit": (
        "niveauverschil: gewicht niveau × verschil tussen leerbaarheid en klasniveau",
        "level gap: level weight × gap between learnability and class level",
    ),
    "term_travel": (
        "reistijd: gewicht reistijd × minuten reistijd",
        "travel: travel weight × minutes of travel",
    ),
    "term_daypart": (
        "dagdeelvoorkeur: gewicht dagdeel × lesdagdelen buiten de voorkeur",
        "daypart preference: daypart weight × class dayparts outside the preference",
    ),
    "term_language": (
        "taalvoorkeur: gewicht taal als de lestaal niet de voorkeurstaal is",
        "language preference: language weight when the instruction language is not the preferred one",
    ),
    "term_move": (
        "verplaatsingen: gewicht verplaatsing per deelnemer die het eerdere plan verlaat",
        "moves: move weight per learner who leaves the earlier plan",
    ),
    "term_new_class": (
        "nieuwe klassen: kosten per nieuwe klas",
        "new classes: cost per new class",
    ),
    # --- a plan's solver status in words (Plan.summary) --------------------------------------
    "status_OPTIMAL": ("optimaal plan", "optimal plan"),
    "status_FEASIBLE": ("goed plan (niet bewezen optimaal)", "good plan (not proven optimal)"),
    "status_HEURISTIC": ("heuristisch plan", "heuristic plan"),
    "status_INFEASIBLE": ("onmogelijk", "impossible"),
    "status_NO_SOLUTION": ("geen plan gevonden", "no plan found"),
})
"""The optimizer's messages (:class:`Message` keys)."""


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
    if lang not in LANGUAGES:
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
        english = (lang or _LANG[0]) == "en"
        params = self.params if english else {  # Dutch dates as 16-12-2026, never ISO 2026-12-16
            k: v.strftime("%d-%m-%Y") if isinstance(v, datetime.date) and not isinstance(v, datetime.datetime) else v
            for k, v in self.params.items()}
        return TEMPLATES.text(self.key, "en" if english else "nl", **params)

    def __str__(self) -> str:
        return self.text()


def msg(key: str, **params: Any) -> Message:
    if key not in TEMPLATES:
        raise KeyError(f"unknown message key {key!r}")
    return Message(key, params)
