"""Benchmark cases, generated at run time from their seeds (no large files in git).

Sizes: S (100 learners), M (300, the bundled sample's generator), L (1,000), XL (3,000).
Variants stress one thing: tight_teachers, running (many running classes with free seats),
wide_travel, small_routes (B1 split into four provider routes). ``fitonly`` removes time and
travel (every learner available now, one location, travel weight 0, wait weight 0) for the
comparison with size-constrained k-means.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from app.synth import b1_provider, municipality
from optimizer import Problem

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"S": 100, "M": 300, "L": 1000, "XL": 3000}


@dataclass(frozen=True)
class Case:
    name: str
    size: str
    seed: int
    variant: str = "base"

    def build(self) -> Problem:
        n = SIZES[self.size]
        if self.variant == "sample":
            from app.workbook.importer import load_problem

            return load_problem(ROOT / "samples" / "b1_aanbieder.xlsx").problem  # type: ignore[return-value]
        if self.variant == "fitonly":
            return fit_only(b1_provider(n, seed=self.seed, running=0))
        if self.variant == "base" and n <= 300:
            return b1_provider(n, seed=self.seed, running=max(2, n // 25))
        return municipality(n, seed=self.seed, variant=self.variant)


def fit_only(p: Problem) -> Problem:
    """Only group fit counts (the setting size-constrained k-means solves): everyone available
    now in one location and one schedule, no spread limit, levels on a grid of 1, no travel
    or daypart costs, and waiting so expensive that everybody is placed."""
    from optimizer import Location, RouteSettings, Schedule
    from optimizer.dayparts import parse_dayparts

    week = parse_dayparts("ma/wo/vr ochtend")
    learners = tuple(replace(lr, available_from=None, waiting_since=p.plan_date, home="Centrum", max_travel=None,
                             preferred_dayparts=frozenset(), travel=None, dayparts=week, together=None,
                             not_with=frozenset(), priority=1) for lr in p.learners)
    big = Location("Centrum", "Centrum", {d: 999 for d in week})
    routes = tuple(RouteSettings(r.route, min_size=r.min_size, max_size=r.max_size, max_spread=100) for r in p.routes)
    return replace(p, learners=learners, locations=(big,), running=(), start_weeks=(0,), horizon_weeks=1,
                   schedules=(Schedule("ma-wo-vr ochtend", week),), routes=routes, teachers={d: 999 for d in week},
                   level_step=1, late_join_weeks=0,
                   weights=replace(p.weights, wait=1000, misfit=1, travel=0, daypart=0, language=0))


def standard_cases(sizes: tuple[str, ...] = ("S", "M", "L", "XL"), seeds: tuple[int, ...] = (1, 2, 3),
                   variants: tuple[str, ...] = ("base",)) -> list[Case]:
    out = []
    for size in sizes:
        for variant in variants:
            for seed in seeds:
                out.append(Case(f"{size}-{variant}-{seed}", size, seed, variant))
    return out
