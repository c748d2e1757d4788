"""The input schema: learners, locations, schedules, route settings, capacity, weights.

These types are the contract between the import (``app/``) and the model (``optimizer/``).
They hold plain Python values, need no further preprocessing, and know nothing of Excel
column names. :meth:`Problem.validate` checks everything at once and names the offending
learner or setting; :func:`Problem.check` raises :class:`ProblemError` with all problems.

Time: week 0 starts on ``Problem.plan_date``; week *t* starts ``plan_date + 7*t`` days.
Classes start in an allowed week ``0 <= t < horizon_weeks``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import cached_property
from numbers import Integral
from typing import Any

from .dayparts import ALL_DAYPARTS
from .fielddoc import with_field_docs
from .messages import Message, msg
from .travel import TravelSettings, resolve_place, travel_minutes

MAX_HORIZON_WEEKS = 260
"""Longest planning period (planperiode): five years of weeks. Longer ones are an input error:
classes start only within it, so more weeks add nothing a provider can plan for, while the
options grow with every week (a 10,000-week period ran for minutes without a plan)."""

MAX_MINUTES = 600
"""Longest one-way travel time in minutes: a maximum reistijd (of the provider, a route or a
learner) and a travel-matrix entry (Reistijden). The workbook door accepts no more, so a problem
made in Python past it could be saved but not read back (seen: a 999-minute "no maximum")."""

MAX_COUNT = 1000
"""Most rooms per daypart at a location, teachers per daypart, learners per class (a route's
sizes) and free seats in a running class: the sheets take no more."""
MAX_DURATION_WEEKS = 520
"""Longest course (a route's duration, ten years)."""
MAX_SPREAD = 100
"""Largest level spread within a class (levels run 0-100)."""

MAX_WEIGHT = 10_000
"""Largest weight (points per week, level point, minute, ...)."""

SETTING_RANGES: dict[str, tuple[str, float, float]] = {
    "horizon_weeks": ("planperiode weken", 1, MAX_HORIZON_WEEKS),
    "max_travel": ("max reistijd", 0, MAX_MINUTES),
    "level_step": ("niveaustap", 1, 100),
    "target_weeks": ("streeftermijn weken", 0, MAX_HORIZON_WEEKS),
    "weight_wait": ("gewicht wachten", 0, MAX_WEIGHT),
    "weight_misfit": ("gewicht niveau", 0, MAX_WEIGHT),
    "weight_travel": ("gewicht reistijd", 0, MAX_WEIGHT),
    "weight_daypart": ("gewicht dagdeel", 0, MAX_WEIGHT),
    "weight_language": ("gewicht taal", 0, MAX_WEIGHT),
    "weight_move": ("gewicht verplaatsing", 0, MAX_WEIGHT),
    "weight_new_class": ("gewicht nieuwe klas", 0, MAX_WEIGHT),
    "travel_overhead": ("reistijd overhead", 0, 120),
    "travel_detour": ("omrijfactor", 1, 5),
    "travel_speed": ("snelheid", 1, 150),
    "travel_min_km": ("minimale afstand", 0, 50),
    "waitlist_extra_weeks": ("extra wachtweken wachtlijst", 0, MAX_HORIZON_WEEKS),
    "min_weeks_left_to_join": ("min resterende weken instroom", 0, MAX_HORIZON_WEEKS),
    "late_join_weeks": ("instroom na start weken", 0, MAX_HORIZON_WEEKS),
}
"""Per setting (the Instellingen sheet's keys) its Dutch name and the values allowed: the one
source for both doors. The workbook rejects a value outside at its cell; :meth:`Problem.validate`
rejects it in a problem made in Python (a negative weight, or 261 weeks of late joining, was
accepted there and then could not be saved and read back); of a weight only the sign (the
frontier's internal weightings go past the sheet's maximum)."""

WAITLIST = "WACHTLIJST"
"""Pin target meaning "keep this learner on the waiting list"."""

SEPARATE_NONE = ""
SEPARATE_LITERACY = "alfabetisering"
SEPARATE_PROFILE = "profiel"


LEARNER_SET_FIELDS = ("dayparts", "preferred_dayparts", "languages", "not_with", "excluded_locations")
"""The Learner fields that hold a set of names (a list, tuple or set given is made a frozenset)."""


def is_moment(value: object) -> bool:
    """A datetime (a pandas Timestamp too) or a numpy datetime64: a date with a time."""
    return isinstance(value, datetime) or type(value).__name__ == "datetime64"


def as_day(value: Any) -> Any:
    """A datetime (a pandas Timestamp too) or numpy datetime64 as its date, a missing one (NaT) as
    None; anything else as it is."""
    if type(value).__name__ == "datetime64":
        value = value.astype("datetime64[D]").item()
    if value is None or type(value).__name__ == "NaTType":
        return None
    return value.date() if isinstance(value, datetime) else value


@with_field_docs
@dataclass(frozen=True)
class Learner:
    """A person waiting to start (deelnemer). Only ``id`` identifies them; no names here.

    Built from a DataFrame row: a date may be a datetime, pandas Timestamp or numpy datetime64
    (its date is kept), a set of names a list, tuple or set; another type (a text date, one
    daypart as a text, a level of 50.5) is a :class:`ProblemError` naming the learner and field."""

    id: str
    route: str
    level: int
    """Leerbaarheid as a score 0..100 (categories are mapped to scores on import)."""
    dayparts: frozenset[str]
    """Dayparts the learner is available in; a class's schedule must lie within them."""
    waiting_since: date
    home: str | None = None
    """Stadsdeel (name or code) or PC4; used for the travel estimate."""
    available_from: date | None = None
    preferred_dayparts: frozenset[str] = frozenset()
    max_travel: int | None = None
    """Maximum one-way travel minutes; None = the route's or the problem's default."""
    literacy: str | None = None
    """Gealfabetiseerd: 'ja', 'nee' or 'anders' (literate in another script)."""
    profile: str | None = None
    """Route-specific profile, e.g. the Z-route's four klantprofielen."""
    languages: frozenset[str] = frozenset()
    preferred_language: str | None = None
    status: str | None = None
    priority: int = 1
    """Multiplies this learner's waiting cost (1 = normal)."""
    together: str | None = None
    """Household or "together" id: everyone with the same id goes in the same class."""
    not_with: frozenset[str] = frozenset()
    pin: str | None = None
    """Label of a running or known class this learner must join, or :data:`WAITLIST`."""
    excluded_locations: frozenset[str] = frozenset()
    travel: Mapping[str, int] | None = None
    """Travel minutes per location name; wins over the estimate from ``home``."""

    def __post_init__(self) -> None:
        # A learner built in Python from a DataFrame row: a pandas Timestamp (a datetime) for a
        # date ("Timestamp - date" raised deep in the solve), a list or set for a set of names.
        for name in ("waiting_since", "available_from"):
            if is_moment(getattr(self, name)):
                object.__setattr__(self, name, as_day(getattr(self, name)))
        for name in LEARNER_SET_FIELDS:
            if isinstance(getattr(self, name), (set, list, tuple)):
                object.__setattr__(self, name, frozenset(getattr(self, name)))
        if isinstance(self.not_with, frozenset) and self.id in self.not_with:  # "niet met" naming oneself means nothing (the import warns)
            object.__setattr__(self, "not_with", self.not_with - {self.id})

    @property
    def spoken(self) -> frozenset[str]:
        """Every language the learner speaks, the preferred one included."""
        if self.preferred_language:
            return self.languages | {self.preferred_language}
        return self.languages


_KINDS = {
    "text": ("een tekst (str)", "a text (str)"),
    "whole": ("een heel getal (int)", "a whole number (int)"),
    "date": ("een datum (datetime.date)", "a date (datetime.date)"),
    "names": ("een verzameling (frozenset) van teksten, zoals frozenset({'ma-ochtend', 'wo-ochtend'})",
              "a set (frozenset) of texts, such as frozenset({'ma-ochtend', 'wo-ochtend'})"),
}


def learner_type_problems(lr: Learner) -> list[Message]:
    """A learner built in Python whose fields have the wrong type (a text date, one daypart as a
    text, a level of 50.5), each naming the learner, the field and the type it needs."""
    def whole(v: object) -> bool:
        return (isinstance(v, Integral) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer())

    def is_date(v: object) -> bool:
        return isinstance(v, date) and not isinstance(v, datetime)

    def names(v: object) -> bool:
        return isinstance(v, frozenset) and all(isinstance(x, str) for x in v)

    checks: list[tuple[str, str, bool]] = [
        ("id", "text", isinstance(lr.id, str)), ("route", "text", isinstance(lr.route, str)),
        ("level", "whole", whole(lr.level)), ("waiting_since", "date", is_date(lr.waiting_since)),
        ("available_from", "date", lr.available_from is None or is_date(lr.available_from)),
        ("home", "text", lr.home is None or isinstance(lr.home, str)), ("priority", "whole", whole(lr.priority)),
        ("max_travel", "whole", lr.max_travel is None or whole(lr.max_travel)),
        *((name, "names", names(getattr(lr, name))) for name in LEARNER_SET_FIELDS),
    ]
    out = []
    for name, kind, ok in checks:
        if not ok:
            value = getattr(lr, name)
            shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
            out.append(msg("learner_field_type", id=str(lr.id), field=name, value=shown, type=type(value).__name__,
                           kind=_KINDS[kind][0], kind_en=_KINDS[kind][1]))
    return out


@with_field_docs
@dataclass(frozen=True)
class Location:
    """A class location (leslocatie) with rooms per daypart; a daypart not listed is closed."""

    name: str
    home: str | None
    rooms: Mapping[str, int]

    def rooms_at(self, daypart: str) -> int:
        return self.rooms.get(daypart, 0)


@with_field_docs
@dataclass(frozen=True)
class Schedule:
    """A lesrooster: the set of weekday-dayparts a class meets in, e.g. ma-wo-vr ochtend."""

    name: str
    dayparts: frozenset[str]


@with_field_docs
@dataclass(frozen=True)
class RouteSettings:
    """Settings per route (B1, Z, ...)."""

    route: str
    min_size: int = 8
    max_size: int = 15
    max_spread: int = 20
    """Max leerbaarheid difference within a class; members lie within spread/2 of its level."""
    duration_weeks: int = 26
    """How long a class keeps its teacher and room."""
    schedules: tuple[str, ...] = ()
    """Allowed schedule names; empty means every schedule."""
    languages: tuple[str, ...] = ()
    """Instruction languages (e.g. PVT/MAP); empty means the route has no instruction language."""
    separate: str = SEPARATE_NONE
    """'' (none), 'alfabetisering' (literacy) or 'profiel' (profile): classes hold one value."""
    start_weeks: tuple[int, ...] | None = None
    """Allowed start weeks for this route; None = the problem's start weeks."""
    max_travel: int | None = None


@with_field_docs
@dataclass(frozen=True)
class RunningClass:
    """A class that already runs (lopende klas) and may take learners into free seats."""

    id: str
    route: str
    location: str
    schedule: str
    level_min: int
    level_max: int
    free_seats: int
    end_date: date
    language: str | None = None
    group: str | None = None
    """Literacy or profile value when the route separates on it."""
    join_until: date | None = None
    """Last day newcomers may join (None: until ``min_weeks_left_to_join`` before the end)."""

    def __post_init__(self) -> None:
        for name in ("end_date", "join_until"):
            if is_moment(getattr(self, name)):
                object.__setattr__(self, name, as_day(getattr(self, name)))

    @property
    def level(self) -> int:
        return (self.level_min + self.level_max) // 2


@with_field_docs
@dataclass(frozen=True)
class ClassSpec:
    """A new class as a plan fixes it; used for locked classes and earlier plans."""

    label: str
    route: str
    location: str
    schedule: str
    start_week: int
    level: int
    language: str | None = None
    group: str | None = None
    locked: bool = False
    """A locked class must open exactly like this."""

    @property
    def key(self) -> tuple[str, str, str, int, int, str | None, str | None]:
        return (
            self.route,
            self.location,
            self.schedule,
            self.start_week,
            self.level,
            self.language,
            self.group,
        )


@with_field_docs
@dataclass(frozen=True)
class Weights:
    """Integer points per unit of each objective term (the afweging)."""

    wait: int = 20
    """Per waiting week, times the learner's priority."""
    misfit: int = 2
    """Per leerbaarheid point between a learner and the class level."""
    travel: int = 1
    """Per minute of one-way travel."""
    daypart: int = 10
    """Per schedule daypart that is not among the learner's preferred dayparts."""
    language: int = 15
    """Per learner taught in an instruction language that is not their preferred one."""
    move: int = 60
    """Per learner moved away from the earlier (published) plan."""
    new_class: int = 0
    """Per newly opened class (teacher cost); 0 by default."""

    def as_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


PRESETS: dict[str, Weights] = {
    "snelle start": Weights(wait=60, misfit=1, travel=1, daypart=10, language=15, move=60),
    "gebalanceerd": Weights(wait=20, misfit=2, travel=1, daypart=10, language=15, move=60),
    "homogeen": Weights(wait=8, misfit=4, travel=1, daypart=10, language=15, move=60),
}
PRESET_ALIASES = {
    "snel": "snelle start",
    "snelle_start": "snelle start",
    "fast": "snelle start",
    "fast start": "snelle start",
    "balanced": "gebalanceerd",
    "homogeneous": "homogeen",
}


def preset(name: str) -> Weights:
    """Weights of a named preset (Dutch or English name)."""
    key = name.strip().lower()
    key = PRESET_ALIASES.get(key, key)
    if key not in PRESETS:
        raise KeyError(f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}")
    return PRESETS[key]


class ProblemError(ValueError):
    """The problem cannot be planned; ``problems`` lists every reason."""

    def __init__(self, problems: list[Message]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@with_field_docs
@dataclass(frozen=True)
class Problem:
    """Everything the optimizer needs. Build it from plain values, or via ``app`` importers."""

    plan_date: date
    learners: tuple[Learner, ...]
    locations: tuple[Location, ...]
    schedules: tuple[Schedule, ...]
    routes: tuple[RouteSettings, ...]
    teachers: Mapping[str, int]
    """Teachers available per weekday-daypart (e.g. {'ma-ochtend': 4}); missing = 0."""
    horizon_weeks: int = 12
    start_weeks: tuple[int, ...] | None = None
    """Weeks in which classes may start; None = every week of the horizon."""
    running: tuple[RunningClass, ...] = ()
    weights: Weights = field(default_factory=Weights)
    max_travel: int = 45
    """Default maximum one-way travel minutes."""
    level_step: int = 5
    """Class levels are multiples of this step (1 = any whole number)."""
    target_weeks: int = 10
    """Streeftermijn: the share of learners starting within this many weeks is a key figure."""
    waitlist_extra_weeks: int = 4
    """A learner left waiting costs the wait to the horizon's end plus these weeks."""
    min_weeks_left_to_join: int = 4
    """A running class takes newcomers only while it has at least this many weeks left."""
    late_join_weeks: int = 4
    """A new class takes newcomers up to this many weeks after its start (0 = only at the
    start). The minimum size counts the learners who start on the first day."""
    travel_settings: TravelSettings = field(default_factory=TravelSettings)
    known_classes: tuple[ClassSpec, ...] = ()
    """Classes of an earlier plan (for move penalties) and locked classes (must open)."""
    previous: Mapping[str, str | None] = field(default_factory=dict)
    """Earlier plan: learner id -> class label (known or running class) or None (waiting)."""
    held: Mapping[str, str] = field(default_factory=dict)
    """Learners held where they start on the plan date: learner id -> the class (known or
    running) that is also their ``pin``. A plan workbook re-planned at its own plan date keeps
    the learners told to come that day (:mod:`app.workbook.plan_date`); to the optimizer they
    are pins like any other, but no pins of the planner's: a plan workbook does not write them
    in *Vastgezet*, so they are derived again, from the dates, at every re-import."""

    def __post_init__(self) -> None:
        if is_moment(self.plan_date):  # a pandas Timestamp: its date
            object.__setattr__(self, "plan_date", as_day(self.plan_date))

    # ---- derived lookups ---------------------------------------------------------------------
    @cached_property
    def learner_by_id(self) -> dict[str, Learner]:
        return {lr.id: lr for lr in self.learners}

    @cached_property
    def location_by_name(self) -> dict[str, Location]:
        return {loc.name: loc for loc in self.locations}

    @cached_property
    def schedule_by_name(self) -> dict[str, Schedule]:
        return {s.name: s for s in self.schedules}

    @cached_property
    def route_by_name(self) -> dict[str, RouteSettings]:
        return {r.route: r for r in self.routes}

    @cached_property
    def running_by_id(self) -> dict[str, RunningClass]:
        return {r.id: r for r in self.running}

    @cached_property
    def known_by_label(self) -> dict[str, ClassSpec]:
        return {c.label: c for c in self.known_classes}

    def week_start(self, week: int) -> date:
        return self.plan_date + timedelta(days=7 * week)

    def week_of(self, day: date) -> int:
        """Week index containing ``day`` (negative before the plan date)."""
        return math.floor((day - self.plan_date).days / 7)

    def available_week(self, learner: Learner) -> int:
        """First week a learner can start: its start is on or after both ``available_from``
        and ``waiting_since`` (nobody starts before joining the waiting list); 0 if now."""
        day = learner.waiting_since
        if learner.available_from is not None and learner.available_from > day:
            day = learner.available_from
        return max(0, math.ceil((day - self.plan_date).days / 7))

    def waiting_since_week(self, learner: Learner) -> int:
        return self.week_of(learner.waiting_since)

    def wait_weeks(self, learner: Learner, start_week: int) -> int:
        """Whole weeks waited when starting in ``start_week``: its week minus the week the wait
        began (never negative, since nobody starts before the wait began)."""
        return max(0, start_week - self.waiting_since_week(learner))

    def waitlist_weeks(self, learner: Learner) -> int:
        """Weeks charged to a learner left on the waiting list."""
        return self.wait_weeks(learner, self.horizon_weeks + self.waitlist_extra_weeks)

    def route_start_weeks(self, route: RouteSettings) -> tuple[int, ...]:
        weeks = route.start_weeks if route.start_weeks is not None else self.start_weeks
        if weeks is None:
            return tuple(range(self.horizon_weeks))
        return tuple(sorted({w for w in weeks if 0 <= w < self.horizon_weeks}))

    def max_travel_for(self, learner: Learner) -> int:
        if learner.max_travel is not None:
            return learner.max_travel
        route = self.route_by_name.get(learner.route)
        if route is not None and route.max_travel is not None:
            return route.max_travel
        return self.max_travel

    def allowed_schedules(self, route: RouteSettings) -> tuple[Schedule, ...]:
        if not route.schedules:
            return self.schedules
        return tuple(self.schedule_by_name[n] for n in route.schedules if n in self.schedule_by_name)

    def running_weeks(self, rc: RunningClass) -> int:
        """Number of horizon weeks (from week 0) in which the running class still runs."""
        return max(0, min(self.horizon_weeks, math.ceil((rc.end_date - self.plan_date).days / 7)))

    def running_join_week(self, rc: RunningClass, learner: Learner) -> int | None:
        """The week a learner would join a running class, or None if it is too late."""
        week = self.available_week(learner)
        last = math.ceil((rc.end_date - self.plan_date).days / 7) - self.min_weeks_left_to_join
        if week >= self.horizon_weeks or week > last:
            return None
        if rc.join_until is not None and self.week_start(week) > rc.join_until:
            return None
        return week

    @cached_property
    def travel_table(self) -> dict[tuple[str, str], int | None]:
        """Minutes from each learner to each location (None = unknown)."""
        table: dict[tuple[str, str], int | None] = {}
        for lr in self.learners:
            for loc in self.locations:
                if lr.travel is not None and loc.name in lr.travel:
                    table[lr.id, loc.name] = int(lr.travel[loc.name])
                else:
                    table[lr.id, loc.name] = travel_minutes(lr.home, loc.home, self.travel_settings)
        return table

    def travel(self, learner_id: str, location: str) -> int | None:
        return self.travel_table[learner_id, location]

    def with_weights(self, weights: Weights) -> Problem:
        return replace(self, weights=weights)

    # ---- validation --------------------------------------------------------------------------
    def validate(self) -> list[Message]:
        """Every problem that prevents planning, each naming the learner or setting."""
        out: list[Message] = []
        routes = self.route_by_name
        known_routes = ", ".join(sorted(routes)) or "-"
        locs = self.location_by_name
        scheds = self.schedule_by_name
        valid_dp = set(ALL_DAYPARTS)

        for what, names in (
            ("Locatie", [x.name for x in self.locations]),
            ("Lesrooster", [x.name for x in self.schedules]),
            ("Route", [x.route for x in self.routes]),
            ("Lopende klas", [x.id for x in self.running]),
            ("Klas", [x.label for x in self.known_classes]),
        ):
            for name, n in Counter(names).items():
                if n > 1:
                    out.append(msg("duplicate_name", what=what, name=name))
        if self.horizon_weeks <= 0:
            out.append(msg("positive", where="Instellingen", field="planperiode", value=self.horizon_weeks))
        elif self.horizon_weeks > MAX_HORIZON_WEEKS:
            out.append(msg("horizon_too_long", value=self.horizon_weeks, max=MAX_HORIZON_WEEKS))
        if self.level_step <= 0:
            out.append(msg("positive", where="Instellingen", field="niveaustap", value=self.level_step))
        if not 0 <= self.max_travel <= MAX_MINUTES:
            out.append(msg("minutes_range", where="Instellingen", value=self.max_travel, max=MAX_MINUTES))
        out.extend(self._settings_out_of_range())
        for w in self.start_weeks or ():
            if not 0 <= w < self.horizon_weeks:
                out.append(msg("start_week_range", value=w, horizon=self.horizon_weeks))
        for dp in self.teachers:
            if dp not in valid_dp:
                out.append(msg("bad_daypart", where="Docenten", value=dp))
        for dp, count in sorted(self.teachers.items()):
            if not 0 <= count <= MAX_COUNT:
                out.append(msg("count_range", where=f"Docenten {dp}", field="aantal", value=count, lo=0, hi=MAX_COUNT))
        for loc in self.locations:
            for dp in loc.rooms:
                if dp not in valid_dp:
                    out.append(msg("bad_daypart", where=f"Locatie {loc.name}", value=dp))
            for dp, rooms in sorted(loc.rooms.items()):
                if not 0 <= rooms <= MAX_COUNT:
                    out.append(msg("count_range", where=f"Locatie {loc.name} {dp}", field="lokalen", value=rooms,
                                   lo=0, hi=MAX_COUNT))
            if loc.home is not None and resolve_place(loc.home) is None:
                out.append(msg("unknown_home", where=f"Locatie {loc.name}", value=loc.home))
        for s in self.schedules:
            for dp in s.dayparts:
                if dp not in valid_dp:
                    out.append(msg("bad_daypart", where=f"Lesrooster {s.name}", value=dp))
            if not s.dayparts:
                out.append(msg("no_dayparts", id=f"lesrooster {s.name}"))
        for r in self.routes:
            where = f"Route {r.route}"
            if r.min_size > r.max_size:
                out.append(msg("size_range", route=r.route, min=r.min_size, max=r.max_size))
            for fname in ("min_size", "max_size", "duration_weeks"):
                if getattr(r, fname) <= 0:
                    out.append(msg("positive", where=where, field=fname, value=getattr(r, fname)))
            if r.max_spread < 0:
                out.append(msg("positive", where=where, field="max_spread", value=r.max_spread))
            for fname, value, hi in (("min_size", r.min_size, MAX_COUNT), ("max_size", r.max_size, MAX_COUNT),
                                     ("max_spread", r.max_spread, MAX_SPREAD),
                                     ("duration_weeks", r.duration_weeks, MAX_DURATION_WEEKS)):
                if value > hi:
                    out.append(msg("count_range", where=where, field=fname, value=value, lo=0, hi=hi))
            if r.max_travel is not None and not 0 <= r.max_travel <= MAX_MINUTES:
                out.append(msg("minutes_range", where=where, value=r.max_travel, max=MAX_MINUTES))
            for sname in r.schedules:
                if sname not in scheds:
                    out.append(msg("unknown_schedule_ref", where=where, value=sname,
                                   known=", ".join(scheds) or "-"))
        for rc in self.running:
            problems = []
            if rc.route not in routes:
                problems.append(msg("running_route_unknown", route=rc.route))
            if rc.location not in locs:
                problems.append(msg("running_location_unknown", location=rc.location))
            if rc.schedule not in scheds:
                problems.append(msg("running_schedule_unknown", schedule=rc.schedule))
            if rc.level_min > rc.level_max:
                problems.append(msg("running_levels_crossed"))
            if rc.free_seats < 0:
                problems.append(msg("running_seats_negative"))
            if rc.free_seats > MAX_COUNT or not 0 <= rc.level_min <= 100 or not 0 <= rc.level_max <= 100:
                problems.append(msg("running_out_of_range", max=MAX_COUNT))
            for p in problems:
                out.append(msg("running_bad", id=rc.id, problem=p))
        for c in self.known_classes:
            where = f"Klas {c.label}"
            if c.route not in routes:
                out.append(msg("unknown_route_ref", where=where, value=c.route, known=known_routes))
            if c.location not in locs:
                out.append(msg("unknown_location_ref", where=where, value=c.location, known=", ".join(locs)))
            if c.schedule not in scheds:
                out.append(msg("unknown_schedule_ref", where=where, value=c.schedule, known=", ".join(scheds)))

        ids = [lr.id for lr in self.learners]
        for lid, n in Counter(ids).items():
            if n > 1:
                out.append(msg("duplicate_id", id=lid))
        idset = set(ids)
        labels = set(self.known_by_label) | set(self.running_by_id)
        for lr in self.learners:
            wrong = learner_type_problems(lr)
            if wrong:  # the checks below would fail on them with Python's own words
                out += wrong
                continue
            if not lr.id:
                out.append(msg("empty_id"))
                continue
            if lr.route not in routes:
                out.append(msg("unknown_route", id=lr.id, route=lr.route, known=known_routes))
            if not 0 <= lr.level <= 100:
                out.append(msg("level_range", id=lr.id, value=lr.level))
            if not lr.dayparts:
                out.append(msg("no_dayparts", id=lr.id))
            for dp in lr.dayparts | lr.preferred_dayparts:
                if dp not in valid_dp:
                    out.append(msg("bad_daypart", where=f"Deelnemer {lr.id}", value=dp))
            if not 1 <= lr.priority <= 10:
                out.append(msg("priority_range", id=lr.id, value=lr.priority))
            if lr.max_travel is not None and not 0 <= lr.max_travel <= MAX_MINUTES:
                out.append(msg("minutes_range", where=f"Deelnemer {lr.id}", value=lr.max_travel, max=MAX_MINUTES))
            for name, minutes in sorted((lr.travel or {}).items()):
                if not 0 <= minutes <= MAX_MINUTES:
                    out.append(msg("travel_minutes_range", id=lr.id, location=name, value=minutes, max=MAX_MINUTES))
            if lr.travel is None or any(name not in lr.travel for name in locs):
                if lr.home is None:
                    if lr.travel is None:
                        out.append(msg("no_home", id=lr.id))
                    else:
                        for name in locs:
                            if name not in lr.travel:
                                out.append(msg("travel_matrix_missing", id=lr.id, location=name))
                elif resolve_place(lr.home) is None:
                    out.append(msg("unknown_home", where=f"Deelnemer {lr.id}", value=lr.home))
            for ref in sorted(lr.not_with):
                if ref not in idset:
                    out.append(msg("unknown_learner_ref", id=lr.id, field="niet met", ref=ref))
                elif lr.together and self.learner_by_id[ref].together == lr.together and (
                        lr.id < ref or lr.id not in self.learner_by_id[ref].not_with):  # each pair once
                    out.append(msg("not_with_household", id=lr.id, ref=ref, group=lr.together))
            for name in lr.excluded_locations:
                if name not in locs:
                    out.append(msg("unknown_location_ref", where=f"Deelnemer {lr.id}", value=name,
                                   known=", ".join(locs)))
            if lr.pin is not None and lr.pin != WAITLIST and lr.pin not in labels:
                out.append(msg("unknown_pin", id=lr.id, value=lr.pin))
        out += self._pin_contradictions()
        return out

    def _pin_contradictions(self) -> list[Message]:
        """Pins that cannot hold together, each pair once: a 'niet met' pair pinned to the same
        class; members of one household pinned differently (two classes, or a class and the
        waiting list). Without them the solver finds no plan and can only say so in general."""
        out = []
        by_id = {lr.id: lr for lr in self.learners}
        for lr in self.learners:
            if lr.pin is None or lr.pin == WAITLIST:
                continue
            for ref in sorted(lr.not_with):
                other = by_id.get(ref)
                if other is not None and other.pin == lr.pin and (lr.id < ref or lr.id not in other.not_with):
                    out.append(msg("pin_not_with", id=lr.id, ref=ref, pin=lr.pin))
        first_pin: dict[str, Learner] = {}
        for lr in self.learners:
            if not lr.together or lr.pin is None:
                continue
            first = first_pin.setdefault(lr.together, lr)
            if first.pin != lr.pin:
                out.append(msg("pin_household", id=first.id, ref=lr.id, group=lr.together,
                               pin=first.pin, other=lr.pin))
        return out

    def setting_values(self) -> dict[str, float]:
        """The settings of :data:`SETTING_RANGES`, by key."""
        w, t = self.weights, self.travel_settings
        return {"horizon_weeks": self.horizon_weeks, "max_travel": self.max_travel, "level_step": self.level_step,
                "target_weeks": self.target_weeks, "weight_wait": w.wait, "weight_misfit": w.misfit,
                "weight_travel": w.travel, "weight_daypart": w.daypart, "weight_language": w.language,
                "weight_move": w.move, "weight_new_class": w.new_class, "travel_overhead": t.overhead_minutes,
                "travel_detour": t.detour_factor, "travel_speed": t.speed_kmh, "travel_min_km": t.min_km,
                "waitlist_extra_weeks": self.waitlist_extra_weeks,
                "min_weeks_left_to_join": self.min_weeks_left_to_join, "late_join_weeks": self.late_join_weeks}

    def _settings_out_of_range(self) -> list[Message]:
        """A message per setting outside :data:`SETTING_RANGES` (those with a message of their
        own above left out: a period too long, a maximum travel time, a step not positive)."""
        out = []
        for key, value in self.setting_values().items():
            name, lo, hi = SETTING_RANGES[key]
            if key in ("horizon_weeks", "max_travel") or (key == "level_step" and value <= 0):
                continue
            if key.startswith("weight_"):
                # Only the sign: the frontier's own weightings go past the sheet's maximum (a week of
                # waiting at 60,000 points for the fastest end), and a weight is a weight.
                if value < lo:
                    out.append(msg("weight_negative", name=name, value=value))
            elif not lo <= value <= hi:
                out.append(msg("setting_range", name=name, value=value, lo=lo, hi=hi))
        return out

    def check(self) -> Problem:
        """Raise :class:`ProblemError` listing every problem; return self when valid."""
        problems = self.validate()
        if problems:
            raise ProblemError(problems)
        return self
