"""The canonical Klasvormer workbook format, as data.

A workbook has one sheet per :class:`SheetSpec` in :data:`INPUT_SHEETS`; each table sheet has
one header row and one row per item. :class:`ColumnSpec` gives, for every column, the Dutch
header (written by Klasvormer), the English header and other accepted names, whether it is
required, its kind of value, allowed values, a one-line Dutch explanation and an example.

Header matching rule (:func:`fold`): case, accents, spaces, underscores, hyphens, dots and a
trailing unit in parentheses are ignored, so ``"Wacht_sinds"``, ``"wacht-sinds"`` and
``"WACHT SINDS (datum)"`` all mean the column ``Wacht sinds``.

``Instellingen`` is a key/value sheet (:data:`SETTINGS`): column A the setting, column B the
value. ``Reistijden`` is a matrix: a learner-id column plus one column per location name.

This module holds no I/O: the importer, the template writer and the exporter read it. How a
column, sheet and setting are described (and :func:`fold`) is in :mod:`app.workbook.spec`; those
names are importable from here too.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from app.workbook.spec import (
    CHOICE,
    DATE,
    DAYPARTS,
    DISTRICT,
    ID,
    INT,
    LEVEL,
    LIST,
    MINUTES,
    NUMBER,
    POSTCODE,
    REFLIST,
    TEXT,
    WEEKS,
    YESNO,
    ColumnSpec,
    SettingSpec,
    SheetSpec,
    fold,
)
from optimizer.dayparts import ALL_DAYPARTS
from optimizer.domain import MAX_HORIZON_WEEKS, SETTING_RANGES
from optimizer.travel import STADSDELEN

EXAMPLE_PREFIX = "VOORBEELD"
"""A row whose key cell (id, naam, route, ...) starts with this word is an example and ignored."""

LEVEL_CATEGORIES: dict[str, int] = {"langzaam": 25, "gemiddeld": 50, "snel": 75}
"""Learner-speed categories and the score each maps to."""

Z_PROFILES: dict[str, tuple[int, str]] = {
    "langzaam niet-gealfabetiseerd": (25, "nee"),
    "gemiddeld niet-gealfabetiseerd": (50, "nee"),
    "snel niet-gealfabetiseerd": (75, "nee"),
    "langzaam gealfabetiseerd": (25, "ja"),
}
"""The Z-route's four klantprofielen: score (from the speed word) and literacy."""

LITERACY_VALUES = ("ja", "nee", "anders")
STATUS_VALUES = ("statushouder", "gezinsmigrant", "overig")
SEPARATE_VALUES = ("geen", "alfabetisering", "profiel")
PRESET_VALUES = ("gebalanceerd", "snelle start", "homogeen", "aangepast")
WAITLIST_WORDS = ("wachtlijst", "waiting list", "waitlist", "wachten")


def _c(key: str, nl: str, en: str, kind: str, help: str, example: object = "", **kw: object) -> ColumnSpec:
    return ColumnSpec(key=key, nl=nl, en=en, kind=kind, help=help, example=example, **kw)  # type: ignore[arg-type]


LEARNERS = SheetSpec(
    key="learners",
    nl="Deelnemers",
    en="Learners",
    variants=("deelnemer", "leerders", "cursisten", "wachtlijst deelnemers", "learner"),
    help="Eén rij per deelnemer die wacht of binnenkort kan starten.",
    columns=(
        _c("id", "Id", "id", ID, "Uniek nummer of code van de deelnemer (geen naam).", "D-0001",
           required=True, variants=("deelnemer", "deelnemer id", "deelnemersnummer", "klantnummer",
                                    "nummer", "learner", "learner id", "code")),
        _c("route", "Route", "route", TEXT, "Leerroute; moet op het blad Routes staan.", "B1",
           required=True, variants=("leerroute", "traject")),
        _c("level", "Leerbaarheid", "learnability", LEVEL,
           "Score 0-100, een percentage (65%), langzaam/gemiddeld/snel (25/50/75) of een "
           "Z-route-profiel.", 55, required=True,
           variants=("leerbaarheidsscore", "leerbaarheid score", "score", "leervermogen",
                     "snelheid", "learnability score", "level"),
           allowed=(*LEVEL_CATEGORIES, *Z_PROFILES)),
        _c("dayparts", "Dagdelen", "dayparts", DAYPARTS,
           "Dagdelen waarop de deelnemer kan; 'ochtend' = elke werkdag 's ochtends.",
           "ma-ochtend, wo-ochtend, vr-ochtend", required=True,
           variants=("beschikbare dagdelen", "beschikbaarheid", "beschikbaar", "availability",
                     "available dayparts")),
        _c("district", "Stadsdeel", "district", DISTRICT,
           "Stadsdeel waar de deelnemer woont (of vul Postcode in).", "Nieuw-West",
           variants=("wijk", "gebied", "stadsdeel woonadres", "area"), allowed=STADSDELEN),
        _c("postcode", "Postcode", "postcode", POSTCODE,
           "Postcode (4 cijfers; letters mogen erbij). Wint van Stadsdeel.", "1063 AB",
           variants=("pc4", "postal code", "zip", "zipcode")),
        _c("waiting_since", "Wacht sinds", "waiting since", DATE,
           "Datum waarop het wachten begon.", "06-01-2025", required=True,
           variants=("wachtend sinds", "wacht vanaf", "wachtdatum", "op wachtlijst sinds",
                     "waiting from")),
        _c("available_from", "Beschikbaar vanaf", "available from", DATE,
           "Eerste datum waarop de deelnemer kan starten (bv. einde Taalstart).", "03-02-2025",
           variants=("startbaar vanaf", "kan starten vanaf", "einde taalstart")),
        _c("preferred_dayparts", "Voorkeur dagdelen", "preferred dayparts", DAYPARTS,
           "Dagdelen die de deelnemer het liefst heeft (binnen Dagdelen).", "ochtend",
           variants=("voorkeursdagdelen", "voorkeur dagdeel", "voorkeur")),
        _c("max_travel", "Max reistijd", "max travel", MINUTES,
           "Maximale reistijd enkele reis in minuten; leeg = standaard van route of instellingen.",
           30, variants=("maximale reistijd", "max reistijd minuten", "max travel minutes",
                         "reistijd max")),
        _c("literacy", "Gealfabetiseerd", "literate", CHOICE,
           "ja, nee of anders (gealfabetiseerd in een ander schrift).", "ja",
           variants=("alfabetisering", "literacy", "geletterd"), allowed=LITERACY_VALUES),
        _c("profile", "Profiel", "profile", TEXT, "Klantprofiel (bv. Z-route-profiel).",
           "langzaam gealfabetiseerd", variants=("klantprofiel", "client profile")),
        _c("languages", "Talen", "languages", LIST, "Talen die de deelnemer spreekt.",
           "Arabisch, Engels", variants=("gesproken talen", "taal", "spoken languages")),
        _c("preferred_language", "Voorkeurstaal", "preferred language", TEXT,
           "Taal waarin de deelnemer het liefst les krijgt (PVT/MAP).", "Arabisch",
           variants=("voorkeur taal", "voorkeurtaal")),
        _c("status", "Status", "status", CHOICE, "statushouder, gezinsmigrant of overig.",
           "statushouder", variants=("doelgroep", "verblijfsstatus"), allowed=STATUS_VALUES),
        _c("priority", "Prioriteit", "priority", INT,
           "1 (normaal) tot 10: vermenigvuldigt het gewicht van wachten.", 1,
           variants=("urgentie",), default=1),
        _c("together", "Samen", "together", TEXT,
           "Huishouden- of groepscode: wie dezelfde code heeft komt in dezelfde klas.", "H-12",
           variants=("samen met", "huishouden", "household", "gezin")),
        _c("not_with", "Niet met", "not with", LIST, "Id's van deelnemers die niet in dezelfde klas mogen.",
           "D-0007", variants=("niet samen met", "niet bij")),
        _c("pin", "Vastgezet", "pinned", TEXT,
           "Klas (id van een lopende klas) waarin de deelnemer moet, of 'wachtlijst'.", "",
           variants=("vaste klas", "vastzetten", "pin", "pinned class")),
        _c("excluded_locations", "Uitgesloten locaties", "excluded locations", REFLIST,
           "Locaties waar de deelnemer niet heen kan.", "Locatie Zuid",
           variants=("niet op locatie", "uitsluiten locaties", "uitgesloten locatie")),
        _c("name", "Naam", "name", TEXT, "Naam (optioneel; alleen bewaard, nooit gebruikt).",
           "", variants=("volledige naam", "full name")),
        _c("notes", "Notities", "notes", TEXT, "Vrije tekst (alleen bewaard, nooit gebruikt).",
           "", variants=("opmerkingen", "opmerking", "toelichting", "notitie", "remarks")),
        # Plan-result columns (written in a plan workbook; the planner edits Klas).
        _c("class", "Klas", "class", TEXT, "Klas uit het blad Klassen, of 'wachtlijst'.", "K01",
           output=True, variants=("klas id", "class id")),
        _c("start_date", "Startdatum", "start date", DATE, "Startdatum in de klas.", "", output=True),
        _c("wait_weeks", "Wachtweken", "waiting weeks", INT, "Weken gewacht bij de start.", "",
           output=True),
        _c("travel_minutes", "Reistijd", "travel minutes", MINUTES, "Reistijd naar de klas (min).",
           "", output=True),
        _c("misfit", "Niveauverschil", "misfit", INT, "Verschil leerbaarheid en klasniveau.", "",
           output=True),
        _c("reason", "Wachtreden", "waiting reason", TEXT, "Waarom de deelnemer wacht.", "",
           output=True),
    ),
)

LOCATIONS = SheetSpec(
    key="locations",
    nl="Locaties",
    en="Locations",
    variants=("leslocaties", "locatie", "location"),
    key_column="name",
    help="Eén rij per leslocatie; herhaal de naam voor een ander aantal lokalen op andere dagdelen.",
    columns=(
        _c("name", "Naam", "name", TEXT, "Naam van de locatie.", "Locatie Noord", required=True,
           variants=("locatie", "leslocatie", "location")),
        _c("district", "Stadsdeel", "district", DISTRICT, "Stadsdeel van de locatie (of Postcode).",
           "Noord", variants=("wijk", "gebied"), allowed=STADSDELEN),
        _c("postcode", "Postcode", "postcode", POSTCODE, "Postcode van de locatie (PC4).", "1031 KG",
           variants=("pc4", "postal code")),
        _c("rooms", "Lokalen", "rooms", INT, "Aantal lokalen per open dagdeel.", 2, required=True,
           variants=("aantal lokalen", "lokaal", "rooms per daypart")),
        _c("open", "Open dagdelen", "open dayparts", DAYPARTS,
           "Dagdelen waarop de lokalen beschikbaar zijn; leeg = elke werkdag alle dagdelen.",
           "ochtend, middag", variants=("dagdelen", "open", "dayparts")),
    ),
)

SCHEDULES = SheetSpec(
    key="schedules",
    nl="Lesroosters",
    en="Schedules",
    variants=("lesrooster", "roosters", "rooster", "schedule"),
    key_column="name",
    help="Eén rij per lesrooster: de dagdelen waarop een klas samenkomt.",
    columns=(
        _c("name", "Naam", "name", TEXT, "Naam van het lesrooster.", "ma-wo-vr ochtend",
           required=True, variants=("lesrooster", "rooster", "schedule")),
        _c("dayparts", "Dagdelen", "dayparts", DAYPARTS, "Dagdelen van het rooster.",
           "ma-ochtend, wo-ochtend, vr-ochtend", required=True),
    ),
)

ROUTES = SheetSpec(
    key="routes",
    nl="Routes",
    en="Routes",
    variants=("route", "leerroutes", "route instellingen"),
    key_column="route",
    help="Eén rij per leerroute met de klasregels.",
    columns=(
        _c("route", "Route", "route", TEXT, "Naam van de route (B1, B1-mbo, Onderwijs, Z, PVT, MAP, ...).",
           "B1", required=True, variants=("leerroute",)),
        _c("min_size", "Min grootte", "min size", INT, "Minimaal aantal deelnemers in een nieuwe klas.",
           8, default=8, variants=("minimale grootte", "min klasgrootte", "minimum")),
        _c("max_size", "Max grootte", "max size", INT, "Maximaal aantal deelnemers in een klas.", 15,
           default=15, variants=("maximale grootte", "max klasgrootte", "maximum")),
        _c("max_spread", "Max spreiding", "max spread", INT,
           "Grootste verschil in leerbaarheid binnen een klas.", 20, default=20,
           variants=("maximale spreiding", "spreiding")),
        _c("duration_weeks", "Duur weken", "duration weeks", INT,
           "Hoe lang een klas docent en lokaal gebruikt (weken).", 26, default=26,
           variants=("duur", "looptijd weken", "duration")),
        _c("schedules", "Lesroosters", "schedules", REFLIST,
           "Toegestane lesroosters (namen van blad Lesroosters); leeg = alle.", "ma-wo-vr ochtend",
           variants=("roosters", "toegestane lesroosters")),
        _c("languages", "Lestalen", "instruction languages", LIST,
           "Instructietalen (PVT/MAP); leeg = geen.", "", variants=("lestaal", "instructietalen")),
        _c("separate", "Scheiden op", "separate by", CHOICE,
           "geen, alfabetisering of profiel: een klas heeft dan één waarde.", "geen",
           variants=("scheiden", "splitsen op", "separate"), allowed=SEPARATE_VALUES),
        _c("start_weeks", "Startweken", "start weeks", WEEKS,
           "Weken waarin klassen van deze route mogen starten: datums of weeknummers in de "
           "planning (0 = week van de plandatum); leeg = zoals Instellingen.", "",
           variants=("startdata", "startdatums", "start dates")),
        _c("max_travel", "Max reistijd", "max travel", MINUTES,
           "Maximale reistijd voor deze route (min); leeg = Instellingen.", "",
           variants=("maximale reistijd",)),
    ),
)

TEACHERS = SheetSpec(
    key="teachers",
    nl="Docenten",
    en="Teachers",
    variants=("docent", "docentcapaciteit", "capaciteit"),
    key_column="daypart",
    help="Aantal beschikbare docenten per dagdeel.",
    columns=(
        _c("daypart", "Dagdeel", "daypart", DAYPARTS,
           "Dagdeel (of groep, bv. 'ochtend' = elke werkdagochtend).", "ma-ochtend", required=True,
           variants=("dagdelen",)),
        _c("count", "Aantal", "count", INT, "Aantal docenten op dat dagdeel.", 3, required=True,
           variants=("aantal docenten", "docenten", "teachers", "number")),
    ),
)

RUNNING = SheetSpec(
    key="running",
    nl="Lopende klassen",
    en="Running classes",
    required=False,
    variants=("lopende klas", "lopend"),
    help="Klassen die al lopen en nog vrije plaatsen hebben (optioneel blad).",
    columns=(
        _c("id", "Klas", "class", ID, "Code van de klas (gebruik hem bij Vastgezet).", "L-01",
           required=True, variants=("id", "klas id", "class id", "code")),
        _c("route", "Route", "route", TEXT, "Route van de klas.", "B1", required=True),
        _c("location", "Locatie", "location", TEXT, "Locatie (blad Locaties).", "Locatie Noord",
           required=True, variants=("leslocatie",)),
        _c("schedule", "Lesrooster", "schedule", TEXT, "Lesrooster (blad Lesroosters).",
           "ma-wo-vr ochtend", required=True, variants=("rooster",)),
        _c("level_min", "Niveau van", "level from", INT, "Laagste leerbaarheid in de klas.", 40,
           required=True, variants=("niveau min", "min niveau")),
        _c("level_max", "Niveau tot", "level to", INT, "Hoogste leerbaarheid in de klas.", 60,
           required=True, variants=("niveau max", "max niveau")),
        _c("free_seats", "Vrije plaatsen", "free seats", INT, "Aantal vrije plaatsen.", 3,
           required=True, variants=("vrij", "plaatsen vrij")),
        _c("end_date", "Einddatum", "end date", DATE, "Laatste lesdatum.", "30-06-2025",
           required=True, variants=("eind", "tot")),
        _c("language", "Taal", "language", TEXT, "Instructietaal (PVT/MAP), anders leeg.", "",
           variants=("lestaal",)),
        _c("group", "Groep", "group", TEXT,
           "Alfabetisering of profiel als de route daarop scheidt, anders leeg.", ""),
        _c("join_until", "Instroom tot", "join until", DATE,
           "Laatste dag waarop nieuwe deelnemers kunnen instromen; leeg = tot kort voor het einde.", "",
           variants=("instroom t/m", "laatste instroomdatum")),
    ),
)

TRAVEL = SheetSpec(
    key="travel",
    nl="Reistijden",
    en="Travel times",
    required=False,
    variants=("reistijd", "reistijdentabel", "travel"),
    layout="matrix",
    help="Optioneel: reistijd in minuten per deelnemer (rij) en locatie (kolom); wint van de schatting.",
    columns=(
        _c("id", "Id", "id", ID, "Id van de deelnemer.", "D-0001", required=True,
           variants=("deelnemer", "deelnemer id", "learner", "learner id")),
    ),
)

SETTINGS_SHEET = SheetSpec(
    key="settings",
    nl="Instellingen",
    en="Settings",
    variants=("instelling", "parameters"),
    layout="keyvalue",
    key_column="setting",
    help="Eén instelling per rij: kolom A de naam, kolom B de waarde.",
    columns=(
        _c("setting", "Instelling", "setting", TEXT, "Naam van de instelling.", "plandatum",
           required=True),
        _c("value", "Waarde", "value", TEXT, "Waarde.", "06-01-2025", required=True),
        _c("help", "Uitleg", "explanation", TEXT, "Uitleg (wordt niet ingelezen).", ""),
    ),
)

INPUT_SHEETS: tuple[SheetSpec, ...] = (
    LEARNERS, LOCATIONS, SCHEDULES, ROUTES, TEACHERS, SETTINGS_SHEET, RUNNING, TRAVEL,
)


def _s(key: str, nl: str, en: str, kind: str, default: object, help: str, example: object = "",
       variants: tuple[str, ...] = (), allowed: tuple[str, ...] = (), *, lo: float | None = None,
       hi: float | None = None) -> SettingSpec:
    if key in SETTING_RANGES:  # the optimizer's range is the one
        _, lo, hi = SETTING_RANGES[key]
    return SettingSpec(key, nl, en, kind, default, help, example, variants, allowed, lo, hi)


WEIGHT_KEYS: dict[str, str] = {
    "weight_wait": "wait",
    "weight_misfit": "misfit",
    "weight_travel": "travel",
    "weight_daypart": "daypart",
    "weight_language": "language",
    "weight_move": "move",
    "weight_new_class": "new_class",
}
"""Setting key -> :class:`optimizer.domain.Weights` field."""

# MAX_HORIZON_WEEKS (optimizer.domain): the longest planperiode the Instellingen sheet accepts.

# MAX_MINUTES (optimizer.domain): the longest one-way travel time (a maximum reistijd, a cell of
# Reistijden); the optimizer's own check holds problems made in Python to it too.
# SETTING_RANGES (optimizer.domain) gives every setting's range (``_s`` takes it), so the workbook
# and a problem made in Python accept the same values.

SETTINGS: tuple[SettingSpec, ...] = (
    _s("plan_date", "plandatum", "plan date", DATE, None,
       "Begin van week 0 van de planning; leeg = de eerstvolgende maandag.", "06-01-2025",
       ("startdatum planning", "datum planning")),
    _s("horizon_weeks", "planperiode weken", "horizon weeks", INT, 12,
       f"Aantal weken waarin klassen kunnen starten (hoogstens {MAX_HORIZON_WEEKS}).", 12,
       ("planperiode", "horizon")),
    _s("start_weeks", "startweken", "start weeks", WEEKS, None,
       "Weken waarin klassen mogen starten (datums of weeknummers, 0 = eerste week); leeg = elke week.",
       "0, 4, 8", ("startdata", "startdatums", "start dates")),
    _s("max_travel", "max reistijd", "max travel", MINUTES, 45,
       "Standaard maximale reistijd enkele reis (minuten).", 45, ("maximale reistijd",)),
    _s("level_step", "niveaustap", "level step", INT, 5,
       "Klasniveaus zijn veelvouden hiervan (1 = elk getal; hoogstens 100).", 5, ("niveau stap",)),
    _s("target_weeks", "streeftermijn weken", "target weeks", INT, 10,
       "Streeftermijn: binnen hoeveel weken iemand zou moeten starten.", 10,
       ("streeftermijn", "target")),
    _s("preset", "afweging", "preset", CHOICE, "gebalanceerd",
       "gebalanceerd, snelle start of homogeen; losse gewichten hieronder gaan voor.",
       "gebalanceerd", ("preset afweging", "balans", "balance"), PRESET_VALUES),
    _s("weight_wait", "gewicht wachten", "weight wait", INT, None,
       "Punten per wachtweek (maal prioriteit); leeg = volgens afweging.", ""),
    _s("weight_misfit", "gewicht niveau", "weight misfit", INT, None,
       "Punten per punt niveauverschil; leeg = volgens afweging.", "", ("gewicht niveauverschil",)),
    _s("weight_travel", "gewicht reistijd", "weight travel", INT, None,
       "Punten per reisminuut; leeg = volgens afweging.", ""),
    _s("weight_daypart", "gewicht dagdeel", "weight daypart", INT, None,
       "Punten per dagdeel buiten de voorkeur; leeg = volgens afweging.", "",
       ("gewicht dagdeelvoorkeur",)),
    _s("weight_language", "gewicht taal", "weight language", INT, None,
       "Punten per deelnemer die les krijgt in een andere taal dan de voorkeurstaal.", "",
       ("gewicht taalvoorkeur",)),
    _s("weight_move", "gewicht verplaatsing", "weight move", INT, None,
       "Punten per deelnemer die verschuift t.o.v. het vorige plan.", "",
       ("gewicht verplaatsingen",)),
    _s("weight_new_class", "gewicht nieuwe klas", "weight new class", INT, None,
       "Punten per nieuw geopende klas.", "", ("gewicht nieuwe klassen",)),
    _s("travel_overhead", "reistijd overhead", "travel overhead", NUMBER, 10.0,
       "Vaste minuten per reis in de schatting (lopen, wachten); 0 tot 120.", 10,
       ("overhead", "reistijd vast")),
    _s("travel_detour", "omrijfactor", "detour factor", NUMBER, 1.3,
       "Factor op de hemelsbrede afstand; 1 (rechtstreeks) tot 5.", 1.3, ("omrij factor",)),
    _s("travel_speed", "snelheid", "speed", NUMBER, 20.0,
       "Gemiddelde snelheid openbaar vervoer in km/u; 1 tot 150.", 20, ("snelheid km/u", "reissnelheid")),
    _s("travel_min_km", "minimale afstand", "minimum distance", NUMBER, 1.0,
       "Kleinste afstand (km) in de schatting; 0 tot 50.", 1, ("min km", "minimale afstand km")),
    _s("waitlist_extra_weeks", "extra wachtweken wachtlijst", "waitlist extra weeks", INT, 4,
       "Wie op de wachtlijst blijft kost de wachttijd tot het eind plus zoveel weken.", 4),
    _s("min_weeks_left_to_join", "min resterende weken instroom", "min weeks left to join", INT, 4,
       "Een lopende klas neemt alleen nieuwe deelnemers als er nog zoveel weken over zijn.", 4,
       ("minimale resterende weken",)),
    _s("late_join_weeks", "instroom na start weken", "late join weeks", INT, 4,
       "Een nieuwe klas neemt tot zoveel weken na de start nog deelnemers op (0 = alleen bij de start).", 4,
       ("instroom na start", "late instroom weken")),
)


def sheet(key: str) -> SheetSpec:
    """The input sheet with this key ('learners', 'locations', ...)."""
    for s in (*INPUT_SHEETS, CLASSES):
        if s.key == key:
            return s
    raise KeyError(key)


def match_sheet(title: str, specs: Iterable[SheetSpec] = INPUT_SHEETS) -> SheetSpec | None:
    """The sheet spec a workbook sheet title names (folded match), or None."""
    f = fold(title)
    for s in specs:
        if f in {fold(n) for n in s.names}:
            return s
    return None


def match_setting(name: object) -> SettingSpec | None:
    """The setting a key cell names (folded match), or None."""
    return _setting_index().get(fold(name))


@cache
def _setting_index() -> dict[str, SettingSpec]:
    return {fold(n): s for s in SETTINGS for n in s.names}


# ---- plan workbook: the Klassen sheet (read back by app.workbook.reimport) -----------------------------
CLASSES = SheetSpec(
    key="classes",
    nl="Klassen",
    en="Classes",
    variants=("klas", "classes"),
    help="Eén rij per klas in het plan.",
    columns=(
        _c("id", "Klas", "class", ID, "Code van de klas.", "K01", required=True,
           variants=("id", "klas id", "class id")),
        _c("route", "Route", "route", TEXT, "Route.", "B1", required=True),
        _c("location", "Locatie", "location", TEXT, "Locatie.", "Locatie Noord", required=True),
        _c("schedule", "Lesrooster", "schedule", TEXT, "Lesrooster.", "ma-wo-vr ochtend",
           required=True),
        _c("dayparts", "Dagdelen", "dayparts", TEXT, "Dagdelen van het lesrooster.", "", output=True),
        _c("start_date", "Startdatum", "start date", DATE, "Eerste lesweek.", "", required=True),
        _c("start_week", "Startweek", "start week", INT, "Week in de planning (0 = eerste).", "",
           output=True),
        _c("level", "Niveau", "level", INT, "Klasniveau (leerbaarheid).", 50, required=True),
        _c("level_range", "Niveaubereik", "level range", TEXT, "Laagste-hoogste leerbaarheid.", "",
           output=True),
        _c("size", "Grootte", "size", INT, "Aantal (nieuwe) deelnemers.", "", output=True),
        _c("travel_mean", "Gem. reistijd", "mean travel", NUMBER, "Gemiddelde reistijd (min).", "",
           output=True),
        _c("language", "Taal", "language", TEXT, "Instructietaal.", ""),
        _c("group", "Groep", "group", TEXT, "Alfabetisering/profiel.", ""),
        _c("running", "Lopend", "running", YESNO, "ja = lopende klas die instroom krijgt.", "nee"),
        _c("locked", "Vast", "locked", YESNO, "ja = klas is vastgezet.", "nee"),
    ),
)

DAYPART_CHOICES: tuple[str, ...] = ("ochtend", "middag", "avond", *ALL_DAYPARTS)
"""Suggestions for daypart drop-downs (free text stays allowed)."""
