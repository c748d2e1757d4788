"""The CP-SAT model, read as a list of rules.

Decision variables (each family in a small container with query methods):
- ``Choices``: one boolean per learner option; a learner with none set waits.
- ``ClassCounts``: integer n[f, t], classes of family f starting in week t. Learners of one
  class kind are interchangeable for the objective, so counts replace numbered class copies:
  no symmetry between copies. ``split.py`` turns counts back into classes.
- ``Flows``: integer y[f, t, p], learners of priority p with a *family option* who start in
  family f in week t. Who exactly starts when is decided afterwards; by Hall's theorem the
  availability constraints below make that always possible (windows [available, horizon)
  are nested), and all learners of one priority pay the same for the same week.

Objective (minimised, integer points): for every learner the cost of their option or of
waiting: wait weeks x priority, misfit, travel minutes, non-preferred dayparts and language,
a move away from the earlier plan; plus a cost per opened class. It is written as the
waiting cost of everyone plus (option cost - waiting cost) per chosen option.

Each rule function carries the keys of the rules it keeps (``fn.rules``, set by
:func:`optimizer.rules.enforces`): the keys of the catalogue in :mod:`optimizer.rules`,
the same ones the validator reports when a plan breaks a rule.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TypeVar

from ortools.sat.python import cp_model

from .candidates import (
    Candidates,
    Option,
    Placement,
    class_occupancy,
    earliest_entries,
    resource_caps,
)
from .domain import Problem
from .rules import TERM_KEYS, enforces

log = logging.getLogger(__name__)

K = TypeVar("K")


@dataclass
class Choices:
    """Booleans x[learner, option]."""

    by_learner: dict[str, list[tuple[Option, cp_model.IntVar]]] = field(default_factory=dict)
    family_members: dict[int, list[tuple[str, cp_model.IntVar]]] = field(default_factory=lambda: defaultdict(list))
    slot_members: dict[tuple[int, int], list[tuple[Option, cp_model.IntVar]]] = field(
        default_factory=lambda: defaultdict(list))
    """Fixed-start options per (family, start): starters (week == start) and later joiners."""
    running_members: dict[str, list[tuple[str, cp_model.IntVar]]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def create(cls, cp: cp_model.CpModel, cand: Candidates) -> Choices:
        ch = cls()
        for lid, opts in cand.options.items():
            row = []
            for k, o in enumerate(opts):
                var = cp.new_bool_var(f"x[{lid},{k}]")
                row.append((o, var))
                if o.running is not None:
                    ch.running_members[o.running].append((lid, var))
                elif o.slot is None:
                    assert o.family is not None  # neither running nor fixed-start: a family option
                    ch.family_members[o.family].append((lid, var))
                else:
                    ch.slot_members[o.slot].append((o, var))
            ch.by_learner[lid] = row
        return ch

    def chosen(self, solver: cp_model.CpSolver) -> dict[str, Option | None]:
        return {lid: next((o for o, v in row if solver.boolean_value(v)), None) for lid, row in self.by_learner.items()}


@dataclass
class ClassCounts:
    """Integers n[f, s]: classes of family f starting in week s."""

    n: dict[tuple[int, int], cp_model.IntVar]

    @classmethod
    def create(cls, cp: cp_model.CpModel, cand: Candidates) -> ClassCounts:
        return cls({ft: cp.new_int_var(0, ub, f"n[{ft[0]},{ft[1]}]") for ft, ub in cand.max_classes.items()})

    def extract(self, solver: cp_model.CpSolver) -> dict[tuple[int, int], int]:
        return {ft: solver.value(v) for ft, v in self.n.items() if solver.value(v)}


@dataclass
class Flows:
    """Integer flows of family-option learners, per family f:

    - ``entries[f, t, p]``: learners of priority p who enter f in week t;
    - ``starters[f, s]``: of those, how many start with the classes starting in week s;
    - ``joiners[f, s, t]``: how many join classes that started in week s, in week t > s.
    """

    entries: dict[tuple[int, int, int], cp_model.IntVar] = field(default_factory=dict)
    starters: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    joiners: dict[tuple[int, int, int], cp_model.IntVar] = field(default_factory=dict)

    @staticmethod
    def _values(solver: cp_model.CpSolver, table: dict) -> dict:
        return {k: solver.value(v) for k, v in table.items() if solver.value(v)}

    def extract(self, solver: cp_model.CpSolver) -> tuple[dict, dict, dict]:
        return (self._values(solver, self.entries), self._values(solver, self.starters),
                self._values(solver, self.joiners))


@dataclass
class KlasModel:
    problem: Problem
    cand: Candidates
    cp: cp_model.CpModel
    x: Choices
    n: ClassCounts
    flows: Flows = field(default_factory=Flows)
    offset: int = 0
    use: tuple[dict, dict, dict, dict] | None = None
    """Resource use of the possible classes (:func:`_class_use`), shared by two rules."""

    def priority(self, lid: str) -> int:
        return self.problem.learner_by_id[lid].priority

    def add_hint(self, placements: dict[str, Placement | None], counts: dict[tuple[int, int], int]) -> None:
        """Pass a complete plan (e.g. the constructive one) as the solver's starting point."""
        self.cp.clear_hints()
        entries: dict[tuple[int, int, int], int] = defaultdict(int)
        starters: dict[tuple[int, int], int] = defaultdict(int)
        joiners: dict[tuple[int, int, int], int] = defaultdict(int)
        # Written straight into the proto in one go (a sub-model of the search gets thousands
        # of hints per step; one ``CpModel.add_hint`` call each cost a tenth of the step).
        idx: list[int] = []
        val: list[int] = []
        for lid, row in self.x.by_learner.items():
            pl = placements.get(lid)
            chosen = None if pl is None else pl.option
            idx.extend(v.index for _, v in row)
            val.extend(int(o == chosen) for o, _ in row)
            if pl is not None and pl.option.family is not None and pl.option.slot is None:
                f, s, t = pl.option.family, pl.class_start, pl.week
                entries[f, t, self.priority(lid)] += 1
                if s == t:
                    starters[f, s] += 1
                else:
                    joiners[f, s, t] += 1
        for ft, var in self.n.n.items():
            idx.append(var.index)
            val.append(counts.get(ft, 0))
        _extend_hint(self.flows.entries, entries, idx, val)
        _extend_hint(self.flows.starters, starters, idx, val)
        _extend_hint(self.flows.joiners, joiners, idx, val)
        hint = self.cp.proto.solution_hint
        hint.vars.extend(idx)
        hint.values.extend(val)

    def extract(self, solver: cp_model.CpSolver, earliest: bool = True
                ) -> tuple[dict[str, Placement | None], dict[tuple[int, int], int]]:
        """Placements with weeks resolved.

        Per family and priority, learners get entry weeks latest-available-first (always
        possible under the Hall constraints); then per week the entrants are divided over
        starting and already-started classes by the flows (all cost the same). With
        ``earliest`` every learner then enters their class as early as they can
        (:func:`~optimizer.candidates.earliest_entries`): a solution not proven optimal may let
        a learner available at the start join later, which only costs; ``earliest=False``
        gives the solution exactly as the model values it.
        """
        chosen = self.x.chosen(solver)
        entries, starters, joiners = self.flows.extract(solver)
        placements: dict[str, Placement | None] = {}
        pending: dict[tuple[int, int], list[str]] = defaultdict(list)
        for lid, o in chosen.items():
            if o is None:
                placements[lid] = None
            elif o.family is None:
                assert o.week is not None  # a running option carries its join week
                placements[lid] = Placement(o, o.week, o.week)
            elif o.slot is not None:
                assert o.week is not None  # a fixed-start option carries its entry week
                placements[lid] = Placement(o, o.week, o.start)
            else:
                pending[o.family, self.priority(lid)].append(lid)
        avail = self.cand.avail
        entering: dict[tuple[int, int], list[str]] = defaultdict(list)
        for (f, p), lids in pending.items():
            lids.sort(key=lambda lid: (-avail[lid], lid))
            quota = sorted(((t, entries.get((f, t, p), 0)) for t in self.cand.entry_weeks(f)), reverse=True)
            pos = 0
            for t, q in quota:
                for lid in lids[pos:pos + q]:
                    if avail[lid] > t:  # cannot happen when the Hall constraints hold
                        raise AssertionError(f"learner {lid} assigned before available")
                    entering[f, t].append(lid)
                pos += q
            if pos != len(lids):
                raise AssertionError("flow does not match the family's members")
        for (f, t), lids in entering.items():
            lids.sort()
            starts = [t] * starters.get((f, t), 0)
            for s in range(max(0, t - self.cand.late_join), t):
                starts += [s] * joiners.get((f, s, t), 0)
            if len(starts) != len(lids):
                raise AssertionError("entries do not match starters and joiners")
            for lid, s in zip(lids, starts, strict=True):
                o = chosen[lid]
                assert o is not None  # pending learners chose a family option
                placements[lid] = Placement(o, t, s)
        if earliest:
            placements = earliest_entries(self.cand, placements)
        return placements, self.n.extract(solver)


_sum = cp_model.LinearExpr.sum
"""A sum of variables: faster than Python's ``sum`` for the same constraint (a search step
builds a model of thousands)."""


def _extend_hint(table: dict[K, cp_model.IntVar], values: dict[K, int], idx: list[int], val: list[int]) -> None:
    """Append each variable of ``table`` and its hinted value (0 when ``values`` lacks it)."""
    for k, var in table.items():
        idx.append(var.index)
        val.append(values.get(k, 0))


# ---- hard rules ----------------------------------------------------------------------------

@enforces("one_place")
def one_place(m: KlasModel) -> None:
    """Hard: a learner takes at most one option; taking none means waiting."""
    for row in m.x.by_learner.values():
        if len(row) > 1:
            m.cp.add_at_most_one(v for _, v in row)


@enforces("member_available", "member_late_join", "member_join_week", "member_horizon")
def flows_and_availability(m: KlasModel) -> None:
    """Hard: family-option learners enter their family in a week when a class starts or
    (within ``late_join_weeks``) after a class started, never before they are available: for
    every week tau, those available only from tau enter in weeks >= tau.

    With nested windows [available, horizon) these counting constraints are exactly the
    condition (Hall's theorem) for an assignment of learners to weeks to exist.
    """
    cand = m.cand
    J = cand.late_join
    for f, members in m.x.family_members.items():
        by_p: dict[int, list[tuple[str, cp_model.IntVar]]] = defaultdict(list)
        for lid, v in members:
            by_p[m.priority(lid)].append((lid, v))
        starts = cand.weeks[f]
        entry = cand.entry_weeks(f)
        arrivals = {cand.avail[lid] for lid, _ in members}
        route = m.problem.route_by_name[cand.families[f].route]
        for s in starts:
            m.flows.starters[f, s] = m.cp.new_int_var(0, route.max_size * cand.max_classes[f, s], f"st[{f},{s}]")
            # Joining later than one's first week is never cheaper, so joiners enter in an arrival week.
            for t in range(s + 1, min(cand.horizon, s + J + 1)):
                if t in arrivals:
                    m.flows.joiners[f, s, t] = m.cp.new_int_var(0, route.max_size * cand.max_classes[f, s],
                                                                f"jn[{f},{s},{t}]")
        for p, group in by_p.items():
            ys = {}
            for t in entry:
                ys[t] = m.cp.new_int_var(0, len(group), f"e[{f},{t},{p}]")
                m.flows.entries[f, t, p] = ys[t]
            m.cp.add(_sum(list(ys.values())) == _sum([v for _, v in group]))
            thresholds = sorted({cand.avail[lid] for lid, _ in group if cand.avail[lid] > entry[0]})
            for tau in thresholds:
                later = [v for lid, v in group if cand.avail[lid] >= tau]
                m.cp.add(_sum([ys[t] for t in entry if t >= tau]) >= _sum(later))
        prios = sorted(by_p)
        for t in entry:
            into = [m.flows.joiners[f, s, t] for s in range(max(0, t - J), t) if (f, s, t) in m.flows.joiners]
            if (f, t) in m.flows.starters:
                into.append(m.flows.starters[f, t])
            m.cp.add(_sum([m.flows.entries[f, t, p] for p in prios]) == _sum(into))


@enforces("class_size", "class_first_day")
def class_size(m: KlasModel) -> None:
    """Hard: family f starting in week s with n classes has between min*n and max*n learners
    on its first day, and at most max*n including those who join later.

    Any such counts split into n classes of allowed size, so this is exact for sizes.
    """
    routes = m.problem.route_by_name
    later: dict[tuple[int, int], list] = defaultdict(list)
    for (f, s, _t), v in m.flows.joiners.items():
        later[f, s].append(v)
    for (f, s), n in m.n.n.items():
        r = routes[m.cand.families[f].route]
        first_day = [v for o, v in m.x.slot_members.get((f, s), []) if o.week == s]
        first_day += [m.flows.starters[f, s]] if (f, s) in m.flows.starters else []
        joining = [v for o, v in m.x.slot_members.get((f, s), []) if o.week != s] + later.get((f, s), [])
        m.cp.add(sum(first_day) >= r.min_size * n)
        m.cp.add(sum(first_day) + sum(joining) <= r.max_size * n)


@enforces("class_size")
def member_needs_open_class(m: KlasModel) -> None:
    """Hard (redundant, it strengthens the LP): a learner joins a family only if a class of it
    opens in a week they can enter; a fixed-start option only if its class opens."""
    cand = m.cand
    for f, members in m.x.family_members.items():
        opened: dict[int, cp_model.LinearExpr] = {}  # per first week: the classes opening then or later
        for lid, v in members:
            first = cand.avail[lid] - cand.late_join
            if first not in opened:
                opened[first] = _sum([m.n.n[f, s] for s in cand.weeks[f] if s >= first])
            m.cp.add(v <= opened[first])
    for slot, slot_opts in m.x.slot_members.items():
        for _, v in slot_opts:
            m.cp.add(v <= m.n.n[slot])


@enforces("running_seats")
def running_seats(m: KlasModel) -> None:
    """Hard: newcomers in a running class fit its free seats."""
    for rid, members in m.x.running_members.items():
        seats = max(0, m.problem.running_by_id[rid].free_seats - m.cand.reserved_seats.get(rid, 0))
        if len(members) > seats:
            m.cp.add(sum(v for _, v in members) <= seats)


def _class_use(m: KlasModel) -> tuple[dict, dict, dict, dict]:
    """Which (family, start) classes use each (daypart, week) and (location, daypart, week),
    and the teachers and rooms free there (reserved use taken off). Computed once per model.

    A class started in week s occupies its dayparts in weeks s .. s+duration-1.
    """
    if m.use is not None:
        return m.use
    p = m.problem
    t_caps, r_caps = m.cand.caps or resource_caps(p)
    t_caps, r_caps = dict(t_caps), dict(r_caps)  # reserved use is taken off a copy
    for t_key, n in m.cand.reserved_teachers.items():  # classes fixed outside a sub-model
        t_caps[t_key] = max(0, t_caps.get(t_key, 0) - n)
    for r_key, n in m.cand.reserved_rooms.items():
        r_caps[r_key] = max(0, r_caps.get(r_key, 0) - n)
    use_t: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    use_r: dict[tuple[str, str, int], list[tuple[int, int]]] = defaultdict(list)
    for (f, s), _ in m.n.n.items():
        fam = m.cand.families[f]
        for d, t in class_occupancy(p, fam, s):
            use_t[d, t].append((f, s))
            use_r[fam.location, d, t].append((f, s))
    m.use = (use_t, t_caps, use_r, r_caps)
    return m.use


def _at_most_cap(m: KlasModel, table: dict, caps: dict) -> None:
    """Per key of ``table``: the classes using it stay within its cap."""
    seen: set[tuple] = set()
    most, n = m.cand.max_classes, m.n.n
    for key, users in table.items():
        cap = caps.get(key, 0)
        if sum(map(most.__getitem__, users)) <= cap:
            continue
        sig = (cap, *sorted(users))
        if sig in seen:  # identical constraint already added for another week
            continue
        seen.add(sig)
        m.cp.add(_sum(list(map(n.__getitem__, users))) <= cap)


@enforces("teachers")
def teachers(m: KlasModel) -> None:
    """Hard: per week and weekday-daypart, running plus new classes use at most the teachers
    available."""
    use_t, caps, _, _ = _class_use(m)
    _at_most_cap(m, use_t, caps)


@enforces("rooms")
def rooms(m: KlasModel) -> None:
    """Hard: per location, daypart and week, running plus new classes use at most its rooms."""
    _, _, use_r, caps = _class_use(m)
    _at_most_cap(m, use_r, caps)


def _opt_key(o: Option) -> tuple:
    """The class an option puts a learner in (entry weeks may differ within one class)."""
    return (o.family, o.start, o.running)


@enforces("together")
def together(m: KlasModel) -> None:
    """Hard: learners with the same "samen" id take the same class (or all wait)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for lr in m.problem.learners:
        if lr.together and lr.id in m.x.by_learner:
            groups[lr.together].append(lr.id)
    for members in groups.values():
        if len(members) < 2:
            continue
        ref = {_opt_key(o): v for o, v in m.x.by_learner[members[0]]}
        for other in members[1:]:
            mine = {_opt_key(o): v for o, v in m.x.by_learner[other]}
            for k, v in ref.items():
                m.cp.add(v == mine[k]) if k in mine else m.cp.add(v == 0)
            for k, v in mine.items():
                if k not in ref:
                    m.cp.add(v == 0)


@enforces("not_with")
def not_with(m: KlasModel) -> None:
    """Hard: "niet met" pairs never share a class. Where two or more classes of one kind open
    in one week they may share the kind; the split then puts them in different classes. Three
    learners who are each other's "niet met" share a kind only where it opens three classes
    (two cannot be split so that no pair of them meets: seen from outside, the split then failed
    and the plan fell back to the start)."""
    pairs = set()
    for lr in m.problem.learners:
        for other in lr.not_with:
            if other in m.x.by_learner and lr.id in m.x.by_learner:
                pairs.add(tuple(sorted((lr.id, other))))
    at_least: dict[tuple[tuple[int, int], int], cp_model.IntVar] = {}
    for pair in sorted(pairs):
        _kept_apart(m, pair, at_least)
    partners: dict[str, set[str]] = {}
    for a, b in pairs:
        partners.setdefault(a, set()).add(b)
        partners.setdefault(b, set()).add(a)
    for a, b in sorted(pairs):
        for c in sorted(partners[a] & partners[b]):
            if c > b:  # each triangle once, as a < b < c
                _kept_apart(m, (a, b, c), at_least)


def _kept_apart(m: KlasModel, group: tuple[str, ...], at_least: dict) -> None:
    """No class holds all of ``group`` (learners each other's "niet met"): per kind of class they
    could share, fewer than all of them in it unless it opens at least ``len(group)`` classes
    (``at_least`` keeps one such switch per kind and number)."""
    k = len(group)
    others = [{_opt_key(o): v for o, v in m.x.by_learner[x]} for x in group[1:]]
    for o, first in m.x.by_learner[group[0]]:
        key = _opt_key(o)
        rest = [row[key] for row in others if key in row]
        if len(rest) < k - 1:
            continue
        together = cp_model.LinearExpr.sum([first, *rest])
        ft = o.slot
        if o.running is not None or ft is None or m.cand.max_classes.get(ft, 1) < k:
            m.cp.add(together <= k - 1)
            continue
        if (ft, k) not in at_least:
            switch = m.cp.new_bool_var(f"multi[{ft}]" if k == 2 else f"multi{k}[{ft}]")
            m.cp.add(m.n.n[ft] >= k).only_enforce_if(switch)
            m.cp.add(m.n.n[ft] <= k - 1).only_enforce_if(~switch)
            at_least[ft, k] = switch
        m.cp.add(together <= k - 1 + at_least[ft, k])


@enforces("pin", "locked_class")
def pins_and_locks(m: KlasModel) -> None:
    """Hard: pinned learners take their pinned option (or wait); locked classes open."""
    for lid, forced in m.cand.forced.items():
        for o, v in m.x.by_learner[lid]:
            m.cp.add(v == int(forced is not None and o == forced))
    for ft, count in m.cand.locked_count.items():
        m.cp.add(m.n.n[ft] >= count)


@enforces("wait_budget")
def wait_budget(m: KlasModel) -> None:
    """Hard, only with a budget (``cand.wait_budget``): the learners' waiting weeks together
    stay within it. A learner waits ``start - since`` weeks (start >= available >= since), or
    the waiting-list weeks; family-option starts are counted on the flows."""
    cand = m.cand
    if cand.wait_budget is None:
        return
    by_id = m.problem.learner_by_id
    vars_: list[cp_model.IntVar] = []
    coeffs: list[int] = []
    constant = 0
    for lid, row in m.x.by_learner.items():
        waiting = m.problem.waitlist_weeks(by_id[lid])
        constant += waiting
        for o, v in row:
            weeks = o.week - cand.since[lid] if o.week is not None else -cand.since[lid]
            if weeks != waiting:
                vars_.append(v)
                coeffs.append(weeks - waiting)
    for (_f, t, _p), y in m.flows.entries.items():
        if t:
            vars_.append(y)
            coeffs.append(t)
    m.cp.add(cp_model.LinearExpr.weighted_sum(vars_, coeffs) <= cand.wait_budget - constant)


@enforces("misfit_cap")
def misfit_cap(m: KlasModel) -> None:
    """Hard, only with a cap (``cand.misfit_cap``): the placed learners' mean misfit stays at
    most the cap. Linear: every chosen option adds 100 x its misfit minus the cap (in
    hundredths), and the sum stays within ``cand.misfit_room`` (0 for the whole plan)."""
    cand = m.cand
    if cand.misfit_cap is None:
        return
    vars_: list[cp_model.IntVar] = []
    coeffs: list[int] = []
    for row in m.x.by_learner.values():
        for o, v in row:
            if c := cand.misfit_excess(m.problem, o):
                vars_.append(v)
                coeffs.append(c)
    m.cp.add(cp_model.LinearExpr.weighted_sum(vars_, coeffs) <= cand.misfit_room)


@enforces("placement_floor")
def placement_floor(m: KlasModel) -> None:
    """Hard, only with a floor (``cand.min_placed``): at least that many learners take a
    class (an option) rather than wait on the list."""
    if m.cand.min_placed is None or m.cand.min_placed <= 0:
        return
    m.cp.add(sum(v for row in m.x.by_learner.values() for _, v in row) >= m.cand.min_placed)


HARD_RULES = (
    one_place,
    flows_and_availability,
    class_size,
    member_needs_open_class,
    running_seats,
    teachers,
    rooms,
    together,
    not_with,
    pins_and_locks,
    wait_budget,
    misfit_cap,
    placement_floor,
)


# ---- objective -----------------------------------------------------------------------------

@enforces(*TERM_KEYS)
def objective(m: KlasModel) -> None:
    """Soft: total points of every learner's option or waiting, plus a cost per new class.

    Waiting of family-option learners is counted on the flows: p x weight x week per learner
    starting in that week; the part of their wait before week 0 is per learner.
    """
    cand = m.cand
    w = m.problem.weights
    vars_: list[cp_model.IntVar] = []
    coeffs: list[int] = []
    for lid, row in m.x.by_learner.items():
        base = cand.waitlist_cost[lid]
        for o, v in row:
            if o.week is not None:  # fixed entry week: fixed-start options and running classes
                c = cand.cost(o, o.week) - base
            else:
                c = o.static_cost - cand.wait_rate[lid] * cand.since[lid] - base
            if c:
                vars_.append(v)
                coeffs.append(c)
    for (_f, t, p), y in m.flows.entries.items():
        if t:
            vars_.append(y)
            coeffs.append(w.wait * p * t)
    if w.new_class:
        for nv in m.n.n.values():
            vars_.append(nv)
            coeffs.append(w.new_class)
    m.offset = sum(cand.waitlist_cost.values())
    # Written straight into the proto (what ``minimize`` writes for this sum, whose variables
    # are all distinct; its variable by variable copy was a tenth of a search step's model).
    m.cp.clear_objective()
    goal = m.cp.proto.objective
    goal.vars.extend([v.index for v in vars_])
    goal.coeffs.extend(coeffs)
    goal.offset = m.offset
    goal.scaling_factor = 1.0


def build_model(problem: Problem, cand: Candidates) -> KlasModel:
    cp = cp_model.CpModel()
    m = KlasModel(problem, cand, cp, Choices.create(cp, cand), ClassCounts.create(cp, cand))
    for rule in HARD_RULES:
        rule(m)
    objective(m)
    log.debug("model: %d families, %d options", len(cand.families), cand.option_count())
    return m
