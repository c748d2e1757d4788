"""A fast constructive plan: lazy greedy on the gain of opening a class.

The gain of a learner in a class is their waiting cost minus the cost of that placement.
Repeatedly open the class (a family in a week, or running-class seats) with the largest
total gain of its best members, within teacher and room capacity, until no class gains
anything. Gains only fall as learners and resources are used, so a stale gain is an upper
bound (lazy evaluation).

Used as the solver's starting point (hint) and as the fallback plan when CP-SAT finds none.
"""

from __future__ import annotations

import heapq
from collections import defaultdict

from .candidates import Candidates, Option, Placement, resource_caps
from .domain import Problem

Counts = dict[tuple[int, int], int]


class _State:
    def __init__(self, problem: Problem, cand: Candidates) -> None:
        self.p = problem
        self.cand = cand
        self.teachers, self.rooms = resource_caps(problem)
        self.counts: Counts = defaultdict(int)
        self.placements: dict[str, Placement | None] = dict.fromkeys(cand.options)
        self.assigned: set[str] = set()
        self.seats = {rc.id: rc.free_seats for rc in problem.running}
        groups: dict[str, list[str]] = defaultdict(list)
        for lr in problem.learners:
            if lr.together:
                groups[lr.together].append(lr.id)
        self.unit_of = {lr.id: tuple(groups[lr.together]) if lr.together else (lr.id,) for lr in problem.learners}
        self.not_with: dict[str, set[str]] = defaultdict(set)
        for lr in problem.learners:
            for o in lr.not_with:
                self.not_with[lr.id].add(o)
                self.not_with[o].add(lr.id)
        self.family_opts: dict[int, list[Option]] = defaultdict(list)
        self.week_opts: dict[tuple[int, int], dict[str, Option]] = defaultdict(dict)
        self.run_opts: dict[str, dict[str, Option]] = defaultdict(dict)
        for lid, opts in cand.options.items():
            if lid in cand.forced:
                continue
            for o in opts:
                if o.running is not None:
                    self.run_opts[o.running][lid] = o
                elif o.week is None:
                    self.family_opts[o.family].append(o)  # type: ignore[index]
                else:
                    self.week_opts[o.family, o.week][lid] = o  # type: ignore[index]

    def pool(self, f: int, t: int) -> dict[str, Option]:
        """Unassigned learners who could start in family f in week t."""
        avail = self.cand.avail
        out = {o.learner: o for o in self.family_opts.get(f, ()) if avail[o.learner] <= t and o.learner not in self.assigned}
        for lid, o in self.week_opts.get((f, t), {}).items():
            if lid not in self.assigned:
                out[lid] = o
        return out

    def gain(self, o: Option, week: int) -> int:
        return self.cand.waitlist_cost[o.learner] - self.cand.cost(o, week)

    def resources_free(self, f: int, t: int) -> bool:
        if self.counts[f, t] >= self.cand.max_classes[f, t]:
            return False
        fam = self.cand.families[f]
        dur = self.p.route_by_name[fam.route].duration_weeks
        dps = self.p.schedule_by_name[fam.schedule].dayparts
        for w in range(t, min(self.p.horizon_weeks, t + dur)):
            for d in dps:
                if self.teachers.get((d, w), 0) < 1 or self.rooms.get((fam.location, d, w), 0) < 1:
                    return False
        return True

    def use_resources(self, f: int, t: int) -> None:
        fam = self.cand.families[f]
        dur = self.p.route_by_name[fam.route].duration_weeks
        for w in range(t, min(self.p.horizon_weeks, t + dur)):
            for d in self.p.schedule_by_name[fam.schedule].dayparts:
                self.teachers[d, w] -= 1
                self.rooms[fam.location, d, w] -= 1
        self.counts[f, t] += 1

    def pick(self, opts: dict[str, Option], week: int, lo: int, hi: int, preset: list[str] | None = None) -> tuple[int, list[str]]:
        """Best members for one class: units by gain, at most ``hi``, at least ``lo``."""
        units: dict[tuple[str, ...], int] = {}
        for lid in opts:
            unit = self.unit_of[lid]
            if unit in units or any(m not in opts for m in unit):
                continue
            units[unit] = sum(self.gain(opts[m], week if opts[m].week is None else opts[m].week) for m in unit)
        chosen: list[str] = list(preset or [])
        total = 0
        blocked = set().union(*(self.not_with[m] for m in chosen)) if chosen else set()
        for unit, g in sorted(units.items(), key=lambda kv: (-kv[1] / len(kv[0]), kv[0])):
            if any(m in chosen for m in unit) or len(chosen) + len(unit) > hi:
                continue
            if g <= 0 and len(chosen) >= lo:
                break
            if any(m in blocked for m in unit):
                continue
            chosen.extend(unit)
            total += g
            for m in unit:
                blocked |= self.not_with[m]
        if len(chosen) < lo:
            return -1, []
        return total, chosen

    def class_gain(self, f: int, t: int) -> tuple[int, list[str], dict[str, Option]]:
        if not self.resources_free(f, t):
            return -1, [], {}
        r = self.p.route_by_name[self.cand.families[f].route]
        opts = self.pool(f, t)
        g, members = self.pick(opts, t, r.min_size, r.max_size)
        return g, members, opts

    def running_gain(self, rid: str) -> tuple[int, list[str], dict[str, Option]]:
        seats = self.seats[rid]
        if seats <= 0:
            return -1, [], {}
        opts = {lid: o for lid, o in self.run_opts.get(rid, {}).items() if lid not in self.assigned}
        g, members = self.pick(opts, 0, 1, seats)  # running options carry their own join week
        return g, members, opts

    def assign(self, members: list[str], opts: dict[str, Option], week: int | None) -> None:
        for m in members:
            o = opts[m]
            self.assigned.add(m)
            self.placements[m] = Placement(o, o.week if o.week is not None else week)  # type: ignore[arg-type]


def greedy_plan(problem: Problem, cand: Candidates) -> tuple[dict[str, Placement | None], Counts]:
    """A feasible placement per learner and class counts per (family, week)."""
    st = _State(problem, cand)
    # Pins first: forced options, and enough others to make pinned and locked classes valid.
    forced_by_class: dict[tuple[int, int], list[str]] = defaultdict(list)
    for lid, o in cand.forced.items():
        st.assigned.add(lid)
        if o is None:
            continue
        st.placements[lid] = Placement(o, o.week)  # type: ignore[arg-type]
        if o.running is not None:
            st.seats[o.running] -= 1
        else:
            forced_by_class[o.family, o.week].append(lid)  # type: ignore[index]
    for ft in sorted(set(forced_by_class) | set(cand.locked_count)):
        f, t = ft
        r = problem.route_by_name[cand.families[f].route]
        pinned = forced_by_class.get(ft, [])
        n_needed = max(cand.locked_count.get(ft, 0), -(-len(pinned) // r.max_size), 1)
        have = len(pinned)
        for _ in range(n_needed):
            opts = st.pool(f, t)
            _, extra = st.pick(opts, t, max(0, r.min_size - have), max(0, r.max_size - have))
            st.assign(extra, opts, t)
            have = 0
            st.use_resources(f, t)

    heap: list[tuple[int, int, object]] = []
    for ft in cand.max_classes:
        g, _, _ = st.class_gain(*ft)
        if g > 0:
            heap.append((-g, 0, ft))
    for rid in st.run_opts:
        g, _, _ = st.running_gain(rid)
        if g > 0:
            heap.append((-g, 1, rid))
    heapq.heapify(heap)
    while heap:
        _, kind, ref = heapq.heappop(heap)
        if kind:
            g, members, opts = st.running_gain(ref)  # type: ignore[arg-type]
        else:
            g, members, opts = st.class_gain(*ref)  # type: ignore[misc]
        if g <= 0:
            continue
        if heap and g < -heap[0][0]:
            heapq.heappush(heap, (-g, kind, ref))
            continue
        if kind:
            st.assign(members, opts, None)
            st.seats[ref] -= len(members)  # type: ignore[index]
        else:
            st.assign(members, opts, ref[1])  # type: ignore[index]
            st.use_resources(*ref)  # type: ignore[misc]
        heapq.heappush(heap, (-g, kind, ref))  # maybe another class of the same kind
    return st.placements, {k: v for k, v in st.counts.items() if v}
