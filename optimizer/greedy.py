"""A fast constructive plan: lazy greedy on the gain of opening a class.

The gain of a learner in an option is their waiting cost minus the option's cost. Repeatedly
open the class (slot or running-class seats) with the largest total gain of its best
members, within teacher and room capacity, until no class gains anything. Gains only fall as
learners and resources are used, so a stale gain is an upper bound (lazy evaluation).

Used as the solver's starting point (hint) and as the fallback plan when CP-SAT finds none.
"""

from __future__ import annotations

import heapq
from collections import defaultdict

from .candidates import Candidates, Option, resource_caps
from .domain import Problem


class _State:
    def __init__(self, problem: Problem, cand: Candidates) -> None:
        self.p = problem
        self.cand = cand
        self.teachers, self.rooms = resource_caps(problem)
        self.counts = [0] * len(cand.slots)
        self.choice: dict[str, Option | None] = {lid: None for lid in cand.options}
        self.assigned: set[str] = set()
        self.seats = {rc.id: rc.free_seats for rc in problem.running}
        self.unit_of: dict[str, tuple[str, ...]] = {}
        groups: dict[str, list[str]] = defaultdict(list)
        for lr in problem.learners:
            if lr.together:
                groups[lr.together].append(lr.id)
        for lr in problem.learners:
            self.unit_of[lr.id] = tuple(groups[lr.together]) if lr.together else (lr.id,)
        self.not_with: dict[str, set[str]] = defaultdict(set)
        for lr in problem.learners:
            for o in lr.not_with:
                self.not_with[lr.id].add(o)
                self.not_with[o].add(lr.id)
        self.slot_opts: dict[int, dict[str, Option]] = defaultdict(dict)
        self.run_opts: dict[str, dict[str, Option]] = defaultdict(dict)
        for lid, opts in cand.options.items():
            if lid in cand.forced:
                continue
            for o in opts:
                if o.slot is not None:
                    self.slot_opts[o.slot][lid] = o
                else:
                    self.run_opts[o.running][lid] = o  # type: ignore[index]

    def gain(self, lid: str, o: Option) -> int:
        return self.cand.waitlist_cost[lid] - o.cost

    def resources_free(self, idx: int) -> bool:
        slot = self.cand.slots[idx]
        if self.counts[idx] >= self.cand.max_classes[idx]:
            return False
        dur = self.p.route_by_name[slot.route].duration_weeks
        dps = self.p.schedule_by_name[slot.schedule].dayparts
        for t in range(slot.week, min(self.p.horizon_weeks, slot.week + dur)):
            for d in dps:
                if self.teachers.get((d, t), 0) < 1 or self.rooms.get((slot.location, d, t), 0) < 1:
                    return False
        return True

    def use_resources(self, idx: int) -> None:
        slot = self.cand.slots[idx]
        dur = self.p.route_by_name[slot.route].duration_weeks
        for t in range(slot.week, min(self.p.horizon_weeks, slot.week + dur)):
            for d in self.p.schedule_by_name[slot.schedule].dayparts:
                self.teachers[d, t] -= 1
                self.rooms[slot.location, d, t] -= 1
        self.counts[idx] += 1

    def pick(self, opts: dict[str, Option], lo: int, hi: int, preset: list[str] | None = None) -> tuple[int, list[str]]:
        """Best members for one class: units by gain, at most ``hi``, at least ``lo``."""
        units: dict[tuple[str, ...], int] = {}
        for lid in opts:
            if lid in self.assigned:
                continue
            unit = self.unit_of[lid]
            if unit in units or any(m not in opts or m in self.assigned for m in unit):
                continue
            units[unit] = sum(self.gain(m, opts[m]) for m in unit)
        chosen: list[str] = list(preset or [])
        total = sum(self.gain(m, opts[m]) for m in chosen if m in opts)
        blocked = set().union(*(self.not_with[m] for m in chosen)) if chosen else set()
        for unit, g in sorted(units.items(), key=lambda kv: (-kv[1] / len(kv[0]), kv[0])):
            if any(m in chosen for m in unit):
                continue
            if len(chosen) + len(unit) > hi:
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

    def slot_gain(self, idx: int) -> tuple[int, list[str]]:
        if not self.resources_free(idx):
            return -1, []
        r = self.p.route_by_name[self.cand.slots[idx].route]
        return self.pick(self.slot_opts.get(idx, {}), r.min_size, r.max_size)

    def running_gain(self, rid: str) -> tuple[int, list[str]]:
        seats = self.seats[rid]
        if seats <= 0:
            return -1, []
        return self.pick(self.run_opts.get(rid, {}), 1, seats)

    def assign(self, members: list[str], opts: dict[str, Option]) -> None:
        for m in members:
            self.assigned.add(m)
            self.choice[m] = opts[m]


def greedy_plan(problem: Problem, cand: Candidates) -> tuple[dict[str, Option | None], list[int]]:
    """A feasible choice per learner and class counts per slot."""
    st = _State(problem, cand)
    # Pins first: forced options, and enough others to make pinned and locked classes valid.
    forced_by_slot: dict[int, list[str]] = defaultdict(list)
    for lid, o in cand.forced.items():
        st.assigned.add(lid)
        st.choice[lid] = o
        if o is not None and o.slot is not None:
            forced_by_slot[o.slot].append(lid)
        elif o is not None and o.running is not None:
            st.seats[o.running] -= 1
    must_open = set(forced_by_slot) | set(cand.locked_count)
    for idx in sorted(must_open):
        r = problem.route_by_name[cand.slots[idx].route]
        pinned = forced_by_slot.get(idx, [])
        n_needed = max(cand.locked_count.get(idx, 0), -(-len(pinned) // r.max_size), 1)
        opts = dict(st.slot_opts.get(idx, {}))
        for lid in pinned:
            opts[lid] = cand.forced[lid]  # type: ignore[assignment]
        members = list(pinned)
        for _ in range(n_needed):
            _, extra = st.pick(opts, max(0, r.min_size - len(members)), max(0, r.max_size - len(members)))
            st.assign([m for m in extra if m not in members], opts)
            members = []
            st.use_resources(idx)

    heap: list[tuple[int, int, str | int]] = []
    for idx in range(len(cand.slots)):
        g, _ = st.slot_gain(idx)
        if g > 0:
            heap.append((-g, 0, idx))
    for rid in st.run_opts:
        g, _ = st.running_gain(rid)
        if g > 0:
            heap.append((-g, 1, rid))
    heapq.heapify(heap)
    while heap:
        neg, kind, ref = heapq.heappop(heap)
        g, members = st.running_gain(ref) if kind else st.slot_gain(ref)  # type: ignore[arg-type]
        if g <= 0:
            continue
        if heap and g < -heap[0][0]:
            heapq.heappush(heap, (-g, kind, ref))
            continue
        if kind:
            st.assign(members, st.run_opts[ref])  # type: ignore[index]
            st.seats[ref] -= len(members)  # type: ignore[index]
        else:
            st.assign(members, st.slot_opts[ref])  # type: ignore[index]
            st.use_resources(ref)  # type: ignore[arg-type]
        heapq.heappush(heap, (-g, kind, ref))  # maybe another class in the same slot
    return st.choice, st.counts
