"""The benchmark protocol (issue 5): every method on the same cases, time limits and machine.

    PYTHONPATH=. .venv/bin/python -m bench.run                      # the standard protocol
    PYTHONPATH=. .venv/bin/python -m bench.run --quick              # a 1-minute smoke run
    PYTHONPATH=. .venv/bin/python -m bench.run --cases M-base-1 L-base-1 --limits 30 --methods klasvormer naive

Each (case, method, time limit) runs in a fresh process (``bench.one``) so its peak memory is
its own, one at a time so runs do not compete for the two cores. Results go to
``bench/results/<name>/``: ``results.jsonl`` (one line per run; an interrupted protocol resumes
where it stopped), ``results.md`` (tables) and ``gap_over_time.png``. ``--update-best`` records
any lower valid objective in ``bench/best_known.csv`` with the command that found it.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BEST = HERE / "best_known.csv"

STANDARD_CASES = [f"{s}-base-{k}" for s in ("S", "M", "L") for k in (1, 2, 3)] + [
    "XL-base-1", "M-sample-1", "M-tight_teachers-1", "M-running-1", "M-wide_travel-1", "M-small_routes-1",
    "S-fitonly-1", "M-fitonly-1"]
SCORED_ELSEWHERE = ("klasvormer-snel", "klasvormer-homogeen", "cap-wait", "cap-misfit")
"""Methods that search under other weights: no comparable trace in the gap chart."""
STANDARD_METHODS = ["klasvormer", "greedy", "status-quo", "naive"]
FIT_METHODS = ["klasvormer", "kmeans"]
STANDARD_LIMITS = [10.0, 30.0, 120.0]


def load_best() -> dict[str, dict[str, str]]:
    if not BEST.exists():
        return {}
    with BEST.open() as fh:
        return {row["case"]: row for row in csv.DictReader(fh)}


def save_best(best: dict[str, dict[str, str]]) -> None:
    with BEST.open("w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["case", "objective", "method", "seconds", "command"])
        w.writeheader()
        for case in sorted(best):
            w.writerow({k: best[case][k] for k in w.fieldnames})


def collect_best() -> None:
    """Best-known objectives from every stored run (any method, any limit)."""
    best = load_best()
    for log in sorted(HERE.glob("results/*/results.jsonl")):
        for line in log.read_text().splitlines():
            r = json.loads(line)
            obj, case = r.get("objective"), r["case"]
            if obj is None or not r.get("valid") or "fitonly" in case:
                continue
            if case not in best or obj < float(best[case]["objective"]):
                best[case] = {"case": case, "objective": str(obj), "method": r["method"],
                              "seconds": str(r["time_limit"]),
                              "command": f"PYTHONPATH=. .venv/bin/python -m bench.one {case} {r['method']} "
                                         f"{r['time_limit']:g}"}
    save_best(best)


def run_one(case: str, method: str, limit: float) -> dict:
    cmd = [sys.executable, "-m", "bench.one", case, method, str(limit)]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=max(600, 6 * limit + 300))
    if proc.returncode != 0:
        return {"case": case, "method": method, "time_limit": limit, "status": "ERROR",
                "error": proc.stderr.strip().splitlines()[-1:] or [""], "seconds": time.perf_counter() - t0}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def methods_for(case: str, methods: list[str]) -> list[str]:
    if "fitonly" in case:
        return [m for m in FIT_METHODS if m in methods or m == "kmeans"]
    return [m for m in methods if m != "kmeans"]


def write_report(rows: list[dict], out: Path) -> None:
    best = load_best()
    lines = ["# Benchmark results", "",
             f"Machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}; one run at a time.", ""]
    by_case: dict[str, list[dict]] = {}
    for r in rows:
        by_case.setdefault(r["case"], []).append(r)
    lines += ["| case | learners | limit s | method | objective | vs klasvormer | vs best-known | bound gap | "
              "placed | wait mean | misfit mean | travel mean | seconds | peak MB | valid |",
              "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for case, rs in by_case.items():
        bk = float(best[case]["objective"]) if case in best else None
        for r in sorted(rs, key=lambda r: (r["time_limit"], r["method"])):
            ref = next((x for x in rs if x["method"] == "klasvormer" and x["time_limit"] == r["time_limit"]), None)
            obj = r.get("objective")

            def pct(a: float | None, b: float | None) -> str:
                return f"{100 * (a - b) / b:+.1f}%" if a is not None and b else "-"

            gap = (f"{100 * (obj - r['bound']) / obj:.1f}%" if obj and r.get("bound") is not None else "-")
            lines.append(
                f"| {case} | {r.get('learners', '-')} | {r['time_limit']:g} | {r['method']} | "
                f"{obj if obj is not None else r.get('status')} | "
                f"{pct(obj, ref.get('objective') if ref else None)} | {pct(obj, bk)} | {gap} | {r.get('placed', '-')} | "
                f"{_f(r.get('wait_mean'))} | {_f(r.get('misfit_mean'))} | {_f(r.get('travel_mean'), 0)} | "
                f"{_f(r.get('seconds'))} | {r.get('peak_mb', '-')} | {'yes' if r.get('valid') else 'no'} |")
    out.joinpath("results.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _f(v: float | None, digits: int = 2) -> str:
    return "-" if v is None else f"{v:.{digits}f}"


def gap_chart(rows: list[dict], out: Path) -> None:
    """Gap to the best-known objective over time, per method, for every case with a trace."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from app.cli.charts import PALETTE

    best = load_best()
    preferred = ["M-sample-1", "M-base-1", "L-base-1", "XL-base-1"]
    cases = [c for c in preferred if c in best and any(r["case"] == c for r in rows)]
    cases = cases or [c for c in dict.fromkeys(r["case"] for r in rows) if c in best][:4]
    if not cases:
        return
    # one colour per method in every panel (the legend is drawn once); the preset runs are
    # scored under other weights while they search, so they have no comparable trace
    methods = [m for m in dict.fromkeys(r["method"] for r in rows) if m not in SCORED_ELSEWHERE]
    colour = {m: PALETTE[k % len(PALETTE)] for k, m in enumerate(methods)}
    fig, axes = plt.subplots(1, len(cases), figsize=(4.2 * len(cases), 3.6), dpi=110, squeeze=False)
    for ax, case in zip(axes[0], cases, strict=True):
        bk = float(best[case]["objective"])
        for method in methods:
            rs = [r for r in rows if r["case"] == case and r["method"] == method and r.get("objective")]
            if not rs:
                continue
            longest = max(rs, key=lambda r: r["time_limit"])
            trace = longest.get("trace") or []
            if trace:
                xs = [t for t, _, _ in trace] + [longest["seconds"]]
                ys = [100 * (o - bk) / bk for _, o, _ in trace] + [100 * (longest["objective"] - bk) / bk]
                ax.step(xs, ys, where="post", color=colour[method], label=method)
            else:
                ax.scatter([r["seconds"] for r in rs], [100 * (r["objective"] - bk) / bk for r in rs],
                           color=colour[method], label=method, zorder=3)
        ax.set_title(case)
        ax.set_xscale("symlog", linthresh=1)
        ax.set_xlabel("seconds")
        ax.set_ylabel("% above best-known")
        ax.grid(True, alpha=0.3)
    handles = {}
    for ax in axes[0]:
        for h, label in zip(*ax.get_legend_handles_labels(), strict=True):
            handles.setdefault(label, h)
    axes[0][0].legend(handles.values(), handles.keys(), fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "gap_over_time.png")
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", nargs="*", default=None)
    ap.add_argument("--methods", nargs="*", default=None)
    ap.add_argument("--limits", nargs="*", type=float, default=None)
    ap.add_argument("--name", default=None, help="results folder name (default: protocol or quick)")
    ap.add_argument("--quick", action="store_true", help="S only, 5 s: a smoke run")
    ap.add_argument("--update-best", action="store_true", help="record lower objectives in best_known.csv")
    ap.add_argument("--collect-best", action="store_true",
                    help="record the lowest valid objective of every stored run in best_known.csv, then report")
    args = ap.parse_args(argv)
    if args.collect_best:
        collect_best()
    if args.quick:
        cases, methods, limits = ["S-base-1", "S-fitonly-1"], STANDARD_METHODS, [5.0]
    else:
        cases = args.cases or STANDARD_CASES
        methods = args.methods or STANDARD_METHODS
        limits = args.limits or STANDARD_LIMITS
    out = HERE / "results" / (args.name or ("quick" if args.quick else "protocol"))
    out.mkdir(parents=True, exist_ok=True)
    log = out / "results.jsonl"
    rows = [json.loads(x) for x in log.read_text().splitlines()] if log.exists() else []
    done = {(r["case"], r["method"], r["time_limit"]) for r in rows}
    best = load_best()
    for case in cases:
        for limit in limits:
            for method in methods_for(case, methods):
                if method in ("greedy", "status-quo") and limit != limits[0]:
                    continue  # time-independent: run once
                if (case, method, limit) in done:
                    continue
                r = run_one(case, method, limit)
                rows.append(r)
                with log.open("a") as fh:
                    fh.write(json.dumps(r) + "\n")
                obj = r.get("objective")
                print(f"{case:<22}{method:<12}{limit:>6g}s  {r.get('status', '?'):<10} objective {obj}  "
                      f"{r.get('seconds', 0):.1f}s  valid={r.get('valid')}", flush=True)
                better = case not in best or (obj is not None and obj < float(best[case]["objective"]))
                if args.update_best and obj is not None and r.get("valid") and "fitonly" not in case and better:
                    best[case] = {"case": case, "objective": str(obj), "method": method,
                                  "seconds": str(limit),
                                  "command": f"PYTHONPATH=. .venv/bin/python -m bench.one {case} {method} {limit:g}"}
                    save_best(best)
    write_report(rows, out)
    gap_chart(rows, out)
    print(f"results in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
