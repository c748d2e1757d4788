"""The CP-SAT model, read as a list of rules.

Decision variables (each family in a small container with query methods):
- ``PlacementVars``: one boolean per learner option (a slot or a running class); a learner
  with none set waits.
- ``ClassCounts``: per slot, the integer number of classes opened. Learners of one slot are
  interchangeable for the objective, so counts replace numbered class copies: no symmetry
  between copies, far fewer variables. ``split.py`` turns counts back into classes.

Objective (minimised, integer points): for every learner, the cost of their option or of
waiting: wait weeks x priority, misfit, travel minutes, non-preferred dayparts and language,
and a move away from the earlier plan; plus a cost per opened class. Because exactly one of
"an option" or "waiting" holds per learner, the objective is written as the constant
waiting cost of everyone plus (option cost - waiting cost) per chosen option.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .candidates import Candidates, Option
from .domain import Problem

log = logging.getLogger(__name__)


@dataclass
class PlacementVars:
    """Booleans x[learner, option]: learner takes that option."""

    by_learner: dict[str, list[tuple[Option, cp_model.IntVar]]] = field(default_factory=dict)
    by_slot: dict[int, list[tuple[str, cp_model.IntVar]]] = field(default_factory=lambda: defaultdict(list))
    by_running: dict[str, list[tuple[str, cp_model.IntVar]]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def create(cls, cp: cp_model.CpModel, cand: Candidates) -> PlacementVars:
        pv = cls()
        for lid, opts in cand.options.items():
            row = []
            for k, o in enumerate(opts):
                var = cp.new_bool_var(f"x[{lid},{k}]")
                row.append((o, var))
                if o.slot is not None:
                    pv.by_slot[o.slot].append((lid, var))
                else:
                    assert o.running is not None
                    pv.by_running[o.running].append((lid, var))
            pv.by_learner[lid] = row
        return pv

    def placed(self, learner_id: str) -> cp_model.LinearExprT:
        return sum(v for _, v in self.by_learner[learner_id])

    def option_var(self, learner_id: str, option: Option) -> cp_model.IntVar | None:
        for o, v in self.by_learner[learner_id]:
            if o == option:
                return v
        return None

    def extract(self, solver: cp_model.CpSolver) -> dict[str, Option | None]:
        """Chosen option per learner (None = waiting)."""
        out: dict[str, Option | None] = {}
        for lid, row in self.by_learner.items():
            out[lid] = next((o for o, v in row if solver.boolean_value(v)), None)
        return out


@dataclass
class ClassCounts:
    """Integers n[slot]: classes opened in that slot."""

    n: list[cp_model.IntVar]

    @classmethod
    def create(cls, cp: cp_model.CpModel, cand: Candidates) -> ClassCounts:
        return cls([cp.new_int_var(0, ub, f"n[{i}]") for i, ub in enumerate(cand.max_classes)])

    def extract(self, solver: cp_model.CpSolver) -> list[int]:
        return [solver.value(v) for v in self.n]


@dataclass
class KlasModel:
    problem: Problem
    cand: Candidates
    cp: cp_model.CpModel
    x: PlacementVars
    n: ClassCounts
    offset: int

    def add_hint(self, choice: dict[str, Option | None], counts: list[int]) -> None:
        """Pass a complete plan (e.g. the constructive one) as the solver's starting point."""
        self.cp.clear_hints()
        for lid, row in self.x.by_learner.items():
            chosen = choice.get(lid)
            for o, v in row:
                self.cp.add_hint(v, o == chosen)
        for var, c in zip(self.n.n, counts, strict=True):
            self.cp.add_hint(var, c)


# ---- hard rules ----------------------------------------------------------------------------

def one_place_per_learner(m: KlasModel) -> None:
    """Hard: a learner takes at most one option; taking none means waiting."""
    for row in m.x.by_learner.values():
        if len(row) > 1:
            m.cp.add_at_most_one(v for _, v in row)


def class_size(m: KlasModel) -> None:
    """Hard: a slot with n classes holds between min*n and max*n learners.

    Any such count splits into n classes of allowed size, so this is exact for sizes.
    """
    routes = m.problem.route_by_name
    for idx, slot in enumerate(m.cand.slots):
        members = [v for _, v in m.x.by_slot.get(idx, [])]
        r = routes[slot.route]
        n = m.n.n[idx]
        total = sum(members)
        m.cp.add(total >= r.min_size * n)
        m.cp.add(total <= r.max_size * n)


def member_needs_open_class(m: KlasModel) -> None:
    """Hard (redundant, it helps the LP bound): nobody joins a slot with no class open."""
    for idx, members in m.x.by_slot.items():
        n = m.n.n[idx]
        for _, v in members:
            m.cp.add(v <= n)


def running_class_seats(m: KlasModel) -> None:
    """Hard: newcomers in a running class fit its free seats."""
    for rid, members in m.x.by_running.items():
        seats = m.problem.running_by_id[rid].free_seats
        if len(members) > seats:
            m.cp.add(sum(v for _, v in members) <= seats)


def teachers_and_rooms(m: KlasModel) -> None:
    """Hard: per week and weekday-daypart, running plus new classes use at most the teachers
    available; per location, daypart and week at most its rooms.

    A class started in week s occupies its dayparts in weeks s .. s+duration-1.
    """
    from .candidates import resource_caps

    p = m.problem
    teachers, rooms = resource_caps(p)
    sched = p.schedule_by_name
    routes = p.route_by_name
    use_t: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    use_r: dict[tuple[str, str, int], list[tuple[int, int]]] = defaultdict(list)
    for idx, slot in enumerate(m.cand.slots):
        dur = routes[slot.route].duration_weeks
        for t in range(slot.week, min(p.horizon_weeks, slot.week + dur)):
            for d in sched[slot.schedule].dayparts:
                use_t[d, t].append((idx, m.cand.max_classes[idx]))
                use_r[slot.location, d, t].append((idx, m.cand.max_classes[idx]))
    for table, caps in ((use_t, teachers), (use_r, rooms)):
        seen: set[tuple[int, ...]] = set()
        for key, users in table.items():
            cap = caps.get(key, 0)
            if sum(ub for _, ub in users) <= cap:
                continue
            sig = (cap, *sorted(i for i, _ in users))
            if sig in seen:  # identical constraint already added for another week
                continue
            seen.add(sig)
            m.cp.add(sum(m.n.n[i] for i, _ in users) <= cap)


def together_groups(m: KlasModel) -> None:
    """Hard: learners with the same "samen" id take the same option (or all wait)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for lr in m.problem.learners:
        if lr.together:
            groups[lr.together].append(lr.id)
    for members in groups.values():
        if len(members) < 2:
            continue
        first = members[0]
        ref = {_opt_key(o): v for o, v in m.x.by_learner[first]}
        for other in members[1:]:
            mine = {_opt_key(o): v for o, v in m.x.by_learner[other]}
            for k, v in ref.items():
                if k in mine:
                    m.cp.add(v == mine[k])
                else:
                    m.cp.add(v == 0)
            for k, v in mine.items():
                if k not in ref:
                    m.cp.add(v == 0)


def _opt_key(o: Option) -> tuple:
    return (o.slot, o.running)


def not_with_pairs(m: KlasModel) -> None:
    """Hard: "niet met" pairs never share a class. In a slot that opens two or more classes
    they may share the slot; the split then puts them in different classes."""
    pairs = set()
    for lr in m.problem.learners:
        for other in lr.not_with:
            if other in m.x.by_learner:
                pairs.add(tuple(sorted((lr.id, other))))
    multi: dict[int, cp_model.IntVar] = {}
    for a, b in sorted(pairs):
        opts_b = {_opt_key(o): v for o, v in m.x.by_learner[b]}
        for o, va in m.x.by_learner[a]:
            vb = opts_b.get(_opt_key(o))
            if vb is None:
                continue
            if o.slot is None or m.cand.max_classes[o.slot] < 2:
                m.cp.add(va + vb <= 1)
                continue
            if o.slot not in multi:
                b2 = m.cp.new_bool_var(f"multi[{o.slot}]")
                m.cp.add(m.n.n[o.slot] >= 2).only_enforce_if(b2)
                m.cp.add(m.n.n[o.slot] <= 1).only_enforce_if(~b2)
                multi[o.slot] = b2
            m.cp.add(va + vb <= 1 + multi[o.slot])


def pins_and_locks(m: KlasModel) -> None:
    """Hard: pinned learners take their pinned option (or wait); locked classes open."""
    for lid, forced in m.cand.forced.items():
        for o, v in m.x.by_learner[lid]:
            m.cp.add(v == int(forced is not None and o == forced))
    for idx, count in m.cand.locked_count.items():
        m.cp.add(m.n.n[idx] >= count)


HARD_RULES = (
    one_place_per_learner,
    class_size,
    member_needs_open_class,
    running_class_seats,
    teachers_and_rooms,
    together_groups,
    not_with_pairs,
    pins_and_locks,
)


# ---- objective -----------------------------------------------------------------------------

def objective(m: KlasModel) -> None:
    """Soft: total points of every learner's option or waiting, plus a cost per new class."""
    coeffs: list[tuple[cp_model.IntVar, int]] = []
    for lid, row in m.x.by_learner.items():
        base = m.cand.waitlist_cost[lid]
        for o, v in row:
            if o.cost != base:
                coeffs.append((v, o.cost - base))
    w_class = m.problem.weights.new_class
    if w_class:
        coeffs.extend((nv, w_class) for nv in m.n.n)
    m.offset = sum(m.cand.waitlist_cost.values())
    m.cp.minimize(m.offset + cp_model.LinearExpr.weighted_sum([v for v, _ in coeffs], [c for _, c in coeffs]))


def build_model(problem: Problem, cand: Candidates) -> KlasModel:
    cp = cp_model.CpModel()
    m = KlasModel(problem, cand, cp, PlacementVars.create(cp, cand), ClassCounts.create(cp, cand), 0)
    for rule in HARD_RULES:
        rule(m)
    objective(m)
    log.debug("model: %d slots, %d options", len(cand.slots), sum(len(r) for r in cand.options.values()))
    return m
