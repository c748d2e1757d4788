"""``klasvormer tradeoff``: the afwegingskader, plans from fastest start to most homogeneous."""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.exits import EXIT_INTERRUPTED, EXIT_NO_PLAN, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE
from app.cli.files import (
    ProgressLine,
    load_for_planning,
    names_options,
    seconds_text,
    unwritable_reason,
    write_output,
)
from app.cli.solve import interruptible, solve_options
from app.cli.texts import err, t, table_text

if TYPE_CHECKING:
    from optimizer.plan import Plan


def cmd_tradeoff(args: argparse.Namespace) -> int:
    from optimizer.explain import no_new_class
    from optimizer.frontier import decimal, frontier, suggested_seconds
    from optimizer.tradeoff import TradeoffPoint, best_within, tradeoff_frame

    t0 = time.perf_counter()  # the time limit covers the whole sweep, reading the input included
    if args.max_wait is not None and args.max_misfit is not None:
        err(t("one_cap"))
        return EXIT_USAGE
    ready = load_for_planning(args)
    if isinstance(ready, int):
        return ready
    loaded, problem = ready
    blocked = no_new_class(problem)
    if blocked is not None:  # as solve: no new class can open, so there is nothing to weigh
        err(t("no_tradeoff", reason=blocked.text(args.lang)))
        outputs = [str(path) for path in (args.output, args.chart) if path]
        if outputs:
            err(t("nothing_written", paths=", ".join(outputs)))
        return EXIT_NO_PLAN
    stop = threading.Event()
    if not args.json:  # (seen from outside: 48 warnings, then 35 s of nothing on 3,000 learners)
        if capped_by(args) is not None:
            err(t("tradeoff_start_cap", n=len(problem.learners), path=args.input, cap=capped_by(args),
                  seconds=args.time_limit))
        else:
            err(t("tradeoff_start", n=len(problem.learners), path=args.input, points=args.points,
                  seconds=args.time_limit))
    progress = ProgressLine(not args.json and sys.stderr.isatty(),
                            waiting=lambda s: t("tradeoff_tick", s=seconds_text(s))).start()

    said: set[str] = set()

    def on_point(point, done: int, total: int) -> None:
        if not args.json:
            f = point.plan.figures
            name = point.label if isinstance(point.label, str) else point.label(args.lang)
            # the same end solved once more (the fastest end under its own wait, last)
            label = t("point_again", label=name) if name in said else name
            said.add(name)
            progress.say(t("point", done=done, total=total, label=label,
                           wait=decimal(f.get("wait_mean", 0), 1, args.lang),
                           misfit=decimal(f.get("misfit_mean", 0), 1, args.lang), travel=f.get("travel_mean", 0)))

    capped = args.max_wait is not None or args.max_misfit is not None
    # Ctrl-C ends the search with the plans found so far (written as without it, exit 130)
    budget = max(1.0, args.time_limit - (time.perf_counter() - t0))
    options = solve_options(args, budget)
    try:
        if capped:
            within = interruptible(lambda: best_within(problem, max_wait_mean=args.max_wait,
                                                       max_misfit_mean=args.max_misfit, steps=args.points,
                                                       options=options, on_point=on_point, stop=stop),
                                   stop, "stopped_plans")
            points = within.tried
        else:
            fr = interruptible(lambda: frontier(problem, args.points, options, on_point=on_point, stop=stop),
                               stop, "stopped_plans")
    finally:
        progress.end()
    sheet: list[tuple[str, Plan] | tuple[str, Plan, dict[str, Any]]] | None = None
    if capped:
        frame = tradeoff_frame(points)
    else:
        # The frontier: its points as the sweep's (chart, chosen plan) and its own frame and sheet.
        frame = fr.to_frame(args.lang)
        n = len(fr.points)
        points = [TradeoffPoint(p.label(args.lang), k / max(1, n - 1), fr.weights, p.plan)
                  for k, p in enumerate(fr.points)]
        steps = [None, *fr.steps(args.lang)][:len(fr.points)]  # no points: no steps
        sheet = [(p.label(args.lang), p.plan, {"cap": p.cap, "bound": p.bound, "gap": p.gap,
                                          "later": p.changes.later if p.changes else None,
                                          "better_fit": p.changes.better_fit if p.changes else None,
                                          "further": p.changes.further if p.changes else None,
                                          "step": step, "what_changes": p.changes_text(args.lang)})
                 for p, step in zip(fr.points, steps, strict=True)]
        for line in fr.steps(args.lang):
            err(f"  {line}")
        found, seconds = len(fr.points), args.time_limit
        # fewer plans than asked because the time ran out (as the planner's Vergelijken page says)
        if 0 < found < args.points and not stop.is_set() and time.perf_counter() - t0 >= 0.9 * seconds:
            err(t("fewer_plans", found=found, asked=args.points, s=f"{seconds:g}",
                  t=suggested_seconds(args.points, found, seconds)))
    chosen = points[len(points) // 2] if points else None
    if capped:
        chosen = within.closest
        err(_cap_message(within, args))
    if chosen is None:
        if capped or stop.is_set():
            err(t("no_plan_found"))
        else:  # the fastest end's search found no plan in its share of the time: say so, and what to try
            err(t("no_frontier", s=f"{args.time_limit:g}", t=f"{suggested_seconds(args.points, 0, args.time_limit):g}"))
        outputs = [str(path) for path in (args.output, args.chart) if path]
        if outputs:
            err(t("nothing_written", paths=", ".join(outputs)))
        return EXIT_INTERRUPTED if stop.is_set() else EXIT_NO_PLAN
    code = EXIT_OK
    written: list[str] = []  # what was written where, said after the table (as solve does)
    if args.chart:
        from app.cli.charts import tradeoff_chart

        try:
            tradeoff_chart(points, args.chart, args.lang, None if capped else [p.bound for p in fr.points])
            written.append(t("chart_written", path=Path(args.chart).resolve()))
        except OSError as exc:  # the plans are not lost for it: the workbook and the table still follow
            err(t("chart_not_written", path=args.chart, reason=unwritable_reason(Path(args.chart), exc)))
            code = EXIT_OUTPUT
    if args.output:
        from app.workbook.export import write_plan_workbook

        chosen_problem = problem.with_weights(chosen.weights)
        if write_output(lambda target: write_plan_workbook(chosen_problem, chosen.plan, target,
                                                            extras=loaded.extras,
                                                            tradeoff=sheet or [(p.label, p.plan) for p in points],
                                                            lang=args.lang, started=loaded.started,
                                                            **names_options(args)),
                        args.output, args.input):
            # which of the plans the workbook holds
            written.insert(0, t("tradeoff_plan_written", path=Path(args.output).resolve(), label=_label(chosen, args.lang)))
        else:
            code = EXIT_OUTPUT
    if capped:  # which plans keep the cap: the text line says it of the chosen one alone
        keep, cap = ("wait_mean", args.max_wait) if args.max_wait is not None else ("misfit_mean", args.max_misfit)
        frame["within_cap"] = [p.plan.is_feasible() and float(p.plan.figures.get(keep, 0.0)) <= cap + 1e-9
                               for p in points]
    frame["chosen"] = [p is chosen for p in points]  # the plan of the workbook (-o)
    if args.json:
        print(frame.to_json(orient="records", force_ascii=False, indent=2))
    else:
        print(table_text(_shown(frame.drop(columns=["chosen", "within_cap"], errors="ignore"), args.lang),
                         float_format=lambda v: f"{v:.2f}"))
        for line in written:
            print(line)
    if stop.is_set() and code == EXIT_OK:
        return EXIT_INTERRUPTED
    return code


def _label(point: Any, lang: str) -> str:
    return point.label if isinstance(point.label, str) else point.label(lang)


def _shown(frame: Any, lang: str) -> Any:
    """The printed table (``--json`` keeps the frame): objective and bound in whole points, the
    gap in percent as ``solve`` says it, and no bound nor gap where none was proven (0: the
    bounds' step did not run, e.g. after Ctrl-C)."""
    from optimizer.frontier import decimal

    if "bound" not in frame:
        return frame
    df = frame.copy()
    proven = [b is not None and b == b and b > 0 for b in df["bound"]]
    whole = [None if v is None or v != v else int(round(v)) for v in df["objective"]]
    df["objective"] = _objects(whole)
    df["bound"] = _objects([int(round(b)) if ok else None for b, ok in zip(df["bound"], proven, strict=True)])
    df["gap"] = _objects([f"{decimal(100 * g, 1, lang)}%" if ok else None
                           for g, ok in zip(df["gap"], proven, strict=True)])
    return df


def _objects(values: list[Any]) -> Any:
    """A column of ``values`` kept as they are (ints beside blanks, not floats)."""
    import pandas as pd

    return pd.Series(values, dtype=object)


def capped_by(args: argparse.Namespace) -> str | None:
    """The cap of ``--max-wait`` or ``--max-misfit`` in words, or None without one."""
    if args.max_wait is not None:
        return t("cap_wait", value=f"{args.max_wait:g}")
    if args.max_misfit is not None:
        return t("cap_misfit", value=f"{args.max_misfit:g}")
    return None


def _cap_message(within, args: argparse.Namespace) -> str:
    """One line on the capped search: the plan chosen and whether it keeps the cap."""
    from optimizer.frontier import decimal

    if args.max_wait is not None:
        cap = t("cap_wait", value=f"{args.max_wait:g}")
    else:
        cap = t("cap_misfit", value=f"{args.max_misfit:g}")
    p = within.closest
    if p is None:
        return t("cap_none", cap=cap)
    figures = t("cap_figures", label=p.label, wait=decimal(p.mean_wait, 2, args.lang),
                misfit=decimal(p.mean_misfit, 2, args.lang),
                 placed=p.plan.figures.get("placed", 0))
    if within.met:
        return t("cap_met_wait" if args.max_wait is not None else "cap_met_misfit", cap=cap, figures=figures)
    return t("cap_missed_one" if len(within.tried) == 1 else "cap_missed", cap=cap, n=len(within.tried), figures=figures)
