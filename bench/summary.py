"""Issue 5's targets, checked against stored benchmark runs (Markdown on stdout).

    PYTHONPATH=. .venv/bin/python -m bench.summary [NAME ...]     # default: protocol

Reads ``bench/results/<NAME>/results.jsonl`` and ``bench/best_known.csv`` and prints, per
case: Klasvormer's distance to the best-known objective and its proven gap at each time limit;
the ratios to the baselines at equal time (straightforward model, status-quo rule,
size-constrained k-means on the fit-only cases); and the model-building cost of the full
model. Nothing is re-run; every number comes from a stored run with its own command.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from functools import cache

from bench.run import HERE, load_best

Row = dict


def load(names: list[str]) -> list[Row]:
    rows: list[Row] = []
    for name in names:
        path = HERE / "results" / name / "results.jsonl"
        if path.exists():
            rows += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return rows


def pct(a: float | None, b: float | None) -> float | None:
    return None if a is None or not b else 100.0 * (a - b) / b


def fmt(v: float | None, digits: int = 1, sign: bool = True) -> str:
    if v is None:
        return "-"
    return f"{v:+.{digits}f}%" if sign else f"{v:.{digits}f}%"


def index(rows: list[Row]) -> dict[tuple[str, str, float], Row]:
    """The last stored run per (case, method, limit)."""
    return {(r["case"], r["method"], float(r["time_limit"])): r for r in rows}


OWN_MODEL = ("klasvormer", "cp-sat", "lns", "lns-noregroup", "cp-sat-noregroup", "bound")
"""Methods whose bound is a valid lower bound of the case's problem (the straightforward
model's is not: it only knows a limited number of class copies); ``bound`` is the
column-generation bound alone."""


def best_bounds(runs: dict) -> dict[str, float]:
    """Per case: the highest lower bound any run of our own model proved."""
    out: dict[str, float] = {}
    for (case, method, _limit), r in runs.items():
        if method in OWN_MODEL and r.get("bound") is not None:
            out[case] = max(out.get(case, 0.0), float(r["bound"]))
    return out


def quality_table(runs: dict, best: dict) -> list[str]:
    bounds = best_bounds(runs)
    out = ["| case | learners | limit s | objective | vs best-known | proven gap | gap to best bound | placed | "
           "wait mean | misfit mean | seconds | peak MB |", "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for (case, method, limit), r in sorted(runs.items(), key=lambda kv: (_order(kv[0][0]), kv[0][2])):
        if method != "klasvormer" or "fitonly" in case:
            continue
        bk = float(best[case]["objective"]) if case in best else None
        obj = r.get("objective")
        gap = 100.0 * (obj - r["bound"]) / obj if obj and r.get("bound") is not None else None
        out.append(f"| {case} | {r.get('learners')} | {limit:g} | {obj if obj is not None else r.get('status')} | "
                   f"{fmt(pct(obj, bk))} | {fmt(gap, sign=False)} | "
                   f"{fmt(100.0 * (obj - bounds[case]) / obj if obj and case in bounds else None, sign=False)} | "
                   f"{r.get('placed', '-')} | "
                   f"{_n(r.get('wait_mean'))} | {_n(r.get('misfit_mean'))} | {_n(r.get('seconds'), 1)} | "
                   f"{r.get('peak_mb', '-')} |")
    return out


def baseline_table(runs: dict) -> list[str]:
    out = ["| case | limit s | Klasvormer | straightforward model | Klasvormer lower by | status quo | "
           "wait mean KV / SQ | avoidable wait KV / SQ | misfit mean KV / SQ | against the status quo |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for (case, method, limit), kv in sorted(runs.items(), key=lambda kv: (_order(kv[0][0]), kv[0][2])):
        if method != "klasvormer" or "fitonly" in case:
            continue
        naive = runs.get((case, "naive", limit))
        sq = runs.get((case, "status-quo", limit)) or runs.get((case, "status-quo", 10.0))
        if naive is None and sq is None:
            continue
        obj = kv.get("objective")
        if naive is None:
            n_txt, lower = "not run", "-"
        elif naive.get("objective") is None:
            n_txt, lower = "no plan", "no plan to compare"
        else:
            n_txt, lower = str(naive["objective"]), fmt(-pct(obj, naive["objective"]), sign=False)
        if sq is None or sq.get("objective") is None:
            sq_txt, waits, avoidable, misfits, verdict = "-", "-", "-", "-", "-"
        else:
            sq_txt = str(sq["objective"])
            waits = f"{_n(kv['wait_mean'])} / {_n(sq['wait_mean'])}"
            floor = wait_floor(case)
            a_kv, a_sq = kv["wait_mean"] - floor, sq["wait_mean"] - floor
            avoidable = f"{_n(a_kv)} / {_n(a_sq)} ({fmt(pct(a_kv, a_sq), 0)})"
            misfits = f"{_n(kv['misfit_mean'])} / {_n(sq['misfit_mean'])}"
            verdict = _verdict(kv, sq)
        out.append(f"| {case} | {limit:g} | {obj} | {n_txt} | {lower} | {sq_txt} | {waits} | {avoidable} | {misfits} | {verdict} |")
    return out


@cache
def wait_floor(case: str) -> float:
    """Mean waiting weeks if every learner started in their first available week: the part of
    the mean wait no plan can avoid (weeks already waited, later availability)."""
    from bench.cases import Case

    size, variant, seed = case.split("-")
    p = Case(case, size, int(seed), variant).build()
    return sum(p.wait_weeks(lr, p.available_week(lr)) for lr in p.learners) / len(p.learners)


def _verdict(kv: Row, sq: Row) -> str:
    """Which of issue 5's two readings holds: 40% less waiting at no worse fit, or the reverse."""
    dw = pct(kv["wait_mean"], sq["wait_mean"])
    dm = pct(kv["misfit_mean"], sq["misfit_mean"])
    if dw is not None and dm is not None:
        if dw <= -40 and kv["misfit_mean"] <= sq["misfit_mean"]:
            return f"wait {dw:+.0f}% at equal or lower misfit: met"
        if dm <= -40 and kv["wait_mean"] <= sq["wait_mean"]:
            return f"misfit {dm:+.0f}% at equal or lower wait: met"
        return f"wait {dw:+.0f}%, misfit {dm:+.0f}%: not met"
    return "-"


def preset_table(runs: dict) -> list[str]:
    """The three presets against the status-quo rule, by key figures (mean wait, mean misfit)."""
    out = ["| case | limit s | plan | wait mean | avoidable wait | misfit mean | placed | against the status quo |",
           "|---|---|---|---|---|---|---|---|"]
    names = {"klasvormer": "gebalanceerd", "klasvormer-snel": "snelle start", "klasvormer-homogeen": "homogeen"}
    for (case, method, limit), _r in sorted(runs.items(), key=lambda kv: (_order(kv[0][0]), kv[0][2])):
        if method != "klasvormer-snel":
            continue
        sq = runs.get((case, "status-quo", limit)) or runs.get((case, "status-quo", 10.0))
        if sq is None:
            continue
        floor = wait_floor(case)
        out.append(f"| {case} | {limit:g} | status quo | {_n(sq['wait_mean'])} | {_n(sq['wait_mean'] - floor)} | "
                   f"{_n(sq['misfit_mean'])} | {sq.get('placed')} | |")
        for m, label in names.items():
            kv = runs.get((case, m, limit))
            if kv is None or kv.get("objective") is None:
                continue
            out.append(f"| {case} | {limit:g} | {label} | {_n(kv['wait_mean'])} | {_n(kv['wait_mean'] - floor)} | "
                       f"{_n(kv['misfit_mean'])} | {kv.get('placed')} | {_verdict(kv, sq)} |")
    return out


def cap_table(runs: dict) -> list[str]:
    """Plans capped at the status quo's own figure (``best_within``): the most homogeneous plan
    that waits no longer on average, and the fastest plan that fits no worse."""
    out = ["| case | limit s | capped | status quo wait / misfit / placed | plan weights (wait/misfit) | "
           "wait mean | misfit mean | placed | against the status quo |",
           "|---|---|---|---|---|---|---|---|---|"]
    labels = {"cap-wait": "mean wait at most SQ's", "cap-misfit": "mean misfit at most SQ's"}
    for (case, method, limit), kv in sorted(runs.items(), key=lambda kv: (_order(kv[0][0]), kv[0][1], kv[0][2])):
        if method not in labels:
            continue
        sq = runs.get((case, "status-quo", limit)) or runs.get((case, "status-quo", 10.0))
        if sq is None or kv.get("objective") is None:
            continue
        w = kv.get("weights") or {}
        verdict = _verdict(kv, sq) if kv.get("cap_met") else "no plan within the cap"
        out.append(f"| {case} | {limit:g} | {labels[method]} | {_n(sq['wait_mean'])} / {_n(sq['misfit_mean'])} / "
                   f"{sq.get('placed')} | {w.get('wait')}/{w.get('misfit')} | {_n(kv['wait_mean'])} | "
                   f"{_n(kv['misfit_mean'])} | {kv.get('placed')} | {verdict} |")
    return out


def kmeans_table(runs: dict) -> list[str]:
    out = ["| case | limit s | Klasvormer misfit total | k-means misfit total | classes KV / k-means | verdict |",
           "|---|---|---|---|---|---|"]
    for (case, method, limit), kv in sorted(runs.items()):
        if method != "klasvormer" or "fitonly" not in case:
            continue
        km = runs.get((case, "kmeans", limit))
        if km is None:
            continue
        a, b = kv.get("misfit_total"), km.get("misfit_total")
        verdict = "-" if a is None or b is None else ("equal or lower: met" if a <= b else "higher: not met")
        out.append(f"| {case} | {limit:g} | {a} | {b} | {kv.get('classes')} / {km.get('classes')} | {verdict} |")
    return out


def lever_table(runs: dict) -> list[str]:
    out = ["| case | limit s | method | objective | vs klasvormer | proven gap | build s | options | peak MB |",
           "|---|---|---|---|---|---|---|---|---|"]
    for (case, method, limit), r in sorted(runs.items(), key=lambda kv: (_order(kv[0][0]), kv[0][2], kv[0][1])):
        if method not in ("cp-sat", "lns-noregroup", "cp-sat-noregroup"):
            continue
        kv = runs.get((case, "klasvormer", limit))
        obj = r.get("objective")
        gap = 100.0 * (obj - r["bound"]) / obj if obj and r.get("bound") is not None else None
        out.append(f"| {case} | {limit:g} | {method} | {obj if obj is not None else r.get('status')} | "
                   f"{fmt(pct(obj, kv.get('objective') if kv else None))} | {fmt(gap, sign=False)} | "
                   f"{_n(r.get('build_seconds'))} | {r.get('options', '-')} | {r.get('peak_mb', '-')} |")
    return out


def _n(v: float | None, digits: int = 2) -> str:
    return "-" if v is None else f"{v:.{digits}f}"


def _order(case: str) -> tuple:
    size = case.split("-", 1)[0]
    return ({"S": 0, "M": 1, "L": 2, "XL": 3}.get(size, 9), case)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("names", nargs="*", default=["protocol"])
    args = ap.parse_args(argv)
    rows = load(args.names)
    if not rows:
        raise SystemExit(f"no stored runs under bench/results/{{{','.join(args.names)}}}")
    runs = index(rows)
    best = load_best()
    sections = [
        ("Klasvormer against the best-known objective", quality_table(runs, best)),
        ("Against the baselines at equal time", baseline_table(runs)),
        ("Presets against the status-quo rule (key figures)", preset_table(runs)),
        ("Capped at the status quo's figures", cap_table(runs)),
        ("Fit-only cases: size-constrained k-means", kmeans_table(runs)),
        ("Levers: the full CP-SAT model, and the search without regrouping", lever_table(runs)),
    ]
    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        counts["valid" if r.get("valid") else ("no plan" if r.get("objective") is None else "INVALID")] += 1
    print(f"Runs: {len(rows)} ({', '.join(f'{v} {k}' for k, v in sorted(counts.items()))}).\n")
    for title, table in sections:
        print(f"### {title}\n")
        print("\n".join(table) + "\n")


if __name__ == "__main__":
    main()
