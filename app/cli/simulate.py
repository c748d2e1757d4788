"""``klasvormer simulate``: the policy simulation from the command line (issue #6).

    klasvormer simulate INPUT --weeks 52 --policies status-quo gebalanceerd homogeen \\
        --seeds 1-3 --out out/simulatie --time-limit 2

INPUT is a workbook (read with :func:`app.workbook.importer.load_problem`) or the word ``sample``
(:func:`app.synth.b1_provider`). Until the subcommand is hooked into ``app.cli.klasvormer``:
``python -m app.cli.simulate INPUT ...`` (same options).

Exit codes: 0 done; 1 the input cannot be read or planned; 2 wrong options; 130 stopped with
Ctrl-C (finished results are still printed and saved).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.cli.args import MAX_HORIZON, MAX_SEED, MAX_WORKERS, check_outputs, number_arg
from app.cli.texts import problem_line, t
from app.simulation.arrivals import MODES, ArrivalSettings
from app.simulation.capacity import SCENARIO_NAMES
from app.simulation.policies import DEFAULT_POLICIES, PolicyError, parse_policy

log = logging.getLogger(__name__)


def _seeds(text: str) -> list[int]:
    """``1,2,5`` or ``1-3`` or a mix (``1-3,7``)."""
    out: list[int] = []
    for part in text.replace(" ", ",").split(","):
        if not part:
            continue
        if "-" in part[1:]:
            a, b = part.split("-", 1)
            lo, hi = int(a), int(b)
            if hi < lo:
                raise argparse.ArgumentTypeError(f"seed range {part} runs backwards")
            out.extend(range(lo, hi + 1))
        else:
            out.append(int(part))
    if not out:
        raise argparse.ArgumentTypeError("no seeds")
    return [_seed(str(seed)) for seed in out]  # each in CP-SAT's range


def _seeds_arg(text: str) -> list[int]:
    try:
        return _seeds(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a list of seeds (e.g. 1,2,3 or 1-5)") from None


def _months(text: str) -> tuple[int, ...]:
    try:
        months = tuple(int(m) for m in text.replace(" ", ",").split(",") if m)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a list of months (e.g. 12,1)") from None
    if not months or any(not 1 <= m <= 12 for m in months):
        raise argparse.ArgumentTypeError("months are 1..12")
    return months


_positive_float = number_arg(float, 0, above=True)
_capacity = number_arg(float, 0, above=True, word="auto")
_seed = number_arg(int, 0, MAX_SEED)


def _configure(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    p.add_argument("input", metavar="INPUT", help="workbook (.xlsx), learners CSV (with --settings) or 'sample' "
                   "(the bundled B1 provider)")
    p.add_argument("--settings", metavar="WERKMAP", default=None,
                   help="instellingenwerkmap (Locaties, Lesroosters, Routes, ...) bij een deelnemerslijst (.csv)")
    p.add_argument("--weeks", type=number_arg(int, 1, MAX_HORIZON), default=52,
                   help=f"weeks to simulate, 1 to {MAX_HORIZON} (default 52)")
    p.add_argument("--policies", nargs="+", default=None, metavar="POLICY",
                   help="policies to compare, e.g. status-quo snelle-start gebalanceerd homogeen "
                        "gebalanceerd+streeftermijn=10 homogeen+maxreis=30 (comma-separated also "
                        f"accepted; default: {' '.join(DEFAULT_POLICIES)})")
    p.add_argument("--seeds", type=_seeds_arg, default=[1], help="seeds, e.g. 1,2,3 or 1-5 (default 1)")
    p.add_argument("--out", type=Path, default=None, metavar="DIR",
                   help="write summary.csv, weekly.csv, learners.csv, classes.csv, settings.json and PNG charts here")
    p.add_argument("--time-limit", type=_positive_float, default=2.0, metavar="S",
                   help="seconds per weekly solve (default 2)")
    p.add_argument("--arrivals-per-week", type=_positive_float, default=50.0, metavar="N",
                   help="mean arrivals a week (default 50)")
    p.add_argument("--horizon", type=number_arg(int, 1, MAX_HORIZON), default=8,
                   help=f"weeks each weekly plan looks ahead, 1 to {MAX_HORIZON} (default 8)")
    p.add_argument("--mode", choices=MODES, default=None,
                   help="arrivals: resample the input's learners (default), synth (PRODUCT.md figures), "
                        "or replay the input's learners by their dates")
    p.add_argument("--peak", type=_positive_float, default=1.0, metavar="F",
                   help="inflow in peak months relative to other months, same yearly total (default 1 = even)")
    p.add_argument("--peak-months", type=_months, default=(12,), metavar="M,M",
                   help="peak months (default 12: the year-end housing peak)")
    p.add_argument("--known-ahead", type=number_arg(float, 0, 1), default=0.4, metavar="SHARE",
                   help="share of arrivals known 1-6 weeks ahead, 0 to 1 (default 0.4)")
    p.add_argument("--backlog", type=number_arg(int, 0), default=0, metavar="N",
                   help="learners already waiting at the start (0 or more)")
    p.add_argument("--capacity", type=_capacity, default="auto",
                   help="teachers and rooms: 'auto' (scaled to the arrival rate) or a factor (default auto)")
    p.add_argument("--scenario", choices=SCENARIO_NAMES, default=None,
                   help="calibrated teachers and rooms, the same for every policy: krap (the status quo waits "
                        "12-26 weeks on the sample), gemiddeld (6-10 weeks), ruim (= auto); '-piek' adds the "
                        "year-end inflow peak (sets --peak); not with --capacity")
    p.add_argument("--workers", type=number_arg(int, 1, MAX_WORKERS), default=None,
                   help=f"local processes for the sweep (default: all cores; 1 = no subprocesses; at most {MAX_WORKERS})")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="dask.distributed scheduler (e.g. tcp://10.0.0.5:8786); needs the 'dask' extra")
    p.add_argument("--solve-workers", type=number_arg(int, 1, MAX_WORKERS), default=None,
                   help="CP-SAT workers per weekly solve (default: the cores the parallel runs leave free; "
                        f"1 to {MAX_WORKERS})")
    p.add_argument("--deterministic", action="store_true",
                   help="repeatable solves (time limit in deterministic units)")
    p.add_argument("--check", action="store_true", help="validate every weekly plan (slower)")
    p.add_argument("--no-commit", dest="commit", action="store_false",
                   help="re-plan freely every week (no move penalty for last week's announced classes)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run_simulate)
    return p


def add_simulate_parser(subparsers: Any, parents: Sequence[argparse.ArgumentParser] = ()) -> argparse.ArgumentParser:
    """Add the ``simulate`` subcommand to ``klasvormer``'s subparsers (``parents``: the global options)."""
    p = subparsers.add_parser(
        "simulate", parents=list(parents), help="replay a year of arrivals with weekly re-planning and compare policies",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
    )
    return _configure(p)


def load_input(text: str, settings: str | None = None) -> tuple[Any, str]:
    """The base problem for INPUT ('sample', a workbook, or a learners CSV with a ``settings``
    workbook) and a label for the settings."""
    if text.strip().lower() == "sample":
        from app.synth import b1_provider

        return b1_provider(), "sample (app.synth.b1_provider)"
    path = Path(text)
    if not path.exists():
        raise FileNotFoundError(t("sim_no_input", path=text))
    try:
        from app.workbook.importer import load_problem
    except ImportError as exc:  # pragma: no cover - the importer is part of app
        raise RuntimeError("reading workbooks needs app.workbook.importer") from exc
    result = load_problem(path, settings=settings)
    if result.problem is None:
        from optimizer.messages import get_language

        raise ValueError(result.summary(get_language()))
    return result.problem, str(path)


def run_simulate(args: argparse.Namespace) -> int:
    """Run the simulation of ``args``; print the per-policy table; save to ``--out``."""
    from app.simulation.sweep import TextProgress, simulate

    raw = args.policies or list(DEFAULT_POLICIES)
    specs = [s.strip() for item in raw for s in item.split(",") if s.strip()]
    try:
        policies = [parse_policy(s).name for s in specs]
    except PolicyError as exc:
        print(problem_line(exc), file=sys.stderr)
        return 2
    scenario = getattr(args, "scenario", None)
    if scenario is not None and args.capacity != "auto":
        print("--scenario en --capacity gaan niet samen: de scenario's leggen docenten en lokalen vast",
              file=sys.stderr)
        return 2
    try:
        base, label = load_input(args.input, getattr(args, "settings", None))
    except (OSError, ValueError, RuntimeError) as exc:
        print(problem_line(exc), file=sys.stderr)
        return 1
    arrivals = ArrivalSettings(
        mode=args.mode or ("resample" if base.learners else "synth"),
        arrivals_per_week=args.arrivals_per_week, peak_factor=args.peak, peak_months=args.peak_months,
        known_ahead_share=args.known_ahead, backlog=args.backlog,
    )
    try:
        result = simulate(
            base, policies, weeks=args.weeks, seeds=args.seeds, arrivals_per_week=args.arrivals_per_week,
            time_limit=args.time_limit, workers=args.workers, scheduler=args.scheduler,
            progress=None if args.quiet else TextProgress(), horizon=args.horizon, arrivals=arrivals,
            capacity=args.capacity, solve_workers=args.solve_workers, deterministic=args.deterministic,
            check=args.check, source=label, commit=args.commit, scenario=scenario,
        )
    except KeyboardInterrupt:
        print(t("sim_interrupted"), file=sys.stderr)
        return 130
    except ValueError as exc:
        print(problem_line(exc), file=sys.stderr)
        return 1
    if not result.summary.empty:
        print(result.table())
        paired = result.paired_table()
        if paired:
            print("\nverschil met status-quo per seed gepaard, gemiddelde [95%-interval]:")
            print(paired)
    failed = result.settings.get("runs_failed") or []
    for line in failed:
        print(t("sim_run_failed", line=line), file=sys.stderr)
    for line in result.violations()[:20]:
        print(t("sim_violation", line=line), file=sys.stderr)
    if args.out is not None:
        written = result.save(args.out)
        print(t("sim_written", n=len(written), path=args.out), file=sys.stderr)
    if result.interrupted:
        print(t("sim_stopped", done=result.settings["runs_finished"], total=len(policies) * len(args.seeds)),
              file=sys.stderr)
        return 130
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    """``python -m app.cli.simulate INPUT ...``"""
    parser = _configure(argparse.ArgumentParser(prog="klasvormer simulate", description=__doc__.split("\n\n")[0]))
    args = parser.parse_args(argv)
    refused = check_outputs(args)
    if refused:
        print(refused, file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
