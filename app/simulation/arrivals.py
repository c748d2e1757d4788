"""The arrival process of the policy simulation: who finishes intake when (issue #6).

An :class:`Arrival` is a learner with absolute dates plus the date the planner first knows of
them. Three sources, all seeded and reproducible:

``resample`` (default when the base problem has learners)
    Attributes are drawn from the base problem's learners, in blocks that belong together,
    each block from an independently drawn learner: (route, leerbaarheid, literacy, profile,
    status, priority); (available dayparts, preferred dayparts); (home, travel matrix,
    excluded locations); (languages, preferred language); (max travel). Households and "not
    with" relations are not resampled (every arrival is a single person).
``synth``
    Documented defaults from PRODUCT.md (via :func:`app.synth._learner`): 43% status holders
    (L47); status-holder routes B1 64%, B1-mbo 11%, onderwijsroute 17%, Z 8% (L58-60); family
    migrants B1 92.5%, Z 7.5% (L1137), restricted to the routes the base problem has (shares
    renormalised; a base without any of these routes uses its own routes, equally likely).
    Districts, leerbaarheid, dayparts and languages follow app.synth (invented, documented there).
``replay``
    The base problem's own learners, each arriving at its date (``beschikbaar vanaf``, else
    ``wacht sinds``) and known to the planner from ``wacht sinds`` (so a learner still in
    Taalstart is seen as upcoming). Learners dated before the plan date form the initial queue.
    Pins are dropped (they refer to an earlier plan).

Timing of synthetic arrivals (``resample`` and ``synth``):

- Week ``t`` (from the base plan date) receives ``Poisson(rate_t)`` arrivals. Without a peak
  ``rate_t = arrivals_per_week``. With ``peak_factor = f`` the weeks whose Monday falls in
  ``peak_months`` get ``f`` times the rate of the other weeks, and all rates are scaled so the
  mean over the simulated weeks stays ``arrivals_per_week`` (same yearly volume, uneven
  inflow). The default peak months (December) follow the year-end housing peak of status
  holders reported in Wi2021 Amsterdam L1810-1819 ("piek in de instroom").
- Each arrival can start from a weekday of its week (Mon-Fri, uniform): that date is both
  ``wacht sinds`` and ``beschikbaar vanaf`` (the wait counts from the day one could start).
- A share ``known_ahead_share`` (default 40%, as app.synth's upcoming share) is known to the
  planner 1..``known_ahead_max_weeks`` weeks before (default 6: Taalstart lasts 6 weeks,
  L1419); the others become known on their arrival date.
- ``backlog`` learners wait already at the start (known at week 0, waiting since an
  exponentially distributed number of days before it, mean 42 days as in app.synth).
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta

from app import synth
from optimizer.domain import Learner, Problem

MODES = ("resample", "synth", "replay")

STATUS_HOLDER_ROUTES = {"B1": 0.64, "B1-mbo": 0.11, "Onderwijs": 0.17, "Z": 0.08}  # L58-60
FAMILY_ROUTES = {"B1": 0.925, "Z": 0.075}  # L1137
STATUS_HOLDER_SHARE = 0.43  # L47


@dataclass(frozen=True)
class ArrivalSettings:
    """How arrivals are drawn; stored with every simulation result (see the module doc)."""

    mode: str = "resample"
    """'resample', 'synth' or 'replay'."""
    arrivals_per_week: float = 50.0
    peak_factor: float = 1.0
    """Rate in peak weeks relative to other weeks (1 = even inflow)."""
    peak_months: tuple[int, ...] = (12,)
    known_ahead_share: float = 0.4
    known_ahead_max_weeks: int = 6
    backlog: int = 0

    def as_dict(self) -> dict:
        d = asdict(self)
        d["peak_months"] = list(self.peak_months)
        return d


@dataclass(frozen=True)
class Arrival:
    """A learner (absolute dates) and the date the planner first knows of them."""

    learner: Learner
    known_from: date

    @property
    def available(self) -> date:
        """The first day the learner can start."""
        return self.learner.available_from or self.learner.waiting_since


def poisson(rng: random.Random, lam: float) -> int:
    """A Poisson draw (count of unit-rate exponential gaps within ``lam``); 0 for lam <= 0."""
    if lam <= 0:
        return 0
    total, k = 0.0, 0
    while True:
        total += rng.expovariate(1.0)
        if total > lam:
            return k
        k += 1


def weekly_rates(settings: ArrivalSettings, start: date, weeks: int) -> list[float]:
    """Expected arrivals per week (the seasonal rule of the module doc)."""
    shape = [
        settings.peak_factor if (start + timedelta(days=7 * t)).month in settings.peak_months else 1.0
        for t in range(weeks)
    ]
    total = sum(shape)
    if total <= 0:
        return [0.0] * weeks
    scale = settings.arrivals_per_week * weeks / total
    return [s * scale for s in shape]


def expected_unknown(settings: ArrivalSettings, rate: float, ahead: int) -> float:
    """Arrivals expected in a week ``ahead`` weeks from now (at ``rate`` a week) that nobody
    knows yet: a share ``known_ahead_share`` becomes known 1 to ``known_ahead_max_weeks``
    weeks early (uniformly), so ``share x (max - ahead + 1) / max`` of them is known already."""
    k = max(1, settings.known_ahead_max_weeks)
    known = settings.known_ahead_share * max(0, min(k, k - ahead + 1)) / k
    return rate * (1.0 - known)


def expected_learners(base: Problem, settings: ArrivalSettings, rates: list[float], t: int, horizon: int,
                      seed: int, *, draw: int = 0) -> list[Learner]:
    """One sampled future at week ``t``: learners expected to arrive in weeks ``t+1`` to
    ``t+horizon-1`` and not known yet, drawn like real arrivals (ids ``V<t>-<n>``) but with their
    own random numbers, so the real arrivals do not change. Weeks past ``rates`` arrive at the
    mean rate. ``draw`` numbers several futures of the same week (``verwacht=K``); each has its
    own random numbers and ids (``V<t>-<draw>-<n>`` for draws after the first)."""
    rng = random.Random(f"klasvormer-expected-{seed}-{t}" + (f"-{draw}" if draw else ""))
    prefix = f"V{t:02d}-" + (f"{draw}-" if draw else "")
    sampler = AttributeSampler(base, settings.mode)
    start = base.plan_date
    out: list[Learner] = []
    for ahead in range(1, horizon):
        week = t + ahead
        rate = rates[week] if week < len(rates) else settings.arrivals_per_week
        monday = start + timedelta(days=7 * week)
        for _ in range(poisson(rng, expected_unknown(settings, rate, ahead))):
            when = monday + timedelta(days=rng.randint(0, 4))
            out.append(sampler.draw(rng, f"{prefix}{len(out) + 1:04d}", when))
    return out


class AttributeSampler:
    """Draws a new learner's attributes (everything but id and dates)."""

    def __init__(self, base: Problem, mode: str) -> None:
        if mode not in ("resample", "synth"):
            raise ValueError(f"unknown attribute mode {mode!r}")
        if mode == "resample" and not base.learners:
            raise ValueError("mode 'resample' needs a base problem with learners; use 'synth'")
        self.base = base
        self.mode = mode
        self.pool = sorted(base.learners, key=lambda lr: lr.id)
        routes = [r.route for r in base.routes]
        self.sh_routes = _restrict(STATUS_HOLDER_ROUTES, routes)
        self.fam_routes = _restrict(FAMILY_ROUTES, routes)

    def draw(self, rng: random.Random, lid: str, when: date) -> Learner:
        if self.mode == "synth":
            return self._synth(rng, lid, when)
        pick = self.pool
        a, b, c, d, e = (rng.choice(pick) for _ in range(5))
        return Learner(
            id=lid, route=a.route, level=a.level, literacy=a.literacy, profile=a.profile,
            status=a.status, priority=a.priority,
            dayparts=b.dayparts, preferred_dayparts=b.preferred_dayparts,
            home=c.home, travel=c.travel, excluded_locations=c.excluded_locations,
            languages=d.languages, preferred_language=d.preferred_language,
            max_travel=e.max_travel, waiting_since=when, available_from=when,
        )

    def _synth(self, rng: random.Random, lid: str, when: date) -> Learner:
        if rng.random() < STATUS_HOLDER_SHARE:
            status, routes = "statushouder", self.sh_routes
        else:
            status = synth._pick(rng, {"gezinsmigrant": 0.8, "overig": 0.2})
            routes = self.fam_routes
        route = synth._pick(rng, routes)
        lr = synth._learner(rng, 0, route, status, when, 1, upcoming_share=0.0)
        return replace(lr, id=lid, waiting_since=when, available_from=when)


def _restrict(shares: dict[str, float], routes: Sequence[str]) -> dict[str, float]:
    """PRODUCT.md route shares limited to the base routes (renormalised; else all equal)."""
    kept = {r: s for r, s in shares.items() if r in routes}
    if not kept:
        return dict.fromkeys(routes, 1.0)
    return kept


def generate_arrivals(base: Problem, settings: ArrivalSettings, weeks: int, seed: int) -> list[Arrival]:
    """The arrivals of one simulation, sorted by the date they become known (then id)."""
    if settings.mode == "replay":
        return replay_arrivals(base)
    rng = random.Random(f"klasvormer-arrivals-{seed}")
    sampler = AttributeSampler(base, settings.mode)
    start = base.plan_date
    out: list[Arrival] = []
    n = 0
    for _ in range(settings.backlog):
        n += 1
        since = start - timedelta(days=int(rng.expovariate(1 / 42)) + 1)
        lr = sampler.draw(rng, f"S{n:05d}", since)
        out.append(Arrival(replace(lr, available_from=None), start))
    for t, lam in enumerate(weekly_rates(settings, start, weeks)):
        monday = start + timedelta(days=7 * t)
        for _ in range(poisson(rng, lam)):
            n += 1
            when = monday + timedelta(days=rng.randint(0, 4))
            lr = sampler.draw(rng, f"S{n:05d}", when)
            known = when
            if rng.random() < settings.known_ahead_share:
                known = when - timedelta(days=7 * rng.randint(1, max(1, settings.known_ahead_max_weeks)))
            out.append(Arrival(lr, max(known, start)))
    out.sort(key=lambda a: (a.known_from, a.learner.id))
    return out


def replay_arrivals(base: Problem) -> list[Arrival]:
    """The base problem's learners, each known from ``wacht sinds`` (at the earliest the plan
    date) and able to start from ``beschikbaar vanaf`` (else ``wacht sinds``)."""
    out = []
    for lr in base.learners:
        known = max(base.plan_date, min(lr.waiting_since, lr.available_from or lr.waiting_since))
        out.append(Arrival(replace(lr, pin=None), known))
    out.sort(key=lambda a: (a.known_from, a.learner.id))
    return out


def expected_arrivals(settings: ArrivalSettings, weeks: int) -> float:
    """Expected number of arrivals (for capacity scaling and progress)."""
    return settings.backlog + settings.arrivals_per_week * weeks


def weeks_between(a: date, b: date) -> int:
    """Whole weeks from ``a`` to ``b`` (floor)."""
    return math.floor((b - a).days / 7)
