"""Stress families of another shape than app/synth.py's (issue 22), generated from seeds.

*p-median* (``pmedian``): one route, one schedule of one daypart, one start week; ``L``
locations with one room each; max class size = all learners and min size 1; ``k`` teachers,
so at most ``k`` classes; travel given per learner and location (the ``travel`` field, as the
Reistijden sheet gives it) and the only cost: misfit, daypart and language weights 0, everyone
at one level, waiting priced above the longest trip so nobody should wait. Distances are
shortest paths in a random connected graph (``metric="graph"``, learners live at the graph's
nodes, locations at ``L`` of them, like OR-Library's pmed) or rounded Euclidean distances in a
100 x 100 square (``metric="euclid"``). This is the classic p-median problem: it stresses the
class *structure* (which classes to open), which our generator's cases hardly do.

*capacitated p-median* (``capacitated``): the same with max class size ``cap`` (120 at full
size) and households of 1-20 learners (``together``) who must share a class.

``bench.mip`` solves both exactly (facility location with SCIP); ``bench.stress_run`` compares.
Case names: ``PM-<metric>-<n>-<seed>`` and ``CPM-<n>-<seed>`` (see :func:`stress_case`).
"""

from __future__ import annotations

import heapq
import math
import random
from dataclasses import replace
from datetime import date

from optimizer import Learner, Location, Problem, RouteSettings, Schedule, Weights
from optimizer.domain import MAX_MINUTES

DAYPART = "ma-ochtend"
PLAN_DATE = date(2025, 1, 6)


def _graph_distances(nodes: int, sources: list[int], rng: random.Random) -> list[list[int]]:
    """Shortest-path minutes from each source node to every node of a random connected graph:
    a random spanning tree plus about two extra edges per node, edge lengths 1-20."""
    adj: list[list[tuple[int, int]]] = [[] for _ in range(nodes)]

    def edge(a: int, b: int) -> None:
        w = rng.randint(1, 20)
        adj[a].append((b, w))
        adj[b].append((a, w))

    order = list(range(nodes))
    rng.shuffle(order)
    for i in range(1, nodes):
        edge(order[i], order[rng.randrange(i)])
    for _ in range(2 * nodes):
        a, b = rng.randrange(nodes), rng.randrange(nodes)
        if a != b:
            edge(a, b)
    out = []
    for s in sources:
        dist = [math.inf] * nodes
        dist[s] = 0
        heap = [(0, s)]
        while heap:
            d, u = heapq.heappop(heap)
            if d > dist[u]:
                continue
            for v, w in adj[u]:
                if d + w < dist[v]:
                    dist[v] = d + w
                    heapq.heappush(heap, (d + w, v))
        out.append([int(x) for x in dist])
    return out


def pmedian(n: int, locations: int, teachers: int, seed: int, metric: str = "graph", cap: int | None = None,
            households: int = 1) -> Problem:
    """A p-median problem as a Klasvormer problem (see the module text).

    ``cap``: max class size (None = n, uncapacitated). ``households``: largest household size;
    members of one household live at the same place and must share a class.
    """
    rng = random.Random(f"stress-{metric}-{n}-{locations}-{teachers}-{seed}-{cap}-{households}")
    # Group the learners into households (all of size 1 when households == 1).
    sizes: list[int] = []
    while sum(sizes) < n:
        sizes.append(min(rng.randint(1, households), n - sum(sizes)))
    places = len(sizes)
    if metric == "graph":
        nodes = max(places, locations)
        loc_nodes = rng.sample(range(nodes), locations)
        dist = _graph_distances(nodes, loc_nodes, rng)
        home = rng.sample(range(nodes), places) if places <= nodes else [rng.randrange(nodes) for _ in range(places)]
        travel = [[dist[j][home[h]] for j in range(locations)] for h in range(places)]
    elif metric == "euclid":
        pts = [(rng.uniform(0, 100), rng.uniform(0, 100)) for _ in range(places)]
        locs = [(rng.uniform(0, 100), rng.uniform(0, 100)) for _ in range(locations)]
        travel = [[round(math.dist(p, q)) for q in locs] for p in pts]
    else:
        raise ValueError(f"unknown metric {metric!r}")
    longest = max(max(row) for row in travel)
    names = [f"L{j:03d}" for j in range(locations)]
    learners = []
    for h, size in enumerate(sizes):
        row = {names[j]: travel[h][j] for j in range(locations)}
        for _ in range(size):
            learners.append(Learner(
                id=f"D{len(learners):04d}", route="R", level=50, dayparts=frozenset({DAYPART}),
                waiting_since=PLAN_DATE, travel=row, together=f"H{h:04d}" if size > 1 else None))
    # Waiting costs wait * (1 + 4) weeks: above the longest trip, so everybody should be placed.
    weights = Weights(wait=longest // 5 + 1, misfit=0, travel=1, daypart=0, language=0, move=0, new_class=0)
    return Problem(
        plan_date=PLAN_DATE,
        learners=tuple(learners),
        locations=tuple(Location(nm, None, {DAYPART: 1}) for nm in names),
        schedules=(Schedule("ma ochtend", frozenset({DAYPART})),),
        routes=(RouteSettings("R", min_size=1, max_size=cap or n, max_spread=0),),
        teachers={DAYPART: teachers},
        horizon_weeks=1,
        start_weeks=(0,),
        weights=weights,
        max_travel=longest,
        level_step=5,
        late_join_weeks=0,
    )


SHAPES = {"ML": "many-locations", "BC": "big-classes", "NT": "no-travel", "OL": "one-level"}
"""The generator-shaped stress families (:func:`shaped`): our own cases with one thing changed."""


def shaped(kind: str, n: int, seed: int) -> Problem:
    """Our generator's cases (app/synth.py, through bench.cases) with one thing changed:

    - ``ML`` *many-locations*: the city case (every route) with 35 small community locations
      added to its own, 40 in all (one room each, mornings and afternoons, at the city's PC4
      codes), so the class kind count grows eightfold: which locations to use is the question;
    - ``BC`` *big-classes*: the B1 provider with classes of up to 40 (min size 8): few large
      classes, level spread and travel trade against each other inside them;
    - ``NT`` *no-travel*: the B1 provider with travel costing nothing and no maximum (600 min,
      the most a workbook takes): location only matters through rooms, so many plans tie;
    - ``OL`` *one-level*: the B1 provider with everybody at one level: misfit disappears and
      classes are only about time and place.
    """
    from app.synth import DISTRICT_PC4
    from bench import cases

    if kind == "ML":
        p = cases.municipality(n, seed=seed)
        rng = random.Random(f"many-locations-{n}-{seed}")
        used = {loc.home for loc in p.locations}
        pcs = sorted(pc for pcs in DISTRICT_PC4.values() for pc in pcs if pc not in used)
        extra = tuple(Location(f"Buurthuis {k + 1} ({pc})", pc, dict.fromkeys(
            (dp for dp in p.teachers if not dp.endswith("avond")), 1))
            for k, pc in enumerate(rng.sample(pcs, 40 - len(p.locations))))
        return replace(p, locations=p.locations + extra)
    p = cases.b1_provider(n, seed=seed, running=max(2, n // 25))
    if kind == "BC":
        return replace(p, routes=tuple(replace(r, max_size=40) for r in p.routes))
    if kind == "NT":
        learners = tuple(replace(lr, max_travel=None, travel=None) for lr in p.learners)
        return replace(p, learners=learners, max_travel=MAX_MINUTES, weights=replace(p.weights, travel=0))
    if kind == "OL":
        return replace(p, learners=tuple(replace(lr, level=50) for lr in p.learners))
    raise ValueError(f"unknown shape {kind!r}")


def stress_case(name: str) -> Problem:
    """Build a named stress case.

    ``PM-<metric>-<n>-<seed>``: p-median with n learners at n graph nodes (``g``) or points
    (``e``), L = n locations (at most 200) and k = 5..n/3 teachers drawn from the seed.
    ``CPM-<n>-<seed>``: capacitated, 50 locations, max size 120, households of 1-20, 5 teachers.
    ``tiny-PM-<seed>`` / ``tiny-CPM-<seed>``: n = 8-20, L = 4-8 (for the tests).
    ``ML|BC|NT|OL-<n>-<seed>``: the generator-shaped families (:func:`shaped`); ``tiny-ML-<seed>``
    etc.: n = 24-36 (one-level 14-20), small enough for CP-SAT to prove the optimum (tests).
    """
    parts = name.split("-")
    if parts[0] == "tiny" and parts[1] in SHAPES:
        seed = int(parts[2])
        # one level: CP-SAT needs 20+ s to prove 27 learners (symmetric classes), so fewer
        low, high = (14, 20) if parts[1] == "OL" else (24, 36)
        return shaped(parts[1], random.Random(f"tiny-{parts[1]}-{seed}").randint(low, high), seed)
    if parts[0] == "tiny":
        seed = int(parts[2])
        rng = random.Random(f"tiny-{parts[1]}-{seed}")
        n, L = rng.randint(8, 20), rng.randint(4, 8)
        k = rng.randint(2, 3)
        if parts[1] == "PM":
            return pmedian(n, L, k, seed, metric=rng.choice(("graph", "euclid")))
        cap = -(-n // k) + rng.randint(1, 3)
        return pmedian(n, L, k, seed, metric="euclid", cap=cap, households=4)
    if parts[0] == "PM":
        metric = {"g": "graph", "e": "euclid"}[parts[1]]
        n, seed = int(parts[2]), int(parts[3])
        k = random.Random(f"k-{name}").randint(5, n // 3)
        return pmedian(n, min(n, 200), k, seed, metric=metric)
    if parts[0] == "CPM":
        n, seed = int(parts[1]), int(parts[2])
        return pmedian(n, 50, 5, seed, metric="euclid", cap=120, households=20)
    if parts[0] in SHAPES:
        return shaped(parts[0], int(parts[1]), int(parts[2]))
    raise ValueError(f"unknown stress case {name!r}")


PMEDIAN_10 = tuple(f"PM-g-{n}-{s}" for s, n in enumerate((100, 110, 120, 130, 140, 150, 160, 170, 180, 200), 1))
"""The ten-case p-median family at n = 100..200 (graph distances) that bench.stress_run measures."""
CAPACITATED = tuple(f"CPM-{n}-{s}" for s, n in enumerate((200, 300, 400), 1))
SHAPED = tuple(f"{kind}-300-{s}" for s, kind in enumerate(SHAPES, 1))
"""One 300-learner case of each generator-shaped family (:func:`shaped`)."""
