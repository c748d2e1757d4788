"""PDLP in a process of its own (optimizer.firstorder): the same answers as in-process, and a
failed solve (the column generation then keeps to GLOP) where the process cannot be had or dies."""

from __future__ import annotations

import numpy as np
import pytest
from ortools.linear_solver import pywraplp

from optimizer.firstorder import Worker, available, solve_here


def _lp() -> bytes:
    """min x + 2y  s.t.  x + y = 1,  x <= 0.7,  x, y >= 0: optimum 1.3 at (0.7, 0.3)."""
    from ortools.linear_solver import linear_solver_pb2

    lp = pywraplp.Solver.CreateSolver("GLOP")
    x, y = lp.NumVar(0, lp.infinity(), "x"), lp.NumVar(0, lp.infinity(), "y")
    lp.Add(x + y == 1)
    lp.Add(x <= 0.7)
    lp.Minimize(x + 2 * y)
    model = linear_solver_pb2.MPModelProto()
    lp.ExportModelToProto(model)
    return model.SerializeToString()


def _check(s) -> None:
    assert s.optimal and not s.failed
    assert s.objective == pytest.approx(1.3, abs=1e-4)
    assert s.values == pytest.approx([0.7, 0.3], abs=1e-4)
    # duals: the equality row's 2 (y's cost), the cap's -1 (x is 1 cheaper than y)
    assert s.duals == pytest.approx([2.0, -1.0], abs=1e-3)


def test_the_worker_answers_as_pdlp_in_this_process_does():
    here = solve_here(_lp(), 1e-6, 10.0, None)
    _check(here)
    w = Worker()
    try:
        there = w.solve(_lp(), 1e-6, 10.0, None)
        assert w._proc is not None and not w.broken  # (it did run elsewhere)
        _check(there)
        assert np.array_equal(there.values, here.values) and np.array_equal(there.duals, here.duals)
        warm = w.solve(_lp(), 1e-6, 10.0, (there.values, there.duals))  # again, warm
        _check(warm)
    finally:
        w.close()
    assert w._proc is None


def test_without_a_python_to_start_it_the_solve_fails(monkeypatch):
    monkeypatch.setattr("sys.executable", "/no/such/python")
    w = Worker()
    s = w.solve(_lp(), 1e-6, 10.0, None)
    assert s.failed and not s.optimal
    assert w.broken and w._proc is None


def test_a_frozen_build_has_no_worker_and_its_column_generation_keeps_to_glop(monkeypatch):
    import importlib

    from app.synth import b1_provider
    from optimizer.candidates import build_candidates
    from optimizer.colgen import ColumnGeneration

    monkeypatch.setattr(importlib.import_module("optimizer.colgen"), "PDLP_LEARNERS", 0)
    p = b1_provider(40, seed=1)
    assert ColumnGeneration(p, build_candidates(p)).first_order  # (as it is here)
    monkeypatch.setattr("sys.frozen", True, raising=False)
    assert not available()
    assert Worker().solve(_lp(), 1e-6, 10.0, None).failed
    assert not ColumnGeneration(p, build_candidates(p)).first_order


def test_a_worker_that_dies_fails_its_solve_and_starts_no_other():
    w = Worker()
    _check(w.solve(_lp(), 1e-6, 10.0, None))
    assert w._proc is not None
    w._proc.kill()
    w._proc.wait()
    assert w.solve(_lp(), 1e-6, 10.0, None).failed  # no answer from it
    assert w.broken and w._proc is None
    assert w.solve(_lp(), 1e-6, 10.0, None).failed
