"""``klasvormer solve``: one plan, written as a plan workbook (and JSON on request)."""

from __future__ import annotations

import argparse
import json
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.cli.exits import (
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_NO_PLAN,
    EXIT_OK,
    EXIT_OUTPUT,
)
from app.cli.files import (
    ProgressLine,
    held_line,
    is_reimport,
    load_for_planning,
    names_options,
    print_capped,
    write_output,
)
from app.cli.texts import err, t
from optimizer.options import SolveOptions


def cmd_solve(args: argparse.Namespace) -> int:
    from optimizer import ProblemError, validate

    ready = load_for_planning(args)
    if isinstance(ready, int):
        return ready
    loaded, problem = ready
    reimport = is_reimport(loaded)
    progress = ProgressLine(not args.json and (sys.stderr.isatty() or args.progress))
    stop = threading.Event()
    if not args.json:
        if reimport:
            n = len(loaded.plan_edits)
            err(t("reimport", path=args.input, n=n) if n else t("reimport_unedited", path=args.input))
            held = held_line(problem)
            if held:
                err(held)
        bound = t("solving_bound", seconds=args.bound_time) if args.bound_time > 0 else ""
        err(t("solving", n=len(problem.learners), path=args.input, seconds=args.time_limit, bound=bound))
    progress.start()
    try:
        try:
            plan = _solve_interruptible(problem, args, progress, stop)
        except ProblemError as exc:
            progress.end()
            print_capped([t("problem", problem=p) for p in exc.problems], args.max_messages, "more_errors")
            return EXIT_INPUT
    finally:
        progress.end()
    report = validate(problem, plan) if plan.is_feasible() else None
    if report is not None and not report.ok:  # never hand out a plan that breaks a rule
        err(t("plan_breaks_rules", report=report))
        return EXIT_NO_PLAN
    # no teachers at all: only running classes can take anyone, which is no plan (the summary says why)
    code = EXIT_OK if plan.is_feasible() and plan.blocked is None else EXIT_NO_PLAN
    changes = None
    if reimport and plan.is_feasible():
        from app.workbook.reimport import replan_report

        changes = replan_report(problem, loaded.plan_edits, plan)
    if code == EXIT_OK and args.output:
        from app.workbook.export import write_plan_workbook

        if not write_output(lambda target: write_plan_workbook(problem, plan, target, extras=loaded.extras,
                                                                changes=changes, lang=args.lang,
                                                                started=loaded.started, **names_options(args)),
                             args.output, args.input):
            return EXIT_OUTPUT
    written = code == EXIT_OK and bool(args.output)
    if args.json:
        out = plan_json(plan, args.output if written else None)
        if changes is not None:
            out["changes"] = changes_json(changes)
        print(json.dumps(out, ensure_ascii=False, indent=2, default=str))
    else:
        print(plan.summary(args.lang))
        if changes is not None:
            print("\n".join(changes.lines(args.lang)))
        if written:
            print(t("plan_written", path=Path(args.output).resolve()))
    why = not_written(plan, args.output) if code == EXIT_NO_PLAN else None
    if why:  # after the summary: no plan file, and why (seen from outside: exit 3 and silence)
        err(why)
    if stop.is_set() and code == EXIT_OK:
        return EXIT_INTERRUPTED
    return code


_BLOCKED = {"diag_no_teachers": ("blocked_what_teachers", "blocked_fix_teachers"),
            "diag_no_rooms": ("blocked_what_rooms", "blocked_fix_rooms")}
"""Per diagnosis that keeps every new class from opening: what is missing and where to fill it in."""


def not_written(plan, output: str | None) -> str | None:
    """Why ``solve`` wrote no plan workbook to ``output`` (exit 3): no new class can open (no
    teachers, or no rooms: which sheet to fill in), or no plan was found (then only that nothing
    was written, the summary says why; None without ``output``)."""
    blocked = plan.blocked if plan.is_feasible() else None
    if blocked is None:
        return t("plan_not_written", path=output) if output else None
    what, fix = _BLOCKED[blocked.key]
    key = "blocked_not_written" if output else "blocked_no_plan"
    return t(key, path=output, what=t(what), fix=t(fix))


def solve_options(args: argparse.Namespace, time_limit: float | None = None) -> SolveOptions:
    """The solver's settings on the command line (``--time-limit`` unless ``time_limit`` is given,
    ``--deterministic``, ``--seed``, ``--workers``, ``--bound-time`` where the command has it)."""
    return SolveOptions(time_limit=args.time_limit if time_limit is None else time_limit,
                        deterministic=args.deterministic, seed=args.seed, workers=args.workers,
                        bound_seconds=getattr(args, "bound_time", 0.0))


def _solve_interruptible(problem, args, progress, stop):
    from optimizer import solve

    return interruptible(lambda: solve(problem, solve_options(args), on_progress=progress, stop=stop), stop)


def interruptible(work: Callable[[], Any], stop: threading.Event, stopped: str = "stopped") -> Any:
    """``work()`` in a thread of its own; Ctrl-C sets ``stop`` (the work then ends early with the
    best it has), says ``stopped`` and waits for the result. A second Ctrl-C ends the command.

    The main thread waits on an Event, not on Thread.join: a Ctrl-C inside join(timeout) can
    leave the thread looking ended on Python 3.11 (seen from outside: "Onverwachte fout:
    KeyError: 'plan'", or the interpreter leaving during the solve: "terminate called after
    throwing an instance of 'std::bad_function_call'", exit 134, no plan)."""
    result: dict[str, Any] = {}
    finished = threading.Event()

    def run() -> None:
        try:
            result["value"] = work()
        except BaseException as exc:  # re-raised in the main thread
            result["error"] = exc
        finally:
            finished.set()

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    try:
        while not finished.wait(0.1):
            pass
    except KeyboardInterrupt:
        stop.set()
        err(t(stopped))
        while not finished.wait(0.1):
            pass
    if "error" in result:
        raise result["error"]
    return result["value"]


def plan_json(plan, output: str | None) -> dict[str, Any]:
    """The plan for ``--json``: figures and classes, the waiting list with reasons, and one row per
    learner with the names and values of ``plan.to_frames()["learners"]`` (start date and week of
    each learner: a late joiner starts after the class; wait, travel, misfit)."""
    return {
        "status": plan.status,
        "objective": plan.objective,
        "bound": plan.bound,
        "gap": plan.gap if plan.gap != float("inf") else None,
        "runtime_seconds": round(plan.runtime, 3),
        "terms": plan.terms,
        "figures": plan.figures,
        "diagnosis": [m.text() for m in plan.diagnosis],
        "classes": [
            {"id": c.id, "route": c.route, "location": c.location, "schedule": c.schedule,
             "start_week": c.start_week, "start_date": c.start_date.isoformat(), "level": c.level, "size": c.size,
             "running": c.running, "members": list(c.members)}
            for c in plan.classes
        ],
        "waiting": [{"id": a.learner_id, "reason": a.reason.text() if a.reason else None} for a in plan.waiting()],
        "learners": [
            {"learner_id": a.learner_id, "class_id": a.class_id, "start_week": a.start_week,
             "start_date": a.start_date.isoformat() if a.start_date else None, "wait_weeks": a.wait_weeks,
             "travel_minutes": a.travel_minutes, "misfit": a.misfit,
             "waiting_reason": a.reason.text() if a.reason else None}
            for a in plan.assignments.values()
        ],
        "output": str(output) if output else None,
    }


def changes_json(report) -> list[dict[str, Any]]:
    return [{"what": c.what, "id": c.subject, "kind": c.kind, "from": c.old, "to": c.new, "reason": c.reason}
            for c in report.changes]
