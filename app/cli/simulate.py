"""``klasvormer simulate``: the policy simulation from the command line (issue #6).

    klasvormer simulate INPUT --weeks 52 --policies status-quo gebalanceerd homogeen \\
        --seeds 1-3 --out out/simulatie --time-limit 2

INPUT is a workbook (read with :func:`app.workbook.importer.load_problem`) or the word ``sample``
(the bundled ``samples/b1_aanbieder.xlsx``). ``python -m app.cli.simulate INPUT ...`` does the same.

Exit codes: 0 done; 1 the input cannot be read or planned, or every run failed; 2 wrong options;
3 no new class can ever open (no teachers, or no rooms; nothing is simulated); 4 the results
could not be written to ``--out`` (checked before any run; if writing still fails they are kept in
``simulatie_<time>`` next to the input, else in the current or the temporary folder), or ``--out``
holds files of the same names that no simulation wrote (before any run; ``--force`` overwrites them); 130 stopped
with Ctrl-C (finished results are still printed and saved).
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.cli.args import MAX_HORIZON, MAX_SEED, MAX_WORKERS, number_arg, settings_argument
from app.cli.helptexts import h
from app.cli.texts import lang, os_error_line, problem_line, reason_text, t, table_text
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
                raise argparse.ArgumentTypeError(t("sim_seeds_backwards", part=part))
            out.extend(range(lo, hi + 1))
        else:
            out.append(int(part))
    if not out:
        raise argparse.ArgumentTypeError(t("sim_no_seeds"))
    return [_seed(str(seed)) for seed in out]  # each in CP-SAT's range


def _seeds_arg(text: str) -> list[int]:
    try:
        return _seeds(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("sim_bad_seeds", text=text)) from None


def _months(text: str) -> tuple[int, ...]:
    try:
        months = tuple(int(m) for m in text.replace(" ", ",").split(",") if m)
    except ValueError:
        raise argparse.ArgumentTypeError(t("sim_bad_months", text=text)) from None
    if not months or any(not 1 <= m <= 12 for m in months):
        raise argparse.ArgumentTypeError(t("sim_months_range"))
    return months


_positive_float = number_arg(float, 0, above=True)
_capacity = number_arg(float, 0, above=True, word="auto")
_seed = number_arg(int, 0, MAX_SEED)


def _configure(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    p.add_argument("input", metavar="INPUT", help=h("sim_input"))
    settings_argument(p)
    p.add_argument("--weeks", type=number_arg(int, 1, MAX_HORIZON), default=52, help=h("sim_weeks", max=MAX_HORIZON))
    p.add_argument("--policies", nargs="+", default=None, metavar=h("policy_metavar"),
                   help=h("sim_policies", default=" ".join(DEFAULT_POLICIES)))
    p.add_argument("--seeds", type=_seeds_arg, default=[1], help=h("sim_seeds"))
    p.add_argument("--out", type=Path, default=None, metavar=h("folder_metavar"), help=h("sim_out"))
    p.add_argument("--force", action="store_true", help=h("force_output"))
    p.add_argument("--time-limit", type=_positive_float, default=2.0, metavar="S", help=h("sim_time_limit"))
    p.add_argument("--arrivals-per-week", type=_positive_float, default=50.0, metavar="N", help=h("sim_arrivals"))
    p.add_argument("--horizon", type=number_arg(int, 1, MAX_HORIZON), default=8, help=h("sim_horizon", max=MAX_HORIZON))
    p.add_argument("--mode", choices=MODES, default=None, help=h("sim_mode"))
    p.add_argument("--peak", type=_positive_float, default=1.0, metavar="F", help=h("sim_peak"))
    p.add_argument("--peak-months", type=_months, default=(12,), metavar="M,M", help=h("sim_peak_months"))
    p.add_argument("--known-ahead", type=number_arg(float, 0, 1), default=0.4, metavar="SHARE", help=h("sim_known_ahead"))
    p.add_argument("--backlog", type=number_arg(int, 0), default=0, metavar="N", help=h("sim_backlog"))
    p.add_argument("--capacity", type=_capacity, default="auto", help=h("sim_capacity"))
    p.add_argument("--scenario", choices=SCENARIO_NAMES, default=None, help=h("sim_scenario"))
    p.add_argument("--workers", type=number_arg(int, 1, MAX_WORKERS), default=None, help=h("sim_workers", max=MAX_WORKERS))
    p.add_argument("--scheduler", default=None, metavar="ADDRESS", help=h("sim_scheduler"))
    p.add_argument("--solve-workers", type=number_arg(int, 1, MAX_WORKERS), default=None,
                   help=h("sim_solve_workers", max=MAX_WORKERS))
    p.add_argument("--deterministic", action="store_true", help=h("sim_deterministic"))
    p.add_argument("--check", action="store_true", help=h("sim_check"))
    p.add_argument("--no-commit", dest="commit", action="store_false", help=h("sim_no_commit"))
    p.add_argument("--quiet", action="store_true", help=h("sim_quiet"))
    p.add_argument("--json", action="store_true", help=h("sim_json"))
    p.set_defaults(func=run_simulate)
    return p


def add_simulate_parser(subparsers: Any, parents: Sequence[argparse.ArgumentParser] = ()) -> argparse.ArgumentParser:
    """Add the ``simulate`` subcommand to ``klasvormer``'s subparsers (``parents``: the global options)."""
    p = subparsers.add_parser("simulate", parents=list(parents), help=h("simulate"), description=h("sim_description"))
    return _configure(p)


def load_input(text: str, settings: str | None = None) -> tuple[Any, str]:
    """The base problem for INPUT ('sample', a workbook, or a learners CSV with a ``settings``
    workbook) and a label for the settings: the file's path. 'sample' (where no file of that
    name is here) is the bundled sample workbook, as for solve, check and tradeoff."""
    path = Path(text)
    if text.strip().lower() == "sample" and not path.exists():
        from app.cli.files import SAMPLE

        path = SAMPLE
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


def _folder_unwritable(folder: Path) -> str | None:
    """Why no file can be written in ``folder`` (made if missing), or None: checked before any run
    by writing (and removing) a temporary file in it or in its nearest existing parent."""
    from app.cli.files import cannot_write_in, nearest_folder

    try:
        probe = nearest_folder(folder)
        if not probe.is_dir():
            return t("is_file", path=probe) if probe != folder else t("not_a_folder")
    except OSError as exc:  # a folder on the way that cannot be looked into
        return reason_text(exc).rstrip(".") + "."
    return cannot_write_in(probe)


def _save(result: Any, out: Path, input_text: str) -> bool:
    """Save ``result`` to ``out``; when that fails, as ``simulatie_<time>`` next to the input,
    else in the current or the temporary folder (a new folder, never an earlier one:
    :func:`~app.cli.files.keep_elsewhere`), saying where."""
    from app.cli.files import keep_elsewhere
    from app.simulation.results import earlier_results

    earlier = earlier_results(out)  # an earlier simulation's files: save removes those it does not write again
    try:
        written = result.save(out)
    except OSError as exc:
        reason = reason_text(exc).rstrip(".") + "."
        print(t("sim_not_written", path=out, reason=reason), file=sys.stderr)
    else:
        print(t("sim_written", n=len(written), path=out), file=sys.stderr)
        removed = sorted(set(earlier) - {p.name for p in written})
        if removed:
            print(t("sim_removed", n=len(removed), files=", ".join(removed)), file=sys.stderr)
        return True
    source = input_text if Path(input_text).is_file() else str(Path.cwd() / "invoer")
    target = keep_elsewhere(result.save, "simulatie", source)
    print(t("sim_kept", path=target) if target is not None else t("sim_lost"), file=sys.stderr)
    return False


def _base_line(label: str, base: Any, arrivals: ArrivalSettings) -> str:
    """What is simulated: the input read (its learners and running classes) and where the
    arrivals come from (``simulate sample`` read another sample than the one named, unsaid)."""
    rate = f"{arrivals.arrivals_per_week:g}"
    how = t(f"sim_arrivals_{arrivals.mode}", rate=rate.replace(".", ",") if lang() == "nl" else rate)
    return t("sim_base", path=label, n=len(base.learners), running=len(base.running), arrivals=how)


def _within_target_blank(per_policy: Any) -> tuple[int, int] | None:
    """(weeks simulated, target weeks) when a policy with figures has no *binnen streeftermijn*
    (a blank cell in the table): no learner's target date fell inside the simulated weeks,
    as when the simulation is not longer than the target (``--weeks 1``); else None."""
    for _, row in per_policy.iterrows():
        if _nan(row.get("within_target")) and not _nan(row.get("wait_mean")) and not _nan(row.get("target_weeks")):
            return int(row["weeks_done"]), int(row["target_weeks"])
    return None


def _has_dask() -> bool:
    """Can ``--scheduler`` be used: is dask.distributed installed (not in the desktop build)?"""
    import importlib.util

    try:
        return importlib.util.find_spec("distributed") is not None
    except (ImportError, ValueError):  # a module set to None in sys.modules, or one without a spec
        return False


def _nan(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def run_simulate(args: argparse.Namespace) -> int:
    """Run the simulation of ``args``; print the per-policy table; save to ``--out``."""
    from app.simulation.sweep import SimulationError, TextProgress, simulate

    raw = args.policies or list(DEFAULT_POLICIES)
    specs = [s.strip() for item in raw for s in item.split(",") if s.strip()]
    try:
        policies = [parse_policy(s).name for s in specs]
    except PolicyError as exc:
        print(problem_line(exc.text(args.lang)), file=sys.stderr)
        return 2
    scenario = getattr(args, "scenario", None)
    if scenario is not None and args.capacity != "auto":
        print(t("sim_scenario_capacity"), file=sys.stderr)
        return 2
    if args.scheduler is not None and not _has_dask():  # a usage error before any run, in words
        how = t("sim_no_dask_frozen") if getattr(sys, "frozen", False) else t("sim_no_dask_pip")
        print(problem_line(t("sim_no_dask", how=how)), file=sys.stderr)
        return 2
    if args.out is not None:  # before any run: a folder that cannot be written loses no results
        why = _folder_unwritable(args.out)
        if why is not None:
            print(t("sim_out_unwritable", path=args.out, reason=why), file=sys.stderr)
            return 4
    try:
        base, label = load_input(args.input, getattr(args, "settings", None))
    except (OSError, ValueError, RuntimeError) as exc:
        from app.cli.files import name_too_long

        said = os_error_line(exc) if isinstance(exc, OSError) else exc
        print(problem_line(name_too_long(exc, args.input) or said), file=sys.stderr)
        return 1
    from optimizer.explain import no_new_class

    blocked = no_new_class(base)  # teachers and rooms are scaled by a factor: zero stays zero
    if blocked is not None:
        print(t("sim_no_class", reason=blocked.text(args.lang)), file=sys.stderr)
        if args.out is not None:
            print(t("nothing_written", paths=args.out), file=sys.stderr)
        return 3
    if not base.learners:
        if args.mode == "resample":  # nothing to resample from: a usage error, before any run
            print(problem_line(t("sim_resample_empty", path=args.input)), file=sys.stderr)
            return 2
        if args.mode is None:
            print(t("sim_synth_default", path=args.input), file=sys.stderr)
    arrivals = ArrivalSettings(
        mode=args.mode or ("resample" if base.learners else "synth"),
        arrivals_per_week=args.arrivals_per_week, peak_factor=args.peak, peak_months=args.peak_months,
        known_ahead_share=args.known_ahead, backlog=args.backlog,
    )
    print(_base_line(label, base, arrivals), file=sys.stderr)
    try:
        result = simulate(
            base, policies, weeks=args.weeks, seeds=args.seeds, arrivals_per_week=args.arrivals_per_week,
            time_limit=args.time_limit, workers=args.workers, scheduler=args.scheduler,
            progress=None if args.quiet else TextProgress(lang=args.lang), horizon=args.horizon, arrivals=arrivals,
            capacity=args.capacity, solve_workers=args.solve_workers, deterministic=args.deterministic,
            check=args.check, source=label, commit=args.commit, scenario=scenario,
        )
    except KeyboardInterrupt:
        print(t("sim_interrupted"), file=sys.stderr)
        return 130
    except SimulationError as exc:  # no figures at all: no table, no files
        for line in exc.errors:
            print(t("sim_run_failed", line=line), file=sys.stderr)
        print(problem_line(t("sim_all_failed", n=exc.failed)), file=sys.stderr)
        return 1
    except ValueError as exc:
        print(problem_line(exc), file=sys.stderr)
        return 1
    if not result.summary.empty and not args.json:
        print(result.table(render=lambda df: table_text(df, index=True)))
        blank = _within_target_blank(result.per_policy)
        if blank is not None:
            print(t("sim_within_target_blank", weeks=blank[0], target=blank[1]))
        paired = result.paired_table(render=table_text, decimal="," if lang() == "nl" else ".")
        if paired:
            print(t("sim_paired"))
            print(paired)
    failed = result.settings.get("runs_failed") or []
    for line in failed:
        print(t("sim_run_failed", line=line), file=sys.stderr)
    for line in result.violations()[:20]:
        print(t("sim_violation", line=line), file=sys.stderr)
    saved = args.out is None or _save(result, args.out, args.input)
    if args.json:
        print(json.dumps(result_json(result, args.out if args.out is not None and saved else None),
                         ensure_ascii=False, indent=2, default=str))
    if result.interrupted:
        print(t("sim_stopped", done=result.settings["runs_finished"], total=len(policies) * len(args.seeds)),
              file=sys.stderr)
        return 130
    if not saved:
        return 4
    return 1 if failed else 0


def result_json(result: Any, out: Path | None) -> dict[str, Any]:
    """``--json``: the figures per policy and the paired differences under the names of the API
    (``result.per_policy``, ``result.paired``) and the CSV files, missing figures as null."""
    def records(frame: Any) -> list[dict[str, Any]]:
        return json.loads(frame.to_json(orient="records", force_ascii=False)) if len(frame) else []

    per_policy = result.per_policy.reset_index() if len(result.per_policy) else result.per_policy
    return {"per_policy": records(per_policy), "paired": records(result.paired),
            "interrupted": bool(result.interrupted), "settings": result.settings,
            "out": str(Path(out).resolve()) if out is not None else None}


def main(argv: list[str] | None = None) -> int:
    """``python -m app.cli.simulate INPUT ...``: the same as ``klasvormer simulate INPUT ...``."""
    from app.cli.klasvormer import main as klasvormer

    return klasvormer(["simulate", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
