"""Edits of capacity and settings: each returns a new Problem (``dataclasses.replace``).

The GUI's Capaciteit and Afweging pages call these; a value that can never be right raises
:class:`CapacityError` with a key of :data:`ERRORS` (Dutch and English; the editor shows it and keeps the old
value). Combinations that are wrong only together (minimum above maximum, a schedule that no
location can host) are left to :meth:`Problem.validate`, whose messages the page lists.
"""

from __future__ import annotations

import re
from dataclasses import replace

from optimizer.dayparts import ALL_DAYPARTS, PARTS, WORKDAYS, DaypartError, parse_dayparts
from optimizer.domain import (
    MAX_COUNT,
    MAX_DURATION_WEEKS,
    MAX_MINUTES,
    MAX_SPREAD,
    MAX_WEIGHT,
    SETTING_RANGES,
    Location,
    Problem,
    RouteSettings,
    Schedule,
    Weights,
)
from optimizer.explain import no_new_class
from optimizer.messages import Catalogue, Keyed, Message
from optimizer.travel import normalize_pc4, normalize_stadsdeel

MAX_ROOMS = MAX_COUNT
MAX_TEACHERS = MAX_COUNT
"""Rooms per daypart at a location, and teachers per daypart: as many as the sheets take."""
ROUTE_FIELDS: dict[str, tuple[int, int]] = {
    "min_size": (1, MAX_COUNT),
    "max_size": (1, MAX_COUNT),
    "max_spread": (0, MAX_SPREAD),
    "duration_weeks": (1, MAX_DURATION_WEEKS),
    "max_travel": (0, MAX_MINUTES),
}
"""Editable whole-number route fields and their allowed range: the Routes sheet's (a workbook's
value is shown as it is, never cut to fit the editor)."""
SETTING_FIELDS: dict[str, tuple[int, int]] = {
    name: (int(SETTING_RANGES[name][1]), int(SETTING_RANGES[name][2]))
    for name in ("horizon_weeks", "max_travel", "target_weeks", "level_step")
}
"""Editable whole-number settings and their allowed range: the Instellingen sheet's
(:data:`optimizer.domain.SETTING_RANGES`; the planperiode up to
:data:`optimizer.domain.MAX_HORIZON_WEEKS`)."""


ERRORS = Catalogue({
    "not_whole": ("{what}: '{value}' is geen geheel getal.", "{what}: '{value}' is not a whole number."),
    "out_of_range": ("{what}: kies een getal van {lo} tot {hi}.", "{what}: choose a number from {lo} to {hi}."),
    "week_bad": ("'{part}' is geen week of reeks (schrijf bv. 0, 4, 8 of 0-3).",
                 "'{part}' is not a week or range (write e.g. 0, 4, 8 or 0-3)."),
    "week_range_backwards": ("'{part}': de reeks loopt achteruit.", "'{part}': the range runs backwards."),
    "week_after_horizon": ("Week {week} ligt na de planperiode (week 0 tot {last}).",
                           "Week {week} lies after the horizon (weeks 0 to {last})."),
    "location_unknown": ("Locatie '{name}' bestaat niet.", "Location '{name}' does not exist."),
    "location_exists": ("Locatie '{name}' bestaat al.", "Location '{name}' already exists."),
    "location_unnamed": ("Geef de locatie een naam.", "Give the location a name."),
    "location_running": ("Locatie '{name}' heeft lopende klassen en kan niet weg.",
                         "Location '{name}' has running classes and cannot be removed."),
    "location_last": ("Er moet minstens één locatie blijven.", "At least one location must remain."),
    "place_bad": ("'{home}' is geen Amsterdamse postcode (4 cijfers) of stadsdeel.",
                  "'{home}' is not an Amsterdam postcode (4 digits) or district."),
    "daypart_bad": ("'{daypart}' is geen dagdeel.", "'{daypart}' is not a daypart."),
    "dayparts_bad": ("{reason}", "{reason}"),  # reason: the DaypartError's message
    "dayparts_none": ("Een lesrooster heeft minstens één dagdeel.", "A schedule needs at least one daypart."),
    "route_unknown": ("Route '{route}' bestaat niet.", "Route '{route}' does not exist."),
    "schedule_unknown": ("Lesrooster '{name}' bestaat niet.", "Schedule '{name}' does not exist."),
    "schedule_unknown_of": ("Lesrooster '{name}' bestaat niet ({known}).", "Schedule '{name}' does not exist ({known})."),
    "schedule_unnamed": ("Geef het lesrooster een naam.", "Give the schedule a name."),
    "schedule_exists": ("Lesrooster '{name}' bestaat al.", "Schedule '{name}' already exists."),
    "schedule_running": ("Lesrooster '{name}' wordt door lopende klassen gebruikt.",
                         "Schedule '{name}' is used by running classes."),
    "schedule_last": ("Er moet minstens één lesrooster blijven.", "At least one schedule must remain."),
})
"""Why a capacity or settings value cannot be used (:class:`CapacityError` keys)."""


class CapacityError(Keyed, ValueError):
    """A value that cannot be used: a key of :data:`ERRORS` and its parameters say why."""

    catalogue = ERRORS

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.text())



def _whole(value: object, lo: int, hi: int, what: str, what_en: str) -> int:
    try:
        n = int(str(value).strip())
    except ValueError:
        raise CapacityError("not_whole", what=what, what_en=what_en, value=value) from None
    if not lo <= n <= hi:
        raise CapacityError("out_of_range", what=what, what_en=what_en, lo=lo, hi=hi)
    return n


# ---- planning period and general settings ------------------------------------------------------
def set_setting(problem: Problem, name: str, value: object) -> Problem:
    """Change a whole-number problem setting (horizon, default max travel, target, level step)."""
    if name not in SETTING_FIELDS:
        raise KeyError(name)
    lo, hi = SETTING_FIELDS[name]
    n = _whole(value, lo, hi, name, name)
    match name:
        case "horizon_weeks":
            return replace(problem, horizon_weeks=n)
        case "max_travel":
            return replace(problem, max_travel=n)
        case "target_weeks":
            return replace(problem, target_weeks=n)
        case "level_step":
            return replace(problem, level_step=n)
    raise KeyError(name)


def parse_start_weeks(text: str, horizon: int) -> tuple[int, ...] | None:
    """``""`` = every week; ``"0, 4, 8"`` or ``"0-3, 8"`` = those weeks (0 = the plan date's week)."""
    text = text.strip()
    if not text:
        return None
    weeks: set[int] = set()
    for part in re.split(r"[,;\s]+", text):
        if not part:
            continue
        m = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
        if not m:
            raise CapacityError("week_bad", part=part)
        a = int(m.group(1))
        b = int(m.group(2)) if m.group(2) else a
        if b < a:
            raise CapacityError("week_range_backwards", part=part)
        for w in range(a, b + 1):
            if w >= horizon:
                raise CapacityError("week_after_horizon", week=w, last=horizon - 1)
            weeks.add(w)
    return tuple(sorted(weeks))


def format_start_weeks(weeks: tuple[int, ...] | None) -> str:
    return "" if weeks is None else ", ".join(str(w) for w in weeks)


def set_start_weeks(problem: Problem, text: str) -> Problem:
    return replace(problem, start_weeks=parse_start_weeks(text, problem.horizon_weeks))


def set_horizon(problem: Problem, weeks: object) -> Problem:
    """A new horizon; start weeks beyond it are dropped."""
    lo, hi = SETTING_FIELDS["horizon_weeks"]
    n = _whole(weeks, lo, hi, "Planperiode", "Horizon")
    start = problem.start_weeks
    if start is not None:
        start = tuple(w for w in start if w < n) or None
    return replace(problem, horizon_weeks=n, start_weeks=start)


# ---- locations and rooms ------------------------------------------------------------------------
def _location(problem: Problem, name: str) -> Location:
    loc = problem.location_by_name.get(name)
    if loc is None:
        raise CapacityError("location_unknown", name=name)
    return loc


def _replace_location(problem: Problem, name: str, new: Location) -> Problem:
    return replace(problem, locations=tuple(new if loc.name == name else loc for loc in problem.locations))


def set_rooms(problem: Problem, location: str, daypart: str, rooms: object) -> Problem:
    """Rooms open at ``location`` in ``daypart`` (0 = closed)."""
    if daypart not in ALL_DAYPARTS:
        raise CapacityError("daypart_bad", daypart=daypart)
    loc = _location(problem, location)
    n = _whole(rooms, 0, MAX_ROOMS, "Lokalen", "Rooms")
    new_rooms = {d: r for d, r in loc.rooms.items() if d != daypart}
    if n:
        new_rooms[daypart] = n
    return _replace_location(problem, location, replace(loc, rooms=new_rooms))


def check_place(home: str) -> str | None:
    """Canonical PC4 or stadsdeel name, or None when it is not a known Amsterdam place."""
    return normalize_pc4(home) or normalize_stadsdeel(home)


def set_location_home(problem: Problem, location: str, home: str) -> Problem:
    loc = _location(problem, location)
    place = check_place(home)
    if place is None:
        raise CapacityError("place_bad", home=home)
    return _replace_location(problem, location, replace(loc, home=place))


def add_location(problem: Problem, name: str, home: str) -> Problem:
    """A new location, open with one room on every workday morning and afternoon."""
    name = name.strip()
    if not name:
        raise CapacityError("location_unnamed")
    if name in problem.location_by_name:
        raise CapacityError("location_exists", name=name)
    place = check_place(home)
    if place is None:
        raise CapacityError("place_bad", home=home)
    rooms = {f"{d}-{p}": 1 for d in WORKDAYS for p in PARTS[:2]}
    return replace(problem, locations=(*problem.locations, Location(name, place, rooms)))


def remove_location(problem: Problem, name: str) -> Problem:
    """Remove a location no running class uses; learners' exclusions of it are dropped."""
    _location(problem, name)
    if any(rc.location == name for rc in problem.running):
        raise CapacityError("location_running", name=name)
    if len(problem.locations) == 1:
        raise CapacityError("location_last")
    learners = tuple(
        replace(lr, excluded_locations=lr.excluded_locations - {name}) if name in lr.excluded_locations else lr
        for lr in problem.learners)
    return replace(problem, locations=tuple(loc for loc in problem.locations if loc.name != name),
                   learners=learners, known_classes=tuple(c for c in problem.known_classes if c.location != name))


# ---- teachers -----------------------------------------------------------------------------------
def set_teachers(problem: Problem, daypart: str, count: object) -> Problem:
    if daypart not in ALL_DAYPARTS:
        raise CapacityError("daypart_bad", daypart=daypart)
    n = _whole(count, 0, MAX_TEACHERS, "Docenten", "Teachers")
    teachers = {d: v for d, v in problem.teachers.items() if d != daypart}
    teachers[daypart] = n
    return replace(problem, teachers=teachers)


# ---- routes -------------------------------------------------------------------------------------
def _route(problem: Problem, route: str) -> RouteSettings:
    r = problem.route_by_name.get(route)
    if r is None:
        raise CapacityError("route_unknown", route=route)
    return r


def set_route_field(problem: Problem, route: str, name: str, value: object) -> Problem:
    """Change one whole-number route setting; ``max_travel`` may be empty (= the default)."""
    if name not in ROUTE_FIELDS:
        raise KeyError(name)
    r = _route(problem, route)
    if name == "max_travel" and (value is None or str(value).strip() == ""):
        new = replace(r, max_travel=None)
    else:
        lo, hi = ROUTE_FIELDS[name]
        new = _with_route_field(r, name, _whole(value, lo, hi, ROUTE_LABELS[name][0], ROUTE_LABELS[name][1]))
    return replace(problem, routes=tuple(new if x.route == route else x for x in problem.routes))


def _with_route_field(r: RouteSettings, name: str, n: int) -> RouteSettings:
    """``r`` with the whole-number field ``name`` (one of :data:`ROUTE_FIELDS`) set to ``n``."""
    match name:
        case "min_size":
            return replace(r, min_size=n)
        case "max_size":
            return replace(r, max_size=n)
        case "max_spread":
            return replace(r, max_spread=n)
        case "duration_weeks":
            return replace(r, duration_weeks=n)
        case "max_travel":
            return replace(r, max_travel=n)
    raise KeyError(name)


ROUTE_LABELS = Catalogue({
    "min_size": ("Minimale klasgrootte", "Minimum class size"),
    "max_size": ("Maximale klasgrootte", "Maximum class size"),
    "max_spread": ("Maximale spreiding", "Maximum spread"),
    "duration_weeks": ("Duur in weken", "Duration in weeks"),
    "max_travel": ("Maximale reistijd", "Maximum travel"),
})


def parse_schedule_names(problem: Problem, text: str) -> tuple[str, ...]:
    """``""`` or ``"alle"`` = every schedule; else names separated by commas or semicolons."""
    text = text.strip()
    if not text or text.lower() in ("alle", "all"):
        return ()
    known = {s.name.lower(): s.name for s in problem.schedules}
    names = []
    for part in re.split(r"[,;]", text):
        part = part.strip()
        if not part:
            continue
        if part.lower() not in known:
            raise CapacityError("schedule_unknown_of", name=part, known=", ".join(known.values()))
        names.append(known[part.lower()])
    return tuple(dict.fromkeys(names))


def set_route_schedules(problem: Problem, route: str, text: str) -> Problem:
    r = _route(problem, route)
    new = replace(r, schedules=parse_schedule_names(problem, text))
    return replace(problem, routes=tuple(new if x.route == route else x for x in problem.routes))


# ---- schedules -----------------------------------------------------------------------------------
def parse_schedule_dayparts(text: str) -> frozenset[str]:
    """Dayparts of a schedule (e.g. ``"ma/wo/vr ochtend"``); raises :class:`CapacityError`."""
    try:
        dps = parse_dayparts(text)
    except DaypartError as exc:
        raise CapacityError("dayparts_bad", reason=exc.message) from None
    if not dps:
        raise CapacityError("dayparts_none")
    return dps


def set_schedule_dayparts(problem: Problem, name: str, text: str) -> Problem:
    if name not in problem.schedule_by_name:
        raise CapacityError("schedule_unknown", name=name)
    dps = parse_schedule_dayparts(text)
    return replace(problem, schedules=tuple(
        Schedule(s.name, dps) if s.name == name else s for s in problem.schedules))


def add_schedule(problem: Problem, name: str, text: str) -> Problem:
    name = name.strip()
    if not name:
        raise CapacityError("schedule_unnamed")
    if name in problem.schedule_by_name:
        raise CapacityError("schedule_exists", name=name)
    return replace(problem, schedules=(*problem.schedules, Schedule(name, parse_schedule_dayparts(text))))


def remove_schedule(problem: Problem, name: str) -> Problem:
    """Remove a schedule no running class uses; it is dropped from the routes' lists."""
    if name not in problem.schedule_by_name:
        raise CapacityError("schedule_unknown", name=name)
    if any(rc.schedule == name for rc in problem.running):
        raise CapacityError("schedule_running", name=name)
    if len(problem.schedules) == 1:
        raise CapacityError("schedule_last")
    routes = tuple(replace(r, schedules=tuple(s for s in r.schedules if s != name)) for r in problem.routes)
    return replace(problem, schedules=tuple(s for s in problem.schedules if s.name != name), routes=routes,
                   known_classes=tuple(c for c in problem.known_classes if c.schedule != name))


# ---- weights ------------------------------------------------------------------------------------
WEIGHT_RANGE = (0, MAX_WEIGHT)
"""What the Instellingen sheet takes (the Afweging page stopped at 1,000: a weight of 5,000 from a
workbook showed as 1,000)."""


def set_weight(problem: Problem, name: str, value: object) -> Problem:
    if name not in Weights.__dataclass_fields__:
        raise KeyError(name)
    n = _whole(value, *WEIGHT_RANGE, name, name)
    return problem.with_weights(replace(problem.weights, **{name: n}))


def set_weights(problem: Problem, weights: Weights) -> Problem:
    return problem.with_weights(weights)


def problems_of(problem: Problem) -> list[Message]:
    """Every setting or learner that prevents planning (empty = ready to plan), and settings
    under which no new class can start: no teacher on any daypart, or no room at any location
    (the solver's own diagnosis for it; with it the CLI's ``solve`` ends with exit code 3)."""
    out = problem.validate()
    blocked = no_new_class(problem)
    if blocked is not None:
        out.append(blocked)
    return out
