"""The ``klasvormer`` command: plans, trade-off studies and templates without a screen.

Exit codes (stable, for scripts):
  0  success
  1  the input has errors (listed on stderr; see --errors for an error workbook)
  2  wrong command-line usage
  3  no valid plan exists with these settings (the diagnosis is printed)
  4  the output file could not be written
  130 interrupted (Ctrl-C); a partial result is kept where possible
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_NO_PLAN, EXIT_OUTPUT, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "b1_aanbieder.xlsx"
DEFAULT_OUT = ROOT / "out" / "plan_b1_aanbieder.xlsx"


def _err(text: str) -> None:
    print(text, file=sys.stderr)


class _ProgressLine:
    """One updating status line on stderr (only on a terminal, unless forced)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.last = 0.0

    def __call__(self, p: Any) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last < 0.2:
            return
        self.last = now
        gap = f"{100 * p.gap:5.1f}%" if p.gap != float("inf") else "   - "
        sys.stderr.write(f"\r  {p.elapsed:6.1f} s  doelfunctie {p.objective:>10.0f}  ondergrens {p.bound:>10.0f}  gat {gap}")
        sys.stderr.flush()

    def end(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def _load(path: str, args: argparse.Namespace):  # -> ImportResult, or the exit code when the input has errors
    from app.importer import load_problem

    result = load_problem(path)
    errors = [i for i in result.issues if i.severity == "fout"]
    warnings = [i for i in result.issues if i.severity != "fout"]
    for issue in warnings[: args.max_messages]:
        _err(f"waarschuwing: {issue}")
    if len(warnings) > args.max_messages:
        _err(f"... en nog {len(warnings) - args.max_messages} waarschuwingen")
    if errors or result.problem is None:
        for issue in errors[: args.max_messages]:
            _err(f"fout: {issue}")
        if len(errors) > args.max_messages:
            _err(f"... en nog {len(errors) - args.max_messages} fouten")
        written = _write_errors(path, result.issues, args.errors) if getattr(args, "errors", None) else True
        _err(f"{path}: {len(errors)} fout(en); er is geen plan gemaakt. Herstel de fouten en probeer opnieuw.")
        return EXIT_INPUT if written else EXIT_OUTPUT
    return result


def _write_errors(path: str, issues, target: str) -> bool:
    """Write the error workbook to ``target``; False (after a message naming the path) when it cannot."""
    from app.errors_workbook import write_error_workbook

    try:
        write_error_workbook(path, issues, target)
    except OSError as exc:  # WriteError: a folder, a path under a file, no permission, the input itself
        _err(f"Kan de foutenwerkmap niet schrijven naar {target}: {_unwritable_reason(Path(target), exc)} "
             "Geef met --errors een bestandsnaam (.xlsx) in een map waarin u mag schrijven.")
        return False
    _err(f"Foutenwerkmap geschreven: {target}")
    return True


def _unwritable_reason(target: Path, exc: OSError) -> str:
    if target.is_dir():
        return "dat is een map, geen bestand."
    for parent in target.parents:
        if parent.exists():
            if not parent.is_dir():
                return f"'{parent}' is een bestand, geen map."
            break
    return str(exc).rstrip(".") + "."


def _apply_options(problem, args: argparse.Namespace):
    from dataclasses import replace

    from optimizer import preset

    if getattr(args, "preset", None):
        problem = problem.with_weights(replace(preset(args.preset), move=problem.weights.move,
                                               new_class=problem.weights.new_class))
    if getattr(args, "horizon", None):
        problem = replace(problem, horizon_weeks=args.horizon)
    return problem


def _stop_on_interrupt() -> threading.Event:
    return threading.Event()


def _same_file(a: str, b: str | None) -> bool:
    return b is not None and Path(a).resolve() == Path(b).resolve()


def _names_check(args: argparse.Namespace, extras) -> bool:
    """--houd-kolom only with --zonder-namen, and only columns the input has (not names, notes)."""
    keep = getattr(args, "houd_kolom", None) or []
    if not keep:
        return True
    if not getattr(args, "zonder_namen", False):
        _err("--houd-kolom kan alleen samen met --zonder-namen.")
        return False
    from app.export import pseudonymous_extras

    try:
        pseudonymous_extras(extras, keep)
    except ValueError as exc:
        _err(str(exc))
        return False
    return True


def _names_options(args: argparse.Namespace) -> dict[str, Any]:
    return {"pseudonymise": bool(getattr(args, "zonder_namen", False)),
            "keep_columns": tuple(getattr(args, "houd_kolom", None) or ())}


def _write_plan(write: Callable[[Path], Any], output: str, input_path: str) -> bool:
    """Write the plan with ``write(target)`` to ``output``; True when that worked.

    When it fails (open in Excel, a folder that cannot be written), the computed plan is not
    lost: it is written as ``plan_<input>_<time>.xlsx`` next to the input, else in the current
    folder, else in the temporary folder, and stderr says where. The caller still exits 4.
    """
    from app.xlsx_util import WriteError

    try:
        write(Path(output))
        return True
    except WriteError as exc:  # a whole sentence that already says what to do
        _err(f"Kan {output} niet schrijven: {exc}")
    except OSError as exc:
        _err(f"Kan {output} niet schrijven: {exc.strerror or exc}. Is het bestand open in Excel?")
    stamp = time.strftime("%Y%m%d-%H%M%S")
    name = f"plan_{Path(input_path).stem}_{stamp}"
    folders: list[Path] = []
    for folder in (Path(input_path).resolve().parent, Path.cwd(), Path(tempfile.gettempdir())):
        if folder not in folders:
            folders.append(folder)
    for folder in folders:
        target = folder / f"{name}.xlsx"
        n = 1
        while target.exists():  # never overwrite an earlier fallback
            n += 1
            target = folder / f"{name}_{n}.xlsx"
        try:
            write(target)
        except OSError:
            continue
        _err(f"Het berekende plan is in plaats daarvan bewaard als {target}")
        return False
    _err("Het berekende plan kon ook niet naast de invoer, in de huidige map of in de tijdelijke map "
         "worden bewaard. Kies met -o een map waarin u mag schrijven en probeer opnieuw.")
    return False


def cmd_solve(args: argparse.Namespace) -> int:
    from optimizer import ProblemError, validate

    if _same_file(args.input, args.output):
        _err(f"{args.output} is het invoerbestand; kies een andere naam voor het plan (de invoer wordt nooit overschreven).")
        return EXIT_OUTPUT
    loaded = _load(args.input, args)
    if isinstance(loaded, int):
        return loaded
    if not _names_check(args, loaded.extras):
        return EXIT_USAGE
    problem = _apply_options(loaded.problem, args)
    progress = _ProgressLine(not args.json and (sys.stderr.isatty() or args.progress))
    stop = threading.Event()
    if not args.json:
        _err(f"{len(problem.learners)} deelnemers ingelezen uit {args.input}; optimaliseren "
             f"(max {args.time_limit:g} s"
             + (f", daarna {args.bound_time:g} s voor de ondergrens" if args.bound_time > 0 else "")
             + ", Ctrl-C stopt met het beste plan tot nu toe)...")
    try:
        try:
            plan = _solve_interruptible(problem, args, progress, stop)
        except ProblemError as exc:
            progress.end()
            for p in exc.problems:
                _err(f"fout: {p}")
            return EXIT_INPUT
    finally:
        progress.end()
    report = validate(problem, plan) if plan.is_feasible() else None
    if report is not None and not report.ok:  # never hand out a plan that breaks a rule
        _err("interne fout: het plan voldoet niet aan alle regels:\n" + str(report))
        return EXIT_NO_PLAN
    code = EXIT_OK if plan.is_feasible() else EXIT_NO_PLAN
    if plan.is_feasible() and args.output:
        from app.export import write_plan_workbook

        if not _write_plan(lambda target: write_plan_workbook(problem, plan, target, extras=loaded.extras,
                                                              **_names_options(args)),
                           args.output, args.input):
            return EXIT_OUTPUT
    if args.json:
        print(json.dumps(plan_json(plan, args.output), ensure_ascii=False, indent=2, default=str))
    else:
        print(plan.summary(args.lang))
        if plan.is_feasible() and args.output:
            print(f"Plan geschreven naar {Path(args.output).resolve()}" if args.lang != "en"
                  else f"Plan written to {Path(args.output).resolve()}")
    if stop.is_set() and code == EXIT_OK:
        return EXIT_INTERRUPTED
    return code


def _solve_interruptible(problem, args, progress, stop):
    from optimizer import solve

    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result["plan"] = solve(problem, time_limit=args.time_limit, on_progress=progress, stop=stop,
                                   deterministic=args.deterministic, seed=args.seed, workers=args.workers,
                                   bound_seconds=args.bound_time)
        except BaseException as exc:  # re-raised in the main thread
            result["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.1)
    except KeyboardInterrupt:
        stop.set()
        _err("\nGestopt; het beste plan tot nu toe wordt bewaard...")
        worker.join()
    if "error" in result:
        raise result["error"]
    return result["plan"]


def plan_json(plan, output: str | None) -> dict[str, Any]:
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
             "start_date": c.start_date.isoformat(), "level": c.level, "size": c.size,
             "running": c.running, "members": list(c.members)}
            for c in plan.classes
        ],
        "waiting": [{"id": a.learner_id, "reason": a.reason.text() if a.reason else None} for a in plan.waiting()],
        "output": str(output) if output else None,
    }


def cmd_tradeoff(args: argparse.Namespace) -> int:
    from optimizer.tradeoff import best_within, tradeoff, tradeoff_frame

    t0 = time.perf_counter()  # the time limit covers the whole sweep, reading the input included
    if args.max_wait is not None and args.max_misfit is not None:
        _err("Kies een grens op wachttijd (--max-wait) of op niveauverschil (--max-misfit), niet beide.")
        return EXIT_USAGE
    if _same_file(args.input, args.output):
        _err(f"{args.output} is het invoerbestand; kies een andere naam voor het plan (de invoer wordt nooit overschreven).")
        return EXIT_OUTPUT
    loaded = _load(args.input, args)
    if isinstance(loaded, int):
        return loaded
    if not _names_check(args, loaded.extras):
        return EXIT_USAGE
    problem = _apply_options(loaded.problem, args)
    stop = threading.Event()

    def on_point(point, done: int, total: int) -> None:
        if not args.json:
            f = point.plan.figures
            _err(f"  [{done}/{total}] {point.label}: wacht gem. {f.get('wait_mean', 0):.1f} wk, "
                 f"niveauverschil gem. {f.get('misfit_mean', 0):.1f}, reistijd gem. {f.get('travel_mean', 0):.0f} min")

    capped = args.max_wait is not None or args.max_misfit is not None
    try:
        budget = max(1.0, args.time_limit - (time.perf_counter() - t0))
        kw = dict(on_point=on_point, stop=stop, deterministic=args.deterministic, seed=args.seed, workers=args.workers)
        if capped:
            within = best_within(problem, max_wait_mean=args.max_wait, max_misfit_mean=args.max_misfit,
                                 time_limit=budget, steps=args.points, **kw)
            points = within.tried
        else:
            points = tradeoff(problem, points=args.points, time_limit=budget, **kw)
    except KeyboardInterrupt:
        stop.set()
        return EXIT_INTERRUPTED
    frame = tradeoff_frame(points)
    chosen = points[len(points) // 2] if points else None
    if capped:
        chosen = within.closest
        _err(_cap_message(within, args))
    if chosen is None:
        _err("Geen plan gevonden.")
        return EXIT_NO_PLAN
    if args.chart:
        from app.charts import tradeoff_chart

        tradeoff_chart(points, args.chart)
    if args.output:
        from app.export import write_plan_workbook

        chosen_problem = problem.with_weights(chosen.weights)
        if not _write_plan(lambda target: write_plan_workbook(chosen_problem, chosen.plan, target,
                                                              extras=loaded.extras,
                                                              tradeoff=[(p.label, p.plan) for p in points],
                                                              **_names_options(args)),
                           args.output, args.input):
            return EXIT_OUTPUT
    if args.json:
        print(frame.to_json(orient="records", force_ascii=False, indent=2))
    else:
        print(frame.to_string(index=False, float_format=lambda v: f"{v:.2f}"))
    return EXIT_OK


def _cap_message(within, args: argparse.Namespace) -> str:
    """One line on the capped search: the plan chosen and whether it keeps the cap."""
    if args.max_wait is not None:
        cap = f"gemiddelde wachttijd hooguit {args.max_wait:g} weken"
    else:
        cap = f"gemiddeld niveauverschil hooguit {args.max_misfit:g}"
    p = within.closest
    if p is None:
        return f"Grens {cap}: geen plan gevonden."
    figures = (f"{p.label}: wacht gem. {p.mean_wait:.2f} wk, niveauverschil gem. {p.mean_misfit:.2f}, "
               f"{p.plan.figures.get('placed', 0)} geplaatst")
    if within.met:
        goal = "het meest homogene" if args.max_wait is not None else "het snelst startende"
        return f"Grens {cap}: {goal} plan binnen de grens is {figures}."
    return (f"Grens {cap}: geen van de {len(within.tried)} plannen blijft binnen de grens; "
            f"het dichtstbij is {figures}. Ruim de grens of geef meer tijd.")


def cmd_template(args: argparse.Namespace) -> int:
    from app.template import write_template

    if Path(args.output).exists() and not args.force:
        _err(f"{args.output} bestaat al; kies een andere naam of gebruik --force om te overschrijven.")
        return EXIT_OUTPUT
    try:
        write_template(args.output)
    except OSError as exc:
        _err(f"Kan {args.output} niet schrijven: {exc.strerror or exc}")
        return EXIT_OUTPUT
    print(f"Sjabloon geschreven naar {Path(args.output).resolve()}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    loaded = _load(args.input, args)
    if isinstance(loaded, int):
        return loaded
    p = loaded.problem
    print(f"{args.input}: in orde — {len(p.learners)} deelnemers, {len(p.locations)} locaties, "
          f"{len(p.schedules)} lesroosters, {len(p.routes)} routes, {len(p.running)} lopende klassen.")
    return EXIT_OK


def cmd_run_default(args: argparse.Namespace) -> int:
    """Plan the bundled sample headless and write the plan workbook (``make run`` without a screen)."""
    DEFAULT_OUT.parent.mkdir(parents=True, exist_ok=True)
    ns = build_parser().parse_args(["solve", str(SAMPLE), "-o", str(DEFAULT_OUT), "--time-limit", str(args.time_limit)])
    return cmd_solve(ns)


def _names_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--zonder-namen", action="store_true",
                   help="planwerkmap om te delen (bijv. met de gemeente): deelnemers alleen met id, zonder namen, "
                        "notities, volledige postcodes en eigen kolommen")
    p.add_argument("--houd-kolom", action="append", metavar="NAAM",
                   help="met --zonder-namen: deze eigen kolom toch meenemen (herhaalbaar)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="klasvormer", description="Klasvormer: klassen plannen voor taalaanbieders.")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl", help="taal van meldingen (nl of en)")
    parser.add_argument("-v", "--verbose", action="store_true", help="meer logregels")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser, seconds: float = 30.0, what: str = "rekentijd") -> None:
        p.add_argument("input", help="invoerwerkmap (.xlsx) of deelnemerslijst (.csv)")
        p.add_argument("--time-limit", type=float, default=seconds, help=f"{what} in seconden (standaard {seconds:g})")
        p.add_argument("--preset", help="afweging: 'snelle start', 'gebalanceerd' of 'homogeen'")
        p.add_argument("--horizon", type=int, help="planperiode in weken (overschrijft de werkmap)")
        p.add_argument("--deterministic", action="store_true", help="zelfde invoer geeft hetzelfde plan")
        p.add_argument("--seed", type=int, default=0)
        p.add_argument("--workers", type=int, default=None, help="solver-threads: 8 voor het volledige model (kleine plannen); "
                       "grotere plannen: zoekdraden, één per kern (standaard 2)")
        p.add_argument("--json", action="store_true", help="resultaat als JSON op stdout")
        p.add_argument("--errors", help="schrijf bij fouten een foutenwerkmap naar dit pad")
        p.add_argument("--max-messages", type=int, default=50)

    s = sub.add_parser("solve", help="maak een plan")
    common(s)
    s.add_argument("-o", "--output", help="planwerkmap (.xlsx) om te schrijven")
    _names_arguments(s)
    s.add_argument("--progress", action="store_true", help="toon voortgang ook buiten een terminal")
    s.add_argument("--bound-time", type=float, default=0.0,
                   help="extra seconden na het plan voor een bewezen ondergrens (kolomgeneratie): "
                        "hoe ver het plan hooguit van het best mogelijke ligt")
    s.set_defaults(func=cmd_solve)

    t = sub.add_parser("tradeoff", help="afwegingskader: plannen van snelle start tot homogeen")
    common(t, 60.0, "tijd voor alle plannen samen, inlezen inbegrepen,")
    t.add_argument("--points", type=int, default=5, help="aantal plannen (standaard 5)")
    t.add_argument("-o", "--output", help="planwerkmap met blad Afwegingen")
    _names_arguments(t)
    t.add_argument("--chart", help="grafiek (PNG) van wachttijd tegen niveauverschil")
    t.add_argument("--max-wait", type=float, metavar="WEKEN",
                   help="zoek het meest homogene plan met een gemiddelde wachttijd van hooguit zoveel weken "
                        "(--points plannen, steeds dichter bij de grens)")
    t.add_argument("--max-misfit", type=float, metavar="PUNTEN",
                   help="zoek het snelst startende plan met een gemiddeld niveauverschil van hooguit zoveel punten")
    t.set_defaults(func=cmd_tradeoff)

    c = sub.add_parser("check", help="controleer een invoerbestand zonder te plannen")
    c.add_argument("input")
    c.add_argument("--errors", help="schrijf een foutenwerkmap naar dit pad")
    c.add_argument("--max-messages", type=int, default=200)
    c.set_defaults(func=cmd_check)

    tp = sub.add_parser("template", help="schrijf een leeg invoersjabloon")
    tp.add_argument("output")
    tp.add_argument("--force", action="store_true", help="overschrijf een bestaand bestand")
    tp.set_defaults(func=cmd_template)

    r = sub.add_parser("run-default", help="plan het meegeleverde voorbeeld en schrijf de planwerkmap")
    r.add_argument("--time-limit", type=float, default=20.0)
    r.set_defaults(func=cmd_run_default)

    try:
        from app.simulate_cli import add_simulate_parser
    except ImportError:
        pass
    else:
        add_simulate_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_USAGE
    from optimizer import set_language

    set_language(args.lang)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        _err("Onderbroken.")
        return EXIT_INTERRUPTED
    except FileNotFoundError as exc:
        _err(f"Bestand niet gevonden: {exc.filename}")
        return EXIT_INPUT
    except Exception as exc:  # the last line of defence: a message, never a traceback
        if args.verbose:
            logging.getLogger(__name__).exception("unexpected error")
        _err(f"Onverwachte fout: {exc.__class__.__name__}: {str(exc).rstrip('.')}. Gebruik --verbose voor details.")
        return EXIT_INPUT if isinstance(exc, ValueError) else EXIT_NO_PLAN


if __name__ == "__main__":
    sys.exit(main())
