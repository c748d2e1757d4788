"""One plain ``solve`` with what it did inside: for trying a constant of the optimizer on one case.

    PYTHONPATH=. .venv/bin/python -m bench.probe CASE TIME_LIMIT [--set MODULE.NAME=VALUE ...] [--trace]

CASE is a benchmark case (``XL-base-1``, ``M-sample-1``: :mod:`bench.cases`) or ``city-N-SEED``
(``app.synth.municipality(N, seed=SEED)``; the 1,500-learner city case of issue 22 is
``city-1500-3``). ``--set solve.LATE_LP_GAP=0.01`` sets a constant of ``optimizer.solve`` for
this run (a tuple as ``0.75,0.85``, a switch as 1 or 0); constants are put back afterwards.

Prints one line (case, the constants set, objective, bound, proven gap in %, whether the
validator passes, seconds), then the plan's stats as JSON (without the trace) and, with
``--trace``, the search's improvements (seconds, objective), thirty at most. Replaces the ad-hoc
scripts of earlier sessions (``xl.py``, ``citystat.py``) that docs/benchmarks.md names.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import time
from collections.abc import Iterator, Sequence
from typing import Any

from bench.cases import Case
from optimizer import Problem, SolveOptions, validate


def build(case: str) -> Problem:
    """The problem of ``case`` (see the module's docstring)."""
    parts = case.split("-")
    if len(parts) != 3:
        raise ValueError(f"case {case!r}: expected SIZE-VARIANT-SEED or city-N-SEED")
    if parts[0] == "city":
        from app.synth import municipality

        return municipality(int(parts[1]), seed=int(parts[2]))
    size, variant, seed = parts
    return Case(case, size, int(seed), variant).build()


def parsed(current: Any, text: str) -> Any:
    """``text`` as a value of the type of ``current``."""
    if isinstance(current, bool):
        if text not in ("0", "1"):
            raise ValueError(f"a switch is 1 or 0, not {text!r}")
        return text == "1"
    if isinstance(current, tuple):
        return tuple(float(x) for x in text.split(",") if x)
    if current is None:
        return float(text)
    return type(current)(float(text)) if isinstance(current, (int, float)) else type(current)(text)


@contextlib.contextmanager
def constants(settings: list[str]) -> Iterator[list[str]]:
    """Each ``MODULE.NAME=VALUE`` set on ``optimizer.MODULE`` while the block runs, then put back."""
    before: list[tuple[Any, str, Any]] = []
    try:
        for setting in settings:
            where, _, text = setting.partition("=")
            module_name, _, name = where.rpartition(".")
            module = importlib.import_module(f"optimizer.{module_name}")  # (not ``import optimizer.solve``: the function)
            if not module_name or not hasattr(module, name):
                raise ValueError(f"--set {setting}: optimizer.{module_name} has no {name}")
            current = getattr(module, name)
            before.append((module, name, current))
            setattr(module, name, parsed(current, text))
        yield settings
    finally:
        for module, name, value in reversed(before):
            setattr(module, name, value)


def probe(case: str, time_limit: float, settings: Sequence[str] = ()) -> dict:
    """The plan's figures and stats for ``case`` at ``time_limit`` under ``settings``."""
    from optimizer import solve

    problem = build(case)
    with constants(list(settings)):
        t0 = time.perf_counter()
        plan = solve(problem, SolveOptions(time_limit=time_limit))
        seconds = time.perf_counter() - t0
    gap = 100 * (plan.objective - plan.bound) / plan.objective if plan.objective else 0.0
    trace = plan.stats.get("trace", [])
    return {
        "case": case, "set": list(settings), "objective": plan.objective, "bound": plan.bound, "gap": round(gap, 2),
        "valid": validate(problem, plan).ok, "seconds": round(seconds, 1),
        "stats": {k: v for k, v in plan.stats.items() if k not in ("trace", "lns_kinds")},
        "trace": [(round(t), int(v)) for t, v, *_ in trace][:: max(1, len(trace) // 30)],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.probe", description=__doc__.split("\n\n")[0])
    parser.add_argument("case")
    parser.add_argument("time_limit", type=float)
    parser.add_argument("--set", action="append", default=[], metavar="MODULE.NAME=VALUE")
    parser.add_argument("--trace", action="store_true")
    args = parser.parse_args(argv)
    r = probe(args.case, args.time_limit, args.set)
    print(r["case"], " ".join(r["set"]) or "-", r["objective"], r["bound"], r["gap"], r["valid"], r["seconds"], flush=True)
    print(json.dumps(r["stats"], default=str))
    if args.trace:
        print(r["trace"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
