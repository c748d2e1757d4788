"""The column-generation lower bound: never above a proven optimum, never below the trivial
bound once converged, exact where whole classes leave no choice, valid when cut short."""

from __future__ import annotations

import time
from datetime import timedelta

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer import RouteSettings, SolveOptions, solve, validate
from optimizer.candidates import build_candidates, placement_objective
from optimizer.colgen import ColumnGeneration, integral_bound, lower_bound

from .conftest import PLAN_DATE, learner, problem, unhurried
from .test_properties import problems


def _trivial(p) -> int:
    cand = build_candidates(p)
    return sum(min([cand.waitlist_cost[lid], *(cand.best_week_cost(o) for o in opts)])
               for lid, opts in cand.options.items())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_bound_never_exceeds_the_proven_optimum(p):
    plan = solve(p, SolveOptions(time_limit=5, deterministic=True, method="cp-sat"))
    b = lower_bound(p, time_limit=5)
    assert b.converged
    if plan.status == "OPTIMAL":
        assert b.value <= plan.objective
    assert b.value <= plan.objective  # any valid plan is an upper bound too
    assert b.value >= _trivial(p) - 1  # the LP prices every learner at least at their cheapest option


def _exact_bound(p, placed: int):
    """The converged bound of ``p``, asserted equal to CP-SAT's proven optimum placing ``placed``."""
    plan = solve(p, SolveOptions(time_limit=5, deterministic=True, method="cp-sat"))
    assert plan.status == "OPTIMAL"
    assert plan.figures["placed"] == placed
    b = lower_bound(p)
    assert b.converged
    assert b.value == plan.objective
    return b


def test_a_class_minimum_makes_the_bound_exact_where_the_trivial_one_is_not():
    # Three learners at 45, 50 and 55, classes of 3..4: one class, one level. The trivial bound
    # gives each their own level; the LP knows a class holds all three at one level.
    ls = [learner("d0", level=45), learner("d1", level=50), learner("d2", level=55)]
    p = problem(ls, routes=(RouteSettings("B1", min_size=3, max_size=4, max_spread=20, duration_weeks=10),))
    b = _exact_bound(p, placed=3)
    assert b.value > _trivial(p)


def test_a_household_that_cannot_share_a_class_kind_keeps_the_bound_valid():
    # d0 and d1 must share a class, but only d0 may travel to Zuidoost: the LP must not
    # place d0 there with others while d1 waits elsewhere for free.
    ls = [learner("d0", level=50, together="H"), learner("d1", level=50, together="H", max_travel=10),
          learner("d2", level=50), learner("d3", level=52, available_from=PLAN_DATE + timedelta(weeks=1))]
    p = problem(ls)
    plan = solve(p, SolveOptions(time_limit=5, deterministic=True, method="cp-sat"))
    assert plan.status == "OPTIMAL"
    b = lower_bound(p)
    assert b.value <= plan.objective


def test_a_bound_cut_short_is_still_valid():
    ls = [learner(f"d{i}", level=30 + 7 * i, available_from=PLAN_DATE + timedelta(weeks=i % 3)) for i in range(9)]
    p = problem(ls, horizon_weeks=6)
    plan = solve(p, SolveOptions(time_limit=5, deterministic=True, method="cp-sat"))
    cg = ColumnGeneration(p, build_candidates(p))
    # one LP and one pricing round (a stop, not a deadline: the first LP within a deadline already
    # past took more than GLOP's 1 ms in CI)
    early = cg.run(deadline=time.perf_counter() + 60, stop=lambda: True)
    assert early.iterations == 1
    assert early.value <= plan.objective
    assert early.value >= _trivial(p) - 1  # cut short, never below the trivial bound
    full = cg.run(deadline=time.perf_counter() + 10)  # continues where it stopped
    assert full.converged
    assert early.value <= full.value <= plan.objective


def test_solve_with_bound_seconds_reports_the_column_generation_bound():
    from app.synth import b1_provider

    p = b1_provider(50, seed=7, running=3)
    plain = solve(p, SolveOptions(time_limit=2, deterministic=True, method="lns"))  # the search proves nothing itself
    proven = solve(p, SolveOptions(time_limit=2, deterministic=True, method="lns", bound_seconds=60))
    assert proven.objective == plain.objective  # the plan is the same; only the bound changes
    assert proven.stats["colgen_converged"]  # stops at convergence, long before 60 s
    assert plain.stats["trivial_bound"] <= plain.bound
    assert plain.bound < proven.bound <= proven.objective
    assert proven.gap < plain.gap


def test_columns_hold_whole_households():
    # A household shares one class in every valid plan, so no column may hold part of one:
    # priced columns take households as units, and a plan's class that splits one is refused.
    from app.synth import b1_provider

    p = b1_provider(60, seed=3, running=2)  # three households of two
    households: dict[str, set[str]] = {}
    for lr in p.learners:
        if lr.together:
            households.setdefault(lr.together, set()).add(lr.id)
    assert any(len(m) > 1 for m in households.values())
    cg = ColumnGeneration(p, build_candidates(p))
    b = cg.run(time.perf_counter() + 60)
    assert b.converged
    in_household = {lid: frozenset(m) for m in households.values() for lid in m}
    assert any(cg.lids[i] in in_household for ents in cg.col_entries for i in cg.e.learner[ents].tolist())
    for ents in cg.col_entries:
        members = {cg.lids[i] for i in cg.e.learner[ents].tolist()}
        for lid in members & in_household.keys():
            assert in_household[lid] <= members
    # one member of a household alone is refused as a column
    k = next(k for k, units in cg.e.units.items() if units)
    ents = cg.e.units[k][0][0]
    assert not cg.add_column(k, ents[:1])
    # the households' sets priced with numpy and by the dynamic programme give the same LP
    assert len(cg.e.row_pair) > 0
    from optimizer import colgen

    old = colgen._Entries.MAX_ENUMERATED
    colgen._Entries.MAX_ENUMERATED = 0
    try:
        dp = ColumnGeneration(p, build_candidates(p))
    finally:
        colgen._Entries.MAX_ENUMERATED = old
    assert len(dp.e.row_pair) == 0 and dp.e.dp_pairs
    b_dp = dp.run(time.perf_counter() + 60)
    assert b_dp.converged
    assert abs(b_dp.lp - b.lp) <= 1e-3 * abs(b.lp)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-20, 20), max_size=5), st.lists(st.integers(-20, 20), max_size=4),
       st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2), st.integers(-30, 30)), max_size=3),
       st.integers(1, 4), st.integers(0, 4))
def test_pricing_with_households_is_exact(single_starters, single_joiners, units, lo, extra):
    # Brute force over every subset of single learners and households against the dynamic
    # programme: the cheapest class with at least ``lo`` starters and at most ``hi`` learners.
    import itertools

    import numpy as np

    from optimizer.colgen import _price_with_units

    hi = lo + extra
    units = [(a, b, r) for a, b, r in units if a + b > 0]
    items = [(1, 0, r) for r in single_starters] + [(0, 1, r) for r in single_joiners] + units
    best = None
    for mask in itertools.product((0, 1), repeat=len(items)):
        chosen = [it for it, m in zip(items, mask, strict=True) if m]
        starts, total = sum(a for a, _, _ in chosen), sum(a + b for a, b, _ in chosen)
        if starts >= lo and total <= hi:
            value = sum(r for _, _, r in chosen)
            best = value if best is None else min(best, value)
    width = 6
    sv = np.full(width, np.inf)
    sv[:len(single_starters)] = sorted(single_starters)
    jv = np.full(width, np.inf)
    jv[:len(single_joiners)] = sorted(single_joiners)
    starters = np.concatenate([[0.0], np.cumsum(sv)])
    joiners = np.concatenate([[0.0], np.cumsum(np.where(jv < 0, jv, 0.0))])
    unit_list = [(np.zeros(a + b, dtype=np.int64), a, b) for a, b, _ in units]
    found = _price_with_units(lo, hi, unit_list, [float(r) for _, _, r in units], starters, joiners)
    if best is None:
        assert found is None
        return
    assert found is not None and found[0] == best
    value, n_start, n_join, chosen_units = found
    assert n_start <= len(single_starters) and n_join <= len([r for r in single_joiners if r < 0])
    picked = sorted(single_starters)[:n_start] + sorted(single_joiners)[:n_join]
    assert sum(picked) + sum(units[u][2] for u in chosen_units) == value
    assert n_start + sum(units[u][0] for u in chosen_units) >= lo
    assert n_start + n_join + sum(units[u][0] + units[u][1] for u in chosen_units) <= hi


def test_a_household_takes_a_running_class_together_in_the_bound():
    # d0 fits the running class, d1 (level 90) does not, and two learners cannot open a class
    # of 3: the only valid plan keeps both waiting. The LP must not seat d0 alone.
    from optimizer import RunningClass

    ls = [learner("d0", level=50, together="H"), learner("d1", level=90, together="H")]
    running = (RunningClass("R1", "B1", "Centrum", "ma-ochtend", 40, 60, 2, PLAN_DATE + timedelta(weeks=20)),)
    p = problem(ls, running=running,
                routes=(RouteSettings("B1", min_size=3, max_size=4, max_spread=20, duration_weeks=10),))
    _exact_bound(p, placed=0)


def test_a_dive_gives_a_valid_plan_above_the_bound():
    from app.synth import b1_provider
    from optimizer.solve import placement_objective, valid_start

    p = b1_provider(80, seed=5, running=3)
    cand = build_candidates(p)
    cg = ColumnGeneration(p, cand)
    bound = cg.run(time.perf_counter() + 60)
    assert bound.converged
    found = cg.dive(time.perf_counter() + 60)
    assert found is not None
    placements, counts = found
    assert valid_start(p, cand, placements, counts)  # the independent validator accepts it
    assert placement_objective(p, cand, placements, counts) >= bound.value
    assert sum(pl is not None for pl in placements.values()) > 0
    assert cg.bound().value == bound.value  # the dive's fixings do not touch the proven bound
    with pytest.raises(RuntimeError):
        cg.run(time.perf_counter() + 1)


def test_a_dive_from_a_compacted_pool_keeps_the_lp_and_gives_a_valid_plan():
    """dive(keep=...) starts from an LP of only the classes of least reduced cost and those the
    LP uses: the LP keeps its value (its solution is still there), the classes left out can be
    priced again, and the dive's plan passes the validator and lies above the bound."""
    from app.synth import b1_provider
    from optimizer.solve import valid_start

    p = b1_provider(80, seed=5, running=3)
    cand = build_candidates(p)
    cg = ColumnGeneration(p, cand)
    bound = cg.run(time.perf_counter() + 60)
    assert bound.converged and cg._exact()
    before, pool = cg.obj.Value(), len(cg.cols)
    used = {(cg.col_pair[c], *cg.col_entries[c].tolist())
            for c in np.flatnonzero(cg._read(cg.cols) > 1e-6).tolist()}
    keep = 20
    assert pool > keep + len(used)
    cg._compact(keep, None)
    assert len(used) <= len(cg.cols) <= keep + len(used) < pool
    assert used <= cg.seen == {(k, *e.tolist()) for k, e in zip(cg.col_pair, cg.col_entries, strict=True)}
    assert cg._exact() and cg.obj.Value() == pytest.approx(before, rel=1e-9, abs=1e-6)

    cg = ColumnGeneration(p, cand)
    cg.run(time.perf_counter() + 60)
    assert cg._exact()
    in_use = int((cg._read(cg.cols) > 1e-6).sum())
    fork = cg.fork(keep)  # the same pool as a dive's, from this LP's solution; this LP unchanged
    assert in_use <= len(fork.cols) <= keep + in_use < len(cg.cols)
    assert fork._exact() and fork.obj.Value() == pytest.approx(cg.obj.Value(), rel=1e-9, abs=1e-6)
    found = cg.dive(time.perf_counter() + 60, keep=keep, new_columns=50)
    assert found is not None and valid_start(p, cand, *found)
    assert placement_objective(p, cand, *found) >= bound.value
    assert cg.bound().value == bound.value


def test_the_search_takes_the_dived_plan_and_its_bound(monkeypatch):
    import importlib

    from app.synth import b1_provider

    monkeypatch.setattr(importlib.import_module("optimizer.solve"), "DIVE_MIN_SECONDS", 2.0)
    p = b1_provider(80, seed=5, running=3)
    reports = []
    plan = solve(p, SolveOptions(time_limit=2.5, method="lns", workers=2, seed=1), on_progress=reports.append)
    assert validate(p, plan).ok
    # Whether the LP converges in its share depends on the machine's speed; the dive runs either way.
    assert plan.stats["dive"] not in (None, "invalid")
    assert plan.stats["colgen_bound"] <= plan.bound <= plan.objective <= plan.stats["dive"]
    bounds = [r.bound for r in reports]
    assert bounds == sorted(bounds) and bounds[-1] <= plan.objective  # once proven, progress shows it
    assert all(r.bound in (plan.stats["trivial_bound"], plan.stats["colgen_bound"]) for r in reports)


def test_large_problems_dive_in_long_runs_with_the_larger_lp_share(monkeypatch):
    """Above DIVE_LEARNERS (lowered here to keep the case small) the dive runs from
    LARGE_DIVE_MIN_SECONDS on and up to LARGE_DIVE_LEARNERS, its LP within LARGE_ROOT_SHARE of
    the time; otherwise no dive."""
    import importlib

    from app.synth import b1_provider

    s = importlib.import_module("optimizer.solve")
    monkeypatch.setattr(s, "DIVE_LEARNERS", 10)
    monkeypatch.setattr(s, "DIVE_MIN_SECONDS", 2.0)
    monkeypatch.setattr(s, "LARGE_DIVE_MIN_SECONDS", 2.0)
    assert s.dives(10, 1.0) and s.dives(80, 2.0) and not s.dives(80, 1.9) and not s.dives(s.LARGE_DIVE_LEARNERS + 1, 1e9)
    p = b1_provider(80, seed=5, running=3)
    plan = solve(p, SolveOptions(time_limit=2.5, method="lns", workers=2, seed=1))
    assert validate(p, plan).ok
    assert plan.stats["dive"] not in (None, "invalid")
    assert plan.stats["colgen_seconds"] <= s.LARGE_ROOT_SHARE * 2.5 + 0.5
    assert plan.stats["colgen_bound"] <= plan.bound <= plan.objective
    monkeypatch.setattr(s, "LARGE_DIVE_LEARNERS", 50)
    plan = solve(p, SolveOptions(time_limit=2.5, method="lns", workers=2, seed=1))
    assert validate(p, plan).ok and "dive" not in plan.stats


def test_large_problems_without_a_dive_still_get_the_lps_bound_in_long_runs(monkeypatch):
    """Above LARGE_DIVE_LEARNERS (lowered here to keep the case small) and up to
    LARGE_BOUND_LEARNERS, a run of LARGE_DIVE_MIN_SECONDS or more gives one search thread to the
    LP for the bound alone: the city case's 120 s plans reported the trivial bound (gaps 21-22%),
    with it 15-17.5% and plans as good (docs/benchmarks.md). Not in shorter runs."""
    import importlib

    from app.synth import b1_provider

    s = importlib.import_module("optimizer.solve")
    monkeypatch.setattr(s, "DIVE_LEARNERS", 10)
    monkeypatch.setattr(s, "LARGE_DIVE_LEARNERS", 50)
    monkeypatch.setattr(s, "LARGE_DIVE_MIN_SECONDS", 2.0)
    assert s.bound_only(80, 2.0) and not s.bound_only(80, 1.9) and not s.bound_only(50, 1e9)
    assert s.bound_only(s.LARGE_BOUND_LEARNERS + 1, 1e9)  # part by part there
    p = b1_provider(80, seed=5, running=3)
    asked = unhurried(monkeypatch, "_large_side")
    plan = solve(p, SolveOptions(time_limit=2, method="lns", workers=2, seed=1))
    assert asked == [2]
    assert validate(p, plan).ok and "dive" not in plan.stats
    assert plan.stats["colgen_converged"]
    assert plan.stats["trivial_bound"] < plan.stats["colgen_bound"] <= plan.bound <= plan.objective
    assert "colgen_parts" not in plan.stats  # the whole LP up to LARGE_BOUND_LEARNERS
    monkeypatch.setattr(s, "BOUND_ONLY", False)
    plan = solve(p, SolveOptions(time_limit=2, method="lns", workers=2, seed=1))
    assert asked == [2, 2]  # called, but it returns at once
    assert validate(p, plan).ok and "colgen_bound" not in plan.stats


def _side_case():
    """A problem for the side threads' tests, its candidates and its greedy start."""
    from app.synth import b1_provider
    from optimizer.greedy import greedy_plan

    p = b1_provider(80, seed=5, running=3)
    cand = build_candidates(p)
    return p, cand, greedy_plan(p, cand)


def _recorded_runs(monkeypatch, cut: int = 0):
    """``optimizer.solve`` with the bound-only LP's thresholds lowered to the side case, and the
    deadlines of every :meth:`ColumnGeneration.run` written down (the first ``cut`` runs stopped
    after one round: not converged at their shares)."""
    import importlib

    s = importlib.import_module("optimizer.solve")
    monkeypatch.setattr(s, "LARGE_DIVE_LEARNERS", 50)
    monkeypatch.setattr(s, "LARGE_DIVE_MIN_SECONDS", 5.0)
    deadlines: list[float] = []
    run = ColumnGeneration.run

    def recorded(self, deadline, *args, **kwargs):
        deadlines.append(deadline)
        if len(deadlines) <= cut:
            kwargs["stop"] = lambda: True
        return run(self, deadline, *args, **kwargs)

    monkeypatch.setattr(ColumnGeneration, "run", recorded)
    return s, deadlines


def test_the_lps_bound_thread_stops_its_lp_at_its_share_of_the_time(monkeypatch):
    """The bound-only LP runs to LARGE_ROOT_SHARE of the time limit at the latest."""
    s, deadlines = _recorded_runs(monkeypatch)
    p, cand, start = _side_case()
    stats: dict = {}
    t0 = time.perf_counter()
    found = s._large_side(p, cand, t0, 600.0, lambda: False, stats, start)
    assert deadlines == [pytest.approx(t0 + s.LARGE_ROOT_SHARE * 600.0)]
    assert stats["colgen_converged"]  # (long before)
    assert stats["colgen_bound"] <= placement_objective(p, cand, *start)
    # and the LP rounded, completed, for the search to go on from (solve._lp_rounded)
    assert found is not None and s.valid_start(p, cand, *found)
    assert stats["colgen_bound"] <= stats["lp_rounded"] == placement_objective(p, cand, *found)


def test_an_lp_cut_short_at_its_share_hands_its_rounding_to_the_search_and_goes_on_for_the_bound(monkeypatch):
    """With the search's door (``hand``): the bound-only LP, not converged by LARGE_ROOT_SHARE,
    hands its rounded solution to the search then and goes on for the bound alone to
    LATE_BOUND_SHARE of the time (XL-base-1 at 300 s: the bound 642,121 -> 651,845;
    docs/benchmarks.md). Without the door, or converged by then, it ends there as before."""
    s, deadlines = _recorded_runs(monkeypatch, cut=1)
    p, cand, start = _side_case()
    handed: list = []
    stats: dict = {}
    t0 = time.perf_counter()
    found = s._large_side(p, cand, t0, 600.0, lambda: False, stats, start, hand=handed.append)
    assert found is None  # the search has had the plan already
    # converged by the first of LATE_HANDS (a small case): its rounding handed too, no more hands
    assert deadlines == [pytest.approx(t0 + share * 600.0)
                         for share in (s.LARGE_ROOT_SHARE, s.LATE_HANDS[0], s.LATE_BOUND_SHARE)]
    assert s.LARGE_ROOT_SHARE < min(s.LATE_HANDS) <= max(s.LATE_HANDS) < s.LATE_BOUND_SHARE < 1.0
    assert len(handed) == 2 and all(h is not None and s.valid_start(p, cand, *h) for h in handed)
    assert stats["late_hands"] == [stats["lp_rounded"]] and stats["lp_rounded"] == placement_objective(p, cand, *handed[1])
    lp, at_share = stats["late_from"]
    assert lp - at_share > s.LATE_LP_GAP * lp  # (one round: far from converged)
    assert stats["colgen_converged"]  # (the LP went on, to convergence on this small case)
    assert stats["colgen_bound"] >= at_share
    assert _trivial(p) < stats["colgen_bound"] <= placement_objective(p, cand, *start)
    assert stats["colgen_bound"] <= stats["lp_rounded"]

    for door, gap in ((None, s.LATE_LP_GAP), (handed.append, 1e9)):  # no door; or near converged
        deadlines.clear()
        handed.clear()
        monkeypatch.setattr(s, "LATE_LP_GAP", gap)
        stats = {}
        found = s._large_side(p, cand, t0, 600.0, lambda: False, stats, start, hand=door)
        assert len(deadlines) == 1 and not handed  # as before: the LP ends at its share
        assert found is not None and s.valid_start(p, cand, *found) and not stats["colgen_converged"]
        assert "late_from" not in stats


def test_an_lp_still_short_at_each_late_hand_hands_its_rounding_each_time(monkeypatch):
    """Not converged at LARGE_ROOT_SHARE nor at any of LATE_HANDS: a rounding to the search at
    each (the search keeps the best), the LP on to LATE_BOUND_SHARE for the bound."""
    import importlib

    s_hands = importlib.import_module("optimizer.solve").LATE_HANDS
    s, deadlines = _recorded_runs(monkeypatch, cut=1 + len(s_hands))
    p, cand, start = _side_case()
    handed: list = []
    stats: dict = {}
    t0 = time.perf_counter()
    assert s._large_side(p, cand, t0, 600.0, lambda: False, stats, start, hand=handed.append) is None
    assert deadlines == [pytest.approx(t0 + share * 600.0)
                         for share in (s.LARGE_ROOT_SHARE, *s_hands, s.LATE_BOUND_SHARE)]
    assert len(handed) == 1 + len(s_hands) and len(stats["late_hands"]) == len(s_hands)
    assert all(h is not None and s.valid_start(p, cand, *h) for h in handed)
    assert stats["colgen_converged"] and stats["colgen_bound"] <= min(stats["late_hands"])


@pytest.mark.parametrize("pdlp", [True, False])
def test_above_large_bound_learners_the_bound_comes_part_by_part_only_without_pdlp(monkeypatch, pdlp):
    """Above LARGE_BOUND_LEARNERS (lowered here) the thread runs the whole LP by PDLP: on
    XL-base-1 at 300 s its bound and rounded LP beat the parts' (docs/benchmarks.md). Without
    PDLP (a frozen build) it runs the LP part by part, and a part larger than
    LARGE_BOUND_LEARNERS keeps its trivial bound."""
    import importlib

    from app.synth import municipality
    from optimizer.parts import _bundled, parts

    s = importlib.import_module("optimizer.solve")
    monkeypatch.setattr(s, "DIVE_LEARNERS", 10)
    monkeypatch.setattr(s, "LARGE_DIVE_LEARNERS", 50)
    monkeypatch.setattr(s, "LARGE_DIVE_MIN_SECONDS", 2.0)
    monkeypatch.setattr(s, "LARGE_BOUND_LEARNERS", 100)
    if not pdlp:
        monkeypatch.setattr(importlib.import_module("optimizer.firstorder"), "available", lambda: False)
    p = municipality(160, seed=4)
    groups = _bundled(parts(p, build_candidates(p)))
    sizes = [len(x) for x in groups]
    assert max(sizes) > 100 and sum(sizes) - max(sizes) >= 20  # a part too large, others not
    asked = unhurried(monkeypatch, "_large_side")
    plan = solve(p, SolveOptions(time_limit=2, method="lns", workers=2, seed=1))
    assert asked == [2]
    assert validate(p, plan).ok and "dive" not in plan.stats
    if pdlp:
        assert "colgen_parts" not in plan.stats
    else:
        assert plan.stats["colgen_parts"] == len(groups) - 1
    assert plan.stats["trivial_bound"] < plan.stats["colgen_bound"] <= plan.bound <= plan.objective
    assert plan.objective <= plan.stats["lp_rounded"]  # the LP(s) rounded: a start the search took or beat


def test_short_runs_leave_the_dive_out():
    from app.synth import b1_provider

    p = b1_provider(80, seed=5, running=3)
    plan = solve(p, SolveOptions(time_limit=1.5, method="lns", workers=2, seed=1))
    assert validate(p, plan).ok
    assert "dive" not in plan.stats
    # the bound alone (the ascent, issue 22) may have run in its share of the time
    assert plan.stats.get("colgen_bound", 0) <= plan.bound <= plan.objective


def test_short_runs_on_our_generators_cases_run_the_lp_for_their_bound(monkeypatch):
    # Before, the search's last thread only set the LP up there: 10 s plans on 100-300 learners
    # reported proven gaps of 23-30% where the LP converges in 2-5 s (docs/benchmarks.md).
    from app.synth import b1_provider

    p = b1_provider(80, seed=5, running=3)
    asked = unhurried(monkeypatch, "_short_side", seconds=20.0)  # (its MIP stops by 17 s)
    plan = solve(p, SolveOptions(time_limit=1.5, method="lns", workers=2, seed=1))
    assert asked == [1.5]
    assert validate(p, plan).ok and "dive" not in plan.stats
    assert plan.stats["colgen_iterations"] >= 1
    assert plan.stats["colgen_bound"] <= plan.bound <= plan.objective


@pytest.mark.parametrize("rounds", [3, 4, 6])
def test_a_dive_after_column_generation_cut_short_reads_a_current_lp_solution(rounds, capfd):
    # Column generation stopped right after the LP changed (rows or columns added, bounds set
    # in the dive) left GLOP without a solution: every value read warned "The model has been
    # changed since the solution was last computed" on stderr and was 0, so these dives
    # placed nobody. The LP is solved again before its values are read.
    from app.synth import b1_provider
    from optimizer.solve import placement_objective, valid_start

    p = b1_provider(80, seed=5, running=3)
    cand = build_candidates(p)
    cg = ColumnGeneration(p, cand)
    cg._iterate(time.perf_counter() + 60, 300, 1e-4, None, 0.5, max_iterations=rounds)
    bound = cg.bound()
    found = cg.dive(time.perf_counter() + 60)
    assert found is not None
    placements, counts = found
    assert valid_start(p, cand, placements, counts)
    assert sum(pl is not None for pl in placements.values()) > len(placements) // 2
    assert placement_objective(p, cand, placements, counts) >= bound.value
    assert "model has been changed" not in capfd.readouterr().err


def test_the_dive_leaves_its_completion_time_before_the_limit():
    """The dive's deadline is its share of the limit, or earlier by COMPLETION_RESERVE times what
    the start took (the completion runs the greedy again): a slow start must not push the solve
    past its time limit (a 1,500-learner dive ended its completion at 120.4 s of 120)."""
    import importlib

    from app.synth import b1_provider
    from optimizer.colgen import Bound

    s = importlib.import_module("optimizer.solve")
    asked: list[float] = []

    class FakeLP:
        def run(self, deadline, stop=None):
            return Bound(1, 1.0, False, 1, 0, 0.0)

        def dive(self, deadline, stop=None):
            asked.append(deadline)
            return None

    p = b1_provider(20, seed=1)
    cand = build_candidates(p)
    t0 = 1000.0
    _, share = s._shares(len(p.learners))
    for start_seconds in (0.0, 1.0, 4.0):
        stats = {"start_seconds": start_seconds}
        assert s._dive_from(p, cand, FakeLP(), t0, 10.0, lambda: False, stats) is None
        assert stats["dive"] == "none"
    assert asked[0] == pytest.approx(t0 + share * 10.0)
    assert asked[1] == pytest.approx(min(t0 + share * 10.0, t0 + 10.0 - s.COMPLETION_RESERVE))
    assert asked[2] == pytest.approx(t0 + 10.0 - 4.0 * s.COMPLETION_RESERVE)


def _fractional_lp():
    """A problem, its candidates and its converged column generation, whose LP is fractional:
    a dive from it fixes classes and solves again."""
    from app.synth import b1_provider

    p = b1_provider(60, seed=4, running=2)
    cand = build_candidates(p)
    cg = ColumnGeneration(p, cand)
    cg.run(time.perf_counter() + 20)
    return p, cand, cg


def test_the_lps_last_solution_rounds_to_a_start_without_solving_again(monkeypatch):
    """ColumnGeneration.rounded: whole classes from the LP's solution as it is (no new solve:
    GLOP's exact solve took 20 s on 1,500 learners after PDLP), none before any solve; the
    greedy completes it (solve._lp_rounded) into a plan the validator accepts, no better than
    the LP's bound; the LP is not changed, so the column generation goes on."""
    import importlib

    s = importlib.import_module("optimizer.solve")
    p, cand, cg = _fractional_lp()
    assert ColumnGeneration(p, cand).rounded() is None
    lam = cg._read(cg.cols)
    assert ((lam > 1e-6) & (lam < 1 - 1e-6)).any()  # (a fractional LP: rounding has work to do)
    monkeypatch.setattr(cg, "_solve", lambda *a: pytest.fail("rounded() solved the LP again"))
    placements, counts = cg.rounded()
    monkeypatch.undo()
    for kind, n in counts.items():
        assert 1 <= n <= cand.max_classes.get(kind, n)
        members = sum(1 for pl in placements.values()
                      if pl is not None and (pl.option.family, pl.class_start) == kind)
        assert members >= 1
    assert any(pl is None for pl in placements.values())  # fractional: some left for the greedy
    stats: dict = {}
    done = s._lp_rounded(p, cand, (placements, counts), stats)
    assert done is not None
    assert sum(pl is not None for pl in done[0].values()) > sum(pl is not None for pl in placements.values())
    plan = s.assemble_plan(p, cand, *done, "HEURISTIC", 0.0, 0.0, [], {})
    assert validate(p, plan).ok
    assert cg.bound().value <= plan.objective == stats["lp_rounded"]
    assert "lp_completed" in stats  # the greedy placed those the rounding left waiting
    before = cg.bound().value
    assert cg.run(time.perf_counter() + 20).value >= before  # the LP goes on as it was


def test_a_household_takes_running_places_together_or_not_at_all():
    """ColumnGeneration._plan_of (rounding, a dive's end): the LP ties a household's running
    places, PDLP only to its tolerance, and the seats can run out between its members: the
    rounded XL plan put one of a household in a running class and left the other waiting (the
    validator: "together group ... is split")."""
    from app.synth import b1_provider

    p = b1_provider(80, seed=17, running=3)
    cg = ColumnGeneration(p, build_candidates(p))
    at = [j for j, i in enumerate(cg.run_learner.tolist()) if i in cg.household_of]
    assert len(at) == 2 and len({int(cg.run_seat[j]) for j in at}) == 1  # one household, one class
    assert cg.household_of[int(cg.run_learner[at[0]])] == {int(cg.run_learner[j]) for j in at}
    r = int(cg.run_seat[at[0]])
    members = {cg.lids[int(cg.run_learner[j])] for j in at}

    def placed(values, seats):
        run = np.zeros(len(cg.run_vars))
        run[at] = values
        cg.seat_caps[r] = seats
        placements, _ = cg._plan_of([], run)
        return {lid for lid in members if placements[lid] is not None}

    assert placed([0.6, 0.6], 2) == members
    assert placed([0.6, 0.4], 2) == set()  # (was: the first alone)
    assert placed([0.6, 0.6], 1) == set()  # one seat for two (was: the first alone)


@pytest.mark.parametrize("on", [True, False])
def test_above_dive_learners_the_search_gets_the_rounded_lp_before_the_dive(monkeypatch, on):
    """solve._dive_from hands the search the LP's rounded, completed plan before it dives (above
    DIVE_LEARNERS, lowered here; ROUND_BEFORE_DIVE), a plan the validator accepts; the dive
    still runs after it."""
    import importlib

    from app.synth import b1_provider

    s = importlib.import_module("optimizer.solve")
    monkeypatch.setattr(s, "DIVE_LEARNERS", 10)
    monkeypatch.setattr(s, "ROUND_BEFORE_DIVE", on)
    monkeypatch.setattr(s, "LARGE_DIVE", {"keep": 20, "new_columns": 50})  # (a pool this small compacts)
    compacted: list = []
    real_compact = ColumnGeneration._compact
    monkeypatch.setattr(ColumnGeneration, "_compact",
                        lambda self, keep, deadline: (compacted.append(keep), real_compact(self, keep, deadline)))
    p = b1_provider(60, seed=4, running=2)
    cand = build_candidates(p)
    stats: dict = {}
    handed: list = []

    def hand(found):
        handed.append((found, "dive" in stats))

    dived = s._dive_from(p, cand, ColumnGeneration(p, cand), time.perf_counter(), 60.0, lambda: False, stats, hand)
    assert "dive" in stats and (dived is None or s.valid_start(p, cand, *dived))
    assert compacted == [20]  # above DIVE_LEARNERS the dive starts from the compacted pool
    if not on:
        assert handed == [] and "lp_rounded" not in stats
        return
    assert len(handed) == 1
    found, after_dive = handed[0]
    assert not after_dive and found is not None and s.valid_start(p, cand, *found)
    assert stats["colgen_bound"] <= stats["lp_rounded"] == placement_objective(p, cand, *found)


def test_every_lp_solve_in_a_dive_stops_at_the_dives_deadline():
    """Each master-LP solve of a dive (and of column generation) runs under a time limit that
    ends at the deadline, and the limit is lifted again after it: one re-solve after a dive's
    fixings took 8 s on 1,500 learners and carried the dive 14 s past its deadline."""
    p, cand, cg = _fractional_lp()

    class Recorded:
        """The LP, with its time limits written down."""

        def __init__(self, lp):
            self.lp, self.limits, self.solves = lp, [], []

        def set_time_limit(self, ms):
            self.limits.append(ms)
            self.lp.set_time_limit(ms)

        def Solve(self):
            self.solves.append(self.limits[-1] if self.limits else None)
            return self.lp.Solve()

        def __getattr__(self, name):
            return getattr(self.lp, name)

    rec = cg.lp = Recorded(cg.lp)
    deadline = time.perf_counter() + 30
    plan = cg.dive(deadline)
    assert plan is not None and len(rec.solves) >= 5
    assert all(ms is not None and 0 < ms <= 30_000 for ms in rec.solves)
    assert rec.limits[-1] == 0  # no limit after the dive's last solve


def test_columns_adopted_from_another_weighting_are_the_same_classes_and_leave_the_bound_as_it_is():
    """The frontier hands the classes the fastest end's LP used (wait-dominant weights) to the
    LP under the frontier's weights (issue 18): same members, same kind, and the converged bound
    is the LP's optimum, the same with them as without."""
    from app.synth import b1_provider
    from optimizer.frontier import fast_weights, frontier_weights

    base = b1_provider(40, seed=2)
    fast_p, p = base.with_weights(fast_weights(base.weights)), base.with_weights(frontier_weights(base.weights))
    fast = ColumnGeneration(fast_p, build_candidates(fast_p))
    fast.run(time.perf_counter() + 20)
    assert fast.converged
    used = fast.in_use()
    assert 0 < len(used) < len(fast.cols)

    cg = ColumnGeneration(p, build_candidates(p))
    assert cg.adopt(fast, used) == len(used)
    assert cg.adopt(fast, used) == 0  # once
    for c, theirs in zip(range(len(cg.cols)), used, strict=True):
        assert cg.pairs[cg.col_pair[c]] == fast.pairs[fast.col_pair[theirs]]
        mine = {cg.lids[i] for i in cg.e.learner[cg.col_entries[c]].tolist()}
        assert mine == {fast.lids[i] for i in fast.e.learner[fast.col_entries[theirs]].tolist()}
    with_them = cg.run(time.perf_counter() + 20)
    without = ColumnGeneration(p, build_candidates(p)).run(time.perf_counter() + 20)
    assert with_them.converged and without.converged
    assert abs(with_them.lp - without.lp) <= 2e-4 * abs(without.lp)  # (converged: within 1e-4 each)


def test_the_lps_values_read_at_once_are_those_read_one_by_one():
    """``ColumnGeneration._read`` reads a solution's values from one message: the same values as
    the variables one by one, after columns are appended and in a fork's rebuilt LP too."""
    import numpy as np
    from ortools.linear_solver import pywraplp

    from app.synth import b1_provider

    p = b1_provider(40, seed=2)
    cg = ColumnGeneration(p, build_candidates(p))

    def one_by_one(variables):
        return np.array([v.solution_value() for v in variables])

    cg.run(time.perf_counter() + 20, stop=lambda: True)  # one round: more columns come later
    first = len(cg.cols)
    assert np.array_equal(cg._read(cg.cols), one_by_one(cg.cols))
    assert np.array_equal(cg._read(cg.run_vars), one_by_one(cg.run_vars))
    cg.run(time.perf_counter() + 20)
    assert cg.converged and len(cg.cols) > first
    values = cg._read(cg.cols)
    assert np.array_equal(values, one_by_one(cg.cols)) and values.sum() > 0
    fork = cg.fork()
    assert fork._solve() == pywraplp.Solver.OPTIMAL
    assert np.allclose(fork._read(fork.cols), one_by_one(fork.cols))
    assert np.array_equal(cg._read(cg.cols), values)  # the original's positions still hold


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(), st.lists(st.floats(0.0, 1.0), min_size=1, max_size=3))
def test_the_bound_towards_the_trivial_duals_stays_below_the_lp_and_any_plan(p, alphas):
    """Every point of the line from the best duals to the trivial ones is a Lagrangian bound:
    never above the LP over all classes nor above a valid plan (CP-SAT's); the line's bound
    never below where it began."""
    plan = solve(p, SolveOptions(time_limit=5, deterministic=True, method="cp-sat"))
    assert validate(p, plan).ok
    cg = ColumnGeneration(p, build_candidates(p))
    early = cg.run(deadline=time.perf_counter() + 60, stop=lambda: True)  # one round
    values = [cg._price_at(cg.center.mix(cg.trivial_duals(), a))[0] for a in alphas] if cg.center else []
    line = cg.toward_trivial(time.perf_counter() + 60)
    assert line.value >= early.value >= _trivial(p) - 1
    full = cg.run(deadline=time.perf_counter() + 30)  # goes on from the same LP
    assert full.converged
    assert line.value <= full.value <= plan.objective
    assert all(v <= full.lp + 1e-6 * abs(full.lp) + 1e-3 for v in values)


def test_an_lp_cut_short_gets_a_bound_above_the_trivial_one_towards_the_trivial_duals(monkeypatch):
    """After one round the LP's best Lagrangian bound is far below the trivial one; part of the
    way towards the trivial duals it is above it (docs/benchmarks.md, "Towards the trivial duals"),
    in at most TOWARD_TRIVIAL_STEPS pricings, and the LP then converges as it would have."""
    from app.synth import b1_provider
    from optimizer.colgen import TOWARD_TRIVIAL_STEPS

    p = b1_provider(80, seed=5, running=3)
    cg = ColumnGeneration(p, build_candidates(p))
    cg.run(deadline=time.perf_counter() + 60, stop=lambda: True)
    trivial = cg.trivial_bound()
    assert cg.best_bound < trivial  # (why the line helps)
    priced = []
    price = ColumnGeneration._price_at

    def counted(self, d):
        got = price(self, d)
        priced.append(got[0])
        return got

    monkeypatch.setattr(ColumnGeneration, "_price_at", counted)
    line = cg.toward_trivial(time.perf_counter() + 60)
    monkeypatch.undo()
    assert 0 < len(priced) <= TOWARD_TRIVIAL_STEPS
    assert line.value > trivial + 1
    assert line.value == integral_bound(max(priced))  # the best point priced, as it is
    reference = ColumnGeneration(p, build_candidates(p)).run(time.perf_counter() + 60)
    full = cg.run(time.perf_counter() + 60)
    assert full.converged and reference.converged
    assert full.value == reference.value  # the LP's own bound, as without the line
    assert line.value <= full.value
    # past its deadline it prices nothing and leaves the bound as it was
    again = ColumnGeneration(p, build_candidates(p))
    before = again.run(deadline=time.perf_counter() + 60, stop=lambda: True)
    assert again.toward_trivial(time.perf_counter() - 1).value == before.value
    assert again.toward_trivial(time.perf_counter() + 60, stop=lambda: True).value == before.value  # nor once stopped
    assert again.toward_trivial(time.perf_counter() + 60).value > before.value  # (what the two above left out)


@pytest.mark.parametrize("side", ["_large_side", "_short_side"])
def test_the_bound_only_threads_go_towards_the_trivial_duals_when_their_lp_is_cut_short(monkeypatch, side):
    """The bound-only LP of long runs on many learners, and the short runs' LP."""
    import importlib

    s = importlib.import_module("optimizer.solve")
    monkeypatch.setattr(s, "LARGE_DIVE_LEARNERS", 50)
    monkeypatch.setattr(s, "LARGE_DIVE_MIN_SECONDS", 5.0)
    run = ColumnGeneration.run

    def one_round(self, deadline, *args, **kwargs):
        kwargs["stop"] = lambda: True
        return run(self, deadline, *args, **kwargs)

    monkeypatch.setattr(ColumnGeneration, "run", one_round)
    p, cand, start = _side_case()
    stats: dict = {}
    found = getattr(s, side)(p, cand, time.perf_counter(), 600.0, lambda: False, stats, start)
    # (the long runs' thread rounds its LP for the search; the short runs' leaves it)
    assert found is None if side == "_short_side" else s.valid_start(p, cand, *found)
    assert not stats["colgen_converged"]
    assert _trivial(p) + 1 < stats["colgen_bound"] <= placement_objective(p, cand, *start)


@pytest.mark.parametrize("large", [True, False])
def test_a_dive_re_solves_by_the_dual_simplex_after_its_fixings_and_by_the_primal_after_new_columns(
        monkeypatch, large):
    """After a dive's fixings only bounds changed: the basis stays dual feasible, and GLOP's dual
    simplex re-solves in a fifth of the primal's time on 1,000 learners; after new columns the
    primal simplex (docs/benchmarks.md). Up to DUAL_DIVE_LEARNERS (raised here for the case
    that is not large) the primal simplex throughout, as its dives gave better plans there."""
    import importlib

    from optimizer.colgen import GLOP_DUAL, GLOP_PRIMAL
    from optimizer.solve import valid_start

    p, cand, cg = _fractional_lp()
    monkeypatch.setattr(importlib.import_module("optimizer.colgen"), "DUAL_DIVE_LEARNERS",
                        len(p.learners) - 1 if large else len(p.learners))

    class Recorded:
        """The LP, with the settings of each solve and what changed before it written down."""

        def __init__(self, lp):
            self.lp, self.setting, self.solves, self.changed = lp, GLOP_PRIMAL, [], set()

        def SetSolverSpecificParametersAsString(self, text):
            self.setting = text
            return self.lp.SetSolverSpecificParametersAsString(text)

        def Solve(self):
            self.solves.append((self.setting, frozenset(self.changed)))
            self.changed = set()
            return self.lp.Solve()

        def NumVar(self, *args):
            self.changed.add("column")
            return self.lp.NumVar(*args)

        def Constraint(self, *args):
            self.changed.add("row")
            return self.lp.Constraint(*args)

        def __getattr__(self, name):
            return getattr(self.lp, name)

    rec = cg.lp = Recorded(cg.lp)
    found = cg.dive(time.perf_counter() + 30)
    assert found is not None and valid_start(p, cand, *found)
    after_columns = [setting for setting, changed in rec.solves if "column" in changed]
    after_bounds = [setting for setting, changed in rec.solves if not changed]
    assert after_columns and after_bounds  # (both kinds happened)
    assert set(after_columns) == {GLOP_PRIMAL}
    assert set(after_bounds) == ({GLOP_DUAL} if large else {GLOP_PRIMAL})


def test_more_dives_from_one_lp_hand_the_search_each_better_plan(monkeypatch):
    """Up to DIVE_LEARNERS, with the search's door (``hand``), solve._dive_from dives again from
    copies of the same LP with each of MORE_DIVES' settings while time allows: every dive's plan
    is checked, the search gets the first at once and then each one better than the best before,
    and the best is returned. Without time for another (DIVE_MARGIN) one dive only."""
    import importlib

    from app.synth import b1_provider

    s = importlib.import_module("optimizer.solve")
    settings_seen: list = []
    real_dive = ColumnGeneration.dive
    monkeypatch.setattr(ColumnGeneration, "dive",
                        lambda self, deadline, stop=None, **kw: (settings_seen.append(kw),
                                                                 real_dive(self, deadline, stop, **kw))[1])
    p = b1_provider(60, seed=4, running=2)
    cand = build_candidates(p)
    stats: dict = {}
    handed: list = []
    dived = s._dive_from(p, cand, ColumnGeneration(p, cand), time.perf_counter(), 600.0, lambda: False, stats,
                         handed.append)
    assert settings_seen == [{}] + [{"picks": a, "iterations": b} for a, b in s.MORE_DIVES]
    values = stats["dives"]
    assert len(values) == 1 + len(s.MORE_DIVES) and values[0] == stats["dive"]
    plans = [v for v in values if not isinstance(v, str)]
    assert plans and all(v >= stats["colgen_bound"] for v in plans)
    assert dived is not None and s.valid_start(p, cand, *dived)
    assert placement_objective(p, cand, *dived) == min(plans)
    handed_values = [placement_objective(p, cand, *h) for h in handed if h is not None]
    assert all(s.valid_start(p, cand, *h) for h in handed if h is not None)
    assert handed_values == sorted(set(handed_values), reverse=True)  # each better than the last
    assert handed_values[-1] == min(plans)

    settings_seen.clear()
    monkeypatch.setattr(s, "DIVE_MARGIN", 1e9)
    stats = {}
    s._dive_from(p, cand, ColumnGeneration(p, cand), time.perf_counter(), 600.0, lambda: False, stats, handed.append)
    assert settings_seen == [{}] and stats["dives"] == [stats["dive"]]
    settings_seen.clear()
    s._dive_from(p, cand, ColumnGeneration(p, cand), time.perf_counter(), 600.0, lambda: False, {})
    assert settings_seen == [{}]  # without the search's door: one dive, as the short runs have


def test_rounding_takes_a_class_without_the_learners_a_class_before_it_took(monkeypatch):
    """ColumnGeneration._rounded (the LP rounded for the search, a dive at its deadline): of two
    classes the LP uses that share a learner, the second is taken without them while its starters
    still fill it (PARTIAL_ROUNDING), where before it was left out with all its learners (the
    1,500-learner city case's rounded plan from 60 s of LP, completed: 364,372 -> 355,054)."""
    import importlib

    cg_mod = importlib.import_module("optimizer.colgen")
    p, cand, cg = _fractional_lp()
    members = [set(cg.e.learner[ents].tolist()) for ents in cg.col_entries]

    def rest(a: int, b: int) -> np.ndarray:
        ents = cg.col_entries[b]
        return ents[~np.isin(cg.e.learner[ents], list(members[a]))]

    a, b = next((a, b) for a in range(len(cg.cols)) for b in range(len(cg.cols))
                if cg.col_pair[a] != cg.col_pair[b] and members[a] & members[b]
                and int((~cg.e.joiner[rest(a, b)]).sum()) >= max(1, int(cg.e.min_size[cg.col_pair[b]])))
    lam = np.zeros(len(cg.cols))
    lam[a], lam[b] = 0.6, 0.5  # a first, then b
    run = np.zeros(len(cg.run_vars))
    for partial, expected in ((False, members[a]), (True, members[a] | members[b])):
        monkeypatch.setattr(cg_mod, "PARTIAL_ROUNDING", partial)
        placements, counts = cg._rounded(lam, run, set())
        placed = {i for i, lid in enumerate(cg.lids) if placements[lid] is not None}
        assert placed == expected
        for i in members[a]:  # the shared learners stay in the first class
            pl = placements[cg.lids[i]]
            assert (pl.option.family, pl.class_start) == cg.pairs[cg.col_pair[a]]
        assert counts.get(cg.pairs[cg.col_pair[b]], 0) == int(partial)
    s = importlib.import_module("optimizer.solve")
    done = s._lp_rounded(p, cand, (placements, counts), {})  # completed: a plan the validator accepts
    assert done is not None and validate(p, s.assemble_plan(p, cand, *done, "HEURISTIC", 0.0, 0.0, [], {})).ok
