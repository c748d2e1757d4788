"""Klasvormer's application services, without Qt: files, the planner's session, the simulation, the CLI.

The solver itself is :mod:`optimizer` (``help(optimizer)``); this package brings it to files,
people and years. For an analyst::

    from app.workbook import load_problem_or_raise, problem_from_frames
    from optimizer import SolveOptions, solve
    problem = load_problem_or_raise("samples/b1_aanbieder.xlsx")   # or a CSV with settings=
    plan = solve(problem, SolveOptions(time_limit=20))
    frames = plan.to_frames(problem)                              # pandas DataFrames

Wings (dependencies point one way: cli -> planner -> workbook; the simulation stands apart):

- :mod:`app.workbook`: files in and out. ``load_problem_or_raise`` (workbook, CSV with a
  settings workbook, or an edited plan workbook), ``problem_from_frames`` (pandas DataFrames),
  ``write_plan_workbook``, ``write_template``, the error workbook.
- :mod:`app.simulation`: a year of arrivals re-planned every week per policy;
  ``simulate(problem, policies, weeks=..., seeds=...)`` returns a ``SimulationResult`` (tables,
  paired differences, ``save(folder)``).
- :mod:`app.planner`: the session behind the desktop window (planning, edits, locks, projects).
- :mod:`app.cli`: the ``klasvormer`` command (``klasvormer --help``).
- :mod:`app.synth`: seeded synthetic cases, e.g. ``b1_provider(n=300, seed=1)`` or
  ``municipality(n=1000)``; :mod:`app.safefile`: atomic, private file writes.
"""
