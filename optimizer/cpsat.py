"""Small safety wrappers around CP-SAT calls, shared by the full model and the search."""

from __future__ import annotations

from ortools.sat.python import cp_model


def no_sigint(solver: cp_model.CpSolver) -> cp_model.CpSolver:
    """``solver`` without CP-SAT's SIGINT handler (``catch_sigint_signal``, on by default). The
    handler replaces Python's while a solve runs, so Ctrl-C never reached the command, and with
    solves in several threads (the search, the bound) one solve's handler outlived it: Ctrl-C
    then aborted the process ("terminate called after throwing an instance of
    'std::bad_function_call'", exit 134, no plan written)."""
    solver.parameters.catch_sigint_signal = False
    return solver


def solve_guarded(solver: cp_model.CpSolver, cp: cp_model.CpModel,
                  callback: cp_model.CpSolverSolutionCallback | None = None) -> cp_model.CpSolverStatus:
    """``solver.solve(cp, callback)``, safe for models infeasible at the root.

    CP-SAT 9.x aborts the whole process ("Check failed: heuristics.fixed_search != nullptr")
    when interleaved search with two or more workers (our deterministic mode) meets a model its
    first propagation proves infeasible, e.g. an impossible cap or contradictory locks. A short
    single-worker probe finds that first; such a model is then solved by one worker, which
    reports INFEASIBLE like any other.

    CP-SAT's own Ctrl-C handler is switched off (:func:`no_sigint`): the callers stop a solve
    by their ``stop`` flag."""
    prm = solver.parameters
    no_sigint(solver)
    if not (prm.interleave_search and prm.num_workers > 1):
        return solver.solve(cp, callback) if callback is not None else solver.solve(cp)
    probe = cp_model.CpSolver()
    probe.parameters.copy_from(prm)
    probe.parameters.interleave_search = False
    probe.parameters.num_workers = 1
    # enough for presolve and the root propagation; with a hint the first solution ends it at once
    probe.parameters.max_deterministic_time = min(1.0, prm.max_deterministic_time)
    probe.parameters.stop_after_first_solution = True
    probe.parameters.max_time_in_seconds = min(prm.max_time_in_seconds, 5.0)
    probe.parameters.log_search_progress = False
    if probe.solve(cp) == cp_model.INFEASIBLE:
        workers = prm.num_workers
        prm.interleave_search, prm.num_workers = False, 1
        try:
            return solver.solve(cp, callback) if callback is not None else solver.solve(cp)
        finally:
            prm.interleave_search, prm.num_workers = True, workers
    return solver.solve(cp, callback) if callback is not None else solver.solve(cp)
