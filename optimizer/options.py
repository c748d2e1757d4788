"""The solver's settings as one value: :class:`SolveOptions`.

Every way of planning (:func:`~optimizer.solve.solve`, the frontier, the trade-off sweep, the
simulation's policies, the GUI's requests, the CLI) passes one ``SolveOptions`` on instead of
repeating a dozen keyword arguments; ``dataclasses.replace`` varies one field::

    solve(problem, SolveOptions(time_limit=20))
    solve(problem, replace(options, max_wait_mean=9.0), warm_start=plan)

What a run *does* while it runs (``stop``, ``on_progress``, ``warm_start``, ``log_callback``)
stays a keyword of the call: those are not settings but the caller's hooks and data.
"""

from __future__ import annotations

import math
import numbers
import time
from dataclasses import dataclass

from .fielddoc import with_field_docs

METHODS = ("auto", "cp-sat", "lns", "lns+cp-sat")
"""The solve methods; "auto" picks the full model or the neighbourhood search by size
(:data:`optimizer.solve.FULL_MODEL_OPTIONS`)."""


@with_field_docs
@dataclass(frozen=True)
class SolveOptions:
    """How to solve: time, threads, randomness, method, and caps that make a figure a hard rule."""

    time_limit: float = 30.0
    """Seconds for the plan (in deterministic mode: CP-SAT's deterministic time units). For the
    frontier and the trade-off sweep: the seconds of all their solves together, each solve given
    at least 0.5 s, so a total below that per solve runs over (a 3-point frontier or
    ``best_within`` of the sample at 0.5 s: about 2 s)."""
    deterministic: bool = False
    """The same plan for the same input on every run and machine (time then counts in
    deterministic units, one search thread, no column-generation dive; the frontier's points
    too, their bounds may differ)."""
    seed: int = 0
    """Random seed of CP-SAT and of the neighbourhood search."""
    workers: int | None = None
    """Solver threads; None: CP-SAT's 8, the neighbourhood search's 2."""
    method: str = "auto"
    """"auto", "cp-sat" (full model), "lns" (neighbourhood search) or "lns+cp-sat" (search, then
    the full model for the last part of the time, for a bound); see :data:`METHODS`."""
    regroup: bool = True
    """The exact level regrouping after the search (``regroup.py``); False to measure its gain."""
    bound_seconds: float = 0.0
    """Extra seconds after the plan for a proven lower bound by column generation
    (``colgen.py``); ``plan.bound`` and ``plan.gap`` then say how far the plan can be from the
    best possible at most. 0: none."""
    max_wait_mean: float | None = None
    """The mean waiting weeks as a hard cap (an epsilon constraint, for
    :func:`~optimizer.tradeoff.best_within`). The search only moves between plans that keep it:
    give a ``warm_start`` that does, or the start is completed up to the cap where that can be.
    A plan that still breaks a cap (this, ``max_misfit_mean`` or ``min_placed``) says so in its
    ``diagnosis`` (``diag_cap_*``) and ``stats["caps_met"]`` is False."""
    max_misfit_mean: float | None = None
    """The same for the placed learners' mean misfit (level points)."""
    min_placed: int | None = None
    """At least this many learners placed in a class (the frontier's floor: as many as its
    fastest plan places)."""

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise ValueError(f"unknown method {self.method!r}; one of {', '.join(METHODS)}")
        for name in ("time_limit", "bound_seconds", "max_wait_mean", "max_misfit_mean"):
            value = getattr(self, name)
            if value is None and name.startswith("max_"):
                continue
            if isinstance(value, bool) or not isinstance(value, numbers.Real):
                raise TypeError(f"{name} must be a number, not {value!r}")
            if math.isnan(value):  # a solve with time_limit=nan never ended
                raise ValueError(f"{name} must be a number, not nan")
            if value < 0 and not name.startswith("max_"):
                raise ValueError(f"{name} must be 0 or more seconds, not {value!r}")


class RunClock:
    """The time of a run made of several solves (the frontier, the trade-off sweep): the
    clock's, or in deterministic runs ``t0`` plus the seconds handed to the solves so far. Their
    limits count in deterministic units there, so no plan may depend on how fast the machine
    is: shared out by the clock, a slower machine gave the later solves other limits and other
    plans (the frontier one point in one run and three in the next)."""

    def __init__(self, deterministic: bool) -> None:
        self.deterministic = deterministic
        self.t0 = time.perf_counter()
        self.handed = 0.0

    def now(self) -> float:
        return self.t0 + self.handed if self.deterministic else time.perf_counter()

    def hand(self, seconds: float) -> float:
        """Count ``seconds`` given to a solve; returns them."""
        self.handed += seconds
        return seconds
