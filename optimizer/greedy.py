"""A fast constructive plan: lazy greedy on the gain of opening a class.

The gain of a learner in a class is their waiting cost minus the cost of that placement.
Repeatedly open the class (a family in a week, or running-class seats) with the largest
total gain of its best members, within teacher and room capacity, until no class gains
anything. Gains only fall as learners and resources are used, so a stale gain is an upper
bound (lazy evaluation). Family members are kept in numpy arrays per family, so finding the
best members of a class is a vectorised top-k.

When no class is left for a learner the greedy stranded (classes filled first with flexible
learners), chains of moves make room (:func:`_make_room`): the stranded learner takes a
member's seat, the member moves to a free seat elsewhere; the same chains complete a dived
plan up to a floor or within a wait cap (:func:`greedy_fill`).

Used as the solver's starting point (hint) and as the fallback plan when CP-SAT finds none.
"""

from __future__ import annotations

import heapq
import time
from collections import defaultdict
from collections.abc import Callable

import numpy as np

from .candidates import Candidates, Counts, Option, Placement, resource_caps
from .domain import Problem

_Ref = str | tuple[int, int] | tuple[int, int, int]
"""What a move works on: a running class, a class kind (family, start) or an open class (family, start, copy)."""


def _join_week(o: Option) -> int:
    """The entry week of an option that carries one (a running class's)."""
    assert o.week is not None, o
    return o.week


class _FamilyPool:
    """Family-option learners of one family as arrays: gain(t) = base - rate * t."""

    def __init__(self, cand: Candidates, opts: list[Option]) -> None:
        self.opts = opts
        self.avail = np.array([cand.avail[o.learner] for o in opts], dtype=np.int64)
        self.rate = np.array([cand.wait_rate[o.learner] for o in opts], dtype=np.int64)
        self.base = np.array(
            [cand.waitlist_cost[o.learner] - o.static_cost + cand.wait_rate[o.learner] * cand.since[o.learner]
             for o in opts], dtype=np.int64)
        self.free = np.ones(len(opts), dtype=bool)
        self.n_free = len(opts)

    def top(self, t: int, k: int) -> list[tuple[int, Option]]:
        """The ``k`` free members with the highest gain starting in week ``t``, as (gain, option)."""
        idx = np.flatnonzero(self.free & (self.avail <= t))
        if idx.size == 0:
            return []
        gains = self.base[idx] - self.rate[idx] * t
        return self._best(idx, gains, k)

    def top_joiners(self, s: int, last: int, k: int) -> list[tuple[int, Option]]:
        """The ``k`` free members with the highest gain joining a class started in week ``s``
        in their first available week (after ``s``, at most ``last``)."""
        idx = np.flatnonzero(self.free & (self.avail > s) & (self.avail <= last))
        if idx.size == 0:
            return []
        gains = self.base[idx] - self.rate[idx] * self.avail[idx]
        return self._best(idx, gains, k)

    def _best(self, idx: np.ndarray, gains: np.ndarray, k: int) -> list[tuple[int, Option]]:
        if idx.size > k:
            part = np.argpartition(-gains, k - 1)[:k]
            idx, gains = idx[part], gains[part]
        return [(int(g), self.opts[i]) for g, i in zip(gains, idx, strict=True)]


class _State:
    def __init__(self, problem: Problem, cand: Candidates) -> None:
        self.p = problem
        self.cand = cand
        teachers, rooms = cand.caps or resource_caps(problem)
        H = problem.horizon_weeks
        self.dp_index = {d: i for i, d in enumerate(sorted({d for d, _ in teachers}))}
        self.loc_index = {loc.name: i for i, loc in enumerate(problem.locations)}
        self.teachers = np.zeros((len(self.dp_index), H), dtype=np.int64)
        self.rooms = np.zeros((max(1, len(self.loc_index)), len(self.dp_index), H), dtype=np.int64)
        for (d, w), v in teachers.items():
            self.teachers[self.dp_index[d], w] = v
        for (loc, d, w), v in rooms.items():
            self.rooms[self.loc_index[loc], self.dp_index[d], w] = v
        self.fam_res: dict[int, tuple[int, list[int], int]] = {}
        for f, fam in enumerate(cand.families):
            dps = [self.dp_index[d] for d in sorted(problem.schedule_by_name[fam.schedule].dayparts)]
            self.fam_res[f] = (self.loc_index[fam.location], dps, problem.route_by_name[fam.route].duration_weeks)
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
            for other in lr.not_with:
                self.not_with[lr.id].add(other)
                self.not_with[other].add(lr.id)
        self.shunned: dict[tuple[int, int] | str, set[str]] = defaultdict(set)
        """Per class kind (family, start) or running class: the "niet met" partners of its members."""
        family_opts: dict[int, list[Option]] = defaultdict(list)
        self.week_opts: dict[tuple[int, int], dict[str, Option]] = defaultdict(dict)
        """Fixed-start options of learners who start on a class's first day."""
        self.join_opts: dict[tuple[int, int], dict[str, Option]] = defaultdict(dict)
        """Fixed-start options of learners who join after the start."""
        self.run_opts: dict[str, dict[str, Option]] = defaultdict(dict)
        for lid, opts in cand.options.items():
            if lid in cand.forced:
                continue
            for o in opts:
                if o.running is not None:
                    self.run_opts[o.running][lid] = o
                elif o.slot is None:
                    family_opts[o.family].append(o)  # type: ignore[index]
                elif o.week == o.start:
                    self.week_opts[o.slot][lid] = o
                else:
                    self.join_opts[o.slot][lid] = o
        self.late_seats: dict[tuple[int, int, int], int] = {}
        """Open classes that still take joiners: (family, start, copy) -> seats."""
        self.entry_of: dict[str, int] = {}
        self.pools = {f: _FamilyPool(cand, opts) for f, opts in family_opts.items()}
        self.slots_of: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for f, pool in self.pools.items():
            for i, o in enumerate(pool.opts):
                self.slots_of[o.learner].append((f, i))

    def pool(self, f: int, t: int, k: int) -> dict[str, Option]:
        """The best ``k`` unassigned family members plus every week-option learner for (f, t)."""
        out: dict[str, Option] = {}
        if f in self.pools:
            out = {o.learner: o for _, o in self.pools[f].top(t, k)}
        for lid, o in self.week_opts.get((f, t), {}).items():
            if lid not in self.assigned:
                out[lid] = o
        return out

    def gain(self, o: Option, week: int) -> int:
        return self.cand.waitlist_cost[o.learner] - self.cand.cost(o, week)

    def resources_free(self, f: int, t: int) -> bool:
        if self.counts[f, t] >= self.cand.max_classes[f, t]:
            return False
        loc, dps, dur = self.fam_res[f]
        end = min(self.p.horizon_weeks, t + dur)
        return bool(self.teachers[dps, t:end].min() >= 1 and self.rooms[loc, dps, t:end].min() >= 1)

    def use_resources(self, f: int, t: int) -> None:
        loc, dps, dur = self.fam_res[f]
        end = min(self.p.horizon_weeks, t + dur)
        self.teachers[dps, t:end] -= 1
        self.rooms[loc, dps, t:end] -= 1
        self.counts[f, t] += 1

    def pick(self, opts: dict[str, Option], week: int, lo: int, hi: int,
             entry_of: dict[str, int] | None = None, known: dict[str, int] | None = None,
             shunned: set[str] | None = None) -> tuple[int, list[str]]:
        """Best members for one class: units by gain, at most ``hi``, at least ``lo``.
        A member enters in ``entry_of[m]``, its option's week, or else ``week``; ``known`` holds
        gains already computed (from the family arrays); nobody in ``shunned`` (the "niet met"
        partners of those already in the class)."""

        def gain(m: str) -> int:
            if known is not None and m in known:
                return known[m]
            if entry_of is not None and m in entry_of:
                return self.gain(opts[m], entry_of[m])
            w = opts[m].week
            return self.gain(opts[m], week if w is None else w)

        units: dict[tuple[str, ...], int] = {}
        for lid in opts:
            unit = self.unit_of[lid]
            if unit in units or (len(unit) > 1 and any(m not in opts for m in unit)):
                continue
            units[unit] = gain(lid) if len(unit) == 1 else sum(gain(m) for m in unit)
        chosen: list[str] = []
        total = 0
        blocked: set[str] = set(shunned or ())
        for unit, g in sorted(units.items(), key=lambda kv: (-kv[1] / len(kv[0]), kv[0])):
            if len(chosen) + len(unit) > hi:
                continue
            if g <= 0 and len(chosen) >= lo:
                break
            if blocked and any(m in blocked for m in unit):
                continue
            chosen.extend(unit)
            total += g
            for m in unit:
                if self.not_with.get(m):
                    blocked |= self.not_with[m]
        if len(chosen) < lo:
            return -1, []
        return total, chosen

    def class_gain(self, f: int, t: int) -> tuple[int, list[str], dict[str, Option]]:
        r = self.p.route_by_name[self.cand.families[f].route]
        week_opts = self.week_opts.get((f, t))
        if not week_opts and (f not in self.pools or self.pools[f].n_free < r.min_size):
            return -1, [], {}  # too few learners left for a class of this kind
        if not self.resources_free(f, t):
            return -1, [], {}
        top = self.pools[f].top(t, r.max_size) if f in self.pools else []
        if not week_opts or all(lid in self.assigned for lid in week_opts):
            # Fast path: only single learners without pair rules; gains come from the arrays.
            top.sort(key=lambda go: (-go[0], go[1].learner))
            if len(top) < r.min_size:
                return -1, [], {}
            take = [go for k, go in enumerate(top) if go[0] > 0 or k < r.min_size]
            return sum(g for g, _ in take), [o.learner for _, o in take], {o.learner: o for _, o in take}
        opts = {o.learner: o for _, o in top}
        known = {o.learner: g for g, o in top}
        self._add_exact(opts, known, week_opts)
        g, members = self.pick(opts, t, r.min_size, r.max_size, known=known, shunned=self.shunned.get((f, t)))
        return g, members, opts

    def _add_exact(self, opts: dict[str, Option], known: dict[str, int], exact: dict[str, Option]) -> None:
        """Add the unassigned learners' exact options (e.g. the earlier-plan class); they replace
        a learner's family option and its array gain."""
        for lid, o in exact.items():
            if lid not in self.assigned:
                opts[lid] = o
                known.pop(lid, None)

    def late_gain(self, key: tuple[int, int, int], from_start: bool = False
                  ) -> tuple[int, list[str], dict[str, Option]]:
        """Learners who join class ``key`` after its start, each in their first week;
        ``from_start``: also those who can be there on its first day (free seats of a class
        taken over from a start plan)."""
        seats = self.late_seats.get(key, 0)
        f, s, _ = key
        if seats <= 0:
            return -1, [], {}
        top = self.pools[f].top_joiners(s, s + self.cand.late_join, seats) if f in self.pools else []
        if from_start and f in self.pools:
            top = sorted(top + self.pools[f].top(s, seats), key=lambda go: -go[0])[:seats]
        opts = {o.learner: o for _, o in top}
        known = {o.learner: g for g, o in top}
        self._add_exact(opts, known, self.join_opts.get((f, s), {}))
        if from_start:
            self._add_exact(opts, known, self.week_opts.get((f, s), {}))
        if not opts:
            return -1, [], {}
        self.entry_of = {lid: (o.week if o.week is not None else max(s, self.cand.avail[lid]))
                         for lid, o in opts.items()}
        g, members = self.pick(opts, s, 1, seats, self.entry_of, known, self.shunned.get((f, s)))
        return g, members, opts

    def running_gain(self, rid: str) -> tuple[int, list[str], dict[str, Option]]:
        seats = self.seats[rid]
        if seats <= 0:
            return -1, [], {}
        opts = {lid: o for lid, o in self.run_opts.get(rid, {}).items() if lid not in self.assigned}
        # running options carry their own join week
        g, members = self.pick(opts, 0, 1, seats, shunned=self.shunned.get(rid))
        return g, members, opts

    def assign(self, members: list[str], opts: dict[str, Option], start: int | None,
               entry_of: dict[str, int] | None = None) -> None:
        """Place ``members``; ``start`` is the class's start week (None for running classes)."""
        for m in members:
            o = opts[m]
            self.assigned.add(m)
            entry = entry_of[m] if entry_of and m in entry_of else (o.week if o.week is not None else start)
            assert entry is not None, m  # a running option carries its week; a new class has its start
            self.placements[m] = Placement(o, entry, start if start is not None else entry)
            self._take(m)
            self._shun(m)

    def placed(self, lid: str) -> Placement:
        """The placement of a learner known to be in a class."""
        pl = self.placements[lid]
        assert pl is not None, lid
        return pl

    def _shun(self, lid: str) -> None:
        """Record a placed learner's "niet met" partners for their class kind or running class."""
        if self.not_with.get(lid):
            pl = self.placements[lid]
            assert pl is not None
            key = pl.option.running if pl.option.running is not None else (pl.option.family, pl.class_start)
            self.shunned[key] |= self.not_with[lid]  # type: ignore[index]

    def _take(self, lid: str) -> None:
        """Mark a placed learner as taken in every family pool."""
        for f, i in self.slots_of.get(lid, ()):
            pool = self.pools[f]
            if pool.free[i]:
                pool.free[i] = False
                pool.n_free -= 1

    def seed(self, placements: dict[str, Placement | None], counts: Counts) -> dict[tuple[int, int], int] | None:
        """Take over a partial plan (placed learners and opened classes); returns the spare
        seats per class kind, or None when the plan does not fit this problem's pins, locked
        classes, seats, teachers or rooms."""
        for lid, o in self.cand.forced.items():
            pl = placements.get(lid)
            if (pl.option if pl is not None else None) is not o:
                return None
        if any(counts.get(ft, 0) < n for ft, n in self.cand.locked_count.items()):
            return None
        members: dict[tuple[int, int], int] = defaultdict(int)
        for lid, pl in placements.items():
            if pl is None:
                continue
            self.assigned.add(lid)
            self.placements[lid] = pl
            self._take(lid)
            self._shun(lid)
            if pl.option.running is not None:
                self.seats[pl.option.running] -= 1
            else:
                members[pl.option.family, pl.class_start] += 1  # type: ignore[index]
        for ft, n in counts.items():
            for _ in range(n):
                self.use_resources(*ft)
        if (self.teachers < 0).any() or (self.rooms < 0).any() or any(v < 0 for v in self.seats.values()):
            return None
        spare = {}
        for (f, s), n in counts.items():
            spare[f, s] = n * self.p.route_by_name[self.cand.families[f].route].max_size - members.get((f, s), 0)
            if spare[f, s] < 0 or members.get((f, s), 0) == 0:
                return None
        return spare


def greedy_plan(problem: Problem, cand: Candidates,
                start: tuple[dict[str, Placement | None], Counts] | None = None,
                deadline: float | None = None, add: bool = True) -> tuple[dict[str, Placement | None], Counts]:
    """A feasible placement per learner and class counts per (family, start week).

    ``start`` (placements and counts of a valid partial plan, e.g. the earlier plan) is kept
    as it is and completed: the greedy then only places the others, in new classes or the free
    seats of the start's classes. If the start does not fit, the plan is built from scratch.

    At ``deadline`` (``time.perf_counter()``) it stops opening classes in the weeks after the
    first quarter (:data:`PHASE_WEEKS`) and returns what it has: every class opened so far is
    complete, the others wait (a valid plan). The first quarter's classes, a planning period
    of up to 13 weeks whole, are opened even after the deadline: a plan a little late beats one
    placing nobody. The class kinds are weighed week by week, so a cut plan holds the earliest
    starts. (With a long planning period this matters: the greedy can take a short run's whole
    time limit, docs/benchmarks.md.)

    ``add``: finish with chains that make room where that pays (:func:`_make_room`: the classes
    filled first with flexible learners leave those with few options waiting) and the add step
    (:func:`_add_classes`): open further classes where that pays.
    """
    st = _State(problem, cand)
    heap: list[tuple[int, int, _Ref]] = []
    copies: dict[tuple[int, int], int] = defaultdict(int)
    spare = st.seed(*start) if start is not None else None
    if start is not None and spare is None:
        st = _State(problem, cand)  # the start does not fit: build from scratch
    for (f, s), free in (spare or {}).items():  # the start's classes offer their free seats
        n = copies[f, s] = start[1][f, s]  # type: ignore[index]
        for i in range(n):
            key = (f, s, i)
            st.late_seats[key] = free // n + int(i < free % n)
            g, _, _ = st.late_gain(key, from_start=True)
            if g > 0:
                heap.append((-g, 3, key))

    def opened(f: int, s: int, size: int) -> None:
        """A class of (f, s) opened with ``size`` members: offer its free seats to joiners."""
        st.use_resources(f, s)
        if cand.late_join:
            key = (f, s, copies[f, s])
            copies[f, s] += 1
            st.late_seats[key] = problem.route_by_name[cand.families[f].route].max_size - size
            g, _, _ = st.late_gain(key)
            if g > 0:
                heapq.heappush(heap, (-g, 2, key))

    if spare is None:  # a taken-over start already holds the pins and locked classes
        _place_pins(problem, cand, st, opened)

    def late(until: float | None = deadline) -> bool:
        return until is not None and time.perf_counter() >= until

    for rid in st.run_opts:
        g, _, _ = st.running_gain(rid)
        if g > 0:
            heap.append((-g, 1, rid))
    # week by week (the order of the heap does not depend on it): a cut keeps the early starts
    kinds = sorted(cand.max_classes, key=lambda ft: (ft[1], ft[0]))
    weighed, end = 0, PHASE_WEEKS
    # The first quarter (a short planning period's every week) is never cut: its classes are worth
    # a late plan. Cut, a 12-week plan at a short limit on a busy machine placed nobody.
    cut = None
    while True:
        # Weighing ends halfway to the deadline, to leave opening classes time.
        weigh_until = None if cut is None else (time.perf_counter() + cut) / 2
        first, began = weighed, time.perf_counter()
        while weighed < len(kinds) and kinds[weighed][1] < end:
            if (weighed - first) % 512 == 0 and late(weigh_until):
                break
            g, _, _ = st.class_gain(*kinds[weighed])
            if g > 0:
                heap.append((-g, 0, kinds[weighed]))
            weighed += 1
        rest = len(kinds) - weighed
        if rest and kinds[weighed][1] >= end:
            if weighed == first:
                end *= 2
                continue
            now = time.perf_counter()
            if deadline is None or (now - began) / (weighed - first) * rest < (deadline - now) / 2:
                end, cut = problem.horizon_weeks, deadline  # weighing them all fits: the plain lazy greedy
                continue
        heapq.heapify(heap)
        _open_classes(st, heap, opened, cut)
        cut = deadline
        if late() or weighed == len(kinds):
            break
        end *= 2
    if add and cand.wait_budget is None and cand.misfit_cap is None:
        _make_room(problem, cand, st, False, lambda: False, deadline, gain_only=True)
        _add_classes(problem, cand, st, deadline)
    return st.placements, {k: v for k, v in st.counts.items() if v}


PHASE_WEEKS = 13
"""Where weighing every class kind would take more than half the time left (a long planning
period and a short limit), the greedy weighs the kinds of the first this many weeks (a
quarter), opens their classes, and weighs the later weeks' in phases of doubling length (26,
52, ... weeks), so a cut by the deadline keeps a whole plan of the early weeks; the first
quarter's is never cut (when the candidates took the time, a plan a little late beats one
placing nobody). Each weighing
takes about 0.1 ms, and a 260-week period has 85,000 kinds: a 5 s limit placed 144 of the
sample's 300 learners where phases place 256 (docs/benchmarks.md, "A long planning period and
a short limit"). Without a deadline (deterministic runs) it is the plain lazy greedy."""


def _open_classes(st: _State, heap: list[tuple[int, int, _Ref]], opened: Callable[[int, int, int], None],
                  until: float | None) -> None:
    """The lazy greedy: open the class (or fill the seats) whose gain is largest, until no
    entry of ``heap`` gains anything or it is ``until`` (``time.perf_counter()``)."""
    while heap and (until is None or time.perf_counter() < until):
        _, kind, ref = heapq.heappop(heap)
        # kind 1: a running class (its id); 2, 3: an open class's seats (family, start, copy); 0: a class kind
        if isinstance(ref, str):
            g, members, opts = st.running_gain(ref)
        elif len(ref) == 3:
            g, members, opts = st.late_gain(ref, from_start=kind == 3)
        else:
            g, members, opts = st.class_gain(*ref)
        if g <= 0:
            continue
        if heap and g < -heap[0][0]:
            heapq.heappush(heap, (-g, kind, ref))
            continue
        if isinstance(ref, str):
            st.assign(members, opts, None)
            st.seats[ref] -= len(members)
        elif len(ref) == 3:
            st.assign(members, opts, ref[1], st.entry_of)
            st.late_seats[ref] -= len(members)
        else:
            st.assign(members, opts, ref[1])
            opened(ref[0], ref[1], len(members))
        heapq.heappush(heap, (-g, kind, ref))  # maybe another class of the same kind, or more joiners


def _add_classes(problem: Problem, cand: Candidates, st: _State, deadline: float | None) -> None:
    """The add step of k-median heuristics: while teachers and rooms allow another class, open
    the one whose members gain most by moving there (from the waiting list, running classes or
    other classes, each unit as a whole), as long as that lowers the objective.

    Greedy gains fill the first class that pays with everybody it takes: with large classes (a
    route allowing all learners in one class) that left one class where five were allowed and
    the search, moving learners between open classes, never opened another (issue 22). Only
    learners who start on the class's first day move; a class they leave keeps its minimum
    size of first-day members; learners with "niet met" partners and pinned learners stay.
    """
    lids = list(cand.options)
    index = {lid: i for i, lid in enumerate(lids)}
    cur = np.array([cand.waitlist_cost[lid] if (pl := st.placements[lid]) is None else cand.cost(pl.option, pl.week)
                    for lid in lids], dtype=np.int64)
    movable = np.array([lid not in cand.forced and not st.not_with.get(lid) for lid in lids], dtype=bool)
    pool_idx = {f: np.array([index[o.learner] for o in pool.opts], dtype=np.int64) for f, pool in st.pools.items()}
    wl = {f: np.array([cand.waitlist_cost[o.learner] for o in pool.opts], dtype=np.int64)
          for f, pool in st.pools.items()}
    first_day: dict[tuple[int, int], int] = defaultdict(int)
    for pl in st.placements.values():
        if pl is not None and pl.option.running is None and pl.week == pl.class_start:
            first_day[pl.option.family, pl.class_start] += 1  # type: ignore[index]
    new_class = problem.weights.new_class

    def kind_of(pl: Placement) -> tuple[int, int] | None:
        return None if pl.option.running is not None else (pl.option.family, pl.class_start)  # type: ignore[return-value]

    def best_members(f: int, t: int) -> tuple[int, list[tuple[str, Option]]]:
        pool = st.pools[f]
        idx = pool_idx[f]
        ok = (pool.avail <= t) & movable[idx]
        new = wl[f] - (pool.base - pool.rate * t)
        gain = cur[idx] - new
        sel = np.flatnonzero(ok & (gain > 0))
        if sel.size == 0:
            return 0, []
        r = problem.route_by_name[cand.families[f].route]
        unit_gain: dict[tuple[str, ...], int] = defaultdict(int)
        opt_of: dict[str, Option] = {}
        for i in sel:
            o = pool.opts[i]
            opt_of[o.learner] = o
            unit_gain[st.unit_of[o.learner]] += int(gain[i])
        leaving: dict[tuple[int, int], int] = defaultdict(int)
        chosen: list[tuple[str, Option]] = []
        total = 0
        for unit, g in sorted(unit_gain.items(), key=lambda kv: (-kv[1] / len(kv[0]), kv[0])):
            if len(chosen) + len(unit) > r.max_size or any(m not in opt_of for m in unit):
                continue
            pl = st.placements[unit[0]]
            k = kind_of(pl) if pl is not None else None
            if k is not None:
                kr = problem.route_by_name[cand.families[k[0]].route]
                firsts = sum(1 for m in unit if st.placed(m).week == k[1])
                if first_day[k] - leaving[k] - firsts < st.counts[k] * kr.min_size:
                    continue
                leaving[k] += firsts
            chosen += [(m, opt_of[m]) for m in unit]
            total += g
        if len(chosen) < r.min_size:
            return 0, []
        return total - new_class, chosen

    while deadline is None or time.perf_counter() < deadline:
        best: tuple[int, tuple[int, int], list[tuple[str, Option]]] | None = None
        for (f, t) in cand.max_classes:
            if f not in st.pools or not st.resources_free(f, t):
                continue
            g, members = best_members(f, t)
            if g > 0 and (best is None or g > best[0]):
                best = (g, (f, t), members)
        if best is None:
            return
        _, (f, t), members = best
        for lid, o in members:
            old = st.placements[lid]
            if old is not None:
                k = kind_of(old)
                if k is None:
                    st.seats[old.option.running] += 1  # type: ignore[index]
                else:
                    first_day[k] -= int(old.week == k[1])
            st.placements[lid] = Placement(o, t, t)
            cur[index[lid]] = cand.cost(o, t)
            first_day[f, t] += 1
        st.use_resources(f, t)


def _place_pins(problem: Problem, cand: Candidates, st: _State, opened: Callable[[int, int, int], None]) -> None:
    """Pins first: forced options, and enough others to make pinned and locked classes valid."""
    first_day: dict[tuple[int, int], int] = defaultdict(int)
    in_class: dict[tuple[int, int], int] = defaultdict(int)
    for lid, o in cand.forced.items():
        st.assigned.add(lid)
        if o is None:
            continue
        st.placements[lid] = Placement(o, o.week, o.start if o.slot is not None else o.week)  # type: ignore[arg-type]
        st._shun(lid)
        if o.running is not None:
            st.seats[o.running] -= 1
        elif o.slot is not None:
            in_class[o.slot] += 1
            first_day[o.slot] += int(o.week == o.start)
    for ft in sorted(set(in_class) | set(cand.locked_count)):
        f, t = ft
        r = problem.route_by_name[cand.families[f].route]
        have, total = first_day.get(ft, 0), in_class.get(ft, 0)
        n_needed = max(cand.locked_count.get(ft, 0), -(-total // r.max_size), 1)
        for _ in range(n_needed):
            opts = st.pool(f, t, r.max_size)
            _, extra = st.pick(opts, t, max(0, r.min_size - have), max(0, r.max_size - total),
                               shunned=st.shunned.get(ft))
            st.assign(extra, opts, t)
            opened(f, t, min(r.max_size, total + len(extra)))
            have = total = 0


def greedy_fill(problem: Problem, cand: Candidates, start: tuple[dict[str, Placement | None], Counts],
                min_placed: int | None = None, wait_budget: int | None = None, deadline: float | None = None
                ) -> tuple[dict[str, Placement | None], Counts] | None:
    """``start`` (a valid plan) with more learners placed, whatever they cost, until at least
    ``min_placed`` are in a class and the waiting weeks together are within ``wait_budget``.

    :func:`greedy_plan` places only learners whose place costs less than their wait; under the
    frontier's weights (waiting cheap) a dive left 36 of 220 short of the floor and its greedy
    completion placed none of them (issue 18). Here every step takes the move that costs least:
    the best unit into a free seat of a class (the start's or one opened here), a running class,
    or a new class of its minimum size where teachers and rooms allow (with the cost of a class)
    -- per learner placed while the floor is unmet, then per week of waiting saved while the
    budget is broken. Costs only rise as learners and resources are used, so a stale cost is a
    lower bound (lazy evaluation, as in :func:`greedy_plan`).

    Returns None when the start does not fit this problem; otherwise the plan as far as it
    got (the caller checks whether the floor and the budget hold: they may not, when no seat or
    class is left for the learners still waiting).
    """
    st = _State(problem, cand)
    spare = st.seed(*start)
    if spare is None:
        return None
    copies: dict[tuple[int, int], int] = defaultdict(int)
    for (f, s), free in spare.items():
        n = copies[f, s] = start[1][f, s]
        for i in range(n):
            st.late_seats[f, s, i] = free // n + int(i < free % n)
    learners = problem.learner_by_id
    waitlist = {lid: problem.waitlist_weeks(learners[lid]) for lid in cand.options}
    placed = [sum(pl is not None for pl in st.placements.values())]
    waited = [sum(waitlist[lid] if pl is None else problem.wait_weeks(learners[lid], pl.week)
                  for lid, pl in st.placements.items())]

    def short() -> bool:
        return min_placed is not None and placed[0] < min_placed

    def over() -> bool:
        return wait_budget is not None and waited[0] > wait_budget

    def move(kind: int, ref, per_week: bool) -> tuple[float, list[str], dict[str, Option]] | None:
        """(cost per learner placed, or per week saved; members; their options) of the move."""
        extra = 0
        if kind == 1:
            g, members, opts = st.running_gain(ref)
            entry = {m: _join_week(opts[m]) for m in members}
        elif kind == 3:
            g, members, opts = st.late_gain(ref, from_start=True)
            entry = {m: st.entry_of[m] for m in members}
        else:
            g, members, opts = st.class_gain(*ref)
            entry = {m: ref[1] if (w := opts[m].week) is None else w for m in members}
            extra = problem.weights.new_class
        if not members:
            return None
        cost = extra - g
        if not per_week:
            return cost / len(members), members, opts
        saved = sum(waitlist[m] - problem.wait_weeks(learners[m], entry[m]) for m in members)
        return (cost / saved, members, opts) if saved > 0 else None

    def apply(kind: int, ref, members: list[str], opts: dict[str, Option]) -> None:
        if kind == 1:
            st.assign(members, opts, None)
            st.seats[ref] -= len(members)
        elif kind == 3:
            st.assign(members, opts, ref[1], st.entry_of)
            st.late_seats[ref] -= len(members)
        else:
            f, t = ref
            st.assign(members, opts, t)
            st.use_resources(f, t)
            st.late_seats[f, t, copies[f, t]] = problem.route_by_name[cand.families[f].route].max_size - len(members)
            copies[f, t] += 1
        placed[0] += len(members)
        waited[0] -= sum(waitlist[m] - problem.wait_weeks(learners[m], st.placed(m).week) for m in members)

    def recount() -> None:
        placed[0] = sum(pl is not None for pl in st.placements.values())
        waited[0] = sum(waitlist[lid] if pl is None else problem.wait_weeks(learners[lid], pl.week)
                        for lid, pl in st.placements.items())

    for per_week, unmet in ((False, short), (True, over)):
        heap: list[tuple[float, int, _Ref]] = []
        if unmet():
            refs = [(1, rid) for rid in st.run_opts] + [(3, key) for key in st.late_seats] \
                + [(0, ft) for ft in sorted(cand.max_classes, key=lambda ft: (ft[1], ft[0]))]
            for kind, ref in refs:
                found = move(kind, ref, per_week)
                if found is not None:
                    heap.append((found[0], kind, ref))
            heapq.heapify(heap)
        while heap and unmet() and (deadline is None or time.perf_counter() < deadline):
            _, kind, ref = heapq.heappop(heap)
            found = move(kind, ref, per_week)
            if found is None:
                continue
            if heap and found[0] > heap[0][0]:
                heapq.heappush(heap, (found[0], kind, ref))
                continue
            apply(kind, ref, found[1], found[2])
            if not isinstance(ref, str) and len(ref) == 2:  # kind 0: a new class of (family, start) opened
                key = (*ref, copies[ref] - 1)
                seats = move(3, key, per_week)
                if seats is not None:
                    heapq.heappush(heap, (seats[0], 3, key))
            heapq.heappush(heap, (found[0], kind, ref))  # more seats, or another class of the kind
        if unmet():  # stuck: move placed learners to make room (their weeks change too, so recount)

            def met(unmet: Callable[[], bool] = unmet) -> bool:
                recount()
                return not unmet()

            _make_room(problem, cand, st, per_week, met, deadline)
    return st.placements, {k: v for k, v in st.counts.items() if v}


_Node = str | tuple[int, int]
"""A class in :func:`_make_room`: a running class (its id) or a class kind (family, start)."""

ROOM_DEPTH = 4
"""Learners moved at most per learner placed by :func:`_make_room` (the chain's length)."""


def _make_room(problem: Problem, cand: Candidates, st: _State, per_week: bool, enough: Callable[[], bool],
               deadline: float | None, gain_only: bool = False) -> None:
    """Place more learners when no free seat or new class is left for those waiting, until
    ``enough()``: a learner waiting for a full class takes the seat of one of its members, who
    moves to another class they fit with a free seat -- or on along a chain of at most
    :data:`ROOM_DEPTH` moves (an augmenting path, as in bipartite matching, over the classes
    already open). Each step takes the cheapest chain: in objective points (the newcomer's place
    minus their wait, plus what each move costs), or with ``per_week`` first in waiting weeks
    (only chains that lower them; a chain may then also begin with a placed learner who moves
    to a class they start in earlier), then in points; with ``gain_only`` only chains that
    lower the objective.

    The plan stays valid: classes and teachers do not change, a class never exceeds its seats,
    and a member who started on a class's first day leaves it only for a newcomer who does too
    or while the class keeps its minimum of first-day members. Pinned learners, households and
    learners with "niet met" partners stay where they are and are not placed here.
    """
    H = problem.horizon_weeks
    weeks_of: dict[int, list[int]] = defaultdict(list)
    for (f, s), n in st.counts.items():
        if n > 0:
            weeks_of[f].append(s)

    def single(lid: str) -> bool:
        return lid not in cand.forced and len(st.unit_of[lid]) == 1 and not st.not_with.get(lid)

    learners = problem.learner_by_id

    def price(lid: str, o: Option | None, week: int) -> tuple[int, int]:
        """(waiting weeks if ``per_week``, points) of a place, or of the waiting list (``o`` None)."""
        if o is None:
            weeks = problem.waitlist_weeks(learners[lid]) if per_week else 0
            return weeks, cand.waitlist_cost[lid]
        return (problem.wait_weeks(learners[lid], week) if per_week else 0), cand.cost(o, week)

    def places(lid: str) -> dict[_Node, tuple[tuple[int, int], Option, int]]:
        """(price, option, entry week) of the learner's cheapest way into each open class."""
        out: dict[_Node, tuple[tuple[int, int], Option, int]] = {}
        a = cand.avail[lid]
        for o in cand.options[lid]:
            found: list[tuple[_Node, int]] = []
            if o.running is not None:
                found.append((o.running, _join_week(o)))
            elif o.slot is not None:
                if st.counts.get(o.slot, 0) > 0:
                    found.append((o.slot, _join_week(o)))
            else:
                for s in weeks_of.get(o.family, ()):  # type: ignore[arg-type]
                    if a <= s:
                        found.append(((o.family, s), s))  # type: ignore[arg-type]
                    elif a <= s + cand.late_join and a < H:
                        found.append(((o.family, s), a))  # type: ignore[arg-type]
            for node, week in found:
                c = price(lid, o, week)
                if node not in out or c < out[node][0]:
                    out[node] = (c, o, week)
        return out

    def plus(a: tuple[int, int], b: tuple[int, int], c: tuple[int, int]) -> tuple[int, int]:
        return a[0] + b[0] - c[0], a[1] + b[1] - c[1]

    def worth(c: tuple[int, int]) -> bool:
        return (not per_week or c[0] < 0) and (not gain_only or c[1] < 0)

    def first_day(node: _Node, week: int) -> bool:
        return not isinstance(node, str) and week == node[1]

    def node_of(pl: Placement) -> _Node:
        return pl.option.running if pl.option.running is not None else (pl.option.family, pl.class_start)  # type: ignore[return-value]

    ways = {lid: places(lid) for lid in cand.options if single(lid)}
    waiting = {lid for lid in ways if st.placements[lid] is None}
    members: dict[_Node, set[str]] = defaultdict(set)
    first: dict[_Node, int] = defaultdict(int)
    for lid, pl in st.placements.items():
        if pl is not None:
            members[node_of(pl)].add(lid)
            first[node_of(pl)] += int(first_day(node_of(pl), pl.week))
    route_of = {(f, s): problem.route_by_name[cand.families[f].route] for (f, s), n in st.counts.items() if n > 0}

    def free(node: _Node) -> int:
        if isinstance(node, str):
            return st.seats[node]
        return st.counts[node] * route_of[node].max_size - len(members[node]) if node in route_of else 0

    def slack(node: _Node) -> int:
        """First-day members the class can lose (a running class: any)."""
        if isinstance(node, str):
            return len(members[node])
        return first[node] - st.counts[node] * route_of[node].min_size

    # The cheapest way out of each class to each other (per first-day status at both ends).
    Step = tuple[str, _Node, int, Option]
    exits: dict[_Node, dict[tuple[_Node, bool, bool], tuple[tuple[int, int], Step]]] = {}

    def refresh(node: _Node) -> None:
        out = exits[node] = {}
        for lid in sorted(members[node]):  # (sorted: ties go the same way in every run)
            if lid not in ways:
                continue
            pl = st.placed(lid)
            leaves_first, now = first_day(node, pl.week), price(lid, pl.option, pl.week)
            for to, (c, o, week) in ways[lid].items():
                if to != node:
                    way_out = (to, first_day(to, week), leaves_first)
                    d = plus(c, (0, 0), now)
                    if way_out not in out or d < out[way_out][0]:
                        out[way_out] = (d, (lid, to, week, o))

    for node in list(members):
        refresh(node)
    State = tuple[_Node, bool]
    Chain = tuple[tuple[int, int], tuple[Step, ...]]
    for _ in range(2 * len(cand.options)):  # a safety net: every chain places somebody or saves a week
        if enough() or (deadline is not None and time.perf_counter() >= deadline):
            break
        # Layer k: the cheapest chain of k moves ending with somebody entering (node, first day?).
        layer: dict[State, Chain] = {}
        for lid in sorted(waiting):
            for node, (c, o, week) in ways[lid].items():
                key = (node, first_day(node, week))
                c = plus(c, (0, 0), price(lid, None, 0))
                if key not in layer or c < layer[key][0]:
                    layer[key] = (c, ((lid, node, week, o),))
        if per_week:  # or a placed learner moves to a class they start in earlier
            for node, out in exits.items():
                for (to, enters_first, leaves_first), (d, step) in out.items():
                    key = (to, enters_first)
                    if d[0] < 0 and (not leaves_first or slack(node) > 0) and (key not in layer or d < layer[key][0]):
                        layer[key] = (d, (step,))
        best: Chain | None = None
        for depth in range(ROOM_DEPTH + 1):
            for (node, _), (c, chain) in layer.items():
                if (best is None or c < best[0]) and worth(c) and free(node) > 0:
                    best = (c, chain)
            if best is not None or depth == ROOM_DEPTH:
                break
            nxt: dict[State, Chain] = {}
            for (node, came_first), (c, chain) in layer.items():
                visited = {step[1] for step in chain}
                if (pl := st.placements[chain[0][0]]) is not None:
                    visited.add(node_of(pl))  # a chain begun by a placed learner does not come back
                for (to, enters_first, leaves_first), (d, step) in exits.get(node, {}).items():
                    if to in visited or (leaves_first and not came_first and slack(node) <= 0):
                        continue
                    key = (to, enters_first)
                    total = plus(c, d, (0, 0))
                    if key not in nxt or total < nxt[key][0]:
                        nxt[key] = (total, (*chain, step))
            layer = nxt
        if best is None:
            break
        moved = [node_of(pl) for lid, *_ in best[1] if (pl := st.placements[lid]) is not None]
        for lid, node, week, o in best[1]:
            old = st.placements[lid]
            if old is None:
                waiting.discard(lid)
                st.assigned.add(lid)
                st._take(lid)
            else:
                members[node_of(old)].discard(lid)
                first[node_of(old)] -= int(first_day(node_of(old), old.week))
                if isinstance(node_of(old), str):
                    st.seats[node_of(old)] += 1  # type: ignore[index]
            st.placements[lid] = Placement(o, week, week if isinstance(node, str) else node[1])
            members[node].add(lid)
            first[node] += int(first_day(node, week))
            if isinstance(node, str):
                st.seats[node] -= 1
        last = best[1][-1][1]
        if not isinstance(last, str):
            copy = max((k for k in st.late_seats if k[:2] == last), key=lambda k: st.late_seats[k], default=None)
            if copy is not None:
                st.late_seats[copy] -= 1
        for node in sorted({step[1] for step in best[1]} | set(moved), key=str):  # every class someone left or joined
            refresh(node)
