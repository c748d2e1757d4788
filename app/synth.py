"""Seeded generator of realistic, synthetic Amsterdam planning cases.

Used for the bundled samples (``samples/make_samples.py``), the benchmarks and tests. Every
figure taken from the Wi2021 Amsterdam evaluation is marked with its line reference in
``../shared/domain/wi2021-amsterdam-evaluatie.txt``; everything else is invented and says so.

From the report (PRODUCT.md "Figures for realistic sample data"):
- status holders 43%, family and other migrants 57% (L47);
- status-holder routes B1 64%, B1-mbo 11%, onderwijsroute 17%, Z 8% (L58-60); family
  migrants B1 92-93%, Z 8% (L1137);
- B1 classes meet about 3 x 3 hours a week (L3258): schedules have three dayparts;
- most lessons in daytime, evening only with enough learners (L3179-3180);
- waits of 3-6 months after Taalstart were reported (L1477);
- status holders get priority on the B1 waiting list (L4577-4579): priority 2;
- Z-route: four client profiles crossing speed with literacy (L3752-3757);
- onderwijsroute cohorts start four times a year (L3348).
Invented (no public source): district shares of learners, leerbaarheid distributions,
daypart availability patterns, rooms, teachers, class sizes (the report gives none for
language classes; PVT/MAP groups are 8-15, L5035-5037), running classes.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from optimizer.dayparts import parse_dayparts
from optimizer.domain import (
    SEPARATE_LITERACY,
    Learner,
    Location,
    Problem,
    RouteSettings,
    RunningClass,
    Schedule,
    Weights,
)

PLAN_DATE = date(2026, 11, 30)  # a Monday

# Invented: where learners live (newcomers concentrate in the outer districts).
DISTRICT_SHARES = {
    "Nieuw-West": 0.22, "Noord": 0.17, "Zuidoost": 0.17, "Oost": 0.14,
    "West": 0.10, "Zuid": 0.09, "Centrum": 0.05, "Weesp": 0.06,
}
DISTRICT_PC4 = {
    "Centrum": ["1011", "1012", "1015", "1016", "1017", "1018"],
    "West": ["1013", "1014", "1051", "1052", "1053", "1054", "1055", "1056", "1057"],
    "Nieuw-West": ["1062", "1063", "1064", "1065", "1066", "1067", "1068", "1069"],
    "Zuid": ["1071", "1072", "1073", "1074", "1075", "1076", "1077", "1078", "1079", "1081", "1082", "1083"],
    "Oost": ["1086", "1087", "1091", "1092", "1093", "1094", "1095", "1096", "1097", "1098"],
    "Noord": ["1021", "1022", "1023", "1024", "1025", "1031", "1032", "1033", "1034", "1035"],
    "Zuidoost": ["1101", "1102", "1103", "1104", "1106", "1107", "1108"],
    "Weesp": ["1381", "1382", "1383", "1384"],
}
# Invented: availability patterns (most lessons are in daytime, L3179-3180).
DAYPART_PATTERNS = [
    ("ochtend", 0.34),
    ("ochtend, middag", 0.28),
    ("middag", 0.10),
    ("avond", 0.10),
    ("ochtend, middag, avond", 0.10),
    ("ma/wo/vr ochtend", 0.04),
    ("di/do ochtend, vr middag", 0.04),
]
LANGUAGES = [("Arabisch", 0.35), ("Tigrinya", 0.2), ("Dari", 0.1), ("Turks", 0.1),
             ("Engels", 0.1), ("Oekraïens", 0.1), ("Somalisch", 0.05)]
Z_PROFILES = [  # (profile, score, literacy), L3752-3757
    ("langzaam niet-gealfabetiseerd", 15, "nee"),
    ("gemiddeld niet-gealfabetiseerd", 30, "nee"),
    ("snel niet-gealfabetiseerd", 45, "nee"),
    ("langzaam gealfabetiseerd", 35, "ja"),
]

SCHEDULES = (
    Schedule("ochtend ma-wo-vr", parse_dayparts("ma/wo/vr ochtend")),
    Schedule("ochtend di-do-vr", parse_dayparts("di/do/vr ochtend")),
    Schedule("middag ma-wo-vr", parse_dayparts("ma/wo/vr middag")),
    Schedule("middag di-do-vr", parse_dayparts("di/do/vr middag")),
    Schedule("avond ma-wo-do", parse_dayparts("ma/wo/do avond")),
)

LOCATIONS_B1 = (  # Invented locations in different districts.
    ("Nieuw-West Osdorp", "1068", 4, True),
    ("Noord Buikslotermeer", "1025", 3, False),
    ("Zuidoost Bijlmer", "1102", 4, True),
    ("Oost Indische Buurt", "1094", 3, False),
    ("Centrum Weesperplein", "1018", 2, True),
)


def _pick(rng: random.Random, weighted: list[tuple[str, float]] | dict[str, float]) -> str:
    items = list(weighted.items()) if isinstance(weighted, dict) else weighted
    return rng.choices([k for k, _ in items], weights=[w for _, w in items])[0]


def _location(name: str, pc4: str, rooms: int, evening: bool) -> Location:
    parts = "ochtend, middag, avond" if evening else "ochtend, middag"
    return Location(name, pc4, {dp: rooms for dp in parse_dayparts(parts)})


def _home(rng: random.Random) -> str:
    district = _pick(rng, DISTRICT_SHARES)
    if rng.random() < 0.7:
        return rng.choice(DISTRICT_PC4[district])
    return district


def _learner(rng: random.Random, idx: int, route: str, status: str, plan_date: date,
             horizon: int, upcoming_share: float) -> Learner:
    if route == "Z":
        profile, base, literacy = rng.choice(Z_PROFILES)
        level = max(0, min(100, base + rng.randint(-5, 5)))
    else:
        profile, literacy = None, ("ja" if rng.random() < 0.85 else rng.choice(["nee", "anders"]))
        mean = {"B1": 55, "B1-mbo": 62, "Onderwijs": 75, "PVT": 50}.get(route, 55)
        level = int(max(5, min(100, rng.gauss(mean, 17))))
    if rng.random() < upcoming_share:
        avail = plan_date + timedelta(days=7 * rng.randint(1, max(1, horizon - 1)) + rng.randint(0, 4))
        since = avail - timedelta(days=rng.randint(0, 14))
    else:
        avail = None
        since = plan_date - timedelta(days=int(rng.expovariate(1 / 42)) + 1)  # mean 6 weeks
    dayparts = parse_dayparts(_pick(rng, DAYPART_PATTERNS))
    preferred: frozenset[str] = frozenset()
    if rng.random() < 0.4:
        part = rng.choice(sorted({dp.split("-")[1] for dp in dayparts}))
        preferred = frozenset(dp for dp in dayparts if dp.endswith(part))
    langs = {_pick(rng, LANGUAGES)}
    if rng.random() < 0.4:
        langs.add(_pick(rng, LANGUAGES))
    preferred_lang = sorted(langs)[0]
    r = rng.random()
    max_travel = 30 if r < 0.2 else (60 if r > 0.9 else None)
    return Learner(
        id=f"D{idx:05d}",
        route=route,
        level=level,
        dayparts=dayparts,
        waiting_since=since,
        home=_home(rng),
        available_from=avail,
        preferred_dayparts=preferred,
        max_travel=max_travel,
        literacy=literacy,
        profile=profile,
        languages=frozenset(langs),
        preferred_language=preferred_lang,
        status=status,
        priority=2 if status == "statushouder" else 1,
    )


def _households(rng: random.Random, learners: list[Learner], share: float) -> list[Learner]:
    """Pair up some learners of the same route and district as households (invented share)."""
    by_key: dict[tuple[str, str | None], list[int]] = {}
    for i, lr in enumerate(learners):
        by_key.setdefault((lr.route, lr.home), []).append(i)
    out = list(learners)
    hh = 0
    for idxs in by_key.values():
        rng.shuffle(idxs)
        for a, b in zip(idxs[0::2], idxs[1::2], strict=False):
            if rng.random() < share:
                hh += 1
                la, lb = out[a], out[b]
                common = la.dayparts & lb.dayparts
                if not common:
                    continue
                gid = f"H{hh:04d}"
                out[a] = replace(la, together=gid, dayparts=common, available_from=la.available_from,
                                 preferred_dayparts=la.preferred_dayparts & common)
                out[b] = replace(lb, together=gid, dayparts=common, available_from=la.available_from,
                                 preferred_dayparts=lb.preferred_dayparts & common, level=lb.level)
    return out


def _running(rng: random.Random, problem_routes: dict[str, RouteSettings], locations: tuple[Location, ...],
             count: int, plan_date: date, route_names: list[str]) -> tuple[RunningClass, ...]:
    out = []
    for k in range(count):
        route = rng.choice(route_names)
        rs = problem_routes[route]
        loc = rng.choice(locations)
        sched = rng.choice([s for s in SCHEDULES if all(loc.rooms_at(dp) > 0 for dp in s.dayparts)])
        lo = rng.randrange(10, 85, 5)
        out.append(RunningClass(
            id=f"L{k + 1:02d}", route=route, location=loc.name, schedule=sched.name,
            level_min=lo, level_max=min(100, lo + rs.max_spread // 2),
            free_seats=rng.choice([0, 1, 1, 2, 2, 3, 4]),
            end_date=plan_date + timedelta(days=7 * rng.randint(3, 30)),
        ))
    return tuple(out)


def b1_provider(n: int = 300, seed: int = 1, horizon: int = 12, plan_date: date = PLAN_DATE,
                running: int = 12) -> Problem:
    """A B1 provider: ``n`` B1 learners waiting or upcoming over the horizon, 5 locations."""
    rng = random.Random(seed)
    learners = [
        _learner(rng, i + 1, "B1", "statushouder" if rng.random() < 0.43 else _pick(
            rng, {"gezinsmigrant": 0.8, "overig": 0.2}), plan_date, horizon, upcoming_share=0.4)
        for i in range(n)
    ]
    learners = _households(rng, learners, share=0.15)
    locations = tuple(_location(*spec) for spec in LOCATIONS_B1)
    routes = {"B1": RouteSettings("B1", min_size=8, max_size=16, max_spread=20, duration_weeks=26)}
    scale = max(1.0, n / 300)
    teachers = {dp: 0 for dp in parse_dayparts("ochtend, middag, avond")}
    for dp in teachers:
        part = dp.split("-")[1]
        teachers[dp] = round({"ochtend": 12, "middag": 9, "avond": 4}[part] * scale)
    return Problem(
        plan_date=plan_date,
        learners=tuple(learners),
        locations=locations,
        schedules=SCHEDULES,
        routes=tuple(routes.values()),
        teachers=teachers,
        horizon_weeks=horizon,
        running=_running(rng, routes, locations, running, plan_date, ["B1"]),
        weights=Weights(),
    )


def z_route(n: int = 48, seed: int = 2, horizon: int = 12, plan_date: date = PLAN_DATE) -> Problem:
    """A small Z-route case: four literacy/speed profiles, classes separated by literacy."""
    rng = random.Random(seed)
    learners = [
        _learner(rng, i + 1, "Z", "statushouder" if rng.random() < 0.6 else "gezinsmigrant",
                 plan_date, horizon, upcoming_share=0.3)
        for i in range(n)
    ]
    learners = [replace(lr, max_travel=lr.max_travel or 40) for lr in learners]
    locations = (
        _location("Zuidoost Bijlmer", "1102", 3, False),
        _location("West Bos en Lommer", "1055", 2, False),
        _location("Noord Buikslotermeer", "1025", 2, False),
    )
    routes = (RouteSettings("Z", min_size=6, max_size=12, max_spread=30, duration_weeks=26,
                            schedules=("ochtend ma-wo-vr", "ochtend di-do-vr", "middag ma-wo-vr"),
                            separate=SEPARATE_LITERACY),)
    teachers = {dp: 3 for dp in parse_dayparts("ochtend, middag")}
    return Problem(
        plan_date=plan_date, learners=tuple(learners), locations=locations, schedules=SCHEDULES,
        routes=routes, teachers=teachers, horizon_weeks=horizon, max_travel=40,
    )


def municipality(n: int = 1000, seed: int = 3, horizon: int = 12, plan_date: date = PLAN_DATE,
                 variant: str = "base") -> Problem:
    """A city-wide what-if with every route, scaled to ``n`` learners.

    Variants stress one thing: ``tight_teachers`` (half the teachers), ``running`` (many running
    classes with free seats), ``wide_travel`` (max travel 75 min), ``small_routes`` (many small
    routes: B1 split into four provider-specific routes).
    """
    rng = random.Random(seed)
    learners = []
    for i in range(n):
        if rng.random() < 0.43:
            status = "statushouder"
            route = _pick(rng, {"B1": 0.64, "B1-mbo": 0.11, "Onderwijs": 0.17, "Z": 0.08})
        else:
            status = _pick(rng, {"gezinsmigrant": 0.8, "overig": 0.2})
            route = _pick(rng, {"B1": 0.925, "Z": 0.075})
        if variant == "small_routes" and route == "B1":
            route = rng.choice(["B1-a", "B1-b", "B1-c", "B1-d"])
        learners.append(_learner(rng, i + 1, route, status, plan_date, horizon, upcoming_share=0.4))
    learners = _households(rng, learners, share=0.1)
    n_loc = max(5, min(10, n // 120))
    pcs = ["1068", "1025", "1102", "1094", "1018", "1055", "1062", "1033", "1076", "1383"]
    locations = tuple(
        _location(f"Locatie {k + 1} ({pc})", pc, max(2, round(3 * n / (300 * n_loc / 5))), k % 2 == 0)
        for k, pc in enumerate(pcs[:n_loc])
    )
    b1 = ["B1-a", "B1-b", "B1-c", "B1-d"] if variant == "small_routes" else ["B1"]
    routes = {r: RouteSettings(r, min_size=8, max_size=16, max_spread=20) for r in b1}
    routes["B1-mbo"] = RouteSettings("B1-mbo", min_size=8, max_size=16, max_spread=20)
    routes["Onderwijs"] = RouteSettings(
        "Onderwijs", min_size=10, max_size=20, max_spread=25, start_weeks=(0, horizon // 2),
        schedules=("ochtend ma-wo-vr", "ochtend di-do-vr"))
    routes["Z"] = RouteSettings("Z", min_size=6, max_size=12, max_spread=30, separate=SEPARATE_LITERACY,
                                schedules=("ochtend ma-wo-vr", "ochtend di-do-vr", "middag ma-wo-vr"))
    scale = n / 300
    factor = 0.5 if variant == "tight_teachers" else 1.0
    teachers = {}
    for dp in parse_dayparts("ochtend, middag, avond"):
        part = dp.split("-")[1]
        teachers[dp] = max(1, round({"ochtend": 9, "middag": 7, "avond": 3}[part] * scale * factor))
    max_travel = 75 if variant == "wide_travel" else 45
    if variant == "wide_travel":
        learners = [replace(lr, max_travel=None) for lr in learners]
    n_running = round(n / 25) if variant == "running" else round(n / 60)
    return Problem(
        plan_date=plan_date, learners=tuple(learners), locations=locations, schedules=SCHEDULES,
        routes=tuple(routes.values()), teachers=teachers, horizon_weeks=horizon, max_travel=max_travel,
        running=_running(rng, routes, locations, n_running, plan_date, list(routes)),
    )


def generate(n: int, seed: int = 1, variant: str = "base", horizon: int = 12) -> Problem:
    """The benchmark family: a B1 provider for n <= 300, a municipality what-if above."""
    if variant == "base" and n <= 300:
        return b1_provider(n, seed=seed, horizon=horizon, running=max(2, n // 25))
    return municipality(n, seed=seed, horizon=horizon, variant=variant)
