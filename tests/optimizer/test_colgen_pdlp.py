"""The master LP by PDLP first, then GLOP (colgen.PDLP_LEARNERS): the bound at PDLP's approximate
duals stays valid, the LP ends where GLOP alone ends, and whatever needs an exact solution (the
dive, the columns in use) gets GLOP's."""

from __future__ import annotations

import importlib
import time

import pytest
from hypothesis import HealthCheck, given, settings

from optimizer import SolveOptions, solve, validate
from optimizer.candidates import build_candidates
from optimizer.colgen import ColumnGeneration

from .test_colgen import _trivial
from .test_properties import problems

colgen = importlib.import_module("optimizer.colgen")


@pytest.fixture
def pdlp_always(monkeypatch):
    """PDLP for every size (it starts at 800 learners otherwise)."""
    monkeypatch.setattr(colgen, "PDLP_LEARNERS", 0)


@pytest.fixture
def first_order_solves(monkeypatch):
    """Counts PDLP's solves of the master LP."""
    calls: list[bool | None] = []
    original = ColumnGeneration._solve_first_order

    def counted(self, tolerance, deadline=None):
        calls.append(original(self, tolerance, deadline))
        return calls[-1]

    monkeypatch.setattr(ColumnGeneration, "_solve_first_order", counted)
    return calls


def _case():
    from app.synth import b1_provider

    return b1_provider(80, seed=5, running=3)


def _after_pdlp(cg: ColumnGeneration, seconds: float = 60.0):
    """``cg`` run until PDLP hands the LP to GLOP (its tolerances used up), not further."""
    return cg.run(time.perf_counter() + seconds, stop=lambda: not cg._ladder)


def test_the_lp_by_pdlp_then_glop_ends_where_glop_alone_ends(pdlp_always, first_order_solves, monkeypatch):
    p = _case()
    cg = ColumnGeneration(p, build_candidates(p))
    assert cg.first_order
    first = _after_pdlp(cg)
    assert len(first_order_solves) > 1 and all(first_order_solves)
    assert _trivial(p) - 1 <= first.value
    full = cg.run(time.perf_counter() + 60)
    assert full.converged
    assert first.value <= full.value
    monkeypatch.setattr(colgen, "PDLP_LEARNERS", 10**9)  # GLOP alone
    alone = ColumnGeneration(p, build_candidates(p))
    assert not alone.first_order
    reference = alone.run(time.perf_counter() + 60)
    assert reference.converged
    # one LP, one optimum: GLOP's to its tolerance; PDLP's, where it converged, to its own
    assert full.value <= reference.lp + 1e-6 * abs(reference.lp) + 1e-3  # a bound, never above
    assert full.value >= reference.value - 2e-4 * abs(reference.value) - 1


def test_pdlp_converges_only_at_a_tolerance_as_fine_as_the_runs(pdlp_always, monkeypatch):
    """At PDLP's looser tolerance the bound may look close to its LP value without being so."""
    p = _case()
    monkeypatch.setattr(colgen, "PDLP_TOLERANCES", (1e-3,))
    cg = ColumnGeneration(p, build_candidates(p))
    b = cg.run(time.perf_counter() + 60, stop=lambda: not cg._ladder)  # PDLP at 1e-3 only
    assert not b.converged
    monkeypatch.setattr(colgen, "PDLP_TOLERANCES", (1e-3, 1e-4))
    cg = ColumnGeneration(p, build_candidates(p))
    b = cg.run(time.perf_counter() + 60, tolerance=1.0)  # a run content with PDLP's 1e-3
    assert b.converged and cg._ladder == [] and cg._worker is None  # converged by PDLP, its process ended
    assert b.value <= b.lp + abs(b.lp)  # (what 1.0 allows)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(problems())
def test_the_bound_at_pdlps_duals_never_exceeds_the_lp_nor_any_plan(pdlp_always, monkeypatch, p):
    """PDLP's duals are approximate (those of the "at most" rows may even have the wrong sign):
    the Lagrangian bound at them must still be a bound, on every shape of the property tests;
    at a far looser tolerance too, whose duals are rougher."""
    monkeypatch.setattr(colgen, "PDLP_TOLERANCES", (0.3, *colgen.PDLP_TOLERANCES))
    plan = solve(p, SolveOptions(time_limit=5, deterministic=True, method="cp-sat"))
    assert validate(p, plan).ok
    cg = ColumnGeneration(p, build_candidates(p))
    first = _after_pdlp(cg)
    assert first.value <= plan.objective
    full = cg.run(time.perf_counter() + 30)
    assert full.converged
    assert first.value <= full.value <= plan.objective


def test_pdlp_in_trouble_hands_the_lp_to_glop_for_good(pdlp_always, monkeypatch):
    p = _case()
    reference = ColumnGeneration(p, build_candidates(p)).run(time.perf_counter() + 60)
    tried = []

    def failing(self, tolerance, deadline=None):
        tried.append(tolerance)
        return None  # (numerical trouble)

    monkeypatch.setattr(ColumnGeneration, "_solve_first_order", failing)
    cg = ColumnGeneration(p, build_candidates(p))
    b = cg.run(time.perf_counter() + 60)
    assert tried == [colgen.PDLP_TOLERANCES[0]]  # once, then GLOP
    assert not cg.first_order
    assert b.converged and abs(b.value - reference.value) <= 1


def test_pdlp_stops_at_the_deadline(pdlp_always, monkeypatch):
    from optimizer.firstorder import Worker

    p = _case()
    limits = []
    original = Worker.solve

    def recorded(self, model_bytes, tolerance, time_limit, start):
        limits.append(time_limit)
        return original(self, model_bytes, tolerance, time_limit, start)

    monkeypatch.setattr(Worker, "solve", recorded)
    cg = ColumnGeneration(p, build_candidates(p))
    cg.run(time.perf_counter() + 30, stop=lambda: len(limits) >= 3)
    assert len(limits) == 3
    assert all(0 < limit <= 30 for limit in limits)


def test_pdlps_process_ends_when_glop_takes_over(pdlp_always):
    p = _case()
    cg = ColumnGeneration(p, build_candidates(p))
    cg.run(time.perf_counter() + 60, stop=lambda: cg._worker is not None)
    proc = cg._worker._proc
    assert proc is not None and proc.poll() is None  # a process of its own, running
    _after_pdlp(cg)
    assert cg._worker is None
    assert proc.wait(timeout=5) == 0  # ended, and cleanly


def test_after_pdlp_the_dive_and_the_columns_in_use_read_glops_solution(pdlp_always):
    from optimizer.solve import placement_objective, valid_start

    p = _case()
    cand = build_candidates(p)
    cg = ColumnGeneration(p, cand)
    first = _after_pdlp(cg)
    used = cg.in_use(time.perf_counter() + 60)  # GLOP solves the LP as it is
    assert used and cg._first is None
    values = cg._read(cg.cols)
    assert ((values >= -1e-9) & (values <= 1 + 1e-9)).all()  # a simplex solution, not PDLP's
    found = cg.dive(time.perf_counter() + 60)
    assert found is not None
    assert valid_start(p, cand, *found)
    assert placement_objective(p, cand, *found) >= first.value


def test_a_fork_dives_by_glop_while_the_original_goes_on_by_pdlp(pdlp_always, first_order_solves):
    p = _case()
    cg = ColumnGeneration(p, build_candidates(p))
    cg.run(time.perf_counter() + 60, stop=lambda: len(first_order_solves) >= 2)
    fork = cg.fork()
    assert fork._ladder == [] and cg._ladder  # (not shared)
    n = len(first_order_solves)
    assert fork.dive(time.perf_counter() + 60) is not None
    assert len(first_order_solves) == n  # the dive's LP solves are GLOP's
    assert cg.run(time.perf_counter() + 60).converged


def test_pdlps_duals_of_the_at_most_rows_are_cut_to_their_sign(pdlp_always):
    """A positive dual on a teacher, room, class-count or seat row (at most) would make the
    Lagrangian bound invalid; GLOP's never are, PDLP's may be."""
    import numpy as np

    p = _case()
    cg = ColumnGeneration(p, build_candidates(p))
    cg.run(time.perf_counter() + 60, stop=lambda: len(cg.cap_rows) > 0 or not cg._ladder)
    assert cg.cap_rows and cg.seat_rows  # (rows to test)
    n, m = cg.lp.NumVariables(), cg.lp.NumConstraints()
    y = np.linspace(-5.0, 5.0, m)
    cg._first = (np.zeros(n), y, 0.0)
    d = cg._duals()
    assert (d.cap <= 0).all() and (d.count <= 0).all() and (d.seats <= 0).all()
    assert d.wait <= 0 and d.floor <= 0
    assert np.array_equal(d.pi, y[[row.index() for row in cg.one]])  # equality rows: as they are
    assert (y[[row.index() for row in cg.cap_rows.values()]] > 0).any()  # (some were cut)


def test_rounding_after_pdlp_reads_its_last_solution_with_later_columns_at_zero(pdlp_always, monkeypatch):
    """ColumnGeneration.rounded after the PDLP phase: PDLP's solution (no GLOP solve), also once
    columns entered after it (they count 0); the completed plan passes the validator."""
    s = importlib.import_module("optimizer.solve")
    p = _case()
    cand = build_candidates(p)
    cg = ColumnGeneration(p, cand)
    cg.run(time.perf_counter() + 60, stop=lambda: cg.iterations >= 3)  # (PDLP's solutions only)
    assert cg._ladder and cg._solve_first_order(1e-3) is True  # PDLP's solution of the LP as it is now
    assert cg._first is not None
    monkeypatch.setattr(cg, "_solve", lambda *a: pytest.fail("rounded() solved the LP by GLOP"))
    first = cg.rounded()
    assert first is not None
    # a column more since PDLP's last solution (GLOP's and PDLP's solutions are then stale)
    added = next(k for k in range(len(cg.cols)) if len(cg.col_entries[k]) > 1
                 and cg.add_column(cg.col_pair[k], cg.col_entries[k][:-1]))
    assert added is not None and cg._stale and cg._first is None and len(cg._warm[0]) < cg.lp.NumVariables()
    again = cg.rounded()
    assert again == first  # the new column at 0
    monkeypatch.undo()
    stats: dict = {}
    done = s._lp_rounded(p, cand, again, stats)
    assert done is not None
    assert validate(p, s.assemble_plan(p, cand, *done, "HEURISTIC", 0.0, 0.0, [], {})).ok
    assert cg.bound().value <= stats["lp_rounded"]
    cg.close()
    assert cg._worker is None


def test_a_dive_cut_off_in_pdlps_phase_compacts_from_pdlps_last_solution(pdlp_always, monkeypatch):
    """A run stopped by its deadline has added columns after PDLP's last solve: the dive's pool
    is chosen from that solution (columns added since at 0), without a GLOP solve of the whole
    pool first (60 s on XL-base-1, docs/benchmarks.md); every class PDLP used stays. Once GLOP
    has solved after it, PDLP's older solution is not used."""
    import numpy as np

    from optimizer.candidates import placement_objective
    from optimizer.solve import valid_start

    p = _case()
    cand = build_candidates(p)
    cg = ColumnGeneration(p, cand)
    bound = cg.run(time.perf_counter() + 60, stop=lambda: cg.iterations >= 3)
    assert cg._ladder and cg._solve_first_order(1e-3) is True
    used = {(cg.col_pair[c], *cg.col_entries[c].tolist()) for c in np.flatnonzero(cg._read(cg.cols) > 1e-6).tolist()}
    added = next(k for k in range(len(cg.cols)) if len(cg.col_entries[k]) > 1
                 and cg.add_column(cg.col_pair[k], cg.col_entries[k][:-1]))
    assert added is not None and not cg._solved
    pool, keep = len(cg.cols), 10
    assert pool > keep + len(used)
    with monkeypatch.context() as m:
        m.setattr(cg, "_solve", lambda *a: pytest.fail("the pool was chosen after a GLOP solve"))
        cg._compact(keep, None)
    assert len(cg.cols) <= keep + len(used) < pool
    assert used <= {(k, *e.tolist()) for k, e in zip(cg.col_pair, cg.col_entries, strict=True)}
    found = cg.dive(time.perf_counter() + 60, new_columns=50)
    assert found is not None and valid_start(p, cand, *found)
    assert placement_objective(p, cand, *found) >= bound.value

    cg = ColumnGeneration(p, cand)
    cg.run(time.perf_counter() + 60, stop=lambda: cg.iterations >= 3)
    assert cg._solve_first_order(1e-3) is True and cg._exact()  # GLOP's solution after PDLP's
    next(k for k in range(len(cg.cols)) if len(cg.col_entries[k]) > 1
         and cg.add_column(cg.col_pair[k], cg.col_entries[k][:-1]))
    assert not cg._latest()  # neither is the LP's own now
    cg.close()
