"""Statistics a municipality can check: paired differences with confidence intervals, waits
per learner group, and the check that every policy saw the same arrivals (issue 24).

Common random numbers: for a seed, every policy plans the same arrivals (the same learners
arriving on the same days, :func:`app.simulation.arrivals.generate_arrivals`), so the
difference between two policies on one seed is not blurred by different inflow.
:func:`common_random_numbers` checks this on the learners table.

Paired differences: for every policy and seed, the policy's figure minus the baseline's
figure on the same seed; over the seeds the mean difference with a two-sided 95% t-interval
(``mean +- t(0.975, n-1) * sd / sqrt(n)``). An interval that excludes zero says the difference
is not a matter of which arrivals happened to come. Where every seed gives the same difference
(``sd`` 0, common for a P90 in whole weeks) the interval has no width and says nothing about
chance; such a difference counts as significant by the sign test alone: at least
:data:`SIGN_TEST_SEEDS` seeds, all the same sign (two-sided p = 2 * 0.5**n < 0.05).

Waits per group (status, route, stadsdeel): over all learners of all seeds (who could start
within the simulated weeks): mean wait, P90, and the share who started within the
streeftermijn (among those whose streeftermijn fell inside the simulated weeks).
"""

from __future__ import annotations

import math
import numbers
import statistics
from collections.abc import Sequence

import pandas as pd

from app.simulation.policies import STATUS_QUO

T975 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
        2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
        2.045, 2.042)
"""The 97.5% quantile of Student's t for 1..30 degrees of freedom (standard tables)."""

SIGN_TEST_SEEDS = 6
"""The fewest seeds whose equal differences are significant (sign test, two-sided, 5%): with two
seeds a P90 one week lower on both was called significant, its interval [-1; -1]."""

PAIRED_METRICS = ("wait_mean", "misfit_mean", "wait_p90", "within_target", "travel_mean")
GROUPS = ("status", "route", "stadsdeel")
PAIRED_COLUMNS = ["policy", "baseline", "metric", "n", "baseline_mean", "policy_mean", "diff_mean", "diff_sd",
                  "ci_low", "ci_high", "relative", "significant"]
GROUP_COLUMNS = ["policy", "group", "value", "learners", "placed", "wait_mean", "wait_p90", "within_target"]


def t_quantile(df: int) -> float:
    """t(0.975, df): the table for df <= 30, else a Cornish-Fisher expansion around 1.96."""
    if df < 1:
        return math.nan
    if df <= len(T975):
        return T975[df - 1]
    z = 1.959964
    return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2)


def _number(value: object) -> float:
    """A table cell as a float; empty or non-numeric cells are NaN."""
    return float(value) if isinstance(value, numbers.Real) else math.nan


def t_interval(values: Sequence[float]) -> tuple[float, float, float, float]:
    """Mean, standard deviation and the 95% t-interval of ``values`` (nan where undefined)."""
    vals = [float(v) for v in values if v is not None and not math.isnan(float(v))]
    if not vals:
        return math.nan, math.nan, math.nan, math.nan
    mean = statistics.fmean(vals)
    if len(vals) < 2:
        return mean, math.nan, math.nan, math.nan
    sd = statistics.stdev(vals)
    half = t_quantile(len(vals) - 1) * sd / math.sqrt(len(vals))
    return mean, sd, mean - half, mean + half


def paired_differences(per_run: pd.DataFrame, baseline: str = STATUS_QUO,
                       metrics: Sequence[str] = PAIRED_METRICS) -> pd.DataFrame:
    """One row per policy (other than ``baseline``) and metric: the paired difference over the
    seeds both ran completely (module doc). ``relative``: mean difference / baseline mean."""
    rows = []
    runs = per_run[per_run["seed"].astype(str) != "all"]
    if "complete" in runs:
        runs = runs[runs["complete"].astype(bool)]
    base = runs[runs["policy"] == baseline].set_index("seed")
    if base.empty:
        return pd.DataFrame(columns=PAIRED_COLUMNS)
    for policy in dict.fromkeys(runs["policy"]):
        if policy == baseline:
            continue
        mine = runs[runs["policy"] == policy].set_index("seed")
        seeds = [s for s in mine.index if s in base.index]
        for metric in metrics:
            if metric not in runs:
                continue
            pairs = [(_number(base.at[s, metric]), _number(mine.at[s, metric])) for s in seeds]
            pairs = [(b, p) for b, p in pairs if not (math.isnan(b) or math.isnan(p))]
            diffs = [p - b for b, p in pairs]
            mean, sd, lo, hi = t_interval(diffs)
            base_mean = statistics.fmean(b for b, _ in pairs) if pairs else math.nan
            rows.append({
                "policy": policy, "baseline": baseline, "metric": metric, "n": len(pairs),
                "baseline_mean": base_mean,
                "policy_mean": statistics.fmean(p for _, p in pairs) if pairs else math.nan,
                "diff_mean": mean, "diff_sd": sd, "ci_low": lo, "ci_high": hi,
                "relative": mean / base_mean if pairs and base_mean else math.nan,
                "significant": bool(not math.isnan(lo) and (lo > 0 or hi < 0)
                                    and (sd > 0 or len(pairs) >= SIGN_TEST_SEEDS)),
            })
    return pd.DataFrame(rows, columns=PAIRED_COLUMNS)


def common_random_numbers(learners: pd.DataFrame) -> bool:
    """True when, for every seed, every policy saw the same arrivals (the same learners with
    the same route, level, status, home and availability week)."""
    if learners.empty:
        return True
    keys = ["learner_id", "route", "level", "status", "home", "available_week", "waiting_since_week"]
    for _, per_seed in learners.groupby("seed"):
        sets = {policy: frozenset(map(tuple, grp[keys].astype(str).itertuples(index=False)))
                for policy, grp in per_seed.groupby("policy")}
        if len(set(sets.values())) > 1:
            return False
    return True


def waits_by_group(learners: pd.DataFrame, target_weeks: int, weeks_done: dict[tuple[str, int], int] | None = None,
                   groups: Sequence[str] = GROUPS) -> pd.DataFrame:
    """Wait distribution per policy and learner group (module doc); one row per policy, group
    (``status``, ``route``, ``stadsdeel``) and value, plus ``group == "alle"`` for everyone."""
    if learners.empty:
        return pd.DataFrame(columns=GROUP_COLUMNS)
    people = learners[learners["outcome"].isin(["placed", "waiting"])].copy()
    people["wait_weeks"] = people["wait_weeks"].astype(float)
    done = weeks_done or {}
    horizon = people.apply(lambda r: done.get((r["policy"], r["seed"]), math.inf), axis=1)
    people["in_cohort"] = people["waiting_since_week"] + target_weeks < horizon
    people["on_time"] = (people["outcome"] == "placed") & (people["wait_weeks"] <= target_weeks)
    people["alle"] = "alle"
    rows = []
    for group in ("alle", *groups):
        if group not in people:
            continue
        for (policy, value), grp in people.groupby(["policy", people[group].fillna("?")], sort=False):
            cohort = grp[grp["in_cohort"]]
            rows.append({
                "policy": policy, "group": group, "value": value, "learners": len(grp),
                "placed": int((grp["outcome"] == "placed").sum()),
                "wait_mean": float(grp["wait_weeks"].mean()),
                "wait_p90": float(grp["wait_weeks"].quantile(0.9)),
                "within_target": float(cohort["on_time"].mean()) if len(cohort) else math.nan,
            })
    return pd.DataFrame(rows, columns=GROUP_COLUMNS)
