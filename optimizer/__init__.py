"""Klasvormer optimizer: homogeneous classes with start dates, as a pure Python library.

No Qt, no Excel: build a :class:`Problem` (or load one with
``app.workbook.importer.load_problem_or_raise``), call :func:`solve`, and read the :class:`Plan`::

    from app.workbook.importer import load_problem_or_raise
    from optimizer import SolveOptions, solve, validate
    problem = load_problem_or_raise("samples/b1_aanbieder.xlsx")
    plan = solve(problem, SolveOptions(time_limit=20))
    print(plan.summary())
    assert validate(problem, plan).ok

:class:`SolveOptions` holds every setting (time limit, threads, seed, deterministic mode, method,
caps); ``solve(problem, SolveOptions(time_limit=20, bound_seconds=30))`` adds a proven lower bound (column generation, see
``colgen.py``): ``plan.gap`` is then how far the plan can be from the best possible at most.
``lower_bound(problem, time_limit)`` gives that bound alone.
``frontier(problem, 5, SolveOptions(time_limit=60))`` gives the afwegingskader: distinct plans from the fastest start to
the most homogeneous, each with its proven gap (``frontier.py``).
"""

from .colgen import Bound, lower_bound
from .dayparts import ALL_DAYPARTS, format_dayparts, parse_dayparts
from .domain import (
    PRESETS,
    WAITLIST,
    ClassSpec,
    Learner,
    Location,
    Problem,
    ProblemError,
    RouteSettings,
    RunningClass,
    Schedule,
    Weights,
    preset,
)
from .frontier import Frontier, FrontierPoint, frontier
from .messages import Message, set_language
from .options import SolveOptions
from .plan import Assignment, Plan, PlannedClass, Progress
from .solve import solve
from .travel import TravelSettings
from .validate import Report, validate

__all__ = [
    "ALL_DAYPARTS",
    "PRESETS",
    "WAITLIST",
    "Assignment",
    "Bound",
    "ClassSpec",
    "Learner",
    "Location",
    "Message",
    "Plan",
    "PlannedClass",
    "Problem",
    "ProblemError",
    "Progress",
    "Report",
    "RouteSettings",
    "RunningClass",
    "Schedule",
    "SolveOptions",
    "TravelSettings",
    "Weights",
    "Frontier",
    "FrontierPoint",
    "format_dayparts",
    "frontier",
    "lower_bound",
    "parse_dayparts",
    "preset",
    "set_language",
    "solve",
    "validate",
]
