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
import math
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.workbook.schema import MAX_HORIZON_WEEKS

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_NO_PLAN, EXIT_OUTPUT, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "b1_aanbieder.xlsx"
DEFAULT_OUT = ROOT / "out" / "plan_b1_aanbieder.xlsx"


def default_out() -> Path:
    """Where ``run-default`` writes: ``out/`` in the source tree; in the frozen application
    (packaging/) the user's Documents folder (home without one), never the program folder."""
    if not getattr(sys, "frozen", False):
        return DEFAULT_OUT
    docs = Path.home() / "Documents"
    return (docs if docs.is_dir() else Path.home()) / "Klasvormer" / DEFAULT_OUT.name


def version() -> str:
    """The installed version (the frozen application carries the package metadata)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("klasvormer")
    except PackageNotFoundError:
        return "onbekend"


# The CLI's own lines, Dutch and English (key -> (nl, en)), like optimizer.messages.TEMPLATES.
TEXTS: dict[str, tuple[str, str]] = {
    "more_warnings": ("... en nog {n:waarschuwing|waarschuwingen}", "... and {n:more warning|more warnings}"),
    "more_errors": ("... en nog {n:fout|fouten}", "... and {n:more error|more errors}"),
    "errors_written": ("Foutenwerkmap geschreven: {path}", "Error workbook written: {path}"),
    "no_plan_made": (
        "{path}: {n:fout|fouten}; er is geen plan gemaakt. Herstel de invoer en probeer opnieuw.",
        "{path}: {n:error|errors}; no plan was made. Fix the input and try again.",
    ),
    "solving": (
        "{n:deelnemer|deelnemers} ingelezen uit {path}; optimaliseren (max {seconds:g} s{bound}, "
        "Ctrl-C stopt met het beste plan tot nu toe)...",
        "{n:learner|learners} read from {path}; optimizing (at most {seconds:g} s{bound}, "
        "Ctrl-C stops with the best plan so far)...",
    ),
    "solving_bound": (", daarna {seconds:g} s voor de ondergrens", ", then {seconds:g} s for the lower bound"),
    "progress": (
        "doelfunctie {objective:>10.0f}  ondergrens {bound:>10.0f}  gat {gap}",
        "objective {objective:>10.0f}  bound {bound:>10.0f}  gap {gap}",
    ),
    "problem": ("fout: {problem}", "error: {problem}"),
    "plan_breaks_rules": (
        "interne fout: het plan voldoet niet aan alle regels:\n{report}",
        "internal error: the plan breaks a rule:\n{report}",
    ),
    "cannot_write": ("Kan {path} niet schrijven: {reason}.", "Cannot write {path}: {reason}."),
    "cannot_write_excel": (
        "Kan {path} niet schrijven: {reason}. Is het bestand open in Excel?",
        "Cannot write {path}: {reason}. Is the file open in Excel?",
    ),
    "is_input": (
        "{option} {path} is het invoerbestand; kies een ander pad (de invoer wordt nooit overschreven).",
        "{option} {path} is the input file; choose another path (the input is never overwritten).",
    ),
    "same_output": (
        "{first} en {second} noemen hetzelfde bestand ({path}); kies twee verschillende namen.",
        "{first} and {second} name the same file ({path}); choose two different names.",
    ),
    "plan_written": ("Plan geschreven naar {path}", "Plan written to {path}"),
    "stopped": ("\nGestopt; het beste plan tot nu toe wordt bewaard...", "\nStopped; keeping the best plan so far..."),
    "one_cap": (
        "Kies een grens op wachttijd (--max-wait) of op niveauverschil (--max-misfit), niet beide.",
        "Choose a cap on waiting (--max-wait) or on level misfit (--max-misfit), not both.",
    ),
    "point": (
        "  [{done}/{total}] {label}: wacht gem. {wait:.1f} wk, niveauverschil gem. {misfit:.1f}, "
        "reistijd gem. {travel:.0f} min",
        "  [{done}/{total}] {label}: mean wait {wait:.1f} wk, mean misfit {misfit:.1f}, mean travel {travel:.0f} min",
    ),
    "no_plan_found": ("Geen plan gevonden.", "No plan found."),
    "cap_wait": ("gemiddelde wachttijd hooguit {value:week|weken}", "mean waiting time at most {value:week|weeks}"),
    "cap_misfit": ("gemiddeld niveauverschil hooguit {value}", "mean level misfit at most {value}"),
    "cap_none": ("Grens {cap}: geen plan gevonden.", "Cap {cap}: no plan found."),
    "cap_figures": (
        "{label}: wacht gem. {wait:.2f} wk, niveauverschil gem. {misfit:.2f}, {placed} geplaatst",
        "{label}: mean wait {wait:.2f} wk, mean misfit {misfit:.2f}, {placed} placed",
    ),
    "cap_met_wait": (
        "Grens {cap}: het meest homogene plan binnen de grens is {figures}.",
        "Cap {cap}: the most homogeneous plan within the cap is {figures}.",
    ),
    "cap_met_misfit": (
        "Grens {cap}: het snelst startende plan binnen de grens is {figures}.",
        "Cap {cap}: the fastest-starting plan within the cap is {figures}.",
    ),
    "cap_missed": (
        "Grens {cap}: geen van de {n} plannen blijft binnen de grens; het dichtstbij is {figures}. "
        "Ruim de grens of geef meer tijd.",
        "Cap {cap}: none of the {n} plans stays within the cap; the closest is {figures}. "
        "Widen the cap or allow more time.",
    ),
    "cap_missed_one": (
        "Grens {cap}: het ene plan blijft niet binnen de grens: {figures}. Ruim de grens of geef meer tijd.",
        "Cap {cap}: the one plan does not stay within the cap: {figures}. Widen the cap or allow more time.",
    ),
    "template_exists": (
        "{path} bestaat al; kies een andere naam of gebruik --force om te overschrijven.",
        "{path} already exists; choose another name or use --force to overwrite it.",
    ),
    "template_written": ("Sjabloon geschreven naar {path}", "Template written to {path}"),
    "check_ok": (
        "{path}: in orde — {learners:deelnemer|deelnemers}, {locations:locatie|locaties}, "
        "{schedules:lesrooster|lesroosters}, {routes:route|routes}, {running:lopende klas|lopende klassen}.",
        "{path}: fine — {learners:learner|learners}, {locations:location|locations}, "
        "{schedules:schedule|schedules}, {routes:route|routes}, {running:running class|running classes}.",
    ),
    "interrupted": ("Onderbroken.", "Interrupted."),
    "reimport": (
        "{path} is een planwerkmap: {n:wijziging|wijzigingen} in de kolom Klas (en op blad Klassen) worden "
        "vastgezet, de rest wordt opnieuw geoptimaliseerd met een straf op verplaatsen.",
        "{path} is a plan workbook: {n:edit|edits} in the Klas column (and on the Klassen sheet) are pinned, "
        "the rest is re-optimised with a penalty on moves.",
    ),
    "edits_found": (
        "{path}: planwerkmap met {n:wijziging|wijzigingen}{colon}",
        "{path}: plan workbook with {n:edit|edits}{colon}",
    ),
    "edit_problems": (
        "{path}: {n:wijziging kan|wijzigingen kunnen} niet zo worden gepland (zie hierboven); pas de kolom Klas "
        "aan. 'solve' zou geen plan vinden.",
        "{path}: {n:edit|edits} cannot be planned like this (see above); change the Klas column. "
        "'solve' would find no plan.",
    ),
    "bad_value": ("moet {allowed} zijn, niet '{value}'", "must be {allowed}, not '{value}'"),
    "float_above": ("een getal groter dan {low:g}", "a number greater than {low:g}"),
    "float_from": ("een getal van {low:g} of meer", "a number of {low:g} or more"),
    "float_range": ("een getal van {low:g} tot en met {high:g}", "a number from {low:g} to {high:g}"),
    "int_from": ("een geheel getal van {low} of meer", "a whole number of {low} or more"),
    "int_range": ("een geheel getal van {low} tot en met {high}", "a whole number from {low} to {high}"),
    "or_word": ("'{word}' of {allowed}", "'{word}' or {allowed}"),
    "preset_bad": (
        "afweging '{value}' bestaat niet; kies uit: {known}",
        "preset '{value}' does not exist; choose from: {known}",
    ),
    "file_not_found": ("Bestand niet gevonden: {path}", "File not found: {path}"),
    "unexpected": (
        "Onverwachte fout: {error}. Gebruik --verbose voor details.",
        "Unexpected error: {error}. Use --verbose for details.",
    ),
}


def _lang() -> str:
    from optimizer.messages import get_language

    return get_language()


def _t(key: str, **params: Any) -> str:
    """The CLI text ``key`` in the language set by ``--lang``."""
    from optimizer.messages import fmt

    nl, en = TEXTS[key]
    return fmt(en if _lang() == "en" else nl, **params)


def problem_line(problem: Any) -> str:
    """``fout: <problem>`` (``error: ...`` under --lang en)."""
    return _t("problem", problem=problem)


def _err(text: str) -> None:
    print(text, file=sys.stderr)


MAX_SEED = 2**31 - 1  # CP-SAT's random_seed is a 32-bit integer
MAX_WORKERS = 256
MAX_HORIZON = MAX_HORIZON_WEEKS  # as on the Instellingen sheet


def number_arg(kind: type, low: float, high: float | None = None, *, above: bool = False, word: str | None = None) -> Any:
    """An argparse ``type=``: a finite ``kind`` (int or float) of at least ``low`` (more than ``low``
    with ``above``) and at most ``high``, or the ``word`` if one is given (e.g. 'auto'). Anything
    else (nan, inf, out of range, not a number) is a usage error that argparse reports with the
    option's name and the allowed range (exit 2)."""
    if kind is int:
        allowed_key, params = ("int_range", {"low": low, "high": high}) if high is not None else ("int_from", {"low": low})
    elif above:
        allowed_key, params = "float_above", {"low": low}
    else:
        allowed_key, params = ("float_range", {"low": low, "high": high}) if high is not None else ("float_from", {"low": low})

    def parse(text: str) -> Any:
        if word is not None and text.strip().lower() == word:
            return word
        try:
            value = kind(text)
        except (TypeError, ValueError):
            value = None
        if (value is None or not math.isfinite(value) or (value <= low if above else value < low)
                or (high is not None and value > high)):
            allowed = _t(allowed_key, **params)
            if word is not None:
                allowed = _t("or_word", word=word, allowed=allowed)
            raise argparse.ArgumentTypeError(_t("bad_value", allowed=allowed, value=text))
        return value

    parse.__name__ = kind.__name__
    return parse


def _preset_arg(text: str) -> str:
    from optimizer import preset
    from optimizer.domain import PRESETS

    try:
        preset(text)
    except KeyError:
        raise argparse.ArgumentTypeError(_t("preset_bad", value=text, known=", ".join(PRESETS))) from None
    return text


def _lang_in(argv: list[str]) -> str | None:
    """The ``--lang`` in ``argv`` (the last one given), so that usage errors found while parsing
    are already in that language."""
    lang = None
    for k, a in enumerate(argv):
        value = argv[k + 1] if a == "--lang" and k + 1 < len(argv) else a.partition("=")[2] if a.startswith("--lang=") else None
        if value in ("nl", "en"):
            lang = value
    return lang


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
        sys.stderr.write(f"\r  {p.elapsed:6.1f} s  " + _t("progress", objective=p.objective, bound=p.bound, gap=gap))
        sys.stderr.flush()

    def end(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def _load(path: str, args: argparse.Namespace):  # -> ImportResult, or the exit code when the input has errors
    """Read the input (a plan workbook as the app's 'Aangepast plan inlezen' does: edits become
    pins and locks, the exported plan the earlier plan), print its issues; on errors the exit code."""
    from app.workbook.importer import load_problem
    from app.workbook.reimport import is_plan_workbook, load_edited_plan

    settings = getattr(args, "settings", None)
    if is_plan_workbook(path):
        result = load_edited_plan(path, settings=settings)
    else:
        result = load_problem(path, settings=settings)
    errors = [i for i in result.issues if i.severity == "fout"]
    warnings = [i for i in result.issues if i.severity != "fout"]
    lang = _lang()
    _print_capped([i.line(lang) for i in warnings], args.max_messages, "more_warnings")  # each line has its severity
    if errors or result.problem is None:
        _print_capped([i.line(lang) for i in errors], args.max_messages, "more_errors")
        written = _write_errors(path, result.issues, args.errors) if getattr(args, "errors", None) else True
        _err(_t("no_plan_made", path=path, n=len(errors)))
        return EXIT_INPUT if written else EXIT_OUTPUT
    return result


def _print_capped(lines: list[str], limit: int, more: str) -> None:
    """The first ``limit`` (0 or more) of ``lines`` on stderr, then how many were left out."""
    for line in lines[:limit]:
        _err(line)
    if len(lines) > limit:
        _err(_t(more, n=len(lines) - limit))


def _write_errors(path: str, issues, target: str) -> bool:
    """Write the error workbook to ``target``; False (after a message naming the path) when it cannot."""
    from app.workbook.errors_workbook import write_error_workbook

    try:
        write_error_workbook(path, issues, target)
    except OSError as exc:  # WriteError: a folder, a path under a file, no permission, the input itself
        _err(f"Kan de foutenwerkmap niet schrijven naar {target}: {_unwritable_reason(Path(target), exc)} "
             "Geef met --errors een bestandsnaam (.xlsx) in een map waarin u mag schrijven.")
        return False
    _err(_t("errors_written", path=target))
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


def _same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name one file: the same resolved path (``./x``, ``../d/x``, links), or,
    when both exist, the same file on disk (case-insensitive file systems, hard links)."""
    pa, pb = Path(a), Path(b)
    if pa.resolve() == pb.resolve():
        return True
    try:
        return pa.exists() and pb.exists() and pa.samefile(pb)
    except OSError:
        return False


OUTPUT_OPTIONS = (("output", "-o/--output"), ("chart", "--chart"), ("errors", "--errors"), ("out", "--out"))
"""The options that name a file (or folder) the command writes: never the input, never each other."""


def check_outputs(args: argparse.Namespace) -> str | None:
    """Why the outputs of ``args`` cannot be written (one names the input, or two name the same
    file), or None. Checked before any work."""
    outputs = [(flag, getattr(args, name)) for name, flag in OUTPUT_OPTIONS if getattr(args, name, None)]
    for source in (getattr(args, "input", None), getattr(args, "settings", None)):  # inputs are never overwritten
        if source is not None and Path(source).exists():
            for flag, path in outputs:
                if _same_file(source, path):
                    return _t("is_input", option=flag, path=path)
    for k, (first, a) in enumerate(outputs):
        for second, b in outputs[k + 1:]:
            if _same_file(a, b):
                return _t("same_output", first=first, second=second, path=b)
    return None


def _names_check(args: argparse.Namespace, extras) -> bool:
    """--houd-kolom only with --zonder-namen, and only columns the input has (not names, notes)."""
    keep = getattr(args, "houd_kolom", None) or []
    if not keep:
        return True
    if not getattr(args, "zonder_namen", False):
        _err("--houd-kolom kan alleen samen met --zonder-namen.")
        return False
    from app.workbook.export import pseudonymous_extras

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
    from app.workbook.xlsx_util import WriteError

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

    loaded = _load(args.input, args)
    if isinstance(loaded, int):
        return loaded
    if not _names_check(args, loaded.extras):
        return EXIT_USAGE
    problem = _apply_options(loaded.problem, args)
    reimport = _is_reimport(loaded)
    progress = _ProgressLine(not args.json and (sys.stderr.isatty() or args.progress))
    stop = threading.Event()
    if not args.json:
        if reimport:
            _err(_t("reimport", path=args.input, n=len(loaded.plan_edits)))
        bound = _t("solving_bound", seconds=args.bound_time) if args.bound_time > 0 else ""
        _err(_t("solving", n=len(problem.learners), path=args.input, seconds=args.time_limit, bound=bound))
    try:
        try:
            plan = _solve_interruptible(problem, args, progress, stop)
        except ProblemError as exc:
            progress.end()
            _print_capped([_t("problem", problem=p) for p in exc.problems], args.max_messages, "more_errors")
            return EXIT_INPUT
    finally:
        progress.end()
    report = validate(problem, plan) if plan.is_feasible() else None
    if report is not None and not report.ok:  # never hand out a plan that breaks a rule
        _err(_t("plan_breaks_rules", report=report))
        return EXIT_NO_PLAN
    # no teachers at all: only running classes can take anyone, which is no plan (the summary says why)
    code = EXIT_OK if plan.is_feasible() and plan.blocked is None else EXIT_NO_PLAN
    changes = None
    if reimport and plan.is_feasible():
        from app.workbook.reimport import replan_report

        changes = replan_report(problem, loaded.plan_edits, plan)
    if code == EXIT_OK and args.output:
        from app.workbook.export import write_plan_workbook

        if not _write_plan(lambda target: write_plan_workbook(problem, plan, target, extras=loaded.extras,
                                                              changes=changes, **_names_options(args)),
                           args.output, args.input):
            return EXIT_OUTPUT
    if args.json:
        out = plan_json(plan, args.output)
        if changes is not None:
            out["changes"] = changes_json(changes)
        print(json.dumps(out, ensure_ascii=False, indent=2, default=str))
    else:
        print(plan.summary(args.lang))
        if changes is not None:
            print("\n".join(changes.lines(args.lang)))
        if code == EXIT_OK and args.output:
            print(_t("plan_written", path=Path(args.output).resolve()))
    if stop.is_set() and code == EXIT_OK:
        return EXIT_INTERRUPTED
    return code


def solve_options(args: argparse.Namespace, time_limit: float | None = None):  # -> SolveOptions
    """The solver's settings on the command line (``--time-limit`` unless ``time_limit`` is given,
    ``--deterministic``, ``--seed``, ``--workers``, ``--bound-time`` where the command has it)."""
    from optimizer import SolveOptions

    return SolveOptions(time_limit=args.time_limit if time_limit is None else time_limit,
                        deterministic=args.deterministic, seed=args.seed, workers=args.workers,
                        bound_seconds=getattr(args, "bound_time", 0.0))


def _solve_interruptible(problem, args, progress, stop):
    from optimizer import solve

    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result["plan"] = solve(problem, solve_options(args), on_progress=progress, stop=stop)
        except BaseException as exc:  # re-raised in the main thread
            result["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.1)
    except KeyboardInterrupt:
        stop.set()
        _err(_t("stopped"))
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


def _is_reimport(loaded) -> bool:
    """Whether ``loaded`` came from a plan workbook (read with its Klassen sheet)."""
    return "classes" in loaded.source.sheets


def changes_json(report) -> list[dict[str, Any]]:
    return [{"what": c.what, "id": c.subject, "kind": c.kind, "from": c.old, "to": c.new, "reason": c.reason}
            for c in report.changes]


def cmd_tradeoff(args: argparse.Namespace) -> int:
    from optimizer.frontier import frontier
    from optimizer.tradeoff import TradeoffPoint, best_within, tradeoff_frame

    t0 = time.perf_counter()  # the time limit covers the whole sweep, reading the input included
    if args.max_wait is not None and args.max_misfit is not None:
        _err(_t("one_cap"))
        return EXIT_USAGE
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
            label = point.label if isinstance(point.label, str) else point.label(args.lang)
            _err(_t("point", done=done, total=total, label=label, wait=f.get("wait_mean", 0),
                    misfit=f.get("misfit_mean", 0), travel=f.get("travel_mean", 0)))

    capped = args.max_wait is not None or args.max_misfit is not None
    try:
        budget = max(1.0, args.time_limit - (time.perf_counter() - t0))
        options = solve_options(args, budget)
        if capped:
            within = best_within(problem, max_wait_mean=args.max_wait, max_misfit_mean=args.max_misfit,
                                 steps=args.points, options=options, on_point=on_point, stop=stop)
            points = within.tried
        else:
            fr = frontier(problem, args.points, options, on_point=on_point, stop=stop)
    except KeyboardInterrupt:
        stop.set()
        return EXIT_INTERRUPTED
    sheet = None
    if capped:
        frame = tradeoff_frame(points)
    else:
        # The frontier: its points as the sweep's (chart, chosen plan) and its own frame and sheet.
        frame = fr.to_frame(args.lang)
        n = len(fr.points)
        points = [TradeoffPoint(p.label(args.lang), k / max(1, n - 1), fr.weights, p.plan)
                  for k, p in enumerate(fr.points)]
        steps = [None, *fr.steps("nl")]
        sheet = [(p.label("nl"), p.plan, {"cap": p.cap, "bound": p.bound, "gap": p.gap, "later": p.changes.later,
                                          "better_fit": p.changes.better_fit, "further": p.changes.further,
                                          "step": step})
                 for p, step in zip(fr.points, steps, strict=True)]
        for line in fr.steps(args.lang):
            _err(f"  {line}")
    chosen = points[len(points) // 2] if points else None
    if capped:
        chosen = within.closest
        _err(_cap_message(within, args))
    if chosen is None:
        _err(_t("no_plan_found"))
        return EXIT_NO_PLAN
    if args.chart:
        from app.cli.charts import tradeoff_chart

        tradeoff_chart(points, args.chart)
    if args.output:
        from app.workbook.export import write_plan_workbook

        chosen_problem = problem.with_weights(chosen.weights)
        if not _write_plan(lambda target: write_plan_workbook(chosen_problem, chosen.plan, target,
                                                              extras=loaded.extras,
                                                              tradeoff=sheet or [(p.label, p.plan) for p in points],
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
        cap = _t("cap_wait", value=f"{args.max_wait:g}")
    else:
        cap = _t("cap_misfit", value=f"{args.max_misfit:g}")
    p = within.closest
    if p is None:
        return _t("cap_none", cap=cap)
    figures = _t("cap_figures", label=p.label, wait=p.mean_wait, misfit=p.mean_misfit,
                 placed=p.plan.figures.get("placed", 0))
    if within.met:
        return _t("cap_met_wait" if args.max_wait is not None else "cap_met_misfit", cap=cap, figures=figures)
    return _t("cap_missed_one" if len(within.tried) == 1 else "cap_missed", cap=cap, n=len(within.tried), figures=figures)


def cmd_template(args: argparse.Namespace) -> int:
    from app.workbook.template import write_template

    if Path(args.output).exists() and not args.force:
        _err(_t("template_exists", path=args.output))
        return EXIT_OUTPUT
    try:
        write_template(args.output)
    except OSError as exc:
        _err(_t("cannot_write", path=args.output, reason=exc.strerror or exc))
        return EXIT_OUTPUT
    print(_t("template_written", path=Path(args.output).resolve()))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    loaded = _load(args.input, args)
    if isinstance(loaded, int):
        return loaded
    p = loaded.problem
    if _is_reimport(loaded):
        from app.workbook.reimport import edit_problems

        edits = loaded.plan_edits
        print(_t("edits_found", path=args.input, n=len(edits), colon=":" if edits else "."))
        for e in edits:
            print(f"  {e.text(args.lang)}")
        problems = edit_problems(p)
        if problems:
            _print_capped([problem_line(m.text(args.lang)) for m in problems], args.max_messages, "more_errors")
            _err(_t("edit_problems", path=args.input, n=len(problems)))
            return EXIT_INPUT
    print(_t("check_ok", path=args.input, learners=len(p.learners), locations=len(p.locations),
             schedules=len(p.schedules), routes=len(p.routes), running=len(p.running)))
    return EXIT_OK


def cmd_run_default(args: argparse.Namespace) -> int:
    """Plan the bundled sample headless and write the plan workbook (``make run`` without a screen)."""
    out = default_out()
    out.parent.mkdir(parents=True, exist_ok=True)
    ns = build_parser().parse_args(["solve", str(SAMPLE), "-o", str(out), "--time-limit", str(args.time_limit)])
    return cmd_solve(ns)


def _names_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--zonder-namen", action="store_true",
                   help="planwerkmap om te delen (bijv. met de gemeente): deelnemers alleen met id, zonder namen, "
                        "notities, volledige postcodes en eigen kolommen")
    p.add_argument("--houd-kolom", action="append", metavar="NAAM",
                   help="met --zonder-namen: deze eigen kolom toch meenemen (herhaalbaar)")


def _settings_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--settings", metavar="WERKMAP",
                   help="instellingenwerkmap met de bladen die de invoer mist (Locaties, Lesroosters, Routes, "
                        "Docenten, Instellingen, ...): nodig bij een deelnemerslijst (.csv)")


def _global_options(parser: argparse.ArgumentParser, default: Any = argparse.SUPPRESS) -> argparse.ArgumentParser:
    """The options that hold for every subcommand (before or after its name).

    On the subcommands they default to SUPPRESS, so that an option given before the subcommand
    is not reset by the subcommand's default.
    """
    parser.add_argument("--lang", choices=("nl", "en"), default="nl" if default is None else default,
                        help="taal van meldingen (nl of en)")
    parser.add_argument("-v", "--verbose", action="store_true", default=False if default is None else default,
                        help="meer logregels")
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="klasvormer", description="Klasvormer: klassen plannen voor taalaanbieders.")
    _global_options(parser, default=None)
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    shared = _global_options(argparse.ArgumentParser(add_help=False))
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser, seconds: float = 30.0, what: str = "rekentijd") -> None:
        p.add_argument("input", help="invoerwerkmap (.xlsx), planwerkmap of deelnemerslijst (.csv)")
        _settings_argument(p)
        p.add_argument("--time-limit", type=number_arg(float, 0, above=True), default=seconds,
                       help=f"{what} in seconden, groter dan 0 (standaard {seconds:g})")
        p.add_argument("--preset", type=_preset_arg, help="afweging: 'snelle start', 'gebalanceerd' of 'homogeen'")
        p.add_argument("--horizon", type=number_arg(int, 1, MAX_HORIZON),
                       help=f"planperiode in weken, 1 tot en met {MAX_HORIZON} (overschrijft de werkmap)")
        p.add_argument("--deterministic", action="store_true", help="zelfde invoer geeft hetzelfde plan")
        p.add_argument("--seed", type=number_arg(int, 0, MAX_SEED), default=0, help=f"0 tot en met {MAX_SEED}")
        p.add_argument("--workers", type=number_arg(int, 1, MAX_WORKERS), default=None,
                       help="solver-threads: 8 voor het volledige model (kleine plannen); "
                       f"grotere plannen: zoekdraden, één per kern (standaard 2; 1 tot en met {MAX_WORKERS})")
        p.add_argument("--json", action="store_true", help="resultaat als JSON op stdout")
        p.add_argument("--errors", help="schrijf bij fouten een foutenwerkmap naar dit pad")
        p.add_argument("--max-messages", type=number_arg(int, 0), default=50,
                       help="toon hooguit zoveel fouten en zoveel waarschuwingen (0 of meer; standaard 50)")

    s = sub.add_parser("solve", parents=[shared], help="maak een plan")
    common(s)
    s.add_argument("-o", "--output", help="planwerkmap (.xlsx) om te schrijven")
    _names_arguments(s)
    s.add_argument("--progress", action="store_true", help="toon voortgang ook buiten een terminal")
    s.add_argument("--bound-time", type=number_arg(float, 0), default=0.0,
                   help="extra seconden na het plan voor een bewezen ondergrens (kolomgeneratie): "
                        "hoe ver het plan hooguit van het best mogelijke ligt")
    s.set_defaults(func=cmd_solve)

    t = sub.add_parser("tradeoff", parents=[shared], help="afwegingskader: plannen van snelle start tot homogeen")
    common(t, 60.0, "tijd voor alle plannen samen, inlezen inbegrepen,")
    t.add_argument("--points", type=number_arg(int, 1), default=5, help="aantal plannen, 1 of meer (standaard 5)")
    t.add_argument("-o", "--output", help="planwerkmap met blad Afwegingen")
    _names_arguments(t)
    t.add_argument("--chart", help="grafiek (PNG) van wachttijd tegen niveauverschil")
    t.add_argument("--max-wait", type=number_arg(float, 0), metavar="WEKEN",
                   help="zoek het meest homogene plan met een gemiddelde wachttijd van hooguit zoveel weken "
                        "(--points plannen, steeds dichter bij de grens)")
    t.add_argument("--max-misfit", type=number_arg(float, 0), metavar="PUNTEN",
                   help="zoek het snelst startende plan met een gemiddeld niveauverschil van hooguit zoveel punten")
    t.set_defaults(func=cmd_tradeoff)

    c = sub.add_parser("check", parents=[shared], help="controleer een invoerbestand zonder te plannen")
    c.add_argument("input", help="invoerwerkmap (.xlsx), planwerkmap of deelnemerslijst (.csv)")
    _settings_argument(c)
    c.add_argument("--errors", help="schrijf een foutenwerkmap naar dit pad")
    c.add_argument("--max-messages", type=number_arg(int, 0), default=200,
                   help="toon hooguit zoveel fouten en zoveel waarschuwingen (0 of meer; standaard 200)")
    c.set_defaults(func=cmd_check)

    tp = sub.add_parser("template", parents=[shared], help="schrijf een leeg invoersjabloon")
    tp.add_argument("output")
    tp.add_argument("--force", action="store_true", help="overschrijf een bestaand bestand")
    tp.set_defaults(func=cmd_template)

    r = sub.add_parser("run-default", parents=[shared], help="plan het meegeleverde voorbeeld en schrijf de planwerkmap")
    r.add_argument("--time-limit", type=number_arg(float, 0, above=True), default=20.0,
                   help="rekentijd in seconden, groter dan 0 (standaard 20)")
    r.set_defaults(func=cmd_run_default)

    try:
        from app.cli.simulate import add_simulate_parser
    except ImportError:
        pass
    else:
        add_simulate_parser(sub, parents=[shared])
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code. The message language it sets (``--lang``) is the
    caller's again afterwards, so an in-process call leaves no trace."""
    from optimizer.messages import get_language, set_language

    before = get_language()
    try:
        return _main(argv)
    finally:
        set_language(before)


def _main(argv: list[str] | None) -> int:
    from optimizer import set_language

    argv = sys.argv[1:] if argv is None else list(argv)
    set_language(_lang_in(argv) or "nl")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_USAGE
    set_language(args.lang)
    refused = check_outputs(args)
    if refused:
        _err(refused)
        return EXIT_USAGE
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        _err(_t("interrupted"))
        return EXIT_INTERRUPTED
    except FileNotFoundError as exc:
        _err(_t("file_not_found", path=exc.filename))
        return EXIT_INPUT
    except Exception as exc:  # the last line of defence: a message, never a traceback
        if args.verbose:
            logging.getLogger(__name__).exception("unexpected error")
        _err(_t("unexpected", error=f"{exc.__class__.__name__}: {str(exc).rstrip('.')}"))
        return EXIT_INPUT if isinstance(exc, ValueError) else EXIT_NO_PLAN


if __name__ == "__main__":
    sys.exit(main())
